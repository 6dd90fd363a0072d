//! The form as kept in storage (see `drafts` and `json`): every field written, even at its
//! default, and every field optional when read, so a draft written by an older version opens.

use crate::core::flags::Flags;

use crate::core::json::Value;

use super::{Draft, DraftLesion, Quick, SizeChoice};
use crate::core::diary::stored::{site, split_side_effects};
use crate::core::diary::SideEffect;
use crate::core::json::{self, codes, Code, Fields, Out, Stored};

codes!(SizeChoice {
    NotSure = "NotSure",
    RiceGrain = "RiceGrain",
    Pea = "Pea",
    Grape = "Grape",
    Walnut = "Walnut",
    Measured = "Measured",
});

/// `["2026-11-25", "06:00"]`: the date and time an edit's form opened with.
fn when_shown(v: Value) -> Result<Option<(String, String)>, String> {
    let texts = json::list(v, json::string).unwrap_or_default();
    Ok(<[String; 2]>::try_from(texts).ok().map(|[d, t]| (d, t)))
}

fn set<T: Code + PartialEq>(v: Value) -> Result<Flags<T>, String> {
    Ok(json::list(v, json::code)?.into_iter().collect())
}

fn opt_str(out: &mut Out, text: Option<&str>) {
    match text {
        Some(t) => out.str(t),
        None => out.null(),
    }
}

fn opt_num(out: &mut Out, n: Option<u8>) {
    match n {
        Some(n) => out.num(n.into()),
        None => out.null(),
    }
}

impl DraftLesion {
    fn read(v: Value) -> Result<DraftLesion, String> {
        let mut f = Fields::of(v)?;
        Ok(DraftLesion {
            key: f.or_default("key", json::whole)?,
            lesion_id: f.option("lesion_id", json::string)?,
            site: f.option("site", site)?,
            name: f.or_default("name", json::string)?,
            pain: f.option("pain", json::u8_)?,
            size: f.or_default("size", json::code)?,
            mm: f.or_default("mm", json::string)?,
            signs: f.or_default("signs", set)?,
            was: match (
                f.option("was_site", site)?,
                f.option("was_name", json::string)?,
            ) {
                (Some(s), Some(n)) => Some((s, n)),
                _ => None,
            },
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("key");
        out.num(self.key.into());
        out.key("lesion_id");
        opt_str(out, self.lesion_id.as_deref());
        out.key("site");
        opt_str(out, self.site.map(|s| s.id()).as_deref());
        out.key("name");
        out.str(&self.name);
        out.key("pain");
        opt_num(out, self.pain);
        out.key("size");
        out.str(self.size.code());
        out.key("mm");
        out.str(&self.mm);
        out.key("signs");
        out.codes(&self.signs);
        if let Some((site, name)) = &self.was {
            out.key("was_site");
            out.str(&site.id());
            out.key("was_name");
            out.str(name);
        }
        out.extra(&self.extra);
        out.close();
    }
}

impl Quick {
    fn read(v: Value) -> Result<Quick, String> {
        let mut f = Fields::of(v)?;
        Ok(Quick {
            on: f.or_default("on", json::boolean)?,
            any_warning: f.option("any_warning", json::boolean)?,
            changed: f
                .or_default("changed", |v| json::list(v, json::whole::<u32>))?
                .into_iter()
                .collect(),
            asked: f
                .or_default("asked", |v| json::list(v, json::whole::<u32>))?
                .into_iter()
                .collect(),
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("on");
        out.bool(self.on);
        out.key("any_warning");
        match self.any_warning {
            Some(yes) => out.bool(yes),
            None => out.null(),
        }
        out.key("changed");
        out.list(
            &self.changed.iter().copied().collect::<Vec<u32>>(),
            |o, k| o.num((*k).into()),
        );
        // Only when some are asked: a draft without is written as before.
        if !self.asked.is_empty() {
            out.key("asked");
            out.list(&self.asked.iter().copied().collect::<Vec<u32>>(), |o, k| {
                o.num((*k).into())
            });
        }
        out.extra(&self.extra);
        out.close();
    }
}

impl Stored for Draft {
    fn read(v: Value) -> Result<Draft, String> {
        let mut f = Fields::of(v)?;
        Ok(Draft {
            editing: f.option("editing", json::string)?,
            new_id: f.option("new_id", json::string)?,
            base: f.option("base", json::instant)?,
            // Only a help for the save (see `Draft::when_shown`): a value of another shape is
            // dropped, never the whole kept form.
            when_shown: f.option("when_shown", when_shown)?.flatten(),
            opened: f.option("opened", json::instant).ok().flatten(),
            date: f.or_default("date", json::string)?,
            time: f.or_default("time", json::string)?,
            pain: f.option("pain", json::u8_)?,
            lesions: f.list("lesions", DraftLesion::read)?,
            fever: f.or_default("fever", json::boolean)?,
            lump_now: f.or_default("lump_now", json::boolean)?,
            raynaud: f.or_default("raynaud", json::boolean)?,
            stiffness: f.or_default("stiffness", json::boolean)?,
            sleep: f.or_default("sleep", json::boolean)?,
            daily: f.option("daily", json::u8_)?,
            warnings: f.or_default("warnings", set)?,
            immune_weakening: f.or_default("immune_weakening", json::boolean)?,
            adherence: f.option("adherence", json::code)?,
            side_effects: {
                // Those added later are kept apart, as in the diary (`SideEffect::added_later`).
                let mut all: Flags<SideEffect> = f.or_default("side_effects", set)?;
                let later: Flags<SideEffect> = f.or_default("side_effects_2", set)?;
                for &s in later.iter() {
                    all.insert(s);
                }
                all
            },
            other_side_effect: f.or_default("other_side_effect", json::string)?,
            notes: f.or_default("notes", json::string)?,
            next_key: f.or_default("next_key", json::whole)?,
            quick: f.or_default("quick", Quick::read)?,
            extra: f.extra(),
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        out.key("editing");
        opt_str(out, self.editing.as_deref());
        if let Some(id) = &self.new_id {
            out.key("new_id");
            out.str(id);
        }
        if self.lump_now {
            out.key("lump_now");
            out.bool(true);
        }
        out.key("base");
        match self.base {
            Some(t) => out.instant(t),
            None => out.null(),
        }
        if let Some((d, t)) = &self.when_shown {
            out.key("when_shown");
            out.list(&[d, t], |o, s: &&String| o.str(s));
        }
        if let Some(t) = self.opened {
            out.key("opened");
            out.instant(t);
        }
        out.key("date");
        out.str(&self.date);
        out.key("time");
        out.str(&self.time);
        out.key("pain");
        opt_num(out, self.pain);
        out.key("lesions");
        out.list(&self.lesions, |o, l| l.write(o));
        for (key, on) in [
            ("fever", self.fever),
            ("raynaud", self.raynaud),
            ("stiffness", self.stiffness),
            ("sleep", self.sleep),
        ] {
            out.key(key);
            out.bool(on);
        }
        out.key("daily");
        opt_num(out, self.daily);
        out.key("warnings");
        out.codes(&self.warnings);
        out.key("immune_weakening");
        out.bool(self.immune_weakening);
        out.key("adherence");
        opt_str(out, self.adherence.map(Code::code));
        let (first, later) =
            split_side_effects(&self.side_effects.iter().copied().collect::<Vec<_>>());
        out.key("side_effects");
        out.codes(&first);
        if !later.is_empty() {
            out.key("side_effects_2");
            out.codes(&later);
        }
        out.key("other_side_effect");
        out.str(&self.other_side_effect);
        out.key("notes");
        out.str(&self.notes);
        out.key("next_key");
        out.num(self.next_key.into());
        // The quick check-in's answers, only once it was used: a full-form draft is as before.
        if !self.quick.is_unused() {
            out.key("quick");
            self.quick.write(out);
        }
        out.extra(&self.extra);
        out.close();
    }
}
