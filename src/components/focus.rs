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
