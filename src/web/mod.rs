//! The browser layer: the Yew UI and the JS API, compiled for wasm32 only.
//!
//! Everything here is a thin view over the core: it turns what is typed into
//! model edits and renders what `rules` and `score` compute. It never decides
//! a rule itself.

pub mod drafts;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    html! {
        <main>
            <h1>{ "jixiao 预算绩效表单" }</h1>
        </main>
    }
}

/// Mounts the app into `#app` (or the body) when the module loads.
#[wasm_bindgen(start)]
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
