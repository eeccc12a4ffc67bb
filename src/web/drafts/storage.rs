//! Drafts in the browser's `localStorage`, under `jixiao:draft:<id>` and
//! `jixiao:index`.
//!
//! The record and index formats, conflict detection and messages are the
//! core's (`crate::drafts`); this module only moves their text in and out of
//! storage and turns the browser's exceptions into a typed [`StorageError`].
//! Nothing here deletes a record except [`delete_draft`], which the person
//! asks for: a record that cannot be read is left as it is.
//!
//! `gloo_storage::LocalStorage::raw()` throws when storage is missing, so
//! every access first checks that it exists ([`local`]). Records are written
//! and read as raw text rather than through gloo's serde helpers, so a
//! damaged record can still be shown and downloaded as it is.

use std::cell::OnceCell;

use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::{JsCast, JsValue};

use crate::drafts::{
    check_write, draft_id_of_key, draft_key, new_draft_id, new_tab_id, DraftError, DraftIndex,
    DraftMeta, DraftRecord, StorageError, WriteCheck, INDEX_KEY,
};
use crate::model::Document;

/// The current time in milliseconds since the epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The browser's time zone as minutes east of UTC (China: 480).
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

fn random_u32() -> u32 {
    (js_sys::Math::random() * 4_294_967_296.0) as u32
}

thread_local! {
    static TAB_ID: OnceCell<String> = const { OnceCell::new() };
}

/// This page's tab id, made once per page load; every save carries it so
/// that another tab's saves can be told from this one's.
pub fn tab_id() -> String {
    TAB_ID.with(|cell| {
        cell.get_or_init(|| new_tab_id(now_ms(), random_u32()))
            .clone()
    })
}

/// The storage, or [`StorageError::Unavailable`] (private mode, disabled,
/// or a browser that throws on access).
pub fn local() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(_)) => Ok(LocalStorage::raw()),
        Ok(None) => Err(StorageError::Unavailable),
        Err(e) => Err(classify(&e)),
    }
}

/// Turns a thrown value (a DOMException, usually) into a [`StorageError`].
pub fn classify(e: &JsValue) -> StorageError {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return StorageError::classify(&ex.name(), ex.code(), &ex.message());
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return StorageError::classify(&String::from(err.name()), 0, &String::from(err.message()));
    }
    StorageError::Other(e.as_string().unwrap_or_else(|| "未知错误".into()))
}

fn get(key: &str) -> Result<Option<String>, StorageError> {
    local()?.get_item(key).map_err(|e| classify(&e))
}

fn set(key: &str, value: &str) -> Result<(), StorageError> {
    local()?.set_item(key, value).map_err(|e| classify(&e))
}

/// The raw text of a draft record, as stored.
pub fn read_raw(id: &str) -> Result<Option<String>, StorageError> {
    get(&draft_key(id))
}

/// Why a draft could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    Missing,
    Storage(StorageError),
    Draft(DraftError),
}

impl LoadError {
    pub fn message(&self) -> String {
        match self {
            LoadError::Missing => {
                "找不到这份草稿，可能已在另一个窗口中删除。请刷新草稿列表。".to_string()
            }
            LoadError::Storage(e) => e.message(),
            LoadError::Draft(e) => e.message(),
        }
    }
}

/// Reads a stored draft. A damaged record is an error and stays stored.
pub fn load_draft(id: &str) -> Result<DraftRecord, LoadError> {
    let text = read_raw(id)
        .map_err(LoadError::Storage)?
        .ok_or(LoadError::Missing)?;
    DraftRecord::from_json(&text).map_err(LoadError::Draft)
}

/// The meta of the stored record of a draft, if it is there and readable.
pub fn stored_meta(id: &str) -> Option<DraftMeta> {
    let text = read_raw(id).ok().flatten()?;
    DraftRecord::meta_from_json(&text).ok()
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser refused to store it.
    Storage(StorageError),
    /// Another tab saved a newer revision: nothing was written.
    Conflict(DraftMeta),
}

/// Saves a draft as the next revision after `base` (what this tab last
/// loaded or saved), unless another tab has saved it since. Returns the new
/// meta, whose `saved_at` is the time of the save.
pub fn save_draft(
    id: &str,
    doc: &Document,
    base: Option<&DraftMeta>,
) -> Result<DraftMeta, SaveError> {
    let tab = tab_id();
    let stored = stored_meta(id);
    if let WriteCheck::Conflict { theirs } = check_write(base, stored.as_ref(), &tab) {
        return Err(SaveError::Conflict(theirs));
    }
    let record = DraftRecord::next(id, doc, base.or(stored.as_ref()), now_ms(), &tab);
    set(&draft_key(id), &record.to_json()).map_err(SaveError::Storage)?;
    // The index is a cache rebuilt from the records, so failing to update it
    // loses nothing; the record itself is saved.
    update_index(|index| {
        index.upsert(record.meta.clone());
        index.active = Some(id.to_string());
    });
    Ok(record.meta)
}

/// Saves a document as a new draft with a fresh id (a new form, an imported
/// file, or "keep mine as a copy").
pub fn create_draft(doc: &Document) -> Result<(String, DraftMeta), StorageError> {
    let existing = draft_ids().unwrap_or_default();
    let refs: Vec<&str> = existing.iter().map(String::as_str).collect();
    let id = new_draft_id(now_ms(), random_u32(), &refs);
    match save_draft(&id, doc, None) {
        Ok(meta) => Ok((id, meta)),
        Err(SaveError::Storage(e)) => Err(e),
        // A fresh id cannot be taken; if it is, report it rather than write.
        Err(SaveError::Conflict(_)) => Err(StorageError::Other("草稿编号重复".into())),
    }
}

/// Deletes a draft, as the person asked.
pub fn delete_draft(id: &str) -> Result<(), StorageError> {
    local()?
        .remove_item(&draft_key(id))
        .map_err(|e| classify(&e))?;
    update_index(|index| index.remove(id));
    Ok(())
}

/// The stored index, as is (empty when missing or damaged).
pub fn read_index() -> DraftIndex {
    DraftIndex::from_json(get(INDEX_KEY).ok().flatten().as_deref())
}

fn update_index(change: impl FnOnce(&mut DraftIndex)) {
    let mut index = read_index();
    change(&mut index);
    let _ = set(INDEX_KEY, &index.to_json());
}

/// Marks a draft as the one being edited (offered for restore on the next
/// visit), or clears the mark when the person closes the form.
pub fn set_active(id: Option<&str>) {
    update_index(|index| index.active = id.map(str::to_string));
}

/// Every draft id that has a record in storage.
pub fn draft_ids() -> Result<Vec<String>, StorageError> {
    let storage = local()?;
    let len = storage.length().map_err(|e| classify(&e))?;
    let mut ids = Vec::new();
    for i in 0..len {
        if let Ok(Some(key)) = storage.key(i) {
            if let Some(id) = draft_id_of_key(&key) {
                ids.push(id.to_string());
            }
        }
    }
    Ok(ids)
}

/// One entry of the start page's list.
#[derive(Clone, Debug, PartialEq)]
pub struct ListedDraft {
    pub id: String,
    /// What the record (or, for a damaged record, the index) says about it.
    pub meta: Option<DraftMeta>,
    /// Why it cannot be opened, for a damaged record.
    pub error: Option<DraftError>,
}

/// The stored drafts, newest first, with damaged records listed too. The
/// index is rebuilt from the records on the way and written back.
pub fn list_drafts() -> Result<(Vec<ListedDraft>, DraftIndex), StorageError> {
    let ids = draft_ids()?;
    let mut scanned = Vec::new();
    let mut errors = Vec::new();
    for id in ids {
        let text = read_raw(&id)?.unwrap_or_default();
        match DraftRecord::from_json(&text) {
            Ok(rec) => scanned.push((id, Some(rec.meta))),
            Err(e) => {
                let meta = DraftRecord::meta_from_json(&text)
                    .ok()
                    .filter(|m| m.id == id);
                errors.push((id.clone(), e));
                scanned.push((id, meta));
            }
        }
    }
    let mut index = read_index();
    index.reconcile(&scanned);
    let _ = set(INDEX_KEY, &index.to_json());
    let mut listed: Vec<ListedDraft> = index
        .drafts
        .iter()
        .map(|m| ListedDraft {
            id: m.id.clone(),
            meta: Some(m.clone()),
            error: None,
        })
        .collect();
    for (id, meta) in &scanned {
        if meta.is_none() && index.get(id).is_none() {
            listed.push(ListedDraft {
                id: id.clone(),
                meta: None,
                error: None,
            });
        }
    }
    for entry in &mut listed {
        entry.error = errors
            .iter()
            .find(|(id, _)| *id == entry.id)
            .map(|(_, e)| e.clone());
    }
    Ok((listed, index))
}
