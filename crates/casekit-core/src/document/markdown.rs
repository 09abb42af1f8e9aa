//! The Markdown back end: pulldown-cmark events → model.
//!
//! Case studies written for MDX sites are often saved as `.md`. Before parsing, lines
//! that hold only JSX component tags (and `import`/`export` lines) are blanked with
//! spaces of the same byte length, so the Markdown inside `<Step>` is parsed as Markdown.
//! Content inside a component is usually indented (four spaces under `<Step>`), which
//! CommonMark would read as an indented code block while MDX does not: such lines are
//! shifted left, their leading spaces moved to the end of the line so every line keeps
//! its length, and the parser's offsets on those lines are mapped back to the source.

use super::autolink;
use super::html::{self, tag_end, TITLED_COMPONENTS};
use super::{Builder, Cell, CodeBlock, Heading, Html, Image, ImageKind, Link, ListItem};
use super::{Component, Paragraph, Table, TextRun};
use crate::source::Span;
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

/// Blanks JSX-only lines and ESM lines outside code fences, shifts indented content
/// inside components left (recording the shifts); records the components and the
/// headings their titles open. Returns `None` when nothing was changed.
fn mask_jsx_lines(text: &str, b: &mut Builder, shifts: &mut Shifts) -> Option<String> {
    if !text.contains('<') && !text.contains("import ") && !text.contains("export ") {
        return None;
    }
    let mut out: Option<Vec<u8>> = None;
    let mut fence: Option<(u8, usize)> = None;
    let mut open_titled: Vec<(String, usize)> = Vec::new();
    // Open components (name, indentation of their tag line).
    let mut open: Vec<(String, usize)> = Vec::new();
    // How far content in the current run inside a component is shifted; `None` until
    // the run's first non-blank line sets it.
    let mut shift: Option<usize> = None;
    let mut pos = 0;
    let bytes = text.as_bytes();
    let mut lines = LinesWithEnds(text);
    while let Some(line) = lines.next() {
        let start = pos;
        pos += line.len();
        // Outside components, a line matters only when it may open or close a fence, or
        // be a tag or an import or export: most lines of a document are passed here.
        if open.is_empty() && !line.trim_start().starts_with(['`', '~', '<', 'i', 'e']) {
            continue;
        }
        let trimmed = line.trim();
        let indent = line.len() - line.trim_start_matches(' ').len();
        let in_component = !open.is_empty();
        let mut dedent = |shift: &mut Option<usize>, out: &mut Option<Vec<u8>>| {
            if !in_component || trimmed.is_empty() {
                return;
            }
            let base = open.first().map(|o| o.1).unwrap_or(0);
            let k = (*shift.get_or_insert(indent.saturating_sub(base))).min(indent);
            if k == 0 {
                return;
            }
            let len = line.trim_end_matches(['\n', '\r']).len();
            let buf = out.get_or_insert_with(|| bytes.to_vec());
            buf[start..start + len - k].copy_from_slice(&bytes[start + k..start + len]);
            for byte in &mut buf[start + len - k..start + len] {
                *byte = b' ';
            }
            shifts.0.push((start, len, k));
        };
        // Track fenced code so nothing inside a fence is read as JSX.
        if let Some((c, n)) = fence {
            if fence_marker(trimmed).is_some_and(|f| f.0 == c && f.1 >= n)
                && trimmed.trim_start_matches(c as char).trim().is_empty()
            {
                fence = None;
            }
            dedent(&mut shift, &mut out);
            continue;
        }
        if let Some(f) = fence_marker(trimmed) {
            fence = Some(f);
            dedent(&mut shift, &mut out);
            continue;
        }
        if !in_component && indent >= 8 {
            continue;
        }
        let esm = !in_component
            && ((trimmed.starts_with("import ")
                && (trimmed.contains(" from ")
                    || trimmed.ends_with(';')
                    || trimmed.contains('\'')))
                || (trimmed.starts_with("export ")
                    && (trimmed.contains('=')
                        || trimmed.contains(" from ")
                        || trimmed.contains("default"))));
        let mut end = pos;
        let is_jsx = if esm {
            true
        } else if starts_component_tag(trimmed) {
            // A tag may spread its attributes over several lines.
            let mut whole = trimmed.to_string();
            while !whole.ends_with('>') {
                match lines.next() {
                    Some(next) => {
                        pos += next.len();
                        end = pos;
                        whole.push(' ');
                        whole.push_str(next.trim());
                    }
                    None => break,
                }
            }
            only_tags(&whole)
        } else {
            false
        };
        if !is_jsx {
            dedent(&mut shift, &mut out);
            continue;
        }
        if !esm {
            record_tags(
                &text[start..end],
                start,
                b,
                &mut open_titled,
                &mut open,
                indent,
            );
            // The next run of content sets its own shift.
            shift = None;
        }
        let buf = out.get_or_insert_with(|| bytes.to_vec());
        for byte in &mut buf[start..end] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    // Replacing whole lines of ASCII and multi-byte characters with spaces, and moving
    // ASCII spaces within a line, keeps UTF-8 valid.
    out.map(|v| String::from_utf8(v).unwrap_or_else(|_| text.to_string()))
}

/// The lines of a text with their line endings, as `split_inclusive('\n')` gives them,
/// found with `memchr` (the standard library's character search takes its slow path on
/// a whole document).
struct LinesWithEnds<'a>(&'a str);

impl<'a> Iterator for LinesWithEnds<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.0.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', self.0.as_bytes()).map_or(self.0.len(), |i| i + 1);
        let (line, rest) = self.0.split_at(end);
        self.0 = rest;
        Some(line)
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

fn starts_component_tag(t: &str) -> bool {
    let rest = t
        .strip_prefix("</")
        .or_else(|| t.strip_prefix('<'))
        .unwrap_or("");
    rest.starts_with(|c: char| c.is_ascii_uppercase()) || t == "<>" || t == "</>"
}

/// True when a line holds nothing but component tags (`<Tip>`, `</Step>`, `<Card … />`).
fn only_tags(s: &str) -> bool {
    let mut rest = s.trim();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        if !starts_component_tag(rest) {
            return false;
        }
        let Some(end) = tag_end(rest) else {
            return false;
        };
        rest = rest[end..].trim_start();
    }
    true
}

fn record_tags(
    segment: &str,
    base: usize,
    b: &mut Builder,
    open: &mut Vec<(String, usize)>,
    components: &mut Vec<(String, usize)>,
    indent: usize,
) {
    let mut off = 0;
    while let Some(lt) = segment[off..].find('<') {
        let at = off + lt;
        let Some(len) = tag_end(&segment[at..]) else {
            break;
        };
        let tag = &segment[at..at + len];
        off = at + len;
        let closing = tag.starts_with("</");
        let name: String = tag
            .trim_start_matches("</")
            .trim_start_matches('<')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        let span = Span::new(base + at, base + at + len);
        if closing {
            if let Some(i) = components.iter().rposition(|(n, _)| *n == name) {
                components.truncate(i);
            }
        } else if !tag.ends_with("/>") {
            components.push((name.clone(), indent));
        }
        if closing {
            if let Some(i) = open.iter().rposition(|(n, _)| *n == name) {
                let (_, heading) = open.remove(i);
                b.headings[heading].component_end = Some(span.start);
            }
            continue;
        }
        let title = html::attr(tag, "title");
        b.components.push(Component {
            name: name.clone(),
            span,
            title: title.map(|t| t.0.to_string()),
        });
        if let (Some((value, off_in_tag)), true) =
            (title, TITLED_COMPONENTS.contains(&name.as_str()))
        {
            let start = base + at + off_in_tag;
            let mut text = TextRun::default();
            text.push_src(value, start);
            b.headings.push(Heading {
                level: 0,
                span: Span::new(start, start + value.len()),
                text,
                component: Some(name.clone()),
                component_end: None,
                body_start: Some(span.end),
            });
            if !tag.ends_with("/>") {
                open.push((name, b.headings.len() - 1));
            }
        }
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
