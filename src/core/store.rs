//! A small storage trait of our own, so that the browser's localStorage and an in-memory store
//! (with injectable faults, for tests) are interchangeable.

use std::any::Any;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::hash::Hasher;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser does not let this page store anything (private modes, blocked storage).
    Blocked,
    /// The browser's storage for this site is full.
    QuotaExceeded,
    /// The stored diary was written by a newer version of the widget (e.g. in another tab);
    /// writing over it would lose what that version wrote.
    NewerVersion,
    /// The diary this tab last saw stored is gone, and this tab heard no deletion: "Delete all my
    /// data" in another window this tab has not heard of yet, or the page's own script clearing
    /// storage (which sends that page no event). Which one cannot be told, so nothing is written
    /// until the patient says: keep this tab's diary on the device, or let it go.
    Gone,
    /// Anything else the browser reported.
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Blocked => f.write_str("storage is blocked"),
            StoreError::QuotaExceeded => f.write_str("storage is full"),
            StoreError::NewerVersion => f.write_str("stored data is from a newer version"),
            StoreError::Gone => f.write_str("the stored diary is gone"),
            StoreError::Other(why) => write!(f, "storage failed: {why}"),
        }
    }
}

pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;

    /// The value at `key`, and a mark that stands for exactly that text (see `Mark`).
    fn get_marked(&self, key: &str) -> Result<Option<(String, Mark)>, StoreError> {
        Ok(self.get(key)?.map(|v| {
            let mark = Mark::of_text(&v);
            (v, mark)
        }))
    }

    /// Writes `value` at `key`, and returns a mark that stands for exactly the text written.
    fn set_marked(&self, key: &str, value: &str) -> Result<Mark, StoreError> {
        self.set(key, value)?;
        Ok(Mark::of_text(value))
    }

    /// Whether `key` still holds exactly the text `mark` stands for: false when it holds
    /// anything else or nothing. The browser's store answers without copying the text into Rust.
    fn holds(&self, key: &str, mark: &Mark) -> Result<bool, StoreError> {
        Ok(self.get(key)?.is_some_and(|v| mark.is_of_text(&v)))
    }
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// The name this store's own writes carry when the page is told of them (the browser's
    /// store tells other widgets on the page, see `platform::local_store`), so the widget that
    /// wrote can skip them; `None` for a store that tells no one.
    fn writer(&self) -> Option<&str> {
        None
    }
    /// Every key currently stored (this site's, not only ours).
    fn keys(&self) -> Result<Vec<String>, StoreError>;

    /// Copies a value to another key exactly as stored. Browsers may hold text that is not valid
    /// Unicode (a lone surrogate); their store copies it without reading it into Rust.
    fn copy(&self, from: &str, to: &str) -> Result<(), StoreError> {
        match self.get(from)? {
            Some(v) => self.set(to, &v),
            None => Ok(()),
        }
    }
}

/// Stands for one exact text that a store read or wrote, so that the store can tell later
/// whether a key still holds that text without handing it over (a ten-year diary is most of a
/// megabyte). Only the store that made a mark reads it: the browser's store keeps the
/// JavaScript string itself and compares strings; a store of Rust text keeps a `TextStamp`.
#[derive(Clone)]
pub struct Mark(Rc<dyn Any>);

impl Mark {
    pub fn new<T: Any>(value: T) -> Mark {
        Mark(Rc::new(value))
    }

    /// What the mark holds, if it is a `T` (a mark made by another kind of store is not).
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.0.downcast_ref()
    }

    pub fn of_text(text: &str) -> Mark {
        Mark::new(TextStamp::of(text))
    }

    fn is_of_text(&self, text: &str) -> bool {
        self.get::<TextStamp>() == Some(&TextStamp::of(text))
    }
}

impl fmt::Debug for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Mark")
    }
}

/// A text in brief: its length and a 64-bit hash of all of it. Two different texts of the same
/// length share a hash about once in 2^64 tries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TextStamp {
    len: usize,
    hash: u64,
}

impl TextStamp {
    fn of(text: &str) -> TextStamp {
        // SipHash with fixed keys: the same text gives the same stamp for the life of the tab.
        let mut hasher = std::hash::DefaultHasher::new();
        hasher.write(text.as_bytes());
        TextStamp {
            len: text.len(),
            hash: hasher.finish(),
        }
    }
}

/// Where this widget's data lives. Every key starts with the prefix and a namespace, so two
/// widgets (or two clinics) on one site never share or clobber data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys {
    namespace: String,
}

pub const KEY_PREFIX: &str = "calcinosis-guide";

impl Keys {
    pub fn new(namespace: &str) -> Keys {
        Keys {
            namespace: namespace.to_string(),
        }
    }

    fn key(&self, name: &str) -> String {
        format!("{KEY_PREFIX}.{}.{name}", self.namespace)
    }

    /// The walk-through's last visited step.
    pub fn walkthrough(&self) -> String {
        self.key("walkthrough")
    }

    /// The symptom diary.
    pub fn diary(&self) -> String {
        self.key("diary")
    }

    /// The patient's own settings (name for the summary, last backup).
    pub fn prefs(&self) -> String {
        self.key("prefs")
    }

    /// Unsaved work (an open check-in form, a question being typed), kept until saved or
    /// cancelled.
    pub fn drafts(&self) -> String {
        self.key("drafts")
    }

    /// Set for a moment by "Delete all my data", before anything is removed, and removed last:
    /// other tabs hear from it that everything is being deleted, whatever was stored. (The
    /// drafts' removal alone cannot tell them: a form cancelled in another tab removes it too.)
    pub fn deleting(&self) -> String {
        self.key("deleting")
    }

    /// Does this key belong to this widget's namespace?
    pub fn owns(&self, key: &str) -> bool {
        key.starts_with(&self.key(""))
    }

    /// Whether `store` holds nothing of this namespace (so too when its keys cannot be listed).
    pub fn none_in(&self, store: &dyn Store) -> bool {
        store
            .keys()
            .map_or(true, |all| !all.iter().any(|k| self.owns(k)))
    }
}

impl Default for Keys {
    fn default() -> Keys {
        Keys::new("default")
    }
}

/// An in-memory store for tests, able to act full or blocked.
#[derive(Debug, Default)]
pub struct MemoryStore {
    items: RefCell<BTreeMap<String, String>>,
    /// Total bytes (keys + values) the store may hold, like a browser quota.
    pub quota: Option<usize>,
    pub blocked: bool,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    pub fn with_quota(bytes: usize) -> MemoryStore {
        MemoryStore {
            quota: Some(bytes),
            ..MemoryStore::default()
        }
    }

    pub fn blocked() -> MemoryStore {
        MemoryStore {
            blocked: true,
            ..MemoryStore::default()
        }
    }

    fn used_without(&self, key: &str) -> usize {
        self.items
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.blocked {
            return Err(StoreError::Blocked);
        }
        Ok(self.items.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.blocked {
            return Err(StoreError::Blocked);
        }
        if let Some(quota) = self.quota {
            if self.used_without(key) + key.len() + value.len() > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.items
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        if self.blocked {
            return Err(StoreError::Blocked);
        }
        self.items.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.blocked {
            return Err(StoreError::Blocked);
        }
        Ok(self.items.borrow().keys().cloned().collect())
    }
}

/// The storage the widget writes to, shared by the views; compared by identity so it can be a
/// component prop.
#[derive(Clone)]
pub struct StoreHandle(pub std::rc::Rc<dyn Store>);

impl PartialEq for StoreHandle {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_gets_sets_and_removes() {
        let s = MemoryStore::new();
        assert_eq!(s.get("a"), Ok(None));
        s.set("a", "1").unwrap();
        assert_eq!(s.get("a"), Ok(Some("1".into())));
        assert_eq!(s.keys(), Ok(vec!["a".to_string()]));
        s.remove("a").unwrap();
        assert_eq!(s.get("a"), Ok(None));
    }

    #[test]
    fn a_full_store_refuses_the_write_and_keeps_the_old_value() {
        let s = MemoryStore::with_quota(10);
        s.set("k", "12345").unwrap();
        assert_eq!(s.set("k", "1234567890"), Err(StoreError::QuotaExceeded));
        assert_eq!(s.get("k"), Ok(Some("12345".into())));
        // Replacing a value counts only the new size.
        s.set("k", "123456789").unwrap();
    }

    #[test]
    fn nothing_of_a_namespace_is_left_when_no_key_of_it_is() {
        let (s, ours) = (MemoryStore::new(), Keys::new("clinic"));
        assert!(ours.none_in(&s));
        s.set(&Keys::new("other").diary(), "{}").unwrap();
        assert!(ours.none_in(&s), "another namespace's key is not ours");
        s.set(&ours.prefs(), "{}").unwrap();
        assert!(!ours.none_in(&s));
        assert!(
            ours.none_in(&MemoryStore::blocked()),
            "keys that cannot be listed"
        );
    }

    #[test]
    fn a_blocked_store_fails_every_call() {
        let s = MemoryStore::blocked();
        assert_eq!(s.get("a"), Err(StoreError::Blocked));
        assert_eq!(s.set("a", "1"), Err(StoreError::Blocked));
        assert_eq!(s.remove("a"), Err(StoreError::Blocked));
        assert_eq!(s.keys(), Err(StoreError::Blocked));
    }

    #[test]
    fn keys_are_namespaced() {
        let a = Keys::new("clinic-a");
        let b = Keys::new("clinic-b");
        assert_eq!(a.walkthrough(), "calcinosis-guide.clinic-a.walkthrough");
        assert_ne!(a.walkthrough(), b.walkthrough());
        assert!(a.owns(&a.walkthrough()));
        assert!(!a.owns(&b.walkthrough()));
        assert!(!a.owns("calcinosis-guide.clinic-a-other.walkthrough"));
    }
}
