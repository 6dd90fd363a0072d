use super::*;
use crate::core::test_support::at as t;

fn lesion(id: &str, site: &str, updated: &str) -> Lesion {
    Lesion {
        healed_at: None,
        healed_earlier: Vec::new(),
        since: None,
        id: id.into(),
        site: Site::parse(site).unwrap(),
        name: String::new(),
        updated: t(updated),
        deleted: false,
        healed: false,
        extra: Extra::NONE,
    }
}

fn check_in(id: &str, at: &str, pain: u8) -> CheckIn {
    CheckIn {
        id: id.into(),
        at: t(at),
        updated: t(at),
        pain,
        ..CheckIn::default()
    }
}

const NOW: &str = "2026-11-25T12:00:00Z";

#[test]
fn a_valid_check_in_has_no_problems() {
    let lesions = [lesion("l1", "right-index-finger", NOW)];
    let mut c = check_in("c1", "2026-11-25T11:00:00Z", 10);
    c.daily_effect = Some(0);
    c.observations.push(Observation {
        lesion: "l1".into(),
        pain: Some(0),
        size: Some(Size::Mm(12)),
        signs: vec![Sign::OpenSore],
        extra: Extra::NONE,
    });
    assert_eq!(validate(&c, &lesions, t(NOW)), vec![]);
}

#[test]
fn validation_lists_every_problem() {
    let lesions = [lesion("l1", "left-forearm", NOW)];
    let mut c = check_in("c1", "2026-11-26T12:00:00Z", 11);
    c.daily_effect = Some(12);
    let obs = |id: &str, pain, size| Observation {
        lesion: id.into(),
        pain,
        size,
        signs: vec![],
        extra: Extra::NONE,
    };
    c.observations = vec![
        obs("l1", Some(11), Some(Size::Mm(0))),
        obs("l1", None, Some(Size::Mm(MAX_SIZE_MM + 1))),
        obs("ghost", None, None),
    ];
    let l1 = || "l1".to_string();
    assert_eq!(
        validate(&c, &lesions, t(NOW)),
        vec![
            Invalid::PainOutOfRange,
            Invalid::DailyEffectOutOfRange,
            Invalid::InFuture,
            Invalid::LesionPainOutOfRange { lesion: l1() },
            Invalid::SizeOutOfRange { lesion: l1() },
            Invalid::DuplicateLesion { lesion: l1() },
            Invalid::SizeOutOfRange { lesion: l1() },
            Invalid::UnknownLesion {
                lesion: "ghost".into()
            },
        ]
    );
}

#[test]
fn a_deleted_lesion_cannot_be_observed_and_a_minute_of_clock_skew_is_allowed() {
    let mut l = lesion("l1", "face", NOW);
    l.deleted = true;
    let mut c = check_in("c1", "2026-11-25T12:00:30Z", 2);
    c.observations.push(Observation {
        lesion: "l1".into(),
        pain: None,
        size: None,
        signs: vec![],
        extra: Extra::NONE,
    });
    assert_eq!(
        validate(&c, &[l], t(NOW)),
        vec![Invalid::UnknownLesion {
            lesion: "l1".into()
        }]
    );
}

/// "Healed now, and when" is the lump's state as of now: marked healed and still in the diary.
/// A lump followed again keeps when it was marked but is not healed; a lump removed from the
/// diary has no state now, whatever its tombstone kept.
#[test]
fn healed_now_is_marked_healed_and_still_in_the_diary() {
    let when = t("2026-11-20T08:00:00Z");
    let mut l = lesion("l1", "right-index-finger", NOW);
    assert_eq!((l.healed_now(), l.marked_healed_at()), (false, None));
    l.healed = true;
    assert_eq!(
        (l.healed_now(), l.marked_healed_at()),
        (true, None),
        "no time kept"
    );
    l.healed_at = Some(when);
    assert_eq!((l.healed_now(), l.marked_healed_at()), (true, Some(when)));
    l.deleted = true;
    assert_eq!(
        (l.healed_now(), l.marked_healed_at()),
        (false, None),
        "removed"
    );
    l.deleted = false;
    l.healed = false;
    assert_eq!(
        (l.healed_now(), l.marked_healed_at()),
        (false, None),
        "followed again"
    );
}

#[test]
fn ids_are_short_distinct_and_time_ordered() {
    let a = new_id('c', t("2026-11-25T12:00:00Z"), 7);
    let b = new_id('c', t("2026-11-25T12:00:00Z"), 8);
    let later = new_id('c', t("2026-11-26T12:00:00Z"), 7);
    assert!(a.starts_with('c') && a.len() <= 16, "{a}");
    assert_ne!(a, b);
    assert!(later > a);
    // The time an id was made with reads back from it (the printout's medicine dates use it).
    assert_eq!(made_at(&a), Some(t("2026-11-25T12:00:00Z")));
    assert_eq!(
        made_at(&new_id('m', t("2026-11-25T12:00:00Z"), u32::MAX)),
        Some(t("2026-11-25T12:00:00Z"))
    );
    assert_eq!(
        (made_at("m1"), made_at("mnine0"), made_at("m-x")),
        (None, None, None)
    );
}

#[test]
fn serialises_compactly_and_round_trips_every_field() {
    let mut c = check_in("c1", "2026-11-25T11:00:00Z", 4);
    c.observations.push(Observation {
        lesion: "l1".into(),
        pain: Some(3),
        size: Some(Size::Pea),
        signs: vec![Sign::OpenSore, Sign::ChalkyDischarge],
        extra: Extra::NONE,
    });
    c.fever = true;
    c.daily_effect = Some(6);
    c.warnings = vec![Warning::ChestPain];
    c.adherence = Some(Adherence::MissedSome);
    c.side_effects = vec![SideEffect::Other];
    c.other_side_effect = "itchy <b>skin</b>".into();
    c.notes = "\"quoted\", and a\nnew line".into();
    let diary = Diary {
        lesions: vec![lesion("l1", "right-thumb", NOW)],
        check_ins: vec![c.into()],
        questions: vec![],
        medicines: vec![],
        extra: Extra::NONE,
    };
    let text = crate::core::json::to_text(&diary);
    assert_eq!(crate::core::json::from_text::<Diary>(&text).unwrap(), diary);
    // Empty and false fields are left out.
    let bare = crate::core::json::to_text(&check_in("c2", NOW, 0));
    assert_eq!(
        bare,
        r#"{"id":"c2","at":"2026-11-25T12:00:00Z","upd":"2026-11-25T12:00:00Z","pain":0}"#
    );
    // "I have a lump or sore now", asked with a fever and no lump known.
    let mut said = check_in("c3", NOW, 2);
    said.fever = true;
    said.lump_now = true;
    let text = crate::core::json::to_text(&said);
    assert!(text.contains(r#""lump_now":true"#), "{text}");
    assert_eq!(
        crate::core::json::from_text::<CheckIn>(&text).unwrap(),
        said
    );
}

#[test]
fn a_long_note_survives_intact() {
    let mut c = check_in("c1", NOW, 1);
    c.notes = "é<script>alert(1)</script>".repeat(4000);
    assert!(c.notes.chars().count() >= 100_000);
    let back: CheckIn = crate::core::json::from_text(&crate::core::json::to_text(&c)).unwrap();
    assert_eq!(back.notes, c.notes);
}

#[test]
fn merge_keeps_records_from_both_sides_and_the_later_edit() {
    let mut ours = Diary::default();
    ours.upsert(check_in("a", "2026-11-01T10:00:00Z", 1));
    ours.upsert(check_in("b", "2026-11-02T10:00:00Z", 2));
    let mut theirs = Diary::default();
    theirs.upsert(check_in("c", "2026-11-03T10:00:00Z", 3));
    let mut b_edited = check_in("b", "2026-11-02T10:00:00Z", 7);
    b_edited.updated = t("2026-11-05T10:00:00Z");
    theirs.upsert(b_edited);
    // An older copy of "a" must not win over ours.
    let mut a_old = check_in("a", "2026-11-01T10:00:00Z", 9);
    a_old.updated = t("2026-10-01T10:00:00Z");
    theirs.upsert(a_old);

    let report = ours.merge(&theirs);
    assert_eq!(
        report,
        MergeReport {
            added: 1,
            updated: 1,
            kept_ours: 1,
            ..MergeReport::default()
        }
    );
    let pains: Vec<(String, u8)> = ours.entries().map(|c| (c.id.clone(), c.pain)).collect();
    assert_eq!(
        pains,
        vec![("c".into(), 3), ("b".into(), 7), ("a".into(), 1)]
    );
    // Merging the same copy again changes nothing.
    let again = ours.clone().merge(&theirs);
    assert_eq!(again.added + again.updated, 0);
}

#[test]
fn deletes_are_tombstones_that_merge_and_undo_restores() {
    let mut a = Diary::default();
    let mut x = check_in("x", "2026-11-01T10:00:00Z", 1);
    x.notes = "private".into();
    a.upsert(x);
    let mut b = a.clone();
    let before = a.delete("x", t("2026-11-02T00:00:00Z")).unwrap();
    assert_eq!(a.entries().count(), 0);
    assert!(a.delete("x", t(NOW)).is_none(), "already deleted");
    let tombstone = a.check_ins.iter().find(|c| c.id == "x").unwrap();
    assert!(
        tombstone.deleted && tombstone.notes.is_empty() && tombstone.pain == 0,
        "content is not kept"
    );
    b.merge(&a);
    assert_eq!(
        b.entries().count(),
        0,
        "the deletion reaches the other copy"
    );
    a.restore(before, t("2026-11-03T00:00:00Z"));
    assert_eq!(a.entries().count(), 1);
    b.merge(&a);
    assert_eq!(
        b.check_in("x").map(|c| c.pain),
        Some(1),
        "undo reaches it too"
    );
}

#[test]
fn previous_finds_the_newest_earlier_live_check_in() {
    let mut d = Diary::default();
    d.upsert(check_in("a", "2026-11-01T10:00:00Z", 1));
    d.upsert(check_in("b", "2026-11-02T10:00:00Z", 2));
    d.upsert(check_in("c", "2026-11-03T10:00:00Z", 3));
    d.delete("b", t(NOW));
    assert_eq!(
        d.previous(t("2026-11-03T10:00:00Z"), "c")
            .map(|c| c.id.as_str()),
        Some("a")
    );
    assert_eq!(d.previous(t("2026-11-01T10:00:00Z"), "a"), None);
}

#[test]
fn lesions_upsert_by_id_and_only_live_ones_are_listed() {
    let mut d = Diary::default();
    d.upsert_lesion(lesion("l2", "left-knee", NOW));
    d.upsert_lesion(lesion("l1", "right-thumb", NOW));
    let mut renamed = lesion("l1", "right-thumb", "2026-11-25T13:00:00Z");
    renamed.name = "thumb lump".into();
    d.upsert_lesion(renamed);
    let mut gone = lesion("l2", "left-knee", "2026-11-25T13:00:00Z");
    gone.deleted = true;
    d.upsert_lesion(gone);
    let live: Vec<&str> = d.live_lesions().map(|l| l.name.as_str()).collect();
    assert_eq!(live, vec!["thumb lump"]);
    assert_eq!(d.lesions.len(), 2);
}

#[test]
fn between_filters_by_local_date_inclusive() {
    let mut d = Diary::default();
    d.upsert(check_in("a", "2026-11-01T10:00:00Z", 1));
    d.upsert(check_in("b", "2026-11-02T23:30:00Z", 2));
    d.upsert(check_in("c", "2026-11-05T10:00:00Z", 3));
    let day = |s: &str| Date::parse(s);
    let ids = |it: Vec<&CheckIn>| it.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(d
            .between(day("2026-11-02"), day("2026-11-05"), &0)
            .collect()),
        vec!["c", "b"]
    );
    // At UTC+1, "b" falls on 3 November.
    assert_eq!(
        ids(d.between(day("2026-11-03"), None, &60).collect()),
        vec!["c", "b"]
    );
    assert_eq!(
        ids(d.between(None, day("2026-11-01"), &0).collect()),
        vec!["a"]
    );
    assert_eq!(d.between(None, None, &0).count(), 3);
}

#[test]
fn without_a_range_no_local_date_is_worked_out() {
    // The browser's zone is a call into JavaScript per check-in: ten years of them on every
    // showing of the history.
    struct Counting(std::cell::Cell<usize>);
    impl Zone for Counting {
        fn offset_min(&self, _at: Instant) -> i32 {
            self.0.set(self.0.get() + 1);
            0
        }
    }
    let mut d = Diary::default();
    d.upsert(check_in("a", "2026-11-01T10:00:00Z", 1));
    d.upsert(check_in("b", "2026-11-02T10:00:00Z", 2));
    d.delete("a", Instant::parse_rfc3339("2026-11-03T10:00:00Z").unwrap());
    let zone = Counting(std::cell::Cell::new(0));
    let all: Vec<&str> = d
        .between(None, None, &zone)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(all, vec!["b"], "live check-ins only");
    assert_eq!(zone.0.get(), 0);
    assert_eq!(d.between(Date::parse("2026-11-02"), None, &zone).count(), 1);
    assert!(zone.0.get() > 0);
}

mod future_stamps {
    use super::super::*;

    fn far_future() -> Instant {
        Instant::parse_rfc3339("9999-12-31T23:59:59Z").unwrap()
    }

    fn now() -> Instant {
        Instant::parse_rfc3339("2026-11-30T10:00:00Z").unwrap()
    }

    fn stamped(updated: Instant) -> Diary {
        let mut d = Diary::default();
        d.check_ins.push(std::rc::Rc::new(CheckIn {
            id: "c1".into(),
            at: now(),
            updated,
            pain: 3,
            ..CheckIn::default()
        }));
        d
    }

    /// Saving is re-reading the stored copy, bringing its future edit times back to now, and
    /// merging ours into it (as `diary_store::save` does): ours must win.
    fn save(stored: &Diary, ours: &Diary) -> Diary {
        let mut merged = stored.clone();
        merged.clamp_future_edits(now());
        merged.merge(ours);
        merged
    }

    #[test]
    fn an_edit_of_a_future_stamped_check_in_is_kept() {
        let stored = stamped(far_future());
        let mut ours = stored.clone();
        ours.upsert(CheckIn {
            pain: 9,
            updated: now(),
            ..(*stored.check_ins[0]).clone()
        });
        let merged = save(&stored, &ours);
        assert_eq!(merged.check_in("c1").unwrap().pain, 9);
    }

    #[test]
    fn a_deletion_of_a_future_stamped_check_in_stays_deleted() {
        let stored = stamped(far_future());
        let mut ours = stored.clone();
        let before = ours.delete("c1", now()).unwrap();
        let merged = save(&stored, &ours);
        assert!(merged.check_in("c1").is_none(), "the deletion wins");
        // And undo brings it back, later again than the tombstone.
        let mut undone = merged.clone();
        undone.restore(before, now());
        assert_eq!(save(&merged, &undone).check_in("c1").unwrap().pain, 3);
    }

    #[test]
    fn questions_and_lesions_follow_the_same_rule() {
        let mut d = Diary::default();
        d.questions.push(QuestionNote {
            id: "q".into(),
            text: "Ask".into(),
            updated: far_future(),
            deleted: false,
            extra: Extra::NONE,
        });
        let lesion = Lesion {
            healed_at: None,
            healed_earlier: Vec::new(),
            since: None,
            id: "l".into(),
            site: crate::core::sites::Site::parse("left-elbow").unwrap(),
            name: String::new(),
            updated: far_future(),
            deleted: false,
            healed: false,
            extra: Extra::NONE,
        };
        d.lesions.push(lesion.clone());
        let mut ours = d.clone();
        ours.delete_question("q", now());
        ours.upsert_lesion(Lesion {
            name: "renamed".into(),
            updated: now(),
            ..lesion
        });
        let merged = save(&d, &ours);
        assert!(merged.questions[0].deleted);
        assert_eq!(merged.lesions[0].name, "renamed");
    }

    #[test]
    fn a_question_on_the_list_is_found_by_its_text_and_a_removed_one_is_not() {
        let q = |id: &str, text: &str, deleted: bool| QuestionNote {
            id: id.into(),
            text: text.into(),
            updated: now(),
            deleted,
            extra: Extra::NONE,
        };
        let mut d = Diary::default();
        d.questions.push(q("q1", "Can I swim?", true));
        d.questions.push(q("q2", "Can I swim? ", false));
        d.questions.push(q("q3", "Is it gout?", false));
        assert_eq!(d.question_with_text("  Can I swim?\n"), Some("q2"));
        assert_eq!(d.question_with_text("Is it gout?"), Some("q3"));
        assert_eq!(d.question_with_text("is it gout?"), None, "another text");
        assert_eq!(d.question_with_text("Can I"), None, "another text");
        d.questions.retain(|q| q.id != "q2");
        assert_eq!(
            d.question_with_text("Can I swim?"),
            None,
            "only a removed one"
        );
    }

    /// Found by review: a removed question kept its words in storage and backups (a removed
    /// check-in's and medicine's do not), which also made its removal larger than the question
    /// (refused with storage full); its Undo added it anew, last on the list.
    #[test]
    fn a_question_removed_keeps_no_words_and_its_undo_puts_it_back_in_place() {
        let q = |id: &str, text: &str| QuestionNote {
            id: id.into(),
            text: text.into(),
            updated: now(),
            deleted: false,
            extra: Extra::NONE,
        };
        let mut d = Diary::default();
        for (id, text) in [("q1", "First?"), ("q2", "Second?"), ("q3", "Third?")] {
            d.questions.push(q(id, text));
        }
        let held = d.questions[1].clone();
        let later = Instant(now().0 + 60_000);
        d.delete_question("q2", later);
        let gone = &d.questions[1];
        assert!(gone.deleted && gone.text.is_empty(), "{gone:?}");
        assert!(gone.updated > held.updated);
        let stored = d.clone();

        let even_later = Instant(now().0 + 120_000);
        assert!(d.undo_delete_question(&held, even_later));
        let texts: Vec<&str> = d
            .questions
            .iter()
            .filter(|q| !q.deleted)
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(texts, ["First?", "Second?", "Third?"], "in its place");
        assert_eq!(d.questions.len(), 3, "no second copy");
        assert!(d.questions[1].updated > stored.questions[1].updated);
        // It wins a merge with the stored removal.
        let mut merged = stored.clone();
        merged.merge(&d);
        assert_eq!(merged.questions[1], d.questions[1]);
        // Listed again, or its removal gone (everything deleted since): nothing to undo.
        assert!(!d.undo_delete_question(&held, even_later));
        assert!(!Diary::default().undo_delete_question(&held, even_later));
    }

    #[test]
    fn a_later_stamp_survives_being_written_to_the_second() {
        let prev = Instant(now().0 + 400);
        let next = edit_stamp(prev, now());
        let written = Instant::parse_rfc3339(&next.to_rfc3339()).unwrap();
        assert!(
            written > prev,
            "{} is not after {}",
            written.to_rfc3339(),
            prev.to_rfc3339()
        );
        let last = edit_stamp(far_future(), now());
        assert_eq!(Instant::parse_rfc3339(&last.to_rfc3339()), Some(last));
    }

    #[test]
    fn future_edit_times_count_as_the_oldest_and_near_ones_are_kept() {
        let mut d = stamped(far_future());
        let soon = Instant(now().0 + 60_000);
        d.questions.push(QuestionNote {
            id: "q".into(),
            text: "Ask".into(),
            updated: soon,
            deleted: false,
            extra: Extra::NONE,
        });
        assert_eq!(d.clamp_future_edits(now()), 1);
        assert!(is_unknown_edit_time(d.check_ins[0].updated));
        assert!(d.check_ins[0].updated < Instant::parse_rfc3339("2001-09-09T01:46:40Z").unwrap());
        assert_eq!(d.questions[0].updated, soon, "within the allowance");
    }

    /// Every kind of record goes through the same clamp, and an edit's starting point is
    /// recognised by its edit time: so different future times must stay different (and whole
    /// seconds), older than any real edit, and the same whenever they are read.
    #[test]
    fn future_edit_times_stay_apart_when_clamped() {
        let times = [
            Instant(now().0 + 2 * 86_400_000),
            Instant(now().0 + 3 * 86_400_000),
            Instant(now().0 + 365 * 86_400_000 + 1000),
            far_future(),
        ];
        let clamped: Vec<Instant> = times.iter().map(|&t| unknown_edit_time(t)).collect();
        for (i, c) in clamped.iter().enumerate() {
            assert!(is_unknown_edit_time(*c) && c.0 >= 0, "{c:?}");
            assert!(*c < Instant::parse_rfc3339("2001-09-10T00:00:00Z").unwrap());
            assert_eq!(c.0 % 1000, 0, "whole seconds");
            assert_eq!(unknown_edit_time(times[i]), *c, "the same on every read");
            assert!(clamped[i + 1..].iter().all(|o| o != c), "{clamped:?}");
        }
        assert!(!is_unknown_edit_time(now()));
        // Clamped once and written back, a time is not moved again.
        let mut d = stamped(times[0]);
        assert_eq!(d.clamp_future_edits(now()), 1);
        assert_eq!(d.clamp_future_edits(now()), 0);
        assert_eq!(d.check_ins[0].updated, clamped[0]);
    }
}

/// The views share the diary as `Rc<Diary>` and compare it on every render (the context the
/// diary components read, the dependencies of the trend's and summary's memos). `Rc` compares
/// by address first only when the value is `Eq`; before it was, a ten-year diary was compared
/// check-in by check-in (about 8 ms) whenever anything else in the context changed, such as a
/// draft kept at each keystroke. This fails to compile if a field stops the diary being `Eq`.
#[test]
fn the_diary_is_eq_so_shared_copies_compare_by_address_first() {
    fn needs_eq<T: Eq>(value: &T) -> bool {
        value == value
    }
    let shared = std::rc::Rc::new(Diary {
        check_ins: vec![check_in("c1", "2026-01-05T10:00:00Z", 4).into()],
        ..Diary::default()
    });
    assert!(needs_eq(&*shared));
    assert!(shared == std::rc::Rc::clone(&shared));
}

/// The form asks about fainting once, as the emergency warning sign; an old tick stays visible.
#[test]
fn fainting_is_offered_once_as_a_warning_sign_and_an_old_tick_still_shows() {
    let offered: Vec<SideEffect> = SideEffect::ALL
        .into_iter()
        .filter(|s| s.offered(false))
        .collect();
    assert!(!offered.contains(&SideEffect::Fainting));
    assert_eq!(offered.len(), SideEffect::ALL.len() - 1);
    assert!(
        SideEffect::Fainting.offered(true),
        "ticked before: still shown"
    );
    assert!(Warning::ALL.contains(&Warning::Fainted));
}
