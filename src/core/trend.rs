//! Trends over time: overall pain and open sores per day (or per week or month for long ranges),
//! computed from the diary for the chart and its table alternative.

use super::diary::Diary;
use super::time::{Instant, Zone};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    Days30,
    Days90,
    Year,
    All,
}

impl Range {
    pub const ALL: [Range; 4] = [Range::Days30, Range::Days90, Range::Year, Range::All];

    pub(crate) fn days(self) -> Option<i64> {
        match self {
            Range::Days30 => Some(30),
            Range::Days90 => Some(90),
            Range::Year => Some(365),
            Range::All => None,
        }
    }
}

/// One bucket of check-ins (a day, a week or about a month, in the patient's local time).
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// First local day of the bucket, as days since 1970-01-01.
    pub day: i64,
    /// Mean overall pain of the bucket's check-ins, 0-10.
    pub pain: f32,
    pub worst_pain: u8,
    /// Most open sores recorded at any one check-in in the bucket.
    pub open_sores: usize,
    pub check_ins: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// Days per bucket: 1, 7 or 30.
    pub bucket_days: i64,
    /// The range shown, as local days since 1970-01-01, inclusive.
    pub first_day: i64,
    pub last_day: i64,
    /// Buckets that have check-ins, oldest first (gaps stay gaps).
    pub points: Vec<Point>,
}

/// More than this many days with no check-in between two points: the line breaks there, rather
/// than draw a steady change across weeks nobody wrote about.
pub const GAP_DAYS: i64 = 28;

/// Whether a line from a point on `prev_day` to one on `next_day` (buckets of `bucket_days`)
/// would cross a time with no check-in: more than `GAP_DAYS` days (for monthly points, more than
/// three months) after the last day the first bucket may hold.
pub fn gap_between(prev_day: i64, next_day: i64, bucket_days: i64) -> bool {
    next_day - (prev_day + bucket_days) > GAP_DAYS.max(3 * bucket_days)
}

impl Trend {
    /// The points in runs to join with a line: a new run starts after more than `GAP_DAYS` days
    /// without a check-in (for monthly points, three months), so a fall from 9 to 1 across two
    /// silent months is two lines, not one steady slope.
    pub fn runs(&self) -> Vec<&[Point]> {
        let mut runs = Vec::new();
        let mut start = 0;
        for (i, pair) in self.points.windows(2).enumerate() {
            if gap_between(pair[0].day, pair[1].day, self.bucket_days) {
                runs.push(&self.points[start..=i]);
                start = i + 1;
            }
        }
        if start < self.points.len() {
            runs.push(&self.points[start..]);
        }
        runs
    }

    /// Whether the line breaks anywhere (the caption then says what a break means).
    pub fn has_gap(&self) -> bool {
        self.points
            .windows(2)
            .any(|pair| gap_between(pair[0].day, pair[1].day, self.bucket_days))
    }
}

/// Buckets small enough to read, few enough to draw: daily up to 90 days, weekly up to three
/// years, then about monthly.
pub(crate) fn bucket_days(span_days: i64) -> i64 {
    match span_days {
        0..=120 => 1,
        121..=1100 => 7,
        _ => 30,
    }
}

/// The trend for `range` ending today, each check-in on its local day in `zone` (with the offset
/// in force when it was made, as in the history and the CSV).
pub fn trend(diary: &Diary, range: Range, now: Instant, zone: &dyn Zone) -> Trend {
    let local_day = |t: Instant| t.local_day_in(zone);
    let today = local_day(now);
    let first_day = match range.days() {
        Some(n) => today - n + 1,
        None => diary
            .entries()
            .map(|c| local_day(c.at))
            .min()
            .unwrap_or(today),
    };
    let bucket = bucket_days(today - first_day + 1);
    let mut points: Vec<Point> = Vec::new();
    // Entries are newest first; walk them oldest first so buckets come out in order.
    let mut sums: Vec<u32> = Vec::new();
    for c in diary.entries().collect::<Vec<_>>().into_iter().rev() {
        let day = local_day(c.at);
        if day < first_day || day > today {
            continue;
        }
        let start = first_day + (day - first_day) / bucket * bucket;
        if points.last().map(|p| p.day) != Some(start) {
            points.push(Point {
                day: start,
                pain: 0.0,
                worst_pain: 0,
                open_sores: 0,
                check_ins: 0,
            });
            sums.push(0);
        }
        let (p, sum) = (
            points.last_mut().expect("pushed"),
            sums.last_mut().expect("pushed"),
        );
        p.check_ins += 1;
        *sum += u32::from(c.pain);
        p.worst_pain = p.worst_pain.max(c.pain);
        p.open_sores = p.open_sores.max(c.open_sores());
    }
    for (p, sum) in points.iter_mut().zip(sums) {
        p.pain = sum as f32 / p.check_ins as f32;
    }
    Trend {
        bucket_days: bucket,
        first_day,
        last_day: today,
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{CheckIn, Observation, Sign};
    use crate::core::json::Extra;
    use crate::core::test_support::at;

    fn diary(entries: &[(&str, u8, usize)]) -> Diary {
        let mut d = Diary::default();
        for (i, (when, pain, sores)) in entries.iter().enumerate() {
            let observations = (0..*sores)
                .map(|n| Observation {
                    lesion: format!("l{n}"),
                    pain: None,
                    size: None,
                    signs: vec![Sign::OpenSore],
                    extra: Extra::NONE,
                })
                .collect();
            d.upsert(CheckIn {
                id: format!("c{i}"),
                at: at(when),
                updated: at(when),
                pain: *pain,
                observations,
                ..CheckIn::default()
            });
        }
        d
    }

    const NOW: &str = "2026-11-25T12:00:00Z";

    #[test]
    fn daily_points_average_pain_and_keep_the_worst_and_most_sores() {
        let d = diary(&[
            ("2026-11-20T08:00:00Z", 2, 1),
            ("2026-11-20T20:00:00Z", 6, 3),
            ("2026-11-25T09:00:00Z", 5, 0),
            ("2026-10-01T09:00:00Z", 9, 9), // outside 30 days
        ]);
        let t = trend(&d, Range::Days30, at(NOW), &0);
        assert_eq!(t.bucket_days, 1);
        assert_eq!(t.last_day - t.first_day + 1, 30);
        assert_eq!(t.points.len(), 2);
        assert_eq!(
            (
                t.points[0].pain,
                t.points[0].worst_pain,
                t.points[0].open_sores,
                t.points[0].check_ins
            ),
            (4.0, 6, 3, 2)
        );
        assert_eq!(t.points[1].pain, 5.0);
        assert!(t.points[0].day < t.points[1].day);
    }

    #[test]
    fn local_time_decides_the_day() {
        let d = diary(&[("2026-11-24T23:30:00Z", 3, 0)]);
        let utc = trend(&d, Range::Days30, at(NOW), &0);
        let lisbon_winter_plus_one = trend(&d, Range::Days30, at(NOW), &60);
        assert_eq!(lisbon_winter_plus_one.points[0].day, utc.points[0].day + 1);
    }

    #[test]
    fn a_summer_check_in_keeps_its_day_in_a_trend_drawn_in_winter() {
        use crate::core::test_support::Lisbon;
        use crate::core::time::days_from_civil;
        // 00:30 on 15 July, Lisbon summer time (UTC+1); drawn in January (UTC).
        let d = diary(&[("2026-07-14T23:30:00Z", 4, 1)]);
        let t = trend(&d, Range::All, at("2027-01-20T12:00:00Z"), &Lisbon);
        assert_eq!(t.first_day, days_from_civil(2026, 7, 15));
        assert_eq!(t.points[0].day, days_from_civil(2026, 7, 15));
        assert_eq!(t.last_day, days_from_civil(2027, 1, 20));
    }

    #[test]
    fn long_ranges_use_weeks_then_months() {
        let mut entries = Vec::new();
        let days: Vec<String> = (0..3650)
            .map(|i| at(NOW).plus_days(-i).to_rfc3339())
            .collect();
        for d in &days {
            entries.push((d.as_str(), 4u8, 1usize));
        }
        let d = diary(&entries);
        let year = trend(&d, Range::Year, at(NOW), &0);
        assert_eq!(year.bucket_days, 7);
        assert!(
            (52..=53).contains(&year.points.len()),
            "{}",
            year.points.len()
        );
        let all = trend(&d, Range::All, at(NOW), &0);
        assert_eq!(all.bucket_days, 30);
        assert!(
            (121..=122).contains(&all.points.len()),
            "{}",
            all.points.len()
        );
        assert_eq!(all.points.iter().map(|p| p.check_ins).sum::<usize>(), 3650);
        assert!(all
            .points
            .iter()
            .all(|p| p.pain == 4.0 && p.open_sores == 1));
    }

    #[test]
    fn an_empty_diary_has_no_points_and_deleted_entries_do_not_count() {
        let mut d = diary(&[("2026-11-24T10:00:00Z", 7, 0)]);
        assert_eq!(
            trend(&Diary::default(), Range::All, at(NOW), &0).points,
            vec![]
        );
        d.delete("c0", at(NOW));
        assert_eq!(trend(&d, Range::Days30, at(NOW), &0).points, vec![]);
    }

    /// Before, the line was drawn straight across any gap: five check-ins at pain 9 nearly three
    /// months ago and three at pain 1 this week read as a steady fall over 81 silent days.
    #[test]
    fn the_line_breaks_after_four_weeks_without_a_check_in() {
        let point = |day: i64| Point {
            day,
            pain: 5.0,
            worst_pain: 5,
            open_sores: 0,
            check_ins: 1,
        };
        let trend = |bucket_days: i64, days: &[i64]| Trend {
            bucket_days,
            first_day: 0,
            last_day: 400,
            points: days.iter().map(|&d| point(d)).collect(),
        };
        let lengths = |t: &Trend| t.runs().iter().map(|r| r.len()).collect::<Vec<_>>();
        // Daily points: weekly check-ins are one line; 28 silent days are not a break, 29 are.
        assert_eq!(lengths(&trend(1, &[0, 7, 14, 21])), vec![4]);
        assert_eq!(lengths(&trend(1, &[0, 29])), vec![2]);
        assert_eq!(lengths(&trend(1, &[0, 30])), vec![1, 1]);
        assert_eq!(lengths(&trend(1, &[0, 1, 2, 83, 84, 85])), vec![3, 3]);
        assert!(trend(1, &[0, 1, 2, 83]).has_gap());
        // Weekly points: a month's gap breaks it; next weeks do not.
        assert_eq!(lengths(&trend(7, &[0, 7, 14, 21])), vec![4]);
        assert_eq!(lengths(&trend(7, &[0, 42])), vec![1, 1]);
        // Monthly points: a month or two without one is not a break; three months and more is.
        assert_eq!(lengths(&trend(30, &[0, 30, 90])), vec![3]);
        assert_eq!(lengths(&trend(30, &[0, 150])), vec![1, 1]);
        // One point, or none.
        assert_eq!(lengths(&trend(1, &[5])), vec![1]);
        assert!(trend(1, &[]).runs().is_empty());
        assert!(!trend(1, &[]).has_gap());
    }
}
