//! Self-evaluation specifics (自评表): the budget numbers are consistent
//! (spending above the full-year budget, or a budget changed during the year,
//! needs a written reason) and every indicator row has an actual value
//! (实际完成值) of the kind its target asks for — a number for a quantity, a
//! date for a deadline, a level (达成 / 部分达成 / 未达成) for a qualitative
//! target — with a unit compatible with the target's.
//!
//! Comparing the actual with the target (missed targets, far above target,
//! the deviation text) is the scoring's business (`score`), not this module's.

use super::header::text_length_at;
use super::{blank, ind_path, Out};
use rust_decimal::Decimal;

use crate::num::Exact;

use crate::finding::{RuleInfo, Severity};
use crate::model::Document;
use crate::profile::Profile;
use crate::target::{level_against, same_unit, Actual, Target};
use crate::text::Trimmed;

pub const OVERSPENT: RuleInfo = RuleInfo {
    id: "EVAL-OVERSPENT",
    severity: Severity::Warning,
    summary: "执行数超过全年预算数且未说明原因",
};
pub const ADJUSTED: RuleInfo = RuleInfo {
    id: "EVAL-ADJUSTED",
    severity: Severity::Warning,
    summary: "预算调整未说明原因",
};
pub const UNDERSPENT: RuleInfo = RuleInfo {
    id: "EVAL-UNDERSPENT",
    severity: Severity::Warning,
    summary: "预算执行率偏低且未说明原因",
};
pub const ACTUAL_MISSING: RuleInfo = RuleInfo {
    id: "EVAL-ACTUAL-MISSING",
    severity: Severity::Error,
    summary: "实际完成值未填写",
};
pub const ACTUAL_INVALID: RuleInfo = RuleInfo {
    id: "EVAL-ACTUAL-INVALID",
    severity: Severity::Error,
    summary: "实际完成值无法识别",
};
pub const ACTUAL_KIND: RuleInfo = RuleInfo {
    id: "EVAL-ACTUAL-KIND",
    severity: Severity::Error,
    summary: "实际完成值类型与指标值不符",
};
pub const ACTUAL_LEVEL: RuleInfo = RuleInfo {
    id: "EVAL-ACTUAL-LEVEL",
    severity: Severity::Warning,
    summary: "定性指标的实际完成值没有说明是否达成",
};
pub const ACTUAL_UNIT: RuleInfo = RuleInfo {
    id: "EVAL-ACTUAL-UNIT",
    severity: Severity::Warning,
    summary: "实际完成值单位与指标值不符",
};

pub(super) fn check(doc: &Document, profile: &Profile, real: &[bool], out: &mut Out) {
    if !doc.kind.is_self_eval() {
        return;
    }
    if let Some(b) = &doc.budget {
        let total = |f: &Option<crate::model::Funds>| {
            f.as_ref()
                .and_then(|f| f.total.as_ref())
                .and_then(|n| n.value())
        };
        let (initial, adjusted, executed) =
            (total(&b.initial), total(&b.adjusted), total(&b.executed));
        if let (Some(a), Some(e)) = (adjusted, executed) {
            if e > a && blank(b.execution_reason.as_deref()) {
                out.add(
                    &OVERSPENT,
                    "/budget/executed/total".into(),
                    format!("全年执行数{e}万元超过全年预算数{a}万元，请核对，或在“执行情况说明”中写明原因。"),
                    &[("value", e.to_string()), ("adjusted", a.to_string())],
                );
            }
        }
        let base = adjusted.or(initial).filter(|x| *x > Decimal::ZERO);
        if let (Some(base), Some(e)) = (base, executed) {
            let floor = profile.thresholds.execution_explain_below;
            let rate = e
                .try_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.try_div(base))
                .map(|r| r.round_dp(2));
            if rate.is_some_and(|r| r < floor) && blank(b.execution_reason.as_deref()) {
                let r = rate.unwrap_or_default();
                out.add(
                    &UNDERSPENT,
                    "/budget/executed/total".into(),
                    format!("预算执行率为{r}%（全年执行数{e}万元 ÷ 预算数{base}万元），低于{floor}%，请在“预算执行偏差说明”中写明未执行的原因。"),
                    &[("rate", r.to_string()), ("floor", floor.to_string())],
                );
            }
        }
        if let (Some(i), Some(a)) = (initial, adjusted) {
            if i != a && blank(b.adjustment_reason.as_deref()) {
                out.add(
                    &ADJUSTED,
                    "/budget/adjusted/total".into(),
                    format!("全年预算数{a}万元与年初预算数{i}万元不同，请在“预算调整说明”中写明调整原因。"),
                    &[("value", a.to_string()), ("initial", i.to_string())],
                );
            }
        }
    }
    for (i, ind) in doc.indicators.iter().enumerate() {
        if !real[i] {
            continue;
        }
        if let Some(d) = ind.deviation.as_deref() {
            text_length_at(
                out,
                d,
                || ind_path(i, "deviation"),
                "偏差原因分析",
                profile.thresholds.max_text_chars,
            );
        }
        let path = || ind_path(i, "actual");
        let name = ind.name.trimmed();
        let Some(actual) = ind.actual.as_ref().filter(|a| !blank(Some(&a.text))) else {
            out.add(
                &ACTUAL_MISSING,
                path(),
                format!("请填写指标“{name}”的实际完成值。"),
                &[],
            );
            continue;
        };
        let text = actual.text.trimmed();
        // The target the actual is compared with: the adjusted one where given.
        let target = ind.adjusted_target.as_ref().unwrap_or(&ind.target);
        let expected = match (target, &actual.parsed) {
            (Target::Qualitative { text: t }, Actual::Text(a))
                if level_against(&actual.parsed, target).is_none() =>
            {
                out.add(
                    &ACTUAL_LEVEL,
                    path(),
                    format!(
                        "实际完成值“{a}”没有说明指标值“{t}”是否达成，请填写“达成”“部分达成”或“未达成”，或照指标值写明完成情况。"
                    ),
                    &[("value", text.to_string()), ("target", t.clone())],
                );
                continue;
            }
            (_, Actual::Invalid(e)) => {
                out.add(
                    &ACTUAL_INVALID,
                    path(),
                    format!("实际完成值“{text}”无法识别：{}", e.message()),
                    &[
                        ("value", text.to_string()),
                        ("position", (e.pos + 1).to_string()),
                    ],
                );
                continue;
            }
            (Target::Invalid { .. }, _) => continue,
            (Target::Quantity { .. } | Target::Band { .. }, Actual::Number { .. })
            | (Target::Date { .. }, Actual::Date(_) | Actual::Level(_))
            | (Target::Qualitative { .. }, Actual::Level(_) | Actual::Text(_)) => None,
            (Target::Qualitative { .. }, a) if level_against(a, target).is_some() => None,
            (Target::Quantity { unit, .. }, _) => Some(format!("数值（如“118{unit}”）")),
            (Target::Band { unit, .. }, _) => Some(format!("偏差（如“3{unit}”）")),
            (Target::Date { .. }, _) => Some("实际完成日期（如“2024-11-30”）".to_string()),
            (Target::Qualitative { .. }, _) => Some("“达成”“部分达成”或“未达成”".to_string()),
        };
        if let Some(expected) = expected {
            out.add(
                &ACTUAL_KIND,
                path(),
                format!("指标值为“{target}”，实际完成值“{text}”应填写{expected}。"),
                &[("value", text.to_string()), ("target", target.to_string())],
            );
            continue;
        }
        if let (Target::Quantity { unit: tu, .. }, Actual::Number { unit: au, .. }) =
            (target, &actual.parsed)
        {
            if !au.trimmed().is_empty()
                && !tu.trimmed().is_empty()
                && au.trimmed() != tu.trimmed()
                && !same_unit(au, tu)
            {
                out.add(
                    &ACTUAL_UNIT,
                    path(),
                    format!(
                        "实际完成值的单位“{}”与指标值的单位“{}”不一致，请按指标值的单位填写。",
                        au.trimmed(),
                        tu.trimmed()
                    ),
                    &[
                        ("value", text.to_string()),
                        ("unit", au.trimmed().to_string()),
                        ("target_unit", tu.trimmed().to_string()),
                    ],
                );
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::testutil::*;
    use serde_json::json;

    pub(crate) fn cases() -> Vec<Case> {
        let mut v = Vec::new();
        let mut d = base("project-self-eval");
        d["budget"]["executed"] = json!({"total": "125", "fiscal": "105", "other": "20"});
        d["budget"]["adjusted"] = json!({"total": "124", "fiscal": "104", "other": "20"});
        v.push(case(
            "overspent, adjusted without reason",
            d,
            &[
                ("EVAL-ADJUSTED", "/budget/adjusted/total"),
                ("EVAL-OVERSPENT", "/budget/executed/total"),
            ],
        ));
        let mut d = base("project-self-eval");
        d["budget"]["executed"] = json!({"total": "125", "fiscal": "105", "other": "20"});
        d["budget"]["execution_reason"] = "冬季除雪应急支出，经批准使用其他资金".into();
        v.push(case("overspent with a reason", d, &[]));
        let mut d = base("project-self-eval");
        d["indicators"][0].as_object_mut().unwrap().remove("actual");
        d["indicators"][1]["actual"] = " ".into();
        d["indicators"][2]["actual"] = "≥".into();
        v.push(case(
            "missing and unreadable actuals",
            d,
            &[
                ("EVAL-ACTUAL-MISSING", "/indicators/0/actual"),
                ("EVAL-ACTUAL-MISSING", "/indicators/1/actual"),
                ("EVAL-ACTUAL-INVALID", "/indicators/2/actual"),
            ],
        ));
        let mut d = base("project-self-eval");
        d["indicators"][0]["actual"] = "达成".into();
        d["indicators"][2]["actual"] = "已完成".into();
        d["indicators"][4]["actual"] = "95%".into();
        v.push(case(
            "actuals of the wrong kind",
            d,
            &[
                ("EVAL-ACTUAL-KIND", "/indicators/0/actual"),
                ("EVAL-ACTUAL-KIND", "/indicators/4/actual"),
            ],
        ));
        let mut d = base("project-self-eval");
        d["indicators"][0]["target"] = "≥500人次".into();
        d["indicators"][0]["actual"] = "520人".into();
        d["indicators"][1]["actual"] = "88百分比".into();
        d["indicators"][5]["actual"] = "≥93%".into();
        v.push(case(
            "units of actuals",
            d,
            &[("EVAL-ACTUAL-UNIT", "/indicators/0/actual")],
        ));
        // Half the budget spent, and no word on why.
        let mut d = base("project-self-eval");
        d["budget"]["executed"] = json!({"total": "60", "fiscal": "50", "other": "10"});
        v.push(case(
            "half the budget spent",
            d,
            &[("EVAL-UNDERSPENT", "/budget/executed/total")],
        ));
        // A qualitative actual that restates the target, or says it was
        // achieved, reads as 达成; one that names no level is asked about.
        let mut d = base("project-self-eval");
        d["indicators"][2]["actual"] = "已按时完成".into();
        d["indicators"][4]["actual"] = "路况等级保持在良及以上".into();
        v.push(case("actuals that restate the target", d, &[]));
        let mut d = base("project-self-eval");
        d["indicators"][4]["actual"] = "有所提高".into();
        v.push(case(
            "a qualitative actual with no level",
            d,
            &[("EVAL-ACTUAL-LEVEL", "/indicators/4/actual")],
        ));
        let mut d = base("project-goal");
        d["indicators"][0]["actual"] = "达成".into();
        v.push(case("goal forms have no actuals to check", d, &[]));
        v
    }

    #[test]
    fn self_eval_rules() {
        run_cases(cases());
    }
}
