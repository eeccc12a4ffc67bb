//! Shared by `tests/corpus.rs` (native) and `tests/wasm_corpus.rs` (browser):
//! checks one corpus document under the profile it names and reads the
//! expected findings, so that both targets compare the very same things.

use jixiao::model::Document;
use jixiao::{profile, rules};
use serde::{Deserialize, Serialize};

/// What a corpus expectation pins down about a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    pub rule: String,
    pub severity: String,
    pub path: String,
}

/// The findings of a corpus document, under the built-in profile it names.
pub fn findings_of(doc_text: &str) -> Vec<Expected> {
    let doc = Document::from_json(doc_text).expect("corpus documents read");
    let profile = profile::for_document(&doc);
    rules::check(&doc, &profile)
        .into_iter()
        .map(|f| Expected {
            rule: f.rule,
            severity: f.severity.as_str().to_string(),
            path: f.path,
        })
        .collect()
}

/// The expected findings, from a `NAME.expected.json` text.
pub fn expected_of(text: &str) -> Vec<Expected> {
    serde_json::from_str(text).expect("expected files are JSON arrays")
}
