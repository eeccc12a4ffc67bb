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
    // A self-evaluation: the scoring's findings and the score, as the page shows them.
    let rules: Vec<&str> = files[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["SCORE-FAR-ABOVE"]);
    assert_eq!(files[1]["score"]["total"], "100.00");
    assert_eq!(files[0].get("score"), None, "goal forms have no score");
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
    // The document records national@2024.1: checking it with another
    // profile is noted.
    assert_eq!(
        rules,
        [
            ("DOC-PROFILE", "info"),
            ("IND-PERCENT-WORD", "info"),
            ("IND-VAGUE", "error")
        ]
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

    // A document naming a profile that is not built in cannot be checked
    // without that profile: never silently under another one.
    let text = std::fs::read_to_string(corpus("roads-maintenance-goal")).unwrap();
    let foreign = temp_file(
        "foreign.json",
        &text.replace("national@2024.1", "guangxi@2024.1"),
    );
    let o = jixiao(&["check", foreign.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("表单指定的检查规则“guangxi@2024.1”不是内置规则"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("无法检查"), "{}", stdout(&o));
    // Given the profile, it is checked, and the difference is noted.
    let o = jixiao(&[
        "check",
        "--json",
        "--profile",
        "national",
        foreign.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["findings"][0]["rule"], "DOC-PROFILE");
    // An unknown id asked for on the command line: the same words.
    let o = jixiao(&["check", "--profile", "guangxi", &doc]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("未知的检查规则“guangxi”"),
        "{}",
        stderr(&o)
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

/// What the page shows on a self-evaluation, the server says too: full
/// marks typed on a missed target is an error of `jixiao check`.
#[test]
fn full_marks_on_a_missed_target_fails_the_check() {
    let doc = temp_file(
        "full-marks.json",
        r#"{"format": "jixiao/v1", "kind": "project-self-eval", "profile": "national@2024.1", "year": 2024,
            "project": {"name": "乡村道路养护", "department": "县交通运输局", "unit": "县公路中心"},
            "budget": {"initial": {"total": "100"}, "adjusted": {"total": "100"}, "executed": {"total": "100"}},
            "execution_weight": "10",
            "goals": {"planned": "完成120公里养护", "achieved": "完成100公里养护"},
            "indicators": [
              {"id": "q1", "level1": "产出指标", "level2": "数量指标", "name": "养护里程",
               "target": "≥120公里", "actual": "100公里", "weight": "50", "score": "50",
               "deviation": "汛期影响"},
              {"id": "c1", "level1": "成本指标", "level2": "经济成本指标", "name": "每公里养护成本",
               "target": "≤1万元/公里", "actual": "0.9万元/公里", "weight": "10"},
              {"id": "e1", "level1": "效益指标", "level2": "社会效益指标", "name": "群众出行条件",
               "target": "明显改善", "actual": "达成", "weight": "20", "score": "20"},
              {"id": "s1", "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度",
               "target": "≥90%", "actual": "95%", "weight": "10"}
            ]}"#,
    );
    let o = jixiao(&["check", "--json", doc.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let full = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SCORE-FULL-ON-MISS")
        .expect("SCORE-FULL-ON-MISS reported");
    assert_eq!(full["severity"], "error");
    assert_eq!(full["path"], "/indicators/0/score");
}
