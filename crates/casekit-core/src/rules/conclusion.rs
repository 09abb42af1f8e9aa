//! Conclusion: what the project achieved in numbers, what the author would do
//! differently, and what comes next. Writers split this over Outcomes, Results,
//! Learnings, Next Steps or Future Work sections, or put results under "Load Testing";
//! the rules read all of them.

use super::challenges::{before_after, guide_sections, has_phrase};
use super::util::{self, Words};
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::{Document, Section};
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

pub static RULES: &[&dyn Rule] = &[&QuantifiedOutcomes, &LearningsAsTradeOffs, &NextSteps];

/// Words of a heading that make its section a place for outcomes.
static OUTCOME_HEADINGS: LazyLock<Words> = LazyLock::new(|| {
    Words::new(&[
        "results",
        "outcomes",
        "outcome",
        "impact",
        "load test",
        "load tests",
        "load testing",
        "benchmark",
        "benchmarks",
        "benchmarking",
        "by the numbers",
        "capacity",
        "key metrics",
        "results and metrics",
        "metrics and results",
        "performance results",
        "measurements",
    ])
});
/// Words of a heading that make its section a place for learnings.
static LEARNING_HEADINGS: LazyLock<Words> = LazyLock::new(|| {
    Words::new(&[
        "lesson",
        "lessons",
        "learned",
        "learnt",
        "learning",
        "learnings",
        "differently",
        "hindsight",
        "retrospective",
        "reflection",
        "reflections",
        "takeaway",
        "takeaways",
        "what went wrong",
        "what went well",
        "mistakes",
        "looking back",
        "if i did it again",
    ])
});
/// Words of a heading that make its section a list of next steps.
static FUTURE_HEADINGS: LazyLock<Words> = LazyLock::new(|| {
    Words::new(&[
        "future",
        "next steps",
        "next step",
        "whats next",
        "what next",
        "next up",
        "roadmap",
        "upcoming",
        "planned work",
        "plans",
        "v2",
        "todo",
        "to do",
    ])
});

/// Headings of a conclusion proper.
static CLOSING_HEADINGS: LazyLock<Words> = LazyLock::new(|| {
    Words::new(&[
        "conclusion",
        "conclusions",
        "summary",
        "wrap up",
        "final thoughts",
    ])
});

fn heading_has(s: &Section, words: &Words) -> bool {
    words.any_in(&s.key)
}

/// Sections matched to the conclusion, plus sections anywhere whose heading has one of
/// `words`, without duplicates or nesting.
fn scope<'a>(
    doc: &'a Document,
    cx: &RuleContext,
    words: &Words,
) -> (Vec<&'a Section>, Vec<&'a Section>) {
    let conclusion = guide_sections(doc, cx.profile, "conclusion");
    let mut extra: Vec<&Section> = doc
        .sections
        .iter()
        .filter(|s| heading_has(s, words))
        .filter(|s| !conclusion.iter().any(|c| c.span.contains(s.span)))
        .collect();
    let spans: Vec<Span> = extra.iter().map(|s| s.span).collect();
    extra.retain(|s| !spans.iter().any(|o| *o != s.span && o.contains(s.span)));
    (conclusion, extra)
}

/// Sentences, headings and table cells inside a span.
fn units(doc: &Document, span: Span) -> Vec<(Span, String)> {
    let mut v: Vec<(Span, String)> = Vec::new();
    v.extend(
        doc.prose()
            .sentences_in(span)
            .iter()
            .map(|s| (s.span, s.text.clone())),
    );
    v.extend(Document::in_span(&doc.headings, span).map(|h| (h.span, h.text.text.clone())));
    for t in Document::in_span(&doc.tables, span) {
        for c in t.header.iter().chain(t.rows.iter().flatten()) {
            v.push((c.span, c.text.text.clone()));
        }
    }
    v.sort_by_key(|(s, _)| s.start);
    v
}

/// Where to report something missing from the conclusion: the conclusion section
/// whose heading has one of `prefer`, else the first one, else the document title.
fn anchor(doc: &Document, conclusion: &[&Section], prefer: &Words) -> (Span, String) {
    let best = conclusion
        .iter()
        .find(|s| heading_has(s, prefer))
        .or_else(|| {
            conclusion
                .iter()
                .find(|s| heading_has(s, &CLOSING_HEADINGS))
        })
        .or_else(|| {
            conclusion
                .iter()
                .find(|s| !heading_has(s, &FUTURE_HEADINGS))
        })
        .or(conclusion.first());
    match best {
        Some(s) => (
            s.heading,
            format!(
                "the conclusion (line {})",
                doc.line_col(s.heading.start).line
            ),
        ),
        None => (doc.anchor(), "the document".to_string()),
    }
}

static NOT_AN_OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[$€£]?\d[\d,.]*\s?-?(?:days?|weeks?|months?|years?|yrs?|sprints?|people|persons?|engineers?|developers?|members?|students?|teams?)$")
        .expect("duration pattern")
});

declare_rule! {
    /// ## What it checks
    /// The outcomes are quantified: the conclusion, or a section about results, load
    /// tests or benchmarks anywhere in the document, gives at least two numbers with
    /// units (the profile's `min_outcome_figures`; durations and team sizes do not
    /// count), or a before→after figure — which may also sit in a challenge ("p95 fell
    /// from 2.5 s to 1.0 s"). When figures are found but nothing says where they were
    /// measured (production, a load test, a benchmark, locally), that is reported too:
    /// the guide asks for load-test figures to be named as such.
    ///
    /// ## Why evaluators care
    /// "It works" is not evidence. Numbers are, and the Evidence criterion is scored on
    /// them; saying they came from a k6 run rather than production is what makes them
    /// credible.
    ///
    /// ## Weak
    /// "The platform is complete, scalable and production-ready."
    ///
    /// ## Strong
    /// "Median booking time fell from 4 minutes to 70 s across 1,900 bookings in the
    /// first month; a Locust run on staging held 600 bookings a minute with 0.2 %
    /// errors."
    ///
    /// ## How to fix
    /// Measure something before you write: response times, throughput under a load
    /// test, error rates, cost, time saved. State the before and after, and say where
    /// the numbers come from.
    ///
    /// ## What it cannot see
    /// Whether a number is an outcome or a fact about the setup ("32 vCPU" counts), and
    /// whether the numbers are true. Figures outside the conclusion, results-like
    /// sections and challenges are not read.
    pub QuantifiedOutcomes {
        id: "CON901",
        name: "quantified-outcomes",
        area: Conclusion,
        criterion: Evidence,
        severity: Error,
    }
}

impl Check for QuantifiedOutcomes {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let (conclusion, extra) = scope(doc, cx, &OUTCOME_HEADINGS);
        let spans: Vec<Span> = conclusion
            .iter()
            .map(|s| s.body)
            .chain(extra.iter().map(|s| s.span))
            .collect();
        let mut figures: Vec<Span> = Vec::new();
        let mut texts: Vec<(Span, String)> = Vec::new();
        for sp in &spans {
            figures.extend(
                doc.prose()
                    .quantities_in(*sp)
                    .iter()
                    .filter(|q| !NOT_AN_OUTCOME.is_match(q.text.trim()))
                    .map(|q| q.span),
            );
            texts.extend(units(doc, *sp));
        }
        let mut changes: Vec<Span> = texts
            .iter()
            .filter(|(_, t)| before_after(t))
            .map(|(s, _)| *s)
            .collect();
        let found = cx.shared.challenges();
        for c in found.real() {
            if let Some(f) = c.figure {
                changes.push(f);
                texts.extend(c.units.iter().cloned());
            }
        }
        let min = cx.thresholds().min_outcome_figures;
        if changes.is_empty() && figures.len() < min {
            let (at, place) = anchor(doc, &conclusion, &OUTCOME_HEADINGS);
            let what = match figures.len() {
                0 => "no measured outcome: no number with a unit and no before→after figure"
                    .to_string(),
                n => format!("only {n} figure and no before→after change"),
            };
            cx.report(at, format!("{place} gives {what}"))
                .help("quantify the result: \"booking time fell from 4 minutes to 70 s\", \"a Locust run held 600 bookings a minute with 0.2% errors\"; say whether figures come from production or a test");
            return if figures.is_empty() {
                Outcome::Fail
            } else {
                Outcome::Partial(0.25)
            };
        }
        let sources = &cx.profile.vocabulary.measurement_sources;
        // Each text lowered once, and only the sources it may hold searched for.
        let names_source = |t: &str| {
            util::with_lowered(t, |t| {
                sources
                    .iter()
                    .any(|w| t.may_hold(w) && has_phrase(&t.lower, w))
            })
        };
        let named = texts.iter().any(|(_, t)| names_source(t))
            || extra
                .iter()
                .chain(conclusion.iter())
                .any(|s| names_source(&s.title));
        if named {
            return Outcome::Pass;
        }
        let first = changes
            .iter()
            .chain(figures.iter())
            .min_by_key(|s| s.start)
            .copied()
            .unwrap_or_else(|| anchor(doc, &conclusion, &OUTCOME_HEADINGS).0);
        let line = doc.line_col(first.start).line;
        cx.report(
            first,
            format!("the outcome figures (from line {line}) do not say where they were measured"),
        )
        .help("say where each number comes from: production monitoring, a load test (name the tool and the load), a benchmark, or a local run");
        Outcome::Partial(0.5)
    }
}

static STRIP_WISHES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:would|'d)\s+(?:really\s+)?(?:like|love|be happy|be glad|enjoy)(?-u:\b)",
    )
    .expect("wish pattern")
});
static REFLECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:in hindsight|hindsight|in retrospect|looking back|next time|differently|should have|could have|might have|would have|should've|could've|would've|wish (?:i|we)|if (?:i|we) (?:were|was|had|did|could|started|built|ever)|(?:was|were) (?:the )?wrong|the wrong (?:choice|call|tool|decision)|mistakes?|regret(?-u:\w)*|(?:i|we) (?:now )?(?:know|understand|realize|realise|see) (?:now|that)|now (?:i|we) (?:know|understand|realize|realise|see)|trade-?offs? (?:i|we) (?:now )?understand|i'd|we'd|i would|we would)(?-u:\b)")
        .expect("reflection pattern")
});
static WOULD_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:i'd|we'd|i would|we would)\s+(?:(?-u:\w)+\s+)?(?:start|use|choose|pick|adopt|go|do|build|design|introduce|switch|move|keep|avoid|prefer|invest|spend|set|split|write|test|plan|replace|begin|make|add|implement|extract|separate|skip|structure|consider|rethink|reconsider|migrate)(?-u:\b)")
        .expect("would pattern")
});
static SOONER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:instead|rather than|earlier|sooner|from the start|from day one|from the beginning|at the start|up front|upfront|first|again|than|too late|if)(?-u:\b)")
        .expect("sooner pattern")
});

/// A learning framed as what would be done differently (not a plan or a wish).
fn reflects(text: &str) -> bool {
    let t = text.replace('’', "'");
    let t = STRIP_WISHES.replace_all(&t, "");
    let Some(m) = REFLECTION.find(&t) else {
        return false;
    };
    let bare_would = matches!(
        m.as_str().to_ascii_lowercase().as_str(),
        "i'd" | "we'd" | "i would" | "we would"
    );
    // "I would…" alone may be a plan; with "instead", "earlier", "from the start" it is
    // a learning.
    !bare_would
        || REFLECTION.find_iter(&t).count() > 1
        || (WOULD_VERB.is_match(&t) && SOONER.is_match(&t))
}

declare_rule! {
    /// ## What it checks
    /// The learnings say what would be done differently, framed as a trade-off now
    /// understood: "in hindsight", "next time", "I would … instead", "if we had
    /// more users", "should have". It reads the conclusion sections and any
    /// section headed like learnings ("Lessons Learned", "What I'd Do Differently"),
    /// and does not mistake plans ("we'd like to add…") for reflection.
    ///
    /// ## Why evaluators care
    /// Reflection is what reviewers look for in senior candidates. "I learned React" is
    /// a résumé line; "we hand-rolled the job queue to save a dependency, and next time
    /// we would take an off-the-shelf one, because retries cost us two weeks" shows you
    /// understand the trade-off you made.
    ///
    /// ## Weak
    /// "Lessons learned: teamwork, Docker and how to write tests."
    ///
    /// ## Strong
    /// "We stored trips as one JSON document to ship faster. In hindsight a trips table
    /// with a stops table would have saved the three migrations that reporting forced on
    /// us; next time I would model it relationally from the start."
    ///
    /// ## How to fix
    /// For two or three decisions, write what you chose, what it cost you in practice,
    /// and what you would choose now and under which conditions.
    ///
    /// ## What it cannot see
    /// It recognises the framing, not the insight: any sentence with "in hindsight" or
    /// "next time" passes.
    pub LearningsAsTradeOffs {
        id: "CON902",
        name: "learnings-as-trade-offs",
        area: Conclusion,
        criterion: Architecture,
        severity: Warning,
    }
}

impl Check for LearningsAsTradeOffs {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let (conclusion, extra) = scope(doc, cx, &LEARNING_HEADINGS);
        let spans: Vec<Span> = conclusion
            .iter()
            .chain(extra.iter())
            .map(|s| s.span)
            .collect();
        let found = spans
            .iter()
            .any(|sp| units(doc, *sp).iter().any(|(_, t)| reflects(t)));
        if found {
            return Outcome::Pass;
        }
        // Report at the learnings heading when there is one.
        let learnings = conclusion
            .iter()
            .chain(extra.iter())
            .flat_map(|s| doc.sections_in(s.span))
            .find(|x| heading_has(x, &LEARNING_HEADINGS));
        match learnings {
            Some(l) => {
                let line = doc.line_col(l.heading.start).line;
                cx.report(
                    l.heading,
                    format!("the learnings (line {line}) do not say what you would do differently or what trade-off you now understand"),
                )
            }
            None => {
                let (at, place) = anchor(doc, &conclusion, &LEARNING_HEADINGS);
                cx.report(
                    at,
                    format!("{place} has no learnings: nothing says what you would do differently"),
                )
            }
        }
        .help("for two or three decisions, say what you chose, what it cost, and what you would choose now, e.g. \"next time I would model trips relationally from the start instead of as one JSON document\"");
        Outcome::Fail
    }
}

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:in the future|future (?:work|plans?|improvements?|features?|versions?|releases?|iterations?)|next steps?|plan(?:ning)? to|we plan|i plan|planned|roadmap|v2|version 2|going forward|(?:would|'d|’d) (?:like|love) to (?:add|build|implement|explore|support|integrate|introduce|extend|improve|try)|upcoming|will (?:add|implement|introduce|support|build|explore|integrate|extend)|(?:can|could) be extended|to be added)(?-u:\b)")
        .expect("future pattern")
});

declare_rule! {
    /// ## What it checks
    /// Next steps are listed: a section headed like next steps ("Future Work", "Next
    /// Steps", "Roadmap", "What's Next") with content, anywhere in the document, or
    /// wording in the conclusion that lists what comes next ("in the future we plan
    /// to…", "v2 will add…").
    ///
    /// ## Why evaluators care
    /// Next steps show you think about the product beyond the code you shipped, and
    /// that you know what the current version lacks — ideally ranked by impact.
    ///
    /// ## Weak
    /// A conclusion that ends with "The project was a great learning experience."
    ///
    /// ## Strong
    /// "Next: offline booking for rural clinics (a third of missed appointments), then
    /// a waiting-list that fills cancellations, then moving reminders to WhatsApp."
    ///
    /// ## How to fix
    /// Add a short "Next Steps" list, ordered by impact, with one line each on why.
    ///
    /// ## What it cannot see
    /// Whether the steps are ranked or worth doing; a single vague "more features in
    /// the future" counts.
    pub NextSteps {
        id: "CON903",
        name: "next-steps",
        area: Conclusion,
        criterion: Clarity,
        severity: Info,
        fix: Template,
    }
}

impl Check for NextSteps {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let (conclusion, _) = scope(doc, cx, &FUTURE_HEADINGS);
        let future_section = doc.sections.iter().any(|s| {
            heading_has(s, &FUTURE_HEADINGS)
                && (Document::in_span(&doc.list_items, s.body).next().is_some()
                    || !doc.prose().sentences_in(s.body).is_empty())
        });
        if future_section {
            return Outcome::Pass;
        }
        let said = conclusion
            .iter()
            .any(|s| units(doc, s.span).iter().any(|(_, t)| FUTURE.is_match(t)));
        if said {
            return Outcome::Pass;
        }
        let (at, place) = anchor(doc, &conclusion, &FUTURE_HEADINGS);
        cx.report(at, format!("{place} lists no next steps"))
            .help("add a short \"Next Steps\" list of what you would build or fix next, ordered by impact, one line each on why")
            .fix_if(super::fixes::append_part(
                doc,
                "conclusion",
                "next_steps",
                "insert a Next steps list to fill in",
            ));
        Outcome::Fail
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflection_is_not_a_plan() {
        assert!(reflects("In hindsight the single database was a mistake."));
        assert!(reflects(
            "I would adopt a monorepo from the start instead of two repos."
        ));
        assert!(reflects("Trello might have been simpler than Jira."));
        assert!(!reflects("We would like to add locker pickup."));
        assert!(!reflects("We’d love to support more carriers."));
        assert!(!reflects("Not only would Bedrock give users more models."));
    }

    #[test]
    fn durations_and_team_sizes_are_not_outcomes() {
        assert!(NOT_AN_OUTCOME.is_match("12-week"));
        assert!(NOT_AN_OUTCOME.is_match("3 months"));
        assert!(NOT_AN_OUTCOME.is_match("4 engineers"));
        assert!(!NOT_AN_OUTCOME.is_match("200ms"));
    }
}
