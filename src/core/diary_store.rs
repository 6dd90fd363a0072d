//! Loading and saving the diary. Every save re-reads what is stored and merges by record id, so
//! two tabs never lose each other's check-ins; data that cannot be read is set aside, never
//! overwritten; a failed write leaves the stored copy as it was and is reported.

use super::diary::Diary;
use super::schema::{self, DecodeError, Loaded, Schema};
use super::store::{Keys, Store, StoreError};

/// Schema 1: `{"lesions": [...], "checkins": [...], "questions": [...]}` as in `diary.rs`.
/// A future change adds a migration here and a fixture in `tests/fixtures/`.
pub const DIARY_SCHEMA: Schema = Schema { migrations: &[] };

/// What opening the diary found. Opening changes nothing stored: corrupt data is moved aside by
/// the explicit open step (`kept::open_step`), a newer version's diary is left where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub diary: Diary,
    /// Set when the stored diary could not be read (the diary then starts empty).
    pub unreadable: Option<DecodeError>,
    /// Set when storage could not be read at all (blocked), or holds a newer version's diary
    /// (`NewerVersion`); the diary then starts empty.
    pub error: Option<StoreError>,
}

pub fn open(store: &dyn Store, keys: &Keys) -> Opened {
    let empty = |unreadable, error| Opened {
        diary: Diary::default(),
        unreadable,
        error,
    };
    // One read and one parse on start-up: a ten-year diary is large.
    let raw = match store.get(&keys.diary()) {
        Ok(Some(raw)) => raw,
        Ok(None) => return empty(None, None),
        Err(error) => return empty(None, Some(error)),
    };
    match schema::decode::<Diary>(&DIARY_SCHEMA, &raw) {
        Ok(mut diary) => {
            diary.sort();
            Opened {
                diary,
                unreadable: None,
                error: None,
            }
        }
        // A newer version's diary stays where that version will look for it; this one reads
        // nothing and refuses to save (see `save`).
        Err(DecodeError::Newer { .. }) => empty(None, Some(StoreError::NewerVersion)),
        Err(problem) => empty(Some(problem), None),
    }
}

/// Saves `ours`: re-reads the stored diary, merges ours into it by id (the later edit of each
/// record wins), writes the result and returns it. On error nothing stored has changed.
pub fn save(store: &dyn Store, keys: &Keys, ours: &Diary) -> Result<Diary, StoreError> {
    let key = keys.diary();
    // One read and one parse: a ten-year diary is large.
    let mut merged = match store.get(&key)? {
        None => Diary::default(),
        Some(raw) => match schema::decode::<Diary>(&DIARY_SCHEMA, &raw) {
            Ok(stored) => stored,
            // A newer version's diary (another tab, after an update) must not be set aside or
            // overwritten.
            Err(DecodeError::Newer { .. }) => return Err(StoreError::NewerVersion),
            // Unreadable: `load` moves it aside (the next open says so), then ours is written.
            Err(DecodeError::Unreadable(_)) => {
                match schema::load::<Diary>(store, &DIARY_SCHEMA, &key)? {
                    Loaded::Found(stored) => stored,
                    Loaded::Newer { .. } => return Err(StoreError::NewerVersion),
                    Loaded::Missing | Loaded::SetAside { .. } => Diary::default(),
                }
            }
        },
    };
    merged.merge(ours);
    schema::save(store, &DIARY_SCHEMA, &key, &merged)?;
    Ok(merged)
}

/// Reads the stored diary without changing anything, for refreshing after another tab saved:
/// `None` when nothing is stored, an error when it cannot be read (it is left where it is).
pub fn peek(store: &dyn Store, keys: &Keys) -> Result<Option<Diary>, DecodeError> {
    match store.get(&keys.diary()) {
        Ok(Some(raw)) => schema::decode::<Diary>(&DIARY_SCHEMA, &raw).map(|mut d| {
            d.sort();
            Some(d)
        }),
        Ok(None) => Ok(None),
        Err(e) => Err(DecodeError::Unreadable(e.to_string())),
    }
}

/// Keys of diary copies that were set aside because they could not be read.
pub fn unreadable_copies(store: &dyn Store, keys: &Keys) -> Vec<String> {
    let prefix = format!("{}.unreadable-", keys.diary());
    let mut found: Vec<String> = store
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| k.starts_with(&prefix))
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::CheckIn;
    use crate::core::store::MemoryStore;
    use crate::core::time::Instant;

    fn entry(id: &str, at: &str) -> CheckIn {
        let at = Instant::parse_rfc3339(at).unwrap();
        CheckIn {
            id: id.into(),
            at,
            updated: at,
            pain: 2,
            ..CheckIn::default()
        }
    }

    fn with(ids: &[(&str, &str)]) -> Diary {
        let mut d = Diary::default();
        for (id, at) in ids {
            d.upsert(entry(id, at));
        }
        d
    }

    fn ids(d: &Diary) -> Vec<String> {
        d.entries().map(|c| c.id.clone()).collect()
    }

    #[test]
    fn saves_and_opens_again() {
        let store = MemoryStore::new();
        let keys = Keys::default();
        let d = with(&[("a", "2026-11-01T10:00:00Z")]);
        save(&store, &keys, &d).unwrap();
        let opened = open(&store, &keys);
        assert_eq!(opened.diary, d);
        assert_eq!((opened.unreadable, opened.error), (None, None));
    }

    #[test]
    fn two_tabs_saving_keep_each_others_check_ins() {
        let store = MemoryStore::new();
        let keys = Keys::default();
        // Both tabs open the same (empty) diary, then each records its own check-in.
        let tab1 = with(&[("from-tab-1", "2026-11-01T10:00:00Z")]);
        let tab2 = with(&[("from-tab-2", "2026-11-01T11:00:00Z")]);
        save(&store, &keys, &tab1).unwrap();
        let merged = save(&store, &keys, &tab2).unwrap();
        assert_eq!(ids(&merged), vec!["from-tab-2", "from-tab-1"]);
        assert_eq!(
            ids(&open(&store, &keys).diary),
            vec!["from-tab-2", "from-tab-1"]
        );
    }

    #[test]
    fn corrupt_data_is_kept_aside_and_reported_then_the_diary_starts_fresh() {
        let store = MemoryStore::new();
        let keys = Keys::default();
        store
            .set(
                &keys.diary(),
                "{\"schema\":1,\"data\":{\"checkins\":[{\"id\":",
            )
            .unwrap();
        let opened = open(&store, &keys);
        let problem = opened.unreadable.expect("told about it");
        assert!(matches!(problem, DecodeError::Unreadable(_)));
        assert_eq!(opened.diary, Diary::default());
        assert!(
            unreadable_copies(&store, &keys).is_empty(),
            "open moves nothing"
        );
        let kept_at = schema::set_aside_if_unreadable(&store, &DIARY_SCHEMA, &keys.diary())
            .unwrap()
            .expect("the open step sets it aside");
        assert_eq!(unreadable_copies(&store, &keys), vec![kept_at.clone()]);
        assert!(store
            .get(&kept_at)
            .unwrap()
            .unwrap()
            .starts_with("{\"schema\":1"));
        // A new save does not touch the kept copy.
        save(&store, &keys, &with(&[("new", "2026-11-02T10:00:00Z")])).unwrap();
        assert!(store
            .get(&kept_at)
            .unwrap()
            .unwrap()
            .starts_with("{\"schema\":1"));
    }

    #[test]
    fn a_diary_from_a_newer_version_stays_in_place_and_is_not_overwritten() {
        let store = MemoryStore::new();
        let keys = Keys::default();
        let newer = r#"{"schema":99,"data":{"future":true}}"#;
        store.set(&keys.diary(), newer).unwrap();
        let opened = open(&store, &keys);
        assert_eq!(opened.unreadable, None);
        assert_eq!(opened.error, Some(StoreError::NewerVersion));
        assert!(unreadable_copies(&store, &keys).is_empty());
        assert_eq!(
            save(&store, &keys, &opened.diary),
            Err(StoreError::NewerVersion)
        );
        assert_eq!(store.get(&keys.diary()).unwrap().as_deref(), Some(newer));
    }

    #[test]
    fn a_newer_versions_diary_is_neither_set_aside_nor_overwritten_by_save_or_peek() {
        let store = MemoryStore::new();
        let keys = Keys::default();
        save(&store, &keys, &with(&[("a", "2026-11-01T10:00:00Z")])).unwrap();
        let newer = r#"{"schema":2,"data":{"written":"by a newer tab"}}"#;
        store.set(&keys.diary(), newer).unwrap();
        assert!(matches!(
            peek(&store, &keys),
            Err(DecodeError::Newer { found: 2, .. })
        ));
        assert_eq!(
            save(&store, &keys, &with(&[("b", "2026-11-02T10:00:00Z")])),
            Err(StoreError::NewerVersion)
        );
        assert_eq!(store.get(&keys.diary()).unwrap().as_deref(), Some(newer));
        assert!(unreadable_copies(&store, &keys).is_empty());
    }

    #[test]
    fn peek_reads_without_changing_anything() {
        let store = MemoryStore::new();
        let keys = Keys::default();
        assert_eq!(peek(&store, &keys), Ok(None));
        store.set(&keys.diary(), "garbage").unwrap();
        assert!(peek(&store, &keys).is_err());
        assert_eq!(
            store.get(&keys.diary()).unwrap().as_deref(),
            Some("garbage")
        );
        save(&store, &keys, &with(&[("a", "2026-11-01T10:00:00Z")])).unwrap();
        assert_eq!(ids(&peek(&store, &keys).unwrap().unwrap()), vec!["a"]);
    }

    #[test]
    fn a_full_store_fails_the_save_and_keeps_the_stored_copy() {
        let keys = Keys::default();
        let store = MemoryStore::with_quota(200);
        save(&store, &keys, &with(&[("a", "2026-11-01T10:00:00Z")])).unwrap();
        let before = store.get(&keys.diary()).unwrap();
        let mut big = with(&[("a", "2026-11-01T10:00:00Z")]);
        let mut long = entry("b", "2026-11-02T10:00:00Z");
        long.notes = "x".repeat(500);
        big.upsert(long);
        assert_eq!(save(&store, &keys, &big), Err(StoreError::QuotaExceeded));
        assert_eq!(store.get(&keys.diary()).unwrap(), before);
    }

    #[test]
    fn blocked_storage_opens_empty_with_the_error_and_saves_fail() {
        let store = MemoryStore::blocked();
        let keys = Keys::default();
        let opened = open(&store, &keys);
        assert_eq!(opened.error, Some(StoreError::Blocked));
        assert_eq!(opened.diary, Diary::default());
        assert_eq!(
            save(&store, &keys, &Diary::default()),
            Err(StoreError::Blocked)
        );
        assert!(unreadable_copies(&store, &keys).is_empty());
    }

    #[test]
    fn every_stored_schema_version_opens() {
        // One fixture per schema version ever written; each must open as a current diary.
        let fixtures = [(1, include_str!("../../tests/fixtures/diary-v1.json"))];
        assert_eq!(
            fixtures.len() as u32,
            DIARY_SCHEMA.current(),
            "add a fixture for each schema"
        );
        for (version, text) in fixtures {
            let store = MemoryStore::new();
            let keys = Keys::default();
            store.set(&keys.diary(), text).unwrap();
            let opened = open(&store, &keys);
            assert_eq!(opened.unreadable, None, "schema {version}");
            assert_eq!(opened.diary.entries().count(), 2, "schema {version}");
            assert_eq!(opened.diary.live_lesions().count(), 1, "schema {version}");
        }
    }
}
