//! Between the core's byte spans and the protocol's UTF-16 positions, and from the
//! core's diagnostics to the protocol's.

use crate::state::{Checked, Open};
use casekit_core::{Document, Severity, Span};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range, Url,
};

/// Where the rule reference lives; each rule has an anchor named after its ID.
pub const RULES_DOC: &str = "https://github.com/casekit/casekit/blob/main/docs/rules.md";

pub fn position(doc: &Document, offset: u32) -> Position {
    let (line, character) = doc.lines.utf16_col(doc.text(), offset);
    Position { line, character }
}

pub fn range(doc: &Document, span: Span) -> Range {
    Range {
        start: position(doc, span.start),
        end: position(doc, span.end),
    }
}

/// The byte offset of a protocol position (clamped into the text).
pub fn offset(doc: &Document, p: Position) -> u32 {
    doc.lines.offset_of_utf16(doc.text(), p.line, p.character)
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub fn rule_href(rule: &str) -> Option<Url> {
    Url::parse(&format!("{RULES_DOC}#{}", rule.to_ascii_lowercase())).ok()
}

pub fn diagnostic(doc: &Document, d: &casekit_core::Diagnostic) -> Diagnostic {
    let message = if d.help.is_empty() {
        d.message.clone()
    } else {
        format!("{}\nhelp: {}", d.message, d.help)
    };
    Diagnostic {
        range: range(doc, d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: rule_href(d.rule).map(|href| CodeDescription { href }),
        source: Some("casekit".into()),
        message,
        ..Default::default()
    }
}

fn notice(range: Range, code: &str, message: String) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(code.into())),
        source: Some("casekit".into()),
        message,
        ..Default::default()
    }
}

/// Every diagnostic to publish for an open document.
pub fn diagnostics(open: &Open) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let top = Range::default();
    if let Some(e) = &open.config_error {
        out.push(notice(
            top,
            "config",
            format!("casekit.toml could not be used (checked with the defaults): {e}"),
        ));
    }
    match &open.checked {
        Checked::Done(a) => out.extend(
            a.report
                .diagnostics
                .iter()
                .map(|d| diagnostic(&a.document, d)),
        ),
        Checked::Refused {
            document,
            message,
            at,
        } => {
            let r = document
                .as_deref()
                .map(|d| range(d, Span::empty(*at as usize)))
                .unwrap_or(top);
            out.push(notice(r, "limit", message.clone()));
        }
    }
    out
}
