//! Limits that keep one hostile document from costing unbounded time, memory or stack:
//! nesting depth, the size of one diagram, and the size of a file given to the MDX
//! parser. Their values live in the profile's `[thresholds]` (`max_nesting`,
//! `max_diagram_bytes`, `max_mdx_bytes`); the command line can override each. A
//! document over a limit is refused with a message that names the limit and the flag
//! that raises it (see [`crate::Document::try_parse`]).
//!
//! The file-size limit itself is the reader's (`--max-file-size` in the binary): this
//! crate never reads files.

use crate::source::{Format, Span};

/// Why a document was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitError {
    /// Block containers (lists, block quotes) or MDX components nested deeper than the limit.
    Nesting {
        depth: usize,
        limit: usize,
        at: Span,
    },
    /// A Mermaid block larger than the limit.
    Diagram {
        bytes: usize,
        limit: usize,
        at: Span,
        line: usize,
    },
    /// An MDX file larger than its parser can take in bounded time.
    MdxSize { bytes: usize, limit: usize },
}

impl LimitError {
    /// Where in the document the limit was crossed.
    pub fn span(&self) -> Span {
        match self {
            LimitError::Nesting { at, .. } | LimitError::Diagram { at, .. } => *at,
            LimitError::MdxSize { .. } => Span::empty(0),
        }
    }
}

impl std::fmt::Display for LimitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LimitError::Nesting { depth, limit, .. } => write!(
                f,
                "nesting depth {} exceeds the limit of {} (--max-nesting)",
                thousands(*depth),
                thousands(*limit)
            ),
            LimitError::Diagram {
                bytes, limit, line, ..
            } => write!(
                f,
                "the Mermaid diagram at line {line} is {} bytes, over the limit of {} (--max-diagram-size)",
                thousands(*bytes),
                thousands(*limit)
            ),
            LimitError::MdxSize { bytes, limit } => write!(
                f,
                "MDX file of {} bytes is over the MDX parser's limit of {} (--max-mdx-size; or save it as .md)",
                thousands(*bytes),
                thousands(*limit)
            ),
        }
    }
}

impl std::error::Error for LimitError {}

/// `12345` → `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The deepest nesting in a document, as the parsers will build it: block quotes and
/// list items on one line (`> - > 1. text`), list items nested by indentation (two
/// columns a level), and, in MDX, component tags opened on their own lines and not yet
/// closed. Fenced code is skipped. An estimate that errs high: real documents stay
/// under ten. Returns the depth and the line where it is reached.
pub fn nesting_depth(text: &str, format: Format) -> (usize, Span) {
    let mut max = 0;
    let mut at = Span::empty(0);
    let mut fence: Option<(u8, usize)> = None;
    let mut components: usize = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let (mut depth, rest) = containers(body);
        let trimmed = rest.trim();
        if let Some((c, n)) = fence {
            let run = trimmed.bytes().take_while(|&b| b == c).count();
            if run >= n && trimmed[run..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if let Some(f) = fence_marker(trimmed) {
            fence = Some(f);
        }
        if format == Format::Mdx && trimmed.starts_with('<') {
            let (opens, closes) = tag_balance(trimmed);
            components = (components + opens).saturating_sub(closes);
            depth += components.max(opens);
        } else {
            depth += components;
        }
        if depth > max {
            max = depth;
            at = Span::new(start, start + body.len());
        }
    }
    (max, at)
}

/// Container markers at the start of a line: (depth, the rest of the line).
fn containers(line: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = line;
    loop {
        let indent_cols: usize = rest
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .map(|b| if b == b'\t' { 4 } else { 1 })
            .sum();
        let after = rest.trim_start_matches([' ', '\t']);
        let marker = if after.starts_with('>') {
            Some(1)
        } else {
            list_marker(after)
        };
        let Some(len) = marker else {
            return (depth, rest);
        };
        // Indentation before a marker nests it under the items above (two columns a
        // level at least); after a marker, it belongs to the marker.
        if depth == 0 {
            depth += indent_cols / 2;
        }
        depth += 1;
        rest = &after[len..];
    }
}

/// Length of a list marker (`-`, `*`, `+`, `1.`, `1)`) followed by a space, tab or
/// the end of the line.
fn list_marker(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let len = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    match b.get(len) {
        None | Some(b' ' | b'\t') => Some(len),
        _ => None,
    }
}

fn fence_marker(trimmed: &str) -> Option<(u8, usize)> {
    for c in [b'`', b'~'] {
        let n = trimmed.bytes().take_while(|&b| b == c).count();
        if n >= 3 {
            return Some((c, n));
        }
    }
    None
}

/// Component tags a line opens and closes: `<Name …>` opens, `</Name>` closes, and
/// `<Name … />` does both.
fn tag_balance(line: &str) -> (usize, usize) {
    let b = line.as_bytes();
    let (mut opens, mut closes) = (0, 0);
    for (i, _) in line.match_indices('<') {
        match b.get(i + 1) {
            Some(b'/') => closes += 1,
            Some(c) if c.is_ascii_alphabetic() => opens += 1,
            _ => {}
        }
    }
    closes += line.matches("/>").count();
    (opens, closes)
}

/// The values the limits take from a profile.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_nesting: usize,
    pub max_diagram_bytes: usize,
    pub max_mdx_bytes: usize,
}

impl Limits {
    pub fn of(profile: &crate::Profile) -> Limits {
        let t = &profile.thresholds;
        Limits {
            max_nesting: t.max_nesting,
            max_diagram_bytes: t.max_diagram_bytes,
            max_mdx_bytes: t.max_mdx_bytes,
        }
    }

    /// Checks what can be checked before parsing: the MDX size and the nesting depth.
    pub fn check_text(&self, text: &str, format: Format) -> Result<(), LimitError> {
        let (depth, at) = nesting_depth(text, format);
        if depth > self.max_nesting {
            return Err(LimitError::Nesting {
                depth,
                limit: self.max_nesting,
                at,
            });
        }
        if format == Format::Mdx && text.len() > self.max_mdx_bytes {
            return Err(LimitError::MdxSize {
                bytes: text.len(),
                limit: self.max_mdx_bytes,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(256), "256");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn measures_nesting() {
        let md = Format::Markdown;
        assert_eq!(nesting_depth("text\n", md).0, 0);
        assert_eq!(nesting_depth("- a\n  - b\n    - c\n", md).0, 3);
        assert_eq!(nesting_depth("> - > 1. x\n", md).0, 4);
        assert_eq!(nesting_depth(&"- ".repeat(50), md).0, 50);
        assert_eq!(nesting_depth("-not a list\n*emphasis*\n", md).0, 0);
        // Nothing inside a fence counts.
        assert_eq!(nesting_depth("```\n> > > >\n```\n", md).0, 0);
        let mdx = "<Steps>\n<Step title=\"a\">\n- x\n</Step>\n</Steps>\n";
        assert_eq!(nesting_depth(mdx, Format::Mdx).0, 3);
        assert_eq!(nesting_depth(mdx, md).0, 1);
        assert_eq!(
            nesting_depth("<Card title=\"a\" />\n<Card />\n", Format::Mdx).0,
            1
        );
    }

    #[test]
    fn messages_name_the_limit_and_the_flag() {
        let e = LimitError::Nesting {
            depth: 10_000,
            limit: 256,
            at: Span::empty(0),
        };
        assert_eq!(
            e.to_string(),
            "nesting depth 10,000 exceeds the limit of 256 (--max-nesting)"
        );
    }
}
