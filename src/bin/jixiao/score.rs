//! `jixiao score`: prints the score of a self-evaluation and its reconciliation.
//!
//! `jixiao score [--profile FILE|ID] [--json] FILE` prints a table of the rows
//! (id, name, weight, score, how), the budget execution, the total and grade,
//! then the findings; with `--json` it prints `{"score": {...}, "findings":
//! [...]}`. Exit codes: 0 no error finding, 1 any error finding, 2 the file
//! or profile could not be read, the command line is wrong, or the output
//! could not be written.

use std::borrow::Cow;

use jixiao::finding::Severity;
use jixiao::model::Document;
use jixiao::num::Num;
use jixiao::profile::Profile;
use jixiao::score::{score, ScoreReport};

use crate::input::{self, ProfileArg};
use crate::out::{shown, Out};

const USAGE: &str = "\
用法: jixiao score [--profile FILE|ID] [--json] FILE|-
退出码: 0 无错误；1 有错误级问题；2 文件或规则无法读取、命令行有误或结果无法写出
（如磁盘已满；接收输出的管道提前关闭时不另提示）。";

pub fn run(args: &[String], out: &mut Out) -> u8 {
    let mut profile_spec: Option<String> = None;
    let mut json = false;
    let mut file: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--profile" => match it.next() {
                Some(p) => profile_spec = Some(p.clone()),
                None => {
                    out.err_raw(&format!("--profile 后面应跟规则配置文件或编号。\n{USAGE}"));
                    return 2;
                }
            },
            "-h" | "--help" => {
                writeln!(out, "{USAGE}");
                return 0;
            }
            s if s.starts_with("--profile=") => {
                profile_spec = Some(s["--profile=".len()..].to_string());
            }
            s if s.starts_with("--") => {
                out.err(&format!("未知选项 {s}。"));
                out.err_raw(USAGE);
                return 2;
            }
            s => {
                if file.is_some() {
                    out.err_raw(&format!("一次只能计算一个文件的得分。\n{USAGE}"));
                    return 2;
                }
                file = Some(s.to_string());
            }
        }
    }
    let Some(path) = file else {
        out.err_raw(USAGE);
        return 2;
    };
    // The profile is read before the document, so that a bad profile is
    // reported even when the document is fine.
    let fixed = match profile_spec.as_deref().map(input::read_profile).transpose() {
        Ok(p) => p,
        Err(msg) => {
            out.err(&msg);
            return 2;
        }
    };
    let doc = match input::read_document(&path) {
        Ok(d) => d,
        Err(e) => {
            out.err(&e.to_string());
            return 2;
        }
    };
    // Without --profile, the profile the document names (or national).
    let profile = match ProfileArg::for_document(fixed.as_ref(), &doc) {
        Ok(p) => p,
        Err(e) => {
            out.err(&format!("{path}: {e}"));
            return 2;
        }
    };
    let report = score(&doc, &profile);
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => writeln!(out, "{s}"),
            Err(e) => {
                out.err(&format!("无法输出 JSON：{e}"));
                return 2;
            }
        }
    } else {
        out.text(&human(&doc, &profile, &report));
    }
    if report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error)
    {
        1
    } else {
        0
    }
}

fn num_text(n: Option<&Num>) -> String {
    n.map(Num::text).unwrap_or_else(|| "-".to_string())
}

/// The human-readable report.
fn human(doc: &Document, profile: &Profile, report: &ScoreReport) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let name = doc.display_name();
    let _ = writeln!(
        out,
        "{}{}（规则：{}）",
        doc.kind.title(),
        if name.is_empty() {
            String::new()
        } else {
            format!("：{}", shown(name))
        },
        shown(&profile.tag())
    );
    let s = &report.score;
    if let Some(e) = &s.execution {
        let _ = writeln!(
            out,
            "\n预算执行率：执行率 {}，得分 {}\n  {}",
            e.rate,
            e.score,
            shown(&e.how)
        );
    }
    if !s.indicators.is_empty() {
        let _ = writeln!(out, "\n编号\t指标名称\t分值\t得分\t计算");
        for (row, ind) in s.indicators.iter().zip(&doc.indicators) {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                shown(&row.id),
                shown(&ind.name),
                num_text(ind.weight.as_ref()),
                row.score
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".to_string()),
                shown(&row.how)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n总分 {}，等级 {}",
        s.total,
        if s.grade.is_empty() {
            Cow::Borrowed("-")
        } else {
            shown(&s.grade)
        }
    );
    if report.findings.is_empty() {
        let _ = writeln!(out, "\n未发现问题。");
    } else {
        let _ = writeln!(out, "\n问题（{} 条）：", report.findings.len());
        for f in &report.findings {
            let _ = writeln!(out, "{}", shown(&f.to_string()));
        }
    }
    out
}
