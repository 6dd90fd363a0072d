//! The widget's one JSON reader: text is parsed into a `Value` tree, which the `Fields` helpers
//! and the content loader read by hand. It replaces `serde_json` in the download: one small
//! recursive parser instead of a generic one instantiated per type.
//!
//! It follows RFC 8259 strictly (no comments, no trailing commas, no lone surrogates), as
//! `serde_json` did, and nests at most `MAX_DEPTH` deep so a hostile file cannot exhaust the
//! stack. Numbers keep the text they were written with, so a value read and written back is
//! unchanged; they are only turned into integers when a reader asks for one. Objects keep their
//! keys in the order written, and a repeated key keeps its last value (as before).

use std::fmt;
use std::ops::{Index, IndexMut};

use super::Out;

/// An object's members, in the order they were written or added. A list rather than a tree:
/// objects here have a few dozen keys at most, and a tree map of its own would add its code to
/// the download.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    pub fn new() -> Map {
        Map(Vec::new())
    }

    fn place(&self, key: &str) -> Option<usize> {
        self.0.iter().position(|(k, _)| k == key)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.place(key).map(|i| &self.0[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.place(key).map(|i| &mut self.0[i].1)
    }

    /// Sets a member; a key already there keeps its place and takes the new value (so of a
    /// key repeated in a file, the last value counts).
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.place(&key) {
            Some(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// The members of an object as a file wrote them; of a repeated key, the first place and
    /// the last value count (as with `insert`). Linear search for a few members; past that, an
    /// index: a hostile file with a hundred thousand keys in one object must not take minutes.
    #[inline(never)]
    fn of_members(members: Vec<(String, Value)>) -> Map {
        const FEW: usize = 16;
        let mut map = Map(Vec::with_capacity(members.len()));
        if members.len() <= FEW {
            for (key, value) in members {
                map.insert(key, value);
            }
            return map;
        }
        let mut index = std::collections::HashMap::<String, usize>::new();
        for (key, value) in members {
            match index.get(key.as_str()) {
                Some(&i) => map.0[i].1 = value,
                None => {
                    index.insert(key.clone(), map.0.len());
                    map.0.push((key, value));
                }
            }
        }
        map
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.place(key).map(|i| self.0.remove(i).1)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The member's slot, added as `null` when it is not there.
    fn slot(&mut self, key: &str) -> &mut Value {
        let i = match self.place(key) {
            Some(i) => i,
            None => {
                self.0.push((key.to_string(), Value::Null));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(items: I) -> Map {
        let mut map = Map::new();
        for (k, v) in items {
            map.insert(k, v);
        }
        map
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    /// A number as written, already checked against the JSON grammar.
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON number, kept as its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How deep arrays and objects may nest (`serde_json`'s limit too).
pub const MAX_DEPTH: u32 = 128;

static NULL: Value = Value::Null;

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A number written as a whole number from 0 up (`3`, not `3.0`, `-3` or `3e0`).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) if n.0.bytes().all(|b| b.is_ascii_digit()) => n.0.parse().ok(),
            _ => None,
        }
    }

    /// A number written as a whole number, maybe negative.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => {
                let digits = n.0.strip_prefix('-').unwrap_or(&n.0);
                match digits.bytes().all(|b| b.is_ascii_digit()) {
                    true => n.0.parse().ok(),
                    false => None,
                }
            }
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// An object's member.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|m| m.get(key))
    }

    /// What kind of value this is, in words for an error message.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "true or false",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }

    /// Appends the value as compact JSON text.
    pub fn write(&self, out: &mut Out) {
        match self {
            Value::Null => out.null(),
            Value::Bool(b) => out.bool(*b),
            Value::Number(n) => out.raw(&n.0),
            Value::String(s) => out.str(s),
            Value::Array(items) => out.list(items, |o, v| v.write(o)),
            Value::Object(map) => {
                out.open();
                for (k, v) in map.iter() {
                    out.key(k);
                    v.write(out);
                }
                out.close();
            }
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Out::default();
        self.write(&mut out);
        f.write_str(&out.0)
    }
}

/// `value["key"]`: the member, or `null` when there is none (or this is not an object).
impl Index<&str> for Value {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

/// `value["key"] = ...`: sets a member, turning `null` into an empty object first. Only the
/// exports' own building code writes this way; should it ever index a value that is not an
/// object, that value becomes one (where `serde_json` would panic).
impl IndexMut<&str> for Value {
    fn index_mut(&mut self, key: &str) -> &mut Value {
        if self.is_null() {
            *self = Value::Object(Map::new());
        }
        match self {
            Value::Object(map) => map.slot(key),
            other => {
                *other = Value::Object(Map::new());
                other.index_mut(key)
            }
        }
    }
}

/// `value[i]`: the item, or `null`.
impl Index<usize> for Value {
    type Output = Value;

    fn index(&self, i: usize) -> &Value {
        self.as_array().and_then(|a| a.get(i)).unwrap_or(&NULL)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        let mut out = Out::default();
        out.num(n);
        Value::Number(Number(out.0))
    }
}

impl From<u8> for Value {
    fn from(n: u8) -> Value {
        Value::from(u64::from(n))
    }
}

impl From<u16> for Value {
    fn from(n: u16) -> Value {
        Value::from(u64::from(n))
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::from(u64::from(n))
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Value {
        Value::Array(items)
    }
}

impl FromIterator<Value> for Value {
    fn from_iter<I: IntoIterator<Item = Value>>(items: I) -> Value {
        Value::Array(items.into_iter().collect())
    }
}

/// Parses JSON text; the error names what was wrong and where (line and column, from 1).
pub fn parse(text: &str) -> Result<Value, String> {
    let mut p = Parser {
        text,
        at: 0,
        depth: 0,
    };
    let value = p.value()?;
    p.space();
    match p.at == text.len() {
        true => Ok(value),
        false => p.fail("trailing characters"),
    }
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// An error at the current place.
    #[inline(never)]
    fn fail<T>(&self, what: &str) -> Result<T, String> {
        let before = &self.text.as_bytes()[..self.at.min(self.text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Err(format!("{what} at line {line} column {column}"))
    }

    fn value(&mut self) -> Result<Value, String> {
        self.space();
        match self.peek() {
            None => self.fail("the text ends where a value should be"),
            Some(b'{') => self.nested(Parser::object),
            Some(b'[') => self.nested(Parser::array),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => self.fail("expected a value"),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Value, String>) -> Result<Value, String> {
        if self.depth >= MAX_DEPTH {
            return self.fail("nested too deep");
        }
        self.depth += 1;
        self.at += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn object(&mut self) -> Result<Value, String> {
        let mut members = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(Map::new()));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return self.fail("expected a key in quotes");
            }
            let key = self.string()?;
            self.space();
            if self.peek() != Some(b':') {
                return self.fail("expected ':'");
            }
            self.at += 1;
            let value = self.value()?;
            members.push((key, value));
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(Map::of_members(members)));
                }
                _ => return self.fail("expected ',' or '}'"),
            }
        }
    }

    fn array(&mut self) -> Result<Value, String> {
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return self.fail("expected ',' or ']'"),
            }
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, String> {
        match self.text[self.at..].starts_with(word) {
            true => {
                self.at += word.len();
                Ok(value)
            }
            false => self.fail("expected a value"),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Value, String> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let whole_start = self.at;
        let whole = self.digits();
        if whole == 0 || (whole > 1 && self.text.as_bytes()[whole_start] == b'0') {
            return self.fail("not a valid number");
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return self.fail("not a valid number");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return self.fail("not a valid number");
            }
        }
        Ok(Value::Number(Number(self.text[start..self.at].to_string())))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or("");
        match (digits.len() == 4)
            .then(|| u32::from_str_radix(digits, 16).ok())
            .flatten()
        {
            Some(n) if digits.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.at += 4;
                Ok(n)
            }
            _ => self.fail("expected four hex digits"),
        }
    }

    /// A string; `at` is on its opening quote.
    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        let mut start = self.at;
        loop {
            match self.peek() {
                None => return self.fail("the text ends inside a string"),
                Some(b'"') => {
                    out.push_str(&self.text[start..self.at]);
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[start..self.at]);
                    self.at += 1;
                    let escaped = self.peek();
                    self.at += 1;
                    match escaped {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.at -= 1;
                            return self.fail("unknown escape");
                        }
                    }
                    start = self.at;
                }
                Some(0..=0x1f) => return self.fail("a control character inside a string"),
                Some(_) => self.at += 1,
            }
        }
    }

    /// `\uXXXX` (after the `u`), with a surrogate pair read as one character.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        let code = match first {
            0xd800..=0xdbff => {
                if !self.text[self.at..].starts_with("\\u") {
                    return self.fail("a lone surrogate");
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&second) {
                    return self.fail("a lone surrogate");
                }
                0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
            }
            0xdc00..=0xdfff => return self.fail("a lone surrogate"),
            n => n,
        };
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => self.fail("not a character"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same text through `serde_json`, for comparison.
    fn theirs(text: &str) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(text)
    }

    #[test]
    fn reads_what_serde_json_reads_and_writes_it_back_unchanged() {
        let samples = [
            "null",
            "true",
            " false ",
            "0",
            "12345678901234567890",
            r#""plain""#,
            r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83e\ude79 \u2028""#,
            "[]",
            "{}",
            r#"{"b":1,"a":[1,2,{"c":null}],"d":"x"}"#,
            "[[[[[]]]]]",
            "\n{ \"k\" :\t[ true , false ] }\r\n",
            r#"{"a":1,"a":2}"#,
            r#""ação 🩹""#,
        ];
        for text in samples {
            let ours = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            // The same value, written compactly as serde_json writes it (keys in the order read).
            assert_eq!(
                theirs(&ours.to_string()).unwrap(),
                theirs(text).unwrap(),
                "{text}"
            );
            let compact = theirs(text).unwrap().to_string();
            if !text.contains(' ') && !text.contains("\\u") && !text.contains(r#""a":1,"a""#) {
                assert_eq!(ours.to_string(), text, "{text}");
            }
            assert_eq!(
                parse(&compact).unwrap().to_string().len(),
                compact.len(),
                "{text}"
            );
        }
    }

    #[test]
    fn numbers_keep_their_text_and_read_as_integers_only_when_whole() {
        for (text, u, i) in [
            ("7", Some(7), Some(7)),
            ("-7", None, Some(-7)),
            // serde_json would write this back as `-0.0`; the text is kept as it was.
            ("-0", None, Some(0)),
            ("7.0", None, None),
            ("7e0", None, None),
            ("1.5E-3", None, None),
            ("18446744073709551615", Some(u64::MAX), None),
            ("18446744073709551616", None, None),
        ] {
            let v = parse(text).unwrap();
            assert_eq!(v.to_string(), text);
            assert_eq!(v.as_u64(), u, "{text}");
            assert_eq!(v.as_i64(), i, "{text}");
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        let bad = [
            "",
            " ",
            "nul",
            "True",
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "+1",
            "0x10",
            "NaN",
            "[1,]",
            "[1 2]",
            "{\"a\":1,}",
            "{a:1}",
            "{\"a\" 1}",
            "\"open",
            "\"tab\there\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\ud800""#,
            r#""\udc00x""#,
            r#""\ud800\u0041""#,
            "[] []",
            "// comment\n1",
            "'single'",
        ];
        for text in bad {
            assert!(parse(text).is_err(), "{text:?} was read");
            assert!(theirs(text).is_err(), "{text:?}: serde_json reads it");
        }
    }

    /// A repeated key keeps its first place and takes its last value, whatever the object's
    /// size (the reader indexes the keys of a large object rather than search them one by one).
    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_value_in_objects_of_any_size() {
        let mut seed = 11u32;
        for size in [0, 1, 2, 5, 16, 17, 40, 300] {
            let members: Vec<(String, Value)> = (0..size)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    let key = format!("k{}", (seed >> 16) % (size as u32 / 2 + 1));
                    (key, Value::Number(Number(i.to_string())))
                })
                .collect();
            let mut expected = Map::new();
            for (k, v) in members.clone() {
                expected.insert(k, v);
            }
            assert_eq!(Map::of_members(members.clone()), expected, "{size} members");
            // The same through the text.
            let text = format!(
                "{{{}}}",
                members
                    .iter()
                    .map(|(k, v)| format!("\"{k}\":{}", v.as_i64().unwrap_or(-1)))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            assert_eq!(parse(&text).unwrap(), Value::Object(expected), "{text}");
        }
        let v = parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(
            v.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(v["a"].as_i64(), Some(3));
    }

    #[test]
    fn errors_say_where() {
        let e = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert!(e.ends_with("at line 2 column 8"), "{e}");
        let e = parse("[1,\n2,\n]").unwrap_err();
        assert!(e.contains("line 3 column 1"), "{e}");
    }

    #[test]
    fn nesting_is_limited_without_running_out_of_stack() {
        let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(parse(&deep(MAX_DEPTH as usize)).is_ok());
        assert!(parse(&deep(MAX_DEPTH as usize + 1))
            .unwrap_err()
            .contains("too deep"));
        assert!(parse(&"[".repeat(1_000_000)).is_err());
    }

    #[test]
    fn index_reads_and_builds_like_serde_json() {
        let mut v = parse(r#"{"a":{"b":[10,20]}}"#).unwrap();
        assert_eq!(v["a"]["b"][1].as_u64(), Some(20));
        assert!(v["a"]["missing"][3].is_null());
        v["a"]["c"] = "x".into();
        v["new"]["deeper"] = true.into();
        assert_eq!(
            v.to_string(),
            r#"{"a":{"b":[10,20],"c":"x"},"new":{"deeper":true}}"#
        );
        let list: Value = [1u8, 2].into_iter().map(Value::from).collect();
        assert_eq!(list.to_string(), "[1,2]");
    }
}
