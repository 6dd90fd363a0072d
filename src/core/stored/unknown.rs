//! Fields a newer version adds to a stored record (without a new schema number: optional
//! additions do not get one) are kept by this version: read, then written back unchanged after
//! the fields it knows, so a tab still on this version, or a clinic that rolls back a release,
//! does not strip them from every record it rewrites.

use super::fixtures::DRAFT_DEFAULT;
use crate::core::diary::{CheckIn, Diary, Lesion, Medicine, Observation, QuestionNote};
use crate::core::diary_store::{Expect, LastSeen, LesionEdit, StoredDiary};
use crate::core::draft::Draft;
use crate::core::drafts::{self, Drafts, Part};
use crate::core::json::{self, from_text, to_text, Stored, Value};
use crate::core::prefs::{self, Prefs};
use crate::core::store::{Keys, MemoryStore, Store};
use crate::core::test_support::at;
use crate::core::walkthrough::{self, SavedPlace};

/// A field no version of the widget has yet.
const FUTURE: &str = r#""future_field":{"a":[1,"x"]}"#;

/// `record` (a record's text as this version writes it) with `FUTURE` as its last field.
fn with_future(record: &str) -> String {
    let body = record.strip_suffix('}').expect("an object");
    let comma = if body.ends_with('{') { "" } else { "," };
    format!("{body}{comma}{FUTURE}}}")
}

/// Whether `text` reads as a `T` and writes back byte for byte.
fn kept<T: Stored>(what: &str, text: &str) -> bool {
    let record = from_text::<T>(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    to_text(&record) == text
}

#[test]
fn every_stored_record_keeps_a_field_it_does_not_know_byte_for_byte() {
    let lesion = r#"{"id":"l1","site":"face","upd":"2025-11-30T10:53:20Z"}"#;
    let check_in =
        r#"{"id":"c1","at":"2025-11-29T10:53:20Z","upd":"2025-11-30T10:53:20Z","pain":7}"#;
    let question = r#"{"id":"q1","text":"Why?","upd":"2025-11-30T10:53:20Z"}"#;
    let medicine = r#"{"id":"m1","name":"Aspirin","upd":"2025-11-30T10:53:20Z"}"#;
    let short = with_future(r#"{"form":"medicine","id":"m1","name":"Aspirin"}"#);
    let lump = with_future(
        r#"{"key":1,"lesion_id":null,"site":null,"name":"","pain":null,"size":"NotSure","mm":"","signs":[]}"#,
    );
    let with_lump = DRAFT_DEFAULT.replace(r#""lesions":[]"#, &format!(r#""lesions":[{lump}]"#));
    let quick = with_future(r#"{"on":true,"any_warning":null,"changed":[]}"#);
    let body = DRAFT_DEFAULT.strip_suffix('}').unwrap();
    let results = [
        ("lesion", kept::<Lesion>("lesion", &with_future(lesion))),
        (
            "observation",
            kept::<Observation>("observation", &with_future(r#"{"l":"l1","pain":4}"#)),
        ),
        (
            "check-in",
            kept::<CheckIn>("check-in", &with_future(check_in)),
        ),
        (
            "question",
            kept::<QuestionNote>("question", &with_future(question)),
        ),
        (
            "medicine",
            kept::<Medicine>("medicine", &with_future(medicine)),
        ),
        (
            "diary",
            kept::<Diary>("diary", &with_future(r#"{"lesions":[],"checkins":[]}"#)),
        ),
        (
            "settings",
            kept::<Prefs>("settings", &with_future(r#"{"patient_name":"Ana"}"#)),
        ),
        (
            "empty settings",
            kept::<Prefs>("empty settings", &with_future("{}")),
        ),
        (
            "place in the guide",
            kept::<SavedPlace>("place", &with_future(r#"{"step":"what-is-it"}"#)),
        ),
        (
            "drafts",
            kept::<Drafts>("drafts", &with_future(r#"{"question":"Why?"}"#)),
        ),
        (
            "short form",
            kept::<Drafts>("short form", &format!(r#"{{"short":[{short}]}}"#)),
        ),
        (
            "check-in form",
            kept::<Draft>("check-in form", &with_future(DRAFT_DEFAULT)),
        ),
        ("lump in the form", kept::<Draft>("lump", &with_lump)),
        (
            "quick check-in",
            kept::<Draft>("quick", &format!(r#"{body},"quick":{quick}}}"#)),
        ),
    ];
    let lost: Vec<&str> = results.iter().filter(|r| !r.1).map(|r| r.0).collect();
    assert!(
        lost.is_empty(),
        "the unknown field was not kept in: {lost:?}"
    );
}

#[test]
fn unknown_fields_go_after_the_known_ones_and_a_known_field_is_never_written_twice() {
    let text = r#"{"id":"q1","zz":null,"text":"Why?","text2":[],"upd":"2025-11-30T10:53:20Z","text":"Why not?"}"#;
    let q = from_text::<QuestionNote>(text).unwrap();
    assert_eq!(
        q.text, "Why not?",
        "of a repeated key, the last value (as before)"
    );
    assert_eq!(
        to_text(&q),
        r#"{"id":"q1","text":"Why not?","upd":"2025-11-30T10:53:20Z","zz":null,"text2":[]}"#
    );
}

#[test]
fn a_known_field_of_the_wrong_type_is_still_refused_with_unknown_fields_beside_it() {
    let lesion =
        with_future(r#"{"id":"l1","site":"face","upd":"2025-11-30T10:53:20Z","healed":"yes"}"#);
    assert_eq!(
        from_text::<Lesion>(&lesion),
        Err("healed: expected true or false".to_string())
    );
    let check_in = with_future(
        r#"{"id":"c1","at":"2025-11-29T10:53:20Z","upd":"2025-11-30T10:53:20Z","pain":"7"}"#,
    );
    assert_eq!(
        from_text::<CheckIn>(&check_in),
        Err(r#"pain: "7" is not a whole number in range"#.to_string())
    );
    let place = with_future(r#"{"step":3}"#);
    assert_eq!(
        from_text::<SavedPlace>(&place),
        Err("step: expected a string, found a number".to_string())
    );
}

/// The member `key` of the record with id `id` in `list` of the stored diary's data.
fn stored_field(store: &MemoryStore, keys: &Keys, list: &str, id: &str, key: &str) -> Value {
    let text = store.get(&keys.diary()).unwrap().unwrap();
    let envelope = json::parse(&text).unwrap();
    let Value::Array(records) = envelope["data"][list].clone() else {
        panic!("no {list} in {text}")
    };
    let record = records.into_iter().find(|r| r["id"].as_str() == Some(id));
    record.unwrap_or_else(|| panic!("no {id} in {text}"))[key].clone()
}

#[test]
fn saving_a_new_check_in_and_editing_a_lesion_keeps_what_a_newer_version_stored() {
    let (store, keys, seen) = (MemoryStore::new(), Keys::default(), LastSeen::default());
    let future = json::parse(r#"{"a":[1,"x"]}"#).unwrap();
    let lesion = with_future(r#"{"id":"l1","site":"face","upd":"2026-11-01T10:00:00Z"}"#);
    let observation = with_future(r#"{"l":"l1","pain":2}"#);
    let check_in = with_future(&format!(
        r#"{{"id":"c1","at":"2026-11-01T10:00:00Z","upd":"2026-11-01T10:00:00Z","pain":3,"obs":[{observation}]}}"#
    ));
    let diary = format!(r#"{{"lesions":[{lesion}],"checkins":[{check_in}]}}"#);
    store
        .set(&keys.diary(), &format!(r#"{{"schema":2,"data":{diary}}}"#))
        .unwrap();
    let tab = StoredDiary {
        store: &store,
        keys: &keys,
        seen: &seen,
    };
    let now = at("2026-11-25T12:00:00Z");
    let ours = tab.open(now).diary;

    // A new check-in that renames the lump, as the form makes them: nothing of the unknown.
    let renamed = Lesion {
        name: "chin lump".into(),
        updated: now,
        extra: json::Extra::NONE,
        ..ours.lesion("l1").unwrap().clone()
    };
    let new = CheckIn {
        id: "c2".into(),
        at: now,
        updated: now,
        pain: 5,
        ..CheckIn::default()
    };
    let ours = tab
        .save_edit(&ours, new, vec![renamed], Expect::New, now)
        .unwrap();
    // The lump marked healed from the list of lumps, and the old check-in edited.
    let ours = tab
        .save_lesion_edit(&ours, "l1", &LesionEdit::Healed(true), now)
        .unwrap();
    let old = ours.check_in("c1").unwrap();
    let edited = CheckIn {
        notes: "better".into(),
        observations: vec![Observation {
            extra: json::Extra::NONE,
            ..old.observations[0].clone()
        }],
        extra: json::Extra::NONE,
        ..old.clone()
    };
    let base = Expect::Edit(old.updated);
    tab.save_edit(&ours, edited, Vec::new(), base, now).unwrap();

    assert_eq!(
        stored_field(&store, &keys, "lesions", "l1", "name"),
        "chin lump".into()
    );
    assert_eq!(
        stored_field(&store, &keys, "lesions", "l1", "healed"),
        true.into()
    );
    assert_eq!(
        stored_field(&store, &keys, "lesions", "l1", "future_field"),
        future,
        "the lesion's unknown field"
    );
    assert_eq!(
        stored_field(&store, &keys, "checkins", "c1", "notes"),
        "better".into()
    );
    assert_eq!(
        stored_field(&store, &keys, "checkins", "c1", "future_field"),
        future,
        "the check-in's unknown field"
    );
    let obs = stored_field(&store, &keys, "checkins", "c1", "obs");
    assert_eq!(
        obs[0]["future_field"], future,
        "the observation's unknown field"
    );
    assert_eq!(
        stored_field(&store, &keys, "checkins", "c2", "pain"),
        5u8.into()
    );
    assert_eq!(
        stored_field(&store, &keys, "checkins", "c2", "future_field"),
        Value::Null
    );
}

#[test]
fn settings_the_place_in_the_guide_and_drafts_keep_a_newer_version_s_fields_when_saved() {
    let (store, keys) = (MemoryStore::new(), Keys::default());
    let envelope = |schema: u32, data: &str| format!(r#"{{"schema":{schema},"data":{data}}}"#);
    store
        .set(
            &keys.prefs(),
            &envelope(1, &with_future(r#"{"patient_name":"Ana"}"#)),
        )
        .unwrap();
    prefs::update(&store, &keys, &|p| {
        p.last_backup = Some(at("2026-11-25T12:00:00Z"))
    })
    .unwrap();
    assert_eq!(
        store.get(&keys.prefs()).unwrap().unwrap(),
        envelope(
            1,
            &with_future(r#"{"patient_name":"Ana","last_backup":"2026-11-25T12:00:00Z"}"#)
        )
    );

    store
        .set(
            &keys.walkthrough(),
            &envelope(1, &with_future(r#"{"step":"a"}"#)),
        )
        .unwrap();
    let place = SavedPlace {
        step: "b".into(),
        extra: json::Extra::NONE,
    };
    walkthrough::save_place(&store, &keys, &place).unwrap();
    assert_eq!(
        store.get(&keys.walkthrough()).unwrap().unwrap(),
        envelope(1, &with_future(r#"{"step":"b"}"#))
    );

    // Another tab's form (with a newer version's field) and a newer version's own part of the
    // drafts: this tab types a question. Then, once this tab's question is all that is left,
    // it clears it.
    let form = with_future(DRAFT_DEFAULT);
    let stored = with_future(&format!(r#"{{"check_in":{form}}}"#));
    store.set(&keys.drafts(), &envelope(3, &stored)).unwrap();
    let was = Drafts::default();
    drafts::keep(&store, &keys, &was, Part::Question("Why?".into())).unwrap();
    let typed = with_future(&format!(r#"{{"check_in":{form},"question":"Why?"}}"#));
    assert_eq!(
        store.get(&keys.drafts()).unwrap().unwrap(),
        envelope(3, &typed)
    );
    let was = Drafts {
        question: "Why?".into(),
        ..Drafts::default()
    };
    store
        .set(
            &keys.drafts(),
            &envelope(3, &with_future(r#"{"question":"Why?"}"#)),
        )
        .unwrap();
    drafts::keep(&store, &keys, &was, Part::Question(String::new())).unwrap();
    assert_eq!(
        store.get(&keys.drafts()).unwrap().unwrap(),
        envelope(3, &with_future("{}")),
        "what a newer version keeps in the drafts is not removed with the last form"
    );
}

/// The side effects as the first versions stored them: the only codes they can read in a
/// check-in's list (an unknown one there makes the whole diary unreadable to them).
const FIRST_SIDE_EFFECTS: [&str; 8] = [
    "swollen-ankles",
    "dizziness",
    "headache",
    "flushing",
    "constipation",
    "slow-or-pounding-heartbeat",
    "fainting",
    "other",
];

#[test]
fn side_effects_added_later_go_where_an_older_version_keeps_them_and_reads_on() {
    use crate::core::diary::SideEffect;
    use crate::core::json::Code;
    // Each side effect is either one the first versions know or marked as added later: one
    // added without the mark would reach the list older versions cannot read.
    for s in SideEffect::ALL {
        assert_ne!(
            FIRST_SIDE_EFFECTS.contains(&s.code()),
            s.added_later(),
            "{}",
            s.code()
        );
    }
    let list = |codes: &[&str]| {
        codes
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let first = list(&FIRST_SIDE_EFFECTS);
    let later = list(&["tiredness", "indigestion"]);
    // A check-in with every side effect: the first list holds only what older versions read;
    // the others are a field of their own (kept by them as an unknown field, as above).
    let check_in = CheckIn {
        id: "c1".into(),
        at: at("2025-11-29T10:53:20Z"),
        updated: at("2025-11-30T10:53:20Z"),
        pain: 2,
        side_effects: SideEffect::ALL.to_vec(),
        ..CheckIn::default()
    };
    let text = to_text(&check_in);
    assert!(
        text.contains(&format!(r#""fx":[{first}],"fx2":[{later}]"#)),
        "{text}"
    );
    assert_eq!(from_text::<CheckIn>(&text).unwrap(), check_in);
    // Only those added later: no first list at all.
    let only_later = CheckIn {
        side_effects: vec![SideEffect::Indigestion],
        ..check_in.clone()
    };
    let text = to_text(&only_later);
    assert!(!text.contains(r#""fx":"#) && text.contains(r#""fx2":["indigestion"]"#));
    assert_eq!(from_text::<CheckIn>(&text).unwrap(), only_later);
    // Written back by an older version (the later list after its own fields): read the same.
    let older = r#"{"id":"c1","at":"2025-11-29T10:53:20Z","upd":"2025-11-30T10:53:20Z","pain":2,"fx":["headache"],"notes":"x","fx2":["tiredness"]}"#;
    let read = from_text::<CheckIn>(older).unwrap();
    assert_eq!(
        read.side_effects,
        [SideEffect::Headache, SideEffect::Tiredness]
    );
    assert!(read.extra.is_empty(), "known, not kept as unknown");
    // The form as typed, kept in the drafts, the same way.
    let mut draft = Draft::default();
    for s in SideEffect::ALL {
        draft.side_effects.insert(s);
    }
    let text = to_text(&draft);
    assert!(
        text.contains(&format!(
            r#""side_effects":[{first}],"side_effects_2":[{later}]"#
        )),
        "{text}"
    );
    assert_eq!(from_text::<Draft>(&text).unwrap(), draft);
    assert_eq!(
        to_text(&Draft::default()),
        DRAFT_DEFAULT,
        "nothing new when none is ticked"
    );
}
