//! The line printed at the foot of every page of the summary: its title, the patient's name and
//! "page 2 of 3". Page 1 names the patient in its heading; a page 2 (many lumps, a long list of
//! medicines) must too, so a clinician can never take it for someone else's, or miss that a page
//! is missing. It is a value for CSS `content` in a page margin box: quoted text around the
//! browser's own page counters, which only it knows.

/// The `content` value for the foot of each page. `page_of` is the language's "page {n} of
/// {total}"; `name` may be empty (no name given).
pub fn page_foot(title: &str, name: &str, page_of: &str) -> String {
    let mut lead = title.trim().to_string();
    if !name.trim().is_empty() {
        lead.push_str(" \u{b7} ");
        lead.push_str(name.trim());
    }
    lead.push_str(" \u{b7} ");
    let mut out = String::new();
    let mut text = lead;
    let mut rest = page_of;
    loop {
        let next = [("{n}", "page"), ("{total}", "pages")]
            .into_iter()
            .filter_map(|(mark, counter)| rest.find(mark).map(|at| (at, mark, counter)))
            .min_by_key(|&(at, ..)| at);
        let Some((at, mark, counter)) = next else {
            text.push_str(rest);
            break;
        };
        text.push_str(&rest[..at]);
        push_string(&mut out, &text);
        text.clear();
        out.push_str(" counter(");
        out.push_str(counter);
        out.push_str(") ");
        rest = &rest[at + mark.len()..];
    }
    push_string(&mut out, &text);
    out.trim().to_string()
}

/// `text` as a CSS string: quoted, with quotes and backslashes escaped and control characters as
/// spaces, so whatever a name holds it stays text (an invalid value would print no foot at all).
fn push_string(out: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            // A line break or tab in a stored name prints as a space, as the heading shows it.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE: &str = "Calcinosis symptom summary";

    #[test]
    fn names_the_patient_and_counts_the_pages() {
        assert_eq!(
            page_foot(TITLE, " Ana Sousa ", "page {n} of {total}"),
            "\"Calcinosis symptom summary \u{b7} Ana Sousa \u{b7} page \" counter(page) \" of \" counter(pages)"
        );
    }

    #[test]
    fn without_a_name_the_title_and_the_page() {
        assert_eq!(
            page_foot(TITLE, "  ", "page {n} of {total}"),
            "\"Calcinosis symptom summary \u{b7} page \" counter(page) \" of \" counter(pages)"
        );
    }

    #[test]
    fn any_order_of_the_counters_and_text_after_them() {
        assert_eq!(
            page_foot("T", "", "{total} pages, this is {n}."),
            "\"T \u{b7} \" counter(pages) \" pages, this is \" counter(page) \".\""
        );
    }

    #[test]
    fn a_name_stays_text_whatever_it_holds() {
        let foot = page_foot(
            TITLE,
            "Ana \"Nita\" \\ Sousa\n); } *{",
            "page {n} of {total}",
        );
        assert_eq!(
            foot,
            "\"Calcinosis symptom summary \u{b7} Ana \\\"Nita\\\" \\\\ Sousa ); } *{ \u{b7} page \" counter(page) \" of \" counter(pages)"
        );
        // Outside the quotes there are only the two counters.
        let mut outside = String::new();
        let (mut quoted, mut escaped) = (false, false);
        for c in foot.chars() {
            match (quoted, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (_, false, '"') => quoted = !quoted,
                (false, _, c) => outside.push(c),
                _ => {}
            }
        }
        assert_eq!(
            outside.split_whitespace().collect::<Vec<_>>(),
            ["counter(page)", "counter(pages)"]
        );
    }
}
