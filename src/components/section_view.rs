use yew::prelude::*;

use crate::components::call_numbers::CallNumbers;
use crate::core::config::{Contact, Settings};
use crate::core::content::{citation, Block, Section, Tone, Ui};
use crate::core::date::Date;
use crate::core::triage::{contacts, Level};

#[derive(Properties, PartialEq)]
pub struct SectionViewProps {
    pub section: &'static Section,
    pub ui: &'static Ui,
    pub step_label: AttrValue,
    pub heading_ref: NodeRef,
    /// For the numbers to call (defaults filled in).
    pub settings: Settings,
}

fn tone_class(tone: Option<Tone>) -> &'static str {
    match tone {
        None | Some(Tone::Info) => "cg-block",
        Some(Tone::NextVisit) => "cg-block cg-flag cg-flag-next-visit",
        Some(Tone::CallToday) => "cg-block cg-flag cg-flag-call-today",
        Some(Tone::GetHelpNow) => "cg-block cg-flag cg-flag-get-help-now",
        Some(Tone::Emergency) => "cg-block cg-flag cg-flag-emergency",
    }
}

fn block(b: &'static Block, settings: &Settings) -> Html {
    // A red-flag box ends with the number it tells the patient to call; the emergency number is
    // offered only in the emergency boxes, and every number in the "Who to call" box.
    let numbers: Vec<Contact> = match b.tone.and_then(Tone::level) {
        _ if b.contacts => vec![Contact::Emergency, Contact::Clinic, Contact::OutOfHours],
        Some(level) if level >= Level::CallToday => contacts(level)
            .iter()
            .copied()
            .filter(|&c| c != Contact::Emergency || b.tone == Some(Tone::Emergency))
            .collect(),
        _ => vec![],
    };
    html! {
        <div class={tone_class(b.tone)}>
            if let Some(h) = &b.heading { <h4>{ h }</h4> }
            { for b.paragraphs.iter().map(|p| html! { <p>{ p }</p> }) }
            if !b.bullets.is_empty() {
                <ul>{ for b.bullets.iter().map(|t| html! { <li>{ t }</li> }) }</ul>
            }
            if !numbers.is_empty() {
                <CallNumbers settings={settings.clone()} contacts={numbers} />
            }
        </div>
    }
}

/// One step of the walk-through: its text, common questions, sources and review dates.
#[component]
pub fn SectionView(props: &SectionViewProps) -> Html {
    let (s, ui) = (props.section, props.ui);
    let date = |text: &str| {
        Date::parse(text)
            .map(|d| ui.long_date(d))
            .unwrap_or_else(|| text.to_string())
    };
    let heading_id = format!("cg-step-{}", s.key);
    html! {
        <article class="cg-step" aria-labelledby={heading_id.clone()}>
            <p class="cg-step-count">{ &props.step_label }</p>
            <h3 id={heading_id} class="cg-step-title" tabindex="-1" ref={props.heading_ref.clone()}>{ &s.title }</h3>
            <p class="cg-lead">{ &s.lead }</p>
            { for s.blocks.iter().map(|b| block(b, &props.settings)) }
            if !s.questions.is_empty() {
                <div class="cg-questions">
                    <h4>{ &ui.questions_heading }</h4>
                    <dl>
                        { for s.questions.iter().map(|q| html! { <><dt>{ &q.question }</dt><dd>{ &q.answer }</dd></> }) }
                    </dl>
                </div>
            }
            <footer class="cg-sources">
                <h4>{ &ui.sources_heading }</h4>
                <ul>
                    { for s.sources.iter().map(|k| html! { <li>{ citation(k).unwrap_or(k.as_str()) }</li> }) }
                </ul>
                <p class="cg-review">
                    { ui.last_reviewed.replace("{date}", &date(&s.last_reviewed)) }
                    <br />
                    { ui.next_review.replace("{date}", &date(&s.next_review)) }
                </p>
            </footer>
        </article>
    }
}
