//! Mounting: the loader (`calcinosis-guide.js`) defines the `<calcinosis-guide>` element, gives it
//! a shadow root and calls `mount_widget` with the host element, a div inside that root and the
//! widget's folder (where `content/<lang>.json` is fetched from).

use std::rc::Rc;

use crate::components::app::{App, AppProps};
use crate::core::config::Settings;
use crate::core::store::StoreHandle;
use crate::platform::local_store::LocalStore;

/// Renders the widget into `root`, with settings read from `host`'s attributes. Bad attributes
/// become console warnings and safe defaults; this never fails.
pub fn mount_widget(host: &web_sys::Element, root: web_sys::Element, content_base: String) {
    let page_lang: Vec<String> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
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
        content_base: content_base.into(),
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}
