//! `jixiao import FILE.xlsx` and `jixiao export FILE.json -o FILE.xlsx`:
//! Excel in and out on the command line (see `jixiao::sheet`).
//!
//! `import` prints the form's v1 document on standard output and lists on
//! standard error every cell it could not place and what it converted;
//! exit 0 when a form was read (even with cells left over), 2 when the file
//! could not be read. `export` writes the official layout; exit 0, or 2.

use std::io::Read;

use jixiao::sheet::{self, MAX_SHEET_BYTES};

use crate::input;
use crate::out::Out;

const IMPORT_HELP: &str = "\
用法: jixiao import [--form N] FILE

读取 Excel（.xlsx、.xls）或 WPS/LibreOffice（.ods）表格中的绩效表单，按栏目名称
（项目名称、年度资金总额、一级指标、指标值……）找到各项内容，在标准输出打印
jixiao/v1 表单（JSON）。未能放入表单的单元格（工作表、单元格位置、内容）和
单位换算等说明打印在标准错误输出。

选项:
  --form N   工作簿中有多张表单时，读取第 N 张（从 1 起，默认 1）。
  -h, --help 显示本帮助。

FILE 为 - 时读取标准输入。
退出码: 0 已读取表单（可能有未放入的单元格，见标准错误输出）；2 文件无法读取、
不是表格或其中没有表单，或命令行有误。";

const EXPORT_HELP: &str = "\
用法: jixiao export FILE.json [-o FILE.xlsx]

把 jixiao/v1 表单写成官方样式的 Excel 表格（.xlsx）：标题、表头、资金表、
绩效指标表（一级、二级指标合并单元格）、得分与总分、签字栏；A4 纸，指标列多时
横向，按页宽缩放，每页重复指标表的列名。

选项:
  -o FILE    输出文件（默认与 FILE.json 同名，扩展名改为 .xlsx）；- 为标准输出。
  -h, --help 显示本帮助。

退出码: 0 已写出；2 表单无法读取、文件无法写入，或命令行有误。";

/// Reads the bytes of a file or of standard input, with the size limit.
fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let limit = MAX_SHEET_BYTES as u64 + 1;
    let result = if path == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        match std::fs::File::open(path) {
            Ok(f) => f.take(limit).read_to_end(&mut bytes),
            Err(e) => Err(e),
        }
    };
    if let Err(error) = result {
        return Err(input::InputError::Io {
            path: path.to_string(),
            error,
        }
        .to_string());
    }
    Ok(bytes)
}

/// `jixiao import`.
pub fn import(args: &[String], w: &mut Out) -> u8 {
    let mut form_no = 1usize;
    let mut file = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => {
                writeln!(w, "{IMPORT_HELP}");
                return 0;
            }
            "--form" => match it.next().and_then(|n| n.parse::<usize>().ok()) {
                Some(n) if n >= 1 => form_no = n,
                _ => {
                    w.err_raw(&format!(
                        "--form 后面应跟表单序号（从 1 起）。\n\n{IMPORT_HELP}"
                    ));
                    return 2;
                }
            },
            s if s.starts_with('-') && s != "-" => {
                w.err_raw(&format!("未知的选项 {s}。\n\n{IMPORT_HELP}"));
                return 2;
            }
            s if file.is_none() => file = Some(s.to_string()),
            _ => {
                w.err_raw(&format!("一次只能导入一个文件。\n\n{IMPORT_HELP}"));
                return 2;
            }
        }
    }
    let Some(path) = file else {
        w.err_raw(&format!("请给出要导入的表格文件。\n\n{IMPORT_HELP}"));
        return 2;
    };
    let bytes = match read_bytes(&path) {
        Ok(b) => b,
        Err(e) => {
            w.err(&e.to_string());
            return 2;
        }
    };
    let imported = match sheet::import(&bytes) {
        Ok(i) => i,
        Err(e) => {
            w.err(&format!("{path}: {}", e.message()));
            return 2;
        }
    };
    let count = imported.forms.len();
    let Some(form) = imported.forms.get(form_no - 1) else {
        w.err(&format!(
            "{path}: 工作簿中只有 {count} 张表单，没有第 {form_no} 张。"
        ));
        return 2;
    };
    writeln!(w, "{}", form.document.to_json());
    if count > 1 {
        w.err(&format!("{path}: 工作簿中有 {count} 张表单，这是第 {form_no} 张（工作表：{}）；用 --form N 读取其他表单。",
            form.sheets.join("、")
        ));
    }
    for note in &form.notes {
        w.err(&format!("{path}: 说明：{note}"));
    }
    if !form.unplaced.is_empty() {
        w.err(&format!(
            "{path}: 以下 {} 个单元格未能放入表单，请核对：",
            form.unplaced.len()
        ));
        for u in &form.unplaced {
            w.err(&format!("  {}", u.describe()));
        }
    }
    0
}

/// `jixiao export`.
pub fn export(args: &[String], w: &mut Out) -> u8 {
    let mut out = None;
    let mut file = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => {
                writeln!(w, "{EXPORT_HELP}");
                return 0;
            }
            "-o" | "--output" => match it.next() {
                Some(o) => out = Some(o.clone()),
                None => {
                    w.err_raw(&format!("-o 后面应跟输出文件名。\n\n{EXPORT_HELP}"));
                    return 2;
                }
            },
            s if s.starts_with('-') && s != "-" => {
                w.err_raw(&format!("未知的选项 {s}。\n\n{EXPORT_HELP}"));
                return 2;
            }
            s if file.is_none() => file = Some(s.to_string()),
            _ => {
                w.err_raw(&format!("一次只能导出一个表单。\n\n{EXPORT_HELP}"));
                return 2;
            }
        }
    }
    let Some(path) = file else {
        w.err_raw(&format!(
            "请给出要导出的表单文件（.json）。\n\n{EXPORT_HELP}"
        ));
        return 2;
    };
    let out = out.unwrap_or_else(|| {
        let p = std::path::Path::new(&path);
        if path == "-" {
            "表单.xlsx".to_string()
        } else {
            p.with_extension("xlsx").to_string_lossy().into_owned()
        }
    });
    let doc = match input::read_document(&path) {
        Ok(d) => d,
        Err(e) => {
            w.err(&e.to_string());
            return 2;
        }
    };
    let bytes = match sheet::export(&doc) {
        Ok(b) => b,
        Err(e) => {
            w.err(&format!("{path}: {}", e.message()));
            return 2;
        }
    };
    if out == "-" {
        // The workbook goes through the one writer, whose failure (a full
        // disk, a closed pipe) becomes exit code 2 in `Out::finish`.
        w.bytes(&bytes);
        return 0;
    }
    let written = std::fs::write(&out, &bytes);
    match written {
        Ok(()) => {
            w.err(&format!("已写出 {out}"));
            0
        }
        Err(e) => {
            w.err(&format!("{out}: 无法写入文件：{e}"));
            2
        }
    }
}
