use super::test_content as content;
use super::*;
use serde_json::{Map, Value};
use std::collections::HashSet;

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
            flags: vec![],
            contacts: false,
            groups: false,
        }],
        questions: vec![],
    }
}

fn known() -> Vec<String> {
    en().sources.iter().map(|s| s.key.clone()).collect()
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

/// A step's review dates are the same in every language: the text is one text, translated
/// (found by an audit: the English Diagnosis step said "Last reviewed: 25 November 2026", the
/// Portuguese 30 November, for the same content).
#[test]
fn each_step_has_the_same_review_dates_in_every_language() {
    let dates = |lang: Lang| -> Vec<(String, String)> {
        content(lang)
            .unwrap()
            .sections
            .iter()
            .map(|s| (s.last_reviewed.clone(), s.next_review.clone()))
            .collect()
    };
    for lang in Lang::ALL {
        assert_eq!(dates(lang), dates(Lang::En), "{lang:?}");
    }
}

/// Sources of equal standing that FACTS.md does not list, cited for a fact it leaves out, each
/// with what it is cited for. A key FACTS.md comes to list must leave this list.
const BEYOND_FACTS: [(&str, &str); 1] = [(
    "VA-DRUGS",
    "leflunomide, the biological medicines and the JAK inhibitors make infections more likely \
     (FACTS names steroids and methotrexate as examples)",
)];

#[test]
fn source_keys_are_unique_and_match_the_facts_page() {
    let list = &en().sources;
    let unique: HashSet<&str> = list.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(unique.len(), list.len(), "duplicate source keys");
    assert!(list.iter().all(|s| !s.citation.trim().is_empty()));
    assert_eq!(
        en().citation("SEED").map(|c| c.contains("Pan African")),
        Some(true)
    );
    assert_eq!(en().citation("NOPE"), None);

    // The facts page lives beside the repository (../shared); CI lays it there too.
    let facts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/medical/FACTS.md");
    match std::fs::read_to_string(&facts) {
        Ok(text) => {
            for s in list {
                let beyond = BEYOND_FACTS.iter().any(|(k, _)| *k == s.key);
                assert!(
                    text.contains(&s.key) != beyond,
                    "{}: a source key in FACTS.md, or listed in BEYOND_FACTS (and not both)",
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
        for tone in [
            Tone::Emergency,
            Tone::GetHelpNow,
            Tone::CallToday,
            Tone::NextVisit,
        ] {
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
    let with = r#"[{"key": "x", "citation": "y", "surprise": 1}]"#;
    let err = Content::load(Lang::En, &bundle_with("sources", with)).unwrap_err();
    assert_eq!(err.file, "sources.json");
    assert!(err.to_string().starts_with("sources.json: "), "{err}");
    assert!(err.problem.contains("surprise"), "{err}");

    let mut map: Map<String, Value> = serde_json::from_str(crate::content_bundle!("en")).unwrap();
    map["sections"][2]["blocks"][0]["colour"] = Value::from("red");
    let err = Content::load(Lang::En, &serde_json::to_string(&map).unwrap()).unwrap_err();
    assert_eq!(err.file, "en/sections/03-diagnosis.json");
    assert!(err.problem.contains("colour"), "{err}");
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

/// A count followed by a noun ("{n} days", "{n} entries", "in {n} check-ins") reads wrongly for
/// one ("1 days"): each such text has a `_one` twin, for `counted`. A count followed by a word
/// that is not a noun ("{n} of 10", "Dor {n} em 10", "and {n} more") or by nothing
/// ("Recorded: {n}") needs none; nor does a count that is never one (a text too long has more
/// than one character; a day of the printout says how many times only when more than once).
#[test]
fn every_text_that_counts_a_noun_has_a_twin_for_one() {
    use serde_json::Value;
    const NOT_NOUNS: [&str; 5] = ["of", "more", "de", "em", "na"];
    const NEVER_ONE: [&str; 4] = [
        "name_too_long",
        "how_too_long",
        "question_too_long",
        "date_times",
    ];
    fn counts_a_noun(text: &str) -> bool {
        text.split("{n} ").skip(1).any(|rest| {
            let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            !word.is_empty() && !NOT_NOUNS.contains(&word.as_str())
        })
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut problems = Vec::new();
    let mut checked = 0;
    for lang in Lang::ALL {
        for f in ["ui", "diary", "summary", "medicines", "triage"] {
            let path = dir.join(lang.tag()).join(format!("{f}.json"));
            let text = std::fs::read_to_string(&path).unwrap();
            let Value::Object(table) = serde_json::from_str::<Value>(&text).unwrap() else {
                panic!("{f} is not a table");
            };
            for (key, value) in &table {
                if let Value::String(s) = value {
                    if counts_a_noun(s) && !NEVER_ONE.contains(&key.as_str()) {
                        checked += 1;
                        if !table.contains_key(&format!("{key}_one")) {
                            problems.push(format!("{}/{f}.json {key}: {s:?}", lang.tag()));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "no `_one` twin: {problems:#?}");
    // The rule sees the texts it is meant for.
    assert!(checked >= 2 * 5, "only {checked} counting texts found");
    assert!(!counts_a_noun("and {n} more") && counts_a_noun("{n} vezes, a última em {date}"));
    assert!(counts_a_noun("in {n} check-ins") && !counts_a_noun("Pain {n} of 10"));
    assert_eq!(counted(1, "once", "{n} times"), "once");
    assert_eq!(counted(0, "once", "{n} times"), "0 times");
    assert_eq!(counted(3, "once", "{n} times"), "3 times");
}

#[test]
fn portuguese_dates_read_day_month_year() {
    let pt = content(Lang::PtPt).unwrap();
    let d = Date::parse("2026-03-05").unwrap();
    assert_eq!(pt.diary.day(d), "05/03/2026");
    assert_eq!(pt.ui.long_date(d), "5 de março de 2026");
    assert_eq!(en().diary.day(d), "5 Mar 2026");
    // A year typed short is shown as it is, four digits, in every date format.
    let short = Date::parse("0025-03-15").unwrap();
    assert_eq!(pt.diary.day(short), "15/03/0025");
    assert_eq!(pt.ui.long_date(short), "15 de março de 0025");
    assert_eq!(en().ui.long_date(short), "15 March 0025");
    assert_eq!(en().diary.day(short), "15 Mar 0025");
}

#[test]
fn decimals_use_each_languages_mark() {
    assert_eq!(en().ui.one_decimal(4.45), "4.5");
    assert_eq!(en().ui.one_decimal(5.0), "5.0");
    assert_eq!(en().ui.one_decimal(-0.25), "-0.3");
    assert_eq!(content(Lang::PtPt).unwrap().ui.one_decimal(4.45), "4,5");
}

/// Every section text of a step in reading order, as the view shows them.
fn step_texts(section: &Section) -> Vec<&str> {
    all_text(section)
}

#[test]
fn every_glossary_term_exists_in_every_language_in_the_same_order() {
    let ids = |lang| -> Vec<String> {
        content(lang)
            .unwrap()
            .glossary
            .terms
            .iter()
            .map(|t| t.id.clone())
            .collect()
    };
    let en_ids = ids(Lang::En);
    for lang in Lang::ALL {
        assert_eq!(
            ids(lang),
            en_ids,
            "{lang:?}: glossary ids differ from English"
        );
    }
    // The words issue 8 asks to explain, by id.
    for id in [
        "dermatomyositis",
        "systemic-sclerosis",
        "phosphate",
        "parathyroid-hormone",
        "sarcoidosis",
        "bisphosphonates",
        "raynaud",
        "inflamed",
    ] {
        assert!(en_ids.iter().any(|i| i == id), "no glossary entry {id}");
    }
}

/// Each listed word's stem, per language: wherever a stem occurs in a step, the glossary must
/// find that word there (a new spelling in the content fails here until its form is added).
#[test]
fn every_listed_word_in_the_content_is_found_by_the_glossary() {
    use crate::core::glossary::Run;
    let stems: &[(Lang, &str, &str)] = &[
        (Lang::En, "dermatomyositis", "dermatomyosit"),
        (Lang::En, "systemic-sclerosis", "systemic scler"),
        (Lang::En, "phosphate", "phosphat"),
        (Lang::En, "parathyroid-hormone", "parathyroid"),
        (Lang::En, "sarcoidosis", "sarcoid"),
        (Lang::En, "bisphosphonates", "bisphosphon"),
        (Lang::En, "raynaud", "raynaud"),
        (Lang::En, "inflamed", "inflam"),
        (Lang::PtPt, "dermatomyositis", "dermatomiosit"),
        (Lang::PtPt, "systemic-sclerosis", "esclerose sist"),
        (Lang::PtPt, "phosphate", "fosfato"),
        (Lang::PtPt, "parathyroid-hormone", "paratormon"),
        (Lang::PtPt, "parathyroid-hormone", "paratiroid"),
        (Lang::PtPt, "sarcoidosis", "sarcoid"),
        (Lang::PtPt, "bisphosphonates", "bifosfon"),
        (Lang::PtPt, "raynaud", "raynaud"),
        (Lang::PtPt, "inflamed", "inflam"),
    ];
    let mut seen_anywhere = HashSet::new();
    for &(lang, id, stem) in stems {
        let c = content(lang).unwrap();
        let term = c.glossary.terms.iter().position(|t| t.id == id).unwrap();
        for s in &c.sections {
            for text in step_texts(s) {
                let lower = text.to_lowercase();
                if lower.len() != text.len() {
                    panic!("lowercasing changed the length of {text:?}; compare another way");
                }
                // Byte ranges of the runs that the glossary found for this term.
                let mut covered = Vec::new();
                let mut at = 0;
                for run in c.glossary.split(text) {
                    let (t, is_it) = match run {
                        Run::Plain(t) => (t, false),
                        Run::Term { text: t, term: i } => (t, i == term),
                    };
                    if is_it {
                        covered.push(at..at + t.len());
                    }
                    at += t.len();
                }
                for (pos, _) in lower.match_indices(stem) {
                    seen_anywhere.insert((lang, id));
                    assert!(
                        covered.iter().any(|r| r.contains(&pos)),
                        "{lang:?} {}: {stem:?} is not found as glossary word {id} in {text:?}",
                        s.key
                    );
                }
            }
        }
    }
    // Each word the issue names is in the English and the Portuguese walk-through somewhere.
    for &(lang, id, _) in stems {
        assert!(
            seen_anywhere.contains(&(lang, id)),
            "{lang:?}: {id} does not occur in any step"
        );
    }
}

#[test]
fn the_plain_answers_begin_plainly() {
    let answer = |lang, key: &str, q: &str| -> String {
        content(lang)
            .unwrap()
            .section(key)
            .unwrap()
            .questions
            .iter()
            .find(|x| x.question == q)
            .unwrap_or_else(|| panic!("{lang:?}: no question {q:?}"))
            .answer
            .clone()
    };
    assert!(answer(Lang::En, "what-it-is", "Is it contagious?").starts_with("No."));
    assert!(answer(Lang::PtPt, "what-it-is", "A calcinose é contagiosa?").starts_with("Não."));
    let works = answer(Lang::En, "treatment", "How long until the medicine works?");
    assert!(works.contains("may not work for everyone"), "{works}");
    assert!(works.contains("may try something else"), "{works}");
    let works = answer(
        Lang::PtPt,
        "treatment",
        "Quanto tempo até o medicamento fazer efeito?",
    );
    assert!(works.contains("pode não resultar"), "{works}");
    assert!(works.contains("experimentar outra coisa"), "{works}");
    // The reviewer's pt-PT wording for the calcium test question.
    assert!(content(Lang::PtPt)
        .unwrap()
        .section("diagnosis")
        .unwrap()
        .questions
        .iter()
        .any(|q| q.question == "O cálcio vai estar alto nas minhas análises?"));
}

/// FACTS.md: minocycline is never shown to lupus patients as an option; wherever it is named,
/// the same block says it is not for people with lupus.
#[test]
fn minocycline_is_always_named_with_its_lupus_warning() {
    let rules = [
        (Lang::En, "minocycl", "not for people with lupus"),
        (Lang::PtPt, "minocicl", "não é para pessoas com lúpus"),
    ];
    for (lang, name, warning) in rules {
        let c = content(lang).unwrap();
        let mut named = 0;
        for s in &c.sections {
            for b in &s.blocks {
                let texts: Vec<String> = b
                    .heading
                    .iter()
                    .chain(&b.paragraphs)
                    .chain(&b.bullets)
                    .map(|t| t.to_lowercase())
                    .collect();
                if texts.iter().any(|t| t.contains(name)) {
                    named += 1;
                    assert!(
                        texts.iter().any(|t| t.contains(warning)),
                        "{lang:?} {}: minocycline without the lupus warning",
                        s.key
                    );
                }
            }
            for q in &s.questions {
                let both = format!("{} {}", q.question, q.answer).to_lowercase();
                assert!(
                    !both.contains(name) || both.contains(warning),
                    "{lang:?} {}: minocycline in a question without the lupus warning",
                    s.key
                );
            }
        }
        assert!(named > 0, "{lang:?}: minocycline is not described anywhere");
    }
}

/// The self-care step: finger sores take weeks to months, never "a few days". Surgery is never
/// said to cure.
#[test]
fn self_care_and_surgery_keep_to_the_facts() {
    let rules = [
        (
            Lang::En,
            [
                "few days",
                "weeks or months",
                "surgery",
                "cannot promise a cure",
            ],
        ),
        (
            Lang::PtPt,
            [
                "poucos dias",
                "semanas ou meses",
                "cirurgia",
                "não pode prometer a cura",
            ],
        ),
    ];
    for (lang, [few_days, weeks, surgery, no_cure]) in rules {
        let c = content(lang).unwrap();
        let care = c.section("self-care").expect("a self-care step");
        let text = all_text(care).join(" ").to_lowercase();
        assert!(!text.contains(few_days), "{lang:?}: 'a few days' for sores");
        assert!(text.contains(weeks), "{lang:?}: healing time missing");
        let treatment = all_text(c.section("treatment").unwrap())
            .join(" ")
            .to_lowercase();
        assert!(treatment.contains(surgery) && treatment.contains(no_cure));
        for s in &c.sections {
            for t in all_text(s) {
                let lower = t.to_lowercase();
                let cure = if lang == Lang::En { "cure" } else { "cura" };
                assert!(
                    !(lower.contains(surgery) && lower.contains(cure)) || lower.contains(no_cure),
                    "{lang:?} {}: surgery and cure in one sentence: {t}",
                    s.key
                );
            }
        }
    }
}

#[test]
fn a_step_explains_each_word_once_at_its_first_appearance() {
    use crate::core::glossary::FirstUses;
    for lang in Lang::ALL {
        let c = content(lang).unwrap();
        let s = c.section("what-it-is").unwrap();
        let mut first = FirstUses::new();
        let mut explained = Vec::new();
        for text in all_text(s) {
            explained.extend(first.mark(&c.glossary, text).new_terms);
        }
        let mut unique = explained.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(
            unique.len(),
            explained.len(),
            "{lang:?}: a word explained twice"
        );
        // Step 1 names dermatomyositis, systemic sclerosis, phosphate and inflamed skin.
        let ids: Vec<&str> = explained
            .iter()
            .map(|&i| c.glossary.terms[i].id.as_str())
            .collect();
        for id in [
            "inflamed",
            "phosphate",
            "dermatomyositis",
            "systemic-sclerosis",
        ] {
            assert!(ids.contains(&id), "{lang:?}: step 1 does not explain {id}");
        }
    }
}

/// The Symptoms step and the triage rules say the same thing: every bullet of a red-flag block
/// names the rules it describes, each at the block's level, and every same-day, get-help-now
/// and emergency rule is named in the step.
#[test]
fn the_symptoms_step_and_the_triage_rules_agree() {
    use crate::core::triage::{Level, Reason};
    for lang in Lang::ALL {
        let s = content(lang).unwrap().section("symptoms").unwrap();
        let mut named = std::collections::HashSet::new();
        for b in &s.blocks {
            let Some(level) = b.tone.and_then(Tone::level) else {
                assert!(
                    b.flags.is_empty(),
                    "{lang:?}: flags on an information block"
                );
                continue;
            };
            assert_eq!(
                b.flags.len(),
                b.bullets.len(),
                "{lang:?} {:?}: every red flag needs its rule",
                b.heading
            );
            for (bullet, flags) in b.bullets.iter().zip(&b.flags) {
                assert!(!flags.trim().is_empty(), "{lang:?}: no rule for {bullet:?}");
                for key in flags.split_whitespace() {
                    let r = Reason::ALL.into_iter().find(|r| r.key() == key);
                    let r = r.unwrap_or_else(|| panic!("{lang:?}: unknown rule {key}"));
                    assert_eq!(
                        r.level(),
                        level,
                        "{lang:?}: {bullet:?} is {level:?}, rule {key} is {:?}",
                        r.level()
                    );
                    named.insert(r);
                }
            }
        }
        for r in Reason::ALL
            .into_iter()
            .filter(|r| r.level() >= Level::CallToday)
        {
            assert!(
                named.contains(&r),
                "{lang:?}: rule {} is not in the Symptoms step",
                r.key()
            );
        }
        // The two languages list the same red flags in the same order.
        let flags = |l: Lang| -> Vec<String> {
            content(l)
                .unwrap()
                .section("symptoms")
                .unwrap()
                .blocks
                .iter()
                .flat_map(|b| b.flags.clone())
                .collect()
        };
        assert_eq!(flags(lang), flags(Lang::En));
        // Numbers to call are shown on the step.
        assert!(
            s.blocks.iter().any(|b| b.contacts),
            "{lang:?}: no numbers on the Symptoms step"
        );
    }
}

/// FACTS.md ("Sun, diet and support"): patient groups are named, with an address the clinic can
/// change, once in the walk-through, on the self-care step, in every language.
#[test]
fn the_self_care_step_names_the_patient_groups_once() {
    for lang in Lang::ALL {
        let content = content(lang).expect("content loads");
        let places: Vec<(&str, usize)> = content
            .sections
            .iter()
            .flat_map(|s| {
                s.blocks
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.groups)
                    .map(|(i, _)| (s.key.as_str(), i))
            })
            .collect();
        assert_eq!(places.len(), 1, "{lang:?}: {places:?}");
        assert_eq!(places[0].0, "self-care", "{lang:?}");
        let block = &content.section("self-care").unwrap().blocks[places[0].1];
        assert!(
            block.heading.is_some() && !block.paragraphs.is_empty(),
            "{lang:?}"
        );
    }
}

/// Every red-flag list in the walk-through, on any step, names the rules its items describe, at
/// the level the list is shown as: no step can say "today" for a sign the rules call "now".
#[test]
fn every_red_flag_list_in_every_step_matches_the_rules() {
    use crate::core::triage::Reason;
    for lang in Lang::ALL {
        for s in &content(lang).unwrap().sections {
            for b in s.blocks.iter().filter(|b| !b.bullets.is_empty()) {
                let Some(level) = b.tone.and_then(Tone::level) else {
                    continue;
                };
                assert_eq!(
                    b.flags.len(),
                    b.bullets.len(),
                    "{lang:?} {}: {:?}",
                    s.key,
                    b.heading
                );
                for key in b.flags.iter().flat_map(|f| f.split_whitespace()) {
                    let r = Reason::ALL.into_iter().find(|r| r.key() == key).unwrap();
                    assert_eq!(
                        r.level(),
                        level,
                        "{lang:?} {}: {key} in a {level:?} list",
                        s.key
                    );
                }
            }
        }
    }
}

#[test]
fn fainting_is_listed_once_as_an_emergency() {
    for lang in Lang::ALL {
        let s = content(lang).unwrap().section("symptoms").unwrap();
        let fainting: Vec<_> = s
            .blocks
            .iter()
            .flat_map(|b| b.flags.iter().map(move |f| (b.tone, f)))
            .filter(|(_, f)| f.split_whitespace().any(|k| k == "fainted"))
            .collect();
        assert_eq!(fainting.len(), 1, "{lang:?}");
        assert_eq!(fainting[0].0, Some(Tone::Emergency));
    }
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
        assert!(m.counter().contains("{n}") && m.counter().contains("{max}"));
        assert!(m.confirm_remove().contains("{name}"));
    }
}

#[test]
fn storage_errors_read_as_the_patient_words_for_them() {
    use crate::core::store::StoreError;
    let d = &en().diary;
    assert_eq!(
        d.store_error(&StoreError::QuotaExceeded),
        format!("{} {}", d.reason_quota(), d.quota_next())
    );
    assert_eq!(d.store_error(&StoreError::Blocked), *d.reason_blocked());
    assert_eq!(d.store_error(&StoreError::NewerVersion), *d.reason_newer());
    assert_eq!(
        d.prefs_error(&StoreError::NewerVersion),
        *d.reason_newer_settings()
    );
    let other = d.store_error(&StoreError::Other("disk on fire".into()));
    assert!(other.contains("disk on fire") && !other.contains("{detail}"));
}

#[test]
fn the_printout_names_chalk_as_chalk_not_as_a_discharge() {
    // FACTS: chalky material is expected; pus is a sign of infection. "Discharging" on the
    // printout, for the chalk the patient ticked, reads as pus to a clinician (the notes'
    // words take "a green discharge" for pus).
    for (lang, chalk) in [(Lang::En, "chalk"), (Lang::PtPt, "giz")] {
        let s = &content(lang).unwrap().summary;
        // The column's name (it names the marks, or only the period) never says discharge.
        assert!(
            s.flag_discharging().to_lowercase().contains(chalk),
            "{lang:?}: {}",
            s.flag_discharging()
        );
        for text in [s.flag_discharging(), s.col_flags()] {
            let lower = text.to_lowercase();
            for pus in ["discharg", "pus", "sai material", "supura"] {
                assert!(!lower.contains(pus), "{lang:?}: {text}");
            }
        }
    }
}

/// The English bundle with one part's text replaced by `with`.
fn bundle_with(part: &str, with: &str) -> String {
    let text = crate::content_bundle!("en");
    let mut map: Map<String, Value> = serde_json::from_str(text).unwrap();
    map.insert(part.into(), serde_json::from_str(with).unwrap());
    serde_json::to_string(&map).unwrap()
}

#[test]
fn a_bundle_problem_names_the_source_file_of_the_part() {
    let err = Content::load(Lang::En, &bundle_with("sites", r#"{"head": "Head"}"#)).unwrap_err();
    assert_eq!(err.file, "en/sites.json");
    assert!(err.problem.starts_with("no label for"), "{err}");

    let err = Content::load(Lang::En, &bundle_with("triage", r#"{"levels": 1}"#)).unwrap_err();
    assert_eq!(err.file, "en/triage.json");

    let mut map: Map<String, Value> = serde_json::from_str(crate::content_bundle!("en")).unwrap();
    map["sections"][1]["key"] = Value::from("oops");
    let err = Content::load(Lang::En, &serde_json::to_string(&map).unwrap()).unwrap_err();
    assert_eq!(err.file, "en/sections/02-symptoms.json");
}

#[test]
fn a_bundle_that_is_not_whole_is_refused() {
    for text in ["", "<html>Not found</html>", "{\"ui\": {}}", "{\"ui\": {"] {
        let err = Content::load(Lang::En, text).unwrap_err();
        assert_eq!(err.file, "content/en.json", "{text:?}");
    }
    let mut map: Map<String, Value> = serde_json::from_str(crate::content_bundle!("en")).unwrap();
    map["sections"].as_array_mut().unwrap().pop();
    let err = Content::load(Lang::En, &serde_json::to_string(&map).unwrap()).unwrap_err();
    assert_eq!(err.file, "en/sections.json");
    map.remove("sections");
    map.insert("extra".into(), Value::Null);
    assert!(Content::load(Lang::En, &serde_json::to_string(&map).unwrap()).is_err());
}

/// A language's guide bundle as `scripts/bundle-content.mjs` writes it: the whole bundle's guide
/// parts and nothing else.
fn guide_bundle(whole: &str) -> Map<String, Value> {
    let mut map: Map<String, Value> = serde_json::from_str(whole).unwrap();
    map.retain(|k, _| GUIDE_PARTS.contains(&k.as_str()));
    assert_eq!(map.len(), GUIDE_PARTS.len());
    map
}

#[test]
fn the_guide_alone_reads_its_own_bundle_as_the_whole_widget_reads_the_guide() {
    for (lang, whole) in [
        (Lang::En, crate::content_bundle!("en")),
        (Lang::PtPt, crate::content_bundle!("pt-PT")),
    ] {
        let bundle = serde_json::to_string(&guide_bundle(whole)).unwrap();
        let guide = Guide::load(lang, &bundle).unwrap();
        assert_eq!(guide, content(lang).unwrap().guide, "{lang:?}");
        // The frame's words (header, tabs, numbers to call) are the guide's.
        assert!(!guide.ui.tab_diary().is_empty() && !guide.ui.contacts_label().is_empty());
        // The whole bundle is not a guide bundle, nor the other way round.
        let err = Guide::load(lang, whole).unwrap_err();
        assert_eq!(err.file, format!("content/{}.guide.json", lang.tag()));
        let err = Content::load(lang, &bundle).unwrap_err();
        assert_eq!(err.file, format!("content/{}.json", lang.tag()));
    }
}

#[test]
fn a_guide_bundle_that_is_not_whole_or_holds_a_bad_part_is_refused_naming_the_file() {
    for text in ["", "<html>Not found</html>", "{\"ui\": {"] {
        let err = Guide::load(Lang::En, text).unwrap_err();
        assert_eq!(err.file, "content/en.guide.json", "{text:?}");
    }
    let good = guide_bundle(crate::content_bundle!("en"));
    for part in GUIDE_PARTS {
        let mut map = good.clone();
        map.remove(part);
        let err = Guide::load(Lang::En, &serde_json::to_string(&map).unwrap()).unwrap_err();
        assert_eq!(err.file, "content/en.guide.json", "without {part}");
    }
    let mut map = good.clone();
    map["ui"].as_object_mut().unwrap().remove("tab_summary");
    let err = Guide::load(Lang::En, &serde_json::to_string(&map).unwrap()).unwrap_err();
    assert_eq!(err.file, "en/ui.json");
    assert!(err.problem.contains("tab_summary"), "{}", err.problem);
    let mut map = good.clone();
    map["sections"][1]["key"] = Value::from("oops");
    let err = Guide::load(Lang::En, &serde_json::to_string(&map).unwrap()).unwrap_err();
    assert_eq!(err.file, "en/sections/02-symptoms.json");
    let mut map = good;
    map["glossary"] = Value::from(3);
    let err = Guide::load(Lang::En, &serde_json::to_string(&map).unwrap()).unwrap_err();
    assert_eq!(err.file, "en/glossary.json");
}

#[test]
fn installing_keeps_the_first_copy_and_content_is_there_only_once_installed() {
    let first = content(Lang::En).unwrap();
    let again = install(Lang::En, "not even json").unwrap();
    assert!(std::ptr::eq(first, again));
    assert!(super::content(Lang::En).is_some());
    assert_eq!((Texts::WHOLE.path)(Lang::PtPt), "content/pt-PT.json");
    assert_eq!((Texts::GUIDE.path)(Lang::PtPt), "content/pt-PT.guide.json");
    assert!((Texts::WHOLE.installed)(Lang::En) && (Texts::GUIDE.installed)(Lang::En));
    for lang in Lang::ALL {
        let t = fetch_text(lang);
        assert!(!t.loading.is_empty() && !t.failed.is_empty() && !t.retry.is_empty());
    }
}

#[test]
fn sizes_read_as_in_the_form_and_file_sizes_in_megabytes() {
    use crate::core::draft::SizeChoice;
    let (en, pt) = (en(), content(Lang::PtPt).unwrap());
    assert_eq!(en.diary.size(Size::Pea), "About a pea");
    assert_eq!(pt.diary.size(Size::Walnut), "Mais ou menos uma noz");
    assert_eq!(en.diary.size(Size::Mm(12)), "12 mm");
    let choices = en.diary.size_choices();
    assert_eq!(choices[0], (SizeChoice::NotSure, "Not sure"));
    assert_eq!(choices[5], (SizeChoice::Measured, "I measured it"));
    for size in [Size::RiceGrain, Size::Pea, Size::Grape, Size::Walnut] {
        assert!(
            choices
                .iter()
                .any(|(_, words)| *words == en.diary.size(size)),
            "{size:?} reads as one of the form's choices"
        );
    }
    assert_eq!(en.ui.megabytes(20.0 * 1_048_576.0), "20.0 MB");
    assert_eq!(pt.ui.megabytes(1_572_864.0), "1,5 MB");
}

/// The same word twice in a row within a sentence ("para o o serviço"). Numbers ("808 24 24 24"),
/// placeholders and words after punctuation ("Não. Não é…") do not count, nor Portuguese "se se"
/// ("Se se sentir mal": if you feel unwell).
fn doubled_word(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).find_map(|pair| {
        let (a, b) = (pair[0], pair[1]);
        let bare = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        };
        let ends_clause = !a.ends_with(|c: char| c.is_alphanumeric());
        let skip = ends_clause
            || a.contains('{')
            || b.contains('{')
            || bare(a).chars().all(|c| c.is_ascii_digit())
            || bare(a) == "se";
        (!skip && bare(a) == bare(b)).then(|| bare(a))
    })
}

#[test]
fn the_advice_reads_right_with_the_numbers_set_or_not() {
    use crate::core::config::Contact;
    use crate::core::triage::Level;
    assert_eq!(doubled_word("ligue para o o serviço"), Some("o".into()));
    assert_eq!(doubled_word("call the The clinic"), Some("the".into()));
    assert_eq!(doubled_word("SNS 24, 808 24 24 24"), None);
    assert_eq!(
        doubled_word("Não. Não é. Se se sentir mal, de {from} to {to}"),
        None
    );
    let set = |c: Contact| {
        match c {
            Contact::Clinic => "+351 21 000 0000",
            Contact::OutOfHours => "SNS 24, 808 24 24 24",
            Contact::Emergency => "112",
        }
        .to_string()
    };
    for lang in Lang::ALL {
        let c = content(lang).unwrap();
        let unset = |contact: Contact| c.ui.number_unset(contact).to_string();
        for level in Level::ALL {
            for advice in [
                c.triage.level(level).advice_with(unset),
                c.triage.level(level).advice_with(set),
            ] {
                assert!(!advice.contains('{'), "{lang:?} {level:?}: {advice}");
                assert_eq!(doubled_word(&advice), None, "{lang:?} {level:?}: {advice}");
            }
        }
    }
}

#[test]
fn no_text_has_a_word_twice_in_a_row() {
    fn walk(path: &str, v: &Value, problems: &mut Vec<String>) {
        match v {
            Value::Object(m) => m
                .iter()
                .for_each(|(k, v)| walk(&format!("{path}.{k}"), v, problems)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| walk(&format!("{path}[{i}]"), v, problems)),
            Value::String(s) => {
                if let Some(w) = doubled_word(s) {
                    problems.push(format!("{path}: \"{w} {w}\" in {s}"));
                }
            }
            _ => {}
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let root = dir.join(lang.tag());
        let mut files: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .chain(std::fs::read_dir(root.join("sections")).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        assert!(files.len() > 10, "{lang:?}: {files:?}");
        for f in files {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            walk(&f.display().to_string(), &v, &mut problems);
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Two boxes of the check-in form can name one feeling at two levels: being out of breath
/// (struggling to breathe is an emergency; getting out of breath more easily than usual is "get
/// help now"), and a heartbeat (fast is an emergency; very slow or pounding is "get help now").
/// The less urgent box must say what sets it apart, as the guide does, or a patient who is badly
/// out of breath ticks it and is told to wait for a call back.
#[test]
fn boxes_that_name_one_feeling_at_two_levels_say_what_sets_them_apart() {
    use crate::core::diary::SideEffect;
    for (lang, breath, heart) in [
        (Lang::En, "more easily than usual", "not fast"),
        (Lang::PtPt, "mais facilmente", "não depressa"),
    ] {
        let d = &content(lang).unwrap().diary;
        let label = |w: Warning| d.warnings.get(&w).unwrap().to_lowercase();
        assert!(
            label(Warning::ShortOfBreath).contains(breath),
            "{lang:?}: {}",
            label(Warning::ShortOfBreath)
        );
        assert!(
            !label(Warning::TroubleBreathing).contains(breath),
            "{lang:?}: the emergency box must not read as the lesser one"
        );
        let pounding = d
            .side_effects
            .get(&SideEffect::SlowOrPoundingHeartbeat)
            .unwrap()
            .to_lowercase();
        assert!(pounding.contains(heart), "{lang:?}: {pounding}");
    }
}

/// Full storage: the message says what to do next, naming the backup panel by its heading as
/// shown (in the summary, or in the diary when a clinic hides the summary), in every language.
#[test]
fn full_storage_names_the_backup_panel_as_it_is_headed() {
    for lang in Lang::ALL {
        let c = content(lang).unwrap();
        let said = c.diary.store_error(&StoreError::QuotaExceeded);
        assert!(
            said.contains(c.summary.export_heading().as_str()),
            "{lang:?}: {said}"
        );
        // Not after a backup just made: only its date was not kept.
        let after_backup = c.diary.backup_date_error(&StoreError::QuotaExceeded);
        assert!(said.starts_with(after_backup.as_str()), "{lang:?}");
        assert!(
            !after_backup.contains(c.summary.export_heading().as_str()),
            "{lang:?}: {after_backup}"
        );
    }
}

/// Check-ins dated ahead: the count, and where to correct them in the words the widget shows
/// (the diary tab, the history's heading, its Edit button), in every language.
#[test]
fn dated_ahead_says_how_many_and_where_to_correct_them() {
    for lang in Lang::ALL {
        let c = content(lang).unwrap();
        let (s, ui, d) = (&c.summary, &c.ui, &c.diary);
        for (one, many) in [
            (s.dated_after_today_one(), s.dated_after_today()),
            (s.restore_dated_ahead_one(), s.restore_dated_ahead()),
        ] {
            for n in [1, 3] {
                let text = c.dated_ahead(n, one, many);
                assert!(!text.contains('{'), "{lang:?}: {text}");
                for place in [ui.tab_diary(), d.history_heading(), d.edit()] {
                    assert!(text.contains(place.as_str()), "{lang:?}: {text}");
                }
                assert_eq!(text.contains('3'), n == 3, "{lang:?}: {text}");
            }
        }
    }
}
