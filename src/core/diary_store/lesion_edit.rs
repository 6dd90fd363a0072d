//! Renaming a lesion, or marking it healed or followed again, outside a check-in. The change is
//! made to the stored copy as it is now (re-read first), so what another tab changed meanwhile
//! (another field of the same lesion, or any other record) is kept.

use std::rc::Rc;

use super::StoredDiary;
use crate::core::diary::Diary;
use crate::core::limits::{self, LESION_NAME_MAX};
use crate::core::store::StoreError;
use crate::core::time::Instant;

/// A change the patient makes to one lesion from the list of lumps and sores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LesionEdit {
    /// The patient's own name for it; empty means "use the body site's words".
    Rename(String),
    /// Healed (or no longer followed): left out of new check-ins, kept in the history.
    Healed(bool),
}

/// Why a lesion change was not saved. Nothing stored changed.
#[derive(Clone, Debug, PartialEq)]
pub enum LesionEditError {
    Store(StoreError),
    /// The name is longer than `LESION_NAME_MAX` (in UTF-16 units, as the field counts).
    NameTooLong,
    /// The lesion is not in the diary (deleted, here or in another tab).
    Gone,
}

impl From<StoreError> for LesionEditError {
    fn from(e: StoreError) -> LesionEditError {
        LesionEditError::Store(e)
    }
}

fn check_name(edit: &LesionEdit) -> Result<(), LesionEditError> {
    match edit {
        LesionEdit::Rename(name) if limits::length(name.trim()) > LESION_NAME_MAX => {
            Err(LesionEditError::NameTooLong)
        }
        _ => Ok(()),
    }
}

/// Applies `edit` to lesion `id` of `diary`, stamped later than the copy it replaces. Used as
/// is only when nothing can be stored (the diary then lives for this visit only).
pub fn apply_lesion_edit(
    diary: &mut Diary,
    id: &str,
    edit: &LesionEdit,
    now: Instant,
) -> Result<(), LesionEditError> {
    check_name(edit)?;
    let Some(mut lesion) = diary.lesion(id).filter(|l| !l.deleted).cloned() else {
        return Err(LesionEditError::Gone);
    };
    match edit {
        LesionEdit::Rename(name) => lesion.name = name.trim().to_string(),
        LesionEdit::Healed(healed) => {
            lesion.healed = *healed;
            if *healed {
                lesion.healed_at = Some(now);
            }
        }
    }
    lesion.updated = now;
    diary.upsert_lesion(lesion);
    Ok(())
}

impl StoredDiary<'_> {
    /// Applies `edit` to lesion `id` in the stored diary as it is now and writes it, stamped
    /// later than the copy it replaces; returns the stored diary. The lesion keeps its id, so
    /// every check-in that observed it still points to it. `ours` (this tab's copy) is used
    /// only when the stored copy was unreadable and set aside, or does not have the lesion.
    pub fn save_lesion_edit(
        self,
        ours: &Diary,
        id: &str,
        edit: &LesionEdit,
        now: Instant,
    ) -> Result<Rc<Diary>, LesionEditError> {
        check_name(edit)?;
        let (mut stored, set_aside) = self.read_for_save()?;
        stored.clamp_future_edits(now);
        if set_aside {
            stored.merge(ours);
        }
        if stored.lesion(id).is_none() {
            if let Some(l) = ours.lesion(id) {
                stored.upsert_lesion(l.clone());
            }
        }
        apply_lesion_edit(&mut stored, id, edit, now)?;
        Ok(self.write(stored)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{CheckIn, Lesion, Observation};
    use crate::core::diary_store::LastSeen;
    use crate::core::json::Extra;
    use crate::core::sites::Site;
    use crate::core::store::{Keys, MemoryStore, Store};
    use crate::core::test_support::at;

    const NOW: &str = "2026-11-25T12:00:00Z";

    fn lesion(id: &str, name: &str) -> Lesion {
        Lesion {
            healed_at: None,
            id: id.into(),
            site: Site::all()[2],
            name: name.into(),
            updated: at("2026-11-01T10:00:00Z"),
            deleted: false,
            healed: false,
            extra: Extra::NONE,
        }
    }

    /// A stored diary with lesion "l1" observed by one check-in.
    fn stored(store: &MemoryStore, keys: &Keys) -> Rc<Diary> {
        let mut d = Diary::default();
        d.upsert_lesion(lesion("l1", "thumb"));
        d.upsert(CheckIn {
            id: "c1".into(),
            at: at("2026-11-01T10:00:00Z"),
            updated: at("2026-11-01T10:00:00Z"),
            pain: 3,
            observations: vec![Observation {
                lesion: "l1".into(),
                pain: Some(4),
                size: None,
                signs: vec![],
                extra: Extra::NONE,
            }],
            ..CheckIn::default()
        });
        let seen = LastSeen::default();
        StoredDiary {
            store,
            keys,
            seen: &seen,
        }
        .save(&d, at(NOW))
        .unwrap()
    }

    fn edit(
        store: &MemoryStore,
        keys: &Keys,
        ours: &Diary,
        id: &str,
        e: LesionEdit,
        now: &str,
    ) -> Result<Rc<Diary>, LesionEditError> {
        let seen = LastSeen::default();
        StoredDiary {
            store,
            keys,
            seen: &seen,
        }
        .save_lesion_edit(ours, id, &e, at(now))
    }

    fn reopen(store: &MemoryStore, keys: &Keys) -> Rc<Diary> {
        let seen = LastSeen::default();
        StoredDiary {
            store,
            keys,
            seen: &seen,
        }
        .open(at(NOW))
        .diary
    }

    #[test]
    fn a_rename_keeps_the_id_so_old_check_ins_show_the_new_name() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let ours = stored(&store, &keys);
        let rename = LesionEdit::Rename("  right thumb lump ".into());
        let saved = edit(&store, &keys, &ours, "l1", rename, NOW).unwrap();
        let again = reopen(&store, &keys);
        assert_eq!(saved, again);
        assert_eq!(again.lesions.len(), 1);
        assert_eq!(again.lesion("l1").unwrap().name, "right thumb lump");
        assert!(again.lesion("l1").unwrap().updated > ours.lesion("l1").unwrap().updated);
        let c = again.check_in("c1").unwrap();
        assert_eq!(c.observations[0].lesion, "l1");
        // An empty name is allowed: the site's words are shown instead.
        edit(
            &store,
            &keys,
            &again,
            "l1",
            LesionEdit::Rename("".into()),
            NOW,
        )
        .unwrap();
        assert_eq!(reopen(&store, &keys).lesion("l1").unwrap().name, "");
    }

    #[test]
    fn marking_healed_and_following_again_round_trip() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let ours = stored(&store, &keys);
        let healed = edit(&store, &keys, &ours, "l1", LesionEdit::Healed(true), NOW).unwrap();
        assert!(healed.lesion("l1").unwrap().healed);
        assert_eq!(healed.followed_lesions().count(), 0);
        assert_eq!(healed.live_lesions().count(), 1, "kept with its history");
        let again = edit(&store, &keys, &healed, "l1", LesionEdit::Healed(false), NOW).unwrap();
        assert!(!again.lesion("l1").unwrap().healed);
        assert_eq!(reopen(&store, &keys).followed_lesions().count(), 1);
        // When it was marked healed is stored, and kept when it is followed again: the
        // triage tells a sore that opened again from one that never healed.
        assert_eq!(healed.lesion("l1").unwrap().healed_at, Some(at(NOW)));
        assert_eq!(
            reopen(&store, &keys).lesion("l1").unwrap().healed_at,
            Some(at(NOW))
        );
    }

    #[test]
    fn another_tabs_change_is_not_written_over() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        // This tab read the diary, then another tab marked the lesion healed and added a
        // check-in.
        let stale = stored(&store, &keys);
        let mut other = (*stale).clone();
        let mut l = other.lesion("l1").unwrap().clone();
        l.healed = true;
        l.updated = at("2026-11-20T10:00:00Z");
        other.upsert_lesion(l);
        other.upsert(CheckIn {
            id: "c2".into(),
            at: at("2026-11-20T10:00:00Z"),
            updated: at("2026-11-20T10:00:00Z"),
            pain: 1,
            ..CheckIn::default()
        });
        let seen = LastSeen::default();
        StoredDiary {
            store: &store,
            keys: &keys,
            seen: &seen,
        }
        .save(&other, at(NOW))
        .unwrap();
        // This tab renames from its stale copy: the name changes, the healed mark and the other
        // tab's check-in stay.
        let rename = LesionEdit::Rename("finger".into());
        let saved = edit(&store, &keys, &stale, "l1", rename, NOW).unwrap();
        let l = saved.lesion("l1").unwrap();
        assert_eq!((l.name.as_str(), l.healed), ("finger", true));
        assert!(saved.check_in("c2").is_some());
        assert_eq!(reopen(&store, &keys), saved);
    }

    #[test]
    fn a_failed_write_or_a_bad_name_changes_nothing_and_says_why() {
        let keys = Keys::default();
        let roomy = MemoryStore::new();
        let ours = stored(&roomy, &keys);
        let text = roomy.get(&keys.diary()).unwrap().unwrap();
        // Room for the diary as it is, not for a longer name.
        let tight = MemoryStore::with_quota(keys.diary().len() + text.len() + 2);
        tight.set(&keys.diary(), &text).unwrap();
        let long = LesionEdit::Rename("x".repeat(40));
        let err = edit(&tight, &keys, &ours, "l1", long, NOW).unwrap_err();
        assert_eq!(err, LesionEditError::Store(StoreError::QuotaExceeded));
        assert_eq!(tight.get(&keys.diary()).unwrap().unwrap(), text);

        let too_long = LesionEdit::Rename("é".repeat(LESION_NAME_MAX + 1));
        assert_eq!(
            edit(&roomy, &keys, &ours, "l1", too_long, NOW).unwrap_err(),
            LesionEditError::NameTooLong
        );
        let just_fits = LesionEdit::Rename("é".repeat(LESION_NAME_MAX));
        assert!(edit(&roomy, &keys, &ours, "l1", just_fits, NOW).is_ok());
        assert_eq!(
            edit(&roomy, &keys, &ours, "nope", LesionEdit::Healed(true), NOW).unwrap_err(),
            LesionEditError::Gone
        );
    }
}
