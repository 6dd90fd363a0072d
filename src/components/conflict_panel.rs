use std::rc::Rc;

use yew::prelude::*;

use crate::components::focus::escape_answers;
use crate::core::content::Content;
use crate::core::diary::{Adherence, CheckIn, Diary, Lesion};
use crate::core::differ::{differences, Differs};
use crate::core::history::{label_of, lesion_label};
use crate::platform::clock;

/// A check-in another tab changed (or deleted: `theirs` is `None`) while this form edited it.
#[derive(Clone)]
pub struct Conflict {
    pub mine: CheckIn,
    pub theirs: Option<CheckIn>,
    /// The lumps this form would write: one added here is in no diary yet.
    pub lesions: Vec<Lesion>,
    /// The diary as stored when the conflict was found (a lump the other tab added).
    pub stored: Rc<Diary>,
}

/// The patient's ways out of a conflict, owned by the form: its state and focus stay there, so
/// this is a view, not a component of its own (one more component costs the download some 2 KB).
pub struct Choice<'a> {
    /// Whether "Use the other version" (or "Leave it deleted") was pressed and is being asked.
    pub asking: bool,
    pub keep_mine: &'a Callback<MouseEvent>,
    /// Asks before this form's changes are let go.
    pub ask: &'a Callback<MouseEvent>,
    /// Lets them go.
    pub yes: &'a Callback<MouseEvent>,
    /// Back to the choice.
    pub no: &'a Callback<MouseEvent>,
    /// "No, go back", focused as it is asked.
    pub go_back: &'a NodeRef,
    /// The button that asked, focused again after "No, go back".
    pub let_go: &'a NodeRef,
}

/// Both copies of a check-in that two tabs changed at once, and the patient's choice. Each copy
/// shows everything it says differently from the other (every box, every lump, the whole
/// note), so that neither choice drops something unseen. Letting this form's changes go asks
/// first, as Cancel does: the two buttons sit side by side, and fingers may be stiff.
pub fn conflict_panel(
    c: &Content,
    diary: &Diary,
    lesions: &[Lesion],
    mine: &CheckIn,
    theirs: Option<&CheckIn>,
    choice: Choice,
) -> Html {
    let t = &c.diary;
    let deleted = theirs.is_none();
    let what = match theirs {
        Some(theirs) => differences(mine, theirs),
        // Deleted there: this copy is all there is to lose, so all it says is shown, with its
        // time and pain always.
        None => {
            let said = differences(mine, &CheckIn::default())
                .into_iter()
                .filter(|d| !matches!(d, Differs::When | Differs::Pain));
            [Differs::When, Differs::Pain]
                .into_iter()
                .chain(said)
                .collect()
        }
    };
    let version = |title: &str, copy: &CheckIn| {
        html! {
            <section>
                <h5>{ title.to_string() }</h5>
                if what.is_empty() {
                    <p>{ t.conflict_same() }</p>
                } else {
                    <ul>{ for what.iter().map(|d| html! {
                        <li class="cg-wrap">{ said(c, diary, lesions, copy, d) }</li>
                    }) }</ul>
                }
            </section>
        }
    };
    let (use_theirs, confirm, yes) = if deleted {
        (
            t.conflict_leave_deleted(),
            t.conflict_confirm_deleted(),
            t.conflict_yes_deleted(),
        )
    } else {
        (
            t.conflict_use_theirs(),
            t.conflict_confirm_theirs(),
            t.conflict_yes_theirs(),
        )
    };
    html! {
        <div class="cg-notice cg-notice-warn cg-conflict" role="alert">
            <p><strong>{ if deleted { t.conflict_deleted() } else { t.conflict_changed() } }</strong></p>
            if !what.is_empty() && !deleted { <p>{ t.conflict_differs() }</p> }
            <div class="cg-conflict-versions">
                { version(t.conflict_yours(), mine) }
                if let Some(other) = theirs { { version(t.conflict_theirs(), other) } }
            </div>
            if choice.asking {
                // Keyed apart, as the form's own Cancel: the button just pressed never becomes
                // "Yes" under the patient's finger. Yes first and No second.
                <div key="asking" class="cg-form-actions cg-confirm" role="group" aria-labelledby="cg-conflict-question"
                    onkeydown={escape_answers(choice.go_back)}>
                    <p id="cg-conflict-question" class="cg-strong">{ confirm }</p>
                    <button type="button" class="cg-button cg-button-danger" onclick={choice.yes.clone()}>{ yes }</button>
                    <button type="button" class="cg-button" ref={choice.go_back.clone()} onclick={choice.no.clone()}>{ t.conflict_go_back() }</button>
                </div>
            } else {
                <div key="actions" class="cg-form-actions">
                    <button type="button" class="cg-button cg-button-primary" onclick={choice.keep_mine.clone()}>{ t.conflict_keep_mine() }</button>
                    <button type="button" class="cg-button" ref={choice.let_go.clone()} onclick={choice.ask.clone()}>{ use_theirs }</button>
                </div>
            }
        </div>
    }
}

/// What `copy` says of one thing the two copies say differently, in words.
fn said(c: &Content, diary: &Diary, lesions: &[Lesion], copy: &CheckIn, what: &Differs) -> String {
    let t = &c.diary;
    let yes_no = |on: bool| {
        if on {
            t.conflict_yes()
        } else {
            t.conflict_no()
        }
    };
    // "Fever: Yes"; a question is followed by its answer alone ("How much ...? 5").
    let line = |label: &str, value: &str| {
        if label.ends_with('?') {
            format!("{label} {value}")
        } else {
            format!("{label}: {value}")
        }
    };
    let text = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            t.conflict_nothing().to_string()
        } else {
            s.to_string()
        }
    };
    match what {
        Differs::When => t.when(copy.at.local_in(&clock::BrowserZone)),
        Differs::Pain => t.pain_short().replace("{n}", &copy.pain.to_string()),
        Differs::Lesion(id) => {
            // As this form names it (a lump added here, or renamed), else as stored.
            let name = match lesions.iter().find(|l| l.id == *id) {
                Some(l) => label_of(l),
                None => lesion_label(diary, id),
            }
            .words(c);
            let value = match copy.observation(id) {
                None => t.conflict_not_noted().to_string(),
                Some(o) => {
                    let mut parts = Vec::new();
                    if let Some(p) = o.pain {
                        parts.push(t.pain_short().replace("{n}", &p.to_string()));
                    }
                    if let Some(s) = o.size {
                        parts.push(t.size(s));
                    }
                    for s in crate::core::diary::Sign::ALL {
                        if o.has(s) {
                            parts.push(t.signs.get(&s).cloned().unwrap_or_default());
                        }
                    }
                    if parts.is_empty() {
                        t.conflict_noted().to_string()
                    } else {
                        parts.join(", ")
                    }
                }
            };
            line(&name, &value)
        }
        Differs::Fever => line(t.fever(), yes_no(copy.fever)),
        Differs::LumpNow => line(t.lump_now(), yes_no(copy.lump_now)),
        Differs::Raynaud => line(t.raynaud(), yes_no(copy.raynaud)),
        Differs::Stiffness => line(t.stiffness(), yes_no(copy.stiffness)),
        Differs::Sleep => line(t.sleep(), yes_no(copy.sleep)),
        Differs::Daily => line(
            t.daily_legend(),
            &copy
                .daily_effect
                .map_or_else(|| t.conflict_not_answered().to_string(), |n| n.to_string()),
        ),
        Differs::Warning(w) => line(
            t.warnings.get(w).map_or("", String::as_str),
            yes_no(copy.has_warning(*w)),
        ),
        Differs::ImmuneWeakening => line(t.immune_weakening(), yes_no(copy.immune_weakening)),
        Differs::Adherence => line(
            t.adherence_legend(),
            match copy.adherence {
                None => t.conflict_not_answered(),
                Some(Adherence::AsPrescribed) => t.adherence_as_prescribed(),
                Some(Adherence::MissedSome) => t.adherence_missed_some(),
                Some(Adherence::NotTaking) => t.adherence_not_taking(),
            },
        ),
        Differs::SideEffect(s) => line(
            t.side_effects.get(s).map_or("", String::as_str),
            yes_no(copy.has_side_effect(*s)),
        ),
        Differs::OtherSideEffect => {
            line(t.other_side_effect_label(), &text(&copy.other_side_effect))
        }
        Differs::Notes => line(t.history_notes(), &text(&copy.notes)),
    }
}
