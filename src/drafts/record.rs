//! A stored draft: its meta (what the start page lists) and the v1
//! document as typed so far, in one JSON envelope.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::{DRAFT_FORMAT, UNNAMED};
use crate::json::{At, Obj, Read};
use crate::model::{Document, Kind, ReadError};

/// What the start page lists about a draft, stored with it and in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DraftMeta {
    pub id: String,
    pub kind: Kind,
    /// The project's or unit's name, or [`UNNAMED`].
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// When it was saved, in milliseconds since the Unix epoch.
    pub saved_at: i64,
    /// Counts the saves of this draft, starting at 1.
    pub revision: u64,
    /// The id of the browser tab that saved this revision.
    pub tab: String,
}

impl DraftMeta {
    pub(super) fn read(v: &Value, at: &At) -> Read<DraftMeta> {
        let mut o = Obj::of(v, at)?;
        o.done(DraftMeta {
            id: o.req_string("id"),
            kind: o.req_or("kind", Kind::read, Kind::ProjectGoal),
            name: o.req_string("name"),
            year: o.int("year"),
            saved_at: o.req_int("saved_at"),
            revision: o.req_int("revision"),
            tab: o.req_string("tab"),
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
        check_size(text)?;
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
        check_size(text)?;
        let value: Value = serde_json::from_str(text).map_err(|e| DraftError::Damaged {
            detail: format!("第{}行第{}列无法读取", e.line(), e.column()),
        })?;
        read_meta(value.get("meta"))
    }
}

/// A stored record over the limits of a document's text is not read (no
/// browser's storage holds one that large: it was written by something
/// else); it stays stored, to be downloaded as it is.
fn check_size(text: &str) -> Result<(), DraftError> {
    crate::limits::check_text(text).map_err(|_| DraftError::Damaged {
        detail: "内容超出表单的大小上限（16 MB 或 50 万个数据项）".to_string(),
    })
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
