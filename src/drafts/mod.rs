//! Drafts, import and export: the storage rules that keep a clerk's typing safe.
//!
//! Everything here is pure data and runs natively, so it is tested without a
//! browser; `web::drafts` only moves these strings in and out of
//! `localStorage` and files.
//!
//! - A draft is stored as one record, a JSON envelope
//!   `{"format": "jixiao-draft/1", "meta": {...}, "document": {...v1...}}`
//!   ([`DraftRecord`]). Reading a damaged record gives a [`DraftError`] with a
//!   Chinese message; nothing here ever deletes a record, so a damaged one can
//!   still be downloaded as it is.
//! - The index ([`DraftIndex`]) lists the drafts' [`DraftMeta`] and which
//!   draft was open last, for the start page and its restore offer. It is a
//!   cache: [`DraftIndex::reconcile`] rebuilds it from the records.
//! - Every save carries a revision and the id of the browser tab that wrote
//!   it; [`check_write`] tells when another tab saved the same draft since
//!   this one loaded it, so neither tab silently overwrites the other.
//! - [`import_document`] reads a v1 file with a size limit and clear Chinese
//!   messages; [`export_document`] fills in `check` and `score` before a
//!   download named by [`export_file_name`].
//!
//! The parts: `record.rs` (a stored draft), `index.rs` (the drafts list and
//! storage keys), `save.rs` (conflicts between tabs, the state of a save,
//! storage errors), `files.rs` (import and export) and `time.rs` (local
//! time for the list).

mod files;
mod index;
mod record;
mod save;
#[cfg(test)]
mod tests;
mod time;

pub use files::{
    export_document, export_file_name, import_document, import_document_as, size_text,
    windows_safe, ImportError,
};
pub use index::{
    draft_id_of_key, draft_key, new_draft_id, new_tab_id, DraftIndex, DRAFT_KEY_PREFIX, INDEX_KEY,
};
pub use record::{DraftError, DraftMeta, DraftRecord};
pub use save::{
    check_write, save_delay_ms, SaveState, StorageError, WriteCheck, CONFLICT_MESSAGE, DEBOUNCE_MS,
    QUICK_SAVE_MS,
};
pub use time::LocalTime;

/// The `format` of a stored draft record.
pub const DRAFT_FORMAT: &str = "jixiao-draft/1";

/// The `format` of the stored draft index.
pub const INDEX_FORMAT: &str = "jixiao-draft-index/1";

/// The name shown for a form whose project or unit name is still blank.
pub const UNNAMED: &str = "未命名表单";

/// The largest file [`import_document`] reads: the limit of every document
/// text ([`crate::limits::MAX_DOCUMENT_BYTES`], 16 MB), so that whatever
/// was exported, even a form at the row limit with its findings, imports.
pub const MAX_IMPORT_BYTES: usize = crate::limits::MAX_DOCUMENT_BYTES;

/// The largest spreadsheet file imported (`crate::sheet`): 20 MB. A form
/// is a few tens of KB; the page refuses larger files before reading them.
pub const MAX_SHEET_BYTES: usize = 20 * 1024 * 1024;
