//! Small text helpers the rules share.

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

thread_local! {
    /// One buffer per thread for the many short texts looked up once each (labels,
    /// headings), so a lookup allocates nothing.
    static SCRATCH: std::cell::RefCell<Lowered> = std::cell::RefCell::new(Lowered::new());
}

/// Runs `f` on `text` lowered into the thread's buffer. `f` must not lower another text
/// this way (the buffer is in use).
pub(crate) fn with_lowered<R>(text: &str, f: impl FnOnce(&Lowered) -> R) -> R {
    SCRATCH.with_borrow_mut(|l| {
        l.set(text);
        f(l)
    })
}

/// A list of words or phrases prepared for looking up in many texts, as [`find_word`]
/// looks them up: each lower-cased once, with the hash of its first two bytes.
pub(crate) struct Words {
    list: Vec<(String, Option<usize>)>,
}

impl Words {
    pub(crate) fn new<S: AsRef<str>>(words: &[S]) -> Words {
        Words {
            list: words
                .iter()
                .map(|w| {
                    let w = lower(w.as_ref()).into_owned();
                    let pair = Lowered::pair(&w);
                    (w, pair)
                })
                .collect(),
        }
    }

    /// Whether [`find_word`] finds any of the words in `text`: `text` is lowered once,
    /// and only the words [`Lowered::may_hold`] are searched.
    pub(crate) fn any_in(&self, text: &str) -> bool {
        with_lowered(text, |text| {
            self.list.iter().any(|(w, pair)| {
                text.may_hold_pair(w, *pair) && word_matches(&text.lower, w).next().is_some()
            })
        })
    }
}

/// Whether any byte is an ASCII digit: the figure checks read every sentence.
pub(crate) fn has_digit(bytes: &[u8]) -> bool {
    find_byte_between(bytes, b'0' - 1, b'9' + 1).is_some()
}

/// The first byte strictly between `low` and `high` (both ASCII), tested eight bytes at a
/// time: for rare bytes (digits, capitals) looked for in whole texts.
pub(crate) fn find_byte_between(bytes: &[u8], low: u8, high: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    debug_assert!(low < high && high <= 127);
    let (lo, hi) = (u64::from(low), u64::from(high));
    // The high bit of each byte of the result is set where the byte lies strictly
    // between `low` and `high` (bytes above 127 never match, and no byte's sum or
    // difference reaches into its neighbour).
    let between = |x: u64| {
        let y = x & (ONES * 127);
        (ONES * (127 + hi) - y) & !x & (y + ONES * (127 - lo)) & (ONES * 128)
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let found = between(u64::from_le_bytes(c.try_into().expect("chunks of eight")));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = chunks.remainder().iter();
    rest.enumerate()
        .find(|&(_, &c)| low < c && c < high)
        .map(|(i, _)| at + i)
}

/// ASCII letters, digits and `_`: the bytes that continue a word.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

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
        for (i, &c) in b.iter().enumerate().take(b.len().saturating_sub(1)) {
            if open {
                let h = Openings::hash(c, b[i + 1]);
                bits[h >> 6] |= 1 << (h & 63);
            }
            open = !WORD_BYTE[usize::from(c)];
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
        match Lowered::pair(phrase) {
            Some(h) => self.0[h >> 6] & (1 << (h & 63)) != 0,
            None => true,
        }
    }
}

/// A text lower-cased (ASCII) once, with an index of where its words open, for checking
/// many phrases against it. The index chains each word start by a hash of its first two
/// bytes, so [`Lowered::may_hold`] looks only at the starts a phrase could match, and
/// most phrases of a long list are ruled out without a search.
pub(crate) struct Lowered {
    pub(crate) lower: String,
    /// `head[h]` is 1 + the index in `starts` of the last start whose first two bytes
    /// hash to `h` (0: none). Few buckets keep the struct small and cheap to clear.
    head: [u32; BUCKETS],
    /// Each start, with the `head` value of its bucket before it was added (the chain).
    starts: Vec<(u32, u32)>,
    /// The starts' first two bytes, hashed into 256 bits as in [`Openings`]: most
    /// phrases are ruled out here, before any chain is walked.
    bits: [u64; 4],
}

const BUCKETS: usize = 64;

impl Lowered {
    pub(crate) fn of(text: &str) -> Lowered {
        let mut l = Lowered::new();
        l.set(text);
        l
    }

    /// An empty text, to be filled by [`Lowered::set`].
    pub(crate) fn new() -> Lowered {
        Lowered {
            lower: String::new(),
            head: [0; BUCKETS],
            starts: Vec::new(),
            bits: [0; 4],
        }
    }

    /// Lowers `text` into this one, reusing its buffers: for a loop over many texts.
    pub(crate) fn set(&mut self, text: &str) {
        self.lower.clear();
        self.lower.push_str(text);
        self.lower.make_ascii_lowercase();
        self.head = [0; BUCKETS];
        self.bits = [0; 4];
        self.starts.clear();
        // About one byte in six opens a word.
        self.starts.reserve(text.len() / 4);
        let b = self.lower.as_bytes();
        // A start is where the byte before is not an ASCII letter, digit or `_` (a
        // non-ASCII byte counts as a possible boundary), as in [`Openings`].
        let mut open = true;
        for (i, &c) in b.iter().enumerate().take(b.len().saturating_sub(1)) {
            if open {
                let h = Openings::hash(c, b[i + 1]);
                self.bits[h >> 6] |= 1 << (h & 63);
                let h = h & (BUCKETS - 1);
                self.starts.push((i as u32, self.head[h]));
                self.head[h] = self.starts.len() as u32;
            }
            open = !WORD_BYTE[usize::from(c)];
        }
    }

    /// Whether `phrase` may be found in this text on word boundaries, as the word
    /// searches find it (they lower-case the phrase first). False only when no word
    /// start holds the phrase with a boundary on both sides, so a search could find
    /// nothing. Past a byte that lower-casing could change (an ASCII capital, any
    /// non-ASCII byte) the phrase may always be found: the searched phrase may differ
    /// from it there.
    pub(crate) fn may_hold(&self, phrase: &str) -> bool {
        self.may_hold_pair(phrase, Lowered::pair(phrase))
    }

    /// [`Lowered::may_hold`] with the phrase's [`Lowered::pair`] computed beforehand.
    fn may_hold_pair(&self, phrase: &str, pair: Option<usize>) -> bool {
        let Some(h) = pair else {
            return true;
        };
        if self.bits[h >> 6] & (1 << (h & 63)) == 0 {
            return false;
        }
        let (text, p) = (self.lower.as_bytes(), phrase.as_bytes());
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let mut k = self.head[h & (BUCKETS - 1)] as usize;
        while k != 0 {
            let (at, prev) = self.starts[k - 1];
            k = prev as usize;
            let at = at as usize;
            let here = &text[at..];
            let mut j = 0;
            while j < p.len() {
                let c = p[j];
                if !c.is_ascii() || c.is_ascii_uppercase() {
                    return true;
                }
                if here.get(j) != Some(&c) {
                    break;
                }
                j += 1;
            }
            if j < p.len() {
                continue;
            }
            // An ASCII phrase starts and ends on character boundaries.
            let end = at + p.len();
            let (Some(before), Some(after)) = (self.lower.get(..at), self.lower.get(end..)) else {
                return true;
            };
            if boundary(before.chars().next_back()) && boundary(after.chars().next()) {
                return true;
            }
        }
        false
    }

    /// Whether [`find_word`] finds `word` in this text.
    fn holds_word(&self, word: &str) -> bool {
        let w = lower(word);
        self.may_hold(&w) && word_matches(&self.lower, &w).next().is_some()
    }

    /// The hash of a phrase's first two bytes, when they are ASCII and lower case.
    fn pair(phrase: &str) -> Option<usize> {
        match phrase.as_bytes() {
            [a, b, ..]
                if a.is_ascii()
                    && b.is_ascii()
                    && !a.is_ascii_uppercase()
                    && !b.is_ascii_uppercase() =>
            {
                Some(Openings::hash(*a, *b))
            }
            _ => None,
        }
    }
}

pub fn has_word(text: &str, word: &str) -> bool {
    word_matches(&lower(text), &lower(word)).next().is_some()
}

pub fn has_any_word(text: &str, words: &[&str]) -> bool {
    with_lowered(text, |text| words.iter().any(|w| text.holds_word(w)))
}

pub use crate::document::outline::{inside, lead_span, section, section_anchor, section_spans};

/// Normalises a table header cell: lower case, letters and spaces only.
pub fn header_key(s: &str) -> String {
    crate::document::normalize_heading(s)
}

/// The normalised header of each column of a table ([`header_key`]).
pub fn header_keys(table: &crate::document::Table) -> Vec<String> {
    table
        .header
        .iter()
        .map(|c| header_key(&c.text.text))
        .collect()
}

/// Index of the first column whose header means one of `keys` (compared after
/// normalising: "Why We Chose It" → "why we chose it"). A key matches the whole header,
/// or its first or last words ("why" matches "why this choice").
pub fn column(table: &crate::document::Table, keys: &[&str]) -> Option<usize> {
    column_in(&header_keys(table), keys)
}

/// [`column`] over a table's [`header_keys`], for a table asked about many keys.
pub fn column_in(headers: &[String], keys: &[&str]) -> Option<usize> {
    // Exact matches first, so "reason" beats a looser match elsewhere.
    for exact in [true, false] {
        for (i, h) in headers.iter().enumerate() {
            let hit = keys.iter().any(|k| {
                if exact {
                    h == k
                } else {
                    opens_or_closes(h, k) || words_inside(h, k)
                }
            });
            if hit {
                return Some(i);
            }
        }
    }
    None
}

/// Whether `h` starts with `k` and a space, or ends with a space and `k` (as
/// `h.starts_with(&format!("{k} ")) || h.ends_with(&format!(" {k}"))`, without building
/// the strings).
pub fn opens_or_closes(h: &str, k: &str) -> bool {
    let (h, k) = (h.as_bytes(), k.as_bytes());
    h.len() > k.len()
        && ((h.starts_with(k) && h[k.len()] == b' ')
            || (h.ends_with(k) && h[h.len() - k.len() - 1] == b' '))
}

/// Whether `h` holds `k` between two spaces (as `h.contains(&format!(" {k} "))`).
fn words_inside(h: &str, k: &str) -> bool {
    h.as_bytes()
        .windows(k.len() + 2)
        .any(|w| w[0] == b' ' && w[w.len() - 1] == b' ' && &w[1..w.len() - 1] == k.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The header tests agree with the string tests they replace.
        #[test]
        fn header_word_tests_agree_with_formatted_strings(
            h in "[ab ]{0,8}",
            k in "[ab ]{0,3}",
        ) {
            prop_assert_eq!(
                opens_or_closes(&h, &k),
                h.starts_with(&format!("{k} ")) || h.ends_with(&format!(" {k}"))
            );
            prop_assert_eq!(words_inside(&h, &k), h.contains(&format!(" {k} ")));
        }

        #[test]
        fn byte_ranges_agree_with_a_byte_loop(text in "[a-zA-Z0-9/:;é@\\[ ]{0,40}") {
            prop_assert_eq!(
                has_digit(text.as_bytes()),
                text.bytes().any(|b| b.is_ascii_digit())
            );
            prop_assert_eq!(
                find_byte_between(text.as_bytes(), b'A' - 1, b'Z' + 1),
                text.bytes().position(|b| b.is_ascii_uppercase())
            );
        }

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

        /// The index of word starts only ever rules out phrases that the word searches
        /// (ASCII or Unicode lower-casing of the phrase) would not find.
        #[test]
        fn the_index_never_skips_a_match(
            text in "[abAB_ .éÉİ1-]{0,40}",
            phrase in "[abAB_ .éÉİ1-]{1,5}",
        ) {
            let indexed = Lowered::of(&text);
            if !indexed.may_hold(&phrase) {
                prop_assert!(find_word(&text, &phrase).is_empty());
                prop_assert!(
                    crate::rules::challenges::find_phrase(&indexed.lower, &phrase).is_none()
                );
            }
        }
    }
}
