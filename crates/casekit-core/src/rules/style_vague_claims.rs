//! Vague claims (STY003): praise words put on the author's own work without a figure,
//! a name or a comparison to back them.

use super::style::*;
use super::util;
use super::{Check, Outcome, RuleContext};
use crate::declare_rule;
use crate::document::{prose, Document};
use crate::measures::{self};
use crate::source::Span;

/// Phrases that put a claim on the author's own work.
const SELF_REFERENCE: &[&str] = &[
    "we",
    "our",
    "us",
    "i",
    "my",
    "the system",
    "the app",
    "the application",
    "the platform",
    "the service",
    "the project",
    "the tool",
    "the product",
    "the website",
    "the site",
    "the solution",
    "the backend",
    "the frontend",
    "the api",
    "the dashboard",
    "the pipeline",
    "this project",
    "this app",
    "this system",
    "this platform",
    "this tool",
    "this service",
];

/// Title words too general to name a project.
const GENERIC_TITLE_WORDS: &[&str] = &[
    "Case",
    "Study",
    "Complete",
    "Project",
    "The",
    "And",
    "For",
    "With",
    "How",
    "Our",
    "Live",
    "App",
    "Final",
    "Report",
    "Introducing",
    "Index",
    "Building",
    "Built",
    "Summer",
    "Code",
    "Google",
    "Game",
    "Grid",
    "Strategy",
];

/// Words of the title that may be the project's name ("Flytrap", "Twine").
pub(super) fn name_words(doc: &Document) -> Vec<&str> {
    let Some(t) = doc.title() else {
        return Vec::new();
    };
    t.text
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.len() >= 3
                && w.chars().next().is_some_and(|c| c.is_uppercase())
                && !GENERIC_TITLE_WORDS.contains(w)
        })
        .collect()
}

/// [`vague_claim_in`] for a sentence not yet lowered.
#[cfg(test)]
pub(super) fn is_vague_claim(s: &str, m: std::ops::Range<usize>, w: &str, names: &[&str]) -> bool {
    let names: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    vague_claim_in(s, &util::Lowered::of(s), m, w, &names)
}

/// Whether the match `m` of vague word `w` in sentence `s` is a claim about the
/// author's own work, rather than a comparison, a quotation, a name or a description of
/// someone else's tool. `lowered` is the sentence lowered once for every word looked
/// up in it; `names` the title's name words, lower-cased.
pub(super) fn vague_claim_in(
    s: &str,
    lowered: &util::Lowered,
    m: std::ops::Range<usize>,
    w: &str,
    names: &[String],
) -> bool {
    let lower = lowered.lower.as_str();
    let before = &lower[..m.start];
    let after = &lower[m.end..];
    // A capitalised word is a name ("Seamless", "Fast Refresh") or a label.
    if w != "it works" && s[m.clone()].starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    // Quoted words are mentioned, not claimed.
    let quotes = s[..m.start]
        .chars()
        .filter(|c| matches!(c, '"' | '“' | '”'))
        .count();
    if quotes % 2 == 1 || before.ends_with(['\'', '‘']) {
        return false;
    }
    let prev: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    let lead: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let next: Vec<&str> = after.split_whitespace().take(4).collect();
    // Comparisons ("faster than cookies", "more robust", "as fast as possible") and
    // negations: relative judgements, usually weighing an alternative.
    if w.ends_with("er")
        || lead.iter().any(|p| matches!(*p, "more" | "less"))
        || next
            .iter()
            .any(|n| n.trim_matches(|c: char| !c.is_alphabetic()) == "than")
        || (prev.first() == Some(&"as") && next.first() == Some(&"as"))
        || prev.iter().any(|p| {
            matches!(
                *p,
                "not"
                    | "less"
                    | "isn't"
                    | "wasn't"
                    | "aren't"
                    | "weren't"
                    | "never"
                    | "nor"
                    | "hardly"
                    | "no"
                    | "longer"
                    | "while"
                    | "although"
                    | "though"
            )
        })
    {
        return false;
    }
    match w {
        "it works" => {
            return !prev.first().is_some_and(|p| {
                matches!(
                    *p,
                    "how"
                        | "what"
                        | "whether"
                        | "if"
                        | "sure"
                        | "that"
                        | "until"
                        | "why"
                        | "when"
                        | "where"
                        | "once"
                        | "as"
                        | "see"
                        | "ensure"
                )
            }) && !after.starts_with(" on my machine");
        }
        "optimized"
            if next
                .first()
                .is_some_and(|n| matches!(*n, "for" | "to" | "by")) =>
        {
            return false
        }
        "responsive"
            if [
                "design",
                "layout",
                "mobile",
                "screen",
                "desktop",
                "device",
                "css",
                "tailwind",
                "breakpoint",
                "viewport",
            ]
            .iter()
            .any(|k| lower.contains(k)) =>
        {
            return false
        }
        "fast"
            if prev.first() == Some(&"fail")
                || before.ends_with("fail-")
                || after.starts_with("-forward")
                || after.starts_with("-track")
                || next.first().is_some_and(|n| {
                    matches!(*n, "path" | "forward" | "refresh" | "track" | "lane")
                }) =>
        {
            return false
        }
        _ => {}
    }
    SELF_REFERENCE
        .iter()
        .any(|r| lowered.may_hold(r) && word_ranges(lower, r).next().is_some())
        || names.iter().any(|n| {
            lowered.may_hold(n)
                && word_ranges(lower, n).any(|r| s[r].starts_with(|c: char| c.is_uppercase()))
        })
}

declare_rule! {
    /// ## What it checks
    /// No claim of speed, scale or polish without a number to back it.
    ///
    /// It reports sentences that claim a quality for the project — fast, scalable, robust,
    /// reliable, seamless, user-friendly, "it works" (the profile's `vague_words`) — with
    /// no number in the sentence or the next one. It looks at paragraphs, list items and
    /// table cells everywhere except the goals, which GOL203 already checks, and reports at
    /// the word. Only claims about the author's own work count: the sentence must say "we",
    /// "our", "the system", "the app" or the like, or use a name from the title.
    ///
    /// ## Why evaluators care
    /// Every project claims to be fast and scalable; a figure is what makes the claim
    /// yours and believable. An unquantified adjective reads as marketing.
    ///
    /// ## Weak
    /// "Our platform is fast, scalable and user-friendly."
    ///
    /// ## Strong
    /// "Search answers in 120 ms at p95 with 50,000 products; the load test held 2,000
    /// concurrent users on one instance."
    ///
    /// ## How to fix
    /// Replace the adjective with the measurement behind it (latency, throughput, error
    /// rate, users, before → after), or say what it means concretely; if nothing was
    /// measured, drop the claim.
    ///
    /// ## What it cannot see
    /// Whether the number nearby is the right one (a figure in the next sentence counts
    /// as backing); claims in sentences that do not name the project or the team; claims
    /// about a chosen tool (ARC304 reads the tech stack reasons). Comparisons ("faster",
    /// "more robust"), quotations, negations and capitalised names such as a product
    /// called "Seamless" are left alone. It reports at most the
    /// profile's `report_limit` per document and counts the rest.
    pub VagueClaim {
        id: "STY003",
        name: "vague-claim",
        area: Style,
        criterion: Depth,
        severity: Info,
    }
}

impl Check for VagueClaim {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let mut vocab: Vec<&str> = cx
            .profile
            .vocabulary
            .vague_words
            .iter()
            .map(String::as_str)
            .collect();
        vocab.sort_by_key(|w| std::cmp::Reverse(w.len()));
        // Plain searches: the index of word starts rules out nearly every word without
        // one, and a sentence is too short for a prepared searcher to pay off.
        let vocab: Vec<(String, &str)> =
            vocab.iter().map(|w| (w.to_ascii_lowercase(), *w)).collect();
        let names: Vec<String> = name_words(doc)
            .iter()
            .map(|n| n.to_ascii_lowercase())
            .collect();
        // One buffer for every sentence's lower-cased text and word openings.
        let mut lowered = util::Lowered::new();
        let mut digits: Vec<bool> = Vec::new();
        let mut checked = 0usize;
        let mut found: Vec<(Span, String)> = Vec::new();
        for run in text_blocks(doc) {
            let Some(rs) = run.span() else { continue };
            if matches!(
                measures::guide_section_at(doc, rs.start),
                Some("goals" | "non_goals")
            ) || in_quote_block(doc, rs.start)
            {
                continue;
            }
            let sentences = prose::split_sentences(&run.text);
            // Which sentences hold a figure, each read once (most runs hold none).
            digits.clear();
            if util::has_digit(run.text.as_bytes()) {
                digits.extend(
                    sentences
                        .iter()
                        .map(|r| util::has_digit(&run.text.as_bytes()[r.clone()])),
                );
            }
            let figure = |k: usize| digits.get(k).copied().unwrap_or(false);
            for (k, r) in sentences.iter().cloned().enumerate() {
                let s = &run.text[r.clone()];
                checked += 1;
                // A figure in the sentence, or in the next one, backs the claim.
                if figure(k) || figure(k + 1) || s.trim_end().ends_with('?') {
                    continue;
                }
                lowered.set(s);
                let lower = lowered.lower.as_str();
                let hit = vocab.iter().find_map(|(lw, w)| {
                    if !lowered.may_hold(lw) {
                        return None;
                    }
                    word_ranges(lower, lw).find_map(|m| {
                        if !vague_claim_in(s, &lowered, m.clone(), w, &names) {
                            return None;
                        }
                        let span = run.span_of(r.start + m.start..r.start + m.end)?;
                        let code = measures::in_inline_code(doc, span.start);
                        (!code && !measures::in_link(doc, span)).then(|| (span, s[m].to_string()))
                    })
                });
                found.extend(hit);
            }
        }
        let limit = cx.thresholds().report_limit.max(1);
        let shown = found.len().min(limit);
        for (i, (span, word)) in found.iter().take(shown).enumerate() {
            let more = found.len() - shown;
            let tail = if i + 1 == shown && more > 0 {
                format!(" (and {more} more like it further on, not reported)")
            } else {
                String::new()
            };
            cx.report(
                *span,
                format!("\"{word}\" is claimed with no number in the sentence{tail}"),
            )
            .help("back the claim with a measurement (\"p95 of 120 ms at 2,000 users\", \"deploys in 4 min, down from 25\") or say concretely what it means");
        }
        Outcome::ratio(checked - found.len(), checked)
    }
}
