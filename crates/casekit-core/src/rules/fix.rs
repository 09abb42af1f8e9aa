//! Fixes that cannot lose the author's words: a fix is a list of insertions and
//! nothing else. There is no way to build a fix that deletes or replaces text, so
//! applying any set of fixes keeps every byte of the original, in order.

use serde::Serialize;

/// Text to insert at a byte offset of the document (always a character boundary).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Insert {
    at: u32,
    text: String,
}

impl Insert {
    /// The byte offset the text goes in at.
    pub fn at(&self) -> u32 {
        self.at
    }
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// What a rule offers to do about a finding: a message and the insertions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub message: String,
    inserts: Vec<Insert>,
}

impl Fix {
    pub fn new(message: impl Into<String>) -> Fix {
        Fix {
            message: message.into(),
            inserts: Vec::new(),
        }
    }

    /// Adds an insertion into `source` at byte `at`. An offset past the end is moved to
    /// the end, and one inside a multibyte character back to where that character starts,
    /// so applying the fix never splits a character.
    pub fn insert(mut self, source: &str, at: usize, text: impl Into<String>) -> Fix {
        let mut at = at.min(source.len());
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        let text = text.into();
        if !text.is_empty() {
            self.inserts.push(Insert {
                at: at as u32,
                text,
            });
        }
        self
    }

    /// This fix with `other`'s insertions added after its own.
    pub fn and(mut self, other: Fix) -> Fix {
        self.inserts.extend(other.inserts);
        self
    }

    pub fn inserts(&self) -> &[Insert] {
        &self.inserts
    }

    pub fn is_empty(&self) -> bool {
        self.inserts.is_empty()
    }
}

/// Applies every insertion of `fixes` to `text`. Insertions are placed by offset. At one
/// offset, text that continues the line (a table cell) goes before text that opens new
/// lines (a block appended after that line); otherwise they keep the order of `fixes`
/// (and of each fix's own list), so the result depends on nothing but the arguments. An insertion whose offset is
/// not a character boundary of `text` (a fix computed for another text) is skipped.
pub fn apply_fixes(text: &str, fixes: &[Fix]) -> String {
    let mut inserts: Vec<&Insert> = fixes
        .iter()
        .flat_map(|f| f.inserts.iter())
        .filter(|i| text.is_char_boundary(i.at as usize))
        .collect();
    // A stable sort: ties stay in the order given.
    inserts.sort_by_key(|i| (i.at, i.text.starts_with(['\n', '\r'])));
    let extra: usize = inserts.iter().map(|i| i.text.len()).sum();
    let mut out = String::with_capacity(text.len() + extra);
    let mut from = 0usize;
    for i in inserts {
        let at = i.at as usize;
        out.push_str(&text[from..at]);
        out.push_str(&i.text);
        from = at;
    }
    out.push_str(&text[from..]);
    out
}

/// `at` if it starts a line, else the start of the next line (or the end of the text).
pub(crate) fn line_start_at_or_after(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    if at == 0 || text.as_bytes()[at - 1] == b'\n' {
        return at;
    }
    text[at..]
        .find('\n')
        .map(|i| at + i + 1)
        .unwrap_or(text.len())
}

/// The start of the line holding `at`.
pub(crate) fn line_start_before(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0)
}

/// `block` made ready to insert at line start `at` of `text`: a blank line before it
/// (unless the text already has one there) and after it (unless it goes at the end).
pub(crate) fn as_block(text: &str, at: usize, block: &str) -> String {
    let before = &text[..at];
    let mut content = String::with_capacity(block.len() + 4);
    if !before.is_empty() && !before.ends_with("\n\n") {
        content.push_str(if before.ends_with('\n') { "\n" } else { "\n\n" });
    }
    content.push_str(block.trim_end_matches('\n'));
    content.push('\n');
    if at < text.len() {
        content.push('\n');
    }
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_in_offset_order_and_keeps_ties_in_the_given_order() {
        let text = "ab\ncd\n";
        let fixes = [
            Fix::new("x").insert(text, 3, "2").insert(text, 0, "0"),
            Fix::new("y").insert(text, 3, "3").insert(text, 99, "end"),
        ];
        assert_eq!(apply_fixes(text, &fixes), "0ab\n23cd\nend");
    }

    #[test]
    fn at_one_offset_the_rest_of_a_line_goes_before_new_lines() {
        let text = "| a |\n";
        let fixes = [
            Fix::new("block").insert(text, 5, "\n\nB"),
            Fix::new("cell").insert(text, 5, " c |"),
        ];
        assert_eq!(apply_fixes(text, &fixes), "| a | c |\n\nB\n");
    }

    #[test]
    fn never_splits_a_character() {
        let text = "é😀x";
        // Offsets 1 and 3 are inside é and the emoji: moved back to their starts.
        let fix = Fix::new("m").insert(text, 1, "[").insert(text, 3, "]");
        assert_eq!(
            fix.inserts().iter().map(Insert::at).collect::<Vec<_>>(),
            [0, 2]
        );
        assert_eq!(apply_fixes(text, &[fix]), "[é]😀x");
    }

    #[test]
    fn skips_an_insertion_that_is_not_on_a_boundary_of_the_text_given() {
        let fix = Fix::new("m").insert("abc", 1, "!");
        assert_eq!(apply_fixes("éa", &[fix]), "éa");
    }

    #[test]
    fn blocks_get_blank_lines_around_them() {
        assert_eq!(as_block("a\n", 2, "B"), "\nB\n");
        assert_eq!(as_block("a\n\nc", 3, "B"), "B\n\n");
        assert_eq!(as_block("a", 1, "B\n"), "\n\nB\n");
        assert_eq!(as_block("", 0, "B"), "B\n");
    }
}
