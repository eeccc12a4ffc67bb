//! Shared by `tests/corpus.rs` (native) and `tests/wasm_corpus.rs` (browser):
//! evaluates one corpus document under the profile it names and reads the
//! expected outcome, so that both targets compare the very same things.

use jixiao::evaluate::evaluate;
use jixiao::model::Document;
use jixiao::profile;
use serde::{Deserialize, Serialize};

/// What a corpus expectation pins down about a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: String,
    pub path: String,
}

/// What a corpus expectation pins down about an evaluation: every finding,
/// and for a self-evaluation the total and the grade.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    pub findings: Vec<Finding>,
}

/// The evaluation of a corpus document, under the profile it names.
pub fn outcome_of(doc_text: &str) -> Expected {
    let doc = Document::from_json(doc_text).expect("corpus documents read");
    let profile =
        profile::resolve(None, doc.profile.as_deref()).expect("corpus profiles are built in");
    let report = evaluate(&doc, profile);
    Expected {
        total: report.score.as_ref().map(|s| s.total.to_string()),
        grade: report.score.as_ref().map(|s| s.grade.clone()),
        findings: report
            .findings
            .into_iter()
            .map(|f| Finding {
                rule: f.rule,
                severity: f.severity.as_str().to_string(),
                path: f.path,
            })
            .collect(),
    }
}

/// The expected outcome, from a `NAME.expected.json` text.
pub fn expected_of(text: &str) -> Expected {
    serde_json::from_str(text).expect("expected files are JSON objects")
}
