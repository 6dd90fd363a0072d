use yew::prelude::*;

use crate::components::diary_provider::{use_diary, DiaryNotice};
use crate::components::focus::use_focus_later;
use crate::components::i18n::use_content;
use crate::core::date::Date;
use crate::core::diary::CheckIn;
use crate::platform::clock;

/// How many check-ins are shown before "Show more": a long diary stays quick to open.
const PAGE: usize = 30;

#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    pub on_edit: Callback<String>,
}

/// Past check-ins, newest first, with a date filter, edit, and delete with confirm and undo.
#[component]
pub fn History(props: &HistoryProps) -> Html {
    let c = use_content();
    let t = &c.diary;
    let diary = use_diary();
    let from = use_state(String::new);
    let to = use_state(String::new);
    let shown = use_state(|| PAGE);
    let confirming = use_state(|| None::<String>);
    let focus = use_focus_later();
    let heading = use_node_ref();
    let undo_button = use_node_ref();
    let keep_button = use_node_ref();

    let (from_d, to_d) = (Date::parse(&from), Date::parse(&to));
    let filtered = from_d.is_some() || to_d.is_some();
    let matching: Vec<&CheckIn> = diary
        .diary
        .between(from_d, to_d, &clock::BrowserZone)
        .collect();
    let total = matching.len();

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
    let on_clear = {
        let (from, to) = (from.clone(), to.clone());
        Callback::from(move |_| {
            from.set(String::new());
            to.set(String::new());
        })
    };
    let on_more = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + PAGE))
    };

    let row = |entry: &CheckIn| {
        let when = t.when(entry.at.local_in(&clock::BrowserZone));
        let id = entry.id.clone();
        let on_edit = {
            let (on_edit, id) = (props.on_edit.clone(), id.clone());
            Callback::from(move |_| on_edit.emit(id.clone()))
        };
        let on_ask = {
            let (confirming, id, focus, keep_button) = (
                confirming.clone(),
                id.clone(),
                focus.clone(),
                keep_button.clone(),
            );
            Callback::from(move |_| {
                focus.request(&keep_button);
                confirming.set(Some(id.clone()))
            })
        };
        let asking = confirming.as_deref() == Some(id.as_str());
        let on_yes = {
            let (diary, confirming, id, focus, undo_button) = (
                diary.clone(),
                confirming.clone(),
                id.clone(),
                focus.clone(),
                undo_button.clone(),
            );
            Callback::from(move |_| {
                focus.request(&undo_button);
                confirming.set(None);
                diary.remove(&id);
            })
        };
        let on_no = {
            let (confirming, focus, heading) = (confirming.clone(), focus.clone(), heading.clone());
            Callback::from(move |_| {
                focus.request(&heading);
                confirming.set(None)
            })
        };
        let sores = entry.open_sores();
        let what = t.delete_what.replace("{when}", &when);
        html! {
            <li key={id.clone()} class="cg-entry">
                <div class="cg-entry-main">
                    <h5 class="cg-entry-when">{ when.clone() }</h5>
                    <p class="cg-entry-facts">
                        <span class="cg-chip">{ t.pain_short.replace("{n}", &entry.pain.to_string()) }</span>
                        if !entry.observations.is_empty() {
                            <span class="cg-chip">{ t.lesions_short.replace("{n}", &entry.observations.len().to_string()) }</span>
                        }
                        if sores > 0 { <span class="cg-chip cg-chip-strong">{ t.open_short.replace("{n}", &sores.to_string()) }</span> }
                    </p>
                </div>
                if asking {
                    <div class="cg-confirm" role="group" aria-label={t.confirm_delete.replace("{when}", &when)}>
                        <p>{ t.confirm_delete.replace("{when}", &when) }</p>
                        <button type="button" class="cg-button cg-button-danger" onclick={on_yes}>{ &t.confirm_yes }</button>
                        <button type="button" class="cg-button" onclick={on_no} ref={keep_button.clone()}>{ &t.confirm_no }</button>
                    </div>
                } else {
                    <div class="cg-entry-actions">
                        <button type="button" class="cg-button" onclick={on_edit} aria-label={format!("{}: {what}", t.edit)}>{ &t.edit }</button>
                        <button type="button" class="cg-button cg-button-quiet" onclick={on_ask} aria-label={format!("{}: {what}", t.delete)}>{ &t.delete }</button>
                    </div>
                }
            </li>
        }
    };

    let undo = match &diary.notice {
        Some(DiaryNotice::Deleted { before }) => {
            let (diary, before, focus, heading) = (
                diary.clone(),
                before.clone(),
                focus.clone(),
                heading.clone(),
            );
            let on_undo = Callback::from(move |_| {
                focus.request(&heading);
                diary.undo_delete((*before).clone())
            });
            html! {
                <p class="cg-notice" role="status">{ &t.deleted }{ " " }
                    <button type="button" class="cg-button" onclick={on_undo} ref={undo_button.clone()}>{ &t.undo }</button></p>
            }
        }
        _ => Html::default(),
    };

    html! {
        <section class="cg-history" aria-labelledby="cg-history-heading">
            <h4 id="cg-history-heading" tabindex="-1" ref={heading.clone()}>{ &t.history_heading }</h4>
            { undo }
            <fieldset class="cg-filter">
                <legend>{ &t.filter_legend }</legend>
                <label class="cg-field" for="cg-from"><span>{ &t.filter_from }</span>
                    <input type="date" id="cg-from" value={(*from).clone()} oninput={date_input(&from)} /></label>
                <label class="cg-field" for="cg-to"><span>{ &t.filter_to }</span>
                    <input type="date" id="cg-to" value={(*to).clone()} oninput={date_input(&to)} /></label>
                if filtered { <button type="button" class="cg-button" onclick={on_clear}>{ &t.filter_clear }</button> }
            </fieldset>
            if total == 0 {
                <p>{ if filtered { &t.no_matches } else { &t.no_entries } }</p>
            } else {
                <p class="cg-hint" aria-live="polite">{ t.showing.replace("{shown}", &total.min(*shown).to_string()).replace("{total}", &total.to_string()) }</p>
                <ol class="cg-entries">{ for matching.iter().take(*shown).map(|e| row(e)) }</ol>
                if total > *shown { <button type="button" class="cg-button" onclick={on_more}>{ &t.show_more }</button> }
            }
        </section>
    }
}
