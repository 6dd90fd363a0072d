use yew::prelude::*;

use crate::components::diary_provider::use_diary;
use crate::components::i18n::use_content;
use crate::core::time::civil_from_days;
use crate::core::trend::{trend, Range};
use crate::platform::clock;

const W: f32 = 640.0;
const H: f32 = 240.0;
const LEFT: f32 = 36.0;
const RIGHT: f32 = 12.0;
const TOP: f32 = 12.0;
const BOTTOM: f32 = 28.0;

/// Overall pain (line) and open sores (bars) over 30 days, 90 days, a year or all, with a
/// table of the same numbers for screen readers and anyone who prefers it.
#[component]
pub fn TrendChart() -> Html {
    let c = use_content();
    let t = &c.diary;
    let diary = use_diary();
    let range = use_state(|| Range::Days30);
    let now = clock::now();
    let trend = {
        let (d, r) = (diary.diary.clone(), *range);
        use_memo((d, r), move |(d, r)| {
            trend(d, *r, now, clock::offset_min(now))
        })
    };
    let labels = [
        (Range::Days30, &t.range_30),
        (Range::Days90, &t.range_90),
        (Range::Year, &t.range_year),
        (Range::All, &t.range_all),
    ];

    let span = (trend.last_day - trend.first_day + 1).max(1) as f32;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x = |day: i64| {
        LEFT + ((day - trend.first_day) as f32 + 0.5 * trend.bucket_days as f32) / span * plot_w
    };
    let y = |pain: f32| TOP + plot_h - pain / 10.0 * plot_h;
    let most_sores = trend
        .points
        .iter()
        .map(|p| p.open_sores)
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let bar_w = (trend.bucket_days as f32 / span * plot_w * 0.6).clamp(1.0, 14.0);
    let line: String = trend
        .points
        .iter()
        .map(|p| format!("{:.1},{:.1} ", x(p.day), y(p.pain)))
        .collect();
    let day_label = |day: i64| t.day(civil_from_days(day));
    let period = |day: i64| match trend.bucket_days {
        1 => day_label(day),
        7 => t.week_of.replace("{date}", &day_label(day)),
        _ => t.month_of.replace("{date}", &day_label(day)),
    };

    html! {
        <section class="cg-trend" aria-labelledby="cg-trend-heading">
            <h4 id="cg-trend-heading">{ &t.trend_heading }</h4>
            <div class="cg-ranges" role="group" aria-label={t.ranges_label.clone()}>
                { for labels.iter().map(|(r, label)| {
                    let (state, r) = (range.clone(), *r);
                    html! {
                        <button type="button" class="cg-button cg-range" aria-pressed={(*range == r).to_string()}
                            onclick={Callback::from(move |_| state.set(r))}>{ label }</button>
                    }
                }) }
            </div>
            if trend.points.is_empty() {
                <p>{ &t.trend_empty }</p>
            } else {
                <figure class="cg-chart">
                    <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-labelledby="cg-trend-caption" focusable="false">
                        { for [0.0f32, 5.0, 10.0].iter().map(|v| html! {
                            <g class="cg-axis">
                                <line x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={y(*v).to_string()} y2={y(*v).to_string()} />
                                <text x={(LEFT - 6.0).to_string()} y={(y(*v) + 4.0).to_string()} text-anchor="end">{ *v as u8 }</text>
                            </g>
                        }) }
                        { for trend.points.iter().filter(|p| p.open_sores > 0).map(|p| {
                            let h = p.open_sores as f32 / most_sores * plot_h * 0.5;
                            html! { <rect class="cg-bar" x={(x(p.day) - bar_w / 2.0).to_string()} y={(TOP + plot_h - h).to_string()}
                                width={bar_w.to_string()} height={h.to_string()} /> }
                        }) }
                        <polyline class="cg-line" points={line} />
                        { for trend.points.iter().map(|p| html! {
                            <circle class="cg-dot" cx={x(p.day).to_string()} cy={y(p.pain).to_string()} r="3" />
                        }) }
                        <text class="cg-axis-date" x={LEFT.to_string()} y={(H - 8.0).to_string()}>{ day_label(trend.first_day) }</text>
                        <text class="cg-axis-date" x={(W - RIGHT).to_string()} y={(H - 8.0).to_string()} text-anchor="end">{ day_label(trend.last_day) }</text>
                    </svg>
                    <figcaption id="cg-trend-caption">{ &t.trend_caption }</figcaption>
                </figure>
                <details class="cg-trend-table">
                    <summary>{ &t.trend_table }</summary>
                    <table>
                        <thead><tr>
                            <th scope="col">{ &t.col_period }</th><th scope="col">{ &t.col_pain }</th>
                            <th scope="col">{ &t.col_worst }</th><th scope="col">{ &t.col_sores }</th><th scope="col">{ &t.col_count }</th>
                        </tr></thead>
                        <tbody>
                            { for trend.points.iter().rev().map(|p| html! {
                                <tr><th scope="row">{ period(p.day) }</th><td>{ format!("{:.1}", p.pain) }</td>
                                    <td>{ p.worst_pain }</td><td>{ p.open_sores }</td><td>{ p.check_ins }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </details>
            }
        </section>
    }
}
