//! Source text, byte spans and the byte → line:column index.

use serde::Serialize;
use std::path::PathBuf;

/// A half-open byte range into a document's text. `u32` keeps the model small; the
/// reader refuses files over the size limit long before 4 GiB.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn empty(at: usize) -> Self {
        Span::new(at, at)
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn contains_offset(self, at: u32) -> bool {
        self.start <= at && at < self.end
    }
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// Whether the text is Markdown or MDX; decides the parser back end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Mdx,
}

impl Format {
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("mdx") => Format::Mdx,
            _ => Format::Markdown,
        }
    }
}

/// One document's text as read from disk (or stdin), with its display path.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    pub format: Format,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let path = path.into();
        let format = Format::from_path(&path);
        Source {
            path,
            text: text.into(),
            format,
        }
    }
    pub fn with_format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }
}

/// 1-based line and column; the column counts characters (Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Maps byte offsets to lines and columns. Built once per document.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        LineIndex { starts }
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of 0-based line `line`, without its line ending.
    pub fn line_span(&self, line: usize, text: &str) -> Span {
        let start = self.starts[line] as usize;
        let mut end = self
            .starts
            .get(line + 1)
            .map(|&s| s as usize)
            .unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// 1-based line and character column of a byte offset (clamped to the text and to
    /// a character boundary).
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let mut offset = (offset as usize).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset as u32);
        let start = self.starts[line] as usize;
        let column = text[start..offset].chars().count() as u32 + 1;
        LineCol {
            line: line as u32 + 1,
            column,
        }
    }

    /// Column in UTF-16 code units (0-based), as the language server protocol counts.
    pub fn utf16_col(&self, text: &str, offset: u32) -> (u32, u32) {
        let mut offset = (offset as usize).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset as u32);
        let start = self.starts[line] as usize;
        let col = text[start..offset].encode_utf16().count() as u32;
        (line as u32, col)
    }

    /// The byte offset of a 0-based line and UTF-16 column (the inverse of
    /// [`LineIndex::utf16_col`]). A column past the line's end, or inside a character
    /// that takes two code units, lands on the nearest boundary before it; a line past
    /// the end gives the text's length.
    pub fn offset_of_utf16(&self, text: &str, line: u32, col: u32) -> u32 {
        let Some(&start) = self.starts.get(line as usize) else {
            return text.len() as u32;
        };
        let end = self.line_span(line as usize, text).end as usize;
        let mut units = 0u32;
        for (i, c) in text[start as usize..end].char_indices() {
            units += c.len_utf16() as u32;
            if units > col {
                return start + i as u32;
            }
        }
        end as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "ab\néé x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        let x = text.find('x').unwrap() as u32;
        assert_eq!(idx.line_col(text, x), LineCol { line: 2, column: 4 });
        assert_eq!(idx.utf16_col(text, x), (1, 3));
        assert_eq!(idx.line_span(1, text), Span::new(3, text.len() - 1));
    }
}
