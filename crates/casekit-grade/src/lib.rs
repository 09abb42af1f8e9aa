//! Grading a cohort: one [`Row`] per scored document, written as CSV ([`table`]), JSON
//! ([`table::write_grades_json`]) and a self-contained dashboard page ([`dashboard`]).
//!
//! The crate only renders what the core computed: every figure comes from a document's
//! `Analysis` (its report and scorecard), kept as a small [`Summary`].

pub mod baseline;
pub mod dashboard;
mod plots;
pub mod summary;
pub mod table;

pub use baseline::Baseline;
pub use summary::{Cohort, Lesson, Loss, Summary};

/// The layout version of `grades.json`; a baseline of another version is refused.
pub const VERSION: u32 = 1;

/// One graded document.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The path as the user named it (forward slashes on every system).
    pub path: String,
    pub summary: Summary,
    /// Its total in the baseline round, when it was graded then.
    pub before: Option<f64>,
    /// Its report page, relative to the dashboard, when one was written.
    pub page: Option<String>,
}

impl Row {
    /// Points gained (or lost, when negative) since the baseline round.
    pub fn change(&self) -> Option<f64> {
        self.before.map(|b| round1(self.summary.total - b))
    }
}

/// A document that could not be graded, and why.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Failed {
    pub path: String,
    pub reason: String,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
