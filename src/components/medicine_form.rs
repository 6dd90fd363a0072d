use yew::prelude::*;

use crate::components::diary_provider::{use_diary, DraftPart};
use crate::components::i18n::use_content;
use crate::core::diary::{
    check_medicine, new_id, Medicine, MedicineProblem, MAX_MEDICINE_HOW, MAX_MEDICINE_NAME,
};
use crate::core::diary_store::MedicineEditError;
use crate::core::drafts::{Short, ShortForm};
use crate::core::json::Extra;
use crate::core::time::Instant;
use crate::platform::clock;

#[derive(Properties, PartialEq)]
pub struct MedicineFormProps {
    /// The medicine being changed; `None` to add a new one.
    #[prop_or_default]
    pub existing: Option<Medicine>,
    /// After a save: the message to show (added or saved, with the name).
    pub on_done: Callback<String>,
    /// Shown as a Cancel button when set (editing).
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
    /// Whether the patient opened it just now ("Change"), so the cursor goes to the name. A change
    /// opened again on its own (kept from before a reload) leaves the focus where it is.
    #[prop_or(true)]
    pub chosen: bool,
}

/// Adds or changes one medicine: a name and, if the patient wishes, how they take it. What is
/// typed is checked only for being there and not too long; nothing is suggested.
#[component]
pub fn MedicineForm(props: &MedicineFormProps) -> Html {
    let c = use_content();
    let t = &c.medicines;
    let diary = use_diary();
    // What is typed is kept on the device as it is typed (a short form of the drafts), so a
    // switch to another part, a reload or a closed tab loses none of it. A change to a medicine
    // is known by the medicine's id; a new one by an id of its own. A new form that opens takes
    // over the text of the newest new medicine not saved, or of a change to a medicine that has
    // been removed since (under its own id, so two tabs that both take it over keep two copies).
    let (form, kept, took_over) = {
        let d = diary.clone();
        let existing = props.existing.clone();
        let opened = use_state(move || {
            let listed = |id: &str| d.diary.medicines.iter().any(|m| m.id == id && !m.deleted);
            match existing {
                Some(m) => {
                    let form = ShortForm::Medicine(m.id.clone());
                    let kept = d.kept_short(&|f| *f == form);
                    (form, kept, None)
                }
                None => {
                    let id = new_id('n', clock::now(), clock::random_u32());
                    let kept = d.kept_short(&|f| match f {
                        ShortForm::NewMedicine(_) => true,
                        ShortForm::Medicine(id) => !listed(id),
                        ShortForm::LesionName(_) => false,
                    });
                    let took_over = kept.as_ref().map(|k| k.form.clone());
                    (ShortForm::NewMedicine(id), kept, took_over)
                }
            }
        });
        (*opened).clone()
    };
    let name = {
        let v = kept
            .as_ref()
            .map(|k| k.name.clone())
            .or_else(|| props.existing.as_ref().map(|m| m.name.clone()));
        use_state(move || v.unwrap_or_default())
    };
    let how = {
        let v = kept
            .as_ref()
            .map(|k| k.how.clone())
            .or_else(|| props.existing.as_ref().map(|m| m.how.clone()));
        use_state(move || v.unwrap_or_default())
    };
    // The stored copy this change started from: a save checks that no other tab changed it
    // since. After such a change is shown, the next save starts from the other tab's copy.
    let started_from = {
        let v = match (&kept, &props.existing) {
            (Some(k), Some(_)) => k.from,
            (_, m) => m.as_ref().map(|m| m.updated),
        };
        use_state_eq(move || v)
    };
    {
        // Text taken over from another form is kept under this form's id, once.
        let (diary, form, name, how) = (diary.clone(), form.clone(), name.clone(), how.clone());
        use_effect_with((), move |_| {
            if let Some(other) = took_over {
                let text = Short {
                    form: form.clone(),
                    name: (*name).clone(),
                    how: (*how).clone(),
                    from: None,
                    was: None,
                    extra: Extra::NONE,
                };
                diary.take_over_short(other, text);
            }
        });
    }
    // Keeps the text as typed; nothing once it is empty (a new medicine) or the same as stored.
    let keep_typed = {
        let (diary, form, existing) = (diary.clone(), form.clone(), props.existing.clone());
        move |name: String, how: String, from: Option<Instant>| {
            let unchanged = match &existing {
                Some(m) => name == m.name && how == m.how,
                None => name.trim().is_empty() && how.trim().is_empty(),
            };
            let text = (!unchanged).then(|| Short {
                form: form.clone(),
                name,
                how,
                from,
                was: None,
                extra: Extra::NONE,
            });
            diary.keep_short(form.clone(), text);
        }
    };
    let problems = use_state(Vec::<MedicineProblem>::new);
    let save_error = use_state(|| None::<String>);
    // Everything was deleted (here or in another tab): what was typed goes too, so nothing
    // deleted is kept again from here.
    let generation = use_state(|| diary.generation);
    if *generation != diary.generation {
        generation.set(diary.generation);
        name.set(String::new());
        how.set(String::new());
        problems.set(Vec::new());
        save_error.set(None);
    }
    // The medicine was removed in another tab while its change is typed here: the form stays,
    // with what was typed, and says so; saving puts it back with the change.
    let removed = props.existing.as_ref().is_some_and(|m| m.deleted);
    {
        let (started_from, keep_typed, name, how) = (
            started_from.clone(),
            keep_typed.clone(),
            name.clone(),
            how.clone(),
        );
        use_effect_with(removed, move |&removed| {
            if removed && started_from.is_some() {
                started_from.set(None);
                keep_typed((*name).clone(), (*how).clone(), None);
            }
        });
    }
    let name_ref = use_node_ref();
    let how_ref = use_node_ref();
    {
        // Opening "Change" puts the cursor in the name, where the patient means to type.
        let (name_ref, editing) = (name_ref.clone(), props.existing.is_some() && props.chosen);
        use_effect_with((), move |_| {
            if let Some(el) = name_ref.cast::<web_sys::HtmlElement>().filter(|_| editing) {
                let _focus_is_best_effort = el.focus();
            }
        });
    }
    // Ids from the record id, so two forms (add and change) never share one.
    let base = props
        .existing
        .as_ref()
        .map_or_else(|| "cg-med-new".to_string(), |m| format!("cg-med-{}", m.id));

    let on_name = {
        let (name, how, from, keep_typed) = (
            name.clone(),
            how.clone(),
            started_from.clone(),
            keep_typed.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let typed = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            keep_typed(typed.clone(), (*how).clone(), *from);
            name.set(typed);
        })
    };
    let on_how = {
        let (name, how, from, keep_typed) = (
            name.clone(),
            how.clone(),
            started_from.clone(),
            keep_typed.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let typed = e
                .target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                .value();
            keep_typed((*name).clone(), typed.clone(), *from);
            how.set(typed);
        })
    };
    let on_submit = {
        let (name, how, problems, save_error) = (
            name.clone(),
            how.clone(),
            problems.clone(),
            save_error.clone(),
        );
        let (name_ref, how_ref, diary, on_done) = (
            name_ref.clone(),
            how_ref.clone(),
            diary.clone(),
            props.on_done.clone(),
        );
        let id = props.existing.as_ref().map(|m| m.id.clone());
        let started_from = started_from.clone();
        let (form, keep_typed) = (form.clone(), keep_typed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match check_medicine(&name, &how) {
                Err(found) => {
                    let first = match found.first() {
                        Some(MedicineProblem::HowTooLong { .. }) => &how_ref,
                        _ => &name_ref,
                    };
                    if let Some(el) = first.cast::<web_sys::HtmlElement>() {
                        let _focus_is_best_effort = el.focus();
                    }
                    problems.set(found);
                }
                Ok(text) => {
                    let shown = text.name().to_string();
                    // Added in another tab that showed it too: listed once, and said so.
                    let listed = id.is_none() && diary.diary.medicine_as(&text).is_some();
                    match diary.save_medicine(id.as_deref(), text, *started_from) {
                        Ok(_) => {
                            diary.keep_short(form.clone(), None);
                            problems.set(Vec::new());
                            save_error.set(None);
                            name.set(String::new());
                            how.set(String::new());
                            let done = match (id.is_some(), listed) {
                                (true, _) => t.saved(),
                                (false, true) => t.already_listed(),
                                (false, false) => t.added(),
                            };
                            on_done.emit(done.replace("{name}", &shown));
                        }
                        Err(MedicineEditError::ChangedElsewhere(theirs)) => {
                            let said = match &theirs {
                                Some(m) => {
                                    t.changed_elsewhere().replace("{medicine}", &m.in_words())
                                }
                                None => t.removed_elsewhere().clone(),
                            };
                            // The typed text stays kept, now as a change to their copy.
                            let from = theirs.map(|m| m.updated);
                            keep_typed((*name).clone(), (*how).clone(), from);
                            started_from.set(from);
                            save_error.set(Some(
                                said.replace("{save}", t.save())
                                    .replace("{cancel}", t.cancel()),
                            ));
                        }
                        Err(MedicineEditError::Store(err)) => save_error.set(Some(format!(
                            "{} {}",
                            c.diary.save_failed_short(),
                            &c.diary.store_error(&err)
                        ))),
                    }
                }
            }
        })
    };
    let on_cancel = props.on_cancel.clone().map(|cb| {
        let (diary, form) = (diary.clone(), form.clone());
        Callback::from(move |_| {
            diary.keep_short(form.clone(), None);
            cb.emit(())
        })
    });

    let count = |text: &str, max: usize| {
        let n = text.trim().chars().count();
        let text = t
            .counter()
            .replace("{n}", &n.to_string())
            .replace("{max}", &max.to_string());
        (text, n > max)
    };
    let (name_count, name_over) = count(&name, MAX_MEDICINE_NAME);
    let (how_count, how_over) = count(&how, MAX_MEDICINE_HOW);
    let problem_text = |p: &MedicineProblem| match p {
        MedicineProblem::NameEmpty => t.name_empty().clone(),
        MedicineProblem::NameTooLong { chars } => t
            .name_too_long()
            .replace("{n}", &chars.to_string())
            .replace("{max}", &MAX_MEDICINE_NAME.to_string()),
        MedicineProblem::HowTooLong { chars } => t
            .how_too_long()
            .replace("{n}", &chars.to_string())
            .replace("{max}", &MAX_MEDICINE_HOW.to_string()),
    };
    let name_error = problems
        .iter()
        .find(|p| !matches!(p, MedicineProblem::HowTooLong { .. }))
        .map(problem_text);
    let how_error = problems
        .iter()
        .find(|p| matches!(p, MedicineProblem::HowTooLong { .. }))
        .map(problem_text);
    let described = |parts: &[(bool, String)]| {
        parts
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, id)| id.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let legend = match &props.existing {
        Some(m) => t.edit_heading().replace("{name}", &m.name),
        None => t.add_heading().clone(),
    };
    let ids = |part: &str| format!("{base}-{part}");

    html! {
        <form class="cg-med-form cg-no-print" onsubmit={on_submit} novalidate=true>
            <fieldset>
                <legend>{ legend }</legend>
                if let Some(e) = &*save_error {
                    <p class="cg-error" role="alert">{ e }</p>
                } else if removed {
                    <p class="cg-error" role="alert">{ t.removed_while_typing().replace("{save}", t.save()).replace("{cancel}", t.cancel()) }</p>
                }
                // What is typed could not be kept on the device (only in this page).
                if let Some(e) = diary.draft_error(&DraftPart::Short(form.clone())).filter(|_| !name.trim().is_empty() || !how.trim().is_empty()) {
                    <p class="cg-notice cg-notice-warn" role="alert">{ format!("{} {}", c.diary.draft_not_kept(), c.diary.store_error(e)) }</p>
                }
                <div class="cg-field">
                    <label for={ids("name")}>{ t.name_label() }</label>
                    if let Some(e) = &name_error { <p class="cg-error" id={ids("name-error")}>{ e }</p> }
                    <input type="text" id={ids("name")} ref={name_ref} autocomplete="off" spellcheck="false"
                        value={(*name).clone()} oninput={on_name}
                        class={classes!(name_error.is_some().then_some("cg-invalid"))}
                        aria-invalid={name_error.is_some().then_some("true")}
                        aria-describedby={described(&[(name_error.is_some(), ids("name-error")), (true, ids("name-count"))])} />
                    <span class={classes!("cg-hint", "cg-count", name_over.then_some("cg-over"))} id={ids("name-count")}>{ name_count }</span>
                </div>
                <div class="cg-field">
                    <label for={ids("how")}>{ t.how_label() }</label>
                    <p class="cg-hint" id={ids("how-hint")}>{ t.how_hint() }</p>
                    if let Some(e) = &how_error { <p class="cg-error" id={ids("how-error")}>{ e }</p> }
                    <textarea id={ids("how")} ref={how_ref} rows="2" spellcheck="false"
                        value={(*how).clone()} oninput={on_how}
                        class={classes!(how_error.is_some().then_some("cg-invalid"))}
                        aria-invalid={how_error.is_some().then_some("true")}
                        aria-describedby={described(&[(true, ids("how-hint")), (how_error.is_some(), ids("how-error")), (true, ids("how-count"))])} />
                    <span class={classes!("cg-hint", "cg-count", how_over.then_some("cg-over"))} id={ids("how-count")}>{ how_count }</span>
                </div>
                <div class="cg-med-form-actions">
                    <button type="submit" class="cg-button cg-button-primary">
                        { if props.existing.is_some() { t.save() } else { t.add() } }</button>
                    if let Some(cb) = on_cancel { <button type="button" class="cg-button" onclick={cb}>{ t.cancel() }</button> }
                </div>
            </fieldset>
        </form>
    }
}
