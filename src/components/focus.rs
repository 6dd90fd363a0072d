use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

/// A request to move keyboard focus to an element once the next render has put it on the page,
/// so that focus never falls back to the page body when the focused button goes away.
#[derive(Clone)]
pub struct FocusLater(Rc<RefCell<Option<Request>>>);

/// The element to focus, and the one to focus if it is not on the page.
type Request = (NodeRef, Option<NodeRef>);

impl FocusLater {
    pub fn request(&self, target: &NodeRef) {
        *self.0.borrow_mut() = Some((target.clone(), None));
    }

    /// `target`, or `fallback` when the render did not put `target` on the page (say, the item
    /// whose button it is went away meanwhile).
    pub fn request_or(&self, target: &NodeRef, fallback: &NodeRef) {
        *self.0.borrow_mut() = Some((target.clone(), Some(fallback.clone())));
    }
}

/// `target` for the one element a request is about (say, the item whose button focus goes back
/// to), a reference of its own for every other: only one element may hold `target`.
pub fn ref_if(on: bool, target: &NodeRef) -> NodeRef {
    if on {
        target.clone()
    } else {
        NodeRef::default()
    }
}

/// Focuses the requested element after each render that follows a request.
#[hook]
pub fn use_focus_later() -> FocusLater {
    let cell = use_mut_ref(|| None::<Request>);
    {
        let cell = cell.clone();
        use_effect(move || {
            let target = cell.borrow_mut().take();
            let cast = |r: &NodeRef| r.cast::<web_sys::HtmlElement>();
            if let Some(el) =
                target.and_then(|(t, or)| cast(&t).or_else(|| or.as_ref().and_then(cast)))
            {
                let _focus_is_best_effort = el.focus();
            }
        });
    }
    FocusLater(cell)
}

/// Whether something that opens in `inside` (a form) may take keyboard focus to itself: when
/// focus is lost (nowhere, or on the page's body) or elsewhere in the widget. Never from the host
/// page, and never from a field already in `inside`: the loader puts focus back where it was when
/// it mounts the widget anew, and that may happen before or after this is asked.
pub fn focus_is_free_for(inside: &web_sys::Element) -> bool {
    let Some(active) = focused(inside) else {
        return true;
    };
    if inside.contains(Some(&active)) {
        return false;
    }
    // Elsewhere in the widget (a tab just pressed): yes; on the host page: no.
    matches!(inside.closest(".cg"), Ok(Some(widget)) if widget.contains(Some(&active)))
}

/// Whether something that opens again by itself as the widget mounts (a kept form, after a
/// reload or the page changing an attribute) may take focus: only from elsewhere in the widget
/// (the part's tab just pressed). With focus lost or on the page's body the patient may be
/// reading the clinic's page: focusing would scroll it to the widget.
pub fn focus_is_free_for_reopened(inside: &web_sys::Element) -> bool {
    focused(inside).is_some() && focus_is_free_for(inside)
}

/// The element with focus, as seen from `inside` (through its shadow root); `None` when focus is
/// lost or on the page's body.
fn focused(inside: &web_sys::Element) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let doc = inside.owner_document()?;
    let active = match inside.get_root_node().dyn_ref::<web_sys::ShadowRoot>() {
        Some(root) => root.active_element().or_else(|| doc.active_element()),
        None => doc.active_element(),
    }?;
    let on_body = doc.body().is_some_and(|b| active.is_same_node(Some(&b)));
    (!on_body).then_some(active)
}

/// For a confirm step ("Delete it?" Yes / No): Escape answers No, as the button `no` does (a
/// keyboard user expects Escape to back out, and it is the answer that loses nothing).
pub fn escape_answers(no: &NodeRef) -> Callback<KeyboardEvent> {
    let no = no.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            if let Some(button) = no.cast::<web_sys::HtmlElement>() {
                e.prevent_default();
                button.click();
            }
        }
    })
}
