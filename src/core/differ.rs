//! What two copies of one check-in say differently. When another tab saved the check-in this
//! tab is editing, the form shows both copies for the patient to choose one; it shows each
//! thing they say differently (every box, every lump, the whole note), so that no choice drops
//! something the patient did not see, such as a warning sign ticked in the other tab.

use super::diary::{CheckIn, Observation, SideEffect, Sign, Warning};
use super::flags::Flags;

/// One thing the two copies say differently, in the form's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Differs {
    When,
    Pain,
    /// The lump or sore with this id: noted in one copy only, or with another pain, size or
    /// signs.
    Lesion(String),
    Fever,
    LumpNow,
    Raynaud,
    Stiffness,
    Sleep,
    Daily,
    Warning(Warning),
    ImmuneWeakening,
    Adherence,
    SideEffect(SideEffect),
    OtherSideEffect,
    Notes,
}

/// Everything `a` and `b` say differently, in the form's order: the lumps in `a`'s order, then
/// those only `b` notes. Empty when they say the same (only their edit times differ).
pub fn differences(a: &CheckIn, b: &CheckIn) -> Vec<Differs> {
    let mut out = Vec::new();
    let mut differ = |same: bool, what: Differs| {
        if !same {
            out.push(what);
        }
    };
    differ(a.at == b.at, Differs::When);
    differ(a.pain == b.pain, Differs::Pain);
    let only_in_b = b
        .observations
        .iter()
        .filter(|o| a.observation(&o.lesion).is_none());
    for o in a.observations.iter().chain(only_in_b) {
        let same = same_observation(a.observation(&o.lesion), b.observation(&o.lesion));
        differ(same, Differs::Lesion(o.lesion.clone()));
    }
    differ(a.fever == b.fever, Differs::Fever);
    differ(a.lump_now == b.lump_now, Differs::LumpNow);
    differ(a.raynaud == b.raynaud, Differs::Raynaud);
    differ(a.stiffness == b.stiffness, Differs::Stiffness);
    differ(a.sleep == b.sleep, Differs::Sleep);
    differ(a.daily_effect == b.daily_effect, Differs::Daily);
    for w in Warning::ALL {
        differ(a.has_warning(w) == b.has_warning(w), Differs::Warning(w));
    }
    differ(
        a.immune_weakening == b.immune_weakening,
        Differs::ImmuneWeakening,
    );
    differ(a.adherence == b.adherence, Differs::Adherence);
    for s in SideEffect::ALL {
        differ(
            a.has_side_effect(s) == b.has_side_effect(s),
            Differs::SideEffect(s),
        );
    }
    differ(
        a.other_side_effect.trim() == b.other_side_effect.trim(),
        Differs::OtherSideEffect,
    );
    differ(a.notes.trim() == b.notes.trim(), Differs::Notes);
    out
}

/// Whether a lump is noted alike in both copies (its signs in any order).
fn same_observation(a: Option<&Observation>, b: Option<&Observation>) -> bool {
    let signs = |o: &Observation| o.signs.iter().copied().collect::<Flags<Sign>>();
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.pain == b.pain && a.size == b.size && signs(a) == signs(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{Adherence, Size};
    use crate::core::test_support::at;
    use crate::core::time::Instant;

    fn observation(lesion: &str, pain: Option<u8>, signs: &[Sign]) -> Observation {
        Observation {
            lesion: lesion.into(),
            pain,
            size: Some(Size::Pea),
            signs: signs.to_vec(),
            extra: Default::default(),
        }
    }

    fn base() -> CheckIn {
        CheckIn {
            id: "c1".into(),
            at: at("2026-06-01T12:00:00Z"),
            updated: at("2026-06-01T12:00:00Z"),
            pain: 3,
            notes: "Finger sore since Monday.".into(),
            observations: vec![observation("l1", Some(4), &[Sign::OpenSore])],
            ..CheckIn::default()
        }
    }

    /// Found by the data-loss review: the panel showed pain, the number of lumps and 120
    /// characters of the note, so two copies that differed in a fever and a fainting looked
    /// alike, and "Keep my changes" dropped the other tab's emergency sign unseen.
    #[test]
    fn every_box_every_lump_and_the_whole_note_that_differ_are_listed_in_the_forms_order() {
        let a = base();
        assert_eq!(differences(&a, &a.clone()), vec![]);
        let mut newer = a.clone();
        newer.updated = Instant(newer.updated.0 + 60_000);
        assert_eq!(
            differences(&a, &newer),
            vec![],
            "only the edit time differs"
        );

        let mut b = a.clone();
        b.fever = true;
        b.warnings = vec![Warning::Fainted];
        b.stiffness = true;
        b.notes = format!("{}{}", "x".repeat(130), " and it smelled bad");
        let mut a2 = a.clone();
        a2.notes = "x".repeat(130);
        assert_eq!(
            differences(&a2, &b),
            vec![
                Differs::Fever,
                Differs::Stiffness,
                Differs::Warning(Warning::Fainted),
                Differs::Notes
            ]
        );
        // The same difference, seen from the other side.
        assert_eq!(differences(&b, &a2), differences(&a2, &b));
    }

    #[test]
    fn a_lump_noted_in_one_copy_only_or_noted_otherwise_is_listed_and_signs_order_does_not_count() {
        let a = base();
        let mut b = a.clone();
        b.observations[0].signs = vec![Sign::OpenSore];
        b.observations.push(observation("l2", None, &[]));
        assert_eq!(differences(&a, &b), vec![Differs::Lesion("l2".into())]);
        assert_eq!(differences(&b, &a), vec![Differs::Lesion("l2".into())]);

        let mut c = a.clone();
        c.observations[0].size = Some(Size::Grape);
        assert_eq!(differences(&a, &c), vec![Differs::Lesion("l1".into())]);
        let mut two = a.clone();
        two.observations[0].signs = vec![Sign::OpenSore, Sign::RednessWarmth];
        let mut swapped = two.clone();
        swapped.observations[0].signs = vec![Sign::RednessWarmth, Sign::OpenSore];
        assert_eq!(differences(&two, &swapped), vec![]);
    }

    #[test]
    fn the_time_pain_answers_side_effects_and_words_are_each_listed() {
        let a = base();
        let mut b = a.clone();
        b.at = Instant(b.at.0 + 3_600_000);
        b.pain = 7;
        b.daily_effect = Some(5);
        b.adherence = Some(Adherence::MissedSome);
        b.immune_weakening = true;
        b.side_effects = vec![SideEffect::Other];
        b.other_side_effect = "dizzy".into();
        b.raynaud = true;
        b.sleep = true;
        b.lump_now = true;
        // Spaces around a note are not a difference the patient could see.
        let mut spaced = a.clone();
        spaced.notes = format!("  {} \n", a.notes);
        assert_eq!(differences(&a, &spaced), vec![]);
        assert_eq!(
            differences(&a, &b),
            vec![
                Differs::When,
                Differs::Pain,
                Differs::LumpNow,
                Differs::Raynaud,
                Differs::Sleep,
                Differs::Daily,
                Differs::ImmuneWeakening,
                Differs::Adherence,
                Differs::SideEffect(SideEffect::Other),
                Differs::OtherSideEffect,
            ]
        );
    }
}
