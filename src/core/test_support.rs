//! Helpers shared by the core's unit tests (compiled only for `cargo test`).

use super::diary::{CheckIn, Lesion};
use super::json::Extra;
use super::sites::Site;
use super::time::{days_from_civil, Instant, Zone};

/// The instant of an RFC 3339 text written in a test; a typo fails with the text it could not read.
pub fn at(text: &str) -> Instant {
    Instant::parse_rfc3339(text).unwrap_or_else(|| panic!("not an RFC 3339 time: {text:?}"))
}

/// Western European time as Lisbon and London keep it: UTC in winter, UTC+1 from 01:00 UTC on
/// the last Sunday of March to 01:00 UTC on the last Sunday of October.
pub struct Lisbon;

/// Milliseconds since 1970 of 01:00 UTC on the last Sunday of `month` in `year`.
fn last_sunday_1am(year: i32, month: u8) -> i64 {
    let last = days_from_civil(year, month, 31); // March and October both have 31 days
                                                 // 1970-01-01 was a Thursday: day 3 was a Sunday.
    let sunday = last - (last - 3).rem_euclid(7);
    sunday * 86_400_000 + 3_600_000
}

impl Zone for Lisbon {
    fn offset_min(&self, at: Instant) -> i32 {
        let year = at.to_local(0).date.year;
        if (last_sunday_1am(year, 3)..last_sunday_1am(year, 10)).contains(&at.0) {
            60
        } else {
            0
        }
    }
}

#[test]
fn lisbon_changes_its_clocks_on_the_last_sundays_of_march_and_october() {
    assert_eq!(Lisbon.offset_min(at("2026-03-29T00:59:59Z")), 0);
    assert_eq!(Lisbon.offset_min(at("2026-03-29T01:00:00Z")), 60);
    assert_eq!(Lisbon.offset_min(at("2026-10-25T00:59:59Z")), 60);
    assert_eq!(Lisbon.offset_min(at("2026-10-25T01:00:00Z")), 0);
    assert_eq!(Lisbon.offset_min(at("2027-01-15T12:00:00Z")), 0);
    assert_eq!(Lisbon.offset_min(at("2025-03-30T01:00:00Z")), 60);
}

/// A check-in with a fever and "I have a lump or sore now" ticked, no lump in it: the answer the
/// exports must carry beside the fever.
pub fn fever_with_lump_now(id: &str, when: &str) -> CheckIn {
    CheckIn {
        id: id.into(),
        at: at(when),
        updated: at(when),
        fever: true,
        lump_now: true,
        ..CheckIn::default()
    }
}

/// A lump the diary follows, on the third body site, last changed at `updated`.
pub fn followed_lesion(id: &str, name: &str, updated: Instant) -> Lesion {
    Lesion {
        id: id.into(),
        site: Site::all()[2],
        name: name.into(),
        updated,
        deleted: false,
        healed: false,
        healed_at: None,
        healed_earlier: Vec::new(),
        since: None,
        extra: Extra::NONE,
    }
}
