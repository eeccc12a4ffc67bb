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

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::derive::self_eval_from_goal;
use crate::model::{Budget, Document, Explanation, Funds, Indicator, Period, Task};
use crate::num::Num;
use crate::target::{parse_target, ActualValue, Target};
use crate::tsv::{parse_rows, PasteProblem};

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
    pub touched: Rc<BTreeSet<String>>,
    /// 检查 was pressed: every finding is shown.
    pub checked: bool,
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
            touched: Rc::new(BTreeSet::new()),
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
        let prefix = format!("{key}/");
        self.touched
            .range(prefix.clone()..)
            .next()
            .is_some_and(|t| t.starts_with(&prefix))
    }

    fn fresh_id(&mut self) -> String {
        loop {
            let id = format!("r{}", self.next_id);
            self.next_id += 1;
            if !self.rows.iter().any(|r| r.id == id) {
                return id;
            }
        }
    }

    /// Gives every row a unique, non-blank id (a loaded file may lack them).
    fn fix_ids(&mut self) {
        let mut seen = BTreeSet::new();
        for i in 0..self.rows.len() {
            let id = self.rows[i].id.clone();
            if id.trim().is_empty() || !seen.insert(id) {
                let new = self.fresh_id();
                seen.insert(new.clone());
                Rc::make_mut(&mut self.rows[i]).id = new;
            }
        }
    }

    fn touch(&mut self, path: &str) {
        let key = self.touch_key(path);
        if !self.touched.contains(&key) {
            Rc::make_mut(&mut self.touched).insert(key);
        }
    }

    fn blank_row(&mut self) -> Rc<Indicator> {
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

/// The next state after an action. Invalid positions and paths are ignored.
pub fn apply(state: &FormState, action: Action) -> FormState {
    let mut s = state.clone();
    let changed = match action {
        Action::SetField { path, text } => set_field(&mut s, &path, &text),
        Action::SetTarget { row, text } => {
            let year = s.head.year_value();
            match s.rows.get_mut(row) {
                Some(r) => {
                    let t = parse_target(&text);
                    Rc::make_mut(r).target = match year {
                        Some(y) => t.with_year(y),
                        None => t,
                    };
                    true
                }
                None => false,
            }
        }
        Action::AddRow { after } => {
            let at = after.map_or(s.rows.len(), |a| (a + 1).min(s.rows.len()));
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
                Some(row + 1)
            };
            match other {
                Some(o) if o < s.rows.len() && row < s.rows.len() => {
                    s.rows.swap(row, o);
                    true
                }
                _ => false,
            }
        }
        Action::PasteRows { at, text } => {
            let (rows, problems) = parse_rows(&text, s.head.kind);
            let year = s.head.year_value();
            let start = at.min(s.rows.len());
            let count = rows.len();
            for (k, mut ind) in rows.into_iter().enumerate() {
                let at = start + k;
                if let Some(y) = year {
                    ind.target = std::mem::take(&mut ind.target).with_year(y);
                }
                if at < s.rows.len() && row_is_blank(&s.rows[at]) {
                    ind.id = s.rows[at].id.clone();
                    s.rows[at] = Rc::new(ind);
                } else {
                    ind.id = s.fresh_id();
                    s.rows.insert(at, Rc::new(ind));
                }
                // Pasted cells count as touched: their problems show at once.
                s.touch(&format!("/indicators/{at}/target"));
                for f in ["level1", "level2", "name", "weight", "actual"] {
                    s.touch(&format!("/indicators/{at}/{f}"));
                }
            }
            s.paste_report = Some(PasteReport {
                rows: count,
                problems,
            });
            count > 0
        }
        Action::PasteCells { row, col, text } => {
            let (cells, cut) = crate::tsv::cells(&text);
            let cols = crate::tsv::columns(s.head.kind);
            let year = s.head.year_value();
            for (k, line) in cells.iter().enumerate() {
                let r = row + k;
                while s.rows.len() <= r {
                    let blank = s.blank_row();
                    s.rows.push(blank);
                }
                let mut ind = (*s.rows[r]).clone();
                for (j, cell) in line.iter().enumerate() {
                    if let Some(c) = cols.get(col + j) {
                        let field = column_field(*c);
                        if set_row_field(&mut ind, field, cell.trim(), year) {
                            s.touch(&format!("/indicators/{r}/{field}"));
                        }
                    }
                }
                s.rows[r] = Rc::new(ind);
            }
            let problems = if cut {
                vec![PasteProblem {
                    line: 0,
                    column: String::new(),
                    message: format!(
                        "粘贴的内容超过 {} 行，只读取了前 {} 行；其余的请分批粘贴。",
                        crate::tsv::MAX_ROWS,
                        crate::tsv::MAX_ROWS
                    ),
                }]
            } else {
                Vec::new()
            };
            s.paste_report = Some(PasteReport {
                rows: cells.len(),
                problems,
            });
            !cells.is_empty()
        }
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

fn opt_text(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_string())
}

fn opt_num(text: &str) -> Option<Num> {
    (!text.trim().is_empty()).then(|| Num::parse(text))
}

fn funds_field<'a>(f: &'a mut Funds, name: &str) -> Option<&'a mut Option<Num>> {
    Some(match name {
        "total" => &mut f.total,
        "fiscal" => &mut f.fiscal,
        "other" => &mut f.other,
        "carryover" => &mut f.carryover,
        "basic" => &mut f.basic,
        "project" => &mut f.project,
        "medium_term_total" => &mut f.medium_term_total,
        _ => return None,
    })
}

fn funds_value<'a>(f: Option<&'a Funds>, name: &str) -> Option<&'a Num> {
    let f = f?;
    match name {
        "total" => f.total.as_ref(),
        "fiscal" => f.fiscal.as_ref(),
        "other" => f.other.as_ref(),
        "carryover" => f.carryover.as_ref(),
        "basic" => f.basic.as_ref(),
        "project" => f.project.as_ref(),
        "medium_term_total" => f.medium_term_total.as_ref(),
        _ => None,
    }
}

/// The model field a grid column edits.
pub fn column_field(c: crate::tsv::Column) -> &'static str {
    use crate::tsv::Column;
    match c {
        Column::Level1 => "level1",
        Column::Level2 => "level2",
        Column::Name => "name",
        Column::Target => "target",
        Column::AdjustedTarget => "adjusted_target",
        Column::Actual => "actual",
        Column::Weight => "weight",
        Column::Score => "score",
        Column::Deviation => "deviation",
        Column::Note => "note",
        Column::Skip => "",
    }
}

fn set_row_field(ind: &mut Indicator, field: &str, text: &str, year: Option<i32>) -> bool {
    match field {
        "level1" => ind.level1 = text.to_string(),
        "level2" => ind.level2 = text.to_string(),
        "name" => ind.name = text.to_string(),
        "target" => {
            let t = parse_target(text);
            ind.target = year.map_or(t.clone(), |y| t.with_year(y));
        }
        "adjusted_target" => {
            ind.adjusted_target = opt_text(text).map(|t| {
                let t = parse_target(&t);
                year.map_or(t.clone(), |y| t.with_year(y))
            })
        }
        "actual" => ind.actual = opt_text(text).map(|t| ActualValue::new(&t)),
        "weight" => ind.weight = opt_num(text),
        "score" => ind.score = opt_num(text),
        "deviation" => ind.deviation = opt_text(text),
        "note" => ind.note = opt_text(text),
        "change_reason" => ind.change_reason = opt_text(text),
        _ => return false,
    }
    true
}

/// Sets the field at a path from typed text; false for a path the editor
/// does not know (nothing changes then).
fn set_field(s: &mut FormState, path: &str, text: &str) -> bool {
    let seg: Vec<&str> = path.split('/').skip(1).collect();
    if let ["indicators", i, field] = seg[..] {
        let year = s.head.year_value();
        return match i.parse::<usize>().ok().and_then(|i| s.rows.get_mut(i)) {
            Some(r) => {
                let mut copy = (**r).clone();
                let ok = set_row_field(&mut copy, field, text, year);
                if ok {
                    *r = Rc::new(copy);
                }
                ok
            }
            None => false,
        };
    }
    let head = Rc::make_mut(&mut s.head);
    match seg[..] {
        ["year"] => {
            head.year = opt_num(text);
            // Deadlines typed without a year (`12月底前`) take the new year.
            if let Some(y) = head.year_value() {
                for r in s.rows.iter_mut() {
                    let has_open_date =
                        matches!(&r.target, Target::Date { date, .. } if date.year.is_none());
                    if has_open_date {
                        let row = Rc::make_mut(r);
                        row.target = std::mem::take(&mut row.target).with_year(y);
                    }
                }
            }
        }
        ["project", field] => {
            let p = head.project.get_or_insert_with(Default::default);
            match field {
                "name" => p.name = text.to_string(),
                "code" => p.code = text.to_string(),
                "department" => p.department = text.to_string(),
                "unit" => p.unit = text.to_string(),
                "attribute" => p.attribute = opt_text(text),
                _ => return false,
            }
        }
        ["project", "period", field] => {
            let p = head.project.get_or_insert_with(Default::default);
            let period = p.period.get_or_insert_with(Period::default);
            match field {
                "start" => period.start = text.trim().to_string(),
                "end" => period.end = text.trim().to_string(),
                _ => return false,
            }
            if period.start.is_empty() && period.end.is_empty() {
                p.period = None;
            }
        }
        ["unit", field] => {
            let u = head.unit.get_or_insert_with(Default::default);
            match field {
                "name" => u.name = text.to_string(),
                "code" => u.code = text.to_string(),
                "department" => u.department = text.to_string(),
                _ => return false,
            }
        }
        ["funds", field] => {
            let f = head.funds.get_or_insert_with(Funds::default);
            match funds_field(f, field) {
                Some(slot) => *slot = opt_num(text),
                None => return false,
            }
        }
        ["budget", which, field] => {
            let b = head.budget.get_or_insert_with(Budget::default);
            let f = match which {
                "initial" => &mut b.initial,
                "adjusted" => &mut b.adjusted,
                "executed" => &mut b.executed,
                _ => return false,
            };
            match funds_field(f.get_or_insert_with(Funds::default), field) {
                Some(slot) => *slot = opt_num(text),
                None => return false,
            }
        }
        ["budget", "adjustment_reason"] => {
            head.budget
                .get_or_insert_with(Budget::default)
                .adjustment_reason = opt_text(text)
        }
        ["budget", "execution_reason"] => {
            head.budget
                .get_or_insert_with(Budget::default)
                .execution_reason = opt_text(text)
        }
        // The rule profile the form is checked against (`sichuan@2024.1`).
        ["profile"] => head.profile = opt_text(text),
        ["execution_weight"] => head.execution_weight = opt_num(text),
        ["execution_score"] => head.execution_score = opt_num(text),
        ["total_score"] => head.total_score = opt_num(text),
        ["goals", field] => {
            let g = &mut head.goals;
            let slot = match field {
                "annual" => &mut g.annual,
                "medium_term" => &mut g.medium_term,
                "planned" => &mut g.planned,
                "achieved" => &mut g.achieved,
                _ => return false,
            };
            *slot = opt_text(text);
        }
        ["tasks", i, field] => {
            let Some(t) = i.parse::<usize>().ok().and_then(|i| head.tasks.get_mut(i)) else {
                return false;
            };
            match field {
                "name" => t.name = text.to_string(),
                "content" => t.content = text.to_string(),
                _ => return false,
            }
        }
        ["tasks", i, "funds", field] => {
            let Some(t) = i.parse::<usize>().ok().and_then(|i| head.tasks.get_mut(i)) else {
                return false;
            };
            match funds_field(t.funds.get_or_insert_with(Funds::default), field) {
                Some(slot) => *slot = opt_num(text),
                None => return false,
            }
        }
        _ => return false,
    }
    true
}

/// The text a field shows: what was typed where it could not be read, the
/// canonical form otherwise, empty where nothing was entered.
pub fn field_text(s: &FormState, path: &str) -> String {
    doc_field_text(&s.head, &s.rows, path)
}

/// [`field_text`] over a header and rows held apart.
pub fn doc_field_text(head: &Document, rows: &[Rc<Indicator>], path: &str) -> String {
    let seg: Vec<&str> = path.split('/').skip(1).collect();
    let num = |n: Option<&Num>| n.map(Num::text).unwrap_or_default();
    match seg[..] {
        ["indicators", i, field] => i
            .parse::<usize>()
            .ok()
            .and_then(|i| rows.get(i))
            .map(|r| row_field_text(r, field))
            .unwrap_or_default(),
        ["year"] => num(head.year.as_ref()),
        ["profile"] => head.profile.clone().unwrap_or_default(),
        ["project", field] => head
            .project
            .as_ref()
            .map(|p| match field {
                "name" => p.name.clone(),
                "code" => p.code.clone(),
                "department" => p.department.clone(),
                "unit" => p.unit.clone(),
                "attribute" => p.attribute.clone().unwrap_or_default(),
                _ => String::new(),
            })
            .unwrap_or_default(),
        ["project", "period", field] => head
            .project
            .as_ref()
            .and_then(|p| p.period.as_ref())
            .map(|p| match field {
                "start" => p.start.clone(),
                "end" => p.end.clone(),
                _ => String::new(),
            })
            .unwrap_or_default(),
        ["unit", field] => head
            .unit
            .as_ref()
            .map(|u| match field {
                "name" => u.name.clone(),
                "code" => u.code.clone(),
                "department" => u.department.clone(),
                _ => String::new(),
            })
            .unwrap_or_default(),
        ["funds", field] => num(funds_value(head.funds.as_ref(), field)),
        ["budget", which, field] => {
            let b = head.budget.as_ref();
            let f = match which {
                "initial" => b.and_then(|b| b.initial.as_ref()),
                "adjusted" => b.and_then(|b| b.adjusted.as_ref()),
                "executed" => b.and_then(|b| b.executed.as_ref()),
                _ => None,
            };
            num(funds_value(f, field))
        }
        ["budget", "adjustment_reason"] => head
            .budget
            .as_ref()
            .and_then(|b| b.adjustment_reason.clone())
            .unwrap_or_default(),
        ["budget", "execution_reason"] => head
            .budget
            .as_ref()
            .and_then(|b| b.execution_reason.clone())
            .unwrap_or_default(),
        ["execution_weight"] => num(head.execution_weight.as_ref()),
        ["execution_score"] => num(head.execution_score.as_ref()),
        ["total_score"] => num(head.total_score.as_ref()),
        ["goals", field] => match field {
            "annual" => head.goals.annual.clone(),
            "medium_term" => head.goals.medium_term.clone(),
            "planned" => head.goals.planned.clone(),
            "achieved" => head.goals.achieved.clone(),
            _ => None,
        }
        .unwrap_or_default(),
        ["tasks", i, field] => head
            .tasks
            .get(i.parse::<usize>().unwrap_or(usize::MAX))
            .map(|t| match field {
                "name" => t.name.clone(),
                "content" => t.content.clone(),
                _ => String::new(),
            })
            .unwrap_or_default(),
        ["tasks", i, "funds", field] => num(head
            .tasks
            .get(i.parse::<usize>().unwrap_or(usize::MAX))
            .and_then(|t| funds_value(t.funds.as_ref(), field))),
        _ => String::new(),
    }
}

/// The text a row's field shows (see [`field_text`]).
pub fn row_field_text(r: &Indicator, field: &str) -> String {
    let num = |n: Option<&Num>| n.map(Num::text).unwrap_or_default();
    match field {
        "level1" => r.level1.clone(),
        "level2" => r.level2.clone(),
        "name" => r.name.clone(),
        "target" => r.target.to_string(),
        "adjusted_target" => r
            .adjusted_target
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        "actual" => r
            .actual
            .as_ref()
            .map(|a| a.text.clone())
            .unwrap_or_default(),
        "weight" => num(r.weight.as_ref()),
        "score" => num(r.score.as_ref()),
        "deviation" => r.deviation.clone().unwrap_or_default(),
        "note" => r.note.clone().unwrap_or_default(),
        "change_reason" => r.change_reason.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

/// Where a path is, in words: `/indicators/4/target` → `第5行 指标值`.
pub fn describe_path(path: &str) -> String {
    let seg: Vec<&str> = path.split('/').skip(1).collect();
    let field = |f: &str| -> &'static str {
        match f {
            "level1" => "一级指标",
            "level2" => "二级指标",
            "name" => "三级指标",
            "target" => "指标值",
            "adjusted_target" => "调整指标值",
            "actual" => "实际完成值",
            "weight" => "分值",
            "score" => "得分",
            "deviation" => "偏差原因分析及改进措施",
            "change_reason" => "修改原因",
            "project" => "项目信息",
            "unit" => "单位信息",
            "funds" => "资金",
            "budget" => "预算",
            "goals" => "总体目标",
            "year" => "年度",
            "indicators" => "绩效指标",
            "execution_weight" => "预算执行率分值",
            "total_score" => "总分",
            "tasks" => "年度主要任务",
            "initial" => "年初预算数",
            "adjusted" => "全年预算数",
            "executed" => "全年执行数",
            "total" => "总额",
            "fiscal" => "财政拨款",
            "other" => "其他资金",
            "carryover" => "上年结转",
            "basic" => "基本支出",
            "annual" => "年度目标",
            "planned" => "预期目标",
            "achieved" => "实际完成情况",
            "department" => "主管部门",
            "period" => "项目期",
            _ => "",
        }
    };
    match seg[..] {
        ["indicators", i, ref rest @ ..] => {
            let n = i.parse::<usize>().map(|n| n + 1).unwrap_or(0);
            let f = rest.first().map(|f| field(f)).unwrap_or("");
            format!("第{n}行 {f}").trim_end().to_string()
        }
        ["project", f] | ["unit", f] => {
            let what = match f {
                "name" if seg[0] == "unit" => "部门（单位）名称",
                "name" => "项目名称",
                "code" if seg[0] == "unit" => "单位编码",
                "code" => "项目编码",
                "department" => "主管部门",
                "unit" => "实施单位",
                "attribute" => "项目属性",
                "period" => "项目期",
                _ => "",
            };
            if what.is_empty() {
                field(seg[0]).to_string()
            } else {
                what.to_string()
            }
        }
        ["funds", "total"] => "年度资金总额".to_string(),
        ["tasks", i, ..] => format!("第{}项任务", i.parse::<usize>().map(|n| n + 1).unwrap_or(0)),
        [] => "整张表".to_string(),
        _ => seg
            .iter()
            .map(|s| field(s))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn goal_with(names: &[&str]) -> FormState {
        let mut s = FormState::new(Document::new(Kind::ProjectGoal));
        for (i, n) in names.iter().enumerate() {
            s = apply(&s, Action::AddRow { after: None });
            s = apply(
                &s,
                Action::SetField {
                    path: format!("/indicators/{i}/name"),
                    text: n.to_string(),
                },
            );
        }
        s
    }

    fn names(s: &FormState) -> Vec<&str> {
        s.rows.iter().map(|r| r.name.as_str()).collect()
    }

    /// Runs actions in turn and checks the row names after the last.
    fn check(start: &[&str], actions: Vec<Action>, expected: &[&str]) {
        let mut s = goal_with(start);
        for a in actions {
            s = apply(&s, a);
        }
        assert_eq!(names(&s), expected);
        let ids: BTreeSet<&str> = s.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), s.rows.len(), "ids stay unique");
    }

    #[test]
    fn row_operations() {
        use Action::*;
        check(
            &["a", "b", "c"],
            vec![MoveRow { row: 2, up: true }],
            &["a", "c", "b"],
        );
        check(
            &["a", "b", "c"],
            vec![MoveRow { row: 0, up: false }],
            &["b", "a", "c"],
        );
        check(&["a", "b"], vec![MoveRow { row: 0, up: true }], &["a", "b"]);
        check(
            &["a", "b"],
            vec![MoveRow { row: 1, up: false }],
            &["a", "b"],
        );
        check(&["a", "b"], vec![DuplicateRow { row: 0 }], &["a", "a", "b"]);
        check(
            &["a", "b"],
            vec![AddRow { after: Some(0) }],
            &["a", "", "b"],
        );
        check(
            &["a", "b"],
            vec![AddRow { after: Some(9) }],
            &["a", "b", ""],
        );
        check(&["a", "b", "c"], vec![DeleteRow { row: 1 }], &["a", "c"]);
        check(
            &["a", "b", "c"],
            vec![DeleteRow { row: 1 }, UndoDelete],
            &["a", "b", "c"],
        );
        check(
            &["a", "b", "c"],
            vec![DeleteRow { row: 2 }, DeleteRow { row: 0 }, UndoDelete],
            &["a", "b"],
        );
        check(&["a"], vec![DeleteRow { row: 5 }, UndoDelete], &["a"]);
    }

    #[test]
    fn an_edit_replaces_only_its_row() {
        let s = goal_with(&["a", "b", "c"]);
        let t = apply(
            &s,
            Action::SetTarget {
                row: 1,
                text: "≧95 %".into(),
            },
        );
        assert!(Rc::ptr_eq(&s.rows[0], &t.rows[0]));
        assert!(!Rc::ptr_eq(&s.rows[1], &t.rows[1]));
        assert!(Rc::ptr_eq(&s.rows[2], &t.rows[2]));
        assert!(Rc::ptr_eq(&s.head, &t.head));
        assert_eq!(t.rows[1].target.to_string(), "≥95%");
        assert_eq!(t.revision, s.revision + 1);
    }

    #[test]
    fn fields_round_trip_through_their_paths() {
        let mut s = FormState::new(Document::new(Kind::ProjectSelfEval));
        s = apply(&s, Action::AddRow { after: None });
        let cases = [
            ("/project/name", "乡村道路养护", "乡村道路养护"),
            ("/project/period/start", "2024-01", "2024-01"),
            ("/year", "２０２４", "2024"),
            ("/profile", "sichuan@2024.1", "sichuan@2024.1"),
            ("/budget/executed/total", "1,234.50", "1234.50"),
            ("/budget/adjusted/fiscal", "12万元", "12"),
            ("/execution_weight", "十", "十"),
            ("/goals/achieved", "已完成", "已完成"),
            ("/indicators/0/weight", "20", "20"),
            ("/indicators/0/actual", "118公里", "118公里"),
            ("/indicators/0/deviation", "汛期", "汛期"),
        ];
        for (path, typed, shown) in cases {
            s = apply(
                &s,
                Action::SetField {
                    path: path.into(),
                    text: typed.into(),
                },
            );
            assert_eq!(field_text(&s, path), shown, "{path}");
        }
        let doc = s.document();
        assert_eq!(doc.year_value(), Some(2024));
        assert!(matches!(doc.execution_weight, Some(Num::Invalid { .. })));
        // Blank text removes an optional field.
        s = apply(
            &s,
            Action::SetField {
                path: "/indicators/0/actual".into(),
                text: " ".into(),
            },
        );
        assert!(s.rows[0].actual.is_none());
        // Unknown paths change nothing.
        let before = s.revision;
        s = apply(
            &s,
            Action::SetField {
                path: "/nope".into(),
                text: "x".into(),
            },
        );
        assert_eq!(s.revision, before);
    }

    #[test]
    fn the_year_completes_open_deadlines() {
        let mut s = goal_with(&["t"]);
        s = apply(
            &s,
            Action::SetTarget {
                row: 0,
                text: "12月底前".into(),
            },
        );
        assert_eq!(s.rows[0].target.to_string(), "12月底前");
        s = apply(
            &s,
            Action::SetField {
                path: "/year".into(),
                text: "2025".into(),
            },
        );
        assert_eq!(s.rows[0].target.to_string(), "≤2025-12");
    }

    #[test]
    fn paste_fills_blank_rows_then_inserts() {
        let mut s = goal_with(&["a"]);
        s = apply(&s, Action::AddRow { after: None });
        s = apply(
            &s,
            Action::PasteRows {
                at: 1,
                text: "产出指标\t数量指标\tx\t≥1个\t5\n产出指标\t数量指标\ty\t≥\t5\n".into(),
            },
        );
        assert_eq!(names(&s), ["a", "x", "y"]);
        let report = s.paste_report.clone().unwrap();
        assert_eq!(report.rows, 2);
        assert_eq!(report.problems.len(), 1);
        assert!(
            s.is_shown("/indicators/2/target"),
            "pasted cells are touched"
        );
        assert!(!s.is_shown("/indicators/0/target"));
    }

    #[test]
    fn a_pasted_column_fills_rows_downwards() {
        let mut s = goal_with(&["a", "b"]);
        // Grid column 3 is 指标值 on a goal form; 4 is 分值.
        s = apply(
            &s,
            Action::PasteCells {
                row: 1,
                col: 3,
                text: "≥5个\t10\n≧95 %\t20\n约3天\t\n".into(),
            },
        );
        assert_eq!(names(&s), ["a", "b", "", ""]);
        let targets: Vec<String> = s.rows.iter().map(|r| r.target.to_string()).collect();
        assert_eq!(targets, ["", "≥5个", "≥95%", "约3天"]);
        assert_eq!(field_text(&s, "/indicators/2/weight"), "20");
        assert_eq!(field_text(&s, "/indicators/3/weight"), "");
        assert!(s.is_shown("/indicators/3/target"));
        assert_eq!(s.paste_report.as_ref().map(|r| r.rows), Some(3));
    }

    #[test]
    fn findings_show_only_once_touched_or_checked() {
        let mut s = goal_with(&["a", "b"]);
        assert!(!s.is_shown("/indicators/1/target"));
        assert!(!s.is_shown("/indicators"));
        s = apply(&s, Action::Touch("/indicators/1/target".into()));
        assert!(s.is_shown("/indicators/1/target"));
        assert!(
            s.is_shown("/indicators/1"),
            "a row finding shows once a cell of it is touched"
        );
        assert!(s.is_shown("/indicators"));
        assert!(!s.is_shown("/indicators/0/target"));
        // Touched follows the row when it moves.
        s = apply(&s, Action::MoveRow { row: 1, up: true });
        assert!(s.is_shown("/indicators/0/target"));
        assert!(!s.is_shown("/indicators/1/target"));
        s = apply(&s, Action::CheckAll);
        assert!(s.is_shown("/project/name"));
    }

    #[test]
    fn acknowledgements_are_stored_replaced_and_removed() {
        let mut s = goal_with(&["a"]);
        let ack = |text: &str| Action::Acknowledge {
            rule: "IND-VAGUE".into(),
            path: "/indicators/0/target".into(),
            text: text.into(),
        };
        s = apply(&s, ack("定性指标，已分级"));
        s = apply(&s, ack("改为：已分三档"));
        assert_eq!(s.head.explanations.len(), 1);
        assert_eq!(s.document().explanations[0].text, "改为：已分三档");
        s = apply(&s, ack(""));
        assert!(s.head.explanations.is_empty());
    }

    #[test]
    fn load_fixes_missing_and_duplicate_ids() {
        let mut doc = Document::new(Kind::ProjectGoal);
        doc.indicators = vec![
            Indicator {
                id: "a".into(),
                ..Indicator::default()
            },
            Indicator {
                id: "a".into(),
                ..Indicator::default()
            },
            Indicator::default(),
        ];
        let s = apply(
            &FormState::new(Document::new(Kind::UnitGoal)),
            Action::LoadDocument(Rc::new(doc)),
        );
        let ids: BTreeSet<String> = s.rows.iter().map(|r| r.id.clone()).collect();
        assert_eq!(ids.len(), 3);
        assert!(ids.contains("a"));
        assert_eq!(s.head.kind, Kind::ProjectGoal);
        assert!(s.head.indicators.is_empty(), "rows live in `rows` only");
        assert_eq!(s.document().indicators.len(), 3);
    }

    #[test]
    fn derive_turns_the_goal_into_a_self_eval() {
        let mut s = goal_with(&["a"]);
        s = apply(
            &s,
            Action::SetTarget {
                row: 0,
                text: "≥5个".into(),
            },
        );
        let id = s.rows[0].id.clone();
        s = apply(&s, Action::DeriveSelfEval);
        assert_eq!(s.head.kind, Kind::ProjectSelfEval);
        assert_eq!(s.rows[0].id, id);
        assert!(crate::derive::approved_target(&s.rows[0]).is_some());
        // Duplicating a carried row gives a new, unapproved row.
        s = apply(&s, Action::DuplicateRow { row: 0 });
        assert!(crate::derive::approved_target(&s.rows[1]).is_none());
    }

    #[test]
    fn paths_are_described_in_words() {
        let cases = [
            ("/indicators/4/target", "第5行 指标值"),
            ("/indicators/0", "第1行"),
            ("/project/name", "项目名称"),
            ("/project/unit", "实施单位"),
            ("/unit/name", "部门（单位）名称"),
            ("/funds/total", "年度资金总额"),
            ("/budget/executed/total", "预算 全年执行数 总额"),
            ("/goals/annual", "总体目标 年度目标"),
            ("/tasks/1/name", "第2项任务"),
            ("/indicators", "绩效指标"),
            ("", "整张表"),
        ];
        for (path, words) in cases {
            assert_eq!(describe_path(path), words, "{path}");
        }
    }

    #[test]
    fn input_ids_follow_paths() {
        assert_eq!(input_id("/indicators/4/target"), "f-indicators-4-target");
        assert_eq!(
            input_id("/budget/executed/total"),
            "f-budget-executed-total"
        );
    }
}
