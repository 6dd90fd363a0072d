//! The diary's stored form (see `json`): short field names, and every field at its default left
//! out. Field order is the order the records were always written in. Signs, warnings and side
//! effects are also the keys the content files use for their texts.

use std::rc::Rc;

use crate::core::json::Value;

use super::{
    Adherence, CheckIn, Diary, Lesion, Medicine, Observation, QuestionNote, SideEffect, Sign, Size,
    Warning,
};
use crate::core::json::{self, codes, Code, Fields, Out, Stored};
use crate::core::sites::Site;
use crate::core::triage::{Given, GivenSlot, Level, Reason};

codes!(Sign {
    New = "new",
    Growing = "growing",
    OpenSore = "open-sore",
    ChalkyDischarge = "chalky-discharge",
    RednessWarmth = "redness-warmth",
    RednessSpreading = "redness-spreading",
    PusCloudy = "pus-cloudy",
    RedStreaks = "red-streaks",
    SkinDark = "skin-dark",
});

codes!(Warning {
    Confused = "confused",
    FastBreathing = "fast-breathing",
    FastHeartbeat = "fast-heartbeat",
    ColdClammySkin = "cold-clammy-skin",
    NotPassingUrine = "not-passing-urine",
    Fainted = "fainted",
    RednessSpreadingFast = "redness-spreading-fast",
    SeverePain = "severe-pain",
    Hives = "hives",
    TroubleBreathing = "trouble-breathing",
    FaceThroatSwelling = "face-throat-swelling",
    ChestPain = "chest-pain",
    YellowSkinEyes = "yellow-skin-eyes",
    SevereStomachPain = "severe-stomach-pain",
    ShortOfBreath = "short-of-breath",
    RapidWeightGainSwelling = "rapid-weight-gain-swelling",
    SpreadingRash = "spreading-rash",
    Blisters = "blisters",
    PeelingSkinFever = "peeling-skin-fever",
    JointSwollenPainful = "joint-swollen-painful",
    RaynaudNotRecovering = "raynaud-not-recovering",
});

codes!(SideEffect {
    SwollenAnkles = "swollen-ankles",
    Dizziness = "dizziness",
    Headache = "headache",
    Flushing = "flushing",
    Constipation = "constipation",
    Tiredness = "tiredness",
    Indigestion = "indigestion",
    SlowOrPoundingHeartbeat = "slow-or-pounding-heartbeat",
    Fainting = "fainting",
    Other = "other",
});

codes!(Adherence {
    AsPrescribed = "as-prescribed",
    MissedSome = "missed-some",
    NotTaking = "not-taking",
});

impl Size {
    /// The word code of a size in words (`pea`); `None` for a measured size.
    pub fn word(self) -> Option<&'static str> {
        Some(match self {
            Size::RiceGrain => "rice-grain",
            Size::Pea => "pea",
            Size::Grape => "grape",
            Size::Walnut => "walnut",
            Size::Mm(_) => return None,
        })
    }

    const WORDS: [Size; 4] = [Size::RiceGrain, Size::Pea, Size::Grape, Size::Walnut];

    /// `"pea"`, or `{"mm":12}` for a measured size.
    fn read(v: Value) -> Result<Size, String> {
        if let Value::String(word) = &v {
            return Size::WORDS
                .into_iter()
                .find(|s| s.word() == Some(word.as_str()))
                .ok_or_else(|| format!("unknown size {word:?}"));
        }
        let mut f = Fields::of(v)?;
        let mm = f.need("mm", json::whole)?;
        match f.is_empty() {
            true => Ok(Size::Mm(mm)),
            false => Err("a size has one field".into()),
        }
    }

    fn write(self, out: &mut Out) {
        match self.word() {
            Some(word) => out.str(word),
            None => {
                let Size::Mm(mm) = self else { return };
                out.open();
                out.key("mm");
                out.num(mm.into());
                out.close();
            }
        }
    }
}

pub(crate) fn site(v: Value) -> Result<Site, String> {
    let id = json::string(v)?;
    Site::parse(&id).ok_or_else(|| format!("unknown body site {id:?}"))
}

impl Stored for Lesion {
    fn read(v: Value) -> Result<Lesion, String> {
        let mut f = Fields::of(v)?;
        Ok(Lesion {
            id: f.need("id", json::string)?,
            site: f.need("site", site)?,
            name: f.or_default("name", json::string)?,
            updated: f.need("upd", json::instant)?,
            deleted: f.or_default("del", json::boolean)?,
            healed: f.or_default("healed", json::boolean)?,
            healed_at: f.option("healed_at", json::instant)?,
            healed_earlier: f.list("healed_earlier", json::instant)?,
            since: f.option("since", json::instant)?,
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("id");
        out.str(&self.id);
        out.key("site");
        out.str(&self.site.id());
        out.text_field("name", &self.name);
        out.key("upd");
        out.instant(self.updated);
        out.flag("del", self.deleted);
        out.flag("healed", self.healed);
        if let Some(t) = self.healed_at {
            out.key("healed_at");
            out.instant(t);
        }
        if !self.healed_earlier.is_empty() {
            out.key("healed_earlier");
            out.list(&self.healed_earlier, |o, &t| o.instant(t));
        }
        if let Some(t) = self.since {
            out.key("since");
            out.instant(t);
        }
        out.extra(&self.extra);
        out.close();
    }
}

impl Stored for Observation {
    fn read(v: Value) -> Result<Observation, String> {
        let mut f = Fields::of(v)?;
        Ok(Observation {
            lesion: f.need("l", json::string)?,
            pain: f.option("pain", json::u8_)?,
            size: f.option("size", Size::read)?,
            signs: f.list("signs", json::code)?,
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("l");
        out.str(&self.lesion);
        out.num_field("pain", self.pain);
        if let Some(size) = self.size {
            out.key("size");
            size.write(out);
        }
        if !self.signs.is_empty() {
            out.key("signs");
            out.codes(&self.signs);
        }
        out.extra(&self.extra);
        out.close();
    }
}

/// Side effects as stored: those every version knows in one list, those added later in another
/// (see `SideEffect::added_later`).
pub(crate) fn split_side_effects(all: &[SideEffect]) -> (Vec<SideEffect>, Vec<SideEffect>) {
    all.iter().partition(|s| !s.added_later())
}

/// The two stored lists as one, in the order of `SideEffect::ALL`, each once.
pub(crate) fn side_effects(first: Vec<SideEffect>, later: Vec<SideEffect>) -> Vec<SideEffect> {
    if later.is_empty() {
        return first;
    }
    SideEffect::ALL
        .into_iter()
        .filter(|s| first.contains(s) || later.contains(s))
        .collect()
}

impl Stored for CheckIn {
    fn read(v: Value) -> Result<CheckIn, String> {
        let mut f = Fields::of(v)?;
        Ok(CheckIn {
            id: f.need("id", json::string)?,
            at: f.need("at", json::instant)?,
            updated: f.need("upd", json::instant)?,
            pain: f.need("pain", json::u8_)?,
            observations: f.list("obs", Observation::read)?,
            fever: f.or_default("fever", json::boolean)?,
            lump_now: f.or_default("lump_now", json::boolean)?,
            raynaud: f.or_default("raynaud", json::boolean)?,
            stiffness: f.or_default("stiffness", json::boolean)?,
            daily_effect: f.option("daily", json::u8_)?,
            sleep: f.or_default("sleep", json::boolean)?,
            warnings: f.list("warn", json::code)?,
            immune_weakening: f.or_default("immuno", json::boolean)?,
            adherence: f.option("meds", json::code)?,
            side_effects: side_effects(f.list("fx", json::code)?, f.list("fx2", json::code)?),
            other_side_effect: f.or_default("fx_other", json::string)?,
            notes: f.or_default("notes", json::string)?,
            deleted: f.or_default("del", json::boolean)?,
            // Read leniently: advice that cannot be read is worked out again, never a check-in
            // refused for it.
            given: GivenSlot(f.option("given", read_given).ok().flatten()),
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("id");
        out.str(&self.id);
        out.key("at");
        out.instant(self.at);
        out.key("upd");
        out.instant(self.updated);
        out.key("pain");
        out.num(self.pain.into());
        if !self.observations.is_empty() {
            out.key("obs");
            out.list(&self.observations, |o, x| x.write(o));
        }
        out.flag("fever", self.fever);
        out.flag("lump_now", self.lump_now);
        out.flag("raynaud", self.raynaud);
        out.flag("stiffness", self.stiffness);
        out.num_field("daily", self.daily_effect);
        out.flag("sleep", self.sleep);
        if !self.warnings.is_empty() {
            out.key("warn");
            out.codes(&self.warnings);
        }
        out.flag("immuno", self.immune_weakening);
        if let Some(a) = self.adherence {
            out.key("meds");
            out.str(a.code());
        }
        let (first, later) = split_side_effects(&self.side_effects);
        if !first.is_empty() {
            out.key("fx");
            out.codes(&first);
        }
        if !later.is_empty() {
            out.key("fx2");
            out.codes(&later);
        }
        out.text_field("fx_other", &self.other_side_effect);
        out.text_field("notes", &self.notes);
        out.flag("del", self.deleted);
        if let (Some(g), false) = (&self.given.0, self.deleted) {
            out.key("given");
            write_given(g, out);
        }
        out.extra(&self.extra);
        out.close();
    }
}

/// The advice given when a check-in was saved: `{"level": "call-today", "why": ["pus-cloudy"],
/// "upd": "…"}` (see `triage::Given`).
fn read_given(v: Value) -> Result<Given, String> {
    let mut f = Fields::of(v)?;
    let level = f.need("level", json::string)?;
    Ok(Given {
        level: Level::parse(&level).ok_or("an unknown level")?,
        // A reason a newer version gave, unknown here, is left out; the level stands.
        reasons: f
            .list("why", json::string)?
            .iter()
            .filter_map(|r| Reason::parse(r))
            .collect(),
        for_update: f.need("upd", json::instant)?,
    })
}

fn write_given(g: &Given, out: &mut Out) {
    out.open();
    out.key("level");
    out.str(g.level.key());
    if !g.reasons.is_empty() {
        out.key("why");
        out.list(&g.reasons, |o, r| o.str(r.key()));
    }
    out.key("upd");
    out.instant(g.for_update);
    out.close();
}

impl Stored for QuestionNote {
    fn read(v: Value) -> Result<QuestionNote, String> {
        let mut f = Fields::of(v)?;
        Ok(QuestionNote {
            id: f.need("id", json::string)?,
            text: f.need("text", json::string)?,
            updated: f.need("upd", json::instant)?,
            deleted: f.or_default("del", json::boolean)?,
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("id");
        out.str(&self.id);
        out.key("text");
        out.str(&self.text);
        out.key("upd");
        out.instant(self.updated);
        out.flag("del", self.deleted);
        out.extra(&self.extra);
        out.close();
    }
}

impl Stored for Medicine {
    fn read(v: Value) -> Result<Medicine, String> {
        let mut f = Fields::of(v)?;
        Ok(Medicine {
            id: f.need("id", json::string)?,
            name: f.or_default("name", json::string)?,
            how: f.or_default("how", json::string)?,
            updated: f.need("upd", json::instant)?,
            deleted: f.or_default("del", json::boolean)?,
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("id");
        out.str(&self.id);
        out.text_field("name", &self.name);
        out.text_field("how", &self.how);
        out.key("upd");
        out.instant(self.updated);
        out.flag("del", self.deleted);
        out.extra(&self.extra);
        out.close();
    }
}

impl Stored for Diary {
    fn read(v: Value) -> Result<Diary, String> {
        let mut f = Fields::of(v)?;
        Ok(Diary {
            lesions: f.list("lesions", Lesion::read)?,
            check_ins: f.list("checkins", |v| CheckIn::read(v).map(Rc::new))?,
            questions: f.list("questions", QuestionNote::read)?,
            medicines: f.list("medicines", Medicine::read)?,
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("lesions");
        out.list(&self.lesions, |o, x| x.write(o));
        out.key("checkins");
        out.list(&self.check_ins, |o, x| x.write(o));
        if !self.questions.is_empty() {
            out.key("questions");
            out.list(&self.questions, |o, x| x.write(o));
        }
        if !self.medicines.is_empty() {
            out.key("medicines");
            out.list(&self.medicines, |o, x| x.write(o));
        }
        out.extra(&self.extra);
        out.close();
    }
}
