//! The browser edges: the only code that touches web APIs. No decisions live here.

pub mod local_store;
pub mod mount;
