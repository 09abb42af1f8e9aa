//! The MDX back end: markdown-rs mdast → model.

use super::html::{self, TITLED_COMPONENTS};
use super::{Builder, Cell, CodeBlock, Component, Heading, Html, Image, ImageKind, Link};
use super::{ListItem, Paragraph, ParseIssue, Table, TextRun};
use crate::source::Span;
use markdown::mdast::{AttributeContent, AttributeValue, Node};
use markdown::{Constructs, MdxSignal, ParseOptions};

/// Deeper nesting than this is not walked: no real case study comes near it, and the
/// walk must not overflow the stack on a hostile file.
const MAX_DEPTH: usize = 200;

fn options() -> ParseOptions {
    ParseOptions {
        constructs: Constructs {
            gfm_table: true,
            gfm_strikethrough: true,
            gfm_task_list_item: true,
            gfm_footnote_definition: true,
            gfm_label_start_footnote: true,
            gfm_autolink_literal: true,
            frontmatter: true,
            ..Constructs::mdx()
        },
        // Without an ESM parser markdown-rs reads `import`/`export` lines as a
        // paragraph; accepting every block ends ESM at the next blank line, as MDX does.
        mdx_esm_parse: Some(Box::new(|_| MdxSignal::Ok)),
        ..ParseOptions::mdx()
    }
}

/// Whether a panic was raised inside the MDX parser (markdown-rs), whose rare internal
/// errors on odd input are caught and reported as a parse issue.
pub fn is_parser_panic(location: Option<&std::panic::Location>) -> bool {
    location.is_some_and(|l| {
        let f = l.file().replace('\\', "/");
        f.contains("/markdown-") && f.contains("/src/")
    })
}

pub fn parse(text: &str, b: &mut Builder) -> Result<(), ParseIssue> {
    // markdown-rs has a few `unreachable!` states that odd input reaches (found by
    // fuzzing); such a file is read as Markdown, with the failure reported.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        markdown::to_mdast(text, &options())
    }))
    .map_err(|_| ParseIssue {
        span: Span::empty(0),
        message: "the MDX parser failed on this file (an internal error of the parser); it was read as Markdown".into(),
    })?;
    let root = parsed.map_err(|m| {
        let offset = m
            .place
            .as_ref()
            .map(|p| match p.as_ref() {
                markdown::message::Place::Point(pt) => pt.offset,
                markdown::message::Place::Position(pos) => pos.start.offset,
            })
            .unwrap_or(0)
            .min(text.len());
        ParseIssue {
            span: Span::empty(offset),
            message: m.reason.clone(),
        }
    })?;
    let mut w = Walker {
        src: text,
        sinks: Vec::new(),
        lists: Vec::new(),
        titled: Vec::new(),
    };
    w.walk(&root, b, 0);
    Ok(())
}

struct Walker<'a> {
    src: &'a str,
    /// Text collectors: heading, top-level paragraph, list item or table cell.
    sinks: Vec<TextRun>,
    lists: Vec<bool>,
    titled: Vec<usize>,
}

fn span_of(node: &Node) -> Option<Span> {
    node.position()
        .map(|p| Span::new(p.start.offset, p.end.offset))
}

impl Walker<'_> {
    fn children(&mut self, node: &Node, b: &mut Builder, depth: usize) {
        if let Some(children) = node.children() {
            for c in children {
                self.walk(c, b, depth + 1);
            }
        }
    }

    fn text(&mut self, value: &str, span: Option<Span>) {
        let Some(sink) = self.sinks.last_mut() else {
            return;
        };
        match span {
            Some(s) => match self.src.get(s.range()) {
                Some(v) if v == value => sink.push_src(value, s.start as usize),
                Some(v) => match v.find(value) {
                    Some(off) if !value.is_empty() => sink.push_src(value, s.start as usize + off),
                    // Text over indented lines (inside a component): the parser drops
                    // the indentation, so place each line in the source on its own.
                    _ => {
                        let mut from = 0;
                        for (i, line) in value.split('\n').enumerate() {
                            if i > 0 {
                                sink.push_synthetic("\n");
                            }
                            match v[from..].find(line) {
                                Some(o) if !line.is_empty() => {
                                    sink.push_src(line, s.start as usize + from + o);
                                    from += o + line.len();
                                }
                                _ => sink.push_synthetic(line),
                            }
                        }
                    }
                },
                None => sink.push_synthetic(value),
            },
            None => sink.push_synthetic(value),
        }
    }

    fn walk(&mut self, node: &Node, b: &mut Builder, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let span = span_of(node).unwrap_or_default();
        match node {
            Node::Heading(h) => {
                self.sinks.push(TextRun::default());
                self.children(node, b, depth);
                let text = self.sinks.pop().unwrap_or_default();
                b.headings.push(Heading {
                    level: h.depth,
                    span,
                    text,
                    component: None,
                    component_end: None,
                    body_start: None,
                });
            }
            Node::Paragraph(_) => {
                if self.sinks.is_empty() {
                    self.sinks.push(TextRun::default());
                    self.children(node, b, depth);
                    let text = self.sinks.pop().unwrap_or_default();
                    b.paragraphs.push(Paragraph { span, text });
                } else {
                    if let Some(s) = self.sinks.last_mut() {
                        if !s.text.is_empty() {
                            s.push_synthetic(" ");
                        }
                    }
                    self.children(node, b, depth);
                }
            }
            Node::List(l) => {
                self.lists.push(l.ordered);
                // A nested list's text belongs to its own items, not the parent's.
                let saved = std::mem::take(&mut self.sinks);
                self.children(node, b, depth);
                self.sinks = saved;
                self.lists.pop();
            }
            Node::ListItem(item) => {
                let ordered = self.lists.last().copied().unwrap_or(false);
                let depth_in_lists = self.lists.len().saturating_sub(1) as u16;
                self.sinks.push(TextRun::default());
                self.children(node, b, depth);
                let text = self.sinks.pop().unwrap_or_default();
                let end = text
                    .span()
                    .map(|s| s.end.clamp(span.start, span.end))
                    .unwrap_or(span.end);
                b.list_items.push(ListItem {
                    span: Span {
                        start: span.start,
                        end,
                    },
                    text,
                    depth: depth_in_lists,
                    ordered,
                    checked: item.checked,
                });
            }
            Node::Table(_) => {
                let mut table = Table {
                    span,
                    header: Vec::new(),
                    rows: Vec::new(),
                };
                let saved = std::mem::take(&mut self.sinks);
                for (i, row) in node.children().into_iter().flatten().enumerate() {
                    let mut cells = Vec::new();
                    for cell in row.children().into_iter().flatten() {
                        self.sinks.push(TextRun::default());
                        self.children(cell, b, depth + 1);
                        let text = self.sinks.pop().unwrap_or_default();
                        cells.push(Cell {
                            span: span_of(cell).unwrap_or(span),
                            text,
                        });
                    }
                    if i == 0 {
                        table.header = cells;
                    } else {
                        table.rows.push(cells);
                    }
                }
                self.sinks = saved;
                b.tables.push(table);
            }
            Node::Code(c) => {
                // `finish` works out the body (between the fences) for both back ends.
                b.code_blocks.push(CodeBlock {
                    span,
                    lang: c.lang.as_deref().map(|l| l.to_ascii_lowercase()),
                    body: span,
                    line_count: 0,
                });
            }
            Node::Text(t) => self.text(&t.value, Some(span)),
            Node::InlineCode(t) => self.text(&t.value, Some(span)),
            Node::InlineMath(t) => self.text(&t.value, Some(span)),
            Node::Break(_) => self.text(" ", None),
            Node::Link(l) => {
                let before = self.sinks.last().map(|s| s.text.len());
                self.children(node, b, depth);
                let text = match (before, self.sinks.last()) {
                    (Some(i), Some(s)) => s.text[i..].to_string(),
                    _ => String::new(),
                };
                b.links.push(Link {
                    span,
                    url: l.url.clone(),
                    text,
                });
            }
            Node::Image(i) => {
                let kind = if html::is_video_url(&i.url) {
                    ImageKind::Video
                } else {
                    ImageKind::Markdown
                };
                let mut alt = i.alt.clone();
                if let Some(t) = &i.title {
                    alt.push(' ');
                    alt.push_str(t);
                }
                b.images.push(Image {
                    span,
                    src: i.url.clone(),
                    alt,
                    kind,
                });
            }
            Node::Html(_) => {
                b.html.push(Html { span });
                // The node's value can differ from the source bytes; offsets are into
                // the source.
                let raw = self
                    .src
                    .get(span.start as usize..span.end as usize)
                    .unwrap_or_default();
                html::scan(raw, span.start as usize, b);
            }
            Node::Yaml(_) | Node::Toml(_) => b.front_matter = Some(span),
            Node::MdxjsEsm(_) | Node::MdxFlowExpression(_) | Node::MdxTextExpression(_) => {
                b.html.push(Html { span });
            }
            Node::MdxJsxFlowElement(el) if el.name.as_deref() == Some("figcaption") => {
                self.caption(node, span, b, depth)
            }
            Node::MdxJsxTextElement(el) if el.name.as_deref() == Some("figcaption") => {
                self.caption(node, span, b, depth)
            }
            Node::MdxJsxFlowElement(el) => {
                self.jsx(el.name.as_deref(), &el.attributes, span, b);
                let saved = std::mem::take(&mut self.sinks);
                self.children(node, b, depth);
                self.sinks = saved;
                self.close_titled(span, b);
            }
            Node::MdxJsxTextElement(el) => {
                self.jsx(el.name.as_deref(), &el.attributes, span, b);
                self.children(node, b, depth);
                self.close_titled(span, b);
            }
            _ => self.children(node, b, depth),
        }
    }

    /// A `<figcaption>`'s words describe its figure's image, as in the Markdown back end.
    fn caption(&mut self, node: &Node, span: Span, b: &mut Builder, depth: usize) {
        self.sinks.push(TextRun::default());
        self.children(node, b, depth);
        let text = self.sinks.pop().unwrap_or_default();
        html::add_caption(b, span.start as usize, &text.text);
    }

    /// Records a JSX element; `<img>`/`<video>` count as media, `<a>` as a link, and a
    /// titled component opens a section.
    fn jsx(&mut self, name: Option<&str>, attrs: &[AttributeContent], span: Span, b: &mut Builder) {
        self.titled.push(usize::MAX);
        let Some(name) = name else { return };
        let get = |key: &str| -> Option<String> {
            attrs.iter().find_map(|a| match a {
                AttributeContent::Property(p) if p.name == key => match &p.value {
                    Some(AttributeValue::Literal(s)) => Some(s.clone()),
                    Some(AttributeValue::Expression(e)) => Some(
                        e.value
                            .trim()
                            .trim_matches(|c| c == '"' || c == '\'' || c == '`')
                            .to_string(),
                    ),
                    None => None,
                },
                _ => None,
            })
        };
        match name {
            "img" | "video" | "source" | "iframe" => {
                if let Some(src) = get("src") {
                    let kind = if name != "img" || html::is_video_url(&src) {
                        ImageKind::Video
                    } else {
                        ImageKind::Html
                    };
                    let alt = ["alt", "title", "caption"]
                        .iter()
                        .filter_map(|k| get(k))
                        .collect::<Vec<_>>()
                        .join(" ");
                    b.images.push(Image {
                        span,
                        src,
                        alt,
                        kind,
                    });
                }
                return;
            }
            "a" => {
                if let Some(url) = get("href") {
                    b.links.push(Link {
                        span,
                        url,
                        text: String::new(),
                    });
                }
                return;
            }
            // Other lower-case tags are HTML (`<figure>`, `<details>`), not components,
            // as in the Markdown back end.
            _ if !name.starts_with(|c: char| c.is_ascii_uppercase()) => return,
            _ => {}
        }
        let tag_end = self
            .src
            .get(span.range())
            .and_then(html::tag_end)
            .map(|e| span.start as usize + e)
            .unwrap_or(span.end as usize);
        let tag_span = Span::new(span.start as usize, tag_end);
        let title = get("title");
        b.components.push(Component {
            name: name.to_string(),
            span: tag_span,
            title: title.clone(),
        });
        if let (Some(title), true) = (title, TITLED_COMPONENTS.contains(&name)) {
            let tag = self.src.get(tag_span.range()).unwrap_or("");
            let title_span = match html::attr(tag, "title") {
                Some((v, off)) => Span::new(
                    tag_span.start as usize + off,
                    tag_span.start as usize + off + v.len(),
                ),
                None => tag_span,
            };
            let mut text = TextRun::default();
            match self.src.get(title_span.range()) {
                Some(v) if v == title => text.push_src(&title, title_span.start as usize),
                _ => text.push_synthetic(&title),
            }
            b.headings.push(Heading {
                level: 0,
                span: title_span,
                text,
                component: Some(name.to_string()),
                component_end: None,
                body_start: Some(tag_span.end),
            });
            if let Some(last) = self.titled.last_mut() {
                *last = b.headings.len() - 1;
            }
        }
    }

    fn close_titled(&mut self, span: Span, b: &mut Builder) {
        if let Some(i) = self.titled.pop() {
            if i != usize::MAX {
                // The content ends where the closing tag starts, as in the Markdown back end.
                let raw = self.src.get(span.range()).unwrap_or("");
                let end = match raw.rfind("</") {
                    Some(at) if raw.ends_with('>') && !raw.ends_with("/>") => {
                        span.start + at as u32
                    }
                    _ => span.end,
                };
                b.headings[i].component_end = Some(end);
            }
        }
    }
}
