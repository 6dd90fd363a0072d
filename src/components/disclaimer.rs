use yew::prelude::*;

/// The not-medical-advice notice, shown on every screen.
pub fn disclaimer(text: &str) -> Html {
    html! {
        <p class="cg-disclaimer" role="note">
            <span class="cg-disclaimer-icon" aria-hidden="true">{ "i" }</span>
            { text }
        </p>
    }
}
