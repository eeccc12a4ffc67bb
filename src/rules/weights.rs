//! Weights (分值): where a form gives them, every row has one, readable and
//! not negative; the rows of each weight group (产出, 效益, 满意度 …) add up to
//! the profile's points for the group (a warning where the profile lets units
//! adjust weights, else an error); and on a self-evaluation the execution
//! weight and all rows add up to 100 (财预〔2020〕10号).

use rust_decimal::Decimal;

use crate::num::{Exact, Num};

use std::borrow::Cow;

use super::{category_key, given, ind_path, Out, RowFacts};
use crate::finding::{RuleInfo, Severity};
use crate::model::Document;
use crate::profile::Profile;
use crate::text::Trimmed;

pub const NEGATIVE: RuleInfo = RuleInfo {
    id: "WGT-NEGATIVE",
    severity: Severity::Error,
    summary: "分值为负数",
};
pub const MISSING: RuleInfo = RuleInfo {
    id: "WGT-MISSING",
    severity: Severity::Error,
    summary: "指标行缺少分值",
};
pub const GROUP_SUM: RuleInfo = RuleInfo {
    id: "WGT-GROUP-SUM",
    severity: Severity::Warning,
    summary: "某类指标分值之和与规则不符（不可调整权重时为错误）",
};
pub const TOTAL: RuleInfo = RuleInfo {
    id: "WGT-TOTAL",
    severity: Severity::Error,
    summary: "自评表分值合计不等于100",
};

pub(super) fn check(
    doc: &Document,
    profile: &Profile,
    real: &[bool],
    facts: &[RowFacts],
    out: &mut Out,
) {
    let rows: Vec<(usize, &crate::model::Indicator)> = doc
        .indicators
        .iter()
        .enumerate()
        .filter(|(i, _)| real[*i])
        .collect();
    let any_weight = rows.iter().any(|(_, ind)| given(ind.weight.as_ref()));
    if !doc.kind.is_self_eval() && !any_weight {
        return; // Goal forms may leave weights to the self-evaluation.
    }
    let mut complete = true;
    let mut weights: Vec<(usize, Decimal)> = Vec::with_capacity(rows.len());
    for (i, ind) in &rows {
        // A row with a readable weight is never a breakdown row (and most
        // rows have one: the name need not be looked at).
        if !matches!(ind.weight, Some(Num::Valid(_))) && ind.is_breakdown() {
            continue;
        }
        let path = || ind_path(*i, "weight");
        let Some(n) = ind.weight.as_ref().filter(|n| given(Some(n))) else {
            complete = false;
            out.add(
                &MISSING,
                path(),
                format!("请填写指标“{}”的分值。", ind.name.trimmed()),
                &[],
            );
            continue;
        };
        let w = match n {
            crate::num::Num::Valid(d) => Some(*d),
            _ => out.num(Some(n), &path(), "分值"),
        };
        match w {
            Some(w) if w.is_sign_negative() && !w.is_zero() => {
                complete = false;
                out.add(
                    &NEGATIVE,
                    path(),
                    format!("分值“{w}”为负数，请填写不小于0的分值。"),
                    &[("value", w.to_string())],
                );
            }
            Some(w) => weights.push((*i, w)),
            None => complete = false,
        }
    }
    let execution = if doc.kind.is_self_eval() {
        match doc.execution_weight.as_ref().filter(|n| given(Some(n))) {
            Some(n) => match out.num(Some(n), "/execution_weight", "预算执行率分值") {
                Some(w) if w.is_sign_negative() && !w.is_zero() => {
                    out.add(
                        &NEGATIVE,
                        "/execution_weight".into(),
                        format!("预算执行率分值“{w}”为负数，请填写不小于0的分值。"),
                        &[("value", w.to_string())],
                    );
                    None
                }
                w => w,
            },
            None => Some(profile.weights.execution),
        }
    } else {
        Some(Decimal::ZERO)
    };
    let (true, Some(execution)) = (complete, execution) else {
        return; // Sums of unreadable or missing weights would mislead.
    };
    let group_default = if profile.weights.adjustable {
        Severity::Warning
    } else {
        Severity::Error
    };
    if doc.kind.is_self_eval() && execution != profile.weights.execution {
        out.add_default(
            &GROUP_SUM,
            group_default,
            "/execution_weight".into(),
            format!(
                "预算执行率分值为{execution}分，规则为{}分，请核对或说明调整理由。",
                profile.weights.execution
            ),
            &[
                ("group", "预算执行率".into()),
                ("value", execution.to_string()),
                ("sum", execution.to_string()),
                ("points", profile.weights.execution.to_string()),
            ],
        );
    }
    // Each row's category key, worked out once for all groups.
    let keys: Vec<(Cow<str>, Decimal)> = weights
        .iter()
        .map(|&(i, w)| (facts[i].canonical_key1(), w))
        .collect();
    for g in &profile.weights.groups {
        let names: Vec<Cow<str>> = g.level1.iter().map(|l| category_key(l)).collect();
        // `*` stands for every row: a layout without categories.
        let every = g.level1.iter().any(|l| l == "*");
        let in_group: Vec<Decimal> = keys
            .iter()
            .filter(|(key, _)| every || names.contains(key))
            .map(|&(_, w)| w)
            .collect();
        let Some(sum) = checked_sum(&in_group) else {
            continue;
        };
        if sum != g.points {
            out.add_default(
                &GROUP_SUM,
                group_default,
                "/indicators".into(),
                format!(
                    "{}类指标（{}）分值合计{sum}分，规则为{}分，请调整分值或说明理由。",
                    g.name,
                    g.level1.join("、"),
                    g.points
                ),
                &[
                    ("group", g.name.clone()),
                    ("value", sum.to_string()),
                    ("sum", sum.to_string()),
                    ("points", g.points.to_string()),
                ],
            );
        }
    }
    if doc.kind.is_self_eval() {
        let all: Vec<Decimal> = weights.iter().map(|(_, w)| *w).collect();
        let total = checked_sum(&all).and_then(|s| s.try_add(execution));
        if total != Some(Decimal::ONE_HUNDRED) {
            let shown = total
                .map(|t| t.to_string())
                .unwrap_or_else(|| "过大".into());
            out.add(
                &TOTAL,
                "/indicators".into(),
                format!(
                    "预算执行率分值{execution}分与各指标分值合计为{shown}分，应为100分，请调整分值。"
                ),
                &[("value", shown.clone()), ("sum", shown), ("execution", execution.to_string())],
            );
        }
    }
}

pub(crate) fn checked_sum(v: &[Decimal]) -> Option<Decimal> {
    v.iter().try_fold(Decimal::ZERO, |a, b| a.try_add(*b))
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::testutil::*;

    pub(crate) fn cases() -> Vec<Case> {
        let mut v = Vec::new();
        let mut d = base("project-self-eval");
        d["indicators"][0]["weight"] = "30".into();
        v.push(case(
            "weights add to 110",
            d,
            &[
                ("WGT-GROUP-SUM", "/indicators"),
                ("WGT-TOTAL", "/indicators"),
            ],
        ));
        let mut d = base("project-self-eval");
        d["indicators"][0]["weight"] = "25".into();
        d["indicators"][4]["weight"] = "25".into();
        v.push(case(
            "points moved between groups",
            d,
            &[
                ("WGT-GROUP-SUM", "/indicators"),
                ("WGT-GROUP-SUM", "/indicators"),
            ],
        ));
        let mut d = base("project-self-eval");
        d["indicators"][0]["weight"] = "-20".into();
        d["indicators"][1]["weight"] = "十".into();
        d["indicators"][2].as_object_mut().unwrap().remove("weight");
        d["indicators"][3]["weight"] = "".into();
        v.push(case(
            "negative, unreadable, missing weight",
            d,
            &[
                ("WGT-NEGATIVE", "/indicators/0/weight"),
                ("NUM-INVALID", "/indicators/1/weight"),
                ("WGT-MISSING", "/indicators/2/weight"),
                ("WGT-MISSING", "/indicators/3/weight"),
            ],
        ));
        let mut d = base("project-self-eval");
        d["execution_weight"] = "20".into();
        d["indicators"][0]["weight"] = "10".into();
        v.push(case(
            "execution weight changed",
            d,
            &[
                ("WGT-GROUP-SUM", "/execution_weight"),
                ("WGT-GROUP-SUM", "/indicators"),
            ],
        ));
        let mut d = base("project-goal");
        d["indicators"][0]["weight"] = "20".into();
        v.push(case(
            "goal form with some weights",
            d,
            &[
                ("WGT-MISSING", "/indicators/1/weight"),
                ("WGT-MISSING", "/indicators/2/weight"),
                ("WGT-MISSING", "/indicators/3/weight"),
                ("WGT-MISSING", "/indicators/4/weight"),
                ("WGT-MISSING", "/indicators/5/weight"),
            ],
        ));
        let mut d = base("project-self-eval");
        d["execution_weight"] = "-10".into();
        v.push(case(
            "negative execution weight",
            d,
            &[("WGT-NEGATIVE", "/execution_weight")],
        ));
        v
    }

    #[test]
    fn weight_rules() {
        run_cases(cases());
    }

    #[test]
    fn group_sums_are_errors_where_weights_are_fixed() {
        let mut d = base("project-self-eval");
        d["indicators"][0]["weight"] = "25".into();
        d["indicators"][4]["weight"] = "25".into();
        let mut p = crate::profile::Profile::national().clone();
        p.weights.adjustable = false;
        let f = run(&d, &p);
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(f
            .iter()
            .all(|f| f.severity == crate::finding::Severity::Error));
        assert!(run(&d, crate::profile::Profile::national())
            .iter()
            .all(|f| f.severity == crate::finding::Severity::Warning));
    }
}
