//! What the editor shows of one evaluation of the form: the findings, in
//! the order the error summary lists them, and the score, with the
//! revision of the document they are about.
//!
//! The findings are exactly those of `crate::evaluate::evaluate` (the JS
//! API's `check` and the exported file's `check` section hold the same);
//! only their order differs: errors first, then warnings, then
//! information, in document order within each.

use std::rc::Rc;

use crate::evaluate::evaluate_cached;
use crate::finding::Finding;
use crate::model::Document;
use crate::profile::Profile;
use crate::score::{RowCache, Score};

/// The findings and score of one revision of the document.
#[derive(Debug, Default, PartialEq)]
pub struct Results {
    /// Errors first, then warnings, then information; document order
    /// within. Shared, so that placing them next to fields copies nothing.
    pub findings: Vec<Rc<Finding>>,
    /// The score of a self-evaluation (empty for goal forms).
    pub score: Score,
    pub revision: u64,
    /// How long the evaluation took, in milliseconds.
    pub took_ms: f64,
    /// The document evaluated (its row names label the score panel).
    pub doc: Option<Rc<Document>>,
}

impl Results {
    /// Evaluates one revision of the document, rescoring only the rows
    /// that changed since the last call with `rows`.
    pub fn evaluate(
        doc: Rc<Document>,
        profile: &Profile,
        revision: u64,
        rows: &mut RowCache,
    ) -> Results {
        let t0 = super::now_ms();
        let report = evaluate_cached(&doc, profile, rows);
        let mut findings = report.findings;
        findings.sort_by_key(|f| f.severity);
        Results {
            findings: findings.into_iter().map(Rc::new).collect(),
            score: report.score.unwrap_or_default(),
            revision,
            took_ms: super::now_ms() - t0,
            doc: Some(doc),
        }
    }
}
