//! casekit-core: the document model, the rules and the rubric for engineering case
//! studies. Pure: no terminal, no process exit, no file system access in rules.

pub mod analysis;
pub mod config;
pub mod diagram;
pub mod document;
mod fixpoint;
pub mod limits;
pub mod measures;
pub mod profile;
mod re;
pub mod scaffold;
mod search;
pub mod source;

pub use analysis::{warm_up, Analysis};
pub use document::{Document, Refused};
pub use fixpoint::{fix_to_fixed_point, FixedPoint, MAX_FIX_PASSES};
pub use limits::LimitError;
pub use measures::Measures;
pub use profile::Profile;
pub use source::{Format, LineCol, LineIndex, Source, Span};
pub mod rubric;
pub mod rules;

pub use rubric::Scorecard;
pub use rules::{check, suppress, Diagnostic, Outcome, Report, Rule, Settings, Severity};

/// Installs a panic hook that keeps quiet about the MDX parser's internal errors (they
/// are caught and reported as a parse issue) and reports every other panic as before.
pub fn silence_parser_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !document::is_parser_panic(info.location()) {
            previous(info);
        }
    }));
}
