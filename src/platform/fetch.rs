//! Fetching the text of a language (`content/<lang>.json`, or `content/<lang>.guide.json` for the
//! guide alone) from the widget's own folder. The loader fetches the first text itself, alongside
//! the WebAssembly, and hands it over when it has arrived; that text is used rather than a second
//! request. Any other text is fetched through the loader's own fetch, which fails a download that
//! stalls (a weak signal, a hung proxy) rather than wait for ever, so the widget can say so and
//! offer to try again.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// (url, its text): one per language at most, so a list.
    static EARLY: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    /// The loader's `url -> promise of its text`, watched for a stall (none from an older loader:
    /// the browser's own fetch then).
    static LOADERS: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Fetches text through `fetch_text`, the loader's watched fetch, from now on.
pub fn fetch_through(fetch_text: js_sys::Function) {
    LOADERS.with(|l| *l.borrow_mut() = Some(fetch_text));
}

/// Keeps the text the loader fetched from `url`.
pub fn offer_early(url: String, text: String) {
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

/// The text at `url`, or why not: the loader's, if it fetched it, else fetched here.
pub async fn text(url: &str) -> Result<String, String> {
    let early = EARLY.with(|e| {
        let mut early = e.borrow_mut();
        let i = early.iter().position(|(u, _)| u == url)?;
        Some(early.swap_remove(i).1)
    });
    if let Some(text) = early {
        return Ok(text);
    }
    if let Some(fetch_text) = LOADERS.with(|l| l.borrow().clone()) {
        let text = fetch_text
            .call1(&JsValue::NULL, &url.into())
            .map_err(describe)?;
        return JsFuture::from(js_sys::Promise::resolve(&text))
            .await
            .map_err(describe)?
            .as_string()
            .ok_or_else(|| "not text".into());
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
