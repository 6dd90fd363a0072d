use yew::prelude::*;

use crate::components::call_numbers::call_numbers;
use crate::components::diary_provider::{use_diary, DiaryNotice};
use crate::components::focus::{escape_answers, ref_if, use_focus_later};
use crate::components::history_entry::entry_facts;
use crate::components::i18n::use_content;
use crate::components::storage_notice::gone_question_takes_focus;
use crate::components::triage_result::advice;
use crate::core::config::Settings;
use crate::core::date::Date;
use crate::core::history::{lesion_choices, matching, offers_advice, HistoryFilter, Match};
use crate::core::store::StoreError;
use crate::core::triage::contacts;
use crate::platform::clock;

/// How many check-ins are shown before "Show more" (about three weeks of daily check-ins): a long
/// diary with its richer entries stays quick to open.
const PAGE: usize = 20;

#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    pub on_edit: Callback<String>,
    /// The entry whose edit was just cancelled: its Edit button takes the focus as the history
    /// comes back, where the patient was (the list heading if it is not shown).
    #[prop_or_default]
    pub focus_edit: Option<AttrValue>,
    /// The numbers to call, for "What to do" on today's urgent entries.
    pub settings: Settings,
}

/// Past check-ins, newest first, each told in words (`history_entry`), filtered by dates, lesion
/// and warning signs; edit, and delete with confirm and undo.
#[component]
pub fn History(props: &HistoryProps) -> Html {
    let c = use_content();
    let t = &c.diary;
    let diary = use_diary();
    let from = use_state(String::new);
    let to = use_state(String::new);
    let lesion = use_state(String::new);
    let warning_signs = use_state(|| false);
    let shown = use_state(|| PAGE);
    let confirming = use_state(|| None::<String>);
    // A delete that did not happen (storage refused it, or another tab changed the check-in):
    // said by the entry, where the patient pressed, and focus back on its Delete button. The
    // diary's notice at the top says it too, out of sight on a long page.
    let refused = use_state(|| None::<(String, String)>);
    // The ids of entries whose note is open (a few at most: a list, not a hash set).
    let notes_open = use_state(Vec::<String>::new);
    // The ids of today's urgent entries whose "What to do" is open.
    let advice_open = use_state(Vec::<String>::new);
    let focus = use_focus_later();
    let heading = use_node_ref();
    let undo_button = use_node_ref();
    let keep_button = use_node_ref();
    // After "No, keep it" or Undo, focus goes back to that entry's Delete button, where the
    // patient was, not to the top of the list.
    let (returning, return_button) = (use_mut_ref(|| None::<String>), use_node_ref());
    // Read for this render only, so the button is the only one to hold the reference.
    let returning_id = returning.borrow_mut().take();
    let edit_button = use_node_ref();
    {
        let (edit_button, heading) = (edit_button.clone(), heading.clone());
        // As the history comes back (it is not on the page while a check-in is edited), or as
        // the result of an edit is closed above it (asked for one render only).
        use_effect_with(props.focus_edit.clone(), move |asked| {
            let cast = |r: &NodeRef| r.cast::<web_sys::HtmlElement>();
            if let Some(el) = cast(&edit_button)
                .or_else(|| cast(&heading))
                .filter(|_| asked.is_some())
            {
                let _focus_is_best_effort = el.focus();
            }
        });
    }
    let from_input = use_node_ref();
    let lesion_select = use_node_ref();

    let filter = HistoryFilter {
        from: Date::parse(&from),
        to: Date::parse(&to),
        lesion: Some((*lesion).clone()).filter(|l| !l.is_empty()),
        warning_signs: *warning_signs,
    };
    let filtered = filter.is_active() || !from.is_empty() || !to.is_empty();
    // Worked out once per diary and shared with the result of a check-in just saved.
    let known = diary.known();
    let matches: Vec<Match> = matching(&diary.diary, &known, &filter, &clock::BrowserZone);
    let total = matches.len();
    let choices = lesion_choices(&diary.diary);

    let date_input = |state: &UseStateHandle<String>| {
        let (state, shown) = (state.clone(), shown.clone());
        Callback::from(move |e: InputEvent| {
            state.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
            shown.set(PAGE);
        })
    };
    let on_lesion = {
        let (lesion, shown) = (lesion.clone(), shown.clone());
        Callback::from(move |e: Event| {
            lesion.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            );
            shown.set(PAGE);
        })
    };
    let on_warning_signs = {
        let (warning_signs, shown) = (warning_signs.clone(), shown.clone());
        Callback::from(move |e: Event| {
            warning_signs.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            );
            shown.set(PAGE);
        })
    };
    let on_clear = {
        let (from, to, lesion, warning_signs, shown) = (
            from.clone(),
            to.clone(),
            lesion.clone(),
            warning_signs.clone(),
            shown.clone(),
        );
        let (focus, from_input, lesion_select) =
            (focus.clone(), from_input.clone(), lesion_select.clone());
        Callback::from(move |_| {
            // An option's `selected` is only the default once the patient has chosen one.
            if let Some(select) = lesion_select.cast::<web_sys::HtmlSelectElement>() {
                select.set_value("");
            }
            // The button goes away: keep the keyboard in the filter.
            focus.request(&from_input);
            from.set(String::new());
            to.set(String::new());
            lesion.set(String::new());
            warning_signs.set(false);
            shown.set(PAGE);
        })
    };
    // "Show more" takes the focus to the first entry it shows (the button goes at the last
    // page, and focus went to the page's body with it: the place lost in a long list).
    let first_new = use_node_ref();
    let on_more = {
        let (shown, focus, first_new, heading) = (
            shown.clone(),
            focus.clone(),
            first_new.clone(),
            heading.clone(),
        );
        Callback::from(move |_| {
            focus.request_or(&first_new, &heading);
            shown.set(*shown + PAGE)
        })
    };
    let first_new_at = (*shown > PAGE).then(|| *shown - PAGE);

    // Read once for the page of entries, not once for each.
    let now = clock::now();
    let row = |(i, m): (usize, &Match)| {
        let facts = m.facts(&diary.diary, &known);
        let entry = facts.check_in;
        let local = entry.at.local_in(&clock::BrowserZone);
        let when = t.when(local);
        let id = entry.id.clone();
        let on_edit = {
            let (on_edit, id) = (props.on_edit.clone(), id.clone());
            Callback::from(move |_| on_edit.emit(id.clone()))
        };
        let on_ask = {
            let (confirming, id, focus, keep_button, refused) = (
                confirming.clone(),
                id.clone(),
                focus.clone(),
                keep_button.clone(),
                refused.clone(),
            );
            Callback::from(move |_| {
                focus.request(&keep_button);
                refused.set(None);
                confirming.set(Some(id.clone()))
            })
        };
        let asking = confirming.as_deref() == Some(id.as_str());
        let on_yes = {
            let (diary, confirming, id, focus, undo_button, refused) = (
                diary.clone(),
                confirming.clone(),
                id.clone(),
                focus.clone(),
                undo_button.clone(),
                refused.clone(),
            );
            let (returning, return_button, heading) =
                (returning.clone(), return_button.clone(), heading.clone());
            let not_done = t.delete_not_done().clone();
            let store_error = move |e: &StoreError| c.diary.store_error(e);
            Callback::from(move |_| {
                confirming.set(None);
                match diary.remove(&id) {
                    Ok(()) => focus.request(&undo_button),
                    // Deleted in another tab already: gone from the list.
                    Err(None) => focus.request(&heading),
                    // The diary stored is gone: the question it asks (keep it here, or let it
                    // go) takes the focus; nothing else can be done first.
                    Err(Some(DiaryNotice::Gone)) => {
                        refused.set(Some((id.clone(), not_done.clone())));
                        gone_question_takes_focus(&heading);
                    }
                    Err(Some(notice)) => {
                        let why = match &notice {
                            DiaryNotice::WriteFailed(e) => format!("{not_done} {}", store_error(e)),
                            DiaryNotice::ChangedNotDeleted => t.delete_changed().clone(),
                            _ => not_done.clone(),
                        };
                        refused.set(Some((id.clone(), why)));
                        *returning.borrow_mut() = Some(id.clone());
                        focus.request_or(&return_button, &heading);
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
        // The first entry "Show more" showed: it takes the focus.
        let first = first_new_at == Some(i);
        let edit_ref = ref_if(
            props.focus_edit.as_deref() == Some(id.as_str()),
            &edit_button,
        );
        let note_open = notes_open.contains(&id);
        let on_note = toggle(&notes_open, &id);
        // A result closed too soon can be read again, with the numbers to call, the same day
        // or within hours (`offers_advice`).
        let level = facts.level;
        let advice_offered = offers_advice(level, entry.at, now, &clock::BrowserZone);
        let advice = advice_offered.then(|| {
            let open = advice_open.contains(&id);
            let on_toggle = toggle(&advice_open, &id);
            let s = &props.settings;
            let panel = format!("cg-advice-{id}");
            html! {
                <div class="cg-entry-advice">
                    <button type="button" class="cg-button" aria-expanded={open.to_string()} aria-controls={panel.clone()}
                        aria-label={format!("{}: {when}", t.history_what_to_do())} onclick={on_toggle}>{ t.history_what_to_do() }</button>
                    <div id={panel} hidden={!open}>
                        if open {
                            <p><strong>{ &c.triage.level(level).title }</strong></p>
                            <p>{ advice(c, s, level) }</p>
                            { call_numbers(&c.ui, s, contacts(level)) }
                        }
                    </div>
                </div>
            }
        });
        let what = t.delete_what().replace("{when}", &when);
        let not_deleted = refused
            .as_ref()
            .filter(|(on, _)| *on == id)
            // One at a time: a fixed id (a check-in's id, from a restored file, may hold a space).
            .map(|(_, why)| ("cg-not-deleted".to_string(), why.clone()));
        html! {
            <li key={id.clone()} class="cg-entry">
                <div class="cg-entry-main">
                    <h5 class="cg-entry-when" tabindex={first.then_some("-1")} ref={ref_if(first, &first_new)}>{ when.clone() }</h5>
                    { entry_facts(c, &facts, note_open, on_note) }
                    { advice.unwrap_or_default() }
                </div>
                if asking {
                    <div key="confirm" class="cg-confirm" role="group" aria-label={t.confirm_delete().replace("{when}", &when)}
                        onkeydown={escape_answers(&keep_button)}>
                        <p>{ t.confirm_delete().replace("{when}", &when) }</p>
                        <button type="button" class="cg-button cg-button-danger" onclick={on_yes}>{ t.confirm_yes() }</button>
                        <button type="button" class="cg-button" onclick={on_no} ref={keep_button.clone()}>{ t.confirm_no() }</button>
                    </div>
                } else {
                    <div key="actions" class="cg-entry-actions">
                        <button type="button" class="cg-button" onclick={on_edit} ref={edit_ref}
                            aria-label={format!("{}: {what}", t.edit())}>{ t.edit() }</button>
                        <button type="button" class="cg-button cg-button-quiet" onclick={on_ask} ref={return_ref}
                            aria-label={format!("{}: {what}", t.delete())}
                            aria-describedby={not_deleted.as_ref().map(|(said, _)| said.clone())}>{ t.delete() }</button>
                    </div>
                }
                if let Some((said, why)) = &not_deleted {
                    <p id={said.clone()} class="cg-notice cg-notice-error">{ why.clone() }</p>
                }
            </li>
        }
    };

    let undo = match &diary.undo {
        Some(before) => {
            let (diary, before, focus, heading) = (
                diary.clone(),
                before.clone(),
                focus.clone(),
                heading.clone(),
            );
            let (returning, return_button) = (returning.clone(), return_button.clone());
            let on_undo = Callback::from(move |_| {
                *returning.borrow_mut() = Some(before.id.clone());
                focus.request_or(&return_button, &heading);
                diary.undo_delete((*before).clone())
            });
            html! {
                <p class="cg-notice"><span id="cg-deleted-said">{ t.deleted() }</span>{ " " }
                    <button type="button" class="cg-button" onclick={on_undo} ref={undo_button.clone()}
                        aria-describedby="cg-deleted-said">{ t.undo() }</button></p>
            }
        }
        None => Html::default(),
    };

    html! {
        <section class="cg-history" aria-labelledby="cg-history-heading">
            <h4 id="cg-history-heading" tabindex="-1" ref={heading.clone()}>{ t.history_heading() }</h4>
            // On the page before anything is said in it, so a screen reader reads what is put in.
            <div class="cg-said" role="status">{ undo }</div>
            <fieldset class="cg-filter">
                <legend>{ t.filter_legend() }</legend>
                <label class="cg-field" for="cg-from"><span>{ t.filter_from() }</span>
                    <input type="date" id="cg-from" ref={from_input} value={(*from).clone()} oninput={date_input(&from)} /></label>
                <label class="cg-field" for="cg-to"><span>{ t.filter_to() }</span>
                    <input type="date" id="cg-to" value={(*to).clone()} oninput={date_input(&to)} /></label>
                <label class="cg-field cg-filter-lesion" for="cg-filter-lesion"><span>{ t.history_filter_lesion() }</span>
                    <select id="cg-filter-lesion" ref={lesion_select} onchange={on_lesion}>
                        <option value="" selected={lesion.is_empty()}>{ t.history_filter_lesion_all() }</option>
                        <>{ for choices.iter().map(|(id, label)| html! {
                            <option value={id.clone()} selected={*id == *lesion}>{ label.words(c) }</option>
                        }) }</>
                    </select></label>
                <div class="cg-filter-warnings">
                    <label class="cg-check" for="cg-filter-warnings">
                        <input type="checkbox" id="cg-filter-warnings" checked={*warning_signs}
                            aria-describedby="cg-filter-warnings-hint" onchange={on_warning_signs} />
                        <span>{ t.history_filter_warnings() }</span></label>
                    <p class="cg-hint" id="cg-filter-warnings-hint">{ t.history_filter_warnings_hint() }</p>
                </div>
                if filtered { <button type="button" class="cg-button" onclick={on_clear}>{ t.filter_clear() }</button> }
            </fieldset>
            if total == 0 {
                <p>{ if filtered { t.no_matches() } else { t.no_entries() } }</p>
            } else {
                <p class="cg-hint" aria-live="polite">{ t.showing().replace("{shown}", &total.min(*shown).to_string()).replace("{total}", &total.to_string()) }</p>
                <ol class="cg-entries">{ for matches.iter().take(*shown).enumerate().map(row) }</ol>
                if total > *shown { <button type="button" class="cg-button" onclick={on_more}>{ t.show_more() }</button> }
            }
        </section>
    }
}

/// Opens or closes `id` in a list of open entries (a few at most: a list, not a hash set).
fn toggle(open: &UseStateHandle<Vec<String>>, id: &str) -> Callback<MouseEvent> {
    let (open, id) = (open.clone(), id.to_string());
    Callback::from(move |_| {
        let mut now = (*open).clone();
        match now.iter().position(|o| *o == id) {
            Some(i) => {
                now.swap_remove(i);
            }
            None => now.push(id.clone()),
        }
        open.set(now);
    })
}
