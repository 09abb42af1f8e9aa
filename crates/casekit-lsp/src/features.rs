//! Answers to the editor's requests, all read from one document's `Analysis`: hovers,
//! code actions, the outline and the score lens.

use crate::convert::{self, offset, position, range};
use casekit_core::rules::{self, Fix};
use casekit_core::{Analysis, Document, Format, Profile, Span};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeLens, Command, DocumentSymbol, Hover,
    HoverContents, MarkupContent, MarkupKind, Position, Range, SymbolKind, TextEdit, Url,
    WorkspaceEdit,
};
use std::collections::HashMap;

fn markdown(value: String, at: Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(at),
    }
}

/// Whether `span` holds `at` (an empty span holds its own offset).
fn holds(span: Span, at: u32) -> bool {
    span.start <= at && at <= span.end.max(span.start)
}

/// What a guide section needs: each rule that checks it, with its summary.
pub fn section_needs(profile: &Profile, id: &str) -> String {
    let title = profile
        .section(id)
        .map(|s| s.title.clone())
        .unwrap_or_else(|| id.to_string());
    let mut out = format!("**{title}**: what casekit checks in this section\n");
    for r in rules::registry() {
        let m = r.meta();
        if m.area.section_id() == Some(id) {
            out.push_str(&format!("\n- **{}** `{}`: {}", m.id, m.name, m.summary()));
        }
    }
    out.push_str("\n\n`casekit explain ID` (or a hover on a finding) tells more about each.");
    out
}

/// The explain text of the rules reported at `at`, and on the heading of a guide
/// section, what that section needs.
pub fn hover(a: &Analysis, profile: &Profile, at: Position) -> Option<Hover> {
    let doc = &a.document;
    let off = offset(doc, at);
    let mut parts = Vec::new();
    let mut span: Option<Span> = None;
    let mut seen: Vec<&str> = Vec::new();
    for d in a.report.diagnostics.iter().filter(|d| holds(d.span, off)) {
        if seen.contains(&d.rule) {
            continue;
        }
        seen.push(d.rule);
        if let Some(r) = rules::find(d.rule) {
            parts.push(format!("{}\n\n{}", d.message, r.meta().explain()));
            span.get_or_insert(d.span);
        }
    }
    let heading = doc
        .sections
        .iter()
        .find(|s| s.guide.is_some() && holds(s.heading, off));
    if let Some((s, id)) = heading.and_then(|s| Some((s, s.guide.as_deref()?))) {
        parts.push(section_needs(profile, id));
        span = Some(s.heading);
    }
    Some(markdown(parts.join("\n\n---\n\n"), range(doc, span?)))
}

fn edit(doc: &Document, uri: &Url, inserts: &[(u32, String)]) -> WorkspaceEdit {
    let edits = inserts
        .iter()
        .map(|(at, text)| {
            let p = position(doc, *at);
            TextEdit {
                range: Range { start: p, end: p },
                new_text: text.clone(),
            }
        })
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

fn fix_inserts(fix: &Fix) -> Vec<(u32, String)> {
    fix.inserts()
        .iter()
        .map(|i| (i.at(), i.text().to_string()))
        .collect()
}

/// The insertions that silence `rule` at `span`: a `disable-next-line` comment above
/// the line (indented like it), or for a finding in a table, a disable/enable pair
/// around the table (a comment between rows would end the table).
pub fn suppression(doc: &Document, rule: &str, span: Span) -> Vec<(u32, String)> {
    let text = doc.text();
    let (open, close) = match doc.source.format {
        Format::Markdown => ("<!--", "-->"),
        Format::Mdx => ("{/*", "*/}"),
    };
    let line_start = |at: u32| doc.lines.line_span(doc.lines.line_of(at), text).start;
    if let Some(t) = doc
        .tables
        .iter()
        .find(|t| t.span.contains_offset(span.start))
    {
        let start = line_start(t.span.start);
        let end_line = doc
            .lines
            .line_of(t.span.end.saturating_sub(1).max(t.span.start));
        let after = doc.lines.line_span(end_line, text).end as usize;
        return vec![
            (start, format!("{open} casekit-disable {rule} {close}\n")),
            (
                after as u32,
                format!("\n{open} casekit-enable {rule} {close}"),
            ),
        ];
    }
    let start = line_start(span.start);
    let line = doc.slice(doc.lines.line_span(doc.lines.line_of(span.start), text));
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    vec![(
        start,
        format!("{indent}{open} casekit-disable-next-line {rule} {close}\n"),
    )]
}

/// Every fix and suppression for the findings on the lines of `at` (a cursor anywhere
/// on a finding's line offers its actions, as editors ask with the cursor's position).
pub fn code_actions(a: &Analysis, uri: &Url, at: Range) -> Vec<CodeActionOrCommand> {
    let doc = &a.document;
    let (from, to) = (at.start.line, at.end.line.max(at.start.line));
    let mut out = Vec::new();
    for d in &a.report.diagnostics {
        let r = range(doc, d.span);
        if r.start.line > to || r.end.line < from {
            continue;
        }
        let lsp = convert::diagnostic(doc, d);
        if let Some(fix) = &d.fix {
            let title = if d.rule == "STR001" {
                format!("Insert the missing section ({})", fix.message)
            } else {
                format!("Fix {}: {}", d.rule, fix.message)
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp.clone()]),
                edit: Some(edit(doc, uri, &fix_inserts(fix))),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Suppress {} here", d.rule),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp]),
            edit: Some(edit(doc, uri, &suppression(doc, d.rule, d.span))),
            ..Default::default()
        }));
    }
    out
}

/// The guide sections found, each named by the profile and told which heading it was
/// matched from.
pub fn symbols(a: &Analysis, profile: &Profile) -> Vec<DocumentSymbol> {
    let doc = &a.document;
    doc.sections
        .iter()
        .filter_map(|s| {
            let id = s.guide.as_deref()?;
            let name = profile
                .section(id)
                .map(|p| p.title.clone())
                .unwrap_or_else(|| id.to_string());
            #[allow(deprecated)] // `deprecated` is a required field of the type
            Some(DocumentSymbol {
                name,
                detail: Some(format!("from the heading \"{}\"", s.title)),
                kind: SymbolKind::NAMESPACE,
                tags: None,
                deprecated: None,
                range: range(doc, s.span),
                selection_range: range(doc, s.heading),
                children: None,
            })
        })
        .collect()
}

/// The score and the next best gain, e.g. "72 · Acceptable — next: +6 from CHL702".
pub fn score_line(a: &Analysis) -> String {
    let card = &a.scorecard;
    let head = format!("{:.0} · {}", card.total, card.level.label());
    match card.advice().next() {
        // Whole points read best; a gain under one point keeps its decimal, not "+0".
        Some(i) if i.gain >= 1.0 => format!("{head} — next: +{:.0} from {}", i.gain, i.rule),
        Some(i) => format!("{head} — next: +{:.1} from {}", i.gain, i.rule),
        None => head,
    }
}

/// The score as a lens on the title line (the first line when there is no title).
pub fn code_lens(a: &Analysis) -> CodeLens {
    let doc = &a.document;
    let at = doc.title().map(|h| h.span).unwrap_or(Span::empty(0));
    CodeLens {
        range: range(doc, at),
        command: Some(Command {
            title: score_line(a),
            command: "casekit.score".into(),
            arguments: None,
        }),
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::suppression;
    use casekit_core::rules::{apply_fixes, Fix};
    use casekit_core::{Analysis, Profile, Settings, Source};

    fn rules_at(text: &str, name: &str) -> Vec<&'static str> {
        let a = Analysis::run(Source::new(name, text), &Settings::new(Profile::guide())).unwrap();
        a.report.diagnostics.iter().map(|d| d.rule).collect()
    }

    /// Applies the "Suppress RULE here" action for the first finding of `rule`.
    fn suppress(text: &str, name: &str, rule: &str) -> String {
        let a = Analysis::run(Source::new(name, text), &Settings::new(Profile::guide())).unwrap();
        let d = a
            .report
            .diagnostics
            .iter()
            .find(|d| d.rule == rule)
            .unwrap();
        let mut fix = Fix::new("suppress");
        for (at, t) in suppression(&a.document, rule, d.span) {
            fix = fix.insert(text, at as usize, t);
        }
        apply_fixes(text, &[fix])
    }

    const DOC: &str = "# P\n\n## Overview\n\nLockers that text residents a code, so parcels stop going missing.\n\n## System Architecture\n\nA web app and an API.\n\n| Layer | Technology |\n|---|---|\n| Frontend | React |\n";

    #[test]
    fn the_suppressions_silence_the_finding_and_are_used() {
        for (name, rule) in [("a.md", "OVR102"), ("a.md", "ARC303"), ("a.mdx", "ARC302")] {
            assert!(rules_at(DOC, name).contains(&rule), "{rule} in {name}");
            let text = suppress(DOC, name, rule);
            let after = rules_at(&text, name);
            assert!(
                !after.contains(&rule),
                "{rule} still reported in {name}:\n{text}"
            );
            assert!(
                !after.contains(&"STR006"),
                "an unused suppression in {name}:\n{text}"
            );
        }
    }
}
