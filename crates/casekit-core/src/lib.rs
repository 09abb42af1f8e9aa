//! casekit-core: the document model, the rules and the rubric for engineering case
//! studies. Pure: no terminal, no process exit, no file system access in rules.

pub mod config;
pub mod document;
pub mod measures;
pub mod profile;
mod re;
pub mod scaffold;
mod search;
pub mod source;
pub mod suppress;

pub use document::Document;
pub use measures::Measures;
pub use profile::Profile;
pub use source::{Format, LineCol, LineIndex, Source, Span};
pub mod rules;

pub use rules::{check, Diagnostic, Outcome, Report, Rule, Settings, Severity};
