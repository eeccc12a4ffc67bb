#![cfg(target_arch = "wasm32")]
//! The corpus in the browser: every `tests/corpus` document, embedded with
//! `include_str!` through the generated `tests/corpus/index.rs`, must get
//! exactly the outcome of its `NAME.expected.json`, as it does natively
//! (`tests/corpus.rs`). Native and wasm builds thus give identical findings.

#[path = "corpus/index.rs"]
mod index;
#[path = "corpus/support.rs"]
mod support;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn corpus_gives_the_expected_findings_in_the_browser() {
    assert!(index::CORPUS.len() >= 30);
    let mut failures = Vec::new();
    for (name, doc, expected) in index::CORPUS {
        let got = support::outcome_of(doc);
        let want = support::expected_of(expected);
        if got != want {
            failures.push(format!("{name}:\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn built_in_profiles_load_in_the_browser() {
    let ids: Vec<String> = jixiao::profile::builtins()
        .iter()
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(
        ids,
        [
            "national",
            "sichuan",
            "sichuan-salary",
            "ningxia",
            "hubei-old",
            "hebei",
            "yunnan",
            "anhui-xianjie",
            "chongqing-unit",
            "yinchuan",
        ]
    );
    for p in jixiao::profile::builtins() {
        assert!(jixiao::profile_lint::lint(p).is_empty(), "{}", p.id);
    }
}
