//! The fuzz harness of jixiao: one function per fuzz target, each taking the
//! raw bytes libFuzzer generates and driving one public entry point of the
//! core the way the command line, the page or a portal would.
//!
//! A target fails by panicking: the core panicked, or a property the
//! function asserts does not hold (a document that reads, is written and is
//! read again must come back equal, with the same findings). The same file
//! is compiled twice: by the fuzz package (`fuzz/fuzz_targets/*.rs`, under
//! libFuzzer, see `scripts/fuzz`) and as a module of the stable test
//! `tests/fuzz_regressions.rs`, which replays every minimised input under
//! `tests/fuzz-regressions/<target>/` through [`run`]. It therefore uses
//! nothing but `jixiao`, `serde_json` and the standard library.

use std::cell::RefCell;
use std::sync::OnceLock;

use jixiao::drafts::{import_document, DraftIndex, DraftRecord};
use jixiao::edit::{apply, Action, FormState};
use jixiao::evaluate::{evaluate, Report};
use jixiao::fields::describe_path;
use jixiao::finding::Finding;
use jixiao::json::At;
use jixiao::model::{Document, Kind};
use jixiao::profile::{builtin_json, Profile};
use jixiao::profile_lint;
use jixiao::score::score;
use jixiao::target::{parse_actual, parse_target, Actual, Target};
use jixiao::tsv::parse_rows;
use serde_json::Value;

/// A fuzz target: it takes libFuzzer's bytes and panics on a failure.
pub type FuzzTarget = fn(&[u8]);

/// Every fuzz target by name, as `scripts/fuzz` runs them and as the
/// regression folders are named.
pub const TARGETS: &[(&str, FuzzTarget)] = &[
    ("target", target),
    ("document", document),
    ("profile", profile),
    ("paste", paste),
    ("drafts", drafts),
    ("roundtrip", roundtrip),
];

/// Runs the target of this name on one input; `false` for an unknown name.
pub fn run(name: &str, data: &[u8]) -> bool {
    match TARGETS.iter().find(|(n, _)| *n == name) {
        Some((_, f)) => {
            f(data);
            true
        }
        None => false,
    }
}

/// A known bug, left to the owner of the code it is in: a failure of this
/// kind is recorded (see [`take_known`]) instead of failing the target, so
/// that fuzzing goes on past it. Its minimised inputs are kept under
/// `tests/fuzz-regressions/<target>/known/`, which the replay test runs and
/// reports on without failing. When the bug is fixed, its entry goes, and
/// its inputs move up a folder, where they must pass.
pub struct Known {
    pub id: &'static str,
    pub what: &'static str,
}

pub const KNOWN: &[Known] = &[
    Known {
        id: "target-object",
        what: "a target given as a JSON object that does not read is written back as \
               other text (src/target/object.rs)",
    },
    Known {
        id: "date-year",
        what: "a date typed without a year (“12月底前”) in a form whose year is out of \
               range is written as a date the reader rejects (src/model.rs, src/target/date.rs)",
    },
    Known {
        id: "target-text",
        what: "the text a target was typed as (Indicator::target_text) changes when the \
               document is written and read again: a row without a target gets Some(\"\"), \
               a target typed as printed (“0”, “≥1200台套”) loses it (src/model.rs)",
    },
    Known {
        id: "print-reparse",
        what: "a target read from text is printed (as the editor shows it) as text that \
               reads as another target: “高于1月底” as “>1月底” (a date) (src/target/)",
    },
];

thread_local! {
    static KNOWN_HITS: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// Records a failure of a known kind (an id of [`KNOWN`]).
fn known(id: &'static str) {
    debug_assert!(
        KNOWN.iter().any(|k| k.id == id),
        "unknown known-bug id {id}"
    );
    KNOWN_HITS.with(|h| h.borrow_mut().push(id));
}

/// The known bugs the inputs run on this thread since the last call hit.
pub fn take_known() -> Vec<&'static str> {
    KNOWN_HITS.with(|h| std::mem::take(&mut *h.borrow_mut()))
}

/// The JSON Pointer of the first place where two values differ, and the
/// two values there.
fn first_difference(a: &Value, b: &Value) -> Option<(String, Value, Value)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let (va, vb) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                first_difference(va, vb).map(|(p, l, r)| (format!("/{k}{p}"), l, r))
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (va, vb))| {
                first_difference(va, vb).map(|(p, l, r)| (format!("/{i}{p}"), l, r))
            })
        }
        _ if a == b => None,
        _ => Some((String::new(), a.clone(), b.clone())),
    }
}

/// The national profile: every document target is evaluated under it.
fn national() -> &'static Profile {
    Profile::national()
}

/// Evaluates and scores a document as `jixiao check` does, and words every
/// finding's place as the page does.
fn evaluate_all(doc: &Document, profile: &Profile) -> Report {
    let report = evaluate(doc, profile);
    for f in &report.findings {
        describe_path(&f.path, doc.kind);
    }
    let scored = score(doc, profile);
    if doc.kind.is_self_eval() {
        let total = scored.score.total;
        assert!(
            total.is_zero() || total.is_sign_positive(),
            "negative total score {total}"
        );
    }
    report
}

/// The target and actual parser (指标值, 实际完成值): any text reads
/// without a panic, and a target that reads is written back (as printed,
/// and in the JSON object form of format v1) as text that reads as the same
/// target.
pub fn target(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let t = parse_target(&text);
    match &t {
        Target::Invalid { error, .. } => {
            error.message();
        }
        valid => {
            let shown = valid.to_string();
            let again = parse_target(&shown);
            if &again != valid {
                // Known, whatever the two readings (see KNOWN); a panic
                // here would stop fuzzing at the first of many.
                known("print-reparse");
            }
        }
    }
    let written = serde_json::to_value(&t).expect("a target serializes");
    let back = Target::read(&written, &At::ROOT)
        .unwrap_or_else(|e| panic!("{text:?} is written as {written}, which does not read: {e}"));
    assert_eq!(
        back, t,
        "{text:?} is written as {written}, which reads as another target"
    );
    if let Actual::Invalid(e) = parse_actual(&text) {
        e.message();
    }
}

/// Document → evaluation: any text either is refused with a message or
/// reads as a document that the national profile checks and scores.
pub fn document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Document::from_json(text) {
        Ok(doc) => {
            evaluate_all(&doc, national());
        }
        Err(e) => {
            e.message();
        }
    }
}

/// A self-evaluation and a goal form, checked under every profile the
/// profile target manages to load.
fn sample_documents() -> &'static [Document] {
    static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
    DOCS.get_or_init(|| {
        [
            include_str!("../../tests/corpus/social-dibao-selfeval.json"),
            include_str!("../../tests/corpus/school-nutrition-goal.json"),
        ]
        .iter()
        .map(|t| Document::from_json(t).expect("corpus document reads"))
        .collect()
    })
}

/// Profile read, merge and lint: the input is a profile's text, optionally
/// followed by a NUL byte and the text served as its parent (whatever the
/// parent is called). It is loaded twice: with the built-in profiles as
/// parents (`jixiao check --profile FILE`), and with the second text as
/// parent. A profile the linter accepts checks and scores documents.
pub fn profile(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (child, parent) = text.split_once('\0').unwrap_or((&text, ""));
    let builtins = |name: &str| builtin_json(name).map(str::to_string);
    let served = |_: &str| Some(parent.to_string());
    for loaded in [
        profile_lint::load(child, &builtins),
        profile_lint::load(child, &served),
    ] {
        match loaded {
            Ok(p) => {
                for doc in sample_documents() {
                    evaluate_all(doc, &p);
                }
            }
            Err(e) => {
                e.message();
            }
        }
    }
    // A byte-order mark (as Windows Notepad writes) before either text
    // changes nothing.
    let direct = Profile::from_json(child, &served);
    let bom_parent = |_: &str| Some(format!("\u{feff}{parent}"));
    assert_eq!(
        Profile::from_json(&format!("\u{feff}{child}"), &bom_parent),
        direct,
        "a byte-order mark changes how the profile reads"
    );
    if let Err(e) = direct {
        e.message();
    }
}

/// A position from one control byte: small positions, and the largest
/// `usize` values for bytes from 0xF0.
fn position(b: u8) -> usize {
    if b >= 0xF0 {
        usize::MAX - usize::from(0xFF - b)
    } else {
        usize::from(b)
    }
}

/// Paste: four control bytes, then the pasted text. The text is read as
/// rows for every kind of form; then pasted into an editor (kind and number
/// of blank rows from byte 0) as whole rows at byte 1 and as cells at row
/// byte 2, column byte 3. (The rows are not checked here: a paste of many
/// short lines is a form of as many rows, and checking it twice per run
/// slowed this target tenfold; the document target checks rows.)
pub fn paste(data: &[u8]) {
    let Some((ctl, text)) = data.split_first_chunk::<4>() else {
        return;
    };
    let text = String::from_utf8_lossy(text);
    for kind in Kind::ALL {
        let (_, problems) = parse_rows(&text, kind);
        for p in &problems {
            p.describe();
        }
    }
    let kind = Kind::ALL[usize::from(ctl[0] % 4)];
    let mut state = FormState::new(Document::new(kind));
    for _ in 0..(ctl[0] >> 2) % 4 {
        state = apply(&state, Action::AddRow { after: None });
    }
    let pasted = [
        apply(
            &state,
            Action::PasteRows {
                at: position(ctl[1]),
                text: text.to_string(),
            },
        ),
        apply(
            &state,
            Action::PasteCells {
                row: position(ctl[2]),
                col: position(ctl[3]),
                text: text.to_string(),
            },
        ),
    ];
    for s in &pasted {
        if let Some(report) = &s.paste_report {
            for p in &report.problems {
                p.describe();
            }
        }
    }
}

/// Drafts: any text, read as a stored draft record, as its meta alone, as
/// the drafts index and as an imported file, is refused with a message or
/// read; a record and an index that read are written back as text that
/// reads the same (the document inside a record is the round-trip
/// target's).
pub fn drafts(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match DraftRecord::from_json(text) {
        Ok(record) => {
            let written = record.to_json();
            let back = DraftRecord::from_json(&written).unwrap_or_else(|e| {
                panic!(
                    "a draft record is written as {written}, which does not read: {}",
                    e.message()
                )
            });
            assert_eq!(
                back.meta, record.meta,
                "a draft's meta changes when written"
            );
            // The next save of this draft (in another tab) reads too.
            let next = DraftRecord::next("d2", &record.document, Some(&record.meta), 1, "t2");
            let written = next.to_json();
            let back = DraftRecord::from_json(&written).unwrap_or_else(|e| {
                panic!(
                    "the next save of a draft is written as {written}, which does not read: {}",
                    e.message()
                )
            });
            assert_eq!(
                back.meta, next.meta,
                "the next save's meta changes when written"
            );
        }
        Err(e) => {
            e.message();
        }
    }
    if let Err(e) = DraftRecord::meta_from_json(text) {
        e.message();
    }
    let index = DraftIndex::from_json(Some(text));
    let written = index.to_json();
    assert_eq!(
        DraftIndex::from_json(Some(&written)),
        index,
        "the drafts index changes when written: {written}"
    );
    match import_document(text) {
        Ok(doc) => {
            evaluate_all(&doc, national());
        }
        Err(e) => {
            e.message();
        }
    }
}

/// The known kind of a lost target, if it is one, from the first row
/// whose target changed.
fn known_target_loss(text: &str, first: &Document, second: &Document) -> Option<&'static str> {
    let (i, a, b) = first
        .indicators
        .iter()
        .zip(&second.indicators)
        .enumerate()
        .find(|(_, (a, b))| a.target != b.target)
        .map(|(i, (a, b))| (i, &a.target, &b.target))?;
    let given = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')).ok()?;
    match (given.pointer(&format!("/indicators/{i}/target"))?, a, b) {
        (Value::Object(_), _, _) => Some("target-object"),
        (Value::String(_), Target::Date { .. }, Target::Invalid { .. }) => Some("date-year"),
        _ => None,
    }
}

/// The round trip of `jixiao read`: a document that reads is written, and
/// what is written reads as the same document with the same findings.
pub fn roundtrip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(first) = Document::from_json(text) else {
        return;
    };
    let written = first.to_json();
    let second = Document::from_json(&written).unwrap_or_else(|e| {
        panic!(
            "the document is written as text that does not read: {}\n{written}",
            e.message()
        )
    });
    // Known: the typed text of targets changes. It is recorded and set
    // aside, so that the rest of the document is still compared (and the
    // findings of the document as read back, text and all).
    let mut compared = second.clone();
    let mut text_changed = Vec::new();
    for (i, (b, a)) in compared
        .indicators
        .iter_mut()
        .zip(&first.indicators)
        .enumerate()
    {
        if (&b.target_text, &b.adjusted_target_text) != (&a.target_text, &a.adjusted_target_text) {
            b.target_text.clone_from(&a.target_text);
            b.adjusted_target_text.clone_from(&a.adjusted_target_text);
            known("target-text");
            text_changed.push(format!("/indicators/{i}/"));
        }
    }
    if compared != first {
        let second = compared;
        if let Some(id) = known_target_loss(text, &first, &second) {
            return known(id);
        }
        let as_json = |d: &Document| serde_json::to_value(d).expect("a document serializes");
        let Some((place, was, now)) = first_difference(&as_json(&first), &as_json(&second)) else {
            // Written alike, read differently: show the first different row.
            let row = first
                .indicators
                .iter()
                .zip(&second.indicators)
                .position(|(a, b)| a != b);
            match row {
                Some(i) => panic!(
                    "row {i} is written alike but reads differently:\n{:?}\n{:?}",
                    first.indicators[i], second.indicators[i]
                ),
                None => panic!("the document reads differently:\n{first:?}\n{second:?}"),
            }
        };
        let given = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}'))
            .ok()
            .and_then(|v| v.pointer(&place).cloned());
        panic!(
            "the document changes when written, at {place}: given {}, read as {was}, \
             read back as {now}\nwritten:\n{written}",
            given.map_or("(absent)".into(), |g| g.to_string())
        );
    }
    let (a, b) = (
        evaluate_all(&first, national()),
        evaluate_all(&second, national()),
    );
    if b.findings != a.findings {
        let only = |x: &Report, y: &Report| -> Vec<Finding> {
            x.findings
                .iter()
                .filter(|f| !y.findings.contains(f))
                .cloned()
                .collect()
        };
        // Findings about the rows whose typed text was lost: the same known bug.
        if only(&a, &b).iter().chain(&only(&b, &a)).all(|f| {
            text_changed
                .iter()
                .any(|row| f.path.starts_with(row.as_str()))
        }) {
            return;
        }
        panic!(
            "the findings change when the document is written:\nbefore only: {:?}\n\
             after only: {:?}\nwritten:\n{written}",
            only(&a, &b),
            only(&b, &a)
        );
    }
}
