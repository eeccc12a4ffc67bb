//! jixiao (绩效): budget performance forms — parse, check and score.
//!
//! The domain core (every module below but `web`) has no web dependency: it
//! compiles natively, is tested natively, and runs on a server to re-check
//! uploaded documents. The browser layer (`web`) is compiled for wasm32 only
//! and is a thin view over the core.

pub mod derive;
pub mod drafts;
pub mod edit;
pub mod evaluate;
pub mod fields;
pub mod finding;
pub mod json;
pub mod limits;
pub mod model;
pub mod num;
pub mod pace;
pub mod print;
pub mod profile;
pub mod profile_lint;
pub mod rules;
pub mod score;
pub mod seen;
#[cfg(any(feature = "sheet", not(target_arch = "wasm32")))]
pub mod sheet;
pub mod target;
pub mod text;
pub mod tsv;
pub mod window;

#[cfg(target_arch = "wasm32")]
pub mod web;
