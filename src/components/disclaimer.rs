use yew::prelude::*;

/// The not-medical-advice notice, shown at the top of every screen. It prints with a guide step
/// or the diary; `printed` is false above the summary, whose printout carries it in its footer.
pub fn disclaimer(text: &str, printed: bool) -> Html {
    html! {
        <p class={classes!("cg-disclaimer", (!printed).then_some("cg-no-print"))} role="note">
            <span class="cg-disclaimer-icon" aria-hidden="true">{ "i" }</span>
            { text }
        </p>
    }
}
