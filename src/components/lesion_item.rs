use yew::prelude::*;

use crate::components::char_count::char_count;
use crate::components::diary_provider::{use_diary, DraftPart};
use crate::components::focus::use_focus_later;
use crate::components::i18n::use_content;
use crate::components::lesion_trend_view::LesionTrendView;
use crate::core::diary::Lesion;
use crate::core::diary_store::{LesionEdit, LesionEditError};
use crate::core::drafts::{Short, ShortForm};
use crate::core::json::Extra;
use crate::core::limits::{self, LESION_NAME_MAX};

#[derive(Properties, PartialEq)]
pub struct LesionItemProps {
    pub lesion: Lesion,
    /// Taken off the list (`LesionEdit::Remove`): its copy from before and its place words, for
    /// the list's Undo (this item goes with it).
    pub on_removed: Callback<(Lesion, String)>,
    /// A check-in notes it (it then stays on the list, with its history); worked out once for
    /// the whole list (`LesionList`), not by each item reading every check-in.
    pub in_use: bool,
    /// Taken off the list in another tab while a new name for it is typed here (`lesion` is
    /// then its tombstone): shown only so that the name typed is not lost without a word.
    /// Saving the name puts it back on the list; Cancel lets it go.
    #[prop_or_default]
    pub removed_elsewhere: bool,
    /// The item is going off the list (Cancel on one taken off elsewhere): the list takes the
    /// focus, which was on this item's Cancel.
    #[prop_or_default]
    pub on_gone: Callback<()>,
}

/// One lump or sore: its name (or the body site's words), followed or healed, a rename field,
/// "Mark as healed" / "Follow again", and "Show its trend".
#[component]
pub fn LesionItem(props: &LesionItemProps) -> Html {
    let c = use_content();
    let t = &c.diary;
    let diary = use_diary();
    let l = &props.lesion;
    // A new name is kept on the device as it is typed (a short form of the drafts): after a
    // switch to another part or a reload, the field opens again with it.
    let form = ShortForm::LesionName(l.id.clone());
    let kept = {
        let (d, form) = (diary.clone(), form.clone());
        (*use_state(move || d.kept_short(&|f| *f == form))).clone()
    };
    let renaming = use_state(|| kept.is_some());
    // The name the field opened with: a save is refused if another tab renamed the lump since.
    let from = {
        let (kept, name) = (kept.clone(), l.name.clone());
        use_state(move || kept.and_then(|k| k.was).unwrap_or(name))
    };
    let text = use_state(|| kept.map(|k| k.name).unwrap_or_default());
    // The last change's outcome: (saved?, words).
    let message = use_state(|| None::<(bool, String)>);
    let open = use_state(|| false);
    let focus = use_focus_later();
    let (rename_button, field) = (use_node_ref(), use_node_ref());

    let site = c.site_label(l.site).to_string();
    let place = if l.name.trim().is_empty() {
        site.clone()
    } else {
        format!("{} ({site})", l.name.trim())
    };
    let base = format!("cg-mylesion-{}", l.id);
    let why = {
        let site = site.clone();
        move |e: LesionEditError| match e {
            LesionEditError::NameTooLong => t
                .lesion_name_too_long()
                .replace("{max}", &LESION_NAME_MAX.to_string()),
            LesionEditError::Gone => t.lesion_gone().clone(),
            LesionEditError::InUse => t.lesion_in_use().clone(),
            LesionEditError::Store(e) => {
                t.lesion_not_saved().replace("{reason}", &t.store_error(&e))
            }
            LesionEditError::RenamedElsewhere(theirs) => t
                .lesion_renamed_elsewhere()
                .replace("{save}", t.lesion_save_name())
                .replace("{cancel}", t.cancel())
                .replace(
                    "{name}",
                    if theirs.trim().is_empty() {
                        &site
                    } else {
                        theirs.trim()
                    },
                ),
        }
    };

    let on_rename = {
        let (renaming, text, message, focus, field) = (
            renaming.clone(),
            text.clone(),
            message.clone(),
            focus.clone(),
            field.clone(),
        );
        let (name, from) = (l.name.clone(), from.clone());
        Callback::from(move |_| {
            from.set(name.clone());
            text.set(name.clone());
            message.set(None);
            renaming.set(true);
            focus.request(&field);
        })
    };
    let kept_name = |form: &ShortForm, typed: &str, was: &str| Short {
        form: form.clone(),
        name: typed.to_string(),
        how: String::new(),
        from: None,
        was: Some(was.to_string()),
        extra: Extra::NONE,
    };
    let on_input = {
        let (text, diary, form, name) = (text.clone(), diary.clone(), form.clone(), l.name.clone());
        let from = from.clone();
        // Taken off the list elsewhere, the name typed is all that keeps the item on screen:
        // kept even when emptied (to type another).
        let always = props.removed_elsewhere;
        Callback::from(move |e: InputEvent| {
            let typed = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            let changed = (always || typed != name).then(|| kept_name(&form, &typed, &from));
            diary.keep_short(form.clone(), changed);
            text.set(typed)
        })
    };
    let on_save = {
        let (diary, id, text, renaming, message, focus, rename_button, why) = (
            diary.clone(),
            l.id.clone(),
            text.clone(),
            renaming.clone(),
            message.clone(),
            focus.clone(),
            rename_button.clone(),
            why.clone(),
        );
        let done = if props.removed_elsewhere {
            t.lesion_put_back_named().clone()
        } else {
            t.lesion_renamed().clone()
        };
        let (form, from) = (form.clone(), from.clone());
        // Taken off the list elsewhere: saving the name puts it back, with that name (its
        // tombstone keeps the rest: the place, healed or not, since when).
        let put_back = props.removed_elsewhere.then(|| props.lesion.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let edit = match &put_back {
                Some(_) if limits::length(text.trim()) > LESION_NAME_MAX => {
                    message.set(Some((false, why(LesionEditError::NameTooLong))));
                    return;
                }
                Some(gone) => LesionEdit::PutBack(Box::new(Lesion {
                    name: text.trim().to_string(),
                    deleted: false,
                    ..gone.clone()
                })),
                None => LesionEdit::Rename {
                    to: (*text).clone(),
                    from: (*from).clone(),
                },
            };
            // Put back: the name typed is let go first, so that another tab showing the lump
            // again does not open a rename field on it. Kept again if the save fails.
            if put_back.is_some() {
                diary.keep_short(form.clone(), None);
            }
            let result = diary.edit_lesion(&id, edit);
            if put_back.is_some() && result.is_err() {
                diary.keep_short(form.clone(), Some(kept_name(&form, &text, &from)));
            }
            match result {
                Ok(()) => {
                    // (A put-back let the name go before it was written.)
                    if put_back.is_none() {
                        diary.keep_short(form.clone(), None);
                    }
                    renaming.set(false);
                    message.set(Some((true, done.clone())));
                    focus.request(&rename_button);
                }
                // The patient has now seen the other name: saving again keeps the one typed.
                Err(LesionEditError::RenamedElsewhere(theirs)) => {
                    diary.keep_short(form.clone(), Some(kept_name(&form, &text, &theirs)));
                    from.set(theirs.clone());
                    message.set(Some((
                        false,
                        why(LesionEditError::RenamedElsewhere(theirs)),
                    )));
                }
                // The field stays open with what was typed; the reason is shown beside it.
                Err(e) => message.set(Some((false, why(e)))),
            }
        })
    };
    let on_cancel = {
        let (renaming, message, focus, rename_button) = (
            renaming.clone(),
            message.clone(),
            focus.clone(),
            rename_button.clone(),
        );
        let (diary, form) = (diary.clone(), form.clone());
        let gone = props.removed_elsewhere.then(|| props.on_gone.clone());
        Callback::from(move |_| {
            diary.keep_short(form.clone(), None);
            renaming.set(false);
            message.set(None);
            match &gone {
                // Taken off the list elsewhere, and now let go: this item goes.
                Some(on_gone) => on_gone.emit(()),
                None => focus.request(&rename_button),
            }
        })
    };
    let why_not_removed = why.clone();
    let on_heal = {
        let (diary, id, healed, message) = (diary.clone(), l.id.clone(), l.healed, message.clone());
        let done = if healed {
            t.lesion_followed_done().clone()
        } else {
            t.lesion_healed_done().clone()
        };
        Callback::from(move |_| {
            message.set(Some(
                match diary.edit_lesion(&id, LesionEdit::Healed(!healed)) {
                    Ok(()) => (true, done.clone()),
                    Err(e) => (false, why(e)),
                },
            ))
        })
    };
    let on_trend = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    // In no check-in (added by mistake, then taken out of its check-in): it may be taken off
    // the list, with an Undo. One a check-in notes stays, with its history.
    let in_use = props.in_use;
    let on_remove = {
        let (diary, lesion, place, message) =
            (diary.clone(), l.clone(), place.clone(), message.clone());
        let (on_removed, form) = (props.on_removed.clone(), form.clone());
        Callback::from(
            move |_| match diary.edit_lesion(&lesion.id, LesionEdit::Remove) {
                Ok(()) => {
                    // A new name kept for it (typed in another tab, or before a reload) goes
                    // with it: it is not shown as a lump taken off the list elsewhere.
                    diary.keep_short(form.clone(), None);
                    on_removed.emit((lesion.clone(), place.clone()))
                }
                Err(e) => message.set(Some((false, why_not_removed(e)))),
            },
        )
    };

    let named = |word: &str| format!("{word}: {place}");
    let heal_word = if l.healed {
        t.lesion_follow_again()
    } else {
        t.lesion_mark_healed()
    };
    let trend_word = if *open {
        t.lesion_hide_trend()
    } else {
        t.lesion_show_trend()
    };
    html! {
        <li class={classes!("cg-mylesion", l.healed.then_some("cg-mylesion-healed"))}>
            <h5 class="cg-mylesion-name" id={format!("{base}-name")}>{ &place }</h5>
            if props.removed_elsewhere {
                <p class="cg-notice cg-notice-warn" role="alert">{ t.lesion_removed_elsewhere().replace("{cancel}", t.cancel()) }</p>
            } else {
                <p class="cg-mylesion-state">{ if l.healed { t.lesion_healed() } else if !in_use { t.lesion_in_none() } else { t.lesion_followed() } }</p>
            }
            if *renaming {
                <form class="cg-mylesion-rename" onsubmit={on_save}>
                    <div class="cg-field">
                        <label for={format!("{base}-new-name")}>{ t.lesion_name_new() }</label>
                        <p class="cg-hint" id={format!("{base}-new-name-hint")}>{ t.lesion_name_empty_hint().replace("{place}", &site) }</p>
                        <input type="text" id={format!("{base}-new-name")} ref={field} value={(*text).clone()} oninput={on_input}
                            maxlength={LESION_NAME_MAX.to_string()} autocomplete="off"
                            aria-describedby={format!("{base}-new-name-hint {base}-new-name-count")} />
                        { char_count(t, &format!("{base}-new-name-count"), &text, LESION_NAME_MAX) }
                    </div>
                    // The new name could not be kept on the device (only in this page).
                    if let Some(e) = diary.draft_error(&DraftPart::Short(form.clone())).filter(|_| *text != l.name) {
                        <p class="cg-notice cg-notice-warn" role="alert">{ format!("{} {}", t.draft_not_kept(), t.store_error(e)) }</p>
                    }
                    <div class="cg-mylesion-actions">
                        <button type="submit" class="cg-button cg-button-primary">{ t.lesion_save_name() }</button>
                        <button type="button" class="cg-button" onclick={on_cancel}>{ t.cancel() }</button>
                    </div>
                </form>
            } else {
                // Each button's name says which lump, as the history's "Edit: check-in from …" do:
                // a screen reader's list of buttons otherwise reads "Rename, Rename, Rename".
                <div class="cg-mylesion-actions">
                    <button type="button" class="cg-button" ref={rename_button} onclick={on_rename}
                        aria-label={named(t.lesion_rename())}>{ t.lesion_rename() }</button>
                    <button type="button" class="cg-button" onclick={on_heal} aria-label={named(heal_word)}>{ heal_word }</button>
                    <button type="button" class="cg-button" onclick={on_trend} aria-expanded={open.to_string()}
                        aria-controls={format!("{base}-trend")} aria-label={named(trend_word)}>{ trend_word }</button>
                    if !in_use {
                        <button type="button" class="cg-button" onclick={on_remove} aria-label={named(t.lesion_remove())}>
                            { t.lesion_remove() }</button>
                    }
                </div>
            }
            <p class="cg-mylesion-message" role="status">
                { message.as_ref().filter(|(ok, _)| *ok).map(|(_, m)| m.clone()).unwrap_or_default() }
            </p>
            if let Some((false, m)) = &*message {
                <p class="cg-notice cg-notice-error" role="alert">{ m }</p>
            }
            <div id={format!("{base}-trend")} class="cg-mylesion-trend" hidden={!*open}>
                if *open {
                    <LesionTrendView lesion={l.id.clone()} place={place.clone()} />
                }
            </div>
        </li>
    }
}
