//! Diagrams: every Mermaid block parses and is a type that Markdown renderers draw.
//!
//! Also the shared reading of diagrams that the flow, architecture and data-model rules
//! use: what a diagram is for (from the headings and caption around it), whether a path
//! in it is an error path, whether an image is a diagram of some kind.

use super::util::Words;
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::diagram::{Diagram, DiagramKind, Model};
use crate::document::{CodeBlock, Document, Image};
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

pub static RULES: &[&dyn Rule] = &[&DiagramParses, &DiagramTypeKnown];

declare_rule! {
    /// ## What it checks
    /// Every ```` ```mermaid ```` block parses. A diagram that does not is reported at the
    /// line and column of the fault inside the document, with the parser's reason in plain
    /// words ("the node label is never closed; add `]`"). Flowcharts, sequence, ER, class
    /// and state diagrams are checked with a port of Mermaid's own grammars.
    ///
    /// ## Why evaluators care
    /// Mermaid draws nothing when one line is wrong: the reader sees an error box where the
    /// architecture should be. A broken diagram also says the author never looked at the
    /// rendered page.
    ///
    /// ## Weak
    /// `API[REST API (Express)] --> DB` (parentheses inside an unquoted label break the
    /// whole flowchart).
    ///
    /// ## Strong
    /// `API["REST API (Express)"] --> DB`, previewed before publishing.
    ///
    /// ## How to fix
    /// Go to the reported line and column and apply the hint; `casekit diagrams FILE` lists
    /// every diagram with its status, and `--preview` draws them.
    ///
    /// ## What it cannot see
    /// Diagram types other than flowchart, sequence, ER, class and state are not checked
    /// (pie, gantt, C4, mindmap, …). A diagram can parse and still be wrong; the renderer a
    /// reader uses may be an older Mermaid than the one matched here (12.1).
    pub DiagramParses {
        id: "DGM001",
        name: "diagram-parses",
        area: Diagrams,
        criterion: Evidence,
        severity: Error,
    }
}

impl Check for DiagramParses {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let mut total = 0;
        let mut ok = 0;
        for d in cx.shared.diagrams() {
            if d.kind == DiagramKind::Unknown {
                continue; // DGM002 reports it.
            }
            total += 1;
            match &d.parse {
                Ok(_) => ok += 1,
                Err(e) => {
                    let line = doc.line_col(d.span.start).line;
                    cx.report(
                        e.span,
                        format!("the {} (line {line}) does not parse: {}", d.kind.describe(), e.message),
                    )
                    .help("Mermaid draws nothing when one line is wrong, so readers see an error instead of the diagram; fix this spot and preview the diagram (`casekit diagrams --preview FILE`)");
                }
            }
        }
        Outcome::ratio(ok, total)
    }
}

declare_rule! {
    /// ## What it checks
    /// Each ```` ```mermaid ```` block starts with a diagram type that Mermaid itself draws:
    /// `flowchart`/`graph`, `sequenceDiagram`, `erDiagram`, `classDiagram`,
    /// `stateDiagram-v2`, C4, `architecture-beta`, `gantt`, `pie`, … A misspelt or invented
    /// type (`sequenceDiagrams`, `userJourney`), an empty block, and `zenuml` (which needs
    /// a plugin most renderers do not load) are reported, with the closest real type when
    /// there is one.
    ///
    /// ## Why evaluators care
    /// A block Mermaid cannot classify renders as an error or as raw text: the diagram the
    /// reader was promised is missing.
    ///
    /// ## Weak
    /// A block that starts with `dataflow` or `sequence`.
    ///
    /// ## Strong
    /// `sequenceDiagram`, `flowchart LR`, `erDiagram` on the first line.
    ///
    /// ## How to fix
    /// Put the diagram type on the block's first line (after any `---` front matter or
    /// `%%` comments), spelled as Mermaid spells it.
    ///
    /// ## What it cannot see
    /// Which Mermaid version the reader's site runs: types added in recent Mermaid releases
    /// pass here but may not render on an older site.
    pub DiagramTypeKnown {
        id: "DGM002",
        name: "diagram-type-known",
        area: Diagrams,
        criterion: Evidence,
        severity: Warning,
    }
}

/// Types Mermaid knows only with a plugin.
const PLUGIN_TYPES: &[&str] = &["zenuml"];

impl Check for DiagramTypeKnown {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let diagrams = cx.shared.diagrams();
        let mut ok = 0;
        for d in diagrams {
            match &d.kind {
                DiagramKind::Unknown => {
                    let message = match &d.parse {
                        Err(e) if !e.message.is_empty() => e.message.clone(),
                        _ => "the Mermaid block has no diagram type".to_string(),
                    };
                    let message = if doc.slice(d.body).trim().is_empty() {
                        "the Mermaid block is empty".to_string()
                    } else {
                        message
                    };
                    let at = if d.body.is_empty() || doc.slice(d.body).trim().is_empty() {
                        // An empty block: point at its opening fence.
                        doc.lines
                            .line_span(doc.lines.line_of(d.span.start), doc.text())
                    } else {
                        d.parse.as_ref().err().map(|e| e.span).unwrap_or(d.header)
                    };
                    cx.report(at, message).help(
                        "start the block with a diagram type Mermaid knows: flowchart LR, sequenceDiagram, erDiagram, classDiagram or stateDiagram-v2 (or gantt, pie, C4Context, …)",
                    );
                }
                DiagramKind::Other(id) if PLUGIN_TYPES.contains(&id.as_str()) => {
                    cx.report(
                        d.header,
                        format!("`{id}` diagrams need a Mermaid plugin that GitHub, GitLab and most documentation sites do not load"),
                    )
                    .help("draw it as a sequenceDiagram, which every Mermaid renderer supports");
                }
                _ => ok += 1,
            }
        }
        Outcome::ratio(ok, diagrams.len())
    }
}

// ---------------------------------------------------------------------------------------
// Shared reading of diagrams for the flow, architecture and data-model rules.

/// What the headings and caption around a diagram or image say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Architecture,
    Flow,
    DataModel,
    /// Nothing around it says.
    Unknown,
}

static ARCH_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:architecture|architectural|system design|system overview|high[- ]level|infrastructure|topology|deployment|components?|tech(?:nology)? stack|system diagram|design overview)\b")
        .expect("architecture words")
});
static FLOW_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:flows?|sequences?|journeys?|lifecycle|life cycle|workflows?|pipelines?|process(?:ing)?|walkthrough|how it works|request path|scenarios?|happy path|error path|interactions?)\b")
        .expect("flow words")
});
static DATA_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:data ?model(?:s|ing)?|databases?|schemas?|erd|er diagram|entit(?:y|ies)|data design|tables)\b")
        .expect("data words")
});

fn role_of_text(text: &str) -> Option<Role> {
    if FLOW_WORDS.is_match(text) {
        Some(Role::Flow)
    } else if DATA_WORDS.is_match(text) {
        Some(Role::DataModel)
    } else if ARCH_WORDS.is_match(text) {
        Some(Role::Architecture)
    } else {
        None
    }
}

/// The role the context gives whatever sits at `span`: a short caption just before it
/// (a bold line, a sentence ending in a colon), then the enclosing headings from the
/// innermost out, then the guide sections they were matched to.
pub(crate) fn context_role(doc: &Document, span: Span) -> Role {
    context_role_by(doc, span, true)
}

/// [`context_role`] from the caption and headings' words only, not the guide section a
/// heading was matched to (an "API Design" section is not a data model).
pub(crate) fn context_role_by(doc: &Document, span: Span, use_guide: bool) -> Role {
    // A caption: the paragraph right before, if short.
    let before = doc.paragraphs.partition_point(|p| p.span.end <= span.start);
    if let Some(p) = before.checked_sub(1).map(|i| &doc.paragraphs[i]) {
        let gap = doc.slice(Span {
            start: p.span.end,
            end: span.start,
        });
        let words = p.text.text.split_whitespace().count();
        if gap.matches('\n').count() <= 3 && words <= 25 {
            if let Some(r) = role_of_text(&p.text.text) {
                return r;
            }
        }
    }
    let enclosing: Vec<&crate::document::Section> = doc.enclosing_sections(span).collect();
    for s in &enclosing {
        if let Some(r) = role_of_text(&s.title) {
            return r;
        }
    }
    for s in enclosing.iter().filter(|_| use_guide) {
        match s.guide.as_deref() {
            Some("flows") => return Role::Flow,
            Some("architecture") => return Role::Architecture,
            Some("api_data") => return Role::DataModel,
            _ => {}
        }
    }
    Role::Unknown
}

fn has_decision(d: &Diagram) -> bool {
    matches!(&d.parse, Ok(Model::Flowchart(f)) if f.nodes.iter().any(|n| n.shape == "diamond"))
}

/// Mermaid types that draw systems rather than steps (C4, architecture, block).
fn is_system_type(kind: &DiagramKind) -> bool {
    matches!(kind, DiagramKind::Other(id) if id.starts_with("c4") || id.starts_with("architecture") || id.starts_with("block"))
}

/// Whether a diagram draws the system's architecture: a C4/architecture/block diagram, or
/// a flowchart the context calls architecture (or that nothing calls anything and that has
/// no decision steps).
pub(crate) fn is_architecture_diagram(doc: &Document, d: &Diagram) -> bool {
    if is_system_type(&d.kind) {
        return true;
    }
    if d.kind != DiagramKind::Flowchart {
        return false;
    }
    match context_role(doc, d.span) {
        Role::Architecture => true,
        Role::Unknown => !has_decision(d),
        Role::Flow | Role::DataModel => false,
    }
}

/// Whether a diagram draws a flow: any sequence diagram; a flowchart or state diagram the
/// context calls a flow (or a flowchart with decision steps that nothing calls anything).
pub(crate) fn is_flow_diagram(doc: &Document, d: &Diagram) -> bool {
    match d.kind {
        DiagramKind::Sequence => true,
        DiagramKind::Flowchart | DiagramKind::State => match context_role(doc, d.span) {
            Role::Flow => true,
            Role::Unknown => d.kind == DiagramKind::State || has_decision(d),
            Role::Architecture | Role::DataModel => false,
        },
        _ => false,
    }
}

static ART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[─│┌┐└┘├┤┬┴┼▼▲►◄→↓←↑⇒═║╔╗╚╝▶◀]|-->|<--|==>|\+-{3,}|-{3,}\+|-{2,}>")
        .expect("text art")
});

/// Diagrams drawn as text: a code block with no language (or `text`) whose lines draw
/// boxes and arrows (`┌──┐`, `──►`, `-->`).
pub(crate) fn text_diagrams(doc: &Document) -> impl Iterator<Item = &CodeBlock> + '_ {
    doc.code_blocks.iter().filter(|c| {
        matches!(
            c.lang.as_deref(),
            None | Some("text" | "txt" | "plain" | "plaintext" | "ascii" | "diagram" | "art")
        ) && doc
            .slice(c.body)
            .lines()
            .filter(|l| ART.is_match(l))
            .take(2)
            .count()
            >= 2
    })
}

/// What describes an image: its alt text or caption, and its file name.
pub(crate) fn image_text(img: &Image) -> String {
    let file = img
        .src
        .rsplit('/')
        .next()
        .unwrap_or("")
        .rsplit_once('.')
        .map(|(stem, _)| stem)
        .unwrap_or("");
    format!("{} {}", img.alt, file.replace(['-', '_'], " "))
}

static SCREENSHOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:screenshots?|screen|demo|ui|logo|banner|photo|avatar|badge|dashboard|page|gif)\b")
        .expect("screenshot words")
});

/// The role an image plays: what its alt text, caption or file name says; else, for an
/// image that does not look like a screenshot, what its context says.
pub(crate) fn image_role(doc: &Document, img: &Image) -> Role {
    if img.kind == crate::document::ImageKind::Video {
        return Role::Unknown;
    }
    let text = image_text(img);
    if let Some(r) = role_of_text(&text) {
        return r;
    }
    if SCREENSHOT.is_match(&text) {
        return Role::Unknown;
    }
    match context_role(doc, img.span) {
        // "Diagram of long polling", `<img className="diagram">`: some diagram; most such
        // images in case studies show an interaction.
        Role::Unknown if DIAGRAM.is_match(&text) || DIAGRAM_CLASS.is_match(doc.slice(img.span)) => {
            Role::Flow
        }
        r => r,
    }
}

static DIAGRAM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bdiagrams?\b").expect("diagram word"));
static DIAGRAM_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\bclass(?:name)?\s*=\s*["'][^"']*\bdiagram"#).expect("diagram class")
});

/// Lower-cased text contains one of `words` as a whole word or phrase.
pub(crate) fn mentions(text: &str, words: &Words) -> bool {
    words.any_in(text)
}

static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:[45]\d\d|[45]xx)\b(?:\s+([A-Za-z]+))?").expect("status pattern")
});

/// Whether a label describes a failure: an error word, or an HTTP 4xx/5xx status ("402
/// Payment Required", "returns 500"; not "500 ms").
pub(crate) fn is_error_text(text: &str, words: &Words) -> bool {
    if mentions(text, words) {
        return true;
    }
    // Every status holds a 4 or a 5: most labels need no search for one.
    if !text.bytes().any(|b| b == b'4' || b == b'5') {
        return false;
    }
    STATUS.captures_iter(text).any(|c| {
        let next = c.get(1).map(|m| m.as_str().to_ascii_lowercase());
        !matches!(
            next.as_deref(),
            Some(
                "ms" | "s"
                    | "sec"
                    | "secs"
                    | "seconds"
                    | "kb"
                    | "mb"
                    | "gb"
                    | "items"
                    | "users"
                    | "rows"
                    | "requests"
                    | "req"
                    | "rps"
                    | "per"
                    | "px"
            )
        )
    })
}

/// Where a diagram shows what happens when something fails, if it does: an `alt`, `opt`,
/// `break` or `critical` branch, a message, note or branch label that names an error, a
/// lost (`-x`) message; in a flowchart, an edge labelled with an error or leading to an
/// error step, or a decision's "no" branch. A diagram that is not a flow (an architecture
/// flowchart) counts only for an arrow whose label names the failure.
pub(crate) fn error_path(d: &Diagram, words: &Words, flow: bool) -> Option<Span> {
    let Ok(model) = &d.parse else { return None };
    match model {
        Model::Sequence(s) => {
            use crate::diagram::BlockKind;
            if let Some(b) = s.blocks.iter().find(|b| {
                matches!(b.kind, BlockKind::Alt | BlockKind::Opt | BlockKind::Break)
                    || (b.kind == BlockKind::Critical && b.sections.len() > 1)
                    || b.sections
                        .iter()
                        .any(|sec| is_error_text(&sec.label, words))
            }) {
                return Some(b.span);
            }
            s.messages
                .iter()
                .find(|m| m.arrow.is_cross() || is_error_text(&m.text, words))
                .map(|m| m.span)
                .or_else(|| {
                    s.notes
                        .iter()
                        .find(|n| is_error_text(&n.text, words))
                        .map(|n| n.span)
                })
        }
        Model::Flowchart(f) => {
            static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"(?i)^\s*(?:no|false|not ok|invalid|fail(?:ed|s|ure)?|error|denied|rejected|n)\s*[.!?]?\s*$")
                    .expect("negative branch")
            });
            f.edges
                .iter()
                .find(|e| {
                    let label = e.label.as_ref().map(|l| l.text.as_str()).unwrap_or("");
                    let from_decision = f.node(&e.from).is_some_and(|n| n.shape == "diamond");
                    is_error_text(label, words)
                        || (flow
                            && (is_error_text(f.label_of(&e.to), words)
                                || is_error_text(&e.to, words)
                                || (from_decision && NEGATIVE.is_match(label))))
                })
                .map(|e| e.label.as_ref().map(|l| l.span).unwrap_or(e.span))
        }
        Model::State(s) => s
            .transitions
            .iter()
            .find(|t| is_error_text(&t.label, words) || (flow && is_error_text(&t.to, words)))
            .map(|t| t.span),
        _ => None,
    }
}

/// The 1-based line a diagram starts on.
pub(crate) fn line_of(doc: &Document, d: &Diagram) -> u32 {
    doc.line_col(d.span.start).line
}
