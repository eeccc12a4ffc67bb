//! Indicator rows pasted from Excel or WPS: tab-separated text to typed rows.
//!
//! Spreadsheets put a copied range on the clipboard as tab-separated lines;
//! a cell holding a tab, a line break or a quote is wrapped in double quotes
//! with inner quotes doubled. [`parse_rows`] reads that text, with or without
//! the header row (recognised by the official column names), skips blank
//! lines, fills in the 一级/二级 cells that merged cells leave empty, parses
//! every cell the way the form does, and lists each cell it could not read
//! as a [`PasteProblem`]. Very large pastes stop at [`MAX_ROWS`] rows with a
//! message instead of freezing the page. The module has no web dependency.

use crate::fields::RowField;
use crate::model::{Indicator, Kind};
use crate::num::Num;
use crate::target::{Actual, Target};
use crate::text::normalize;

/// The most rows one paste reads; the rest is reported, not read.
pub const MAX_ROWS: usize = 1000;

/// Headings of columns that are read past: row numbers.
const SKIPPED_HEADINGS: &[&str] = &["序号", "行次"];

/// Headings of a target split over three columns, as Yunnan's and others'
/// tables print it: 指标性质 (the comparator) | 指标值 | 度量单位.
const NATURE_HEADINGS: &[&str] = &["指标性质", "指标方向", "方向", "指标值类型"];
const UNIT_HEADINGS: &[&str] = &["度量单位", "计量单位", "单位"];

/// Where the cells of a column go.
#[derive(Clone, Debug, PartialEq)]
pub enum Col {
    /// A field of the catalogue.
    Field(RowField),
    /// The comparator of a split target (指标性质).
    Nature,
    /// The unit of a split target (度量单位).
    Unit,
    /// A column the form has no field for, kept on the row under its
    /// heading (Chongqing's 得分系数, 是否核心指标 …).
    Extra(String),
    /// Read past: row numbers (序号), blank headings, fields the form lacks.
    Skip,
}

/// What a heading cell names: a field, a part of a split target, a column
/// read past (序号), or — `None` — nothing known.
pub fn heading(cell: &str) -> Option<Col> {
    if let Some(f) = RowField::from_heading(cell) {
        return Some(Col::Field(f));
    }
    let t: String = normalize(cell)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let t = t
        .trim_start_matches(['*', '★'])
        .split('(')
        .next()
        .unwrap_or("");
    if SKIPPED_HEADINGS.contains(&t) {
        Some(Col::Skip)
    } else if NATURE_HEADINGS.contains(&t) {
        Some(Col::Nature)
    } else if UNIT_HEADINGS.contains(&t) {
        Some(Col::Unit)
    } else {
        None
    }
}

/// Whether a row of cells is a heading row: at least two known headings.
pub fn is_heading_row(cells: &[String]) -> bool {
    cells.iter().filter(|c| heading(c).is_some()).count() >= 2
}

/// The comparator a 指标性质 cell gives: a symbol, or 正向 / 反向; the
/// nature words 定量 / 定性 give none.
fn nature_symbol(cell: &str) -> &str {
    let t = cell.trim();
    match t {
        "正向" | "正向指标" => "≥",
        "反向" | "反向指标" => "≤",
        _ if t.contains('定') => "",
        _ => t,
    }
}

/// A pasted cell or row that could not be read as it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteProblem {
    /// The line of the pasted text (1-based), 0 for the paste as a whole.
    pub line: usize,
    /// The column's heading, empty for the paste as a whole.
    pub column: String,
    pub message: String,
}

impl PasteProblem {
    /// The message with where it is, as shown to the person.
    pub fn describe(&self) -> String {
        if self.line == 0 {
            self.message.clone()
        } else if self.column.is_empty() {
            format!("粘贴的第{}行：{}", self.line, self.message)
        } else {
            format!("粘贴的第{}行“{}”：{}", self.line, self.column, self.message)
        }
    }
}

/// Where the quoted cell opened by the quote at byte `open` ends, as
/// (the byte of its closing quote, the byte after it), when it is one.
///
/// Spreadsheets quote a cell that holds a tab, a line break or a quote,
/// double the quotes inside, and follow the closing quote with a tab, a
/// line break or the end of the text. A quote at the start of a cell opens
/// a quoted cell only when what follows reads that way: the first quote
/// that is not doubled is followed by a tab, a line break or the end, and
/// the cell does not hold both a line break and a tab (that is rows of the
/// table swallowed by a stray quote, not one cell). Otherwise the quote is
/// text that someone typed (`"好评"率`, `"关于…`), and the cell and the rows
/// after it are read as usual.
///
/// The scan stops at the first quote that is not doubled, so the text
/// between two such quotes is looked at by at most two scans: reading a
/// paste stays linear in its length.
fn quoted_cell(text: &str, open: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let (mut tab, mut newline) = (false, false);
    let mut j = open + 1;
    while j < b.len() {
        match b[j] {
            b'"' if b.get(j + 1) == Some(&b'"') => j += 2,
            b'"' => {
                let closes = matches!(b.get(j + 1), None | Some(b'\t' | b'\r' | b'\n'));
                return (closes && !(tab && newline)).then_some((j, j + 1));
            }
            b'\t' => {
                tab = true;
                j += 1;
            }
            b'\n' | b'\r' => {
                newline = true;
                j += 1;
            }
            _ => j += 1,
        }
    }
    None
}

/// Pasted text split into records of cells, with each record's line number.
struct Records {
    records: Vec<(usize, Vec<String>)>,
    /// More non-blank records followed the ones read (see [`records`]).
    more: bool,
    /// The lines where a quote at the start of a cell was read as text
    /// because no closing quote came (see [`quoted_cell`]).
    stray_quotes: Vec<usize>,
}

/// Splits clipboard text into records of cells, with each record's line
/// number. Stops after `limit` non-blank records and says whether more
/// followed.
fn records(text: &str, limit: usize) -> Records {
    let mut out = Records {
        records: Vec::new(),
        more: false,
        stray_quotes: Vec::new(),
    };
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut line = 1usize;
    let mut record_line = 1usize;
    let mut at_cell_start = true;
    let finish = |cells: &mut Vec<String>, out: &mut Records, at: usize| {
        let rec = std::mem::take(cells);
        if rec.iter().any(|c| !c.trim().is_empty()) {
            out.records.push((at, rec));
        }
    };
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' if at_cell_start => {
                at_cell_start = false;
                match quoted_cell(text, i) {
                    Some((close, next)) => {
                        let inner = &text[i + 1..close];
                        cell.push_str(&inner.replace("\"\"", "\"").replace("\r\n", "\n"));
                        line += inner.matches('\n').count();
                        i = next;
                    }
                    None => {
                        if out.stray_quotes.last() != Some(&line) {
                            out.stray_quotes.push(line);
                        }
                        cell.push('"');
                        i += 1;
                    }
                }
            }
            b'\t' => {
                cells.push(std::mem::take(&mut cell));
                at_cell_start = true;
                i += 1;
            }
            c @ (b'\r' | b'\n') => {
                i += 1;
                if c == b'\r' && b.get(i) == Some(&b'\n') {
                    i += 1;
                }
                cells.push(std::mem::take(&mut cell));
                finish(&mut cells, &mut out, record_line);
                line += 1;
                record_line = line;
                at_cell_start = true;
                if out.records.len() > limit {
                    out.more = true;
                    return out;
                }
            }
            _ => {
                // Up to the next tab or line break: a quote inside a cell
                // is text. These bytes are ASCII, so `j` is a char boundary.
                let j = b[i..]
                    .iter()
                    .position(|c| matches!(c, b'\t' | b'\r' | b'\n'))
                    .map_or(b.len(), |k| i + k);
                cell.push_str(&text[i..j]);
                at_cell_start = false;
                i = j;
            }
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        finish(&mut cells, &mut out, record_line);
    }
    out.more = out.records.len() > limit;
    out
}

/// What the paste report says about quotes read as text.
fn stray_quote_problems(lines: &[usize]) -> Vec<PasteProblem> {
    lines
        .iter()
        .map(|&line| PasteProblem {
            line,
            column: String::new(),
            message: "单元格开头的引号（\"）没有按表格软件的格式结束（没有结束引号，或结束引号后还有文字），已按普通文字原样读取，后面的行照常读取；请核对这一行。".to_string(),
        })
        .collect()
}

/// The cells of pasted text, line by line (blank lines skipped), at most
/// [`MAX_ROWS`] lines; the flag says whether more were cut off, and the
/// problems where a quote was read as text.
pub fn cells(text: &str) -> (Vec<Vec<String>>, bool, Vec<PasteProblem>) {
    let Records {
        records: mut recs,
        more,
        stray_quotes,
    } = records(text, MAX_ROWS + 1);
    let cut = more || recs.len() > MAX_ROWS;
    recs.truncate(MAX_ROWS);
    let problems = stray_quote_problems(&stray_quotes);
    (recs.into_iter().map(|(_, c)| c).collect(), cut, problems)
}

/// Whether pasted text holds whole indicator rows (a header row, or a first
/// line with at least all but one of the grid's `columns`), so that it is
/// read as rows wherever it is pasted, rather than cell by cell from the
/// focused cell.
pub fn is_whole_rows(text: &str, columns: usize) -> bool {
    let recs = records(text, 1).records;
    let Some((_, first)) = recs.first() else {
        return false;
    };
    is_heading_row(first) || first.len() + 1 >= columns
}

/// Reads pasted rows for a form of this kind. Rows come back without ids
/// (the editor assigns them); every cell that could not be read is kept as
/// typed in the row and listed as a problem.
pub fn parse_rows(text: &str, kind: Kind) -> (Vec<Indicator>, Vec<PasteProblem>) {
    // One record more than the limit, to tell "exactly at the limit" from "cut".
    let Records {
        records: mut recs,
        more,
        stray_quotes,
    } = records(text, MAX_ROWS + 1);
    let mut problems = stray_quote_problems(&stray_quotes);
    let allowed = RowField::columns(kind);
    // Where each cell goes.
    let mut cols: Vec<Col> = allowed.iter().copied().map(Col::Field).collect();
    if let Some((_, first)) = recs.first() {
        if is_heading_row(first) {
            cols = first
                .iter()
                .map(|cell| match heading(cell) {
                    // A 备注 / 指标解释 column is kept where the form has none.
                    Some(Col::Field(f)) if f == RowField::Note || allowed.contains(&f) => {
                        Col::Field(f)
                    }
                    Some(Col::Field(f)) => {
                        problems.push(PasteProblem {
                            line: 1,
                            column: f.label(kind).to_string(),
                            message: "本表没有这一列，该列未读取。".to_string(),
                        });
                        Col::Skip
                    }
                    Some(other) => other,
                    None if cell.trim().is_empty() => Col::Skip,
                    None => {
                        problems.push(PasteProblem {
                            line: 1,
                            column: cell.trim().to_string(),
                            message: "不是本表的栏目，已原样保存在各行中（导出的文件里保留）。"
                                .to_string(),
                        });
                        Col::Extra(cell.trim().to_string())
                    }
                })
                .collect();
            recs.remove(0);
        }
    }
    if more || recs.len() > MAX_ROWS {
        recs.truncate(MAX_ROWS);
        problems.push(PasteProblem {
            line: 0,
            column: String::new(),
            message: format!(
                "粘贴的内容超过 {MAX_ROWS} 行，只读取了前 {MAX_ROWS} 行；其余的请分批粘贴。"
            ),
        });
    }
    let mut rows: Vec<Indicator> = Vec::with_capacity(recs.len());
    for (line, cells) in recs {
        // The total row at the foot of a printed table (总分, 合计) is no
        // indicator.
        let first = cells.iter().map(|c| c.trim()).find(|c| !c.is_empty());
        if first.is_some_and(|c| TOTAL_ROWS.contains(&c)) {
            continue;
        }
        if cells.len() > cols.len() && cells[cols.len()..].iter().any(|c| !c.trim().is_empty()) {
            problems.push(PasteProblem {
                line,
                column: String::new(),
                message: format!(
                    "有 {} 列，本表只有 {} 列，多出的列未读取。",
                    cells.len(),
                    cols.len()
                ),
            });
        }
        let read = read_row(&cells, &cols, rows.last());
        for (_, field, message) in read.problems {
            problems.push(PasteProblem {
                line,
                column: field.label(kind).to_string(),
                message,
            });
        }
        rows.push(read.row);
    }
    (rows, problems)
}

/// One row read from its cells by [`read_row`].
pub struct ReadRow {
    pub row: Indicator,
    /// Which cells (by index) went into the row: fields, the parts of a
    /// split target, columns kept under their heading.
    pub used: Vec<bool>,
    /// Cells read but not understood: the cell's index, its field and
    /// why. The text is kept in the row as typed.
    pub problems: Vec<(usize, RowField, String)>,
}

/// Reads the cells of one indicator row laid out in `cols`: a target split
/// over 指标性质 | 指标值 | 度量单位 is joined, columns the form has no field
/// for are kept in the row's `extra` under their heading, a row printed
/// with its categories shifted left is put back, and merged 一级/二级 cells
/// (blank below their value) take the values of `prev`, the row above.
pub fn read_row(cells: &[String], cols: &[Col], prev: Option<&Indicator>) -> ReadRow {
    let mut ind = Indicator::default();
    let mut used = vec![false; cells.len()];
    let mut problems = Vec::new();
    // A target split over 指标性质 | 指标值 | 度量单位 is read as one.
    let index_of = |want: &Col| {
        cols.iter()
            .zip(cells)
            .position(|(c, v)| c == want && !v.trim().is_empty())
    };
    let nature_at = index_of(&Col::Nature);
    let unit_at = index_of(&Col::Unit);
    let nature = nature_at.map(|i| nature_symbol(&cells[i])).unwrap_or("");
    let unit = unit_at.map(|i| cells[i].trim()).unwrap_or("");
    for (i, (col, raw)) in cols.iter().zip(cells).enumerate() {
        let text = raw.trim();
        let field = match col {
            Col::Field(f) => *f,
            Col::Extra(name) => {
                if !text.is_empty() {
                    ind.extra.insert(name.clone(), text.into());
                    used[i] = true;
                }
                continue;
            }
            Col::Nature | Col::Unit | Col::Skip => continue,
        };
        let joined;
        let text = if field == RowField::Target && !text.is_empty() {
            // The unit column is added where the value has none of its own.
            let has_unit = text.chars().last().is_some_and(|c| !c.is_ascii_digit());
            let unit = if has_unit { "" } else { unit };
            for at in [nature_at, unit_at].into_iter().flatten() {
                used[at] = true;
            }
            joined = format!("{nature}{text}{unit}");
            joined.as_str()
        } else {
            text
        };
        // Two columns of one field (备注 and 指标解释): a blank one does
        // not wipe the other.
        if text.is_empty() && !field.text(&ind).is_empty() {
            continue;
        }
        used[i] = !text.is_empty();
        field.set(&mut ind, text, None);
        if let Some(message) = unreadable(&ind, field) {
            problems.push((i, field, message));
        }
    }
    // 定量 / 定性 in the 指标性质 column says nothing more.
    if let Some(at) = nature_at {
        if cells[at].contains('定') {
            used[at] = true;
        }
    }
    shift_categories(&mut ind);
    // Merged 一级/二级 cells are copied as one value and blanks below it.
    if let Some(prev) = prev {
        if ind.level1.is_empty() {
            ind.level1 = prev.level1.clone();
            if ind.level2.is_empty() {
                ind.level2 = prev.level2.clone();
            }
        } else if ind.level2.is_empty() && ind.level1 == prev.level1 {
            ind.level2 = prev.level2.clone();
        }
    }
    ReadRow {
        row: ind,
        used,
        problems,
    }
}

/// First cells of the total row at the foot of a printed table.
pub const TOTAL_ROWS: &[&str] = &["总分", "合计", "总计", "自评总分", "得分合计"];

/// A table printed with its categories one column to the left (一级 holds
/// 数量指标, 二级 the indicator's name, no 三级 column): the row is put
/// back in place, the 一级 being the one its 二级 belongs to in the
/// national tree.
fn shift_categories(ind: &mut Indicator) {
    if !ind.name.trim().is_empty() || ind.level2.trim().is_empty() {
        return;
    }
    let tree = &crate::profile::Profile::national().categories.tree;
    let under = |l2: &str| {
        tree.iter()
            .find(|n| n.level2.iter().any(|x| crate::text::same_category(x, l2)))
    };
    let level2_is_category = tree.iter().any(|n| {
        crate::text::same_category(&n.name, &ind.level2)
            || n.level2
                .iter()
                .any(|x| crate::text::same_category(x, &ind.level2))
    });
    if let (Some(parent), false) = (under(&ind.level1), level2_is_category) {
        ind.name = std::mem::take(&mut ind.level2);
        ind.level2 = std::mem::replace(&mut ind.level1, parent.name.clone());
    }
}

/// Why a cell just read into `field` could not be read, if it could not.
fn unreadable(ind: &Indicator, field: RowField) -> Option<String> {
    let target = |t: Option<&Target>| match t {
        Some(Target::Invalid { text, error, .. }) if !text.trim().is_empty() => {
            Some(error.message())
        }
        _ => None,
    };
    let num = |n: Option<&Num>| match n {
        Some(Num::Invalid { error, .. }) => Some(error.message()),
        _ => None,
    };
    match field {
        RowField::Target => target(Some(&ind.target)),
        RowField::AdjustedTarget => target(ind.adjusted_target.as_ref()),
        RowField::Actual => match ind.actual.as_ref().map(|a| &a.parsed) {
            Some(Actual::Invalid(e)) => Some(e.message()),
            _ => None,
        },
        RowField::Weight => num(ind.weight.as_ref()),
        RowField::Score => num(ind.score.as_ref()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact view of a row: 一级|二级|三级|指标值|分值.
    fn brief(ind: &Indicator) -> String {
        format!(
            "{}|{}|{}|{}|{}",
            ind.level1,
            ind.level2,
            ind.name,
            ind.target,
            ind.weight.as_ref().map(Num::text).unwrap_or_default()
        )
    }

    fn check(text: &str, kind: Kind, rows: &[&str], problems: &[&str]) {
        let (got, probs) = parse_rows(text, kind);
        let got: Vec<String> = got.iter().map(brief).collect();
        assert_eq!(got, rows, "rows of {text:?}");
        let probs: Vec<String> = probs.iter().map(PasteProblem::describe).collect();
        assert_eq!(probs.len(), problems.len(), "problems {probs:?}");
        for (p, want) in probs.iter().zip(problems) {
            assert!(p.contains(want), "{p:?} should contain {want:?}");
        }
    }

    #[test]
    fn plain_rows_without_header() {
        check(
            "产出指标\t数量指标\t养护里程\t≥120公里\t20\r\n产出指标\t时效指标\t完成时间\t2024年12月31日前\t10\r\n",
            Kind::ProjectGoal,
            &[
                "产出指标|数量指标|养护里程|≥120公里|20",
                "产出指标|时效指标|完成时间|≤2024-12-31|10",
            ],
            &[],
        );
    }

    #[test]
    fn header_row_maps_columns_in_any_order() {
        check(
            "序号\t三级指标\t一级指标\t二级指标\t分值（分）\t年度指标值\n1\t满意度\t满意度指标\t服务对象满意度指标\t10\t≧90 %\n",
            Kind::ProjectGoal,
            &["满意度指标|服务对象满意度指标|满意度|≥90%|10"],
            &[],
        );
    }

    #[test]
    fn merged_category_cells_fill_down() {
        check(
            "产出指标\t数量指标\t甲\t≥1个\n\t\t乙\t≥2个\n\t质量指标\t丙\t≥95%\n效益指标\t社会效益指标\t丁\t明显改善\n",
            Kind::ProjectGoal,
            &[
                "产出指标|数量指标|甲|≥1个|",
                "产出指标|数量指标|乙|≥2个|",
                "产出指标|质量指标|丙|≥95%|",
                "效益指标|社会效益指标|丁|明显改善|",
            ],
            &[],
        );
    }

    #[test]
    fn quoted_cells_keep_tabs_newlines_and_quotes() {
        let text = "产出指标\t数量指标\t\"第一行\n第二行\"\t≥1个\t5\n产出指标\t质量指标\t\"说\"\"好\"\"的\"\t≥90%\t5";
        let (rows, probs) = parse_rows(text, Kind::ProjectGoal);
        assert!(probs.is_empty(), "{probs:?}");
        assert_eq!(rows[0].name, "第一行\n第二行");
        assert_eq!(rows[1].name, "说\"好\"的");
    }

    #[test]
    fn a_stray_quote_is_text_and_swallows_nothing() {
        // A quote typed at the start of a name, never closed: the rows
        // after it are read as rows, and the report says what happened.
        let text = "产出指标\t数量指标\t\"好评率\t≥90%\t5\n产出指标\t质量指标\t乙\t≥95%\t5\n";
        check(
            text,
            Kind::ProjectGoal,
            &[
                "产出指标|数量指标|\"好评率|≥90%|5",
                "产出指标|质量指标|乙|≥95%|5",
            ],
            &["粘贴的第1行：单元格开头的引号（\"）没有按表格软件的格式结束"],
        );
        // Closed, but followed by more text: typed quotes, kept as typed.
        check(
            "产出指标\t数量指标\t\"好评\"率\t≥90%\t5\n",
            Kind::ProjectGoal,
            &["产出指标|数量指标|\"好评\"率|≥90%|5"],
            &["粘贴的第1行：单元格开头的引号"],
        );
        // Closed properly only rows later, with tabs in between: that is
        // rows swallowed, not one cell.
        let text = "产出指标\t数量指标\t\"甲\t≥1个\t5\n产出指标\t质量指标\t乙\"\t≥95%\t5\n效益指标\t社会效益指标\t丙\t明显改善\t5";
        check(
            text,
            Kind::ProjectGoal,
            &[
                "产出指标|数量指标|\"甲|≥1个|5",
                "产出指标|质量指标|乙\"|≥95%|5",
                "效益指标|社会效益指标|丙|明显改善|5",
            ],
            &["粘贴的第1行：单元格开头的引号"],
        );
        // A cell pasted alone from the focused cell says so too.
        let (c, cut, probs) = cells("\"甲\n乙\n");
        assert_eq!(c, vec![vec!["\"甲"], vec!["乙"]]);
        assert!(!cut);
        assert_eq!(probs.len(), 1);
        assert_eq!(probs[0].line, 1);
        // Properly quoted cells are not reported (see the test above), and
        // an empty quoted cell is empty.
        let (c, _, probs) = cells("\"\"\tb\n");
        assert_eq!(
            (c, probs.len()),
            (vec![vec!["".to_string(), "b".into()]], 0)
        );
    }

    #[test]
    fn many_quotes_are_read_in_linear_time() {
        // Each of these would make a scan from every quote to the end of
        // the text if the scans did not stop at the first lone quote.
        for unit in ["\"x\t", "\"\"\"x\t", "\"\t\"\"\n", "\"a\"b\t"] {
            let text = unit.repeat(200_000);
            let (c, _, _) = cells(&text);
            assert!(!c.is_empty(), "{unit:?}");
        }
    }

    #[test]
    fn blank_lines_and_trailing_newlines_are_skipped() {
        check(
            "\n产出指标\t数量指标\t甲\t≥1个\t5\n\n\t\t\t\t\n\n",
            Kind::ProjectGoal,
            &["产出指标|数量指标|甲|≥1个|5"],
            &[],
        );
    }

    #[test]
    fn unreadable_cells_are_kept_and_reported() {
        check(
            "产出指标\t数量指标\t甲\t≥\t五\n产出指标\t质量指标\t乙\t约95%\t5\n",
            Kind::ProjectGoal,
            &["产出指标|数量指标|甲|≥|五", "产出指标|质量指标|乙|约95%|5"],
            &[
                "粘贴的第1行“指标值”：",
                "粘贴的第1行“分值”：",
                "粘贴的第2行“指标值”：“约”",
            ],
        );
    }

    #[test]
    fn self_eval_reads_actuals_and_deviation() {
        let text = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
                    产出指标\t数量指标\t养护里程\t≥120公里\t118\t20\t19.67\t汛期顺延\n\
                    效益指标\t社会效益指标\t出行条件\t明显改善\t≥\t10\t\t\n";
        let (rows, probs) = parse_rows(text, Kind::ProjectSelfEval);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].actual.as_ref().unwrap().text, "118");
        assert_eq!(rows[0].score, Some(Num::parse("19.67")));
        assert_eq!(rows[0].deviation.as_deref(), Some("汛期顺延"));
        assert_eq!(rows[1].deviation, None);
        assert_eq!(probs.len(), 1, "{probs:?}");
        assert_eq!((probs[0].line, probs[0].column.as_str()), (3, "实际完成值"));
    }

    #[test]
    fn columns_the_form_lacks_are_named() {
        check(
            "一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t填报人\n产出指标\t数量指标\t甲\t≥1个\t1\t张三\n",
            Kind::ProjectGoal,
            &["产出指标|数量指标|甲|≥1个|"],
            &["“实际完成值”：本表没有这一列", "“填报人”：不是本表的栏目，已原样保存"],
        );
    }

    #[test]
    fn extra_cells_without_header_are_reported() {
        check(
            "产出指标\t数量指标\t甲\t≥1个\t5\t多余\n",
            Kind::ProjectGoal,
            &["产出指标|数量指标|甲|≥1个|5"],
            &["有 6 列，本表只有 5 列"],
        );
    }

    #[test]
    fn huge_pastes_stop_at_the_limit() {
        let line = "产出指标\t数量指标\t甲\t≥1个\t5\n";
        let text = line.repeat(MAX_ROWS + 500);
        let (rows, probs) = parse_rows(&text, Kind::ProjectGoal);
        assert_eq!(rows.len(), MAX_ROWS);
        assert_eq!(probs.len(), 1);
        assert!(probs[0].describe().contains("只读取了前 1000 行"));
        // Exactly at the limit is no problem.
        let (rows, probs) = parse_rows(&line.repeat(MAX_ROWS), Kind::ProjectGoal);
        assert_eq!((rows.len(), probs.len()), (MAX_ROWS, 0));
    }

    #[test]
    fn ten_megabytes_of_text_is_read_quickly_and_safely() {
        let text = "x".repeat(10 * 1024 * 1024);
        let (rows, _) = parse_rows(&text, Kind::ProjectGoal);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].level1.len(), 10 * 1024 * 1024);
    }

    #[test]
    fn cells_split_lines_and_tabs() {
        let (c, cut, probs) = cells("a\tb\r\n\r\n\"c\r\nd\"\te\n");
        assert_eq!(c, vec![vec!["a", "b"], vec!["c\nd", "e"]]);
        assert!(!cut && probs.is_empty());
        let (c, cut, _) = cells(&"x\n".repeat(MAX_ROWS + 1));
        assert_eq!((c.len(), cut), (MAX_ROWS, true));
    }

    #[test]
    fn whole_rows_are_told_from_a_column() {
        let goal = RowField::columns(Kind::ProjectGoal).len();
        let cases = [
            ("产出指标\t数量指标\t甲\t≥1个\t5\n", true),
            ("产出指标\t数量指标\t甲\t≥1个\n", true),
            ("三级指标\t指标值\n甲\t≥1个\n", true),
            ("≥1个\t5\n≥2个\t5\n", false),
            ("≥1个\n≥2个\n", false),
            ("", false),
        ];
        for (text, rows) in cases {
            assert_eq!(is_whole_rows(text, goal), rows, "{text:?}");
        }
    }

    #[test]
    fn empty_text_gives_nothing() {
        check("", Kind::ProjectGoal, &[], &[]);
        check("\r\n\r\n", Kind::UnitGoal, &[], &[]);
    }
}
