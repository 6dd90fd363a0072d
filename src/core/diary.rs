//! The symptom diary: lesions the patient follows, and check-ins that record how each is doing.
//! Records carry stable ids and an `updated` instant so two copies (two tabs, a backup) merge by
//! id without losing anything; deletions are kept as tombstones so they merge too.
//!
//! Field names are short on purpose: ten years of daily check-ins must fit well under 1 MB.

use std::rc::Rc;

use super::date::Date;
use super::json::Extra;
use super::sites::Site;
use super::time::{Instant, Zone};
use super::triage::GivenSlot;

mod medicines;
pub(crate) mod stored;
pub use medicines::{
    check_medicine, Medicine, MedicineProblem, MedicineText, MAX_MEDICINE_HOW, MAX_MEDICINE_NAME,
};

/// What can be true of a lesion on the day of a check-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sign {
    New,
    Growing,
    OpenSore,
    ChalkyDischarge,
    RednessWarmth,
    RednessSpreading,
    PusCloudy,
    RedStreaks,
    SkinDark,
}

impl Sign {
    pub const ALL: [Sign; 9] = [
        Sign::New,
        Sign::Growing,
        Sign::OpenSore,
        Sign::ChalkyDischarge,
        Sign::RednessWarmth,
        Sign::RednessSpreading,
        Sign::PusCloudy,
        Sign::RedStreaks,
        Sign::SkinDark,
    ];

    /// Lesion signs that can mean an infection (FACTS.md: redness or warmth, spreading redness,
    /// pus or cloudy fluid, red streaks). The one list: triage routes by it and the summary marks
    /// lesions by it.
    pub const INFECTION: [Sign; 4] = [
        Sign::RednessWarmth,
        Sign::RednessSpreading,
        Sign::PusCloudy,
        Sign::RedStreaks,
    ];

    pub fn can_mean_infection(self) -> bool {
        Sign::INFECTION.contains(&self)
    }
}

impl Observation {
    /// Whether any of its signs can mean an infection (`Sign::INFECTION`).
    pub fn infection_signs(&self) -> bool {
        self.signs.iter().any(|s| s.can_mean_infection())
    }
}

/// Size in plain words, or measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    RiceGrain,
    Pea,
    Grape,
    Walnut,
    /// Millimetres across.
    Mm(u16),
}

/// Signs that need a call today or an emergency number, asked about the whole body. They come
/// from the red-flag lists (sepsis, allergic reaction, diltiazem reactions, severe Raynaud's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Warning {
    Confused,
    FastBreathing,
    FastHeartbeat,
    ColdClammySkin,
    NotPassingUrine,
    Fainted,
    RednessSpreadingFast,
    SeverePain,
    Hives,
    TroubleBreathing,
    FaceThroatSwelling,
    ChestPain,
    YellowSkinEyes,
    SevereStomachPain,
    ShortOfBreath,
    RapidWeightGainSwelling,
    SpreadingRash,
    Blisters,
    PeelingSkinFever,
    JointSwollenPainful,
    RaynaudNotRecovering,
}

impl Warning {
    pub const ALL: [Warning; 21] = [
        Warning::Confused,
        Warning::FastBreathing,
        Warning::FastHeartbeat,
        Warning::ColdClammySkin,
        Warning::NotPassingUrine,
        Warning::Fainted,
        Warning::RednessSpreadingFast,
        Warning::SeverePain,
        Warning::Hives,
        Warning::TroubleBreathing,
        Warning::FaceThroatSwelling,
        Warning::ChestPain,
        Warning::YellowSkinEyes,
        Warning::SevereStomachPain,
        Warning::ShortOfBreath,
        Warning::RapidWeightGainSwelling,
        Warning::SpreadingRash,
        Warning::Blisters,
        Warning::PeelingSkinFever,
        Warning::JointSwollenPainful,
        Warning::RaynaudNotRecovering,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SideEffect {
    SwollenAnkles,
    Dizziness,
    Headache,
    Flushing,
    Constipation,
    Tiredness,
    Indigestion,
    SlowOrPoundingHeartbeat,
    Fainting,
    Other,
}

impl SideEffect {
    pub const ALL: [SideEffect; 10] = [
        SideEffect::SwollenAnkles,
        SideEffect::Dizziness,
        SideEffect::Headache,
        SideEffect::Flushing,
        SideEffect::Constipation,
        SideEffect::Tiredness,
        SideEffect::Indigestion,
        SideEffect::SlowOrPoundingHeartbeat,
        SideEffect::Fainting,
        SideEffect::Other,
    ];

    /// Whether the form offers it among the side effects. Fainting is asked once, as the warning
    /// sign "I fainted" (an emergency, as FACTS lists it); a check-in saved with it ticked here
    /// before keeps showing its tick, so it can still be seen and taken off.
    pub fn offered(self, ticked: bool) -> bool {
        self != SideEffect::Fainting || ticked
    }

    /// Added after versions that are still in use: stored in a field of their own, which such a
    /// version keeps as it is (an unknown field), where an unknown code in the first list would
    /// make it find the whole record unreadable.
    pub fn added_later(self) -> bool {
        matches!(self, SideEffect::Tiredness | SideEffect::Indigestion)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adherence {
    AsPrescribed,
    MissedSome,
    NotTaking,
}

/// A lump or sore the patient follows over time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesion {
    pub id: String,
    pub site: Site,
    /// The patient's own name for it, e.g. "right index finger lump"; may be empty.
    pub name: String,
    pub updated: Instant,
    pub deleted: bool,
    /// Healed, or no longer followed: kept with its history, left out of new check-ins.
    pub healed: bool,
    /// When the patient last marked it healed (kept when it is followed again): a sore noted
    /// open before then and open again after it is a new sore, not one that has not healed.
    pub healed_at: Option<Instant>,
    /// The times it was marked healed before `healed_at`, oldest first: a sore noted open before
    /// any of them and open again after it opened again then, whichever healing came later.
    pub healed_earlier: Vec<Instant>,
    /// When it was first noted (the date of the check-in that added it), kept whatever becomes
    /// of that check-in: the diary tracks it from then (a fever since is a same-day call). None
    /// for lumps added before this was kept.
    pub since: Option<Instant>,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

impl Lesion {
    /// Whether it is healed now: marked healed and still in the diary. A lump removed from the
    /// diary has no state now (its tombstone keeps the `healed` it had when it was removed), so
    /// what the exports say "as of export" leaves it out.
    pub fn healed_now(&self) -> bool {
        self.healed && !self.deleted
    }

    /// When it was marked healed, if it is healed now (see `healed_now`; `healed_at` is kept
    /// when a lump is followed again, so it alone does not say the lump is healed).
    pub fn marked_healed_at(&self) -> Option<Instant> {
        self.healed_now().then_some(self.healed_at).flatten()
    }
}

/// How one lesion was at a check-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observation {
    pub lesion: String,
    pub pain: Option<u8>,
    pub size: Option<Size>,
    pub signs: Vec<Sign>,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

impl Observation {
    pub fn has(&self, sign: Sign) -> bool {
        self.signs.contains(&sign)
    }
}

/// One check-in. Everything but the time and overall pain is optional.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CheckIn {
    pub id: String,
    pub at: Instant,
    pub updated: Instant,
    pub pain: u8,
    pub observations: Vec<Observation>,
    pub fever: bool,
    /// With a fever and no lump noted yet: "I have a lump or sore now, even one not in my
    /// diary". A fever with any lump or sore is a same-day call (stored as optional "lump_now";
    /// older versions ignore it).
    pub lump_now: bool,
    pub raynaud: bool,
    pub stiffness: bool,
    /// Effect on daily activities, 0-10.
    pub daily_effect: Option<u8>,
    pub sleep: bool,
    pub warnings: Vec<Warning>,
    /// Takes medicines that weaken the immune system (steroids, methotrexate...).
    pub immune_weakening: bool,
    pub adherence: Option<Adherence>,
    pub side_effects: Vec<SideEffect>,
    pub other_side_effect: String,
    pub notes: String,
    pub deleted: bool,
    /// The advice given when this copy was saved (stored as optional "given"; see
    /// `triage::Given`).
    pub given: GivenSlot,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

impl CheckIn {
    /// Gives this copy the edit stamp `to`, with the same words (put back, brought back, its
    /// stamp clamped to a clock put right): the advice kept for it (`given`) stays its own.
    pub fn restamp(&mut self, to: Instant) {
        if let Some(g) = &mut self.given.0 {
            if g.for_update == self.updated {
                g.for_update = to;
            }
        }
        self.updated = to;
    }

    pub fn has_warning(&self, w: Warning) -> bool {
        self.warnings.contains(&w)
    }

    pub fn has_side_effect(&self, s: SideEffect) -> bool {
        self.side_effects.contains(&s)
    }

    pub fn observation(&self, lesion: &str) -> Option<&Observation> {
        self.observations.iter().find(|o| o.lesion == lesion)
    }

    /// Number of lesions recorded as an open sore.
    pub fn open_sores(&self) -> usize {
        self.observations
            .iter()
            .filter(|o| o.has(Sign::OpenSore))
            .count()
    }
}

/// A question the patient wants to ask at the next appointment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionNote {
    pub id: String,
    pub text: String,
    pub updated: Instant,
    pub deleted: bool,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Diary {
    pub lesions: Vec<Lesion>,
    pub check_ins: Vec<Rc<CheckIn>>,
    pub questions: Vec<QuestionNote>,
    /// The medicines the patient takes, in their own words (added in schema 2).
    pub medicines: Vec<Medicine>,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

/// A field the patient must fix before a check-in can be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    PainOutOfRange,
    DailyEffectOutOfRange,
    InFuture,
    LesionPainOutOfRange { lesion: String },
    SizeOutOfRange { lesion: String },
    UnknownLesion { lesion: String },
    DuplicateLesion { lesion: String },
}

/// Largest size in millimetres we accept (a very large deposit is still well under this).
pub const MAX_SIZE_MM: u16 = 500;

/// Checks a new or edited check-in against the diary's live lesions and the current time; every
/// problem is listed.
pub fn validate(check_in: &CheckIn, lesions: &[Lesion], now: Instant) -> Vec<Invalid> {
    let live = |id: &str| lesions.iter().any(|l| l.id == id && !l.deleted);
    // A minute of grace for clocks that disagree by a little.
    check_in_problems(check_in, &live, Some(Instant(now.0 + 60_000)))
}

/// The rules every check-in keeps, typed here or read from a backup: scores within 0-10, sizes in
/// range, each lesion observed at most once and `known`, and (when given) not dated after
/// `latest`.
fn check_in_problems(
    check_in: &CheckIn,
    known: &dyn Fn(&str) -> bool,
    latest: Option<Instant>,
) -> Vec<Invalid> {
    let mut problems = Vec::new();
    if check_in.pain > 10 {
        problems.push(Invalid::PainOutOfRange);
    }
    if check_in.daily_effect.is_some_and(|d| d > 10) {
        problems.push(Invalid::DailyEffectOutOfRange);
    }
    if latest.is_some_and(|latest| check_in.at > latest) {
        problems.push(Invalid::InFuture);
    }
    let mut seen = std::collections::HashSet::new();
    for o in &check_in.observations {
        let lesion = o.lesion.clone();
        if !known(&o.lesion) {
            problems.push(Invalid::UnknownLesion {
                lesion: lesion.clone(),
            });
        }
        if !seen.insert(o.lesion.as_str()) {
            problems.push(Invalid::DuplicateLesion {
                lesion: lesion.clone(),
            });
        }
        if o.pain.is_some_and(|p| p > 10) {
            problems.push(Invalid::LesionPainOutOfRange {
                lesion: lesion.clone(),
            });
        }
        if let Some(Size::Mm(mm)) = o.size {
            if mm == 0 || mm > MAX_SIZE_MM {
                problems.push(Invalid::SizeOutOfRange { lesion });
            }
        }
    }
    problems
}

/// What makes a copy of the diary read from elsewhere (a backup) unfit to merge. `kind` is
/// "lesion", "check-in", "question" or "medicine".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyProblem {
    NoId {
        kind: &'static str,
    },
    SameId {
        kind: &'static str,
        id: String,
    },
    Medicine {
        id: String,
        problem: MedicineProblem,
    },
    CheckIn {
        id: String,
        problem: Invalid,
    },
}

impl Diary {
    /// Checks a copy of the diary read from elsewhere before it is merged into `current`: ids
    /// present and unique per kind, every live medicine as `check_medicine` wants it, and every
    /// check-in (deleted ones too) by the rules `validate` applies to one typed here, except that
    /// an observation may be about a lesion deleted since (in the copy or in `current`) and a
    /// check-in may be dated in the future: a device whose clock ran ahead saved it so, and its
    /// own diary holds it (`dated_ahead` counts such check-ins, for the patient to correct). The
    /// first problem found.
    pub fn check_copy(&self, current: &Diary) -> Result<(), CopyProblem> {
        fn unique<'a>(
            kind: &'static str,
            ids: impl Iterator<Item = &'a str>,
        ) -> Result<(), CopyProblem> {
            let mut seen = std::collections::HashSet::new();
            for id in ids {
                if id.trim().is_empty() {
                    return Err(CopyProblem::NoId { kind });
                }
                if !seen.insert(id) {
                    let id = id.to_string();
                    return Err(CopyProblem::SameId { kind, id });
                }
            }
            Ok(())
        }
        unique("lesion", self.lesions.iter().map(|r| r.id()))?;
        unique("check-in", self.check_ins.iter().map(|r| r.id()))?;
        unique("question", self.questions.iter().map(|r| r.id()))?;
        unique("medicine", self.medicines.iter().map(|r| r.id()))?;
        // A name or "how" longer than the form allows is kept whole, as stored text is (see
        // `limits`); a medicine with no name is not one this widget saved.
        for m in &self.medicines {
            let unnamed = m
                .problems()
                .into_iter()
                .find(|p| *p == MedicineProblem::NameEmpty);
            if let Some(problem) = unnamed {
                let id = m.id.clone();
                return Err(CopyProblem::Medicine { id, problem });
            }
        }
        // A set, not a search per observation: a file may hold thousands of each.
        let lesions: std::collections::HashSet<&str> = self
            .lesions
            .iter()
            .chain(&current.lesions)
            .map(|l| l.id.as_str())
            .collect();
        let known = |id: &str| lesions.contains(id);
        for c in &self.check_ins {
            if let Some(problem) = check_in_problems(c, &known, None).into_iter().next() {
                let id = c.id.clone();
                return Err(CopyProblem::CheckIn { id, problem });
            }
        }
        Ok(())
    }
}

/// A new id: time-ordered, with `random` (from the platform) to keep two tabs apart.
pub fn new_id(prefix: char, now: Instant, random: u32) -> String {
    format!(
        "{prefix}{}{}",
        base36(now.0.max(0) as u64),
        base36(u64::from(random))
    )
}

/// The time `new_id` made `id` with (its letter, then the milliseconds in 8 base-36 digits, until
/// 2059), when it reads as one no earlier than 2020; `None` for an id made otherwise.
pub fn made_at(id: &str) -> Option<Instant> {
    const Y2020_MS: i64 = 1_577_836_800_000;
    id.get(1..9)
        .and_then(|d| i64::from_str_radix(d, 36).ok())
        .filter(|ms| *ms >= Y2020_MS)
        .map(Instant)
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii digits")
}

/// How far ahead of this device's clock a stored or restored edit time may be: clocks on two
/// devices disagree a little; a time further ahead is a wrong clock (or a crafted file).
pub const CLOCK_ALLOWANCE_MS: i64 = 5 * 60_000;

/// Edit times before this (2001-09-09) are not known: `clamp_future_edits` puts an edit time
/// that lay in the future here. (A device clock really set before 2001 reads so too; its copies
/// are then kept over a backup's, which loses nothing.)
const UNKNOWN_BEFORE_MS: i64 = 1_000_000_000_000;

/// Where a future edit time goes (see `Diary::clamp_future_edits`): the same time, counted modulo
/// 10^9 seconds (about 31.7 years), so it is older than any real edit, whole seconds stay whole
/// seconds, and two future times only meet when they lie exactly that far apart.
pub fn unknown_edit_time(t: Instant) -> Instant {
    Instant(t.0.rem_euclid(UNKNOWN_BEFORE_MS))
}

/// Whether a stored or restored time lies further ahead of `now` than clocks disagree
/// (`CLOCK_ALLOWANCE_MS`): a clock that ran ahead, or a crafted file.
pub fn lies_ahead(t: Instant, now: Instant) -> bool {
    t.0 > now.0.saturating_add(CLOCK_ALLOWANCE_MS)
}

/// An edit time as `Diary::clamp_future_edits` at `now` leaves it. A tab compares the edit time
/// it started from with the stored one, which was clamped when read: its own time must go
/// through the same rule, or a clock put back after its own last save looks like another tab's
/// change (its own save refused, its delete too).
pub fn as_clamped(t: Instant, now: Instant) -> Instant {
    if lies_ahead(t, now) {
        unknown_edit_time(t)
    } else {
        t
    }
}

/// Whether an edit time is not known (see `unknown_edit_time`).
pub fn is_unknown_edit_time(t: Instant) -> bool {
    t.0 < UNKNOWN_BEFORE_MS
}

/// The edit time for a change to a record last edited at `previous`: now, but always later than
/// the copy it replaces, so a copy stamped in the future (a clock running ahead, a restored
/// file) can never make a later edit or deletion lose.
///
/// Times are stored to the second, so "later" means the next whole second; and never past the
/// last second RFC 3339 can write (stored copies are clamped long before that, see
/// `clamp_future_edits`).
pub fn edit_stamp(previous: Instant, now: Instant) -> Instant {
    const LAST_WRITABLE: i64 = 253_402_300_799_000; // 9999-12-31T23:59:59Z
    let next_second = previous.0 - previous.0.rem_euclid(1000) + 1000;
    Instant(now.0.max(next_second).min(LAST_WRITABLE))
}

/// An edit made here replaces a stored record with a copy built from what this version knows:
/// the fields a newer version stored in it (`Extra`) go on to the new copy, unless it has its own.
/// (Not into a tombstone: a deletion keeps nothing the patient wrote.)
pub(crate) fn keep_extra(new: &mut Extra, stored: &Extra) {
    if new.is_empty() && !stored.is_empty() {
        *new = stored.clone();
    }
}

/// Which copy of a record is kept when two copies meet.
pub trait Versioned {
    fn id(&self) -> &str;
    fn updated(&self) -> Instant;
    /// A tombstone: the record was deleted at `updated`.
    fn is_deleted(&self) -> bool;
    /// Makes the record live again, edited at `at`.
    fn revive(&mut self, at: Instant);
}

macro_rules! versioned {
    ($($t:ty),*) => {$(
        impl Versioned for $t {
            fn id(&self) -> &str { &self.id }
            fn updated(&self) -> Instant { self.updated }
            fn is_deleted(&self) -> bool { self.deleted }
            fn revive(&mut self, at: Instant) {
                self.deleted = false;
                self.updated = at;
            }
        }
    )*};
}
versioned!(Lesion, QuestionNote, Medicine);

impl Versioned for CheckIn {
    fn id(&self) -> &str {
        &self.id
    }
    fn updated(&self) -> Instant {
        self.updated
    }
    fn is_deleted(&self) -> bool {
        self.deleted
    }
    fn revive(&mut self, at: Instant) {
        self.deleted = false;
        self.restamp(at);
    }
}

/// Check-ins are shared between copies of a diary (a save's copy, the tab's, what it last saw),
/// so copying a ten-year diary copies pointers, not records; a record is copied only when one
/// copy changes it.
impl<T: Versioned + Clone> Versioned for Rc<T> {
    fn id(&self) -> &str {
        (**self).id()
    }
    fn updated(&self) -> Instant {
        (**self).updated()
    }
    fn is_deleted(&self) -> bool {
        (**self).is_deleted()
    }
    fn revive(&mut self, at: Instant) {
        Rc::make_mut(self).revive(at)
    }
}

/// What a merge did, counted per record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeReport {
    /// Records only theirs had.
    pub added: usize,
    /// Records theirs had in a later edit, which replaced ours.
    pub updated: usize,
    /// Records both had exactly the same.
    pub same: usize,
    /// Records ours had edited later (or at the same moment): ours kept. Records deleted here are
    /// not counted: they are in `deleted_here`.
    pub kept_ours: usize,
    /// Their live copies of records deleted here later: the deletion stands, so they were not
    /// brought back (a restore offers them back).
    pub deleted_here: Diary,
}

impl MergeReport {
    fn add(&mut self, other: MergeReport) {
        self.added += other.added;
        self.updated += other.updated;
        self.same += other.same;
        self.kept_ours += other.kept_ours;
    }

    /// Records the merge left as ours were.
    pub fn unchanged(&self) -> usize {
        let d = &self.deleted_here;
        let held = d.lesions.len() + d.check_ins.len() + d.questions.len() + d.medicines.len();
        self.same + self.kept_ours + held
    }
}

/// Merges `theirs` into `ours` by id; the copy edited later wins (ties keep ours). Their live
/// copies of records deleted here later go to `held`.
fn merge_records<T: Versioned + Clone + PartialEq>(
    ours: &mut Vec<T>,
    theirs: &[T],
    held: &mut Vec<T>,
) -> MergeReport {
    let mut report = MergeReport::default();
    let index: std::collections::HashMap<String, usize> = ours
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id().to_string(), i))
        .collect();
    for t in theirs {
        match index.get(t.id()) {
            None => {
                ours.push(t.clone());
                report.added += 1;
            }
            Some(&i) if ours[i] == *t => report.same += 1,
            Some(&i) if t.updated() > ours[i].updated() => {
                ours[i] = t.clone();
                report.updated += 1;
            }
            Some(&i) if ours[i].is_deleted() && !t.is_deleted() => held.push(t.clone()),
            Some(_) => report.kept_ours += 1,
        }
    }
    report
}

impl Diary {
    /// Merges another copy of the diary into this one. Nothing is lost: records only one side
    /// has are kept, and where both have a record the later edit wins (deletions included).
    pub fn merge(&mut self, other: &Diary) -> MergeReport {
        let mut held = Diary::default();
        let mut report = merge_records(&mut self.lesions, &other.lesions, &mut held.lesions);
        report.add(merge_records(
            &mut self.check_ins,
            &other.check_ins,
            &mut held.check_ins,
        ));
        report.add(merge_records(
            &mut self.questions,
            &other.questions,
            &mut held.questions,
        ));
        report.add(merge_records(
            &mut self.medicines,
            &other.medicines,
            &mut held.medicines,
        ));
        self.sort();
        held.sort();
        report.deleted_here = held;
        report
    }

    /// Check-ins newest first, lesions, questions and medicines oldest first (ids are
    /// time-ordered); ties broken by id so the order is the same in every tab.
    pub fn sort(&mut self) {
        use super::order::sort_by;
        sort_by(&mut self.check_ins, |a, b| {
            b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id))
        });
        sort_by(&mut self.lesions, |a, b| a.id.cmp(&b.id));
        sort_by(&mut self.questions, |a, b| a.id.cmp(&b.id));
        sort_by(&mut self.medicines, |a, b| a.id.cmp(&b.id));
    }

    /// Live check-ins whose local date in `zone` is within `from..=to`, newest first. Either end
    /// may be open.
    pub fn between<'a>(
        &'a self,
        from: Option<Date>,
        to: Option<Date>,
        zone: &'a dyn Zone,
    ) -> impl Iterator<Item = &'a CheckIn> {
        let all = from.is_none() && to.is_none();
        self.entries().filter(move |c| {
            // Without a range no local date is needed (each asks the browser for its offset).
            if all {
                return true;
            }
            let day = c.at.local_in(zone).date;
            from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
        })
    }

    /// Live (not deleted) check-ins, newest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &CheckIn> {
        self.check_ins.iter().map(|c| &**c).filter(|c| !c.deleted)
    }

    /// How many live check-ins are dated later than `now` (and a few minutes for clocks that
    /// disagree): saved on a device whose clock ran ahead, or restored from one. The form refuses
    /// such a date, so the patient is told of them and corrects them in the history.
    pub fn dated_ahead(&self, now: Instant) -> usize {
        let latest = Instant(now.0.saturating_add(CLOCK_ALLOWANCE_MS));
        self.entries().filter(|c| c.at > latest).count()
    }

    pub fn live_lesions(&self) -> impl Iterator<Item = &Lesion> {
        self.lesions.iter().filter(|l| !l.deleted)
    }

    /// Live lesions still being followed (not marked healed): the ones a new check-in asks about.
    pub fn followed_lesions(&self) -> impl Iterator<Item = &Lesion> {
        self.live_lesions().filter(|l| !l.healed)
    }

    pub fn lesion(&self, id: &str) -> Option<&Lesion> {
        self.lesions.iter().find(|l| l.id == id)
    }

    pub fn check_in(&self, id: &str) -> Option<&CheckIn> {
        self.entries().find(|c| c.id == id)
    }

    /// The live check-in just before the one at `at` with `id`, in the diary's order (by time,
    /// then by id: ids are time-ordered, so of two check-ins at the same minute the one made
    /// first), for comparing with the previous one. `id` need not be in the diary yet, and an
    /// older copy of it there (at another time) is never its own previous.
    pub fn previous(&self, at: Instant, id: &str) -> Option<&CheckIn> {
        self.entries()
            .find(|c| c.id != id && (c.at, c.id.as_str()) < (at, id))
    }

    /// Adds or replaces a check-in (matched by id). A replacement is stamped later than the copy
    /// it replaces (see `edit_stamp`), and keeps the fields a newer version stored in it and in
    /// its observations (see `keep_extra`).
    pub fn upsert(&mut self, mut check_in: CheckIn) {
        match self.check_ins.iter_mut().find(|c| c.id == check_in.id) {
            Some(slot) => {
                let stamp = edit_stamp(slot.updated, check_in.updated);
                check_in.restamp(stamp);
                keep_extra(&mut check_in.extra, &slot.extra);
                for o in &mut check_in.observations {
                    if let Some(was) = slot.observation(&o.lesion) {
                        keep_extra(&mut o.extra, &was.extra);
                    }
                }
                *slot = Rc::new(check_in);
            }
            None => self.check_ins.push(Rc::new(check_in)),
        }
        self.sort();
    }

    /// This diary with a check-in and its lumps recorded, in memory only: what a save would hold,
    /// for routing a check-in that could not be kept (storage blocked or full).
    pub fn with_recorded(&self, check_in: CheckIn, lesions: Vec<Lesion>) -> Diary {
        let mut next = self.clone();
        for l in lesions {
            next.upsert_lesion(l);
        }
        next.upsert(check_in);
        next
    }

    pub fn upsert_lesion(&mut self, mut lesion: Lesion) {
        match self.lesions.iter_mut().find(|l| l.id == lesion.id) {
            Some(slot) => {
                lesion.updated = edit_stamp(slot.updated, lesion.updated);
                keep_extra(&mut lesion.extra, &slot.extra);
                *slot = lesion;
            }
            None => self.lesions.push(lesion),
        }
        self.sort();
    }

    /// The id of the question on the list (not deleted) with this text, white space at its ends
    /// aside. Two tabs that both show a question in their box (one opened with the other's) each
    /// add it: the second finds it here, and it is listed once.
    pub fn question_with_text(&self, text: &str) -> Option<&str> {
        let text = text.trim();
        self.questions
            .iter()
            .find(|q| !q.deleted && q.text.trim() == text)
            .map(|q| q.id.as_str())
    }

    /// Marks a question deleted: a tombstone, so the deletion reaches other tabs and backups,
    /// with its words dropped, as a removed check-in's and medicine's are (the Undo holds them).
    pub fn delete_question(&mut self, id: &str, now: Instant) {
        if let Some(q) = self.questions.iter_mut().find(|q| q.id == id) {
            q.deleted = true;
            q.text.clear();
            q.updated = edit_stamp(q.updated, now);
        }
    }

    /// Puts a question removed here back in its place (its id) with its words, `held` as it was
    /// listed, stamped later than its removal. False, and nothing changed, when its removal is
    /// not in this diary: everything was deleted since, or it is listed again.
    pub fn undo_delete_question(&mut self, held: &QuestionNote, now: Instant) -> bool {
        match self
            .questions
            .iter_mut()
            .find(|q| q.id == held.id && q.deleted)
        {
            Some(q) => {
                *q = QuestionNote {
                    updated: edit_stamp(q.updated, now),
                    deleted: false,
                    ..held.clone()
                };
                true
            }
            None => false,
        }
    }

    /// Every time to the second, as stored (see `Instant::whole_seconds`), in the stored
    /// order: the copy in memory is then exactly the copy a save wrote, and an edit's starting
    /// point (`updated`) matches the stored copy's.
    pub fn to_stored_precision(&mut self) {
        let whole = |t: &mut Instant| *t = t.whole_seconds();
        for r in &mut self.lesions {
            whole(&mut r.updated);
            if let Some(t) = &mut r.healed_at {
                whole(t);
            }
            r.healed_earlier.iter_mut().for_each(whole);
            if let Some(t) = &mut r.since {
                whole(t);
            }
        }
        self.questions
            .iter_mut()
            .for_each(|r| whole(&mut r.updated));
        self.medicines
            .iter_mut()
            .for_each(|r| whole(&mut r.updated));
        // Only a record not yet to the second is touched (and so copied, if shared).
        for c in &mut self.check_ins {
            let given = c.given.0.as_ref().map(|g| g.for_update);
            if c.at != c.at.whole_seconds()
                || c.updated != c.updated.whole_seconds()
                || given.is_some_and(|t| t != t.whole_seconds())
            {
                let c = Rc::make_mut(c);
                whole(&mut c.at);
                whole(&mut c.updated);
                // The advice kept for this copy stays this copy's (`triage::as_given`).
                if let Some(g) = &mut c.given.0 {
                    whole(&mut g.for_update);
                }
            }
        }
        self.sort();
    }

    /// Edit times that lie beyond `now` (plus the allowance) cannot be trusted: a clock ran
    /// ahead, or a file was crafted. They become `unknown_edit_time`s, older than any real edit,
    /// so any real edit wins over them and none of them wins every later merge. The same stored
    /// copy gives the same result whenever it is read, and two different stored times stay
    /// different, so an edit's starting point stays recognisable: another tab's change made
    /// while the clock ran ahead again is still seen as a change.
    ///
    /// A time a lesion was marked healed that lies in the future becomes `now`: it healed by
    /// now, and a later check-in that finds it open again must count it as opened again (the
    /// triage reads `healed_at`), not compare it with a note from before it healed.
    /// Returns how many records were changed.
    pub fn clamp_future_edits(&mut self, now: Instant) -> usize {
        let limit = now.0.saturating_add(CLOCK_ALLOWANCE_MS);
        let mut clamped = 0;
        for r in &mut self.lesions {
            let ahead = r
                .healed_at
                .iter()
                .chain(&r.healed_earlier)
                .chain(&r.since)
                .any(|t| t.0 > limit);
            if ahead {
                let now = now.whole_seconds();
                for t in r
                    .healed_at
                    .iter_mut()
                    .chain(&mut r.healed_earlier)
                    .chain(&mut r.since)
                {
                    if t.0 > limit {
                        *t = now;
                    }
                }
                // Counted below if its edit time is clamped too.
                clamped += usize::from(r.updated.0 <= limit);
            }
        }
        let mut clamp = |t: &mut Instant| {
            let known = as_clamped(*t, now);
            if known != *t {
                *t = known;
                clamped += 1;
            }
        };
        self.lesions.iter_mut().for_each(|r| clamp(&mut r.updated));
        // Only a record clamped is touched (and so copied, if shared).
        for r in &mut self.check_ins {
            if r.updated.0 > limit {
                let c = Rc::make_mut(r);
                let mut to = c.updated;
                clamp(&mut to);
                c.restamp(to);
            }
        }
        self.questions
            .iter_mut()
            .for_each(|r| clamp(&mut r.updated));
        self.medicines
            .iter_mut()
            .for_each(|r| clamp(&mut r.updated));
        clamped
    }

    /// Deletes a check-in, leaving a tombstone (id, time, `deleted`) so that the deletion reaches
    /// other tabs and backups. What the patient wrote is gone from the stored copy; the returned
    /// copy lets the caller offer undo.
    pub fn delete(&mut self, id: &str, now: Instant) -> Option<CheckIn> {
        let c = self
            .check_ins
            .iter_mut()
            .find(|c| c.id == id && !c.deleted)?;
        let tombstone = CheckIn {
            id: c.id.clone(),
            at: c.at,
            updated: edit_stamp(c.updated, now),
            deleted: true,
            ..CheckIn::default()
        };
        Some(Rc::unwrap_or_clone(std::mem::replace(
            c,
            Rc::new(tombstone),
        )))
    }

    /// Undoes a delete by putting the earlier copy back, newer than the tombstone.
    pub fn restore(&mut self, mut before: CheckIn, now: Instant) {
        before.deleted = false;
        before.restamp(now);
        // `upsert` stamps it later than the tombstone it replaces.
        self.upsert(before);
    }
}

#[cfg(test)]
mod tests;
