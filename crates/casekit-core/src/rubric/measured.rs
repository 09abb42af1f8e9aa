//! The criteria read from the document's measures: each measure's value, its credit
//! and a note in words, and the advice for a measure that lost points.

use super::ramp;
use super::round1;
use super::substance::Substance;
use crate::measures::Measures;
use crate::profile::{MeasureSpec, Profile};

/// Signals the rubric reads besides the measures.
pub(super) struct Signals {
    pub(super) reasoning: u32,
    pub(super) technologies: u32,
    pub(super) substance: Substance,
}

/// A measure's value, its credit in 0..=1 and a note in words.
pub(super) fn measure(
    spec: &MeasureSpec,
    m: &Measures,
    sig: &Signals,
    profile: &Profile,
) -> Option<(f64, f64, String)> {
    let t = &profile.thresholds;
    let per_1000 = |n: f64| {
        if m.words == 0 {
            0.0
        } else {
            n * 1000.0 / m.words as f64
        }
    };
    // Most measures are a value on a straight line between the spec's `zero` and `full`.
    let linear = |v: f64, what: &str| {
        (
            round1(v),
            ramp(v, spec.zero, spec.full),
            format!("{what} (full credit at {:.0})", spec.full),
        )
    };
    Some(match spec.id.as_str() {
        "reading_ease" => {
            let v = m.reading_ease?;
            linear(v, &format!("reading ease {v:.0}"))
        }
        "pages" => {
            let p = m.pages.pages;
            let credit = if p < t.min_pages {
                p / t.min_pages
            } else if p > t.max_pages {
                (1.0 - (p - t.max_pages) / t.max_pages).max(0.0)
            } else {
                1.0
            };
            (
                p,
                credit,
                format!(
                    "about {p:.1} pages ({} asks for {:.0}–{:.0})",
                    profile.voice(),
                    t.min_pages,
                    t.max_pages
                ),
            )
        }
        "long_sentences" => {
            if m.sentences == 0 {
                return None;
            }
            let share = m.long_sentences as f64 / m.sentences as f64;
            (
                round1(share * 100.0),
                ramp(share, spec.zero, spec.full),
                format!(
                    "{:.0}% of sentences over {} words",
                    share * 100.0,
                    t.max_sentence_words
                ),
            )
        }
        "figure_density" => {
            let v = per_1000(m.quantities as f64);
            linear(v, &format!("{v:.1} figures with units per 1,000 words"))
        }
        "figures" => linear(
            m.quantities as f64,
            &format!("{} with units", count(m.quantities, "figure", "figures")),
        ),
        "reasoning_density" => {
            let v = per_1000(sig.reasoning as f64);
            linear(v, &format!("{v:.1} reasoned statements per 1,000 words"))
        }
        "reasoning" => linear(
            sig.reasoning as f64,
            &format!(
                "{} giving a reason, an alternative or a cost",
                count(sig.reasoning, "statement", "statements")
            ),
        ),
        "technologies" => linear(
            sig.technologies as f64,
            &format!(
                "{} named",
                count(
                    sig.technologies,
                    "distinct technology",
                    "distinct technologies"
                )
            ),
        ),
        "alternatives" => linear(
            sig.substance.alternatives as f64,
            &format!(
                "{} weighing an alternative",
                count(sig.substance.alternatives, "statement", "statements")
            ),
        ),
        "trade_offs" => linear(
            sig.substance.trade_offs as f64,
            &format!(
                "{} naming a cost accepted",
                count(sig.substance.trade_offs, "statement", "statements")
            ),
        ),
        "failures" => linear(
            sig.substance.failures as f64,
            &format!(
                "{} telling of something that went wrong",
                count(sig.substance.failures, "statement", "statements")
            ),
        ),
        "visuals" => {
            let v = m.visuals.diagrams + m.visuals.images + m.visuals.videos;
            let what = if v == 1 {
                "diagram, image or video"
            } else {
                "diagrams, images or videos"
            };
            linear(v as f64, &format!("{v} {what}"))
        }
        _ => return None,
    })
}

/// "1 figure", "3 figures".
fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What to tell a writer about a measure that lost points (the cohort dashboard
/// shows it for a measure the way it shows a rule's summary).
pub fn measure_advice(id: &str) -> &'static str {
    match id {
        "reading_ease" => "shorten sentences and prefer plain words in the densest sections",
        "pages" => "bring the length into the page range: cut pasted code and repetition, or add the missing substance",
        "long_sentences" => "split sentences over the length limit",
        "figure_density" | "figures" => "back claims with measured figures: latencies, counts, sizes, before→after",
        "reasoning_density" | "reasoning" => "say why for each decision: the alternatives you weighed and the cost you accepted",
        "technologies" => "name the technologies you used where you explain what they do and why",
        "alternatives" => "for each major choice, name the options you weighed and why they lost",
        "trade_offs" => "say what each decision cost you: the slower path, the extra work, the risk you accepted",
        "failures" => "tell what went wrong, how you found it and what you changed: bugs, outages, wrong first designs",
        "visuals" => "add diagrams (architecture, a flow, the data model) or screenshots",
        "own_project" => "tell of a project you built (what you chose, what it cost, what broke, what you measured) rather than instruct the reader",
        _ => "improve this measure",
    }
}
