//! Printing the summary. The host page's own content must not print: the loader marks the host
//! element and a small host stylesheet hides everything else while printing.

/// Opens the browser's print dialog for the summary.
pub fn print_summary() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let root = window.document().and_then(|d| d.document_element());
    if let Some(r) = &root {
        if let Err(e) = r.class_list().add_1("cg-printing") {
            web_sys::console::warn_1(&e);
        }
    }
    if let Err(e) = window.print() {
        web_sys::console::warn_1(&e);
    }
    // print() blocks until the dialog closes in every current browser.
    if let Some(r) = &root {
        if let Err(e) = r.class_list().remove_1("cg-printing") {
            web_sys::console::warn_1(&e);
        }
    }
}
