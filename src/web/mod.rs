//! The browser layer: the Yew UI and the JS API, compiled for wasm32 only.
//!
//! Everything here is a thin view over the core: it turns what is typed into
//! model edits (`crate::edit`) and renders what `rules` and `score` compute.
//! It never decides a rule itself. [`mount`] puts the form editor into any
//! element, so a portal can embed it; [`start`] mounts it into `#app`.

pub mod state;
pub mod ui;

pub mod drafts;

use wasm_bindgen::prelude::*;

pub use ui::app::{App, AppProps};

/// Mounts the form editor into an element with the given properties.
pub fn mount(element: web_sys::Element, props: AppProps) {
    yew::Renderer::<App>::with_root_and_props(element, props).render();
}

/// The form kind asked for in the page address (`?kind=unit-goal`).
fn kind_from_address() -> Option<crate::model::Kind> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("kind="))
        .and_then(crate::model::Kind::parse)
}

/// Mounts the app into `#app` (or the body) when the module loads; the
/// page address may choose the kind of a new form (`?kind=project-self-eval`).
#[wasm_bindgen(start)]
pub fn start() {
    let props = AppProps {
        kind: kind_from_address(),
        ..AppProps::default()
    };
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(root) => mount(root, props),
        None => {
            yew::Renderer::<App>::with_props(props).render();
        }
    }
}
