//! The views, one per file. They show what the core decides and hold no logic of their own.
//! A view that keeps no state of its own (no hook but the content or the diary) is a plain
//! function returning `Html`, not a component: every component brings the download its own copy
//! of yew's mount, update and view code (about 400 bytes brotli each, measured).

pub mod app;
pub mod body_map;
pub mod call_numbers;
pub mod char_count;
pub mod check_group;
pub mod check_in_form;
pub mod conflict_panel;
pub mod diary_provider;
pub mod diary_view;
pub mod disclaimer;
pub mod disclosure;
pub mod export_panel;
pub mod focus;
pub mod glossary_note;
pub mod guide_alone;
pub mod history;
pub mod history_entry;
pub mod i18n;
pub mod kept_notice;
pub mod lasting;
pub mod lesion_chart;
pub mod lesion_editor;
pub mod lesion_item;
pub mod lesion_list;
pub mod lesion_trend_view;
pub mod medicine_form;
pub mod my_medicines;
pub mod pain_chart;
pub mod pain_scale;
pub mod questions;
pub mod quick_check_in;
pub mod section_view;
pub mod step_list;
pub mod storage_notice;
pub mod summary_view;
pub mod trend_chart;
pub mod triage_result;
pub mod walkthrough;
