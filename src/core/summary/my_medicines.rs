//! The patient's medicines as the printout lists them: every one, oldest first, with every word
//! of "how I take it". A dose cut short ("once a…" of "once a week") or a medicine left off the
//! page is a danger a one-page printout is not worth; a long list wraps, or goes on over the page.

use crate::core::diary::Diary;
use crate::core::time::Instant;

/// One medicine as printed: name and how, runs of white space (line breaks too) as one space.
#[derive(Clone, Debug, PartialEq)]
pub struct MedicineLine {
    pub id: String,
    pub name: String,
    /// Empty when the patient did not say.
    pub how: String,
    /// When it was last changed or added, if that was a day or more after the list was begun
    /// (its first medicine): a clinician reading a trend needs to know when a dose changed
    /// (diltiazem takes months). A list typed in one go has no dates: they would say nothing,
    /// and the page is full.
    pub changed: Option<Instant>,
}

/// The printed list: every live medicine, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrintedMedicines {
    pub lines: Vec<MedicineLine>,
}

pub fn printed_medicines(diary: &Diary) -> PrintedMedicines {
    const DAY_MS: i64 = 86_400_000;
    let begun = diary.live_medicines().map(|m| m.updated.0).min();
    PrintedMedicines {
        lines: diary
            .live_medicines()
            .map(|m| MedicineLine {
                id: m.id.clone(),
                name: one_line(&m.name),
                how: one_line(&m.how),
                changed: begun
                    .filter(|b| m.updated.0 - b >= DAY_MS)
                    .map(|_| m.updated),
            })
            .collect(),
    }
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
