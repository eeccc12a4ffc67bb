//! Lossless normalisation: whatever a document holds, `read` writes it back
//! so that reading the written text again gives the same document and the
//! same findings. What cannot be interpreted is kept as given and reported,
//! never turned into something valid.
//!
//! - Known cases, each a row of a table: a target or actual value as given,
//!   and the rule that must report it (or none), before and after a round.
//! - Every document of `tests/corpus/` and `tests/real/forms/`.
//! - Generated documents, whose targets and actual values are random
//!   strings and random JSON objects.

use std::fs;
use std::path::Path;

use jixiao::evaluate::evaluate;
use jixiao::model::Document;
use jixiao::profile;
use serde_json::{json, Value};

/// A finding as compared across a round: all of it but the explanation.
fn findings(doc: &Document) -> Vec<String> {
    let profile = profile::resolve(None, doc.profile.as_deref())
        .unwrap_or_else(|_| profile::resolve(None, None).expect("the default profile"));
    evaluate(doc, profile)
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {} {:?}",
                f.rule,
                f.severity.as_str(),
                f.path,
                f.message,
                f.params
            )
        })
        .collect()
}

/// Reads a document, writes it, reads and writes it again; fails unless the
/// second writing equals the first and the findings are the same on the
/// document as given and on the document as written. Returns the first
/// writing and the findings.
fn round(text: &str) -> (Value, Vec<String>) {
    let first = Document::from_json(text).expect("the document reads");
    let written = first.to_json();
    let second = Document::from_json(&written)
        .unwrap_or_else(|e| panic!("the written document reads again: {e:?}\n{written}"));
    let rewritten = second.to_json();
    if written != rewritten {
        let (a, b): (Vec<_>, Vec<_>) = (written.lines().collect(), rewritten.lines().collect());
        let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let around = |v: &[&str]| v[at.saturating_sub(6)..(at + 6).min(v.len())].join("\n");
        panic!(
            "a second round writes the same text\nas given: {text}\nfirst:\n{}\nsecond:\n{}",
            around(&a),
            around(&b)
        );
    }
    let (before, after) = (findings(&first), findings(&second));
    if before != after {
        let only = |a: &[String], b: &[String]| -> Vec<String> {
            a.iter().filter(|f| !b.contains(f)).cloned().collect()
        };
        panic!(
            "the same findings before and after a round\nas given: {text}\nonly before: {:?}\nonly after: {:?}",
            only(&before, &after),
            only(&after, &before)
        );
    }
    (serde_json::from_str(&written).unwrap(), before)
}

/// A goal form of one indicator row whose fields are `row`.
fn one_row(year: Value, row: Value) -> String {
    let mut r = json!({
        "id": "a", "level1": "产出指标", "level2": "数量指标", "name": "培训人数",
        "target": "≥100人", "weight": "10",
    });
    for (k, v) in row.as_object().unwrap() {
        r[k] = v.clone();
    }
    json!({
        "format": "jixiao/v1", "kind": "project-goal", "year": year,
        "project": {"name": "测试项目"},
        "funds": {"total": "10", "fiscal": "10"},
        "goals": {"annual": "完成培训。"},
        "indicators": [r],
    })
    .to_string()
}

fn rules_at(findings: &[String], path: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.split(' ').nth(2) == Some(path))
        .map(|f| f.split(' ').next().unwrap().to_string())
        .collect()
}

/// Unreadable object-form targets: written back as given, and reported
/// before and after a round.
#[test]
fn unreadable_target_objects_are_kept_and_reported() {
    let cases = [
        json!({"value": "abc", "unit": "%"}),
        json!({"op": "≈", "value": "5"}),
        json!({"op": "≈", "value": "5", "unit": "人"}),
        json!({"date": "达到目标"}),
        json!({"op": ">=", "date": "2024-13-01"}),
        json!({"date": "2024-12", "start": "开始"}),
        json!({"qualitatife": "群众满意"}),
        json!({}),
        json!({"tolerance": "x", "unit": "%"}),
        json!({"op": ">=", "unit": "%"}),
        json!({"op": ">=", "value": "5", "unit": "$"}),
        json!({"tolerance": "5", "unit": "个5"}),
    ];
    for target in cases {
        let (written, found) = round(&one_row(json!(2024), json!({ "target": target })));
        assert_eq!(
            written["indicators"][0]["target"], target,
            "an unreadable target object is written back unchanged"
        );
        let rules = rules_at(&found, "/indicators/0/target");
        assert!(
            rules.iter().any(|r| r == "IND-TARGET-INVALID"),
            "{target} is reported: {found:?}"
        );
    }
}

/// A date typed without a year, on a form whose year cannot fill it in:
/// kept as typed, not written as a date the reader rejects.
#[test]
fn open_dates_round_whatever_the_year() {
    for year in [
        json!(99999),
        json!(0),
        json!(-1),
        json!("10000"),
        json!(2024),
        json!("abc"),
    ] {
        for target in [
            "12月底前",
            "2月29日前",
            "年底前",
            "2024年3月-11月",
            "3月-11月",
        ] {
            let row = json!({"level2": "时效指标", "name": "完成时间", "target": target, "adjusted_target": target});
            round(&one_row(year.clone(), row));
        }
    }
}

/// An actual value keeps its unit when written.
#[test]
fn actual_values_keep_their_unit() {
    for actual in ["1.5万元", "≥95%", "21980人", "约200人", "达成", "abc"] {
        let (written, _) = round(&one_row(json!(2024), json!({ "actual": actual })));
        assert_eq!(written["indicators"][0]["actual"], json!(actual));
    }
}

/// A target gets the same checks in either form: an object whose unit the
/// grammar would not read as a unit is reported as the typed text is.
#[test]
fn object_targets_get_the_checks_of_typed_targets() {
    let cases = [
        ("≥150%", json!({"op": ">=", "value": "150", "unit": "%"})),
        ("≥5$", json!({"op": ">=", "value": "5", "unit": "$"})),
        ("≥5个5", json!({"op": ">=", "value": "5", "unit": "个5"})),
        ("≥5 %5", json!({"op": ">=", "value": "5", "unit": "5个"})),
        ("≥5余人", json!({"op": ">=", "value": "5", "unit": "余人"})),
        (
            "≥5人左右",
            json!({"op": ">=", "value": "5", "unit": "人左右"}),
        ),
        ("≥5-8人", json!({"op": ">=", "value": "5", "unit": "-8人"})),
        (
            "≥5这是一个很长很长很长的不是单位的说明",
            json!({"op": ">=", "value": "5", "unit": "这是一个很长很长很长的不是单位的说明"}),
        ),
        ("±5$", json!({"tolerance": "5", "unit": "$"})),
        ("≥5人", json!({"op": ">=", "value": "5", "unit": "人"})),
        ("≥-5人", json!({"op": ">=", "value": "-5", "unit": "人"})),
        ("≥5", json!({"op": ">=", "value": "5"})),
        (
            "≥5百分比",
            json!({"op": ">=", "value": "5", "unit": "百分比"}),
        ),
        ("±5%", json!({"tolerance": "5", "unit": "%"})),
    ];
    for (typed, object) in cases {
        let (_, as_typed) = round(&one_row(json!(2024), json!({ "target": typed })));
        let (_, as_object) = round(&one_row(json!(2024), json!({ "target": object })));
        assert_eq!(
            rules_at(&as_typed, "/indicators/0/target"),
            rules_at(&as_object, "/indicators/0/target"),
            "{typed} and {object} get the same checks"
        );
    }
}

/// Every `*.json` document of a test directory but the expectations.
fn documents(dir: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut v: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("the directory exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && !n.ends_with(".expected.json"))
        .map(|n| {
            let text = fs::read_to_string(dir.join(&n)).unwrap();
            (n, text)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn corpus_and_real_forms_round_losslessly() {
    let docs: Vec<_> = ["tests/corpus", "tests/real/forms"]
        .iter()
        .flat_map(|d| documents(d))
        .collect();
    assert!(docs.len() > 50, "the corpus is found: {}", docs.len());
    for (name, text) in docs {
        let result = std::panic::catch_unwind(|| round(&text));
        assert!(result.is_ok(), "{name} rounds losslessly");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text of every sort that a target or actual cell holds.
    fn arb_text() -> BoxedStrategy<String> {
        prop_oneof![
            "\\PC{0,12}",
            "[≥≤<>=＞＝约]{0,2}-?[0-9]{0,6}(\\.[0-9]{0,3})?[%％个万元人天年月日前底以上内余$ ]{0,4}",
            "(20[0-9]{2}年)?[0-9]{1,2}月([0-9]{1,2}日)?(底)?前?",
            "[±]?[0-9]{1,3}(±[0-9]{1,2})?[%人个5]{0,2}",
            prop_oneof![
                Just("达成".to_string()),
                Just("12月底前".to_string()),
                Just("2月29日前".to_string()),
                Just("3月-11月".to_string()),
                Just("1.5万元".to_string()),
                Just("/".to_string()),
                Just(String::new()),
            ],
        ]
        .boxed()
    }

    /// A value for a field of a target object: text, `null`, or absent,
    /// and for a number field (`numeric`) a JSON number too.
    fn arb_field(numeric: bool) -> BoxedStrategy<Option<Value>> {
        let text = prop_oneof![
            Just(None),
            arb_text().prop_map(|t| Some(json!(t))),
            Just(Some(json!(null))),
        ];
        if numeric {
            prop_oneof![text, (-1000i64..1000).prop_map(|n| Some(json!(n)))].boxed()
        } else {
            text.boxed()
        }
    }

    /// A target as a JSON object: the keys of format v1 (and a misspelled
    /// one) with random values.
    fn arb_object() -> BoxedStrategy<Value> {
        let keys = [
            "op",
            "value",
            "unit",
            "date",
            "start",
            "tolerance",
            "qualitative",
            "text",
            "qualitatife",
        ];
        (
            keys.map(|k| arb_field(k == "value" || k == "tolerance")),
            proptest::option::of(any::<bool>()),
            prop_oneof![
                Just(None),
                Just(Some(">=")),
                Just(Some("<=")),
                Just(Some("=")),
                Just(Some("≈")),
            ],
        )
            .prop_map(move |(fields, bare, op)| {
                let mut o = serde_json::Map::new();
                for (k, v) in keys.iter().zip(fields) {
                    if let Some(v) = v {
                        o.insert(k.to_string(), v);
                    }
                }
                if let Some(op) = op {
                    o.insert("op".into(), json!(op));
                }
                if let Some(b) = bare {
                    o.insert("bare".into(), json!(b));
                }
                Value::Object(o)
            })
            .boxed()
    }

    fn arb_target() -> BoxedStrategy<Value> {
        prop_oneof![arb_text().prop_map(Value::from), arb_object()].boxed()
    }

    fn arb_row() -> impl Strategy<Value = Value> {
        (
            prop_oneof![
                Just(("产出指标", "数量指标", "培训人数")),
                Just(("产出指标", "时效指标", "完成时间")),
                Just(("产出指标", "质量指标", "合格率")),
                Just(("满意度指标", "服务对象满意度指标", "群众满意度")),
            ],
            arb_target(),
            proptest::option::of(arb_target()),
            proptest::option::of(prop_oneof![
                arb_text().prop_map(Value::from),
                (-1000i64..1000).prop_map(Value::from),
                (-1e6f64..1e6).prop_map(Value::from),
            ]),
            prop_oneof![Just("10".to_string()), arb_text()],
            proptest::option::of(arb_text()),
        )
            .prop_map(
                |((l1, l2, name), target, adjusted, actual, weight, score)| {
                    let mut r = json!({
                        "id": "r", "level1": l1, "level2": l2, "name": name,
                        "target": target, "weight": weight,
                    });
                    if let Some(a) = adjusted {
                        r["adjusted_target"] = a;
                    }
                    if let Some(a) = actual {
                        r["actual"] = a;
                    }
                    if let Some(s) = score {
                        r["score"] = json!(s);
                    }
                    r
                },
            )
    }

    proptest! {
        #[test]
        fn pasted_rows_of_random_cells_round_losslessly(
            cells in proptest::collection::vec(proptest::collection::vec(arb_text(), 1..9), 1..5),
            year in prop_oneof![Just(2024), Just(0), Just(99999)],
        ) {
            let table: Vec<String> = cells
                .iter()
                .map(|r| r.iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect::<Vec<_>>().join("\t"))
                .collect();
            let mut doc = Document::from_json(&one_row(json!(year), json!({}))).unwrap();
            let (mut rows, _) = jixiao::tsv::parse_rows(&table.join("\n"), doc.kind);
            rows.iter_mut().for_each(|r| r.fill_years(year));
            doc.indicators = rows;
            let written = doc.to_json();
            round(&written);
            let again = Document::from_json(&written).unwrap();
            prop_assert_eq!(findings(&doc), findings(&again));
        }

        #[test]
        fn generated_documents_round_losslessly(
            kind in prop_oneof![
                Just("project-goal"),
                Just("project-self-eval"),
                Just("unit-goal"),
                Just("unit-self-eval"),
            ],
            year in prop_oneof![
                Just(json!(2024)),
                Just(json!(99999)),
                Just(json!(0)),
                Just(json!("abc")),
                arb_text().prop_map(Value::from),
            ],
            funds in (arb_text(), arb_text()),
            rows in proptest::collection::vec(arb_row(), 1..4),
        ) {
            let doc = json!({
                "format": "jixiao/v1", "kind": kind, "year": year,
                "project": {"name": "测试项目"},
                "funds": {"total": funds.0, "fiscal": funds.1},
                "budget": {"adjusted": {"total": funds.0}, "executed": {"total": funds.1}},
                "goals": {"annual": "完成培训。"},
                "indicators": rows,
            });
            // Every generated document has the shape of format v1.
            prop_assert!(Document::from_value(doc.clone()).is_ok());
            let (written, _) = round(&doc.to_string());
            // The unknown keys of target objects are written back.
            for (i, row) in doc["indicators"].as_array().unwrap().iter().enumerate() {
                for field in ["target", "adjusted_target"] {
                    if let Some(given) = row[field].as_object() {
                        if let Some(v) = given.get("qualitatife") {
                            prop_assert_eq!(&written["indicators"][i][field]["qualitatife"], v);
                        }
                    }
                }
            }
        }
    }
}

/// Documents the property found losing something in a round, kept as cases.
#[test]
fn cases_found_by_the_property_round() {
    // A qualitative target with a damaged comparator: reported as typed,
    // and again when read from the object form it is written in.
    let (_, found) = round(&one_row(json!(2024), json!({"target": "!=<a"})));
    assert!(rules_at(&found, "/indicators/0/target").contains(&"IND-TARGET-READ".to_string()));
    // A date with no year whose typed text reads otherwise, on a form whose
    // year cannot fill it in.
    round(&one_row(
        json!(99999),
        json!({"target": {"date": "1月", "text": ""}}),
    ));
    round(&one_row(
        json!("abc"),
        json!({"target": {"op": ">=", "date": "4月", "start": "2064年6月16日", "text": "43"}}),
    ));
}

/// Unknown keys of a target object are kept and written back with it
/// (docs/format.md: unknown fields are kept, at any level).
#[test]
fn unknown_keys_of_target_objects_are_kept() {
    let cases = [
        (
            json!(2024),
            json!({"op": ">=", "value": "95", "unit": "%", "portal_ref": {"id": 7}}),
        ),
        (
            json!(2024),
            json!({"op": ">=", "value": "95", "unitt": "%"}),
        ),
        (json!(2024), json!({"qualitative": "群众满意", "note": "x"})),
        (
            json!(99999),
            json!({"op": "<=", "date": "12月底", "portal_ref": 1}),
        ),
        (
            json!(2024),
            json!({"op": "<=", "date": "2024-12", "text": "12月底前", "portal_ref": 1}),
        ),
    ];
    for (year, target) in cases {
        for field in ["target", "adjusted_target"] {
            let (written, _) = round(&one_row(year.clone(), json!({ field: target })));
            let got = &written["indicators"][0][field];
            for (k, v) in target.as_object().unwrap() {
                if !["op", "value", "unit", "date", "text", "qualitative"].contains(&k.as_str()) {
                    assert_eq!(&got[k], v, "{field} {target}: {k} is kept in {got}");
                }
            }
        }
    }
}

/// The printed tables of `tests/real/forms/NAME.tsv`, pasted into their
/// form: written and read again, the same rows with the same findings.
#[test]
fn pasted_tables_round_losslessly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real/forms");
    let mut pasted = 0;
    for (name, text) in documents("tests/real/forms") {
        let tsv = dir.join(name.replace(".json", ".tsv"));
        let Ok(table) = fs::read_to_string(&tsv) else {
            continue;
        };
        let mut doc = Document::from_json(&text).unwrap();
        let (mut rows, _) = jixiao::tsv::parse_rows(&table, doc.kind);
        if let Some(y) = doc.year_value() {
            rows.iter_mut().for_each(|r| r.fill_years(y));
        }
        doc.indicators = rows;
        let written = doc.to_json();
        let again = Document::from_json(&written).unwrap();
        assert_eq!(
            written,
            again.to_json(),
            "{name}: a second round writes the same"
        );
        assert_eq!(
            findings(&doc),
            findings(&again),
            "{name}: the same findings"
        );
        pasted += 1;
    }
    assert!(pasted > 5, "the tables are found: {pasted}");
}
