use yew::prelude::*;

use crate::core::content::DiaryUi;
use crate::core::time::civil_from_days;
use crate::core::trend::Trend;

const W: f32 = 640.0;
const H: f32 = 240.0;
const LEFT: f32 = 36.0;
const RIGHT: f32 = 12.0;
const TOP: f32 = 12.0;
const BOTTOM: f32 = 28.0;

/// Average pain as a line and open sores as bars, drawn from a computed trend. No inline styles:
/// colours come from the stylesheet, so it prints in black and white too. `id` names the
/// caption, unique on the page.
pub fn pain_chart(t: &DiaryUi, trend: &Trend, id: &str) -> Html {
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
    let has_bars = trend.points.iter().any(|p| p.open_sores > 0);
    let bar_w = (trend.bucket_days as f32 / span * plot_w * 0.6).clamp(1.0, 14.0);
    let line: String = trend
        .points
        .iter()
        .map(|p| format!("{},{} ", x(p.day) as i32, y(p.pain) as i32))
        .collect();
    let day_label = |day: i64| t.day(civil_from_days(day));
    let caption_id = format!("{id}-caption");
    let n = |v: f32| (v as i32).to_string();
    html! {
        <figure class="cg-chart">
            <svg viewBox={format!("0 0 {} {}", W as i32, H as i32)} role="img" aria-labelledby={caption_id.clone()} focusable="false">
                <>{ for [0u8, 5, 10].iter().map(|v| html! {
                    <g class="cg-axis">
                        <line x1={n(LEFT)} x2={n(W - RIGHT)} y1={n(y(f32::from(*v)))} y2={n(y(f32::from(*v)))} />
                        <text x={n(LEFT - 6.0)} y={n(y(f32::from(*v)) + 4.0)} text-anchor="end">{ *v }</text>
                    </g>
                }) }</>
                <>{ for trend.points.iter().filter(|p| p.open_sores > 0).map(|p| {
                    let h = p.open_sores as f32 / most_sores * plot_h * 0.5;
                    html! { <rect class="cg-bar" x={n(x(p.day) - bar_w / 2.0)} y={n(TOP + plot_h - h)}
                        width={n(bar_w.max(1.0))} height={n(h.max(1.0))} /> }
                }) }</>
                <polyline class="cg-line" points={line} />
                <>{ for trend.points.iter().map(|p| html! {
                    <circle class="cg-dot" cx={n(x(p.day))} cy={n(y(p.pain))} r="3" />
                }) }</>
                <text class="cg-axis-date" x={n(LEFT)} y={n(H - 8.0)}>{ day_label(trend.first_day) }</text>
                <text class="cg-axis-date" x={n(W - RIGHT)} y={n(H - 8.0)} text-anchor="end">{ day_label(trend.last_day) }</text>
            </svg>
            // The bars have no axis of their own: the caption gives their scale.
            <figcaption id={caption_id}>{ t.trend_caption() }
                if has_bars { { " " }{ t.trend_bars().replace("{n}", &n(most_sores)) } }</figcaption>
        </figure>
    }
}
