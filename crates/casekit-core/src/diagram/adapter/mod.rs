//! The one adapter from the parser's output to [`super::model`]: Mermaid's own JSON model
//! (the shape Mermaid's diagram databases have) plus the parser's source symbols (names with
//! byte spans). The JSON shape is not a stable API, so everything that reads it is here and
//! is covered by golden tests.
//!
//! Catches handled here: sequence message types are Mermaid's line-type numbers; ER
//! relationships point at internal entity ids and carry the two cardinalities swapped;
//! flowchart edges have no spans, so they are placed from the node and label symbols.

mod er_class_state;
mod flowchart;
mod sequence;

use super::model::*;
use super::model_er_class_state::*;
use crate::source::Span;
pub(crate) use er_class_state::{class, er, state};
pub(crate) use flowchart::flowchart;
pub(crate) use sequence::sequence;
use serde_json::Value;
use std::collections::BTreeSet;

/// A symbol the parser saw in the source: a node, a reference to one, a label, …
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sym {
    pub name: String,
    /// The parser's description of the symbol ("flowchart node", "sequence message", …).
    pub detail: String,
    /// A later mention of something declared earlier.
    pub reference: bool,
    /// The whole symbol (`[Label]`, `: message text`).
    pub span: (usize, usize),
    /// The name alone inside it.
    pub selection: (usize, usize),
}

/// Turns byte offsets in the diagram text into document spans.
#[derive(Clone, Debug)]
pub(crate) struct Mapper {
    /// (offset in the diagram text, offset in the document) at the start of each piece.
    pieces: Vec<(usize, u32)>,
    len: usize,
}

impl Mapper {
    /// The diagram text is the document from `at` on, unchanged.
    pub fn shifted(at: u32, len: usize) -> Mapper {
        Mapper {
            pieces: vec![(0, at)],
            len,
        }
    }

    /// The diagram text was assembled from pieces of the document.
    pub fn pieces(pieces: Vec<(usize, u32)>, len: usize) -> Mapper {
        Mapper { pieces, len }
    }

    pub fn offset(&self, at: usize) -> u32 {
        let at = at.min(self.len);
        let i = self.pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(text, doc)) => doc + (at - text) as u32,
            None => 0,
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let a = self.offset(start);
        let b = self.offset(end.max(start));
        Span {
            start: a,
            end: b.max(a),
        }
    }
}

/// Everything the adapter reads for one diagram.
pub(crate) struct Input<'a> {
    pub json: &'a Value,
    pub syms: &'a [Sym],
    pub text: &'a str,
    pub map: &'a Mapper,
}

impl Input<'_> {
    fn span(&self, r: (usize, usize)) -> Span {
        self.map.span(r.0, r.1)
    }

    /// Symbols whose detail is one of `details`, in source order.
    fn syms(&self, details: &[&str]) -> Vec<&Sym> {
        let mut v: Vec<&Sym> = self
            .syms
            .iter()
            .filter(|s| details.contains(&s.detail.as_str()))
            .collect();
        v.sort_by_key(|s| s.span.0);
        v
    }

    /// The trimmed line holding `at`, as a range of the diagram text.
    fn line(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len());
        let start = self.text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let end = self.text[at..]
            .find('\n')
            .map(|i| at + i)
            .unwrap_or(self.text.len());
        trim_range(self.text, start, end)
    }

    /// The first line of the diagram: where to point when nothing narrower is known.
    fn first_line(&self) -> (usize, usize) {
        let first = self
            .text
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map(|(i, _)| i)
            .unwrap_or(0);
        self.line(first)
    }
}

fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        (start, start)
    } else {
        (start + lead, end - trail)
    }
}

fn str_of<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn items<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key).map(as_items).unwrap_or(&[])
}

fn as_items(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn as_str(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// The fields `keys` (distinct) of the object `v` (`null` where absent), found in one pass
/// over its fields that stops once all are found. A lookup by key hashes the key, which
/// costs more than comparing it with the few fields of one of the parser's objects.
fn fields<'v, const N: usize>(v: &'v Value, keys: [&str; N]) -> [&'v Value; N] {
    let mut found = [&Value::Null; N];
    let mut missing = N;
    for (key, value) in v.as_object().into_iter().flatten() {
        if let Some(i) = keys.iter().position(|k| k == key) {
            found[i] = value;
            missing -= 1;
            if missing == 0 {
                break;
            }
        }
    }
    found
}

/// Text as shown: Mermaid keeps `<br/>` and entity codes in labels; a rule wants words.
///
/// Most labels are plain words, so each step runs only when its marker is present: the
/// line breaks when there is a `<`, the entities (replaced one after the other, so
/// `&amp;lt;` ends as `<`) when there is a `#` or `&`.
pub(crate) fn clean_label(s: &str) -> String {
    if is_plain(s) {
        return s.to_string();
    }
    let mut text = std::borrow::Cow::Borrowed(s);
    if s.contains('<') {
        text = std::borrow::Cow::Owned(strip_line_breaks(s));
    }
    if text.contains(['#', '&']) {
        text = std::borrow::Cow::Owned(
            text.replace("#quot;", "\"")
                .replace("#59;", ";")
                .replace("#35;", "#")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">"),
        );
    }
    // The words joined by single spaces.
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `s` is already clean: ASCII words separated by single spaces, with no markup or
/// entity markers.
fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter().enumerate().all(|(i, &c)| match c {
            b' ' => b[i - 1] != b' ',
            b'<' | b'#' | b'&' => false,
            c => c.is_ascii() && !c.is_ascii_whitespace() && c != 0x0b,
        })
}

/// `<br>`, `<br/>`, `<BR />` … (any tag starting `<br`, any case) as a space.
fn strip_line_breaks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.as_bytes()[..tail.len().min(3)].eq_ignore_ascii_case(b"<br") {
            out.push(' ');
            rest = tail.find('>').map(|j| &tail[j + 1..]).unwrap_or("");
        } else {
            out.push('<');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}
