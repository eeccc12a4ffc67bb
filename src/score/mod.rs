//! Scoring of self-evaluations (财预〔2020〕10号), exact and explained.
//!
//! [`score`] computes the score object of format v1 and the reconciliation
//! findings that compare it with what the unit typed.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::model::Document;
use crate::profile::Profile;

/// Budget execution: rate = 全年执行数 / 全年预算数, score = rate × weight, capped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutionScore {
    /// The rate as a fraction, 4 decimals (`0.9500`).
    pub rate: Decimal,
    pub score: Decimal,
    /// The formula with its numbers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how: String,
}

/// One indicator row's score; `score` is absent where the row cannot be scored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowScore {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Decimal>,
    /// The formula with its numbers (`118 / 120 × 20 = 19.67`), or why there is none.
    pub how: String,
}

/// The score object of format v1.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution: Option<ExecutionScore>,
    pub indicators: Vec<RowScore>,
    pub total: Decimal,
    pub grade: String,
}

/// The score and the findings of scoring and reconciliation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreReport {
    pub score: Score,
    pub findings: Vec<Finding>,
}

/// Scores a self-evaluation under a profile.
pub fn score(doc: &Document, profile: &Profile) -> ScoreReport {
    let _ = (doc, profile);
    ScoreReport::default()
}

/// Every rule of the scoring and reconciliation, with its default severity.
pub const RULES: &[crate::finding::RuleInfo] = &[];
