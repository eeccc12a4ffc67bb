//! Test helpers for the rules: clean base documents of every kind, and
//! table-driven cases that compare the full list of (rule, path) findings.

use serde_json::{json, Value};

use crate::finding::Finding;
use crate::model::Document;
use crate::profile::Profile;

/// A clean document of a kind under the national profile: no findings.
pub fn base(kind: &str) -> Value {
    let rows_goal = json!([
        {"id": "q1", "level1": "产出指标", "level2": "数量指标", "name": "养护里程", "target": "≥120公里"},
        {"id": "q2", "level1": "产出指标", "level2": "质量指标", "name": "路况优良率", "target": "≥85%"},
        {"id": "t1", "level1": "产出指标", "level2": "时效指标", "name": "养护任务完成时间", "target": {"op": "<=", "date": "2024-12-31"}},
        {"id": "c1", "level1": "成本指标", "level2": "经济成本指标", "name": "每公里养护成本", "target": "≤1万元/公里"},
        {"id": "e1", "level1": "效益指标", "level2": "社会效益指标", "name": "群众出行条件", "target": {"qualitative": "路况等级保持在良及以上"}},
        {"id": "s1", "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "沿线群众满意度", "target": "≥90%"}
    ]);
    let mut rows_eval = rows_goal.clone();
    for (i, (actual, weight)) in [
        ("121", "20"),
        ("88", "10"),
        ("2024-12-20", "10"),
        ("0.95", "10"),
        ("达成", "30"),
        ("93", "10"),
    ]
    .into_iter()
    .enumerate()
    {
        rows_eval[i]["actual"] = actual.into();
        rows_eval[i]["weight"] = weight.into();
    }
    rows_eval[4]["score"] = "27".into();
    let goal = "完成120公里农村公路日常养护，路况优良率不低于85%，群众出行满意度不低于90%。";
    let project = json!({"name": "乡村道路养护项目", "code": "2024-JT-017", "department": "某县交通运输局",
        "unit": "某县公路养护中心", "period": {"start": "2024-01", "end": "2024-12"}});
    let unit = json!({"name": "某县交通运输局", "code": "301001", "department": "某县人民政府"});
    match kind {
        "project-goal" => {
            json!({"format": "jixiao/v1", "kind": kind, "profile": "national@2024.1", "year": 2024,
            "project": project, "funds": {"total": "120.00", "fiscal": "100.00", "other": "20.00"},
            "goals": {"annual": goal}, "indicators": rows_goal})
        }
        "project-self-eval" => {
            json!({"format": "jixiao/v1", "kind": kind, "profile": "national@2024.1", "year": 2024,
            "project": project,
            "budget": {"initial": {"total": "120", "fiscal": "100", "other": "20"},
                       "adjusted": {"total": "120", "fiscal": "100", "other": "20"},
                       "executed": {"total": "114", "fiscal": "96", "other": "18"}},
            "execution_weight": "10",
            "goals": {"planned": goal, "achieved": "完成121公里养护，路况优良率88%，满意度93%。"},
            "indicators": rows_eval})
        }
        "unit-goal" => {
            json!({"format": "jixiao/v1", "kind": kind, "profile": "national@2024.1", "year": 2024,
            "unit": unit,
            "funds": {"total": "5000", "fiscal": "4800", "other": "200", "basic": "3000", "project": "2000"},
            "tasks": [{"name": "农村公路养护", "content": "全县农村公路日常养护", "funds": {"total": "800", "fiscal": "800"}}],
            "goals": {"annual": goal}, "indicators": rows_goal})
        }
        "unit-self-eval" => {
            json!({"format": "jixiao/v1", "kind": kind, "profile": "national@2024.1", "year": 2024,
            "unit": unit,
            "budget": {"initial": {"total": "5000", "fiscal": "4800", "other": "200", "basic": "3000", "project": "2000"},
                       "adjusted": {"total": "5000", "fiscal": "4800", "other": "200", "basic": "3000", "project": "2000"},
                       "executed": {"total": "4900", "fiscal": "4750", "other": "150", "basic": "2980", "project": "1920"}},
            "execution_weight": "10",
            "goals": {"planned": goal, "achieved": "完成121公里养护，路况优良率88%，满意度93%。"},
            "indicators": rows_eval})
        }
        other => panic!("unknown kind {other}"),
    }
}

pub fn push_row(doc: &mut Value, row: Value) {
    doc["indicators"]
        .as_array_mut()
        .expect("indicators")
        .push(row);
}

pub fn remove_row(doc: &mut Value, i: usize) {
    doc["indicators"]
        .as_array_mut()
        .expect("indicators")
        .remove(i);
}

/// Checks a document value under a profile.
pub fn run(doc: &Value, profile: &Profile) -> Vec<Finding> {
    let doc = Document::from_value(doc.clone()).expect("test document reads");
    super::check(&doc, profile)
}

/// A case: a document and the (rule, path) of every finding expected, in order.
pub struct Case {
    pub name: &'static str,
    pub doc: Value,
    pub expected: Vec<(&'static str, &'static str)>,
}

pub fn case(name: &'static str, doc: Value, expected: &[(&'static str, &'static str)]) -> Case {
    Case {
        name,
        doc,
        expected: expected.to_vec(),
    }
}

/// The (rule, path) pairs a document gets under the national profile.
pub fn got(doc: &Value) -> Vec<(String, String)> {
    run(doc, Profile::national())
        .into_iter()
        .map(|f| (f.rule, f.path))
        .collect()
}

/// Asserts one document's findings, in order, under the national profile.
pub fn check_all(doc: Value, expected: &[(&str, &str)]) {
    let got = got(&doc);
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(r, p)| (r.to_string(), p.to_string()))
        .collect();
    assert_eq!(got, want);
}

/// Runs every case and reports all failing ones at once.
pub fn run_cases(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for c in cases {
        let got = got(&c.doc);
        let want: Vec<(String, String)> = c
            .expected
            .iter()
            .map(|(r, p)| (r.to_string(), p.to_string()))
            .collect();
        if got != want {
            failures.push(format!("{}:\n  got  {got:?}\n  want {want:?}", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
