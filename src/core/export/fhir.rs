//! The diary as a FHIR R4 `Bundle` of type `collection`, for clinic systems: one `Questionnaire`
//! that describes the check-in, a `Patient` (whenever there is a check-in or a medicine: the
//! responses and statements are about it), one `QuestionnaireResponse` per live check-in, with
//! the advice the check-in gave when it was saved, and one `MedicationStatement` per medicine.
//!
//! Identifiers are `urn:uuid:` names derived from record ids, so the same diary always gives the
//! same file and a system that imports it twice can see the same responses. Code systems for our
//! own codes (signs, sites...) are `urn:uuid:` names too: the project has no web address that
//! could publish them, and FHIR accepts URNs for that. Overall pain carries LOINC 72514-3. In R4 a
//! `QuestionnaireResponse` item has no `code`: the code is on the `Questionnaire` item with the
//! same `linkId`.
//!
//! Times say when the patient did something (checked in, marked a lump healed, last changed a
//! medicine, made the file), so each is written as the patient's clock read it: the local date
//! and time in their zone with the offset in force at that instant (`Instant::to_rfc3339_in`,
//! e.g. `2026-10-25T01:30:00+01:00`), the same `Zone` the CSV's date, time and `utc_offset`
//! come from. It is the same instant as UTC would be, but a clinic system that shows only the
//! date would move a check-in at 00:30 to the day before, away from the day the printout and
//! the CSV give it. FHIR's `dateTime` and `instant` allow an offset, and one with a time must
//! carry one.
//!
//! Objects are built with `obj` rather than `json!`, and the questions come from one table: both
//! keep the WebAssembly small.

use crate::core::json::Value;

use super::{key, size_text, uuid_for};
use crate::core::diary::{
    Adherence, CheckIn, Diary, Lesion, Medicine, SideEffect, Sign, Size, Versioned, Warning,
};
use crate::core::sites::Site;
use crate::core::time::{Instant, Zone};
use crate::core::triage::{self, Assessment, Level, Reason};

pub const MIME: &str = "application/fhir+json";

pub const LOINC: &str = "http://loinc.org";
pub const PAIN_CODE: &str = "72514-3";
pub const PAIN_DISPLAY: &str = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
const UCUM: &str = "http://unitsofmeasure.org";

/// The check-in questions, in the order answers are written: link id, text, FHIR item type, and
/// for choices the kind of code and whether several answers are allowed. Link ids with a dot
/// belong to the repeating `lesion` group.
const QUESTIONS: &[(&str, &str, &str, &str, bool)] = &[
    (
        "pain",
        "Overall pain today, 0 (none) to 10 (worst)",
        "integer",
        "",
        false,
    ),
    ("fever", "Fever", "boolean", "", false),
    // Asked only with a fever when no lump is in the check-in or known in the diary; ticked,
    // it makes the fever a same-day call.
    (
        "lump-now",
        "Has a lump or sore now, even one not in this diary (asked only with a fever and no lump known)",
        "boolean",
        "",
        false,
    ),
    (
        "raynaud",
        "Raynaud's attack (fingers or toes white, blue or dark)",
        "boolean",
        "",
        false,
    ),
    (
        "stiffness",
        "Joint stiffness or loss of use",
        "boolean",
        "",
        false,
    ),
    (
        "daily-effect",
        "Effect on daily activities, 0-10",
        "integer",
        "",
        false,
    ),
    ("sleep", "Sleep disturbed", "boolean", "", false),
    ("warnings", "Warning signs", "choice", "warning", true),
    (
        "immune-weakening",
        "Takes medicines that weaken the immune system",
        "boolean",
        "",
        false,
    ),
    ("adherence", "Medicines taken", "choice", "adherence", false),
    (
        "side-effects",
        "Side effects",
        "choice",
        "side-effect",
        true,
    ),
    (
        "other-side-effect",
        "Other side effect",
        "string",
        "",
        false,
    ),
    ("notes", "Notes", "text", "", false),
    // What the guide told the patient when the check-in was saved, as the printout says it
    // (`triage::as_given`): a level, and the signs behind it.
    (
        "advice",
        "Advice the guide gave when the check-in was saved",
        "choice",
        "advice",
        false,
    ),
    (
        "advice-reasons",
        "The answers that advice was given for",
        "choice",
        "advice-reason",
        true,
    ),
    ("lesion", "A lump or sore", "group", "", true),
    ("lesion.id", "Lesion id in the diary", "string", "", false),
    ("lesion.site", "Where on the body", "choice", "site", false),
    (
        "lesion.name",
        "The patient's name for it",
        "string",
        "",
        false,
    ),
    // The lump's state when the file was made, answered in every group about it: a lump healed
    // since a check-in is not said to have been healed at that check-in, nor is one removed from
    // the diary since (it has no state now).
    (
        "lesion.healed",
        "Lump marked healed by the patient, as of export (its state when this file was made, not at this check-in)",
        "boolean",
        "",
        false,
    ),
    (
        "lesion.healed-on",
        "When the patient marked the lump healed, as of export (not at this check-in)",
        "dateTime",
        "",
        false,
    ),
    (
        "lesion.pain",
        "Pain in this lesion, 0-10",
        "integer",
        "",
        false,
    ),
    (
        "lesion.size",
        "Size compared with everyday things",
        "choice",
        "size",
        false,
    ),
    (
        "lesion.size-mm",
        "Size across, in millimetres",
        "quantity",
        "",
        false,
    ),
    (
        "lesion.signs",
        "What it is like today",
        "choice",
        "sign",
        true,
    ),
];

/// The canonical URL of the check-in `Questionnaire`; also its `fullUrl` in the bundle.
pub fn questionnaire_url() -> String {
    urn("questionnaire:check-in:1")
}

/// The code system of one of our own kinds of code (`sign`, `site`, ...).
pub fn code_system(kind: &str) -> String {
    urn(&format!("code-system:{kind}"))
}

fn urn(name: &str) -> String {
    format!("urn:uuid:{}", uuid_for(name))
}

/// A JSON object (serde_json writes its keys sorted).
fn obj(pairs: Vec<(&str, Value)>) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// The whole diary as a bundle, compact JSON. `zone` is the patient's (as for the CSV), and
/// `site_label` gives each site's display text.
pub fn fhir_bundle(
    diary: &Diary,
    zone: &dyn Zone,
    site_label: &dyn Fn(Site) -> String,
    now: Instant,
) -> String {
    let mut out = String::new();
    fhir_bundle_parts(diary, zone, site_label, now, &mut |part| {
        out.push_str(&part)
    });
    out
}

/// The same Bundle as `fhir_bundle`, handed to `sink` a piece at a time (one resource each): only
/// one resource is held at once, so a ten-year diary's export needs little memory here; the
/// caller can pass each piece on (e.g. to a Blob) and let it go.
pub fn fhir_bundle_parts(
    diary: &Diary,
    zone: &dyn Zone,
    site_label: &dyn Fn(Site) -> String,
    now: Instant,
    sink: &mut dyn FnMut(String),
) {
    // When the patient made the file (an `instant`, which takes an offset too): local, as the
    // date in the file's name is.
    sink(format!(
        r#"{{"resourceType":"Bundle","type":"collection","timestamp":{},"entry":["#,
        Value::from(now.to_rfc3339_in(zone))
    ));
    let mut first = true;
    let mut push = |e: Value| {
        let comma = if first { "" } else { "," };
        first = false;
        sink(format!("{comma}{e}"));
    };
    push(entry(questionnaire_url(), questionnaire()));
    let check_ins: Vec<&CheckIn> = diary.entries().collect();
    let patient = patient_url(diary);
    let known = triage::Known::of(diary);
    for (i, c) in check_ins.iter().enumerate().rev() {
        let url = urn(&format!("check-in:{}", c.id));
        let advice = triage::as_given(c, check_ins.get(i + 1).copied(), &known);
        let answers = Answered {
            advice,
            patient: &patient,
        };
        push(entry(url, response(diary, c, &answers, zone, site_label)));
    }
    if !check_ins.is_empty() || diary.live_medicines().next().is_some() {
        push(entry(
            patient.clone(),
            obj(vec![("resourceType", "Patient".into())]),
        ));
    }
    for m in diary.live_medicines() {
        let url = urn(&format!("medicine:{}", m.id));
        push(entry(url, medication_statement(m, &patient, zone)));
    }
    sink("]}".to_string());
}

/// The `Patient` the responses and the medicine statements are about and come from. It carries
/// nothing but an id:
/// the file is the patient's own, and the clinic knows who gave it to them. The id is named after
/// the diary's oldest record id (ids are time-ordered and tombstones are kept, so it stays the
/// same from one export to the next), so two patients' files do not share a `Patient`.
pub fn patient_url(diary: &Diary) -> String {
    let ids = diary
        .lesions
        .iter()
        .map(Versioned::id)
        .chain(diary.check_ins.iter().map(Versioned::id))
        .chain(diary.questions.iter().map(Versioned::id))
        .chain(diary.medicines.iter().map(Versioned::id));
    urn(&format!("patient:{}", ids.min().unwrap_or_default()))
}

/// One medicine as the patient reported it: `active` (they listed it as one they take), the name
/// as text only (nothing is coded or matched to a drug list), and how they take it as the
/// dosage's text. `dateAsserted` is when the patient last wrote or changed it on their list (the
/// moment the statement was true as of), in their local time.
fn medication_statement(m: &Medicine, patient: &str, zone: &dyn Zone) -> Value {
    let reference = || obj(vec![("reference", patient.into())]);
    let mut statement = obj(vec![
        ("resourceType", "MedicationStatement".into()),
        (
            "identifier",
            Value::Array(vec![obj(vec![
                ("system", code_system("medicine-id").into()),
                ("value", m.id.clone().into()),
            ])]),
        ),
        ("status", "active".into()),
        (
            "category",
            obj(vec![(
                "coding",
                Value::Array(vec![obj(vec![
                    ("system", MEDICATION_STATEMENT_CATEGORY.into()),
                    ("code", "patientspecified".into()),
                ])]),
            )]),
        ),
        (
            "medicationCodeableConcept",
            obj(vec![("text", m.name.trim().into())]),
        ),
        ("subject", reference()),
        ("informationSource", reference()),
        ("dateAsserted", m.updated.to_rfc3339_in(zone).into()),
    ]);
    if !m.how.trim().is_empty() {
        statement["dosage"] = Value::Array(vec![obj(vec![("text", m.how.trim().into())])]);
    }
    statement
}

const MEDICATION_STATEMENT_CATEGORY: &str =
    "http://terminology.hl7.org/CodeSystem/medication-statement-category";

fn entry(full_url: String, mut resource: Value) -> Value {
    resource["id"] = full_url.trim_start_matches("urn:uuid:").into();
    obj(vec![("fullUrl", full_url.into()), ("resource", resource)])
}

fn coding(kind: &str, code: String) -> Value {
    obj(vec![
        ("system", code_system(kind).into()),
        ("code", code.into()),
    ])
}

/// Every code of one kind, for a choice question's answer options.
fn codes(kind: &str) -> Vec<String> {
    let words = [Size::RiceGrain, Size::Pea, Size::Grape, Size::Walnut];
    let adherence = [
        Adherence::AsPrescribed,
        Adherence::MissedSome,
        Adherence::NotTaking,
    ];
    match kind {
        "warning" => Warning::ALL.iter().map(key).collect(),
        "adherence" => adherence.iter().map(key).collect(),
        "side-effect" => SideEffect::ALL.iter().map(key).collect(),
        "site" => Site::all().into_iter().map(Site::id).collect(),
        "size" => words.into_iter().map(size_text).collect(),
        "sign" => Sign::ALL.iter().map(key).collect(),
        "advice" => Level::ALL.iter().map(|l| l.key().to_string()).collect(),
        "advice-reason" => Reason::ALL.iter().map(|r| r.key().to_string()).collect(),
        _ => Vec::new(),
    }
}

fn questionnaire() -> Value {
    let mut top: Vec<Value> = Vec::new();
    for &(link, text, kind, codes_of, repeats) in QUESTIONS {
        let mut q = obj(vec![
            ("linkId", link.into()),
            ("text", text.into()),
            ("type", kind.into()),
        ]);
        if repeats {
            q["repeats"] = true.into();
        }
        if !codes_of.is_empty() {
            let options = codes(codes_of)
                .into_iter()
                .map(|c| obj(vec![("valueCoding", coding(codes_of, c))]));
            q["answerOption"] = options.collect();
        }
        if link == "pain" {
            q["required"] = true.into();
            q["code"] = Value::Array(vec![obj(vec![
                ("system", LOINC.into()),
                ("code", PAIN_CODE.into()),
                ("display", PAIN_DISPLAY.into()),
            ])]);
        }
        match top.last_mut() {
            Some(group) if link.contains('.') => match group["item"].as_array_mut() {
                Some(items) => items.push(q),
                None => group["item"] = Value::Array(vec![q]),
            },
            _ => top.push(q),
        }
    }
    obj(vec![
        ("resourceType", "Questionnaire".into()),
        ("url", questionnaire_url().into()),
        // 2: "lump-now" was added beside "fever". 3: "lesion.healed" and "lesion.healed-on" were
        // added to the lesion group (the lump's healed state as of export). 4: "advice" and
        // "advice-reasons" (what the check-in's result said when it was saved).
        ("version", "4".into()),
        ("name", "CalcinosisCheckIn".into()),
        ("title", "Calcinosis cutis check-in".into()),
        ("status", "active".into()),
        ("item", top.into()),
    ])
}

/// The answers to one question: nothing, or one answer per value.
type Answers = Vec<Value>;

fn one(value_kind: &str, value: Value) -> Answers {
    vec![obj(vec![(value_kind, value)])]
}

fn codings(kind: &str, codes: Vec<String>) -> Answers {
    codes
        .into_iter()
        .map(|c| obj(vec![("valueCoding", coding(kind, c))]))
        .collect()
}

/// FHIR strings may not be empty and should not start or end with white space.
fn text(value: &str) -> Answers {
    match value.trim() {
        "" => Vec::new(),
        trimmed => one("valueString", trimmed.into()),
    }
}

/// Answered items (listed in the order of `QUESTIONS`); questions without answers are left out.
fn items(answers: Vec<(&str, Answers)>) -> Vec<Value> {
    answers
        .into_iter()
        .filter(|(_, a)| !a.is_empty())
        .map(|(link, a)| obj(vec![("linkId", link.into()), ("answer", a.into())]))
        .collect()
}

/// What a response gives beside the check-in's own answers: the advice it gave (`as_given`), and
/// the bundle's `Patient` it is about and from.
struct Answered<'a> {
    advice: Assessment,
    patient: &'a str,
}

fn response(
    diary: &Diary,
    c: &CheckIn,
    answered: &Answered,
    zone: &dyn Zone,
    site_label: &dyn Fn(Site) -> String,
) -> Value {
    let boolean = |b: bool| one("valueBoolean", b.into());
    // For a box asked only some of the time: unticked, it may be a question never asked, so
    // no answer is written rather than `false`.
    let ticked = |b: bool| if b { boolean(true) } else { Vec::new() };
    let integer = |n: Option<u8>| n.map_or(Vec::new(), |n| one("valueInteger", n.into()));
    let mut answers = items(vec![
        ("pain", integer(Some(c.pain))),
        ("fever", boolean(c.fever)),
        ("lump-now", ticked(c.lump_now)),
        ("raynaud", boolean(c.raynaud)),
        ("stiffness", boolean(c.stiffness)),
        ("daily-effect", integer(c.daily_effect)),
        ("sleep", boolean(c.sleep)),
        (
            "warnings",
            codings("warning", c.warnings.iter().map(key).collect()),
        ),
        ("immune-weakening", boolean(c.immune_weakening)),
        (
            "adherence",
            codings("adherence", c.adherence.iter().map(key).collect()),
        ),
        (
            "side-effects",
            codings("side-effect", c.side_effects.iter().map(key).collect()),
        ),
        ("other-side-effect", text(&c.other_side_effect)),
        ("notes", text(&c.notes)),
        (
            "advice",
            codings("advice", vec![answered.advice.level.key().to_string()]),
        ),
        (
            "advice-reasons",
            codings(
                "advice-reason",
                answered
                    .advice
                    .reasons
                    .iter()
                    .map(|r| r.key().to_string())
                    .collect(),
            ),
        ),
    ]);
    for o in &c.observations {
        let lesion = diary.lesion(&o.lesion);
        let site = lesion.map_or(Vec::new(), |l| {
            let mut code = coding("site", l.site.id());
            let label = site_label(l.site);
            if !label.trim().is_empty() {
                code["display"] = label.trim().into();
            }
            one("valueCoding", code)
        });
        let (words, mm) = match o.size {
            Some(Size::Mm(mm)) => (Vec::new(), Some(mm)),
            Some(words) => (codings("size", vec![size_text(words)]), None),
            None => (Vec::new(), None),
        };
        let quantity = mm.map_or(Vec::new(), |mm| {
            one(
                "valueQuantity",
                obj(vec![
                    ("value", mm.into()),
                    ("unit", "mm".into()),
                    ("system", UCUM.into()),
                    ("code", "mm".into()),
                ]),
            )
        });
        // Healed now: "true", with the moment the patient marked it, in their local time, when it
        // is known (an older version kept none). Not healed now, removed from the diary (a
        // removed lump has no state now), or a lump the diary does not have: neither is answered.
        let healed = lesion.filter(|l| l.healed_now());
        let healed_on = healed
            .and_then(Lesion::marked_healed_at)
            .map_or(Vec::new(), |t| {
                one("valueDateTime", t.to_rfc3339_in(zone).into())
            });
        let parts = items(vec![
            ("lesion.id", text(&o.lesion)),
            ("lesion.site", site),
            ("lesion.name", text(lesion.map_or("", |l| &l.name))),
            ("lesion.healed", ticked(healed.is_some())),
            ("lesion.healed-on", healed_on),
            ("lesion.pain", integer(o.pain)),
            ("lesion.size", words),
            ("lesion.size-mm", quantity),
            (
                "lesion.signs",
                codings("sign", o.signs.iter().map(key).collect()),
            ),
        ]);
        answers.push(obj(vec![
            ("linkId", "lesion".into()),
            ("item", parts.into()),
        ]));
    }
    obj(vec![
        ("resourceType", "QuestionnaireResponse".into()),
        (
            "identifier",
            obj(vec![
                ("system", code_system("check-in-id").into()),
                ("value", c.id.clone().into()),
            ]),
        ),
        ("questionnaire", questionnaire_url().into()),
        ("status", "completed".into()),
        ("subject", obj(vec![("reference", answered.patient.into())])),
        ("source", obj(vec![("reference", answered.patient.into())])),
        // When the patient checked in: the CSV's date, time and utc_offset in one value.
        ("authored", c.at.to_rfc3339_in(zone).into()),
        ("item", answers.into()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{check_medicine, Lesion, Medicine, Observation};
    use crate::core::json::Extra;
    use crate::core::test_support::{at, fever_with_lump_now, Lisbon};
    use serde_json::Value;
    use std::collections::HashSet;

    fn label(site: Site) -> String {
        format!("Label {site}")
    }

    fn diary() -> Diary {
        let mut d = Diary::default();
        d.upsert_lesion(Lesion {
            healed_at: None,
            healed_earlier: Vec::new(),
            since: None,
            id: "l1".into(),
            site: Site::parse("right-thumb").unwrap(),
            name: "thumb lump".into(),
            updated: at("2026-10-01T08:00:00Z"),
            deleted: false,
            healed: false,
            extra: Extra::NONE,
        });
        d.upsert(CheckIn {
            id: "c1".into(),
            at: at("2026-10-01T08:00:00Z"),
            updated: at("2026-10-01T08:00:00Z"),
            pain: 6,
            fever: true,
            daily_effect: Some(3),
            warnings: vec![Warning::ChestPain],
            adherence: Some(Adherence::NotTaking),
            side_effects: vec![SideEffect::Flushing],
            notes: "  hurts, \"a lot\" 🩹\n ".into(),
            observations: vec![
                Observation {
                    lesion: "l1".into(),
                    pain: Some(7),
                    size: Some(Size::Mm(14)),
                    signs: vec![Sign::PusCloudy],
                    extra: Extra::NONE,
                },
                Observation {
                    lesion: "l1-missing".into(),
                    pain: None,
                    size: Some(Size::Grape),
                    signs: vec![],
                    extra: Extra::NONE,
                },
            ],
            ..CheckIn::default()
        });
        d.upsert(CheckIn {
            id: "c2".into(),
            at: at("2026-10-02T08:00:00Z"),
            updated: at("2026-10-02T08:00:00Z"),
            pain: 0,
            ..CheckIn::default()
        });
        d.upsert(CheckIn {
            id: "gone".into(),
            at: at("2026-10-03T08:00:00Z"),
            updated: at("2026-10-03T08:00:00Z"),
            deleted: true,
            ..CheckIn::default()
        });
        d
    }

    fn bundle() -> Value {
        let text = fhir_bundle(&diary(), &0, &label, at("2026-11-25T12:00:00Z"));
        serde_json::from_str(&text).unwrap()
    }

    fn answers<'a>(items: &'a Value, link: &str) -> &'a Value {
        let item = items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["linkId"] == link)
            .unwrap_or_else(|| panic!("no item {link}"));
        &item["answer"]
    }

    fn links(items: &Value, into: &mut Vec<String>) {
        for i in items.as_array().into_iter().flatten() {
            into.push(i["linkId"].as_str().unwrap().to_string());
            links(&i["item"], into);
        }
    }

    #[test]
    fn a_collection_of_the_questionnaire_and_one_response_per_live_check_in() {
        let b = bundle();
        assert_eq!(b["resourceType"], "Bundle");
        assert_eq!(b["type"], "collection");
        assert_eq!(b["timestamp"], "2026-11-25T12:00:00+00:00");
        let entries = b["entry"].as_array().unwrap();
        assert_eq!(
            entries.len(),
            4,
            "questionnaire, c1, c2 (not the deleted one), the patient they are about"
        );
        let q = &entries[0]["resource"];
        assert_eq!(q["resourceType"], "Questionnaire");
        assert_eq!(q["url"], questionnaire_url());
        assert_eq!(q["status"], "active");
        let pain = &q["item"][0];
        assert_eq!(pain["linkId"], "pain");
        assert_eq!(pain["type"], "integer");
        assert_eq!(pain["code"][0]["system"], LOINC);
        assert_eq!(pain["code"][0]["code"], "72514-3");
        assert_eq!(pain["code"][0]["display"], PAIN_DISPLAY);
        let mut urls = HashSet::new();
        for e in entries {
            let url = e["fullUrl"].as_str().unwrap();
            let id = url.strip_prefix("urn:uuid:").expect("a urn:uuid fullUrl");
            assert_eq!(e["resource"]["id"], id);
            assert_eq!(id.len(), 36);
            assert!(urls.insert(url.to_string()));
        }
        for (e, id, when) in [
            (&entries[1], "c1", "2026-10-01T08:00:00+00:00"),
            (&entries[2], "c2", "2026-10-02T08:00:00+00:00"),
        ] {
            let r = &e["resource"];
            assert_eq!(r["resourceType"], "QuestionnaireResponse");
            assert_eq!(r["status"], "completed");
            assert_eq!(r["questionnaire"], questionnaire_url());
            assert_eq!(r["authored"], when);
            assert_eq!(r["identifier"]["value"], id);
            // Found by an audit: no response said whose it was, and a Patient came only with
            // medicines. Each is about, and from, the bundle's one Patient.
            let patient = entries[3]["fullUrl"].as_str().unwrap();
            assert_eq!(entries[3]["resource"]["resourceType"], "Patient");
            assert_eq!(r["subject"]["reference"], patient);
            assert_eq!(r["source"]["reference"], patient);
        }
        // An empty diary has no one to be about.
        let empty = fhir_bundle(&Diary::default(), &0, &label, at("2026-11-25T12:00:00Z"));
        assert!(!empty.contains("Patient"));
    }

    /// Found by an audit: the printout says what each check-in's result was, and a clinic's
    /// system saw only the answers. Each response gives the advice as it was given when saved.
    #[test]
    fn each_response_gives_the_advice_given_when_saved() {
        use crate::core::triage::Given;
        let mut d = diary();
        let mut c = d.check_in("c2").unwrap().clone();
        c.given.0 = Some(Given {
            level: Level::GetHelpNow,
            reasons: vec![Reason::Blisters, Reason::PusCloudy],
            for_update: c.updated,
        });
        d.upsert(c);
        let text = fhir_bundle(&d, &0, &label, at("2026-11-25T12:00:00Z"));
        let b: Value = serde_json::from_str(&text).unwrap();
        let items = &b["entry"][2]["resource"]["item"];
        assert_eq!(
            answers(items, "advice")[0]["valueCoding"]["code"],
            "get-help-now"
        );
        let why: Vec<&Value> = answers(items, "advice-reasons")
            .as_array()
            .unwrap()
            .iter()
            .map(|a| &a["valueCoding"]["code"])
            .collect();
        assert_eq!(why, ["blisters", "pus-cloudy"]);
        // c1, saved before the advice was kept: as the rules give it.
        let first = &b["entry"][1]["resource"]["item"];
        let level = answers(first, "advice")[0]["valueCoding"]["code"]
            .as_str()
            .unwrap();
        let c1 = d.check_in("c1").unwrap();
        assert_eq!(level, triage::assess_in(&d, c1).level.key());
        // Both codes are among the Questionnaire's options for them.
        let q = &b["entry"][0]["resource"]["item"];
        let options = |link: &str| -> Vec<String> {
            let item = q
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["linkId"] == link)
                .unwrap();
            let options = item["answerOption"].as_array().unwrap();
            options
                .iter()
                .map(|o| o["valueCoding"]["code"].as_str().unwrap().to_string())
                .collect()
        };
        assert!(options("advice").contains(&"get-help-now".to_string()));
        assert!(options("advice-reasons").contains(&"blisters".to_string()));
    }

    #[test]
    fn answers_carry_the_check_in() {
        let b = bundle();
        let items = &b["entry"][1]["resource"]["item"];
        assert_eq!(answers(items, "pain")[0]["valueInteger"], 6);
        assert_eq!(answers(items, "fever")[0]["valueBoolean"], true);
        assert_eq!(answers(items, "raynaud")[0]["valueBoolean"], false);
        assert_eq!(answers(items, "daily-effect")[0]["valueInteger"], 3);
        assert_eq!(
            answers(items, "warnings")[0]["valueCoding"]["code"],
            "chest-pain"
        );
        assert_eq!(
            answers(items, "adherence")[0]["valueCoding"]["code"],
            "not-taking"
        );
        assert_eq!(
            answers(items, "side-effects")[0]["valueCoding"]["code"],
            "flushing"
        );
        assert_eq!(
            answers(items, "notes")[0]["valueString"],
            "hurts, \"a lot\" 🩹"
        );
        let lesions: Vec<&Value> = items
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["linkId"] == "lesion")
            .collect();
        assert_eq!(lesions.len(), 2);
        let first = &lesions[0]["item"];
        assert_eq!(answers(first, "lesion.id")[0]["valueString"], "l1");
        let site = &answers(first, "lesion.site")[0]["valueCoding"];
        assert_eq!(site["code"], "right-thumb");
        assert_eq!(site["display"], "Label right-thumb");
        assert_eq!(site["system"], code_system("site"));
        assert_eq!(
            answers(first, "lesion.name")[0]["valueString"],
            "thumb lump"
        );
        assert_eq!(answers(first, "lesion.pain")[0]["valueInteger"], 7);
        assert_eq!(
            answers(first, "lesion.size-mm")[0]["valueQuantity"]["value"],
            14
        );
        assert_eq!(
            answers(first, "lesion.signs")[0]["valueCoding"]["code"],
            "pus-cloudy"
        );
        let second = &lesions[1]["item"];
        assert_eq!(
            answers(second, "lesion.size")[0]["valueCoding"]["code"],
            "grape"
        );
        // Nothing empty: the unknown lesion has no site and no name item, and c2 has no notes.
        let mut l = Vec::new();
        links(second, &mut l);
        assert_eq!(l, ["lesion.id", "lesion.size"]);
        let mut l = Vec::new();
        links(&b["entry"][2]["resource"]["item"], &mut l);
        assert_eq!(
            l,
            [
                "pain",
                "fever",
                "raynaud",
                "stiffness",
                "sleep",
                "immune-weakening",
                "advice"
            ]
        );
    }

    /// "I have a lump or sore now" is what makes a fever a same-day call when no lump is in the
    /// diary. The Questionnaire asks it beside the fever; a response answers it only when the
    /// patient ticked it (it is asked only with a fever and no lump known, so an unticked box
    /// may be a question never asked, and "false" would claim what the patient did not say).
    #[test]
    fn a_lump_said_to_be_there_now_is_answered_beside_the_fever() {
        let mut d = diary();
        d.upsert(fever_with_lump_now("c3", "2026-10-04T08:00:00Z"));
        let text = fhir_bundle(&d, &0, &label, at("2026-11-25T12:00:00Z"));
        let b: Value = serde_json::from_str(&text).unwrap();
        let q = &b["entry"][0]["resource"]["item"];
        let mut asked = Vec::new();
        links(q, &mut asked);
        let at_fever = asked.iter().position(|l| l == "fever").unwrap();
        assert_eq!(
            asked.get(at_fever + 1).map(String::as_str),
            Some("lump-now"),
            "{asked:?}"
        );
        let item = &q[at_fever + 1];
        assert_eq!(item["type"], "boolean");
        assert!(item.get("required").is_none(), "optional");
        assert!(item["text"].as_str().unwrap().contains("lump or sore now"));

        let said = &b["entry"][3]["resource"];
        assert_eq!(said["identifier"]["value"], "c3");
        assert_eq!(answers(&said["item"], "fever")[0]["valueBoolean"], true);
        assert_eq!(answers(&said["item"], "lump-now")[0]["valueBoolean"], true);
        // c1 has a fever and lumps in it, c2 no fever: neither was asked, neither claims it.
        for e in &b["entry"].as_array().unwrap()[1..3] {
            let mut answered = Vec::new();
            links(&e["resource"]["item"], &mut answered);
            assert!(!answered.contains(&"lump-now".to_string()), "{answered:?}");
        }
    }

    /// A lump the patient marked healed says so in every lesion group about it: "lesion.healed"
    /// true, and "lesion.healed-on" when the moment it was marked is known (in the patient's
    /// local time, as `authored` is). Both are the lump's state when the file was made, not at
    /// that check-in, and the Questionnaire's texts say so; a lump not healed now (even one
    /// healed once and followed again) answers neither, nor does a lump the diary no longer has.
    #[test]
    fn a_lump_marked_healed_says_so_and_when_as_of_export() {
        let mut d = diary();
        let mut l1 = d.lesion("l1").unwrap().clone();
        l1.healed = true;
        l1.healed_at = Some(at("2026-10-05T23:30:00Z"));
        d.upsert_lesion(l1);
        for (id, healed, healed_at) in [
            ("l2", true, None),
            ("l3", false, Some(at("2026-10-02T10:00:00Z"))),
        ] {
            d.upsert_lesion(Lesion {
                healed_at,
                healed_earlier: Vec::new(),
                since: None,
                id: id.into(),
                site: Site::parse("left-knee").unwrap(),
                name: String::new(),
                updated: at("2026-10-01T08:00:00Z"),
                deleted: false,
                healed,
                extra: Extra::NONE,
            });
        }
        let seen = |lesion: &str| Observation {
            lesion: lesion.into(),
            pain: Some(1),
            size: None,
            signs: vec![],
            extra: Extra::NONE,
        };
        d.upsert(CheckIn {
            id: "c3".into(),
            at: at("2026-10-04T08:00:00Z"),
            updated: at("2026-10-04T08:00:00Z"),
            observations: vec![seen("l2"), seen("l3")],
            ..CheckIn::default()
        });
        let text = fhir_bundle(&d, &0, &label, at("2026-11-25T12:00:00Z"));
        let b: Value = serde_json::from_str(&text).unwrap();

        let q = &b["entry"][0]["resource"];
        assert_eq!(q["version"], "4", "a new version for the new questions");
        let group = q["item"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["linkId"] == "lesion")
            .unwrap();
        let question = |link: &str| {
            group["item"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["linkId"] == link)
                .unwrap_or_else(|| panic!("no {link} in the lesion group"))
                .clone()
        };
        assert_eq!(question("lesion.healed")["type"], "boolean");
        assert_eq!(question("lesion.healed-on")["type"], "dateTime");
        for link in ["lesion.healed", "lesion.healed-on"] {
            let text = question(link)["text"].as_str().unwrap().to_string();
            assert!(
                text.contains("as of export") && text.contains("not at this check-in"),
                "{link}: {text}"
            );
        }

        let groups = |id: &str| -> Vec<Value> {
            let entries = b["entry"].as_array().unwrap();
            let r = &entries
                .iter()
                .find(|e| e["resource"]["identifier"]["value"] == id)
                .unwrap()["resource"];
            r["item"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["linkId"] == "lesion")
                .map(|i| i["item"].clone())
                .collect()
        };
        let healed_links = |items: &Value| {
            let mut l = Vec::new();
            links(items, &mut l);
            l.retain(|l| l.starts_with("lesion.healed"));
            l
        };
        let c1 = groups("c1");
        assert_eq!(answers(&c1[0], "lesion.healed")[0]["valueBoolean"], true);
        assert_eq!(
            answers(&c1[0], "lesion.healed-on")[0]["valueDateTime"],
            "2026-10-05T23:30:00+00:00"
        );
        assert_eq!(healed_links(&c1[1]), Vec::<String>::new(), "unknown lump");
        let c3 = groups("c3");
        assert_eq!(answers(&c3[0], "lesion.healed")[0]["valueBoolean"], true);
        assert_eq!(healed_links(&c3[0]), ["lesion.healed"], "no time known");
        assert_eq!(healed_links(&c3[1]), Vec::<String>::new(), "not healed now");
    }

    #[test]
    fn every_answered_link_is_a_question_in_the_same_order() {
        let b = bundle();
        let mut asked = Vec::new();
        links(&b["entry"][0]["resource"]["item"], &mut asked);
        assert_eq!(
            asked.iter().collect::<HashSet<_>>().len(),
            asked.len(),
            "unique linkIds"
        );
        for e in &b["entry"].as_array().unwrap()[1..] {
            let mut answered = Vec::new();
            links(&e["resource"]["item"], &mut answered);
            let positions: Vec<usize> = answered
                .iter()
                .map(|a| asked.iter().position(|q| q == a).expect("asked"))
                .collect();
            let top: Vec<usize> = positions
                .iter()
                .copied()
                .filter(|&p| !asked[p].contains('.'))
                .collect();
            assert!(top.windows(2).all(|w| w[0] <= w[1]), "{answered:?}");
        }
    }

    /// A lump marked healed and then removed from the diary has no state now: its groups answer
    /// neither "lesion.healed" nor "lesion.healed-on" (it is not healed as of export, it is
    /// gone), whether or not the moment it was marked is known. They still say which lump they
    /// were about: id, site and name, as its tombstone keeps them and the history shows them.
    #[test]
    fn a_lump_removed_after_it_was_marked_healed_is_not_healed_as_of_export() {
        let mut d = diary();
        let mut l1 = d.lesion("l1").unwrap().clone();
        l1.healed = true;
        l1.healed_at = Some(at("2026-10-05T23:30:00Z"));
        l1.deleted = true;
        d.upsert_lesion(l1);
        d.upsert_lesion(Lesion {
            healed_at: None,
            healed_earlier: Vec::new(),
            since: None,
            id: "l2".into(),
            site: Site::parse("left-knee").unwrap(),
            name: "knee".into(),
            updated: at("2026-10-01T08:00:00Z"),
            deleted: true,
            healed: true,
            extra: Extra::NONE,
        });
        d.upsert(CheckIn {
            id: "c3".into(),
            at: at("2026-10-04T08:00:00Z"),
            updated: at("2026-10-04T08:00:00Z"),
            observations: vec![Observation {
                lesion: "l2".into(),
                pain: Some(1),
                size: None,
                signs: vec![],
                extra: Extra::NONE,
            }],
            ..CheckIn::default()
        });
        let text = fhir_bundle(&d, &0, &label, at("2026-11-25T12:00:00Z"));
        let b: Value = serde_json::from_str(&text).unwrap();
        let group = |check_in: &str, lump: &str| {
            let entries = b["entry"].as_array().unwrap();
            let r = &entries
                .iter()
                .find(|e| e["resource"]["identifier"]["value"] == check_in)
                .unwrap()["resource"];
            let groups = r["item"].as_array().unwrap().iter();
            let mut groups = groups
                .filter(|i| i["linkId"] == "lesion")
                .map(|i| &i["item"]);
            groups
                .find(|g| answers(g, "lesion.id")[0]["valueString"] == lump)
                .unwrap()
                .clone()
        };
        for (check_in, lump, name) in [("c1", "l1", "thumb lump"), ("c3", "l2", "knee")] {
            let g = group(check_in, lump);
            let mut l = Vec::new();
            links(&g, &mut l);
            assert!(
                !l.iter().any(|l| l.starts_with("lesion.healed")),
                "{lump}: removed, so no state now: {l:?}"
            );
            assert_eq!(answers(&g, "lesion.name")[0]["valueString"], name);
            assert!(answers(&g, "lesion.site")[0]["valueCoding"]["code"].is_string());
        }
    }

    /// When the patient did something (checked in, marked a lump healed, last changed a medicine,
    /// made the file) is written as their clock read it, with the offset in force at that
    /// instant, as the CSV's date, time and utc_offset are: a clinic system that shows only the
    /// date puts a check-in at 00:30 on the patient's day, not the day before. Each value is
    /// still the same instant, and the hour that comes twice when clocks go back is told apart.
    #[test]
    fn times_the_patient_did_something_are_their_local_time_with_its_offset() {
        let mut d = Diary::default();
        d.upsert_lesion(Lesion {
            healed_at: Some(at("2026-07-15T23:10:05Z")),
            healed_earlier: Vec::new(),
            since: None,
            id: "l1".into(),
            site: Site::parse("right-thumb").unwrap(),
            name: String::new(),
            updated: at("2026-07-15T23:10:05Z"),
            deleted: false,
            healed: true,
            extra: Extra::NONE,
        });
        for (id, when) in [
            ("c-after-midnight", "2026-10-01T23:30:00Z"),
            ("c-summer-time", "2026-10-25T00:30:00Z"),
            ("c-winter-time", "2026-10-25T01:30:00Z"),
        ] {
            d.upsert(CheckIn {
                id: id.into(),
                at: at(when),
                updated: at(when),
                observations: vec![Observation {
                    lesion: "l1".into(),
                    pain: None,
                    size: None,
                    signs: vec![],
                    extra: Extra::NONE,
                }],
                ..CheckIn::default()
            });
        }
        let text = check_medicine("Diltiazem", "").unwrap();
        d.upsert_medicine(Medicine::new("m1".into(), text, at("2026-08-31T23:45:00Z")));
        let now = at("2026-11-25T12:00:00Z");
        let b: Value = serde_json::from_str(&fhir_bundle(&d, &Lisbon, &label, now)).unwrap();

        let resource = |kind: &str, id: &str| {
            let entries = b["entry"].as_array().unwrap();
            let found = entries.iter().map(|e| &e["resource"]).find(|r| {
                r["resourceType"] == kind
                    && (r["identifier"]["value"] == id || r["identifier"][0]["value"] == id)
            });
            found.unwrap_or_else(|| panic!("no {kind} {id}")).clone()
        };
        let authored = |id: &str| resource("QuestionnaireResponse", id)["authored"].clone();
        assert_eq!(authored("c-after-midnight"), "2026-10-02T00:30:00+01:00");
        assert_eq!(authored("c-summer-time"), "2026-10-25T01:30:00+01:00");
        assert_eq!(authored("c-winter-time"), "2026-10-25T01:30:00+00:00");
        let groups = resource("QuestionnaireResponse", "c-winter-time")["item"].clone();
        let group = groups
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["linkId"] == "lesion")
            .unwrap();
        assert_eq!(
            answers(&group["item"], "lesion.healed-on")[0]["valueDateTime"],
            "2026-07-16T00:10:05+01:00"
        );
        assert_eq!(
            resource("MedicationStatement", "m1")["dateAsserted"],
            "2026-09-01T00:45:00+01:00"
        );
        assert_eq!(b["timestamp"], "2026-11-25T12:00:00+00:00");

        // West of UTC too, and nothing is left in UTC: every time carries the zone's offset and
        // reads back as the instant it stands for.
        let text = fhir_bundle(&d, &-300, &label, now);
        let mut times = Vec::new();
        for key in [
            "\"timestamp\":\"",
            "\"authored\":\"",
            "\"dateAsserted\":\"",
            "\"valueDateTime\":\"",
        ] {
            for (i, _) in text.match_indices(key) {
                let rest = &text[i + key.len()..];
                times.push(rest[..rest.find('"').unwrap()].to_string());
            }
        }
        assert_eq!(times.len(), 1 + 3 + 1 + 3, "{times:?}");
        assert!(times.iter().all(|t| t.ends_with("-05:00")), "{times:?}");
        for (written, utc) in times.iter().zip([
            "2026-11-25T12:00:00Z",
            "2026-10-01T23:30:00Z",
            "2026-10-25T00:30:00Z",
            "2026-10-25T01:30:00Z",
            "2026-08-31T23:45:00Z",
            "2026-07-15T23:10:05Z",
            "2026-07-15T23:10:05Z",
            "2026-07-15T23:10:05Z",
        ]) {
            assert_eq!(Instant::parse_rfc3339(written), Some(at(utc)), "{written}");
        }
    }

    #[test]
    fn the_same_diary_gives_the_same_file() {
        let now = at("2026-11-25T12:00:00Z");
        assert_eq!(
            fhir_bundle(&diary(), &0, &label, now),
            fhir_bundle(&diary(), &0, &label, now)
        );
        let empty: Value =
            serde_json::from_str(&fhir_bundle(&Diary::default(), &0, &label, now)).unwrap();
        assert_eq!(empty["entry"].as_array().unwrap().len(), 1);
    }

    fn with_medicines() -> Diary {
        let mut d = diary();
        for (id, name, how) in [
            ("m1", " Diltiazem ", "One tablet, morning and night"),
            ("m2", "Hand cream", ""),
            ("m3", "Gone", "x"),
        ] {
            let text = check_medicine(name, how).unwrap();
            d.upsert_medicine(Medicine::new(id.into(), text, at("2026-10-04T08:00:00Z")));
        }
        d.delete_medicine("m3", at("2026-10-05T08:00:00Z"));
        d
    }

    #[test]
    fn one_medication_statement_per_live_medicine_about_and_from_the_patient() {
        let text = fhir_bundle(&with_medicines(), &0, &label, at("2026-11-25T12:00:00Z"));
        let b: Value = serde_json::from_str(&text).unwrap();
        let entries = b["entry"].as_array().unwrap();
        let kinds: Vec<&str> = entries
            .iter()
            .map(|e| e["resource"]["resourceType"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            [
                "Questionnaire",
                "QuestionnaireResponse",
                "QuestionnaireResponse",
                "Patient",
                "MedicationStatement",
                "MedicationStatement"
            ]
        );
        let patient = entries[3]["fullUrl"].as_str().unwrap();
        assert_eq!(patient, patient_url(&with_medicines()));
        let m1 = &entries[4]["resource"];
        assert_eq!(m1["status"], "active");
        assert_eq!(m1["medicationCodeableConcept"]["text"], "Diltiazem");
        assert_eq!(
            m1["medicationCodeableConcept"].as_object().unwrap().len(),
            1,
            "text only: nothing is coded or suggested"
        );
        assert_eq!(m1["dosage"][0]["text"], "One tablet, morning and night");
        assert_eq!(m1["subject"]["reference"], patient);
        assert_eq!(m1["informationSource"]["reference"], patient);
        assert_eq!(m1["dateAsserted"], "2026-10-04T08:00:00+00:00");
        assert_eq!(m1["identifier"][0]["value"], "m1");
        assert_eq!(m1["category"]["coding"][0]["code"], "patientspecified");
        let m2 = &entries[5]["resource"];
        assert_eq!(m2["medicationCodeableConcept"]["text"], "Hand cream");
        assert!(m2.get("dosage").is_none(), "no empty dosage");
        assert!(!text.contains("Gone"), "removed medicines are left out");
        // Without medicines the bundle has no statement, and its Patient is the responses'.
        assert!(!bundle().to_string().contains("MedicationStatement"));
    }

    #[test]
    fn the_patient_id_is_stable_and_differs_between_diaries() {
        let d = with_medicines();
        let mut later = d.clone();
        later.upsert_medicine(Medicine::new(
            "m9".into(),
            check_medicine("Drops", "").unwrap(),
            at("2026-11-01T08:00:00Z"),
        ));
        assert_eq!(patient_url(&d), patient_url(&later));
        let mut other = Diary::default();
        other.upsert_medicine(Medicine::new(
            "mzz".into(),
            check_medicine("Drops", "").unwrap(),
            at("2026-11-01T08:00:00Z"),
        ));
        assert_ne!(patient_url(&d), patient_url(&other));
    }
}
