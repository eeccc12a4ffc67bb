//! Replays what fuzzing found: every minimised input under
//! `tests/fuzz-regressions/<target>/` runs through the same code as its
//! fuzz target (`fuzz/src/lib.rs`, compiled here as a module, on stable)
//! and must neither panic nor break the target's properties (a document
//! read, written and read again is equal, with the same findings).
//!
//! Inputs under `<target>/known/` are known bugs left to the owner of the
//! code (named in `fuzz_targets::KNOWN`, each file starting with its id):
//! they run too, and the test prints whether each still fails, without
//! failing. When one passes, its `KNOWN` entry goes and the file moves up a
//! folder.

#[path = "../fuzz/src/lib.rs"]
mod fuzz_targets;

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// How one input fared.
enum Outcome {
    Passed,
    /// The target recorded known bugs instead of failing.
    Known(Vec<&'static str>),
    /// The target panicked: the core did, or a property failed.
    Failed(String),
}

fn replay(target: &str, input: &[u8]) -> Outcome {
    fuzz_targets::take_known();
    let result = catch_unwind(AssertUnwindSafe(|| {
        assert!(fuzz_targets::run(target, input), "no fuzz target {target}");
    }));
    let hits = fuzz_targets::take_known();
    match result {
        Err(e) => Outcome::Failed(
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        ),
        Ok(()) if hits.is_empty() => Outcome::Passed,
        Ok(()) => Outcome::Known(hits),
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.is_file());
    out.sort();
    out
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions")
}

/// Every folder is a fuzz target's, and holds at most `known/` besides files.
#[test]
fn regression_folders_name_fuzz_targets() {
    for entry in fs::read_dir(root()).expect("tests/fuzz-regressions exists") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_file() {
            assert_eq!(
                name, "README.md",
                "a file outside a target's folder: {name}"
            );
            continue;
        }
        assert!(
            fuzz_targets::TARGETS.iter().any(|(t, _)| *t == name),
            "tests/fuzz-regressions/{name}: no fuzz target of that name"
        );
        for sub in fs::read_dir(&path).unwrap() {
            let sub = sub.unwrap().path();
            if sub.is_dir() {
                assert!(
                    sub.ends_with("known"),
                    "unexpected folder {}",
                    sub.display()
                );
                for f in files(&sub) {
                    let file = f.file_name().unwrap().to_string_lossy().to_string();
                    assert!(
                        fuzz_targets::KNOWN.iter().any(|k| file.starts_with(k.id)),
                        "{}: a known input's name starts with the id of its known bug",
                        f.display()
                    );
                }
            }
        }
    }
}

/// Every fixed bug stays fixed.
#[test]
fn fixed_regressions_pass() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (target, _) in fuzz_targets::TARGETS {
        for file in files(&root().join(target)) {
            count += 1;
            let input = fs::read(&file).unwrap();
            match replay(target, &input) {
                Outcome::Passed => {}
                Outcome::Known(ids) => failures.push(format!(
                    "{}: hits the known bug(s) {ids:?}; it belongs under known/",
                    file.display()
                )),
                Outcome::Failed(msg) => failures.push(format!("{}: {msg}", file.display())),
            }
        }
    }
    println!("{count} regression inputs replayed");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Known bugs: run and reported, never failing the test.
#[test]
fn known_regressions_are_reported() {
    for (target, _) in fuzz_targets::TARGETS {
        for file in files(&root().join(target).join("known")) {
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            let input = fs::read(&file).unwrap();
            let line = match replay(target, &input) {
                Outcome::Passed => {
                    "passes now: remove its KNOWN entry and move it out of known/".to_string()
                }
                Outcome::Known(ids) => {
                    let what: Vec<&str> = ids
                        .iter()
                        .filter_map(|id| fuzz_targets::KNOWN.iter().find(|k| k.id == *id))
                        .map(|k| k.what)
                        .collect();
                    format!("still fails: {}", what.join("; "))
                }
                Outcome::Failed(msg) => {
                    format!("fails in another way: {}", msg.lines().next().unwrap_or(""))
                }
            };
            println!("known bug {target}/{name}: {line}");
        }
    }
}

/// The replay really fails on a failing input: the round trip of a target
/// object that does not read is caught (as the known bug it is today, or
/// not at all once fixed), and a panic inside a target is reported as a
/// failure, not lost.
#[test]
fn replay_reports_panics_and_known_bugs() {
    assert!(matches!(
        replay("no-such-target", b""),
        Outcome::Failed(m) if m.contains("no fuzz target")
    ));
    let lossy = br#"{"format":"jixiao/v1","kind":"project-goal","indicators":[{"target":{}}]}"#;
    match replay("roundtrip", lossy) {
        Outcome::Known(ids) => assert!(ids.contains(&"target-object"), "{ids:?}"),
        Outcome::Passed => {}
        Outcome::Failed(msg) => panic!("a known loss failed instead: {msg}"),
    }
}
