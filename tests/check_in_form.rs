//! Browser tests of the check-in form (wasm-bindgen-test in headless Chromium): the real App,
//! an in-memory store, real clicks.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use calcinosis_guide::components::app::{whole, App, AppProps, Body};
use calcinosis_guide::core::config::{Part, Settings};
use calcinosis_guide::core::content::Texts;
use calcinosis_guide::core::diary::Diary;
use calcinosis_guide::core::diary_store::DIARY_SCHEMA;
use calcinosis_guide::core::schema::decode;
use calcinosis_guide::core::store::StoreHandle;
use calcinosis_guide::core::store::{Keys, MemoryStore, Store};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{click_button, host, settle};

async fn open_diary(store: Rc<MemoryStore>) -> web_sys::Element {
    let root = host();
    let settings = Settings {
        start: Part::Diary,
        clinic_phone: Some("+351 239 000 000".into()),
        ..Settings::default()
    };
    common::install_content();
    let props = AppProps {
        settings,
        store: StoreHandle(store),
        content_base: "/".into(),
        body: Body(whole),
        texts: Texts::WHOLE,
        open_whole: None,
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    settle().await;
    root
}

fn el<T: JsCast>(root: &web_sys::Element, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into::<T>()
        .unwrap_or_else(|_| panic!("{selector} has another type"))
}

fn stored(store: &MemoryStore) -> Diary {
    let raw = store
        .get(&Keys::default().diary())
        .unwrap()
        .expect("a diary is stored");
    decode(&DIARY_SCHEMA, &raw).expect("the stored diary reads back")
}

#[wasm_bindgen_test]
async fn a_check_in_with_a_lesion_saves_and_shows_what_to_do() {
    let store = Rc::new(MemoryStore::new());
    let root = open_diary(store.clone()).await;
    click_button(&root, "New check-in");
    settle().await;
    el::<web_sys::HtmlElement>(&root, "#cg-pain-4").click();
    click_button(&root, "Add a lump or sore");
    settle().await;
    let select: web_sys::HtmlSelectElement = el(&root, "select[id$='-site']");
    select.set_value("right-index-finger");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    el::<web_sys::HtmlElement>(&root, "input[id$='-signs-pus-cloudy']").click();
    settle().await;
    click_button(&root, "Save check-in");
    settle().await;

    let diary = stored(&store);
    let entry = diary.entries().next().expect("one check-in");
    assert_eq!(entry.pain, 4);
    assert_eq!(entry.observations.len(), 1);
    assert_eq!(
        diary
            .lesion(&entry.observations[0].lesion)
            .unwrap()
            .site
            .id(),
        "right-index-finger"
    );
    // Pus is a sign of infection: a same-day call, with the clinic's number.
    let result = el::<web_sys::Element>(&root, ".cg-result")
        .text_content()
        .unwrap();
    assert!(result.contains("Call your clinic today"), "{result}");
    assert!(result.contains("+351 239 000 000"), "{result}");
    assert!(!result.to_lowercase().contains("stop taking"));
}

#[wasm_bindgen_test]
async fn missing_pain_is_refused_next_to_the_field_and_nothing_is_stored() {
    let store = Rc::new(MemoryStore::new());
    let root = open_diary(store.clone()).await;
    click_button(&root, "New check-in");
    settle().await;
    let notes: web_sys::HtmlTextAreaElement = el(&root, "#cg-notes");
    notes.set_value("kept while I fix it");
    notes
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    click_button(&root, "Save check-in");
    settle().await;
    let pain_field = el::<web_sys::Element>(&root, "fieldset.cg-scale")
        .text_content()
        .unwrap();
    assert!(
        pain_field.contains("Choose a number from 0 to 10."),
        "{pain_field}"
    );
    assert_eq!(store.get(&Keys::default().diary()).unwrap(), None);
    assert_eq!(
        el::<web_sys::HtmlTextAreaElement>(&root, "#cg-notes").value(),
        "kept while I fix it"
    );
}

#[wasm_bindgen_test]
async fn a_full_store_fails_visibly_and_keeps_the_form() {
    let store = Rc::new(MemoryStore::with_quota(60));
    let root = open_diary(store.clone()).await;
    click_button(&root, "New check-in");
    settle().await;
    el::<web_sys::HtmlElement>(&root, "#cg-pain-2").click();
    click_button(&root, "Save check-in");
    settle().await;
    let status = el::<web_sys::Element>(&root, ".cg-form-status")
        .text_content()
        .unwrap();
    assert!(status.contains("could not be saved"), "{status}");
    assert!(status.contains("full"), "{status}");
    assert!(
        root.query_selector("form.cg-form").unwrap().is_some(),
        "the form stays open"
    );
    assert_eq!(store.get(&Keys::default().diary()).unwrap(), None);
}
