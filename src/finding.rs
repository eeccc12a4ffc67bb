//! Findings: what the checks and the scoring report about a document.
//!
//! A finding has a stable rule id, a severity, a JSON Pointer to the field it
//! is about, a Chinese message that says what to do, and the message's
//! parameters so that another UI language can render it again. Checks return
//! every finding at once, in document order, never only the first.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
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
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// The unit's written explanation acknowledging a warning, copied from
    /// the document's `explanations` (an addition to v1, optional).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
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
            params: o.map("params", json::string),
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
            params: BTreeMap::new(),
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
    fn serializes_as_format_v1() {
        let f = Finding::new("IND-VAGUE", Severity::Warning, "/indicators/4/target", "m")
            .with("text", "明显改善");
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"rule":"IND-VAGUE","severity":"warning","path":"/indicators/4/target","message":"m","params":{"text":"明显改善"}}"#
        );
    }
}
