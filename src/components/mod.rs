//! Yew components, one per file. They show what the core decides and hold no logic of their own.

pub mod app;
pub mod disclaimer;
pub mod section_view;
pub mod step_list;
pub mod walkthrough;
