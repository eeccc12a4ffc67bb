//! Autosave of the open draft, and detection of another tab editing it.
//!
//! [`use_autosave`] saves the document right after each change while a
//! save is quick (a form of usual size), else 600 ms after the last change
//! (`crate::drafts::save_delay_ms`), and at once when the page is hidden or
//! closed or the editor is left, so that closing the tab right after typing
//! loses nothing. Those last saves read the editor's state as it is that
//! instant ([`LiveDoc`]), not as the last render reported it: a long form
//! on a slow machine renders a keystroke across several tasks, and the page
//! may be closed in between.
//! Every save goes through `storage::save_draft`, which refuses to overwrite
//! a newer revision saved by another tab; the `storage` event tells this tab
//! as soon as another one saves the same draft. Either way the status carries
//! a [`Conflict`] and the person chooses: load the other window's version, or
//! keep this one as a copy. [`SaveStatusView`] and [`ConflictBanner`] render
//! the status for the editor.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::io::ExportButton;
use super::storage::{self, SaveError};
use crate::drafts::{
    check_write, draft_key, save_delay_ms, DraftMeta, DraftRecord, SaveState, WriteCheck,
    CONFLICT_MESSAGE,
};
use crate::model::Document;
use crate::profile::Profile;
use crate::web::ui::app::LiveDoc;
use crate::web::ui::Shared as ByPtr;

/// Another tab saved this draft since this tab loaded it.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// "此草稿已在另一个窗口中修改".
    pub message: String,
    /// What the other tab saved.
    pub theirs_meta: DraftMeta,
    /// The other tab's document, when it could be read.
    pub theirs: Option<Rc<Document>>,
}

/// The person's choice when another tab changed the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Take the other tab's version: the editor must then show
    /// `Conflict::theirs` (the banner passes it to its `on_reload`).
    ReloadTheirs,
    /// Keep this tab's version as a new draft; `AutosaveStatus::draft_id`
    /// then names the copy.
    KeepMineAsCopy,
}

/// What the editor shows about saving.
#[derive(Clone, Debug, PartialEq)]
pub struct AutosaveStatus {
    pub state: SaveState,
    /// "已保存 HH:MM:SS" / "正在保存…" / "保存失败：…" (empty before any change).
    pub text: String,
    /// The draft being saved to: the given id, or the copy's after
    /// [`Resolution::KeepMineAsCopy`].
    pub draft_id: String,
    pub conflict: Option<Conflict>,
    pub resolve: Callback<Resolution>,
}

#[derive(Default)]
struct Inner {
    /// The id the editor passed in, and the id saves go to.
    given_id: String,
    id: String,
    /// The meta of the revision this tab last loaded or saved.
    base: Option<DraftMeta>,
    /// The document as last saved (or loaded), to skip saving it again.
    saved: Option<Rc<Document>>,
    /// The newest document the editor has shown.
    latest: Option<Rc<Document>>,
    pending: Option<Timeout>,
    state: SaveState,
    conflict: Option<Conflict>,
    /// False once the editor is gone, so no re-render is asked for.
    mounted: bool,
    /// How long the last three saves (or the draft's reading) took (ms),
    /// the latest first, which decides when the next save is made.
    save_ms: [f64; 3],
    /// The editor's state, read when the page or the editor goes away.
    live: LiveDoc,
}

type Shared = Rc<RefCell<Inner>>;

/// Starts on a draft: what is stored under its id is the base, and the
/// draft becomes the one offered for restore on the next visit.
fn start(inner: &Shared, id: &str, live: LiveDoc) {
    let mut s = inner.borrow_mut();
    s.live = live;
    if s.given_id != id {
        s.given_id = id.to_string();
        s.id = id.to_string();
        s.conflict = None;
        s.state = SaveState::Idle;
        // Reading the draft takes about as long as saving it: the first
        // guess of how long a save takes.
        let start = now();
        let loaded = storage::load_draft(id);
        s.save_ms = [now() - start; 3];
        match loaded {
            Ok(rec) => {
                s.base = Some(rec.meta);
                s.saved = Some(Rc::new(rec.document));
            }
            Err(_) => {
                s.base = storage::stored_meta(id);
                s.saved = None;
            }
        }
    }
    s.mounted = true;
    let id = s.id.clone();
    drop(s);
    storage::set_active(Some(&id));
}

/// Whether `doc` is what was last saved (by pointer first: it usually is
/// the very same `Rc`).
fn is_saved(s: &Inner, doc: &Rc<Document>) -> bool {
    s.saved
        .as_ref()
        .is_some_and(|saved| Rc::ptr_eq(saved, doc) || **saved == **doc)
}

/// Saves the newest document now, if it changed and no conflict is open.
fn save_now(inner: &Shared) {
    let mut s = inner.borrow_mut();
    let Some(doc) = s.latest.clone() else {
        return;
    };
    if s.conflict.is_some() || is_saved(&s, &doc) {
        return;
    }
    let start = now();
    let saved = storage::save_draft(&s.id, &doc, s.base.as_ref());
    timed(&mut s.save_ms, start);
    match saved {
        Ok(meta) => {
            s.state = SaveState::Saved { at: meta.saved_at };
            s.base = Some(meta);
            s.saved = Some(doc);
        }
        Err(SaveError::Conflict(theirs)) => raise_conflict(&mut s, theirs),
        Err(SaveError::Storage(e)) => s.state = SaveState::Failed(e.message()),
    }
}

/// Milliseconds, for timing saves.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Records how long something started at `start` took, the latest first.
fn timed(last_three: &mut [f64; 3], start: f64) {
    last_three.rotate_right(1);
    last_three[0] = now() - start;
}

/// Takes the editor's document as it is this instant as the newest, when
/// it differs from the one last reported.
fn catch_up(s: &mut Inner) {
    let Some(doc) = s.live.get() else {
        return;
    };
    if s.latest.as_ref().is_none_or(|latest| **latest != doc) {
        s.latest = Some(Rc::new(doc));
    }
}

/// The page is hidden: save what the editor holds now.
fn save_on_hiding(inner: &Shared) {
    catch_up(&mut inner.borrow_mut());
    save_now(inner);
}

/// The page or the editor is going away: save what the editor holds now,
/// and if a conflict is still open with unsaved changes, keep them as a
/// copy rather than lose them (the copy is listed on the start page).
fn save_before_leaving(inner: &Shared) {
    let unsaved_conflict = {
        let mut s = inner.borrow_mut();
        catch_up(&mut s);
        s.conflict.is_some() && s.latest.as_ref().is_some_and(|doc| !is_saved(&s, doc))
    };
    if unsaved_conflict {
        resolve(inner, Resolution::KeepMineAsCopy);
    } else {
        save_now(inner);
    }
}

fn raise_conflict(s: &mut Inner, theirs_meta: DraftMeta) {
    let theirs = storage::load_draft(&s.id)
        .ok()
        .map(|rec| Rc::new(rec.document));
    s.state = SaveState::Failed(format!("{CONFLICT_MESSAGE}，请选择保留哪一份。"));
    s.conflict = Some(Conflict {
        message: CONFLICT_MESSAGE.to_string(),
        theirs_meta,
        theirs,
    });
}

/// Called by the `storage` event: another tab wrote `key`.
fn on_storage_change(inner: &Shared, key: Option<String>, new_value: Option<String>) -> bool {
    let mut s = inner.borrow_mut();
    if key.as_deref() != Some(draft_key(&s.id).as_str()) {
        return false;
    }
    let Some(meta) = new_value.and_then(|text| DraftRecord::meta_from_json(&text).ok()) else {
        return false;
    };
    if let WriteCheck::Conflict { theirs } =
        check_write(s.base.as_ref(), Some(&meta), &storage::tab_id())
    {
        if s.conflict.is_none() {
            raise_conflict(&mut s, theirs);
            return true;
        }
    }
    false
}

fn resolve(inner: &Shared, choice: Resolution) {
    let mut s = inner.borrow_mut();
    s.pending = None;
    match choice {
        Resolution::ReloadTheirs => match storage::load_draft(&s.id) {
            Ok(rec) => {
                s.state = SaveState::Saved {
                    at: rec.meta.saved_at,
                };
                s.base = Some(rec.meta);
                s.saved = Some(Rc::new(rec.document));
                s.conflict = None;
            }
            Err(e) => s.state = SaveState::Failed(e.message()),
        },
        Resolution::KeepMineAsCopy => {
            let Some(doc) = s.latest.clone() else {
                return;
            };
            match storage::create_draft(&doc) {
                Ok((id, meta)) => {
                    s.id = id;
                    s.state = SaveState::Saved { at: meta.saved_at };
                    s.base = Some(meta);
                    s.saved = Some(doc);
                    s.conflict = None;
                }
                Err(e) => s.state = SaveState::Failed(e.message()),
            }
        }
    }
}

/// Saves `doc` to the draft `draft_id` within a second of each change, and
/// reports how saving stands. See the module documentation.
#[hook]
pub fn use_autosave(doc: Rc<Document>, draft_id: String, live: LiveDoc) -> AutosaveStatus {
    let inner: Shared = use_mut_ref(Inner::default);
    let update = use_force_update();

    // On a new draft id: load its base, listen for other tabs and for the
    // page being hidden, and save what is pending when leaving.
    {
        let inner = inner.clone();
        let update = update.clone();
        use_effect_with(draft_id.clone(), move |id| {
            start(&inner, id, live);
            let window = web_sys::window();
            let mut listeners = Vec::new();
            if let Some(window) = &window {
                let (i, u) = (inner.clone(), update.clone());
                listeners.push(EventListener::new(window, "storage", move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() {
                        if on_storage_change(&i, e.key(), e.new_value()) {
                            u.force_update();
                        }
                    }
                }));
                let i = inner.clone();
                listeners.push(EventListener::new(window, "pagehide", move |_| {
                    save_before_leaving(&i)
                }));
                if let Some(document) = window.document() {
                    // Hidden may mean the person switched to another tab
                    // (perhaps the conflicting one), so only save here.
                    let (i, u) = (inner.clone(), update.clone());
                    let d = document.clone();
                    listeners.push(EventListener::new(
                        &document,
                        "visibilitychange",
                        move |_| {
                            if d.visibility_state() == web_sys::VisibilityState::Hidden {
                                save_on_hiding(&i);
                                u.force_update();
                            }
                        },
                    ));
                }
            }
            move || {
                // Leaving the editor or switching drafts: save at once, and
                // the draft was closed, so it is no longer offered for
                // restore (a new draft id marks itself again in `start`).
                save_before_leaving(&inner);
                storage::set_active(None);
                let mut s = inner.borrow_mut();
                s.pending = None;
                s.mounted = false;
                drop(listeners);
            }
        });
    }

    // On every change: save right away while saving is quick, else after
    // a pause in typing.
    {
        let inner = inner.clone();
        let update = update.clone();
        // Compared by pointer: the editor hands over a new document after
        // each edit, and comparing 500 rows at every keystroke is waste.
        use_effect_with(ByPtr(doc), move |ByPtr(doc)| {
            let mut s = inner.borrow_mut();
            s.latest = Some(doc.clone());
            if is_saved(&s, doc) {
                s.pending = None;
            } else if s.conflict.is_none() {
                let delay = save_delay_ms(&s.save_ms);
                if delay == 0 {
                    // In this task: a browser closed right after this
                    // keystroke still finds it stored.
                    s.pending = None;
                    drop(s);
                    save_now(&inner);
                } else {
                    s.state = SaveState::Saving;
                    let (i, u) = (inner.clone(), update.clone());
                    s.pending = Some(Timeout::new(delay, move || {
                        save_now(&i);
                        if i.borrow().mounted {
                            u.force_update();
                        }
                    }));
                    drop(s);
                }
                update.force_update();
            }
            || ()
        });
    }

    let resolve_cb = {
        let inner = inner.clone();
        let update = update.clone();
        Callback::from(move |choice: Resolution| {
            resolve(&inner, choice);
            update.force_update();
        })
    };
    let s = inner.borrow();
    AutosaveStatus {
        text: s.state.text(storage::utc_offset_minutes()),
        state: s.state.clone(),
        draft_id: if s.id.is_empty() {
            draft_id
        } else {
            s.id.clone()
        },
        conflict: s.conflict.clone(),
        resolve: resolve_cb,
    }
}

#[derive(Properties, PartialEq)]
pub struct SaveStatusProps {
    pub status: AutosaveStatus,
    /// The document, for the export offered when saving fails (compared by
    /// pointer).
    pub doc: ByPtr<Document>,
    #[prop_or_default]
    pub profile: Option<Rc<Profile>>,
}

/// The save status line; when saving fails, the message as an alert and a
/// one-click export so that nothing is lost.
#[function_component(SaveStatusView)]
pub fn save_status_view(props: &SaveStatusProps) -> Html {
    let status = &props.status;
    // During a conflict the banner is the alert; the status line only
    // repeats it politely.
    let role = if status.conflict.is_some() {
        "status"
    } else {
        "alert"
    };
    match &status.state {
        SaveState::Failed(_) => html! {
            <div class="jx-save-status jx-save-failed" {role}>
                <span>{ status.text.clone() }</span>
                <ExportButton doc={props.doc.clone()} profile={props.profile.clone()}
                    label="导出文件保存到电脑" />
            </div>
        },
        _ => html! {
            <div class="jx-save-status" role="status" aria-live="polite">{ status.text.clone() }</div>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct ConflictBannerProps {
    pub status: AutosaveStatus,
    /// Receives the other window's document when the person loads it; the
    /// editor shows it from then on.
    pub on_reload: Callback<Rc<Document>>,
}

/// Shown when another window changed the draft: load theirs, or keep mine
/// as a copy.
#[function_component(ConflictBanner)]
pub fn conflict_banner(props: &ConflictBannerProps) -> Html {
    let Some(conflict) = &props.status.conflict else {
        return html! {};
    };
    let when =
        crate::drafts::LocalTime::new(conflict.theirs_meta.saved_at, storage::utc_offset_minutes())
            .hms();
    let reload = {
        let resolve = props.status.resolve.clone();
        let on_reload = props.on_reload.clone();
        let theirs = conflict.theirs.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(doc) = theirs.clone() {
                resolve.emit(Resolution::ReloadTheirs);
                on_reload.emit(doc);
            }
        })
    };
    let keep = {
        let resolve = props.status.resolve.clone();
        Callback::from(move |_: MouseEvent| resolve.emit(Resolution::KeepMineAsCopy))
    };
    html! {
        <section class="jx-conflict" role="alert" aria-labelledby="jx-conflict-title">
            <h2 id="jx-conflict-title" class="jx-conflict-title">{ conflict.message.clone() }</h2>
            <p>{ format!("另一个窗口在 {when} 保存了这份草稿。为免互相覆盖，本窗口暂停自动保存，请选择：") }</p>
            <div class="jx-actions">
                if conflict.theirs.is_some() {
                    <button type="button" class="jx-button" onclick={reload}>
                        { "载入另一个窗口的版本（放弃本窗口的修改）" }
                    </button>
                }
                <button type="button" class="jx-button jx-primary" onclick={keep}>
                    { "保留本窗口的版本，另存为新草稿" }
                </button>
            </div>
        </section>
    }
}
