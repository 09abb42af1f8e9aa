//! The shared model of a challenge: the five parts the guide asks each to cover, how
//! each part was found, the shape the challenge is written in, and the list of them.

use super::*;
use crate::document::Section;
use crate::source::Span;

/// The five things the guide asks every challenge to cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    Problem,
    WhyHard,
    Alternatives,
    Solution,
    TradeOff,
}

impl Facet {
    pub const ALL: [Facet; 5] = [
        Facet::Problem,
        Facet::WhyHard,
        Facet::Alternatives,
        Facet::Solution,
        Facet::TradeOff,
    ];

    /// How a message names the part.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Problem => "the problem",
            Facet::WhyHard => "why it was hard",
            Facet::Alternatives => "the alternatives considered",
            Facet::Solution => "the solution",
            Facet::TradeOff => "the trade-off accepted",
        }
    }

    /// How a table column for it is named in help text.
    pub(super) fn column_name(self) -> &'static str {
        match self {
            Facet::Problem => "Challenge",
            Facet::WhyHard => "Why It Was Hard",
            Facet::Alternatives => "Alternatives Considered",
            Facet::Solution => "Solution",
            Facet::TradeOff => "Trade-off",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// Header words of a table column holding this part (compared after normalising).
    pub(super) fn column_keys(self) -> &'static [&'static str] {
        match self {
            Facet::Problem => &[
                "challenge",
                "challenges",
                "problem",
                "problems",
                "issue",
                "issues",
                "symptom",
                "symptoms",
                "bug",
                "bugs",
                "what happened",
                "what went wrong",
                "obstacle",
            ],
            Facet::WhyHard => &[
                "why it was hard",
                "why hard",
                "why it was difficult",
                "why difficult",
                "what made it hard",
                "difficulty",
                "root cause",
                "cause",
                "why",
                "complexity",
            ],
            Facet::Alternatives => &[
                "alternatives considered",
                "alternatives",
                "alternative",
                "options considered",
                "options",
                "what we considered",
                "what i considered",
                "considered",
                "rejected",
                "instead of",
                "other options",
            ],
            Facet::Solution => &[
                "solution",
                "solutions",
                "fix",
                "how we solved it",
                "how i solved it",
                "how solved",
                "how we fixed it",
                "resolution",
                "approach",
                "what we did",
                "what i did",
                "resolved by",
                "fixed by",
            ],
            Facet::TradeOff => &[
                "trade off",
                "tradeoff",
                "trade offs",
                "tradeoffs",
                "the trade off",
                "cost",
                "costs",
                "downside",
                "downsides",
                "drawback",
                "drawbacks",
                "compromise",
                "what we gave up",
                "price paid",
            ],
        }
    }
}

/// How a part was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// A cell in the table column for the part.
    Column,
    /// A sub-heading or bold label naming the part ("Solution:", "The Symptom").
    Label,
    /// Wording in the challenge's text ("we considered", "the downside").
    Wording,
}

#[derive(Clone, Debug)]
pub struct Part {
    pub facet: Facet,
    pub span: Span,
    pub text: String,
    pub found: Found,
}

/// How the challenge is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A table row.
    Row,
    /// A sub-section under a heading.
    Heading,
    /// A paragraph or bullet that opens with a bold label.
    Label,
    /// A plain bullet.
    Item,
    /// The whole section, when nothing divides it.
    Section,
}

#[derive(Clone, Debug)]
pub struct Challenge {
    /// 1-based, in document order.
    pub number: usize,
    pub shape: Shape,
    /// Where to report: the row, the heading or the label.
    pub span: Span,
    pub title: String,
    pub parts: Vec<Part>,
    /// A template slot (`CHALLENGE_1`) rather than a challenge.
    pub placeholder: bool,
    /// For a table row, the index into [`Challenges::tables`].
    pub table: Option<usize>,
    /// The text of the challenge, unit by unit (sentences, headings, cells).
    pub units: Vec<(Span, String)>,
    /// The title as written (heading, label or first cell).
    pub(super) title_span: Span,
    /// What the challenge says went wrong, apart from its title (first paragraph, the
    /// problem part, or the why-it-was-hard cell), and where.
    pub(super) problem_text: String,
    pub(super) problem_span: Option<Span>,
    /// Alternatives named (an estimate for prose).
    pub alternatives: usize,
    /// The first before→after figure, if any.
    pub figure: Option<Span>,
}

impl Challenge {
    pub fn has(&self, f: Facet) -> bool {
        self.parts.iter().any(|p| p.facet == f)
    }

    pub fn parts_of(&self, f: Facet) -> impl Iterator<Item = &Part> {
        self.parts.iter().filter(move |p| p.facet == f)
    }

    pub fn missing(&self) -> Vec<Facet> {
        Facet::ALL.into_iter().filter(|f| !self.has(*f)).collect()
    }

    /// "challenge 3 (line 120), “Image uploads”".
    pub fn describe(&self, doc: &Document) -> String {
        let line = doc.line_col(self.span.start).line;
        format!(
            "challenge {} (line {line}), \"{}\"",
            self.number,
            short(&self.title, 60)
        )
    }
}

/// A table whose rows are challenges.
#[derive(Clone, Debug)]
pub struct ChallengeTable {
    pub span: Span,
    pub header: Span,
    /// Column of each facet, in [`Facet::ALL`] order.
    pub columns: [Option<usize>; 5],
}

/// Every challenge of a document.
pub struct Challenges<'a> {
    /// The Challenges sections that were read.
    pub sections: Vec<&'a Section>,
    pub items: Vec<Challenge>,
    pub tables: Vec<ChallengeTable>,
    /// Challenges set out as background: the sub-sections of a "Challenges of X" section
    /// beside the exact one. They count toward how many challenges the document takes
    /// on (CHL701), but they state the problem the project answers later, so they are
    /// not judged as accounts of a fix.
    pub background: usize,
}
