//! A state that an effect sets as it runs is a `use_state_eq`.
//!
//! Yew's `use_state` renders its component again on every `set`, even to the value it already
//! holds (each set makes a new `Rc`). An effect runs after a render, and one that sets a state
//! nearly always sets what is already there: the walk-through's "the place could not be saved"
//! after every step, the diary's open step (nothing kept, nothing newer) after the first render.
//! With `use_state` each of those rendered the whole step, or the whole widget, a second time for
//! nothing. `use_state_eq` renders only when the value changed. Sets inside a closure or an
//! `async` block in the effect (a listener, a fetch) run later, on an event, and are not checked.
#![cfg(not(target_arch = "wasm32"))]

mod source;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use source::close_of;

/// `text` with every closure body and `async` block blanked out (same length, so byte offsets
/// still give line numbers).
fn without_nested_bodies(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            let before = text[..i].trim_end();
            if before.ends_with('|') || before.ends_with("async move") || before.ends_with("async")
            {
                let end = close_of(bytes, i);
                for b in &mut out[i..end] {
                    if *b != b'\n' {
                        *b = b' ';
                    }
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    String::from_utf8(out).expect("only ASCII was blanked")
}

/// The identifier an expression names, when it is `name`, `name.clone()` or `name.setter()`.
fn root_of(expr: &str) -> Option<&str> {
    let e = expr.trim();
    let name = e
        .strip_suffix(".clone()")
        .or_else(|| e.strip_suffix(".setter()"))
        .unwrap_or(e);
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        .then_some(name)
}

/// Splits `a, b(c, d), e` at its top-level commas.
fn top_level(list: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut from) = (Vec::new(), 0_i32, 0);
    for (i, ch) in list.char_indices() {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&list[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    if !list[from..].trim().is_empty() {
        parts.push(&list[from..]);
    }
    parts
}

/// Every name bound to a clone or setter of another (`let (a, b) = (x.clone(), y.setter());`,
/// `let a = x.clone();`), with the names it may stand for.
fn aliases(text: &str) -> HashMap<String, Vec<String>> {
    let bytes = text.as_bytes();
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("let ").map(|i| i + from) {
        from = at + 4;
        let rest = &text[from..];
        if rest.starts_with('(') {
            let names_end = close_of(bytes, from);
            let Some(eq) = text[names_end..].find('=').map(|i| i + names_end) else {
                continue;
            };
            let value = text[eq + 1..].trim_start();
            if !value.starts_with('(') {
                continue;
            }
            let open = text.len() - value.len();
            let values_end = close_of(bytes, open);
            let names = top_level(&text[from + 1..names_end - 1]);
            let values = top_level(&text[open + 1..values_end - 1]);
            for (n, v) in names.iter().zip(&values) {
                if let Some(r) = root_of(v) {
                    map.entry(n.trim().to_string())
                        .or_default()
                        .push(r.to_string());
                }
            }
        } else if let Some((name, value)) =
            rest.split_once(';').and_then(|(l, _)| l.split_once('='))
        {
            if let Some(r) = root_of(value) {
                let n = name.trim().trim_start_matches("mut ");
                map.entry(n.to_string()).or_default().push(r.to_string());
            }
        }
    }
    map
}

/// How `name` is declared, if it is a state: `let name = use_state...` or `let name = { ... }`
/// ending in one. `Some(true)` for `use_state_eq`.
fn state_is_eq(text: &str, name: &str) -> Option<bool> {
    let decl = format!("let {name} = ");
    let mut found = None;
    let mut from = 0;
    while let Some(at) = text[from..].find(&decl).map(|i| i + from) {
        from = at + decl.len();
        let rest = &text[from..];
        let first = |pat: &str| rest.find(pat).unwrap_or(usize::MAX);
        let (plain, eq, end) = (first("use_state("), first("use_state_eq("), first(";"));
        // The hook is called in the declaration itself, or in the block it is the value of.
        let block_end = if rest.starts_with('{') {
            close_of(text.as_bytes(), from) - from
        } else {
            end
        };
        if eq < block_end && eq <= plain {
            found = Some(found.unwrap_or(true));
        } else if plain < block_end {
            found = Some(false);
        }
    }
    found
}

/// The states an effect sets as it runs that are not `use_state_eq`: (line, name).
fn plain_states_set_in_effects(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let alias = aliases(text);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("use_effect").map(|i| i + from) {
        from = at + 1;
        let Some(open) = text[at..].find('{').map(|i| i + at) else {
            break;
        };
        // Not a call (`use_effect_with` named in a comment or an import): skip.
        let head = &text[at..open];
        if !head.contains('(') || !head.trim_end().ends_with('|') {
            continue;
        }
        let end = close_of(bytes, open);
        let body = without_nested_bodies(&text[open + 1..end - 1]);
        let mut i = 0;
        while let Some(set) = body[i..].find(".set(").map(|k| k + i) {
            i = set + 1;
            let name_start = body[..set]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |k| k + 1);
            let name = &body[name_start..set];
            let mut roots = vec![name.to_string()];
            roots.extend(alias.get(name).into_iter().flatten().cloned());
            if roots.iter().any(|r| state_is_eq(text, r) == Some(false)) {
                found.push((text[..open + 1 + set].lines().count(), name.to_string()));
            }
        }
    }
    found
}

#[test]
fn every_state_an_effect_sets_is_use_state_eq() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
    let mut problems = Vec::new();
    let mut files = 0;
    for entry in fs::read_dir(&dir).expect("src/components") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        files += 1;
        let text = fs::read_to_string(&path).expect("readable");
        for (line, name) in plain_states_set_in_effects(&text) {
            problems.push(format!(
                "{}:{line}: an effect sets `{name}`, a plain use_state: make it use_state_eq",
                path.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(files > 20, "the components were read ({files})");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_tells_plain_from_eq_and_skips_what_runs_later() {
    // The walk-through as it was: found, through the tuple that clones the handle.
    let plain = r#"
        let save_failed = use_state(|| None::<StoreError>);
        {
            let (save, save_failed) = (props.save.clone(), save_failed.clone());
            use_effect_with(step, move |step| {
                save_failed.set(save.emit(step.clone()));
            });
        }
    "#;
    assert_eq!(
        plain_states_set_in_effects(plain),
        vec![(6, "save_failed".to_string())]
    );
    // The same with use_state_eq, and a state declared in a block through a setter.
    let eq = plain.replace("use_state(", "use_state_eq(");
    assert!(plain_states_set_in_effects(&eq).is_empty());
    let through_setter = r#"
        let kept = {
            let store = props.store.clone();
            use_state(move || Rc::new(read(&store)))
        };
        {
            let set_kept = kept.setter();
            use_effect_with((), move |_| {
                set_kept.set(Rc::new(vec![]));
            });
        }
    "#;
    assert_eq!(plain_states_set_in_effects(through_setter).len(), 1);
    assert!(
        plain_states_set_in_effects(&through_setter.replace("use_state(", "use_state_eq("))
            .is_empty()
    );
    // A set in a listener or an async block inside the effect runs on an event: not checked.
    let later = r#"
        let notice = use_state(|| None::<Notice>);
        {
            let notice = notice.clone();
            use_effect_with((), move |_| {
                let listener = EventListener::new(&window, "storage", move |_| {
                    notice.set(Some(Notice::OtherTab));
                });
                spawn_local(async move {
                    notice.set(None);
                });
                move || drop(listener)
            });
        }
    "#;
    assert!(plain_states_set_in_effects(later).is_empty());
}
