//! Loading and saving the diary. Every save re-reads what is stored and merges by record id, so
//! two tabs never lose each other's check-ins; data that cannot be read is set aside, never
//! overwritten; a failed write leaves the stored copy as it was and is reported.
//!
//! A ten-year diary is most of a megabyte, so a tab remembers what it last read or wrote
//! (`LastSeen`): a save still asks the store whether it holds that exact text, and when it does
//! the text is neither copied nor parsed again; any change, by another tab or any other writer,
//! means a full read and merge.

use std::cell::RefCell;
use std::rc::Rc;

use super::diary::{as_clamped, CheckIn, Diary, Lesion, Medicine};
use super::json::Value;
use super::schema::{self, DecodeError, Loaded, Schema};
use super::store::{Keys, Mark, Store, StoreError};
use super::time::Instant;

mod lesion_edit;
mod removal;
pub use lesion_edit::{apply_lesion_edit, LesionEdit, LesionEditError};
pub use removal::RemoveError;

/// Schema 1: `{"lesions": [...], "checkins": [...], "questions": [...]}` as in `diary.rs`.
/// Schema 2 adds `"medicines": [...]`. A future change adds a migration here and a fixture in
/// `tests/fixtures/`.
pub const DIARY_SCHEMA: Schema = Schema {
    migrations: &[v1_to_v2],
};

/// A schema-1 diary is a schema-2 diary with no medicines, so nothing changes. The number goes up
/// anyway: a version that does not know about medicines would read a newer diary, drop the list
/// (unknown fields are ignored) and write the rest back. Seeing schema 2, it refuses instead.
fn v1_to_v2(data: Value) -> Result<Value, String> {
    Ok(data)
}

/// What one tab last read from, or wrote to, the stored diary: the store's mark for that text,
/// its length, and the diary it holds (shared with the tab's own copy, so it costs no memory).
/// A save that finds the store still holding that text starts from this diary instead of
/// reading and parsing the text again. Anything else (another tab's save, an older version of
/// the widget, a restore in another tab) changes the text, so the save reads it, parses it and
/// merges as always.
///
/// It also holds what this tab owes storage (`owed`): records it could not write again after
/// another tab's write crossed its own (storage full, see `StoredDiary::keep_crossed`). They are
/// the patient's, shown here and stored nowhere else: every later save writes them too
/// (`read_for_save`), files and the printout hold them (the provider's `current`), and the
/// next write that holds them lets go of them.
#[derive(Debug, Default)]
pub struct LastSeen(RefCell<Option<Seen>>, RefCell<Option<Rc<Diary>>>);

impl LastSeen {
    /// Whether this tab has seen a diary stored (read or written one) since it last let go
    /// (`forget`: everything deleted, or the patient chose what to do with a diary gone).
    pub fn saw_one(&self) -> bool {
        self.0.borrow().is_some()
    }

    fn remember(&self, mark: Mark, len: usize, diary: Rc<Diary>, how: Written) {
        *self.0.borrow_mut() = Some((mark, len, diary, how));
    }

    /// The diary this tab last wrote, if nothing was read since (see `StoredDiary::keep_crossed`:
    /// a write that crossed it lacks what this tab wrote). What it read is not its to write
    /// again: another writer may have changed it on purpose.
    pub fn written(&self) -> Option<Rc<Diary>> {
        match &*self.0.borrow() {
            Some((_, _, diary, Written::Here)) => Some(diary.clone()),
            _ => None,
        }
    }

    /// Notes that a diary written elsewhere was read, though not remembered (its edit times
    /// needed clamping, so it is not what its text holds): what this tab wrote before is no
    /// longer its to write again (found by a model test: a copy written before the clock was put
    /// back, kept as "written here" through such reads, undid another tab's later edit once the
    /// clock passed its stamp).
    fn read_elsewhere(&self) {
        if let Some(seen) = self.0.borrow_mut().as_mut() {
            seen.3 = Written::Elsewhere;
        }
    }

    /// Lets go of the diary (after everything was deleted): the next save reads in full. What
    /// was owed goes too: it was deleted with the rest.
    pub fn forget(&self) {
        *self.0.borrow_mut() = None;
        *self.1.borrow_mut() = None;
    }

    /// The records this tab could not write again (see `LastSeen`), if any.
    pub fn owed(&self) -> Option<Rc<Diary>> {
        self.1.borrow().clone()
    }

    /// `diary` with what this tab owes storage merged in (the same `Rc` when it owes nothing
    /// that `diary` lacks).
    pub fn with_owed(&self, diary: Rc<Diary>) -> Rc<Diary> {
        match self.owed() {
            Some(owed) => {
                let mut both = (*diary).clone();
                let report = both.merge(&owed);
                match report.added + report.updated {
                    0 => diary,
                    _ => Rc::new(both),
                }
            }
            None => diary,
        }
    }

    fn owe(&self, records: &Diary) {
        let owed = self.with_owed(Rc::new(records.clone()));
        *self.1.borrow_mut() = Some(owed);
    }

    /// What is owed, with edit times in the future clamped (`Diary::clamp_future_edits`).
    fn clamp_owed(&self, now: Instant) {
        if let Some(owed) = self.1.borrow_mut().as_mut() {
            let mut clamped = (**owed).clone();
            if clamped.clamp_future_edits(now) > 0 {
                *owed = Rc::new(clamped);
            }
        }
    }

    /// Lets go of what was owed once `written` holds it all.
    fn paid(&self, written: &Diary) {
        if let Some(owed) = self.owed() {
            let report = written.clone().merge(&owed);
            if report.added + report.updated == 0 {
                *self.1.borrow_mut() = None;
            }
        }
    }

    /// The diary in the text at `key`, if `store` still holds exactly the text last seen.
    fn held_in(&self, store: &dyn Store, key: &str) -> Result<Option<Rc<Diary>>, StoreError> {
        match &*self.0.borrow() {
            Some((mark, _, diary, _)) if store.holds(key, mark)? => Ok(Some(diary.clone())),
            _ => Ok(None),
        }
    }

    /// The length of the text last seen, for sizing the next one.
    fn last_len(&self) -> usize {
        self.0.borrow().as_ref().map_or(0, |(_, len, _, _)| *len)
    }
}

/// The store's mark for the text last seen, its length, its diary, and who wrote it.
type Seen = (Mark, usize, Rc<Diary>, Written);

/// Whether the text last seen was written by this tab, or read (written elsewhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Written {
    Here,
    Elsewhere,
}

/// What opening the diary found. Opening changes nothing stored: corrupt data is moved aside by
/// the explicit open step (`kept::open_step`), a newer version's diary is left where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub diary: Rc<Diary>,
    /// Set when the stored diary could not be read (the diary then starts empty).
    pub unreadable: Option<DecodeError>,
    /// Set when storage could not be read at all (blocked), or holds a newer version's diary
    /// (`NewerVersion`); the diary then starts empty.
    pub error: Option<StoreError>,
}

/// What a check-in's save expects to find stored under its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Nothing: a new check-in. Its id is chosen when its form opens, so the same form saved in
    /// two tabs is caught, not kept twice.
    New,
    /// The copy edited at this time, which an edit started from.
    Edit(Instant),
    /// Anything: the patient chose this copy over the one another tab saved.
    Any,
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

/// Why a change to a medicine on the patient's list was not saved.
#[derive(Clone, Debug, PartialEq)]
pub enum MedicineEditError {
    Store(StoreError),
    /// Another tab changed (or removed: `None`) the medicine after this change started from
    /// it. Nothing was written; the patient chooses which to keep.
    ChangedElsewhere(Option<Medicine>),
}

impl From<StoreError> for MedicineEditError {
    fn from(e: StoreError) -> MedicineEditError {
        MedicineEditError::Store(e)
    }
}

/// What a save found stored to merge into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    Stored,
    /// No diary stored: never saved, deleted, or removed by something else.
    Missing,
    /// A diary that could not be read, moved aside just now.
    SetAside,
}

/// One tab's stored diary: where it is kept, and what the tab last saw there.
#[derive(Clone, Copy)]
pub struct StoredDiary<'a> {
    pub store: &'a dyn Store,
    pub keys: &'a Keys,
    pub seen: &'a LastSeen,
}

impl StoredDiary<'_> {
    /// Edit times beyond `now` (and a few minutes) are treated as the oldest in the copy opened
    /// (not in storage), exactly as `save` treats them, so the next edit of such a record wins.
    pub fn open(self, now: Instant) -> Opened {
        let empty = |unreadable, error| Opened {
            diary: Rc::default(),
            unreadable,
            error,
        };
        // One read and one parse on start-up: a ten-year diary is large.
        let (raw, mark) = match self.store.get_marked(&self.keys.diary()) {
            Ok(Some(read)) => read,
            Ok(None) => return empty(None, None),
            Err(error) => return empty(None, Some(error)),
        };
        match self.read_text(&raw, mark, now) {
            Ok(diary) => Opened {
                diary,
                unreadable: None,
                error: None,
            },
            // A newer version's diary stays where that version will look for it; this one reads
            // nothing and refuses to save (see `save`).
            Err(DecodeError::Newer { .. }) => empty(None, Some(StoreError::NewerVersion)),
            Err(problem) => empty(Some(problem), None),
        }
    }

    /// Reads the stored diary without changing anything, for refreshing after another tab saved:
    /// `None` when nothing is stored, an error when it cannot be read (it is left where it is).
    pub fn peek(self, now: Instant) -> Result<Option<Rc<Diary>>, DecodeError> {
        // The text this tab last read or wrote, unchanged: its diary, without a parse.
        if let Ok(Some(held)) = self.seen.held_in(self.store, &self.keys.diary()) {
            return Ok(Some(held));
        }
        match self.store.get_marked(&self.keys.diary()) {
            Ok(Some((raw, mark))) => self.read_text(&raw, mark, now).map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(DecodeError::Unreadable(e.to_string())),
        }
    }

    /// The diary in `raw`, sorted, with future edit times clamped; remembered as last seen
    /// when clamping changed nothing (it is then exactly what the text holds). Either way it
    /// was read here, not written (`LastSeen::read_elsewhere`).
    fn read_text(self, raw: &str, mark: Mark, now: Instant) -> Result<Rc<Diary>, DecodeError> {
        let mut diary = schema::decode::<Diary>(&DIARY_SCHEMA, raw)?;
        diary.sort();
        if diary.clamp_future_edits(now) == 0 {
            let diary = Rc::new(diary);
            self.seen
                .remember(mark, raw.len(), diary.clone(), Written::Elsewhere);
            Ok(diary)
        } else {
            self.seen.read_elsewhere();
            Ok(Rc::new(diary))
        }
    }

    /// Saves `ours`: re-reads the stored diary, merges ours into it by id (the later edit of
    /// each record wins), writes the result and returns it. On error nothing stored has changed.
    ///
    /// Edit times that lie in the future (beyond `now` and a few minutes) count as the oldest
    /// (see `Diary::clamp_future_edits`), in the stored copy and in `ours` alike: a clock that
    /// ran ahead must not make a record win forever, nor one a tab wrote before the clock was
    /// put back win over an edit another tab made since (found by a model test: the two tabs
    /// then wrote their copies over each other, and the older won).
    pub fn save(self, ours: &Diary, now: Instant) -> Result<Rc<Diary>, StoreError> {
        let (mut merged, _) = self.read_for_save(now)?;
        merged.clamp_future_edits(now);
        merged.merge(&clamped(ours, now));
        self.write(merged)
    }

    /// The stored diary to change, as it is now. When there is none to change (missing, or
    /// unreadable and set aside just now), `ours`, this tab's diary, is merged in full first: it
    /// is then all there is, and a change written over nothing would lose the rest of it. (A
    /// diary gone that this tab saw stored is `StoreError::Gone` before this: the patient
    /// chooses first.)
    fn to_change(self, ours: &Diary, now: Instant) -> Result<Diary, StoreError> {
        let (mut stored, found) = self.read_for_save(now)?;
        stored.clamp_future_edits(now);
        if found != Found::Stored {
            stored.merge(ours);
        }
        Ok(stored)
    }

    /// Saves one check-in (new or edited) and the lesions it creates or renames, into the
    /// stored diary as it is now. If what is stored under its id is not what the save expects
    /// (`Expect`: nothing for a new one, the copy an edit started from), nothing is written and
    /// the stored copy comes back (`None`: deleted). Else the check-in and lesions are stamped
    /// later than the stored copies they replace, so they win.
    ///
    /// Only what changed is merged into the stored copy; `ours` (this tab's diary) is merged
    /// in full only when there is no stored copy to change (`to_change`), so nothing this tab
    /// holds is lost.
    pub fn save_edit(
        self,
        ours: &Diary,
        check_in: CheckIn,
        lesions: Vec<Lesion>,
        expect: Expect,
        now: Instant,
    ) -> Result<Rc<Diary>, EditError> {
        self.save_edit_known(ours, check_in, lesions, expect, now)
            .map(|(saved, _)| saved)
    }

    /// `save_edit`, with what the saved diary knows (`triage::Known`), worked out once for the
    /// advice kept with the check-in: the result and the history after the save use it too.
    pub fn save_edit_known(
        self,
        ours: &Diary,
        check_in: CheckIn,
        lesions: Vec<Lesion>,
        expect: Expect,
        now: Instant,
    ) -> Result<(Rc<Diary>, Rc<crate::core::triage::Known>), EditError> {
        let mut stored = self.to_change(ours, now)?;
        let found = stored.check_ins.iter().find(|c| c.id == check_in.id);
        match (expect, found) {
            (Expect::Any, _) | (Expect::New, None) => {}
            (Expect::Edit(base), Some(t)) if !t.deleted && t.updated == as_clamped(base, now) => {}
            (_, Some(t)) if !t.deleted => {
                return Err(EditError::ChangedElsewhere(Some(Box::new((**t).clone()))))
            }
            _ => return Err(EditError::ChangedElsewhere(None)),
        }
        for l in lesions {
            stored.upsert_lesion(l);
        }
        let id = check_in.id.clone();
        stored.upsert(check_in);
        // The advice it gives in the diary as stored, kept with it: what the patient is shown
        // now, and what its history entry and the printout say later. Worked out on the diary
        // as it is written (to the second).
        stored.to_stored_precision();
        let known = Rc::new(crate::core::triage::Known::of(&stored));
        crate::core::triage::note_given_with(&mut stored, &id, &known);
        Ok((self.write(stored)?, known))
    }

    /// Adds a medicine (`base` `None`) or saves a change to one, into the stored diary as it is
    /// now. A change started from the stored copy edited at `base`: if another tab changed or
    /// removed it since, nothing is written and the stored copy comes back (as for check-ins,
    /// see `save_edit`), so a dose changed in one tab is never silently put back by another.
    /// With no base (a change typed while the medicine was removed elsewhere puts it back), a
    /// copy that is listed again is never written over either: it came back in another tab, as
    /// that tab left it, and the patient sees it first.
    pub fn save_medicine(
        self,
        ours: &Diary,
        medicine: Medicine,
        base: Option<Instant>,
        now: Instant,
    ) -> Result<Rc<Diary>, MedicineEditError> {
        let mut stored = self.to_change(ours, now)?;
        let theirs = stored.medicines.iter().find(|m| m.id == medicine.id);
        match (base, theirs) {
            (Some(base), Some(m)) if !m.deleted && m.updated == as_clamped(base, now) => {}
            (_, Some(m)) if !m.deleted => {
                return Err(MedicineEditError::ChangedElsewhere(Some(m.clone())))
            }
            (Some(_), _) => return Err(MedicineEditError::ChangedElsewhere(None)),
            // A new medicine, or a change typed to one that was removed (saving puts it back):
            // nothing stored to write over.
            (None, _) => {}
        }
        stored.upsert_medicine(medicine);
        Ok(self.write(stored)?)
    }

    /// What another tab wrote (`fresh`, read just now, as `peek` gives it) beside what this tab
    /// holds (`ours`). Each tab reads its own copy of storage, which the browser brings up to
    /// date a moment after another tab writes: two tabs writing at once can each read before
    /// the other's write reached it, and the write that lands last then holds the other's records
    /// without this tab's (found by an audit: two restores at once each said "restored", and one
    /// file's records were gone; so was a question added in each tab at once). What this tab holds
    /// that `fresh` lacks, or holds an older edit of, is merged in and written again (`Some`: the
    /// diary written); `None` when `fresh` holds it all, as it does after any write that did not
    /// cross. A later edit or a deletion in `fresh` stands, as in every merge.
    ///
    /// `ours` is taken with its edit times as `fresh` has them (`clamped`): a copy this tab wrote
    /// before the clock was put back is not newer than an edit or a deletion made since.
    pub fn keep_crossed(
        self,
        ours: &Diary,
        fresh: &Diary,
        now: Instant,
    ) -> Result<Option<Rc<Diary>>, StoreError> {
        let ours = clamped(ours, now);
        let report = fresh.clone().merge(&ours);
        if report.added + report.updated == 0 {
            return Ok(None);
        }
        self.save(&ours, now)
            .map(Some)
            .inspect_err(|_| self.seen.owe(&ours))
    }

    /// The stored diary, read to merge into before a write: a newer version's diary is refused,
    /// an unreadable one moved aside (the next open says so). The stored text is read and parsed
    /// only when it is not the text this tab last saw.
    fn read_for_save(self, now: Instant) -> Result<(Diary, Found), StoreError> {
        // What this tab owes storage goes in with every write (see `LastSeen`), with its edit
        // times as a read would give them (found by review: owed before the clock was put back,
        // it undid another tab's later edit, and was never let go of).
        let (mut diary, found) = self.read_stored_for_save()?;
        self.seen.clamp_owed(now);
        if let Some(owed) = self.seen.owed() {
            diary.merge(&owed);
        }
        Ok((diary, found))
    }

    fn read_stored_for_save(self) -> Result<(Diary, Found), StoreError> {
        let key = self.keys.diary();
        if let Some(diary) = self.seen.held_in(self.store, &key)? {
            return Ok(((*diary).clone(), Found::Stored));
        }
        let Some(raw) = self.store.get(&key)? else {
            // Gone since this tab last saw it stored, with no deletion heard (a deletion heard
            // forgets what was seen): nothing is written until the patient says what it was
            // (`StoreError::Gone`). A write over nothing would lose this tab's diary; this tab's
            // diary written back would undo a "Delete all my data" not heard yet.
            if self.seen.saw_one() {
                return Err(StoreError::Gone);
            }
            return Ok((Diary::default(), Found::Missing));
        };
        // One parse: a ten-year diary is large.
        match schema::decode::<Diary>(&DIARY_SCHEMA, &raw) {
            Ok(stored) => Ok((stored, Found::Stored)),
            // A newer version's diary (another tab, after an update) must not be set aside or
            // overwritten.
            Err(DecodeError::Newer { .. }) => Err(StoreError::NewerVersion),
            // Unreadable: `load` moves it aside (the next open says so), then ours is written.
            Err(DecodeError::Unreadable(_)) => {
                drop(raw);
                match schema::load::<Diary>(self.store, &DIARY_SCHEMA, &key)? {
                    Loaded::Found(stored) => Ok((stored, Found::Stored)),
                    Loaded::Newer { .. } => Err(StoreError::NewerVersion),
                    Loaded::Missing => Ok((Diary::default(), Found::Missing)),
                    Loaded::SetAside { .. } => Ok((Diary::default(), Found::SetAside)),
                }
            }
        }
    }

    /// Writes `diary` with its times as stored, and remembers the text written. On error
    /// nothing stored has changed, and what was last seen stays as it was (a later save checks
    /// the stored text against it as always).
    fn write(self, mut diary: Diary) -> Result<Rc<Diary>, StoreError> {
        diary.to_stored_precision();
        // A little more room than the last text: one more check-in fits without a copy.
        let last = self.seen.last_len();
        let room = last + last / 64 + 1024;
        let text = schema::encode_sized(&DIARY_SCHEMA, &diary, room).map_err(StoreError::Other)?;
        let key = self.keys.diary();
        let mark = match self.store.set_marked(&key, &text) {
            // The settings' mark of what the last backup held (8 characters a record) makes way
            // for the diary: without it a restore offers back by the backup's time, as before.
            Err(StoreError::QuotaExceeded)
                if super::prefs::drop_backup_held(self.store, self.keys) =>
            {
                self.store.set_marked(&key, &text)?
            }
            written => written?,
        };
        let len = text.len();
        drop(text);
        let diary = Rc::new(diary);
        self.seen.remember(mark, len, diary.clone(), Written::Here);
        self.seen.paid(&diary);
        Ok(diary)
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
    super::order::sort_by(&mut found, String::cmp);
    found
}

/// `diary` with edit times in the future (beyond `now` and a few minutes) as
/// `Diary::clamp_future_edits` leaves them: as a read of it from storage would give it.
fn clamped(diary: &Diary, now: Instant) -> Diary {
    let mut diary = diary.clone();
    diary.clamp_future_edits(now);
    diary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::CheckIn;
    use crate::core::json::Extra;
    use crate::core::store::MemoryStore;
    use crate::core::time::Instant;

    /// Later than every time in these tests.
    const NOW: Instant = Instant(1_800_000_000_000);

    // Each call below is a tab that remembers nothing (a fresh `LastSeen`): every save reads and
    // merges in full. The `remembered` tests use one `LastSeen` across calls.
    fn tab<'a>(store: &'a dyn Store, keys: &'a Keys, seen: &'a LastSeen) -> StoredDiary<'a> {
        StoredDiary { store, keys, seen }
    }

    fn stored_text(store: &dyn Store, keys: &Keys) -> String {
        store.get(&keys.diary()).unwrap().unwrap()
    }

    fn decoded(store: &dyn Store, keys: &Keys) -> Diary {
        let mut d: Diary = schema::decode(&DIARY_SCHEMA, &stored_text(store, keys)).unwrap();
        d.sort();
        d
    }

    fn open(store: &MemoryStore, keys: &Keys, now: Instant) -> Opened {
        tab(store, keys, &LastSeen::default()).open(now)
    }

    fn save(
        store: &MemoryStore,
        keys: &Keys,
        ours: &Diary,
        now: Instant,
    ) -> Result<Diary, StoreError> {
        tab(store, keys, &LastSeen::default())
            .save(ours, now)
            .map(Rc::unwrap_or_clone)
    }

    fn peek(store: &MemoryStore, keys: &Keys, now: Instant) -> Result<Option<Diary>, DecodeError> {
        tab(store, keys, &LastSeen::default())
            .peek(now)
            .map(|d| d.map(Rc::unwrap_or_clone))
    }

    fn save_edit(
        store: &MemoryStore,
        keys: &Keys,
        ours: &Diary,
        check_in: CheckIn,
        lesions: Vec<Lesion>,
        expect: Expect,
        now: Instant,
    ) -> Result<Diary, EditError> {
        tab(store, keys, &LastSeen::default())
            .save_edit(ours, check_in, lesions, expect, now)
            .map(Rc::unwrap_or_clone)
    }

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
        assert_eq!(*opened.diary, d);
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

    /// What a check-in's result said when it was saved is what its history entry and the
    /// printout say later ("Result at the time"): deleting the check-in before it, which made
    /// its "more pain than last time", does not turn a same-day call into "next visit". A copy
    /// edited since (by a version that kept the advice unread) is assessed anew.
    #[test]
    fn the_advice_given_at_a_save_stays_that_check_ins_result() {
        use crate::core::diary::Observation;
        use crate::core::history::has_warning_signs;
        use crate::core::summary::{summarise, Period};
        use crate::core::test_support::at;
        use crate::core::triage::{as_given, assess_in, Known, Level, Reason};
        let store = MemoryStore::new();
        let keys = Keys::default();
        let red = |id: &str, at: &str, pain: u8| CheckIn {
            observations: vec![Observation {
                lesion: "l1".into(),
                pain: Some(pain),
                size: None,
                signs: vec![crate::core::diary::Sign::RednessWarmth],
                extra: Extra::NONE,
            }],
            ..entry(id, at)
        };
        let mut d = Diary::default();
        for (c, now) in [
            (
                red("before", "2026-11-10T09:00:00Z", 3),
                "2026-11-10T09:00:00Z",
            ),
            (
                red("after", "2026-11-20T09:00:00Z", 6),
                "2026-11-20T09:00:00Z",
            ),
        ] {
            // Saved a moment past the second, as in a browser: storage keeps whole seconds.
            let now = Instant(at(now).0 + 123);
            let c = CheckIn { updated: now, ..c };
            d = save_edit(&store, &keys, &d, c, vec![], Expect::New, now).unwrap();
        }
        let after = d.check_in("after").unwrap().clone();
        let told = assess_in(&d, &after);
        assert_eq!(told.level, Level::CallToday);
        assert!(told.reasons.contains(&Reason::RednessPainWorse));
        // Kept in storage with it.
        let text = store.get(&keys.diary()).unwrap().unwrap();
        assert!(
            text.contains(r#""given":{"level":"call-today","why":["redness-pain-worse""#),
            "{text}"
        );

        // The check-in before it deleted: the rules alone would now say "next visit". The diary
        // as this tab holds it after the save, and as read again from storage.
        for held in [d.clone(), (*open(&store, &keys, NOW).diary).clone()] {
            let mut gone = held;
            gone.delete("before", at("2026-11-21T09:00:00Z"));
            let after = gone.check_in("after").unwrap();
            let known = Known::of(&gone);
            assert_eq!(assess_in(&gone, after).level, Level::NextVisit);
            assert_eq!(as_given(after, None, &known), told);
            assert!(has_warning_signs(after, None, &known));
            let s = summarise(&gone, Period::Days(90), NOW, &0);
            assert_eq!(s.red_flags.len(), 1, "the printout keeps the same-day call");
            assert_eq!(s.latest.map(|(_, l)| l), Some(Level::CallToday));

            // Edited since by a version that kept the advice unread: worked out anew.
            let mut edited = after.clone();
            edited.updated = at("2026-11-22T09:00:00Z");
            assert_eq!(as_given(&edited, None, &known).level, Level::NextVisit);

            // Deleted and put back with Undo (a new edit stamp, the same words): still its own.
            let mut undone = gone.clone();
            let copy = undone.delete("after", at("2026-11-23T09:00:00Z")).unwrap();
            undone.restore(copy, at("2026-11-23T09:01:00Z"));
            let back = undone.check_in("after").unwrap();
            assert!(back.updated > after.updated);
            assert_eq!(
                as_given(back, None, &Known::of(&undone)),
                told,
                "after an Undo"
            );
            // Brought back or put back after a restore (`Versioned::revive`): the same.
            let mut revived = after.clone();
            revived.deleted = true;
            crate::core::diary::Versioned::revive(&mut revived, at("2026-11-23T09:02:00Z"));
            assert_eq!(as_given(&revived, None, &known), told, "after a revive");
            // Saved while the clock ran a day ahead: its stamp clamped once the clock is right.
            let mut ahead = gone.clone();
            let c = Rc::make_mut(
                ahead
                    .check_ins
                    .iter_mut()
                    .find(|c| c.id == "after")
                    .unwrap(),
            );
            c.restamp(at("2026-11-30T09:00:00Z"));
            assert_eq!(ahead.clamp_future_edits(at("2026-11-29T09:00:00Z")), 1);
            let clamped = ahead.check_in("after").unwrap();
            assert!(clamped.updated < at("2026-11-30T09:00:00Z"));
            assert_eq!(
                as_given(clamped, None, &Known::of(&ahead)),
                told,
                "after a clamp"
            );
        }
    }

    #[test]
    fn a_save_is_routed_on_the_diary_it_wrote_with_the_other_tabs_lumps() {
        use crate::core::diary::Observation;
        use crate::core::triage::{assess_in, Level, Reason};
        let store = MemoryStore::new();
        let keys = Keys::default();
        // Tab 1 records a lump on a forearm; tab 2, open on the empty diary, has not seen it.
        let mut tab1 = with(&[("lump", "2026-11-01T10:00:00Z")]);
        tab1.lesions.push(Lesion {
            healed_at: None,
            healed_earlier: Vec::new(),
            since: None,
            id: "l1".into(),
            site: crate::core::sites::Site::parse("right-forearm").unwrap(),
            name: String::new(),
            updated: tab1.check_ins[0].at,
            deleted: false,
            healed: false,
            extra: Extra::NONE,
        });
        std::rc::Rc::make_mut(&mut tab1.check_ins[0])
            .observations
            .push(Observation {
                lesion: "l1".into(),
                pain: Some(3),
                size: None,
                signs: vec![],
                extra: Extra::NONE,
            });
        save(&store, &keys, &tab1, NOW).unwrap();
        let tab2 = Diary::default();
        // Tab 2 saves a fever alone, listing no lump.
        let fever = CheckIn {
            fever: true,
            ..entry("fever", "2026-11-02T10:00:00Z")
        };
        let on_tab2 = {
            let mut d = tab2.clone();
            d.upsert(fever.clone());
            d
        };
        assert_eq!(
            assess_in(&on_tab2, &fever).level,
            Level::NextVisit,
            "routed on tab 2's own copy, the lump is not known"
        );
        let saved = save_edit(
            &store,
            &keys,
            &tab2,
            fever.clone(),
            vec![],
            Expect::New,
            NOW,
        )
        .unwrap();
        let a = assess_in(&saved, &fever);
        assert_eq!(a.level, Level::CallToday);
        assert!(a.reasons.contains(&Reason::FeverWithLesion), "{a:?}");
    }

    #[test]
    fn one_new_check_in_saved_from_two_tabs_is_kept_once_and_the_patient_chooses() {
        let store = MemoryStore::new();
        let keys = Keys::default();
        // Both tabs show the same unsaved form (one draft, so one id chosen when it opened).
        let first = entry("c-draft", "2026-11-01T10:00:00Z");
        let second = CheckIn {
            pain: 8,
            ..first.clone()
        };
        let saved = save_edit(
            &store,
            &keys,
            &Diary::default(),
            first.clone(),
            vec![],
            Expect::New,
            NOW,
        )
        .unwrap();
        assert_eq!(ids(&saved), vec!["c-draft"]);
        // The second tab's save finds it already there: nothing written, theirs comes back.
        match save_edit(
            &store,
            &keys,
            &Diary::default(),
            second.clone(),
            vec![],
            Expect::New,
            NOW,
        ) {
            Err(EditError::ChangedElsewhere(Some(theirs))) => assert_eq!(theirs.pain, first.pain),
            other => panic!("expected the other tab's copy, got {other:?}"),
        }
        assert_eq!(decoded(&store, &keys).check_ins.len(), 1);
        // The patient keeps this one: it replaces the other, still one check-in.
        let kept = save_edit(&store, &keys, &saved, second, vec![], Expect::Any, NOW).unwrap();
        assert_eq!(ids(&kept), vec!["c-draft"]);
        assert_eq!(kept.check_ins[0].pain, 8);
        // Saved and then deleted in the other tab: said so (None), not brought back unasked.
        let mut gone = kept.clone();
        gone.delete("c-draft", NOW);
        save(&store, &keys, &gone, NOW).unwrap();
        assert_eq!(
            save_edit(&store, &keys, &gone, first, vec![], Expect::New, NOW),
            Err(EditError::ChangedElsewhere(None))
        );
    }

    /// One tab, its own last save stamped at the clock's time; then the clock is put back an
    /// hour (that stamp now lies ahead, and is clamped when read). Its next edit, delete or
    /// medicine change starts from that stamp: not another tab's change, so none is refused.
    #[test]
    fn a_clock_put_back_after_a_save_never_makes_the_tabs_own_save_look_like_another_tabs() {
        use crate::core::diary::{check_medicine, Medicine};
        let (store, keys, seen) = (MemoryStore::new(), Keys::default(), LastSeen::default());
        let a = tab(&store, &keys, &seen);
        let hour = 3_600_000;
        let (then, back) = (NOW, Instant(NOW.0 - hour));
        let mut first = entry("c1", "2026-11-01T10:00:00Z");
        first.updated = then;
        let mut diary = Diary::default();
        diary.upsert_medicine(Medicine::new(
            "m1".into(),
            check_medicine("Diltiazem", "60 mg").unwrap(),
            then,
        ));
        diary.upsert(first.clone());
        let saved = a.save(&diary, then).unwrap();
        let base = saved.check_in("c1").unwrap().updated;
        let mut second = first.clone();
        second.notes = "typed after the clock went back".into();
        second.updated = back;
        let edited = a
            .save_edit(&saved, second, vec![], Expect::Edit(base), back)
            .expect("its own last save, not another tab's");
        assert_eq!(
            edited.check_in("c1").unwrap().notes,
            "typed after the clock went back"
        );
        let med_base = saved.medicine("m1").unwrap().updated;
        let changed = Medicine::new(
            "m1".into(),
            check_medicine("Diltiazem", "90 mg").unwrap(),
            back,
        );
        a.save_medicine(&edited, changed, Some(med_base), back)
            .expect("the medicine too");
        // A delete started from a stamp that lies ahead (a view read before the clock moved).
        let mut ahead = entry("c2", "2026-11-02T10:00:00Z");
        ahead.updated = then;
        let mut with_ahead = (*edited).clone();
        with_ahead.upsert(ahead);
        a.save(&with_ahead, then).unwrap();
        assert!(a.delete_check_in(&with_ahead, "c2", then, back).is_ok());
    }

    /// Found by the audit of files (stop 55): two tabs writing at once each read storage before
    /// the other's write reached it, and the last write held only its own tab's records. The
    /// tab that hears a write lacking its own records writes them again; the other, hearing
    /// that, has nothing to add. A later edit or a deletion heard is never undone.
    #[test]
    fn a_write_that_crossed_this_tabs_own_is_made_whole_again_by_this_tab_once() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let (seen_a, seen_b) = (LastSeen::default(), LastSeen::default());
        let (a, b) = (tab(&store, &keys, &seen_a), tab(&store, &keys, &seen_b));
        let ours_a = (*a
            .save(&with(&[("c1", "2026-11-01T10:00:00Z")]), NOW)
            .unwrap())
        .clone();
        assert_eq!(
            seen_a.written().map(|d| ids(&d)),
            Some(vec!["c1".to_string()])
        );
        // B's write, made from storage as B read it before A's write reached it.
        let crossed = with(&[("c2", "2026-11-02T10:00:00Z")]);
        let text = schema::encode(&DIARY_SCHEMA, &crossed).unwrap();
        store.set(&keys.diary(), &text).unwrap();
        // A hears it: storage lacks c1, which A wrote. A writes both.
        let fresh = b.peek(NOW).unwrap().unwrap();
        assert_eq!(ids(&fresh), ["c2"]);
        let both = a
            .keep_crossed(&ours_a, &fresh, NOW)
            .unwrap()
            .expect("written again");
        assert_eq!(ids(&both), ["c2", "c1"]);
        assert_eq!(ids(&decoded(&store, &keys)), ["c2", "c1"]);
        // B hears A's write: nothing of B's is missing, nothing is written. What B read is not
        // B's to write again (the engines' suite found it: a record removed by another writer
        // came back from a tab that had only read it).
        let before = stored_text(&store, &keys);
        let fresh = b.peek(NOW).unwrap().unwrap();
        assert!(seen_b.written().is_none(), "read, not written here");
        assert_eq!(b.keep_crossed(&crossed, &fresh, NOW).unwrap(), None);
        assert_eq!(stored_text(&store, &keys), before);
        // Another tab's later edit, and its deletion, stand: A's older copies add nothing.
        let mut later = (*both).clone();
        let mut edited = later.check_in("c1").unwrap().clone();
        edited.notes = "edited later in another tab".into();
        edited.updated = Instant(edited.updated.0 + 60_000);
        later.upsert(edited);
        let mut gone = later.check_in("c2").unwrap().clone();
        gone.deleted = true;
        gone.updated = Instant(gone.updated.0 + 60_000);
        later.upsert(gone);
        let later = b.save(&later, NOW).unwrap();
        assert_eq!(a.keep_crossed(&both, &later, NOW).unwrap(), None);
        let now_stored = decoded(&store, &keys);
        assert_eq!(
            now_stored.check_in("c1").unwrap().notes,
            "edited later in another tab"
        );
        assert_eq!(ids(&now_stored), ["c1"], "c2 stays deleted");
        assert!(now_stored
            .check_ins
            .iter()
            .any(|c| c.id == "c2" && c.deleted));
    }

    /// Found by a model test of two tabs on one storage: the clock put back more than a few
    /// minutes, tab B edits a check-in tab A wrote before. A, hearing B's write, held its own
    /// copy stamped "ahead" of the clock, took it for newer, and wrote it back; B, hearing that,
    /// wrote its edit again, and so on, until the clock passed A's stamp and A's old copy won
    /// for good. A's copy counts as storage's does: B's edit stands, and nobody writes again.
    #[test]
    fn a_copy_written_before_the_clock_went_back_does_not_undo_a_later_edit_heard() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let (seen_a, seen_b) = (LastSeen::default(), LastSeen::default());
        let (a, b) = (tab(&store, &keys, &seen_a), tab(&store, &keys, &seen_b));
        let first = |id: &str| CheckIn {
            id: id.into(),
            at: NOW,
            updated: NOW,
            notes: "as first typed".into(),
            ..CheckIn::default()
        };
        let one = a
            .save_edit(&Diary::default(), first("c0"), vec![], Expect::New, NOW)
            .unwrap();
        a.save_edit(&one, first("c1"), vec![], Expect::New, NOW)
            .unwrap();
        let written_by_a = seen_a.written().expect("A wrote it");
        // The clock is put back ten minutes; B, which read A's write, edits the check-in.
        let back = Instant(NOW.0 - 10 * 60_000);
        let shown_in_b = b.peek(back).unwrap().unwrap();
        let was = shown_in_b.check_in("c1").unwrap().clone();
        let edit = CheckIn {
            notes: "edited in tab B".into(),
            updated: back,
            ..was.clone()
        };
        b.save_edit(&shown_in_b, edit, vec![], Expect::Edit(was.updated), back)
            .unwrap();
        let notes = || decoded(&store, &keys).check_in("c1").unwrap().notes.clone();
        assert_eq!(notes(), "edited in tab B");
        // A hears B's write: nothing of A's is newer; nothing is written.
        let fresh = a.peek(back).unwrap().unwrap();
        assert_eq!(a.keep_crossed(&written_by_a, &fresh, back).unwrap(), None);
        assert_eq!(notes(), "edited in tab B");
        // A read B's write (c0 in it still stamped ahead, so not remembered): what A wrote
        // before is no longer A's to write again, once the clock passes its stamp.
        let fresh = a.peek(back).unwrap().unwrap();
        assert!(seen_a.written().is_none(), "read since, not written");
        let later = Instant(NOW.0 + 60_000);
        let ours = seen_a.written().unwrap_or_default();
        assert_eq!(a.keep_crossed(&ours, &fresh, later).unwrap(), None);
        assert_eq!(notes(), "edited in tab B");
        // A save from A's old copy (a tab still showing it) does not put it back either.
        a.save(&written_by_a, back).unwrap();
        assert_eq!(notes(), "edited in tab B");
    }

    /// Found by review: records a tab owes storage (a full storage refused their write again)
    /// kept the edit times they had. Owed while the clock ran a day ahead, then the clock put
    /// right and the check-in edited in another tab, they undid that edit at this tab's next
    /// save, and were never let go of (so the browser asked before every leaving).
    #[test]
    fn what_a_tab_owes_counts_as_a_read_would_after_the_clock_is_put_right() {
        let (mut store, keys) = (MemoryStore::new(), Keys::default());
        let seen_a = LastSeen::default();
        let ahead = Instant(NOW.0 + 86_400_000);
        let first = CheckIn {
            id: "c1".into(),
            at: NOW,
            updated: NOW,
            notes: "as first typed".into(),
            ..CheckIn::default()
        };
        let mut d = Diary::default();
        d.upsert(first.clone());
        tab(&store, &keys, &seen_a).save(&d, NOW).unwrap();
        // Another tab's write, made from storage before A's edit: c1 as first typed, and c9.
        let mut crossed = decoded(&store, &keys);
        crossed.upsert(CheckIn {
            id: "c9".into(),
            ..first.clone()
        });
        // A edits c1 with the clock a day ahead; the other tab's write lands over it, and
        // storage is full when A would write its edit again: A owes it.
        d.upsert(CheckIn {
            notes: "edited in A, with more words than it had".into(),
            updated: ahead,
            ..first.clone()
        });
        let written = tab(&store, &keys, &seen_a).save(&d, ahead).unwrap();
        let text = schema::encode(&DIARY_SCHEMA, &crossed).unwrap();
        store.set(&keys.diary(), &text).unwrap();
        store.quota = Some(keys.diary().len() + text.len());
        let a = tab(&store, &keys, &seen_a);
        let fresh = a.peek(ahead).unwrap().unwrap();
        assert!(a.keep_crossed(&written, &fresh, ahead).is_err());
        assert!(seen_a.owed().is_some());
        store.quota = None;
        // The clock put right, another tab edits c1 as stored.
        let right = Instant(NOW.0 + 60_000);
        let other = LastSeen::default();
        let shown = tab(&store, &keys, &other).peek(right).unwrap().unwrap();
        let later = CheckIn {
            notes: "edited later in B".into(),
            updated: right,
            ..first.clone()
        };
        tab(&store, &keys, &other)
            .save_edit(&shown, later, vec![], Expect::Edit(first.updated), right)
            .unwrap();
        // A's next save writes what it owes as a read would give it: the later edit stands,
        // and what A owed is let go of.
        let now = Instant(right.0 + 60_000);
        let a = tab(&store, &keys, &seen_a);
        let shown = a.peek(now).unwrap().unwrap();
        let next = CheckIn {
            id: "c5".into(),
            at: now,
            updated: now,
            ..CheckIn::default()
        };
        a.save_edit(&shown, next, vec![], Expect::New, now).unwrap();
        let stored = decoded(&store, &keys);
        assert_eq!(stored.check_in("c1").unwrap().notes, "edited later in B");
        assert!(stored.check_in("c9").is_some() && stored.check_in("c5").is_some());
        assert!(seen_a.owed().is_none(), "paid");
    }

    /// Found by the second review (stop 55): with storage full, a tab that could not write its
    /// records again after a crossed write lost them at the next write it heard, and files made
    /// from storage left them out. They are owed: every later write of this tab holds them, and
    /// the first that is stored lets go of them; "Delete all my data" lets go of them too.
    #[test]
    fn records_a_full_storage_could_not_take_again_are_owed_until_a_write_holds_them() {
        let keys = Keys::default();
        let seen = LastSeen::default();
        let ours = with(&[("c1", "2026-11-01T10:00:00Z")]);
        let crossed = with(&[("c2", "2026-11-02T10:00:00Z")]);
        let text = schema::encode(&DIARY_SCHEMA, &crossed).unwrap();
        // Full: room for what is stored, not for more.
        let mut store = MemoryStore::with_quota(keys.diary().len() + text.len());
        store.set(&keys.diary(), &text).unwrap();
        {
            let a = tab(&store, &keys, &seen);
            let fresh = a.peek(NOW).unwrap().unwrap();
            assert_eq!(
                a.keep_crossed(&ours, &fresh, NOW),
                Err(StoreError::QuotaExceeded)
            );
            assert_eq!(seen.owed().map(|d| ids(&d)), Some(vec!["c1".to_string()]));
            // Shown and in files: what is stored, with what is owed.
            let shown = seen.with_owed(a.peek(NOW).unwrap().unwrap());
            assert_eq!(ids(&shown), ["c2", "c1"]);
        }
        // Room again: the next save of anything holds the owed record, and lets go of it.
        store.quota = None;
        let a = tab(&store, &keys, &seen);
        let third = with(&[("c3", "2026-11-03T10:00:00Z")]);
        a.save(&third, NOW).unwrap();
        assert_eq!(ids(&decoded(&store, &keys)), ["c3", "c2", "c1"]);
        assert!(seen.owed().is_none());
        // Owed again, then everything deleted: nothing owed comes back.
        seen.owe(&with(&[("c4", "2026-11-04T10:00:00Z")]));
        seen.forget();
        assert!(seen.owed().is_none());
    }

    /// A diary gone that this tab saw stored, with no deletion heard: the page's own script
    /// cleared storage (which sends that page no event), or "Delete all my data" in another
    /// window not heard yet. Every kind of write used to go in over nothing: saving one check-in
    /// left one, adding a medicine left none, an edit was refused as "deleted elsewhere". Now
    /// none writes (`StoreError::Gone`) until the patient chooses; kept, each writes this tab's
    /// diary back whole with its change.
    #[test]
    fn no_write_goes_over_a_diary_gone_unheard_until_the_patient_keeps_it_then_it_goes_back_whole()
    {
        use crate::core::diary::Medicine;
        use crate::core::diary_store::lesion_edit::LesionEdit;
        let keys = Keys::default();
        let mut ours = Diary::default();
        for (id, at) in [("a", "2026-11-01T10:00:00Z"), ("b", "2026-11-02T10:00:00Z")] {
            ours.upsert(entry(id, at));
        }
        ours.upsert_lesion(crate::core::test_support::followed_lesion(
            "l1", "elbow", NOW,
        ));
        let medicine = Medicine {
            id: "m1".into(),
            name: "Diltiazem".into(),
            how: "60 mg".into(),
            updated: NOW,
            deleted: false,
            extra: Extra::NONE,
        };
        let live = |d: &Diary| {
            (
                d.check_ins.iter().filter(|c| !c.deleted).count(),
                d.medicines.iter().filter(|m| !m.deleted).count(),
                d.lesions.len(),
            )
        };
        type Write<'a> = Box<dyn Fn(StoredDiary) -> bool + 'a>;
        let writes: Vec<(&str, Write, (usize, usize, usize))> = vec![
            (
                "a new check-in",
                Box::new(|t: StoredDiary| {
                    t.save_edit(
                        &ours,
                        entry("c", "2026-11-03T10:00:00Z"),
                        vec![],
                        Expect::New,
                        NOW,
                    )
                    .is_ok()
                }),
                (3, 0, 1),
            ),
            (
                "an edit",
                Box::new(|t: StoredDiary| {
                    let base = ours.check_in("a").unwrap().updated;
                    let edited = CheckIn {
                        pain: 7,
                        ..ours.check_in("a").unwrap().clone()
                    };
                    t.save_edit(&ours, edited, vec![], Expect::Edit(base), NOW)
                        .is_ok()
                }),
                (2, 0, 1),
            ),
            (
                "a medicine",
                Box::new(|t: StoredDiary| {
                    t.save_medicine(&ours, medicine.clone(), None, NOW).is_ok()
                }),
                (2, 1, 1),
            ),
            (
                "a lump renamed",
                Box::new(|t: StoredDiary| {
                    let rename = LesionEdit::Rename {
                        to: "left elbow".into(),
                        from: "elbow".into(),
                    };
                    t.save_lesion_edit(&ours, "l1", &rename, NOW).is_ok()
                }),
                (2, 0, 1),
            ),
            (
                "a check-in deleted",
                Box::new(|t: StoredDiary| {
                    let seen = ours.check_in("b").unwrap().updated;
                    t.delete_check_in(&ours, "b", seen, NOW).is_ok()
                }),
                (1, 0, 1),
            ),
            (
                "a question (any save)",
                Box::new(|t: StoredDiary| t.save(&ours, NOW).is_ok()),
                (2, 0, 1),
            ),
        ];
        for (what, write, want) in writes {
            let store = MemoryStore::new();
            let seen = LastSeen::default();
            tab(&store, &keys, &seen).save(&ours, NOW).unwrap();
            // Storage cleared, or everything deleted elsewhere; this tab hears nothing.
            store.remove(&keys.diary()).unwrap();
            assert!(!write(tab(&store, &keys, &seen)), "{what}: not written");
            assert_eq!(store.get(&keys.diary()), Ok(None), "{what}: nothing stored");
            // The patient keeps the diary on this device: the write goes in, with all of it.
            seen.forget();
            assert!(write(tab(&store, &keys, &seen)), "{what}: saved");
            assert_eq!(live(&decoded(&store, &keys)), want, "{what}");
        }
        // Said as such, for the patient to choose.
        let (store, seen) = (MemoryStore::new(), LastSeen::default());
        tab(&store, &keys, &seen).save(&ours, NOW).unwrap();
        store.remove(&keys.diary()).unwrap();
        assert_eq!(
            tab(&store, &keys, &seen).save(&ours, NOW),
            Err(StoreError::Gone)
        );
        // A tab that never saw a diary stored (a first visit, a restore into an empty device), or
        // that heard the deletion (it forgets what it saw), writes as always.
        seen.forget();
        assert!(tab(&store, &keys, &seen)
            .save(&Diary::default(), NOW)
            .is_ok());
        assert!(tab(&store, &keys, &LastSeen::default())
            .save(&ours, NOW)
            .is_ok());
    }

    #[test]
    fn a_medicine_changed_in_another_tab_is_never_put_back_by_a_stale_form() {
        use crate::core::diary::Medicine;
        let store = MemoryStore::new();
        let keys = Keys::default();
        let med = |how: &str, at: &str| Medicine {
            id: "m1".into(),
            name: "Diltiazem".into(),
            how: how.into(),
            updated: Instant::parse_rfc3339(at).unwrap(),
            deleted: false,
            extra: Extra::NONE,
        };
        let first = med("60 mg twice a day", "2026-11-01T10:00:00Z");
        let mut both = Diary::default();
        both.upsert_medicine(first.clone());
        save(&store, &keys, &both, NOW).unwrap();
        // Tab A opens "Change" on it (its form started from `first`); tab B changes the dose.
        let (seen_a, seen_b) = (LastSeen::default(), LastSeen::default());
        let tab_b = tab(&store, &keys, &seen_b);
        let theirs = med("120 mg once a day", "2026-11-02T10:00:00Z");
        tab_b
            .save_medicine(&both, theirs.clone(), Some(first.updated), NOW)
            .unwrap();
        // Tab A saves its form, with or without changes: refused, and theirs comes back.
        let tab_a = tab(&store, &keys, &seen_a);
        let mine = med("60 mg twice a day, with food", "2026-11-03T10:00:00Z");
        assert_eq!(
            tab_a.save_medicine(&both, mine.clone(), Some(first.updated), NOW),
            Err(MedicineEditError::ChangedElsewhere(Some(theirs.clone())))
        );
        assert_eq!(decoded(&store, &keys).medicine("m1"), Some(&theirs));
        // The patient, shown theirs, saves again from it: now theirs is replaced on purpose.
        let saved = tab_a
            .save_medicine(&both, mine.clone(), Some(theirs.updated), NOW)
            .unwrap();
        assert_eq!(
            saved.medicine("m1").map(|m| m.how.as_str()),
            Some(mine.how.as_str())
        );
        // Removed in another tab meanwhile: refused too, saying so.
        let mut removed = (*saved).clone();
        removed.delete_medicine("m1", NOW);
        save(&store, &keys, &removed, NOW).unwrap();
        let again = med("twice a day", "2026-11-04T10:00:00Z");
        assert_eq!(
            tab_a.save_medicine(
                &saved,
                again,
                Some(saved.medicine("m1").unwrap().updated),
                NOW
            ),
            Err(MedicineEditError::ChangedElsewhere(None))
        );
        // A new medicine (no base) is simply added, next to what the other tab keeps.
        let new = Medicine {
            id: "m2".into(),
            ..med("at night", "2026-11-05T10:00:00Z")
        };
        let saved = tab_a
            .save_medicine(&Diary::default(), new, None, NOW)
            .unwrap();
        assert!(saved.medicine("m2").is_some());
        assert!(saved.medicine("m1").is_none(), "the removal stays");
        // Told of the removal, tab A's form now has no base (saving puts the medicine back). If
        // another tab put it back first and changed it, that copy is not written over: it comes
        // back to be seen, and a save from it replaces it on purpose.
        let mut back = (*saved).clone();
        back.upsert_medicine(med("90 mg twice a day", "2026-11-06T10:00:00Z"));
        save(&store, &keys, &back, NOW).unwrap();
        let theirs_back = decoded(&store, &keys).medicine("m1").cloned().unwrap();
        assert_eq!(
            (theirs_back.how.as_str(), theirs_back.deleted),
            ("90 mg twice a day", false)
        );
        let typed = med("twice a day, with food", "2026-11-07T10:00:00Z");
        assert_eq!(
            tab_a.save_medicine(&saved, typed.clone(), None, NOW),
            Err(MedicineEditError::ChangedElsewhere(Some(
                theirs_back.clone()
            )))
        );
        assert_eq!(decoded(&store, &keys).medicine("m1"), Some(&theirs_back));
        let replaced = tab_a
            .save_medicine(&saved, typed.clone(), Some(theirs_back.updated), NOW)
            .unwrap();
        assert_eq!(
            replaced.medicine("m1").map(|m| m.how.as_str()),
            Some(typed.how.as_str())
        );
        // Still removed when the form saves: the change puts it back.
        let mut gone = (*replaced).clone();
        gone.delete_medicine("m1", NOW);
        save(&store, &keys, &gone, NOW).unwrap();
        let put_back = med("once a day", "2026-11-08T10:00:00Z");
        let saved = tab_a
            .save_medicine(&gone, put_back.clone(), None, NOW)
            .unwrap();
        let m1 = saved.medicine("m1").unwrap();
        assert_eq!((m1.how.as_str(), m1.deleted), ("once a day", false));
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
        assert_eq!(*opened.diary, Diary::default());
        assert!(
            unreadable_copies(&store, &keys).is_empty(),
            "open moves nothing"
        );
        let kept_at =
            schema::set_aside_if_unreadable::<Diary>(&store, &DIARY_SCHEMA, &keys.diary())
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

    /// Found by review: near a full storage, a check-in saved just before a backup failed just
    /// after it, the settings now holding the backup's mark (8 characters a record).
    #[test]
    fn a_diary_that_does_not_fit_takes_the_room_of_the_backups_mark_and_nothing_else() {
        use crate::core::prefs::{self, BackupHeld, Prefs, PREFS_SCHEMA};
        let keys = Keys::default();
        let many: Vec<(String, &str)> = (0..40)
            .map(|i| (format!("c{i:02}"), "2026-11-01T10:00:00Z"))
            .collect();
        let refs: Vec<(&str, &str)> = many.iter().map(|(i, t)| (i.as_str(), *t)).collect();
        let diary = with(&refs);
        let settings = |held: bool| Prefs {
            patient_name: "Ana".into(),
            last_backup: Some(NOW),
            backup_held: held.then(|| BackupHeld::of(&diary, NOW)),
            extra: Extra::NONE,
        };
        let mut next = diary.clone();
        let mut new = entry("new", "2026-11-02T10:00:00Z");
        // Longer than the mark (40 records, 320 characters), so both fit before it comes.
        new.notes = "x".repeat(400);
        next.upsert(new);
        // Room for the diary with one more check-in and the settings without the mark, not with.
        let sized = MemoryStore::new();
        save(&sized, &keys, &next, NOW).unwrap();
        schema::save(&sized, &PREFS_SCHEMA, &keys.prefs(), &settings(false)).unwrap();
        let room: usize = sized
            .keys()
            .unwrap()
            .iter()
            .map(|k| k.len() + sized.get(k).unwrap().unwrap().len())
            .sum();
        let store = MemoryStore::with_quota(room + 8);
        save(&store, &keys, &diary, NOW).unwrap();
        schema::save(&store, &PREFS_SCHEMA, &keys.prefs(), &settings(true)).unwrap();

        save(&store, &keys, &next, NOW).unwrap();
        assert!(
            decoded(&store, &keys).check_in("new").is_some(),
            "the check-in is kept"
        );
        let kept: Prefs =
            schema::decode(&PREFS_SCHEMA, &store.get(&keys.prefs()).unwrap().unwrap()).unwrap();
        assert_eq!(kept, settings(false), "the name and the date stay");
        // With no mark to give up, a diary that does not fit fails as before.
        let mut more = next.clone();
        let mut long = entry("long", "2026-11-03T10:00:00Z");
        long.notes = "x".repeat(500);
        more.upsert(long);
        assert_eq!(
            save(&store, &keys, &more, NOW),
            Err(StoreError::QuotaExceeded)
        );
        assert!(!prefs::drop_backup_held(&store, &keys));
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
        assert_eq!(*opened.diary, Diary::default());
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
            assert_eq!(saved, *opened.diary, "schema {version}");
            let raw = store.get(&keys.diary()).unwrap().unwrap();
            assert!(raw.contains(&format!("\"schema\":{}", DIARY_SCHEMA.current())));
        }
    }

    /// One tab that remembers what it last read or wrote, across calls.
    mod remembered {
        use super::*;
        use crate::core::diary::{check_medicine, Medicine, Observation, QuestionNote, Size};

        #[test]
        fn an_unchanged_store_is_not_parsed_again() {
            let (store, keys, seen) = (MemoryStore::new(), Keys::default(), LastSeen::default());
            let a = tab(&store, &keys, &seen);
            a.save(&with(&[("a", "2026-11-01T10:00:00Z")]), NOW)
                .unwrap();
            // Swap what this tab remembers for a diary the stored text does not hold: a save
            // that parsed the text would not see it, one that trusts the unchanged text does.
            let text = stored_text(&store, &keys);
            let marker = with(&[("only-in-memory", "2026-11-02T10:00:00Z")]);
            seen.remember(
                Mark::of_text(&text),
                text.len(),
                Rc::new(marker),
                Written::Elsewhere,
            );
            let saved = a
                .save(&with(&[("b", "2026-11-03T10:00:00Z")]), NOW)
                .unwrap();
            assert_eq!(ids(&saved), vec!["b", "only-in-memory"]);
            // The stored text was still read: once it is changed by hand, the next save parses it.
            store
                .set(
                    &keys.diary(),
                    &stored_text(&store, &keys).replace("only-in-memory", "x"),
                )
                .unwrap();
            let saved = a.save(&Diary::default(), NOW).unwrap();
            assert_eq!(ids(&saved), vec!["b", "x"]);
        }

        /// An export reads the diary as stored (`peek`): unchanged since this tab's last read
        /// or write, that is the diary it holds, with no parse; changed, the text is read.
        #[test]
        fn a_peek_at_an_unchanged_store_is_not_parsed_again() {
            let (store, keys, seen) = (MemoryStore::new(), Keys::default(), LastSeen::default());
            let a = tab(&store, &keys, &seen);
            let saved = a
                .save(&with(&[("a", "2026-11-01T10:00:00Z")]), NOW)
                .unwrap();
            let peeked = a.peek(NOW).unwrap().unwrap();
            assert!(
                Rc::ptr_eq(&saved, &peeked),
                "the held diary, not a new parse"
            );
            let changed = stored_text(&store, &keys).replace("\"a\"", "\"z\"");
            store.set(&keys.diary(), &changed).unwrap();
            assert_eq!(ids(&a.peek(NOW).unwrap().unwrap()), vec!["z"]);
        }

        #[test]
        fn a_save_shares_the_records_it_did_not_change_with_the_copy_it_started_from() {
            let (store, keys, seen) = (MemoryStore::new(), Keys::default(), LastSeen::default());
            let a = tab(&store, &keys, &seen);
            let days: Vec<(String, String)> = (1..=28)
                .map(|d| (format!("c{d:02}"), format!("2026-10-{d:02}T10:00:00Z")))
                .collect();
            let days: Vec<(&str, &str)> = days.iter().map(|(i, t)| (&**i, &**t)).collect();
            let before = a.save(&with(&days), NOW).unwrap();
            let after = a
                .save_edit(
                    &before,
                    entry("new", "2026-11-01T10:00:00Z"),
                    vec![],
                    Expect::New,
                    NOW,
                )
                .unwrap();
            // The 28 check-ins are the same records in memory, not copies of them.
            let shared = after
                .check_ins
                .iter()
                .filter(|c| before.check_ins.iter().any(|b| Rc::ptr_eq(b, c)))
                .count();
            assert_eq!(shared, 28);
            assert_eq!(after.check_ins.len(), 29);
            assert_eq!(*after, decoded(&store, &keys));
        }

        #[test]
        fn changing_a_shared_record_in_one_copy_leaves_the_other_as_it_was() {
            let far = Instant::parse_rfc3339("9999-12-31T23:59:59Z").unwrap();
            let mut first = with(&[("a", "2026-11-01T10:00:00Z"), ("b", "2026-11-02T10:00:00Z")]);
            Rc::make_mut(&mut first.check_ins[0]).updated = far;
            let mut second = first.clone();
            assert_eq!(second.clamp_future_edits(NOW), 1);
            assert_eq!(
                second.check_ins[0].updated,
                crate::core::diary::unknown_edit_time(far)
            );
            assert_eq!(
                first.check_ins[0].updated, far,
                "the first copy is untouched"
            );
            // The record not clamped is still shared.
            assert!(Rc::ptr_eq(&first.check_ins[1], &second.check_ins[1]));
            let mut third = first.clone();
            third.delete("b", NOW);
            assert!(!first.check_ins[1].deleted, "a deletion in one copy only");
            assert!(third.check_ins.iter().any(|c| c.id == "b" && c.deleted));
        }

        #[test]
        fn a_save_by_another_tab_is_read_and_merged() {
            let (store, keys) = (MemoryStore::new(), Keys::default());
            let (seen_a, seen_b) = (LastSeen::default(), LastSeen::default());
            let (a, b) = (tab(&store, &keys, &seen_a), tab(&store, &keys, &seen_b));
            let mine = a
                .save(&with(&[("a1", "2026-11-01T10:00:00Z")]), NOW)
                .unwrap();
            let _ = b.open(NOW);
            b.save_edit(
                &Diary::default(),
                entry("b1", "2026-11-02T10:00:00Z"),
                vec![],
                Expect::Any,
                NOW,
            )
            .unwrap();
            let merged = a
                .save_edit(
                    &mine,
                    entry("a2", "2026-11-03T10:00:00Z"),
                    vec![],
                    Expect::Any,
                    NOW,
                )
                .unwrap();
            assert_eq!(ids(&merged), vec!["a2", "b1", "a1"]);
            assert_eq!(*merged, decoded(&store, &keys));
            let merged = b.save(&Diary::default(), NOW).unwrap();
            assert_eq!(ids(&merged), vec!["a2", "b1", "a1"]);
        }

        #[test]
        fn a_write_between_our_read_and_our_save_is_merged_not_lost() {
            let (store, keys, seen) = (MemoryStore::new(), Keys::default(), LastSeen::default());
            let a = tab(&store, &keys, &seen);
            a.save(&with(&[("a", "2026-11-01T10:00:00Z")]), NOW)
                .unwrap();
            let ours = a.open(NOW).diary;
            // Another writer (an older version, say) changes the pain of "a" and its edit time:
            // the text keeps its length, so only its content tells the change apart.
            let before = stored_text(&store, &keys);
            let theirs = before.replace("\"pain\":2", "\"pain\":7").replace(
                "\"upd\":\"2026-11-01T10:00:00Z",
                "\"upd\":\"2026-11-01T10:00:09Z",
            );
            assert_eq!(theirs.len(), before.len());
            assert_ne!(theirs, before);
            store.set(&keys.diary(), &theirs).unwrap();
            let merged = a
                .save_edit(
                    &ours,
                    entry("b", "2026-11-02T10:00:00Z"),
                    vec![],
                    Expect::Any,
                    NOW,
                )
                .unwrap();
            assert_eq!(merged.check_in("a").unwrap().pain, 7, "their edit is kept");
            assert!(merged.check_in("b").is_some(), "ours is added");
            assert_eq!(*merged, decoded(&store, &keys));
            // An older version's schema-1 text with a check-in of its own is merged too.
            store
                .set(
                    &keys.diary(),
                    r#"{"schema":1,"data":{"lesions":[],"checkins":[{"id":"old","at":"2026-10-01T10:00:00Z","upd":"2026-10-01T10:00:00Z","pain":1}]}}"#,
                )
                .unwrap();
            let merged = a.save(&merged, NOW).unwrap();
            assert_eq!(ids(&merged), vec!["b", "a", "old"]);
            assert!(stored_text(&store, &keys).starts_with("{\"schema\":2,"));
        }

        #[test]
        fn unreadable_or_newer_stored_data_is_never_overwritten_by_a_remembering_tab() {
            let (store, keys, seen) = (MemoryStore::new(), Keys::default(), LastSeen::default());
            let a = tab(&store, &keys, &seen);
            let mine = a
                .save(&with(&[("a", "2026-11-01T10:00:00Z")]), NOW)
                .unwrap();
            store
                .set(&keys.diary(), "{\"schema\":2,\"data\":{\"checkins\":[")
                .unwrap();
            let saved = a.save(&mine, NOW).unwrap();
            assert_eq!(ids(&saved), vec!["a"], "this tab's diary is written again");
            let kept = unreadable_copies(&store, &keys);
            assert_eq!(kept.len(), 1);
            assert_eq!(
                store.get(&kept[0]).unwrap().as_deref(),
                Some("{\"schema\":2,\"data\":{\"checkins\":[")
            );
            let next = DIARY_SCHEMA.current() + 1;
            let newer = format!(r#"{{"schema":{next},"data":{{}}}}"#);
            store.set(&keys.diary(), &newer).unwrap();
            assert_eq!(a.save(&mine, NOW), Err(StoreError::NewerVersion));
            let edit = a.save_edit(
                &mine,
                entry("b", "2026-11-02T10:00:00Z"),
                vec![],
                Expect::Any,
                NOW,
            );
            assert_eq!(edit, Err(EditError::Store(StoreError::NewerVersion)));
            assert_eq!(stored_text(&store, &keys), newer);
            assert_eq!(unreadable_copies(&store, &keys).len(), 1);
        }

        #[test]
        fn a_failed_write_changes_nothing_and_the_next_save_still_works() {
            let (store, keys, seen) = (
                MemoryStore::with_quota(400),
                Keys::default(),
                LastSeen::default(),
            );
            let a = tab(&store, &keys, &seen);
            let mine = a
                .save(&with(&[("a", "2026-11-01T10:00:00Z")]), NOW)
                .unwrap();
            let before = stored_text(&store, &keys);
            let mut long = entry("b", "2026-11-02T10:00:00Z");
            long.notes = "x".repeat(500);
            assert_eq!(
                a.save_edit(&mine, long, vec![], Expect::Any, NOW),
                Err(EditError::Store(StoreError::QuotaExceeded))
            );
            assert_eq!(stored_text(&store, &keys), before);
            let saved = a
                .save_edit(
                    &mine,
                    entry("c", "2026-11-03T10:00:00Z"),
                    vec![],
                    Expect::Any,
                    NOW,
                )
                .unwrap();
            assert_eq!(ids(&saved), vec!["c", "a"]);
        }

        #[test]
        fn an_edit_right_after_a_save_is_not_taken_for_another_tabs_change() {
            let (store, keys, seen) = (MemoryStore::new(), Keys::default(), LastSeen::default());
            let a = tab(&store, &keys, &seen);
            // Saved at a time with milliseconds, as the browser's clock gives it.
            let at = Instant(NOW.0 - 3_600_123);
            let new = CheckIn {
                id: "a".into(),
                at,
                updated: Instant(NOW.0 - 123),
                pain: 2,
                ..CheckIn::default()
            };
            let saved = a
                .save_edit(&Diary::default(), new, vec![], Expect::Any, NOW)
                .unwrap();
            assert_eq!(
                *saved,
                decoded(&store, &keys),
                "the copy shown is the copy stored"
            );
            let base = saved.check_in("a").unwrap().updated;
            let mut edit = saved.check_in("a").unwrap().clone();
            edit.pain = 5;
            edit.updated = NOW;
            // Both for this tab and for one that reads the stored copy afresh.
            let fresh = LastSeen::default();
            for seen in [&seen, &fresh] {
                let edited = tab(&store, &keys, seen)
                    .save_edit(&saved, edit.clone(), vec![], Expect::Edit(base), NOW)
                    .unwrap();
                assert_eq!(edited.check_in("a").unwrap().pain, 5);
                store.set(&keys.diary(), &encode_diary(&saved)).unwrap();
            }
        }

        fn encode_diary(d: &Diary) -> String {
            schema::encode(&DIARY_SCHEMA, d).unwrap()
        }

        /// A diary using every kind of record and field, times with milliseconds.
        fn everything() -> Diary {
            let t = |s: &str, ms: i64| Instant(Instant::parse_rfc3339(s).unwrap().0 + ms);
            let mut d = Diary::default();
            d.lesions.push(Lesion {
                healed_at: None,
                healed_earlier: Vec::new(),
                since: None,
                id: "l1".into(),
                site: crate::core::sites::Site::parse("right-index-finger").unwrap(),
                name: "lump \"one\" é ✓".into(),
                updated: t("2026-10-01T08:00:00Z", 250),
                deleted: false,
                healed: false,
                extra: Extra::NONE,
            });
            d.check_ins.push(std::rc::Rc::new(CheckIn {
                id: "c1".into(),
                at: t("2026-10-02T08:00:00Z", 999),
                updated: t("2026-10-02T08:00:01Z", 1),
                pain: 4,
                observations: vec![Observation {
                    lesion: "l1".into(),
                    pain: Some(3),
                    size: Some(Size::Mm(12)),
                    signs: vec![crate::core::diary::Sign::OpenSore],
                    extra: Extra::NONE,
                }],
                fever: true,
                daily_effect: Some(6),
                notes: "line\nbreak <b>".into(),
                ..CheckIn::default()
            }));
            d.check_ins.push(std::rc::Rc::new(CheckIn {
                id: "c0".into(),
                at: t("2026-10-02T08:00:00Z", 5),
                updated: t("2026-10-02T08:00:00Z", 5),
                deleted: true,
                ..CheckIn::default()
            }));
            d.questions.push(QuestionNote {
                id: "q1".into(),
                text: "Why?".into(),
                updated: t("2026-10-03T08:00:00Z", 40),
                deleted: false,
                extra: Extra::NONE,
            });
            let text = check_medicine("diltiazem", "60 mg twice a day").unwrap();
            d.upsert_medicine(Medicine::new(
                "m1".into(),
                text,
                t("2026-10-04T08:00:00Z", 7),
            ));
            d.sort();
            d
        }

        #[test]
        fn what_a_save_returns_and_remembers_is_exactly_what_the_stored_text_holds() {
            let (store, keys, seen) = (MemoryStore::new(), Keys::default(), LastSeen::default());
            let saved = tab(&store, &keys, &seen).save(&everything(), NOW).unwrap();
            assert_eq!(*saved, decoded(&store, &keys));
            let held = seen.held_in(&store, &keys.diary()).unwrap().unwrap();
            assert!(Rc::ptr_eq(&held, &saved));
            assert!(saved.check_ins.iter().all(|c| c.at.0 % 1000 == 0));
        }

        #[test]
        fn a_remembering_tab_writes_exactly_what_a_tab_reading_afresh_writes() {
            // The same steps on two stores: one tab remembers, the other reads afresh each time.
            let keys = Keys::default();
            let (s1, s2, seen) = (MemoryStore::new(), MemoryStore::new(), LastSeen::default());
            let remembering = tab(&s1, &keys, &seen);
            let both = |f: &dyn Fn(StoredDiary) -> Rc<Diary>| {
                let fresh = LastSeen::default();
                let (x, y) = (f(remembering), f(tab(&s2, &keys, &fresh)));
                assert_eq!(x, y);
                assert_eq!(stored_text(&s1, &keys), stored_text(&s2, &keys));
                x
            };
            let d = both(&|t| t.save(&everything(), NOW).unwrap());
            let mut next = (*d).clone();
            next.delete("c1", Instant(NOW.0 + 1_500));
            let d = both(&|t| t.save(&next, NOW).unwrap());
            let d = both(&|t| {
                t.save_edit(
                    &d,
                    entry("c2", "2026-11-05T10:00:00Z"),
                    vec![],
                    Expect::Any,
                    NOW,
                )
                .unwrap()
            });
            // Another writer adds a record stamped in the future, in both stores.
            let mut future = (*d).clone();
            future.upsert(entry("far", "2099-01-01T00:00:00Z"));
            for s in [&s1, &s2] {
                s.set(&keys.diary(), &encode_diary(&future)).unwrap();
            }
            let d = both(&|t| t.save(&d, NOW).unwrap());
            both(&|t| {
                let mut edit = d.check_in("far").unwrap().clone();
                edit.pain = 9;
                edit.updated = NOW;
                t.save_edit(&d, edit, vec![], Expect::Any, NOW).unwrap()
            });
        }
    }

    /// A store whose marks work as the browser's do: a mark is the written value itself, not a
    /// hash, and asking whether a key still holds it reads no text into Rust. It counts the
    /// full reads, so a test can tell when a save skipped one.
    mod marked {
        use super::*;
        use std::cell::Cell;

        #[derive(Default)]
        struct ByValue {
            inner: MemoryStore,
            reads: Cell<usize>,
        }

        /// What a `ByValue` mark holds: the exact text, as the browser's store keeps the string.
        struct Written(String);

        impl Store for ByValue {
            fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
                self.reads.set(self.reads.get() + 1);
                self.inner.get(key)
            }
            fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
                self.inner.set(key, value)
            }
            fn remove(&self, key: &str) -> Result<(), StoreError> {
                self.inner.remove(key)
            }
            fn keys(&self) -> Result<Vec<String>, StoreError> {
                self.inner.keys()
            }
            fn get_marked(&self, key: &str) -> Result<Option<(String, Mark)>, StoreError> {
                Ok(self.get(key)?.map(|v| (v.clone(), Mark::new(Written(v)))))
            }
            fn set_marked(&self, key: &str, value: &str) -> Result<Mark, StoreError> {
                self.set(key, value)?;
                Ok(Mark::new(Written(value.to_string())))
            }
            fn holds(&self, key: &str, mark: &Mark) -> Result<bool, StoreError> {
                let now = self.inner.get(key)?;
                Ok(matches!((now, mark.get::<Written>()), (Some(v), Some(w)) if v == w.0))
            }
        }

        #[test]
        fn a_save_into_the_text_this_tab_last_wrote_reads_no_text() {
            let (store, keys, seen) = (ByValue::default(), Keys::default(), LastSeen::default());
            let a = tab(&store, &keys, &seen);
            a.save(&with(&[("a", "2026-11-01T10:00:00Z")]), NOW)
                .unwrap();
            let before = store.reads.get();
            let saved = a
                .save_edit(
                    &Diary::default(),
                    entry("b", "2026-11-02T10:00:00Z"),
                    vec![],
                    Expect::Any,
                    NOW,
                )
                .unwrap();
            assert_eq!(
                store.reads.get(),
                before,
                "the unchanged text was not read again"
            );
            assert_eq!(ids(&saved), vec!["b", "a"]);
            assert_eq!(*saved, decoded(&store.inner, &keys));
        }

        #[test]
        fn another_writer_is_always_seen_and_merged() {
            let (store, keys) = (ByValue::default(), Keys::default());
            let (seen_a, seen_b) = (LastSeen::default(), LastSeen::default());
            let (a, b) = (tab(&store, &keys, &seen_a), tab(&store, &keys, &seen_b));
            let opened = a.open(NOW);
            assert!(opened.diary.check_ins.is_empty());
            a.save(&with(&[("a1", "2026-11-01T10:00:00Z")]), NOW)
                .unwrap();
            // The other tab opens what A wrote and adds its own.
            let b_diary = b.open(NOW).diary;
            b.save_edit(
                &b_diary,
                entry("b1", "2026-11-02T10:00:00Z"),
                vec![],
                Expect::Any,
                NOW,
            )
            .unwrap();
            // A saves again from what it holds (without b1): b1 must stay.
            let saved = a
                .save_edit(
                    &opened.diary,
                    entry("a2", "2026-11-03T10:00:00Z"),
                    vec![],
                    Expect::Any,
                    NOW,
                )
                .unwrap();
            assert_eq!(ids(&saved), vec!["a2", "b1", "a1"]);
            // A third writer that knows nothing of marks (an older version) rewrites the text
            // (here: the same text and a space): it is read again, not trusted.
            let text = stored_text(&store.inner, &keys);
            store.inner.set(&keys.diary(), &format!("{text} ")).unwrap();
            let before = store.reads.get();
            a.save(&Diary::default(), NOW).unwrap();
            assert!(store.reads.get() > before, "a changed text is read in full");
        }

        #[test]
        fn a_mark_from_another_kind_of_store_is_never_trusted() {
            let (store, keys, seen) = (ByValue::default(), Keys::default(), LastSeen::default());
            tab(&store, &keys, &seen)
                .save(&with(&[("a", "2026-11-01T10:00:00Z")]), NOW)
                .unwrap();
            let text = stored_text(&store.inner, &keys);
            // A hash mark of the very same text: this store cannot read it, so it says no.
            assert!(!store.holds(&keys.diary(), &Mark::of_text(&text)).unwrap());
            assert!(store
                .holds(&keys.diary(), &Mark::new(Written(text.clone())))
                .unwrap());
            assert!(!MemoryStore::new()
                .holds(&keys.diary(), &Mark::of_text(&text))
                .unwrap());
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
            let merged = save_edit(&store, &keys, &opened, new, vec![], Expect::Any, NOW).unwrap();
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
            (store, keys, Rc::unwrap_or_clone(opened))
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
                Expect::Edit(base),
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
                Expect::Edit(base),
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
                Expect::Any,
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
                    Expect::Edit(base),
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
                Expect::Any,
                Instant(NOW.0 + 1_000),
            )
            .unwrap();
            assert_eq!(merged.check_in("a").unwrap().pain, 4);
        }

        #[test]
        fn an_unchanged_base_saves_even_when_its_stored_time_is_in_the_future() {
            let (store, keys) = (MemoryStore::new(), Keys::default());
            let mut d = with(&[("a", "2026-11-01T10:00:00Z")]);
            std::rc::Rc::make_mut(&mut d.check_ins[0]).updated =
                Instant::parse_rfc3339("9999-12-31T23:59:59Z").unwrap();
            save(&store, &keys, &d, Instant(0)).unwrap();
            let opened = open(&store, &keys, NOW).diary;
            let base = opened.check_in("a").unwrap().updated;
            let merged = save_edit(
                &store,
                &keys,
                &Diary::default(),
                edited(&opened, 8, ""),
                vec![],
                Expect::Edit(base),
                NOW,
            )
            .unwrap();
            assert_eq!(merged.check_in("a").unwrap().pain, 8);
            assert_eq!(
                open(&store, &keys, NOW).diary.check_in("a").unwrap().pain,
                8
            );
        }

        /// The device clock ran ahead, was put right, ran ahead again: two different edit times,
        /// both in the future when read, must not look alike, or an edit started from the first
        /// would silently overwrite the change made under the second.
        #[test]
        fn a_change_made_while_the_clock_ran_ahead_again_is_still_a_change() {
            let (store, keys) = (MemoryStore::new(), Keys::default());
            let ahead = |days: i64| Instant(NOW.0 + days * 86_400_000);
            // Edited with the clock 2 days ahead.
            let mut d = with(&[("a", "2026-11-01T10:00:00Z")]);
            Rc::make_mut(&mut d.check_ins[0]).updated = ahead(2);
            save(&store, &keys, &d, ahead(2)).unwrap();
            // The clock is right again: tab B opens the check-in to edit it.
            let opened = open(&store, &keys, NOW).diary;
            let base = opened.check_in("a").unwrap().updated;
            // The clock runs ahead again (3 days): tab A opens the same check-in and saves pain 9.
            let a_opened = open(&store, &keys, ahead(3)).diary;
            let a = a_opened.check_in("a").unwrap();
            let a_base = a.updated;
            let a = CheckIn {
                pain: 9,
                updated: ahead(3),
                ..a.clone()
            };
            save_edit(
                &store,
                &keys,
                &Diary::default(),
                a,
                vec![],
                Expect::Edit(a_base),
                ahead(3),
            )
            .unwrap();
            // The clock is right once more: tab B's edit is refused, with A's copy to show.
            match save_edit(
                &store,
                &keys,
                &Diary::default(),
                edited(&opened, 2, "B's note"),
                vec![],
                Expect::Edit(base),
                NOW,
            ) {
                Err(EditError::ChangedElsewhere(Some(theirs))) => assert_eq!(theirs.pain, 9),
                other => panic!("{other:?}"),
            }
            assert_eq!(
                open(&store, &keys, NOW).diary.check_in("a").unwrap().pain,
                9
            );
        }
    }
}
