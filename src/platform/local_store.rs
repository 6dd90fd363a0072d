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
}

/// localStorage, or nothing when the browser blocks it (then every call reports `Blocked`).
pub struct LocalStore {
    storage: Option<web_sys::Storage>,
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
        LocalStore { storage }
    }

    pub fn is_blocked(&self) -> bool {
        self.storage.is_none()
    }

    fn storage(&self) -> Result<&web_sys::Storage, StoreError> {
        self.storage.as_ref().ok_or(StoreError::Blocked)
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
        self.storage()?.set_item(key, value).map_err(to_error)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage()?.remove_item(key).map_err(to_error)
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
        s.set_item_value(to, &value).map_err(to_error)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = self.storage()?;
        let n = s.length().map_err(to_error)?;
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}
