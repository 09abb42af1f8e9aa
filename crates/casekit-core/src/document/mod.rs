//! The document model: one pass over Markdown or MDX builds everything the rules read.
//!
//! Two parser back ends feed the same model: pulldown-cmark for `.md` (the fast path)
//! and markdown-rs for `.mdx` (the only Rust parser that understands JSX, ESM and
//! expressions). Every item carries a byte [`Span`] into the source.

mod autolink;
mod html;
mod markdown;
mod mdx;
pub use mdx::is_parser_panic;
pub mod outline;
pub mod prose;
pub mod reader_length;
mod sections;
mod spans;
mod text;

pub use html::is_video_url as html_is_video_url;
pub use prose::{Prose, Quantity, Sentence};
pub use sections::{normalize_heading, Section};
pub use text::TextRun;

use crate::limits::{LimitError, Limits};
use crate::profile::Profile;
use crate::source::{Format, LineCol, LineIndex, Source, Span};
use std::sync::OnceLock;

/// A heading, or a component title that opens a section (`<Step title="…">`).
#[derive(Clone, Debug)]
pub struct Heading {
    pub level: u8,
    pub span: Span,
    pub text: TextRun,
    /// `Some("Step")` when the heading is a component's title attribute.
    pub component: Option<String>,
    /// For a component, where its content ends (the closing tag), if known.
    pub component_end: Option<u32>,
    /// For a component, where its content starts (just after the opening tag).
    pub body_start: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Paragraph {
    pub span: Span,
    pub text: TextRun,
}

#[derive(Clone, Debug)]
pub struct ListItem {
    pub span: Span,
    /// The item's own text, without nested lists.
    pub text: TextRun,
    /// 0 for a top-level item.
    pub depth: u16,
    pub ordered: bool,
    pub checked: Option<bool>,
}

#[derive(Clone, Debug)]
pub struct Cell {
    pub span: Span,
    pub text: TextRun,
}

#[derive(Clone, Debug)]
pub struct Table {
    pub span: Span,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn header_texts(&self) -> impl Iterator<Item = &str> {
        self.header.iter().map(|c| c.text.text.trim())
    }
    /// Span of the header row.
    pub fn header_span(&self) -> Span {
        match (self.header.first(), self.header.last()) {
            (Some(a), Some(b)) => a.span.cover(b.span),
            _ => self.span,
        }
    }
}

#[derive(Clone, Debug)]
pub struct CodeBlock {
    pub span: Span,
    /// First word of the info string, lower-cased (`mermaid`, `rust`, …).
    pub lang: Option<String>,
    /// The code itself: from the line after the opening fence to the start of the
    /// closing fence line (so it ends with a newline), or the whole block when indented.
    pub body: Span,
    /// Lines of code in `body`.
    pub line_count: usize,
}

impl CodeBlock {
    pub fn is_mermaid(&self) -> bool {
        self.lang.as_deref() == Some("mermaid")
    }
}

#[derive(Clone, Debug)]
pub struct Link {
    pub span: Span,
    pub url: String,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Markdown,
    Html,
    Video,
}

#[derive(Clone, Debug)]
pub struct Image {
    pub span: Span,
    pub src: String,
    /// Alt text, title or caption: whatever describes it.
    pub alt: String,
    pub kind: ImageKind,
}

/// A JSX component tag (`<Tip>`, `<Step title="…">`) in MDX or in Markdown that uses them.
#[derive(Clone, Debug)]
pub struct Component {
    pub name: String,
    pub span: Span,
    pub title: Option<String>,
}

/// Raw HTML (blocks and inline), kept for comments such as suppressions.
#[derive(Clone, Debug)]
pub struct Html {
    pub span: Span,
}

/// A problem the parser itself found (an MDX syntax error).
#[derive(Clone, Debug)]
pub struct ParseIssue {
    pub span: Span,
    pub message: String,
}

/// Everything a rule may read about one document. Built once by [`Document::parse`].
#[derive(Debug)]
pub struct Document {
    pub source: Source,
    pub lines: LineIndex,
    pub front_matter: Option<Span>,
    pub headings: Vec<Heading>,
    pub paragraphs: Vec<Paragraph>,
    pub list_items: Vec<ListItem>,
    pub tables: Vec<Table>,
    pub code_blocks: Vec<CodeBlock>,
    pub links: Vec<Link>,
    pub images: Vec<Image>,
    pub components: Vec<Component>,
    pub html: Vec<Html>,
    pub parse_issues: Vec<ParseIssue>,
    /// Every heading as a section of the outline, in document order.
    pub sections: Vec<Section>,
    /// The outline level at which the guide's sections were found.
    pub top_level: u8,
    /// Set when the document is over one of the profile's limits: the model then holds
    /// only what could safely be read (see [`Document::parse`]).
    pub refused: Option<LimitError>,
    prose: OnceLock<Prose>,
    acronym_uses: OnceLock<Vec<prose::AcronymUse>>,
    reader_lengths: OnceLock<Vec<u32>>,
    backticks: OnceLock<Vec<u32>>,
}

/// A document refused for a limit, with as much of it as could safely be read.
#[derive(Debug)]
pub struct Refused {
    pub error: LimitError,
    pub document: Document,
}

/// Collects the model's parts while a back end walks its parser's output.
#[derive(Default)]
pub(crate) struct Builder {
    pub front_matter: Option<Span>,
    pub headings: Vec<Heading>,
    pub paragraphs: Vec<Paragraph>,
    pub list_items: Vec<ListItem>,
    pub tables: Vec<Table>,
    pub code_blocks: Vec<CodeBlock>,
    pub links: Vec<Link>,
    pub images: Vec<Image>,
    pub components: Vec<Component>,
    pub html: Vec<Html>,
    pub parse_issues: Vec<ParseIssue>,
}

impl Document {
    /// Parses a source into the model. Never fails: what cannot be parsed becomes a
    /// [`ParseIssue`] and the rest of the model is still built. A document over one of
    /// the profile's [limits](crate::limits) is not refused here: it is read as far as is
    /// safe (not at all when nested too deep, as Markdown when too big for the MDX
    /// parser) and [`Document::refused`] says why. Use [`Document::try_parse`] to refuse.
    pub fn parse(source: Source, profile: &Profile) -> Document {
        match Self::try_parse(source, profile) {
            Ok(doc) => doc,
            Err(refused) => refused.document,
        }
    }

    /// Parses a source, or refuses it when it is over one of the profile's limits
    /// (nesting depth, MDX size, diagram size). The refusal carries the document as far
    /// as it could safely be read.
    pub fn try_parse(source: Source, profile: &Profile) -> Result<Document, Box<Refused>> {
        let limits = Limits::of(profile);
        let text = source.text.as_str();
        let mut b = Builder::default();
        let pre = limits.check_text(text, source.format);
        match (&pre, source.format) {
            // Too deep: no parser sees it (they recurse, or cost grows with depth).
            (Err(LimitError::Nesting { .. }), _) => {}
            (Err(_), _) | (Ok(()), Format::Markdown) => markdown::parse(text, &mut b),
            (Ok(()), Format::Mdx) => {
                if let Err(issue) = mdx::parse(text, &mut b) {
                    // An MDX syntax error leaves no tree: say so, then read the file as
                    // Markdown so the other rules still see its content.
                    b = Builder::default();
                    b.parse_issues.push(issue);
                    markdown::parse(text, &mut b);
                }
            }
        }
        let mut doc = b.finish(source, profile);
        let error = match pre {
            Err(e) => Some(e),
            Ok(()) => doc.oversized_diagram(limits.max_diagram_bytes),
        };
        match error {
            None => Ok(doc),
            Some(error) => {
                doc.refused = Some(error.clone());
                Err(Box::new(Refused {
                    error,
                    document: doc,
                }))
            }
        }
    }

    fn oversized_diagram(&self, limit: usize) -> Option<LimitError> {
        let c = self
            .code_blocks
            .iter()
            .find(|c| c.is_mermaid() && c.body.len() > limit)?;
        Some(LimitError::Diagram {
            bytes: c.body.len(),
            limit,
            at: self
                .lines
                .line_span(self.lines.line_of(c.span.start), self.text()),
            line: self.lines.line_of(c.span.start) + 1,
        })
    }

    pub fn text(&self) -> &str {
        &self.source.text
    }

    pub fn slice(&self, span: Span) -> &str {
        self.source.text.get(span.range()).unwrap_or("")
    }

    pub fn line_col(&self, offset: u32) -> LineCol {
        self.lines.line_col(&self.source.text, offset)
    }

    /// Whether some heading has exactly this span.
    pub fn is_heading(&self, span: Span) -> bool {
        let i = self.headings.partition_point(|h| h.span.start < span.start);
        self.headings.get(i).is_some_and(|h| h.span == span)
    }

    /// Sentences, words and measures of the prose, computed on first use.
    pub fn prose(&self) -> &Prose {
        self.prose.get_or_init(|| Prose::build(self))
    }

    /// Each prose sentence's length as a reader meets it ([`reader_length`]), in the
    /// order of `prose().sentences`, measured on first use, once for the measures and
    /// the rules that ask.
    pub fn reader_lengths(&self) -> &[u32] {
        self.reader_lengths.get_or_init(|| {
            self.prose()
                .sentences
                .iter()
                .map(|s| reader_length::measure_sentence(self, s))
                .collect()
        })
    }

    /// Every use of an acronym in paragraphs and list items, in document order, found on
    /// first use.
    pub fn acronym_uses(&self) -> &[prose::AcronymUse] {
        self.acronym_uses.get_or_init(|| Prose::acronym_uses(self))
    }

    /// Whether `at` follows an odd number of backticks on its line (so sits inside
    /// inline code, roughly). Answered from an index built on first use, so rules can
    /// ask for every word of a long line.
    pub fn after_odd_backticks(&self, at: u32) -> bool {
        let ticks = self
            .backticks
            .get_or_init(|| memchr_all(self.text().as_bytes(), b'`'));
        let line = self.lines.line_of(at);
        let start = self.lines.line_span(line, self.text()).start;
        let a = ticks.partition_point(|&t| t < start);
        let b = ticks.partition_point(|&t| t < at);
        (b - a) % 2 == 1
    }

    /// The title: the first level-1 heading, if any.
    pub fn title(&self) -> Option<&Heading> {
        self.headings
            .iter()
            .find(|h| h.level == 1 && h.component.is_none())
    }

    /// Where a report about the whole document belongs: the title, or the first line.
    pub fn anchor(&self) -> Span {
        match self.title() {
            Some(h) => h.span,
            None => {
                let first = self.lines.line_span(0, self.text());
                if first.is_empty() {
                    Span::empty(0)
                } else {
                    first
                }
            }
        }
    }

    pub fn in_span<'a, T: HasSpan>(items: &'a [T], span: Span) -> impl Iterator<Item = &'a T> + 'a {
        let first = items.partition_point(|i| i.span().start < span.start);
        items[first..]
            .iter()
            .take_while(move |i| i.span().start < span.end)
            .filter(move |i| span.contains(i.span()))
    }
}

/// Items that sit at a place in the source, so they can be filtered by section.
pub trait HasSpan {
    fn span(&self) -> Span;
}

macro_rules! has_span {
    ($($t:ty),*) => { $(impl HasSpan for $t { fn span(&self) -> Span { self.span } })* };
}
has_span!(Heading, Paragraph, ListItem, Table, CodeBlock, Link, Image, Component, Html, Cell);

impl Builder {
    fn finish(mut self, source: Source, profile: &Profile) -> Document {
        // Back ends emit some items on close (nested list items, links inside tables);
        // rules rely on document order for span queries.
        self.headings.sort_by_key(|h| h.span.start);
        self.paragraphs.sort_by_key(|p| p.span.start);
        self.list_items.sort_by_key(|p| p.span.start);
        self.tables.sort_by_key(|p| p.span.start);
        self.code_blocks.sort_by_key(|p| p.span.start);
        self.links.sort_by_key(|p| p.span.start);
        self.images.sort_by_key(|p| p.span.start);
        self.components.sort_by_key(|p| p.span.start);
        self.html.sort_by_key(|p| p.span.start);
        // Both back ends report these spans slightly differently (padding, pipes,
        // indentation inside JSX); normalise them here so the model is the same.
        let text = source.text.as_str();
        // A paragraph that held only an image, a video tag or a caption has no prose.
        self.paragraphs.retain(|p| !p.text.is_empty());
        for p in &mut self.paragraphs {
            let s = text.get(p.span.range()).unwrap_or("");
            let lead = (s.len() - s.trim_start().len()) as u32;
            p.span.end = p.span.start + s.trim_end().len() as u32;
            p.span.start = (p.span.start + lead).min(p.span.end);
        }
        for h in &mut self.headings {
            if h.component.is_none() {
                let s = text.get(h.span.range()).unwrap_or("");
                h.span.end = h.span.start + s.trim_end().len() as u32;
            }
        }
        for t in &mut self.tables {
            for c in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                c.span = trim_cell(text, c.span);
            }
        }
        for item in &mut self.list_items {
            item.span = trim_item(text, item.span);
        }
        // Block spans end at the last visible character, not on the line break after.
        for t in &mut self.tables {
            t.span.end =
                t.span.start + text.get(t.span.range()).unwrap_or("").trim_end().len() as u32;
        }
        for c in &mut self.code_blocks {
            c.span.end =
                c.span.start + text.get(c.span.range()).unwrap_or("").trim_end().len() as u32;
            c.body = fence_body(text, c.span);
            c.line_count = text
                .get(c.body.range())
                .map(|b| b.lines().count())
                .unwrap_or(0);
        }
        let lines = LineIndex::new(&source.text);
        let (sections, top_level) =
            sections::build_outline(&self.headings, source.text.len(), profile);
        Document {
            lines,
            front_matter: self.front_matter,
            headings: self.headings,
            paragraphs: self.paragraphs,
            list_items: self.list_items,
            tables: self.tables,
            code_blocks: self.code_blocks,
            links: self.links,
            images: self.images,
            components: self.components,
            html: self.html,
            parse_issues: self.parse_issues,
            sections,
            top_level,
            source,
            refused: None,
            prose: OnceLock::new(),
            acronym_uses: OnceLock::new(),
            reader_lengths: OnceLock::new(),
            backticks: OnceLock::new(),
        }
    }
}

fn memchr_all(bytes: &[u8], needle: u8) -> Vec<u32> {
    // memchr skips the bytes between needles many at a time; this runs over the whole
    // document the first time any rule asks about inline code.
    memchr::memchr_iter(needle, bytes)
        .map(|i| i as u32)
        .collect()
}

/// A table cell's span without the padding and pipes around its content.
fn trim_cell(text: &str, span: Span) -> Span {
    let Some(s) = text.get(span.range()) else {
        return span;
    };
    // A cell's content never starts with an unescaped pipe, so every leading pipe and
    // space is border.
    let lead = s.len() - s.trim_start_matches([' ', '\t', '|']).len();
    let inner = &s[lead..];
    let mut end = inner.trim_end().len();
    if inner[..end].ends_with('|') && !inner[..end].ends_with("\\|") {
        end -= 1;
        end = inner[..end].trim_end().len();
    }
    let start = span.start as usize + lead;
    Span::new(start, start + end)
}

/// A list item's span from its marker to the end of its last line of own text: the
/// back ends end it at its last text, which would cut a closing `](url)`, `**` or `` ` ``.
fn trim_item(text: &str, span: Span) -> Span {
    let Some(s) = text.get(span.range()) else {
        return span;
    };
    let start = span.start as usize + (s.len() - s.trim_start().len());
    let end = (span.start as usize + s.trim_end().len()).max(start);
    let line_end = text[end..]
        .find('\n')
        .map(|i| end + i)
        .unwrap_or(text.len());
    let end = end + text[end..line_end].trim_end().len();
    Span::new(start, end)
}

/// The code inside a block: after the opening fence line, up to the closing fence line.
fn fence_body(text: &str, span: Span) -> Span {
    let Some(s) = text.get(span.range()) else {
        return span;
    };
    let first = s.trim_start();
    let Some(c) = first.chars().next().filter(|c| *c == '`' || *c == '~') else {
        return span;
    };
    let n = first.chars().take_while(|&x| x == c).count();
    if n < 3 {
        return span;
    }
    let base = span.start as usize;
    let Some(nl) = s.find('\n') else {
        return Span::empty(span.end as usize);
    };
    let body_start = nl + 1;
    let trimmed = s.trim_end();
    let last_line_start = trimmed.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let last = trimmed[last_line_start..].trim();
    let closes = last_line_start >= body_start
        && last.chars().take_while(|&x| x == c).count() >= n
        && last.trim_start_matches(c).trim().is_empty();
    let body_end = if closes { last_line_start } else { s.len() };
    Span::new(base + body_start, base + body_end.max(body_start))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_formats;
