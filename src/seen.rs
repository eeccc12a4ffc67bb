//! First occurrences by key: the one map type behind every "is this a
//! repeat?" question (duplicate indicator names and ids, keys of the
//! error summary's items, explanations matched to findings) and every set
//! of texts (the fields the person has touched, row ids in use).
//!
//! Each distinct `BTreeMap<K, V>` is its own copy of the B-tree code in the
//! WebAssembly module, a few kilobytes each. Keys made of several parts are
//! therefore joined into one `String` with [`key`], and the map is always
//! `BTreeMap<String, usize>`.
//!
//! The checks ask the question of every row of a form, and of every
//! finding, at every keystroke: there, [`ByHash`] finds items by the hashes
//! of their keys, with the keys left where they are rather than copied into
//! a `String` each (and the engine alone needs no B-tree of its own).

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

/// Items found by the hashes of their keys ([`hash`]): each item is added
/// under its hash with its index, and [`ByHash::find`] lists the items of a
/// hash, for the caller to compare their keys with the one it looks for.
/// Sorted numbers and a binary search: no allocation per item and no map
/// type, where a [`Seen`] needs a `String` key per item.
#[derive(Default)]
pub struct ByHash(Vec<u64>);

impl ByHash {
    /// Adds item `index` (below 2³², as every row and finding of a
    /// document is) under `hash`.
    pub fn add(&mut self, hash: u32, index: usize) {
        debug_assert!(u32::try_from(index).is_ok());
        self.0.push(u64::from(hash) << 32 | index as u64);
    }

    /// Makes the items ready for [`ByHash::find`]: call once, after the
    /// last [`ByHash::add`].
    pub fn sort(&mut self) {
        self.0.sort_unstable();
    }

    /// The first item before item `index` that was added under `hash` and
    /// for which `same` holds: with `same` comparing an item's key with
    /// that of item `index`, what [`Seen::first_at`] answers.
    pub fn first_before(
        &self,
        hash: u32,
        index: usize,
        same: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        self.find(hash)
            .iter()
            .map(|&v| v as u32 as usize)
            .take_while(|&j| j < index)
            .find(|&j| same(j))
    }

    /// The items added under `hash`, in the order of their indices, each as
    /// `hash << 32 | index` (`v as u32 as usize` is the index).
    pub fn find(&self, hash: u32) -> &[u64] {
        let hash = u64::from(hash);
        let from = self.0.partition_point(|&v| v >> 32 < hash);
        // Mostly one item, or none: counted rather than searched for.
        let count = self.0[from..]
            .iter()
            .take_while(|&&v| v >> 32 == hash)
            .count();
        &self.0[from..from + count]
    }
}

/// The hash of a key of several parts (FNV-1a, 32 bits), each part after
/// its length, as in [`key`].
pub fn hash(parts: &[&str]) -> u32 {
    const PRIME: u32 = 0x0100_0193;
    let mut h: u32 = 0x811c_9dc5;
    for p in parts {
        h = (h ^ p.len() as u32).wrapping_mul(PRIME);
        for &b in p.as_bytes() {
            h = (h ^ u32::from(b)).wrapping_mul(PRIME);
        }
    }
    h
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
    fn items_are_found_by_hash_in_order() {
        let keys: Vec<[&str; 2]> = (0..3000)
            .map(|i| {
                if i % 3 == 0 {
                    ["养护", "数量"]
                } else {
                    ["里程", ""]
                }
            })
            .collect();
        let texts: Vec<String> = (0..3000).map(|i| format!("第{}行", i % 700)).collect();
        let mut by = ByHash::default();
        let mut text_by = ByHash::default();
        for (i, (k, t)) in keys.iter().zip(&texts).enumerate() {
            by.add(hash(k), i);
            text_by.add(hash(&[t]), i);
        }
        by.sort();
        text_by.sort();
        let threes: Vec<usize> = by
            .find(hash(&["养护", "数量"]))
            .iter()
            .map(|&v| v as u32 as usize)
            .collect();
        assert_eq!(threes, (0..3000).step_by(3).collect::<Vec<_>>());
        assert!(by.find(hash(&["养护数量"])).is_empty());
        assert!(by.find(hash(&["养", "护数量"])).is_empty());
        // The first earlier equal text of each, as Seen finds it.
        let mut seen = Seen::new();
        for (i, t) in texts.iter().enumerate() {
            let first = text_by.first_before(hash(&[t]), i, &|j| texts[j] == *t);
            assert_eq!(first, seen.first_at(key(&[t]), i).err(), "{i}");
        }
        assert!(ByHash::default().find(0).is_empty());
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
