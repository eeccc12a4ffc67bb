//! Drafts, import and export: the storage rules that keep a clerk's typing safe.
//!
//! Everything here is pure data and runs natively, so it is tested without a
//! browser; `web::drafts` only moves these strings in and out of
//! `localStorage` and files.
//!
//! - A draft is stored as one record, a JSON envelope
//!   `{"format": "jixiao-draft/1", "meta": {...}, "document": {...v1...}}`
//!   ([`DraftRecord`]). Reading a damaged record gives a [`DraftError`] with a
//!   Chinese message; nothing here ever deletes a record, so a damaged one can
//!   still be downloaded as it is.
//! - The index ([`DraftIndex`]) lists the drafts' [`DraftMeta`] and which
//!   draft was open last, for the start page and its restore offer. It is a
//!   cache: [`DraftIndex::reconcile`] rebuilds it from the records.
//! - Every save carries a revision and the id of the browser tab that wrote
//!   it; [`check_write`] tells when another tab saved the same draft since
//!   this one loaded it, so neither tab silently overwrites the other.
//! - [`import_document`] reads a v1 file with a size limit and clear Chinese
//!   messages; [`export_document`] fills in `check` and `score` before a
//!   download named by [`export_file_name`].

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::json::{At, Obj, Read};
use crate::model::{Document, Kind, ReadError};
use crate::profile::Profile;

/// The `format` of a stored draft record.
pub const DRAFT_FORMAT: &str = "jixiao-draft/1";

/// The `format` of the stored draft index.
pub const INDEX_FORMAT: &str = "jixiao-draft-index/1";

/// The name shown for a form whose project or unit name is still blank.
pub const UNNAMED: &str = "未命名表单";

/// The largest file [`import_document`] reads: 5 MB. A real form is a few
/// tens of kilobytes; anything much larger is not a form.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// What the start page lists about a draft, stored with it and in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DraftMeta {
    pub id: String,
    pub kind: Kind,
    /// The project's or unit's name, or [`UNNAMED`].
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// When it was saved, in milliseconds since the Unix epoch.
    pub saved_at: i64,
    /// Counts the saves of this draft, starting at 1.
    pub revision: u64,
    /// The id of the browser tab that saved this revision.
    pub tab: String,
}

impl DraftMeta {
    fn read(v: &Value, at: &At) -> Read<DraftMeta> {
        let o = Obj::of(v, at)?;
        Ok(DraftMeta {
            id: o.req_string("id")?,
            kind: Kind::read(o.need("kind")?, &at.key("kind"))?,
            name: o.req_string("name")?,
            year: o.int("year")?,
            saved_at: o.req_int("saved_at")?,
            revision: o.req_int("revision")?,
            tab: o.req_string("tab")?,
        })
    }

    /// The meta of a document about to be saved.
    pub fn describe(id: &str, doc: &Document, saved_at: i64, revision: u64, tab: &str) -> Self {
        let name = doc.display_name().trim();
        DraftMeta {
            id: id.to_string(),
            kind: doc.kind,
            name: if name.is_empty() {
                UNNAMED.to_string()
            } else {
                name.to_string()
            },
            year: doc.year_value(),
            saved_at,
            revision,
            tab: tab.to_string(),
        }
    }
}

/// One stored draft: its meta and the v1 document as typed so far.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftRecord {
    pub meta: DraftMeta,
    pub document: Document,
}

impl DraftRecord {
    /// The record of the next save of a draft: `base` is the meta of the
    /// revision this tab last loaded or saved (`None` for a new draft).
    pub fn next(
        id: &str,
        doc: &Document,
        base: Option<&DraftMeta>,
        saved_at: i64,
        tab: &str,
    ) -> DraftRecord {
        let revision = base.map_or(1, |m| m.revision.saturating_add(1));
        DraftRecord {
            meta: DraftMeta::describe(id, doc, saved_at, revision, tab),
            document: doc.clone(),
        }
    }

    /// The stored text of the record: `{"format", "meta", "document"}`.
    /// Written straight to text, and indented like an exported file
    /// ([`Document::to_json`]): each other way of writing (through a
    /// `serde_json::Value`, or compact) would put one more serializer of
    /// every model type into the browser's module, 5–7 KB gzip each.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Stored<'a> {
            format: &'static str,
            meta: &'a DraftMeta,
            document: &'a Document,
        }
        // Serializing these types cannot fail (every map key is a string).
        serde_json::to_string_pretty(&Stored {
            format: DRAFT_FORMAT,
            meta: &self.meta,
            document: &self.document,
        })
        .unwrap_or_default()
    }

    /// Reads a stored record. A damaged record is an error, never a panic.
    pub fn from_json(text: &str) -> Result<DraftRecord, DraftError> {
        let value: Value = serde_json::from_str(text).map_err(|e| DraftError::Damaged {
            detail: format!("第{}行第{}列无法读取", e.line(), e.column()),
        })?;
        let Some(obj) = value.as_object() else {
            return Err(DraftError::Damaged {
                detail: "内容不是一个 JSON 对象".into(),
            });
        };
        match obj.get("format").and_then(Value::as_str) {
            Some(DRAFT_FORMAT) => {}
            Some(f) if f.starts_with("jixiao-draft/") => {
                return Err(DraftError::NewerVersion(f.to_string()))
            }
            _ => {
                return Err(DraftError::Damaged {
                    detail: "缺少草稿格式标记".into(),
                })
            }
        }
        let meta = read_meta(obj.get("meta"))?;
        let Some(doc) = obj.get("document") else {
            return Err(DraftError::Damaged {
                detail: "缺少表单内容".into(),
            });
        };
        let document = Document::from_value(doc.clone()).map_err(DraftError::Document)?;
        Ok(DraftRecord { meta, document })
    }

    /// Reads only the meta of a stored record, for the start page's list.
    /// It succeeds where the meta is readable even if the document is not,
    /// so a damaged draft is still listed by its name.
    pub fn meta_from_json(text: &str) -> Result<DraftMeta, DraftError> {
        let value: Value = serde_json::from_str(text).map_err(|e| DraftError::Damaged {
            detail: format!("第{}行第{}列无法读取", e.line(), e.column()),
        })?;
        read_meta(value.get("meta"))
    }
}

fn read_meta(value: Option<&Value>) -> Result<DraftMeta, DraftError> {
    let Some(value) = value else {
        return Err(DraftError::Damaged {
            detail: "缺少草稿信息（meta）".into(),
        });
    };
    DraftMeta::read(value, &At::ROOT).map_err(|e| DraftError::Damaged {
        detail: format!("草稿信息（meta）不完整：{e}"),
    })
}

/// Why a stored draft could not be read. The record itself is left as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftError {
    /// The record is not a readable draft (cut off, edited by hand …).
    Damaged { detail: String },
    /// Written by a newer version of jixiao.
    NewerVersion(String),
    /// The envelope is fine but the document inside is not a v1 document.
    Document(ReadError),
}

impl DraftError {
    /// The message shown to the person, in Chinese, saying what to do.
    pub fn message(&self) -> String {
        match self {
            DraftError::Damaged { detail } => format!(
                "这份草稿已损坏，无法打开（{detail}）。草稿没有被删除，\
                 可以点击“下载原始内容”保存下来，再请技术人员帮助恢复。"
            ),
            DraftError::NewerVersion(v) => format!(
                "这份草稿由较新版本的 jixiao 保存（{v}），请升级 jixiao 后再打开。草稿没有被删除。"
            ),
            DraftError::Document(e) => format!(
                "这份草稿中的表单无法读取：{}草稿没有被删除，可以点击“下载原始内容”保存下来。",
                e.message()
            ),
        }
    }
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for DraftError {}

/// The stored list of drafts, newest first, and the draft open last.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DraftIndex {
    #[serde(default)]
    pub drafts: Vec<DraftMeta>,
    /// The draft that was being edited when the page was left, if it was not
    /// closed: the start page offers to restore it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<String>,
}

impl DraftIndex {
    fn read(v: &Value, at: &At) -> Read<DraftIndex> {
        let o = Obj::of(v, at)?;
        Ok(DraftIndex {
            drafts: o.list("drafts", DraftMeta::read)?,
            active: o.opt_string("active")?,
        })
    }

    /// Reads the stored index; a missing or damaged index reads as empty
    /// (it is rebuilt from the records by [`DraftIndex::reconcile`]).
    pub fn from_json(text: Option<&str>) -> DraftIndex {
        let Some(text) = text else {
            return DraftIndex::default();
        };
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            return DraftIndex::default();
        };
        if value.get("format").and_then(Value::as_str) != Some(INDEX_FORMAT) {
            return DraftIndex::default();
        }
        DraftIndex::read(&value, &At::ROOT).unwrap_or_default()
    }

    /// The stored text of the index: `{"format", "drafts", "active"?}`,
    /// written as [`DraftRecord::to_json`] is.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Stored<'a> {
            format: &'static str,
            #[serde(flatten)]
            index: &'a DraftIndex,
        }
        serde_json::to_string_pretty(&Stored {
            format: INDEX_FORMAT,
            index: self,
        })
        .unwrap_or_default()
    }

    /// Adds or replaces a draft's meta and keeps the list newest first.
    pub fn upsert(&mut self, meta: DraftMeta) {
        self.drafts.retain(|m| m.id != meta.id);
        self.drafts.push(meta);
        self.sort();
    }

    /// Drops a draft from the list (and as the active draft).
    pub fn remove(&mut self, id: &str) {
        self.drafts.retain(|m| m.id != id);
        if self.active.as_deref() == Some(id) {
            self.active = None;
        }
    }

    pub fn get(&self, id: &str) -> Option<&DraftMeta> {
        self.drafts.iter().find(|m| m.id == id)
    }

    /// Rebuilds the list from what the stored records say: `stored` holds
    /// every draft id found in storage with its meta, or `None` where the
    /// record's meta is unreadable. A record missing from the index is added
    /// back; an index entry whose record is gone is dropped; an unreadable
    /// record keeps the entry the index had for it, so it is still listed.
    pub fn reconcile(&mut self, stored: &[(String, Option<DraftMeta>)]) {
        let mut drafts = Vec::new();
        for (id, meta) in stored {
            match meta {
                Some(m) if m.id == *id => drafts.push(m.clone()),
                _ => {
                    if let Some(old) = self.get(id) {
                        drafts.push(old.clone());
                    }
                }
            }
        }
        self.drafts = drafts;
        if let Some(active) = &self.active {
            if !stored.iter().any(|(id, _)| id == active) {
                self.active = None;
            }
        }
        self.sort();
    }

    fn sort(&mut self) {
        self.drafts
            .sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.id.cmp(&b.id)));
    }
}

/// The storage key of a draft record.
pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_KEY_PREFIX}{id}")
}

/// Every draft record is stored under this prefix followed by its id.
pub const DRAFT_KEY_PREFIX: &str = "jixiao:draft:";

/// The storage key of the index.
pub const INDEX_KEY: &str = "jixiao:index";

/// The draft id a storage key names, if it is a draft key.
pub fn draft_id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(DRAFT_KEY_PREFIX)
        .filter(|id| !id.is_empty())
}

/// A new draft id from the time and a random number, unlike every id in
/// `existing`: `d<time in base 36>-<random in base 36>`.
pub fn new_draft_id(now_ms: i64, random: u32, existing: &[&str]) -> String {
    let base = format!(
        "d{}-{}",
        base36(now_ms.unsigned_abs()),
        base36(u64::from(random))
    );
    if !existing.contains(&base.as_str()) {
        return base;
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !existing.contains(&id.as_str()))
        .unwrap_or(base)
}

/// A browser tab's id, made the same way as a draft id.
pub fn new_tab_id(now_ms: i64, random: u32) -> String {
    format!(
        "t{}-{}",
        base36(now_ms.unsigned_abs()),
        base36(u64::from(random))
    )
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Whether this tab may write its next save of a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteCheck {
    /// Nothing newer is stored: save.
    Clear,
    /// Another tab saved a newer revision since this tab loaded or saved the
    /// draft; writing now would throw that work away.
    Conflict { theirs: DraftMeta },
}

/// The message shown when another tab has changed the draft.
pub const CONFLICT_MESSAGE: &str = "此草稿已在另一个窗口中修改";

/// Compares what this tab last loaded or saved (`base`) with what is stored
/// now (`stored`). A record that is gone (deleted elsewhere) or unreadable
/// does not block a save: saving then keeps the work.
pub fn check_write(
    base: Option<&DraftMeta>,
    stored: Option<&DraftMeta>,
    my_tab: &str,
) -> WriteCheck {
    let Some(stored) = stored else {
        return WriteCheck::Clear;
    };
    let base_revision = base.map_or(0, |b| b.revision);
    let same_as_base = base.is_some_and(|b| b.revision == stored.revision && b.tab == stored.tab);
    if same_as_base || (stored.tab == my_tab && stored.revision <= base_revision) {
        WriteCheck::Clear
    } else if stored.revision >= base_revision {
        WriteCheck::Conflict {
            theirs: stored.clone(),
        }
    } else {
        WriteCheck::Clear
    }
}

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
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
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

/// Why the browser refused to store a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The storage is full.
    QuotaExceeded,
    /// No storage at all (private mode, disabled by policy, file:// pages).
    Unavailable,
    /// Anything else the browser reported.
    Other(String),
}

impl StorageError {
    /// Classifies a DOMException by its `name` and legacy `code`.
    pub fn classify(name: &str, code: u16, message: &str) -> StorageError {
        match (name, code) {
            ("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED", _) | (_, 22 | 1014) => {
                StorageError::QuotaExceeded
            }
            ("SecurityError" | "InvalidAccessError", _) | (_, 18) => StorageError::Unavailable,
            _ => StorageError::Other(if message.is_empty() {
                name.to_string()
            } else {
                format!("{name}: {message}")
            }),
        }
    }

    /// The message shown to the person, in Chinese, saying what to do.
    pub fn message(&self) -> String {
        match self {
            StorageError::QuotaExceeded => "浏览器的存储空间已满，草稿没有保存。\
                请立即点击“导出文件”把表单保存到电脑上，再删除不需要的旧草稿。"
                .to_string(),
            StorageError::Unavailable => {
                "浏览器不允许保存草稿（可能处于无痕/隐私模式，或存储已被禁用）。\
                请定期点击“导出文件”把表单保存到电脑上，以免丢失。"
                    .to_string()
            }
            StorageError::Other(detail) => {
                format!("草稿没有保存（{detail}）。请点击“导出文件”把表单保存到电脑上。")
            }
        }
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for StorageError {}

/// Where the autosave of the open draft stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed since the draft was opened.
    #[default]
    Idle,
    /// A change is waiting to be saved, or being saved.
    Saving,
    /// Saved at this time (milliseconds since the epoch).
    Saved { at: i64 },
    /// The last save failed; the message says what to do.
    Failed(String),
}

impl SaveState {
    /// The status text: "已保存 HH:MM:SS" / "正在保存…" / "保存失败：…", in
    /// local time at `utc_offset_minutes` east of UTC.
    pub fn text(&self, utc_offset_minutes: i32) -> String {
        match self {
            SaveState::Idle => String::new(),
            SaveState::Saving => "正在保存…".to_string(),
            SaveState::Saved { at } => {
                format!("已保存 {}", LocalTime::new(*at, utc_offset_minutes).hms())
            }
            SaveState::Failed(m) => format!("保存失败：{m}"),
        }
    }
}

/// A moment as local calendar date and clock time, without a time zone
/// database: the offset comes from the browser (`-getTimezoneOffset()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl LocalTime {
    pub fn new(ms: i64, utc_offset_minutes: i32) -> LocalTime {
        let secs = ms.div_euclid(1000) + i64::from(utc_offset_minutes) * 60;
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        LocalTime {
            year,
            month: month as u32,
            day: day as u32,
            hour: (rem / 3600) as u32,
            minute: (rem % 3600 / 60) as u32,
            second: (rem % 60) as u32,
        }
    }

    /// `HH:MM:SS`
    pub fn hms(&self) -> String {
        format!("{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
    }

    /// `YYYY-MM-DD HH:MM`, as the start page shows 保存时间.
    pub fn date_time(&self) -> String {
        format!(
            "{}-{:02}-{:02} {:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let big = format!("{GOAL}{}", " ".repeat(10 * 1024 * 1024));
        let err = import_err(&big);
        assert_eq!(err, ImportError::TooLarge { bytes: big.len() });
        assert!(err.message().contains("10.0 MB"), "{}", err.message());
        assert!(err.message().contains("5.0 MB"), "{}", err.message());
        let at_limit = format!("{GOAL}{}", " ".repeat(MAX_IMPORT_BYTES - GOAL.len()));
        assert!(import_document(&at_limit).is_ok());

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
}
