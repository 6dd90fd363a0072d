use std::rc::Rc;

use yew::prelude::*;

use crate::components::char_count::char_count;
use crate::components::check_group::{check_group, CheckGroupProps};
use crate::components::check_in_form::{immune_question, message};
use crate::components::focus::use_focus_later;
use crate::components::i18n::use_content;
use crate::components::lesion_editor::LesionEditor;
use crate::components::pain_scale::{pain_scale, PainScaleProps};
use crate::core::content::Content;
use crate::core::diary::{Diary, SideEffect, Sign, Warning};
use crate::core::draft::{
    last_noted_at, Action, Body, Draft, DraftLesion, Field, LesionChange, Problems,
};
use crate::core::export::{from_key, key as code};
use crate::core::limits;
use crate::core::time::Instant;
use crate::platform::clock;

#[derive(Properties, PartialEq)]
pub struct QuickFieldsProps {
    pub draft: Draft,
    pub diary: Rc<Diary>,
    pub problems: Problems,
    pub dispatch: Callback<Action>,
}

/// A lump's title in the quick check-in (`i`: its place in the form, from 0): its name and place,
/// or its place, or its number while it has none.
pub fn title(c: &Content, l: &DraftLesion, i: usize) -> String {
    match l.site {
        Some(s) if !l.name.trim().is_empty() => format!("{} ({})", l.name.trim(), c.site_label(s)),
        Some(s) => c.site_label(s).to_string(),
        None => c.diary.lesion_number().replace("{n}", &(i + 1).to_string()),
    }
}

/// How a lesion was last time, in words: "About a pea. Open sore. Pain 4 of 10." From its
/// newest note in the diary, not the form (which the patient may have changed). Its pain is not
/// set in advance in the form (`DraftLesion::as_last_time`), so the score is said here.
fn last_time(c: &Content, l: &DraftLesion, pain: Option<u8>, at: Instant) -> String {
    let t = &c.diary;
    let size = match l.size {
        crate::core::draft::SizeChoice::NotSure => t.quick_no_size().clone(),
        crate::core::draft::SizeChoice::Measured => format!("{} mm", l.mm.trim()),
        choice => t.size_choice(choice).to_string(),
    };
    let signs: Vec<&str> = Sign::ALL
        .iter()
        .filter(|s| l.signs.contains(s))
        .map(|s| t.signs[s].as_str())
        .collect();
    let signs = if signs.is_empty() {
        t.quick_no_signs().clone()
    } else {
        signs.join("; ")
    };
    let pain = pain
        .map(|p| format!(" {}.", t.pain_short().replace("{n}", &p.to_string())))
        .unwrap_or_default();
    let day = t.day(at.local_in(&clock::BrowserZone).date);
    t.quick_last_time()
        .replace("{date}", &day)
        .replace("{what}", &format!("{size}. {signs}.{pain}"))
}

/// The quick check-in's questions: overall pain, each followed lesion's pain and "same as last
/// time / changed", the immune-weakening medicines (as last answered), and one question for the
/// whole warning-sign list. The form around it (save,
/// cancel, errors, conflicts) is the full form's.
/// The start of the ids of one lump's quick questions (its pain, whether it changed); its
/// details, when opened, are a `LesionEditor`'s.
pub(crate) fn base_id(key: u32) -> String {
    format!("cg-quick-{key}")
}

#[component]
pub fn QuickFields(props: &QuickFieldsProps) -> Html {
    let c = use_content();
    let t = &c.diary;
    let d = &props.draft;
    let dispatch = &props.dispatch;
    let list_open = use_state(|| false);
    let error_for = |field: Field| -> Option<AttrValue> {
        props
            .problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(f, p)| AttrValue::from(message(c, &props.diary, d, f, *p)))
    };
    let check = |key: String, label: &str, on: bool| {
        (AttrValue::from(key), AttrValue::from(label.to_string()), on)
    };
    let on_pain = dispatch.reform(Action::Pain);
    let on_body = dispatch.reform(|(key, on): (AttrValue, bool)| {
        Action::Body(Body::from_key(&key).unwrap_or(Body::Fever), on)
    });
    let on_warning = {
        let dispatch = dispatch.clone();
        Callback::from(move |(key, on): (AttrValue, bool)| {
            if let Some(w) = from_key::<Warning>(&key) {
                dispatch.emit(Action::Warning(w, on))
            }
        })
    };
    let on_side_effect = {
        let dispatch = dispatch.clone();
        Callback::from(move |(key, on): (AttrValue, bool)| {
            if let Some(s) = from_key::<SideEffect>(&key) {
                dispatch.emit(Action::SideEffect(s, on))
            }
        })
    };
    let on_lesion = {
        let dispatch = dispatch.clone();
        Callback::from(move |(key, change): (u32, LesionChange)| {
            dispatch.emit(Action::Lesion(key, change))
        })
    };
    // As in the full form: a lump added takes focus to its first question, one removed gives
    // focus to "+ Add a lump or sore".
    let added = use_mut_ref(|| false);
    let (add_button, focus) = (use_node_ref(), use_focus_later());
    let on_remove = {
        let (dispatch, focus, add_button) = (dispatch.clone(), focus.clone(), add_button.clone());
        Callback::from(move |key: u32| {
            focus.request(&add_button);
            dispatch.emit(Action::RemoveLesion(key))
        })
    };
    let on_other = dispatch.reform(|e: InputEvent| {
        Action::OtherSideEffect(
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        )
    });
    let on_add = {
        let (dispatch, added) = (dispatch.clone(), added.clone());
        Callback::from(move |_: MouseEvent| {
            *added.borrow_mut() = true;
            dispatch.emit(Action::AddLesion)
        })
    };
    let answer = |yes: bool| {
        let (dispatch, list_open) = (dispatch.clone(), list_open.clone());
        Callback::from(move |_| {
            if !yes {
                list_open.set(false);
            }
            dispatch.emit(Action::AnyWarning(yes))
        })
    };
    let on_list = {
        let list_open = list_open.clone();
        Callback::from(move |_| list_open.set(!*list_open))
    };
    let any_error = error_for(Field::AnyWarning);
    let show_list = *list_open || d.quick.any_warning == Some(true);

    let lesion = |(i, l): (usize, &DraftLesion)| {
        let k = l.key;
        let base = base_id(k);
        // Its last note since it was last marked healed: none for a lump that came back or was
        // never noted, which has nothing to be "the same as" (its details are open), also when
        // that note went in another tab after the form opened.
        let last = l
            .lesion_id
            .as_deref()
            .and_then(|id| last_noted_at(&props.diary, id));
        let open = d.quick_details_open(k) || (l.lesion_id.is_some() && last.is_none());
        let title = title(c, l, i);
        // Neither chosen while it must be answered (`Quick::asked`).
        let asked = d.must_answer(l, &props.diary);
        let since_error = error_for(Field::LesionSince(k));
        let since = |same: bool, label: &str| {
            let id = format!("{base}-{}", if same { "same" } else { "changed" });
            let (dispatch, diary) = (dispatch.clone(), props.diary.clone());
            let onchange = Callback::from(move |_| {
                dispatch.emit(if same {
                    Action::LesionSame(k, diary.clone())
                } else {
                    Action::LesionChanged(k)
                })
            });
            html! {
                <label class="cg-check" for={id.clone()}>
                    <input type="radio" {id} name={format!("{base}-since")} checked={!asked && open != same} {onchange}
                        aria-invalid={since_error.is_some().then_some("true")}
                        aria-describedby={since_error.is_some().then(|| format!("{base}-since-error"))} />
                    <span>{ label.to_string() }</span>
                </label>
            }
        };
        html! {
            <fieldset class="cg-quick-lesion" key={k}>
                <legend>{ title.clone() }</legend>
                if let Some((at, o)) = last {
                    <p class="cg-hint">{ last_time(c, &DraftLesion::as_last_time(k, o, &props.diary), o.pain, at) }</p>
                }
                { pain_scale(PainScaleProps { name: format!("{base}-pain"), legend: t.quick_lesion_pain(),
                    hint: t.pain_hint(), value: l.pain, on_change: on_lesion.reform(move |p| (k, LesionChange::Pain(p))),
                    skip_label: Some(t.daily_not_asked()), error: error_for(Field::LesionPain(k)), required: None }) }
                if last.is_some() {
                    <fieldset class={classes!("cg-radios", "cg-quick-since", since_error.is_some().then_some("cg-invalid"))}>
                        <legend>{ t.quick_since_legend() }</legend>
                        if let Some(e) = &since_error { <p class="cg-error" id={format!("{base}-since-error")}>{ e }</p> }
                        <div class="cg-quick-pair">
                            { since(true, t.quick_same()) }
                            { since(false, t.quick_changed()) }
                        </div>
                    </fieldset>
                }
                if open {
                    <LesionEditor lesion={l.clone()} number={i + 1} show_pain={false}
                        focus_on_mount={*added.borrow() && i + 1 == d.lesions.len()}
                        on_change={on_lesion.reform(move |change| (k, change))} on_remove={on_remove.clone()}
                        site_error={error_for(Field::LesionSite(k))} pain_error={None::<AttrValue>}
                        size_error={error_for(Field::LesionSize(k))} duplicate_error={error_for(Field::LesionDuplicate(k))}
                        name_error={error_for(Field::LesionName(k))}
                        spreading_fast={d.warnings.contains(&Warning::RednessSpreadingFast)} on_warning={on_warning.clone()} />
                }
            </fieldset>
        }
    };

    html! {
        <>
            { pain_scale(PainScaleProps { name: "cg-pain".into(), legend: t.pain_legend(), hint: t.pain_hint(), value: d.pain,
                on_change: on_pain, skip_label: None, error: error_for(Field::Pain), required: Some(t.required()) }) }
            <>{ for d.lesions.iter().enumerate().map(lesion) }</>
            <button type="button" class="cg-button" ref={add_button} onclick={on_add}>{ "+ " }{ t.add_lesion() }</button>
            // Asked here too, not only carried over: with these medicines any possible infection
            // is a same-day call, and a patient may have started one since the last check-in.
            { immune_question(t, &props.diary, d.immune_weakening, "cg-quick-immune", dispatch) }
            <fieldset class={classes!("cg-quick-any", any_error.is_some().then_some("cg-invalid"))}
                aria-describedby="cg-quick-any-hint">
                <legend>{ t.quick_any_legend() }{ " " }<span class="cg-required">{ t.required() }</span></legend>
                <p class="cg-hint" id="cg-quick-any-hint">{ t.quick_any_hint() }</p>
                if let Some(e) = &any_error { <p class="cg-error" id="cg-quick-any-error">{ e }</p> }
                <div class="cg-quick-pair">
                    <label class="cg-check" for="cg-quick-none">
                        <input type="radio" id="cg-quick-none" name="cg-quick-any" checked={d.quick.any_warning == Some(false)}
                            onchange={answer(false)} aria-invalid={any_error.is_some().then_some("true")} />
                        <span>{ t.quick_none() }</span>
                    </label>
                    <label class="cg-check" for="cg-quick-yes">
                        <input type="radio" id="cg-quick-yes" name="cg-quick-any" checked={d.quick.any_warning == Some(true)}
                            onchange={answer(true)} aria-invalid={any_error.is_some().then_some("true")} />
                        <span>{ t.quick_yes() }</span>
                    </label>
                </div>
                if d.quick.any_warning != Some(true) {
                    <button type="button" class="cg-button cg-button-quiet" aria-expanded={show_list.to_string()}
                        aria-controls="cg-quick-list" onclick={on_list}>
                        { if show_list { t.quick_hide_list() } else { t.quick_show_list() } }
                    </button>
                }
                if show_list {
                    <div id="cg-quick-list" class="cg-quick-list">
                        <p class="cg-hint">{ t.quick_tick_hint() }</p>
                        { check_group(CheckGroupProps { id: "cg-body".into(), legend: t.fever_legend(), hint: None, class: "", on_toggle: on_body,
                            items: [
                                Some(check(Body::Fever.key().to_string(), t.fever(), d.fever)),
                                d.asks_lump_now(&props.diary, clock::now(), &clock::BrowserZone)
                                    .then(|| check(Body::LumpNow.key().to_string(), t.lump_now(), d.lump_now)),
                            ].into_iter().flatten().collect() }) }
                        { check_group(CheckGroupProps { id: "cg-warn".into(), class: "cg-warnings", legend: t.warnings_legend(),
                            hint: Some(t.warnings_hint()), on_toggle: on_warning,
                            items: Warning::ALL.iter().map(|w| check(code(w), &t.warnings[w], d.warnings.contains(w))).collect() }) }
                        { check_group(CheckGroupProps { id: "cg-fx".into(), legend: t.side_effects_legend(), hint: None, class: "", on_toggle: on_side_effect,
                            items: SideEffect::ALL.iter().filter(|s| s.offered(d.side_effects.contains(s))).map(|s| check(code(s), &t.side_effects[s], d.side_effects.contains(s))).collect() }) }
                        if d.side_effects.contains(&SideEffect::Other) {
                            <div class="cg-field">
                                <label for="cg-fx-other-text">{ t.other_side_effect_label() }</label>
                                <input type="text" id="cg-fx-other-text" value={d.other_side_effect.clone()}
                                    maxlength={limits::OTHER_SIDE_EFFECT_MAX.to_string()} aria-describedby="cg-fx-other-count" autocomplete="off"
                                    oninput={on_other} />
                                { char_count(t, "cg-fx-other-count", &d.other_side_effect, limits::OTHER_SIDE_EFFECT_MAX) }
                            </div>
                        }
                    </div>
                }
            </fieldset>
        </>
    }
}
