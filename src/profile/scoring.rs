//! The scoring part of a profile: how rows are scored, rounded and graded.
//!
//! Every field defaults to the national rule (财预〔2020〕10号), so a
//! provincial profile states only where it differs. In JSON (the `scoring`
//! object of a profile):
//!
//! ```text
//! {"reverse_rule": "proportional",      // or "linear"
//!  "rounding": "cent",                  // or "whole"
//!  "bands": {"met": ["80", "100"], "partial": ["60", "80"], "not_met": ["0", "60"]},
//!  "grades": [{"name": "优", "min": "90"}, {"name": "良", "min": "80"},
//!             {"name": "中", "min": "60"}, {"name": "差", "min": "0"}],
//!  "late_rule": "evaluator"}            // or {"days_late": {"percent_per_day": "2"}}
//! ```
//!
//! The threshold for an actual far above its target (`far_above_ratio`,
//! 1.3) lives in the profile's `thresholds`, and the points for budget
//! execution in `weights.execution`.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::json::{self, At, Obj, Read};

/// How a reverse indicator (≤, <) that ended above its target is scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReverseRule {
    /// `target / actual × weight` (the national "by proportion" wording).
    #[default]
    Proportional,
    /// `(1 − (actual − target) / target) × weight`, zero at twice the target.
    Linear,
}

/// How row scores are rounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rounding {
    /// Each row to 2 decimals, half up; the total is the sum of rounded rows.
    #[default]
    Cent,
    /// Each row to whole points, half up.
    Whole,
}

/// How a missed deadline (时效) is scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LateRule {
    /// The evaluator's typed score, below the weight, with a deviation text.
    #[default]
    Evaluator,
    /// A deduction per day late, in percent of the weight, down to zero:
    /// `weight × (1 − days × percent_per_day %)`.
    DaysLate { percent_per_day: Decimal },
}

/// A band of the weight, in percent: `[low, high]`. `low` is included;
/// `high` is included only where it is 100 (full marks), so that 80 % belongs
/// to 达成 and not to 部分达成.
pub type Band = [Decimal; 2];

/// The score bands of the three qualitative levels (分级分档).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bands {
    /// 达成年度指标: 80–100 % of the weight.
    pub met: Band,
    /// 部分达成年度指标并具有一定效果: 60–80 %.
    pub partial: Band,
    /// 未达成年度指标且效果较差: 0–60 %.
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grade {
    pub name: String,
    pub min: Decimal,
}

/// How self-evaluations are scored under a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scoring {
    /// How a reverse indicator above its target is scored.
    pub reverse_rule: ReverseRule,
    /// How each row score is rounded.
    pub rounding: Rounding,
    /// The bands a qualitative row's score must lie in.
    pub bands: Bands,
    /// Highest first (the scorer sorts them anyway).
    pub grades: Vec<Grade>,
    /// How a missed deadline is scored.
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

// Reading, with the helpers of `crate::json`: each field left out keeps the
// national default.

impl Bands {
    fn read(v: &Value, at: &At) -> Read<Bands> {
        let mut o = Obj::of(v, at)?;
        let d = Bands::default();
        let band = |key: &str, default: Band| -> Band {
            o.with(key, |v, at| {
                match json::list(v, at, json::decimal)?.as_slice() {
                    [low, high] => Ok([*low, *high]),
                    _ => Err(at.expected("两个数字的数组，如 [\"80\", \"100\"]", v)),
                }
            })
            .unwrap_or(default)
        };
        o.done(Bands {
            met: band("met", d.met),
            partial: band("partial", d.partial),
            not_met: band("not_met", d.not_met),
        })
    }
}

impl Grade {
    fn read(v: &Value, at: &At) -> Read<Grade> {
        let mut o = Obj::of(v, at)?;
        o.done(Grade {
            name: o.req_string("name"),
            min: o.req("min", json::decimal),
        })
    }
}

impl LateRule {
    /// `"evaluator"`, or `{"days_late": {"percent_per_day": "2"}}`.
    fn read(v: &Value, at: &At) -> Read<LateRule> {
        if v.is_string() {
            return json::word(v, at, &[("evaluator", LateRule::Evaluator)]);
        }
        let mut o = Obj::of(v, at)?;
        let percent_per_day = o.req("days_late", |v, at| {
            let mut days = Obj::of(v, at)?;
            let percent_per_day = days.req("percent_per_day", json::decimal);
            days.done(percent_per_day)
        });
        o.done(LateRule::DaysLate { percent_per_day })
    }
}

impl Scoring {
    /// Reads the `scoring` object of a profile.
    pub fn read(v: &Value, at: &At) -> Read<Scoring> {
        let mut o = Obj::of(v, at)?;
        let d = Scoring::default();
        o.done(Scoring {
            reverse_rule: o
                .with("reverse_rule", |v, at| {
                    json::word(
                        v,
                        at,
                        &[
                            ("proportional", ReverseRule::Proportional),
                            ("linear", ReverseRule::Linear),
                        ],
                    )
                })
                .unwrap_or(d.reverse_rule),
            rounding: o
                .with("rounding", |v, at| {
                    json::word(
                        v,
                        at,
                        &[("cent", Rounding::Cent), ("whole", Rounding::Whole)],
                    )
                })
                .unwrap_or(d.rounding),
            bands: o.with("bands", Bands::read).unwrap_or(d.bands),
            grades: o
                .with("grades", |v, at| json::list(v, at, Grade::read))
                .unwrap_or(d.grades),
            late_rule: o.with("late_rule", LateRule::read).unwrap_or(d.late_rule),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn check(json: &str, expected: Scoring) {
        let v: Value = serde_json::from_str(json).unwrap();
        let got = Scoring::read(&v, &At::ROOT).unwrap();
        assert_eq!(got, expected, "{json}");
    }

    #[test]
    fn provincial_variants_state_only_what_differs() {
        check("{}", Scoring::default());
        check(
            r#"{"reverse_rule": "linear", "rounding": "whole"}"#,
            Scoring {
                reverse_rule: ReverseRule::Linear,
                rounding: Rounding::Whole,
                ..Scoring::default()
            },
        );
        check(
            r#"{"late_rule": {"days_late": {"percent_per_day": "2"}}}"#,
            Scoring {
                late_rule: LateRule::DaysLate {
                    percent_per_day: d("2"),
                },
                ..Scoring::default()
            },
        );
        check(
            r#"{"bands": {"met": ["50", "100"]}}"#,
            Scoring {
                bands: Bands {
                    met: [d("50"), d("100")],
                    ..Bands::default()
                },
                ..Scoring::default()
            },
        );
    }
}
