//! A map of the body and both hands to tap where a lump is. It is only a shortcut for pointers:
//! the plain list of sites built elsewhere is the keyboard and screen-reader way, so the whole map
//! is hidden from assistive technology and holds nothing focusable.

use std::collections::HashMap;

use web_sys::Element;
use yew::prelude::*;

use crate::core::sites::{Region, Side, Site};

#[derive(Properties, PartialEq)]
pub struct BodyMapProps {
    /// Sites to highlight: those that already have a lesion, or the one being chosen.
    pub selected: Vec<Site>,
    pub on_pick: Callback<Site>,
    /// Site id to label, shown as each region's tooltip and as the hands' captions.
    pub labels: &'static HashMap<String, String>,
    pub front_label: AttrValue,
    pub back_label: AttrValue,
    pub hands_label: AttrValue,
    /// Orientation markers above the figures.
    pub your_right: AttrValue,
    pub your_left: AttrValue,
}

/// Every drawing is 320 units wide, and no region is less than 50 units across. On a phone the
/// picture spans the widget inside its border (the `cg-bm-sheet` style), so a unit is about 1 px
/// and every target is at least 44 px for stiff, painful fingers down to a 320 px screen.
const W: i16 = 320;
const FIGURE_H: i16 = 762;
const HAND_H: i16 = 392;

const FRONT: u8 = 1;
const BACK: u8 = 2;
const BOTH: u8 = 3;

/// x, y, width, height, corner radius.
type Rect = [i16; 5];

/// The figures, as (views, region, rect). A paired region is given once, on the viewer's left,
/// and mirrored; `None` is drawn but cannot be picked (the back of the head is not a site).
#[rustfmt::skip]
const FIGURE: &[(u8, Option<Region>, Rect)] = &[
    (FRONT, Some(Region::Face), [122, 4, 76, 92, 38]),
    (BACK, None, [122, 4, 76, 92, 38]),
    (BOTH, Some(Region::Neck), [135, 99, 50, 50, 12]),
    (BOTH, Some(Region::Shoulder), [10, 152, 94, 52, 26]),
    (FRONT, Some(Region::Chest), [108, 152, 104, 52, 14]),
    (FRONT, Some(Region::Breast), [68, 208, 90, 56, 24]),
    (FRONT, Some(Region::Hip), [67, 268, 50, 76, 18]),
    (FRONT, Some(Region::Abdomen), [120, 268, 80, 76, 18]),
    (BACK, Some(Region::Back), [108, 152, 104, 52, 14]),
    (BACK, Some(Region::Back), [68, 208, 184, 76, 18]),
    (BACK, Some(Region::Buttock), [68, 288, 90, 56, 24]),
    (BOTH, Some(Region::UpperArm), [10, 208, 52, 92, 22]),
    (BOTH, Some(Region::Elbow), [10, 303, 52, 50, 22]),
    (BOTH, Some(Region::Forearm), [12, 356, 50, 88, 20]),
    (BOTH, Some(Region::Wrist), [12, 447, 50, 50, 16]),
    (FRONT, Some(Region::Palm), [8, 500, 56, 68, 24]),
    (BACK, Some(Region::BackOfHand), [8, 500, 56, 68, 24]),
    (BOTH, Some(Region::Thigh), [72, 348, 84, 100, 24]),
    (BOTH, Some(Region::Knee), [80, 452, 68, 52, 24]),
    (BOTH, Some(Region::LowerLeg), [84, 508, 60, 92, 24]),
    (BOTH, Some(Region::Ankle), [88, 603, 52, 50, 16]),
    (FRONT, Some(Region::Foot), [80, 656, 68, 50, 20]),
    (FRONT, Some(Region::Toes), [80, 709, 68, 50, 22]),
    (BACK, Some(Region::Foot), [80, 656, 68, 102, 24]),
];

/// Fingers of a hand drawn thumb-right, from the left, with the top of each fingertip.
const FINGERS: [(Region, i16); 4] = [
    (Region::LittleFinger, 70),
    (Region::RingFinger, 34),
    (Region::MiddleFinger, 16),
    (Region::IndexFinger, 30),
];
const PALM: Rect = [12, 160, 212, 168, 22];
const HAND_WRIST: Rect = [40, 332, 156, 56, 16];
const THUMB: Rect = [222, 196, 52, 124, 26];
/// The thumb leans out from the palm, turned about a point just inside its base.
const THUMB_TURN: (i16, i16, i16) = (20, 220, 320);

fn mirror([x, y, w, h, r]: Rect) -> Rect {
    [W - x - w, y, w, h, r]
}

/// Draws shapes with their labels and highlights.
struct Painter<'a> {
    labels: &'a HashMap<String, String>,
    selected: &'a [Site],
}

impl Painter<'_> {
    fn label(&self, site: Site) -> String {
        let id = site.id();
        self.labels.get(&id).cloned().unwrap_or(id)
    }

    /// A pickable region (or, without a site, a plain shape), marked with a dot when selected.
    fn shape(&self, site: Option<Site>, [x, y, w, h, r]: Rect, turn: Option<AttrValue>) -> Html {
        let on = site.is_some_and(|s| self.selected.contains(&s));
        let class = match site {
            Some(_) => classes!("cg-bm-region", on.then_some("cg-bm-selected")),
            None => classes!("cg-bm-inert"),
        };
        html! {
            <>
                <rect {class} data-site={site.map(Site::id)} x={x.to_string()} y={y.to_string()} width={w.to_string()}
                    height={h.to_string()} rx={r.to_string()} transform={turn.clone()}>
                    if let Some(s) = site { <title>{ self.label(s) }</title> }
                </rect>
                if on {
                    <circle class="cg-bm-dot" cx={(x + w / 2).to_string()}
                        cy={(y + h / 2).to_string()} r="9" transform={turn} />
                }
            </>
        }
    }

    fn figure(&self, view: u8) -> Html {
        // Seen from the front, the patient's right is on the viewer's left; from the back, not.
        let (near, far) = match view {
            FRONT => (Side::Right, Side::Left),
            _ => (Side::Left, Side::Right),
        };
        let parts = FIGURE
            .iter()
            .filter(|p| p.0 & view != 0)
            .map(|&(_, region, rect)| {
                let Some(region) = region else {
                    return self.shape(None, rect, None);
                };
                if !region.paired() {
                    return self.shape(Site::new(region, None), rect, None);
                }
                html! {
                    <>
                        { self.shape(Site::new(region, Some(near)), rect, None) }
                        { self.shape(Site::new(region, Some(far)), mirror(rect), None) }
                    </>
                }
            });
        html! {
            <svg class="cg-bm-svg" viewBox={format!("0 0 {W} {FIGURE_H}")} width={W.to_string()}
                height={FIGURE_H.to_string()}>
                { for parts }
            </svg>
        }
    }

    /// One hand seen by its owner, fingers up: the palm has the thumb outwards, the back inwards.
    fn hand(&self, side: Side, palm: bool) -> Html {
        let flip = (side == Side::Right) != palm;
        let place = |r: Rect| if flip { mirror(r) } else { r };
        let site = |region: Region| Site::new(region, Some(side));
        let fingers = FINGERS.iter().zip(0..).map(|(&(region, top), i)| {
            let rect @ [x, y, w, ..] = place([12 + 54 * i, top, 50, 156 - top, 25]);
            let nail = (!palm).then(|| {
                html! {
                    <rect class="cg-bm-nail" x={(x + 10).to_string()} y={(y + 8).to_string()}
                        width={(w - 20).to_string()} height="30" rx="10" />
                }
            });
            html! { <>{ self.shape(site(region), rect, None) }{ nail }</> }
        });
        let (angle, cx, cy) = THUMB_TURN;
        let turn = match flip {
            false => format!("rotate({angle} {cx} {cy})"),
            true => format!("rotate(-{angle} {} {cy})", W - cx),
        };
        let (face, row) = match palm {
            true => (Region::Palm, "cg-bm-hand-palm"),
            false => (Region::BackOfHand, "cg-bm-hand-back"),
        };
        let column = match side {
            Side::Right => "cg-bm-hand-right",
            Side::Left => "cg-bm-hand-left",
        };
        html! {
            <div class={classes!("cg-bm-hand", row, column)}>
                <div class="cg-bm-caption">{ site(face).map(|s| self.label(s)) }</div>
                <svg class="cg-bm-svg" viewBox={format!("0 0 {W} {HAND_H}")} width={W.to_string()}
                    height={HAND_H.to_string()}>
                    <>{ for fingers }</>
                    { self.shape(site(Region::Thumb), place(THUMB), Some(turn.into())) }
                    { self.shape(site(face), place(PALM), None) }
                    { self.shape(site(Region::Wrist), place(HAND_WRIST), None) }
                </svg>
            </div>
        }
    }
}

fn heading(title: &AttrValue, left: &AttrValue, right: &AttrValue) -> Html {
    html! {
        <div class="cg-bm-head">
            <span>{ left }</span>
            <strong class="cg-bm-title">{ title }</strong>
            <span>{ right }</span>
        </div>
    }
}

/// Front and back figures and both hands (palm and back); tapping a region picks its site.
pub fn body_map(props: &BodyMapProps) -> Html {
    // One listener for the whole map: the tapped shape says which site it is.
    let on_click = {
        let on_pick = props.on_pick.clone();
        Callback::from(move |e: MouseEvent| {
            let site = e
                .target_dyn_into::<Element>()
                .and_then(|t| t.closest("[data-site]").ok().flatten())
                .and_then(|el| el.get_attribute("data-site"))
                .and_then(|id| Site::parse(&id));
            if let Some(site) = site {
                on_pick.emit(site);
            }
        })
    };
    let p = Painter {
        labels: props.labels,
        selected: &props.selected,
    };
    let hands = [
        (Side::Right, true),
        (Side::Left, true),
        (Side::Right, false),
        (Side::Left, false),
    ];
    html! {
        <div class="cg-bm" aria-hidden="true" onclick={on_click}>
            <div class="cg-bm-layout">
                <div class="cg-bm-panel">
                    { heading(&props.front_label, &props.your_right, &props.your_left) }
                    { p.figure(FRONT) }
                </div>
                <div class="cg-bm-panel">
                    { heading(&props.back_label, &props.your_left, &props.your_right) }
                    { p.figure(BACK) }
                </div>
                <div class="cg-bm-panel cg-bm-hands">
                    <div class="cg-bm-head"><strong class="cg-bm-title">{ &props.hands_label }</strong></div>
                    <div class="cg-bm-hand-grid">
                        { for hands.iter().map(|&(side, palm)| p.hand(side, palm)) }
                    </div>
                </div>
            </div>
        </div>
    }
}
