//! The semantic view of ER, class and state diagrams: entities, attributes and
//! relationships with their cardinalities; classes, states and what links them.

use crate::source::Span;

// ---------------------------------------------------------------------------------------
// ER diagrams

#[derive(Clone, Debug, Default)]
pub struct Er {
    pub entities: Vec<Entity>,
    pub relationships: Vec<Relationship>,
}

#[derive(Clone, Debug)]
pub struct Entity {
    pub name: String,
    /// `CUSTOMER["Customer"]` → "Customer"; empty when none.
    pub alias: String,
    pub attributes: Vec<Attribute>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Attribute {
    pub ty: String,
    pub name: String,
    /// `PK`, `FK`, `UK`.
    pub keys: Vec<String>,
    pub comment: String,
}

#[derive(Clone, Debug)]
pub struct Relationship {
    /// The entity written on the left (`CUSTOMER ||--o{ ORDER` → CUSTOMER).
    pub left: String,
    pub right: String,
    /// How many `left` rows one `right` row relates to: the marker next to `left`.
    pub left_card: Cardinality,
    /// The marker next to `right`.
    pub right_card: Cardinality,
    /// `--` (identifying) rather than `..`.
    pub identifying: bool,
    pub label: String,
    /// The relationship statement.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cardinality {
    /// `|o` / `o|`
    ZeroOrOne,
    /// `||`
    ExactlyOne,
    /// `}o` / `o{`
    ZeroOrMore,
    /// `}|` / `|{`
    OneOrMore,
    /// `u` (a parent in a multi-diagram)
    Parent,
    Other(String),
}

impl Cardinality {
    pub fn describe(&self) -> &str {
        match self {
            Cardinality::ZeroOrOne => "zero or one",
            Cardinality::ExactlyOne => "exactly one",
            Cardinality::ZeroOrMore => "zero or more",
            Cardinality::OneOrMore => "one or more",
            Cardinality::Parent => "parent",
            Cardinality::Other(s) => s,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Class and state diagrams (by name)

#[derive(Clone, Debug, Default)]
pub struct ClassDiagram {
    pub classes: Vec<Class>,
    pub relations: Vec<Relation>,
}

#[derive(Clone, Debug)]
pub struct Class {
    pub name: String,
    pub label: String,
    pub attributes: usize,
    pub methods: usize,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Relation {
    pub from: String,
    pub to: String,
    pub label: String,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct StateDiagram {
    pub states: Vec<State>,
    pub transitions: Vec<Transition>,
}

#[derive(Clone, Debug)]
pub struct State {
    pub id: String,
    pub label: String,
    /// A composite state (`state X { … }`).
    pub composite: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Transition {
    /// `[*]` for the start or end pseudo-state.
    pub from: String,
    pub to: String,
    pub label: String,
    pub span: Span,
}
