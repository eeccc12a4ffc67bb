//! What the built binary writes, and what it does when it cannot: a full
//! disk (`/dev/full`) is a Chinese message and exit 2, a closed pipe
//! (`jixiao check … | head -1`) a quiet exit 2, never a panic; and text from
//! a document never reaches a terminal with its control characters raw.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard};

use serde_json::Value;

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(format!("{name}.json"))
        .to_string_lossy()
        .into_owned()
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-output-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Held while a test of this file runs the binary. A child started by
/// another thread of this test process holds a copy of every open pipe
/// between its fork and its exec, and a pipe whose reading end one test
/// closed must have no other reader; so the tests here run one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The commands that write something, each on documents whose output is
/// larger than the writer's buffer where it matters (many files).
fn commands() -> Vec<Vec<String>> {
    let goal = corpus("water-rural-supply-goal");
    let self_eval = corpus("ningxia-cattle-industry-selfeval");
    let many: Vec<String> = std::iter::repeat_n(goal.clone(), 300).collect();
    let mut v = vec![
        vec!["check".to_string(), goal.clone()],
        vec!["check".into(), "--json".into(), goal.clone()],
        vec!["score".into(), self_eval.clone()],
        vec!["score".into(), "--json".into(), self_eval.clone()],
        vec!["read".into(), goal.clone()],
        vec!["--help".into()],
    ];
    v.push([vec!["check".to_string()], many.clone()].concat());
    v.push([vec!["check".to_string(), "--json".into()], many].concat());
    v
}

#[test]
fn a_full_disk_is_a_chinese_message_and_exit_2() {
    let _one = one_at_a_time();
    if !Path::new("/dev/full").exists() {
        eprintln!("no /dev/full on this system; skipped");
        return;
    }
    for args in commands() {
        let full = OpenOptions::new().write(true).open("/dev/full").unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(&args)
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .output()
            .expect("the binary runs");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("无法写出结果：磁盘已满"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        // One message, not one per file.
        assert_eq!(err.matches("无法写出结果").count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_2() {
    let _one = one_at_a_time();
    for args in commands() {
        // The reading end is closed before the binary starts, so that it
        // cannot write anything before the close (as when `head` has its
        // line before the rest comes).
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(&args)
            .stdout(Stdio::from(writer))
            .stderr(Stdio::piped())
            .output()
            .expect("the binary runs");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert!(!err.contains("无法写出结果"), "{args:?}: {err}");
    }
}

#[test]
fn output_to_a_file_is_complete_and_exits_as_documented() {
    let _one = one_at_a_time();
    // The same writer, when nothing fails: every file's report, in order.
    let goal = corpus("water-rural-supply-goal");
    let clean = corpus("roads-maintenance-goal");
    let path = std::env::temp_dir().join(format!("jixiao-out-{}.json", std::process::id()));
    let mut args = vec!["check".to_string(), "--json".into()];
    for i in 0..200 {
        args.push(if i % 2 == 0 {
            goal.clone()
        } else {
            clean.clone()
        });
    }
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(&args)
        .stdout(Stdio::from(File::create(&path).unwrap()))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let files = v.as_array().unwrap();
    assert_eq!(files.len(), 200);
    for (i, f) in files.iter().enumerate() {
        let want = if i % 2 == 0 { &goal } else { &clean };
        assert_eq!(f["file"], want.as_str(), "{i}");
        assert_eq!(
            f["findings"].as_array().unwrap().is_empty(),
            i % 2 == 1,
            "{i}"
        );
    }
    let _ = std::fs::remove_file(&path);
}

/// A document whose name, a target and an explanation carry terminal
/// control sequences.
const TRICKY: &str = r#"{"format": "jixiao/v1", "kind": "project-self-eval", "year": 2024,
  "project": {"name": "道路\u001b[2J\u001b[31m养护\r\u0007", "department": "县交通运输局", "unit": "县公路中心"},
  "budget": {"initial": {"total": "100"}, "adjusted": {"total": "100"}, "executed": {"total": "100"}},
  "execution_weight": "10",
  "goals": {"planned": "完成120公里养护", "achieved": "完成120公里养护"},
  "indicators": [
    {"id": "q1", "level1": "产出指标", "level2": "数量指标", "name": "养护里程\u202e",
     "target": "≥120公里\u001b]0;x\u0007", "actual": "120公里", "weight": "50"}
  ],
  "explanations": [{"rule": "GOAL-ACHIEVED-COPY", "path": "/goals/achieved", "text": "说明\u001b[0m"}]}"#;

#[test]
fn control_characters_from_a_document_are_escaped_on_a_terminal() {
    let _one = one_at_a_time();
    let doc = temp_file("tricky.json", TRICKY);
    let doc = doc.to_str().unwrap();
    for args in [vec!["check", doc], vec!["score", doc]] {
        let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(&args)
            .output()
            .unwrap();
        let out = String::from_utf8(o.stdout.clone()).unwrap();
        assert!(
            !out.contains(['\u{1b}', '\r', '\u{7}', '\u{202e}']),
            "{args:?}: {out:?}"
        );
        assert!(
            out.contains("道路\\u{1b}[2J\\u{1b}[31m养护\\u{d}\\u{7}"),
            "{args:?}: {out}"
        );
        assert!(out.contains("\\u{1b}]0;x\\u{7}"), "{args:?}: {out}");
        if args[0] == "check" {
            assert!(out.contains("已说明：说明\\u{1b}[0m"), "{args:?}: {out}");
        }
        if args[0] == "score" {
            assert!(out.contains("养护里程\\u{202e}"), "{args:?}: {out}");
        }
    }
    // The JSON output keeps the text exactly as the document has it.
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "--json", doc])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let at = |path: &str| {
        findings
            .iter()
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("a finding at {path}"))
    };
    let target = at("/indicators/0/target");
    assert!(
        target["message"]
            .as_str()
            .unwrap()
            .contains("“公里\u{1b}]0;x\u{7}”"),
        "{target}"
    );
    assert_eq!(at("/goals/achieved")["explanation"], "说明\u{1b}[0m");
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["read", doc])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["project"]["name"], "道路\u{1b}[2J\u{1b}[31m养护\r\u{7}");
}
