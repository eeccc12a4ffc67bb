//! Rule profiles: the data that lets a province change weights, thresholds
//! and required categories without a rebuild.
//!
//! A profile is a versioned JSON document (`id`, `version`, optional
//! `parent`). The national profile (`profiles/national.json`) is built in;
//! other profiles are files a portal supplies at runtime. A profile may turn a
//! rule off or change its severity, never its meaning.

pub mod scoring;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finding::Severity;
pub use scoring::Scoring;

/// The built-in national profile, as shipped in `profiles/national.json`.
pub const NATIONAL_JSON: &str = include_str!("../../profiles/national.json");

/// A level-1 category and the level-2 categories allowed under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level1 {
    pub name: String,
    #[serde(default)]
    pub level2: Vec<String>,
    /// Allowed on unit-wide forms only (履职效能, 管理效率).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unit_only: bool,
}

/// One place a required category may be filed: a level-1 name, and the
/// level-2 name under it unless any level-2 will do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub level1: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level2: Option<String>,
}

/// A category the form must contain, filed in any one of its placements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Required {
    /// The name used in messages (数量指标, 成本指标 …).
    pub label: String,
    pub any_of: Vec<Placement>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Categories {
    pub tree: Vec<Level1>,
    #[serde(default)]
    pub required: Vec<Required>,
}

/// Points for a group of level-1 categories (产出 = 产出指标 + 成本指标 …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightGroup {
    pub name: String,
    pub level1: Vec<String>,
    pub points: Decimal,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    /// Points for budget execution (预算执行率); zero where it is not scored.
    pub execution: Decimal,
    pub groups: Vec<WeightGroup>,
    /// Units may move points between groups (the total must still be 100).
    #[serde(default)]
    pub adjustable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// An actual at or above this multiple of its target needs an explanation.
    pub far_above_ratio: Decimal,
    /// The lowest acceptable 满意度 target, in percent.
    pub satisfaction_floor: Decimal,
    pub max_name_chars: usize,
    pub max_text_chars: usize,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            far_above_ratio: Decimal::new(13, 1),
            satisfaction_floor: Decimal::from(80),
            max_name_chars: 100,
            max_text_chars: 2000,
        }
    }
}

/// A rule profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The name shown in the UI.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub categories: Categories,
    pub weights: Weights,
    #[serde(default)]
    pub vague_words: Vec<String>,
    #[serde(default)]
    pub thresholds: Thresholds,
    #[serde(default)]
    pub scoring: Scoring,
    /// Severity overrides by rule id.
    #[serde(default)]
    pub severities: BTreeMap<String, Severity>,
    /// Rule ids switched off.
    #[serde(default)]
    pub disabled: Vec<String>,
}

impl Profile {
    /// The built-in national profile.
    pub fn national() -> &'static Profile {
        static NATIONAL: OnceLock<Profile> = OnceLock::new();
        NATIONAL.get_or_init(|| {
            serde_json::from_str(NATIONAL_JSON).expect("profiles/national.json is valid")
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
        Some(self.severities.get(rule).copied().unwrap_or(default))
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
