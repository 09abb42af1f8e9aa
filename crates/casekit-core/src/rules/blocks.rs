//! A flat, ordered view of the blocks inside a span (sub-headings, paragraphs, list
//! items, code blocks, tables), with the small readings several rules share: bold
//! labels (`**Non-Goals**`), a list item's nested children, the list a paragraph
//! introduces.

use crate::document::{CodeBlock, Document, Heading, ListItem, Paragraph, Table, TextRun};
use crate::source::Span;

#[derive(Clone, Copy, Debug)]
pub(crate) enum Block<'a> {
    Heading(&'a Heading),
    Para(&'a Paragraph),
    /// A list item and its index in `Document::list_items`.
    Item(&'a ListItem, usize),
    Code(&'a CodeBlock),
    Table(&'a Table),
}

impl Block<'_> {
    pub fn span(&self) -> Span {
        match self {
            Block::Heading(h) => h.span,
            Block::Para(p) => p.span,
            Block::Item(i, _) => i.span,
            Block::Code(c) => c.span,
            Block::Table(t) => t.span,
        }
    }
}

/// Every block inside `span`, in document order. Headings are included only when they
/// start after `span.start` (the section's own heading is not one of its blocks).
pub(crate) fn blocks_in(doc: &Document, span: Span) -> Vec<Block<'_>> {
    let mut v: Vec<Block> = Vec::new();
    v.extend(
        Document::in_span(&doc.headings, span)
            .filter(|h| h.span.start > span.start)
            .map(Block::Heading),
    );
    v.extend(Document::in_span(&doc.paragraphs, span).map(Block::Para));
    let first = doc
        .list_items
        .partition_point(|i| i.span.start < span.start);
    for (k, item) in doc.list_items[first..].iter().enumerate() {
        if item.span.start >= span.end {
            break;
        }
        if span.contains(item.span) {
            v.push(Block::Item(item, first + k));
        }
    }
    v.extend(Document::in_span(&doc.code_blocks, span).map(Block::Code));
    v.extend(Document::in_span(&doc.tables, span).map(Block::Table));
    // Paragraphs nested in other blocks are not separate blocks in the model, so a
    // stable sort by start is enough; ties (a list item and its first line) keep order.
    v.sort_by_key(|b| b.span().start);
    v
}

/// Indices (into `doc.list_items`) of the items nested under item `idx`.
pub(crate) fn children(doc: &Document, idx: usize) -> std::ops::Range<usize> {
    let depth = doc.list_items[idx].depth;
    let mut end = idx + 1;
    while end < doc.list_items.len() && doc.list_items[end].depth > depth {
        end += 1;
    }
    idx + 1..end
}

/// The text of an item with the text of its nested items, joined by spaces.
pub(crate) fn item_text_with_children(doc: &Document, idx: usize) -> String {
    let mut s = doc.list_items[idx].text.text.clone();
    for c in children(doc, idx) {
        s.push(' ');
        s.push_str(&doc.list_items[c].text.text);
    }
    s
}

/// A bold label that opens a block: `**Non-Goals**`, `**Technical Goals:** …`.
#[derive(Clone, Debug)]
pub(crate) struct BoldLabel {
    /// The label's words, without a trailing colon.
    pub label: String,
    /// Where the label sits in the source (the bold text).
    pub span: Span,
    /// Nothing follows the label in the block: it names a group.
    pub only: bool,
    /// The block's plain text after the label and its separator.
    pub rest: String,
}

/// Reads a bold label at the start of a text block, if the block starts with one.
pub(crate) fn bold_label(doc: &Document, run: &TextRun) -> Option<BoldLabel> {
    let whole = run.span()?;
    let src = doc.text();
    let start = whole.start as usize;
    let before = src.get(..start)?;
    let marker = if before.ends_with("**") {
        "**"
    } else if before.ends_with("__") {
        "__"
    } else {
        return None;
    };
    // The marker must open the block: only a list marker or spaces before it on the line.
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let lead = &before[line_start..before.len() - 2];
    let lead_ok = lead.trim().is_empty()
        || lead
            .trim()
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit())
        || matches!(lead.trim(), "-" | "*" | "+");
    if !lead_ok {
        return None;
    }
    let close = src[start..].find(marker)? + start;
    let inner = &src[start..close];
    if inner.contains('\n') || inner.chars().count() > 80 || inner.trim().is_empty() {
        return None;
    }
    let label = inner.trim().trim_end_matches(':').trim().to_string();
    let text = run.text.trim_start();
    let rest = text
        .strip_prefix(inner.trim())
        .unwrap_or("")
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—'))
        .trim()
        .to_string();
    let only = text.strip_prefix(inner.trim()).is_some() && rest.is_empty();
    Some(BoldLabel {
        label,
        span: Span::new(start, close),
        only,
        rest,
    })
}

/// The narrowest useful span of a text block: its text (not the list marker), cut at
/// the end of the first line.
pub(crate) fn text_span(doc: &Document, run: &TextRun, fallback: Span) -> Span {
    let Some(mut s) = run.span() else {
        return fallback;
    };
    // Start at the emphasis that opens the text ("**Label**: …"), not inside it.
    let before = &doc.text()[..s.start as usize];
    if before.ends_with("**") || before.ends_with("__") {
        s.start -= 2;
    }
    let text = doc.slice(s);
    match text.find('\n') {
        Some(nl) => Span::new(
            s.start as usize,
            s.start as usize + text[..nl].trim_end().len(),
        ),
        None => s,
    }
}

/// A short quotation of a text for a message: the first `max` characters, on a word
/// boundary, with an ellipsis when cut.
pub(crate) fn quote(text: &str, max: usize) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max {
        return t;
    }
    let mut cut: String = t.chars().take(max).collect();
    if let Some(sp) = cut.rfind(' ') {
        cut.truncate(sp);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// 1-based line of a byte offset, for messages ("the tech stack table (line 48)").
pub(crate) fn line_of(doc: &Document, at: u32) -> usize {
    doc.line_col(at).line as usize
}

pub(crate) use crate::scaffold::is_slot;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Profile, Source};

    fn doc(text: &str) -> Document {
        Document::parse(Source::new("t.md", text), Profile::guide())
    }

    #[test]
    fn reads_bold_labels_alone_and_with_text() {
        let d = doc(
            "**Non-Goals**\n\n- **Technical Goals**: p95 under 200 ms\n\nSome **bold** words.\n",
        );
        let alone = bold_label(&d, &d.paragraphs[0].text).expect("label");
        assert_eq!(alone.label, "Non-Goals");
        assert!(alone.only);
        let inline = bold_label(&d, &d.list_items[0].text).expect("label");
        assert_eq!(inline.label, "Technical Goals");
        assert!(!inline.only);
        assert_eq!(inline.rest, "p95 under 200 ms");
        assert!(bold_label(&d, &d.paragraphs[1].text).is_none());
    }

    #[test]
    fn folds_nested_items_into_their_parent() {
        let d = doc("- Payments\n  - Stripe Elements\n  - Webhooks\n- Search\n");
        assert_eq!(children(&d, 0), 1..3);
        assert_eq!(
            item_text_with_children(&d, 0),
            "Payments Stripe Elements Webhooks"
        );
        assert!(children(&d, 3).is_empty());
    }

    #[test]
    fn slots_are_template_words_not_acronyms() {
        assert!(is_slot("REASON -- include the constraint"));
        assert!(is_slot("GOAL_1: what problem"));
        assert!(!is_slot("JWT authentication"));
        assert!(!is_slot("AWS free tier"));
    }

    #[test]
    fn quotes_cut_on_a_word() {
        assert_eq!(quote("one two three four", 9), "one two…");
        assert_eq!(quote("short", 9), "short");
    }
}
