//! The standalone page: the drafts start page, and the form editor with its
//! drafts bar (back to the list, save status, export, 导出Excel / 导入Excel)
//! and autosave.
//!
//! A portal that mounts the editor through the JS API gets [`App`] alone:
//! the portal keeps the document (`onChange`), so there is no start page and
//! nothing is written to this origin's storage. The page address may open a
//! new form directly (`?kind=project-self-eval`) and choose the rule
//! profile (`?profile=sichuan`).

use std::rc::Rc;

use yew::prelude::*;

use super::drafts::{
    sheet, storage, use_autosave, ConflictBanner, ExportButton, SaveStatusView, StartPage,
};
use super::ui::app::{App, AppProps, LiveDoc};
use super::ui::Shared;
use crate::model::{Document, Kind};

/// What the page address asks for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Address {
    /// `?kind=…`: open a new form of this kind instead of the start page.
    pub kind: Option<Kind>,
    /// `?profile=…`: the rule profile for new and opened forms.
    pub profile: Option<String>,
}

impl Address {
    /// Reads the query string of the page's address.
    pub fn current() -> Address {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        Address::parse(&search)
    }

    fn parse(search: &str) -> Address {
        let mut out = Address::default();
        for kv in search.trim_start_matches('?').split('&') {
            if let Some(k) = kv.strip_prefix("kind=") {
                out.kind = Kind::parse(k);
            } else if let Some(p) = kv.strip_prefix("profile=") {
                let p = js_sys::decode_uri_component(p)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default();
                out.profile = Some(p).filter(|p| !p.trim().is_empty());
            }
        }
        out
    }
}

#[derive(Properties, PartialEq)]
pub struct RootProps {
    pub address: Address,
}

/// The draft open in the editor: its id and the document it starts from.
#[derive(Clone, PartialEq)]
struct Open {
    id: String,
    doc: Rc<Document>,
}

/// Saves a new document as a draft; when storage refuses, the form still
/// opens under a fresh id and the save status line says what to do.
fn new_draft(doc: Document) -> Open {
    let id = match storage::create_draft(&doc) {
        Ok((id, _)) => id,
        Err(_) => crate::drafts::new_draft_id(storage::now_ms(), 0, &[]),
    };
    Open {
        id,
        doc: Rc::new(doc),
    }
}

/// The page: the start page, or the editor on one draft.
#[function_component(Root)]
pub fn root(props: &RootProps) -> Html {
    let open = {
        let kind = props.address.kind;
        use_state(move || kind.map(|k| new_draft(Document::new(k))))
    };
    let on_open = {
        let open = open.clone();
        Callback::from(move |(id, doc): (String, Rc<Document>)| {
            open.set(Some(Open { id, doc }));
        })
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |()| {
            storage::set_active(None);
            open.set(None);
        })
    };
    let on_derive = {
        let open = open.clone();
        Callback::from(move |doc: Rc<Document>| {
            open.set(Some(new_draft((*doc).clone())));
        })
    };
    match &*open {
        None => html! { <StartPage {on_open} /> },
        Some(o) => html! {
            <DraftEditor key={o.id.clone()} id={o.id.clone()} doc={Rc::clone(&o.doc)}
                profile={props.address.profile.clone()} {on_close} {on_derive} />
        },
    }
}

#[derive(Properties, PartialEq)]
struct DraftEditorProps {
    id: String,
    doc: Rc<Document>,
    profile: Option<String>,
    on_close: Callback<()>,
    on_derive: Callback<Rc<Document>>,
}

/// The editor on one draft: autosaves what [`App`] reports after each edit.
#[function_component(DraftEditor)]
fn draft_editor(props: &DraftEditorProps) -> Html {
    // The newest document (for autosave and export), and the one the
    // editor was mounted with, which changes only when the person loads
    // another window's version.
    let latest = use_state(|| Rc::clone(&props.doc));
    // What an Excel import that opened this draft could not place.
    let report = use_state(sheet::take_report);
    let base = use_state(|| (Rc::clone(&props.doc), 0u32));
    // What the editor holds this instant, for a save as the page goes away.
    let live = use_memo((), |_| LiveDoc::default());
    let status = use_autosave(Rc::clone(&latest), props.id.clone(), (*live).clone());
    let on_change = use_callback(latest.setter(), |doc: Rc<Document>, set| set.set(doc));
    let on_reload = {
        let latest = latest.setter();
        let base = base.clone();
        Callback::from(move |doc: Rc<Document>| {
            latest.set(Rc::clone(&doc));
            base.set((doc, base.1 + 1));
        })
    };
    // The address may impose a profile; otherwise the form's own choice
    // (the editor's 检查规则 picker) is used, for export too.
    let profile = props.profile.clone();
    let export_tag = profile.clone().or_else(|| latest.profile.clone());
    // The same policy as the editor's: no export under a profile that
    // cannot be resolved (the editor says why).
    let export_profile = use_memo(export_tag, |p| {
        crate::profile::resolve(p.as_deref(), None)
            .ok()
            .map(|p| Rc::new(p.clone()))
    });
    let back = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let app = AppProps {
        kind: Some(base.0.kind),
        initial: Some(Shared(Rc::clone(&base.0))),
        profile,
        read_only: false,
        on_change: Some(on_change),
        on_submit: None,
        on_derive: Some(props.on_derive.clone()),
        id_prefix: AttrValue::default(),
        live: Some((*live).clone()),
    };
    html! {
        <div class="jx-editor">
            <nav class="jx-draft-bar" aria-label="草稿">
                <button type="button" class="jx-button" onclick={back}>{ "返回草稿列表" }</button>
                <SaveStatusView status={status.clone()} doc={Shared(Rc::clone(&latest))}
                    profile={(*export_profile).clone()} />
                <ExportButton doc={Shared(Rc::clone(&latest))} profile={(*export_profile).clone()}
                    label="导出表单文件" />
                { sheet::export_control(Rc::clone(&latest), (*export_profile).clone()) }
                { sheet::import_control("jx-import-sheet-bar", "jx-sheet-status-bar",
                    props.on_derive.reform(Rc::new)) }
            </nav>
            if let Some(r) = &*report {
                { sheet::report_view(r, {
                    let report = report.clone();
                    Callback::from(move |_: MouseEvent| report.set(None))
                }) }
            }
            <ConflictBanner status={status} {on_reload} />
            <App key={base.1} ..app />
        </div>
    }
}
