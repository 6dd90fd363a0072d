//! Warning signs a patient wrote in words on the check-in form (the notes, or "something else"
//! under side effects) while no box that says them is ticked. Only ticked boxes decide the
//! advice (`triage`): a fever written in the notes, and not ticked, was "tell the team at the
//! next visit". This finds such words so that the form can name the boxes, and the sign is not
//! missed. It never ticks anything and never decides: the patient does. A box ticked that says
//! the words less urgently than another may ("Swollen ankles" for "my lips are swollen") leaves
//! the more urgent boxes named.
//!
//! The words are English and Portuguese, looked for in both whatever the widget's language (a
//! patient may write in either). A fever is found written as a number too ("38.9", "101.5F").
//! Over-finding is the safe side: a word that is not a sign only shows a line the patient can
//! pass over.

use super::diary::{SideEffect, Sign, Warning};
use super::draft::Draft;
use super::letters::{is_letter_or_digit, plain};
use super::triage::{side_effect_reason, sign_reason, warning_reason, Level, Reason};

/// A box on the check-in form that says a sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tick {
    Fever,
    /// A sign of a lump or sore in the form: ticked for any of them.
    Sign(Sign),
    Warning(Warning),
    SideEffect(SideEffect),
}

/// A sign found in the patient's words with no box ticked that says it as urgently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The words as the patient wrote them (the first place found).
    pub words: String,
    /// The boxes that say the sign, in the form's order: ticking any one of them is enough.
    /// Where the words may say signs of different urgency ("swollen": ankles, or the face),
    /// those no more urgent than a box of theirs already ticked are left out (`to_tick`).
    pub ticks: Vec<Tick>,
}

/// Words that name a sign, and the boxes that say it.
struct Watch {
    /// The English words: each one word or more, as `plain` writes them (lower case, no accents,
    /// no apostrophes), `|` between them; a word ending in `*` stands for any word that begins so,
    /// `/` between words for any one of them ("toe*/finger*"), and `~` for up to `GAP` of the words
    /// that link a thing to how it is (`LINKS`: "skin ~ yellow*" finds "skin has gone yellow"),
    /// `+` for up to `SPAN` of any words but a "not" ("hurts + bend* + finger*" finds "hurts when
    /// I bend my finger").
    /// (One text, not a list: a list of 230 texts cost the download twice as much.)
    en: &'static str,
    /// The Portuguese words, as `en`. Apart, because "no" before an English word says it is not
    /// there ("no fever"), and before a Portuguese one it is "in the" ("dor no peito").
    pt: &'static str,
    ticks: &'static [Tick],
    /// Whether "no" or "not" just before the words means the sign is not there ("no fever").
    /// Not for urine: "no urine" IS the sign.
    negatable: bool,
    /// Whether a temperature of a fever written as a number is the sign too (`fever_number`).
    temperature: bool,
    /// Words, `|` between them, that just after the sign's (`fine_after`) say it is as it should
    /// be ("breathing is fine", "respiro bem"). Then the sign is there only if something says
    /// otherwise: a "not" before or between ("not breathing properly", "não respiro bem"), or any
    /// other word before it in its part of the sentence ("can't breathe properly").
    fine: &'static str,
    /// Whether every box after the first says the first's sign, and more (redness; redness that
    /// spreads): then any one ticked ends the words. Otherwise each box is a sign the words may
    /// say, and one ticked leaves those more urgent than it still to be ticked.
    nested: bool,
}

/// What a watch is unless it says otherwise.
const SIGN: Watch = Watch {
    en: "",
    pt: "",
    ticks: &[],
    negatable: true,
    temperature: false,
    fine: "",
    nested: false,
};

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
        ..SIGN
    },
    Watch {
        en: "breath*|wheez*|gasp*|throat* tight*|tight* throat*",
        // "Sem" ("without") is a "not", but "sem fôlego" and "sem ar" are out of breath: the
        // words begin with it, so it is part of the sign, as "no" is of "no urine".
        pt: "sem folego|sem ar|respir*|falta de ar|folego|garganta apertada|aperto na garganta\
            |garganta ~ fechad*/fechou/fecha/fechar",
        ticks: &[
            W(Wn::FastBreathing),
            W(Wn::TroubleBreathing),
            W(Wn::ShortOfBreath),
        ],
        fine: "fine|ok|okay|normal|normally|properly|well|alright|good|bem|normalmente|boa",
        ..SIGN
    },
    Watch {
        en: "faint*|passed out|pass out|blacked out|collaps*",
        pt: "desmai*|perdi os sentidos|perdi a consciencia|sem sentidos",
        // Not the side effect "Fainting": the form shows that box only when it is ticked (the
        // warning sign asks it), so a button to it would go nowhere.
        ticks: &[W(Wn::Fainted)],
        ..SIGN
    },
    Watch {
        // Talk that makes no sense, and someone hard to wake, as the NHS's sepsis page has them.
        // Not "drowsy" alone, nor "can't wake up" or "not making sense" (after tablets, in the
        // mornings, of a leaflet: everyday words), nor "did not wake" (the sleep question's).
        // Someone (a child too: calcinosis comes with juvenile dermatomyositis) hard to wake or
        // to rouse, written with or without who.
        en: "confus*|slurr*|muddled|disorient*|incoheren*|talking nonsense\
            |cant/cannot/couldnt/not/barely/hardly wake him/her/them/my\
            |unable/hard/harder/difficult to wake him/her/them/my\
            |wont/wouldnt wake up|would not wake up\
            |he/she/hes/shes/they/theyre/husband/wife/partner/mum/mom/dad/mother/father/son\
            /daughter/child/kid/baby/boy/girl/brother/sister/boyfriend/girlfriend/grandma\
            /grandad/grandpa/granny/grandmother/grandfather/nan/gran ~ hard/harder/difficult to wake\
            |drowsy/sleepy and hard/difficult to wake\
            |not/never/didnt/isnt/wasnt/hasnt/dont/doesnt/couldnt/cant/cannot rous*|rous*",
        // "Não diz coisa com coisa": says nothing that makes sense.
        // Someone who is hard to wake or cannot be woken ("difícil acordá-lo", "não consigo
        // acordá-la"); not "difícil de acordar" or "não consigo acordar" (oneself, in the morning).
        pt: "confus*|arrastad*|desorient*|incoeren*|coisa com coisa\
            |dificil/custa acorda lo/la/los/las|dificil de o/a/os/as acordar\
            |dificil de acorda lo/la/los/las|custa a acorda lo/la/los/las\
            |esta/estava/anda/ficou/estado ~ dificil de acordar\
            |nao/mal consigo/conseguimos/consegui/conseguia acorda lo/la/los/las\
            |custa muito a acorda lo/la/los/las\
            |nao/mal consigo/conseguimos/consegui/conseguia acordar o/a meu/minha/nosso/nossa\
            |fala/falar/falava/falou/falando ~ enrolad*|enrola/enrolava/enrolar a lingua",
        ticks: &[W(Wn::Confused)],
        ..SIGN
    },
    Watch {
        // The skin, or the lips, grey or ashen, and a cold sweat ("suores frios"): FACTS' "cold,
        // clammy, pale or mottled skin". Not pale or cold skin: a Raynaud's attack, the skin
        // over a lump, "pele fria nos dedos"; nor "cold" or "frio" alone (a cold, "tenho frio").
        en: "clammy|mottled|blotch*|ashen|cold sweat*\
            |skin/lips ~ grey/gray/greyish/grayish/ashen|lips ~ pale*|pale lips|very/deathly pale\
            |grey/gray/greyish/grayish/ashen skin/lips",
        // Cold and damp, as the box says ("fria e húmida", of the skin or a person: the weather's
        // is found too, the safe side), and mottled ("marmoreada"); not "suores" or "pele suada"
        // alone (a hot day).
        pt: "pegajos*|suores frios|suor frio|pele/labios ~ acinzentad*/cinzent*|labios ~ palid*\
            |muito palid*|fri* e humid*|humid* e fri*|marmoread*",
        ticks: &[W(Wn::ColdClammySkin)],
        ..SIGN
    },
    Watch {
        // "Weed" only as not done: alone it is a plant (these words cannot be negated).
        en: "urin*|pee|peed|peeing|wee|weeing|havent/hasnt/hadnt/didnt/not weed",
        pt: "urin*|xixi|chichi",
        ticks: &[W(Wn::NotPassingUrine)],
        negatable: false,
        ..SIGN
    },
    Watch {
        // "Pulso" is the wrist too (a common place for lumps): only with how it beats.
        en: "heart|heartbeat*|palpitat*|pounding|racing|tachycardi*|pulse",
        pt: "coracao|palpitac*|batimento*|taquicardi*\
            |pulso ~ acelera*/rapid*/lent*/fraco/irregular/dispar*/forte/descompass*|pulsac*",
        ticks: &[W(Wn::FastHeartbeat), Effect(S::SlowOrPoundingHeartbeat)],
        ..SIGN
    },
    Watch {
        // Sepsis named ("sépsis", "septicaemia", "septicémia", "septic"): the form has no one
        // box for it but one for each of its signs (FACTS), any of them enough; all
        // emergencies. The words are the same in Portuguese, so written once, as English, for
        // "no" before them to say it is not there ("no sepsis").
        en: "sepsis|septic*",
        ticks: &[
            W(Wn::Confused),
            W(Wn::FastBreathing),
            W(Wn::FastHeartbeat),
            W(Wn::ColdClammySkin),
            W(Wn::NotPassingUrine),
            W(Wn::Fainted),
        ],
        ..SIGN
    },
    Watch {
        en: "severe pain|very bad pain|terrible pain|worst pain|agony|unbearable|excruciating",
        // "Dor forte" and "dor intensa" are how severe pain is said.
        pt: "dor muito forte|dores muito fortes|dor insuportavel|insuportave*|dor horrivel\
            |dor forte|dores fortes|dor intensa|dores intensas|doi imenso|doi muitissimo",
        ticks: &[W(Wn::SeverePain)],
        ..SIGN
    },
    Watch {
        en: "stomach*|tummy|belly|abdom*",
        pt: "estomago|barriga|abdom*",
        ticks: &[W(Wn::SevereStomachPain)],
        ..SIGN
    },
    Watch {
        en: "yellow skin|yellow eye*|skin ~ yellow*|eye* ~ yellow*|jaundic*",
        pt: "pele ~ amarel*|olhos ~ amarel*|ictericia",
        ticks: &[W(Wn::YellowSkinEyes)],
        ..SIGN
    },
    Watch {
        // Purple spots too: FACTS' "spreading red or purple rash". Not "papos" alone (under the
        // eyes).
        en: "rash*|hives|welt*|urticaria|itchy bump*/spot*/welt*/blotch*|bump* ~ itch*|purpura\
            |purpl* spot*/patch*/blotch*/dot*|spot*/patch*/blotch*/dot* ~ purpl*",
        pt: "urticaria|erupc*|babas na pele|comichao e borbulh*|borbulh* e comichao\
            |borbulh* com comichao|comichao e papo*|papo* e/com comichao|papo* na pele\
            |papo* no/pelo corpo|mancha*/pinta*/pintinha*/ponto*/pontinho* ~ rox*/arroxead*/purpur*\
            |purpura",
        ticks: &[W(Wn::Hives), W(Wn::SpreadingRash)],
        ..SIGN
    },
    Watch {
        en: "blister*",
        pt: "bolha*",
        ticks: &[W(Wn::Blisters)],
        ..SIGN
    },
    Watch {
        en: "peel*",
        pt: "descasc*|escamar|escamou|a escamar",
        ticks: &[W(Wn::PeelingSkinFever)],
        ..SIGN
    },
    Watch {
        // Kilos put on (not "medo de engordar", a fear).
        en: "weight*|put/putting on + kilo*/kg/kgs/pound*/lb/lbs/stone\
            |gain* + kilo*/kg/kgs/pound*/lb/lbs/stone",
        pt: "peso|engordei|engordou|engordaste|engordado|engordamos|engordaram|a engordar\
            |ganhei/ganhou/aumentei/aumentou + quilo*/kilo*/kg/kgs",
        ticks: &[W(Wn::RapidWeightGainSwelling)],
        ..SIGN
    },
    Watch {
        // A finger or toe, then its colour: FACTS' "stays white, blue or dark" (or purple, or
        // black, as patients write it), and that it will not warm up.
        en: "blue|dusky|finger*/toe*/thumb* ~ white/pale/blue/purple/dark*/black*/grey/gray\
            |white/pale/purple/dark*/grey/gray finger*/toe*/thumb*\
            |not/wont/doesnt/didnt/wouldnt/cant/cannot warm* up",
        pt: "azul|azuis|dedo*/polegar* ~ branc*/palid*/azu*/rox*/escur*/negr*/pret*|nao aquec*",
        ticks: &[W(Wn::RaynaudNotRecovering)],
        // The colour of something on the finger, not of the finger: "my finger has white chalk
        // coming out" (calcinosis itself, FACTS), "white stuff", "dedo com pasta branca" is
        // found by the lump's own words.
        fine: "chalk|chalky|stuff|material|paste|bits|bit|spot|spots|patch|patches|lump|lumps\
            |discharge|cream|pus|fluid|liquid|mark|marks|dots|head|heads|giz|pasta|coisa|coisas\
            |pontos|ponto|mancha|manchas|liquido|bolinhas|caroco|carocos",
        ..SIGN
    },
    Watch {
        // Shivers, rigors and night sweats too (FACTS: feeling shivery counts as a fever). Not
        // shaking or sweating alone: shaky hands from a medicine, a hot day.
        en: "fever*|temperature|temp|shiver*|chills|tremor*|feel hot|feeling hot|felt hot\
            |rigors|night sweat*|shaking all night|shaking uncontrollably|couldnt/cant stop shaking\
            |the shakes|feel/feels/felt/feeling/am/im/getting/keep/kept hot and cold\
            |hot and cold all/at/during/through/every night\
            |hot and cold sweat*/spell*/flush*/shiver*",
        // The fever box's own "sinto calor" (FACTS: feeling hot counts as a fever), which the
        // redness of a lump finds too: the patient knows which they mean.
        pt: "febr*|arrepi*|calafrio*|temperatura|tremor*|sinto calor|senti calor|tenho calor\
            |tive calor|estou com calor|ando com calor|sinto me quente|senti me quente\
            |suores noturnos|suores nocturnos|suor noturno|suor nocturno|suores a noite\
            |tremer de frio|tremia tod*|estou/ando/fiquei ~ quente|sinto me a ferver",
        ticks: &[Tick::Fever],
        temperature: true,
        ..SIGN
    },
    Watch {
        // FACTS: pus is yellow or green (chalk is white).
        en: "pus|cloudy|smell*|stink*|foul|green*|infect*|suppurat*\
            |yellow* discharge/fluid/liquid/goo\
            |discharge/fluid/liquid ~ yellow*|ooz*/weep* yellow*",
        pt: "pus|turv*|cheir*|purul*|esverdead*|infec*|infet*|supur*\
            |liquido/corrimento/secrecao ~ amarel*",
        ticks: &[Lump(L::PusCloudy)],
        ..SIGN
    },
    Watch {
        en: "streak*|red line*",
        pt: "risco*|risca*|estria*|linha* vermelh*",
        ticks: &[Lump(L::RedStreaks)],
        ..SIGN
    },
    Watch {
        en: "spread*",
        pt: "espalh*|alastr*",
        ticks: &[
            Lump(L::RednessSpreading),
            W(Wn::RednessSpreadingFast),
            W(Wn::SpreadingRash),
        ],
        ..SIGN
    },
    Watch {
        // Skin gone dark, as a change: not "dark skin" or "a pele é escura" (a patient's own
        // colour: FACTS, redness is harder to see on brown or black skin), nor "ficou escuro"
        // (the evening).
        en: "black*|dead|gangren*|necro*|slough*|skin/sore/wound/ulcer/edge*/tip/tips + darken*\
            |skin/sore/wound/ulcer/edge*/tip/tips + gone/turned/turning/went/going/getting\
            /become/became dark*",
        pt: "preta|preto|pretas|pretos|negr*|morta|morto|gangren*|necro*\
            |pele/ferida/feridas/ponta/pontas + escurec*\
            |pele/ferida/feridas/ponta/pontas + ficou/ficaram/tornou/tornaram/ficar/ficando escur*\
            |ficou/ficaram/ficar/ficando escur* a/em volta|ficou/ficaram/ficar/ficando escur* ao redor\
            |escurec* a/em volta|escurec* ao redor",
        ticks: &[Lump(L::SkinDark)],
        ..SIGN
    },
    Watch {
        // The box's "or hurts to move", of a finger, thumb or joint near a lump ("it hurts to bend
        // my finger near the lump", "custa-me mexer o dedo ao pé do caroço", "the lump on my
        // finger hurts when I bend it"): the lump is part of the sign. Not pain on moving alone:
        // these hands are stiff and sore most days, and a prompt at every check-in is ignored.
        en: "hurt*/pain/painful/ache/aches/aching/agony + bend*/bent/mov*/flex*/straighten*\
            /curl*/use/using + finger*/thumb*/joint*/knuckle* + lump*/bump*/nodule*/sore\
            |lump*/bump*/nodule* + finger*/thumb*/joint*/knuckle* + hurt*/pain/painful/ache/aches\
            /aching + bend*/bent/mov*/flex*/straighten*/curl*/use/using\
            |finger*/thumb*/joint*/knuckle* + lump*/bump*/nodule* + hurt*/pain/painful/sore/ache\
            /aches/aching + bend*/bent/mov*/flex*/straighten*/curl*/use/using",
        pt: "doi/doem/doia/doiam/doeu/custa/custam/custava/custou/dor/dores/doloros* \
            + dobr*/mex*/mov*/fech*/estic* + dedo*/polegar*/articulac* + caroc*/nodul*/ferida\
            |caroc*/nodul* + dedo*/polegar*/articulac* + doi/doem/doia/doeu/custa/custam/dor/dores\
            /doloros* + dobr*/mex*/mov*/fech*/estic*\
            |dedo*/polegar*/articulac* + caroc*/nodul* + doi/doem/doia/doeu/custa/custam/dor/dores\
            /doloros* + dobr*/mex*/mov*/fech*/estic*",
        ticks: &[W(Wn::JointSwollenPainful)],
        ..SIGN
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
        ..SIGN
    },
    Watch {
        en: "red|redness|reddish|warm*|hot|inflam*",
        pt: "vermelh*|quente*|calor|inflam*",
        ticks: &[
            Lump(L::RednessWarmth),
            Lump(L::RednessSpreading),
            W(Wn::RednessSpreadingFast),
        ],
        nested: true,
        ..SIGN
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
/// "não tenho uma febre", "sem dor no peito", "não fico sem fôlego", "sem dificuldade em
/// respirar", "no trouble breathing", "no shortness of breath", "no signs of sepsis", "sem
/// sinais de sépsis", "no night sweats", "no cold sweats"). Portuguese "no" is one of them.
const FILLERS: &str = "a|an|any|real|more|have|had|pain|in|my|the|um|uma|de|mais|tenho|tive|dor|me\
    |dores|na|nos|nas|do|da|o|fico|fiquei|dificuldade|dificuldades|em\
    |trouble|difficulty|problem|problems|problema|problemas|shortness|of|sign|signs|sinal|sinais\
    |night|cold|ha";

/// The only words that may stand before a sign's in its part of the sentence when a word of
/// `Watch::fine` after it says it is fine ("My breathing is fine", "Estou a respirar bem").
const PLAIN: &str = "my|i|im|the|a|o|minha|estou";

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

/// Whether the words just before a sign's (its first word is `words[i]`) say it is not there: a
/// "not" word, with only small words between, in the same part of the sentence ("no pain in my
/// chest", "sem dor no peito"; not "no pain, fever"). "No" counts before English words
/// (`english`), and is passed over before Portuguese ones. "Never" does not where its part of
/// the sentence says the sign is new (`NEW`).
fn denied(words: &[Word], i: usize, english: bool) -> bool {
    if words[i].after_break {
        return false;
    }
    for w in words[..i].iter().rev() {
        let word = w.plain.as_str();
        if NOT.contains(&word) || (english && word == NO) {
            return !(matches!(word, "never" | "nunca") && new_to_them(words, i));
        }
        if !(listed(FILLERS, word) || word == NO) || w.after_break {
            return false;
        }
    }
    false
}

/// Words that, after "never" in its part of the sentence, say a sign is there and new to the
/// patient ("I have never had chest pain like this before", "nunca tive febre tão alta"), as
/// `Watch::en` has them.
const NEW: &str = "like this/that/it|before|this/so bad/badly/high/severe/strong/much/painful/hot\
    /fast/long|until/till/til now|assim|antes|tao|como esta/este/agora|ate agora\
    |desta/dessa maneira/forma|deste/desse modo";

/// How many words from a sign's first `NEW`'s words may stand, and the words that end the search
/// sooner: "and" or "but" before a new clause ("I", "it", "feel", "sinto", "estou"…) starts
/// another thought ("never had a fever and I feel so much better" says no fever). Past "and"
/// before another thing, only `NEW_PAST_AND` counts: "never had chest pain and sweating like
/// this" is new; "never had a fever and the lump is so painful" says no fever.
const NEW_WITHIN: usize = 9;
const NEW_PAST_AND: &str = "like this/that/it|before|until/till/til now|assim|antes\
    |como esta/este/agora|ate agora|desta/dessa maneira/forma|deste/desse modo";
const JOINS: &str = "and|but|or|e|mas|ou";
const CLAUSE: &str =
    "i|im|ive|it|its|feel|feels|felt|feeling|am|eu|sinto|senti|estou|ando|me|fiquei|tenho\
    |esta|estava";

/// Whether `NEW`'s words stand in `words` soon after the sign's first word (`from`), in its part
/// of the sentence and its thought (`NEW_WITHIN`, `JOINS`).
fn new_to_them(words: &[Word], from: usize) -> bool {
    let mut past_and = false;
    (from..words.len().min(from + NEW_WITHIN))
        .take_while(|&k| k == from || !(words[k].after_break || new_clause(words, k)))
        .any(|k| {
            past_and |= listed(JOINS, &words[k].plain);
            let new = if past_and { NEW_PAST_AND } else { NEW };
            new.split('|')
                .any(|p| match_from(words, k, p.split(' ')).is_some())
        })
}

/// Whether a new clause starts at `words[k]`: a join ("and", "e") before a word that begins one.
fn new_clause(words: &[Word], k: usize) -> bool {
    listed(JOINS, &words[k].plain) && words.get(k + 1).is_some_and(|w| listed(CLAUSE, &w.plain))
}

/// Up to how many words a pattern's `~` stands for.
const GAP: usize = 3;

/// Up to how many words a pattern's `+` stands for.
const SPAN: usize = 4;

/// The words a pattern's `~` passes over: those that link a thing to how it is, looks or feels
/// ("eyes look yellow", "skin has gone a bit yellow", "a pele está a ficar amarela", "my skin
/// feels cold"). Not "not": "my finger is not white" is not the sign.
const LINKS: &str = "is|are|was|were|has|have|had|been|gone|go|goes|went|turned|turns|turning\
    |stay|stayed|stays|staying|still|looks|look|looked|looking|seems|seem|seemed|became|becomes\
    |become|remain|remains|remained|turn|got|gets|getting|feels|feel|felt|feeling|very|quite\
    |really|a|bit|all|so|more|tip|extremely|unusually|incredibly|much|being\
    |tips|esta|estao|estava|estavam|ficou|ficaram|fica|ficam|ficar|continua|continuam|e|era|foi\
    |sao|parece|parecem|muito|meio|bastante|todo|toda|todos|todas|mais|anda|andam|tornou|se";

/// Whether a word of `fine` (`Watch::fine`) follows the sign's words, which end before the
/// word `past`, in the same part of the sentence with only linking words (`LINKS`) or a "not"
/// between ("breathing is fine", "breathing is not normal"): if so, whether a "not" is between.
fn fine_after(fine: &str, words: &[Word], past: usize) -> Option<bool> {
    if fine.is_empty() {
        return None;
    }
    let mut not = false;
    let mut before = "";
    for w in words.iter().skip(past).take(GAP + 1) {
        let word = w.plain.as_str();
        if w.after_break {
            return None;
        }
        // "A bit" says how much ("stayed white a bit longer"), not a bit of something.
        let a_bit = word == "bit" && before == "a";
        before = word;
        if listed(fine, word) && !a_bit {
            return Some(not);
        }
        if NOT.contains(&word) || word == NO {
            not = true;
        } else if !listed(LINKS, word) {
            return None;
        }
    }
    None
}

/// Whether only `PLAIN` words stand before the sign's first word `first` in its part of the
/// sentence (`before`: the words before it).
fn plainly(before: &[Word], first: &Word) -> bool {
    if first.after_break {
        return true;
    }
    for w in before.iter().rev() {
        if !listed(PLAIN, &w.plain) {
            return false;
        }
        if w.after_break {
            return true;
        }
    }
    true
}

/// Whether `word` is one of `list`'s words (`|` between them).
fn listed(list: &str, word: &str) -> bool {
    list.split('|').any(|w| w == word)
}

/// Whether the text's word `word` is the pattern's word `want` (`*` at the end: begins so; `/`
/// between words: any one of them).
fn word_is(word: &str, want: &str) -> bool {
    want.split('/').any(|want| match want.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == want,
    })
}

/// Words for what reads a temperature, that make a number just after them one
/// ("temp 38", "the thermometer read 38").
const TEMPERATURE: &str = "temp|temps|temperature|temperatura|fever|febre|thermometer|termometro";

/// Units after a number that say it is not a temperature ("38.5 mm", "38,5 mg"), with the
/// times of day and ages a decimal may be written with.
const NOT_TEMPERATURE: &str = "mm|cm|m|km|mg|g|kg|mcg|ug|µg|ml|l|lb|lbs|kilo|kilos|quilo|quilos\
    |year|years|yr|yrs|ano|anos|day|days|dia|dias|hour|hours|hr|hrs|h|hora|horas|min|mins|minute\
    |minutes|minuto|minutos|week|weeks|semana|semanas|month|months|mes|meses";

/// The scale a number's unit names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scale {
    Celsius,
    Fahrenheit,
    /// Degrees, or a temperature word before it: either.
    Either,
    /// Another unit: not a temperature.
    Other,
    /// None: a temperature only if written with a decimal, as thermometers show it.
    Unsaid,
}

/// The word of `text` that begins at byte `at` (letters only, as `plain` writes them), and
/// where it ends.
fn letters_at(text: &str, at: usize) -> (String, usize) {
    let rest = &text[at..];
    let len = rest
        .find(|c: char| !is_letter_or_digit(c) || c.is_ascii_digit())
        .unwrap_or(rest.len());
    (rest[..len].chars().map(plain).collect(), at + len)
}

/// `at` moved past the spaces there.
fn past_spaces(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches([' ', '\u{a0}']).len()
}

/// The unit after a number that ends at byte `at` ("°C", "ºC", "F", "degrees F", "graus"), and
/// where it ends.
fn unit_after(text: &str, at: usize) -> (Scale, usize) {
    let mut end = past_spaces(text, at);
    let degree = text[end..].starts_with(['°', 'º']);
    if degree {
        end = past_spaces(text, end + '°'.len_utf8());
    }
    let (word, after) = letters_at(text, end);
    let scale = |word: &str| match word {
        "c" | "celsius" | "centigrade" | "centigrados" => Some(Scale::Celsius),
        "f" | "fahrenheit" => Some(Scale::Fahrenheit),
        _ => None,
    };
    if let Some(s) = scale(&word) {
        return (s, after);
    }
    if degree {
        return (Scale::Either, end);
    }
    if matches!(
        word.as_str(),
        "degrees" | "degree" | "deg" | "graus" | "grau"
    ) {
        let (next, past) = letters_at(text, past_spaces(text, after));
        return match scale(&next) {
            Some(s) => (s, past),
            None => (Scale::Either, after),
        };
    }
    if text[at..].starts_with('%') || listed(NOT_TEMPERATURE, word.as_str()) {
        return (Scale::Other, at);
    }
    (Scale::Unsaid, at)
}

/// A fever written as a number at the text's word `i` ("38.9", "38,9", "39°C", "101.5F",
/// "38 graus", "thermometer read 38"): where it ends in the text. FACTS: a fever is 38 °C or
/// more (100.4 °F). A number from 38 to 43 counts with a decimal or a unit or word of
/// temperature; from 100.4 to 110 with Fahrenheit said (or degrees, or such a word, with no
/// scale). Not a number of a date, a time or a longer one ("10.38", "38/40", "3.8.2038"), nor
/// one with another unit ("38 mm", "38.5 mg"), nor a whole number alone ("38 years").
fn fever_number(text: &str, words: &[Word], i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let start = words[i].start;
    let digits_from = |at: usize| at + b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let joined = |at: usize| matches!(b.get(at), Some(b'.' | b',' | b':' | b'/'));
    let digit = |at: usize| b.get(at).is_some_and(u8::is_ascii_digit);
    if !digit(start) || (start >= 2 && joined(start - 1) && digit(start - 2)) {
        return None;
    }
    let mut end = digits_from(start);
    let whole: u32 = text[start..end].parse().ok().filter(|_| end - start <= 3)?;
    let mut tenths = whole * 10;
    let decimal = matches!(b.get(end), Some(b'.' | b',')) && digit(end + 1);
    if decimal {
        tenths += u32::from(b[end + 1] - b'0');
        end = digits_from(end + 1);
    }
    if joined(end) && digit(end + 1) {
        return None;
    }
    let (mut scale, unit_end) = unit_after(text, end);
    let said_before = |j: usize| {
        words
            .get(j)
            .is_some_and(|w| listed(TEMPERATURE, w.plain.as_str()))
    };
    if scale == Scale::Unsaid {
        // A word of temperature up to three words before, in the same part of the sentence
        // ("temp 38", "temperature of 38", "temperature today 38", "a temperatura chegou aos 39").
        for j in (i.saturating_sub(3)..i).rev() {
            if words[j + 1].after_break {
                break;
            }
            if said_before(j) {
                scale = Scale::Either;
                break;
            }
        }
    }
    let celsius = (380..=439).contains(&tenths);
    let fahrenheit = (1004..=1109).contains(&tenths);
    let fever = match scale {
        Scale::Celsius => celsius,
        Scale::Fahrenheit => fahrenheit,
        Scale::Either => celsius || fahrenheit,
        // "38.9" or "100.5" with nothing said: a reading, in either scale.
        Scale::Unsaid => decimal && (celsius || fahrenheit),
        Scale::Other => false,
    };
    fever.then_some(unit_end.max(end))
}

/// Where a pattern's words (`parts`, each as `Watch::en` has them) stand in `words` from the
/// word `i` on: the index just past them. Word by word, stopping at the first that differs: no
/// allocation, as this runs for every word of the notes at each render of the form.
fn match_from(words: &[Word], i: usize, mut parts: std::str::Split<'_, char>) -> Option<usize> {
    let Some(part) = parts.next() else {
        return Some(i);
    };
    if part == "~" {
        // The words passed over and the next one in the same part of the sentence.
        for j in i..=i + GAP {
            let w = words.get(j).filter(|w| !w.after_break)?;
            if let Some(past) = match_from(words, j, parts.clone()) {
                return Some(past);
            }
            if !listed(LINKS, w.plain.as_str()) {
                return None;
            }
        }
        return None;
    }
    if part == "+" {
        // Any words (not a "not") and the next one in the same part of the sentence.
        for j in i..=i + SPAN {
            let w = words.get(j).filter(|w| !w.after_break)?;
            if let Some(past) = match_from(words, j, parts.clone()) {
                return Some(past);
            }
            if NOT.contains(&w.plain.as_str()) || w.plain == NO {
                return None;
            }
        }
        return None;
    }
    words
        .get(i)
        .filter(|w| word_is(&w.plain, part))
        .and_then(|_| match_from(words, i + 1, parts))
}

/// Where `watch`'s words first stand in `words` (the words of `text`) and are not said not to
/// be there: the byte range in the text.
fn find(watch: &Watch, text: &str, words: &[Word]) -> Option<(usize, usize)> {
    // Split once, not at every word; with each pattern, its first word.
    let patterns: Vec<(&str, bool, &str)> = [(watch.en, true), (watch.pt, false)]
        .into_iter()
        .flat_map(|(p, e)| p.split('|').map(move |p| (p, e)))
        .map(|(p, e)| (p, e, p.split(' ').next().unwrap_or_default()))
        .collect();
    for (i, first) in words.iter().enumerate() {
        // A number is not Portuguese nor English: "no" before it is passed over.
        if watch.temperature {
            if let Some(end) = fever_number(text, words, i) {
                if !denied(words, i, false) {
                    return Some((first.start, end));
                }
            }
        }
        // Denied as English here ("no pus", "no sign of infection"): the same words read as
        // Portuguese ("pus", "infec*"), where "no" is passed over, do not find it after all.
        let mut denied_as_english = false;
        for &(pattern, english, head) in &patterns {
            if denied_as_english && !english {
                break;
            }
            // Most words start with another letter than the pattern (than each of its first
            // word's `/` alternatives): passed at once.
            let letter = first.plain.as_bytes().first();
            if !head.split('/').any(|w| w.as_bytes().first() == letter) {
                continue;
            }
            let Some(past) = match_from(words, i, pattern.split(' ')) else {
                continue;
            };
            let before = &words[..i];
            let there = match fine_after(watch.fine, words, past) {
                Some(not_between) => not_between || !plainly(before, first),
                None => {
                    let no = watch.negatable && denied(words, i, english);
                    denied_as_english |= no && english;
                    !no
                }
            };
            if there {
                return Some((first.start, words[past - 1].end));
            }
        }
    }
    None
}

/// How urgent `tick` alone makes a check-in: the level of its own reason (`triage`), with a
/// fever (`fever`) or not (spreading redness with a fever is an emergency, a same-day call
/// without). The fever box alone is told at the next visit (with a lump, the same day).
fn level(tick: Tick, fever: bool) -> Level {
    match tick {
        Tick::Fever => Reason::Fever.level(),
        Tick::Sign(s) => sign_reason(s).level(),
        Tick::Warning(w) => warning_reason(w, fever).level(),
        Tick::SideEffect(s) => side_effect_reason(s).level(),
    }
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
            let mut seen = t;
            if typing && words.last().is_some_and(|w| w.end == t.len()) {
                // Not seen by `fever_number` either ("101.5" of "101.5F").
                seen = &t[..words.pop().map_or(0, |w| w.start)];
            }
            (seen, words)
        })
        .collect();
    WATCHES
        .iter()
        .filter_map(|watch| {
            let ticks = to_tick(watch, d);
            if ticks.is_empty() {
                return None;
            }
            texts.iter().find_map(|(text, words)| {
                find(watch, text, words).map(|(start, end)| Mention {
                    words: text[start..end].to_string(),
                    ticks: ticks.clone(),
                })
            })
        })
        .collect()
}

/// The boxes of `watch` still to be offered in the form `d`: all while none is ticked; none
/// once one is ticked that says the sign as urgently as any of them would (or any, `nested`);
/// else those more urgent than every one ticked ("Swollen ankles" ticked leaves the face's
/// swelling, an emergency, offered for "swollen").
fn to_tick(watch: &Watch, d: &Draft) -> Vec<Tick> {
    // As `triage` reads a fever: said by the peeling skin box too.
    let fever = d.fever || d.warnings.contains(&Wn::PeelingSkinFever);
    let done = watch
        .ticks
        .iter()
        .filter(|&&t| ticked(d, t))
        .map(|&t| level(t, fever))
        .max();
    if watch.nested && done.is_some() {
        return Vec::new();
    }
    watch
        .ticks
        .iter()
        .copied()
        .filter(|&t| done.is_none_or(|done| level(t, fever) > done))
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
            (pt[0].words.as_str(), &pt[0].ticks[..]),
            ("peito", &[W(Wn::ChestPain)][..])
        );
        // "No" further back does not hide a sign said after it; small words between do not stop it.
        assert_eq!(found("No pain but a fever"), vec!["fever"]);
        assert_eq!(found("no pain in my chest"), Vec::<String>::new());
        assert_eq!(found("No fever. Pain in my chest"), vec!["chest"]);
        // Said twice, once not: found where it is said.
        assert_eq!(found("no fever yesterday, fever today"), vec!["fever"]);
    }

    /// Found by review: words in both lists ("pus", "infection" for "infec*") were read as
    /// Portuguese too, where "no" is passed over, so "no pus" still pointed to the pus box.
    #[test]
    fn no_before_words_both_languages_share_says_they_are_not_there() {
        for text in [
            "no pus today",
            "No sign of infection",
            "no signs of infection, just sore",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text:?}");
        }
        // Said without a "no", or in Portuguese with one meaning "in the", they are found.
        for text in [
            "pus again today",
            "tenho pus no dedo",
            "saiu pus",
            "an infection",
        ] {
            assert!(points_to(text, Lump(L::PusCloudy)), "{text:?}");
        }
        assert_eq!(found("sem pus, sem infeção"), Vec::<String>::new());
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

    /// A box ticked that says the sign ends its words: any of redness's boxes for "red" (each
    /// says redness). "Swollen" may say signs of different urgency: "Swollen ankles" ticked
    /// leaves the more urgent ones offered (it ended the words before: "my lips are swollen"
    /// was hidden, an emergency), until the most urgent is ticked.
    #[test]
    fn a_box_that_says_the_sign_ends_it_and_a_less_urgent_one_leaves_the_more_urgent() {
        let mut d = form("my ankle is swollen and the lump is red");
        let boxes = |d: &Draft| -> Vec<(String, Vec<Tick>)> {
            unticked(d, false)
                .into_iter()
                .map(|m| (m.words, m.ticks))
                .collect()
        };
        assert_eq!(boxes(&d).len(), 2);
        d.side_effects.insert(SideEffect::SwollenAnkles);
        let swollen = vec![
            Lump(L::RednessSpreading),
            W(Wn::FaceThroatSwelling),
            W(Wn::RapidWeightGainSwelling),
            W(Wn::JointSwollenPainful),
        ];
        assert_eq!(
            boxes(&d),
            vec![
                ("swollen".to_string(), swollen.clone()),
                ("red".to_string(), RED.to_vec())
            ]
        );
        let key = d.add_lesion();
        d.lesion_mut(key).unwrap().signs.insert(Sign::RednessWarmth);
        assert_eq!(boxes(&d), vec![("swollen".to_string(), swollen)]);
        d.warnings.insert(Wn::FaceThroatSwelling);
        assert_eq!(boxes(&d), vec![]);
    }

    /// The boxes of redness, in the form's order.
    const RED: [Tick; 3] = [
        Lump(L::RednessWarmth),
        Lump(L::RednessSpreading),
        W(Wn::RednessSpreadingFast),
    ];

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

    /// Ticks `tick` in the form `d` (a lump's sign on a lump added for it).
    fn tick_box(d: &mut Draft, tick: Tick) {
        match tick {
            Tick::Fever => d.fever = true,
            Tick::Sign(s) => {
                let key = d.add_lesion();
                d.lesion_mut(key).unwrap().signs.insert(s);
            }
            Tick::Warning(w) => {
                d.warnings.insert(w);
            }
            Tick::SideEffect(s) => {
                d.side_effects.insert(s);
            }
        }
    }

    /// Words that `watch` finds: its first English words, each its first form ("toe*/finger*
    /// ~ white" is "toe white").
    fn example(watch: &Watch) -> String {
        let first = watch.en.split('|').next().unwrap();
        let words: Vec<&str> = first
            .split(' ')
            .filter(|w| !matches!(*w, "~" | "+"))
            .map(|w| w.split('/').next().unwrap().trim_end_matches('*'))
            .collect();
        words.join(" ")
    }

    /// Found by review: a box ticked ended its sign's words even where they may say a more
    /// urgent one ("Swollen ankles, feet or hands" ticked hid "my lips and tongue are swollen",
    /// an emergency on diltiazem; "Short of breath" hid "can't breathe, throat tight"). For
    /// every watch, every box in it ticked, with a fever or not: every box of the watch more
    /// urgent than it is still offered for the watch's words. A watch whose boxes all say its
    /// first box's sign, and more (`nested`: redness, then redness spreading), ends with any:
    /// its first box is the least urgent, so any box ticked says the sign as urgently.
    #[test]
    fn a_less_urgent_box_ticked_never_hides_a_more_urgent_one_in_any_watch() {
        for watch in WATCHES {
            let text = example(watch);
            assert!(!found(&text).is_empty(), "{text:?} finds nothing");
            for fever in [false, true] {
                if watch.nested {
                    let first = level(watch.ticks[0], fever);
                    assert!(
                        watch.ticks.iter().all(|&t| level(t, fever) >= first),
                        "{text:?}: nested, but its first box is not the least urgent"
                    );
                    continue;
                }
                for &tick in watch.ticks {
                    let mut d = form(&text);
                    d.fever = fever;
                    tick_box(&mut d, tick);
                    let offered = unticked(&d, false);
                    for &other in watch.ticks {
                        if level(other, fever) > level(tick, fever) {
                            assert!(
                                offered.iter().any(|m| m.ticks.contains(&other)),
                                "{text:?}, fever {fever}: {tick:?} ticked hides {other:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// The review's own cases: the words of a more urgent sign, a less urgent box of theirs
    /// ticked, still point to the more urgent box.
    #[test]
    fn words_of_a_more_urgent_sign_still_point_to_it_with_a_less_urgent_box_ticked() {
        let cases: &[(&str, Tick, Tick)] = &[
            (
                "my lips and tongue are swollen",
                Effect(S::SwollenAnkles),
                W(Wn::FaceThroatSwelling),
            ),
            (
                "lábios e língua inchados",
                Effect(S::SwollenAnkles),
                W(Wn::FaceThroatSwelling),
            ),
            (
                "can't breathe, throat tight",
                W(Wn::ShortOfBreath),
                W(Wn::TroubleBreathing),
            ),
            (
                "heart racing",
                Effect(S::SlowOrPoundingHeartbeat),
                W(Wn::FastHeartbeat),
            ),
            ("hives all over", W(Wn::SpreadingRash), W(Wn::Hives)),
            (
                "face swelling",
                W(Wn::RapidWeightGainSwelling),
                W(Wn::FaceThroatSwelling),
            ),
            (
                "face swelling",
                W(Wn::JointSwollenPainful),
                W(Wn::FaceThroatSwelling),
            ),
        ];
        for &(text, ticked, more) in cases {
            let mut d = form(text);
            tick_box(&mut d, ticked);
            let offered = unticked(&d, false);
            assert!(
                offered.iter().any(|m| m.ticks.contains(&more)),
                "{text:?}, {ticked:?} ticked: {offered:?}"
            );
            // The box ticked, and those no more urgent than it, are not offered again.
            assert!(
                !offered.iter().any(|m| m.ticks.contains(&ticked)),
                "{text:?}: {offered:?}"
            );
        }
        // With a fever, redness spreading fast is an emergency: "Spreading rash" ticked leaves
        // it offered; without one it is a same-day call, and the rash box says more.
        let mut d = form("redness spreading fast up my arm");
        tick_box(&mut d, W(Wn::SpreadingRash));
        assert!(!unticked(&d, false)
            .iter()
            .any(|m| m.ticks.contains(&W(Wn::RednessSpreadingFast)) && m.words == "spreading"));
        d.fever = true;
        assert!(unticked(&d, false)
            .iter()
            .any(|m| m.ticks.contains(&W(Wn::RednessSpreadingFast)) && m.words == "spreading"));
        // The most urgent box ticked ends the words.
        let mut d = form("my lips and tongue are swollen");
        tick_box(&mut d, W(Wn::FaceThroatSwelling));
        assert_eq!(unticked(&d, false), vec![]);
    }

    /// Found by review: "never" with small words between said a sign was not there, so a
    /// patient telling of a new one ("I have never had chest pain like this before") was not
    /// asked to tick it. "Never" or "nunca" is not a "not" where its part of the sentence says
    /// "like this", "before", "this bad", "assim", "antes", "tão" and the like; alone it is.
    #[test]
    fn never_like_this_before_says_a_new_sign_and_never_alone_says_none() {
        for (text, tick) in [
            (
                "I have never had chest pain like this before",
                W(Wn::ChestPain),
            ),
            ("Nunca tive uma dor no peito assim", W(Wn::ChestPain)),
            ("nunca tive febre tão alta", Tick::Fever),
            ("never had a fever this high, 39", Tick::Fever),
            ("never had a fever before", Tick::Fever),
            ("I've never had a rash like that", W(Wn::Hives)),
            ("never had chest pain so bad", W(Wn::ChestPain)),
            ("never had a fever until now", Tick::Fever),
            ("nunca tive febre antes", Tick::Fever),
            ("nunca tive falta de ar até agora", W(Wn::ShortOfBreath)),
            ("nunca tive dor no peito como esta", W(Wn::ChestPain)),
            ("nunca tive febre desta maneira", Tick::Fever),
            // Another sign after "and"/"e", then "like this" (second review).
            (
                "I have never had chest pain and sweating like this before",
                W(Wn::ChestPain),
            ),
            (
                "I have never had pain in my chest and arm like this",
                W(Wn::ChestPain),
            ),
            (
                "Nunca tive uma dor no peito e no braço assim",
                W(Wn::ChestPain),
            ),
            (
                "nunca tive dor no peito e falta de ar assim",
                W(Wn::ChestPain),
            ),
            (
                "never had trouble breathing and chest pain like this",
                W(Wn::TroubleBreathing),
            ),
        ] {
            assert!(
                points_to(text, tick),
                "{text:?}: {:?}",
                unticked(&form(text), false)
            );
        }
        for text in [
            "I never had a fever",
            "never had chest pain",
            "nunca tive febre",
            "Nunca tive dor no peito",
            "never had a fever this week",
            "Never had a fever. Like this new dressing",
            "nunca tive febre, assim estou melhor",
            "no fever like this",
            // Another thought after "and"/"e" (review).
            "never had a fever and I feel so much better",
            "Nunca tive febre e sinto-me tão bem",
            "nunca tive febre igual ao mês passado",
            // A thing, not a sign, after "and" (third review).
            "I have never had a fever and the lump is so painful",
            "never had a fever and now I feel so much better",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text:?}");
        }
        // The red lump is found; the fever it follows is not.
        let red = "Nunca tive febre e o caroço está tão vermelho";
        assert!(
            !points_to(red, Tick::Fever),
            "{:?}",
            unticked(&form(red), false)
        );
    }

    /// Found by review: plausible ways of writing red flags of FACTS were missed. Each points to
    /// its box; everyday words near them do not.
    #[test]
    fn pain_moving_a_finger_pus_dark_skin_weight_purple_spots_hives_slurred_and_feeling_hot_are_found(
    ) {
        let joint = W(Wn::JointSwollenPainful);
        let cases: &[(&str, Tick)] = &[
            // The box: "A finger or joint near a lump is swollen and painful, or hurts to move".
            ("it hurts to bend my finger near the lump", joint),
            ("it hurts a lot when I bend my thumb by the lump", joint),
            ("the lump on my finger hurts when I bend it", joint),
            ("dói-me ao dobrar o dedo do caroço", joint),
            ("custa-me mexer o dedo ao pé do caroço", joint),
            ("o caroço do dedo dói quando o dobro", joint),
            // The finger, then the lump, then the pain (second review).
            ("The finger with the lump hurts when I move it", joint),
            ("my finger near the lump hurts when I bend it", joint),
            ("o dedo com o caroço dói quando o dobro", joint),
            ("the finger by the lump is sore to bend", joint),
            ("sinto-me a ferver", Tick::Fever),
            // Supurar: to ooze pus.
            ("a ferida está a supurar", Lump(L::PusCloudy)),
            ("supura", Lump(L::PusCloudy)),
            ("a pele ficou escura à volta da ferida", Lump(L::SkinDark)),
            ("a pele ficou preta à volta da ferida", Lump(L::SkinDark)),
            ("a pele escureceu", Lump(L::SkinDark)),
            ("the skin around it has gone dark", Lump(L::SkinDark)),
            (
                "engordei 3 quilos numa semana",
                W(Wn::RapidWeightGainSwelling),
            ),
            ("put on 3 kilos in a week", W(Wn::RapidWeightGainSwelling)),
            (
                "gained 4 pounds since Monday",
                W(Wn::RapidWeightGainSwelling),
            ),
            ("estou a engordar muito", W(Wn::RapidWeightGainSwelling)),
            ("manchas roxas na pele", W(Wn::SpreadingRash)),
            ("purple spots on my legs", W(Wn::SpreadingRash)),
            ("itchy bumps all over", W(Wn::Hives)),
            ("comichão e papos na pele", W(Wn::Hives)),
            ("urticária", W(Wn::Hives)),
            ("fala enrolada", W(Wn::Confused)),
            ("está a falar enrolado", W(Wn::Confused)),
            ("hot and cold all night", Tick::Fever),
            ("feeling hot and cold", Tick::Fever),
            ("estou quente", Tick::Fever),
            ("estou muito quente", Tick::Fever),
        ];
        for &(text, tick) in cases {
            assert!(
                points_to(text, tick),
                "{text:?}: {:?}",
                unticked(&form(text), false)
            );
        }
        for (text, tick) in [
            ("my fingers are stiff and hard to move", joint),
            // Pain on moving with no lump: these hands, most days (review).
            ("hurts when I move my finger", joint),
            ("my fingers ache when I bend them in the cold", joint),
            ("custa-me mexer os dedos de manhã com o frio", joint),
            ("pain before I move my finger splint", joint),
            ("o dedo dói quando o dobro", joint),
            ("stiff fingers in the morning", joint),
            ("no pain when I move my fingers", joint),
            ("my finger doesn't hurt when I bend it", joint),
            ("sem dor ao mexer os dedos", joint),
            ("não me dói ao dobrar o dedo", joint),
            ("the sore is oozing", Lump(L::PusCloudy)),
            ("a ferida não supura", Lump(L::PusCloudy)),
            ("tenho a pele escura", Lump(L::SkinDark)),
            ("ficou escuro cedo", Lump(L::SkinDark)),
            (
                "comprei 2 quilos de laranjas",
                W(Wn::RapidWeightGainSwelling),
            ),
            (
                "tenho medo de engordar com a cortisona",
                W(Wn::RapidWeightGainSwelling),
            ),
            ("não engordei", W(Wn::RapidWeightGainSwelling)),
            ("need to lose 5 kilos", W(Wn::RapidWeightGainSwelling)),
            ("papos nos olhos", W(Wn::Hives)),
            ("hot and cold packs on my hands", Tick::Fever),
            ("a água estava a ferver", Tick::Fever),
            ("estou a ferver água para o chá", Tick::Fever),
            ("O dia estava quente", Tick::Fever),
            ("a água do banho estava quente", Tick::Fever),
            ("the weather has been hot and cold", Tick::Fever),
            ("a purple mark where I had the blood test", W(Wn::Hives)),
            ("não estou quente", Tick::Fever),
            ("o caroço está quente", Tick::Fever),
            ("bebi um chá quente", Tick::Fever),
        ] {
            assert!(
                !points_to(text, tick),
                "{text:?}: {:?}",
                unticked(&form(text), false)
            );
        }
    }

    /// Whether `text` on its own points to `tick`.
    fn points_to(text: &str, tick: Tick) -> bool {
        unticked(&form(text), false)
            .iter()
            .any(|m| m.ticks.contains(&tick))
    }

    /// Found by review: a temperature written as a number was not a fever.
    #[test]
    fn a_fever_written_as_a_number_is_found_and_other_numbers_are_not() {
        for (text, words) in [
            ("38.9 last night", "38.9"),
            ("38,9 ontem à noite", "38,9"),
            ("101.5F this morning", "101.5F"),
            ("102 °F", "102 °F"),
            ("100.4 degrees F", "100.4 degrees F"),
            ("39°C", "39°C"),
            ("39ºC de manhã", "39ºC"),
            ("38 graus", "38 graus"),
            ("38 C at night", "38 C"),
            ("40 degrees", "40 degrees"),
            ("Tive 38,0 às 6h", "38,0"),
            ("The thermometer read 38 tonight", "38"),
            // Found by review: Fahrenheit with nothing said.
            ("100.5 last night", "100.5"),
            ("thermometer showed me 38", "38"),
        ] {
            assert_eq!(found(text), vec![words], "{text:?}");
        }
        assert!(points_to("temp 38.5", Tick::Fever));
        for text in [
            "37.5",
            "37,8 de manhã",
            "38 mm across",
            "38 years old",
            "38.5 mm across",
            "dose 38,5 mg",
            "38 mg",
            "at 10.38 I woke",
            "on 3.8.2038",
            "38/40",
            "38:40",
            "walked 1.038 km",
            "99.5F",
            "100 F",
            "38 F outside",
            "44.5 degrees",
            "no temperature, 36.8",
            "not 38.5 this time",
            "I am 38.",
            "weighed 101.5 lbs",
            "no fever. 38 people at the party",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text:?}");
        }
        // While typing, a number the text ends in waits as a word does ("38.9" may go on to
        // "38.9 mm", "101.5" to "101.5F").
        assert_eq!(unticked(&form("38.9"), true), vec![]);
        assert_eq!(unticked(&form("38.9 "), true).len(), 1);
        assert_eq!(unticked(&form("101.5F"), true), vec![]);
        assert_eq!(unticked(&form("101.5F "), true).len(), 1);
    }

    /// Found by review: "sem" said the sign was not there even where it is part of the sign, as
    /// "no" is of "no urine".
    #[test]
    fn sem_that_is_part_of_the_sign_does_not_say_it_is_not_there() {
        for (text, tick) in [
            ("Fico sem fôlego mais facilmente", W(Wn::ShortOfBreath)),
            ("fico sem ar quando subo escadas", W(Wn::ShortOfBreath)),
            ("fiquei sem sentidos", W(Wn::Fainted)),
            ("sem urina desde ontem", W(Wn::NotPassingUrine)),
            ("no urine since yesterday", W(Wn::NotPassingUrine)),
        ] {
            assert!(points_to(text, tick), "{text:?}");
        }
        for text in [
            "sem falta de ar",
            "sem febre",
            "não fico sem fôlego",
            "sem dificuldade em respirar",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text:?}");
        }
    }

    /// Found by review: the Portuguese for yellow skin or eyes with words between, "negro" for
    /// black, and the fever box's own "sinto calor".
    #[test]
    fn yellow_with_words_between_black_in_every_form_and_feeling_hot_are_found() {
        for (text, tick) in [
            (
                "A pele ou a parte branca dos olhos está amarela",
                W(Wn::YellowSkinEyes),
            ),
            ("os olhos ficaram amarelos", W(Wn::YellowSkinEyes)),
            ("a pele está a ficar amarela", W(Wn::YellowSkinEyes)),
            ("my skin has gone yellow", W(Wn::YellowSkinEyes)),
            (
                "the whites of my eyes are a bit yellow",
                W(Wn::YellowSkinEyes),
            ),
            ("O dedo ficou negro", Lump(L::SkinDark)),
            ("dedos negros", Lump(L::SkinDark)),
            ("as pontas estão negras", Lump(L::SkinDark)),
            ("Sinto calor desde ontem", Tick::Fever),
            ("tenho calor e arrepios", Tick::Fever),
            ("ando com calor", Tick::Fever),
            ("sinto-me quente", Tick::Fever),
        ] {
            assert!(points_to(text, tick), "{text:?}");
        }
        // Still a redness of a lump too: the patient knows which.
        assert!(points_to("Sinto calor desde ontem", Lump(L::RednessWarmth)));
        for text in ["não tenho calor", "yellow pus", "tem pus amarelo"] {
            assert!(!points_to(text, W(Wn::YellowSkinEyes)), "{text:?}");
            assert!(!points_to(text, Tick::Fever), "{text:?}");
        }
    }

    /// Found by review: a finger that stays white, blue or dark (severe Raynaud's), written as
    /// the finger and then its colour, was missed or pointed elsewhere.
    #[test]
    fn a_finger_or_toe_that_stays_white_blue_or_dark_points_to_the_raynaud_box() {
        let raynaud = W(Wn::RaynaudNotRecovering);
        for text in [
            "Finger stayed white for an hour and would not warm up",
            "fingertip went dark",
            "finger turned purple",
            "my toes are still very pale",
            "purple fingers",
            "dedos roxos",
            "a ponta do dedo está escura",
            "O dedo continua branco e não aquece",
            "O dedo ficou negro",
            "it won't warm up",
            "não aqueceu toda a tarde",
            // The second review: "a bit" read as a bit of something, and "stay" was no link.
            "my fingers stayed white a bit longer than usual",
            "my fingers went white a bit",
            "my fingers stay white for hours",
            "toes stay purple much longer now",
            "my thumb went black too lump is sore",
        ] {
            assert!(points_to(text, raynaud), "{text:?}");
        }
        for text in [
            "my finger is not white",
            "o dedo não está branco",
            "chalky white stuff",
            "finger, white cream on it",
            "my finger was warm",
            "my finger has white chalk coming out",
            "finger has white stuff in it",
            "finger has white lumps on it",
            "o dedo tem pontos brancos",
            "my finger has a white bit coming out",
        ] {
            assert!(!points_to(text, raynaud), "{text:?}");
        }
    }

    /// Found by review: "not" before breathing that is not as it should be said the sign was not
    /// there.
    #[test]
    fn breathing_said_not_to_be_as_it_should_is_found_and_breathing_that_is_fine_is_not() {
        for text in [
            "I'm not breathing properly",
            "not breathing well at night",
            "I can't breathe properly",
            "não respiro bem",
            "não consigo respirar bem",
            "my breathing is not normal",
            "hard to breathe normally",
        ] {
            assert!(
                unticked(&form(text), false)
                    .iter()
                    .any(|m| m.ticks.contains(&W(Wn::ShortOfBreath))),
                "{text:?}"
            );
        }
        for text in [
            "no trouble breathing",
            "No shortness of breath",
            "sem falta de ar",
            "breathing is fine",
            "My breathing is OK today",
            "Respiro bem",
            "a respiração está normal",
            "Não tenho dificuldade em respirar",
            "No fever. Breathing fine",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text:?}");
        }
    }

    /// Every box that a sign's words point to, and every warning sign, is found by its own words
    /// on the form, in both languages, as the content files have them: a label changed there
    /// and no longer matched fails here.
    #[test]
    fn every_boxs_own_words_on_the_form_point_to_it_in_both_languages() {
        use crate::core::content::test_content;
        use crate::core::lang::Lang;
        let mut boxes: Vec<Tick> = vec![Tick::Fever];
        boxes.extend(Warning::ALL.map(W));
        for watch in WATCHES {
            for &tick in watch.ticks {
                if !boxes.contains(&tick) {
                    boxes.push(tick);
                }
            }
        }
        for lang in Lang::ALL {
            let t = &test_content(lang).unwrap().diary;
            for &tick in &boxes {
                let label = match tick {
                    Tick::Fever => t.fever(),
                    Tick::Sign(s) => &t.signs[&s],
                    Tick::Warning(w) => &t.warnings[&w],
                    Tick::SideEffect(s) => &t.side_effects[&s],
                };
                assert!(
                    points_to(label, tick),
                    "{lang:?} {tick:?}: {label:?} found {:?}",
                    unticked(&form(label), false)
                );
            }
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

    /// Found by review: rigors and night sweats (FACTS counts feeling shivery as a fever) were
    /// missed. Shaky hands, shaking or sweating alone are everyday words for these patients (a
    /// medicine's tremor, a hot day), not pointed to the fever box.
    #[test]
    fn rigors_and_night_sweats_point_to_the_fever_box_and_shaking_or_sweating_do_not() {
        for text in [
            "rigors last night",
            "shivering in bed",
            "feeling shivery",
            "night sweats",
            "arrepios",
            "calafrios à noite",
            "tenho suores noturnos",
            "um suor nocturno",
            "I was shaking all night",
            "couldn't stop shaking",
            "shaking uncontrollably",
            "the shakes again",
            "estive a tremer de frio",
            "tremia toda",
            "tenho suores à noite",
        ] {
            assert!(points_to(text, Tick::Fever), "{text:?}");
        }
        for text in [
            "no shivers",
            "no rigors",
            "no night sweats",
            "no cold sweats",
            "sem arrepios",
            "sem calafrios",
            "sem suores noturnos",
            "shaky hands from the prednisone",
            "my hand shakes when I write",
            "hands shaking after my tablets",
            "protein shakes",
            "sweaty hands",
            "sweating a lot in this heat",
            "as mãos a tremer com os comprimidos",
            "a new sweater",
        ] {
            assert!(!points_to(text, Tick::Fever), "{text:?}");
        }
    }

    /// The boxes of the signs of sepsis, in the form's order (FACTS: confusion, very fast
    /// breathing, fast heartbeat, cold clammy skin, not passing urine, fainting).
    const SEPSIS: [Tick; 6] = [
        W(Wn::Confused),
        W(Wn::FastBreathing),
        W(Wn::FastHeartbeat),
        W(Wn::ColdClammySkin),
        W(Wn::NotPassingUrine),
        W(Wn::Fainted),
    ];

    /// Found by review: sepsis named was missed. The form has no one box for it: the words
    /// point to each box of its signs, and any one ticked is enough.
    #[test]
    fn sepsis_named_points_to_the_boxes_of_its_signs() {
        for text in [
            "worried it is sepsis",
            "I had sepsis last year",
            "septicaemia",
            "septicemia",
            "medo de ter sépsis",
            "tive uma septicémia",
            "sepsis",
        ] {
            let found = unticked(&form(text), false);
            assert!(
                found.iter().any(|m| m.ticks == SEPSIS),
                "{text:?}: {found:?}"
            );
        }
        for text in [
            "no sepsis",
            "no signs of sepsis",
            "not septic",
            "sem sépsis",
            "sem sinais de sépsis",
            "não tenho septicemia",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text:?}");
        }
        // Any box of its signs ticked ends it.
        let mut d = form("could this be sepsis?");
        assert_eq!(unticked(&d, false).len(), 1);
        d.warnings.insert(Wn::FastHeartbeat);
        assert_eq!(unticked(&d, false), vec![]);
    }

    /// Found by review: a fast heartbeat named tachycardia was missed.
    #[test]
    fn tachycardia_and_a_racing_heart_point_to_the_fast_heartbeat_box() {
        for text in [
            "tachycardia",
            "had tachycardia at night",
            "heart racing",
            "taquicardia",
            "tive taquicardia",
            "coração acelerado",
        ] {
            assert!(points_to(text, W(Wn::FastHeartbeat)), "{text:?}");
        }
        for text in ["no tachycardia", "sem taquicardia"] {
            assert_eq!(found(text), Vec::<String>::new(), "{text:?}");
        }
    }

    /// Found by review: skin, or lips, written as grey or ashen, and a cold sweat, were missed
    /// (FACTS: cold, clammy, pale or mottled skin). Pale or cold skin alone is not pointed to
    /// it: a Raynaud's attack, or the skin over a lump, is written so.
    #[test]
    fn grey_skin_and_a_cold_sweat_point_to_the_cold_clammy_skin_box_and_cold_fingers_do_not() {
        let skin = W(Wn::ColdClammySkin);
        for text in [
            "skin looks grey and cold",
            "grey skin",
            "gray skin",
            "his lips look grey",
            "ashen",
            "a cold sweat",
            "pele acinzentada",
            "lábios acinzentados",
            "suores frios",
            "um suor frio",
            "pale lips",
            "my skin is very pale and cold",
            "lábios pálidos",
            "pele muito pálida e fria",
        ] {
            assert!(points_to(text, skin), "{text:?}");
        }
        for text in [
            "no grey skin",
            "my skin feels cold",
            "skin is pale over the calcium lump",
            "pale cold skin on my fingertips during an attack",
            "cold skin on my hands again",
            "pele fria nos dedos",
            "a pele ficou pálida",
            "I have a cold",
            "cold fingers",
            "sem suores frios",
            "tenho frio",
        ] {
            assert!(!points_to(text, skin), "{text:?}");
        }
    }

    /// Found by review: confusion written as incoherent, talking nonsense, or someone hard to
    /// wake, was missed. Drowsy after tablets, not waking up early, or a leaflet that makes no
    /// sense are everyday words, not pointed to the confusion box.
    #[test]
    fn incoherent_or_someone_hard_to_wake_point_to_the_confusion_box_and_everyday_words_do_not() {
        let confused = W(Wn::Confused);
        for text in [
            "he was incoherent",
            "talking nonsense all evening",
            "we can't wake him",
            "couldn't wake her",
            "hard to wake him this morning",
            "unable to wake him",
            "couldn't wake my husband",
            "can't wake my dad",
            "could not wake her",
            "he won't wake up",
            "he's very hard to wake",
            "she is really difficult to wake up",
            "my husband was so hard to wake this morning",
            // From the review of the words above: a child, other intensifiers, "harder", no
            // one named, other verbs, and the most natural Portuguese.
            "my son is very hard to wake",
            "my daughter is hard to wake",
            "He was extremely hard to wake",
            "he is unusually hard to wake",
            "he's been much harder to wake",
            // The second review: "not" before "rouse" took it for no sign.
            "I could not rouse him this morning",
            "he was not rousable",
            "we could not rouse her",
            "he would not wake up",
            "she wouldn't wake up",
            "Dad very drowsy and hard to wake",
            "can barely wake him",
            "couldn't rouse him",
            "hard to rouse",
            "não consigo acordar a minha mãe",
            "não conseguimos acordar o meu pai",
            "ele tem estado difícil de acordar",
            "custa muito a acordá-lo",
            "mal consigo acordá-lo",
            "o meu pai não diz coisa com coisa",
            "estava incoerente",
        ] {
            assert!(points_to(text, confused), "{text:?}");
        }
        for text in [
            "drowsy after my tablets",
            "a bit drowsy after the amitriptyline",
            "sonolenta depois dos comprimidos",
            "I couldn't wake up this morning",
            "can't wake up in the mornings",
            "hard to wake up early for work",
            "it's hard to wake up in winter",
            "I am hard to wake at weekends",
            "não consigo acordar a horas",
            "não consigo acordar cedo",
            "é difícil de acordar de manhã",
            "the new leaflet is not making sense to me",
            "the pain did not wake me",
        ] {
            assert!(!points_to(text, confused), "{text:?}");
        }
    }

    /// "Não é" does not hide a sign: in Portuguese it most often denies what follows the sign
    /// ("não é uma febre alta": a fever, not a high one), or points at another ("não é a febre
    /// que me preocupa"). A review of a rule that took it for "not" found these hidden; the rule
    /// was taken back, and "não é uma dor forte" is found again (the safe side).
    #[test]
    fn nao_e_never_hides_a_sign() {
        for (text, words) in [
            ("Não é uma febre alta", "febre"),
            ("nao e uma febre baixa", "febre"),
            ("Não é a febre que me preocupa, é a dor", "febre"),
            ("não é falta de ar grave", "falta de ar"),
            ("não é uma bolha pequena", "bolha"),
            ("às vezes sim outras não e tenho febre", "febre"),
            ("Não é uma dor forte.", "dor forte"),
        ] {
            assert!(
                found(text).contains(&words.to_string()),
                "{text:?}: {:?}",
                found(text)
            );
        }
        assert_eq!(found("sem dor e febre"), vec!["febre".to_string()]);
    }

    /// Found by review: "há" between "não" and the sign ("não há pus") hid the "not".
    #[test]
    fn nao_ha_says_a_sign_is_not_there() {
        assert_eq!(found("não há pus"), Vec::<String>::new());
        assert_eq!(found("Não há febre"), Vec::<String>::new());
        assert!(points_to("há pus", Lump(L::PusCloudy)));
    }

    /// Found by the clinical review: common ways of writing red flags, mostly Portuguese, were
    /// missed. Each points to the box FACTS gives the sign; everyday words near them do not.
    #[test]
    fn more_ways_of_writing_red_flags_are_found_in_both_languages() {
        let cases: &[(&str, Tick)] = &[
            ("tenho uma dor forte no braço", W(Wn::SeverePain)),
            ("dores fortes desde ontem", W(Wn::SeverePain)),
            ("dor intensa no dedo", W(Wn::SeverePain)),
            ("dói imenso", W(Wn::SeverePain)),
            ("a pele está fria e húmida", W(Wn::ColdClammySkin)),
            ("pele marmoreada nas pernas", W(Wn::ColdClammySkin)),
            ("sinto um aperto na garganta", W(Wn::TroubleBreathing)),
            ("a garganta fechou", W(Wn::TroubleBreathing)),
            ("garganta fechada", W(Wn::TroubleBreathing)),
            ("comichão e borbulhas no corpo", W(Wn::Hives)),
            ("babas na pele depois do comprimido", W(Wn::Hives)),
            ("a pele a escamar", W(Wn::PeelingSkinFever)),
            ("é difícil acordá-lo", W(Wn::Confused)),
            ("está difícil de o acordar", W(Wn::Confused)),
            ("o meu marido está difícil de acordar", W(Wn::Confused)),
            ("custa a acordá-lo", W(Wn::Confused)),
            ("é difícil de acordá-la", W(Wn::Confused)),
            ("não consigo acordá-lo", W(Wn::Confused)),
            ("pulso acelerado", W(Wn::FastHeartbeat)),
            ("o pulso está muito rápido", W(Wn::FastHeartbeat)),
            ("o pulso disparou", W(Wn::FastHeartbeat)),
            ("pulso descompassado", W(Wn::FastHeartbeat)),
            ("pulsação acelerada", W(Wn::FastHeartbeat)),
            ("pulso muito forte", Effect(S::SlowOrPoundingHeartbeat)),
            ("a pele está húmida e fria", W(Wn::ColdClammySkin)),
            ("ela está fria e húmida", W(Wn::ColdClammySkin)),
            ("I haven't weed all day", W(Wn::NotPassingUrine)),
            ("o coração está bem acelerado", W(Wn::FastHeartbeat)),
            ("heartbeat is fine, a bit fast", W(Wn::FastHeartbeat)),
            ("my pulse is slow", Effect(S::SlowOrPoundingHeartbeat)),
            ("yellowish discharge from the sore", Lump(L::PusCloudy)),
            ("weeping yellow fluid", Lump(L::PusCloudy)),
            ("the fluid is yellow", Lump(L::PusCloudy)),
            ("líquido amarelado", Lump(L::PusCloudy)),
            ("finger has gone dusky", W(Wn::RaynaudNotRecovering)),
            ("skin is sloughing off", Lump(L::SkinDark)),
        ];
        for &(text, tick) in cases {
            assert!(
                points_to(text, tick),
                "{text:?}: {:?}",
                unticked(&form(text), false)
            );
        }
        for text in [
            "não consigo acordar cedo",
            "foi difícil de acordar hoje",
            "dor no pulso",
            "tenho um caroço no pulso",
            "o caroço no pulso está alto",
            "o pulso direito dói",
            "smoked some weed",
            "sem dor forte",
            "no yellow discharge",
            "white chalky discharge",
            "sweating in the heat",
            "alguns suores de manhã",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text:?}");
        }
    }
}
