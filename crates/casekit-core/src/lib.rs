//! casekit-core: the document model, the rules and the rubric for engineering case
//! studies. Pure: no terminal, no process exit, no file system access in rules.

pub mod diagram;
pub mod document;
pub mod profile;
pub mod source;

pub use document::Document;
pub use profile::Profile;
pub use source::{Format, LineCol, LineIndex, Source, Span};
pub mod rules;

pub use rules::{check, Diagnostic, Outcome, Report, Rule, Settings, Severity};
