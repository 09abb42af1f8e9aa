//! Raw HTML blocks left open to the end of the document. A block that opens with
//! `<!--`, `<?`, `<![CDATA[`, `<!X` or `<script`/`<pre`/`<style`/`<textarea` runs until its
//! terminator, and without one, to the end of the text: a skeleton appended there would
//! be swallowed by it, and offered again on every run.

use crate::document::Document;

/// The openers of the blocks that run to a terminator, with that terminator (ASCII,
/// compared without case).
const KINDS: &[(&str, &str)] = &[
    ("<!--", "-->"),
    ("<?", "?>"),
    ("<![cdata[", "]]>"),
    ("<script", "</script>"),
    ("<pre", "</pre>"),
    ("<style", "</style>"),
    ("<textarea", "</textarea>"),
];

/// Whether a raw HTML block of the document opens and is never closed after.
pub(crate) fn open_html_block(doc: &Document) -> bool {
    let text = doc.text();
    // The last block of each kind is the one that can still be open: one pass over the
    // HTML spans, one search for its terminator.
    let mut last: Vec<Option<usize>> = vec![None; KINDS.len() + 1];
    for h in &doc.html {
        let start = h.span.start as usize;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        if !text[line_start..start]
            .trim_start_matches([' ', '>'])
            .is_empty()
        {
            continue; // inline HTML, not a block
        }
        // On bytes: twelve bytes may end inside a character.
        let head = text.as_bytes()[start..(start + 12).min(text.len())].to_ascii_lowercase();
        if let Some(k) = KINDS
            .iter()
            .position(|(open, _)| head.starts_with(open.as_bytes()))
        {
            last[k] = Some(start);
        } else if head.starts_with(b"<!") && head.get(2).is_some_and(u8::is_ascii_alphabetic) {
            last[KINDS.len()] = Some(start); // `<!DOCTYPE`, closed by `>`
        }
    }
    last.iter().enumerate().any(|(k, at)| {
        let Some(at) = *at else { return false };
        let rest = &text[at..];
        match KINDS.get(k) {
            Some((open, close)) => {
                !contains_ignoring_case(&rest[open.len().min(rest.len())..], close)
            }
            None => !rest.contains('>'),
        }
    })
}

fn contains_ignoring_case(hay: &str, needle: &str) -> bool {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::open_html_block;
    use crate::{Document, Profile, Source};

    fn open(text: &str) -> bool {
        open_html_block(&Document::parse(
            Source::new("t.md", text),
            Profile::guide(),
        ))
    }

    #[test]
    fn a_block_without_its_terminator_is_open() {
        assert!(open("# A\n\ntext\n\n<?\n"));
        assert!(open("# A\n\n<!-- a comment\n\nthat never ends\n"));
        assert!(open("# A\n\n<script>\nlet x = 1;\n"));
        assert!(open("# A\n\n<!DOCTYPE html\n"));
        assert!(open("<?\u{1920}🌀𒒀"));
    }

    #[test]
    fn closed_blocks_and_inline_html_are_not() {
        assert!(!open("# A\n\n<!-- a comment -->\n\ntext\n"));
        assert!(!open("# A\n\n<?php echo 1; ?>\n\ntext\n"));
        assert!(!open("# A\n\n<script>\nx\n</Script>\n"));
        assert!(!open("# A\n\ntext with <b>bold\n"));
        assert!(!open("# A\n\n<div>\n"));
    }
}
