use yew::prelude::*;

use crate::core::content::Content;

/// The active language's content, shared through context (compared by address: it is static).
#[derive(Clone, Copy)]
pub struct ContentRef(pub &'static Content);

impl PartialEq for ContentRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// The content (UI strings, sections, labels) of the widget's language.
#[hook]
pub fn use_content() -> &'static Content {
    use_context::<ContentRef>()
        .expect("use_content must be called inside the App")
        .0
}
