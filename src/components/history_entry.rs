use yew::prelude::*;

use crate::core::content::Content;
use crate::core::history::{also_noted_words, level_words, side_effect_words, EntryFacts};
use crate::core::triage::Level;

/// What one history entry shows without being opened: overall pain and the result, each lesion
/// by name with its pain, size and signs, the warning signs and side effects, and the note
/// (shortened, with a button to show it whole). All of it from `core::history`.
pub fn entry_facts(
    c: &Content,
    facts: &EntryFacts,
    note_open: bool,
    on_note: Callback<MouseEvent>,
) -> Html {
    let t = &c.diary;
    let entry = facts.check_in;
    let level = facts.level;
    let chip = |text: String, strong: bool| {
        html! { <li class={classes!("cg-chip", strong.then_some("cg-chip-strong"))}>{ text }</li> }
    };
    let lesions = facts.lesions.iter().map(|l| {
        let pain = l
            .pain
            .map(|p| chip(t.pain_short().replace("{n}", &p.to_string()), false));
        let size = l.size.map(|s| chip(t.size(s), false));
        let signs = l.signs.iter().map(|s| {
            chip(
                t.signs.get(s).cloned().unwrap_or_default(),
                s.can_mean_infection(),
            )
        });
        html! {
            <li class="cg-entry-lesion">
                <span class="cg-entry-lesion-name">{ l.label.words(c) }</span>
                if l.pain.is_some() || l.size.is_some() || !l.signs.is_empty() {
                    <ul class="cg-chips"><>{ for pain }</><>{ for size }</><>{ for signs }</></ul>
                }
            </li>
        }
    });
    let labelled = |label: &str, items: Vec<String>, strong: bool| {
        if items.is_empty() {
            return Html::default();
        }
        html! {
            <div class="cg-entry-group">
                <span class="cg-entry-label">{ label }{ ":" }</span>
                <ul class="cg-chips">{ for items.into_iter().map(|i| chip(i, strong)) }</ul>
            </div>
        }
    };
    let warnings: Vec<String> = entry
        .warnings
        .iter()
        .map(|w| t.warnings.get(w).cloned().unwrap_or_default())
        .collect();
    let note_id = format!("cg-note-{}", entry.id);
    let note = entry.notes.trim();
    html! {
        <>
            <ul class="cg-chips cg-entry-facts">
                { chip(t.pain_short().replace("{n}", &entry.pain.to_string()), false) }
                <li class={level_class(level)}>
                    { t.history_result().replace("{level}", level_words(t, level)) }</li>
            </ul>
            if !facts.lesions.is_empty() {
                <ul class="cg-entry-lesions" aria-label={t.lesions_legend().clone()}>{ for lesions }</ul>
            }
            { labelled(t.history_warnings(), warnings, true) }
            { labelled(t.history_side_effects(), side_effect_words(t, entry), false) }
            { labelled(t.history_also(), also_noted_words(c, entry), false) }
            if !note.is_empty() {
                <div class="cg-entry-note">
                    <p id={note_id.clone()}><span class="cg-entry-label">{ t.history_notes() }{ ": " }</span>
                        { match (&facts.note_preview, note_open) {
                            (Some(preview), false) => preview.as_str(),
                            _ => note,
                        } }</p>
                    if facts.note_preview.is_some() {
                        <button type="button" class="cg-button cg-button-quiet" aria-expanded={note_open.to_string()}
                            aria-controls={note_id} onclick={on_note}>
                            { if note_open { t.history_note_less() } else { t.history_note_more() } }</button>
                    }
                </div>
            }
        </>
    }
}

/// The classes of the result chip (static strings, as `level.key()` would spell them).
fn level_class(level: Level) -> &'static str {
    match level {
        Level::None => "cg-chip cg-level cg-level-none",
        Level::NextVisit => "cg-chip cg-level cg-level-next-visit",
        Level::CallToday => "cg-chip cg-level cg-level-call-today",
        Level::GetHelpNow => "cg-chip cg-level cg-level-get-help-now",
        Level::Emergency => "cg-chip cg-level cg-level-emergency",
    }
}
