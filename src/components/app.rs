use std::rc::Rc;

use yew::prelude::*;

use crate::components::disclaimer::Disclaimer;
use crate::components::walkthrough::Walkthrough;
use crate::core::config::Settings;
use crate::core::content::content;
use crate::core::store::{Keys, Store, StoreError};

/// The storage the widget writes to; compared by identity so it can be a prop.
#[derive(Clone)]
pub struct StoreHandle(pub Rc<dyn Store>);

impl PartialEq for StoreHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub settings: Settings,
    pub store: StoreHandle,
}

/// The widget root: a labelled `<section>` (never `<main>`: it lives inside clinic pages).
#[component]
pub fn App(props: &AppProps) -> Html {
    let lang = props.settings.lang;
    let blocked = {
        let store = props.store.clone();
        *use_state(move || matches!(store.0.keys(), Err(StoreError::Blocked)))
    };
    let content = match content(lang) {
        Ok(c) => c,
        Err(e) => {
            web_sys::console::error_1(&format!("calcinosis-guide: {e}").into());
            return html! { <section class="cg" aria-label="Calcinosis Guide"><p role="alert">{ "Sorry, the guide could not load its text. Please tell your clinic." }</p></section> };
        }
    };
    let ui = &content.ui;
    let keys = Keys::new(&props.settings.namespace);

    html! {
        <section class="cg" aria-label={ui.widget_label.clone()} lang={lang.tag()}>
            <header class="cg-header">
                <h2 class="cg-title">{ &ui.app_title }</h2>
                <p class="cg-tagline">{ &ui.app_tagline }</p>
            </header>
            <Disclaimer text={ui.disclaimer.clone()} />
            if blocked {
                <p class="cg-notice cg-notice-warn" role="status">{ &ui.storage_blocked }</p>
            }
            <Walkthrough {lang} store={props.store.clone()} {keys} />
        </section>
    }
}
