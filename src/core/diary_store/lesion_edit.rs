//! Renaming a lesion, or marking it healed or followed again, outside a check-in. The change is
//! made to the stored copy as it is now (re-read first), so what another tab changed meanwhile
//! (another field of the same lesion, or any other record) is kept. A new name is refused when
//! another tab renamed the lesion after this one's field opened, so neither name is lost without
//! the patient choosing.

use std::rc::Rc;

use super::StoredDiary;
use crate::core::diary::{Diary, Lesion};
use crate::core::limits::{self, LESION_NAME_MAX};
use crate::core::store::StoreError;
use crate::core::time::Instant;

/// A change the patient makes to one lesion from the list of lumps and sores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LesionEdit {
    /// The patient's own name for it (`to`; empty means "use the body site's words"), typed
    /// over the name the field opened with (`from`).
    Rename { to: String, from: String },
    /// Healed (or no longer followed): left out of new check-ins, kept in the history.
    Healed(bool),
    /// Taken off the list. Only a lump no check-in notes (one added by mistake, then taken out
    /// of its check-in), checked on the diary as stored now. A tombstone stays, without its
    /// name, so that the removal reaches other tabs and backups; a check-in saved later that
    /// notes it brings it back.
    Remove,
    /// Undoes `Remove`: the copy from before it, newer than the tombstone.
    PutBack(Box<Lesion>),
}

/// Why a lesion change was not saved. Nothing stored changed.
#[derive(Clone, Debug, PartialEq)]
pub enum LesionEditError {
    Store(StoreError),
    /// The name is longer than `LESION_NAME_MAX` (in UTF-16 units, as the field counts).
    NameTooLong,
    /// The lesion is not in the diary (deleted, here or in another tab).
    Gone,
    /// A check-in notes it (saved here, or in another tab since this one showed the list): it
    /// stays on the list.
    InUse,
    /// Another tab renamed it, to this, after the field opened: nothing was written. Saving
    /// again from this name (as `from`) keeps the patient's.
    RenamedElsewhere(String),
}

impl From<StoreError> for LesionEditError {
    fn from(e: StoreError) -> LesionEditError {
        LesionEditError::Store(e)
    }
}

fn check_name(edit: &LesionEdit) -> Result<(), LesionEditError> {
    match edit {
        LesionEdit::Rename { to, .. } if limits::length(to.trim()) > LESION_NAME_MAX => {
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
    if let LesionEdit::PutBack(before) = edit {
        // Back as it was, unless it is on the list again already (a check-in saved since), or
        // its removal is no longer stored (everything was deleted since: it does not come back).
        match diary.lesion(id) {
            Some(l) if !l.deleted => return Ok(()),
            None => return Err(LesionEditError::Gone),
            Some(_) => {}
        }
        let mut back = (**before).clone();
        back.deleted = false;
        back.updated = now;
        diary.upsert_lesion(back);
        return Ok(());
    }
    let Some(mut lesion) = diary.lesion(id).filter(|l| !l.deleted).cloned() else {
        return Err(LesionEditError::Gone);
    };
    match edit {
        LesionEdit::Remove => {
            if diary.entries().any(|c| c.observation(id).is_some()) {
                return Err(LesionEditError::InUse);
            }
            lesion.deleted = true;
            lesion.name.clear();
        }
        LesionEdit::PutBack(_) => {}
        LesionEdit::Rename { to, .. } => lesion.name = to.trim().to_string(),
        // Already so (another tab marked it, and this screen had not caught up): nothing
        // changes, so the day it healed stays the one first recorded.
        LesionEdit::Healed(healed) if lesion.healed == *healed => return Ok(()),
        LesionEdit::Healed(healed) => {
            lesion.healed = *healed;
            if *healed {
                // The healing before stays known: a past check-in's sore, open again after it,
                // is still a new one.
                if let Some(before) = lesion.healed_at.replace(now) {
                    lesion.healed_earlier.push(before);
                }
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
        let mut stored = self.to_change(ours, now)?;
        match stored.lesion(id) {
            // Not an Undo's: a removal no longer stored is not this tab's to put back.
            None if matches!(edit, LesionEdit::PutBack(_)) => {}
            None => {
                if let Some(l) = ours.lesion(id) {
                    stored.upsert_lesion(l.clone());
                }
            }
            Some(l) => {
                if let LesionEdit::Rename { to, from } = edit {
                    let now_named = l.name.trim();
                    if !l.deleted && now_named != from.trim() && now_named != to.trim() {
                        return Err(LesionEditError::RenamedElsewhere(l.name.clone()));
                    }
                }
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
            healed_earlier: Vec::new(),
            since: None,
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

    fn rename(to: &str, from: &str) -> LesionEdit {
        LesionEdit::Rename {
            to: to.into(),
            from: from.into(),
        }
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
        let new_name = rename("  right thumb lump ", "thumb");
        let saved = edit(&store, &keys, &ours, "l1", new_name, NOW).unwrap();
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
            rename("", "right thumb lump"),
            NOW,
        )
        .unwrap();
        assert_eq!(reopen(&store, &keys).lesion("l1").unwrap().name, "");
    }

    /// Found by review: a lump taken out of its only check-in stayed on the list, "In your
    /// check-ins", with no way to take it off. It can be removed once no check-in notes it, as
    /// stored now (another tab's check-in included), and put back.
    #[test]
    fn a_lump_no_check_in_notes_can_be_removed_and_put_back_and_one_in_use_cannot() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let ours = stored(&store, &keys);
        assert_eq!(
            edit(&store, &keys, &ours, "l1", LesionEdit::Remove, NOW),
            Err(LesionEditError::InUse)
        );
        // A second lump, in no check-in: removed, a tombstone without its name stays.
        let mut extra = (*ours).clone();
        extra.upsert_lesion(lesion("l2", "added by mistake"));
        let saved = StoredDiary {
            store: &store,
            keys: &keys,
            seen: &LastSeen::default(),
        }
        .save(&extra, at(NOW))
        .unwrap();
        let before = saved.lesion("l2").unwrap().clone();
        let removed = edit(&store, &keys, &saved, "l2", LesionEdit::Remove, NOW).unwrap();
        let tomb = reopen(&store, &keys).lesion("l2").cloned().unwrap();
        assert!(tomb.deleted && tomb.name.is_empty(), "{tomb:?}");
        assert_eq!(removed.live_lesions().count(), 1);
        // Put back: as it was, newer than the tombstone.
        let later = "2026-11-25T12:05:00Z";
        let back = LesionEdit::PutBack(Box::new(before));
        edit(&store, &keys, &removed, "l2", back, later).unwrap();
        let l2 = reopen(&store, &keys).lesion("l2").cloned().unwrap();
        assert!(!l2.deleted);
        assert_eq!(l2.name, "added by mistake");
        assert_eq!(l2.updated, at(later));
        // Another tab saved a check-in noting it meanwhile: this screen's list is behind, and
        // the removal is refused on what is stored.
        let mut theirs = (*reopen(&store, &keys)).clone();
        theirs.upsert(CheckIn {
            id: "c2".into(),
            at: at("2026-11-20T10:00:00Z"),
            updated: at("2026-11-20T10:00:00Z"),
            observations: vec![Observation {
                lesion: "l2".into(),
                pain: None,
                size: None,
                signs: vec![],
                extra: Extra::NONE,
            }],
            ..CheckIn::default()
        });
        StoredDiary {
            store: &store,
            keys: &keys,
            seen: &LastSeen::default(),
        }
        .save(&theirs, at(NOW))
        .unwrap();
        assert_eq!(
            edit(&store, &keys, &removed, "l2", LesionEdit::Remove, later),
            Err(LesionEditError::InUse)
        );
        // Removed here, then everything deleted (in another tab): its Undo brings nothing back.
        let l3 = lesion("l3", "added by mistake too");
        let mut with_l3 = (*reopen(&store, &keys)).clone();
        with_l3.upsert_lesion(Lesion {
            deleted: true,
            ..l3.clone()
        });
        // What is stored after that: another tab's new diary, without it.
        let after = MemoryStore::new();
        let mut fresh = Diary::default();
        fresh.upsert_lesion(lesion("l9", "new after Delete all"));
        StoredDiary {
            store: &after,
            keys: &keys,
            seen: &LastSeen::default(),
        }
        .save(&fresh, at(NOW))
        .unwrap();
        assert_eq!(
            edit(
                &after,
                &keys,
                &with_l3,
                "l3",
                LesionEdit::PutBack(Box::new(l3)),
                later
            ),
            Err(LesionEditError::Gone)
        );
        assert!(
            reopen(&after, &keys).lesion("l3").is_none(),
            "nothing written"
        );
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
    fn marking_healed_from_a_screen_behind_keeps_the_day_it_healed() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let ours = stored(&store, &keys);
        // Another tab marked it healed an hour ago; this screen still shows it followed.
        let first = "2026-11-25T11:00:00Z";
        edit(&store, &keys, &ours, "l1", LesionEdit::Healed(true), first).unwrap();
        let saved = edit(&store, &keys, &ours, "l1", LesionEdit::Healed(true), NOW).unwrap();
        let l = saved.lesion("l1").unwrap();
        assert_eq!((l.healed, l.healed_at), (true, Some(at(first))));
        assert_eq!(
            reopen(&store, &keys).lesion("l1").unwrap().healed_at,
            Some(at(first))
        );
        // The same for "follow again" pressed twice: one change, at its first time.
        let back = edit(&store, &keys, &ours, "l1", LesionEdit::Healed(false), NOW).unwrap();
        let updated = back.lesion("l1").unwrap().updated;
        let later = "2026-11-25T12:30:00Z";
        let again = edit(&store, &keys, &ours, "l1", LesionEdit::Healed(false), later).unwrap();
        assert_eq!(again.lesion("l1").unwrap().updated, updated);
        assert_eq!(again.lesion("l1").unwrap().healed_at, Some(at(first)));
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
        let new_name = rename("finger", "thumb");
        let saved = edit(&store, &keys, &stale, "l1", new_name, NOW).unwrap();
        let l = saved.lesion("l1").unwrap();
        assert_eq!((l.name.as_str(), l.healed), ("finger", true));
        assert!(saved.check_in("c2").is_some());
        assert_eq!(reopen(&store, &keys), saved);
    }

    #[test]
    fn a_rename_made_in_another_tab_meanwhile_is_not_written_over() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        // This tab opened the field on "thumb"; another tab then renamed the lump.
        let stale = stored(&store, &keys);
        edit(
            &store,
            &keys,
            &stale,
            "l1",
            rename("left thumb", "thumb"),
            NOW,
        )
        .unwrap();
        let theirs = store.get(&keys.diary()).unwrap().unwrap();
        let mine = rename("right thumb", "thumb");
        assert_eq!(
            edit(&store, &keys, &stale, "l1", mine, NOW).unwrap_err(),
            LesionEditError::RenamedElsewhere("left thumb".into())
        );
        assert_eq!(
            store.get(&keys.diary()).unwrap().unwrap(),
            theirs,
            "nothing written"
        );
        // Saved again, now from their name: the patient chose theirs over it.
        let again = rename("right thumb", "left thumb");
        let saved = edit(&store, &keys, &stale, "l1", again, NOW).unwrap();
        assert_eq!(saved.lesion("l1").unwrap().name, "right thumb");
        assert_eq!(reopen(&store, &keys), saved);
        // The same name typed in both tabs is no conflict; nor is a name set back to empty
        // elsewhere when this tab empties it too.
        let same = rename(" right thumb ", "thumb");
        assert!(edit(&store, &keys, &stale, "l1", same, NOW).is_ok());
        edit(&store, &keys, &stale, "l1", rename("", "right thumb"), NOW).unwrap();
        assert!(edit(&store, &keys, &stale, "l1", rename("", "thumb"), NOW).is_ok());
        // Emptied elsewhere (the body site's words shown) while this tab typed a name.
        assert_eq!(
            edit(&store, &keys, &stale, "l1", rename("mine", "thumb"), NOW).unwrap_err(),
            LesionEditError::RenamedElsewhere(String::new())
        );
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
        let long = rename(&"x".repeat(40), "thumb");
        let err = edit(&tight, &keys, &ours, "l1", long, NOW).unwrap_err();
        assert_eq!(err, LesionEditError::Store(StoreError::QuotaExceeded));
        assert_eq!(tight.get(&keys.diary()).unwrap().unwrap(), text);

        let too_long = rename(&"é".repeat(LESION_NAME_MAX + 1), "thumb");
        assert_eq!(
            edit(&roomy, &keys, &ours, "l1", too_long, NOW).unwrap_err(),
            LesionEditError::NameTooLong
        );
        let just_fits = rename(&"é".repeat(LESION_NAME_MAX), "thumb");
        assert!(edit(&roomy, &keys, &ours, "l1", just_fits, NOW).is_ok());
        assert_eq!(
            edit(&roomy, &keys, &ours, "nope", LesionEdit::Healed(true), NOW).unwrap_err(),
            LesionEditError::Gone
        );
    }
}
