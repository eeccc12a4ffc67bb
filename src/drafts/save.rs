//! Saving a draft: whether another tab saved it first, where the autosave
//! stands, and why the browser refused to store it.

use std::fmt;

use super::{DraftMeta, LocalTime};

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
