//! The patient's own list of the medicines they take, in their own words. Nothing here checks a
//! name against a list of drugs or suggests one: the list is what the patient typed, so that a
//! clinician reading the summary sees it.

use super::{edit_stamp, keep_extra, Diary};
use crate::core::json::Extra;
use crate::core::time::Instant;

/// Longest medicine name we keep, in characters (a brand and a strength fit easily).
pub const MAX_MEDICINE_NAME: usize = 120;
/// Longest "how I take it" text we keep, in characters.
pub const MAX_MEDICINE_HOW: usize = 300;

/// One medicine on the patient's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Medicine {
    pub id: String,
    /// Required for a live entry; empty in a tombstone.
    pub name: String,
    /// How the patient takes it, in their own words; may be empty.
    pub how: String,
    pub updated: Instant,
    pub deleted: bool,
    /// Fields a newer version stored that this one does not know: kept and written back.
    pub extra: Extra,
}

/// Why a medicine cannot be saved as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MedicineProblem {
    NameEmpty,
    NameTooLong { chars: usize },
    HowTooLong { chars: usize },
}

/// A name and "how" that passed `check_medicine`: trimmed and within the limits. The only way to
/// make one is `check_medicine`, so nothing unchecked reaches the diary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MedicineText {
    name: String,
    how: String,
}

impl MedicineText {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn how(&self) -> &str {
        &self.how
    }
}

/// Checks what the patient typed: a name is needed, both texts within their limits (counted in
/// characters after trimming). Every problem is listed.
pub fn check_medicine(name: &str, how: &str) -> Result<MedicineText, Vec<MedicineProblem>> {
    let (name, how) = (name.trim(), how.trim());
    let mut problems = Vec::new();
    let name_chars = name.chars().count();
    if name_chars == 0 {
        problems.push(MedicineProblem::NameEmpty);
    } else if name_chars > MAX_MEDICINE_NAME {
        problems.push(MedicineProblem::NameTooLong { chars: name_chars });
    }
    let how_chars = how.chars().count();
    if how_chars > MAX_MEDICINE_HOW {
        problems.push(MedicineProblem::HowTooLong { chars: how_chars });
    }
    if problems.is_empty() {
        Ok(MedicineText {
            name: name.to_string(),
            how: how.to_string(),
        })
    } else {
        Err(problems)
    }
}

impl Medicine {
    /// The medicine as a message quotes it: its name, and how it is taken when that is written.
    pub fn in_words(&self) -> String {
        if self.how.trim().is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.how)
        }
    }

    /// A new entry from checked text.
    pub fn new(id: String, text: MedicineText, now: Instant) -> Medicine {
        Medicine {
            id,
            name: text.name,
            how: text.how,
            updated: now,
            deleted: false,
            extra: Extra::NONE,
        }
    }

    /// What is wrong with a stored or restored entry (a tombstone needs nothing but its id).
    pub fn problems(&self) -> Vec<MedicineProblem> {
        if self.deleted {
            return Vec::new();
        }
        match check_medicine(&self.name, &self.how) {
            Ok(_) => Vec::new(),
            Err(problems) => problems,
        }
    }
}

/// Parts of the names of medicines that weaken the body's defences, lower case and without
/// accents: the steroids and methotrexate FACTS names ("steroids such as prednisolone,
/// methotrexate"), and other steroids by their common names, in English and Portuguese.
/// "predn" is in prednisolone, prednisone, prednisolona and methylprednisolone; "steroid" in
/// corticosteroid and esteroide; "cortison" in hydrocortisone and hidrocortisona. For the two
/// FACTS names, the part is the start that no other medicine shares ("predn", "methotr",
/// "metotr"), so that a name typed with a letter wrong or missing further on ("prednislone",
/// "methotrexte", "metotrexto") is still found.
///
/// FACTS' list is examples ("e.g."). The other medicines that damp down the immune system and are
/// used for these diseases are here too, as the NHS medicines A-Z pages for each describe them
/// (ciclosporin, azathioprine, mycophenolate, tacrolimus, cyclophosphamide, rituximab: each
/// "can make you more likely to get infections"), and the guide calls ciclosporin "a medicine
/// that calms the immune system". Without them a fever on mycophenolate alone was "next visit".
/// Also the medicines for these diseases that damp down the immune system in other ways:
/// leflunomide, the biological medicines (adalimumab, etanercept, infliximab, certolizumab,
/// golimumab, tocilizumab, sarilumab, abatacept, belimumab, anifrolumab), the JAK inhibitors
/// (tofacitinib, baricitinib, upadacitinib, filgotinib) and voclosporin. Versus Arthritis' drug
/// pages and each one's UK patient leaflet (electronic medicines compendium) say that they make
/// infections more likely. Medicines that do not weaken the defences (hydroxychloroquine,
/// sulfasalazine, immunoglobulin) are not here.
/// Only the question's ready answer and its "why" come from here; the patient can untick it.
const DEFENCE_WEAKENING: &[&str] = &[
    "predn",
    "methotr",
    "metotr",
    "steroid",
    "corticoid",
    "cortison",
    "dexamethason",
    "dexametason",
    "betamethason",
    "deflazacort",
    "ciclospor",
    "cyclospor",
    "azathioprin",
    "azatioprin",
    "mycophenol",
    "micofenol",
    "tacrolim",
    "cyclophosphamid",
    "ciclofosfamid",
    "rituximab",
    // The same medicines by the brand names on their boxes in the UK and Portugal.
    "imuran",
    "cellcept",
    "myfortic",
    "neoral",
    "sandimmun",
    "prograf",
    "advagraf",
    "adoport",
    "mabthera",
    "truxima",
    "rixathon",
    "medrone",
    "medrol",
    "metoject",
    "deltacortril",
    "lepicortinol",
    // Found missing by review: more brands of methotrexate (Maxtrex, Jylamvo, Nordimet, Zlatal;
    // Ledertrexato in Portugal), deflazacort (Calcort, Dilacort), mycophenolate (Myfenax),
    // cyclophosphamide (Endoxan), azathioprine (Imurel in Portugal) and rituximab (Ruxience).
    "maxtrex",
    "jylamvo",
    "nordimet",
    "zlatal",
    "ledertrexato",
    "calcort",
    "dilacort",
    "myfenax",
    "endoxan",
    "imurel",
    "ruxience",
    // Found missing by a later review: prednisone's slow-release brand, and budesonide (a steroid
    // by mouth for the gut, as in "Entocort", "Cortiment", "Jorveza"; written as "budesonide" in
    // an inhaler or cream it is ticked too, as other steroid creams are, for the patient to
    // untick; inhalers by their brand names are not).
    "lodotra",
    "budesonid",
    "entocort",
    "budenofalk",
    "cortiment",
    "jorveza",
    // Leflunomide, the biological medicines, the JAK inhibitors and voclosporin, by their
    // names (English and Portuguese: "leflunomida", "adalimumabe", "etanercepte") and brands.
    "leflunomid",
    "adalimumab",
    "etanercep",
    "infliximab",
    "certolizumab",
    "golimumab",
    "tocilizumab",
    "sarilumab",
    "abatacep",
    "belimumab",
    "anifrolumab",
    "tofacitinib",
    "baricitinib",
    "upadacitinib",
    "filgotinib",
    "voclosporin",
    "arava",
    "humira",
    "amgevita",
    "imraldi",
    "hulio",
    "hyrimoz",
    "idacio",
    "yuflyma",
    "hefiya",
    "amsparity",
    "enbrel",
    "benepali",
    "erelzi",
    "nepexto",
    "remicade",
    "inflectra",
    "remsima",
    "flixabi",
    "zessly",
    "cimzia",
    "simponi",
    "roactemra",
    "kevzara",
    "orencia",
    "benlysta",
    "saphnelo",
    "xeljanz",
    "olumiant",
    "rinvoq",
    "jyseleca",
    "lupkynis",
];

/// Short names of the same medicines that patients and clinics write, found only as a whole word
/// (so not in "Predator" or "premix"): methotrexate ("MTX"), mycophenolate mofetil ("MMF") and
/// prednisolone ("Pred 5mg").
const DEFENCE_WEAKENING_WORDS: [&str; 3] = ["mtx", "mmf", "pred"];

/// Words that name a medicine as NOT a steroid ("non-steroidal anti-inflammatory", "anti-
/// inflamatório não esteroide"): taken out before looking for the parts above.
const NOT_STEROID: [&str; 4] = ["non-steroid", "nonsteroid", "non steroid", "nao esteroid"];

/// Whether a medicine's name (or how it is taken), as the patient wrote it, names one that
/// weakens the body's defences (`DEFENCE_WEAKENING`, `DEFENCE_WEAKENING_WORDS`). Only ever used
/// to ask the check-in's question with "yes"
/// ready and to say why: it never decides anything on its own.
pub fn weakens_defences(name: &str) -> bool {
    // Lower case, with the accents Portuguese puts on these names taken off ("esteróide",
    // "não"), as `letters::plain` gives them.
    let mut folded: String = name.chars().map(crate::core::letters::plain).collect();
    for not in NOT_STEROID {
        folded = folded.replace(not, " ");
    }
    DEFENCE_WEAKENING.iter().any(|part| folded.contains(part))
        || folded
            .split(|c: char| !crate::core::letters::is_letter_or_digit(c))
            .any(|word| DEFENCE_WEAKENING_WORDS.contains(&word))
}

impl Diary {
    /// The first medicine on the list whose name, or how it is taken, names one that weakens
    /// the body's defences: "Rheumatology tablets" taken as "methotrexate 15 mg once a week" is.
    pub fn defence_weakening_medicine(&self) -> Option<&Medicine> {
        self.live_medicines()
            .find(|m| weakens_defences(&m.name) || weakens_defences(&m.how))
    }

    /// Live medicines, in the order they were added.
    pub fn live_medicines(&self) -> impl Iterator<Item = &Medicine> {
        self.medicines.iter().filter(|m| !m.deleted)
    }

    pub fn medicine(&self, id: &str) -> Option<&Medicine> {
        self.medicines.iter().find(|m| m.id == id && !m.deleted)
    }

    /// The id of the medicine on the list written exactly as `text` (name and how, trimmed). Two
    /// tabs that both show it in their "Add" form (one opened with the other's) each add it: the
    /// second finds it here, and it is listed once.
    pub fn medicine_as(&self, text: &MedicineText) -> Option<&str> {
        self.medicines
            .iter()
            .find(|m| !m.deleted && m.name.trim() == text.name && m.how.trim() == text.how)
            .map(|m| m.id.as_str())
    }

    /// Adds a medicine, or changes the one with the same id.
    /// A change is stamped later than the copy it replaces (see `edit_stamp`).
    pub fn upsert_medicine(&mut self, mut medicine: Medicine) {
        match self.medicines.iter_mut().find(|m| m.id == medicine.id) {
            Some(slot) => {
                medicine.updated = edit_stamp(slot.updated, medicine.updated);
                keep_extra(&mut medicine.extra, &slot.extra);
                *slot = medicine;
            }
            None => self.medicines.push(medicine),
        }
        self.sort();
    }

    /// Removes a medicine, leaving a tombstone (id, time, `deleted`) so that the removal reaches
    /// other tabs and backups; the name is gone from the stored copy. The returned copy lets the
    /// caller offer undo.
    pub fn delete_medicine(&mut self, id: &str, now: Instant) -> Option<Medicine> {
        let m = self
            .medicines
            .iter_mut()
            .find(|m| m.id == id && !m.deleted)?;
        let tombstone = Medicine {
            id: m.id.clone(),
            name: String::new(),
            how: String::new(),
            updated: edit_stamp(m.updated, now),
            deleted: true,
            extra: Extra::NONE,
        };
        Some(std::mem::replace(m, tombstone))
    }

    /// Undoes a removal by putting the earlier copy back, newer than the tombstone.
    pub fn restore_medicine(&mut self, mut before: Medicine, now: Instant) {
        before.deleted = false;
        before.updated = now;
        self.upsert_medicine(before);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::test_support::at as t;

    fn med(id: &str, name: &str, how: &str, updated: &str) -> Medicine {
        Medicine::new(id.into(), check_medicine(name, how).unwrap(), t(updated))
    }

    #[test]
    fn the_medicines_facts_names_as_weakening_the_defences_are_recognised_as_written() {
        for name in [
            "Prednisolone 5 mg",
            "PREDNISOLONA",
            "Methylprednisolone",
            "prednisone",
            "Methotrexate 15 mg weekly",
            "Metotrexato",
            "a steroid cream",
            "Corticoide",
            "Corticosteróide",
            "Esteróide",
            "Hidrocortisona creme",
            "Dexamethasone 4 mg",
            "Prednisolone, and a non-steroidal gel",
            "Ciclosporin 100 mg",
            "Ciclosporina",
            "Cyclosporine",
            "Azathioprine 50 mg",
            "Azatioprina",
            "Mycophenolate mofetil",
            "Micofenolato de mofetil",
            "Tacrolimus",
            "Tacrolímus",
            "Cyclophosphamide",
            "Ciclofosfamida",
            "Rituximab",
            "Imuran 50 mg",
            "CellCept",
            "Neoral 100 mg",
            "Prograf",
            "MabThera",
            "Medrone 4 mg",
            "Metoject pen",
            "Lepicortinolo 5 mg",
            "Leflunomide 20 mg",
            "Leflunomida",
            "Arava",
            "Adalimumab pen every 2 weeks",
            "Adalimumabe",
            "HUMIRA",
            "Etanercept",
            "Etanercepte",
            "Benepali",
            "Infliximab infusion",
            "Tocilizumab",
            "RoActemra",
            "Abatacept",
            "Belimumab",
            "Benlysta",
            "Anifrolumab",
            "Tofacitinib",
            "Baricitinib",
            "Olumiant 4 mg",
            "Upadacitinib",
            "Rinvoq",
            "Voclosporin",
            // Found missing by review: brands, short names as a whole word, misspellings.
            "Maxtrex 2.5 mg",
            "Jylamvo",
            "Nordimet pen",
            "Zlatal",
            "Ledertrexato",
            "Dilacort",
            "Calcort 6 mg",
            "Myfenax",
            "Endoxan",
            "Imurel",
            "Ruxience",
            "MTX",
            "mtx 15mg weekly",
            "MMF 500",
            "Pred 5mg",
            "pred",
            "prednisilone",
            "prednislone",
            "methotrexte",
            "metotrexto",
            "Prednisolone",
            "Lodotra 5 mg",
            "Budesonide 9 mg",
            "Budesonido",
            "Entocort",
            "Budenofalk",
            "Cortiment 9 mg",
            "Jorveza",
        ] {
            assert!(weakens_defences(name), "{name}");
        }
        for name in [
            "Diltiazem",
            "Hand cream",
            "Omeprazol",
            "Nifedipine",
            "",
            "Ibuprofen (non-steroidal anti-inflammatory)",
            "Anti-inflamatório não esteróide",
            "NONSTEROIDAL gel",
            "Hydroxychloroquine 200 mg",
            "Hidroxicloroquina",
            "Plaquenil",
            "Sulfasalazine",
            "Immunoglobulin infusion",
            "Denosumab (Prolia)",
            "Amlodipine",
            "Sodium thiosulfate",
            "Colchicine",
            "Minocycline",
            "Predator",
            "premix insulin",
            "Omeprazole",
            "Hydroxychloroquine",
            "Predictable pain",
        ] {
            assert!(!weakens_defences(name), "{name}");
        }
        let mut d = Diary::default();
        d.upsert_medicine(med("m1", "Diltiazem", "", "2026-11-01T10:00:00Z"));
        assert_eq!(d.defence_weakening_medicine(), None);
        d.upsert_medicine(med("m2", "Metotrexato", "", "2026-11-02T10:00:00Z"));
        assert_eq!(
            d.defence_weakening_medicine().map(|m| m.id.as_str()),
            Some("m2")
        );
        d.delete_medicine("m2", Instant(1_800_000_000_000));
        assert_eq!(d.defence_weakening_medicine(), None, "a removed one");
        // Found by review: named by how it is taken, the medicine (and its name) is found.
        d.upsert_medicine(med(
            "m3",
            "Rheumatology tablets",
            "methotrexate 15 mg once a week",
            "2026-11-03T10:00:00Z",
        ));
        assert_eq!(
            d.defence_weakening_medicine().map(|m| m.name.as_str()),
            Some("Rheumatology tablets")
        );
    }

    #[test]
    fn a_medicine_on_the_list_is_found_as_written_and_a_removed_one_is_not() {
        let mut d = Diary::default();
        let text = |name: &str, how: &str| check_medicine(name, how).unwrap();
        d.upsert_medicine(Medicine::new(
            "m1".into(),
            text("Diltiazem 60", "Twice a day"),
            Instant(1),
        ));
        d.upsert_medicine(Medicine::new(
            "m2".into(),
            text("Hand cream", ""),
            Instant(2),
        ));
        assert_eq!(
            d.medicine_as(&text(" Diltiazem 60 ", "Twice a day\n")),
            Some("m1")
        );
        assert_eq!(d.medicine_as(&text("Hand cream", "")), Some("m2"));
        assert_eq!(
            d.medicine_as(&text("Diltiazem 60", "Once a day")),
            None,
            "taken another way"
        );
        assert_eq!(d.medicine_as(&text("Diltiazem 120", "Twice a day")), None);
        d.delete_medicine("m2", Instant(3));
        assert_eq!(
            d.medicine_as(&text("Hand cream", "")),
            None,
            "only a removed one"
        );
    }

    #[test]
    fn text_is_trimmed_and_a_name_is_needed() {
        let ok = check_medicine("  Diltiazem 60  ", "\n one in the morning \n").unwrap();
        assert_eq!(
            (ok.name(), ok.how()),
            ("Diltiazem 60", "one in the morning")
        );
        assert_eq!(check_medicine("Cream", "").unwrap().how(), "");
        for blank in ["", "   ", "\n\t"] {
            assert_eq!(
                check_medicine(blank, "twice a day"),
                Err(vec![MedicineProblem::NameEmpty])
            );
        }
    }

    #[test]
    fn limits_count_characters_not_bytes_and_every_problem_is_listed() {
        let name_at_limit = "é".repeat(MAX_MEDICINE_NAME);
        let how_at_limit = "🩹".repeat(MAX_MEDICINE_HOW);
        assert!(check_medicine(&name_at_limit, &how_at_limit).is_ok());
        let long_name = "a".repeat(MAX_MEDICINE_NAME + 1);
        let long_how = "b".repeat(MAX_MEDICINE_HOW + 5);
        assert_eq!(
            check_medicine(&long_name, &long_how),
            Err(vec![
                MedicineProblem::NameTooLong {
                    chars: MAX_MEDICINE_NAME + 1
                },
                MedicineProblem::HowTooLong {
                    chars: MAX_MEDICINE_HOW + 5
                },
            ])
        );
        assert_eq!(
            check_medicine("", &long_how),
            Err(vec![
                MedicineProblem::NameEmpty,
                MedicineProblem::HowTooLong {
                    chars: MAX_MEDICINE_HOW + 5
                },
            ])
        );
    }

    #[test]
    fn stored_entries_are_checked_but_tombstones_need_no_name() {
        let mut m = med("m1", "Hydroxychloroquine", "", "2026-11-01T08:00:00Z");
        assert!(m.problems().is_empty());
        m.name = " ".into();
        assert_eq!(m.problems(), vec![MedicineProblem::NameEmpty]);
        m.deleted = true;
        assert!(m.problems().is_empty());
    }

    #[test]
    fn add_edit_remove_and_undo_by_id() {
        let mut d = Diary::default();
        d.upsert_medicine(med("m2", "Cream", "on the sore", "2026-11-02T08:00:00Z"));
        d.upsert_medicine(med("m1", "Tablet A", "", "2026-11-01T08:00:00Z"));
        let names = |d: &Diary| {
            d.live_medicines()
                .map(|m| m.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&d), ["Tablet A", "Cream"], "oldest id first");

        let mut edited = d.medicine("m2").unwrap().clone();
        edited.how = "twice a day on the sore".into();
        edited.updated = t("2026-11-03T08:00:00Z");
        d.upsert_medicine(edited);
        assert_eq!(d.medicines.len(), 2, "an edit replaces, never duplicates");
        assert_eq!(d.medicine("m2").unwrap().how, "twice a day on the sore");

        let before = d.delete_medicine("m1", t("2026-11-04T08:00:00Z")).unwrap();
        assert_eq!(before.name, "Tablet A");
        assert_eq!(names(&d), ["Cream"]);
        let tomb = d.medicines.iter().find(|m| m.id == "m1").unwrap();
        assert!(tomb.deleted && tomb.name.is_empty() && tomb.how.is_empty());
        assert_eq!(tomb.updated, t("2026-11-04T08:00:00Z"));
        assert_eq!(d.delete_medicine("m1", t("2026-11-05T08:00:00Z")), None);
        assert_eq!(d.delete_medicine("nope", t("2026-11-05T08:00:00Z")), None);

        d.restore_medicine(before, t("2026-11-05T08:00:00Z"));
        assert_eq!(names(&d), ["Tablet A", "Cream"]);
        assert_eq!(d.medicine("m1").unwrap().updated, t("2026-11-05T08:00:00Z"));
    }

    #[test]
    fn two_copies_merge_by_id_and_the_later_edit_wins_deletions_included() {
        let mut ours = Diary::default();
        ours.upsert_medicine(med("m1", "Tablet A", "", "2026-11-01T08:00:00Z"));
        ours.upsert_medicine(med("m2", "Cream", "", "2026-11-01T08:00:00Z"));
        let mut theirs = ours.clone();
        // Theirs removed m1 later; ours edited m2 later; theirs added m3.
        theirs.delete_medicine("m1", t("2026-11-03T08:00:00Z"));
        let mut m2 = ours.medicine("m2").unwrap().clone();
        m2.how = "at night".into();
        m2.updated = t("2026-11-04T08:00:00Z");
        ours.upsert_medicine(m2.clone());
        theirs.upsert_medicine(med("m3", "Drops", "", "2026-11-02T08:00:00Z"));

        let report = ours.merge(&theirs);
        assert_eq!((report.added, report.updated, report.kept_ours), (1, 1, 1));
        assert_eq!(ours.medicine("m1"), None);
        assert_eq!(ours.medicine("m2"), Some(&m2));
        assert!(ours.medicine("m3").is_some());
        assert_eq!(ours.medicines.len(), 3);
        // Merging the other way gives the same list.
        let mut other_way = theirs.clone();
        other_way.merge(&ours);
        assert_eq!(other_way.medicines, ours.medicines);
    }

    #[test]
    fn a_diary_without_medicines_reads_and_writes_as_before() {
        let old = r#"{"lesions":[],"checkins":[]}"#;
        let d: Diary = crate::core::json::from_text(old).unwrap();
        assert!(d.medicines.is_empty());
        assert!(!crate::core::json::to_text(&d).contains("medicines"));
        let mut d = d;
        d.upsert_medicine(med("m1", "Tablet A", "", "2026-11-01T08:00:00Z"));
        d.delete_medicine("m1", t("2026-11-02T08:00:00Z"));
        assert_eq!(
            crate::core::json::to_text(&d.medicines),
            r#"[{"id":"m1","upd":"2026-11-02T08:00:00Z","del":true}]"#
        );
    }
}
