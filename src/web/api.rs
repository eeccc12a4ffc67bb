//! The JS API: what a provincial portal's script calls.
//!
//! `check(doc, profile?)`, `score(doc, profile?)`, `parseTarget(text)`,
//! `profiles()`, `version()` and `mount(element, options)`. Documents and
//! results cross the boundary as plain JS objects with money as strings,
//! exactly the JSON of format v1: a document may be passed as an object or as
//! JSON text. Both directions go through JSON text (`JSON.stringify` /
//! `JSON.parse`) rather than serde-wasm-bindgen: the core already carries
//! serde_json, numbers keep their exact text, and the download stays smaller.
//!
//! Errors are thrown as JS `Error`s whose message is the Chinese text the
//! core produced (e.g. where a JSON document is malformed).

use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use yew::Callback;

use crate::model::{Document, Kind};
use crate::profile::{self, Profile};
use crate::target::{parse_target, Target};

fn js_error(message: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(message.as_ref()).into()
}

/// Serializes a result to a plain JS object through its JSON text.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| js_error(e.to_string()))?;
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

/// Reads a profile: `undefined`/`null` → national; a built-in id such as
/// `"sichuan"`; a profile as JSON text or as a JS object.
pub fn profile_from_js(value: &JsValue) -> Result<Profile, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Profile::national().clone());
    }
    let text = match value.as_string() {
        Some(s) if !s.trim_start().starts_with('{') => {
            return profile::resolve_tag(&s)
                .cloned()
                .ok_or_else(|| js_error(format!("未知的规则配置“{s}”。")));
        }
        Some(s) => s,
        None => js_sys::JSON::stringify(value)?
            .as_string()
            .unwrap_or_default(),
    };
    Profile::from_json_with_builtins(&text).map_err(|e| js_error(e.to_string()))
}

/// The `check` object of format v1: `{profile, findings}`.
#[wasm_bindgen(js_name = check)]
pub fn js_check(doc: JsValue, profile: JsValue) -> Result<JsValue, JsValue> {
    let doc = document_from_js(&doc)?;
    let profile = profile_from_js(&profile)?;
    let findings = crate::rules::check(&doc, &profile);
    to_js(&crate::model::CheckSection {
        profile: profile.tag(),
        findings,
    })
}

/// `{score, findings}`: the score object of format v1 and the
/// reconciliation findings.
#[wasm_bindgen(js_name = score)]
pub fn js_score(doc: JsValue, profile: JsValue) -> Result<JsValue, JsValue> {
    let doc = document_from_js(&doc)?;
    let profile = profile_from_js(&profile)?;
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

/// What `mount` returns: call `destroy()` to remove the form.
#[wasm_bindgen]
pub struct MountHandle {
    handle: Option<yew::AppHandle<super::App>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the form from the element.
    pub fn destroy(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
    }
}

/// A fresh id prefix for each mounted editor (`jx1-`, `jx2-`, …), so that
/// several editors on one portal page keep their labels and links apart.
fn next_id_prefix() -> String {
    thread_local! {
        static MOUNTED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let n = MOUNTED.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    format!("jx{n}-")
}

fn get(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// Turns a JS function into a callback that receives the document as a
/// plain object; a throwing portal callback is reported on the console,
/// never allowed to break the form.
fn doc_callback(f: JsValue) -> Option<Callback<Rc<Document>>> {
    let f: js_sys::Function = f.dyn_into().ok()?;
    Some(Callback::from(move |doc: Rc<Document>| {
        let value = to_js(&*doc).unwrap_or(JsValue::NULL);
        if let Err(e) = f.call1(&JsValue::NULL, &value) {
            web_sys::console::error_2(&JsValue::from_str("jixiao: 门户回调出错"), &e);
        }
    }))
}

/// Renders the full form UI into a portal's element.
///
/// `options`: `{kind, document, profile, locale, readOnly, onChange, onSubmit}`,
/// all optional. `kind` is one of the four v1 kinds; `document` a v1 document
/// (object or JSON text) to start from; `profile` a built-in id; `locale` is
/// accepted for forward compatibility (only `zh-CN` exists); `onChange(doc)`
/// is called after every edit, `onSubmit(doc)` with the checked document.
#[wasm_bindgen(js_name = mount)]
pub fn js_mount(element: web_sys::Element, options: JsValue) -> Result<MountHandle, JsValue> {
    let kind = match get(&options, "kind").as_string() {
        Some(k) => Some(Kind::parse(&k).ok_or_else(|| js_error(format!("未知的表单类型“{k}”。")))?),
        None => None,
    };
    let initial = match get(&options, "document") {
        v if v.is_undefined() || v.is_null() => None,
        v => Some(super::ui::Shared(Rc::new(document_from_js(&v)?))),
    };
    let profile = get(&options, "profile").as_string();
    if let Some(p) = &profile {
        profile_from_js(&JsValue::from_str(p))?;
    }
    let props = super::AppProps {
        kind,
        initial,
        profile,
        read_only: get(&options, "readOnly").is_truthy(),
        on_change: doc_callback(get(&options, "onChange")),
        on_submit: doc_callback(get(&options, "onSubmit")),
        on_derive: None,
        id_prefix: next_id_prefix().into(),
    };
    Ok(MountHandle {
        handle: Some(super::mount(element, props)),
    })
}
