//! The form editor's components, one per file.
//!
//! Components are function components with `PartialEq` props. Rows and the
//! profile are passed as [`Shared`] (compared by pointer) and edits go
//! through the stable reducer dispatcher, so that a keystroke re-renders the
//! edited row and the panels that show results, not the whole table.

pub mod app;
pub mod budget_table;
pub mod error_summary;
pub mod field;
pub mod finding_notes;
pub mod grid;
pub mod grid_row;
pub mod header_fields;
pub mod score_panel;
pub mod tasks;
pub mod text_input;

use std::ops::Deref;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::finding::{Finding, Severity};

/// An `Rc` compared by pointer: equal only when it is the same value.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A finding as shown: with the explanation the unit wrote for it, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub finding: Finding,
    pub explanation: Option<String>,
}

/// The findings shown next to one field or row.
pub type Notes = Rc<Vec<Shown>>;

/// The CSS class of a severity (the text label says it too, never colour alone).
pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// The prefix of every element id one editor renders, so that a portal can
/// mount several editors on one page without their labels and links
/// pointing into each other. Empty on the standalone page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IdScope(pub AttrValue);

impl IdScope {
    /// The id of the input for a JSON Pointer path.
    pub fn input(&self, path: &str) -> String {
        format!("{}{}", self.0, crate::edit::input_id(path))
    }

    /// A fixed element id (`grid`, `error-summary`) within this editor.
    pub fn id(&self, name: &str) -> String {
        format!("{}{name}", self.0)
    }
}

/// The id scope of the editor a component is in.
#[hook]
pub fn use_ids() -> IdScope {
    use_context::<IdScope>().unwrap_or_default()
}

/// Moves focus to the input for a JSON Pointer path: the field itself, or
/// the first field of the row or section the path names.
pub fn focus_path(ids: &IdScope, path: &str) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let mut p = path.to_string();
    loop {
        for suffix in ["", "/name", "/level1", "/total"] {
            let id = ids.input(&format!("{p}{suffix}"));
            if let Some(el) = doc.get_element_by_id(&id) {
                if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
                    h.scroll_into_view_with_bool(false);
                    return h.focus().is_ok();
                }
            }
        }
        match p.rfind('/') {
            Some(i) if i > 0 => p.truncate(i),
            _ => return false,
        }
    }
}

/// Milliseconds since the page loaded, for measuring.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
