//! Targets (指标值) and actual values (实际完成值): typed, parsed from what people type.
//!
//! A target is quantitative (comparator, number, unit), a date or deadline, a
//! qualitative phrase, or text that could not be read. [`parse_target`] reads
//! the forms found in the official tables: symbol comparators and their
//! look-alikes (`≥ ≧ >= ＞ = ═ ﹦ ＝ ≤ ≦ <= ＜`), word comparators (`不低于`,
//! `不少于`, `达到`, `不高于`, `不超过`, `控制在…以内`, `…以上`), full-width
//! digits, thousands separators, spaces, units (`%`, `百分比`, `人次`, `万元`,
//! `元/人*月` …), dates and deadlines (`2024-12-31`, `2024年12月31日前`,
//! `12月底前`, `年底前`). Unreadable text becomes [`Target::Invalid`] with the
//! offending position and a Chinese message, never a panic.
//!
//! [`parse_actual`] reads an actual value: a number with or without its unit
//! or a comparator (`21980人`, `≥95%`), a date, or a qualitative level
//! (`达成` / `部分达成` / `未达成` and their long official forms).
//!
//! In JSON a target is written in the object form of format v1 and read from
//! either the object form or a string as a person writes it.
//!
//! The parts: `date.rs` (dates and deadlines), `parse.rs` (the target
//! grammar), `actual.rs` (actual values and qualitative levels) and
//! `object.rs` (the JSON object form of format v1).

mod actual;
mod date;
mod object;
mod parse;
#[cfg(test)]
mod tests;

use std::fmt;

use rust_decimal::Decimal;

use crate::num::NumError;
use crate::text::normalize;
use parse::parse_comparator;

pub use actual::{level_against, parse_actual, Actual, ActualValue, Level};
pub use date::PartialDate;
pub use parse::{lookalike_comparator, parse_target, unit_in_name, LOOKALIKE_COMPARATORS};

/// A comparator. `Ge`/`Gt` are positive indicators (more is better),
/// `Le`/`Lt` reverse indicators (less is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    Ge,
    Gt,
    Eq,
    Le,
    Lt,
}

impl Op {
    /// The ASCII form used in format v1 (`>=`, `<=` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Eq => "=",
            Op::Le => "<=",
            Op::Lt => "<",
        }
    }

    /// The form printed in the official tables (`≥`, `≤` …).
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Eq => "=",
            Op::Le => "≤",
            Op::Lt => "<",
        }
    }

    /// Reads the v1 form or any symbol or word comparator.
    pub fn parse(s: &str) -> Option<Op> {
        let n = normalize(s);
        let t = n.trim();
        if t.is_empty() {
            return None;
        }
        let chars: Vec<char> = t.chars().collect();
        match parse_comparator(&chars, 0) {
            Some((op, len, _)) if len == chars.len() => Some(op),
            _ => None,
        }
    }

    /// True for reverse indicators (less is better).
    pub fn is_reverse(self) -> bool {
        matches!(self, Op::Le | Op::Lt)
    }
}

/// Why a target or actual value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetErrorKind {
    Empty,
    /// A comparator with no number after it (`≥`, `不低于%`).
    MissingNumber,
    /// The number itself is unreadable or out of range.
    Number(NumError),
    /// A range such as `90-95%`: a target needs one bound.
    Range,
    /// An approximate value (`约`, `左右`): not a measurable target.
    Approximate(String),
    /// A date that does not exist or is malformed (`2024年13月`).
    BadDate,
    /// Text after the number that is not a unit (`95%以上左右`).
    Trailing(String),
    /// An actual value that is none of: number, date, 达成/部分达成/未达成.
    NotAValue,
    /// Words before the number that are no comparator (`到0次`).
    Prefix(String),
    /// A period that ends before it starts (`2024年11月-3月`).
    PeriodOrder,
    /// Only a sign such as `/` or a dash: no target.
    NoContent,
}

/// A parse error: what went wrong and where (character index in the typed text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetError {
    pub pos: usize,
    pub kind: TargetErrorKind,
}

impl TargetError {
    /// The message shown to the person, in Chinese.
    pub fn message(&self) -> String {
        let at = self.pos + 1;
        match &self.kind {
            TargetErrorKind::Empty => "未填写。".to_string(),
            TargetErrorKind::MissingNumber => {
                format!("第{at}个字符处缺少数值：比较符号后面应跟数字，如“≥95%”。")
            }
            TargetErrorKind::Number(e) => format!("数值无法识别：{}", e.message()),
            TargetErrorKind::Range => {
                "区间值无法作为指标值，请只填写下限（≥）或上限（≤），如“≥90%”。".to_string()
            }
            TargetErrorKind::Approximate(w) => {
                format!("“{w}”表示约数，指标值应为确定的数值，如“≥95%”。")
            }
            TargetErrorKind::BadDate => {
                format!("第{at}个字符处的日期无效，请写成“2024年12月31日前”或“2024-12-31”。")
            }
            TargetErrorKind::Trailing(t) => {
                format!("数值后的“{t}”不是计量单位，请只写单位，如“%”“人次”“万元”。")
            }
            TargetErrorKind::NotAValue => {
                "实际完成值应为数值、日期，或“达成”“部分达成”“未达成”之一。".to_string()
            }
            TargetErrorKind::Prefix(w) => {
                format!("数值前的“{w}”不是比较符号，请写成“≥”“≤”“=”或“不低于”“不超过”等。")
            }
            TargetErrorKind::NoContent => {
                "只有符号，没有指标值；请填写指标值，不适用的指标请删除该行。".to_string()
            }
            TargetErrorKind::PeriodOrder => {
                format!("第{at}个字符处的结束时间早于开始时间，请核对期限。")
            }
        }
    }
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// A typed target (指标值).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Comparator, number and unit. `op: None` is a bare number (`8755`,
    /// `100%`): met when the actual reaches it, worth a warning on a goal form.
    /// `unit` is empty when none was given.
    Quantity {
        op: Option<Op>,
        value: Decimal,
        unit: String,
    },
    /// A date or deadline (时效). `Le` is "on or before" (`2024年12月31日前`).
    /// A period (`2024年3月-11月`) is its end as the deadline, with its
    /// `start` kept.
    Date {
        op: Op,
        date: PartialDate,
        start: Option<PartialDate>,
    },
    /// A tolerance (`±5%`, `误差±5%以内`): the deviation, from `centre`
    /// where one is given, must stay within `tolerance`.
    Band {
        centre: Option<Decimal>,
        tolerance: Decimal,
        unit: String,
    },
    /// A qualitative phrase (定性): measurable only as a graded level.
    Qualitative { text: String },
    /// Text that could not be read, kept as typed, with why. A target given
    /// as a JSON object that cannot be read keeps that object in `given`
    /// and is written back as it was given: its `text` (the parts of the
    /// object run together) is for messages only, and may read otherwise.
    Invalid {
        text: String,
        error: TargetError,
        given: Option<serde_json::Value>,
    },
}

impl Default for Target {
    fn default() -> Target {
        Target::Invalid {
            text: String::new(),
            error: TargetError {
                pos: 0,
                kind: TargetErrorKind::Empty,
            },
            given: None,
        }
    }
}

impl Target {
    /// The comparator, where the target has one.
    pub fn op(&self) -> Option<Op> {
        match self {
            Target::Quantity { op, .. } => *op,
            Target::Date { op, .. } => Some(*op),
            _ => None,
        }
    }

    /// Fills in the year of a date typed without one (`12月底前`, `1-12月`).
    /// A date the year cannot be filled into (a year no date may name,
    /// `2月29日` in a year with no such day) stays as typed, so that it is
    /// written as typed and reads the same again.
    pub fn with_year(self, year: i32) -> Target {
        match self {
            Target::Date { op, date, start } if date.year.is_none() => {
                let filled = date.in_year(year).and_then(|date| match start {
                    Some(s) if s.year.is_none() => Some((date, Some(s.in_year(year)?))),
                    start => Some((date, start)),
                });
                match filled {
                    Some((date, start)) => Target::Date { op, date, start },
                    None => Target::Date { op, date, start },
                }
            }
            other => other,
        }
    }

    /// The unit of a quantity or band, where it has one.
    pub fn unit(&self) -> Option<&str> {
        match self {
            Target::Quantity { unit, .. } | Target::Band { unit, .. } => Some(unit),
            _ => None,
        }
    }
}

/// Units written in more than one way; each pair means the same.
const SAME_UNITS: &[(&str, &str)] = &[
    ("%", "百分比"),
    ("%", "百分率"),
    ("公里", "km"),
    ("公里", "千米"),
    ("米", "m"),
    ("日", "天"),
    ("个月", "月"),
    ("平方米", "m2"),
    ("平方米", "㎡"),
    ("平方米", "m²"),
    ("平方米", "平米"),
    ("立方米", "m3"),
    ("立方米", "m³"),
    ("公斤", "千克"),
    ("公斤", "kg"),
    ("吨", "t"),
    ("人次", "人·次"),
];

/// A unit as compared: normalised, lower case, and one name for each unit
/// written in more than one way.
fn canonical_unit(u: &str) -> String {
    let n = normalize(u.trim()).to_lowercase();
    for (a, b) in SAME_UNITS {
        if n == *b {
            return (*a).to_string();
        }
    }
    n
}

/// True when two units are the same unit, however written (`米` and `m`,
/// `%` and `百分比`, `天` and `日`).
pub fn same_unit(a: &str, b: &str) -> bool {
    a.trim() == b.trim() || canonical_unit(a) == canonical_unit(b)
}

/// A whole number from 1 to 12: followed by `月` it names a month.
fn is_month_number(value: &Decimal) -> bool {
    value.fract().is_zero() && *value >= Decimal::ONE && *value <= Decimal::from(12)
}

impl fmt::Display for Target {
    /// The form printed in the official tables; [`parse_target`] reads it back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Quantity { op, value, unit } => {
                if let Some(op) = op {
                    f.write_str(op.symbol())?;
                }
                // `3月` reads as March: three months (from a JSON object
                // with the unit `月`) are written `3个月`.
                if unit == "月" && is_month_number(value) {
                    write!(f, "{value}个月")
                } else {
                    write!(f, "{value}{unit}")
                }
            }
            Target::Date {
                op,
                date,
                start: Some(start),
            } if *op == Op::Le => write!(f, "{start}至{date}"),
            Target::Date { op, date, .. } => match (op, date.year) {
                (Op::Le, None) => write!(f, "{date}前"),
                _ => write!(f, "{}{date}", op.symbol()),
            },
            Target::Band {
                centre,
                tolerance,
                unit,
            } => match centre {
                Some(c) => write!(f, "{c}±{tolerance}{unit}"),
                None => write!(f, "±{tolerance}{unit}"),
            },
            Target::Qualitative { text } => f.write_str(text),
            Target::Invalid { text, .. } => f.write_str(text),
        }
    }
}
