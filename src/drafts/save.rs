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

/// How long after the last change autosave waits, when saving is slow.
pub const DEBOUNCE_MS: u32 = 600;
const _: () = assert!(
    DEBOUNCE_MS <= 1000,
    "a pause in typing is saved within a second"
);

/// While one of the last three saves took less than this (milliseconds),
/// autosave saves right after each change. Measured in Chromium: a save
/// of a 20-row form takes 0.5–1 ms, 100 rows 2–7 ms, 300 rows 4–22 ms.
pub const QUICK_SAVE_MS: f64 = 8.0;

/// How long after a change autosave saves, from how long the last three
/// saves (or the draft's reading) took, in milliseconds. While saving is
/// quick, which it is for every form of a usual size, the answer is 0:
/// the save is made in the task that handled the keystroke, so that a
/// browser that closes without letting the page run its `pagehide` and
/// `visibilitychange` events still finds every keystroke stored. When
/// saving takes longer (hundreds of rows), the answer is [`DEBOUNCE_MS`]
/// without typing, so that typing stays smooth; the page then saves when it
/// is hidden or closed. The fastest of the three decides, as in
/// `crate::pace`.
pub fn save_delay_ms(last_three: &[f64; 3]) -> u32 {
    if crate::pace::fastest(last_three) < QUICK_SAVE_MS {
        0
    } else {
        DEBOUNCE_MS
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
