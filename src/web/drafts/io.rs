//! Export and import of form files: a download of the export document, and
//! a file input that reads a v1 file into a [`Document`].
//!
//! Export writes what `crate::drafts::export_document` makes (the document
//! with `check` and `score` filled in) under the name
//! `crate::drafts::export_file_name` gives. Import reads the chosen file
//! with gloo-file and hands `crate::drafts::import_document`'s result to the
//! caller, who replaces nothing unless it is `Ok`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_file::callbacks::FileReader;
use gloo_file::{Blob, ObjectUrl};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::drafts::{
    export_document, export_file_name, import_document, ImportError, MAX_IMPORT_BYTES,
};
use crate::model::Document;
use crate::profile::Profile;
use crate::web::ui::Shared;

/// Offers `text` for download as a file named `file_name` (a Blob, an object
/// URL and a temporary `<a download>`).
pub fn download_text(file_name: &str, text: &str) -> Result<(), String> {
    download_bytes(file_name, text.as_bytes(), "application/json;charset=utf-8")
}

/// Offers `bytes` of type `mime` for download as `file_name`.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let blob = Blob::new_with_options(bytes, Some(mime));
    let url = ObjectUrl::from(blob);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "页面尚未就绪".to_string())?;
    let body = document.body().ok_or_else(|| "页面尚未就绪".to_string())?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "无法创建下载链接".to_string())?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_class_name("jx-hidden");
    body.append_child(&anchor)
        .map_err(|_| "无法创建下载链接".to_string())?;
    anchor.click();
    anchor.remove();
    // The URL must live until the browser has started the download; it is
    // revoked (by dropping it) a minute later.
    Timeout::new(60_000, move || drop(url)).forget();
    Ok(())
}

/// Downloads the export document of `doc`; returns the file name used.
pub fn export_download(doc: &Document, profile: &Profile) -> Result<String, String> {
    let out = export_document(doc, profile);
    let name = export_file_name(&out);
    download_text(&name, &out.to_json())?;
    Ok(name)
}

#[derive(Properties, PartialEq)]
pub struct ExportButtonProps {
    /// Compared by pointer: the editor passes a new one after each edit.
    pub doc: Shared<Document>,
    /// The rule profile the form is checked with; absent when it could
    /// not be resolved, and then nothing is exported (the editor says why).
    #[prop_or_default]
    pub profile: Option<Rc<Profile>>,
    #[prop_or(AttrValue::Static("导出文件"))]
    pub label: AttrValue,
}

/// A button that downloads the form as a v1 file, with its outcome shown.
#[function_component(ExportButton)]
pub fn export_button(props: &ExportButtonProps) -> Html {
    let outcome = use_state(|| None::<Result<String, String>>);
    let onclick = {
        let doc = props.doc.clone();
        let profile = props.profile.clone();
        let outcome = outcome.clone();
        Callback::from(move |_: MouseEvent| {
            outcome.set(Some(match profile.as_deref() {
                Some(profile) => export_download(&doc, profile),
                None => Err("表单的检查规则无法确定，请先在“检查规则”中选择内置规则".to_string()),
            }));
        })
    };
    html! {
        <span class="jx-export">
            <button type="button" class="jx-button" {onclick}>{ props.label.clone() }</button>
            {
                match &*outcome {
                    Some(Ok(name)) => html! {
                        <span class="jx-note" role="status">{ format!("已导出：{name}") }</span>
                    },
                    Some(Err(e)) => html! {
                        <span class="jx-error" role="alert">{ format!("导出失败：{e}。") }</span>
                    },
                    None => html! {},
                }
            }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportFileProps {
    /// Receives the document read, or why the file could not be read.
    pub on_import: Callback<Result<Document, ImportError>>,
    #[prop_or(AttrValue::Static("选择表单文件（.json）"))]
    pub label: AttrValue,
    /// The input's id, so that the label points at it.
    #[prop_or(AttrValue::Static("jx-import-file"))]
    pub id: AttrValue,
}

/// A labelled file input that reads a v1 file. A file over the size limit is
/// refused before it is read.
#[function_component(ImportFile)]
pub fn import_file(props: &ImportFileProps) -> Html {
    // The reader must live until it calls back; dropping it aborts the read.
    let reader = use_mut_ref(|| None::<FileReader>);
    let busy = use_state(|| false);
    let onchange = {
        let on_import = props.on_import.clone();
        let reader = reader.clone();
        let busy = busy.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Clearing the input lets the same file be chosen again.
            input.set_value("");
            let size = file.size();
            if size > MAX_IMPORT_BYTES as f64 {
                on_import.emit(Err(ImportError::TooLarge {
                    bytes: size as usize,
                }));
                return;
            }
            let file = gloo_file::File::from(file);
            busy.set(true);
            let on_import = on_import.clone();
            let busy = busy.clone();
            let slot: Rc<RefCell<Option<FileReader>>> = reader.clone();
            let task = gloo_file::callbacks::read_as_text(&file, move |result| {
                busy.set(false);
                on_import.emit(match result {
                    Ok(text) => import_document(&text),
                    Err(e) => Err(ImportError::FileRead(e.to_string())),
                });
            });
            *slot.borrow_mut() = Some(task);
        })
    };
    html! {
        <span class="jx-import">
            <label for={props.id.clone()} class="jx-file-label">{ props.label.clone() }</label>
            <input
                id={props.id.clone()}
                class="jx-file"
                type="file"
                accept=".json,application/json"
                {onchange}
            />
            if *busy {
                <span class="jx-note" role="status">{ "正在读取文件…" }</span>
            }
        </span>
    }
}
