//! The quick check-in: the same draft as the full form, started from how each followed lesion was
//! last time, with one question for every warning sign. Because it is the same `Draft`, built by
//! the same `Draft::build`, a quick check-in is the same record, and gets the same triage, as the
//! full form given the same answers.

use std::collections::BTreeSet;

use super::{Draft, DraftLesion};
use crate::core::diary::{Diary, Lesion, Observation, Sign};
use crate::core::flags::Flags;
use crate::core::json::Extra;
use crate::core::time::{Instant, Zone};

/// The quick form's own answers, kept in the draft so that switching forms, a reload or a
/// language switch loses nothing.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Quick {
    /// The quick form is the one on screen (false: the full form, or the quick form never used).
    pub on: bool,
    /// "Any of these today?": unanswered, "None of these" (`Some(false)`) or yes (`Some(true)`).
    pub any_warning: Option<bool>,
    /// Form keys of the lesions the patient marked "changed since last time": their full details
    /// are open.
    pub changed: BTreeSet<u32>,
    /// Form keys of the lesions whose "Since last time" has no answer chosen in advance and must
    /// be answered: last noted more than `SAME_WITHIN_DAYS` ago, or with a sign of infection, or
    /// the form reopened on a later day than it was started (see `Draft::quick`).
    pub asked: BTreeSet<u32>,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

impl Quick {
    pub fn is_unused(&self) -> bool {
        *self == Quick::default()
    }
}

/// How long a lesion's last note stays the quick form's "Same as last time" chosen in advance:
/// older, the patient answers it (see `Draft::quick`).
pub const SAME_WITHIN_DAYS: i64 = 14;

/// Whether "Same as last time" is chosen in advance for a lesion last noted at `at` as `o`: a
/// note of the last `SAME_WITHIN_DAYS` with no sign of infection.
fn same_in_advance(at: Instant, o: &Observation, now: Instant) -> bool {
    now.days_since_epoch() - at.days_since_epoch() <= SAME_WITHIN_DAYS && !o.infection_signs()
}

/// The newest note of `lesion` since it was last marked healed (a note from before says nothing of
/// a lump that healed and came back), with its check-in's time.
fn newest_note<'a>(diary: &'a Diary, lesion: &Lesion) -> Option<(Instant, &'a Observation)> {
    newest_note_but(diary, lesion, None)
}

/// `newest_note`, leaving out the check-in `except` (the one being edited).
fn newest_note_but<'a>(
    diary: &'a Diary,
    lesion: &Lesion,
    except: Option<&str>,
) -> Option<(Instant, &'a Observation)> {
    diary
        .entries()
        .take_while(|c| lesion.healed_at.is_none_or(|healed| c.at > healed))
        .filter(|c| Some(c.id.as_str()) != except)
        .find_map(|c| c.observation(&lesion.id).map(|o| (c.at, o)))
}

/// The signs a form lesion `l` holds as its last note says them now ("Same as last time"), or
/// `None` when it has no last note to be the same as.
fn last_copy(l: &DraftLesion, diary: &Diary) -> Option<Flags<Sign>> {
    let (_, o) = last_noted_at(diary, l.lesion_id.as_deref()?)?;
    Some(DraftLesion::as_last_time(l.key, o, diary).signs)
}

/// Each followed lesion with its newest note since it was last marked healed (none: never
/// noted, or not since it came back), in the order of the diary's list.
pub fn last_seen(diary: &Diary) -> Vec<(&Lesion, Option<(Instant, &Observation)>)> {
    diary
        .followed_lesions()
        .map(|l| (l, newest_note(diary, l)))
        .collect()
}

/// The lesion's newest note since it was last marked healed (the one the quick form starts
/// from), for its "Last time" line: size, signs and pain as recorded then, whatever the form
/// holds now, and when that was (the line says the date, so "same as last time" for a lump last
/// noted months ago is never taken for last week).
pub fn last_noted_at<'a>(diary: &'a Diary, lesion: &str) -> Option<(Instant, &'a Observation)> {
    newest_note(diary, diary.lesion(lesion)?)
}

impl Draft {
    /// A quick check-in at `now`, or `None` while the diary has no check-in to start from. Each
    /// followed lesion starts as it was last time (size and signs); overall pain, each lesion's
    /// pain today and the warning-sign question are left for the patient.
    ///
    /// "Same as last time" is chosen in advance only for a note of the last `SAME_WITHIN_DAYS`
    /// with no sign of infection. Otherwise neither "Same as last time" nor "Changed" is chosen,
    /// the lesion holds its size but none of last time's signs, and the form is not saved until
    /// the patient chooses (`Quick::asked`): months-old signs, or last week's pus, saved as
    /// today's by a patient who passed over them would be an untrue record and a needless
    /// same-day call; saved as no signs, an infected sore would read as clear. A followed lesion with no note since it was last marked healed (it came back) or
    /// none at all has nothing to be the same as: it is in the form with its details open.
    pub fn quick(now: Instant, zone: &dyn Zone, diary: &Diary) -> Option<Draft> {
        let previous = diary.entries().next()?;
        let mut d = Draft::new(now, zone, Some(previous)).minding_medicines(diary);
        d.quick.on = true;
        d.add_followed(now, diary);
        Some(d)
    }

    /// Adds each followed lesion not in the form yet, as `quick` says.
    fn add_followed(&mut self, now: Instant, diary: &Diary) {
        for (lesion, note) in last_seen(diary) {
            if self
                .lesions
                .iter()
                .any(|l| l.lesion_id.as_deref() == Some(lesion.id.as_str()))
            {
                continue;
            }
            let key = self.take_key();
            let lesion = match note {
                Some((at, o)) => {
                    let mut l = DraftLesion::as_last_time(key, o, diary);
                    // Asked: none of last time's signs until the patient says "Same as last
                    // time" (which copies them) or ticks today's; nothing routes on them before.
                    if !same_in_advance(at, o, now) {
                        self.quick.asked.insert(key);
                        l.signs.clear();
                    }
                    l
                }
                None => {
                    self.quick.changed.insert(key);
                    DraftLesion {
                        key,
                        lesion_id: Some(lesion.id.clone()),
                        site: Some(lesion.site),
                        name: lesion.name.clone(),
                        was: Some((lesion.site, lesion.name.clone())),
                        ..DraftLesion::default()
                    }
                }
            };
            self.lesions.push(lesion);
        }
    }

    /// A quick form kept unsaved and opened again on a later day (`today`, in the device's zone
    /// `zone`) than it was started: every lesion's "Same as last time" chosen then is asked again
    /// (the check-in is saved at today's time, and "the same" was said of another day).
    pub fn asked_again_if_older(
        &mut self,
        today: crate::core::date::Date,
        zone: &dyn Zone,
        diary: &Diary,
    ) {
        let started = self.opened.map(|o| o.local_in(zone).date);
        if !self.quick.on || self.editing.is_some() || started.is_none_or(|d| d >= today) {
            return;
        }
        // Each lesion's signs, when they are the app's copy of its last note (or none), are
        // cleared until the patient answers; signs the patient ticked themselves (in the full
        // form) are never cleared: its details open on them instead.
        for l in &mut self.lesions {
            if l.lesion_id.is_none() || self.quick.changed.contains(&l.key) {
                continue;
            }
            if l.signs.is_empty() || last_copy(l, diary).as_ref() == Some(&l.signs) {
                l.signs.clear();
                self.quick.asked.insert(l.key);
            } else {
                self.quick.asked.remove(&l.key);
                self.quick.changed.insert(l.key);
            }
        }
    }

    /// Whether the lesion `l`'s "Since last time" must be answered before the quick form saves
    /// (neither answer is shown chosen): it has a last note, is not marked changed, and either it
    /// was asked (`Quick::asked`), or the signs the form holds are not that note's as it is now
    /// (another tab noted it since the form opened: "Same as last time" would name signs it
    /// does not hold).
    pub fn must_answer(&self, l: &DraftLesion, diary: &Diary) -> bool {
        if self.quick.changed.contains(&l.key) {
            return false;
        }
        let Some(copy) = last_copy(l, diary) else {
            return false;
        };
        self.quick.asked.contains(&l.key) || l.signs != copy
    }

    /// Whether the lesion with this key shows its full details in the quick form: marked
    /// changed, or new today (nothing to be the same as).
    pub fn quick_details_open(&self, key: u32) -> bool {
        self.quick.changed.contains(&key)
            || self
                .lesions
                .iter()
                .any(|l| l.key == key && l.lesion_id.is_none())
    }

    /// Whether anything on the "Any of these today?" list is ticked.
    pub fn any_listed_sign(&self) -> bool {
        self.fever || !self.warnings.is_empty() || !self.side_effects.is_empty()
    }

    /// "Same as last time" for a lesion: back to its last recorded size and signs (its pain is
    /// asked on its own and kept; "New since last time" is not copied), details closed.
    pub(super) fn lesion_same(&mut self, key: u32, diary: &Diary) {
        self.quick.changed.remove(&key);
        self.quick.asked.remove(&key);
        let Some(l) = self.lesions.iter_mut().find(|l| l.key == key) else {
            return;
        };
        // Its newest note since it was last marked healed, not this check-in's own.
        let last = l
            .lesion_id
            .as_deref()
            .and_then(|id| diary.lesion(id))
            .and_then(|lesion| newest_note_but(diary, lesion, self.editing.as_deref()));
        if let Some((_, o)) = last {
            let pain = l.pain;
            *l = DraftLesion {
                pain,
                ..DraftLesion::as_last_time(l.key, o, diary)
            };
        }
    }

    /// The answer to "Any of these today?". "None of these" unticks the whole list (fever,
    /// warning signs, side effects): it is the patient's answer to all of them. (A side effect
    /// typed in words stays in the draft; it is saved only while "Other" is ticked.)
    pub(super) fn answer_any_warning(&mut self, yes: bool) {
        self.quick.any_warning = Some(yes);
        if !yes {
            self.fever = false;
            self.warnings.clear();
            self.side_effects.clear();
        }
    }

    /// Switches to the quick form: followed lesions not in the form yet join it as they were last
    /// time, and anything already ticked on the list counts as a "yes".
    pub(super) fn switch_to_quick(&mut self, diary: &Diary, now: Instant) {
        self.quick.on = true;
        // A lump the full form holds with signs other than its last note's (ticked there): open
        // on them, never hidden behind "Same as last time"; one asked and still blank stays asked.
        for l in &self.lesions {
            let blank_and_asked = self.quick.asked.contains(&l.key) && l.signs.is_empty();
            if l.lesion_id.is_some()
                && !blank_and_asked
                && last_copy(l, diary).as_ref() != Some(&l.signs)
            {
                self.quick.asked.remove(&l.key);
                self.quick.changed.insert(l.key);
            }
        }
        self.add_followed(now, diary);
        if self.any_listed_sign() {
            self.quick.any_warning = Some(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::core::diary::{new_id, CheckIn, Lesion, SideEffect, Sign, Size, Warning};
    use crate::core::draft::{apply, Action, Body, Field, LesionChange, Problem, SizeChoice};
    use crate::core::sites::Site;
    use crate::core::test_support::at;
    use crate::core::triage::assess;

    const NOW: &str = "2026-11-25T12:00:00Z";

    fn lesion(id: &str, site: usize, name: &str) -> Lesion {
        Lesion {
            healed_at: None,
            healed_earlier: Vec::new(),
            since: None,
            id: id.into(),
            site: Site::all()[site],
            name: name.into(),
            updated: at("2026-11-01T08:00:00Z"),
            deleted: false,
            healed: false,
            extra: Extra::NONE,
        }
    }

    fn obs(lesion: &str, pain: u8, size: Option<Size>, signs: &[Sign]) -> Observation {
        Observation {
            lesion: lesion.into(),
            pain: Some(pain),
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
            ..CheckIn::default()
        }
    }

    /// Two followed lesions, both in the latest check-in (so the full form's "same lumps as last
    /// time" reaches them too), one of them an open sore.
    fn diary() -> Rc<Diary> {
        let mut d = Diary::default();
        d.upsert_lesion(lesion("l1", 0, "finger lump"));
        d.upsert_lesion(lesion("l2", 5, ""));
        d.upsert(check_in(
            "c1",
            "2026-11-20T09:00:00Z",
            4,
            vec![obs("l1", 5, Some(Size::RiceGrain), &[])],
        ));
        d.upsert(check_in(
            "c2",
            "2026-11-24T09:00:00Z",
            3,
            vec![
                obs("l1", 4, Some(Size::Pea), &[Sign::OpenSore]),
                obs("l2", 2, Some(Size::Mm(12)), &[]),
            ],
        ));
        Rc::new(d)
    }

    fn build(d: &Draft, diary: &Diary) -> (CheckIn, Vec<Lesion>) {
        let mut n = 0;
        let mut ids = |p: char| {
            n += 1;
            format!("{p}{n}")
        };
        d.build(diary, at(NOW), &0, &mut ids)
            .unwrap_or_else(|p| panic!("{p:?}"))
    }

    fn key_of(d: &Draft, lesion: &str) -> u32 {
        d.lesions
            .iter()
            .find(|l| l.lesion_id.as_deref() == Some(lesion))
            .unwrap()
            .key
    }

    /// One set of answers, given through either form.
    #[derive(Clone, Default)]
    struct Answers {
        pain: u8,
        /// Each lump's pain today (blank: passed over, as the quick form starts it).
        l1_pain: Option<u8>,
        l2_pain: Option<u8>,
        /// Signs l1 has today, beyond last time's open sore ("changed" in the quick form).
        l1_new_signs: Vec<Sign>,
        fever: bool,
        warnings: Vec<Warning>,
        side_effects: Vec<SideEffect>,
    }

    impl Answers {
        fn listed(&self) -> bool {
            self.fever || !self.warnings.is_empty() || !self.side_effects.is_empty()
        }

        /// What the patient does in the quick form.
        fn quick(&self, diary: &Rc<Diary>) -> Draft {
            let d = Draft::quick(at(NOW), &0, diary).unwrap();
            let (k1, k2) = (key_of(&d, "l1"), key_of(&d, "l2"));
            let mut actions = vec![Action::Pain(Some(self.pain))];
            for (k, pain) in [(k1, self.l1_pain), (k2, self.l2_pain)] {
                if pain.is_some() {
                    actions.push(Action::Lesion(k, LesionChange::Pain(pain)));
                }
            }
            if !self.l1_new_signs.is_empty() {
                actions.push(Action::LesionChanged(k1));
                for &s in &self.l1_new_signs {
                    actions.push(Action::Lesion(k1, LesionChange::Sign(s, true)));
                }
            }
            actions.push(Action::AnyWarning(self.listed()));
            actions.push(Action::Body(Body::Fever, self.fever));
            actions.extend(self.warnings.iter().map(|&w| Action::Warning(w, true)));
            actions.extend(
                self.side_effects
                    .iter()
                    .map(|&s| Action::SideEffect(s, true)),
            );
            actions.into_iter().fold(d, apply)
        }

        /// What the patient does in the full form: the same lumps as last time, then every
        /// value typed in again.
        fn full(&self, diary: &Rc<Diary>) -> Draft {
            let previous = diary.entries().next();
            let d = Draft::new(at(NOW), &0, previous);
            let d = apply(d, Action::SameAsLast(diary.clone()));
            let (k1, k2) = (key_of(&d, "l1"), key_of(&d, "l2"));
            let mut actions = vec![
                Action::Pain(Some(self.pain)),
                Action::Lesion(k1, LesionChange::Pain(self.l1_pain)),
                Action::Lesion(k1, LesionChange::Sign(Sign::OpenSore, true)),
                Action::Lesion(k2, LesionChange::Pain(self.l2_pain)),
                Action::Body(Body::Fever, self.fever),
            ];
            for &s in &self.l1_new_signs {
                actions.push(Action::Lesion(k1, LesionChange::Sign(s, true)));
            }
            actions.extend(self.warnings.iter().map(|&w| Action::Warning(w, true)));
            actions.extend(
                self.side_effects
                    .iter()
                    .map(|&s| Action::SideEffect(s, true)),
            );
            actions.into_iter().fold(d, apply)
        }
    }

    /// Both forms give the same record and the same triage for the same answers.
    fn same_either_way(a: &Answers, what: &str) {
        let diary = diary();
        let (quick, full) = (a.quick(&diary), a.full(&diary));
        assert!(quick.quick.on && !full.quick.on, "{what}");
        let (q, q_lesions) = build(&quick, &diary);
        let (f, f_lesions) = build(&full, &diary);
        assert_eq!(q, f, "{what}: the record");
        assert_eq!(q_lesions, f_lesions, "{what}: lesion changes");
        let previous = diary.previous(q.at, &q.id);
        assert_eq!(assess(&q, previous), assess(&f, previous), "{what}: triage");
    }

    #[test]
    fn the_quick_form_gives_the_full_forms_record_and_triage_for_every_sign() {
        let base = Answers {
            pain: 3,
            l1_pain: Some(6),
            l2_pain: Some(2),
            ..Answers::default()
        };
        same_either_way(&base, "nothing new");
        let passed_over = Answers {
            pain: 5,
            ..Answers::default()
        };
        same_either_way(&passed_over, "no lump scored");
        for s in Sign::ALL {
            let a = Answers {
                l1_new_signs: vec![s],
                ..base.clone()
            };
            same_either_way(&a, &format!("{s:?}"));
        }
        for w in Warning::ALL {
            let a = Answers {
                warnings: vec![w],
                ..base.clone()
            };
            same_either_way(&a, &format!("{w:?}"));
        }
        for s in SideEffect::ALL {
            let a = Answers {
                side_effects: vec![s],
                ..base.clone()
            };
            same_either_way(&a, &format!("{s:?}"));
        }
        let fever = Answers {
            fever: true,
            ..base.clone()
        };
        same_either_way(&fever, "fever");
        let everything = Answers {
            fever: true,
            l1_new_signs: Sign::ALL.to_vec(),
            warnings: Warning::ALL.to_vec(),
            side_effects: SideEffect::ALL.to_vec(),
            ..base
        };
        same_either_way(&everything, "every sign at once");
    }

    /// The open sore (l1, scored 4 last time, overall 3) passed over in the quick form, with
    /// overall pain up to 5: nothing says the sore hurts no more, so it is the same-day call the
    /// full form gives (before, last time's 4 was copied in as today's, and the rise was taken
    /// for pain elsewhere: a next-visit note). Scored 4 by the patient, it stays next visit.
    #[test]
    fn more_pain_with_an_open_sore_passed_over_in_the_quick_form_is_a_same_day_call() {
        use crate::core::triage::{Level, Reason};
        let diary = diary();
        let level = |a: &Answers| {
            let (c, _) = build(&a.quick(&diary), &diary);
            let a = assess(&c, diary.previous(c.at, &c.id));
            let why = [Reason::PainWorseUnscoredSore, Reason::PainWorse];
            (
                a.level,
                why.into_iter()
                    .filter(|r| a.reasons.contains(r))
                    .collect::<Vec<_>>(),
            )
        };
        let passed_over = Answers {
            pain: 5,
            ..Answers::default()
        };
        let (c, _) = build(&passed_over.quick(&diary), &diary);
        assert_eq!(
            c.observations.iter().map(|o| o.pain).collect::<Vec<_>>(),
            [None, None],
            "no score saved that the patient did not give"
        );
        assert_eq!(
            level(&passed_over),
            (Level::CallToday, vec![Reason::PainWorseUnscoredSore])
        );
        let scored = Answers {
            l1_pain: Some(4),
            ..passed_over
        };
        assert_eq!(level(&scored), (Level::NextVisit, vec![Reason::PainWorse]));
    }

    /// A quick check-in ready to save at `now` (overall pain 3, "None of these").
    fn answered(diary: &Diary, now: &str) -> Draft {
        let d = Draft::quick(at(now), &0, diary).unwrap();
        let d = apply(d, Action::Pain(Some(3)));
        apply(d, Action::AnyWarning(false)).with_id(new_id('c', at(now), 0))
    }

    /// Saved to the minute, as the full form's are: a full check-in typed for the same minute
    /// and made after it comes after it, and is compared with it.
    #[test]
    fn a_quick_check_in_is_saved_to_the_minute_and_a_full_one_made_after_it_in_that_minute_follows_it(
    ) {
        let mut diary = (*diary()).clone();
        let quick = answered(&diary, "2026-11-25T10:00:30Z");
        let build_at = |d: &Draft, diary: &Diary, now: &str| {
            d.build(diary, at(now), &0, &mut |p| format!("{p}{now}"))
                .unwrap()
                .0
        };
        let q = build_at(&quick, &diary, "2026-11-25T10:00:30Z");
        assert_eq!(q.at, at("2026-11-25T10:00:00Z"));
        diary.upsert(q.clone());
        // The full form, opened at 10:00:45 and saved at 10:02: "10:00", an open sore that
        // hurts more than in the quick check-in (scored 6 then, passed over now: blank; 9 now).
        let mut full = Draft::new(at("2026-11-25T10:00:45Z"), &0, diary.entries().next())
            .with_id(new_id('c', at("2026-11-25T10:00:45Z"), 1));
        full.quick = Quick::default();
        let full = apply(full, Action::Pain(Some(3)));
        let mut n = 0;
        let mut ids = |p: char| {
            n += 1;
            format!("{p}x{n}")
        };
        let (f, _) = full
            .build(&diary, at("2026-11-25T10:02:00Z"), &0, &mut ids)
            .unwrap();
        assert_eq!(f.at, q.at, "the same minute");
        assert_eq!(
            diary.previous(f.at, &f.id).map(|c| c.id.as_str()),
            Some(q.id.as_str())
        );
        diary.upsert(f.clone());
        assert_eq!(
            diary
                .entries()
                .map(|c| c.id.as_str())
                .take(2)
                .collect::<Vec<_>>(),
            [f.id.as_str(), q.id.as_str()],
            "newest first: the full one, made after"
        );
        // A check-in saved in this minute with its seconds (by an earlier version) stays before
        // a quick one saved in the same minute.
        let mut legacy = q.clone();
        legacy.id = "clegacy".into();
        legacy.at = at("2026-11-25T10:05:40Z");
        diary.upsert(legacy);
        let later = build_at(
            &answered(&diary, "2026-11-25T10:05:50Z"),
            &diary,
            "2026-11-25T10:05:50Z",
        );
        assert_eq!(later.at, at("2026-11-25T10:05:41Z"), "a second after it");
    }

    /// The quick form asks no date. A device clock before "Last time" (reset to 1970, or a year
    /// behind, or that check-in saved while the clock ran ahead) would put this one before the
    /// check-in it was answered against, and the red-flag rules would compare it with an older
    /// one: it is not saved, and the patient is told (the form is kept).
    #[test]
    fn a_quick_check_in_on_a_clock_before_last_time_is_not_saved() {
        let diary = diary(); // last time: 2026-11-24T09:00:00Z
        let when = |now: &str| {
            answered(&diary, "2026-11-25T12:00:00Z")
                .build(&diary, at(now), &0, &mut |p| format!("{p}1"))
                .map(|(c, _)| c.at)
        };
        let behind = Err(vec![(Field::When, Problem::ClockBehind)]);
        assert_eq!(
            when("1970-01-01T00:05:00Z"),
            behind,
            "a clock reset to 1970"
        );
        assert_eq!(when("2024-11-25T12:00:00Z"), behind, "two years behind");
        assert_eq!(
            when("2026-11-24T08:54:00Z"),
            behind,
            "6 minutes before last time"
        );
        assert_eq!(when("2026-11-24T08:56:00Z"), behind, "4 minutes before");
        // Within the minute of grace a save allows, it is saved, after "Last time".
        assert_eq!(when("2026-11-24T08:59:30Z"), Ok(at("2026-11-24T09:00:01Z")));
        assert_eq!(when("2026-11-25T12:00:59Z"), Ok(at("2026-11-25T12:00:00Z")));
        // With no check-in to compare with, a date before 2000 is refused as well.
        let mut empty = (*diary).clone();
        for c in empty.check_ins.iter_mut() {
            std::rc::Rc::make_mut(c).deleted = true;
        }
        let d = answered(&diary, "2026-11-25T12:00:00Z");
        assert_eq!(
            d.build(&empty, at("1999-12-31T23:00:00Z"), &0, &mut |p| format!(
                "{p}1"
            ))
            .map(|(c, _)| c.at),
            behind
        );
    }

    #[test]
    fn a_quick_check_in_starts_from_each_followed_lesion_as_it_was_last_time() {
        let mut d = (*diary()).clone();
        // A third lesion, last seen in an older check-in, and a healed and a deleted one.
        d.upsert_lesion(lesion("l3", 8, "elbow"));
        d.upsert_lesion(Lesion {
            healed: true,
            ..lesion("l4", 9, "healed")
        });
        d.upsert_lesion(Lesion {
            deleted: true,
            ..lesion("l5", 10, "gone")
        });
        d.upsert(check_in(
            "c0",
            "2026-11-10T09:00:00Z",
            2,
            vec![
                obs("l3", 1, Some(Size::Grape), &[Sign::ChalkyDischarge]),
                obs("l4", 1, None, &[]),
                obs("l5", 1, None, &[]),
            ],
        ));
        let q = Draft::quick(at(NOW), &0, &d).unwrap();
        let ids: Vec<_> = q.lesions.iter().map(|l| l.lesion_id.clone()).collect();
        assert_eq!(
            ids,
            [Some("l1".into()), Some("l2".into()), Some("l3".into())]
        );
        let l1 = &q.lesions[0];
        assert_eq!(
            (l1.pain, l1.size, l1.name.as_str()),
            (None, SizeChoice::Pea, "finger lump"),
            "today's pain is asked, not copied"
        );
        let pain = |l: &str| last_noted_at(&d, l).map(|(_, o)| o.pain);
        assert_eq!(pain("l1"), Some(Some(4)), "last time's, shown beside it");
        assert_eq!(pain("l3"), Some(Some(1)));
        assert_eq!(pain("nowhere"), None);
        assert_eq!(
            l1.signs.iter().copied().collect::<Vec<_>>(),
            [Sign::OpenSore]
        );
        assert_eq!(
            (q.lesions[1].size, q.lesions[1].mm.as_str()),
            (SizeChoice::Measured, "12")
        );
        assert_eq!(q.lesions[2].size, SizeChoice::Grape);
        // Overall pain and the warning question are the patient's to answer.
        assert_eq!((q.pain, q.quick.any_warning), (None, None));
        // l3 was last noted 15 days ago: its "Since last time" must be answered; the two noted
        // this week are "Same as last time".
        let asked: Vec<bool> = q
            .lesions
            .iter()
            .map(|l| q.quick.asked.contains(&l.key))
            .collect();
        assert_eq!(asked, [false, false, true]);
        assert!(!q.lesions.iter().any(|l| q.quick_details_open(l.key)));
        assert_eq!(Draft::quick(at(NOW), &0, &Diary::default()), None);
    }

    /// The quick form never saves old signs as today's, nor an all-clear, by default: a lump
    /// last noted with a sign of infection, or more than `SAME_WITHIN_DAYS` ago, must be answered
    /// "Same as last time" or "Changed" before the form saves; a lump that healed and came back
    /// starts blank and open (its notes from before the healing are not "last time", whether in
    /// advance or by "Same as last time"), as does a followed lump never noted; a form kept and
    /// reopened on a later day asks every lump again.
    #[test]
    fn the_quick_form_starts_no_lump_from_signs_that_may_no_longer_be_true() {
        let mut d = (*diary()).clone();
        // l2 was red this week; l3 had pus, then healed and came back; l4 was never noted.
        d.upsert_lesion(lesion("l3", 8, "elbow"));
        d.upsert_lesion(lesion("l4", 9, "never noted"));
        d.upsert(check_in(
            "c0",
            "2026-11-01T09:00:00Z",
            6,
            vec![obs(
                "l3",
                7,
                Some(Size::Walnut),
                &[Sign::OpenSore, Sign::PusCloudy],
            )],
        ));
        d.upsert_lesion(Lesion {
            healed_at: Some(at("2026-11-05T09:00:00Z")),
            ..lesion("l3", 8, "elbow")
        });
        let mut c2 = d.entries().next().unwrap().clone();
        c2.observations[1].signs = vec![Sign::RednessWarmth];
        d.upsert(c2);
        let q = Draft::quick(at(NOW), &0, &d).unwrap();
        let (k1, k2, k3, k4) = (
            key_of(&q, "l1"),
            key_of(&q, "l2"),
            key_of(&q, "l3"),
            key_of(&q, "l4"),
        );
        assert_eq!(q.quick.asked.iter().copied().collect::<Vec<_>>(), [k2]);
        assert!(!q.quick_details_open(k1) && !q.quick_details_open(k2));
        for k in [k3, k4] {
            assert!(q.quick_details_open(k), "{k}");
        }
        let l = |q: &Draft, k: u32| q.lesions.iter().find(|l| l.key == k).unwrap().clone();
        assert!(l(&q, k3).signs.is_empty() && l(&q, k3).size == SizeChoice::default());
        assert_eq!(l(&q, k3).name, "elbow");
        assert_eq!(last_noted_at(&d, "l3"), None, "no note since it came back");
        assert!(last_noted_at(&d, "l4").is_none());
        // "Same as last time" pressed for it copies nothing from before the healing.
        let same = apply(q.clone(), Action::LesionSame(k3, Rc::new(d.clone())));
        assert!(l(&same, k3).signs.is_empty() && l(&same, k3).size == SizeChoice::default());

        // Passed over, l2 stops the save: neither its redness nor an all-clear is saved unasked.
        let mut q = apply(q, Action::Pain(Some(2)));
        q = apply(q, Action::AnyWarning(false));
        let mut n = 0;
        let mut ids = |p: char| {
            n += 1;
            format!("{p}{n}")
        };
        let err = q.build(&d, at(NOW), &0, &mut ids).unwrap_err();
        assert_eq!(err, vec![(Field::LesionSince(k2), Problem::Missing)]);
        // Until answered it holds none of last time's signs: nothing routes on them.
        assert!(l(&q, k2).signs.is_empty());
        assert_eq!(l(&q, k2).size, SizeChoice::Measured, "its size is kept");
        // Answered "Changed": its details open, for today's signs.
        let changed = apply(q.clone(), Action::LesionChanged(k2));
        assert!(changed.quick.asked.is_empty() && changed.quick_details_open(k2));
        let (saved, _) = build(&changed, &d);
        assert!(saved.observation("l2").unwrap().signs.is_empty());
        // Answered "Same as last time": as last time, said so.
        let same = apply(q.clone(), Action::LesionSame(k2, Rc::new(d.clone())));
        assert!(same.quick.asked.is_empty());
        let (saved, _) = build(&same, &d);
        assert_eq!(
            saved.observation("l2").unwrap().signs,
            [Sign::RednessWarmth]
        );

        // Its last note deleted in another tab meanwhile: nothing to be the same as, so it no
        // longer stops the save (its details are open for it).
        let mut without = d.clone();
        without.delete("c2", at(NOW));
        without.delete("c1", at(NOW));
        assert_eq!(last_noted_at(&without, "l2"), None);
        assert!(q.build(&without, at(NOW), &0, &mut ids).is_ok());

        // Noted again since it came back: that note is last time.
        d.upsert(check_in(
            "c3",
            "2026-11-24T10:00:00Z",
            3,
            vec![obs("l3", 2, Some(Size::Pea), &[Sign::OpenSore])],
        ));
        let q = Draft::quick(at(NOW), &0, &d).unwrap();
        assert!(!q.quick_details_open(key_of(&q, "l3")));
        assert!(!q.quick.asked.contains(&key_of(&q, "l3")));
        assert_eq!(
            last_noted_at(&d, "l3").map(|(at, _)| at),
            Some(at("2026-11-24T10:00:00Z"))
        );

        // Kept unsaved and opened again the next day: each lump's answer is asked again, but
        // not one marked changed, nor one with nothing to be the same as.
        let k1 = key_of(&q, "l1");
        let kept = apply(q, Action::LesionChanged(k1));
        let today = at(NOW).local_in(&0).date;
        let mut same_day = kept.clone();
        same_day.asked_again_if_older(today, &0, &d);
        assert_eq!(
            same_day.quick.asked, kept.quick.asked,
            "the same day: as it was"
        );
        let k3 = key_of(&kept, "l3");
        assert!(
            !l(&kept, k3).signs.is_empty(),
            "l3 as last time: an open sore"
        );
        let mut next_day = kept.clone();
        next_day.asked_again_if_older(today.plus_days(1), &0, &d);
        let again: Vec<u32> = next_day.quick.asked.iter().copied().collect();
        let want: Vec<u32> = ["l2", "l3"].iter().map(|id| key_of(&kept, id)).collect();
        assert_eq!(again, want);
        assert!(
            l(&next_day, k3).signs.is_empty(),
            "the copy of then is cleared until answered"
        );

        // A sign ticked in the full form, back in the quick form: open on it, never hidden behind
        // "Same as last time", and never cleared the next day.
        let mut full = apply(kept.clone(), Action::FullForm);
        full = apply(
            full,
            Action::Lesion(k3, LesionChange::Sign(Sign::PusCloudy, true)),
        );
        let back = apply(full, Action::QuickForm(Rc::new(d.clone()), at(NOW)));
        assert!(back.quick_details_open(k3) && !back.must_answer(&l(&back, k3), &d));
        let mut later = back.clone();
        later.asked_again_if_older(today.plus_days(1), &0, &d);
        assert!(l(&later, k3).signs.contains(&Sign::PusCloudy));

        // Another tab notes l3 since, with pus: "Same as last time" chosen in advance would name
        // signs the form does not hold, so the answer is asked before the save.
        let fresh = Draft::quick(at(NOW), &0, &d).unwrap();
        let k3 = key_of(&fresh, "l3");
        assert!(!fresh.must_answer(&l(&fresh, k3), &d));
        let mut elsewhere = d.clone();
        elsewhere.upsert(check_in(
            "c4",
            "2026-11-25T10:00:00Z",
            3,
            vec![obs(
                "l3",
                5,
                Some(Size::Pea),
                &[Sign::OpenSore, Sign::PusCloudy],
            )],
        ));
        assert!(fresh.must_answer(&l(&fresh, k3), &elsewhere));
        let same = apply(fresh, Action::LesionSame(k3, Rc::new(elsewhere.clone())));
        assert!(!same.must_answer(&l(&same, k3), &elsewhere));
        assert!(l(&same, k3).signs.contains(&Sign::PusCloudy));
    }

    /// "New since last time" was true last time, not today: a quick check-in (and "Same as last
    /// time", and a switch to the quick form) never copies it, so the record and the printout do
    /// not call the lump new again. Every other sign is carried as it was.
    #[test]
    fn as_last_time_never_copies_new_since_last_time() {
        let mut d = (*diary()).clone();
        let signs = [Sign::New, Sign::Growing, Sign::OpenSore];
        d.upsert(check_in(
            "c3",
            "2026-11-25T09:00:00Z",
            3,
            vec![obs("l1", 4, Some(Size::Pea), &signs)],
        ));
        let today = |l: &DraftLesion| l.signs.iter().copied().collect::<Vec<_>>();
        let mut q = Draft::quick(at(NOW), &0, &d).unwrap();
        let k = key_of(&q, "l1");
        let l1 = |q: &Draft| q.lesions.iter().find(|l| l.key == k).unwrap().clone();
        assert_eq!(today(&l1(&q)), [Sign::Growing, Sign::OpenSore]);
        // Ticked again by hand, it is kept; "Same as last time" takes it away again.
        q = apply(q, Action::Lesion(k, LesionChange::Sign(Sign::New, true)));
        assert!(l1(&q).signs.contains(&Sign::New));
        q.lesion_same(k, &d);
        assert_eq!(today(&l1(&q)), [Sign::Growing, Sign::OpenSore]);
        q = apply(q, Action::Pain(Some(3)));
        q = apply(q, Action::AnyWarning(false));
        let (saved, _) = build(&q, &d);
        assert!(!saved.observations[0].signs.contains(&Sign::New));
        // Switching from the full form brings the lump in the same way.
        let mut full = Draft::new(at(NOW), &0, d.entries().next());
        full.switch_to_quick(&d, at(NOW));
        let l = full
            .lesions
            .iter()
            .find(|l| l.lesion_id.as_deref() == Some("l1"))
            .unwrap();
        assert_eq!(today(l), [Sign::Growing, Sign::OpenSore]);
        // Editing that check-in still shows what was recorded.
        let c3 = d.check_in("c3").unwrap();
        let edited = DraftLesion::observed(0, &c3.observations[0], &d);
        assert_eq!(today(&edited), signs);
    }

    #[test]
    fn the_warning_question_must_be_answered_and_none_unticks_the_list() {
        let diary = diary();
        let d = Draft::quick(at(NOW), &0, &diary).unwrap();
        let d = apply(d, Action::Pain(Some(2)));
        let mut ids = |p: char| format!("{p}1");
        let err = d.build(&diary, at(NOW), &0, &mut ids).unwrap_err();
        assert_eq!(err, vec![(Field::AnyWarning, Problem::Missing)]);
        let yes = apply(d.clone(), Action::AnyWarning(true));
        let err = yes.build(&diary, at(NOW), &0, &mut ids).unwrap_err();
        assert_eq!(err, vec![(Field::AnyWarning, Problem::NothingTicked)]);
        // Ticking answers "yes" by itself; "None of these" then unticks everything listed.
        let ticked = [
            Action::Warning(Warning::Hives, true),
            Action::Body(Body::Fever, true),
            Action::SideEffect(SideEffect::Other, true),
            Action::OtherSideEffect("itchy".into()),
        ]
        .into_iter()
        .fold(d.clone(), apply);
        assert_eq!(ticked.quick.any_warning, Some(true));
        let none = apply(ticked, Action::AnyWarning(false));
        assert!(!none.any_listed_sign());
        assert_eq!(none.quick.any_warning, Some(false));
        assert_eq!(none.other_side_effect, "itchy", "typed words are kept");
        let (c, _) = build(&none, &diary);
        assert!(c.warnings.is_empty() && !c.fever && c.side_effects.is_empty());
        assert_eq!(c.other_side_effect, "");
        // The full form does not ask the question.
        let full = apply(d, Action::FullForm);
        assert!(full.build(&diary, at(NOW), &0, &mut ids).is_ok());
    }

    #[test]
    fn same_as_last_time_restores_size_and_signs_but_keeps_todays_pain() {
        let diary = diary();
        let d = Draft::quick(at(NOW), &0, &diary).unwrap();
        let k1 = key_of(&d, "l1");
        let changed = [
            Action::LesionChanged(k1),
            Action::Lesion(k1, LesionChange::Size(SizeChoice::Walnut)),
            Action::Lesion(k1, LesionChange::Sign(Sign::OpenSore, false)),
            Action::Lesion(k1, LesionChange::Pain(Some(9))),
        ]
        .into_iter()
        .fold(d.clone(), apply);
        assert!(changed.quick_details_open(k1));
        let back = apply(changed, Action::LesionSame(k1, diary.clone()));
        assert!(!back.quick_details_open(k1));
        let l1 = &back.lesions[0];
        assert_eq!((l1.size, l1.pain), (SizeChoice::Pea, Some(9)));
        assert_eq!(
            l1.signs.iter().copied().collect::<Vec<_>>(),
            [Sign::OpenSore]
        );
        // A removed lesion leaves no "changed" mark behind; a new one opens its details.
        let d = apply(
            apply(d, Action::LesionChanged(k1)),
            Action::RemoveLesion(k1),
        );
        assert!(d.quick.changed.is_empty());
        let d = apply(d, Action::AddLesion);
        assert!(d.quick_details_open(d.lesions.last().unwrap().key));
    }

    #[test]
    fn switching_forms_keeps_every_answer() {
        let diary = diary();
        let d = Draft::quick(at(NOW), &0, &diary).unwrap();
        let k2 = key_of(&d, "l2");
        let d = [
            Action::Pain(Some(5)),
            Action::Lesion(k2, LesionChange::Pain(Some(7))),
            Action::LesionChanged(k2),
            Action::AnyWarning(false),
            Action::FullForm,
            Action::Notes("stiff this morning".into()),
            Action::Body(Body::Fever, true),
            Action::QuickForm(diary.clone(), at(NOW)),
        ]
        .into_iter()
        .fold(d, apply);
        assert!(d.quick.on);
        assert_eq!(d.lesions.len(), 2, "no lesion added twice");
        assert_eq!((d.pain, d.lesions[1].pain), (Some(5), Some(7)));
        assert!(d.quick_details_open(k2));
        assert_eq!(d.notes, "stiff this morning");
        // Fever ticked in the full form turns the earlier "None of these" into a yes.
        assert_eq!((d.fever, d.quick.any_warning), (true, Some(true)));
        // A full form started empty gets the followed lesions when it switches.
        let full = Draft::new(at(NOW), &0, diary.entries().next());
        let q = apply(full, Action::QuickForm(diary.clone(), at(NOW)));
        assert_eq!(q.lesions.len(), 2);
        assert_eq!(q.quick.any_warning, None);
    }
}
