//! How long each text a patient types may be, and how long texts are shortened for the printout.
//!
//! Why limits at all: a 100,000-character word pasted into a field made the summary take seconds
//! to open and print 35 pages. The limits are generous for what each field is for. Text already
//! stored, or in a backup, is never cut or refused (dictation and extensions can set text past
//! `maxlength`, and this widget's own backup must always come back): it loads, is kept, restored
//! and exported whole; only the printout shortens it, with an ellipsis.
//!
//! Lengths are counted as browsers count `maxlength`: in UTF-16 code units (an emoji counts 2), so
//! the counter next to a field and the field's own limit always agree.

use std::borrow::Cow;

/// Notes on a check-in: about a page of handwriting (roughly 350 words).
pub const NOTES_MAX: usize = 2_000;
/// "Something else" side effect: a sentence or two, such as "itchy skin on both arms since the
/// new tablets". It is listed on the one-page printout.
pub const OTHER_SIDE_EFFECT_MAX: usize = 300;
/// One question for the clinician: two or three sentences. Questions are printed, whole: the
/// printout's cut (`PRINT_QUESTION_MAX`) is for longer ones kept from before, not for typing.
pub const QUESTION_MAX: usize = PRINT_QUESTION_MAX;
/// The patient's name on the printout: long full names (several given and family names) fit.
pub const PATIENT_NAME_MAX: usize = 100;
/// The patient's own name for a lump, such as "right index finger lump": it labels a table row.
pub const LESION_NAME_MAX: usize = 60;

/// On the printout, longer texts are cut to these lengths (in characters) with an ellipsis, so
/// page 1 stays one page whatever was stored. Measured: with the largest summary (a 90-day diary,
/// four "something else" texts, two questions) these keep one A4 or Letter page even when every
/// text is one unbroken word. Texts of ordinary words this long are rare; what is cut is only
/// the printout's copy.
/// The name is cut so only in each page's foot: the head has it whole (`PATIENT_NAME_MAX`).
pub const PRINT_NAME_MAX: usize = 60;
pub const PRINT_LESION_NAME_MAX: usize = LESION_NAME_MAX;
pub const PRINT_OTHER_SIDE_EFFECT_MAX: usize = 60;
pub const PRINT_QUESTION_MAX: usize = 200;

/// The most a browser stores for one site: 5 MiB of UTF-16 code units, keys and values (Chromium
/// gives 10 MiB of UTF-16, Firefox and Safari 5 MB of characters).
pub const STORAGE_MAX_UNITS: usize = 5 * 1024 * 1024;

/// The largest file a restore reads: the largest backup of a diary that storage can hold. A
/// backup is the stored diary's text with a few fields around it, as UTF-8, where a code unit
/// takes at most 3 bytes (Chinese, Greek, an emoji's two units 4): 15 MiB, and a margin. (It was
/// 12 MiB, from notes written in English: a diary written in Greek or Chinese that storage held
/// could not come back from its own backup.) A usual ten-year backup is under 2 MB. A larger file
/// is refused before it is read, so it never takes up the widget's memory.
pub const BACKUP_MAX_BYTES: f64 = (3 * STORAGE_MAX_UNITS + 1024 * 1024) as f64;

/// Can a file of this many bytes be one of our backups?
pub fn backup_size_ok(bytes: f64) -> bool {
    bytes <= BACKUP_MAX_BYTES
}

/// The length of `text` as a browser's `maxlength` counts it (UTF-16 code units).
pub fn length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `text` shortened to at most `max` characters for showing, ending in "…" when it was cut.
/// Cuts between characters (never inside one), and drops the space before the ellipsis.
pub fn clip(text: &str, max: usize) -> Cow<'_, str> {
    let max = max.max(1);
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(max - 1)
                .map_or(text.len(), |(i, _)| i);
            Cow::Owned(format!("{}\u{2026}", text[..end].trim_end()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ten_year_backup_fits_and_a_twenty_megabyte_file_does_not() {
        assert!(backup_size_ok(9.0 * 1024.0 * 1024.0));
        assert!(!backup_size_ok(20.0 * 1024.0 * 1024.0));
    }

    /// Found by review: the limit was set from notes in English (a byte a character). The
    /// fullest diary storage can hold, written in a script of three bytes a character, comes
    /// back from its own backup.
    #[test]
    fn the_backup_of_the_fullest_diary_storage_holds_fits_in_any_script() {
        use crate::core::diary::{CheckIn, Diary};
        use crate::core::diary_store::DIARY_SCHEMA;
        use crate::core::export::backup::{to_backup, BackupSettings};
        use crate::core::prefs::Prefs;
        use crate::core::time::Instant;
        let note = "石灰沉着".repeat(NOTES_MAX / 4);
        let diary_of = |n: i64| {
            let mut diary = Diary::default();
            for i in 0..n {
                let at = Instant(1_500_000_000_000 + i * 86_400_000);
                diary.upsert(CheckIn {
                    id: format!("c{i:05}"),
                    at,
                    updated: at,
                    notes: note.clone(),
                    ..CheckIn::default()
                });
            }
            diary
        };
        let units =
            |d: &Diary| length(&crate::core::schema::encode_sized(&DIARY_SCHEMA, d, 0).unwrap());
        // Each check-in takes the same room: as many as storage holds.
        let (one, two) = (units(&diary_of(1)), units(&diary_of(2)));
        let n = (STORAGE_MAX_UNITS - one) / (two - one) + 1;
        let diary = diary_of(n as i64);
        let stored_units = units(&diary);
        assert!(stored_units <= STORAGE_MAX_UNITS);
        assert!(stored_units > STORAGE_MAX_UNITS - NOTES_MAX * 2);
        let prefs = Prefs {
            patient_name: "名".repeat(PATIENT_NAME_MAX),
            ..Prefs::default()
        };
        let backup = to_backup(&diary, Some(&BackupSettings::of(&prefs)), Instant(0));
        assert!(backup.len() > 12 * 1024 * 1024, "{} bytes", backup.len());
        assert!(
            backup_size_ok(backup.len() as f64),
            "{} bytes",
            backup.len()
        );
    }

    #[test]
    fn short_text_is_not_touched() {
        assert!(matches!(clip("thumb", 60), Cow::Borrowed("thumb")));
        let exactly = "x".repeat(60);
        assert_eq!(clip(&exactly, 60), exactly);
        assert_eq!(clip("", 5), "");
    }

    #[test]
    fn long_text_is_cut_to_the_limit_with_an_ellipsis() {
        let word = "a".repeat(100_000);
        let out = clip(&word, 120);
        assert_eq!(out.chars().count(), 120);
        assert!(out.ends_with('\u{2026}'));
        assert!(out.starts_with("aaa"));
        // No space is left dangling before the ellipsis.
        assert_eq!(clip("one two three", 5), "one\u{2026}");
    }

    #[test]
    fn cuts_between_characters_never_inside_one() {
        let text = "🦴é痛".repeat(50);
        let out = clip(&text, 7);
        assert_eq!(out, "🦴é痛🦴é痛\u{2026}");
        assert_eq!(clip("éé", 1), "\u{2026}");
    }

    #[test]
    fn lengths_count_as_maxlength_does() {
        assert_eq!(length("abc"), 3);
        assert_eq!(length("é"), 1);
        assert_eq!(length("🦴"), 2, "an emoji is two UTF-16 units");
    }

    // The printout never shows more than a patient can type.
    const _: () = assert!(PRINT_OTHER_SIDE_EFFECT_MAX <= OTHER_SIDE_EFFECT_MAX);
    const _: () = assert!(PRINT_NAME_MAX <= PATIENT_NAME_MAX);
    const _: () = assert!(PRINT_LESION_NAME_MAX <= LESION_NAME_MAX);
}
