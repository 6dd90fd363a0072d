//! A set of a code enum's values as bits (`Flags<Sign>`), in place of a `BTreeSet`: every
//! `BTreeSet<T>` brings its own copy of the tree code into the download, while this is a few
//! bit operations. It iterates in the order of `Code::ALL`, which is the order the enums are
//! declared and sorted in, so it lists its values exactly as the sorted set did.

use std::fmt;
use std::marker::PhantomData;

use super::json::Code;

pub struct Flags<T> {
    bits: u64,
    kind: PhantomData<T>,
}

impl<T: Code + PartialEq> Flags<T> {
    pub fn new() -> Flags<T> {
        Flags {
            bits: 0,
            kind: PhantomData,
        }
    }

    fn bit(item: &T) -> u64 {
        // Every code enum has far fewer than 64 values (checked in the tests).
        T::ALL.iter().position(|a| a == item).map_or(0, |i| 1 << i)
    }

    pub fn contains(&self, item: &T) -> bool {
        self.bits & Flags::bit(item) != 0
    }

    /// Adds `item`; `true` if it was not there.
    pub fn insert(&mut self, item: T) -> bool {
        let was = self.contains(&item);
        self.bits |= Flags::bit(&item);
        !was
    }

    /// Takes `item` out; `true` if it was there.
    pub fn remove(&mut self, item: &T) -> bool {
        let was = self.contains(item);
        self.bits &= !Flags::bit(item);
        was
    }

    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    pub fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    pub fn clear(&mut self) {
        self.bits = 0;
    }

    /// The values in the set, in `Code::ALL` order.
    pub fn iter(&self) -> Iter<T> {
        Iter {
            bits: self.bits,
            at: 0,
            kind: PhantomData,
        }
    }
}

/// The values of a `Flags`, in `Code::ALL` order.
pub struct Iter<T> {
    bits: u64,
    at: usize,
    kind: PhantomData<T>,
}

impl<T: Code> Iterator for Iter<T> {
    type Item = &'static T;

    fn next(&mut self) -> Option<&'static T> {
        while self.at < T::ALL.len() {
            self.at += 1;
            if self.bits & (1 << (self.at - 1)) != 0 {
                return T::ALL.get(self.at - 1);
            }
        }
        None
    }
}

impl<T: Code + PartialEq> IntoIterator for &Flags<T> {
    type Item = &'static T;
    type IntoIter = Iter<T>;

    fn into_iter(self) -> Iter<T> {
        self.iter()
    }
}

impl<T: Code + PartialEq> Default for Flags<T> {
    fn default() -> Flags<T> {
        Flags::new()
    }
}

impl<T> Clone for Flags<T> {
    fn clone(&self) -> Flags<T> {
        *self
    }
}

impl<T> Copy for Flags<T> {}

impl<T> PartialEq for Flags<T> {
    fn eq(&self, other: &Flags<T>) -> bool {
        self.bits == other.bits
    }
}

impl<T> Eq for Flags<T> {}

impl<T: Code + PartialEq + fmt::Debug> fmt::Debug for Flags<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Code + PartialEq> FromIterator<T> for Flags<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Flags<T> {
        let mut set = Flags::new();
        set.extend(items);
        set
    }
}

impl<T: Code + PartialEq> Extend<T> for Flags<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            self.insert(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{SideEffect, Sign, Warning};
    use std::collections::BTreeSet;

    /// The same inserts and removes on a `BTreeSet` and on `Flags` give the same values in the
    /// same order.
    fn same_as_a_sorted_set<T: Code + PartialEq + Ord + fmt::Debug>() {
        assert!(T::ALL.len() <= 64);
        let mut seed = 11u32;
        let mut ours = Flags::<T>::new();
        let mut theirs = BTreeSet::new();
        for _ in 0..500 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let item = T::ALL[(seed >> 16) as usize % T::ALL.len()];
            if (seed >> 8).is_multiple_of(3) {
                assert_eq!(ours.remove(&item), theirs.remove(&item));
            } else {
                assert_eq!(ours.insert(item), theirs.insert(item));
            }
            assert_eq!(
                ours.iter().copied().collect::<Vec<_>>(),
                theirs.iter().copied().collect::<Vec<_>>()
            );
            assert_eq!(ours.len(), theirs.len());
            assert_eq!(ours.is_empty(), theirs.is_empty());
            assert!(T::ALL
                .iter()
                .all(|t| ours.contains(t) == theirs.contains(t)));
        }
        let all: Flags<T> = T::ALL.iter().rev().copied().collect();
        assert_eq!(all.iter().copied().collect::<Vec<_>>(), T::ALL);
        let mut cleared = all;
        cleared.clear();
        assert!(cleared.is_empty() && cleared != all);
    }

    #[test]
    fn behaves_like_a_sorted_set() {
        same_as_a_sorted_set::<Sign>();
        same_as_a_sorted_set::<Warning>();
        same_as_a_sorted_set::<SideEffect>();
    }
}
