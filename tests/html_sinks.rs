//! The widget never turns a string into HTML or code: no `innerHTML`, no raw HTML nodes, no
//! `eval`. A clinic page may enforce Trusted Types (`require-trusted-types-for 'script'`), which
//! refuses every such call with an error; e2e/embed.test.mjs runs every part under that policy,
//! and this check names the line that would break it, in the Rust and in the loader alike.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

/// Calls that build HTML or code from a string (Yew's raw HTML, the DOM's HTML setters, eval).
const SINKS: &[&str] = &[
    "from_html_unchecked",
    "VRaw",
    "inner_html",
    "outer_html",
    "insert_adjacent_html",
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    "createContextualFragment",
    "eval(",
    "new Function",
    "setTimeout('",
    "setTimeout(\"",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rs" | "js" | "html")
        ) {
            out.push(path);
        }
    }
}

/// `file:line: text` for each line of `text` that names a sink (comments included: a sink
/// mentioned in a comment is worth a look too, and none is there today).
fn sinks_in(name: &str, text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| SINKS.iter().any(|s| line.contains(s)))
        .map(|(i, line)| format!("{name}:{}: {}", i + 1, line.trim()))
        .collect()
}

#[test]
fn no_string_becomes_html_or_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    files(&root.join("src"), &mut all);
    files(&root.join("web"), &mut all);
    assert!(
        all.len() > 40,
        "the sources were found ({} files)",
        all.len()
    );
    let found: Vec<String> = all
        .iter()
        .flat_map(|path| {
            let name = path.strip_prefix(root).unwrap().display().to_string();
            sinks_in(&name, &fs::read_to_string(path).unwrap())
        })
        .collect();
    assert!(
        found.is_empty(),
        "HTML or code from a string:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_each_sink() {
    for sink in SINKS {
        let line = format!("    el.{sink}x");
        assert_eq!(sinks_in("f.rs", &line).len(), 1, "{sink}");
    }
    assert!(sinks_in("f.js", "el.textContent = text;\nel.append(node);").is_empty());
}
