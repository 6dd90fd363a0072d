use yew::prelude::*;

use crate::components::call_numbers::{about_services, call_numbers};
use crate::components::glossary_note::GlossaryNote;
use crate::core::config::{Contact, Settings};
use crate::core::content::{Block, Guide, Section, Tone, Ui};
use crate::core::date::Date;
use crate::core::glossary::{FirstUses, Glossary, Run};
use crate::core::triage::{contacts, Level};

pub struct SectionViewProps {
    pub section: &'static Section,
    pub ui: &'static Ui,
    pub glossary: &'static Glossary,
    pub step_label: String,
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

/// The numbers a block shows: every number in the "Who to call" box; in a red-flag box, the
/// number it tells the patient to call (the emergency number only in the emergency boxes).
fn numbers(b: &Block) -> Vec<Contact> {
    match b.tone.and_then(Tone::level) {
        _ if b.contacts => vec![Contact::Emergency, Contact::Clinic, Contact::OutOfHours],
        Some(level) if level >= Level::CallToday => contacts(level)
            .iter()
            .copied()
            .filter(|&c| c != Contact::Emergency || b.tone == Some(Tone::Emergency))
            .collect(),
        _ => vec![],
    }
}

/// Marks glossary words as a step is rendered in reading order: the first appearance of a word
/// is highlighted and its explanation follows in the same paragraph, item or answer.
struct Marker {
    glossary: &'static Glossary,
    ui: &'static Ui,
    step: &'static str,
    first: FirstUses,
    /// Terms explained in this step, in order (their sources join the step's list).
    shown: Vec<usize>,
}

impl Marker {
    /// The text's runs, and the explanations of the words that first appear in it.
    fn mark(&mut self, text: &'static str) -> (Html, Vec<Html>) {
        let marked = self.first.mark(self.glossary, text);
        let terms = &self.glossary.terms;
        let runs = marked.runs.iter().map(|run| match *run {
            Run::Plain(t) => html! { { t } },
            Run::Term { text, term } => {
                html! { <span class="cg-term" data-term={terms[term].id.clone()}>{ text }</span> }
            }
        });
        let runs = html! { { for runs } };
        let notes = marked
            .new_terms
            .iter()
            .map(|&i| {
                let term = &terms[i];
                let label = self.ui.glossary_toggle().replace("{term}", &term.term);
                let id = format!("cg-gloss-{}-{}", self.step, term.id);
                let key = id.clone();
                html! { <GlossaryNote {key} {term} {label} {id} /> }
            })
            .collect();
        self.shown.extend(marked.new_terms);
        (runs, notes)
    }

    /// A paragraph-like element with its explanations inside it.
    fn inside(&mut self, text: &'static str, wrap: fn(Html) -> Html) -> Html {
        let (runs, notes) = self.mark(text);
        wrap(html! { <>{ runs }<>{ for notes }</></> })
    }

    /// A heading: explanations cannot sit inside it (they would join its name), so they follow.
    fn heading(&mut self, text: &'static str) -> Html {
        let (runs, notes) = self.mark(text);
        html! {
            <>
                <h4>{ runs }</h4>
                { after(notes) }
            </>
        }
    }

    fn block(&mut self, b: &'static Block, settings: &Settings) -> Html {
        let numbers = numbers(b);
        let heading = b.heading.as_deref().map(|h| self.heading(h));
        let paragraphs: Vec<Html> = b
            .paragraphs
            .iter()
            .map(|p| self.inside(p, |c| html! { <p>{ c }</p> }))
            .collect();
        let bullets: Vec<Html> = b
            .bullets
            .iter()
            .map(|t| self.inside(t, |c| html! { <li>{ c }</li> }))
            .collect();
        html! {
            <div class={tone_class(b.tone)}>
                <>{ for heading }</>
                <>{ for paragraphs }</>
                if !bullets.is_empty() { <ul>{ for bullets }</ul> }
                if !numbers.is_empty() {
                    { call_numbers(self.ui, settings, &numbers) }
                }
                if b.contacts {
                    { about_services(self.ui, settings, &numbers) }
                }
                if b.groups && !settings.groups().is_empty() {
                    { groups(settings) }
                }
            </div>
        }
    }
}

/// The patient groups the clinic set (or the language's), each a link to its site that sends
/// no referrer (the group's site is not told which clinic page the patient came from).
fn groups(settings: &Settings) -> Html {
    let items = settings.groups().iter().map(|g| {
        html! {
            <li>
                <a href={format!("https://{}", g.shown_address())} rel="noreferrer">{ g.name.clone() }</a>
                { format!(" ({})", g.shown_address().trim_end_matches('/')) }
            </li>
        }
    });
    html! { <ul class="cg-groups">{ for items }</ul> }
}

/// Explanations that follow a heading or title rather than sit inside it.
fn after(notes: Vec<Html>) -> Html {
    if notes.is_empty() {
        return Html::default();
    }
    html! { <div class="cg-gloss-after">{ for notes }</div> }
}

/// One step of the walk-through: its text, common questions, sources and review dates.
///
/// Every list whose length differs from step to step (blocks, paragraphs, explanations) sits in
/// a fragment of its own, so each element has the same number of children on every step. Yew
/// pairs unkeyed children from the end: a longer or shorter run of them would pair the title and
/// the lead with other nodes and build them anew (and drop focus from a focused title) where
/// patching their text is enough.
pub fn section_view(c: &'static Guide, props: &SectionViewProps) -> Html {
    let (s, ui) = (props.section, props.ui);
    let date = |text: &str| {
        Date::parse(text)
            .map(|d| ui.long_date(d))
            .unwrap_or_else(|| text.to_string())
    };
    let heading_id = format!("cg-step-{}", s.key);
    let mut m = Marker {
        glossary: props.glossary,
        ui,
        step: &s.key,
        first: FirstUses::new(),
        shown: Vec::new(),
    };
    let (title, title_notes) = m.mark(&s.title);
    let lead = m.inside(&s.lead, |c| html! { <p class="cg-lead">{ c }</p> });
    let blocks: Vec<Html> = s
        .blocks
        .iter()
        .map(|b| m.block(b, &props.settings))
        .collect();
    let questions: Vec<Html> = s
        .questions
        .iter()
        .map(|q| {
            let (question, question_notes) = m.mark(&q.question);
            let (answer, answer_notes) = m.mark(&q.answer);
            html! { <><dt>{ question }</dt><dd><>{ for question_notes }</>{ answer }<>{ for answer_notes }</></dd></> }
        })
        .collect();
    // A step cites its own sources, then those of the explanations it shows.
    let mut sources: Vec<&str> = s.sources.iter().map(String::as_str).collect();
    for key in m
        .shown
        .iter()
        .flat_map(|&i| &props.glossary.terms[i].sources)
    {
        if !sources.contains(&key.as_str()) {
            sources.push(key);
        }
    }
    html! {
        <article class="cg-step" aria-labelledby={heading_id.clone()}>
            <p class="cg-step-count">{ &props.step_label }</p>
            <h3 id={heading_id} class="cg-step-title" tabindex="-1" ref={props.heading_ref.clone()}>{ title }</h3>
            { after(title_notes) }
            { lead }
            <>{ for blocks }</>
            if !questions.is_empty() {
                <div class="cg-questions">
                    <h4>{ ui.questions_heading() }</h4>
                    <dl>{ for questions }</dl>
                </div>
            }
            <footer class="cg-sources">
                <h4>{ ui.sources_heading() }</h4>
                <ul>
                    { for sources.iter().map(|k| html! { <li>{ c.citation(k).unwrap_or(k) }</li> }) }
                </ul>
                <p class="cg-review">
                    { ui.last_reviewed().replace("{date}", &date(&s.last_reviewed)) }
                    <br />
                    { ui.next_review().replace("{date}", &date(&s.next_review)) }
                </p>
            </footer>
        </article>
    }
}
