//! The check-in form's state, kept as the patient typed it (text for dates and sizes), and its
//! conversion into a validated check-in. Nothing typed is lost when validation fails.

use super::flags::Flags;
use super::json::Extra;

use super::date::Date;
use super::diary::{
    validate, Adherence, CheckIn, Diary, Invalid, Lesion, Observation, SideEffect, Sign, Size,
    Warning,
};
use super::sites::Site;
use super::time::{Instant, Local, Zone};
use super::triage::{assess_in, Assessment};

mod action;
mod quick;
mod stored;
pub use action::{apply, Action, Body, LesionChange};
pub use quick::{last_noted_at, last_seen, Quick, SAME_WITHIN_DAYS};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SizeChoice {
    #[default]
    NotSure,
    RiceGrain,
    Pea,
    Grape,
    Walnut,
    Measured,
}

/// One lump or sore in the form. `key` is stable while the form is open (for the view);
/// `lesion_id` is set when it is a lesion the diary already follows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DraftLesion {
    pub key: u32,
    pub lesion_id: Option<String>,
    pub site: Option<Site>,
    pub name: String,
    pub pain: Option<u8>,
    pub size: SizeChoice,
    pub mm: String,
    pub signs: Flags<Sign>,
    /// For a lesion the diary follows: its site and name when the form took it. Saving changes
    /// only what the patient changed from these, so a rename made in another tab meanwhile is
    /// not put back. `None` in drafts kept by earlier versions.
    pub was: Option<(Site, String)>,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

/// A size typed in millimetres: a whole number, "mm" after it allowed ("12", "12 mm"). Anything
/// else is `None`, which the form reports next to the field: "12,5" or "12.5" is never read as
/// 125 or 12 (the field is plain text, so the browser does not drop the comma either).
pub fn whole_mm(typed: &str) -> Option<u16> {
    let t = typed.trim();
    let t = t
        .strip_suffix("mm")
        .or_else(|| t.strip_suffix("MM"))
        .unwrap_or(t)
        .trim_end();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// Kept in storage while unsaved (see `drafts`), so every field has a default: a draft
/// written by an older version still opens.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Draft {
    /// The check-in being edited, or `None` for a new one.
    pub editing: Option<String>,
    /// A new check-in's id, chosen when its form opened (`with_id`): the same form saved in two
    /// tabs is then one check-in, and the second save is told of the first. `None` in drafts kept
    /// by earlier versions (the save then makes an id).
    pub new_id: Option<String>,
    /// When editing: the edit time of the stored copy the edit started from. Saving checks that
    /// it is still the stored one; if another tab changed it meanwhile, the patient chooses.
    pub base: Option<Instant>,
    /// When editing: the date and time the form opened with, as it showed them. Saved with the
    /// same words, the edit keeps its stored instant even when the form was kept and reopened in
    /// another time zone (the words then name another instant there). `None` in drafts kept by
    /// earlier versions.
    pub when_shown: Option<(String, String)>,
    /// A new check-in's: when its form opened, to the minute, the instant its date and time
    /// showed (`when_shown`). Saved with the same words, it keeps that instant wherever the form
    /// was kept and reopened; reopened, it shows it in the zone the device is in then. `None`
    /// for an edit, and in drafts kept by earlier versions.
    pub opened: Option<Instant>,
    pub date: String,
    pub time: String,
    pub pain: Option<u8>,
    pub lesions: Vec<DraftLesion>,
    pub fever: bool,
    /// See `CheckIn::lump_now`; asked only while `asks_lump_now`.
    pub lump_now: bool,
    pub raynaud: bool,
    pub stiffness: bool,
    pub sleep: bool,
    pub daily: Option<u8>,
    pub warnings: Flags<Warning>,
    pub immune_weakening: bool,
    pub adherence: Option<Adherence>,
    pub side_effects: Flags<SideEffect>,
    pub other_side_effect: String,
    pub notes: String,
    next_key: u32,
    /// The quick check-in's answers (see `quick`); the full form keeps them for a switch back.
    /// Not written while unused, so a full-form draft takes no more room than before.
    pub quick: Quick,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

/// Which field a problem belongs to, so the message can sit next to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    When,
    Pain,
    Daily,
    LesionSite(u32),
    LesionPain(u32),
    LesionSize(u32),
    LesionDuplicate(u32),
    LesionName(u32),
    /// The quick check-in's "Any of these today?".
    AnyWarning,
    /// The quick check-in's "Since last time" for the lesion with this key, when it must be
    /// answered (`Quick::asked`).
    LesionSince(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Missing,
    OutOfRange,
    InFuture,
    NotADate,
    /// A date before `EARLIEST_YEAR`: most likely a year typed short ("26" is read as 0026).
    TooEarly,
    /// A time in the hour a clock change skips: it never happened on that day.
    NoSuchTime,
    Duplicate,
    /// "Yes" to a list, with nothing on it ticked.
    NothingTicked,
    /// The patient typed a new name for a lump another tab renamed after this form took it:
    /// neither name is saved over the other until the patient has seen both.
    RenamedElsewhere,
    /// A quick check-in (saved at the device's time, with no date asked) on a device whose
    /// clock is more than a minute before the check-in it starts from, "Last time" (the clock
    /// was reset or is behind, or that check-in was saved while it ran ahead), or before
    /// `EARLIEST_YEAR`. It
    /// would be placed before the check-in it was answered against, so the red-flag rules would
    /// compare it with an older one; or dated 1970, outside every summary.
    ClockBehind,
}

pub type Problems = Vec<(Field, Problem)>;

/// The first year a check-in may be dated in. A year typed with two figures is read by the date
/// field as that year of the first century: such a check-in would sort after every other, fall
/// outside every summary and chart, and look lost.
pub const EARLIEST_YEAR: i32 = 2000;

fn local_text(at: Instant, zone: &dyn Zone) -> (String, String) {
    let l = at.local_in(zone);
    (l.date.to_string(), format!("{:02}:{:02}", l.hour, l.minute))
}

fn parse_time(text: &str) -> Option<(u8, u8)> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u8, u8) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

/// A stored size as the form shows it: the choice and, when measured, the millimetres as text.
fn size_choice(size: Option<Size>) -> (SizeChoice, String) {
    match size {
        None => (SizeChoice::NotSure, String::new()),
        Some(Size::RiceGrain) => (SizeChoice::RiceGrain, String::new()),
        Some(Size::Pea) => (SizeChoice::Pea, String::new()),
        Some(Size::Grape) => (SizeChoice::Grape, String::new()),
        Some(Size::Walnut) => (SizeChoice::Walnut, String::new()),
        Some(Size::Mm(n)) => (SizeChoice::Measured, n.to_string()),
    }
}

impl DraftLesion {
    /// A lesion of the form set to how `o` recorded it: its site and name, and that check-in's
    /// pain, size and signs (editing a check-in, or a quick check-in's "as last time").
    pub fn observed(key: u32, o: &Observation, diary: &Diary) -> DraftLesion {
        let lesion = diary.lesion(&o.lesion);
        let (size, mm) = size_choice(o.size);
        DraftLesion {
            key,
            lesion_id: Some(o.lesion.clone()),
            site: lesion.map(|l| l.site),
            name: lesion.map(|l| l.name.clone()).unwrap_or_default(),
            pain: o.pain,
            size,
            mm,
            signs: o.signs.iter().copied().collect(),
            was: lesion.map(|l| (l.site, l.name.clone())),
            extra: Extra::NONE,
        }
    }

    /// A lesion of the quick form "as last time" (see `observed`): its size and signs, but never
    /// "New since last time" and never its pain.
    /// - A lump that was new then is not new now; copying it forward would record it as new at
    ///   every quick check-in, and count it so on the printout.
    /// - Pain is asked for today ("Pain in this spot today"). Last time's score, set in advance,
    ///   would be saved as today's when the patient passes over it: the lump's trend would show
    ///   scores never given, and the triage would take "6 before, 6 today" for a spot that hurts
    ///   no more, so more pain overall would be pain elsewhere (a next-visit note) where the full
    ///   form, which leaves it blank, gives a same-day call. The quick form shows last time's
    ///   score beside the question instead.
    pub fn as_last_time(key: u32, o: &Observation, diary: &Diary) -> DraftLesion {
        let mut l = DraftLesion::observed(key, o, diary);
        l.signs.remove(&Sign::New);
        l.pain = None;
        l
    }
}

impl Draft {
    /// A new check-in at `now`; the immune-weakening answer carries over from last time.
    pub fn new(now: Instant, zone: &dyn Zone, previous: Option<&CheckIn>) -> Draft {
        let (date, time) = local_text(now, zone);
        Draft {
            when_shown: Some((date.clone(), time.clone())),
            opened: Some(now.whole_minutes()),
            date,
            time,
            immune_weakening: previous.is_some_and(|p| p.immune_weakening),
            ..Draft::default()
        }
    }

    /// Whether the form asks "I have a lump or sore now": a fever is ticked, no lump is in the
    /// form, and the diary tracked none by the check-in's date and time
    /// (`triage::tracks_a_lump_at`; asked too while they are not a real time). With a lump
    /// tracked by then, the fever is already a same-day call; without, the answer tells whether
    /// it is: a check-in dated before the first lump was recorded is routed on it. The diary is
    /// looked at only once a fever is ticked (the form renders at every keystroke).
    pub fn asks_lump_now(&self, diary: &Diary, now: Instant, zone: &dyn Zone) -> bool {
        self.fever
            && self.lesions.is_empty()
            && !self
                .instant(diary, now, zone)
                .is_ok_and(|at| super::triage::tracks_a_lump_at(diary, at))
    }

    /// A new check-in's form, with the immune-weakening question ticked when the patient's list
    /// of medicines names one of them (`Diary::defence_weakening_medicine`): a patient who added
    /// prednisolone since the last check-in, whose answer then was "no", would otherwise carry
    /// that "no" into a fever routed as "next visit". The patient can untick it.
    pub fn minding_medicines(mut self, diary: &Diary) -> Draft {
        self.immune_weakening |= diary.defence_weakening_medicine().is_some();
        self
    }

    /// Gives a new check-in's form the id it will be saved under.
    pub fn with_id(mut self, id: String) -> Draft {
        self.new_id = Some(id);
        self
    }

    /// The form for editing a stored check-in.
    pub fn edit(c: &CheckIn, diary: &Diary, zone: &dyn Zone) -> Draft {
        let (date, time) = local_text(c.at, zone);
        let mut d = Draft {
            editing: Some(c.id.clone()),
            base: Some(c.updated),
            when_shown: Some((date.clone(), time.clone())),
            date,
            time,
            pain: Some(c.pain),
            fever: c.fever,
            lump_now: c.lump_now,
            raynaud: c.raynaud,
            stiffness: c.stiffness,
            sleep: c.sleep,
            daily: c.daily_effect,
            warnings: c.warnings.iter().copied().collect(),
            immune_weakening: c.immune_weakening,
            adherence: c.adherence,
            side_effects: c.side_effects.iter().copied().collect(),
            other_side_effect: c.other_side_effect.clone(),
            notes: c.notes.clone(),
            ..Draft::default()
        };
        for o in &c.observations {
            let key = d.take_key();
            d.lesions.push(DraftLesion::observed(key, o, diary));
        }
        d
    }

    /// A kept form, opened again: when its date and time are still as the form showed them, they
    /// are shown again in `zone` (the device may have changed time zone since), so the words
    /// on screen name the instant a save keeps: an edit's stored time, a new check-in's
    /// `opened`.
    pub fn shown_in(mut self, diary: &Diary, zone: &dyn Zone) -> Draft {
        if let (true, Some(at)) = (self.when_untouched(), self.shown_instant(diary)) {
            let (date, time) = local_text(at, zone);
            self.when_shown = Some((date.clone(), time.clone()));
            (self.date, self.time) = (date, time);
        }
        self
    }

    /// The instant the form's date and time showed when it opened: an edit's stored time (while
    /// the check-in is stored), a new check-in's `opened`.
    fn shown_instant(&self, diary: &Diary) -> Option<Instant> {
        match self.editing.as_deref() {
            Some(id) => diary.check_in(id).map(|c| c.at),
            None => self.opened,
        }
    }

    /// The date and time are still the words the form opened with (`when_shown`).
    pub fn when_untouched(&self) -> bool {
        self.when_shown
            .as_ref()
            .is_some_and(|(d, t)| d.trim() == self.date.trim() && t.trim() == self.time.trim())
    }

    /// The date and time as typed, when both read as a date and a time (whether they exist in
    /// the device's zone is for `instant`): the form says them in words, in the guide's
    /// language, since the browser shows its date field in its own (a Portuguese patient on a
    /// device set to English sees 12/04/2026 for 4 December).
    pub fn typed_local(&self) -> Option<Local> {
        let date = Date::parse(self.date.trim())?;
        let (hour, minute) = parse_time(&self.time)?;
        Some(Local { date, hour, minute })
    }

    fn take_key(&mut self) -> u32 {
        self.next_key += 1;
        self.next_key
    }

    /// Adds an empty lump or sore; returns its key.
    pub fn add_lesion(&mut self) -> u32 {
        let key = self.take_key();
        self.lesions.push(DraftLesion {
            key,
            ..DraftLesion::default()
        });
        key
    }

    pub fn lesion_mut(&mut self, key: u32) -> Option<&mut DraftLesion> {
        self.lesions.iter_mut().find(|l| l.key == key)
    }

    pub fn remove_lesion(&mut self, key: u32) {
        self.lesions.retain(|l| l.key != key);
        self.quick.changed.remove(&key);
    }

    /// Puts `lesion`, just removed, back at place `at` (or last, if the form has fewer now), as
    /// it was typed. Its key was never given to another: keys only count up. Nothing when it is
    /// in the form already (a second press of Undo).
    pub fn restore_lesion(&mut self, at: usize, lesion: DraftLesion) {
        if self.lesions.iter().any(|l| l.key == lesion.key) {
            return;
        }
        let at = at.min(self.lesions.len());
        self.lesions.insert(at, lesion);
    }

    /// Adds the lesions of the previous check-in that are still followed and not in the form yet,
    /// with their last size; pain and today's signs are left for the patient. Returns how many.
    pub fn same_as_last(&mut self, previous: &CheckIn, diary: &Diary) -> usize {
        let mut added = 0;
        for o in &previous.observations {
            // Healed (or no longer followed) lesions stay in the history, not in new check-ins.
            let Some(lesion) = diary.lesion(&o.lesion).filter(|l| !l.deleted && !l.healed) else {
                continue;
            };
            if self
                .lesions
                .iter()
                .any(|l| l.lesion_id.as_deref() == Some(&lesion.id))
            {
                continue;
            }
            let (size, mm) = size_choice(o.size);
            let key = self.take_key();
            self.lesions.push(DraftLesion {
                key,
                lesion_id: Some(lesion.id.clone()),
                site: Some(lesion.site),
                name: lesion.name.clone(),
                size,
                mm,
                was: Some((lesion.site, lesion.name.clone())),
                ..DraftLesion::default()
            });
            added += 1;
        }
        added
    }

    /// When the check-in happened, as the form says: the date and time typed (an edit still
    /// showing its stored time keeps that instant), or now for a new quick check-in, which asks
    /// no date. The problem with them otherwise.
    ///
    /// A quick check-in is saved to the minute, as the full form's are: with its seconds, one
    /// saved at 10:00:30 would come after a full one typed "10:00" and saved later, and that one
    /// would be compared with the check-in before both. At the same minute the diary orders by
    /// id, which is the order the forms were opened in.
    pub fn instant(
        &self,
        diary: &Diary,
        now: Instant,
        zone: &dyn Zone,
    ) -> Result<Instant, Problem> {
        // The quick form shows no date or time: it is "how you are today", saved now, not
        // when the form first opened (it may have been kept since, across a reload).
        if self.quick.on && self.editing.is_none() {
            let last = diary
                .entries()
                .find(|c| self.new_id.as_deref() != Some(c.id.as_str()));
            // It goes after "Last time" (below); later than the minute of grace a save allows
            // (`validate`), the clock is before that check-in.
            if last.is_some_and(|c| c.at.whole_seconds().0 + 1000 > now.0 + 60_000)
                || now.local_in(zone).date.year < EARLIEST_YEAR
            {
                return Err(Problem::ClockBehind);
            }
            // After "Last time" whatever: a second after it when it lies later in this minute
            // (saved with its seconds by an earlier version, or a clock put back a little).
            let minute = now.whole_minutes();
            return Ok(match last {
                Some(c) if c.at > minute => Instant(c.at.whole_seconds().0 + 1000),
                _ => minute,
            });
        }
        let (Some(date), Some((hour, minute))) =
            (Date::parse(self.date.trim()), parse_time(&self.time))
        else {
            return Err(Problem::NotADate);
        };
        if date.year < EARLIEST_YEAR {
            return Err(Problem::TooEarly);
        }
        let local = Local { date, hour, minute };
        // An edit whose date and time are still as the form showed them keeps the stored
        // instant: in the hour a clock change repeats, the words name two instants, and in
        // another time zone (a form kept, reopened after travel) they name another one.
        // So does a new check-in's form kept with the time it opened at: reopened elsewhere,
        // its words would name another instant, hours before it opened or in the future.
        let untouched = self.when_untouched();
        let shown = self
            .shown_instant(diary)
            .filter(|at| untouched || at.local_in(zone) == local);
        // A minute of grace, as `validate` allows.
        let latest = Instant(now.0 + 60_000);
        match shown {
            Some(at) => Ok(at),
            // Not moved to the hour after without a word: the patient checks the time.
            None if Instant::readings_in(local, zone).is_empty() => Err(Problem::NoSuchTime),
            None => Ok(Instant::from_local_until(local, zone, latest)),
        }
    }

    /// Turns the form into a check-in plus the lesions it creates or renames. `new_id` makes ids
    /// for new records (`'c'` check-in, `'l'` lesion). On failure every problem is listed and the
    /// draft is untouched.
    pub fn build(
        &self,
        diary: &Diary,
        now: Instant,
        zone: &dyn Zone,
        new_id: &mut dyn FnMut(char) -> String,
    ) -> Result<(CheckIn, Vec<Lesion>), Problems> {
        let (check_in, lesions, problems) = self.assemble(diary, now, zone, new_id);
        if problems.is_empty() {
            Ok((check_in, lesions))
        } else {
            Err(problems)
        }
    }

    /// What the form's answers mean as they stand, for a form that cannot be saved yet (an
    /// answer missing or wrong): routed on `diary` as it would be with them, every box ticked
    /// counting, a sign on a lump with no place chosen too, and pain not yet given as none.
    /// Never saved: only the urgent advice it gives is shown, so that a patient who ticked "I
    /// fainted" is not first sent to answer the pain scale.
    pub fn routed_as_ticked(
        &self,
        diary: &Diary,
        now: Instant,
        zone: &dyn Zone,
        new_id: &mut dyn FnMut(char) -> String,
    ) -> Assessment {
        let (check_in, lesions, _) = self.assemble(diary, now, zone, new_id);
        assess_in(&diary.with_recorded(check_in.clone(), lesions), &check_in)
    }

    /// The check-in, the lesions it creates or renames, and what stops it being saved.
    fn assemble(
        &self,
        diary: &Diary,
        now: Instant,
        zone: &dyn Zone,
        new_id: &mut dyn FnMut(char) -> String,
    ) -> (CheckIn, Vec<Lesion>, Problems) {
        let mut problems = Problems::new();
        let at = match self.instant(diary, now, zone) {
            Ok(at) => Some(at),
            Err(problem) => {
                problems.push((Field::When, problem));
                None
            }
        };
        if self.pain.is_none() {
            problems.push((Field::Pain, Problem::Missing));
        }
        // The quick form asks about every warning sign in one question, which must be answered.
        if self.quick.on {
            match self.quick.any_warning {
                None => problems.push((Field::AnyWarning, Problem::Missing)),
                Some(true) if !self.any_listed_sign() => {
                    problems.push((Field::AnyWarning, Problem::NothingTicked))
                }
                _ => {}
            }
            // While it has a last note to be the same as (one marked healed or whose note was
            // deleted in another tab meanwhile is described afresh, its details open), and its
            // answer is wanted (`Draft::must_answer`).
            for l in &self.lesions {
                if self.must_answer(l, diary) {
                    problems.push((Field::LesionSince(l.key), Problem::Missing));
                }
            }
        }
        let mut lesions = Vec::new();
        let mut observations = Vec::new();
        let mut keys_by_lesion = Vec::new();
        for l in &self.lesions {
            let Some(site) = l.site else {
                problems.push((Field::LesionSite(l.key), Problem::Missing));
                // Its signs still count where the form is routed before it can be saved
                // (`routed_as_ticked`), on a lesion the diary does not know.
                let id = new_id('l');
                keys_by_lesion.push((id.clone(), l.key));
                observations.push(Observation {
                    lesion: id,
                    pain: l.pain,
                    size: None,
                    signs: l.signs.iter().copied().collect(),
                    extra: Extra::NONE,
                });
                continue;
            };
            let size = match l.size {
                SizeChoice::NotSure => None,
                SizeChoice::RiceGrain => Some(Size::RiceGrain),
                SizeChoice::Pea => Some(Size::Pea),
                SizeChoice::Grape => Some(Size::Grape),
                SizeChoice::Walnut => Some(Size::Walnut),
                SizeChoice::Measured => match whole_mm(&l.mm) {
                    Some(mm) => Some(Size::Mm(mm)),
                    None => {
                        problems.push((Field::LesionSize(l.key), Problem::OutOfRange));
                        None
                    }
                },
            };
            let existing = l.lesion_id.as_deref().and_then(|id| diary.lesion(id));
            let id = match existing {
                Some(e) => {
                    // Renamed here and, since the form took it, elsewhere too: the patient
                    // sees the other name before either is kept (`Action::NamesSeen`).
                    // (A lump taken off the list elsewhere meanwhile has no name left there: the
                    // form's is kept, below.)
                    if let Some((_, was_name)) = l.was.as_ref().filter(|_| !e.deleted) {
                        let (typed, was_name, theirs) =
                            (l.name.trim(), was_name.trim(), e.name.trim());
                        if typed != was_name && theirs != was_name && theirs != typed {
                            problems.push((Field::LesionName(l.key), Problem::RenamedElsewhere));
                        }
                    }
                    // What the patient changed in this form; the rest as the diary has it now.
                    let (site, name) = match l.was.as_ref().filter(|_| !e.deleted) {
                        Some((was_site, was_name)) => (
                            if site != *was_site { site } else { e.site },
                            if l.name.trim() != was_name.trim() {
                                l.name.trim().to_string()
                            } else {
                                e.name.clone()
                            },
                        ),
                        // New to the form, or taken off the list in another tab while this form
                        // held it (its tombstone has no name): as the form has it.
                        None => (site, l.name.trim().to_string()),
                    };
                    if e.site != site || e.name != name || e.deleted {
                        lesions.push(Lesion {
                            site,
                            name,
                            updated: now,
                            deleted: false,
                            // Editing an old check-in leaves a healed lesion healed; a new
                            // check-in that observes it follows it again.
                            healed: e.healed && self.editing.is_some(),
                            ..e.clone()
                        });
                    }
                    e.id.clone()
                }
                None => {
                    let id = new_id('l');
                    lesions.push(Lesion {
                        healed_at: None,
                        healed_earlier: Vec::new(),
                        // Noted first by this check-in (its time; `now` if that is not known:
                        // the save is refused then anyway).
                        since: Some(at.unwrap_or(now)),
                        id: id.clone(),
                        site,
                        name: l.name.trim().to_string(),
                        updated: now,
                        deleted: false,
                        healed: false,
                        extra: Extra::NONE,
                    });
                    id
                }
            };
            keys_by_lesion.push((id.clone(), l.key));
            observations.push(Observation {
                lesion: id,
                pain: l.pain,
                size,
                signs: l.signs.iter().copied().collect(),
                // An edited observation keeps its stored copy's (`Diary::upsert`).
                extra: Extra::NONE,
            });
        }
        let check_in = CheckIn {
            id: self
                .editing
                .clone()
                .or_else(|| self.new_id.clone())
                .unwrap_or_else(|| new_id('c')),
            at: at.unwrap_or(now),
            updated: now,
            pain: self.pain.unwrap_or(0),
            lump_now: self.lump_now && self.fever && observations.is_empty(),
            observations,
            fever: self.fever,
            raynaud: self.raynaud,
            stiffness: self.stiffness,
            daily_effect: self.daily,
            sleep: self.sleep,
            warnings: self.warnings.iter().copied().collect(),
            immune_weakening: self.immune_weakening,
            adherence: self.adherence,
            side_effects: self.side_effects.iter().copied().collect(),
            other_side_effect: if self.side_effects.contains(&SideEffect::Other) {
                self.other_side_effect.trim().to_string()
            } else {
                String::new()
            },
            notes: self.notes.clone(),
            deleted: false,
            // An edit keeps the stored copy's (`Diary::upsert`).
            extra: Extra::NONE,
            // Worked out as it is stored (`triage::note_given`).
            given: Default::default(),
        };
        // The model's own rules, with lesions this check-in creates counted as known.
        let mut known: Vec<Lesion> = diary.lesions.clone();
        known.extend(lesions.iter().cloned());
        let key_of = |id: &str| {
            keys_by_lesion
                .iter()
                .find(|(l, _)| l == id)
                .map(|(_, k)| *k)
                .unwrap_or(0)
        };
        for invalid in validate(&check_in, &known, now) {
            let entry = match invalid {
                Invalid::PainOutOfRange => (Field::Pain, Problem::OutOfRange),
                Invalid::DailyEffectOutOfRange => (Field::Daily, Problem::OutOfRange),
                Invalid::InFuture if at.is_some() => (Field::When, Problem::InFuture),
                Invalid::InFuture => continue,
                Invalid::LesionPainOutOfRange { lesion } => {
                    (Field::LesionPain(key_of(&lesion)), Problem::OutOfRange)
                }
                Invalid::SizeOutOfRange { lesion } => {
                    (Field::LesionSize(key_of(&lesion)), Problem::OutOfRange)
                }
                Invalid::DuplicateLesion { lesion } => {
                    let last = keys_by_lesion
                        .iter()
                        .rev()
                        .find(|(l, _)| *l == lesion)
                        .map(|(_, k)| *k)
                        .unwrap_or(0);
                    (Field::LesionDuplicate(last), Problem::Duplicate)
                }
                Invalid::UnknownLesion { .. } => continue,
            };
            if !problems.contains(&entry) {
                problems.push(entry);
            }
        }
        (check_in, lesions, problems)
    }
}

#[cfg(test)]
mod tests;
