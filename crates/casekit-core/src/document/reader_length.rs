//! A sentence's length as a reader meets it: the prose splitter keeps together
//! sentences that start in lower case or lack the space after the full stop, and lines
//! joined by hard breaks; this measures the longest piece. It reads only the sentence and
//! its source, so the document caches it ([`super::Document::reader_lengths`]).

use super::{prose, Document, Sentence};

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "approx", "incl", "cf", "al", "fig", "no", "viz",
];

/// A sentence's length as a reader meets it ([`crate::measures::sentence_length`]
/// answers from the document's cache of these).
pub fn measure_sentence(doc: &Document, s: &Sentence) -> u32 {
    let src = doc.slice(s.span);
    if has_hard_break(src) {
        return src
            .split('\n')
            .flat_map(|l| l.split("<br"))
            .map(|l| prose::count_words(l).0)
            .max()
            .unwrap_or(0);
    }
    let t = s.text.as_str();
    let b = t.as_bytes();
    let mut longest = 0;
    let mut start = 0;
    // Only full stops and marks between the first and last byte can split it.
    let inner = b.get(1..b.len().saturating_sub(1)).unwrap_or(&[]);
    for i in memchr::memchr3_iter(b'.', b'!', b'?', inner).map(|i| i + 1) {
        let glued = b[i - 1].is_ascii_lowercase() && b[i + 1].is_ascii_uppercase();
        let lower_next =
            b[i + 1] == b' ' && b.get(i + 2).is_some_and(|c| c.is_ascii_lowercase()) && {
                let word = t[start..i].rsplit(' ').next().unwrap_or("");
                word.len() >= 3
                    && word.chars().all(|c| c.is_ascii_alphabetic())
                    && !ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
            };
        if glued || lower_next {
            longest = longest.max(prose::count_words(&t[start..=i]).0);
            start = i + 1;
        }
    }
    if start == 0 {
        return s.words;
    }
    longest.max(prose::count_words(&t[start..]).0)
}

/// Whether a sentence's source holds a `<br>` or a line break made hard by two spaces
/// or a backslash (one pass over the bytes).
fn has_hard_break(src: &str) -> bool {
    let bytes = src.as_bytes();
    memchr::memchr2_iter(b'<', b'\n', bytes).any(|i| {
        if bytes[i] == b'<' {
            bytes[i + 1..]
                .get(..2)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"br"))
        } else {
            bytes[..i].ends_with(b"  ") || bytes[..i].ends_with(b"\\")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn finds_hard_breaks_as_the_substring_tests_do(t in proptest::collection::vec(
            proptest::sample::select(&["<", "br", "BR", "b", " ", "  ", "\\", "\n", "x"][..]),
            0..12,
        ).prop_map(|p| p.concat())) {
            let br = memchr::memchr_iter(b'<', t.as_bytes()).any(|i| {
                t.as_bytes()[i + 1..]
                    .get(..2)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"br"))
            });
            let want =
                br || (t.contains('\n') && (t.contains("  \n") || t.contains("\\\n")));
            proptest::prop_assert_eq!(has_hard_break(&t), want, "{:?}", t);
        }
    }
}
