use super::*;

fn en() -> &'static Content {
    content(Lang::En).expect("English content loads")
}

fn all_text(section: &Section) -> Vec<&str> {
    let mut out = vec![section.title.as_str(), section.lead.as_str()];
    for b in &section.blocks {
        out.extend(b.heading.as_deref());
        out.extend(b.paragraphs.iter().map(String::as_str));
        out.extend(b.bullets.iter().map(String::as_str));
    }
    for q in &section.questions {
        out.push(&q.question);
        out.push(&q.answer);
    }
    out
}

fn valid_section() -> Section {
    Section {
        key: "symptoms".into(),
        title: "Title".into(),
        lead: "Lead.".into(),
        last_reviewed: "2026-11-25".into(),
        next_review: "2027-11-25".into(),
        sources: vec!["SEED".into()],
        blocks: vec![Block {
            heading: None,
            tone: None,
            paragraphs: vec!["Text.".into()],
            bullets: vec![],
        }],
        questions: vec![],
    }
}

fn known() -> HashSet<String> {
    sources().unwrap().iter().map(|s| s.key.clone()).collect()
}

#[test]
fn every_language_loads_with_all_sections_in_order() {
    for lang in Lang::ALL {
        let c = content(lang).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
        let keys: Vec<&str> = c.sections.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, SECTION_KEYS);
        for s in &c.sections {
            assert!(!s.sources.is_empty(), "{}", s.key);
            let last = Date::parse(&s.last_reviewed).unwrap();
            let next = Date::parse(&s.next_review).unwrap();
            assert!(next > last, "{}", s.key);
        }
    }
}

#[test]
fn source_keys_are_unique_and_match_the_facts_page() {
    let list = sources().unwrap();
    let unique: HashSet<&str> = list.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(unique.len(), list.len(), "duplicate source keys");
    assert!(list.iter().all(|s| !s.citation.trim().is_empty()));
    assert_eq!(
        citation("SEED").map(|c| c.contains("Pan African")),
        Some(true)
    );
    assert_eq!(citation("NOPE"), None);

    // The facts page lives beside the repository (../shared); CI lays it there too.
    let facts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/medical/FACTS.md");
    match std::fs::read_to_string(&facts) {
        Ok(text) => {
            for s in list {
                assert!(
                    text.contains(&s.key),
                    "{} is not a source key in FACTS.md",
                    s.key
                );
            }
        }
        Err(_) => eprintln!(
            "note: {} not found; source keys checked against sources.json only",
            facts.display()
        ),
    }
}

#[test]
fn the_common_questions_sit_on_the_right_steps() {
    let c = en();
    let asked = |key: &str, q: &str| {
        c.section(key)
            .unwrap()
            .questions
            .iter()
            .any(|x| x.question == q)
    };
    assert!(asked("what-it-is", "Is it contagious?"));
    assert!(asked("diagnosis", "Will my calcium blood test be high?"));
    assert!(asked("treatment", "How long until the medicine works?"));
    assert!(asked("treatment", "Can it come back?"));
}

#[test]
fn red_flag_levels_are_on_the_symptoms_step() {
    for lang in Lang::ALL {
        let s = content(lang).unwrap().section("symptoms").unwrap();
        for tone in [Tone::Emergency, Tone::CallToday, Tone::NextVisit] {
            assert!(
                s.blocks
                    .iter()
                    .any(|b| b.tone == Some(tone) && !b.bullets.is_empty()),
                "{lang:?}: symptoms step has no {tone:?} list"
            );
        }
    }
}

#[test]
fn content_is_plain_text_and_keeps_the_safety_rules() {
    for lang in Lang::ALL {
        for s in &content(lang).unwrap().sections {
            for text in all_text(s) {
                assert!(
                    !text.contains('<') && !text.contains('>'),
                    "markup in {}: {text}",
                    s.key
                );
                let lower = text.to_lowercase();
                // FACTS.md: no doses in patient text, never call it rare, never tell anyone to stop.
                assert!(!lower.contains(" mg"), "a dose in {}: {text}", s.key);
                assert!(
                    !lower
                        .split(|c: char| !c.is_alphabetic())
                        .any(|w| w == "rare"),
                    "'rare' in {}: {text}",
                    s.key
                );
                for banned in [
                    "stop taking",
                    "stop your medicine",
                    "cures calcinosis",
                    "will cure",
                ] {
                    assert!(!lower.contains(banned), "{banned:?} in {}: {text}", s.key);
                }
            }
        }
    }
}

#[test]
fn validation_accepts_a_good_section() {
    assert_eq!(
        validate_section(&valid_section(), "symptoms", &known()),
        Ok(())
    );
}

#[test]
fn validation_rejects_each_kind_of_bad_section() {
    let known = known();
    type Breaker = Box<dyn Fn(&mut Section)>;
    let cases: Vec<(&str, Breaker)> = vec![
        ("wrong key", Box::new(|s| s.key = "other".into())),
        ("empty title", Box::new(|s| s.title = "  ".into())),
        (
            "bad date",
            Box::new(|s| s.last_reviewed = "2026-02-30".into()),
        ),
        (
            "next not after last",
            Box::new(|s| s.next_review = s.last_reviewed.clone()),
        ),
        ("no sources", Box::new(|s| s.sources.clear())),
        (
            "unknown source",
            Box::new(|s| s.sources.push("WIKIPEDIA".into())),
        ),
        ("no blocks", Box::new(|s| s.blocks.clear())),
        ("empty block", Box::new(|s| s.blocks[0].paragraphs.clear())),
        (
            "blank bullet",
            Box::new(|s| s.blocks[0].bullets.push(" ".into())),
        ),
        (
            "red flag without heading",
            Box::new(|s| s.blocks[0].tone = Some(Tone::Emergency)),
        ),
        (
            "empty answer",
            Box::new(|s| {
                s.questions.push(Question {
                    question: "Q?".into(),
                    answer: "".into(),
                })
            }),
        ),
    ];
    for (name, break_it) in cases {
        let mut s = valid_section();
        break_it(&mut s);
        assert!(
            validate_section(&s, "symptoms", &known).is_err(),
            "{name} was accepted"
        );
    }
}

#[test]
fn unknown_fields_in_a_file_are_an_error_naming_the_file() {
    let err = parse::<Source>((
        "xx/s.json",
        r#"{"key": "x", "citation": "y", "surprise": 1}"#,
    ))
    .unwrap_err();
    assert_eq!(err.file, "xx/s.json");
    assert!(err.to_string().starts_with("xx/s.json: "));
}

#[test]
fn string_tables_need_every_key_and_no_other() {
    let good = include_str!("../../../content/en/ui.json");
    assert!(Ui::from_json(good).is_ok());
    let mut map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(good).unwrap();
    map.remove("next");
    let missing = Ui::from_json(&serde_json::to_string(&map).unwrap()).unwrap_err();
    assert!(missing.contains("\"next\""), "{missing}");
    map.insert("next".into(), "Next".into());
    map.insert("nxet".into(), "typo".into());
    let extra = Ui::from_json(&serde_json::to_string(&map).unwrap()).unwrap_err();
    assert!(extra.contains("nxet"), "{extra}");
    map.remove("nxet");
    map.insert("months".into(), serde_json::json!(["Jan"]));
    assert!(Ui::from_json(&serde_json::to_string(&map).unwrap())
        .unwrap_err()
        .starts_with("months"));
}

#[test]
fn diary_labels_are_needed_for_every_sign_warning_and_side_effect() {
    let mut d = en().diary.clone();
    assert_eq!(validate_diary_ui(&d), Ok(()));
    d.warnings.remove(&Warning::ChestPain);
    assert!(validate_diary_ui(&d).unwrap_err().contains("ChestPain"));
}

#[test]
fn ui_formats_steps_and_dates() {
    let ui = &en().ui;
    assert_eq!(ui.step_of(2, 5), "Step 2 of 5");
    assert_eq!(
        ui.long_date(Date::parse("2026-11-25").unwrap()),
        "25 November 2026"
    );
    assert_eq!(
        ui.long_date(Date::parse("2027-01-01").unwrap()),
        "1 January 2027"
    );
}

/// Every string file has the same keys and the same `{placeholders}` in every language.
#[test]
fn languages_match_key_for_key_and_placeholder_for_placeholder() {
    use serde_json::Value;
    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
            .collect();
        out.sort();
        out
    }
    fn walk(path: &str, en: &Value, other: &Value, problems: &mut Vec<String>) {
        match (en, other) {
            (Value::Object(a), Value::Object(b)) => {
                let (ka, kb): (Vec<_>, Vec<_>) = (a.keys().collect(), b.keys().collect());
                if ka != kb {
                    problems.push(format!("{path}: keys differ"));
                }
                for (k, v) in a {
                    if let Some(w) = b.get(k) {
                        walk(&format!("{path}.{k}"), v, w, problems);
                    }
                }
            }
            (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
                for (i, (v, w)) in a.iter().zip(b).enumerate() {
                    walk(&format!("{path}[{i}]"), v, w, problems);
                }
            }
            // Date patterns are meant to differ (25 Nov 2026 / 25/11/2026).
            (Value::String(a), Value::String(b)) => {
                if !path.ends_with("_pattern") && placeholders(a) != placeholders(b) {
                    problems.push(format!("{path}: placeholders differ"));
                }
            }
            (a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) && !a.is_array() => {}
            _ => problems.push(format!("{path}: shape differs")),
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files = vec![
        "ui.json".to_string(),
        "diary.json".into(),
        "summary.json".into(),
        "medicines.json".into(),
        "sites.json".into(),
        "triage.json".into(),
    ];
    for key in SECTION_KEYS
        .iter()
        .enumerate()
        .map(|(i, k)| format!("sections/{:02}-{k}.json", i + 1))
    {
        files.push(key);
    }
    let mut problems = Vec::new();
    for lang in Lang::ALL.iter().filter(|l| **l != Lang::En) {
        for f in &files {
            let read = |l: &str| -> Value {
                serde_json::from_str(
                    &std::fs::read_to_string(dir.join(l).join(f))
                        .unwrap_or_else(|e| panic!("{l}/{f}: {e}")),
                )
                .unwrap()
            };
            walk(
                &format!("{}/{f}", lang.tag()),
                &read("en"),
                &read(lang.tag()),
                &mut problems,
            );
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn portuguese_dates_read_day_month_year() {
    let pt = content(Lang::PtPt).unwrap();
    let d = Date::parse("2026-03-05").unwrap();
    assert_eq!(pt.diary.day(d), "05/03/2026");
    assert_eq!(pt.ui.long_date(d), "5 de março de 2026");
    assert_eq!(en().diary.day(d), "5 Mar 2026");
}

#[test]
fn decimals_use_each_languages_mark() {
    assert_eq!(en().ui.one_decimal(4.45), "4.5");
    assert_eq!(en().ui.one_decimal(5.0), "5.0");
    assert_eq!(en().ui.one_decimal(-0.25), "-0.3");
    assert_eq!(content(Lang::PtPt).unwrap().ui.one_decimal(4.45), "4,5");
}

/// The medicines list is the patient's own words: its strings never tell anyone to stop, start or
/// change a medicine, never mention a dose, and never suggest a drug.
#[test]
fn medicines_strings_never_advise_on_medicines() {
    let files = [
        include_str!("../../../content/en/medicines.json"),
        include_str!("../../../content/pt-PT/medicines.json"),
    ];
    for text in files {
        let lower = text.to_lowercase();
        for banned in [
            "stop",
            "start taking",
            "dose",
            "should take",
            "instead",
            "parar",
            "deixe de",
            "deixar de",
            "em vez",
        ] {
            assert!(!lower.contains(banned), "{banned:?} in medicines.json");
        }
    }
    for lang in Lang::ALL {
        let m = &content(lang).unwrap().medicines;
        assert!(m.counter.contains("{n}") && m.counter.contains("{max}"));
        assert!(m.confirm_remove.contains("{name}"));
    }
}
