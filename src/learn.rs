//! The guide alone: the small first download for a patient who keeps nothing on this device yet
//! (see `components::guide_alone`). The loader calls `mount_widget`; when the patient chooses the
//! diary or the summary, the widget calls `open_whole` and the loader puts the whole widget
//! (`src/main.rs`) in its place.

/// Mounts the guide alone. `early_text` is the text the loader fetched from `early_url` (none if
/// that fetch failed). `open_whole(part, lang)` returns a promise that settles once the whole widget
/// is on screen, or rejects if it could not load. `fetch_text(url)` is the loader's fetch of a
/// text, which fails a download that stalls.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_widget(
    host: web_sys::Element,
    root: web_sys::Element,
    content_base: String,
    early_url: Option<String>,
    early_text: Option<String>,
    open_whole: js_sys::Function,
    fetch_text: Option<js_sys::Function>,
) {
    use calcinosis_guide::components::app::Body;
    use calcinosis_guide::components::guide_alone::body;
    use calcinosis_guide::platform::mount;
    let m = mount::Mount {
        texts: calcinosis_guide::core::content::Texts::GUIDE,
        body: Body(body),
        open_whole: Some(mount::OpenWhole(open_whole)),
        early: early_url.zip(early_text),
        part: None,
        lang: None,
        fetch_text,
    };
    mount::mount_widget(&host, root, content_base, m);
}

/// Takes down the widget this module mounted into `root` (the loader calls it when the page
/// removes the element, or when the whole widget takes over from the guide alone). Returns
/// whether there was one.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn unmount_widget(root: web_sys::Element) -> bool {
    calcinosis_guide::platform::mount::unmount_widget(&root)
}

fn main() {}
