use yew::prelude::*;

use crate::components::lasting::use_lasting;

use crate::components::char_count::char_count;
use crate::components::diary_provider::{use_deleted_all, use_diary, DraftPart};
use crate::components::focus::{ref_if, use_focus_later};
use crate::components::i18n::use_content;
use crate::core::diary::QuestionNote;
use crate::core::limits::{self, clip, PRINT_QUESTION_MAX};
use crate::core::store::StoreError;

/// The patient's own list of questions for the clinician: added here, kept, and printed.
#[component]
pub fn Questions() -> Html {
    let t = &use_content().diary;
    let diary = use_diary();
    // The question being typed is a draft kept by the provider: it survives part switches and
    // reloads, and is cleared when added.
    let draft = diary.drafts.question.clone();
    let error = use_state(|| None::<String>);
    let not_saved =
        move |err: &StoreError| format!("{} {}", t.save_failed_short(), t.store_error(err));
    // The text of the question just removed, for Undo (a tap on Remove is easy to make by mistake
    // with stiff fingers, and the question is the patient's own words).
    let removed = use_lasting("questions.removed", |_| true, || None::<QuestionNote>);
    // The question just added, said to a screen reader (the list changes out of sight); and why
    // "Add question" added nothing (an empty box, or text past the limit from dictation).
    let added = use_state(|| None::<String>);
    let problem = use_state(|| None::<String>);
    let input = use_node_ref();
    // Everything was deleted (here or in another tab): the Undo goes, so that nothing deleted
    // can be put back from here (as for medicines).
    let deleted_all = use_deleted_all(&diary);
    if deleted_all {
        removed.set(None);
        added.set(None);
        problem.set(None);
    }
    let (undo_button, heading, focus) = (use_node_ref(), use_node_ref(), use_focus_later());
    // After Undo, focus goes to the question put back (its Remove button), not to the top.
    let (returning, return_button) = (use_mut_ref(|| None::<String>), use_node_ref());
    let on_undo = {
        let (diary, removed, error, focus, heading) = (
            diary.clone(),
            removed.clone(),
            error.clone(),
            focus.clone(),
            heading.clone(),
        );
        let (returning, return_button, added) =
            (returning.clone(), return_button.clone(), added.clone());
        Callback::from(move |_| {
            let Some(held) = (*removed).clone() else {
                return;
            };
            // Back in its place, under its own id (it was added anew, last on the list).
            match diary.undo_remove_question(&held) {
                Ok(back) => {
                    *returning.borrow_mut() = back.then_some(held.id);
                    removed.set(None);
                    added.set(None);
                    error.set(None);
                    focus.request_or(&return_button, &heading);
                }
                Err(err) => error.set(Some(not_saved(&err))),
            }
        })
    };
    let on_input = {
        let (diary, problem) = (diary.clone(), problem.clone());
        Callback::from(move |e: InputEvent| {
            if problem.is_some() {
                problem.set(None);
            }
            diary.keep_question_draft(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let on_add = {
        let (diary, draft, error) = (diary.clone(), draft.clone(), error.clone());
        let (added, problem, input, focus) =
            (added.clone(), problem.clone(), input.clone(), focus.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = draft.trim();
            // Counted as the counter and `maxlength` count.
            let n = limits::length(text);
            let refused = if text.is_empty() {
                Some(t.question_empty().clone())
            } else if n > limits::QUESTION_MAX {
                Some(
                    t.question_too_long()
                        .replace("{n}", &n.to_string())
                        .replace("{max}", &limits::QUESTION_MAX.to_string()),
                )
            } else {
                None
            };
            if let Some(why) = refused {
                problem.set(Some(why));
                focus.request(&input);
                return;
            }
            match diary.add_question(text) {
                Ok(_) => {
                    diary.keep_question_draft(String::new());
                    error.set(None);
                    problem.set(None);
                    // A question just removed keeps its Undo (said first, with its button).
                    added.set(Some(text.to_string()));
                }
                Err(err) => error.set(Some(not_saved(&err))),
            }
        })
    };
    let on_open_waiting = {
        let (diary, problem) = (diary.clone(), problem.clone());
        Callback::from(move |_| {
            if diary.open_waiting_question().is_some() {
                problem.set(None);
            }
        })
    };
    // Read for this render only, so the button is the only one to hold the reference.
    let returning_id = returning.borrow_mut().take();
    let live: Vec<_> = diary
        .diary
        .questions
        .iter()
        .filter(|q| !q.deleted)
        .collect();
    html! {
        <section class="cg-questions-list" aria-labelledby="cg-questions-heading">
            <h4 id="cg-questions-heading" tabindex="-1" ref={heading}>{ t.questions_heading() }</h4>
            // On paper, a clinician reads "none" rather than a heading with nothing under it.
            if live.is_empty() {
                <p class="cg-hint cg-no-print">{ t.questions_empty() }</p>
                <p class="cg-print-only">{ t.questions_none() }</p>
            }
            <ol>
                { for live.iter().map(|q| {
                    let return_ref = ref_if(returning_id.as_deref() == Some(q.id.as_str()), &return_button);
                    let (diary, id, error) = (diary.clone(), q.id.clone(), error.clone());
                    let (removed, held, focus, undo_button) = (removed.clone(), (*q).clone(), focus.clone(), undo_button.clone());
                    let on_remove = Callback::from(move |_| {
                        match diary.remove_question(&id) {
                            // Its button is gone: focus goes to Undo, which says what happened.
                            Ok(()) => {
                                removed.set(Some(held.clone()));
                                focus.request(&undo_button);
                            }
                            Err(err) => error.set(Some(not_saved(&err))),
                        }
                    });
                    html! {
                        <li key={q.id.clone()}>
                            // Shortened on the summary (it is the printout), kept whole in storage:
                            // only one kept from before is longer (one typed now never is).
                            <span class="cg-question-text">{ clip(&q.text, PRINT_QUESTION_MAX).into_owned() }</span>{ " " }
                            <button type="button" class="cg-button cg-button-quiet cg-no-print" onclick={on_remove} ref={return_ref}
                                aria-label={format!("{}: {}", t.remove_question(), clip(&q.text, 80))}>{ t.remove_question() }</button>
                        </li>
                    }
                }) }
            </ol>
            // Always on the page, so that a screen reader reads what is put in it.
            <div class="cg-question-status cg-no-print" role="status">
                if let Some(held) = &*removed {
                    <p class="cg-notice">{ t.question_removed().replace("{question}", &clip(&held.text, 80)) }{ " " }
                        <button type="button" class="cg-button" ref={undo_button} onclick={on_undo}>{ t.undo() }</button>
                    </p>
                } else if let Some(text) = &*added {
                    <p class="cg-notice">{ t.question_added().replace("{question}", &clip(text, 80)) }</p>
                }
            </div>
            if let Some(e) = &*error { <p class="cg-notice cg-notice-error" role="alert">{ e }</p> }
            // A question typed in a tab that was closed (or is open elsewhere), not added yet.
            if diary.waiting.question && draft.trim().is_empty() {
                <div class="cg-notice cg-waiting cg-no-print" role="note">
                    <p>{ t.waiting_question() }</p>
                    <button type="button" class="cg-button" onclick={on_open_waiting}>{ t.open_waiting_question() }</button>
                </div>
            }
            <form class="cg-question-add cg-no-print" onsubmit={on_add}>
                <div class={classes!("cg-field", problem.is_some().then_some("cg-invalid"))}>
                    <label for="cg-new-question">{ t.question_label() }</label>
                    if let Some(why) = &*problem {
                        <p class="cg-error" id="cg-new-question-error" role="alert">{ why }</p>
                    }
                    <input type="text" id="cg-new-question" value={draft.clone()} oninput={on_input} ref={input}
                        maxlength={limits::QUESTION_MAX.to_string()} aria-invalid={problem.is_some().then_some("true")}
                        aria-describedby={if problem.is_some() { "cg-new-question-error cg-new-question-count" } else { "cg-new-question-count" }}
                        autocomplete="off" />
                    { char_count(t, "cg-new-question-count", &draft, limits::QUESTION_MAX) }
                </div>
                // The question typed so far could not be kept on the device (only in this page).
                if let Some(e) = diary.draft_error(&DraftPart::Question).filter(|_| !draft.is_empty()) {
                    <p class="cg-notice cg-notice-warn" role="alert">{ format!("{} {}", t.draft_not_kept(), t.store_error(e)) }</p>
                }
                <button type="submit" class="cg-button">{ t.add_question() }</button>
            </form>
        </section>
    }
}
