//! Helpers shared by the browser tests.
#![allow(dead_code)]

use wasm_bindgen::JsCast;

use calcinosis_guide::core::content;
use calcinosis_guide::core::lang::Lang;

/// Installs both languages' text, as the widget does once it has fetched them.
pub fn install_content() {
    content::install(Lang::En, calcinosis_guide::content_bundle!("en")).unwrap();
    content::install(Lang::PtPt, calcinosis_guide::content_bundle!("pt-PT")).unwrap();
}

/// Lets Yew render before the test looks: waits until the scheduler has no work left (a fixed
/// sleep alone was too short on a loaded machine in Firefox, where the timer fired before a
/// render the scheduler had put off), then gives other tasks (futures, timers) a moment and
/// waits for whatever they scheduled.
pub async fn settle() {
    yew::scheduler::flush().await;
    yew::platform::time::sleep(std::time::Duration::from_millis(40)).await;
    yew::scheduler::flush().await;
}

/// A fresh element in the test page to mount a component into.
pub fn host() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// Clicks the first button whose text contains `label`; fails the test if there is none.
pub fn click_button(root: &web_sys::Element, label: &str) {
    let buttons = root.query_selector_all("button").unwrap();
    for i in 0..buttons.length() {
        let b: web_sys::HtmlElement = buttons.item(i).unwrap().dyn_into().unwrap();
        if b.text_content().unwrap_or_default().contains(label) {
            b.click();
            return;
        }
    }
    panic!("no button labelled {label}");
}
