use yew::prelude::*;

use crate::core::content::DiaryUi;
use crate::core::time::civil_from_days;
use crate::core::trend::Trend;

/// Where a chart is drawn, in its own units (its viewBox), and how its marks sit: the axis labels'
/// font size is set in the stylesheet, in the same units.
struct Shape {
    w: f32,
    h: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    /// From a grid line to its label's baseline, and from the foot to the dates' baseline.
    label_dy: f32,
    date_up: f32,
    dot: f32,
    bar_max: f32,
    class: &'static str,
}

/// On screen: 640 wide, shown at about the width of the widget.
const SCREEN: Shape = Shape {
    w: 640.0,
    h: 240.0,
    left: 36.0,
    right: 12.0,
    top: 12.0,
    bottom: 28.0,
    label_dy: 4.0,
    date_up: 8.0,
    dot: 3.0,
    bar_max: 14.0,
    class: "cg-chart-screen",
};

/// On paper: beside the section's heading and figures, two thirds of the page wide (about 120 mm)
/// and short, so that it takes little of the one page, with labels at about 8 pt (16 units,
/// 91-print-summary.css). The screen's drawing, kept to a strip, printed 4 cm wide with 2 pt labels.
const PAPER: Shape = Shape {
    w: 700.0,
    h: 125.0,
    left: 30.0,
    right: 6.0,
    top: 14.0,
    bottom: 28.0,
    label_dy: 5.0,
    date_up: 7.0,
    dot: 2.0,
    bar_max: 14.0,
    class: "cg-chart-paper",
};

/// Average pain as a line and open sores as bars, drawn from a computed trend. No inline styles:
/// colours come from the stylesheet, so it prints in black and white too. `id` names the
/// caption, unique on the page. With `paper`, a second drawing for print, wider and shorter, is
/// shown in print instead of the screen's (the summary's; 91-print-summary.css).
pub fn pain_chart(t: &DiaryUi, trend: &Trend, id: &str, paper: bool) -> Html {
    let caption_id = format!("{id}-caption");
    let most_sores = trend
        .points
        .iter()
        .map(|p| p.open_sores)
        .max()
        .unwrap_or(0)
        .max(1);
    let has_bars = trend.points.iter().any(|p| p.open_sores > 0);
    let has_gap = trend.has_gap();
    html! {
        <figure class="cg-chart">
            { drawing(t, trend, &SCREEN, &caption_id, most_sores) }
            if paper { { drawing(t, trend, &PAPER, &caption_id, most_sores) } }
            // The bars have no axis of their own: the caption gives their scale.
            <figcaption id={caption_id}>{ t.trend_caption() }
                if has_bars { { " " }{ t.trend_bars().replace("{n}", &most_sores.to_string()) } }
                if has_gap { { " " }{ t.trend_gap() } }</figcaption>
        </figure>
    }
}

fn drawing(t: &DiaryUi, trend: &Trend, s: &Shape, caption_id: &str, most_sores: usize) -> Html {
    let span = (trend.last_day - trend.first_day + 1).max(1) as f32;
    let plot_w = s.w - s.left - s.right;
    let plot_h = s.h - s.top - s.bottom;
    let x = |day: i64| {
        s.left + ((day - trend.first_day) as f32 + 0.5 * trend.bucket_days as f32) / span * plot_w
    };
    let y = |pain: f32| s.top + plot_h - pain / 10.0 * plot_h;
    let most_sores = most_sores as f32;
    // Not `clamp`: with a bound that is not a constant, its check (and the float formatting of
    // its panic message, 12 KB) would ship.
    let bar_w = (trend.bucket_days as f32 / span * plot_w * 0.6)
        .min(s.bar_max)
        .max(1.0);
    // One line per run of check-ins: broken where weeks went by without one (`Trend::runs`).
    let lines: Vec<String> = trend
        .runs()
        .into_iter()
        .filter(|run| run.len() > 1)
        .map(|run| {
            run.iter()
                .map(|p| format!("{},{} ", x(p.day) as i32, y(p.pain) as i32))
                .collect()
        })
        .collect();
    let day_label = |day: i64| t.day(civil_from_days(day));
    let n = |v: f32| (v as i32).to_string();
    html! {
        <svg class={s.class} viewBox={format!("0 0 {} {}", s.w as i32, s.h as i32)} role="img" aria-labelledby={caption_id.to_string()} focusable="false">
            <>{ for [0u8, 5, 10].iter().map(|v| html! {
                <g class="cg-axis">
                    <line x1={n(s.left)} x2={n(s.w - s.right)} y1={n(y(f32::from(*v)))} y2={n(y(f32::from(*v)))} />
                    <text x={n(s.left - 6.0)} y={n(y(f32::from(*v)) + s.label_dy)} text-anchor="end">{ *v }</text>
                </g>
            }) }</>
            <>{ for trend.points.iter().filter(|p| p.open_sores > 0).map(|p| {
                let h = p.open_sores as f32 / most_sores * plot_h * 0.5;
                html! { <rect class="cg-bar" x={n(x(p.day) - bar_w / 2.0)} y={n(s.top + plot_h - h)}
                    width={n(bar_w)} height={n(h.max(1.0))} /> }
            }) }</>
            <>{ for lines.into_iter().map(|line| html! { <polyline class="cg-line" points={line} /> }) }</>
            <>{ for trend.points.iter().map(|p| html! {
                <circle class="cg-dot" cx={n(x(p.day))} cy={n(y(p.pain))} r={n(s.dot)} />
            }) }</>
            <text class="cg-axis-date" x={n(s.left)} y={n(s.h - s.date_up)}>{ day_label(trend.first_day) }</text>
            <text class="cg-axis-date" x={n(s.w - s.right)} y={n(s.h - s.date_up)} text-anchor="end">{ day_label(trend.last_day) }</text>
        </svg>
    }
}
