//! The WebAssembly entry points. Nothing mounts by itself: the loader script calls
//! `mount_widget` for each `<calcinosis-guide>` element when it comes into view.

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_widget(
    host: web_sys::Element,
    root: web_sys::Element,
    content_base: String,
    early_url: Option<String>,
    early_text: Option<js_sys::Promise>,
) {
    if let (Some(url), Some(text)) = (early_url, early_text) {
        calcinosis_guide::platform::fetch::offer_early(url, text);
    }
    calcinosis_guide::platform::mount::mount_widget(&host, root, content_base);
}

/// The WebAssembly memory in bytes, for `make bench` (it reports memory after each step).
/// WebAssembly memory only grows, so this is the high-water mark so far.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

fn main() {}
