//! The browser layer: the Yew UI and the JS API, compiled for wasm32 only.
//!
//! Everything here is a thin view over the core: it turns what is typed into
//! model edits (`crate::edit`) and renders what `rules` and `score` compute.
//! It never decides a rule itself.
//!
//! - [`ui`]: the form editor ([`App`]), one component per file;
//! - [`drafts`]: autosave, the start page, import and export;
//! - [`root`]: the standalone page, which puts the two together;
//! - [`api`]: the JS API (`check`, `score`, `parseTarget`, `profiles`,
//!   `mount`) for portals that embed the module.

pub mod api;
pub mod drafts;
pub mod root;
pub mod state;
pub mod ui;

use wasm_bindgen::prelude::*;

pub use ui::app::{App, AppProps};

/// Mounts the form editor into an element with the given properties; the
/// handle removes it again.
pub fn mount(element: web_sys::Element, props: AppProps) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root_and_props(element, props).render()
}

/// Starts the standalone page in `#app` (or the body): the start page, or
/// the form the address asks for (`?kind=project-self-eval`). `boot.js`
/// calls it after loading the module; a portal that only wants `check` or
/// `mount` never does, so loading the module renders nothing by itself.
#[wasm_bindgen(js_name = startApp)]
pub fn start_app() {
    let props = root::RootProps {
        address: root::Address::current(),
    };
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(el) => {
            yew::Renderer::<root::Root>::with_root_and_props(el, props).render();
        }
        None => {
            yew::Renderer::<root::Root>::with_props(props).render();
        }
    }
}
