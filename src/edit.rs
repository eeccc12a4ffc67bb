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
use crate::fields::{Field, RowField};
use crate::model::{Document, Explanation, Indicator, Task};
use crate::target::Target;
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
                    RowField::Target.set(Rc::make_mut(r), &text, year);
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
                    ind.fill_years(y);
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
            let cols = RowField::columns(s.head.kind);
            let year = s.head.year_value();
            for (k, line) in cells.iter().enumerate() {
                let r = row + k;
                while s.rows.len() <= r {
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

/// The text a field shows: what was typed where it could not be read, the
/// canonical form otherwise, empty where nothing was entered.
pub fn field_text(s: &FormState, path: &str) -> String {
    Field::parse(path)
        .map(|f| f.text(&s.head, &s.rows))
        .unwrap_or_default()
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
        assert!(matches!(
            doc.execution_weight,
            Some(crate::num::Num::Invalid { .. })
        ));
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
    fn input_ids_follow_paths() {
        assert_eq!(input_id("/indicators/4/target"), "f-indicators-4-target");
        assert_eq!(
            input_id("/budget/executed/total"),
            "f-budget-executed-total"
        );
    }
}
