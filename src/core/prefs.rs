//! The patient's own settings kept beside the diary: their name for the printed summary (it stays
//! on the device), when they last made a backup and which copies of the records it held.

use crate::core::json::Value;

use super::diary::{Diary, Versioned, CLOCK_ALLOWANCE_MS};
use super::json::{self, Extra, Fields, Out, Stored};
use super::schema::{self, Read, Schema};
use super::store::{Keys, Store, StoreError};
use super::time::Instant;

/// Schema 1: `{"patient_name": "...", "last_backup": "<RFC 3339>", "backup_held": {...}}`, each
/// optional (`backup_held`: see `BackupHeld`).
pub const PREFS_SCHEMA: Schema = Schema { migrations: &[] };

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prefs {
    pub patient_name: String,
    pub last_backup: Option<Instant>,
    /// What the last backup made here held (`None` from a version before it was kept).
    pub backup_held: Option<BackupHeld>,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

impl Prefs {
    /// Keeps `files` (`RestoreReport::files_held`: the copies restored files brought, once a
    /// restore is stored) with the mark of the last backup made here; on a device that has made
    /// none, as a mark of its own. A mark of another backup is left as it is.
    pub fn keep_restored_files(&mut self, files: Vec<u32>) {
        match self.backup_held.as_mut() {
            Some(h) if h.at == self.last_backup => h.set_files(files),
            None if self.last_backup.is_none() => {
                self.backup_held = Some(BackupHeld::files_only(files));
            }
            _ => {}
        }
    }
}

/// Every field is left out when not set.
impl Stored for Prefs {
    fn read(v: Value) -> Result<Prefs, String> {
        let mut f = Fields::of(v)?;
        Ok(Prefs {
            patient_name: f.or_default("patient_name", json::string)?,
            last_backup: f.option("last_backup", json::instant)?,
            // Unreadable, it is dropped, not the settings with it: without it a restore offers
            // back more of this device's copies, never fewer.
            backup_held: f
                .option("backup_held", |v| Ok(BackupHeld::read(v).ok()))?
                .flatten(),
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.text_field("patient_name", &self.patient_name);
        if let Some(t) = self.last_backup {
            out.key("last_backup");
            out.instant(t);
        }
        if let Some(held) = &self.backup_held {
            out.key("backup_held");
            held.write(out);
        }
        out.extra(&self.extra);
        out.close();
    }
}

/// Which copies of the records a backup made here held: each record's id and edit time (a
/// deletion's too),
/// hashed to 32 bits, in the diary's order (only a restore looks them up, reading them through:
/// a sort would add its code to the download). A restore offers back this device's copies it
/// replaces unless the last backup held them (`held`): edit times alone cannot say so, as an
/// edit made while the clock was behind is stamped before a backup that never held it.
///
/// Beside them, the copies restored files brought since (`files`): a file holds those too, so a
/// later restore that replaces them does not offer them back as this device's own. Each restore
/// keeps only those still in the diary (`files_after`), so they never outgrow it.
///
/// Stored as `{"at": "<RFC 3339>", "copies": "<8 hex digits each>", "files": "<the same>"}`
/// ("at" left out on a device that made no backup, "files" when empty): about 30 KB for a ten-year diary, which makes way for the
/// diary when storage is full (`drop_backup_held`). A copy edited since the backup may hash like
/// one it held (about once in a million for a ten-year diary): the backup's time still offers it
/// if it was edited after it (see `restore_since`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BackupHeld {
    /// When the backup was made: the mark is only of the backup `Prefs::last_backup` names.
    /// `None` on a device that has made none: the copies restored files brought, alone.
    pub at: Option<Instant>,
    copies: Vec<u32>,
    files: Vec<u32>,
}

/// Each record of `diary`, deleted ones too: its id, edit time, whether it is deleted, and
/// (a check-in) its date.
fn records(diary: &Diary) -> impl Iterator<Item = (&str, Instant, bool, Option<Instant>)> + '_ {
    fn each<T: Versioned>(r: &T) -> (&str, Instant, bool, Option<Instant>) {
        (r.id(), r.updated(), r.is_deleted(), None)
    }
    (diary.lesions.iter().map(each))
        .chain(
            diary
                .check_ins
                .iter()
                .map(|c| (each(c).0, c.updated, c.deleted, Some(c.at))),
        )
        .chain(diary.questions.iter().map(each))
        .chain(diary.medicines.iter().map(each))
}

/// The hash of each record of `diary`, deleted ones too (see `BackupHeld`): a file holds a
/// deletion as it holds an edit.
fn copies(diary: &Diary) -> impl Iterator<Item = u32> + '_ {
    records(diary).map(|(id, updated, ..)| copy_hash(id, updated))
}

impl BackupHeld {
    /// The mark of a backup of `diary` made at `at`.
    pub fn of(diary: &Diary, at: Instant) -> BackupHeld {
        BackupHeld {
            at: Some(at),
            copies: copies(diary).collect(),
            files: Vec::new(),
        }
    }

    /// Whether the backup held the record `id` as edited at `updated`.
    pub fn held(&self, id: &str, updated: Instant) -> bool {
        self.copies.contains(&copy_hash(id, updated))
    }

    /// Whether a file restored since brought the record `id` as edited at `updated`.
    pub fn from_file(&self, id: &str, updated: Instant) -> bool {
        self.files.contains(&copy_hash(id, updated))
    }

    /// The copies restored files brought, once `file` is restored into the diary `merged`: each
    /// copy in `merged` that `file` holds, or an earlier file brought. Copies since
    /// replaced are not kept.
    pub fn files_after(&self, merged: &Diary, file: &Diary) -> Vec<u32> {
        let file: Vec<u32> = copies(file).collect();
        copies(merged)
            .filter(|c| file.contains(c) || self.files.contains(c))
            .collect()
    }

    /// Takes `files` (from `files_after`) as the copies restored files brought.
    pub fn set_files(&mut self, files: Vec<u32>) {
        self.files = files;
    }

    /// The copies restored files brought (from `files_after`), on a device that has made no
    /// backup: a later restore that replaces them does not offer them back as its own.
    pub fn files_only(files: Vec<u32>) -> BackupHeld {
        BackupHeld {
            at: None,
            copies: Vec::new(),
            files,
        }
    }

    fn read(v: Value) -> Result<BackupHeld, String> {
        let mut f = Fields::of(v)?;
        let at = f.option("at", json::instant)?;
        let copies = hashes(&f.need("copies", json::string)?)?;
        let files = hashes(&f.or_default("files", json::string)?)?;
        Ok(BackupHeld { at, copies, files })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        if let Some(at) = self.at {
            out.key("at");
            out.instant(at);
        }
        out.key("copies");
        out.str(&hex(&self.copies));
        out.text_field("files", &hex(&self.files));
        out.close();
    }
}

/// Hashes as hex, 8 digits each. By hand: the standard library's hex formatting and parsing add
/// to the download.
fn hex(hashes: &[u32]) -> String {
    let mut hex = String::with_capacity(hashes.len() * 8);
    for c in hashes {
        for shift in (0..8).rev() {
            hex.push(char::from_digit((c >> (shift * 4)) & 0xf, 16).unwrap_or('0'));
        }
    }
    hex
}

/// Hashes read from `hex`.
fn hashes(text: &str) -> Result<Vec<u32>, String> {
    let word = |d: &[u8]| {
        let digit = |b: u8| char::from(b).to_digit(16);
        let n = d.iter().try_fold(0u32, |n, &b| Some(n << 4 | digit(b)?));
        n.filter(|_| d.len() == 8)
    };
    let words = text.as_bytes().chunks(8).map(word);
    words
        .collect::<Option<Vec<u32>>>()
        .ok_or_else(|| "not 8 hex digits each".into())
}

/// Takes the mark of what the last backup held out of the stored settings, to make room for a
/// write that did not fit. Returns whether it was there and the settings were written without it.
pub fn drop_backup_held(store: &dyn Store, keys: &Keys) -> bool {
    let Ok(Read::Found(mut prefs)) = schema::read::<Prefs>(store, &PREFS_SCHEMA, &keys.prefs())
    else {
        return false;
    };
    prefs.backup_held.take().is_some()
        && schema::save_guarded(store, &PREFS_SCHEMA, &keys.prefs(), &prefs).is_ok()
}

/// A record's id and edit time, hashed (see `BackupHeld`).
fn copy_hash(id: &str, updated: Instant) -> u32 {
    use std::hash::Hasher;
    let mut h = super::ids::IdHasher::default();
    h.write(id.as_bytes());
    h.write_u64(updated.0 as u64);
    (h.finish() >> 32) as u32
}

/// Browsers may clear a site's data (Safari after 7 days without a visit): after this many days
/// without a backup, a diary with entries shows a gentle reminder.
pub const BACKUP_REMINDER_DAYS: i64 = 30;

/// In a browser that deletes a site's stored data after 7 days without a visit (Apple's WebKit:
/// Safari, and every browser on an iPhone or iPad), a patient who checks in once a month finds
/// the last check-in gone at the next: a change no file holds is reminded of at once.
pub const BACKUP_REMINDER_DAYS_CLEARING: i64 = 0;

/// Is a backup reminder due? When changes no file holds have gone 30 days without a backup:
/// counted from the last backup, or, for a diary never backed up, from the first such change (a
/// new diary is not nagged). Every record counts, not only check-ins: a medicine, a question or
/// a lump added or changed, and a deletion (a backup from before it would bring the record
/// back), are changes a cleared browser would lose. A diary with nothing live in it is not
/// nagged.
///
/// What a file holds is known copy by copy from the mark of the last backup (`BackupHeld`),
/// with the copies restored files brought: a diary just restored from a backup into a new
/// browser is held whole by that file, and is not nagged at once. Without a mark, by time: what
/// changed after the last backup.
pub fn backup_due(diary: &Diary, prefs: &Prefs, now: Instant) -> bool {
    backup_due_after(diary, prefs, now, BACKUP_REMINDER_DAYS)
}

/// `backup_due`, after `days` days rather than `BACKUP_REMINDER_DAYS`.
pub fn backup_due_after(diary: &Diary, prefs: &Prefs, now: Instant, days: i64) -> bool {
    let anything = diary.entries().next().is_some()
        || diary.live_lesions().next().is_some()
        || diary.live_medicines().next().is_some()
        || diary.questions.iter().any(|q| !q.deleted);
    if !anything {
        return false;
    }
    // A backup time beyond now was stamped by a clock that ran ahead: it says nothing of when
    // the last backup was, and must not silence the reminder until that date comes.
    let last_backup = prefs
        .last_backup
        .filter(|t| t.0 <= now.0.saturating_add(CLOCK_ALLOWANCE_MS));
    let mark = prefs
        .backup_held
        .as_ref()
        .filter(|h| h.at == prefs.last_backup);
    // Looked up once per record: a set, not the lists (a ten-year diary's are 3,650 long each).
    let in_files: Option<super::ids::IdSet<u32>> =
        mark.map(|h| h.copies.iter().chain(&h.files).copied().collect());
    let by_time = |updated: Instant| last_backup.is_some_and(|last| updated <= last);
    let held = |id: &str, updated: Instant, deleted: bool| match &in_files {
        // A deletion before the backup, in a mark from a version that hashed live copies only.
        Some(set) => set.contains(&copy_hash(id, updated)) || (deleted && by_time(updated)),
        None => by_time(updated),
    };
    let unheld = records(diary).filter(|&(id, updated, deleted, _)| !held(id, updated, deleted));
    // A live check-in dated back counts from its date; a deletion from when it was made.
    let Some(first) = unheld
        .map(|(_, updated, deleted, at)| match at.filter(|_| !deleted) {
            Some(at) => at.min(updated),
            None => updated,
        })
        .min()
    else {
        return false;
    };
    let since = last_backup.unwrap_or(first);
    now.0 - since.0 >= days * 86_400_000
}

/// Changes the stored settings: re-reads them (another tab may have changed another field, e.g.
/// the name while this one records a backup), applies `change`, writes, and returns the result.
/// Nothing is written from a stale copy, nor over a newer version's settings; corrupt settings
/// are kept aside first (their new key is returned). On error nothing stored has changed.
pub fn update(
    store: &dyn Store,
    keys: &Keys,
    change: &dyn Fn(&mut Prefs),
) -> Result<(Prefs, Option<String>), StoreError> {
    let mut prefs = match schema::read::<Prefs>(store, &PREFS_SCHEMA, &keys.prefs())? {
        Read::Found(p) => p,
        // A newer version's settings stay as they are: nothing is written over them.
        Read::Newer { .. } => return Err(StoreError::NewerVersion),
        // Corrupt settings are copied aside by `save_guarded` before the write.
        Read::Missing | Read::Unreadable(_) => Prefs::default(),
    };
    change(&mut prefs);
    let kept_at = schema::save_guarded(store, &PREFS_SCHEMA, &keys.prefs(), &prefs)?;
    Ok((prefs, kept_at))
}

/// Removes every key of this widget's namespace, and nothing else on the site. Returns how many
/// keys were removed; stops at the first failure (what was removed stays removed). Other tabs
/// hear of each change in this order. First the `deleting` mark is set (to `now`, so each
/// deletion is a change they hear): they let go of what they hold, unsaved forms too, whatever
/// is stored. Then the diary goes (older versions hear the deletion from its removal), the drafts
/// last, and the mark after them, also when a removal fails.
pub fn delete_all(store: &dyn Store, keys: &Keys, now: Instant) -> Result<usize, StoreError> {
    let (diary, drafts, deleting) = (keys.diary(), keys.drafts(), keys.deleting());
    let stamp = now.0.to_string();
    // A full storage may refuse even this small mark: it is tried again as each removal frees
    // room, before the drafts go (the diary's removal tells the tabs that hold one meanwhile).
    let mut marked = store.set(&deleting, &stamp).is_ok();
    let (mut firsts, mut rest, mut lasts) = (Vec::new(), Vec::new(), Vec::new());
    // Placed by hand, not sorted: a sort would add its code to the download.
    let listed = store.keys().inspect_err(|_| {
        let _ = store.remove(&deleting);
    })?;
    for k in listed.into_iter().filter(|k| keys.owns(k)) {
        match k {
            k if k == diary => firsts.push(k),
            k if k == drafts => lasts.push(k),
            k if k == deleting => {}
            k => rest.push(k),
        }
    }
    firsts.append(&mut rest);
    firsts.append(&mut lasts);
    let mine = firsts;
    for k in &mine {
        if !marked {
            marked = store.set(&deleting, &stamp).is_ok();
        }
        if let Err(e) = store.remove(k) {
            let _ = store.remove(&deleting);
            return Err(e);
        }
    }
    store.remove(&deleting)?;
    Ok(mine.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::CheckIn;
    use crate::core::store::MemoryStore;
    use std::cell::RefCell;

    fn at(days: i64) -> Instant {
        Instant(days * 86_400_000)
    }

    fn diary_changed_on(day: i64) -> Diary {
        let mut d = Diary::default();
        d.upsert(CheckIn {
            id: "c".into(),
            at: at(day),
            updated: at(day),
            ..CheckIn::default()
        });
        d
    }

    #[test]
    fn an_update_keeps_what_another_tab_wrote_in_other_fields() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        // Tab B opened before the name was typed; tab A then saved the name.
        let stale_in_tab_b = Prefs::default();
        update(&store, &keys, &|p| p.patient_name = "Maria".into()).unwrap();
        let newer = r#"{"schema":9,"data":{}}"#;
        let other = Keys::new("other");
        store.set(&other.prefs(), newer).unwrap();
        assert_eq!(
            update(&store, &other, &|p| p.patient_name = "X".into()),
            Err(StoreError::NewerVersion)
        );
        assert_eq!(store.get(&other.prefs()).unwrap().as_deref(), Some(newer));
        // Tab B records a backup: only its field changes.
        let (written, _) = update(&store, &keys, &|p| {
            p.last_backup = Some(at(3));
            assert_eq!(p.patient_name, "Maria", "B re-read before writing");
        })
        .unwrap();
        assert_eq!(written.patient_name, "Maria");
        assert_eq!(written.last_backup, Some(at(3)));
        assert_ne!(written, stale_in_tab_b);
    }

    #[test]
    fn no_reminder_for_an_empty_diary() {
        assert!(!backup_due(&Diary::default(), &Prefs::default(), at(100)));
    }

    #[test]
    fn reminder_when_never_backed_up_or_older_than_30_days_with_new_entries() {
        let d = diary_changed_on(50);
        assert!(
            !backup_due(&d, &Prefs::default(), at(51)),
            "a new diary is not nagged"
        );
        assert!(!backup_due(&d, &Prefs::default(), at(79)));
        assert!(
            backup_due(&d, &Prefs::default(), at(80)),
            "30 days of entries, never backed up"
        );
        let backed = |day| Prefs {
            last_backup: Some(at(day)),
            ..Prefs::default()
        };
        assert!(!backup_due(&d, &backed(40), at(69)), "29 days");
        assert!(backup_due(&d, &backed(40), at(70)), "30 days");
        assert!(
            !backup_due(&d, &backed(60), at(200)),
            "nothing new since the backup"
        );
        // A backup stamped a year ahead by a clock that ran fast does not silence the reminder
        // until then: it counts as never backed up.
        assert!(backup_due(&d, &backed(420), at(80)));
        assert!(!backup_due(&d, &backed(420), at(79)));
    }

    /// Found by an audit: in Safari, or any browser on an iPhone or iPad, a site's data is deleted
    /// after 7 days without a visit, so a patient checking in monthly lost each month's check-in
    /// before the 30-day reminder could come. There a change no file holds is due at once; one a
    /// backup holds is not.
    #[test]
    fn where_the_browser_clears_unvisited_sites_a_change_no_file_holds_is_due_at_once() {
        let d = diary_changed_on(50);
        let due = |prefs: &Prefs, day| {
            backup_due_after(&d, prefs, at(day), BACKUP_REMINDER_DAYS_CLEARING)
        };
        assert!(due(&Prefs::default(), 50), "the day it was written");
        assert!(
            !backup_due(&d, &Prefs::default(), at(50)),
            "elsewhere: not yet"
        );
        let backed = |day| Prefs {
            last_backup: Some(at(day)),
            ..Prefs::default()
        };
        assert!(!due(&backed(50), 50), "held by the backup made after it");
        assert!(!due(&backed(50), 120), "and for good");
        assert!(due(&backed(40), 50), "newer than the last backup");
        assert!(
            !due(&Prefs::default(), 49),
            "a change dated ahead of the clock: not yet"
        );
        assert!(!backup_due_after(
            &Diary::default(),
            &Prefs::default(),
            at(50),
            BACKUP_REMINDER_DAYS_CLEARING
        ));
    }

    /// Found by review: only check-ins counted. A medicine and a question added after the last
    /// backup never made a reminder due, nor did a diary of medicines and questions alone, nor
    /// a deletion.
    #[test]
    fn every_kind_of_change_counts_toward_the_reminder() {
        use crate::core::diary::{Medicine, QuestionNote};
        let backed = |day| Prefs {
            last_backup: Some(at(day)),
            ..Prefs::default()
        };
        let question = |day| QuestionNote {
            id: "q".into(),
            text: "Can I swim?".into(),
            updated: at(day),
            deleted: false,
            extra: Extra::NONE,
        };
        let medicine = |day| Medicine {
            id: "m".into(),
            name: "Methotrexate".into(),
            how: String::new(),
            updated: at(day),
            deleted: false,
            extra: Extra::NONE,
        };
        // Backed up on day 1 with one check-in; a question and a medicine added on day 3.
        let mut d = diary_changed_on(0);
        d.questions.push(question(3));
        assert!(
            backup_due(&d, &backed(1), at(33)),
            "a question since the backup"
        );
        assert!(!backup_due(&d, &backed(1), at(30)), "29 days");
        let mut d = diary_changed_on(0);
        d.medicines.push(medicine(3));
        assert!(
            backup_due(&d, &backed(1), at(31)),
            "a medicine since the backup"
        );
        // Never backed up, no check-in: medicines and questions alone are nagged after 30 days.
        let mut d = Diary::default();
        d.medicines.push(medicine(10));
        assert!(!backup_due(&d, &Prefs::default(), at(39)));
        assert!(backup_due(&d, &Prefs::default(), at(40)));
        let mut d = Diary::default();
        d.questions.push(question(10));
        assert!(backup_due(&d, &Prefs::default(), at(40)));
        // A check-in deleted after the backup is a change (the backup would bring it back)...
        let gone = CheckIn {
            id: "gone".into(),
            at: at(0),
            updated: at(5),
            deleted: true,
            ..CheckIn::default()
        };
        let mut d = diary_changed_on(0);
        d.upsert(gone.clone());
        assert!(backup_due(&d, &backed(1), at(31)));
        // ...but a diary with nothing live left is not nagged.
        let mut d = Diary::default();
        d.upsert(gone);
        assert!(!backup_due(&d, &Prefs::default(), at(100)));
    }

    /// A store that lists its keys in an order of its own (as a browser does) and logs each
    /// change it makes, in order (`set key=value`, `remove key`); it refuses to remove `stuck`.
    #[derive(Default)]
    struct Logged {
        inner: MemoryStore,
        log: RefCell<Vec<String>>,
        stuck: Option<String>,
    }

    impl Logged {
        fn with(inner: MemoryStore, keys: &[String]) -> Logged {
            for k in keys {
                inner.set(k, "x").unwrap();
            }
            Logged {
                inner,
                ..Logged::default()
            }
        }

        fn log(&self) -> Vec<String> {
            // Shorter to read: the namespace's prefix left out.
            let prefix = Keys::default().deleting().replace("deleting", "");
            self.log
                .borrow()
                .iter()
                .map(|l| l.replace(&prefix, ""))
                .collect()
        }
    }

    impl Store for Logged {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.inner.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            self.inner.set(key, value)?;
            self.log.borrow_mut().push(format!("set {key}={value}"));
            Ok(())
        }
        fn remove(&self, key: &str) -> Result<(), StoreError> {
            if self.stuck.as_deref() == Some(key) {
                return Err(StoreError::Blocked);
            }
            self.inner.remove(key)?;
            self.log.borrow_mut().push(format!("remove {key}"));
            Ok(())
        }
        fn keys(&self) -> Result<Vec<String>, StoreError> {
            // Sorted, the diary first; here it comes last.
            let mut all = self.inner.keys()?;
            all.rotate_left(1);
            Ok(all)
        }
    }

    #[test]
    fn delete_all_sets_its_mark_then_removes_the_diary_first_the_drafts_last_and_the_mark() {
        let keys = Keys::default();
        let all = [
            keys.walkthrough(),
            keys.drafts(),
            keys.diary(),
            keys.prefs(),
        ];
        let store = Logged::with(MemoryStore::new(), &all);
        assert_eq!(delete_all(&store, &keys, Instant(5)), Ok(4));
        assert_eq!(
            store.log(),
            [
                "set deleting=5",
                "remove diary",
                "remove prefs",
                "remove walkthrough",
                "remove drafts",
                "remove deleting"
            ]
        );
        assert!(store.inner.keys().unwrap().is_empty());
        // The next deletion's mark is another value: other tabs hear it (setting a key to the
        // value it holds is no change, and raises no event).
        let store = Logged::with(MemoryStore::new(), &all);
        delete_all(&store, &keys, Instant(6)).unwrap();
        assert_eq!(store.log()[0], "set deleting=6");
    }

    #[test]
    fn delete_all_with_only_unsaved_work_or_storage_full_still_marks_before_the_drafts_go() {
        // Nothing saved yet, as on a page that opens on the diary: only the drafts are stored.
        let keys = Keys::default();
        let store = Logged::with(MemoryStore::new(), &[keys.drafts()]);
        assert_eq!(delete_all(&store, &keys, Instant(5)), Ok(1));
        assert_eq!(
            store.log(),
            ["set deleting=5", "remove drafts", "remove deleting"]
        );
        // Storage full to the last byte: the mark is set once the diary's removal made room,
        // before the drafts go.
        let (diary, drafts) = (keys.diary(), keys.drafts());
        let full = MemoryStore::with_quota(diary.len() + 40 + drafts.len() + 1);
        full.set(&diary, &"d".repeat(40)).unwrap();
        let store = Logged::with(full, &[drafts]);
        assert_eq!(delete_all(&store, &keys, Instant(5)), Ok(2));
        assert_eq!(
            store.log(),
            [
                "remove diary",
                "set deleting=5",
                "remove drafts",
                "remove deleting"
            ]
        );
        // So full that even the drafts alone leave no room: everything is still deleted.
        let full = MemoryStore::with_quota(keys.drafts().len() + 1);
        let store = Logged::with(full, &[keys.drafts()]);
        assert_eq!(delete_all(&store, &keys, Instant(5)), Ok(1));
        assert!(store.inner.keys().unwrap().is_empty());
    }

    #[test]
    fn a_deletion_that_fails_part_way_leaves_no_mark_behind() {
        let keys = Keys::default();
        let mut store = Logged::with(MemoryStore::new(), &[keys.diary(), keys.prefs()]);
        store.stuck = Some(keys.prefs());
        assert_eq!(
            delete_all(&store, &keys, Instant(5)),
            Err(StoreError::Blocked)
        );
        assert_eq!(
            store.log(),
            ["set deleting=5", "remove diary", "remove deleting"]
        );
        assert_eq!(store.inner.keys().unwrap(), [keys.prefs()]);
    }

    /// Settings with one field this version cannot read are copied aside before the first
    /// change, like broken JSON (the name was written over, without a copy, by one letter).
    #[test]
    fn settings_with_a_field_that_cannot_be_read_are_kept_aside_before_a_change() {
        let keys = Keys::default();
        let store = MemoryStore::new();
        let raw = r#"{"schema":1,"data":{"patient_name":"Maria Alves da Silva","last_backup":"last Tuesday"}}"#;
        store.set(&keys.prefs(), raw).unwrap();
        let (prefs, kept_at) = update(&store, &keys, &|p| p.patient_name = "M".into()).unwrap();
        assert_eq!(prefs.patient_name, "M");
        let kept_at = kept_at.expect("copied aside");
        assert_eq!(store.get(&kept_at).unwrap().as_deref(), Some(raw));
    }

    #[test]
    fn delete_all_removes_only_this_namespace() {
        let store = MemoryStore::new();
        let mine = Keys::new("clinic-a");
        let theirs = Keys::new("clinic-b");
        for k in [
            mine.diary(),
            mine.walkthrough(),
            format!("{}.unreadable-1", mine.diary()),
            theirs.diary(),
        ] {
            store.set(&k, "x").unwrap();
        }
        store.set("site-cart", "keep me").unwrap();
        assert_eq!(delete_all(&store, &mine, at(5)), Ok(3));
        assert_eq!(
            store.keys().unwrap(),
            vec![theirs.diary(), "site-cart".to_string()]
        );
        assert_eq!(
            delete_all(&MemoryStore::blocked(), &mine, at(5)),
            Err(StoreError::Blocked)
        );
    }

    #[test]
    fn a_backups_mark_holds_each_live_copy_as_it_was_and_an_unreadable_one_is_dropped_alone() {
        let mut d = diary_changed_on(3);
        d.upsert(CheckIn {
            id: "gone".into(),
            updated: at(3),
            deleted: true,
            ..CheckIn::default()
        });
        let held = BackupHeld::of(&d, at(4));
        let held_copy = |c: &CheckIn| held.held(&c.id, c.updated);
        assert!(held_copy(d.check_in("c").unwrap()));
        // The deletion is held too, for the reminder (`backup_due`); a restore looks up live
        // copies alone, so it is never offered back.
        assert_eq!(held.copies.len(), 2);
        assert!(held.held("gone", at(3)));
        // The same record edited again, or another with the same time, is not held.
        assert!(!held_copy(&diary_changed_on(2).check_ins[0]));
        let mut other = d.check_in("c").unwrap().clone();
        other.id = "c2".into();
        assert!(!held_copy(&other));
        // Written and read back whole.
        let prefs = Prefs {
            patient_name: "Ana".into(),
            last_backup: Some(at(4)),
            backup_held: Some(held.clone()),
            extra: Extra::NONE,
        };
        let text = schema::encode(&PREFS_SCHEMA, &prefs).unwrap();
        assert_eq!(
            schema::decode::<Prefs>(&PREFS_SCHEMA, &text).unwrap(),
            prefs
        );
        assert!(!text.contains("files"), "left out when empty");
        let mut with_files = prefs.clone();
        let mut from_file = held.clone();
        from_file.set_files(vec![0, 0xdead_beef, u32::MAX]);
        with_files.backup_held = Some(from_file);
        let text = schema::encode(&PREFS_SCHEMA, &with_files).unwrap();
        assert!(
            text.contains(r#""files":"00000000deadbeefffffffff""#),
            "{text}"
        );
        assert_eq!(
            schema::decode::<Prefs>(&PREFS_SCHEMA, &text).unwrap(),
            with_files
        );
        // A device that made no backup keeps the files' copies alone, with no time.
        let only = Prefs {
            backup_held: Some(BackupHeld::files_only(vec![7])),
            last_backup: None,
            ..prefs.clone()
        };
        let text = schema::encode(&PREFS_SCHEMA, &only).unwrap();
        assert!(
            text.contains(r#""backup_held":{"copies":"","files":"00000007"}"#),
            "{text}"
        );
        assert_eq!(schema::decode::<Prefs>(&PREFS_SCHEMA, &text).unwrap(), only);
        // A mark cut short or not hex (a hand edit) goes; the name and the date stay.
        for bad in [
            r#""copies":"2bf8c11""#,
            r#""copies":"2bf8c11g""#,
            r#""copies":7"#,
        ] {
            let text = format!(
                r#"{{"schema":1,"data":{{"patient_name":"Ana","last_backup":"1970-01-05T00:00:00Z","backup_held":{{"at":"1970-01-05T00:00:00Z",{bad}}}}}}}"#
            );
            let read = schema::decode::<Prefs>(&PREFS_SCHEMA, &text).unwrap();
            assert_eq!(
                read,
                Prefs {
                    backup_held: None,
                    ..prefs.clone()
                },
                "{bad}"
            );
        }
    }

    #[test]
    fn prefs_round_trip_through_the_envelope() {
        let store = MemoryStore::new();
        let keys = Keys::default();
        let p = Prefs {
            patient_name: "Ana Sousa".into(),
            last_backup: Some(at(3)),
            backup_held: None,
            extra: Extra::NONE,
        };
        crate::core::schema::save(&store, &PREFS_SCHEMA, &keys.prefs(), &p).unwrap();
        let loaded =
            crate::core::schema::load::<Prefs>(&store, &PREFS_SCHEMA, &keys.prefs()).unwrap();
        assert_eq!(loaded, crate::core::schema::Loaded::Found(p));
    }
}
