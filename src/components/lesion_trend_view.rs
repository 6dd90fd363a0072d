use yew::prelude::*;

use crate::components::diary_provider::use_diary;
use crate::components::disclosure::use_details_open;
use crate::components::i18n::use_content;
use crate::components::lesion_chart::lesion_chart;
use crate::core::content::counted;
use crate::core::lesion_trend::{lesion_trend, Seen};
use crate::core::time::civil_from_days;
use crate::core::trend::Range;
use crate::platform::clock;

#[derive(Properties, PartialEq)]
pub struct LesionTrendViewProps {
    /// The lesion's id.
    pub lesion: AttrValue,
    /// Its name or site words, for the chart's label.
    pub place: AttrValue,
}

/// One lesion's pain and size over time (a chart and the same numbers as a table), how it was
/// first and last in words, and the number of days it was an open sore.
#[component]
pub fn LesionTrendView(props: &LesionTrendViewProps) -> Html {
    let c = use_content();
    let t = &c.diary;
    let diary = use_diary();
    let range = use_state(|| Range::All);
    // The table is built only once it is opened (as in TrendChart).
    let (table_open, on_toggle) = use_details_open();
    let now = clock::now();
    // The day is part of what the chart is drawn from (see SummaryView).
    let today = now.local_in(&clock::BrowserZone).date;
    let trend = {
        let (d, id, r) = (diary.diary.clone(), props.lesion.clone(), *range);
        use_memo((d, id, r, today), move |(d, id, r, _)| {
            lesion_trend(d, id, *r, now, &clock::BrowserZone)
        })
    };
    let base = format!("cg-mylesion-{}", props.lesion);
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
    let size_words = |s: &Seen| {
        s.size
            .map_or_else(|| t.lesion_size_not_noted().clone(), |z| t.size(z))
    };
    let pain_words = |s: &Seen| {
        s.pain.map_or_else(
            || t.lesion_pain_not_noted().clone(),
            |p| t.pain_short().replace("{n}", &p.to_string()),
        )
    };
    let state = |label: &str, s: &Seen| {
        html! {
            <div class="cg-mylesion-seen">
                <p class="cg-strong">{ label.replace("{date}", &day_label(s.day)) }</p>
                <p>{ size_words(s) }</p>
                <p>{ pain_words(s) }</p>
            </div>
        }
    };
    let open_cell = |open_days: usize| match (trend.bucket_days, open_days) {
        (1, 0) => t.lesion_open_no().clone(),
        (1, _) => t.lesion_open_yes().clone(),
        (_, n) => counted(n, t.lesion_open_some_one(), t.lesion_open_some()),
    };

    html! {
        <section class="cg-mylesion-trend-view" aria-labelledby={format!("{base}-trend-heading")}>
            <h6 id={format!("{base}-trend-heading")}>{ t.lesion_trend_heading() }</h6>
            <div class="cg-ranges" role="group" aria-label={t.ranges_label().clone()}>
                { for labels.iter().map(|(r, label)| {
                    let (state, r) = (range.clone(), *r);
                    html! {
                        <button type="button" class="cg-button cg-range" aria-pressed={(*range == r).to_string()}
                            onclick={Callback::from(move |_| state.set(r))}>{ label }</button>
                    }
                }) }
            </div>
            if let (Some(first), Some(latest)) = (trend.first, trend.latest) {
                <div class="cg-mylesion-first-latest">
                    { state(t.lesion_first(), &first) }
                    { state(t.lesion_latest(), &latest) }
                </div>
                <p class="cg-mylesion-change">
                    { t.lesion_change().replace("{first}", &size_words(&first)).replace("{latest}", &size_words(&latest)) }
                    <br />
                    { t.lesion_change().replace("{first}", &pain_words(&first)).replace("{latest}", &pain_words(&latest)) }
                </p>
                <p class="cg-mylesion-open-days">{ t.lesion_open_days().replace("{n}", &trend.open_sore_days.to_string()) }</p>
                { lesion_chart(t, &trend, &format!("{base}-chart"), &props.place) }
                <details class="cg-trend-table" ontoggle={on_toggle}>
                    <summary id={format!("{base}-table-label")}>{ t.trend_table() }</summary>
                    if table_open {
                        // Scrolls on its own where its dates cannot wrap (a phone, with the
                        // patient's own wider text spacing), never the page.
                        <div class="cg-table-wrap" role="region" aria-labelledby={format!("{base}-table-label")} tabindex="0">
                        <table>
                            <thead><tr>
                                <th scope="col">{ t.col_period() }</th><th scope="col">{ t.lesion_col_pain() }</th>
                                <th scope="col">{ t.lesion_col_size() }</th><th scope="col">{ t.lesion_col_open() }</th>
                            </tr></thead>
                            <tbody>
                                { for trend.points.iter().rev().map(|p| html! {
                                    <tr><th scope="row">{ period(p.day) }</th>
                                        <td>{ p.pain.map_or_else(|| "–".to_string(), |v| c.ui.one_decimal(v)) }</td>
                                        <td>{ p.size.map_or_else(|| "–".to_string(), |s| t.size(s)) }</td>
                                        <td>{ open_cell(p.open_days) }</td></tr>
                                }) }
                            </tbody>
                        </table>
                        </div>
                    }
                </details>
            } else {
                <p>{ t.lesion_trend_empty() }</p>
            }
        </section>
    }
}
