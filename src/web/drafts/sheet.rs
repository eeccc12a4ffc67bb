//! 导入Excel and 导出Excel: the page's side of the spreadsheet module.
//!
//! The spreadsheet code (calamine, rust_xlsxwriter) is a WebAssembly module
//! of its own, `dist/sheet/`, that `www/sheet-loader.js` fetches the first
//! time one of these buttons is used, showing its download progress; the
//! page's own module only hands it bytes or a document's JSON. An imported
//! workbook goes through the same path as a JSON file
//! (`crate::drafts::import_document`) and becomes a new draft; what the
//! reader could not place or had to convert is kept in [`take_report`] for
//! the editor to show. On failure nothing changes: the open draft is never
//! touched.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_file::callbacks::FileReader;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::drafts::{export_document, export_file_name, import_document, MAX_SHEET_BYTES};
use crate::model::Document;
use crate::profile::Profile;
use crate::web::ui::Shared;

// The loader's promises are followed with `then` callbacks rather than
// awaited: no async executor, no float formatting (the loader words the
// progress itself), so the page's module stays small.
#[wasm_bindgen(module = "/www/sheet-loader.js")]
extern "C" {
    #[wasm_bindgen(js_name = importSheet)]
    fn import_sheet_js(bytes: js_sys::Uint8Array, progress: &js_sys::Function) -> js_sys::Promise;
    #[wasm_bindgen(js_name = exportSheet)]
    fn export_sheet_js(json: &str, progress: &js_sys::Function) -> js_sys::Promise;
}

/// Calls `done` once with the promise's value or its error. The two
/// small callbacks live as long as the page (one pair per click).
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

/// What an import could not place or had to convert, for the editor to
/// show above the imported form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetReport {
    pub file: String,
    pub notes: Vec<String>,
    /// `工作表“…” B7：“…”（why）`, one line a cell.
    pub unplaced: Vec<String>,
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

fn error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "未知错误".to_string())
}

/// A progress callback for the loader: it words the module's download
/// (`正在下载表格组件… 45%`) and the page shows it.
fn progress_callback(progress: UseStateHandle<Option<String>>) -> js_sys::Function {
    Closure::<dyn FnMut(String)>::new(move |text: String| progress.set(Some(text)))
        .into_js_value()
        .unchecked_into()
}

/// Reads the module's answer: the documents of the workbook, the first
/// through [`import_document`], the others too, and the report.
fn read_answer(text: &str, file: &str) -> Result<(Vec<Document>, SheetReport), String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let forms = v
        .get("forms")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut docs = Vec::new();
    let mut report = SheetReport {
        file: file.to_string(),
        ..SheetReport::default()
    };
    for (i, form) in forms.iter().enumerate() {
        let doc_text = form
            .get("document")
            .map(Value::to_string)
            .unwrap_or_default();
        let doc = import_document(&doc_text).map_err(|e| e.message())?;
        let strings = |key: &str| -> Vec<String> {
            form.get(key)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let prefix = if forms.len() > 1 {
            format!("第{}张表单：", i + 1)
        } else {
            String::new()
        };
        report
            .notes
            .extend(strings("notes").into_iter().map(|n| format!("{prefix}{n}")));
        for u in form
            .get("unplaced")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let s = |k: &str| u.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let mut text = s("text");
            if text.chars().count() > 40 {
                text = text.chars().take(40).collect::<String>() + "…";
            }
            report.unplaced.push(format!(
                "{prefix}工作表“{}” {}：“{}”（{}）",
                s("sheet"),
                s("cell"),
                text,
                s("reason")
            ));
        }
        docs.push(doc);
    }
    if docs.is_empty() {
        return Err("表格中没有找到表单。".to_string());
    }
    if docs.len() > 1 {
        report.notes.insert(
            0,
            format!(
                "工作簿中有 {} 张表单：打开的是第一张，其余已分别保存为草稿，可在草稿列表中打开。",
                docs.len()
            ),
        );
    }
    Ok((docs, report))
}

#[derive(Properties, PartialEq)]
pub struct ImportSheetProps {
    /// Opens the imported form as a new draft; the other forms of the
    /// workbook have been saved as drafts already.
    pub on_open: Callback<Document>,
    #[prop_or(AttrValue::Static("导入Excel"))]
    pub label: AttrValue,
    #[prop_or(AttrValue::Static("jx-import-sheet"))]
    pub id: AttrValue,
}

/// 导入Excel: a labelled file input for .xlsx, .xls and .ods.
#[function_component(ImportSheet)]
pub fn import_sheet(props: &ImportSheetProps) -> Html {
    let reader = use_mut_ref(|| None::<FileReader>);
    let progress = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let onchange = {
        let on_open = props.on_open.clone();
        let reader = reader.clone();
        let progress = progress.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            if file.size() > MAX_SHEET_BYTES as f64 {
                error.set(Some(format!(
                    "文件太大（{}），表格文件不会超过 {}。当前的表单和草稿没有改变。",
                    crate::drafts::size_text(file.size() as usize),
                    crate::drafts::size_text(MAX_SHEET_BYTES)
                )));
                return;
            }
            error.set(None);
            progress.set(Some("正在读取文件…".to_string()));
            let file = gloo_file::File::from(file);
            let on_open = on_open.clone();
            let progress = progress.clone();
            let error = error.clone();
            let task = gloo_file::callbacks::read_as_bytes(&file, move |result| {
                let bytes = match result {
                    Ok(b) => b,
                    Err(e) => {
                        progress.set(None);
                        error.set(Some(format!(
                            "无法读取这个文件（{e}）。当前的表单和草稿没有改变。"
                        )));
                        return;
                    }
                };
                let cb = progress_callback(progress.clone());
                let array = js_sys::Uint8Array::from(bytes.as_slice());
                when_settled(import_sheet_js(array, &cb), move |answer| {
                    progress.set(None);
                    let outcome = answer
                        .map_err(|e| error_text(&e))
                        .and_then(|v| read_answer(&v.as_string().unwrap_or_default(), &name));
                    match outcome {
                        Ok((mut docs, report)) => {
                            for other in docs.drain(1..) {
                                let _ = super::storage::create_draft(&other);
                            }
                            REPORT.with(|r| *r.borrow_mut() = Some(Rc::new(report)));
                            on_open.emit(docs.remove(0));
                        }
                        Err(e) => error.set(Some(format!(
                            "无法导入“{name}”：{e} 当前的表单和草稿没有改变。"
                        ))),
                    }
                });
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    html! {
        <span class="jx-import jx-import-sheet">
            <label for={props.id.clone()} class="jx-file-label">{ props.label.clone() }</label>
            <input id={props.id.clone()} class="jx-file" type="file"
                accept=".xlsx,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
                {onchange} />
            if let Some(p) = &*progress {
                <span class="jx-note" role="status">{ p.clone() }</span>
            }
            if let Some(e) = &*error {
                <span class="jx-error" role="alert">{ e.clone() }</span>
            }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportSheetProps {
    pub doc: Shared<Document>,
    #[prop_or_default]
    pub profile: Option<Rc<Profile>>,
}

/// 导出Excel: downloads the form as an .xlsx in the official layout.
#[function_component(ExportSheet)]
pub fn export_sheet(props: &ExportSheetProps) -> Html {
    let progress = use_state(|| None::<String>);
    let outcome = use_state(|| None::<Result<String, String>>);
    let onclick = {
        let doc = props.doc.clone();
        let profile = props.profile.clone();
        let progress = progress.clone();
        let outcome = outcome.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(profile) = profile.clone() else {
                outcome.set(Some(Err(
                    "表单的检查规则无法确定，请先在“检查规则”中选择内置规则".to_string(),
                )));
                return;
            };
            let out = export_document(&doc, &profile);
            let name = export_file_name(&out);
            let name = format!("{}.xlsx", name.strip_suffix(".json").unwrap_or(&name));
            let json = out.to_json();
            let progress = progress.clone();
            let outcome = outcome.clone();
            progress.set(Some("正在生成表格…".to_string()));
            outcome.set(None);
            let cb = progress_callback(progress.clone());
            when_settled(export_sheet_js(&json, &cb), move |answer| {
                progress.set(None);
                let result = answer.map_err(|e| error_text(&e)).and_then(|v| {
                    let bytes = js_sys::Uint8Array::new(&v).to_vec();
                    super::io::download_bytes(
                        &name,
                        &bytes,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    )
                    .map(|()| name.clone())
                });
                outcome.set(Some(result));
            });
        })
    };
    html! {
        <span class="jx-export jx-export-sheet">
            <button type="button" class="jx-button" {onclick}>{ "导出Excel" }</button>
            if let Some(p) = &*progress {
                <span class="jx-note" role="status">{ p.clone() }</span>
            }
            {
                match &*outcome {
                    Some(Ok(name)) => html! { <span class="jx-note" role="status">{ format!("已导出：{name}") }</span> },
                    Some(Err(e)) => html! { <span class="jx-error" role="alert">{ format!("导出失败：{e}") }</span> },
                    None => html! {},
                }
            }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct SheetReportViewProps {
    pub report: Rc<SheetReport>,
}

/// What the import could not place or converted, above the imported form,
/// until the person closes it.
#[function_component(SheetReportView)]
pub fn sheet_report_view(props: &SheetReportViewProps) -> Html {
    let open = use_state(|| true);
    if !*open {
        return html! {};
    }
    let r = &props.report;
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let summary = if r.unplaced.is_empty() {
        format!("已从“{}”导入表单，所有单元格都已放入表单。", r.file)
    } else {
        format!(
            "已从“{}”导入表单。以下 {} 个单元格未能放入表单，请核对，需要的内容请手工填入：",
            r.file,
            r.unplaced.len()
        )
    };
    html! {
        <section class="jx-sheet-report" role="status" aria-labelledby="jx-sheet-report-title">
            <h2 id="jx-sheet-report-title">{ "Excel 导入说明" }</h2>
            <p>{ summary }</p>
            if !r.unplaced.is_empty() {
                <ul class="jx-unplaced">
                    { for r.unplaced.iter().map(|u| html! { <li>{ u.clone() }</li> }) }
                </ul>
            }
            if !r.notes.is_empty() {
                <ul class="jx-sheet-notes">
                    { for r.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                </ul>
            }
            <button type="button" class="jx-button" onclick={close}>{ "知道了" }</button>
        </section>
    }
}
