//! Actual values (实际完成值): a number with or without its unit or a
//! comparator, a date, or a qualitative level.

use serde::{Serialize, Serializer};
use serde_json::Value;

use rust_decimal::Decimal;

use super::{Op, PartialDate, Target, TargetError};
use crate::json::{self, At, Read};
use crate::text::normalize;

/// The three qualitative levels of a self-evaluation (财预〔2020〕10号).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// 达成年度指标: 80%–100% of the weight.
    Met,
    /// 部分达成年度指标并具有一定效果: 60%–80%.
    Partial,
    /// 未达成年度指标且效果较差: 0–60%.
    NotMet,
}

impl Level {
    /// The official short name.
    pub fn name(self) -> &'static str {
        match self {
            Level::Met => "达成",
            Level::Partial => "部分达成",
            Level::NotMet => "未达成",
        }
    }

    /// Reads the official level strings and the short forms people write.
    pub fn parse(text: &str) -> Option<Level> {
        let n = normalize(text);
        let t: String = n
            .chars()
            .filter(|c| !c.is_whitespace() && !"。.，,".contains(*c))
            .collect();
        const PARTIAL: &[&str] = &[
            "部分达成",
            "基本达成",
            "部分完成",
            "基本完成",
            "部分实现",
            "基本实现",
            "部分达到",
            "基本达到",
        ];
        const NOT_MET: &[&str] = &[
            "未达成",
            "未完成",
            "未实现",
            "没有达成",
            "未达到",
            "没有完成",
            "无",
        ];
        const MET: &[&str] = &[
            "达成",
            "已达成",
            "完成",
            "已完成",
            "全部完成",
            "全面完成",
            "实现",
            "已实现",
            "达到",
            "已达到",
            "已按时完成",
            "按时完成",
            "按期完成",
        ];
        if PARTIAL.iter().any(|p| t.starts_with(p)) {
            Some(Level::Partial)
        } else if t == "无"
            || NOT_MET[..NOT_MET.len() - 1]
                .iter()
                .any(|p| t.starts_with(p))
        {
            Some(Level::NotMet)
        } else if MET.iter().any(|p| t.starts_with(p)) && t.chars().count() <= 12 {
            Some(Level::Met)
        } else {
            None
        }
    }
}

/// A typed actual value (实际完成值).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actual {
    /// A number, with the unit and comparator it was printed with, if any.
    Number {
        op: Option<Op>,
        value: Decimal,
        unit: String,
    },
    Date(PartialDate),
    Level(Level),
    /// A statement in words that names no level (`有效`, `明显改善`): what
    /// it means depends on the target (see [`level_against`]).
    Text(String),
    Invalid(TargetError),
}

/// Reads an actual value as a person types it.
pub fn parse_actual(text: &str) -> Actual {
    if let Some(level) = Level::parse(text) {
        return Actual::Level(level);
    }
    match super::parse::parse_lenient(text) {
        Target::Quantity { op, value, unit } => Actual::Number { op, value, unit },
        // `±3%` as an actual is the deviation found.
        Target::Band {
            tolerance, unit, ..
        } => Actual::Number {
            op: None,
            value: tolerance,
            unit,
        },
        Target::Date { date, .. } => Actual::Date(date),
        Target::Invalid { error, .. } => Actual::Invalid(error),
        // A statement is words: text with no Chinese in it (`NaN`, `xx`)
        // is no value at all.
        Target::Qualitative { text }
            if text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) =>
        {
            Actual::Text(text)
        }
        Target::Qualitative { .. } => Actual::Invalid(TargetError {
            pos: 0,
            kind: super::TargetErrorKind::NotAValue,
        }),
    }
}

/// Text compared loosely: normalised, without spaces and punctuation.
fn loose(text: &str) -> String {
    normalize(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !"。.，,、；;：:！!“”\"'（）()".contains(*c))
        .collect()
}

/// The level a qualitative row's actual value reads as, against its
/// target: a level named (`达成`, `基本完成`, `已完成`), a statement that
/// restates the target (`有效` for `有效`, `全天候` for `全天候可用`: most
/// real tables are written so, and it means the target was met), or a
/// full 100% on a qualitative target. `None` where the actual does not say
/// how far the target was met.
pub fn level_against(actual: &Actual, target: &Target) -> Option<Level> {
    match (actual, target) {
        (Actual::Level(l), _) => Some(*l),
        (Actual::Text(a), Target::Qualitative { text: t }) => {
            let (a, t) = (loose(a), loose(t));
            let restates = !a.is_empty() && (a == t || t.starts_with(&a) || a.starts_with(&t));
            restates.then_some(Level::Met)
        }
        (Actual::Number { value, unit, .. }, Target::Qualitative { .. })
            if unit == "%" && *value == Decimal::ONE_HUNDRED =>
        {
            Some(Level::Met)
        }
        _ => None,
    }
}

/// An actual value as stored in the model: the text as typed, and its reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActualValue {
    pub text: String,
    pub parsed: Actual,
}

impl ActualValue {
    pub fn new(text: &str) -> ActualValue {
        ActualValue {
            text: text.to_string(),
            parsed: parse_actual(text),
        }
    }
}

impl Serialize for ActualValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl ActualValue {
    /// Reads an actual value: text as given (`1.5万元` keeps its unit), or a
    /// JSON number whose text is kept exactly.
    pub fn read(v: &Value, at: &At) -> Read<ActualValue> {
        match v {
            Value::String(s) => Ok(ActualValue::new(s)),
            other => Ok(ActualValue::new(&json::num(other, at)?.text())),
        }
    }
}
