//! Readability (STY004): sentence length as a reader meets it and the reading ease of
//! the prose.

use super::style::*;
use super::{Check, Outcome, RuleContext};
use crate::declare_rule;
use crate::document::{Document, Sentence};
use crate::measures::{self};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// No overlong sentence, and no section that is very hard to read.
    ///
    /// Sentences longer than the profile's `max_sentence_words` (40 for the guide) are
    /// reported at the sentence; and each top-level section whose Flesch reading ease falls
    /// under `min_reading_ease` (10) is reported at its heading with the figure. Lines
    /// joined by hard breaks are read as lines, and a run-on that the sentence splitter
    /// missed (a full stop followed by a lower-case word) is counted as separate sentences.
    ///
    /// ## Why evaluators care
    /// A reviewer reads dozens of case studies. A 60-word sentence or a page of stacked
    /// abstractions makes them reread, and rereading is where attention is lost.
    ///
    /// ## Weak
    /// "Since the queue counts deliveries rather than processing attempts and we had not
    /// configured a redrive policy when we first deployed the service, which we later
    /// regretted, messages could reach the dead-letter queue without ever being
    /// processed, and the dashboard showed them as failed."
    ///
    /// ## Strong
    /// "The queue counts deliveries, not processing attempts. So a message could land in
    /// the dead-letter queue without ever being processed. We fixed it with a redrive
    /// policy."
    ///
    /// ## How to fix
    /// Split long sentences where the idea turns (at "which", "and", a semicolon). In a
    /// dense section, put one idea in each sentence and prefer the short word; technical
    /// terms are fine inside simple sentences.
    ///
    /// ## What it cannot see
    /// Meaning: Flesch counts syllables and sentence length, so a section full of long
    /// product names scores low even when it is clear. Sections with fewer than three
    /// sentences or 60 words get no score. At most `report_limit` long sentences (the
    /// longest) and as many sections (the hardest) are reported per document; the first
    /// message counts the rest.
    pub Readability {
        id: "STY004",
        name: "readability",
        area: Style,
        criterion: Clarity,
        severity: Info,
    }
}

impl Check for Readability {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let t = cx.thresholds();
        let (max_words, min_ease, limit) = (
            t.max_sentence_words as u32,
            t.min_reading_ease,
            t.report_limit.max(1),
        );
        let sentences = &doc.prose().sentences;
        let mut long: Vec<(&Sentence, u32)> = sentences
            .iter()
            .map(|s| (s, measures::sentence_length(doc, s)))
            .filter(|&(_, n)| n > max_words)
            .collect();
        let total_long = long.len();
        long.sort_by_key(|&(s, n)| (std::cmp::Reverse(n), s.span.start));
        long.truncate(limit);
        long.sort_by_key(|&(s, _)| s.span.start);
        for (i, (s, n)) in long.iter().enumerate() {
            let tail = if i == 0 && total_long > long.len() {
                format!(
                    " ({total_long} sentences run over {max_words} words; the {} longest are reported)",
                    long.len()
                )
            } else {
                String::new()
            };
            cx.report(
                s.span,
                format!("sentence of {n} words, over the {max_words}-word limit{tail}"),
            )
            .help("split it where the idea turns (at \"which\", \"and\" or a semicolon): one idea per sentence");
        }

        let chapters: Vec<(Span, Span, String)> = {
            let top: Vec<_> = doc
                .sections
                .iter()
                .filter(|s| s.level == doc.top_level)
                .map(|s| (s.span, s.heading, format!("the section \"{}\"", s.title)))
                .collect();
            if top.is_empty() {
                vec![(
                    Span::new(0, doc.text().len()),
                    doc.anchor(),
                    "the document".to_string(),
                )]
            } else {
                top
            }
        };
        let scores: Vec<(Span, String, f64)> = chapters
            .into_iter()
            .filter_map(|(span, heading, name)| {
                doc.prose().reading_ease(span).map(|e| (heading, name, e))
            })
            .collect();
        let scored = scores.len();
        let mut hard: Vec<&(Span, String, f64)> =
            scores.iter().filter(|s| s.2 < min_ease).collect();
        let total_hard = hard.len();
        hard.sort_by(|a, b| a.2.total_cmp(&b.2));
        hard.truncate(limit);
        hard.sort_by_key(|s| s.0.start);
        for (i, (heading, name, ease)) in hard.iter().enumerate() {
            let tail = if i == 0 && total_hard > hard.len() {
                format!(
                    " ({total_hard} sections score under {}; the {} hardest are reported)",
                    num(min_ease),
                    hard.len()
                )
            } else {
                String::new()
            };
            cx.report(
                *heading,
                format!(
                    "{name} has a Flesch reading ease of {} (under {}): very hard going{tail}",
                    num(*ease),
                    num(min_ease)
                ),
            )
            .help("shorter sentences and plainer words raise it; clear technical prose usually scores 20 to 50");
        }
        Outcome::ratio(
            sentences.len() - total_long + scored - total_hard,
            sentences.len() + scored,
        )
    }
}
