//! Unsaved work kept across part switches and reloads: the check-in form as typed, a question
//! being written, and the short forms (a medicine added or changed, a lump renamed). Stored under its own key, cleared when saved or cancelled. Several tabs may
//! type at once: each writes only its own change over what is stored (`keep`). Drafts that
//! cannot be read are never written over: the open step copies corrupt ones aside and a newer
//! version's stay as they are (see `kept`); the widget then starts without them.

use crate::core::json::Value;

use super::diary::{check_medicine, Diary};
use super::draft::Draft;
use super::json::{self, Extra, Fields, Out, Stored};
use super::schema::{self, Read, Schema};
use super::store::{Keys, Store, StoreError};
use super::time::Instant;

/// Schema 2: `{"check_in": {...Draft}, "others": [{...Draft}], "question": "...",
/// "other_questions": ["..."]}`, each optional: the form typed last and the other tabs' forms it
/// took the place of (oldest first); the same for questions being typed. Schema 1 had no others;
/// it reads as is. The new number keeps versions that know only one form or question from
/// writing over (and so dropping) the others. Schema 3 adds `"short": [{...Short}]`, every
/// tab's short forms; its number keeps versions that do not know them from dropping them.
pub const DRAFTS_SCHEMA: Schema = Schema {
    migrations: &[same_data, same_data],
};

/// Schema 1 to 2 and 2 to 3: each only added fields, which are left out when empty.
fn same_data(data: Value) -> Result<Value, String> {
    Ok(data)
}

/// Which short form some typed text belongs to, by the id of what it changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShortForm {
    /// A medicine being added; the id is the form's own, chosen when it opened.
    NewMedicine(String),
    /// A change to the medicine with this id.
    Medicine(String),
    /// A new name for the lump or sore with this id.
    LesionName(String),
}

/// A short form as typed and not saved yet: a medicine's name and how it is taken, or a lump's
/// new name (`how` empty). `from` is when the stored medicine the change started from was last
/// changed, and `was` the name a lump's field opened with, so a save still notices another tab's
/// change made since.
#[derive(Clone, Debug, PartialEq)]
pub struct Short {
    pub form: ShortForm,
    pub name: String,
    pub how: String,
    pub from: Option<Instant>,
    /// A lump's name when its field opened; `None` for medicines, and in drafts kept by earlier
    /// versions (the field then takes the name as it is now).
    pub was: Option<String>,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

impl Short {
    fn read(v: Value) -> Result<Short, String> {
        let mut f = Fields::of(v)?;
        let kind = f.need("form", json::string)?;
        let id = f.need("id", json::string)?;
        let form = match kind.as_str() {
            "new-medicine" => ShortForm::NewMedicine(id),
            "medicine" => ShortForm::Medicine(id),
            "lesion-name" => ShortForm::LesionName(id),
            other => return Err(format!("unknown short form {other:?}")),
        };
        Ok(Short {
            form,
            name: f.or_default("name", json::string)?,
            how: f.or_default("how", json::string)?,
            from: f.option("from", json::instant)?,
            was: f.option("was", json::string)?,
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        let (kind, id) = match &self.form {
            ShortForm::NewMedicine(id) => ("new-medicine", id),
            ShortForm::Medicine(id) => ("medicine", id),
            ShortForm::LesionName(id) => ("lesion-name", id),
        };
        out.open();
        out.text_field("form", kind);
        out.text_field("id", id);
        out.text_field("name", &self.name);
        out.text_field("how", &self.how);
        if let Some(t) = self.from {
            out.key("from");
            out.instant(t);
        }
        // Written even when empty: a lump with no name of its own is a name to compare with.
        if let Some(was) = &self.was {
            out.key("was");
            out.str(was);
        }
        out.extra(&self.extra);
        out.close();
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drafts {
    pub check_in: Option<Draft>,
    /// Stored only: unsaved forms of other tabs (oldest first), each put back on screen in turn
    /// once the one before it is saved or cancelled. A tab's own drafts never hold any.
    pub others: Vec<Draft>,
    pub question: String,
    /// Stored only: questions other tabs were typing (oldest first), like `others`.
    pub other_questions: Vec<String>,
    /// Short forms as typed (the last typed last). Stored: every tab's; a tab's own drafts hold
    /// its own only (a form that opens takes its text from `stored_shorts`).
    pub short: Vec<Short>,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

/// Every field is left out when not set.
impl Stored for Drafts {
    fn read(v: Value) -> Result<Drafts, String> {
        let mut f = Fields::of(v)?;
        Ok(Drafts {
            check_in: f.option("check_in", Draft::read)?,
            others: f.list("others", Draft::read)?,
            question: f.or_default("question", json::string)?,
            other_questions: f.list("other_questions", json::string)?,
            short: f.list("short", Short::read)?,
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        if let Some(d) = &self.check_in {
            out.key("check_in");
            d.write(out);
        }
        if !self.others.is_empty() {
            out.key("others");
            out.list(&self.others, |out, d| d.write(out));
        }
        out.text_field("question", &self.question);
        if !self.other_questions.is_empty() {
            out.key("other_questions");
            out.list(&self.other_questions, |out, q| out.str(q));
        }
        if !self.short.is_empty() {
            out.key("short");
            out.list(&self.short, |out, s| s.write(out));
        }
        out.extra(&self.extra);
        out.close();
    }
}

impl Drafts {
    /// Nothing unsaved: no open form, none kept for another tab, no question being typed.
    pub fn is_empty(&self) -> bool {
        self.check_in.is_none()
            && self.others.is_empty()
            && self.question.trim().is_empty()
            && self.other_questions.is_empty()
            && self.short.is_empty()
    }

    /// Whether this exact copy of a form is among these drafts. (Another copy of the same form,
    /// typed on in another tab, is not this one: both are kept.)
    fn holds(&self, form: &Draft) -> bool {
        self.check_in.iter().chain(&self.others).any(|d| d == form)
    }
}

/// What a tab starts with: the form typed last and the question, read only (nothing is moved or
/// written); none when missing or unreadable. The other forms stay stored for later.
pub fn read(store: &dyn Store, keys: &Keys) -> Drafts {
    match store.get(&keys.drafts()) {
        Ok(Some(raw)) => Drafts {
            others: Vec::new(),
            other_questions: Vec::new(),
            short: Vec::new(),
            ..schema::decode(&DRAFTS_SCHEMA, &raw).unwrap_or_default()
        },
        _ => Drafts::default(),
    }
}

/// One part of the unsaved work, as this tab has it now.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// The check-in form as typed; `None` once it is saved or cancelled.
    CheckIn(Option<Box<Draft>>),
    /// The question being typed; empty once it is added or cleared.
    Question(String),
    /// A short form as typed (`Some`), or saved, cancelled or back to what is stored (`None`).
    Short(ShortForm, Option<Short>),
}

/// Keeps this tab's change to one part of the unsaved work over the drafts stored now, so what
/// another tab is typing in the other part stays. A part that is done (saved, cancelled or
/// emptied) is removed only while what is stored is still this tab's (`was`): the same form
/// (`same_form`) or the same question; another tab's other form stays. A newer version's
/// drafts are not written over
/// (`NewerVersion`); corrupt ones are copied aside first (their new key is returned). On error
/// nothing stored has changed.
pub fn keep(
    store: &dyn Store,
    keys: &Keys,
    was: &Drafts,
    part: Part,
) -> Result<Option<String>, StoreError> {
    // Read and parsed once per keystroke; only corrupt drafts (rare) are read again, to be
    // copied aside.
    let (mut stored, unreadable) =
        match schema::read::<Drafts>(store, &DRAFTS_SCHEMA, &keys.drafts())? {
            Read::Found(d) => (d, false),
            Read::Missing => (Drafts::default(), false),
            Read::Unreadable(_) => (Drafts::default(), true),
            Read::Newer { .. } => return Err(StoreError::NewerVersion),
        };
    match part {
        Part::CheckIn(Some(draft)) => {
            // This tab's copy of its form: exactly as it last kept it (or found it on opening).
            // Another copy of the same form, as another tab typed on in it, is not this tab's
            // to replace: it is kept with the others, so neither tab's typing is lost.
            let mine = |d: &Draft| *d == *draft || was.check_in.as_ref() == Some(d);
            // Another form in the slot (another tab's) is kept, with the others.
            stored.others.retain(|d| !mine(d));
            if let Some(other) = stored.check_in.take() {
                if !mine(&other) {
                    stored.others.push(other);
                }
            }
            stored.check_in = Some(*draft);
        }
        Part::CheckIn(None) => {
            // Only this tab's copy goes: another tab's copy of the same form, typed on since,
            // stays (it is put back, or offered, in its turn).
            if let Some(w) = &was.check_in {
                if stored.check_in.as_ref() == Some(w) {
                    stored.check_in = None;
                }
                stored.others.retain(|d| d != w);
            }
            // The form typed before it (another tab's) is the next to be put back.
            if stored.check_in.is_none() {
                stored.check_in = stored.others.pop();
            }
        }
        Part::Question(text) if !text.trim().is_empty() => {
            // Another tab's question in the slot is kept, with the others; this tab's earlier
            // text of it goes.
            stored
                .other_questions
                .retain(|q| *q != was.question && *q != text);
            let there = std::mem::take(&mut stored.question);
            if !there.trim().is_empty() && there != was.question && there != text {
                stored.other_questions.push(there);
            }
            stored.question = text;
        }
        Part::Question(text) => {
            if stored.question == was.question {
                stored.question = text;
            }
            stored.other_questions.retain(|q| *q != was.question);
            // The question typed before it (another tab's) is the next to be put back.
            if stored.question.trim().is_empty() {
                if let Some(q) = stored.other_questions.pop() {
                    stored.question = q;
                }
            }
        }
        // Each short form is known by its id: this tab's change replaces or removes its own
        // text only, and what other tabs type in theirs stays.
        Part::Short(form, text) => {
            stored.short.retain(|s| s.form != form);
            stored.short.extend(text);
        }
    }
    let kept_at = if unreadable {
        schema::set_aside_if_unreadable::<Drafts>(store, &DRAFTS_SCHEMA, &keys.drafts())?
    } else {
        None
    };
    // What a newer version keeps in the drafts (`extra`) is not this tab's to remove.
    if stored.is_empty() && stored.extra.is_empty() {
        store.remove(&keys.drafts())?;
    } else {
        schema::save(store, &DRAFTS_SCHEMA, &keys.drafts(), &stored)?;
    }
    Ok(kept_at)
}

/// Whether two kept forms are one form (as typed at two moments, or in two tabs): the same
/// check-in being edited, or the same new one (its id chosen when it opened). Forms kept by
/// earlier versions, without an id, only when they are equal.
pub fn same_form(a: &Draft, b: &Draft) -> bool {
    match (&a.editing, &b.editing) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a == b || (a.new_id.is_some() && a.new_id == b.new_id),
        _ => false,
    }
}

/// The form this tab still has open when another tab has just taken it out of the stored drafts
/// (`stored` is the drafts' text now, `None` when the key was removed): that tab saved or
/// cancelled the same form, or typed on in its own copy of it. The form on this tab's screen is
/// then kept again (`keep`, next to the other tab's copy), so that closing this tab without
/// typing does not lose it. `own` says whether this tab typed this copy (kept it itself): a copy
/// it only opened, that another tab has typed on in since, is not kept again (the other tab's
/// copy holds all of it and more). `None` when the copy is still stored, when this tab has none,
/// or when the stored drafts cannot be read (a newer version's are never written over; corrupt
/// ones are the open step's to keep aside).
pub fn form_to_keep_again(stored: Option<&str>, mine: &Drafts, own: bool) -> Option<Draft> {
    let mine = mine.check_in.as_ref()?;
    let stored = match stored {
        None => Drafts::default(),
        Some(raw) => schema::decode::<Drafts>(&DRAFTS_SCHEMA, raw).ok()?,
    };
    let typed_on_elsewhere = || {
        stored
            .check_in
            .iter()
            .chain(&stored.others)
            .any(|d| same_form(d, mine))
    };
    (!stored.holds(mine) && (own || !typed_on_elsewhere())).then(|| mine.clone())
}

/// The question this tab still shows when another tab has just taken it out of the stored drafts
/// (`stored` is the drafts' text now, `None` when the key was removed): that tab, which opened
/// with it in its box, typed something else over it, added it or cleared it. It is then kept
/// again (`keep`, next to the other tab's), so that closing this tab does not lose it, as the
/// check-in form is. `None` when this tab's box is empty, when it is still stored, when another
/// tab typed on in it (a stored question begins with it: that one holds all of it), or when the
/// stored drafts cannot be read.
pub fn question_to_keep_again(stored: Option<&str>, mine: &Drafts) -> Option<String> {
    if mine.question.trim().is_empty() {
        return None;
    }
    let stored = match stored {
        None => Drafts::default(),
        Some(raw) => schema::decode::<Drafts>(&DRAFTS_SCHEMA, raw).ok()?,
    };
    let held = std::iter::once(&stored.question)
        .chain(&stored.other_questions)
        .any(|q| q.starts_with(mine.question.as_str()));
    (!held).then(|| mine.question.clone())
}

/// Whether a short form's text is on `diary`'s list already: a new medicine another tab added
/// as it was typed here (found by name and how it is taken). A change or a lump's name never is.
pub fn added_already(diary: &Diary, short: &Short) -> bool {
    matches!(short.form, ShortForm::NewMedicine(_))
        && check_medicine(&short.name, &short.how)
            .is_ok_and(|text| diary.medicine_as(&text).is_some())
}

/// Every short form's text kept on this device (the last typed last), read from storage now: a
/// form that opens takes its text from here. None when missing or unreadable.
pub fn stored_shorts(store: &dyn Store, keys: &Keys) -> Vec<Short> {
    shorts_in(store.get(&keys.drafts()).ok().flatten().as_deref())
}

/// The short forms' text in the drafts' stored text `raw` (as `stored_shorts`, for a caller that
/// has read it already). None when missing or unreadable.
pub fn shorts_in(raw: Option<&str>) -> Vec<Short> {
    raw.and_then(|raw| schema::decode::<Drafts>(&DRAFTS_SCHEMA, raw).ok())
        .map(|d| d.short)
        .unwrap_or_default()
}

/// Unsaved work kept on this device that this tab does not show (see `waiting`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Waiting {
    /// The form a new tab would put back next (the form typed last, then the others, the
    /// newest first) that is not this tab's.
    pub form: Option<Draft>,
    /// The same for a question being typed.
    pub question: Option<String>,
}

/// What is kept on this device but not on this tab's screen (`mine` is this tab's drafts),
/// read from the drafts' text (`stored`). Offered when no form is open and the question box is
/// empty, so work left in a tab that was closed (or is still open elsewhere) is not forgotten
/// until the next visit. Nothing when the stored drafts cannot be read.
pub fn waiting(stored: Option<&str>, mine: &Drafts) -> Waiting {
    let Some(stored) = stored.and_then(|s| schema::decode::<Drafts>(&DRAFTS_SCHEMA, s).ok()) else {
        return Waiting::default();
    };
    let not_mine = |d: &&Draft| mine.check_in.as_ref().is_none_or(|m| !same_form(d, m));
    let form = stored
        .check_in
        .iter()
        .chain(stored.others.iter().rev())
        .find(not_mine)
        .cloned();
    let question = std::iter::once(&stored.question)
        .chain(stored.other_questions.iter().rev())
        .find(|q| !q.trim().is_empty() && **q != mine.question)
        .cloned();
    Waiting { form, question }
}

/// Keeps `drafts` as they are, over whatever is stored; nothing left unsaved removes the key.
/// For tests and setting up: the widget writes through `keep`.
#[cfg(test)]
pub fn write(store: &dyn Store, keys: &Keys, drafts: &Drafts) -> Result<(), StoreError> {
    if drafts.is_empty() {
        store.remove(&keys.drafts())
    } else {
        schema::save(store, &DRAFTS_SCHEMA, &keys.drafts(), drafts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::Warning;
    use crate::core::store::MemoryStore;
    use crate::core::time::Instant;

    /// A tab's drafts with only question `q` in its box.
    fn tab(q: &str) -> Drafts {
        Drafts {
            question: q.into(),
            ..Drafts::default()
        }
    }

    /// Everything stored, the other tabs' forms and questions too (`read` gives a tab's start).
    fn all_stored(store: &MemoryStore, keys: &Keys) -> Drafts {
        let raw = store.get(&keys.drafts()).unwrap().unwrap();
        schema::decode(&DRAFTS_SCHEMA, &raw).unwrap()
    }

    fn typed() -> Draft {
        let mut d = Draft::new(Instant(1_764_500_000_000), &60, None);
        d.pain = Some(7);
        d.notes = "Typed, not saved \u{1fa79}".into();
        d.warnings.insert(Warning::Fainted);
        let key = d.add_lesion();
        d.lesion_mut(key).unwrap().name = "thumb".into();
        // A quick check-in's own answers are part of the draft too.
        d.quick.on = true;
        d.quick.any_warning = Some(true);
        d.quick.changed.insert(key);
        d
    }

    #[test]
    fn a_draft_survives_a_reload_exactly() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let drafts = Drafts {
            check_in: Some(typed()),
            question: "Why does it hurt at night?".into(),
            ..Drafts::default()
        };
        write(&store, &keys, &drafts).unwrap();
        assert_eq!(read(&store, &keys), drafts);
        // A lesion added after the reload gets a new key, not one already in use.
        let mut again = read(&store, &keys).check_in.unwrap();
        let key = again.add_lesion();
        assert_eq!(again.lesions.iter().filter(|l| l.key == key).count(), 1);
    }

    #[test]
    fn a_form_another_tab_took_out_of_storage_is_kept_again_by_the_tab_that_shows_it() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let mut a = typed();
        a.new_id = Some("c-new-1".into());
        let tab_a = Drafts {
            check_in: Some(a.clone()),
            question: String::new(),
            ..Drafts::default()
        };
        keep(
            &store,
            &keys,
            &Drafts::default(),
            Part::CheckIn(Some(Box::new(a.clone()))),
        )
        .unwrap();
        // Tab B opened on the same form (restored, before A typed on) and cancels it.
        let b = a.clone();
        let tab_b = Drafts {
            check_in: Some(b),
            question: "B's question".into(),
            ..Drafts::default()
        };
        keep(
            &store,
            &keys,
            &Drafts::default(),
            Part::Question(tab_b.question.clone()),
        )
        .unwrap();
        keep(&store, &keys, &tab_b, Part::CheckIn(None)).unwrap();
        assert_eq!(read(&store, &keys).check_in, None, "B's cancel took it out");
        // Tab A hears of it (the key now holds only the question) and keeps its form again.
        let now = store.get(&keys.drafts()).unwrap();
        let again = form_to_keep_again(now.as_deref(), &tab_a, true).expect("A's form");
        assert_eq!(again, a);
        keep(&store, &keys, &tab_a, Part::CheckIn(Some(Box::new(again)))).unwrap();
        let stored = read(&store, &keys);
        assert_eq!(stored.check_in, Some(a), "what A typed last");
        assert_eq!(stored.question, "B's question", "B's question stays");
        // The key removed altogether: the same.
        assert!(form_to_keep_again(None, &tab_a, true).is_some());
    }

    #[test]
    fn two_tabs_with_two_different_forms_keep_both_and_each_comes_back_in_turn() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let form = |id: &str, notes: &str| {
            let mut d = typed();
            d.new_id = Some(id.into());
            d.notes = notes.into();
            d
        };
        let mine = |d: &Draft| Drafts {
            check_in: Some(d.clone()),
            ..Drafts::default()
        };
        let keep_form = |was: &Drafts, d: &Draft| {
            keep(&store, &keys, was, Part::CheckIn(Some(Box::new(d.clone())))).unwrap()
        };
        // Tab A types form X; tab B, open since before, starts form Y and types.
        let x = form("c-x", "X in tab A");
        keep_form(&Drafts::default(), &x);
        let y = form("c-y", "Y in tab B");
        keep_form(&Drafts::default(), &y);
        let stored = all_stored(&store, &keys);
        assert_eq!(stored.check_in.as_ref(), Some(&y), "typed last");
        assert_eq!(
            stored.others,
            vec![x.clone()],
            "A's form is not written over"
        );
        // A tab opening now starts with the one typed last, and holds no others.
        let opened = read(&store, &keys);
        assert_eq!(
            (opened.check_in.as_ref(), opened.others.len()),
            (Some(&y), 0)
        );
        // A types on: its form takes the slot again; B's is kept.
        let x2 = form("c-x", "X in tab A, and more");
        keep_form(&mine(&x), &x2);
        let stored = all_stored(&store, &keys);
        assert_eq!(stored.check_in.as_ref(), Some(&x2));
        assert_eq!(stored.others, vec![y.clone()], "one copy of each form");
        // B saves Y (A's stays, next to come back); then A's is saved too: nothing is left.
        keep(&store, &keys, &mine(&y), Part::CheckIn(None)).unwrap();
        assert_eq!(read(&store, &keys).check_in, Some(x2.clone()));
        keep(&store, &keys, &mine(&x2), Part::CheckIn(None)).unwrap();
        assert_eq!(store.get(&keys.drafts()), Ok(None));
        // The other way round: the form in the slot saved first puts the other back in it.
        keep_form(&Drafts::default(), &x);
        keep_form(&Drafts::default(), &y);
        keep(&store, &keys, &mine(&y), Part::CheckIn(None)).unwrap();
        assert_eq!(read(&store, &keys).check_in, Some(x));
    }

    #[test]
    fn a_form_this_tab_does_not_show_is_offered_the_next_first_and_opening_it_keeps_one_copy() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let form = |id: &str| {
            let mut d = typed();
            d.new_id = Some(id.into());
            d.notes = format!("form {id}");
            d
        };
        let mine = |d: &Draft| Drafts {
            check_in: Some(d.clone()),
            ..Drafts::default()
        };
        let stored_now = || store.get(&keys.drafts()).unwrap();
        let form_waiting = |mine: &Drafts| waiting(stored_now().as_deref(), mine).form;
        let none = Drafts::default();
        assert_eq!(waiting(None, &none), Waiting::default(), "nothing kept");
        // Three tabs left three forms, typed in this order.
        let (x, y, z) = (form("c-x"), form("c-y"), form("c-z"));
        for d in [&x, &y, &z] {
            keep(
                &store,
                &keys,
                &none,
                Part::CheckIn(Some(Box::new(d.clone()))),
            )
            .unwrap();
        }
        // A tab with no form open is offered the one typed last; a tab showing it, the next.
        assert_eq!(form_waiting(&none), Some(z.clone()));
        assert_eq!(form_waiting(&mine(&z)), Some(y.clone()));
        // The tab showing Z saves it: Y is offered next, then X once Y is open.
        keep(&store, &keys, &mine(&z), Part::CheckIn(None)).unwrap();
        assert_eq!(form_waiting(&none), Some(y.clone()));
        keep(
            &store,
            &keys,
            &none,
            Part::CheckIn(Some(Box::new(y.clone()))),
        )
        .unwrap();
        let stored = all_stored(&store, &keys);
        assert_eq!(
            (stored.check_in, stored.others),
            (Some(y.clone()), vec![x.clone()]),
            "one copy of each"
        );
        assert_eq!(form_waiting(&mine(&y)), Some(x.clone()));
        // Cancelled, then the last saved: nothing is offered any more.
        keep(&store, &keys, &mine(&y), Part::CheckIn(None)).unwrap();
        keep(&store, &keys, &mine(&x), Part::CheckIn(None)).unwrap();
        assert_eq!(stored_now(), None);
        assert_eq!(form_waiting(&none), None);
        // Drafts that cannot be read offer nothing (they are the open step's to keep aside).
        assert_eq!(waiting(Some("{not json"), &none), Waiting::default());
        assert_eq!(
            waiting(Some(r#"{"schema":99,"data":{}}"#), &none),
            Waiting::default()
        );
    }

    #[test]
    fn a_question_this_tab_does_not_show_is_offered_and_putting_it_in_the_box_keeps_one_copy() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let none = Drafts::default();
        let mine = |q: &str| Drafts {
            question: q.into(),
            ..Drafts::default()
        };
        let question_waiting =
            |m: &Drafts| waiting(store.get(&keys.drafts()).unwrap().as_deref(), m).question;
        let type_question = |was: &Drafts, q: &str| {
            keep(&store, &keys, was, Part::Question(q.into())).unwrap();
        };
        // Tab A types X, tab B types Y.
        type_question(&none, "Ask about X");
        type_question(&none, "Ask about Y");
        assert_eq!(question_waiting(&none).as_deref(), Some("Ask about Y"));
        assert_eq!(
            question_waiting(&mine("Ask about Y")).as_deref(),
            Some("Ask about X")
        );
        // B adds Y (its box empties): X is offered. Put in the box here, it is kept once.
        type_question(&mine("Ask about Y"), "");
        assert_eq!(question_waiting(&none).as_deref(), Some("Ask about X"));
        type_question(&none, "Ask about X");
        let stored = all_stored(&store, &keys);
        assert_eq!(
            (stored.question.as_str(), stored.other_questions.len()),
            ("Ask about X", 0)
        );
        assert_eq!(question_waiting(&mine("Ask about X")), None);
        // Added too: nothing is offered, and nothing is stored.
        type_question(&mine("Ask about X"), "");
        assert_eq!(question_waiting(&none), None);
        assert_eq!(store.get(&keys.drafts()), Ok(None));
    }

    #[test]
    fn a_form_kept_by_an_earlier_version_without_an_id_stays_one_form_as_it_is_typed_on() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let mut old = typed();
        old.new_id = None;
        let was = Drafts {
            check_in: Some(old.clone()),
            ..Drafts::default()
        };
        write(&store, &keys, &was).unwrap();
        let mut on = old.clone();
        on.notes = "typed on after the update".into();
        keep(
            &store,
            &keys,
            &was,
            Part::CheckIn(Some(Box::new(on.clone()))),
        )
        .unwrap();
        let stored = all_stored(&store, &keys);
        assert_eq!(stored.check_in, Some(on.clone()));
        assert!(
            stored.others.is_empty(),
            "its older text is not kept as another form"
        );
        let now = Drafts {
            check_in: Some(on),
            ..Drafts::default()
        };
        keep(&store, &keys, &now, Part::CheckIn(None)).unwrap();
        assert_eq!(store.get(&keys.drafts()), Ok(None));
    }

    #[test]
    fn short_forms_of_two_tabs_are_kept_side_by_side_and_each_tab_clears_only_its_own() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let short = |form: ShortForm, name: &str, how: &str| Short {
            form,
            name: name.into(),
            how: how.into(),
            from: None,
            was: None,
            extra: Extra::NONE,
        };
        let keep_short = |s: &Short| {
            let part = Part::Short(s.form.clone(), Some(s.clone()));
            keep(&store, &keys, &Drafts::default(), part).unwrap();
        };
        // Tab A adds a medicine, tab B renames a lump and changes medicine m1, A types on.
        let added = short(ShortForm::NewMedicine("n-a".into()), "Dilt", "");
        keep_short(&added);
        let renamed = Short {
            was: Some("thumb".into()),
            ..short(ShortForm::LesionName("l1".into()), "Left thumb", "")
        };
        keep_short(&renamed);
        let changed = Short {
            from: Some(Instant(1_764_500_000_000)),
            ..short(ShortForm::Medicine("m1".into()), "Nifedipine", "10 mg")
        };
        keep_short(&changed);
        let added = short(ShortForm::NewMedicine("n-a".into()), "Diltiazem", "60 mg");
        keep_short(&added);
        assert_eq!(
            stored_shorts(&store, &keys),
            vec![renamed.clone(), changed.clone(), added.clone()],
            "one copy of each form, the last typed last"
        );
        // A tab opening now starts with none of them as its own; each form finds its text.
        assert!(read(&store, &keys).short.is_empty());
        // The beforeunload question and "nothing unsaved" count them.
        assert!(!all_stored(&store, &keys).is_empty());
        // B saves the new name: the other two stay; A saves its medicine, B cancels its change.
        let done = |form: ShortForm| {
            keep(&store, &keys, &Drafts::default(), Part::Short(form, None)).unwrap();
        };
        done(ShortForm::LesionName("l1".into()));
        assert_eq!(stored_shorts(&store, &keys), vec![changed, added]);
        done(ShortForm::NewMedicine("n-a".into()));
        done(ShortForm::Medicine("m1".into()));
        assert_eq!(store.get(&keys.drafts()).unwrap(), None, "nothing left");
        // A short form's text is kept beside a check-in form and a question, and neither
        // removes it.
        keep_short(&renamed);
        let form = Drafts {
            check_in: Some(typed()),
            ..Drafts::default()
        };
        keep(
            &store,
            &keys,
            &Drafts::default(),
            Part::CheckIn(Some(Box::new(typed()))),
        )
        .unwrap();
        keep(&store, &keys, &form, Part::CheckIn(None)).unwrap();
        keep(
            &store,
            &keys,
            &Drafts::default(),
            Part::Question("Why?".into()),
        )
        .unwrap();
        let stored = all_stored(&store, &keys);
        assert_eq!((stored.check_in, stored.short), (None, vec![renamed]));
    }

    #[test]
    fn short_forms_are_not_read_from_unreadable_drafts_nor_written_over_a_newer_version() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        store.set(&keys.drafts(), "{not json").unwrap();
        assert!(stored_shorts(&store, &keys).is_empty());
        let newer = r#"{"schema":9,"data":{"short":[]}}"#;
        store.set(&keys.drafts(), newer).unwrap();
        assert!(stored_shorts(&store, &keys).is_empty());
        let part = Part::Short(ShortForm::LesionName("l1".into()), None);
        assert_eq!(
            keep(&store, &keys, &Drafts::default(), part),
            Err(StoreError::NewerVersion)
        );
        assert_eq!(store.get(&keys.drafts()).unwrap().as_deref(), Some(newer));
    }

    #[test]
    fn two_tabs_typing_two_different_questions_keep_both_and_each_comes_back_in_turn() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let type_q = |was: &str, now: &str| {
            keep(&store, &keys, &tab(was), Part::Question(now.into())).unwrap();
        };
        let stored = || all_stored(&store, &keys);
        // A types a question, then B another; A types on.
        type_q("", "Why");
        type_q("Why", "Why at night?");
        type_q("", "Is it gout?");
        assert_eq!(stored().question, "Is it gout?");
        assert_eq!(stored().other_questions, vec!["Why at night?".to_string()]);
        type_q("Why at night?", "Why at night, mostly?");
        assert_eq!(stored().question, "Why at night, mostly?");
        assert_eq!(
            stored().other_questions,
            vec!["Is it gout?".to_string()],
            "one copy of each question, A's earlier text gone"
        );
        // A tab opening now starts with the one typed last, and holds no others.
        assert_eq!(read(&store, &keys), tab("Why at night, mostly?"));
        // A adds its question: B's is put back; B adds it: nothing is left.
        type_q("Why at night, mostly?", "");
        assert_eq!(read(&store, &keys).question, "Is it gout?");
        type_q("Is it gout?", "");
        assert_eq!(store.get(&keys.drafts()), Ok(None));
    }

    #[test]
    fn a_question_another_tab_typed_over_is_kept_again_by_the_tab_that_still_shows_it() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let raw = || store.get(&keys.drafts()).unwrap();
        // Tab A types a question and leaves it in the box. Tab B opens with it in its own box
        // and types another over it: only B's is stored.
        keep(
            &store,
            &keys,
            &tab(""),
            Part::Question("Can I swim?".into()),
        )
        .unwrap();
        let b_opened = read(&store, &keys);
        assert_eq!(b_opened, tab("Can I swim?"));
        keep(
            &store,
            &keys,
            &b_opened,
            Part::Question("Is the cream safe?".into()),
        )
        .unwrap();
        assert_eq!(
            all_stored(&store, &keys).other_questions,
            Vec::<String>::new()
        );
        // Tab A hears of it and keeps its question again, beside B's.
        let a = tab("Can I swim?");
        let again = question_to_keep_again(raw().as_deref(), &a);
        assert_eq!(again.as_deref(), Some("Can I swim?"));
        keep(&store, &keys, &a, Part::Question(again.unwrap())).unwrap();
        let both = all_stored(&store, &keys);
        assert_eq!(
            (both.question.as_str(), both.other_questions),
            ("Can I swim?", vec!["Is the cream safe?".to_string()])
        );
        // B hears of that: its question is stored, so it writes nothing (no back and forth).
        let b = tab("Is the cream safe?");
        assert_eq!(question_to_keep_again(raw().as_deref(), &b), None);
        // B adds its question: A's stays. A's box, still stored, is not kept again.
        keep(&store, &keys, &b, Part::Question(String::new())).unwrap();
        assert_eq!(read(&store, &keys), tab("Can I swim?"));
        assert_eq!(question_to_keep_again(raw().as_deref(), &a), None);
        // Cleared elsewhere (the key removed): kept again.
        keep(&store, &keys, &a, Part::Question(String::new())).unwrap();
        assert_eq!(raw(), None);
        assert_eq!(
            question_to_keep_again(None, &a).as_deref(),
            Some("Can I swim?")
        );
        // Typed on in another tab: that one holds all of it, so nothing is kept again. An empty
        // box, or drafts that cannot be read, keep nothing either.
        let typed_on = tab("Can I swim? In the sea?");
        write(&store, &keys, &typed_on).unwrap();
        assert_eq!(question_to_keep_again(raw().as_deref(), &a), None);
        assert_eq!(question_to_keep_again(None, &tab("  ")), None);
        assert_eq!(question_to_keep_again(Some("{broken"), &a), None);
    }

    #[test]
    fn only_a_new_medicine_on_the_list_as_typed_counts_as_added_already() {
        use crate::core::diary::{check_medicine, Medicine};
        let mut diary = Diary::default();
        let text = check_medicine("Diltiazem 60", "Twice a day").unwrap();
        diary.upsert_medicine(Medicine::new("m1".into(), text, Instant(1)));
        let short = |form: ShortForm, how: &str| Short {
            form,
            name: " Diltiazem 60".into(),
            how: how.into(),
            from: None,
            was: None,
            extra: Extra::NONE,
        };
        let new = || ShortForm::NewMedicine("f1".into());
        assert!(added_already(&diary, &short(new(), "Twice a day ")));
        assert!(!added_already(&diary, &short(new(), "Once a day")));
        // A change to a medicine, or a lump's name, is this tab's own work: never "added".
        let change = short(ShortForm::Medicine("m1".into()), "Twice a day");
        assert!(!added_already(&diary, &change));
        let name = short(ShortForm::LesionName("l1".into()), "Twice a day");
        assert!(!added_already(&diary, &name));
        assert!(!added_already(
            &Diary::default(),
            &short(new(), "Twice a day")
        ));
    }

    #[test]
    fn no_form_is_kept_again_while_stored_nor_over_unreadable_drafts_nor_from_a_tab_without_one() {
        let mine = Drafts {
            check_in: Some(typed()),
            question: String::new(),
            ..Drafts::default()
        };
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let mut theirs = typed();
        theirs.notes = "Another tab's form".into();
        let other = Drafts {
            check_in: Some(theirs),
            question: String::new(),
            ..Drafts::default()
        };
        // Another tab's form in the slot, this tab's among the others: still stored.
        let both = Drafts {
            others: vec![mine.check_in.clone().unwrap()],
            ..other.clone()
        };
        write(&store, &keys, &both).unwrap();
        let raw = store.get(&keys.drafts()).unwrap();
        assert_eq!(
            form_to_keep_again(raw.as_deref(), &mine, true),
            None,
            "it is stored"
        );
        // Only the other tab's: this tab's was taken out, so it is kept again.
        write(&store, &keys, &other).unwrap();
        let raw = store.get(&keys.drafts()).unwrap();
        assert!(form_to_keep_again(raw.as_deref(), &mine, true).is_some());
        let newer = r#"{"schema":99,"data":{}}"#;
        assert_eq!(
            form_to_keep_again(Some(newer), &mine, true),
            None,
            "a newer version's"
        );
        assert_eq!(
            form_to_keep_again(Some("{not json"), &mine, true),
            None,
            "corrupt"
        );
        let question_only = Drafts {
            check_in: None,
            question: "Mine".into(),
            ..Drafts::default()
        };
        assert_eq!(
            form_to_keep_again(None, &question_only, true),
            None,
            "no form here"
        );
    }

    #[test]
    fn saving_or_cancelling_clears_the_key() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        write(
            &store,
            &keys,
            &Drafts {
                check_in: Some(typed()),
                ..Drafts::default()
            },
        )
        .unwrap();
        write(&store, &keys, &Drafts::default()).unwrap();
        assert_eq!(store.get(&keys.drafts()), Ok(None));
    }

    #[test]
    fn unreadable_drafts_are_left_alone_and_a_failed_write_is_reported() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        store.set(&keys.drafts(), "{not json").unwrap();
        assert_eq!(read(&store, &keys), Drafts::default());
        assert_eq!(
            store.get(&keys.drafts()).unwrap().as_deref(),
            Some("{not json")
        );
        let full = MemoryStore::with_quota(10);
        let drafts = Drafts {
            question: "q".into(),
            ..Drafts::default()
        };
        assert_eq!(write(&full, &keys, &drafts), Err(StoreError::QuotaExceeded));
    }

    #[test]
    fn two_tabs_typing_keep_each_others_work() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        // Tab A types a check-in; tab B, opened before, types a question.
        let (mut a, mut b) = (Drafts::default(), Drafts::default());
        keep(&store, &keys, &a, Part::CheckIn(Some(Box::new(typed())))).unwrap();
        a.check_in = Some(typed());
        keep(&store, &keys, &b, Part::Question("Is it gout?".into())).unwrap();
        b.question = "Is it gout?".into();
        assert_eq!(
            read(&store, &keys),
            Drafts {
                check_in: Some(typed()),
                question: "Is it gout?".into(),
                ..Drafts::default()
            },
            "B's question did not wipe A's check-in"
        );
        // A types on: B's question stays.
        let mut more = typed();
        more.notes.push_str(", and more");
        keep(
            &store,
            &keys,
            &a,
            Part::CheckIn(Some(Box::new(more.clone()))),
        )
        .unwrap();
        a.check_in = Some(more.clone());
        assert_eq!(read(&store, &keys).question, "Is it gout?");
        // B cancels a form it had open on an older copy: A's newer typing is not removed.
        let b_old = Drafts {
            check_in: Some(typed()),
            ..b.clone()
        };
        keep(&store, &keys, &b_old, Part::CheckIn(None)).unwrap();
        assert_eq!(read(&store, &keys).check_in, Some(more.clone()));
        // A saves its check-in: its draft goes, B's question stays; B adds it: nothing is left.
        keep(&store, &keys, &a, Part::CheckIn(None)).unwrap();
        assert_eq!(
            read(&store, &keys),
            Drafts {
                check_in: None,
                question: "Is it gout?".into(),
                ..Drafts::default()
            }
        );
        keep(&store, &keys, &b, Part::Question(String::new())).unwrap();
        assert_eq!(store.get(&keys.drafts()), Ok(None));
    }

    #[test]
    fn a_saved_form_clears_its_own_copy_only() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let form = |id: &str, notes: &str| {
            let mut d = typed().with_id(id.into());
            d.notes = notes.into();
            d
        };
        let ours = Drafts {
            check_in: Some(form("c1", "ours")),
            ..Drafts::default()
        };
        keep(
            &store,
            &keys,
            &Drafts::default(),
            Part::CheckIn(Some(Box::new(form("c1", "ours")))),
        )
        .unwrap();
        keep(&store, &keys, &ours, Part::CheckIn(None)).unwrap();
        assert_eq!(
            store.get(&keys.drafts()),
            Ok(None),
            "saved: nothing comes back"
        );
        // Another tab's form (another id) is not this tab's to clear.
        keep(
            &store,
            &keys,
            &Drafts::default(),
            Part::CheckIn(Some(Box::new(form("c2", "theirs")))),
        )
        .unwrap();
        keep(&store, &keys, &ours, Part::CheckIn(None)).unwrap();
        assert_eq!(read(&store, &keys).check_in, Some(form("c2", "theirs")));
        // Nor another tab's copy of this same form, typed on there: it stays, to be put back.
        let store = MemoryStore::new();
        let theirs = Drafts {
            check_in: Some(form("c1", "ours, and theirs")),
            ..Drafts::default()
        };
        keep(
            &store,
            &keys,
            &Drafts::default(),
            Part::CheckIn(Some(Box::new(form("c1", "ours, and theirs")))),
        )
        .unwrap();
        keep(&store, &keys, &ours, Part::CheckIn(None)).unwrap();
        assert_eq!(read(&store, &keys).check_in, theirs.check_in);
    }

    /// One form open in two tabs (a second tab opened on the form the first still shows, or both
    /// editing one check-in): each tab's typing is kept, whichever types last or closes first.
    #[test]
    fn one_form_typed_in_two_tabs_keeps_both_tabs_typing() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let form = |notes: &str| {
            let mut d = typed().with_id("c1".into());
            d.notes = notes.into();
            d
        };
        let mine = |d: Draft| Drafts {
            check_in: Some(d),
            ..Drafts::default()
        };
        // A types; B opens on A's copy and types on; then A types on too.
        keep(
            &store,
            &keys,
            &Drafts::default(),
            Part::CheckIn(Some(Box::new(form("Part one.")))),
        )
        .unwrap();
        let b_opened = read(&store, &keys);
        assert_eq!(b_opened.check_in, Some(form("Part one.")));
        keep(
            &store,
            &keys,
            &b_opened,
            Part::CheckIn(Some(Box::new(form("Part one. Part two.")))),
        )
        .unwrap();
        // A has not heard of B yet: its copy is what it last kept.
        keep(
            &store,
            &keys,
            &mine(form("Part one.")),
            Part::CheckIn(Some(Box::new(form("Part one. Done.")))),
        )
        .unwrap();
        let all =
            schema::decode::<Drafts>(&DRAFTS_SCHEMA, &store.get(&keys.drafts()).unwrap().unwrap())
                .unwrap();
        assert_eq!(all.check_in, Some(form("Part one. Done.")));
        assert_eq!(
            all.others,
            [form("Part one. Part two.")],
            "B's typing is kept"
        );
        // A tab that only opened A's first copy (on another part, say) and typed nothing keeps
        // nothing again when A types on: A's copy holds all of it.
        let raw = store.get(&keys.drafts()).unwrap();
        assert_eq!(
            form_to_keep_again(raw.as_deref(), &mine(form("Part one.")), false),
            None
        );
        // B hears A's write: its copy is still stored, so it writes nothing.
        let raw = store.get(&keys.drafts()).unwrap();
        assert_eq!(
            form_to_keep_again(raw.as_deref(), &mine(form("Part one. Part two.")), true),
            None
        );
        // A saves: its copy goes; B's is the one put back next.
        keep(
            &store,
            &keys,
            &mine(form("Part one. Done.")),
            Part::CheckIn(None),
        )
        .unwrap();
        assert_eq!(
            read(&store, &keys).check_in,
            Some(form("Part one. Part two."))
        );

        // Two tabs editing one stored check-in: B's copy replaces A's in the slot; A hears it and
        // keeps its own again, next to B's.
        let store = MemoryStore::new();
        let edit = |notes: &str| {
            let mut d = typed();
            d.editing = Some("c9".into());
            d.notes = notes.into();
            d
        };
        keep(
            &store,
            &keys,
            &Drafts::default(),
            Part::CheckIn(Some(Box::new(edit("A's note")))),
        )
        .unwrap();
        // B opens the same check-in afresh (its own copy) and types: A's copy stays.
        keep(
            &store,
            &keys,
            &Drafts::default(),
            Part::CheckIn(Some(Box::new(edit("")))),
        )
        .unwrap();
        keep(
            &store,
            &keys,
            &mine(edit("")),
            Part::CheckIn(Some(Box::new(edit("B: pain 9")))),
        )
        .unwrap();
        let raw = store.get(&keys.drafts()).unwrap();
        let all = schema::decode::<Drafts>(&DRAFTS_SCHEMA, raw.as_deref().unwrap()).unwrap();
        let copies: Vec<&str> = all
            .check_in
            .iter()
            .chain(&all.others)
            .map(|d| d.notes.as_str())
            .collect();
        assert!(
            copies.contains(&"A's note") && copies.contains(&"B: pain 9"),
            "{copies:?}"
        );
        assert_eq!(
            form_to_keep_again(raw.as_deref(), &mine(edit("A's note")), true),
            None
        );
    }

    #[test]
    fn drafts_that_cannot_be_read_are_never_written_over() {
        let keys = Keys::default();
        // A newer version's drafts: refused, left exactly as they are.
        let store = MemoryStore::new();
        let newer = "{\"schema\":99,\"data\":{\"question\":\"from a newer version\"}}";
        store.set(&keys.drafts(), newer).unwrap();
        for part in [Part::Question("q".into()), Part::CheckIn(None)] {
            assert_eq!(
                keep(&store, &keys, &Drafts::default(), part),
                Err(StoreError::NewerVersion)
            );
        }
        assert_eq!(store.get(&keys.drafts()).unwrap().as_deref(), Some(newer));
        // Corrupt drafts: copied aside exactly before anything is written or removed. Well-formed
        // JSON with one field that cannot be read too (it was written over: another tab's notes
        // gone with the next keystroke here).
        let wrong_field = r#"{"schema":1,"data":{"question":7,"check_in":{"notes":"theirs"}}}"#;
        for raw in ["{not json", wrong_field] {
            for part in [Part::Question("q".into()), Part::Question(String::new())] {
                let store = MemoryStore::new();
                store.set(&keys.drafts(), raw).unwrap();
                let kept_at = keep(&store, &keys, &Drafts::default(), part).unwrap();
                assert_eq!(kept_at, Some(format!("{}.unreadable-1", keys.drafts())));
                assert_eq!(
                    store.get(kept_at.as_deref().unwrap()).unwrap().as_deref(),
                    Some(raw)
                );
            }
        }
    }
}
