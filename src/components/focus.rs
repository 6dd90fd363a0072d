use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

/// A request to move keyboard focus to an element once the next render has put it on the page,
/// so that focus never falls back to the page body when the focused button goes away.
#[derive(Clone)]
pub struct FocusLater(Rc<RefCell<Option<NodeRef>>>);

impl FocusLater {
    pub fn request(&self, target: &NodeRef) {
        *self.0.borrow_mut() = Some(target.clone());
    }
}

/// Focuses the requested element after each render that follows a request.
#[hook]
pub fn use_focus_later() -> FocusLater {
    let cell = use_mut_ref(|| None::<NodeRef>);
    {
        let cell = cell.clone();
        use_effect(move || {
            let target = cell.borrow_mut().take();
            if let Some(el) = target.and_then(|r| r.cast::<web_sys::HtmlElement>()) {
                let _focus_is_best_effort = el.focus();
            }
        });
    }
    FocusLater(cell)
}
