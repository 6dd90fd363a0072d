//! Mounting: the loader (`calcinosis-guide.js`) defines the `<calcinosis-guide>` element, gives it
//! a shadow root and calls `mount_widget` with the host element, a div inside that root and the
//! widget's folder (where the text is fetched from). It loads one of two modules: the guide alone
//! (`calcinosis-guide-learn`, the small first download, with the guide's text alone,
//! `content/<lang>.guide.json`) or the whole widget (`calcinosis-guide-app`, `content/<lang>.json`),
//! and swaps the first for the second when the patient needs it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::components::app::{App, AppProps, Body};
use crate::core::config::{Part, Settings};
use crate::core::content::Texts;
use crate::core::lang::Lang;
use crate::core::store::StoreHandle;
use crate::platform::fetch::{fetch_through, offer_early};
use crate::platform::local_store::LocalStore;

/// The loader's way to open the whole widget in place of the guide alone: a function taking the
/// part and the language tag and returning a promise that settles once the whole widget is on
/// screen (or rejects if it could not load).
#[derive(Clone)]
pub struct OpenWhole(pub js_sys::Function);

impl PartialEq for OpenWhole {
    /// One per mount; never replaced.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl OpenWhole {
    pub async fn open(&self, part: Part, lang: Lang) -> Result<(), JsValue> {
        let settled = self
            .0
            .call2(&JsValue::NULL, &part.id().into(), &lang.tag().into())?;
        JsFuture::from(js_sys::Promise::resolve(&settled))
            .await
            .map(|_| ())
    }
}

thread_local! {
    /// The widgets this module has mounted, by the element they render into, so that the loader
    /// can take one down when a page takes its `<calcinosis-guide>` away.
    static MOUNTED: RefCell<Vec<(web_sys::Element, yew::AppHandle<App>)>> = const { RefCell::new(Vec::new()) };
    /// Each `<calcinosis-guide>` element's store, the same for every mount of that element: what
    /// a widget held that storage could not keep is found again by it (see the diary provider's
    /// `Held`), and never by another widget on the page.
    static STORES: RefCell<Vec<(web_sys::Element, StoreHandle)>> = const { RefCell::new(Vec::new()) };
}

/// The store of the element `host`: opened at its first mount, the same at the next.
fn store_of(host: &web_sys::Element) -> StoreHandle {
    STORES.with(|s| {
        let mut s = s.borrow_mut();
        if let Some((_, store)) = s.iter().find(|(h, _)| h == host) {
            return store.clone();
        }
        let store = StoreHandle(Rc::new(LocalStore::open()));
        s.push((host.clone(), store.clone()));
        store
    })
}

/// The element `host` left the page for good (the loader calls this when it takes the widget
/// down because the element was taken away, not moved or mounted again with a new attribute):
/// the offers its widget said would last until the page is left go with it.
pub fn element_gone(host: &web_sys::Element) {
    let store = STORES.with(|s| {
        s.borrow()
            .iter()
            .find(|(h, _)| h == host)
            .map(|(_, store)| store.clone())
    });
    if let Some(store) = store {
        crate::components::diary_provider::let_go_of_offers(&store);
    }
}

/// Takes down the widget mounted into `root`: its components go, and with them every listener
/// they hold (other tabs' changes, "Leave site?" for unsaved work). What the patient typed is
/// already kept as a draft, and comes back when the widget is mounted again. Returns whether
/// there was a widget there.
pub fn unmount_widget(root: &web_sys::Element) -> bool {
    // Out of the list first: taking a widget down runs its components' clean-ups.
    let handle = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let i = m.iter().position(|(r, _)| r == root)?;
        Some(m.swap_remove(i).1)
    });
    handle.map(yew::AppHandle::destroy).is_some()
}

/// What a mount asks for besides the host's attributes.
pub struct Mount {
    pub body: Body,
    /// The text the body needs: the whole widget's, or the guide's alone.
    pub texts: Texts,
    pub open_whole: Option<OpenWhole>,
    /// The language's text the loader fetched, and its url (none if that fetch failed: the widget
    /// fetches it again and says so if it fails).
    pub early: Option<(String, String)>,
    /// The part to open at, when the guide alone hands over (else the `open` attribute's).
    pub part: Option<String>,
    /// The language chosen in the guide alone (else the `lang` attribute's).
    pub lang: Option<String>,
    /// The loader's fetch of a text by its url, watched for a stall (see `fetch`).
    pub fetch_text: Option<js_sys::Function>,
}

/// Renders the widget into `root`, with settings read from `host`'s attributes. Bad attributes
/// become console warnings and safe defaults; this never fails.
pub fn mount_widget(
    host: &web_sys::Element,
    root: web_sys::Element,
    content_base: String,
    m: Mount,
) {
    if let Some(f) = m.fetch_text {
        fetch_through(f);
    }
    let page: Option<String> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    let page_lang: Vec<String> = page
        .clone()
        .into_iter()
        .chain(web_sys::window().and_then(|w| w.navigator().language()))
        .collect();
    let (settings, warnings) =
        Settings::from_attributes(|name| host.get_attribute(name), &page_lang);
    let settings = settings.page_lang(page.as_deref());
    for w in warnings {
        web_sys::console::warn_1(&format!("calcinosis-guide: {w}").into());
    }
    let settings = settings.handed_over(m.part.as_deref(), m.lang.as_deref());
    if let Some((url, text)) = m.early {
        // The text of the language the widget opens in is read now: the first render shows the
        // widget itself, not a "loading" notice and then the widget a frame later. Any other
        // text, or text that cannot be read, goes the usual way (the widget reads it when it
        // asks for that url, and says so if it cannot).
        let own = url == format!("{content_base}{}", (m.texts.path)(settings.lang));
        if !(own && (m.texts.install)(settings.lang, &text).is_ok()) {
            offer_early(url, text);
        }
    }
    let props = AppProps {
        settings,
        store: store_of(host),
        content_base: content_base.into(),
        body: m.body,
        texts: m.texts,
        open_whole: m.open_whole,
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    MOUNTED.with(|m| m.borrow_mut().push((root, handle)));
}
