//! One JSON path per direction for what the widget stores and exports as backups: text is parsed
//! once into a `Value` (our own small reader, `value`) and records are read from it by hand
//! (`Fields`), and records
//! are written as text by hand (`Out`). A serde derive per record type costs tens of kilobytes of
//! generated code in the download; these few helpers are shared by every type.
//!
//! The rules are those the derive followed, so stored data and backups read exactly as before:
//! an absent optional field takes its default, an optional value (`Option`) may also be `null`,
//! and anything of the wrong type or out of range is refused. Unknown fields (a newer version's)
//! are not dropped: a stored record keeps them (`Extra`) and writes them back after its own.
//! Written text is byte for byte what `serde_json` wrote: fields in declaration order, no spaces,
//! the same string escapes.

mod value;

pub use value::{parse, Map, Number, Value};

use super::time::Instant;

/// A record kept in storage or in a backup.
pub trait Stored: Sized {
    /// Reads a record from parsed JSON; `Err` says what did not fit.
    fn read(value: Value) -> Result<Self, String>;
    /// Appends the record as JSON text.
    fn write(&self, out: &mut Out);
}

impl Stored for Value {
    fn read(value: Value) -> Result<Value, String> {
        Ok(value)
    }

    fn write(&self, out: &mut Out) {
        Value::write(self, out);
    }
}

impl<T: Stored> Stored for Vec<T> {
    fn read(value: Value) -> Result<Vec<T>, String> {
        list(value, T::read)
    }

    fn write(&self, out: &mut Out) {
        out.list(self, |o, x| x.write(o));
    }
}

/// A unit enum stored as a fixed code (`Sign::OpenSore` is `open-sore`).
pub trait Code: Copy + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
}

/// The value whose code is `code`, if there is one.
pub fn from_code<T: Code>(code: &str) -> Option<T> {
    T::ALL.iter().copied().find(|v| v.code() == code)
}

/// Implements `Code` from one table of variants and their codes.
macro_rules! codes {
    ($t:ident { $($v:ident = $c:literal,)* }) => {
        impl $crate::core::json::Code for $t {
            const ALL: &'static [$t] = &[$($t::$v),*];
            fn code(self) -> &'static str {
                match self { $($t::$v => $c),* }
            }
        }
    };
}
pub(crate) use codes;

/// How one kind of value is read.
pub type Kind<T> = fn(Value) -> Result<T, String>;

pub fn string(v: Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(format!("expected a string, found {}", other.kind())),
    }
}

pub fn boolean(v: Value) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| "expected true or false".into())
}

/// A whole number that fits `N` (`u8` scores, `u16` millimetres, `u32` keys and versions).
pub fn whole<N: TryFrom<u64>>(v: Value) -> Result<N, String> {
    v.as_u64()
        .and_then(|n| N::try_from(n).ok())
        .ok_or_else(|| format!("{v} is not a whole number in range"))
}

pub fn u8_(v: Value) -> Result<u8, String> {
    whole(v)
}

pub fn instant(v: Value) -> Result<Instant, String> {
    let text = string(v)?;
    Instant::parse_rfc3339(&text).ok_or_else(|| format!("not an RFC 3339 time: \"{text}\""))
}

/// A code of `T` (see `Code`).
pub fn code<T: Code>(v: Value) -> Result<T, String> {
    let text = string(v)?;
    from_code(&text).ok_or_else(|| format!("unknown value \"{text}\""))
}

/// A list of values of one kind.
pub fn list<T>(v: Value, kind: Kind<T>) -> Result<Vec<T>, String> {
    match v {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| kind(item).map_err(|e| format!("[{i}]: {e}")))
            .collect(),
        other => Err(format!("expected a list, found {}", other.kind())),
    }
}

/// The fields of one JSON object, taken out one by one.
pub struct Fields(Map);

impl Fields {
    pub fn of(v: Value) -> Result<Fields, String> {
        match v {
            Value::Object(map) => Ok(Fields(map)),
            other => Err(format!("expected an object, found {}", other.kind())),
        }
    }

    fn named<T>(key: &str, read: Result<T, String>) -> Result<T, String> {
        read.map_err(|e| format!("{key}: {e}"))
    }

    /// A field that must be there.
    pub fn need<T>(&mut self, key: &str, kind: Kind<T>) -> Result<T, String> {
        match self.0.remove(key) {
            Some(v) => Fields::named(key, kind(v)),
            None => Err(format!("missing field \"{key}\"")),
        }
    }

    /// A field that may be left out (then its default), but not `null` or of another type.
    pub fn or_default<T: Default>(&mut self, key: &str, kind: Kind<T>) -> Result<T, String> {
        match self.0.remove(key) {
            Some(v) => Fields::named(key, kind(v)),
            None => Ok(T::default()),
        }
    }

    /// A field that may be left out or `null` (`None`).
    pub fn option<T>(&mut self, key: &str, kind: Kind<T>) -> Result<Option<T>, String> {
        match self.0.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => Fields::named(key, kind(v)).map(Some),
        }
    }

    /// A list that may be left out (then empty).
    pub fn list<T>(&mut self, key: &str, kind: Kind<T>) -> Result<Vec<T>, String> {
        match self.0.remove(key) {
            Some(v) => Fields::named(key, list(v, kind)),
            None => Ok(Vec::new()),
        }
    }
}

impl Fields {
    /// The fields left once the known ones are taken: a newer version's, kept so that writing
    /// the record back does not drop them. Call it last.
    pub fn extra(self) -> Extra {
        match self.0.is_empty() {
            true => Extra(None),
            false => Extra(Some(Box::new(self.0))),
        }
    }

    /// Whether every field has been taken.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Reads a strict record (the content files): `read` takes its fields, and a field left
    /// over is an error, so a misspelt key cannot hide a text.
    pub fn strict<T>(
        v: Value,
        read: impl FnOnce(&mut Fields) -> Result<T, String>,
    ) -> Result<T, String> {
        let mut fields = Fields::of(v)?;
        let record = read(&mut fields)?;
        fields.done().map(|()| record)
    }

    /// Every field must have been taken.
    pub fn done(&self) -> Result<(), String> {
        match self.0.keys().next() {
            Some(extra) => Err(format!("unknown field \"{extra}\"")),
            None => Ok(()),
        }
    }
}

/// The fields of a stored record that this version does not know (added by a newer version),
/// in the order read, written back unchanged after the known ones. Known fields are always taken
/// first, so none of them is ever here. Empty (the normal case) it holds no allocation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extra(Option<Box<Map>>);

impl Extra {
    /// No unknown fields: a record made by this version.
    pub const NONE: Extra = Extra(None);

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

/// JSON text being written: `{`, then fields (`key` puts the commas), then `}`.
#[derive(Default)]
pub struct Out(pub String);

impl Out {
    pub fn with_capacity(bytes: usize) -> Out {
        Out(String::with_capacity(bytes))
    }

    fn comma(&mut self) {
        if !matches!(
            self.0.as_bytes().last(),
            None | Some(b'{' | b'[' | b':' | b',')
        ) {
            self.0.push(',');
        }
    }

    pub fn open(&mut self) {
        self.comma();
        self.0.push('{');
    }

    pub fn close(&mut self) {
        self.0.push('}');
    }

    /// Starts a field: its value is written next.
    pub fn key(&mut self, key: &str) {
        self.str(key);
        self.0.push(':');
    }

    /// A string, escaped as `serde_json` escapes it.
    pub fn str(&mut self, text: &str) {
        self.comma();
        self.0.push('"');
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            if b >= 0x20 && b != b'"' && b != b'\\' {
                continue;
            }
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                _ => "",
            };
            self.0.push_str(&text[start..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.0.push_str("\\u00");
                self.0.push(char::from(HEX[usize::from(b >> 4)]));
                self.0.push(char::from(HEX[usize::from(b & 0xf)]));
            } else {
                self.0.push_str(escape);
            }
            start = i + 1;
        }
        self.0.push_str(&text[start..]);
        self.0.push('"');
    }

    pub fn num(&mut self, mut n: u64) {
        self.comma();
        // Digits written by hand: `write!` goes through the formatting machinery, and a diary
        // writes thousands of numbers at every save.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        digits[at..]
            .iter()
            .for_each(|&d| self.0.push(char::from(d)));
    }

    /// Text that is already JSON (a number as it was read).
    pub fn raw(&mut self, json: &str) {
        self.comma();
        self.0.push_str(json);
    }

    pub fn bool(&mut self, b: bool) {
        self.comma();
        self.0.push_str(if b { "true" } else { "false" });
    }

    pub fn null(&mut self) {
        self.comma();
        self.0.push_str("null");
    }

    pub fn instant(&mut self, t: Instant) {
        let mut buf = [0; 20];
        match t.rfc3339_into(&mut buf) {
            // Digits, '-', ':', 'T' and 'Z': nothing to escape.
            Some(text) => {
                self.comma();
                self.0.push('"');
                self.0.push_str(text);
                self.0.push('"');
            }
            None => self.str(&t.to_rfc3339()),
        }
    }

    /// A list, each item written by `item`.
    pub fn list<T>(&mut self, items: &[T], item: impl Fn(&mut Out, &T)) {
        self.comma();
        self.0.push('[');
        for i in items {
            item(self, i);
        }
        self.0.push(']');
    }

    /// A list of codes.
    pub fn codes<'a, T: Code>(&mut self, items: impl IntoIterator<Item = &'a T>) {
        self.comma();
        self.0.push('[');
        for i in items {
            self.str(i.code());
        }
        self.0.push(']');
    }

    /// `"key":"text"`, left out when `text` is empty.
    pub fn text_field(&mut self, key: &str, text: &str) {
        if !text.is_empty() {
            self.key(key);
            self.str(text);
        }
    }

    /// `"key":true`, left out when false.
    pub fn flag(&mut self, key: &str, on: bool) {
        if on {
            self.key(key);
            self.bool(true);
        }
    }

    /// A record's unknown fields (see `Extra`), as read; last, before `close`.
    pub fn extra(&mut self, extra: &Extra) {
        for (key, value) in extra.0.iter().flat_map(|m| m.iter()) {
            self.key(key);
            value.write(self);
        }
    }

    /// `"key":n`, left out when `None`.
    pub fn num_field(&mut self, key: &str, n: Option<impl Into<u64>>) {
        if let Some(n) = n {
            self.key(key);
            self.num(n.into());
        }
    }
}

/// A record's text (for tests and exports).
pub fn to_text<T: Stored>(value: &T) -> String {
    let mut out = Out::default();
    value.write(&mut out);
    out.0
}

/// Reads a record from JSON text (for tests and exports).
pub fn from_text<T: Stored>(text: &str) -> Result<T, String> {
    T::read(parse(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_exactly_as_serde_json_escapes_them() {
        let every: String = (0u32..0x90)
            .chain([0x2028, 0x2029, 0xe9, 0x1fa79, 0xfeff])
            .filter_map(char::from_u32)
            .collect();
        let mut out = Out::default();
        out.str(&every);
        assert_eq!(out.0, serde_json::to_string(&every).unwrap());
        assert_eq!(serde_json::from_str::<String>(&out.0).unwrap(), every);
    }

    #[test]
    fn commas_go_between_fields_and_items_only() {
        let mut out = Out::default();
        out.open();
        out.key("a");
        out.list(&[1u64, 2, 3], |o, n| o.num(*n));
        out.key("b");
        out.open();
        out.close();
        out.key("c");
        out.list(&[(); 0], |o, _| o.null());
        out.close();
        assert_eq!(out.0, r#"{"a":[1,2,3],"b":{},"c":[]}"#);
    }

    #[test]
    fn numbers_must_be_whole_and_in_range() {
        let n = |text: &str| u8_(parse(text).unwrap());
        assert_eq!(n("0"), Ok(0));
        assert_eq!(n("255"), Ok(255));
        for bad in ["256", "-1", "2.5", "1e1", "\"3\"", "null", "true"] {
            assert!(n(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fields_follow_the_derive_rules() {
        let mut f = Fields::of(parse(r#"{"a": "x", "b": null, "c": 3}"#).unwrap()).unwrap();
        assert_eq!(f.need("a", string), Ok("x".to_string()));
        assert!(f.need("gone", string).unwrap_err().contains("missing"));
        assert_eq!(f.option("b", u8_), Ok(None));
        assert_eq!(f.option("nothing", u8_), Ok(None));
        assert_eq!(f.or_default("nothing", boolean), Ok(false));
        assert!(f.or_default("c", boolean).unwrap_err().starts_with("c: "));
        let mut f = Fields::of(parse(r#"{"b": null}"#).unwrap()).unwrap();
        assert!(f.or_default("b", string).is_err());
        assert!(Fields::of(parse("[]").unwrap()).is_err());
    }
}
