//! The document, block by block, each top-level block in a row with the findings that
//! fall on its lines in the margin beside it.

use crate::assets::Assets;
use crate::sanitize::{self, escape, Urls};
use crate::PageOptions;
use casekit_core::analysis::Analysis;
use casekit_core::{Diagnostic, Document, Format};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};
use std::fmt::Write;
use std::ops::Range;

/// One top-level block: its byte range in the document and its first line.
struct Block {
    range: Range<usize>,
    line: u32,
    html: String,
}

pub fn render(analysis: &Analysis, opts: &PageOptions, assets: &mut Assets) -> String {
    let doc = &analysis.document;
    let cleaner = sanitize::Cleaner::new(Urls {
        base: opts.base.clone(),
        images: opts.images.clone(),
    });
    let blocks = blocks(doc, &analysis.diagrams, &cleaner, assets);
    let diagnostics = &analysis.report.diagnostics;

    // Each finding goes beside the last block that starts at or before its line.
    let mut notes: Vec<Vec<&Diagnostic>> = vec![Vec::new(); blocks.len().max(1)];
    for d in diagnostics {
        let line = doc.line_col(d.span.start).line;
        let at = blocks.partition_point(|b| b.line <= line).saturating_sub(1);
        notes[at].push(d);
    }

    let mut out = String::new();
    if blocks.is_empty() {
        out.push_str("<div class=\"row\"><div class=\"content\"><p class=\"empty\">The document is empty.</p></div>");
        margin(&mut out, doc, &notes[0]);
        out.push_str("</div>\n");
        return out;
    }
    for (b, notes) in blocks.iter().zip(&notes) {
        let _ = write!(
            out,
            "<div class=\"row\" id=\"L{}\"><div class=\"content\">{}</div>",
            b.line, b.html
        );
        margin(&mut out, doc, notes);
        out.push_str("</div>\n");
    }
    out
}

fn margin(out: &mut String, doc: &Document, notes: &[&Diagnostic]) {
    if notes.is_empty() {
        out.push_str("<aside class=\"notes\"></aside>");
        return;
    }
    out.push_str("<aside class=\"notes\"><ol>");
    for d in notes {
        let at = doc.line_col(d.span.start);
        let sev = d.severity.as_str();
        let _ = write!(
            out,
            "<li class=\"finding {sev}\" data-rule=\"{rule}\" data-line=\"{line}\">\
             <p class=\"head\"><span class=\"sev\">{sev}</span> <a class=\"rule\" href=\"#rule-{rule}\">{rule}</a> \
             <span class=\"at\">line {line}:{col}</span></p><p class=\"msg\">{msg}</p>",
            rule = d.rule,
            line = at.line,
            col = at.column,
            msg = escape(&d.message),
        );
        if !d.help.is_empty() {
            let _ = write!(out, "<p class=\"help\">{}</p>", escape(&d.help));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></aside>");
}

/// The text pulldown-cmark reads: the document with front matter blanked and, for MDX,
/// ESM lines and tag-only lines blanked and component content dedented, every byte
/// offset and line kept (so blocks map back to the source).
fn markdown_text(doc: &Document) -> String {
    let mut bytes = doc.text().as_bytes().to_vec();
    let blank = |bytes: &mut [u8], r: Range<usize>| {
        for b in &mut bytes[r] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    if let Some(fm) = doc.front_matter {
        blank(&mut bytes, fm.start as usize..fm.end as usize);
    }
    if doc.source.format == Format::Mdx {
        let text = doc.text();
        let mut pos = 0;
        let mut fence: Option<&str> = None;
        let mut depth = 0usize;
        let mut dedent: Option<usize> = None;
        for line in text.split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            let t = line.trim();
            if let Some(f) = fence {
                if t.starts_with(f) {
                    fence = None;
                }
            } else if t.starts_with("```") || t.starts_with("~~~") {
                fence = Some(&t[..3]);
            } else if depth == 0 && (t.starts_with("import ") || t.starts_with("export ")) {
                blank(&mut bytes, start..pos);
                continue;
            } else if is_tag_line(t) {
                let opens =
                    t.matches("<").count() - t.matches("</").count() - t.matches("/>").count();
                let closes = t.matches("</").count();
                depth = (depth + opens).saturating_sub(closes);
                dedent = None;
                blank(&mut bytes, start..pos);
                continue;
            }
            if depth > 0 && !t.is_empty() {
                let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
                let k = (*dedent.get_or_insert(indent)).min(indent);
                let len = line.trim_end_matches(['\n', '\r']).len();
                let src = line.as_bytes();
                bytes[start..start + len - k].copy_from_slice(&src[k..len]);
                blank(&mut bytes, start + len - k..start + len);
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| doc.text().to_string())
}

/// A line that holds only JSX component tags (`<Steps>`, `</Step>`, `<Tip title="…">`).
fn is_tag_line(t: &str) -> bool {
    let component = |s: &str| {
        s.strip_prefix("</")
            .or_else(|| s.strip_prefix('<'))
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c.is_ascii_uppercase())
    };
    component(t) && t.ends_with('>')
}

fn blocks(
    doc: &Document,
    diagrams: &[casekit_core::diagram::Diagram],
    cleaner: &sanitize::Cleaner,
    assets: &mut Assets,
) -> Vec<Block> {
    let text = markdown_text(doc);
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut out: Vec<Block> = Vec::new();
    let mut depth = 0usize;
    let mut events: Vec<Event> = Vec::new();
    let mut start = 0usize;
    let mut figures = 0usize;
    let mut mermaid_at: Option<usize> = None;
    for (event, range) in Parser::new_ext(&text, opts).into_offset_iter() {
        if depth == 0 {
            start = range.start;
            mermaid_at = match &event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))
                    if lang.split_whitespace().next() == Some("mermaid") =>
                {
                    diagrams.iter().position(|d| {
                        (d.span.start as usize..d.span.end.max(d.span.start + 1) as usize)
                            .contains(&range.start)
                    })
                }
                _ => None,
            };
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        events.push(event);
        if depth > 0 {
            continue;
        }
        let html = match mermaid_at.take() {
            Some(i) => {
                figures += 1;
                crate::diagram::figure(doc, &diagrams[i], figures, assets)
            }
            None => {
                let mut raw = String::new();
                pulldown_cmark::html::push_html(&mut raw, events.drain(..));
                cleaner.clean(&raw)
            }
        };
        events.clear();
        if html.trim().is_empty() {
            continue;
        }
        out.push(Block {
            range: start..range.end,
            line: doc.line_col(start as u32).line,
            html,
        });
    }
    // Keep the order by line even if a block's parse reaches back (footnotes).
    out.sort_by_key(|b| (b.line, b.range.start));
    out
}
