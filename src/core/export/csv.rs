//! The diary as a spreadsheet: one row per lesion observation, with the check-in's overall
//! answers repeated on each of its rows (a check-in without lesions still gets one row). The
//! patient's list of medicines is its own small file (`medicines_csv`), one row per medicine:
//! it has nothing to do with any one check-in.
//!
//! RFC 4180 (quoted cells, CRLF line ends), UTF-8 with a byte-order mark so that Excel reads
//! accents and emoji. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! (after any spaces or other control characters, which a spreadsheet drops) gets a leading `'`,
//! so a spreadsheet never runs a patient's note as a formula.
//!
//! Cells are separated as the clinic's spreadsheet expects (`separator`): Excel splits a file
//! opened from disk on the list separator of the computer's region, which is `;` where a comma
//! is the decimal mark, as in Portugal. The clinic's language says which (its `lang`, else its
//! page's; else the language the widget speaks), not the one a patient switches to.
//!
//! The quoting is written here rather than taken from `csv-core`: that crate links float parsing
//! into the WebAssembly (measured: 14 KB more after brotli) for a rule of a few lines. The tests
//! read the output back with the `csv` crate.

use super::{key, size_text};
use crate::core::diary::{CheckIn, Diary, Lesion, Observation};
use crate::core::lang::Lang;
use crate::core::sites::Site;
use crate::core::time::{offset_text, Zone};
use crate::core::triage;

/// The separator between cells for a clinic whose widget speaks `lang`: `;` in Portugal, where
/// the comma is the decimal mark (a comma-separated file opens in one column there), `,` for
/// English.
pub fn separator(lang: Lang) -> char {
    match lang {
        Lang::En => ',',
        Lang::PtPt => ';',
    }
}

pub const MIME: &str = "text/csv;charset=utf-8";

pub const HEADER: [&str; 27] = [
    "check_in_id",
    "date",
    "time",
    "utc_offset",
    "pain",
    "fever",
    "lump_now",
    "raynaud",
    "stiffness",
    "daily_effect",
    "sleep_disturbed",
    "warnings",
    "immune_weakening",
    "adherence",
    "side_effects",
    "other_side_effect",
    "notes",
    "lesion_id",
    "site_id",
    "site_label",
    "lesion_name",
    "lesion_marked_healed_as_of_export",
    "lesion_pain",
    "size",
    "signs",
    "advice_at_the_time",
    "advice_reasons",
];

/// Every live check-in, oldest first, with its local date and time in `zone` (the offset in force
/// at that check-in, so summer ones are not an hour off) and that offset (`UTC+01:00`), without
/// which the hour repeated when clocks go back holds two check-ins that cannot be told apart,
/// nor placed by a clinic in another zone. The offset is written after "UTC" rather than bare:
/// a cell starting with `+` or `-` would get the formula guard's `'` on every row, and unguarded
/// a spreadsheet reads `-05:00` as a negative time. Codes (signs, warnings, side effects,
/// adherence, sizes) are the stable ones of storage, several in one cell joined by `"; "`; site
/// labels come from `site_label`, so they follow the language.
///
/// `lump_now` ("I have a lump or sore now, even one not in this diary", what makes a fever a
/// same-day call when no lump is known) is "yes" or empty, never "no": the form asks it only
/// with a fever and no lump in the check-in or the diary, so an unticked box is most often a
/// question never asked.
///
/// `lesion_marked_healed_as_of_export` is the lump's state when the file is made, repeated on
/// every row about it, not its state at that row's check-in: the local date (as the rows' dates)
/// the patient marked it healed, "yes" when it was marked by an older version that kept no
/// date, empty when it is not healed now (also when it healed once and is followed again, and
/// when it was removed from the diary: a removed lump has no state now, though its rows still
/// give its id, site and name, as the history does).
///
/// `advice_at_the_time` and `advice_reasons` are the result the patient was shown when the
/// check-in was saved (its level, `call-today`, and the warning signs behind it), as the
/// history and the printout give it (`triage::as_given`): a clinic reading the file sees what
/// the patient was told to do, and why.
///
/// `sep` separates the cells (`separator`).
pub fn checkins_csv(
    diary: &Diary,
    zone: &dyn Zone,
    site_label: &dyn Fn(Site) -> String,
    sep: char,
) -> String {
    let mut out = Out::new(sep);
    out.row(HEADER.iter().map(|h| h.to_string()));
    let check_ins: Vec<&CheckIn> = diary.entries().collect();
    let known = triage::Known::of(diary);
    for (i, c) in check_ins.iter().enumerate().rev() {
        let advice = triage::as_given(c, check_ins.get(i + 1).copied(), &known);
        let (local, offset_min) = c.at.local_and_offset_in(zone);
        let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
        // A "yes" or nothing, for a box the form asks only some of the time.
        let yes_if = |b: bool| if b { "yes" } else { "" }.to_string();
        let list = |codes: Vec<String>| codes.join("; ");
        let overall = [
            c.id.clone(),
            local.date.to_string(),
            format!("{:02}:{:02}", local.hour, local.minute),
            format!("UTC{}", offset_text(offset_min)),
            c.pain.to_string(),
            yes(c.fever),
            yes_if(c.lump_now),
            yes(c.raynaud),
            yes(c.stiffness),
            c.daily_effect.map(|d| d.to_string()).unwrap_or_default(),
            yes(c.sleep),
            list(c.warnings.iter().map(key).collect()),
            yes(c.immune_weakening),
            c.adherence.as_ref().map(key).unwrap_or_default(),
            list(c.side_effects.iter().map(key).collect()),
            c.other_side_effect.clone(),
            c.notes.clone(),
        ];
        let advice = [
            advice.level.key().to_string(),
            list(advice.reasons.iter().map(|r| r.key().to_string()).collect()),
        ];
        let lesion_cells = |o: &Observation| {
            let lesion = diary.lesion(&o.lesion);
            [
                o.lesion.clone(),
                lesion.map(|l| l.site.id()).unwrap_or_default(),
                lesion.map(|l| site_label(l.site)).unwrap_or_default(),
                lesion.map(|l| l.name.clone()).unwrap_or_default(),
                lesion
                    .map(|l| healed_as_of_export(l, zone))
                    .unwrap_or_default(),
                o.pain.map(|p| p.to_string()).unwrap_or_default(),
                o.size.map(size_text).unwrap_or_default(),
                list(o.signs.iter().map(key).collect()),
            ]
        };
        if c.observations.is_empty() {
            let blank = HEADER.len() - overall.len() - advice.len();
            let blank = std::iter::repeat_n(String::new(), blank);
            out.row(overall.iter().cloned().chain(blank).chain(advice.clone()));
        }
        for o in &c.observations {
            let cells = overall.iter().cloned().chain(lesion_cells(o));
            out.row(cells.chain(advice.clone()));
        }
    }
    out.text
}

/// A lump's healed state now: the local day it was marked healed, "yes" without a known day,
/// empty when it is not healed now (see `Lesion::healed_now`: a removed lump is not).
fn healed_as_of_export(lesion: &Lesion, zone: &dyn Zone) -> String {
    match (lesion.healed_now(), lesion.marked_healed_at()) {
        (false, _) => String::new(),
        (true, Some(t)) => t.local_in(zone).date.to_string(),
        (true, None) => "yes".to_string(),
    }
}

pub const MEDICINES_HEADER: [&str; 4] = ["medicine_id", "name", "how", "updated"];

/// The live medicines, in the order they were added, with when each was last changed: RFC 3339
/// in local time with the offset then in force (`zone`), as the check-ins' times and the FHIR
/// file's `dateAsserted` give it, so one change reads the same hour in every file. The same
/// quoting, formula guard and separator (`sep`) as the check-ins.
pub fn medicines_csv(diary: &Diary, zone: &dyn Zone, sep: char) -> String {
    let mut out = Out::new(sep);
    out.row(MEDICINES_HEADER.iter().map(|h| h.to_string()));
    for m in diary.live_medicines() {
        out.row(
            [
                m.id.clone(),
                m.name.clone(),
                m.how.clone(),
                m.updated.to_rfc3339_in(zone),
            ]
            .into_iter(),
        );
    }
    out.text
}

/// Is `cell` one a spreadsheet could read as a formula?
fn risky(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Characters a spreadsheet may split cells on, whatever this file uses: a spreadsheet set to a
/// semicolon list separator (the default in Portugal) splits `ok;=cmd` into a live formula, and
/// a tool that reads the file line by line, ignoring the quotes, starts a row at each line break
/// inside a note.
const SEPARATORS: [char; 6] = [',', ';', '\t', '|', '\n', '\r'];

/// The cell with a `'` before every part that a spreadsheet could read as a formula: at the
/// start, and after each character it may split on (spaces after a separator are skipped, as
/// spreadsheets skip them, and so are control characters other than a tab and the line ends:
/// found by an audit, LibreOffice drops a vertical tab or form feed before `=1+1`, and writes
/// the formula bare when the file is saved again).
fn neutralise(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 1);
    let mut at_start = true;
    for (i, ch) in cell.char_indices() {
        let dropped = ch == ' ' || (ch.is_control() && !matches!(ch, '\t' | '\r' | '\n'));
        if at_start && !dropped {
            if risky(&cell[i..]) {
                out.push('\'');
            }
            at_start = false;
        }
        out.push(ch);
        if SEPARATORS.contains(&ch) {
            at_start = true;
        }
    }
    out
}

/// CSV text being written: RFC 4180 quoting, CRLF after each record, a byte-order mark first,
/// cells separated by `sep`.
struct Out {
    text: String,
    sep: char,
}

impl Out {
    fn new(sep: char) -> Out {
        Out {
            text: "\u{feff}".to_string(),
            sep,
        }
    }

    fn row(&mut self, cells: impl Iterator<Item = String>) {
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                self.text.push(self.sep);
            }
            let cell = neutralise(&cell);
            // RFC 4180: a cell holding a comma, quote or line break goes in quotes, with its own
            // quotes doubled; so does one holding any other separator a spreadsheet may use.
            if cell.contains([',', ';', '\t', '|', '"', '\r', '\n']) {
                self.text.push('"');
                self.text.push_str(&cell.replace('"', "\"\""));
                self.text.push('"');
            } else {
                self.text.push_str(&cell);
            }
        }
        self.text.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::{
        check_medicine, Adherence, Lesion, Medicine, SideEffect, Sign, Size, Warning,
    };
    use crate::core::json::Extra;
    use crate::core::test_support::{at, fever_with_lump_now, Lisbon};
    use crate::core::time::Instant;

    fn label(site: Site) -> String {
        format!("Label of {site}")
    }

    fn parse(text: &str) -> Vec<Vec<String>> {
        let body = text.strip_prefix('\u{feff}').expect("a byte-order mark");
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    fn diary() -> Diary {
        let mut d = Diary::default();
        for (id, site, name) in [
            ("l1", "right-index-finger", "finger, \"the big one\""),
            ("l2", "left-elbow", ""),
        ] {
            d.upsert_lesion(Lesion {
                healed_at: None,
                healed_earlier: Vec::new(),
                since: None,
                id: id.into(),
                site: Site::parse(site).unwrap(),
                name: name.into(),
                updated: at("2026-10-01T09:00:00Z"),
                deleted: false,
                healed: false,
                extra: Extra::NONE,
            });
        }
        d.upsert(CheckIn {
            id: "c1".into(),
            at: at("2026-10-01T23:30:00Z"),
            updated: at("2026-10-01T23:30:00Z"),
            pain: 4,
            fever: true,
            daily_effect: Some(6),
            warnings: vec![Warning::SeverePain, Warning::Hives],
            adherence: Some(Adherence::MissedSome),
            side_effects: vec![SideEffect::Headache, SideEffect::Other],
            other_side_effect: "=HYPERLINK(\"http://x\")".into(),
            notes: "Line one, with \"quotes\"\nline two 🩹 <b>bold</b>".into(),
            observations: vec![
                Observation {
                    lesion: "l1".into(),
                    pain: Some(5),
                    size: Some(Size::Mm(12)),
                    signs: vec![Sign::OpenSore, Sign::ChalkyDischarge],
                    extra: Extra::NONE,
                },
                Observation {
                    lesion: "l2".into(),
                    pain: None,
                    size: Some(Size::Pea),
                    signs: vec![],
                    extra: Extra::NONE,
                },
            ],
            ..CheckIn::default()
        });
        d.upsert(CheckIn {
            id: "c2".into(),
            at: at("2026-10-03T08:00:00Z"),
            updated: at("2026-10-03T08:00:00Z"),
            pain: 0,
            notes: "-2 points better; @home".into(),
            ..CheckIn::default()
        });
        let deleted = CheckIn {
            id: "gone".into(),
            at: at("2026-10-02T08:00:00Z"),
            updated: at("2026-10-02T08:00:00Z"),
            ..CheckIn::default()
        };
        d.upsert(deleted);
        d.delete("gone", at("2026-10-02T09:00:00Z"));
        d
    }

    #[test]
    fn one_row_per_observation_and_one_for_a_check_in_without_lesions() {
        let text = checkins_csv(&diary(), &60, &label, ',');
        let rows = parse(&text);
        assert_eq!(rows[0], HEADER);
        assert!(rows.iter().all(|r| r.len() == HEADER.len()));
        assert_eq!(
            rows.len(),
            1 + 2 + 1,
            "header, two observations, one bare check-in"
        );
        let (first, second, bare) = (&rows[1], &rows[2], &rows[3]);
        // 23:30 UTC is 00:30 the next day at UTC+1.
        assert_eq!(first[..5], ["c1", "2026-10-02", "00:30", "UTC+01:00", "4"]);
        assert_eq!(first[5..11], ["yes", "", "no", "no", "6", "no"]);
        assert_eq!(first[11], "severe-pain; hives");
        assert_eq!(first[12..15], ["no", "missed-some", "headache; other"]);
        assert_eq!(first[15], "'=HYPERLINK(\"http://x\")");
        assert_eq!(
            first[16],
            "Line one, with \"quotes\"\nline two 🩹 <b>bold</b>"
        );
        assert_eq!(
            first[17..25],
            [
                "l1",
                "right-index-finger",
                "Label of right-index-finger",
                "finger, \"the big one\"",
                "",
                "5",
                "12 mm",
                "open-sore; chalky-discharge"
            ]
        );
        assert_eq!(second[..17], first[..17]);
        assert_eq!(
            second[17..25],
            [
                "l2",
                "left-elbow",
                "Label of left-elbow",
                "",
                "",
                "",
                "pea",
                ""
            ]
        );
        assert_eq!(bare[0], "c2");
        // A spreadsheet splitting on ";" must not see "@home" as a formula either.
        assert_eq!(bare[16], "'-2 points better; '@home");
        assert!(bare[17..25].iter().all(String::is_empty));
        assert!(!text.contains("gone"), "deleted check-ins are left out");
        // The result the patient was shown, on every row of its check-in: a fever with severe
        // pain and hives is an emergency.
        assert_eq!(first[25], "emergency");
        let reasons: Vec<&str> = first[26].split("; ").collect();
        for r in ["fever-severe-pain", "hives", "fever-with-lesion"] {
            assert!(reasons.contains(&r), "{r} in {reasons:?}");
        }
        assert_eq!(second[25..], first[25..]);
        assert_eq!(bare[25..], ["none", ""]);
    }

    /// Found by an audit: the printout says what each check-in's result was, and a clinic
    /// reading the file saw only the answers. The advice is as it was given when saved, not as
    /// the rules would give it now.
    #[test]
    fn the_advice_given_at_the_time_is_in_the_file() {
        use crate::core::triage::{Given, Level, Reason};
        let mut d = diary();
        let mut c = d.check_in("c2").unwrap().clone();
        c.given.0 = Some(Given {
            level: Level::CallToday,
            reasons: vec![Reason::PusCloudy],
            for_update: c.updated,
        });
        d.upsert(c);
        let rows = parse(&checkins_csv(&d, &60, &label, ','));
        let bare = rows.iter().find(|r| r[0] == "c2").unwrap();
        assert_eq!(bare[25..], ["call-today", "pus-cloudy"]);
    }

    /// Found by an audit: a Portuguese clinic's Excel splits a file opened from disk on ";", so
    /// a comma-separated file opened in one column.
    #[test]
    fn a_portuguese_clinic_gets_semicolons() {
        assert_eq!(separator(Lang::PtPt), ';');
        assert_eq!(separator(Lang::En), ',');
        let text = checkins_csv(&diary(), &60, &label, ';');
        let body = text.strip_prefix('\u{feff}').unwrap();
        let rows: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(b';')
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(rows, parse(&checkins_csv(&diary(), &60, &label, ',')));
        assert!(body.starts_with("check_in_id;date;time;"));
        let meds = medicines_csv(&diary(), &60, ';');
        assert!(meds.starts_with("\u{feff}medicine_id;name;how;updated\r\n"));
    }

    /// "I have a lump or sore now" is what makes a fever a same-day call when no lump is in the
    /// diary: a clinician reading the file sees it beside the fever. It is asked only with a fever
    /// and no lump known, so only a "yes" is written; a check-in without it claims nothing.
    #[test]
    fn a_lump_said_to_be_there_now_is_its_own_column_beside_fever() {
        let mut d = diary();
        d.upsert(fever_with_lump_now("c3", "2026-10-04T08:00:00Z"));
        let rows = parse(&checkins_csv(&d, &0, &label, ','));
        let col = HEADER
            .iter()
            .position(|h| *h == "lump_now")
            .expect("a lump_now column");
        assert_eq!(HEADER[col - 1], "fever", "next to fever");
        let by_id = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
        let said = by_id("c3");
        assert_eq!((&*said[col - 1], &*said[col]), ("yes", "yes"));
        // A fever with lumps in the check-in, and no fever: the question was not asked.
        for id in ["c1", "c2"] {
            assert_eq!(by_id(id)[col], "", "{id} does not claim a lump now");
        }
    }

    /// Where the named column is, or a failure that names it.
    fn column(name: &str) -> usize {
        HEADER
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no {name} column in {HEADER:?}"))
    }

    /// 01:30 comes twice on the last Sunday of October where clocks go back: the UTC offset
    /// beside the time tells the two check-ins apart, and lets a clinic in another zone place
    /// them. It is the offset in force at each check-in, the one its date and time were worked
    /// out with, so date, time and offset always give back the check-in's instant.
    #[test]
    fn the_offset_in_force_is_beside_the_time_and_tells_a_repeated_hour_apart() {
        let mut d = Diary::default();
        for (id, when) in [
            ("c-summer-time", "2026-10-25T00:30:00Z"),
            ("c-winter-time", "2026-10-25T01:30:00Z"),
            ("c-july", "2026-07-01T12:00:00Z"),
        ] {
            d.upsert(CheckIn {
                id: id.into(),
                at: at(when),
                updated: at(when),
                ..CheckIn::default()
            });
        }
        let col = column("utc_offset");
        assert_eq!(HEADER[col - 1], "time", "right after time");
        let rows = parse(&checkins_csv(&d, &Lisbon, &label, ','));
        let cells = |r: &[String]| [r[0].clone(), r[1].clone(), r[2].clone(), r[col].clone()];
        assert_eq!(
            rows[1..].iter().map(|r| cells(r)).collect::<Vec<_>>(),
            [
                ["c-july", "2026-07-01", "13:00", "UTC+01:00"],
                ["c-summer-time", "2026-10-25", "01:30", "UTC+01:00"],
                ["c-winter-time", "2026-10-25", "01:30", "UTC+00:00"],
            ]
        );
        for r in &rows[1..] {
            let offset = r[col].strip_prefix("UTC").expect("UTC and the offset");
            let written = format!("{}T{}:00{offset}", r[1], r[2]);
            assert_eq!(
                Instant::parse_rfc3339(&written),
                Some(d.check_in(&r[0]).unwrap().at),
                "{written}"
            );
        }
        // Zones west of UTC, and offsets that are not whole hours.
        for (zone, want) in [
            (-300, "UTC-05:00"),
            (-210, "UTC-03:30"),
            (345, "UTC+05:45"),
            (0, "UTC+00:00"),
        ] {
            let rows = parse(&checkins_csv(&d, &zone, &label, ','));
            assert!(rows[1..].iter().all(|r| r[col] == want), "{zone}: {rows:?}");
        }
    }

    /// A lump the patient marked healed says so on every row about it: the local date it was
    /// marked (worked out as a row's date is), or "yes" for one marked before that date was
    /// kept. It is the lump's state when the file was made, not at that check-in, and the
    /// column's name says so; a lump not healed now (even one healed once and followed again)
    /// leaves it empty.
    #[test]
    fn a_lump_marked_healed_says_when_on_its_rows_as_of_export() {
        let mut d = diary();
        let mut l1 = d.lesion("l1").unwrap().clone();
        l1.healed = true;
        l1.healed_at = Some(at("2026-10-05T23:30:00Z"));
        d.upsert_lesion(l1);
        let mut l2 = d.lesion("l2").unwrap().clone();
        l2.healed_at = Some(at("2026-10-02T10:00:00Z"));
        d.upsert_lesion(l2);
        d.upsert_lesion(Lesion {
            healed_at: None,
            healed_earlier: Vec::new(),
            since: None,
            id: "l3".into(),
            site: Site::parse("left-knee").unwrap(),
            name: "marked healed by an older version".into(),
            updated: at("2026-10-01T09:00:00Z"),
            deleted: false,
            healed: true,
            extra: Extra::NONE,
        });
        d.upsert(CheckIn {
            id: "c3".into(),
            at: at("2026-10-04T08:00:00Z"),
            updated: at("2026-10-04T08:00:00Z"),
            observations: vec![Observation {
                lesion: "l3".into(),
                pain: Some(1),
                size: None,
                signs: vec![],
                extra: Extra::NONE,
            }],
            ..CheckIn::default()
        });
        let col = column("lesion_marked_healed_as_of_export");
        assert_eq!(
            HEADER[col - 1],
            "lesion_name",
            "with the lump's other columns"
        );
        let rows = parse(&checkins_csv(&d, &60, &label, ','));
        let lesion = column("lesion_id");
        let cell = |check_in: &str, lump: &str| {
            let row = rows.iter().find(|r| r[0] == check_in && r[lesion] == lump);
            row.unwrap_or_else(|| panic!("no row for {check_in} {lump}"))[col].clone()
        };
        // 23:30 UTC is 00:30 the next day at UTC+1, as the row's own date would be.
        assert_eq!(
            cell("c1", "l1"),
            "2026-10-06",
            "healed, with the day it was marked"
        );
        assert_eq!(cell("c3", "l3"), "yes", "healed, day not known");
        assert_eq!(cell("c1", "l2"), "", "not healed now");
        assert_eq!(cell("c2", ""), "", "a check-in without lumps");
        let west = parse(&checkins_csv(&d, &-600, &label, ','));
        let row = west.iter().find(|r| r[lesion] == "l1").unwrap();
        assert_eq!(
            row[col], "2026-10-05",
            "the day in the zone the rows are written in"
        );
    }

    /// A lump marked healed and then removed from the diary has no state now: its rows leave
    /// the healed column empty (it is not "healed as of export", it is gone), whether or not the
    /// day it was marked is known. Its check-ins still say which lump they were about: id, site
    /// and name, as its tombstone keeps them and the history shows them.
    #[test]
    fn a_lump_removed_after_it_was_marked_healed_is_not_healed_as_of_export() {
        let mut d = diary();
        for (id, healed_at) in [("l1", Some(at("2026-10-05T23:30:00Z"))), ("l2", None)] {
            let mut l = d.lesion(id).unwrap().clone();
            l.healed = true;
            l.healed_at = healed_at;
            l.deleted = true;
            d.upsert_lesion(l);
        }
        let rows = parse(&checkins_csv(&d, &60, &label, ','));
        let (lesion, col) = (
            column("lesion_id"),
            column("lesion_marked_healed_as_of_export"),
        );
        let row = |lump: &str| rows.iter().find(|r| r[lesion] == lump).unwrap().clone();
        for lump in ["l1", "l2"] {
            assert_eq!(row(lump)[col], "", "{lump}: removed, so no state now");
        }
        assert_eq!(
            row("l1")[lesion..col],
            [
                "l1",
                "right-index-finger",
                "Label of right-index-finger",
                "finger, \"the big one\""
            ]
        );
    }

    #[test]
    fn bom_crlf_and_quoting_follow_rfc_4180() {
        let text = checkins_csv(&diary(), &0, &label, ',');
        assert!(text.starts_with("\u{feff}check_in_id,date,time,"));
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.matches("\r\n").count(), 4, "one CRLF per record");
        // The note's own line break stays inside its quoted cell.
        assert!(text.contains("\"Line one, with \"\"quotes\"\"\nline two"));
        let empty = checkins_csv(&Diary::default(), &0, &label, ',');
        assert_eq!(parse(&empty), vec![HEADER.to_vec()]);
    }

    #[test]
    fn a_formula_after_any_separator_is_neutralised_and_the_cell_quoted() {
        for (cell, want) in [
            ("ok;=cmd|' /C calc'!A0", "ok;'=cmd|' /C calc'!A0"),
            ("a, +1", "a, '+1"),
            ("x\t@SUM(A1)", "x\t'@SUM(A1)"),
            ("p|-2", "p|'-2"),
            ("=1", "'=1"),
            ("  =1", "  '=1"),
            ("1+1=2; fine", "1+1=2; fine"),
            // A line break inside a note starts a row for a tool that splits lines.
            (
                "better today\n=cmd|' /C calc'!A0",
                "better today\n'=cmd|' /C calc'!A0",
            ),
            ("a\r\n+1", "a\r\n'+1"),
            ("one\n  @two", "one\n  '@two"),
            ("line one\n-2 tablets", "line one\n'-2 tablets"),
            ("two\nlines", "two\nlines"),
            // Found by an audit: control characters a spreadsheet drops before a formula.
            ("\u{b}=1+1", "\u{b}'=1+1"),
            ("\u{c}+1", "\u{c}'+1"),
            (" \u{0}\u{1f} @x", " \u{0}\u{1f} '@x"),
            ("ok;\u{b}-2", "ok;\u{b}'-2"),
            ("\u{b}fine", "\u{b}fine"),
        ] {
            assert_eq!(neutralise(cell), want, "{cell:?}");
        }
        let mut out = Out::new(',');
        out.row(
            [
                "ok;=cmd|' /C calc'!A0".to_string(),
                "semi;colon".to_string(),
            ]
            .into_iter(),
        );
        assert_eq!(
            out.text,
            "\u{feff}\"ok;'=cmd|' /C calc'!A0\",\"semi;colon\"\r\n"
        );
        out.row(["seen\r\n=1+1".to_string(), "x\n@y".to_string()].into_iter());
        out.row(["\u{b}=1+1".to_string(), "a|\u{c}+2".to_string()].into_iter());
        // Read as a semicolon-separated file, or line by line, no field starts with a formula
        // character.
        let body = out.text.trim_start_matches('\u{feff}');
        for field in body.split([';', ',', '\t', '|', '\n', '\r']) {
            let field = field.trim_start_matches(|c: char| c == ' ' || c == '"' || c.is_control());
            assert!(!risky(field), "{field:?} would run as a formula");
        }
    }

    #[test]
    fn only_leading_formula_characters_are_neutralised() {
        for (cell, risky_cell) in [
            ("=1+1", true),
            ("+1", true),
            ("-1", true),
            ("@SUM(A1)", true),
            ("\tx", true),
            ("\rx", true),
            ("1+1=2", false),
            ("a-b", false),
            ("", false),
            ("é", false),
        ] {
            assert_eq!(risky(cell), risky_cell, "{cell:?}");
        }
    }

    #[test]
    fn medicines_one_row_each_quoted_and_guarded() {
        let mut d = diary();
        for (id, name, how) in [
            (
                "m1",
                "Diltiazem, 60",
                "One in the morning\nand one at \"night\"",
            ),
            ("m2", "=cmd|' /C calc'!A0", "-1 tablet if bad; @night"),
            ("m3", "Gone", ""),
        ] {
            let text = check_medicine(name, how).unwrap();
            d.upsert_medicine(Medicine::new(id.into(), text, at("2026-10-01T09:00:00Z")));
        }
        d.delete_medicine("m3", at("2026-10-02T09:00:00Z"));
        let text = medicines_csv(&d, &Lisbon, ',');
        assert!(text.starts_with("\u{feff}medicine_id,name,how,updated\r\n"));
        let rows = parse(&text);
        assert_eq!(
            rows,
            vec![
                MEDICINES_HEADER
                    .iter()
                    .map(|h| h.to_string())
                    .collect::<Vec<_>>(),
                vec![
                    "m1".into(),
                    "Diltiazem, 60".into(),
                    "One in the morning\nand one at \"night\"".into(),
                    // Summer time in Lisbon: the hour the FHIR file gives, not UTC's.
                    "2026-10-01T10:00:00+01:00".into()
                ],
                vec![
                    "m2".into(),
                    "'=cmd|' /C calc'!A0".into(),
                    "'-1 tablet if bad; '@night".into(),
                    "2026-10-01T10:00:00+01:00".into()
                ],
            ]
        );
        assert!(!text.contains("Gone"), "removed medicines are left out");
        assert_eq!(
            parse(&medicines_csv(&Diary::default(), &Lisbon, ',')),
            vec![MEDICINES_HEADER.to_vec()]
        );
    }
}
