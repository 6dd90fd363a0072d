//! Every list a view builds with `{ for ... }` is the only child of its element or fragment.
//!
//! Yew flattens such a list into its parent's children and pairs unkeyed children from the end,
//! so a list that grows or shrinks among other children pairs every node before it with another
//! one and builds it anew: a step's title (and its focus), a lesion's open body map, a notice
//! read out again. Keys inside the list do not help once the parent holds other children (the
//! parent is no longer fully keyed). A list alone in an element or in `<>...</>` keeps its
//! neighbours where they are. e2e/patching.test.mjs checks what a patient sees.
#![cfg(not(target_arch = "wasm32"))]

mod source;

use std::fs;
use std::path::Path;

use source::close_of;

/// Whether `before` ends with an opening tag (`<name ...>`, not `</name>` or `<name />`) or `<>`,
/// or is the start of an `html!` body.
fn opens_parent(before: &str) -> bool {
    let b = before.trim_end();
    if b.ends_with("html! {") || b.ends_with("<>") {
        return true;
    }
    if !b.ends_with('>') || b.ends_with("/>") {
        return false;
    }
    // Back to the `<` that starts this tag, skipping attribute values in braces.
    let bytes = b.as_bytes();
    let mut depth = 0_i32;
    for i in (0..bytes.len()).rev() {
        match bytes[i] {
            b'}' => depth += 1,
            b'{' => depth -= 1,
            b'<' if depth == 0 => return bytes.get(i + 1) != Some(&b'/'),
            _ => {}
        }
    }
    false
}

/// The `{ for ... }` lists in `text` that share their parent with other children, as line numbers.
fn lists_with_neighbours(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("{ for ").map(|i| i + from) {
        let end = close_of(bytes, at);
        let after = text[end..].trim_start();
        let closes_parent = after.starts_with("</") || after.starts_with('}');
        if !(opens_parent(&text[..at]) && closes_parent) {
            found.push(text[..at].lines().count());
        }
        from = at + 1;
    }
    found
}

#[test]
fn every_view_list_is_alone_in_its_parent() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            checked += text.matches("{ for ").count();
            for line in lists_with_neighbours(&text) {
                wrong.push(format!(
                    "{}:{line}",
                    path.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(
        checked > 30,
        "found only {checked} lists: is src/components still where they are?"
    );
    assert!(
        wrong.is_empty(),
        "wrap these lists in <>...</> (or give them an element of their own): {wrong:?}"
    );
}

#[test]
fn the_check_tells_a_list_alone_from_one_with_neighbours() {
    let alone = [
        "html! { <ul class=\"a\" aria-label={x.y()}>{ for items }</ul> }",
        "html! { <>{ runs }<>{ for notes }</></> }",
        "let runs = html! { { for runs } };",
        "html! { <p>{ for parts.iter().map(|p| html! { <b>{ \"}\" }</b> }) }</p> }",
    ];
    for text in alone {
        assert_eq!(lists_with_neighbours(text), Vec::<usize>::new(), "{text}");
    }
    let shared = [
        "html! { <div><h3>{ t }</h3>\n{ for blocks }</div> }",
        "html! { <div>{ for blocks }<footer /></div> }",
        "html! { <ul>{ for a }{ for b }</ul> }",
        "html! { <fieldset><legend>{ l }</legend>\nif x { <p /> }\n{ for lesions }\n<button /></fieldset> }",
    ];
    for text in shared {
        assert!(!lists_with_neighbours(text).is_empty(), "{text}");
    }
}
