//! Rule profiles: the data that lets a province change weights, thresholds
//! and required categories without a rebuild.
//!
//! A profile is a versioned JSON document (`id`, `version`, optional
//! `parent`). The national profile (`profiles/national.json`) is built in;
//! other profiles are files a portal supplies at runtime. A profile may turn a
//! rule off or change its severity, never its meaning.
//!
//! This module is the data and its reading, nothing more: the types below,
//! how each reads itself from JSON (`read.rs`), and how profile text is
//! loaded, merged over its parents and resolved by name (`load.rs`):
//! [`Profile::from_json`] deep-merges a child over its parent's JSON
//! (objects key by key; arrays and scalars replaced), so a provincial
//! profile states only where it differs; the variants seen in real forms
//! ship as files under `profiles/` and are compiled in ([`builtins`]);
//! [`resolve`] is the one policy that picks the profile a document is
//! checked with. Whether a loaded profile is usable (weights that add to
//! 100, bands without gaps, known rule ids) is `crate::profile_lint`'s
//! business.

mod load;
mod read;
pub mod scoring;

use std::sync::OnceLock;

use rust_decimal::Decimal;

use crate::finding::Severity;
use crate::json::At;
pub use load::{
    builtin, builtin_json, builtins, merge_json, resolve, ProfileError, BUILTIN_JSON,
    MAX_PROFILE_BYTES,
};
pub use scoring::Scoring;

/// The built-in national profile, as shipped in `profiles/national.json`.
pub const NATIONAL_JSON: &str = include_str!("../../profiles/national.json");

/// A level-1 category and the level-2 categories allowed under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level1 {
    pub name: String,
    /// Other names the province's forms print for it (效果指标 for
    /// 效益指标, 项目完成指标 for 产出指标).
    pub aliases: Vec<String>,
    pub level2: Vec<String>,
    /// Allowed on unit-wide forms only (履职效能, 管理效率).
    pub unit_only: bool,
}

/// One place a required category may be filed: a level-1 name, and the
/// level-2 name under it unless any level-2 will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    pub level1: String,
    pub level2: Option<String>,
}

/// A category the form must contain, filed in any one of its placements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Required {
    /// The name used in messages (数量指标, 成本指标 …).
    pub label: String,
    pub any_of: Vec<Placement>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Categories {
    pub tree: Vec<Level1>,
    /// The form's layout has no 一级/二级 columns (Chongqing's unit-wide
    /// self-evaluation): rows may leave them blank.
    pub levels_optional: bool,
    pub required: Vec<Required>,
}

/// Points for a group of level-1 categories (产出 = 产出指标 + 成本指标 …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightGroup {
    pub name: String,
    pub level1: Vec<String>,
    pub points: Decimal,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Weights {
    /// Points for budget execution (预算执行率); zero where it is not scored.
    pub execution: Decimal,
    pub groups: Vec<WeightGroup>,
    /// Units may move points between groups (the total must still be 100).
    pub adjustable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thresholds {
    /// An actual at or above this multiple of its target needs an explanation.
    pub far_above_ratio: Decimal,
    /// The lowest acceptable 满意度 target, in percent.
    pub satisfaction_floor: Decimal,
    pub max_name_chars: usize,
    pub max_text_chars: usize,
    /// The largest amount in 万元 that looks like one: above it, the
    /// amount was most likely typed in 元.
    pub max_funds: Decimal,
    /// Below this execution rate, in percent, a self-evaluation must say
    /// why (预算执行偏差说明).
    pub execution_explain_below: Decimal,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            far_above_ratio: Decimal::new(13, 1),
            satisfaction_floor: Decimal::from(80),
            max_name_chars: 100,
            max_text_chars: 2000,
            max_funds: Decimal::from(1_000_000),
            execution_explain_below: Decimal::from(90),
        }
    }
}

/// A rule profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub id: String,
    pub version: String,
    pub parent: Option<String>,
    /// The name shown in the UI.
    pub name: String,
    pub description: String,
    pub categories: Categories,
    pub weights: Weights,
    pub vague_words: Vec<String>,
    /// Whole targets that are vague by themselves (`高`, `好`, `长期`),
    /// though part of longer phrases they are not.
    pub vague_targets: Vec<String>,
    /// The categories (二级, or a 一级 such as 成本指标) whose targets must be
    /// measurable: a number and unit, a date, or a defined level.
    pub measurable: Vec<String>,
    /// Words that make a qualitative target a defined level on a
    /// measurable row (合格, 达标, 符合 …).
    pub scale_words: Vec<String>,
    pub thresholds: Thresholds,
    pub scoring: Scoring,
    /// Severity overrides by rule id, in the order of the ids (as read from
    /// the JSON object): a handful of pairs, searched by
    /// [`Profile::severity`]; a list, not one more map type in the module.
    pub severities: Vec<(String, Severity)>,
    /// Rule ids switched off.
    pub disabled: Vec<String>,
}

impl Categories {
    /// The level-1 category a name printed on a form stands for: its own
    /// name or one of its aliases, compared loosely (`产出指标(50分)`).
    pub fn level1(&self, printed: &str) -> Option<&Level1> {
        self.level1_keyed(printed, &crate::text::category_key(printed))
    }

    /// As [`Categories::level1`], with the printed name's key
    /// (`category_key`) already worked out: `same_category` with each
    /// name of the tree, without keying the printed name again each time.
    pub fn level1_keyed(&self, printed: &str, key: &str) -> Option<&Level1> {
        let same = |name: &str| name == printed || crate::text::category_key(name) == key;
        self.tree
            .iter()
            .find(|l| same(&l.name) || l.aliases.iter().any(|a| same(a)))
    }
}

impl Profile {
    /// The built-in national profile.
    pub fn national() -> &'static Profile {
        static NATIONAL: OnceLock<Profile> = OnceLock::new();
        NATIONAL.get_or_init(|| {
            // Through `Value`, as every other profile is read: one copy of
            // the deserialisation code in the wasm module instead of two.
            let value = crate::json::parse(NATIONAL_JSON).expect("profiles/national.json is JSON");
            Profile::read(&value, &At::ROOT).expect("profiles/national.json is a profile")
        })
    }

    /// `"<id>@<version>"`, as documents name the profile they were checked against.
    pub fn tag(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// The severity of a rule under this profile, or `None` when it is switched off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        if self.disabled.iter().any(|r| r == rule) {
            return None;
        }
        let set = self.severities.iter().find(|(id, _)| id == rule);
        Some(set.map_or(default, |(_, s)| *s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_profile_loads_with_the_national_weights() {
        let p = Profile::national();
        assert_eq!(p.tag(), "national@2024.1");
        assert_eq!(p.weights.execution, Decimal::from(10));
        let total: Decimal =
            p.weights.groups.iter().map(|g| g.points).sum::<Decimal>() + p.weights.execution;
        assert_eq!(total, Decimal::from(100));
        assert_eq!(p.scoring, Scoring::default());
        assert_eq!(p.thresholds, Thresholds::default());
    }
}
