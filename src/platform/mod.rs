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

/// Whether this browser deletes a site's stored data after 7 days of use without a visit to it:
/// Apple's WebKit does (its tracking prevention), in Safari and in every browser on an iPhone or
/// iPad, all of which say "Apple" as their vendor. Not a site opened from the iPhone's or iPad's
/// Home Screen (`navigator.standalone`), which WebKit exempts.
pub fn clears_unvisited_sites() -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    let said = |name: &str| js_sys::Reflect::get(&navigator, &name.into()).ok();
    said("vendor")
        .and_then(|v| v.as_string())
        .is_some_and(|v| v.starts_with("Apple"))
        && said("standalone").and_then(|v| v.as_bool()) != Some(true)
}
