//! Drafts in the browser: autosave, the start page, and file import/export.
//!
//! The rules (record format, conflicts, file names, import checks, messages)
//! live in the native core, `crate::drafts`; this module is the browser side
//! of them, self-contained so the editor only has to mount it:
//!
//! - [`StartPage`] lists drafts and opens a form through
//!   `on_open(draft id, document)`;
//! - the editor calls [`use_autosave`] with its document, draft id and the
//!   editor's `LiveDoc`, and renders [`SaveStatusView`] and
//!   [`ConflictBanner`] from the status;
//! - [`ExportButton`] and [`ImportFile`] download and read v1 files;
//! - [`sheet`]'s 导出Excel / 导入Excel controls do the same with
//!   spreadsheets through the separate module `dist/sheet/`, loaded on
//!   first use.
//!
//! Wiring it into the app takes a few lines; a sketch (the `App` state holds
//! `Option<(String, Rc<Document>)>`, the open draft):
//!
//! ```text
//! None => html! { <StartPage on_open={open.reform(Some)} /> },
//! Some((id, doc)) => {
//!     // Inside the editor component (a hook must run in a component):
//!     let status = use_autosave(doc.clone(), id.clone(), live.clone());
//!     html! { <>
//!         <ConflictBanner status={status.clone()} on_reload={set_doc} />
//!         <SaveStatusView status={status.clone()} doc={Shared(doc.clone())} />
//!         <ExportButton doc={Shared(doc.clone())} />
//!     </> }
//! }
//! ```
//!
//! Leaving the editor (unmounting it) saves at once and clears the restore
//! mark; `status.draft_id` names the draft saved to, which changes after
//! "keep mine as a copy". `www/drafts.css` styles all of it.

pub mod autosave;
pub mod io;
pub mod sheet;
pub mod start;
pub mod storage;

pub use autosave::{
    use_autosave, AutosaveStatus, Conflict, ConflictBanner, Resolution, SaveStatusView,
};
pub use io::{export_download, ExportButton, ImportFile};
pub use start::{StartPage, StartPageProps};
