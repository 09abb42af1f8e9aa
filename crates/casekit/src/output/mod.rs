//! Renderers for `check` results.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod score;

use casekit_core::{Document, Report};

/// One checked file: its model (for positions and source lines) and its report.
pub struct FileResult {
    pub doc: Document,
    pub report: Report,
}
