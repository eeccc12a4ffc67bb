//! The browser layer: the Yew UI and the JS API, compiled for wasm32 only.
//!
//! Everything here is a thin view over the core: it turns what is typed into
//! model edits (`crate::edit`) and renders what `rules` and `score` compute.
//! It never decides a rule itself.
//!
//! - [`ui`]: the form editor ([`App`]), one component per file;
//! - [`drafts`]: autosave, the start page, import and export;
//! - [`root`]: the standalone page, which puts the two together;
//! - [`api`]: the JS API (`check`, `score`, `parseTarget`, `profiles`,
//!   `version`, `newDocument`) for portals that embed the module, and
//!   [`mount`] (`mount(element, options)`), which renders the editor.
//!
//! The editor (everything but [`api`]) is the cargo feature `editor`, on by
//! default. Without it the module is the engine alone, for a portal that
//! keeps its own forms and only checks and scores with ours: about 141 KB
//! gzip against the page's 328 (`scripts/build --engine`). [`api`] is the feature
//! `js-api`, which the editor implies; the spreadsheet module (sheet-wasm/)
//! builds the core without it, so it exports only its own two functions.

#[cfg(feature = "js-api")]
pub mod api;
#[cfg(feature = "editor")]
pub mod drafts;
#[cfg(feature = "editor")]
pub mod mount;
#[cfg(feature = "editor")]
pub mod root;
#[cfg(feature = "editor")]
pub mod state;
#[cfg(feature = "editor")]
pub mod ui;

#[cfg(feature = "editor")]
pub use mount::{mount, start_app};
#[cfg(feature = "editor")]
pub use ui::app::{App, AppProps};
