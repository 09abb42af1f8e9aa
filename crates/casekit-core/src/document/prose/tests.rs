use super::*;
use crate::re::Regex;
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
                    ch.is_uppercase() || ch.is_ascii_digit() || matches!(ch, '"' | '“' | '(' | '[')
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

fn push_trimmed_plain(text: &str, start: usize, end: usize, out: &mut Vec<std::ops::Range<usize>>) {
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
