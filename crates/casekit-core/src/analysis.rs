//! The one entry point every front end uses: parse once, check, score.
//!
//! The CLI, the language server, the HTML report and the cohort grader all call
//! [`Analysis::run`] (or [`Analysis::of`] for a document they already parsed), so what
//! each shows — diagnostics, scorecard, the model a page renders — cannot drift apart.

use crate::document::{Document, Refused};
use crate::rubric::Scorecard;
use crate::rules::{check, Report, Settings};
use crate::source::Source;

/// Everything casekit knows about one document.
pub struct Analysis {
    /// The parsed model: sections, tables, diagrams, prose.
    pub document: Document,
    /// The rules' outcomes and diagnostics, sorted by position.
    pub report: Report,
    /// The rubric's scorecard, read from `report`.
    pub scorecard: Scorecard,
}

impl Analysis {
    /// Parses `source` and checks and scores it under `settings`. A document over one of
    /// the profile's limits is refused (the caller reports it; nothing is checked).
    pub fn run(source: Source, settings: &Settings) -> Result<Analysis, Box<Refused>> {
        let document = Document::try_parse(source, settings.profile)?;
        Ok(Analysis::of(document, settings))
    }

    /// Checks and scores a document already parsed with `settings.profile`.
    pub fn of(document: Document, settings: &Settings) -> Analysis {
        let report = check(&document, settings);
        let scorecard = Scorecard::score(&document, &report, settings.profile);
        Analysis {
            document,
            report,
            scorecard,
        }
    }
}
