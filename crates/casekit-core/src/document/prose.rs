//! Prose measures shared by rules and the rubric: sentences, words, syllables and
//! numbers with units, built lazily, once, from the text blocks; and the uses of
//! acronyms, found only when asked for.

use super::Document;
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

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

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?:[$€£]\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn|b|million|billion|thousand)?(?-u:\b))
        |(?:(?-u:\b)p(?:50|75|90|95|99|999)(?-u:\b))
        |(?:(?-u:\b)\d[\d,]*(?:\.\d+)?\s?(?:%|percent(?-u:\b)|x(?-u:\b)|×))
        |(?:(?-u:\b)\d[\d,]*(?:\.\d+)?(?:\s?|-)(?:ms|µs|us|ns|s|secs?|seconds?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|yrs?
            |kb|mb|gb|tb|kib|mib|gib|k|m|b|bn|rps|qps|rpm|req/s|req/min|requests?|users?|rows?|records?|events?|messages?
            |connections?|nodes?|servers?|instances?|lines?|tests?|files?|people|persons?|engineers?|developers?|members?
            |vcpus?|cores?|mbps|gbps|kbps|fps|hz|points?|stars?|downloads?|sellers?|buyers?|orders?|products?|customers?
            |clients?|queries|query|calls?|jobs?|tasks?|pages?|images?|documents?|chunks?|tokens?|errors?|bugs?|issues?
            |commits?|services?|containers?|pods?|regions?|zones?|sites?|warehouses?|vendors?|students?|teams?|sprints?)(?-u:\b))
        ",
    )
    .expect("quantity pattern")
});

/// The acronym pattern, `(?-u:\b)[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?(?-u:\b)`, matched by
/// hand: it runs over every block of prose, and a byte loop costs a fraction of a regex
/// search. The tests hold it to the pattern.
#[cfg(test)]
const ACRONYM_PATTERN: &str = r"(?-u:\b)[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?(?-u:\b)";

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

/// What a byte is to the word counter: 0 neither letter nor digit, 1 a digit or part of
/// a non-ASCII character (content, but no syllable), 2 a consonant, 3 a vowel, 4 ASCII
/// white space (between words).
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = (b as u8).to_ascii_lowercase();
        t[b] = if b >= 0x80 || c.is_ascii_digit() {
            1
        } else if matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
            3
        } else if c.is_ascii_lowercase() {
            2
        } else if c.is_ascii_whitespace() {
            4
        } else {
            0
        };
        b += 1;
    }
    t
};

/// What the word counter knows of the word being read, besides its vowel groups: bit 3
/// is set once it has content (a letter or digit); bits 0–2 say what its last ASCII
/// letter was, one of these (0: none yet).
const LAST_E_AFTER_L: usize = 1;
const LAST_E: usize = 2;
const LAST_L: usize = 3;
const LAST_VOWEL: usize = 4;
const LAST_CONSONANT: usize = 5;
const HAS_CONTENT: usize = 8;

/// One step of the word counter, at `state << 8 | byte`: the next state, shifted left by
/// 8 likewise (bits 8–11); whether the byte is white space (bit 12: the word ends, the
/// state goes back to 0); and whether a vowel group starts (bit 16). The counter keeps
/// the state and the word's vowel groups in one number laid out the same way (groups
/// from bit 16), so that a step is a load, a mask and an add.
const STEP: [u32; 16 * 256] = {
    let mut t = [0u32; 16 * 256];
    let mut state = 0;
    while state < 16 {
        let last = state & 7;
        let after_vowel = matches!(last, LAST_E_AFTER_L | LAST_E | LAST_VOWEL);
        let mut b = 0;
        while b < 256 {
            let lower = (b as u8).to_ascii_lowercase();
            let (next, group, space) = match CLASS[b] {
                0 => (state, false, false),
                1 => (state | HAS_CONTENT, false, false),
                4 => (0, false, true),
                class => {
                    let letter = match lower {
                        b'e' if last == LAST_L => LAST_E_AFTER_L,
                        b'e' => LAST_E,
                        b'l' => LAST_L,
                        _ if class == 3 => LAST_VOWEL,
                        _ => LAST_CONSONANT,
                    };
                    (HAS_CONTENT | letter, class == 3 && !after_vowel, false)
                }
            };
            t[state << 8 | b] = (next as u32) << 8 | (space as u32) << 12 | (group as u32) << 16;
            b += 1;
        }
        state += 1;
    }
    t
};

/// Words and estimated syllables of a sentence. A word is a run of non-blank text with a
/// letter or digit in it; its syllables are the vowel groups of its ASCII letters, less
/// a silent final "e" (not after "l"): an estimate good enough for a reading-ease
/// figure, and cheap, as this runs for every word of the document: one table step per
/// byte.
pub fn count_words(s: &str) -> (u32, u32) {
    let (mut words, mut syllables) = (0u32, 0u32);
    let mut end = |word: u64| {
        let state = (word >> 8) as usize & 15;
        if state & HAS_CONTENT != 0 {
            // A word has fewer vowel groups than bytes, so they fit.
            let groups = (word >> 16) as u32;
            // Two vowel groups hold a consonant between them, so the word has three
            // letters or more, the length a silent "e" needs.
            let silent_e = groups > 1 && state & 7 == LAST_E;
            words += 1;
            syllables += (groups - u32::from(silent_e)).max(1);
        }
    };
    // The word being read: its state in bits 8–11, its vowel groups from bit 16 (a u64,
    // so that no count reaches past its bits).
    let mut word = 0u64;
    for &b in s.as_bytes() {
        let step = STEP[(word as usize & 0xF00) | b as usize];
        if step & 1 << 12 != 0 {
            end(word);
            word = 0;
            continue;
        }
        word = (word & !0xFFFF) + u64::from(step);
    }
    end(word);
    (words, syllables)
}

/// True when the text holds a number with a unit (or a percentile).
pub fn has_quantity(text: &str) -> bool {
    // Every form of a quantity holds an ASCII digit, and most texts hold none.
    has_digit(text.as_bytes()) && QUANTITY.is_match(text)
}

/// Whether a match of [`QUANTITY`] may start at a byte: a currency sign (`$`, or the
/// first byte of `£` or `€`), the `p` of a percentile, or a digit.
fn opens_quantity(b: u8) -> bool {
    matches!(b, b'$' | 0xC2 | 0xE2 | b'p' | b'P' | b'0'..=b'9')
}

/// Ranges of the quantities in a text, as `QUANTITY.find_iter` gives them, with the
/// pattern tried only where a match can start instead of run over every byte. Every
/// form of a quantity holds an ASCII digit, and a match's first digit opens a run of
/// digits (a currency sign, a space, the `p` of `p95` or a non-word byte is before it);
/// the match starts at that digit or at most six bytes before it (`€` and a thin
/// space). So for each run of digits, the places from six bytes before it to its first
/// digit are tried in order, each at most once; the tests hold this to the pattern.
fn quantity_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // Where the next digit is looked for, and the first place not tried yet (the end of
    // the last match, as `find_iter` goes on from there).
    let (mut from, mut next) = (0, 0);
    std::iter::from_fn(move || {
        while let Some(k) = find_between(&bytes[from..], b'0' - 1, b'9' + 1) {
            let digit = from + k;
            from = digit + 1;
            while bytes.get(from).is_some_and(u8::is_ascii_digit) {
                from += 1;
            }
            let first = next.max(digit.saturating_sub(6));
            next = next.max(digit + 1);
            for at in (first..=digit).filter(|&at| opens_quantity(bytes[at])) {
                if let Some(m) = QUANTITY.find_at_start(text, at) {
                    next = m.end();
                    return Some(m.range());
                }
            }
        }
        None
    })
}

/// Ranges of the acronyms in a text (the same pattern the prose measures use).
pub fn acronyms(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    CapsRuns::new(text.as_bytes()).filter(|r| r.len() <= 8)
}

/// Whether a byte is a word character to an ASCII word boundary (`(?-u:\b)`).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Eight bytes at a time: the high bit of each byte of the result is set where the
/// byte of `x` lies strictly between `low` and `high` (both at most 127, so bytes above
/// 127 never match; no byte's sum or difference reaches into its neighbour).
const fn bytes_between(x: u64, low: u64, high: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let y = x & (ONES * 127);
    (ONES * (127 + high) - y) & !x & (y + ONES * (127 - low)) & (ONES * 128)
}

/// The first byte strictly between `low` and `high` (ASCII), tested eight at a time:
/// text blocks are scanned whole for rare bytes (digits, capitals).
fn find_between(bytes: &[u8], low: u8, high: u8) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("chunks of eight"));
        let found = bytes_between(x, low as u64, high as u64);
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let mut rest = chunks.remainder().iter();
    rest.position(|&b| low < b && b < high).map(|i| at + i)
}

/// Whether any byte is an ASCII digit.
fn has_digit(bytes: &[u8]) -> bool {
    find_between(bytes, b'0' - 1, b'9' + 1).is_some()
}

/// The first ASCII capital.
fn find_upper(bytes: &[u8]) -> Option<usize> {
    find_between(bytes, b'A' - 1, b'Z' + 1)
}

/// Whether two ASCII capitals stand side by side.
fn has_caps_pair(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
}

/// Matches of the acronym pattern, leftmost first, without its length limit. A match
/// starts at a capital with no word character before it, takes the whole run of
/// capitals and digits that follows (the run holds a second capital), then a plural
/// `s`, and must end where a word does: a word boundary cannot fall inside a run of
/// word characters, so each run has at most one way to match.
struct CapsRuns<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> CapsRuns<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        CapsRuns { bytes, at: 0 }
    }
}

impl Iterator for CapsRuns<'_> {
    type Item = std::ops::Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.bytes;
        let mut i = self.at;
        while i < b.len() {
            // Most bytes are not capitals: skip to the next one.
            match find_upper(&b[i..]) {
                Some(k) => i += k,
                None => break,
            }
            if i > 0 && is_word_byte(b[i - 1]) {
                i += 1;
                continue;
            }
            let start = i;
            let mut second = false;
            i += 1;
            while i < b.len() && (b[i].is_ascii_uppercase() || b[i].is_ascii_digit()) {
                second |= b[i].is_ascii_uppercase();
                i += 1;
            }
            if !second {
                continue;
            }
            let end = match b.get(i) {
                None => i,
                Some(&c) if !is_word_byte(c) => i,
                Some(b's') if b.get(i + 1).is_none_or(|&c| !is_word_byte(c)) => i + 1,
                Some(_) => continue,
            };
            self.at = end;
            return Some(start..end);
        }
        self.at = b.len();
        None
    }
}

/// Ranges of the quantities in a text.
pub fn quantities(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    quantity_ranges(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_sentences_but_not_abbreviations_or_decimals() {
        let t = "We chose Redis, e.g. for sessions. Latency fell 2.5x in 3 weeks! Next? Done";
        let parts: Vec<&str> = split_sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            parts,
            vec![
                "We chose Redis, e.g. for sessions.",
                "Latency fell 2.5x in 3 weeks!",
                "Next?",
                "Done"
            ]
        );
    }

    #[test]
    fn finds_numbers_with_units() {
        let t = "p95 under 200ms for 10K users, 99.9% uptime, 3 months, $120M, v2 and 2024";
        let found: Vec<&str> = quantities(t).map(|r| &t[r]).collect();
        assert_eq!(
            found,
            vec!["p95", "200ms", "10K", "99.9%", "3 months", "$120M"]
        );
    }

    /// Texts of up to 31 pieces drawn from `pieces`: the shapes the scanners must agree on.
    fn texts_of(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(pieces), 0..32).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        #[test]
        fn acronym_scanner_agrees_with_the_pattern(t in texts_of(&[
            "A", "B", "Z", "AB", "0", "9", "s", "S", "_", " ", "é", "É", "a", "x", "-", ".", "(",
            "\n", "AWS", "APIs", "’",
        ])) {
            let re = Regex::new(ACRONYM_PATTERN).unwrap();
            let want: Vec<_> = re.find_iter(&t).map(|m| m.range()).collect();
            let got: Vec<_> = CapsRuns::new(t.as_bytes()).collect();
            prop_assert_eq!(got, want, "{:?}", t);
        }

        #[test]
        fn quantity_scanner_agrees_with_the_pattern(t in texts_of(&[
            "$", "€", "£", "p", "P", "95", "999", "9", "1", "0", ",", ".", " ", "\u{a0}",
            "\u{2009}", "\u{3000}", "ms", "%", "x", "×", "k", "K", "users", "percent", "-",
            "a", "_", "é", "\n", "s", "m", "bn", "req/s", "h", "1,000", "2.5", "€\u{2009}",
        ])) {
            let want: Vec<_> = QUANTITY.find_iter(&t).map(|m| m.range()).collect();
            let got: Vec<_> = quantity_ranges(&t).collect();
            prop_assert_eq!(got, want, "{:?}", t);
            prop_assert_eq!(has_quantity(&t), QUANTITY.is_match(&t), "{:?}", t);
        }

        #[test]
        fn counts_words_as_splitting_does(t in texts_of(&[
            "a", "e", "y", "le", "the", "ble", "l", "L", "o", "B", "E", "x", "7", "é", " ", "\t", "\n", "\x0b",
            "-", "'", "**",
        ])) {
            prop_assert_eq!(count_words(&t), count_words_by_splitting(&t), "{:?}", t);
        }
    }

    #[test]
    fn finds_bytes_between_bounds_eight_at_a_time() {
        // Every byte value at every place of a chunk and of the remainder.
        for len in [1, 8, 13, 24] {
            for at in 0..len {
                for b in 0..=255u8 {
                    for fill in [b'x', b'~', 0xC3, b'@', b'['] {
                        let mut t = vec![fill; len];
                        t[at] = b;
                        let want = |lo: u8, hi: u8| t.iter().position(|&c| lo < c && c < hi);
                        assert_eq!(find_upper(&t), want(b'A' - 1, b'Z' + 1), "{t:?}");
                        assert_eq!(has_digit(&t), want(b'0' - 1, b'9' + 1).is_some(), "{t:?}");
                    }
                }
            }
        }
    }

    /// The sentence splitter as first written.
    fn split_sentences_plain(text: &str, out: &mut Vec<std::ops::Range<usize>>) {
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
                        ch.is_uppercase()
                            || ch.is_ascii_digit()
                            || matches!(ch, '"' | '“' | '(' | '[')
                    });
                // The abbreviations are lower-case ASCII.
                let abbrev = || {
                    let word_before = text[start..i]
                        .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                        .next()
                        .unwrap_or("");
                    c == b'.'
                        && (ABBREVIATIONS
                            .iter()
                            .any(|a| a.eq_ignore_ascii_case(word_before))
                            || (word_before.len() == 1
                                && word_before.chars().all(|c| c.is_alphabetic())))
                };
                if next_starts && !abbrev() {
                    push_trimmed_plain(text, start, j, out);
                    start = k;
                    i = k;
                    continue;
                }
            }
            i = j;
        }
        push_trimmed_plain(text, start, text.len(), out);
    }

    fn push_trimmed_plain(
        text: &str,
        start: usize,
        end: usize,
        out: &mut Vec<std::ops::Range<usize>>,
    ) {
        let s = &text[start..end];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail < s.len() {
            out.push(start + lead..end - trail);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        #[test]
        fn splits_sentences_as_first_written(t in texts_of(&[
            "e.g", "etc", "Mr", "a", "A", "x", ".", "!", "?", " ", "  ", "\n", "\x0b", "\u{a0}",
            "\u{2009}", "(", ")", "\"", "'", "“", "é", "É", "7", "[", "Word", "no",
        ])) {
            let mut want = Vec::new();
            split_sentences_plain(&t, &mut want);
            prop_assert_eq!(split_sentences(&t), want, "{:?}", t);
        }
    }

    /// The word counter as first written (split at white space, then read each word).
    fn count_words_by_splitting(s: &str) -> (u32, u32) {
        let (mut words, mut syllables) = (0, 0);
        for w in s.split_ascii_whitespace() {
            let (mut content, mut count, mut prev_vowel) = (false, 0u32, false);
            let (mut len, mut last, mut before_last) = (0usize, 0u8, 0u8);
            for &b in w.as_bytes() {
                let class = CLASS[b as usize];
                if class == 0 || class == 4 {
                    continue;
                }
                content = true;
                if class == 1 {
                    continue;
                }
                let vowel = class == 3;
                if vowel && !prev_vowel {
                    count += 1;
                }
                prev_vowel = vowel;
                before_last = last;
                last = b.to_ascii_lowercase();
                len += 1;
            }
            if !content {
                continue;
            }
            if len > 2 && last == b'e' && before_last != b'l' && count > 1 {
                count -= 1;
            }
            words += 1;
            syllables += count.max(1);
        }
        (words, syllables)
    }

    #[test]
    fn counts_syllables_roughly() {
        assert_eq!(count_words("The database cache"), (3, 5));
        assert_eq!(count_words(""), (0, 0));
        assert_eq!(count_words("  -- ** "), (0, 0));
        assert_eq!(count_words("table\tcake, x2\n café rhythm"), (5, 6));
    }
}
