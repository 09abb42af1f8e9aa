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
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_expansions_by_initials() {
        let l = |a: &str| a.chars().collect::<Vec<char>>();
        let find = |t: &str, a: &str| {
            let all = words_of(t).into_iter().map(|(at, _)| at);
            find_initials(t, all, &l(a), a, &mut 1000)
        };
        let t = "We chose Elastic Container Service for the workers.";
        assert_eq!(
            find(t, "ECS").map(|r| &t[r]),
            Some("Elastic Container Service")
        );
        let t = "Galois/Counter Mode protects the secrets.";
        assert_eq!(find(t, "GCM").map(|r| &t[r]), Some("Galois/Counter Mode"));
        let t = "every change counts stays lower case";
        assert_eq!(find(t, "ECS"), None);
        let t = "a dead letter queue, or DLQ, holds them";
        assert!(find(t, "DLQ").is_some());
        // An exhausted budget stops the search.
        let t = "We chose Elastic Container Service for the workers.";
        let all = words_of(t).into_iter().map(|(at, _)| at);
        assert_eq!(find_initials(t, all, &l("ECS"), "ECS", &mut 0), None);
    }

    /// The search as first written: every word of every run split and listed by
    /// initial up front.
    mod plain {
        use super::super::{decode_at, initial, BYTE_CLASS, DECODE, LINK_WORDS, SEPARATOR, WORD};
        use crate::document::TextRun;
        use crate::source::Span;
        use std::ops::Range;

        pub(super) fn push_words<'a>(text: &'a str, out: &mut Vec<(usize, &'a str)>) {
            let bytes = text.as_bytes();
            let n = bytes.len();
            let class = |i: usize| BYTE_CLASS[bytes[i] as usize];
            let mut i = 0;
            while i < n {
                // Past the separators; a character to decode may be one.
                match bytes[i..]
                    .iter()
                    .position(|&b| BYTE_CLASS[b as usize] != SEPARATOR)
                {
                    Some(k) => i += k,
                    None => return,
                }
                if class(i) == DECODE {
                    let (sep, len) = decode_at(text, i);
                    if sep {
                        i += len;
                        continue;
                    }
                }
                let start = i;
                // To the word's end: the bytes of a character that is not decoded are all word
                // bytes, like its first.
                loop {
                    match bytes[i..]
                        .iter()
                        .position(|&b| BYTE_CLASS[b as usize] != WORD)
                    {
                        Some(k) => i += k,
                        None => {
                            i = n;
                            break;
                        }
                    }
                    if class(i) == SEPARATOR {
                        break;
                    }
                    let (sep, len) = decode_at(text, i);
                    if sep {
                        break;
                    }
                    i += len;
                }
                out.push((start, &text[start..i]));
            }
        }

        /// The words of one text (see [`push_words`]).
        /// The index bucket of an initial: one per ASCII letter, and one for everything else.
        fn bucket_of(c: char) -> usize {
            if c.is_ascii_alphabetic() {
                (c.to_ascii_lowercase() as u8 - b'a') as usize
            } else {
                26
            }
        }

        /// The words of every text run, split once for the whole document, with the words of
        /// each initial listed in document order (a search for an expansion starts only there).
        pub(super) struct Words<'a> {
            /// Every word with its offset in its run, run after run.
            words: Vec<(usize, &'a str)>,
            /// Each run's words in `words`.
            runs: Vec<Range<usize>>,
            /// (run, word in that run) of every word, grouped by the bucket of its initial and in
            /// document order inside a bucket; bucket `b` is `order[bounds[b]..bounds[b + 1]]`.
            order: Vec<(u32, u32)>,
            bounds: [usize; 28],
        }

        impl<'a> Words<'a> {
            pub(super) fn of(runs: &[&'a TextRun]) -> Words<'a> {
                let mut words =
                    Vec::with_capacity(runs.iter().map(|r| r.text.len()).sum::<usize>() / 6);
                let mut spans = Vec::with_capacity(runs.len());
                for r in runs {
                    let start = words.len();
                    push_words(&r.text, &mut words);
                    spans.push(start..words.len());
                }
                // A counting sort by bucket keeps document order inside each bucket.
                // The bucket of a word's initial, from its first byte (an initial that is not
                // ASCII is not a letter an acronym is spelled with).
                let bucket = |w: &str| match w.as_bytes()[0] {
                    b if b.is_ascii_alphabetic() => ((b | 0x20) - b'a') as usize,
                    _ => 26,
                };
                let mut bounds = [0usize; 28];
                for (_, w) in &words {
                    bounds[bucket(w) + 1] += 1;
                }
                for b in 1..28 {
                    bounds[b] += bounds[b - 1];
                }
                let mut next = bounds;
                let mut order = vec![(0u32, 0u32); words.len()];
                for (ri, span) in spans.iter().enumerate() {
                    for (wi, (_, w)) in words[span.clone()].iter().enumerate() {
                        let b = bucket(w);
                        order[next[b]] = (ri as u32, wi as u32);
                        next[b] += 1;
                    }
                }
                Words {
                    words,
                    runs: spans,
                    order,
                    bounds,
                }
            }

            /// Byte range, in run `run`'s text, of the first spelled-out form of an acronym
            /// (see [`find_initials`]), trying the runs in order; `None` when there is none or
            /// the budget is spent.
            pub(super) fn find(
                &self,
                letters: &[char],
                acronym: &str,
                budget: &mut usize,
                mut place: impl FnMut(usize, Range<usize>) -> Option<Span>,
            ) -> Option<Span> {
                let first = letters[0].to_ascii_lowercase();
                let b = bucket_of(first);
                let bucket = &self.order[self.bounds[b]..self.bounds[b + 1]];
                for group in bucket.chunk_by(|x, y| x.0 == y.0) {
                    let run = group[0].0 as usize;
                    let words = &self.words[self.runs[run].clone()];
                    // The last bucket mixes initials: keep only the words that start with `first`.
                    let starts = group
                        .iter()
                        .map(|&(_, i)| i as usize)
                        .filter(|&i| b < 26 || initial(words[i].1) == Some(first));
                    if let Some(range) = find_initials(words, starts, letters, acronym, budget) {
                        if let Some(span) = place(run, range) {
                            return Some(span);
                        }
                    }
                }
                None
            }
        }

        /// Byte range of the first run of `words` whose initials spell `letters`
        /// ("Elastic Container Service" for ECS, "Galois/Counter Mode" for GCM), if any, trying
        /// the runs that start at `starts`. Words must be capitalised unless the acronym follows
        /// within a few words ("dead letter queue, or DLQ"), so that ordinary phrases do not
        /// pass for an expansion.
        fn find_initials(
            words: &[(usize, &str)],
            starts: impl IntoIterator<Item = usize>,
            letters: &[char],
            acronym: &str,
            budget: &mut usize,
        ) -> Option<Range<usize>> {
            for i in starts {
                // A bounded number of attempts per document keeps this linear on hostile input.
                if *budget == 0 {
                    return None;
                }
                *budget -= 1;
                if let Some(r) = initials_at(words, i, letters, acronym) {
                    return Some(r);
                }
            }
            None
        }

        /// [`find_initials`] for a run starting at word `i`.
        fn initials_at(
            words: &[(usize, &str)],
            i: usize,
            letters: &[char],
            acronym: &str,
        ) -> Option<std::ops::Range<usize>> {
            if words[i].1 == acronym || initial(words[i].1) != Some(letters[0].to_ascii_lowercase())
            {
                return None;
            }
            let (mut j, mut k) = (i, 0);
            let mut titled = true;
            while j < words.len() && k < letters.len() {
                let w = words[j].1;
                if initial(w) == Some(letters[k].to_ascii_lowercase()) && w != acronym {
                    titled &= w.starts_with(|c: char| c.is_uppercase());
                    k += 1;
                    j += 1;
                } else if k > 0 && LINK_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w)) {
                    j += 1;
                } else {
                    break;
                }
            }
            if k < letters.len() {
                return None;
            }
            let near = words[j..]
                .iter()
                .take(3)
                .any(|w| w.1.trim_end_matches(['.', ':', ';']) == acronym);
            if titled || near {
                let (last_start, last) = words[j - 1];
                return Some(words[i].0..last_start + last.len());
            }
            None
        }
    }

    /// Texts of up to 23 pieces drawn from `pieces`.
    fn texts_of(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(pieces), 0..24).prop_map(|p| p.concat())
    }

    const PIECES: &[&str] = &[
        "Elastic",
        "elastic",
        "Container",
        "container",
        "Service",
        "ECS",
        "ECS.",
        "ECSs",
        "of",
        "Of",
        "the",
        "and",
        "&",
        "e",
        "E",
        "C",
        "s",
        "x",
        " ",
        "  ",
        "-",
        "/",
        "(",
        ")",
        ",",
        "\"",
        "\n",
        "\u{a0}",
        "\u{2003}",
        "“",
        "”",
        "é",
        "É",
        "’",
        "\u{3000}",
        "ǅ",
        ".",
        ":",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]

        #[test]
        fn splits_words_as_before(t in texts_of(PIECES)) {
            let mut want = Vec::new();
            plain::push_words(&t, &mut want);
            prop_assert_eq!(words_of(&t), want);
        }

        #[test]
        fn finds_what_splitting_every_word_found(
            texts in prop::collection::vec(texts_of(PIECES), 1..5),
            acronyms in prop::collection::vec(
                prop::sample::select(&["ECS", "EC", "ECSs", "CS", "SE", "EOC", "É", "ÉC"][..]),
                1..4,
            ),
            budget in 0usize..40,
        ) {
            let runs: Vec<TextRun> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let mut r = TextRun::default();
                    r.push_src(t, i * 1000);
                    r
                })
                .collect();
            let refs: Vec<&TextRun> = runs.iter().collect();
            let old = plain::Words::of(&refs);
            let mut new = Words::of(&refs);
            let (mut b_old, mut b_new) = (budget, budget);
            for a in acronyms {
                let letters: Vec<char> = a.chars().filter(|c| c.is_alphabetic()).collect();
                // Every other run refuses a place, so the search goes on to the next.
                let place = |run: usize, range: Range<usize>| {
                    run.is_multiple_of(2).then(|| refs[run].span_of(range)).flatten()
                };
                let want = old.find(&letters, a, &mut b_old, place);
                let got = new.find(&letters, a, &mut b_new, place);
                prop_assert_eq!(got, want);
                prop_assert_eq!(b_new, b_old);
            }
        }
    }
}
