use yew::prelude::*;

use crate::components::body_map::{body_map, BodyMapProps};
use crate::components::char_count::char_count;
use crate::components::check_group::{check_group, CheckGroupProps};
use crate::components::i18n::use_content;
use crate::components::pain_scale::{pain_scale, PainScaleProps};
use crate::core::content::Content;
use crate::core::diary::{Sign, Warning};
use crate::core::draft::{DraftLesion, LesionChange, SizeChoice};
use crate::core::export::{from_key, key as code};
use crate::core::limits;
use crate::core::sites::{Area, Site};

#[derive(Properties, PartialEq)]
pub struct LesionEditorProps {
    pub lesion: DraftLesion,
    /// Position among the form's lesions, 1-based, for the heading.
    pub number: usize,
    /// Each change as it is made (the form applies it to this lesion's key).
    pub on_change: Callback<LesionChange>,
    pub on_remove: Callback<u32>,
    pub site_error: Option<AttrValue>,
    pub pain_error: Option<AttrValue>,
    pub size_error: Option<AttrValue>,
    pub duplicate_error: Option<AttrValue>,
    /// Renamed here and in another tab (`Problem::RenamedElsewhere`).
    #[prop_or_default]
    pub name_error: Option<AttrValue>,
    /// False in the quick check-in, which asks each lesion's pain above its details.
    #[prop_or(true)]
    pub show_pain: bool,
    /// Just added with "+ Add a lump or sore": focus goes to its first question ("Where is
    /// it?"), so a keyboard or screen-reader user is where the new lump is.
    #[prop_or_default]
    pub focus_on_mount: bool,
    /// The check-in's "Redness on my skin is spreading fast" (a warning sign of the whole
    /// check-in), and its toggle (the form's, for its warning-sign list). It is asked again right
    /// under this lump's "spreads or gets worse" when that is ticked: with a fever, redness that
    /// spreads fast is an emergency (FACTS.md), and a patient may well tick only the lump's box.
    #[prop_or_default]
    pub spreading_fast: bool,
    #[prop_or_default]
    pub on_warning: Callback<(AttrValue, bool)>,
}

/// The start of every id in one lump's editor (`-site`, `-mm`, `-pain-3`, ...).
pub(crate) fn base_id(key: u32) -> String {
    format!("cg-lesion-{key}")
}

/// A lump in the form by its place and name ("elbow lump (Left forearm)", or the place alone);
/// `None` until a place is chosen.
pub(crate) fn placed(c: &Content, l: &DraftLesion) -> Option<String> {
    let site = c.site_label(l.site?);
    Some(match l.name.trim() {
        "" => site.to_string(),
        name => format!("{name} ({site})"),
    })
}

/// One lump or sore in the check-in form: where, its name, pain, size and today's signs.
#[component]
pub fn LesionEditor(props: &LesionEditorProps) -> Html {
    let c = use_content();
    let t = &c.diary;
    let l = &props.lesion;
    let base = base_id(l.key);
    let on_change = &props.on_change;
    let on_select = on_change.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        LesionChange::Site(Site::parse(&select.value()))
    });
    let on_pick = on_change.reform(|s: Site| LesionChange::Site(Some(s)));
    let on_name = on_change.reform(|e: InputEvent| {
        LesionChange::Name(
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        )
    });
    let on_mm = on_change.reform(|e: InputEvent| {
        LesionChange::Mm(
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        )
    });
    let on_pain = on_change.reform(LesionChange::Pain);
    let on_sign = {
        let (on_change, on_warning) = (on_change.clone(), props.on_warning.clone());
        Callback::from(move |(key, on): (AttrValue, bool)| match from_key(&key) {
            Some(s) => on_change.emit(LesionChange::Sign(s, on)),
            None => on_warning.emit((key, on)),
        })
    };
    // The lump's signs, with "spreading fast" asked right after "spreads or gets worse".
    let mut signs = Vec::with_capacity(Sign::ALL.len() + 1);
    for s in Sign::ALL {
        signs.push((
            AttrValue::from(code(&s)),
            AttrValue::from(t.signs[&s].clone()),
            l.signs.contains(&s),
        ));
        if s == Sign::RednessSpreading && l.signs.contains(&s) {
            let w = Warning::RednessSpreadingFast;
            signs.push((
                AttrValue::from(code(&w)),
                AttrValue::from(t.warnings[&w].clone()),
                props.spreading_fast,
            ));
        }
    }
    let show_map = use_state(|| false);
    let site_select = use_node_ref();
    {
        let (site_select, focus) = (site_select.clone(), props.focus_on_mount);
        use_effect_with((), move |_| {
            if let Some(s) = site_select.cast::<web_sys::HtmlElement>().filter(|_| focus) {
                let _focus_is_best_effort = s.focus();
            }
        });
    }
    let on_toggle_map = {
        let show_map = show_map.clone();
        Callback::from(move |_| show_map.set(!*show_map))
    };
    let on_remove = {
        let (key, on_remove) = (l.key, props.on_remove.clone());
        Callback::from(move |_| on_remove.emit(key))
    };

    let groups = [
        (Area::Hands, t.area_hands()),
        (Area::Arms, t.area_arms()),
        (Area::HeadAndTrunk, t.area_trunk()),
        (Area::Legs, t.area_legs()),
    ];
    let selected_id = l.site.map(|s| s.id()).unwrap_or_default();
    let sizes = t.size_choices();
    let title = match placed(c, l) {
        Some(words) => format!("{}. {words}", props.number),
        None => t.lesion_number().replace("{n}", &props.number.to_string()),
    };
    let err = |id: &str, e: &Option<AttrValue>| {
        e.as_ref()
            .map(|e| html! { <p class="cg-error" id={id.to_string()}>{ e }</p> })
    };
    let name_described = match props.name_error {
        Some(_) => format!("{base}-name-hint {base}-name-error {base}-name-count"),
        None => format!("{base}-name-hint {base}-name-count"),
    };
    html! {
        <div class="cg-lesion" role="group" aria-labelledby={format!("{base}-title")}>
            <h5 class="cg-lesion-title" id={format!("{base}-title")}>{ title }</h5>
            { err(&format!("{base}-dup"), &props.duplicate_error).unwrap_or_default() }
            <div class={classes!("cg-field", props.site_error.is_some().then_some("cg-invalid"))}>
                <label for={format!("{base}-site")}>{ t.site_label() }{ " " }<span class="cg-required">{ t.required() }</span></label>
                { err(&format!("{base}-site-error"), &props.site_error).unwrap_or_default() }
                <select id={format!("{base}-site")} ref={site_select} onchange={on_select} aria-invalid={props.site_error.is_some().then_some("true")}
                    aria-describedby={props.site_error.as_ref().map(|_| format!("{base}-site-error"))}>
                    <option value="" selected={l.site.is_none()}>{ t.site_choose() }</option>
                    <>{ for groups.iter().map(|(area, label)| html! {
                        <optgroup label={label.to_string()}>
                            { for Site::all().into_iter().filter(|s| s.region.area() == *area).map(|s| {
                                let id = s.id();
                                html! { <option value={id.clone()} selected={id == selected_id}>{ c.site_label(s) }</option> }
                            }) }
                        </optgroup>
                    }) }</>
                </select>
                <button type="button" class="cg-button cg-button-quiet cg-map-toggle" aria-expanded={(*show_map).to_string()}
                    aria-controls={format!("{base}-map")} onclick={on_toggle_map}>
                    { if *show_map { t.map_hide() } else { t.map_show() } }
                </button>
                if *show_map {
                <div class="cg-bm-sheet" id={format!("{base}-map")}>
                <p class="cg-hint">{ t.map_hint() }</p>
                { body_map(&BodyMapProps { selected: l.site.into_iter().collect(), on_pick, labels: &c.sites,
                    front_label: t.map_front().as_str().into(), back_label: t.map_back().as_str().into(), hands_label: t.map_hands().as_str().into(),
                    your_right: t.your_right().as_str().into(), your_left: t.your_left().as_str().into() }) }
                </div>
                }
            </div>
            <div class={classes!("cg-field", props.name_error.is_some().then_some("cg-invalid"))}>
                <label for={format!("{base}-name")}>{ t.lesion_name_label() }</label>
                <p class="cg-hint" id={format!("{base}-name-hint")}>{ t.lesion_name_hint() }</p>
                { err(&format!("{base}-name-error"), &props.name_error).unwrap_or_default() }
                <input type="text" id={format!("{base}-name")} value={l.name.clone()} oninput={on_name}
                    maxlength={limits::LESION_NAME_MAX.to_string()} aria-invalid={props.name_error.is_some().then_some("true")}
                    aria-describedby={name_described} autocomplete="off" />
                { char_count(t, &format!("{base}-name-count"), &l.name, limits::LESION_NAME_MAX) }
            </div>
            if props.show_pain {
            { pain_scale(PainScaleProps { name: format!("{base}-pain"), legend: t.lesion_pain_legend(), hint: t.pain_hint(),
                value: l.pain, on_change: on_pain, skip_label: Some(t.daily_not_asked()),
                error: props.pain_error.clone(), required: None }) }
            }
            <fieldset class={classes!("cg-sizes", props.size_error.is_some().then_some("cg-invalid"))}>
                <legend>{ t.size_legend() }</legend>
                { err(&format!("{base}-size-error"), &props.size_error).unwrap_or_default() }
                <div class="cg-size-options">
                { for sizes.iter().map(|(choice, label)| {
                    let id = format!("{base}-size-{choice:?}");
                    let choice = *choice;
                    let onchange = on_change.reform(move |_| LesionChange::Size(choice));
                    html! {
                        <label class="cg-check" for={id.clone()}>
                            <input type="radio" {id} name={format!("{base}-size")} checked={l.size == choice} {onchange} />
                            <span>{ label }</span>
                        </label>
                    }
                }) }
                </div>
                if l.size == SizeChoice::Measured {
                    <label class="cg-field" for={format!("{base}-mm")}>
                        <span>{ t.size_mm_label() }</span>
                        <input type="text" inputmode="numeric" autocomplete="off" id={format!("{base}-mm")}
                            value={l.mm.clone()} oninput={on_mm} aria-invalid={props.size_error.is_some().then_some("true")} />
                    </label>
                }
            </fieldset>
            { check_group(CheckGroupProps { id: format!("{base}-signs"), legend: t.signs_legend(), hint: None, class: "", on_toggle: on_sign,
                items: signs }) }
            <button type="button" class="cg-button cg-button-quiet" onclick={on_remove}>{ t.remove_lesion() }</button>
        </div>
    }
}
