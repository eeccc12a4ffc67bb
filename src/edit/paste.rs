//! Pasting from a spreadsheet: whole rows (with or without the heading
//! row) into the grid, or a block of cells from the focused cell.

use std::rc::Rc;

use super::{row_is_blank, FormState, PasteReport};
use crate::fields::{Field, RowField};
use crate::limits::MAX_ROWS as MAX_FORM_ROWS;
use crate::tsv::{parse_rows, PasteProblem, MAX_ROWS};

/// Pasted rows: fill blank rows from `at`, insert the rest. True when a
/// row was read.
pub(super) fn rows(s: &mut FormState, at: usize, text: &str) -> bool {
    let (rows, mut problems) = parse_rows(text, s.head.kind);
    let year = s.head.year_value();
    let start = at.min(s.rows.len());
    let mut count = 0;
    for (k, mut ind) in rows.into_iter().enumerate() {
        let at = start + k;
        if let Some(y) = year {
            ind.fill_years(y);
        }
        if at < s.rows.len() && row_is_blank(&s.rows[at]) {
            ind.id = s.rows[at].id.clone();
            s.rows[at] = Rc::new(ind);
        } else if s.rows.len() >= MAX_FORM_ROWS {
            problems.push(full(k));
            break;
        } else {
            ind.id = s.fresh_id();
            s.rows.insert(at, Rc::new(ind));
        }
        count += 1;
        // Pasted cells count as touched: their problems show at once.
        for f in RowField::ALL {
            s.touch(&Field::Row(at, f).path());
        }
    }
    s.paste_report = Some(PasteReport {
        rows: count,
        problems,
    });
    count > 0
}

/// Pasted cells from the grid cell at `row`, column `col`: rows downwards,
/// columns rightwards, adding rows where needed (a paste below the last
/// row starts right after it). True when a cell was read.
pub(super) fn cells(s: &mut FormState, row: usize, col: usize, text: &str) -> bool {
    let (cells, cut, mut problems) = crate::tsv::cells(text);
    let cols = RowField::columns(s.head.kind);
    let year = s.head.year_value();
    let row = row.min(s.rows.len());
    let mut read = 0;
    for (k, line) in cells.iter().enumerate() {
        let r = row + k;
        if r == s.rows.len() {
            if r >= MAX_FORM_ROWS {
                problems.push(full(k));
                break;
            }
            let blank = s.blank_row();
            s.rows.push(blank);
        }
        let mut ind = (*s.rows[r]).clone();
        for (j, cell) in line.iter().enumerate() {
            if let Some(f) = col.checked_add(j).and_then(|c| cols.get(c)) {
                f.set(&mut ind, cell.trim(), year);
                s.touch(&Field::Row(r, *f).path());
            }
        }
        s.rows[r] = Rc::new(ind);
        read += 1;
    }
    if cut {
        problems.push(PasteProblem {
            line: 0,
            column: String::new(),
            message: format!(
                "粘贴的内容超过 {MAX_ROWS} 行，只读取了前 {MAX_ROWS} 行；其余的请分批粘贴。"
            ),
        });
    }
    s.paste_report = Some(PasteReport {
        rows: read,
        problems,
    });
    read > 0
}

/// The problem of a paste stopped at the form's row limit after `pasted`
/// of its lines.
fn full(pasted: usize) -> PasteProblem {
    PasteProblem {
        line: 0,
        column: String::new(),
        message: format!(
            "表单最多 {MAX_FORM_ROWS} 行绩效指标，已达上限：只粘贴了前 {pasted} 行，其余未粘贴。"
        ),
    }
}
