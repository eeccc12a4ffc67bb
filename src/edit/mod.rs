//! The form editor's state and every edit to it, as a pure function.
//!
//! [`FormState`] holds the document being filled in: the header as one
//! shared [`Document`] (its `indicators` left empty) and the indicator rows as
//! `Rc<Indicator>`s, so that a keystroke in one row of a 500-row table
//! replaces that row only and the others stay shared (and, in the UI,
//! unrendered). [`apply`] turns a state and an [`Action`] into the next
//! state; the Yew reducer is a thin wrapper over it, so every edit is tested
//! natively. Fields are addressed by their JSON Pointer in the document
//! (`/project/name`, `/indicators/3/target`), the same paths the findings use.
//!
//! The state also remembers which fields the person has touched (findings
//! are shown only for those until 检查 is pressed), the last deleted row (for
//! 撤销), and what the last paste could not read.

//!
//! The parts: `state.rs` (the state and its rows), `paste.rs` (rows and
//! cells pasted from a spreadsheet); this file has the actions and the
//! reducer.

mod paste;
mod state;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use crate::derive::self_eval_from_goal;
use crate::fields::{Field, RowField};
use crate::limits::MAX_ROWS;
use crate::model::{Document, Explanation, Task};

pub use state::{row_is_blank, FormState, PasteReport};

/// An edit the person makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Sets a text, number or target field at a JSON Pointer path.
    SetField {
        path: String,
        text: String,
    },
    /// Sets a row's target (指标值) from typed text, parsed on the spot.
    SetTarget {
        row: usize,
        text: String,
    },
    /// Adds a blank row after this one (`None`: at the end).
    AddRow {
        after: Option<usize>,
    },
    DeleteRow {
        row: usize,
    },
    /// Puts the last deleted row back where it was (撤销).
    UndoDelete,
    DuplicateRow {
        row: usize,
    },
    MoveRow {
        row: usize,
        up: bool,
    },
    /// Pasted tab-separated rows: fill blank rows from `at`, insert the rest.
    PasteRows {
        at: usize,
        text: String,
    },
    /// Pasted cells starting at a cell other than the first column (a
    /// column of targets, say): fills rows downwards from `row`, columns
    /// rightwards from the grid column `col`, adding rows where needed.
    PasteCells {
        row: usize,
        col: usize,
        text: String,
    },
    DismissPasteReport,
    /// Replaces the whole document (a loaded draft, an import).
    LoadDocument(Rc<Document>),
    /// Records (or, with blank text, removes) the explanation of a warning.
    Acknowledge {
        rule: String,
        path: String,
        text: String,
    },
    /// The person has left this field: its findings may be shown now.
    Touch(String),
    /// 检查: show every finding, touched or not.
    CheckAll,
    /// Turns this goal form into its self-evaluation.
    DeriveSelfEval,
    AddTask,
    DeleteTask {
        index: usize,
    },
}

/// The next state after an action. Invalid positions and paths are ignored.
pub fn apply(state: &FormState, action: Action) -> FormState {
    let mut s = state.clone();
    let changed = match action {
        Action::SetField { path, text } => set_field(&mut s, &path, &text),
        Action::SetTarget { row, text } => {
            let year = s.head.year_value();
            match s.rows.get_mut(row) {
                Some(r) => {
                    RowField::Target.set(Rc::make_mut(r), &text, year);
                    true
                }
                None => false,
            }
        }
        Action::AddRow { .. } | Action::DuplicateRow { .. } if s.rows.len() >= MAX_ROWS => {
            refuse(&mut s, rows_full());
            false
        }
        Action::AddRow { after } => {
            let at = after.map_or(s.rows.len(), |a| a.saturating_add(1).min(s.rows.len()));
            let row = s.blank_row();
            s.rows.insert(at, row);
            true
        }
        Action::DeleteRow { row } if row < s.rows.len() => {
            let r = s.rows.remove(row);
            s.deleted = Some((row, r));
            true
        }
        Action::UndoDelete => match s.deleted.take() {
            Some((at, r)) => {
                let at = at.min(s.rows.len());
                s.rows.insert(at, r);
                s.fix_ids();
                true
            }
            None => false,
        },
        Action::DuplicateRow { row } if row < s.rows.len() => {
            let mut copy = (*s.rows[row]).clone();
            copy.id = s.fresh_id();
            // A copy is a new row: it was not approved on the goal form.
            copy.extra.remove(crate::derive::APPROVED_TARGET);
            s.rows.insert(row + 1, Rc::new(copy));
            true
        }
        Action::MoveRow { row, up } => {
            let other = if up {
                row.checked_sub(1)
            } else {
                row.checked_add(1)
            };
            match other {
                Some(o) if o < s.rows.len() && row < s.rows.len() => {
                    s.rows.swap(row, o);
                    true
                }
                _ => false,
            }
        }
        Action::PasteRows { at, text } => paste::rows(&mut s, at, &text),
        Action::PasteCells { row, col, text } => paste::cells(&mut s, row, col, &text),
        Action::DismissPasteReport => {
            s.paste_report = None;
            false
        }
        Action::LoadDocument(doc) => {
            s = FormState::new((*doc).clone());
            s.revision = state.revision;
            true
        }
        Action::Acknowledge { rule, path, text } => {
            let head = Rc::make_mut(&mut s.head);
            head.explanations
                .retain(|e| !(e.rule == rule && e.path == path));
            if !text.trim().is_empty() {
                head.explanations.push(Explanation { rule, path, text });
            }
            true
        }
        Action::Touch(path) => {
            s.touch(&path);
            false
        }
        Action::CheckAll => {
            s.checked = true;
            false
        }
        Action::DeriveSelfEval => {
            if s.head.kind.is_self_eval() {
                false
            } else {
                let derived = self_eval_from_goal(&s.document());
                s = FormState::new(derived);
                s.revision = state.revision;
                true
            }
        }
        Action::AddTask if s.head.tasks.len() >= MAX_ROWS => {
            refuse(
                &mut s,
                format!("表单最多 {MAX_ROWS} 项年度主要任务，已达上限，不能再添加；请删去不需要的任务。"),
            );
            false
        }
        Action::AddTask => {
            Rc::make_mut(&mut s.head).tasks.push(Task::default());
            true
        }
        Action::DeleteTask { index } if index < s.head.tasks.len() => {
            Rc::make_mut(&mut s.head).tasks.remove(index);
            true
        }
        Action::DeleteRow { .. } | Action::DuplicateRow { .. } | Action::DeleteTask { .. } => false,
    };
    if changed {
        s.revision = state.revision + 1;
    }
    s
}

/// Says why an edit was refused, where the paste report is shown.
fn refuse(s: &mut FormState, message: String) {
    s.paste_report = Some(PasteReport {
        rows: 0,
        problems: vec![crate::tsv::PasteProblem {
            line: 0,
            column: String::new(),
            message,
        }],
    });
}

/// Why a row is refused at [`MAX_ROWS`].
fn rows_full() -> String {
    format!("表单最多 {MAX_ROWS} 行绩效指标，已达上限，不能再添加；请删去不需要的行，或拆分为多张表单。")
}

/// Sets the field at a path from typed text; false for a path the editor
/// does not know (nothing changes then).
fn set_field(s: &mut FormState, path: &str, text: &str) -> bool {
    let Some(field) = Field::parse(path) else {
        return false;
    };
    let year = s.head.year_value();
    if let Field::Row(i, f) = field {
        return match s.rows.get_mut(i) {
            Some(r) => {
                let mut copy = (**r).clone();
                f.set(&mut copy, text, year);
                *r = Rc::new(copy);
                true
            }
            None => false,
        };
    }
    if !field.set_header(Rc::make_mut(&mut s.head), text) {
        return false;
    }
    if field == Field::Year {
        // Deadlines typed without a year (`12月底前`) take the new year.
        if let Some(y) = s.head.year_value() {
            for r in s.rows.iter_mut() {
                if r.has_open_dates() {
                    Rc::make_mut(r).fill_years(y);
                }
            }
        }
    }
    true
}

/// The id of the input for a path: `/indicators/4/target` → `f-indicators-4-target`.
pub fn input_id(path: &str) -> String {
    let mut id = String::from("f");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '-'
        });
    }
    id
}
