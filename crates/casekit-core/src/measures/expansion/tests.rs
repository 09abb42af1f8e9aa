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
        if words[i].1 == acronym || initial(words[i].1) != Some(letters[0].to_ascii_lowercase()) {
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
