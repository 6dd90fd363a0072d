//! Loading and saving the diary. Every save re-reads what is stored and merges by record id, so
//! two tabs never lose each other's check-ins; data that cannot be read is set aside, never
//! overwritten; a failed write leaves the stored copy as it was and is reported.

use super::diary::{CheckIn, Diary, Lesion};
use super::schema::{self, DecodeError, Loaded, Schema};
use super::store::{Keys, Store, StoreError};
use super::time::Instant;

/// Schema 1: `{"lesions": [...], "checkins": [...], "questions": [...]}` as in `diary.rs`.
/// Schema 2 adds `"medicines": [...]`. A future change adds a migration here and a fixture in
/// `tests/fixtures/`.
pub const DIARY_SCHEMA: Schema = Schema {
    migrations: &[v1_to_v2],
};

/// A schema-1 diary is a schema-2 diary with no medicines, so nothing changes. The number goes up
/// anyway: a version that does not know about medicines would read a newer diary, drop the list
/// (serde ignores unknown fields) and write the rest back. Seeing schema 2, it refuses instead.
fn v1_to_v2(data: serde_json::Value) -> Result<serde_json::Value, String> {
    Ok(data)
}

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

/// Edit times beyond `now` (and a few minutes) are treated as the oldest in the copy opened (not
/// in storage), exactly as `save` treats them, so the next edit of such a record wins.
pub fn open(store: &dyn Store, keys: &Keys, now: Instant) -> Opened {
    let mut opened = open_as_stored(store, keys);
    opened.diary.clamp_future_edits(now);
    opened
}

fn open_as_stored(store: &dyn Store, keys: &Keys) -> Opened {
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
///
/// Edit times of the stored copy that lie in the future (beyond `now` and a few minutes) count
/// as the oldest (see `Diary::clamp_future_edits`): a clock that ran ahead must not make a record
/// win forever.
pub fn save(
    store: &dyn Store,
    keys: &Keys,
    ours: &Diary,
    now: Instant,
) -> Result<Diary, StoreError> {
    let (mut merged, _) = read_for_save(store, keys)?;
    merged.clamp_future_edits(now);
    merged.merge(ours);
    schema::save(store, &DIARY_SCHEMA, &keys.diary(), &merged)?;
    Ok(merged)
}

/// The stored diary, read to merge into before a write: a newer version's diary is refused, an
/// unreadable one moved aside (the next open says so; `true` then).
fn read_for_save(store: &dyn Store, keys: &Keys) -> Result<(Diary, bool), StoreError> {
    let key = keys.diary();
    // One read and one parse: a ten-year diary is large.
    let stored = match store.get(&key)? {
        None => (Diary::default(), false),
        Some(raw) => match schema::decode::<Diary>(&DIARY_SCHEMA, &raw) {
            Ok(stored) => (stored, false),
            // A newer version's diary (another tab, after an update) must not be set aside or
            // overwritten.
            Err(DecodeError::Newer { .. }) => return Err(StoreError::NewerVersion),
            // Unreadable: `load` moves it aside (the next open says so), then ours is written.
            Err(DecodeError::Unreadable(_)) => {
                match schema::load::<Diary>(store, &DIARY_SCHEMA, &key)? {
                    Loaded::Found(stored) => (stored, false),
                    Loaded::Newer { .. } => return Err(StoreError::NewerVersion),
                    Loaded::Missing => (Diary::default(), false),
                    Loaded::SetAside { .. } => (Diary::default(), true),
                }
            }
        },
    };
    Ok(stored)
}

/// Why an edit of a check-in was not saved.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    Store(StoreError),
    /// Another tab changed (or deleted: `None`) the check-in after this edit started from it.
    /// Nothing was written; the patient chooses which to keep.
    ChangedElsewhere(Option<Box<CheckIn>>),
}

impl From<StoreError> for EditError {
    fn from(e: StoreError) -> EditError {
        EditError::Store(e)
    }
}

/// Saves one check-in (new or edited) and the lesions it creates or renames, into the stored
/// diary as it is now. An edit started from the stored copy edited at `base` (`None`: a new
/// check-in, or the patient chose theirs over another tab's): if the stored copy is no longer
/// that one, nothing is written and the stored copy comes back. Else the check-in and lesions
/// are stamped later than the stored copies they replace, so they win.
///
/// Only what changed is merged into the stored copy (no copy of the whole diary is made); `ours`
/// (this tab's diary) is merged in full only when the stored copy was corrupt and had to be set
/// aside, so nothing this tab holds is lost.
pub fn save_edit(
    store: &dyn Store,
    keys: &Keys,
    ours: &Diary,
    check_in: CheckIn,
    lesions: Vec<Lesion>,
    base: Option<Instant>,
    now: Instant,
) -> Result<Diary, EditError> {
    let (mut stored, set_aside) = read_for_save(store, keys)?;
    stored.clamp_future_edits(now);
    if let Some(base) = base {
        match stored.check_ins.iter().find(|c| c.id == check_in.id) {
            Some(t) if !t.deleted && t.updated == base => {}
            Some(t) if !t.deleted => {
                return Err(EditError::ChangedElsewhere(Some(Box::new(t.clone()))))
            }
            _ => return Err(EditError::ChangedElsewhere(None)),
        }
    }
    if set_aside {
        stored.merge(ours);
    }
    for l in lesions {
        stored.upsert_lesion(l);
    }
    stored.upsert(check_in);
    schema::save(store, &DIARY_SCHEMA, &keys.diary(), &stored)?;
    Ok(stored)
}

/// Reads the stored diary without changing anything, for refreshing after another tab saved:
/// `None` when nothing is stored, an error when it cannot be read (it is left where it is).
pub fn peek(store: &dyn Store, keys: &Keys, now: Instant) -> Result<Option<Diary>, DecodeError> {
    match store.get(&keys.diary()) {
        Ok(Some(raw)) => schema::decode::<Diary>(&DIARY_SCHEMA, &raw).map(|mut d| {
            d.sort();
            d.clamp_future_edits(now);
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

    /// Later than every time in these tests.
    const NOW: Instant = Instant(1_800_000_000_000);

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
        save(&store, &keys, &d, NOW).unwrap();
        let opened = open(&store, &keys, NOW);
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
        save(&store, &keys, &tab1, NOW).unwrap();
        let merged = save(&store, &keys, &tab2, NOW).unwrap();
        assert_eq!(ids(&merged), vec!["from-tab-2", "from-tab-1"]);
        assert_eq!(
            ids(&open(&store, &keys, NOW).diary),
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
        let opened = open(&store, &keys, NOW);
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
        save(
            &store,
            &keys,
            &with(&[("new", "2026-11-02T10:00:00Z")]),
            NOW,
        )
        .unwrap();
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
        let opened = open(&store, &keys, NOW);
        assert_eq!(opened.unreadable, None);
        assert_eq!(opened.error, Some(StoreError::NewerVersion));
        assert!(unreadable_copies(&store, &keys).is_empty());
        assert_eq!(
            save(&store, &keys, &opened.diary, NOW),
            Err(StoreError::NewerVersion)
        );
        assert_eq!(store.get(&keys.diary()).unwrap().as_deref(), Some(newer));
    }

    #[test]
    fn a_newer_versions_diary_is_neither_set_aside_nor_overwritten_by_save_or_peek() {
        let store = MemoryStore::new();
        let keys = Keys::default();
        save(&store, &keys, &with(&[("a", "2026-11-01T10:00:00Z")]), NOW).unwrap();
        let next = DIARY_SCHEMA.current() + 1;
        let newer = format!(r#"{{"schema":{next},"data":{{"written":"by a newer tab"}}}}"#);
        let newer = newer.as_str();
        store.set(&keys.diary(), newer).unwrap();
        assert!(matches!(
            peek(&store, &keys, NOW),
            Err(DecodeError::Newer { found, .. }) if found == next
        ));
        assert_eq!(
            save(&store, &keys, &with(&[("b", "2026-11-02T10:00:00Z")]), NOW),
            Err(StoreError::NewerVersion)
        );
        assert_eq!(store.get(&keys.diary()).unwrap().as_deref(), Some(newer));
        assert!(unreadable_copies(&store, &keys).is_empty());
    }

    #[test]
    fn peek_reads_without_changing_anything() {
        let store = MemoryStore::new();
        let keys = Keys::default();
        assert_eq!(peek(&store, &keys, NOW), Ok(None));
        store.set(&keys.diary(), "garbage").unwrap();
        assert!(peek(&store, &keys, NOW).is_err());
        assert_eq!(
            store.get(&keys.diary()).unwrap().as_deref(),
            Some("garbage")
        );
        save(&store, &keys, &with(&[("a", "2026-11-01T10:00:00Z")]), NOW).unwrap();
        assert_eq!(ids(&peek(&store, &keys, NOW).unwrap().unwrap()), vec!["a"]);
    }

    #[test]
    fn a_full_store_fails_the_save_and_keeps_the_stored_copy() {
        let keys = Keys::default();
        let store = MemoryStore::with_quota(200);
        save(&store, &keys, &with(&[("a", "2026-11-01T10:00:00Z")]), NOW).unwrap();
        let before = store.get(&keys.diary()).unwrap();
        let mut big = with(&[("a", "2026-11-01T10:00:00Z")]);
        let mut long = entry("b", "2026-11-02T10:00:00Z");
        long.notes = "x".repeat(500);
        big.upsert(long);
        assert_eq!(
            save(&store, &keys, &big, NOW),
            Err(StoreError::QuotaExceeded)
        );
        assert_eq!(store.get(&keys.diary()).unwrap(), before);
    }

    #[test]
    fn blocked_storage_opens_empty_with_the_error_and_saves_fail() {
        let store = MemoryStore::blocked();
        let keys = Keys::default();
        let opened = open(&store, &keys, NOW);
        assert_eq!(opened.error, Some(StoreError::Blocked));
        assert_eq!(opened.diary, Diary::default());
        assert_eq!(
            save(&store, &keys, &Diary::default(), NOW),
            Err(StoreError::Blocked)
        );
        assert!(unreadable_copies(&store, &keys).is_empty());
    }

    #[test]
    fn every_stored_schema_version_opens() {
        // One fixture per schema version ever written; each must open as a current diary.
        let fixtures = [
            (1, include_str!("../../tests/fixtures/diary-v1.json")),
            (2, include_str!("../../tests/fixtures/diary-v2.json")),
        ];
        assert_eq!(
            fixtures.len() as u32,
            DIARY_SCHEMA.current(),
            "add a fixture for each schema"
        );
        for (version, text) in fixtures {
            let store = MemoryStore::new();
            let keys = Keys::default();
            store.set(&keys.diary(), text).unwrap();
            let opened = open(&store, &keys, NOW);
            assert_eq!(opened.unreadable, None, "schema {version}");
            assert_eq!(opened.diary.entries().count(), 2, "schema {version}");
            assert_eq!(opened.diary.live_lesions().count(), 1, "schema {version}");
            let medicines = opened.diary.live_medicines().count();
            assert_eq!(
                medicines,
                if version >= 2 { 2 } else { 0 },
                "schema {version}"
            );
            // Opened, then saved: what comes back is the same diary in the current schema.
            let saved = save(&store, &keys, &opened.diary, NOW).unwrap();
            assert_eq!(saved, opened.diary, "schema {version}");
            let raw = store.get(&keys.diary()).unwrap().unwrap();
            assert!(raw.contains(&format!("\"schema\":{}", DIARY_SCHEMA.current())));
        }
    }

    mod edits {
        use super::*;

        #[test]
        fn a_save_over_a_corrupt_copy_keeps_what_this_tab_holds() {
            let (store, keys, opened) = two_tabs();
            store.set(&keys.diary(), "{corrupt").unwrap();
            let new = CheckIn {
                id: "b".into(),
                updated: NOW,
                ..opened.check_in("a").unwrap().clone()
            };
            let merged = save_edit(&store, &keys, &opened, new, vec![], None, NOW).unwrap();
            assert!(
                merged.check_in("a").is_some(),
                "this tab's check-in is written again"
            );
            assert!(merged.check_in("b").is_some());
            assert_eq!(
                unreadable_copies(&store, &keys).len(),
                1,
                "the corrupt copy is kept"
            );
        }

        /// Two tabs: both opened the stored diary with check-in "a" (pain 2).
        fn two_tabs() -> (MemoryStore, Keys, Diary) {
            let (store, keys) = (MemoryStore::new(), Keys::default());
            let d = with(&[("a", "2026-11-01T10:00:00Z")]);
            save(&store, &keys, &d, NOW).unwrap();
            let opened = open(&store, &keys, NOW).diary;
            (store, keys, opened)
        }

        fn edited(d: &Diary, pain: u8, notes: &str) -> CheckIn {
            let mut c = d.check_in("a").unwrap().clone();
            c.pain = pain;
            c.notes = notes.into();
            c.updated = NOW;
            c
        }

        #[test]
        fn an_edit_based_on_a_copy_changed_elsewhere_is_not_written() {
            let (store, keys, opened) = two_tabs();
            let base = opened.check_in("a").unwrap().updated;
            // Tab A saves pain 9.
            save_edit(
                &store,
                &keys,
                &Diary::default(),
                edited(&opened, 9, ""),
                vec![],
                Some(base),
                NOW,
            )
            .unwrap();
            let before = store.get(&keys.diary()).unwrap();
            // Tab B, still based on the old copy, adds a note: refused, with A's copy to show.
            let b = edited(&opened, 2, "B's note");
            match save_edit(
                &store,
                &keys,
                &Diary::default(),
                b.clone(),
                vec![],
                Some(base),
                Instant(NOW.0 + 5_000),
            ) {
                Err(EditError::ChangedElsewhere(Some(theirs))) => assert_eq!(theirs.pain, 9),
                other => panic!("{other:?}"),
            }
            assert_eq!(store.get(&keys.diary()).unwrap(), before, "nothing written");
            // B chooses to keep its own: it wins, stamped later than A's.
            let later = Instant(NOW.0 + 10_000);
            let merged = save_edit(
                &store,
                &keys,
                &Diary::default(),
                b.clone(),
                vec![],
                None,
                later,
            )
            .unwrap();
            assert_eq!(merged.check_in("a").unwrap().notes, "B's note");
            assert_eq!(
                open(&store, &keys, later)
                    .diary
                    .check_in("a")
                    .unwrap()
                    .notes,
                "B's note"
            );
        }

        #[test]
        fn an_edit_of_a_copy_deleted_elsewhere_says_so() {
            let (store, keys, opened) = two_tabs();
            let base = opened.check_in("a").unwrap().updated;
            let mut a = opened.clone();
            a.delete("a", NOW);
            save(&store, &keys, &a, NOW).unwrap();
            let b = edited(&opened, 4, "");
            assert_eq!(
                save_edit(
                    &store,
                    &keys,
                    &Diary::default(),
                    b.clone(),
                    vec![],
                    Some(base),
                    NOW
                ),
                Err(EditError::ChangedElsewhere(None))
            );
            // Keeping it brings it back, newer than the deletion.
            let merged = save_edit(
                &store,
                &keys,
                &Diary::default(),
                b.clone(),
                vec![],
                None,
                Instant(NOW.0 + 1_000),
            )
            .unwrap();
            assert_eq!(merged.check_in("a").unwrap().pain, 4);
        }

        #[test]
        fn an_unchanged_base_saves_even_when_its_stored_time_is_in_the_future() {
            let (store, keys) = (MemoryStore::new(), Keys::default());
            let mut d = with(&[("a", "2026-11-01T10:00:00Z")]);
            d.check_ins[0].updated = Instant::parse_rfc3339("9999-12-31T23:59:59Z").unwrap();
            save(&store, &keys, &d, Instant(0)).unwrap();
            let opened = open(&store, &keys, NOW).diary;
            let base = opened.check_in("a").unwrap().updated;
            let merged = save_edit(
                &store,
                &keys,
                &Diary::default(),
                edited(&opened, 8, ""),
                vec![],
                Some(base),
                NOW,
            )
            .unwrap();
            assert_eq!(merged.check_in("a").unwrap().pain, 8);
            assert_eq!(
                open(&store, &keys, NOW).diary.check_in("a").unwrap().pain,
                8
            );
        }
    }
}
