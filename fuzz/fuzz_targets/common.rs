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

fn valid(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: start after end: {span:?}");
    assert!(span.end as usize <= text.len(), "{what}: past the end: {span:?}");
    assert!(
        text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize),
        "{what}: not on a character boundary: {span:?}"
    );
}

/// Every span in the model lies on character boundaries inside the text.
pub fn check_model(doc: &Document) {
    let t = doc.text();
    for h in &doc.headings {
        valid(t, h.span, "heading");
    }
    for p in &doc.paragraphs {
        valid(t, p.span, "paragraph");
    }
    for i in &doc.list_items {
        valid(t, i.span, "list item");
    }
    for tb in &doc.tables {
        valid(t, tb.span, "table");
        for c in tb.header.iter().chain(tb.rows.iter().flatten()) {
            valid(t, c.span, "cell");
        }
    }
    for c in &doc.code_blocks {
        valid(t, c.span, "code block");
        valid(t, c.body, "code body");
    }
    for l in &doc.links {
        valid(t, l.span, "link");
    }
    for i in &doc.images {
        valid(t, i.span, "image");
    }
    for c in &doc.components {
        valid(t, c.span, "component");
    }
    for s in &doc.sections {
        valid(t, s.span, "section");
        valid(t, s.body, "section body");
        valid(t, s.heading, "section heading");
    }
    for i in &doc.parse_issues {
        valid(t, i.span, "parse issue");
    }
    let prose = doc.prose();
    for s in &prose.sentences {
        valid(t, s.span, "sentence");
    }
    for q in &prose.quantities {
        valid(t, q.span, "quantity");
    }
    for a in &prose.acronyms {
        valid(t, a.span, "acronym");
    }
}

pub fn check_report(doc: &Document, report: &Report) {
    for d in &report.diagnostics {
        valid(doc.text(), d.span, d.rule);
        let _ = doc.line_col(d.span.start);
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
