//! Finds the host elements on the page and mounts one widget into each.

use std::rc::Rc;

use wasm_bindgen::JsCast;

use crate::components::app::{App, AppProps, StoreHandle};
use crate::core::config::Settings;
use crate::platform::local_store::LocalStore;

/// The tag clinics paste into their pages.
pub const HOST_TAG: &str = "calcinosis-guide";

/// Mounts the widget into every `<calcinosis-guide>` element; does nothing on a page without one.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(hosts) = document.query_selector_all(HOST_TAG) else {
        return;
    };
    for i in 0..hosts.length() {
        if let Some(host) = hosts
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            mount(host, &document);
        }
    }
}

fn mount(host: web_sys::Element, document: &web_sys::Document) {
    let page_lang: Vec<String> = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .into_iter()
        .chain(web_sys::window().and_then(|w| w.navigator().language()))
        .collect();
    let (settings, warnings) =
        Settings::from_attributes(|name| host.get_attribute(name), &page_lang);
    for w in warnings {
        web_sys::console::warn_1(&format!("calcinosis-guide: {w}").into());
    }
    let props = AppProps {
        settings,
        store: StoreHandle(Rc::new(LocalStore::open())),
    };
    yew::Renderer::<App>::with_root_and_props(host, props).render();
}
