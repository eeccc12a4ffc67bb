//! The object form of a target in format v1 (`{"op": ">=", "value": "95",
//! "unit": "%"}`), written by every writer and read, with the string form
//! a person types, by every reader.

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::{parse_target, Op, Target, TargetError, TargetErrorKind};
use crate::json::{At, Obj, Read};
use crate::num::Num;
use crate::text::normalize;

/// The object form of format v1, for reading and writing.
#[derive(Serialize, Default)]
struct TargetObject {
    #[serde(skip_serializing_if = "Option::is_none")]
    op: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qualitative: Option<String>,
    /// Written as `true` for a bare number (no comparator typed); `op` then says `=`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    bare: bool,
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let obj = match self {
            Target::Quantity { op, value, unit } => TargetObject {
                op: Some(op.unwrap_or(Op::Eq).as_str().to_string()),
                value: Some(Num::Valid(*value)),
                unit: Some(unit.clone()),
                bare: op.is_none(),
                ..TargetObject::default()
            },
            Target::Date { op, date } if date.year.is_some() => TargetObject {
                op: Some(op.as_str().to_string()),
                date: Some(date.to_string()),
                ..TargetObject::default()
            },
            Target::Qualitative { text } => TargetObject {
                qualitative: Some(text.clone()),
                ..TargetObject::default()
            },
            // A date with no year yet, or unreadable text: the string as typed.
            other => return s.serialize_str(&other.to_string()),
        };
        obj.serialize(s)
    }
}

impl Target {
    /// Reads a target in either form of format v1: the text as typed
    /// (`"≥95%"`), or an object (`{"op": ">=", "value": "95", "unit": "%"}`).
    pub fn read(v: &Value, at: &At) -> Read<Target> {
        match v {
            Value::String(t) => Ok(parse_target(t)),
            Value::Object(_) => {
                let o = Obj::of(v, at)?;
                Ok(from_object(TargetObject {
                    op: o.opt_string("op")?,
                    value: o.num("value")?,
                    unit: o.opt_string("unit")?,
                    date: o.opt_string("date")?,
                    qualitative: o.opt_string("qualitative")?,
                    bare: o.bool("bare")?.unwrap_or(false),
                }))
            }
            other => Err(at.expected(
                "指标值文本（如“≥95%”）或对象（如 {\"op\": \">=\", \"value\": \"95\", \"unit\": \"%\"}）",
                other,
            )),
        }
    }
}

fn from_object(o: TargetObject) -> Target {
    if let Some(text) = o.qualitative {
        return Target::Qualitative { text };
    }
    let op_text = o.op.unwrap_or_default();
    let typed = format!(
        "{}{}{}{}",
        op_text,
        o.value.as_ref().map(Num::text).unwrap_or_default(),
        o.date.clone().unwrap_or_default(),
        o.unit.clone().unwrap_or_default()
    );
    let op = if op_text.trim().is_empty() {
        None
    } else {
        match Op::parse(&op_text) {
            Some(op) => Some(op),
            None => {
                return Target::Invalid {
                    text: typed,
                    error: TargetError {
                        pos: 0,
                        kind: TargetErrorKind::MissingNumber,
                    },
                }
            }
        }
    };
    if let Some(date) = o.date {
        return match parse_target(&date) {
            Target::Date { date, op: typed_op } => Target::Date {
                op: op.unwrap_or(typed_op),
                date,
            },
            _ => Target::Invalid {
                text: typed,
                error: TargetError {
                    pos: 0,
                    kind: TargetErrorKind::BadDate,
                },
            },
        };
    }
    match o.value {
        Some(Num::Valid(value)) => Target::Quantity {
            op: if o.bare && op == Some(Op::Eq) {
                None
            } else {
                op
            },
            value,
            unit: o.unit.map(|u| normalize(u.trim())).unwrap_or_default(),
        },
        Some(Num::Invalid { error, .. }) => Target::Invalid {
            text: typed,
            error: TargetError {
                pos: 0,
                kind: TargetErrorKind::Number(error),
            },
        },
        None => Target::Invalid {
            text: typed,
            error: TargetError {
                pos: 0,
                kind: TargetErrorKind::MissingNumber,
            },
        },
    }
}
