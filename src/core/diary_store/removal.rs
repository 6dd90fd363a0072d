//! Deleting a check-in or removing a medicine, and undoing either, made to the stored copy as it
//! is now (re-read first). A delete takes away only the copy the patient saw; an undo puts back
//! only what is still deleted. When another tab (or another widget on the page) changed the
//! record meanwhile, edited it or kept it again, nothing is written and the stored copy comes
//! back: an old view never wins over a newer change.

use std::rc::Rc;

use super::StoredDiary;
use crate::core::diary::{as_clamped, CheckIn, Diary, Medicine};
use crate::core::store::StoreError;
use crate::core::time::Instant;

/// Why a delete or an undo was not written. Nothing stored changed.
#[derive(Clone, Debug, PartialEq)]
pub enum RemoveError<T> {
    Store(StoreError),
    /// It is in the diary as another tab left it: changed since this tab showed it (for a
    /// delete), or kept again (for an undo). The stored copy.
    Changed(Box<T>),
    /// Already deleted or gone (for a delete): nothing to do.
    Gone,
}

impl<T> From<StoreError> for RemoveError<T> {
    fn from(e: StoreError) -> RemoveError<T> {
        RemoveError::Store(e)
    }
}

impl StoredDiary<'_> {
    /// Deletes check-in `id` as the patient saw it (edited at `seen`); returns the stored diary
    /// and the copy deleted, for undo.
    pub fn delete_check_in(
        self,
        ours: &Diary,
        id: &str,
        seen: Instant,
        now: Instant,
    ) -> Result<(Rc<Diary>, CheckIn), RemoveError<CheckIn>> {
        let mut stored = self.to_change(ours, now)?;
        match stored.check_in(id) {
            Some(c) if c.updated == as_clamped(seen, now) => {}
            Some(c) => return Err(RemoveError::Changed(Box::new(c.clone()))),
            None => return Err(RemoveError::Gone),
        }
        let before = stored.delete(id, now).ok_or(RemoveError::Gone)?;
        Ok((self.write(stored)?, before))
    }

    /// Puts back `before`, the check-in this tab deleted, unless it is in the diary again, or its
    /// deletion is no longer stored (`Gone`: everything was deleted since, as by "Delete all my
    /// data" in another tab; nothing deleted everywhere comes back through an undo).
    pub fn undo_delete(
        self,
        ours: &Diary,
        before: CheckIn,
        now: Instant,
    ) -> Result<Rc<Diary>, RemoveError<CheckIn>> {
        let mut stored = self.to_change(ours, now)?;
        if let Some(c) = stored.check_in(&before.id) {
            return Err(RemoveError::Changed(Box::new(c.clone())));
        }
        if !stored.check_ins.iter().any(|c| c.id == before.id) {
            return Err(RemoveError::Gone);
        }
        stored.restore(before, now);
        Ok(self.write(stored)?)
    }

    /// Removes medicine `id` as the patient saw it (edited at `seen`); returns the stored diary
    /// and the copy removed, for undo.
    pub fn remove_medicine(
        self,
        ours: &Diary,
        id: &str,
        seen: Instant,
        now: Instant,
    ) -> Result<(Rc<Diary>, Medicine), RemoveError<Medicine>> {
        let mut stored = self.to_change(ours, now)?;
        match stored.medicine(id) {
            Some(m) if m.updated == as_clamped(seen, now) => {}
            Some(m) => return Err(RemoveError::Changed(Box::new(m.clone()))),
            None => return Err(RemoveError::Gone),
        }
        let before = stored.delete_medicine(id, now).ok_or(RemoveError::Gone)?;
        Ok((self.write(stored)?, before))
    }

    /// Puts back `before`, the medicine this tab removed, unless it is on the list again.
    pub fn undo_remove_medicine(
        self,
        ours: &Diary,
        before: Medicine,
        now: Instant,
    ) -> Result<Rc<Diary>, RemoveError<Medicine>> {
        let mut stored = self.to_change(ours, now)?;
        if let Some(m) = stored.medicine(&before.id) {
            return Err(RemoveError::Changed(Box::new(m.clone())));
        }
        // Its removal no longer stored: everything was deleted since (see `undo_delete`).
        if !stored.medicines.iter().any(|m| m.id == before.id) {
            return Err(RemoveError::Gone);
        }
        stored.restore_medicine(before, now);
        Ok(self.write(stored)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::check_medicine;
    use crate::core::diary_store::{Expect, LastSeen};
    use crate::core::store::{Keys, MemoryStore, Store};
    use crate::core::test_support::at;

    const NOW: &str = "2026-11-25T12:00:00Z";

    /// One tab: its own memory of what it last saw, over the shared store.
    struct Tab<'a> {
        store: &'a MemoryStore,
        keys: &'a Keys,
        seen: LastSeen,
    }

    impl<'a> Tab<'a> {
        fn new(store: &'a MemoryStore, keys: &'a Keys) -> Tab<'a> {
            Tab {
                store,
                keys,
                seen: LastSeen::default(),
            }
        }

        fn stored(&self) -> StoredDiary<'_> {
            StoredDiary {
                store: self.store,
                keys: self.keys,
                seen: &self.seen,
            }
        }

        fn open(&self) -> Rc<Diary> {
            self.stored().open(at(NOW)).diary
        }
    }

    fn check_in(note: &str) -> CheckIn {
        CheckIn {
            id: "c1".into(),
            at: at("2026-11-20T10:00:00Z"),
            updated: at("2026-11-20T10:00:00Z"),
            pain: 3,
            notes: note.into(),
            ..CheckIn::default()
        }
    }

    fn medicine(how: &str) -> Medicine {
        Medicine::new(
            "m1".into(),
            check_medicine("Diltiazem", how).unwrap(),
            at("2026-11-20T10:00:00Z"),
        )
    }

    fn seeded(store: &MemoryStore, keys: &Keys) {
        let mut d = Diary::default();
        d.upsert(check_in("as typed"));
        d.upsert_medicine(medicine("60 mg twice a day"));
        Tab::new(store, keys).stored().save(&d, at(NOW)).unwrap();
    }

    #[test]
    fn delete_then_undo_in_one_tab() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        seeded(&store, &keys);
        let tab = Tab::new(&store, &keys);
        let ours = tab.open();
        let seen = ours.check_in("c1").unwrap().updated;
        let (after, before) = tab
            .stored()
            .delete_check_in(&ours, "c1", seen, at(NOW))
            .unwrap();
        assert!(after.check_in("c1").is_none());
        assert_eq!(before.notes, "as typed");
        let back = tab.stored().undo_delete(&after, before, at(NOW)).unwrap();
        assert_eq!(back.check_in("c1").unwrap().notes, "as typed");
        assert_eq!(tab.open().check_in("c1").unwrap().notes, "as typed");
    }

    /// Found by a review: tab A deleted a check-in (its Undo offered); tab B then deleted
    /// everything and saved a new check-in. A's Undo put the check-in from before "Delete all"
    /// back beside B's new one. Its deletion no longer stored, the undo is refused (`Gone`), as
    /// is a medicine's; nothing is written.
    #[test]
    fn an_undo_never_brings_back_what_was_deleted_everywhere_since() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        seeded(&store, &keys);
        let (a, b) = (Tab::new(&store, &keys), Tab::new(&store, &keys));
        let ours = a.open();
        let seen = ours.check_in("c1").unwrap().updated;
        let (after, before) = a
            .stored()
            .delete_check_in(&ours, "c1", seen, at(NOW))
            .unwrap();
        let seen_m = after.medicine("m1").unwrap().updated;
        let (after, removed) = a
            .stored()
            .remove_medicine(&after, "m1", seen_m, at(NOW))
            .unwrap();
        crate::core::prefs::delete_all(&store, &keys, at(NOW)).unwrap();
        let mut fresh = Diary::default();
        fresh.upsert(CheckIn {
            id: "c2".into(),
            notes: "after Delete all".into(),
            ..check_in("")
        });
        b.stored().save(&fresh, at(NOW)).unwrap();
        let written = store.get(&keys.diary()).unwrap();
        // Heard (a's memory of it let go, as on hearing a deletion) or not, the same.
        for heard in [false, true] {
            if heard {
                a.seen.forget();
            }
            let undone = a.stored().undo_delete(&after, before.clone(), at(NOW));
            assert!(undone.is_err(), "heard {heard}: {undone:?}");
            let put_back = a
                .stored()
                .undo_remove_medicine(&after, removed.clone(), at(NOW));
            assert!(put_back.is_err(), "heard {heard}: {put_back:?}");
            assert_eq!(
                store.get(&keys.diary()).unwrap(),
                written,
                "nothing written"
            );
        }
        let now = b.open();
        assert!(now.check_in("c1").is_none() && now.medicine("m1").is_none());
        assert_eq!(now.check_in("c2").unwrap().notes, "after Delete all");
    }

    /// Tab B deleted the check-in; tab A kept its correction of it ("Keep my changes"). B's
    /// undo must not put its older copy back over A's.
    #[test]
    fn an_undo_never_puts_an_older_copy_over_one_kept_again_elsewhere() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        seeded(&store, &keys);
        let (a, b) = (Tab::new(&store, &keys), Tab::new(&store, &keys));
        let (ours_a, ours_b) = (a.open(), b.open());
        let seen = ours_b.check_in("c1").unwrap().updated;
        let (after_b, before) = b
            .stored()
            .delete_check_in(&ours_b, "c1", seen, at(NOW))
            .unwrap();
        let mut corrected = ours_a.check_in("c1").unwrap().clone();
        corrected.notes = "IMPORTANT CORRECTION".into();
        a.stored()
            .save_edit(&ours_a, corrected, vec![], Expect::Any, at(NOW))
            .unwrap();
        let refused = b.stored().undo_delete(&after_b, before, at(NOW));
        let Err(RemoveError::Changed(stored)) = refused else {
            panic!("{refused:?}")
        };
        assert_eq!(stored.notes, "IMPORTANT CORRECTION");
        assert_eq!(
            a.open().check_in("c1").unwrap().notes,
            "IMPORTANT CORRECTION"
        );
    }

    /// A delete from a view older than the stored copy (two widgets on one page get no storage
    /// event from each other) does not take away an edit it never showed.
    #[test]
    fn a_delete_never_takes_away_an_edit_it_did_not_show() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        seeded(&store, &keys);
        let (a, b) = (Tab::new(&store, &keys), Tab::new(&store, &keys));
        let (ours_a, ours_b) = (a.open(), b.open());
        let shown = ours_b.check_in("c1").unwrap().updated;
        let mut edited = ours_a.check_in("c1").unwrap().clone();
        edited.notes = "edited in A".into();
        a.stored()
            .save_edit(&ours_a, edited, vec![], Expect::Edit(shown), at(NOW))
            .unwrap();
        let refused = b.stored().delete_check_in(&ours_b, "c1", shown, at(NOW));
        let Err(RemoveError::Changed(stored)) = refused else {
            panic!("{refused:?}")
        };
        assert_eq!(stored.notes, "edited in A");
        assert_eq!(a.open().check_in("c1").unwrap().notes, "edited in A");
        // Deleted already (in A): nothing to do.
        let ours_a = a.open();
        let now_seen = ours_a.check_in("c1").unwrap().updated;
        a.stored()
            .delete_check_in(&ours_a, "c1", now_seen, at(NOW))
            .unwrap();
        assert_eq!(
            b.stored().delete_check_in(&ours_b, "c1", now_seen, at(NOW)),
            Err(RemoveError::Gone)
        );
    }

    /// Tab B removed the medicine; tab A saved a new dose, which put it back. B's undo must not
    /// put the old dose back.
    #[test]
    fn an_undo_never_puts_an_old_dose_over_a_change_saved_elsewhere() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        seeded(&store, &keys);
        let (a, b) = (Tab::new(&store, &keys), Tab::new(&store, &keys));
        let (ours_a, ours_b) = (a.open(), b.open());
        let seen = ours_b.medicine("m1").unwrap().updated;
        let (after_b, before) = b
            .stored()
            .remove_medicine(&ours_b, "m1", seen, at(NOW))
            .unwrap();
        assert!(after_b.medicine("m1").is_none());
        a.stored()
            .save_medicine(&ours_a, medicine("120 mg once a day"), None, at(NOW))
            .unwrap();
        let refused = b.stored().undo_remove_medicine(&after_b, before, at(NOW));
        let Err(RemoveError::Changed(stored)) = refused else {
            panic!("{refused:?}")
        };
        assert_eq!(stored.how, "120 mg once a day");
        assert_eq!(a.open().medicine("m1").unwrap().how, "120 mg once a day");
        // Removing from a view that did not show the new dose is refused too.
        let refused = b.stored().remove_medicine(&ours_b, "m1", seen, at(NOW));
        assert!(
            matches!(refused, Err(RemoveError::Changed(_))),
            "{refused:?}"
        );
        // Undo in the tab that removed it, with nothing changed meanwhile, puts it back.
        let ours = a.open();
        let seen = ours.medicine("m1").unwrap().updated;
        let (after, before) = a
            .stored()
            .remove_medicine(&ours, "m1", seen, at(NOW))
            .unwrap();
        let back = a
            .stored()
            .undo_remove_medicine(&after, before, at(NOW))
            .unwrap();
        assert_eq!(back.medicine("m1").unwrap().how, "120 mg once a day");
    }
}
