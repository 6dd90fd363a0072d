//! Fetching the text of a language (`content/<lang>.json`, or `content/<lang>.guide.json` for the
//! guide alone) from the widget's own folder. The loader may have started the first fetch
//! already, alongside the WebAssembly; that request is used rather than a second one.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// (url, promise of its text): one per language at most, so a list.
    static EARLY: RefCell<Vec<(String, js_sys::Promise)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps a fetch the loader started (a promise of the file's text) for `url`.
pub fn offer_early(url: String, text: js_sys::Promise) {
    EARLY.with(|e| {
        let mut early = e.borrow_mut();
        early.retain(|(u, _)| *u != url);
        early.push((url, text));
    });
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "network error".into())
}

/// The text at `url`, or why not. An early fetch that failed is tried once more here.
pub async fn text(url: &str) -> Result<String, String> {
    let early = EARLY.with(|e| {
        let mut early = e.borrow_mut();
        let i = early.iter().position(|(u, _)| u == url)?;
        Some(early.swap_remove(i).1)
    });
    if let Some(early) = early {
        if let Ok(Some(text)) = JsFuture::from(early).await.map(|v| v.as_string()) {
            return Ok(text);
        }
    }
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(describe)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?
        .as_string()
        .ok_or_else(|| "not text".into())
}
