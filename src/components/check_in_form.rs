use std::rc::Rc;

use yew::prelude::*;

use crate::components::char_count::char_count;
use crate::components::check_group::{check_group, CheckGroupProps};
use crate::components::conflict_panel::{conflict_panel, Choice, Conflict};
use crate::components::diary_provider::{use_diary, DraftPart};
use crate::components::focus::{
    escape_answers, focus_is_free_for, focus_is_free_for_reopened, use_focus_later,
};
use crate::components::i18n::use_content;
use crate::components::lesion_editor::{self, LesionEditor};
use crate::components::pain_scale::{pain_scale, PainScaleProps};
use crate::components::quick_check_in::QuickFields;
use crate::components::triage_result::TriageResult;
use crate::core::config::Settings;
use crate::core::content::{Content, DiaryUi};
use crate::core::diary::{new_id, Adherence, CheckIn, Diary, Lesion, SideEffect, Warning};
use crate::core::diary_store::{EditError, Expect};
use crate::core::draft::{
    apply, Action, Body, Draft, DraftLesion, Field, LesionChange, Problem, Problems, EARLIEST_YEAR,
};
use crate::core::drafts;
use crate::core::export::{from_key, key as code};
use crate::core::limits;
use crate::core::mentions::{self, Tick};
use crate::core::time::Instant;
use crate::core::triage::{assess_in, Assessment, Level};
use crate::platform::clock;

/// Saves a built check-in with its lesions, from the stored copy edited at the given time.
type SaveFn = Rc<dyn Fn(CheckIn, Vec<Lesion>, Expect)>;

/// The form's draft changes only through `draft::apply`, one action at a time, in the order the
/// events came (even when they come faster than renders).
impl Reducible for Draft {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(apply((*self).clone(), action))
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckInFormProps {
    pub draft: Draft,
    /// For the numbers to call, in a result shown when the check-in could not be saved.
    pub settings: Settings,
    /// After a successful save: the check-in id and what triage made of it.
    pub on_saved: Callback<(Instant, Assessment)>,
    pub on_cancel: Callback<()>,
    /// Opened again by itself as the diary mounted (a kept form), not by the patient's button:
    /// it takes focus only from elsewhere in the widget (see `focus_is_free_for_reopened`).
    #[prop_or_default]
    pub reopened: bool,
}

/// The message shown next to a field with this problem. `diary` is this tab's, for the name
/// another tab gave a lump (`RenamedElsewhere`).
pub(crate) fn message(
    c: &Content,
    diary: &Diary,
    d: &Draft,
    field: &Field,
    problem: Problem,
) -> String {
    let t = &c.diary;
    match (field, problem) {
        (Field::LesionName(k), _) => {
            let theirs = d
                .lesions
                .iter()
                .find(|l| l.key == *k)
                .and_then(|l| diary.lesion(l.lesion_id.as_deref()?));
            let name = match theirs {
                Some(l) if l.name.trim().is_empty() => c.site_label(l.site).to_string(),
                Some(l) => l.name.trim().to_string(),
                None => String::new(),
            };
            t.err_renamed_elsewhere()
                .replace("{name}", &name)
                .replace("{save}", t.save())
        }
        (Field::AnyWarning, Problem::NothingTicked) => t.err_nothing_ticked().clone(),
        (Field::AnyWarning, _) => t.err_any_warning().clone(),
        (Field::LesionSince(_), _) => t.err_quick_since().clone(),
        (Field::When, Problem::InFuture) => t.err_future().clone(),
        (Field::When, Problem::NoSuchTime) => t.err_no_such_time().clone(),
        (Field::When, Problem::ClockBehind) => match diary.entries().next() {
            Some(last) => {
                let when = |at: Instant| t.when(at.local_in(&clock::BrowserZone));
                t.err_clock_behind()
                    .replace("{now}", &when(clock::now()))
                    .replace("{last}", &when(last.at))
                    .replace("{history}", t.history_heading())
                    .replace("{edit}", t.edit())
            }
            None => t.err_date().clone(),
        },
        (Field::When, Problem::TooEarly) => t
            .err_too_early()
            .replace("{earliest}", &EARLIEST_YEAR.to_string()),
        (Field::When, _) => t.err_date().clone(),
        (Field::Pain, _) => t.err_pain().clone(),
        (Field::Daily, _) => t.err_daily().clone(),
        (Field::LesionSite(_), _) => t.err_no_site().clone(),
        (Field::LesionPain(_), _) => t.err_lesion_pain().clone(),
        (Field::LesionSize(_), _) => t.err_size().clone(),
        (Field::LesionDuplicate(_), _) => t.err_duplicate().clone(),
    }
}

/// The question a problem is about, as the list above the form names it. A lump of the quick
/// check-in by its own title there (its name and place): that form numbers none.
fn question(c: &Content, d: &Draft, field: &Field) -> String {
    let t = &c.diary;
    let lesion = |k: u32| match d.lesions.iter().position(|l| l.key == k) {
        Some(i) if d.quick.on => crate::components::quick_check_in::title(c, &d.lesions[i], i),
        at => t
            .lesion_number()
            .replace("{n}", &at.map_or(0, |i| i + 1).to_string()),
    };
    match *field {
        Field::When => t.when_legend().clone(),
        Field::Pain => t.pain_legend().clone(),
        Field::Daily => t.daily_legend().clone(),
        Field::AnyWarning => t.quick_any_legend().clone(),
        Field::LesionSite(k)
        | Field::LesionSince(k)
        | Field::LesionPain(k)
        | Field::LesionSize(k)
        | Field::LesionDuplicate(k)
        | Field::LesionName(k) => lesion(k),
    }
}

/// The control a problem's button takes the patient to: the first choice of its question. A
/// lump's place and size are its editor's (in the quick check-in too, once its details are
/// open); its pain is asked by the quick check-in's own scale there.
fn control_id(d: &Draft, field: &Field) -> String {
    use crate::components::quick_check_in;
    match *field {
        // The quick form asks no date: its clock problem is told at the top, by "use the full
        // form", which shows the date the device gives.
        Field::When if d.quick.on => "cg-use-full".into(),
        Field::When => "cg-date".into(),
        Field::Pain => "cg-pain-0".into(),
        Field::Daily => "cg-daily-skip".into(),
        Field::AnyWarning => "cg-quick-none".into(),
        Field::LesionSince(k) => format!("{}-same", quick_check_in::base_id(k)),
        Field::LesionSite(k) | Field::LesionDuplicate(k) => {
            format!("{}-site", lesion_editor::base_id(k))
        }
        Field::LesionPain(k) if d.quick.on => format!("{}-pain-skip", quick_check_in::base_id(k)),
        Field::LesionPain(k) => format!("{}-pain-skip", lesion_editor::base_id(k)),
        Field::LesionSize(k) => format!("{}-mm", lesion_editor::base_id(k)),
        Field::LesionName(k) => format!("{}-name", lesion_editor::base_id(k)),
    }
}

/// The immune-weakening question, as both forms ask it: a box, and under it, when the list of
/// medicines names one that weakens the defences, which one (`Draft::minding_medicines` ticked
/// it for a new check-in).
pub fn immune_question(
    t: &DiaryUi,
    diary: &Diary,
    checked: bool,
    class: &'static str,
    dispatch: &Callback<Action>,
) -> Html {
    let listed = diary
        .defence_weakening_medicine()
        .map(|m| t.immune_listed().replace("{name}", &m.name));
    let onchange = dispatch.reform(|e: Event| {
        let on = e
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .checked();
        Action::Body(Body::ImmuneWeakening, on)
    });
    html! {
        <>
            <label class={classes!("cg-check", class)} for="cg-immune">
                <input type="checkbox" id="cg-immune" {checked}
                    aria-describedby={listed.is_some().then_some("cg-immune-listed")} {onchange} />
                <span>{ t.immune_weakening() }</span>
            </label>
            if let Some(text) = listed { <p class="cg-hint" id="cg-immune-listed">{ text }</p> }
        </>
    }
}

/// A press that moves the focus to the control with this id in the same form (each widget on a
/// page has its own form, so the id is looked for there).
fn go(id: String) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        use wasm_bindgen::JsCast;
        let form = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("form").ok().flatten());
        let target = form.and_then(|f| f.query_selector(&format!("#{id}")).ok().flatten());
        if let Some(el) = target.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _focus_is_best_effort = el.focus();
        }
    })
}

/// What stops the check-in being saved, each a button to its question: a long form on a phone
/// with large text puts a problem screens away from the top, where the focus goes.
fn problem_list(c: &Content, diary: &Diary, d: &Draft, problems: &Problems) -> Html {
    html! {
        <ul class="cg-problems">
            { for problems.iter().enumerate().map(|(i, (field, problem))| html! {
                <li key={i}>
                    <button type="button" class="cg-button cg-button-quiet" onclick={go(control_id(d, field))}>
                        <span><strong>{ question(c, d, field) }</strong>{ ": " }{ message(c, diary, d, field, *problem) }</span>
                    </button>
                </li>
            }) }
        </ul>
    }
}

/// Warning signs the patient wrote in the notes (or under "something else") with no box ticked
/// that says them (`mentions::unticked`): the words, and each box that would say the sign, a
/// button to it. Only ticked boxes change the advice. Nothing is ticked for the patient. Always
/// in the page, empty when there is nothing, so a screen reader hears the line when it comes.
/// `typing`: focus is in one of the fields read, whose last word may still grow.
fn mention_list(t: &DiaryUi, d: &Draft, typing: bool) -> Html {
    let found = mentions::unticked(d, typing);
    let first_lump = d.lesions.first().map(|l| lesion_editor::base_id(l.key));
    let lump_first = found
        .iter()
        .any(|m| first_lump.is_none() && m.ticks.iter().all(|t| matches!(t, Tick::Sign(_))));
    // The box's words, and its id in this form (none for a lump's sign with no lump yet).
    let tick = |tick: &Tick| -> (String, Option<String>) {
        match *tick {
            Tick::Fever => (
                t.fever().clone(),
                Some(format!("cg-body-{}", Body::Fever.key())),
            ),
            Tick::Sign(s) => (
                t.signs[&s].clone(),
                first_lump
                    .as_ref()
                    .map(|b| format!("{b}-signs-{}", code(&s))),
            ),
            Tick::Warning(w) => (
                t.warnings[&w].clone(),
                Some(format!("cg-warn-{}", code(&w))),
            ),
            Tick::SideEffect(s) => (
                t.side_effects[&s].clone(),
                Some(format!("cg-fx-{}", code(&s))),
            ),
        }
    };
    html! {
        <div class="cg-mentions" aria-live="polite">
            if !found.is_empty() {
                // Read with each button: it takes the patient to the box, and ticks nothing.
                <p class="cg-strong" id="cg-mentions-intro">{ t.mentions_intro() }</p>
                <ul>
                    { for found.iter().enumerate().map(|(i, m)| {
                        // One lump's sign is enough to show (the others are its variants, in the
                        // same list under the lump); every other box is shown.
                        let first_sign = m.ticks.iter().position(|t| matches!(t, Tick::Sign(_)));
                        let shown = m.ticks.iter().enumerate().filter(|(i, t)| !matches!(t, Tick::Sign(_)) || Some(*i) == first_sign);
                        html! {
                            <li key={i}>
                                { t.mentions_item().replace("{words}", &m.words) }
                                <ul class="cg-mention-boxes">
                                    { for shown.map(|(_, b)| {
                                        let (words, id) = tick(b);
                                        html! {
                                            <li>
                                                if let Some(id) = id {
                                                    <button type="button" class="cg-button cg-button-quiet" onclick={go(id)} aria-describedby="cg-mentions-intro">{ words }</button>
                                                } else {
                                                    { words }
                                                }
                                            </li>
                                        }
                                    }) }
                                </ul>
                            </li>
                        }
                    }) }
                </ul>
                if lump_first { <p>{ t.mentions_add_lump() }</p> }
            }
        </div>
    }
}

/// The check-in form. What is typed stays in the form until it is saved.
#[component]
pub fn CheckInForm(props: &CheckInFormProps) -> Html {
    let c = use_content();
    let t = &c.diary;
    let diary = use_diary();
    let draft = {
        let d = props.draft.clone();
        use_reducer(move || d)
    };
    let problems = use_state(Problems::new);
    let save_error = use_state(|| None::<String>);
    // What the answers mean when they could not be saved (shown under the error).
    let unsaved = use_state_eq(|| None::<Assessment>);
    // The date of the check-in whose save failed (`TriageResult::at`); none for a form not
    // built yet, whose date may be the thing to put right.
    let unsaved_at = use_state_eq(|| None::<Instant>);
    // Another tab changed (or deleted) the check-in being edited: ours, theirs, the lumps this
    // form would write (a new one is in no diary yet), and the diary as stored then (a lump the
    // other tab added), for the lumps' names.
    let conflict = use_state(|| None::<Conflict>);
    // Letting this form's changes go for the other copy is asked first (`conflict_panel`).
    let conflict_asking = use_state_eq(|| false);
    let (conflict_go_back, conflict_let_go) = (use_node_ref(), use_node_ref());
    // Whether the form opened on typing kept from before (a reload, a part switch, a closed tab):
    // the same form, as kept or shown again in another time zone (`Draft::shown_in`), which
    // must be kept as shown, not taken for a fresh form and let go.
    let opened_kept = *use_state(|| {
        diary
            .drafts
            .check_in
            .as_ref()
            .is_some_and(|kept| drafts::same_form(kept, &props.draft))
    });
    {
        // Everything typed is kept as a draft (across part switches and reloads) once it differs
        // from what the form opened with; saving or cancelling clears it. Typed back to how it
        // opened, the kept copy is what it opened with again: nothing for a fresh form, so text
        // deleted from it never comes back after a reload.
        let (diary, opened_with) = (diary.clone(), props.draft.clone());
        use_effect_with((*draft).clone(), move |d| {
            let keep = *d != opened_with || opened_kept;
            diary.keep_check_in_draft(keep.then(|| d.clone()));
        });
    }
    {
        // Urgent advice shown for a form that could not be saved yet (`Draft::routed_as_ticked`) goes as
        // soon as the answers no longer give it: never left on screen over answers that say
        // otherwise (a box unticked, a lump's pain given). Routed on this tab's diary: nothing
        // is read from storage as the patient types.
        let (unsaved, problems, diary) = (unsaved.clone(), problems.clone(), diary.clone());
        use_effect_with((*draft).clone(), move |d| {
            let Some(shown) = (*unsaved).clone().filter(|_| !problems.is_empty()) else {
                return;
            };
            let now = clock::now();
            let mut ids = |p: char| new_id(p, now, clock::random_u32());
            let routed = d.routed_as_ticked(&diary.diary, now, &clock::BrowserZone, &mut ids);
            if routed != shown {
                unsaved.set(None);
            }
        });
    }
    let error_summary = use_node_ref();
    let heading = use_node_ref();
    {
        // Opening the form (new or edit) takes focus to its heading, not to the page body; but
        // not from the host page, nor from a field of this form the loader put focus back in
        // after mounting the widget anew (see `focus_is_free_for`). A kept form opened again as
        // the widget mounts (a reload, the page changing an attribute) does not take it from the
        // page's body either: that would scroll the clinic's page to it.
        let (heading, reopened) = (heading.clone(), props.reopened);
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let form = h.parent_element().unwrap_or_else(|| h.clone().into());
                let free = match reopened {
                    true => focus_is_free_for_reopened(&form),
                    false => focus_is_free_for(&form),
                };
                if free {
                    let _focus_is_best_effort = h.focus();
                }
            }
        });
    }
    let d = &*draft;
    let error_for = |want: &dyn Fn(&Field) -> bool| -> Option<AttrValue> {
        problems
            .iter()
            .find(|(f, _)| want(f))
            .map(|(f, p)| AttrValue::from(message(c, &diary.diary, d, f, *p)))
    };

    // Saves; on a conflict with another tab, shows both versions instead.
    let save = {
        let conflict_asking = conflict_asking.clone();
        let unsaved_at = unsaved_at.clone();
        let (save_error, unsaved, conflict, diary, on_saved, error_summary) = (
            save_error.clone(),
            unsaved.clone(),
            conflict.clone(),
            diary.clone(),
            props.on_saved.clone(),
            error_summary.clone(),
        );
        let save: SaveFn = Rc::new(
            move |check_in: CheckIn, lesions: Vec<Lesion>, expect: Expect| {
                match diary.record(check_in.clone(), lesions.clone(), expect) {
                    // Routed on the diary as saved, with what another tab saved a moment
                    // before: the check-in before it and the lumps it knows.
                    // The form goes and the result takes the focus (`TriageResult`): nothing
                    // here is focused on the way (a forced layout, and a word said for nothing).
                    Ok(saved) => {
                        conflict.set(None);
                        let assessment = diary.assess_in(&saved, &check_in);
                        on_saved.emit((check_in.at, assessment));
                        return;
                    }
                    Err(EditError::ChangedElsewhere(theirs)) => {
                        save_error.set(None);
                        unsaved.set(None);
                        // A new choice starts at the choice, not at its question.
                        conflict_asking.set(false);
                        conflict.set(Some(Conflict {
                            mine: check_in,
                            theirs: theirs.map(|t| *t),
                            lesions,
                            stored: diary.current(),
                        }));
                    }
                    Err(EditError::Store(e)) => {
                        save_error.set(Some(format!("{} {}", t.save_failed(), t.store_error(&e))));
                        // Routed on the diary as it would be with this check-in in it.
                        let would_be = diary.diary.with_recorded(check_in.clone(), lesions);
                        unsaved.set(Some(assess_in(&would_be, &check_in)));
                        unsaved_at.set(Some(check_in.at));
                    }
                }
                if let Some(el) = error_summary.cast::<web_sys::HtmlElement>() {
                    let _focus_is_best_effort = el.focus();
                }
            },
        );
        save
    };
    // Builds the check-in from the form as it is now, on the diary as stored now, and saves it.
    // `expect` overrides what should be stored under its id: the conflict panel's "Keep mine"
    // saves over the other copy, but still builds anew, so a lump another tab renamed, moved or
    // healed while the patient chose is seen, and only what this form changed is written.
    let submit: Rc<dyn Fn(Option<Expect>)> = {
        let unsaved_at = unsaved_at.clone();
        let (draft, problems, save_error, unsaved, diary, error_summary, save) = (
            draft.clone(),
            problems.clone(),
            save_error.clone(),
            unsaved.clone(),
            diary.clone(),
            error_summary.clone(),
            save.clone(),
        );
        Rc::new(move |expect: Option<Expect>| {
            let now = clock::now();
            let mut ids = |p: char| new_id(p, now, clock::random_u32());
            // Built on the diary as stored now, not this tab's copy, which misses what another
            // tab saved while this one heard nothing (a page back from the browser's history, a
            // storage event still on its way): a lump renamed, moved or healed there is seen
            // here, and only what this form changed is written over it.
            let current = diary.current();
            match draft.build(&current, now, &clock::BrowserZone, &mut ids) {
                Err(found) => {
                    // Not saved until an answer is given or put right; what is ticked already
                    // is routed all the same, and urgent advice is shown at once, under the list
                    // of what to put right (pain not yet given counts as none).
                    let routed =
                        draft.routed_as_ticked(&current, now, &clock::BrowserZone, &mut ids);
                    // A lump renamed elsewhere too: its other name is shown now, so saving
                    // again keeps the one typed here.
                    let renamed: Vec<u32> = found
                        .iter()
                        .filter_map(|p| match p {
                            (Field::LesionName(k), Problem::RenamedElsewhere) => Some(*k),
                            _ => None,
                        })
                        .collect();
                    if !renamed.is_empty() {
                        // The other name is shown from the stored diary, which this tab now shows.
                        diary.show(current.clone());
                        draft.dispatch(Action::NamesSeen(current, renamed));
                    }
                    problems.set(found);
                    save_error.set(None);
                    unsaved.set((routed.level >= Level::CallToday).then_some(routed));
                    unsaved_at.set(None);
                    if let Some(el) = error_summary.cast::<web_sys::HtmlElement>() {
                        let _focus_is_best_effort = el.focus();
                    }
                }
                Ok((check_in, lesions)) => {
                    problems.set(Vec::new());
                    // A new check-in expects nothing stored under its id; an edit, the copy
                    // it started from.
                    let expect =
                        expect.unwrap_or_else(|| draft.base.map_or(Expect::New, Expect::Edit));
                    save(check_in, lesions, expect);
                }
            }
        })
    };
    let on_submit = {
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit(None)
        })
    };
    // The patient chose this form's copy over the other, so it is saved later than it.
    let on_keep_mine = {
        let conflict_asking = conflict_asking.clone();
        Callback::from(move |_: MouseEvent| {
            conflict_asking.set(false);
            submit(Some(Expect::Any))
        })
    };

    let previous = diary.diary.entries().next().cloned();
    let on_same = {
        let (draft, diary) = (draft.clone(), diary.diary.clone());
        Callback::from(move |_| draft.dispatch(Action::SameAsLast(diary.clone())))
    };
    // A lump added takes focus to its first question; one removed gives focus to "+ Add a lump
    // or sore" (its own button is gone: focus would fall to the page).
    let added = use_mut_ref(|| false);
    let (add_button, focus) = (use_node_ref(), use_focus_later());
    // Asking (focus to "No, go back") and answering no (focus back on the button that asked).
    let conflict_answer = |asking: bool, to: &NodeRef| {
        let (state, focus, to) = (conflict_asking.clone(), focus.clone(), to.clone());
        Callback::from(move |_| {
            focus.request(&to);
            state.set(asking)
        })
    };
    let on_conflict_ask = conflict_answer(true, &conflict_go_back);
    let on_conflict_no = conflict_answer(false, &conflict_let_go);
    let on_conflict_yes = props.on_cancel.reform(|_: MouseEvent| ());
    // The lump or sore just removed from this check-in, while its Undo is offered: where it was,
    // as typed, and its title. A tap on "Remove" is easy to make by mistake with stiff fingers,
    // and a lump described in full is the patient's work.
    let removed = use_state(|| None::<(usize, Rc<DraftLesion>, String)>);
    let undo_lesion = use_node_ref();
    // The lump its Undo just put back: focus goes to its first question, as for one just added.
    let restored = use_mut_ref(|| None::<u32>);
    let on_add = {
        let (draft, added, removed) = (draft.clone(), added.clone(), removed.clone());
        Callback::from(move |_| {
            *added.borrow_mut() = true;
            removed.set(None);
            draft.dispatch(Action::AddLesion)
        })
    };
    let dispatch = {
        let draft = draft.dispatcher();
        Callback::from(move |a: Action| draft.dispatch(a))
    };
    // Switching forms keeps every answer and puts focus on the form's heading, which names
    // the form now shown.
    let switch_to = |to: Action| {
        let (dispatch, heading) = (dispatch.clone(), heading.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(to.clone());
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _focus_is_best_effort = h.focus();
            }
        })
    };
    let on_full = switch_to(Action::FullForm);
    let on_quick = switch_to(Action::QuickForm(diary.diary.clone(), clock::now()));
    let on_lesion = {
        let draft = draft.clone();
        Callback::from(move |(key, change): (u32, LesionChange)| {
            draft.dispatch(Action::Lesion(key, change))
        })
    };
    let on_remove = {
        let (draft, focus, add_button) = (draft.clone(), focus.clone(), add_button.clone());
        let (removed, undo_lesion, lesions) =
            (removed.clone(), undo_lesion.clone(), d.lesions.clone());
        Callback::from(move |key: u32| {
            // One described at all (a place, a name, a score, a size or a sign) can be put back:
            // focus goes to its Undo, so a second press of the same key brings it back rather
            // than adding an empty one. An empty one just goes.
            let at = lesions.iter().position(|l| l.key == key);
            let described = at.map(|i| &lesions[i]).filter(|l| {
                DraftLesion {
                    key: l.key,
                    ..DraftLesion::default()
                } != **l
            });
            match (at, described) {
                (Some(at), Some(l)) => {
                    let title = lesion_editor::placed(c, l)
                        .or_else(|| Some(l.name.trim().to_string()).filter(|n| !n.is_empty()))
                        .unwrap_or_else(|| t.lesion_number().replace("{n}", &(at + 1).to_string()));
                    removed.set(Some((at, Rc::new(l.clone()), title)));
                    focus.request(&undo_lesion);
                }
                _ => {
                    removed.set(None);
                    focus.request(&add_button);
                }
            }
            draft.dispatch(Action::RemoveLesion(key))
        })
    };
    let on_undo_lesion = {
        let (draft, removed, restored) = (draft.clone(), removed.clone(), restored.clone());
        Callback::from(move |_| {
            if let Some((at, lesion, _)) = (*removed).clone() {
                *restored.borrow_mut() = Some(lesion.key);
                draft.dispatch(Action::RestoreLesion(at, Box::new((*lesion).clone())));
            }
            removed.set(None);
        })
    };
    // Focus is in the notes or "something else": the last word typed may still grow.
    let typing = use_state(|| false);
    let typing_in = |on: bool| {
        let typing = typing.clone();
        Callback::from(move |_: FocusEvent| typing.set(on))
    };
    let text_input = |to_action: fn(String) -> Action| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            draft.dispatch(to_action(v))
        })
    };
    let on_notes = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                .value();
            draft.dispatch(Action::Notes(v))
        })
    };
    let on_pain = {
        let draft = draft.clone();
        Callback::from(move |p: Option<u8>| draft.dispatch(Action::Pain(p)))
    };
    let on_daily = {
        let draft = draft.clone();
        Callback::from(move |p: Option<u8>| draft.dispatch(Action::Daily(p)))
    };
    // The check groups name their boxes by code; a code that names nothing is ignored.
    let on_body = {
        let draft = draft.clone();
        Callback::from(move |(key, on): (AttrValue, bool)| {
            if let Some(b) = Body::from_key(&key) {
                draft.dispatch(Action::Body(b, on))
            }
        })
    };
    let on_warning = {
        let draft = draft.clone();
        Callback::from(move |(key, on): (AttrValue, bool)| {
            if let Some(w) = from_key(&key) {
                draft.dispatch(Action::Warning(w, on))
            }
        })
    };
    let on_side_effect = {
        let draft = draft.clone();
        Callback::from(move |(key, on): (AttrValue, bool)| {
            if let Some(s) = from_key(&key) {
                draft.dispatch(Action::SideEffect(s, on))
            }
        })
    };
    let adherence = [
        (None, t.adherence_not_asked()),
        (Some(Adherence::AsPrescribed), t.adherence_as_prescribed()),
        (Some(Adherence::MissedSome), t.adherence_missed_some()),
        (Some(Adherence::NotTaking), t.adherence_not_taking()),
    ];
    // Cancel throws the typing away: with anything typed (here, or kept from before), it asks
    // first (Save and Cancel sit side by side, and fingers may be stiff). Focus goes to "No,
    // keep writing".
    let asking_cancel = use_state_eq(|| false);
    let (keep_typing, cancel_button) = (use_node_ref(), use_node_ref());
    let asked = use_mut_ref(|| false);
    {
        // Asking: focus on "No, keep writing". Answered "keep": back on Cancel, where it was.
        let (keep_typing, cancel_button) = (keep_typing.clone(), cancel_button.clone());
        use_effect_with(*asking_cancel, move |asking| {
            let to = if *asking {
                Some(keep_typing)
            } else {
                asked.borrow().then_some(cancel_button)
            };
            *asked.borrow_mut() = *asking;
            if let Some(b) = to.and_then(|r| r.cast::<web_sys::HtmlElement>()) {
                let _focus_is_best_effort = b.focus();
            }
        });
    }
    let typed = opened_kept || *d != props.draft;
    let on_cancel = {
        let (on_cancel, asking_cancel) = (props.on_cancel.clone(), asking_cancel.clone());
        Callback::from(move |_| {
            if typed {
                asking_cancel.set(true);
            } else {
                on_cancel.emit(())
            }
        })
    };
    let on_discard = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_| on_cancel.emit(()))
    };
    let on_keep_typing = {
        let asking_cancel = asking_cancel.clone();
        Callback::from(move |_| asking_cancel.set(false))
    };
    // Enter in a field does not save the whole check-in: the warning signs further down may not
    // have been seen yet. Only the Save button saves (a textarea still takes new lines).
    let on_keydown = Callback::from(|e: KeyboardEvent| {
        use wasm_bindgen::JsCast;
        let in_field = e.target().is_some_and(|t| {
            t.dyn_ref::<web_sys::HtmlInputElement>().is_some()
                || t.dyn_ref::<web_sys::HtmlSelectElement>().is_some()
        });
        if e.key() == "Enter" && in_field {
            e.prevent_default();
        }
    });
    let when_error = error_for(&|f| *f == Field::When);
    let check = |key: &str, label: &str, on: bool| {
        (
            AttrValue::from(key.to_string()),
            AttrValue::from(label.to_string()),
            on,
        )
    };

    let when_words = d.typed_local().map(|l| {
        t.when_said()
            .replace("{date}", &c.ui.long_date(l.date))
            // As the time field gives it (24-hour "14:30", whatever the browser shows).
            .replace("{time}", d.time.trim())
    });
    // A new check-in started on an earlier day (kept over a reload, or left for weeks) keeps the
    // date and time it opened with: said, so today's news is not filed weeks back unseen.
    // Said while the date is still the one it opened with (a time changed alone leaves it on
    // that day): once the date is changed, it is the patient's.
    let date_untouched = d
        .when_shown
        .as_ref()
        .is_some_and(|(date, _)| *date == d.date);
    let started_earlier = d
        .opened
        .filter(|_| d.editing.is_none() && date_untouched)
        .map(|o| o.local_in(&clock::BrowserZone).date)
        .filter(|&day| day < clock::now().local_in(&clock::BrowserZone).date)
        .map(|day| t.started_earlier().replace("{date}", &c.ui.long_date(day)));
    // The date and time fields are described by the note that they were kept from an earlier
    // day, and by the date and time in words.
    let when_described: Option<AttrValue> = match (started_earlier.is_some(), when_words.is_some())
    {
        (true, true) => Some("cg-started-earlier cg-when-words".into()),
        (true, false) => Some("cg-started-earlier".into()),
        (false, true) => Some("cg-when-words".into()),
        (false, false) => None,
    };
    html! {
        <form class="cg-form" onsubmit={on_submit} onkeydown={on_keydown} novalidate=true>
            <h4 tabindex="-1" ref={heading}>{
                if d.editing.is_some() { t.edit_check_in() } else if d.quick.on { t.quick_heading() } else { t.new_check_in() }
            }</h4>
            <div class="cg-form-status" tabindex="-1" ref={error_summary}>
                if !problems.is_empty() {
                    <p class="cg-error cg-error-summary" role="alert">{ t.saving_fixes() }</p>
                    { problem_list(c, &diary.diary, d, &problems) }
                }
                if let Some(e) = &*save_error { <p class="cg-notice cg-notice-error" role="alert">{ e }</p> }
                if let Some(a) = &*unsaved {
                    <TriageResult assessment={a.clone()} settings={props.settings.clone()} saved={false} at={*unsaved_at} />
                }
                if let Some(e) = diary.draft_error(&DraftPart::CheckIn) {
                    <p class="cg-notice cg-notice-warn" role="alert">{ format!("{} {}", t.draft_not_kept(), t.store_error(e)) }</p>
                }
                if let Some(Conflict { mine, theirs, lesions, stored }) = &*conflict {
                    { conflict_panel(c, stored, lesions, mine, theirs.as_ref(), Choice {
                        asking: *conflict_asking, keep_mine: &on_keep_mine, ask: &on_conflict_ask,
                        yes: &on_conflict_yes, no: &on_conflict_no, go_back: &conflict_go_back, let_go: &conflict_let_go,
                    }) }
                }
            </div>
            if d.quick.on {
                <p>{ t.quick_intro().replace("{days}", &crate::core::draft::SAME_WITHIN_DAYS.to_string()) }</p>
                <button type="button" class="cg-button cg-switch-form" id="cg-use-full" onclick={on_full}>{ t.use_full_form() }</button>
                <QuickFields draft={d.clone()} diary={diary.diary.clone()} problems={(*problems).clone()} dispatch={dispatch.clone()} />
            } else {
                if d.editing.is_none() && previous.is_some() {
                    <button type="button" class="cg-button cg-switch-form" onclick={on_quick}>{ t.use_quick_form() }</button>
                }
                <fieldset class={classes!("cg-when", when_error.is_some().then_some("cg-invalid"))}>
                    <legend>{ t.when_legend() }</legend>
                    if let Some(e) = &when_error { <p class="cg-error" id="cg-when-error">{ e }</p> }
                    if let Some(said) = &started_earlier { <p class="cg-notice cg-started-earlier" id="cg-started-earlier">{ said }</p> }
                    <div class="cg-when-fields">
                        <label class="cg-field" for="cg-date"><span>{ t.date_label() }</span>
                            <input type="date" id="cg-date" value={d.date.clone()} oninput={text_input(Action::Date)} min={format!("{EARLIEST_YEAR}-01-01")}
                                aria-invalid={when_error.is_some().then_some("true")} aria-describedby={when_described.clone()} /></label>
                        <label class="cg-field" for="cg-time"><span>{ t.time_label() }</span>
                            <input type="time" id="cg-time" value={d.time.clone()} oninput={text_input(Action::Time)}
                                aria-invalid={when_error.is_some().then_some("true")} aria-describedby={when_described} /></label>
                    </div>
                    // In words, in the guide's language: the browser shows the fields in its own.
                    if let Some(words) = &when_words { <p class="cg-hint" id="cg-when-words">{ words }</p> }
                </fieldset>
                { pain_scale(PainScaleProps { name: "cg-pain".into(), legend: t.pain_legend(), hint: t.pain_hint(), value: d.pain,
                    on_change: on_pain, skip_label: None, error: error_for(&|f| *f == Field::Pain), required: Some(t.required()) }) }
                <fieldset class="cg-lesions">
                    <legend>{ t.lesions_legend() }</legend>
                    <p class="cg-hint">{ t.lesions_hint() }</p>
                    if previous.as_ref().is_some_and(|p| !p.observations.is_empty()) {
                        <button type="button" class="cg-button" onclick={on_same}>{ t.same_as_last() }</button>
                    }
                    <>{ for d.lesions.iter().enumerate().map(|(i, l)| {
                        let k = l.key;
                        html! {
                            <LesionEditor key={k} lesion={l.clone()} number={i + 1} on_change={on_lesion.reform(move |change| (k, change))} on_remove={on_remove.clone()}
                                focus_on_mount={(*added.borrow() && i + 1 == d.lesions.len()) || *restored.borrow() == Some(k)}
                                site_error={error_for(&|f| *f == Field::LesionSite(k))}
                                pain_error={error_for(&|f| *f == Field::LesionPain(k))}
                                size_error={error_for(&|f| *f == Field::LesionSize(k))}
                                duplicate_error={error_for(&|f| *f == Field::LesionDuplicate(k))}
                                name_error={error_for(&|f| *f == Field::LesionName(k))}
                                spreading_fast={d.warnings.contains(&Warning::RednessSpreadingFast)} on_warning={on_warning.clone()} />
                        }
                    }) }</>
                    if let Some((_, _, title)) = &*removed {
                        <p class="cg-notice"><span id="cg-lesion-removed">{ t.lesion_removed().replace("{lump}", title) }</span>{ " " }
                            <button type="button" class="cg-button" ref={undo_lesion} onclick={on_undo_lesion}
                                aria-describedby="cg-lesion-removed">{ t.undo() }</button></p>
                    }
                    <button type="button" class="cg-button" ref={add_button} onclick={on_add}>{ "+ " }{ t.add_lesion() }</button>
                </fieldset>
                { check_group(CheckGroupProps { id: "cg-body".into(), legend: t.body_legend(), hint: None, class: "", on_toggle: on_body, items: [
                    Some(check(Body::Fever.key(), t.fever(), d.fever)),
                    d.asks_lump_now(&diary.diary, clock::now(), &clock::BrowserZone)
                        .then(|| check(Body::LumpNow.key(), t.lump_now(), d.lump_now)),
                    Some(check(Body::Raynaud.key(), t.raynaud(), d.raynaud)),
                    Some(check(Body::Stiffness.key(), t.stiffness(), d.stiffness)),
                    Some(check(Body::Sleep.key(), t.sleep(), d.sleep)),
                ].into_iter().flatten().collect() }) }
                { pain_scale(PainScaleProps { name: "cg-daily".into(), legend: t.daily_legend(), hint: t.daily_hint(), value: d.daily,
                    on_change: on_daily, skip_label: Some(t.daily_not_asked()),
                    error: error_for(&|f| *f == Field::Daily), required: None }) }
                { check_group(CheckGroupProps { id: "cg-warn".into(), class: "cg-warnings", legend: t.warnings_legend(), hint: Some(t.warnings_hint()),
                    on_toggle: on_warning,
                    items: Warning::ALL.iter().map(|w| check(&code(w), &t.warnings[w], d.warnings.contains(w))).collect() }) }
                <fieldset class="cg-meds">
                    <legend>{ t.meds_legend() }</legend>
                    <fieldset class="cg-radios">
                        <legend>{ t.adherence_legend() }</legend>
                        <>{ for adherence.iter().map(|(value, label)| {
                            let id = format!("cg-adherence-{value:?}");
                            let (draft, value) = (draft.clone(), *value);
                            let onchange = Callback::from(move |_| draft.dispatch(Action::Adherence(value)));
                            html! {
                                <label class="cg-check" for={id.clone()}>
                                    <input type="radio" {id} name="cg-adherence" checked={d.adherence == value} {onchange} />
                                    <span>{ label }</span>
                                </label>
                            }
                        }) }</>
                    </fieldset>
                    { immune_question(t, &diary.diary, d.immune_weakening, "", &dispatch) }
                    { check_group(CheckGroupProps { id: "cg-fx".into(), legend: t.side_effects_legend(), hint: None, class: "", on_toggle: on_side_effect,
                        items: SideEffect::ALL.iter().filter(|s| s.offered(d.side_effects.contains(s))).map(|s| check(&code(s), &t.side_effects[s], d.side_effects.contains(s))).collect() }) }
                    if d.side_effects.contains(&SideEffect::Other) {
                        <div class="cg-field">
                            <label for="cg-fx-other-text">{ t.other_side_effect_label() }</label>
                            <input type="text" id="cg-fx-other-text" value={d.other_side_effect.clone()}
                                maxlength={limits::OTHER_SIDE_EFFECT_MAX.to_string()} aria-describedby="cg-fx-other-count" autocomplete="off"
                                oninput={text_input(Action::OtherSideEffect)}
                                onfocus={typing_in(true)} onblur={typing_in(false)} />
                            { char_count(t, "cg-fx-other-count", &d.other_side_effect, limits::OTHER_SIDE_EFFECT_MAX) }
                        </div>
                    }
                </fieldset>
                <div class="cg-field">
                    <label for="cg-notes">{ t.notes_label() }</label>
                    <textarea id="cg-notes" rows="4" value={d.notes.clone()} oninput={on_notes}
                        onfocus={typing_in(true)} onblur={typing_in(false)}
                        maxlength={limits::NOTES_MAX.to_string()} aria-describedby="cg-notes-count" />
                    { char_count(t, "cg-notes-count", &d.notes, limits::NOTES_MAX) }
                </div>
                { mention_list(t, d, *typing) }
            }
            if *asking_cancel {
                // Keyed apart: the buttons are new elements, so the one just pressed never
                // becomes "Save" under the patient's finger (or Enter key). Yes first and No
                // second, as in every confirm step; a second press of "Cancel" lands on No.
                <div key="asking" class="cg-form-actions cg-confirm" role="group" aria-labelledby="cg-cancel-question"
                    onkeydown={escape_answers(&keep_typing)}>
                    <p id="cg-cancel-question" class="cg-strong">{ t.cancel_confirm() }</p>
                    <button type="button" class="cg-button cg-button-danger" onclick={on_discard}>{ t.cancel_discard() }</button>
                    <button type="button" class="cg-button" ref={keep_typing.clone()} onclick={on_keep_typing}>{ t.cancel_keep() }</button>
                </div>
            } else {
                <div key="actions" class="cg-form-actions">
                    <button type="submit" class="cg-button cg-button-primary">{ t.save() }</button>
                    <button type="button" class="cg-button" ref={cancel_button} onclick={on_cancel}>{ t.cancel() }</button>
                </div>
            }
        </form>
    }
}
