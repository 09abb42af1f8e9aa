//! Prose measures shared by rules and the rubric: sentences, words, syllables,
//! numbers with units and acronyms. Built lazily, once, from the text blocks.

use super::{Document, TextRun};
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

/// One use of an acronym in prose.
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
    pub acronyms: Vec<AcronymUse>,
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

static ACRONYM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?(?-u:\b)").expect("acronym pattern")
});

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "dr", "st", "approx", "fig", "no", "cf", "al", "inc",
    "ltd", "jr", "sr",
];

impl Prose {
    pub fn build(doc: &Document) -> Prose {
        let mut p = Prose::default();
        let mut blocks: Vec<(&TextRun, bool)> = Vec::new();
        blocks.extend(doc.paragraphs.iter().map(|b| (&b.text, true)));
        blocks.extend(doc.list_items.iter().map(|b| (&b.text, true)));
        blocks.extend(doc.headings.iter().map(|b| (&b.text, false)));
        for t in &doc.tables {
            for c in t.header.iter().chain(t.rows.iter().flatten()) {
                blocks.push((&c.text, false));
            }
        }
        for (run, is_prose) in blocks {
            let bytes = run.text.as_bytes();
            // Cheap byte scans decide whether the regexes can match at all: most text
            // blocks hold no digit and no run of capitals.
            let has_digit = bytes.iter().any(u8::is_ascii_digit);
            let has_caps = bytes
                .windows(2)
                .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase());
            for m in QUANTITY.find_iter(if has_digit { &run.text } else { "" }) {
                if let Some(span) = run.span_of(m.range()) {
                    p.quantities.push(Quantity {
                        span,
                        text: m.as_str().to_string(),
                    });
                }
            }
            if !is_prose {
                continue;
            }
            for r in split_sentences(&run.text) {
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
            for m in ACRONYM.find_iter(if has_caps { &run.text } else { "" }) {
                if m.as_str().len() > 8 {
                    continue;
                }
                let before = run.text[..m.start()].trim_end();
                let after = run.text[m.end()..].trim_start();
                let expanded = before.ends_with('(') || after.starts_with('(');
                if let Some(span) = run.span_of(m.range()) {
                    p.acronyms.push(AcronymUse {
                        span,
                        text: m.as_str().to_string(),
                        expanded,
                    });
                }
            }
        }
        p.sentences.sort_by_key(|s| s.span.start);
        p.quantities.sort_by_key(|s| s.span.start);
        p.acronyms.sort_by_key(|s| s.span.start);
        p
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
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') {
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
                let word_before = text[start..i]
                    .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                    .next()
                    .unwrap_or("");
                // The abbreviations are lower-case ASCII.
                let abbrev = c == b'.'
                    && (ABBREVIATIONS
                        .iter()
                        .any(|a| a.eq_ignore_ascii_case(word_before))
                        || (word_before.len() == 1
                            && word_before.chars().all(|c| c.is_alphabetic())));
                if next_starts && !abbrev {
                    push_trimmed(text, start, j, &mut out);
                    start = k;
                    i = k;
                    continue;
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<std::ops::Range<usize>>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(start + lead..end - trail);
    }
}

/// What a byte is to the word counter: 0 neither letter nor digit, 1 a digit or part of
/// a non-ASCII character (content, but no syllable), 2 a consonant, 3 a vowel.
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
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Words and estimated syllables of a sentence. A word is a run of non-blank text with a
/// letter or digit in it; its syllables are the vowel groups of its ASCII letters, less
/// a silent final "e": an estimate good enough for a reading-ease figure, and cheap
/// (this runs for every word of the document).
pub fn count_words(s: &str) -> (u32, u32) {
    let mut words = 0;
    let mut syllables = 0;
    for w in s.split_ascii_whitespace() {
        let mut content = false;
        let mut count = 0u32;
        let mut prev_vowel = false;
        let (mut len, mut last, mut before_last) = (0usize, 0u8, 0u8);
        for &b in w.as_bytes() {
            let class = CLASS[b as usize];
            if class == 0 {
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

/// True when the text holds a number with a unit (or a percentile).
pub fn has_quantity(text: &str) -> bool {
    QUANTITY.is_match(text)
}

/// Ranges of the acronyms in a text (the same pattern the prose measures use).
pub fn acronyms(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    ACRONYM
        .find_iter(text)
        .filter(|m| m.as_str().len() <= 8)
        .map(|m| m.range())
}

/// Ranges of the quantities in a text.
pub fn quantities(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    QUANTITY.find_iter(text).map(|m| m.range())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn counts_syllables_roughly() {
        assert_eq!(count_words("The database cache"), (3, 5));
    }
}
