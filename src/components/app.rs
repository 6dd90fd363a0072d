use yew::prelude::*;

use crate::components::diary_provider::{use_diary, DiaryProvider};
use crate::components::diary_view::DiaryView;
use crate::components::disclaimer::disclaimer;
use crate::components::i18n::{use_content, ContentRef, GuideRef};
use crate::components::kept_notice::KeptNotice;
use crate::components::summary_view::SummaryView;
use crate::components::walkthrough::Walkthrough;
use crate::core::config::{Part, Settings};
use crate::core::content::{content, fetch_text, guide, Texts};
use crate::core::lang::Lang;
use crate::core::store::{Keys, StoreError, StoreHandle};
use crate::platform;
use crate::platform::mount::OpenWhole;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub settings: Settings,
    pub store: StoreHandle,
    /// The widget's folder (ending in `/`): each language's text is fetched from there.
    pub content_base: AttrValue,
    /// What shows below the header: the whole widget (`whole`), or the guide alone.
    pub body: Body,
    /// The text it needs: the whole widget's, or the guide's alone.
    pub texts: Texts,
    /// When the guide opens alone: how to open the whole widget in its place.
    pub open_whole: Option<OpenWhole>,
}

/// What the widget shows below its header, for the part chosen. A plain function, so the guide
/// alone (a module of its own) links none of the diary's code.
#[derive(Clone, Copy)]
pub struct Body(pub fn(&BodyArgs) -> Html);

impl PartialEq for Body {
    /// Fixed for the life of a mount.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// What a body gets from the app around it.
pub struct BodyArgs {
    /// The part chosen with the tabs.
    pub view: UseStateHandle<Part>,
    /// Set when the diary's backup reminder opens the summary: focus goes to the backup button.
    pub to_backup: UseStateHandle<bool>,
    /// With the language on screen and the defaults filled in.
    pub settings: Settings,
    pub store: StoreHandle,
    pub keys: Keys,
    pub lang: Lang,
    pub open_whole: Option<OpenWhole>,
}

/// The whole widget below the header: every part, with the diary's data shared through context.
pub fn whole(a: &BodyArgs) -> Html {
    // Always there: the whole widget mounts with `Texts::WHOLE`, and the App shows a body only
    // once that text is installed. A mount that paired this body with the guide's text alone
    // would show the header and nothing below it, never a panic.
    let Some(content) = content(a.lang) else {
        return Html::default();
    };
    let settings = a.settings.clone();
    let view = a.view.clone();
    html! {
        <ContextProvider<ContentRef> context={ContentRef(content)}>
            <DiaryProvider store={a.store.clone()} keys={a.keys.clone()}>
                <div class="cg-no-print"><KeptNotice /></div>
                {
                    match *view {
                        Part::Learn => {
                            let on_open_diary = settings.parts.contains(&Part::Diary).then(|| {
                                let view = view.clone();
                                Callback::from(move |()| view.set(Part::Diary))
                            });
                            html! { <DiaryGuide lang={a.lang} {settings} {on_open_diary} /> }
                        }
                        Part::Diary => {
                            let on_go_to_summary = settings.parts.contains(&Part::Summary).then(|| {
                                let to_backup = a.to_backup.clone();
                                Callback::from(move |_| {
                                    to_backup.set(true);
                                    view.set(Part::Summary)
                                })
                            });
                            html! { <DiaryView {settings} {on_go_to_summary} /> }
                        }
                        Part::Summary => html! { <SummaryView {settings} focus_backup={*a.to_backup} /> },
                    }
                }
            </DiaryProvider>
        </ContextProvider<ContentRef>>
    }
}

#[derive(Properties, PartialEq)]
struct DiaryGuideProps {
    lang: Lang,
    settings: Settings,
    /// Opens the diary (absent when the clinic hides it).
    on_open_diary: Option<Callback<()>>,
}

/// The guide inside the whole widget: its place is read and written through the diary's
/// provider, like everything else stored (a corrupt place set aside is listed there). A
/// check-in started and not saved (kept from before a reload, or left by another tab) is said
/// above the guide, with a way to it: the widget opens on the guide, and the patient would
/// otherwise not know it waits in the diary, nor think to look.
#[component]
fn DiaryGuide(props: &DiaryGuideProps) -> Html {
    let diary = use_diary();
    let c = use_content();
    let waiting = match &props.on_open_diary {
        Some(open) if diary.drafts.check_in.is_some() || diary.waiting.form => {
            let open = open.clone();
            // Focus first to the diary's tab, which stays: this button goes with the guide, and
            // the form that opens takes focus from there to its heading.
            let onclick = Callback::from(move |e: MouseEvent| {
                let tab = e
                    .target_dyn_into::<web_sys::Element>()
                    .and_then(|b| b.closest(".cg").ok().flatten())
                    .and_then(|root| {
                        root.query_selector(".cg-tab[data-part=\"diary\"]")
                            .ok()
                            .flatten()
                    })
                    .and_then(|tab| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(tab).ok()
                    });
                if let Some(tab) = tab {
                    let _focus_is_best_effort = tab.focus();
                }
                open.emit(());
            });
            html! {
                <div class="cg-notice cg-waiting cg-no-print" role="note">
                    <p>{ c.diary.waiting_form() }</p>
                    <button type="button" class="cg-button" {onclick}>{ c.diary.open_waiting_form() }</button>
                </div>
            }
        }
        _ => Html::default(),
    };
    let load_place = {
        let diary = diary.clone();
        Callback::from(move |()| diary.saved_place())
    };
    let save_place = Callback::from(move |step: String| diary.save_place(&step).err());
    html! {
        <>
            { waiting }
            <Walkthrough lang={props.lang} settings={props.settings.clone()} {load_place} {save_place} />
        </>
    }
}

/// Where fetching a language's text stands.
#[derive(Clone, Copy, PartialEq)]
enum Fetch {
    Idle,
    Loading,
    Failed,
}

/// The widget root: a labelled `<section>` (never `<main>`: it lives inside clinic pages).
#[component]
pub fn App(props: &AppProps) -> Html {
    // The language asked for, and the one whose text is on screen (none until the first arrives).
    let lang_state = use_state(|| props.settings.lang);
    let lang = *lang_state;
    let texts = props.texts;
    // `_eq`: setting the same value again (the usual case once the text is there) re-renders nothing.
    let shown = use_state_eq(|| (texts.installed)(lang).then_some(lang));
    let fetch = use_state_eq(|| match (texts.installed)(lang) {
        true => Fetch::Idle,
        false => Fetch::Loading,
    });
    let attempt = use_state(|| 0_u32);
    let wanted = use_mut_ref(|| lang);
    {
        let (shown, fetch, wanted, base) = (
            shown.clone(),
            fetch.clone(),
            wanted.clone(),
            props.content_base.clone(),
        );
        use_effect_with((lang, *attempt), move |&(lang, _)| {
            *wanted.borrow_mut() = lang;
            if (texts.installed)(lang) {
                shown.set(Some(lang));
                fetch.set(Fetch::Idle);
                return;
            }
            fetch.set(Fetch::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let url = format!("{base}{}", (texts.path)(lang));
                let result = match platform::fetch::text(&url).await {
                    Ok(text) => (texts.install)(lang, &text).map_err(|e| e.to_string()),
                    Err(e) => Err(format!("{url}: {e}")),
                };
                // A later choice of language wins over a fetch that arrives late.
                if *wanted.borrow() != lang {
                    return;
                }
                match result {
                    Ok(()) => {
                        shown.set(Some(lang));
                        fetch.set(Fetch::Idle);
                    }
                    Err(e) => {
                        web_sys::console::error_1(&format!("calcinosis-guide: {e}").into());
                        fetch.set(Fetch::Failed);
                    }
                }
            });
        });
    }
    let blocked = {
        let store = props.store.clone();
        *use_state(move || matches!(store.0.keys(), Err(StoreError::Blocked)))
    };
    let view = use_state(|| props.settings.start);
    // Set when the diary's backup reminder opens the summary: focus goes to the backup button.
    let to_backup = use_state(|| false);

    // Asking for a language's text, in that language: shown while it loads or after it failed.
    let fetch_notice = {
        let t = fetch_text(lang);
        let retry = {
            let attempt = attempt.clone();
            Callback::from(move |_| attempt.set(*attempt + 1))
        };
        match *fetch {
            Fetch::Idle => Html::default(),
            Fetch::Loading => html! {
                <p class="cg-notice" role="status" lang={lang.tag()}>{ t.loading }</p>
            },
            Fetch::Failed => html! {
                <div class="cg-notice cg-notice-error" role="alert" lang={lang.tag()}>
                    <p>{ t.failed }</p>
                    <button type="button" class="cg-button" onclick={retry}>{ t.retry }</button>
                </div>
            },
        }
    };
    let Some(content) = (*shown).and_then(guide) else {
        return html! {
            <section class="cg" aria-label="Calcinosis Guide" lang={lang.tag()}>{ fetch_notice }</section>
        };
    };
    let lang = content.lang;
    let ui = &content.ui;
    let keys = Keys::new(&props.settings.namespace);
    let tab = |v: Part, label: &str| {
        let (view_state, to_backup) = (view.clone(), to_backup.clone());
        html! {
            <button type="button" class="cg-tab" data-part={v.id()} aria-pressed={(*view == v).to_string()}
                onclick={Callback::from(move |_| {
                    to_backup.set(false);
                    view_state.set(v)
                })}>{ label.to_string() }</button>
        }
    };
    let settings = Settings {
        lang,
        ..props.settings.clone()
    }
    .with_defaults();
    let switcher = Lang::ALL.iter().map(|&l| {
        let lang_state = lang_state.clone();
        html! {
            <button type="button" class="cg-lang" lang={l.tag()} aria-pressed={(l == lang).to_string()}
                onclick={Callback::from(move |_| lang_state.set(l))}>{ l.autonym() }</button>
        }
    });
    let title = match &props.settings.clinic_name {
        Some(clinic) => format!("{} · {clinic}", ui.app_title()),
        None => ui.app_title().clone(),
    };

    html! {
        <ContextProvider<GuideRef> context={GuideRef(content)}>
            <section class="cg" aria-label={ui.widget_label().clone()} lang={lang.tag()}>
                <header class="cg-header cg-no-print">
                    <h2 class="cg-title" tabindex="-1">{ title }</h2>
                    <p class="cg-tagline">{ ui.app_tagline() }</p>
                    <div class="cg-langs" role="group" aria-label={ui.language_label().clone()}>{ for switcher }</div>
                    { fetch_notice }
                    if props.settings.parts.len() > 1 {
                        <nav class="cg-tabs" aria-label={ui.tabs_label().clone()}>
                            { for props.settings.parts.iter().map(|p| match p {
                                Part::Learn => tab(*p, ui.tab_learn()),
                                Part::Diary => tab(*p, ui.tab_diary()),
                                Part::Summary => tab(*p, ui.tab_summary()),
                            }) }
                        </nav>
                    }
                </header>
                { disclaimer(ui.disclaimer(), *view != Part::Summary) }
                if blocked && *view == Part::Learn {
                    <p class="cg-notice cg-notice-warn" role="status">{ ui.storage_blocked() }</p>
                }
                { (props.body.0)(&BodyArgs { view: view.clone(), to_backup: to_backup.clone(), settings, store: props.store.clone(), keys, lang, open_whole: props.open_whole.clone() }) }
            </section>
        </ContextProvider<GuideRef>>
    }
}
