//! Time and randomness from the browser, handed to the core as plain values.

use crate::core::time::Instant;

pub fn now() -> Instant {
    Instant(js_sys::Date::now() as i64)
}

/// Minutes east of UTC at `at` (JavaScript's offset has the other sign).
pub fn offset_min(at: Instant) -> i32 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.0 as f64));
    -(date.get_timezone_offset() as i32)
}

pub fn random_u32() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// The browser's time zone, daylight saving included.
pub struct BrowserZone;

impl crate::core::time::Zone for BrowserZone {
    fn offset_min(&self, at: Instant) -> i32 {
        offset_min(at)
    }
}
