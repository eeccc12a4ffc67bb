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
pub mod print_view;
pub mod results;
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
    pub finding: Rc<Finding>,
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
/// the first field of the row or section the path names. A row that a long
/// grid has not rendered is scrolled to and focused once it is there.
pub fn focus_path(ids: &IdScope, path: &str) -> bool {
    if focus_now(ids, path) {
        return true;
    }
    let row = path
        .strip_prefix("/indicators/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|i| i.parse::<usize>().ok());
    match row {
        Some(i) if grid::reveal_row(ids, i) => {
            let (ids, path) = (ids.clone(), path.to_string());
            retry(move || focus_now(&ids, &path));
            true
        }
        _ => false,
    }
}

/// Focuses the input for a path, or for the nearest enclosing path that has
/// one, if it is on the page now.
fn focus_now(ids: &IdScope, path: &str) -> bool {
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

/// Runs `attempt` every 40 ms until it succeeds, at most 25 times (one
/// second): for focusing a row that is being rendered after a scroll.
pub fn retry(attempt: impl FnMut() -> bool + 'static) {
    fn again(mut attempt: impl FnMut() -> bool + 'static, left: u32) {
        if left == 0 {
            return;
        }
        gloo_timers::callback::Timeout::new(40, move || {
            if !attempt() {
                again(attempt, left - 1);
            }
        })
        .forget();
    }
    again(attempt, 25);
}

/// Milliseconds since the page loaded, for measuring.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
