//! Education content and UI strings, kept as data files per language under `content/`. The build
//! bundles each language into one file (`dist/content/<lang>.json`) that the widget fetches for
//! the language in use; `install` checks it exactly as the tests do. Everything a patient reads
//! comes from here.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use super::date::Date;
use super::diary::{SideEffect, Sign, Size, Warning};
use super::draft::SizeChoice;
use super::glossary::Glossary;
use super::json::{self, codes, Code, Fields, Value};
use super::lang::Lang;
use super::sites::Site;
use super::store::StoreError;
use super::time::Local;
use super::triage::{Level, Reason, TriageText};

/// Section keys in walk-through order. Each language must have exactly these.
pub const SECTION_KEYS: [&str; 6] = [
    "what-it-is",
    "symptoms",
    "diagnosis",
    "treatment",
    "medicine",
    "self-care",
];

/// How a block should stand out: the red-flag levels get their own look and a heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    NextVisit,
    CallToday,
    GetHelpNow,
    Emergency,
}

codes!(Tone {
    Info = "info",
    NextVisit = "next-visit",
    CallToday = "call-today",
    GetHelpNow = "get-help-now",
    Emergency = "emergency",
});

impl Tone {
    /// The triage level a red-flag block stands for; `None` for an information block.
    pub fn level(self) -> Option<Level> {
        match self {
            Tone::Info => None,
            Tone::NextVisit => Some(Level::NextVisit),
            Tone::CallToday => Some(Level::CallToday),
            Tone::GetHelpNow => Some(Level::GetHelpNow),
            Tone::Emergency => Some(Level::Emergency),
        }
    }
}

// The content files are read by hand from the parsed `Value` (see `json`), strictly: a field
// that is not known is an error, so a misspelt key cannot hide a text.

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub heading: Option<String>,
    pub tone: Option<Tone>,
    pub paragraphs: Vec<String>,
    pub bullets: Vec<String>,
    /// In a red-flag block, one entry per bullet: the triage reason keys (space-separated)
    /// that the bullet describes, so tests can prove the step and the rules agree.
    pub flags: Vec<String>,
    /// Shows the numbers in use (emergency, clinic, out-of-hours) in this block.
    pub contacts: bool,
}

impl Block {
    fn read(v: Value) -> Result<Block, String> {
        let mut f = Fields::of(v)?;
        let block = Block {
            heading: f.option("heading", json::string)?,
            tone: f.option("tone", json::code)?,
            paragraphs: f.list("paragraphs", json::string)?,
            bullets: f.list("bullets", json::string)?,
            flags: f.list("flags", json::string)?,
            contacts: f.or_default("contacts", json::boolean)?,
        };
        f.done().map(|()| block)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub question: String,
    pub answer: String,
}

impl Question {
    fn read(v: Value) -> Result<Question, String> {
        let mut f = Fields::of(v)?;
        let q = Question {
            question: f.need("question", json::string)?,
            answer: f.need("answer", json::string)?,
        };
        f.done().map(|()| q)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub key: String,
    pub title: String,
    pub lead: String,
    pub last_reviewed: String,
    pub next_review: String,
    pub sources: Vec<String>,
    pub blocks: Vec<Block>,
    pub questions: Vec<Question>,
}

impl Section {
    fn read(v: Value) -> Result<Section, String> {
        let mut f = Fields::of(v)?;
        let section = Section {
            key: f.need("key", json::string)?,
            title: f.need("title", json::string)?,
            lead: f.need("lead", json::string)?,
            last_reviewed: f.need("last_reviewed", json::string)?,
            next_review: f.need("next_review", json::string)?,
            sources: f.need("sources", |v| json::list(v, json::string))?,
            blocks: f.need("blocks", |v| json::list(v, Block::read))?,
            questions: f.list("questions", Question::read)?,
        };
        f.done().map(|()| section)
    }
}

/// A source that content may cite, with the citation shown to the patient.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub key: String,
    pub citation: String,
}

impl Source {
    fn read(v: Value) -> Result<Source, String> {
        let mut f = Fields::of(v)?;
        let source = Source {
            key: f.need("key", json::string)?,
            citation: f.need("citation", json::string)?,
        };
        f.done().map(|()| source)
    }
}

/// An object whose every value is a string, keyed by text (`sites.json`, triage reasons).
pub(crate) fn text_map(v: Value) -> Result<HashMap<String, String>, String> {
    match v {
        Value::Object(map) => map
            .into_iter()
            .map(|(k, v)| match json::string(v) {
                Ok(t) => Ok((k, t)),
                Err(e) => Err(format!("{k:?}: {e}")),
            })
            .collect(),
        other => Err(format!("expected an object, found {}", other.kind())),
    }
}

/// A value a UI string table holds.
trait TableValue: Default {
    fn read(v: Value) -> Result<Self, String>;
}

impl TableValue for String {
    fn read(v: Value) -> Result<String, String> {
        json::string(v)
    }
}

/// A fixed number of texts (month names, weekdays).
impl<const N: usize> TableValue for [String; N]
where
    [String; N]: Default,
{
    fn read(v: Value) -> Result<[String; N], String> {
        let items = json::list(v, json::string)?;
        let found = items.len();
        <[String; N]>::try_from(items).map_err(|_| format!("expected {N} texts, found {found}"))
    }
}

/// A label per value of a code enum (`signs`, `warnings`, `side_effects`), kept by the value's
/// place in `Code::ALL` (a `HashMap` per enum would bring its own copy of the hash table code
/// into the download). Read from an object keyed by the codes; unknown codes are refused, and
/// `validate_diary_ui` checks that none is missing.
#[derive(Clone, Debug, PartialEq)]
pub struct Labels<K> {
    texts: Vec<Option<String>>,
    kind: PhantomData<K>,
}

impl<K: Code + PartialEq> Labels<K> {
    fn place(key: &K) -> usize {
        K::ALL.iter().position(|k| k == key).unwrap_or(usize::MAX)
    }

    pub fn get(&self, key: &K) -> Option<&String> {
        self.texts.get(Labels::place(key)).and_then(Option::as_ref)
    }

    pub fn contains_key(&self, key: &K) -> bool {
        self.get(key).is_some()
    }

    pub fn remove(&mut self, key: &K) -> Option<String> {
        self.texts
            .get_mut(Labels::place(key))
            .and_then(Option::take)
    }
}

impl<K: Code + PartialEq> Default for Labels<K> {
    fn default() -> Labels<K> {
        Labels {
            texts: vec![None; K::ALL.len()],
            kind: PhantomData,
        }
    }
}

/// `labels[&key]`: every label is there once the content is validated.
impl<K: Code + PartialEq> std::ops::Index<&K> for Labels<K> {
    type Output = String;

    fn index(&self, key: &K) -> &String {
        static NONE: String = String::new();
        self.get(key).unwrap_or(&NONE)
    }
}

impl<K: Code + PartialEq> TableValue for Labels<K> {
    fn read(v: Value) -> Result<Labels<K>, String> {
        let mut labels = Labels::default();
        for (k, text) in text_map(v)? {
            match json::from_code::<K>(&k) {
                Some(code) => labels.texts[Labels::place(&code)] = Some(text),
                None => return Err(format!("unknown key {k:?}")),
            }
        }
        Ok(labels)
    }
}

/// Declares a table of UI strings read from a JSON object. The keys are checked in one shared
/// step (`table_values`); each field then only takes the next value, so a field costs a few
/// bytes of WebAssembly rather than a call with its key (a serde derive for a struct this wide
/// costs over 100 KB).
macro_rules! string_table {
    ($(#[$meta:meta])* pub struct $name:ident { $(pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name { $(pub $field: $ty,)* }

        impl $name {
            const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Reads the table from its JSON text; every key must be there and no other.
            pub fn from_json(text: &str) -> Result<Box<$name>, String> {
                $name::from_value(json::parse(text)?)
            }

            /// Reads the table; every key must be there and no other. Boxed: a table is
            /// kilobytes wide, and moving it by value costs code at every move.
            pub fn from_value(v: Value) -> Result<Box<$name>, String> {
                let mut values = table_values(v, $name::KEYS)?.into_iter();
                // No early return per field: that would make the compiler emit drop code for
                // every earlier field at every field, which grows with the square of the width.
                let mut problem = None;
                let table = Box::new($name { $($field: next_value(&mut values, &mut problem),)* });
                match problem {
                    Some(p) => Err(p),
                    None => Ok(table),
                }
            }
        }
    };
}

/// A table's values in the order of `keys`, each named by its key; every key must be there
/// and no other.
fn table_values(v: Value, keys: &[&'static str]) -> Result<Vec<(&'static str, Value)>, String> {
    let mut fields = Fields::of(v)?;
    let values = keys
        .iter()
        .map(|&key| fields.need(key, Ok).map(|v| (key, v)))
        .collect::<Result<Vec<_>, String>>()
        .map_err(|e| e.replace("missing field", "missing key"))?;
    fields.done().map_err(|e| e.replace("field", "key"))?;
    Ok(values)
}

/// Reads the next value of a table; on a problem, notes the first one and returns a default.
#[inline(never)]
fn next_value<T: TableValue>(
    values: &mut std::vec::IntoIter<(&'static str, Value)>,
    problem: &mut Option<String>,
) -> T {
    let (key, value) = values.next().unwrap_or(("", Value::Null));
    T::read(value).unwrap_or_else(|p| {
        problem.get_or_insert(format!("{key}: {p}"));
        T::default()
    })
}

string_table! {
    /// Every UI string, per language. A missing or unknown key fails to load, so a string that
    /// exists in one language and not another is caught by the tests.
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
        pub save_refused_step_newer: String,
        pub storage_blocked: String,
        pub content_error: String,
        pub months: [String; 12],
        pub long_date_pattern: String,
        pub language_label: String,
        pub decimal_mark: String,
        pub glossary_toggle: String,
    }
}

impl Ui {
    /// "Step 2 of 5", in this language.
    pub fn step_of(&self, n: usize, total: usize) -> String {
        self.step_of
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    /// A number to one decimal place with this language's mark: "4.5" or "4,5". Written by hand:
    /// float formatting costs kilobytes of WebAssembly.
    pub fn one_decimal(&self, v: f32) -> String {
        let tenths = (v * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        format!(
            "{sign}{}{}{}",
            tenths.abs() / 10,
            self.decimal_mark,
            tenths.abs() % 10
        )
    }

    /// A file size in megabytes to one decimal, e.g. "20.0 MB" or "20,0 MB".
    pub fn megabytes(&self, bytes: f64) -> String {
        format!("{} MB", self.one_decimal((bytes / 1_048_576.0) as f32))
    }

    /// A content date written out for patients, e.g. "25 November 2026".
    pub fn long_date(&self, date: Date) -> String {
        let month = &self.months[usize::from(date.month.clamp(1, 12) - 1)];
        fill_date(&self.long_date_pattern, date, month)
    }
}

string_table! {
    /// UI strings of the diary, per language (`content/<lang>/diary.json`).
    pub struct DiaryUi {
        pub tab_learn: String,
        pub tab_diary: String,
        pub tabs_label: String,
        pub diary_heading: String,
        pub diary_intro: String,
        pub new_check_in: String,
        pub edit_check_in: String,
        pub when_legend: String,
        pub date_label: String,
        pub time_label: String,
        pub pain_legend: String,
        pub pain_hint: String,
        pub lesions_legend: String,
        pub lesions_hint: String,
        pub same_as_last: String,
        pub add_lesion: String,
        pub site_label: String,
        pub site_choose: String,
        pub area_hands: String,
        pub area_arms: String,
        pub area_trunk: String,
        pub area_legs: String,
        pub map_show: String,
        pub map_hide: String,
        pub map_front: String,
        pub map_back: String,
        pub map_hands: String,
        pub your_right: String,
        pub your_left: String,
        pub lesion_name_label: String,
        pub lesion_name_hint: String,
        pub lesion_pain_legend: String,
        pub size_legend: String,
        pub size_not_sure: String,
        pub size_rice: String,
        pub size_pea: String,
        pub size_grape: String,
        pub size_walnut: String,
        pub size_mm: String,
        pub size_mm_label: String,
        pub signs_legend: String,
        pub signs: Labels<Sign>,
        pub remove_lesion: String,
        pub body_legend: String,
        pub fever: String,
        pub raynaud: String,
        pub stiffness: String,
        pub sleep: String,
        pub daily_legend: String,
        pub daily_hint: String,
        pub daily_not_asked: String,
        pub warnings_legend: String,
        pub warnings_hint: String,
        pub warnings: Labels<Warning>,
        pub meds_legend: String,
        pub adherence_legend: String,
        pub adherence_not_asked: String,
        pub adherence_as_prescribed: String,
        pub adherence_missed_some: String,
        pub adherence_not_taking: String,
        pub immune_weakening: String,
        pub side_effects_legend: String,
        pub side_effects: Labels<SideEffect>,
        pub other_side_effect_label: String,
        pub notes_label: String,
        pub save: String,
        pub saving_fixes: String,
        pub cancel: String,
        pub saved: String,
        pub save_failed: String,
        pub reason_quota: String,
        pub reason_blocked: String,
        pub reason_newer: String,
        pub reason_other: String,
        pub err_pain: String,
        pub err_daily: String,
        pub err_future: String,
        pub err_date: String,
        pub err_lesion_pain: String,
        pub err_size: String,
        pub err_no_site: String,
        pub err_duplicate: String,
        pub history_heading: String,
        pub no_entries: String,
        pub no_matches: String,
        pub filter_legend: String,
        pub filter_from: String,
        pub filter_to: String,
        pub filter_clear: String,
        pub showing: String,
        pub show_more: String,
        pub edit: String,
        pub delete: String,
        pub delete_what: String,
        pub confirm_delete: String,
        pub confirm_yes: String,
        pub confirm_no: String,
        pub deleted: String,
        pub undo: String,
        pub pain_short: String,
        pub lesions_short: String,
        pub open_short: String,
        pub trend_heading: String,
        pub ranges_label: String,
        pub range_30: String,
        pub range_90: String,
        pub range_year: String,
        pub range_all: String,
        pub trend_empty: String,
        pub trend_caption: String,
        pub trend_table: String,
        pub col_period: String,
        pub col_pain: String,
        pub col_worst: String,
        pub col_sores: String,
        pub col_count: String,
        pub week_of: String,
        pub month_of: String,
        pub unreadable: String,
        pub download_raw: String,
        pub delete_raw: String,
        pub confirm_delete_raw: String,
        pub blocked: String,
        pub other_tab: String,
        pub result_heading: String,
        pub result_why: String,
        pub phone_missing: String,
        pub emergency_default: String,
        pub out_of_hours_default: String,
        pub conflict_changed: String,
        pub conflict_deleted: String,
        pub conflict_yours: String,
        pub conflict_theirs: String,
        pub conflict_keep_mine: String,
        pub conflict_use_theirs: String,
        pub conflict_leave_deleted: String,
        pub draft_not_kept: String,
        pub deleted_elsewhere: String,
        pub contacts_label: String,
        pub contacts_emergency: String,
        pub contacts_clinic: String,
        pub contacts_out_of_hours: String,
        pub close: String,
        pub months_short: [String; 12],
        pub short_date_pattern: String,
        pub questions_heading: String,
        pub questions_empty: String,
        pub question_label: String,
        pub add_question: String,
        pub remove_question: String,
        pub save_failed_short: String,
        pub count_of: String,
        pub count_full: String,
        pub unreadable_prefs: String,
        pub unreadable_place: String,
        pub newer_diary: String,
        pub newer_prefs: String,
        pub newer_place: String,
        pub reason_newer_settings: String,
        pub set_aside_failed: String,
        pub quick_check_in: String,
        pub quick_offer: String,
        pub quick_heading: String,
        pub quick_intro: String,
        pub use_full_form: String,
        pub use_quick_form: String,
        pub quick_last_time: String,
        pub quick_no_size: String,
        pub quick_no_signs: String,
        pub quick_lesion_pain: String,
        pub quick_since_legend: String,
        pub quick_same: String,
        pub quick_changed: String,
        pub quick_any_legend: String,
        pub quick_any_hint: String,
        pub quick_none: String,
        pub quick_yes: String,
        pub quick_show_list: String,
        pub quick_hide_list: String,
        pub quick_tick_hint: String,
        pub fever_legend: String,
        pub err_any_warning: String,
        pub err_nothing_ticked: String,
        pub lesions_heading: String,
        pub lesions_intro: String,
        pub lesions_none: String,
        pub lesion_followed: String,
        pub lesion_healed: String,
        pub lesion_rename: String,
        pub lesion_name_new: String,
        pub lesion_name_empty_hint: String,
        pub lesion_save_name: String,
        pub lesion_mark_healed: String,
        pub lesion_follow_again: String,
        pub lesion_show_trend: String,
        pub lesion_hide_trend: String,
        pub lesion_renamed: String,
        pub lesion_healed_done: String,
        pub lesion_followed_done: String,
        pub lesion_not_saved: String,
        pub lesion_name_too_long: String,
        pub lesion_gone: String,
        pub lesion_trend_heading: String,
        pub lesion_trend_empty: String,
        pub lesion_trend_caption: String,
        pub lesion_first: String,
        pub lesion_latest: String,
        pub lesion_change: String,
        pub lesion_size_not_noted: String,
        pub lesion_pain_not_noted: String,
        pub lesion_open_days: String,
        pub lesion_col_pain: String,
        pub lesion_col_size: String,
        pub lesion_col_open: String,
        pub lesion_open_yes: String,
        pub lesion_open_no: String,
        pub lesion_open_some: String,
        pub lesion_size_axis: [String; 4],
        pub history_filter_lesion: String,
        pub history_filter_lesion_all: String,
        pub history_filter_warnings: String,
        pub history_filter_warnings_hint: String,
        pub history_lesion_gone: String,
        pub history_healed: String,
        pub history_warnings: String,
        pub history_side_effects: String,
        pub history_result: String,
        pub history_level_none: String,
        pub history_level_next_visit: String,
        pub history_level_call_today: String,
        pub history_level_get_help_now: String,
        pub history_level_emergency: String,
        pub history_notes: String,
        pub history_note_more: String,
        pub history_note_less: String,
    }
}

string_table! {
    /// UI strings of the summary and export screens (`content/<lang>/summary.json`).
    pub struct SummaryUi {
        pub tab_summary: String,
        pub summary_heading: String,
        pub summary_intro: String,
        pub period_legend: String,
        pub period_30: String,
        pub period_90: String,
        pub period_since: String,
        pub since_label: String,
        pub patient_name_label: String,
        pub print: String,
        pub print_title: String,
        pub for_clinic: String,
        pub patient: String,
        pub covers: String,
        pub pain_heading: String,
        pub pain_figures: String,
        pub no_check_ins: String,
        pub lesions_heading: String,
        pub col_site: String,
        pub col_first: String,
        pub col_status: String,
        pub col_pain: String,
        pub col_size: String,
        pub col_flags: String,
        pub flag_open: String,
        pub flag_discharging: String,
        pub flag_infection: String,
        pub none_marked: String,
        pub flags_heading: String,
        pub flags_none: String,
        pub flag_times: String,
        pub side_effects_heading: String,
        pub side_effects_none: String,
        pub other_more: String,
        pub side_effect_count: String,
        pub meds_heading: String,
        pub meds_text: String,
        pub meds_none: String,
        pub content_version: String,
        pub made_on: String,
        pub export_heading: String,
        pub export_intro: String,
        pub backup: String,
        pub backup_done: String,
        pub download_done: String,
        pub restore_label: String,
        pub restore_report: String,
        pub restore_not_json: String,
        pub restore_not_backup: String,
        pub restore_newer: String,
        pub restore_invalid: String,
        pub restore_read_failed: String,
        pub restore_too_big: String,
        pub restore_deleted_here: String,
        pub restore_deleted_here_one: String,
        pub bring_back: String,
        pub brought_back: String,
        pub brought_back_one: String,
        pub restore_too_long: String,
        pub field_notes: String,
        pub field_other_side_effect: String,
        pub field_question: String,
        pub field_patient_name: String,
        pub field_lesion_name: String,
        pub name_not_kept: String,
        pub backup_date_not_kept: String,
        pub lesions_change_note: String,
        pub lesion_change: String,
        pub healed_mark: String,
        pub size_short: [String; 4],
        pub csv: String,
        pub fhir: String,
        pub download_failed: String,
        pub reminders_heading: String,
        pub reminders_intro: String,
        pub freq_legend: String,
        pub daily: String,
        pub weekly: String,
        pub weekday_label: String,
        pub weekdays: [String; 7],
        pub reminder_time_label: String,
        pub add_reminder: String,
        pub reminder_bad_time: String,
        pub reminder_summary: String,
        pub reminder_description: String,
        pub delete_heading: String,
        pub delete_intro: String,
        pub delete_button: String,
        pub delete_confirm: String,
        pub delete_yes: String,
        pub delete_no: String,
        pub delete_done: String,
        pub backup_reminder: String,
        pub backup_now: String,
    }
}

string_table! {
    /// UI strings of the patient's list of medicines (`content/<lang>/medicines.json`).
    pub struct MedicinesUi {
        pub heading: String,
        pub intro: String,
        pub empty: String,
        pub print_more: String,
        pub add_heading: String,
        pub edit_heading: String,
        pub name_label: String,
        pub how_label: String,
        pub how_hint: String,
        pub counter: String,
        pub add: String,
        pub save: String,
        pub cancel: String,
        pub edit: String,
        pub remove: String,
        pub confirm_remove: String,
        pub confirm_yes: String,
        pub confirm_no: String,
        pub removed: String,
        pub undo: String,
        pub added: String,
        pub saved: String,
        pub name_empty: String,
        pub name_too_long: String,
        pub how_too_long: String,
        pub fix_first: String,
        pub csv: String,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Content {
    pub lang: Lang,
    pub ui: Box<Ui>,
    pub diary: Box<DiaryUi>,
    pub summary: Box<SummaryUi>,
    pub medicines: Box<MedicinesUi>,
    /// Body-site labels by site id (`right-index-finger` -> "Right index finger").
    pub sites: HashMap<String, String>,
    pub sections: Vec<Section>,
    /// Words a patient may not know, explained where they first appear in a step.
    pub glossary: Glossary,
    /// The triage levels' titles and advice, and each reason's words.
    pub triage: TriageText,
    /// The sources content may cite.
    pub sources: Vec<Source>,
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

/// Builds one language's bundle from the files under `content/` at compile time, in the shape
/// `scripts/bundle-content.mjs` writes to `dist/content/<lang>.json` (each file's JSON under its
/// name, the sections as a list in walk-through order, the shared sources). For tests only: the
/// widget itself never carries its text, it fetches the bundle of the language in use.
#[macro_export]
macro_rules! content_bundle {
    ($lang:literal) => {
        concat!(
            "{\"ui\":",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/ui.json"
            )),
            ",\"diary\":",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/diary.json"
            )),
            ",\"summary\":",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/summary.json"
            )),
            ",\"medicines\":",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/medicines.json"
            )),
            ",\"sites\":",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/sites.json"
            )),
            ",\"glossary\":",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/glossary.json"
            )),
            ",\"triage\":",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/triage.json"
            )),
            ",\"sections\":[",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/sections/01-what-it-is.json"
            )),
            ",",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/sections/02-symptoms.json"
            )),
            ",",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/sections/03-diagnosis.json"
            )),
            ",",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/sections/04-treatment.json"
            )),
            ",",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/sections/05-medicine.json"
            )),
            ",",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/content/",
                $lang,
                "/sections/06-self-care.json"
            )),
            "],\"sources\":",
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/content/sources.json")),
            "}"
        )
    };
}

/// The source file a part of the bundle comes from, for error messages.
fn file_name(lang: Lang, part: &str) -> String {
    format!("{}/{part}.json", lang.tag())
}

impl Content {
    /// Parses and validates one language's bundle (see `content_bundle!` for its shape). The
    /// text is parsed once; each part is then read, and any problem named, as the file it came
    /// from.
    pub fn load(lang: Lang, bundle: &str) -> Result<Content, ContentError> {
        let whole = |problem| ContentError {
            file: format!("content/{}.json", lang.tag()),
            problem,
        };
        let mut b = json::parse(bundle).and_then(Fields::of).map_err(whole)?;
        let mut part = |key: &str| b.need(key, Ok).map_err(whole);
        let ui = part("ui")?;
        let diary = part("diary")?;
        let summary = part("summary")?;
        let medicines = part("medicines")?;
        let sites = part("sites")?;
        let glossary = part("glossary")?;
        let triage = part("triage")?;
        let sections = part("sections")?;
        let sources = part("sources")?;
        b.done().map_err(whole)?;
        let error = |part: &str| {
            let file = file_name(lang, part);
            move |problem| ContentError { file, problem }
        };
        let ui = Ui::from_value(ui).map_err(error("ui"))?;
        let diary = DiaryUi::from_value(diary).map_err(error("diary"))?;
        let summary = SummaryUi::from_value(summary).map_err(error("summary"))?;
        let medicines = MedicinesUi::from_value(medicines).map_err(error("medicines"))?;
        validate_diary_ui(&diary).map_err(error("diary"))?;
        let triage = TriageText::from_value(triage).map_err(error("triage"))?;
        let sources = json::list(sources, Source::read).map_err(|problem| ContentError {
            file: "sources.json".into(),
            problem,
        })?;
        let sites = text_map(sites).map_err(error("sites"))?;
        if let Some(missing) = Site::all()
            .into_iter()
            .find(|s| !sites.contains_key(&s.id()))
        {
            return Err(error("sites")(format!("no label for {missing}")));
        }
        let known: HashSet<String> = sources.iter().map(|s| s.key.clone()).collect();
        let sections = match sections {
            Value::Array(items) => items,
            other => {
                return Err(error("sections")(format!(
                    "expected a list, found {}",
                    other.kind()
                )))
            }
        };
        if sections.len() != SECTION_KEYS.len() {
            return Err(error("sections")(format!(
                "{} sections, expected {}",
                sections.len(),
                SECTION_KEYS.len()
            )));
        }
        let mut read_sections = Vec::with_capacity(SECTION_KEYS.len());
        for (i, raw) in sections.into_iter().enumerate() {
            let file = file_name(lang, &format!("sections/{:02}-{}", i + 1, SECTION_KEYS[i]));
            let section = Section::read(raw)
                .and_then(|section| {
                    validate_section(&section, SECTION_KEYS[i], &known).map(|()| section)
                })
                .map_err(|problem| ContentError {
                    file: file.clone(),
                    problem,
                })?;
            read_sections.push(section);
        }
        let sections = read_sections;
        let glossary = Glossary::read(glossary).map_err(error("glossary"))?;
        glossary.validate(&known).map_err(error("glossary"))?;
        Ok(Content {
            lang,
            ui,
            diary,
            summary,
            medicines,
            sites,
            sections,
            glossary,
            triage,
            sources,
        })
    }

    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The full citation for a source key, if it is one we know.
    pub fn citation(&self, key: &str) -> Option<&str> {
        self.sources
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.citation.as_str())
    }
}

fn cell(lang: Lang) -> &'static OnceLock<Content> {
    static EN: OnceLock<Content> = OnceLock::new();
    static PT_PT: OnceLock<Content> = OnceLock::new();
    match lang {
        Lang::En => &EN,
        Lang::PtPt => &PT_PT,
    }
}

/// Checks a fetched bundle and keeps it for the rest of the page's life. A language already
/// installed stays as it was (the same text, fetched twice).
pub fn install(lang: Lang, bundle: &str) -> Result<&'static Content, ContentError> {
    if let Some(c) = cell(lang).get() {
        return Ok(c);
    }
    let loaded = Content::load(lang, bundle)?;
    Ok(cell(lang).get_or_init(|| loaded))
}

/// The content of a language, once its bundle is installed.
pub fn content(lang: Lang) -> Option<&'static Content> {
    cell(lang).get()
}

/// A language's content built from the files under `content/`, for tests.
#[cfg(test)]
pub(crate) fn test_content(lang: Lang) -> Result<&'static Content, ContentError> {
    install(
        lang,
        match lang {
            Lang::En => crate::content_bundle!("en"),
            Lang::PtPt => crate::content_bundle!("pt-PT"),
        },
    )
}

/// The file a language's bundle is fetched from, relative to the widget's folder.
pub fn bundle_path(lang: Lang) -> String {
    format!("content/{}.json", lang.tag())
}

/// What the widget says before its text has arrived: a few words per language, kept in the code
/// because they are needed exactly when the content is not there.
pub struct FetchText {
    pub loading: &'static str,
    pub failed: &'static str,
    pub retry: &'static str,
}

pub fn fetch_text(lang: Lang) -> FetchText {
    match lang {
        Lang::En => FetchText {
            loading: "Loading the guide…",
            failed: "The guide could not load its text. Check your internet connection, then try again.",
            retry: "Try again",
        },
        Lang::PtPt => FetchText {
            loading: "A carregar o guia…",
            failed: "Não foi possível carregar o texto do guia. Verifique a ligação à internet e tente novamente.",
            retry: "Tentar novamente",
        },
    }
}

/// Every sign, warning and side effect needs a label.
fn validate_diary_ui(d: &DiaryUi) -> Result<(), String> {
    if let Some(s) = Sign::ALL.iter().find(|s| !d.signs.contains_key(s)) {
        return Err(format!("no label for sign {s:?}"));
    }
    if let Some(w) = Warning::ALL.iter().find(|w| !d.warnings.contains_key(w)) {
        return Err(format!("no label for warning {w:?}"));
    }
    if let Some(s) = SideEffect::ALL
        .iter()
        .find(|s| !d.side_effects.contains_key(s))
    {
        return Err(format!("no label for side effect {s:?}"));
    }
    Ok(())
}

/// Fills a date pattern: `{d}` day, `{dd}` two-digit day, `{mm}` two-digit month, `{month}` the
/// month's name, `{y}` year.
fn fill_date(pattern: &str, date: Date, month: &str) -> String {
    pattern
        .replace("{dd}", &format!("{:02}", date.day))
        .replace("{d}", &date.day.to_string())
        .replace("{mm}", &format!("{:02}", date.month))
        .replace("{month}", month)
        .replace("{y}", &date.year.to_string())
}

impl SummaryUi {
    /// A size in the printout's short words ("pea", "grain of rice"), for a lesion's change
    /// from first to latest; measured sizes in millimetres.
    pub fn size_short(&self, size: Size) -> String {
        let word = |i: usize| self.size_short[i].clone();
        match size {
            Size::Mm(mm) => format!("{mm} mm"),
            Size::RiceGrain => word(0),
            Size::Pea => word(1),
            Size::Grape => word(2),
            Size::Walnut => word(3),
        }
    }
}

impl DiaryUi {
    /// The words for a size in the form: "About a pea", "I measured it".
    pub fn size_choice(&self, choice: SizeChoice) -> &str {
        match choice {
            SizeChoice::NotSure => &self.size_not_sure,
            SizeChoice::RiceGrain => &self.size_rice,
            SizeChoice::Pea => &self.size_pea,
            SizeChoice::Grape => &self.size_grape,
            SizeChoice::Walnut => &self.size_walnut,
            SizeChoice::Measured => &self.size_mm,
        }
    }

    /// Every size the form offers, in its order, with its words.
    pub fn size_choices(&self) -> [(SizeChoice, &str); 6] {
        [
            SizeChoice::NotSure,
            SizeChoice::RiceGrain,
            SizeChoice::Pea,
            SizeChoice::Grape,
            SizeChoice::Walnut,
            SizeChoice::Measured,
        ]
        .map(|choice| (choice, self.size_choice(choice)))
    }

    /// A recorded size in the same words as the form ("About a pea"), or millimetres ("12 mm").
    pub fn size(&self, size: Size) -> String {
        match size {
            Size::Mm(mm) => format!("{mm} mm"),
            Size::RiceGrain => self.size_choice(SizeChoice::RiceGrain).to_string(),
            Size::Pea => self.size_choice(SizeChoice::Pea).to_string(),
            Size::Grape => self.size_choice(SizeChoice::Grape).to_string(),
            Size::Walnut => self.size_choice(SizeChoice::Walnut).to_string(),
        }
    }

    /// Why something could not be stored, in the patient's words.
    pub fn store_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::QuotaExceeded => self.reason_quota.clone(),
            StoreError::Blocked => self.reason_blocked.clone(),
            StoreError::NewerVersion => self.reason_newer.clone(),
            StoreError::Other(detail) => self.reason_other.replace("{detail}", detail),
        }
    }

    /// Why the patient's settings were not saved; a newer version's settings are named as such
    /// (the diary's own text speaks of the diary).
    pub fn prefs_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::NewerVersion => self.reason_newer_settings.clone(),
            other => self.store_error(other),
        }
    }

    /// A local date and time for lists, e.g. "25 Nov 2026, 14:30".
    pub fn when(&self, local: Local) -> String {
        format!(
            "{}, {:02}:{:02}",
            self.day(local.date),
            local.hour,
            local.minute
        )
    }

    /// A date for lists, e.g. "25 Nov 2026" or "25/11/2026".
    pub fn day(&self, date: Date) -> String {
        let month = &self.months_short[usize::from(date.month.clamp(1, 12) - 1)];
        fill_date(&self.short_date_pattern, date, month)
    }
}

impl Content {
    /// The label of a body site in this language.
    pub fn site_label(&self, site: Site) -> &str {
        self.sites
            .get(&site.id())
            .map(String::as_str)
            .unwrap_or("?")
    }
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
        if !block.flags.is_empty() && block.flags.len() != block.bullets.len() {
            return Err(format!(
                "block {i} has {} flags for {} bullets",
                block.flags.len(),
                block.bullets.len()
            ));
        }
        let unknown = block
            .flags
            .iter()
            .flat_map(|f| f.split_whitespace())
            .find(|k| !Reason::ALL.iter().any(|r| r.key() == *k));
        if let Some(k) = unknown {
            return Err(format!("block {i} flags an unknown reason {k:?}"));
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
