//! The guide on its own: the first download for a patient who keeps nothing on this device yet.
//! It links none of the diary's code. Choosing the diary or the summary, or finding anything
//! stored but a readable place in the guide, opens the whole widget in its place.

use yew::prelude::*;

use crate::components::app::BodyArgs;
use crate::components::i18n::use_guide;
use crate::components::walkthrough::Walkthrough;
use crate::core::config::{Part, Settings};
use crate::core::content::fetch_text;
use crate::core::lang::Lang;
use crate::core::store::{Keys, StoreError, StoreHandle};
use crate::core::walkthrough::{guide_alone, read_place, save_place, SavedPlace};
use crate::platform::mount::OpenWhole;

/// The body of the guide-alone module (see `app::Body`).
pub fn body(a: &BodyArgs) -> Html {
    html! {
        <GuideAlone view={*a.view} lang={a.lang} settings={a.settings.clone()}
            store={a.store.clone()} keys={a.keys.clone()} open_whole={a.open_whole.clone()} />
    }
}

#[derive(Properties, PartialEq)]
struct GuideAloneProps {
    view: Part,
    lang: Lang,
    settings: Settings,
    store: StoreHandle,
    keys: Keys,
    open_whole: Option<OpenWhole>,
}

#[component]
fn GuideAlone(props: &GuideAloneProps) -> Html {
    // Decided once, when the widget opens: what is stored then is the whole widget's to show.
    let alone = {
        let (store, keys) = (props.store.clone(), props.keys.clone());
        *use_state(move || guide_alone(&*store.0, &keys))
    };
    // A save that had to set an unreadable place aside (another tab wrote it while this one was
    // open) hands over too, with the guide left on screen (and focus in it) until the whole
    // widget takes its place: that tells the patient, and offers the copy.
    let set_aside = use_state_eq(|| false);
    let handover = |part| {
        props.open_whole.as_ref().map(|open| {
            html! { <Handover {part} lang={props.lang} open={open.clone()} /> }
        })
    };
    // Anything but the guide over a store it may show goes to the whole widget.
    if !(alone && props.view == Part::Learn) {
        if let Some(handover) = handover(props.view) {
            return handover;
        }
    }
    let load_place = {
        let (store, keys) = (props.store.clone(), props.keys.clone());
        Callback::from(move |()| read_place(&*store.0, &keys))
    };
    let save = {
        let (store, keys, set_aside) = (props.store.clone(), props.keys.clone(), set_aside.clone());
        Callback::from(move |step: String| {
            match save_place(&*store.0, &keys, &SavedPlace::at(step)) {
                Ok(Some(_)) => {
                    set_aside.set(true);
                    None
                }
                // Blocked: nothing can be kept, and the guide says so once, above the steps.
                Ok(None) | Err(StoreError::Blocked) => None,
                Err(e) => Some(e),
            }
        })
    };
    html! {
        <>
            { set_aside.then(|| handover(Part::Learn)).flatten() }
            <Walkthrough lang={props.lang} settings={props.settings.clone()} {load_place} save_place={save} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct HandoverProps {
    part: Part,
    lang: Lang,
    open: OpenWhole,
}

/// Asks the loader for the whole widget, opened at `part` in `lang`; says so while it loads, and
/// offers to try again if it could not load. The loader puts the whole widget in this one's place.
#[component]
fn Handover(props: &HandoverProps) -> Html {
    let content = use_guide();
    let failed = use_state_eq(|| false);
    let attempt = use_state(|| 0_u32);
    {
        let (open, failed) = (props.open.clone(), failed.clone());
        use_effect_with(
            (props.part, props.lang, *attempt),
            move |&(part, lang, _)| {
                failed.set(false);
                wasm_bindgen_futures::spawn_local(async move {
                    if open.open(part, lang).await.is_err() {
                        failed.set(true);
                    }
                });
            },
        );
    }
    if *failed {
        let retry = {
            let attempt = attempt.clone();
            Callback::from(move |_| attempt.set(*attempt + 1))
        };
        html! {
            <div class="cg-notice cg-notice-error" role="alert">
                <p>{ content.ui.part_failed() }</p>
                <button type="button" class="cg-button" onclick={retry}>{ fetch_text(props.lang).retry }</button>
            </div>
        }
    } else {
        html! { <p class="cg-notice" role="status">{ content.ui.part_loading() }</p> }
    }
}
