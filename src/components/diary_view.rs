use yew::prelude::*;

use crate::components::check_in_form::CheckInForm;
use crate::components::diary_provider::use_diary;
use crate::components::export_panel::ExportPanel;
use crate::components::focus::use_focus_later;
use crate::components::history::History;
use crate::components::i18n::use_content;
use crate::components::lesion_list::LesionList;
use crate::components::storage_notice::storage_notice;
use crate::components::trend_chart::TrendChart;
use crate::components::triage_result::TriageResult;
use crate::core::config::Settings;
use crate::core::diary::{new_id, Diary};
use crate::core::draft::Draft;
use crate::core::prefs::{backup_due_after, BACKUP_REMINDER_DAYS, BACKUP_REMINDER_DAYS_CLEARING};
use crate::core::time::Instant;
use crate::core::triage::{Assessment, Level};
use crate::platform::clock;

#[derive(Clone, PartialEq)]
enum Mode {
    List,
    Form(Box<Draft>),
}

#[derive(Properties, PartialEq)]
pub struct DiaryViewProps {
    pub settings: Settings,
    /// Opens the summary part, where backups are made. Absent when that part is hidden: the
    /// diary then has the backup, files and "Delete all my data" itself, below its history, so
    /// no clinic's choice of parts leaves a diary that cannot be saved, moved or deleted.
    #[prop_or_default]
    pub on_go_to_summary: Option<Callback<()>>,
}

/// The diary screen: notices, the check-in form or the latest result, the trend and history.
#[component]
pub fn DiaryView(props: &DiaryViewProps) -> Html {
    let c = use_content();
    let t = &c.diary;
    let diary = use_diary();
    // An unsaved check-in (from before a part switch or a reload) opens again as it was.
    let mode = {
        let (kept, d) = (diary.drafts.check_in.clone(), diary.diary.clone());
        use_state(move || kept.map_or(Mode::List, |k| Mode::Form(Box::new(reopened(k, &d)))))
    };
    // Everything was deleted (here or in another tab): close any form, so nothing deleted stays.
    let generation = use_state(|| diary.generation);
    if *generation != diary.generation {
        generation.set(diary.generation);
        mode.set(Mode::List);
    }
    let result = use_state(|| None::<Assessment>);
    // Safari and every browser on an iPhone or iPad delete a site's data after 7 days without a
    // visit: there a change no backup holds is reminded of at once, and why is said.
    let clearing = *use_state(crate::platform::clears_unvisited_sites);
    // The date of that result's check-in (`TriageResult::at`).
    let result_at = use_state(|| None::<Instant>);
    // Bumped for each new form so that a fresh form never keeps an old one's state.
    let form_count = use_state(|| 0u32);
    let new_button = use_node_ref();
    let focus = use_focus_later();
    // The check-in whose edit was cancelled, or whose saved edit's result was closed: the
    // history focuses its Edit button. Read for one render only.
    let cancelled_edit = use_mut_ref(|| None::<AttrValue>);
    let focus_edit = cancelled_edit.borrow_mut().take();
    // The backup reminder's button, with no summary part to go to: the panel below opens anew
    // with its backup button focused (the count is its key). Read for one render only, so that
    // coming back from a form leaves focus alone.
    let backup_asked = use_state(|| 0u32);
    let focus_backup = use_mut_ref(|| false);
    let focus_backup_now = std::mem::take(&mut *focus_backup.borrow_mut());
    let on_backup_here = {
        let (backup_asked, focus_backup) = (backup_asked.clone(), focus_backup.clone());
        Callback::from(move |_| {
            *focus_backup.borrow_mut() = true;
            backup_asked.set(backup_asked.wrapping_add(1));
        })
    };

    let on_new = {
        let diary = diary.clone();
        let (mode, result, form_count) = (mode.clone(), result.clone(), form_count.clone());
        Callback::from(move |_| {
            let now = clock::now();
            let draft = Draft::new(now, &clock::BrowserZone, diary.diary.entries().next())
                .minding_medicines(&diary.diary)
                .with_id(new_id('c', now, clock::random_u32()));
            result.set(None);
            form_count.set(*form_count + 1);
            mode.set(Mode::Form(Box::new(draft)));
        })
    };
    let on_quick = {
        let diary = diary.clone();
        let (mode, result, form_count) = (mode.clone(), result.clone(), form_count.clone());
        Callback::from(move |_| {
            let now = clock::now();
            if let Some(draft) = Draft::quick(now, &clock::BrowserZone, &diary.diary) {
                let draft = draft.with_id(new_id('c', now, clock::random_u32()));
                result.set(None);
                form_count.set(*form_count + 1);
                mode.set(Mode::Form(Box::new(draft)));
            }
        })
    };
    let on_open_waiting = {
        let diary = diary.clone();
        let (mode, result, form_count) = (mode.clone(), result.clone(), form_count.clone());
        Callback::from(move |_| {
            if let Some(draft) = diary.open_waiting() {
                result.set(None);
                form_count.set(*form_count + 1);
                mode.set(Mode::Form(Box::new(reopened(draft, &diary.diary))));
            }
        })
    };
    let quick_offered = diary.diary.entries().next().is_some();
    let on_edit = {
        let diary = diary.clone();
        let (mode, result, form_count) = (mode.clone(), result.clone(), form_count.clone());
        Callback::from(move |id: String| {
            if let Some(entry) = diary.diary.check_in(&id) {
                let draft = Draft::edit(entry, &diary.diary, &clock::BrowserZone);
                result.set(None);
                form_count.set(*form_count + 1);
                mode.set(Mode::Form(Box::new(draft)));
            }
        })
    };
    // The check-in whose edit was saved: closing its result focuses its Edit button again.
    let edited = use_mut_ref(|| None::<AttrValue>);
    let on_saved = {
        let (mode, result, diary) = (mode.clone(), result.clone(), diary.clone());
        let (edited, result_at) = (edited.clone(), result_at.clone());
        Callback::from(move |(at, assessment): (Instant, Assessment)| {
            *edited.borrow_mut() = match &*mode {
                Mode::Form(d) => d.editing.clone().map(AttrValue::from),
                Mode::List => None,
            };
            diary.keep_check_in_draft(None);
            // The date the form saved, not one read back: a storage that refuses every write
            // (found by review) still shows the copy from before the save.
            result_at.set(Some(at));
            result.set(Some(assessment));
            mode.set(Mode::List);
        })
    };
    let on_cancel = {
        let (mode, focus, new_button, diary) = (
            mode.clone(),
            focus.clone(),
            new_button.clone(),
            diary.clone(),
        );
        let cancelled_edit = cancelled_edit.clone();
        Callback::from(move |_| {
            diary.keep_check_in_draft(None);
            let editing = match &*mode {
                Mode::Form(d) => d.editing.clone(),
                Mode::List => None,
            };
            match editing {
                Some(id) => *cancelled_edit.borrow_mut() = Some(id.into()),
                None => focus.request(&new_button),
            }
            mode.set(Mode::List)
        })
    };
    let on_close = {
        let (result, focus, new_button) = (result.clone(), focus.clone(), new_button.clone());
        let (edited, cancelled_edit) = (edited.clone(), cancelled_edit.clone());
        Callback::from(move |_| {
            match edited.borrow_mut().take() {
                Some(id) => *cancelled_edit.borrow_mut() = Some(id),
                None => focus.request(&new_button),
            }
            result.set(None)
        })
    };

    let due = matches!(*mode, Mode::List)
        && backup_due_after(
            &diary.diary,
            &diary.prefs,
            clock::now(),
            if clearing {
                BACKUP_REMINDER_DAYS_CLEARING
            } else {
                BACKUP_REMINDER_DAYS
            },
        );
    let reminder = html! {
        <div class="cg-notice cg-backup-reminder" role="note">
            <p>{ if clearing { c.summary.backup_reminder_clearing() } else { c.summary.backup_reminder() } }</p>
            if let Some(go) = &props.on_go_to_summary {
                <button type="button" class="cg-button" onclick={go.reform(|_| ())}>{ c.summary.backup_now() }</button>
            } else {
                <button type="button" class="cg-button" onclick={on_backup_here}>{ c.summary.backup_now() }</button>
            }
        </div>
    };

    html! {
        <div class="cg-diary">
            <h3 class="cg-view-title">{ t.diary_heading() }</h3>
            <p>{ t.diary_intro() }</p>
            { storage_notice(c, &diary, None) }
            // Never above a check-in's result: what to do about the symptoms comes first.
            if due && result.is_none() { { reminder.clone() } }
            if let Some(a) = &*result {
                // With storage blocked the check-in is on this page only: "not saved", under the
                // banner that says so (found by an audit: "Check-in saved." there).
                <TriageResult assessment={a.clone()} settings={props.settings.clone()} at={*result_at} {on_close} saved={!diary.blocked} />
                // Where the browser deletes the check-in after 7 days without a visit, under the
                // result: a patient who leaves without closing it must see it (found by review).
                // Not under a call to get help now or to an emergency number: nothing there but
                // what to do (it comes once the result is closed).
                if due && clearing && a.level <= Level::CallToday { { reminder } }
            }
            {
                match &*mode {
                    Mode::Form(draft) => html! {
                        <CheckInForm key={*form_count} draft={(**draft).clone()} settings={props.settings.clone()} {on_saved} {on_cancel} reopened={*form_count == 0} />
                    },
                    Mode::List => html! {
                        <>
                            if diary.waiting.form {
                                <div class="cg-notice cg-waiting" role="note">
                                    <p>{ t.waiting_form() }</p>
                                    <button type="button" class="cg-button" onclick={on_open_waiting}>{ t.open_waiting_form() }</button>
                                </div>
                            }
                            <div class="cg-new-actions">
                                if quick_offered {
                                    // Ids: a mount again (the page changed an attribute) puts the
                                    // keyboard back on the same button (found by review: a result
                                    // closed just before one left it on the part's tab).
                                    <button type="button" id="cg-quick-start" class="cg-button cg-button-primary cg-quick-start" onclick={on_quick}
                                        aria-describedby="cg-quick-offer">{ t.quick_check_in() }</button>
                                }
                                <button type="button" id="cg-new-check-in" class={classes!("cg-button", (!quick_offered).then_some("cg-button-primary"), "cg-new")}
                                    onclick={on_new} ref={new_button.clone()}>{ "+ " }{ t.new_check_in() }</button>
                                if quick_offered { <p class="cg-hint" id="cg-quick-offer">{ t.quick_offer() }</p> }
                            </div>
                            <TrendChart />
                            <LesionList />
                            <History {on_edit} {focus_edit} settings={props.settings.clone()} />
                            if props.on_go_to_summary.is_none() {
                                <ExportPanel key={*backup_asked} settings={props.settings.clone()} focus_backup={focus_backup_now} />
                            }
                        </>
                    },
                }
            }
        </div>
    }
}

/// A form kept unsaved, opened again: shown in the device's zone now, and a quick check-in started
/// on an earlier day asks each lump's "Since last time" again (`Draft::asked_again_if_older`).
fn reopened(draft: Draft, diary: &Diary) -> Draft {
    let zone = &clock::BrowserZone;
    let mut draft = draft.shown_in(diary, zone);
    draft.asked_again_if_older(clock::now().local_in(zone).date, zone, diary);
    draft
}
