//! Findings: what the checks and the scoring report about a document.
//!
//! A finding has a stable rule id, a severity, a JSON Pointer to the field it
//! is about, a Chinese message that says what to do, and the message's
//! parameters so that another UI language can render it again. Checks return
//! every finding at once, in document order, never only the first.

use std::fmt;
use std::ops::Index;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::json::{self, At, Obj, Read};

/// How much a finding matters to the finance bureau.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// 强制性审核: blocks upload.
    Error,
    /// 提示性审核: upload allowed with a written explanation.
    Warning,
    /// For information only.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The word shown in the UI (severity is given in text, not colour alone).
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提示",
            Severity::Info => "说明",
        }
    }

    /// Reads a severity word (`"error"`, `"warning"`, `"info"`).
    pub fn read(v: &Value, at: &At) -> Read<Severity> {
        json::word(
            v,
            at,
            &[
                ("error", Severity::Error),
                ("warning", Severity::Warning),
                ("info", Severity::Info),
            ],
        )
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding, serialized exactly as `check.findings` entries of `docs/format.md`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `IND-VAGUE`.
    pub rule: String,
    pub severity: Severity,
    /// JSON Pointer into the document, e.g. `/indicators/4/target`.
    pub path: String,
    /// What is wrong and what to do, in Chinese.
    pub message: String,
    /// The message's parameters (the offending value among them).
    #[serde(skip_serializing_if = "Params::is_empty")]
    pub params: Params,
    /// The unit's written explanation acknowledging a warning, copied from
    /// the document's `explanations` (an addition to v1, optional).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

/// A finding's message parameters: names to texts, kept sorted by name and
/// written as a JSON object. A sorted list rather than a `BTreeMap`: a
/// finding has a handful of them, and each map type is its own copy of
/// the B-tree code in the WebAssembly module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Sets `key` to `value`, replacing an earlier value.
    pub fn insert(&mut self, key: String, value: String) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&String> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The parameters in the order of their names.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl FromIterator<(String, String)> for Params {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Params {
        let mut p = Params::default();
        for (k, v) in pairs {
            p.insert(k, v);
        }
        p
    }
}

impl Index<&str> for Params {
    type Output = String;

    /// The value of `key`; panics when there is none (for tests).
    fn index(&self, key: &str) -> &String {
        self.get(key)
            .unwrap_or_else(|| panic!("no parameter {key:?}"))
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A rule as the registry lists it: its stable id, default severity and a
/// one-line summary. `rules::RULES` and `score::RULES` list every rule, so
/// that the profile linter can tell a known rule id from a typo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: Severity,
    /// What the rule checks, in Chinese.
    pub summary: &'static str,
}

impl Finding {
    /// Reads a finding of a document's `check` section.
    pub fn read(v: &Value, at: &At) -> Read<Finding> {
        let mut o = Obj::of(v, at)?;
        o.done(Finding {
            rule: o.req_string("rule"),
            severity: o.req_or("severity", Severity::read, Severity::Error),
            path: o.req_string("path"),
            message: o.req_string("message"),
            params: o.map("params", json::string).into_iter().collect(),
            explanation: o.opt_string("explanation"),
        })
    }

    pub fn new(
        rule: &str,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule: rule.to_string(),
            severity,
            path: path.into(),
            message: message.into(),
            params: Params::default(),
            explanation: None,
        }
    }

    /// Adds a message parameter.
    pub fn with(mut self, key: &str, value: impl fmt::Display) -> Finding {
        self.params.insert(key.to_string(), value.to_string());
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} [{}] {}: {}",
            self.severity.label(),
            self.rule,
            self.path,
            self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_a_map_sorted_by_name() {
        let f = Finding::new("X", Severity::Info, "/a", "m")
            .with("value", "新")
            .with("row", 3)
            .with("value", "改");
        assert_eq!(
            serde_json::to_string(&f.params).unwrap(),
            r#"{"row":"3","value":"改"}"#
        );
        assert_eq!(f.params.get("row").map(String::as_str), Some("3"));
        assert!(!f.params.contains_key("rows"));
        let back: Params = [("b", "2"), ("a", "1"), ("b", "3")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(back.iter().collect::<Vec<_>>(), [("a", "1"), ("b", "3")]);
    }

    #[test]
    fn serializes_as_format_v1() {
        let f = Finding::new("IND-VAGUE", Severity::Warning, "/indicators/4/target", "m")
            .with("text", "明显改善");
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"rule":"IND-VAGUE","severity":"warning","path":"/indicators/4/target","message":"m","params":{"text":"明显改善"}}"#
        );
    }
}
