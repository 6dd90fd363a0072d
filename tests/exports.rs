//! Every export built from one realistic diary (90 days, 4 lesions, side effects, notes with
//! commas, quotes, line breaks, emoji and HTML), checked here by reading each back, and written
//! to `target/exports/` for `scripts/validate_exports.py` to check with independent validators.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use calcinosis_guide::core::content::install;
use calcinosis_guide::core::date::Date;
use calcinosis_guide::core::diary::{
    check_medicine, Adherence, CheckIn, Diary, Lesion, Medicine, Observation, QuestionNote,
    SideEffect, Sign, Size, Warning,
};
use calcinosis_guide::core::export::backup::{restore, to_backup, BackupSettings};
use calcinosis_guide::core::export::csv::{checkins_csv, medicines_csv, HEADER, MEDICINES_HEADER};
use calcinosis_guide::core::export::fhir::{fhir_bundle, PAIN_CODE};
use calcinosis_guide::core::export::ics::{reminder_ics, Frequency, Reminder, Weekday};
use calcinosis_guide::core::json::Extra;
use calcinosis_guide::core::lang::Lang;
use calcinosis_guide::core::sites::Site;
use calcinosis_guide::core::summary::{summarise, Period};
use calcinosis_guide::core::time::{days_from_civil, Instant, Zone};
use calcinosis_guide::core::triage::note_given;
use serde_json::{json, Value};

const NOW: &str = "2026-11-25T18:00:00Z";
/// The patient's offset from UTC (central Europe in winter), so local dates differ from UTC.
const OFFSET_MIN: i32 = 60;
const REMINDER_SUMMARY: &str = "Calcinosis diary: a minute for today's check-in 🩹";
const REMINDER_TEXT: &str = "How is the pain, and each lump or sore?\nOpen the diary, answer the \
     questions; it takes about a minute. Problems, red streaks or pus: call the clinic today — \
     não espere.";

fn now() -> Instant {
    Instant::parse_rfc3339(NOW).unwrap()
}

fn at(text: &str) -> Instant {
    Instant::parse_rfc3339(text).unwrap()
}

/// The patient's zone, which the check-ins' CSV and the FHIR bundle are written in: central
/// European time as Paris keeps it, UTC+1 and UTC+2 from 01:00 UTC on the last Sunday of March
/// to 01:00 UTC on the last Sunday of October. The 90 days cross the October change; the
/// validator checks each offset, date and time with Python's own Europe/Paris (named in
/// expected.json).
struct Paris;

const ZONE: &str = "Europe/Paris";

impl Zone for Paris {
    fn offset_min(&self, t: Instant) -> i32 {
        let year = t.to_local(0).date.year;
        // 01:00 UTC on the last Sunday of a 31-day month (1970-01-04 was a Sunday).
        let change = |month| {
            let last = days_from_civil(year, month, 31);
            (last - (last - 3).rem_euclid(7)) * 86_400_000 + 3_600_000
        };
        if (change(3)..change(10)).contains(&t.0) {
            120
        } else {
            60
        }
    }
}

/// Two check-ins in the hour that comes twice when the clocks go back: both at 02:30 in Paris,
/// the first in summer time (UTC+2), the second in winter time (UTC+1).
const REPEATED_HOUR: [(u32, &str); 2] =
    [(57, "2026-10-25T00:30:00Z"), (58, "2026-10-25T01:30:00Z")];

/// Lumps the patient marked healed, and when (none for one marked by an older version, which
/// kept no time): neither is in a check-in after that. 23:30 UTC is the next day in Paris.
const HEALED: [(&str, u32, Option<&str>); 2] = [
    ("l-elbow", 80, Some("2026-11-17T23:30:00Z")),
    ("l-buttock", 70, None),
];

/// A lump marked healed and then removed from the diary (its tombstone keeps its site, name and
/// healed mark), seen in every third check-in up to the one numbered here: removed, it has no
/// state as of export, so no export says it is healed.
const REMOVED: (&str, &str, &str, u32, &str) = (
    "l-removed",
    "left-knee",
    "knee lump",
    30,
    "2026-09-30T21:15:00Z",
);

const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The note as typed: the cell less each `'` the formula guard put before a formula character,
/// at the start or after a separator.
fn unguard(cell: &str) -> String {
    let chars: Vec<char> = cell.chars().collect();
    let mut out = String::new();
    let mut at_start = true;
    for (i, &ch) in chars.iter().enumerate() {
        if at_start && ch != ' ' {
            at_start = false;
            if ch == '\'' && chars.get(i + 1).is_some_and(|n| FORMULA_START.contains(n)) {
                continue;
            }
        }
        out.push(ch);
        if [',', ';', '\t', '|'].contains(&ch) {
            at_start = true;
        }
    }
    out
}

fn notes(i: u32) -> String {
    match i % 9 {
        0 => "Cold morning, fingers white for 10 min; better after \"warm water\".".into(),
        1 => "Line one\nline two, with a comma\r\nline three".into(),
        2 => "Sore leaking chalk 🩹😖 — like toothpaste".into(),
        3 => "<b>bold?</b> <script>alert('x')</script> & done".into(),
        4 => "=SUM(A1:A3) is not a formula here".into(),
        5 => "-2 better than yesterday; @clinic asked to note it".into(),
        6 => "Tab\there, backslash \\ and semicolon; end".into(),
        7 => "ok;=cmd|' /C calc'!A0".into(),
        _ => String::new(),
    }
}

/// The patient's medicines (ids in the order added, as real ids are): commas, quotes, line
/// breaks, accents, a formula-like name, one without "how", and one removed (a tombstone that
/// must not be exported).
const MEDICINES: [(&str, &str, &str); 6] = [
    ("m1-dil", "Diltiazem 60", "One tablet, morning and night"),
    (
        "m2-hcq",
        "Hidroxicloroquina",
        "Uma de manhã, com o pequeno-almoço",
    ),
    (
        "m3-cream",
        "Hand cream \"the thick one\"",
        "On fingers\nafter washing",
    ),
    ("m4-formula", "=Painkiller", "-1 if the pain is bad; @night"),
    ("m5-drops", "Eye drops", ""),
    ("m6-old", "An old medicine", "no longer on my list"),
];

/// The check-in with a fever and no lump in it, whose patient ticked "I have a lump or sore now".
const LUMP_NOW: u32 = 63;

/// 90 daily check-ins at varied local times, 4 lesions (and one removed), one deleted check-in,
/// questions and medicines.
fn diary() -> Diary {
    let start = now().plus_days(-89);
    let mut d = Diary::default();
    let lesions = [
        ("l-thumb", "right-thumb", "thumb tip, \"the sore one\""),
        ("l-index", "left-index-finger", "index finger lump"),
        ("l-elbow", "right-elbow", ""),
        ("l-buttock", "left-buttock", "Nódulo (sitting hurts)"),
    ];
    for (id, site, name) in lesions {
        let healed = HEALED.iter().find(|(l, _, _)| *l == id);
        d.upsert_lesion(Lesion {
            healed_at: healed.and_then(|(_, _, t)| t.map(at)),
            healed_earlier: Vec::new(),
            since: None,
            id: id.into(),
            site: Site::parse(site).unwrap(),
            name: name.into(),
            updated: start,
            deleted: false,
            healed: healed.is_some(),
            extra: Extra::NONE,
        });
    }
    let (removed, removed_site, removed_name, removed_last, removed_healed) = REMOVED;
    d.upsert_lesion(Lesion {
        healed_at: Some(at(removed_healed)),
        healed_earlier: Vec::new(),
        since: None,
        id: removed.into(),
        site: Site::parse(removed_site).unwrap(),
        name: removed_name.into(),
        updated: at(removed_healed),
        deleted: true,
        healed: true,
        extra: Extra::NONE,
    });
    // Seen last on the day its check-in number says.
    let seen = |lesion: &str, i: u32| HEALED.iter().all(|(l, last, _)| *l != lesion || i <= *last);
    let signs = [
        vec![],
        vec![Sign::OpenSore, Sign::ChalkyDischarge],
        vec![Sign::Growing],
        vec![Sign::RednessWarmth],
        vec![Sign::OpenSore],
        vec![Sign::PusCloudy, Sign::OpenSore],
    ];
    let sizes = [
        Size::RiceGrain,
        Size::Pea,
        Size::Grape,
        Size::Walnut,
        Size::Mm(14),
    ];
    for i in 0..90u32 {
        let at = match REPEATED_HOUR.iter().find(|(n, _)| *n == i) {
            Some((_, t)) => self::at(t),
            None => Instant(start.0 + i64::from(i) * 86_400_000 - i64::from(i % 13) * 1_800_000),
        };
        let mut observations = if i == LUMP_NOW {
            Vec::new()
        } else {
            lesions
                .iter()
                .enumerate()
                .filter(|(j, (id, _, _))| !(i as usize + j).is_multiple_of(5) && seen(id, i))
                .map(|(j, (id, _, _))| Observation {
                    lesion: id.to_string(),
                    pain: (j != 2).then_some(((i as usize * 3 + j) % 11) as u8),
                    size: Some(sizes[(i as usize + j) % sizes.len()]),
                    signs: signs[(i as usize * 7 + j) % signs.len()].clone(),
                    extra: Extra::NONE,
                })
                .collect()
        };
        if i <= removed_last && i % 3 == 0 {
            observations.push(Observation {
                lesion: removed.into(),
                pain: Some(2),
                size: Some(Size::Pea),
                signs: vec![],
                extra: Extra::NONE,
            });
        }
        let mut side_effects = Vec::new();
        if i % 6 == 0 {
            side_effects.push(SideEffect::SwollenAnkles);
        }
        if i % 15 == 3 {
            side_effects.extend([SideEffect::Headache, SideEffect::Other]);
        }
        d.upsert(CheckIn {
            id: format!("c{:03}", i),
            at,
            updated: at,
            pain: (i * 7 % 11) as u8,
            observations,
            fever: i % 29 == 5,
            // The form asks it only with a fever and no lump in the check-in.
            lump_now: i == LUMP_NOW,
            raynaud: i % 4 == 0,
            stiffness: i % 5 == 1,
            daily_effect: (i % 3 == 2).then_some((i % 11) as u8),
            sleep: i % 8 == 3,
            warnings: if i == 44 {
                vec![Warning::ChestPain]
            } else {
                vec![]
            },
            immune_weakening: true,
            adherence: Some(match i % 10 {
                4 => Adherence::MissedSome,
                9 if i > 80 => Adherence::NotTaking,
                _ => Adherence::AsPrescribed,
            }),
            other_side_effect: if i % 15 == 3 {
                "itchy palms, \"dry\" mouth".into()
            } else {
                String::new()
            },
            side_effects,
            notes: notes(i),
            deleted: false,
            given: Default::default(),
            extra: Extra::NONE,
        });
    }
    d.delete("c050", now());
    for (i, (id, name, how)) in MEDICINES.into_iter().enumerate() {
        let text = check_medicine(name, how).unwrap();
        d.upsert_medicine(Medicine::new(id.into(), text, start.plus_days(i as i64)));
    }
    d.delete_medicine("m6-old", now());
    for (id, text) in [
        ("q1", "Can I use a warm compress on the sore?"),
        ("q2", "Is \"chalky\" fluid OK, or is it pus?"),
    ] {
        d.questions.push(QuestionNote {
            id: id.into(),
            text: text.into(),
            updated: now(),
            deleted: false,
            extra: Extra::NONE,
        });
    }
    // Every third check-in keeps the advice it gave when saved, as a save does.
    let ids: Vec<String> = d.entries().map(|c| c.id.clone()).collect();
    for id in ids.iter().step_by(3) {
        note_given(&mut d, id);
    }
    d
}

fn label(site: Site) -> String {
    install(Lang::En, calcinosis_guide::content_bundle!("en"))
        .expect("English content loads")
        .site_label(site)
        .to_string()
}

fn out_dir() -> PathBuf {
    // `CARGO_TARGET_TMPDIR` is `<target>/tmp`: put the files beside it, in `<target>/exports`.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target folder")
        .join("exports");
    std::fs::create_dir_all(&dir).expect("can create target/exports");
    dir
}

fn write(name: &str, text: &str) {
    std::fs::write(out_dir().join(name), text).unwrap_or_else(|e| panic!("writing {name}: {e}"));
}

/// Physical lines of an iCalendar file, unfolded; each line checked for length and CRLF.
fn unfold(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    assert!(ics.ends_with("\r\n"));
    for physical in ics.trim_end_matches("\r\n").split("\r\n") {
        assert!(!physical.contains(['\r', '\n']));
        assert!(physical.len() <= 75, "{physical:?}");
        match physical.strip_prefix(' ') {
            Some(rest) => lines.last_mut().unwrap().push_str(rest),
            None => lines.push(physical.to_string()),
        }
    }
    lines
}

#[test]
fn every_export_is_written_and_reads_back() {
    let d = diary();
    let live: Vec<&CheckIn> = d.entries().collect();
    assert_eq!(live.len(), 89);

    // Backup: restoring into an empty diary gives the same diary; a second time adds nothing.
    let settings = BackupSettings {
        patient_name: Some("Ana Sousa".into()),
        reminder: Some(Reminder {
            frequency: Frequency::Daily,
            hour: 8,
            minute: 30,
        }),
    };
    let backup = to_backup(&d, Some(&settings), now());
    write("backup.json", &backup);
    let (restored, first) = restore(&Diary::default(), &backup, now()).unwrap();
    assert_eq!(restored, d);
    assert_eq!(first.added, 5 + 90 + 2 + MEDICINES.len());
    assert_eq!(first.settings.as_ref(), Some(&settings));
    let (again, second) = restore(&restored, &backup, now()).unwrap();
    assert_eq!(again, d);
    assert_eq!(
        (second.added, second.updated, second.skipped),
        (0, 0, 97 + MEDICINES.len())
    );

    // CSV: one row per observation (or one for a check-in without), each note exactly back, in
    // a zone whose offset changes within the 90 days.
    let csv = checkins_csv(&d, &Paris, &label, ',');
    write("checkins.csv", &csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.strip_prefix('\u{feff}').unwrap().as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected_rows: usize = live.iter().map(|c| c.observations.len().max(1)).sum();
    assert_eq!(rows.len(), expected_rows);
    let col = |name: &str| HEADER.iter().position(|h| *h == name).unwrap();
    for row in &rows {
        let c = d.check_in(&row[0]).expect("a live check-in");
        let note = &row[col("notes")];
        assert_eq!(unguard(note), c.notes);
        // Split as a spreadsheet with another list separator would, no part is a formula.
        for part in note.split([',', ';', '\t', '|']) {
            let part = part.trim_start_matches(' ');
            assert!(!part.starts_with(FORMULA_START), "{note:?}");
        }
        assert_eq!(row[col("pain")].parse::<u8>().unwrap(), c.pain);
        let lump_now = if c.lump_now { "yes" } else { "" };
        assert_eq!(&row[col("lump_now")], lump_now, "{}", c.id);
        // Date, time and offset give back the check-in's instant.
        let offset = row[col("utc_offset")]
            .strip_prefix("UTC")
            .expect("UTC and an offset");
        let written = format!("{}T{}:00{offset}", &row[col("date")], &row[col("time")]);
        assert_eq!(Instant::parse_rfc3339(&written), Some(c.at), "{}", c.id);
    }
    let first_row = |check_in: &str| {
        let row = rows.iter().find(|r| &r[0] == check_in).unwrap();
        ["date", "time", "utc_offset"].map(|name| row[col(name)].to_string())
    };
    assert_eq!(
        REPEATED_HOUR.map(|(i, _)| first_row(&format!("c{i:03}"))),
        [
            ["2026-10-25", "02:30", "UTC+02:00"],
            ["2026-10-25", "02:30", "UTC+01:00"]
        ]
        .map(|r| r.map(String::from)),
        "the hour that comes twice, told apart by its offset"
    );
    // A lump marked healed says so on every row about it, as of export.
    let healed_cells = |lesion: &str| {
        let mut cells: Vec<&str> = rows
            .iter()
            .filter(|r| &r[col("lesion_id")] == lesion)
            .map(|r| &r[col("lesion_marked_healed_as_of_export")])
            .collect();
        cells.dedup();
        cells
    };
    assert_eq!(healed_cells("l-elbow"), ["2026-11-18"], "Paris's day");
    assert_eq!(healed_cells("l-buttock"), ["yes"], "no time kept");
    for open in ["l-thumb", "l-index", ""] {
        assert_eq!(healed_cells(open), [""], "{open:?}");
    }
    // The lump removed after it was marked healed has no state now, but its rows still say
    // which lump they are about.
    assert_eq!(healed_cells(REMOVED.0), [""], "removed");
    assert!(rows
        .iter()
        .filter(|r| &r[col("lesion_id")] == REMOVED.0)
        .all(|r| &r[col("lesion_name")] == REMOVED.2 && &r[col("site_id")] == REMOVED.1));
    assert!(rows
        .iter()
        .any(|r| &r[col("site_id")] == "right-thumb" && &r[col("site_label")] == "Right thumb"));
    let said = format!("c{LUMP_NOW:03}");
    assert!(rows
        .iter()
        .any(|r| r[0] == said && &r[col("fever")] == "yes" && &r[col("lump_now")] == "yes"));

    // The medicines list: one row per live medicine, each name and "how" exactly back.
    let meds_csv = medicines_csv(&d, &Paris, ',');
    write("medicines.csv", &meds_csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(meds_csv.strip_prefix('\u{feff}').unwrap().as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        MEDICINES_HEADER
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let live_meds: Vec<&Medicine> = d.live_medicines().collect();
    assert_eq!(rows.len(), MEDICINES.len() - 1);
    for (row, m) in rows.iter().zip(&live_meds) {
        assert_eq!(&row[0], m.id);
        assert_eq!(unguard(&row[1]), m.name);
        assert_eq!(unguard(&row[2]), m.how);
        for cell in [&row[1], &row[2]] {
            for part in cell.split([',', ';', '\t', '|']) {
                assert!(
                    !part.trim_start_matches(' ').starts_with(FORMULA_START),
                    "{cell:?}"
                );
            }
        }
    }

    // FHIR: the questionnaire, one response per live check-in, the patient and one statement
    // per live medicine; times in the patient's zone, as the CSV's.
    let fhir = fhir_bundle(&d, &Paris, &label, now());
    write("fhir-bundle.json", &fhir);
    let bundle: Value = serde_json::from_str(&fhir).unwrap();
    let entries = bundle["entry"].as_array().unwrap();
    assert_eq!(entries.len(), 1 + live.len() + 1 + live_meds.len());
    let statements: Vec<&Value> = entries
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "MedicationStatement")
        .collect();
    let names: Vec<&str> = statements
        .iter()
        .map(|r| r["medicationCodeableConcept"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        live_meds
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        entries[0]["resource"]["item"][0]["code"][0]["code"],
        PAIN_CODE
    );
    // Each check-in when the patient's clock said, the hour that comes twice told apart by its
    // offset as in the CSV.
    let authored = |id: &str| {
        let r = entries
            .iter()
            .map(|e| &e["resource"])
            .find(|r| r["identifier"]["value"] == id)
            .unwrap();
        r["authored"].as_str().unwrap().to_string()
    };
    for c in &live {
        assert_eq!(
            Instant::parse_rfc3339(&authored(&c.id)),
            Some(c.at),
            "{}",
            c.id
        );
    }
    assert_eq!(
        REPEATED_HOUR.map(|(i, _)| authored(&format!("c{i:03}"))),
        ["2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"],
        "the hour that comes twice, told apart by its offset"
    );
    assert_eq!(bundle["timestamp"], "2026-11-25T19:00:00+01:00");
    // "I have a lump or sore now" is answered in exactly the check-in that ticked it.
    let lump_now: Vec<&str> = entries
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "QuestionnaireResponse")
        .filter(|r| {
            r["item"]
                .as_array()
                .is_some_and(|items| items.iter().any(|i| i["linkId"] == "lump-now"))
        })
        .map(|r| r["identifier"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(lump_now, [said.as_str()]);
    // Each group about a lump marked healed says so, with when for the one whose time is known.
    // The lump removed after it was marked healed is in none of them, but its groups still name it.
    let mut healed_groups: Vec<(&str, Option<&str>)> = Vec::new();
    let mut removed_groups = 0;
    let responses = entries
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "QuestionnaireResponse");
    for r in responses {
        let groups = r["item"].as_array().into_iter().flatten();
        for g in groups.filter(|i| i["linkId"] == "lesion") {
            let parts = g["item"].as_array().unwrap();
            let answer = |link: &str| {
                parts
                    .iter()
                    .find(|i| i["linkId"] == link)
                    .map(|i| &i["answer"][0])
            };
            let id = answer("lesion.id").unwrap()["valueString"]
                .as_str()
                .unwrap();
            if id == REMOVED.0 {
                assert_eq!(answer("lesion.name").unwrap()["valueString"], REMOVED.2);
                removed_groups += 1;
            }
            if let Some(healed) = answer("lesion.healed") {
                assert_eq!(healed["valueBoolean"], true);
                let on = answer("lesion.healed-on").map(|a| a["valueDateTime"].as_str().unwrap());
                healed_groups.push((id, on));
            }
        }
    }
    healed_groups.sort();
    healed_groups.dedup();
    assert_eq!(
        healed_groups,
        [
            ("l-buttock", None),
            ("l-elbow", Some("2026-11-18T00:30:00+01:00"))
        ]
    );
    assert!(removed_groups > 0, "no group about the removed lump");

    // Calendar reminders.
    let start = Date::parse("2026-11-26").unwrap();
    let daily = Reminder {
        frequency: Frequency::Daily,
        hour: 8,
        minute: 30,
    };
    let weekly = Reminder {
        frequency: Frequency::Weekly(Weekday::Monday),
        hour: 19,
        minute: 0,
    };
    let mut expected = serde_json::Map::new();
    for (name, reminder, rrule, dtstart) in [
        (
            "reminder-daily.ics",
            daily,
            "FREQ=DAILY",
            "2026-11-26T08:30:00",
        ),
        (
            "reminder-weekly.ics",
            weekly,
            "FREQ=WEEKLY;BYDAY=MO",
            "2026-11-30T19:00:00",
        ),
    ] {
        let ics = reminder_ics(
            &reminder,
            start,
            REMINDER_SUMMARY,
            REMINDER_TEXT,
            now(),
            "default",
        );
        write(name, &ics);
        let lines = unfold(&ics);
        assert!(lines.contains(&format!("RRULE:{rrule}")));
        expected.insert(
            name.into(),
            json!({ "summary": REMINDER_SUMMARY, "description": REMINDER_TEXT,
                    "rrule": rrule, "dtstart": dtstart }),
        );
    }
    // What the validator compares the files with.
    write(
        "expected.json",
        &json!({ "ics": expected, "zone": ZONE }).to_string(),
    );
}

#[test]
fn the_summary_of_the_same_diary_adds_up() {
    let d = diary();
    let s = summarise(&d, Period::Days(90), now(), &OFFSET_MIN);
    assert_eq!(s.check_ins, 89);
    assert_eq!(s.trend.bucket_days, 1);
    assert_eq!(s.trend.points.len(), s.days_with_check_ins);
    assert_eq!(s.lesions.len(), 4, "not the removed lump");
    assert!(s.lesions.iter().all(|l| l.lesion != REMOVED.0));
    assert_eq!(s.questions.len(), 2);
    assert!(s
        .red_flags
        .iter()
        .any(|f| f.check_in == "c044" && f.reasons.iter().any(|r| r.key() == "chest-pain")));
    assert!(s.red_flags.iter().all(|f| f.check_in != "c050"));
    assert!(s.medicines.missed_some > 0 && s.medicines.not_taking > 0);
    assert_eq!(s.medicines.answered, 89);
    // The list of medicines is printed whatever the period: it is what the patient takes now.
    let names: Vec<&str> = s
        .my_medicines
        .lines
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Diltiazem 60",
            "Hidroxicloroquina",
            "Hand cream \"the thick one\"",
            "=Painkiller",
            "Eye drops"
        ]
    );
    assert_eq!(s.my_medicines.lines[2].how, "On fingers after washing");
    let short = summarise(&d, Period::Days(1), now(), &OFFSET_MIN);
    assert_eq!(short.my_medicines, s.my_medicines);
}
