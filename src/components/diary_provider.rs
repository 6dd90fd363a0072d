use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::lasting::Lasting;
use crate::core::content::DiaryUi;
use crate::core::diary::{new_id, CheckIn, Diary, Lesion, Medicine, MedicineText, QuestionNote};
use crate::core::diary_store::{
    apply_lesion_edit, unreadable_copies, EditError, Expect, LastSeen, LesionEdit, LesionEditError,
    MedicineEditError, RemoveError, StoredDiary, DIARY_SCHEMA,
};
use crate::core::draft::Draft;
use crate::core::drafts::{self, Drafts, Part, Short, ShortForm, DRAFTS_SCHEMA};
use crate::core::export::backup;
use crate::core::json::Extra;
use crate::core::kept::{self, kept_copies, KeptCopy, Kind};
use crate::core::prefs::{self, delete_all, Prefs, PREFS_SCHEMA};
use crate::core::schema::{self, DecodeError, Read};
use crate::core::store::StoreHandle;
use crate::core::store::{Keys, Store, StoreError};
use crate::core::time::Instant;
use crate::core::triage::{Assessment, Known, KnownOf};
use crate::core::walkthrough::{self, SavedPlace};
use crate::platform::clock;
use crate::platform::local_store::{storage_event, PAGE_WRITE};

/// A medicine just removed here, and the change typed for it and not saved (if any), for its
/// Undo to put back.
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    pub before: Medicine,
    pub change: Option<Short>,
}

/// A short message about the diary as a whole.
#[derive(Clone, Debug, PartialEq)]
pub enum DiaryNotice {
    /// "Delete all my data", or writing this tab's diary again, failed: why.
    WriteFailed(StoreError),
    OtherTab,
    /// Another tab, a newer version, wrote a diary this one cannot read.
    OtherTabUnreadable,
    /// Another tab deleted all of this widget's data: this tab dropped what it held too.
    DeletedElsewhere,
    /// Something other than this guide (the site's own script clearing storage, another
    /// program) removed the stored diary: this tab's diary, settings and unsaved work were
    /// written again.
    RemovedByOther,
    /// The stored diary turned unreadable (or another tab set such a copy aside): it was kept
    /// aside and this tab's diary, which it could read, was written again.
    SavedAgain,
    /// A write found the diary this tab saw stored gone, with no deletion heard: the patient
    /// chooses to keep it on the device or let it go (`StoreError::Gone`).
    Gone,
    /// "Keep my diary on this device" failed (storage full, or a newer version's diary stored
    /// meanwhile): this page still holds the only copy, and the patient is asked again, told why.
    GoneKeepFailed(StoreError),
    /// A check-in was not deleted: another tab changed it since this tab showed it.
    ChangedNotDeleted,
    /// An undo was not needed: another tab kept the deleted check-in again (maybe changed).
    BackAlready,
}

impl DiaryNotice {
    /// Whether the patient is asked what a diary found gone was: until answered (and kept), this
    /// page may hold the only copy.
    pub fn asks_about_gone(&self) -> bool {
        matches!(self, DiaryNotice::Gone | DiaryNotice::GoneKeepFailed(_))
    }

    /// A write that failed: the stored diary found gone (`StoreError::Gone`) asks the patient
    /// to keep it or let it go, whichever write found it so (a delete's failure said only that
    /// nothing was saved, and offered no choice).
    pub fn failed(e: StoreError) -> DiaryNotice {
        match e {
            StoreError::Gone => DiaryNotice::Gone,
            e => DiaryNotice::WriteFailed(e),
        }
    }
}

/// Why what this tab shows is behind the stored diary: it neither prints nor exports it (a copy
/// would leave entries out, and a backup would reset the reminder).
#[derive(Clone, Debug, PartialEq)]
pub enum Behind {
    /// A newer version wrote a diary this tab cannot read (another tab, or before this page
    /// opened).
    Newer,
    /// The stored diary could not be read when this page opened (the storage failed): it was
    /// left as it is, and nothing of it is shown.
    Unread(StoreError),
}

/// This tab's unsaved work as last kept, updated the moment it is kept (before the next
/// render); the check-in form this tab itself typed (kept), as against one it only opened from
/// storage; and the copy of its form that storage holds (the last one written, or the one it
/// opened), which is the copy its next keep replaces. After a write that failed (storage full)
/// that is not the form on screen: the older copy is replaced, not kept beside it. The storage
/// listener compares them with what is stored. One set of cells for the provider's life, so
/// handles compare equal by it.
#[derive(Clone)]
struct DraftsNow {
    drafts: Rc<RefCell<Rc<Drafts>>>,
    typed_here: Rc<RefCell<Option<Draft>>>,
    stored_form: Rc<RefCell<Option<Draft>>>,
}

impl PartialEq for DraftsNow {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.drafts, &other.drafts)
    }
}

/// Which part of the unsaved work a keep was for.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftPart {
    CheckIn,
    Question,
    Short(ShortForm),
}

/// How soon after this tab set a damaged diary aside a removal of the diary key is taken for
/// the other tab's same step crossing this tab's write, not for a deletion.
const CROSSING_MS: i64 = 2_000;

/// Each part of this tab's unsaved work, as typed (`keep`) or done with (not `keep`): to write
/// all of it again, or to take all of it away.
fn parts_of(mine: &Drafts, keep: bool) -> Vec<Part> {
    let mut parts: Vec<Part> = mine
        .short
        .iter()
        .map(|s| Part::Short(s.form.clone(), keep.then(|| s.clone())))
        .collect();
    if let Some(form) = &mine.check_in {
        parts.push(Part::CheckIn(keep.then(|| Box::new(form.clone()))));
    }
    if !mine.question.is_empty() {
        let question = if keep {
            mine.question.clone()
        } else {
            String::new()
        };
        parts.push(Part::Question(question));
    }
    parts
}

/// Writes again this tab's settings and unsaved work, after something this tab did not do
/// removed them from storage (a page's `localStorage.clear()`): of the settings only what
/// storage does not hold now (another tab or widget may have written them again first), and each
/// form merged as any keep. One result per write: the settings' (`None`), then each part's.
fn put_back_rest(
    store: &dyn Store,
    keys: &Keys,
    settings: &Prefs,
    mine: &Drafts,
) -> Vec<(Option<DraftPart>, Result<(), StoreError>)> {
    let mut results = Vec::new();
    if *settings != Prefs::default() {
        let put_back = |p: &mut Prefs| {
            if p.patient_name.is_empty() {
                p.patient_name = settings.patient_name.clone();
            }
            if settings.last_backup > p.last_backup {
                p.last_backup = settings.last_backup;
                p.backup_held.clone_from(&settings.backup_held);
            }
        };
        results.push((None, prefs::update(store, keys, &put_back).map(|_| ())));
    }
    for part in parts_of(mine, true) {
        let which = DraftPart::of(&part);
        results.push((
            Some(which),
            drafts::keep(store, keys, mine, part).map(|_| ()),
        ));
    }
    results
}

impl DraftPart {
    fn of(part: &Part) -> DraftPart {
        match part {
            Part::CheckIn(_) => DraftPart::CheckIn,
            Part::Question(_) => DraftPart::Question,
            Part::Short(form, _) => DraftPart::Short(form.clone()),
        }
    }
}

/// The parts of the unsaved work that could not be kept on the device, each until that part
/// itself is kept (or done): another part kept meanwhile says nothing of this one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftErrors(Vec<(DraftPart, StoreError)>);

impl Reducible for DraftErrors {
    type Action = (DraftPart, Option<StoreError>);

    fn reduce(self: Rc<Self>, (part, error): Self::Action) -> Rc<Self> {
        let mut list = self.0.clone();
        list.retain(|(p, _)| *p != part);
        list.extend(error.map(|e| (part, e)));
        Rc::new(DraftErrors(list))
    }
}

/// The diary and its verbs, shared with every diary component through context.
#[derive(Clone, PartialEq)]
pub struct DiaryHandle {
    pub diary: Rc<Diary>,
    /// Stored copies that could not be read (kept, never overwritten), of every kind.
    pub kept: Rc<Vec<KeptCopy>>,
    /// Stored values written by a newer version: left in place, never written over.
    pub newer: Rc<Vec<Kind>>,
    /// Unreadable values the open step could not copy aside (e.g. storage full): left in place,
    /// and the patient is told.
    pub set_aside_failed: Rc<Vec<(Kind, StoreError)>>,
    /// Storage is blocked: the diary works but keeps nothing.
    pub blocked: bool,
    pub notice: Option<DiaryNotice>,
    /// The check-in just deleted here, while its undo is offered. Kept apart from `notice`, so
    /// news from another tab never takes the undo away.
    pub undo: Option<Rc<CheckIn>>,
    /// What this tab shows is behind what is stored (see `Behind`), until it reads or writes
    /// the diary again.
    pub behind: Option<Behind>,
    pub prefs: Rc<Prefs>,
    /// Why the last change to the settings was not kept on the device (storage full): `prefs`
    /// holds it, on this page only, until a change is kept.
    pub prefs_unkept: Option<StoreError>,
    /// Unsaved work, kept across part switches and reloads.
    pub drafts: Rc<Drafts>,
    /// Parts of the unsaved work that could not be kept on the device (each shown beside its
    /// form: `draft_error`).
    draft_errors: UseReducerHandle<DraftErrors>,
    /// Whether unsaved work is kept on this device that this tab does not show (a form or a
    /// question left by a tab that was closed, or still open in another): offered when no form
    /// is open here (`open_waiting`) and when the question box is empty
    /// (`open_waiting_question`).
    pub waiting: WaitingFlags,
    /// Changes whenever everything was deleted (here or in another tab): views keyed on it start
    /// afresh, so nothing deleted stays on screen or in a form.
    pub generation: u32,
    /// Offers that outlive the part showing them (`lasting::use_lasting`).
    pub lasting: Lasting,
    /// What the triage rules know of a diary, worked out once for each (`known`).
    known_of: KnownOf,
    store: StoreHandle,
    keys: Keys,
    seen: Seen,
    set_diary: UseStateSetter<Rc<Diary>>,
    set_notice: UseStateSetter<Option<DiaryNotice>>,
    set_undo: UseStateSetter<Option<Rc<CheckIn>>>,
    set_behind: UseStateSetter<Option<Behind>>,
    set_kept: UseStateSetter<Rc<Vec<KeptCopy>>>,
    set_newer: UseStateSetter<Rc<Vec<Kind>>>,
    set_failed: UseStateSetter<Rc<Vec<(Kind, StoreError)>>>,
    set_prefs: UseStateSetter<Rc<Prefs>>,
    set_prefs_unkept: UseStateSetter<Option<StoreError>>,
    set_drafts: UseStateSetter<Rc<Drafts>>,
    drafts_now: DraftsNow,
    set_waiting: UseStateSetter<WaitingFlags>,
    set_generation: UseStateSetter<u32>,
}

/// Unsaved work kept on this device that a tab does not show (see `drafts::waiting`), as flags:
/// another tab's typing changes the work, not the flags, so this tab is not rendered again.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WaitingFlags {
    pub form: bool,
    pub question: bool,
}

impl WaitingFlags {
    fn of(waiting: &drafts::Waiting) -> WaitingFlags {
        WaitingFlags {
            form: waiting.form.is_some(),
            question: waiting.question.is_some(),
        }
    }
}

/// What this tab last read from or wrote to the stored diary (see `LastSeen`): one for the
/// provider's life, compared by identity.
#[derive(Clone, Default)]
struct Seen(Rc<LastSeen>);

impl PartialEq for Seen {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl DiaryHandle {
    /// What the triage rules know of the diary shown (`Known::of`), worked out once for it.
    pub fn known(&self) -> Rc<Known> {
        self.known_of.of(&self.diary)
    }

    /// Routes `check_in` as `diary` (this handle's, or one a save just wrote) sees it
    /// (`triage::assess_in`), sharing what it knows with the history that shows it.
    pub fn assess_in(&self, diary: &Rc<Diary>, check_in: &CheckIn) -> Assessment {
        self.known_of.assess_in(diary, check_in)
    }

    fn stored(&self) -> StoredDiary<'_> {
        StoredDiary {
            store: &*self.store.0,
            keys: &self.keys,
            seen: &self.seen.0,
        }
    }

    /// Saves a check-in and the lesions it creates or renames. `expect` is what should be stored
    /// under its id (nothing for a new one, the copy an edit started from): if another tab saved
    /// or changed it meanwhile, nothing is written and the other copy comes back for the patient
    /// to choose. On error nothing changed.
    /// Returns the diary as saved: this tab's merged with what is stored.
    pub fn record(
        &self,
        check_in: CheckIn,
        lesions: Vec<Lesion>,
        expect: Expect,
    ) -> Result<Rc<Diary>, EditError> {
        let saved = if self.blocked {
            // Kept in this page only: the advice it gives kept with it too.
            let id = check_in.id.clone();
            let mut d = self.diary.with_recorded(check_in, lesions);
            crate::core::triage::note_given(&mut d, &id);
            Rc::new(d)
        } else {
            let (saved, known) = self
                .stored()
                .save_edit_known(&self.diary, check_in, lesions, expect, clock::now())
                .inspect_err(|e| {
                    if let EditError::Store(e) = e {
                        self.told(e)
                    }
                })?;
            self.refresh_kept();
            self.caught_up();
            // What the saved diary knows, worked out by the save: the result and the history
            // shown next use it, not a second pass over the diary.
            self.known_of.hold(&saved, known);
            saved
        };
        self.set_diary.set(saved.clone());
        Ok(saved)
    }

    /// Renames a lesion, or marks it healed or followed again (see `LesionEdit`). What is
    /// stored is re-read first, so another tab's changes stay. On error nothing changed.
    pub fn edit_lesion(&self, id: &str, edit: LesionEdit) -> Result<(), LesionEditError> {
        let now = clock::now();
        if self.blocked {
            let mut next = (*self.diary).clone();
            apply_lesion_edit(&mut next, id, &edit, now)?;
            self.set_diary.set(Rc::new(next));
            return Ok(());
        }
        let saved = match self
            .stored()
            .save_lesion_edit(&self.diary, id, &edit, now)
            .inspect_err(|e| {
                if let LesionEditError::Store(e) = e {
                    self.told(e)
                }
            }) {
            Ok(saved) => saved,
            Err(e) => {
                if matches!(e, LesionEditError::RenamedElsewhere(_)) {
                    self.show_stored();
                }
                return Err(e);
            }
        };
        self.show_written(saved);
        Ok(())
    }

    /// Keeps (or, with `None`, clears) the check-in form as typed.
    pub fn keep_check_in_draft(&self, draft: Option<Draft>) {
        if self.drafts.check_in == draft {
            return;
        }
        let next = Drafts {
            check_in: draft.clone(),
            ..(*self.drafts).clone()
        };
        self.drafts_now.typed_here.replace(draft.clone());
        self.keep_drafts(Part::CheckIn(draft.map(Box::new)), next);
    }

    /// The unsaved work kept on this device that this tab does not show, read from storage now
    /// (see `waiting`); `mine` is this tab's drafts.
    fn waiting_now(&self, mine: &Drafts) -> drafts::Waiting {
        let stored = self.store.0.get(&self.keys.drafts()).ok().flatten();
        drafts::waiting(stored.as_deref(), mine)
    }

    /// Opens the waiting form (see `waiting`) in this tab: it becomes this tab's form, kept as
    /// before, so cancelling it here removes it and saving it here saves it once. `None` when
    /// none waits any more (another tab saved it meanwhile).
    pub fn open_waiting(&self) -> Option<Draft> {
        // Only with no form of this tab's kept: its own would be taken for the one opened.
        if self.blocked || self.drafts.check_in.is_some() {
            return None;
        }
        let form = self.waiting_now(&self.drafts).form?;
        self.keep_check_in_draft(Some(form.clone()));
        Some(form)
    }

    /// Puts the waiting question (see `waiting`) in this tab's empty question box: it becomes
    /// this tab's, kept once. `None` when none waits any more, or the box is not empty.
    pub fn open_waiting_question(&self) -> Option<String> {
        if self.blocked || !self.drafts.question.trim().is_empty() {
            return None;
        }
        let question = self.waiting_now(&self.drafts).question?;
        self.keep_question_draft(question.clone());
        Some(question)
    }

    /// Keeps (or, with an empty text, clears) a question being typed.
    pub fn keep_question_draft(&self, text: String) {
        if self.drafts.question == text {
            return;
        }
        let next = Drafts {
            question: text.clone(),
            ..(*self.drafts).clone()
        };
        self.keep_drafts(Part::Question(text), next);
    }

    /// Keeps a short form's text as typed (`Some`), or clears it (`None`: saved, cancelled, or
    /// back to what is stored), leaving every other form's, this tab's or another's.
    pub fn keep_short(&self, form: ShortForm, text: Option<Short>) {
        let mut next = (*self.drafts).clone();
        next.short.retain(|s| s.form != form);
        next.short.extend(text.clone());
        // Clearing is written even when this tab held nothing: it may be another tab's text
        // this form took over.
        if next == *self.drafts && text.is_some() {
            return;
        }
        self.keep_drafts(Part::Short(form, text), next);
    }

    /// Keeps `text`, taken over from the short form `from` (another tab's, or one left by a
    /// reload), as this tab's own, then removes `from`'s copy: the text is stored throughout.
    /// If the first write fails, `from`'s copy stays (and the form says it could not keep its
    /// text).
    pub fn take_over_short(&self, from: ShortForm, text: Short) {
        let mut next = (*self.drafts).clone();
        next.short.retain(|s| s.form != text.form && s.form != from);
        next.short.push(text.clone());
        if self.blocked {
            self.set_drafts_now(Rc::new(next));
            return;
        }
        let form = text.form.clone();
        let kept = drafts::keep(
            &*self.store.0,
            &self.keys,
            &self.drafts,
            Part::Short(text.form.clone(), Some(text)),
        )
        .and_then(|set_aside| {
            drafts::keep(&*self.store.0, &self.keys, &next, Part::Short(from, None))?;
            Ok(set_aside)
        });
        if let Ok(Some(_)) = kept {
            // Corrupt drafts were copied aside by the first write: listed now.
            self.refresh_kept();
        }
        self.draft_errors
            .dispatch((DraftPart::Short(form), kept.err()));
        self.set_drafts_now(Rc::new(next));
    }

    /// The newest short form's text kept on this device that `wanted` accepts, read from
    /// storage now (and this tab's own text of a form it could not keep there): what a form
    /// that opens starts with.
    pub fn kept_short(&self, wanted: &dyn Fn(&ShortForm) -> bool) -> Option<Short> {
        self.kept_shorts()
            .into_iter()
            .rev()
            .find(|s| wanted(&s.form))
    }

    /// Every short form's text kept on this device (the last typed last): one read of storage.
    /// A form whose text this tab could not keep there (storage blocked, or full part-way
    /// through) is as this tab has it: the stored copy, if any, is older and may be cut short
    /// (a dose's "90 mg" kept as "90"), and a form that opens again must not start from it.
    pub fn kept_shorts(&self) -> Vec<Short> {
        let mut shorts = if self.blocked {
            Vec::new()
        } else {
            drafts::stored_shorts(&*self.store.0, &self.keys)
        };
        for mine in &self.drafts.short {
            let unkept = self.blocked
                || self
                    .draft_error(&DraftPart::Short(mine.form.clone()))
                    .is_some();
            if unkept {
                shorts.retain(|s| s.form != mine.form);
                shorts.push(mine.clone());
            }
        }
        shorts
    }

    /// Writes this tab's change (`part`) over what is stored, leaving what another tab is
    /// typing; `next` is this tab's own drafts with the change.
    fn keep_drafts(&self, part: Part, next: Drafts) {
        // A form or question closed here, or one just begun: what else waits may have changed
        // (not looked at on every keystroke).
        let look_again = match &part {
            Part::CheckIn(form) => form.is_none() || self.drafts.check_in.is_none(),
            Part::Question(text) => {
                text.trim().is_empty() || self.drafts.question.trim().is_empty()
            }
            Part::Short(..) => false,
        };
        let which = DraftPart::of(&part);
        // The form this keep replaces is this tab's copy as stored, which a failed write left
        // older than the one on screen. So is the question: after a failed write (storage full
        // for a moment) the stored text is this tab's older one, not another tab's to keep
        // (it stayed stored, and was offered back as "a question you started typing").
        let question = match &part {
            Part::Question(_) if self.draft_error(&DraftPart::Question).is_some() => {
                match schema::read::<Drafts>(&*self.store.0, &DRAFTS_SCHEMA, &self.keys.drafts()) {
                    Ok(Read::Found(stored)) => stored.question,
                    _ => self.drafts.question.clone(),
                }
            }
            _ => self.drafts.question.clone(),
        };
        let was = Drafts {
            check_in: self.drafts_now.stored_form.borrow().clone(),
            question,
            ..(*self.drafts).clone()
        };
        let written = match &part {
            Part::CheckIn(form) => Some(form.as_deref().cloned()),
            _ => None,
        };
        let result = if self.blocked {
            Ok(())
        } else {
            drafts::keep(&*self.store.0, &self.keys, &was, part).map(|kept_at| {
                // Corrupt drafts were copied aside: listed now (not on every keystroke).
                if kept_at.is_some() {
                    self.refresh_kept();
                }
            })
        };
        if let Some(form) = written.filter(|_| result.is_ok()) {
            self.drafts_now.stored_form.replace(form);
        }
        self.draft_errors.dispatch((which, result.err()));
        if look_again && !self.blocked {
            self.set_waiting
                .set(WaitingFlags::of(&self.waiting_now(&next)));
        }
        self.set_drafts_now(Rc::new(next));
    }

    /// Adds a question for the clinician (blank text is ignored).
    /// Adds a question (not an empty one); returns its id (`None`: nothing to add).
    pub fn add_question(&self, text: &str) -> Result<Option<String>, StoreError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        // Added already (in another tab that showed it too): listed once.
        if let Some(id) = self.diary.question_with_text(text) {
            return Ok(Some(id.to_string()));
        }
        let now = clock::now();
        let mut next = (*self.diary).clone();
        let id = new_id('q', now, clock::random_u32());
        next.questions.push(QuestionNote {
            id: id.clone(),
            text: text.to_string(),
            updated: now,
            deleted: false,
            extra: Extra::NONE,
        });
        self.commit(next).map(|()| Some(id))
    }

    pub fn remove_question(&self, id: &str) -> Result<(), StoreError> {
        let mut next = (*self.diary).clone();
        next.delete_question(id, clock::now());
        self.commit(next)
    }

    /// Puts a question removed here back in its place, with its words (`held`, as it was
    /// listed). `Ok(false)`: its removal is no longer in this tab's diary (everything was
    /// deleted since, or another tab put it back), and nothing is written.
    pub fn undo_remove_question(&self, held: &QuestionNote) -> Result<bool, StoreError> {
        let mut next = (*self.diary).clone();
        if !next.undo_delete_question(held, clock::now()) {
            return Ok(false);
        }
        self.commit(next).map(|()| true)
    }

    /// Adds a medicine to the patient's list (`id` `None`) or changes the one with `id`, whose
    /// change started from the copy edited at `base`; returns its id. The text was checked by
    /// `check_medicine`. If another tab changed or removed it since, nothing is written and
    /// theirs comes back (`ChangedElsewhere`). On error nothing changed.
    pub fn save_medicine(
        &self,
        id: Option<&str>,
        text: MedicineText,
        base: Option<Instant>,
    ) -> Result<String, MedicineEditError> {
        // A new one added already (in another tab that showed it too): listed once.
        if let Some(same) = id
            .is_none()
            .then(|| self.diary.medicine_as(&text))
            .flatten()
        {
            return Ok(same.to_string());
        }
        let now = clock::now();
        let id = id.map_or_else(|| new_id('m', now, clock::random_u32()), str::to_string);
        let medicine = Medicine::new(id.clone(), text, now);
        let saved = if self.blocked {
            let mut next = (*self.diary).clone();
            next.upsert_medicine(medicine);
            Rc::new(next)
        } else {
            match self
                .stored()
                .save_medicine(&self.diary, medicine, base, now)
                .inspect_err(|e| {
                    if let MedicineEditError::Store(e) = e {
                        self.told(e)
                    }
                }) {
                Ok(saved) => {
                    self.refresh_kept();
                    self.caught_up();
                    saved
                }
                Err(e) => {
                    if matches!(e, MedicineEditError::ChangedElsewhere(_)) {
                        self.show_stored();
                    }
                    return Err(e);
                }
            }
        };
        self.set_diary.set(saved);
        Ok(id)
    }

    /// Removes a medicine from the list, as this tab shows it; returns the removed copy, for
    /// undo (`None` when it was already gone). On error nothing changed; when another tab
    /// changed it meanwhile, this tab shows it as stored now.
    pub fn remove_medicine(&self, id: &str) -> Result<Option<Removed>, RemoveError<Medicine>> {
        let Some(seen) = self.diary.medicine(id).map(|m| m.updated) else {
            return Ok(None);
        };
        let before = if self.blocked {
            let mut next = (*self.diary).clone();
            let before = next.delete_medicine(id, clock::now());
            self.set_diary.set(Rc::new(next));
            before
        } else {
            match self
                .stored()
                .remove_medicine(&self.diary, id, seen, clock::now())
                .inspect_err(|e| self.told_removal(e))
            {
                Ok((stored, before)) => {
                    self.show_written(stored);
                    Some(before)
                }
                Err(RemoveError::Gone) => {
                    self.show_stored();
                    None
                }
                Err(e) => {
                    if matches!(e, RemoveError::Changed(_)) {
                        self.show_stored();
                    }
                    return Err(e);
                }
            }
        };
        let Some(before) = before else {
            return Ok(None);
        };
        // A change typed for it and not saved goes too, this tab's or one left waiting (before a
        // reload, or in a tab since closed), said beside it: the patient chose to remove it, and
        // the form to add a medicine would otherwise offer its text (after a reload, listing it
        // twice with its Undo). Its Undo puts the change back (`undo_remove_medicine`). A form
        // open in another tab keeps its text there, says the medicine was removed, and can put
        // it back.
        let form = ShortForm::Medicine(id.to_string());
        let change = self.kept_short(&|f| *f == form);
        if change.is_some() {
            self.keep_short(form, None);
        }
        Ok(Some(Removed { before, change }))
    }

    /// Puts a removed medicine back, with the change typed for it and not saved, unless it is
    /// on the list again (another tab saved it: `RemoveError::Changed`, and this tab shows it
    /// as stored now).
    pub fn undo_remove_medicine(&self, removed: Removed) -> Result<(), RemoveError<Medicine>> {
        let Removed { before, change } = removed;
        let id = before.id.clone();
        // The change, from the copy put back: saving it then changes that copy. Unless a change
        // to it is kept again meanwhile (typed on in another tab, whose form said it was
        // removed): that one is newer, and stays.
        let keep_change = |back: &Diary| {
            let form = ShortForm::Medicine(id.clone());
            if let Some(mut change) = change.filter(|_| self.kept_short(&|f| *f == form).is_none())
            {
                change.from = back.medicine(&id).map(|m| m.updated);
                self.keep_short(form, Some(change));
            }
        };
        if self.blocked {
            let mut next = (*self.diary).clone();
            next.restore_medicine(before, clock::now());
            keep_change(&next);
            return Ok(self.commit(next)?);
        }
        match self
            .stored()
            .undo_remove_medicine(&self.diary, before, clock::now())
            .inspect_err(|e| self.told_removal(e))
        {
            Ok(stored) => {
                keep_change(&stored);
                self.show_written(stored);
                Ok(())
            }
            Err(e) => {
                if matches!(e, RemoveError::Changed(_) | RemoveError::Gone) {
                    self.show_stored();
                }
                // Its removal no longer stored: everything was deleted since, in another tab.
                if e == RemoveError::Gone {
                    self.set_notice.set(Some(DiaryNotice::DeletedElsewhere));
                }
                Err(e)
            }
        }
    }

    /// Shows the diary as stored now, after a write was withheld because another tab changed it.
    fn show_stored(&self) {
        self.show(self.current());
    }

    /// Shows `stored`, the diary as just read from storage (`current`), if it differs.
    pub fn show(&self, stored: Rc<Diary>) {
        if stored != self.diary {
            self.set_diary.set(stored);
        }
    }

    /// The diary as stored now (this tab's copy when nothing can be kept here, or when what is
    /// stored cannot be read: a save then says why). For work that waited, e.g. on a file being
    /// read: another tab may have saved, or deleted everything, meanwhile.
    pub fn current(&self) -> Rc<Diary> {
        if self.blocked {
            return self.diary.clone();
        }
        match self.stored().peek(clock::now()) {
            // With what this tab could not write again (storage full): the patient's too.
            Ok(Some(stored)) => self.seen.0.with_owed(stored),
            // Gone, unheard, where this tab saw one stored (see `StoreError::Gone`): what this
            // tab shows is all there is (a backup made now must not come out empty). Else none,
            // also for a handle from before a deletion this tab heard since (a restore whose
            // file was still being read): nothing deleted comes back through it.
            Ok(None) if self.seen.0.saw_one() => self.diary.clone(),
            Ok(None) => Rc::new(Diary::default()),
            Err(_) => self.diary.clone(),
        }
    }

    /// Replaces the diary with a merged one (after a restore) and saves it.
    pub fn replace(&self, merged: Diary) -> Result<(), StoreError> {
        self.commit(merged)
    }

    /// Brings back entries deleted here since a backup (`held`, from the restore report), through
    /// the one write path. Returns how many came back.
    pub fn bring_back(&self, held: &Diary) -> Result<usize, StoreError> {
        // From the diary as stored now: only what is still deleted there comes back, never
        // over a copy another tab or widget kept again (and edited) meanwhile.
        let (next, count) = backup::bring_back(&self.current(), held, clock::now());
        self.commit(next)?;
        Ok(count)
    }

    /// Puts back this device's copies a restore replaced or removed (`held`, from the restore
    /// report), through the one write path. Returns how many were put back.
    pub fn put_back(&self, held: &backup::Replaced) -> Result<usize, StoreError> {
        let (next, count) = backup::put_back(&self.current(), held, clock::now());
        self.commit(next)?;
        Ok(count)
    }

    /// Changes the patient's own settings. What is stored is re-read first, so a field another
    /// tab changed is never written back with a stale value; a newer version's settings are not
    /// written over (`NewerVersion`); corrupt ones are kept aside first (and listed). On error
    /// nothing stored changed, and the change still shows on this page.
    pub fn update_prefs(&self, change: &dyn Fn(&mut Prefs)) -> Result<(), StoreError> {
        let in_memory = || {
            let mut p = (*self.prefs).clone();
            change(&mut p);
            p
        };
        // A name this page holds that was not kept (storage full) is written with the next
        // change that is: re-read from storage, it would otherwise be dropped, unsaid.
        let unkept_name = self
            .prefs_unkept
            .as_ref()
            .map(|_| self.prefs.patient_name.clone());
        let with_name = |p: &mut Prefs| {
            if let Some(name) = &unkept_name {
                p.patient_name.clone_from(name);
            }
            change(p);
        };
        let prefs = if self.blocked {
            in_memory()
        } else {
            match prefs::update(&*self.store.0, &self.keys, &with_name) {
                Ok((prefs, kept_at)) => {
                    if kept_at.is_some() {
                        self.set_kept
                            .set(Rc::new(kept_copies(&*self.store.0, &self.keys)));
                    }
                    prefs
                }
                Err(e) => {
                    // Not kept, and said so by the caller; but not lost either: the change stays
                    // on screen and on a printout from this page (a name typed stays in its
                    // field), and in a widget mounted again here (the page changed an attribute).
                    self.set_prefs.set(Rc::new(in_memory()));
                    self.set_prefs_unkept.set(Some(e.clone()));
                    return Err(e);
                }
            }
        };
        self.set_prefs.set(Rc::new(prefs));
        self.set_prefs_unkept.set(None);
        Ok(())
    }

    /// Why the patient's name for the printout, as this page holds it, is not the one kept on the
    /// device, if it is not (the write failed: storage full); read from storage now.
    pub fn name_unkept(&self) -> Option<StoreError> {
        let why = self.prefs_unkept.clone()?;
        let stored = match schema::read::<Prefs>(&*self.store.0, &PREFS_SCHEMA, &self.keys.prefs())
        {
            Ok(Read::Found(p)) => p.patient_name,
            _ => String::new(),
        };
        (stored != self.prefs.patient_name).then_some(why)
    }

    /// The place in the guide saved last time (read only; `None` starts at step 1).
    pub fn saved_place(&self) -> Option<SavedPlace> {
        if self.blocked {
            return None;
        }
        walkthrough::read_place(&*self.store.0, &self.keys)
    }

    /// Remembers the place in the guide. A newer version's place is not written over
    /// (`NewerVersion`); a corrupt one is copied aside first (and listed).
    pub fn save_place(&self, step: &str) -> Result<(), StoreError> {
        if self.blocked {
            // Nothing can be kept; the guide says so once, above the steps.
            return Ok(());
        }
        let place = SavedPlace::at(step);
        if walkthrough::save_place(&*self.store.0, &self.keys, &place)?.is_some() {
            self.set_kept
                .set(Rc::new(kept_copies(&*self.store.0, &self.keys)));
        }
        Ok(())
    }

    /// Deletes every key of this widget (diary, place in the guide, settings, kept copies) and
    /// nothing else on the site.
    pub fn delete_everything(&self) -> Result<usize, StoreError> {
        let removed = delete_all(&*self.store.0, &self.keys, clock::now())?;
        self.seen.0.forget();
        self.set_diary.set(Rc::new(Diary::default()));
        self.set_prefs.set(Rc::new(Prefs::default()));
        self.set_prefs_unkept.set(None);
        self.set_kept.set(Rc::new(Vec::new()));
        self.set_newer.set(Rc::new(Vec::new()));
        self.set_failed.set(Rc::new(Vec::new()));
        // What could not be kept is gone too: nothing is said of it, nor held for a mount.
        for part in parts_of(&self.drafts, false) {
            self.draft_errors.dispatch((DraftPart::of(&part), None));
        }
        self.set_drafts_now(Rc::new(Drafts::default()));
        self.drafts_now.typed_here.replace(None);
        self.drafts_now.stored_form.replace(None);
        self.set_waiting.set(WaitingFlags::default());
        self.set_generation.set(self.generation.wrapping_add(1));
        self.lasting.clear();
        self.set_notice.set(None);
        self.set_undo.set(None);
        self.set_behind.set(None);
        Ok(removed)
    }

    /// Deletes a check-in as this tab shows it, offering undo. When another tab changed it
    /// meanwhile, nothing is deleted: this tab shows it as stored now, and says so. `Err` when
    /// nothing was deleted here: with the notice said about it (the history says it by the
    /// entry too, where the patient pressed), none when another tab had deleted it already.
    pub fn remove(&self, id: &str) -> Result<(), Option<DiaryNotice>> {
        let Some(seen) = self.diary.check_in(id).map(|c| c.updated) else {
            return Err(None);
        };
        if self.blocked {
            let mut next = (*self.diary).clone();
            if let Some(before) = next.delete(id, clock::now()) {
                self.set_diary.set(Rc::new(next));
                self.set_undo.set(Some(Rc::new(before)));
            }
            return Ok(());
        }
        match self
            .stored()
            .delete_check_in(&self.diary, id, seen, clock::now())
            .inspect_err(|e| self.told_removal(e))
        {
            Ok((stored, before)) => {
                self.show_written(stored);
                self.set_undo.set(Some(Rc::new(before)));
                self.set_notice.set(None);
                Ok(())
            }
            Err(RemoveError::Store(e)) => {
                let notice = DiaryNotice::failed(e);
                self.set_notice.set(Some(notice.clone()));
                Err(Some(notice))
            }
            Err(RemoveError::Changed(_)) => {
                self.show_stored();
                self.set_notice.set(Some(DiaryNotice::ChangedNotDeleted));
                Err(Some(DiaryNotice::ChangedNotDeleted))
            }
            // Deleted in another tab already: nothing to undo here.
            Err(RemoveError::Gone) => {
                self.show_stored();
                Err(None)
            }
        }
    }

    /// Puts back the check-in this tab deleted, unless another tab kept it again meanwhile
    /// (then the undo is withdrawn, and this tab shows it as stored now and says so).
    pub fn undo_delete(&self, before: CheckIn) {
        if self.blocked {
            let mut next = (*self.diary).clone();
            next.restore(before, clock::now());
            self.set_diary.set(Rc::new(next));
            self.set_undo.set(None);
            return;
        }
        match self
            .stored()
            .undo_delete(&self.diary, before, clock::now())
            .inspect_err(|e| self.told_removal(e))
        {
            Ok(stored) => {
                self.show_written(stored);
                self.set_undo.set(None);
                self.set_notice.set(None);
            }
            // The undo stays offered, to try again.
            Err(RemoveError::Store(e)) => self.set_notice.set(Some(DiaryNotice::failed(e))),
            Err(RemoveError::Changed(_)) => {
                self.show_stored();
                self.set_undo.set(None);
                self.set_notice.set(Some(DiaryNotice::BackAlready));
            }
            // Its deletion no longer stored: everything was deleted since, in another tab.
            Err(RemoveError::Gone) => {
                self.show_stored();
                self.set_undo.set(None);
                self.set_notice.set(Some(DiaryNotice::DeletedElsewhere));
            }
        }
    }

    pub fn dismiss_notice(&self) {
        self.set_notice.set(None);
    }

    /// The raw text of an unreadable copy, for download: `None` when it is no longer stored
    /// (deleted in another tab), and then it leaves the list here too.
    pub fn unreadable_text(&self, key: &str) -> Result<Option<String>, StoreError> {
        let text = self.store.0.get(key)?;
        if text.is_none() {
            self.refresh_kept();
        }
        Ok(text)
    }

    /// Deletes an unreadable copy (after the patient confirmed).
    pub fn forget_unreadable(&self, key: &str) -> Result<(), StoreError> {
        self.store.0.remove(key)?;
        self.set_kept
            .set(Rc::new(kept_copies(&*self.store.0, &self.keys)));
        Ok(())
    }

    /// The one place the diary is written: merge with what is stored, write, then show it.
    fn commit(&self, next: Diary) -> Result<(), StoreError> {
        if self.blocked {
            // Nothing can be kept; the diary still works for this visit.
            self.set_diary.set(Rc::new(next));
            return Ok(());
        }
        let merged = self
            .stored()
            .save(&next, clock::now())
            .inspect_err(|e| self.told(e))?;
        self.show_written(merged);
        Ok(())
    }

    /// Shows the diary a write just stored, and the kept copies as they are after it (a write
    /// may have set an unreadable copy aside).
    fn show_written(&self, stored: Rc<Diary>) {
        self.refresh_kept();
        self.set_diary.set(stored);
        self.caught_up();
    }

    /// A write of the diary just succeeded: it merged into all that was stored, so this tab is
    /// no longer behind.
    fn caught_up(&self) {
        if self.behind.is_some() {
            self.set_behind.set(None);
        }
    }

    /// A write was refused because the diary this tab saw stored is gone, unheard
    /// (`StoreError::Gone`): the patient is asked what it was (`keep_here`, `let_go`).
    fn told(&self, e: &StoreError) {
        if *e == StoreError::Gone {
            self.set_notice.set(Some(DiaryNotice::Gone));
        }
    }

    /// As `told`, for a removal or its undo.
    fn told_removal<T>(&self, e: &RemoveError<T>) {
        if let RemoveError::Store(e) = e {
            self.told(e)
        }
    }

    /// The patient keeps this tab's diary on the device, after it was found gone (`Gone`): it is
    /// written back whole, with the settings and the unsaved work this tab holds, and the
    /// patient is told how to delete it.
    pub fn keep_here(&self) {
        self.seen.0.forget();
        if let Err(e) = self.commit((*self.diary).clone()) {
            // Not kept: still only on this page. Asked again, with why (not "reload").
            self.set_notice.set(Some(DiaryNotice::GoneKeepFailed(e)));
            return;
        }
        let mut failed = None;
        for (which, result) in put_back_rest(&*self.store.0, &self.keys, &self.prefs, &self.drafts)
        {
            if let Err(e) = &result {
                failed = failed.or(Some(e.clone()));
            }
            if let Some(which) = which {
                self.draft_errors.dispatch((which, result.err()));
            }
        }
        self.set_notice.set(Some(match failed {
            None => DiaryNotice::RemovedByOther,
            Some(e) => DiaryNotice::failed(e),
        }));
    }

    /// The patient says the diary found gone (`Gone`) was deleted: this tab lets go of it too,
    /// as of a deletion heard, and of whatever of this guide is stored now. A diary another tab
    /// stored since (heard while the patient was asked) is that tab's, not this one's to delete:
    /// this tab lets go of its own copy and shows that one.
    pub fn let_go(&self) {
        match self.stored().peek(clock::now()) {
            // Nothing stored: deleted, as the patient says.
            Ok(None) => {}
            Ok(Some(stored)) => {
                self.set_diary.set(stored);
                self.set_undo.set(None);
                self.set_notice.set(None);
                return;
            }
            // A newer version's diary, or a damaged one, stored since: not this tab's to delete
            // (the damaged one is set aside by the next write or open, as always).
            Err(e) => {
                self.set_diary.set(Rc::new(Diary::default()));
                self.set_undo.set(None);
                let newer = matches!(e, DecodeError::Newer { .. });
                self.set_behind.set(newer.then_some(Behind::Newer));
                self.set_notice
                    .set(newer.then_some(DiaryNotice::OtherTabUnreadable));
                return;
            }
        }
        if let Err(e) = self.delete_everything() {
            self.set_notice.set(Some(DiaryNotice::failed(e)));
        }
    }

    /// Why this tab will not print or copy what it shows, in words, if it will not.
    pub fn behind_text(&self, t: &DiaryUi) -> Option<String> {
        match self.behind.as_ref()? {
            Behind::Newer => Some(t.behind_newer().clone()),
            Behind::Unread(_) => Some(t.behind_unread_copy().clone()),
        }
    }

    /// Why this part of the unsaved work could not be kept on the device, if it could not.
    pub fn draft_error(&self, part: &DraftPart) -> Option<&StoreError> {
        self.draft_errors
            .0
            .iter()
            .find(|(p, _)| p == part)
            .map(|(_, e)| e)
    }

    /// Sets this tab's unsaved work, for the next render and for the storage listener at once.
    fn set_drafts_now(&self, next: Rc<Drafts>) {
        *self.drafts_now.drafts.borrow_mut() = next.clone();
        self.set_drafts.set(next);
    }

    /// Lists the kept copies again after a write, which sets another writer's unreadable data
    /// aside before writing: the patient hears of it now, not at the next open. Renders only
    /// when the list changed.
    fn refresh_kept(&self) {
        let now = kept_copies(&*self.store.0, &self.keys);
        if now != *self.kept {
            self.set_kept.set(Rc::new(now));
        }
    }

    /// Is anything typed and not saved? (The page then asks before it is left.)
    pub fn has_unsaved_work(&self) -> bool {
        !self.drafts.is_empty()
    }
}

/// What a provider holds that storage does not: everything, with storage blocked; the unsaved
/// work it could not keep, with storage full. Kept outside the widget, by its store (one per
/// `<calcinosis-guide>` element, the same at each of its mounts) and namespace, so a widget taken
/// down and mounted again (the page changed an attribute, such as the phone number or the
/// language, or moved the element) starts from it, not from storage that lacks it; another
/// widget on the page never does. Only for as long as the page is open, like the widget itself.
#[derive(Clone)]
struct Held {
    diary: Rc<Diary>,
    prefs: Rc<Prefs>,
    /// The last write of the settings failed (storage full): they are as held, not as stored.
    prefs_unkept: Option<StoreError>,
    drafts: Rc<Drafts>,
    errors: DraftErrors,
}

/// What a widget element keeps from one mount to the next, for its namespace: what it held that
/// storage does not (`Held`), and its lasting offers (`Lasting`: an offer that says it lasts
/// until the page is left does, when the page changed an attribute, such as the language).
#[derive(Default)]
struct Mounts {
    held: Option<Held>,
    lasting: Lasting,
    last: Option<Last>,
    /// Hears a "Delete all my data" (or the diary's removal) made elsewhere for as long as the
    /// element is on the page, also between two mounts, when no provider listens: `last` is let
    /// go of then, so a mount again does not bring back what was deleted (see `forget_last`).
    _deletions: Option<[EventListener; 2]>,
}

/// What the last provider of an element showed, as of its last render: a widget mounted again
/// (the page changed an attribute, such as the phone number or the language) goes on from it
/// where storage lost it unheard (the page's own script cleared storage meanwhile: no event
/// tells the page that did it). The diary it saw stored (`seen`) is then asked about, not
/// dropped for an empty one; the check-in it just deleted keeps its Undo.
#[derive(Clone)]
struct Last {
    seen: Seen,
    diary: Rc<Diary>,
    prefs: Rc<Prefs>,
    drafts: Rc<Drafts>,
    undo: Option<Rc<CheckIn>>,
}

thread_local! {
    static MOUNTS: RefCell<Vec<(StoreHandle, String, Mounts)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on what this store and namespace keep between mounts (made empty the first time).
fn mounts<R>(store: &StoreHandle, keys: &Keys, f: impl FnOnce(&mut Mounts) -> R) -> R {
    let name = keys.diary();
    MOUNTS.with(|m| {
        let mut m = m.borrow_mut();
        let at = match m.iter().position(|(s, k, _)| s == store && *k == name) {
            Some(at) => at,
            None => {
                let kept = Mounts {
                    _deletions: deletions_heard(store, keys),
                    ..Mounts::default()
                };
                m.push((store.clone(), name, kept));
                m.len() - 1
            }
        };
        f(&mut m[at].2)
    })
}

/// Whether `e` tells of this widget's own write, told to the page for the other widgets on it
/// (its provider, if mounted, knows of it already).
fn own_write(store: &StoreHandle, e: &web_sys::StorageEvent) -> bool {
    store
        .0
        .writer()
        .is_some_and(|w| e.url().as_deref() == Some(w))
}

/// Whether `e` tells of a key removed. Read in the page, not copied into Rust: the text a write
/// leaves is the whole diary (nearly a megabyte after ten years), at each save in another tab.
fn removal(e: &web_sys::StorageEvent) -> bool {
    js_sys::Reflect::get(e, &"newValue".into()).is_ok_and(|v| v.is_null())
}

/// Whether `text`, a diary's stored text, is one this version cannot read (not a newer one's):
/// its removal is a damaged copy set aside, not a deletion.
fn unreadable_diary(text: &str) -> bool {
    matches!(
        schema::decode::<Diary>(&DIARY_SCHEMA, text),
        Err(DecodeError::Unreadable(_))
    )
}

/// Listeners that let go of what the last mount showed (`Last`) when a deletion is heard: the
/// mark of a "Delete all my data", or the diary removed (by another tab's, or another widget's,
/// write). A whole storage cleared (no key) is not a deletion by the patient: the next mount
/// asks (`DiaryNotice::Gone`).
fn deletions_heard(store: &StoreHandle, keys: &Keys) -> Option<[EventListener; 2]> {
    let window = web_sys::window()?;
    let on = |kind: &'static str| {
        let (store, keys) = (store.clone(), keys.clone());
        EventListener::new(&window, kind, move |e| {
            let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                return;
            };
            if own_write(&store, e) {
                return;
            }
            let key = e.key();
            let marked = key.as_deref() == Some(keys.deleting().as_str()) && !removal(e);
            // A damaged diary set aside (copied, then removed) is not a deletion.
            let removed = key.as_deref() == Some(keys.diary().as_str())
                && removal(e)
                && !e.old_value().is_some_and(|old| unreadable_diary(&old));
            if marked || removed {
                forget_last(&store, &keys, marked);
            }
        })
    };
    Some([on("storage"), on(PAGE_WRITE)])
}

/// Lets go of what the last mount of this store and namespace showed (see `Last`); after a
/// "Delete all my data" (`deleted`), of its lasting offers (a question's Undo put it back) and of
/// what it held that storage did not, too, as a provider hearing it does.
fn forget_last(store: &StoreHandle, keys: &Keys, deleted: bool) {
    let name = keys.diary();
    MOUNTS.with(|m| {
        if let Some((_, _, kept)) = m
            .borrow_mut()
            .iter_mut()
            .find(|(s, k, _)| s == store && *k == name)
        {
            kept.last = None;
            if deleted {
                kept.lasting.clear();
                kept.held = None;
            }
        }
    });
}

/// What the last provider of this store and namespace held that storage does not, if anything.
fn held_for(store: &StoreHandle, keys: &Keys) -> Option<Held> {
    mounts(store, keys, |m| m.held.clone())
}

/// Notes what this provider holds that storage does not (`None`: nothing, storage has it all).
fn hold(store: &StoreHandle, keys: &Keys, held: Option<Held>) {
    mounts(store, keys, |m| m.held = held);
}

/// What the last provider of this store and namespace showed (see `Last`). What it showed of
/// another namespace (the page switched `storage-namespace`) is let go of: it is not this one's.
fn last_for(store: &StoreHandle, keys: &Keys) -> Option<Last> {
    let name = keys.diary();
    MOUNTS.with(|m| {
        for (_, _, kept) in m
            .borrow_mut()
            .iter_mut()
            .filter(|(s, k, _)| s == store && *k != name)
        {
            kept.last = None;
        }
    });
    mounts(store, keys, |m| m.last.clone())
}

/// The lasting offers of this store and namespace, the same at each mount.
fn lasting_for(store: &StoreHandle, keys: &Keys) -> Lasting {
    mounts(store, keys, |m| m.lasting.clone())
}

/// The element of `store` left the page (not a remount, not a move): its lasting offers go, as
/// they say they would. Kept, they were found again when the page put the element back, also
/// after a "Delete all my data" made meanwhile in another tab, which no provider of it heard: an
/// Undo then put a deleted question back. So does what it last showed (`Last`): a log-out that
/// clears storage and takes the widget away must not bring the diary back with the element. What
/// it held that storage does not stays (the diary with storage blocked, unsaved work with it
/// full: the patient's, and in no other tab).
pub fn let_go_of_offers(store: &StoreHandle) {
    MOUNTS.with(|m| {
        let mut m = m.borrow_mut();
        for (_, _, kept) in m.iter_mut().filter(|(s, _, _)| s == store) {
            kept.lasting.clear();
            kept.last = None;
        }
        m.retain(|(s, _, kept)| s != store || kept.held.is_some());
    });
}

#[derive(Properties, PartialEq)]
pub struct DiaryProviderProps {
    pub store: StoreHandle,
    pub keys: Keys,
    pub children: Html,
}

/// Opens the diary once, keeps it in step with other tabs, and hands out `DiaryHandle`. State
/// starts from reads only; the explicit open step (setting corrupt data aside) runs once after
/// the first render.
#[component]
pub fn DiaryProvider(props: &DiaryProviderProps) -> Html {
    // The last mount's, at a mount again (see `Last`): for the first render's state only (`None`
    // at every later render, so it does not keep an old diary alive).
    let last = use_mut_ref(|| last_for(&props.store, &props.keys))
        .borrow_mut()
        .take();
    let seen = {
        let last = last.clone();
        use_state(move || last.map(|l| l.seen).unwrap_or_default())
    };
    // Opened once: the diary goes into state (shared with `seen`, not copied); what else the
    // open found is kept here.
    let found = use_mut_ref(|| (None::<DecodeError>, None::<StoreError>, false));
    let diary = {
        let (store, keys, seen, found, last) = (
            props.store.clone(),
            props.keys.clone(),
            (*seen).clone(),
            found.clone(),
            last.clone(),
        );
        use_state(move || {
            let opened = StoredDiary {
                store: &*store.0,
                keys: &keys,
                seen: &seen.0,
            }
            .open(clock::now());
            let blocked = opened.error == Some(StoreError::Blocked);
            // Nothing stored where the last mount saw its diary stored, and no deletion heard
            // (it would have let go of it): gone unheard, asked about as a save finding it gone
            // would (`DiaryNotice::Gone`), with what the last mount showed.
            let gone = last.filter(|l| {
                opened.error.is_none()
                    && opened.unreadable.is_none()
                    && *opened.diary == Diary::default()
                    && seen.0.saw_one()
                    && *l.diary != Diary::default()
            });
            *found.borrow_mut() = (opened.unreadable, opened.error, gone.is_some());
            // Storage blocked: all there is was held by this widget before it was mounted again.
            match (held_for(&store, &keys).filter(|_| blocked), gone) {
                (Some(held), _) => held.diary,
                (None, Some(last)) => last.diary,
                (None, None) => opened.diary,
            }
        })
    };
    let (unreadable_at_open, error_at_open, gone_at_open) = found.borrow().clone();
    // Gone at open (see above): the settings and unsaved work the last mount showed, too.
    let last_if_gone = last.clone().filter(|_| gone_at_open);
    // These three are set by the open step after the first render, nearly always to what they
    // already hold (nothing kept, nothing newer, nothing failed): `_eq` spares the whole widget a
    // second render then.
    let kept = {
        let (store, keys) = (props.store.clone(), props.keys.clone());
        use_state_eq(move || Rc::new(kept_copies(&*store.0, &keys)))
    };
    let newer_at_open = error_at_open == Some(StoreError::NewerVersion);
    let newer = use_state_eq(move || {
        Rc::new(if newer_at_open {
            vec![Kind::Diary]
        } else {
            vec![]
        })
    });
    let set_aside_failed = use_state_eq(|| Rc::new(Vec::<(Kind, StoreError)>::new()));
    let notice = use_state(move || gone_at_open.then_some(DiaryNotice::Gone));
    // Kept through a mount again: the Undo of a check-in just deleted says nothing of lasting,
    // but it went with the element's attribute change, and the check-in with it.
    let undo = use_state(move || last.and_then(|l| l.undo));
    // A diary a newer version saved, found at open, is as much ahead of this tab's (empty) copy
    // as one another tab saves later: nothing is printed or exported from that copy.
    // A diary that could not be read at all at open (the storage failed, not the data) is
    // behind in the same way, and said so.
    let behind = {
        let at_open = match &error_at_open {
            Some(StoreError::NewerVersion) => Some(Behind::Newer),
            Some(StoreError::Blocked) | None => None,
            Some(e) => Some(Behind::Unread(e.clone())),
        };
        use_state(move || at_open)
    };
    let blocked = error_at_open == Some(StoreError::Blocked);
    // Held before this mount (see `Held`): with storage blocked, the settings too; the unsaved
    // work storage could not keep, whichever.
    let held = use_state(|| held_for(&props.store, &props.keys));
    let prefs = {
        let (store, keys, held) = (props.store.clone(), props.keys.clone(), (*held).clone());
        let last = last_if_gone.clone();
        use_state(
            move || match (held.filter(|h| blocked || h.prefs_unkept.is_some()), last) {
                (Some(held), _) => held.prefs,
                (None, Some(last)) => last.prefs,
                (None, None) => {
                    match schema::read::<Prefs>(&*store.0, &PREFS_SCHEMA, &keys.prefs()) {
                        Ok(Read::Found(p)) => Rc::new(p),
                        _ => Rc::new(Prefs::default()),
                    }
                }
            },
        )
    };
    let drafts = {
        let (store, keys, held) = (props.store.clone(), props.keys.clone(), (*held).clone());
        let last = last_if_gone.clone();
        use_state(move || match (held, last) {
            (Some(held), _) => held.drafts,
            (None, Some(last)) => last.drafts,
            (None, None) => Rc::new(drafts::read(&*store.0, &keys)),
        })
    };
    let draft_errors = {
        let held = (*held).clone();
        use_reducer(move || held.map(|h| h.errors).unwrap_or_default())
    };
    let prefs_unkept = {
        let held = (*held).clone();
        use_state(move || held.and_then(|h| h.prefs_unkept))
    };
    // Noted at each render: what a widget mounted again here starts from.
    let unkept = blocked || prefs_unkept.is_some() || !draft_errors.0.is_empty();
    hold(
        &props.store,
        &props.keys,
        unkept.then(|| Held {
            diary: (*diary).clone(),
            prefs: (*prefs).clone(),
            prefs_unkept: (*prefs_unkept).clone(),
            drafts: (*drafts).clone(),
            errors: (*draft_errors).clone(),
        }),
    );
    mounts(&props.store, &props.keys, |m| {
        m.last = Some(Last {
            seen: (*seen).clone(),
            diary: (*diary).clone(),
            prefs: (*prefs).clone(),
            drafts: (*drafts).clone(),
            undo: (*undo).clone(),
        })
    });
    let waiting = {
        let (store, keys, mine) = (props.store.clone(), props.keys.clone(), (*drafts).clone());
        use_state_eq(move || {
            let stored = store.0.get(&keys.drafts()).ok().flatten();
            WaitingFlags::of(&drafts::waiting(stored.as_deref(), &mine))
        })
    };
    let generation = use_state(|| 0u32);
    // Anew with each generation: nothing of a diary deleted is held for it.
    let known_of = use_memo(*generation, |_| KnownOf::default());
    let lasting = {
        let (store, keys) = (props.store.clone(), props.keys.clone());
        use_state(move || lasting_for(&store, &keys))
    };
    // This tab's unsaved work as last rendered, for the storage listener below (set up once).
    let drafts_now = use_mut_ref(|| Rc::new(Drafts::default()));
    *drafts_now.borrow_mut() = (*drafts).clone();
    let typed_here = use_mut_ref(|| None::<Draft>);
    let stored_form = {
        let opened = drafts.check_in.clone();
        use_mut_ref(move || opened)
    };
    // This tab's diary as last rendered, for the storage listener: written again when the stored
    // copy turns out unreadable.
    let diary_now = use_mut_ref(|| Rc::new(Diary::default()));
    *diary_now.borrow_mut() = (*diary).clone();
    let prefs_now = use_mut_ref(|| Rc::new(Prefs::default()));
    *prefs_now.borrow_mut() = (*prefs).clone();
    // Whether the patient owes an answer about the diary found gone (`DiaryNotice::Gone`), as
    // last rendered, for the storage listener.
    let gone_owed = use_mut_ref(|| false);
    *gone_owed.borrow_mut() = notice.as_ref().is_some_and(DiaryNotice::asks_about_gone);

    {
        // The open step: corrupt diary, settings or place copied aside exactly; newer-version
        // data left in place and named; the patient is told about each (`KeptNotice`).
        let (store, keys, set_kept, set_newer, set_failed) = (
            props.store.clone(),
            props.keys.clone(),
            kept.setter(),
            newer.setter(),
            set_aside_failed.setter(),
        );
        let diary_unreadable = unreadable_at_open.is_some();
        use_effect_with((), move |_| {
            if blocked {
                return;
            }
            let step = kept::open_step(&*store.0, &keys, diary_unreadable);
            // Left in place, and shown (`KeptNotice`): later writes to it are refused.
            set_failed.set(Rc::new(step.failed));
            let mut all = step.newer;
            if newer_at_open {
                all.insert(0, Kind::Diary);
            }
            set_newer.set(Rc::new(all));
            set_kept.set(Rc::new(step.kept));
        });
    }

    {
        // Another tab wrote: re-read what it changed. When it deleted everything (its mark set,
        // or the diary key removed), drop everything this tab holds too, so no deleted data
        // stays on screen or is written back. The whole storage cleared by the site is not a
        // deletion by the patient: what this tab holds is written again.
        let (store, keys, seen, set_diary, set_notice, set_prefs, set_drafts, generation) = (
            props.store.clone(),
            props.keys.clone(),
            (*seen).clone(),
            diary.setter(),
            notice.setter(),
            prefs.setter(),
            drafts.setter(),
            generation.clone(),
        );
        let (set_undo, set_behind) = (undo.setter(), behind.setter());
        let (drafts_now, draft_errors) = (drafts_now.clone(), draft_errors.dispatcher());
        let (typed_here, diary_now, set_kept) =
            (typed_here.clone(), diary_now.clone(), kept.setter());
        let (prefs_now, gone_owed) = (prefs_now.clone(), gone_owed.clone());
        let set_prefs_unkept = prefs_unkept.setter();
        let lasting_now = (*lasting).clone();
        // Set by the catch-up of a page brought back with Back that finds everything gone: a
        // deletion by this guide (its mark is gone by then), heard as storage cleared.
        let gone_while_away = Rc::new(std::cell::Cell::new(false));
        // When this tab last set a damaged stored diary aside and wrote its own (see `crossed`).
        let set_aside_here = Rc::new(std::cell::Cell::new(None::<Instant>));
        let away = gone_while_away.clone();
        let stored_form = stored_form.clone();
        let set_waiting = waiting.setter();
        let catching_up = (
            store.clone(),
            keys.clone(),
            seen.clone(),
            diary_now.clone(),
            set_kept.clone(),
            gone_owed.clone(),
        );
        // Set once a page brought back with Back has caught up (below), until the next storage
        // event: the browser then sends the events it missed, a deletion's mark first.
        let just_back = Rc::new(std::cell::Cell::new(false));
        let back = just_back.clone();
        use_effect_with((), move |_| {
            let on_storage = move |e: &web_sys::Event| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if own_write(&store, e) {
                    return;
                }
                let key = e.key();
                let removed = removal(e);
                let returned = just_back.replace(false);
                let nothing_of_ours_left = || keys.none_in(&*store.0);
                // "Delete all my data" in another tab sets this mark before it removes anything,
                // so it is heard whatever was stored, unsaved work included. (The drafts'
                // removal alone is not a deletion: a form saved or cancelled in another tab
                // removes them too, and with nothing else stored, as on a page that opens on the
                // diary, it looked like one, and this tab let go of its form.)
                let deleting = !removed && key.as_deref() == Some(keys.deleting().as_str());
                // A diary that could not be read, set aside by another tab's open step or save
                // (copied to a key of its own, then removed): not a deletion. This tab's diary,
                // which it can read, is written again.
                let set_aside_elsewhere = || {
                    let old = e.old_value().filter(|old| unreadable_diary(old));
                    old.is_some_and(|old| {
                        unreadable_copies(&*store.0, &keys)
                            .iter()
                            .any(|k| store.0.get(k).ok().flatten().as_deref() == Some(&old))
                    })
                };
                // This tab's diary saved again (merged into what is stored now, as any save).
                let save_ours = || {
                    let ours = diary_now.borrow().clone();
                    let stored = StoredDiary {
                        store: &*store.0,
                        keys: &keys,
                        seen: &seen.0,
                    };
                    // Written back on purpose: the diary's removal was heard, and what it was.
                    seen.0.forget();
                    stored
                        .save(&ours, clock::now())
                        .map(|saved| set_diary.set(saved))
                };
                let write_ours_again = || {
                    match save_ours() {
                        Ok(()) => set_notice.set(Some(DiaryNotice::SavedAgain)),
                        Err(e) => set_notice.set(Some(DiaryNotice::failed(e))),
                    }
                    set_behind.set(None);
                    set_kept.set(Rc::new(kept_copies(&*store.0, &keys)));
                };
                let diary_removed = removed && key.as_deref() == Some(keys.diary().as_str());
                // This tab itself set a damaged diary aside a moment ago and wrote its own: the
                // other tab that found the same damage removes the diary key as its last step,
                // and that removal can take this tab's fresh write with it (the two tabs' writes
                // cross). Not a deletion either: written again.
                let crossed = diary_removed
                    && **diary_now.borrow() != Diary::default()
                    && set_aside_here
                        .take()
                        .is_some_and(|t| clock::now().0 - t.0 < CROSSING_MS);
                if diary_removed && (crossed || set_aside_elsewhere()) {
                    write_ours_again();
                    return;
                }
                // Only as storage now shows it: a clear of another storage area (a frame's
                // `sessionStorage.clear()` is heard here too) or a made-up event must not empty
                // this tab and tell the patient everything was deleted.
                let diary_gone = || store.0.get(&keys.diary()).is_ok_and(|d| d.is_none());
                let everything_gone = (key.is_none() && nothing_of_ours_left())
                    || (diary_removed && diary_gone())
                    || deleting;
                // The whole of this site's storage cleared at once (`localStorage.clear()`, by the
                // site's own script at a log-out, say), not heard by a page brought back with
                // Back: never this guide's "Delete all my data", which removes its keys one by
                // one after setting its mark. What this tab holds is the patient's: it is written
                // again (merged with what another tab or widget wrote again first), and the
                // patient told how to delete it. (The diary key removed alone is still heard as
                // a deletion: older versions delete so, and this one does when storage is too
                // full for the mark.)
                let local = || web_sys::window().and_then(|w| w.local_storage().ok().flatten());
                let cleared_by_site = key.is_none()
                    && e.storage_area().is_some_and(|area| Some(area) == local())
                    && !gone_while_away.replace(false);
                if cleared_by_site && !blocked {
                    let (mine, settings) =
                        (drafts_now.borrow().clone(), prefs_now.borrow().clone());
                    let holds_diary = **diary_now.borrow() != Diary::default();
                    let holds_settings = *settings != Prefs::default();
                    if !holds_diary && !holds_settings && mine.is_empty() {
                        return;
                    }
                    let mut failed = None;
                    if holds_diary {
                        failed = save_ours().err();
                    }
                    for (which, result) in put_back_rest(&*store.0, &keys, &settings, &mine) {
                        if which == Some(DraftPart::CheckIn) && result.is_ok() {
                            stored_form.replace(mine.check_in.clone());
                        }
                        if let Err(e) = &result {
                            failed = failed.or(Some(e.clone()));
                        }
                        if let Some(which) = which {
                            draft_errors.dispatch((which, result.err()));
                        }
                    }
                    match failed {
                        None => {
                            set_notice.set(Some(DiaryNotice::RemovedByOther));
                            set_behind.set(None);
                        }
                        // A newer version's diary, written again first by its own tab: this tab
                        // is behind it.
                        Some(StoreError::NewerVersion) => {
                            set_notice.set(Some(DiaryNotice::OtherTabUnreadable));
                            set_behind.set(Some(Behind::Newer));
                        }
                        Some(e) => set_notice.set(Some(DiaryNotice::failed(e))),
                    }
                    set_kept.set(Rc::new(kept_copies(&*store.0, &keys)));
                    return;
                }
                if everything_gone {
                    // A tab brought back with Back hears the deletion only after its catch-up
                    // has kept its form again (the drafts were gone, as after a save
                    // elsewhere): what it kept goes too, or the form typed before "Delete all my
                    // data" came back in the next tab opened. Only then: heard live, the
                    // deletion is still under way in the other tab, and a write here now could
                    // race with it.
                    if returned && !blocked {
                        let mine = drafts_now.borrow().clone();
                        let store = &*store.0;
                        for part in parts_of(&mine, false) {
                            // If it fails, the form stays stored, as before: nothing is lost.
                            let _ = drafts::keep(store, &keys, &mine, part);
                        }
                    }
                    seen.0.forget();
                    set_diary.set(Rc::new(Diary::default()));
                    set_prefs.set(Rc::new(Prefs::default()));
                    set_prefs_unkept.set(None);
                    set_drafts.set(Rc::new(Drafts::default()));
                    set_waiting.set(WaitingFlags::default());
                    // At once: the drafts' own removal may be heard before the next render,
                    // and the diary's removal must not find the deleted diary to write again.
                    for part in parts_of(&drafts_now.borrow(), false) {
                        draft_errors.dispatch((DraftPart::of(&part), None));
                    }
                    *drafts_now.borrow_mut() = Rc::new(Drafts::default());
                    *diary_now.borrow_mut() = Rc::new(Diary::default());
                    *prefs_now.borrow_mut() = Rc::new(Prefs::default());
                    set_aside_here.set(None);
                    typed_here.replace(None);
                    stored_form.replace(None);
                    generation.set(generation.wrapping_add(1));
                    lasting_now.clear();
                    set_notice.set(Some(DiaryNotice::DeletedElsewhere));
                    // Nothing deleted everywhere may come back through this tab's undo.
                    set_undo.set(None);
                    set_behind.set(None);
                } else if key.as_deref() == Some(keys.diary().as_str()) && *gone_owed.borrow() {
                    // Asked what the diary found gone was, and not answered yet: this tab's copy
                    // may be the only one, and stays on screen, asked about, whatever another
                    // tab writes meanwhile (it was put in its place, and lost). Kept, it is
                    // merged into what is stored then; let go, what is stored then is shown.
                } else if key.as_deref() == Some(keys.diary().as_str()) {
                    // Read only: what another tab wrote is never moved or overwritten here.
                    let stored = StoredDiary {
                        store: &*store.0,
                        keys: &keys,
                        seen: &seen.0,
                    };
                    // What this tab last wrote, if it read nothing since (held as soon as
                    // written, before this tab renders it), and what it owes storage from a
                    // write like this one that failed (found by review: the next write heard
                    // took those records off the screen, and out of files). Not what it read:
                    // another writer may have changed that on purpose.
                    let ours = seen.0.with_owed(seen.0.written().unwrap_or_default());
                    match stored.peek(clock::now()) {
                        Ok(Some(fresh)) => {
                            // A write that crossed this tab's own lacks what this tab wrote: it
                            // is written again, with the other's (`keep_crossed`). If it cannot
                            // be (storage full), this tab shows both, the other's new check-ins
                            // and warning signs among them, and says the write failed; its next
                            // save writes both.
                            let fresh = match stored.keep_crossed(&ours, &fresh, clock::now()) {
                                Ok(both) => both.unwrap_or(fresh),
                                Err(e) => {
                                    // What is stored, with what this tab now owes it.
                                    set_diary.set(seen.0.with_owed(fresh));
                                    set_notice.set(Some(DiaryNotice::failed(e)));
                                    return;
                                }
                            };
                            // Said only when what the patient sees changed: the same diary
                            // written again (after a site's clear, by another tab or widget)
                            // would put "updated in another tab" over the notice that says why.
                            if *fresh != **diary_now.borrow() {
                                set_notice.set(Some(DiaryNotice::OtherTab));
                            }
                            set_diary.set(fresh);
                            set_behind.set(None);
                        }
                        // Removed since this change was made: the removal is heard next (a
                        // deletion of everything, or a damaged copy set aside), and decides.
                        Ok(None) => {}
                        // A newer version's diary: this tab is behind it, and writes nothing.
                        Err(DecodeError::Newer { .. }) => {
                            set_notice.set(Some(DiaryNotice::OtherTabUnreadable));
                            set_behind.set(Some(Behind::Newer));
                        }
                        // Damaged, not newer: kept aside as it is, and this tab's diary (which
                        // it could read until now) written again, as its next save would.
                        Err(DecodeError::Unreadable(_)) => {
                            set_aside_here.set(Some(clock::now()));
                            write_ours_again()
                        }
                    }
                } else if key.as_deref() == Some(keys.drafts().as_str()) && !blocked {
                    // Another tab saved or cancelled the form this tab still shows (or its own
                    // took the one slot): keep this tab's again, or closing it would lose it.
                    // Not after "Delete all my data" elsewhere: its mark was heard first, and
                    // this tab let go of everything it held.
                    // Heard at each keystroke of another tab: the keys are listed only when a
                    // form would be kept again.
                    // What is stored now, not the event's copy: events queue, and one heard late
                    // can be older than this tab's own last write.
                    let mine = drafts_now.borrow().clone();
                    let new_value = store.0.get(&keys.drafts()).ok().flatten();
                    let own = mine.check_in.is_some() && *typed_here.borrow() == mine.check_in;
                    let again = drafts::form_to_keep_again(new_value.as_deref(), &mine, own);
                    let waiting = drafts::waiting(new_value.as_deref(), &mine);
                    set_waiting.set(WaitingFlags::of(&waiting));
                    if let Some(form) = again {
                        let was = Drafts {
                            check_in: stored_form.borrow().clone(),
                            ..(*mine).clone()
                        };
                        let part = Part::CheckIn(Some(Box::new(form.clone())));
                        let result = drafts::keep(&*store.0, &keys, &was, part);
                        if result.is_ok() {
                            stored_form.replace(Some(form));
                        }
                        draft_errors.dispatch((DraftPart::CheckIn, result.err()));
                    }
                    // The list as stored now (read once this change is heard, and only when
                    // something of this tab's is to be kept again): what another tab added is
                    // not kept again as unsaved work.
                    let listed = std::cell::OnceCell::new();
                    let listed = || {
                        listed
                            .get_or_init(|| {
                                let stored = StoredDiary {
                                    store: &*store.0,
                                    keys: &keys,
                                    seen: &seen.0,
                                };
                                stored.peek(clock::now()).ok().flatten()
                            })
                            .clone()
                    };
                    // This tab's question, typed over, added or cleared in another tab: kept
                    // again, unless it is on the list now (added there).
                    let question = drafts::question_to_keep_again(new_value.as_deref(), &mine);
                    let added =
                        |q: &String| listed().is_some_and(|d| d.question_with_text(q).is_some());
                    if let Some(q) = question.filter(|q| !added(q)) {
                        let result = drafts::keep(&*store.0, &keys, &mine, Part::Question(q));
                        draft_errors.dispatch((DraftPart::Question, result.err()));
                    }
                    // The same for this tab's short forms (a lump's new name, a change to a
                    // medicine, a new one): another tab that saved or cleared the same one took
                    // its text out; this tab still shows it, so it is kept again, unless it is
                    // a new medicine that tab added. (Two tabs typing in the same one share its
                    // place: the one typed last is kept.)
                    if !mine.short.is_empty() {
                        let stored = drafts::shorts_in(new_value.as_deref());
                        for short in mine
                            .short
                            .iter()
                            .filter(|m| !stored.iter().any(|s| s.form == m.form))
                            .filter(|m| !listed().is_some_and(|d| drafts::added_already(&d, m)))
                        {
                            let part = Part::Short(short.form.clone(), Some(short.clone()));
                            let result = drafts::keep(&*store.0, &keys, &mine, part);
                            let which = DraftPart::Short(short.form.clone());
                            draft_errors.dispatch((which, result.err()));
                        }
                    }
                } else if key.as_deref() == Some(keys.prefs().as_str()) {
                    let fresh =
                        schema::decode::<Prefs>(&PREFS_SCHEMA, &e.new_value().unwrap_or_default())
                            .unwrap_or_default();
                    set_prefs.set(Rc::new(fresh));
                    // The settings another tab kept, later than this page's that were not: shown
                    // as they are stored now, so nothing is held as not kept any more.
                    set_prefs_unkept.set(None);
                } else if key.as_deref().is_some_and(|k| kept::is_kept_copy(k, &keys)) {
                    // A kept copy made or deleted in another tab: the list here follows, so no
                    // copy is offered that is gone, and none made is left unsaid.
                    set_kept.set(Rc::new(kept_copies(&*store.0, &keys)));
                }
            };
            let on_storage = Rc::new(on_storage);
            // A page brought back from the browser's history (its back-forward cache) heard none
            // of the storage events sent while it was away: another tab may have saved, renamed
            // a lump or deleted everything meanwhile. It hears storage as it is now, as events:
            // the diary when it differs from this tab's, then the settings and the drafts.
            let catch_up = {
                let on_storage = on_storage.clone();
                let (store, keys, seen, diary_now, set_kept, gone_owed) = catching_up;
                move |e: &web_sys::Event| {
                    // With nothing stored here (blocked), what this tab holds is all there is.
                    let persisted = js_sys::Reflect::get(e, &"persisted".into());
                    if blocked || !persisted.is_ok_and(|p| p.is_truthy()) {
                        return;
                    }
                    let ours = diary_now.borrow().clone();
                    let stored = StoredDiary {
                        store: &*store.0,
                        keys: &keys,
                        seen: &seen.0,
                    }
                    .peek(clock::now());
                    let read = |key: &str| store.0.get(key).ok().flatten();
                    let hear = |key: Option<&str>, old: Option<String>| {
                        let now = key.and_then(read);
                        if let Some(event) = storage_event(key, old.as_deref(), now.as_deref()) {
                            on_storage(&event);
                        }
                    };
                    match stored {
                        Ok(Some(theirs)) if theirs == ours => {}
                        // Gone, with nothing of ours left: deleted everywhere, heard as the
                        // whole storage cleared. (Only a diary tells: the mark that tells a
                        // deletion live is gone by now, and unsaved work alone may have been
                        // cancelled elsewhere, or never stored at all with storage full. It is
                        // kept again, as the drafts are heard below.)
                        // Asked what the diary found gone was, not answered: still not known,
                        // still asked (not taken for a deletion everywhere).
                        Ok(None) if *gone_owed.borrow() => {}
                        Ok(None) if *ours != Diary::default() && keys.none_in(&*store.0) => {
                            away.set(true);
                            hear(None, None)
                        }
                        // Gone, with a damaged copy set aside (by another tab, which could not
                        // read it): heard as that copy's removal, so this tab's diary, which it
                        // could read, is written again and the patient is told, as when heard
                        // live. (Gone with neither: this tab's next save asks the patient first, `StoreError::Gone`.)
                        Ok(None) if *ours != Diary::default() => {
                            let copy = unreadable_copies(&*store.0, &keys)
                                .last()
                                .and_then(|k| read(k));
                            if copy.is_some() {
                                hear(Some(&keys.diary()), copy);
                            }
                        }
                        Ok(None) => {}
                        _ => hear(Some(&keys.diary()), None),
                    }
                    hear(Some(&keys.prefs()), None);
                    hear(Some(&keys.drafts()), None);
                    // Kept copies made or deleted meanwhile.
                    set_kept.set(Rc::new(kept_copies(&*store.0, &keys)));
                    // What the browser sends next is what this page missed.
                    back.set(true);
                }
            };
            // Removed when the provider goes (the listeners are dropped with the effect).
            // Another tab's writes (`storage`), and another widget's on this page (its own
            // event, `PAGE_WRITE`).
            let listeners = web_sys::window().map(|w| {
                let heard = {
                    let on_storage = on_storage.clone();
                    move |e: &web_sys::Event| on_storage(e)
                };
                let heard_here = move |e: &web_sys::Event| on_storage(e);
                [
                    EventListener::new(&w, "storage", heard),
                    EventListener::new(&w, PAGE_WRITE, heard_here),
                    EventListener::new(&w, "pageshow", catch_up),
                ]
            });
            move || drop(listeners)
        });
    }

    {
        // Unsaved work: the browser asks before the page is left or reloaded. (The work is kept
        // as a draft too; the question makes sure nobody loses it without knowing.) With
        // storage blocked, or the stored diary found gone, everything entered lives only on this
        // page, saved or not.
        let entered = || {
            let d = &**diary;
            d.check_ins.iter().any(|c| !c.deleted)
                || d.lesions.iter().any(|l| !l.deleted)
                || d.medicines.iter().any(|m| !m.deleted)
                || d.questions.iter().any(|q| !q.deleted)
                || !prefs.patient_name.is_empty()
        };
        // The diary found gone, unheard (`DiaryNotice::Gone`): until the patient says keep it or
        // let it go, this page holds the only copy.
        let only_here = notice.as_ref().is_some_and(DiaryNotice::asks_about_gone);
        // Records another tab's write left out that a full storage could not take again
        // (`LastSeen::owed`) are on this page only, too (found by a model test: a reload lost
        // them without a question).
        let owes = seen.0.owed().is_some();
        let unsaved = !drafts.is_empty() || owes || ((blocked || only_here) && entered());
        use_effect_with(unsaved, move |&unsaved| {
            // Not passive: the listener must be able to cancel the unload.
            let listener = web_sys::window().filter(|_| unsaved).map(|w| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&w, "beforeunload", options, |e| {
                    e.prevent_default();
                    if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                        e.set_return_value("");
                    }
                })
            });
            move || drop(listener)
        });
    }

    let handle = DiaryHandle {
        diary: (*diary).clone(),
        kept: (*kept).clone(),
        newer: (*newer).clone(),
        set_aside_failed: (*set_aside_failed).clone(),
        blocked,
        notice: (*notice).clone(),
        undo: (*undo).clone(),
        behind: (*behind).clone(),
        prefs: (*prefs).clone(),
        prefs_unkept: (*prefs_unkept).clone(),
        drafts: (*drafts).clone(),
        draft_errors: draft_errors.clone(),
        waiting: *waiting,
        generation: *generation,
        lasting: (*lasting).clone(),
        known_of: (*known_of).clone(),
        store: props.store.clone(),
        keys: props.keys.clone(),
        seen: (*seen).clone(),
        set_diary: diary.setter(),
        set_notice: notice.setter(),
        set_undo: undo.setter(),
        set_behind: behind.setter(),
        set_kept: kept.setter(),
        set_newer: newer.setter(),
        set_failed: set_aside_failed.setter(),
        set_prefs: prefs.setter(),
        set_prefs_unkept: prefs_unkept.setter(),
        set_drafts: drafts.setter(),
        drafts_now: DraftsNow {
            drafts: drafts_now.clone(),
            typed_here: typed_here.clone(),
            stored_form: stored_form.clone(),
        },
        set_waiting: waiting.setter(),
        set_generation: generation.setter(),
    };
    html! {
        <ContextProvider<DiaryHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<DiaryHandle>>
    }
}

/// The diary and its verbs (`record`, `remove`, `undo_delete`...). Must be used inside
/// `DiaryProvider`.
#[hook]
pub fn use_diary() -> DiaryHandle {
    use_context::<DiaryHandle>().expect("use_diary must be called inside DiaryProvider")
}

/// Whether everything was deleted (here or in another tab, see `DiaryHandle::generation`) since
/// the calling component last rendered: true once, on the render that first sees it, so that
/// the component drops what it holds (an open form, an Undo) and nothing deleted can be put
/// back from it.
#[hook]
pub fn use_deleted_all(diary: &DiaryHandle) -> bool {
    let seen = use_mut_ref(|| diary.generation);
    let changed = *seen.borrow() != diary.generation;
    *seen.borrow_mut() = diary.generation;
    changed
}
