//! Instants in UTC, stored as RFC 3339 text and shown in the patient's local time. The browser
//! supplies "now" and the local offset; everything else is computed here.

use std::fmt;

use super::date::{days_in_month, Date};

const MS_PER_MIN: i64 = 60_000;
const MS_PER_DAY: i64 = 86_400_000;

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Instant(pub i64);

/// Days since 1970-01-01 for a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date for a count of days since 1970-01-01.
pub fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

/// The patient's time zone as their device knows it: the offset from UTC at a given instant, which
/// changes with daylight saving. A plain `i32` is a fixed offset (for tests and exports).
pub trait Zone {
    /// Minutes east of UTC at `at`.
    fn offset_min(&self, at: Instant) -> i32;
}

impl Zone for i32 {
    fn offset_min(&self, _at: Instant) -> i32 {
        *self
    }
}

/// An offset from UTC as RFC 3339 writes it: `+01:00`, `-05:00`, `+05:45`; UTC is `+00:00`.
pub fn offset_text(offset_min: i32) -> String {
    let sign = if offset_min < 0 { '-' } else { '+' };
    let min = offset_min.unsigned_abs();
    format!("{sign}{:02}:{:02}", min / 60, min % 60)
}

/// A wall-clock time in some time zone, to the minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Local {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
}

impl Instant {
    pub fn from_date(date: Date) -> Instant {
        Instant(days_from_civil(date.year, date.month, date.day) * MS_PER_DAY)
    }

    /// Wall-clock time at `offset_min` minutes east of UTC.
    pub fn to_local(self, offset_min: i32) -> Local {
        let ms = self.0 + i64::from(offset_min) * MS_PER_MIN;
        let day = ms.div_euclid(MS_PER_DAY);
        let in_day = ms.rem_euclid(MS_PER_DAY) / MS_PER_MIN;
        Local {
            date: civil_from_days(day),
            hour: (in_day / 60) as u8,
            minute: (in_day % 60) as u8,
        }
    }

    /// The instant of a wall-clock time at `offset_min` minutes east of UTC.
    pub fn from_local(local: Local, offset_min: i32) -> Instant {
        let day = days_from_civil(local.date.year, local.date.month, local.date.day);
        let min = i64::from(local.hour) * 60 + i64::from(local.minute) - i64::from(offset_min);
        Instant(day * MS_PER_DAY + min * MS_PER_MIN)
    }

    /// Wall-clock time in `zone`, with the offset in force at this instant.
    pub fn local_in(self, zone: &dyn Zone) -> Local {
        self.local_and_offset_in(zone).0
    }

    /// Wall-clock time in `zone` and the offset it was worked out with (minutes east of UTC, the
    /// one in force at this instant): written side by side, they give back the instant even in
    /// the hour a clock change repeats.
    pub fn local_and_offset_in(self, zone: &dyn Zone) -> (Local, i32) {
        let offset_min = zone.offset_min(self);
        (self.to_local(offset_min), offset_min)
    }

    /// The instant of a wall-clock time in `zone`. The offset is looked up at a first guess and
    /// once more at the result, so a summer time typed in winter gets the summer offset. (In the
    /// hour that a clock change skips or repeats, either reading is accepted.)
    pub fn from_local_in(local: Local, zone: &dyn Zone) -> Instant {
        let guess = Instant::from_local(local, zone.offset_min(Instant::from_local(local, 0)));
        Instant::from_local(local, zone.offset_min(guess))
    }

    /// Every instant that reads as `local` in `zone`, earliest first: none in the hour a clock
    /// change skips, two in the hour it repeats, else one. (Clock changes are months apart, so
    /// the offsets a day either side are the only ones to try.)
    pub fn readings_in(local: Local, zone: &dyn Zone) -> Vec<Instant> {
        let utc = Instant::from_local(local, 0);
        let mut readings: Vec<Instant> = Vec::new();
        for t in [utc.plus_days(-1), utc, utc.plus_days(1)] {
            let reading = Instant::from_local(local, zone.offset_min(t));
            if reading.local_in(zone) == local && !readings.contains(&reading) {
                // In order as they come (a slice sort would add its own code for three items).
                let at = readings.iter().position(|&r| r > reading);
                readings.insert(at.unwrap_or(readings.len()), reading);
            }
        }
        readings
    }

    /// The instant of a wall-clock time in `zone` as a patient means it, dated no later than
    /// `latest` where it can be: in the hour a clock change repeats, the later reading that is
    /// not after `latest` (so the time it is now is never taken for the hour ahead, nor for the
    /// hour before), and otherwise as `from_local_in`.
    pub fn from_local_until(local: Local, zone: &dyn Zone, latest: Instant) -> Instant {
        let readings = Instant::readings_in(local, zone);
        readings
            .iter()
            .rev()
            .find(|&&t| t <= latest)
            .or(readings.first())
            .copied()
            .unwrap_or_else(|| Instant::from_local_in(local, zone))
    }

    pub fn days_since_epoch(self) -> i64 {
        self.0.div_euclid(MS_PER_DAY)
    }

    /// The local date in `zone`, as days since 1970-01-01, with the offset in force at this
    /// instant (not today's): how summary, trend, history and CSV all decide a check-in's day.
    pub fn local_day_in(self, zone: &dyn Zone) -> i64 {
        let d = self.local_in(zone).date;
        days_from_civil(d.year, d.month, d.day)
    }

    pub fn plus_days(self, days: i64) -> Instant {
        Instant(self.0 + days * MS_PER_DAY)
    }

    /// RFC 3339 in UTC, to the second: `2026-11-25T13:05:00Z`.
    pub fn to_rfc3339(self) -> String {
        self.rfc3339_at(0, "Z")
    }

    /// The wall-clock time `offset_min` from UTC, to the second, followed by `suffix`.
    fn rfc3339_at(self, offset_min: i32, suffix: &str) -> String {
        let l = self.to_local(offset_min);
        let secs = self.0.rem_euclid(MS_PER_MIN) / 1000;
        format!(
            "{}T{:02}:{:02}:{:02}{suffix}",
            l.date, l.hour, l.minute, secs
        )
    }

    /// RFC 3339 to the second as the patient's clock read it: the wall-clock time in `zone`
    /// with the offset in force at this instant (`2026-10-25T01:30:00+01:00`; UTC is `+00:00`).
    /// The same instant as `to_rfc3339`, but a reader that keeps only the date gets the
    /// patient's day.
    /// A wall clock outside the years 0000-9999 (an instant at either end of them, which only a
    /// crafted file holds) cannot be written so: it is written in UTC, which is always inside.
    pub fn to_rfc3339_in(self, zone: &dyn Zone) -> String {
        let (l, offset_min) = self.local_and_offset_in(zone);
        if !(0..=9999).contains(&l.date.year) {
            return self.to_rfc3339();
        }
        self.rfc3339_at(offset_min, &offset_text(offset_min))
    }

    /// The same text as `to_rfc3339`, written into `buf` without allocating: a ten-year diary
    /// stores some 7,000 times, and each save writes them all. `None` outside the years
    /// 0000-9999 (then `to_rfc3339` writes it).
    pub(crate) fn rfc3339_into(self, buf: &mut [u8; 20]) -> Option<&str> {
        let l = self.to_local(0);
        let year = u32::try_from(l.date.year).ok().filter(|y| *y <= 9999)?;
        let secs = (self.0.rem_euclid(MS_PER_MIN) / 1000) as u32;
        *buf = *b"0000-00-00T00:00:00Z";
        let mut put = |at: usize, width: usize, mut n: u32| {
            for i in (at..at + width).rev() {
                buf[i] = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        put(0, 4, year);
        put(5, 2, u32::from(l.date.month));
        put(8, 2, u32::from(l.date.day));
        put(11, 2, u32::from(l.hour));
        put(14, 2, u32::from(l.minute));
        put(17, 2, secs);
        std::str::from_utf8(buf).ok()
    }

    /// The same instant to the second, as it is stored (`to_rfc3339` leaves out the
    /// milliseconds).
    pub fn whole_seconds(self) -> Instant {
        Instant(self.0 - self.0.rem_euclid(1000))
    }

    /// The start of this instant's minute (UTC minutes: every zone's offset is whole minutes).
    pub fn whole_minutes(self) -> Instant {
        Instant(self.0 - self.0.rem_euclid(60_000))
    }

    /// Parses RFC 3339 with `Z` or a `±hh:mm` offset; fractions of a second are accepted.
    pub fn parse_rfc3339(text: &str) -> Option<Instant> {
        let (date, rest) = text.split_once(['T', 't', ' '])?;
        let date = Date::parse(date)?;
        let (clock, offset_min) = if let Some(c) = rest.strip_suffix(['Z', 'z']) {
            (c, 0)
        } else {
            let at = rest.rfind(['+', '-'])?;
            let (c, off) = rest.split_at(at);
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let (h, m) = off[1..].split_once(':')?;
            let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
            if h > 23 || m > 59 {
                return None;
            }
            (c, sign * (h * 60 + m))
        };
        let mut parts = clock.split(':');
        let (h, m, s) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || h.len() != 2 || m.len() != 2 {
            return None;
        }
        let (hour, minute): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        let sec: u8 = whole.parse().ok()?;
        if hour > 23
            || minute > 59
            || sec > 60
            || whole.len() != 2
            || !frac.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let ms = frac
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(3)
            .fold(0, |ms, digit| ms * 10 + i64::from(digit - b'0'));
        let base = Instant::from_local(Local { date, hour, minute }, offset_min);
        Some(Instant(base.0 + i64::from(sec) * 1000 + ms))
    }
}

impl Date {
    /// The date `n` days later (or earlier, for negative `n`).
    pub fn plus_days(self, n: i64) -> Date {
        civil_from_days(days_from_civil(self.year, self.month, self.day) + n)
    }

    pub fn is_valid(self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json;
    use crate::core::test_support::Lisbon;

    #[test]
    fn civil_day_counts_round_trip_over_centuries() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for days in (-800_000..800_000).step_by(997) {
            let d = civil_from_days(days);
            assert!(d.is_valid(), "{d:?}");
            assert_eq!(days_from_civil(d.year, d.month, d.day), days);
        }
    }

    #[test]
    fn stored_times_are_written_as_to_rfc3339_writes_them_and_read_back_to_the_second() {
        let mut times: Vec<Instant> = (-80_000..80_000i64)
            .step_by(37)
            .map(|d| Instant(d * MS_PER_DAY + (d * 7_919_311).rem_euclid(MS_PER_DAY)))
            .collect();
        times.extend([
            Instant(0),
            Instant(-1),
            Instant(999),
            Instant(253_402_300_799_999),
            Instant(253_402_300_800_000),
            Instant(-62_167_219_200_000),
            Instant(-62_167_219_200_001),
        ]);
        for t in times {
            let mut out = json::Out::default();
            out.instant(t);
            assert_eq!(out.0, format!("\"{}\"", t.to_rfc3339()), "{t:?}");
            if (0..=9999).contains(&t.to_local(0).date.year) {
                let back = json::instant(json::parse(&out.0).unwrap()).unwrap();
                assert_eq!(back, t.whole_seconds(), "{t:?}");
            }
        }
        let read = |text: &str| json::instant(json::parse(text).unwrap());
        let t = read("\"2026-11-25T13:05:09.5Z\"").unwrap();
        assert_eq!(t.0 % 1000, 500);
        assert_eq!(Instant(-1).whole_seconds(), Instant(-1000));
        assert!(read("\"yesterday\"").is_err());
    }

    #[test]
    fn rfc3339_round_trips_and_reads_offsets() {
        let t = Instant::parse_rfc3339("2026-11-25T13:05:09Z").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-25T13:05:09Z");
        let lisbon_summer = Instant::parse_rfc3339("2026-07-01T10:00:00+01:00").unwrap();
        assert_eq!(lisbon_summer.to_rfc3339(), "2026-07-01T09:00:00Z");
        let west = Instant::parse_rfc3339("2026-01-01T00:30:00.250-05:30").unwrap();
        assert_eq!(west.to_rfc3339(), "2026-01-01T06:00:00Z");
        assert_eq!(west.0 % 1000, 250);
        for bad in [
            "",
            "2026-11-25",
            "2026-11-25T25:00:00Z",
            "2026-11-25T10:00Z",
            "2026-02-30T10:00:00Z",
            "2026-11-25T10:00:00+1:00x",
        ] {
            assert_eq!(Instant::parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn local_time_uses_the_offset_across_midnight() {
        let t = Instant::parse_rfc3339("2026-12-31T23:30:00Z").unwrap();
        let l = t.to_local(60);
        assert_eq!(
            (l.date.to_string(), l.hour, l.minute),
            ("2027-01-01".into(), 0, 30)
        );
        assert_eq!(Instant::from_local(l, 60), t);
        assert_eq!(t.to_local(-600).date.to_string(), "2026-12-31");
    }

    #[test]
    fn local_times_use_the_offset_in_force_at_that_instant() {
        let summer = Instant::parse_rfc3339("2025-07-15T08:00:00Z").unwrap();
        let winter = Instant::parse_rfc3339("2025-12-15T08:00:00Z").unwrap();
        assert_eq!(summer.local_in(&Lisbon).hour, 9);
        assert_eq!(winter.local_in(&Lisbon).hour, 8);
        for t in [summer, winter] {
            assert_eq!(Instant::from_local_in(t.local_in(&Lisbon), &Lisbon), t);
        }
    }

    #[test]
    fn offsets_are_written_as_rfc_3339_writes_them_and_read_back() {
        for (min, text) in [
            (0, "+00:00"),
            (60, "+01:00"),
            (-300, "-05:00"),
            (-210, "-03:30"),
            (345, "+05:45"),
            (840, "+14:00"),
            (-720, "-12:00"),
        ] {
            assert_eq!(offset_text(min), text);
            let t = Instant::parse_rfc3339(&format!("2026-10-25T01:30:00{text}")).unwrap();
            let (local, offset) = t.local_and_offset_in(&min);
            assert_eq!((local.hour, local.minute, offset), (1, 30, min), "{text}");
        }
        // In the hour that comes twice, the offset is what tells the two apart.
        let first = Instant::parse_rfc3339("2026-10-25T00:30:00Z").unwrap();
        let second = Instant::parse_rfc3339("2026-10-25T01:30:00Z").unwrap();
        let (a, b) = (
            first.local_and_offset_in(&Lisbon),
            second.local_and_offset_in(&Lisbon),
        );
        assert_eq!(a.0, b.0);
        assert_eq!((a.1, b.1), (60, 0));
        assert_eq!(first.local_in(&Lisbon), a.0);
    }

    /// The hour that comes twice in Lisbon, a day east and west of UTC, a zone with half hours
    /// and seconds: each is the local wall clock with the offset in force at that instant, and
    /// reads back as the same instant (to the second, as exports write it).
    #[test]
    fn local_rfc3339_writes_the_offset_in_force_and_reads_back() {
        let cases: [(&str, &dyn Zone, &str); 6] = [
            ("2026-10-25T00:30:00Z", &Lisbon, "2026-10-25T01:30:00+01:00"),
            ("2026-10-25T01:30:00Z", &Lisbon, "2026-10-25T01:30:00+00:00"),
            ("2026-10-01T23:30:00Z", &60, "2026-10-02T00:30:00+01:00"),
            ("2026-10-02T03:15:09Z", &-300, "2026-10-01T22:15:09-05:00"),
            ("2026-01-01T00:00:59Z", &-210, "2025-12-31T20:30:59-03:30"),
            ("2026-07-01T12:00:00Z", &0, "2026-07-01T12:00:00+00:00"),
        ];
        for (utc, zone, want) in cases {
            let t = Instant::parse_rfc3339(utc).unwrap();
            assert_eq!(t.to_rfc3339_in(zone), want, "{utc}");
            assert_eq!(Instant::parse_rfc3339(want), Some(t), "{want}");
            let late = Instant(t.0 + 999);
            assert_eq!(late.to_rfc3339_in(zone), want, "milliseconds left out");
        }
        // At either end of the years RFC 3339 can write, a wall clock past them is not written:
        // the instant is, in UTC.
        for (utc, zone) in [("9999-12-31T23:59:59Z", 60), ("0000-01-01T00:00:00Z", -300)] {
            let t = Instant::parse_rfc3339(utc).unwrap();
            assert_eq!(t.to_rfc3339_in(&zone), utc);
        }
    }

    #[test]
    fn dates_add_days() {
        let d = Date::parse("2024-02-28").unwrap();
        assert_eq!(d.plus_days(1).to_string(), "2024-02-29");
        assert_eq!(d.plus_days(2).to_string(), "2024-03-01");
        assert_eq!(d.plus_days(-59).to_string(), "2023-12-31");
    }
}
