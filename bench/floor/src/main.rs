//! A counter: one component, one `use_state`. The host page's loader (web/floor.js) calls
//! `mount` once the element scrolls near, as the widget's loader calls `mount_widget`.
use wasm_bindgen::prelude::wasm_bindgen;
use yew::prelude::*;

#[component]
fn Counter() -> Html {
    let count = use_state(|| 0u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    html! {
        <section aria-label="Counter">
            <button type="button" class="floor-button" {onclick}>{ "Add one" }</button>
            <p class="floor-count">{ *count }</p>
        </section>
    }
}

/// Renders the counter into `root`.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element) {
    yew::Renderer::<Counter>::with_root(root).render();
}

fn main() {}
