//! Yew components, one per file. They show what the core decides and hold no logic of their own.

pub mod app;
pub mod body_map;
pub mod call_numbers;
pub mod char_count;
pub mod check_group;
pub mod check_in_form;
pub mod diary_provider;
pub mod diary_view;
pub mod disclaimer;
pub mod export_panel;
pub mod focus;
pub mod history;
pub mod i18n;
pub mod kept_notice;
pub mod lesion_editor;
pub mod pain_chart;
pub mod pain_scale;
pub mod questions;
pub mod section_view;
pub mod step_list;
pub mod storage_notice;
pub mod summary_view;
pub mod trend_chart;
pub mod triage_result;
pub mod walkthrough;
