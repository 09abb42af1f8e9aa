//! The semantic view of a Mermaid diagram: what the rules read. Plain data, no parser
//! types; every span is a byte range into the document.

use super::model_er_class_state::{ClassDiagram, Er, StateDiagram};
use crate::source::Span;

/// One ```` ```mermaid ```` block of a document, parsed.
#[derive(Clone, Debug)]
pub struct Diagram {
    /// The whole fenced block, fences included.
    pub span: Span,
    /// The diagram source between the fences.
    pub body: Span,
    /// The line that names the diagram type (`flowchart LR`, `sequenceDiagram`), trimmed;
    /// the start of the body when there is none.
    pub header: Span,
    pub kind: DiagramKind,
    pub parse: Result<Model, DiagramError>,
}

/// The diagram type, as declared on its first line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiagramKind {
    /// `flowchart` or `graph`.
    Flowchart,
    Sequence,
    Er,
    Class,
    State,
    /// A type Mermaid knows that casekit does not look inside (pie, gantt, C4, …), by its
    /// Mermaid type id (`pie`, `gantt`, `c4`, `architecture`, …).
    Other(String),
    /// Not a Mermaid diagram type at all (a typo, or an empty block).
    Unknown,
}

impl DiagramKind {
    /// A short name for messages: "flowchart", "sequence diagram", "pie chart (pie)".
    pub fn describe(&self) -> String {
        match self {
            DiagramKind::Flowchart => "flowchart".into(),
            DiagramKind::Sequence => "sequence diagram".into(),
            DiagramKind::Er => "ER diagram".into(),
            DiagramKind::Class => "class diagram".into(),
            DiagramKind::State => "state diagram".into(),
            DiagramKind::Other(id) => format!("{id} diagram"),
            DiagramKind::Unknown => "Mermaid block".into(),
        }
    }

    /// Whether casekit builds a model of this kind (the others are accepted unread).
    pub fn is_modelled(&self) -> bool {
        !matches!(self, DiagramKind::Other(_) | DiagramKind::Unknown)
    }
}

/// Why a diagram does not parse: where (narrow, in the document) and why, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagramError {
    pub span: Span,
    pub message: String,
}

/// What a diagram contains.
#[derive(Clone, Debug)]
pub enum Model {
    Flowchart(Flowchart),
    Sequence(Sequence),
    Er(Er),
    Class(ClassDiagram),
    State(StateDiagram),
    /// A kind casekit does not model ([`DiagramKind::Other`]); its syntax is not checked.
    Unread,
}

impl Model {
    /// One line: "7 nodes / 9 edges / 1 subgraph", "4 participants / 9 messages / 1 alt".
    pub fn summary(&self) -> String {
        fn n(count: usize, one: &str, many: &str) -> String {
            format!("{count} {}", if count == 1 { one } else { many })
        }
        match self {
            Model::Flowchart(f) => {
                let mut parts = vec![
                    n(f.nodes.len(), "node", "nodes"),
                    n(f.edges.len(), "edge", "edges"),
                ];
                if !f.subgraphs.is_empty() {
                    parts.push(n(f.subgraphs.len(), "subgraph", "subgraphs"));
                }
                parts.join(" / ")
            }
            Model::Sequence(s) => {
                let mut parts = vec![
                    n(s.participants.len(), "participant", "participants"),
                    n(s.messages.len(), "message", "messages"),
                ];
                for kind in BlockKind::ALL {
                    let count = s.blocks.iter().filter(|b| b.kind == kind).count();
                    if count > 0 {
                        parts.push(format!("{count} {}", kind.keyword()));
                    }
                }
                if !s.notes.is_empty() {
                    parts.push(n(s.notes.len(), "note", "notes"));
                }
                parts.join(" / ")
            }
            Model::Er(e) => {
                let attributes: usize = e.entities.iter().map(|x| x.attributes.len()).sum();
                let mut parts = vec![
                    n(e.entities.len(), "entity", "entities"),
                    n(e.relationships.len(), "relationship", "relationships"),
                ];
                if attributes > 0 {
                    parts.push(n(attributes, "attribute", "attributes"));
                }
                parts.join(" / ")
            }
            Model::Class(c) => [
                n(c.classes.len(), "class", "classes"),
                n(c.relations.len(), "relation", "relations"),
            ]
            .join(" / "),
            Model::State(s) => [
                n(s.states.len(), "state", "states"),
                n(s.transitions.len(), "transition", "transitions"),
            ]
            .join(" / "),
            Model::Unread => "not analysed".into(),
        }
    }
}

impl Model {
    /// A readable text outline: one line per node, edge, message, … (what `casekit diagrams
    /// --preview` prints when it cannot draw the diagram).
    pub fn outline(&self) -> Vec<String> {
        let mut out = Vec::new();
        let quoted = |s: &str| {
            if s.is_empty() {
                String::new()
            } else {
                format!(": {s}")
            }
        };
        match self {
            Model::Flowchart(f) => {
                for sg in &f.subgraphs {
                    out.push(format!("[{}] {}", sg.title, sg.nodes.join(", ")));
                }
                for n in &f.nodes {
                    if n.label != n.id {
                        out.push(format!("{} = {} ({})", n.id, n.label, n.shape));
                    }
                }
                for e in &f.edges {
                    let label = e.label.as_ref().map(|l| l.text.as_str()).unwrap_or("");
                    out.push(format!(
                        "{} {} {}{}",
                        f.label_of(&e.from),
                        e.arrow,
                        f.label_of(&e.to),
                        quoted(label)
                    ));
                }
            }
            Model::Sequence(s) => {
                let mut depth: Vec<usize> = Vec::new();
                let mut opened = 0usize;
                for (i, m) in s.messages.iter().enumerate() {
                    // Open the blocks that start at this message.
                    while opened < s.blocks.len() && s.blocks[opened].messages().next() == Some(i) {
                        let b = &s.blocks[opened];
                        while depth
                            .last()
                            .is_some_and(|&d| !s.blocks[d].messages().any(|x| x == i))
                        {
                            depth.pop();
                        }
                        out.push(format!(
                            "{}{} {}",
                            "  ".repeat(depth.len()),
                            b.kind.keyword(),
                            b.label()
                        ));
                        depth.push(opened);
                        opened += 1;
                    }
                    while depth
                        .last()
                        .is_some_and(|&d| !s.blocks[d].messages().any(|x| x == i))
                    {
                        depth.pop();
                    }
                    if let Some(&d) = depth.last() {
                        for sec in s.blocks[d].sections.iter().skip(1) {
                            if sec.messages.first() == Some(&i) {
                                out.push(format!(
                                    "{}else {}",
                                    "  ".repeat(depth.len() - 1),
                                    sec.label
                                ));
                            }
                        }
                    }
                    out.push(format!(
                        "{}{} {} {}{}",
                        "  ".repeat(depth.len()),
                        s.label_of(&m.from),
                        m.arrow.as_str(),
                        s.label_of(&m.to),
                        quoted(&m.text)
                    ));
                }
                for n in &s.notes {
                    let over: Vec<&str> = n.over.iter().map(|p| s.label_of(p)).collect();
                    out.push(format!("note over {}{}", over.join(", "), quoted(&n.text)));
                }
            }
            Model::Er(e) => {
                for ent in &e.entities {
                    let attrs: Vec<String> = ent
                        .attributes
                        .iter()
                        .map(|a| {
                            let keys = if a.keys.is_empty() {
                                String::new()
                            } else {
                                format!(" {}", a.keys.join(","))
                            };
                            format!("{} {}{keys}", a.ty, a.name)
                        })
                        .collect();
                    out.push(if attrs.is_empty() {
                        ent.name.clone()
                    } else {
                        format!("{} {{ {} }}", ent.name, attrs.join("; "))
                    });
                }
                for r in &e.relationships {
                    out.push(format!(
                        "{} ({}) {} {} ({}){}",
                        r.left,
                        r.left_card.describe(),
                        if r.identifying { "--" } else { ".." },
                        r.right,
                        r.right_card.describe(),
                        quoted(&r.label)
                    ));
                }
            }
            Model::Class(c) => {
                for cl in &c.classes {
                    out.push(format!(
                        "class {} ({} attributes, {} methods)",
                        cl.name, cl.attributes, cl.methods
                    ));
                }
                for r in &c.relations {
                    out.push(format!("{} -- {}{}", r.from, r.to, quoted(&r.label)));
                }
            }
            Model::State(s) => {
                for st in &s.states {
                    if st.composite {
                        out.push(format!("state {} (composite)", st.id));
                    }
                }
                for t in &s.transitions {
                    out.push(format!("{} --> {}{}", t.from, t.to, quoted(&t.label)));
                }
            }
            Model::Unread => {}
        }
        out
    }
}

/// A piece of text written in the diagram, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub span: Span,
}

// ---------------------------------------------------------------------------------------
// Flowcharts

#[derive(Clone, Debug, Default)]
pub struct Flowchart {
    /// `TD`, `LR`, … as written (Mermaid's default is `TB`).
    pub direction: Option<String>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub subgraphs: Vec<Subgraph>,
}

impl Flowchart {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
    /// The node's label, or its id when it has none.
    pub fn label_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.node(id).map(|n| n.label.as_str()).unwrap_or(id)
    }
}

#[derive(Clone, Debug)]
pub struct Node {
    pub id: String,
    /// The text shown in the node (its id when no label is written).
    pub label: String,
    /// Mermaid's shape name: `square`, `round`, `diamond`, `cylinder`, `hexagon`, … (`square`
    /// for a bare id).
    pub shape: String,
    /// The node's first appearance in the source (its id).
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: Option<Label>,
    /// The arrow as written: `-->`, `-.->`, `==>`, `--x`, `<-->`, `~~~`, …
    pub arrow: String,
    pub stroke: Stroke,
    pub head: ArrowHead,
    /// The arrow with its label (`-->|POST /orders|`, `-- retries -->`).
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stroke {
    Normal,
    Dotted,
    Thick,
    Invisible,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrowHead {
    /// `-->`
    Point,
    /// `--x`
    Cross,
    /// `--o`
    Circle,
    /// `---` (no head)
    Open,
    /// `<-->`
    Both,
}

#[derive(Clone, Debug)]
pub struct Subgraph {
    pub id: String,
    pub title: String,
    /// Ids of the nodes (and nested subgraphs) directly inside.
    pub nodes: Vec<String>,
    /// The `subgraph …` line.
    pub span: Span,
}

// ---------------------------------------------------------------------------------------
// Sequence diagrams

#[derive(Clone, Debug, Default)]
pub struct Sequence {
    pub participants: Vec<Participant>,
    pub messages: Vec<Message>,
    pub blocks: Vec<Block>,
    pub notes: Vec<Note>,
}

impl Sequence {
    /// The participant's display name (its alias when it has one).
    pub fn label_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.participants
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.label.as_str())
            .unwrap_or(id)
    }
}

#[derive(Clone, Debug)]
pub struct Participant {
    pub id: String,
    /// `participant API as Payment API` → "Payment API"; the id when there is no alias.
    pub label: String,
    /// Declared with `actor` (a stick figure) rather than `participant`.
    pub actor: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Message {
    pub from: String,
    pub to: String,
    pub text: String,
    pub arrow: SeqArrow,
    /// The whole statement (`Frontend->>API: POST /checkout`).
    pub span: Span,
    /// The message text alone, when it has any.
    pub text_span: Option<Span>,
    /// Index into [`Sequence::blocks`] of the innermost block holding this message.
    pub block: Option<usize>,
}

/// The arrow of a sequence message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeqArrow {
    /// `->>`
    Solid,
    /// `-->>`
    Dotted,
    /// `->`
    SolidOpen,
    /// `-->`
    DottedOpen,
    /// `-x`
    SolidCross,
    /// `--x`
    DottedCross,
    /// `-)` (async)
    SolidAsync,
    /// `--)` (async)
    DottedAsync,
    /// `<<->>`
    BothSolid,
    /// `<<-->>`
    BothDotted,
    /// Half arrows and other newer forms, by Mermaid's line-type number.
    Other(i64),
}

impl SeqArrow {
    pub fn is_dotted(self) -> bool {
        matches!(
            self,
            SeqArrow::Dotted
                | SeqArrow::DottedOpen
                | SeqArrow::DottedCross
                | SeqArrow::DottedAsync
                | SeqArrow::BothDotted
        )
    }
    pub fn is_cross(self) -> bool {
        matches!(self, SeqArrow::SolidCross | SeqArrow::DottedCross)
    }
    pub fn is_async(self) -> bool {
        matches!(self, SeqArrow::SolidAsync | SeqArrow::DottedAsync)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            SeqArrow::Solid => "->>",
            SeqArrow::Dotted => "-->>",
            SeqArrow::SolidOpen => "->",
            SeqArrow::DottedOpen => "-->",
            SeqArrow::SolidCross => "-x",
            SeqArrow::DottedCross => "--x",
            SeqArrow::SolidAsync => "-)",
            SeqArrow::DottedAsync => "--)",
            SeqArrow::BothSolid => "<<->>",
            SeqArrow::BothDotted => "<<-->>",
            SeqArrow::Other(_) => "->",
        }
    }
}

/// `alt`, `opt`, `loop`, `par`, `critical`, `break` or `rect`, with its branches.
#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// The first section is the block's own label (`alt payment succeeds`); the others are
    /// its `else` / `and` / `option` branches.
    pub sections: Vec<BlockSection>,
    /// Index of the enclosing block.
    pub parent: Option<usize>,
    /// From the block's first line to its `end` (or the last line inside when unknown).
    pub span: Span,
}

impl Block {
    pub fn label(&self) -> &str {
        self.sections
            .first()
            .map(|s| s.label.as_str())
            .unwrap_or("")
    }
    /// Every message inside the block, nested blocks included, by index into
    /// [`Sequence::messages`].
    pub fn messages(&self) -> impl Iterator<Item = usize> + '_ {
        self.sections
            .iter()
            .flat_map(|s| s.messages.iter().copied())
    }
}

#[derive(Clone, Debug)]
pub struct BlockSection {
    pub label: String,
    /// The label's span, or the keyword line when the label is empty.
    pub span: Span,
    pub messages: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Alt,
    Opt,
    Loop,
    Par,
    Critical,
    Break,
    Rect,
}

impl BlockKind {
    pub const ALL: [BlockKind; 7] = [
        BlockKind::Alt,
        BlockKind::Opt,
        BlockKind::Loop,
        BlockKind::Par,
        BlockKind::Critical,
        BlockKind::Break,
        BlockKind::Rect,
    ];
    pub fn keyword(self) -> &'static str {
        match self {
            BlockKind::Alt => "alt",
            BlockKind::Opt => "opt",
            BlockKind::Loop => "loop",
            BlockKind::Par => "par",
            BlockKind::Critical => "critical",
            BlockKind::Break => "break",
            BlockKind::Rect => "rect",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Note {
    /// The participants it is attached to (one, or two for `over A,B`).
    pub over: Vec<String>,
    pub text: String,
    pub span: Span,
}
