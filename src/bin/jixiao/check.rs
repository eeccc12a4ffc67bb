//! `jixiao check`: prints the findings of one or more documents.
//!
//! Every file is read and checked, and reported under its name; a file that
//! cannot be read does not stop the others. Exit codes: 0 no errors, 1 some
//! document has an error-level finding, 2 a file (or the profile) could not
//! be read, the command line is wrong, or the output could not be written
//! (see `crate::out`).

use jixiao::evaluate::{evaluate, Report};
use jixiao::finding::{Finding, Severity};
use jixiao::model::Document;
use jixiao::score::Score;
use serde::Serialize;

use jixiao::drafts::size_text;

use crate::input::{self, InputError, ProfileArg};
use crate::out::{shown, Out};

const HELP: &str = "\
用法: jixiao check [--profile FILE|ID] [--json] [--files-from LIST] FILE...

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
  --files-from LIST  另从文件 LIST 读取要检查的文件，每行一个路径（空行忽略，
                     行尾的回车忽略）；LIST 为 - 时从标准输入读取。文件很多、
                     命令行放不下时使用（如一次检查上万份：
                     find 目录 -name '*.json' | jixiao check --json --files-from -）。
                     这些文件排在 --files-from 出现的位置；用了 --files-from 时，
                     --json 总是输出数组，即使只有一个文件；列表中没有文件时
                     退出码为 2。
  -h, --help         显示本帮助。

FILE 为 - 时读取标准输入。
检查多个文件、标准错误输出是终端而标准输出不是（如输出重定向到文件）时，
标准错误输出上显示进度（已检查 1234/10000 份…），结束时清除；标准错误输出
是管道或文件时不显示。
终端上显示的表单文字中的控制字符（如 ESC、回车、响铃）写作转义形式 \\u{1b}，
不会改动终端；--json 输出保留原文。
退出码: 0 无错误；1 有表单存在错误级问题；2 有文件或规则无法读取、命令行有误，
或结果无法写出（如磁盘已满，标准错误输出中有说明；接收输出的管道提前关闭时，
如 | head，不另提示，其余文件不再检查）。";

struct Options {
    profile: Option<String>,
    json: bool,
    /// The files, in order: each a path (`File`) or a list of paths
    /// (`--files-from`, read in [`expand`]).
    files: Vec<Source>,
}

enum Source {
    File(String),
    List(String),
}

/// At most this much of a `--files-from` list is read: 64 MiB, some
/// 500,000 paths.
const MAX_LIST_BYTES: usize = 64 * 1024 * 1024;

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
            "--files-from" => match it.next() {
                Some(l) => o.files.push(Source::List(l.clone())),
                None => {
                    return Err("--files-from 后面应跟列有文件路径的文件（- 为标准输入）。".into())
                }
            },
            s if s.starts_with("--files-from=") => o
                .files
                .push(Source::List(s["--files-from=".len()..].to_string())),
            "--" => o.files.extend(it.by_ref().cloned().map(Source::File)),
            s if s.starts_with('-') && s != "-" => return Err(format!("未知的选项 {s}。")),
            s => o.files.push(Source::File(s.to_string())),
        }
    }
    if o.files.is_empty() {
        return Err("请给出至少一个要检查的文件。".into());
    }
    Ok(o)
}

/// The paths to check, with every `--files-from` list read in its place.
fn expand(sources: Vec<Source>) -> Result<Vec<String>, String> {
    let stdin_twice = sources
        .iter()
        .any(|s| matches!(s, Source::List(l) if l == "-"))
        && sources
            .iter()
            .filter(|s| matches!(s, Source::File(f) | Source::List(f) if f == "-"))
            .count()
            > 1;
    if stdin_twice {
        return Err("标准输入（-）只能读取一次：--files-from - 不能与另一个 - 同用。".into());
    }
    let mut files = Vec::new();
    for source in sources {
        match source {
            Source::File(f) => files.push(f),
            Source::List(list) => {
                let text = input::read_text(&list, MAX_LIST_BYTES).map_err(|e| match e {
                    InputError::TooLarge { path, limit } => format!(
                        "{}: 文件列表过大（超过 {}），未读取；请分几次检查。",
                        if path == "-" {
                            "标准输入（-）"
                        } else {
                            &path
                        },
                        size_text(limit)
                    ),
                    e => e.to_string(),
                })?;
                let before = files.len();
                files.extend(
                    text.lines()
                        .map(|l| l.strip_suffix('\r').unwrap_or(l))
                        .filter(|l| !l.trim().is_empty())
                        .map(str::to_string),
                );
                if list == "-" && files[before..].iter().any(|f| f == "-") {
                    return Err("标准输入（-）已用于文件列表，列表中不能再有 -。".into());
                }
            }
        }
    }
    if files.is_empty() {
        return Err("文件列表中没有文件：请给出至少一个要检查的文件。".into());
    }
    Ok(files)
}

/// What one file gave: its text for standard output (a human report or a
/// JSON object), a message for standard error, and whether it had errors.
struct Piece {
    text: String,
    message: Option<String>,
    status: Status,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    /// Checked: no error-level finding.
    Clean,
    /// Checked: some error-level finding (exit 1).
    Errors,
    /// Not read, or no profile to check it with (exit 2).
    Failed,
}

pub fn run(args: &[String], out: &mut Out) -> u8 {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        writeln!(out, "{HELP}");
        return 0;
    }
    let opts = match parse_args(args) {
        Ok(o) => o,
        Err(e) => {
            out.err(&e);
            out.err_raw(&format!("\n{HELP}"));
            return 2;
        }
    };
    let given = match opts.profile.as_deref().map(input::read_profile).transpose() {
        Ok(p) => p,
        Err(e) => {
            out.err(&e);
            return 2;
        }
    };
    let from_list = opts.files.iter().any(|s| matches!(s, Source::List(_)));
    let files = match expand(opts.files) {
        Ok(f) => f,
        Err(e) => {
            out.err(&e);
            return 2;
        }
    };
    // One file is written as an object, several (or any number from a
    // `--files-from` list) as an array of objects indented as
    // `serde_json`'s pretty printer indents them, written one by one as
    // they are checked.
    let array = opts.json && (files.len() > 1 || from_list);
    if array {
        out.text("[\n");
    }
    if files.len() > 1 {
        out.progress_on();
    }
    let mut worst = Status::Clean;
    let check = |path: &str| check_file(path, given.as_ref(), opts.json);
    let total = files.len();
    for_each_file(&files, check, out, |n, piece, out| {
        if array {
            if n > 0 {
                out.text(",\n");
            }
            for (i, line) in piece.text.lines().enumerate() {
                if i > 0 {
                    out.text("\n");
                }
                out.text("  ");
                out.text(line);
            }
        } else {
            if n > 0 && !opts.json {
                out.text("\n");
            }
            out.text(&piece.text);
        }
        if let Some(m) = &piece.message {
            out.err(m);
        }
        worst = worst.max(piece.status);
        out.progress(n + 1, total);
    });
    out.progress_clear();
    if array {
        out.text("\n]");
    }
    if opts.json {
        out.text("\n");
    }
    match worst {
        Status::Clean => 0,
        Status::Errors => 1,
        Status::Failed => 2,
    }
}

/// Works out `work` for every file and hands the results to `emit` in the
/// order of the files, as they come, so that only one file's result is
/// held at a time. Stops early when writing the output has failed.
fn for_each_file(
    files: &[String],
    work: impl Fn(&str) -> Piece,
    out: &mut Out,
    mut emit: impl FnMut(usize, Piece, &mut Out),
) {
    for (n, file) in files.iter().enumerate() {
        if out.failed() {
            return;
        }
        emit(n, work(file), out);
    }
}

/// Reads and checks one file, and writes what is said about it.
fn check_file(path: &str, given: Option<&ProfileArg>, json: bool) -> Piece {
    let failed = |shown_as: &str, message: String| Piece {
        text: if json {
            to_json(&FileReport {
                file: path,
                profile: None,
                findings: None,
                score: None,
                error: Some(&message),
            })
        } else {
            format!("{}: {shown_as}\n", shown(path))
        },
        message: Some(message),
        status: Status::Failed,
    };
    let doc = match input::read_document(path) {
        Ok(d) => d,
        Err(e) => return failed("无法读取", e.to_string()),
    };
    let profile = match ProfileArg::for_document(given, &doc) {
        Ok(p) => p,
        Err(e) => return failed("无法检查", format!("{path}: {e}")),
    };
    let report = evaluate(&doc, &profile);
    let status = if report.has_errors() {
        Status::Errors
    } else {
        Status::Clean
    };
    let text = if json {
        to_json(&FileReport {
            file: path,
            profile: Some(&report.profile),
            findings: Some(&report.findings),
            score: report.score.as_ref(),
            error: None,
        })
    } else {
        human(path, &doc, &report)
    };
    Piece {
        text,
        message: None,
        status,
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

fn to_json(report: &FileReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        serde_json::json!({"file": report.file, "error": format!("无法输出 JSON：{e}")}).to_string()
    })
}

/// The human-readable report of one checked file; text from the document
/// (and the file's name) is shown with control characters escaped.
fn human(path: &str, doc: &Document, report: &Report) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let name = doc.display_name();
    let title = if name.is_empty() {
        doc.kind.title().to_string()
    } else {
        format!("{}《{}》", doc.kind.title(), shown(name))
    };
    let findings = &report.findings;
    let _ = writeln!(
        s,
        "{}: {title}，规则 {}",
        shown(path),
        shown(&report.profile)
    );
    for f in findings {
        let _ = writeln!(s, "  {}", shown(&f.to_string()));
        if let Some(x) = &f.explanation {
            let _ = writeln!(s, "      已说明：{}", shown(x));
        }
    }
    if let Some(score) = &report.score {
        let _ = writeln!(s, "  得分：{}（{}）", score.total, shown(&score.grade));
    }
    let count = |sev| findings.iter().filter(|f| f.severity == sev).count();
    if findings.is_empty() {
        let _ = writeln!(s, "  未发现问题。");
    } else {
        let _ = writeln!(
            s,
            "  共 {} 个错误、{} 个提示、{} 个说明。",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        );
    }
    s
}
