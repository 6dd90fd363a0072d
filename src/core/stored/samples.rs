//! Records with every optional field set and with none, for the stored-format tests: the texts
//! in `fixtures.rs` are what the serde derive wrote for these before the hand-written path.

use crate::core::diary::{
    Adherence, CheckIn, Diary, Lesion, Medicine, Observation, QuestionNote, SideEffect, Sign, Size,
    Warning,
};
use crate::core::draft::{Draft, SizeChoice};
use crate::core::drafts::Drafts;
use crate::core::export::backup::BackupSettings;
use crate::core::export::ics::{Frequency, Reminder, Weekday};
use crate::core::json::Extra;
use crate::core::prefs::{BackupHeld, Prefs};
use crate::core::sites::Site;
use crate::core::time::Instant;
use crate::core::triage::{Given, GivenSlot, Level, Reason};
use crate::core::walkthrough::SavedPlace;

pub const AT: Instant = Instant(1_764_500_000_000);

/// Every character JSON escapes, and some it does not.
pub const AWKWARD: &str =
    "say \"hi\" \\ / \u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f} é \u{2028} \u{1fa79}";

pub fn site(id: &str) -> Site {
    Site::parse(id).unwrap()
}

pub fn full_diary() -> Diary {
    Diary {
        lesions: vec![
            Lesion {
                healed_at: None,
                healed_earlier: Vec::new(),
                since: None,
                id: "l1".into(),
                site: site("left-forearm"),
                name: AWKWARD.into(),
                updated: AT,
                deleted: true,
                healed: true,
                extra: Extra::NONE,
            },
            Lesion {
                healed_at: None,
                healed_earlier: Vec::new(),
                since: None,
                id: "l2".into(),
                site: site("right-index-finger"),
                name: String::new(),
                updated: Instant(AT.0 + 1000),
                deleted: false,
                healed: false,
                extra: Extra::NONE,
            },
            Lesion {
                healed_at: None,
                healed_earlier: Vec::new(),
                since: None,
                id: "l3".into(),
                site: site("face"),
                name: "lump".into(),
                updated: AT,
                deleted: false,
                healed: true,
                extra: Extra::NONE,
            },
        ],
        check_ins: vec![
            CheckIn {
                id: "c1".into(),
                at: Instant(AT.0 - 86_400_000),
                updated: AT,
                pain: 7,
                observations: vec![
                    Observation {
                        lesion: "l1".into(),
                        pain: Some(4),
                        size: Some(Size::Mm(12)),
                        signs: vec![Sign::OpenSore, Sign::RedStreaks, Sign::New],
                        extra: Extra::NONE,
                    },
                    Observation {
                        lesion: "l2".into(),
                        pain: None,
                        size: Some(Size::RiceGrain),
                        signs: vec![],
                        extra: Extra::NONE,
                    },
                    Observation {
                        lesion: "l3".into(),
                        pain: Some(0),
                        size: None,
                        signs: vec![Sign::SkinDark],
                        extra: Extra::NONE,
                    },
                ],
                fever: true,
                // Asked only with no lump known; this check-in has three.
                lump_now: false,
                raynaud: true,
                stiffness: true,
                daily_effect: Some(10),
                sleep: true,
                warnings: vec![Warning::RaynaudNotRecovering, Warning::Confused],
                immune_weakening: true,
                adherence: Some(Adherence::MissedSome),
                side_effects: vec![SideEffect::SlowOrPoundingHeartbeat, SideEffect::Other],
                other_side_effect: "itch \"x\"".into(),
                notes: AWKWARD.into(),
                deleted: true,
                given: Default::default(),
                extra: Extra::NONE,
            },
            CheckIn {
                id: "c2".into(),
                at: Instant(AT.0 + 2000),
                updated: Instant(AT.0 + 2000),
                pain: 0,
                given: GivenSlot(Some(Given {
                    level: Level::CallToday,
                    reasons: vec![Reason::PusCloudy, Reason::OpenSore],
                    for_update: Instant(AT.0 + 2000),
                })),
                ..CheckIn::default()
            },
        ]
        .into_iter()
        .map(std::rc::Rc::new)
        .collect(),
        questions: vec![
            QuestionNote {
                id: "q1".into(),
                text: AWKWARD.into(),
                updated: AT,
                deleted: true,
                extra: Extra::NONE,
            },
            QuestionNote {
                id: "q2".into(),
                text: String::new(),
                updated: AT,
                deleted: false,
                extra: Extra::NONE,
            },
        ],
        medicines: vec![
            Medicine {
                id: "m1".into(),
                name: "Diltiazem 2% cream".into(),
                how: AWKWARD.into(),
                updated: AT,
                deleted: true,
                extra: Extra::NONE,
            },
            Medicine {
                id: "m2".into(),
                name: "Aspirin".into(),
                how: String::new(),
                updated: AT,
                deleted: false,
                extra: Extra::NONE,
            },
        ],
        extra: Extra::NONE,
    }
}

pub fn full_draft() -> Draft {
    let mut d = Draft::default();
    d.editing = Some("c1".into());
    d.base = Some(AT);
    d.date = "2026-11-30".into();
    d.time = "08:05".into();
    d.pain = Some(3);
    d.fever = true;
    d.raynaud = true;
    d.stiffness = true;
    d.sleep = true;
    d.daily = Some(2);
    d.immune_weakening = true;
    d.adherence = Some(Adherence::NotTaking);
    d.other_side_effect = AWKWARD.into();
    d.notes = "notes".into();
    d.warnings.insert(Warning::Hives);
    d.warnings.insert(Warning::Blisters);
    d.side_effects.insert(SideEffect::Headache);
    let a = d.add_lesion();
    let l = d.lesion_mut(a).unwrap();
    l.lesion_id = Some("l1".into());
    l.site = Some(site("face"));
    l.name = "chin lump".into();
    l.pain = Some(9);
    l.size = SizeChoice::Measured;
    l.mm = "12".into();
    l.signs.insert(Sign::Growing);
    l.signs.insert(Sign::PusCloudy);
    let b = d.add_lesion();
    d.lesion_mut(b).unwrap().size = SizeChoice::RiceGrain;
    d
}

pub fn full_drafts() -> Drafts {
    Drafts {
        check_in: Some(full_draft()),
        question: AWKWARD.into(),
        ..Drafts::default()
    }
}

pub fn full_prefs() -> Prefs {
    Prefs {
        patient_name: AWKWARD.into(),
        last_backup: Some(AT),
        // Of the live records alone, as the version that first kept the mark wrote it (it did
        // not hold deletions): such a mark is read and written back byte for byte.
        backup_held: Some(BackupHeld::of(&live_part(full_diary()), AT)),
        extra: Extra::NONE,
    }
}

/// `diary` without its deleted records.
fn live_part(mut diary: Diary) -> Diary {
    diary.lesions.retain(|r| !r.deleted);
    diary.check_ins.retain(|r| !r.deleted);
    diary.questions.retain(|r| !r.deleted);
    diary.medicines.retain(|r| !r.deleted);
    diary
}

pub fn place() -> SavedPlace {
    SavedPlace::at("what-is-it")
}

pub fn settings(frequency: Frequency) -> BackupSettings {
    BackupSettings {
        patient_name: Some(AWKWARD.into()),
        reminder: Some(Reminder {
            frequency,
            hour: 8,
            minute: 30,
        }),
    }
}

pub fn weekly() -> Frequency {
    Frequency::Weekly(Weekday::Wednesday)
}
