//! A `<details>` whose content is built only while it is open.

use yew::prelude::*;

/// Whether a `<details>` is open, and the `ontoggle` that keeps it known. A view builds what the
/// `<details>` holds only while it is open: a closed one shows none of it, and a trend's table is
/// over a hundred rows over ten years of check-ins.
#[hook]
pub fn use_details_open() -> (bool, Callback<Event>) {
    let open = use_state_eq(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    (*open, ontoggle)
}
