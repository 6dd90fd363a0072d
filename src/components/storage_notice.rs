use yew::prelude::*;

use crate::components::diary_provider::{DiaryHandle, DiaryNotice};
use crate::core::content::Content;
use crate::core::store::StoreError;

/// Tells the patient about blocked storage, failed deletes and updates from another tab. (Kept
/// copies of unreadable data and newer-version data are told by `KeptNotice`, in every part.)
///
/// What went as it should is said politely, into a region that is always on the page (a region
/// added with its words already in it may not be read out); what went wrong is an alert.
/// `said_before`: a polite notice this part found when it opened, said already in the part the
/// patient came from: not put in the new region (it would be added with its words in it).
pub fn storage_notice(c: &Content, diary: &DiaryHandle, said_before: Option<&DiaryNotice>) -> Html {
    let t = &c.diary;
    let said = |text: &str| html! { <p class="cg-notice">{ text.to_string() }</p> };
    let warn = |text: &str| html! { <p class="cg-notice cg-notice-warn" role="alert">{ text.to_string() }</p> };
    let (polite, alert) = match &diary.notice {
        Some(DiaryNotice::OtherTab) => (said(t.other_tab()), Html::default()),
        Some(DiaryNotice::DeletedElsewhere) => (said(t.deleted_elsewhere()), Html::default()),
        Some(DiaryNotice::BackAlready) => (said(t.undo_back_already()), Html::default()),
        // Another tab wrote a diary this one cannot read: a newer version's.
        Some(DiaryNotice::OtherTabUnreadable) => (Html::default(), warn(t.reason_newer())),
        Some(DiaryNotice::SavedAgain) => (Html::default(), warn(t.saved_again())),
        Some(DiaryNotice::RemovedByOther) => (Html::default(), warn(t.removed_by_other())),
        Some(DiaryNotice::ChangedNotDeleted) => (Html::default(), warn(t.delete_changed())),
        // The diary this tab saw stored is gone, unheard: the patient says what it was. Asked
        // again when keeping it failed, with why (a newer version's diary stored meanwhile is
        // named as such: its usual advice, to reload, would lose this page's copy).
        Some(notice @ (DiaryNotice::Gone | DiaryNotice::GoneKeepFailed(_))) => {
            let (keep, let_go) = (diary.clone(), diary.clone());
            let why = match notice {
                DiaryNotice::GoneKeepFailed(StoreError::NewerVersion) => {
                    html! { <p>{ t.gone_keep_newer().clone() }</p> }
                }
                DiaryNotice::GoneKeepFailed(e) => html! { <p>{ t.store_error(e) }</p> },
                _ => Html::default(),
            };
            (
                Html::default(),
                html! {
                    <div class="cg-notice cg-notice-warn cg-gone" role="alert">
                        { why }
                        <p>{ t.gone_said().clone() }</p>
                        <div class="cg-form-actions">
                            <button type="button" class="cg-button cg-button-primary"
                                onclick={Callback::from(move |_| keep.keep_here())}>{ t.gone_keep().clone() }</button>
                            <button type="button" class="cg-button"
                                onclick={Callback::from(move |_| let_go.let_go())}>{ t.gone_let_go().clone() }</button>
                        </div>
                    </div>
                },
            )
        }
        Some(DiaryNotice::WriteFailed(e)) => (
            Html::default(),
            html! { <p class="cg-notice cg-notice-error" role="alert">{ t.store_error(e) }</p> },
        ),
        _ => (Html::default(), Html::default()),
    };
    let polite = if said_before.is_some() && said_before == diary.notice.as_ref() {
        Html::default()
    } else {
        polite
    };
    html! {
        <>
            if diary.blocked { <p class="cg-notice cg-notice-warn" role="alert">{ t.blocked() }</p> }
            <div class="cg-said" role="status">{ polite }</div>
            { alert }
        </>
    }
}
