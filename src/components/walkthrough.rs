use std::rc::Rc;

use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::i18n::use_guide;
use crate::components::section_view::{section_view, SectionViewProps};
use crate::components::step_list::{step_list, StepListProps};
use crate::core::config::Settings;
use crate::core::lang::Lang;
use crate::core::store::StoreError;
use crate::core::walkthrough::{SavedPlace, Walkthrough as Steps};

#[derive(Properties, PartialEq)]
pub struct WalkthroughProps {
    pub lang: Lang,
    /// For the numbers shown on the Symptoms step (defaults filled in).
    pub settings: Settings,
    /// Reads the stored place (once, when the guide opens).
    pub load_place: Callback<(), Option<SavedPlace>>,
    /// Keeps the place of the step shown; gives the error if it could not be kept.
    pub save_place: Callback<String, Option<StoreError>>,
}

/// The education walk-through, one step per section. Remembers the last step across reloads.
#[component]
pub fn Walkthrough(props: &WalkthroughProps) -> Html {
    let content = use_guide();
    let ui: &crate::core::content::Ui = &content.ui;
    // The place is read and written by the caller: through the diary's provider in the whole
    // widget, straight to storage when the guide opens alone.
    let steps = {
        let load = props.load_place.clone();
        use_state(move || {
            let keys = content.sections.iter().map(|s| s.key.clone());
            Steps::new(keys).resume(load.emit(()).as_ref())
        })
    };
    // `_eq`: the effect below sets it after every render of a new step, nearly always to the same
    // `None`; a plain `use_state` would render the whole step again each time.
    let save_failed = use_state_eq(|| None::<StoreError>);
    // The step a move went to, until its heading has focus.
    let moved = use_mut_ref(|| None::<String>);
    let heading = use_node_ref();

    {
        // Persist the place and, after a move (not on first render), put focus on the new heading:
        // only the heading of the step moved to, even when this effect is a render behind it.
        let (save, save_failed, moved, heading) = (
            props.save_place.clone(),
            save_failed.clone(),
            moved.clone(),
            heading.clone(),
        );
        use_effect_with(steps.key().to_string(), move |step| {
            // Never over a newer version's place; corrupt data is copied aside first.
            save_failed.set(save.emit(step.clone()));
            let arrived = moved.borrow().as_deref() == Some(step.as_str());
            if arrived {
                moved.borrow_mut().take();
                if let Some(h) = heading.cast::<HtmlElement>() {
                    let _focus_is_best_effort = h.focus();
                }
            }
        });
    }

    let go = {
        let (steps, moved) = (steps.clone(), moved.clone());
        Rc::new(move |change: &dyn Fn(&mut Steps) -> bool| {
            let mut next = (*steps).clone();
            if change(&mut next) {
                *moved.borrow_mut() = Some(next.key().to_string());
                steps.set(next);
            }
        })
    };
    let on_back = {
        let go = go.clone();
        Callback::from(move |_| go(&|s| s.back()))
    };
    let on_next = {
        let go = go.clone();
        Callback::from(move |_| go(&|s| s.forward()))
    };
    let on_select = Callback::from(move |k: String| go(&|s| s.go_to(&k)));

    let section = &content.sections[steps.index()];
    let step_label = ui.step_of(steps.number(), steps.len());
    html! {
        <div class="cg-walk">
            { step_list(StepListProps { label: ui.steps_nav_label(), sections: content.sections.as_slice(), current: steps.index(), on_select }) }
            <div class="cg-walk-main">
                { section_view(content, &SectionViewProps { section, ui, glossary: &content.glossary, step_label: step_label.clone(), heading_ref: heading, settings: props.settings.clone() }) }
                if let Some(e) = &*save_failed {
                    <p class="cg-notice cg-notice-warn" role="alert">{
                        if *e == StoreError::NewerVersion { ui.save_refused_step_newer() } else { ui.save_failed_step() }
                    }</p>
                }
                <div class="cg-pager">
                    if !steps.is_first() {
                        <button type="button" class="cg-button" onclick={on_back}>
                            <span aria-hidden="true">{ "\u{2190} " }</span>{ ui.back() }
                        </button>
                    }
                    <span class="cg-pager-count" aria-hidden="true">{ step_label }</span>
                    if steps.is_last() {
                        <p class="cg-end">{ ui.end_of_guide() }</p>
                    } else {
                        <button type="button" class="cg-button cg-button-primary" onclick={on_next}>
                            { ui.next() }<span aria-hidden="true">{ " \u{2192}" }</span>
                        </button>
                    }
                </div>
            </div>
        </div>
    }
}
