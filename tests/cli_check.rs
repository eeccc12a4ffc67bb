//! `jixiao check` as a user runs it: the built binary on corpus files, its
//! exit codes (0 clean, 1 errors, 2 unreadable), its JSON output, and a
//! malformed file reported with line and column.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(format!("{name}.json"))
        .to_string_lossy()
        .into_owned()
}

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// (arguments, expected exit code) for files of each outcome.
#[test]
fn exit_codes() {
    let clean = corpus("roads-maintenance-goal");
    let warnings_only = corpus("culture-library-free-access-goal");
    let errors = corpus("water-rural-supply-goal");
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (vec!["check", &clean], 0),
        (vec!["check", &warnings_only], 0),
        (vec!["check", &errors], 1),
        (vec!["check", &clean, &errors], 1),
        (vec!["check", &clean, "/nonexistent/form.json"], 2),
        (vec!["check", &errors, "/nonexistent/form.json"], 2),
        (vec!["check"], 2),
        (vec!["check", "--bogus", &clean], 2),
        (vec!["check", "--profile", "guangxi-9", &clean], 2),
        (vec!["check", "--profile", "ningxia", &clean], 0),
        (vec!["check", "--help"], 0),
    ];
    for (args, code) in cases {
        let o = jixiao(&args);
        assert_eq!(
            o.status.code(),
            Some(code),
            "{args:?}\n{}\n{}",
            stdout(&o),
            stderr(&o)
        );
    }
}

#[test]
fn human_output_names_each_file_with_labels_and_rule_ids() {
    let a = corpus("roads-maintenance-goal");
    let b = corpus("water-rural-supply-goal");
    let o = jixiao(&["check", &a, &b]);
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "{a}: 项目支出绩效目标申报表《农村公路日常养护项目》，规则 national@2024.1"
        )),
        "{out}"
    );
    assert!(out.contains("未发现问题"), "{out}");
    assert!(out.contains(&format!("{b}: ")), "{out}");
    assert!(out.contains("错误 [FUND-SUM] /funds/total: "), "{out}");
    assert!(
        out.contains("错误 [IND-PLACEHOLDER] /indicators/2: "),
        "{out}"
    );
    assert!(out.contains("共 3 个错误、0 个提示、0 个说明。"), "{out}");
}

#[test]
fn json_output_for_one_and_for_several_files() {
    let a = corpus("health-basic-public-health-goal");
    let o = jixiao(&["check", "--json", &a]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON on stdout");
    assert_eq!(v["file"], a.as_str());
    assert_eq!(v["profile"], "national@2024.1");
    let findings = v["findings"].as_array().expect("findings array");
    assert_eq!(findings.len(), 5);
    let first = &findings[0];
    assert_eq!(first["rule"], "IND-NO-OP");
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["path"], "/indicators/0/target");
    assert_eq!(first["params"]["value"], "8755");
    assert!(first["message"].as_str().unwrap().contains("比较符号"));

    let b = corpus("ningxia-cattle-industry-selfeval");
    let o = jixiao(&["check", "--json", &a, &b, "/nonexistent/x.json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON on stdout");
    let files = v.as_array().expect("one object per file");
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["findings"].as_array().unwrap().len(), 5);
    assert_eq!(files[1]["file"], b.as_str());
    assert_eq!(files[1]["profile"], "ningxia@2024.1");
    assert_eq!(files[1]["findings"], Value::Array(vec![]));
    assert_eq!(files[2]["file"], "/nonexistent/x.json");
    assert!(files[2]["error"].as_str().unwrap().contains("无法读取"));
}

#[test]
fn malformed_json_exits_2_with_line_and_column() {
    let path = temp_file(
        "broken.json",
        "{\n  \"format\": \"jixiao/v1\",\n  \"kind\": \"project-goal\"\n  \"year\": 2024\n}\n",
    );
    let o = jixiao(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("第4行第3列"), "{err}");
}

#[test]
fn profiles_from_files_and_built_in_ids() {
    // A provincial profile file whose parent is built in, turning one rule
    // off and making another an error.
    let profile = temp_file(
        "strict.json",
        r#"{"id": "strict", "version": "1", "parent": "national",
            "severities": {"IND-VAGUE": "error"}, "disabled": ["IND-SATISFACTION-FLOOR"]}"#,
    );
    let doc = corpus("culture-library-free-access-goal");
    let o = jixiao(&[
        "check",
        "--json",
        "--profile",
        profile.to_str().unwrap(),
        &doc,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["profile"], "strict@1");
    let rules: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [("IND-PERCENT-WORD", "info"), ("IND-VAGUE", "error")]
    );

    let bad = temp_file(
        "bad-weights.json",
        r#"{"id": "bad", "version": "1", "parent": "national", "weights": {"execution": "30"}}"#,
    );
    let o = jixiao(&["check", "--profile", bad.to_str().unwrap(), &doc]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("PROFILE-WEIGHTS-TOTAL"),
        "{}",
        stderr(&o)
    );

    // The shipped provincial files load as runtime files too.
    let salary = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/sichuan-salary.json");
    let o = jixiao(&[
        "check",
        "--json",
        "--profile",
        salary.to_str().unwrap(),
        &corpus("sichuan-village-doctor-salary-selfeval"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["profile"], "sichuan-salary@2024.1");
    assert_eq!(v["findings"], Value::Array(vec![]));

    // A document naming a profile that is not built in is checked under the
    // national one, with a note on stderr.
    let text = std::fs::read_to_string(corpus("roads-maintenance-goal")).unwrap();
    let foreign = temp_file(
        "foreign.json",
        &text.replace("national@2024.1", "guangxi@2024.1"),
    );
    let o = jixiao(&["check", foreign.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("“guangxi@2024.1”不是内置规则"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("规则 national@2024.1"),
        "{}",
        stdout(&o)
    );

    let o = jixiao(&[
        "check",
        "--json",
        "--profile",
        "sichuan-salary@2024.1",
        &doc,
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["profile"], "sichuan-salary@2024.1");
}
