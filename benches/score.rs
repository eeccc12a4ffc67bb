//! Benchmark: scoring a generated 500-row self-evaluation.
//!
//! Run with `cargo bench --bench score`; criterion prints the time per
//! scoring of the whole form (all rows, execution, reconciliation).

use criterion::{criterion_group, criterion_main, Criterion};
use jixiao::model::Document;
use jixiao::profile::Profile;
use serde_json::{json, Value};
use std::hint::black_box;

/// One row of each kind in turn: positive missed, reverse exceeded, bare
/// cost, qualitative, deadline met, far above, with typed scores that
/// sometimes differ from the rule score.
fn generated_row(i: usize) -> Value {
    let id = format!("r{i}");
    match i % 6 {
        0 => json!({"id": id, "level1": "产出指标", "level2": "数量指标", "name": "养护里程",
                    "target": "≥120公里", "actual": format!("{}", 100 + i % 20), "weight": "0.2",
                    "score": "0.18", "deviation": "汛期顺延。"}),
        1 => json!({"id": id, "level1": "产出指标", "level2": "成本指标", "name": "每公里成本",
                    "target": "≤3.5万元", "actual": format!("3.{}万元", 5 + i % 5), "weight": "0.2"}),
        2 => json!({"id": id, "level1": "成本指标", "level2": "经济成本指标", "name": "材料费",
                    "target": "100万元", "actual": format!("{}", 90 + i % 30), "weight": "0.2"}),
        3 => json!({"id": id, "level1": "效益指标", "level2": "社会效益指标", "name": "出行条件",
                    "target": {"qualitative": "明显改善"}, "actual": "部分达成", "weight": "0.2",
                    "score": "0.14", "deviation": "个别路段积水。"}),
        4 => json!({"id": id, "level1": "产出指标", "level2": "时效指标", "name": "完成时间",
                    "target": "2024年12月31日前", "actual": "2024-11-30", "weight": "0.2", "score": "0.2"}),
        _ => {
            json!({"id": id, "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度",
                    "target": "≥90%", "actual": format!("{}%", 85 + i % 40), "weight": "0.2"})
        }
    }
}

fn generated_form(rows: usize) -> Document {
    Document::from_value(json!({
        "format": "jixiao/v1",
        "kind": "project-self-eval",
        "year": 2024,
        "project": {"name": "基准测试项目"},
        "budget": {"adjusted": {"total": "1300.00"}, "executed": {"total": "1235.00"}},
        "execution_weight": "10",
        "execution_score": "9.50",
        "indicators": (0..rows).map(generated_row).collect::<Vec<_>>(),
        "total_score": "88.17",
    }))
    .expect("the generated form reads")
}

fn bench(c: &mut Criterion) {
    let doc = generated_form(500);
    let profile = Profile::national();
    let report = jixiao::score::score(&doc, profile);
    assert_eq!(report.score.indicators.len(), 500);
    c.bench_function("score 500-row self-evaluation", |b| {
        b.iter(|| jixiao::score::score(black_box(&doc), black_box(profile)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
