//! The history list: what each past check-in shows without being opened (which lesion, its pain,
//! size and signs, the warning signs and side effects, the result level, a shortened note), and
//! the filters (dates, one lesion, "with warning signs"). The view only puts these into words.

use super::content::{Content, DiaryUi};
use super::date::Date;
use super::diary::{Adherence, CheckIn, Diary, Lesion, SideEffect, Sign, Size};
use super::flags::Flags;
use super::limits::clip;
use super::sites::Site;
use super::time::{Instant, Zone};
use super::triage::{as_given, Known, Level};
use std::borrow::Cow;

/// A note longer than this many characters is shown shortened, with a button to show it all.
pub const NOTE_PREVIEW: usize = 120;

/// What the history is narrowed to. The default shows every check-in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoryFilter {
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Only check-ins that recorded this lesion (by id).
    pub lesion: Option<String>,
    /// Only check-ins with warning signs (see `has_warning_signs`).
    pub warning_signs: bool,
}

impl HistoryFilter {
    pub fn is_active(&self) -> bool {
        self.from.is_some() || self.to.is_some() || self.lesion.is_some() || self.warning_signs
    }
}

/// How a lesion is called in the history, as the summary calls it: the patient's own name with
/// the body site, or the site alone. A lesion the diary no longer has at all has neither.
#[derive(Clone, Debug, PartialEq)]
pub struct LesionLabel {
    /// The patient's name for it, trimmed; `None` when they gave none.
    pub name: Option<String>,
    pub site: Option<Site>,
    /// Marked healed or no longer followed (still named in old check-ins).
    pub healed: bool,
}

/// The label of lesion `id`: deleted lesions keep their name and site (their tombstone has them),
/// healed ones are marked so.
pub fn lesion_label(diary: &Diary, id: &str) -> LesionLabel {
    match diary.lesion(id) {
        Some(l) => label_of(l),
        None => LesionLabel {
            name: None,
            site: None,
            healed: false,
        },
    }
}

/// The label of `lesion` as it is (one not in a diary yet: a lump added in a form).
pub fn label_of(l: &Lesion) -> LesionLabel {
    LesionLabel {
        name: Some(l.name.trim())
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        site: Some(l.site),
        // A lump removed from the list has no state now (as in the exports).
        healed: l.healed_now(),
    }
}

impl LesionLabel {
    /// In words, as the summary writes it: "finger lump (Right index finger)", or the site alone,
    /// with "(healed)" after a healed one.
    pub fn words(&self, c: &Content) -> String {
        let t = &c.diary;
        let named = match (&self.name, self.site) {
            (Some(name), Some(site)) => format!("{name} ({})", c.site_label(site)),
            (Some(name), None) => name.clone(),
            (None, Some(site)) => c.site_label(site).to_string(),
            (None, None) => t.history_lesion_gone().clone(),
        };
        if self.healed {
            t.history_healed().replace("{name}", &named)
        } else {
            named
        }
    }
}

/// The short words for a result level in the history ("Call your clinic today").
pub fn level_words(t: &DiaryUi, level: Level) -> &str {
    match level {
        Level::None => t.history_level_none(),
        Level::NextVisit => t.history_level_next_visit(),
        Level::CallToday => t.history_level_call_today(),
        Level::GetHelpNow => t.history_level_get_help_now(),
        Level::Emergency => t.history_level_emergency(),
    }
}

/// The side effects noted, in words: the patient's own words for "something else" when given.
pub fn side_effect_words(t: &DiaryUi, check_in: &CheckIn) -> Vec<String> {
    check_in
        .side_effects
        .iter()
        .map(|s| match (s, check_in.other_side_effect.trim()) {
            (SideEffect::Other, other) if !other.is_empty() => clip(other, 80).into_owned(),
            (s, _) => t.side_effects.get(s).cloned().unwrap_or_default(),
        })
        .collect()
}

/// The rest of what a check-in says, in words, in the form's order: a fever, a lump said to be
/// there now, Raynaud's, stiffness, broken sleep, daily tasks, defence-weakening medicines and
/// doses missed. (The history showed none of it: a fever logged could not be seen again.)
pub fn also_noted_words(c: &Content, check_in: &CheckIn) -> Vec<String> {
    let (t, s) = (&c.diary, &c.summary);
    let said = [
        (check_in.fever, s.noted_fever()),
        (check_in.lump_now, t.history_lump_now()),
        (check_in.raynaud, s.noted_raynaud()),
        (check_in.stiffness, s.noted_stiffness()),
        (check_in.sleep, s.noted_sleep()),
    ];
    let mut words: Vec<String> = said
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| w.clone())
        .collect();
    if let Some(n) = check_in.daily_effect {
        words.push(t.history_daily().replace("{n}", &n.to_string()));
    }
    if check_in.immune_weakening {
        words.push(t.history_immune().clone());
    }
    match check_in.adherence {
        Some(Adherence::MissedSome) => words.push(t.history_missed().clone()),
        Some(Adherence::NotTaking) => words.push(t.history_not_taking().clone()),
        Some(Adherence::AsPrescribed) | None => {}
    }
    words
}

/// How one lesion was at a check-in, ready to be put into words.
#[derive(Clone, Debug, PartialEq)]
pub struct LesionFacts {
    pub lesion: String,
    pub label: LesionLabel,
    pub pain: Option<u8>,
    pub size: Option<Size>,
    /// In the form's order.
    pub signs: Vec<Sign>,
}

/// One history entry: the check-in and what is shown of it without opening it.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryFacts<'a> {
    pub check_in: &'a CheckIn,
    pub lesions: Vec<LesionFacts>,
    /// The result the check-in had, against the check-in before it.
    pub level: Level,
    /// The note cut to `NOTE_PREVIEW` characters, when it is longer; `None` when it is shown whole.
    pub note_preview: Option<String>,
}

/// A check-in that passed the filter, with the live check-in before it (what triage compares to).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match<'a> {
    pub check_in: &'a CheckIn,
    pub previous: Option<&'a CheckIn>,
}

impl<'a> Match<'a> {
    /// What the entry shows; the triage runs here, so only for the entries on screen. `known`
    /// is `Known::of(diary)`.
    pub fn facts(&self, diary: &Diary, known: &Known) -> EntryFacts<'a> {
        let c = self.check_in;
        let lesions = c
            .observations
            .iter()
            .map(|o| {
                // In the order of `Sign::ALL`, each once.
                let signs: Vec<Sign> = o
                    .signs
                    .iter()
                    .copied()
                    .collect::<Flags<Sign>>()
                    .iter()
                    .copied()
                    .collect();
                LesionFacts {
                    lesion: o.lesion.clone(),
                    label: lesion_label(diary, &o.lesion),
                    pain: o.pain,
                    size: o.size,
                    signs,
                }
            })
            .collect();
        let note_preview = match clip(c.notes.trim(), NOTE_PREVIEW) {
            Cow::Owned(cut) => Some(cut),
            Cow::Borrowed(_) => None,
        };
        EntryFacts {
            check_in: c,
            lesions,
            level: as_given(c, self.previous, known).level,
            note_preview,
        }
    }
}

/// "With warning signs": the patient ticked a warning sign, or marked a lesion with a sign that
/// can mean infection, or the check-in's result was to call (the clinic today, now, or an
/// emergency number). A result of "mention it at your next visit" alone does not count.
pub fn has_warning_signs(check_in: &CheckIn, previous: Option<&CheckIn>, known: &Known) -> bool {
    !check_in.warnings.is_empty()
        || check_in.observations.iter().any(|o| o.infection_signs())
        || as_given(check_in, previous, known).level >= Level::CallToday
}

/// How long after a check-in its result's advice, with the numbers to call, is offered again
/// in the history even when the day has changed since: an emergency noted at 23:50 is still
/// one at 00:05.
pub const ADVICE_OFFERED_MS: i64 = 12 * 3_600_000;

/// Whether the history offers "What to do" again for a check-in of this `level` made `at`:
/// a result that asked for a call, from today or from the last `ADVICE_OFFERED_MS`. Older
/// entries do not (their "today" is not today; the guide's Symptoms step has the numbers).
pub fn offers_advice(level: Level, at: Instant, now: Instant, zone: &dyn Zone) -> bool {
    let recent = (0..ADVICE_OFFERED_MS).contains(&(now.0 - at.0));
    level >= Level::CallToday && (recent || at.local_in(zone).date == now.local_in(zone).date)
}

/// The live check-ins the filter lets through, newest first, each with the check-in before it
/// (as `Diary::previous` finds it, in one pass). Dates are local dates in `zone`, both ends kept.
/// `known` is `Known::of(diary)`, read only for the warning-signs filter.
pub fn matching<'a>(
    diary: &'a Diary,
    known: &Known,
    filter: &HistoryFilter,
    zone: &dyn Zone,
) -> Vec<Match<'a>> {
    let all: Vec<&CheckIn> = diary.entries().collect();
    let known = filter.warning_signs.then_some(known);
    let dated = filter.from.is_some() || filter.to.is_some();
    all.iter()
        .enumerate()
        .filter_map(|(i, &c)| {
            if dated {
                // Only with a range: each local date asks the browser for its offset.
                let day = c.at.local_in(zone).date;
                if filter.from.is_some_and(|f| day < f) || filter.to.is_some_and(|t| day > t) {
                    return None;
                }
            }
            if let Some(id) = &filter.lesion {
                c.observation(id)?;
            }
            // In the diary's order (time, then id), so the one before is the next one.
            let previous = all.get(i + 1).copied();
            if let Some(known) = &known {
                if !has_warning_signs(c, previous, known) {
                    return None;
                }
            }
            Some(Match {
                check_in: c,
                previous,
            })
        })
        .collect()
}

/// The lesions the lesion filter offers: every live lesion, healed ones too, then any other lesion
/// a live check-in recorded (one deleted since), each once, in the diary's order.
pub fn lesion_choices(diary: &Diary) -> Vec<(String, LesionLabel)> {
    // A diary has a handful of lesions and thousands of observations: a short list searched
    // in a line beats hashing every observation's id.
    let mut ids: Vec<&str> = Vec::new();
    for l in diary.live_lesions() {
        if !ids.contains(&l.id.as_str()) {
            ids.push(&l.id);
        }
    }
    let live = ids.len();
    for c in diary.entries() {
        for o in &c.observations {
            if !ids.contains(&o.lesion.as_str()) {
                ids.push(&o.lesion);
            }
        }
    }
    // Deleted lesions after the live ones, by id (the shared sort: a sort of its own here
    // would add its own copy of the sorting code).
    let mut gone = ids.split_off(live);
    super::order::sort_by(&mut gone, |a, b| a.cmp(b));
    ids.extend(gone);
    ids.into_iter()
        .map(|id| (id.to_string(), lesion_label(diary, id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{Lesion, Observation, SideEffect, Warning};
    use crate::core::json::Extra;
    use crate::core::test_support::{at, Lisbon};
    use crate::core::triage::assess;
    use std::collections::HashSet;

    /// An emergency noted at 23:50 still offers its advice at 00:05; a same-day call from the
    /// morning too, that evening; one from two days ago, or a next-visit result, does not.
    #[test]
    fn the_advice_is_offered_again_the_same_day_or_within_hours() {
        let noted = at("2026-11-24T23:50:00Z");
        let offered = |level, now: &str| offers_advice(level, noted, at(now), &Lisbon);
        assert!(offered(Level::Emergency, "2026-11-24T23:55:00Z"));
        assert!(
            offered(Level::Emergency, "2026-11-25T00:05:00Z"),
            "past midnight"
        );
        assert!(offered(Level::CallToday, "2026-11-25T11:45:00Z"));
        assert!(
            !offered(Level::CallToday, "2026-11-25T11:55:00Z"),
            "12 hours on, another day"
        );
        assert!(!offered(Level::Emergency, "2026-11-26T09:00:00Z"));
        assert!(!offered(Level::NextVisit, "2026-11-24T23:55:00Z"));
        let morning = at("2026-11-24T08:00:00Z");
        assert!(
            offers_advice(
                Level::GetHelpNow,
                morning,
                at("2026-11-24T22:30:00Z"),
                &Lisbon
            ),
            "the same day"
        );
    }

    fn lesion(id: &str, site: &str, name: &str) -> Lesion {
        Lesion {
            healed_at: None,
            healed_earlier: Vec::new(),
            since: None,
            id: id.into(),
            site: Site::parse(site).unwrap(),
            name: name.into(),
            updated: at("2026-01-01T00:00:00Z"),
            deleted: false,
            healed: false,
            extra: Extra::NONE,
        }
    }

    fn obs(id: &str, pain: Option<u8>, size: Option<Size>, signs: &[Sign]) -> Observation {
        Observation {
            lesion: id.into(),
            pain,
            size,
            signs: signs.to_vec(),
            extra: Extra::NONE,
        }
    }

    fn check_in(id: &str, when: &str, pain: u8, observations: Vec<Observation>) -> CheckIn {
        CheckIn {
            id: id.into(),
            at: at(when),
            updated: at(when),
            pain,
            observations,
            ..Default::default()
        }
    }

    /// Four check-ins over four days, two lesions (the second healed since), newest last here.
    fn diary() -> Diary {
        let mut healed = lesion("l2", "left-elbow", "");
        healed.healed = true;
        let mut d = Diary {
            lesions: vec![lesion("l1", "right-index-finger", "  finger lump "), healed],
            ..Default::default()
        };
        d.upsert(check_in(
            "c1",
            "2026-03-01T10:00:00Z",
            3,
            vec![
                obs("l1", Some(3), Some(Size::Pea), &[]),
                obs("l2", Some(2), Some(Size::RiceGrain), &[Sign::Growing]),
            ],
        ));
        d.upsert(check_in(
            "c2",
            "2026-03-02T10:00:00Z",
            4,
            vec![obs(
                "l1",
                Some(5),
                Some(Size::Mm(12)),
                &[Sign::RedStreaks, Sign::OpenSore],
            )],
        ));
        let mut c3 = check_in("c3", "2026-03-03T10:00:00Z", 2, vec![]);
        c3.warnings = vec![Warning::ChestPain];
        c3.side_effects = vec![SideEffect::Headache];
        d.upsert(c3);
        d.upsert(check_in(
            "c4",
            "2026-03-04T10:00:00Z",
            2,
            vec![obs("l1", Some(2), None, &[])],
        ));
        d
    }

    fn ids(ms: &[Match]) -> Vec<String> {
        ms.iter().map(|m| m.check_in.id.clone()).collect()
    }

    fn filtered(d: &Diary, f: HistoryFilter) -> Vec<String> {
        ids(&matching(d, &Known::of(d), &f, &Lisbon))
    }

    fn day(s: &str) -> Option<Date> {
        Date::parse(s)
    }

    #[test]
    fn labels_and_levels_in_words_in_both_languages() {
        use crate::core::content::test_content;
        use crate::core::lang::Lang;
        let d = diary();
        let en = test_content(Lang::En).unwrap();
        let pt = test_content(Lang::PtPt).unwrap();
        assert_eq!(
            lesion_label(&d, "l1").words(en),
            format!(
                "finger lump ({})",
                en.site_label(Site::parse("right-index-finger").unwrap())
            )
        );
        let healed = lesion_label(&d, "l2");
        for c in [en, pt] {
            let site = c.site_label(Site::parse("left-elbow").unwrap());
            assert_ne!(site, "?");
            assert_eq!(
                healed.words(c),
                c.diary.history_healed().replace("{name}", site)
            );
            assert_eq!(
                lesion_label(&d, "zz").words(c),
                *c.diary.history_lesion_gone()
            );
            let levels: HashSet<&str> = Level::ALL
                .iter()
                .map(|&l| level_words(&c.diary, l))
                .collect();
            assert_eq!(
                levels.len(),
                Level::ALL.len(),
                "each level has its own words"
            );
            assert!(levels.iter().all(|w| !w.trim().is_empty()));
        }
        assert_ne!(en.diary.history_healed(), pt.diary.history_healed());
    }

    #[test]
    fn a_lump_removed_after_it_was_marked_healed_is_not_called_healed() {
        let mut d = diary();
        assert!(lesion_label(&d, "l2").healed);
        let l2 = d.lesions.iter_mut().find(|l| l.id == "l2").unwrap();
        l2.deleted = true;
        let label = lesion_label(&d, "l2");
        assert!(!label.healed);
        assert_eq!(label.site, Some(Site::parse("left-elbow").unwrap()));
    }

    #[test]
    fn side_effects_in_words_use_the_patients_own_for_something_else() {
        use crate::core::content::test_content;
        use crate::core::lang::Lang;
        let t = &test_content(Lang::En).unwrap().diary;
        let mut c = CheckIn {
            side_effects: vec![SideEffect::Headache, SideEffect::Other],
            ..Default::default()
        };
        assert_eq!(
            side_effect_words(t, &c),
            [
                t.side_effects[&SideEffect::Headache].clone(),
                t.side_effects[&SideEffect::Other].clone()
            ]
        );
        c.other_side_effect = "  itchy feet ".into();
        assert_eq!(side_effect_words(t, &c)[1], "itchy feet");
    }

    /// Found in review: the history showed no fever, stiffness, broken sleep, daily tasks,
    /// medicines or doses missed; a fever logged could not be seen again.
    #[test]
    fn the_rest_of_a_check_in_is_put_into_words_in_the_forms_order() {
        use crate::core::content::test_content;
        use crate::core::lang::Lang;
        let c = test_content(Lang::En).unwrap();
        assert_eq!(
            also_noted_words(c, &CheckIn::default()),
            Vec::<String>::new()
        );
        let all = CheckIn {
            fever: true,
            lump_now: true,
            raynaud: true,
            stiffness: true,
            sleep: true,
            daily_effect: Some(0),
            immune_weakening: true,
            adherence: Some(Adherence::NotTaking),
            ..Default::default()
        };
        assert_eq!(
            also_noted_words(c, &all),
            [
                c.summary.noted_fever().clone(),
                c.diary.history_lump_now().clone(),
                c.summary.noted_raynaud().clone(),
                c.summary.noted_stiffness().clone(),
                c.summary.noted_sleep().clone(),
                c.diary.history_daily().replace("{n}", "0"),
                c.diary.history_immune().clone(),
                c.diary.history_not_taking().clone(),
            ]
        );
        let missed = CheckIn {
            adherence: Some(Adherence::MissedSome),
            ..Default::default()
        };
        assert_eq!(
            also_noted_words(c, &missed),
            [c.diary.history_missed().clone()]
        );
        let as_told = CheckIn {
            adherence: Some(Adherence::AsPrescribed),
            ..Default::default()
        };
        assert!(also_noted_words(c, &as_told).is_empty());
    }

    #[test]
    fn no_filter_shows_every_live_check_in_newest_first() {
        let mut d = diary();
        let c2 = d.check_ins.iter_mut().find(|c| c.id == "c2").unwrap();
        std::rc::Rc::make_mut(c2).deleted = true;
        assert!(!HistoryFilter::default().is_active());
        assert_eq!(filtered(&d, HistoryFilter::default()), ["c4", "c3", "c1"]);
    }

    #[test]
    fn each_match_carries_the_check_in_before_it_as_the_diary_finds_it() {
        let mut d = diary();
        // Two at the same instant: in the diary's order, by id (the one made later is later),
        // so the later one is compared with the other, not with the one before both.
        d.upsert(check_in("c4b", "2026-03-04T10:00:00Z", 9, vec![]));
        let all = matching(&d, &Known::of(&d), &HistoryFilter::default(), &Lisbon);
        assert_eq!(all.len(), 5);
        assert_eq!(
            (
                all[0].check_in.id.as_str(),
                all[0].previous.map(|p| p.id.as_str())
            ),
            ("c4b", Some("c4"))
        );
        for m in &all {
            let expected = d.previous(m.check_in.at, &m.check_in.id);
            assert_eq!(
                m.previous.map(|p| &p.id),
                expected.map(|p| &p.id),
                "{}",
                m.check_in.id
            );
        }
        assert_eq!(all.last().unwrap().previous, None);
        // And the filter does not change which one is before.
        let only_l1 = HistoryFilter {
            lesion: Some("l1".into()),
            ..Default::default()
        };
        let m = matching(&d, &Known::of(&d), &only_l1, &Lisbon);
        assert_eq!(ids(&m), ["c4", "c2", "c1"]);
        assert_eq!(m[0].previous.unwrap().id, "c3");
    }

    #[test]
    fn facts_name_each_lesion_with_its_pain_size_and_signs() {
        let d = diary();
        let all = matching(&d, &Known::of(&d), &HistoryFilter::default(), &Lisbon);
        let c2 = all
            .iter()
            .find(|m| m.check_in.id == "c2")
            .unwrap()
            .facts(&d, &Known::of(&d));
        assert_eq!(c2.lesions.len(), 1);
        let l = &c2.lesions[0];
        assert_eq!(l.label.name.as_deref(), Some("finger lump"));
        assert_eq!(l.label.site, Site::parse("right-index-finger"));
        assert!(!l.label.healed);
        assert_eq!((l.pain, l.size), (Some(5), Some(Size::Mm(12))));
        // In the form's order, not the order they were ticked.
        assert_eq!(l.signs, [Sign::OpenSore, Sign::RedStreaks]);
        // Red streaks: the result is at least a call today.
        assert!(c2.level >= Level::CallToday);
        assert_eq!(c2.level, assess(c2.check_in, d.check_in("c1")).level);
    }

    #[test]
    fn a_healed_lesion_is_still_named_in_old_check_ins() {
        let d = diary();
        let all = matching(&d, &Known::of(&d), &HistoryFilter::default(), &Lisbon);
        let c1 = all.last().unwrap().facts(&d, &Known::of(&d));
        assert_eq!(c1.check_in.id, "c1");
        let healed = &c1.lesions[1];
        assert_eq!(healed.lesion, "l2");
        assert_eq!(
            healed.label.name, None,
            "no name of its own: the site names it"
        );
        assert_eq!(healed.label.site, Site::parse("left-elbow"));
        assert!(healed.label.healed);
        assert_eq!(healed.size, Some(Size::RiceGrain));
        assert_eq!(healed.signs, [Sign::Growing]);
    }

    #[test]
    fn a_deleted_lesion_keeps_its_site_and_an_unknown_one_has_none() {
        let mut d = diary();
        d.lesions[0].deleted = true;
        let label = lesion_label(&d, "l1");
        assert_eq!(label.name.as_deref(), Some("finger lump"));
        assert_eq!(label.site, Site::parse("right-index-finger"));
        d.lesions.remove(0);
        let facts = matching(&d, &Known::of(&d), &HistoryFilter::default(), &Lisbon)[0]
            .facts(&d, &Known::of(&d));
        assert_eq!(facts.lesions[0].lesion, "l1");
        assert_eq!(
            facts.lesions[0].label,
            LesionLabel {
                name: None,
                site: None,
                healed: false
            }
        );
        assert_eq!(facts.lesions[0].pain, Some(2));
    }

    #[test]
    fn a_check_in_without_lesions_has_its_warnings_side_effects_and_result() {
        let d = diary();
        let c3 = matching(&d, &Known::of(&d), &HistoryFilter::default(), &Lisbon)[1]
            .facts(&d, &Known::of(&d));
        assert_eq!(c3.check_in.id, "c3");
        assert!(c3.lesions.is_empty());
        assert_eq!(c3.check_in.warnings, [Warning::ChestPain]);
        assert_eq!(c3.check_in.side_effects, [SideEffect::Headache]);
        assert_eq!(c3.level, Level::Emergency);
        assert_eq!(c3.note_preview, None);
    }

    #[test]
    fn long_notes_get_a_preview_and_short_ones_none() {
        let mut d = diary();
        let long = "word ".repeat(60);
        std::rc::Rc::make_mut(&mut d.check_ins[0]).notes = long.clone();
        std::rc::Rc::make_mut(&mut d.check_ins[1]).notes = "x".repeat(NOTE_PREVIEW);
        let all = matching(&d, &Known::of(&d), &HistoryFilter::default(), &Lisbon);
        let preview = all[0].facts(&d, &Known::of(&d)).note_preview.unwrap();
        assert!(preview.ends_with('\u{2026}'));
        assert!(preview.chars().count() <= NOTE_PREVIEW);
        assert!(long.starts_with(preview.trim_end_matches('\u{2026}')));
        assert_eq!(
            all[1].facts(&d, &Known::of(&d)).note_preview,
            None,
            "exactly the limit: whole"
        );
    }

    #[test]
    fn the_lesion_filter_keeps_check_ins_that_recorded_it() {
        let d = diary();
        let only = |id: &str| HistoryFilter {
            lesion: Some(id.into()),
            ..Default::default()
        };
        assert!(only("l2").is_active());
        assert_eq!(filtered(&d, only("l1")), ["c4", "c2", "c1"]);
        assert_eq!(filtered(&d, only("l2")), ["c1"], "the healed one too");
        assert!(filtered(&d, only("nope")).is_empty());
    }

    #[test]
    fn with_warning_signs_means_a_warning_an_infection_sign_or_a_call() {
        let d = diary();
        let warn = HistoryFilter {
            warning_signs: true,
            ..Default::default()
        };
        // c3: a warning ticked; c2: red streaks (infection); c1 and c4 neither.
        assert_eq!(filtered(&d, warn.clone()), ["c3", "c2"]);

        // A call-today result without a ticked warning or infection sign counts too.
        let mut dark = diary();
        std::rc::Rc::make_mut(&mut dark.check_ins[0]).observations[0].signs = vec![Sign::SkinDark];
        let c4 = dark.check_ins[0].clone();
        assert!(assess(&c4, dark.previous(c4.at, &c4.id)).level >= Level::CallToday);
        assert!(c4.warnings.is_empty() && !c4.observations[0].infection_signs());
        assert_eq!(filtered(&dark, warn.clone()), ["c4", "c3", "c2"]);

        // A "next visit" result alone does not: a rise in pain of 2 or more (2 to 4).
        let mut rise = diary();
        std::rc::Rc::make_mut(&mut rise.check_ins[0]).pain = 4;
        let c4 = &rise.check_ins[0];
        assert_eq!(
            assess(c4, rise.previous(c4.at, &c4.id)).level,
            Level::NextVisit
        );
        assert_eq!(filtered(&rise, warn.clone()), ["c3", "c2"]);

        // Very bad pain scored (9 of 10), no box ticked, is a same-day call, so it counts.
        let mut severe = diary();
        std::rc::Rc::make_mut(&mut severe.check_ins[0]).pain = 9;
        let c4 = &severe.check_ins[0];
        assert!(c4.warnings.is_empty());
        assert_eq!(
            assess(c4, severe.previous(c4.at, &c4.id)).level,
            Level::CallToday
        );
        assert_eq!(filtered(&severe, warn), ["c4", "c3", "c2"]);
    }

    #[test]
    fn filters_combine_with_each_other_and_with_dates() {
        let d = diary();
        let f = |from: &str, to: &str, lesion: Option<&str>, warning_signs: bool| HistoryFilter {
            from: day(from),
            to: day(to),
            lesion: lesion.map(str::to_string),
            warning_signs,
        };
        assert_eq!(
            filtered(&d, f("2026-03-02", "2026-03-03", None, false)),
            ["c3", "c2"]
        );
        assert_eq!(
            filtered(&d, f("2026-03-02", "", None, false)),
            ["c4", "c3", "c2"]
        );
        assert_eq!(filtered(&d, f("", "2026-03-01", None, false)), ["c1"]);
        assert_eq!(filtered(&d, f("", "", Some("l1"), true)), ["c2"]);
        assert_eq!(
            filtered(&d, f("2026-03-02", "", Some("l1"), false)),
            ["c4", "c2"]
        );
        assert_eq!(filtered(&d, f("2026-03-03", "", None, true)), ["c3"]);
        assert_eq!(
            filtered(&d, f("2026-03-03", "", Some("l1"), true)),
            Vec::<String>::new()
        );
        assert_eq!(
            filtered(&d, f("2026-03-01", "2026-03-04", Some("l2"), false)),
            ["c1"]
        );
    }

    #[test]
    fn dates_are_local_dates() {
        let mut d = Diary::default();
        // 23:30 UTC on 31 May is 00:30 on 1 June in Lisbon (summer time).
        d.upsert(check_in("late", "2026-05-31T23:30:00Z", 1, vec![]));
        let june = HistoryFilter {
            from: day("2026-06-01"),
            ..Default::default()
        };
        assert_eq!(filtered(&d, june), ["late"]);
    }

    #[test]
    fn lesion_choices_list_every_lesion_once_healed_and_deleted_ones_too() {
        let mut d = diary();
        d.lesions.push(lesion("l3", "face", "never recorded"));
        let mut gone = lesion("l0", "neck", "");
        gone.deleted = true;
        d.lesions.push(gone);
        std::rc::Rc::make_mut(&mut d.check_ins[0])
            .observations
            .push(obs("l0", None, None, &[]));
        std::rc::Rc::make_mut(&mut d.check_ins[0])
            .observations
            .push(obs("zz", None, None, &[]));
        d.sort();
        let choices = lesion_choices(&d);
        let ids: Vec<&str> = choices.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["l1", "l2", "l3", "l0", "zz"]);
        assert!(choices[1].1.healed);
        assert_eq!(choices[3].1.site, Site::parse("neck"));
        assert_eq!(choices[4].1.site, None);
        // A deleted lesion no check-in recorded is not offered.
        std::rc::Rc::make_mut(&mut d.check_ins[0])
            .observations
            .retain(|o| o.lesion != "l0");
        assert!(!lesion_choices(&d).iter().any(|(id, _)| id == "l0"));
    }
}
