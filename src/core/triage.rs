//! Red-flag routing: which of five levels of urgency a check-in calls for, and why.
//!
//! The rules come from the "Red flags" section of the medical facts. They route; they never
//! diagnose and never tell anyone to stop or change a medicine. Where a sign could mean a
//! medicine reaction, it is routed whatever medicine the patient takes: over-triage is safer
//! than missing one. Each rule is one row of a table (the `reasons!` list below says how urgent a
//! reason is; the `*_reason` matches say which sign leads to which reason), so a new sign in the
//! diary model fails to compile until it is routed here.

use super::ids::{IdMap, IdSet};
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use super::config::Contact;
use super::content::text_map;
use super::diary::{Adherence, CheckIn, Diary, Lesion, Observation, SideEffect, Sign, Warning};
use super::json::{self, Fields, Value};
use super::sites::Region;
use super::time::Instant;

/// How soon the patient should get help. Ordered, so the most urgent of several is `max()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Level {
    #[default]
    None,
    NextVisit,
    CallToday,
    /// FACTS' "call a doctor now": the clinic now or, when it is closed, the out-of-hours
    /// service. More than "today", less than the emergency number.
    GetHelpNow,
    Emergency,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::None,
        Level::NextVisit,
        Level::CallToday,
        Level::GetHelpNow,
        Level::Emergency,
    ];

    /// The kebab-case name, as in the content files and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::NextVisit => "next-visit",
            Level::CallToday => "call-today",
            Level::GetHelpNow => "get-help-now",
            Level::Emergency => "emergency",
        }
    }
}

/// Defines `Reason` from one table of variant, stable key (the content key and the CSS name)
/// and level, so a reason cannot exist without a level.
macro_rules! reasons {
    ($($variant:ident = $key:literal, $level:ident;)*) => {
        /// Why a check-in reached its level: one variant per rule.
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
        )]
        pub enum Reason { $($variant),* }

        impl Reason {
            pub const ALL: [Reason; [$($key),*].len()] = [$(Reason::$variant),*];

            /// The kebab-case name, as in the content file.
            pub fn key(self) -> &'static str {
                match self { $(Reason::$variant => $key),* }
            }

            pub fn level(self) -> Level {
                match self { $(Reason::$variant => Level::$level),* }
            }
        }
    };
}

reasons! {
    // Sepsis or a spreading infection [NHS-SEPSIS, NHS-CELLULITIS].
    Confused = "confused", Emergency;
    FastBreathing = "fast-breathing", Emergency;
    FastHeartbeat = "fast-heartbeat", Emergency;
    ColdClammySkin = "cold-clammy-skin", Emergency;
    NotPassingUrine = "not-passing-urine", Emergency;
    // FACTS lists fainting once, as an emergency, whatever its cause.
    Fainted = "fainted", Emergency;
    FeverRednessSpreadingFast = "fever-redness-spreading-fast", Emergency;
    FeverSeverePain = "fever-severe-pain", Emergency;
    // Allergic reaction (listed for diltiazem) [NHS-DILTIAZEM, PIL].
    Hives = "hives", Emergency;
    TroubleBreathing = "trouble-breathing", Emergency;
    FaceThroatSwelling = "face-throat-swelling", Emergency;
    ChestPain = "chest-pain", Emergency;
    // Diltiazem "call a doctor now": GET HELP NOW [NHS-DILTIAZEM, PIL].
    SlowOrPoundingHeartbeat = "slow-or-pounding-heartbeat", GetHelpNow;
    YellowSkinEyes = "yellow-skin-eyes", GetHelpNow;
    SevereStomachPain = "severe-stomach-pain", GetHelpNow;
    ShortOfBreath = "short-of-breath", GetHelpNow;
    RapidWeightGainSwelling = "rapid-weight-gain-swelling", GetHelpNow;
    SpreadingRash = "spreading-rash", GetHelpNow;
    Blisters = "blisters", GetHelpNow;
    PeelingSkinFever = "peeling-skin-fever", GetHelpNow;
    // Infection of a sore, and the other same-day signs [SEED, BOULMAN, NHS-CELLULITIS,
    // NHS-RAYNAUD].
    PusCloudy = "pus-cloudy", CallToday;
    RedStreaks = "red-streaks", CallToday;
    RednessSpreading = "redness-spreading", CallToday;
    // Without fever these two are not an emergency, but spreading redness and more pain are
    // still signs of an infected sore.
    RednessSpreadingFast = "redness-spreading-fast", CallToday;
    SeverePain = "severe-pain", CallToday;
    SkinDark = "skin-dark", CallToday;
    JointSwollenPainful = "joint-swollen-painful", CallToday;
    RaynaudNotRecovering = "raynaud-not-recovering", CallToday;
    FeverWithLesion = "fever-with-lesion", CallToday;
    RednessPainWorse = "redness-pain-worse", CallToday;
    // A sore that gets more painful, or newly red or warm [HSE-WOUND, SRUK-DU].
    SoreMorePainful = "sore-more-painful", CallToday;
    SoreNewlyRed = "sore-newly-red", CallToday;
    // An open sore with redness, warmth or swelling around it, noted for the first time, just
    // opened, or open again after it healed: nothing says the redness is old, so it may be
    // infected (FACTS: any sign of infection of a sore; warmth or swelling).
    SoreRed = "sore-red", CallToday;
    // "More swelling" of a sore: an open sore, red, warm or swollen, that is growing.
    SoreMoreSwollen = "sore-more-swollen", CallToday;
    // More pain overall, with an open sore or a red, warm lump whose own pain cannot be compared
    // with before (no score today, or none before): the pain may be that sore's, and "a sore gets
    // more painful" is a same-day call.
    PainWorseUnscoredSore = "pain-worse-unscored-sore", CallToday;
    ImmuneWeakeningInfection = "immune-weakening-infection", CallToday;
    // Always get medical advice for a NEW finger sore: very painful, can get infected, may need
    // antibiotics [SRUK-HANDS, SRUK-DU].
    NewFingerSore = "new-finger-sore", CallToday;
    // A finger sore open now that was open at its last note, weeks ago (see `lesion_rules`): it
    // may have healed and opened again since (found by an audit: it was "not healing", for the
    // next visit, however long ago that note was).
    FingerSoreNotNotedLately = "finger-sore-not-noted-lately", CallToday;
    // Symptoms to report [SEED, GUTIERREZ], and diltiazem's common side effects [NHS-DILTIAZEM].
    NewLump = "new-lump", NextVisit;
    GrowingLump = "growing-lump", NextVisit;
    OpenSore = "open-sore", NextVisit;
    ChalkyDischarge = "chalky-discharge", NextVisit;
    RednessWarmth = "redness-warmth", NextVisit;
    SoreNotHealing = "sore-not-healing", NextVisit;
    Pain = "pain", NextVisit;
    PainWorse = "pain-worse", NextVisit;
    Stiffness = "stiffness", NextVisit;
    Raynaud = "raynaud", NextVisit;
    Fever = "fever", NextVisit;
    SleepDisturbed = "sleep-disturbed", NextVisit;
    DailyLife = "daily-life", NextVisit;
    MissedDoses = "missed-doses", NextVisit;
    NotTakingMedicine = "not-taking-medicine", NextVisit;
    SwollenAnkles = "swollen-ankles", NextVisit;
    Dizziness = "dizziness", NextVisit;
    Headache = "headache", NextVisit;
    Flushing = "flushing", NextVisit;
    Constipation = "constipation", NextVisit;
    Tiredness = "tiredness", NextVisit;
    Indigestion = "indigestion", NextVisit;
    OtherSideEffect = "other-side-effect", NextVisit;
}

/// The advice the widget gave when a check-in was saved, as it gave it: kept with the check-in so
/// that its history entry and the printout say what the patient was told ("Result at the time"),
/// even when a check-in before it is later deleted or changed, or the rules change. Good only
/// for the copy it was worked out for (`for_update`, that copy's edit stamp): a copy edited
/// since, by an older version that kept it unread, is assessed anew.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Given {
    pub level: Level,
    pub reasons: Vec<Reason>,
    pub for_update: Instant,
}

/// A check-in's `Given`, if any. Not part of what the check-in says: two copies that differ
/// only in it are the same check-in (a backup made before it was kept is "already here").
#[derive(Clone, Debug, Default)]
pub struct GivenSlot(pub Option<Given>);

impl PartialEq for GivenSlot {
    fn eq(&self, _: &GivenSlot) -> bool {
        true
    }
}

impl Eq for GivenSlot {}

impl Level {
    /// The level whose `key` is `key`.
    pub fn parse(key: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.key() == key)
    }
}

impl Reason {
    /// The reason whose `key` is `key` (one a newer version gave may be unknown here).
    pub fn parse(key: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Whether this reason is about one lump or sore: a sign of it, or how it compares with its
    /// last note.
    fn of_one_lesion(self) -> bool {
        use Reason::*;
        matches!(
            self,
            PusCloudy
                | RedStreaks
                | RednessSpreading
                | RednessPainWorse
                | SoreMorePainful
                | SoreNewlyRed
                | SoreRed
                | SoreMoreSwollen
                | NewFingerSore
                | FingerSoreNotNotedLately
                | NewLump
                | GrowingLump
                | OpenSore
                | ChalkyDischarge
                | RednessWarmth
                | SoreNotHealing
                | SkinDark
        )
    }

    /// Whether this reason's words say a sign may be an infection (of a sore, or spreading in
    /// the body). A unit test holds this to the content's words.
    fn says_infection(self) -> bool {
        use Reason::*;
        matches!(
            self,
            Confused
                | FastBreathing
                | FastHeartbeat
                | ColdClammySkin
                | NotPassingUrine
                | Fainted
                | FeverRednessSpreadingFast
                | FeverSeverePain
                | PusCloudy
                | RedStreaks
                | RednessSpreading
                | RednessSpreadingFast
                | SeverePain
                | FeverWithLesion
                | RednessPainWorse
                | SoreMorePainful
                | SoreNewlyRed
                | SoreRed
                | SoreMoreSwollen
                | PainWorseUnscoredSore
                | ImmuneWeakeningInfection
                | NewFingerSore
                | FingerSoreNotNotedLately
        )
    }
}

/// The outcome for one check-in.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Assessment {
    pub level: Level,
    /// Most urgent first, each once.
    pub reasons: Vec<Reason>,
}

impl Assessment {
    /// The reasons grouped by level, most urgent first (the first group is the result's own
    /// level): a result shows each group under its own level's title, so a title and every
    /// reason under it name the same urgency (FACTS.md, "Red flags").
    pub fn by_level(&self) -> Vec<(Level, Vec<Reason>)> {
        let mut groups: Vec<(Level, Vec<Reason>)> = Vec::new();
        for &r in &self.reasons {
            match groups.last_mut() {
                Some((l, rs)) if *l == r.level() => rs.push(r),
                _ => groups.push((r.level(), vec![r])),
            }
        }
        groups
    }

    fn from_reasons(mut reasons: Vec<Reason>) -> Assessment {
        super::order::sort_by_key(&mut reasons, |&r| (Reverse(r.level()), r));
        reasons.dedup();
        let level = reasons.first().map_or(Level::None, |r| r.level());
        Assessment { level, reasons }
    }
}

/// A rise in overall pain (0-10) this large since the last check-in is worth reporting.
pub const PAIN_RISE_TO_REPORT: u8 = 2;

/// How recent a lump's last note must be for the lump to count when a check-in leaves it out
/// (`Known::left_out`): four weeks, as a chart's line breaks after longer without a check-in. A
/// sore noted two days ago and left out is as unknown today as one listed with no score; one
/// last noted a year ago says nothing of today (calcinosis lumps are long-lasting, and a patient
/// may never mark one healed: counted for good, every rise in pain was a same-day call).
const LEFT_OUT_WITHIN_MS: i64 = 28 * 24 * 60 * 60 * 1000;

/// Pain (0-10, overall or in a spot) from which it counts as severe: 7 to 10 is the band people
/// call severe on this scale [Palos et al., J Pain 2006;7(1):49-56]. With a fever, severe pain is
/// an emergency (FACTS, "Red flags"); without one, a same-day call (more pain can mean an infected
/// sore, and the guide says to call today when "the pain is very bad"), whether the patient
/// ticked "very bad pain" or scored it.
pub const SEVERE_PAIN_FROM: u8 = 7;

/// Effect on daily activities (0-10) from which it is reported. Loss of use and of function are
/// symptoms to report, and 5 is the middle of the scale: the patient rates the effect as at
/// least moderate. Lower scores would flag almost every check-in and teach patients to ignore
/// the result.
pub const DAILY_EFFECT_TO_REPORT: u8 = 5;

/// Reasons that already account for a fever, so a plain `Fever` would only repeat them.
const FEVER_REASONS: [Reason; 5] = [
    Reason::FeverRednessSpreadingFast,
    Reason::FeverSeverePain,
    Reason::PeelingSkinFever,
    Reason::FeverWithLesion,
    Reason::ImmuneWeakeningInfection,
];

pub(super) fn warning_reason(warning: Warning, fever: bool) -> Reason {
    match warning {
        Warning::Confused => Reason::Confused,
        Warning::FastBreathing => Reason::FastBreathing,
        Warning::FastHeartbeat => Reason::FastHeartbeat,
        Warning::ColdClammySkin => Reason::ColdClammySkin,
        Warning::NotPassingUrine => Reason::NotPassingUrine,
        Warning::Fainted => Reason::Fainted,
        Warning::RednessSpreadingFast if fever => Reason::FeverRednessSpreadingFast,
        Warning::RednessSpreadingFast => Reason::RednessSpreadingFast,
        Warning::SeverePain if fever => Reason::FeverSeverePain,
        Warning::SeverePain => Reason::SeverePain,
        Warning::Hives => Reason::Hives,
        Warning::TroubleBreathing => Reason::TroubleBreathing,
        Warning::FaceThroatSwelling => Reason::FaceThroatSwelling,
        Warning::ChestPain => Reason::ChestPain,
        Warning::YellowSkinEyes => Reason::YellowSkinEyes,
        Warning::SevereStomachPain => Reason::SevereStomachPain,
        Warning::ShortOfBreath => Reason::ShortOfBreath,
        Warning::RapidWeightGainSwelling => Reason::RapidWeightGainSwelling,
        Warning::SpreadingRash => Reason::SpreadingRash,
        Warning::Blisters => Reason::Blisters,
        Warning::PeelingSkinFever => Reason::PeelingSkinFever,
        Warning::JointSwollenPainful => Reason::JointSwollenPainful,
        Warning::RaynaudNotRecovering => Reason::RaynaudNotRecovering,
    }
}

pub(super) fn side_effect_reason(side_effect: SideEffect) -> Reason {
    match side_effect {
        SideEffect::SwollenAnkles => Reason::SwollenAnkles,
        SideEffect::Dizziness => Reason::Dizziness,
        SideEffect::Headache => Reason::Headache,
        SideEffect::Flushing => Reason::Flushing,
        SideEffect::Constipation => Reason::Constipation,
        SideEffect::Tiredness => Reason::Tiredness,
        SideEffect::Indigestion => Reason::Indigestion,
        SideEffect::SlowOrPoundingHeartbeat => Reason::SlowOrPoundingHeartbeat,
        SideEffect::Fainting => Reason::Fainted,
        SideEffect::Other => Reason::OtherSideEffect,
    }
}

pub(super) fn sign_reason(sign: Sign) -> Reason {
    match sign {
        Sign::New => Reason::NewLump,
        Sign::Growing => Reason::GrowingLump,
        Sign::OpenSore => Reason::OpenSore,
        Sign::ChalkyDischarge => Reason::ChalkyDischarge,
        Sign::RednessWarmth => Reason::RednessWarmth,
        Sign::RednessSpreading => Reason::RednessSpreading,
        Sign::PusCloudy => Reason::PusCloudy,
        Sign::RedStreaks => Reason::RedStreaks,
        Sign::SkinDark => Reason::SkinDark,
    }
}

/// The reasons of the rules whose condition holds.
fn fired<const N: usize>(rules: [(bool, Reason); N]) -> impl Iterator<Item = Reason> {
    rules
        .into_iter()
        .filter(|&(holds, _)| holds)
        .map(|(_, r)| r)
}

/// What the diary knows that a check-in does not say itself: since when the patient has tracked
/// a lump or sore, which of them are on a finger or thumb, and how each was the last time it was
/// noted. Built once per diary (`of`), so a history of thousands of check-ins is not searched
/// again for each one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Known {
    first_tracked: Option<Instant>,
    /// A set: a restored file may hold any number of lesions, and each open sore asks.
    on_fingers: IdSet<String>,
    /// Each lesion's notes, oldest first.
    seen: IdMap<String, Vec<Noted>>,
    /// Every time each lesion was marked healed, for those ever marked (a map: a restored file
    /// may hold any number of lesions).
    healed_at: IdMap<String, Vec<Instant>>,
    /// Lesions taken off the list (in no check-in then; one restored may still be named in one).
    removed: IdSet<String>,
    /// Lesions marked healed now.
    healed_now: IdSet<String>,
    /// Lesions marked healed with no time kept (an older diary's): healed after every note.
    healed_untimed: IdSet<String>,
}

/// A lesion's note in the diary: the check-in that made it (shared, not copied: two check-ins
/// at the same instant are ordered by id, as the diary orders them) and how the lesion was.
#[derive(Clone, Debug, PartialEq)]
struct Noted {
    by: Rc<CheckIn>,
    seen: Seen,
}

/// How a lesion was when a check-in noted it: what the rules compare a later note with.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Seen {
    at: Instant,
    open: bool,
    red: bool,
    /// The pain it was last given, in this note or an earlier one (a note may skip the score),
    /// and when.
    pain: Option<(u8, Instant)>,
}

impl Seen {
    fn of(at: Instant, o: &Observation, earlier_pain: Option<(u8, Instant)>) -> Seen {
        Seen {
            at,
            open: o.has(Sign::OpenSore),
            red: o.has(Sign::RednessWarmth),
            pain: o.pain.map(|p| (p, at)).or(earlier_pain),
        }
    }

    fn score(&self) -> Option<u8> {
        self.pain.map(|(p, _)| p)
    }
}

/// When the diary first recorded a lump or sore not deleted since (see `Known::of`). A lump
/// still in the patient's list is tracked whatever became of the check-ins that noted it: from
/// when it was first noted (`since`), or for a lump added before that was kept, from the last
/// change to it (its name, or healed), the earliest time the diary then holds for it.
fn first_tracked(diary: &Diary) -> Option<Instant> {
    let kept: IdSet<&str> = diary.live_lesions().map(|l| l.id.as_str()).collect();
    // Entries are newest first: from the oldest, the first that qualifies, so a long diary
    // is usually read only at its start (this runs on every render of the history).
    let noted = diary
        .entries()
        .rev()
        .find(|c| {
            c.observations
                .iter()
                .any(|o| kept.contains(o.lesion.as_str()))
        })
        .map(|c| c.at);
    let listed = diary
        .live_lesions()
        .map(|l| l.since.unwrap_or(l.updated).min(l.updated))
        .min();
    match (noted, listed) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Whether the diary tracked a lump or sore by `at` (as `assess` reads it): with one, a fever
/// then is a same-day call already, so the form need not ask "I have a lump or sore now".
pub fn tracks_a_lump_at(diary: &Diary, at: Instant) -> bool {
    first_tracked(diary).is_some_and(|first| first <= at)
}

/// `Known::of` worked out once for each diary and shared: the history and the result of a
/// check-in just saved ask it of the same diary, and a ten-year diary holds thousands of notes.
/// Clones share one answer. The diary is held weakly: an old diary is never kept alive for it
/// (and its place in memory, kept by the weak hold, is not reused by another while held).
#[derive(Clone, Debug, Default)]
pub struct KnownOf(Rc<RefCell<Option<KnownFor>>>);

/// A diary (held weakly) and what it knows.
type KnownFor = (Weak<Diary>, Rc<Known>);

impl KnownOf {
    /// What `diary` knows: worked out now unless it was for this same diary (the same `Rc`; a
    /// diary shown is never changed in place, a change makes a new one).
    pub fn of(&self, diary: &Rc<Diary>) -> Rc<Known> {
        if let Some((held, known)) = &*self.0.borrow() {
            if std::ptr::eq(held.as_ptr(), Rc::as_ptr(diary)) {
                return known.clone();
            }
        }
        let known = Rc::new(Known::of(diary));
        *self.0.borrow_mut() = Some((Rc::downgrade(diary), known.clone()));
        known
    }

    /// Holds `known` as what `diary` knows (worked out by the save that wrote it).
    pub fn hold(&self, diary: &Rc<Diary>, known: Rc<Known>) {
        *self.0.borrow_mut() = Some((Rc::downgrade(diary), known));
    }

    /// `assess_in`, with what `diary` knows shared; for a check-in `diary` holds (one just
    /// saved), the advice kept with its stored copy (`as_given`), which is what was stored.
    pub fn assess_in(&self, diary: &Rc<Diary>, check_in: &CheckIn) -> Assessment {
        let previous = diary.previous(check_in.at, &check_in.id);
        let stored = diary.check_in(&check_in.id).filter(|c| !c.deleted);
        as_given(stored.unwrap_or(check_in), previous, &self.of(diary))
    }
}

/// Handles to the same cache are equal (a handle in a component's props or context).
impl PartialEq for KnownOf {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Known {
    /// From the diary: since when it tracks a lump or sore not deleted since (`first_tracked`;
    /// healed ones count: the patient tracked them, and such a lump can flare again), and every
    /// lesion on a finger or thumb.
    pub fn of(diary: &Diary) -> Known {
        let first_tracked = first_tracked(diary);
        let mut seen: IdMap<String, Vec<Noted>> = IdMap::default();
        // The live check-ins (as `entries` gives them), oldest first.
        for c in diary.check_ins.iter().rev().filter(|c| !c.deleted) {
            for o in &c.observations {
                let noted = |earlier| Noted {
                    by: Rc::clone(c),
                    seen: Seen::of(c.at, o, earlier),
                };
                match seen.get_mut(o.lesion.as_str()) {
                    Some(notes) => {
                        let earlier = notes.last().and_then(|n| n.seen.pain);
                        notes.push(noted(earlier));
                    }
                    None => {
                        seen.insert(o.lesion.clone(), vec![noted(None)]);
                    }
                }
            }
        }
        let mut known = Known {
            first_tracked,
            on_fingers: IdSet::default(),
            seen,
            healed_at: IdMap::default(),
            removed: IdSet::default(),
            healed_now: IdSet::default(),
            healed_untimed: IdSet::default(),
        };
        known.add_lesions(&diary.lesions);
        known
    }

    /// How `lesion` was the last time a check-in before `at` noted it, and the pain it was last
    /// given by then: the check-in just before may have left it out.
    fn seen_before(&self, lesion: &str, at: Instant, id: &str) -> Option<Seen> {
        let notes = self.seen.get(lesion)?;
        let earlier = notes.partition_point(|n| (n.seen.at, n.by.id.as_str()) < (at, id));
        earlier.checked_sub(1).map(|i| notes[i].seen)
    }

    /// Adds lesions a check-in is about to create or change (its site may be new).
    pub fn add_lesions(&mut self, lesions: &[Lesion]) {
        for l in lesions {
            if on_a_finger(l.site.region) {
                self.on_fingers.insert(l.id.clone());
            }
            for (set, is) in [
                (&mut self.removed, l.deleted),
                (&mut self.healed_now, l.healed_now()),
                (
                    &mut self.healed_untimed,
                    l.healed_now() && l.healed_at.is_none(),
                ),
            ] {
                if is {
                    set.insert(l.id.clone());
                } else {
                    set.remove(&l.id);
                }
            }
            let mut times: Vec<Instant> = l
                .healed_earlier
                .iter()
                .chain(&l.healed_at)
                .copied()
                .collect();
            // Sorted, so each question is a binary search: a restored file may hold any number.
            super::order::sort_by_key(&mut times, |&t| t);
            if times.is_empty() {
                self.healed_at.remove(&l.id);
            } else {
                self.healed_at.insert(l.id.clone(), times);
            }
        }
    }

    /// Whether `lesion` was marked healed (any of the times) after a note at `noted` and by
    /// `at`: a sore open then and open at `at` opened again, and that note says nothing of it
    /// now.
    fn healed_between(&self, lesion: &str, noted: Instant, at: Instant) -> bool {
        self.healed_at.get(lesion).is_some_and(|times| {
            // The first healing after the note, if any, is by `at`.
            let after = times.partition_point(|&t| t <= noted);
            times.get(after).is_some_and(|&t| t <= at)
        })
    }

    /// How each lump or sore this check-in does not list was at its last note before it (in the
    /// diary, or without one in `previous`), for those noted within `LEFT_OUT_WITHIN` of it or in
    /// the check-in just before (a patient who writes monthly), and not taken off the list. One marked healed since that note is left out: healed; unless it
    /// is followed again now, when how it is today is not known (neither open nor red, as far as
    /// the rules can tell). One marked healed with no time kept (an older diary) is healed.
    fn left_out<'a>(
        &'a self,
        c: &'a CheckIn,
        previous: Option<&'a CheckIn>,
    ) -> impl Iterator<Item = Seen> + 'a {
        let listed = |id: &str| c.observation(id).is_some();
        let in_diary = self
            .seen
            .keys()
            .filter_map(|id| Some((id.as_str(), self.seen_before(id, c.at, &c.id)?)));
        let only_before = previous
            .into_iter()
            .flat_map(|p| p.observations.iter().map(move |o| (p, o)))
            .filter(|(_, o)| !self.seen.contains_key(&o.lesion))
            .map(|(p, o)| (o.lesion.as_str(), Seen::of(p.at, o, None)));
        in_diary
            .chain(only_before)
            .filter(move |(id, was)| {
                !listed(id)
                    && !self.removed.contains(*id)
                    && !self.healed_untimed.contains(*id)
                    && (c.at.0.saturating_sub(was.at.0) <= LEFT_OUT_WITHIN_MS
                        || previous.is_some_and(|p| p.observation(id).is_some()))
            })
            .filter_map(move |(id, was)| {
                if !self.healed_between(id, was.at, c.at) {
                    Some(was)
                } else if self.healed_now.contains(id) {
                    None
                } else {
                    Some(Seen {
                        open: false,
                        red: false,
                        ..was
                    })
                }
            })
    }

    /// Whether a live check-in notes `lesion` (one that does cannot be taken off the list).
    pub fn noted(&self, lesion: &str) -> bool {
        self.seen.contains_key(lesion)
    }

    fn tracks_at(&self, at: Instant) -> bool {
        self.first_tracked.is_some_and(|first| first <= at)
    }

    fn on_finger(&self, lesion: &str) -> bool {
        self.on_fingers.contains(lesion)
    }
}

fn on_a_finger(region: Region) -> bool {
    matches!(
        region,
        Region::Thumb
            | Region::IndexFinger
            | Region::MiddleFinger
            | Region::RingFinger
            | Region::LittleFinger
    )
}

/// Whether a lump or sore hurts more than at its last note (both scored).
fn lesion_pain_rose(now: &Observation, before: Option<Seen>) -> bool {
    before
        .and_then(|b| Some(now.pain? > b.score()?))
        .unwrap_or(false)
}

/// Rules that compare one lesion with how the same lesion was the last time it was noted
/// (`before`). Whether it was open or red then counts for what is new only from a recent note
/// (`lately`: the last four weeks, as for a lump left out, or the check-in just before within
/// eight): an older one says nothing of whether it healed and opened again, or went red again,
/// since. A sore open at its last note, however old, is still one that has not healed.
fn lesion_rules(
    now: &Observation,
    before: Option<Seen>,
    lately: Option<Seen>,
    known: &Known,
) -> [(bool, Reason); 8] {
    let pain_rose = lesion_pain_rose(now, before);
    let was_open = lately.is_some_and(|b| b.open);
    let open = now.has(Sign::OpenSore);
    let red = now.has(Sign::RednessWarmth);
    let newly_red = red && lately.is_some_and(|b| !b.red);
    let on_finger = known.on_finger(&now.lesion);
    // Open at a note too old to say whether it healed since.
    let open_long_ago = !was_open && before.is_some_and(|b| b.open);
    // Not open at its last note, or never noted (or healed since: `before` is then `None`).
    let newly_open = !was_open;
    [
        // "More warmth or pain" around a red lump is a sign of infection of a sore.
        (
            now.has(Sign::RednessWarmth) && pain_rose,
            Reason::RednessPainWorse,
        ),
        // A sore that gets more painful, or red or warm where it was not, may be infected. (A
        // closed lump that is red from inflammation alone stays a next-visit sign.)
        (open && pain_rose, Reason::SoreMorePainful),
        (open && newly_red, Reason::SoreNewlyRed),
        (open && red && newly_open && !newly_red, Reason::SoreRed),
        // An open sore, red, warm or swollen around it, that is growing: "more swelling" (growing
        // with the swelling ticked stands for it; "spreads or gets worse" is the box for more).
        (
            open && now.has(Sign::RednessWarmth) && now.has(Sign::Growing),
            Reason::SoreMoreSwollen,
        ),
        (
            open && before.is_some_and(|b| b.open),
            Reason::SoreNotHealing,
        ),
        // A sore on a finger that was not open at the last check-in is new: get advice today.
        (
            open && !was_open && !open_long_ago && on_finger,
            Reason::NewFingerSore,
        ),
        (
            open && open_long_ago && on_finger,
            Reason::FingerSoreNotNotedLately,
        ),
    ]
}

/// Routes a check-in on its own and the one before it, knowing nothing else of the diary (as
/// for a patient's first check-in). The widget routes with `assess_known`.
pub fn assess(check_in: &CheckIn, previous: Option<&CheckIn>) -> Assessment {
    assess_known(check_in, previous, &Known::default())
}

/// Routes a check-in as `diary` sees it: the check-in before it there and what it knows of the
/// patient's lumps. A saved check-in is routed on the diary the save wrote (which holds what
/// another tab saved a moment before), so its result and the history always agree.
pub fn assess_in(diary: &Diary, check_in: &CheckIn) -> Assessment {
    let previous = diary.previous(check_in.at, &check_in.id);
    assess_known(check_in, previous, &Known::of(diary))
}

/// The advice a check-in gave when it was saved (its `given`, if it is this copy's), else as the
/// rules give it now: what the history's "Result at the time" and the printout say.
pub fn as_given(check_in: &CheckIn, previous: Option<&CheckIn>, known: &Known) -> Assessment {
    match &check_in.given.0 {
        Some(g) if g.for_update == check_in.updated => Assessment {
            level: g.level,
            reasons: g.reasons.clone(),
        },
        _ => assess_known(check_in, previous, known),
    }
}

/// Keeps with the check-in `id` of `diary` the advice it gives there now (`Given`), as it is about
/// to be stored: the result the patient is shown is this one.
pub fn note_given(diary: &mut Diary, id: &str) {
    let known = Known::of(diary);
    note_given_with(diary, id, &known);
}

/// `note_given`, with what `diary` knows (`Known::of(diary)`) already worked out: a save works it
/// out once, for the advice kept and for the result and history shown after it.
pub fn note_given_with(diary: &mut Diary, id: &str, known: &Known) {
    let Some(i) = diary.check_ins.iter().position(|c| c.id == id) else {
        return;
    };
    let c = &diary.check_ins[i];
    let a = assess_known(c, diary.previous(c.at, &c.id), known);
    let c = Rc::make_mut(&mut diary.check_ins[i]);
    c.given.0 = Some(Given {
        level: a.level,
        reasons: a.reasons,
        for_update: c.updated,
    });
}

/// Routes a check-in. `previous` is the patient's check-in before it, used to notice pain that
/// is getting worse; `known`, what the diary knows of the patient's lumps and sores, including
/// how each was the last time it was noted (to notice a sore that is not healing, more painful
/// or newly red). Without that (`Known::default()`), a lesion is compared with `previous`.
pub fn assess_known(check_in: &CheckIn, previous: Option<&CheckIn>, known: &Known) -> Assessment {
    let c = check_in;
    // "My skin is peeling and I have a fever" says there is a fever, fever box ticked or not.
    let fever = c.fever || c.has_warning(Warning::PeelingSkinFever);
    let mut reasons: Vec<Reason> = Vec::new();
    reasons.extend(c.warnings.iter().map(|&w| warning_reason(w, fever)));
    reasons.extend(c.side_effects.iter().map(|&s| side_effect_reason(s)));
    // An open sore, or a red or warm lump, whose pain today cannot be set beside a score of its
    // own from before (none today, or none ever given it): more pain overall may be pain in it.
    // (Two scores tell; the lesion rules compare them.) Scoring it for the first time must not
    // call it less urgent than leaving it blank.
    let mut uncompared_sore = false;
    // Any lump listed whose pain cannot be compared with its own last score: on medicines that
    // weaken the defences, more pain overall may be more pain in it, as for a scored lump.
    let mut uncompared_lump = false;
    let mut lump_hurts_more = false;
    for o in &c.observations {
        let first_of_this = reasons.len();
        reasons.extend(o.signs.iter().map(|&s| sign_reason(s)));
        // The last note of this lesion in the diary; without a diary, the check-in before.
        // A note from before the patient marked it healed is not compared with, nor a pain
        // score given before then and carried through notes that gave none since.
        let healed_since = |t: Instant| known.healed_between(&o.lesion, t, c.at);
        let before = known
            .seen_before(&o.lesion, c.at, &c.id)
            .or_else(|| {
                let p = previous?;
                p.observation(&o.lesion).map(|b| Seen::of(p.at, b, None))
            })
            .filter(|b| !healed_since(b.at))
            .map(|b| Seen {
                pain: b.pain.filter(|&(_, t)| !healed_since(t)),
                ..b
            });
        // No pain there today (0) is an answer too: that spot does not hurt more.
        let compared =
            o.pain == Some(0) || (o.pain.is_some() && before.is_some_and(|b| b.score().is_some()));
        uncompared_sore |= !compared && (o.has(Sign::OpenSore) || o.has(Sign::RednessWarmth));
        uncompared_lump |= !compared;
        lump_hurts_more |= lesion_pain_rose(o, before);
        // A note of the last four weeks, or (a patient who checks in monthly, found by review:
        // a slow finger sore was a same-day call every month) of the check-in just before,
        // within eight.
        let in_previous = previous.is_some_and(|p| p.observation(&o.lesion).is_some());
        let lately = before.filter(|b| {
            let age = c.at.0.saturating_sub(b.at.0);
            age <= LEFT_OUT_WITHIN_MS || (in_previous && age <= 2 * LEFT_OUT_WITHIN_MS)
        });
        reasons.extend(fired(lesion_rules(o, before, lately, known)));
        // "A lump can be red without an infection" is not said of a lump this check-in gives a
        // reason to think infected (pus, streaks, a new red sore...): the calmer words stand for
        // another red lump only.
        if reasons[first_of_this..].iter().any(|r| r.says_infection()) {
            let own = reasons.split_off(first_of_this);
            reasons.extend(own.into_iter().filter(|&r| r != Reason::RednessWarmth));
        }
    }
    // A lump or sore the patient follows that this check-in leaves out (the full form starts
    // with none listed): its pain today is as unknown as a listed one's left blank, and leaving
    // it out must not call this less urgent than listing it. As at its last note (not healed
    // since): open or red, more pain overall may be pain in it.
    for was in known.left_out(c, previous) {
        uncompared_lump = true;
        uncompared_sore |= was.open || was.red;
    }

    let observations = || c.observations.iter();
    // A lump or sore the patient tracks: in this check-in, in the one before it, or in any
    // earlier one (a check-in need not list every lump).
    let tracks_a_lesion = !c.observations.is_empty()
        || previous.is_some_and(|p| !p.observations.is_empty())
        || known.tracks_at(c.at)
        // "I have a lump or sore now": one the diary does not know of yet.
        || c.lump_now
        // "A finger or joint near a lump is swollen and painful": there is a lump.
        || c.has_warning(Warning::JointSwollenPainful);
    // FACTS: on medicines that weaken the defences "ANY possible infection is a same-day call";
    // its signs of infection include "more swelling, warmth or pain". A lump that hurts more
    // than at its last note counts, open or closed, red or not.
    let pain_rise = previous.is_some_and(|p| c.pain.saturating_sub(p.pain) >= PAIN_RISE_TO_REPORT);
    // Leaving a lump's own score blank must not call this less urgent than scoring it higher:
    // more pain overall with a listed lump that has no score to compare counts as a lump that
    // may hurt more.
    // An open sore that is growing may be swelling more, swelling box ticked or not: with these
    // medicines that is enough (a closed lump that grows is calcinosis, not a sign of infection).
    let possible_infection = fever
        || c.has_warning(Warning::RednessSpreadingFast)
        || observations().any(|o| o.infection_signs())
        || observations().any(|o| o.has(Sign::OpenSore) && o.has(Sign::Growing))
        || lump_hurts_more
        || (pain_rise && uncompared_lump);
    let any_pain = c.pain > 0 || observations().any(|o| o.pain.is_some_and(|p| p > 0));
    let severe_pain_scored = c.pain >= SEVERE_PAIN_FROM
        || observations().any(|o| o.pain.is_some_and(|p| p >= SEVERE_PAIN_FROM));
    // Very bad stomach pain is very bad pain too: with a fever, a spreading infection is
    // possible (without one it already asks for help now, on its own).
    let severe_pain = severe_pain_scored || c.has_warning(Warning::SevereStomachPain);

    reasons.extend(fired([
        // A fever (38 °C or more, or feeling hot or shivery) with ANY lump or sore the patient
        // tracks is a same-day call, signs ticked or not: the patient cannot tell whether a
        // lump is starting to break down or get infected.
        (fever && tracks_a_lesion, Reason::FeverWithLesion),
        // Severe pain on the scale is severe pain, ticked or not (listed once: `from_reasons`
        // removes the same reason from the ticked box). With a fever it is an emergency; without
        // one it is the same-day call the guide gives for "the pain is very bad".
        (fever && severe_pain, Reason::FeverSeverePain),
        (!fever && severe_pain_scored, Reason::SeverePain),
        (
            c.immune_weakening && possible_infection,
            Reason::ImmuneWeakeningInfection,
        ),
        (any_pain, Reason::Pain),
        (pain_rise && uncompared_sore, Reason::PainWorseUnscoredSore),
        // Said once: the same-day reason says the pain is worse.
        (pain_rise && !uncompared_sore, Reason::PainWorse),
        (c.stiffness, Reason::Stiffness),
        (c.raynaud, Reason::Raynaud),
        (c.sleep, Reason::SleepDisturbed),
        (
            c.daily_effect.is_some_and(|d| d >= DAILY_EFFECT_TO_REPORT),
            Reason::DailyLife,
        ),
        (
            c.adherence == Some(Adherence::MissedSome),
            Reason::MissedDoses,
        ),
        (
            c.adherence == Some(Adherence::NotTaking),
            Reason::NotTakingMedicine,
        ),
    ]));
    if fever && !reasons.iter().any(|r| FEVER_REASONS.contains(r)) {
        reasons.push(Reason::Fever);
    }
    // "A lump can be red without an infection" is for redness on its own. Beside a reason that
    // the patient may have an infection (a fever, steroids, sepsis, pain) it said the opposite,
    // under a calmer heading (found by review: a red lump on steroids). A reason about one other
    // lump (pus in a finger sore) leaves the red lump's words, with their "watch it".
    if reasons
        .iter()
        .any(|r| r.says_infection() && !r.of_one_lesion())
    {
        reasons.retain(|&r| r != Reason::RednessWarmth);
    }
    Assessment::from_reasons(reasons)
}

/// The numbers a result at this level offers, most urgent first: the emergency number for an
/// emergency; the clinic, the out-of-hours service and, as a safety net, the emergency number for
/// "now" and "today"; the clinic for the next visit.
pub fn contacts(level: Level) -> &'static [Contact] {
    match level {
        Level::Emergency => &[Contact::Emergency],
        Level::GetHelpNow | Level::CallToday => {
            &[Contact::Clinic, Contact::OutOfHours, Contact::Emergency]
        }
        Level::NextVisit => &[Contact::Clinic],
        Level::None => &[],
    }
}

/// The words for one level.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelText {
    pub title: String,
    /// May contain `{phone}` (the clinic), `{out_of_hours}` (the service to call when the
    /// clinic is closed) and `{emergency}` (the local emergency number).
    pub advice: String,
}

impl LevelText {
    /// The advice with the numbers in: `number` gives what to say for each (the number set, or
    /// the words for it when none is).
    pub fn advice_with(&self, number: impl Fn(Contact) -> String) -> String {
        self.advice
            .replace("{phone}", &number(Contact::Clinic))
            .replace("{out_of_hours}", &number(Contact::OutOfHours))
            .replace("{emergency}", &number(Contact::Emergency))
    }

    fn read(v: Value) -> Result<LevelText, String> {
        Fields::strict(v, |f| {
            Ok(LevelText {
                title: f.need("title", json::string)?,
                advice: f.need("advice", json::string)?,
            })
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LevelTexts {
    pub none: LevelText,
    pub next_visit: LevelText,
    pub call_today: LevelText,
    pub get_help_now: LevelText,
    pub emergency: LevelText,
}

impl LevelTexts {
    fn read(v: Value) -> Result<LevelTexts, String> {
        Fields::strict(v, |f| {
            Ok(LevelTexts {
                none: f.need(Level::None.key(), LevelText::read)?,
                next_visit: f.need(Level::NextVisit.key(), LevelText::read)?,
                call_today: f.need(Level::CallToday.key(), LevelText::read)?,
                get_help_now: f.need(Level::GetHelpNow.key(), LevelText::read)?,
                emergency: f.need(Level::Emergency.key(), LevelText::read)?,
            })
        })
    }
}

/// Triage texts for one language. Loaded through `triage_text`, which checks that every reason
/// has text, so `reason` never comes back empty.
#[derive(Clone, Debug, PartialEq)]
pub struct TriageText {
    pub levels: LevelTexts,
    pub reasons: HashMap<String, String>,
}

impl TriageText {
    /// Parses and checks a content file (see `from_value`).
    pub fn parse(text: &str) -> Result<TriageText, String> {
        TriageText::from_value(json::parse(text)?)
    }

    /// Reads and checks a content file: every reason has text, and no key is unknown (a
    /// misspelt key would otherwise leave a reason silently without text).
    pub fn from_value(v: Value) -> Result<TriageText, String> {
        let t = Fields::strict(v, |f| {
            Ok(TriageText {
                levels: f.need("levels", LevelTexts::read)?,
                reasons: f.need("reasons", text_map)?,
            })
        })?;
        let blank = |s: &str| s.trim().is_empty();
        for l in Level::ALL {
            let lt = t.level(l);
            if blank(&lt.title) || blank(&lt.advice) {
                return Err(format!("level {l:?} has empty text"));
            }
        }
        let placeholders = [
            (Level::CallToday, "{phone}"),
            (Level::CallToday, "{out_of_hours}"),
            (Level::GetHelpNow, "{phone}"),
            (Level::GetHelpNow, "{out_of_hours}"),
            (Level::Emergency, "{emergency}"),
        ];
        for (l, placeholder) in placeholders {
            if !t.level(l).advice.contains(placeholder) {
                return Err(format!("level {l:?} advice lacks {placeholder}"));
            }
        }
        if let Some(r) = Reason::ALL.iter().find(|r| blank(t.reason(**r))) {
            return Err(format!("reason {:?} has no text", r.key()));
        }
        if let Some(k) = t
            .reasons
            .keys()
            .find(|k| !Reason::ALL.iter().any(|r| r.key() == k.as_str()))
        {
            return Err(format!("unknown reason key {k:?}"));
        }
        Ok(t)
    }

    pub fn reason(&self, reason: Reason) -> &str {
        self.reasons.get(reason.key()).map_or("", String::as_str)
    }

    /// A reason's text in two parts: its first sentence, which says what was noted (all a
    /// printed summary needs beside the level and the dates), and the rest, which explains it
    /// to the patient (on screen only). The rest starts with the space between them.
    pub fn reason_noted(&self, reason: Reason) -> (&str, &str) {
        let text = self.reason(reason);
        match text.find(". ") {
            Some(end) => text.split_at(end + 1),
            None => (text, ""),
        }
    }

    pub fn level(&self, level: Level) -> &LevelText {
        match level {
            Level::None => &self.levels.none,
            Level::NextVisit => &self.levels.next_visit,
            Level::CallToday => &self.levels.call_today,
            Level::GetHelpNow => &self.levels.get_help_now,
            Level::Emergency => &self.levels.emergency,
        }
    }
}

#[cfg(test)]
mod facts_table;

#[cfg(test)]
mod citations;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::Extra;
    use crate::core::lang::Lang;

    fn triage_text(lang: Lang) -> Result<&'static TriageText, String> {
        crate::core::content::test_content(lang)
            .map(|c| &c.triage)
            .map_err(|e| e.to_string())
    }

    fn lesion(id: &str, pain: Option<u8>, signs: &[Sign]) -> Observation {
        Observation {
            lesion: id.into(),
            pain,
            size: None,
            signs: signs.to_vec(),
            extra: Extra::NONE,
        }
    }

    fn with_signs(signs: &[Sign]) -> CheckIn {
        CheckIn {
            observations: vec![lesion("a", None, signs)],
            ..Default::default()
        }
    }

    fn warned(warnings: &[Warning]) -> CheckIn {
        CheckIn {
            warnings: warnings.to_vec(),
            ..Default::default()
        }
    }

    fn side_effects(side_effects: &[SideEffect]) -> CheckIn {
        CheckIn {
            side_effects: side_effects.to_vec(),
            ..Default::default()
        }
    }

    fn en() -> &'static TriageText {
        triage_text(Lang::En).expect("English triage text loads")
    }

    /// Each case is one rule: a check-in with exactly that sign, and the whole expected outcome.
    macro_rules! rule_tests {
        ($($name:ident: $check_in:expr => $level:ident, [$($reason:ident),*];)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(
                    assess(&$check_in, None),
                    Assessment {
                        level: Level::$level,
                        reasons: vec![$(Reason::$reason),*],
                    }
                );
            }
        )*};
    }

    rule_tests! {
        // Emergency: sepsis or a spreading infection.
        confused: warned(&[Warning::Confused]) => Emergency, [Confused];
        fast_breathing: warned(&[Warning::FastBreathing]) => Emergency, [FastBreathing];
        fast_heartbeat: warned(&[Warning::FastHeartbeat]) => Emergency, [FastHeartbeat];
        cold_clammy_skin: warned(&[Warning::ColdClammySkin]) => Emergency, [ColdClammySkin];
        not_passing_urine: warned(&[Warning::NotPassingUrine]) => Emergency, [NotPassingUrine];
        fainted: warned(&[Warning::Fainted]) => Emergency, [Fainted];
        fainting_side_effect: side_effects(&[SideEffect::Fainting]) => Emergency, [Fainted];
        fever_redness_spreading_fast:
            CheckIn { fever: true, ..warned(&[Warning::RednessSpreadingFast]) }
            => Emergency, [FeverRednessSpreadingFast];
        fever_severe_pain:
            CheckIn { fever: true, ..warned(&[Warning::SeverePain]) }
            => Emergency, [FeverSeverePain];
        // Emergency: allergic reaction.
        hives: warned(&[Warning::Hives]) => Emergency, [Hives];
        trouble_breathing: warned(&[Warning::TroubleBreathing]) => Emergency, [TroubleBreathing];
        face_throat_swelling:
            warned(&[Warning::FaceThroatSwelling]) => Emergency, [FaceThroatSwelling];
        chest_pain: warned(&[Warning::ChestPain]) => Emergency, [ChestPain];
        // Get help now: diltiazem "call a doctor now", whatever medicine is taken.
        slow_or_pounding_heartbeat:
            side_effects(&[SideEffect::SlowOrPoundingHeartbeat])
            => GetHelpNow, [SlowOrPoundingHeartbeat];
        yellow_skin_eyes: warned(&[Warning::YellowSkinEyes]) => GetHelpNow, [YellowSkinEyes];
        severe_stomach_pain:
            warned(&[Warning::SevereStomachPain]) => GetHelpNow, [SevereStomachPain];
        short_of_breath: warned(&[Warning::ShortOfBreath]) => GetHelpNow, [ShortOfBreath];
        rapid_weight_gain_swelling:
            warned(&[Warning::RapidWeightGainSwelling]) => GetHelpNow, [RapidWeightGainSwelling];
        spreading_rash: warned(&[Warning::SpreadingRash]) => GetHelpNow, [SpreadingRash];
        blisters: warned(&[Warning::Blisters]) => GetHelpNow, [Blisters];
        peeling_skin_fever:
            warned(&[Warning::PeelingSkinFever]) => GetHelpNow, [PeelingSkinFever];
        // Call today: infection of a sore and the other same-day signs.
        pus_cloudy: with_signs(&[Sign::PusCloudy]) => CallToday, [PusCloudy];
        red_streaks: with_signs(&[Sign::RedStreaks]) => CallToday, [RedStreaks];
        redness_spreading: with_signs(&[Sign::RednessSpreading]) => CallToday, [RednessSpreading];
        redness_spreading_fast_without_fever:
            warned(&[Warning::RednessSpreadingFast]) => CallToday, [RednessSpreadingFast];
        severe_pain_without_fever: warned(&[Warning::SeverePain]) => CallToday, [SeverePain];
        // Scored 7 to 10 is "very bad pain" too, box ticked or not, and listed once.
        severe_pain_scored_without_fever:
            CheckIn { pain: SEVERE_PAIN_FROM, ..Default::default() }
            => CallToday, [SeverePain, Pain];
        severe_pain_scored_and_ticked:
            CheckIn { pain: 10, ..warned(&[Warning::SeverePain]) }
            => CallToday, [SeverePain, Pain];
        severe_pain_scored_in_a_spot:
            CheckIn { observations: vec![lesion("a", Some(9), &[])], ..Default::default() }
            => CallToday, [SeverePain, Pain];
        peeling_skin_fever_is_a_fever:
            CheckIn { pain: 8, ..warned(&[Warning::PeelingSkinFever]) }
            => Emergency, [FeverSeverePain, PeelingSkinFever, Pain];
        peeling_skin_fever_with_a_lump:
            CheckIn { warnings: vec![Warning::PeelingSkinFever], ..with_signs(&[]) }
            => GetHelpNow, [PeelingSkinFever, FeverWithLesion];
        fever_with_severe_stomach_pain:
            CheckIn { fever: true, ..warned(&[Warning::SevereStomachPain]) }
            => Emergency, [FeverSeverePain, SevereStomachPain];
        severe_stomach_pain_without_fever_is_not_also_a_same_day_call:
            warned(&[Warning::SevereStomachPain]) => GetHelpNow, [SevereStomachPain];
        moderate_pain_scored:
            CheckIn { pain: SEVERE_PAIN_FROM - 1, ..Default::default() } => NextVisit, [Pain];
        skin_dark: with_signs(&[Sign::SkinDark]) => CallToday, [SkinDark];
        joint_swollen_painful:
            warned(&[Warning::JointSwollenPainful]) => CallToday, [JointSwollenPainful];
        raynaud_not_recovering:
            warned(&[Warning::RaynaudNotRecovering]) => CallToday, [RaynaudNotRecovering];
        fever_with_open_sore:
            CheckIn { fever: true, ..with_signs(&[Sign::OpenSore]) }
            => CallToday, [FeverWithLesion, OpenSore];
        fever_with_red_warm_lump:
            CheckIn { fever: true, ..with_signs(&[Sign::RednessWarmth]) }
            => CallToday, [FeverWithLesion];
        fever_with_new_lump:
            CheckIn { fever: true, ..with_signs(&[Sign::New]) }
            => CallToday, [FeverWithLesion, NewLump];
        // Next visit: symptoms to report.
        new_lump: with_signs(&[Sign::New]) => NextVisit, [NewLump];
        growing_lump: with_signs(&[Sign::Growing]) => NextVisit, [GrowingLump];
        open_sore: with_signs(&[Sign::OpenSore]) => NextVisit, [OpenSore];
        chalky_discharge: with_signs(&[Sign::ChalkyDischarge]) => NextVisit, [ChalkyDischarge];
        redness_warmth: with_signs(&[Sign::RednessWarmth]) => NextVisit, [RednessWarmth];
        overall_pain: CheckIn { pain: 1, ..Default::default() } => NextVisit, [Pain];
        lesion_pain_only:
            CheckIn { observations: vec![lesion("a", Some(1), &[])], ..Default::default() }
            => NextVisit, [Pain];
        stiffness: CheckIn { stiffness: true, ..Default::default() } => NextVisit, [Stiffness];
        raynaud: CheckIn { raynaud: true, ..Default::default() } => NextVisit, [Raynaud];
        fever_alone: CheckIn { fever: true, ..Default::default() } => NextVisit, [Fever];
        fever_with_a_lesion_without_signs:
            CheckIn { fever: true, ..with_signs(&[]) } => CallToday, [FeverWithLesion];
        sleep_disturbed:
            CheckIn { sleep: true, ..Default::default() } => NextVisit, [SleepDisturbed];
        daily_effect_from_five:
            CheckIn { daily_effect: Some(5), ..Default::default() } => NextVisit, [DailyLife];
        daily_effect_below_five:
            CheckIn { daily_effect: Some(4), ..Default::default() } => None, [];
        missed_doses:
            CheckIn { adherence: Some(Adherence::MissedSome), ..Default::default() }
            => NextVisit, [MissedDoses];
        not_taking_medicine:
            CheckIn { adherence: Some(Adherence::NotTaking), ..Default::default() }
            => NextVisit, [NotTakingMedicine];
        taking_as_prescribed:
            CheckIn { adherence: Some(Adherence::AsPrescribed), ..Default::default() }
            => None, [];
        swollen_ankles: side_effects(&[SideEffect::SwollenAnkles]) => NextVisit, [SwollenAnkles];
        dizziness: side_effects(&[SideEffect::Dizziness]) => NextVisit, [Dizziness];
        headache: side_effects(&[SideEffect::Headache]) => NextVisit, [Headache];
        flushing: side_effects(&[SideEffect::Flushing]) => NextVisit, [Flushing];
        constipation: side_effects(&[SideEffect::Constipation]) => NextVisit, [Constipation];
        tiredness: side_effects(&[SideEffect::Tiredness]) => NextVisit, [Tiredness];
        indigestion: side_effects(&[SideEffect::Indigestion]) => NextVisit, [Indigestion];
        other_side_effect: side_effects(&[SideEffect::Other]) => NextVisit, [OtherSideEffect];
        // With medicines that weaken the immune system, any possible infection is same-day.
        immune_weakening_fever:
            CheckIn { fever: true, immune_weakening: true, ..Default::default() }
            => CallToday, [ImmuneWeakeningInfection];
        immune_weakening_redness:
            CheckIn { immune_weakening: true, ..with_signs(&[Sign::RednessWarmth]) }
            => CallToday, [ImmuneWeakeningInfection];
        immune_weakening_pus:
            CheckIn { immune_weakening: true, ..with_signs(&[Sign::PusCloudy]) }
            => CallToday, [PusCloudy, ImmuneWeakeningInfection];
        immune_weakening_redness_spreading_fast:
            CheckIn { immune_weakening: true, ..warned(&[Warning::RednessSpreadingFast]) }
            => CallToday, [RednessSpreadingFast, ImmuneWeakeningInfection];
        // FACTS counts "more swelling" among the signs of infection of a sore.
        immune_weakening_growing_open_sore:
            CheckIn { immune_weakening: true, ..with_signs(&[Sign::OpenSore, Sign::Growing]) }
            => CallToday, [ImmuneWeakeningInfection, GrowingLump, OpenSore];
        growing_open_sore_without_those_medicines:
            with_signs(&[Sign::OpenSore, Sign::Growing]) => NextVisit, [GrowingLump, OpenSore];
        immune_weakening_growing_closed_lump:
            CheckIn { immune_weakening: true, ..with_signs(&[Sign::Growing]) }
            => NextVisit, [GrowingLump];
        immune_weakening_without_infection_sign:
            CheckIn { immune_weakening: true, ..with_signs(&[Sign::New]) }
            => NextVisit, [NewLump];
    }

    #[test]
    fn level_none_when_nothing_is_noted() {
        let a = assess(&CheckIn::default(), None);
        assert_eq!(a.level, Level::None);
        assert!(a.reasons.is_empty());
        let lesion_without_signs = CheckIn {
            observations: vec![lesion("a", Some(0), &[])],
            ..Default::default()
        };
        assert_eq!(assess(&lesion_without_signs, None), Assessment::default());
    }

    #[test]
    fn level_next_visit() {
        let a = assess(&with_signs(&[Sign::Growing, Sign::ChalkyDischarge]), None);
        assert_eq!(a.level, Level::NextVisit);
        assert!(a.reasons.iter().all(|r| r.level() == Level::NextVisit));
    }

    #[test]
    fn level_call_today() {
        let a = assess(&with_signs(&[Sign::RedStreaks, Sign::Growing]), None);
        assert_eq!(a.level, Level::CallToday);
        assert_eq!(a.reasons, [Reason::RedStreaks, Reason::GrowingLump]);
    }

    #[test]
    fn level_emergency() {
        let a = assess(&warned(&[Warning::Confused, Warning::Blisters]), None);
        assert_eq!(a.level, Level::Emergency);
        assert_eq!(a.reasons, [Reason::Confused, Reason::Blisters]);
    }

    /// The history and the result of a check-in just saved share one `Known` for the same diary
    /// (it was worked out twice at each save); a new diary, even an equal one, is worked out
    /// anew, and the old one is not kept alive by the cache.
    #[test]
    fn known_of_is_worked_out_once_per_diary() {
        let known = KnownOf::default();
        let one = Rc::new(diary_with(
            &[("a", "right-index-finger", false, false)],
            "2026-11-01T10:00:00Z",
        ));
        let first = known.of(&one);
        assert!(
            Rc::ptr_eq(&first, &known.of(&one)),
            "asked again: the same answer"
        );
        assert!(
            Rc::ptr_eq(&first, &known.clone().of(&one)),
            "a clone shares it"
        );
        assert_eq!(*first, Known::of(&one));
        assert_eq!(Rc::strong_count(&one), 1, "the diary is held weakly");

        let two = Rc::new(diary_with(
            &[
                ("a", "right-index-finger", false, false),
                ("b", "left-elbow", false, false),
            ],
            "2026-11-02T10:00:00Z",
        ));
        let second = known.of(&two);
        assert_eq!(
            *second,
            Known::of(&two),
            "a changed diary is worked out anew"
        );
        assert_ne!(*second, *first);
        let later = CheckIn {
            id: "later".into(),
            at: crate::core::test_support::at("2026-11-03T10:00:00Z"),
            pain: 4,
            observations: vec![lesion("b", Some(6), &[Sign::OpenSore])],
            ..Default::default()
        };
        assert_eq!(known.assess_in(&two, &later), assess_in(&two, &later));

        // An equal diary in another `Rc` is not taken for the one held.
        let again = Rc::new((*one).clone());
        let third = known.of(&again);
        assert!(!Rc::ptr_eq(&third, &first));
        assert_eq!(*third, *first);
        drop(one);
        assert!(Rc::ptr_eq(&third, &known.of(&again)));
    }

    /// A diary with lesions `ids` (on `site`, one `deleted` or `healed` as asked), each recorded
    /// in a check-in at `seen`.
    fn diary_with(ids: &[(&str, &str, bool, bool)], seen: &str) -> Diary {
        use crate::core::sites::Site;
        use crate::core::test_support::at;
        let mut d = Diary::default();
        for &(id, site, deleted, healed) in ids {
            d.upsert_lesion(Lesion {
                healed_at: None,
                healed_earlier: Vec::new(),
                since: None,
                id: id.into(),
                site: Site::parse(site).unwrap(),
                name: String::new(),
                updated: at(seen),
                deleted,
                healed,
                extra: Extra::NONE,
            });
            d.upsert(CheckIn {
                id: format!("c-{id}"),
                at: at(seen),
                observations: vec![lesion(id, Some(1), &[])],
                ..Default::default()
            });
        }
        d
    }

    /// The lesion list asks whether a live check-in notes a lesion (one that does cannot be taken
    /// off): a deleted check-in's note does not count, nor a lesion in none.
    #[test]
    fn noted_is_noted_by_a_live_check_in() {
        let mut d = diary_with(
            &[
                ("a", "right-index-finger", false, false),
                ("b", "left-elbow", false, false),
            ],
            "2026-11-01T10:00:00Z",
        );
        let mut gone = d.check_in("c-b").unwrap().clone();
        gone.deleted = true;
        d.upsert(gone);
        let known = Known::of(&d);
        assert!(known.noted("a"));
        assert!(!known.noted("b"), "its only check-in was deleted");
        assert!(!known.noted("c"), "in no check-in");
    }

    #[test]
    fn a_fever_with_any_tracked_lump_is_a_same_day_call_even_when_no_check_in_near_it_lists_it() {
        use crate::core::test_support::at;
        // The lump was recorded a month ago; the last check-in and this one list no lump.
        let d = diary_with(
            &[("l1", "right-forearm", false, false)],
            "2026-10-01T10:00:00Z",
        );
        let before = CheckIn {
            at: at("2026-10-30T10:00:00Z"),
            ..Default::default()
        };
        let fever = CheckIn {
            at: at("2026-11-01T10:00:00Z"),
            fever: true,
            ..Default::default()
        };
        // What the check-ins alone say (the old rule): a fever for the next visit.
        assert_eq!(assess(&fever, Some(&before)).level, Level::NextVisit);
        let a = assess_known(&fever, Some(&before), &Known::of(&d));
        assert_eq!(
            (a.level, a.reasons.as_slice()),
            (Level::CallToday, &[Reason::FeverWithLesion][..])
        );
        // Healed lumps count (they can flare); deleted ones, and lumps first recorded later, do not.
        for (deleted, healed, seen, want) in [
            (false, true, "2026-10-01T10:00:00Z", Level::CallToday),
            (true, false, "2026-10-01T10:00:00Z", Level::NextVisit),
            (false, false, "2026-11-02T10:00:00Z", Level::NextVisit),
        ] {
            let d = diary_with(&[("l1", "right-forearm", deleted, healed)], seen);
            assert_eq!(
                assess_known(&fever, None, &Known::of(&d)).level,
                want,
                "deleted {deleted}, healed {healed}, recorded {seen}"
            );
        }
    }

    /// A diary with a thumb sore and a forearm lump noted at check-in "c1", a check-in "c2" a
    /// day later that leaves both out (the quick form lists only what the patient picks), and
    /// `now` two days later.
    fn with_a_gap(first: [Observation; 2], now: CheckIn) -> (Diary, CheckIn) {
        use crate::core::test_support::at;
        let mut d = diary_with(
            &[
                ("thumb", "left-thumb", false, false),
                ("arm", "right-forearm", false, false),
            ],
            "2026-10-01T08:00:00Z",
        );
        d.upsert(CheckIn {
            id: "c1".into(),
            at: at("2026-10-10T10:00:00Z"),
            observations: first.to_vec(),
            ..Default::default()
        });
        d.upsert(CheckIn {
            id: "c2".into(),
            at: at("2026-10-11T10:00:00Z"),
            pain: 1,
            ..Default::default()
        });
        let now = CheckIn {
            id: "c3".into(),
            at: at("2026-10-12T10:00:00Z"),
            ..now
        };
        d.upsert(now.clone());
        (d, now)
    }

    #[test]
    fn a_check_in_that_could_not_be_kept_is_routed_as_if_it_had_been() {
        // The same sore as before, more painful: the diary's record of it is what makes this a
        // same-day call. Recorded in memory only (a full storage), it routes the same as saved.
        let (saved, now) = with_a_gap(
            [
                lesion("arm", Some(3), &[Sign::OpenSore]),
                lesion("thumb", None, &[]),
            ],
            CheckIn {
                observations: vec![lesion("arm", Some(6), &[Sign::OpenSore])],
                ..Default::default()
            },
        );
        let mut before = saved.clone();
        before.check_ins.retain(|c| c.id != now.id);
        let in_memory = before.with_recorded(now.clone(), Vec::new());
        assert_eq!(assess_in(&in_memory, &now), assess_in(&saved, &now));
        assert_eq!(assess_in(&in_memory, &now).level, Level::CallToday);
        assert!(
            before.check_in(&now.id).is_none(),
            "the diary itself is unchanged"
        );
        // A new lump recorded with it is known to the routing: a fever with it is a same-day call.
        let lump = Lesion {
            healed_at: None,
            healed_earlier: Vec::new(),
            since: None,
            id: "new".into(),
            site: crate::core::sites::Site::parse("left-elbow").unwrap(),
            name: String::new(),
            updated: crate::core::test_support::at("2026-10-13T10:00:00Z"),
            deleted: false,
            healed: false,
            extra: Extra::NONE,
        };
        let feverish = CheckIn {
            id: "c4".into(),
            at: crate::core::test_support::at("2026-10-13T10:00:00Z"),
            fever: true,
            observations: vec![lesion("new", None, &[])],
            ..Default::default()
        };
        let with_lump = before.with_recorded(feverish.clone(), vec![lump]);
        assert!(with_lump.lesion("new").is_some());
        assert_eq!(assess_in(&with_lump, &feverish).level, Level::CallToday);
    }

    #[test]
    fn a_lesion_is_compared_with_the_last_time_it_was_noted_not_only_the_check_in_before() {
        let with = |o: Vec<Observation>| CheckIn {
            observations: o,
            ..Default::default()
        };
        // An open sore scored 3, then left out, then 6: it hurts more, a same-day call.
        let (d, now) = with_a_gap(
            [
                lesion("arm", Some(3), &[Sign::OpenSore]),
                lesion("thumb", None, &[]),
            ],
            with(vec![lesion("arm", Some(6), &[Sign::OpenSore])]),
        );
        let a = assess_in(&d, &now);
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert!(a.reasons.contains(&Reason::SoreMorePainful), "{a:?}");
        assert!(a.reasons.contains(&Reason::SoreNotHealing), "{a:?}");
        // The same sore, red now and not then: newly red.
        let (d, now) = with_a_gap(
            [
                lesion("arm", Some(3), &[Sign::OpenSore]),
                lesion("thumb", None, &[]),
            ],
            with(vec![lesion(
                "arm",
                Some(3),
                &[Sign::OpenSore, Sign::RednessWarmth],
            )]),
        );
        assert!(assess_in(&d, &now).reasons.contains(&Reason::SoreNewlyRed));
        // A thumb sore open then and open now is not new, even with a check-in between that
        // left it out: a sore that is not healing, for the next visit.
        let (d, now) = with_a_gap(
            [
                lesion("thumb", Some(2), &[Sign::OpenSore]),
                lesion("arm", None, &[]),
            ],
            with(vec![lesion("thumb", Some(2), &[Sign::OpenSore])]),
        );
        let a = assess_in(&d, &now);
        assert_eq!(
            (a.level, a.reasons.as_slice()),
            (
                Level::NextVisit,
                &[Reason::OpenSore, Reason::SoreNotHealing, Reason::Pain][..]
            )
        );
    }

    #[test]
    fn a_pain_score_skipped_in_between_still_counts_from_the_last_one_given() {
        use crate::core::test_support::at;
        // Scored 3, then noted without a score (the form's "same lumps as last time" leaves it
        // blank), then scored 6: more painful than it was last given.
        let mut d = diary_with(
            &[("arm", "right-forearm", false, false)],
            "2026-10-01T08:00:00Z",
        );
        for (id, day, pain) in [("c1", "10", Some(3)), ("c2", "11", None)] {
            d.upsert(CheckIn {
                id: id.into(),
                at: at(&format!("2026-10-{day}T10:00:00Z")),
                observations: vec![lesion("arm", pain, &[Sign::OpenSore])],
                ..Default::default()
            });
        }
        let now = CheckIn {
            id: "c3".into(),
            at: at("2026-10-12T10:00:00Z"),
            observations: vec![lesion("arm", Some(6), &[Sign::OpenSore])],
            ..Default::default()
        };
        d.upsert(now.clone());
        let a = assess_in(&d, &now);
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert_eq!(a.reasons[0], Reason::SoreMorePainful);
        // Scored lower than the last score given: not more painful.
        let calmer = CheckIn {
            observations: vec![lesion("arm", Some(2), &[Sign::OpenSore])],
            ..now.clone()
        };
        d.upsert(calmer.clone());
        assert_eq!(assess_in(&d, &calmer).level, Level::NextVisit);
        // The note in between (no score, "c2") is compared with c1's 3, not with later notes.
        let between = d.check_in("c2").unwrap().clone();
        let a = assess_in(&d, &between);
        assert!(!a.reasons.contains(&Reason::SoreMorePainful), "{a:?}");
        assert!(a.reasons.contains(&Reason::SoreNotHealing), "{a:?}");
    }

    /// FACTS: with medicines that weaken the defences "ANY possible infection is a same-day
    /// call", and "more ... pain" is a sign of infection. A closed lump, not red, that hurts more
    /// than at its last note was "next visit" with the question ticked.
    #[test]
    fn on_defence_weakening_medicines_a_closed_lump_that_hurts_more_is_a_same_day_call() {
        use crate::core::test_support::at;
        let before = CheckIn {
            id: "c1".into(),
            at: at("2026-10-01T10:00:00Z"),
            observations: vec![lesion("elbow", Some(2), &[])],
            ..Default::default()
        };
        let now = |pain: u8, immune_weakening: bool| CheckIn {
            id: "c2".into(),
            at: at("2026-10-08T10:00:00Z"),
            pain,
            observations: vec![lesion("elbow", Some(6), &[])],
            immune_weakening,
            ..Default::default()
        };
        let a = assess(&now(2, true), Some(&before));
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert!(
            a.reasons.contains(&Reason::ImmuneWeakeningInfection),
            "{a:?}"
        );
        // Without such medicines, a closed lump that hurts more stays for the next visit.
        assert_eq!(
            assess(&now(2, false), Some(&before)).level,
            Level::NextVisit
        );
        // Hurting less, or as much: nothing to call about.
        let calmer = CheckIn {
            observations: vec![lesion("elbow", Some(2), &[])],
            ..now(2, true)
        };
        let a = assess(&calmer, Some(&before));
        assert!(
            !a.reasons.contains(&Reason::ImmuneWeakeningInfection),
            "{a:?}"
        );
        // The lump listed without a score of its own today, and more pain overall: it may be
        // that lump, as when it is scored higher. Not without such medicines, nor without the
        // rise.
        let unscored = |pain: u8, immune_weakening: bool| CheckIn {
            observations: vec![lesion("elbow", None, &[])],
            ..now(pain, immune_weakening)
        };
        let earlier = CheckIn {
            pain: 2,
            ..before.clone()
        };
        let a = assess(&unscored(6, true), Some(&earlier));
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert!(
            a.reasons.contains(&Reason::ImmuneWeakeningInfection),
            "{a:?}"
        );
        assert_eq!(
            assess(&unscored(6, false), Some(&earlier)).level,
            Level::NextVisit
        );
        assert_eq!(
            assess(&unscored(3, true), Some(&earlier)).level,
            Level::NextVisit
        );
        // A lump never scored before, scored today, and more pain overall: the same.
        let first_scored = CheckIn {
            observations: vec![lesion("elbow", Some(5), &[])],
            ..now(6, true)
        };
        let never_scored = CheckIn {
            observations: vec![lesion("elbow", None, &[])],
            ..earlier.clone()
        };
        let a = assess(&first_scored, Some(&never_scored));
        assert_eq!(a.level, Level::CallToday, "{a:?}");
    }

    /// Two check-ins saved at the same minute (the full form's time has no seconds) are in the
    /// diary's order, by id: the second is compared with the first, not with the one before
    /// both, and the first is not compared with the second.
    #[test]
    fn check_ins_at_the_same_minute_are_compared_in_the_order_they_were_made() {
        use crate::core::test_support::at;
        let mut d = diary_with(
            &[("arm", "right-forearm", false, false)],
            "2026-10-01T08:00:00Z",
        );
        let note = |id: &str, when: &str, pain: u8, overall: u8| CheckIn {
            id: id.into(),
            at: at(when),
            pain: overall,
            observations: vec![lesion("arm", Some(pain), &[Sign::OpenSore])],
            ..Default::default()
        };
        d.upsert(note("c1", "2026-10-10T10:00:00Z", 3, 0));
        let first = note("c2a", "2026-10-12T10:00:00Z", 3, 0);
        let second = note("c2b", "2026-10-12T10:00:00Z", 6, 5);
        d.upsert(second.clone());
        d.upsert(first.clone());
        assert_eq!(d.previous(second.at, &second.id).unwrap().id, "c2a");
        assert_eq!(d.previous(first.at, &first.id).unwrap().id, "c1");
        let a = assess_in(&d, &second);
        assert!(a.reasons.contains(&Reason::SoreMorePainful), "{a:?}");
        assert!(a.reasons.contains(&Reason::PainWorse), "{a:?}");
        // The first, 3 then 3: not more painful, whatever the second says.
        let a = assess_in(&d, &first);
        assert!(!a.reasons.contains(&Reason::SoreMorePainful), "{a:?}");
        // An edit of the second moved later keeps the first as its previous, never itself.
        let moved = note("c2b", "2026-10-13T10:00:00Z", 6, 5);
        assert_eq!(d.previous(moved.at, &moved.id).unwrap().id, "c2a");
        // A new check-in at that minute (its id made later) comes after both.
        let third = note("c2c", "2026-10-12T10:00:00Z", 6, 5);
        assert_eq!(d.previous(third.at, &third.id).unwrap().id, "c2b");
        let a = assess_in(&d, &third);
        assert!(!a.reasons.contains(&Reason::SoreMorePainful), "{a:?}");
    }

    #[test]
    fn a_new_open_sore_on_a_finger_or_thumb_is_a_same_day_call() {
        let d = diary_with(
            &[
                ("thumb", "left-thumb", false, false),
                ("finger", "right-little-finger", false, false),
                ("arm", "right-forearm", false, false),
            ],
            "2026-10-01T10:00:00Z",
        );
        let known = Known::of(&d);
        let open = |id: &str| CheckIn {
            observations: vec![lesion(id, Some(3), &[Sign::OpenSore])],
            ..Default::default()
        };
        for id in ["thumb", "finger"] {
            let a = assess_known(&open(id), None, &known);
            assert_eq!(a.level, Level::CallToday, "{id}");
            assert_eq!(a.reasons[0], Reason::NewFingerSore, "{id}");
            // Open at the last check-in too: not new, a sore that is not healing.
            let b = assess_known(&open(id), Some(&open(id)), &known);
            assert!(!b.reasons.contains(&Reason::NewFingerSore), "{id}");
            assert!(b.reasons.contains(&Reason::SoreNotHealing), "{id}");
        }
        // Elsewhere on the body a new sore is for the next visit.
        assert_eq!(
            assess_known(&open("arm"), None, &known).level,
            Level::NextVisit
        );
        // A lump the form is about to add on a finger counts too.
        let mut adding = Known::default();
        let new = diary_with(
            &[("new", "right-index-finger", false, false)],
            "2026-11-01T10:00:00Z",
        );
        adding.add_lesions(&new.lesions);
        assert_eq!(
            assess_known(&open("new"), None, &adding).level,
            Level::CallToday
        );
    }

    /// A diary with a left-thumb sore ("thumb") recorded on 1 September 2026.
    fn thumb_diary() -> Diary {
        diary_with(
            &[("thumb", "left-thumb", false, false)],
            "2026-09-01T10:00:00Z",
        )
    }

    /// A check-in `id` at `when` noting the thumb open, pain 3 there and overall.
    fn open_thumb(id: &str, when: &str) -> CheckIn {
        use crate::core::test_support::at;
        CheckIn {
            id: id.into(),
            at: at(when),
            updated: at(when),
            pain: 3,
            observations: vec![lesion("thumb", Some(3), &[Sign::OpenSore])],
            ..Default::default()
        }
    }

    /// A finger sore marked healed, then followed again when it opens: the note from before it
    /// healed does not make the new sore "one that was open last time".
    #[test]
    fn a_finger_sore_open_again_after_it_was_marked_healed_is_new() {
        use crate::core::test_support::at;
        let (mut d, open) = (thumb_diary(), open_thumb);
        d.upsert(open("c1", "2026-11-01T10:00:00Z"));
        // Open again, never marked healed: a sore that is not healing, for the next visit.
        let still = open("c2", "2026-11-20T10:00:00Z");
        d.upsert(still.clone());
        let a = assess_in(&d, &still);
        assert_eq!(a.level, Level::NextVisit, "{a:?}");
        assert!(a.reasons.contains(&Reason::SoreNotHealing), "{a:?}");
        let first_then = assess_in(&d, &d.check_in("c1").unwrap().clone());
        assert!(
            first_then.reasons.contains(&Reason::NewFingerSore),
            "{first_then:?}"
        );
        // Marked healed in between (and followed again since): a new finger sore.
        let mut thumb = d.lesion("thumb").unwrap().clone();
        thumb.healed_at = Some(at("2026-11-10T10:00:00Z"));
        thumb.updated = at("2026-11-19T10:00:00Z");
        d.upsert_lesion(thumb);
        let a = assess_in(&d, &still);
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert_eq!(a.reasons[0], Reason::NewFingerSore, "{a:?}");
        assert!(!a.reasons.contains(&Reason::SoreNotHealing), "{a:?}");
        // The check-in made before it healed is judged as it was.
        let first = d.check_in("c1").unwrap().clone();
        let b = assess_in(&d, &first);
        assert_eq!(b, first_then);
        // With only the check-in before as a guide (no diary), the same holds through `known`.
        let mut known = Known::default();
        known.add_lesions(&d.lesions);
        let before = open("c0", "2026-11-01T10:00:00Z");
        let a = assess_known(&still, Some(&before), &known);
        assert!(a.reasons.contains(&Reason::NewFingerSore), "{a:?}");

        // Marked healed while the device's clock ran ahead: the stored time lies after the
        // check-in. Once the diary is read again (and the time brought back to then), the sore
        // open at the next check-in counts as opened again, not as one not healing.
        let mut thumb = d.lesion("thumb").unwrap().clone();
        thumb.healed_at = Some(at("2027-06-01T10:00:00Z"));
        d.upsert_lesion(thumb);
        assert_eq!(assess_in(&d, &still).level, Level::NextVisit, "as stored");
        assert_eq!(d.clamp_future_edits(at("2026-11-20T10:00:00Z")), 1);
        let a = assess_in(&d, &still);
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert_eq!(a.reasons[0], Reason::NewFingerSore, "{a:?}");
        assert_eq!(d.clamp_future_edits(at("2026-11-20T10:00:00Z")), 0, "once");
    }

    /// Found by an audit: a finger sore open at its last note weeks or months ago, and open now, was a
    /// sore "not healing", for the next visit: a note that old cannot say whether it healed and
    /// opened again, and a new finger sore is a same-day call (FACTS, "Caring at home"). Within
    /// four weeks (eight, from the check-in just before) it is still one not healing. Redness
    /// goes the same way, on any lump.
    #[test]
    fn a_sore_last_noted_open_long_ago_is_not_taken_as_still_open() {
        use crate::core::test_support::at;
        let (mut d, open) = (thumb_diary(), open_thumb);
        d.upsert(open("c1", "2026-09-15T10:00:00Z"));
        let now = open("c2", "2026-11-20T10:00:00Z");
        d.upsert(now.clone());
        let a = assess_in(&d, &now);
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert_eq!(a.reasons[0], Reason::FingerSoreNotNotedLately, "{a:?}");
        assert!(!a.reasons.contains(&Reason::NewFingerSore), "{a:?}");
        // Still open since that note, as far as it says: the clinician reads that too.
        assert!(a.reasons.contains(&Reason::SoreNotHealing), "{a:?}");
        // A patient who checks in monthly (found by review: a slow finger sore was a same-day
        // call every month): open at the check-in just before, five weeks ago, it has not healed.
        let mut monthly_diary = thumb_diary();
        let previous = open("c1", "2026-10-10T10:00:00Z");
        monthly_diary.upsert(previous.clone());
        let known = Known::of(&monthly_diary);
        let monthly = open("c2", "2026-11-14T10:00:00Z");
        let a = assess_known(&monthly, Some(&previous), &known);
        assert_eq!(a.level, Level::NextVisit, "{a:?}");
        // More than eight weeks on, even from the check-in just before, it may be new again.
        let later = open("c2", "2026-12-06T10:00:00Z");
        let a = assess_known(&later, Some(&previous), &known);
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        // Four weeks to the day: still the same sore, not healing.
        let mut d = thumb_diary();
        d.upsert(open("c1", "2026-10-23T10:00:00Z"));
        d.upsert(now.clone());
        let a = assess_in(&d, &now);
        assert_eq!(a.level, Level::NextVisit, "{a:?}");
        assert!(a.reasons.contains(&Reason::SoreNotHealing), "{a:?}");
        // A red sore on an arm, red and open at a note six months ago: as a new red sore.
        let red_open = |id: &str, when: &str| CheckIn {
            id: id.into(),
            at: at(when),
            updated: at(when),
            pain: 3,
            observations: vec![lesion("arm", None, &[Sign::OpenSore, Sign::RednessWarmth])],
            ..Default::default()
        };
        let mut d = diary_with(
            &[("arm", "left-forearm", false, false)],
            "2026-01-01T10:00:00Z",
        );
        d.upsert(red_open("r1", "2026-05-20T10:00:00Z"));
        let again = red_open("r2", "2026-11-20T10:00:00Z");
        d.upsert(again.clone());
        let a = assess_in(&d, &again);
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert!(a.reasons.contains(&Reason::SoreRed), "{a:?}");
        d.upsert(red_open("r1b", "2026-11-01T10:00:00Z"));
        assert_eq!(
            assess_in(&d, &again).level,
            Level::NextVisit,
            "red and open 19 days ago too"
        );
    }

    /// A sore's pain score from before it was marked healed is not today's comparison either,
    /// even carried through a later note that gave it no score: scored lower than that old
    /// score, a reopened sore's pain today hid a rise in pain overall (next visit, where the
    /// same answers with the score left blank were a same-day call).
    #[test]
    fn a_pain_score_from_before_a_sore_healed_is_not_carried_past_the_healing() {
        use crate::core::diary_store::{apply_lesion_edit, LesionEdit};
        use crate::core::test_support::at;
        let mut d = diary_with(
            &[("arm", "left-forearm", false, false)],
            "2026-11-01T10:00:00Z",
        );
        let sore = |id: &str, when: &str, pain: u8, sore_pain: Option<u8>| CheckIn {
            id: id.into(),
            at: at(when),
            updated: at(when),
            pain,
            observations: vec![lesion("arm", sore_pain, &[Sign::OpenSore])],
            ..Default::default()
        };
        d.upsert(sore("c1", "2026-11-02T10:00:00Z", 2, Some(8)));
        let healed = |d: &mut Diary| {
            apply_lesion_edit(
                d,
                "arm",
                &LesionEdit::Healed(true),
                at("2026-11-05T10:00:00Z"),
            )
            .unwrap();
            apply_lesion_edit(
                d,
                "arm",
                &LesionEdit::Healed(false),
                at("2026-11-06T10:00:00Z"),
            )
            .unwrap();
        };
        // Open again after it healed, its pain passed over (as the quick form leaves it).
        d.upsert(sore("c2", "2026-11-08T10:00:00Z", 2, None));
        let level = |d: &Diary, sore_pain| {
            let now = sore("c3", "2026-11-10T10:00:00Z", 5, sore_pain);
            let mut d = d.clone();
            d.upsert(now.clone());
            assess_in(&d, &now)
        };
        // Never marked healed: 5 against the 8 it was given is not more pain there, so the
        // rise overall is for the next visit (the rule as designed).
        assert_eq!(level(&d, Some(5)).level, Level::NextVisit);
        healed(&mut d);
        for sore_pain in [Some(5), None] {
            let a = level(&d, sore_pain);
            assert_eq!(a.level, Level::CallToday, "sore pain {sore_pain:?}: {a:?}");
            assert!(a.reasons.contains(&Reason::PainWorseUnscoredSore), "{a:?}");
        }
        // A score given after the healing is compared with: 5 after 6 is not more pain there.
        d.upsert(sore("c2", "2026-11-08T10:00:00Z", 2, Some(6)));
        assert_eq!(level(&d, Some(5)).level, Level::NextVisit);
        assert_eq!(
            level(&d, Some(7)).level,
            Level::CallToday,
            "7 after 6 is more pain"
        );
    }

    /// Marked healed a second time, a lump keeps the first healing: a check-in made between the
    /// two, whose sore opened again after the first, stays a new sore in the history and the
    /// printout (it was judged against the note from before the first healing).
    #[test]
    fn a_second_healing_does_not_change_what_a_check_in_after_the_first_was() {
        use crate::core::diary_store::{apply_lesion_edit, LesionEdit};
        use crate::core::test_support::at;
        let (mut d, open) = (thumb_diary(), open_thumb);
        let mark = |d: &mut Diary, healed: bool, when: &str| {
            apply_lesion_edit(d, "thumb", &LesionEdit::Healed(healed), at(when)).unwrap();
        };
        d.upsert(open("c1", "2026-09-02T10:00:00Z"));
        mark(&mut d, true, "2026-09-10T10:00:00Z");
        mark(&mut d, false, "2026-09-19T10:00:00Z");
        let reopened = open("c2", "2026-09-20T10:00:00Z");
        d.upsert(reopened.clone());
        let then = assess_in(&d, &reopened);
        assert_eq!(then.reasons[0], Reason::NewFingerSore, "{then:?}");
        mark(&mut d, true, "2026-10-01T10:00:00Z");
        assert_eq!(assess_in(&d, &reopened), then, "after a second healing");
        let l = d.lesion("thumb").unwrap().clone();
        assert_eq!(
            (l.healed_earlier.as_slice(), l.healed_at),
            (
                &[at("2026-09-10T10:00:00Z")][..],
                Some(at("2026-10-01T10:00:00Z"))
            )
        );
        // Followed again and open once more after the second: new again.
        mark(&mut d, false, "2026-10-09T10:00:00Z");
        let again = open("c3", "2026-10-10T10:00:00Z");
        d.upsert(again.clone());
        assert_eq!(assess_in(&d, &again).reasons[0], Reason::NewFingerSore);
        // Both healings are kept through a save and a read.
        use crate::core::json::{parse, Out, Stored};
        let mut text = Out::default();
        l.write(&mut text);
        assert!(
            text.0
                .contains(r#""healed_earlier":["2026-09-10T10:00:00Z"]"#),
            "{}",
            text.0
        );
        assert_eq!(Lesion::read(parse(&text.0).unwrap()).unwrap(), l);
    }

    /// A fever with a lump still in the patient's list is a same-day call when every check-in
    /// that noted it was deleted: the lump is still tracked. (It counted only while a kept
    /// check-in named it, so a fever went to the next visit, in the history too.)
    #[test]
    fn a_lump_still_listed_is_tracked_after_the_check_ins_that_noted_it_are_deleted() {
        use crate::core::test_support::at;
        let fever = CheckIn {
            id: "fever".into(),
            at: at("2026-11-01T10:00:00Z"),
            fever: true,
            ..Default::default()
        };
        for (deleted, want) in [(false, Level::CallToday), (true, Level::NextVisit)] {
            let mut d = diary_with(
                &[("l1", "right-forearm", deleted, false)],
                "2026-10-01T10:00:00Z",
            );
            let mut l1 = d.lesion("l1").unwrap().clone();
            l1.since = Some(at("2026-10-01T10:00:00Z"));
            d.upsert_lesion(l1);
            d.delete("c-l1", at("2026-10-20T10:00:00Z"));
            assert_eq!(d.entries().count(), 0);
            // Renamed after the fever: still tracked from when it was first noted, not from
            // the rename (its last change).
            if !deleted {
                use crate::core::diary_store::{apply_lesion_edit, LesionEdit};
                let rename = LesionEdit::Rename {
                    to: "arm lump".into(),
                    from: String::new(),
                };
                apply_lesion_edit(&mut d, "l1", &rename, at("2026-11-05T10:00:00Z")).unwrap();
            }
            d.upsert(fever.clone());
            let a = assess_in(&d, &fever);
            assert_eq!(a.level, want, "lump removed: {deleted}: {a:?}");
            assert_eq!(tracks_a_lump_at(&d, fever.at), !deleted);
            // Not before the lump was in the diary.
            assert!(!tracks_a_lump_at(&d, at("2026-09-30T10:00:00Z")));
        }
    }

    /// A fever with "a finger or joint near a lump is swollen and painful" ticked and no lump
    /// listed: the box says there is a lump, so the fever is the same-day "fever with a lump",
    /// not the plain fever reason that asks the patient to edit the check-in if they have one.
    #[test]
    fn a_fever_with_a_swollen_joint_near_a_lump_is_a_fever_with_a_lump() {
        let c = CheckIn {
            fever: true,
            warnings: vec![Warning::JointSwollenPainful],
            ..Default::default()
        };
        let a = assess(&c, None);
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert!(a.reasons.contains(&Reason::FeverWithLesion), "{a:?}");
        assert!(!a.reasons.contains(&Reason::Fever), "{a:?}");
    }

    /// Redness, warmth or swelling around an open sore is a sign of infection unless the sore
    /// was open and red the last time: the first note of a red sore, and a red lump that breaks
    /// open, are same-day calls.
    /// A fever with any lump or sore is a same-day call, also one the diary does not know of
    /// yet ("I have a lump or sore now"); a fever alone, with no lump known or said, is for the
    /// next visit. The form asks only while no lump is known.
    #[test]
    fn a_fever_with_a_lump_the_patient_says_they_have_now_is_a_same_day_call() {
        let fever = CheckIn {
            fever: true,
            ..Default::default()
        };
        let alone = assess(&fever, None);
        assert_eq!(alone.level, Level::NextVisit, "{alone:?}");
        assert!(alone.reasons.contains(&Reason::Fever));
        let said = CheckIn {
            lump_now: true,
            ..fever.clone()
        };
        let with_lump = assess(&said, None);
        assert_eq!(with_lump.level, Level::CallToday, "{with_lump:?}");
        assert!(with_lump.reasons.contains(&Reason::FeverWithLesion));
        assert!(!with_lump.reasons.contains(&Reason::Fever), "said once");

        // The form asks only with a fever, no lump in it and none tracked by the check-in's
        // date and time.
        let day = 86_400_000;
        let first = Instant(20_000 * day);
        let mut diary = Diary::default();
        assert!(!tracks_a_lump_at(&diary, first));
        diary.upsert(CheckIn {
            id: "c1".into(),
            at: first,
            updated: first,
            observations: vec![lesion("arm", None, &[])],
            ..Default::default()
        });
        diary.upsert_lesion(crate::core::test_support::followed_lesion("arm", "", first));
        assert!(tracks_a_lump_at(&diary, first));
        assert!(!tracks_a_lump_at(&diary, Instant(first.0 - 60_000)));
        let (now, zone) = (Instant(first.0 + day), 0i32);
        let fever_at = |at: Instant| {
            let mut d = crate::core::draft::Draft::new(at, &zone, None);
            d.fever = true;
            d
        };
        assert!(fever_at(now).asks_lump_now(&Diary::default(), now, &zone));
        assert!(!fever_at(now).asks_lump_now(&diary, now, &zone));
        assert!(!fever_at(first).asks_lump_now(&diary, now, &zone));
        // Dated the day before the diary first recorded a lump: the diary cannot tell, so it is
        // asked, and the answer routes it (a fever with a lump is a same-day call).
        let before = Instant(first.0 - day);
        assert!(fever_at(before).asks_lump_now(&diary, now, &zone));
        let back_dated = CheckIn {
            id: "c0".into(),
            at: before,
            updated: now,
            fever: true,
            ..Default::default()
        };
        let unsaid = diary.with_recorded(back_dated.clone(), Vec::new());
        assert_eq!(assess_in(&unsaid, &back_dated).level, Level::NextVisit);
        let said = CheckIn {
            lump_now: true,
            ..back_dated
        };
        let routed = assess_in(&diary.with_recorded(said.clone(), Vec::new()), &said);
        assert_eq!(routed.level, Level::CallToday, "{routed:?}");
        // A date or time not (yet) a real one: asked, as the diary cannot tell.
        let mut d = fever_at(now);
        d.date = "2026-1".into();
        assert!(d.asks_lump_now(&diary, now, &zone));
        d.fever = false;
        assert!(!d.asks_lump_now(&Diary::default(), now, &zone));
    }

    #[test]
    fn a_red_open_sore_not_seen_open_and_red_before_is_a_same_day_call() {
        let red_sore = CheckIn {
            observations: vec![lesion(
                "arm",
                Some(4),
                &[Sign::OpenSore, Sign::RednessWarmth],
            )],
            ..Default::default()
        };
        let before = |signs: &[Sign]| CheckIn {
            observations: vec![lesion("arm", Some(4), signs)],
            ..Default::default()
        };
        let reasons = |previous: Option<&CheckIn>| assess(&red_sore, previous).reasons;
        assert!(reasons(None).contains(&Reason::SoreRed));
        assert!(reasons(Some(&before(&[Sign::RednessWarmth]))).contains(&Reason::SoreRed));
        // A closed lump that opens red: red where it was not, said once.
        let r = reasons(Some(&before(&[])));
        assert!(
            r.contains(&Reason::SoreNewlyRed) && !r.contains(&Reason::SoreRed),
            "{r:?}"
        );
        let r = reasons(Some(&before(&[Sign::OpenSore])));
        assert!(
            r.contains(&Reason::SoreNewlyRed) && !r.contains(&Reason::SoreRed),
            "{r:?}"
        );
        // Open and red as last time: for the next visit.
        let same = assess(
            &red_sore,
            Some(&before(&[Sign::OpenSore, Sign::RednessWarmth])),
        );
        assert_eq!(same.level, Level::NextVisit, "{same:?}");
        assert_eq!(assess(&red_sore, None).level, Level::CallToday);
    }

    #[test]
    fn levels_are_ordered_by_urgency() {
        assert!(Level::None < Level::NextVisit);
        assert!(Level::NextVisit < Level::CallToday);
        assert!(Level::CallToday < Level::GetHelpNow);
        assert!(Level::GetHelpNow < Level::Emergency);
        let mut sorted = Level::ALL;
        sorted.sort();
        assert_eq!(sorted, Level::ALL);
    }

    #[test]
    fn the_most_urgent_level_wins() {
        let c = CheckIn {
            pain: 3,
            stiffness: true,
            warnings: vec![Warning::Hives],
            side_effects: vec![SideEffect::Headache],
            observations: vec![lesion("a", None, &[Sign::PusCloudy])],
            ..Default::default()
        };
        let a = assess(&c, None);
        assert_eq!(a.level, Level::Emergency);
        assert_eq!(a.level, a.reasons.iter().map(|r| r.level()).max().unwrap());
        assert_eq!(a.reasons[0], Reason::Hives);
        assert!(a.reasons.contains(&Reason::PusCloudy));
        assert!(a.reasons.contains(&Reason::Stiffness));
    }

    #[test]
    fn reasons_are_deduplicated_and_most_urgent_first() {
        let c = CheckIn {
            pain: 2,
            warnings: vec![Warning::Fainted, Warning::Fainted],
            side_effects: vec![SideEffect::Fainting, SideEffect::Headache],
            observations: vec![
                lesion("a", Some(4), &[Sign::ChalkyDischarge, Sign::RedStreaks]),
                lesion("b", Some(2), &[Sign::ChalkyDischarge, Sign::RedStreaks]),
            ],
            ..Default::default()
        };
        let a = assess(&c, None);
        assert_eq!(
            a.reasons,
            [
                Reason::Fainted,
                Reason::RedStreaks,
                Reason::ChalkyDischarge,
                Reason::Pain,
                Reason::Headache,
            ]
        );
        assert!(a
            .reasons
            .windows(2)
            .all(|w| w[0].level() >= w[1].level() && w[0] != w[1]));
    }

    /// "A lump can be red without an infection" (the red lump's next-visit reason) was shown under
    /// its own heading beside a same-day or emergency reason saying the redness, a fever or the
    /// pain may be an infection: on steroids, with pus, spreading, streaks, a new red sore, a
    /// fever, very bad pain or signs of sepsis. Without such a reason it stays, with its "watch
    /// it" advice, also beside a same-day call for something else.
    #[test]
    fn red_lump_calm_words_never_stand_beside_a_reason_saying_infection() {
        let red = |extra: &[Sign]| {
            let mut signs = vec![Sign::RednessWarmth];
            signs.extend_from_slice(extra);
            with_signs(&signs)
        };
        let mixed = [
            red(&[Sign::PusCloudy]),
            red(&[Sign::RedStreaks]),
            red(&[Sign::RednessSpreading]),
            red(&[Sign::OpenSore]),
            CheckIn {
                fever: true,
                ..red(&[])
            },
            CheckIn {
                immune_weakening: true,
                ..red(&[])
            },
            CheckIn {
                pain: SEVERE_PAIN_FROM,
                ..red(&[])
            },
            CheckIn {
                warnings: vec![Warning::Confused],
                ..red(&[])
            },
        ];
        for c in &mixed {
            let a = assess(c, None);
            assert!(a.level >= Level::CallToday, "{c:?}");
            assert!(
                !a.reasons.contains(&Reason::RednessWarmth),
                "{:?}",
                a.reasons
            );
        }
        for (c, level) in [
            (red(&[]), Level::NextVisit),
            (red(&[Sign::SkinDark]), Level::CallToday),
            (
                CheckIn {
                    warnings: vec![Warning::ChestPain],
                    ..red(&[])
                },
                Level::Emergency,
            ),
        ] {
            let a = assess(&c, None);
            assert_eq!(a.level, level);
            assert!(
                a.reasons.contains(&Reason::RednessWarmth),
                "{:?}",
                a.reasons
            );
        }
        // Found by the review: pus in one lump, or a new finger sore, took the words of a red
        // lump elsewhere out of the result; that lump's "watch it" stays.
        let two = CheckIn {
            observations: vec![
                lesion("finger", None, &[Sign::PusCloudy]),
                lesion("elbow", None, &[Sign::RednessWarmth]),
            ],
            ..Default::default()
        };
        let a = assess(&two, None);
        assert_eq!(a.level, Level::CallToday);
        assert!(
            a.reasons.contains(&Reason::RednessWarmth),
            "{:?}",
            a.reasons
        );
        // The reasons about one lump are exactly those its signs and its rules give.
        let mut of_a_lesion: Vec<Reason> = Sign::ALL.into_iter().map(sign_reason).collect();
        let o = lesion("a", None, &[]);
        of_a_lesion.extend(lesion_rules(&o, None, None, &Known::default()).map(|(_, r)| r));
        for r in Reason::ALL {
            assert_eq!(r.of_one_lesion(), of_a_lesion.contains(&r), "{r:?}");
        }
        // Which reasons count is held to their words, in both languages, so a reason added or
        // reworded later cannot slip past.
        let pt = triage_text(Lang::PtPt).expect("Portuguese triage text loads");
        for r in Reason::ALL
            .into_iter()
            .filter(|&r| r != Reason::RednessWarmth)
        {
            let en_says = ["infect", "sepsis"]
                .iter()
                .any(|w| en().reason(r).contains(w));
            let pt_says = ["infe", "sépsis"].iter().any(|w| pt.reason(r).contains(w));
            assert_eq!(en_says, r.says_infection(), "{r:?}: {}", en().reason(r));
            assert_eq!(pt_says, r.says_infection(), "{r:?}: {}", pt.reason(r));
        }
    }

    #[test]
    fn immune_weakening_turns_redness_into_a_same_day_call() {
        let redness = with_signs(&[Sign::RednessWarmth]);
        assert_eq!(assess(&redness, None).level, Level::NextVisit);
        let weakened = CheckIn {
            immune_weakening: true,
            ..redness
        };
        let a = assess(&weakened, None);
        assert_eq!(a.level, Level::CallToday);
        assert!(a.reasons.contains(&Reason::ImmuneWeakeningInfection));
    }

    #[test]
    fn rising_pain_in_a_red_lump_is_a_same_day_call() {
        let before = CheckIn {
            observations: vec![lesion("a", Some(3), &[Sign::RednessWarmth])],
            ..Default::default()
        };
        let now = CheckIn {
            observations: vec![lesion("a", Some(4), &[Sign::RednessWarmth])],
            ..Default::default()
        };
        let a = assess(&now, Some(&before));
        assert_eq!(a.level, Level::CallToday);
        assert_eq!(a.reasons, [Reason::RednessPainWorse, Reason::Pain]);
        // Without the earlier check-in there is nothing to compare with.
        assert_eq!(assess(&now, None).level, Level::NextVisit);
    }

    #[test]
    fn pain_in_a_red_lump_that_did_not_rise_stays_next_visit() {
        let before = CheckIn {
            observations: vec![lesion("a", Some(4), &[Sign::RednessWarmth])],
            ..Default::default()
        };
        let same = before.clone();
        assert_eq!(assess(&same, Some(&before)).level, Level::NextVisit);
        // A different lesion that hurt less before is not "the same lesion".
        let other = CheckIn {
            observations: vec![lesion("b", Some(1), &[Sign::RednessWarmth])],
            ..Default::default()
        };
        assert_eq!(assess(&same, Some(&other)).level, Level::NextVisit);
    }

    #[test]
    fn a_sore_open_twice_is_not_healing() {
        let before = with_signs(&[Sign::OpenSore]);
        let now = with_signs(&[Sign::OpenSore]);
        let a = assess(&now, Some(&before));
        assert_eq!(a.level, Level::NextVisit);
        assert_eq!(a.reasons, [Reason::OpenSore, Reason::SoreNotHealing]);
        // Open only now, or open only before, is not a sore that fails to heal.
        assert_eq!(assess(&now, None).reasons, [Reason::OpenSore]);
        assert_eq!(
            assess(&with_signs(&[]), Some(&before)),
            Assessment::default()
        );
        let elsewhere = CheckIn {
            observations: vec![lesion("b", None, &[Sign::OpenSore])],
            ..Default::default()
        };
        assert_eq!(assess(&now, Some(&elsewhere)).reasons, [Reason::OpenSore]);
    }

    #[test]
    fn more_pain_overall_with_a_sore_not_scored_is_a_same_day_call_said_once() {
        let before = CheckIn {
            pain: 2,
            observations: vec![lesion("a", Some(2), &[Sign::OpenSore])],
            ..Default::default()
        };
        // "Same lumps as last time" leaves each lump's pain blank.
        let now = CheckIn {
            pain: 4,
            observations: vec![lesion("a", None, &[Sign::OpenSore])],
            ..Default::default()
        };
        let a = assess(&now, Some(&before));
        assert_eq!(a.level, Level::CallToday);
        assert_eq!(
            a.reasons,
            [
                Reason::PainWorseUnscoredSore,
                Reason::OpenSore,
                Reason::SoreNotHealing,
                Reason::Pain
            ]
        );
        // The sore scored as before: the patient says it is not the sore that hurts more.
        let scored = CheckIn {
            observations: vec![lesion("a", Some(2), &[Sign::OpenSore])],
            ..now.clone()
        };
        let a = assess(&scored, Some(&before));
        assert_eq!(a.level, Level::NextVisit);
        assert!(a.reasons.contains(&Reason::PainWorse), "{a:?}");
        // The same pain overall: nothing says the sore hurts more.
        let same = CheckIn { pain: 2, ..now };
        assert_eq!(assess(&same, Some(&before)).level, Level::NextVisit);
    }

    /// Found by a review: the full form starts with no lump listed, and a sore noted open two
    /// days before and left out, with the pain overall up from 3 to 6, was for the next visit;
    /// listed with its own score blank, the same was a same-day call. Leaving a lump out says
    /// less than leaving its score blank, and must not be less urgent.
    #[test]
    fn a_followed_lump_left_out_of_the_check_in_counts_as_one_whose_pain_is_not_known() {
        use crate::core::diary_store::{apply_lesion_edit, LesionEdit};
        use crate::core::test_support::at;
        let noted = |signs: &[Sign]| CheckIn {
            id: "c1".into(),
            at: at("2026-11-08T10:00:00Z"),
            updated: at("2026-11-08T10:00:00Z"),
            pain: 3,
            observations: vec![lesion("arm", Some(3), signs)],
            ..Default::default()
        };
        let today = |immune| CheckIn {
            id: "c2".into(),
            at: at("2026-11-10T10:00:00Z"),
            updated: at("2026-11-10T10:00:00Z"),
            pain: 6,
            immune_weakening: immune,
            ..Default::default()
        };
        let route = |d: &Diary, now: &CheckIn| {
            let mut d = d.clone();
            d.upsert(now.clone());
            assess_in(&d, now)
        };
        for signs in [&[Sign::OpenSore][..], &[Sign::RednessWarmth]] {
            let before = noted(signs);
            let mut d = diary_with(
                &[("arm", "right-forearm", false, false)],
                "2026-11-01T10:00:00Z",
            );
            d.upsert(before.clone());
            for immune in [false, true] {
                let now = today(immune);
                let a = route(&d, &now);
                assert_eq!(
                    a.level,
                    Level::CallToday,
                    "{signs:?} immune {immune}: {a:?}"
                );
                assert!(a.reasons.contains(&Reason::PainWorseUnscoredSore), "{a:?}");
                assert!(!a.reasons.contains(&Reason::PainWorse), "said once: {a:?}");
                assert_eq!(
                    a.reasons.contains(&Reason::ImmuneWeakeningInfection),
                    immune
                );
                // The same without the diary, from the check-in before.
                assert_eq!(assess(&now, Some(&before)), a);
                // Listed with its own score blank: the same advice, as it was before.
                let listed = CheckIn {
                    observations: vec![lesion("arm", None, signs)],
                    ..now.clone()
                };
                assert_eq!(route(&d, &listed).level, Level::CallToday);
                // Listed and scored as before, the patient says it is not what hurts more.
                let scored = CheckIn {
                    observations: vec![lesion("arm", Some(3), signs)],
                    ..now.clone()
                };
                let a = route(&d, &scored);
                assert!(!a.reasons.contains(&Reason::PainWorseUnscoredSore), "{a:?}");
                // The same pain overall: nothing to say of the sore left out.
                let same = CheckIn {
                    pain: 3,
                    ..now.clone()
                };
                assert!(!route(&d, &same)
                    .reasons
                    .contains(&Reason::PainWorseUnscoredSore));
            }
            // Marked healed since its last note: it is not left out, it is gone.
            let mut healed = d.clone();
            apply_lesion_edit(
                &mut healed,
                "arm",
                &LesionEdit::Healed(true),
                at("2026-11-09T10:00:00Z"),
            )
            .unwrap();
            for immune in [false, true] {
                let a = route(&healed, &today(immune));
                assert_eq!(a.level, Level::NextVisit, "healed, immune {immune}: {a:?}");
                assert!(a.reasons.contains(&Reason::PainWorse), "{a:?}");
            }
        }
        // A closed lump that was neither open nor red: for the next visit, unless the medicines
        // weaken the defences, when more pain may be more pain in it (as for one listed blank).
        let mut d = diary_with(&[], "2026-11-01T10:00:00Z");
        d.upsert(noted(&[]));
        let a = route(&d, &today(false));
        assert_eq!(a.level, Level::NextVisit, "{a:?}");
        assert!(a.reasons.contains(&Reason::PainWorse), "{a:?}");
        let a = route(&d, &today(true));
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert!(
            a.reasons.contains(&Reason::ImmuneWeakeningInfection),
            "{a:?}"
        );
        assert!(!a.reasons.contains(&Reason::PainWorseUnscoredSore), "{a:?}");
        // Taken off the list (a restored file may still name it in a check-in): not followed.
        let mut removed = diary_with(
            &[("arm", "right-forearm", true, false)],
            "2026-11-01T10:00:00Z",
        );
        removed.upsert(noted(&[Sign::OpenSore]));
        let a = route(&removed, &today(true));
        assert_eq!(a.level, Level::NextVisit, "{a:?}");
        // Found by a review of the rule: a sore noted open once and never again counted for
        // good (655 same-day calls in a ten-year diary). Last noted more than four weeks before,
        // with a check-in between, it says nothing of today; within them, or in the check-in
        // just before (a patient who writes monthly: found by the second review), it does.
        for (days, between, want) in [
            (40, true, Level::NextVisit),
            (40, false, Level::CallToday),
            (20, true, Level::CallToday),
        ] {
            let mut d = diary_with(
                &[("arm", "right-forearm", false, false)],
                "2026-09-01T10:00:00Z",
            );
            let long_ago = Instant(at("2026-11-10T10:00:00Z").0 - days * 86_400_000);
            d.upsert(CheckIn {
                at: long_ago,
                updated: long_ago,
                ..noted(&[Sign::OpenSore])
            });
            if between {
                let later = Instant(long_ago.0 + 86_400_000);
                d.upsert(CheckIn {
                    id: "c1b".into(),
                    at: later,
                    updated: later,
                    pain: 3,
                    ..Default::default()
                });
            }
            for immune in [false, true] {
                let now = today(immune);
                let a = route(&d, &now);
                assert_eq!(
                    a.level, want,
                    "{days} days, {between}, immune {immune}: {a:?}"
                );
                // The same without the diary, from the check-in before (which lists it).
                if !between {
                    let previous = d.previous(now.at, &now.id).unwrap().clone();
                    assert_eq!(assess(&now, Some(&previous)).level, want);
                }
            }
        }
        // Marked healed in an older diary, with no time kept: healed, not left out.
        let mut untimed = diary_with(
            &[("arm", "right-forearm", false, true)],
            "2026-11-01T10:00:00Z",
        );
        untimed.upsert(noted(&[Sign::OpenSore]));
        for immune in [false, true] {
            let a = route(&untimed, &today(immune));
            assert_eq!(
                a.level,
                Level::NextVisit,
                "healed untimed, immune {immune}: {a:?}"
            );
        }
        // Marked healed after its note, then followed again: how it is today is not known. On
        // defence-weakening medicines that is a possible infection (as listed with no score);
        // it was healed, so it is not taken for an open sore.
        let mut again = diary_with(
            &[("arm", "right-forearm", false, false)],
            "2026-11-01T10:00:00Z",
        );
        again.upsert(noted(&[Sign::OpenSore]));
        for (healed, when) in [
            (true, "2026-11-09T08:00:00Z"),
            (false, "2026-11-09T09:00:00Z"),
        ] {
            apply_lesion_edit(&mut again, "arm", &LesionEdit::Healed(healed), at(when)).unwrap();
        }
        let a = route(&again, &today(true));
        assert_eq!(a.level, Level::CallToday, "{a:?}");
        assert!(
            a.reasons.contains(&Reason::ImmuneWeakeningInfection),
            "{a:?}"
        );
        assert!(!a.reasons.contains(&Reason::PainWorseUnscoredSore), "{a:?}");
        assert_eq!(route(&again, &today(false)).level, Level::NextVisit);
        // Noted only after today's check-in: not left out of it.
        let mut later = diary_with(&[], "2026-11-01T10:00:00Z");
        later.upsert(CheckIn {
            id: "c3".into(),
            at: at("2026-11-12T10:00:00Z"),
            ..noted(&[Sign::OpenSore])
        });
        later.upsert(CheckIn {
            id: "c0".into(),
            at: at("2026-11-05T10:00:00Z"),
            pain: 3,
            ..Default::default()
        });
        let a = route(&later, &today(false));
        assert_eq!(a.level, Level::NextVisit, "{a:?}");
    }

    #[test]
    fn a_sore_scored_for_the_first_time_is_as_urgent_as_one_left_blank() {
        use crate::core::test_support::at;
        // Last time: no pain at all, and a sore (or a red, warm lump) with no score of its own.
        // Today it hurts 6 overall. Left blank, the sore may be what hurts more: a same-day call.
        // Scored 6 for the first time, nothing says it is not: it was a next-visit note before.
        for signs in [&[Sign::OpenSore][..], &[Sign::RednessWarmth]] {
            let before = CheckIn {
                id: "c1".into(),
                at: at("2026-10-10T10:00:00Z"),
                pain: 0,
                observations: vec![lesion("arm", None, signs)],
                ..Default::default()
            };
            let blank = CheckIn {
                id: "c2".into(),
                at: at("2026-10-12T10:00:00Z"),
                pain: 6,
                observations: vec![lesion("arm", None, signs)],
                ..Default::default()
            };
            let scored = CheckIn {
                observations: vec![lesion("arm", Some(6), signs)],
                ..blank.clone()
            };
            let mut d = diary_with(&[], "2026-10-01T10:00:00Z");
            d.upsert(before.clone());
            for now in [blank, scored] {
                let a = assess(&now, Some(&before));
                assert_eq!(a.level, Level::CallToday, "{signs:?} {now:?}: {a:?}");
                assert!(a.reasons.contains(&Reason::PainWorseUnscoredSore), "{a:?}");
                assert!(!a.reasons.contains(&Reason::PainWorse), "said once: {a:?}");
                // The same through the diary (the last note of the lump, not the check-in before).
                assert_eq!(assess_in(&d, &now), a);
            }
            // A sore noted for the first time today, scored, with more pain overall: the same.
            let first = CheckIn {
                observations: vec![lesion("new", Some(6), signs)],
                ..before.clone()
            };
            let now = CheckIn {
                pain: 6,
                ..first.clone()
            };
            let earlier = CheckIn {
                observations: vec![],
                ..before.clone()
            };
            assert_eq!(assess(&now, Some(&earlier)).level, Level::CallToday);
        }
        // No pain in it today tells too: the pain is elsewhere (next visit).
        for signs in [&[Sign::OpenSore][..], &[Sign::RednessWarmth]] {
            let before = CheckIn {
                pain: 0,
                observations: vec![lesion("arm", None, signs)],
                ..Default::default()
            };
            let now = CheckIn {
                pain: 3,
                observations: vec![lesion("arm", Some(0), signs)],
                ..Default::default()
            };
            let a = assess(&now, Some(&before));
            assert_eq!(a.level, Level::NextVisit, "{signs:?}: {a:?}");
            assert!(a.reasons.contains(&Reason::PainWorse), "{a:?}");
        }
        // Two scores tell: a sore scored 6 before and 6 now, with more pain overall, is the same
        // sore; the pain is elsewhere (next visit, as before).
        let before = CheckIn {
            pain: 2,
            observations: vec![lesion("arm", Some(6), &[Sign::OpenSore])],
            ..Default::default()
        };
        let now = CheckIn {
            pain: 6,
            ..before.clone()
        };
        let a = assess(&now, Some(&before));
        assert_eq!(a.level, Level::NextVisit, "{a:?}");
        assert!(a.reasons.contains(&Reason::PainWorse), "{a:?}");
    }

    #[test]
    fn overall_pain_up_by_two_is_reported() {
        let before = CheckIn {
            pain: 1,
            ..Default::default()
        };
        let up_two = CheckIn {
            pain: 3,
            ..Default::default()
        };
        let up_one = CheckIn {
            pain: 2,
            ..Default::default()
        };
        assert_eq!(
            assess(&up_two, Some(&before)).reasons,
            [Reason::Pain, Reason::PainWorse]
        );
        assert_eq!(assess(&up_one, Some(&before)).reasons, [Reason::Pain]);
        assert_eq!(assess(&before, Some(&up_two)).reasons, [Reason::Pain]);
    }

    #[test]
    fn every_sign_warning_and_side_effect_is_routed() {
        for w in Warning::ALL {
            assert_ne!(assess(&warned(&[w]), None).level, Level::None, "{w:?}");
        }
        for s in SideEffect::ALL {
            assert_ne!(
                assess(&side_effects(&[s]), None).level,
                Level::None,
                "{s:?}"
            );
        }
        for s in Sign::ALL {
            assert_ne!(assess(&with_signs(&[s]), None).level, Level::None, "{s:?}");
        }
    }

    #[test]
    fn every_reason_is_reachable_and_keys_are_the_kebab_case_names() {
        // `ChestPain` -> `chest-pain`, as the content files and CSS classes spell them.
        let kebab = |name: String| {
            let mut out = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        };
        let mut keys = std::collections::HashSet::new();
        for r in Reason::ALL {
            assert!(keys.insert(r.key()), "duplicate key {}", r.key());
            assert_eq!(r.key(), kebab(format!("{r:?}")));
            assert_ne!(r.level(), Level::None, "{r:?} has no urgency");
        }
        for l in Level::ALL {
            assert_eq!(l.key(), kebab(format!("{l:?}")));
        }
    }

    fn all_texts(t: &TriageText) -> Vec<&str> {
        let mut out: Vec<&str> = Level::ALL
            .iter()
            .flat_map(|&l| [t.level(l).title.as_str(), t.level(l).advice.as_str()])
            .collect();
        out.extend(Reason::ALL.iter().map(|&r| t.reason(r)));
        out
    }

    #[test]
    fn every_reason_has_text_in_every_language() {
        for lang in Lang::ALL {
            let t = triage_text(lang).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
            for r in Reason::ALL {
                assert!(!t.reason(r).trim().is_empty(), "{lang:?} {}", r.key());
            }
            assert_eq!(t.reasons.len(), Reason::ALL.len(), "{lang:?}");
        }
    }

    #[test]
    fn texts_never_say_to_stop_a_medicine_or_give_a_dose() {
        for lang in Lang::ALL {
            for text in all_texts(triage_text(lang).unwrap()) {
                let lower = text.to_lowercase();
                assert!(!lower.contains("stop taking"), "{text}");
                // The only "stop" allowed is "the doctor will tell you whether to stop".
                let stops = lower.matches("stop").count();
                assert_eq!(stops, lower.matches("whether to stop").count(), "{text}");
                assert!(!text.chars().any(|ch| ch.is_ascii_digit()), "{text}");
                assert!(
                    !lower.contains("mg") && !lower.contains("milligram"),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn get_help_now_says_once_to_call_now_and_leaves_stopping_to_the_doctor() {
        // Every reason at this level is one of diltiazem's "call a doctor now" signs: the
        // level's advice says once what to do, not each of them again (three signs ticked
        // repeated the same four sentences three times).
        for (lang, stop, medicine) in [
            (
                Lang::En,
                "The doctor will tell you whether to stop the medicine.",
                "a reaction to a medicine, such as diltiazem",
            ),
            (
                Lang::PtPt,
                "O médico dirá se deve parar o medicamento.",
                "uma reação a um medicamento, como o diltiazem",
            ),
        ] {
            let t = triage_text(lang).unwrap();
            assert!(t.level(Level::GetHelpNow).advice.contains(stop), "{lang:?}");
            let call_now = Reason::ALL
                .iter()
                .filter(|r| r.level() == Level::GetHelpNow);
            assert_eq!(call_now.clone().count(), 8);
            for &r in call_now {
                let text = t.reason(r);
                assert!(text.contains(medicine), "{lang:?}: {text}");
                assert!(!text.contains(stop), "{lang:?}: {text}");
            }
        }
    }

    #[test]
    fn urgent_reasons_of_one_level_repeat_no_advice() {
        // On a result of "call today" or more, read under stress, the reasons of one level may
        // share only the sentence saying what the sign can be ("This can be…"); advice that
        // several of them would repeat belongs in the level's advice, said once.
        for (lang, cause) in [(Lang::En, "This can be "), (Lang::PtPt, "Isto pode ser ")] {
            let t = triage_text(lang).unwrap();
            for level in [Level::CallToday, Level::GetHelpNow, Level::Emergency] {
                let mut seen: Vec<&str> = Vec::new();
                for r in Reason::ALL.iter().filter(|r| r.level() == level) {
                    let (_, rest) = t.reason_noted(*r);
                    for sentence in rest.split_inclusive(". ").map(str::trim) {
                        assert!(
                            sentence.starts_with(cause) || !seen.contains(&sentence),
                            "{lang:?} {level:?}: {sentence:?} again in {}",
                            r.key()
                        );
                        seen.push(sentence);
                    }
                }
            }
        }
    }

    #[test]
    fn level_texts_name_no_diagnosis_and_carry_their_placeholders() {
        for lang in Lang::ALL {
            let t = triage_text(lang).unwrap();
            for l in [Level::CallToday, Level::GetHelpNow] {
                let advice = &t.level(l).advice;
                assert!(advice.contains("{phone}") && advice.contains("{out_of_hours}"));
            }
            assert!(t.level(Level::Emergency).advice.contains("{emergency}"));
            for l in Level::ALL {
                let lt = t.level(l);
                let text = format!("{} {}", lt.title, lt.advice).to_lowercase();
                for word in [
                    "sepsis",
                    "infect",
                    "raynaud",
                    "calcinosis",
                    "reaction",
                    "allerg",
                ] {
                    assert!(!text.contains(word), "{l:?} names {word:?}");
                }
            }
        }
        let none = &en().level(Level::None).advice;
        assert!(none.contains("not medical advice") && none.contains("{phone}"));
    }

    /// The urgencies a text names, by the words each language uses for them. A text that
    /// names the emergency number may also say "now" (call it now); "now" alone is the GET HELP
    /// NOW level.
    fn urgencies_named(lang: Lang, text: &str) -> Vec<Level> {
        let lower = text.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        let words = |w: &str| {
            lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|token| token == w)
        };
        let (emergency, now, today, next) = match lang {
            Lang::En => (
                has(&["emergency", "{emergency}"]),
                words("now") || has(&["right away"]),
                has(&["today", "same day"]),
                has(&["next visit", "next appointment"]),
            ),
            Lang::PtPt => (
                has(&["emergência", "{emergency}"]),
                words("já") || words("agora"),
                has(&["hoje", "mesmo dia"]),
                has(&["próxima consulta"]),
            ),
        };
        let mut named = Vec::new();
        if emergency {
            named.push(Level::Emergency);
        } else if now {
            named.push(Level::GetHelpNow);
        }
        if today {
            named.push(Level::CallToday);
        }
        if next {
            named.push(Level::NextVisit);
        }
        named
    }

    #[test]
    fn every_reason_names_only_the_urgency_of_its_level() {
        for lang in Lang::ALL {
            let t = triage_text(lang).unwrap();
            for r in Reason::ALL {
                let named = urgencies_named(lang, t.reason(r));
                assert!(
                    named.iter().all(|&l| l == r.level()),
                    "{lang:?} {}: level {:?}, text names {named:?}: {}",
                    r.key(),
                    r.level(),
                    t.reason(r)
                );
            }
            // Each title names its own urgency, and no other.
            for l in [
                Level::NextVisit,
                Level::CallToday,
                Level::GetHelpNow,
                Level::Emergency,
            ] {
                let title = &t.level(l).title;
                assert_eq!(urgencies_named(lang, title), [l], "{lang:?} {l:?}: {title}");
            }
            assert!(urgencies_named(lang, &t.level(Level::None).title).is_empty());
        }
    }

    /// The history's words for a past result name the same urgency as the result's title; the
    /// emergency one says "now" too, as FACTS words that level.
    #[test]
    fn past_results_in_the_history_name_the_urgency_of_their_level() {
        for lang in Lang::ALL {
            let d = &crate::core::content::test_content(lang).unwrap().diary;
            for l in [
                Level::NextVisit,
                Level::CallToday,
                Level::GetHelpNow,
                Level::Emergency,
            ] {
                let words = crate::core::history::level_words(d, l);
                assert_eq!(urgencies_named(lang, words), [l], "{lang:?} {l:?}: {words}");
            }
            let emergency = crate::core::history::level_words(d, Level::Emergency).to_lowercase();
            let now = match lang {
                Lang::En => "now",
                Lang::PtPt => "já",
            };
            assert!(
                emergency
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == now),
                "{lang:?}: {emergency}"
            );
        }
    }

    /// Found by an audit: the next-visit advice said "If it gets worse, or you notice a warning
    /// sign, call your clinic", under reasons such as "Fainting is a warning sign" (an emergency in
    /// FACTS) and "Swelling up fast is a warning sign" (get help now). No sentence about a warning
    /// sign sends it to the clinic, and every level's advice keeps the emergency number.
    #[test]
    fn no_advice_sends_a_warning_sign_to_the_clinic_and_each_names_the_emergency_number() {
        for lang in Lang::ALL {
            let t = triage_text(lang).unwrap();
            let warning = match lang {
                Lang::En => "warning sign",
                Lang::PtPt => "sinal de alerta",
            };
            for l in Level::ALL {
                let advice = &t.level(l).advice;
                assert!(advice.contains("{emergency}"), "{lang:?} {l:?}: {advice}");
                for sentence in advice.split(". ").filter(|s| s.contains(warning)) {
                    assert!(!sentence.contains("{phone}"), "{lang:?} {l:?}: {sentence}");
                }
            }
        }
    }

    #[test]
    fn same_day_and_now_results_offer_the_out_of_hours_service() {
        for l in [Level::CallToday, Level::GetHelpNow] {
            assert!(contacts(l).contains(&Contact::OutOfHours), "{l:?}");
            assert_eq!(contacts(l)[0], Contact::Clinic);
        }
        assert_eq!(contacts(Level::Emergency), [Contact::Emergency]);
        assert!(contacts(Level::None).is_empty());
    }

    #[test]
    fn the_urgency_check_can_fail() {
        let today = "Call your clinic today.";
        assert_eq!(urgencies_named(Lang::En, today), [Level::CallToday]);
        assert_eq!(
            urgencies_named(Lang::En, "Call your clinic or a doctor now."),
            [Level::GetHelpNow]
        );
        assert_eq!(
            urgencies_named(Lang::PtPt, "Ligue já para o número de emergência."),
            [Level::Emergency]
        );
        assert_eq!(
            urgencies_named(
                Lang::En,
                "Mention it at your next visit; if worse, call today."
            ),
            [Level::CallToday, Level::NextVisit]
        );
        assert!(urgencies_named(Lang::En, "A lump can be red.").is_empty());
        // "known" must not read as "now".
        assert!(urgencies_named(Lang::En, "No known cause.").is_empty());
    }

    #[test]
    fn sentences_are_short() {
        for text in all_texts(en()) {
            for sentence in text.split_terminator(['.', '?', '!']) {
                let words = sentence.split_whitespace().count();
                assert!(words <= 20, "{words} words: {sentence}");
            }
        }
    }

    #[test]
    fn each_reason_says_what_was_noted_in_its_first_sentence() {
        // The printed summary shows only the first sentence, so it must say what was noted.
        for (lang, noted) in [(Lang::En, "You noted "), (Lang::PtPt, "Registou ")] {
            let t = triage_text(lang).unwrap();
            for r in Reason::ALL {
                let (first, rest) = t.reason_noted(r);
                assert!(first.starts_with(noted), "{lang:?} {}: {first}", r.key());
                assert!(first.ends_with('.') && !first[..first.len() - 1].contains(". "));
                assert_eq!(
                    format!("{first}{rest}"),
                    t.reason(r),
                    "{lang:?} {}",
                    r.key()
                );
                assert!(rest.is_empty() || rest.starts_with(' '));
            }
        }
        let t = triage_text(Lang::En).unwrap();
        let (first, rest) = t.reason_noted(Reason::SeverePain);
        // It says what counts as very bad: a patient who scored seven was never asked the words.
        assert_eq!(
            first,
            "You noted very bad pain, or pain of seven or more out of ten."
        );
        assert!(rest.starts_with(" More pain"));
    }

    #[test]
    fn the_loader_rejects_missing_unknown_and_empty_texts() {
        let good: serde_json::Value =
            serde_json::from_str(include_str!("../../content/en/triage.json")).unwrap();
        let check = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut v = good.clone();
            edit(&mut v);
            TriageText::parse(&v.to_string())
        };
        assert!(check(&|_| {}).is_ok());
        let missing = check(&|v| {
            v["reasons"].as_object_mut().unwrap().remove("pus-cloudy");
        });
        assert!(missing.unwrap_err().contains("pus-cloudy"));
        let unknown = check(&|v| v["reasons"]["puss"] = "Typo.".into());
        assert!(unknown.unwrap_err().contains("puss"));
        let empty = check(&|v| v["reasons"]["pain"] = " ".into());
        assert!(empty.unwrap_err().contains("pain"));
        assert!(check(&|v| v["levels"]["urgent"] = v["levels"]["none"].clone()).is_err());
        // Sources stay out of the download: they are in content/triage.sources.json (`citations`).
        assert!(check(&|v| v["sources"] = "SEED".into()).is_err());
        let no_phone = check(&|v| v["levels"]["call-today"]["advice"] = "Call.".into());
        assert!(no_phone.unwrap_err().contains("{phone}"));
    }
}
