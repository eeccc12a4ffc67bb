//! Worked examples of the self-evaluation scoring, computed by hand and
//! written out as data, plus property tests of its bounds and monotonicity.
//!
//! Each `check` gives one indicator row (target, actual, weight as a person
//! types them), the score the rule gives and the `how` string that explains
//! it. Every expected number below was worked out by hand from the formulas
//! in `src/score/mod.rs`, not copied from the program's output.

use jixiao::finding::Severity;
use jixiao::model::Document;
use jixiao::profile::scoring::{LateRule, ReverseRule, Rounding};
use jixiao::profile::Profile;
use jixiao::score::{grade_of, score, ScoreReport, RULES};
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn national() -> Profile {
    Profile::national().clone()
}

fn profile(f: impl FnOnce(&mut Profile)) -> Profile {
    let mut p = national();
    f(&mut p);
    p
}

fn linear() -> Profile {
    profile(|p| p.scoring.reverse_rule = ReverseRule::Linear)
}

fn whole() -> Profile {
    profile(|p| p.scoring.rounding = Rounding::Whole)
}

fn days_late(percent: &str) -> Profile {
    profile(|p| {
        p.scoring.late_rule = LateRule::DaysLate {
            percent_per_day: d(percent),
        }
    })
}

/// A project self-evaluation with these rows, year 2024, and no points for
/// budget execution (so that the total is the rows' alone).
fn doc_of(rows: Vec<Value>) -> Document {
    Document::from_value(json!({
        "format": "jixiao/v1",
        "kind": "project-self-eval",
        "year": 2024,
        "execution_weight": "0",
        "indicators": rows,
    }))
    .unwrap()
}

/// An output-quantity row with its deviation text filled, so that only the
/// rule under test speaks.
fn row(target: &str, actual: &str, weight: &str) -> Value {
    json!({
        "id": "r1", "level1": "产出指标", "level2": "数量指标", "name": "测试指标",
        "target": target, "actual": actual, "weight": weight,
        "deviation": "已说明原因。",
    })
}

/// `row` with some fields set or replaced (`null` removes one).
fn with(mut v: Value, fields: Value) -> Value {
    for (k, x) in fields.as_object().unwrap() {
        if x.is_null() {
            v.as_object_mut().unwrap().remove(k);
        } else {
            v[k] = x.clone();
        }
    }
    v
}

fn cost(v: Value) -> Value {
    with(v, json!({"level1": "成本指标", "level2": "经济成本指标"}))
}

fn qual(level: &str, weight: &str, typed: Option<&str>) -> Value {
    let mut v = json!({
        "id": "r1", "level1": "效益指标", "level2": "社会效益指标", "name": "群众出行条件",
        "target": {"qualitative": "明显改善"}, "actual": level, "weight": weight,
        "deviation": "已说明原因。",
    });
    if let Some(t) = typed {
        v["score"] = json!(t);
    }
    v
}

fn score_one(p: &Profile, r: &Value) -> ScoreReport {
    score(&doc_of(vec![r.clone()]), p)
}

/// One row's expected score (`None`: not scored) and explanation.
fn check(p: &Profile, r: Value, expected_score: Option<&str>, expected_how: &str) {
    let rep = score_one(p, &r);
    let got = &rep.score.indicators[0];
    assert_eq!(
        got.score.map(|s| s.to_string()).as_deref(),
        expected_score,
        "score of {r}\nhow: {}\nfindings: {:#?}",
        got.how,
        rep.findings
    );
    assert_eq!(got.how, expected_how, "how of {r}");
}

fn rule_ids(rep: &ScoreReport) -> Vec<String> {
    let mut ids: Vec<String> = rep.findings.iter().map(|f| f.rule.clone()).collect();
    ids.sort();
    ids
}

/// The rule ids of the findings one row gives, sorted.
fn check_rules(p: &Profile, r: Value, expected: &[&str]) {
    let rep = score_one(p, &r);
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(rule_ids(&rep), want, "findings of {r}: {:#?}", rep.findings);
}

#[test]
fn positive_rows() {
    let p = national();
    check(
        &p,
        row("≥120公里", "125", "20"),
        Some("20.00"),
        "125 ≥ 120，达到指标值，得满分 20.00",
    );
    check(
        &p,
        row("≥120公里", "120", "20"),
        Some("20.00"),
        "120 ≥ 120，达到指标值，得满分 20.00",
    );
    // The docs/format.md example: 118 / 120 × 20 = 19.666… ≈ 19.67.
    check(
        &p,
        row("≥120公里", "118", "20"),
        Some("19.67"),
        "118 / 120 × 20 = 19.666666… ≈ 19.67",
    );
    check(
        &p,
        row(">95%", "95", "10"),
        Some("10.00"),
        "95 ≥ 95，达到指标值，得满分 10.00",
    );
    check(
        &p,
        row("≥90%", "45%", "10"),
        Some("5.00"),
        "45 / 90 × 10 = 5.00",
    );
    check(
        &p,
        row("≥90%", "0", "10"),
        Some("0.00"),
        "0 / 90 × 10 = 0.00",
    );
    // A target of 0 on a positive row is met by any non-negative actual.
    check(
        &p,
        row("≥0个", "0", "5"),
        Some("5.00"),
        "0 ≥ 0，达到指标值，得满分 5.00",
    );
}

#[test]
fn actuals_printed_with_unit_or_comparator_use_their_number() {
    let p = national();
    check(
        &p,
        row("≥95%", "≥96%", "10"),
        Some("10.00"),
        "96 ≥ 95，达到指标值，得满分 10.00",
    );
    check(
        &p,
        row("≥20000人", "21980人", "10"),
        Some("10.00"),
        "21980 ≥ 20000，达到指标值，得满分 10.00",
    );
    check(
        &p,
        row("≥95%", "９０％", "10"),
        Some("9.47"),
        "90 / 95 × 10 = 9.473684… ≈ 9.47",
    );
    check_rules(&p, row("≥20000人", "21980人", "10"), &[]);
    // A different unit is scored on the numbers, with a warning.
    check(
        &p,
        row("≥20000人次", "21980人", "10"),
        Some("10.00"),
        "21980 ≥ 20000，达到指标值，得满分 10.00",
    );
    check_rules(&p, row("≥20000人次", "21980人", "10"), &["SCORE-UNIT"]);
}

#[test]
fn far_above_target_warns_but_scores_full() {
    let p = national();
    check(
        &p,
        row("≥100人次", "130", "10"),
        Some("10.00"),
        "130 ≥ 100，达到指标值，得满分 10.00；实际完成值为指标值的 1.30 倍，需说明原因",
    );
    // Without a deviation text: a warning; with one: information.
    let bare = |r: Value| with(r, json!({"deviation": null}));
    check_rules(&p, bare(row("≥100人次", "130", "10")), &["SCORE-FAR-ABOVE"]);
    check_rules(
        &p,
        row("≥100人次", "130", "10"),
        &["SCORE-FAR-ABOVE-EXPLAINED"],
    );
    check_rules(&p, bare(row("≥100人次", "129.99", "10")), &[]);
    // Equal and bare targets are positive too.
    check_rules(&p, bare(row("=12个", "16", "10")), &["SCORE-FAR-ABOVE"]);
    check_rules(&p, bare(row("12个", "16", "10")), &["SCORE-FAR-ABOVE"]);
    // A reverse row far below its target is not flagged.
    check_rules(&p, bare(row("≤100万元", "50", "10")), &[]);
    // The ratio is profile data.
    let strict = profile(|p| p.thresholds.far_above_ratio = d("1.2"));
    check_rules(
        &strict,
        bare(row("≥100人次", "120", "10")),
        &["SCORE-FAR-ABOVE"],
    );
    let f = &score_one(&p, &bare(row("≥100人次", "130", "10"))).findings[0];
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.path, "/indicators/0/actual");
    assert_eq!(
        f.message,
        "第1行“测试指标”实际完成值 130 是指标值 100 的 1.30 倍（达到 1.3 倍及以上），可能是指标值定得过低；按规则得满分，评价人可视偏差情况扣分；请在偏差原因分析中说明原因。"
    );
    let f = &score_one(&p, &row("≥100人次", "130", "10")).findings[0];
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(f.params["ratio"], "1.30");
}

#[test]
fn reverse_rows_proportional_and_linear() {
    let p = national();
    check(
        &p,
        row("≤120万元", "115", "20"),
        Some("20.00"),
        "115 ≤ 120，达到指标值，得满分 20.00",
    );
    check(
        &p,
        row("<120万元", "120", "20"),
        Some("20.00"),
        "120 ≤ 120，达到指标值，得满分 20.00",
    );
    // 120 × 20 / 130 = 18.4615…
    check(
        &p,
        row("≤120万元", "130", "20"),
        Some("18.46"),
        "120 / 130 × 20 = 18.461538… ≈ 18.46（反向指标超出指标值，按比例计分）",
    );
    // Linear: (1 − 10/120) × 20 = 18.333…
    check(
        &linear(),
        row("≤120万元", "130", "20"),
        Some("18.33"),
        "(1 − (130 − 120) / 120) × 20 = 18.333333… ≈ 18.33（反向指标超出指标值，按线性计分）",
    );
    // Linear reaches zero at twice the target and stays there.
    check(
        &linear(),
        row("≤120万元", "240", "20"),
        Some("0.00"),
        "(1 − (240 − 120) / 120) × 20 = 0.00（反向指标超出指标值，按线性计分）",
    );
    check(
        &linear(),
        row("≤120万元", "250", "20"),
        Some("0.00"),
        "(1 − (250 − 120) / 120) × 20 = -1.666666…，低于 0，得 0.00（反向指标超出指标值，按线性计分）",
    );
    // A zero target: proportional gives 0, linear cannot divide.
    check(
        &p,
        row("≤0起", "2", "10"),
        Some("0.00"),
        "0 / 2 × 10 = 0.00（反向指标超出指标值，按比例计分）",
    );
    check(
        &linear(),
        row("≤0起", "2", "10"),
        None,
        "未计分：指标值为 0 或负数，无法线性计分",
    );
    check_rules(
        &linear(),
        row("≤0起", "2", "10"),
        &["SCORE-ARITH", "SCORE-INCOMPLETE"],
    );
}

#[test]
fn equal_and_bare_targets() {
    let p = national();
    check(
        &p,
        row("=12个", "10", "10"),
        Some("8.33"),
        "10 / 12 × 10 = 8.333333… ≈ 8.33",
    );
    check(
        &p,
        row("=12个", "14", "10"),
        Some("10.00"),
        "14 ≥ 12，达到指标值，得满分 10.00",
    );
    check(
        &p,
        row("8755", "8000", "10"),
        Some("9.14"),
        "8000 / 8755 × 10 = 9.137635… ≈ 9.14",
    );
    check(
        &p,
        row("100%", "100%", "10"),
        Some("10.00"),
        "100 ≥ 100，达到指标值，得满分 10.00",
    );
    // On 成本 rows exceeding a bare or equal target is scored as reverse.
    check(
        &p,
        cost(row("100万元", "125", "10")),
        Some("8.00"),
        "100 / 125 × 10 = 8.00（成本指标超出指标值，作反向指标按比例计分）",
    );
    check(
        &p,
        cost(row("100万元", "90", "10")),
        Some("10.00"),
        "90 ≤ 100，达到指标值，得满分 10.00",
    );
    check(
        &linear(),
        cost(row("=100万元", "125", "10")),
        Some("7.50"),
        "(1 − (125 − 100) / 100) × 10 = 7.50（成本指标超出指标值，作反向指标按线性计分）",
    );
    // The older placement: 成本指标 as a level 2 under 产出指标.
    let old = with(row("100万元", "125", "10"), json!({"level2": "成本指标"}));
    check(
        &p,
        old,
        Some("8.00"),
        "100 / 125 × 10 = 8.00（成本指标超出指标值，作反向指标按比例计分）",
    );
}

#[test]
fn qualitative_bands_and_their_edges() {
    let p = national();
    check(
        &p,
        qual("达成", "10", Some("9")),
        Some("9.00"),
        "评为“达成”（8 ≤ 得分 ≤ 10），评价人打分 9 → 9.00",
    );
    // 80 % is inside 达成; 100 % too.
    check(
        &p,
        qual("达成", "10", Some("8")),
        Some("8.00"),
        "评为“达成”（8 ≤ 得分 ≤ 10），评价人打分 8 → 8.00",
    );
    check(
        &p,
        qual("达成", "10", Some("10")),
        Some("10.00"),
        "评为“达成”（8 ≤ 得分 ≤ 10），评价人打分 10 → 10.00",
    );
    check(
        &p,
        qual("达成", "10", Some("7.99")),
        None,
        "未计分：评为“达成”，打分 7.99 不在 8 ≤ 得分 ≤ 10 内",
    );
    // 60 % is inside 部分达成; 80 % is not.
    check(
        &p,
        qual("部分达成", "10", Some("6")),
        Some("6.00"),
        "评为“部分达成”（6 ≤ 得分 < 8），评价人打分 6 → 6.00",
    );
    check(
        &p,
        qual("部分达成", "10", Some("8")),
        None,
        "未计分：评为“部分达成”，打分 8 不在 6 ≤ 得分 < 8 内",
    );
    check(
        &p,
        qual("未达成年度指标且效果较差", "10", Some("5.99")),
        Some("5.99"),
        "评为“未达成”（0 ≤ 得分 < 6），评价人打分 5.99 → 5.99",
    );
    check(
        &p,
        qual("未达成", "10", Some("6")),
        None,
        "未计分：评为“未达成”，打分 6 不在 0 ≤ 得分 < 6 内",
    );
    // Bands of a 15-point row: 12 ≤ 达成 ≤ 15.
    check(
        &p,
        qual("达成", "15", Some("12")),
        Some("12.00"),
        "评为“达成”（12 ≤ 得分 ≤ 15），评价人打分 12 → 12.00",
    );
    check(
        &p,
        qual("达成", "10", None),
        None,
        "未计分：定性指标评为“达成”，需评价人在 8 ≤ 得分 ≤ 10 内打分",
    );

    check_rules(
        &p,
        qual("达成", "10", Some("7.99")),
        &["SCORE-BAND", "SCORE-INCOMPLETE"],
    );
    check_rules(
        &p,
        qual("达成", "10", None),
        &["SCORE-EVAL-MISSING", "SCORE-INCOMPLETE"],
    );
    check_rules(
        &p,
        qual("达成", "10", Some("12")),
        &["SCORE-TYPED-RANGE", "SCORE-INCOMPLETE"],
    );
    // Below the weight with no deviation text.
    let bare = with(qual("达成", "10", Some("9")), json!({"deviation": null}));
    check_rules(&p, bare, &["SCORE-DEVIATION"]);
    check_rules(
        &p,
        with(qual("达成", "10", Some("10")), json!({"deviation": null})),
        &[],
    );
    // Bands are profile data (an old Hubei form: 达成 from 50 %).
    let hubei = profile(|p| p.scoring.bands.met = [d("50"), d("100")]);
    check(
        &hubei,
        qual("达成", "10", Some("5")),
        Some("5.00"),
        "评为“达成”（5 ≤ 得分 ≤ 10），评价人打分 5 → 5.00",
    );
}

#[test]
fn deadlines() {
    let p = national();
    let t = |target: &str, actual: &str| {
        with(
            row(target, actual, "10"),
            json!({"level2": "时效指标", "name": "完成时间"}),
        )
    };
    check(
        &p,
        t("2024年12月31日前", "2024-11-30"),
        Some("10.00"),
        "完成于 2024-11-30，不晚于期限 2024-12-31，得满分 10.00",
    );
    check(
        &p,
        t("2024年12月31日前", "2024-12-31"),
        Some("10.00"),
        "完成于 2024-12-31，不晚于期限 2024-12-31，得满分 10.00",
    );
    // A whole month means its last day.
    check(
        &p,
        t("2024-12", "2024-12-31"),
        Some("10.00"),
        "完成于 2024-12-31，不晚于期限 2024-12，得满分 10.00",
    );
    check(
        &p,
        t("12月底前", "2024-12-31"),
        Some("10.00"),
        "完成于 2024-12-31，不晚于期限 2024-12，得满分 10.00",
    );
    // Late: the evaluator's score, below the weight.
    let late = with(t("2024年12月31日前", "2025-01-15"), json!({"score": "6"}));
    check(
        &p,
        late.clone(),
        Some("6.00"),
        "完成于 2025-01-15，晚于期限 2024-12-31 15 天；评价人打分 6 → 6.00",
    );
    check_rules(&p, late, &[]);
    let full = with(t("2024年12月31日前", "2025-01-15"), json!({"score": "10"}));
    check(
        &p,
        full.clone(),
        None,
        "未计分：完成于 2025-01-15，晚于期限 2024-12-31 15 天，未按期完成不能得满分",
    );
    check_rules(&p, full, &["SCORE-FULL-ON-MISS", "SCORE-INCOMPLETE"]);
    let none = t("2024年12月31日前", "2025-01-15");
    check_rules(
        &p,
        none.clone(),
        &["SCORE-EVAL-MISSING", "SCORE-INCOMPLETE"],
    );
    // Late and no deviation text: that is asked for too.
    check_rules(
        &p,
        with(none, json!({"deviation": null})),
        &["SCORE-EVAL-MISSING", "SCORE-DEVIATION", "SCORE-INCOMPLETE"],
    );
    // days_late: 2 % of the weight per day; 15 days → 10 × 0.7 = 7.
    let p2 = days_late("2");
    check(
        &p2,
        t("2024年12月31日前", "2025-01-15"),
        Some("7.00"),
        "完成于 2025-01-15，晚于期限 2024-12-31 15 天；10 × (1 − 15 × 2%) = 7.00",
    );
    // 60 days (31 + 28 + 1) → 10 × (1 − 1.2) = −2, floored at 0.
    check(
        &p2,
        t("2024年12月31日前", "2025-03-01"),
        Some("0.00"),
        "完成于 2025-03-01，晚于期限 2024-12-31 60 天；10 × (1 − 60 × 2%) = -2，低于 0，得 0.00",
    );
}

#[test]
fn rounding_half_up_and_whole_points() {
    let p = national();
    // 3.3 × 10 / 200 = 0.165 exactly: half up gives 0.17 (banker's would give 0.16).
    check(
        &p,
        row("≥200个", "3.3", "10"),
        Some("0.17"),
        "3.3 / 200 × 10 = 0.165 ≈ 0.17",
    );
    // 393.3 × 20 / 400 = 19.665 → 19.67.
    check(
        &p,
        row("≥400个", "393.3", "20"),
        Some("19.67"),
        "393.3 / 400 × 20 = 19.665 ≈ 19.67",
    );
    // 1.25 × 10 / 200 = 0.0625: only the third decimal decides, 0.06.
    check(
        &p,
        row("≥200个", "1.25", "10"),
        Some("0.06"),
        "1.25 / 200 × 10 = 0.0625 ≈ 0.06",
    );
    let w = whole();
    check(
        &w,
        row("≥120公里", "118", "20"),
        Some("20"),
        "118 / 120 × 20 = 19.666666… ≈ 20",
    );
    // 111 × 20 / 120 = 18.5 → 19 (half up).
    check(
        &w,
        row("≥120公里", "111", "20"),
        Some("19"),
        "111 / 120 × 20 = 18.5 ≈ 19",
    );
    check(
        &w,
        row("≥120公里", "110", "20"),
        Some("18"),
        "110 / 120 × 20 = 18.333333… ≈ 18",
    );
    check(
        &w,
        row("≥120公里", "125", "20"),
        Some("20"),
        "125 ≥ 120，达到指标值，得满分 20",
    );
}

/// A self-evaluation with budget execution scored.
fn exec_doc(
    adjusted: Option<&str>,
    initial: Option<&str>,
    executed: &str,
    weight: &str,
) -> Document {
    let mut budget = json!({"executed": {"total": executed}});
    if let Some(a) = adjusted {
        budget["adjusted"] = json!({"total": a});
    }
    if let Some(i) = initial {
        budget["initial"] = json!({"total": i});
    }
    Document::from_value(json!({
        "format": "jixiao/v1", "kind": "project-self-eval", "year": 2024,
        "budget": budget, "execution_weight": weight, "indicators": [],
    }))
    .unwrap()
}

fn check_exec(doc: Document, rate: &str, score_: &str, how: &str) {
    let rep = score(&doc, &national());
    let e = rep.score.execution.as_ref().expect("execution scored");
    assert_eq!(
        (e.rate.to_string(), e.score.to_string(), e.how.as_str()),
        (rate.to_string(), score_.to_string(), how)
    );
    assert_eq!(rep.score.total, e.score);
}

#[test]
fn budget_execution() {
    // The docs/format.md example: 123.50 / 130.00 = 0.95 → 9.50.
    check_exec(
        exec_doc(Some("130.00"), Some("120.00"), "123.50", "10"),
        "0.9500",
        "9.50",
        "执行率 = 123.50 / 130.00 = 0.9500；得分 = 123.50 / 130.00 × 10 = 9.50",
    );
    // Capped at the weight.
    check_exec(
        exec_doc(Some("100"), None, "110", "10"),
        "1.1000",
        "10.00",
        "执行率 = 110 / 100 = 1.1000；得分 = 110 / 100 × 10 = 11 > 10，超过分值，得 10.00",
    );
    // 100 / 130 = 0.769230… → 0.7692; 1000 / 130 = 7.692307… → 7.69.
    check_exec(
        exec_doc(Some("130"), None, "100", "10"),
        "0.7692",
        "7.69",
        "执行率 = 100 / 130 = 0.769230… ≈ 0.7692；得分 = 100 / 130 × 10 = 7.692307… ≈ 7.69",
    );
    // Without 全年预算数, 年初预算数 with an info finding.
    let doc = exec_doc(None, Some("120"), "114", "10");
    check_exec(
        doc.clone(),
        "0.9500",
        "9.50",
        "按年初预算数计算：执行率 = 114 / 120 = 0.9500；得分 = 114 / 120 × 10 = 9.50",
    );
    let rep = score(&doc, &national());
    assert_eq!(rule_ids(&rep), ["SCORE-EXEC-INITIAL"]);
    assert_eq!(rep.findings[0].severity, Severity::Info);
    // The profile weight applies where the form gives none.
    let mut doc = exec_doc(Some("200"), None, "150", "10");
    doc.execution_weight = None;
    check_exec(
        doc,
        "0.7500",
        "7.50",
        "执行率 = 150 / 200 = 0.7500；得分 = 150 / 200 × 10 = 7.50",
    );
    // A zero budget, missing amounts and overflow are findings, not panics.
    let rep = score(&exec_doc(Some("0"), None, "10", "10"), &national());
    assert!(rep.score.execution.is_none());
    assert_eq!(rule_ids(&rep), ["SCORE-ARITH"]);
    let rep = score(&exec_doc(Some("abc"), None, "10", "10"), &national());
    assert_eq!(rule_ids(&rep), ["SCORE-EXEC-INPUT"]);
    let rep = score(&exec_doc(Some("1e30"), None, "10", "10"), &national());
    assert_eq!(rule_ids(&rep), ["SCORE-EXEC-INPUT"]);
    let rep = score(
        &exec_doc(
            Some("0.0000000000000000000000001"),
            None,
            "70000000000000000000000000000",
            "10",
        ),
        &national(),
    );
    assert_eq!(rule_ids(&rep), ["SCORE-ARITH"]);
    let mut doc = exec_doc(None, None, "10", "10");
    doc.budget = None;
    assert_eq!(
        rule_ids(&score(&doc, &national())),
        ["SCORE-EXEC-INPUT", "SCORE-EXEC-INPUT"]
    );
    // Whole points: 9.5 rounds half up to 10.
    let rep = score(&exec_doc(Some("130.00"), None, "123.50", "10"), &whole());
    let e = rep.score.execution.unwrap();
    assert_eq!(
        (e.rate.to_string(), e.score.to_string()),
        ("0.9500".into(), "10".into())
    );
    assert_eq!(
        e.how,
        "执行率 = 123.50 / 130.00 = 0.9500；得分 = 123.50 / 130.00 × 10 = 9.5 ≈ 10"
    );
    // A profile with no execution points scores none.
    let ningxia = profile(|p| p.weights.execution = Decimal::ZERO);
    let mut doc = exec_doc(Some("100"), None, "90", "10");
    doc.execution_weight = None;
    let rep = score(&doc, &ningxia);
    assert!(rep.score.execution.is_none());
    assert!(rep.findings.is_empty());
}

#[test]
fn typed_execution_score_is_reconciled() {
    let with_typed = |typed: &str, reason: Option<&str>| {
        let mut doc = exec_doc(Some("130.00"), None, "123.50", "10");
        doc.execution_score = Some(jixiao::num::Num::parse(typed));
        if let Some(r) = reason {
            doc.budget.as_mut().unwrap().execution_reason = Some(r.to_string());
        }
        rule_ids(&score(&doc, &national()))
    };
    assert_eq!(with_typed("9.50", None), Vec::<String>::new());
    assert_eq!(with_typed("9.8", None), ["SCORE-TYPED-HIGH"]);
    // 9.50 rounded to whole points, as many units print it: information.
    assert_eq!(with_typed("10", None), ["SCORE-TYPED-ROUNDED"]);
    assert_eq!(with_typed("9", None), ["SCORE-TYPED-LOW"]);
    assert_eq!(
        with_typed("9", Some("部分款项次年支付。")),
        ["SCORE-TYPED-LOW-EXPLAINED"]
    );
    assert_eq!(with_typed("11", None), ["SCORE-TYPED-RANGE"]);
    assert_eq!(with_typed("九分", None), ["SCORE-TYPED-INVALID"]);
}

#[test]
fn typed_row_scores_are_reconciled() {
    let p = national();
    let typed = |r: Value, s: &str| with(r, json!({"score": s}));
    let no_dev = |r: Value| with(r, json!({"deviation": null}));
    // Equal: nothing to say.
    check_rules(&p, typed(row("≥120公里", "118", "20"), "19.67"), &[]);
    // Above the rule score → error.
    check_rules(
        &p,
        typed(row("≥120公里", "118", "20"), "19.8"),
        &["SCORE-TYPED-HIGH"],
    );
    // Full marks on a missed target → its own error.
    check_rules(
        &p,
        typed(row("≥120公里", "118", "20"), "20"),
        &["SCORE-FULL-ON-MISS"],
    );
    // Below: warning without a deviation text, info with one.
    check_rules(
        &p,
        typed(row("≥120公里", "125", "20"), "18"),
        &["SCORE-TYPED-LOW-EXPLAINED"],
    );
    check_rules(
        &p,
        no_dev(typed(row("≥120公里", "125", "20"), "18")),
        &["SCORE-TYPED-LOW"],
    );
    // A deduction on a far-above row with its reason is the evaluator's right.
    check_rules(
        &p,
        typed(row("≥100人次", "200", "10"), "8"),
        &["SCORE-FAR-ABOVE-EXPLAINED", "SCORE-TYPED-LOW-EXPLAINED"],
    );
    // Above the weight, negative, unreadable.
    check_rules(
        &p,
        typed(row("≥120公里", "125", "20"), "25"),
        &["SCORE-TYPED-RANGE"],
    );
    check_rules(
        &p,
        typed(row("≥120公里", "125", "20"), "-1"),
        &["SCORE-TYPED-RANGE"],
    );
    check_rules(
        &p,
        typed(row("≥120公里", "125", "20"), "满分"),
        &["SCORE-TYPED-INVALID"],
    );
    // A row below its weight without deviation text.
    check_rules(
        &p,
        no_dev(row("≥120公里", "118", "20")),
        &["SCORE-DEVIATION"],
    );
    check_rules(&p, no_dev(row("≥120公里", "120", "20")), &[]);

    let rep = score_one(&p, &typed(row("≥120公里", "118", "20"), "19.8"));
    let f = &rep.findings[0];
    assert_eq!(f.path, "/indicators/0/score");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.params["typed"], "19.8");
    assert_eq!(f.params["computed"], "19.67");
    assert_eq!(
        f.message,
        "第1行“测试指标”填报的得分 19.8 高于按规则计算的得分 19.67（118 / 120 × 20 = 19.666666… ≈ 19.67），多出 0.13 分；请改为 19.67。"
    );
}

#[test]
fn unreadable_rows_are_listed_without_a_score() {
    let p = national();
    check(&p, row("≥", "5", "10"), None, "未计分：指标值无法识别");
    check_rules(
        &p,
        row("≥", "5", "10"),
        &["SCORE-TARGET", "SCORE-INCOMPLETE"],
    );
    check(
        &p,
        row("≥5个", "N/A", "10"),
        None,
        "未计分：实际完成值无法识别",
    );
    check_rules(
        &p,
        row("≥5个", "N/A", "10"),
        &["SCORE-ACTUAL", "SCORE-INCOMPLETE"],
    );
    // Words where a number is due: not unreadable, but of the wrong kind.
    check(
        &p,
        row("≥5个", "很多", "10"),
        None,
        "未计分：实际完成值应为数值（如“118”）",
    );
    check_rules(
        &p,
        row("≥5个", "很多", "10"),
        &["SCORE-ACTUAL-KIND", "SCORE-INCOMPLETE"],
    );
    check(
        &p,
        with(row("≥5个", "5", "10"), json!({"actual": null})),
        None,
        "未计分：未填写实际完成值",
    );
    check(
        &p,
        with(row("≥5个", "5", "10"), json!({"weight": null})),
        None,
        "未计分：未填写分值",
    );
    check_rules(
        &p,
        with(row("≥5个", "5", "10"), json!({"weight": null})),
        &["SCORE-WEIGHT", "SCORE-INCOMPLETE"],
    );
    check(&p, row("≥5个", "5", "十分"), None, "未计分：分值无法识别");
    check(&p, row("≥5个", "5", "-10"), None, "未计分：分值为负数");
    check(
        &p,
        row("≥5个", "达成", "10"),
        None,
        "未计分：实际完成值应为数值（如“118”）",
    );
    check_rules(
        &p,
        row("≥5个", "达成", "10"),
        &["SCORE-ACTUAL-KIND", "SCORE-INCOMPLETE"],
    );
    check(
        &p,
        qual("95", "10", Some("9")),
        None,
        "未计分：实际完成值应为达成等级（达成、部分达成或未达成）",
    );
    check(
        &p,
        row("2024年12月31日前", "100", "10"),
        None,
        "未计分：实际完成值应为完成日期（如“2024-11-30”）",
    );
    // A negative actual, a 10^30 actual, a product that overflows.
    check(
        &p,
        row("≥5个", "-3", "10"),
        None,
        "未计分：实际完成值为负数",
    );
    check_rules(
        &p,
        row("≥5个", "-3", "10"),
        &["SCORE-ARITH", "SCORE-INCOMPLETE"],
    );
    check(
        &p,
        row("≥5个", "1000000000000000000000000000000", "10"),
        None,
        "未计分：实际完成值无法识别",
    );
    check(
        &p,
        row(
            "≥79000000000000000000000000000",
            "70000000000000000000000000000",
            "20",
        ),
        None,
        "未计分：数值过大，计算溢出",
    );
    check_rules(
        &p,
        row(
            "≥79000000000000000000000000000",
            "70000000000000000000000000000",
            "20",
        ),
        &["SCORE-ARITH", "SCORE-INCOMPLETE"],
    );
}

#[test]
fn unit_wide_forms_use_the_adjusted_target() {
    let doc = Document::from_value(json!({
        "format": "jixiao/v1", "kind": "unit-self-eval", "year": 2024,
        "execution_weight": "0",
        "indicators": [
            {"id": "u1", "level1": "履职效能", "name": "办结率", "target": "≥100%",
             "adjusted_target": "≥90%", "actual": "90%", "weight": "30"},
            {"id": "u2", "level1": "管理效率", "name": "公用经费", "target": "≤50万元",
             "actual": "40", "weight": "20"}
        ]
    }))
    .unwrap();
    let rep = score(&doc, &national());
    let hows: Vec<(&str, Option<String>, &str)> = rep
        .score
        .indicators
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.score.map(|s| s.to_string()),
                r.how.as_str(),
            )
        })
        .collect();
    assert_eq!(
        hows,
        [
            (
                "u1",
                Some("30.00".to_string()),
                "90 ≥ 90，达到指标值，得满分 30.00"
            ),
            (
                "u2",
                Some("20.00".to_string()),
                "40 ≤ 50，达到指标值，得满分 20.00"
            ),
        ]
    );
    assert_eq!(rep.score.total, d("50.00"));
}

#[test]
fn goal_forms_are_not_scored() {
    let doc = Document::from_value(json!({"format": "jixiao/v1", "kind": "project-goal"})).unwrap();
    let rep = score(&doc, &national());
    assert_eq!(rule_ids(&rep), ["SCORE-KIND"]);
    assert_eq!(rep.findings[0].path, "/kind");
}

fn fixture(name: &str) -> Document {
    let path = format!("{}/tests/score_data/{name}", env!("CARGO_MANIFEST_DIR"));
    Document::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_format_example_totals_88_17() {
    // 9.50 + 19.67 + 5 + 10 + 5 + 9 + 20 + 10 = 88.17 (by hand; see the fixture).
    let rep = score(&fixture("complete.json"), &national());
    assert_eq!(rep.findings, []);
    let json = serde_json::to_value(&rep.score).unwrap();
    assert_eq!(json["execution"]["rate"], "0.9500");
    assert_eq!(json["execution"]["score"], "9.50");
    assert_eq!(json["indicators"][0]["id"], "q1");
    assert_eq!(json["indicators"][0]["score"], "19.67");
    assert_eq!(
        json["indicators"][0]["how"],
        "118 / 120 × 20 = 19.666666… ≈ 19.67"
    );
    let scores: Vec<&str> = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_str().unwrap())
        .collect();
    assert_eq!(
        scores,
        ["19.67", "5.00", "10.00", "5.00", "9.00", "20.00", "10.00"]
    );
    assert_eq!(json["total"], "88.17");
    assert_eq!(json["grade"], "良");
}

#[test]
fn the_format_md_example_as_written() {
    // docs/format.md's abridged project-self-eval, unchanged: 9.50 + 19.67 + 10 + 9.
    let rep = score(&fixture("format_example.json"), &national());
    let rows: Vec<(String, String)> = rep
        .score
        .indicators
        .iter()
        .map(|r| (r.id.clone(), r.score.unwrap().to_string()))
        .collect();
    assert_eq!(
        rows,
        [
            ("q1".to_string(), "19.67".to_string()),
            ("s1".to_string(), "10.00".to_string()),
            ("e1".to_string(), "9.00".to_string()),
        ]
    );
    assert_eq!(rep.score.total, d("48.17"));
    // e1 scores 9 of 10 with no deviation text.
    assert_eq!(rule_ids(&rep), ["SCORE-DEVIATION"]);
    assert_eq!(rep.findings[0].path, "/indicators/2/deviation");
}

#[test]
fn typed_totals_are_reconciled() {
    let mut doc = fixture("complete.json");
    // The typed rows add to 88.17; a typed 90 matches neither.
    doc.total_score = Some(jixiao::num::Num::parse("90"));
    let rep = score(&doc, &national());
    assert_eq!(rule_ids(&rep), ["SCORE-TOTAL-DIFF", "SCORE-TOTAL-SUM"]);
    let diff = rep
        .findings
        .iter()
        .find(|f| f.rule == "SCORE-TOTAL-DIFF")
        .unwrap();
    assert_eq!(diff.severity, Severity::Warning);
    assert_eq!(diff.path, "/total_score");
    assert_eq!(
        diff.message,
        "填报的总分 90 与按规则计算的总分 88.17 不同（相差 1.83），请核对各行得分。"
    );
    // Typed rows raised with the typed total: the sum holds, the rows and total differ.
    let mut doc = fixture("complete.json");
    doc.indicators[1].score = Some(jixiao::num::Num::parse("6.83"));
    doc.total_score = Some(jixiao::num::Num::parse("90"));
    let rep = score(&doc, &national());
    assert_eq!(rule_ids(&rep), ["SCORE-TOTAL-DIFF", "SCORE-TYPED-HIGH"]);
}

#[test]
fn the_errors_fixture_reports_each_problem() {
    let rep = score(&fixture("errors.json"), &national());
    assert_eq!(
        rule_ids(&rep),
        [
            "SCORE-ACTUAL",
            "SCORE-DEVIATION",
            "SCORE-FULL-ON-MISS",
            "SCORE-INCOMPLETE",
            "SCORE-TARGET",
            "SCORE-TOTAL-SUM",
            "SCORE-TYPED-LOW",
        ]
    );
    // 10 (execution) + 400 × 50 / 500 = 40; the unreadable row is left out.
    assert_eq!(rep.score.total, d("50.00"));
    assert_eq!(rep.score.grade, "差");
}

#[test]
fn profiles_can_switch_rules_off_and_change_severity() {
    let p = profile(|p| {
        p.disabled.push("SCORE-DEVIATION".to_string());
        p.severities
            .push(("SCORE-FAR-ABOVE".to_string(), Severity::Error));
    });
    let r = with(row("≥100人次", "150", "10"), json!({"deviation": null}));
    let rep = score_one(&p, &r);
    assert_eq!(rule_ids(&rep), ["SCORE-FAR-ABOVE"]);
    assert_eq!(rep.findings[0].severity, Severity::Error);
    check_rules(
        &p,
        with(row("≥120公里", "118", "20"), json!({"deviation": null})),
        &[],
    );
}

#[test]
fn grades() {
    let p = national();
    for (total, grade) in [
        ("100", "优"),
        ("90", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("0", "差"),
    ] {
        assert_eq!(grade_of(&p, d(total)), grade, "grade of {total}");
    }
}

#[test]
fn every_rule_is_registered_once() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate rule ids");
    assert!(ids.iter().all(|id| id.starts_with("SCORE-")));
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn arb_op() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("≥"),
            Just(">"),
            Just("="),
            Just("≤"),
            Just("<"),
            Just("")
        ]
    }

    fn arb_num() -> impl Strategy<Value = Decimal> {
        (0i64..10_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s))
    }

    fn arb_profile() -> impl Strategy<Value = Profile> {
        (any::<bool>(), any::<bool>()).prop_map(|(lin, wh)| {
            profile(|p| {
                if lin {
                    p.scoring.reverse_rule = ReverseRule::Linear;
                }
                if wh {
                    p.scoring.rounding = Rounding::Whole;
                }
            })
        })
    }

    fn quantity_row(op: &str, t: Decimal, a: Decimal, w: Decimal, is_cost: bool) -> Value {
        let r = row(&format!("{op}{t}个"), &format!("{a}个"), &w.to_string());
        if is_cost {
            cost(r)
        } else {
            r
        }
    }

    fn row_score(p: &Profile, r: &Value) -> Option<Decimal> {
        score_one(p, r).score.indicators[0].score
    }

    /// Reverse rows: ≤, <, and = or bare on 成本 rows.
    fn is_reverse(op: &str, is_cost: bool) -> bool {
        matches!(op, "≤" | "<") || (is_cost && matches!(op, "=" | ""))
    }

    proptest! {
        #[test]
        fn every_row_score_lies_within_its_weight(
            p in arb_profile(), op in arb_op(), t in arb_num(), a in arb_num(),
            w in (0i64..10_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s)),
            is_cost in any::<bool>(),
        ) {
            if let Some(s) = row_score(&p, &quantity_row(op, t, a, w, is_cost)) {
                prop_assert!(s >= Decimal::ZERO && s <= w, "{} not in [0, {}]", s, w);
            }
        }

        #[test]
        fn raising_an_actual_never_lowers_a_positive_row(
            p in arb_profile(), op in arb_op(), t in arb_num(), a1 in arb_num(), a2 in arb_num(),
            is_cost in any::<bool>(),
        ) {
            prop_assume!(!is_reverse(op, is_cost));
            let (lo, hi) = if a1 <= a2 { (a1, a2) } else { (a2, a1) };
            let w = Decimal::from(20);
            let s_lo = row_score(&p, &quantity_row(op, t, lo, w, is_cost));
            let s_hi = row_score(&p, &quantity_row(op, t, hi, w, is_cost));
            if let (Some(x), Some(y)) = (s_lo, s_hi) {
                prop_assert!(x <= y, "{} at {} but {} at {}", x, lo, y, hi);
            }
        }

        #[test]
        fn lowering_an_actual_never_lowers_a_reverse_row(
            p in arb_profile(), op in arb_op(), t in arb_num(), a1 in arb_num(), a2 in arb_num(),
            is_cost in any::<bool>(),
        ) {
            prop_assume!(is_reverse(op, is_cost));
            let (lo, hi) = if a1 <= a2 { (a1, a2) } else { (a2, a1) };
            let w = Decimal::from(20);
            let s_lo = row_score(&p, &quantity_row(op, t, lo, w, is_cost));
            let s_hi = row_score(&p, &quantity_row(op, t, hi, w, is_cost));
            if let (Some(x), Some(y)) = (s_lo, s_hi) {
                prop_assert!(x >= y, "{} at {} but {} at {}", x, lo, y, hi);
            }
        }

        #[test]
        fn any_typed_text_gives_findings_never_a_panic(
            target in "[≥≤=<>]?[0-9０-９.,-]{0,34}[%个万元天]?|\\PC{0,12}",
            actual in "[≥≤]?[0-9.,-]{0,34}[%个]?|达成|部分达成|未达成|2024-1[0-2]-[0-3][0-9]|\\PC{0,8}",
            weight in "[0-9.-]{0,34}|\\PC{0,4}",
            typed in proptest::option::of("[0-9.-]{0,34}|\\PC{0,4}"),
            is_cost in any::<bool>(),
            p in arb_profile(),
        ) {
            let mut r = row(&target, &actual, &weight);
            if let Some(t) = typed {
                r["score"] = json!(t);
            }
            if is_cost {
                r = cost(r);
            }
            let rep = score_one(&p, &r);
            let w = jixiao::num::Num::parse(&weight).value();
            if let (Some(s), Some(w)) = (rep.score.indicators[0].score, w) {
                prop_assert!(s >= Decimal::ZERO && s <= w, "{} not in [0, {}]", s, w);
            }
            if rep.score.indicators[0].score.is_none() {
                prop_assert!(rep.score.indicators[0].how.starts_with("未计分："));
                prop_assert!(!rep.findings.is_empty());
            }
        }

        #[test]
        fn the_total_lies_within_100_when_weights_add_to_100(
            p in arb_profile(),
            rows in proptest::collection::vec((arb_op(), arb_num(), arb_num(), any::<bool>()), 1..12),
            cuts in proptest::collection::vec(0u32..=90, 11),
            budget in arb_num(), executed in arb_num(),
        ) {
            // Row weights: the gaps between sorted cut points of [0, 90].
            let mut points: Vec<u32> = cuts[..rows.len() - 1].to_vec();
            points.push(0);
            points.push(90);
            points.sort();
            let weights: Vec<Decimal> = points.windows(2).map(|w| Decimal::from(w[1] - w[0])).collect();
            let indicators: Vec<Value> = rows
                .iter()
                .zip(&weights)
                .map(|((op, t, a, c), w)| quantity_row(op, *t, *a, *w, *c))
                .collect();
            let mut doc = doc_of(indicators);
            doc.execution_weight = Some(jixiao::num::Num::parse("10"));
            doc.budget = Some(jixiao::model::Budget::read(&json!({
                "adjusted": {"total": budget.to_string()},
                "executed": {"total": executed.to_string()},
            }), &jixiao::json::At::ROOT).unwrap());
            let rep = score(&doc, &p);
            prop_assert!(rep.score.total >= Decimal::ZERO);
            prop_assert!(rep.score.total <= Decimal::ONE_HUNDRED, "total {}", rep.score.total);
        }
    }
}

/// The editor scores through a cache of unchanged rows: after every step of
/// an editing session the cached report must equal a fresh one, findings
/// and all, including when rows move, the year or the profile changes.
#[test]
fn cached_scoring_equals_fresh_scoring() {
    let rows = |n: usize, f: &dyn Fn(usize) -> Value| (0..n).map(f).collect::<Vec<_>>();
    let base = |i: usize| match i % 4 {
        0 => with(row("≥100个", "95个", "10"), json!({"id": format!("r{i}")})),
        1 => with(
            cost(row("≤50万元", "55", "10")),
            json!({"id": format!("r{i}")}),
        ),
        2 => with(
            qual("部分达成", "10", Some("7")),
            json!({"id": format!("r{i}")}),
        ),
        _ => with(
            row("≥90%", "93%", "10"),
            json!({"id": format!("r{i}"), "score": "9"}),
        ),
    };
    let mut steps: Vec<(&str, Document, Profile)> =
        vec![("start", doc_of(rows(8, &base)), national())];
    let edited = |i: usize| {
        if i == 3 {
            with(base(i), json!({"actual": "80%"}))
        } else {
            base(i)
        }
    };
    steps.push(("one actual edited", doc_of(rows(8, &edited)), national()));
    steps.push(("same again", doc_of(rows(8, &edited)), national()));
    steps.push((
        "a row inserted at the top",
        doc_of(rows(9, &|i| {
            if i == 0 {
                row("≥1个", "1个", "5")
            } else {
                edited(i - 1)
            }
        })),
        national(),
    ));
    steps.push(("rows deleted", doc_of(rows(3, &edited)), national()));
    steps.push(("another profile", doc_of(rows(3, &edited)), linear()));
    let other_year = Document::from_value(json!({
        "format": "jixiao/v1", "kind": "project-self-eval", "year": 2023,
        "execution_weight": "0", "indicators": rows(3, &edited),
    }))
    .unwrap();
    steps.push(("another year", other_year, linear()));
    steps.push(("back to the start", doc_of(rows(8, &base)), national()));

    let mut cache = jixiao::score::RowCache::default();
    let mut with_findings = 0;
    for (what, doc, p) in &steps {
        let fresh = score(doc, p);
        let cached = jixiao::score::score_cached(doc, p, &mut cache);
        assert_eq!(cached, fresh, "after: {what}");
        with_findings += usize::from(!fresh.findings.is_empty());
    }
    assert!(
        with_findings >= 4,
        "the steps should produce row findings to compare"
    );
}
