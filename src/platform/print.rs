//! Printing the summary. Only the summary prints: inside the widget the print stylesheet hides
//! the rest, and on the host page the loader's host stylesheet hides everything but the widget
//! that asked to print (marked for the moment of printing). The foot of every page (`foot`, a CSS
//! `content` value, see `core::summary::page_foot`) goes on the host page's root element for that
//! moment too: the host stylesheet's page margin box reads it from there.

/// The custom property the host stylesheet's `@page` foot reads.
const FOOT: &str = "--cg-summary-foot";

/// The mark on every other widget of the page while one prints (the placeholder stylesheet,
/// linked in each widget, hides a widget so marked on paper).
const NOT_PRINTING: &str = "data-cg-not-printing";

/// Opens the browser's print dialog for the summary shown in `from` (any element in the widget),
/// with `foot` at the foot of each page. `false` when the page frames the guide in a sandbox
/// without "allow-modals": the browser ignores `print()` without a word to the page, so it is
/// not tried, and the caller says so.
pub fn print_summary(from: Option<web_sys::Element>, foot: &str) -> bool {
    if super::sandboxed_without("allow-modals") {
        return false;
    }
    print_now(from, foot);
    true
}

fn print_now(from: Option<web_sys::Element>, foot: &str) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let warn = |e: wasm_bindgen::JsValue| web_sys::console::warn_1(&e);
    let host = from.and_then(|el| {
        el.get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
            .map(|r| r.host())
    });
    let root = window.document().and_then(|d| d.document_element());
    // Set through the CSS object model, which a strict Content-Security-Policy allows.
    let style = root
        .as_ref()
        .and_then(|r| r.dyn_ref::<web_sys::HtmlElement>())
        .map(web_sys::HtmlElement::style);
    if let Some(r) = &root {
        r.class_list().add_1("cg-printing").unwrap_or_else(warn);
    }
    if let Some(s) = &style {
        s.set_property(FOOT, foot).unwrap_or_else(warn);
    }
    if let Some(h) = &host {
        h.set_attribute("data-cg-printing", "").unwrap_or_else(warn);
    }
    // Every other widget on the page, which its own stylesheet then leaves off the paper: a
    // second clinic's widget, or a second diary, never prints with this summary.
    let others: Vec<web_sys::Element> = window
        .document()
        .and_then(|d| d.query_selector_all("calcinosis-guide").ok())
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
                .filter(|e| Some(e) != host.as_ref())
                .collect()
        })
        .unwrap_or_default();
    for o in &others {
        o.set_attribute(NOT_PRINTING, "").unwrap_or_else(warn);
    }
    // print() returns when the dialog closes in every current browser.
    window.print().unwrap_or_else(warn);
    for o in &others {
        o.remove_attribute(NOT_PRINTING).unwrap_or_else(warn);
    }
    if let Some(h) = &host {
        h.remove_attribute("data-cg-printing").unwrap_or_else(warn);
    }
    if let Some(s) = &style {
        s.remove_property(FOOT).map(drop).unwrap_or_else(warn);
    }
    if let Some(r) = &root {
        r.class_list().remove_1("cg-printing").unwrap_or_else(warn);
    }
}
