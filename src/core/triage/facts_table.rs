//! The red flags of the medical facts (FACTS.md, "Red flags"), one row per sign and per
//! combination FACTS names, with the level FACTS gives it. Over-triage is a defect too: the
//! last rows are signs FACTS says to report at the next visit, and they must stay there.

use super::*;
use crate::core::diary::{Adherence, CheckIn, Observation, SideEffect, Sign, Warning};
use crate::core::json::Extra;

fn lump(signs: &[Sign], pain: Option<u8>) -> Observation {
    Observation {
        lesion: "lump".into(),
        pain,
        size: None,
        signs: signs.to_vec(),
        extra: Extra::NONE,
    }
}

fn signs(s: &[Sign]) -> CheckIn {
    CheckIn {
        observations: vec![lump(s, None)],
        ..CheckIn::default()
    }
}

fn warn(w: Warning) -> CheckIn {
    CheckIn {
        warnings: vec![w],
        ..CheckIn::default()
    }
}

fn side(s: SideEffect) -> CheckIn {
    CheckIn {
        side_effects: vec![s],
        ..CheckIn::default()
    }
}

fn fever(c: CheckIn) -> CheckIn {
    CheckIn { fever: true, ..c }
}

fn immune(c: CheckIn) -> CheckIn {
    CheckIn {
        immune_weakening: true,
        ..c
    }
}

/// (what FACTS says, the check-in, the check-in before it, the level FACTS gives).
fn rows() -> Vec<(&'static str, CheckIn, Option<CheckIn>, Level)> {
    use Level::{CallToday, Emergency, GetHelpNow, NextVisit};
    vec![
        // EMERGENCY NUMBER NOW: sepsis or a spreading infection.
        (
            "confusion or slurred speech",
            warn(Warning::Confused),
            None,
            Emergency,
        ),
        (
            "very fast breathing",
            warn(Warning::FastBreathing),
            None,
            Emergency,
        ),
        (
            "fast heartbeat",
            warn(Warning::FastHeartbeat),
            None,
            Emergency,
        ),
        (
            "cold, clammy, pale or mottled skin",
            warn(Warning::ColdClammySkin),
            None,
            Emergency,
        ),
        ("fainting", warn(Warning::Fainted), None, Emergency),
        (
            "fainting, noted as a side effect",
            side(SideEffect::Fainting),
            None,
            Emergency,
        ),
        (
            "not passing urine",
            warn(Warning::NotPassingUrine),
            None,
            Emergency,
        ),
        (
            "fever with rapidly spreading redness",
            fever(warn(Warning::RednessSpreadingFast)),
            None,
            Emergency,
        ),
        (
            "fever with severe pain",
            fever(warn(Warning::SeverePain)),
            None,
            Emergency,
        ),
        // Severe pain scored on the 0-10 scale (7 to 10) is severe pain too, box ticked or not.
        (
            "fever with severe pain scored 7 of 10, no lump",
            fever(CheckIn {
                pain: SEVERE_PAIN_FROM,
                ..CheckIn::default()
            }),
            None,
            Emergency,
        ),
        (
            "fever with a sore scored 9 of 10",
            fever(CheckIn {
                observations: vec![lump(&[Sign::OpenSore], Some(9))],
                ..CheckIn::default()
            }),
            None,
            Emergency,
        ),
        // A fever the patient gave in "my skin is peeling and I have a fever" is a fever.
        (
            "fever (with peeling skin) with severe pain",
            CheckIn {
                warnings: vec![Warning::PeelingSkinFever, Warning::SeverePain],
                ..CheckIn::default()
            },
            None,
            Emergency,
        ),
        (
            "fever with very bad stomach pain",
            fever(warn(Warning::SevereStomachPain)),
            None,
            Emergency,
        ),
        // Without a fever, very bad pain is a same-day call (the guide's "the pain is very
        // bad"), scored or ticked: more pain can mean an infected sore.
        (
            "severe pain scored 8 of 10, no fever, no box ticked",
            CheckIn {
                pain: 8,
                ..CheckIn::default()
            },
            None,
            CallToday,
        ),
        (
            "a lump scored 7 of 10, no fever",
            CheckIn {
                observations: vec![lump(&[], Some(SEVERE_PAIN_FROM))],
                ..CheckIn::default()
            },
            None,
            CallToday,
        ),
        // EMERGENCY NUMBER NOW (on diltiazem, routed whatever the medicine).
        ("hives", warn(Warning::Hives), None, Emergency),
        (
            "trouble breathing",
            warn(Warning::TroubleBreathing),
            None,
            Emergency,
        ),
        (
            "swelling of face, lips, tongue or throat",
            warn(Warning::FaceThroatSwelling),
            None,
            Emergency,
        ),
        ("chest pain", warn(Warning::ChestPain), None, Emergency),
        // GET HELP NOW: diltiazem's "call a doctor now".
        (
            "very slow or pounding heartbeat",
            side(SideEffect::SlowOrPoundingHeartbeat),
            None,
            GetHelpNow,
        ),
        (
            "yellow skin or eyes",
            warn(Warning::YellowSkinEyes),
            None,
            GetHelpNow,
        ),
        (
            "severe stomach pain",
            warn(Warning::SevereStomachPain),
            None,
            GetHelpNow,
        ),
        (
            "shortness of breath",
            warn(Warning::ShortOfBreath),
            None,
            GetHelpNow,
        ),
        (
            "rapid weight gain or swelling",
            warn(Warning::RapidWeightGainSwelling),
            None,
            GetHelpNow,
        ),
        (
            "a spreading red or purple rash",
            warn(Warning::SpreadingRash),
            None,
            GetHelpNow,
        ),
        ("blisters", warn(Warning::Blisters), None, GetHelpNow),
        (
            "peeling skin with fever",
            warn(Warning::PeelingSkinFever),
            None,
            GetHelpNow,
        ),
        // CALL THE CLINIC TODAY: infection of a sore.
        (
            "spreading redness",
            signs(&[Sign::RednessSpreading]),
            None,
            CallToday,
        ),
        ("red streaks", signs(&[Sign::RedStreaks]), None, CallToday),
        (
            "pus or cloudy fluid",
            signs(&[Sign::PusCloudy]),
            None,
            CallToday,
        ),
        (
            "more warmth or pain in a red lump",
            CheckIn {
                observations: vec![lump(&[Sign::RednessWarmth], Some(6))],
                ..CheckIn::default()
            },
            Some(CheckIn {
                observations: vec![lump(&[Sign::RednessWarmth], Some(3))],
                ..CheckIn::default()
            }),
            CallToday,
        ),
        (
            "a sore that gets more painful",
            CheckIn {
                observations: vec![lump(&[Sign::OpenSore], Some(5))],
                ..CheckIn::default()
            },
            Some(CheckIn {
                observations: vec![lump(&[Sign::OpenSore], Some(3))],
                ..CheckIn::default()
            }),
            CallToday,
        ),
        // More pain overall, and a sore or red lump with no score of its own: it may be the
        // sore that hurts more.
        (
            "more pain overall, with an open sore not scored on its own",
            CheckIn {
                pain: 5,
                observations: vec![lump(&[Sign::OpenSore], None)],
                ..CheckIn::default()
            },
            Some(CheckIn {
                pain: 3,
                ..CheckIn::default()
            }),
            CallToday,
        ),
        (
            "more pain overall, with a red lump not scored on its own",
            CheckIn {
                pain: 5,
                observations: vec![lump(&[Sign::RednessWarmth], None)],
                ..CheckIn::default()
            },
            Some(CheckIn {
                pain: 3,
                observations: vec![lump(&[Sign::RednessWarmth], None)],
                ..CheckIn::default()
            }),
            CallToday,
        ),
        (
            "a sore that gets red or warm",
            signs(&[Sign::OpenSore, Sign::RednessWarmth]),
            Some(signs(&[Sign::OpenSore])),
            CallToday,
        ),
        (
            "a new open sore, red, warm or swollen around it",
            signs(&[Sign::OpenSore, Sign::RednessWarmth]),
            None,
            CallToday,
        ),
        (
            "a red or warm lump that breaks open",
            signs(&[Sign::OpenSore, Sign::RednessWarmth]),
            Some(signs(&[Sign::RednessWarmth])),
            CallToday,
        ),
        (
            "a sore that gets more swollen (red or swollen before, now growing too)",
            signs(&[Sign::OpenSore, Sign::RednessWarmth, Sign::Growing]),
            Some(signs(&[Sign::OpenSore, Sign::RednessWarmth])),
            CallToday,
        ),
        (
            "redness that spreads fast, without a fever",
            warn(Warning::RednessSpreadingFast),
            None,
            CallToday,
        ),
        (
            "very bad pain, without a fever",
            warn(Warning::SeverePain),
            None,
            CallToday,
        ),
        // A fever with ANY tracked lump or sore, signs ticked or not.
        (
            "fever with a tracked lump, no sign ticked",
            fever(signs(&[])),
            None,
            CallToday,
        ),
        (
            "fever with an open sore",
            fever(signs(&[Sign::OpenSore])),
            None,
            CallToday,
        ),
        (
            "fever with a lump followed at the last check-in",
            fever(CheckIn::default()),
            Some(signs(&[])),
            CallToday,
        ),
        // With medicines that weaken the immune system, any possible infection.
        (
            "fever on immune-weakening medicines",
            immune(fever(CheckIn::default())),
            None,
            CallToday,
        ),
        (
            "redness or warmth on immune-weakening medicines",
            immune(signs(&[Sign::RednessWarmth])),
            None,
            CallToday,
        ),
        // The other same-day signs.
        (
            "a swollen, painful finger or joint near a lump",
            warn(Warning::JointSwollenPainful),
            None,
            CallToday,
        ),
        (
            "skin turning black or looking dead",
            signs(&[Sign::SkinDark]),
            None,
            CallToday,
        ),
        (
            "a finger or toe that stays white, blue or dark after warming",
            warn(Warning::RaynaudNotRecovering),
            None,
            CallToday,
        ),
        // TELL THE TEAM AT THE NEXT VISIT: symptoms to report, never more.
        ("a new hard lump", signs(&[Sign::New]), None, NextVisit),
        ("a growing lump", signs(&[Sign::Growing]), None, NextVisit),
        (
            "an open sore with mild pain",
            CheckIn {
                pain: 2,
                observations: vec![lump(&[Sign::OpenSore], Some(2))],
                ..CheckIn::default()
            },
            None,
            NextVisit,
        ),
        (
            "chalky white discharge",
            signs(&[Sign::ChalkyDischarge]),
            None,
            NextVisit,
        ),
        (
            "redness or warmth that is not spreading",
            signs(&[Sign::RednessWarmth]),
            None,
            NextVisit,
        ),
        (
            "a sore that does not heal",
            signs(&[Sign::OpenSore]),
            Some(signs(&[Sign::OpenSore])),
            NextVisit,
        ),
        (
            "a sore with the same mild pain as last time",
            CheckIn {
                observations: vec![lump(&[Sign::OpenSore], Some(2))],
                ..CheckIn::default()
            },
            Some(CheckIn {
                observations: vec![lump(&[Sign::OpenSore], Some(2))],
                ..CheckIn::default()
            }),
            NextVisit,
        ),
        (
            "an open sore, red or warm around it as it was last time",
            signs(&[Sign::OpenSore, Sign::RednessWarmth]),
            Some(signs(&[Sign::OpenSore, Sign::RednessWarmth])),
            NextVisit,
        ),
        (
            "a lump red from inflammation, as it was last time",
            signs(&[Sign::RednessWarmth]),
            Some(signs(&[Sign::RednessWarmth])),
            NextVisit,
        ),
        // A sore scored as before: the patient says it does not hurt more.
        (
            "more pain overall, with an open sore scored as it was",
            CheckIn {
                pain: 5,
                observations: vec![lump(&[Sign::OpenSore], Some(2))],
                ..CheckIn::default()
            },
            Some(CheckIn {
                pain: 3,
                observations: vec![lump(&[Sign::OpenSore], Some(2))],
                ..CheckIn::default()
            }),
            NextVisit,
        ),
        (
            "more pain overall, with a lump neither open nor red",
            CheckIn {
                pain: 5,
                observations: vec![lump(&[Sign::Growing], None)],
                ..CheckIn::default()
            },
            Some(CheckIn {
                pain: 3,
                ..CheckIn::default()
            }),
            NextVisit,
        ),
        (
            "joint stiffness",
            CheckIn {
                stiffness: true,
                ..CheckIn::default()
            },
            None,
            NextVisit,
        ),
        (
            "a Raynaud's attack that recovers",
            CheckIn {
                raynaud: true,
                ..CheckIn::default()
            },
            None,
            NextVisit,
        ),
        (
            "swollen ankles (common side effect)",
            side(SideEffect::SwollenAnkles),
            None,
            NextVisit,
        ),
        (
            "headache (common side effect)",
            side(SideEffect::Headache),
            None,
            NextVisit,
        ),
        (
            "dizziness (common side effect)",
            side(SideEffect::Dizziness),
            None,
            NextVisit,
        ),
        (
            "flushing (common side effect)",
            side(SideEffect::Flushing),
            None,
            NextVisit,
        ),
        (
            "constipation (common side effect)",
            side(SideEffect::Constipation),
            None,
            NextVisit,
        ),
        (
            "tiredness (common side effect)",
            side(SideEffect::Tiredness),
            None,
            NextVisit,
        ),
        (
            "indigestion (common side effect)",
            side(SideEffect::Indigestion),
            None,
            NextVisit,
        ),
        (
            "missed doses",
            CheckIn {
                adherence: Some(Adherence::MissedSome),
                ..CheckIn::default()
            },
            None,
            NextVisit,
        ),
        // Moderate pain (6 of 10), in all or in a spot, is reported, not a same-day call.
        (
            "pain scored 6 of 10, no fever",
            CheckIn {
                pain: SEVERE_PAIN_FROM - 1,
                observations: vec![lump(&[], Some(SEVERE_PAIN_FROM - 1))],
                ..CheckIn::default()
            },
            None,
            NextVisit,
        ),
        // Moderate pain (6 of 10) with a fever and no lump is not "severe pain".
        (
            "fever with pain scored 6 of 10, no lump",
            fever(CheckIn {
                pain: SEVERE_PAIN_FROM - 1,
                ..CheckIn::default()
            }),
            None,
            NextVisit,
        ),
        // A closed lump, red from inflammation and growing, is reported (not a sore's infection).
        (
            "a closed red lump that grows",
            signs(&[Sign::RednessWarmth, Sign::Growing]),
            Some(signs(&[Sign::RednessWarmth])),
            NextVisit,
        ),
        // FACTS names no urgency for a fever with no lump and no such medicine.
        (
            "fever with no lump tracked",
            fever(CheckIn::default()),
            None,
            NextVisit,
        ),
        ("nothing noted", CheckIn::default(), None, Level::None),
    ]
}

#[test]
fn every_red_flag_in_the_facts_gets_the_level_the_facts_give() {
    let mut wrong = Vec::new();
    for (sign, check_in, previous, want) in rows() {
        let got = assess(&check_in, previous.as_ref()).level;
        if got != want {
            wrong.push(format!("{sign}: {got:?}, FACTS says {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_table_covers_every_warning_and_every_level() {
    let rows = rows();
    for w in Warning::ALL {
        assert!(
            rows.iter().any(|(_, c, _, _)| c.warnings == [w]),
            "{w:?} has no row"
        );
    }
    for l in Level::ALL {
        assert!(rows.iter().any(|r| r.3 == l), "{l:?} has no row");
    }
}
