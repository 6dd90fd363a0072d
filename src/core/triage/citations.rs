//! Where the triage texts come from. `content/triage.sources.json` gives every level and every
//! reason (the codes of each language's `triage.json`) the keys, from `content/sources.json`, of
//! the facts its words rest on, or lists it under `untraced` with one line on why no fact backs
//! it, so the gap stays in sight of the clinical lead. The bundler reads only the parts it names,
//! so the file costs the download nothing.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{Level, TriageText};
use crate::core::content::test_content;
use crate::core::lang::Lang;

const FILE: &str = include_str!("../../../content/triage.sources.json");
const SOURCES: &str = include_str!("../../../content/sources.json");

/// The two kinds of code a triage file keys its texts by, as it names them.
const KINDS: [&str; 2] = ["levels", "reasons"];

/// One language's codes, by kind (`KINDS`).
type Codes = [Vec<String>; 2];

fn codes(t: &TriageText) -> Codes {
    let mut reasons: Vec<String> = t.reasons.keys().cloned().collect();
    reasons.sort();
    [
        Level::ALL.iter().map(|l| l.key().to_string()).collect(),
        reasons,
    ]
}

fn languages() -> Vec<(&'static str, Codes)> {
    Lang::ALL
        .iter()
        .map(|&lang| {
            let content = test_content(lang).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
            (lang.tag(), codes(&content.triage))
        })
        .collect()
}

fn known() -> HashSet<String> {
    let list: Value = serde_json::from_str(SOURCES).expect("content/sources.json is JSON");
    let keys = list.as_array().expect("content/sources.json is a list");
    keys.iter()
        .map(|s| {
            s["key"]
                .as_str()
                .expect("every source has a key")
                .to_string()
        })
        .collect()
}

/// Any JSON, read only to refuse a key written twice in one object: serde_json, like the
/// widget's own reader, keeps the last value and drops the first without a word.
struct NoRepeats;

impl<'de> Deserialize<'de> for NoRepeats {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<NoRepeats, D::Error> {
        d.deserialize_any(NoRepeats)
    }
}

impl<'de> Visitor<'de> for NoRepeats {
    type Value = NoRepeats;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NoRepeats, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value::<NoRepeats>()?;
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("{key:?} written twice")));
            }
        }
        Ok(NoRepeats)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NoRepeats, A::Error> {
        while seq.next_element::<NoRepeats>()?.is_some() {}
        Ok(NoRepeats)
    }

    fn visit_str<E>(self, _: &str) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }

    fn visit_bool<E>(self, _: bool) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }

    fn visit_i64<E>(self, _: i64) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }

    fn visit_u64<E>(self, _: u64) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }

    fn visit_f64<E>(self, _: f64) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }

    fn visit_unit<E>(self) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }
}

/// `v`'s members, when it is an object with exactly the keys `want` (any keys when `want` is
/// empty); otherwise a problem named `name`.
fn members<'a>(
    v: &'a Value,
    name: &str,
    want: &[&str],
    out: &mut Vec<String>,
) -> Vec<(&'a String, &'a Value)> {
    let Some(map) = v.as_object() else {
        out.push(format!("{name}: expected an object"));
        return Vec::new();
    };
    let keys: HashSet<&str> = map.keys().map(String::as_str).collect();
    if !want.is_empty() && keys != want.iter().copied().collect() {
        out.push(format!(
            "{name}: expected the keys {want:?}, found {keys:?}"
        ));
    }
    map.iter().collect()
}

/// Everything wrong with a citations file `text`, given each language's codes and the source
/// keys there are: empty when every code of every language has a non-empty list of known source
/// keys or, not both, a reason it is untraced, and no other code is listed.
fn problems(text: &str, languages: &[(&str, Codes)], known: &HashSet<String>) -> Vec<String> {
    let file: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    let mut out = Vec::new();
    if let Err(e) = serde_json::from_str::<NoRepeats>(text) {
        out.push(e.to_string());
    }
    members(
        &file,
        "the file",
        &["levels", "reasons", "untraced"],
        &mut out,
    );
    members(&file["untraced"], "untraced", &KINDS, &mut out);
    for (i, kind) in KINDS.into_iter().enumerate() {
        let cited = members(&file[kind], kind, &[], &mut out);
        let untraced = members(
            &file["untraced"][kind],
            &format!("untraced {kind}"),
            &[],
            &mut out,
        );
        let is_cited = |code: &str| cited.iter().any(|(c, _)| *c == code);
        let is_untraced = |code: &str| untraced.iter().any(|(c, _)| *c == code);
        for &(code, keys) in &cited {
            let keys = keys.as_array().map(Vec::as_slice).unwrap_or_default();
            if keys.is_empty() {
                out.push(format!(
                    "{kind} {code}: expected a non-empty list of source keys"
                ));
            }
            let mut seen = HashSet::new();
            for key in keys {
                match key.as_str() {
                    Some(k) if !known.contains(k) => out.push(format!(
                        "{kind} {code}: {k:?} is not a key in content/sources.json"
                    )),
                    Some(k) if !seen.insert(k) => {
                        out.push(format!("{kind} {code}: {k:?} cited twice"))
                    }
                    Some(_) => {}
                    None => out.push(format!("{kind} {code}: {key} is not a source key")),
                }
            }
            if is_untraced(code) {
                out.push(format!("{kind} {code}: both cited and untraced"));
            }
        }
        for &(code, why) in &untraced {
            if why.as_str().is_none_or(|w| w.trim().is_empty()) {
                out.push(format!("untraced {kind} {code}: expected one line on why"));
            }
        }
        for (lang, codes) in languages {
            for code in &codes[i] {
                if !is_cited(code) && !is_untraced(code) {
                    out.push(format!(
                        "{kind} {code} ({lang}): no sources, and not listed as untraced"
                    ));
                }
            }
            for (code, _) in cited.iter().chain(&untraced) {
                if !codes[i].contains(code) {
                    out.push(format!("{kind} {code}: no such code in {lang}/triage.json"));
                }
            }
        }
    }
    out
}

#[test]
fn every_triage_text_cites_its_sources_or_is_listed_as_untraced() {
    let problems = problems(FILE, &languages(), &known());
    assert!(
        problems.is_empty(),
        "content/triage.sources.json:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_citation_check_fails_on_a_missing_misspelt_or_doubled_entry() {
    let good: Value = serde_json::from_str(FILE).unwrap();
    let (languages, known) = (languages(), known());
    let check = |edit: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        edit(&mut v);
        problems(&v.to_string(), &languages, &known).join("\n")
    };
    let fails = |problems: String, says: &str| {
        assert!(
            problems.contains(says),
            "expected {says:?} in: {problems:?}"
        );
    };
    assert_eq!(check(&|_| {}), "");
    // The first entry of each list, taken out: its code is named.
    for list in [
        "/levels",
        "/reasons",
        "/untraced/levels",
        "/untraced/reasons",
    ] {
        let first = good
            .pointer(list)
            .and_then(Value::as_object)
            .and_then(|m| m.keys().next().cloned());
        let Some(first) = first else { continue };
        let missing = check(&|v| {
            let map = v.pointer_mut(list).and_then(Value::as_object_mut).unwrap();
            map.remove(&first);
        });
        fails(missing, &format!("{first} ("));
    }
    fails(
        check(&|v| v["reasons"]["pain"][0] = "SEEDS".into()),
        "\"SEEDS\"",
    );
    fails(
        check(&|v| v["reasons"]["pain"][0] = true.into()),
        "pain: true",
    );
    fails(
        check(&|v| v["reasons"]["pain"] = serde_json::json!([])),
        "pain: expected",
    );
    fails(
        check(&|v| v["reasons"]["pain"] = "SEED".into()),
        "pain: expected",
    );
    fails(
        check(&|v| v["reasons"]["pain"] = serde_json::json!(["SEED", "SEED"])),
        "cited twice",
    );
    fails(
        check(&|v| v["untraced"]["reasons"]["pain"] = "Why.".into()),
        "pain: both",
    );
    let blank = check(&|v| {
        v["reasons"].as_object_mut().unwrap().remove("pain");
        v["untraced"]["reasons"]["pain"] = " ".into();
    });
    fails(blank, "untraced reasons pain: expected one line");
    fails(
        check(&|v| v["reasons"]["puss"] = serde_json::json!(["SEED"])),
        "reasons puss: no such code",
    );
    fails(
        check(&|v| v["levels"]["urgent"] = serde_json::json!(["SEED"])),
        "levels urgent: no such code",
    );
    fails(
        check(&|v| v["untraced"]["reasons"]["puss"] = "Why.".into()),
        "reasons puss: no such code",
    );
    fails(
        check(&|v| v["sources"] = "SEED".into()),
        "the file: expected",
    );
    // A code written twice in the file: serde_json alone would keep the second quietly.
    let twice = FILE.replacen("\"pain\":", "\"pain\": [\"SEED\"], \"pain\":", 1);
    assert_ne!(twice, FILE);
    fails(
        problems(&twice, &languages, &known).join("\n"),
        "\"pain\" written twice",
    );
}
