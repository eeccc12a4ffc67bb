//! Rendering the editor: `mount(element, options)`, the JS API's way to put
//! the form editor into a portal's element, and `startApp()`, the
//! standalone page. Built with the `editor` feature only; without it the
//! module is the engine alone ([`super::api`]).

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::Callback;

use super::api::{document_from_js, js_error, to_js};
use super::root;
use super::ui::app::{App, AppProps};
use crate::model::{Document, Kind};

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

/// What `mount` returns: call `destroy()` to remove the form.
#[wasm_bindgen]
pub struct MountHandle {
    handle: Option<yew::AppHandle<App>>,
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
        // The same policy, and the same error, as `check` and the page.
        crate::profile::resolve(Some(p), None).map_err(|e| js_error(e.message()))?;
    }
    let props = AppProps {
        kind,
        initial,
        profile,
        read_only: get(&options, "readOnly").is_truthy(),
        on_change: doc_callback(get(&options, "onChange")),
        on_submit: doc_callback(get(&options, "onSubmit")),
        on_derive: None,
        id_prefix: next_id_prefix().into(),
        live: None,
    };
    Ok(MountHandle {
        handle: Some(mount(element, props)),
    })
}
