//! The built binary on input it cannot use: malformed, empty, binary and
//! missing files, a directory, and standard input (`-`). Every case must
//! exit with 2 and say in Chinese which file and, where it applies, which
//! line and column; no case may panic.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch folder of this test run.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(name: &str, bytes: &[u8]) -> String {
    let path = scratch().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// Runs the binary with these arguments and this standard input.
fn jixiao(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A command that does not read its input may close it first.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().expect("the binary finishes")
}

/// What a case's standard error must say.
struct Case {
    /// What is given: a file (as a path) or `-`.
    file: String,
    stdin: Vec<u8>,
    /// Fragments the standard error must contain (besides the file's name).
    says: Vec<&'static str>,
}

fn case(file: &str, says: &[&'static str]) -> Case {
    Case {
        file: file.to_string(),
        stdin: Vec::new(),
        says: says.to_vec(),
    }
}

fn stdin_case(stdin: &[u8], says: &[&'static str]) -> Case {
    Case {
        file: "-".to_string(),
        stdin: stdin.to_vec(),
        says: says.to_vec(),
    }
}

/// Runs `read`, `check` and `score` on the case: exit code 2, the file
/// named, every fragment said, and no panic.
fn check_case(c: &Case) {
    let named = if c.file == "-" {
        "标准输入（-）"
    } else {
        c.file.as_str()
    };
    for command in ["read", "check", "score"] {
        let out = jixiao(&[command, &c.file], &c.stdin);
        let err = String::from_utf8_lossy(&out.stderr);
        let label = format!("jixiao {command} {}", c.file);
        assert_eq!(out.status.code(), Some(2), "{label}: {err}");
        assert!(!err.contains("panicked"), "{label}: {err}");
        assert!(err.contains(&format!("{named}: ")), "{label}: {err}");
        for s in &c.says {
            assert!(err.contains(s), "{label}: {err:?} should contain {s:?}");
        }
        assert!(
            err.chars()
                .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{label}: {err}"
        );
    }
}

#[test]
fn files_that_cannot_be_read() {
    let dir = scratch();
    let folder = dir.join("a-folder.json");
    std::fs::create_dir_all(&folder).unwrap();
    let deep = "[".repeat(100_000);
    let head = r#"{"format": "jixiao/v1", "kind": "project-self-eval""#;
    let cases = vec![
        case(
            &write(
                "trailing-comma.json",
                format!("{head},\n\"year\": \"2024\",\n}}").as_bytes(),
            ),
            &["第3行第1列", "多余的逗号"],
        ),
        case(
            &write(
                "truncated.json",
                format!("{head},\n\"project\": {{\"name\": \"乡").as_bytes(),
            ),
            &["第2行", "内容不完整"],
        ),
        case(
            &write("missing-colon.json", b"{\n  \"format\" \"jixiao/v1\"\n}"),
            &["第2行第12列", "应为冒号"],
        ),
        case(
            &write(
                "surrogate.json",
                format!("{head}, \"year\": \"\\ud800\"}}").as_bytes(),
            ),
            &["第1行", "单独的代理字符"],
        ),
        case(
            &write("deep.json", deep.as_bytes()),
            &["第1行第128列", "嵌套层数过多"],
        ),
        case(
            &write(
                "wrong-type.json",
                format!("{head}, \"indicators\": [{{\"name\": 5}}]}}").as_bytes(),
            ),
            &["字段 /indicators/0/name", "实际是数字 5"],
        ),
        case(
            &write(
                "future.json",
                br#"{"format": "jixiao/v2", "kind": "project-goal"}"#,
            ),
            &["jixiao/v2", "请升级"],
        ),
        case(&write("array.json", b"[1, 2]"), &["不是一个 JSON 对象"]),
        case(&write("empty.json", b""), &["文件是空的"]),
        case(&write("blank.json", b" \r\n\t\n"), &["文件是空的"]),
        case(
            &write(
                "binary.json",
                &[
                    0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0xff, 0xfe,
                ],
            ),
            &["不是 UTF-8 编码的文本"],
        ),
        case(
            &write("gbk.json", &[b'{', b'"', 0xd5, 0xe2, b'"', b'}']),
            &["不是 UTF-8 编码的文本", "GBK"],
        ),
        case(
            &write("nul.json", b"\0\0\0\0"),
            &["第1行第1列", "此处应为一个值"],
        ),
        case(&folder.to_string_lossy(), &["这是一个文件夹"]),
        case(
            &dir.join("no-such-form.json").to_string_lossy(),
            &["文件不存在"],
        ),
        stdin_case(b"", &["文件是空的"]),
        stdin_case(
            b"{\n\"format\": \"jixiao/v1\",\n\"kind\" 1}",
            &["第3行第8列", "应为冒号"],
        ),
        stdin_case(&[0xff, 0xfe, 0xfd], &["不是 UTF-8 编码的文本"]),
        stdin_case(b"null", &["不是一个 JSON 对象"]),
    ];
    for c in &cases {
        check_case(c);
    }
}

#[test]
fn a_bom_and_a_huge_field_are_read() {
    // A byte-order mark (Notepad) is not an error, on a file or on stdin.
    let text = "\u{feff}{\"format\": \"jixiao/v1\", \"kind\": \"project-goal\"}";
    let file = write("bom.json", text.as_bytes());
    for (args, stdin) in [(vec!["read", file.as_str()], ""), (vec!["read", "-"], text)] {
        let out = jixiao(&args, stdin.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("project-goal"));
    }
    // A 10 MB indicator name is read and checked (as too long), not refused.
    let name = "路".repeat(10 * 1024 * 1024 / 3);
    let doc = format!(
        r#"{{"format": "jixiao/v1", "kind": "project-goal", "indicators": [{{"id": "a", "name": "{name}"}}]}}"#
    );
    let file = write("huge.json", doc.as_bytes());
    let out = jixiao(&["check", "--json", &file], b"");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let findings = report["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "TEXT-TOO-LONG" && f["path"] == "/indicators/0/name"),
        "{findings:#?}"
    );
}

#[test]
fn a_bad_profile_file_is_named() {
    let form = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/roads-maintenance-goal.json")
        .to_string_lossy()
        .into_owned();
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            write("profile-comma.json", b"{\"id\": \"x\",\n\"version\": \"1\",}"),
            vec!["第2行第16列", "多余的逗号"],
        ),
        (
            write(
                "profile-shape.json",
                br#"{"id": "x", "version": "1", "parent": "national", "weights": {"execution": "ten"}}"#,
            ),
            vec!["字段 /weights/execution", "ten"],
        ),
        (write("profile-empty.json", b""), vec!["第1行第1列"]),
        (write("profile-binary.json", &[0xff, 0]), vec!["不是 UTF-8"]),
    ];
    for (profile, says) in &cases {
        for command in ["check", "score"] {
            let out = jixiao(&[command, "--profile", profile, &form], b"");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command} {profile}: {err}");
            assert!(!err.contains("panicked"), "{err}");
            assert!(err.contains(profile.as_str()), "{err}");
            for s in says {
                assert!(
                    err.contains(s),
                    "{command} {profile}: {err:?} should contain {s:?}"
                );
            }
        }
    }
}
