use super::*;

const NOW: &str = "2026-11-25T12:00:00Z";

fn now() -> Instant {
    Instant::parse_rfc3339(NOW).unwrap()
}

fn ids() -> impl FnMut(char) -> String {
    let mut n = 0;
    move |p| {
        n += 1;
        format!("{p}{n}")
    }
}

fn site(id: &str) -> Option<Site> {
    Site::parse(id)
}

#[test]
fn a_new_draft_starts_now_in_local_time_and_needs_a_pain_score() {
    let d = Draft::new(now(), &60, None);
    assert_eq!((d.date.as_str(), d.time.as_str()), ("2026-11-25", "13:00"));
    let err = d
        .build(&Diary::default(), now(), &60, &mut ids())
        .unwrap_err();
    assert_eq!(err, vec![(Field::Pain, Problem::Missing)]);
}

#[test]
fn builds_a_check_in_with_new_lesions_and_local_time() {
    let mut d = Draft::new(now(), &60, None);
    d.pain = Some(6);
    d.time = "09:15".into();
    let k = d.add_lesion();
    let l = d.lesion_mut(k).unwrap();
    l.site = site("right-index-finger");
    l.name = "  finger lump ".into();
    l.pain = Some(7);
    l.size = SizeChoice::Measured;
    l.mm = "12".into();
    l.signs.insert(Sign::OpenSore);
    d.side_effects.insert(SideEffect::Headache);
    d.other_side_effect = "dropped because Other is not ticked".into();
    let (c, lesions) = d.build(&Diary::default(), now(), &60, &mut ids()).unwrap();
    assert_eq!(c.at.to_rfc3339(), "2026-11-25T08:15:00Z");
    assert_eq!((c.pain, c.id.as_str()), (6, "c2"));
    assert_eq!(lesions.len(), 1);
    assert_eq!(
        (lesions[0].id.as_str(), lesions[0].name.as_str()),
        ("l1", "finger lump")
    );
    assert_eq!(c.observations[0].lesion, "l1");
    assert_eq!(c.observations[0].size, Some(Size::Mm(12)));
    assert_eq!(c.other_side_effect, "");
    // The new lump is known from this check-in's time, whatever becomes of the check-in.
    assert_eq!(lesions[0].since, Some(c.at));
}

#[test]
fn every_bad_field_is_reported_next_to_itself() {
    let mut d = Draft::new(now(), &0, None);
    d.pain = Some(11);
    d.daily = Some(11);
    let no_site = d.add_lesion();
    let bad_size = d.add_lesion();
    let l = d.lesion_mut(bad_size).unwrap();
    l.site = site("left-forearm");
    l.size = SizeChoice::Measured;
    l.mm = "a lot".into();
    l.pain = Some(12);
    let err = d
        .build(&Diary::default(), now(), &0, &mut ids())
        .unwrap_err();
    assert_eq!(
        err,
        vec![
            (Field::LesionSite(no_site), Problem::Missing),
            (Field::LesionSize(bad_size), Problem::OutOfRange),
            (Field::Pain, Problem::OutOfRange),
            (Field::Daily, Problem::OutOfRange),
            (Field::LesionPain(bad_size), Problem::OutOfRange),
        ]
    );
}

#[test]
fn future_and_impossible_times_are_refused() {
    let mut d = Draft::new(now(), &0, None);
    d.pain = Some(1);
    d.date = "2026-11-26".into();
    assert_eq!(
        d.build(&Diary::default(), now(), &0, &mut ids())
            .unwrap_err(),
        vec![(Field::When, Problem::InFuture)]
    );
    for (date, time) in [
        ("2026-02-30", "10:00"),
        ("yesterday", "10:00"),
        ("2026-11-20", "25:00"),
        ("2026-11-20", ""),
    ] {
        d.date = date.into();
        d.time = time.into();
        assert_eq!(
            d.build(&Diary::default(), now(), &0, &mut ids())
                .unwrap_err(),
            vec![(Field::When, Problem::NotADate)],
            "{date} {time}"
        );
    }
}

#[test]
fn a_year_typed_short_or_before_2000_is_refused_and_the_edit_of_one_must_fix_it() {
    let mut d = Draft::new(now(), &0, None);
    d.pain = Some(1);
    d.time = "10:00".into();
    for date in ["0026-11-20", "0001-01-01", "1999-12-31"] {
        d.date = date.into();
        assert_eq!(
            d.build(&Diary::default(), now(), &0, &mut ids())
                .unwrap_err(),
            vec![(Field::When, Problem::TooEarly)],
            "{date}"
        );
    }
    d.date = "2000-01-01".into();
    let (first, _) = d.build(&Diary::default(), now(), &0, &mut ids()).unwrap();
    assert_eq!(first.at.local_in(&0).date.year, 2000);
    // A check-in already dated 0026 (say, from a backup) opened for editing shows that date, and
    // is saved only once the year is put right.
    let mut diary = Diary::default();
    let mut old = first.clone();
    old.id = "c-short-year".into();
    old.at = Instant::from_local_until(
        Local {
            date: Date::parse("0026-11-20").unwrap(),
            hour: 10,
            minute: 0,
        },
        &0,
        now(),
    );
    diary.upsert(old.clone());
    let mut edit = Draft::edit(&old, &diary, &0);
    assert_eq!(edit.date, "0026-11-20");
    assert_eq!(
        edit.build(&diary, now(), &0, &mut ids()).unwrap_err(),
        vec![(Field::When, Problem::TooEarly)]
    );
    edit.date = "2026-11-20".into();
    let (fixed, _) = edit.build(&diary, now(), &0, &mut ids()).unwrap();
    assert_eq!(
        (fixed.id.as_str(), fixed.at.local_in(&0).date.year),
        ("c-short-year", 2026)
    );
}

#[test]
fn measured_sizes_outside_1_to_500_mm_are_refused() {
    // "12,5" too: a problem next to the size, never read as 125 (see `whole_mm`).
    for mm in ["0", "501", "-3", "12,5", "12.5"] {
        let mut d = Draft::new(now(), &0, None);
        d.pain = Some(0);
        let k = d.add_lesion();
        let l = d.lesion_mut(k).unwrap();
        l.site = site("face");
        l.size = SizeChoice::Measured;
        l.mm = mm.into();
        assert_eq!(
            d.build(&Diary::default(), now(), &0, &mut ids())
                .unwrap_err(),
            vec![(Field::LesionSize(k), Problem::OutOfRange)],
            "{mm}"
        );
    }
}

fn diary_with_one_check_in() -> Diary {
    let mut d = Draft::new(now(), &0, None);
    d.pain = Some(3);
    d.immune_weakening = true;
    let k = d.add_lesion();
    let l = d.lesion_mut(k).unwrap();
    l.site = site("right-thumb");
    l.name = "thumb".into();
    l.size = SizeChoice::Pea;
    l.signs.insert(Sign::ChalkyDischarge);
    let (c, lesions) = d.build(&Diary::default(), now(), &0, &mut ids()).unwrap();
    let mut diary = Diary::default();
    for l in lesions {
        diary.upsert_lesion(l);
    }
    diary.upsert(c);
    diary
}

#[test]
fn same_as_last_time_prefills_lesions_with_their_size_but_not_todays_signs() {
    let diary = diary_with_one_check_in();
    let previous = diary.entries().next().unwrap();
    let mut d = Draft::new(now(), &0, Some(previous));
    assert!(d.immune_weakening, "carried over");
    assert_eq!(d.same_as_last(previous, &diary), 1);
    assert_eq!(d.same_as_last(previous, &diary), 0, "not added twice");
    let l = &d.lesions[0];
    assert_eq!(
        (l.site, l.name.as_str(), l.size),
        (site("right-thumb"), "thumb", SizeChoice::Pea)
    );
    assert!(l.signs.is_empty() && l.pain.is_none());
    // Saving it keeps the same lesion id: no new lesion is created.
    d.pain = Some(2);
    let (c, new_lesions) = d.build(&diary, now(), &0, &mut ids()).unwrap();
    assert!(new_lesions.is_empty());
    assert_eq!(c.observations[0].lesion, previous.observations[0].lesion);
}

#[test]
fn editing_round_trips_and_keeps_the_id() {
    let diary = diary_with_one_check_in();
    let stored = diary.entries().next().unwrap().clone();
    let d = Draft::edit(&stored, &diary, &0);
    assert_eq!(d.editing.as_deref(), Some(stored.id.as_str()));
    let later = Instant(now().0 + 1000);
    let (c, lesions) = d.build(&diary, later, &0, &mut ids()).unwrap();
    assert!(lesions.is_empty());
    assert_eq!(
        CheckIn {
            updated: stored.updated,
            ..c.clone()
        },
        stored
    );
    assert_eq!(c.updated, later);
}

/// "I have a lump or sore now" is saved only as it was asked: with a fever and no lump in the
/// form. It survives the draft's storage and an edit.
#[test]
fn the_lump_now_answer_is_kept_only_while_it_is_asked() {
    let diary = Diary::default();
    let mut d = Draft::new(now(), &0, None);
    d.pain = Some(2);
    d = apply(d, Action::Body(Body::Fever, true));
    d = apply(d, Action::Body(Body::LumpNow, true));
    let kept: Draft = crate::core::json::from_text(&crate::core::json::to_text(&d)).unwrap();
    assert_eq!(kept, d);
    let (c, _) = d.build(&diary, now(), &0, &mut ids()).unwrap();
    assert!(c.fever && c.lump_now);
    assert!(Draft::edit(&c, &diary, &0).lump_now);
    // Fever unticked: the box is gone, and so is its answer.
    let no_fever = apply(d.clone(), Action::Body(Body::Fever, false));
    let (c, _) = no_fever.build(&diary, now(), &0, &mut ids()).unwrap();
    assert!(!c.lump_now);
    // Not written when not ticked, so a draft from before reads the same.
    let plain = apply(d, Action::Body(Body::LumpNow, false));
    assert!(!crate::core::json::to_text(&plain).contains("lump_now"));
}

#[test]
fn renaming_a_lesion_in_the_form_updates_that_lesion() {
    let diary = diary_with_one_check_in();
    let stored = diary.entries().next().unwrap().clone();
    let mut d = Draft::edit(&stored, &diary, &0);
    d.lesions[0].name = "left thumb, really".into();
    d.lesions[0].site = site("left-thumb");
    let (_, lesions) = d.build(&diary, now(), &0, &mut ids()).unwrap();
    assert_eq!(lesions.len(), 1);
    assert_eq!(lesions[0].id, stored.observations[0].lesion);
    assert_eq!(lesions[0].site, site("left-thumb").unwrap());
}

#[test]
fn the_same_lesion_twice_is_flagged_on_the_second_entry() {
    let diary = diary_with_one_check_in();
    let previous = diary.entries().next().unwrap();
    let mut d = Draft::new(now(), &0, None);
    d.pain = Some(1);
    d.same_as_last(previous, &diary);
    let dup = d.add_lesion();
    let id = d.lesions[0].lesion_id.clone();
    let l = d.lesion_mut(dup).unwrap();
    l.lesion_id = id;
    l.site = site("right-thumb");
    l.name = "thumb".into();
    assert_eq!(
        d.build(&diary, now(), &0, &mut ids()).unwrap_err(),
        vec![(Field::LesionDuplicate(dup), Problem::Duplicate)]
    );
}

/// UTC+1 from April to September, UTC otherwise: enough to cross a clock change.
struct SummerTime;
impl Zone for SummerTime {
    fn offset_min(&self, at: Instant) -> i32 {
        if (4..=9).contains(&at.to_local(0).date.month) {
            60
        } else {
            0
        }
    }
}

#[test]
fn editing_a_summer_check_in_in_winter_keeps_its_time() {
    let summer = Instant::parse_rfc3339("2026-07-15T08:00:00Z").unwrap();
    let mut diary = Diary::default();
    diary.upsert(CheckIn {
        id: "c1".into(),
        at: summer,
        updated: summer,
        pain: 5,
        ..CheckIn::default()
    });
    let d = Draft::edit(diary.check_in("c1").unwrap(), &diary, &SummerTime);
    assert_eq!(d.time, "09:00", "shown in the summer offset");
    let (c, _) = d.build(&diary, now(), &SummerTime, &mut ids()).unwrap();
    assert_eq!(c.at, summer, "an edit must not move the check-in");
}

/// New York's clocks in the autumn of 2026: UTC-4 until 06:00 UTC on 1 November, then UTC-5.
struct NewYorkAutumn;

impl Zone for NewYorkAutumn {
    fn offset_min(&self, at: Instant) -> i32 {
        if at < crate::core::test_support::at("2026-11-01T06:00:00Z") {
            -240
        } else {
            -300
        }
    }
}

/// In the hour a clock change repeats, the form's words name two instants. The time it is now,
/// as the form fills it in, is saved as now: never refused as an hour in the future (Lisbon at
/// 01:30 summer time), never filed an hour early behind a check-in made just before (New York at
/// 01:15 standard time).
#[test]
fn the_time_it_is_now_is_saved_as_now_in_the_hour_a_clock_change_repeats() {
    use crate::core::test_support::{at, Lisbon};
    let saved_at = |now: Instant, zone: &dyn Zone, time: Option<&str>| {
        let mut d = Draft::new(now, zone, None);
        if let Some(t) = time {
            d.time = t.into();
        }
        d.pain = Some(3);
        d.build(&Diary::default(), now, zone, &mut ids())
            .map(|(c, _)| c.at)
    };
    // Lisbon, 25 Oct 2026: 01:30 comes first in summer time (00:30 UTC), then in winter time.
    let first = at("2026-10-25T00:30:00Z");
    assert_eq!(Draft::new(first, &Lisbon, None).time, "01:30");
    assert_eq!(saved_at(first, &Lisbon, None), Ok(first));
    let second = at("2026-10-25T01:45:00Z");
    assert_eq!(
        saved_at(second, &Lisbon, Some("01:30")),
        Ok(at("2026-10-25T01:30:00Z")),
        "the later reading, once both have passed"
    );
    // New York, 1 Nov 2026: 01:15 standard time is 06:15 UTC, not 05:15.
    let now = at("2026-11-01T06:15:00Z");
    assert_eq!(Draft::new(now, &NewYorkAutumn, None).time, "01:15");
    assert_eq!(saved_at(now, &NewYorkAutumn, None), Ok(now));
    // Outside that hour nothing changes: one reading, and a time ahead is still refused.
    let noon = at("2026-11-25T12:00:00Z");
    assert_eq!(
        saved_at(noon, &Lisbon, Some("11:00")),
        Ok(at("2026-11-25T11:00:00Z"))
    );
    assert_eq!(
        saved_at(noon, &Lisbon, Some("13:00")),
        Err(vec![(Field::When, Problem::InFuture)])
    );
    // The hour a clock change skips has no reading: the patient is asked to check the time, not
    // given the hour after it without a word. The minutes either side of it are kept.
    assert_eq!(
        Instant::readings_in(
            Local {
                date: Date::parse("2026-03-29").unwrap(),
                hour: 1,
                minute: 30
            },
            &Lisbon
        ),
        vec![]
    );
    let spring = at("2026-03-29T12:00:00Z");
    for time in ["01:00", "01:30", "01:59"] {
        assert_eq!(
            saved_at(spring, &Lisbon, Some(time)),
            Err(vec![(Field::When, Problem::NoSuchTime)]),
            "{time}"
        );
    }
    assert_eq!(
        saved_at(spring, &Lisbon, Some("00:59")),
        Ok(at("2026-03-29T00:59:00Z"))
    );
    assert_eq!(
        saved_at(spring, &Lisbon, Some("02:00")),
        Ok(at("2026-03-29T01:00:00Z"))
    );
}

/// An edit whose date and time were left as shown keeps the stored instant, to the second,
/// even in the repeated hour, where its words alone would name the other reading.
#[test]
fn an_edit_that_leaves_the_time_alone_keeps_the_stored_instant() {
    use crate::core::test_support::{at, Lisbon};
    let first_pass = at("2026-10-25T00:20:07Z");
    let mut diary = Diary::default();
    diary.upsert(CheckIn {
        id: "c1".into(),
        at: first_pass,
        updated: first_pass,
        pain: 3,
        ..CheckIn::default()
    });
    let mut d = Draft::edit(diary.check_in("c1").unwrap(), &diary, &Lisbon);
    assert_eq!((d.date.as_str(), d.time.as_str()), ("2026-10-25", "01:20"));
    d.notes = "Added the next day".into();
    let later = at("2026-10-26T09:00:00Z");
    let (c, _) = d.build(&diary, later, &Lisbon, &mut ids()).unwrap();
    assert_eq!(c.at, first_pass, "not moved to the winter-time 01:20");
    // A time the patient changes is read as typed.
    d.time = "01:25".into();
    let (c, _) = d.build(&diary, later, &Lisbon, &mut ids()).unwrap();
    assert_eq!(c.at.local_in(&Lisbon).minute, 25);
}

/// An edit opened in Lisbon, kept unsaved (through the stored form), and saved after the patient
/// travelled: its date and time still read as the form showed them, so the check-in keeps its
/// instant. Read in the new zone, "06:00" named another instant: in Tokyo the check-in moved to
/// 21:00 UTC the day before, and in New York the same words lay in the future and were refused.
#[test]
fn an_edit_kept_and_saved_in_another_time_zone_keeps_its_time() {
    use crate::core::json::{self, Stored};
    use crate::core::test_support::{at, Lisbon};
    let made = at("2026-11-24T06:00:00Z");
    let mut diary = Diary::default();
    diary.upsert(CheckIn {
        id: "c1".into(),
        at: made,
        updated: made,
        pain: 3,
        ..CheckIn::default()
    });
    let mut d = Draft::edit(diary.check_in("c1").unwrap(), &diary, &Lisbon);
    d.notes = "only a note".into();
    let kept = Draft::read(json::parse(&json::to_text(&d)).unwrap()).unwrap();
    assert_eq!(kept, d, "kept whole, with the time it showed");
    let (tokyo, new_york) = (540, -300);
    let soon = at("2026-11-24T07:30:00Z");
    for zone in [tokyo, new_york] {
        let (c, _) = kept.build(&diary, soon, &zone, &mut ids()).unwrap();
        assert_eq!(c.at, made, "zone {zone}");
    }
    // Opened again in Tokyo, it shows the time there, and a save keeps the same instant.
    let reopened = kept.clone().shown_in(&diary, &tokyo);
    assert_eq!(
        (reopened.date.as_str(), reopened.time.as_str()),
        ("2026-11-24", "15:00")
    );
    let (c, _) = reopened.build(&diary, soon, &tokyo, &mut ids()).unwrap();
    assert_eq!(c.at, made);
    // A time the patient changes is read in the zone the device is in now.
    let mut moved = kept.clone();
    moved.time = "07:00".into();
    let (c, _) = moved.build(&diary, soon, &tokyo, &mut ids()).unwrap();
    assert_eq!(c.at, at("2026-11-23T22:00:00Z"));
    assert_eq!(
        moved.clone().shown_in(&diary, &tokyo),
        moved,
        "typed words stay as typed"
    );
    // A form kept by an earlier version (no time shown) is read as before.
    let older = Draft {
        when_shown: None,
        ..kept
    };
    let (c, _) = older.build(&diary, soon, &tokyo, &mut ids()).unwrap();
    assert_eq!(c.at, at("2026-11-23T21:00:00Z"));
}

/// The quick form shows no date or time: a kept one saved days after it first opened is dated
/// when it is saved ("how you are today"), not when it opened.
#[test]
fn a_quick_check_in_is_dated_when_it_is_saved() {
    let diary = diary_with_one_check_in();
    let mut d = Draft::quick(now(), &0, &diary).unwrap();
    d.pain = Some(7);
    d.quick.any_warning = Some(false);
    let two_days_on = Instant(now().0 + 2 * 86_400_000 + 37_123);
    let (c, _) = d.build(&diary, two_days_on, &0, &mut ids()).unwrap();
    assert_eq!(
        c.at,
        two_days_on.whole_minutes(),
        "to the minute, as the full form's"
    );
    // The full form, which shows them, keeps the date and time it shows.
    d.quick.on = false;
    let (c, _) = d.build(&diary, two_days_on, &0, &mut ids()).unwrap();
    assert_eq!(c.at, now());
}

/// The diary of `diary_with_one_check_in`, with its one lesion marked healed.
fn diary_with_a_healed_lesion() -> (Diary, String) {
    let mut diary = diary_with_one_check_in();
    let mut lesion = diary.lesions[0].clone();
    lesion.healed = true;
    lesion.updated = Instant(now().0 + 1000);
    let id = lesion.id.clone();
    diary.upsert_lesion(lesion);
    (diary, id)
}

#[test]
fn a_new_check_in_copies_only_followed_lesions() {
    let (mut diary, healed) = diary_with_a_healed_lesion();
    // A second lesion, still followed, seen at the same check-in.
    let followed = Lesion {
        healed_at: None,
        healed_earlier: Vec::new(),
        since: None,
        id: "l-followed".into(),
        site: site("left-thumb").unwrap(),
        name: String::new(),
        updated: now(),
        deleted: false,
        healed: false,
        extra: Extra::NONE,
    };
    diary.upsert_lesion(followed.clone());
    let mut previous = diary.entries().next().unwrap().clone();
    previous.observations.push(Observation {
        lesion: followed.id.clone(),
        pain: Some(2),
        size: None,
        signs: vec![],
        extra: Extra::NONE,
    });
    diary.upsert(previous.clone());
    let previous = diary.entries().next().unwrap();

    let mut d = Draft::new(now(), &0, Some(previous));
    assert!(
        d.lesions
            .iter()
            .all(|l| l.lesion_id.as_deref() != Some(healed.as_str())),
        "a new check-in starts without the healed lesion"
    );
    d.same_as_last(previous, &diary);
    let ids: Vec<Option<&str>> = d.lesions.iter().map(|l| l.lesion_id.as_deref()).collect();
    assert_eq!(ids, [Some("l-followed")]);
    // Following it again brings it back.
    let mut again = diary.lesion(&healed).unwrap().clone();
    again.healed = false;
    again.updated = Instant(now().0 + 5000);
    diary.upsert_lesion(again);
    let previous = diary.entries().next().unwrap();
    let mut d = Draft::new(now(), &0, Some(previous));
    assert_eq!(d.same_as_last(previous, &diary), 2);
}

#[test]
fn editing_an_old_check_in_leaves_a_healed_lesion_healed() {
    let (diary, healed) = diary_with_a_healed_lesion();
    let stored = diary.entries().next().unwrap().clone();
    let mut d = Draft::edit(&stored, &diary, &0);
    d.lesions[0].name = "thumb lump".into();
    let later = Instant(now().0 + 10_000);
    let (_, lesions) = d.build(&diary, later, &0, &mut ids()).unwrap();
    assert_eq!(lesions.len(), 1);
    assert_eq!(lesions[0].id, healed);
    assert!(
        lesions[0].healed,
        "still healed after renaming it in an old check-in"
    );
}

#[test]
fn a_save_changes_only_what_the_patient_changed_in_a_lesion_never_another_tabs_rename() {
    let lump = Lesion {
        healed_at: None,
        healed_earlier: Vec::new(),
        since: None,
        id: "l1".into(),
        site: site("left-thumb").unwrap(),
        name: "thumb".into(),
        updated: now(),
        deleted: false,
        healed: false,
        extra: Extra::NONE,
    };
    let mut diary = Diary::default();
    diary.upsert_lesion(lump.clone());
    let before = CheckIn {
        id: "c0".into(),
        at: Instant(now().0 - 86_400_000),
        updated: now(),
        pain: 3,
        observations: vec![Observation {
            lesion: "l1".into(),
            pain: Some(3),
            size: None,
            signs: vec![],
            extra: Extra::NONE,
        }],
        ..CheckIn::default()
    };
    diary.upsert(before.clone());
    // Every way a form takes a followed lesion remembers its name and site.
    let mut same = Draft::new(now(), &60, Some(&before));
    same.same_as_last(&before, &diary);
    let quick = Draft::quick(now(), &60, &diary).unwrap();
    let edit = Draft::edit(&before, &diary, &60);
    for d in [&same, &quick, &edit] {
        assert_eq!(
            d.lesions[0].was,
            Some((site("left-thumb").unwrap(), "thumb".into()))
        );
    }
    // Another tab renames the lump while the form is open; this tab's diary hears of it.
    let mut renamed = diary.clone();
    renamed.upsert_lesion(Lesion {
        name: "right thumb, ulcerated".into(),
        ..lump.clone()
    });
    let mut d = same.clone();
    d.pain = Some(4);
    let (c, lesions) = d.build(&renamed, now(), &60, &mut ids()).unwrap();
    assert_eq!(lesions, vec![], "the other tab's name is not put back");
    assert_eq!(c.observations[0].lesion, "l1");
    // A name the patient changes in the form is saved, with the site as the diary has it.
    d.lesions[0].name = "my thumb".into();
    let (_, lesions) = d.build(&diary, now(), &60, &mut ids()).unwrap();
    let named = |lesions: &[Lesion]| {
        lesions
            .iter()
            .map(|l| (l.name.clone(), l.site))
            .collect::<Vec<_>>()
    };
    let mine = vec![("my thumb".to_string(), site("left-thumb").unwrap())];
    assert_eq!(named(&lesions), mine);
    // Renamed in the form and in the other tab: neither is saved over the other until the
    // patient has seen the other name; then the form's is saved.
    let key = d.lesions[0].key;
    assert_eq!(
        d.build(&renamed, now(), &60, &mut ids()).unwrap_err(),
        vec![(Field::LesionName(key), Problem::RenamedElsewhere)]
    );
    let d = apply(
        d,
        Action::NamesSeen(std::rc::Rc::new(renamed.clone()), vec![key]),
    );
    let (_, lesions) = d.build(&renamed, now(), &60, &mut ids()).unwrap();
    assert_eq!(named(&lesions), mine);
    // The same name typed in both places, or a name typed back to the one the form took, is
    // no conflict.
    let mut both = same.clone();
    both.pain = Some(4);
    both.lesions[0].name = " right thumb, ulcerated ".into();
    assert_eq!(
        both.build(&renamed, now(), &60, &mut ids()).unwrap().1,
        vec![]
    );
    both.lesions[0].name = "thumb".into();
    assert_eq!(
        both.build(&renamed, now(), &60, &mut ids()).unwrap().1,
        vec![]
    );
    // A draft kept by an earlier version (no record of the name it took): as before, the
    // form's name is saved.
    let mut old = same.clone();
    old.pain = Some(4);
    old.lesions[0].was = None;
    let (_, lesions) = old.build(&renamed, now(), &60, &mut ids()).unwrap();
    assert_eq!(lesions.len(), 1);
    assert_eq!(lesions[0].name, "thumb");
    // Kept across a reload, the remembered name and site come back exactly.
    let kept = crate::core::drafts::Drafts {
        check_in: Some(same.clone()),
        question: String::new(),
        ..crate::core::drafts::Drafts::default()
    };
    let store = crate::core::store::MemoryStore::new();
    let keys = crate::core::store::Keys::default();
    crate::core::drafts::write(&store, &keys, &kept).unwrap();
    assert_eq!(crate::core::drafts::read(&store, &keys), kept);
}

#[test]
fn a_new_check_in_is_saved_under_the_id_its_form_was_given_even_after_a_reload() {
    let mut d = Draft::new(now(), &60, None).with_id("c-form-1".into());
    d.pain = Some(2);
    let (c, _) = d.build(&Diary::default(), now(), &60, &mut ids()).unwrap();
    assert_eq!(c.id, "c-form-1");
    let kept = crate::core::drafts::Drafts {
        check_in: Some(d.clone()),
        question: String::new(),
        ..crate::core::drafts::Drafts::default()
    };
    let store = crate::core::store::MemoryStore::new();
    let keys = crate::core::store::Keys::default();
    crate::core::drafts::write(&store, &keys, &kept).unwrap();
    let again = crate::core::drafts::read(&store, &keys).check_in.unwrap();
    assert_eq!(again, d);
    let (c, _) = again
        .build(&Diary::default(), now(), &60, &mut ids())
        .unwrap();
    assert_eq!(c.id, "c-form-1");
    // An edit keeps the edited check-in's id; a draft from before (no id) gets a new one.
    let mut old = d.clone();
    old.new_id = None;
    assert_eq!(
        old.build(&Diary::default(), now(), &60, &mut ids())
            .unwrap()
            .0
            .id,
        "c1"
    );
}

/// The form says the date and time typed in words (the browser shows its fields in its own
/// language's order), and only when both read as such.
#[test]
fn the_date_and_time_typed_are_read_for_saying_in_words() {
    let mut d = Draft::default();
    (d.date, d.time) = ("2026-12-04".into(), "14:30".into());
    let l = d.typed_local().expect("read");
    assert_eq!(
        (l.date, l.hour, l.minute),
        (Date::parse("2026-12-04").unwrap(), 14, 30)
    );
    for (date, time) in [
        ("", "14:30"),
        ("2026-12-04", ""),
        ("2026-02-30", "10:00"),
        ("2026-12-04", "25:00"),
    ] {
        (d.date, d.time) = (date.into(), time.into());
        assert_eq!(d.typed_local(), None, "{date:?} {time:?}");
    }
}

/// A patient whose list of medicines has prednisolone, and whose last check-in said "no" to the
/// immune-weakening question (added since, or missed): a new check-in, full or quick, asks it
/// with "yes" ready, so a fever alone is the same-day call FACTS gives. Without such a medicine
/// the last answer carries over as before.
#[test]
fn a_defence_weakening_medicine_on_the_list_ticks_the_question_in_a_new_check_in() {
    use crate::core::diary::{check_medicine, Medicine};
    use crate::core::triage::{assess_in, Level};
    let mut diary = Diary::default();
    let mut first = Draft::new(Instant(now().0 - 86_400_000), &0, None);
    first.pain = Some(1);
    let (c, _) = first.build(&diary, now(), &0, &mut ids()).unwrap();
    assert!(!c.immune_weakening);
    diary.upsert(c);
    let fever = |d: Draft, diary: &Diary| {
        let mut d = d;
        d.pain = Some(0);
        d.fever = true;
        d.quick.any_warning = Some(false);
        let (c, _) = d.build(diary, now(), &0, &mut ids()).unwrap();
        (c.immune_weakening, assess_in(diary, &c).level)
    };
    let full =
        |diary: &Diary| Draft::new(now(), &0, diary.entries().next()).minding_medicines(diary);
    assert_eq!(
        fever(full(&diary), &diary),
        (false, Level::NextVisit),
        "no such medicine listed"
    );
    let list = |diary: &mut Diary, id: &str, name: &str, how: &str| {
        let text = check_medicine(name, how).unwrap();
        diary.upsert_medicine(Medicine::new(id.into(), text, now()));
    };
    list(&mut diary, "m1", "Diltiazem", "60 mg twice a day");
    assert_eq!(
        fever(full(&diary), &diary),
        (false, Level::NextVisit),
        "diltiazem is not one"
    );
    list(&mut diary, "m2", "Prednisolone", "10 mg every morning");
    assert_eq!(
        fever(full(&diary), &diary),
        (true, Level::CallToday),
        "the full form"
    );
    let quick = Draft::quick(now(), &0, &diary).unwrap();
    assert_eq!(
        fever(quick, &diary),
        (true, Level::CallToday),
        "the quick form"
    );
    // Unticked by the patient, the answer is theirs.
    let mut unticked = full(&diary);
    unticked.immune_weakening = false;
    assert!(!fever(unticked, &diary).0);
    diary.delete_medicine("m2", now());
    assert_eq!(
        fever(full(&diary), &diary),
        (false, Level::NextVisit),
        "taken off the list"
    );
}

/// A new check-in's form opened in Lisbon at 23:24, kept unsaved and saved after the device
/// moved to another time zone. Its words "2026-12-04 23:24" read there named another instant:
/// in Tokyo nine hours before the form opened, in New York the future (refused). It keeps the
/// instant it opened at, and reopened it shows it in the new zone.
#[test]
fn a_new_check_in_kept_and_saved_in_another_time_zone_keeps_the_time_it_opened_at() {
    use crate::core::json::{self, Stored};
    use crate::core::test_support::{at, Lisbon};
    let opened = at("2026-12-04T23:24:00Z");
    let diary = Diary::default();
    let mut d = Draft::new(Instant(opened.0 + 17_000), &Lisbon, None);
    assert_eq!((d.date.as_str(), d.time.as_str()), ("2026-12-04", "23:24"));
    d.pain = Some(3);
    d.notes = "typed, not saved".into();
    let kept = Draft::read(json::parse(&json::to_text(&d)).unwrap()).unwrap();
    assert_eq!(kept, d, "kept whole, with when it opened");
    let (tokyo, new_york) = (540, -300);
    let soon = at("2026-12-05T01:00:00Z");
    for zone in [tokyo, new_york] {
        let (c, _) = kept.build(&diary, soon, &zone, &mut ids()).unwrap();
        assert_eq!(c.at, opened, "zone {zone}");
    }
    let reopened = kept.clone().shown_in(&diary, &tokyo);
    assert_eq!(
        (reopened.date.as_str(), reopened.time.as_str()),
        ("2026-12-05", "08:24")
    );
    assert_eq!(
        reopened
            .build(&diary, soon, &tokyo, &mut ids())
            .unwrap()
            .0
            .at,
        opened
    );
    // A time the patient types is read in the zone the device is in now.
    let mut moved = kept.clone();
    moved.time = "08:00".into();
    moved.date = "2026-12-05".into();
    let (c, _) = moved.build(&diary, soon, &tokyo, &mut ids()).unwrap();
    assert_eq!(c.at, at("2026-12-04T23:00:00Z"));
    assert_eq!(
        moved.clone().shown_in(&diary, &tokyo),
        moved,
        "typed words stay"
    );
    // A form kept by an earlier version (no time it opened at) is read as before.
    let older = Draft {
        when_shown: None,
        opened: None,
        ..kept
    };
    let (c, _) = older.build(&diary, soon, &tokyo, &mut ids()).unwrap();
    assert_eq!(c.at, at("2026-12-04T14:24:00Z"));
}

#[test]
fn a_size_is_whole_millimetres_and_a_decimal_is_never_read_as_another_number() {
    for (typed, want) in [
        ("12", Some(12)),
        (" 12 mm ", Some(12)),
        ("7mm", Some(7)),
        ("12,5", None),
        ("12.5", None),
        ("1.200", None),
        ("+12", None),
        ("-3", None),
        ("", None),
        ("mm", None),
        ("99999", None),
    ] {
        assert_eq!(whole_mm(typed), want, "{typed:?}");
    }
}

#[test]
fn a_lump_removed_from_the_form_comes_back_as_typed_at_its_place_once() {
    let mut d = Draft::new(now(), &0, None);
    let (a, b, c) = (d.add_lesion(), d.add_lesion(), d.add_lesion());
    let l = d.lesion_mut(b).unwrap();
    l.site = site("left-forearm");
    l.name = "elbow lump".into();
    l.size = SizeChoice::Measured;
    l.mm = "7".into();
    l.signs.insert(Sign::OpenSore);
    let removed = d.lesions[1].clone();
    let d = apply(d, Action::RemoveLesion(b));
    assert_eq!(d.lesions.iter().map(|l| l.key).collect::<Vec<_>>(), [a, c]);
    let d = apply(d, Action::RestoreLesion(1, Box::new(removed.clone())));
    assert_eq!(
        d.lesions.iter().map(|l| l.key).collect::<Vec<_>>(),
        [a, b, c]
    );
    assert_eq!(d.lesions[1], removed, "every answer as typed");
    // Undo pressed twice: still one.
    let mut d = apply(d, Action::RestoreLesion(1, Box::new(removed)));
    assert_eq!(d.lesions.len(), 3);
    // A lump added after the removal gets a new key, never the removed one's.
    assert!(![a, b, c].contains(&d.add_lesion()));
}

/// A form that cannot be saved yet (no pain score, a lump with no place) is still routed on what
/// is ticked: "I fainted" is an emergency before the pain scale is answered, and pus on a lump
/// whose place is not chosen yet counts. Before, the patient was only sent to answer the scale.
#[test]
fn a_form_that_cannot_be_saved_yet_is_routed_on_what_is_ticked() {
    use crate::core::triage::Level;
    let route = |d: &Draft| {
        assert!(d.build(&Diary::default(), now(), &0, &mut ids()).is_err());
        d.routed_as_ticked(&Diary::default(), now(), &0, &mut ids())
            .level
    };
    let mut fainted = Draft::new(now(), &0, None);
    fainted.warnings.insert(Warning::Fainted);
    assert_eq!(route(&fainted), Level::Emergency);

    let mut pus = Draft::new(now(), &0, None);
    pus.pain = Some(3);
    let k = pus.add_lesion();
    pus.lesion_mut(k).unwrap().signs.insert(Sign::PusCloudy);
    assert_eq!(route(&pus), Level::CallToday);
    // The lump with no place is only routed, never saved: its problem is still the place.
    let err = pus
        .build(&Diary::default(), now(), &0, &mut ids())
        .unwrap_err();
    assert_eq!(err, vec![(Field::LesionSite(k), Problem::Missing)]);

    // Nothing ticked and no pain score: nothing urgent.
    assert!(route(&Draft::new(now(), &0, None)) < Level::CallToday);
}

/// Found by a second reading: a lump taken off the list in another tab while this tab's form
/// held it came back without its name (its tombstone has none) when the form was saved.
#[test]
fn a_lump_taken_off_the_list_elsewhere_comes_back_with_the_forms_name() {
    let mut diary = diary_with_one_check_in();
    let mut d = Draft::new(now(), &0, diary.entries().next());
    let before = diary.entries().next().unwrap().clone();
    d.same_as_last(&before, &diary);
    d.pain = Some(2);
    let id = d.lesions[0].lesion_id.clone().unwrap();
    let named = diary.lesion(&id).unwrap().name.clone();
    assert!(!named.is_empty());
    // Taken off the list elsewhere: the tombstone, without its name.
    let mut tomb = diary.lesion(&id).unwrap().clone();
    tomb.deleted = true;
    tomb.name.clear();
    diary.upsert_lesion(tomb);
    let (_, lesions) = d.build(&diary, now(), &0, &mut ids()).unwrap();
    let back = lesions.iter().find(|l| l.id == id).unwrap();
    assert!(!back.deleted);
    assert_eq!(back.name, named);
}
