//! Bad input, across the public core API: every case gets a clear Chinese
//! message (or a typed value that the rules report) and never a panic.
//!
//! Each API has one table of `(input, expected)` and one helper that checks
//! a row; a row's label in a failure is its input (cut short when long).
//! Every helper runs the call under `catch_unwind`, so a panic is reported
//! as that row failing, with the row named. Large inputs (10 MB strings,
//! 100 000 nested brackets) are only required to come back, not timed.

use std::panic::{catch_unwind, AssertUnwindSafe};

use jixiao::drafts::{import_document, ImportError};
use jixiao::finding::Finding;
use jixiao::model::{Document, ReadError};
use jixiao::num::{parse_decimal, Num};
use jixiao::profile::{Profile, ProfileError};
use jixiao::rules::check;
use jixiao::score::score;
use jixiao::target::{parse_actual, parse_target, Actual, Target};
use jixiao::tsv::parse_rows;
use rust_decimal::Decimal;
use serde_json::{json, Value};

const MB10: usize = 10 * 1024 * 1024;

/// A short label for a case: the input, cut at 60 characters.
fn label(input: &str) -> String {
    let n = input.chars().count();
    if n > 60 {
        format!(
            "{:?}…（{n} 字）",
            input.chars().take(60).collect::<String>()
        )
    } else {
        format!("{input:?}")
    }
}

/// Runs `f`, turning a panic into a failure that names the case.
fn no_panic<T>(case: &str, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| panic!("{case}: panicked"))
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The message is Chinese and contains every fragment.
fn assert_message(case: &str, msg: &str, fragments: &[&str]) {
    assert!(has_chinese(msg), "{case}: not Chinese: {msg}");
    for f in fragments {
        assert!(msg.contains(f), "{case}: {msg:?} should contain {f:?}");
    }
}

const HEAD: &str = r#""format": "jixiao/v1", "kind": "project-self-eval""#;

/// A self-evaluation document's text with these fields after the header.
fn doc_text(rest: &str) -> String {
    if rest.is_empty() {
        format!("{{{HEAD}}}")
    } else {
        format!("{{{HEAD}, {rest}}}")
    }
}

// ---------------------------------------------------------------------------
// Document::from_json

/// What reading a text gives.
enum Read {
    /// Not JSON: at this line and column, the message saying this.
    Syntax(usize, usize, &'static str),
    NotADocument(&'static str),
    Version(&'static str),
    /// JSON of the wrong shape; the message names the field.
    Shape(&'static str),
}

fn check_read(text: &str, expected: &Read) {
    let case = label(text);
    let err = no_panic(&case, || Document::from_json(text))
        .err()
        .unwrap_or_else(|| panic!("{case}: read without error"));
    let msg = err.message();
    assert_eq!(err.to_string(), msg, "{case}: Display is the message");
    match (expected, &err) {
        (
            Read::Syntax(line, column, what),
            ReadError::Syntax {
                line: l, column: c, ..
            },
        ) => {
            assert_eq!((*l, *c), (*line, *column), "{case}: {msg}");
            assert_message(&case, &msg, &[&format!("第{line}行第{column}列"), what]);
            assert!(
                !msg.contains("JSON 语法错误"),
                "{case}: untranslated: {msg}"
            );
        }
        (Read::NotADocument(what), ReadError::NotADocument(_)) => {
            assert_message(&case, &msg, &[what])
        }
        (Read::Version(v), ReadError::UnsupportedVersion(got)) => {
            assert_eq!(got, v, "{case}");
            assert_message(&case, &msg, &[v, "请升级"]);
        }
        (Read::Shape(what), ReadError::Shape(_)) => {
            assert_message(&case, &msg, &["文件结构不符合 jixiao/v1", what]);
            for english in ["invalid type", "expected", "missing field", "untagged"] {
                assert!(!msg.contains(english), "{case}: untranslated: {msg}");
            }
        }
        (_, other) => panic!("{case}: unexpected error {other:?}"),
    }
}

#[test]
fn documents_that_cannot_be_read() {
    use Read::*;
    let deep_array = "[".repeat(100_000);
    let deep_object = doc_text(&format!(r#""x": {}"#, r#"{"a": "#.repeat(100_000)));
    let cases: Vec<(String, Read)> = vec![
        // Truncated, at the end of a line and in the middle of a string.
        (
            doc_text("").trim_end_matches('}').to_string() + ",",
            Syntax(1, 52, "内容不完整"),
        ),
        (
            format!("{{{HEAD},\n\"project\": {{\"name\": \"乡村道"),
            Syntax(2, 30, "内容不完整"),
        ),
        // Trailing commas in an object and in a list.
        (doc_text(r#""year": "2024","#), Syntax(1, 69, "多余的逗号")),
        (
            doc_text(r#""indicators": [{},]"#),
            Syntax(1, 72, "多余的逗号"),
        ),
        // Other syntax people produce by hand.
        (
            "{\n  \"format\": \"jixiao/v1\"\n  \"kind\": \"project-goal\"\n}".into(),
            Syntax(3, 3, "应为逗号 , 或右花括号 }"),
        ),
        (
            "{'format': 'jixiao/v1'}".into(),
            Syntax(1, 2, "对象的键必须是带引号的字符串"),
        ),
        (doc_text(r#""year": NaN"#), Syntax(1, 62, "此处应为一个值")),
        (doc_text(r#""year": tru"#), Syntax(1, 65, "无法识别的词")),
        (
            doc_text("\"goals\": {\"annual\": \"a\nb\"}"),
            Syntax(2, 1, "未转义的控制字符"),
        ),
        (
            format!("{}x", doc_text("")),
            Syntax(1, 53, "JSON 结束后还有多余的内容"),
        ),
        ("".into(), Syntax(1, 1, "内容不完整")),
        (" \n\t ".into(), Syntax(2, 2, "内容不完整")),
        ("\u{feff}".into(), Syntax(1, 1, "内容不完整")),
        ("\u{feff}{}".into(), NotADocument("缺少 format 字段")),
        // Lone surrogates in \u escapes.
        (
            doc_text(r#""year": "\ud800""#),
            Syntax(1, 69, "单独的代理字符"),
        ),
        (
            doc_text(r#""year": "\udc00x""#),
            Syntax(1, 68, "单独的代理字符"),
        ),
        (doc_text(r#""year": "\u12""#), Syntax(1, 68, "无效的转义符")),
        // serde_json's recursion limit, not a stack overflow.
        (deep_array, Syntax(1, 128, "嵌套层数过多")),
        (deep_object, Syntax(1, 815, "嵌套层数过多")),
        // JSON, but not an object, or not ours.
        ("[]".into(), NotADocument("不是一个 JSON 对象")),
        (
            format!("[{}]", doc_text("")),
            NotADocument("不是一个 JSON 对象"),
        ),
        ("null".into(), NotADocument("不是一个 JSON 对象")),
        ("\"jixiao/v1\"".into(), NotADocument("不是一个 JSON 对象")),
        ("42".into(), NotADocument("不是一个 JSON 对象")),
        ("{}".into(), NotADocument("缺少 format 字段")),
        (r#"{"format": 1}"#.into(), NotADocument("缺少 format 字段")),
        (
            r#"{"format": "excel"}"#.into(),
            NotADocument("format 字段为“excel”"),
        ),
        (
            r#"{"format": "jixiao/v1"}"#.into(),
            NotADocument("缺少 kind 字段"),
        ),
        (
            r#"{"format": "jixiao/v1", "kind": "<script>"}"#.into(),
            NotADocument("kind=“<script>”"),
        ),
        // A future version of the format.
        (
            r#"{"format": "jixiao/v2", "kind": "project-goal"}"#.into(),
            Version("jixiao/v2"),
        ),
        (
            r#"{"format": "jixiao/v10", "kind": "someday"}"#.into(),
            Version("jixiao/v10"),
        ),
        // A field of the wrong type: named, with what it should be.
        (
            doc_text(r#""year": true"#),
            Shape("字段 /year 应为数字文本"),
        ),
        (
            doc_text(r#""year": [2024]"#),
            Shape("字段 /year 应为数字文本"),
        ),
        (
            doc_text(r#""project": "乡村道路""#),
            Shape("字段 /project 应为对象 {...}，实际是文本“乡村道路”"),
        ),
        (
            doc_text(r#""indicators": {}"#),
            Shape("字段 /indicators 应为数组"),
        ),
        (
            doc_text(r#""indicators": [{"id": "a"}, {"id": "b"}, {"id": "c", "name": 5}]"#),
            Shape("字段 /indicators/2/name 应为文本（带引号的字符串），实际是数字 5"),
        ),
        (
            doc_text(r#""indicators": [{"id": "a", "weight": {"value": 5}}]"#),
            Shape("字段 /indicators/0/weight 应为数字文本"),
        ),
        (
            doc_text(r#""indicators": [{"id": "a", "target": 95}]"#),
            Shape("字段 /indicators/0/target 应为指标值文本"),
        ),
        (
            doc_text(r#""indicators": [{"id": "a", "actual": null, "deviation": false}]"#),
            Shape("字段 /indicators/0/deviation 应为文本（带引号的字符串），实际是布尔值 false"),
        ),
        (
            doc_text(r#""budget": {"executed": {"total": ["1"]}}"#),
            Shape("字段 /budget/executed/total 应为数字文本"),
        ),
        (
            doc_text(r#""explanations": [{"rule": "IND-VAGUE", "path": "/x"}]"#),
            Shape("字段 /explanations/0 缺少必填字段 text"),
        ),
        // Code pasted in place of a value.
        (
            doc_text(r#""goals": {"annual": "x".repeat}"#),
            Syntax(1, 77, "应为逗号 , 或右花括号 }"),
        ),
    ];
    for (text, expected) in &cases {
        check_read(text, expected);
    }
}

#[test]
fn odd_but_readable_documents_keep_what_was_typed() {
    // (field JSON, the `year` as read: its text, and whether it is a number)
    let cases: &[(&str, &str, bool)] = &[
        (r#""year": 1e400"#, "1e+400", false),
        (r#""year": -0"#, "0", true),
        (r#""year": "-0""#, "0", true),
        (r#""year": "NaN""#, "NaN", false),
        (r#""year": "２０２４""#, "2024", true),
        (
            r#""year": 1000000000000000000000000000000"#,
            "1000000000000000000000000000000",
            false,
        ),
        (r#""year": "\u2028\u0000""#, "\u{2028}\u{0}", false),
    ];
    for (field, text, valid) in cases {
        let doc = doc_text(field);
        let case = label(&doc);
        let doc = no_panic(&case, || Document::from_json(&doc))
            .unwrap_or_else(|e| panic!("{case}: {}", e.message()));
        let year = doc.year.as_ref().expect("year kept");
        assert_eq!(year.text(), *text, "{case}");
        assert_eq!(year.value().is_some(), *valid, "{case}");
    }
}

// ---------------------------------------------------------------------------
// jixiao::num

/// `Ok(decimal)` or `Err(message fragments)`.
type NumExpect = Result<&'static str, &'static [&'static str]>;

fn check_num(input: &str, expected: &NumExpect) {
    let case = label(input);
    let got = no_panic(&case, || Num::parse(input));
    match (expected, &got) {
        (Ok(want), Num::Valid(d)) => {
            assert_eq!(d.to_string(), *want, "{case}");
            assert_eq!(got.text(), *want, "{case}: the canonical text");
        }
        (Err(fragments), Num::Invalid { text, error }) => {
            assert_eq!(text, input, "{case}: the typed text is kept");
            assert_message(&case, &error.message(), fragments);
            assert_eq!(input.parse::<Num>().as_ref().err(), Some(error), "{case}");
        }
        _ => panic!("{case}: expected {expected:?}, got {got:?}"),
    }
    // parse_decimal reads the same, less the 万元 that only Num drops.
    if !input.trim_end().ends_with("万元") {
        let plain = no_panic(&case, || parse_decimal(input));
        assert_eq!(
            plain.ok().map(Num::Valid).unwrap_or(got.clone()),
            got,
            "{case}"
        );
    }
}

#[test]
fn numbers_that_cannot_be_read() {
    let ones = "1".repeat(500);
    let big_digits = "9".repeat(MB10);
    let big_text = "数".repeat(MB10 / 3);
    let cases: Vec<(&str, NumExpect)> = vec![
        ("９５", Ok("95")),
        ("９５％", Err(&["第3个字符“%”不是数字的一部分"])),
        ("95%", Err(&["第3个字符“%”不是数字的一部分"])),
        ("1,200.5万元", Ok("1200.5")),
        ("１，２００．５万元", Ok("1200.5")),
        ("1,200.5元", Err(&["第8个字符“元”"])),
        ("12,00.5", Err(&["千分位逗号位置不对"])),
        ("1e400", Err(&["数值过大"])),
        ("-1e400", Err(&["数值过大"])),
        ("1e-400", Err(&["数值过大或小数位过多"])),
        ("1e28", Ok("10000000000000000000000000000")),
        ("-0", Ok("0")),
        ("－０", Ok("0")),
        ("+5", Ok("5")),
        ("NaN", Err(&["第1个字符“N”"])),
        ("inf", Err(&["第1个字符“i”"])),
        ("-", Err(&["第1个字符“-”"])),
        ("1e", Err(&["第2个字符“e”"])),
        ("1.2.3", Err(&["第4个字符“.”"])),
        ("1000000000000000000000000000000", Err(&["数值过大"])),
        (
            "79228162514264337593543950335",
            Ok("79228162514264337593543950335"),
        ),
        ("79228162514264337593543950336", Err(&["数值过大"])),
        (
            "0.0000000000000000000000000001",
            Ok("0.0000000000000000000000000001"),
        ),
        ("0.00000000000000000000000000001", Err(&["小数位过多"])),
        (&ones, Err(&["数值过大"])),
        ("", Err(&["请填写数字"])),
        ("   ", Err(&["请填写数字"])),
        ("\u{3000}\t", Err(&["请填写数字"])),
        ("<script>alert(1)</script>", Err(&["第1个字符“<”"])),
        ("一百", Err(&["第1个字符“一”"])),
        ("١٢٣", Err(&["第1个字符“١”"])),
        ("𝟗𝟓", Err(&["第1个字符“𝟗”"])),
        ("9\u{301}5", Err(&["第2个字符“\u{301}”"])),
        ("\u{202e}95", Err(&["第1个字符“\u{202e}”"])),
        ("\u{fffd}", Err(&["第1个字符“\u{fffd}”"])),
        ("\u{0}", Err(&["第1个字符“\u{0}”"])),
        (&big_digits, Err(&["数值过大"])),
        (&big_text, Err(&["第1个字符“数”"])),
    ];
    for (input, expected) in &cases {
        check_num(input, expected);
    }
}

// ---------------------------------------------------------------------------
// jixiao::target

/// A target or actual as a short string: its table form, `定性:` text, a
/// level name, or `错误@position:message`.
fn describe_target(t: &Target) -> String {
    match t {
        Target::Qualitative { text } => format!("定性:{text}"),
        Target::Invalid { error, .. } => format!("错误@{}:{}", error.pos, error.message()),
        other => other.to_string(),
    }
}

fn describe_actual(a: &Actual) -> String {
    match a {
        Actual::Number { op, value, unit } => format!(
            "{}{value}{unit}",
            op.map(|o| o.symbol()).unwrap_or_default()
        ),
        Actual::Date(d) => d.to_string(),
        Actual::Level(l) => l.name().to_string(),
        Actual::Text(t) => format!("文字:{t}"),
        Actual::Invalid(e) => format!("错误@{}:{}", e.pos, e.message()),
    }
}

/// An expected description: exact, or for an error `错误@pos:` and a fragment.
fn assert_described(case: &str, got: &str, want: &str) {
    if let Some((head, fragment)) = want.split_once(':').filter(|_| want.starts_with("错误@")) {
        assert!(
            got.starts_with(&format!("{head}:")) && got.contains(fragment),
            "{case}: got {got:?}, expected {want:?}"
        );
        assert!(has_chinese(got), "{case}: {got}");
    } else {
        assert_eq!(got, want, "{case}");
    }
}

fn check_target(input: &str, expected: &str) {
    let case = label(input);
    let t = no_panic(&case, || parse_target(input));
    if let Target::Invalid { text, .. } = &t {
        assert_eq!(text, input, "{case}: the typed text is kept");
    }
    assert_described(&case, &describe_target(&t), expected);
}

fn check_actual(input: &str, expected: &str) {
    let case = label(input);
    let a = no_panic(&case, || parse_actual(input));
    assert_described(&case, &describe_actual(&a), expected);
}

#[test]
fn targets_as_people_type_them_or_mistype_them() {
    let ones = format!("≥{}%", "1".repeat(500));
    let big_prose = "很".repeat(MB10 / 3);
    let big_number = format!("≥{}个", "9".repeat(MB10));
    let big_prose_read = format!("定性:{big_prose}");
    let cases: Vec<(&str, &str)> = vec![
        ("９５％", "95%"),
        ("≧９５％", "≥95%"),
        ("95%", "95%"),
        ("1,200.5万元", "1200.5万元"),
        ("≤１，２００．５万元", "≤1200.5万元"),
        ("0", "0"),
        ("≥0%", "≥0%"),
        ("-0", "0"),
        ("≥-5%", "≥-5%"),
        ("≥1e28个", "≥10000000000000000000000000000个"),
        ("1e400", "错误@0:数值过大"),
        ("≥1e400%", "错误@1:数值过大"),
        ("≥1000000000000000000000000000000元", "错误@1:数值过大"),
        (&ones, "错误@1:数值过大"),
        (&big_number, "错误@1:数值过大"),
        ("≥", "错误@1:缺少数值"),
        ("≥NaN%", "错误@1:缺少数值"),
        ("<script>alert(1)</script>", "错误@1:缺少数值"),
        ("90-95%", "错误@2:区间值"),
        ("约95%", "错误@0:“约”表示约数"),
        ("≥95%左右", "错误@3:“左右”表示约数"),
        ("2024年13月31日前", "错误@0:日期无效"),
        ("2023-02-29", "错误@0:日期无效"),
        ("2024年12月99999999999日前", "错误@13:日期无效"),
        ("1..2", "错误@1:“..2”不是计量单位"),
        ("", "错误@0:未填写"),
        ("   ", "错误@0:未填写"),
        ("\u{3000}", "错误@0:未填写"),
        ("NaN", "定性:NaN"),
        ("alert(1)", "定性:alert(1)"),
        ("\u{fffd}", "定性:\u{fffd}"),
        ("\u{202e}95", "定性:\u{202e}95"),
        (&big_prose, &big_prose_read),
        ("2024年12月31日前", "≤2024-12-31"),
        ("12月底前", "12月底前"),
    ];
    for (input, expected) in &cases {
        check_target(input, expected);
    }
}

#[test]
fn actual_values_as_people_type_them_or_mistype_them() {
    let ones = "1".repeat(500);
    let cases: Vec<(&str, &str)> = vec![
        ("９５％", "95%"),
        ("95%", "95%"),
        ("1,200.5万元", "1200.5万元"),
        ("-0", "0"),
        ("-5", "-5"),
        ("－１２０公里", "-120公里"),
        ("2024-11-30", "2024-11-30"),
        ("达成", "达成"),
        (" 部分达成。", "部分达成"),
        ("未完成", "未达成"),
        ("1e400", "错误@0:数值过大"),
        (&ones, "错误@0:数值过大"),
        ("1000000000000000000000000000000", "错误@0:数值过大"),
        ("NaN", "错误@0:应为数值、日期"),
        ("很好", "文字:很好"),
        ("<script>alert(1)</script>", "错误@1:缺少数值"),
        ("", "错误@0:未填写"),
        ("\u{3000} ", "错误@0:未填写"),
        ("\u{fffd}\u{fffd}", "错误@0:应为数值、日期"),
    ];
    for (input, expected) in &cases {
        check_actual(input, expected);
    }
}

// ---------------------------------------------------------------------------
// jixiao::rules::check and jixiao::score::score

/// A project self-evaluation with these fields and rows, checked and scored
/// under the national profile.
fn self_eval(fields: Value, rows: Vec<Value>) -> Document {
    let mut v = json!({
        "format": "jixiao/v1", "kind": "project-self-eval", "year": "2024",
        "project": {"name": "乡村道路养护项目", "department": "某县交通运输局", "unit": "某县公路养护中心"},
        "execution_weight": "0",
        "indicators": rows,
    });
    for (k, x) in fields.as_object().expect("fields") {
        v[k] = x.clone();
    }
    Document::from_value(v).expect("the test document reads")
}

/// An output-quantity row: target, actual, weight as typed.
fn row(target: &str, actual: &str, weight: &str) -> Value {
    json!({
        "id": "r1", "level1": "产出指标", "level2": "数量指标", "name": "养护里程",
        "target": target, "actual": actual, "weight": weight,
        "deviation": "已说明原因。",
    })
}

/// `row` with some fields replaced.
fn with(mut v: Value, fields: Value) -> Value {
    for (k, x) in fields.as_object().expect("fields") {
        v[k] = x.clone();
    }
    v
}

/// `row` on a cost line, where a bare number is an upper bound.
fn cost(v: Value) -> Value {
    with(
        v,
        json!({"level1": "成本指标", "level2": "经济成本指标", "name": "单位成本"}),
    )
}

/// A finding expected: rule id, path, and a fragment of its message.
type Expect = (&'static str, &'static str, &'static str);

fn assert_finding(case: &str, findings: &[Finding], (rule, path, fragment): &Expect) {
    let hit = findings
        .iter()
        .find(|f| f.rule == *rule && f.path == *path)
        .unwrap_or_else(|| {
            let got: Vec<String> = findings
                .iter()
                .map(|f| format!("{} {}", f.rule, f.path))
                .collect();
            panic!("{case}: no {rule} at {path}; got {got:#?}")
        });
    assert_message(case, &hit.message, &[fragment]);
}

fn check_findings(case: &str, doc: &Document, expected: &Expect) {
    let findings = no_panic(case, || check(doc, Profile::national()));
    for f in &findings {
        assert!(has_chinese(&f.message), "{case}: {f:?}");
    }
    assert_finding(case, &findings, expected);
}

#[test]
fn check_reports_bad_values_as_findings() {
    let big = "路".repeat(MB10 / 3);
    let ones = "1".repeat(500);
    let cases: Vec<(Value, Vec<Value>, Expect)> = vec![
        // Numbers that cannot be read, in every kind of number field.
        (
            json!({}),
            vec![row("≥120公里", "118", "abc")],
            ("NUM-INVALID", "/indicators/0/weight", "“abc”"),
        ),
        (
            json!({}),
            vec![row("≥120公里", "118", "９５％")],
            ("NUM-INVALID", "/indicators/0/weight", "第3个字符“%”"),
        ),
        (
            json!({}),
            vec![row("≥120公里", "118", "1e400")],
            ("NUM-INVALID", "/indicators/0/weight", "数值过大"),
        ),
        (
            json!({}),
            vec![row("≥120公里", "118", "NaN")],
            ("NUM-INVALID", "/indicators/0/weight", "NaN"),
        ),
        (
            json!({}),
            vec![row("≥120公里", "118", &ones)],
            ("NUM-INVALID", "/indicators/0/weight", "数值过大"),
        ),
        (
            json!({}),
            vec![row("≥120公里", "118", "1000000000000000000000000000000")],
            ("NUM-INVALID", "/indicators/0/weight", "数值过大"),
        ),
        (
            json!({}),
            vec![row("≥120公里", "118", "-20")],
            ("WGT-NEGATIVE", "/indicators/0/weight", "-20"),
        ),
        (
            json!({"year": "1e400"}),
            vec![],
            ("NUM-INVALID", "/year", "数值过大"),
        ),
        (json!({"year": "-0"}), vec![], ("HDR-YEAR", "/year", "年度")),
        (
            json!({"year": "99999999999999"}),
            vec![],
            ("HDR-YEAR", "/year", "年度"),
        ),
        (
            json!({"budget": {"adjusted": {"total": "1,200.5万元", "fiscal": "1e400"}}}),
            vec![],
            ("NUM-INVALID", "/budget/adjusted/fiscal", "数值过大"),
        ),
        (
            json!({"budget": {"executed": {"total": "-5"}}}),
            vec![],
            ("FUND-NEGATIVE", "/budget/executed/total", "-5"),
        ),
        // Sums that overflow the decimal range are reported, not panicked on.
        (
            json!({"budget": {"adjusted": {
                "total": "79228162514264337593543950335",
                "fiscal": "79228162514264337593543950335",
                "other": "79228162514264337593543950335"}}}),
            vec![],
            ("FUND-SUM", "/budget/adjusted/total", "金额过大，无法相加"),
        ),
        // Targets and actuals that cannot be read.
        (
            json!({}),
            vec![row("1e400", "118", "20")],
            ("IND-TARGET-INVALID", "/indicators/0/target", "数值过大"),
        ),
        (
            json!({}),
            vec![row("<script>alert(1)</script>", "118", "20")],
            (
                "IND-TARGET-INVALID",
                "/indicators/0/target",
                "<script>alert(1)</script>",
            ),
        ),
        (
            json!({}),
            vec![row("≥120公里", "NaN", "20")],
            ("EVAL-ACTUAL-INVALID", "/indicators/0/actual", "NaN"),
        ),
        (
            json!({}),
            vec![row("≥120公里", "", "20")],
            ("EVAL-ACTUAL-MISSING", "/indicators/0/actual", "实际完成值"),
        ),
        // Names: whitespace only (ASCII and ideographic), and far too long.
        (
            json!({}),
            vec![with(row("≥120公里", "118", "20"), json!({"name": "   "}))],
            ("IND-NAME-MISSING", "/indicators/0/name", "三级指标"),
        ),
        (
            json!({}),
            vec![with(
                row("≥120公里", "118", "20"),
                json!({"name": "\u{3000}\t\n"}),
            )],
            ("IND-NAME-MISSING", "/indicators/0/name", "三级指标"),
        ),
        (
            json!({}),
            vec![with(row("≥120公里", "118", "20"), json!({"name": big}))],
            ("TEXT-TOO-LONG", "/indicators/0/name", "字"),
        ),
        (
            json!({"goals": {"planned": big, "achieved": big}}),
            vec![],
            ("TEXT-TOO-LONG", "/goals/planned", "字"),
        ),
        (
            json!({"project": {"name": "  ", "department": "d", "unit": "u"}}),
            vec![],
            ("HDR-MISSING", "/project/name", "项目名称"),
        ),
        // Markup is text: kept as typed and quoted back as typed.
        (
            json!({}),
            vec![
                with(
                    row("≥1个", "1", "10"),
                    json!({"name": "<script>alert(1)</script>"}),
                ),
                with(
                    row("≥1个", "1", "10"),
                    json!({"id": "r2", "name": "<script>alert(1)</script>"}),
                ),
            ],
            (
                "IND-DUPLICATE",
                "/indicators/1/name",
                "<script>alert(1)</script>",
            ),
        ),
        // Empty rows are named as such.
        (
            json!({}),
            vec![
                json!({"id": "r1", "level1": "", "level2": "", "name": "", "target": ""}),
                row("≥1个", "1", "10"),
            ],
            ("IND-PLACEHOLDER", "/indicators/0", "空行"),
        ),
        (
            json!({}),
            vec![],
            ("CAT-MISSING", "/indicators", "数量指标"),
        ),
    ];
    for (fields, rows, expected) in &cases {
        let doc = self_eval(fields.clone(), rows.clone());
        let case = label(&format!("{fields} {}", Value::Array(rows.clone())));
        check_findings(&case, &doc, expected);
    }
}

/// One row scored: the row's score (`None`: not scored) and a finding.
fn check_score(case: &str, doc: &Document, want_score: Option<&str>, expected: &Expect) {
    let rep = no_panic(case, || score(doc, Profile::national()));
    let got = rep.score.indicators.first().and_then(|r| r.score);
    assert_eq!(
        got.map(|d| d.to_string()).as_deref(),
        want_score,
        "{case}: {rep:#?}"
    );
    for f in &rep.findings {
        assert!(has_chinese(&f.message), "{case}: {f:?}");
        assert!(
            !f.message.contains("  "),
            "{case}: a blank in {:?}",
            f.message
        );
    }
    for r in &rep.score.indicators {
        // A row not scored says why, in Chinese.
        assert!(
            r.score.is_some() || r.how.starts_with("未计分："),
            "{case}: {r:?}"
        );
    }
    match expected {
        // No rule: no finding at all, and the row's `how` says this.
        ("", _, how) => {
            assert!(rep.findings.is_empty(), "{case}: {:#?}", rep.findings);
            assert!(
                rep.score.indicators[0].how.contains(how),
                "{case}: {rep:#?}"
            );
        }
        _ => assert_finding(case, &rep.findings, expected),
    }
}

#[test]
fn score_reports_what_it_cannot_compute() {
    const MAX: &str = "79228162514264337593543950335";
    const TINY: &str = "0.0000000000000000000000000001";
    let ones = "1".repeat(500);
    let cases: Vec<(Value, Option<&str>, Expect)> = vec![
        // Zero targets: met by zero, missed in proportion (0 / 5 × 10).
        (
            row("≤0元", "5", "10"),
            Some("0.00"),
            ("", "", "0 / 5 × 10 = 0.00"),
        ),
        (
            cost(row("0", "5", "10")),
            Some("0.00"),
            ("", "", "0 / 5 × 10 = 0.00"),
        ),
        (
            row("≥0个", "0", "10"),
            Some("10.00"),
            ("", "", "0 ≥ 0，达到指标值"),
        ),
        (
            row("≥0个", "-1", "10"),
            None,
            ("SCORE-ARITH", "/indicators/0/actual", "负数"),
        ),
        // Negative actuals cannot be scored in proportion.
        (
            row("≥120公里", "-5", "20"),
            None,
            ("SCORE-ARITH", "/indicators/0/actual", "负数"),
        ),
        (
            row("≤120万元", "-0.01", "20"),
            None,
            ("SCORE-ARITH", "/indicators/0/actual", "负数"),
        ),
        // Unreadable and out-of-range numbers.
        (
            row("≥120公里", "1e400", "20"),
            None,
            ("SCORE-ACTUAL", "/indicators/0/actual", "数值过大"),
        ),
        (
            row("≥120公里", &ones, "20"),
            None,
            ("SCORE-ACTUAL", "/indicators/0/actual", "数值过大"),
        ),
        (
            row("≥120公里", "118", "1000000000000000000000000000000"),
            None,
            ("SCORE-WEIGHT", "/indicators/0/weight", "分值"),
        ),
        (
            row("1e400", "118", "20"),
            None,
            ("SCORE-TARGET", "/indicators/0/target", "指标值"),
        ),
        (
            row("NaN", "118", "20"),
            None,
            ("SCORE-ACTUAL-KIND", "/indicators/0/actual", "实际完成值"),
        ),
        (
            row("≥120公里", "NaN", "20"),
            None,
            ("SCORE-ACTUAL", "/indicators/0/actual", "NaN"),
        ),
        (
            row("≥120公里", "<script>", "20"),
            None,
            ("SCORE-ACTUAL", "/indicators/0/actual", "<script>"),
        ),
        // Overflow in the proportion: reported, never a panic.
        (
            row(&format!("≥{MAX}"), "79228162514264337593543950334", MAX),
            None,
            ("SCORE-ARITH", "/indicators/0/actual", "溢出"),
        ),
        (
            row(&format!("≥{TINY}"), MAX, "10"),
            Some("10.00"),
            (
                "SCORE-FAR-ABOVE-EXPLAINED",
                "/indicators/0/actual",
                "倍数过大无法计算",
            ),
        ),
        // Typed scores that are not numbers, or out of range.
        (
            with(row("≥120公里", "118", "20"), json!({"score": "NaN"})),
            Some("19.67"),
            ("SCORE-TYPED-INVALID", "/indicators/0/score", "NaN"),
        ),
        (
            with(row("≥120公里", "118", "20"), json!({"score": "-5"})),
            Some("19.67"),
            ("SCORE-TYPED-RANGE", "/indicators/0/score", "负数"),
        ),
        (
            with(row("≥120公里", "118", "20"), json!({"score": "1e400"})),
            Some("19.67"),
            ("SCORE-TYPED-INVALID", "/indicators/0/score", "数值过大"),
        ),
        // Full-width and formatted numbers are read.
        (
            row("≥１２０公里", "１１８", "２０"),
            Some("19.67"),
            ("", "", "118 / 120 × 20 = 19.666666… ≈ 19.67"),
        ),
    ];
    for (r, want, expected) in &cases {
        let case = label(&r.to_string());
        check_score(
            &case,
            &self_eval(json!({}), vec![r.clone()]),
            *want,
            expected,
        );
    }
}

#[test]
fn score_reports_bad_budgets_and_kinds() {
    let cases: Vec<(Value, Expect)> = vec![
        (
            json!({"execution_weight": "10", "budget": {"adjusted": {"total": "0"}, "executed": {"total": "5"}}}),
            ("SCORE-ARITH", "/budget/adjusted/total", "0"),
        ),
        (
            json!({"execution_weight": "10", "budget": {"adjusted": {"total": "100"}, "executed": {"total": "-1"}}}),
            ("SCORE-EXEC-INPUT", "/budget/executed/total", "负数"),
        ),
        (
            json!({"execution_weight": "10", "budget": {"adjusted": {"total": "1e400"}, "executed": {"total": "5"}}}),
            ("SCORE-EXEC-INPUT", "/budget/adjusted/total", "数值过大"),
        ),
        (
            json!({"execution_weight": "NaN"}),
            ("SCORE-WEIGHT", "/execution_weight", "NaN"),
        ),
        (
            json!({"kind": "project-goal"}),
            ("SCORE-KIND", "/kind", "自评表"),
        ),
        (
            json!({"total_score": "九十"}),
            ("SCORE-TYPED-INVALID", "/total_score", "九十"),
        ),
    ];
    for (fields, expected) in &cases {
        let doc = self_eval(fields.clone(), vec![row("≥120公里", "125", "90")]);
        let case = label(&fields.to_string());
        let rep = no_panic(&case, || score(&doc, Profile::national()));
        assert_finding(&case, &rep.findings, expected);
    }
}

// ---------------------------------------------------------------------------
// jixiao::tsv: pasted spreadsheet text

/// A paste: how many rows it gives, and a fragment of each problem's text.
fn check_paste(text: &str, rows: usize, problems: &[&str]) {
    let case = label(text);
    let (got, probs) = no_panic(&case, || {
        parse_rows(text, jixiao::model::Kind::ProjectSelfEval)
    });
    assert_eq!(got.len(), rows, "{case}");
    let probs: Vec<String> = probs.iter().map(|p| p.describe()).collect();
    assert_eq!(probs.len(), problems.len(), "{case}: {probs:#?}");
    for (p, want) in probs.iter().zip(problems) {
        assert_message(&case, p, &[want]);
    }
}

#[test]
fn pasted_rows_that_cannot_be_read() {
    let big_cell = "路".repeat(MB10 / 3);
    let big_number = format!(
        "产出指标\t数量指标\t里程\t≥120公里\t118\t{}",
        "9".repeat(MB10)
    );
    let many = "产出指标\t数量指标\t里程\t≥120公里\t118\t20\n".repeat(MB10 / 40);
    let blank_lines = "\n".repeat(MB10);
    let cases: Vec<(&str, usize, Vec<&str>)> = vec![
        ("", 0, vec![]),
        ("\t\t\t\n\n \t \r\n", 0, vec![]),
        ("产出指标\t数量指标\t里程\t９５％\t９５％\t２０", 1, vec![]),
        (
            "产出指标\t数量指标\t里程\t≥120公里\t118\tabc",
            1,
            vec!["粘贴的第1行“分值”：第1个字符“a”"],
        ),
        (
            "产出指标\t数量指标\t里程\t1e400\t118\t20",
            1,
            vec!["粘贴的第1行“年度指标值”：数值无法识别：数值过大"],
        ),
        (
            "\n\n产出指标\t数量指标\t里程\t≥1个\tNaN\t20",
            1,
            vec!["粘贴的第3行“实际完成值”"],
        ),
        ("产出指标\t数量指标\t里程\t≥1个\t1\t1,200.5万元", 1, vec![]),
        (
            "产出指标\t数量指标\t里程\t≥1个\t1\t20\t18\t说明\t多余\t多余",
            1,
            vec!["粘贴的第1行：有 10 列，本表只有 8 列"],
        ),
        ("   \t   \t   \t≥1个", 1, vec![]),
        (
            "<script>alert(1)</script>\t\t\t<b>",
            1,
            vec!["粘贴的第1行“年度指标值”：第2个字符处缺少数值"],
        ),
        (
            "\"产出指标\t数量指标\t未闭合的引号",
            1,
            vec!["粘贴的第1行：单元格开头的引号（\"）没有按表格软件的格式结束"],
        ),
        ("一级指标\t二级指标\t三级指标\t指标值\n", 0, vec![]),
        (
            "一级指标\t<script>\t三级指标\n产出指标\tx\t里程",
            1,
            vec!["粘贴的第1行“<script>”：不是本表的栏目"],
        ),
        ("\u{fffd}\u{0}\t\u{202e}\t\u{200b}", 1, vec![]),
        (&big_cell, 1, vec![]),
        (&big_number, 1, vec!["粘贴的第1行“分值”：数值过大"]),
        (&blank_lines, 0, vec![]),
        (&many, jixiao::tsv::MAX_ROWS, vec!["超过 1000 行"]),
    ];
    for (text, rows, problems) in &cases {
        check_paste(text, *rows, problems);
    }
}

// ---------------------------------------------------------------------------
// jixiao::drafts::import_document

fn check_import(text: &str, fragments: &[&str]) {
    let case = label(text);
    let err = no_panic(&case, || import_document(text))
        .err()
        .unwrap_or_else(|| panic!("{case}: imported"));
    assert_message(&case, &err.message(), fragments);
    assert!(
        err.message().contains("没有改变"),
        "{case}: {}",
        err.message()
    );
}

#[test]
fn imports_that_are_refused() {
    let too_big = doc_text(&format!(
        r#""goals": {{"annual": "{}"}}"#,
        "x".repeat(2 * MB10)
    ));
    let deep = "[".repeat(100_000);
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("", vec!["文件是空的"]),
        ("\u{feff}", vec!["文件是空的"]),
        (" \n\t", vec!["文件是空的"]),
        (&too_big, vec!["文件太大（20.0 MB）", "16.0 MB"]),
        ("[]", vec!["不是一个 JSON 对象"]),
        (
            "{\"format\": \"jixiao/v1\",",
            vec!["第1行第23列", "内容不完整"],
        ),
        (
            "{\"format\": \"jixiao/v1\",}",
            vec!["第1行第24列", "多余的逗号"],
        ),
        (&deep, vec!["第1行第128列", "嵌套层数过多"]),
        (
            r#"{"format": "jixiao/v2", "kind": "project-goal"}"#,
            vec!["jixiao/v2", "请升级"],
        ),
        (
            r#"{"format": "jixiao-draft/2", "document": {}}"#,
            vec!["“jixiao-draft/2”", "不是 jixiao 表单文件"],
        ),
        (
            r#"{"format": "jixiao/v1", "kind": "project-goal", "year": false}"#,
            vec!["字段 /year", "布尔值 false"],
        ),
        (
            "{\"format\": \"jixiao/v1\", \"kind\": \"\\ud800\"}",
            vec!["第1行", "单独的代理字符"],
        ),
    ];
    for (text, fragments) in &cases {
        check_import(text, fragments);
    }
    // The error variants behind the messages.
    assert_eq!(import_document(""), Err(ImportError::Empty));
    assert!(matches!(
        import_document(&too_big),
        Err(ImportError::TooLarge { .. })
    ));
    assert!(matches!(
        import_document("[1"),
        Err(ImportError::Read(ReadError::Syntax {
            line: 1,
            column: 2,
            ..
        }))
    ));
}

// ---------------------------------------------------------------------------
// jixiao::profile::Profile::from_json

/// Which kind of [`ProfileError`] a case expects.
type IsError = fn(&ProfileError) -> bool;

fn check_profile(text: &str, expected: IsError, fragments: &[&str]) {
    let case = label(text);
    let resolve = |name: &str| jixiao::profile::builtin_json(name).map(str::to_string);
    let err = no_panic(&case, || Profile::from_json(text, &resolve))
        .err()
        .unwrap_or_else(|| panic!("{case}: loaded"));
    assert!(expected(&err), "{case}: {err:?}");
    assert_message(&case, &err.message(), fragments);
    for english in [
        "invalid type",
        "trailing comma",
        "missing field",
        "expected a",
    ] {
        assert!(
            !err.message().contains(english) || err.message().contains("（JSON: "),
            "{case}: {}",
            err.message()
        );
    }
}

#[test]
fn profiles_that_cannot_be_loaded() {
    let deep = format!(
        r#"{{"id": "x", "version": "1", "x": {}"#,
        "[".repeat(100_000)
    );
    let is_syntax: IsError = |e| matches!(e, ProfileError::Syntax { .. });
    let is_not: IsError = |e| matches!(e, ProfileError::NotAProfile { .. });
    let is_shape: IsError = |e| matches!(e, ProfileError::Shape { .. });
    let is_parent: IsError = |e| matches!(e, ProfileError::UnknownParent { .. });
    let is_cycle: IsError = |e| matches!(e, ProfileError::Cycle(_));
    let cases: Vec<(&str, IsError, Vec<&str>)> = vec![
        ("", is_syntax, vec!["第1行第1列", "内容不完整"]),
        (
            r#"{"id": "x", "version": "1""#,
            is_syntax,
            vec!["第1行第26列", "内容不完整"],
        ),
        (
            r#"{"id": "x", "version": "1",}"#,
            is_syntax,
            vec!["第1行第28列", "多余的逗号"],
        ),
        (&deep, is_syntax, vec!["嵌套层数过多"]),
        (r#"{"id": "\udc00"}"#, is_syntax, vec!["单独的代理字符"]),
        ("[]", is_not, vec!["JSON 对象"]),
        (
            r#"[{"id": "x", "version": "1"}]"#,
            is_not,
            vec!["JSON 对象"],
        ),
        (r#"{"id": "x"}"#, is_not, vec!["缺少 version 字段"]),
        (
            r#"{"id": "  ", "version": "1"}"#,
            is_not,
            vec!["缺少 id 字段"],
        ),
        (r#"{"id": 5, "version": "1"}"#, is_not, vec!["缺少 id 字段"]),
        (
            r#"{"id": "x", "version": "1", "parent": "guangxi@2030.1"}"#,
            is_parent,
            vec!["guangxi@2030.1", "找不到"],
        ),
        (
            r#"{"id": "national", "version": "9", "parent": "national"}"#,
            is_cycle,
            vec!["循环"],
        ),
        (
            r#"{"id": "x", "version": "1", "parent": "national", "weights": {"execution": "十"}}"#,
            is_shape,
            vec!["字段 /weights/execution", "十"],
        ),
        (
            r#"{"id": "x", "version": "1", "parent": "national", "weights": {"execution": "1e400"}}"#,
            is_shape,
            vec!["字段 /weights/execution"],
        ),
        (
            r#"{"id": "x", "version": "1", "parent": "national", "disabled": "IND-VAGUE"}"#,
            is_shape,
            vec!["字段 /disabled 应为数组"],
        ),
        (
            r#"{"id": "x", "version": "1", "parent": "national", "thresholds": {"max_name_chars": -1}}"#,
            is_shape,
            vec!["字段 /thresholds/max_name_chars 应为不带小数的非负整数，实际是数字 -1"],
        ),
        (
            r#"{"id": "x", "version": "1", "parent": "national", "severities": {"IND-VAGUE": "fatal"}}"#,
            is_shape,
            vec!["字段 /severities/IND-VAGUE", "“fatal”不是可用的取值"],
        ),
        (
            r#"{"id": "x", "version": "1", "parent": "national", "categories": []}"#,
            is_shape,
            vec!["字段 /categories 应为对象 {...}，实际是数组 [...]"],
        ),
        (
            r#"{"id": "x", "version": "1"}"#,
            is_shape,
            vec!["缺少必填字段 categories"],
        ),
    ];
    for (text, expected, fragments) in &cases {
        check_profile(text, *expected, fragments);
    }
    // A long description loads: the size of a text field is not an error,
    // but a 10 MB profile is not a profile (the limit is stated, not a hang).
    let resolve = |name: &str| jixiao::profile::builtin_json(name).map(str::to_string);
    let with_description = |chars: usize| {
        format!(
            r#"{{"id": "x", "version": "1", "parent": "national", "description": "{}"}}"#,
            "说".repeat(chars)
        )
    };
    let p = Profile::from_json(&with_description(300_000), &resolve).expect("loads");
    assert_eq!(p.description.chars().count(), 300_000);
    let e = Profile::from_json(&with_description(MB10 / 3), &resolve).unwrap_err();
    assert!(e.message().contains("过大"), "{}", e.message());
}

// ---------------------------------------------------------------------------
// Property: check and score never panic on rows of arbitrary text.

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text of every sort: any characters, number-like text (long, signed,
    /// exponents, separators, full-width), comparators with units, levels.
    fn arb_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,30}",
            "[0-9０-９.,，eE+\\-－ ]{0,40}",
            "[≥≤<>=＞＝]{0,2}[0-9]{0,32}(\\.[0-9]{0,30})?(e-?[0-9]{1,3})?[%％个万元天年月日前底]{0,3}",
            prop_oneof![
                Just("达成".to_string()),
                Just("部分达成".to_string()),
                Just("未达成".to_string()),
                Just("79228162514264337593543950335".to_string()),
                Just("0.0000000000000000000000000001".to_string()),
                Just("-79228162514264337593543950335".to_string()),
                Just("2024年12月31日前".to_string()),
                Just("2147483647-12-31".to_string()),
                Just(String::new()),
            ],
        ]
    }

    fn arb_level() -> impl Strategy<Value = (String, String)> {
        prop_oneof![
            Just(("产出指标".to_string(), "数量指标".to_string())),
            Just(("产出指标".to_string(), "时效指标".to_string())),
            Just(("成本指标".to_string(), "经济成本指标".to_string())),
            Just(("效益指标".to_string(), "社会效益指标".to_string())),
            Just(("满意度指标".to_string(), "服务对象满意度指标".to_string())),
            ("\\PC{0,6}", "\\PC{0,6}"),
        ]
    }

    fn arb_row() -> impl Strategy<Value = Value> {
        (
            arb_level(),
            arb_text(),
            arb_text(),
            arb_text(),
            arb_text(),
            arb_text(),
            proptest::option::of(arb_text()),
        )
            .prop_map(
                |((l1, l2), name, target, actual, weight, score, deviation)| {
                    let mut r = json!({
                        "id": name.chars().take(3).collect::<String>(),
                        "level1": l1, "level2": l2, "name": name,
                        "target": target, "actual": actual, "weight": weight, "score": score,
                    });
                    if let Some(d) = deviation {
                        r["deviation"] = json!(d);
                    }
                    r
                },
            )
    }

    fn arb_kind() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("project-goal"),
            Just("project-self-eval"),
            Just("unit-goal"),
            Just("unit-self-eval"),
        ]
    }

    proptest! {
        #[test]
        fn check_and_score_never_panic_on_arbitrary_rows(
            kind in arb_kind(),
            rows in proptest::collection::vec(arb_row(), 0..6),
            year in arb_text(),
            budget in (arb_text(), arb_text(), arb_text()),
            execution_weight in arb_text(),
        ) {
            let doc = Document::from_value(json!({
                "format": "jixiao/v1", "kind": kind, "year": year,
                "funds": {"total": budget.0, "fiscal": budget.1, "other": budget.2},
                "budget": {"adjusted": {"total": budget.0}, "executed": {"total": budget.1}},
                "execution_weight": execution_weight,
                "indicators": rows,
            }))
            .expect("strings in every field read");
            for p in jixiao::profile::builtins() {
                let findings = check(&doc, p);
                for f in &findings {
                    prop_assert!(has_chinese(&f.message), "{:?}", f);
                }
                let rep = score(&doc, p);
                for f in &rep.findings {
                    prop_assert!(has_chinese(&f.message), "{:?}", f);
                }
                if doc.kind.is_self_eval() {
                    prop_assert_eq!(rep.score.indicators.len(), doc.indicators.len());
                } else {
                    prop_assert!(rep.findings.iter().any(|f| f.rule == "SCORE-KIND"));
                }
                prop_assert!(rep.score.total >= Decimal::ZERO);
            }
        }

        #[test]
        fn reading_never_panics_on_arbitrary_text(text in "\\PC{0,60}|[\\[\\]{}\",:0-9a-z\\\\ ]{0,60}") {
            if let Err(e) = Document::from_json(&text) {
                prop_assert!(has_chinese(&e.message()), "{}", e.message());
            }
            if let Err(e) = import_document(&text) {
                prop_assert!(has_chinese(&e.message()), "{}", e.message());
            }
        }
    }
}
