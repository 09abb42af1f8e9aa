//! Acronyms: every one a document uses, where it is first used, and whether (and where)
//! it is spelled out.
//!
//! This runs for every document, so it avoids work per use: uses are counted against
//! slices of the document (no string is copied until the result is built), lines are
//! looked up once per acronym at the end, and the words of the prose are split and
//! indexed by initial once, only when some acronym needs its spelled-out form searched.

use super::expansion::Words;
use crate::document::{prose, Document, TextRun};
use crate::profile::Profile;
use crate::source::Span;
use serde::Serialize;
use std::collections::HashMap;

/// One acronym and how the document introduces it.
#[derive(Clone, Debug, Serialize)]
pub struct Acronym {
    /// As written at its first use (`APIs`, `DLQ`); uses with and without a plural `s`
    /// are counted together.
    pub text: String,
    pub uses: u32,
    /// Used in a paragraph or list item (not only in table cells).
    pub in_prose: bool,
    /// In the profile's `common_acronyms`.
    pub common: bool,
    /// Also appears in a heading or the title (a name, or the topic of a section).
    pub in_heading: bool,
    pub first_use: Span,
    pub first_line: usize,
    /// Where it is spelled out ("dead-letter queue (DLQ)"), if anywhere.
    pub expanded_at: Option<Span>,
    pub expanded_line: Option<usize>,
    /// The reader meets the expansion at the first use or before it (right after it
    /// in the same paragraph counts: "the MERN stack: MongoDB, Express, React, Node").
    pub expanded_first: bool,
}

/// Whether a word is one of the all-capital words that are English, not acronyms
/// (emphasis, admonition labels). A `match` on the words, as this runs for every use of
/// an acronym.
macro_rules! caps_words {
    ($($word:literal),* $(,)?) => {
        fn is_caps_word(w: &str) -> bool {
            matches!(w, $($word)|*)
        }
    };
}

caps_words![
    "A",
    "AN",
    "AND",
    "ALL",
    "ANY",
    "ARE",
    "AS",
    "AT",
    "BE",
    "BUT",
    "BY",
    "CAN",
    "DO",
    "DON",
    "DONT",
    "EVERY",
    "FOR",
    "FROM",
    "HAS",
    "HAVE",
    "HOW",
    "IF",
    "IN",
    "IS",
    "IT",
    "MUST",
    "MY",
    "NEVER",
    "NEW",
    "NO",
    "NOT",
    "NOTE",
    "NOW",
    "OF",
    "ON",
    "ONE",
    "ONLY",
    "OR",
    "OUR",
    "SO",
    "THE",
    "THIS",
    "TO",
    "TWO",
    "UP",
    "WAS",
    "WE",
    "WHAT",
    "WHY",
    "WILL",
    "WITH",
    "YES",
    "YOU",
    "YOUR",
    "TIP",
    "WARNING",
    "IMPORTANT",
    "CAUTION",
    "DANGER",
    "INFO",
    "NB",
    "PS",
    "FIXME",
    "XXX",
    "HACK",
    "BEFORE",
    "AFTER",
    "DONE",
    "STOP",
    "GO",
    "END",
    "START",
    "NEXT",
    "BACK",
    "OFF",
    "OUT",
    "VERY",
    "ALWAYS",
    "SHOULD",
    "EACH",
    "BOTH",
    "LESS",
    "MORE",
    "MOST",
    "NONE",
    "SOME",
    "THAT",
    "THEN",
    "THEY",
    "WHEN",
    "WHERE",
    "WHO",
    "TRUE",
    "FALSE",
    "NULL",
    "HELLO",
    "TEAM",
    "FREE",
    // HTTP methods are words, not abbreviations.
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "HEAD",
    "OPTIONS",
];

fn is_roman(w: &str) -> bool {
    w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Whether byte `at` of the source sits inside inline code on its line (an odd number
/// of backticks before it).
pub fn in_inline_code(doc: &Document, at: u32) -> bool {
    doc.after_odd_backticks(at)
}

/// The whitespace-delimited token of `text` around `range` is a URL or a path.
fn in_url(text: &str, range: &std::ops::Range<usize>) -> bool {
    // After the whitespace character, which may be wider than a byte (U+2006).
    let start = text[..range.start]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| range.end + i);
    let token = &text[start..end];
    token.contains("://") || token.starts_with("www.") || token.starts_with('/')
}

/// Whether the acronym is one of three or more all-capital words in a row — a name
/// written in capitals ("PRO SEARCH UAV") or shouting, not an abbreviation.
fn in_caps_run(text: &str, range: &std::ops::Range<usize>) -> bool {
    let caps = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() >= 2
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    let run_before = text[..range.start]
        .split_whitespace()
        .rev()
        .take(2)
        .take_while(|w| caps(w))
        .count();
    let run_after = text[range.end..]
        .split_whitespace()
        .take(2)
        .take_while(|w| caps(w))
        .count();
    // Only words joined by single spaces form a run.
    let spaced_before = text[..range.start].ends_with(' ') || run_before == 0;
    let spaced_after = text[range.end..].starts_with(' ') || run_after == 0;
    spaced_before && spaced_after && 1 + run_before + run_after >= 3
}

/// A definition-style use: the block opens with the acronym followed by a colon or a
/// dash ("DLQ: a queue that holds …", "**SSE** — server-sent events").
fn is_definition(text: &str, range: &std::ops::Range<usize>) -> bool {
    let lead =
        text[..range.start].trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let rest = text[range.end..].trim_start_matches(['*', '_', 's']);
    lead.is_empty()
        && ["：", ":", " -", " –", " —", "—", "–"]
            .iter()
            .any(|d| rest.starts_with(d))
        && rest.split_whitespace().count() >= 3
}

/// Whether the initials of `meaning`'s words hold the letters of `acronym` in order
/// ("Dead-letter queue" for DLQ, "Amazon Simple Queue Service" for SQS).
fn initials_spell(meaning: &str, acronym: &str) -> bool {
    let key = acronym.strip_suffix('s').unwrap_or(acronym);
    let mut letters = key
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .peekable();
    for word in meaning.split(|c: char| c.is_whitespace() || c == '-' || c == '/') {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if letters.peek() == Some(&first.to_ascii_lowercase()) {
            letters.next();
        }
    }
    letters.peek().is_none()
}

/// Whether `span` lies inside a link's source (its text is usually someone else's
/// title, such as a cited paper's).
pub fn in_link(doc: &Document, span: Span) -> bool {
    let i = doc.links.partition_point(|l| l.span.start <= span.start);
    doc.links[..i]
        .iter()
        .rev()
        .take(4)
        .any(|l| l.span.contains(span))
}

/// An acronym while the document is read: [`Acronym`] without the copies and the lines.
struct Draft<'a> {
    text: &'a str,
    uses: u32,
    in_prose: bool,
    common: bool,
    in_heading: bool,
    first_use: Span,
    expanded_at: Option<Span>,
    expanded_first: bool,
}

/// Acronyms in paragraphs, list items and table body cells (never table headers, code,
/// link text or URLs), with their first use and first expansion. Headings are read
/// only to note which acronyms name a heading.
pub fn acronyms<'a>(doc: &'a Document, profile: &Profile) -> Vec<Acronym> {
    let common = &profile.vocabulary.common_acronyms;
    // A tool written in capitals ("GORM", "NATS") is a name, like the common acronyms:
    // nobody spells it out.
    let tools = &profile.vocabulary.named_tools;
    let mut out: Vec<Draft<'a>> = Vec::new();
    // Keyed by the acronym without its plural `s`, borrowed from the document.
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut note = |text: &'a str, span: Span, expanded: bool, in_prose: bool| {
        let base = match text.strip_suffix('s') {
            Some(b) if b.bytes().filter(|c| c.is_ascii_uppercase()).count() >= 2 => b,
            _ => text,
        };
        // A template slot ("SOLUTION", "GOAL_1") is STR004's to report, not an acronym.
        if is_caps_word(base) || is_roman(base) || crate::scaffold::is_slot(base) {
            return;
        }
        // Letters before three digits or more are a code, not an abbreviation: a rule ID
        // (STR004), a standard's number (RFC4180, ISO27001), a ticket.
        let digits = base.len() - base.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits >= 3 {
            return;
        }
        let i = *index.entry(base).or_insert_with(|| {
            let stem = base.trim_end_matches(|c: char| c.is_ascii_digit());
            out.push(Draft {
                text,
                uses: 0,
                in_prose: false,
                in_heading: false,
                // All three start with the same letter: compare that first.
                common: common.iter().any(|c| {
                    c.as_bytes().first() == text.as_bytes().first()
                        && (c == base || c == text || c == stem)
                }) || tools.iter().any(|t| t.eq_ignore_ascii_case(base)),
                first_use: span,
                expanded_at: None,
                expanded_first: false,
            });
            out.len() - 1
        });
        let a = &mut out[i];
        a.uses += 1;
        a.in_prose |= in_prose;
        if span.start < a.first_use.start {
            a.text = text;
            a.first_use = span;
        }
        if expanded && a.expanded_at.is_none_or(|e| span.start < e.start) {
            a.expanded_at = Some(span);
        }
    };
    let scan =
        |run: &'a TextRun, in_prose: bool, note: &mut dyn FnMut(&'a str, Span, bool, bool)| {
            for r in prose::acronyms(&run.text) {
                // A file name (`SECURITY.md`) or part of an address is not an acronym.
                let file = run.text[r.end..].starts_with('.')
                    && run.text[r.end + 1..].starts_with(|c: char| c.is_ascii_lowercase());
                if file || in_url(&run.text, &r) || in_caps_run(&run.text, &r) {
                    continue;
                }
                let Some(span) = run.span_of(r.clone()) else {
                    continue;
                };
                if in_inline_code(doc, span.start) || in_link(doc, span) {
                    continue;
                }
                let before = run.text[..r.start].trim_end();
                let after = run.text[r.end..].trim_start();
                let expanded =
                    before.ends_with('(') || after.starts_with('(') || is_definition(&run.text, &r);
                note(&run.text[r], span, expanded, in_prose);
            }
        };
    let mut runs: Vec<&TextRun> = Vec::new();
    for p in &doc.paragraphs {
        scan(&p.text, true, &mut note);
        runs.push(&p.text);
    }
    for l in &doc.list_items {
        scan(&l.text, true, &mut note);
        runs.push(&l.text);
    }
    for t in &doc.tables {
        for row in &t.rows {
            for (i, c) in row.iter().enumerate() {
                runs.push(&c.text);
                // A glossary row: the acronym alone in one cell, its meaning in the next.
                // A row of a tools table ("GSAP | Smooth camera transitions") says what
                // the tool is for, not what its letters stand for: the meaning counts
                // only when its words' initials spell the acronym.
                let alone = prose::acronyms(&c.text.text).next().is_some_and(|r| {
                    let acronym = &c.text.text[r];
                    c.text.text.trim() == acronym
                        && row.get(i + 1).is_some_and(|n| {
                            n.text.text.split_whitespace().count() >= 2
                                && initials_spell(&n.text.text, acronym)
                        })
                });
                if alone {
                    if let Some(span) = c.text.span() {
                        note(c.text.text.trim(), span, true, false);
                    }
                    continue;
                }
                scan(&c.text, false, &mut note);
            }
        }
    }
    // Expansions written as capitalised words without parentheses ("we chose Elastic
    // Container Service … ECS"): the first such phrase anywhere counts.
    runs.sort_by_key(|r| r.span().map_or(u32::MAX, |s| s.start));
    let text = doc.text();
    let settle = |a: &mut Draft| {
        a.expanded_first = a.expanded_at.is_some_and(|e| {
            e.start <= a.first_use.start
                || (e.start - a.first_use.end < 160
                    && !text
                        .get(a.first_use.end as usize..e.start as usize)
                        .unwrap_or("\n\n")
                        .contains("\n\n"))
        });
    };
    out.iter_mut().for_each(settle);
    // Split on first need: most acronyms are common or expanded at their first use.
    let mut words: Option<Words> = None;
    // The search costs (acronyms × words) at worst; a document with thousands of
    // distinct acronyms stops looking for spelled-out forms once this is spent (real
    // documents use a few percent of it).
    let mut budget = 16
        * doc
            .prose()
            .sentences
            .iter()
            .map(|s| s.words as usize)
            .sum::<usize>()
        + 20_000;
    for a in out.iter_mut().filter(|a| !a.common && !a.expanded_first) {
        let key = a.text.trim_end_matches('s');
        let letters: Vec<char> = key.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() < 2 {
            continue;
        }
        let words = words.get_or_insert_with(|| Words::of(&runs));
        let found = words.find(&letters, key, &mut budget, |run, range| {
            runs[run].span_of(range)
        });
        if let Some(span) = found {
            if a.expanded_at.is_none_or(|e| span.start < e.start) {
                a.expanded_at = Some(span);
                settle(a);
            }
        }
    }
    for h in &doc.headings {
        for r in prose::acronyms(&h.text.text) {
            let w = &h.text.text[r];
            let base = w.strip_suffix('s').unwrap_or(w);
            if let Some(&i) = index.get(w).or_else(|| index.get(base)) {
                out[i].in_heading = true;
            }
        }
    }
    out.sort_by_key(|a| a.first_use.start);
    let line = |at: u32| doc.lines.line_of(at) + 1;
    out.into_iter()
        .map(|a| Acronym {
            text: a.text.to_string(),
            uses: a.uses,
            in_prose: a.in_prose,
            common: a.common,
            in_heading: a.in_heading,
            first_use: a.first_use,
            first_line: line(a.first_use.start),
            expanded_at: a.expanded_at,
            expanded_line: a.expanded_at.map(|e| line(e.start)),
            expanded_first: a.expanded_first,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_capitals_are_not_acronyms() {
        let t = "a project called PRO SEARCH UAV did this";
        let r = t.find("SEARCH").unwrap();
        assert!(in_caps_run(t, &(r..r + 6)));
        let t = "we used AWS SQS here";
        let r = t.find("SQS").unwrap();
        assert!(!in_caps_run(t, &(r..r + 3)));
    }
}
