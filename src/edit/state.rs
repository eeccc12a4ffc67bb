//! The editor's state: the header as one shared document and the rows as
//! shared `Rc`s, which fields the person has touched, the last deleted row
//! and the last paste's report.

use std::rc::Rc;

use crate::model::{Document, Indicator};
use crate::seen::Seen;
use crate::target::Target;
use crate::tsv::PasteProblem;

/// What the last paste read, for the message under the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteReport {
    pub rows: usize,
    pub problems: Vec<PasteProblem>,
}

/// The editor's state.
#[derive(Clone, Debug, PartialEq)]
pub struct FormState {
    /// The document without its rows (`indicators` is kept empty).
    pub head: Rc<Document>,
    pub rows: Vec<Rc<Indicator>>,
    /// The last deleted row and where it was, for 撤销.
    pub deleted: Option<(usize, Rc<Indicator>)>,
    /// Fields the person has left, by [`FormState::touch_key`].
    pub touched: Rc<Seen>,
    /// 检查 was pressed: every finding is shown.
    pub checked: bool,
    /// What the last paste read and could not read; or, with no row read,
    /// why the last edit was refused (a row past `limits::MAX_ROWS`).
    pub paste_report: Option<PasteReport>,
    /// Counts the edits; a new value means the document changed.
    pub revision: u64,
    next_id: u64,
}

impl FormState {
    pub fn new(doc: Document) -> FormState {
        let mut head = doc;
        let rows: Vec<Rc<Indicator>> = std::mem::take(&mut head.indicators)
            .into_iter()
            .map(Rc::new)
            .collect();
        let mut s = FormState {
            head: Rc::new(head),
            rows,
            deleted: None,
            touched: Rc::new(Seen::new()),
            checked: false,
            paste_report: None,
            revision: 0,
            next_id: 1,
        };
        s.fix_ids();
        s
    }

    /// The whole document (header and rows), as checks, scoring and export see it.
    pub fn document(&self) -> Document {
        let mut doc = (*self.head).clone();
        doc.indicators = self.rows.iter().map(|r| (**r).clone()).collect();
        doc
    }

    /// A stable key for a path: row paths use the row's id, not its
    /// position, so that a touched field stays touched when rows move.
    pub fn touch_key(&self, path: &str) -> String {
        if let Some(rest) = path.strip_prefix("/indicators/") {
            let (idx, tail) = rest.split_once('/').unwrap_or((rest, ""));
            if let Some(row) = idx.parse::<usize>().ok().and_then(|i| self.rows.get(i)) {
                return if tail.is_empty() {
                    format!("#{}", row.id)
                } else {
                    format!("#{}/{}", row.id, tail)
                };
            }
        }
        path.to_string()
    }

    /// Whether a finding at this path may be shown: after 检查, or once the
    /// person has touched the field, a field inside it, or (for a finding
    /// about the whole row table or document) any field at all.
    pub fn is_shown(&self, path: &str) -> bool {
        if self.checked {
            return true;
        }
        let key = self.touch_key(path);
        if self.touched.contains(&key) {
            return true;
        }
        if path.is_empty() || path == "/indicators" {
            return !self.touched.is_empty();
        }
        self.touched.any_with_prefix(&format!("{key}/"))
    }

    pub(super) fn fresh_id(&mut self) -> String {
        loop {
            let id = format!("r{}", self.next_id);
            self.next_id += 1;
            if !self.rows.iter().any(|r| r.id == id) {
                return id;
            }
        }
    }

    /// Gives every row a unique, non-blank id (a loaded file may lack them).
    pub(super) fn fix_ids(&mut self) {
        let mut seen = Seen::new();
        for i in 0..self.rows.len() {
            let id = self.rows[i].id.clone();
            if id.trim().is_empty() || !seen.insert(id) {
                let new = self.fresh_id();
                seen.insert(new.clone());
                Rc::make_mut(&mut self.rows[i]).id = new;
            }
        }
    }

    pub(super) fn touch(&mut self, path: &str) {
        let key = self.touch_key(path);
        if !self.touched.contains(&key) {
            Rc::make_mut(&mut self.touched).insert(key);
        }
    }

    pub(super) fn blank_row(&mut self) -> Rc<Indicator> {
        Rc::new(Indicator {
            id: self.fresh_id(),
            ..Indicator::default()
        })
    }
}

/// True for a row with nothing typed in it.
pub fn row_is_blank(ind: &Indicator) -> bool {
    ind.level1.trim().is_empty()
        && ind.level2.trim().is_empty()
        && ind.name.trim().is_empty()
        && matches!(&ind.target, Target::Invalid { text, .. } if text.trim().is_empty())
        && ind.actual.is_none()
        && ind.weight.is_none()
        && ind.score.is_none()
        && ind.deviation.as_deref().is_none_or(|d| d.trim().is_empty())
}
