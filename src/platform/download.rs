//! Saving a file to the patient's device: a Blob and a temporary link (gloo-file's `ObjectUrl`,
//! revoked by a gloo-timers `Timeout`). Nothing leaves the device.

use wasm_bindgen::JsCast;

/// Why a file could not be offered.
#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    /// The page frames the guide in a sandbox without `allow-downloads`: the browser drops the
    /// download without a word to the page, so it is not offered (and not said to be saved).
    Sandboxed,
    /// The browser refused, in its words.
    Other(String),
}

/// Offers `text` as a download called `filename`. Says why if it cannot.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), Refused> {
    download_parts(filename, mime, &js_sys::Array::of1(&text.into()))
}

/// Offers a file made of `parts` (strings, joined in order). A large export is handed over a
/// piece at a time, so the whole text never sits in the widget's memory at once.
pub fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) -> Result<(), Refused> {
    if super::sandboxed_without("allow-downloads") {
        return Err(Refused::Sandboxed);
    }
    let fail = |e: wasm_bindgen::JsValue| Refused::Other(format!("{e:?}"));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options).map_err(fail)?;
    // Revoked when dropped: kept alive long enough for the download to start (revoking at once
    // can cancel it in some browsers).
    let url = gloo_file::ObjectUrl::from(blob);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(Refused::Other("no document".into()))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| Refused::Other("not an anchor".into()))?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    gloo_timers::callback::Timeout::new(5_000, move || drop(url)).forget();
    Ok(())
}
