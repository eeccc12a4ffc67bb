//! Targets and actual values as budget units really write them, each with
//! the reading a reviewer gives it: `tests/real/strings-*.tsv`, collected
//! from published forms (the source of each is in its last column).
//!
//! A row is `field, text, year, level2, indicator, reading, source`. The
//! reading notation (see `tests/real/README.md`):
//! - a quantity `OP VALUE UNIT` (`>= 95 %`, `none 12 处`: no comparator
//!   written; `-` for no unit); a number of years `duration OP N 年`;
//! - a deadline `OP date YYYY-MM[-DD]` (the form's year filled in), a period
//!   `period YYYY-MM..YYYY-MM`, a tolerance `band N UNIT`;
//! - `qual TEXT` (a defined qualitative level), `vague TEXT` (what the
//!   national profile's vague words flag), `invalid` (unreadable, a
//!   measurable row's target with neither number nor defined level, or a
//!   percentage that cannot be, such as `290%` for `≥90%`);
//! - for an actual value, its reading against the target given after
//!   ` | target=`: `num VALUE UNIT` (an actual without a unit takes the
//!   target's), `date YYYY-MM[-DD]`, `level 达成|部分达成|未达成`, `text`
//!   (words that name no level), `invalid`.
//!
//! Every row must read as the reviewer reads it; the test prints every
//! difference at once.

use std::collections::BTreeSet;

use jixiao::fields::RowField;
use jixiao::model::{Document, Indicator, Kind};
use jixiao::profile::Profile;
use jixiao::target::{level_against, parse_actual, Actual, Op, PartialDate, Target};

struct Row {
    field: String,
    text: String,
    year: Option<i32>,
    level2: String,
    indicator: String,
    reading: String,
    source: String,
    line: String,
}

fn rows() -> Vec<Row> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/real")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("strings-") && n.ends_with(".tsv"))
        })
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for (n, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            assert!(c.len() >= 7, "{name}:{}: {} columns", n + 1, c.len());
            out.push(Row {
                field: c[0].to_string(),
                text: c[1].to_string(),
                year: c[2].trim().parse().ok(),
                level2: c[3].to_string(),
                indicator: c[4].to_string(),
                reading: c[5].trim().to_string(),
                source: c[6].to_string(),
                line: format!("{name}:{}", n + 1),
            });
        }
    }
    out
}

/// The 一级 category a 二级 name belongs to in the national tree.
fn level1_of(level2: &str) -> String {
    let key = |s: &str| s.trim().trim_end_matches("指标").to_string();
    let l2 = key(&level2
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>());
    for node in &Profile::national().categories.tree {
        if node
            .level2
            .iter()
            .any(|x| key(x) == l2 || l2.ends_with(&key(x)))
        {
            return node.name.clone();
        }
    }
    if l2.contains("满意") {
        "满意度指标".into()
    } else {
        "产出指标".into()
    }
}

/// A one-row goal form holding the target as typed in its context.
fn row_doc(r: &Row, target: &str) -> Document {
    let mut doc = Document::new(Kind::ProjectGoal);
    doc.year = r.year.map(|y| jixiao::num::Num::parse(&y.to_string()));
    let mut ind = Indicator {
        id: "r1".into(),
        level1: level1_of(&r.level2),
        level2: r.level2.clone(),
        name: r.indicator.clone(),
        ..Indicator::default()
    };
    RowField::Target.set(&mut ind, target, r.year);
    doc.indicators.push(ind);
    doc
}

fn date_text(d: &PartialDate) -> String {
    d.to_string()
}

fn op_text(op: Option<Op>) -> &'static str {
    op.map(|o| o.as_str()).unwrap_or("none")
}

fn unit_text(u: &str) -> String {
    if u.trim().is_empty() {
        "-".into()
    } else {
        u.trim().to_string()
    }
}

/// How the engine reads a target, in the notation of the table.
fn target_reading(r: &Row, text: &str) -> String {
    let doc = row_doc(r, text);
    let ind = &doc.indicators[0];
    let findings = jixiao::rules::check(&doc, Profile::national());
    let at_target: BTreeSet<&str> = findings
        .iter()
        .filter(|f| f.path == "/indicators/0/target")
        .map(|f| f.rule.as_str())
        .collect();
    if at_target.contains("IND-TARGET-INVALID")
        || at_target.contains("IND-NOT-MEASURABLE")
        || at_target.contains("IND-PERCENT-RANGE")
    {
        return "invalid".into();
    }
    match ind.measured_target().as_ref() {
        Target::Quantity { op, value, unit } if unit == "年" => {
            format!("duration {} {} 年", op_text(*op), value.normalize())
        }
        Target::Quantity { op, value, unit } => {
            format!("{} {} {}", op_text(*op), value.normalize(), unit_text(unit))
        }
        Target::Date {
            date,
            start: Some(s),
            ..
        } => format!("period {}..{}", date_text(s), date_text(date)),
        Target::Date { op, date, .. } => format!("{} date {}", op.as_str(), date_text(date)),
        Target::Band {
            tolerance, unit, ..
        } => format!("band {} {}", tolerance.normalize(), unit_text(unit)),
        Target::Qualitative { text } if at_target.contains("IND-VAGUE") => format!("vague {text}"),
        Target::Qualitative { text } => format!("qual {text}"),
        Target::Invalid { .. } => "invalid".into(),
    }
}

/// How the engine reads an actual value against its target.
fn actual_reading(r: &Row, target_text: &str) -> String {
    let doc = row_doc(r, target_text);
    let ind = &doc.indicators[0];
    let target = ind.measured_target();
    let actual = parse_actual(&r.text);
    if let Some(level) = level_against(&actual, &target) {
        if matches!(actual, Actual::Level(_) | Actual::Text(_))
            || matches!(target.as_ref(), Target::Qualitative { .. })
        {
            return format!("level {}", level.name());
        }
    }
    match &actual {
        Actual::Number { value, unit, .. } => {
            let unit = if unit.trim().is_empty() {
                target.unit().unwrap_or("").to_string()
            } else {
                unit.clone()
            };
            format!("num {} {}", value.normalize(), unit_text(&unit))
        }
        Actual::Date(d) => {
            let year = d.year.or(r.year);
            format!("date {}", date_text(&PartialDate { year, ..*d }))
        }
        Actual::Level(l) => format!("level {}", l.name()),
        Actual::Text(_) => "text".into(),
        Actual::Invalid(_) => "invalid".into(),
    }
}

#[test]
fn real_strings_read_as_a_reviewer_reads_them() {
    let rows = rows();
    let distinct: BTreeSet<(&str, &str)> = rows
        .iter()
        .map(|r| (r.field.as_str(), r.text.as_str()))
        .collect();
    assert!(
        distinct.len() >= 150,
        "only {} distinct strings",
        distinct.len()
    );
    let mut wrong = Vec::new();
    for r in &rows {
        assert!(!r.source.trim().is_empty(), "{}: no source", r.line);
        let (want, got) = match r.field.as_str() {
            "target" => (r.reading.clone(), target_reading(r, &r.text)),
            "actual" => {
                let (want, target) = r
                    .reading
                    .split_once(" | target=")
                    .unwrap_or_else(|| panic!("{}: no target for an actual", r.line));
                (want.trim().to_string(), actual_reading(r, target))
            }
            other => panic!("{}: field {other}", r.line),
        };
        if want != got {
            wrong.push(format!(
                "{} {} “{}” [{} {}]: want {want}, got {got}",
                r.line, r.field, r.text, r.level2, r.indicator
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} read otherwise:\n{}",
        wrong.len(),
        rows.len(),
        wrong.join("\n")
    );
}
