use yew::prelude::*;

use crate::core::content::Section;

pub struct StepListProps {
    pub label: &'static str,
    pub sections: &'static [Section],
    pub current: usize,
    pub on_select: Callback<String>,
}

/// The list of steps, to jump to any of them.
pub fn step_list(props: StepListProps) -> Html {
    let items = props.sections.iter().enumerate().map(|(i, s)| {
        let on_click = {
            let on_select = props.on_select.clone();
            let key = s.key.clone();
            Callback::from(move |_| on_select.emit(key.clone()))
        };
        let current = (i == props.current).then_some("step");
        html! {
            <li key={s.key.clone()}>
                <button type="button" class="cg-step-link" aria-current={current} onclick={on_click}>
                    <span class="cg-step-num" aria-hidden="true">{ i + 1 }</span>
                    <span>{ &s.title }</span>
                </button>
            </li>
        }
    });
    html! {
        <nav class="cg-steps" aria-label={props.label}>
            <ol>{ for items }</ol>
        </nav>
    }
}
