//! Letter case and word characters for the alphabets the widget's texts are written in.
//!
//! The standard library's `to_lowercase` and `is_alphanumeric` cover all of Unicode through
//! lookup tables that cost the download about 9 KB brotli (measured). The widget compares texts
//! in English and Portuguese, and what patients type on their devices, so these cover the Latin
//! alphabets (ASCII, Latin-1, Latin Extended-A and B) and the basic Greek and Cyrillic capitals.
//! Outside that they never give a wrong answer, only a narrower one: a character is left as it
//! is, and is not counted as part of a word. The tests hold both promises against the standard
//! library, character by character.

/// The lower-case form of `c`, where that is one character in the alphabets above; else `c`.
pub fn lower(c: char) -> char {
    let n = c as u32;
    let shift = match n {
        // A-Z, À-Þ (but not ×), Greek Α-Ϋ (but not the gap at U+03A2), Cyrillic А-Я.
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            0x20
        }
        // Cyrillic Ѐ-Џ.
        0x400..=0x40F => 0x50,
        // Latin Extended-A: upper and lower case take turns, upper on the even code points ...
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if n.is_multiple_of(2) => 1,
        // ... and here on the odd ones.
        0x139..=0x148 | 0x179..=0x17E if !n.is_multiple_of(2) => 1,
        0x178 => return 'ÿ',
        _ => 0,
    };
    char::from_u32(n + shift).unwrap_or(c)
}

/// `text` in lower case, one character at a time (see `lower`).
pub fn lower_str(text: &str) -> String {
    text.chars().map(lower).collect()
}

/// `c` in lower case without the accents Portuguese writes ("não" reads "nao", "Febre" reads
/// "febre"): to find a word however it was typed. Other characters as `lower` gives them.
pub fn plain(c: char) -> char {
    match lower(c) {
        'á' | 'à' | 'â' | 'ã' => 'a',
        'é' | 'ê' => 'e',
        'í' => 'i',
        'ó' | 'ô' | 'õ' => 'o',
        'ú' | 'ü' => 'u',
        'ç' => 'c',
        c => c,
    }
}

/// Whether `c` is a letter or a digit in the alphabets above (Latin-1's ª, º, µ, ², ³, ¹ and the
/// vulgar fractions count, as in Unicode). Other scripts' letters are not counted.
pub fn is_letter_or_digit(c: char) -> bool {
    matches!(
        c as u32,
        0x30..=0x39
            | 0x41..=0x5A
            | 0x61..=0x7A
            | 0xAA
            | 0xB2
            | 0xB3
            | 0xB5
            | 0xB9
            | 0xBA
            | 0xBC..=0xBE
            | 0xC0..=0xD6
            | 0xD8..=0xF6
            | 0xF8..=0x24F
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_letters_drop_case_and_portuguese_accents() {
        let folded: String = "NÃO Esteróide Á À Â Ã É Ê Í Ó Ô Õ Ú Ç ü x"
            .chars()
            .map(plain)
            .collect();
        assert_eq!(folded, "nao esteroide a a a a e e i o o o u c u x");
    }

    /// The standard library's lower case of `c`, when it is a single character.
    fn std_lower(c: char) -> Option<char> {
        let mut it = c.to_lowercase();
        match (it.next(), it.next()) {
            (Some(l), None) => Some(l),
            _ => None,
        }
    }

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFF).filter_map(char::from_u32)
    }

    fn covered(c: char) -> bool {
        matches!(c as u32, 0..=0x24F | 0x391..=0x3AB | 0x400..=0x42F)
    }

    #[test]
    fn lower_is_never_wrong() {
        for c in all_chars() {
            let l = lower(c);
            assert!(
                l == c || Some(l) == std_lower(c),
                "{c:?} (U+{:04X}) lowered to {l:?}, std gives {:?}",
                c as u32,
                c.to_lowercase().collect::<String>()
            );
        }
    }

    #[test]
    fn lower_is_complete_for_the_alphabets_covered() {
        let mut checked = 0;
        for c in all_chars().filter(|&c| covered(c)) {
            // Latin Extended-B (U+0180-U+024F) is there for word characters only.
            if (0x180..=0x24F).contains(&(c as u32)) {
                continue;
            }
            if let Some(l) = std_lower(c) {
                assert_eq!(lower(c), l, "U+{:04X}", c as u32);
                checked += 1;
            }
        }
        // Every character of those blocks but İ (U+0130, two characters in lower case): 384 of
        // ASCII, Latin-1 and Latin Extended-A, 27 Greek, 48 Cyrillic.
        assert_eq!(checked, 384 - 1 + 27 + 48);
    }

    #[test]
    fn lower_str_matches_std_on_english_and_portuguese() {
        for text in [
            "Calcinosis Cutis",
            "ÚLCERA ABERTA, DOR E FEBRE",
            "Ação, Coração, Çà, Ñ, Õ, Ê, Â",
            "Raynaud’s",
            "ÀÉÎÕÜ ÆØÅ ĀĒĪŌŪ ŁŃŚŹŻ ČŠŽ",
        ] {
            assert_eq!(lower_str(text), text.to_lowercase(), "{text}");
        }
        // A few it deliberately leaves alone: one letter would become two, or Σ at a word's end.
        assert_eq!(lower_str("İ"), "İ");
        assert_ne!("İ".to_lowercase(), "İ");
    }

    #[test]
    fn word_characters_match_std_where_covered_and_never_add_any() {
        for c in all_chars() {
            if covered(c) && (c as u32) < 0x250 {
                assert_eq!(
                    is_letter_or_digit(c),
                    c.is_alphanumeric(),
                    "U+{:04X}",
                    c as u32
                );
            } else {
                assert!(
                    !is_letter_or_digit(c) || c.is_alphanumeric(),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
        assert!(is_letter_or_digit('ç') && is_letter_or_digit('Ã') && is_letter_or_digit('7'));
        assert!(!is_letter_or_digit('\'') && !is_letter_or_digit(' ') && !is_letter_or_digit('×'));
    }
}
