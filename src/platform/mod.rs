//! The browser edges: the only code that touches web APIs. No decisions live here.

pub mod clock;
pub mod download;
pub mod fetch;
pub mod local_store;
pub mod mount;
pub mod print;

/// Whether this page is framed (same origin) in a sandbox without `allowed` ("allow-downloads",
/// "allow-modals"): the browser then drops that request without a word to the page. A frame of
/// another origin cannot be looked into: then it is tried.
pub fn sandboxed_without(allowed: &str) -> bool {
    let frame = web_sys::window().and_then(|w| w.frame_element().ok().flatten());
    frame
        .and_then(|f| f.get_attribute("sandbox"))
        .is_some_and(|tokens| !tokens.split_ascii_whitespace().any(|t| t == allowed))
}
