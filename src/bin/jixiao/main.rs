//! `jixiao`: the native command line over the domain core.
//!
//! It reads format v1 documents, checks and scores them with the same rules
//! as the browser, for a portal's server or a person at a terminal, and
//! reads and writes them as spreadsheets (`import`, `export`).
//!
//! Exit codes: 0 fine, 1 the documents have errors, 2 a file could not be
//! read, the command line is wrong or the output could not be written.

mod check;
mod input;
mod out;
mod score;
// Excel in and out is native only: the library has `sheet` in a wasm32
// build only with that feature, and `cargo test --target wasm32-unknown-unknown`
// (the browser tests) compiles this program too.
#[cfg(not(target_arch = "wasm32"))]
mod sheet;

use std::process::ExitCode;

use out::Out;

const USAGE: &str = "\
jixiao — 预算绩效表单检查（format jixiao/v1）

用法:
  jixiao read FILE|-                                读取并规范化一个表单文件，输出 v1 JSON
  jixiao check [--profile FILE|ID] [--json] FILE... 检查表单，列出所有问题
  jixiao score [--profile FILE|ID] [--json] FILE    计算自评表得分并与填报得分核对
  jixiao import [--form N] FILE.xlsx                读取 Excel/WPS 表格（.xlsx .xls .ods）中的表单，输出 v1 JSON
  jixiao export FILE.json [-o FILE.xlsx]            把表单写成官方样式的 Excel 表格

FILE 为 - 时读取标准输入。
退出码: 0 无错误，1 表单有错误，2 文件无法读取、命令行有误或结果无法写出
（如磁盘已满；接收输出的管道提前关闭时不另提示）。";

fn main() -> ExitCode {
    let mut out = Out::new();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("read") => read(&args[1..], &mut out),
        Some("check") => check::run(&args[1..], &mut out),
        Some("score") => score::run(&args[1..], &mut out),
        #[cfg(not(target_arch = "wasm32"))]
        Some("import") => sheet::import(&args[1..], &mut out),
        #[cfg(not(target_arch = "wasm32"))]
        Some("export") => sheet::export(&args[1..], &mut out),
        Some("-h") | Some("--help") | Some("help") => {
            writeln!(out, "{USAGE}");
            0
        }
        Some("-V") | Some("--version") => {
            writeln!(out, "jixiao {}", env!("CARGO_PKG_VERSION"));
            0
        }
        _ => {
            out.err_raw(USAGE);
            2
        }
    };
    ExitCode::from(out.finish(code))
}

/// `jixiao read FILE`: prints the document in canonical v1 form.
fn read(args: &[String], out: &mut Out) -> u8 {
    let [path] = args else {
        out.err_raw("用法: jixiao read FILE|-");
        return 2;
    };
    match input::read_document(path) {
        Ok(doc) => {
            writeln!(out, "{}", doc.to_json());
            0
        }
        Err(e) => {
            out.err(&e.to_string());
            2
        }
    }
}
