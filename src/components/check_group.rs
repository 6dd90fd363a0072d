use yew::prelude::*;

pub struct CheckGroupProps {
    /// Prefix for element ids, unique on the page.
    pub id: String,
    pub legend: &'static str,
    pub hint: Option<&'static str>,
    /// (value key, label, checked)
    pub items: Vec<(AttrValue, AttrValue, bool)>,
    /// Emits (value key, now checked).
    pub on_toggle: Callback<(AttrValue, bool)>,
    /// Extra classes (space-separated), or "".
    pub class: &'static str,
}

/// A group of large checkboxes with a legend.
pub fn check_group(props: CheckGroupProps) -> Html {
    let hint_id = format!("{}-hint", props.id);
    html! {
        <fieldset class={classes!("cg-checks", props.class)}
            aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}>
            <legend>{ props.legend }</legend>
            if let Some(h) = &props.hint { <p class="cg-hint" id={hint_id.clone()}>{ h }</p> }
            <>{ for props.items.iter().map(|(key, label, checked)| {
                let id = format!("{}-{}", props.id, key);
                // Keyed: a box that appears in the middle (see `Draft::asks_lump_now`) must not
                // take over the element, and the focus, of the box before it (Yew pairs unkeyed
                // items from the end).
                let item = key.as_str().to_owned();
                let (key, on_toggle) = (key.clone(), props.on_toggle.clone());
                let onchange = Callback::from(move |e: Event| {
                    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                    on_toggle.emit((key.clone(), input.checked()));
                });
                html! {
                    <label key={item} class="cg-check" for={id.clone()}>
                        <input type="checkbox" {id} checked={*checked} {onchange} />
                        <span>{ label }</span>
                    </label>
                }
            }) }</>
        </fieldset>
    }
}
