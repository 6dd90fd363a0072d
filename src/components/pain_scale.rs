use yew::prelude::*;

pub struct PainScaleProps {
    /// Unique name for the radio group.
    pub name: String,
    pub legend: &'static str,
    pub hint: &'static str,
    pub value: Option<u8>,
    pub on_change: Callback<Option<u8>>,
    /// When set, an extra first choice ("Skip") clears the value.
    pub skip_label: Option<&'static str>,
    pub error: Option<AttrValue>,
    /// "(required)", after the question, when it must be answered before saving.
    pub required: Option<&'static str>,
}

/// A 0-10 scale as eleven large radio buttons: tap or arrow keys, never a drag.
pub fn pain_scale(props: PainScaleProps) -> Html {
    let hint_id = format!("{}-hint", props.name);
    let error_id = format!("{}-error", props.name);
    let described = if props.error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    // Each choice says the question is not answered yet, as the site list does: a screen
    // reader names it on the choice the error sends focus to.
    let invalid = props.error.is_some().then_some("true");
    // And what is wrong, read on each choice (the group's description is not read there).
    let error_said = props.error.is_some().then(|| error_id.clone());
    let option = |value: Option<u8>, label: String| {
        let on_change = props.on_change.clone();
        let id = format!(
            "{}-{}",
            props.name,
            value.map_or("skip".to_string(), |v| v.to_string())
        );
        html! {
            <label class={classes!("cg-scale-option", value.is_none().then_some("cg-scale-skip"))} for={id.clone()}>
                <input type="radio" {id} name={props.name.clone()} checked={props.value == value} aria-invalid={invalid}
                    aria-describedby={error_said.clone()} onchange={Callback::from(move |_| on_change.emit(value))} />
                <span>{ label }</span>
            </label>
        }
    };
    html! {
        <fieldset class={classes!("cg-scale", props.error.is_some().then_some("cg-invalid"))} aria-describedby={described}>
            <legend>{ props.legend }
                if let Some(r) = props.required { { " " }<span class="cg-required">{ r }</span> }</legend>
            <p class="cg-hint" id={hint_id}>{ props.hint }</p>
            if let Some(e) = &props.error { <p class="cg-error" id={error_id}>{ e }</p> }
            <div class="cg-scale-options">
                if let Some(skip) = &props.skip_label { { option(None, skip.to_string()) } }
                <>{ for (0..=10u8).map(|v| option(Some(v), v.to_string())) }</>
            </div>
        </fieldset>
    }
}
