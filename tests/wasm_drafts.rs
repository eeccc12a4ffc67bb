#![cfg(target_arch = "wasm32")]
//! Drafts in a real browser's localStorage: a draft saves and loads back, a
//! later save counts up the revision, another tab's newer save blocks an
//! overwrite, and a damaged record is an error that leaves it stored.
//!
//! Run with wasm-bindgen-test-runner in Chromium (see TOOLCHAIN.md §7).

use jixiao::drafts::{draft_key, DraftError, DraftRecord};
use jixiao::model::{Document, Kind};
use jixiao::web::drafts::storage::{self, LoadError, SaveError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    storage::local()
        .expect("localStorage")
        .clear()
        .expect("clear");
}

fn named(kind: Kind, name: &str) -> Document {
    let mut doc = Document::new(kind);
    if let Some(p) = &mut doc.project {
        p.name = name.to_string();
    }
    if let Some(u) = &mut doc.unit {
        u.name = name.to_string();
    }
    doc
}

#[wasm_bindgen_test]
fn a_draft_saves_and_loads_back() {
    clear();
    let doc = named(Kind::ProjectGoal, "乡村道路养护项目");
    let (id, meta) = storage::create_draft(&doc).expect("saved");
    assert_eq!(meta.revision, 1);
    assert_eq!(meta.tab, storage::tab_id());
    let rec = storage::load_draft(&id).expect("loaded");
    assert_eq!(rec.document, doc);
    assert_eq!(rec.meta, meta);

    let edited = named(Kind::ProjectGoal, "乡村道路养护项目（二期）");
    let meta2 = storage::save_draft(&id, &edited, Some(&meta)).expect("saved again");
    assert_eq!(meta2.revision, 2);
    assert_eq!(storage::load_draft(&id).unwrap().document, edited);

    let (listed, index) = storage::list_drafts().expect("listed");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].meta.as_ref().map(|m| m.name.as_str()),
        Some("乡村道路养护项目（二期）")
    );
    assert_eq!(index.active.as_deref(), Some(id.as_str()));

    storage::delete_draft(&id).expect("deleted");
    assert_eq!(storage::load_draft(&id), Err(LoadError::Missing));
    assert!(storage::list_drafts().unwrap().0.is_empty());
}

#[wasm_bindgen_test]
fn another_tabs_newer_save_is_not_overwritten() {
    clear();
    let (id, mine) = storage::create_draft(&named(Kind::UnitGoal, "本窗口")).unwrap();
    // Another tab saves revision 2 of the same draft.
    let theirs = DraftRecord::next(
        &id,
        &named(Kind::UnitGoal, "另一个窗口"),
        Some(&mine),
        1,
        "t-other",
    );
    let key = draft_key(&id);
    let stored = theirs.to_json();
    storage::local().unwrap().set_item(&key, &stored).unwrap();

    let err =
        storage::save_draft(&id, &named(Kind::UnitGoal, "本窗口改"), Some(&mine)).unwrap_err();
    assert_eq!(err, SaveError::Conflict(theirs.meta.clone()));
    assert_eq!(
        storage::read_raw(&id).unwrap().as_deref(),
        Some(stored.as_str())
    );
    // Having loaded theirs, this tab may save on top of it.
    let meta =
        storage::save_draft(&id, &named(Kind::UnitGoal, "本窗口改"), Some(&theirs.meta)).unwrap();
    assert_eq!(meta.revision, 3);
}

#[wasm_bindgen_test]
fn a_damaged_record_is_an_error_and_stays_stored() {
    clear();
    let (id, _) = storage::create_draft(&named(Kind::ProjectSelfEval, "将被损坏")).unwrap();
    let good = storage::read_raw(&id).unwrap().unwrap();
    let damaged = &good[..good.len() / 2];
    storage::local()
        .unwrap()
        .set_item(&draft_key(&id), damaged)
        .unwrap();

    match storage::load_draft(&id) {
        Err(LoadError::Draft(DraftError::Damaged { .. })) => {}
        other => panic!("expected a damaged-draft error, got {other:?}"),
    }
    let (listed, _) = storage::list_drafts().unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].error.is_some());
    assert_eq!(storage::read_raw(&id).unwrap().as_deref(), Some(damaged));
}
