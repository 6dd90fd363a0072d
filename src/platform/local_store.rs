//! `Store` over the browser's localStorage.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::store::{Mark, Store, StoreError};

#[wasm_bindgen]
extern "C" {
    /// The same `Storage` object, with its values as JavaScript strings rather than copies in
    /// Rust.
    type RawStorage;

    /// `getItem`: the string itself, or null.
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_value(this: &RawStorage, key: &str) -> Result<JsValue, JsValue>;

    /// `setItem` with a string already made.
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_value(this: &RawStorage, key: &str, value: &JsValue) -> Result<(), JsValue>;

    /// A `StorageEvent` made here, to tell the page of this store's own write.
    #[wasm_bindgen(js_name = StorageEvent)]
    type PageStorageEvent;

    /// `new StorageEvent(type, init)`, with the init's values as JavaScript strings already made.
    #[wasm_bindgen(catch, constructor, js_class = "StorageEvent")]
    fn new(kind: &str, init: &js_sys::Object) -> Result<PageStorageEvent, JsValue>;
}

/// A `storage` event for `key` that held `old` and holds `new` (`None`: nothing; no key: the
/// whole storage cleared), sent nowhere: for a page that missed the events sent while it was
/// away, to hear what storage holds now as it hears another tab's write.
pub fn storage_event(
    key: Option<&str>,
    old: Option<&str>,
    new: Option<&str>,
) -> Option<web_sys::StorageEvent> {
    let text = |s: Option<&str>| s.map_or(JsValue::NULL, JsValue::from_str);
    let init = event_init(&[
        ("key", &text(key)),
        ("oldValue", &text(old)),
        ("newValue", &text(new)),
    ]);
    let event = PageStorageEvent::new("storage", &init).ok()?;
    Some(event.unchecked_into())
}

/// A `StorageEvent`'s init: a plain object with these fields.
fn event_init(fields: &[(&str, &JsValue)]) -> js_sys::Object {
    let init = js_sys::Object::new();
    for (name, value) in fields {
        // Setting a field of a new plain object cannot fail.
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str(name), value);
    }
    init
}

/// The type of the event a store sends the page of its own writes (`LocalStore`): a
/// `StorageEvent`, under a name of the widget's own, so that the clinic page's code that listens
/// for `storage` (another tab's write: log out, reload) is not run by the widget's writes, nor
/// handed the patient's text as it is typed.
pub const PAGE_WRITE: &str = "calcinosis-guide-storage";

/// localStorage, or nothing when the browser blocks it (then every call reports `Blocked`).
///
/// The browser tells other tabs of a write (the `storage` event), never the page that wrote. So
/// that another widget on the same page hears it too, each write is told to the page as a
/// `PAGE_WRITE` event of its own, a moment later (as the browser's own event comes), whose `url`
/// is this store's `writer` name: the widget that wrote skips it.
pub struct LocalStore {
    storage: Option<web_sys::Storage>,
    writer: String,
}

impl LocalStore {
    pub fn open() -> LocalStore {
        // Some browsers throw on access, others hand out a storage that throws on first write. A
        // storage that is merely full is not blocked: what it holds must still be read.
        let storage = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .filter(|s| {
                let probe = "calcinosis-guide.probe";
                match s.set_item(probe, "1") {
                    Ok(()) => s.remove_item(probe).is_ok(),
                    Err(e) => to_error(e) == StoreError::QuotaExceeded,
                }
            });
        let writer = format!(
            "calcinosis-guide-writer:{:08x}{:08x}",
            crate::platform::clock::random_u32(),
            crate::platform::clock::random_u32()
        );
        LocalStore { storage, writer }
    }

    /// Tells the page that `key` now holds `new` (`None`: removed; `old`, what it held then).
    fn tell_page(&self, key: &str, old: Option<JsValue>, new: Option<JsValue>) {
        let Some(storage) = self.storage.clone() else {
            return;
        };
        let init = event_init(&[
            ("key", &JsValue::from_str(key)),
            ("oldValue", &old.unwrap_or(JsValue::NULL)),
            ("newValue", &new.unwrap_or(JsValue::NULL)),
            ("url", &JsValue::from_str(&self.writer)),
            ("storageArea", &storage),
        ]);
        gloo_timers::callback::Timeout::new(0, move || {
            let sent = PageStorageEvent::new(PAGE_WRITE, &init).and_then(|e| {
                let window = web_sys::window().ok_or(JsValue::NULL)?;
                window.dispatch_event(e.unchecked_ref::<web_sys::Event>())
            });
            if let Err(e) = sent {
                web_sys::console::warn_1(&e);
            }
        })
        .forget();
    }

    pub fn is_blocked(&self) -> bool {
        self.storage.is_none()
    }

    fn storage(&self) -> Result<&web_sys::Storage, StoreError> {
        self.storage.as_ref().ok_or(StoreError::Blocked)
    }

    /// Whether `key` now holds `value`, as just written: a page's consent script may let a write
    /// pass without keeping it, until the visitor accepts (found by an audit: "Check-in saved."
    /// and an empty diary after a reload). Not kept is a write refused, said as storage blocked.
    fn kept(&self, key: &str, value: &JsValue) -> Result<(), StoreError> {
        let now = self.raw()?.get_item_value(key).map_err(to_error)?;
        if js_sys::Object::is(value, &now) {
            Ok(())
        } else {
            Err(StoreError::Blocked)
        }
    }

    fn raw(&self) -> Result<&RawStorage, StoreError> {
        Ok(self.storage()?.unchecked_ref::<RawStorage>())
    }
}

fn to_error(e: JsValue) -> StoreError {
    match e.dyn_ref::<web_sys::DomException>() {
        // Browsers name the quota error differently; code 22 and 1014 (old Firefox) are the same.
        Some(d) if d.name() == "QuotaExceededError" || d.code() == 22 || d.code() == 1014 => {
            StoreError::QuotaExceeded
        }
        Some(d) if d.name() == "SecurityError" => StoreError::Blocked,
        Some(d) => StoreError::Other(d.message()),
        None => StoreError::Other(format!("{e:?}")),
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage()?.get_item(key).map_err(to_error)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.set_marked(key, value).map(drop)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        // What it held goes with the event: a removed diary that could not be read was set
        // aside, not deleted, and the other widget tells the two apart by it.
        let old = self.raw()?.get_item_value(key).map_err(to_error)?;
        self.storage()?.remove_item(key).map_err(to_error)?;
        if !old.is_null() {
            self.tell_page(key, Some(old), None);
        }
        Ok(())
    }

    fn writer(&self) -> Option<&str> {
        Some(&self.writer)
    }

    // Marks are the JavaScript strings themselves: whether a key still holds a text is one
    // string comparison in JavaScript (exact, no hash), and no megabyte of text crosses into
    // Rust when nothing changed.

    fn get_marked(&self, key: &str) -> Result<Option<(String, Mark)>, StoreError> {
        let value = self.raw()?.get_item_value(key).map_err(to_error)?;
        if value.is_null() {
            return Ok(None);
        }
        let text = value
            .as_string()
            .ok_or_else(|| StoreError::Other(format!("{key} is not text")))?;
        Ok(Some((text, Mark::new(value))))
    }

    fn set_marked(&self, key: &str, value: &str) -> Result<Mark, StoreError> {
        let value = JsValue::from_str(value);
        self.raw()?.set_item_value(key, &value).map_err(to_error)?;
        self.kept(key, &value)?;
        self.tell_page(key, None, Some(value.clone()));
        Ok(Mark::new(value))
    }

    fn holds(&self, key: &str, mark: &Mark) -> Result<bool, StoreError> {
        let now = self.raw()?.get_item_value(key).map_err(to_error)?;
        // Object.is on two strings compares their text; a null (nothing stored) matches none.
        Ok(mark
            .get::<JsValue>()
            .is_some_and(|m| !now.is_null() && js_sys::Object::is(m, &now)))
    }

    fn copy(&self, from: &str, to: &str) -> Result<(), StoreError> {
        // As JavaScript strings, so text that is not valid Unicode is copied unchanged.
        let s = self.raw()?;
        let value = s.get_item_value(from).map_err(to_error)?;
        if value.is_null() {
            return Ok(());
        }
        s.set_item_value(to, &value).map_err(to_error)?;
        // A copy set aside that was not kept must not let the original be written over.
        self.kept(to, &value)?;
        self.tell_page(to, None, Some(value));
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = self.storage()?;
        let n = s.length().map_err(to_error)?;
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}
