//! What the prose scans every block for: numbers with units or percentiles, and
//! acronyms, each matched by hand where a match can start (the tests hold both to their
//! patterns).

use crate::re::Regex;
use std::sync::LazyLock;

pub(super) static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
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
pub(super) const ACRONYM_PATTERN: &str = r"(?-u:\b)[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?(?-u:\b)";

/// True when the text holds a number with a unit (or a percentile).
pub fn has_quantity(text: &str) -> bool {
    // Every form of a quantity holds an ASCII digit, and most texts hold none.
    has_digit(text.as_bytes()) && QUANTITY.is_match(text)
}

/// Whether a match of [`QUANTITY`] may start at a byte: a currency sign (`$`, or the
/// first byte of `£` or `€`), the `p` of a percentile, or a digit.
pub(super) fn opens_quantity(b: u8) -> bool {
    matches!(b, b'$' | 0xC2 | 0xE2 | b'p' | b'P' | b'0'..=b'9')
}

/// Ranges of the quantities in a text, as `QUANTITY.find_iter` gives them, with the
/// pattern tried only where a match can start instead of run over every byte. Every
/// form of a quantity holds an ASCII digit, and a match's first digit opens a run of
/// digits (a currency sign, a space, the `p` of `p95` or a non-word byte is before it);
/// the match starts at that digit or at most six bytes before it (`€` and a thin
/// space). So for each run of digits, the places from six bytes before it to its first
/// digit are tried in order, each at most once; the tests hold this to the pattern.
pub(super) fn quantity_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
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
pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Eight bytes at a time: the high bit of each byte of the result is set where the
/// byte of `x` lies strictly between `low` and `high` (both at most 127, so bytes above
/// 127 never match; no byte's sum or difference reaches into its neighbour).
pub(super) const fn bytes_between(x: u64, low: u64, high: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let y = x & (ONES * 127);
    (ONES * (127 + high) - y) & !x & (y + ONES * (127 - low)) & (ONES * 128)
}

/// The first byte strictly between `low` and `high` (ASCII), tested eight at a time:
/// text blocks are scanned whole for rare bytes (digits, capitals).
pub(super) fn find_between(bytes: &[u8], low: u8, high: u8) -> Option<usize> {
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
pub(super) fn has_digit(bytes: &[u8]) -> bool {
    find_between(bytes, b'0' - 1, b'9' + 1).is_some()
}

/// The first ASCII capital.
pub(super) fn find_upper(bytes: &[u8]) -> Option<usize> {
    find_between(bytes, b'A' - 1, b'Z' + 1)
}

/// Whether two ASCII capitals stand side by side.
pub(super) fn has_caps_pair(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
}

/// Matches of the acronym pattern, leftmost first, without its length limit. A match
/// starts at a capital with no word character before it, takes the whole run of
/// capitals and digits that follows (the run holds a second capital), then a plural
/// `s`, and must end where a word does: a word boundary cannot fall inside a run of
/// word characters, so each run has at most one way to match.
pub(super) struct CapsRuns<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> CapsRuns<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
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
