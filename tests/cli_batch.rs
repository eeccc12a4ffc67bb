//! `jixiao check` over many files at once, as a portal's server runs it:
//! 200 generated documents and one that cannot be read, given on the
//! command line and through `--files-from`; every file is reported, in
//! order, the unreadable one as an error entry, with the documented exit
//! code, and no progress line on a piped standard error.

#[path = "support/batch_docs.rs"]
mod batch_docs;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const COUNT: usize = 200;

/// The generated files with a missing one at position 100: the paths as
/// given, and the folder.
fn files(name: &str) -> (Vec<String>, PathBuf) {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-batch-{}-{name}", std::process::id()));
    let mut paths: Vec<String> = batch_docs::write(&dir, COUNT)
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    paths.insert(100, missing);
    (paths, dir)
}

fn jixiao(args: &[String], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    // The binary may exit before it reads standard input (a wrong command
    // line): a closed pipe here is not the test's failure.
    let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    drop(input);
    child.wait_with_output().expect("the binary ends")
}

/// The JSON report of a batch: one entry per file in order, the missing
/// file an error entry, the others checked; some of the forms have errors.
fn assert_json_report(o: &Output, paths: &[String]) {
    let err = String::from_utf8_lossy(&o.stderr);
    // Exit 2: a file could not be read (it outranks 1, forms with errors).
    assert_eq!(o.status.code(), Some(2), "{err}");
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    let entries = v.as_array().expect("an array, one object per file");
    assert_eq!(entries.len(), paths.len());
    for (n, (entry, path)) in entries.iter().zip(paths).enumerate() {
        assert_eq!(entry["file"], path.as_str(), "entry {n}");
        if n == 100 {
            let e = entry["error"].as_str().expect("an error entry");
            assert!(e.contains("文件不存在"), "{e}");
            assert!(entry.get("findings").is_none());
        } else {
            assert!(entry.get("error").is_none(), "entry {n}: {entry}");
            assert!(entry["findings"].is_array(), "entry {n}");
            assert!(entry["profile"].is_string(), "entry {n}");
        }
    }
    let errors = entries
        .iter()
        .filter(|e| {
            e["findings"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f["severity"] == "error"))
        })
        .count();
    assert!(errors > 0, "some of the corpus forms have errors");
    assert_no_progress(&err);
    // The only message on stderr is the one about the missing file.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("missing.json"), "{err}");
}

fn assert_no_progress(err: &str) {
    assert!(!err.contains("已检查"), "progress on a pipe: {err:?}");
    assert!(!err.contains('\r'), "carriage return on a pipe: {err:?}");
}

#[test]
fn many_files_on_the_command_line() {
    let (paths, dir) = files("args");
    let args = [vec!["check".to_string(), "--json".into()], paths.clone()].concat();
    assert_json_report(&jixiao(&args, None), &paths);

    // The human report names every file in the same order.
    let args = [vec!["check".to_string()], paths.clone()].concat();
    let o = jixiao(&args, None);
    assert_eq!(o.status.code(), Some(2));
    let text = String::from_utf8_lossy(&o.stdout);
    let named: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(named, paths);
    assert_no_progress(&String::from_utf8_lossy(&o.stderr));

    // Without the missing file: exit 1, some forms have errors.
    let readable: Vec<String> = paths
        .iter()
        .filter(|p| !p.ends_with("missing.json"))
        .cloned()
        .collect();
    let args = [vec!["check".to_string(), "--json".into()], readable].concat();
    let o = jixiao(&args, None);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.stderr, b"");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn many_files_from_a_list() {
    let (paths, dir) = files("list");
    // Windows line ends and blank lines in the list are ignored.
    let list = paths.join("\r\n") + "\r\n\n";
    let list_file = dir.join("list.txt");
    std::fs::write(&list_file, &list).unwrap();
    let from_file = vec![
        "check".to_string(),
        "--json".into(),
        "--files-from".into(),
        list_file.to_string_lossy().into_owned(),
    ];
    assert_json_report(&jixiao(&from_file, None), &paths);
    let from_stdin: Vec<String> = ["check", "--json", "--files-from", "-"]
        .map(String::from)
        .to_vec();
    assert_json_report(&jixiao(&from_stdin, Some(&list)), &paths);

    // A list of one file is still an array.
    let one = vec![
        "check".to_string(),
        "--json".into(),
        "--files-from=-".into(),
    ];
    let o = jixiao(&one, Some(&paths[0]));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");

    // Standard input cannot be both the list and a document; an empty or
    // missing list is exit 2.
    let both = ["check", "--files-from", "-", "-"]
        .map(String::from)
        .to_vec();
    let o = jixiao(&both, Some(&paths[0]));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("只能读取一次"));
    let o = jixiao(&from_stdin, Some("\n\n"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有文件"));
    let missing = ["check", "--files-from", "/nonexistent/list.txt"]
        .map(String::from)
        .to_vec();
    let o = jixiao(&missing, None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("文件不存在"));
    assert_eq!(o.stdout, b"");
    let _ = std::fs::remove_dir_all(dir);
}

/// On a terminal (a pseudo-terminal from `script`, with standard output
/// redirected to a file) the progress line is shown and cleared at the end.
#[test]
fn progress_on_a_terminal() {
    let has_script = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("no `script` (util-linux) to give a terminal; skipped");
        return;
    }
    let (paths, dir) = files("tty");
    let list_file = dir.join("list.txt");
    std::fs::write(&list_file, paths.join("\n")).unwrap();
    let out_file = dir.join("out.json");
    let command = format!(
        "'{}' check --json --files-from '{}' > '{}'",
        env!("CARGO_BIN_EXE_jixiao"),
        list_file.display(),
        out_file.display()
    );
    let o = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    let screen = String::from_utf8_lossy(&o.stdout);
    if !screen.contains("missing.json") {
        eprintln!("`script` gave no terminal here ({screen:?}); skipped");
        return;
    }
    assert_eq!(o.status.code(), Some(2), "{screen:?}");
    let total = paths.len();
    assert!(
        screen.contains(&format!("\r已检查 1/{total} 份…")),
        "{screen:?}"
    );
    // Cleared at the end: spaces over the last line, the cursor back at
    // the start of the line, nothing after.
    let last = screen.rfind("份…").unwrap();
    let tail = &screen[last + "份…".len()..];
    assert!(tail.starts_with('\r') || tail.starts_with(' '), "{tail:?}");
    assert!(tail.trim_end_matches(' ').ends_with('\r'), "{tail:?}");
    assert!(tail.trim_matches([' ', '\r']).is_empty(), "{tail:?}");
    // The output file is the same JSON as without a terminal.
    let v: Value = serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(total));
    let _ = std::fs::remove_dir_all(dir);
}
