//! `jixiao score` end to end: exit codes, the JSON shape and the human table.

use std::process::{Command, Output};

use serde_json::Value;

fn data(name: &str) -> String {
    format!("{}/tests/score_data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("score")
        .args(args)
        .output()
        .expect("the jixiao binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Runs `jixiao score` and checks its exit code.
fn check_exit(args: &[&str], expected: i32) -> Output {
    let o = run(args);
    assert_eq!(
        o.status.code(),
        Some(expected),
        "jixiao score {args:?}\nstdout: {}\nstderr: {}",
        stdout(&o),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

#[test]
fn exit_codes() {
    let complete = data("complete.json");
    let errors = data("errors.json");
    let broken = data("broken.json");
    let missing = data("no-such-file.json");
    check_exit(&["--json", &complete], 0);
    check_exit(&[&complete], 0);
    check_exit(&["--profile", "national", &complete], 0);
    check_exit(&["--profile", "national@2024.1", &complete], 0);
    check_exit(&["--json", &errors], 1);
    check_exit(&[&errors], 1);
    check_exit(&[&broken], 2);
    check_exit(&[&missing], 2);
    check_exit(&[], 2);
    check_exit(&["--frobnicate", &complete], 2);
    check_exit(&["--profile", &missing, &complete], 2);
    check_exit(&["--profile", &broken, &complete], 2);
}

#[test]
fn json_shape() {
    let o = check_exit(&["--json", &data("complete.json")], 0);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let score = &v["score"];
    assert_eq!(score["execution"]["rate"], "0.9500");
    assert_eq!(score["execution"]["score"], "9.50");
    assert_eq!(score["total"], "88.17");
    assert_eq!(score["grade"], "良");
    let rows = score["indicators"].as_array().unwrap();
    assert_eq!(rows.len(), 7);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["how", "id", "score"]);
    assert_eq!(rows[0]["score"], "19.67");
    assert_eq!(v["findings"], Value::Array(vec![]));

    let o = check_exit(&["--json", &data("errors.json")], 1);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let unscored = &v["score"]["indicators"][1];
    assert_eq!(unscored["id"], "x1");
    assert!(unscored.get("score").is_none(), "{unscored}");
    assert_eq!(unscored["how"], "未计分：指标值无法识别");
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SCORE-FULL-ON-MISS")
        .expect("full marks on a missed target is reported");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["path"], "/indicators/0/score");
    assert_eq!(f["params"]["typed"], "50");
    assert_eq!(f["params"]["computed"], "40.00");
}

#[test]
fn human_table() {
    let o = check_exit(&[&data("errors.json")], 1);
    let text = stdout(&o);
    for expected in [
        "项目支出绩效自评表：填报有误的项目（规则：national@2024.1）",
        "q1\t培训人次\t50\t40.00\t400 / 500 × 50 = 40.00",
        "x1\t无法识别的指标\t40\t-\t未计分：指标值无法识别",
        "总分 50.00，等级 差",
        "错误 [SCORE-FULL-ON-MISS] /indicators/0/score:",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn a_profile_file_changes_the_rules() {
    // The national profile with linear reverse scoring, written to a file.
    let mut p: Value = serde_json::from_str(jixiao::profile::NATIONAL_JSON).unwrap();
    p["scoring"]["reverse_rule"] = Value::from("linear");
    p["id"] = Value::from("test-linear");
    let dir = std::env::temp_dir().join(format!("jixiao-cli-score-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("linear.json");
    std::fs::write(&path, serde_json::to_string(&p).unwrap()).unwrap();
    let o = check_exit(
        &[
            "--json",
            "--profile",
            path.to_str().unwrap(),
            &data("complete.json"),
        ],
        1,
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    // c1: (1 − (200 − 100) / 100) × 10 = 0, where the typed 5 is now too high.
    assert_eq!(v["score"]["indicators"][3]["score"], "0.00");
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "SCORE-TYPED-HIGH" && f["path"] == "/indicators/3/score"));
    std::fs::remove_dir_all(&dir).ok();
}
