//! Saving a file to the patient's device: a Blob and a temporary link (gloo-file's `ObjectUrl`,
//! revoked by a gloo-timers `Timeout`). Nothing leaves the device.

use wasm_bindgen::JsCast;

/// Offers `text` as a download called `filename`. Returns a message if the browser refused.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    download_parts(filename, mime, &js_sys::Array::of1(&text.into()))
}

/// Offers a file made of `parts` (strings, joined in order). A large export is handed over a
/// piece at a time, so the whole text never sits in the widget's memory at once.
pub fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options).map_err(fail)?;
    // Revoked when dropped: kept alive long enough for the download to start (revoking at once
    // can cancel it in some browsers).
    let url = gloo_file::ObjectUrl::from(blob);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    gloo_timers::callback::Timeout::new(5_000, move || drop(url)).forget();
    Ok(())
}
