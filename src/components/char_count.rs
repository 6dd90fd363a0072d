use yew::prelude::*;

use crate::components::i18n::use_content;
use crate::core::limits;

#[derive(Properties, PartialEq)]
pub struct CharCountProps {
    /// The id the field names in `aria-describedby`, so the count is read with the field.
    pub id: AttrValue,
    /// The field's text now.
    pub text: AttrValue,
    pub max: usize,
}

/// "120 of 300 characters" under a text field, and a polite status when the limit is reached
/// (the field's `maxlength` stops more from being typed or pasted).
#[component]
pub fn CharCount(props: &CharCountProps) -> Html {
    let t = &use_content().diary;
    let n = limits::length(&props.text);
    let full = n >= props.max;
    html! {
        <div class="cg-count">
            <p class={classes!("cg-count-figure", full.then_some("cg-count-at-limit"))} id={props.id.clone()}>
                { t.count_of().replace("{n}", &n.to_string()).replace("{max}", &props.max.to_string()) }
            </p>
            <p class="cg-count-status" role="status">{ if full { t.count_full().as_str() } else { "" } }</p>
        </div>
    }
}
