use yew::prelude::*;

use crate::core::content::{Content, Guide};

/// The active language's guide text (and the widget's frame), shared through context by the App
/// (compared by address: it is static).
#[derive(Clone, Copy)]
pub struct GuideRef(pub &'static Guide);

impl PartialEq for GuideRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// The active language's whole text, shared through context by the whole widget's body.
#[derive(Clone, Copy)]
pub struct ContentRef(pub &'static Content);

impl PartialEq for ContentRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// The guide's content (UI strings, sections, glossary) in the widget's language.
#[hook]
pub fn use_guide() -> &'static Guide {
    use_context::<GuideRef>()
        .expect("use_guide must be called inside the App")
        .0
}

/// The whole widget's content (the guide's, and the diary's and summary's strings and labels).
#[hook]
pub fn use_content() -> &'static Content {
    use_context::<ContentRef>()
        .expect("use_content must be called inside the whole widget")
        .0
}
