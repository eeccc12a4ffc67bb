//! The start page: new forms, opening a file, the saved drafts, and the
//! offer to restore the form that was being edited last time.
//!
//! Every way in ends in `on_open(draft id, document)`: a new form and an
//! imported file are saved as new drafts first, so they are listed (and
//! autosaved) from the first moment. A draft that cannot be read is listed
//! with its message and can be downloaded as it is; it is deleted only when
//! the person asks and confirms.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use super::io::{download_text, ImportFile};
use super::storage::{self, ListedDraft};
use crate::drafts::{DraftMeta, ImportError, LocalTime, StorageError, UNNAMED};
use crate::model::{Document, Kind};

thread_local! {
    /// The restore offer is made once per page load, not every time the
    /// person comes back to the start page.
    static RESTORE_OFFERED: Cell<bool> = const { Cell::new(false) };
}

#[derive(Properties, PartialEq)]
pub struct StartPageProps {
    /// Opens a draft in the editor: its id and its document.
    pub on_open: Callback<(String, Rc<Document>)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Listing {
    drafts: Vec<ListedDraft>,
    /// Why storage could not be read, if it could not.
    storage_error: Option<String>,
}

fn load_listing() -> (Listing, Option<String>) {
    match storage::list_drafts() {
        Ok((drafts, index)) => (
            Listing {
                drafts,
                storage_error: None,
            },
            index.active,
        ),
        Err(e) => (
            Listing {
                drafts: Vec::new(),
                storage_error: Some(e.message()),
            },
            None,
        ),
    }
}

fn saved_time(meta: &DraftMeta) -> String {
    LocalTime::new(meta.saved_at, storage::utc_offset_minutes()).date_time()
}

fn year_text(meta: &DraftMeta) -> String {
    meta.year.map_or_else(|| "—".to_string(), |y| y.to_string())
}

/// The start page. See the module documentation.
#[function_component(StartPage)]
pub fn start_page(props: &StartPageProps) -> Html {
    let listing = use_state(Listing::default);
    let restore = use_state(|| None::<DraftMeta>);
    // A message about the last action (import, open, delete), as an alert.
    let error = use_state(|| None::<String>);
    let confirm_delete = use_state(|| None::<String>);

    {
        let listing = listing.clone();
        let restore = restore.clone();
        use_effect_with((), move |_| {
            let (loaded, active) = load_listing();
            if !RESTORE_OFFERED.with(|c| c.replace(true)) {
                let meta = active.and_then(|id| {
                    loaded
                        .drafts
                        .iter()
                        .find(|d| d.id == id && d.error.is_none())
                        .and_then(|d| d.meta.clone())
                });
                restore.set(meta);
            }
            listing.set(loaded);
            // Another tab saving or deleting a draft updates the list here.
            let listener = web_sys::window().map(|window| {
                let listing = listing.clone();
                gloo_events::EventListener::new(&window, "storage", move |_| {
                    listing.set(load_listing().0);
                })
            });
            move || drop(listener)
        });
    }
    let refresh = {
        let listing = listing.clone();
        move || listing.set(load_listing().0)
    };

    let open_draft = {
        let on_open = props.on_open.clone();
        let error = error.clone();
        Callback::from(move |id: String| match storage::load_draft(&id) {
            Ok(rec) => {
                storage::set_active(Some(&id));
                on_open.emit((id, Rc::new(rec.document)));
            }
            Err(e) => error.set(Some(e.message())),
        })
    };

    // A new or imported document becomes a draft first; if storage refuses,
    // the form still opens and the editor's save status says what to do.
    let open_new = {
        let on_open = props.on_open.clone();
        Callback::from(move |doc: Document| {
            let id = match storage::create_draft(&doc) {
                Ok((id, _)) => id,
                Err(_) => crate::drafts::new_draft_id(storage::now_ms(), 0, &[]),
            };
            on_open.emit((id, Rc::new(doc)));
        })
    };

    let on_import = {
        let open_new = open_new.clone();
        let error = error.clone();
        Callback::from(move |result: Result<Document, ImportError>| match result {
            Ok(doc) => {
                error.set(None);
                open_new.emit(doc);
            }
            Err(e) => error.set(Some(e.message())),
        })
    };

    let restore_banner = match &*restore {
        Some(meta) => {
            let yes = {
                let open_draft = open_draft.clone();
                let restore = restore.clone();
                let id = meta.id.clone();
                Callback::from(move |_: MouseEvent| {
                    restore.set(None);
                    open_draft.emit(id.clone());
                })
            };
            let no = {
                let restore = restore.clone();
                Callback::from(move |_: MouseEvent| {
                    storage::set_active(None);
                    restore.set(None);
                })
            };
            html! {
                <section class="jx-restore" role="alert" aria-labelledby="jx-restore-title">
                    <h2 id="jx-restore-title">{ "恢复上次未完成的表单？" }</h2>
                    <p>
                        { format!("“{}”（{}），保存于 {}。", meta.name, meta.kind.title(), saved_time(meta)) }
                    </p>
                    <div class="jx-actions">
                        <button type="button" class="jx-button jx-primary" onclick={yes}>{ "恢复并继续填写" }</button>
                        <button type="button" class="jx-button" onclick={no}>{ "暂不恢复（草稿仍保留在下方列表中）" }</button>
                    </div>
                </section>
            }
        }
        None => html! {},
    };

    let new_buttons = Kind::ALL
        .into_iter()
        .map(|kind| {
            let open_new = open_new.clone();
            let onclick = Callback::from(move |_: MouseEvent| open_new.emit(Document::new(kind)));
            html! {
                <li>
                    <button type="button" class="jx-button jx-new-form" {onclick}>
                        { format!("新建{}", kind.title()) }
                    </button>
                </li>
            }
        })
        .collect::<Html>();

    let rows = listing
        .drafts
        .iter()
        .map(|d| {
            draft_row(
                d,
                &open_draft,
                &confirm_delete,
                &error,
                Callback::from({
                    let refresh = refresh.clone();
                    move |_: ()| refresh()
                }),
            )
        })
        .collect::<Html>();

    html! {
        <main class="jx-start" aria-labelledby="jx-start-title">
            <h1 id="jx-start-title">{ "jixiao 预算绩效表单" }</h1>
            { restore_banner }
            if let Some(message) = &listing.storage_error {
                <p class="jx-error" role="alert">{ message.clone() }</p>
            }
            if let Some(message) = &*error {
                <p class="jx-error" role="alert">{ message.clone() }</p>
            }
            <section class="jx-start-section" aria-labelledby="jx-new-title">
                <h2 id="jx-new-title">{ "新建表单" }</h2>
                <ul class="jx-kinds">{ new_buttons }</ul>
            </section>
            <section class="jx-start-section" aria-labelledby="jx-open-title">
                <h2 id="jx-open-title">{ "打开表单文件" }</h2>
                <p class="jx-hint">{ "选择以前导出或从预算系统下载的 jixiao 表单文件（.json）。打开后会另存为一份新草稿，不会改动已有的草稿。" }</p>
                <ImportFile {on_import} />
                <p class="jx-hint">{ "也可以打开按绩效表单样式填写的 Excel 或 WPS 表格（.xlsx、.xls、.ods）：按栏目名称读取，不能放入表单的单元格会逐一列出。" }</p>
                { super::sheet::import_control("jx-import-sheet", "jx-sheet-status", open_new.clone()) }
            </section>
            <section class="jx-start-section" aria-labelledby="jx-drafts-title">
                <h2 id="jx-drafts-title">{ "已保存的草稿" }</h2>
                if listing.drafts.is_empty() {
                    <p class="jx-hint">{ "还没有保存的草稿。新建或打开的表单会自动保存在本浏览器中。" }</p>
                } else {
                    <p class="jx-hint">{ "草稿只保存在本电脑的本浏览器中；换电脑或清理浏览器数据前，请先导出文件。" }</p>
                    <table class="jx-drafts">
                        <thead>
                            <tr>
                                <th scope="col">{ "名称" }</th>
                                <th scope="col">{ "表单类型" }</th>
                                <th scope="col">{ "年度" }</th>
                                <th scope="col">{ "保存时间" }</th>
                                <th scope="col">{ "操作" }</th>
                            </tr>
                        </thead>
                        <tbody>{ rows }</tbody>
                    </table>
                }
            </section>
        </main>
    }
}

fn draft_row(
    d: &ListedDraft,
    open_draft: &Callback<String>,
    confirm_delete: &UseStateHandle<Option<String>>,
    error: &UseStateHandle<Option<String>>,
    refresh: Callback<()>,
) -> Html {
    let name = d
        .meta
        .as_ref()
        .map_or_else(|| format!("{UNNAMED}（{}）", d.id), |m| m.name.clone());
    let (kind, year, saved) = match &d.meta {
        Some(m) => (m.kind.title().to_string(), year_text(m), saved_time(m)),
        None => ("—".to_string(), "—".to_string(), "—".to_string()),
    };

    let open = {
        let open_draft = open_draft.clone();
        let id = d.id.clone();
        Callback::from(move |_: MouseEvent| open_draft.emit(id.clone()))
    };
    let download_raw = {
        let id = d.id.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let result = storage::read_raw(&id)
                .map_err(|e| e.message())
                .and_then(|raw| {
                    download_text(&format!("草稿原始内容_{id}.json"), &raw.unwrap_or_default())
                });
            if let Err(e) = result {
                error.set(Some(format!("下载失败：{e}")));
            }
        })
    };
    let export = {
        let id = d.id.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let result = storage::load_draft(&id)
                .map_err(|e| e.message())
                .and_then(|rec| {
                    super::io::export_download(&rec.document, crate::profile::Profile::national())
                });
            if let Err(e) = result {
                error.set(Some(format!("导出失败：{e}")));
            }
        })
    };
    let ask_delete = {
        let confirm_delete = confirm_delete.clone();
        let id = d.id.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(Some(id.clone())))
    };
    let cancel_delete = {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(None))
    };
    let do_delete = {
        let confirm_delete = confirm_delete.clone();
        let error = error.clone();
        let id = d.id.clone();
        Callback::from(move |_: MouseEvent| {
            confirm_delete.set(None);
            match storage::delete_draft(&id) {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(delete_failed(&e))),
            }
            refresh.emit(());
        })
    };

    let confirming = confirm_delete.as_deref() == Some(d.id.as_str());
    html! {
        <tr key={d.id.clone()} class={classes!("jx-draft", d.error.is_some().then_some("jx-draft-damaged"))}>
            <th scope="row">{ name.clone() }</th>
            <td>{ kind }</td>
            <td>{ year }</td>
            <td>{ saved }</td>
            <td class="jx-actions">
                if let Some(e) = &d.error {
                    <p class="jx-error" role="alert">{ e.message() }</p>
                    <button type="button" class="jx-button" onclick={download_raw}
                        aria-label={format!("下载原始内容（{name}）")}>{ "下载原始内容" }</button>
                } else {
                    <button type="button" class="jx-button jx-primary" onclick={open}
                        aria-label={format!("继续填写（{name}）")}>{ "继续填写" }</button>
                    <button type="button" class="jx-button" onclick={export}
                        aria-label={format!("导出文件（{name}）")}>{ "导出文件" }</button>
                }
                if confirming {
                    <span class="jx-confirm" role="alert">
                        { format!("确定删除“{name}”吗？删除后无法恢复。") }
                        <button type="button" class="jx-button jx-danger" onclick={do_delete}>{ "确认删除" }</button>
                        <button type="button" class="jx-button" onclick={cancel_delete}>{ "取消" }</button>
                    </span>
                } else {
                    <button type="button" class="jx-button" onclick={ask_delete}
                        aria-label={format!("删除（{name}）")}>{ "删除" }</button>
                }
            </td>
        </tr>
    }
}

fn delete_failed(e: &StorageError) -> String {
    format!("删除失败：{}", e.message())
}
