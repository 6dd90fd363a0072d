//! Browser tests of the walk-through, in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use calcinosis_guide::components::app::{whole, App, AppProps, Body};
use calcinosis_guide::components::guide_alone;
use calcinosis_guide::core::config::Settings;
use calcinosis_guide::core::content::{content, Texts};
use calcinosis_guide::core::lang::Lang;
use calcinosis_guide::core::store::StoreHandle;
use calcinosis_guide::core::store::{Keys, MemoryStore, Store};
use calcinosis_guide::platform::mount::OpenWhole;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{click_button, host, settle};

async fn render(store: Rc<MemoryStore>) -> web_sys::Element {
    render_with(store, Body(whole), None).await
}

async fn render_with(
    store: Rc<MemoryStore>,
    body: Body,
    open_whole: Option<OpenWhole>,
) -> web_sys::Element {
    let root = host();
    common::install_content();
    let props = AppProps {
        settings: Settings::default(),
        store: StoreHandle(store),
        content_base: "/".into(),
        body,
        // The guide alone is the mount that can open the whole widget.
        texts: match open_whole {
            Some(_) => Texts::GUIDE,
            None => Texts::WHOLE,
        },
        open_whole,
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    settle().await;
    root
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

/// "Step n of M", with M the number of steps the content has.
fn step_of(n: usize) -> String {
    format!("Step {n} of {}", titles().len())
}

fn titles() -> Vec<String> {
    common::install_content();
    content(Lang::En)
        .unwrap()
        .sections
        .iter()
        .map(|s| s.title.clone())
        .collect()
}

#[wasm_bindgen_test]
async fn renders_step_one_with_the_notice_and_next_goes_to_step_two() {
    let store = Rc::new(MemoryStore::new());
    let root = render(store.clone()).await;
    let t = titles();
    assert_eq!(text(&root, ".cg-step-title"), t[0]);
    assert_eq!(text(&root, ".cg-step-count"), step_of(1));
    assert!(text(&root, ".cg-disclaimer").contains("not medical advice"));
    assert!(root
        .query_selector("section.cg[aria-label]")
        .unwrap()
        .is_some());
    assert!(
        root.query_selector("main").unwrap().is_none(),
        "the widget must not bring a <main>"
    );

    click_button(&root, "Next");
    settle().await;
    assert_eq!(text(&root, ".cg-step-title"), t[1]);
    assert_eq!(text(&root, ".cg-step-count"), step_of(2));
    // Focus follows the move to the new step's heading.
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(active.text_content().unwrap(), t[1]);
    // And the place is stored under the versioned, namespaced key.
    let saved = store.get(&Keys::default().walkthrough()).unwrap().unwrap();
    assert_eq!(saved, r#"{"schema":1,"data":{"step":"symptoms"}}"#);
}

#[wasm_bindgen_test]
async fn restores_the_remembered_step_from_storage() {
    let store = Rc::new(MemoryStore::new());
    store
        .set(
            &Keys::default().walkthrough(),
            r#"{"schema":1,"data":{"step":"treatment"}}"#,
        )
        .unwrap();
    let root = render(store).await;
    assert_eq!(text(&root, ".cg-step-title"), titles()[3]);
    assert_eq!(text(&root, ".cg-step-count"), step_of(4));
    let current = root.query_selector("[aria-current=step]").unwrap().unwrap();
    assert!(current.text_content().unwrap().contains(&titles()[3]));
}

#[wasm_bindgen_test]
async fn the_step_list_jumps_and_back_returns() {
    let root = render(Rc::new(MemoryStore::new())).await;
    let t = titles();
    let last = t.len() - 1;
    click_button(&root, &t[last]);
    settle().await;
    assert_eq!(text(&root, ".cg-step-title"), t[last]);
    assert_eq!(text(&root, ".cg-step-count"), step_of(last + 1));
    assert!(text(&root, ".cg-end").contains("end of the guide"));
    click_button(&root, "Back");
    settle().await;
    assert_eq!(text(&root, ".cg-step-title"), t[last - 1]);
}

#[wasm_bindgen_test]
async fn a_full_store_shows_a_notice_and_blocked_storage_warns() {
    let root = render(Rc::new(MemoryStore::with_quota(4))).await;
    assert!(text(&root, ".cg-walk").contains("could not be saved"));
    let root = render(Rc::new(MemoryStore::blocked())).await;
    assert!(text(&root, ".cg").contains("not letting the guide store anything"));
}

#[wasm_bindgen_test]
async fn unreadable_stored_place_is_kept_aside_and_the_guide_starts_at_step_one() {
    let store = Rc::new(MemoryStore::new());
    let key = Keys::default().walkthrough();
    store.set(&key, "{broken").unwrap();
    let root = render(store.clone()).await;
    assert_eq!(text(&root, ".cg-step-count"), step_of(1));
    assert_eq!(
        store
            .get(&format!("{key}.unreadable-1"))
            .unwrap()
            .as_deref(),
        Some("{broken")
    );
}

#[wasm_bindgen_test]
async fn a_glossary_word_opens_its_explanation_where_it_first_appears() {
    let root = render(Rc::new(MemoryStore::new())).await;
    let glossary = &content(Lang::En).unwrap().glossary;
    let phosphate = glossary.terms.iter().find(|t| t.id == "phosphate").unwrap();
    // The first "phosphate" in step 1 is marked, and its explanation sits in the same list item.
    let term = root
        .query_selector(".cg-term[data-term=phosphate]")
        .unwrap()
        .expect("phosphate is marked");
    let item = term.closest("li, p, dd").unwrap().unwrap();
    let button = item
        .query_selector("button.cg-gloss-toggle[data-term=phosphate]")
        .unwrap()
        .expect("the explanation's button is beside the word");
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let id = button.get_attribute("aria-controls").unwrap();
    let note = root.query_selector(&format!("#{id}")).unwrap().unwrap();
    assert!(note.has_attribute("hidden"));
    assert!(note
        .text_content()
        .unwrap()
        .contains(&phosphate.explanation));
    click_button(&item, "phosphate");
    settle().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!note.has_attribute("hidden"));
    // Later uses in the step are plain text.
    assert_eq!(
        root.query_selector_all(".cg-term[data-term=phosphate]")
            .unwrap()
            .length(),
        1
    );
}

/// A stand-in for the loader's `openWhole(part, lang)`: notes each call in `globalThis[log]` as
/// "part lang" and answers with `answer` (a JavaScript expression giving a promise).
fn open_whole(log: &str, answer: &str) -> OpenWhole {
    OpenWhole(js_sys::Function::new_with_args(
        "part, lang",
        &format!("(globalThis.{log} ||= []).push(part + ' ' + lang); return {answer};"),
    ))
}

fn asked(log: &str) -> Vec<String> {
    let v = js_sys::Reflect::get(&js_sys::global(), &log.into()).unwrap();
    if v.is_undefined() {
        return vec![];
    }
    js_sys::Array::from(&v)
        .iter()
        .map(|s| s.as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn the_guide_alone_keeps_its_place_and_asks_for_the_whole_widget_for_the_diary() {
    let store = Rc::new(MemoryStore::new());
    let open = open_whole("cgAskedA", "new Promise(() => {})");
    let root = render_with(store.clone(), Body(guide_alone::body), Some(open)).await;
    click_button(&root, "Next");
    settle().await;
    assert_eq!(text(&root, ".cg-step-count"), step_of(2));
    let place = store.get(&Keys::default().walkthrough()).unwrap().unwrap();
    assert!(place.contains(r#""step""#), "the place is kept: {place}");
    assert!(
        asked("cgAskedA").is_empty(),
        "the guide alone needs nothing more"
    );

    click_button(&root, "My diary");
    settle().await;
    assert_eq!(asked("cgAskedA"), ["diary en"]);
    let ui = &content(Lang::En).unwrap().ui;
    assert_eq!(text(&root, ".cg-notice[role=status]"), *ui.part_loading());
    // Back to the guide while it loads: the same step.
    click_button(&root, "Learn");
    settle().await;
    assert_eq!(text(&root, ".cg-step-count"), step_of(2));
}

#[wasm_bindgen_test]
async fn a_whole_widget_that_cannot_load_is_said_and_tried_again() {
    let open = open_whole("cgAskedB", "Promise.reject(new Error('offline'))");
    let root = render_with(
        Rc::new(MemoryStore::new()),
        Body(guide_alone::body),
        Some(open),
    )
    .await;
    click_button(&root, "Summary");
    settle().await;
    let ui = &content(Lang::En).unwrap().ui;
    assert_eq!(text(&root, "[role=alert] p"), *ui.part_failed());
    click_button(&root, "Try again");
    settle().await;
    assert_eq!(asked("cgAskedB"), ["summary en", "summary en"]);
    assert_eq!(text(&root, "[role=alert] p"), *ui.part_failed());
}

#[wasm_bindgen_test]
async fn with_anything_but_a_place_stored_the_guide_alone_hands_over_at_once() {
    let store = Rc::new(MemoryStore::new());
    store
        .set(&Keys::default().diary(), r#"{"schema":1,"data":{}}"#)
        .unwrap();
    let open = open_whole("cgAskedC", "new Promise(() => {})");
    let root = render_with(store.clone(), Body(guide_alone::body), Some(open)).await;
    assert_eq!(asked("cgAskedC"), ["learn en"]);
    assert!(
        root.query_selector(".cg-step-title").unwrap().is_none(),
        "the guide alone shows no step over stored data"
    );
    assert_eq!(
        store.get(&Keys::default().diary()).unwrap().unwrap(),
        r#"{"schema":1,"data":{}}"#,
        "nothing stored is touched"
    );
}
