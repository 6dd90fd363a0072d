use yew::prelude::*;

use crate::components::check_in_form::store_error_text;
use crate::components::diary_provider::{use_diary, DiaryNotice};
use crate::components::i18n::use_content;
use crate::platform::download::download;

/// Tells the patient about stored data that could not be read (kept, downloadable), blocked
/// storage, failed deletes and updates from another tab.
#[component]
pub fn StorageNotice() -> Html {
    let c = use_content();
    let t = &c.diary;
    let diary = use_diary();
    let confirming = use_state(|| None::<String>);
    let failure = use_state(|| None::<String>);
    let unreadable = diary.unreadable.iter().map(|key| {
        let on_download = {
            let (diary, key, failure) = (diary.clone(), key.clone(), failure.clone());
            Callback::from(move |_| {
                let text = diary.unreadable_text(&key).unwrap_or_default();
                let name = format!("{}.txt", key.replace('.', "-"));
                if let Err(e) = download(&name, "text/plain", &text) {
                    failure.set(Some(e));
                }
            })
        };
        let asking = confirming.as_deref() == Some(key.as_str());
        let on_ask = {
            let (confirming, key) = (confirming.clone(), key.clone());
            Callback::from(move |_| confirming.set(Some(key.clone())))
        };
        let on_yes = {
            let (diary, key, confirming, failure, t) = (diary.clone(), key.clone(), confirming.clone(), failure.clone(), t);
            Callback::from(move |_| {
                confirming.set(None);
                if let Err(e) = diary.forget_unreadable(&key) {
                    failure.set(Some(store_error_text(t, &e)));
                }
            })
        };
        let on_no = {
            let confirming = confirming.clone();
            Callback::from(move |_| confirming.set(None))
        };
        html! {
            <div class="cg-notice cg-notice-warn cg-unreadable" role="alert">
                <p>{ &t.unreadable }</p>
                <button type="button" class="cg-button" onclick={on_download}>{ &t.download_raw }</button>
                if asking {
                    <p>{ &t.confirm_delete_raw }</p>
                    <button type="button" class="cg-button cg-button-danger" onclick={on_yes}>{ &t.confirm_yes }</button>
                    <button type="button" class="cg-button" onclick={on_no}>{ &t.confirm_no }</button>
                } else {
                    <button type="button" class="cg-button cg-button-quiet" onclick={on_ask}>{ &t.delete_raw }</button>
                }
            </div>
        }
    });
    let other = match &diary.notice {
        Some(DiaryNotice::OtherTab) => {
            html! { <p class="cg-notice" role="status">{ &t.other_tab }</p> }
        }
        Some(DiaryNotice::DeletedElsewhere) => {
            html! { <p class="cg-notice" role="status">{ &t.deleted_elsewhere }</p> }
        }
        Some(DiaryNotice::DeleteFailed(e)) => html! {
            <p class="cg-notice cg-notice-error" role="alert">{ store_error_text(t, e) }</p>
        },
        _ => Html::default(),
    };
    html! {
        <>
            if diary.blocked { <p class="cg-notice cg-notice-warn" role="alert">{ &t.blocked }</p> }
            { for unreadable }
            if let Some(f) = &*failure { <p class="cg-notice cg-notice-error" role="alert">{ f }</p> }
            { other }
        </>
    }
}
