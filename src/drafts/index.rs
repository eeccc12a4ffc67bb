//! The drafts list (a cache rebuilt from the records), storage keys and
//! the ids of drafts and browser tabs.

use serde::Serialize;
use serde_json::Value;

use super::{DraftMeta, INDEX_FORMAT};
use crate::json::{At, Obj, Read};

/// The stored list of drafts, newest first, and the draft open last.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DraftIndex {
    pub drafts: Vec<DraftMeta>,
    /// The draft that was being edited when the page was left, if it was not
    /// closed: the start page offers to restore it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<String>,
}

impl DraftIndex {
    fn read(v: &Value, at: &At) -> Read<DraftIndex> {
        let mut o = Obj::of(v, at)?;
        o.done(DraftIndex {
            drafts: o.list("drafts", DraftMeta::read),
            active: o.opt_string("active"),
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
