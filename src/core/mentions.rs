//! Warning signs a patient wrote in words on the check-in form (the notes, or "something else"
//! under side effects) while no box that says them is ticked. Only ticked boxes decide the
//! advice (`triage`): a fever written in the notes, and not ticked, was "tell the team at the
//! next visit". This finds such words so that the form can name the boxes, and the sign is not
//! missed. It never ticks anything and never decides: the patient does.
//!
//! The words are English and Portuguese, looked for in both whatever the widget's language (a
//! patient may write in either). Over-finding is the safe side: a word that is not a sign only
//! shows a line the patient can pass over.

use super::diary::{SideEffect, Sign, Warning};
use super::draft::Draft;
use super::lang::Lang;
use super::letters::{is_letter_or_digit, plain};

/// A box on the check-in form that says a sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tick {
    Fever,
    /// A sign of a lump or sore in the form: ticked for any of them.
    Sign(Sign),
    Warning(Warning),
    SideEffect(SideEffect),
}

/// A sign found in the patient's words with none of its boxes ticked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The words as the patient wrote them (the first place found).
    pub words: String,
    /// The boxes that say the sign (ticking any one of them is enough), in the form's order.
    pub ticks: &'static [Tick],
}

/// Words that name a sign, and the boxes that say it.
struct Watch {
    /// Each one word or more, as `plain` writes them (lower case, no accents, no apostrophes),
    /// `|` between them; a word ending in `*` stands for any word that begins so. (One text, not a
    /// list: a list of 230 texts cost the download twice as much.)
    words: &'static str,
    ticks: &'static [Tick],
    /// Whether "no" or "not" just before the words means the sign is not there ("no fever").
    /// Not for urine: "no urine" IS the sign.
    negatable: bool,
}

use SideEffect as S;
use Sign as L;
use Tick::{SideEffect as Effect, Sign as Lump, Warning as W};
use Warning as Wn;

/// The signs looked for, most urgent first (as the boxes' levels in FACTS.md go), each with its
/// words in English, then Portuguese.
const WATCHES: &[Watch] = &[
    Watch {
        words: "chest|angina|peito",
        ticks: &[W(Wn::ChestPain)],
        negatable: true,
    },
    Watch {
        words: "breath*|wheez*|gasp*|throat* tight*|tight* throat*|respir*|falta de ar|folego|garganta apertada",
        ticks: &[
            W(Wn::FastBreathing),
            W(Wn::TroubleBreathing),
            W(Wn::ShortOfBreath),
        ],
        negatable: true,
    },
    Watch {
        words: "faint*|passed out|pass out|blacked out|collaps*|desmai*|perdi os sentidos|perdi a consciencia",
        ticks: &[W(Wn::Fainted), Effect(S::Fainting)],
        negatable: true,
    },
    Watch {
        words: "confus*|slurr*|muddled|disorient*|arrastad*|desorient*",
        ticks: &[W(Wn::Confused)],
        negatable: true,
    },
    Watch {
        words: "clammy|mottled|blotch*|pegajos*",
        ticks: &[W(Wn::ColdClammySkin)],
        negatable: true,
    },
    Watch {
        words: "urin*|pee|peed|peeing|wee|xixi|chichi",
        ticks: &[W(Wn::NotPassingUrine)],
        negatable: false,
    },
    Watch {
        words: "heart|heartbeat*|palpitat*|pounding|racing|coracao|palpitac*|batimento*",
        ticks: &[W(Wn::FastHeartbeat), Effect(S::SlowOrPoundingHeartbeat)],
        negatable: true,
    },
    Watch {
        words: "severe pain|very bad pain|terrible pain|worst pain|agony|unbearable|excruciating|dor muito forte|dores muito fortes|dor insuportavel|insuportave*|dor horrivel",
        ticks: &[W(Wn::SeverePain)],
        negatable: true,
    },
    Watch {
        words: "stomach*|tummy|belly|abdom*|estomago|barriga",
        ticks: &[W(Wn::SevereStomachPain)],
        negatable: true,
    },
    Watch {
        words: "yellow skin|yellow eye*|skin is yellow|skin looks yellow|eyes are yellow|eyes look yellow|jaundic*|pele amarel*|olhos amarel*|pele esta amarel*|olhos estao amarel*|ictericia",
        ticks: &[W(Wn::YellowSkinEyes)],
        negatable: true,
    },
    Watch {
        words: "rash*|hives|welt*|urticaria|erupc*",
        ticks: &[W(Wn::Hives), W(Wn::SpreadingRash)],
        negatable: true,
    },
    Watch {
        words: "blister*|bolha*",
        ticks: &[W(Wn::Blisters)],
        negatable: true,
    },
    Watch {
        words: "peel*|descasc*",
        ticks: &[W(Wn::PeelingSkinFever)],
        negatable: true,
    },
    Watch {
        words: "weight*|peso",
        ticks: &[W(Wn::RapidWeightGainSwelling)],
        negatable: true,
    },
    Watch {
        words: "blue|white finger*|azul|azuis|dedo* branc*",
        ticks: &[W(Wn::RaynaudNotRecovering)],
        negatable: true,
    },
    Watch {
        words: "fever*|temperature|shiver*|chills|feel hot|feeling hot|felt hot|febr*|arrepi*|calafrio*|temperatura",
        ticks: &[Tick::Fever],
        negatable: true,
    },
    Watch {
        words: "pus|cloudy|smell*|stink*|foul|turv*|cheir*|purul*",
        ticks: &[Lump(L::PusCloudy)],
        negatable: true,
    },
    Watch {
        words: "streak*|red line*|risco*|risca*|estria*|linha* vermelh*",
        ticks: &[Lump(L::RedStreaks)],
        negatable: true,
    },
    Watch {
        words: "spread*|espalh*|alastr*",
        ticks: &[
            Lump(L::RednessSpreading),
            W(Wn::RednessSpreadingFast),
            W(Wn::SpreadingRash),
        ],
        negatable: true,
    },
    Watch {
        words: "black*|dead|gangren*|necro*|preta|preto|pretas|pretos|negra*|morta|morto",
        ticks: &[Lump(L::SkinDark)],
        negatable: true,
    },
    Watch {
        words: "swell*|swollen|puff*|inchad*|inchac*|inchar*|incha",
        ticks: &[
            Lump(L::RednessWarmth),
            Lump(L::RednessSpreading),
            W(Wn::FaceThroatSwelling),
            W(Wn::RapidWeightGainSwelling),
            W(Wn::JointSwollenPainful),
            Effect(S::SwollenAnkles),
        ],
        negatable: true,
    },
    Watch {
        words: "red|redness|reddish|warm*|hot|inflam*|vermelh*|quente*|calor|inflamad*",
        ticks: &[
            Lump(L::RednessWarmth),
            Lump(L::RednessSpreading),
            W(Wn::RednessSpreadingFast),
        ],
        negatable: true,
    },
];

/// Words that, just before a sign's words, say it is not there. (Not "no": in Portuguese it is
/// "in the", as in "dor no peito", chest pain. It counts only in English: `NO`.)
const NOT: &[&str] = &[
    "not", "never", "without", "none", "didnt", "dont", "doesnt", "havent", "hasnt", "isnt",
    "wasnt", "nao", "sem", "nunca", "nem", "nenhum", "nenhuma",
];

/// "No" before a sign's words, in English only.
const NO: &str = "no";

/// Small words passed over when looking for a "not" ("no real fever", "no pain in my chest",
/// "não tenho uma febre", "sem dor no peito"). Portuguese "no" is one of them.
const FILLERS: &[&str] = &[
    "a", "an", "any", "real", "more", "have", "had", "pain", "in", "my", "the", "um", "uma", "de",
    "mais", "tenho", "tive", "dor", "dores", "na", "nos", "nas", "do", "da", "o",
];

/// One word of a text: its letters as `plain` writes them, and where it is in the text.
struct Word {
    plain: String,
    start: usize,
    end: usize,
}

/// The words of `text`: runs of letters and digits; an apostrophe inside a word is dropped
/// ("didn't" is "didnt").
fn words_of(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut open = false;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_letter_or_digit(c) {
            match words.last_mut() {
                Some(w) if open => {
                    w.plain.push(plain(c));
                    w.end = end;
                }
                _ => words.push(Word {
                    plain: plain(c).to_string(),
                    start: i,
                    end,
                }),
            }
            open = true;
        } else if !(open && matches!(c, '\'' | '\u{2019}')) {
            open = false;
        }
    }
    words
}

/// Whether the words just before a sign's (`before`) say it is not there: a "not" word, with
/// only small words between ("no pain in my chest", "sem dor no peito").
fn denied(before: &[Word], lang: Lang) -> bool {
    for w in before.iter().rev().map(|w| w.plain.as_str()) {
        if NOT.contains(&w) || (lang == Lang::En && w == NO) {
            return true;
        }
        if !(FILLERS.contains(&w) || w == NO) {
            return false;
        }
    }
    false
}

/// Whether the text's word `word` is the pattern's word `want` (`*` at the end: begins so).
fn word_is(word: &str, want: &str) -> bool {
    match want.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == want,
    }
}

/// Where `watch`'s words first stand in `words` and are not said not to be there (in a text
/// written in `lang`): the byte range in the text.
fn find(watch: &Watch, words: &[Word], lang: Lang) -> Option<(usize, usize)> {
    for (i, _) in words.iter().enumerate() {
        for pattern in watch.words.split('|') {
            let wanted: Vec<&str> = pattern.split(' ').collect();
            let Some(run) = words.get(i..i + wanted.len()) else {
                continue;
            };
            if !run.iter().zip(&wanted).all(|(w, p)| word_is(&w.plain, p)) {
                continue;
            }
            if !(watch.negatable && denied(&words[..i], lang)) {
                return Some((run[0].start, run[run.len() - 1].end));
            }
        }
    }
    None
}

/// Whether `tick` is ticked in the form `d`.
pub fn ticked(d: &Draft, tick: Tick) -> bool {
    match tick {
        Tick::Fever => d.fever,
        Tick::Sign(s) => d.lesions.iter().any(|l| l.signs.contains(&s)),
        Tick::Warning(w) => d.warnings.contains(&w),
        Tick::SideEffect(s) => d.side_effects.contains(&s),
    }
}

/// The signs the patient wrote in the form `d` (its notes, and "something else" under side
/// effects while that is ticked) with none of their boxes ticked, each once, most urgent first.
/// `lang` is the form's language, which tells what "no" means.
pub fn unticked(d: &Draft, lang: Lang) -> Vec<Mention> {
    let mut texts = vec![d.notes.as_str()];
    if d.side_effects.contains(&SideEffect::Other) {
        texts.push(d.other_side_effect.as_str());
    }
    let texts: Vec<(&str, Vec<Word>)> = texts.into_iter().map(|t| (t, words_of(t))).collect();
    WATCHES
        .iter()
        .filter(|watch| !watch.ticks.iter().any(|&t| ticked(d, t)))
        .filter_map(|watch| {
            texts.iter().find_map(|(text, words)| {
                find(watch, words, lang).map(|(start, end)| Mention {
                    words: text[start..end].to_string(),
                    ticks: watch.ticks,
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::time::Instant;

    fn form(notes: &str) -> Draft {
        let mut d = Draft::new(Instant(1_764_500_000_000), &60, None);
        d.notes = notes.into();
        d
    }

    /// The words found in `notes`, with nothing ticked, on the English form.
    fn found(notes: &str) -> Vec<String> {
        unticked(&form(notes), Lang::En)
            .into_iter()
            .map(|m| m.words)
            .collect()
    }

    #[test]
    fn a_fever_written_and_not_ticked_is_found_and_ticking_it_ends_that() {
        let mut d = form("Had a Fever last night, 38.5");
        let found = unticked(&d, Lang::En);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].words, "Fever");
        assert_eq!(found[0].ticks, &[Tick::Fever]);
        d.fever = true;
        assert_eq!(unticked(&d, Lang::En), vec![]);
    }

    #[test]
    fn every_red_flag_box_of_facts_has_words_in_both_languages_that_find_it() {
        // One English and one Portuguese way a patient might write each sign, and the box it
        // must point to.
        let cases: &[(&str, &str, Tick)] = &[
            ("pain in my chest", "dor no peito", W(Wn::ChestPain)),
            ("hard to breathe", "falta de ar", W(Wn::TroubleBreathing)),
            ("I fainted at lunch", "desmaiei ao almoço", W(Wn::Fainted)),
            ("felt confused", "senti-me confusa", W(Wn::Confused)),
            ("skin clammy", "pele pegajosa", W(Wn::ColdClammySkin)),
            (
                "hardly any urine",
                "quase não fiz xixi",
                W(Wn::NotPassingUrine),
            ),
            ("heart racing", "palpitações", W(Wn::FastHeartbeat)),
            ("unbearable", "dor insuportável", W(Wn::SeverePain)),
            ("stomach ache", "dor de barriga", W(Wn::SevereStomachPain)),
            (
                "eyes look yellow",
                "olhos amarelados",
                W(Wn::YellowSkinEyes),
            ),
            ("a rash", "erupção", W(Wn::Hives)),
            ("blisters", "bolhas", W(Wn::Blisters)),
            ("skin peeling", "pele a descascar", W(Wn::PeelingSkinFever)),
            ("finger went blue", "dedo azul", W(Wn::RaynaudNotRecovering)),
            ("shivery", "arrepios", Tick::Fever),
            ("smells bad", "cheira mal", Lump(L::PusCloudy)),
            ("red streaks", "riscos vermelhos", Lump(L::RedStreaks)),
            ("redness spreading", "a espalhar", Lump(L::RednessSpreading)),
            ("skin went black", "pele preta", Lump(L::SkinDark)),
            ("finger swollen", "dedo inchado", W(Wn::JointSwollenPainful)),
            ("red and hot", "vermelho e quente", Lump(L::RednessWarmth)),
        ];
        for (en, pt, tick) in cases {
            for (text, lang) in [(en, Lang::En), (pt, Lang::PtPt)] {
                let found = unticked(&form(text), lang);
                assert!(
                    found.iter().any(|m| m.ticks.contains(tick)),
                    "{text:?} should point to {tick:?}, found {found:?}"
                );
            }
        }
        // And every red-flag warning box of the form is pointed to by some words.
        for w in Warning::ALL {
            let pointed = WATCHES.iter().any(|watch| watch.ticks.contains(&W(w)));
            assert!(pointed, "{w:?} has no words");
        }
    }

    #[test]
    fn a_sign_said_not_to_be_there_is_not_found_but_no_urine_is() {
        assert_eq!(
            found("No fever today. I didn't faint."),
            Vec::<String>::new()
        );
        assert_eq!(
            found("Sem febre, não tenho nenhuma bolha"),
            Vec::<String>::new()
        );
        assert_eq!(found("No urine since yesterday"), vec!["urine"]);
        // "No" is "in the" in Portuguese: "dor no peito" is chest pain.
        let pt = unticked(&form("Dor no peito, sem febre"), Lang::PtPt);
        assert_eq!(pt.len(), 1);
        assert_eq!(
            (pt[0].words.as_str(), pt[0].ticks),
            ("peito", &[W(Wn::ChestPain)][..])
        );
        // "No" further back does not hide a sign said after it; small words between do not stop it.
        assert_eq!(found("No pain but a fever"), vec!["fever"]);
        assert_eq!(found("no pain in my chest"), Vec::<String>::new());
        assert_eq!(found("No fever. Pain in my chest"), vec!["chest"]);
        // Said twice, once not: found where it is said.
        assert_eq!(found("no fever yesterday, fever today"), vec!["fever"]);
    }

    #[test]
    fn only_whole_words_or_their_beginnings_are_found() {
        // "red" is not in "reduced", "heart" not in "heartburn", "pee" not in "speed".
        assert_eq!(
            found("Pain reduced; heartburn; speed"),
            Vec::<String>::new()
        );
        // Accents and case as typed; the words are given back as written.
        assert_eq!(found("FEBRE alta"), vec!["FEBRE"]);
        assert_eq!(found("Inchaço à volta"), vec!["Inchaço"]);
    }

    #[test]
    fn a_box_that_says_the_sign_ends_it_whichever_of_its_boxes_is_ticked() {
        let mut d = form("my ankle is swollen and the lump is red");
        let boxes = |d: &Draft| -> Vec<String> {
            unticked(d, Lang::En).into_iter().map(|m| m.words).collect()
        };
        assert_eq!(boxes(&d), vec!["swollen", "red"]);
        d.side_effects.insert(SideEffect::SwollenAnkles);
        assert_eq!(boxes(&d), vec!["red"]);
        let key = d.add_lesion();
        d.lesion_mut(key).unwrap().signs.insert(Sign::RednessWarmth);
        assert_eq!(boxes(&d), Vec::<String>::new());
    }

    #[test]
    fn the_other_side_effect_is_read_only_while_it_is_ticked() {
        let mut d = form("");
        d.other_side_effect = "a rash on my arms".into();
        assert_eq!(unticked(&d, Lang::En), vec![]);
        d.side_effects.insert(SideEffect::Other);
        let found = unticked(&d, Lang::En);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].words, "rash");
    }

    #[test]
    fn the_most_urgent_sign_comes_first_and_each_once() {
        assert_eq!(
            found("fever, pus, chest pain, fever again"),
            vec!["chest", "fever", "pus"]
        );
    }
}
