//! The patient's medicines as the printout lists them: every one, oldest first, with every word
//! of "how I take it". A dose cut short ("once a…" of "once a week") or a medicine left off the
//! page is a danger a one-page printout is not worth; a long list wraps, or goes on over the page.

use crate::core::diary::{is_unknown_edit_time, made_at, Diary, Medicine};
use crate::core::time::Instant;

/// One medicine as printed: name and how, runs of white space (line breaks too) as one space.
#[derive(Clone, Debug, PartialEq)]
pub struct MedicineLine {
    pub id: String,
    pub name: String,
    /// Empty when the patient did not say.
    pub how: String,
    /// When it was last changed or added, if it was changed a day or more after it was added,
    /// or added a day or more after the list was begun: a clinician reading a trend needs to
    /// know when a dose changed (diltiazem takes months). A list typed in one go and left as it
    /// was has no dates: they would say nothing, and the page is full.
    pub changed: Option<Instant>,
}

/// The printed list: every live medicine, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrintedMedicines {
    pub lines: Vec<MedicineLine>,
}

pub fn printed_medicines(diary: &Diary) -> PrintedMedicines {
    const DAY_MS: i64 = 86_400_000;
    // Removed ones too: the list was begun when its first medicine was added.
    // Not an edit time made unknown (a clock that ran ahead, `clamp_future_edits`): it reads
    // as a day long ago.
    let begun = diary
        .medicines
        .iter()
        .map(added)
        .filter(|t| !is_unknown_edit_time(*t))
        .map(|t| t.0)
        .min();
    PrintedMedicines {
        lines: diary
            .live_medicines()
            .map(|m| {
                let added = added(m).0;
                let later = !is_unknown_edit_time(m.updated)
                    && (m.updated.0 - added >= DAY_MS
                        || begun.is_some_and(|b| added - b >= DAY_MS));
                MedicineLine {
                    id: m.id.clone(),
                    name: one_line(&m.name),
                    how: one_line(&m.how),
                    changed: later.then_some(m.updated),
                }
            })
            .collect(),
    }
}

/// When a medicine was added: the time its id was made with (`made_at`), when that is no later
/// than its last change; else its last change (an id from elsewhere).
fn added(m: &Medicine) -> Instant {
    made_at(&m.id)
        .filter(|t| t.0 <= m.updated.0)
        .unwrap_or(m.updated)
}

/// `text` on one line: runs of white space, line breaks included, become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{check_medicine, Medicine};
    use crate::core::time::Instant;

    fn diary(meds: &[(&str, &str)]) -> Diary {
        let mut d = Diary::default();
        for (i, (name, how)) in meds.iter().enumerate() {
            let at = Instant::parse_rfc3339("2026-11-01T08:00:00Z").unwrap();
            let text = check_medicine(name, how).unwrap();
            d.upsert_medicine(Medicine::new(format!("m{i:02}"), text, at));
        }
        d
    }

    /// Found by the review: the only medicine, or the first, changed later, was not dated (the
    /// list's beginning was taken from last changes).
    #[test]
    fn a_medicine_changed_a_day_or_more_after_it_was_added_says_when_the_only_one_too() {
        use crate::core::diary::new_id;
        let at = |t: &str| Instant::parse_rfc3339(t).unwrap();
        let mut d = Diary::default();
        let dil = new_id('m', at("2026-09-01T08:00:00Z"), 12345);
        let text = check_medicine("Diltiazem", "120 mg").unwrap();
        d.upsert_medicine(Medicine::new(dil.clone(), text, at("2026-11-12T18:30:00Z")));
        assert_eq!(
            printed_medicines(&d).lines[0].changed,
            Some(at("2026-11-12T18:30:00Z"))
        );
        // Added and left as it was: no date; an id from elsewhere reads as added when changed.
        let mut d = Diary::default();
        let text = check_medicine("Diltiazem", "60 mg").unwrap();
        d.upsert_medicine(Medicine::new(dil, text, at("2026-09-01T09:00:00Z")));
        let text = check_medicine("Aspirin", "").unwrap();
        d.upsert_medicine(Medicine::new(
            "m-x".into(),
            text,
            at("2026-09-01T10:00:00Z"),
        ));
        assert_eq!(
            printed_medicines(&d)
                .lines
                .iter()
                .map(|l| l.changed)
                .collect::<Vec<_>>(),
            [None, None]
        );
        // A removed first medicine still marks when the list was begun.
        let mut gone = d.medicines[0].clone();
        gone.deleted = true;
        d.medicines[0] = gone;
        let text = check_medicine("Omeprazole", "").unwrap();
        let later = new_id('m', at("2026-10-01T08:00:00Z"), 7);
        d.upsert_medicine(Medicine::new(later, text, at("2026-10-01T08:00:00Z")));
        let lines = printed_medicines(&d).lines;
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].changed, Some(at("2026-10-01T08:00:00Z")));
    }

    /// Found by the second review: after a clock that ran ahead, edit times made unknown read
    /// as a day in the 1990s, and the printout said "updated 25 Feb 1996".
    #[test]
    fn unknown_edit_times_print_no_date() {
        use crate::core::diary::new_id;
        let at = |t: &str| Instant::parse_rfc3339(t).unwrap();
        let mut d = Diary::default();
        for (name, when) in [
            ("Diltiazem", "2027-11-01T08:00:00Z"),
            ("Aspirin", "2027-11-03T08:00:00Z"),
        ] {
            let text = check_medicine(name, "").unwrap();
            d.upsert_medicine(Medicine::new(new_id('m', at(when), 9), text, at(when)));
        }
        let now = at("2026-11-05T08:00:00Z");
        let text = check_medicine("Omeprazole", "").unwrap();
        d.upsert_medicine(Medicine::new(new_id('m', now, 9), text, now));
        d.clamp_future_edits(now);
        let lines = printed_medicines(&d).lines;
        assert!(lines.iter().all(|l| l.changed.is_none()), "{lines:?}");
    }

    /// Found by the clinician review: a dose changed weeks after the list was typed could not
    /// be seen on the printout.
    #[test]
    fn a_medicine_changed_or_added_a_day_or_more_after_the_list_was_begun_says_when() {
        let at = |t: &str| Instant::parse_rfc3339(t).unwrap();
        let mut d = Diary::default();
        for (id, name, when) in [
            ("m1", "Aspirin", "2026-09-01T08:00:00Z"),
            ("m2", "Diltiazem", "2026-11-12T18:30:00Z"),
            ("m3", "Omeprazole", "2026-09-02T07:59:59Z"),
        ] {
            let text = check_medicine(name, "").unwrap();
            d.upsert_medicine(Medicine::new(id.into(), text, at(when)));
        }
        let changed: Vec<Option<Instant>> = printed_medicines(&d)
            .lines
            .iter()
            .map(|l| l.changed)
            .collect();
        assert_eq!(changed, [None, Some(at("2026-11-12T18:30:00Z")), None]);
    }

    #[test]
    fn every_medicine_is_printed_oldest_first_with_every_word() {
        let long_how = format!("{} once a week", "Take six tablets of 2.5 mg".repeat(10));
        let d = diary(&[
            ("A", ""),
            ("B", &long_how),
            ("C", "one  in the\nmorning\t "),
        ]);
        let p = printed_medicines(&d);
        let names: Vec<&str> = p.lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"]);
        assert_eq!(p.lines[0].how, "");
        assert_eq!(p.lines[1].how, long_how, "a dose is never cut short");
        assert!(p.lines[1].how.ends_with("once a week"));
        assert_eq!(p.lines[2].how, "one in the morning");
        assert_eq!(
            p.lines[1].changed, None,
            "a list typed in one go has no dates"
        );

        let many: Vec<(String, &str)> = (0..11).map(|i| (format!("Medicine {i}"), "")).collect();
        let refs: Vec<(&str, &str)> = many.iter().map(|(n, h)| (n.as_str(), *h)).collect();
        let p = printed_medicines(&diary(&refs));
        assert_eq!(p.lines.len(), 11, "none is left off the page");
        assert_eq!(p.lines[10].name, "Medicine 10");
        assert_eq!(
            printed_medicines(&Diary::default()),
            PrintedMedicines::default()
        );
    }

    #[test]
    fn removed_medicines_are_not_printed() {
        let mut d = diary(&[("A", ""), ("B", "")]);
        let now = Instant::parse_rfc3339("2026-11-02T08:00:00Z").unwrap();
        d.delete_medicine("m00", now);
        let p = printed_medicines(&d);
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.lines[0].name, "B");
    }
}
