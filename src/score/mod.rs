//! Scoring of self-evaluations (财预〔2020〕10号), exact and explained.
//!
//! [`score`] computes the score object of format v1 and the reconciliation
//! findings that compare it with what the unit typed. Every row score comes
//! with `how`: the formula with its numbers, so that a person can check it
//! by hand (`118 / 120 × 20 = 19.666666… ≈ 19.67`).
//!
//! # The rules
//! - Budget execution: rate = 全年执行数 / 全年预算数 (`budget.executed.total`
//!   / `budget.adjusted.total`, falling back to `budget.initial.total` with an
//!   info finding); score = 执行数 × 分值 / 预算数, capped at the weight. The
//!   weight is `execution_weight`, or else the profile's `weights.execution`;
//!   a weight of zero means execution is not scored.
//! - Positive rows (`≥`, `>`; and `=` or a bare number outside 成本 rows):
//!   actual ≥ target → full weight; below → actual / target × weight. At or
//!   above `thresholds.far_above_ratio` × target: full weight and a warning
//!   asking for an explanation (the deduction is the evaluator's).
//! - Reverse rows (`≤`, `<`; and `=` or a bare number on 成本 rows, where
//!   exceeding the target is what counts): actual ≤ target → full weight;
//!   above → `target / actual × weight` (profile `reverse_rule:
//!   "proportional"`, the default) or `(1 − (actual − target) / target) ×
//!   weight` floored at 0 (`"linear"`).
//! - `>` and `<` are scored as `≥` and `≤`: at equality both formulas give the
//!   full weight anyway.
//! - Qualitative rows: the evaluator's typed `score` must lie in the band of
//!   the actual level (达成 80–100 % of the weight, 80 % included; 部分达成
//!   60–80 %, 60 % included; 未达成 0–60 %; a band's upper bound is included
//!   only where it is 100 %). No typed score, or one outside the band: the row
//!   is not scored, and an error says what to type.
//! - Time rows: done on or before the deadline (a whole month means its last
//!   day) → full weight; late → the evaluator's typed score, which must be
//!   below the weight (profile `late_rule: "evaluator"`), or a deduction per
//!   day late (`{"days_late": {"percent_per_day": "2"}}`), floored at 0.
//! - Unit-wide self-evaluations are scored alike; a row's `adjusted_target`
//!   (调整指标值), where present, replaces its `target` on any kind of form.
//!
//! # Rounding
//! - Every quotient is computed as one division of exact products
//!   (`actual × weight / target`), in [`Decimal`] with checked operations.
//! - Each row score is clamped to [0, weight], then rounded half away from
//!   zero (`RoundingStrategy::MidpointAwayFromZero`: 19.665 → 19.67) to 2
//!   decimals, or to whole points with the profile option `rounding:
//!   "whole"`. A score never exceeds its weight: should rounding lift it
//!   above a weight with more decimals than the rounding keeps, the weight
//!   itself is the score.
//! - The execution rate is shown rounded to 4 decimals the same way; the
//!   execution score is computed from the exact amounts (not the rounded
//!   rate) and rounded like a row.
//! - The total is the sum of the rounded row scores plus the rounded
//!   execution score, with no further rounding.
//! - Typed scores are compared with the rounded computed scores exactly:
//!   19.67 typed against 19.67 computed is no difference, 19.7 is one.
//!
//! # Reconciliation
//! Where the unit typed a score, it is compared with the rule score: above →
//! error (`SCORE-TYPED-HIGH`); below → warning asking for the deviation text
//! (`SCORE-TYPED-LOW`), or only an info finding when the deviation text is
//! already filled (`SCORE-TYPED-LOW-EXPLAINED`), since a deduction the unit
//! explains is the evaluator's right. Full marks typed on a missed target is
//! an error of its own (`SCORE-FULL-ON-MISS`). An actual far above its
//! target is a warning (`SCORE-FAR-ABOVE`) until the deviation text is
//! filled, then information (`SCORE-FAR-ABOVE-EXPLAINED`). The typed total
//! is checked against the sum of the typed parts (`SCORE-TOTAL-SUM`, only
//! where every part was typed) and against the computed total
//! (`SCORE-TOTAL-DIFF`, only where every row could be scored, since a
//! partial total would mislead). See [`RULES`] for every rule.

mod execution;
mod row;
mod show;

use rust_decimal::Decimal;

use crate::num::Exact;
use serde::Serialize;

use crate::finding::{Finding, RuleInfo, Severity};
use crate::model::{Document, Indicator};
use crate::num::Num;
use crate::profile::Profile;

pub use show::round_score;

/// Budget execution: rate = 全年执行数 / 全年预算数, score = rate × weight, capped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExecutionScore {
    /// The rate as a fraction, 4 decimals (`0.9500`).
    pub rate: Decimal,
    pub score: Decimal,
    /// The formula with its numbers.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub how: String,
}

/// One indicator row's score; `score` is absent where the row cannot be scored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowScore {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Decimal>,
    /// The formula with its numbers (`118 / 120 × 20 = 19.67`), or why there is none.
    pub how: String,
    /// A qualitative row's level and the band its score must lie in (财预
    /// 〔2020〕10号: 达成 80–100%, 部分达成 60–80%, 未达成 0–60% of the weight).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<ScoreBand>,
}

/// The band of points a qualitative row's level allows: from `min`
/// (included) to `max` (included only at full marks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreBand {
    pub level: String,
    pub min: Decimal,
    pub max: Decimal,
}

/// The score object of format v1.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution: Option<ExecutionScore>,
    pub indicators: Vec<RowScore>,
    pub total: Decimal,
    pub grade: String,
}

/// The score and the findings of scoring and reconciliation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ScoreReport {
    pub score: Score,
    pub findings: Vec<Finding>,
}

// The rules of the scoring and reconciliation: stable ids, default
// severities and what each one means.

pub const KIND: RuleInfo = RuleInfo {
    id: "SCORE-KIND",
    severity: Severity::Error,
    summary: "只有自评表（项目支出绩效自评表、部门整体支出绩效自评表）才能计分。",
};

pub const WEIGHT: RuleInfo = RuleInfo {
    id: "SCORE-WEIGHT",
    severity: Severity::Error,
    summary: "指标或预算执行率的分值缺失、无法识别或为负数，该项无法计分。",
};

pub const TARGET: RuleInfo = RuleInfo {
    id: "SCORE-TARGET",
    severity: Severity::Error,
    summary: "指标值无法识别（或期限缺少年份），该行无法计分。",
};

pub const ACTUAL: RuleInfo = RuleInfo {
    id: "SCORE-ACTUAL",
    severity: Severity::Error,
    summary: "实际完成值缺失或无法识别，该行无法计分。",
};

pub const ACTUAL_KIND: RuleInfo = RuleInfo {
    id: "SCORE-ACTUAL-KIND",
    severity: Severity::Error,
    summary: "实际完成值的类型与指标值不符（数值、日期或达成等级），该行无法计分。",
};

pub const UNIT: RuleInfo = RuleInfo {
    id: "SCORE-UNIT",
    severity: Severity::Warning,
    summary: "实际完成值的计量单位与指标值不同；得分按数值直接比较计算。",
};

pub const ARITH: RuleInfo = RuleInfo {
    id: "SCORE-ARITH",
    severity: Severity::Error,
    summary: "数值无法按比例计算（指标值为 0 或负数、实际值为负数、数值过大溢出）。",
};

pub const FAR_ABOVE: RuleInfo = RuleInfo {
    id: "SCORE-FAR-ABOVE",
    severity: Severity::Warning,
    summary: "实际完成值远超指标值（默认 1.3 倍及以上），需说明原因，评价时可酌情扣分。",
};

pub const FAR_ABOVE_EXPLAINED: RuleInfo = RuleInfo {
    id: "SCORE-FAR-ABOVE-EXPLAINED",
    severity: Severity::Info,
    summary: "实际完成值远超指标值，已在偏差原因中说明。",
};

pub const EVAL_MISSING: RuleInfo = RuleInfo {
    id: "SCORE-EVAL-MISSING",
    severity: Severity::Error,
    summary: "定性指标或未按期完成的时效指标需要评价人打分，但得分未填。",
};

pub const BAND: RuleInfo = RuleInfo {
    id: "SCORE-BAND",
    severity: Severity::Error,
    summary: "定性指标的得分不在所评达成等级对应的分值区间内。",
};

pub const FULL_ON_MISS: RuleInfo = RuleInfo {
    id: "SCORE-FULL-ON-MISS",
    severity: Severity::Error,
    summary: "未完成指标值却填报了满分。",
};

pub const TYPED_INVALID: RuleInfo = RuleInfo {
    id: "SCORE-TYPED-INVALID",
    severity: Severity::Error,
    summary: "填报的得分或总分无法识别为数字。",
};

pub const TYPED_RANGE: RuleInfo = RuleInfo {
    id: "SCORE-TYPED-RANGE",
    severity: Severity::Error,
    summary: "填报的得分高于分值或为负数。",
};

pub const TYPED_HIGH: RuleInfo = RuleInfo {
    id: "SCORE-TYPED-HIGH",
    severity: Severity::Error,
    summary: "填报的得分高于按规则计算的得分。",
};

pub const TYPED_LOW: RuleInfo = RuleInfo {
    id: "SCORE-TYPED-LOW",
    severity: Severity::Warning,
    summary: "填报的得分低于按规则计算的得分，且未说明扣分原因。",
};

pub const TYPED_ROUNDED: RuleInfo = RuleInfo {
    id: "SCORE-TYPED-ROUNDED",
    severity: Severity::Info,
    summary: "填报的得分是按规则计算的得分取整（或按取整后的执行率计算）的结果。",
};

pub const TYPED_LOW_EXPLAINED: RuleInfo = RuleInfo {
    id: "SCORE-TYPED-LOW-EXPLAINED",
    severity: Severity::Info,
    summary: "填报的得分低于按规则计算的得分，已填写偏差原因。",
};

pub const DEVIATION: RuleInfo = RuleInfo {
    id: "SCORE-DEVIATION",
    severity: Severity::Warning,
    summary: "得分低于分值或未完成指标值，但偏差原因分析及改进措施未填写。",
};

pub const EXEC_INPUT: RuleInfo = RuleInfo {
    id: "SCORE-EXEC-INPUT",
    severity: Severity::Error,
    summary: "全年预算数或全年执行数缺失、无法识别或为负数，预算执行率无法计分。",
};

pub const EXEC_INITIAL: RuleInfo = RuleInfo {
    id: "SCORE-EXEC-INITIAL",
    severity: Severity::Info,
    summary: "全年预算数未填，预算执行率按年初预算数计算。",
};

pub const INCOMPLETE: RuleInfo = RuleInfo {
    id: "SCORE-INCOMPLETE",
    severity: Severity::Warning,
    summary: "有指标行未能计分，总分未包含这些行。",
};

pub const TOTAL_SUM: RuleInfo = RuleInfo {
    id: "SCORE-TOTAL-SUM",
    severity: Severity::Error,
    summary: "填报的总分不等于各行填报得分与预算执行率得分之和。",
};

pub const TOTAL_DIFF: RuleInfo = RuleInfo {
    id: "SCORE-TOTAL-DIFF",
    severity: Severity::Warning,
    summary: "填报的总分与按规则计算的总分不同。",
};

/// Every rule of the scoring and reconciliation, with its default severity.
pub const RULES: &[RuleInfo] = &[
    KIND,
    WEIGHT,
    TARGET,
    ACTUAL,
    ACTUAL_KIND,
    UNIT,
    ARITH,
    FAR_ABOVE,
    FAR_ABOVE_EXPLAINED,
    EVAL_MISSING,
    BAND,
    FULL_ON_MISS,
    TYPED_INVALID,
    TYPED_RANGE,
    TYPED_HIGH,
    TYPED_LOW,
    TYPED_ROUNDED,
    TYPED_LOW_EXPLAINED,
    DEVIATION,
    EXEC_INPUT,
    EXEC_INITIAL,
    INCOMPLETE,
    TOTAL_SUM,
    TOTAL_DIFF,
];

/// Collects findings, applying the profile's severities and switched-off rules.
pub(crate) struct Sink<'a> {
    pub profile: &'a Profile,
    pub findings: Vec<Finding>,
}

impl<'a> Sink<'a> {
    fn new(profile: &'a Profile) -> Sink<'a> {
        Sink {
            profile,
            findings: Vec::new(),
        }
    }

    /// Records a finding of a rule listed in [`RULES`].
    pub fn emit(
        &mut self,
        rule: &RuleInfo,
        path: String,
        message: String,
        params: &[(&str, String)],
    ) {
        self.emit_with(rule, path, message, None, params);
    }

    /// As [`Sink::emit`], with the row's `id` as the first parameter where
    /// the finding is about an indicator row.
    pub fn emit_with(
        &mut self,
        rule: &RuleInfo,
        path: String,
        message: String,
        id: Option<&str>,
        params: &[(&str, String)],
    ) {
        if let Some(severity) = self.profile.severity(rule.id, rule.severity) {
            let mut f = Finding::new(rule.id, severity, path, message);
            let id = id.map(|id| ("id", id));
            for (k, v) in id
                .into_iter()
                .chain(params.iter().map(|(k, v)| (*k, v.as_str())))
            {
                f.params.insert(k.to_string(), v.to_string());
            }
            self.findings.push(f);
        }
    }
}

/// Scores a self-evaluation under a profile.
///
/// Never panics: unreadable or out-of-range numbers leave the row unscored,
/// with a finding that says why. Findings come in document order: execution,
/// then rows, then the totals.
pub fn score(doc: &Document, profile: &Profile) -> ScoreReport {
    score_with(doc, profile, None)
}

/// As [`score`], reusing the rows of earlier scorings kept in `cache`: the
/// editor scores the whole form at every keystroke, and a keystroke changes
/// one row. The report is the same as [`score`]'s (tested).
pub fn score_cached(doc: &Document, profile: &Profile, cache: &mut RowCache) -> ScoreReport {
    score_with(doc, profile, Some(cache))
}

/// Row results kept between scorings of one document as it is edited. A
/// row is reused when it equals the row scored at the same position, under
/// an equal profile and the same year: a row's score depends on nothing
/// else, and its findings name its position.
#[derive(Default)]
pub struct RowCache {
    under: Option<(Profile, Option<i32>)>,
    rows: Vec<CachedRow>,
}

struct CachedRow {
    ind: Indicator,
    result: row::RowResult,
    findings: Vec<Finding>,
}

impl RowCache {
    /// Scores every row, reusing the rows that did not change.
    fn score_rows(
        &mut self,
        sink: &mut Sink,
        doc: &Document,
        year: Option<i32>,
    ) -> Vec<row::RowResult> {
        let same = self
            .under
            .as_ref()
            .is_some_and(|(p, y)| p == sink.profile && *y == year);
        if !same {
            self.under = Some((sink.profile.clone(), year));
            self.rows.clear();
        }
        self.rows.truncate(doc.indicators.len());
        let mut results = Vec::with_capacity(doc.indicators.len());
        for (i, ind) in doc.indicators.iter().enumerate() {
            if let Some(c) = self.rows.get(i).filter(|c| c.ind == *ind) {
                sink.findings.extend(c.findings.iter().cloned());
                results.push(c.result.clone());
                continue;
            }
            let from = sink.findings.len();
            let result = row::score_row(sink, i, ind, year);
            let cached = CachedRow {
                ind: ind.clone(),
                result: result.clone(),
                findings: sink.findings[from..].to_vec(),
            };
            match self.rows.get_mut(i) {
                Some(slot) => *slot = cached,
                None => self.rows.push(cached),
            }
            results.push(result);
        }
        results
    }
}

// Not inlined: `score` and `evaluate` both call it, and a copy in each
// would double the scoring code in the WebAssembly module.
#[inline(never)]
fn score_with(doc: &Document, profile: &Profile, cache: Option<&mut RowCache>) -> ScoreReport {
    let mut sink = Sink::new(profile);
    if !doc.kind.is_self_eval() {
        sink.emit(
            &KIND,
            "/kind".to_string(),
            format!(
                "“{}”不是自评表，只有项目支出绩效自评表和部门（单位）整体支出绩效自评表才能计分。",
                doc.kind.title()
            ),
            &[("kind", doc.kind.as_str().to_string())],
        );
        return ScoreReport {
            score: Score::default(),
            findings: sink.findings,
        };
    }

    let exec = execution::score_execution(&mut sink, doc);
    let year = doc.year_value();
    let rows: Vec<row::RowResult> = match cache {
        Some(cache) => cache.score_rows(&mut sink, doc, year),
        None => doc
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| row::score_row(&mut sink, i, ind, year))
            .collect(),
    };

    // The total: the sum of the rounded scores, checked.
    let mut total = Decimal::ZERO;
    let mut overflow = false;
    let parts = exec
        .score
        .as_ref()
        .map(|e| e.score)
        .into_iter()
        .chain(rows.iter().filter_map(|r| r.score.score));
    for s in parts {
        match total.try_add(s) {
            Some(t) => total = t,
            None => overflow = true,
        }
    }
    if overflow {
        sink.emit(
            &ARITH,
            "/indicators".to_string(),
            "各行得分相加溢出，请检查分值是否填写过大。".to_string(),
            &[],
        );
    }

    let unscored: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.score.score.is_none() && !r.breakdown)
        .map(|(i, _)| i)
        .collect();
    let incomplete = !unscored.is_empty() || exec.unscored;
    if !unscored.is_empty() {
        let list: Vec<String> = unscored
            .iter()
            .map(|&i| row::label(i, &doc.indicators[i]))
            .collect();
        sink.emit(
            &INCOMPLETE,
            "/indicators".to_string(),
            format!(
                "有 {} 行未能计分（{}），总分 {} 未包含这些行；请先改正这些行的问题。",
                unscored.len(),
                list.join("、"),
                total
            ),
            &[
                ("count", unscored.len().to_string()),
                ("total", total.to_string()),
            ],
        );
    }

    reconcile_total(&mut sink, doc, &rows, &exec, total, incomplete);

    let grade = grade_of(profile, total);
    ScoreReport {
        score: Score {
            execution: exec.score,
            indicators: rows.into_iter().map(|r| r.score).collect(),
            total,
            grade,
        },
        findings: sink.findings,
    }
}

/// The grade a total earns: the highest grade whose minimum it reaches.
pub fn grade_of(profile: &Profile, total: Decimal) -> String {
    let mut grades: Vec<_> = profile.scoring.grades.iter().collect();
    grades.sort_by_key(|g| std::cmp::Reverse(g.min));
    grades
        .into_iter()
        .find(|g| total >= g.min)
        .map(|g| g.name.clone())
        .unwrap_or_default()
}

/// Compares the typed total with the typed rows and with the computed total.
fn reconcile_total(
    sink: &mut Sink,
    doc: &Document,
    rows: &[row::RowResult],
    exec: &execution::ExecResult,
    total: Decimal,
    incomplete: bool,
) {
    let typed_total = match &doc.total_score {
        None => return,
        Some(Num::Invalid { text, error }) => {
            sink.emit(
                &TYPED_INVALID,
                "/total_score".to_string(),
                format!("填报的总分“{text}”无法识别：{}", error.message()),
                &[("typed", text.clone())],
            );
            return;
        }
        Some(Num::Valid(t)) => *t,
    };

    // The sum of what the unit typed, when every part was typed.
    let mut typed_sum: Option<Decimal> = Some(Decimal::ZERO);
    let mut parts: Vec<String> = Vec::new();
    if exec.weight.is_some_and(|w| !w.is_zero()) {
        match exec.typed {
            Some(e) => {
                typed_sum = typed_sum.and_then(|s| s.try_add(e));
                parts.push(e.to_string());
            }
            None => typed_sum = None,
        }
    }
    for r in rows.iter().filter(|r| !r.breakdown) {
        match r.typed {
            Some(t) => {
                typed_sum = typed_sum.and_then(|s| s.try_add(t));
                parts.push(t.to_string());
            }
            None => typed_sum = None,
        }
    }
    if let Some(sum) = typed_sum {
        if sum != typed_total {
            let shown = if parts.len() <= 12 {
                format!("{} = {}", parts.join(" + "), sum)
            } else {
                sum.to_string()
            };
            sink.emit(
                &TOTAL_SUM,
                "/total_score".to_string(),
                format!(
                    "填报的总分 {typed_total} 不等于预算执行率得分与各行填报得分之和（{shown}），请改正总分或各行得分。"
                ),
                &[
                    ("typed", typed_total.to_string()),
                    ("sum", sum.to_string()),
                ],
            );
        }
    }

    if !incomplete && typed_total != total {
        let diff = typed_total.try_sub(total).map(|d| d.abs());
        sink.emit(
            &TOTAL_DIFF,
            "/total_score".to_string(),
            format!(
                "填报的总分 {typed_total} 与按规则计算的总分 {total} 不同（相差 {}），请核对各行得分。",
                diff.map(|d| d.to_string()).unwrap_or_default()
            ),
            &[
                ("typed", typed_total.to_string()),
                ("computed", total.to_string()),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A self-evaluation of year 2024 with these rows and header fields;
    /// each row is an output-quantity row unless it says otherwise.
    fn doc(rows: serde_json::Value, head: serde_json::Value) -> Document {
        let mut v = serde_json::json!({
            "format": "jixiao/v1", "kind": "project-self-eval", "year": 2024,
            "execution_weight": "0",
        });
        let rows: Vec<serde_json::Value> = rows
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                let mut row = serde_json::json!({"id": "a", "level1": "产出指标",
                    "level2": "数量指标", "name": "养护里程", "weight": "10"});
                crate::profile::merge_json(&mut row, r.clone());
                row
            })
            .collect();
        v["indicators"] = rows.into();
        crate::profile::merge_json(&mut v, head);
        Document::from_value(v).unwrap()
    }

    /// Each rule of [`RULES`] with a form that must raise it: every
    /// registered rule can be emitted, and by the rule it names.
    #[test]
    fn every_registered_rule_is_emitted_by_its_case() {
        use serde_json::json;
        let none = json!({});
        let cases: Vec<(&RuleInfo, Document)> = vec![
            (&KIND, {
                let mut d = doc(json!([]), json!({}));
                d.kind = crate::model::Kind::ProjectGoal;
                d
            }),
            (
                &WEIGHT,
                doc(
                    json!([{"target": "≥1个", "actual": "1", "weight": null}]),
                    none.clone(),
                ),
            ),
            (
                &TARGET,
                doc(json!([{"target": "≥abc", "actual": "1"}]), none.clone()),
            ),
            (&ACTUAL, doc(json!([{"target": "≥1个"}]), none.clone())),
            (
                &ACTUAL_KIND,
                doc(
                    json!([{"target": "≥1个", "actual": "2024-05-01"}]),
                    none.clone(),
                ),
            ),
            (
                &UNIT,
                doc(
                    json!([{"target": "≥120公里", "actual": "130人"}]),
                    none.clone(),
                ),
            ),
            (
                &ARITH,
                doc(json!([{"target": "≥10个", "actual": "-1"}]), none.clone()),
            ),
            (
                &FAR_ABOVE,
                doc(json!([{"target": "≥10个", "actual": "20"}]), none.clone()),
            ),
            (
                &FAR_ABOVE_EXPLAINED,
                doc(
                    json!([{"target": "≥10个", "actual": "20", "deviation": "需求增加"}]),
                    none.clone(),
                ),
            ),
            (
                &EVAL_MISSING,
                doc(
                    json!([{"target": "明显改善", "actual": "达成"}]),
                    none.clone(),
                ),
            ),
            (
                &BAND,
                doc(
                    json!([{"target": "明显改善", "actual": "达成", "score": "5"}]),
                    none.clone(),
                ),
            ),
            (
                &FULL_ON_MISS,
                doc(
                    json!([{"target": "≥10个", "actual": "5", "score": "10"}]),
                    none.clone(),
                ),
            ),
            (
                &TYPED_INVALID,
                doc(
                    json!([{"target": "≥10个", "actual": "10", "score": "十"}]),
                    none.clone(),
                ),
            ),
            (
                &TYPED_RANGE,
                doc(
                    json!([{"target": "≥10个", "actual": "10", "score": "12"}]),
                    none.clone(),
                ),
            ),
            (
                &TYPED_HIGH,
                doc(
                    json!([{"target": "≥10个", "actual": "9", "score": "9.5", "deviation": "x"}]),
                    none.clone(),
                ),
            ),
            (
                &TYPED_LOW,
                doc(
                    json!([{"target": "≥10个", "actual": "10", "score": "8"}]),
                    none.clone(),
                ),
            ),
            (
                &TYPED_ROUNDED,
                doc(
                    json!([{"target": "≥43.2", "actual": "37.24", "score": "9", "deviation": "x"}]),
                    none.clone(),
                ),
            ),
            (
                &TYPED_LOW_EXPLAINED,
                doc(
                    json!([{"target": "≥10个", "actual": "10", "score": "8", "deviation": "质量扣分"}]),
                    none.clone(),
                ),
            ),
            (
                &DEVIATION,
                doc(json!([{"target": "≥10个", "actual": "9"}]), none.clone()),
            ),
            (
                &EXEC_INPUT,
                doc(json!([]), json!({"execution_weight": "10"})),
            ),
            (
                &EXEC_INITIAL,
                doc(
                    json!([]),
                    json!({"execution_weight": "10",
                "budget": {"initial": {"total": "100"}, "executed": {"total": "90"}}}),
                ),
            ),
            (&INCOMPLETE, doc(json!([{"target": "≥10个"}]), none.clone())),
            (
                &TOTAL_SUM,
                doc(
                    json!([{"target": "≥10个", "actual": "10", "score": "10"}]),
                    json!({"total_score": "9"}),
                ),
            ),
            (
                &TOTAL_DIFF,
                doc(
                    json!([{"target": "≥10个", "actual": "10"}]),
                    json!({"total_score": "9"}),
                ),
            ),
        ];
        let covered: Vec<&str> = cases.iter().map(|(r, _)| r.id).collect();
        let registered: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(
            covered, registered,
            "one case per rule, in the order of RULES"
        );
        for (rule, d) in &cases {
            let rep = score(d, Profile::national());
            let f = rep.findings.iter().find(|f| f.rule == rule.id);
            let f = f.unwrap_or_else(|| panic!("{}: not emitted; got {:?}", rule.id, rep.findings));
            assert_eq!(f.severity, rule.severity, "{}", rule.id);
            assert!(
                f.message.ends_with('。') || f.message.ends_with('）'),
                "{}: {}",
                rule.id,
                f.message
            );
        }
    }

    #[test]
    fn rule_summaries_are_written() {
        for r in RULES {
            assert!(r.summary.ends_with('。'), "{}: {}", r.id, r.summary);
        }
    }

    #[test]
    fn findings_follow_the_profile() {
        let mut p = Profile::national().clone();
        let mut sink = Sink::new(&p);
        sink.emit(&DEVIATION, "/x".into(), "m".into(), &[("a", "1".into())]);
        assert_eq!(sink.findings[0].severity, Severity::Warning);
        assert_eq!(sink.findings[0].params["a"], "1");
        p.disabled.push("SCORE-DEVIATION".into());
        let mut sink = Sink::new(&p);
        sink.emit(&DEVIATION, "/x".into(), "m".into(), &[]);
        assert!(sink.findings.is_empty());
    }

    #[test]
    fn a_multiple_too_large_to_compute_is_still_worded() {
        // 79228162514264337593543950335 / 0.0000000000000000000000000001
        // overflows: the message once read "是指标值 … 的  倍".
        let doc = Document::from_value(serde_json::json!({
            "format": "jixiao/v1", "kind": "project-self-eval", "execution_weight": "0",
            "indicators": [{"id": "a", "level1": "产出指标", "level2": "数量指标", "name": "x",
                "target": "≥0.0000000000000000000000000001",
                "actual": "79228162514264337593543950335", "weight": "10"}],
        }))
        .unwrap();
        let rep = score(&doc, Profile::national());
        let f = rep
            .findings
            .iter()
            .find(|f| f.rule == "SCORE-FAR-ABOVE")
            .expect("a far-above warning");
        assert!(f.message.contains("倍数过大无法计算"), "{}", f.message);
        assert!(!f.message.contains("的  倍"), "{}", f.message);
        assert!(!f.params.contains_key("ratio"), "{:?}", f.params);
        assert!(rep.score.indicators[0]
            .how
            .ends_with("远超指标值，需说明原因"));
    }
}
