//! Benchmarks of the checks: a generated 500-row self-evaluation (target:
//! check and score under 1 ms together, `evaluate`) and the whole test
//! corpus.
//!
//! Run: `cargo bench --bench check` (add `-- --quick` for a short run).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use jixiao::evaluate::evaluate;
use jixiao::model::Document;
use jixiao::profile::{self, Profile};
use jixiao::rules;
use serde_json::{json, Value};

/// A self-evaluation with `rows` indicator rows of every target kind, a few
/// with findings, so that every rule family does its work.
fn big_form(rows: usize) -> Document {
    let cats = [
        ("产出指标", "数量指标", "≥120公里", "121公里"),
        ("产出指标", "质量指标", "≥85%", "88%"),
        ("产出指标", "时效指标", "2024年12月31日前", "2024-12-20"),
        ("成本指标", "经济成本指标", "≤1万元/公里", "0.95万元/公里"),
        ("效益指标", "社会效益指标", "路况等级保持良等以上", "达成"),
        ("满意度指标", "服务对象满意度指标", "≥90%", "93%"),
    ];
    let indicators: Vec<Value> = (0..rows)
        .map(|i| {
            let (l1, l2, target, actual) = cats[i % cats.len()];
            let target: Value = if l1 == "效益指标" {
                json!({"qualitative": if i % 50 == 4 { "明显改善" } else { target }})
            } else {
                target.into()
            };
            json!({"id": format!("r{i}"), "level1": l1, "level2": l2,
                   "name": format!("第{i}段农村公路养护指标"), "target": target,
                   "actual": actual, "weight": "0.18"})
        })
        .collect();
    let v = json!({"format": "jixiao/v1", "kind": "project-self-eval", "profile": "national@2024.1",
        "year": 2024,
        "project": {"name": "全县农村公路养护项目", "department": "某县交通运输局", "unit": "某县公路养护中心",
                    "period": {"start": "2024-01", "end": "2024-12"}},
        "budget": {"initial": {"total": "1200", "fiscal": "1000", "other": "200"},
                   "adjusted": {"total": "1200", "fiscal": "1000", "other": "200"},
                   "executed": {"total": "1150", "fiscal": "980", "other": "170"}},
        "execution_weight": "10",
        "goals": {"planned": "完成全县农村公路养护，路况优良率不低于85%。", "achieved": "全部完成。"},
        "indicators": indicators});
    Document::from_value(v).expect("generated form reads")
}

fn corpus() -> Vec<(Document, Profile)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(dir).expect("tests/corpus") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.ends_with(".json") && !name.ends_with(".expected.json") {
            let text = std::fs::read_to_string(&path).expect("read");
            let doc = Document::from_json(&text).expect("corpus reads");
            let p = profile::resolve(None, doc.profile.as_deref())
                .expect("corpus profiles are built in")
                .clone();
            docs.push((doc, p));
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let form = big_form(500);
    let national = Profile::national();
    assert!(!rules::check(&form, national).is_empty());
    c.bench_function("check 500-row self-evaluation", |b| {
        b.iter(|| rules::check(black_box(&form), black_box(national)))
    });
    c.bench_function("evaluate (check + score) 500-row self-evaluation", |b| {
        b.iter(|| evaluate(black_box(&form), black_box(national)))
    });
    let docs = corpus();
    c.bench_function(
        &format!("evaluate whole corpus ({} forms)", docs.len()),
        |b| {
            b.iter(|| {
                docs.iter()
                    .map(|(d, p)| evaluate(black_box(d), p).findings.len())
                    .sum::<usize>()
            })
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
