//! Versioned storage: every stored value is wrapped as `{"schema": N, "data": ...}` and migrated
//! forward on load. Data we cannot read is never overwritten: corrupt data is moved aside under
//! its own key, and data written by a newer version stays where that version looks for it (and
//! is not written over); either way the caller is told.

use super::json::{self, Out, Stored, Value};
use super::store::{Store, StoreError};

/// One migration turns the `data` of schema N into that of schema N + 1.
pub type Migration = fn(Value) -> Result<Value, String>;

/// A kind of stored value: its current schema is one more than the number of migrations.
pub struct Schema {
    pub migrations: &'static [Migration],
}

impl Schema {
    pub fn current(&self) -> u32 {
        self.migrations.len() as u32 + 1
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// Not JSON, not an envelope, or data that does not fit the type.
    Unreadable(String),
    /// Written by a newer version of the widget than this one.
    Newer { found: u32, supported: u32 },
}

/// Wraps a value in the current envelope, written straight to text (see `json`).
pub fn encode<T: Stored>(schema: &Schema, data: &T) -> Result<String, String> {
    encode_sized(schema, data, 0)
}

/// `encode`, into room for `expected` bytes: the envelope and the data are written once into
/// one buffer, not copied from buffer to ever larger buffer (a ten-year diary is most of a
/// megabyte, written at every save).
pub fn encode_sized<T: Stored>(
    schema: &Schema,
    data: &T,
    expected: usize,
) -> Result<String, String> {
    let mut out = Out::with_capacity(expected);
    out.open();
    out.key("schema");
    out.num(schema.current().into());
    out.key("data");
    data.write(&mut out);
    out.close();
    Ok(out.0)
}

/// Reads an envelope, running every migration from its schema to the current one, then reads
/// the data as `T`. The text is parsed once, into `Value`s (the one JSON reader, see `json`).
pub fn decode<T: Stored>(schema: &Schema, raw: &str) -> Result<T, DecodeError> {
    let envelope = json::parse(raw).map_err(DecodeError::Unreadable)?;
    decode_value(schema, envelope)
}

/// `decode`, for an envelope already parsed (a backup is one, with fields of its own).
pub fn decode_value<T: Stored>(schema: &Schema, envelope: Value) -> Result<T, DecodeError> {
    T::read(current_data(schema, envelope)?).map_err(DecodeError::Unreadable)
}

/// The envelope's data, migrated to the current schema (the same for every type, so one copy).
fn current_data(schema: &Schema, envelope: Value) -> Result<Value, DecodeError> {
    let unreadable = |why: String| DecodeError::Unreadable(why);
    let Value::Object(mut envelope) = envelope else {
        return Err(unreadable("not an envelope".into()));
    };
    let version = envelope
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or_else(|| unreadable("no schema number".into()))?;
    let mut data = match envelope.remove("data") {
        None | Some(Value::Null) => return Err(unreadable("no data".into())),
        Some(data) => data,
    };
    let current = u64::from(schema.current());
    if version == 0 {
        return Err(unreadable("schema 0 does not exist".into()));
    }
    if version > current {
        return Err(DecodeError::Newer {
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: schema.current(),
        });
    }
    for migrate in &schema.migrations[(version - 1) as usize..] {
        data = migrate(data).map_err(unreadable)?;
    }
    Ok(data)
}

/// What loading a stored value found.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded<T> {
    /// Nothing stored yet.
    Missing,
    Found(T),
    /// The stored text could not be read; it now lives at `kept_at`, untouched.
    SetAside {
        kept_at: String,
        problem: DecodeError,
    },
    /// Written by a newer version: left in place, untouched.
    Newer {
        found: u32,
        supported: u32,
    },
}

/// What reading a stored value found, without changing anything.
#[derive(Clone, Debug, PartialEq)]
pub enum Read<T> {
    Missing,
    Found(T),
    /// Corrupt: the explicit open step (`set_aside_if_unreadable`) moves it aside.
    Unreadable(String),
    /// Written by a newer version: stays where it is; writes to it are refused.
    Newer {
        found: u32,
        supported: u32,
    },
}

/// Reads `key` with no side effect (safe in a state initialiser).
pub fn read<T: Stored>(
    store: &dyn Store,
    schema: &Schema,
    key: &str,
) -> Result<Read<T>, StoreError> {
    let Some(raw) = store.get(key)? else {
        return Ok(Read::Missing);
    };
    Ok(match decode(schema, &raw) {
        Ok(value) => Read::Found(value),
        Err(DecodeError::Unreadable(why)) => Read::Unreadable(why),
        Err(DecodeError::Newer { found, supported }) => Read::Newer { found, supported },
    })
}

/// The explicit open step for one key: corrupt data is copied aside exactly (returns where);
/// readable, missing and newer-version data are left alone. Readable means readable as a `T`:
/// well-formed JSON with one field this version cannot read (a check-in's pain "seven") is
/// corrupt too, since the write that follows would put a `T` over it.
pub fn set_aside_if_unreadable<T: Stored>(
    store: &dyn Store,
    schema: &Schema,
    key: &str,
) -> Result<Option<String>, StoreError> {
    Ok(match open_key::<T>(store, schema, key)? {
        Opened::SetAside(kept_at) => Some(kept_at),
        Opened::Left | Opened::Newer => None,
    })
}

/// What the open step did with one key.
#[derive(Debug, PartialEq)]
pub enum Opened {
    /// Missing or readable: left as it is.
    Left,
    /// Written by a newer version: left as it is.
    Newer,
    /// Corrupt: copied aside to this key.
    SetAside(String),
}

/// `set_aside_if_unreadable`, telling newer-version data apart too: one read and one parse of
/// the key (the widget's open step runs this for each stored value at start-up).
pub fn open_key<T: Stored>(
    store: &dyn Store,
    schema: &Schema,
    key: &str,
) -> Result<Opened, StoreError> {
    let Some(raw) = store.get(key)? else {
        return Ok(Opened::Left);
    };
    Ok(match stored_status::<T>(schema, &raw) {
        Status::Unreadable => Opened::SetAside(set_aside(store, key, &raw)?),
        Status::Newer => Opened::Newer,
        Status::Readable => Opened::Left,
    })
}

enum Status {
    Readable,
    Unreadable,
    Newer,
}

fn stored_status<T: Stored>(schema: &Schema, raw: &str) -> Status {
    // Only the envelope's number is needed to tell "newer" apart; the data is decoded in full,
    // as what it is, to tell readable from corrupt.
    match decode::<T>(schema, raw) {
        Err(DecodeError::Newer { .. }) => Status::Newer,
        Err(DecodeError::Unreadable(_)) => Status::Unreadable,
        Ok(_) => Status::Readable,
    }
}

/// Loads `key`, moving unreadable data aside instead of ever overwriting it.
pub fn load<T: Stored>(
    store: &dyn Store,
    schema: &Schema,
    key: &str,
) -> Result<Loaded<T>, StoreError> {
    let Some(raw) = store.get(key)? else {
        return Ok(Loaded::Missing);
    };
    match decode(schema, &raw) {
        Ok(value) => Ok(Loaded::Found(value)),
        Err(DecodeError::Newer { found, supported }) => Ok(Loaded::Newer { found, supported }),
        Err(problem) => {
            let kept_at = set_aside(store, key, &raw)?;
            Ok(Loaded::SetAside { kept_at, problem })
        }
    }
}

/// Copies the stored value (exactly, via `Store::copy`) to a fresh `<key>.unreadable-N` key,
/// checks the copy, then frees `key`. If the copy cannot be written, the original stays where it
/// is and the error is returned.
fn set_aside(store: &dyn Store, key: &str, raw: &str) -> Result<String, StoreError> {
    let taken = store.keys()?;
    let kept_at = (1..)
        .map(|n| format!("{key}.unreadable-{n}"))
        .find(|k| !taken.contains(k))
        .expect("an unused key exists");
    store.copy(key, &kept_at)?;
    if store.get(&kept_at)?.as_deref() != Some(raw) {
        return Err(StoreError::Other(
            "the copy of unreadable data did not match".into(),
        ));
    }
    store.remove(key)?;
    Ok(kept_at)
}

/// Saves a small value in the current envelope, after looking at what is stored: a newer
/// version's value is not written over (`StoreError::NewerVersion`), and corrupt data is first
/// copied aside (its key is returned). For settings and the place in the guide, not the diary
/// (`diary_store::save` merges, and reads it once).
pub fn save_guarded<T: Stored>(
    store: &dyn Store,
    schema: &Schema,
    key: &str,
    data: &T,
) -> Result<Option<String>, StoreError> {
    let kept_at = match store.get(key)? {
        None => None,
        Some(raw) => match stored_status::<T>(schema, &raw) {
            Status::Newer => return Err(StoreError::NewerVersion),
            Status::Unreadable => Some(set_aside(store, key, &raw)?),
            Status::Readable => None,
        },
    };
    save(store, schema, key, data)?;
    Ok(kept_at)
}

/// Saves a value in the current envelope.
pub fn save<T: Stored>(
    store: &dyn Store,
    schema: &Schema,
    key: &str,
    data: &T,
) -> Result<(), StoreError> {
    let text = encode(schema, data).map_err(StoreError::Other)?;
    store.set(key, &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::{self, Fields};
    use crate::core::store::MemoryStore;

    #[derive(Debug, PartialEq)]
    struct V3 {
        name: String,
        count: u32,
    }

    impl Stored for V3 {
        fn read(v: Value) -> Result<V3, String> {
            let mut f = Fields::of(v)?;
            Ok(V3 {
                name: f.need("name", json::string)?,
                count: f.need("count", json::whole)?,
            })
        }

        fn write(&self, out: &mut Out) {
            out.open();
            out.key("name");
            out.str(&self.name);
            out.key("count");
            out.num(self.count.into());
            out.close();
        }
    }

    // v1 {"n": "x"} -> v2 {"name": "x"} -> v3 {"name": "x", "count": 0}
    fn v1_to_v2(mut v: Value) -> Result<Value, String> {
        let n = v
            .as_object_mut()
            .and_then(|m| m.remove("n"))
            .ok_or("no n")?;
        let mut out = Value::Null;
        out["name"] = n;
        Ok(out)
    }
    fn v2_to_v3(mut v: Value) -> Result<Value, String> {
        v.as_object_mut()
            .ok_or("not an object")?
            .insert("count".into(), 0u8.into());
        Ok(v)
    }
    const THREE: Schema = Schema {
        migrations: &[v1_to_v2, v2_to_v3],
    };

    #[test]
    fn migrates_forward_from_every_older_schema() {
        let want = V3 {
            name: "x".into(),
            count: 0,
        };
        assert_eq!(
            decode::<V3>(&THREE, r#"{"schema":1,"data":{"n":"x"}}"#),
            Ok(want)
        );
        assert_eq!(
            decode::<V3>(&THREE, r#"{"schema":2,"data":{"name":"x"}}"#)
                .unwrap()
                .name,
            "x"
        );
        let v3 = r#"{"schema":3,"data":{"name":"y","count":4}}"#;
        assert_eq!(decode::<V3>(&THREE, v3).unwrap().count, 4);
    }

    #[test]
    fn encode_then_decode_round_trips_with_the_current_schema() {
        let v = V3 {
            name: "<b>é</b>".into(),
            count: 7,
        };
        let text = encode(&THREE, &v).unwrap();
        assert!(text.contains(r#""schema":3"#));
        assert_eq!(text, r#"{"schema":3,"data":{"name":"<b>é</b>","count":7}}"#);
        // Given room (too little or plenty), the same text.
        assert_eq!(encode_sized(&THREE, &v, 10).unwrap(), text);
        assert_eq!(encode_sized(&THREE, &v, 4096).unwrap(), text);
        assert_eq!(decode::<V3>(&THREE, &text), Ok(v));
    }

    #[test]
    fn unreadable_and_newer_data_are_reported_not_guessed() {
        for bad in [
            "",
            "not json",
            "[]",
            r#"{"data":{}}"#,
            r#"{"schema":1}"#,
            r#"{"schema":0,"data":{}}"#,
            r#"{"schema":1,"data":{"x":1}}"#,
        ] {
            assert!(
                matches!(decode::<V3>(&THREE, bad), Err(DecodeError::Unreadable(_))),
                "{bad:?}"
            );
        }
        assert_eq!(
            decode::<V3>(&THREE, r#"{"schema":9,"data":{}}"#),
            Err(DecodeError::Newer {
                found: 9,
                supported: 3
            })
        );
    }

    #[test]
    fn load_moves_unreadable_data_aside_and_never_loses_it() {
        let store = MemoryStore::new();
        store.set("k", "garbage{").unwrap();
        store.set("k.unreadable-1", "older garbage").unwrap();
        let loaded = load::<V3>(&store, &THREE, "k").unwrap();
        let Loaded::SetAside { kept_at, .. } = loaded else {
            panic!("expected SetAside, got {loaded:?}")
        };
        assert_eq!(kept_at, "k.unreadable-2");
        assert_eq!(
            store.get("k.unreadable-2").unwrap().as_deref(),
            Some("garbage{")
        );
        assert_eq!(
            store.get("k.unreadable-1").unwrap().as_deref(),
            Some("older garbage")
        );
        assert_eq!(store.get("k").unwrap(), None);
        assert_eq!(load::<V3>(&store, &THREE, "k"), Ok(Loaded::Missing));
    }

    #[test]
    fn newer_data_is_left_in_place_by_load_and_by_the_open_step() {
        let store = MemoryStore::new();
        let newer = r#"{"schema":9,"data":{"future":1}}"#;
        store.set("k", newer).unwrap();
        assert_eq!(
            load::<V3>(&store, &THREE, "k"),
            Ok(Loaded::Newer {
                found: 9,
                supported: 3
            })
        );
        assert_eq!(set_aside_if_unreadable::<V3>(&store, &THREE, "k"), Ok(None));
        assert_eq!(store.keys().unwrap(), vec!["k".to_string()]);
        assert_eq!(store.get("k").unwrap().as_deref(), Some(newer));
    }

    #[test]
    fn read_changes_nothing_and_the_open_step_sets_only_corrupt_data_aside() {
        let store = MemoryStore::new();
        assert_eq!(read::<V3>(&store, &THREE, "k"), Ok(Read::Missing));
        store.set("k", "garbage{").unwrap();
        assert!(matches!(
            read::<V3>(&store, &THREE, "k"),
            Ok(Read::Unreadable(_))
        ));
        assert_eq!(
            store.keys().unwrap(),
            vec!["k".to_string()],
            "read moved nothing"
        );
        assert_eq!(
            set_aside_if_unreadable::<V3>(&store, &THREE, "k"),
            Ok(Some("k.unreadable-1".into()))
        );
        assert_eq!(store.get("k").unwrap(), None);
        let good = r#"{"schema":3,"data":{"name":"a","count":1}}"#;
        store.set("k", good).unwrap();
        assert_eq!(set_aside_if_unreadable::<V3>(&store, &THREE, "k"), Ok(None));
        assert_eq!(store.get("k").unwrap().as_deref(), Some(good));
        store.set("k", r#"{"schema":4,"data":{}}"#).unwrap();
        assert_eq!(
            read::<V3>(&store, &THREE, "k"),
            Ok(Read::Newer {
                found: 4,
                supported: 3
            })
        );
    }

    #[test]
    fn a_guarded_save_refuses_newer_data_and_sets_corrupt_data_aside_first() {
        let v = V3 {
            name: "n".into(),
            count: 1,
        };
        let store = MemoryStore::new();
        let newer = r#"{"schema":4,"data":{}}"#;
        store.set("k", newer).unwrap();
        assert_eq!(
            save_guarded(&store, &THREE, "k", &v),
            Err(StoreError::NewerVersion)
        );
        assert_eq!(store.get("k").unwrap().as_deref(), Some(newer));
        store.set("k", "garbage{").unwrap();
        assert_eq!(
            save_guarded(&store, &THREE, "k", &v),
            Ok(Some("k.unreadable-1".into()))
        );
        assert_eq!(
            store.get("k.unreadable-1").unwrap().as_deref(),
            Some("garbage{")
        );
        assert_eq!(load::<V3>(&store, &THREE, "k"), Ok(Loaded::Found(v)));
        assert_eq!(
            save_guarded(
                &store,
                &THREE,
                "k",
                &V3 {
                    name: "m".into(),
                    count: 2
                }
            ),
            Ok(None)
        );
    }

    #[test]
    fn when_the_copy_cannot_be_written_the_original_stays() {
        let store = MemoryStore::with_quota(20);
        store.set("k", "garbage{").unwrap();
        assert_eq!(
            load::<V3>(&store, &THREE, "k"),
            Err(StoreError::QuotaExceeded)
        );
        assert_eq!(store.get("k").unwrap().as_deref(), Some("garbage{"));
    }

    #[test]
    fn save_reports_a_full_or_blocked_store() {
        let v = V3 {
            name: "n".into(),
            count: 1,
        };
        assert_eq!(
            save(&MemoryStore::with_quota(5), &THREE, "k", &v),
            Err(StoreError::QuotaExceeded)
        );
        assert_eq!(
            save(&MemoryStore::blocked(), &THREE, "k", &v),
            Err(StoreError::Blocked)
        );
        let ok = MemoryStore::new();
        save(&ok, &THREE, "k", &v).unwrap();
        assert_eq!(load::<V3>(&ok, &THREE, "k"), Ok(Loaded::Found(v)));
    }
}
