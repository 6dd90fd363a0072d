//! The pure core: everything the widget decides, with no browser imports, so that all of it is
//! tested natively with `cargo test`.

pub mod config;
pub mod content;
pub mod date;
pub mod diary;
pub mod diary_store;
pub mod differ;
pub mod draft;
pub mod drafts;
pub mod export;
pub mod flags;
pub mod glossary;
pub mod history;
pub mod ids;
pub mod json;
pub mod kept;
pub mod lang;
pub mod lesion_trend;
pub mod letters;
pub mod limits;
pub mod mentions;
pub mod order;
pub mod prefs;
pub mod schema;
pub mod sites;
pub mod store;
#[cfg(test)]
mod stored;
pub mod summary;
#[cfg(test)]
pub mod test_support;
pub mod time;
pub mod trend;
pub mod triage;
pub mod walkthrough;
