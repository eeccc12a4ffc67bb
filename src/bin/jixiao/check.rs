//! `jixiao check`: prints the findings of one or more documents.
//!
//! Every file is read and checked, and reported under its name; a file that
//! cannot be read does not stop the others. Exit codes: 0 no errors, 1 some
//! document has an error-level finding, 2 a file (or the profile) could not
//! be read, or the command line is wrong.

use jixiao::evaluate::{evaluate, Report};
use jixiao::finding::{Finding, Severity};
use jixiao::score::Score;
use serde::Serialize;

use crate::input::{self, ProfileArg};

const HELP: &str = "\
用法: jixiao check [--profile FILE|ID] [--json] FILE...

检查一个或多个表单文件（jixiao/v1），一次列出所有问题。

选项:
  --profile FILE|ID  使用的规则：内置规则编号（national、sichuan、sichuan-salary、
                     ningxia、hubei-old、hebei、yunnan、anhui-xianjie、
                     chongqing-unit、yinchuan，可写作 ID@版本）或规则文件路径。
                     不指定时，使用表单 profile 字段所指的内置规则，未写则用
                     national；表单所指的规则不是内置规则时，该文件无法检查。
  --json             输出 JSON。一个文件时输出一个对象
                       {\"file\": 文件名, \"profile\": \"ID@版本\", \"findings\": [...]}，
                     自评表另有 \"score\"（与页面和导出文件相同）；
                     多个文件时输出这些对象组成的数组，每个文件一个对象，按命令行顺序。
                     无法读取或无法检查的文件为 {\"file\": 文件名, \"error\": 说明}。
  -h, --help         显示本帮助。

FILE 为 - 时读取标准输入。
退出码: 0 无错误；1 有表单存在错误级问题；2 有文件或规则无法读取，或命令行有误。";

struct Options {
    profile: Option<String>,
    json: bool,
    files: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        profile: None,
        json: false,
        files: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => o.json = true,
            "--profile" => match it.next() {
                Some(p) => o.profile = Some(p.clone()),
                None => return Err("--profile 后面应跟规则编号或规则文件路径。".into()),
            },
            s if s.starts_with("--profile=") => {
                o.profile = Some(s["--profile=".len()..].to_string())
            }
            "--" => o.files.extend(it.by_ref().cloned()),
            s if s.starts_with('-') && s != "-" => return Err(format!("未知的选项 {s}。")),
            s => o.files.push(s.to_string()),
        }
    }
    if o.files.is_empty() {
        return Err("请给出至少一个要检查的文件。".into());
    }
    Ok(o)
}

/// The outcome of one file.
enum Outcome {
    Checked {
        kind_title: &'static str,
        name: String,
        report: Report,
    },
    Unreadable(String),
    /// Read, but no profile to check it with (see `profile::resolve`).
    Unchecked(String),
}

pub fn run(args: &[String]) -> u8 {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{HELP}");
        return 0;
    }
    let opts = match parse_args(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}\n\n{HELP}");
            return 2;
        }
    };
    let given = match opts.profile.as_deref().map(input::read_profile).transpose() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let mut outcomes = Vec::with_capacity(opts.files.len());
    for path in &opts.files {
        let outcome = match input::read_document(path) {
            Err(e) => Outcome::Unreadable(e.to_string()),
            Ok(doc) => match ProfileArg::for_document(given.as_ref(), &doc) {
                Err(e) => Outcome::Unchecked(format!("{path}: {e}")),
                Ok(p) => Outcome::Checked {
                    kind_title: doc.kind.title(),
                    name: doc.display_name().to_string(),
                    report: evaluate(&doc, &p),
                },
            },
        };
        outcomes.push((path.as_str(), outcome));
    }
    if opts.json {
        print_json(&outcomes);
    } else {
        print_human(&outcomes);
    }
    let unreadable = outcomes
        .iter()
        .any(|(_, o)| matches!(o, Outcome::Unreadable(_) | Outcome::Unchecked(_)));
    let errors = outcomes.iter().any(|(_, o)| match o {
        Outcome::Checked { report, .. } => report.has_errors(),
        Outcome::Unreadable(_) | Outcome::Unchecked(_) => false,
    });
    if unreadable {
        2
    } else if errors {
        1
    } else {
        0
    }
}

/// One file's result in `--json` output.
#[derive(Serialize)]
struct FileReport<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<&'a [Finding]>,
    /// The score of a self-evaluation, as the page and export show it.
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<&'a Score>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

fn print_json(outcomes: &[(&str, Outcome)]) {
    let reports: Vec<FileReport> = outcomes
        .iter()
        .map(|(path, o)| match o {
            Outcome::Checked { report, .. } => FileReport {
                file: path,
                profile: Some(&report.profile),
                findings: Some(&report.findings),
                score: report.score.as_ref(),
                error: None,
            },
            Outcome::Unreadable(e) | Outcome::Unchecked(e) => {
                eprintln!("{e}");
                FileReport {
                    file: path,
                    profile: None,
                    findings: None,
                    score: None,
                    error: Some(e),
                }
            }
        })
        .collect();
    let text = match reports.as_slice() {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    };
    println!(
        "{}",
        text.unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    );
}

fn print_human(outcomes: &[(&str, Outcome)]) {
    for (n, (path, o)) in outcomes.iter().enumerate() {
        if n > 0 {
            println!();
        }
        match o {
            Outcome::Unreadable(e) => {
                println!("{path}: 无法读取");
                eprintln!("{e}");
            }
            Outcome::Unchecked(e) => {
                println!("{path}: 无法检查");
                eprintln!("{e}");
            }
            Outcome::Checked {
                kind_title,
                name,
                report,
            } => {
                let (profile, findings) = (&report.profile, &report.findings);
                let title = if name.is_empty() {
                    kind_title.to_string()
                } else {
                    format!("{kind_title}《{name}》")
                };
                println!("{path}: {title}，规则 {profile}");
                for f in findings {
                    println!("  {f}");
                    if let Some(x) = &f.explanation {
                        println!("      已说明：{x}");
                    }
                }
                if let Some(score) = &report.score {
                    println!("  得分：{}（{}）", score.total, score.grade);
                }
                let count = |s| findings.iter().filter(|f| f.severity == s).count();
                if findings.is_empty() {
                    println!("  未发现问题。");
                } else {
                    println!(
                        "  共 {} 个错误、{} 个提示、{} 个说明。",
                        count(Severity::Error),
                        count(Severity::Warning),
                        count(Severity::Info)
                    );
                }
            }
        }
    }
}
