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
    /// The English words: each one word or more, as `plain` writes them (lower case, no accents,
    /// no apostrophes), `|` between them; a word ending in `*` stands for any word that begins so.
    /// (One text, not a list: a list of 230 texts cost the download twice as much.)
    en: &'static str,
    /// The Portuguese words, as `en`. Apart, because "no" before an English word says it is not
    /// there ("no fever"), and before a Portuguese one it is "in the" ("dor no peito").
    pt: &'static str,
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
        en: "chest|angina",
        pt: "peito",
        ticks: &[W(Wn::ChestPain)],
        negatable: true,
    },
    Watch {
        en: "breath*|wheez*|gasp*|throat* tight*|tight* throat*",
        pt: "respir*|falta de ar|folego|garganta apertada",
        ticks: &[
            W(Wn::FastBreathing),
            W(Wn::TroubleBreathing),
            W(Wn::ShortOfBreath),
        ],
        negatable: true,
    },
    Watch {
        en: "faint*|passed out|pass out|blacked out|collaps*",
        pt: "desmai*|perdi os sentidos|perdi a consciencia",
        // Not the side effect "Fainting": the form shows that box only when it is ticked (the
        // warning sign asks it), so a button to it would go nowhere.
        ticks: &[W(Wn::Fainted)],
        negatable: true,
    },
    Watch {
        en: "confus*|slurr*|muddled|disorient*",
        pt: "confus*|arrastad*|desorient*",
        ticks: &[W(Wn::Confused)],
        negatable: true,
    },
    Watch {
        en: "clammy|mottled|blotch*",
        pt: "pegajos*",
        ticks: &[W(Wn::ColdClammySkin)],
        negatable: true,
    },
    Watch {
        en: "urin*|pee|peed|peeing|wee",
        pt: "urin*|xixi|chichi",
        ticks: &[W(Wn::NotPassingUrine)],
        negatable: false,
    },
    Watch {
        en: "heart|heartbeat*|palpitat*|pounding|racing",
        pt: "coracao|palpitac*|batimento*",
        ticks: &[W(Wn::FastHeartbeat), Effect(S::SlowOrPoundingHeartbeat)],
        negatable: true,
    },
    Watch {
        en: "severe pain|very bad pain|terrible pain|worst pain|agony|unbearable|excruciating",
        pt: "dor muito forte|dores muito fortes|dor insuportavel|insuportave*|dor horrivel",
        ticks: &[W(Wn::SeverePain)],
        negatable: true,
    },
    Watch {
        en: "stomach*|tummy|belly|abdom*",
        pt: "estomago|barriga|abdom*",
        ticks: &[W(Wn::SevereStomachPain)],
        negatable: true,
    },
    Watch {
        en: "yellow skin|yellow eye*|skin is yellow|skin looks yellow|eyes are yellow|eyes look yellow|jaundic*",
        pt: "pele amarel*|olhos amarel*|pele esta amarel*|olhos estao amarel*|ictericia",
        ticks: &[W(Wn::YellowSkinEyes)],
        negatable: true,
    },
    Watch {
        en: "rash*|hives|welt*|urticaria",
        pt: "urticaria|erupc*",
        ticks: &[W(Wn::Hives), W(Wn::SpreadingRash)],
        negatable: true,
    },
    Watch {
        en: "blister*",
        pt: "bolha*",
        ticks: &[W(Wn::Blisters)],
        negatable: true,
    },
    Watch {
        en: "peel*",
        pt: "descasc*",
        ticks: &[W(Wn::PeelingSkinFever)],
        negatable: true,
    },
    Watch {
        en: "weight*",
        pt: "peso",
        ticks: &[W(Wn::RapidWeightGainSwelling)],
        negatable: true,
    },
    Watch {
        en: "blue|white finger*",
        pt: "azul|azuis|dedo* branc*",
        ticks: &[W(Wn::RaynaudNotRecovering)],
        negatable: true,
    },
    Watch {
        en: "fever*|temperature|temp|shiver*|chills|tremor*|feel hot|feeling hot|felt hot",
        pt: "febr*|arrepi*|calafrio*|temperatura|tremor*",
        ticks: &[Tick::Fever],
        negatable: true,
    },
    Watch {
        en: "pus|cloudy|smell*|stink*|foul|green*|infect*",
        pt: "pus|turv*|cheir*|purul*|esverdead*|infec*|infet*",
        ticks: &[Lump(L::PusCloudy)],
        negatable: true,
    },
    Watch {
        en: "streak*|red line*",
        pt: "risco*|risca*|estria*|linha* vermelh*",
        ticks: &[Lump(L::RedStreaks)],
        negatable: true,
    },
    Watch {
        en: "spread*",
        pt: "espalh*|alastr*",
        ticks: &[
            Lump(L::RednessSpreading),
            W(Wn::RednessSpreadingFast),
            W(Wn::SpreadingRash),
        ],
        negatable: true,
    },
    Watch {
        en: "black*|dead|gangren*|necro*",
        pt: "preta|preto|pretas|pretos|negra*|morta|morto|gangren*|necro*",
        ticks: &[Lump(L::SkinDark)],
        negatable: true,
    },
    Watch {
        en: "swell*|swollen|puff*",
        pt: "inchad*|inchac*|inchar*|incha|inchou|incham|inchei|inchaco",
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
        en: "red|redness|reddish|warm*|hot|inflam*",
        pt: "vermelh*|quente*|calor|inflam*",
        ticks: &[
            Lump(L::RednessWarmth),
            Lump(L::RednessSpreading),
            W(Wn::RednessSpreadingFast),
        ],
        negatable: true,
    },
];

/// Words that, just before a sign's words, say it is not there. (Not "no": in Portuguese it is
/// "in the", as in "dor no peito", chest pain. It counts only before English words: `NO`.)
const NOT: &[&str] = &[
    "not", "never", "without", "none", "didnt", "dont", "doesnt", "havent", "hasnt", "isnt",
    "wasnt", "nao", "sem", "nunca", "nem", "nenhum", "nenhuma",
];

/// "No" before a sign's English words.
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
    /// Whether a stop, comma, colon, semicolon, question or exclamation mark, or a new line,
    /// stands between it and the word before: a "no" before that belongs to another part of
    /// the sentence ("No pain, fever since last night").
    after_break: bool,
}

/// The words of `text`: runs of letters and digits; an apostrophe inside a word is dropped
/// ("didn't" is "didnt").
fn words_of(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let (mut open, mut broken) = (false, false);
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
                    after_break: std::mem::take(&mut broken),
                }),
            }
            open = true;
        } else if !(open && matches!(c, '\'' | '\u{2019}')) {
            open = false;
            broken |= matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\n');
        }
    }
    words
}

/// Whether the words just before a sign's (`before`; the sign's first word is `first`) say it
/// is not there: a "not" word, with only small words between, in the same part of the sentence
/// ("no pain in my chest", "sem dor no peito"; not "no pain, fever"). "No" counts before English
/// words (`english`), and is passed over before Portuguese ones.
fn denied(before: &[Word], first: &Word, english: bool) -> bool {
    if first.after_break {
        return false;
    }
    for w in before.iter().rev() {
        let word = w.plain.as_str();
        if NOT.contains(&word) || (english && word == NO) {
            return true;
        }
        if !(FILLERS.contains(&word) || word == NO) || w.after_break {
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

/// Where `watch`'s words first stand in `words` and are not said not to be there: the byte
/// range in the text.
fn find(watch: &Watch, words: &[Word]) -> Option<(usize, usize)> {
    // Split once, not at every word.
    let patterns: Vec<(&str, bool)> = [(watch.en, true), (watch.pt, false)]
        .into_iter()
        .flat_map(|(p, e)| p.split('|').map(move |p| (p, e)))
        .collect();
    for (i, first) in words.iter().enumerate() {
        for &(pattern, english) in &patterns {
            // Most words start with another letter than the pattern: passed at once.
            if pattern.as_bytes().first() != first.plain.as_bytes().first() {
                continue;
            }
            // Word by word, stopping at the first that differs: no allocation, as this runs for
            // every word of the notes at each render of the form.
            let mut n = 0;
            let matched = pattern.split(' ').all(|p| {
                n += 1;
                words.get(i + n - 1).is_some_and(|w| word_is(&w.plain, p))
            });
            if matched && !(watch.negatable && denied(&words[..i], first, english)) {
                return Some((first.start, words[i + n - 1].end));
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
/// `typing`: the patient is typing in one of those fields, so a word the text ends in may be
/// the start of another ("wee" of "week", "red" of "redid") and is left until it is followed by
/// something, or the field is left.
pub fn unticked(d: &Draft, typing: bool) -> Vec<Mention> {
    let mut texts = vec![d.notes.as_str()];
    if d.side_effects.contains(&SideEffect::Other) {
        texts.push(d.other_side_effect.as_str());
    }
    let texts: Vec<(&str, Vec<Word>)> = texts
        .into_iter()
        .map(|t| {
            let mut words = words_of(t);
            if typing && words.last().is_some_and(|w| w.end == t.len()) {
                words.pop();
            }
            (t, words)
        })
        .collect();
    WATCHES
        .iter()
        .filter(|watch| !watch.ticks.iter().any(|&t| ticked(d, t)))
        .filter_map(|watch| {
            texts.iter().find_map(|(text, words)| {
                find(watch, words).map(|(start, end)| Mention {
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
        unticked(&form(notes), false)
            .into_iter()
            .map(|m| m.words)
            .collect()
    }

    #[test]
    fn a_fever_written_and_not_ticked_is_found_and_ticking_it_ends_that() {
        let mut d = form("Had a Fever last night, 38.5");
        let found = unticked(&d, false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].words, "Fever");
        assert_eq!(found[0].ticks, &[Tick::Fever]);
        d.fever = true;
        assert_eq!(unticked(&d, false), vec![]);
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
            for text in [en, pt] {
                let found = unticked(&form(text), false);
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
        let pt = unticked(&form("Dor no peito, sem febre"), false);
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
            unticked(d, false).into_iter().map(|m| m.words).collect()
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
        assert_eq!(unticked(&d, false), vec![]);
        d.side_effects.insert(SideEffect::Other);
        let found = unticked(&d, false);
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

    /// Found by review: a "no" in another part of the sentence hid the sign, and English "no"
    /// hid a Portuguese one.
    #[test]
    fn a_not_in_another_part_of_the_sentence_or_a_portuguese_no_hides_nothing() {
        for text in [
            "No pain, fever since last night",
            "No pain. Fever 38.5",
            "Can't walk without pain, fever too",
            "Don't have any pain, have a fever",
            "Sem dor, febre de 38",
            "Não tenho dor, tenho febre",
            "No pain\nfever",
        ] {
            let found = unticked(&form(text), false);
            assert!(
                found.iter().any(|m| m.ticks == [Tick::Fever]),
                "{text:?}: {found:?}"
            );
        }
        for text in ["dor no peito", "Dor no estômago"] {
            assert_eq!(unticked(&form(text), false).len(), 1, "{text:?}");
        }
        // Still not there when said so in the same part.
        assert_eq!(found("No fever, no chest pain"), Vec::<String>::new());
    }

    #[test]
    fn common_ways_of_writing_a_sign_are_found() {
        for (text, tick) in [
            ("high temp last night", Tick::Fever),
            ("I think it is infected", Lump(L::PusCloudy)),
            ("parece infetada", Lump(L::PusCloudy)),
            ("a green discharge", Lump(L::PusCloudy)),
            ("o dedo inchou", W(Wn::JointSwollenPainful)),
            ("tremores à noite", Tick::Fever),
        ] {
            let found = unticked(&form(text), false);
            assert!(
                found.iter().any(|m| m.ticks.contains(&tick)),
                "{text:?}: {found:?}"
            );
        }
    }

    #[test]
    fn while_typing_the_last_word_waits_until_it_is_whole() {
        // "wee" of "week", "red" of "redid": not shown while the word may go on.
        assert_eq!(unticked(&form("Slept badly last wee"), true), vec![]);
        assert_eq!(unticked(&form("I redid the dressing, red"), true), vec![]);
        // Followed by anything, or the field left, it counts.
        assert_eq!(unticked(&form("a fever "), true).len(), 1);
        assert_eq!(unticked(&form("a fever"), false).len(), 1);
    }
}
