//! 导入Excel and 导出Excel: the page's side of the spreadsheet module.
//!
//! The spreadsheet code (calamine, rust_xlsxwriter) is a WebAssembly module
//! of its own, `dist/sheet/`, that `www/sheet/loader.js` fetches the first
//! time one of these buttons is used; that loader is itself fetched then,
//! through the few lines of `www/sheet-loader.js` this module imports. The
//! loaders do the browser work (the size check, reading the file, the
//! download progress, the messages, the .xlsx download) and write into a
//! status element the page renders; this module only renders the two
//! controls, hands the loader a document, and takes the documents it read.
//! It is kept this small on purpose: every Yew component and every generic
//! hook costs the first download, which must not grow for a feature that is
//! loaded on demand.
//!
//! An imported workbook goes through the same path as a JSON file
//! (`crate::drafts::import_document`) and becomes a new draft (the other
//! forms of the workbook are saved as drafts too); what the reader could
//! not place or had to convert waits in [`take_report`] for the editor
//! that opens the draft. On failure the loaders say why and nothing
//! changes: the open draft is never touched.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::drafts::{export_document, export_file_name, import_document};
use crate::model::Document;
use crate::profile::Profile;

// The loader's promise is followed with `then` callbacks rather than
// awaited: no async executor in the page's module.
#[wasm_bindgen(module = "/www/sheet-loader.js")]
extern "C" {
    /// Reads the file and resolves to `[documents (JSON texts), unplaced
    /// cells (lines), notes (lines), file name]`; a failure is shown in
    /// the status element and rejects.
    #[wasm_bindgen(js_name = importSheetFile)]
    fn import_sheet_file(file: &web_sys::File, status: &str) -> js_sys::Promise;
    /// Writes the document's .xlsx and downloads it as `name`, saying so in
    /// the status element.
    #[wasm_bindgen(js_name = exportSheetFile)]
    fn export_sheet_file(json: &str, name: &str, status: &str);
    /// Writes a line into the status element `id`; an error is an alert.
    #[wasm_bindgen(js_name = say)]
    fn say(id: &str, text: &str, error: bool);
}

/// What an import could not place or had to convert, for the editor to
/// show above the imported form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetReport {
    pub file: String,
    /// `工作表“…” B7：“…”（why）`, one line a cell.
    pub unplaced: Vec<String>,
    pub notes: Vec<String>,
}

thread_local! {
    /// The report of the import that opens the next draft.
    static REPORT: RefCell<Option<Rc<SheetReport>>> = const { RefCell::new(None) };
}

/// The report of the spreadsheet just imported, once: the editor that
/// opens the imported draft takes it.
pub fn take_report() -> Option<Rc<SheetReport>> {
    REPORT.with(|r| r.borrow_mut().take())
}

fn strings(v: &JsValue) -> Vec<String> {
    js_sys::Array::from(v)
        .iter()
        .filter_map(|x| x.as_string())
        .collect()
}

/// Opens what the loader read (`[documents, unplaced, notes, file name]`):
/// the first form through `on_open`, the others saved as drafts, the
/// report kept for the editor. A document the core refuses opens nothing.
fn open_imported(parts: &js_sys::Array, status: &str, on_open: &Callback<Document>) {
    let name = parts.get(3).as_string().unwrap_or_default();
    let mut docs = Vec::new();
    for text in strings(&parts.get(0)) {
        match import_document(&text) {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                let text = format!(
                    "无法导入“{name}”：{} 当前的表单和草稿没有改变。",
                    e.message()
                );
                return say(status, &text, true);
            }
        }
    }
    if docs.is_empty() {
        return;
    }
    let mut notes = strings(&parts.get(2));
    for (i, other) in docs.iter().enumerate().skip(1) {
        if let Err(e) = super::storage::create_draft(other) {
            notes.push(format!("第{}张表单没有另存为草稿：{}", i + 1, e.message()));
        }
    }
    let report = SheetReport {
        file: name,
        unplaced: strings(&parts.get(1)),
        notes,
    };
    REPORT.with(|r| *r.borrow_mut() = Some(Rc::new(report)));
    say(status, "", false);
    if let Some(first) = docs.into_iter().next() {
        on_open.emit(first);
    }
}

/// The 导入Excel control: a labelled file input (`id`) and its status
/// line (`status`). `on_open` opens the first form of the workbook as a
/// new draft.
pub fn import_control(id: &'static str, status: &'static str, on_open: Callback<Document>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Clearing the input lets the same file be chosen again.
        input.set_value("");
        let on_open = on_open.clone();
        when_settled(import_sheet_file(&file, status), move |answer| {
            // On a rejection the loader has said why.
            if let Ok(answer) = answer {
                open_imported(&js_sys::Array::from(&answer), status, &on_open);
            }
        });
    });
    html! {
        <span class="jx-import jx-import-sheet">
            <label for={id} class="jx-file-label">{ "导入Excel" }</label>
            <input {id} class="jx-file" type="file"
                accept=".xlsx,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
                {onchange} />
            <span id={status} class="jx-note" role="status"></span>
        </span>
    }
}

/// The 导出Excel button and its status line.
pub fn export_control(doc: Rc<Document>, profile: Option<Rc<Profile>>) -> Html {
    let status = "jx-sheet-export-status";
    let onclick = Callback::from(move |_: MouseEvent| match profile.as_deref() {
        Some(profile) => {
            let out = export_document(&doc, profile);
            let name = export_file_name(&out);
            let name = format!("{}.xlsx", name.strip_suffix(".json").unwrap_or(&name));
            export_sheet_file(&out.to_json(), &name, status);
        }
        None => say(
            status,
            "导出失败：表单的检查规则无法确定，请先在“检查规则”中选择内置规则。",
            true,
        ),
    });
    html! {
        <span class="jx-export jx-export-sheet">
            <button type="button" class="jx-button" {onclick}>{ "导出Excel" }</button>
            <span id={status} class="jx-note" role="status"></span>
        </span>
    }
}

/// What the import could not place or converted, above the imported form;
/// `close` hides it.
pub fn report_view(r: &SheetReport, close: Callback<MouseEvent>) -> Html {
    let summary = if r.unplaced.is_empty() {
        format!("已从“{}”导入表单，所有单元格都已放入表单。", r.file)
    } else {
        format!(
            "已从“{}”导入表单。以下 {} 个单元格未能放入表单，请核对，需要的内容请手工填入：",
            r.file,
            r.unplaced.len()
        )
    };
    let list = |class: &'static str, lines: &[String]| -> Html {
        if lines.is_empty() {
            return Html::default();
        }
        let items = lines.iter().map(|line| html! { <li>{ line.clone() }</li> });
        html! { <ul {class}>{ for items }</ul> }
    };
    html! {
        <section class="jx-sheet-report" role="status" aria-labelledby="jx-sheet-report-title">
            <h2 id="jx-sheet-report-title">{ "Excel 导入说明" }</h2>
            <p>{ summary }</p>
            { list("jx-unplaced", &r.unplaced) }
            { list("jx-sheet-notes", &r.notes) }
            <button type="button" class="jx-button" onclick={close}>{ "知道了" }</button>
        </section>
    }
}

/// Calls `done` once with the promise's value or its error. The two
/// small callbacks live as long as the page (one pair per import).
fn when_settled(promise: js_sys::Promise, done: impl FnOnce(Result<JsValue, JsValue>) + 'static) {
    let done = Rc::new(RefCell::new(Some(done)));
    let ok = {
        let done = Rc::clone(&done);
        Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
            if let Some(f) = done.borrow_mut().take() {
                f(Ok(v));
            }
        })
    };
    let err = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        if let Some(f) = done.borrow_mut().take() {
            f(Err(e));
        }
    });
    let _ = promise.then2(&ok, &err);
    ok.forget();
    err.forget();
}
