//! Mermaid diagrams: each ```` ```mermaid ```` block of a document parsed into a semantic
//! view ([`Diagram`], [`Model`]) that the rules read.
//!
//! This module is the only place that knows the Mermaid parser (the `merman` crate, a Rust
//! port of Mermaid's own grammars). It reads the document's Mermaid code blocks and parses
//! each once per analysis ([`parse_document`], kept by [`crate::Analysis`] and handed to
//! the rules), with one engine reused for the whole process, and maps the parser's output
//! through one small adapter. The document never sees this module. Positions
//! are computed here from byte spans, never taken from the parser's messages.

mod adapter;
mod errors;
mod model;
mod model_er_class_state;
#[cfg(feature = "preview")]
mod preview;
#[cfg(test)]
mod tests;

pub use model::*;
pub use model_er_class_state::*;
#[cfg(feature = "preview")]
pub use preview::preview;

use crate::document::{CodeBlock, Document};
use crate::source::Span;
use adapter::{Input, Mapper, Sym};
use merman::diagram::{DiagramParseOutcome, ParsedEditorFacts};
use merman::{EditorSemanticRole, Engine, Error, ParseDiagnosticSpanKind};
use std::sync::LazyLock;

/// One engine for the process: building one copies Mermaid's default configuration.
///
/// The site layer states the appearance Mermaid resolves for the diagram types casekit
/// reads (theme `redux-color`, look `neo`). Without it, every parse writes those two
/// values into its copy of the configuration, and that first write deep-copies the whole
/// default configuration: about three quarters of the cost of parsing a diagram. Theme
/// and look do not change the parsed model; the adapter and differential tests hold that.
static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let appearance = serde_json::json!({"theme": "redux-color", "look": "neo"});
    Engine::new().with_site_config(merman::MermaidConfig::from_value(appearance))
});

/// Parses every Mermaid block of `doc`, in document order.
pub fn parse_document(doc: &Document) -> Vec<Diagram> {
    // A document refused for an oversized diagram is read as far as is safe: the
    // oversized blocks are not given to the parser.
    let limit = match &doc.refused {
        Some(crate::LimitError::Diagram { limit, .. }) => *limit,
        _ => usize::MAX,
    };
    doc.code_blocks
        .iter()
        .filter(|c| c.is_mermaid() && c.body.len() <= limit)
        .map(|c| parse_block(doc, c))
        .collect()
}

fn parse_block(doc: &Document, block: &CodeBlock) -> Diagram {
    let (mut text, map) = block_text(doc, block);
    // Mermaid reads a last line without its line break differently inside an open block
    // (MDX code bodies stop before it); give every diagram its final newline.
    if !text.is_empty() && !text.ends_with('\n') {
        text.to_mut().push('\n');
    }
    let (kind, header, parse) = parse_text(&text, &map);
    Diagram {
        span: block.span,
        body: block.body,
        header,
        kind,
        parse,
    }
}

/// The diagram's text and where each of its bytes is in the document. A fence inside a
/// block quote carries `>` markers on every line; they are not Mermaid and are left out.
fn block_text<'d>(doc: &'d Document, block: &CodeBlock) -> (std::borrow::Cow<'d, str>, Mapper) {
    let body = doc.slice(block.body);
    let line = doc
        .lines
        .line_span(doc.lines.line_of(block.span.start), doc.text());
    let prefix = doc.slice(Span {
        start: line.start,
        end: block.span.start.max(line.start),
    });
    if !prefix.contains('>') {
        return (body.into(), Mapper::shifted(block.body.start, body.len()));
    }
    let mut text = String::with_capacity(body.len());
    let mut pieces = Vec::new();
    let mut at = block.body.start as usize;
    for l in body.split_inclusive('\n') {
        // The body starts at a line start, so every line carries the quote markers.
        let skip = l.len() - l.trim_start_matches([' ', '\t', '>']).len();
        pieces.push((text.len(), (at + skip) as u32));
        text.push_str(&l[skip..]);
        at += l.len();
    }
    if pieces.is_empty() {
        // An empty block still maps its (empty) text to where the block starts.
        pieces.push((0, block.body.start));
    }
    let len = text.len();
    (text.into(), Mapper::pieces(pieces, len))
}

/// Parses one diagram's text. Spans come back through `map`. Public for benchmarks and
/// tests; rules read [`Document::diagrams`](crate::Document::diagrams).
pub fn parse_source(text: &str) -> (DiagramKind, Result<Model, DiagramError>) {
    let (kind, _, parse) = parse_text(text, &Mapper::shifted(0, text.len()));
    (kind, parse)
}

fn parse_text(text: &str, map: &Mapper) -> (DiagramKind, Span, Result<Model, DiagramError>) {
    let header = header_line(text);
    let header_span = map.span(header.0, header.1);
    let keyword = text[header.0..header.1]
        .split(|c: char| c.is_whitespace() || c == ';')
        .next()
        .unwrap_or("");

    let snapshot = match ENGINE.parse_diagram_snapshot_sync(text) {
        Ok(Some(s)) => s,
        Ok(None) | Err(Error::DetectType(_)) => {
            let message = if keyword.is_empty() {
                "the block has no diagram in it".to_string()
            } else {
                match suggest_keyword(keyword) {
                    Some(s) => {
                        format!("`{keyword}` is not a Mermaid diagram type (did you mean `{s}`?)")
                    }
                    None => format!("`{keyword}` is not a Mermaid diagram type"),
                }
            };
            let span = if keyword.is_empty() {
                header_span
            } else {
                map.span(header.0, header.0 + keyword.len())
            };
            return (
                DiagramKind::Unknown,
                header_span,
                Err(DiagramError { span, message }),
            );
        }
        Err(e) => {
            // Front matter or a directive that is not valid: the diagram itself is not read.
            let kind = kind_of_keyword(keyword);
            let span = front_matter_span(text)
                .map(|(a, b)| map.span(a, b))
                .unwrap_or(header_span);
            return (
                kind,
                header_span,
                Err(DiagramError {
                    span,
                    message: errors::describe(
                        &e.to_string(),
                        text,
                        errors::Place::at_header(header),
                    )
                    .1,
                }),
            );
        }
    };

    let kind = kind_of_type(&snapshot.metadata().diagram_type);
    let (_, outcome, facts) = snapshot.into_parts();
    // The symbols are moved out of the parser's facts, not copied: nothing else reads them.
    let syms: Vec<Sym> = match facts {
        ParsedEditorFacts::Available(f) => f
            .symbols
            .into_iter()
            .map(|s| Sym {
                name: s.name,
                detail: s.detail.unwrap_or_default(),
                reference: s.role == EditorSemanticRole::Reference,
                span: (s.span.start, s.span.end),
                selection: (s.selection.start, s.selection.end),
            })
            .collect(),
        ParsedEditorFacts::Unavailable => Vec::new(),
    };
    let fail = |span: Span, message: String| {
        (
            kind.clone(),
            header_span,
            Err(DiagramError { span, message }),
        )
    };
    let model = match outcome {
        DiagramParseOutcome::Parsed { model, .. } => model,
        DiagramParseOutcome::Failed(Error::UnsupportedDiagram { .. }) => {
            return (kind, header_span, Ok(Model::Unread));
        }
        DiagramParseOutcome::Failed(Error::DiagramParse { diagnostic, .. }) => {
            let at = diagnostic.span().map(|s| (s.start, s.end));
            let exact = diagnostic.span_kind() != ParseDiagnosticSpanKind::Fallback;
            let (span, message) = errors::describe(
                diagnostic.message(),
                text,
                errors::Place {
                    at,
                    exact,
                    header,
                    syms: &syms,
                    flowchart: kind == DiagramKind::Flowchart,
                },
            );
            return fail(map.span(span.0, span.1), message);
        }
        DiagramParseOutcome::Failed(e) => {
            let message =
                errors::describe(&e.to_string(), text, errors::Place::at_header(header)).1;
            return fail(header_span, message);
        }
        DiagramParseOutcome::Panicked(_) => {
            return fail(header_span, "the parser could not read this diagram".into());
        }
    };

    let input = Input {
        json: model.as_value(),
        syms: &syms,
        text,
        map,
    };
    let model = match kind {
        DiagramKind::Flowchart => Model::Flowchart(adapter::flowchart(&input)),
        DiagramKind::Sequence => Model::Sequence(adapter::sequence(&input)),
        DiagramKind::Er => Model::Er(adapter::er(&input)),
        DiagramKind::Class => Model::Class(adapter::class(&input)),
        DiagramKind::State => Model::State(adapter::state(&input)),
        DiagramKind::Other(_) | DiagramKind::Unknown => Model::Unread,
    };
    (kind, header_span, Ok(model))
}

/// Mermaid's type id → our kind.
fn kind_of_type(id: &str) -> DiagramKind {
    match id {
        "flowchart" | "flowchart-v2" | "flowchart-elk" | "graph" => DiagramKind::Flowchart,
        "sequence" => DiagramKind::Sequence,
        "er" => DiagramKind::Er,
        "class" | "classDiagram" => DiagramKind::Class,
        "state" | "stateDiagram" => DiagramKind::State,
        other => DiagramKind::Other(other.to_string()),
    }
}

/// Diagram keywords as written on the first line, for typos and unparsable headers.
const KEYWORDS: &[&str] = &[
    "flowchart",
    "graph",
    "sequenceDiagram",
    "classDiagram",
    "classDiagram-v2",
    "stateDiagram",
    "stateDiagram-v2",
    "erDiagram",
    "journey",
    "gantt",
    "pie",
    "quadrantChart",
    "requirementDiagram",
    "gitGraph",
    "C4Context",
    "C4Container",
    "C4Component",
    "C4Dynamic",
    "C4Deployment",
    "mindmap",
    "timeline",
    "zenuml",
    "sankey-beta",
    "xychart-beta",
    "block-beta",
    "packet-beta",
    "kanban",
    "architecture-beta",
    "radar-beta",
    "treemap-beta",
];

fn kind_of_keyword(keyword: &str) -> DiagramKind {
    match keyword {
        "flowchart" | "graph" | "flowchart-elk" => DiagramKind::Flowchart,
        "sequenceDiagram" => DiagramKind::Sequence,
        "erDiagram" => DiagramKind::Er,
        "classDiagram" | "classDiagram-v2" => DiagramKind::Class,
        "stateDiagram" | "stateDiagram-v2" => DiagramKind::State,
        k if KEYWORDS.contains(&k) => DiagramKind::Other(k.to_string()),
        _ => DiagramKind::Unknown,
    }
}

/// The closest diagram keyword to a misspelt one, if it is close.
fn suggest_keyword(word: &str) -> Option<&'static str> {
    let lower = word.to_ascii_lowercase();
    KEYWORDS
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 5))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The range of the YAML front matter (`---` … `---`) at the top, if any.
fn front_matter_span(text: &str) -> Option<(usize, usize)> {
    let start = text.len() - text.trim_start().len();
    if !text[start..].starts_with("---") {
        return None;
    }
    let end = text[start + 3..]
        .find("\n---")
        .map(|i| start + 3 + i + 4)
        .unwrap_or(text.len());
    Some((start, end))
}

/// The line naming the diagram type: the first that is not blank, a `%%` comment, a
/// directive or front matter.
fn header_line(text: &str) -> (usize, usize) {
    let mut at = front_matter_span(text).map(|(_, e)| e).unwrap_or(0);
    while at < text.len() {
        let end = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
        let line = &text[at..end];
        let t = line.trim();
        if !t.is_empty() && !t.starts_with("%%") {
            let lead = line.len() - line.trim_start().len();
            return (at + lead, at + lead + t.len());
        }
        at = end + 1;
    }
    let lead = text.len() - text.trim_start().len();
    (lead, lead)
}

#[cfg(test)]
pub(crate) mod testing {
    //! Access for the golden tests, which feed the adapter JSON written by hand.
    pub(crate) use super::adapter::{clean_label, Input, Mapper, Sym};
    pub(crate) fn adapt(kind: &str, input: &Input) -> super::Model {
        match kind {
            "flowchart" => super::Model::Flowchart(super::adapter::flowchart(input)),
            "sequence" => super::Model::Sequence(super::adapter::sequence(input)),
            "er" => super::Model::Er(super::adapter::er(input)),
            "class" => super::Model::Class(super::adapter::class(input)),
            _ => super::Model::State(super::adapter::state(input)),
        }
    }
}
