//! Import and export: reading a v1 file with a size limit and clear
//! Chinese messages, and the document as exported, with its file name.

use std::fmt;

use serde_json::Value;

use super::{DRAFT_FORMAT, MAX_IMPORT_BYTES, UNNAMED};
use crate::model::{Document, Kind, ReadError};
use crate::profile::Profile;

/// The export file name `"{项目名称}_{年度}_{表单类型}.json"`, safe on Windows.
pub fn export_file_name(doc: &Document) -> String {
    let name = doc.display_name().trim();
    let name = if name.is_empty() { UNNAMED } else { name };
    let name: String = name.chars().take(80).collect();
    let year = doc
        .year_value()
        .map_or_else(|| "未填年度".to_string(), |y| format!("{y}年度"));
    let stem = format!("{}_{}_{}", name, year, doc.kind.title());
    format!("{}.json", windows_safe(&stem))
}

/// Replaces what Windows forbids in a file name: `<>:"/\|?*`, control
/// characters, trailing dots and spaces, and device names such as `CON`.
pub fn windows_safe(stem: &str) -> String {
    let mut out: String = stem
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    while out.ends_with(['.', ' ']) {
        out.pop();
    }
    if out.trim().is_empty() {
        return UNNAMED.to_string();
    }
    let device = out
        .split('.')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    let reserved = matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((device.starts_with("COM") || device.starts_with("LPT"))
            && device.len() == 4
            && device.as_bytes()[3].is_ascii_digit());
    if reserved {
        out.insert(0, '_');
    }
    out
}

/// The document as exported: the v1 document with `profile`, `check` and,
/// for a self-evaluation, `score` filled in from one evaluation
/// ([`crate::evaluate::evaluate`]), the very report the page showed.
pub fn export_document(doc: &Document, profile: &Profile) -> Document {
    let mut out = doc.clone();
    out.check = None;
    out.score = None;
    out.profile = Some(profile.tag());
    let report = crate::evaluate::evaluate(&out, profile);
    out.score = report
        .score
        .as_ref()
        .and_then(|s| serde_json::to_value(s).ok());
    out.check = Some(report.check_section());
    out
}

/// Why a file could not be imported. The open draft is never touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge { bytes: usize },
    /// The file is empty.
    Empty,
    /// Not a v1 document (see [`ReadError`]).
    Read(ReadError),
    /// A v1 document of another kind than the one asked for.
    WrongKind { expected: Kind, found: Kind },
    /// The browser could not read the file (moved, locked, not text …).
    FileRead(String),
}

impl ImportError {
    /// The message shown to the person, in Chinese, saying what to do.
    pub fn message(&self) -> String {
        const KEPT: &str = "当前的表单和草稿没有改变。";
        match self {
            ImportError::TooLarge { bytes } => format!(
                "文件太大（{}），表单文件不会超过 {}。请确认选择的是 jixiao 导出的 .json 表单文件。{KEPT}",
                size_text(*bytes),
                size_text(MAX_IMPORT_BYTES)
            ),
            ImportError::Empty => {
                format!("文件是空的。请选择 jixiao 导出的 .json 表单文件。{KEPT}")
            }
            ImportError::Read(e) => format!("无法打开这个文件：{}{KEPT}", e.message()),
            ImportError::WrongKind { expected, found } => format!(
                "这个文件是“{}”，而这里需要“{}”。请选择正确的表单文件。{KEPT}",
                found.title(),
                expected.title()
            ),
            ImportError::FileRead(detail) => format!(
                "无法读取这个文件（{detail}）。请确认文件没有被移动或被其他程序占用，再试一次。{KEPT}"
            ),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ImportError {}

/// A byte count as people read it (`12 KB`, `10.0 MB`).
pub fn size_text(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB {
        let tenths = bytes / (MB / 10);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Reads a v1 document from a file's text: at most [`MAX_IMPORT_BYTES`], a
/// byte-order mark (as Windows Notepad writes) allowed, and a saved draft
/// record accepted too (its document is taken).
pub fn import_document(text: &str) -> Result<Document, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    crate::limits::check_text(text).map_err(|m| ImportError::Read(ReadError::Limit(m)))?;
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // Let the model's reader word the syntax error with line and column.
        Err(_) => return Document::from_json(text).map_err(ImportError::Read),
    };
    let value = match value.get("format").and_then(Value::as_str) {
        Some(DRAFT_FORMAT) => value.get("document").cloned().unwrap_or(Value::Null),
        _ => value,
    };
    Document::from_value(value).map_err(ImportError::Read)
}

/// As [`import_document`], requiring a kind of form.
pub fn import_document_as(text: &str, expected: Kind) -> Result<Document, ImportError> {
    let doc = import_document(text)?;
    if doc.kind != expected {
        return Err(ImportError::WrongKind {
            expected,
            found: doc.kind,
        });
    }
    Ok(doc)
}
