//! The WebAssembly entry points. Nothing mounts by itself: the loader script calls
//! `mount_widget` for each `<calcinosis-guide>` element when it comes into view.

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_widget(host: web_sys::Element, root: web_sys::Element) {
    calcinosis_guide::platform::mount::mount_widget(&host, root);
}

fn main() {}
