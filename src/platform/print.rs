//! Printing the summary. Only the summary prints: inside the widget the print stylesheet hides
//! the rest, and on the host page the loader's host stylesheet hides everything but the widget
//! that asked to print (marked for the moment of printing).

/// Opens the browser's print dialog for the summary shown in `from` (any element in the widget).
pub fn print_summary(from: Option<web_sys::Element>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let warn = |e: wasm_bindgen::JsValue| web_sys::console::warn_1(&e);
    let host = from.and_then(|el| {
        use wasm_bindgen::JsCast;
        el.get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
            .map(|r| r.host())
    });
    let root = window.document().and_then(|d| d.document_element());
    if let Some(r) = &root {
        r.class_list().add_1("cg-printing").unwrap_or_else(warn);
    }
    if let Some(h) = &host {
        h.set_attribute("data-cg-printing", "").unwrap_or_else(warn);
    }
    // print() returns when the dialog closes in every current browser.
    window.print().unwrap_or_else(warn);
    if let Some(h) = &host {
        h.remove_attribute("data-cg-printing").unwrap_or_else(warn);
    }
    if let Some(r) = &root {
        r.class_list().remove_1("cg-printing").unwrap_or_else(warn);
    }
}
