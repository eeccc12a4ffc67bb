//! Checks of rule profiles: what makes a profile unusable (weights that
//! cannot add to 100, score bands with gaps, grades out of order, unknown
//! rule ids …), reported as `PROFILE-*` findings whose paths point into
//! the profile's JSON, and [`load`], which reads profile text and refuses
//! a profile with any such error. Every entry point that takes a profile as
//! data (a file, JSON text, a JS object) loads it here, so a broken profile
//! is refused alike by `check`, `score`, the JS API and the page.

use rust_decimal::Decimal;

use crate::num::Exact;

use crate::finding::{Finding, RuleInfo, Severity};
use crate::json::pointer;
use crate::profile::{Profile, ProfileError};

/// Reads a profile from JSON text, its parents found by `resolver` (see
/// [`Profile::from_json`]), and refuses it when [`lint`] finds an error.
pub fn load(
    text: &str,
    resolver: &dyn Fn(&str) -> Option<String>,
) -> Result<Profile, ProfileError> {
    usable(Profile::from_json(text, resolver)?)
}

/// The profile, or [`ProfileError::Unusable`] with the linter's errors.
pub fn usable(p: Profile) -> Result<Profile, ProfileError> {
    let problems: Vec<String> = lint(&p)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            format!(
                "[{}] {}（{}）",
                f.rule,
                f.message.trim_end_matches('。'),
                f.path
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(p)
    } else {
        Err(ProfileError::Unusable {
            tag: p.tag(),
            problems,
        })
    }
}

pub const LINT_UNKNOWN_RULE: RuleInfo = RuleInfo {
    id: "PROFILE-UNKNOWN-RULE",
    severity: Severity::Error,
    summary: "规则文件引用了不存在的规则编号",
};
pub const LINT_WEIGHTS_TOTAL: RuleInfo = RuleInfo {
    id: "PROFILE-WEIGHTS-TOTAL",
    severity: Severity::Error,
    summary: "预算执行率与各类指标分值合计不等于100",
};
pub const LINT_GROUP_CATEGORY: RuleInfo = RuleInfo {
    id: "PROFILE-GROUP-CATEGORY",
    severity: Severity::Error,
    summary: "分值组引用了指标体系中没有的一级指标",
};
pub const LINT_REQUIRED_PLACEMENT: RuleInfo = RuleInfo {
    id: "PROFILE-REQUIRED-PLACEMENT",
    severity: Severity::Error,
    summary: "必备类别的位置不在指标体系中",
};
pub const LINT_BANDS: RuleInfo = RuleInfo {
    id: "PROFILE-BANDS",
    severity: Severity::Error,
    summary: "定性指标评分档次重叠或有缺口",
};
pub const LINT_GRADES: RuleInfo = RuleInfo {
    id: "PROFILE-GRADES",
    severity: Severity::Error,
    summary: "等级分数线未按从高到低排列",
};

/// Every rule of the profile linter.
pub const LINT_RULES: &[RuleInfo] = &[
    LINT_UNKNOWN_RULE,
    LINT_WEIGHTS_TOTAL,
    LINT_GROUP_CATEGORY,
    LINT_REQUIRED_PLACEMENT,
    LINT_BANDS,
    LINT_GRADES,
];

fn lint_finding(rule: &RuleInfo, path: String, message: String, value: &str) -> Finding {
    Finding::new(rule.id, rule.severity, path, message).with("value", value)
}

/// Says how two neighbouring score bands fail to meet: the upper edge of
/// one (`hi`) must be the lower edge of the next (`lo`).
fn seam(lower: &str, hi: Decimal, upper: &str, lo: Decimal) -> Option<String> {
    (hi != lo).then(|| {
        let how = if hi < lo { "有缺口" } else { "重叠" };
        format!("“{lower}”档上限{hi}%与“{upper}”档下限{lo}%不相接（{how}）")
    })
}

/// Reports what makes a profile unusable; paths point into the profile JSON.
pub fn lint(p: &Profile) -> Vec<Finding> {
    let mut out = Vec::new();
    // A search of some seventy ids: no set built, no set code in the module.
    let known = |id: &str| crate::evaluate::all_rules().any(|r| r.id == id);
    for (id, _) in &p.severities {
        if !known(id) {
            out.push(lint_finding(
                &LINT_UNKNOWN_RULE,
                pointer(["severities", id]),
                format!("severities 中的规则编号“{id}”不存在，请检查拼写。"),
                id,
            ));
        }
    }
    for (i, id) in p.disabled.iter().enumerate() {
        if !known(id) {
            out.push(lint_finding(
                &LINT_UNKNOWN_RULE,
                format!("/disabled/{i}"),
                format!("disabled 中的规则编号“{id}”不存在，请检查拼写。"),
                id,
            ));
        }
    }
    let w = &p.weights;
    let total = w
        .groups
        .iter()
        .map(|g| g.points)
        .try_fold(w.execution, |a, b| a.try_add(b));
    let negative = w.execution.is_sign_negative() && !w.execution.is_zero()
        || w.groups
            .iter()
            .any(|g| g.points.is_sign_negative() && !g.points.is_zero());
    if total != Some(Decimal::ONE_HUNDRED) || negative {
        let shown = total.map(|t| t.to_string()).unwrap_or_default();
        out.push(lint_finding(
            &LINT_WEIGHTS_TOTAL,
            "/weights".into(),
            format!(
                "预算执行率{}分与各类指标分值合计为{shown}分，应为100分且均不为负。",
                w.execution
            ),
            &shown,
        ));
    }
    let tree = &p.categories.tree;
    let in_tree = |l1: &str| tree.iter().find(|n| n.name == l1);
    for (gi, g) in w.groups.iter().enumerate() {
        for (li, l1) in g.level1.iter().enumerate() {
            if l1 != "*" && in_tree(l1).is_none() {
                out.push(lint_finding(
                    &LINT_GROUP_CATEGORY,
                    format!("/weights/groups/{gi}/level1/{li}"),
                    format!(
                        "分值组“{}”中的一级指标“{l1}”不在指标体系（categories.tree）中。",
                        g.name
                    ),
                    l1,
                ));
            }
        }
    }
    for (ri, r) in p.categories.required.iter().enumerate() {
        for (ai, place) in r.any_of.iter().enumerate() {
            let ok = match (in_tree(&place.level1), &place.level2) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(n), Some(l2)) => n.level2.iter().any(|x| x == l2),
            };
            if !ok {
                let shown = match &place.level2 {
                    Some(l2) => format!("{}—{l2}", place.level1),
                    None => place.level1.clone(),
                };
                out.push(lint_finding(
                    &LINT_REQUIRED_PLACEMENT,
                    format!("/categories/required/{ri}/any_of/{ai}"),
                    format!(
                        "必备类别“{}”的位置“{shown}”不在指标体系（categories.tree）中。",
                        r.label
                    ),
                    &shown,
                ));
            }
        }
    }
    let b = &p.scoring.bands;
    let hundred = Decimal::ONE_HUNDRED;
    let band_problem = if [b.not_met, b.partial, b.met]
        .iter()
        .any(|[lo, hi]| lo >= hi)
    {
        Some("每一档的下限应小于上限".to_string())
    } else if !b.not_met[0].is_zero() || b.met[1] != hundred {
        Some("各档应从0%覆盖到100%".to_string())
    } else {
        seam("未达成", b.not_met[1], "部分达成", b.partial[0])
            .or_else(|| seam("部分达成", b.partial[1], "达成", b.met[0]))
    };
    if let Some(problem) = band_problem {
        out.push(lint_finding(
            &LINT_BANDS,
            "/scoring/bands".into(),
            format!("定性指标评分档次有误：{problem}，请按 0–60–80–100 的方式首尾相接。"),
            &problem,
        ));
    }
    let grades = &p.scoring.grades;
    let descending = grades.windows(2).all(|w| w[0].min > w[1].min);
    let floor_zero = grades.last().is_some_and(|g| g.min.is_zero());
    if !descending || !floor_zero {
        let shown: Vec<String> = grades
            .iter()
            .map(|g| format!("{}≥{}", g.name, g.min))
            .collect();
        out.push(lint_finding(
            &LINT_GRADES,
            "/scoring/grades".into(),
            "等级应按分数线从高到低排列，最低一档从0分起（如 优≥90、良≥80、中≥60、差≥0）。".into(),
            &shown.join("、"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::At;
    use crate::profile::{builtins, merge_json, NATIONAL_JSON};
    use serde_json::Value;

    fn lint_ids(p: &Profile) -> Vec<(String, String)> {
        lint(p).into_iter().map(|f| (f.rule, f.path)).collect()
    }

    #[test]
    fn builtins_lint_clean() {
        for p in builtins() {
            assert_eq!(lint_ids(p), Vec::<(String, String)>::new(), "{}", p.id);
        }
    }

    #[test]
    fn broken_profiles_are_refused_with_every_problem() {
        let text = r#"{"id": "x", "version": "1", "parent": "national",
            "weights": {"execution": "20"}, "disabled": ["GOAL-X"]}"#;
        let e = load(text, &|n| {
            crate::profile::builtin_json(n).map(str::to_string)
        })
        .unwrap_err();
        let m = e.message();
        assert!(m.starts_with("规则“x@1”有误，无法使用："), "{m}");
        assert!(m.contains("GOAL-X") && m.contains("/weights"), "{m}");
    }

    #[test]
    fn lint_reports_broken_profiles() {
        let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
            (
                r#"{"severities": {"IND-NO-OOP": "error", "IND-VAGUE": "info"}, "disabled": ["IND-VAGUE", "GOAL-X"]}"#,
                vec![
                    ("PROFILE-UNKNOWN-RULE", "/severities/IND-NO-OOP"),
                    ("PROFILE-UNKNOWN-RULE", "/disabled/1"),
                ],
            ),
            (
                r#"{"weights": {"execution": "20"}}"#,
                vec![("PROFILE-WEIGHTS-TOTAL", "/weights")],
            ),
            (
                r#"{"weights": {"groups": [{"name": "产出", "level1": ["产出指标", "成本指标"], "points": "60"},
                 {"name": "效益", "level1": ["效益指标", "影响指标"], "points": "30"}]}}"#,
                vec![("PROFILE-GROUP-CATEGORY", "/weights/groups/1/level1/1")],
            ),
            (
                r#"{"categories": {"required": [{"label": "x", "any_of": [{"level1": "产出指标", "level2": "规模指标"}, {"level1": "决策指标"}]}]}}"#,
                vec![
                    (
                        "PROFILE-REQUIRED-PLACEMENT",
                        "/categories/required/0/any_of/0",
                    ),
                    (
                        "PROFILE-REQUIRED-PLACEMENT",
                        "/categories/required/0/any_of/1",
                    ),
                ],
            ),
            (
                r#"{"scoring": {"bands": {"met": ["80", "100"], "partial": ["50", "70"], "not_met": ["0", "50"]}}}"#,
                vec![("PROFILE-BANDS", "/scoring/bands")],
            ),
            (
                r#"{"scoring": {"bands": {"met": ["80", "100"], "partial": ["60", "85"], "not_met": ["0", "60"]}}}"#,
                vec![("PROFILE-BANDS", "/scoring/bands")],
            ),
            (
                r#"{"scoring": {"bands": {"met": ["80", "100"], "partial": ["60", "80"], "not_met": ["10", "60"]}}}"#,
                vec![("PROFILE-BANDS", "/scoring/bands")],
            ),
            (
                r#"{"scoring": {"grades": [{"name": "优", "min": "90"}, {"name": "中", "min": "60"}, {"name": "良", "min": "80"}, {"name": "差", "min": "0"}]}}"#,
                vec![("PROFILE-GRADES", "/scoring/grades")],
            ),
            (
                r#"{"scoring": {"grades": [{"name": "合格", "min": "60"}]}}"#,
                vec![("PROFILE-GRADES", "/scoring/grades")],
            ),
        ];
        let mut exercised = std::collections::BTreeSet::new();
        for (over, want) in cases {
            let mut v: Value = serde_json::from_str(NATIONAL_JSON).unwrap();
            merge_json(&mut v, serde_json::from_str(over).unwrap());
            let p = Profile::read(&v, &At::ROOT).unwrap();
            let got = lint_ids(&p);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(r, p)| (r.to_string(), p.to_string()))
                .collect();
            assert_eq!(got, want, "{over}");
            exercised.extend(got.into_iter().map(|(r, _)| r));
        }
        for r in LINT_RULES {
            assert!(exercised.contains(r.id), "{} not exercised", r.id);
        }
    }
    #[test]
    fn band_seams_say_gap_or_overlap() {
        let d = |t: &str| t.parse::<Decimal>().unwrap();
        let cases = [
            (
                ("部分达成", "70", "达成", "80"),
                Some("“部分达成”档上限70%与“达成”档下限80%不相接（有缺口）"),
            ),
            (
                ("部分达成", "85", "达成", "80"),
                Some("“部分达成”档上限85%与“达成”档下限80%不相接（重叠）"),
            ),
            (("未达成", "60", "部分达成", "60"), None),
        ];
        for ((lower, hi, upper, lo), want) in cases {
            assert_eq!(seam(lower, d(hi), upper, d(lo)).as_deref(), want);
        }
    }
}
