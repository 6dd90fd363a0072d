//! Calcinosis Guide: a patient-education and symptom-diary widget.
//!
//! `core` decides everything and is tested natively; `platform` and `components` are the thin
//! browser edges, compiled only for WebAssembly.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod platform;
