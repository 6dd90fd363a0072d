use wasm_bindgen::JsCast;
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
        Some(DiaryNotice::Gone) => (Html::default(), gone_question(c, diary, None)),
        Some(DiaryNotice::GoneKeepFailed(e)) => (Html::default(), gone_question(c, diary, Some(e))),
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

/// The diary this tab saw stored is gone, unheard: the patient says what it was (keep it on this
/// device, or let it go). Asked again when keeping it failed (`keep_failed`), with why (a newer
/// version's diary stored meanwhile is named as such: its usual advice, to reload, would lose this
/// page's copy).
///
/// It is what must be answered before anything else is kept: a part whose button went with what
/// the patient did (as "Yes, delete it" does) gives it the focus (`gone_question_takes_focus`),
/// which scrolls it into view. It never takes the focus by itself (asked again as a widget mounts
/// anew, it would scroll the clinic's page on its own). Once answered (it goes, and its buttons
/// with it) focus goes to the heading of the part it was in, just above what is said next, not
/// to the page (`answered`).
fn gone_question(c: &Content, diary: &DiaryHandle, keep_failed: Option<&StoreError>) -> Html {
    let t = &c.diary;
    let why = match keep_failed {
        Some(StoreError::NewerVersion) => html! { <p>{ t.gone_keep_newer().clone() }</p> },
        Some(e) => html! { <p>{ t.store_error(e) }</p> },
        None => Html::default(),
    };
    let (keep, let_go) = (diary.clone(), diary.clone());
    html! {
        <div class="cg-notice cg-notice-warn cg-gone" role="alert" tabindex="-1">
            { why }
            <p>{ t.gone_said().clone() }</p>
            <div class="cg-form-actions">
                <button type="button" class="cg-button cg-button-primary"
                    onclick={Callback::from(move |e: MouseEvent| {
                        answered(&e);
                        keep.keep_here()
                    })}>{ t.gone_keep().clone() }</button>
                <button type="button" class="cg-button"
                    onclick={Callback::from(move |e: MouseEvent| {
                        answered(&e);
                        let_go.let_go()
                    })}>{ t.gone_let_go().clone() }</button>
            </div>
        </div>
    }
}

/// The question a diary found gone asks was answered by the button `e` came from: once every part
/// has rendered, if the question went (and its buttons, and the focus, with it), the focus goes to
/// the part's heading. Only then: a question that goes for another reason (the widget mounted
/// anew, another tab deleted everything) leaves the focus where the patient is, perhaps further
/// down the clinic's page.
fn answered(e: &MouseEvent) {
    let Some(button) = e.target_dyn_into::<web_sys::Element>() else {
        return;
    };
    // Its root now: once taken off the page, it is its own.
    let root = button.get_root_node();
    gloo_timers::callback::Timeout::new(0, move || {
        if !button.is_connected() {
            heading_takes_lost_focus(&root);
        }
    })
    .forget();
}

/// Gives the question a diary found gone asks (`gone_question`) the keyboard focus once every part
/// has rendered, if focus was lost meanwhile (the button pressed went): for a part whose button
/// went with the patient's answer; `near` is any element of that part.
pub fn gone_question_takes_focus(near: &NodeRef) {
    let Some(root) = near.cast::<web_sys::Element>().map(|el| el.get_root_node()) else {
        return;
    };
    gloo_timers::callback::Timeout::new(0, move || {
        if let Some(q) = found_in(&root, ".cg-gone") {
            if focus_lost(&q) {
                let _focus_is_best_effort = q.focus();
            }
        }
    })
    .forget();
}

/// Whether keyboard focus is nowhere in the widget or on the host page: on the page's body (or
/// nothing), as when the focused button was taken off the page. Never taken from where the
/// patient is.
fn focus_lost(inside: &web_sys::Element) -> bool {
    let Some(doc) = inside.owner_document() else {
        return false;
    };
    if let Some(root) = inside.get_root_node().dyn_ref::<web_sys::ShadowRoot>() {
        if root.active_element().is_some() {
            return false;
        }
    }
    match doc.active_element() {
        None => true,
        Some(active) => doc.body().is_some_and(|b| active.is_same_node(Some(&b))),
    }
}

/// Focuses the heading of the part shown (`.cg-view-title`) in `root` when focus is lost.
fn heading_takes_lost_focus(root: &web_sys::Node) {
    let Some(heading) = found_in(root, ".cg-view-title") else {
        return;
    };
    if !focus_lost(&heading) {
        return;
    }
    if !heading.has_attribute("tabindex") {
        let _ = heading.set_attribute("tabindex", "-1");
    }
    let _focus_is_best_effort = heading.focus();
}

/// The first element matching `selector` in `root` (the widget's shadow root, or the page).
fn found_in(root: &web_sys::Node, selector: &str) -> Option<web_sys::HtmlElement> {
    let found = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(r) => r.query_selector(selector),
        None => root
            .dyn_ref::<web_sys::Document>()?
            .query_selector(selector),
    };
    found.ok().flatten()?.dyn_into().ok()
}
