//! casekit-core: the document model, the rules and the rubric for engineering case
//! studies. Pure: no terminal, no process exit, no file system access in rules.

pub mod config;
pub mod diagram;
pub mod document;
pub mod measures;
pub mod profile;
pub mod scaffold;
pub mod source;
pub mod suppress;

pub use document::Document;
pub use measures::Measures;
pub use profile::Profile;
pub use source::{Format, LineCol, LineIndex, Source, Span};
pub mod rubric;
pub mod rules;

pub use rubric::Scorecard;
pub use rules::{check, Diagnostic, Outcome, Report, Rule, Settings, Severity};
