use yew::prelude::*;

use crate::components::diary_provider::{use_diary, Behind};
use crate::components::export_panel::refused;
use crate::components::i18n::use_content;
use crate::core::export::Download;
use crate::core::kept::Kind;
use crate::platform::download::download;

/// Tells the patient, in every part of the guide, about stored data this version could not use:
/// a diary the storage could not read, copies of corrupt data (kept exactly; download or delete
/// them) and data written by a newer version (left in place and not written over).
#[component]
pub fn KeptNotice() -> Html {
    let c = use_content();
    let (t, summary) = (&c.diary, &c.summary);
    let diary = use_diary();
    let confirming = use_state(|| None::<String>);
    let failure = use_state(|| None::<String>);
    let kept = diary.kept.iter().map(|copy| {
        let key = &copy.key;
        let on_download = {
            let (diary, key, failure) = (diary.clone(), key.clone(), failure.clone());
            Callback::from(move |_| {
                // Never an empty file in its place: the patient is told why there is none.
                let said = match diary.unreadable_text(&key) {
                    Ok(Some(text)) => {
                        let file = Download::KeptCopy { key: &key };
                        download(&file.file_name(), file.mime(), &text)
                            .err()
                            .map(|e| refused(summary, e))
                    }
                    Ok(None) => Some(t.raw_gone().clone()),
                    Err(e) => Some(t.store_error(&e)),
                };
                failure.set(said);
            })
        };
        let asking = confirming.as_deref() == Some(key.as_str());
        let on_ask = {
            let (confirming, key) = (confirming.clone(), key.clone());
            Callback::from(move |_| confirming.set(Some(key.clone())))
        };
        let on_yes = {
            let (diary, key, confirming, failure) =
                (diary.clone(), key.clone(), confirming.clone(), failure.clone());
            Callback::from(move |_| {
                confirming.set(None);
                if let Err(e) = diary.forget_unreadable(&key) {
                    failure.set(Some(t.store_error(&e)));
                }
            })
        };
        let on_no = {
            let confirming = confirming.clone();
            Callback::from(move |_| confirming.set(None))
        };
        let text = match copy.kind {
            Kind::Diary => t.unreadable(),
            Kind::Prefs => t.unreadable_prefs(),
            Kind::Place => t.unreadable_place(),
            Kind::Drafts => t.unreadable_drafts(),
        };
        html! {
            <div class="cg-notice cg-notice-warn cg-unreadable" role="alert" key={key.clone()}>
                <p>{ text }</p>
                <button type="button" class="cg-button" onclick={on_download}>{ t.download_raw() }</button>
                if asking {
                    <p>{ t.confirm_delete_raw() }</p>
                    <button type="button" class="cg-button cg-button-danger" onclick={on_yes}>{ t.confirm_yes() }</button>
                    <button type="button" class="cg-button" onclick={on_no}>{ t.confirm_no() }</button>
                } else {
                    <button type="button" class="cg-button cg-button-quiet" onclick={on_ask}>{ t.delete_raw() }</button>
                }
            </div>
        }
    });
    let newer = diary.newer.iter().map(|kind| {
        let text = match kind {
            Kind::Diary => t.newer_diary(),
            Kind::Prefs => t.newer_prefs(),
            Kind::Place => t.newer_place(),
            Kind::Drafts => t.newer_drafts(),
        };
        html! { <p class="cg-notice cg-notice-warn cg-newer" role="alert">{ text }</p> }
    });
    // Unreadable data that could not be copied aside stays where it was; saying so matters more
    // than which kind it was (later saves to it fail, and say why).
    let stuck = diary.set_aside_failed.first().map(|(_, e)| {
        html! { <p class="cg-notice cg-notice-error cg-stuck" role="alert">{ t.set_aside_failed().replace("{reason}", &t.store_error(e)) }</p> }
    });
    // The diary itself could not be read at open: the patient must not take the empty page
    // for a lost diary. (A newer version's diary is told by `newer`.)
    let unread = match &diary.behind {
        Some(Behind::Unread(e)) => Some(t.behind_unread().replace("{reason}", &t.store_error(e))),
        _ => None,
    }
    .map(|said| html! { <p class="cg-notice cg-notice-error cg-unread" role="alert">{ said }</p> });
    html! {
        <>
            <>{ for unread }</>
            <>{ for stuck }</>
            <>{ for newer }</>
            <>{ for kept }</>
            if let Some(f) = &*failure { <p class="cg-notice cg-notice-error" role="alert">{ f }</p> }
        </>
    }
}
