//! Step navigation for the education walk-through, addressed by section key so that a stored
//! position survives content being reordered or a step being added.

use crate::core::json::Value;

use super::json::{self, Extra, Fields, Out, Stored};
use super::schema::{self, Read, Schema};
use super::store::{Keys, Store, StoreError};

/// The stored place in the guide: schema 1 is `{"step": "<section key>"}`.
pub const PLACE_SCHEMA: Schema = Schema { migrations: &[] };

/// Where the patient is in the walk-through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Walkthrough {
    keys: Vec<String>,
    current: usize,
}

/// What is kept in storage between visits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedPlace {
    pub step: String,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

impl SavedPlace {
    /// A place made here: the step, and no fields of a newer version's.
    pub fn at(step: impl Into<String>) -> SavedPlace {
        SavedPlace {
            step: step.into(),
            extra: Extra::NONE,
        }
    }
}

impl Stored for SavedPlace {
    fn read(v: Value) -> Result<SavedPlace, String> {
        let mut f = Fields::of(v)?;
        Ok(SavedPlace {
            step: f.need("step", json::string)?,
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("step");
        out.str(&self.step);
        out.extra(&self.extra);
        out.close();
    }
}

/// The stored place in the guide, read only: nothing stored changes. Missing, unreadable (the
/// open step sets it aside) and newer-version places all give `None`: the guide starts at step 1.
pub fn read_place(store: &dyn Store, keys: &Keys) -> Option<SavedPlace> {
    match schema::read::<SavedPlace>(store, &PLACE_SCHEMA, &keys.walkthrough()) {
        Ok(Read::Found(place)) => Some(place),
        _ => None,
    }
}

/// Saves the place in the guide. A newer version's place is not written over (`NewerVersion`);
/// a corrupt one is first copied aside exactly (its new key is returned). Fields a newer version
/// stored with the place are kept (unless `place` has its own).
pub fn save_place(
    store: &dyn Store,
    keys: &Keys,
    place: &SavedPlace,
) -> Result<Option<String>, StoreError> {
    let key = keys.walkthrough();
    // A newer version's fields in the stored place go on with the new one. (One call to save:
    // each call of the generic save is its own copy in the guide's small download.)
    let with_theirs = place
        .extra
        .is_empty()
        .then(|| schema::read::<SavedPlace>(store, &PLACE_SCHEMA, &key))
        .and_then(|read| match read {
            Ok(Read::Found(stored)) if !stored.extra.is_empty() => Some(SavedPlace {
                extra: stored.extra,
                ..place.clone()
            }),
            _ => None,
        });
    schema::save_guarded(
        store,
        &PLACE_SCHEMA,
        &key,
        with_theirs.as_ref().unwrap_or(place),
    )
}

/// Can the guide open on its own, the small first download without the diary's code? Only when
/// this widget keeps nothing on the device but a readable place in the guide, or storage is
/// blocked (nothing can be kept). Anything else (a diary, settings, unsaved work, a kept copy, a
/// place that cannot be read or that a newer version wrote) needs the whole widget, which opens
/// it safely and tells the patient what it found.
pub fn guide_alone(store: &dyn Store, keys: &Keys) -> bool {
    let stored = match store.keys() {
        Ok(stored) => stored,
        Err(StoreError::Blocked) => return true,
        Err(_) => return false,
    };
    let place = keys.walkthrough();
    stored.iter().filter(|k| keys.owns(k)).all(|k| {
        *k == place
            && matches!(
                schema::read::<SavedPlace>(store, &PLACE_SCHEMA, k),
                Ok(Read::Found(_))
            )
    })
}

impl Walkthrough {
    /// Starts at the first step. `keys` must not be empty.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(keys: I) -> Walkthrough {
        let keys: Vec<String> = keys.into_iter().map(Into::into).collect();
        assert!(!keys.is_empty(), "a walk-through needs at least one step");
        Walkthrough { keys, current: 0 }
    }

    /// Resumes at a saved step; an unknown step (content changed) starts at the beginning.
    pub fn resume(mut self, saved: Option<&SavedPlace>) -> Walkthrough {
        if let Some(saved) = saved {
            self.go_to(&saved.step);
        }
        self
    }

    pub fn index(&self) -> usize {
        self.current
    }

    /// 1-based, for "Step N of M".
    pub fn number(&self) -> usize {
        self.current + 1
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn key(&self) -> &str {
        &self.keys[self.current]
    }

    pub fn is_first(&self) -> bool {
        self.current == 0
    }

    pub fn is_last(&self) -> bool {
        self.current + 1 == self.keys.len()
    }

    /// Moves on one step; at the last step it stays. Returns whether it moved.
    pub fn forward(&mut self) -> bool {
        if self.is_last() {
            return false;
        }
        self.current += 1;
        true
    }

    /// Moves back one step; at the first step it stays. Returns whether it moved.
    pub fn back(&mut self) -> bool {
        if self.is_first() {
            return false;
        }
        self.current -= 1;
        true
    }

    /// Jumps to a step by key. Returns false (and stays) for an unknown key.
    pub fn go_to(&mut self, key: &str) -> bool {
        match self.keys.iter().position(|k| k == key) {
            Some(i) => {
                self.current = i;
                true
            }
            None => false,
        }
    }

    pub fn saved(&self) -> SavedPlace {
        SavedPlace::at(self.key().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::store::MemoryStore;

    fn five() -> Walkthrough {
        Walkthrough::new(["a", "b", "c", "d", "e"])
    }

    #[test]
    fn starts_at_step_one_and_walks_forward_to_the_end() {
        let mut w = five();
        assert_eq!((w.number(), w.key(), w.len()), (1, "a", 5));
        assert!(w.is_first() && !w.is_last());
        for expected in ["b", "c", "d", "e"] {
            assert!(w.forward());
            assert_eq!(w.key(), expected);
        }
        assert!(w.is_last());
        assert!(!w.forward(), "next at the last step must not move");
        assert_eq!(w.number(), 5);
    }

    #[test]
    fn back_stops_at_the_first_step() {
        let mut w = five();
        assert!(!w.back());
        w.forward();
        w.forward();
        assert!(w.back());
        assert_eq!(w.key(), "b");
    }

    #[test]
    fn jumps_by_key_and_ignores_unknown_keys() {
        let mut w = five();
        assert!(w.go_to("d"));
        assert_eq!(w.index(), 3);
        assert!(!w.go_to("zzz"));
        assert_eq!(w.key(), "d");
    }

    #[test]
    fn resumes_a_saved_place_or_starts_over_when_it_is_gone() {
        let saved = SavedPlace::at("c");
        assert_eq!(five().resume(Some(&saved)).key(), "c");
        let gone = SavedPlace::at("removed");
        assert_eq!(five().resume(Some(&gone)).key(), "a");
        assert_eq!(five().resume(None).key(), "a");
        let mut w = five();
        w.go_to("e");
        assert_eq!(w.saved(), SavedPlace::at("e"));
    }

    #[test]
    fn the_place_is_saved_in_its_envelope_and_read_back() {
        let (store, keys) = (MemoryStore::new(), Keys::new("clinic-a"));
        assert_eq!(read_place(&store, &keys), None);
        let place = SavedPlace::at("symptoms");
        assert_eq!(save_place(&store, &keys, &place), Ok(None));
        assert_eq!(
            store.get(&keys.walkthrough()).unwrap().as_deref(),
            Some(r#"{"schema":1,"data":{"step":"symptoms"}}"#)
        );
        assert_eq!(read_place(&store, &keys), Some(place));
        assert_eq!(read_place(&store, &Keys::new("clinic-b")), None);
    }

    #[test]
    fn reading_changes_nothing_and_saving_keeps_a_corrupt_place_aside() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        store.set(&keys.walkthrough(), "{broken").unwrap();
        assert_eq!(read_place(&store, &keys), None);
        assert_eq!(store.keys().unwrap(), vec![keys.walkthrough()]);
        let kept_at = save_place(&store, &keys, &SavedPlace::at("b"))
            .unwrap()
            .expect("set aside first");
        assert_eq!(store.get(&kept_at).unwrap().as_deref(), Some("{broken"));
        assert_eq!(read_place(&store, &keys), Some(SavedPlace::at("b")));
    }

    #[test]
    fn a_newer_versions_place_is_not_written_over_and_a_full_store_says_so() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let newer = r#"{"schema":2,"data":{"chapter":3}}"#;
        store.set(&keys.walkthrough(), newer).unwrap();
        assert_eq!(read_place(&store, &keys), None);
        let place = SavedPlace::at("a");
        assert_eq!(
            save_place(&store, &keys, &place),
            Err(StoreError::NewerVersion)
        );
        assert_eq!(
            store.get(&keys.walkthrough()).unwrap().as_deref(),
            Some(newer)
        );
        let full = MemoryStore::with_quota(10);
        assert_eq!(
            save_place(&full, &keys, &place),
            Err(StoreError::QuotaExceeded)
        );
    }

    #[test]
    fn the_guide_opens_alone_only_over_nothing_but_a_readable_place() {
        let keys = Keys::new("clinic-a");
        let store = MemoryStore::new();
        assert!(guide_alone(&store, &keys), "nothing stored");
        save_place(&store, &keys, &SavedPlace::at("c")).unwrap();
        assert!(guide_alone(&store, &keys), "a readable place");
        // Another widget's data on the same site is not this one's concern.
        store.set("calcinosis-guide.clinic-b.diary", "{}").unwrap();
        store.set("someone-else", "x").unwrap();
        assert!(
            guide_alone(&store, &keys),
            "other namespaces and other keys"
        );

        for (key, value, what) in [
            (
                keys.diary(),
                r#"{"schema":1,"data":{}}"#.to_string(),
                "a diary",
            ),
            (keys.prefs(), "{}".to_string(), "the patient's settings"),
            (keys.drafts(), "{}".to_string(), "unsaved work"),
            (
                format!("{}.unreadable-1", keys.walkthrough()),
                "x".to_string(),
                "a kept copy",
            ),
            (
                keys.walkthrough(),
                "not json".to_string(),
                "an unreadable place",
            ),
            (
                keys.walkthrough(),
                r#"{"schema":99,"data":{"step":"c"}}"#.to_string(),
                "a newer version's place",
            ),
        ] {
            let store = MemoryStore::new();
            save_place(&store, &keys, &SavedPlace::at("c")).unwrap();
            store.set(&key, &value).unwrap();
            assert!(!guide_alone(&store, &keys), "{what} needs the whole widget");
        }
        // Nothing can be kept: the guide alone is as good as the whole widget.
        assert!(guide_alone(&MemoryStore::blocked(), &keys));
    }
}
