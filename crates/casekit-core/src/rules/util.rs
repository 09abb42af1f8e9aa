//! Small text helpers the rules share.

use crate::document::{Document, Section};
use crate::source::Span;

/// `s` in ASCII lower case, borrowed when it already is.
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        s.to_ascii_lowercase().into()
    } else {
        s.into()
    }
}

/// Byte ranges of lower-case `w` in lower-case `lower` on word boundaries.
fn word_matches<'a>(
    lower: &'a str,
    w: &'a str,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(start) = crate::search::find_at(lower, w, from) {
            let end = start + w.len();
            from = end;
            let before = lower[..start].chars().next_back();
            let after = lower[end..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
            if boundary(before) && boundary(after) {
                return Some(start..end);
            }
        }
        None
    })
}

/// Byte ranges of `word` in `text`, case-insensitive, on word boundaries.
pub fn find_word(text: &str, word: &str) -> Vec<std::ops::Range<usize>> {
    word_matches(&lower(text), &lower(word)).collect()
}

/// The first of `words` that [`find_word`] finds in `text`, lower-casing `text` once
/// rather than once per word.
pub fn first_word<'w>(text: &str, words: &'w [String]) -> Option<&'w String> {
    let text = lower(text);
    words
        .iter()
        .find(|w| word_matches(&text, &lower(w)).next().is_some())
}

/// The pairs of bytes that open a word in a lower-cased text, hashed into 256 bits: a
/// phrase matched on word boundaries starts where the byte before is not an ASCII
/// letter, digit or `_` (a non-ASCII byte counts as a possible boundary), so a phrase
/// whose first two bytes open no word there cannot match, and its search is skipped.
/// A check against many phrases then costs one pass over the text and a bit test each.
pub(crate) struct Openings([u64; 4]);

impl Openings {
    pub(crate) fn of(lower: &str) -> Openings {
        let b = lower.as_bytes();
        let mut bits = [0u64; 4];
        let mut open = true;
        for w in b.windows(2) {
            if open {
                let h = Openings::hash(w[0], w[1]);
                bits[h >> 6] |= 1 << (h & 63);
            }
            open = !(w[0].is_ascii_alphanumeric() || w[0] == b'_');
        }
        Openings(bits)
    }

    fn hash(a: u8, b: u8) -> usize {
        (usize::from(a) * 31 + usize::from(b)) & 255
    }

    /// Whether `phrase`, lower-cased as the searches lower-case it, may match on word
    /// boundaries. False only when it cannot: a phrase shorter than two bytes, or one
    /// whose first two bytes could change when lower-cased, is always searched.
    pub(crate) fn may_open(&self, phrase: &str) -> bool {
        match phrase.as_bytes() {
            [a, b, ..]
                if a.is_ascii()
                    && b.is_ascii()
                    && !a.is_ascii_uppercase()
                    && !b.is_ascii_uppercase() =>
            {
                let h = Openings::hash(*a, *b);
                self.0[h >> 6] & (1 << (h & 63)) != 0
            }
            _ => true,
        }
    }
}

/// A text lower-cased (ASCII) once, with its word openings, for checking many phrases
/// against it.
pub(crate) struct Lowered {
    pub(crate) lower: String,
    openings: Openings,
}

impl Lowered {
    pub(crate) fn of(text: &str) -> Lowered {
        let lower = text.to_ascii_lowercase();
        let openings = Openings::of(&lower);
        Lowered { lower, openings }
    }

    /// [`Openings::may_open`] for this text.
    pub(crate) fn may_open(&self, phrase: &str) -> bool {
        self.openings.may_open(phrase)
    }
}

pub fn has_word(text: &str, word: &str) -> bool {
    word_matches(&lower(text), &lower(word)).next().is_some()
}

pub fn has_any_word(text: &str, words: &[&str]) -> bool {
    let text = lower(text);
    words
        .iter()
        .any(|w| word_matches(&text, &lower(w)).next().is_some())
}

/// The best-matched section for a profile id.
pub fn section<'a>(doc: &'a Document, id: &str) -> Option<&'a Section> {
    doc.sections
        .iter()
        .filter(|s| s.guide.as_deref() == Some(id))
        .max_by_key(|s| (s.score, std::cmp::Reverse(s.span.start)))
}

/// The spans of every section matched to `id` (a document may split one across headings).
pub fn section_spans(doc: &Document, id: &str) -> Vec<Span> {
    doc.sections_for(id).map(|s| s.span).collect()
}

/// Whether `span` falls inside any of `spans`.
pub fn inside(spans: &[Span], span: Span) -> bool {
    spans.iter().any(|s| s.contains(span))
}

/// Where the opening of a document ends: the end of its overview section when it has
/// one, else the start of the first section matched to the guide, else the end.
pub fn lead_span(doc: &Document) -> Span {
    if let Some(s) = section(doc, "overview") {
        return Span {
            start: 0,
            end: s.span.end,
        };
    }
    let first = doc
        .sections
        .iter()
        .find(|s| s.guide.is_some())
        .map(|s| s.span.start)
        .unwrap_or(doc.text().len() as u32);
    Span {
        start: 0,
        end: first,
    }
}

/// Where to report something missing from a section: its heading, or the document anchor.
pub fn section_anchor(doc: &Document, id: &str) -> Span {
    section(doc, id)
        .map(|s| s.heading)
        .unwrap_or_else(|| doc.anchor())
}

/// Normalises a table header cell: lower case, letters and spaces only.
pub fn header_key(s: &str) -> String {
    crate::document::normalize_heading(s)
}

/// Index of the first column whose header means one of `keys` (compared after
/// normalising: "Why We Chose It" → "why we chose it"). A key matches the whole header,
/// or its first or last words ("why" matches "why this choice").
pub fn column(table: &crate::document::Table, keys: &[&str]) -> Option<usize> {
    let headers: Vec<String> = table
        .header
        .iter()
        .map(|c| header_key(&c.text.text))
        .collect();
    // Exact matches first, so "reason" beats a looser match elsewhere.
    for exact in [true, false] {
        for (i, h) in headers.iter().enumerate() {
            let hit = keys.iter().any(|k| {
                if exact {
                    h == k
                } else {
                    h.starts_with(&format!("{k} "))
                        || h.ends_with(&format!(" {k}"))
                        || h.contains(&format!(" {k} "))
                }
            });
            if hit {
                return Some(i);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The openings filter only ever skips phrases the word search would not find.
        #[test]
        fn openings_never_skip_a_match(
            text in "[a-cA-C_ .é1-]{0,40}",
            phrase in "[a-cA-C_ .é1-]{1,4}",
        ) {
            let lowered = lower(&text);
            let phrase = lower(&phrase);
            if !Openings::of(&lowered).may_open(&phrase) {
                prop_assert!(find_word(&text, &phrase).is_empty());
            }
        }
    }
}
