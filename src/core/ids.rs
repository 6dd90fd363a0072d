//! Maps and sets keyed by a record's id, hashed cheaply.
//!
//! The standard library's hasher (SipHash) is built to resist keys chosen to collide, which
//! costs most of the time of a map that answers thousands of lookups by short ids: working out
//! what the triage rules know walks every note of a ten-year diary at each save. Our ids come
//! from this device's diary or a file the patient chose; this hasher reads them eight bytes at a
//! time, and the length last (so "a" and "a\0" differ). Each step and the finish are one-to-one
//! (a multiply by an odd number, a shift folded in), so ids that differ stay apart.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A map by id (see the module).
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
/// A set of ids (see the module).
pub type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// The hasher of `IdMap` and `IdSet`.
#[derive(Clone, Copy, Debug, Default)]
pub struct IdHasher(u64);

/// An odd constant with its bits well spread (from the golden ratio).
const SPREAD: u64 = 0x9e37_79b9_7f4a_7c15;

impl IdHasher {
    fn add(&mut self, word: u64) {
        let x = (self.0 ^ word).wrapping_mul(SPREAD);
        self.0 = x ^ (x >> 32);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0; 8];
            b.copy_from_slice(w);
            self.add(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut b = [0; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
        self.add(bytes.len() as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The table takes buckets from the lowest bits and tags from the highest: one more
        // multiply and fold, so both depend on every byte.
        let x = self.0.wrapping_mul(SPREAD);
        x ^ (x >> 29)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash(s: &str) -> u64 {
        BuildHasherDefault::<IdHasher>::default().hash_one(s)
    }

    #[test]
    fn ids_that_differ_anywhere_hash_apart() {
        let ids: Vec<String> = (0..20_000)
            .map(|i| format!("c-2026-11-{:02}-{i:05}", i % 28))
            .chain((0..2_000).map(|i| format!("lesion-{i}")))
            .chain(["", "a", "a\0", "ab", "ba", "abcdefgh", "abcdefgh\0"].map(String::from))
            .collect();
        let hashes: HashSet<u64> = ids.iter().map(|s| hash(s)).collect();
        assert_eq!(hashes.len(), ids.len(), "two ids hashed alike");
        // The bits the table picks buckets from (the lowest) and its tags from (the highest)
        // spread too: ids alike but for one digit do not crowd a few buckets.
        for (bits, name) in [
            (hash as fn(&str) -> u64, "low"),
            (|s: &str| hash(s) >> 52, "high"),
        ] {
            let buckets: HashSet<u64> = ids.iter().map(|s| bits(s) & 4095).collect();
            assert!(
                buckets.len() > 4_000,
                "{name}: {} of 4096 buckets",
                buckets.len()
            );
        }
    }

    #[test]
    fn maps_and_sets_find_what_they_hold() {
        let mut m: IdMap<String, usize> = IdMap::default();
        let mut s: IdSet<&str> = IdSet::default();
        let ids: Vec<String> = (0..5_000).map(|i| format!("id-{i}")).collect();
        for (i, id) in ids.iter().enumerate() {
            m.insert(id.clone(), i);
            s.insert(id);
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(m.get(id.as_str()), Some(&i));
            assert!(s.contains(id.as_str()));
        }
        assert!(!m.contains_key("id-5000") && !s.contains("id-"));
        // A String and its &str hash alike (lookups by &str into a map keyed by String).
        let mut a = IdHasher::default();
        let mut b = IdHasher::default();
        "lesion-7".to_string().hash(&mut a);
        "lesion-7".hash(&mut b);
        assert_eq!(a.finish(), b.finish());
    }
}
