//! Drafts in the browser: autosave, the start page, and file import/export.
//!
//! The rules (record format, conflicts, file names, import checks, messages)
//! live in the native core, `crate::drafts`; this module is the browser side
//! of them, self-contained so the editor only has to mount it:
//!
//! - [`StartPage`] lists drafts and opens a form through
//!   `on_open(draft id, document)`;
//! - the editor calls [`use_autosave`] with its document and draft id, and
//!   renders [`SaveStatusView`] and [`ConflictBanner`] from the status;
//! - [`ExportButton`] and [`ImportFile`] download and read v1 files.

pub mod autosave;
pub mod io;
pub mod start;
pub mod storage;

pub use autosave::{
    use_autosave, AutosaveStatus, Conflict, ConflictBanner, Resolution, SaveStatusView,
};
pub use io::{export_download, ExportButton, ImportFile};
pub use start::{StartPage, StartPageProps};
