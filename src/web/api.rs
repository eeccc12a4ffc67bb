//! The JS API: what a provincial portal's script calls.
//!
//! `check(doc, profile?)` (the one evaluation: checks and scoring, as the
//! page shows them), `score(doc, profile?)`, `parseTarget(text)`,
//! `profiles()`, `version()` and `newDocument(kind?)`; `mount(element,
//! options)` is in [`super::mount`], with the editor. Documents and
//! results cross the boundary as plain JS objects with money as strings,
//! exactly the JSON of format v1: a document may be passed as an object or as
//! JSON text. Both directions go through JSON text (`JSON.stringify` /
//! `JSON.parse`) rather than serde-wasm-bindgen: the core already carries
//! serde_json, numbers keep their exact text, and the download stays smaller.
//!
//! Errors are thrown as JS `Error`s whose message is the Chinese text the
//! core produced (e.g. where a JSON document is malformed).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::{Document, Kind};
use crate::profile::{self, Profile};
use crate::target::{parse_target, Target};

pub(crate) fn js_error(message: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(message.as_ref()).into()
}

/// Serializes a result to a plain JS object through its JSON text. The
/// text is indented, as exported files are: `JSON.parse` does not mind, and
/// one way of writing JSON means one serializer per type in the module.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string_pretty(value).map_err(|e| js_error(e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// Reads a document given as a JS object or as JSON text.
pub fn document_from_js(value: &JsValue) -> Result<Document, JsValue> {
    let text = match value.as_string() {
        Some(s) => s,
        None => js_sys::JSON::stringify(value)?
            .as_string()
            .ok_or_else(|| js_error("文档不是对象或 JSON 文本。"))?,
    };
    Document::from_json(&text).map_err(|e| js_error(e.message()))
}

/// The profile to check a document with, by the one policy of
/// [`profile::resolve`]: `undefined`/`null` → the one the document names
/// (national when it names none); a name such as `"sichuan"` or
/// `"sichuan@2024.1"`; or a profile given as data, JSON text or a JS
/// object, loaded and checked ([`crate::profile_lint::load`]) with built-in
/// parents. Every failure is an `Error` with the same Chinese message the
/// command line and the page give.
pub fn profile_for(value: &JsValue, doc: &Document) -> Result<Profile, JsValue> {
    let named = doc.profile.as_deref();
    let text = match value.as_string() {
        _ if value.is_undefined() || value.is_null() => {
            return profile::resolve(None, named)
                .cloned()
                .map_err(|e| js_error(e.message()));
        }
        Some(s) if !s.trim_start().starts_with('{') => {
            return profile::resolve(Some(&s), named)
                .cloned()
                .map_err(|e| js_error(e.message()));
        }
        Some(s) => s,
        None => js_sys::JSON::stringify(value)?
            .as_string()
            .unwrap_or_default(),
    };
    crate::profile_lint::load(&text, &|name| {
        profile::builtin_json(name).map(str::to_string)
    })
    .map_err(|e| js_error(e.message()))
}

/// The evaluation of a document as the page shows it and the exported
/// file carries it: `{profile, findings, score?}` (format v1's `check`
/// section, and for a self-evaluation its `score`).
#[derive(Serialize)]
struct Evaluation<'a> {
    profile: &'a str,
    findings: &'a [crate::finding::Finding],
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<&'a crate::score::Score>,
}

/// Evaluates a document given from JS.
fn evaluate_js(doc: JsValue, profile: JsValue) -> Result<JsValue, JsValue> {
    let doc = document_from_js(&doc)?;
    let profile = profile_for(&profile, &doc)?;
    let report = crate::evaluate::evaluate(&doc, &profile);
    to_js(&Evaluation {
        profile: &report.profile,
        findings: &report.findings,
        score: report.score.as_ref(),
    })
}

/// `{profile, findings, score?}`: every finding of the checks and of the
/// scoring, exactly as the page shows them and the exported file's `check`
/// section holds them; `score` for a self-evaluation.
#[wasm_bindgen(js_name = check)]
pub fn js_check(doc: JsValue, profile: JsValue) -> Result<JsValue, JsValue> {
    evaluate_js(doc, profile)
}

/// `{score, findings}`: the score object of format v1 and the scoring's
/// own findings (reconciliation of typed scores), as `jixiao score` prints
/// them. For every finding of a form, use `check`.
#[wasm_bindgen(js_name = score)]
pub fn js_score(doc: JsValue, profile: JsValue) -> Result<JsValue, JsValue> {
    let doc = document_from_js(&doc)?;
    let profile = profile_for(&profile, &doc)?;
    to_js(&crate::score::score(&doc, &profile))
}

#[derive(Serialize)]
struct ParsedTarget<'a> {
    /// The object form of format v1, absent when the text is unreadable.
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a Target>,
    /// The form printed in the official tables (`≥95%`).
    display: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ParseErrorJs>,
}

#[derive(Serialize)]
struct ParseErrorJs {
    message: String,
    /// Character index (0-based) in the text given.
    position: usize,
}

/// An empty v1 document of a kind (`project-goal` by default), as the form
/// starts it: what a portal holds before the person has typed anything.
#[wasm_bindgen(js_name = newDocument)]
pub fn js_new_document(kind: Option<String>) -> Result<JsValue, JsValue> {
    let kind = match kind.as_deref() {
        None | Some("") => Kind::ProjectGoal,
        Some(k) => Kind::parse(k).ok_or_else(|| js_error(format!("未知的表单类型“{k}”。")))?,
    };
    to_js(&Document::new(kind))
}

/// Parses a target as a person types it: `{target, display}` or
/// `{display, error: {message, position}}`.
#[wasm_bindgen(js_name = parseTarget)]
pub fn js_parse_target(text: &str) -> Result<JsValue, JsValue> {
    let t = parse_target(text);
    let error = match &t {
        Target::Invalid { error, .. } => Some(ParseErrorJs {
            message: error.message(),
            position: error.pos,
        }),
        _ => None,
    };
    to_js(&ParsedTarget {
        target: error.is_none().then_some(&t),
        display: t.to_string(),
        error,
    })
}

#[derive(Serialize)]
struct ProfileInfo {
    id: String,
    version: String,
    tag: String,
    name: String,
    description: String,
}

/// The built-in profiles: `[{id, version, tag, name, description}]`.
#[wasm_bindgen(js_name = profiles)]
pub fn js_profiles() -> Result<JsValue, JsValue> {
    let list: Vec<ProfileInfo> = profile::builtins()
        .iter()
        .map(|p| ProfileInfo {
            tag: p.tag(),
            id: p.id.clone(),
            version: p.version.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
        })
        .collect();
    to_js(&list)
}

/// The module version and the document format it reads and writes.
#[wasm_bindgen(js_name = version)]
pub fn js_version() -> Result<JsValue, JsValue> {
    to_js(&serde_json::json!({
        "module": env!("CARGO_PKG_VERSION"),
        "format": crate::model::FORMAT_V1,
    }))
}
