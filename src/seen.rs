//! First occurrences by key: the one map type behind every "is this a
//! repeat?" question (duplicate indicator names and ids, keys of the
//! error summary's items, explanations matched to findings) and every set
//! of texts (the fields the person has touched, row ids in use).
//!
//! Each distinct `BTreeMap<K, V>` is its own copy of the B-tree code in the
//! WebAssembly module, a few kilobytes each. Keys made of several parts are
//! therefore joined into one `String` with [`key`], and the map is always
//! `BTreeMap<String, usize>`.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

/// The first index seen for each key (or, used as a set, the keys).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Seen(BTreeMap<String, usize>);

impl Seen {
    pub fn new() -> Seen {
        Seen::default()
    }

    /// Records that `key` is at `index` unless it was seen before: `Err`
    /// with the first index then. One search of the map, not a lookup and
    /// an insert.
    pub fn first_at(&mut self, key: String, index: usize) -> Result<(), usize> {
        match self.0.entry(key) {
            Entry::Occupied(e) => Err(*e.get()),
            Entry::Vacant(e) => {
                e.insert(index);
                Ok(())
            }
        }
    }

    /// Records `index` for `key`, replacing an earlier one (the last wins).
    pub fn set(&mut self, key: String, index: usize) {
        self.0.insert(key, index);
    }

    /// The index recorded for `key`.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.0.get(key).copied()
    }

    /// Whether `key` was recorded.
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// Records `key` (as a set): true if it is new.
    pub fn insert(&mut self, key: String) -> bool {
        self.first_at(key, 0).is_ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether some recorded key starts with `prefix`: one search, since
    /// the keys are kept in order.
    pub fn any_with_prefix(&self, prefix: &str) -> bool {
        self.0
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .next()
            .is_some_and(|(k, _)| k.starts_with(prefix))
    }

    /// Counts one more occurrence of `key` and gives the count so far (1 for
    /// the first).
    pub fn count(&mut self, key: String) -> usize {
        let n = self.0.entry(key).or_default();
        *n += 1;
        *n
    }
}

/// One key for several parts, equal exactly when every part is equal: each
/// part is written after its length (`"3:abc1:d"`), so no text inside a
/// part can make two different tuples meet. The first part leads, so keys
/// that differ there compare as quickly as the part itself.
pub fn key(parts: &[&str]) -> String {
    let mut k = String::with_capacity(parts.iter().map(|p| p.len() + 4).sum());
    for p in parts {
        push_decimal(&mut k, p.len());
        k.push(':');
        k.push_str(p);
    }
    k
}

/// Writes a number in decimal digits: what `write!(k, "{n}")` writes,
/// without the formatting machinery (a key is made for every row).
fn push_decimal(k: &mut String, n: usize) {
    if n >= 10 {
        push_decimal(k, n / 10);
    }
    k.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_different_tuples_differ() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["ab", "c"], &["a", "bc"]),
            (&["a:", "b"], &["a", ":b"]),
            (&["", "1:a"], &["1:a", ""]),
            (&["名称", ""], &["名", "称"]),
        ];
        for (a, b) in cases {
            assert_ne!(key(a), key(b), "{a:?} vs {b:?}");
        }
        assert_eq!(key(&["养护", "产出指标"]), key(&["养护", "产出指标"]));
        assert_eq!(key(&["养护", "", "产出指标"]), "6:养护0:12:产出指标");
        let long = "x".repeat(1234);
        assert_eq!(key(&[&long]), format!("1234:{long}"));
    }

    #[test]
    fn the_first_index_is_kept() {
        let mut s = Seen::new();
        assert_eq!(s.first_at("a".into(), 0), Ok(()));
        assert_eq!(s.first_at("b".into(), 1), Ok(()));
        assert_eq!(s.first_at("a".into(), 2), Err(0));
        assert_eq!(s.count("c".into()), 1);
        assert_eq!(s.count("c".into()), 2);
        assert!(s.insert("a/1".into()));
        assert!(!s.insert("a/1".into()));
        assert!(s.contains("a/1") && !s.contains("a/"));
        assert!(s.any_with_prefix("a/") && !s.any_with_prefix("a/2") && !s.any_with_prefix("b/"));
        s.set("d".into(), 4);
        s.set("d".into(), 5);
        assert_eq!(s.get("d"), Some(5));
        assert_eq!(s.get("e"), None);
    }
}
