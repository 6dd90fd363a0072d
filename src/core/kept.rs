//! The four things the widget keeps per namespace (the diary, the patient's settings, the place
//! in the guide and the unsaved drafts), and the explicit open step that makes stored data safe to use: corrupt
//! data is copied aside exactly, newer-version data is left where it is, and the patient is told
//! about each (with the kept copies to download).

use super::diary::Diary;
use super::diary_store::DIARY_SCHEMA;
use super::drafts::{Drafts, DRAFTS_SCHEMA};
use super::prefs::{Prefs, PREFS_SCHEMA};
use super::schema::{self, Schema};
use super::store::{Keys, Store, StoreError};
use super::walkthrough::{SavedPlace, PLACE_SCHEMA};

/// One of the stored values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Diary,
    Prefs,
    Place,
    /// Work typed and not yet saved (see `drafts`).
    Drafts,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Diary, Kind::Prefs, Kind::Place, Kind::Drafts];

    pub fn key(self, keys: &Keys) -> String {
        match self {
            Kind::Diary => keys.diary(),
            Kind::Prefs => keys.prefs(),
            Kind::Place => keys.walkthrough(),
            Kind::Drafts => keys.drafts(),
        }
    }

    /// `schema::open_key` for this kind's key, read as what it holds.
    fn open(self, store: &dyn Store, key: &str) -> Result<schema::Opened, StoreError> {
        let schema = self.schema();
        match self {
            Kind::Diary => schema::open_key::<Diary>(store, schema, key),
            Kind::Prefs => schema::open_key::<Prefs>(store, schema, key),
            Kind::Place => schema::open_key::<SavedPlace>(store, schema, key),
            Kind::Drafts => schema::open_key::<Drafts>(store, schema, key),
        }
    }

    pub fn schema(self) -> &'static Schema {
        match self {
            Kind::Diary => &DIARY_SCHEMA,
            Kind::Prefs => &PREFS_SCHEMA,
            Kind::Place => &PLACE_SCHEMA,
            Kind::Drafts => &DRAFTS_SCHEMA,
        }
    }
}

/// A copy of data that could not be read, kept under `key` until the patient deletes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptCopy {
    pub kind: Kind,
    pub key: String,
}

/// The prefix of every kept copy of `kind`'s data.
fn copy_prefix(kind: Kind, keys: &Keys) -> String {
    format!("{}.unreadable-", kind.key(keys))
}

/// Whether `key` names a kept copy in this namespace (another tab made or deleted one).
pub fn is_kept_copy(key: &str, keys: &Keys) -> bool {
    Kind::ALL
        .iter()
        .any(|&kind| key.starts_with(&copy_prefix(kind, keys)))
}

/// Every kept copy in this namespace, diary first, then settings, then the place; oldest first.
pub fn kept_copies(store: &dyn Store, keys: &Keys) -> Vec<KeptCopy> {
    let all = store.keys().unwrap_or_default();
    let mut found: Vec<KeptCopy> = Kind::ALL
        .iter()
        .flat_map(|&kind| {
            let prefix = copy_prefix(kind, keys);
            all.iter()
                .filter(move |k| k.starts_with(&prefix))
                .map(move |k| KeptCopy {
                    kind,
                    key: k.clone(),
                })
        })
        .collect();
    // unreadable-2 before unreadable-10.
    super::order::sort_by_key(&mut found, |c| {
        let n: u64 = c
            .key
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        (c.kind, n)
    });
    found
}

/// What the open step found and did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OpenStep {
    /// Every kept copy after the step (older ones included: they stay until deleted).
    pub kept: Vec<KeptCopy>,
    /// Values written by a newer version: left in place, and writes to them are refused.
    pub newer: Vec<Kind>,
    /// Corrupt values that could not be copied aside (e.g. storage full): left in place.
    pub failed: Vec<(Kind, StoreError)>,
}

/// The explicit open step, run once after the widget first shows. `diary_unreadable` comes from
/// `diary_store::open` (the diary is large: it is not parsed a second time unless corrupt).
pub fn open_step(store: &dyn Store, keys: &Keys, diary_unreadable: bool) -> OpenStep {
    let mut step = OpenStep::default();
    for kind in Kind::ALL {
        // The diary was read at open: only an unreadable one is looked at again (a newer
        // version's is told by the diary's own open).
        if kind == Kind::Diary && !diary_unreadable {
            continue;
        }
        match kind.open(store, &kind.key(keys)) {
            Ok(schema::Opened::Newer) if kind != Kind::Diary => step.newer.push(kind),
            Ok(_) => {}
            Err(e) => step.failed.push((kind, e)),
        }
    }
    step.kept = kept_copies(store, keys);
    step
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::store::MemoryStore;

    fn seeded(items: &[(String, &str)]) -> MemoryStore {
        let store = MemoryStore::new();
        for (k, v) in items {
            store.set(k, v).unwrap();
        }
        store
    }

    #[test]
    fn corrupt_settings_place_and_drafts_are_set_aside_exactly_and_listed_by_kind() {
        let keys = Keys::default();
        let store = seeded(&[
            (keys.prefs(), "{\"schema\":1,\"data\":{\"patient_name\":"),
            (keys.walkthrough(), "not json ✓"),
            (keys.drafts(), "{\"schema\":1,\"data\":{\"question\":"),
            (format!("{}.unreadable-1", keys.diary()), "old"),
        ]);
        let step = open_step(&store, &keys, false);
        assert_eq!(
            step.kept,
            vec![
                KeptCopy {
                    kind: Kind::Diary,
                    key: format!("{}.unreadable-1", keys.diary())
                },
                KeptCopy {
                    kind: Kind::Prefs,
                    key: format!("{}.unreadable-1", keys.prefs())
                },
                KeptCopy {
                    kind: Kind::Place,
                    key: format!("{}.unreadable-1", keys.walkthrough())
                },
                KeptCopy {
                    kind: Kind::Drafts,
                    key: format!("{}.unreadable-1", keys.drafts())
                },
            ]
        );
        assert!(step.newer.is_empty() && step.failed.is_empty());
        assert_eq!(
            store
                .get(&format!("{}.unreadable-1", keys.walkthrough()))
                .unwrap()
                .as_deref(),
            Some("not json ✓")
        );
        assert_eq!(store.get(&keys.prefs()).unwrap(), None);
        assert_eq!(store.get(&keys.walkthrough()).unwrap(), None);
    }

    /// Well-formed JSON with one field this version cannot read is as unreadable as broken
    /// JSON: the open step set only the second aside, so the first was written over, without a
    /// copy or a word, by the next keystroke, name typed or save (and a diary with one check-in's
    /// pain "seven" opened empty with no notice).
    #[test]
    fn data_with_one_field_that_cannot_be_read_is_set_aside_like_broken_json() {
        let keys = Keys::default();
        let diary = r#"{"schema":1,"data":{"lesions":[],"checkins":[{"id":"c1","at":"2026-11-01T10:00:00Z","upd":"2026-11-01T10:00:00Z","pain":"seven","notes":"my words"}]}}"#;
        let prefs = r#"{"schema":1,"data":{"patient_name":"Maria Alves da Silva","last_backup":"last Tuesday"}}"#;
        let drafts =
            r#"{"schema":1,"data":{"question":7,"check_in":{"notes":"typed in another tab"}}}"#;
        let place = r#"{"schema":1,"data":{"step":42}}"#;
        let store = seeded(&[
            (keys.diary(), diary),
            (keys.prefs(), prefs),
            (keys.drafts(), drafts),
            (keys.walkthrough(), place),
        ]);
        let step = open_step(&store, &keys, true);
        assert!(step.newer.is_empty() && step.failed.is_empty());
        for (kind, key, raw) in [
            (Kind::Diary, keys.diary(), diary),
            (Kind::Prefs, keys.prefs(), prefs),
            (Kind::Place, keys.walkthrough(), place),
            (Kind::Drafts, keys.drafts(), drafts),
        ] {
            let kept_at = format!("{key}.unreadable-1");
            assert!(
                step.kept.contains(&KeptCopy {
                    kind,
                    key: kept_at.clone()
                }),
                "{kind:?}: {:?}",
                step.kept
            );
            assert_eq!(
                store.get(&kept_at).unwrap().as_deref(),
                Some(raw),
                "exactly"
            );
            assert_eq!(store.get(&key).unwrap(), None);
        }
    }

    #[test]
    fn newer_settings_place_and_drafts_stay_in_place_and_are_reported() {
        let keys = Keys::default();
        let prefs = r#"{"schema":5,"data":{"patient_name":"Ana","theme":"dark"}}"#;
        let place = r#"{"schema":2,"data":{"chapter":3}}"#;
        let drafts = r#"{"schema":4,"data":{"question":"Why?"}}"#;
        let store = seeded(&[
            (keys.prefs(), prefs),
            (keys.walkthrough(), place),
            (keys.drafts(), drafts),
        ]);
        let step = open_step(&store, &keys, false);
        assert_eq!(step.newer, vec![Kind::Prefs, Kind::Place, Kind::Drafts]);
        assert_eq!(store.get(&keys.drafts()).unwrap().as_deref(), Some(drafts));
        assert!(step.kept.is_empty());
        assert_eq!(store.get(&keys.prefs()).unwrap().as_deref(), Some(prefs));
        assert_eq!(
            store.get(&keys.walkthrough()).unwrap().as_deref(),
            Some(place)
        );
        // And a write to them is refused.
        assert_eq!(
            schema::save_guarded(
                &store,
                &PREFS_SCHEMA,
                &keys.prefs(),
                &crate::core::prefs::Prefs::default()
            ),
            Err(StoreError::NewerVersion)
        );
        assert_eq!(store.get(&keys.prefs()).unwrap().as_deref(), Some(prefs));
    }

    #[test]
    fn the_diary_is_touched_only_when_open_said_it_is_unreadable() {
        let keys = Keys::default();
        let store = seeded(&[(keys.diary(), "garbage")]);
        assert!(open_step(&store, &keys, false).kept.is_empty());
        let step = open_step(&store, &keys, true);
        assert_eq!(step.kept.len(), 1);
        assert_eq!(step.kept[0].kind, Kind::Diary);
        assert_eq!(store.get(&keys.diary()).unwrap(), None);
    }

    #[test]
    fn a_full_store_leaves_the_corrupt_value_in_place_and_says_so() {
        let keys = Keys::default();
        let store = MemoryStore::with_quota(80);
        store.set(&keys.prefs(), "garbage").unwrap();
        let step = open_step(&store, &keys, false);
        assert_eq!(step.failed, vec![(Kind::Prefs, StoreError::QuotaExceeded)]);
        assert_eq!(
            store.get(&keys.prefs()).unwrap().as_deref(),
            Some("garbage")
        );
    }

    #[test]
    fn copies_are_listed_in_number_order() {
        let keys = Keys::default();
        let d = keys.diary();
        let store = seeded(&[
            (format!("{d}.unreadable-10"), "x"),
            (format!("{d}.unreadable-2"), "y"),
        ]);
        let got: Vec<String> = kept_copies(&store, &keys)
            .into_iter()
            .map(|c| c.key)
            .collect();
        assert_eq!(
            got,
            vec![format!("{d}.unreadable-2"), format!("{d}.unreadable-10")]
        );
    }

    #[test]
    fn a_kept_copy_key_is_known_by_its_kind_and_namespace() {
        let keys = Keys::default();
        for kind in Kind::ALL {
            assert!(is_kept_copy(
                &format!("{}.unreadable-3", kind.key(&keys)),
                &keys
            ));
            assert!(!is_kept_copy(&kind.key(&keys), &keys), "the data itself");
        }
        let other = Keys::new("other-clinic");
        assert!(!is_kept_copy(
            &format!("{}.unreadable-1", other.diary()),
            &keys
        ));
    }
}
