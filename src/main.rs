//! The whole widget's WebAssembly entry points. Nothing mounts by itself: the loader script calls
//! `mount_widget` for each `<calcinosis-guide>` element when it comes into view, or when the
//! guide alone (`src/learn.rs`) hands over to it.

/// Mounts the whole widget. `early_text` is the text the loader fetched from `early_url` (none if
/// that fetch failed). `part` and `lang` are set when it takes over from the guide alone: the part the
/// patient chose and the language on screen. `fetch_text(url)` is the loader's fetch of a text,
/// which fails a download that stalls.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
// The loader's call, argument by argument: an object would need its own decoding.
#[allow(clippy::too_many_arguments)]
pub fn mount_widget(
    host: web_sys::Element,
    root: web_sys::Element,
    content_base: String,
    early_url: Option<String>,
    early_text: Option<String>,
    part: Option<String>,
    lang: Option<String>,
    fetch_text: Option<js_sys::Function>,
) {
    use calcinosis_guide::components::app::{whole, Body};
    use calcinosis_guide::platform::mount;
    let m = mount::Mount {
        texts: calcinosis_guide::core::content::Texts::WHOLE,
        body: Body(whole),
        open_whole: None,
        early: early_url.zip(early_text),
        part,
        lang,
        fetch_text,
    };
    mount::mount_widget(&host, root, content_base, m);
}

/// The WebAssembly memory in bytes, for `make bench` (it reports memory after each step).
/// WebAssembly memory only grows, so this is the high-water mark so far.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// Takes down the widget this module mounted into `root` (the loader calls it when the page
/// removes the element, or when the whole widget takes over from the guide alone). Returns
/// whether there was one.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn unmount_widget(root: web_sys::Element) -> bool {
    calcinosis_guide::platform::mount::unmount_widget(&root)
}

/// The element left the page for good: the offers said to last until the page is left go.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn element_gone(host: web_sys::Element) {
    calcinosis_guide::platform::mount::element_gone(&host)
}

fn main() {}
