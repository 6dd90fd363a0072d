//! Files the patient can take away: a full backup to restore from, a spreadsheet of check-ins,
//! a FHIR bundle for clinic systems and a calendar reminder. Each is built here as text from the
//! diary; the platform only offers the text as a download, so nothing leaves the device unless
//! the patient shares the file.

pub mod backup;
pub mod csv;
pub mod fhir;
pub mod ics;

use super::date::Date;
use super::diary::Size;
use super::json::{self, Code};

/// A file the patient can save, with its name and type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Download<'a> {
    /// The full backup, named with the local date it was made.
    Backup {
        today: Date,
    },
    CheckInsCsv {
        today: Date,
    },
    MedicinesCsv {
        today: Date,
    },
    Fhir {
        today: Date,
    },
    /// The calendar reminder: one name, so saving it again replaces the old file.
    Reminder,
    /// A kept copy of stored data this version could not read, named after its storage key.
    KeptCopy {
        key: &'a str,
    },
}

impl Download<'_> {
    pub fn file_name(&self) -> String {
        match self {
            Download::Backup { today } => format!("calcinosis-diary-backup-{today}.json"),
            Download::CheckInsCsv { today } => format!("calcinosis-diary-{today}.csv"),
            Download::MedicinesCsv { today } => format!("calcinosis-medicines-{today}.csv"),
            Download::Fhir { today } => format!("calcinosis-diary-fhir-{today}.json"),
            Download::Reminder => "calcinosis-check-in-reminder.ics".to_string(),
            // Dots separate a key's parts; a file name keeps only the last one as its type.
            Download::KeptCopy { key } => format!("{}.txt", key.replace('.', "-")),
        }
    }

    pub fn mime(&self) -> &'static str {
        match self {
            Download::Backup { .. } => backup::MIME,
            Download::CheckInsCsv { .. } | Download::MedicinesCsv { .. } => csv::MIME,
            Download::Fhir { .. } => fhir::MIME,
            Download::Reminder => ics::MIME,
            Download::KeptCopy { .. } => "text/plain",
        }
    }
}

/// The stable kebab-case code of a unit enum variant (`Sign::OpenSore` is `open-sore`): the
/// same codes as in storage, so every export names things the same way.
pub fn key<T: Code>(value: &T) -> String {
    value.code().to_string()
}

/// The value whose `key` is `code` (`open-sore` is `Sign::OpenSore`), if there is one.
pub fn from_key<T: Code>(code: &str) -> Option<T> {
    json::from_code(code)
}

/// A size as one short text: the word code (`pea`) or millimetres (`12 mm`).
pub fn size_text(size: Size) -> String {
    match size.word() {
        Some(word) => word.to_string(),
        None => match size {
            Size::Mm(mm) => format!("{mm} mm"),
            _ => String::new(),
        },
    }
}

/// A name-based UUID (version 8, RFC 9562) built from two 64-bit FNV-1a hashes of `name`. The
/// same record always gets the same identifier, so exporting twice gives the same file, and a
/// calendar or clinic system recognises a record it has seen. Not for secrets: FNV is not a
/// cryptographic hash, and nothing here needs one.
pub(crate) fn uuid_for(name: &str) -> String {
    let fnv = |seed: u64| {
        name.bytes().fold(seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&fnv(0xcbf2_9ce4_8422_2325).to_be_bytes());
    bytes[8..].copy_from_slice(&fnv(0x8422_2325_cbf2_9ce4).to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::Sign;

    #[test]
    fn keys_are_the_serde_names() {
        assert_eq!(key(&Sign::ChalkyDischarge), "chalky-discharge");
        assert_eq!(size_text(Size::RiceGrain), "rice-grain");
        assert_eq!(size_text(Size::Mm(12)), "12 mm");
    }

    #[test]
    fn download_names_carry_the_local_date_and_a_fitting_type() {
        let today = Date::parse("2026-07-15").unwrap();
        let cases = [
            (
                Download::Backup { today },
                "calcinosis-diary-backup-2026-07-15.json",
                "application/json",
            ),
            (
                Download::CheckInsCsv { today },
                "calcinosis-diary-2026-07-15.csv",
                "text/csv;charset=utf-8",
            ),
            (
                Download::MedicinesCsv { today },
                "calcinosis-medicines-2026-07-15.csv",
                "text/csv;charset=utf-8",
            ),
            (
                Download::Fhir { today },
                "calcinosis-diary-fhir-2026-07-15.json",
                "application/fhir+json",
            ),
            (
                Download::Reminder,
                "calcinosis-check-in-reminder.ics",
                "text/calendar;charset=utf-8",
            ),
            (
                Download::KeptCopy {
                    key: "calcinosis-guide.default.diary.unreadable-1",
                },
                "calcinosis-guide-default-diary-unreadable-1.txt",
                "text/plain",
            ),
        ];
        for (download, name, mime) in cases {
            assert_eq!(
                (download.file_name().as_str(), download.mime()),
                (name, mime)
            );
        }
    }

    #[test]
    fn every_sign_comes_back_from_its_key_and_nonsense_from_none() {
        for s in Sign::ALL {
            assert_eq!(from_key::<Sign>(&key(&s)), Some(s));
        }
        assert_eq!(from_key::<Sign>("not-a-sign"), None);
    }

    #[test]
    fn uuids_are_stable_well_formed_and_distinct() {
        let a = uuid_for("check-in:c1");
        assert_eq!(a, uuid_for("check-in:c1"));
        assert_ne!(a, uuid_for("check-in:c2"));
        assert_ne!(a, uuid_for("lesion:c1"));
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(a
            .chars()
            .all(|c| c == '-' || matches!(c, '0'..='9' | 'a'..='f')));
        assert!(parts[2].starts_with('8'));
        assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
        let many: std::collections::HashSet<String> =
            (0..10_000).map(|i| uuid_for(&format!("c{i}"))).collect();
        assert_eq!(many.len(), 10_000);
    }
}
