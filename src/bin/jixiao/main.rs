//! `jixiao`: the native command line over the domain core.
//!
//! It reads format v1 documents, checks and scores them with the same rules
//! as the browser, for a portal's server or a person at a terminal, and
//! reads and writes them as spreadsheets (`import`, `export`).
//!
//! Exit codes: 0 fine, 1 the documents have errors, 2 a file could not be
//! read (or the command line is wrong).

mod check;
mod input;
mod score;
mod sheet;

use std::process::ExitCode;

const USAGE: &str = "\
jixiao — 预算绩效表单检查（format jixiao/v1）

用法:
  jixiao read FILE|-                                读取并规范化一个表单文件，输出 v1 JSON
  jixiao check [--profile FILE|ID] [--json] FILE... 检查表单，列出所有问题
  jixiao score [--profile FILE|ID] [--json] FILE    计算自评表得分并与填报得分核对
  jixiao import [--form N] FILE.xlsx                读取 Excel/WPS 表格（.xlsx .xls .ods）中的表单，输出 v1 JSON
  jixiao export FILE.json [-o FILE.xlsx]            把表单写成官方样式的 Excel 表格

FILE 为 - 时读取标准输入。
退出码: 0 无错误，1 表单有错误，2 文件无法读取或命令行有误。";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("read") => read(&args[1..]),
        Some("check") => check::run(&args[1..]),
        Some("score") => score::run(&args[1..]),
        Some("import") => sheet::import(&args[1..]),
        Some("export") => sheet::export(&args[1..]),
        Some("-h") | Some("--help") | Some("help") => {
            println!("{USAGE}");
            0
        }
        Some("-V") | Some("--version") => {
            println!("jixiao {}", env!("CARGO_PKG_VERSION"));
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    ExitCode::from(code)
}

/// `jixiao read FILE`: prints the document in canonical v1 form.
fn read(args: &[String]) -> u8 {
    let [path] = args else {
        eprintln!("用法: jixiao read FILE|-");
        return 2;
    };
    match input::read_document(path) {
        Ok(doc) => {
            println!("{}", doc.to_json());
            0
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}
