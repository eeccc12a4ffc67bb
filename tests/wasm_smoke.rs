#![cfg(target_arch = "wasm32")]
//! Browser smoke test of the core compiled to wasm32: reads a docs/format.md
//! example document and typed targets in headless Chromium, and checks the
//! typed results, so that a wasm-only miscompile or a dependency that does
//! not work in the browser shows up here. Run by `scripts/test` (every
//! `tests/wasm_*.rs` file is picked up).

use jixiao::model::{Document, Kind, ReadError};
use jixiao::num::Num;
use jixiao::target::{parse_target, Actual, Level, Op, PartialDate, Target};
use rust_decimal::Decimal;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The project-self-eval example of docs/format.md (abridged as there).
const SELF_EVAL: &str = r#"{
  "format": "jixiao/v1",
  "kind": "project-self-eval",
  "profile": "national@2024.1",
  "year": 2024,
  "project": {
    "name": "乡村道路养护项目",
    "code": "2024-JT-017",
    "department": "某县交通运输局",
    "unit": "某县公路养护中心",
    "period": {"start": "2024-01", "end": "2024-12"}
  },
  "budget": {
    "initial":  {"total": "120.00", "fiscal": "100.00", "other": "20.00"},
    "adjusted": {"total": "130.00", "fiscal": "110.00", "other": "20.00"},
    "executed": {"total": "123.50", "fiscal": "105.00", "other": "18.50"}
  },
  "execution_weight": "10",
  "goals": {"planned": "完成120公里农村公路日常养护", "achieved": "完成118公里"},
  "indicators": [
    {"id": "q1", "level1": "产出指标", "level2": "数量指标", "name": "养护里程",
     "target": {"op": ">=", "value": "120", "unit": "公里"},
     "actual": "118", "weight": "20",
     "deviation": "两段路因汛期顺延至次年一季度，已列入次年计划。"},
    {"id": "t1", "level1": "产出指标", "level2": "时效指标", "name": "养护任务完成时间",
     "target": {"op": "<=", "date": "2024-12-31"}, "actual": "2024-12-20", "weight": "10"},
    {"id": "e1", "level1": "效益指标", "level2": "社会效益指标", "name": "群众出行条件",
     "target": {"qualitative": "明显改善"},
     "actual": "达成", "weight": "10", "score": "9"}
  ]
}"#;

fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(text).expect("test decimal")
}

fn num(text: &str) -> Option<Num> {
    Some(Num::Valid(dec(text)))
}

fn day(year: i32, month: u8, d: u8) -> PartialDate {
    PartialDate {
        year: Some(year),
        month,
        day: Some(d),
    }
}

#[wasm_bindgen_test]
fn reads_the_format_example_document() {
    let doc = Document::from_json(SELF_EVAL).expect("the docs/format.md example reads");
    assert_eq!(doc.kind, Kind::ProjectSelfEval);
    assert_eq!(doc.year_value(), Some(2024));
    assert_eq!(
        doc.project.as_ref().map(|p| p.name.as_str()),
        Some("乡村道路养护项目")
    );
    let budget = doc.budget.as_ref().expect("budget");
    let executed = budget.executed.as_ref().expect("executed");
    // Money stays an exact decimal in the browser too, never a float.
    assert_eq!(executed.total, num("123.50"));
    assert_eq!(executed.other, num("18.5"));
    assert_eq!(doc.execution_weight, num("10"));

    let ids: Vec<&str> = doc.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["q1", "t1", "e1"]);
    let expected_targets = [
        Target::Quantity {
            op: Some(Op::Ge),
            value: dec("120"),
            unit: "公里".into(),
        },
        Target::Date {
            op: Op::Le,
            date: day(2024, 12, 31),
            start: None,
        },
        Target::Qualitative {
            text: "明显改善".into(),
        },
    ];
    for (row, expected) in doc.indicators.iter().zip(&expected_targets) {
        assert_eq!(&row.target, expected, "target of row {}", row.id);
    }
    let actuals: Vec<&Actual> = doc
        .indicators
        .iter()
        .map(|i| &i.actual.as_ref().expect("actual").parsed)
        .collect();
    assert_eq!(
        actuals[0],
        &Actual::Number {
            op: None,
            value: dec("118"),
            unit: String::new(),
        }
    );
    assert_eq!(actuals[1], &Actual::Date(day(2024, 12, 20)));
    assert_eq!(actuals[2], &Actual::Level(Level::Met));
    assert_eq!(doc.indicators[2].score, num("9"));
}

#[wasm_bindgen_test]
fn rejects_what_is_not_a_v1_document() {
    let cases: [(&str, fn(&ReadError) -> bool); 3] = [
        (
            r#"{"format": "jixiao/v2", "kind": "project-goal"}"#,
            |e| matches!(e, ReadError::UnsupportedVersion(v) if v == "jixiao/v2"),
        ),
        (r#"{"format": "jixiao/v1", "kind": "budget"}"#, |e| {
            matches!(e, ReadError::NotADocument(_))
        }),
        (r#"{"format": "jixiao/v1", "#, |e| {
            matches!(e, ReadError::Syntax { .. })
        }),
    ];
    for (input, expected) in cases {
        match Document::from_json(input) {
            Ok(doc) => panic!("{input} read as {:?}", doc.kind),
            Err(e) => assert!(expected(&e), "{input}: unexpected error {e:?}"),
        }
    }
}

#[wasm_bindgen_test]
fn parses_targets_as_people_type_them() {
    let cases = [
        (
            "≥95%",
            Target::Quantity {
                op: Some(Op::Ge),
                value: dec("95"),
                unit: "%".into(),
            },
        ),
        (
            "≤120万元",
            Target::Quantity {
                op: Some(Op::Le),
                value: dec("120"),
                unit: "万元".into(),
            },
        ),
        (
            "2024年12月31日前",
            Target::Date {
                op: Op::Le,
                date: day(2024, 12, 31),
                start: None,
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_target(text), expected, "parse_target({text:?})");
    }
    assert!(
        matches!(parse_target(""), Target::Invalid { .. }),
        "an empty target is invalid"
    );
}
