//! Prose measures shared by rules and the rubric: sentences, words, syllables and
//! numbers with units, built lazily, once, from the text blocks; and the uses of
//! acronyms, found only when asked for.

mod quantities_and_acronyms;
mod words;

pub use quantities_and_acronyms::*;
pub use words::*;

use super::Document;
use crate::source::Span;

#[derive(Clone, Debug)]
pub struct Sentence {
    pub span: Span,
    pub text: String,
    pub words: u32,
    pub syllables: u32,
}

/// A number with a unit or a percentile: `200ms`, `p95`, `10K`, `99.9%`, `3 months`, `$120M`.
#[derive(Clone, Debug)]
pub struct Quantity {
    pub span: Span,
    pub text: String,
}

/// One use of an acronym in prose ([`Document::acronym_uses`]).
#[derive(Clone, Debug)]
pub struct AcronymUse {
    pub span: Span,
    pub text: String,
    /// Expanded at this use: `(ABC)` after the words, or `ABC (the words)`.
    pub expanded: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Prose {
    /// Sentences of paragraphs and list items, in document order.
    pub sentences: Vec<Sentence>,
    /// Quantities in every text block (headings and table cells too), in document order.
    pub quantities: Vec<Quantity>,
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "dr", "st", "approx", "fig", "no", "cf", "al", "inc",
    "ltd", "jr", "sr",
];

/// The length of the longest of [`ABBREVIATIONS`]: a longer word is none of them.
const LONGEST_ABBREVIATION: usize = {
    let (mut i, mut n) = (0, 0);
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > n {
            n = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    n
};

impl Prose {
    pub fn build(doc: &Document) -> Prose {
        let mut p = Prose::default();
        // A block holds a sentence or more: start with room for that many.
        p.sentences
            .reserve(doc.paragraphs.len() + doc.list_items.len());
        let cells = doc
            .tables
            .iter()
            .flat_map(|t| t.header.iter().chain(t.rows.iter().flatten()));
        let blocks = (doc.paragraphs.iter().map(|b| (&b.text, true)))
            .chain(doc.list_items.iter().map(|b| (&b.text, true)))
            .chain(doc.headings.iter().map(|b| (&b.text, false)))
            .chain(cells.map(|c| (&c.text, false)));
        let mut ranges = Vec::new();
        for (run, is_prose) in blocks {
            for r in quantity_ranges(&run.text) {
                if let Some(span) = run.span_of(r.clone()) {
                    p.quantities.push(Quantity {
                        span,
                        text: run.text[r].to_string(),
                    });
                }
            }
            if !is_prose {
                continue;
            }
            ranges.clear();
            split_sentences_into(&run.text, &mut ranges);
            for r in ranges.drain(..) {
                let s = &run.text[r.clone()];
                let (words, syllables) = count_words(s);
                if words == 0 {
                    continue;
                }
                if let Some(span) = run.span_of(r) {
                    p.sentences.push(Sentence {
                        span,
                        text: s.to_string(),
                        words,
                        syllables,
                    });
                }
            }
        }
        p.sentences.sort_by_key(|s| s.span.start);
        p.quantities.sort_by_key(|s| s.span.start);
        p
    }

    /// Every use of an acronym in paragraphs and list items, in document order. No rule
    /// reads these (the acronym measures read more than this), so they are found only
    /// when asked for ([`Document::acronym_uses`]).
    pub(crate) fn acronym_uses(doc: &Document) -> Vec<AcronymUse> {
        let mut uses = Vec::new();
        let blocks =
            (doc.paragraphs.iter().map(|b| &b.text)).chain(doc.list_items.iter().map(|b| &b.text));
        for run in blocks {
            let bytes = run.text.as_bytes();
            // Only blocks with two capitals side by side are searched (a block whose only
            // acronym is written `A1B` has always been passed over here).
            let mut found = CapsRuns::new(bytes).peekable();
            if found.peek().is_none() || !has_caps_pair(bytes) {
                continue;
            }
            for r in found {
                if r.len() > 8 {
                    continue;
                }
                let before = run.text[..r.start].trim_end();
                let after = run.text[r.end..].trim_start();
                let expanded = before.ends_with('(') || after.starts_with('(');
                if let Some(span) = run.span_of(r.clone()) {
                    uses.push(AcronymUse {
                        span,
                        text: run.text[r].to_string(),
                        expanded,
                    });
                }
            }
        }
        uses.sort_by_key(|s| s.span.start);
        uses
    }

    /// Sentences inside a span (a section).
    pub fn sentences_in(&self, span: Span) -> &[Sentence] {
        let a = self
            .sentences
            .partition_point(|s| s.span.start < span.start);
        let b = self.sentences.partition_point(|s| s.span.start < span.end);
        &self.sentences[a..b.max(a)]
    }

    pub fn quantities_in(&self, span: Span) -> &[Quantity] {
        let a = self
            .quantities
            .partition_point(|s| s.span.start < span.start);
        let b = self.quantities.partition_point(|s| s.span.start < span.end);
        &self.quantities[a..b.max(a)]
    }

    pub fn words_in(&self, span: Span) -> u32 {
        self.sentences_in(span).iter().map(|s| s.words).sum()
    }

    /// Flesch reading ease of the sentences in a span; `None` with too little text.
    pub fn reading_ease(&self, span: Span) -> Option<f64> {
        reading_ease_of(self.sentences_in(span))
    }
}

/// Flesch reading ease of any set of sentences (a section split across headings);
/// `None` with too little text (under 3 sentences or 60 words).
pub fn reading_ease_of<'a>(sentences: impl IntoIterator<Item = &'a Sentence>) -> Option<f64> {
    let (mut n, mut words, mut syl) = (0u32, 0u32, 0u32);
    for s in sentences {
        n += 1;
        words += s.words;
        syl += s.syllables;
    }
    if n < 3 || words < 60 {
        return None;
    }
    Some(206.835 - 1.015 * (words as f64 / n as f64) - 84.6 * (syl as f64 / words as f64))
}

/// Byte ranges of the sentences of a text.
pub fn split_sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    split_sentences_into(text, &mut out);
    out
}

/// [`split_sentences`] into a buffer the caller reuses.
fn split_sentences_into(text: &str, out: &mut Vec<std::ops::Range<usize>>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Only sentence ends matter, so jump from one to the next.
    while let Some(o) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        i += o;
        let c = bytes[i];
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b')' | b'\'') {
            j += 1;
        }
        let at_end = j >= bytes.len();
        let next_is_space = !at_end && bytes[j].is_ascii_whitespace();
        if at_end || next_is_space {
            let mut k = j;
            while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                k += 1;
            }
            let next_starts = at_end
                || text[k..].chars().next().is_some_and(|ch| {
                    ch.is_uppercase() || ch.is_ascii_digit() || matches!(ch, '"' | '“' | '(' | '[')
                });
            // The abbreviations are lower-case ASCII.
            let abbrev = || {
                c == b'.' && {
                    let word_before = last_word(&text[start..i]);
                    (word_before.len() <= LONGEST_ABBREVIATION
                        && ABBREVIATIONS
                            .iter()
                            .any(|a| a.eq_ignore_ascii_case(word_before)))
                        || (word_before.len() == 1
                            && word_before.as_bytes()[0].is_ascii_alphabetic())
                }
            };
            if next_starts && !abbrev() {
                push_trimmed(text, start, j, out);
                start = k;
                i = k;
                continue;
            }
        }
        i = j;
    }
    push_trimmed(text, start, text.len(), out);
}

/// Whether an ASCII byte is white space to `char::is_whitespace` (which, unlike
/// `u8::is_ascii_whitespace`, counts the vertical tab).
fn is_space_char(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// What follows the last white space or `(` of a text, as
/// `rsplit(|c| c.is_whitespace() || c == '(').next()` gives it, read back byte by byte
/// while the text is ASCII.
fn last_word(seg: &str) -> &str {
    let b = seg.as_bytes();
    let mut p = b.len();
    while p > 0 {
        let x = b[p - 1];
        if x >= 0x80 {
            return seg
                .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                .next()
                .unwrap_or("");
        }
        if x == b'(' || is_space_char(x) {
            break;
        }
        p -= 1;
    }
    &seg[p..]
}

/// Pushes `start..end` without the white space around it, unless nothing else is left.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<std::ops::Range<usize>>) {
    let s = &text[start..end];
    let b = s.as_bytes();
    // A sentence usually starts and ends on ASCII that is not white space: then there is
    // nothing to trim.
    let plain = |x: Option<&u8>| x.is_some_and(|&x| x < 0x80 && !is_space_char(x));
    if plain(b.first()) && plain(b.last()) {
        out.push(start..end);
        return;
    }
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(start + lead..end - trail);
    }
}

#[cfg(test)]
mod tests;
