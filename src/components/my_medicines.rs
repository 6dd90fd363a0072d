use yew::prelude::*;

use crate::components::lasting::use_lasting;

use crate::components::diary_provider::{use_deleted_all, use_diary, Removed};
use crate::components::focus::{escape_answers, ref_if, use_focus_later};
use crate::components::i18n::use_content;
use crate::components::medicine_form::MedicineForm;
use crate::core::diary::Medicine;
use crate::core::diary_store::RemoveError;
use crate::core::drafts::ShortForm;
use crate::core::summary::PrintedMedicines;
use crate::platform::clock;

#[derive(Properties, PartialEq)]
pub struct MyMedicinesProps {
    /// The list as the printout shows it (from the summary).
    pub printed: PrintedMedicines,
}

/// What the last action did, shown above the list.
#[derive(Clone, PartialEq)]
enum Notice {
    Done(String),
    /// Removed, with its Undo; and why the last Undo could not be saved, if it could not (the
    /// Undo stays: storage may have room again, and the medicine's words are only here).
    Removed(Removed, Option<String>),
    Failed(String),
}

/// The patient's list of medicines: added, changed and removed here at any time, printed on the
/// summary. On screen every word shows; the printout has one short line each.
#[component]
pub fn MyMedicines(props: &MyMedicinesProps) -> Html {
    let c = use_content();
    let t = &c.medicines;
    let diary = use_diary();
    // A change typed and not saved (before a reload, or in a tab since closed) opens again.
    let editing = {
        let d = diary.clone();
        use_state(move || {
            let listed = |id: &str| d.diary.medicines.iter().any(|m| m.id == id && !m.deleted);
            d.kept_short(&|f| matches!(f, ShortForm::Medicine(id) if listed(id)))
                .and_then(|k| match k.form {
                    ShortForm::Medicine(id) => Some(id),
                    _ => None,
                })
        })
    };
    let confirming = use_state(|| None::<String>);
    // Whether the form open now was opened by the patient ("Change"), not again on its own.
    let chosen = use_state(|| false);
    // Lasting: the Undo after a removal stays offered when the patient goes to another part and
    // back (`use_lasting`).
    let notice = use_lasting(
        "medicines.notice",
        |n| matches!(n, Some(Notice::Removed(..))),
        || None::<Notice>,
    );
    // Everything was deleted (here or in another tab): no form, question or undo stays, so
    // nothing deleted can be put back from here.
    let deleted_all = use_deleted_all(&diary);
    if deleted_all {
        editing.set(None);
        confirming.set(None);
        notice.set(None);
    }
    let focus = use_focus_later();
    let heading = use_node_ref();
    let keep_button = use_node_ref();
    let undo_button = use_node_ref();
    // After "No, keep it" or Undo, focus goes back to that medicine's Remove button, where the
    // patient was, not to the top of the list.
    let (returning, return_button) = (use_mut_ref(|| None::<String>), use_node_ref());
    // After Cancel on a change, focus goes back to that medicine's Change button.
    let (returning_edit, edit_button) = (use_mut_ref(|| None::<String>), use_node_ref());
    // Read for this render only, so each button is the only one to hold its reference.
    let returning_id = returning.borrow_mut().take();
    let returning_edit_id = returning_edit.borrow_mut().take();
    let (changed, back_already) = (t.remove_changed(), t.undo_back_already());
    let why = move |e| {
        format!(
            "{} {}",
            c.diary.save_failed_short(),
            &c.diary.store_error(&e)
        )
    };
    let failed = move |e| Notice::Failed(why(e));

    // A change saved: focus goes back to that medicine's Change button, where the patient was
    // (it went to the list's heading, at the top of the part).
    let on_done = {
        let (notice, editing, focus, heading) = (
            notice.clone(),
            editing.clone(),
            focus.clone(),
            heading.clone(),
        );
        let (returning_edit, edit_button) = (returning_edit.clone(), edit_button.clone());
        Callback::from(move |message: String| {
            if editing.is_some() {
                *returning_edit.borrow_mut() = (*editing).clone();
                focus.request_or(&edit_button, &heading);
                editing.set(None);
            }
            notice.set(Some(Notice::Done(message)));
        })
    };
    let on_cancel = {
        let (editing, focus, heading) = (editing.clone(), focus.clone(), heading.clone());
        let (returning_edit, edit_button) = (returning_edit.clone(), edit_button.clone());
        Callback::from(move |()| {
            *returning_edit.borrow_mut() = (*editing).clone();
            focus.request_or(&edit_button, &heading);
            editing.set(None);
        })
    };
    // Said politely in a region that is always on the page; a failure is an alert.
    let (said, failure) = match &*notice {
        Some(Notice::Removed(before, undo_failed)) => {
            let (diary, notice, focus, heading) = (
                diary.clone(),
                notice.clone(),
                focus.clone(),
                heading.clone(),
            );
            let before_copy = before.clone();
            let (returning, return_button) = (returning.clone(), return_button.clone());
            let on_undo = Callback::from(move |_| {
                *returning.borrow_mut() = Some(before_copy.before.id.clone());
                focus.request_or(&return_button, &heading);
                match diary.undo_remove_medicine(before_copy.clone()) {
                    Ok(()) => notice.set(None),
                    Err(RemoveError::Store(e)) => {
                        notice.set(Some(Notice::Removed(before_copy.clone(), Some(why(e)))))
                    }
                    // Saved in another tab meanwhile: it is on the list, as saved there.
                    Err(RemoveError::Changed(m)) => {
                        notice.set(Some(Notice::Done(back_already.replace("{name}", &m.name))))
                    }
                    Err(RemoveError::Gone) => notice.set(None),
                }
            });
            let said = html! {
                <p class="cg-notice"><span id="cg-med-removed-said">{ t.removed().replace("{name}", &before.before.name) }</span>{ " " }
                    <button type="button" class="cg-button" onclick={on_undo} ref={undo_button.clone()}
                        aria-describedby="cg-med-removed-said">{ t.undo() }</button></p>
            };
            let failure = undo_failed.as_ref().map_or_else(Html::default, |text| {
                html! { <p class="cg-notice cg-notice-error" role="alert">{ text }</p> }
            });
            (said, failure)
        }
        Some(Notice::Done(text)) => (html! { <p class="cg-notice">{ text }</p> }, Html::default()),
        Some(Notice::Failed(text)) => (
            Html::default(),
            html! { <p class="cg-notice cg-notice-error" role="alert">{ text }</p> },
        ),
        None => (Html::default(), Html::default()),
    };

    // The changes kept on this device, read once for the whole list.
    let changes_kept = diary.kept_shorts();
    let item = |m: &Medicine| {
        let id = m.id.clone();
        if editing.as_deref() == Some(id.as_str()) {
            return html! {
                <li key={id.clone()} id={format!("cg-med-{id}")} class="cg-med cg-med-editing">
                    <MedicineForm existing={Some(m.clone())} on_done={on_done.clone()} on_cancel={Some(on_cancel.clone())} chosen={*chosen} />
                </li>
            };
        }
        let on_edit = {
            let (editing, confirming, chosen, id) = (
                editing.clone(),
                confirming.clone(),
                chosen.clone(),
                id.clone(),
            );
            Callback::from(move |_| {
                confirming.set(None);
                chosen.set(true);
                editing.set(Some(id.clone()))
            })
        };
        let on_ask = {
            let (confirming, id, focus, keep) = (
                confirming.clone(),
                id.clone(),
                focus.clone(),
                keep_button.clone(),
            );
            Callback::from(move |_| {
                focus.request(&keep);
                confirming.set(Some(id.clone()))
            })
        };
        let on_yes = {
            let (diary, confirming, notice, id) = (
                diary.clone(),
                confirming.clone(),
                notice.clone(),
                id.clone(),
            );
            let (focus, undo_button, heading) =
                (focus.clone(), undo_button.clone(), heading.clone());
            Callback::from(move |_| {
                confirming.set(None);
                match diary.remove_medicine(&id) {
                    Ok(Some(before)) => {
                        focus.request(&undo_button);
                        notice.set(Some(Notice::Removed(before, None)))
                    }
                    Ok(None) | Err(RemoveError::Gone) => focus.request(&heading),
                    Err(RemoveError::Store(e)) => {
                        focus.request(&heading);
                        notice.set(Some(failed(e)))
                    }
                    // Changed in another tab since it was shown: not removed; the list shows
                    // it as it is now.
                    Err(RemoveError::Changed(m)) => {
                        focus.request(&heading);
                        notice.set(Some(Notice::Failed(
                            changed.replace("{medicine}", &m.in_words()),
                        )))
                    }
                }
            })
        };
        let on_no = {
            let (confirming, focus, heading) = (confirming.clone(), focus.clone(), heading.clone());
            let (returning, return_button, id) =
                (returning.clone(), return_button.clone(), id.clone());
            Callback::from(move |_| {
                *returning.borrow_mut() = Some(id.clone());
                focus.request_or(&return_button, &heading);
                confirming.set(None)
            })
        };
        let return_ref = ref_if(returning_id.as_deref() == Some(id.as_str()), &return_button);
        let edit_ref = ref_if(
            returning_edit_id.as_deref() == Some(id.as_str()),
            &edit_button,
        );
        let asking = confirming.as_deref() == Some(id.as_str());
        let question = t.confirm_remove().replace("{name}", &m.name);
        // A change typed and left (the patient went on to change another): kept, and said so
        // here, so it does not seem lost. "Change" opens it again as typed.
        let waiting_id = changes_kept
            .iter()
            .any(|s| matches!(&s.form, ShortForm::Medicine(x) if *x == id))
            .then(|| format!("cg-med-{id}-waiting"));
        html! {
            <li key={id.clone()} id={format!("cg-med-{id}")} class="cg-med">
                <p class="cg-med-text"><span class="cg-med-name">{ &m.name }</span>
                    if !m.how.is_empty() { { " — " }<span class="cg-med-how">{ &m.how }</span> }</p>
                if let Some(note) = &waiting_id {
                    <p class="cg-med-waiting cg-no-print" id={note.clone()}>{ t.change_waiting().replace("{edit}", t.edit()) }</p>
                }
                if asking {
                    <div key="confirm" class="cg-confirm" role="group" aria-label={question.clone()} onkeydown={escape_answers(&keep_button)}>
                        <p>{ question }</p>
                        <button type="button" class="cg-button cg-button-danger" onclick={on_yes}>{ t.confirm_yes() }</button>
                        <button type="button" class="cg-button" onclick={on_no} ref={keep_button.clone()}>{ t.confirm_no() }</button>
                    </div>
                } else {
                    <div key="actions" class="cg-med-actions">
                        <button type="button" class="cg-button" onclick={on_edit} ref={edit_ref}
                            aria-label={format!("{}: {}", t.edit(), m.name)} aria-describedby={waiting_id.clone()}>{ t.edit() }</button>
                        <button type="button" class="cg-button cg-button-quiet" onclick={on_ask} ref={return_ref}
                            aria-label={format!("{}: {}", t.remove(), m.name)}>{ t.remove() }</button>
                    </div>
                }
            </li>
        }
    };
    // Listed: the live ones, and one being changed here that another tab removed meanwhile (its
    // form stays, with what was typed: see `MedicineForm`).
    let live: Vec<&Medicine> = diary
        .diary
        .medicines
        .iter()
        .filter(|m| !m.deleted || editing.as_deref() == Some(m.id.as_str()))
        .collect();
    let printed = &props.printed;

    html! {
        // With nothing listed, nothing is printed: the page is full on a busy 90 days.
        <section class={classes!("cg-my-meds", printed.lines.is_empty().then_some("cg-no-print"))}
            aria-labelledby="cg-my-meds-heading">
            <h4 id="cg-my-meds-heading" tabindex="-1" ref={heading.clone()}>{ t.heading() }</h4>
            <p class="cg-hint cg-no-print">{ t.intro() }</p>
            <div class="cg-said" role="status">{ said }</div>
            { failure }
            if live.is_empty() {
                <p class="cg-no-print">{ t.empty() }</p>
            } else {
                <ul class="cg-med-list cg-no-print">{ for live.iter().map(|m| item(m)) }</ul>
            }
            // The printout's own list: every medicine, every word of how it is taken.
            if !printed.lines.is_empty() {
                <div class="cg-print-only">
                    <ul class="cg-med-print">
                        <>{ for printed.lines.iter().map(|l| html! {
                            <li key={l.id.clone()}><strong>{ &l.name }</strong>
                                if !l.how.is_empty() { { " — " }{ &l.how } }
                                if let Some(changed) = l.changed {
                                    { " " }<span class="cg-dates">{ format!("({})", t.print_changed()
                                        .replace("{date}", &c.diary.day(changed.local_in(&clock::BrowserZone).date))) }</span>
                                }</li>
                        }) }</>
                    </ul>
                </div>
            }
            if editing.is_none() { <MedicineForm on_done={on_done.clone()} /> }
        </section>
    }
}
