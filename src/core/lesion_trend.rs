//! One lesion over time: its pain and size per day (or week, or month for long ranges), how it
//! was when first and last seen, and on how many days it was an open sore. Computed from the
//! diary for the lesion's chart, its table and the words "about a pea → about a grain of rice".

use super::diary::{CheckIn, Diary, Sign, Size};
use super::time::{Instant, Zone};
use super::trend::{bucket_days, Range};

/// How the lesion was at one check-in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seen {
    pub at: Instant,
    /// Local day, as days since 1970-01-01.
    pub day: i64,
    pub pain: Option<u8>,
    pub size: Option<Size>,
    pub open: bool,
}

/// One bucket of check-ins that observed the lesion.
#[derive(Clone, Debug, PartialEq)]
pub struct LesionPoint {
    /// First local day of the bucket, as days since 1970-01-01.
    pub day: i64,
    /// Mean pain of the observations that gave one; `None` when none did.
    pub pain: Option<f32>,
    /// The latest size given in the bucket.
    pub size: Option<Size>,
    /// Local days in the bucket on which it was an open sore.
    pub open_days: usize,
    /// Check-ins in the bucket that observed it.
    pub check_ins: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LesionTrend {
    /// Days per bucket: 1, 7 or 30 (as in the overall trend).
    pub bucket_days: i64,
    /// The range shown, as local days since 1970-01-01, inclusive.
    pub first_day: i64,
    pub last_day: i64,
    /// Buckets with observations, oldest first (gaps stay gaps).
    pub points: Vec<LesionPoint>,
    /// The first and the latest observation in the range (the same one when there is one).
    pub first: Option<Seen>,
    pub latest: Option<Seen>,
    /// Local days in the range on which it was recorded as an open sore.
    pub open_sore_days: usize,
}

/// Sizes in one order for the chart: 1 a grain of rice, 2 a pea, 3 a grape, 4 a walnut. A
/// measured size goes to the nearest word (up to 5 mm a grain of rice, 10 mm a pea, 25 mm a
/// grape, larger a walnut), so one line can show both.
pub fn size_level(size: Size) -> u8 {
    match size {
        Size::RiceGrain => 1,
        Size::Pea => 2,
        Size::Grape => 3,
        Size::Walnut => 4,
        Size::Mm(0..=5) => 1,
        Size::Mm(6..=10) => 2,
        Size::Mm(11..=25) => 3,
        Size::Mm(_) => 4,
    }
}

/// How `lesion` was at each live check-in that observed it, oldest first. Only these check-ins
/// are placed on a local day (each asks the zone for its offset).
fn observed(diary: &Diary, lesion: &str, zone: &dyn Zone) -> Vec<Seen> {
    let newest_first: Vec<&CheckIn> = diary.entries().collect();
    newest_first
        .into_iter()
        .rev()
        .filter_map(|c| {
            let o = c.observation(lesion)?;
            Some(Seen {
                at: c.at,
                day: c.at.local_day_in(zone),
                pain: o.pain,
                size: o.size,
                open: o.has(Sign::OpenSore),
            })
        })
        .collect()
}

/// The trend of `lesion` for `range` ending today, each check-in on its local day in `zone` (the
/// offset in force when it was made, as in the overall trend).
pub fn lesion_trend(
    diary: &Diary,
    lesion: &str,
    range: Range,
    now: Instant,
    zone: &dyn Zone,
) -> LesionTrend {
    let today = now.local_day_in(zone);
    let seen = observed(diary, lesion, zone);
    let first_day = match range.days() {
        Some(n) => today - n + 1,
        None => seen.iter().map(|s| s.day).min().unwrap_or(today),
    };
    let bucket = bucket_days(today - first_day + 1);
    let in_range: Vec<&Seen> = seen
        .iter()
        .filter(|s| (first_day..=today).contains(&s.day))
        .collect();

    let mut points: Vec<LesionPoint> = Vec::new();
    let mut pain_sums: Vec<(u32, u32)> = Vec::new();
    let mut last_open_day = None;
    let mut open_sore_days = 0;
    for s in &in_range {
        let start = first_day + (s.day - first_day) / bucket * bucket;
        if points.last().map(|p| p.day) != Some(start) {
            points.push(LesionPoint {
                day: start,
                pain: None,
                size: None,
                open_days: 0,
                check_ins: 0,
            });
            pain_sums.push((0, 0));
        }
        let (p, sum) = (
            points.last_mut().expect("pushed"),
            pain_sums.last_mut().expect("pushed"),
        );
        p.check_ins += 1;
        if let Some(pain) = s.pain {
            *sum = (sum.0 + u32::from(pain), sum.1 + 1);
        }
        if s.size.is_some() {
            p.size = s.size;
        }
        // Days come in order, so a day already counted is the last one counted.
        if s.open && last_open_day != Some(s.day) {
            last_open_day = Some(s.day);
            p.open_days += 1;
            open_sore_days += 1;
        }
    }
    for (p, (sum, n)) in points.iter_mut().zip(pain_sums) {
        p.pain = (n > 0).then(|| sum as f32 / n as f32);
    }
    LesionTrend {
        bucket_days: bucket,
        first_day,
        last_day: today,
        points,
        first: in_range.first().map(|s| **s),
        latest: in_range.last().map(|s| **s),
        open_sore_days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{CheckIn, Lesion, Observation};
    use crate::core::json::Extra;
    use crate::core::sites::Site;
    use crate::core::test_support::{at, Lisbon};
    use crate::core::time::days_from_civil;

    const NOW: &str = "2026-11-25T12:00:00Z";

    /// Check-ins of lesion "a" (and "b" beside it, to show it is left out) as
    /// (time, pain, size, open sore).
    fn diary(entries: &[(&str, Option<u8>, Option<Size>, bool)]) -> Diary {
        let mut d = Diary::default();
        for id in ["a", "b"] {
            d.upsert_lesion(Lesion {
                healed_at: None,
                healed_earlier: Vec::new(),
                since: None,
                id: id.into(),
                site: Site::all()[0],
                name: String::new(),
                updated: at(NOW),
                deleted: false,
                healed: false,
                extra: Extra::NONE,
            });
        }
        for (i, (when, pain, size, open)) in entries.iter().enumerate() {
            let signs = if *open { vec![Sign::OpenSore] } else { vec![] };
            d.upsert(CheckIn {
                id: format!("c{i}"),
                at: at(when),
                updated: at(when),
                pain: 1,
                observations: vec![
                    Observation {
                        lesion: "b".into(),
                        pain: Some(10),
                        size: Some(Size::Walnut),
                        signs: vec![Sign::OpenSore],
                        extra: Extra::NONE,
                    },
                    Observation {
                        lesion: "a".into(),
                        pain: *pain,
                        size: *size,
                        signs,
                        extra: Extra::NONE,
                    },
                ],
                ..CheckIn::default()
            });
        }
        d
    }

    #[test]
    fn no_observations_give_no_points_and_nothing_first_or_latest() {
        let t = lesion_trend(&Diary::default(), "a", Range::All, at(NOW), &0);
        assert_eq!((t.points.len(), t.first, t.latest), (0, None, None));
        assert_eq!(t.open_sore_days, 0);
        assert_eq!(t.first_day, t.last_day);
        // Check-ins that only observed another lesion do not count for this one.
        let mut only_b = diary(&[("2026-11-20T10:00:00Z", Some(3), None, true)]);
        std::rc::Rc::make_mut(&mut only_b.check_ins[0])
            .observations
            .retain(|o| o.lesion == "b");
        let t = lesion_trend(&only_b, "a", Range::Days30, at(NOW), &0);
        assert_eq!((t.points.len(), t.open_sore_days), (0, 0));
    }

    #[test]
    fn one_observation_is_both_first_and_latest() {
        let d = diary(&[("2026-11-20T10:00:00Z", Some(6), Some(Size::Pea), true)]);
        let t = lesion_trend(&d, "a", Range::All, at(NOW), &0);
        assert_eq!(t.points.len(), 1);
        assert_eq!(t.first, t.latest);
        let s = t.first.unwrap();
        assert_eq!((s.pain, s.size, s.open), (Some(6), Some(Size::Pea), true));
        assert_eq!(s.day, days_from_civil(2026, 11, 20));
        assert_eq!(t.open_sore_days, 1);
        assert_eq!(t.points[0].pain, Some(6.0));
    }

    #[test]
    fn first_and_latest_sizes_and_pain_come_from_this_lesion_in_order() {
        let d = diary(&[
            (
                "2026-11-24T10:00:00Z",
                Some(3),
                Some(Size::RiceGrain),
                false,
            ),
            ("2026-11-10T10:00:00Z", Some(6), Some(Size::Pea), true),
            ("2026-11-15T10:00:00Z", Some(5), Some(Size::Pea), true),
        ]);
        let t = lesion_trend(&d, "a", Range::Days30, at(NOW), &0);
        let (first, latest) = (t.first.unwrap(), t.latest.unwrap());
        assert_eq!((first.pain, first.size), (Some(6), Some(Size::Pea)));
        assert_eq!((latest.pain, latest.size), (Some(3), Some(Size::RiceGrain)));
        assert_eq!(t.points.len(), 3);
        assert!(t.points.windows(2).all(|w| w[0].day < w[1].day));
        assert_eq!(t.open_sore_days, 2);
    }

    #[test]
    fn a_missing_size_or_pain_is_a_gap_not_a_zero() {
        let d = diary(&[
            ("2026-11-20T08:00:00Z", None, Some(Size::Grape), false),
            ("2026-11-20T20:00:00Z", Some(4), None, false),
            ("2026-11-21T08:00:00Z", None, None, false),
        ]);
        let t = lesion_trend(&d, "a", Range::Days30, at(NOW), &0);
        assert_eq!(t.points.len(), 2);
        // Same day: the pain given is the mean (not pulled down by the one without), the size
        // the latest one given.
        assert_eq!(t.points[0].pain, Some(4.0));
        assert_eq!(t.points[0].size, Some(Size::Grape));
        assert_eq!(t.points[0].check_ins, 2);
        assert_eq!((t.points[1].pain, t.points[1].size), (None, None));
        // The latest observation says what it said: nothing about size.
        assert_eq!(t.latest.unwrap().size, None);
        assert_eq!(t.first.unwrap().size, Some(Size::Grape));
    }

    #[test]
    fn open_sore_days_count_days_not_check_ins_and_stay_in_the_range() {
        let d = diary(&[
            ("2026-11-20T08:00:00Z", Some(2), None, true),
            ("2026-11-20T20:00:00Z", Some(2), None, true),
            ("2026-11-22T08:00:00Z", Some(2), None, false),
            ("2026-11-23T08:00:00Z", Some(2), None, true),
            ("2026-09-01T08:00:00Z", Some(2), None, true), // outside 30 days
        ]);
        let t = lesion_trend(&d, "a", Range::Days30, at(NOW), &0);
        assert_eq!(t.open_sore_days, 2);
        assert_eq!(t.points[0].open_days, 1);
        assert_eq!(t.first.unwrap().day, days_from_civil(2026, 11, 20));
        let all = lesion_trend(&d, "a", Range::All, at(NOW), &0);
        assert_eq!(all.open_sore_days, 3);
        assert_eq!(all.first_day, days_from_civil(2026, 9, 1));
        // A long range sums open days per week.
        assert_eq!(all.bucket_days, 1);
        let year = lesion_trend(&d, "a", Range::Year, at(NOW), &0);
        assert_eq!(year.bucket_days, 7);
        assert_eq!(year.points.iter().map(|p| p.open_days).sum::<usize>(), 3);
    }

    #[test]
    fn lisbon_local_days_decide_open_sore_days_across_the_clock_changes() {
        // 23:30 UTC on Saturday 28 March 2026 is 23:30 in Lisbon (winter); 23:30 UTC on Sunday
        // 29 March is 00:30 on Monday 30 March (summer time began at 01:00 UTC that Sunday).
        // In UTC these are two days apart with 29 March between them; in Lisbon too, but the
        // second falls on 30 March.
        let spring = diary(&[
            ("2026-03-28T23:30:00Z", Some(5), None, true),
            ("2026-03-29T23:30:00Z", Some(5), None, true),
        ]);
        let now = at("2026-04-02T12:00:00Z");
        let t = lesion_trend(&spring, "a", Range::Days30, now, &Lisbon);
        let days: Vec<i64> = t.points.iter().map(|p| p.day).collect();
        assert_eq!(
            days,
            [days_from_civil(2026, 3, 28), days_from_civil(2026, 3, 30)]
        );
        assert_eq!(t.open_sore_days, 2);
        // 23:30 UTC on 24 October is 00:30 on 25 October in Lisbon (still summer time), the same
        // local day as 08:00 UTC on 25 October (winter time again): one open-sore day, not two.
        let autumn = diary(&[
            ("2026-10-24T23:30:00Z", Some(5), Some(Size::Pea), true),
            ("2026-10-25T08:00:00Z", Some(3), Some(Size::RiceGrain), true),
        ]);
        let now = at("2026-11-01T12:00:00Z");
        let t = lesion_trend(&autumn, "a", Range::Days30, now, &Lisbon);
        assert_eq!(t.open_sore_days, 1);
        assert_eq!(t.points.len(), 1);
        assert_eq!(t.points[0].day, days_from_civil(2026, 10, 25));
        assert_eq!(t.points[0].pain, Some(4.0));
        assert_eq!(t.points[0].size, Some(Size::RiceGrain));
        // In UTC they are two days.
        assert_eq!(
            lesion_trend(&autumn, "a", Range::Days30, now, &0).open_sore_days,
            2
        );
    }

    #[test]
    fn deleted_check_ins_do_not_count() {
        let mut d = diary(&[
            ("2026-11-20T08:00:00Z", Some(7), Some(Size::Walnut), true),
            ("2026-11-21T08:00:00Z", Some(2), Some(Size::Pea), false),
        ]);
        d.delete("c0", at(NOW));
        let t = lesion_trend(&d, "a", Range::All, at(NOW), &0);
        assert_eq!(t.first.unwrap().size, Some(Size::Pea));
        assert_eq!(t.open_sore_days, 0);
    }

    #[test]
    fn ten_years_of_daily_check_ins_become_monthly_points() {
        let entries: Vec<String> = (0..3650)
            .map(|i| at(NOW).plus_days(-i).to_rfc3339())
            .collect();
        let rows: Vec<(&str, Option<u8>, Option<Size>, bool)> = entries
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    t.as_str(),
                    Some((i % 11) as u8),
                    Some(Size::Pea),
                    i % 2 == 0,
                )
            })
            .collect();
        let d = diary(&rows);
        let t = lesion_trend(&d, "a", Range::All, at(NOW), &0);
        assert_eq!(t.bucket_days, 30);
        assert_eq!(t.points.iter().map(|p| p.check_ins).sum::<usize>(), 3650);
        assert_eq!(t.open_sore_days, 1825);
        assert_eq!(t.latest.unwrap().pain, Some(0));
        assert_eq!(t.first.unwrap().pain, Some((3649 % 11) as u8));
    }

    #[test]
    fn measured_sizes_go_to_the_nearest_word() {
        let levels: Vec<u8> = [1, 5, 6, 10, 11, 25, 26, 500]
            .map(|mm| size_level(Size::Mm(mm)))
            .to_vec();
        assert_eq!(levels, [1, 1, 2, 2, 3, 3, 4, 4]);
        assert!(size_level(Size::RiceGrain) < size_level(Size::Pea));
        assert!(size_level(Size::Grape) < size_level(Size::Walnut));
    }
}
