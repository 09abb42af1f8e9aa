//! Invariants every fuzz target asserts on the model and the report.
// Each target includes this module and uses part of it.
#![allow(dead_code)]

use casekit_core::{Document, Report, Span};
use std::sync::Once;

/// The MDX parser's internal panics are caught by the library (and reported as a parse
/// issue); every other panic is a finding and aborts, as libFuzzer expects.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            if casekit_core::document::is_parser_panic(info.location()) {
                return;
            }
            eprintln!("{info}");
            std::process::abort();
        }));
    });
}

/// Every span in the model (and its prose) lies on character boundaries inside the text.
pub fn check_model(doc: &Document) {
    check_all(doc, doc.spans());
}

/// Every span of the model and of the report's diagnostics is valid.
pub fn check_report(doc: &Document, report: &Report) {
    check_all(doc, report.diagnostics.iter().map(|d| (d.rule, d.span)));
    for d in &report.diagnostics {
        let _ = doc.line_col(d.span.start);
    }
}

fn check_all(doc: &Document, spans: impl IntoIterator<Item = (&'static str, Span)>) {
    for (what, span) in spans {
        if let Some(problem) = doc.span_problem(span) {
            panic!("{what}: {span:?} {problem}");
        }
    }
}

/// Reads `data` as a document named `name` (its extension picks Markdown or MDX), runs
/// every rule, and checks the report's spans.
pub fn check_as(name: &str, data: &[u8]) {
    install_panic_hook();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let profile = casekit_core::Profile::guide();
    let doc = Document::parse(casekit_core::Source::new(name, text), profile);
    let report = casekit_core::check(&doc, &casekit_core::Settings::new(profile));
    check_report(&doc, &report);
}
