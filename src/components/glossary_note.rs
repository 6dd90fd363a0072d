use yew::prelude::*;

use crate::core::glossary::Term;

#[derive(Properties, PartialEq)]
pub struct GlossaryNoteProps {
    pub term: &'static Term,
    /// The button's text, e.g. "What does “phosphate” mean?".
    pub label: AttrValue,
    /// Unique in the step: the explanation's id, which the button controls.
    pub id: AttrValue,
}

/// A word's plain explanation, behind a button where the word first appears in a step. It is
/// inline markup (spans), so it can sit inside a paragraph or a list item; the print stylesheet
/// shows every explanation, open or not.
#[component]
pub fn GlossaryNote(props: &GlossaryNoteProps) -> Html {
    let open = use_state(|| false);
    let on_click = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <span class="cg-gloss">
            <button type="button" class="cg-gloss-toggle" data-term={props.term.id.clone()}
                aria-expanded={(*open).to_string()} aria-controls={props.id.clone()} onclick={on_click}>
                <span class="cg-gloss-icon" aria-hidden="true">{ if *open { "\u{2212}" } else { "+" } }</span>
                <span>{ &props.label }</span>
            </button>
            <span id={props.id.clone()} class="cg-gloss-text" hidden={!*open}>
                <dfn>{ &props.term.term }</dfn>{ ": " }{ &props.term.explanation }
            </span>
        </span>
    }
}
