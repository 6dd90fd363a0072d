use yew::prelude::*;

use crate::components::diary_provider::{use_deleted_all, use_diary};
use crate::components::focus::use_focus_later;
use crate::components::i18n::use_content;
use crate::components::lasting::use_lasting;
use crate::components::lesion_item::LesionItem;
use crate::core::diary::Lesion;
use crate::core::diary_store::{LesionEdit, LesionEditError};
use crate::core::drafts::ShortForm;

/// "Your lumps and sores": every lesion of the diary (followed and healed alike) in the order
/// they were first added, each with rename, healed / follow again, and its own trend; one that no
/// check-in notes may be taken off the list, with an Undo. The order stays put when one is marked
/// healed, so keyboard focus stays on the button just used.
#[component]
pub fn LesionList() -> Html {
    let c = use_content();
    let t = &c.diary;
    let diary = use_diary();
    // The lump just taken off the list and its place words, for Undo: lasting until the page is
    // left, as the other Undos (a tap on Remove is easy to make by mistake with stiff fingers).
    let removed = use_lasting("lesions.removed", |_| true, || None::<(Lesion, String)>);
    let error = use_state(|| None::<String>);
    // Everything was deleted (here or in another tab): nothing deleted is put back from here.
    if use_deleted_all(&diary) {
        removed.set(None);
        error.set(None);
    }
    let (undo_button, heading, focus) = (use_node_ref(), use_node_ref(), use_focus_later());
    let on_removed = {
        let (removed, error, focus, undo_button) = (
            removed.clone(),
            error.clone(),
            focus.clone(),
            undo_button.clone(),
        );
        // Its item is gone: focus goes to Undo, which says what happened.
        Callback::from(move |gone: (Lesion, String)| {
            removed.set(Some(gone));
            error.set(None);
            focus.request(&undo_button);
        })
    };
    let on_undo = {
        let (diary, removed, error, focus, heading) = (
            diary.clone(),
            removed.clone(),
            error.clone(),
            focus.clone(),
            heading.clone(),
        );
        let not_saved = t.lesion_not_saved().clone();
        let gone = t.lesion_gone().clone();
        let store_error = move |e: &crate::core::store::StoreError| c.diary.store_error(e);
        Callback::from(move |_| {
            let Some((lesion, _)) = (*removed).clone() else {
                return;
            };
            let id = lesion.id.clone();
            match diary.edit_lesion(&id, LesionEdit::PutBack(Box::new(lesion))) {
                Ok(()) => {
                    removed.set(None);
                    error.set(None);
                    focus.request(&heading);
                }
                Err(LesionEditError::Store(e)) => {
                    error.set(Some(not_saved.replace("{reason}", &store_error(&e))))
                }
                // Its removal no longer stored (everything deleted since, in another tab): said.
                Err(LesionEditError::Gone) => {
                    removed.set(None);
                    error.set(Some(gone.clone()));
                    focus.request(&heading);
                }
                Err(_) => removed.set(None),
            }
        })
    };
    // A lump taken off the list in another tab while a new name for it is typed here stays,
    // with that name and a word of what happened, until the patient saves the name (it comes
    // back) or cancels. Only this tab's typing: another tab's name kept on the device is that
    // tab's to show.
    let typing: Vec<&str> = diary
        .drafts
        .short
        .iter()
        .filter_map(|s| match &s.form {
            ShortForm::LesionName(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let lesions: Vec<_> = diary
        .diary
        .lesions
        .iter()
        .filter(|l| !l.deleted || typing.contains(&l.id.as_str()))
        .cloned()
        .collect();
    let on_gone = {
        let (focus, heading) = (focus.clone(), heading.clone());
        Callback::from(move |()| focus.request(&heading))
    };
    // Whether some check-in notes a lesion: what the triage rules know of the diary, worked
    // out once for it (and by a save, for the diary it wrote) and shared with the history.
    let known = diary.known();
    html! {
        <section class="cg-mylesions" aria-labelledby="cg-mylesions-heading">
            <h4 id="cg-mylesions-heading" tabindex="-1" ref={heading}>{ t.lesions_heading() }</h4>
            if lesions.is_empty() {
                <p>{ t.lesions_none() }</p>
            } else {
                <p>{ t.lesions_intro() }</p>
                <ul class="cg-mylesion-list">
                    { for lesions.into_iter().map(|l| {
                        let (key, in_use) = (l.id.clone(), known.noted(&l.id));
                        let removed_elsewhere = l.deleted;
                        html! { <LesionItem {key} lesion={l} {in_use} {removed_elsewhere} on_removed={on_removed.clone()} on_gone={on_gone.clone()} /> }
                    }) }
                </ul>
            }
            // Always on the page, so that a screen reader reads what is put in it.
            <div class="cg-mylesions-status cg-no-print" role="status">
                if let Some((_, place)) = &*removed {
                    <p class="cg-notice">{ t.lesion_removed_list().replace("{place}", place) }{ " " }
                        <button type="button" class="cg-button" ref={undo_button} onclick={on_undo}>{ t.undo() }</button>
                    </p>
                }
            </div>
            if let Some(e) = &*error { <p class="cg-notice cg-notice-error" role="alert">{ e }</p> }
        </section>
    }
}
