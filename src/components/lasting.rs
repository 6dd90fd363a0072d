//! State that outlives the part of the widget showing it. Switching part (Guide, Diary, Summary)
//! or opening a check-in form takes the other parts off the page, and a `use_state` goes with
//! them. Some offers must last until the page is left, as they say: a restore's "put back this
//! device's copies" ("kept aside until you leave this page"), an Undo after removing a medicine or
//! a question, a restore's report when the file is read after the patient moved on. Their state
//! lives in the diary provider instead (`Lasting`), one per widget element and namespace, kept
//! for the provider of the next mount too (the page changed an attribute, such as the language,
//! or moved the element). "Delete all my data" (here or heard from another tab) lets go of all of
//! it, so nothing deleted can be put back from there.

use std::any::Any;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::diary_provider::use_diary;

/// The provider's lasting values, by the name each component gives its own.
#[derive(Clone, Default)]
pub struct Lasting(Rc<RefCell<BTreeMap<&'static str, Rc<dyn Any>>>>);

/// One provider's store is one store: the handle that carries it compares by that alone.
impl PartialEq for Lasting {
    fn eq(&self, other: &Lasting) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Lasting {
    /// Lets go of every lasting value (everything was deleted).
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }
}

/// A lasting value and its setter, as `use_state`'s handle: reads as the value, `set` keeps it in
/// the provider and shows it here.
#[derive(Clone)]
pub struct LastingHandle<T: 'static> {
    shown: UseStateHandle<T>,
    lasting: Lasting,
    name: &'static str,
}

impl<T: Clone + 'static> LastingHandle<T> {
    /// Keeps `value` (for this component, and for the next one to mount under the same name)
    /// and shows it. Also when this component is no longer on the page: a file read after a part
    /// switch still leaves its report for the part when it comes back.
    pub fn set(&self, value: T) {
        self.lasting
            .0
            .borrow_mut()
            .insert(self.name, Rc::new(value.clone()));
        self.shown.set(value);
    }
}

impl<T: 'static> Deref for LastingHandle<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.shown
    }
}

/// `use_state`, kept in the diary provider under `name` (one per kind of offer: two components
/// that use one name share it). Starts from the kept value when `keep` takes it (an offer, not a
/// message that was said already), else from `init`.
#[hook]
pub fn use_lasting<T, F>(name: &'static str, keep: fn(&T) -> bool, init: F) -> LastingHandle<T>
where
    T: Clone + 'static,
    F: FnOnce() -> T,
{
    let lasting = use_diary().lasting;
    let kept = lasting
        .0
        .borrow()
        .get(name)
        .and_then(|v| v.downcast_ref::<T>().cloned())
        .filter(keep);
    let shown = use_state(move || kept.unwrap_or_else(init));
    LastingHandle {
        shown,
        lasting,
        name,
    }
}
