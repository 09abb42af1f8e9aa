//! The one entry point every front end uses: parse once, check, score.
//!
//! The CLI, the language server, the HTML report and the cohort grader all call
//! [`Analysis::run`] (or [`Analysis::of`] for a document they already parsed), so what
//! each shows — diagnostics, scorecard, the model a page renders — cannot drift apart.
//! This is the top of the core: it owns the document and what is read from it once (the
//! parsed diagrams), and hands them to the rules and the rubric below it.

use crate::diagram::{parse_document, Diagram};
use crate::document::{Document, Refused};
use crate::profile::Profile;
use crate::rubric::Scorecard;
use crate::rules::{check_with_diagrams, Report, Settings};
use crate::source::Source;

/// Everything casekit knows about one document.
pub struct Analysis {
    /// The parsed model: sections, tables, code blocks, prose.
    pub document: Document,
    /// The document's Mermaid blocks, parsed once, in document order.
    pub diagrams: Vec<Diagram>,
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
        let diagrams = parse_document(&document);
        let report = check_with_diagrams(&document, &diagrams, settings);
        let scorecard = Scorecard::score(&document, &report, settings.profile);
        Analysis {
            document,
            diagrams,
            report,
            scorecard,
        }
    }
}

/// Builds, ahead of need, the patterns and parser state the rules and the rubric use
/// ([`crate::rules::warm_up`], then the rubric on the same example). Call it on a second
/// thread while the first file is read; the results are discarded.
pub fn warm_up(profile: &Profile) {
    let doc = Document::parse(Source::new("warm-up.md", crate::rules::WARM_UP), profile);
    crate::rules::warm_up_on(&doc, profile);
    // The rubric's own patterns (reasoning, technologies) and the measures: an empty
    // report reaches them without running the rules a second time.
    let _ = Scorecard::score(&doc, &Report::default(), profile);
}
