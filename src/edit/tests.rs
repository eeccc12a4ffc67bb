//! Tests of the editor's reducer.

use super::*;

/// The text a field shows in the editor.
fn field_text(s: &FormState, path: &str) -> String {
    crate::fields::Field::parse(path)
        .map(|f| f.text(&s.head, &s.rows))
        .unwrap_or_default()
}
use crate::model::Indicator;
use crate::model::Kind;
use std::collections::BTreeSet;

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

/// Positions at the edge of `usize` never overflow (which panics with
/// overflow checks on and wraps without) nor grow the table without end.
#[test]
fn positions_at_the_edge_are_ignored_or_clamped() {
    use Action::*;
    check(
        &["a", "b"],
        vec![MoveRow {
            row: usize::MAX,
            up: false,
        }],
        &["a", "b"],
    );
    check(
        &["a", "b"],
        vec![MoveRow {
            row: usize::MAX,
            up: true,
        }],
        &["a", "b"],
    );
    check(
        &["a", "b"],
        vec![DeleteRow { row: usize::MAX }],
        &["a", "b"],
    );
    check(
        &["a"],
        vec![AddRow {
            after: Some(usize::MAX),
        }],
        &["a", ""],
    );
    // Cells pasted far below the table start right after its last row.
    let mut s = goal_with(&["a"]);
    s = apply(
        &s,
        PasteCells {
            row: usize::MAX,
            col: 2,
            text: "乙\n丙".into(),
        },
    );
    assert_eq!(names(&s), ["a", "乙", "丙"]);
    s = apply(
        &s,
        PasteCells {
            row: 0,
            col: usize::MAX,
            text: "x".into(),
        },
    );
    assert_eq!(names(&s), ["a", "乙", "丙"]);
}

/// A goal form with `n` named rows, built directly (adding 5,000 rows one
/// action at a time would take a while in a debug build).
fn goal_with_rows(n: usize) -> FormState {
    let mut doc = Document::new(Kind::ProjectGoal);
    doc.indicators = (0..n)
        .map(|i| Indicator {
            id: format!("r{i}"),
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            name: format!("指标{i}"),
            ..Indicator::default()
        })
        .collect();
    FormState::new(doc)
}

/// Why the last edit was refused, as the paste report says it.
fn refused(s: &FormState) -> Option<String> {
    let r = s.paste_report.as_ref().filter(|r| r.rows == 0)?;
    Some(r.problems.first()?.describe())
}

#[test]
fn no_edit_makes_a_form_over_the_row_limit() {
    use crate::limits::MAX_ROWS;
    let row = "产出指标\t数量指标\tx\t≥1个\t5\n";
    // One row under the limit: adding one is fine, the next is refused
    // with a notice, and nothing changes.
    let s = goal_with_rows(MAX_ROWS - 1);
    let s = apply(&s, Action::AddRow { after: None });
    assert_eq!((s.rows.len(), refused(&s)), (MAX_ROWS, None));
    for action in [
        Action::AddRow { after: Some(3) },
        Action::DuplicateRow { row: 0 },
    ] {
        let t = apply(&s, action.clone());
        assert_eq!(t.rows.len(), MAX_ROWS, "{action:?}");
        assert_eq!(t.revision, s.revision, "{action:?}");
        let why = refused(&t).unwrap_or_default();
        assert!(why.contains("最多 5000 行"), "{action:?}: {why}");
        // Once a row is deleted, one can be added again.
        let u = apply(&t, Action::DeleteRow { row: 0 });
        let u = apply(&u, action.clone());
        assert_eq!(u.rows.len(), MAX_ROWS, "{action:?}");
        assert_eq!(u.revision, s.revision + 2, "{action:?}");
    }
    // A paste of three rows into a form two under the limit: the blank
    // row is filled, two are inserted, the third is not, and the report
    // says so.
    let mut s = goal_with_rows(MAX_ROWS - 3);
    s = apply(&s, Action::AddRow { after: None });
    s = apply(
        &s,
        Action::PasteRows {
            at: MAX_ROWS - 3,
            text: row.repeat(4),
        },
    );
    assert_eq!(s.rows.len(), MAX_ROWS);
    let report = s.paste_report.clone().unwrap();
    assert_eq!(report.rows, 3);
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].describe().contains("只粘贴了前 3 行"),
        "{:?}",
        report.problems
    );
    // A pasted column below the last row stops at the limit too.
    let s = goal_with_rows(MAX_ROWS - 1);
    let s = apply(
        &s,
        Action::PasteCells {
            row: MAX_ROWS - 1,
            col: 3,
            text: "≥1个\n≥2个\n≥3个\n".into(),
        },
    );
    assert_eq!(s.rows.len(), MAX_ROWS);
    let report = s.paste_report.clone().unwrap();
    assert_eq!(report.rows, 1);
    assert!(report.problems[0].describe().contains("只粘贴了前 1 行"));
    // Whatever the editor made reads back.
    let text = s.document().to_json();
    assert_eq!(
        Document::from_json(&text).unwrap().indicators.len(),
        MAX_ROWS
    );
}

#[test]
fn no_edit_adds_a_task_over_the_limit() {
    use crate::limits::MAX_ROWS;
    let mut doc = Document::new(Kind::UnitGoal);
    doc.tasks = vec![Task::default(); MAX_ROWS];
    let s = FormState::new(doc);
    let t = apply(&s, Action::AddTask);
    assert_eq!(t.head.tasks.len(), MAX_ROWS);
    assert!(refused(&t).unwrap().contains("年度主要任务"));
}
