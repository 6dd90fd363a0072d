//! Education content and UI strings, kept as data files per language under `content/` and
//! compiled in with `include_str!`. Everything a patient reads comes from here.

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use super::date::Date;
use super::lang::Lang;

/// Section keys in walk-through order. Each language must have exactly these.
pub const SECTION_KEYS: [&str; 5] = [
    "what-it-is",
    "symptoms",
    "diagnosis",
    "treatment",
    "medicine",
];

/// How a block should stand out: the red-flag levels get their own look and a heading.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Tone {
    Info,
    NextVisit,
    CallToday,
    Emergency,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Block {
    #[serde(default)]
    pub heading: Option<String>,
    #[serde(default)]
    pub tone: Option<Tone>,
    #[serde(default)]
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub bullets: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub question: String,
    pub answer: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub key: String,
    pub title: String,
    pub lead: String,
    pub last_reviewed: String,
    pub next_review: String,
    pub sources: Vec<String>,
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// A source that content may cite, with the citation shown to the patient.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub key: String,
    pub citation: String,
}

/// Every UI string, per language. Unknown or missing keys fail to parse, so a string that exists
/// in one language and not another is caught by the tests.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Ui {
    pub widget_label: String,
    pub app_title: String,
    pub app_tagline: String,
    pub disclaimer: String,
    pub steps_nav_label: String,
    pub step_of: String,
    pub back: String,
    pub next: String,
    pub questions_heading: String,
    pub sources_heading: String,
    pub last_reviewed: String,
    pub next_review: String,
    pub end_of_guide: String,
    pub save_failed_step: String,
    pub storage_blocked: String,
    pub content_error: String,
    pub months: [String; 12],
}

impl Ui {
    /// "Step 2 of 5", in this language.
    pub fn step_of(&self, n: usize, total: usize) -> String {
        self.step_of
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    /// A content date written out for patients, e.g. "25 November 2026".
    pub fn long_date(&self, date: Date) -> String {
        let month = &self.months[usize::from(date.month - 1)];
        format!("{} {} {}", date.day, month, date.year)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Content {
    pub lang: Lang,
    pub ui: Ui,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub problem: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.problem)
    }
}

struct Files {
    ui: (&'static str, &'static str),
    sections: [(&'static str, &'static str); 5],
}

macro_rules! content_file {
    ($path:literal) => {
        ($path, include_str!(concat!("../../content/", $path)))
    };
}

fn files(lang: Lang) -> Files {
    match lang {
        Lang::En => Files {
            ui: content_file!("en/ui.json"),
            sections: [
                content_file!("en/sections/01-what-it-is.json"),
                content_file!("en/sections/02-symptoms.json"),
                content_file!("en/sections/03-diagnosis.json"),
                content_file!("en/sections/04-treatment.json"),
                content_file!("en/sections/05-medicine.json"),
            ],
        },
    }
}

const SOURCES: (&str, &str) = content_file!("sources.json");

fn parse<T: for<'de> Deserialize<'de>>((file, text): (&str, &str)) -> Result<T, ContentError> {
    serde_json::from_str(text).map_err(|e| ContentError {
        file: file.to_string(),
        problem: e.to_string(),
    })
}

/// The sources content may cite.
pub fn sources() -> Result<Vec<Source>, ContentError> {
    parse(SOURCES)
}

/// The full citation for a source key, if it is one we know.
pub fn citation(key: &str) -> Option<String> {
    sources()
        .ok()?
        .into_iter()
        .find(|s| s.key == key)
        .map(|s| s.citation)
}

impl Content {
    /// Parses and validates one language's files.
    pub fn load(lang: Lang) -> Result<Content, ContentError> {
        let files = files(lang);
        let ui: Ui = parse(files.ui)?;
        let known: HashSet<String> = sources()?.into_iter().map(|s| s.key).collect();
        let mut sections = Vec::with_capacity(SECTION_KEYS.len());
        for (i, file) in files.sections.iter().enumerate() {
            let section: Section = parse(*file)?;
            validate_section(&section, SECTION_KEYS[i], &known).map_err(|problem| {
                ContentError {
                    file: file.0.to_string(),
                    problem,
                }
            })?;
            sections.push(section);
        }
        Ok(Content { lang, ui, sections })
    }

    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }
}

/// The content for a language, parsed once. Content is compiled in and checked by the tests, so
/// an error here means a broken build; the UI still shows a message rather than panicking.
pub fn content(lang: Lang) -> Result<&'static Content, &'static ContentError> {
    static EN: OnceLock<Result<Content, ContentError>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
    };
    cell.get_or_init(|| Content::load(lang)).as_ref()
}

fn validate_section(
    section: &Section,
    expected_key: &str,
    known: &HashSet<String>,
) -> Result<(), String> {
    let blank = |s: &str| s.trim().is_empty();
    if section.key != expected_key {
        return Err(format!(
            "key is {:?}, expected {:?}",
            section.key, expected_key
        ));
    }
    if blank(&section.title) || blank(&section.lead) {
        return Err("title and lead must not be empty".into());
    }
    let last =
        Date::parse(&section.last_reviewed).ok_or("last_reviewed is not a YYYY-MM-DD date")?;
    let next = Date::parse(&section.next_review).ok_or("next_review is not a YYYY-MM-DD date")?;
    if next <= last {
        return Err(format!(
            "next_review {next} is not after last_reviewed {last}"
        ));
    }
    if section.sources.is_empty() {
        return Err("no sources".into());
    }
    if let Some(unknown) = section.sources.iter().find(|k| !known.contains(*k)) {
        return Err(format!("unknown source key {unknown:?}"));
    }
    if section.blocks.is_empty() {
        return Err("no blocks".into());
    }
    for (i, block) in section.blocks.iter().enumerate() {
        let texts = block.paragraphs.iter().chain(&block.bullets);
        if block.paragraphs.is_empty() && block.bullets.is_empty() {
            return Err(format!("block {i} has no paragraphs or bullets"));
        }
        if block.heading.as_deref().is_some_and(blank) || texts.clone().any(|t| blank(t)) {
            return Err(format!("block {i} has empty text"));
        }
        if block.tone.is_some_and(|t| t != Tone::Info) && block.heading.is_none() {
            return Err(format!("block {i} is a red-flag block without a heading"));
        }
    }
    if section
        .questions
        .iter()
        .any(|q| blank(&q.question) || blank(&q.answer))
    {
        return Err("a question or answer is empty".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
