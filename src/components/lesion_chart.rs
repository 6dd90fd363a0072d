use yew::prelude::*;

use crate::core::content::DiaryUi;
use crate::core::lesion_trend::{size_level, LesionTrend};
use crate::core::time::civil_from_days;
use crate::core::trend::gap_between;

// Narrower than the overall chart: on a phone the drawing is scaled down less.
const W: f32 = 480.0;
const H: f32 = 260.0;
const LEFT: f32 = 40.0;
const RIGHT: f32 = 96.0;
const TOP: f32 = 14.0;
const BOTTOM: f32 = 48.0;

/// Pain as a line (0-10, left), size as a dashed line (grain of rice to walnut, right) and days
/// with an open sore as marks along the bottom. A gap in what was noted stays a gap. Colours
/// come from the stylesheet, so it prints in black and white too. `id` names the caption (unique
/// on the page); `place` is the lesion's name or site words, named in the chart's label.
pub fn lesion_chart(t: &DiaryUi, trend: &LesionTrend, id: &str, place: &str) -> Html {
    let span = (trend.last_day - trend.first_day + 1).max(1) as f32;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x = |day: i64| {
        LEFT + ((day - trend.first_day) as f32 + 0.5 * trend.bucket_days as f32) / span * plot_w
    };
    let y = |pain: f32| TOP + plot_h - pain / 10.0 * plot_h;
    // Size levels 1-4 share the height of pain 2.5-10.
    let y_size = |level: u8| y(f32::from(level) * 2.5);
    let n = |v: f32| (v as i32).to_string();
    // One polyline per run of points that have a value, so a missing value is not bridged, nor
    // weeks without a check-in (`trend::gap_between`).
    let runs = |values: Vec<(i64, Option<f32>)>| -> Vec<String> {
        let mut runs = vec![String::new()];
        let mut last_day = None;
        for (day, v) in values {
            match v {
                Some(v) => {
                    if last_day.is_some_and(|d| gap_between(d, day, trend.bucket_days)) {
                        runs.push(String::new());
                    }
                    last_day = Some(day);
                    runs.last_mut()
                        .expect("one run")
                        .push_str(&format!("{},{} ", n(x(day)), n(v)))
                }
                None if !runs.last().expect("one run").is_empty() => runs.push(String::new()),
                None => {}
            }
        }
        runs.retain(|r| !r.is_empty());
        runs
    };
    let pain_runs = runs(
        trend
            .points
            .iter()
            .map(|p| (p.day, p.pain.map(y)))
            .collect(),
    );
    let size_runs = runs(
        trend
            .points
            .iter()
            .map(|p| (p.day, p.size.map(|s| y_size(size_level(s)))))
            .collect(),
    );
    let mark_w = (trend.bucket_days as f32 / span * plot_w * 0.8).clamp(2.0, 14.0);
    let day_label = |day: i64| t.day(civil_from_days(day));
    let caption_id = format!("{id}-caption");
    // Its name says which lump and what the lines are; the caption under it is read once more,
    // as the pain chart's is, and not a third time as its description.
    let label = format!("{place}: {}", t.lesion_trend_caption());
    html! {
        <figure class="cg-chart cg-mylesion-chart">
            <svg viewBox={format!("0 0 {} {}", W as i32, H as i32)} role="img" aria-label={label} focusable="false">
                <>{ for [0u8, 5, 10].iter().map(|v| html! {
                    <g class="cg-axis">
                        <line x1={n(LEFT)} x2={n(W - RIGHT)} y1={n(y(f32::from(*v)))} y2={n(y(f32::from(*v)))} />
                        <text x={n(LEFT - 6.0)} y={n(y(f32::from(*v)) + 6.0)} text-anchor="end">{ *v }</text>
                    </g>
                }) }</>
                <>{ for t.lesion_size_axis.iter().enumerate().map(|(i, word)| html! {
                    <text class="cg-axis-size" x={n(W - 2.0)} y={n(y_size(i as u8 + 1) + 6.0)} text-anchor="end">{ word }</text>
                }) }</>
                <>{ for trend.points.iter().filter(|p| p.open_days > 0).map(|p| html! {
                    <rect class="cg-bar" x={n(x(p.day) - mark_w / 2.0)} y={n(TOP + plot_h + 4.0)} width={n(mark_w)} height="8" />
                }) }</>
                <>{ for size_runs.into_iter().map(|points| html! { <polyline class="cg-line-size" {points} /> }) }</>
                <>{ for pain_runs.into_iter().map(|points| html! { <polyline class="cg-line" {points} /> }) }</>
                <>{ for trend.points.iter().filter_map(|p| p.pain.map(|v| (p.day, v))).map(|(day, v)| html! {
                    <circle class="cg-dot" cx={n(x(day))} cy={n(y(v))} r="3" />
                }) }</>
                <text class="cg-axis-date" x={n(LEFT)} y={n(H - 4.0)}>{ day_label(trend.first_day) }</text>
                <text class="cg-axis-date" x={n(W - RIGHT)} y={n(H - 4.0)} text-anchor="end">{ day_label(trend.last_day) }</text>
            </svg>
            <figcaption id={caption_id}>{ t.lesion_trend_caption() }</figcaption>
        </figure>
    }
}
