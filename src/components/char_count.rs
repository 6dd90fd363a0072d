use yew::prelude::*;

use crate::core::content::DiaryUi;
use crate::core::limits;

/// "120 of 300 characters" under a text field, and a polite status when the limit is reached
/// (the field's `maxlength` stops more from being typed or pasted). `id` is the id the field
/// names in `aria-describedby`, so the count is read with the field. A plain function, not a
/// component: it holds no state, and each component costs the download its own copy of yew's
/// mount and update code.
pub fn char_count(t: &DiaryUi, id: &str, text: &str, max: usize) -> Html {
    let n = limits::length(text);
    let full = n >= max;
    let class = if full {
        "cg-count-figure cg-count-at-limit"
    } else {
        "cg-count-figure"
    };
    html! {
        <div class="cg-count">
            <p {class} id={id.to_string()}>
                { t.count_of().replace("{n}", &n.to_string()).replace("{max}", &max.to_string()) }
            </p>
            <p class="cg-count-status" role="status">{ if full { t.count_full().as_str() } else { "" } }</p>
        </div>
    }
}
