//! Reading the components' source in the native tests that check a rule over all of them
//! (`view_lists.rs`, `effect_states.rs`).

/// The index just past the bracket that closes the one at `open` (`{` or `(`), skipping string
/// and char literals.
pub fn close_of(text: &[u8], open: usize) -> usize {
    let (o, c) = match text[open] {
        b'{' => (b'{', b'}'),
        b'(' => (b'(', b')'),
        other => panic!("not an opening bracket: {}", other as char),
    };
    let (mut depth, mut i) = (0_usize, open);
    while i < text.len() {
        match text[i] {
            b'"' => {
                i += 1;
                while text[i] != b'"' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' if text.get(i + 2) == Some(&b'\'') => i += 2,
            x if x == o => depth += 1,
            x if x == c => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    panic!("unbalanced brackets after byte {open}");
}
