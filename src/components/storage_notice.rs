use yew::prelude::*;

use crate::components::diary_provider::{DiaryHandle, DiaryNotice};
use crate::core::content::Content;

/// Tells the patient about blocked storage, failed deletes and updates from another tab. (Kept
/// copies of unreadable data and newer-version data are told by `KeptNotice`, in every part.)
pub fn storage_notice(c: &Content, diary: &DiaryHandle) -> Html {
    let t = &c.diary;
    let other = match &diary.notice {
        Some(DiaryNotice::OtherTab) => {
            html! { <p class="cg-notice" role="status">{ t.other_tab() }</p> }
        }
        Some(DiaryNotice::DeletedElsewhere) => {
            html! { <p class="cg-notice" role="status">{ t.deleted_elsewhere() }</p> }
        }
        // Another tab wrote a diary this one cannot read: a newer version's.
        Some(DiaryNotice::OtherTabUnreadable) => html! {
            <p class="cg-notice cg-notice-warn" role="alert">{ t.reason_newer() }</p>
        },
        Some(DiaryNotice::SavedAgain) => html! {
            <p class="cg-notice cg-notice-warn" role="alert">{ t.saved_again() }</p>
        },
        Some(DiaryNotice::ChangedNotDeleted) => html! {
            <p class="cg-notice cg-notice-warn" role="alert">{ t.delete_changed() }</p>
        },
        Some(DiaryNotice::BackAlready) => {
            html! { <p class="cg-notice" role="status">{ t.undo_back_already() }</p> }
        }
        Some(DiaryNotice::WriteFailed(e)) => html! {
            <p class="cg-notice cg-notice-error" role="alert">{ t.store_error(e) }</p>
        },
        _ => Html::default(),
    };
    html! {
        <>
            if diary.blocked { <p class="cg-notice cg-notice-warn" role="alert">{ t.blocked() }</p> }
            { other }
        </>
    }
}
