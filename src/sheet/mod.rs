//! Excel in and out: a spreadsheet laid out like the official templates
//! becomes a v1 document, and a document becomes an .xlsx in the official
//! layout, for people to read, print, sign and stamp. The JSON document
//! stays the upload format.
//!
//! - [`import`] reads .xlsx, .xls and .ods (calamine, `open.rs`) into
//!   [`grid::Grid`]s of cell texts, then `read.rs` finds the form on them by
//!   its labels, not by fixed cells: the title (the kind of form and the
//!   year), the header's label/value cells, the funds or budget table, the
//!   indicator table by its heading row (the columns of
//!   [`crate::fields::RowField`] through the paste reader [`crate::tsv`]),
//!   the total and the signature lines. Merged cells, blank rows, extra
//!   columns, 元 instead of 万元 (converted, and said so) and a form spread
//!   over several sheets are read; every cell that could not be placed is
//!   listed ([`Unplaced`]: sheet, cell address, text, why), never dropped.
//! - [`export`] writes the official layout with rust_xlsxwriter
//!   (`write.rs`): title, header, funds or budget table, the indicator grid
//!   with merged 一级/二级 cells, scores and the total, signature lines; A4,
//!   landscape where the grid is wide, fit to the page width, the grid's
//!   heading row repeated on every page. What the layout has no place for
//!   (row ids, the rule profile, written explanations) goes to a hidden
//!   sheet and a hidden column, so importing an export gives back the same
//!   document.
//!
//! Labels come from the field catalogue ([`crate::fields`]); this module
//! adds only the other wordings real templates use. It is the cargo
//! feature `sheet`: always there natively, and in the browser the separate
//! module `sheet-wasm/`, loaded on first use.

mod grid;
mod labels;
mod open;
mod read;
mod write;

use std::fmt;

use serde::Serialize;

pub use grid::{address, Grid, Rect};
pub use read::read_grids;
pub use write::export;

use crate::model::Document;

pub use crate::drafts::MAX_SHEET_BYTES;

/// The name of the hidden sheet where an export keeps what the official
/// layout has no place for.
pub const META_SHEET: &str = "jixiao";

/// A cell that could not be placed in the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unplaced {
    /// The worksheet's name.
    pub sheet: String,
    /// The cell's address, `B7`.
    pub cell: String,
    pub text: String,
    /// Why it was not placed, in Chinese.
    pub reason: String,
}

impl Unplaced {
    /// One line for the clerk: `工作表“自评表” B7：“张三”（签字栏…）`.
    pub fn describe(&self) -> String {
        format!(
            "工作表“{}” {}：“{}”（{}）",
            self.sheet,
            self.cell,
            short(&self.text),
            self.reason
        )
    }
}

/// Long cell texts are cut in messages.
fn short(text: &str) -> String {
    let t: String = text.chars().take(40).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// One form read from a workbook.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Form {
    pub document: Document,
    /// Cells that were not placed in the document.
    pub unplaced: Vec<Unplaced>,
    /// What the reader did that the clerk should know: units converted,
    /// values it could not be sure of, sheets it did not read.
    pub notes: Vec<String>,
    /// The sheets the form was read from.
    pub sheets: Vec<String>,
}

/// What [`import`] gives back: the forms of the workbook, at least one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Imported {
    pub forms: Vec<Form>,
}

impl Imported {
    /// The JSON the browser module returns: the first form's `document`,
    /// `unplaced` and `notes`, and every form under `forms`.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            document: &'a Document,
            unplaced: &'a [Unplaced],
            notes: &'a [String],
            forms: &'a [Form],
        }
        let first = &self.forms[0];
        serde_json::to_string_pretty(&Out {
            document: &first.document,
            unplaced: &first.unplaced,
            notes: &first.notes,
            forms: &self.forms,
        })
        .unwrap_or_default()
    }
}

/// Why a spreadsheet could not be read or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    /// Not .xlsx, .xls or .ods (or damaged).
    NotASpreadsheet,
    /// Encrypted with a password.
    Protected,
    /// A workbook without worksheets.
    NoSheets,
    /// Worksheets, but nothing that looks like a form on any of them.
    NoForm,
    /// The spreadsheet could not be written.
    Write(String),
}

impl SheetError {
    /// The message shown to the person, in Chinese, saying what to do.
    pub fn message(&self) -> String {
        match self {
            SheetError::Empty => "文件是空的。请选择 Excel（.xlsx、.xls）或 WPS/LibreOffice（.ods）表格文件。".to_string(),
            SheetError::TooLarge { bytes } => format!(
                "文件太大（{}），表格文件不会超过 {}。请确认选择的是绩效表单的表格文件。",
                crate::drafts::size_text(*bytes),
                crate::drafts::size_text(MAX_SHEET_BYTES)
            ),
            SheetError::NotASpreadsheet => "无法识别这个文件：它不是 .xlsx、.xls 或 .ods 表格文件，或者文件已损坏。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。".to_string(),
            SheetError::Protected => "这个表格文件设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入。".to_string(),
            SheetError::NoSheets => "表格文件中没有工作表。".to_string(),
            SheetError::NoForm => "表格中没有找到绩效表单：既没有表单标题（如“项目支出绩效自评表”），也没有“项目名称”等栏目或“一级指标 / 三级指标 / 指标值”等列名。请确认选择的是绩效表单。".to_string(),
            SheetError::Write(e) => format!("无法生成表格文件：{e}"),
        }
    }
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for SheetError {}

/// Reads a spreadsheet file (.xlsx, .xls or .ods) into the forms on it.
pub fn import(bytes: &[u8]) -> Result<Imported, SheetError> {
    if bytes.len() > MAX_SHEET_BYTES {
        return Err(SheetError::TooLarge { bytes: bytes.len() });
    }
    let book = open::open(bytes)?;
    let mut imported = read_grids(&book.grids, &book.hidden, book.meta.as_ref())?;
    for form in &mut imported.forms {
        for name in &book.cut {
            form.notes.push(format!(
                "工作表“{name}”超过 {} 行或 {} 列，只读取了其中的前 {} 行、{} 列。",
                open::MAX_ROWS,
                open::MAX_COLS,
                open::MAX_ROWS,
                open::MAX_COLS
            ));
        }
    }
    Ok(imported)
}
