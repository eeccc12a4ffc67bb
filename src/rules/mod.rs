//! The checks: completeness and SMART rules over a typed document.
//!
//! [`check`] returns every finding at once, in document order. Rules read the
//! typed model, never the DOM, so a row that is not on screen is checked too.
//!
//! Each rule family lives in its own module and reads only the document and
//! the profile: header fields, funds, categories, indicator rows, duplicates
//! and placeholders, weights, the overall goal text, and the self-evaluation
//! specifics. Every rule has a stable id and a default severity, listed in
//! [`RULES`]; the profile may switch a rule off or change its severity
//! ([`Profile::severity`]), never what it checks.

mod categories;
mod duplicates;
mod funds;
mod goals;
mod header;
pub(crate) mod indicators;
pub(crate) mod self_eval;
pub(crate) mod weights;

#[cfg(test)]
mod testutil;

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::finding::{Finding, RuleInfo, Severity};
use crate::model::{Document, Indicator};
use crate::num::{Num, NumError};
use crate::profile::{Level1, Profile};
use crate::text::is_blank;
use crate::text::Trimmed;

/// Runs every rule of the profile over the document; the findings in
/// document order. The whole answer about a document, with its scoring,
/// is `crate::evaluate`'s.
pub fn check(doc: &Document, profile: &Profile) -> Vec<Finding> {
    let mut findings = run(doc, profile);
    crate::fields::sort_findings(&mut findings);
    findings
}

/// Runs every rule of the profile over the document, each family in turn.
pub(crate) fn run(doc: &Document, profile: &Profile) -> Vec<Finding> {
    let mut out = Out::new(profile);
    // Which rows are real indicator rows (not blank, not template
    // placeholders), worked out once: every rule family asks.
    let real: Vec<bool> = doc.indicators.iter().map(is_real_row).collect();
    // What the category, indicator and weight rules ask about each row's
    // categories, also worked out once.
    let facts: Vec<RowFacts> = doc
        .indicators
        .iter()
        .map(|ind| RowFacts::new(ind, profile))
        .collect();
    header::check(doc, profile, &real, &mut out);
    funds::check(doc, profile, &real, &mut out);
    categories::check(doc, profile, &real, &facts, &mut out);
    indicators::check(doc, profile, &real, &facts, &mut out);
    duplicates::check(doc, profile, &real, &mut out);
    weights::check(doc, profile, &real, &facts, &mut out);
    goals::check(doc, profile, &real, &mut out);
    self_eval::check(doc, profile, &real, &mut out);
    out.findings
}

/// An unreadable number (error): the text is kept and shown with the reason.
pub const NUM_INVALID: RuleInfo = RuleInfo {
    id: "NUM-INVALID",
    severity: Severity::Error,
    summary: "数字无法识别",
};

/// Every rule of the checks, with its default severity.
pub const RULES: &[RuleInfo] = &[
    NUM_INVALID,
    header::MISSING,
    header::TOO_LONG,
    header::YEAR,
    header::PERIOD,
    funds::MISSING,
    funds::SUM,
    funds::NEGATIVE,
    funds::SPLIT,
    funds::COST_ABOVE,
    funds::UNIT,
    categories::MISSING,
    categories::LEVEL1,
    categories::LEVEL2,
    categories::UNIT_ONLY,
    indicators::ID_MISSING,
    indicators::ID_DUPLICATE,
    indicators::NAME_MISSING,
    indicators::TARGET_MISSING,
    indicators::TARGET_INVALID,
    indicators::NO_OP,
    indicators::NO_UNIT,
    indicators::TIME_TARGET,
    indicators::VAGUE,
    indicators::PERCENT_RANGE,
    indicators::SATISFACTION_FLOOR,
    indicators::PERCENT_WORD,
    indicators::NOT_MEASURABLE,
    indicators::TARGET_READ,
    indicators::NAME_HINT,
    duplicates::DUPLICATE,
    duplicates::PLACEHOLDER,
    weights::NEGATIVE,
    weights::MISSING,
    weights::GROUP_SUM,
    weights::TOTAL,
    goals::MISSING,
    goals::PLANNED_MISSING,
    goals::ACHIEVED_MISSING,
    goals::UNRELATED,
    goals::ACHIEVED_COPY,
    goals::TEMPLATE_TEXT,
    self_eval::OVERSPENT,
    self_eval::ADJUSTED,
    self_eval::UNDERSPENT,
    self_eval::ACTUAL_MISSING,
    self_eval::ACTUAL_INVALID,
    self_eval::ACTUAL_KIND,
    self_eval::ACTUAL_LEVEL,
    self_eval::ACTUAL_UNIT,
];

/// Collects findings, applying the profile's severity overrides and switches.
pub(crate) struct Out<'a> {
    profile: &'a Profile,
    findings: Vec<Finding>,
}

impl<'a> Out<'a> {
    fn new(profile: &'a Profile) -> Out<'a> {
        Out {
            profile,
            findings: Vec::new(),
        }
    }

    /// The largest amount in 万元 that looks like one (the profile's
    /// `thresholds.max_funds`).
    pub(crate) fn max_funds(&self) -> Decimal {
        self.profile.thresholds.max_funds
    }

    /// Whether the profile runs the rule at all (skips needless work).
    pub(crate) fn enabled(&self, rule: &RuleInfo) -> bool {
        self.profile.severity(rule.id, rule.severity).is_some()
    }

    /// Adds a finding of a rule; `params` are the message parameters.
    pub(crate) fn add(
        &mut self,
        rule: &RuleInfo,
        path: String,
        message: String,
        params: &[(&str, String)],
    ) {
        self.add_default(rule, rule.severity, path, message, params);
    }

    /// As [`Out::add`], with a default severity that depends on the profile
    /// (a weight group's sum is a warning where weights are adjustable).
    pub(crate) fn add_default(
        &mut self,
        rule: &RuleInfo,
        default: Severity,
        path: String,
        message: String,
        params: &[(&str, String)],
    ) {
        let Some(severity) = self.profile.severity(rule.id, default) else {
            return;
        };
        let mut f = Finding::new(rule.id, severity, path, message);
        for (k, v) in params {
            f.params.insert((*k).to_string(), v.clone());
        }
        self.findings.push(f);
    }

    /// Reads a number field: its value, or a `NUM-INVALID` finding and `None`.
    /// A blank field is `None` without a finding: it counts as not given
    /// (see [`given`]), and the rule that requires it says so.
    pub(crate) fn num(&mut self, n: Option<&Num>, path: &str, what: &str) -> Option<Decimal> {
        match n? {
            Num::Valid(d) => Some(*d),
            Num::Invalid {
                error: NumError::Empty,
                ..
            } => None,
            Num::Invalid { text, error } => {
                self.add(
                    &NUM_INVALID,
                    path.to_string(),
                    format!("{what}“{text}”无法识别：{}请填写数字。", error.message()),
                    &[("value", text.clone()), ("field", what.to_string())],
                );
                None
            }
        }
    }
}

/// True when a number field was filled in (readable or not), not blank.
pub(crate) fn given(n: Option<&Num>) -> bool {
    !matches!(
        n,
        None | Some(Num::Invalid {
            error: NumError::Empty,
            ..
        })
    )
}

/// True when the row is a real indicator row, not blank and not a
/// placeholder left from the template (those get only `IND-PLACEHOLDER`).
pub(crate) fn is_real_row(ind: &Indicator) -> bool {
    !duplicates::is_placeholder(ind)
}

/// The JSON Pointer of an indicator row's field.
/// Field names are plain words, so no JSON Pointer escaping is needed.
pub(crate) fn ind_path(i: usize, field: &str) -> String {
    debug_assert!(!field.contains(['/', '~']));
    format!("/indicators/{i}/{field}")
}

/// True when a text is absent or blank after trimming.
pub(crate) fn blank(s: Option<&str>) -> bool {
    s.is_none_or(is_blank)
}

/// A row's level-1 category as typed, trimmed.
pub(crate) fn level1(ind: &Indicator) -> &str {
    ind.level1.trimmed()
}

/// A row's level-2 category as typed, trimmed.
pub(crate) fn level2(ind: &Indicator) -> &str {
    ind.level2.trimmed()
}

pub(crate) use crate::text::{category_key, same_category};

/// The key ([`category_key`]) of 时效指标, the level-2 category of time rows.
const TIME_KEY: &str = "时效";

/// A row's categories as the rules compare them, worked out once per check
/// rather than by every rule that asks (each comparison of category names
/// reads both names again).
pub(crate) struct RowFacts<'a> {
    /// The level-1 and level-2 names as typed, trimmed.
    pub level1: &'a str,
    pub level2: &'a str,
    /// Their keys ([`category_key`]).
    pub key1: Cow<'a, str>,
    pub key2: Cow<'a, str>,
    /// The profile's level-1 category the level-1 name stands for.
    pub node: Option<&'a Level1>,
    /// A 时效 row.
    pub time: bool,
}

impl<'a> RowFacts<'a> {
    pub(crate) fn new(ind: &'a Indicator, profile: &'a Profile) -> RowFacts<'a> {
        let (l1, l2) = (level1(ind), level2(ind));
        let (key1, key2) = (category_key(l1), category_key(l2));
        RowFacts {
            level1: l1,
            level2: l2,
            node: profile.categories.level1_keyed(l1, &key1),
            // `same_category(l2, "时效指标")`: the key of 时效指标 is 时效.
            time: key2 == TIME_KEY,
            key1,
            key2,
        }
    }

    /// The key of the row's level-1 category under its profile name (an
    /// alias resolved), else as printed.
    pub(crate) fn canonical_key1(&self) -> Cow<'a, str> {
        match self.node {
            Some(l) => category_key(&l.name),
            None => self.key1.clone(),
        }
    }

    /// Whether a category name of the profile is the row's level-2 one
    /// ([`same_category`] with the row's key worked out).
    pub(crate) fn is_level2(&self, name: &str) -> bool {
        name == self.level2 || category_key(name) == self.key2
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn rule_ids_are_unique_and_well_formed() {
        let mut seen = BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.id.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                r.id
            );
            assert!(!r.summary.is_empty());
        }
    }

    #[test]
    fn the_time_key_is_that_of_the_time_category() {
        assert_eq!(category_key("时效指标"), TIME_KEY);
    }

    #[test]
    fn clean_documents_of_every_kind_have_no_findings() {
        for kind in [
            "project-goal",
            "project-self-eval",
            "unit-goal",
            "unit-self-eval",
        ] {
            let doc = base(kind);
            let findings = testutil::run(&doc, crate::profile::Profile::national());
            assert!(findings.is_empty(), "{kind}: {findings:#?}");
        }
    }

    #[test]
    fn findings_come_in_document_order() {
        let mut v = base("project-goal");
        v["indicators"][2]["target"] = "≥95".into();
        v["project"]["name"] = "".into();
        v["funds"]["total"] = "200".into();
        check_all(
            v,
            &[
                ("HDR-MISSING", "/project/name"),
                ("FUND-SUM", "/funds/total"),
                ("IND-NO-UNIT", "/indicators/2/target"),
            ],
        );
    }

    #[test]
    fn profiles_change_severity_and_switch_rules_off() {
        let mut v = base("project-goal");
        v["indicators"][0]["target"] = "120公里".into();
        let doc = crate::model::Document::from_value(v.clone()).unwrap();
        let f = check(&doc, crate::profile::Profile::national());
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(
            f[0].params.get("value").map(String::as_str),
            Some("120公里")
        );

        let mut p = crate::profile::Profile::national().clone();
        p.severities.push(("IND-NO-OP".into(), Severity::Error));
        assert_eq!(check(&doc, &p)[0].severity, Severity::Error);
        p.disabled.push("IND-NO-OP".into());
        assert!(check(&doc, &p).is_empty());
    }
}

#[cfg(test)]
mod registry_tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every rule id emitted by the cases is registered, and every
    /// registered rule is emitted by at least one case.
    #[test]
    fn every_rule_is_registered_and_exercised() {
        let all: Vec<testutil::Case> = [
            header::tests::cases(),
            funds::tests::cases(),
            categories::tests::cases(),
            indicators::tests::cases(),
            duplicates::tests::cases(),
            weights::tests::cases(),
            goals::tests::cases(),
            self_eval::tests::cases(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let registered: BTreeSet<&str> = RULES.iter().map(|r| r.id).collect();
        let mut emitted = BTreeSet::new();
        for c in &all {
            for f in testutil::run(&c.doc, crate::profile::Profile::national()) {
                assert!(
                    registered.contains(f.rule.as_str()),
                    "{} is not in RULES",
                    f.rule
                );
                // A Chinese sentence that says what to do, pointing somewhere.
                assert!(f.message.ends_with('。'), "{}: {}", f.rule, f.message);
                assert!(f.path.starts_with('/'), "{}: {}", f.rule, f.path);
                // The national profile overrides nothing: defaults apply.
                assert_eq!(
                    RULES.iter().find(|r| r.id == f.rule).map(|r| r.severity),
                    Some(f.severity)
                );
                emitted.insert(f.rule);
            }
            for (rule, _) in &c.expected {
                assert!(registered.contains(rule), "{rule} is not in RULES");
            }
        }
        let missing: Vec<&&str> = registered
            .iter()
            .filter(|r| !emitted.contains(**r))
            .collect();
        assert!(missing.is_empty(), "rules no case exercises: {missing:?}");
    }
}
