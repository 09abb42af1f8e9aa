//! Plain text of a block with a map back to source bytes, so that a word found in the
//! text can be reported at its exact place in the document.

use crate::source::Span;

#[derive(Clone, Debug, Default)]
pub struct TextRun {
    pub text: String,
    /// (offset in `text`, offset in source, length) of each piece copied verbatim.
    map: Vec<(u32, u32, u32)>,
}

impl TextRun {
    /// Appends text that stands verbatim at `src` in the source.
    pub fn push_src(&mut self, s: &str, src: usize) {
        if s.is_empty() {
            return;
        }
        self.map
            .push((self.text.len() as u32, src as u32, s.len() as u32));
        self.text.push_str(s);
    }

    /// Appends text with no verbatim place (an entity, a soft break).
    pub fn push_synthetic(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Source offset of a text offset: exact inside a verbatim piece, otherwise the
    /// nearest piece boundary before it.
    pub fn src_offset(&self, at: usize) -> Option<u32> {
        let at = at as u32;
        let i = self.map.partition_point(|&(t, _, _)| t <= at);
        if i == 0 {
            return self.map.first().map(|&(_, s, _)| s);
        }
        let (t, s, len) = self.map[i - 1];
        Some(if at - t <= len { s + (at - t) } else { s + len })
    }

    /// Source span of a range of the text.
    pub fn span_of(&self, range: std::ops::Range<usize>) -> Option<Span> {
        let start = self.src_offset(range.start)?;
        let end = if range.end > range.start {
            self.src_offset(range.end)?.max(start)
        } else {
            start
        };
        Some(Span { start, end })
    }

    /// Source span covering the whole text.
    pub fn span(&self) -> Option<Span> {
        let first = self.map.first()?;
        let last = self.map.last()?;
        Some(Span {
            start: first.1,
            end: last.1 + last.2,
        })
    }
}
