use std::rc::Rc;

use yew::prelude::*;

use crate::components::diary_provider::DiaryProvider;
use crate::components::diary_view::DiaryView;
use crate::components::disclaimer::Disclaimer;
use crate::components::i18n::ContentRef;
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

#[derive(Clone, Copy, PartialEq)]
enum View {
    Learn,
    Diary,
}

/// The widget root: a labelled `<section>` (never `<main>`: it lives inside clinic pages).
#[component]
pub fn App(props: &AppProps) -> Html {
    let lang = props.settings.lang;
    let blocked = {
        let store = props.store.clone();
        *use_state(move || matches!(store.0.keys(), Err(StoreError::Blocked)))
    };
    let view = use_state(|| View::Learn);
    let content = match content(lang) {
        Ok(c) => c,
        Err(e) => {
            web_sys::console::error_1(&format!("calcinosis-guide: {e}").into());
            return html! { <section class="cg" aria-label="Calcinosis Guide"><p role="alert">{ "Sorry, the guide could not load its text. Please tell your clinic." }</p></section> };
        }
    };
    let ui = &content.ui;
    let keys = Keys::new(&props.settings.namespace);
    let tab = |v: View, label: &str| {
        let view_state = view.clone();
        html! {
            <button type="button" class="cg-tab" aria-pressed={(*view == v).to_string()}
                onclick={Callback::from(move |_| view_state.set(v))}>{ label.to_string() }</button>
        }
    };
    let title = match &props.settings.clinic_name {
        Some(clinic) => format!("{} · {clinic}", ui.app_title),
        None => ui.app_title.clone(),
    };

    html! {
        <ContextProvider<ContentRef> context={ContentRef(content)}>
            <section class="cg" aria-label={ui.widget_label.clone()} lang={lang.tag()}>
                <header class="cg-header">
                    <h2 class="cg-title">{ title }</h2>
                    <p class="cg-tagline">{ &ui.app_tagline }</p>
                    <nav class="cg-tabs" aria-label={content.diary.tabs_label.clone()}>
                        { tab(View::Learn, &content.diary.tab_learn) }
                        { tab(View::Diary, &content.diary.tab_diary) }
                    </nav>
                </header>
                <Disclaimer text={ui.disclaimer.clone()} />
                if blocked && *view == View::Learn {
                    <p class="cg-notice cg-notice-warn" role="status">{ &ui.storage_blocked }</p>
                }
                <DiaryProvider store={props.store.clone()} keys={keys.clone()}>
                    if *view == View::Learn {
                        <Walkthrough {lang} store={props.store.clone()} {keys} />
                    } else {
                        <DiaryView settings={props.settings.clone()} />
                    }
                </DiaryProvider>
            </section>
        </ContextProvider<ContentRef>>
    }
}
