//! Opening a spreadsheet file (.xlsx, .xls, .ods) with calamine and turning
//! each visible worksheet into a [`Grid`] of cell texts.
//!
//! Spreadsheets store numbers as binary floating point; a cell's number is
//! turned into the text a person sees, at most 15 significant digits as
//! Excel shows them (`0.30000000000000004` → `0.3`), then read exactly as
//! a decimal by the layout reader. Where the file tells the cell's number
//! format (.xlsx), a percentage becomes `95%` and a fixed number of
//! decimals is kept (`10.00`); dates become `YYYY-MM-DD`.

use crate::num::Exact;
use std::io::Cursor;

use calamine::{Data, Reader, SheetVisible, Sheets};
use rust_decimal::Decimal;

use super::grid::{Grid, Rect};
use super::SheetError;

/// The most rows and columns of a sheet that are read; a form has a few
/// hundred rows and a dozen columns.
pub const MAX_ROWS: usize = 20_000;
pub const MAX_COLS: usize = 200;

/// The sheets of a workbook, in order, and the names of the hidden sheets
/// that were not read (templates keep their drop-down lists there).
pub struct Workbook {
    pub grids: Vec<Grid>,
    pub hidden: Vec<String>,
    /// The hidden sheet of our own export ([`super::META_SHEET`]).
    pub meta: Option<Grid>,
    /// Sheets cut to [`MAX_ROWS`] × [`MAX_COLS`].
    pub cut: Vec<String>,
}

/// Opens the bytes of a spreadsheet file.
pub fn open(bytes: &[u8]) -> Result<Workbook, SheetError> {
    if bytes.is_empty() {
        return Err(SheetError::Empty);
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let text = e.to_string();
        if text.contains("password") || text.contains("Password") {
            SheetError::Protected
        } else {
            SheetError::NotASpreadsheet
        }
    })?;
    let sheets = book.sheets_metadata().to_vec();
    let mut out = Workbook {
        grids: Vec::new(),
        hidden: Vec::new(),
        meta: None,
        cut: Vec::new(),
    };
    let percent_known = matches!(book, Sheets::Xlsx(_));
    for sheet in sheets {
        let is_meta = sheet.name == super::META_SHEET;
        if sheet.visible != SheetVisible::Visible && !is_meta {
            out.hidden.push(sheet.name);
            continue;
        }
        let range = match book.worksheet_range(&sheet.name) {
            Ok(r) => r,
            // Chart sheets and dialog sheets have no cells.
            Err(_) => continue,
        };
        let styles = if percent_known {
            book.worksheet_style(&sheet.name).ok()
        } else {
            None
        };
        let merges = match &mut book {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&sheet.name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&sheet.name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut grid = Grid {
            name: sheet.name.clone(),
            merges_known: matches!(book, Sheets::Xlsx(_) | Sheets::Xls(_)),
            ..Grid::default()
        };
        let (top, left) = range
            .start()
            .map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let mut cut = false;
        for (r, c, value) in range.used_cells() {
            let (row, col) = (top + r, left + c);
            if row >= MAX_ROWS || col >= MAX_COLS {
                cut = true;
                continue;
            }
            let format = styles
                .as_ref()
                .and_then(|s| s.get((row as u32, col as u32)))
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.as_str());
            let text = cell_text(value, format);
            if text.is_empty() {
                continue;
            }
            if !percent_known && matches!(value, Data::Float(_) | Data::Int(_)) {
                grid.bare_numbers.push((row, col));
            }
            if grid.cells.len() <= row {
                grid.cells.resize(row + 1, Vec::new());
            }
            let cells = &mut grid.cells[row];
            if cells.len() <= col {
                cells.resize(col + 1, String::new());
            }
            cells[col] = text;
        }
        for d in merges {
            let rect = Rect {
                top: d.start.0 as usize,
                left: d.start.1 as usize,
                bottom: d.end.0 as usize,
                right: d.end.1 as usize,
            };
            if rect.top < MAX_ROWS && rect.left < MAX_COLS {
                grid.merges.push(rect);
            }
        }
        if is_meta && grid.text(0, 0) == "format" {
            out.meta = Some(grid);
            continue;
        }
        if cut {
            out.cut.push(sheet.name);
        }
        out.grids.push(grid);
    }
    if out.grids.is_empty() && out.hidden.is_empty() {
        return Err(SheetError::NoSheets);
    }
    Ok(out)
}

/// The text a person sees in a cell.
fn cell_text(value: &Data, format: Option<&str>) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => number_text(*i as f64, format),
        Data::Float(f) => number_text(*f, format),
        Data::Bool(true) => "TRUE".to_string(),
        Data::Bool(false) => "FALSE".to_string(),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if d.is_datetime() && (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else if d.is_datetime() {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            } else {
                number_text(d.as_f64(), None)
            }
        }
        // ODS dates and durations come as ISO text already; a date is
        // written without a midnight time.
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as it reads: at most 15 significant digits, a percentage
/// format shown with its `%`, the decimals of a fixed format kept.
pub fn number_text(v: f64, format: Option<&str>) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let Some(mut d) = shortest_decimal(v) else {
        return v.to_string();
    };
    let format = format.map(|f| f.split(';').next().unwrap_or(""));
    let percent = format.is_some_and(|f| f.contains('%'));
    if percent {
        d = d.try_mul(Decimal::ONE_HUNDRED).unwrap_or(d).normalize();
    }
    if let Some(dp) = format.and_then(fixed_decimals) {
        if d.scale() <= dp {
            d.rescale(dp);
        }
    }
    let mut text = d.to_string();
    if percent {
        text.push('%');
    }
    text
}

/// The decimal nearest a float as Excel shows it: 15 significant digits.
fn shortest_decimal(v: f64) -> Option<Decimal> {
    let plain = format!("{v}");
    let digits = plain
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>();
    let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
    let d = if significant > 15 {
        Decimal::from_scientific(&format!("{v:.14e}")).ok()?
    } else {
        plain.parse::<Decimal>().ok()?
    };
    Some(d.normalize())
}

/// The number of decimals a number format shows (`0.00` → 2, `#,##0` → 0),
/// when it is a plain fixed format; `None` for General and the rest.
fn fixed_decimals(format: &str) -> Option<u32> {
    let f = format.trim();
    if f.is_empty() || f.eq_ignore_ascii_case("general") || !f.contains('0') {
        return None;
    }
    let after = match f.split_once('.') {
        Some((_, after)) => after,
        None => return Some(0),
    };
    let n = after.chars().take_while(|c| *c == '0' || *c == '#').count();
    u32::try_from(n).ok().filter(|n| *n <= 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_see_them() {
        assert_eq!(number_text(0.1 + 0.2, None), "0.3");
        assert_eq!(number_text(1234.56, None), "1234.56");
        assert_eq!(number_text(10.0, None), "10");
        assert_eq!(number_text(10.0, Some("0.00")), "10.00");
        assert_eq!(
            number_text(10.5, Some("#,##0.00_ ;[Red]-#,##0.00")),
            "10.50"
        );
        // A stored value more precise than its format is kept whole.
        assert_eq!(number_text(1234.5678, Some("0.00")), "1234.5678");
        assert_eq!(number_text(0.95, Some("0%")), "95%");
        assert_eq!(number_text(0.955, Some("0.0%")), "95.5%");
        assert_eq!(number_text(1.0, Some("0%")), "100%");
        assert_eq!(number_text(3309840.0, Some("#,##0.00")), "3309840.00");
        assert_eq!(number_text(-3.0, None), "-3");
        assert_eq!(number_text(1e-7, None), "0.0000001");
    }

    #[test]
    fn fixed_formats_name_their_decimals() {
        assert_eq!(fixed_decimals("General"), None);
        assert_eq!(fixed_decimals("0"), Some(0));
        assert_eq!(fixed_decimals("0.0000"), Some(4));
        assert_eq!(fixed_decimals("@"), None);
        assert_eq!(fixed_decimals("yyyy-mm-dd"), None);
    }

    #[test]
    fn garbage_is_not_a_spreadsheet() {
        assert!(matches!(
            open(b"not a spreadsheet at all"),
            Err(SheetError::NotASpreadsheet)
        ));
        assert!(matches!(open(b""), Err(SheetError::Empty)));
        // A zip that is no workbook.
        let zip = b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
        assert!(open(zip).is_err());
    }
}
