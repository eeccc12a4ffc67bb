//! Many documents for the batch test (`tests/cli_batch.rs`) and the batch
//! measurement (`benches/batch.rs`): the forms of the test corpus and the
//! real forms, each copy given its own project (or unit) name, so that no
//! two files are the same text.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The source forms: every `*.json` of `tests/corpus` and
/// `tests/real/forms` but the expected reports, as parsed JSON, in the
/// order of their names.
pub fn sources() -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut paths: Vec<PathBuf> = ["corpus", "real/forms"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).expect("test forms"))
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| serde_json::from_slice(&std::fs::read(p).ok()?).ok())
        .collect()
}

/// Writes `count` documents into `dir` (created) as `00000.json` … and
/// gives their paths in order; copy `i` is source `i % sources.len()`
/// with ` 第i份` after its name.
pub fn write(dir: &Path, count: usize) -> Vec<PathBuf> {
    let sources = sources();
    assert!(!sources.is_empty(), "no test forms found");
    std::fs::create_dir_all(dir).expect("batch folder");
    (0..count)
        .map(|i| {
            let mut doc = sources[i % sources.len()].clone();
            for key in ["project", "unit"] {
                if let Some(Value::String(name)) = doc.get_mut(key).and_then(|o| o.get_mut("name"))
                {
                    name.push_str(&format!(" 第{i}份"));
                }
            }
            let path = dir.join(format!("{i:05}.json"));
            let text = serde_json::to_string_pretty(&doc).expect("JSON");
            std::fs::write(&path, text).expect("write a document");
            path
        })
        .collect()
}
