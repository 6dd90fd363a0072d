use yew::prelude::*;

use crate::components::i18n::use_content;
use crate::core::config::Settings;
use crate::core::triage::{triage_text, Assessment, Level};

#[derive(Properties, PartialEq)]
pub struct TriageResultProps {
    pub assessment: Assessment,
    pub settings: Settings,
    pub on_close: Callback<()>,
}

/// What to do after a check-in, in plain words, with the clinic's phone and the reasons.
#[component]
pub fn TriageResult(props: &TriageResultProps) -> Html {
    let c = use_content();
    let t = &c.diary;
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(props.assessment.clone(), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _focus_is_best_effort = h.focus();
            }
        });
    }
    let Ok(text) = triage_text(c.lang) else {
        return html! { <p role="alert">{ &c.ui.content_error }</p> };
    };
    let level = props.assessment.level;
    let phone = props
        .settings
        .clinic_phone
        .clone()
        .unwrap_or_else(|| t.phone_missing.clone());
    let emergency = props
        .settings
        .emergency_number
        .clone()
        .unwrap_or_else(|| t.emergency_default.clone());
    let lt = text.level(level);
    let advice = lt
        .advice
        .replace("{phone}", &phone)
        .replace("{emergency}", &emergency);
    let class = match level {
        Level::Emergency => "cg-result cg-flag cg-flag-emergency",
        Level::CallToday => "cg-result cg-flag cg-flag-call-today",
        Level::NextVisit => "cg-result cg-flag cg-flag-next-visit",
        Level::None => "cg-result cg-flag cg-flag-none",
    };
    let on_close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_| on_close.emit(()))
    };
    let phone_link = props.settings.clinic_phone.as_ref().filter(|_| level >= Level::NextVisit).map(|p| {
        let digits: String = p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        html! { <p><a class="cg-button cg-call" href={format!("tel:{digits}")}>{ p.clone() }</a></p> }
    });
    html! {
        <div class={class} role="status">
            <p class="cg-result-saved">{ &t.saved }</p>
            <h4 tabindex="-1" ref={heading}>{ &lt.title }</h4>
            <p>{ advice }</p>
            { phone_link.unwrap_or_default() }
            if !props.assessment.reasons.is_empty() {
                <p class="cg-result-why">{ &t.result_why }</p>
                <ul>{ for props.assessment.reasons.iter().map(|r| html! { <li>{ text.reason(*r) }</li> }) }</ul>
            }
            <p class="cg-result-disclaimer">{ &c.ui.disclaimer }</p>
            <button type="button" class="cg-button" onclick={on_close}>{ &t.close }</button>
        </div>
    }
}
