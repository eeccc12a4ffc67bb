//! Benchmarks of Excel in and out: a generated 500-row self-evaluation
//! written as .xlsx in the official layout, and that file read back into a
//! document (figures printed, never asserted).
//!
//! Run: `cargo bench --bench sheet` (add `-- --quick` for a short run).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use jixiao::model::Document;
use jixiao::sheet;
use serde_json::{json, Value};

/// A self-evaluation with `rows` indicator rows over six categories.
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
            let (l1, l2, target, actual) = cats[(i / 20) % cats.len()];
            json!({"id": format!("r{i}"), "level1": l1, "level2": l2,
                   "name": format!("第{i}段农村公路养护指标"), "target": target,
                   "actual": actual, "weight": "0.18", "score": "0.18"})
        })
        .collect();
    let v = json!({"format": "jixiao/v1", "kind": "project-self-eval", "profile": "national@2024.1",
        "year": 2024,
        "project": {"name": "全县农村公路养护项目", "department": "某县交通运输局", "unit": "某县公路养护中心"},
        "budget": {"initial": {"total": "1200", "fiscal": "1000", "other": "200"},
                   "adjusted": {"total": "1200", "fiscal": "1000", "other": "200"},
                   "executed": {"total": "1150", "fiscal": "980", "other": "170"}},
        "execution_weight": "10",
        "goals": {"planned": "完成全县农村公路养护，路况优良率不低于85%。", "achieved": "全部完成。"},
        "indicators": indicators});
    Document::from_value(v).expect("generated form reads")
}

fn bench(c: &mut Criterion) {
    let form = big_form(500);
    let bytes = sheet::export(&form).expect("export");
    let back = sheet::import(&bytes).expect("import");
    assert_eq!(back.forms[0].document.indicators.len(), 500);
    println!("500-row form as .xlsx: {} bytes", bytes.len());
    c.bench_function("export 500-row self-evaluation to .xlsx", |b| {
        b.iter(|| sheet::export(black_box(&form)))
    });
    c.bench_function("import 500-row self-evaluation from .xlsx", |b| {
        b.iter(|| sheet::import(black_box(&bytes)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
