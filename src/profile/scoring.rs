//! The scoring part of a profile: how rows are scored, rounded and graded.
//!
//! Every field defaults to the national rule (财预〔2020〕10号), so a
//! provincial profile states only where it differs.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How a reverse indicator (≤, <) that ended above its target is scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReverseRule {
    /// `target / actual × weight` (the national "by proportion" wording).
    #[default]
    Proportional,
    /// `(1 − (actual − target) / target) × weight`, zero at twice the target.
    Linear,
}

/// How row scores are rounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    /// Each row to 2 decimals, half up; the total is the sum of rounded rows.
    #[default]
    Cent,
    /// Each row to whole points, half up.
    Whole,
}

/// How a missed deadline (时效) is scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LateRule {
    /// The evaluator's typed score, below the weight, with a deviation text.
    #[default]
    Evaluator,
    /// A deduction per day late, in percent of the weight, down to zero.
    DaysLate { percent_per_day: Decimal },
}

/// A band of the weight, in percent: `[low, high]`; `low` is included.
pub type Band = [Decimal; 2];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bands {
    pub met: Band,
    pub partial: Band,
    pub not_met: Band,
}

impl Default for Bands {
    fn default() -> Bands {
        Bands {
            met: [Decimal::from(80), Decimal::from(100)],
            partial: [Decimal::from(60), Decimal::from(80)],
            not_met: [Decimal::ZERO, Decimal::from(60)],
        }
    }
}

/// A grade and the lowest total that earns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    pub name: String,
    pub min: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scoring {
    pub reverse_rule: ReverseRule,
    pub rounding: Rounding,
    pub bands: Bands,
    /// Highest first.
    pub grades: Vec<Grade>,
    pub late_rule: LateRule,
}

impl Default for Scoring {
    fn default() -> Scoring {
        let grade = |name: &str, min: i64| Grade {
            name: name.to_string(),
            min: Decimal::from(min),
        };
        Scoring {
            reverse_rule: ReverseRule::default(),
            rounding: Rounding::default(),
            bands: Bands::default(),
            grades: vec![
                grade("优", 90),
                grade("良", 80),
                grade("中", 60),
                grade("差", 0),
            ],
            late_rule: LateRule::default(),
        }
    }
}
