//! One evaluation of a document: the checks and, for a self-evaluation,
//! the scoring, under one profile, as one [`Report`].
//!
//! This is the only answer the module gives about a document. The command
//! line (`jixiao check`), the JS API (`check`), the page, drafts and the
//! exported file's `check` and `score` sections all take it from
//! [`evaluate`], so a portal's server re-checking an upload sees exactly
//! what the clerk saw in the browser.
//!
//! The report's findings are the rules' (`crate::rules`) and the scoring's
//! reconciliation (`crate::score`) together, in document order (a stable
//! sort: within one field the checks come before the scoring, each in its
//! own order), with the unit's written explanations attached. Where the
//! scoring would only repeat what a check already says about the same
//! field (an actual value missing, say), the check's finding stands alone:
//! see [`SAME_AS`].

use crate::finding::{Finding, RuleInfo, Severity};
use crate::model::{CheckSection, Document};
use crate::profile::Profile;
use crate::score::{self, RowCache, Score};
use crate::seen::{hash, ByHash};
use crate::text::{is_blank, Trimmed};

/// What one evaluation says about a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The profile the document was checked against, `id@version`.
    pub profile: String,
    /// Every finding of the checks and the scoring, in document order.
    pub findings: Vec<Finding>,
    /// The score, for self-evaluations; `None` for goal forms.
    pub score: Option<Score>,
}

impl Report {
    /// True when some finding is an error (强制性审核: blocks upload).
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The `check` section of format v1: `{profile, findings}`.
    pub fn check_section(&self) -> CheckSection {
        CheckSection {
            profile: self.profile.clone(),
            findings: self.findings.clone(),
        }
    }
}

/// A document that records another profile than the one it was checked
/// with (an older version, or a profile the caller imposed).
pub const DOC_PROFILE: RuleInfo = RuleInfo {
    id: "DOC-PROFILE",
    severity: Severity::Info,
    summary: "表单记录的检查规则与本次检查所用的规则不同",
};

/// The rules of the evaluation itself.
pub const RULES: &[RuleInfo] = &[DOC_PROFILE];

/// Every rule a report may contain: the checks', the scoring's and the
/// evaluation's own. Profiles may name only these.
pub fn all_rules() -> impl Iterator<Item = &'static RuleInfo> {
    crate::rules::RULES.iter().chain(score::RULES).chain(RULES)
}

/// Scoring findings that say again what a check says about the same field:
/// `(scoring rule, the check rules that already say it)`. The scoring's
/// finding is left out of the report where one of these checks reported
/// the same path; the row still shows as unscored in the score.
pub const SAME_AS: &[(&str, &[&str])] = &[
    (
        score::ACTUAL.id,
        &[
            crate::rules::self_eval::ACTUAL_MISSING.id,
            crate::rules::self_eval::ACTUAL_INVALID.id,
        ],
    ),
    (
        score::ACTUAL_KIND.id,
        &[crate::rules::self_eval::ACTUAL_KIND.id],
    ),
    (score::UNIT.id, &[crate::rules::self_eval::ACTUAL_UNIT.id]),
    (
        score::TARGET.id,
        &[
            crate::rules::indicators::TARGET_MISSING.id,
            crate::rules::indicators::TARGET_INVALID.id,
            crate::rules::indicators::TIME_TARGET.id,
        ],
    ),
    (
        score::WEIGHT.id,
        &[
            crate::rules::NUM_INVALID.id,
            crate::rules::weights::MISSING.id,
            crate::rules::weights::NEGATIVE.id,
        ],
    ),
];

/// Checks a document and, for a self-evaluation, scores it.
pub fn evaluate(doc: &Document, profile: &Profile) -> Report {
    evaluate_with(doc, profile, None)
}

/// As [`evaluate`], rescoring only the rows that changed since the last
/// call with this cache (the editor evaluates at every keystroke). The
/// report is the same as [`evaluate`]'s.
pub fn evaluate_cached(doc: &Document, profile: &Profile, cache: &mut RowCache) -> Report {
    evaluate_with(doc, profile, Some(cache))
}

fn evaluate_with(doc: &Document, profile: &Profile, cache: Option<&mut RowCache>) -> Report {
    let tag = profile.tag();
    let mut findings = crate::rules::run(doc, profile);
    if let Some(named) = doc.profile.as_deref().map(str::trim) {
        if !named.is_empty() && named != tag {
            if let Some(severity) = profile.severity(DOC_PROFILE.id, DOC_PROFILE.severity) {
                findings.push(
                    Finding::new(
                        DOC_PROFILE.id,
                        severity,
                        "/profile",
                        format!("表单记录的检查规则为“{named}”，本次按“{tag}”检查。"),
                    )
                    .with("named", named)
                    .with("used", &tag),
                );
            }
        }
    }
    let score = if doc.kind.is_self_eval() {
        let report = match cache {
            Some(cache) => score::score_cached(doc, profile, cache),
            None => score::score(doc, profile),
        };
        findings.extend(report.findings);
        Some(report.score)
    } else {
        None
    };
    crate::fields::sort_findings(&mut findings);
    drop_repeats(&mut findings);
    attach_explanations(doc, &mut findings);
    Report {
        profile: tag,
        findings,
        score,
    }
}

/// Leaves out the scoring's findings that say again what a check says
/// about the same field (see [`SAME_AS`]). The findings are sorted, so
/// those about one field are next to each other, the checks' first: each
/// of the scoring's is compared with the findings about its field kept
/// just before it, which keeps this linear in the number of findings
/// (thousands on a long form full of errors).
fn drop_repeats(findings: &mut Vec<Finding>) {
    // The kept findings are moved to the front, in order.
    let mut kept = 0;
    for i in 0..findings.len() {
        let f = &findings[i];
        let mut repeat = false;
        if let Some((_, checks)) = SAME_AS.iter().find(|(rule, _)| *rule == f.rule) {
            let mut j = kept;
            while j > 0 && findings[j - 1].path == f.path {
                j -= 1;
                repeat |= checks.contains(&findings[j].rule.as_str());
            }
        }
        if !repeat {
            findings.swap(kept, i);
            kept += 1;
        }
    }
    findings.truncate(kept);
}

/// Copies the unit's written explanations into the findings they acknowledge.
fn attach_explanations(doc: &Document, findings: &mut [Finding]) {
    if doc.explanations.is_empty() {
        return;
    }
    // The last explanation given for a rule and field is the one shown.
    let mut given = ByHash::default();
    for (i, e) in doc.explanations.iter().enumerate() {
        if !is_blank(&e.text) {
            given.add(hash(&[e.rule.trimmed(), e.path.trimmed()]), i);
        }
    }
    given.sort();
    for f in findings {
        let mut last = None;
        for &v in given.find(hash(&[&f.rule, &f.path])) {
            let i = v as u32 as usize;
            let e = &doc.explanations[i];
            if e.rule.trimmed() == f.rule && e.path.trimmed() == f.path {
                last = Some(i);
            }
        }
        if let Some(i) = last {
            f.explanation = Some(doc.explanations[i].text.trimmed().to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(v: serde_json::Value) -> Document {
        Document::from_value(v).unwrap()
    }

    fn self_eval(rows: serde_json::Value) -> Document {
        doc(json!({
            "format": "jixiao/v1", "kind": "project-self-eval", "year": 2024,
            "project": {"name": "乡村道路养护", "department": "县交通运输局", "unit": "县公路中心"},
            "budget": {"initial": {"total": "100"}, "adjusted": {"total": "100"}, "executed": {"total": "100"}},
            "execution_weight": "10",
            "goals": {"planned": "完成120公里养护", "achieved": "完成118公里养护"},
            "indicators": rows,
        }))
    }

    fn rules_at(r: &Report) -> Vec<(&str, &str)> {
        r.findings
            .iter()
            .map(|f| (f.rule.as_str(), f.path.as_str()))
            .collect()
    }

    #[test]
    fn full_marks_on_a_missed_target_is_an_error_of_the_report() {
        let d = self_eval(json!([
            {"id": "q1", "level1": "产出指标", "level2": "数量指标", "name": "养护里程",
             "target": "≥120公里", "actual": "100公里", "weight": "90", "score": "90",
             "deviation": "汛期影响"}
        ]));
        let r = evaluate(&d, Profile::national());
        assert!(r.has_errors());
        assert!(
            rules_at(&r).contains(&("SCORE-FULL-ON-MISS", "/indicators/0/score")),
            "{:?}",
            rules_at(&r)
        );
        assert_eq!(r.profile, "national@2024.1");
        assert!(r.score.is_some());
    }

    #[test]
    fn the_scoring_does_not_repeat_a_check() {
        // A missing actual: the check says so; the scoring's "cannot score
        // this row" is not said twice, but the total still lists the row.
        let d = self_eval(json!([
            {"id": "q1", "level1": "产出指标", "level2": "数量指标", "name": "养护里程",
             "target": "≥120公里", "weight": "90"}
        ]));
        let r = evaluate(&d, Profile::national());
        let at_actual: Vec<&str> = r
            .findings
            .iter()
            .filter(|f| f.path == "/indicators/0/actual")
            .map(|f| f.rule.as_str())
            .collect();
        assert_eq!(at_actual, ["EVAL-ACTUAL-MISSING"]);
        assert!(rules_at(&r).contains(&("SCORE-INCOMPLETE", "/indicators")));
        // With the check switched off, the scoring's finding speaks.
        let mut p = Profile::national().clone();
        p.disabled.push("EVAL-ACTUAL-MISSING".into());
        let r = evaluate(&d, &p);
        assert!(rules_at(&r).contains(&("SCORE-ACTUAL", "/indicators/0/actual")));
    }

    #[test]
    fn findings_are_in_document_order_with_explanations() {
        let mut d = self_eval(json!([
            {"id": "q1", "level1": "产出指标", "level2": "数量指标", "name": "养护里程",
             "target": "≥120公里", "actual": "120公里", "weight": "90", "score": "80"}
        ]));
        d.project.as_mut().unwrap().name = String::new();
        d.explanations.push(crate::model::Explanation {
            rule: "SCORE-TYPED-LOW".into(),
            path: "/indicators/0/score".into(),
            text: "质量抽检扣分".into(),
        });
        let r = evaluate(&d, Profile::national());
        let paths: Vec<&str> = r.findings.iter().map(|f| f.path.as_str()).collect();
        let mut sorted = paths.clone();
        sorted.sort_by_key(|p| crate::fields::path_order(p));
        assert_eq!(paths, sorted);
        assert_eq!(paths.first(), Some(&"/project/name"));
        let low = r
            .findings
            .iter()
            .find(|f| f.rule == "SCORE-TYPED-LOW")
            .expect("typed low");
        assert_eq!(low.explanation.as_deref(), Some("质量抽检扣分"));
    }

    #[test]
    fn the_last_explanation_given_for_a_finding_is_attached() {
        let mut d = self_eval(json!([
            {"id": "q1", "level1": "产出指标", "level2": "数量指标", "name": "养护里程",
             "target": "≥120公里", "actual": "120公里", "weight": "90", "score": "80"}
        ]));
        let said = |rule: &str, path: &str, text: &str| crate::model::Explanation {
            rule: rule.into(),
            path: path.into(),
            text: text.into(),
        };
        d.explanations = vec![
            said("SCORE-TYPED-LOW", "/indicators/0/score", "第一次说明"),
            said(" SCORE-TYPED-LOW ", " /indicators/0/score", " 第二次说明 "),
            // A blank text explains nothing; other rules and fields are
            // other findings.
            said("SCORE-TYPED-LOW", "/indicators/0/score", "　"),
            said("SCORE-TYPED-HIGH", "/indicators/0/score", "别的规则"),
            said("SCORE-TYPED-LOW", "/indicators/1/score", "别的字段"),
        ];
        let r = evaluate(&d, Profile::national());
        let low = r
            .findings
            .iter()
            .find(|f| f.rule == "SCORE-TYPED-LOW")
            .expect("typed low");
        assert_eq!(low.explanation.as_deref(), Some("第二次说明"));
        assert!(r
            .findings
            .iter()
            .filter(|f| f.rule != "SCORE-TYPED-LOW")
            .all(|f| f.explanation.is_none()));
    }

    #[test]
    fn another_recorded_profile_is_noted() {
        let mut d = self_eval(json!([]));
        d.profile = Some("national@2023.1".into());
        let r = evaluate(&d, Profile::national());
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == DOC_PROFILE.id)
            .expect("noted");
        assert_eq!(f.severity, Severity::Info);
        assert_eq!(f.path, "/profile");
        assert!(f.message.contains("national@2023.1"), "{}", f.message);
        d.profile = Some("national@2024.1".into());
        let r = evaluate(&d, Profile::national());
        assert!(r.findings.iter().all(|f| f.rule != DOC_PROFILE.id));
    }

    #[test]
    fn goal_forms_have_no_score() {
        let d = doc(json!({"format": "jixiao/v1", "kind": "project-goal"}));
        let r = evaluate(&d, Profile::national());
        assert_eq!(r.score, None);
        assert!(r.findings.iter().all(|f| !f.rule.starts_with("SCORE-")));
    }
}
