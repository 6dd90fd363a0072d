//! The browser edges: the only code that touches web APIs. No decisions live here.

pub mod clock;
pub mod download;
pub mod fetch;
pub mod local_store;
pub mod mount;
pub mod print;
