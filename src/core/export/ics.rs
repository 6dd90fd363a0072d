//! A check-in reminder as an iCalendar file (RFC 5545) that the patient imports into the phone's
//! own calendar, so the reminder works with the widget closed and no server.
//!
//! The start is a floating local time (no time zone): the reminder stays at 08:30 wherever the
//! phone is and across summer time changes, which is what a daily habit needs.

use crate::core::json::Value;

use super::uuid_for;
use crate::core::date::Date;
use crate::core::json::{self, codes, Code, Fields, Out, Stored};
use crate::core::time::{days_from_civil, Instant};

pub const MIME: &str = "text/calendar;charset=utf-8";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The two-letter code of RFC 5545 (`MO`, `TU`, ...).
    pub fn code(self) -> &'static str {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][self as usize]
    }

    pub fn of(date: Date) -> Weekday {
        // 1970-01-01 was a Thursday.
        let days = days_from_civil(date.year, date.month, date.day);
        Weekday::ALL[(days + 3).rem_euclid(7) as usize]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    Weekly(Weekday),
}

/// When to remind: also kept in the backup's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub frequency: Frequency,
    pub hour: u8,
    pub minute: u8,
}

codes!(Weekday {
    Monday = "monday",
    Tuesday = "tuesday",
    Wednesday = "wednesday",
    Thursday = "thursday",
    Friday = "friday",
    Saturday = "saturday",
    Sunday = "sunday",
});

impl Frequency {
    /// `"daily"`, or `{"weekly":"monday"}`.
    fn read(v: Value) -> Result<Frequency, String> {
        if v.as_str() == Some("daily") {
            return Ok(Frequency::Daily);
        }
        let mut f = Fields::of(v)?;
        let day = f.need("weekly", json::code)?;
        match f.is_empty() {
            true => Ok(Frequency::Weekly(day)),
            false => Err("a weekly reminder has one field".into()),
        }
    }
}

/// As kept in a backup's settings: `{"frequency":...,"hour":8,"minute":30}`.
impl Stored for Reminder {
    fn read(v: Value) -> Result<Reminder, String> {
        let mut f = Fields::of(v)?;
        Ok(Reminder {
            frequency: f.need("frequency", Frequency::read)?,
            hour: f.need("hour", json::u8_)?,
            minute: f.need("minute", json::u8_)?,
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("frequency");
        match self.frequency {
            Frequency::Daily => out.str("daily"),
            Frequency::Weekly(day) => {
                out.open();
                out.key("weekly");
                out.str(Code::code(day));
                out.close();
            }
        }
        out.num_field("hour", Some(self.hour));
        out.num_field("minute", Some(self.minute));
        out.close();
    }
}

impl Reminder {
    /// A reminder at `time`, as a time field gives it (`HH:MM`, e.g. `09:00` or `9:5`); `None`
    /// when it is not a time of day.
    pub fn at(frequency: Frequency, time: &str) -> Option<Reminder> {
        let (h, m) = time.split_once(':')?;
        let reminder = Reminder {
            frequency,
            hour: h.parse().ok()?,
            minute: m.parse().ok()?,
        };
        reminder.is_valid().then_some(reminder)
    }

    pub fn is_valid(&self) -> bool {
        self.hour < 24 && self.minute < 60
    }
}

/// The calendar file for `reminder`, first on `start` (or, for a weekly one, the first chosen
/// weekday from `start` on: RFC 5545 leaves a start that does not match its rule undefined).
/// `uid_seed` should identify the patient's reminder (e.g. the storage namespace): the same seed
/// gives the same UID, so importing a changed reminder updates the event instead of adding a
/// second one. An out-of-range hour or minute is clamped to 23:59.
pub fn reminder_ics(
    reminder: &Reminder,
    start: Date,
    summary: &str,
    description: &str,
    now: Instant,
    uid_seed: &str,
) -> String {
    let (first, rule) = match reminder.frequency {
        Frequency::Daily => (start, "FREQ=DAILY".to_string()),
        Frequency::Weekly(day) => (
            (0..7)
                .map(|n| start.plus_days(n))
                .find(|d| Weekday::of(*d) == day)
                .unwrap_or(start),
            format!("FREQ=WEEKLY;BYDAY={}", day.code()),
        ),
    };
    let stamp: String = now.to_rfc3339().replace(['-', ':'], "");
    let summary = escape(summary);
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Calcinosis Guide//Check-in reminder//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", uuid_for(&format!("reminder:{uid_seed}"))),
        format!("DTSTAMP:{stamp}"),
        format!(
            "DTSTART:{:04}{:02}{:02}T{:02}{:02}00",
            first.year,
            first.month,
            first.day,
            reminder.hour.min(23),
            reminder.minute.min(59)
        ),
        "DURATION:PT10M".into(),
        format!("RRULE:{rule}"),
        // A reminder, not an appointment: it must not show the patient as busy.
        "TRANSP:TRANSPARENT".into(),
        format!("SUMMARY:{summary}"),
        format!("DESCRIPTION:{}", escape(description)),
        "BEGIN:VALARM".into(),
        "ACTION:DISPLAY".into(),
        format!("DESCRIPTION:{summary}"),
        "TRIGGER:PT0S".into(),
        "END:VALARM".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks; other control characters,
/// which TEXT may not hold, are dropped (tabs are kept).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            c if c.is_ascii_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `line` with CRLF endings, folded so that no line is longer than 75 octets (the
/// continuation's leading space included), never inside a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn now() -> Instant {
        Instant::parse_rfc3339("2026-11-25T13:05:09Z").unwrap()
    }

    fn daily(hour: u8, minute: u8) -> Reminder {
        Reminder {
            frequency: Frequency::Daily,
            hour,
            minute,
        }
    }

    /// Undoes folding (RFC 5545 3.1), checking every physical line on the way.
    fn unfold(ics: &str) -> Vec<String> {
        assert!(ics.ends_with("\r\n"));
        let mut lines: Vec<String> = Vec::new();
        for physical in ics.trim_end_matches("\r\n").split("\r\n") {
            assert!(!physical.contains(['\r', '\n']), "bare line break");
            assert!(
                physical.len() <= 75,
                "{} octets: {physical:?}",
                physical.len()
            );
            match physical.strip_prefix(' ') {
                Some(rest) => lines.last_mut().expect("a first line").push_str(rest),
                None => lines.push(physical.to_string()),
            }
        }
        lines
    }

    fn value<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
        lines
            .iter()
            .filter_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
            .collect()
    }

    #[test]
    fn a_reminder_time_is_read_from_the_time_field() {
        assert_eq!(Reminder::at(Frequency::Daily, "09:00"), Some(daily(9, 0)));
        assert_eq!(Reminder::at(Frequency::Daily, "23:59"), Some(daily(23, 59)));
        assert_eq!(Reminder::at(Frequency::Daily, "7:5"), Some(daily(7, 5)));
        let weekly = Frequency::Weekly(Weekday::Friday);
        assert_eq!(
            Reminder::at(weekly, "08:30").map(|r| r.frequency),
            Some(weekly)
        );
        for bad in [
            "", "24:00", "12:60", "0900", "09:00:00", "ab:cd", "-1:00", "09:",
        ] {
            assert_eq!(Reminder::at(Frequency::Daily, bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_daily_reminder_has_every_required_part() {
        let ics = reminder_ics(
            &daily(8, 30),
            date("2026-11-26"),
            "Diary",
            "Record today",
            now(),
            "default",
        );
        let lines = unfold(&ics);
        assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
        assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
        assert_eq!(value(&lines, "VERSION"), ["2.0"]);
        assert_eq!(value(&lines, "DTSTAMP"), ["20261125T130509Z"]);
        assert_eq!(value(&lines, "DTSTART"), ["20261126T083000"]);
        assert_eq!(value(&lines, "DURATION"), ["PT10M"]);
        assert_eq!(value(&lines, "RRULE"), ["FREQ=DAILY"]);
        assert_eq!(value(&lines, "ACTION"), ["DISPLAY"]);
        assert_eq!(value(&lines, "TRIGGER"), ["PT0S"]);
        assert_eq!(value(&lines, "DESCRIPTION"), ["Record today", "Diary"]);
        assert_eq!(value(&lines, "PRODID").len(), 1);
        let uid = value(&lines, "UID")[0].to_string();
        let again = reminder_ics(&daily(7, 0), date("2027-01-01"), "", "", now(), "default");
        assert_eq!(value(&unfold(&again), "UID"), [uid.as_str()]);
        let other = reminder_ics(&daily(7, 0), date("2027-01-01"), "", "", now(), "clinic-b");
        assert_ne!(value(&unfold(&other), "UID"), [uid.as_str()]);
    }

    #[test]
    fn a_weekly_reminder_starts_on_its_weekday() {
        assert_eq!(Weekday::of(date("1970-01-01")), Weekday::Thursday);
        assert_eq!(Weekday::of(date("2026-11-30")), Weekday::Monday);
        let weekly = Reminder {
            frequency: Frequency::Weekly(Weekday::Monday),
            hour: 19,
            minute: 5,
        };
        // 2026-11-26 is a Thursday: the first Monday from then is 2026-11-30.
        let lines = unfold(&reminder_ics(
            &weekly,
            date("2026-11-26"),
            "s",
            "d",
            now(),
            "x",
        ));
        assert_eq!(value(&lines, "RRULE"), ["FREQ=WEEKLY;BYDAY=MO"]);
        assert_eq!(value(&lines, "DTSTART"), ["20261130T190500"]);
        let on_the_day = unfold(&reminder_ics(
            &weekly,
            date("2026-11-30"),
            "s",
            "d",
            now(),
            "x",
        ));
        assert_eq!(value(&on_the_day, "DTSTART"), ["20261130T190500"]);
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("a,b;c\\d\ne\r\nf\rg\u{7}h\ti"),
            "a\\,b\\;c\\\\d\\ne\\nf\\ngh\ti"
        );
    }

    #[test]
    fn folding_never_splits_a_character() {
        let mut out = String::new();
        fold(&"é".repeat(80), &mut out);
        // 37 two-octet characters fill 74 octets; a 38th would make 76.
        let want = format!(
            "{}\r\n {}\r\n {}\r\n",
            "é".repeat(37),
            "é".repeat(37),
            "é".repeat(6)
        );
        assert_eq!(out, want);
        let mut ascii = String::new();
        fold(&"x".repeat(150), &mut ascii);
        assert_eq!(
            ascii,
            format!("{}\r\n {}\r\n {}\r\n", "x".repeat(75), "x".repeat(74), "x")
        );
    }

    #[test]
    fn long_non_ascii_text_folds_and_unfolds_to_the_same_text() {
        let text = "Lembrete diário 🩹: registe a dor, as feridas e os efeitos secundários; \
                    não se esqueça — 日記をつけましょう。"
            .repeat(4);
        let ics = reminder_ics(&daily(8, 0), date("2026-11-26"), &text, &text, now(), "x");
        // `unfold` checks every physical line is at most 75 octets.
        let lines = unfold(&ics);
        assert_eq!(value(&lines, "SUMMARY"), [escape(&text).as_str()]);
        assert!(ics.split("\r\n").filter(|l| l.starts_with(' ')).count() > 8);
    }

    #[test]
    fn out_of_range_times_are_clamped() {
        for (hour, want) in [(0, "000000"), (23, "235900"), (99, "235900")] {
            let minute = if hour == 0 { 0 } else { 75 };
            let r = daily(hour, minute);
            assert_eq!(r.is_valid(), hour == 0);
            let lines = unfold(&reminder_ics(&r, date("2026-01-01"), "", "", now(), ""));
            assert_eq!(
                value(&lines, "DTSTART"),
                [format!("20260101T{want}").as_str()]
            );
        }
    }
}
