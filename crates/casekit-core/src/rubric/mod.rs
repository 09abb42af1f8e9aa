//! The guide's rubric as a transparent scorecard.
//!
//! Each criterion is scored out of 100 from two groups of items:
//! - the rules that feed it (a third of the criterion): a rule outcome is worth the
//!   profile's points for the rule's default severity (`rubric.rule_points`), times its
//!   credit (pass 1, fail 0, a per-instance rule the share of instances that pass); a rule
//!   that does not apply is left out;
//! - the measures that feed it (the other two thirds): a measure is worth `points`, times
//!   a linear curve between `zero` and `full`.
//!
//! Most rules ask for the guide's form (a heading, a table, a column); the measures read
//! substance wherever it stands (alternatives weighed, costs accepted, failures met,
//! figures, diagrams). Giving form a third keeps the rules' advice worth following
//! without letting a filled template outscore a reasoned narrative. A group with no items
//! gives its share to the other. Each item's `earned`/`available` is in the criterion's
//! points, so they add up to its score.
//!
//! A document that mostly instructs its reader (a guide, a how-to, a template) rather
//! than tells of a project is capped below Acceptable on depth, architecture and
//! evidence ([`Substance::instruction_share`]); unfilled template slots (STR004) cap the
//! total below Acceptable. Level by the profile's thresholds; total = Σ weight × score ÷
//! Σ weight. Every lost point is an [`Item`], and [`Scorecard::improvements`] ranks them
//! by the total points each would win back: they add up to the gap between the total
//! and 100.

mod measured;
mod substance;

pub use self::measured::measure_advice;
use self::measured::{measure, Signals};
pub use self::substance::Substance;

use crate::document::Document;
use crate::measures::Measures;
use crate::profile::Profile;
use crate::re::Regex;
use crate::rules::{Outcome, Report, Severity};
use serde::Serialize;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Excellent,
    Acceptable,
    NeedsWork,
}

impl Level {
    pub fn of(score: f64, profile: &Profile) -> Level {
        if score >= profile.rubric.excellent {
            Level::Excellent
        } else if score >= profile.rubric.acceptable {
            Level::Acceptable
        } else {
            Level::NeedsWork
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Level::Excellent => "Excellent",
            Level::Acceptable => "Acceptable",
            Level::NeedsWork => "Needs Work",
        }
    }
}

/// Where points come from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    Rule { id: String },
    Measure { id: String, value: f64 },
}

/// One line of a criterion's account.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub source: Source,
    pub earned: f64,
    pub available: f64,
    /// What the item stands for, in words.
    pub note: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CriterionScore {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub score: f64,
    pub level: Level,
    pub earned: f64,
    pub available: f64,
    pub items: Vec<Item>,
}

/// A fix and the total points it would win back.
#[derive(Clone, Debug, Serialize)]
pub struct Improvement {
    /// A rule ID, or a measure id such as `figures`.
    pub rule: String,
    pub gain: f64,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Scorecard {
    pub total: f64,
    pub level: Level,
    pub criteria: Vec<CriterionScore>,
    pub improvements: Vec<Improvement>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Linear credit between `zero` (no credit) and `full` (all of it), clamped.
pub fn ramp(value: f64, zero: f64, full: f64) -> f64 {
    if (full - zero).abs() < f64::EPSILON {
        return if value >= full { 1.0 } else { 0.0 };
    }
    ((value - zero) / (full - zero)).clamp(0.0, 1.0)
}

/// Sentences and table cells that give a reason, weigh an alternative or name a cost.
pub fn reasoning_units(doc: &Document, profile: &Profile) -> u32 {
    let re = reasoning_regex(profile);
    let sentences = doc
        .prose()
        .sentences
        .iter()
        .filter(|s| re.is_match(&s.text))
        .count();
    let cells = doc
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().flatten())
        .filter(|c| re.is_match(&c.text.text))
        .count();
    (sentences + cells) as u32
}

use self::substance::word_regex as build_regex;

/// The guide's marker pattern is compiled once per process; another profile's vocabulary
/// is compiled when it differs.
fn reasoning_regex(profile: &Profile) -> std::borrow::Cow<'static, Regex> {
    static GUIDE: OnceLock<Regex> = OnceLock::new();
    let guide = Profile::guide();
    if profile.vocabulary.reasoning_markers == guide.vocabulary.reasoning_markers {
        std::borrow::Cow::Borrowed(
            GUIDE.get_or_init(|| build_regex(&guide.vocabulary.reasoning_markers)),
        )
    } else {
        std::borrow::Cow::Owned(build_regex(&profile.vocabulary.reasoning_markers))
    }
}

/// Distinct technologies from the profile's `named_tools` that the prose and tables name.
pub fn technologies(doc: &Document, profile: &Profile) -> u32 {
    static GUIDE: OnceLock<Regex> = OnceLock::new();
    let guide = Profile::guide();
    let re = if profile.vocabulary.named_tools == guide.vocabulary.named_tools {
        std::borrow::Cow::Borrowed(GUIDE.get_or_init(|| build_regex(&guide.vocabulary.named_tools)))
    } else {
        std::borrow::Cow::Owned(build_regex(&profile.vocabulary.named_tools))
    };
    let mut seen = std::collections::BTreeSet::new();
    let texts = doc.prose().sentences.iter().map(|s| s.text.as_str()).chain(
        doc.tables
            .iter()
            .flat_map(|t| t.rows.iter().flatten())
            .map(|c| c.text.text.as_str()),
    );
    for t in texts {
        for m in re.find_iter(t) {
            seen.insert(m.as_str().to_ascii_lowercase());
        }
    }
    seen.len() as u32
}

impl Scorecard {
    /// The improvements worth telling a writer, largest first: a gain under 0.05 points
    /// is rounding, not advice. Every front end lists these (terminal, page, cohort).
    pub fn advice(&self) -> impl Iterator<Item = &Improvement> {
        self.improvements.iter().filter(|i| i.gain >= 0.05)
    }

    /// Scores a checked document. Pure and deterministic: the same text and profile give
    /// the same scorecard everywhere. `profile` must be the one `report` was checked
    /// with: measures the check already took are reused.
    pub fn score(doc: &Document, report: &Report, profile: &Profile) -> Scorecard {
        let owned;
        let measures = match &report.measures {
            Some(m) => m,
            None => {
                owned = Measures::of(doc, profile);
                &owned
            }
        };
        let sig = Signals {
            reasoning: reasoning_units(doc, profile),
            technologies: technologies(doc, profile),
            substance: Substance::of(doc, profile),
        };
        let rubric = &profile.rubric;
        let weight_sum: f64 = rubric
            .criteria
            .iter()
            .map(|c| c.weight)
            .sum::<f64>()
            .max(f64::EPSILON);
        let instructing = sig.substance.instruction_share();
        let criteria: Vec<CriterionScore> = rubric
            .criteria
            .iter()
            .map(|c| {
                let rules = rule_items(c.id.as_str(), report, profile);
                let mut measured = measure_items(c.id.as_str(), measures, &sig, profile);
                blend_best(&mut measured, rubric.best_of.get(&c.id).copied().unwrap_or(0.0));
                let mut items = scale(rules, measured, rubric.rule_share);
                let mut earned: f64 = items.iter().map(|i| i.earned).sum();
                if instructing >= rubric.instruction_gate
                    && rubric.instruction_capped.contains(&c.id)
                    && earned > rubric.instruction_cap
                {
                    // The excess is an item of its own, so the account still adds up and
                    // the improvements say why the points are gone.
                    let excess = earned - rubric.instruction_cap;
                    items.push(Item {
                        source: Source::Measure {
                            id: "own_project".into(),
                            value: round1(instructing * 100.0),
                        },
                        earned: -excess,
                        available: 0.0,
                        note: format!(
                            "{:.0}% of sentences tell the reader what to do: this reads as a guide, not an account of a project",
                            instructing * 100.0
                        ),
                    });
                    earned = rubric.instruction_cap;
                }
                let available: f64 = items.iter().map(|i| i.available).sum();
                let score = if available > 0.0 { earned } else { 100.0 };
                CriterionScore {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    weight: c.weight,
                    score: round1(score),
                    level: Level::of(score, profile),
                    earned,
                    available,
                    items,
                }
            })
            .collect();
        let exact_total: f64 = criteria
            .iter()
            .map(|c| c.weight * if c.available > 0.0 { c.earned } else { 100.0 })
            .sum::<f64>()
            / weight_sum;
        // Each lost point, converted to total points by its criterion's weight share.
        // Summed per rule or measure across criteria.
        let mut gains: Vec<Improvement> = Vec::new();
        for c in &criteria {
            for i in &c.items {
                let lost = i.available - i.earned;
                if lost <= 1e-9 {
                    continue;
                }
                let gain = lost * c.weight / weight_sum;
                let (key, message) = match &i.source {
                    Source::Rule { id } => (id.clone(), i.note.clone()),
                    Source::Measure { id, .. } => {
                        (id.clone(), format!("{}: {}", i.note, measure_advice(id)))
                    }
                };
                match gains.iter_mut().find(|g| g.rule == key) {
                    Some(g) => g.gain += gain,
                    None => gains.push(Improvement {
                        rule: key,
                        gain,
                        message,
                    }),
                }
            }
        }
        // A document with template slots left is unfinished: whatever its other parts
        // earn, it cannot pass as Acceptable. The cap's cost is charged to STR004, so the
        // improvements still add up to the gap.
        let slots = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "STR004")
            .count();
        let cap = rubric.acceptable - 0.1;
        let mut exact_total = exact_total;
        if slots > 0 && exact_total > cap {
            let excess = exact_total - cap;
            exact_total = cap;
            let message = format!("replace the {slots} template placeholders: until then the total is capped below Acceptable");
            match gains.iter_mut().find(|g| g.rule == "STR004") {
                Some(g) => {
                    g.gain += excess;
                    g.message = message;
                }
                None => gains.push(Improvement {
                    rule: "STR004".into(),
                    gain: excess,
                    message,
                }),
            }
        }
        gains.sort_by(|a, b| b.gain.total_cmp(&a.gain).then(a.rule.cmp(&b.rule)));
        for g in &mut gains {
            g.gain = (g.gain * 100.0).round() / 100.0;
        }
        let total = round1(exact_total);
        Scorecard {
            total,
            level: Level::of(total, profile),
            criteria,
            improvements: gains,
        }
    }
}

/// The outcomes of the rules feeding `criterion`, in rule points (not yet scaled).
fn rule_items(criterion: &str, report: &Report, profile: &Profile) -> Vec<Item> {
    let points = &profile.rubric.rule_points;
    report
        .results
        .iter()
        .filter(|r| r.criterion.id() == criterion)
        .filter_map(|r| {
            let credit = r.outcome.credit()?;
            let default = crate::rules::find(r.rule)
                .map(|x| x.meta().severity)
                .unwrap_or(r.severity);
            let available = match default {
                Severity::Error => points.error,
                Severity::Warning => points.warning,
                Severity::Info => points.info,
            };
            let note = match r.outcome {
                Outcome::Partial(f) => {
                    format!("{} passes for {:.0}% of what it checks", r.rule, f * 100.0)
                }
                Outcome::Pass => format!("{} passes", r.rule),
                _ => format!("{} fails", r.rule),
            };
            // A rule that lost points is best told by what it said.
            let said = report
                .diagnostics
                .iter()
                .find(|d| d.rule == r.rule)
                .map(|d| d.message.clone())
                .filter(|_| credit < 1.0);
            Some(Item {
                source: Source::Rule {
                    id: r.rule.to_string(),
                },
                earned: available * credit,
                available,
                note: said.unwrap_or(note),
            })
        })
        .collect()
}

/// The measures feeding `criterion`, in measure points (not yet scaled).
fn measure_items(criterion: &str, m: &Measures, sig: &Signals, profile: &Profile) -> Vec<Item> {
    profile
        .rubric
        .measures
        .iter()
        .filter(|spec| spec.criterion == criterion)
        .filter_map(|spec| {
            let (value, credit, note) = measure(spec, m, sig, profile)?;
            Some(Item {
                source: Source::Measure {
                    id: spec.id.clone(),
                    value,
                },
                earned: spec.points * credit,
                available: spec.points,
                note,
            })
        })
        .collect()
}

/// Gives each measure `best` of its points at the strongest measure's credit and the rest
/// at its own, so the group's credit is `best` × the strongest + (1 − `best`) × the
/// weighted mean, and each item still holds its own share of the account.
fn blend_best(items: &mut [Item], best: f64) {
    if best <= 0.0 {
        return;
    }
    let credit = |i: &Item| {
        if i.available > 0.0 {
            i.earned / i.available
        } else {
            0.0
        }
    };
    let strongest = items.iter().map(credit).fold(0.0, f64::max);
    for i in items {
        let own = credit(i);
        i.earned = i.available * (best * strongest + (1.0 - best) * own);
    }
}

/// Puts both groups on the criterion's 100 points: the rules get `rule_share` of them and
/// the measures the rest; a group with nothing to say gives its share to the other.
fn scale(rules: Vec<Item>, measured: Vec<Item>, rule_share: f64) -> Vec<Item> {
    let sum = |v: &[Item]| v.iter().map(|i| i.available).sum::<f64>();
    let (r, m) = (sum(&rules), sum(&measured));
    let (rs, ms) = match (r > 0.0, m > 0.0) {
        (true, true) => (rule_share, 1.0 - rule_share),
        (true, false) => (1.0, 0.0),
        (false, true) => (0.0, 1.0),
        (false, false) => (0.0, 0.0),
    };
    let mut out = Vec::with_capacity(rules.len() + measured.len());
    for (group, total, share) in [(rules, r, rs), (measured, m, ms)] {
        let k = if total > 0.0 {
            100.0 * share / total
        } else {
            0.0
        };
        out.extend(group.into_iter().map(|mut i| {
            i.earned *= k;
            i.available *= k;
            i
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramps_rise_and_fall() {
        assert_eq!(ramp(5.0, 0.0, 10.0), 0.5);
        assert_eq!(ramp(20.0, 0.0, 10.0), 1.0);
        assert!((ramp(0.1, 0.15, 0.02) - 0.3846).abs() < 1e-3);
        assert_eq!(ramp(0.5, 0.15, 0.02), 0.0);
    }
}
