//! Money (项目资金, 万元): every amount readable and not negative; the total
//! equal to 财政拨款 + 上年结转 + 其他资金 (checked arithmetic); on unit-wide
//! forms 基本支出 + 项目支出 equal to the total where both are given; the
//! funds present at all; and no 成本 target in 万元 above the year's money
//! (the goals must match the money, 相应匹配).

use rust_decimal::Decimal;

use crate::num::Exact;

use super::{given, ind_path, Out};
use crate::finding::{RuleInfo, Severity};
use crate::model::{Document, Funds};
use crate::profile::Profile;
use crate::target::{Op, Target};
use crate::text::Trimmed;

pub const MISSING: RuleInfo = RuleInfo {
    id: "FUND-MISSING",
    severity: Severity::Error,
    summary: "资金总额未填写",
};
pub const SUM: RuleInfo = RuleInfo {
    id: "FUND-SUM",
    severity: Severity::Error,
    summary: "资金总额不等于各来源之和",
};
pub const NEGATIVE: RuleInfo = RuleInfo {
    id: "FUND-NEGATIVE",
    severity: Severity::Error,
    summary: "金额为负数",
};
pub const SPLIT: RuleInfo = RuleInfo {
    id: "FUND-SPLIT",
    severity: Severity::Error,
    summary: "基本支出与项目支出之和不等于总额",
};
pub const COST_ABOVE: RuleInfo = RuleInfo {
    id: "FUND-COST-ABOVE",
    severity: Severity::Warning,
    summary: "成本指标金额超过年度资金",
};

pub const UNIT: RuleInfo = RuleInfo {
    id: "FUND-UNIT",
    severity: Severity::Warning,
    summary: "金额大得不像以万元为单位，可能按元填写",
};

/// The amounts of one funds object, read (unreadable ones reported).
#[derive(Default)]
struct Amounts {
    total: Option<Decimal>,
}

fn read_funds(out: &mut Out, f: &Funds, base: &str, label: &str) -> Amounts {
    let fields: [(&str, &str, &Option<crate::num::Num>); 7] = [
        ("total", "总额", &f.total),
        ("fiscal", "财政拨款", &f.fiscal),
        ("carryover", "上年结转", &f.carryover),
        ("other", "其他资金", &f.other),
        ("basic", "基本支出", &f.basic),
        ("project", "项目支出", &f.project),
        ("medium_term_total", "中期资金总额", &f.medium_term_total),
    ];
    let mut v: [Option<Decimal>; 7] = [None; 7];
    let mut readable = [true; 7];
    for (i, (field, name, n)) in fields.iter().enumerate() {
        let path = format!("{base}/{field}");
        let what = format!("{label}{name}");
        readable[i] = !given(n.as_ref()) || n.as_ref().is_some_and(|n| n.value().is_some());
        v[i] = out.num(n.as_ref(), &path, &what);
        if let Some(d) = v[i] {
            let limit = out.max_funds();
            if d > limit {
                out.add(
                    &UNIT,
                    path.clone(),
                    format!(
                        "{what}为{d}万元，超过{limit}万元，像是按元填写的；表中金额以万元为单位，请核对（如 3309840 元应填 330.984）。"
                    ),
                    &[("value", d.to_string()), ("limit", limit.to_string())],
                );
            }
            if d.is_sign_negative() && !d.is_zero() {
                out.add(
                    &NEGATIVE,
                    path,
                    format!("{what}为负数（{d}万元），金额不能为负，请检查。"),
                    &[("value", d.to_string())],
                );
            }
        }
    }
    let [total, fiscal, carry, other, basic, project, _] = v;
    // Total = fiscal + carryover + other, when any source is given and all
    // given amounts are readable (an unreadable one is already reported).
    let sources_readable = readable[1] && readable[2] && readable[3];
    if let (Some(t), true) = (
        total,
        fiscal.is_some() || other.is_some() || carry.is_some(),
    ) {
        if sources_readable {
            let sum = [fiscal, carry, other]
                .into_iter()
                .flatten()
                .try_fold(Decimal::ZERO, |a, b| a.try_add(b));
            let names: Vec<&str> = [
                (fiscal, "财政拨款"),
                (carry, "上年结转"),
                (other, "其他资金"),
            ]
            .into_iter()
            .filter(|(v, _)| v.is_some())
            .map(|(_, n)| n)
            .collect();
            let names = match names.as_slice() {
                [one] => (*one).to_string(),
                [rest @ .., last] => format!("{}与{last}之和", rest.join("、")),
                [] => String::new(),
            };
            match sum {
                Some(sum) if sum != t => out.add(
                    &SUM,
                    format!("{base}/total"),
                    format!("{label}总额{t}万元不等于{names}{sum}万元，请核对。"),
                    &[("value", t.to_string()), ("sum", sum.to_string())],
                ),
                Some(_) => {}
                None => out.add(
                    &SUM,
                    format!("{base}/total"),
                    format!("{label}各来源金额过大，无法相加，请核对。"),
                    &[("value", t.to_string())],
                ),
            }
        }
    }
    if let (Some(t), Some(b), Some(p)) = (total, basic, project) {
        match b.try_add(p) {
            Some(s) if s == t => {}
            s => out.add(
                &SPLIT,
                format!("{base}/total"),
                format!("{label}总额{t}万元不等于基本支出{b}万元与项目支出{p}万元之和，请核对。"),
                &[
                    ("value", t.to_string()),
                    ("sum", s.map(|s| s.to_string()).unwrap_or_default()),
                ],
            ),
        }
    }
    Amounts { total }
}

pub(super) fn check(doc: &Document, _profile: &Profile, real: &[bool], out: &mut Out) {
    // The year's money: the goal form's funds, or the self-evaluation's
    // full-year budget (全年预算数).
    let mut year_total = None;
    if doc.kind.is_self_eval() {
        let b = doc.budget.clone().unwrap_or_default();
        for (field, label, f) in [
            ("initial", "年初预算数", &b.initial),
            ("adjusted", "全年预算数", &b.adjusted),
            ("executed", "全年执行数", &b.executed),
        ] {
            let base = format!("/budget/{field}");
            let a = f.as_ref().map(|f| read_funds(out, f, &base, label));
            let total = a.as_ref().and_then(|a| a.total);
            let given = f.as_ref().is_some_and(|f| given(f.total.as_ref()));
            if field != "initial" && !given {
                out.add(
                    &MISSING,
                    format!("{base}/total"),
                    format!("请填写{label}的资金总额（万元）。"),
                    &[("field", label.to_string())],
                );
            }
            if field == "adjusted" {
                year_total = total;
            }
        }
    } else {
        match &doc.funds {
            Some(f) => {
                let a = read_funds(out, f, "/funds", "年度资金");
                if !given(f.total.as_ref()) {
                    out.add(
                        &MISSING,
                        "/funds/total".into(),
                        "请填写年度资金总额（万元）。".into(),
                        &[("field", "年度资金总额".into())],
                    );
                }
                year_total = a.total;
            }
            None => out.add(
                &MISSING,
                "/funds/total".into(),
                "请填写年度资金总额（万元）。".into(),
                &[("field", "年度资金总额".into())],
            ),
        }
        for (i, t) in doc.tasks.iter().enumerate() {
            if let Some(f) = &t.funds {
                read_funds(out, f, &format!("/tasks/{i}/funds"), "任务预算");
            }
        }
    }
    if let Some(total) = year_total {
        cost_targets(doc, real, total, out);
    }
}

/// 成本 rows with a target in 万元 must not exceed the year's money.
fn cost_targets(doc: &Document, real: &[bool], total: Decimal, out: &mut Out) {
    if !out.enabled(&COST_ABOVE) {
        return;
    }
    for (i, ind) in doc.indicators.iter().enumerate() {
        let is_cost = ind.level1.contains("成本") || ind.level2.contains("成本");
        if !is_cost || !real[i] {
            continue;
        }
        if let Target::Quantity { op, value, unit } = &ind.target {
            let upper_bound = !matches!(op, Some(Op::Gt));
            if unit.trimmed() == "万元" && upper_bound && *value > total {
                out.add(
                    &COST_ABOVE,
                    ind_path(i, "target"),
                    format!(
                        "成本指标“{}”的指标值{}万元超过年度资金总额{}万元，请核对指标值或单位。",
                        ind.name.trimmed(),
                        value,
                        total
                    ),
                    &[("value", value.to_string()), ("total", total.to_string())],
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
        let mut d = base("project-goal");
        d["funds"] = json!({"total": "120", "fiscal": "100", "other": "10"});
        v.push(case(
            "total is not fiscal + other",
            d,
            &[("FUND-SUM", "/funds/total")],
        ));
        let mut d = base("project-goal");
        d["funds"] = json!({"total": "120", "fiscal": "一百", "other": "20"});
        v.push(case(
            "unreadable fiscal",
            d,
            &[("NUM-INVALID", "/funds/fiscal")],
        ));
        let mut d = base("project-goal");
        d["funds"] = json!({"total": "120", "fiscal": "140", "other": "-20"});
        v.push(case(
            "negative other",
            d,
            &[("FUND-NEGATIVE", "/funds/other")],
        ));
        let mut d = base("project-goal");
        d.as_object_mut().unwrap().remove("funds");
        v.push(case("no funds", d, &[("FUND-MISSING", "/funds/total")]));
        let mut d = base("project-goal");
        d["funds"] = json!({"fiscal": "100"});
        v.push(case("no total", d, &[("FUND-MISSING", "/funds/total")]));
        let mut d = base("project-goal");
        d["funds"] = json!({"total": " ", "fiscal": "100", "other": ""});
        d["year"] = "".into();
        v.push(case(
            "blank total and year",
            d,
            &[("HDR-MISSING", "/year"), ("FUND-MISSING", "/funds/total")],
        ));
        let mut d = base("project-goal");
        d["funds"] = json!({"total": 120, "fiscal": 100.00, "other": "２０"});
        v.push(case("numbers and full-width digits", d, &[]));
        let mut d = base("project-goal");
        d["indicators"][3]["target"] = "≤150万元".into();
        v.push(case(
            "cost above the year's funds",
            d,
            &[("FUND-COST-ABOVE", "/indicators/3/target")],
        ));
        let mut d = base("project-goal");
        d["indicators"][3]["target"] = "≤118万元".into();
        v.push(case("cost within the year's funds", d, &[]));
        let mut d = base("unit-goal");
        d["funds"]["basic"] = "3500".into();
        v.push(case(
            "basic + project is not the total",
            d,
            &[("FUND-SPLIT", "/funds/total")],
        ));
        let mut d = base("unit-goal");
        d["tasks"][0]["funds"] = json!({"total": "900", "fiscal": "800", "other": "50"});
        v.push(case(
            "task funds",
            d,
            &[("FUND-SUM", "/tasks/0/funds/total")],
        ));
        let mut d = base("project-self-eval");
        d["budget"]["executed"] = json!({"fiscal": "96", "other": "18"});
        d["budget"]["adjusted"]["other"] = "25".into();
        v.push(case(
            "self-eval budget rows",
            d,
            &[
                ("FUND-SUM", "/budget/adjusted/total"),
                ("FUND-MISSING", "/budget/executed/total"),
            ],
        ));
        let mut d = base("project-self-eval");
        d["budget"]["adjusted"] =
            json!({"total": "130", "fiscal": "100", "carryover": "10", "other": "20"});
        d["budget"]["adjustment_reason"] = "追加上年结转资金10万元".into();
        d["budget"]["execution_reason"] = "结转资金下年初拨付".into();
        v.push(case("carryover counts in the total", d, &[]));
        // An amount typed in 元 where the form counts in 万元.
        let mut d = base("project-goal");
        d["funds"] = json!({"total": "3,309,840.00", "fiscal": "3,309,840.00"});
        v.push(case(
            "amounts in 元",
            d,
            &[
                ("FUND-UNIT", "/funds/total"),
                ("FUND-UNIT", "/funds/fiscal"),
            ],
        ));
        let mut d = base("unit-self-eval");
        d["budget"]["executed"]["project"] = "1".into();
        v.push(case(
            "unit self-eval split",
            d,
            &[("FUND-SPLIT", "/budget/executed/total")],
        ));
        v
    }

    #[test]
    fn funds_rules() {
        run_cases(cases());
    }
}
