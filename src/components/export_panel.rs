use std::rc::Rc;

use yew::prelude::*;

use crate::components::lasting::use_lasting;

use crate::components::diary_provider::use_diary;
use crate::components::focus::{escape_answers, use_focus_later};
use crate::components::i18n::use_content;
use crate::core::config::Settings;
use crate::core::content::{counted, Content, SummaryUi};
use crate::core::date::Date;
use crate::core::diary::Diary;
use crate::core::export::backup::{
    file_text, restore_since, to_backup, BackupSettings, Replaced, RestoreError,
};
use crate::core::export::csv::{checkins_csv, medicines_csv, separator};
use crate::core::export::fhir::fhir_bundle_parts;
use crate::core::export::ics::{reminder_ics, Frequency, Reminder, Weekday};
use crate::core::export::Download;
use crate::core::limits;
use crate::core::prefs::{BackupHeld, Prefs};
use crate::core::store::StoreError;
use crate::platform::clock;
use crate::platform::download::{download, download_parts, Refused};

#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    pub settings: Settings,
    /// Put focus on the backup button when the panel opens (coming from the backup reminder).
    #[prop_or_default]
    pub focus_backup: bool,
}

/// Backup and restore, CSV and FHIR downloads, calendar reminders, and deleting everything.
#[component]
pub fn ExportPanel(props: &ExportPanelProps) -> Html {
    let c = use_content();
    let t = &c.summary;
    let diary = use_diary();
    // What a restore offers back, lasting until the page is left, as its report says, not only
    // while this part is on screen (`use_lasting`): the backup's copies of entries deleted here
    // since it was made, and this device's copies of entries it replaced or removed.
    let held = use_lasting("export.held", |_| true, || None::<Rc<Diary>>);
    let replaced = use_lasting("export.replaced", |_| true, || None::<Rc<Replaced>>);
    // The restore's report, which explains those offers: said again with them when the part
    // comes back (also when the file was read after the patient moved on), never without them.
    let report = use_lasting("export.report", |_| true, || None::<(bool, String)>);
    let message = {
        let again = (held.is_some() || replaced.is_some())
            .then(|| (*report).clone())
            .flatten();
        use_state_eq(move || again)
    };
    let weekly = use_state(|| false);
    let weekday = use_state(|| Weekday::Monday);
    let time = use_state(|| "09:00".to_string());
    let confirm_delete = use_state(|| false);
    // Everything was deleted (here or in another tab): a restore's held copies are not offered
    // back into the emptied diary.
    let generation = use_state(|| diary.generation);
    if *generation != diary.generation {
        generation.set(diary.generation);
        held.set(None);
        replaced.set(None);
        // The report of those offers goes with them (this panel's own "deleted" message stays).
        if report.is_some() && *message == *report {
            message.set(None);
        }
        report.set(None);
    }
    // Come from the backup reminder: what the panel said before is not this press's answer.
    {
        let message = message.clone();
        use_effect_with(props.focus_backup, move |&from_reminder| {
            if from_reminder {
                message.set(None);
            }
        });
    }
    let focus = use_focus_later();
    let backup_button = use_node_ref();
    let delete_button = use_node_ref();
    let keep_button = use_node_ref();
    let message_ref = use_node_ref();
    {
        // Arriving from the diary's backup reminder: the backup button has the focus.
        let (backup_button, wanted) = (backup_button.clone(), props.focus_backup);
        use_effect_with((), move |_| {
            if let Some(b) = backup_button
                .cast::<web_sys::HtmlElement>()
                .filter(|_| wanted)
            {
                let _focus_is_best_effort = b.focus();
            }
        });
    }
    // Asked at each download, not when drawn: a page left open past midnight names its files by
    // the day they are made.
    let today = || clock::now().local_in(&clock::BrowserZone).date;
    let label = move |s| c.site_label(s).to_string();
    // The spreadsheet's separator is the clinic's (its language, not the one the patient reads
    // in: found by review, a UK clinic's patient reading in Portuguese got ";").
    let clinic_lang = props.settings.clinic_lang.unwrap_or(c.lang);

    // A copy of a diary that is behind what is stored would leave entries out: said instead.
    let behind = {
        let (said, message) = (diary.behind_text(&c.diary), message.clone());
        move || {
            if let Some(said) = &said {
                message.set(Some((false, said.clone())));
            }
            said.is_some()
        }
    };
    let save = {
        let (message, behind) = (message.clone(), behind.clone());
        move |file: Download, text: String, done: &str| {
            if behind() {
                return false;
            }
            let name = file.file_name();
            match download(&name, file.mime(), &text) {
                Ok(()) => {
                    message.set(Some((true, done.replace("{file}", &name))));
                    true
                }
                Err(e) => {
                    message.set(Some((false, refused(t, e))));
                    false
                }
            }
        }
    };
    let on_backup = {
        let (diary, save, message, t) = (diary.clone(), save.clone(), message.clone(), t);
        Callback::from(move |_| {
            let now = clock::now();
            let settings = BackupSettings::of(&diary.prefs);
            let today = now.local_in(&clock::BrowserZone).date;
            let current = diary.current();
            if save(
                Download::Backup { today },
                to_backup(&current, Some(&settings), now),
                t.backup_done(),
            ) {
                // With which copies it held, so that a restore offers back what it replaces of
                // anything changed since, whatever the clock said then.
                // A storage too full for the mark may still take the date alone (a restore then
                // goes by the backup's time, as before the mark was kept).
                let noted = |held: Option<BackupHeld>| {
                    diary.update_prefs(&|p| {
                        p.last_backup = Some(now);
                        p.backup_held.clone_from(&held);
                    })
                };
                let kept = noted(Some(BackupHeld::of(&current, now))).or_else(|_| noted(None));
                if let Err(e) = kept {
                    // The file is saved; only the reminder's date is not.
                    message.set(Some((
                        false,
                        t.backup_date_not_kept()
                            .replace("{reason}", &c.diary.backup_date_error(&e)),
                    )));
                }
            }
        })
    };
    let on_csv = {
        let (diary, save, t) = (diary.clone(), save.clone(), t);
        Callback::from(move |_| {
            save(
                Download::CheckInsCsv { today: today() },
                checkins_csv(
                    &diary.current(),
                    &clock::BrowserZone,
                    &label,
                    separator(clinic_lang),
                ),
                t.download_done(),
            );
        })
    };
    let on_medicines_csv = {
        let (diary, save, t) = (diary.clone(), save.clone(), t);
        Callback::from(move |_| {
            save(
                Download::MedicinesCsv { today: today() },
                medicines_csv(
                    &diary.current(),
                    &clock::BrowserZone,
                    separator(clinic_lang),
                ),
                t.download_done(),
            );
        })
    };
    let on_fhir = {
        let (diary, message, t) = (diary.clone(), message.clone(), t);
        let behind = behind.clone();
        Callback::from(move |_| {
            if behind() {
                return;
            }
            let file = Download::Fhir { today: today() };
            let name = file.file_name();
            // Each resource goes to the browser as it is made (a ten-year diary's bundle is many
            // megabytes; it is never whole in the widget's memory).
            let parts = js_sys::Array::new();
            fhir_bundle_parts(
                &diary.current(),
                &clock::BrowserZone,
                &label,
                clock::now(),
                &mut |p| {
                    parts.push(&p.into());
                },
            );
            message.set(Some(match download_parts(&name, file.mime(), &parts) {
                Ok(()) => (true, t.download_done().replace("{file}", &name)),
                Err(e) => (false, refused(t, e)),
            }));
        })
    };
    let on_restore = {
        let (diary, message, held, t) = (diary.clone(), message.clone(), held.clone(), t);
        let (replaced, report_kept) = (replaced.clone(), report.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            held.set(None);
            replaced.set(None);
            report_kept.set(None);
            // Too big to be ours: refused before it is read, so it never fills the memory.
            if !limits::backup_size_ok(file.size()) {
                message.set(Some((
                    false,
                    t.restore_too_big()
                        .replace("{size}", &c.ui.megabytes(file.size()))
                        .replace("{max}", &c.ui.megabytes(limits::BACKUP_MAX_BYTES)),
                )));
                return;
            }
            let (diary, message, held, t) = (diary.clone(), message.clone(), held.clone(), t);
            let (replaced, report_kept) = (replaced.clone(), report_kept.clone());
            // Said while the file is read and merged: a ten-year diary takes seconds on a slow
            // phone, with the page still (found by an audit: 7.5 s with nothing said, at a
            // quarter of a laptop's speed). The report or a refusal takes its place.
            message.set(Some((true, t.restoring().clone())));
            yew::platform::spawn_local(async move {
                // The bytes, decoded here strictly (`file_text`): the browser's text reading
                // puts "�" for every letter of a file saved again in another text format.
                let text = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => file_text(js_sys::Uint8Array::new(&buffer).to_vec()),
                    Err(_) => {
                        message.set(Some((false, t.restore_read_failed().clone())));
                        return;
                    }
                };
                // The message drawn and painted before the work that holds the page.
                painted().await;
                // Into the diary as stored now, not this tab's copy from before the file was
                // read: another tab may have saved, or deleted everything, meanwhile. A file that
                // is not text is told by the same messages as any other refused file.
                let outcome = text.and_then(|text| {
                    restore_since(
                        &diary.current(),
                        &text,
                        clock::now(),
                        diary.prefs.last_backup,
                        diary.prefs.backup_held.as_ref(),
                    )
                });
                // Whether the report tells of copies offered back (kept with them, see `report`).
                let offered = std::cell::Cell::new(false);
                let report = match outcome {
                    Ok((merged, report)) => match diary.replace(merged) {
                        Ok(()) => {
                            // The name for the printout comes back too, unless one is set here.
                            let restored =
                                report.settings.clone().filter(|s| s.patient_name.is_some());
                            // The file holds its copies: a later restore that replaces them does
                            // not offer them back as this device's own.
                            let files = report.files_held.clone();
                            let mut name_failed = None;
                            if restored.is_some() || files.is_some() {
                                let restore_into = |p: &mut Prefs| {
                                    if let Some(settings) = &restored {
                                        settings.restore_into(p);
                                    }
                                    if let Some(files) = files.clone() {
                                        p.keep_restored_files(files);
                                    }
                                };
                                let failed = diary.update_prefs(&restore_into).err();
                                name_failed = failed.filter(|_| restored.is_some());
                            }
                            let mut text = t
                                .restore_report()
                                .replace("{added}", &report.added.to_string())
                                .replace("{updated}", &report.updated.to_string())
                                .replace("{skipped}", &report.skipped.to_string());
                            // Said only when there are some: "0 kept as they are here" puzzles.
                            if report.kept_newer > 0 {
                                text.push(' ');
                                text.push_str(&counted(
                                    report.kept_newer,
                                    t.restore_kept_one(),
                                    t.restore_kept(),
                                ));
                            }
                            if report.kept_clock_ahead > 0 {
                                text.push(' ');
                                text.push_str(&counted(
                                    report.kept_clock_ahead,
                                    t.restore_kept_clock_one(),
                                    t.restore_kept_clock(),
                                ));
                            }
                            let changed = report.replaced_here_count();
                            let deleted = report.deleted_here_count();
                            if deleted > 0 {
                                text.push(' ');
                                text.push_str(&counted(
                                    deleted,
                                    t.restore_deleted_here_one(),
                                    t.restore_deleted_here(),
                                ));
                                held.set(Some(Rc::new(report.deleted_here)));
                                offered.set(true);
                            }
                            if changed > 0 {
                                text.push(' ');
                                text.push_str(&counted(
                                    changed,
                                    t.restore_replaced_here_one(),
                                    t.restore_replaced_here(),
                                ));
                                replaced.set(Some(Rc::new(report.replaced_here)));
                                offered.set(true);
                            }
                            if report.dated_ahead > 0 {
                                text.push(' ');
                                text.push_str(&c.dated_ahead(
                                    report.dated_ahead,
                                    t.restore_dated_ahead_one(),
                                    t.restore_dated_ahead(),
                                ));
                            }
                            // The diary is restored; the name for the printout is not.
                            if let Some(e) = &name_failed {
                                text.push(' ');
                                text.push_str(
                                    &t.name_not_kept()
                                        .replace("{reason}", &c.diary.prefs_error(e)),
                                );
                            }
                            (name_failed.is_none(), text)
                        }
                        Err(e) => (
                            false,
                            t.restore_not_saved()
                                .replace("{reason}", &c.diary.store_error(&e)),
                        ),
                    },
                    Err(RestoreError::NotJson) => (false, t.restore_not_json().clone()),
                    Err(RestoreError::CutShort) => (false, t.restore_cut_short().clone()),
                    Err(RestoreError::NotText) => (false, t.restore_not_text().clone()),
                    Err(RestoreError::NotABackup) => (false, t.restore_not_backup().clone()),
                    Err(RestoreError::NewerVersion { .. }) => (false, t.restore_newer().clone()),
                    // What is wrong is for the clinic's support, in the console: the
                    // patient can do nothing with a record's id or a field's name.
                    Err(RestoreError::Invalid { what }) => {
                        let said = format!("calcinosis-guide: the backup is damaged: {what}");
                        web_sys::console::warn_1(&said.into());
                        (false, t.restore_invalid().clone())
                    }
                };
                if offered.get() {
                    report_kept.set(Some(report.clone()));
                }
                message.set(Some(report));
            });
        })
    };
    let on_bring_back = {
        let (diary, message, held, t) = (diary.clone(), message.clone(), held.clone(), t);
        let (focus, message_ref) = (focus.clone(), message_ref.clone());
        Callback::from(move |_| {
            let Some(h) = (*held).clone() else {
                return;
            };
            focus.request(&message_ref);
            match diary.bring_back(&h) {
                Ok(n) => {
                    held.set(None);
                    message.set(Some((
                        true,
                        counted(n, t.brought_back_one(), t.brought_back()),
                    )));
                }
                // The offer stays, so the patient can try again.
                Err(e) => message.set(Some((false, not_saved(c, &e)))),
            }
        })
    };
    let on_put_back = {
        let (diary, message, replaced, t) = (diary.clone(), message.clone(), replaced.clone(), t);
        let (focus, message_ref) = (focus.clone(), message_ref.clone());
        Callback::from(move |_| {
            let Some(h) = (*replaced).clone() else {
                return;
            };
            focus.request(&message_ref);
            match diary.put_back(&h) {
                Ok(n) => {
                    replaced.set(None);
                    let text = match n {
                        // Each was changed again since the restore: left as it is.
                        0 => t.put_back_none().clone(),
                        n => counted(n, t.put_back_done_one(), t.put_back_done()),
                    };
                    message.set(Some((true, text)));
                }
                Err(e) => message.set(Some((false, not_saved(c, &e)))),
            }
        })
    };
    let on_reminder = {
        let (save, weekly, weekday, time, message, t) = (
            save.clone(),
            weekly.clone(),
            weekday.clone(),
            time.clone(),
            message.clone(),
            t,
        );
        let seed = props.settings.namespace.clone();
        Callback::from(move |_| {
            let frequency = if *weekly {
                Frequency::Weekly(*weekday)
            } else {
                Frequency::Daily
            };
            let Some(reminder) = Reminder::at(frequency, &time) else {
                message.set(Some((false, t.reminder_bad_time().clone())));
                return;
            };
            let start: Date = today();
            let ics = reminder_ics(
                &reminder,
                start,
                t.reminder_summary(),
                t.reminder_description(),
                clock::now(),
                &seed,
            );
            save(Download::Reminder, ics, t.download_done());
        })
    };
    let on_delete_ask = {
        let (confirm_delete, focus, keep_button) =
            (confirm_delete.clone(), focus.clone(), keep_button.clone());
        Callback::from(move |_| {
            focus.request(&keep_button);
            confirm_delete.set(true)
        })
    };
    let on_delete_no = {
        let (confirm_delete, focus, delete_button) =
            (confirm_delete.clone(), focus.clone(), delete_button.clone());
        Callback::from(move |_| {
            focus.request(&delete_button);
            confirm_delete.set(false)
        })
    };
    let on_delete_yes = {
        let (diary, message, confirm_delete, t) =
            (diary.clone(), message.clone(), confirm_delete.clone(), t);
        let (focus, message_ref) = (focus.clone(), message_ref.clone());
        Callback::from(move |_| {
            focus.request(&message_ref);
            confirm_delete.set(false);
            match diary.delete_everything() {
                Ok(_) => message.set(Some((true, t.delete_done().clone()))),
                Err(e) => message.set(Some((false, c.diary.store_error(&e)))),
            }
        })
    };
    let set_weekly = |value: bool| {
        let weekly = weekly.clone();
        Callback::from(move |_| weekly.set(value))
    };
    let on_weekday = {
        let weekday = weekday.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some(d) = Weekday::ALL.into_iter().find(|d| d.code() == v) {
                weekday.set(d);
            }
        })
    };
    let on_time = {
        let time = time.clone();
        Callback::from(move |e: InputEvent| {
            time.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };

    html! {
        <section class="cg-export cg-no-print" aria-labelledby="cg-export-heading">
            <h4 id="cg-export-heading">{ t.export_heading() }</h4>
            <p>{ t.export_intro() }</p>
            // An alert is an element of its own, never a status turned into one (found by review:
            // "Restoring…" became a refusal in place, which a screen reader may not announce).
            if let Some((true, text)) = &*message {
                <p class="cg-notice" role="status" tabindex="-1" ref={message_ref.clone()}>{ text }</p>
            }
            if let Some((false, text)) = &*message {
                <div class="cg-notice cg-notice-error" role="alert" tabindex="-1" ref={message_ref.clone()}>{ text }</div>
            }
            if held.is_some() {
                <button type="button" class="cg-button cg-bring-back" onclick={on_bring_back}>{ t.bring_back() }</button>
            }
            if replaced.is_some() {
                <button type="button" class="cg-button cg-put-back" onclick={on_put_back}>{ t.put_back() }</button>
            }
            <div class="cg-export-actions">
                <button type="button" class="cg-button cg-button-primary" onclick={on_backup} ref={backup_button.clone()}>{ t.backup() }</button>
                <label class="cg-button cg-file" for="cg-restore">{ t.restore_label() }
                    <input type="file" id="cg-restore" accept=".json,application/json" onchange={on_restore} /></label>
                <button type="button" class="cg-button" onclick={on_csv}>{ t.csv() }</button>
                <button type="button" class="cg-button" onclick={on_medicines_csv}>{ c.medicines.csv() }</button>
                <button type="button" class="cg-button" onclick={on_fhir}>{ t.fhir() }</button>
            </div>
            <h5>{ t.reminders_heading() }</h5>
            <p>{ t.reminders_intro() }</p>
            <div class="cg-reminder">
                <fieldset class="cg-radios">
                    <legend>{ t.freq_legend() }</legend>
                    <label class="cg-check" for="cg-freq-daily"><input type="radio" id="cg-freq-daily" name="cg-freq" checked={!*weekly} onchange={set_weekly(false)} /><span>{ t.daily() }</span></label>
                    <label class="cg-check" for="cg-freq-weekly"><input type="radio" id="cg-freq-weekly" name="cg-freq" checked={*weekly} onchange={set_weekly(true)} /><span>{ t.weekly() }</span></label>
                </fieldset>
                if *weekly {
                    <label class="cg-field" for="cg-weekday"><span>{ t.weekday_label() }</span>
                        <select id="cg-weekday" onchange={on_weekday}>
                            { for Weekday::ALL.iter().enumerate().map(|(i, d)| html! {
                                <option value={d.code()} selected={*weekday == *d}>{ &t.weekdays[i] }</option>
                            }) }
                        </select></label>
                }
                <label class="cg-field" for="cg-reminder-time"><span>{ t.reminder_time_label() }</span>
                    <input type="time" id="cg-reminder-time" value={(*time).clone()} oninput={on_time} /></label>
                <button type="button" class="cg-button" onclick={on_reminder}>{ t.add_reminder() }</button>
            </div>
            <h5>{ t.delete_heading() }</h5>
            <p>{ t.delete_intro() }</p>
            if *confirm_delete {
                <div class="cg-confirm" role="group" aria-label={t.delete_confirm().clone()} onkeydown={escape_answers(&keep_button)}>
                    <p>{ t.delete_confirm() }</p>
                    <button type="button" class="cg-button cg-button-danger" onclick={on_delete_yes}>{ t.delete_yes() }</button>
                    <button type="button" class="cg-button" onclick={on_delete_no} ref={keep_button.clone()}>{ t.delete_no() }</button>
                </div>
            } else {
                <button type="button" class="cg-button cg-button-quiet" onclick={on_delete_ask} ref={delete_button.clone()}>{ t.delete_button() }</button>
            }
        </section>
    }
}

/// "That could not be saved." and why, for an offer taken up that could not be written.
fn not_saved(c: &Content, e: &StoreError) -> String {
    format!("{} {}", c.diary.save_failed_short(), c.diary.store_error(e))
}

/// Why a file was not saved, in the patient's words.
pub fn refused(t: &SummaryUi, e: Refused) -> String {
    match e {
        Refused::Sandboxed => t.download_sandboxed().clone(),
        Refused::Other(detail) => t.download_failed().replace("{detail}", &detail),
    }
}

/// Resolves once the page has been painted: after the next animation frame (or 100 ms, in a
/// tab the browser does not draw), a task later.
async fn painted() {
    let Some(window) = web_sys::window() else {
        return;
    };
    for frame in [true, false] {
        let later = js_sys::Promise::new(&mut |resolve, _| {
            let asked = if frame {
                let drawn = window.request_animation_frame(&resolve).is_ok();
                let hidden =
                    window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
                drawn || hidden.is_ok()
            } else {
                window.set_timeout_with_callback(&resolve).is_ok()
            };
            if !asked {
                let _resolved_now = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        let _waited = wasm_bindgen_futures::JsFuture::from(later).await;
    }
}
