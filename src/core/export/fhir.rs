//! The diary as a FHIR R4 `Bundle` of type `collection`, for clinic systems: one `Questionnaire`
//! that describes the check-in, and one `QuestionnaireResponse` per live check-in.
//!
//! Identifiers are `urn:uuid:` names derived from record ids, so the same diary always gives the
//! same file and a system that imports it twice can see the same responses. Code systems for our
//! own codes (signs, sites...) are `urn:uuid:` names too: the project has no web address that
//! could publish them, and FHIR accepts URNs for that. Overall pain carries LOINC 72514-3. In R4 a
//! `QuestionnaireResponse` item has no `code`: the code is on the `Questionnaire` item with the
//! same `linkId`.

use serde::Serialize;
use serde_json::{json, Value};

use super::{key, uuid_for};
use crate::core::diary::{Adherence, CheckIn, Diary, SideEffect, Sign, Size, Warning};
use crate::core::sites::Site;
use crate::core::time::Instant;

pub const MIME: &str = "application/fhir+json";

pub const LOINC: &str = "http://loinc.org";
pub const PAIN_CODE: &str = "72514-3";
pub const PAIN_DISPLAY: &str = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
const UCUM: &str = "http://unitsofmeasure.org";

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

/// The whole diary as a bundle, compact JSON. `site_label` gives each site's display text.
pub fn fhir_bundle(diary: &Diary, site_label: &dyn Fn(Site) -> String, now: Instant) -> String {
    let mut entries = vec![entry(questionnaire_url(), questionnaire())];
    let check_ins: Vec<&CheckIn> = diary.entries().collect();
    for c in check_ins.into_iter().rev() {
        let url = urn(&format!("check-in:{}", c.id));
        entries.push(entry(url, response(diary, c, site_label)));
    }
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": now.to_rfc3339(),
        "entry": entries,
    })
    .to_string()
}

fn entry(full_url: String, mut resource: Value) -> Value {
    resource["id"] = json!(full_url.trim_start_matches("urn:uuid:"));
    json!({ "fullUrl": full_url, "resource": resource })
}

fn coding<T: Serialize>(kind: &str, value: &T) -> Value {
    json!({ "system": code_system(kind), "code": key(value) })
}

/// A question: `kind` is the FHIR item type; choices list their answer codes.
fn question(link: &str, text: &str, kind: &str) -> Value {
    json!({ "linkId": link, "text": text, "type": kind })
}

fn choice<T: Serialize>(link: &str, text: &str, system: &str, all: &[T], repeats: bool) -> Value {
    let mut q = question(link, text, "choice");
    q["repeats"] = json!(repeats);
    q["answerOption"] = all
        .iter()
        .map(|v| json!({ "valueCoding": coding(system, v) }))
        .collect();
    q
}

fn questionnaire() -> Value {
    let mut pain = question(
        "pain",
        "Overall pain today, 0 (none) to 10 (worst)",
        "integer",
    );
    pain["required"] = json!(true);
    pain["code"] = json!([{ "system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY }]);
    let words = [Size::RiceGrain, Size::Pea, Size::Grape, Size::Walnut];
    let mut lesion = question("lesion", "A lump or sore", "group");
    lesion["repeats"] = json!(true);
    lesion["item"] = json!([
        question("lesion.id", "Lesion id in the diary", "string"),
        choice(
            "lesion.site",
            "Where on the body",
            "site",
            &Site::all(),
            false
        ),
        question("lesion.name", "The patient's name for it", "string"),
        question("lesion.pain", "Pain in this lesion, 0-10", "integer"),
        choice(
            "lesion.size",
            "Size compared with everyday things",
            "size",
            &words,
            false
        ),
        question("lesion.size-mm", "Size across, in millimetres", "quantity"),
        choice(
            "lesion.signs",
            "What it is like today",
            "sign",
            &Sign::ALL,
            true
        ),
    ]);
    json!({
        "resourceType": "Questionnaire",
        "url": questionnaire_url(),
        "version": "1",
        "name": "CalcinosisCheckIn",
        "title": "Calcinosis cutis check-in",
        "status": "active",
        "item": [
            pain,
            question("fever", "Fever", "boolean"),
            question("raynaud", "Raynaud's attack (fingers or toes white, blue or dark)", "boolean"),
            question("stiffness", "Joint stiffness or loss of use", "boolean"),
            question("daily-effect", "Effect on daily activities, 0-10", "integer"),
            question("sleep", "Sleep disturbed", "boolean"),
            choice("warnings", "Warning signs", "warning", &Warning::ALL, true),
            question("immune-weakening", "Takes medicines that weaken the immune system", "boolean"),
            choice(
                "adherence",
                "Medicines taken",
                "adherence",
                &[Adherence::AsPrescribed, Adherence::MissedSome, Adherence::NotTaking],
                false,
            ),
            choice("side-effects", "Side effects", "side-effect", &SideEffect::ALL, true),
            question("other-side-effect", "Other side effect", "string"),
            question("notes", "Notes", "text"),
            lesion,
        ],
    })
}

/// An answered item: one answer per value.
fn answered(link: &str, answers: Vec<Value>) -> Option<Value> {
    (!answers.is_empty()).then(|| json!({ "linkId": link, "answer": answers }))
}

fn one(key: &str, value: Value) -> Vec<Value> {
    vec![json!({ key: value })]
}

fn codings<T: Serialize>(kind: &str, values: &[T]) -> Vec<Value> {
    values
        .iter()
        .map(|v| json!({ "valueCoding": coding(kind, v) }))
        .collect()
}

/// FHIR strings may not be empty and should not start or end with white space.
fn text(value: &str) -> Vec<Value> {
    let value = value.trim();
    if value.is_empty() {
        Vec::new()
    } else {
        one("valueString", json!(value))
    }
}

fn response(diary: &Diary, c: &CheckIn, site_label: &dyn Fn(Site) -> String) -> Value {
    let boolean = |b: bool| one("valueBoolean", json!(b));
    let integer = |n: Option<u8>| n.map_or(Vec::new(), |n| one("valueInteger", json!(n)));
    let mut items = [
        ("pain", integer(Some(c.pain))),
        ("fever", boolean(c.fever)),
        ("raynaud", boolean(c.raynaud)),
        ("stiffness", boolean(c.stiffness)),
        ("daily-effect", integer(c.daily_effect)),
        ("sleep", boolean(c.sleep)),
        ("warnings", codings("warning", &c.warnings)),
        ("immune-weakening", boolean(c.immune_weakening)),
        ("adherence", codings("adherence", c.adherence.as_slice())),
        ("side-effects", codings("side-effect", &c.side_effects)),
        ("other-side-effect", text(&c.other_side_effect)),
        ("notes", text(&c.notes)),
    ]
    .into_iter()
    .filter_map(|(link, answers)| answered(link, answers))
    .collect::<Vec<Value>>();
    for o in &c.observations {
        let lesion = diary.lesion(&o.lesion);
        let site = lesion.map_or(Vec::new(), |l| {
            let mut code = coding("site", &l.site);
            let label = site_label(l.site);
            if !label.trim().is_empty() {
                code["display"] = json!(label.trim());
            }
            one("valueCoding", code)
        });
        let (words, mm) = match o.size {
            Some(Size::Mm(mm)) => (Vec::new(), Some(mm)),
            Some(words) => (one("valueCoding", coding("size", &words)), None),
            None => (Vec::new(), None),
        };
        let quantity = mm.map_or(Vec::new(), |mm| {
            one(
                "valueQuantity",
                json!({ "value": mm, "unit": "mm", "system": UCUM, "code": "mm" }),
            )
        });
        let parts: Vec<Value> = [
            ("lesion.id", text(&o.lesion)),
            ("lesion.site", site),
            ("lesion.name", text(lesion.map_or("", |l| &l.name))),
            ("lesion.pain", integer(o.pain)),
            ("lesion.size", words),
            ("lesion.size-mm", quantity),
            ("lesion.signs", codings("sign", &o.signs)),
        ]
        .into_iter()
        .filter_map(|(link, answers)| answered(link, answers))
        .collect();
        items.push(json!({ "linkId": "lesion", "item": parts }));
    }
    json!({
        "resourceType": "QuestionnaireResponse",
        "identifier": { "system": code_system("check-in-id"), "value": c.id },
        "questionnaire": questionnaire_url(),
        "status": "completed",
        "authored": c.at.to_rfc3339(),
        "item": items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{Lesion, Observation};
    use std::collections::HashSet;

    fn at(s: &str) -> Instant {
        Instant::parse_rfc3339(s).unwrap()
    }

    fn label(site: Site) -> String {
        format!("Label {site}")
    }

    fn diary() -> Diary {
        let mut d = Diary::default();
        d.upsert_lesion(Lesion {
            id: "l1".into(),
            site: Site::parse("right-thumb").unwrap(),
            name: "thumb lump".into(),
            updated: at("2026-10-01T08:00:00Z"),
            deleted: false,
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
                },
                Observation {
                    lesion: "l1-missing".into(),
                    pain: None,
                    size: Some(Size::Grape),
                    signs: vec![],
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
        let text = fhir_bundle(&diary(), &label, at("2026-11-25T12:00:00Z"));
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
        assert_eq!(b["timestamp"], "2026-11-25T12:00:00Z");
        let entries = b["entry"].as_array().unwrap();
        assert_eq!(
            entries.len(),
            3,
            "questionnaire, c1, c2 (not the deleted one)"
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
            (&entries[1], "c1", "2026-10-01T08:00:00Z"),
            (&entries[2], "c2", "2026-10-02T08:00:00Z"),
        ] {
            let r = &e["resource"];
            assert_eq!(r["resourceType"], "QuestionnaireResponse");
            assert_eq!(r["status"], "completed");
            assert_eq!(r["questionnaire"], questionnaire_url());
            assert_eq!(r["authored"], when);
            assert_eq!(r["identifier"]["value"], id);
        }
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
                "immune-weakening"
            ]
        );
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

    #[test]
    fn the_same_diary_gives_the_same_file() {
        let now = at("2026-11-25T12:00:00Z");
        assert_eq!(
            fhir_bundle(&diary(), &label, now),
            fhir_bundle(&diary(), &label, now)
        );
        let empty: Value =
            serde_json::from_str(&fhir_bundle(&Diary::default(), &label, now)).unwrap();
        assert_eq!(empty["entry"].as_array().unwrap().len(), 1);
    }
}
