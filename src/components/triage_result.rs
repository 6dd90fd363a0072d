use yew::prelude::*;

use crate::components::call_numbers::call_numbers;
use crate::components::i18n::use_content;
use crate::core::config::Settings;
use crate::core::content::Content;
use crate::core::history::offers_advice;
use crate::core::time::Instant;
use crate::core::triage::{contacts, Assessment, Level, Reason};
use crate::platform::clock;

#[derive(Properties, PartialEq)]
pub struct TriageResultProps {
    pub assessment: Assessment,
    pub settings: Settings,
    /// The check-in was saved. If not (a full storage), the result still shows, under the form's
    /// error, so that a patient who ticked a warning sign is told what to do all the same.
    #[prop_or(true)]
    pub saved: bool,
    /// The check-in's date, when known. One not from today nor the last hours whose result asks
    /// for a call (`offers_advice`: the history gives no "What to do" for it) has that date said
    /// before the advice, and that the advice is for those signs now (found by an audit: a
    /// spelling mended in a check-in from 2017 that noted chest pain said "Call 999 now. Do not
    /// wait." and nothing of the date).
    #[prop_or_default]
    pub at: Option<Instant>,
    /// Its Close button (none in the form, which stays open to save again).
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
}

/// What to do after a check-in, in plain words, with the clinic's phone and the reasons.
#[component]
pub fn TriageResult(props: &TriageResultProps) -> Html {
    let c = use_content();
    let t = &c.diary;
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(props.assessment.clone(), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _focus_is_best_effort = h.focus();
            }
        });
    }
    let text = &c.triage;
    let level = props.assessment.level;
    let s = &props.settings;
    let lt = text.level(level);
    let advice = advice(c, s, level);
    // Whole static class lists: a class built with `format!` costs a String-to-classes
    // conversion in the download for this one element.
    let class = match level {
        Level::None => "cg-result cg-flag cg-flag-none",
        Level::NextVisit => "cg-result cg-flag cg-flag-next-visit",
        Level::CallToday => "cg-result cg-flag cg-flag-call-today",
        Level::GetHelpNow => "cg-result cg-flag cg-flag-get-help-now",
        Level::Emergency => "cg-result cg-flag cg-flag-emergency",
    };
    // The reasons at the result's level under its title; the others under their own levels'.
    let mut groups = props.assessment.by_level().into_iter().peekable();
    let top = groups
        .next_if(|(l, _)| *l == level)
        .map(|(_, rs)| rs)
        .unwrap_or_default();
    let lower: Vec<(Level, Vec<Reason>)> = groups.collect();
    let on_close = props
        .on_close
        .as_ref()
        .map(|f| f.reform(|_: MouseEvent| ()));
    // No live region: the result takes the focus to its heading as it opens, and is read from
    // there. A status region around it as well had it said twice where a screen reader
    // announces a region added with its words. Whether it was saved is the heading's
    // description, said with it: before it, it was never read. (A result saved and one not
    // saved can be on the page together, never two of one kind.)
    let said = if props.saved {
        "cg-result-saved-said"
    } else {
        "cg-result-unsaved-said"
    };
    let zone = &clock::BrowserZone;
    let dated = props
        .at
        .filter(|&at| level >= Level::CallToday && !offers_advice(level, at, clock::now(), zone))
        .map(|at| t.when(at.local_in(zone)));
    html! {
        <div class={class}>
            <p class="cg-result-saved" id={said}>{
                match (dated, props.saved) {
                    (Some(when), true) => t.saved_dated().replace("{when}", &when),
                    (None, true) => t.saved().to_string(),
                    (Some(when), false) => t.result_not_saved_dated().replace("{when}", &when),
                    (None, false) => t.result_not_saved().to_string(),
                }
            }</p>
            <h4 tabindex="-1" ref={heading} aria-describedby={said}>{ &lt.title }</h4>
            <p>{ advice }</p>
            if level > Level::None {
                { call_numbers(&c.ui, s, contacts(level)) }
            }
            if !top.is_empty() {
                <p class="cg-result-why">{ t.result_why() }</p>
                <ul class="cg-result-reasons">{ for top.iter().map(|r| html! { <li>{ text.reason(*r) }</li> }) }</ul>
            }
            // Less urgent signs noted too, each under the title of its own level: a result's
            // title and every reason under it name the same urgency (FACTS.md, "Red flags").
            <>{ for lower.iter().map(|(l, rs)| html! {
                <div class="cg-result-more">
                    <h5>{ &text.level(*l).title }</h5>
                    <ul class="cg-result-reasons-more">{ for rs.iter().map(|r| html! { <li>{ text.reason(*r) }</li> }) }</ul>
                </div>
            }) }</>
            <p class="cg-result-disclaimer">{ c.ui.disclaimer() }</p>
            if let Some(on_close) = on_close {
                <button type="button" class="cg-button" onclick={on_close}>{ t.close() }</button>
            }
        </div>
    }
}

/// A level's advice with the clinic's numbers in it (or the words for one not set up).
pub fn advice(c: &Content, s: &Settings, level: Level) -> String {
    c.triage.level(level).advice_with(|contact| {
        s.contact(contact)
            .unwrap_or_else(|| c.ui.number_unset(contact))
            .to_string()
    })
}
