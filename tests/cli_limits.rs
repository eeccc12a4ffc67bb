//! Every limit of the README's "Limits" section, through the built binary:
//! a file just under each limit is read, one just over it is refused with
//! a Chinese message and exit 2, and nothing is read beyond the limit (an
//! endless input ends). The big inputs are built here, in a scratch folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use jixiao::limits::{MAX_DOCUMENT_BYTES, MAX_JSON_VALUES, MAX_ROWS};
use jixiao::profile::MAX_PROFILE_BYTES;

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(name: &str, text: &str) -> String {
    let path = scratch().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `check` on a file and says whether it was read (exit 0 or 1) or
/// refused (exit 2, with its message).
fn check(path: &str) -> Result<(), String> {
    let o = jixiao(&["check", path]);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    match o.status.code() {
        Some(0 | 1) => Ok(()),
        Some(2) => Err(err),
        other => panic!("exit {other:?}: {err}"),
    }
}

/// A small goal form, as JSON text ending in `}`, with `rows` rows.
fn goal(rows: usize, name: &str) -> String {
    let row = |i: usize| {
        format!(
            r#"{{"id": "r{i}", "level1": "产出指标", "level2": "数量指标", "name": "{name}{i}", "target": "≥1个", "weight": "1"}}"#
        )
    };
    let rows: Vec<String> = (0..rows).map(row).collect();
    format!(
        r#"{{"format": "jixiao/v1", "kind": "project-goal", "year": 2024,
  "project": {{"name": "乡村道路养护", "department": "县交通运输局", "unit": "县公路中心"}},
  "goals": {{"annual": "完成养护里程"}},
  "indicators": [{}]}}"#,
        rows.join(",\n")
    )
}

/// `text` (a JSON object) padded with spaces before its closing brace to
/// exactly `bytes` bytes.
fn padded(text: &str, bytes: usize) -> String {
    let body = text.strip_suffix('}').unwrap();
    let pad = bytes - text.len();
    format!("{body}{}}}", " ".repeat(pad))
}

#[test]
fn documents_up_to_16_mb() {
    let doc = goal(3, "养护里程");
    let under = write("under.json", &padded(&doc, MAX_DOCUMENT_BYTES));
    assert_eq!(
        std::fs::metadata(&under).unwrap().len() as usize,
        MAX_DOCUMENT_BYTES
    );
    assert_eq!(check(&under), Ok(()));
    let over = write("over.json", &padded(&doc, MAX_DOCUMENT_BYTES + 1));
    let err = check(&over).unwrap_err();
    assert!(err.contains("文件过大（超过 16.0 MB）"), "{err}");
    // The same on standard input, and an endless input ends.
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "-"])
        .stdin(std::fs::File::open(&over).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("文件过大"), "{}", stderr(&o));
    if Path::new("/dev/zero").exists() {
        let err = check("/dev/zero").unwrap_err();
        assert!(err.contains("文件过大"), "{err}");
    }
    // A document with a 10 MB indicator name is read and checked (its
    // time is a figure of the batch benchmark, not of this test).
    let long = goal(1, &"养护里程".repeat(10 * 1024 * 1024 / 12));
    let path = write("long-name.json", &long);
    assert!(std::fs::metadata(&path).unwrap().len() > 10 * 1024 * 1024);
    assert_eq!(check(&path), Ok(()));
}

#[test]
fn documents_up_to_5000_rows() {
    let at = write("rows-at.json", &goal(MAX_ROWS, "养护里程"));
    assert_eq!(check(&at), Ok(()));
    let over = write("rows-over.json", &goal(MAX_ROWS + 1, "养护里程"));
    let err = check(&over).unwrap_err();
    assert!(
        err.contains("表单有 5001 行绩效指标，超过上限 5000 行"),
        "{err}"
    );
    // Tasks of a unit-wide form too.
    let tasks = |n: usize| {
        let t: Vec<&str> = vec![r#"{"name": "任务", "content": "内容"}"#; n];
        format!(
            r#"{{"format": "jixiao/v1", "kind": "unit-goal", "tasks": [{}]}}"#,
            t.join(",")
        )
    };
    assert_eq!(check(&write("tasks-at.json", &tasks(MAX_ROWS))), Ok(()));
    let err = check(&write("tasks-over.json", &tasks(MAX_ROWS + 1))).unwrap_err();
    assert!(err.contains("5001 行年度主要任务"), "{err}");
}

#[test]
fn documents_up_to_500000_values() {
    // The form's own values, then an unknown field with numbers up to the
    // limit: the field is kept as given, so it is part of the document.
    let doc = goal(1, "养护里程");
    // Objects, arrays, texts and numbers, counted on the parsed form.
    fn values(v: &serde_json::Value) -> usize {
        1 + match v {
            serde_json::Value::Array(a) => a.iter().map(values).sum(),
            serde_json::Value::Object(o) => o.values().map(values).sum(),
            _ => 0,
        }
    }
    let own = values(&serde_json::from_str(&doc).unwrap());
    let with = |extra: usize| {
        let body = doc.strip_suffix('}').unwrap();
        format!(r#"{body}, "portal": [{}]}}"#, vec!["0"; extra].join(","))
    };
    // The array itself is one value.
    let under = write("values-at.json", &with(MAX_JSON_VALUES - own - 1));
    assert_eq!(check(&under), Ok(()));
    let over = write("values-over.json", &with(MAX_JSON_VALUES - own));
    let err = check(&over).unwrap_err();
    assert!(err.contains("数据项过多（超过 500000 个）"), "{err}");
}

#[test]
fn profiles_and_their_parents_up_to_1_mb() {
    let doc = write("doc.json", &goal(3, "养护里程"));
    let profile = r#"{"id": "strict", "version": "1", "parent": "national"}"#;
    let at = write("p-at.json", &padded(profile, MAX_PROFILE_BYTES));
    let o = jixiao(&["check", "--profile", &at, &doc]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let over = write("p-over.json", &padded(profile, MAX_PROFILE_BYTES + 1));
    let o = jixiao(&["check", "--profile", &over, &doc]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("文件过大（超过 1.0 MB）"),
        "{}",
        stderr(&o)
    );
    // The same for `score`.
    let o = jixiao(&["score", "--profile", &over, &doc]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("文件过大"), "{}", stderr(&o));

    // A parent found next to the profile: read up to the same limit, and
    // a parent over it is named, not reported as missing.
    let dir = scratch().join("parents");
    std::fs::create_dir_all(&dir).unwrap();
    let child = dir.join("child.json");
    std::fs::write(
        &child,
        r#"{"id": "child", "version": "1", "parent": "base"}"#,
    )
    .unwrap();
    let base = r#"{"id": "base", "version": "1", "parent": "national"}"#;
    std::fs::write(dir.join("base.json"), padded(base, MAX_PROFILE_BYTES)).unwrap();
    let o = jixiao(&["check", "--profile", child.to_str().unwrap(), &doc]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    std::fs::write(dir.join("base.json"), padded(base, MAX_PROFILE_BYTES + 1)).unwrap();
    let o = jixiao(&["check", "--profile", child.to_str().unwrap(), &doc]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("上级规则“base”"), "{err}");
    assert!(err.contains("文件过大（超过 1.0 MB）"), "{err}");
    assert!(!err.contains("找不到"), "{err}");
}
