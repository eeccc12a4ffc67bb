//! Actual values (实际完成值): a number with or without its unit or a
//! comparator, a date, or a qualitative level.

use serde::{Serialize, Serializer};
use serde_json::Value;

use rust_decimal::Decimal;

use super::{parse_target, Op, PartialDate, Target, TargetError, TargetErrorKind};
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
        ];
        const NOT_MET: &[&str] = &["未达成", "未完成", "未实现", "没有达成", "未达到"];
        const MET: &[&str] = &[
            "达成",
            "已达成",
            "完成",
            "已完成",
            "全部完成",
            "实现",
            "已实现",
            "达到",
            "已达到",
        ];
        if PARTIAL.iter().any(|p| t.starts_with(p)) {
            Some(Level::Partial)
        } else if NOT_MET.iter().any(|p| t.starts_with(p)) {
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
    Invalid(TargetError),
}

/// Reads an actual value as a person types it.
pub fn parse_actual(text: &str) -> Actual {
    if let Some(level) = Level::parse(text) {
        return Actual::Level(level);
    }
    match parse_target(text) {
        Target::Quantity { op, value, unit } => Actual::Number { op, value, unit },
        Target::Date { date, .. } => Actual::Date(date),
        Target::Invalid { error, .. } => Actual::Invalid(error),
        Target::Qualitative { .. } => Actual::Invalid(TargetError {
            pos: 0,
            kind: TargetErrorKind::NotAValue,
        }),
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
    /// Reads an actual value: text, or a JSON number whose text is kept exactly.
    pub fn read(v: &Value, at: &At) -> Read<ActualValue> {
        Ok(ActualValue::new(&json::num(v, at)?.text()))
    }
}
