use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DisclaimerProps {
    pub text: AttrValue,
}

/// The not-medical-advice notice, shown on every screen.
#[component]
pub fn Disclaimer(props: &DisclaimerProps) -> Html {
    html! {
        <p class="cg-disclaimer" role="note">
            <span class="cg-disclaimer-icon" aria-hidden="true">{ "i" }</span>
            { &props.text }
        </p>
    }
}
