//! Lookups in a document's outline: the section matched to a guide id, the sections
//! inside or around a span, and the places a report about a section belongs. The rules,
//! the measures and the rubric all ask these; they read only the outline.

use super::{Document, Section};
use crate::source::Span;

impl Document {
    /// The outline section mapped to a profile section id, if the document has it.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.guide.as_deref() == Some(id))
    }

    /// All outline sections mapped to a profile id (a document may split one across
    /// several headings, e.g. "Key Flows" and "Error Flow").
    pub fn sections_for<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Section> + 'a {
        self.sections
            .iter()
            .filter(move |s| s.guide.as_deref() == Some(id))
    }

    /// Sections lying inside `span`, in document order. Sections are ordered by where
    /// they start, so this costs the sections it returns, not the whole outline (rules
    /// that ask once per challenge or feature were quadratic in the document's size).
    pub fn sections_in(&self, span: Span) -> impl Iterator<Item = &Section> + '_ {
        let first = self.sections.partition_point(|s| s.span.start < span.start);
        self.sections[first..]
            .iter()
            .take_while(move |s| s.span.start < span.end)
            .filter(move |s| span.contains(s.span))
    }

    /// The sections that contain `span`, innermost first: the last section to start at
    /// or before it, then its ancestors (the outline nests, a parent holding its
    /// children).
    pub fn enclosing_sections(&self, span: Span) -> impl Iterator<Item = &Section> + '_ {
        let last = self
            .sections
            .partition_point(|s| s.span.start <= span.start)
            .checked_sub(1);
        std::iter::successors(last, |&i| self.sections[i].parent)
            .map(|i| &self.sections[i])
            .filter(move |s| s.span.contains(span))
    }

    /// Index in `sections` of the section with this heading.
    pub fn section_index(&self, heading: Span) -> Option<usize> {
        let i = self
            .sections
            .partition_point(|s| s.heading.start < heading.start);
        (self.sections.get(i)?.heading == heading).then_some(i)
    }
}

/// The best-matched section for a profile id.
pub fn section<'a>(doc: &'a Document, id: &str) -> Option<&'a Section> {
    doc.sections
        .iter()
        .filter(|s| s.guide.as_deref() == Some(id))
        .max_by_key(|s| (s.score, std::cmp::Reverse(s.span.start)))
}

/// The spans of every section matched to `id` (a document may split one across headings).
pub fn section_spans(doc: &Document, id: &str) -> Vec<Span> {
    doc.sections_for(id).map(|s| s.span).collect()
}

/// Whether `span` falls inside any of `spans`.
pub fn inside(spans: &[Span], span: Span) -> bool {
    spans.iter().any(|s| s.contains(span))
}

/// Where the opening of a document ends: the end of its overview section when it has
/// one, else the start of the first section matched to the guide, else the end.
pub fn lead_span(doc: &Document) -> Span {
    if let Some(s) = section(doc, "overview") {
        return Span {
            start: 0,
            end: s.span.end,
        };
    }
    let first = doc
        .sections
        .iter()
        .find(|s| s.guide.is_some())
        .map(|s| s.span.start)
        .unwrap_or(doc.text().len() as u32);
    Span {
        start: 0,
        end: first,
    }
}

/// Where to report something missing from a section: its heading, or the document anchor.
pub fn section_anchor(doc: &Document, id: &str) -> Span {
    section(doc, id)
        .map(|s| s.heading)
        .unwrap_or_else(|| doc.anchor())
}
