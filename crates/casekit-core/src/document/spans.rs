//! Every span the model holds, listed in one place, so the invariant checks (property
//! tests, fuzz targets) assert the same thing: each span addresses the document's text.

use super::Document;
use crate::source::Span;

impl Document {
    /// Every span of the model and of its prose, each named by what it marks. Builds the
    /// prose if no rule has asked for it yet.
    pub fn spans(&self) -> Vec<(&'static str, Span)> {
        let mut all = Vec::new();
        all.extend(self.headings.iter().map(|h| ("heading", h.span)));
        all.extend(self.paragraphs.iter().map(|p| ("paragraph", p.span)));
        all.extend(self.list_items.iter().map(|i| ("list item", i.span)));
        for t in &self.tables {
            all.push(("table", t.span));
            all.extend(
                t.header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .map(|c| ("cell", c.span)),
            );
        }
        for c in &self.code_blocks {
            all.push(("code block", c.span));
            all.push(("code body", c.body));
        }
        all.extend(self.links.iter().map(|l| ("link", l.span)));
        all.extend(self.images.iter().map(|i| ("image", i.span)));
        all.extend(self.components.iter().map(|c| ("component", c.span)));
        for s in &self.sections {
            all.push(("section", s.span));
            all.push(("section body", s.body));
            all.push(("section heading", s.heading));
        }
        all.extend(self.parse_issues.iter().map(|i| ("parse issue", i.span)));
        let prose = self.prose();
        all.extend(prose.sentences.iter().map(|s| ("sentence", s.span)));
        all.extend(prose.quantities.iter().map(|q| ("quantity", q.span)));
        all.extend(self.acronym_uses().iter().map(|a| ("acronym", a.span)));
        all
    }

    /// Why `span` cannot address this document's text, or `None` if it can: it must not
    /// start after it ends, run past the end, or cut a character in two.
    pub fn span_problem(&self, span: Span) -> Option<&'static str> {
        let text = self.text();
        if span.start > span.end {
            Some("starts after it ends")
        } else if span.end as usize > text.len() {
            Some("runs past the end of the text")
        } else if !text.is_char_boundary(span.start as usize)
            || !text.is_char_boundary(span.end as usize)
        {
            Some("is not on a character boundary")
        } else {
            None
        }
    }
}
