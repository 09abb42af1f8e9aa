//! What a cohort keeps of each graded document, and what it adds up to.
//!
//! A [`Summary`] is a few hundred bytes: the grader keeps one per document and drops the
//! document itself on the worker that scored it, so memory grows with the row count only.

use casekit_core::rubric::{Level, Scorecard};
use casekit_core::{Report, Severity};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One criterion's result in a summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionSummary {
    pub id: String,
    pub name: String,
    pub score: f64,
    pub level: LevelName,
}

/// A level as the table and JSON spell it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelName {
    Excellent,
    Acceptable,
    NeedsWork,
}

impl LevelName {
    pub fn label(self) -> &'static str {
        self.level().label()
    }
    fn level(self) -> Level {
        match self {
            LevelName::Excellent => Level::Excellent,
            LevelName::Acceptable => Level::Acceptable,
            LevelName::NeedsWork => Level::NeedsWork,
        }
    }
    /// The key the dashboard's CSS and JSON use.
    pub fn key(self) -> &'static str {
        match self {
            LevelName::Excellent => "excellent",
            LevelName::Acceptable => "acceptable",
            LevelName::NeedsWork => "needs_work",
        }
    }
}

impl From<Level> for LevelName {
    fn from(l: Level) -> Self {
        match l {
            Level::Excellent => LevelName::Excellent,
            Level::Acceptable => LevelName::Acceptable,
            Level::NeedsWork => LevelName::NeedsWork,
        }
    }
}

/// Points a document could win back from one rule or measure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loss {
    /// A rule ID (`CHL702`) or a measure's id (`figures`).
    pub key: String,
    pub gain: f64,
    pub message: String,
}

/// One document's grade, as the cohort keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub total: f64,
    pub level: LevelName,
    pub criteria: Vec<CriterionSummary>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Every improvement worth advice, largest first (the first is the top one).
    pub losses: Vec<Loss>,
}

impl Summary {
    pub fn of(report: &Report, card: &Scorecard) -> Summary {
        let mut counts = [0usize; 3];
        for d in &report.diagnostics {
            counts[match d.severity {
                Severity::Info => 0,
                Severity::Warning => 1,
                Severity::Error => 2,
            }] += 1;
        }
        Summary {
            total: card.total,
            level: card.level.into(),
            criteria: card
                .criteria
                .iter()
                .map(|c| CriterionSummary {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    score: c.score,
                    level: c.level.into(),
                })
                .collect(),
            errors: counts[2],
            warnings: counts[1],
            infos: counts[0],
            losses: card
                .advice()
                .map(|i| Loss {
                    key: i.rule.clone(),
                    gain: i.gain,
                    message: i.message.clone(),
                })
                .collect(),
        }
    }

    /// The single change worth most points, if any.
    pub fn top(&self) -> Option<&Loss> {
        self.losses.first()
    }
}

/// A rule or measure the cohort keeps losing points on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lesson {
    pub key: String,
    /// How many documents lose points on it.
    pub documents: usize,
    /// The points it costs the cohort, summed over those documents.
    pub points: f64,
    /// What one document was told about it (the measures have no rule summary).
    pub example: String,
}

/// Running figures over the documents graded so far.
#[derive(Default)]
pub struct Cohort {
    totals: Vec<f64>,
    /// Per criterion (in first-seen order): id, name, scores.
    criteria: Vec<(String, String, Vec<f64>)>,
    levels: [usize; 3],
    lessons: HashMap<String, Lesson>,
}

impl Cohort {
    pub fn add(&mut self, s: &Summary) {
        self.totals.push(s.total);
        self.levels[match s.level {
            LevelName::Excellent => 0,
            LevelName::Acceptable => 1,
            LevelName::NeedsWork => 2,
        }] += 1;
        for c in &s.criteria {
            match self.criteria.iter_mut().find(|(id, _, _)| *id == c.id) {
                Some((_, _, scores)) => scores.push(c.score),
                None => self
                    .criteria
                    .push((c.id.clone(), c.name.clone(), vec![c.score])),
            }
        }
        for l in &s.losses {
            let lesson = self.lessons.entry(l.key.clone()).or_insert_with(|| Lesson {
                key: l.key.clone(),
                documents: 0,
                points: 0.0,
                example: l.message.clone(),
            });
            lesson.documents += 1;
            lesson.points += l.gain;
        }
    }

    pub fn len(&self) -> usize {
        self.totals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.totals.is_empty()
    }

    pub fn totals(&self) -> &[f64] {
        &self.totals
    }

    /// Each criterion: id, name and every document's score.
    pub fn criteria(&self) -> impl Iterator<Item = (&str, &str, &[f64])> {
        self.criteria
            .iter()
            .map(|(id, name, s)| (id.as_str(), name.as_str(), s.as_slice()))
    }

    /// Documents at each level: Excellent, Acceptable, Needs Work.
    pub fn levels(&self) -> [usize; 3] {
        self.levels
    }

    pub fn mean(&self) -> Option<f64> {
        (!self.totals.is_empty()).then(|| self.totals.iter().sum::<f64>() / self.len() as f64)
    }

    /// What to teach next: the losses shared by the most documents, then the costliest;
    /// ties by key so the order is the same on every run.
    pub fn lessons(&self) -> Vec<Lesson> {
        let mut v: Vec<Lesson> = self.lessons.values().cloned().collect();
        v.sort_by(|a, b| {
            b.documents
                .cmp(&a.documents)
                .then(b.points.total_cmp(&a.points))
                .then(a.key.cmp(&b.key))
        });
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use casekit_core::{Analysis, Profile, Settings, Source};

    fn summary(text: &str) -> Summary {
        let profile = Profile::guide();
        let settings = Settings::new(profile);
        let a = Analysis::run(Source::new("t.md", text), &settings)
            .unwrap_or_else(|_| panic!("refused"));
        Summary::of(&a.report, &a.scorecard)
    }

    #[test]
    fn summary_matches_the_scorecard() {
        let text = include_str!("../../../examples/case-study.md");
        let profile = Profile::guide();
        let settings = Settings::new(profile);
        let a = Analysis::run(Source::new("e.md", text), &settings)
            .unwrap_or_else(|_| panic!("refused"));
        let s = Summary::of(&a.report, &a.scorecard);
        assert_eq!(s.total, a.scorecard.total);
        assert_eq!(s.criteria.len(), a.scorecard.criteria.len());
        assert_eq!(s.errors + s.warnings + s.infos, a.report.diagnostics.len());
        assert!(s.losses.windows(2).all(|w| w[0].gain >= w[1].gain));
    }

    #[test]
    fn cohort_counts_levels_and_shared_losses() {
        let thin = summary("# Thin\n\nA few words.\n");
        let full = summary(include_str!("../../../examples/case-study.md"));
        let mut c = Cohort::default();
        c.add(&thin);
        c.add(&thin);
        c.add(&full);
        assert_eq!(c.len(), 3);
        assert_eq!(c.levels().iter().sum::<usize>(), 3);
        assert_eq!(c.levels()[2], 2, "the thin document needs work, twice");
        let lessons = c.lessons();
        assert!(!lessons.is_empty());
        let first = &lessons[0];
        assert!(first.documents >= 2);
        let expected: f64 = [&thin, &thin, &full]
            .iter()
            .flat_map(|s| s.losses.iter().filter(|l| l.key == first.key))
            .map(|l| l.gain)
            .sum();
        assert!((first.points - expected).abs() < 1e-9);
        assert!(lessons.windows(2).all(|w| w[0].documents >= w[1].documents));
        let mean = c.mean().unwrap_or(f64::NAN);
        assert!((mean - (2.0 * thin.total + full.total) / 3.0).abs() < 1e-9);
    }
}
