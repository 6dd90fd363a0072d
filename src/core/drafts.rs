//! Unsaved work kept across part switches and reloads: the check-in form as typed and a question
//! being written. Stored under its own key, cleared when saved or cancelled. A draft is a
//! convenience: one that cannot be read is left alone and the widget starts without it.

use crate::core::json::Value;

use super::draft::Draft;
use super::json::{self, Fields, Out, Stored};
use super::schema::{self, Schema};
use super::store::{Keys, Store, StoreError};

/// Schema 1: `{"check_in": {...Draft}, "question": "..."}`, both optional.
pub const DRAFTS_SCHEMA: Schema = Schema { migrations: &[] };

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drafts {
    pub check_in: Option<Draft>,
    pub question: String,
}

/// Both fields are left out when not set.
impl Stored for Drafts {
    fn read(v: Value) -> Result<Drafts, String> {
        let mut f = Fields::of(v)?;
        Ok(Drafts {
            check_in: f.option("check_in", Draft::read)?,
            question: f.or_default("question", json::string)?,
        })
    }

    fn write(&self, out: &mut Out) {
        out.open();
        if let Some(d) = &self.check_in {
            out.key("check_in");
            d.write(out);
        }
        out.text_field("question", &self.question);
        out.close();
    }
}

impl Drafts {
    /// Nothing unsaved: no open form and no question being typed.
    pub fn is_empty(&self) -> bool {
        self.check_in.is_none() && self.question.trim().is_empty()
    }
}

/// The stored drafts, read only (nothing is moved or written); none when missing or unreadable.
pub fn read(store: &dyn Store, keys: &Keys) -> Drafts {
    match store.get(&keys.drafts()) {
        Ok(Some(raw)) => schema::decode(&DRAFTS_SCHEMA, &raw).unwrap_or_default(),
        _ => Drafts::default(),
    }
}

/// Keeps `drafts`; nothing left unsaved removes the key.
pub fn write(store: &dyn Store, keys: &Keys, drafts: &Drafts) -> Result<(), StoreError> {
    if drafts.is_empty() {
        store.remove(&keys.drafts())
    } else {
        schema::save(store, &DRAFTS_SCHEMA, &keys.drafts(), drafts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diary::Warning;
    use crate::core::store::MemoryStore;
    use crate::core::time::Instant;

    fn typed() -> Draft {
        let mut d = Draft::new(Instant(1_764_500_000_000), &60, None);
        d.pain = Some(7);
        d.notes = "Typed, not saved \u{1fa79}".into();
        d.warnings.insert(Warning::Fainted);
        let key = d.add_lesion();
        d.lesion_mut(key).unwrap().name = "thumb".into();
        // A quick check-in's own answers are part of the draft too.
        d.quick.on = true;
        d.quick.any_warning = Some(true);
        d.quick.changed.insert(key);
        d
    }

    #[test]
    fn a_draft_survives_a_reload_exactly() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        let drafts = Drafts {
            check_in: Some(typed()),
            question: "Why does it hurt at night?".into(),
        };
        write(&store, &keys, &drafts).unwrap();
        assert_eq!(read(&store, &keys), drafts);
        // A lesion added after the reload gets a new key, not one already in use.
        let mut again = read(&store, &keys).check_in.unwrap();
        let key = again.add_lesion();
        assert_eq!(again.lesions.iter().filter(|l| l.key == key).count(), 1);
    }

    #[test]
    fn saving_or_cancelling_clears_the_key() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        write(
            &store,
            &keys,
            &Drafts {
                check_in: Some(typed()),
                ..Drafts::default()
            },
        )
        .unwrap();
        write(&store, &keys, &Drafts::default()).unwrap();
        assert_eq!(store.get(&keys.drafts()), Ok(None));
    }

    #[test]
    fn unreadable_drafts_are_left_alone_and_a_failed_write_is_reported() {
        let (store, keys) = (MemoryStore::new(), Keys::default());
        store.set(&keys.drafts(), "{not json").unwrap();
        assert_eq!(read(&store, &keys), Drafts::default());
        assert_eq!(
            store.get(&keys.drafts()).unwrap().as_deref(),
            Some("{not json")
        );
        let full = MemoryStore::with_quota(10);
        let drafts = Drafts {
            question: "q".into(),
            ..Drafts::default()
        };
        assert_eq!(write(&full, &keys, &drafts), Err(StoreError::QuotaExceeded));
    }
}
