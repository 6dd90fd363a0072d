use yew::prelude::*;

use crate::components::diary_provider::use_diary;
use crate::components::disclosure::use_details_open;
use crate::components::i18n::use_content;
use crate::components::pain_chart::pain_chart;
use crate::core::time::civil_from_days;
use crate::core::trend::{trend, Range};
use crate::platform::clock;

/// Overall pain (line) and open sores (bars) over 30 days, 90 days, a year or all, with a
/// table of the same numbers for screen readers and anyone who prefers it. The table's rows
/// are drawn only while it is open: with "All" on a ten-year diary they are a third of the
/// diary's markup, drawn again after every save.
#[component]
pub fn TrendChart() -> Html {
    let c = use_content();
    let t = &c.diary;
    let diary = use_diary();
    let range = use_state(|| Range::Days30);
    // The table is built only once it is opened.
    let (table_open, on_toggle) = use_details_open();
    let now = clock::now();
    // The day is part of what the chart is drawn from (see SummaryView).
    let today = now.local_in(&clock::BrowserZone).date;
    let trend = {
        let (d, r) = (diary.diary.clone(), *range);
        use_memo((d, r, today), move |(d, r, _)| {
            trend(d, *r, now, &clock::BrowserZone)
        })
    };
    let labels = [
        (Range::Days30, t.range_30()),
        (Range::Days90, t.range_90()),
        (Range::Year, t.range_year()),
        (Range::All, t.range_all()),
    ];

    let day_label = |day: i64| t.day(civil_from_days(day));
    let period = |day: i64| match trend.bucket_days {
        1 => day_label(day),
        7 => t.week_of().replace("{date}", &day_label(day)),
        _ => t.month_of().replace("{date}", &day_label(day)),
    };

    html! {
        <section class="cg-trend" aria-labelledby="cg-trend-heading">
            <h4 id="cg-trend-heading">{ t.trend_heading() }</h4>
            <div class="cg-ranges" role="group" aria-label={t.ranges_label().clone()}>
                { for labels.iter().map(|(r, label)| {
                    let (state, r) = (range.clone(), *r);
                    html! {
                        <button type="button" class="cg-button cg-range" aria-pressed={(*range == r).to_string()}
                            onclick={Callback::from(move |_| state.set(r))}>{ label }</button>
                    }
                }) }
            </div>
            if trend.points.is_empty() {
                <p>{ t.trend_empty() }</p>
            } else {
                { pain_chart(t, &trend, "cg-trend", false) }
                <details class="cg-trend-table" ontoggle={on_toggle}>
                    <summary>{ t.trend_table() }</summary>
                    if table_open {
                        <table>
                            <thead><tr>
                                <th scope="col">{ t.col_period() }</th><th scope="col">{ t.col_pain() }</th>
                                <th scope="col">{ t.col_worst() }</th><th scope="col">{ t.col_sores() }</th><th scope="col">{ t.col_count() }</th>
                            </tr></thead>
                            <tbody>
                                { for trend.points.iter().rev().map(|p| html! {
                                    <tr><th scope="row">{ period(p.day) }</th><td>{ c.ui.one_decimal(p.pain) }</td>
                                        <td>{ p.worst_pain }</td><td>{ p.open_sores }</td><td>{ p.check_ins }</td></tr>
                                }) }
                            </tbody>
                        </table>
                    }
                </details>
            }
        </section>
    }
}
