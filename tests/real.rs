//! Forms budget units have published (部门预算/决算公开, 绩效自评结果公开),
//! transcribed as printed in `tests/real/forms/NAME.json`, each with its
//! source (`_source`) and what a finance bureau's reviewer flags on it
//! (`_review`: a path and the issue, or `ok: true` where a reviewer would
//! not object although a naive checker might).
//!
//! - Every form gets exactly the evaluation of its `NAME.expected.json`
//!   (`JIXIAO_BLESS=1 cargo test --test real` rewrites them; review the
//!   diff).
//! - Every defect a reviewer flags is caught by a finding at its place
//!   (the path, a field in it, or the section it is in), except those
//!   listed in `tests/real/missed.tsv`, the known gaps; a gap closed must
//!   leave that list, so the list stays true.
//! - Where a reviewer would not object, no error is raised at that place.
//! - A form printed with its own column layout (`NAME.tsv`: split
//!   指标性质 | 指标值 | 度量单位, 分值 before 指标值, 得分系数 …) pasted
//!   as it is reads into the same rows as its transcription.

#[path = "corpus/support.rs"]
mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use jixiao::model::Document;
use serde_json::Value;
use support::{expected_of, outcome_of, Expected};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real/forms")
}

fn bless() -> bool {
    std::env::var("JIXIAO_BLESS").is_ok_and(|v| v == "1")
}

/// Form names, sorted: every `*.json` but the expectations.
fn names() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir())
        .expect("tests/real/forms exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && !n.ends_with(".expected.json"))
        .map(|n| n.trim_end_matches(".json").to_string())
        .collect();
    v.sort();
    v
}

fn text_of(name: &str) -> String {
    fs::read_to_string(dir().join(format!("{name}.json"))).unwrap()
}

fn render(e: &Expected) -> String {
    let mut head = String::new();
    if let (Some(total), Some(grade)) = (&e.total, &e.grade) {
        head = format!("  \"total\": {total:?},\n  \"grade\": {grade:?},\n");
    }
    let lines: Vec<String> = e
        .findings
        .iter()
        .map(|f| format!("    {}", serde_json::to_string(f).unwrap()))
        .collect();
    if lines.is_empty() {
        return format!("{{\n{head}  \"findings\": []\n}}\n");
    }
    format!(
        "{{\n{head}  \"findings\": [\n{}\n  ]\n}}\n",
        lines.join(",\n")
    )
}

#[test]
fn real_forms_get_their_expected_evaluation() {
    let mut failures = Vec::new();
    for name in names() {
        let got = outcome_of(&text_of(&name));
        let path = dir().join(format!("{name}.expected.json"));
        if bless() {
            fs::write(&path, render(&got)).unwrap();
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(text) if expected_of(&text) == got => {}
            Ok(_) => failures.push(format!("{name}: got {}", render(&got))),
            Err(_) => failures.push(format!("{name}: no expected file (JIXIAO_BLESS=1)")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_corpus_is_real_and_broad() {
    let names = names();
    assert!(names.len() >= 30, "only {} real forms", names.len());
    let mut provinces = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for name in &names {
        let v: Value = serde_json::from_str(&text_of(name)).unwrap();
        let source = &v["_source"];
        let url = source["url"].as_str().unwrap_or_default();
        let title = source["title"].as_str().unwrap_or_default();
        assert!(!url.is_empty() || !title.is_empty(), "{name}: no source");
        provinces.insert(source["province"].as_str().unwrap_or_default().to_string());
        kinds.insert(v["kind"].as_str().unwrap_or_default().to_string());
    }
    assert!(provinces.len() >= 8, "{provinces:?}");
    assert_eq!(kinds.len(), 4, "{kinds:?}");
}

/// A reviewer's place and a finding's place are the same place: one is the
/// other, or inside it.
fn same_place(review: &str, finding: &str) -> bool {
    let inside = |a: &str, b: &str| a == b || a.starts_with(&format!("{b}/"));
    inside(review, finding) || inside(finding, review)
}

/// Every finding's message by rule and path (the expectations keep no
/// messages).
fn messages_of(text: &str) -> std::collections::BTreeMap<(String, String), String> {
    let doc = Document::from_json(text).unwrap();
    let p = jixiao::profile::resolve(None, doc.profile.as_deref()).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for f in jixiao::evaluate::evaluate(&doc, p).findings {
        out.entry((f.rule, f.path))
            .and_modify(|m: &mut String| m.push_str(&f.message))
            .or_insert(f.message);
    }
    out
}

/// The known gaps: `form \t path \t issue`, one a line.
fn known_misses() -> BTreeSet<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real/missed.tsv");
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[0].to_string(), c.get(1).unwrap_or(&"").to_string())
        })
        .collect()
}

#[test]
fn reviewers_defects_are_caught_and_nothing_they_accept_is_an_error() {
    let known = known_misses();
    let (mut caught, mut missed, mut accepted) = (0, Vec::new(), 0);
    let mut wrongly = Vec::new();
    for name in names() {
        let text = text_of(&name);
        let v: Value = serde_json::from_str(&text).unwrap();
        let outcome = outcome_of(&text);
        let messages = messages_of(&text);
        for item in v["_review"].as_array().into_iter().flatten() {
            let path = item["path"].as_str().unwrap_or_default();
            let issue = item["issue"].as_str().unwrap_or_default();
            if item["ok"].as_bool() == Some(true) {
                accepted += 1;
                // `about` narrows what the reviewer accepts at the place
                // (no 满意度 indicator, where other categories may still
                // be missing).
                let about = item["about"].as_str().unwrap_or("");
                let errors: Vec<&str> = outcome
                    .findings
                    .iter()
                    .filter(|f| f.path == path && f.severity == "error")
                    .filter(|f| {
                        about.is_empty()
                            || messages
                                .get(&(f.rule.clone(), f.path.clone()))
                                .is_some_and(|m| m.contains(about))
                    })
                    .map(|f| f.rule.as_str())
                    .collect();
                if !errors.is_empty() {
                    wrongly.push(format!("{name} {path} ({issue}): {errors:?}"));
                }
            } else if outcome.findings.iter().any(|f| same_place(path, &f.path)) {
                caught += 1;
            } else {
                missed.push((name.clone(), path.to_string(), issue.to_string()));
            }
        }
    }
    println!(
        "real forms: {caught} reviewer defects caught, {} not caught (tests/real/missed.tsv); {accepted} places a reviewer accepts, {} of them with an error",
        missed.len(),
        wrongly.len()
    );
    assert!(
        wrongly.is_empty(),
        "errors where reviewers accept:\n{}",
        wrongly.join("\n")
    );
    let now: BTreeSet<(String, String)> = missed
        .iter()
        .map(|(n, p, _)| (n.clone(), p.clone()))
        .collect();
    let new: Vec<String> = missed
        .iter()
        .filter(|(n, p, _)| !known.contains(&(n.clone(), p.clone())))
        .map(|(n, p, i)| format!("{n}\t{p}\t{i}"))
        .collect();
    let closed: Vec<String> = known
        .iter()
        .filter(|k| !now.contains(*k))
        .map(|(n, p)| format!("{n}\t{p}"))
        .collect();
    assert!(
        new.is_empty() && closed.is_empty(),
        "defects not caught that are not in tests/real/missed.tsv:\n{}\n\nlisted as missed but caught now (remove them):\n{}",
        new.join("\n"),
        closed.join("\n")
    );
}

/// A printed table pasted as it is reads into the rows of its
/// transcription: the layouts of the provinces (split 指标性质 | 指标值 |
/// 度量单位, 分值 before 指标值, 得分系数 and 是否核心指标) are understood.
#[test]
fn printed_layouts_paste_into_the_same_rows() {
    let mut compared = 0;
    let mut failures = Vec::new();
    for name in names() {
        let tsv = dir().join(format!("{name}.tsv"));
        let Ok(table) = fs::read_to_string(&tsv) else {
            continue;
        };
        let doc = Document::from_json(&text_of(&name)).unwrap();
        let (mut rows, _) = jixiao::tsv::parse_rows(&table, doc.kind);
        if let Some(y) = doc.year_value() {
            rows.iter_mut().for_each(|r| r.fill_years(y));
        }
        if rows.len() != doc.indicators.len() {
            failures.push(format!(
                "{name}: {} pasted rows, {} transcribed",
                rows.len(),
                doc.indicators.len()
            ));
            continue;
        }
        for (i, (pasted, row)) in rows.iter().zip(&doc.indicators).enumerate() {
            let mut check = |what: &str, a: String, b: String| {
                if !b.is_empty() && a != b {
                    failures.push(format!(
                        "{name} row {}: {what} pasted “{a}”, transcribed “{b}”",
                        i + 1
                    ));
                }
            };
            check("name", pasted.name.clone(), row.name.clone());
            check(
                "target",
                pasted.target.to_string(),
                if row.target_text.as_deref().unwrap_or("").trim().is_empty() {
                    String::new()
                } else {
                    row.target.to_string()
                },
            );
            let num =
                |n: &Option<jixiao::num::Num>| n.as_ref().map(|n| n.text()).unwrap_or_default();
            check("weight", num(&pasted.weight), num(&row.weight));
            let actual = |a: &Option<jixiao::target::ActualValue>| {
                a.as_ref().map(|a| a.text.clone()).unwrap_or_default()
            };
            check("actual", actual(&pasted.actual), actual(&row.actual));
            compared += 1;
        }
    }
    assert!(compared >= 100, "only {compared} rows compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
