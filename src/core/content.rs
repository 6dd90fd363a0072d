//! Education content and UI strings, kept as data files per language under `content/`. The build
//! bundles each language twice: the whole widget's text (`dist/content/<lang>.json`) and the
//! guide's alone (`dist/content/<lang>.guide.json`, what the guide alone fetches). The widget
//! fetches the bundle of the language in use; `install` and `install_guide` check it exactly as
//! the tests do. Everything a patient reads comes from here.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use super::config::{Contact, KnownService};
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
    /// Shows the patient groups in use (the clinic's, or the language's) in this block.
    pub groups: bool,
}

impl Block {
    fn read(v: Value) -> Result<Block, String> {
        Fields::strict(v, |f| {
            Ok(Block {
                heading: f.option("heading", json::string)?,
                tone: f.option("tone", json::code)?,
                paragraphs: f.list("paragraphs", json::string)?,
                bullets: f.list("bullets", json::string)?,
                flags: f.list("flags", json::string)?,
                contacts: f.or_default("contacts", json::boolean)?,
                groups: f.or_default("groups", json::boolean)?,
            })
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub question: String,
    pub answer: String,
}

impl Question {
    fn read(v: Value) -> Result<Question, String> {
        Fields::strict(v, |f| {
            Ok(Question {
                question: f.need("question", json::string)?,
                answer: f.need("answer", json::string)?,
            })
        })
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
        Fields::strict(v, |f| {
            Ok(Section {
                key: f.need("key", json::string)?,
                title: f.need("title", json::string)?,
                lead: f.need("lead", json::string)?,
                last_reviewed: f.need("last_reviewed", json::string)?,
                next_review: f.need("next_review", json::string)?,
                sources: f.need("sources", |v| json::list(v, json::string))?,
                blocks: f.need("blocks", |v| json::list(v, Block::read))?,
                questions: f.list("questions", Question::read)?,
            })
        })
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
        Fields::strict(v, |f| {
            Ok(Source {
                key: f.need("key", json::string)?,
                citation: f.need("citation", json::string)?,
            })
        })
    }
}

/// An object whose every value is a string, keyed by text (`sites.json`, triage reasons).
pub(crate) fn text_map(v: Value) -> Result<HashMap<String, String>, String> {
    match v {
        Value::Object(map) => map
            .into_iter()
            .map(|(k, v)| match json::string(v) {
                Ok(t) => Ok((k, t)),
                Err(e) => Err(format!("\"{k}\": {e}")),
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
                None => return Err(format!("unknown key \"{k}\"")),
            }
        }
        Ok(labels)
    }
}

/// Declares a table of UI strings read from a JSON object. The plain texts are kept in one boxed
/// array and read through accessors (`ui.back()`), the other fields (lists, labels per code) as
/// fields. The keys are checked in one shared step (`table_values`) and the texts read in a loop:
/// a struct of hundreds of `String` fields, built field by field and then moved, cost tens of
/// kilobytes of WebAssembly (a serde derive, over 100 KB).
macro_rules! string_table {
    ($(#[$meta:meta])* mod $keys:ident; pub struct $name:ident {
        texts { $($text:ident,)* }
        $(pub $field:ident: $ty:ty,)*
    }) => {
        /// Each text's place in its table.
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        mod $keys {
            pub(super) enum At { $($text),* }
            pub(super) const TEXTS: usize = [$(stringify!($text)),*].len();
        }

        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            texts: Box<[String; $keys::TEXTS]>,
            $(pub $field: $ty,)*
        }

        impl $name {
            const KEYS: &'static [&'static str] = &[$(stringify!($text),)* $(stringify!($field)),*];

            $(
                pub fn $text(&self) -> &String {
                    &self.texts[$keys::At::$text as usize]
                }
            )*

            /// Reads the table from its JSON text; every key must be there and no other.
            pub fn from_json(text: &str) -> Result<Box<$name>, String> {
                $name::from_value(json::parse(text)?)
            }

            /// Reads the table; every key must be there and no other.
            pub fn from_value(v: Value) -> Result<Box<$name>, String> {
                let mut values = table_values(v, $name::KEYS)?.into_iter();
                let texts = read_texts(&mut values, $keys::TEXTS)?;
                let texts: Box<[String; $keys::TEXTS]> = match texts.try_into() {
                    Ok(texts) => texts,
                    Err(_) => return Err("texts missing".into()),
                };
                // No early return per field: that would make the compiler emit drop code for
                // every earlier field at every field.
                #[allow(unused_mut)]
                let mut problem = None;
                let table = Box::new($name { texts, $($field: next_value(&mut values, &mut problem),)* });
                match problem {
                    Some(p) => Err(p),
                    None => Ok(table),
                }
            }
        }
    };
}

/// The next `n` values of a table, each a text.
fn read_texts(
    values: &mut std::vec::IntoIter<(&'static str, Value)>,
    n: usize,
) -> Result<Box<[String]>, String> {
    values
        .take(n)
        .map(|(key, v)| json::string(v).map_err(|e| format!("{key}: {e}")))
        .collect()
}

/// A table's values in the order of `keys`, each named by its key; every key must be there
/// and no other.
fn table_values(v: Value, keys: &[&'static str]) -> Result<Vec<(&'static str, Value)>, String> {
    Fields::strict(v, |fields| {
        keys.iter()
            .map(|&key| fields.need(key, Ok).map(|v| (key, v)))
            .collect()
    })
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
    mod ui_texts;
    pub struct Ui {
        texts {
            widget_label,
            app_title,
            app_tagline,
            disclaimer,
            steps_nav_label,
            back,
            next,
            questions_heading,
            sources_heading,
            last_reviewed,
            next_review,
            end_of_guide,
            save_failed_step,
            save_refused_step_newer,
            storage_blocked,
            content_error,
            long_date_pattern,
            language_label,
            decimal_mark,
            glossary_toggle,
            part_loading,
            part_failed,
            tabs_label,
            tab_learn,
            tab_diary,
            tab_summary,
            contacts_label,
            contacts_emergency,
            contacts_clinic,
            contacts_out_of_hours,
            phone_missing,
            emergency_default,
            out_of_hours_default,
            about_112,
            about_nhs111,
            about_sns24,
        }
        pub step_of: String,
        pub months: [String; 12],
    }
}

impl Ui {
    /// What to say for a number that is not set ("your local emergency number").
    pub fn number_unset(&self, contact: Contact) -> &str {
        match contact {
            Contact::Emergency => self.emergency_default(),
            Contact::Clinic => self.phone_missing(),
            Contact::OutOfHours => self.out_of_hours_default(),
        }
    }

    /// What the patient should know about a service next to its number.
    pub fn about_service(&self, service: KnownService) -> &str {
        match service {
            KnownService::Eu112 => self.about_112(),
            KnownService::Nhs111 => self.about_nhs111(),
            KnownService::Sns24 => self.about_sns24(),
        }
    }

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
            self.decimal_mark(),
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
        fill_date(self.long_date_pattern(), date, month)
    }
}

string_table! {
    /// UI strings of the diary, per language (`content/<lang>/diary.json`).
    mod diary_texts;
    pub struct DiaryUi {
        texts {
            diary_heading,
            diary_intro,
            new_check_in,
            edit_check_in,
            when_legend,
            date_label,
            time_label,
            when_said,
            pain_legend,
            pain_hint,
            required,
            lesions_legend,
            lesions_hint,
            same_as_last,
            add_lesion,
            lesion_number,
            site_label,
            site_choose,
            area_hands,
            area_arms,
            area_trunk,
            area_legs,
            map_show,
            map_hide,
            map_hint,
            map_front,
            map_back,
            map_hands,
            your_right,
            your_left,
            lesion_name_label,
            lesion_name_hint,
            lesion_pain_legend,
            size_legend,
            size_not_sure,
            size_rice,
            size_pea,
            size_grape,
            size_walnut,
            size_mm,
            size_mm_label,
            signs_legend,
            remove_lesion,
            lesion_removed,
            body_legend,
            fever,
            lump_now,
            raynaud,
            stiffness,
            sleep,
            daily_legend,
            daily_hint,
            daily_not_asked,
            warnings_legend,
            warnings_hint,
            meds_legend,
            adherence_legend,
            adherence_not_asked,
            adherence_as_prescribed,
            adherence_missed_some,
            adherence_not_taking,
            immune_weakening,
            immune_listed,
            side_effects_legend,
            other_side_effect_label,
            notes_label,
            mentions_intro,
            mentions_item,
            mentions_add_lump,
            save,
            saving_fixes,
            cancel,
            saved,
            saved_dated,
            result_not_saved,
            result_not_saved_dated,
            save_failed,
            reason_quota,
            quota_next,
            reason_blocked,
            reason_newer,
            behind_newer,
            behind_unread,
            behind_unread_copy,
            reason_other,
            reason_gone,
            gone_said,
            gone_keep,
            gone_let_go,
            gone_keep_newer,
            err_pain,
            err_daily,
            err_future,
            err_date,
            err_too_early,
            err_no_such_time,
            err_clock_behind,
            err_lesion_pain,
            err_size,
            err_no_site,
            err_duplicate,
            err_renamed_elsewhere,
            history_heading,
            no_entries,
            no_matches,
            filter_legend,
            filter_from,
            filter_to,
            filter_clear,
            showing,
            show_more,
            edit,
            delete,
            delete_what,
            confirm_delete,
            confirm_yes,
            confirm_no,
            cancel_confirm,
            cancel_keep,
            cancel_discard,
            deleted,
            undo,
            delete_changed,
            delete_not_done,
            undo_back_already,
            pain_short,
            lesions_short,
            open_short,
            trend_heading,
            ranges_label,
            range_30,
            range_90,
            range_year,
            range_all,
            trend_empty,
            trend_caption,
            trend_bars,
            trend_gap,
            trend_table,
            col_period,
            col_pain,
            col_worst,
            col_sores,
            col_count,
            week_of,
            month_of,
            unreadable,
            download_raw,
            delete_raw,
            confirm_delete_raw,
            raw_gone,
            blocked,
            other_tab,
            saved_again,
            result_heading,
            result_why,
            conflict_changed,
            conflict_deleted,
            conflict_yours,
            conflict_theirs,
            conflict_keep_mine,
            conflict_use_theirs,
            conflict_leave_deleted,
            conflict_differs,
            conflict_same,
            conflict_yes,
            conflict_no,
            conflict_nothing,
            conflict_not_answered,
            conflict_not_noted,
            conflict_noted,
            conflict_confirm_theirs,
            conflict_confirm_deleted,
            conflict_yes_theirs,
            conflict_yes_deleted,
            conflict_go_back,
            draft_not_kept,
            waiting_form,
            open_waiting_form,
            started_earlier,
            waiting_question,
            open_waiting_question,
            deleted_elsewhere,
            removed_by_other,
            close,
            short_date_pattern,
            questions_heading,
            questions_empty,
            questions_none,
            question_label,
            add_question,
            remove_question,
            question_removed,
            question_added,
            question_empty,
            question_too_long,
            save_failed_short,
            count_of,
            count_full,
            unreadable_prefs,
            unreadable_place,
            unreadable_drafts,
            newer_diary,
            newer_prefs,
            newer_place,
            newer_drafts,
            reason_newer_settings,
            set_aside_failed,
            quick_check_in,
            quick_offer,
            quick_heading,
            quick_intro,
            use_full_form,
            use_quick_form,
            quick_last_time,
            quick_no_size,
            quick_no_signs,
            quick_lesion_pain,
            quick_since_legend,
            quick_same,
            quick_changed,
            quick_any_legend,
            quick_any_hint,
            quick_none,
            quick_yes,
            quick_show_list,
            quick_hide_list,
            quick_tick_hint,
            fever_legend,
            err_any_warning,
            err_quick_since,
            err_nothing_ticked,
            lesions_heading,
            lesions_intro,
            lesions_none,
            lesion_followed,
            lesion_healed,
            lesion_in_none,
            lesion_remove,
            lesion_removed_list,
            lesion_in_use,
            lesion_rename,
            lesion_name_new,
            lesion_name_empty_hint,
            lesion_save_name,
            lesion_mark_healed,
            lesion_follow_again,
            lesion_show_trend,
            lesion_hide_trend,
            lesion_renamed,
            lesion_healed_done,
            lesion_followed_done,
            lesion_not_saved,
            lesion_name_too_long,
            lesion_gone,
            lesion_removed_elsewhere,
            lesion_put_back_named,
            lesion_renamed_elsewhere,
            lesion_trend_heading,
            lesion_trend_empty,
            lesion_trend_caption,
            lesion_first,
            lesion_latest,
            lesion_change,
            lesion_size_not_noted,
            lesion_pain_not_noted,
            lesion_open_days,
            lesion_col_pain,
            lesion_col_size,
            lesion_col_open,
            lesion_open_yes,
            lesion_open_no,
            lesion_open_some,
            lesion_open_some_one,
            history_filter_lesion,
            history_filter_lesion_all,
            history_filter_warnings,
            history_filter_warnings_hint,
            history_lesion_gone,
            history_healed,
            history_warnings,
            history_side_effects,
            history_result,
            history_level_none,
            history_level_next_visit,
            history_level_call_today,
            history_level_get_help_now,
            history_level_emergency,
            history_also,
            history_lump_now,
            history_daily,
            history_immune,
            history_missed,
            history_not_taking,
            history_notes,
            history_what_to_do,
            history_note_more,
            history_note_less,
        }
        pub signs: Labels<Sign>,
        pub warnings: Labels<Warning>,
        pub side_effects: Labels<SideEffect>,
        pub months_short: [String; 12],
        pub lesion_size_axis: [String; 4],
    }
}

string_table! {
    /// UI strings of the summary and export screens (`content/<lang>/summary.json`).
    mod summary_texts;
    pub struct SummaryUi {
        texts {
            summary_heading,
            summary_intro,
            period_legend,
            period_30,
            period_90,
            period_since,
            since_label,
            patient_name_label,
            print,
            print_title,
            for_clinic,
            patient,
            covers,
            pain_heading,
            pain_figures,
            no_check_ins,
            lesions_heading,
            col_site,
            col_first,
            col_status,
            col_pain,
            col_size,
            col_flags,
            flag_open,
            flag_discharging,
            flag_red,
            flag_infection,
            none_marked,
            flags_last,
            healed_on,
            no_check_ins_last,
            dated_after_today,
            dated_after_today_one,
            dated_ahead_paper,
            dated_ahead_paper_one,
            since_unused,
            empty_period,
            flags_heading,
            flags_none,
            flag_times,
            flag_level,
            date_times,
            latest_result,
            side_effects_heading,
            side_effects_none,
            other_more,
            noted_heading,
            noted_none,
            noted_fever,
            noted_stiffness,
            noted_raynaud,
            noted_sleep,
            noted_daily,
            noted_daily_one,
            noted_notes,
            noted_notes_one,
            noted_count,
            noted_count_one,
            meds_heading,
            meds_text,
            meds_none,
            content_version,
            made_on,
            page_of,
            export_heading,
            export_intro,
            backup,
            backup_done,
            download_done,
            restore_label,
            restore_report,
            restore_kept,
            restore_kept_one,
            restore_kept_clock,
            restore_kept_clock_one,
            restore_not_json,
            restore_cut_short,
            restore_not_text,
            restore_not_backup,
            restore_newer,
            restore_invalid,
            restore_read_failed,
            restoring,
            restore_too_big,
            restore_not_saved,
            restore_deleted_here,
            restore_deleted_here_one,
            restore_dated_ahead,
            restore_dated_ahead_one,
            bring_back,
            brought_back,
            brought_back_one,
            restore_replaced_here,
            restore_replaced_here_one,
            put_back,
            put_back_done,
            put_back_done_one,
            put_back_none,
            name_not_kept,
            backup_date_not_kept,
            lesions_change_note,
            lesion_change,
            healed_mark,
            lesions_others,
            lesion_other_last,
            lesion_other_none,
            csv,
            fhir,
            download_failed,
            download_sandboxed,
            print_sandboxed,
            reminders_heading,
            reminders_intro,
            freq_legend,
            daily,
            weekly,
            weekday_label,
            reminder_time_label,
            add_reminder,
            reminder_bad_time,
            reminder_summary,
            reminder_description,
            delete_heading,
            delete_intro,
            delete_button,
            delete_confirm,
            delete_yes,
            delete_no,
            delete_done,
            backup_reminder,
            backup_reminder_clearing,
            backup_now,
        }
        pub size_short: [String; 4],
        pub weekdays: [String; 7],
    }
}

string_table! {
    /// UI strings of the patient's list of medicines (`content/<lang>/medicines.json`).
    mod medicines_texts;
    pub struct MedicinesUi {
        texts {
            heading,
            intro,
            empty,
            add_heading,
            edit_heading,
            name_label,
            how_label,
            how_hint,
            counter,
            add,
            save,
            cancel,
            edit,
            remove,
            confirm_remove,
            confirm_yes,
            confirm_no,
            removed,
            undo,
            remove_changed,
            undo_back_already,
            change_waiting,
            added,
            already_listed,
            saved,
            changed_elsewhere,
            removed_elsewhere,
            removed_while_typing,
            name_empty,
            name_too_long,
            how_too_long,
            fix_first,
            csv,
            print_changed,
        }
    }
}

/// What the guide shows, and the widget's frame around every part (header, tabs, the numbers
/// to call): all the guide alone fetches (`content/<lang>.guide.json`).
#[derive(Clone, Debug, PartialEq)]
pub struct Guide {
    pub lang: Lang,
    pub ui: Box<Ui>,
    pub sections: Vec<Section>,
    /// Words a patient may not know, explained where they first appear in a step.
    pub glossary: Glossary,
    /// The sources content may cite.
    pub sources: Vec<Source>,
}

/// The whole widget's text (`content/<lang>.json`): the guide's, and the diary's, summary's and
/// medicines' strings, the body-site labels and the triage text.
#[derive(Clone, Debug, PartialEq)]
pub struct Content {
    pub guide: Guide,
    pub diary: Box<DiaryUi>,
    pub summary: Box<SummaryUi>,
    pub medicines: Box<MedicinesUi>,
    /// Body-site labels by site id (`right-index-finger` -> "Right index finger").
    pub sites: HashMap<String, String>,
    /// The triage levels' titles and advice, and each reason's words.
    pub triage: TriageText,
}

/// The whole widget's text includes the guide's: `content.ui`, `content.sections`.
impl std::ops::Deref for Content {
    type Target = Guide;
    fn deref(&self) -> &Guide {
        &self.guide
    }
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

/// The parts of a bundle that make the guide, in the order `Guide::read` takes them.
const GUIDE_PARTS: [&str; 4] = ["ui", "glossary", "sections", "sources"];
/// The whole bundle's other parts, in the order `Content::load` takes them.
const REST_PARTS: [&str; 5] = ["diary", "summary", "medicines", "sites", "triage"];

/// A bundle's top-level parts, read once; a problem with the whole file is named as that file.
fn bundle_parts(
    lang: Lang,
    bundle: &str,
    suffix: &str,
    keys: &[&str],
) -> Result<Vec<Value>, ContentError> {
    let whole = |problem| ContentError {
        file: format!("content/{}{suffix}.json", lang.tag()),
        problem,
    };
    let mut b = json::parse(bundle).and_then(Fields::of).map_err(whole)?;
    let parts = keys
        .iter()
        .map(|key| b.need(key, Ok))
        .collect::<Result<Vec<_>, _>>()
        .map_err(whole)?;
    b.done().map_err(whole)?;
    Ok(parts)
}

/// Names a problem as the source file a part of the bundle comes from.
fn in_file(lang: Lang, part: &str) -> impl FnOnce(String) -> ContentError {
    let file = file_name(lang, part);
    move |problem| ContentError { file, problem }
}

impl Guide {
    /// Parses and validates the guide alone's bundle: exactly the guide's parts.
    pub fn load(lang: Lang, bundle: &str) -> Result<Guide, ContentError> {
        let parts = bundle_parts(lang, bundle, ".guide", &GUIDE_PARTS)?;
        Guide::read(lang, parts)
    }

    /// Reads the guide's parts (`GUIDE_PARTS`, in that order).
    fn read(lang: Lang, parts: Vec<Value>) -> Result<Guide, ContentError> {
        let [ui, glossary, sections, sources]: [Value; 4] = parts
            .try_into()
            .map_err(|_| in_file(lang, "ui")("parts missing".into()))?;
        let ui = Ui::from_value(ui).map_err(in_file(lang, "ui"))?;
        let sources = json::list(sources, Source::read).map_err(|problem| ContentError {
            file: "sources.json".into(),
            problem,
        })?;
        let known: Vec<String> = sources.iter().map(|s| s.key.clone()).collect();
        let sections = match sections {
            Value::Array(items) => items,
            other => {
                return Err(in_file(lang, "sections")(format!(
                    "expected a list, found {}",
                    other.kind()
                )))
            }
        };
        if sections.len() != SECTION_KEYS.len() {
            return Err(in_file(lang, "sections")(format!(
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
        let glossary = Glossary::read(glossary).map_err(in_file(lang, "glossary"))?;
        glossary
            .validate(&known)
            .map_err(in_file(lang, "glossary"))?;
        Ok(Guide {
            lang,
            ui,
            sections: read_sections,
            glossary,
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

impl Content {
    /// Parses and validates one language's whole bundle (see `content_bundle!` for its shape).
    /// The text is parsed once; each part is then read, and any problem named, as the file it
    /// came from.
    pub fn load(lang: Lang, bundle: &str) -> Result<Content, ContentError> {
        let keys: Vec<&str> = GUIDE_PARTS.iter().chain(&REST_PARTS).copied().collect();
        let mut parts = bundle_parts(lang, bundle, "", &keys)?;
        let rest = parts.split_off(GUIDE_PARTS.len());
        let guide = Guide::read(lang, parts)?;
        let [diary, summary, medicines, sites, triage]: [Value; 5] = rest
            .try_into()
            .map_err(|_| in_file(lang, "diary")("parts missing".into()))?;
        let diary = DiaryUi::from_value(diary).map_err(in_file(lang, "diary"))?;
        validate_diary_ui(&diary).map_err(in_file(lang, "diary"))?;
        let summary = SummaryUi::from_value(summary).map_err(in_file(lang, "summary"))?;
        let medicines = MedicinesUi::from_value(medicines).map_err(in_file(lang, "medicines"))?;
        let triage = TriageText::from_value(triage).map_err(in_file(lang, "triage"))?;
        let sites = text_map(sites).map_err(in_file(lang, "sites"))?;
        if let Some(missing) = Site::all()
            .into_iter()
            .find(|s| !sites.contains_key(&s.id()))
        {
            return Err(in_file(lang, "sites")(format!("no label for {missing}")));
        }
        Ok(Content {
            guide,
            diary,
            summary,
            medicines,
            sites,
            triage,
        })
    }
}

/// A text that counts: `one` for exactly one ("1 entry is back", "once"), else `many` with its
/// `{n}` filled in ("3 entries are back", "0 days"). Every text that puts a noun after `{n}`
/// has a `_one` twin (a content test checks it).
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        many.replace("{n}", &n.to_string())
    }
}

fn whole_cell(lang: Lang) -> &'static OnceLock<Content> {
    static EN: OnceLock<Content> = OnceLock::new();
    static PT_PT: OnceLock<Content> = OnceLock::new();
    match lang {
        Lang::En => &EN,
        Lang::PtPt => &PT_PT,
    }
}

fn guide_cell(lang: Lang) -> &'static OnceLock<Guide> {
    static EN: OnceLock<Guide> = OnceLock::new();
    static PT_PT: OnceLock<Guide> = OnceLock::new();
    match lang {
        Lang::En => &EN,
        Lang::PtPt => &PT_PT,
    }
}

/// Checks a fetched whole bundle and keeps it for the rest of the page's life. A language
/// already installed stays as it was (the same text, fetched twice).
pub fn install(lang: Lang, bundle: &str) -> Result<&'static Content, ContentError> {
    if let Some(c) = whole_cell(lang).get() {
        return Ok(c);
    }
    let loaded = Content::load(lang, bundle)?;
    Ok(whole_cell(lang).get_or_init(|| loaded))
}

/// The whole widget's content of a language, once its bundle is installed.
pub fn content(lang: Lang) -> Option<&'static Content> {
    whole_cell(lang).get()
}

/// Checks a fetched guide bundle and keeps it for the rest of the page's life.
pub fn install_guide(lang: Lang, bundle: &str) -> Result<&'static Guide, ContentError> {
    if let Some(g) = guide(lang) {
        return Ok(g);
    }
    let loaded = Guide::load(lang, bundle)?;
    Ok(guide_cell(lang).get_or_init(|| loaded))
}

/// The guide's content of a language: from its own bundle, or from the whole one.
pub fn guide(lang: Lang) -> Option<&'static Guide> {
    guide_cell(lang)
        .get()
        .or_else(|| content(lang).map(|c| &c.guide))
}

/// Which text a module fetches: the guide's alone, or the whole widget's. Plain functions, so the
/// guide alone links none of the code that reads the diary's text.
#[derive(Clone, Copy)]
pub struct Texts {
    /// The bundle's file for a language, relative to the widget's folder.
    pub path: fn(Lang) -> String,
    /// Checks a fetched bundle and keeps it for the page's life.
    pub install: fn(Lang, &str) -> Result<(), ContentError>,
    /// Whether a language's text is installed (the guide's text is then `guide(lang)`).
    pub installed: fn(Lang) -> bool,
}

impl PartialEq for Texts {
    /// Fixed for the life of a mount.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Texts {
    /// The guide alone's: `content/<lang>.guide.json`.
    pub const GUIDE: Texts = Texts {
        path: |lang| format!("content/{}.guide.json", lang.tag()),
        install: |lang, bundle| install_guide(lang, bundle).map(|_| ()),
        installed: |lang| guide(lang).is_some(),
    };
    /// The whole widget's: `content/<lang>.json`.
    pub const WHOLE: Texts = Texts {
        path: |lang| format!("content/{}.json", lang.tag()),
        install: |lang, bundle| install(lang, bundle).map(|_| ()),
        installed: |lang| content(lang).is_some(),
    };
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
/// month's name, `{y}` year, always four digits: a year typed short shows as "0025", not as a "25"
/// read as 2025 (found by an audit in WebKit: "That is 15 March 25").
fn fill_date(pattern: &str, date: Date, month: &str) -> String {
    pattern
        .replace("{dd}", &format!("{:02}", date.day))
        .replace("{d}", &date.day.to_string())
        .replace("{mm}", &format!("{:02}", date.month))
        .replace("{month}", month)
        .replace("{y}", &format!("{:04}", date.year))
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
            SizeChoice::NotSure => self.size_not_sure(),
            SizeChoice::RiceGrain => self.size_rice(),
            SizeChoice::Pea => self.size_pea(),
            SizeChoice::Grape => self.size_grape(),
            SizeChoice::Walnut => self.size_walnut(),
            SizeChoice::Measured => self.size_mm(),
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

    /// Why something could not be stored, in the patient's words; for full storage, with what to
    /// do next.
    pub fn store_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::QuotaExceeded => format!("{} {}", self.reason_quota(), self.quota_next()),
            StoreError::Blocked => self.reason_blocked().clone(),
            StoreError::NewerVersion => self.reason_newer().clone(),
            StoreError::Gone => self.reason_gone().clone(),
            StoreError::Other(detail) => self.reason_other().replace("{detail}", detail),
        }
    }

    /// Why the patient's settings were not saved; a newer version's settings are named as such
    /// (the diary's own text speaks of the diary).
    pub fn prefs_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::NewerVersion => self.reason_newer_settings().clone(),
            other => self.store_error(other),
        }
    }

    /// Why the date of a backup just made was not kept: as `prefs_error`, but for full storage
    /// without the advice to make a backup, which the patient has just done.
    pub fn backup_date_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::QuotaExceeded => self.reason_quota().clone(),
            other => self.prefs_error(other),
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
        fill_date(self.short_date_pattern(), date, month)
    }
}

impl Content {
    /// How many check-ins are dated ahead (`one` or `many`, see `counted`), with where the
    /// patient corrects their dates: the diary tab, the history's heading, its Edit button.
    pub fn dated_ahead(&self, n: usize, one: &str, many: &str) -> String {
        counted(n, one, many)
            .replace("{diary}", self.ui.tab_diary())
            .replace("{history}", self.diary.history_heading())
            .replace("{edit}", self.diary.edit())
    }

    /// The label of a body site in this language.
    pub fn site_label(&self, site: Site) -> &str {
        self.sites
            .get(&site.id())
            .map(String::as_str)
            .unwrap_or("?")
    }
}

fn validate_section(section: &Section, expected_key: &str, known: &[String]) -> Result<(), String> {
    let blank = |s: &str| s.trim().is_empty();
    if section.key != expected_key {
        return Err(format!(
            "key is \"{}\", expected \"{}\"",
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
        return Err(format!("unknown source key \"{unknown}\""));
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
            return Err(format!("block {i} flags an unknown reason \"{k}\""));
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
