//! The object form of a target in format v1 (`{"op": ">=", "value": "95",
//! "unit": "%"}`), written by every writer and read, with the string form
//! a person types, by every reader.

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::parse::unit_error;
use super::{parse_target, Op, Target, TargetError, TargetErrorKind};
use crate::json::{At, Obj, Read};
use crate::num::Num;
use crate::text::normalize;

/// The object form of format v1, for reading and writing.
#[derive(Default)]
struct TargetObject {
    op: Option<String>,
    value: Option<Num>,
    unit: Option<String>,
    date: Option<String>,
    /// The start of a period (`2024年3月-11月`); `date` is its end.
    start: Option<String>,
    /// A tolerance band (`±5%`): the largest deviation allowed, from
    /// `value` where a centre is given.
    tolerance: Option<Num>,
    qualitative: Option<String>,
    /// Written as `true` for a bare number (no comparator typed); `op` then says `=`.
    bare: bool,
    /// The target as typed, where it differs from how it reads.
    text: Option<String>,
}

impl TargetObject {
    /// Writes the keys that are set, in the order of the format, then the
    /// keys of `extra` this version does not know. Written by hand, not
    /// through a `serde_json::Value`: one writer for both cases, and no
    /// value serializer in the WebAssembly module.
    fn write<S: Serializer>(
        &self,
        extra: Option<&BTreeMap<String, Value>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(v) = &self.op {
            m.serialize_entry("op", v)?;
        }
        if let Some(v) = &self.value {
            m.serialize_entry("value", v)?;
        }
        if let Some(v) = &self.unit {
            m.serialize_entry("unit", v)?;
        }
        if let Some(v) = &self.date {
            m.serialize_entry("date", v)?;
        }
        if let Some(v) = &self.start {
            m.serialize_entry("start", v)?;
        }
        if let Some(v) = &self.tolerance {
            m.serialize_entry("tolerance", v)?;
        }
        if let Some(v) = &self.qualitative {
            m.serialize_entry("qualitative", v)?;
        }
        if self.bare {
            m.serialize_entry("bare", &true)?;
        }
        if let Some(v) = &self.text {
            m.serialize_entry("text", v)?;
        }
        for (k, v) in extra.into_iter().flatten() {
            if !KEYS.contains(&k.as_str()) {
                m.serialize_entry(k, v)?;
            }
        }
        m.end()
    }
}

impl Serialize for TargetObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.write(None, s)
    }
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // An object that cannot be read: written back as it was given.
            Target::Invalid {
                given: Some(given), ..
            } => given.serialize(s),
            Target::Invalid { text, .. } => s.serialize_str(text),
            _ => match self.object() {
                Some(obj) => obj.serialize(s),
                None => self.write_open(None, s),
            },
        }
    }
}

impl Target {
    /// Writes a date with no year yet: the text it was typed as (or else
    /// its printed form) where that reads as the same date, and else the
    /// object form with the dates as they read (`"date": "4月底"`), so that
    /// what is written reads as the same target.
    fn write_open<S: Serializer>(&self, text: Option<&str>, s: S) -> Result<S::Ok, S::Error> {
        let printed = self.to_string();
        match (text, self) {
            (Some(t), _) if parse_target(t) == *self => s.serialize_str(t),
            (None, _) if parse_target(&printed) == *self => s.serialize_str(&printed),
            _ => match self.open_object() {
                Some(obj) => TargetObject {
                    text: text.map(str::to_string),
                    ..obj
                }
                .serialize(s),
                None => s.serialize_str(text.unwrap_or(&printed)),
            },
        }
    }

    /// The object form of a date with no year yet, its dates as they read
    /// (`"date": "4月底"`); `None` for any other target.
    fn open_object(&self) -> Option<TargetObject> {
        match self {
            Target::Date { op, date, start } => Some(TargetObject {
                op: Some(op.as_str().to_string()),
                date: Some(date.to_string()),
                start: start.map(|s| s.to_string()),
                ..TargetObject::default()
            }),
            _ => None,
        }
    }

    /// The object form of format v1; `None` for a target written as text
    /// (a date with no year yet, unreadable text).
    fn object(&self) -> Option<TargetObject> {
        Some(match self {
            Target::Quantity { op, value, unit } => TargetObject {
                op: Some(op.unwrap_or(Op::Eq).as_str().to_string()),
                value: Some(Num::Valid(*value)),
                unit: Some(unit.clone()),
                bare: op.is_none(),
                ..TargetObject::default()
            },
            Target::Date { op, date, start }
                if date.year.is_some() && start.is_none_or(|s| s.year.is_some()) =>
            {
                TargetObject {
                    op: Some(op.as_str().to_string()),
                    date: Some(date.to_string()),
                    start: start.map(|s| s.to_string()),
                    ..TargetObject::default()
                }
            }
            Target::Band {
                centre,
                tolerance,
                unit,
            } => TargetObject {
                value: centre.map(Num::Valid),
                tolerance: Some(Num::Valid(*tolerance)),
                unit: Some(unit.clone()),
                ..TargetObject::default()
            },
            Target::Qualitative { text } => TargetObject {
                qualitative: Some(text.clone()),
                ..TargetObject::default()
            },
            _ => return None,
        })
    }
}

/// A target as read: the target, the text it was typed as, and the keys of
/// its object this version does not know.
pub type Typed = (Target, Option<String>, BTreeMap<String, Value>);

/// The keys of the object form of format v1; any other key of a target
/// object is kept and written back with it.
const KEYS: [&str; 9] = [
    "op",
    "value",
    "unit",
    "date",
    "start",
    "tolerance",
    "qualitative",
    "bare",
    "text",
];

/// A target as written: its object form, with the text it was typed as
/// where that differs from how it reads, and the keys of the object it was
/// given as that this version does not know (see [`Target::written`]).
pub struct Written<'a> {
    target: &'a Target,
    text: Option<&'a str>,
    extra: &'a BTreeMap<String, Value>,
}

impl Serialize for Written<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.text.filter(|t| t.trim() != self.target.to_string());
        if !self.extra.is_empty() && !matches!(self.target, Target::Invalid { .. }) {
            // Unknown keys are written back with the object form.
            if let Some(obj) = self.target.object().or_else(|| self.target.open_object()) {
                let obj = TargetObject {
                    text: text.map(str::to_string),
                    ..obj
                };
                return obj.write(Some(self.extra), s);
            }
        }
        match (self.target, text) {
            // What cannot be read is written as it was given: the object,
            // or the text as typed.
            (Target::Invalid { given: Some(_), .. }, _) => self.target.serialize(s),
            (Target::Invalid { .. }, Some(t)) => s.serialize_str(t),
            (_, None) => self.target.serialize(s),
            (target, Some(t)) => match target.object() {
                Some(mut obj) => {
                    obj.text = Some(t.to_string());
                    obj.serialize(s)
                }
                None => target.write_open(Some(t), s),
            },
        }
    }
}

impl Target {
    /// The target as a writer writes it, with the text it was typed as and
    /// the unknown keys of the object it was given as.
    pub fn written<'a>(
        &'a self,
        text: Option<&'a str>,
        extra: &'a BTreeMap<String, Value>,
    ) -> Written<'a> {
        Written {
            target: self,
            text,
            extra,
        }
    }

    /// Reads a target, the text it was typed as (the string itself, or an
    /// object's `text`) and the keys of its object this version does not
    /// know, kept to be written back.
    pub fn read_typed(v: &Value, at: &At) -> Read<Typed> {
        let (text, extra) = match v {
            Value::String(t) => (Some(t.clone()), BTreeMap::new()),
            Value::Object(_) => {
                let mut o = Obj::of(v, at)?;
                let text = o.opt_string("text");
                let extra = o.extra(&KEYS);
                o.done((text, extra))?
            }
            _ => (None, BTreeMap::new()),
        };
        Ok((Target::read(v, at)?, text, extra))
    }

    /// Reads a target in either form of format v1: the text as typed
    /// (`"≥95%"`), or an object (`{"op": ">=", "value": "95", "unit": "%"}`).
    pub fn read(v: &Value, at: &At) -> Read<Target> {
        match v {
            Value::String(t) => Ok(parse_target(t)),
            Value::Object(_) => {
                let mut o = Obj::of(v, at)?;
                o.done(TargetObject {
                    op: o.opt_string("op"),
                    value: o.num("value"),
                    unit: o.opt_string("unit"),
                    date: o.opt_string("date"),
                    start: o.opt_string("start"),
                    tolerance: o.num("tolerance"),
                    qualitative: o.opt_string("qualitative"),
                    bare: o.bool("bare").unwrap_or(false),
                    text: None,
                })
                .map(|o| match from_object(o) {
                    // Kept as given, so that it is written back unchanged
                    // and stays reported however often it is read.
                    Target::Invalid { text, error, .. } => Target::Invalid {
                        text: if text.trim().is_empty() {
                            crate::json::one_line(v)
                        } else {
                            text
                        },
                        error,
                        given: Some(v.clone()),
                    },
                    valid => valid,
                })
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
                    given: None,
                }
            }
        }
    };
    // The unit gets the checks a typed unit gets.
    if o.value.is_some() || o.tolerance.is_some() {
        let band = o.tolerance.is_some();
        if let Some(kind) = o.unit.as_deref().and_then(|u| unit_error(u, band)) {
            return Target::Invalid {
                text: typed,
                error: TargetError { pos: 0, kind },
                given: None,
            };
        }
    }
    if let Some(tolerance) = o.tolerance {
        let text = format!(
            "{}±{}{}",
            o.value.as_ref().map(Num::text).unwrap_or_default(),
            tolerance.text(),
            o.unit.clone().unwrap_or_default()
        );
        return match (&tolerance, &o.value) {
            (Num::Valid(t), None | Some(Num::Valid(_))) => Target::Band {
                centre: o.value.as_ref().and_then(Num::value),
                tolerance: t.abs(),
                unit: o.unit.map(|u| normalize(u.trim())).unwrap_or_default(),
            },
            (Num::Invalid { error, .. }, _) | (_, Some(Num::Invalid { error, .. })) => {
                Target::Invalid {
                    text,
                    error: TargetError {
                        pos: 0,
                        kind: TargetErrorKind::Number(error.clone()),
                    },
                    given: None,
                }
            }
        };
    }
    if let Some(date) = o.date {
        let start = match o.start.as_deref().map(parse_target) {
            None => None,
            Some(Target::Date { date, .. }) => Some(date),
            Some(_) => {
                return Target::Invalid {
                    text: typed,
                    error: TargetError {
                        pos: 0,
                        kind: TargetErrorKind::BadDate,
                    },
                    given: None,
                }
            }
        };
        return match parse_target(&date) {
            Target::Date {
                date, op: typed_op, ..
            } => Target::Date {
                op: op.unwrap_or(typed_op),
                date,
                start,
            },
            _ => Target::Invalid {
                text: typed,
                error: TargetError {
                    pos: 0,
                    kind: TargetErrorKind::BadDate,
                },
                given: None,
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
            given: None,
        },
        None => Target::Invalid {
            text: typed,
            error: TargetError {
                pos: 0,
                kind: TargetErrorKind::MissingNumber,
            },
            given: None,
        },
    }
}
