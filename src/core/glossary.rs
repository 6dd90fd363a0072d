//! Words a patient may not know, with a short plain explanation (`content/<lang>/glossary.json`).
//!
//! A step's text is split into plain runs and term runs; the view shows an explanation where a
//! term first appears in a step (each step can be opened on its own from the step list, so "first"
//! is counted per step, not across the whole guide).

use super::date::Date;
use super::json::{self, Fields, Value};
use super::letters;

/// One explained word.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// Stable id, the same in every language (`"raynaud"`).
    pub id: String,
    /// The word as the explanation names it (`"Raynaud's"`).
    pub term: String,
    /// The spellings that count as this word in running text, matched whole and ignoring case.
    pub forms: Vec<String>,
    pub explanation: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Glossary {
    pub last_reviewed: String,
    pub next_review: String,
    pub terms: Vec<Term>,
}

impl Term {
    fn read(v: Value) -> Result<Term, String> {
        Fields::strict(v, |f| {
            Ok(Term {
                id: f.need("id", json::string)?,
                term: f.need("term", json::string)?,
                forms: f.need("forms", |v| json::list(v, json::string))?,
                explanation: f.need("explanation", json::string)?,
                sources: f.need("sources", |v| json::list(v, json::string))?,
            })
        })
    }
}

impl Glossary {
    /// Reads the file, strictly: every field there and no other (see `validate` for the rest).
    pub fn read(v: Value) -> Result<Glossary, String> {
        Fields::strict(v, |f| {
            Ok(Glossary {
                last_reviewed: f.need("last_reviewed", json::string)?,
                next_review: f.need("next_review", json::string)?,
                terms: f.need("terms", |v| json::list(v, Term::read))?,
            })
        })
    }
}

/// A piece of text: plain, or a glossary word (`term` indexes [`Glossary::terms`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Run<'t> {
    Plain(&'t str),
    Term { text: &'t str, term: usize },
}

impl Glossary {
    /// Checks the file: dates, unique ids, forms and explanations present, sources known.
    pub fn validate(&self, known_sources: &[String]) -> Result<(), String> {
        let last = Date::parse(&self.last_reviewed).ok_or("last_reviewed is not a date")?;
        let next = Date::parse(&self.next_review).ok_or("next_review is not a date")?;
        if next <= last {
            return Err(format!(
                "next_review {next} is not after last_reviewed {last}"
            ));
        }
        for (i, t) in self.terms.iter().enumerate() {
            let blank = |s: &str| s.trim().is_empty();
            if blank(&t.id) || self.terms[..i].iter().any(|u| u.id == t.id) {
                return Err(format!("term id \"{}\" is blank or repeated", t.id));
            }
            if blank(&t.term) || blank(&t.explanation) {
                return Err(format!("{}: empty term or explanation", t.id));
            }
            if t.forms.is_empty() || t.forms.iter().any(|f| blank(f)) {
                return Err(format!("{}: no forms, or a blank one", t.id));
            }
            if t.sources.is_empty() {
                return Err(format!("{}: no sources", t.id));
            }
            if let Some(k) = t.sources.iter().find(|k| !known_sources.contains(*k)) {
                return Err(format!("{}: unknown source key \"{k}\"", t.id));
            }
        }
        Ok(())
    }

    /// Splits `text` into plain runs and term runs. Every occurrence of every form is found,
    /// whole words only, ignoring case; where forms overlap, the longest wins.
    pub fn split<'t>(&self, text: &'t str) -> Vec<Run<'t>> {
        let mut runs = Vec::new();
        let mut plain_from = 0;
        let mut at = 0;
        while at < text.len() {
            let starts_word = !text[..at].chars().next_back().is_some_and(is_word_char);
            let found = starts_word
                .then(|| self.longest_match(&text[at..]))
                .flatten();
            match found {
                Some((len, term)) => {
                    if plain_from < at {
                        runs.push(Run::Plain(&text[plain_from..at]));
                    }
                    runs.push(Run::Term {
                        text: &text[at..at + len],
                        term,
                    });
                    at += len;
                    plain_from = at;
                }
                None => at += text[at..].chars().next().map_or(1, char::len_utf8),
            }
        }
        if plain_from < text.len() {
            runs.push(Run::Plain(&text[plain_from..]));
        }
        runs
    }

    /// The longest form that starts `rest` and ends at a word boundary: (bytes in `rest`, term).
    fn longest_match(&self, rest: &str) -> Option<(usize, usize)> {
        self.terms
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.forms.iter().map(move |f| (i, f)))
            .filter_map(|(i, form)| {
                let len = prefix_len_ignoring_case(rest, form)?;
                let ends_word = !rest[len..].chars().next().is_some_and(is_word_char);
                ends_word.then_some((len, i))
            })
            .max_by_key(|&(len, i)| (len, std::cmp::Reverse(i)))
    }
}

/// Letters and digits belong to a word; an apostrophe does too ("Raynaud's" is one word, so the
/// form "Raynaud" does not end inside it and the form "Raynaud's" is needed).
fn is_word_char(c: char) -> bool {
    letters::is_letter_or_digit(c) || c == '\'' || c == '\u{2019}'
}

/// If `text` starts with `form` (ignoring case), how many bytes of `text` that takes.
fn prefix_len_ignoring_case(text: &str, form: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let mut end = 0;
    for f in form.chars() {
        let (i, c) = chars.next()?;
        if letters::lower(c) != letters::lower(f) {
            return None;
        }
        end = i + c.len_utf8();
    }
    Some(end)
}

/// Tracks which terms a step has already shown, so only a term's first appearance is marked.
#[derive(Debug, Default)]
pub struct FirstUses {
    seen: Vec<usize>,
}

/// A text with its first-appearance terms marked, and the terms to explain right after it.
#[derive(Debug, PartialEq)]
pub struct Marked<'t> {
    /// Term runs only for first appearances; later ones are plain.
    pub runs: Vec<Run<'t>>,
    /// The terms that first appear in this text, in order.
    pub new_terms: Vec<usize>,
}

impl FirstUses {
    pub fn new() -> FirstUses {
        FirstUses::default()
    }

    /// Splits the next text of a step, in reading order.
    pub fn mark<'t>(&mut self, glossary: &Glossary, text: &'t str) -> Marked<'t> {
        let mut new_terms = Vec::new();
        let runs = glossary
            .split(text)
            .into_iter()
            .map(|run| match run {
                Run::Term { text, term } if self.seen.contains(&term) => Run::Plain(text),
                Run::Term { term, .. } => {
                    self.seen.push(term);
                    new_terms.push(term);
                    run
                }
                plain => plain,
            })
            .collect();
        Marked { runs, new_terms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        let term = |id: &str, forms: &[&str]| Term {
            id: id.into(),
            term: forms[0].into(),
            forms: forms.iter().map(|f| f.to_string()).collect(),
            explanation: format!("{id} explained."),
            sources: vec!["SEED".into()],
        };
        Glossary {
            last_reviewed: "2026-11-30".into(),
            next_review: "2027-11-30".into(),
            terms: vec![
                term("raynaud", &["Raynaud's", "fenómeno de Raynaud", "Raynaud"]),
                term("inflamed", &["inflamed", "inflame", "inflamação"]),
                term("ssc", &["systemic sclerosis"]),
                term("pth", &["parathyroid hormone"]),
            ],
        }
    }

    fn texts(runs: &[Run]) -> Vec<String> {
        runs.iter()
            .map(|r| match r {
                Run::Plain(t) => format!("[{t}]"),
                Run::Term { text, term } => format!("<{term}:{text}>"),
            })
            .collect()
    }

    #[test]
    fn splits_plain_and_term_runs_and_keeps_every_byte() {
        let g = glossary();
        let text = "If you have Raynaud's, keep warm. Skin can be inflamed.";
        let runs = g.split(text);
        assert_eq!(
            texts(&runs),
            [
                "[If you have ]",
                "<0:Raynaud's>",
                "[, keep warm. Skin can be ]",
                "<1:inflamed>",
                "[.]"
            ]
        );
        let joined: String = runs
            .iter()
            .map(|r| match r {
                Run::Plain(t) | Run::Term { text: t, .. } => *t,
            })
            .collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn matches_ignore_case_and_need_whole_words() {
        let g = glossary();
        assert_eq!(
            texts(&g.split("SYSTEMIC SCLEROSIS")),
            ["<2:SYSTEMIC SCLEROSIS>"]
        );
        // "inflame" inside "inflamed" is not a separate match; "uninflamed" is no match at all.
        assert_eq!(texts(&g.split("inflamed")), ["<1:inflamed>"]);
        assert_eq!(texts(&g.split("uninflamed")), ["[uninflamed]"]);
        assert_eq!(
            texts(&g.split("systemic sclerosisx")),
            ["[systemic sclerosisx]"]
        );
        assert_eq!(texts(&g.split("")), Vec::<String>::new());
        // An accented letter goes on the word too: no form ends inside "inflamedé" or "Raynaudã".
        assert_eq!(
            texts(&g.split("inflamedé Raynaudã")),
            ["[inflamedé Raynaudã]"]
        );
        // Typographic apostrophe: "Raynaud’s" is one word, so neither form matches inside it.
        assert_eq!(texts(&g.split("Raynaud’s")), ["[Raynaud’s]"]);
    }

    #[test]
    fn longest_form_wins_and_accents_match_across_case() {
        let g = glossary();
        assert_eq!(
            texts(&g.split("Tem fenómeno de Raynaud.")),
            ["[Tem ]", "<0:fenómeno de Raynaud>", "[.]"]
        );
        assert_eq!(
            texts(&g.split("INFLAMAÇÃO e Raynaud")),
            ["<1:INFLAMAÇÃO>", "[ e ]", "<0:Raynaud>"]
        );
        // A form in brackets or before a comma still matches.
        assert_eq!(
            texts(&g.split("(parathyroid hormone, or PTH)")),
            ["[(]", "<3:parathyroid hormone>", "[, or PTH)]"]
        );
    }

    #[test]
    fn only_the_first_use_in_a_step_is_marked() {
        let g = glossary();
        let mut first = FirstUses::new();
        let a = first.mark(&g, "Raynaud's and more Raynaud's.");
        assert_eq!(a.new_terms, [0]);
        assert_eq!(
            texts(&a.runs),
            ["<0:Raynaud's>", "[ and more ]", "[Raynaud's]", "[.]"]
        );
        let b = first.mark(&g, "Raynaud and inflamed skin.");
        assert_eq!(b.new_terms, [1]);
        assert!(!b.runs.contains(&Run::Term {
            text: "Raynaud",
            term: 0
        }));
        // A new step starts counting again.
        assert_eq!(FirstUses::new().mark(&g, "Raynaud").new_terms, [0]);
    }

    #[test]
    fn validation_rejects_each_kind_of_bad_glossary() {
        let known = ["SEED".to_string()];
        assert_eq!(glossary().validate(&known), Ok(()));
        type Breaker = fn(&mut Glossary);
        let cases: [(&str, Breaker); 7] = [
            ("repeated id", |g| g.terms[1].id = "raynaud".into()),
            ("blank explanation", |g| g.terms[0].explanation = " ".into()),
            ("no forms", |g| g.terms[0].forms.clear()),
            ("blank form", |g| g.terms[0].forms.push("".into())),
            ("no sources", |g| g.terms[0].sources.clear()),
            ("unknown source", |g| g.terms[0].sources.push("WIKI".into())),
            ("dates", |g| g.next_review = g.last_reviewed.clone()),
        ];
        for (name, break_it) in cases {
            let mut g = glossary();
            break_it(&mut g);
            assert!(g.validate(&known).is_err(), "{name} was accepted");
        }
    }
}
