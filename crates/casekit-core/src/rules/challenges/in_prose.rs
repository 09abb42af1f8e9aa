//! A challenge written as prose (a sub-section, a labelled block, a bullet or a whole
//! section): its parts read from the labels, the sub-headings and the wording.

use super::*;
use crate::document::Document;
use crate::source::Span;

/// Builds a challenge written as prose (a sub-section, a labelled block, a bullet or a
/// whole section) from the text inside `extent`.
pub(super) fn build(
    doc: &Document,
    shape: Shape,
    span: Span,
    extent: Span,
    title: String,
    title_span: Span,
) -> Challenge {
    let mut units: Vec<(Span, String)> = Vec::new();
    for h in Document::in_span(&doc.headings, extent) {
        units.push((h.span, h.text.text.trim().to_string()));
    }
    for s in doc.prose().sentences_in(extent) {
        if s.span.end <= extent.end {
            units.push((s.span, s.text.clone()));
        }
    }
    for t in Document::in_span(&doc.tables, extent) {
        for c in t.header.iter().chain(t.rows.iter().flatten()) {
            units.push((c.span, c.text.text.trim().to_string()));
        }
    }
    if shape == Shape::Label || shape == Shape::Item {
        // The title is part of the block's first sentence; keep it as its own unit too.
        units.push((title_span, title.clone()));
    }
    units.sort_by_key(|(s, _)| s.start);
    for u in units.iter_mut() {
        u.1 = u.1.replace('’', "'");
    }

    let mut parts: Vec<Part> = Vec::new();
    // Parts named by sub-headings inside the challenge.
    let own = span;
    for sub in doc.sections_in(extent).filter(|x| x.heading != own) {
        if let LabelKind::Parts(facets) = label_kind(&sub.title) {
            let text = section_text(doc, sub.body);
            for f in facets {
                parts.push(Part {
                    facet: f,
                    span: sub.heading,
                    text: text.clone(),
                    found: Found::Label,
                });
            }
        }
    }
    // Parts named by bold labels opening a paragraph, bullet or line.
    let blocks = Document::in_span(&doc.paragraphs, extent)
        .map(|p| p.span)
        .chain(Document::in_span(&doc.list_items, extent).map(|i| i.span));
    for b in blocks {
        for l in bold_labels(doc, b) {
            if let LabelKind::Parts(facets) = label_kind(&l.label) {
                let text = l.text(doc);
                for f in facets {
                    parts.push(Part {
                        facet: f,
                        span: l.at,
                        text: text.clone(),
                        found: Found::Label,
                    });
                }
            }
        }
    }
    // Alternatives named per unit, counted once for both the wording test (a unit
    // mentions an alternative exactly when it names at least one) and the estimate.
    let counts = units_alternatives(&units);
    // Parts said in so many words.
    for f in Facet::ALL {
        if f == Facet::Problem {
            continue;
        }
        for ((s, t), n) in units.iter().zip(&counts) {
            let said = match f {
                Facet::Alternatives => *n > 0,
                _ => says(f, t),
            };
            if said {
                parts.push(Part {
                    facet: f,
                    span: *s,
                    text: t.clone(),
                    found: Found::Wording,
                });
            }
        }
    }
    // The problem: a labelled part, problem wording, or a body that opens by describing
    // the situation rather than the fix (the title names the problem).
    let body: Vec<&(Span, String)> = units
        .iter()
        .filter(|(s, _)| *s != title_span && !doc.is_heading(*s))
        .collect();
    if !parts.iter().any(|p| p.facet == Facet::Problem) {
        let by_words = body.iter().find(|(_, t)| PROBLEM.is_match(t));
        let opening = body
            .first()
            .filter(|(_, t)| !SOLUTION.is_match(t) || WHY_HARD.is_match(t));
        if let Some((s, t)) = by_words.or(opening).map(|u| (u.0, u.1.clone())) {
            parts.push(Part {
                facet: Facet::Problem,
                span: s,
                text: t,
                found: Found::Wording,
            });
        }
    }
    // Headings under the challenge that are not part labels are usually the options
    // weighed ("Polling", "Server-Sent Events", "WebSockets").
    let option_headings = doc
        .sections_in(extent)
        .filter(|x| x.heading != own)
        .filter(|x| label_kind(&x.title) == LabelKind::None)
        .count();
    let mut alternatives: usize = counts.iter().sum();
    if alternatives > 0 {
        alternatives += option_headings;
    }
    // "**Alternatives considered:** a longer TTL (…); fencing tokens (…); a conditional
    // update": a labelled part lists its options between semicolons.
    let listed = parts
        .iter()
        .filter(|p| p.facet == Facet::Alternatives && p.found == Found::Label)
        .map(|p| semicolon_items(&p.text))
        .max()
        .unwrap_or(0);
    alternatives = alternatives.max(listed);
    // The statement of the problem: a labelled problem part, else the first paragraph
    // or bullet of the challenge.
    let labelled = parts
        .iter()
        .find(|p| p.facet == Facet::Problem && p.found == Found::Label)
        .map(|p| (p.text.clone(), None));
    let first_block = Document::in_span(&doc.paragraphs, extent)
        .map(|p| (p.span, &p.text))
        .chain(Document::in_span(&doc.list_items, extent).map(|i| (i.span, &i.text)))
        .filter(|(sp, _)| sp.end > span.start)
        .min_by_key(|(sp, _)| sp.start)
        .map(|(sp, t)| (t.text.clone(), Some(sp)));
    let (mut problem_text, problem_span) = labelled.or(first_block).unwrap_or_default();
    // A labelled block's own label is its title, not part of the statement.
    if let Some(rest) = problem_text.trim_start().strip_prefix(title.as_str()) {
        problem_text = rest
            .trim_start_matches([':', '.', ' ', '—', '-'])
            .to_string();
    }
    let figure = units.iter().find(|(_, t)| before_after(t)).map(|(s, _)| *s);
    Challenge {
        number: 0,
        shape,
        span,
        placeholder: is_placeholder(&title),
        title,
        parts,
        table: None,
        units,
        title_span,
        problem_text,
        problem_span,
        alternatives,
        figure,
    }
}

/// Plain text of the sentences in a span.
pub(super) fn section_text(doc: &Document, span: Span) -> String {
    doc.prose()
        .sentences_in(span)
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
