//! The Markdown back end: pulldown-cmark events → model.
//!
//! Case studies written for MDX sites are often saved as `.md`. Before parsing, lines
//! that hold only JSX component tags (and `import`/`export` lines) are blanked with
//! spaces of the same byte length, so the Markdown inside `<Step>` is parsed as Markdown.
//! Content inside a component is usually indented (four spaces under `<Step>`), which
//! CommonMark would read as an indented code block while MDX does not: such lines are
//! shifted left, their leading spaces moved to the end of the line so every line keeps
//! its length, and the parser's offsets on those lines are mapped back to the source.

mod jsx_lines;

use super::autolink;
use super::html::{self, tag_end, TITLED_COMPONENTS};
use super::{Builder, Cell, CodeBlock, Heading, Html, Image, ImageKind, Link, ListItem};
use super::{Component, Paragraph, Table, TextRun};
use crate::source::Span;
use jsx_lines::*;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub fn parse(text: &str, b: &mut Builder) {
    // pulldown-cmark's metadata blocks are not limited to the start of the document: a
    // `---` rule followed by text and a later `---` swallows everything between them.
    // So front matter is found here, only at the start, and blanked before parsing.
    let blanked = front_matter(text).map(|end| {
        b.front_matter = Some(Span::new(0, end));
        let mut v = text.as_bytes().to_vec();
        for byte in &mut v[..end] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
        String::from_utf8(v).unwrap_or_default()
    });
    let base: &str = blanked.as_deref().unwrap_or(text);
    let mut shifts = Shifts::default();
    let masked = mask_jsx_lines(base, b, &mut shifts);
    let input: &str = masked.as_deref().unwrap_or(base);
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut w = Walker {
        source: text,
        shifts,
        ..Walker::default()
    };
    for (event, range) in Parser::new_ext(input, opts).into_offset_iter() {
        let orig = w.shifts.orig(range.start)..w.shifts.orig(range.end);
        w.event(event, range, orig, input, b);
    }
    autolink::autolink_literals(text, &w.inline_code, b);
}

/// End of a YAML (`---`) or TOML (`+++`) front matter block at the very start.
fn front_matter(text: &str) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?.trim_end();
    let closers: &[&str] = match first {
        "---" => &["---", "..."],
        "+++" => &["+++"],
        _ => return None,
    };
    let mut pos = first.len();
    pos += text[pos..].find('\n')? + 1;
    for (i, line) in lines.enumerate() {
        let t = line.trim_end();
        if i == 0 && t.is_empty() {
            return None;
        }
        if closers.contains(&t) {
            return Some(pos + t.len());
        }
        pos += line.len();
    }
    None
}

/// Lines whose leading spaces were moved to their end: (line start, line length
/// without its line ending, spaces moved). Sorted by start.
#[derive(Default)]
struct Shifts(Vec<(usize, usize, usize)>);

impl Shifts {
    /// The source offset of an offset in the shifted text.
    fn orig(&self, p: usize) -> usize {
        let i = self.0.partition_point(|&(start, _, _)| start <= p);
        if i == 0 {
            return p;
        }
        let (start, len, k) = self.0[i - 1];
        if p < start + len - k {
            p + k
        } else if p <= start + len {
            start + len
        } else {
            p
        }
    }
}

/// Where inline text currently goes.
#[derive(Default)]
struct Walker<'a> {
    /// The document's own text, in the coordinates of `orig` ranges.
    source: &'a str,
    heading: Option<(u8, usize, TextRun)>,
    paragraph: Option<(usize, TextRun)>,
    items: Vec<(usize, usize, TextRun, bool, Option<bool>)>,
    lists: Vec<bool>,
    table: Option<Table>,
    row: Vec<Cell>,
    cell: Option<(usize, TextRun)>,
    in_head: bool,
    /// (start, language) of the open code block; `finish` works out its body.
    code: Option<(usize, Option<String>)>,
    links: Vec<(usize, String, String)>,
    /// (start, src, alt text, title)
    images: Vec<(usize, String, String, String)>,
    shifts: Shifts,
    /// Source spans of inline code, where a URL is not a link.
    inline_code: Vec<Span>,
}

impl Walker<'_> {
    fn sink(&mut self) -> Option<&mut TextRun> {
        if let Some((_, t)) = self.cell.as_mut() {
            return Some(t);
        }
        if let Some((_, _, t, _, _)) = self.items.last_mut() {
            return Some(t);
        }
        if let Some((_, _, t)) = self.heading.as_mut() {
            return Some(t);
        }
        self.paragraph.as_mut().map(|(_, t)| t)
    }

    /// `range` is in the parser's (masked) text; offsets pushed are mapped to the source.
    fn text(&mut self, s: &str, range: std::ops::Range<usize>, src: &str) {
        for l in self.links.iter_mut() {
            l.2.push_str(s);
        }
        if let Some(img) = self.images.last_mut() {
            // Alt text describes the image; it is not prose.
            img.2.push_str(s);
            return;
        }
        let at = match src.get(range.clone()) {
            Some(v) if v == s => Some(range.start),
            Some(v) => match v.find(s) {
                Some(off) if !s.is_empty() => Some(range.start + off),
                _ => None,
            },
            None => None,
        };
        let at = at.map(|p| self.shifts.orig(p));
        if let Some(sink) = self.sink() {
            match at {
                Some(p) => sink.push_src(s, p),
                None => sink.push_synthetic(s),
            }
        }
    }

    fn event(
        &mut self,
        ev: Event,
        range: std::ops::Range<usize>,
        orig: std::ops::Range<usize>,
        src: &str,
        b: &mut Builder,
    ) {
        match ev {
            Event::Start(tag) => self.start(tag, orig),
            Event::End(tag) => self.end(tag, orig, b),
            Event::Text(t) => {
                if self.code.is_some() {
                    return;
                }
                self.text(&t, range, src);
            }
            Event::Code(t) => {
                self.inline_code.push(Span::new(orig.start, orig.end));
                self.text(&t, range, src)
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t, range, src),
            Event::Html(_) | Event::InlineHtml(_) => {
                b.html.push(Html {
                    span: Span::new(orig.start, orig.end),
                });
                // Scanned in the source itself: the parser's HTML text can differ from
                // the source bytes (container prefixes, tabs), which would shift offsets.
                let raw = self.source.get(orig.clone()).unwrap_or_default();
                html::scan(raw, orig.start, b);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(sink) = self.sink() {
                    sink.push_synthetic(" ");
                }
            }
            Event::FootnoteReference(_) | Event::Rule | Event::TaskListMarker(_) => {
                if let Event::TaskListMarker(c) = ev {
                    if let Some(item) = self.items.last_mut() {
                        item.4 = Some(c);
                    }
                }
            }
        }
    }

    fn start(&mut self, tag: Tag, range: std::ops::Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.heading = Some((heading_level(level), range.start, TextRun::default()))
            }
            Tag::Paragraph => {
                if self.items.is_empty() && self.cell.is_none() {
                    self.paragraph = Some((range.start, TextRun::default()));
                } else if let Some(sink) = self.sink() {
                    if !sink.text.is_empty() {
                        sink.push_synthetic(" ");
                    }
                }
            }
            Tag::List(start) => self.lists.push(start.is_some()),
            Tag::Item => {
                let ordered = self.lists.last().copied().unwrap_or(false);
                let depth = self.lists.len().saturating_sub(1);
                self.items
                    .push((range.start, depth, TextRun::default(), ordered, None));
            }
            Tag::Table(_) => {
                self.table = Some(Table {
                    span: Span::new(range.start, range.end),
                    header: Vec::new(),
                    rows: Vec::new(),
                })
            }
            Tag::TableHead => {
                self.in_head = true;
                self.row.clear();
            }
            Tag::TableRow => self.row.clear(),
            Tag::TableCell => self.cell = Some((range.start, TextRun::default())),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .filter(|s| !s.is_empty())
                        .map(|s| s.to_ascii_lowercase()),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((range.start, lang));
            }
            Tag::Link { dest_url, .. } => {
                self.links
                    .push((range.start, dest_url.to_string(), String::new()))
            }
            Tag::Image {
                dest_url, title, ..
            } => self.images.push((
                range.start,
                dest_url.to_string(),
                String::new(),
                title.to_string(),
            )),
            // Front matter is blanked before parsing (see `parse`).
            Tag::MetadataBlock(_)
            | Tag::HtmlBlock
            | Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_)
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: std::ops::Range<usize>, b: &mut Builder) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, start, text)) = self.heading.take() {
                    b.headings.push(Heading {
                        level,
                        span: Span::new(start, range.end),
                        text,
                        component: None,
                        component_end: None,
                        body_start: None,
                    });
                }
            }
            TagEnd::Paragraph if self.items.is_empty() && self.cell.is_none() => {
                if let Some((start, text)) = self.paragraph.take() {
                    b.paragraphs.push(Paragraph {
                        span: Span::new(start, range.end),
                        text,
                    });
                }
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Item => {
                if let Some((start, depth, text, ordered, checked)) = self.items.pop() {
                    b.list_items.push(ListItem {
                        span: Span::new(start, trim_end(range.end, start, &text)),
                        text,
                        depth: depth as u16,
                        ordered,
                        checked,
                    });
                }
            }
            TagEnd::TableCell => {
                if let Some((start, text)) = self.cell.take() {
                    self.row.push(Cell {
                        span: Span::new(start, range.end),
                        text,
                    });
                }
            }
            TagEnd::TableHead => {
                self.in_head = false;
                if let Some(t) = self.table.as_mut() {
                    t.header = std::mem::take(&mut self.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.rows.push(std::mem::take(&mut self.row));
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    b.tables.push(t);
                }
            }
            TagEnd::CodeBlock => {
                if let Some((start, lang)) = self.code.take() {
                    b.code_blocks.push(CodeBlock {
                        span: Span::new(start, range.end),
                        lang,
                        body: Span::new(start, range.end),
                        line_count: 0,
                    });
                }
            }
            TagEnd::Link => {
                if let Some((start, url, text)) = self.links.pop() {
                    b.links.push(Link {
                        span: Span::new(start, range.end),
                        url,
                        text,
                    });
                }
            }
            TagEnd::Image => {
                if let Some((start, src, mut alt, title)) = self.images.pop() {
                    if !title.is_empty() {
                        alt.push(' ');
                        alt.push_str(&title);
                    }
                    let kind = if html::is_video_url(&src) {
                        ImageKind::Video
                    } else {
                        ImageKind::Markdown
                    };
                    b.images.push(Image {
                        span: Span::new(start, range.end),
                        src,
                        alt,
                        kind,
                    });
                }
            }
            _ => {}
        }
    }
}

/// A list item's range runs to the next item; end it at its last text instead so a
/// diagnostic underlines the item, not the blank line after it.
fn trim_end(end: usize, start: usize, text: &TextRun) -> usize {
    text.span()
        .map(|s| (s.end as usize).clamp(start, end))
        .unwrap_or(end)
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn splits_lines_as_split_inclusive(t in prop::collection::vec(
            prop::sample::select(&["a", "\n", "\r\n", " ", "é", "\n\n"][..]),
            0..12,
        ).prop_map(|p| p.concat())) {
            let want: Vec<&str> = t.split_inclusive('\n').collect();
            prop_assert_eq!(LinesWithEnds(&t).collect::<Vec<_>>(), want);
        }
    }
}
