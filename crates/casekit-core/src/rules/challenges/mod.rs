//! Challenges and Solutions: the section reviewers read first and word by word.
//!
//! Writers lay challenges out in many ways: a table with one row per challenge, one
//! sub-section per challenge (often with "Problem" / "Solution" sub-headings or bold
//! labels), bold-labelled paragraphs or bullets, or a numbered "Bug 1 / Bug 2" series.
//! [`Challenges::find`] turns every one of these shapes into the same list of
//! [`Challenge`]s, each with the parts it covers (problem, why it was hard, alternatives,
//! solution, trade-off), and every CHL rule reads that list.

mod argued;
mod extract;
mod in_prose;
mod labels;
mod model;
mod sub_sections;
mod tables;
mod wording;

use argued::{in_words, AlternativesAndFigures, ChallengesCarryWeight, RealTradeOffs};
pub(crate) use extract::*;
use in_prose::*;
pub(crate) use labels::*;
pub(crate) use model::*;
use sub_sections::*;
use tables::*;
pub(crate) use wording::*;

use super::util::header_key;
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::{prose, Document};
use crate::profile::Profile;
use crate::re::Regex;
use std::sync::LazyLock;

pub static RULES: &[&dyn Rule] = &[
    &ChallengeCount,
    &ChallengeParts,
    &SpecificChallenges,
    &RealTradeOffs,
    &ChallengesCarryWeight,
    &AlternativesAndFigures,
];

// ---------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------

declare_rule! {
    /// ## What it checks
    /// The Challenges section holds between 5 and 10 challenges (the profile's
    /// `min_challenges` and `max_challenges`). A challenge is a row of a challenges
    /// table, a sub-section (or a "Challenge 1 / Bug 2" heading at any depth), a
    /// paragraph or bullet that opens with a bold label, or a plain bullet — whichever
    /// way the author wrote them. A sub-section that only introduces numbered ones after
    /// it ("4.0 Sync" before "4.1" and "4.2") is not counted.
    ///
    /// ## Why evaluators care
    /// This is the section interviewers read first and ask about. One or two challenges
    /// suggests a project with little resistance or a writer who did not look back; a
    /// list of twenty reads as a changelog, and the good ones drown.
    ///
    /// ## Weak
    /// A Challenges section with two bullets: "Deployment" and "State management".
    ///
    /// ## Strong
    /// Six challenges, each its own row or sub-section: from GPS pings arriving out of
    /// order to a nightly export that took the database down for ten minutes.
    ///
    /// ## How to fix
    /// Go back through the commit history, incidents and notes for the problems that
    /// cost you the most time, and write up the five to ten that taught you most. With
    /// more than ten, keep the ones with the clearest trade-offs.
    ///
    /// ## What it cannot see
    /// Challenges told in other sections (an architecture section full of decisions)
    /// are not counted, and several challenges run together in one paragraph count as
    /// one.
    pub ChallengeCount {
        id: "CHL701",
        name: "challenge-count",
        area: Challenges,
        criterion: Architecture,
        severity: Error,
    }
}

impl Check for ChallengeCount {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let found = cx.shared.challenges();
        let (min, max) = (
            cx.thresholds().min_challenges,
            cx.thresholds().max_challenges,
        );
        let n = found.items.len() + found.background;
        let Some(first) = found.sections.first() else {
            cx.report(doc.anchor(), "no challenges found: the document has no Challenges and Solutions section")
                .help(format!("add a \"Challenges and Solutions\" section with {min} to {max} specific problems you hit, why each was hard, what you considered, what you chose and what it cost"));
            return Outcome::Fail;
        };
        let line = doc.line_col(first.heading.start).line;
        let what = if n == 1 { "challenge" } else { "challenges" };
        if n < min {
            cx.report(
                first.heading,
                format!("the Challenges section (line {line}) has {n} {what}; {} asks for {min} to {max}", cx.profile.voice()),
            )
            .help(format!(
                "add challenges until there are at least {min}: each a specific problem you hit, as a table row or its own sub-section"
            ));
            return if n == 0 {
                Outcome::Fail
            } else {
                Outcome::Partial(n as f64 / min as f64)
            };
        }
        if n > max {
            cx.report(
                first.heading,
                format!("the Challenges section (line {line}) has {n} challenges; {} asks for {min} to {max}", cx.profile.voice()),
            )
            .help(format!(
                "keep the {max} that taught you most and show the clearest trade-offs; fold small fixes into them or drop them"
            ));
            return Outcome::Partial(max as f64 / n as f64);
        }
        Outcome::Pass
    }
}

declare_rule! {
    /// ## What it checks
    /// Each challenge covers the five parts the guide asks for: the problem (the
    /// symptom), why it was hard, the alternatives considered, the solution, and the
    /// trade-off accepted. In a table the parts are columns found by their meaning
    /// ("Why It Was Hard", "Options Considered", "How We Solved It", "Cost"); in a
    /// sub-section they are "Problem:" / "Solution:" sub-headings or bold labels, or
    /// wording ("we considered", "instead of", "because", "the downside", "at the cost
    /// of"). It reports, per challenge, which parts it could not find. A part a table
    /// has no column for is reported once, at the header row, naming the rows that say
    /// it in words anyway; a row is reported for its empty cells.
    ///
    /// ## Why evaluators care
    /// A problem and its fix show that you can debug. The difficulty, the options and
    /// the price paid show that you can reason about design, which is what the
    /// Architecture Reasoning criterion scores.
    ///
    /// ## Weak
    /// | Challenge | Solution |
    /// |---|---|
    /// | Slow search | Added Elasticsearch |
    ///
    /// ## Strong
    /// "Timetable imports blocked the API for 40 s, because one transaction rewrote
    /// 300K stop times while readers waited on its locks. Batching the writes kept one
    /// transaction but left readers with half an import; a shadow table swapped in at
    /// the end did not. We chose the shadow table and accepted twice the disk during an
    /// import and a swap that must be retried if a reader holds the old table."
    ///
    /// ## How to fix
    /// Give a table the missing columns, or add a sentence per missing part to each
    /// sub-section: what made the problem hard, what else you tried, and what the
    /// chosen fix costs.
    ///
    /// ## What it cannot see
    /// It recognises parts by their labels and wording, not by understanding them: an
    /// alternative mentioned without any word of choice ("Redis, then Kafka") can be
    /// missed, and a sentence with "because" counts as saying why it was hard.
    pub ChallengeParts {
        id: "CHL702",
        name: "challenge-parts",
        area: Challenges,
        criterion: Architecture,
        severity: Warning,
    }
}

impl Check for ChallengeParts {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let found = cx.shared.challenges();
        let real: Vec<&Challenge> = found.real().collect();
        if real.is_empty() {
            return Outcome::NotApplicable;
        }
        // A part a table has no column for is reported once, at the header, with the
        // rows that say it in words anyway; rows are reported for empty cells.
        for (ti, t) in found.tables.iter().enumerate() {
            let rows: Vec<&&Challenge> = real.iter().filter(|c| c.table == Some(ti)).collect();
            if rows.is_empty() {
                continue;
            }
            let gaps: Vec<Facet> = Facet::ALL
                .into_iter()
                .filter(|f| t.columns[f.index()].is_none() && rows.iter().any(|c| !c.has(*f)))
                .collect();
            if gaps.is_empty() {
                continue;
            }
            let line = doc.line_col(t.span.start).line;
            let names: Vec<&str> = gaps.iter().map(|f| f.name()).collect();
            let cols: Vec<String> = gaps
                .iter()
                .map(|f| format!("\"{}\"", f.column_name()))
                .collect();
            let saying: Vec<String> = rows
                .iter()
                .filter(|c| gaps.iter().any(|f| c.has(*f)))
                .map(|c| c.number.to_string())
                .collect();
            let partly = match saying.len() {
                0 => String::new(),
                1 => format!(" (only challenge {} says some of it in words)", saying[0]),
                _ => format!(
                    " (only challenges {} say some of it in words)",
                    saying.join(", ")
                ),
            };
            cx.report(
                t.header,
                format!(
                    "the challenges table (line {line}) has no column for {}{partly}",
                    join_and(&names)
                ),
            )
            .help(format!(
                "add {} {}: for each challenge, what made it hard, what else you weighed, and what your fix cost",
                if cols.len() == 1 { "a column" } else { "columns" },
                cols.join(", ")
            ));
        }
        let mut passing = 0;
        for c in &real {
            if c.missing().is_empty() {
                passing += 1;
                continue;
            }
            let missing: Vec<Facet> = c
                .missing()
                .into_iter()
                .filter(|f| {
                    c.table
                        .is_none_or(|ti| found.tables[ti].columns[f.index()].is_some())
                })
                .collect();
            if missing.is_empty() {
                continue;
            }
            let names: Vec<&str> = missing.iter().map(|f| f.name()).collect();
            let (what, how) = if c.shape == Shape::Row {
                ("leaves empty the cell for", "fill the empty cells")
            } else {
                ("does not say", "add a sentence for each")
            };
            let options = in_words(cx.thresholds().min_alternatives);
            cx.report(
                c.span,
                format!("{} {what} {}", c.describe(doc), join_and(&names)),
            )
            .help(format!(
                "{how}: a strong challenge says what you saw, what made it hard, at least {options} options you weighed, what you built, and what it cost you"
            ));
        }
        Outcome::ratio(passing, real.len())
    }
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [a] => a.to_string(),
        [a, b] => format!("{a} or {b}"),
        _ => format!(
            "{} or {}",
            items[..items.len() - 1].join(", "),
            items[items.len() - 1]
        ),
    }
}

declare_rule! {
    /// ## What it checks
    /// No challenge is a bare category. A challenge whose title is a category
    /// ("Payment gateway problems", "Caching difficulties", or a one- to
    /// three-word topic such as "Deployment") must say something concrete in its
    /// statement — its title plus its problem text (the first paragraph, the
    /// "Problem" part, or the "Why It Was Hard" cell): a figure, a named component or
    /// technology, or an observed failure ("timed out", "duplicate orders", "stock went
    /// negative"). The solution does not count: naming the fix's tool says nothing about
    /// the symptom.
    ///
    /// ## Why evaluators care
    /// "Deployment was difficult" tells a reviewer nothing and could be copied into any
    /// case study. A specific symptom is proof you were there, and it is what a good
    /// interviewer will dig into.
    ///
    /// ## Weak
    /// "Login issues."
    ///
    /// ## Strong
    /// "Voice notes longer than 90 s failed with HTTP 413 because the gateway capped
    /// request bodies at 1 MB."
    ///
    /// ## How to fix
    /// Rewrite the title or its first sentence around what you observed: the error, the
    /// number, the component that failed.
    ///
    /// ## What it cannot see
    /// A concrete domain problem told without any name or number ("Splitting a basket
    /// between stores") passes as long as its title is not a category; and a named technology
    /// counts as specific even when the sentence around it is vague.
    pub SpecificChallenges {
        id: "CHL703",
        name: "specific-challenges",
        area: Challenges,
        criterion: Depth,
        severity: Warning,
    }
}

impl Check for SpecificChallenges {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let found = cx.shared.challenges();
        let real: Vec<&Challenge> = found.real().collect();
        if real.is_empty() {
            return Outcome::NotApplicable;
        }
        let mut passing = 0;
        for c in &real {
            if !category_like(&c.title, cx.profile) || specific(doc, c, cx.profile) {
                passing += 1;
                continue;
            }
            cx.report(
                c.title_span,
                format!(
                    "{} names a category, not a symptom: no figure, named component or observed failure",
                    c.describe(doc)
                ),
            )
            .help("describe what you saw, e.g. \"voice notes over 90 s failed with HTTP 413 at the gateway\", not the area it happened in");
        }
        Outcome::ratio(passing, real.len())
    }
}

fn category_like(title: &str, profile: &Profile) -> bool {
    let lower = title.to_lowercase();
    let words = prose::count_words(title).0;
    // An ASCII title lowers the same either way, so the index of its word starts can
    // rule out most categories without a search.
    let index = title.is_ascii().then(|| super::util::Lowered::of(title));
    words <= 3
        || profile
            .vocabulary
            .challenge_categories
            .iter()
            .any(|w| index.as_ref().is_none_or(|i| i.may_hold(w)) && has_phrase(&lower, w))
}

fn specific(doc: &Document, c: &Challenge, profile: &Profile) -> bool {
    let statement = format!("{} {}", c.title, c.problem_text);
    names_something(doc, &c.title, Some(c.title_span), profile, true)
        || names_something(doc, &c.problem_text, c.problem_span, profile, false)
        || FAILURE.is_match(&statement)
        || (prose::count_words(&c.problem_text).0 >= 10 && MECHANISM.is_match(&c.problem_text))
}

/// A problem statement that explains a mechanism ("… is not enough because sellers must
/// first be approved") is specific even without names or numbers.
static MECHANISM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:because|since|due to|which meant|which means|meaning that|cannot|can't|could not|couldn't|does not|doesn't|did not|didn't|is not|isn't|was not|wasn't|not enough|must|would)(?-u:\b)")
        .expect("mechanism pattern")
});

#[cfg(test)]
mod tests;
