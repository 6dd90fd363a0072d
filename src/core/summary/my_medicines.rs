//! The patient's medicines as the printout lists them: one short line each, so that the summary
//! stays on one page. Only the printout is shortened; the diary keeps every character.

use crate::core::diary::Diary;

/// Medicines printed before "and N more".
pub const MAX_PRINTED: usize = 8;
/// Characters of a name, and of "how I take it", printed before "…": together they fit one line
/// of a half-width column, so the list prints in two columns, a line per medicine.
pub const PRINT_NAME_CHARS: usize = 28;
pub const PRINT_HOW_CHARS: usize = 30;

/// One medicine as printed: name and how, white space collapsed, cut with "…" if long.
#[derive(Clone, Debug, PartialEq)]
pub struct MedicineLine {
    pub id: String,
    pub name: String,
    /// Empty when the patient did not say.
    pub how: String,
}

/// The printed list: at most `MAX_PRINTED` lines, oldest first, and how many more there are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrintedMedicines {
    pub lines: Vec<MedicineLine>,
    pub more: usize,
}

pub fn printed_medicines(diary: &Diary) -> PrintedMedicines {
    let live: Vec<_> = diary.live_medicines().collect();
    PrintedMedicines {
        lines: live
            .iter()
            .take(MAX_PRINTED)
            .map(|m| MedicineLine {
                id: m.id.clone(),
                name: shorten(&m.name, PRINT_NAME_CHARS),
                how: shorten(&m.how, PRINT_HOW_CHARS),
            })
            .collect(),
        more: live.len().saturating_sub(MAX_PRINTED),
    }
}

/// `text` on one line (runs of white space, line breaks included, become one space), cut to at
/// most `max` characters, the last of them "…" when anything was cut. Cuts at a space when one
/// is near, so a word is not split.
pub fn shorten(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let kept: String = one_line.chars().take(max.saturating_sub(1)).collect();
    let at_space = kept
        .rfind(' ')
        .filter(|&i| kept[..i].chars().count() * 4 >= max * 3);
    let cut = at_space.map_or(kept.as_str(), |i| &kept[..i]);
    format!("{}…", cut.trim_end())
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

    #[test]
    fn short_text_is_printed_as_typed_on_one_line() {
        assert_eq!(shorten("Diltiazem 60", 40), "Diltiazem 60");
        assert_eq!(shorten("one  in the\nmorning\t ", 40), "one in the morning");
        assert_eq!(shorten("", 40), "");
        assert_eq!(shorten(&"x".repeat(40), 40), "x".repeat(40));
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis_within_the_limit() {
        let long = "Take one tablet every morning with breakfast and another one at night";
        let cut = shorten(long, 40);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() <= 40, "{cut}");
        assert_eq!(cut, "Take one tablet every morning with…");
        // One long word: cut mid-word rather than losing it all.
        let word = shorten(&"é".repeat(100), 10);
        assert_eq!(word, format!("{}…", "é".repeat(9)));
        // Emoji and accents count as one character each and are never split.
        let mixed = shorten(&"🩹 ação ".repeat(20), 12);
        assert!(
            mixed.chars().count() <= 12 && mixed.ends_with('…'),
            "{mixed}"
        );
    }

    #[test]
    fn the_list_is_oldest_first_capped_and_counts_the_rest() {
        let long_how = "a".repeat(300);
        let d = diary(&[("A", ""), ("B", &long_how), ("C", "at night")]);
        let p = printed_medicines(&d);
        assert_eq!(p.more, 0);
        let names: Vec<&str> = p.lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"]);
        assert_eq!(p.lines[0].how, "");
        assert_eq!(p.lines[1].how.chars().count(), PRINT_HOW_CHARS);
        assert_eq!(p.lines[2].how, "at night");
        // Only the printout is shortened.
        assert_eq!(d.medicine("m01").unwrap().how, long_how);

        let many: Vec<(String, &str)> = (0..11).map(|i| (format!("Medicine {i}"), "")).collect();
        let refs: Vec<(&str, &str)> = many.iter().map(|(n, h)| (n.as_str(), *h)).collect();
        let p = printed_medicines(&diary(&refs));
        assert_eq!((p.lines.len(), p.more), (MAX_PRINTED, 11 - MAX_PRINTED));
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
