//! Every change the check-in form can make to its draft, as data, and the one pure function that
//! applies it. The form dispatches these; the order of events is the order they are applied, even
//! when the patient types faster than the page renders.

use std::rc::Rc;

use super::{Draft, DraftLesion, SizeChoice};
use crate::core::diary::{Adherence, Diary, SideEffect, Sign, Warning};
use crate::core::sites::Site;
use crate::core::time::Instant;

/// A yes/no question about the whole body (the "how is your body today" boxes and the
/// immune-weakening question).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    Fever,
    /// "I have a lump or sore now" (see `Draft::asks_lump_now`).
    LumpNow,
    Raynaud,
    Stiffness,
    Sleep,
    ImmuneWeakening,
}

impl Body {
    pub const ALL: [Body; 6] = [
        Body::Fever,
        Body::LumpNow,
        Body::Raynaud,
        Body::Stiffness,
        Body::Sleep,
        Body::ImmuneWeakening,
    ];

    /// The code the form's checkboxes carry.
    pub fn key(self) -> &'static str {
        match self {
            Body::Fever => "fever",
            Body::LumpNow => "lump-now",
            Body::Raynaud => "raynaud",
            Body::Stiffness => "stiffness",
            Body::Sleep => "sleep",
            Body::ImmuneWeakening => "immune",
        }
    }

    pub fn from_key(key: &str) -> Option<Body> {
        Body::ALL.into_iter().find(|b| b.key() == key)
    }
}

/// A change to one lump or sore in the form.
#[derive(Clone, Debug, PartialEq)]
pub enum LesionChange {
    Site(Option<Site>),
    Name(String),
    Pain(Option<u8>),
    Size(SizeChoice),
    /// The measured size as typed, in millimetres.
    Mm(String),
    Sign(Sign, bool),
}

/// A change to the check-in form.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Date(String),
    Time(String),
    Pain(Option<u8>),
    Daily(Option<u8>),
    Body(Body, bool),
    Warning(Warning, bool),
    SideEffect(SideEffect, bool),
    Adherence(Option<Adherence>),
    OtherSideEffect(String),
    Notes(String),
    AddLesion,
    RemoveLesion(u32),
    /// Puts back a lesion just removed from the form (its Undo), at the place it had.
    RestoreLesion(usize, Box<DraftLesion>),
    /// A change to the lesion with this form key; ignored when it was removed meanwhile.
    Lesion(u32, LesionChange),
    /// Adds the lesions of the diary's latest check-in (see `Draft::same_as_last`).
    SameAsLast(Rc<Diary>),
    /// Shows the quick form (see `Draft::quick`), with the diary it starts lesions from and the
    /// time now (how old their last notes are).
    QuickForm(Rc<Diary>, Instant),
    /// Shows the full form; the quick answers are kept for a switch back.
    FullForm,
    /// The quick form's "Any of these today?": yes, or "None of these".
    AnyWarning(bool),
    /// The quick form's "Same as last time" for the lesion with this key.
    LesionSame(u32, Rc<Diary>),
    /// The quick form's "Changed" for the lesion with this key: its details open.
    LesionChanged(u32),
    /// The names another tab gave these lumps (`Problem::RenamedElsewhere`, as `diary` has
    /// them) are now shown to the patient: a save from here on puts the typed names over them.
    NamesSeen(Rc<Diary>, Vec<u32>),
}

fn set<T: crate::core::json::Code + PartialEq>(
    set: &mut crate::core::flags::Flags<T>,
    item: T,
    on: bool,
) {
    if on {
        set.insert(item);
    } else {
        set.remove(&item);
    }
}

fn change_lesion(l: &mut DraftLesion, change: LesionChange) {
    match change {
        LesionChange::Site(s) => l.site = s,
        LesionChange::Name(n) => l.name = n,
        LesionChange::Pain(p) => l.pain = p,
        LesionChange::Size(s) => l.size = s,
        LesionChange::Mm(mm) => l.mm = mm,
        LesionChange::Sign(s, on) => set(&mut l.signs, s, on),
    }
}

/// The draft after `action`. Pure: no clock, no storage.
pub fn apply(mut d: Draft, action: Action) -> Draft {
    match action {
        Action::Date(v) => d.date = v,
        Action::Time(v) => d.time = v,
        Action::Pain(p) => d.pain = p,
        Action::Daily(p) => d.daily = p,
        Action::Body(b, on) => {
            if b == Body::Fever {
                d.ticked_on_list(on);
            }
            let field = match b {
                Body::Fever => &mut d.fever,
                Body::LumpNow => &mut d.lump_now,
                Body::Raynaud => &mut d.raynaud,
                Body::Stiffness => &mut d.stiffness,
                Body::Sleep => &mut d.sleep,
                Body::ImmuneWeakening => &mut d.immune_weakening,
            };
            *field = on;
        }
        Action::Warning(w, on) => {
            d.ticked_on_list(on);
            set(&mut d.warnings, w, on)
        }
        Action::SideEffect(s, on) => {
            d.ticked_on_list(on);
            set(&mut d.side_effects, s, on)
        }
        Action::Adherence(a) => d.adherence = a,
        Action::OtherSideEffect(v) => d.other_side_effect = v,
        Action::Notes(v) => d.notes = v,
        Action::AddLesion => {
            d.add_lesion();
        }
        Action::RemoveLesion(key) => d.remove_lesion(key),
        Action::RestoreLesion(at, lesion) => d.restore_lesion(at, *lesion),
        Action::Lesion(key, change) => {
            if let Some(l) = d.lesion_mut(key) {
                change_lesion(l, change);
            }
        }
        Action::SameAsLast(diary) => {
            if let Some(previous) = diary.entries().next() {
                d.same_as_last(previous, &diary);
            }
        }
        Action::QuickForm(diary, now) => d.switch_to_quick(&diary, now),
        Action::FullForm => d.quick.on = false,
        Action::AnyWarning(yes) => d.answer_any_warning(yes),
        Action::LesionSame(key, diary) => d.lesion_same(key, &diary),
        Action::NamesSeen(diary, keys) => {
            for l in d.lesions.iter_mut().filter(|l| keys.contains(&l.key)) {
                let theirs = l.lesion_id.as_deref().and_then(|id| diary.lesion(id));
                if let (Some((_, was)), Some(theirs)) = (&mut l.was, theirs) {
                    *was = theirs.name.clone();
                }
            }
        }
        Action::LesionChanged(key) => {
            if d.lesions.iter().any(|l| l.key == key) {
                d.quick.changed.insert(key);
                d.quick.asked.remove(&key);
            }
        }
    }
    d
}

impl Draft {
    /// Ticking something on the quick form's list answers its question "yes".
    fn ticked_on_list(&mut self, on: bool) {
        if on && self.quick.on {
            self.quick.any_warning = Some(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{CheckIn, Lesion, Observation, Size};
    use crate::core::json::Extra;
    use crate::core::time::Instant;

    fn at(s: &str) -> Instant {
        Instant::parse_rfc3339(s).unwrap()
    }

    fn run(actions: Vec<Action>) -> Draft {
        actions.into_iter().fold(Draft::default(), apply)
    }

    #[test]
    fn text_and_scale_fields_take_the_last_value_typed() {
        let d = run(vec![
            Action::Date("2026-11-2".into()),
            Action::Date("2026-11-24".into()),
            Action::Time("09:15".into()),
            Action::Pain(Some(7)),
            Action::Pain(Some(4)),
            Action::Daily(Some(2)),
            Action::Notes("Worse after gardening".into()),
            Action::OtherSideEffect("itchy".into()),
            Action::Adherence(Some(Adherence::MissedSome)),
        ]);
        assert_eq!((d.date.as_str(), d.time.as_str()), ("2026-11-24", "09:15"));
        assert_eq!((d.pain, d.daily), (Some(4), Some(2)));
        assert_eq!(d.notes, "Worse after gardening");
        assert_eq!(d.other_side_effect, "itchy");
        assert_eq!(d.adherence, Some(Adherence::MissedSome));
        // A scale can be cleared again ("not asked").
        assert_eq!(apply(d, Action::Daily(None)).daily, None);
    }

    #[test]
    fn each_body_question_sets_only_its_own_answer() {
        for b in Body::ALL {
            let d = apply(Draft::default(), Action::Body(b, true));
            let answers = [
                d.fever,
                d.lump_now,
                d.raynaud,
                d.stiffness,
                d.sleep,
                d.immune_weakening,
            ];
            assert_eq!(answers.iter().filter(|&&on| on).count(), 1, "{b:?}");
            assert_eq!(Body::from_key(b.key()), Some(b));
            let off = apply(d, Action::Body(b, false));
            assert_eq!(off, Draft::default(), "{b:?} unticked");
        }
        assert_eq!(Body::from_key("nonsense"), None);
    }

    #[test]
    fn warnings_and_side_effects_tick_and_untick() {
        let d = run(vec![
            Action::Warning(Warning::ALL[0], true),
            Action::Warning(Warning::ALL[1], true),
            Action::Warning(Warning::ALL[0], false),
            Action::SideEffect(SideEffect::Other, true),
        ]);
        assert_eq!(
            d.warnings.iter().copied().collect::<Vec<_>>(),
            [Warning::ALL[1]]
        );
        assert!(d.side_effects.contains(&SideEffect::Other));
        let d = apply(d, Action::SideEffect(SideEffect::Other, false));
        assert!(d.side_effects.is_empty());
    }

    #[test]
    fn lesion_changes_go_to_the_lesion_with_that_key_only() {
        let d = run(vec![Action::AddLesion, Action::AddLesion]);
        let (a, b) = (d.lesions[0].key, d.lesions[1].key);
        assert_ne!(a, b);
        let site = Site::all()[0];
        let d = [
            Action::Lesion(b, LesionChange::Site(Some(site))),
            Action::Lesion(b, LesionChange::Name("elbow lump".into())),
            Action::Lesion(b, LesionChange::Pain(Some(3))),
            Action::Lesion(b, LesionChange::Size(SizeChoice::Measured)),
            Action::Lesion(b, LesionChange::Mm("12".into())),
            Action::Lesion(b, LesionChange::Sign(Sign::ALL[0], true)),
            Action::Lesion(b, LesionChange::Sign(Sign::ALL[1], true)),
            Action::Lesion(b, LesionChange::Sign(Sign::ALL[0], false)),
        ]
        .into_iter()
        .fold(d, apply);
        assert_eq!(
            d.lesions[0],
            DraftLesion {
                key: a,
                ..DraftLesion::default()
            }
        );
        let l = &d.lesions[1];
        assert_eq!(
            (l.site, l.name.as_str(), l.pain),
            (Some(site), "elbow lump", Some(3))
        );
        assert_eq!((l.size, l.mm.as_str()), (SizeChoice::Measured, "12"));
        assert_eq!(l.signs.iter().copied().collect::<Vec<_>>(), [Sign::ALL[1]]);
    }

    #[test]
    fn a_change_to_a_removed_lesion_is_dropped_and_keys_are_not_reused() {
        let d = run(vec![Action::AddLesion, Action::AddLesion]);
        let (a, b) = (d.lesions[0].key, d.lesions[1].key);
        let d = apply(d, Action::RemoveLesion(a));
        let before = d.clone();
        let d = apply(d, Action::Lesion(a, LesionChange::Name("gone".into())));
        assert_eq!(d, before);
        assert_eq!(d.lesions.iter().map(|l| l.key).collect::<Vec<_>>(), [b]);
        let d = apply(d, Action::AddLesion);
        assert!(d.lesions[1].key != a && d.lesions[1].key != b);
    }

    #[test]
    fn same_as_last_adds_the_latest_check_ins_lesions_once() {
        let now = at("2026-11-20T10:00:00Z");
        let site = Site::all()[3];
        let mut diary = Diary::default();
        diary.upsert_lesion(Lesion {
            healed_at: None,
            healed_earlier: Vec::new(),
            since: None,
            id: "l1".into(),
            site,
            name: "thumb".into(),
            updated: now,
            deleted: false,
            healed: false,
            extra: Extra::NONE,
        });
        diary.upsert(CheckIn {
            id: "c1".into(),
            at: now,
            updated: now,
            pain: 2,
            observations: vec![Observation {
                lesion: "l1".into(),
                pain: Some(5),
                size: Some(Size::Pea),
                signs: vec![Sign::ALL[0]],
                extra: Extra::NONE,
            }],
            ..CheckIn::default()
        });
        let diary = Rc::new(diary);
        let d = apply(Draft::default(), Action::SameAsLast(diary.clone()));
        assert_eq!(d.lesions.len(), 1);
        let l = &d.lesions[0];
        assert_eq!(l.lesion_id.as_deref(), Some("l1"));
        assert_eq!(
            (l.site, l.name.as_str(), l.size),
            (Some(site), "thumb", SizeChoice::Pea)
        );
        // Pain and today's signs are left for the patient.
        assert_eq!((l.pain, l.signs.len()), (None, 0));
        // Pressing it again adds nothing twice.
        assert_eq!(apply(d.clone(), Action::SameAsLast(diary)), d);
        // With an empty diary it does nothing.
        let empty = Rc::new(Diary::default());
        assert_eq!(
            apply(Draft::default(), Action::SameAsLast(empty)),
            Draft::default()
        );
    }
}
