//! Where an acronym is spelled out in capitalised words without parentheses ("we chose
//! Elastic Container Service … ECS"): the words of the prose, split once per document and
//! listed by initial, and the search for a run of them whose initials spell the acronym.

use crate::document::TextRun;
use crate::source::Span;
use std::borrow::Cow;
use std::ops::Range;

/// Small words an acronym usually skips ("Infrastructure as Code" → IaC).
const LINK_WORDS: &[&str] = &[
    "of", "and", "as", "for", "the", "to", "in", "on", "a", "an", "or", "&",
];

/// What a byte is to the word splitter: part of a word, a separator (ASCII spaces and
/// the punctuation that joins the words of an expansion), or the first byte of a
/// character that must be decoded to tell (Unicode spaces and curly double quotes all
/// start with one of these four bytes).
const WORD: u8 = 0;
const SEPARATOR: u8 = 1;
const DECODE: u8 = 2;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [WORD; 256];
    let seps = b" \t\n\x0b\x0c\r-/(),\"";
    let mut i = 0;
    while i < seps.len() {
        t[seps[i] as usize] = SEPARATOR;
        i += 1;
    }
    t[0xC2] = DECODE;
    t[0xE1] = DECODE;
    t[0xE2] = DECODE;
    t[0xE3] = DECODE;
    t
};

/// Whether the character at byte `i`, whose first byte is [`DECODE`], separates words;
/// and its length in bytes.
fn decode_at(text: &str, i: usize) -> (bool, usize) {
    let c = text[i..].chars().next().unwrap_or(' ');
    (c.is_whitespace() || matches!(c, '“' | '”'), c.len_utf8())
}

/// The words of a text with their byte offsets, split at spaces and at the punctuation
/// that joins the words of an expansion ("Galois/Counter Mode", "dead-letter"), from a
/// place where a word starts (or the text's start) to the text's end.
struct WordIter<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> WordIter<'a> {
    fn new(text: &'a str, at: usize) -> Self {
        WordIter { text, at }
    }
}

impl<'a> Iterator for WordIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = self.at;
        // Past the separators; a character to decode may be one.
        let start = loop {
            let Some(&b) = bytes.get(i) else {
                self.at = n;
                return None;
            };
            match BYTE_CLASS[b as usize] {
                SEPARATOR => i += 1,
                WORD => break i,
                _ => match decode_at(text, i) {
                    (true, len) => i += len,
                    (false, _) => break i,
                },
            }
        };
        // To the word's end: the bytes of a character that is not decoded are all word
        // bytes, like its first.
        while let Some(&b) = bytes.get(i) {
            match BYTE_CLASS[b as usize] {
                WORD => i += 1,
                SEPARATOR => break,
                _ => match decode_at(text, i) {
                    (true, _) => break,
                    (false, len) => i += len,
                },
            }
        }
        self.at = i;
        Some((start, &text[start..i]))
    }
}

/// Whether a word of `text` starts at byte `at`, which holds a word character: at the
/// text's start, or after a separator.
fn starts_word(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let Some(before) = at.checked_sub(1) else {
        return true;
    };
    if bytes[before] < 0x80 {
        return BYTE_CLASS[bytes[before] as usize] == SEPARATOR;
    }
    // The character before, decoded when its first byte says it may separate.
    let mut first = before;
    while bytes[first] & 0xC0 == 0x80 {
        first -= 1;
    }
    BYTE_CLASS[bytes[first] as usize] == DECODE && decode_at(text, first).0
}

/// The words of one text (see [`WordIter`]).
#[cfg(test)]
fn words_of(text: &str) -> Vec<(usize, &str)> {
    WordIter::new(text, 0).collect()
}

/// A word's initial as the expansion search compares it.
fn initial(w: &str) -> Option<char> {
    w.chars().next().map(|c| c.to_ascii_lowercase())
}

/// Where the words of the text runs start, by initial, found for an initial on its first
/// need: a document rarely has more than a few acronyms whose spelled-out form must be
/// searched, so the words that open with their letters are found (two bytes looked for
/// with `memchr`) instead of all the prose being split into words.
pub(super) struct Words<'a> {
    texts: Vec<&'a str>,
    /// (run, byte offset in its text) of the words with each ASCII initial, in
    /// document order; `None` until first asked for.
    starts: [Option<Vec<(u32, u32)>>; 26],
}

impl<'a> Words<'a> {
    pub(super) fn of(runs: &[&'a TextRun]) -> Words<'a> {
        Words {
            texts: runs.iter().map(|r| r.text.as_str()).collect(),
            starts: Default::default(),
        }
    }

    /// Byte range, in run `run`'s text, of the first spelled-out form of an acronym
    /// (see [`find_initials`]), trying the runs in order; `None` when there is none or
    /// the budget is spent.
    pub(super) fn find(
        &mut self,
        letters: &[char],
        acronym: &str,
        budget: &mut usize,
        mut place: impl FnMut(usize, Range<usize>) -> Option<Span>,
    ) -> Option<Span> {
        let first = letters[0].to_ascii_lowercase();
        let Words { texts, starts } = self;
        let starts = starts_of(texts, starts, first);
        for group in starts.chunk_by(|x, y| x.0 == y.0) {
            let run = group[0].0 as usize;
            let at = group.iter().map(|&(_, at)| at as usize);
            if let Some(range) = find_initials(texts[run], at, letters, acronym, budget) {
                if let Some(span) = place(run, range) {
                    return Some(span);
                }
            }
        }
        None
    }
}

/// (run, byte offset) of every word of `texts` whose initial is `first` (lower case), in
/// document order; for an ASCII letter, kept in `starts` for the next search.
fn starts_of<'s>(
    texts: &[&str],
    starts: &'s mut [Option<Vec<(u32, u32)>>; 26],
    first: char,
) -> Cow<'s, [(u32, u32)]> {
    if !first.is_ascii_lowercase() {
        // Not a letter an acronym is spelled with: read every word.
        let mut all = Vec::new();
        for (run, text) in texts.iter().enumerate() {
            all.extend(
                WordIter::new(text, 0)
                    .filter(|(_, w)| initial(w) == Some(first))
                    .map(|(at, _)| (run as u32, at as u32)),
            );
        }
        return Cow::Owned(all);
    }
    let slot = &mut starts[(first as u8 - b'a') as usize];
    Cow::Borrowed(slot.get_or_insert_with(|| {
        let (lower, upper) = (first as u8, first.to_ascii_uppercase() as u8);
        let mut found = Vec::new();
        for (run, text) in texts.iter().enumerate() {
            found.extend(
                memchr::memchr2_iter(lower, upper, text.as_bytes())
                    .filter(|&at| starts_word(text, at))
                    .map(|at| (run as u32, at as u32)),
            );
        }
        found
    }))
}

/// Byte range of the first run of words of `text` whose initials spell `letters`
/// ("Elastic Container Service" for ECS, "Galois/Counter Mode" for GCM), if any, trying
/// the runs that start at the words at byte offsets `starts`. Words must be
/// capitalised unless the acronym follows within a few words ("dead letter queue, or
/// DLQ"), so that ordinary phrases do not pass for an expansion.
fn find_initials(
    text: &str,
    starts: impl IntoIterator<Item = usize>,
    letters: &[char],
    acronym: &str,
    budget: &mut usize,
) -> Option<Range<usize>> {
    for at in starts {
        // A bounded number of attempts per document keeps this linear on hostile input.
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        if let Some(r) = initials_at(text, at, letters, acronym) {
            return Some(r);
        }
    }
    None
}

/// [`find_initials`] for a run starting at the word at byte `at`.
fn initials_at(text: &str, at: usize, letters: &[char], acronym: &str) -> Option<Range<usize>> {
    let mut words = WordIter::new(text, at);
    let (start, w) = words.next()?;
    if w == acronym || initial(w) != Some(letters[0].to_ascii_lowercase()) {
        return None;
    }
    // The word being read, the last one whose initial was a letter of the acronym, and
    // how many letters are spelled.
    let mut next = Some((start, w));
    let mut last = (start, w);
    let mut k = 0;
    let mut titled = true;
    while let Some((at, w)) = next {
        if k == letters.len() {
            break;
        }
        if initial(w) == Some(letters[k].to_ascii_lowercase()) && w != acronym {
            titled &= w.starts_with(|c: char| c.is_uppercase());
            k += 1;
            last = (at, w);
        } else if !(k > 0 && LINK_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w))) {
            break;
        }
        next = words.next();
    }
    if k < letters.len() {
        return None;
    }
    let near = next
        .into_iter()
        .chain(words)
        .take(3)
        .any(|w| w.1.trim_end_matches(['.', ':', ';']) == acronym);
    (titled || near).then(|| start..last.0 + last.1.len())
}

#[cfg(test)]
mod tests;
