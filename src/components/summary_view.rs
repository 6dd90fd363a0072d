use yew::prelude::*;

use crate::components::char_count::char_count;
use crate::components::diary_provider::use_diary;
use crate::components::export_panel::ExportPanel;
use crate::components::i18n::use_content;
use crate::components::my_medicines::MyMedicines;
use crate::components::pain_chart::pain_chart;
use crate::components::questions::Questions;
use crate::components::storage_notice::storage_notice;
use crate::core::config::{Contact, Settings};
use crate::core::content::{counted, Content};
use crate::core::date::Date;
use crate::core::diary::{Sign, Size};
use crate::core::draft::EARLIEST_YEAR;
use crate::core::limits::{
    self, clip, PRINT_LESION_NAME_MAX, PRINT_NAME_MAX, PRINT_OTHER_SIDE_EFFECT_MAX,
};
use crate::core::sites::Site;
use crate::core::summary::{
    days_counted, elide, flags_by_reason, other_effects_grouped, page_foot, summarise, FlagGroup,
    Noted, OtherLesion, Period,
};
use crate::core::triage::Level;
use crate::platform::clock;

#[derive(Properties, PartialEq)]
pub struct SummaryViewProps {
    pub settings: Settings,
    /// Put focus on the backup button when the summary opens (from the backup reminder).
    #[prop_or_default]
    pub focus_backup: bool,
}

/// How many dates a repeated warning sign lists before "…".
const MAX_DATES: usize = 4;
/// How many different "something else" side effects are listed before "and N more".
const MAX_OTHERS: usize = 4;
/// How many followed lumps not noted in the period are named before "and N more".
const MAX_OTHER_LESIONS: usize = 6;

/// The one-page appointment summary (what prints), with its controls and the export panel.
#[component]
pub fn SummaryView(props: &SummaryViewProps) -> Html {
    let c = use_content();
    let (t, d) = (&c.summary, &c.diary);
    let diary = use_diary();
    let period = use_state(|| Period::Days(90));
    let since_text = use_state(String::new);
    let now = clock::now();
    // The day is part of what the summary depends on: a page left open overnight shows, and
    // prints, today's period at its next render.
    let today = now.local_in(&clock::BrowserZone).date;
    let summary = {
        let (dd, p) = (diary.diary.clone(), *period);
        use_memo((dd, p, today), move |(dd, p, _)| {
            summarise(dd, *p, now, &clock::BrowserZone)
        })
    };
    let triage = &c.triage;
    // The printed name, as the heading has it; also at the foot of every page.
    // The whole name in the head (found by an audit: a Portuguese name of 77 letters lost its
    // last family names, the one records are filed by); cut shorter only in each page's foot.
    let name = clip(diary.prefs.patient_name.trim(), limits::PATIENT_NAME_MAX);
    let foot = page_foot(t.print_title(), &clip(&name, PRINT_NAME_MAX), t.page_of());

    let choose = |p: Period| {
        let period = period.clone();
        Callback::from(move |_| period.set(p))
    };
    // A day the diary can hold, up to today. Found by an audit of the printout: a day after
    // today printed "5 Jan 2027 to 6 Dec 2026", and a year still being typed ("0002", "0020",
    // "0202" before "2024") was taken, a chart of 1,800 years printed, and the whole diary
    // summed again at each digit. Another is not used, and said so by the box.
    // Today as the callback runs (found by review: the day of the last draw refused the new day
    // typed just after midnight).
    let usable = |text: &str| {
        let today = clock::now().local_in(&clock::BrowserZone).date;
        Date::parse(text).filter(|d| d.year >= EARLIEST_YEAR && *d <= today)
    };
    // A date with a part left blank: the browser gives no value for it, as for a box cleared,
    // and tells the two apart only by its validity (found by an audit in WebKit, where a date
    // typed without moving between its parts is left half done: the summary went back to 90
    // days without a word). Half done, nothing changes until the rest is typed or the box is
    // left: then it goes back to the day in use, or says the date is not used when there is none.
    let half_done =
        |input: &web_sys::HtmlInputElement| input.value().is_empty() && !input.check_validity();
    // A year still being typed: "0002" and "0020" come before "2026" (found by review: the
    // message came and went at each digit). Said only once the box is left so.
    let typing = |text: &str| Date::parse(text).is_some_and(|d| d.year < 1000);
    // Whether the box says its date is not used: set as it is typed in and as it is left.
    let since_said = use_state_eq(|| false);
    let on_since = {
        let (period, since_text, since_said) =
            (period.clone(), since_text.clone(), since_said.clone());
        Callback::from(move |e: InputEvent| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            if half_done(&input) {
                return;
            }
            let v = input.value();
            let date = usable(&v);
            match date {
                Some(date) => period.set(Period::Since(date)),
                // Cleared: back to the usual period rather than an invisible old date.
                None if v.is_empty() => period.set(Period::Days(90)),
                None => {}
            }
            since_said.set(date.is_none() && !v.is_empty() && !typing(&v));
            since_text.set(v);
        })
    };
    let on_since_left = {
        let (period, since_text, since_said) =
            (period.clone(), since_text.clone(), since_said.clone());
        Callback::from(move |e: FocusEvent| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let half = half_done(&input);
            if half && !since_text.is_empty() {
                // Back to the day in use: the box and the summary never differ.
                input.set_value(&since_text);
            }
            let v = input.value();
            if v.is_empty() && !half {
                // Emptied a part at a time (found by review: only the first part's rubbing out
                // gives the page an event): cleared.
                if matches!(*period, Period::Since(_)) {
                    period.set(Period::Days(90));
                }
                since_text.set(v.clone());
            }
            since_said.set((half && v.is_empty()) || (!v.is_empty() && usable(&v).is_none()));
        })
    };
    let since_unused = (*since_said).then(|| {
        t.since_unused().replace(
            "{earliest}",
            &d.day(Date {
                year: EARLIEST_YEAR,
                month: 1,
                day: 1,
            }),
        )
    });
    // A name typed that could not be kept is still said so in a part (or a widget) opened again.
    let name_error = {
        let diary = diary.clone();
        use_state(move || {
            diary
                .name_unkept()
                .map(|err| t.name_not_kept().replace("{reason}", &d.prefs_error(&err)))
        })
    };
    let on_name = {
        let (diary, name_error) = (diary.clone(), name_error.clone());
        Callback::from(move |e: InputEvent| {
            let name = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            // Shown, never swallowed: the name would be gone after a reload.
            name_error.set(
                diary
                    .update_prefs(&|p| p.patient_name.clone_from(&name))
                    .err()
                    .map(|err| t.name_not_kept().replace("{reason}", &d.prefs_error(&err))),
            );
        })
    };
    let article = use_node_ref();
    // The diary's notice when this part opened (said in the part the patient came from).
    let notice_at_open = (*use_state(|| diary.notice.clone())).clone();
    let behind_notice = use_node_ref();
    // Print once the next render is on screen (see on_print).
    let print_after_render = use_mut_ref(|| false);
    // The page does not let the guide print (a sandboxed frame): said by the button.
    let print_refused = use_state_eq(|| false);
    {
        let (pending, article, foot) = (print_after_render.clone(), article.clone(), foot.clone());
        let print_refused = print_refused.clone();
        use_effect(move || {
            if std::mem::take(&mut *pending.borrow_mut()) {
                let printed = crate::platform::print::print_summary(article.cast(), &foot);
                print_refused.set(!printed);
            }
        });
    }
    let redraw = use_force_update();
    {
        // The browser's own Print (Ctrl+P, the menu) after midnight: drawn for today before the
        // page is laid out for paper. The browser runs the render queued here as soon as this
        // listener returns, before it prints.
        let redraw = redraw.clone();
        use_effect_with(today, move |today| {
            let today = *today;
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "beforeprint", move |_| {
                    if clock::now().local_in(&clock::BrowserZone).date != today {
                        redraw.force_update();
                    }
                })
            });
            move || drop(listener)
        });
    }
    let on_print = {
        let (article, behind_notice, behind) = (
            article.clone(),
            behind_notice.clone(),
            diary.behind.is_some(),
        );
        let (foot, print_refused) = (foot.clone(), print_refused.clone());
        Callback::from(move |_| {
            if behind {
                // Not printed: it would leave out what the other tab saved. The notice says why.
                if let Some(n) = behind_notice.cast::<web_sys::HtmlElement>() {
                    let _focus_is_best_effort = n.focus();
                }
                return;
            }
            // Midnight passed since this was drawn: draw today's summary first, then print it.
            if clock::now().local_in(&clock::BrowserZone).date != today {
                *print_after_render.borrow_mut() = true;
                redraw.force_update();
                return;
            }
            let printed = crate::platform::print::print_summary(article.cast(), &foot);
            print_refused.set(!printed);
        })
    };

    let day = |date: Date| d.day(date);
    let sign_list = |signs: &[Sign]| -> String {
        if signs.is_empty() {
            t.none_marked().clone()
        } else {
            signs
                .iter()
                .map(|s| d.signs[s].as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let grouped = flags_by_reason(&summary);
    // "None" only where there were check-ins to have none in: an empty period says so instead.
    let none = |text: &'static String| {
        if summary.check_ins == 0 {
            t.empty_period()
        } else {
            text
        }
    };
    let others = other_effects_grouped(&summary);
    let version = c
        .sections
        .iter()
        .map(|s| s.last_reviewed.as_str())
        .max()
        .unwrap_or_default();
    let version_date = Date::parse(version)
        .map(|v| c.ui.long_date(v))
        .unwrap_or_default();
    // The numbers to call, on the printout too: a patient reads it at home. Only the numbers
    // that are set: on paper, "your local emergency number" helps nobody.
    let numbers_line = [
        (Contact::Clinic, c.ui.contacts_clinic()),
        (Contact::OutOfHours, c.ui.contacts_out_of_hours()),
        (Contact::Emergency, c.ui.contacts_emergency()),
    ]
    .iter()
    .filter_map(|(contact, label)| {
        let number = props.settings.contact(*contact)?;
        Some(format!("{label}: {number}"))
    })
    .collect::<Vec<_>>()
    .join(" \u{b7} ");

    html! {
        <div class="cg-summary-view">
            <h3 class="cg-view-title cg-no-print">{ t.summary_heading() }</h3>
            if let Some(said) = diary.behind_text(d) {
                <p class="cg-notice cg-notice-warn cg-no-print" role="alert" tabindex="-1" ref={behind_notice}>{ said }</p>
            }
            // Blocked storage, a write that failed, everything deleted in another tab: told
            // here too, where medicines, questions and the name are typed.
            <div class="cg-no-print">{ storage_notice(c, &diary, notice_at_open.as_ref()) }</div>
            <p class="cg-no-print">{ t.summary_intro() }</p>
            <div class="cg-summary-controls cg-no-print">
                <fieldset class="cg-radios">
                    <legend>{ t.period_legend() }</legend>
                    <label class="cg-check" for="cg-period-30">
                        <input type="radio" id="cg-period-30" name="cg-period" checked={*period == Period::Days(30)} onchange={choose(Period::Days(30))} />
                        <span>{ t.period_30() }</span></label>
                    <label class="cg-check" for="cg-period-90">
                        <input type="radio" id="cg-period-90" name="cg-period" checked={*period == Period::Days(90)} onchange={choose(Period::Days(90))} />
                        <span>{ t.period_90() }</span></label>
                    <label class="cg-field" for="cg-period-since"><span>{ t.period_since() }</span>
                        <input type="date" id="cg-period-since" value={(*since_text).clone()} oninput={on_since} onblur={on_since_left}
                            min={format!("{EARLIEST_YEAR}-01-01")} max={today.to_string()}
                            aria-invalid={since_unused.is_some().then_some("true")}
                            aria-describedby={since_unused.is_some().then_some("cg-period-since-error")} /></label>
                    if let Some(e) = since_unused { <p class="cg-error" id="cg-period-since-error">{ e }</p> }
                </fieldset>
                <div class="cg-field">
                    <label for="cg-patient-name">{ t.patient_name_label() }</label>
                    <input type="text" id="cg-patient-name" autocomplete="name" value={diary.prefs.patient_name.clone()} oninput={on_name}
                        maxlength={limits::PATIENT_NAME_MAX.to_string()} aria-describedby="cg-patient-name-count" />
                    { char_count(&c.diary, "cg-patient-name-count", &diary.prefs.patient_name, limits::PATIENT_NAME_MAX) }
                    // Said while the name is not kept (another tab's kept since, or all deleted: not).
                    if let Some(e) = name_error.as_ref().filter(|_| diary.prefs_unkept.is_some()) { <p class="cg-notice cg-notice-error" role="alert">{ e }</p> }
                </div>
                <button type="button" class="cg-button cg-button-primary" onclick={on_print}
                    aria-describedby={print_refused.then_some("cg-print-refused")}>{ t.print() }</button>
                if *print_refused { <p class="cg-notice cg-notice-error" id="cg-print-refused" role="alert">{ t.print_sandboxed() }</p> }
            </div>

            // On screen: the patient corrects the dates, then prints (on paper, a line for the
            // clinician in the head).
            if summary.dated_ahead > 0 {
                <p class="cg-notice cg-notice-warn cg-no-print cg-dated-ahead">{
                    c.dated_ahead(summary.dated_ahead, t.dated_after_today_one(), t.dated_after_today())
                }</p>
            }
            <article class="cg-summary" aria-labelledby="cg-summary-title" ref={article}>
                <header class="cg-summary-head">
                    <h4 id="cg-summary-title">{ t.print_title() }</h4>
                    if let Some(clinic) = &props.settings.clinic_name { <p>{ t.for_clinic().replace("{clinic}", clinic) }</p> }
                    // The numbers to call at the top, with the clinic: a printout that runs onto a
                    // second page never leaves them there alone.
                    if !numbers_line.is_empty() { <p class="cg-summary-numbers">{ numbers_line.clone() }</p> }
                    if !name.is_empty() {
                        <p>{ t.patient().replace("{name}", &name) }</p>
                    }
                    <p>{ t.covers().replace("{from}", &day(summary.from)).replace("{to}", &day(summary.to))
                        .replace("{n}", &summary.check_ins.to_string()).replace("{days}", &summary.days_with_check_ins.to_string()) }</p>
                    // Found by an audit of the printout: a check-in dated 2028 headed the page as
                    // the latest, and only the screen said why.
                    if summary.dated_ahead > 0 {
                        <p class="cg-print-only">{ counted(summary.dated_ahead, t.dated_ahead_paper_one(), t.dated_ahead_paper()) }</p>
                    }
                </header>
                // The warning signs first, before the pain and the lumps: what a clinician reads
                // first, and a long table of lumps never pushes a red flag off the first page.
                <section>
                    // Where things stand now, beside the heading of what earlier check-ins said at
                    // the time (on the heading's line on paper: no line of the one page more).
                    <div class="cg-summary-flags-head">
                        <h5>{ t.flags_heading() }</h5>
                        if let Some((date, level)) = summary.latest {
                            <p class="cg-summary-latest">{ t.latest_result().replace("{date}", &day(date)).replace("{level}", &triage.level(level).title) }</p>
                        }
                    </div>
                    if grouped.is_empty() {
                        <p>{ none(t.flags_none()) }</p>
                    } else {
                        // One heading per level, then its signs: on paper each line says what was
                        // noted, not the level again.
                        <>{ for grouped.chunk_by(|a, b| a.level == b.level).map(|same| {
                            let level = same[0].level;
                            let strong = classes!(if level >= Level::GetHelpNow { "cg-strong" } else { "" });
                            html! {
                                <>
                                    <h6 class={classes!("cg-flag-level", strong.clone())}>{ t.flag_level().replace("{level}", &triage.level(level).title) }</h6>
                                    <ul class="cg-summary-flags">
                                        { for same.iter().map(|FlagGroup { reason, dates, .. }| {
                                            // The first day (when it started) and the latest ones, "…" between
                                            // (how many in all is said before them); never for one day alone.
                                            // A day with more than one says how many.
                                            let days = days_counted(dates);
                                            let (first, hidden, latest) = elide(&days, MAX_DATES);
                                            let on_day = |&(x, n): &(Date, usize)| if n > 1 {
                                                t.date_times().replace("{date}", &day(x)).replace("{n}", &n.to_string())
                                            } else { day(x) };
                                            let shown: Vec<String> = first.iter().map(on_day)
                                                .chain((hidden > 0).then(|| "…".to_string()))
                                                .chain(latest.iter().map(on_day))
                                                .collect();
                                            let (noted, why) = triage.reason_noted(*reason);
                                            html! {
                                                <li class={strong.clone()}>
                                                    { noted }<span class="cg-flag-why">{ why }</span>{ " " }
                                                    <span class="cg-dates">{ t.flag_times().replace("{n}", &dates.len().to_string()).replace("{dates}", &shown.join(", ")) }</span>
                                                </li>
                                            }
                                        }) }
                                    </ul>
                                </>
                            }
                        }) }</>
                    }
                </section>
                <section class="cg-summary-pain">
                    <h5>{ t.pain_heading() }</h5>
                    if let Some(p) = &summary.pain {
                        <p>{ t.pain_figures().replace("{best}", &p.best.to_string()).replace("{worst}", &p.worst.to_string()).replace("{avg}", &c.ui.one_decimal(p.average)) }</p>
                        { pain_chart(&c.diary, &summary.trend, "cg-summary-chart", true) }
                    } else {
                        <p>{ match summary.last_check_in {
                            Some(last) => t.no_check_ins_last().replace("{date}", &day(last)),
                            None => t.no_check_ins().clone(),
                        } }</p>
                    }
                </section>
                if !summary.lesions.is_empty() || !summary.other_lesions.is_empty() {
                    <section>
                        <div class="cg-summary-lesions-head">
                            <h5 id="cg-summary-lesions">{ t.lesions_heading() }</h5>
                            if summary.lesions.iter().any(|l| l.observations > 1) {
                                <p class="cg-summary-note">{ t.lesions_change_note() }</p>
                            }
                        </div>
                        if !summary.lesions.is_empty() {
                        <div class="cg-table-wrap" role="region" aria-labelledby="cg-summary-lesions" tabindex="0">
                        // Roles spelt out: on a narrow screen the rows are laid out as cards (each
                        // cell under its own column's name), which would otherwise lose the table
                        // to a screen reader.
                        <table class="cg-summary-table" role="table">
                            <thead role="rowgroup"><tr role="row">
                                <th scope="col" role="columnheader">{ t.col_site() }</th><th scope="col" role="columnheader">{ t.col_first() }</th>
                                <th scope="col" role="columnheader">{ t.col_pain() }</th><th scope="col" role="columnheader">{ t.col_size() }</th>
                                <th scope="col" role="columnheader">{ t.col_flags() }</th><th scope="col" role="columnheader">{ t.col_status() }</th>
                            </tr></thead>
                            <tbody role="rowgroup">
                                { for summary.lesions.iter().map(|l| {
                                    let mut place = place_of(c, l.site, &l.name);
                                    if l.healed {
                                        let healed = match l.healed_on { Some(on) => t.healed_on().replace("{date}", &day(on)), None => t.healed_mark().clone() };
                                        place = format!("{place}, {healed}");
                                    }
                                    let pain = |p: Option<u8>| p.map(|p| p.to_string()).unwrap_or_else(|| "–".into());
                                    // First → latest in the period, when it was seen more than once (sizes
                                    // then in short words, so the page stays one page).
                                    let changed = l.observations > 1;
                                    let size = |s: Option<Size>| s.map(|s| if changed { t.size_short(s) } else { d.size(s) }).unwrap_or_else(|| "–".into());
                                    let change = |first: String, latest: String| if changed {
                                        t.lesion_change().replace("{first}", &first).replace("{latest}", &latest)
                                    } else { latest };
                                    let flags: Vec<&str> = [(l.open, t.flag_open()), (l.discharging, t.flag_discharging()), (l.red, t.flag_red()), (l.infection_signs, t.flag_infection())]
                                        .into_iter().filter(|(on, _)| *on).map(|(_, s)| s.as_str()).collect();
                                    html! {
                                        <tr role="row">
                                            <th scope="row" role="rowheader">{ place }</th>
                                            <td role="cell" data-label={t.col_first().clone()}>{ day(l.first_noted) }</td>
                                            <td role="cell" class="cg-nowrap" data-label={t.col_pain().clone()}>{ if l.pain_scores > 1 { change(pain(l.first_pain), pain(l.pain)) } else { pain(l.pain) } }</td>
                                            <td role="cell" data-label={t.col_size().clone()}>{ change(size(l.first_size), size(l.size)) }</td>
                                            <td role="cell" data-label={t.col_flags().clone()} class={classes!(l.infection_signs.then_some("cg-strong"))}>{ match (flags.is_empty(), l.marks_last_before_latest()) {
                                                (true, _) => t.none_marked().clone(),
                                                (false, Some(last)) => t.flags_last().replace("{flags}", &flags.join(" \u{b7} ")).replace("{date}", &day(last)),
                                                (false, None) => flags.join(" \u{b7} "),
                                            } }</td>
                                            <td role="cell" data-label={t.col_status().clone()}>{ format!("{}: {}", day(l.last_observed), sign_list(&l.signs)) }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                        </div>
                        }
                        if !summary.other_lesions.is_empty() {
                            <p class="cg-summary-others">{ t.lesions_others().replace("{list}", &other_lesions(c, &summary.other_lesions, &day)) }</p>
                        }
                    </section>
                }
                <div class="cg-summary-two">
                    <section>
                        <h5>{ t.side_effects_heading() }</h5>
                        if summary.side_effects.is_empty() && summary.other_side_effects.is_empty() {
                            <p>{ none(t.side_effects_none()) }</p>
                        } else {
                            <ul>
                                <>{ for summary.side_effects.iter().map(|s| html! {
                                    <li>{ &d.side_effects[&s.effect] }{ ": " }{ counted(s.count, t.noted_count_one(), t.noted_count()).replace("{date}", &day(s.last)) }</li>
                                }) }</>
                                <>{ for others.iter().take(MAX_OTHERS).map(|o| html! {
                                    <li>{ clip(&o.text, PRINT_OTHER_SIDE_EFFECT_MAX) }{ ": " }{ counted(o.count, t.noted_count_one(), t.noted_count()).replace("{date}", &day(o.last)) }</li>
                                }) }</>
                                if others.len() > MAX_OTHERS {
                                    <li>{ t.other_more().replace("{n}", &(others.len() - MAX_OTHERS).to_string()) }</li>
                                }
                            </ul>
                        }
                    </section>
                    <section>
                        <h5>{ t.meds_heading() }</h5>
                        if summary.medicines.answered == 0 {
                            <p>{ none(t.meds_none()) }</p>
                        } else {
                            <p>{ t.meds_text().replace("{missed}", &summary.medicines.missed_some.to_string())
                                .replace("{not}", &summary.medicines.not_taking.to_string())
                                .replace("{answered}", &summary.medicines.answered.to_string()) }</p>
                        }
                    </section>
                </div>
                <section class="cg-summary-noted-part">
                    <h5>{ t.noted_heading() }</h5>
                    if summary.also_noted.is_empty() && summary.daily_effect.is_none() && summary.with_notes == 0 {
                        <p>{ none(t.noted_none()) }</p>
                    } else {
                        <ul class="cg-summary-noted">
                            <>{ for summary.also_noted.iter().map(|n| {
                                let what = match n.what {
                                    Noted::Fever => t.noted_fever(),
                                    Noted::Stiffness => t.noted_stiffness(),
                                    Noted::Raynaud => t.noted_raynaud(),
                                    Noted::Sleep => t.noted_sleep(),
                                };
                                html! {
                                    <li>{ what }{ ": " }{ counted(n.count, t.noted_count_one(), t.noted_count()).replace("{date}", &day(n.last)) }</li>
                                }
                            }) }</>
                            if let Some(e) = &summary.daily_effect {
                                <li>{ counted(e.answered, t.noted_daily_one(), t.noted_daily()).replace("{worst}", &e.worst.to_string())
                                    .replace("{avg}", &c.ui.one_decimal(e.average)) }</li>
                            }
                            if summary.with_notes > 0 {
                                <li>{ counted(summary.with_notes, t.noted_notes_one(), t.noted_notes()) }</li>
                            }
                        </ul>
                    }
                </section>
                <MyMedicines printed={summary.my_medicines.clone()} />
                <Questions />
                <footer class="cg-summary-foot">
                    <p class="cg-summary-disclaimer">{ c.ui.disclaimer() }</p>{ " " }
                    <p>{ t.content_version().replace("{version}", env!("CARGO_PKG_VERSION")).replace("{date}", &version_date) }{ " " }
                        { t.made_on().replace("{date}", &day(now.local_in(&clock::BrowserZone).date)) }</p>
                </footer>
            </article>
            <ExportPanel settings={props.settings.clone()} focus_backup={props.focus_backup} />
        </div>
    }
}

/// A lump as the printout names it: the patient's name for it, cut short, and its place.
fn place_of(c: &Content, site: Site, name: &str) -> String {
    match name.trim() {
        "" => c.site_label(site).to_string(),
        name => format!(
            "{} ({})",
            clip(name, PRINT_LESION_NAME_MAX),
            c.site_label(site)
        ),
    }
}

/// The followed lumps no check-in of the period noted, in one line: each with the day it was last
/// noted, or "in no check-in"; the first few, then "and N more".
fn other_lesions(c: &Content, others: &[OtherLesion], day: &dyn Fn(Date) -> String) -> String {
    let t = &c.summary;
    let mut named: Vec<String> = others
        .iter()
        .take(MAX_OTHER_LESIONS)
        .map(|o| {
            let place = place_of(c, o.site, &o.name);
            match o.last_noted {
                Some(on) => t
                    .lesion_other_last()
                    .replace("{place}", &place)
                    .replace("{date}", &day(on)),
                None => t.lesion_other_none().replace("{place}", &place),
            }
        })
        .collect();
    if others.len() > MAX_OTHER_LESIONS {
        named.push(
            t.other_more()
                .replace("{n}", &(others.len() - MAX_OTHER_LESIONS).to_string()),
        );
    }
    named.join("; ")
}
