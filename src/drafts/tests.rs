//! Tests of drafts, the index, conflicts, import and export.

use super::*;
use crate::model::{Document, Kind, ReadError};
use crate::profile::Profile;
use serde_json::Value;

const GOAL: &str = r#"{"format":"jixiao/v1","kind":"project-goal","year":2024,
    "project":{"name":"乡村道路养护项目","department":"某县交通运输局","unit":"某县公路养护中心"},
    "funds":{"total":"120.00","fiscal":"100.00","other":"20.00"},
    "indicators":[{"id":"q1","level1":"产出指标","level2":"数量指标","name":"养护里程",
      "target":{"op":">=","value":"120","unit":"公里"},"weight":"20"}]}"#;

fn goal() -> Document {
    Document::from_json(GOAL).expect("the sample reads")
}

fn meta(id: &str, saved_at: i64, revision: u64, tab: &str) -> DraftMeta {
    DraftMeta {
        id: id.into(),
        kind: Kind::ProjectGoal,
        name: UNNAMED.into(),
        year: None,
        saved_at,
        revision,
        tab: tab.into(),
    }
}

#[test]
fn a_record_round_trips_with_its_meta() {
    let doc = goal();
    let rec = DraftRecord::next("d1", &doc, None, 1_700_000_000_000, "tA");
    assert_eq!(rec.meta.name, "乡村道路养护项目");
    assert_eq!(rec.meta.year, Some(2024));
    assert_eq!(rec.meta.revision, 1);
    let text = rec.to_json();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], DRAFT_FORMAT);
    assert_eq!(value["document"]["format"], "jixiao/v1");
    assert_eq!(value["document"]["funds"]["total"], "120.00");
    let back = DraftRecord::from_json(&text).unwrap();
    assert_eq!(back, rec);
    assert_eq!(DraftRecord::meta_from_json(&text).unwrap(), rec.meta);

    let next = DraftRecord::next("d1", &doc, Some(&rec.meta), 1_700_000_001_000, "tA");
    assert_eq!(next.meta.revision, 2);
    let blank = DraftRecord::next("d2", &Document::new(Kind::UnitSelfEval), None, 5, "tA");
    assert_eq!(
        (blank.meta.name.as_str(), blank.meta.kind, blank.meta.year),
        (UNNAMED, Kind::UnitSelfEval, None)
    );
}

/// Revisions are `u64`: one above `i64::MAX` (the next save of a record
/// at `i64::MAX`, found by fuzzing) is written and read back, and the
/// largest saturates instead of wrapping.
#[test]
fn revisions_read_back_over_their_whole_range() {
    let doc = goal();
    for (revision, next) in [(i64::MAX as u64, i64::MAX as u64 + 1), (u64::MAX, u64::MAX)] {
        let rec = DraftRecord {
            meta: meta("d1", 1, revision, "tA"),
            document: doc.clone(),
        };
        let back = DraftRecord::from_json(&rec.to_json()).expect("the record reads");
        assert_eq!(back.meta.revision, revision);
        let saved = DraftRecord::next("d1", &doc, Some(&back.meta), 2, "tB");
        let back = DraftRecord::from_json(&saved.to_json()).expect("the next save reads");
        assert_eq!(back.meta.revision, next);
    }
    // Past u64::MAX, or negative, a revision is damage, said in Chinese.
    for bad in ["18446744073709551616", "-1"] {
        let text = rec_text_with_revision(bad);
        match DraftRecord::from_json(&text) {
            Err(DraftError::Damaged { detail }) => assert!(detail.contains("revision"), "{detail}"),
            other => panic!("revision {bad}: {other:?}"),
        }
    }
}

fn rec_text_with_revision(revision: &str) -> String {
    let rec = DraftRecord::next("d1", &goal(), None, 1, "tA");
    rec.to_json()
        .replace("\"revision\": 1,", &format!("\"revision\": {revision},"))
}

fn damaged(text: &str, expect: &str) {
    let err = DraftRecord::from_json(text).expect_err(text);
    let msg = err.message();
    assert!(msg.contains(expect), "{text}: {msg}");
    assert!(msg.contains("没有被删除"), "{text}: {msg}");
}

#[test]
fn damaged_records_are_errors_with_a_message() {
    let good = DraftRecord::next("d1", &goal(), None, 1, "tA").to_json();
    let half = (0..=good.len() / 2)
        .rev()
        .find(|&i| good.is_char_boundary(i))
        .unwrap_or(0);
    let cut = &good[..half];
    damaged(cut, "已损坏");
    damaged("", "已损坏");
    damaged("[1]", "不是一个 JSON 对象");
    damaged(r#"{"meta":{},"document":{}}"#, "格式标记");
    damaged(r#"{"format":"jixiao-draft/9"}"#, "较新版本");
    damaged(r#"{"format":"jixiao-draft/1","document":{}}"#, "meta");
    damaged(
        r#"{"format":"jixiao-draft/1","meta":{"id":"d1","kind":"memo","name":"x","saved_at":1,"revision":1,"tab":"t"},"document":{}}"#,
        "meta",
    );
    damaged(
        r#"{"format":"jixiao-draft/1","meta":{"id":"d1","kind":"project-goal","name":"x","saved_at":1,"revision":1,"tab":"t"}}"#,
        "缺少表单内容",
    );
    let bad_doc = r#"{"format":"jixiao-draft/1","meta":{"id":"d1","kind":"project-goal","name":"x","saved_at":1,"revision":1,"tab":"t"},"document":{"format":"jixiao/v1","kind":"project-goal","indicators":5}}"#;
    damaged(bad_doc, "无法读取");
    // The meta of a record whose document is damaged is still readable.
    assert_eq!(DraftRecord::meta_from_json(bad_doc).unwrap().name, "x");
}

fn ids(index: &DraftIndex) -> Vec<&str> {
    index.drafts.iter().map(|m| m.id.as_str()).collect()
}

#[test]
fn the_index_keeps_newest_first_and_survives_damage() {
    let mut index = DraftIndex::default();
    index.upsert(meta("a", 10, 1, "t"));
    index.upsert(meta("b", 30, 1, "t"));
    index.upsert(meta("c", 20, 1, "t"));
    index.upsert(meta("a", 40, 2, "t"));
    assert_eq!(ids(&index), ["a", "b", "c"]);
    index.active = Some("b".into());
    let back = DraftIndex::from_json(Some(&index.to_json()));
    assert_eq!(back, index);
    index.remove("b");
    assert_eq!((ids(&index), index.active.clone()), (vec!["a", "c"], None));

    for broken in [
        None,
        Some(""),
        Some("{"),
        Some("[]"),
        Some(r#"{"drafts":[]}"#),
    ] {
        assert_eq!(
            DraftIndex::from_json(broken),
            DraftIndex::default(),
            "{broken:?}"
        );
    }
}

#[test]
fn reconcile_follows_the_records() {
    let mut index = DraftIndex::default();
    index.upsert(meta("a", 10, 1, "t"));
    index.upsert(meta("gone", 20, 1, "t"));
    index.upsert(meta("broken", 5, 3, "t"));
    index.active = Some("gone".into());
    let stored = vec![
        ("a".to_string(), Some(meta("a", 50, 4, "t2"))),
        ("new".to_string(), Some(meta("new", 30, 1, "t"))),
        ("broken".to_string(), None),
        ("lost".to_string(), None),
    ];
    index.reconcile(&stored);
    assert_eq!(ids(&index), ["a", "new", "broken"]);
    assert_eq!(index.get("a").unwrap().revision, 4);
    assert_eq!(index.active, None);
}

#[test]
fn new_ids_are_unique_and_keys_round_trip() {
    assert_eq!(new_draft_id(36, 35, &[]), "d10-z");
    assert_eq!(new_draft_id(36, 35, &["d10-z"]), "d10-z-2");
    assert_eq!(new_draft_id(36, 35, &["d10-z", "d10-z-2"]), "d10-z-3");
    assert_eq!(new_tab_id(0, 0), "t0-0");
    let id = new_draft_id(1_732_456_789_000, 123_456, &[]);
    assert_eq!(draft_id_of_key(&draft_key(&id)), Some(id.as_str()));
    assert_eq!(draft_id_of_key(INDEX_KEY), None);
    assert_eq!(draft_id_of_key("jixiao:draft:"), None);
}

fn write(base: Option<&DraftMeta>, stored: Option<&DraftMeta>, me: &str) -> bool {
    matches!(check_write(base, stored, me), WriteCheck::Conflict { .. })
}

#[test]
fn conflicting_writes_are_detected() {
    let mine1 = meta("d", 1, 1, "me");
    let theirs2 = meta("d", 2, 2, "other");
    let mine2 = meta("d", 2, 2, "me");
    let cases: &[(Option<&DraftMeta>, Option<&DraftMeta>, bool, &str)] = &[
        (None, None, false, "a new draft"),
        (Some(&mine1), Some(&mine1), false, "nothing newer stored"),
        (
            Some(&mine1),
            None,
            false,
            "deleted elsewhere: saving keeps the work",
        ),
        (
            Some(&mine1),
            Some(&theirs2),
            true,
            "another tab saved revision 2",
        ),
        (Some(&theirs2), Some(&theirs2), false, "we reloaded theirs"),
        (
            Some(&mine2),
            Some(&mine1),
            false,
            "stored is older than ours",
        ),
        (
            None,
            Some(&theirs2),
            true,
            "a new draft id already taken by another tab",
        ),
        (
            Some(&mine1),
            Some(&meta("d", 5, 1, "other")),
            true,
            "same revision, other tab",
        ),
    ];
    for (base, stored, expect, why) in cases {
        assert_eq!(write(*base, *stored, "me"), *expect, "{why}");
    }
}

fn file_name(name: &str, year: Option<i64>, kind: Kind) -> String {
    let mut doc = Document::new(kind);
    if let Some(p) = &mut doc.project {
        p.name = name.into();
    }
    if let Some(u) = &mut doc.unit {
        u.name = name.into();
    }
    doc.year = year.map(|y| crate::num::Num::parse(&y.to_string()));
    export_file_name(&doc)
}

#[test]
fn export_file_names_are_windows_safe() {
    let cases: &[(&str, Option<i64>, Kind, &str)] = &[
        (
            "乡村道路养护项目",
            Some(2024),
            Kind::ProjectGoal,
            "乡村道路养护项目_2024年度_项目支出绩效目标申报表.json",
        ),
        (
            "a/b\\c:d*e?f\"g<h>i|j",
            Some(2024),
            Kind::ProjectSelfEval,
            "a_b_c_d_e_f_g_h_i_j_2024年度_项目支出绩效自评表.json",
        ),
        (
            "",
            None,
            Kind::UnitGoal,
            "未命名表单_未填年度_部门（单位）整体支出绩效目标申报表.json",
        ),
        (
            "某局\n机关",
            Some(2025),
            Kind::UnitSelfEval,
            "某局_机关_2025年度_部门（单位）整体支出绩效自评表.json",
        ),
    ];
    for (name, year, kind, expect) in cases {
        assert_eq!(file_name(name, *year, *kind), *expect, "{name}");
    }
    assert_eq!(windows_safe("CON"), "_CON");
    assert_eq!(windows_safe("com1.txt"), "_com1.txt");
    assert_eq!(windows_safe("COMMON"), "COMMON");
    assert_eq!(windows_safe("报告. . "), "报告");
    assert_eq!(windows_safe("..."), UNNAMED);
    let long = file_name(&"长".repeat(300), Some(2024), Kind::ProjectGoal);
    assert_eq!(long.chars().filter(|c| *c == '长').count(), 80);
}

#[test]
fn export_fills_check_and_score() {
    let profile = Profile::national();
    let mut doc = goal();
    doc.score = Some(serde_json::json!({"stale": true}));
    let out = export_document(&doc, profile);
    assert_eq!(out.profile.as_deref(), Some("national@2024.1"));
    let check = out.check.as_ref().expect("check section");
    assert_eq!(check.profile, "national@2024.1");
    let mut exported = doc.clone();
    exported.profile = Some(profile.tag());
    let report = crate::evaluate::evaluate(&exported, profile);
    assert_eq!(check.findings, report.findings);
    assert_eq!(out.score, None, "a goal form carries no score");
    assert_eq!(out.indicators, doc.indicators);

    let mut eval = goal();
    eval.kind = Kind::ProjectSelfEval;
    let out = export_document(&eval, profile);
    let report = crate::evaluate::evaluate(&out, profile);
    let expected = serde_json::to_value(report.score.unwrap()).unwrap();
    assert_eq!(out.score, Some(expected));
    assert_eq!(out.check.as_ref().unwrap().findings, report.findings);
    let reread = import_document(&out.to_json()).expect("an export imports again");
    assert_eq!(reread, out);
}

fn import_err(text: &str) -> ImportError {
    import_document(text).expect_err(text)
}

#[test]
fn imports_read_v1_and_explain_failures() {
    assert_eq!(import_document(GOAL).unwrap(), goal());
    assert_eq!(import_document(&format!("\u{feff}{GOAL}")).unwrap(), goal());
    let rec = DraftRecord::next("d1", &goal(), None, 1, "t").to_json();
    assert_eq!(import_document(&rec).unwrap(), goal());

    let syntax = import_err("{\n\"format\": \"jixiao/v1\",\n\"kind\" \"project-goal\"}");
    assert!(matches!(
        syntax,
        ImportError::Read(ReadError::Syntax { line: 3, .. })
    ));
    assert!(syntax.message().contains("第3行"), "{}", syntax.message());

    let cases: &[(&str, &str)] = &[
        ("", "文件是空的"),
        ("  \n", "文件是空的"),
        (r#"{"format":"jixiao/v2","kind":"project-goal"}"#, "请升级"),
        (r#"{"format":"other"}"#, "不是 jixiao 表单文件"),
        (r#"{"format":"jixiao/v1","kind":"memo"}"#, "未知的表单类型"),
    ];
    for (text, expect) in cases {
        let msg = import_err(text).message();
        assert!(msg.contains(expect), "{text}: {msg}");
        assert!(msg.contains("没有改变"), "{text}: {msg}");
    }
}

#[test]
fn imports_are_limited_in_size_and_kind() {
    let big = format!("{GOAL}{}", " ".repeat(20 * 1024 * 1024));
    let err = import_err(&big);
    assert_eq!(err, ImportError::TooLarge { bytes: big.len() });
    assert!(err.message().contains("20.0 MB"), "{}", err.message());
    assert!(err.message().contains("16.0 MB"), "{}", err.message());
    let at_limit = format!("{GOAL}{}", " ".repeat(MAX_IMPORT_BYTES - GOAL.len()));
    assert!(import_document(&at_limit).is_ok());
    let over = format!("{at_limit} ");
    assert_eq!(
        import_err(&over),
        ImportError::TooLarge {
            bytes: MAX_IMPORT_BYTES + 1
        }
    );

    assert!(import_document_as(GOAL, Kind::ProjectGoal).is_ok());
    let err = import_document_as(GOAL, Kind::ProjectSelfEval).unwrap_err();
    assert_eq!(
        err,
        ImportError::WrongKind {
            expected: Kind::ProjectSelfEval,
            found: Kind::ProjectGoal
        }
    );
    assert!(err.message().contains("项目支出绩效自评表"));
    let err = ImportError::FileRead("NotReadableError".into());
    assert!(
        err.message().contains("NotReadableError"),
        "{}",
        err.message()
    );
    assert_eq!(size_text(1), "1 KB");
    assert_eq!(size_text(2048), "2 KB");
}

#[test]
fn storage_errors_are_classified() {
    let cases: &[(&str, u16, StorageError)] = &[
        ("QuotaExceededError", 22, StorageError::QuotaExceeded),
        (
            "NS_ERROR_DOM_QUOTA_REACHED",
            1014,
            StorageError::QuotaExceeded,
        ),
        ("Error", 22, StorageError::QuotaExceeded),
        ("SecurityError", 18, StorageError::Unavailable),
        (
            "InvalidStateError",
            11,
            StorageError::Other("InvalidStateError: x".into()),
        ),
    ];
    for (name, code, expect) in cases {
        assert_eq!(StorageError::classify(name, *code, "x"), *expect, "{name}");
    }
    assert!(StorageError::QuotaExceeded.message().contains("已满"));
    assert!(StorageError::Unavailable.message().contains("无痕"));
    assert!(StorageError::Other("x".into())
        .message()
        .contains("导出文件"));
}

#[test]
fn status_texts_and_local_times() {
    // 2024-02-29 23:59:58 UTC is 2024-03-01 07:59:58 in China (UTC+8).
    let ms = 1_709_251_198_000;
    let cases: &[(i32, &str, &str)] = &[
        (0, "2024-02-29 23:59", "23:59:58"),
        (480, "2024-03-01 07:59", "07:59:58"),
        (-300, "2024-02-29 18:59", "18:59:58"),
    ];
    for (offset, date_time, hms) in cases {
        let t = LocalTime::new(ms, *offset);
        assert_eq!(
            (t.date_time().as_str(), t.hms().as_str()),
            (*date_time, *hms)
        );
    }
    assert_eq!(LocalTime::new(0, 0).date_time(), "1970-01-01 00:00");
    assert_eq!(LocalTime::new(-1000, 0).date_time(), "1969-12-31 23:59");
    assert_eq!(SaveState::Saved { at: ms }.text(480), "已保存 07:59:58");
    assert_eq!(SaveState::Saving.text(480), "正在保存…");
    assert_eq!(SaveState::Failed("满了".into()).text(0), "保存失败：满了");
    assert_eq!(SaveState::Idle.text(0), "");
}

#[test]
fn drafts_and_imports_over_the_limits_are_refused_not_lost() {
    use crate::limits::{MAX_DOCUMENT_BYTES, MAX_ROWS};
    let good = DraftRecord::next("d1", &goal(), None, 1, "tA").to_json();
    let body = good.strip_suffix('}').unwrap();
    let at = format!("{body}{}}}", " ".repeat(MAX_DOCUMENT_BYTES - good.len()));
    assert!(DraftRecord::from_json(&at).is_ok());
    let over = format!("{at} ");
    damaged(&over, "大小上限");
    assert!(matches!(
        DraftRecord::meta_from_json(&over),
        Err(DraftError::Damaged { .. })
    ));
    // A draft or an imported file with more rows than a form may have.
    let mut doc = goal();
    doc.indicators = vec![doc.indicators[0].clone(); MAX_ROWS + 1];
    let rec = DraftRecord::next("d1", &doc, None, 1, "tA").to_json();
    let msg = DraftRecord::from_json(&rec).unwrap_err().message();
    assert!(msg.contains("超过上限 5000 行"), "{msg}");
    assert!(msg.contains("没有被删除"), "{msg}");
    let msg = import_err(&doc.to_json()).message();
    assert!(msg.contains("超过上限 5000 行"), "{msg}");
    doc.indicators.truncate(MAX_ROWS);
    assert!(import_document(&doc.to_json()).is_ok());
}

#[test]
fn autosave_is_immediate_while_saving_is_quick() {
    assert_eq!(save_delay_ms(&[0.0; 3]), 0);
    assert_eq!(save_delay_ms(&[0.3, 2.0, 1.0]), 0);
    // One slow save among quick ones changes nothing; three do.
    assert_eq!(save_delay_ms(&[50.0, 1.0, 1.0]), 0);
    assert_eq!(save_delay_ms(&[50.0, 12.0, QUICK_SAVE_MS]), DEBOUNCE_MS);
    assert_eq!(save_delay_ms(&[50.0, 12.0, QUICK_SAVE_MS - 0.1]), 0);
    // Nonsense timings do not panic; alone they count as slow.
    assert_eq!(save_delay_ms(&[f64::NAN; 3]), DEBOUNCE_MS);
    assert_eq!(save_delay_ms(&[f64::NAN, 1.0, 50.0]), 0);
}
