//! The appointment summary: what the diary says about a period, in the order a clinician reads
//! it (pain, lesions, red flags, side effects, medicines, the patient's questions). A pure
//! function of the diary, so the printed page and the screen always agree.

use std::rc::Rc;

use super::date::Date;
use super::diary::{
    Adherence, CheckIn, Diary, Lesion, Observation, QuestionNote, SideEffect, Sign, Size,
};
use super::letters;
use super::sites::Site;
use super::time::{days_from_civil, Instant, Zone};
use super::trend::{self, Range, Trend};
use super::triage::{self, Level, Reason};

mod my_medicines;
pub use my_medicines::{printed_medicines, MedicineLine, PrintedMedicines};
mod page_foot;
pub use page_foot::page_foot;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// The last `n` local days, today included (0 counts as 1).
    Days(u32),
    /// From this local date to today, both included.
    Since(Date),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PainFigures {
    pub best: u8,
    pub worst: u8,
    /// Mean overall pain, rounded to one decimal.
    pub average: f32,
}

/// One lesion observed in the period, as at its latest observation there.
#[derive(Clone, Debug, PartialEq)]
pub struct LesionRow {
    pub lesion: String,
    pub site: Site,
    pub name: String,
    /// Local date of the first live check-in ever that observed it (may be before the period).
    pub first_noted: Date,
    /// Local date of its latest observation in the period.
    pub last_observed: Date,
    pub signs: Vec<Sign>,
    /// The latest pain score given for it in the period. A check-in that noted it without a
    /// score (the quick form asks each lump's pain today and the patient may pass over it; the
    /// full form's "same lumps as last time" leaves it blank) is a gap, not "no pain": the
    /// printout would otherwise read "6 → –" for a lump scored last week.
    pub pain: Option<u8>,
    /// The latest size given in the period (as `pain`: "Not sure" is a gap).
    pub size: Option<Size>,
    /// At ANY of its observations in the period, not only the latest: a clinician reads "none"
    /// here as "none in this time", so a sore that was open a month ago must show.
    pub open: bool,
    pub discharging: bool,
    /// Redness, warmth or swelling around it: it can mean an infection (triage counts it so, with
    /// medicines that weaken the immune system) or inflammation without one (FACTS), so the
    /// printout names it as it is, not as "infection signs".
    pub red: bool,
    /// The other signs that can mean an infection (`Sign::INFECTION`, the list triage uses, but
    /// redness or warmth): spreading redness, pus or cloudy fluid, or red streaks.
    pub infection_signs: bool,
    /// Local date of the latest observation in the period with any of the four above.
    pub flags_last: Option<Date>,
    /// For "first → latest": the first pain score and the first size given in the period.
    pub first_pain: Option<u8>,
    pub first_size: Option<Size>,
    /// Observations in the period that gave a pain score (with one, the score is shown alone).
    pub pain_scores: usize,
    /// Check-ins in the period that observed it (with one, there is no change to show).
    pub observations: usize,
    /// Marked healed or no longer followed.
    pub healed: bool,
    /// Local date it was marked healed, when known (older diaries did not keep it).
    pub healed_on: Option<Date>,
}

/// A lump or sore on the patient's list, still followed (not healed), that no check-in of the
/// period noted: the printout names it under the table, so a clinician sees every lump the
/// patient follows (one in no check-in at all still makes a fever a same-day call).
#[derive(Clone, Debug, PartialEq)]
pub struct OtherLesion {
    pub lesion: String,
    pub site: Site,
    pub name: String,
    /// Local date of the latest live check-in that noted it (before the period, or after
    /// today); none if no check-in notes it.
    pub last_noted: Option<Date>,
}

/// A check-in whose signs called for a call today or the emergency number.
#[derive(Clone, Debug, PartialEq)]
pub struct RedFlag {
    pub check_in: String,
    pub date: Date,
    pub level: Level,
    /// The reasons that reached `CallToday` or `Emergency`, most urgent first.
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SideEffectCount {
    pub effect: SideEffect,
    /// Check-ins that reported it.
    pub count: usize,
    pub last: Date,
}

/// Something else the form asks about, which the triage tells the patient to mention at the next
/// visit and which no other part of the summary shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Noted {
    Fever,
    Stiffness,
    Raynaud,
    Sleep,
}

impl Noted {
    pub const ALL: [Noted; 4] = [Noted::Fever, Noted::Stiffness, Noted::Raynaud, Noted::Sleep];

    fn in_check_in(self, c: &CheckIn) -> bool {
        match self {
            Noted::Fever => c.fever,
            Noted::Stiffness => c.stiffness,
            Noted::Raynaud => c.raynaud,
            Noted::Sleep => c.sleep,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NotedCount {
    pub what: Noted,
    /// Check-ins that noted it.
    pub count: usize,
    pub last: Date,
}

/// How much it got in the way of daily tasks (0-10), in the check-ins that answered.
#[derive(Clone, Debug, PartialEq)]
pub struct DailyEffect {
    pub answered: usize,
    pub worst: u8,
    /// Rounded to one decimal, as the pain average.
    pub average: f32,
}

/// Check-ins that answered the medicines question, and how many of them said doses were missed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Medicines {
    pub answered: usize,
    pub missed_some: usize,
    pub not_taking: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The period, as local dates, both included.
    pub from: Date,
    pub to: Date,
    pub check_ins: usize,
    pub days_with_check_ins: usize,
    /// Local date of the newest check-in on or before `to`, in the period or not: with none in
    /// the period, "nothing recorded" must not read as "all well".
    pub last_check_in: Option<Date>,
    /// Live check-ins dated after `to` (a device clock that ran ahead; the form refuses such a
    /// date): not in the period, so the patient is told they exist and can correct them.
    pub dated_ahead: usize,
    /// `None` when there is no check-in in the period.
    pub pain: Option<PainFigures>,
    /// Daily points for periods up to 120 days, then weekly, as in the trend chart.
    pub trend: Trend,
    /// Oldest first noted first.
    pub lesions: Vec<LesionRow>,
    /// Followed lumps not noted in the period, in the order they were added to the list.
    pub other_lesions: Vec<OtherLesion>,
    /// Oldest first.
    pub red_flags: Vec<RedFlag>,
    /// The newest check-in up to today, in the period or before it (or a more urgent one dated
    /// after today): its date and the advice it gave. The warning signs above are what earlier
    /// check-ins said at the time; this says where things stand now.
    pub latest: Option<(Date, Level)>,
    /// In the order of `SideEffect::ALL`, only those reported.
    pub side_effects: Vec<SideEffectCount>,
    /// The patient's own words for other side effects, with the date, oldest first.
    pub other_side_effects: Vec<(Date, String)>,
    /// In the order of `Noted::ALL`, only those noted.
    pub also_noted: Vec<NotedCount>,
    /// `None` when no check-in in the period answered.
    pub daily_effect: Option<DailyEffect>,
    /// Check-ins of the period with notes. The notes are not printed (the page is full); the
    /// printout says they are in the diary, so a clinician can ask to see them.
    pub with_notes: usize,
    pub medicines: Medicines,
    /// Live questions for the appointment, oldest first.
    pub questions: Vec<QuestionNote>,
    /// The medicines the patient takes, as the printout lists them (not tied to the period: the
    /// list is what they take now).
    pub my_medicines: PrintedMedicines,
}

/// The patient's own words for other side effects, the same words (ignoring case and spaces at
/// the ends) counted once: most often first, then most recent. Keeps a printout short when the
/// same thing is typed every day.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherEffect {
    pub text: String,
    pub count: usize,
    pub last: Date,
}

pub fn other_effects_grouped(summary: &Summary) -> Vec<OtherEffect> {
    let mut groups: Vec<OtherEffect> = Vec::new();
    // Each text is lowered once (not at every comparison): stored texts may be very long.
    let mut lowered: Vec<String> = Vec::new();
    for (date, text) in &summary.other_side_effects {
        let text = text.trim();
        let low = letters::lower_str(text);
        match lowered
            .iter()
            .position(|l| *l == low)
            .and_then(|i| groups.get_mut(i))
        {
            Some(g) => {
                g.count += 1;
                g.last = g.last.max(*date);
            }
            None => {
                lowered.push(low);
                groups.push(OtherEffect {
                    text: text.to_string(),
                    count: 1,
                    last: *date,
                });
            }
        }
    }
    super::order::sort_by(&mut groups, |a, b| {
        b.count.cmp(&a.count).then(b.last.cmp(&a.last))
    });
    groups
}

/// Warning signs of a summary grouped by reason, most urgent first, each with the dates it was
/// recorded (oldest first): what the printout lists, so a sign seen on many days takes one line.
#[derive(Clone, Debug, PartialEq)]
pub struct FlagGroup {
    pub level: Level,
    pub reason: Reason,
    pub dates: Vec<Date>,
}

/// A list shortened to at most `max` items and a count: the first item, the number left out, and
/// the last ones. Nothing is left out when all fit, or when only one would be (it takes the place
/// the count would).
pub fn elide<T>(items: &[T], max: usize) -> (&[T], usize, &[T]) {
    if items.len() <= max + 1 || max < 2 {
        return (items, 0, &[]);
    }
    let tail = max - 1;
    (
        &items[..1],
        items.len() - 1 - tail,
        &items[items.len() - tail..],
    )
}

/// Dates in order, each day once with how many times it comes (next to each other): a sign noted
/// in three check-ins of one day reads "25 Oct (3 times)", not the same date three times over.
pub fn days_counted(dates: &[Date]) -> Vec<(Date, usize)> {
    let mut days: Vec<(Date, usize)> = Vec::new();
    for &date in dates {
        match days.last_mut() {
            Some((last, n)) if *last == date => *n += 1,
            _ => days.push((date, 1)),
        }
    }
    days
}

pub fn flags_by_reason(summary: &Summary) -> Vec<FlagGroup> {
    let mut groups: Vec<FlagGroup> = Vec::new();
    for flag in &summary.red_flags {
        for &reason in &flag.reasons {
            match groups.iter_mut().find(|g| g.reason == reason) {
                Some(g) => g.dates.push(flag.date),
                None => groups.push(FlagGroup {
                    level: reason.level(),
                    reason,
                    dates: vec![flag.date],
                }),
            }
        }
    }
    // Stable: within a level, the order in which reasons were first seen.
    super::order::sort_by_key(&mut groups, |g| std::cmp::Reverse(g.level));
    groups
}

/// Summarises `period`, ending today at `now` in the patient's local time in `zone`. Each
/// check-in counts on its own local day, with the offset in force when it was made (as in the
/// history and the CSV): a summer check-in keeps its date in a summary made in winter. Deleted
/// check-ins and lesions are left out.
pub fn summarise(diary: &Diary, period: Period, now: Instant, zone: &dyn Zone) -> Summary {
    let day = |c: &CheckIn| c.at.local_in(zone).date;
    let to = now.local_in(zone).date;
    let from = match period {
        Period::Days(n) => to.plus_days(1 - i64::from(n.max(1))),
        Period::Since(date) => date,
    };
    // All live check-ins newest first (the diary's order); the period's, oldest first, each
    // with its index in `all` to find the check-in before it.
    let all: Vec<&CheckIn> = diary.entries().collect();
    let in_period: Vec<(usize, &CheckIn)> = all
        .iter()
        .copied()
        .enumerate()
        .rev()
        .filter(|(_, c)| (from..=to).contains(&day(c)))
        .collect();
    let checks = || in_period.iter().map(|&(_, c)| c);

    let n = in_period.len() as u32;
    let pain = (n > 0).then(|| {
        let sum: u32 = checks().map(|c| u32::from(c.pain)).sum();
        PainFigures {
            best: checks().map(|c| c.pain).min().unwrap_or(0),
            worst: checks().map(|c| c.pain).max().unwrap_or(0),
            average: tenths(sum, n),
        }
    });
    let mut days: Vec<Date> = checks().map(day).collect();
    days.dedup();

    // The chart's own bucketing, over the period's check-ins only.
    let only = Diary {
        check_ins: in_period
            .iter()
            .rev()
            .map(|&(_, c)| Rc::new(c.clone()))
            .collect(),
        ..Diary::default()
    };
    let mut trend = trend::trend(&only, Range::All, now, zone);
    trend.first_day = days_from_civil(from.year, from.month, from.day);

    // Check-ins dated after today (a device clock that ran ahead) are left out of the period,
    // and the patient is told on screen; their warning signs are still listed, with their date:
    // a red flag is never left off the paper a clinician reads.
    let ahead: Vec<(usize, &CheckIn)> = all
        .iter()
        .copied()
        .enumerate()
        .take_while(|(_, c)| day(c) > to)
        .collect();
    let known = triage::Known::of(diary);
    // The advice each gave when it was saved (worked out again for those saved before it was kept).
    let assessed = |i: usize, c: &CheckIn| triage::as_given(c, all.get(i + 1).copied(), &known);
    // Check-ins dated after today (a clock that ran ahead) and the newest up to today may each
    // be the newest there is: the most urgent of them is said, the newest first among equals.
    // Neither's advice is said to be older than a calmer one's (found by an audit: a calm
    // check-in restored from a phone whose clock ran a month ahead headed the printout over an
    // emergency saved today).
    // The newest up to today is in the period or not: a period with no check-in in it ("Since
    // today") still says where things stand (found by an audit of the printout: yesterday's
    // emergency was on no line of it).
    let newest = all.get(ahead.len()).map(|&c| (ahead.len(), c));
    let latest = ahead
        .iter()
        .copied()
        .chain(newest)
        .map(|(i, c)| (day(c), assessed(i, c).level))
        .min_by_key(|&(_, level)| std::cmp::Reverse(level));
    let red_flags = in_period
        .iter()
        .chain(ahead.iter().rev())
        .filter_map(|&(i, c)| {
            let a = assessed(i, c);
            (a.level >= Level::CallToday).then(|| RedFlag {
                check_in: c.id.clone(),
                date: day(c),
                level: a.level,
                reasons: a
                    .reasons
                    .into_iter()
                    .filter(|r| r.level() >= Level::CallToday)
                    .collect(),
            })
        })
        .collect();

    let side_effects = SideEffect::ALL
        .iter()
        .filter_map(|&effect| {
            // "Something else" with the patient's words is listed by its words
            // (`other_side_effects`): counted here only when ticked without any, so one side
            // effect is not listed twice ("Something else: once", then "Dry mouth: once").
            let unworded =
                |c: &CheckIn| effect != SideEffect::Other || c.other_side_effect.trim().is_empty();
            let with: Vec<&CheckIn> = checks()
                .filter(|c| c.has_side_effect(effect) && unworded(c))
                .collect();
            Some(SideEffectCount {
                effect,
                count: with.len(),
                last: day(with.last()?),
            })
        })
        .collect();
    let other_side_effects = checks()
        .filter(|c| !c.other_side_effect.trim().is_empty())
        .map(|c| (day(c), c.other_side_effect.trim().to_string()))
        .collect();
    let also_noted = Noted::ALL
        .iter()
        .filter_map(|&what| {
            let with: Vec<&CheckIn> = checks().filter(|c| what.in_check_in(c)).collect();
            Some(NotedCount {
                what,
                count: with.len(),
                last: day(with.last()?),
            })
        })
        .collect();
    let daily: Vec<u8> = checks().filter_map(|c| c.daily_effect).collect();
    let daily_effect = (!daily.is_empty()).then(|| DailyEffect {
        answered: daily.len(),
        worst: daily.iter().copied().max().unwrap_or(0),
        average: tenths(
            daily.iter().map(|&x| u32::from(x)).sum(),
            daily.len() as u32,
        ),
    });
    let answered: Vec<Adherence> = checks().filter_map(|c| c.adherence).collect();
    let count = |a: Adherence| answered.iter().filter(|&&x| x == a).count();

    let (lesions, other_lesions) = lesion_rows(diary, &in_period, zone);
    Summary {
        from,
        to,
        check_ins: in_period.len(),
        days_with_check_ins: days.len(),
        last_check_in: all.iter().map(|c| day(c)).find(|d| *d <= to),
        // Newest first: those dated after today come first.
        dated_ahead: ahead.len(),
        pain,
        trend,
        lesions,
        other_lesions,
        red_flags,
        latest,
        side_effects,
        other_side_effects,
        also_noted,
        daily_effect,
        with_notes: checks().filter(|c| !c.notes.trim().is_empty()).count(),
        medicines: Medicines {
            answered: answered.len(),
            missed_some: count(Adherence::MissedSome),
            not_taking: count(Adherence::NotTaking),
        },
        questions: diary
            .questions
            .iter()
            .filter(|q| !q.deleted)
            .cloned()
            .collect(),
        my_medicines: printed_medicines(diary),
    }
}

impl LesionRow {
    /// The date of its last open, discharging or infection mark when that was before its
    /// latest check-in in the period (the latest signs, dated, show a later one themselves).
    pub fn marks_last_before_latest(&self) -> Option<Date> {
        self.flags_last.filter(|d| *d < self.last_observed)
    }
}

/// A lesion's open, discharging, red and infection marks over the period, and the last date of
/// any.
#[derive(Clone, Copy, Default)]
struct Marks {
    open: bool,
    discharging: bool,
    red: bool,
    infection: bool,
    last: Option<Date>,
    /// The first and the latest pain score given, and how many were.
    first_pain: Option<u8>,
    pain: Option<u8>,
    pain_scores: usize,
    /// The first and the latest size given ("Not sure" is a gap too).
    first_size: Option<Size>,
    size: Option<Size>,
}

impl Marks {
    /// Gathers `o`; observations come oldest first.
    fn add(&mut self, o: &Observation, date: Date) {
        if let Some(p) = o.pain {
            self.first_pain.get_or_insert(p);
            self.pain = Some(p);
            self.pain_scores += 1;
        }
        if let Some(size) = o.size {
            self.first_size.get_or_insert(size);
            self.size = Some(size);
        }
        let red = o.has(Sign::RednessWarmth);
        let (open, discharging, infection) = (
            o.has(Sign::OpenSore),
            o.has(Sign::ChalkyDischarge),
            o.signs
                .iter()
                .any(|&s| s.can_mean_infection() && s != Sign::RednessWarmth),
        );
        self.open |= open;
        self.discharging |= discharging;
        self.red |= red;
        self.infection |= infection;
        if open || discharging || red || infection {
            self.last = Some(date);
        }
    }
}

/// `sum / n` in tenths, rounded half up, in whole numbers so 4.25 is always 4.3 (`n` > 0).
fn tenths(sum: u32, n: u32) -> f32 {
    ((sum * 20 + n) / (2 * n)) as f32 / 10.0
}

/// The rows of the lumps noted in the period, and the followed lumps that were not.
fn lesion_rows(
    diary: &Diary,
    in_period: &[(usize, &CheckIn)],
    zone: &dyn Zone,
) -> (Vec<LesionRow>, Vec<OtherLesion>) {
    let day = |c: &CheckIn| c.at.local_in(zone).date;
    // One slot per live lesion, found by a search through the few a diary has (a hash map per
    // key type would bring its own copy of the hash table code into the download).
    let live: Vec<&Lesion> = diary.live_lesions().collect();
    let slot = |id: &str| live.iter().position(|l| l.id == id);
    let mut first_noted: Vec<Option<Date>> = vec![None; live.len()];
    let mut last_noted: Vec<Option<Date>> = vec![None; live.len()];
    // Newest first, so the last date written for a lesion is its first observation.
    for c in diary.entries() {
        for o in &c.observations {
            if let Some(i) = slot(&o.lesion) {
                first_noted[i] = Some(day(c));
                last_noted[i].get_or_insert(day(c));
            }
        }
    }
    // Oldest first, so the last observation written is the latest; the open, discharging and
    // infection marks, and the first and latest pain and size given, gather over all of them.
    let mut latest: Vec<Option<(Date, &Observation)>> = vec![None; live.len()];
    let mut observed = vec![0_usize; live.len()];
    let mut marks: Vec<Marks> = vec![Marks::default(); live.len()];
    for &(_, c) in in_period {
        for o in &c.observations {
            if let Some(i) = slot(&o.lesion) {
                latest[i] = Some((day(c), o));
                observed[i] += 1;
                marks[i].add(o, day(c));
            }
        }
    }
    let mut rows: Vec<LesionRow> = live
        .iter()
        .enumerate()
        .filter_map(|(i, lesion)| {
            let (date, o) = latest[i]?;
            let observations = observed[i];
            let m = &marks[i];
            Some(LesionRow {
                lesion: lesion.id.clone(),
                site: lesion.site,
                name: lesion.name.clone(),
                first_noted: first_noted[i].unwrap_or(date),
                last_observed: date,
                signs: o.signs.clone(),
                pain: m.pain,
                size: m.size,
                open: m.open,
                discharging: m.discharging,
                red: m.red,
                infection_signs: m.infection,
                flags_last: m.last,
                first_pain: m.first_pain,
                first_size: m.first_size,
                pain_scores: m.pain_scores,
                observations,
                healed: lesion.healed_now(),
                healed_on: lesion.marked_healed_at().map(|t| t.local_in(zone).date),
            })
        })
        .collect();
    super::order::sort_by(&mut rows, |a, b| {
        (a.first_noted, &a.lesion).cmp(&(b.first_noted, &b.lesion))
    });
    let others = live
        .iter()
        .enumerate()
        .filter(|&(i, lesion)| latest[i].is_none() && !lesion.healed)
        .map(|(i, lesion)| OtherLesion {
            lesion: lesion.id.clone(),
            site: lesion.site,
            name: lesion.name.clone(),
            last_noted: last_noted[i],
        })
        .collect();
    (rows, others)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{Lesion, Warning};
    use crate::core::json::Extra;
    use crate::core::test_support::at;

    const NOW: &str = "2026-11-25T12:00:00Z";

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// A check-in `days_ago` days before NOW at 09:00 UTC.
    fn check_in(id: &str, days_ago: i64, pain: u8) -> CheckIn {
        let when = Instant::from_date(date("2026-11-25"))
            .plus_days(-days_ago)
            .0
            + 9 * 3_600_000;
        CheckIn {
            id: id.into(),
            at: Instant(when),
            updated: Instant(when),
            pain,
            ..CheckIn::default()
        }
    }

    fn obs(lesion: &str, pain: u8, signs: &[Sign]) -> Observation {
        Observation {
            lesion: lesion.into(),
            pain: Some(pain),
            size: Some(Size::Pea),
            signs: signs.to_vec(),
            extra: Extra::NONE,
        }
    }

    fn with_lesions(n: usize) -> Diary {
        let mut d = Diary::default();
        let sites = ["right-thumb", "left-index-finger", "right-elbow", "abdomen"];
        for (i, site) in sites.iter().enumerate().take(n) {
            d.upsert_lesion(Lesion {
                healed_at: None,
                healed_earlier: Vec::new(),
                since: None,
                id: format!("l{i}"),
                site: Site::parse(site).unwrap(),
                name: format!("lump {i}"),
                updated: at("2026-01-01T00:00:00Z"),
                deleted: false,
                healed: false,
                extra: Extra::NONE,
            });
        }
        d
    }

    fn summary(d: &Diary, period: Period) -> Summary {
        summarise(d, period, at(NOW), &0)
    }

    #[test]
    fn a_day_noted_more_than_once_is_counted_not_repeated() {
        let (a, b) = (date("2026-10-25"), date("2026-10-26"));
        assert_eq!(days_counted(&[]), []);
        assert_eq!(days_counted(&[a, a, a]), [(a, 3)]);
        assert_eq!(days_counted(&[a, b, b, a]), [(a, 1), (b, 2), (a, 1)]);
        // Over the day of the clock change: three check-ins on 25 October, each a warning sign.
        let mut d = with_lesions(1);
        for (id, time) in [
            ("c1", "2026-10-25T00:30:00Z"),
            ("c2", "2026-10-25T01:30:00Z"),
            ("c3", "2026-10-25T10:00:00Z"),
        ] {
            let mut c = check_in(id, 0, 3);
            c.at = at(time);
            c.updated = c.at;
            c.observations = vec![obs("l0", 4, &[Sign::PusCloudy])];
            d.upsert(c);
        }
        let s = summarise(
            &d,
            Period::Days(30),
            at("2026-10-26T12:00:00Z"),
            &crate::core::test_support::Lisbon,
        );
        let groups = flags_by_reason(&s);
        assert!(!groups.is_empty());
        for g in groups {
            assert_eq!(g.dates.len(), 3, "{:?}", g.reason);
            assert_eq!(days_counted(&g.dates), [(a, 3)], "{:?}", g.reason);
        }
    }

    #[test]
    fn an_empty_diary_gives_an_empty_summary_of_the_period() {
        let s = summary(&Diary::default(), Period::Days(90));
        assert_eq!((s.from, s.to), (date("2026-08-28"), date("2026-11-25")));
        assert_eq!((s.check_ins, s.days_with_check_ins), (0, 0));
        assert_eq!(s.last_check_in, None);
        assert_eq!(s.pain, None);
        assert!(s.trend.points.is_empty());
        assert_eq!(s.trend.last_day - s.trend.first_day + 1, 90);
        assert!(s.lesions.is_empty() && s.red_flags.is_empty() && s.side_effects.is_empty());
        assert!(s.other_side_effects.is_empty() && s.questions.is_empty());
        assert!(s.also_noted.is_empty() && s.daily_effect.is_none());
        assert_eq!(s.medicines, Medicines::default());
        assert_eq!(s.my_medicines, PrintedMedicines::default());
        assert_eq!(
            summary(&Diary::default(), Period::Days(0)).from,
            date("2026-11-25")
        );
    }

    /// Every lump the patient still follows is on the printout: one noted only before the
    /// period, or only in a check-in dated after today, or in no check-in at all (its check-in
    /// deleted), is named under the table; a healed one or a removed one is not.
    #[test]
    fn followed_lumps_not_noted_in_the_period_are_named() {
        let mut d = with_lesions(4);
        let mut extra = d.lesions[3].clone();
        extra.id = "l4".into();
        d.upsert_lesion(extra);
        let mut now = check_in("now", 3, 2);
        now.observations = vec![obs("l0", 2, &[])];
        d.upsert(now);
        let mut before = check_in("before", 200, 4);
        before.observations = vec![obs("l1", 4, &[Sign::OpenSore]), obs("l3", 1, &[])];
        d.upsert(before);
        let mut ahead = check_in("ahead", -2, 1);
        ahead.observations = vec![obs("l4", 1, &[])];
        d.upsert(ahead);
        // l2 is in no check-in; l3 is healed; a removed lump is not followed.
        d.lesions[3].healed = true;
        let mut removed = d.lesions[0].clone();
        removed.id = "gone".into();
        removed.deleted = true;
        d.upsert_lesion(removed);
        let s = summary(&d, Period::Days(90));
        assert_eq!(
            s.lesions
                .iter()
                .map(|l| l.lesion.as_str())
                .collect::<Vec<_>>(),
            ["l0"]
        );
        let others: Vec<(&str, Option<Date>)> = s
            .other_lesions
            .iter()
            .map(|o| (o.lesion.as_str(), o.last_noted))
            .collect();
        assert_eq!(
            others,
            [
                ("l1", Some(date("2026-05-09"))),
                ("l2", None),
                ("l4", Some(date("2026-11-27")))
            ]
        );
        assert_eq!(s.other_lesions[1].name, "lump 2");
        // All noted in the period: none named under the table.
        assert!(summary(&d, Period::Days(365))
            .other_lesions
            .iter()
            .all(|o| o.lesion != "l1"));
    }

    /// A check-in with chest pain and fainting, dated two days after today (saved while the
    /// device clock ran ahead, or restored from such a device): not counted in the period, but
    /// its warning signs are listed, with its date.
    #[test]
    fn a_red_flag_dated_after_today_is_still_listed() {
        let mut d = Diary::default();
        d.upsert(check_in("today", 0, 2));
        let mut ahead = check_in("ahead", -2, 2);
        ahead.warnings = vec![Warning::ChestPain, Warning::Fainted];
        d.upsert(ahead);
        let s = summary(&d, Period::Days(30));
        assert_eq!((s.check_ins, s.dated_ahead), (1, 1));
        assert_eq!(s.red_flags.len(), 1);
        assert_eq!(s.red_flags[0].check_in, "ahead");
        assert_eq!(s.red_flags[0].date, date("2026-11-27"));
        assert_eq!(s.red_flags[0].level, Level::Emergency);
    }

    /// A lapsed diary: nothing in the last 30 days, a check-in 45 days ago, and one stamped in
    /// the future (a wrong clock) that is not "the last one".
    #[test]
    fn the_last_check_in_is_known_when_the_period_has_none() {
        let mut d = Diary::default();
        d.upsert(check_in("old", 45, 3));
        d.upsert(check_in("older", 60, 3));
        d.upsert(check_in("ahead", -3, 3));
        let s = summary(&d, Period::Days(30));
        assert_eq!(s.check_ins, 0);
        assert_eq!(s.last_check_in, Some(date("2026-10-11")));
        assert_eq!(s.dated_ahead, 1, "the one ahead is told of, not counted");
        assert!(s.red_flags.is_empty());
        assert_eq!(
            summary(&d, Period::Days(50)).last_check_in,
            Some(date("2026-10-11"))
        );
    }

    #[test]
    fn one_day() {
        let mut d = with_lesions(1);
        let mut c = check_in("c", 0, 4);
        c.observations = vec![obs("l0", 6, &[Sign::OpenSore, Sign::ChalkyDischarge])];
        d.upsert(c);
        let s = summary(&d, Period::Days(30));
        assert_eq!((s.check_ins, s.days_with_check_ins), (1, 1));
        assert_eq!(
            s.pain,
            Some(PainFigures {
                best: 4,
                worst: 4,
                average: 4.0
            })
        );
        assert_eq!(s.trend.points.len(), 1);
        assert_eq!(
            s.lesions,
            [LesionRow {
                lesion: "l0".into(),
                site: Site::parse("right-thumb").unwrap(),
                name: "lump 0".into(),
                first_noted: date("2026-11-25"),
                last_observed: date("2026-11-25"),
                signs: vec![Sign::OpenSore, Sign::ChalkyDischarge],
                pain: Some(6),
                size: Some(Size::Pea),
                open: true,
                discharging: true,
                red: false,
                infection_signs: false,
                flags_last: Some(date("2026-11-25")),
                first_pain: Some(6),
                first_size: Some(Size::Pea),
                pain_scores: 1,
                observations: 1,
                healed: false,
                healed_on: None,
            }]
        );
        // Chalk from an open sore is expected, but this sore is new and on a thumb: get advice
        // today, and only for that.
        let flags: Vec<(Level, Vec<Reason>)> = s
            .red_flags
            .iter()
            .map(|f| (f.level, f.reasons.clone()))
            .collect();
        assert_eq!(flags, [(Level::CallToday, vec![Reason::NewFingerSore])]);
    }

    /// The audit's finger lump: open and then infected earlier in the period, nothing at the
    /// latest check-in. "None" in the marks column would read as "none in 90 days".
    #[test]
    fn a_lesion_s_marks_cover_the_whole_period_with_the_last_date_and_a_healed_one_says_when() {
        let mut d = with_lesions(2);
        let mut early = check_in("c1", 40, 3);
        early.observations = vec![
            obs("l0", 5, &[Sign::OpenSore]),
            obs("l1", 2, &[Sign::OpenSore]),
        ];
        let mut middle = check_in("c2", 20, 4);
        middle.observations = vec![obs("l0", 6, &[Sign::PusCloudy])];
        let mut latest = check_in("c3", 2, 2);
        latest.observations = vec![obs("l0", 7, &[])];
        for c in [early, middle, latest] {
            d.upsert(c);
        }
        let mut healed = d.lesion("l1").unwrap().clone();
        healed.healed = true;
        healed.healed_at = Some(at("2026-11-10T09:00:00Z"));
        d.upsert_lesion(healed);
        let s = summary(&d, Period::Days(90));
        let row = |id: &str| s.lesions.iter().find(|l| l.lesion == id).unwrap();
        let finger = row("l0");
        assert!(finger.signs.is_empty(), "its latest signs: none");
        assert_eq!(
            (finger.open, finger.discharging, finger.infection_signs),
            (true, false, true),
            "open and infected earlier in the period"
        );
        assert_eq!(finger.flags_last, Some(date("2026-11-05")));
        assert_eq!((finger.healed, finger.healed_on), (false, None));
        let elbow = row("l1");
        assert_eq!(elbow.last_observed, date("2026-10-16"));
        assert_eq!(
            (elbow.healed, elbow.healed_on),
            (true, Some(date("2026-11-10")))
        );
        // Outside the period, nothing is gathered: the last 30 days see the finger only, clean.
        let month = summary(&d, Period::Days(30));
        let finger = month.lesions.iter().find(|l| l.lesion == "l0").unwrap();
        assert_eq!((finger.open, finger.infection_signs), (false, true));
        assert_eq!(finger.flags_last, Some(date("2026-11-05")));
        assert!(month.lesions.iter().all(|l| l.lesion != "l1"));
    }

    #[test]
    fn ninety_daily_check_ins_with_four_lesions() {
        let mut d = with_lesions(4);
        for i in 0..90 {
            let mut c = check_in(&format!("c{i:02}"), 89 - i, (i % 11) as u8);
            c.observations = (0..4)
                .map(|l| obs(&format!("l{l}"), ((i + l) % 11) as u8, &[]))
                .collect();
            if i % 10 == 0 {
                c.side_effects = vec![SideEffect::Headache];
            }
            c.adherence = Some(if i % 7 == 0 {
                Adherence::MissedSome
            } else {
                Adherence::AsPrescribed
            });
            d.upsert(c);
        }
        let s = summary(&d, Period::Days(90));
        assert_eq!((s.check_ins, s.days_with_check_ins), (90, 90));
        assert_eq!(s.trend.bucket_days, 1);
        assert_eq!(s.trend.points.len(), 90);
        assert_eq!(
            s.trend.first_day,
            days_from_civil(2026, 8, 28),
            "the chart spans the period"
        );
        // Pains 0..=10 repeating: 8 full rounds (440) and 0..=1 (1): 441 / 90 = 4.9.
        assert_eq!(
            s.pain,
            Some(PainFigures {
                best: 0,
                worst: 10,
                average: 4.9
            })
        );
        assert_eq!(s.lesions.len(), 4);
        for (l, row) in s.lesions.iter().enumerate() {
            assert_eq!(row.lesion, format!("l{l}"));
            assert_eq!(row.first_noted, date("2026-08-28"));
            assert_eq!(row.last_observed, date("2026-11-25"));
            assert_eq!(row.pain, Some(((89 + l) % 11) as u8));
        }
        assert_eq!(
            s.side_effects,
            [SideEffectCount {
                effect: SideEffect::Headache,
                count: 9,
                // i = 80, nine days before today.
                last: date("2026-11-16")
            }]
        );
        assert_eq!(
            s.medicines,
            Medicines {
                answered: 90,
                missed_some: 13,
                not_taking: 0
            }
        );
        // A shorter period of the same diary.
        let week = summary(&d, Period::Days(7));
        assert_eq!((week.check_ins, week.trend.points.len()), (7, 7));
    }

    #[test]
    fn gaps_stay_gaps() {
        let mut d = Diary::default();
        for (id, days_ago, pain) in [("a", 0, 2), ("b", 3, 4), ("c", 10, 6), ("d", 10, 8)] {
            d.upsert(check_in(id, days_ago, pain));
        }
        let mut later = check_in("e", 10, 5);
        later.at = Instant(later.at.0 + 3_600_000);
        d.upsert(later);
        let s = summary(&d, Period::Days(30));
        assert_eq!((s.check_ins, s.days_with_check_ins), (5, 3));
        assert_eq!(s.trend.points.len(), 3);
        assert_eq!(s.trend.points[0].check_ins, 3);
        assert_eq!(s.trend.points[0].worst_pain, 8);
        // 25 / 5 = 5.0
        assert_eq!(s.pain.unwrap().average, 5.0);
    }

    #[test]
    fn averages_round_half_up_to_one_decimal() {
        let mut d = Diary::default();
        for (i, pain) in [4, 4, 5, 4].into_iter().enumerate() {
            d.upsert(check_in(&format!("c{i}"), i as i64, pain));
        }
        assert_eq!(summary(&d, Period::Days(30)).pain.unwrap().average, 4.3);
        d.upsert(check_in("c9", 9, 0));
        // 17 / 5 = 3.4
        assert_eq!(summary(&d, Period::Days(30)).pain.unwrap().average, 3.4);
    }

    #[test]
    fn since_a_date_includes_that_day() {
        let mut d = Diary::default();
        for days_ago in 0..20 {
            d.upsert(check_in(&format!("c{days_ago:02}"), days_ago, 1));
        }
        let s = summary(&d, Period::Since(date("2026-11-20")));
        assert_eq!((s.from, s.to), (date("2026-11-20"), date("2026-11-25")));
        assert_eq!(s.check_ins, 6);
        assert_eq!(s.trend.points.len(), 6);
        let future = summary(&d, Period::Since(date("2026-12-01")));
        assert_eq!((future.check_ins, future.pain), (0, None));
    }

    #[test]
    fn deleted_check_ins_lesions_and_questions_are_left_out() {
        let mut d = with_lesions(2);
        let mut gone = check_in("gone", 5, 10);
        gone.observations = vec![obs("l0", 10, &[Sign::PusCloudy])];
        gone.side_effects = vec![SideEffect::Dizziness];
        gone.adherence = Some(Adherence::NotTaking);
        d.upsert(gone);
        d.delete("gone", at(NOW));
        let mut kept = check_in("kept", 1, 3);
        kept.observations = vec![obs("l0", 2, &[]), obs("l1", 2, &[])];
        d.upsert(kept);
        // Marked healed, then removed: it has no state now, so it is not printed as healed
        // (nor at all).
        d.lesions[1].healed = true;
        d.lesions[1].healed_at = Some(at("2026-11-24T09:00:00Z"));
        d.lesions[1].deleted = true;
        d.questions = vec![
            QuestionNote {
                id: "q1".into(),
                text: "Should I keep the sore dry?".into(),
                updated: at(NOW),
                deleted: false,
                extra: Extra::NONE,
            },
            QuestionNote {
                id: "q2".into(),
                text: "withdrawn".into(),
                updated: at(NOW),
                deleted: true,
                extra: Extra::NONE,
            },
        ];
        let s = summary(&d, Period::Days(30));
        assert_eq!(s.check_ins, 1);
        assert_eq!(s.pain.unwrap().worst, 3);
        assert!(s.red_flags.is_empty());
        assert!(s.side_effects.is_empty());
        assert_eq!(s.medicines.answered, 0);
        assert_eq!(s.lesions.len(), 1);
        assert_eq!(
            (s.lesions[0].lesion.as_str(), s.lesions[0].healed),
            ("l0", false)
        );
        assert_eq!(
            s.lesions[0].first_noted,
            date("2026-11-24"),
            "not the deleted check-in"
        );
        assert_eq!(s.questions.len(), 1);
        assert_eq!(s.questions[0].id, "q1");
    }

    #[test]
    fn a_lesion_first_noted_before_the_period_keeps_that_date() {
        let mut d = with_lesions(2);
        let mut long_ago = check_in("old", 200, 2);
        long_ago.observations = vec![obs("l1", 1, &[Sign::New])];
        d.upsert(long_ago);
        let mut recent = check_in("new", 2, 2);
        recent.observations = vec![obs("l0", 3, &[]), obs("l1", 4, &[Sign::OpenSore])];
        d.upsert(recent);
        let s = summary(&d, Period::Days(30));
        assert_eq!(
            s.lesions
                .iter()
                .map(|r| (r.lesion.as_str(), r.first_noted))
                .collect::<Vec<_>>(),
            [
                ("l1", date("2026-11-25").plus_days(-200)),
                ("l0", date("2026-11-23"))
            ]
        );
        assert_eq!(s.lesions[0].signs, [Sign::OpenSore]);
        assert!(s.lesions[0].open && !s.lesions[0].discharging);
        // A lesion seen only before the period is not in the table.
        let mut only_old = with_lesions(2);
        let mut c = check_in("old", 200, 2);
        c.observations = vec![obs("l1", 1, &[])];
        only_old.upsert(c);
        assert!(summary(&only_old, Period::Days(30)).lesions.is_empty());
    }

    #[test]
    fn red_flags_list_urgent_check_ins_with_their_urgent_reasons() {
        let mut d = with_lesions(1);
        // Before the period: the lesion hurt little.
        let mut before = check_in("before", 40, 1);
        before.observations = vec![obs("l0", 2, &[])];
        d.upsert(before);
        // Red and warmer with more pain than last time: a same-day call, found by comparing
        // with the check-in before the period.
        let mut worse = check_in("worse", 20, 3);
        worse.observations = vec![obs("l0", 5, &[Sign::RednessWarmth])];
        d.upsert(worse);
        let mut pus = check_in("pus", 10, 6);
        pus.observations = vec![obs("l0", 6, &[Sign::PusCloudy, Sign::OpenSore])];
        d.upsert(pus);
        let mut chest = check_in("chest", 1, 2);
        chest.warnings = vec![Warning::ChestPain];
        chest.side_effects = vec![SideEffect::Headache];
        d.upsert(chest);
        d.upsert(check_in("calm", 0, 1));
        let s = summary(&d, Period::Days(30));
        let flags: Vec<(&str, Level, Vec<Reason>)> = s
            .red_flags
            .iter()
            .map(|f| (f.check_in.as_str(), f.level, f.reasons.clone()))
            .collect();
        assert_eq!(
            flags,
            [
                ("worse", Level::CallToday, vec![Reason::RednessPainWorse]),
                (
                    "pus",
                    Level::CallToday,
                    // l0 is on a thumb and was not open before: a new finger sore too.
                    vec![
                        Reason::PusCloudy,
                        Reason::SoreMorePainful,
                        Reason::NewFingerSore
                    ]
                ),
                ("chest", Level::Emergency, vec![Reason::ChestPain]),
            ]
        );
        assert_eq!(s.red_flags[1].date, date("2026-11-15"));
        // As at its latest observation (the pus), not the calmer check-ins without it.
        assert!(s.lesions[0].infection_signs && s.lesions[0].open);
        assert_eq!(s.lesions[0].last_observed, date("2026-11-15"));
    }

    #[test]
    fn side_effects_other_texts_and_medicines() {
        let mut d = Diary::default();
        for (i, (fx, other, meds)) in [
            (
                vec![SideEffect::Flushing, SideEffect::SwollenAnkles],
                "",
                None,
            ),
            (
                vec![SideEffect::SwollenAnkles, SideEffect::Other],
                " itchy palms ",
                Some(Adherence::MissedSome),
            ),
            (vec![], "   ", Some(Adherence::NotTaking)),
            (
                vec![SideEffect::Other],
                "dry mouth",
                Some(Adherence::AsPrescribed),
            ),
            // Ticked with no words: counted as "Something else".
            (vec![SideEffect::Other], "", None),
        ]
        .into_iter()
        .enumerate()
        {
            let mut c = check_in(&format!("c{i}"), 10 - i as i64, 1);
            c.side_effects = fx;
            c.other_side_effect = other.into();
            c.adherence = meds;
            d.upsert(c);
        }
        let s = summary(&d, Period::Days(30));
        let counts: Vec<(SideEffect, usize, Date)> = s
            .side_effects
            .iter()
            .map(|e| (e.effect, e.count, e.last))
            .collect();
        assert_eq!(
            counts,
            [
                (SideEffect::SwollenAnkles, 2, date("2026-11-16")),
                (SideEffect::Flushing, 1, date("2026-11-15")),
                (SideEffect::Other, 1, date("2026-11-19")),
            ]
        );
        assert_eq!(
            s.other_side_effects,
            [
                (date("2026-11-16"), "itchy palms".to_string()),
                (date("2026-11-18"), "dry mouth".to_string())
            ]
        );
        assert_eq!(
            s.medicines,
            Medicines {
                answered: 3,
                missed_some: 1,
                not_taking: 1
            }
        );
    }

    #[test]
    fn the_local_offset_decides_the_day() {
        let mut d = Diary::default();
        let mut c = check_in("late", 0, 5);
        c.at = at("2026-11-18T23:30:00Z");
        d.upsert(c);
        let utc = summarise(&d, Period::Since(date("2026-11-19")), at(NOW), &0);
        assert_eq!(utc.check_ins, 0);
        let east = summarise(&d, Period::Since(date("2026-11-19")), at(NOW), &60);
        assert_eq!(east.check_ins, 1);
        assert_eq!(east.trend.points.len(), 1);
    }

    /// 00:30 summer time in Lisbon is 23:30 UTC the day before; a summary made in winter (when
    /// Lisbon is at UTC) must still put it on its own summer date, as the history and CSV do.
    #[test]
    fn a_summer_check_in_keeps_its_date_in_a_summary_made_in_winter() {
        use crate::core::test_support::Lisbon;
        let mut d = with_lesions(1);
        let mut c = check_in("just-after-midnight", 0, 6);
        c.at = at("2026-07-14T23:30:00Z");
        c.observations = vec![obs("l0", 7, &[Sign::PusCloudy])];
        c.side_effects = vec![SideEffect::ALL[0]];
        c.other_side_effect = "Dizzy".into();
        d.upsert(c);
        let mut before = check_in("late-evening", 0, 2);
        before.at = at("2026-07-13T22:30:00Z"); // 23:30 on the 13th, summer time
        d.upsert(before);
        let winter = at("2027-01-20T12:00:00Z");
        let july_15 = date("2026-07-15");

        let s = summarise(&d, Period::Since(july_15), winter, &Lisbon);
        assert_eq!(
            s.check_ins, 1,
            "only the 00:30 check-in is on or after 15 July"
        );
        assert_eq!(
            (s.lesions[0].first_noted, s.lesions[0].last_observed),
            (july_15, july_15)
        );
        assert_eq!(s.red_flags.len(), 1);
        assert_eq!(s.red_flags[0].date, july_15);
        assert_eq!(s.side_effects[0].last, july_15);
        assert_eq!(s.other_side_effects, vec![(july_15, "Dizzy".to_string())]);
        assert_eq!(s.trend.points.len(), 1);
        assert_eq!(s.trend.points[0].day, days_from_civil(2026, 7, 15));

        let whole = summarise(&d, Period::Since(date("2026-07-01")), winter, &Lisbon);
        assert_eq!(whole.days_with_check_ins, 2);
        // The history's filter, with the same zone, agrees day for day.
        let history: Vec<&str> = d
            .between(Some(july_15), Some(july_15), &Lisbon)
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(history, ["just-after-midnight"]);
    }

    /// The summary's "infection signs" and triage's "possible infection" (a same-day call with
    /// medicines that weaken the immune system) come from one list, so they agree on every sign.
    #[test]
    fn the_summary_and_triage_agree_on_every_infection_sign() {
        let mut marked = Vec::new();
        for sign in Sign::ALL {
            let mut d = with_lesions(1);
            let mut c = check_in("c", 0, 0);
            c.immune_weakening = true;
            c.observations = vec![obs("l0", 0, &[sign])];
            d.upsert(c.clone());
            let row = &summary(&d, Period::Days(1)).lesions[0];
            // Redness or warmth is named as it is, the others as infection signs.
            assert!(!(row.red && row.infection_signs), "{sign:?}");
            assert_eq!(row.red, sign == Sign::RednessWarmth, "{sign:?}");
            let in_summary = row.red || row.infection_signs;
            let in_triage = triage::assess(&c, None)
                .reasons
                .contains(&Reason::ImmuneWeakeningInfection);
            assert_eq!(in_summary, in_triage, "{sign:?}");
            if in_summary {
                marked.push(sign);
            }
        }
        assert_eq!(
            marked,
            [
                Sign::RednessWarmth,
                Sign::RednessSpreading,
                Sign::PusCloudy,
                Sign::RedStreaks
            ]
        );
    }

    /// A fever with no lump, stiffness, Raynaud's and broken sleep are next-visit signs: the
    /// patient is told to mention them, so the printout they bring shows them.
    #[test]
    fn other_next_visit_signs_are_counted_with_their_last_date() {
        let mut d = Diary::default();
        let mut add = |id: &str, days_ago: i64, edit: &dyn Fn(&mut CheckIn)| {
            let mut c = check_in(id, days_ago, 2);
            edit(&mut c);
            d.upsert(c);
        };
        add("old", 40, &|c| {
            c.fever = true;
            c.daily_effect = Some(10);
        });
        add("a", 20, &|c| {
            c.fever = true;
            c.raynaud = true;
            c.daily_effect = Some(3);
        });
        add("b", 10, &|c| {
            c.fever = true;
            c.sleep = true;
            c.daily_effect = Some(6);
        });
        add("c", 5, &|c| c.daily_effect = Some(0));
        add("gone", 1, &|c| {
            c.stiffness = true;
            c.deleted = true;
        });
        let s = summary(&d, Period::Days(30));
        let noted: Vec<(Noted, usize, Date)> = s
            .also_noted
            .iter()
            .map(|n| (n.what, n.count, n.last))
            .collect();
        assert_eq!(
            noted,
            [
                (Noted::Fever, 2, date("2026-11-15")),
                (Noted::Raynaud, 1, date("2026-11-05")),
                (Noted::Sleep, 1, date("2026-11-15")),
            ]
        );
        assert_eq!(
            s.daily_effect,
            Some(DailyEffect {
                answered: 3,
                worst: 6,
                average: 3.0
            })
        );
        let longer = summary(&d, Period::Days(90));
        assert_eq!(longer.also_noted[0].count, 3);
        assert_eq!(longer.daily_effect.map(|e| e.worst), Some(10));
    }

    /// Found by the clinician review: notes never reach the printout, which did not say they
    /// exist. It counts the period's live check-ins with notes (blank ones not).
    #[test]
    fn check_ins_with_notes_are_counted_in_the_period() {
        let mut d = Diary::default();
        let mut add = |id: &str, days_ago: i64, notes: &str, deleted: bool| {
            let mut c = check_in(id, days_ago, 2);
            c.notes = notes.into();
            c.deleted = deleted;
            d.upsert(c);
        };
        add("old", 40, "before the period", false);
        add("a", 20, "new rash on my arms", false);
        add("b", 10, "  \n ", false);
        add("c", 5, "tired", false);
        add("gone", 1, "deleted", true);
        assert_eq!(summary(&d, Period::Days(30)).with_notes, 2);
        assert_eq!(summary(&d, Period::Days(90)).with_notes, 3);
        assert_eq!(summary(&Diary::default(), Period::Days(30)).with_notes, 0);
    }

    /// "I have a lump or sore now" with a fever, in a diary that knows no lump: the printout
    /// lists it among the warning signs as a fever with a lump or sore (the result the patient
    /// was given), and counts the fever; a fever alone is only counted.
    #[test]
    fn a_fever_with_a_lump_said_to_be_there_now_is_a_warning_sign() {
        let mut d = Diary::default();
        let mut said = check_in("said", 3, 2);
        said.fever = true;
        said.lump_now = true;
        let mut alone = check_in("alone", 1, 2);
        alone.fever = true;
        d.upsert(said);
        d.upsert(alone);
        let s = summary(&d, Period::Days(30));
        let flags: Vec<(&str, Vec<Reason>)> = s
            .red_flags
            .iter()
            .map(|f| (f.check_in.as_str(), f.reasons.clone()))
            .collect();
        assert_eq!(flags, [("said", vec![Reason::FeverWithLesion])]);
        assert_eq!(s.also_noted[0].what, Noted::Fever);
        assert_eq!(s.also_noted[0].count, 2);
    }

    #[test]
    fn warning_signs_group_by_reason_most_urgent_first() {
        let summary = Summary {
            red_flags: vec![
                RedFlag {
                    check_in: "a".into(),
                    date: Date::parse("2026-11-01").unwrap(),
                    level: Level::CallToday,
                    reasons: vec![Reason::PusCloudy],
                },
                RedFlag {
                    check_in: "b".into(),
                    date: Date::parse("2026-11-02").unwrap(),
                    level: Level::Emergency,
                    reasons: vec![Reason::ChestPain, Reason::PusCloudy],
                },
            ],
            ..summarise(&Diary::default(), Period::Days(30), Instant(0), &0)
        };
        let groups = flags_by_reason(&summary);
        assert_eq!(groups.len(), 2);
        assert_eq!(
            (groups[0].reason, groups[0].level, groups[0].dates.len()),
            (Reason::ChestPain, Level::Emergency, 1)
        );
        assert_eq!(
            (groups[1].reason, groups[1].dates.len()),
            (Reason::PusCloudy, 2)
        );
        assert!(flags_by_reason(&summarise(
            &Diary::default(),
            Period::Days(30),
            Instant(0),
            &0
        ))
        .is_empty());
    }

    #[test]
    fn other_side_effects_are_counted_once_per_wording() {
        let d = |s: &str| Date::parse(s).unwrap();
        let summary = Summary {
            other_side_effects: vec![
                (d("2026-11-01"), "Itchy skin".into()),
                (d("2026-11-03"), " itchy skin ".into()),
                (d("2026-11-02"), "Tired".into()),
                // Portuguese, typed in capitals once: the same wording.
                (d("2026-11-04"), "Comichão na pele".into()),
                (d("2026-11-05"), "COMICHÃO NA PELE".into()),
            ],
            ..summarise(&Diary::default(), Period::Days(30), Instant(0), &0)
        };
        let groups = other_effects_grouped(&summary);
        let seen: Vec<(&str, usize, Date)> = groups
            .iter()
            .map(|g| (g.text.as_str(), g.count, g.last))
            .collect();
        assert_eq!(
            seen,
            [
                ("Comichão na pele", 2, d("2026-11-05")),
                ("Itchy skin", 2, d("2026-11-03")),
                ("Tired", 1, d("2026-11-02")),
            ]
        );
    }

    #[test]
    fn each_lesion_shows_its_change_from_first_to_latest_within_the_period() {
        let mut d = with_lesions(2);
        let seen = |id: &str, days_ago: i64, pain: u8, size: Size, lesion: &str| {
            let mut c = check_in(id, days_ago, 3);
            c.observations = vec![Observation {
                lesion: lesion.into(),
                pain: Some(pain),
                size: Some(size),
                signs: vec![],
                extra: Extra::NONE,
            }];
            c
        };
        // Before the 30 days: not part of the change shown.
        d.upsert(seen("old", 60, 9, Size::Walnut, "l0"));
        d.upsert(seen("a", 20, 6, Size::Pea, "l0"));
        d.upsert(seen("b", 10, 5, Size::Pea, "l0"));
        d.upsert(seen("c", 2, 3, Size::RiceGrain, "l0"));
        d.upsert(seen("once", 5, 4, Size::Grape, "l1"));
        d.lesions[1].healed = true;
        let s = summary(&d, Period::Days(30));
        let row = &s.lesions[0];
        assert_eq!(row.lesion, "l0");
        assert_eq!((row.first_pain, row.pain), (Some(6), Some(3)));
        assert_eq!(
            (row.first_size, row.size),
            (Some(Size::Pea), Some(Size::RiceGrain))
        );
        assert_eq!((row.observations, row.healed), (3, false));
        let once = &s.lesions[1];
        assert_eq!((once.observations, once.healed), (1, true));
        assert_eq!(
            (once.first_pain, once.first_size),
            (Some(4), Some(Size::Grape))
        );
        assert_eq!((row.pain_scores, once.pain_scores), (3, 1));
        // Noted since without a score (a lump passed over in the quick form): the scores given
        // are still the first and the latest, not a blank; the size is the latest given.
        let mut unscored = seen("d", 1, 0, Size::RiceGrain, "l0");
        unscored.observations[0].pain = None;
        unscored.observations[0].size = None;
        d.upsert(unscored);
        let mut unscored_first = seen("e", 25, 0, Size::Pea, "l0");
        unscored_first.observations[0].pain = None;
        d.upsert(unscored_first);
        let row = summary(&d, Period::Days(30)).lesions[0].clone();
        assert_eq!(
            (row.first_pain, row.pain, row.pain_scores, row.observations),
            (Some(6), Some(3), 3, 5)
        );
        assert_eq!(
            (row.first_size, row.size),
            (Some(Size::Pea), Some(Size::RiceGrain)),
            "the latest size given, not \"Not sure\""
        );
        // Over all 90 days the first is the walnut.
        let s = summary(&d, Period::Days(90));
        assert_eq!(
            (s.lesions[0].first_size, s.lesions[0].observations),
            (Some(Size::Walnut), 6)
        );
    }

    /// Before, five dates printed as "8 Sep, …, 10 Sep, 11 Sep, 12 Sep": the "…" hid one date,
    /// and 3,650 dates gave no idea how many it hid.
    #[test]
    fn a_long_list_of_dates_keeps_the_first_and_the_latest_and_says_how_many_between() {
        let five = [1, 2, 3, 4, 5];
        assert_eq!(
            elide(&five, 4),
            (&five[..], 0, &[][..]),
            "one hidden: shown instead"
        );
        assert_eq!(elide(&five[..4], 4), (&five[..4], 0, &[][..]));
        let many: Vec<u32> = (1..=3650).collect();
        let (first, hidden, latest) = elide(&many, 4);
        assert_eq!(
            (first, hidden, latest),
            (&[1][..], 3646, &[3648, 3649, 3650][..])
        );
        assert_eq!(first.len() + hidden + latest.len(), many.len());
        assert_eq!(elide(&[7, 8], 4), (&[7, 8][..], 0, &[][..]));
    }

    /// The printout said only what earlier check-ins called for: after warning signs three
    /// months ago and three calm check-ins since, "Call your clinic today" was the only advice on
    /// the page. It now also gives the newest check-in's result.
    #[test]
    fn the_summary_gives_the_newest_check_ins_result() {
        use crate::core::diary::Warning;
        let mut d = Diary::default();
        let mut old = CheckIn {
            id: "old".into(),
            at: at("2026-11-01T10:00:00Z"),
            updated: at("2026-11-01T10:00:00Z"),
            ..Default::default()
        };
        old.warnings.push(Warning::ChestPain);
        d.upsert(old);
        d.upsert(CheckIn {
            id: "new".into(),
            at: at("2026-11-20T10:00:00Z"),
            updated: at("2026-11-20T10:00:00Z"),
            pain: 1,
            ..Default::default()
        });
        let s = summarise(&d, Period::Days(90), at("2026-11-25T12:00:00Z"), &0);
        assert_eq!(s.red_flags.len(), 1);
        assert_eq!(s.latest, Some((date("2026-11-20"), Level::NextVisit)));
        let empty = summarise(
            &Diary::default(),
            Period::Days(90),
            at("2026-11-25T12:00:00Z"),
            &0,
        );
        assert_eq!(empty.latest, None);
        // Found by review: a check-in dated after today (a clock that ran ahead) is the newest.
        let mut ahead = CheckIn {
            id: "ahead".into(),
            at: at("2026-11-27T10:00:00Z"),
            updated: at("2026-11-20T10:00:00Z"),
            ..Default::default()
        };
        ahead.warnings.push(Warning::ChestPain);
        d.upsert(ahead);
        let s = summarise(&d, Period::Days(90), at("2026-11-25T12:00:00Z"), &0);
        assert_eq!(s.latest, Some((date("2026-11-27"), Level::Emergency)));
    }

    /// Found by an audit of the printout: "Since today", with no check-in yet today, printed
    /// "No check-ins in this time. The last one was on 24 Nov 2026." and nothing of that
    /// check-in's emergency. The newest check-in's advice is said whatever the period.
    #[test]
    fn an_empty_period_still_gives_the_newest_check_ins_advice() {
        use crate::core::diary::Warning;
        let mut d = Diary::default();
        let mut yesterday = CheckIn {
            id: "y".into(),
            at: at("2026-11-24T10:00:00Z"),
            updated: at("2026-11-24T10:00:00Z"),
            ..Default::default()
        };
        yesterday.warnings.push(Warning::ChestPain);
        d.upsert(yesterday);
        let now = at("2026-11-25T12:00:00Z");
        let s = summarise(&d, Period::Since(date("2026-11-25")), now, &0);
        assert_eq!((s.check_ins, s.red_flags.len()), (0, 0));
        assert_eq!(s.latest, Some((date("2026-11-24"), Level::Emergency)));
        assert_eq!(s.last_check_in, Some(date("2026-11-24")));
    }

    /// Found by the audit of files (stop 55): a calm check-in dated a month after today (restored
    /// from a phone whose clock ran ahead) headed the printout, "Latest check-in, 5 Jan 2027:
    /// Tell your care team at your next visit", over the emergency saved today. The most urgent
    /// of those that may be the newest is said; among equals, the one dated later.
    #[test]
    fn a_calmer_check_in_dated_after_today_never_heads_over_a_more_urgent_one() {
        let now = at("2026-11-25T12:00:00Z");
        let saved = |id: &str, when: &str, chest_pain: bool| {
            let mut c = CheckIn {
                id: id.into(),
                at: at(when),
                updated: at("2026-11-25T09:00:00Z"),
                ..Default::default()
            };
            if chest_pain {
                c.warnings.push(Warning::ChestPain);
            }
            c
        };
        let mut d = Diary::default();
        d.upsert(saved("ahead", "2026-12-25T10:00:00Z", false));
        d.upsert(saved("later ahead", "2027-01-05T10:00:00Z", false));
        d.upsert(saved("today", "2026-11-25T11:00:00Z", true));
        let s = summarise(&d, Period::Days(30), now, &0);
        assert_eq!(s.dated_ahead, 2);
        assert_eq!(s.latest, Some((date("2026-11-25"), Level::Emergency)));
        // As calm as those ahead: the one dated latest heads, as before.
        let mut calm = Diary::default();
        calm.upsert(saved("ahead", "2026-12-25T10:00:00Z", false));
        calm.upsert(saved("later ahead", "2027-01-05T10:00:00Z", false));
        calm.upsert(saved("today", "2026-11-25T11:00:00Z", false));
        let s = summarise(&calm, Period::Days(30), now, &0);
        assert_eq!(s.latest.map(|(d, _)| d), Some(date("2027-01-05")));
        // An urgent one among those ahead, not the newest: it heads, with its own date.
        let mut middle = calm.clone();
        middle.upsert(saved("ahead", "2026-12-25T10:00:00Z", true));
        let s = summarise(&middle, Period::Days(30), now, &0);
        assert_eq!(s.latest, Some((date("2026-12-25"), Level::Emergency)));
    }
}
