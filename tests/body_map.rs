//! Browser tests of the body map, in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use calcinosis_guide::components::body_map::{body_map, BodyMapProps};
use calcinosis_guide::core::sites::Site;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::{component, Callback, Html};

wasm_bindgen_test_configure!(run_in_browser);

/// The map alone, as a component to mount (in the widget it is drawn by the lesion editor).
#[component]
fn Map(props: &BodyMapProps) -> Html {
    body_map(props)
}

fn labels() -> &'static HashMap<String, String> {
    let parsed = serde_json::from_str(include_str!("../content/en/sites.json"))
        .expect("content/en/sites.json is a map of site id to label");
    Box::leak(Box::new(parsed))
}

fn site(id: &str) -> Site {
    Site::parse(id).unwrap_or_else(|| panic!("{id} is not a site"))
}

/// Mounts a map into a fresh div `width` px wide; returns the div and the sites it emitted.
async fn render(selected: Vec<Site>, width: u32) -> (web_sys::Element, Rc<RefCell<Vec<Site>>>) {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    root.set_attribute("style", &format!("width: {width}px"))
        .unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let picked = Rc::new(RefCell::new(Vec::new()));
    let props = BodyMapProps {
        selected,
        on_pick: {
            let picked = picked.clone();
            Callback::from(move |s| picked.borrow_mut().push(s))
        },
        labels: labels(),
        front_label: "Front".into(),
        back_label: "Back".into(),
        hands_label: "Hands".into(),
        your_right: "Your right".into(),
        your_left: "Your left".into(),
    };
    yew::Renderer::<Map>::with_root_and_props(root.clone(), props).render();
    settle().await;
    (root, picked)
}

async fn settle() {
    yew::platform::time::sleep(std::time::Duration::from_millis(30)).await;
}

fn regions(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

fn click(el: &web_sys::Element) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("click", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

/// The page has the widget's stylesheet, as a host page would.
fn add_styles() {
    let document = web_sys::window().unwrap().document().unwrap();
    let style = document.create_element("style").unwrap();
    style.set_text_content(Some(concat!(
        include_str!("../styles/00-theme.css"),
        include_str!("../styles/45-body-map.css")
    )));
    document.body().unwrap().append_child(&style).unwrap();
}

#[wasm_bindgen_test]
async fn tapping_the_right_index_finger_picks_it() {
    let (root, picked) = render(Vec::new(), 343).await;
    let fingers = regions(&root, "[data-site='right-index-finger']");
    assert_eq!(fingers.len(), 2, "palm side and back side");
    click(&fingers[0]);
    settle().await;
    assert_eq!(*picked.borrow(), vec![site("right-index-finger")]);
    // The same site drawn elsewhere picks the same site.
    click(&fingers[1]);
    click(&regions(&root, "[data-site='left-elbow']")[1]);
    settle().await;
    assert_eq!(
        *picked.borrow(),
        ["right-index-finger", "right-index-finger", "left-elbow"].map(site)
    );
}

#[wasm_bindgen_test]
async fn every_site_has_a_region_with_its_label() {
    let (root, _) = render(Vec::new(), 343).await;
    let labels = labels();
    for s in Site::all() {
        let found = regions(&root, &format!("[data-site='{}']", s.id()));
        assert!(!found.is_empty(), "no region for {s}");
        let title = found[0].query_selector("title").unwrap();
        let text = title.and_then(|t| t.text_content()).unwrap_or_default();
        assert_eq!(text, labels[&s.id()], "tooltip of {s}");
    }
}

#[wasm_bindgen_test]
async fn the_front_figure_has_your_right_on_the_left_and_the_back_figure_does_not() {
    let (root, _) = render(Vec::new(), 343).await;
    let figures = regions(&root, ".cg-bm-panel");
    let x = |figure: usize, id: &str| -> i32 {
        let el = figures[figure]
            .query_selector(&format!("[data-site='{id}']"))
            .unwrap()
            .unwrap_or_else(|| panic!("no {id} in figure {figure}"));
        el.get_attribute("x").unwrap().parse().unwrap()
    };
    assert!(x(0, "right-shoulder") < x(0, "left-shoulder"));
    assert!(x(1, "right-shoulder") > x(1, "left-shoulder"));
    let heads = regions(&root, ".cg-bm-head");
    assert!(heads[0].text_content().unwrap().starts_with("Your right"));
    assert!(heads[1].text_content().unwrap().starts_with("Your left"));
}

#[wasm_bindgen_test]
async fn a_selected_site_is_marked() {
    let (root, _) = render(vec![site("left-knee")], 343).await;
    let knees = regions(&root, "[data-site='left-knee']");
    let selected = |k: &web_sys::Element| {
        let class = k.get_attribute("class").unwrap_or_default();
        class.split_whitespace().any(|c| c == "cg-bm-selected")
    };
    assert!(knees.iter().all(selected));
    let others = regions(&root, ".cg-bm-selected:not([data-site='left-knee'])");
    assert!(others.is_empty(), "only the left knee is selected");
    // Not by colour alone: each selected region also gets a dot.
    assert_eq!(regions(&root, ".cg-bm-dot").len(), knees.len());
}

#[wasm_bindgen_test]
async fn the_map_is_hidden_from_assistive_tech_and_has_nothing_focusable() {
    let (root, _) = render(vec![site("face")], 343).await;
    let map = root
        .query_selector(".cg-bm")
        .unwrap()
        .expect("the map root");
    assert_eq!(map.get_attribute("aria-hidden").as_deref(), Some("true"));
    let focusable = "[tabindex], a, button, input, select, textarea, [contenteditable], [style]";
    assert!(
        map.query_selector(focusable).unwrap().is_none(),
        "nothing in the map may take focus or carry an inline style"
    );
}

#[wasm_bindgen_test]
async fn every_region_is_at_least_44_px_from_a_343_px_widget_up() {
    add_styles();
    // A 343 px widget (a 375 px phone) has 12 px padding and a 1 px border on each side, so the
    // map gets 317 px; 640 px is where the figures go side by side, 1038 px the widest widget.
    for width in [317, 639, 640, 1038] {
        let (root, _) = render(Vec::new(), width).await;
        for el in regions(&root, "[data-site]") {
            let svg = el.closest("svg").unwrap().unwrap();
            let view_width: f64 = svg.get_attribute("width").unwrap().parse().unwrap();
            let scale = f64::from(svg.client_width()) / view_width;
            let size = |attr: &str| el.get_attribute(attr).unwrap().parse::<f64>().unwrap() * scale;
            let (w, h) = (size("width"), size("height"));
            let id = el.get_attribute("data-site").unwrap();
            assert!(
                w >= 44.0 && h >= 44.0,
                "at {width} px {id} is {w:.1} x {h:.1} px"
            );
        }
    }
}
