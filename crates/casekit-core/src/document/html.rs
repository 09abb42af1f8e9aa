//! Reads the bits of raw HTML and JSX that matter to a case study: images, videos,
//! links, and component tags whose title opens a section.

use super::{Builder, Component, Image, ImageKind, Link};
use crate::source::Span;

/// Components whose `title` attribute reads as a heading.
pub const TITLED_COMPONENTS: &[&str] = &["Step", "Accordion", "Tab", "Card", "Expandable"];

/// Value and byte offset (inside `tag`) of attribute `name`, quoted or in `{"…"}` form.
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<(&'a str, usize)> {
    let bytes = tag.as_bytes();
    let mut from = 0;
    while let Some(pos) = tag[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = at > 0 && (bytes[at - 1].is_ascii_whitespace());
        if !before_ok {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest_trim = rest.trim_start();
        let value_start = tag.len() - rest_trim.len();
        let (open, skip) = match rest_trim.as_bytes().first() {
            Some(b'"') => ('"', 1),
            Some(b'\'') => ('\'', 1),
            Some(b'{') => {
                let inner = rest_trim[1..].trim_start();
                match inner.as_bytes().first() {
                    Some(b'"') => ('"', rest_trim.len() - inner.len() + 1),
                    Some(b'\'') => ('\'', rest_trim.len() - inner.len() + 1),
                    Some(b'`') => ('`', rest_trim.len() - inner.len() + 1),
                    _ => continue,
                }
            }
            _ => continue,
        };
        let start = value_start + skip;
        let len = tag[start..].find(open)?;
        return Some((&tag[start..start + len], start));
    }
    None
}

/// End of the tag at the start of `s`, skipping `>` inside quotes and braces.
pub fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => depth = depth.saturating_sub(1),
            (None, '>') if depth == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Name of a tag starting at `s` (after `<`), and whether it is a closing tag.
fn tag_name(s: &str) -> Option<(&str, bool)> {
    let (closing, rest) = match s.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    if end == 0 {
        return None;
    }
    Some((&rest[..end], closing))
}

/// Scans an HTML fragment at byte `base` of the source for media, links and components.
pub fn scan(fragment: &str, base: usize, b: &mut Builder) {
    let mut pos = 0;
    // Where the next `</figcaption` and `</a` are: searched again only once passed, so
    // many unclosed tags cost one pass, not one pass each.
    let mut captions = NextMatch::new("</figcaption");
    let mut anchors = NextMatch::new("</a");
    while let Some(lt) = fragment[pos..].find('<') {
        let start = pos + lt;
        let Some((name, closing)) = tag_name(&fragment[start + 1..]) else {
            pos = start + 1;
            continue;
        };
        let end = fragment[start..]
            .find('>')
            .map(|e| start + e + 1)
            .unwrap_or(fragment.len());
        let tag = &fragment[start..end];
        let span = Span::new(base + start, base + end);
        pos = end.max(start + 1);
        if closing {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "img" => {
                let src = attr(tag, "src").map(|v| v.0).unwrap_or("").to_string();
                let alt = ["alt", "title", "caption"]
                    .iter()
                    .filter_map(|a| attr(tag, a).map(|v| v.0))
                    .collect::<Vec<_>>()
                    .join(" ");
                // An animated GIF is a recording of the product, as in Markdown images.
                let kind = if is_video_url(&src) {
                    ImageKind::Video
                } else {
                    ImageKind::Html
                };
                b.images.push(Image {
                    span,
                    src,
                    alt,
                    kind,
                });
            }
            "video" | "source" | "iframe" | "embed" => {
                if let Some((src, _)) = attr(tag, "src") {
                    let kind = if lower == "source" || lower == "video" || is_video_url(src) {
                        ImageKind::Video
                    } else {
                        ImageKind::Html
                    };
                    b.images.push(Image {
                        span,
                        src: src.to_string(),
                        alt: attr(tag, "title").map(|v| v.0).unwrap_or("").to_string(),
                        kind,
                    });
                }
            }
            "figcaption" => {
                let close = captions.from(fragment, end);
                let caption = strip_tags(near(fragment, end, close));
                add_caption(b, base + start, &caption);
            }
            "a" => {
                if let Some((href, _)) = attr(tag, "href") {
                    let close = anchors.from(fragment, end);
                    let text = close.map(|c| near(fragment, end, Some(c))).unwrap_or("");
                    b.links.push(Link {
                        span,
                        url: href.to_string(),
                        text: strip_tags(text),
                    });
                }
            }
            _ if name.starts_with(|c: char| c.is_ascii_uppercase()) => {
                b.components.push(Component {
                    name: name.to_string(),
                    span,
                    title: attr(tag, "title").map(|v| v.0.to_string()),
                });
            }
            _ => {}
        }
    }
}

/// The next match of a needle at or after a position, remembered between calls whose
/// positions only grow.
struct NextMatch {
    needle: &'static str,
    /// (searched from, found at)
    last: Option<(usize, Option<usize>)>,
}

impl NextMatch {
    fn new(needle: &'static str) -> Self {
        NextMatch { needle, last: None }
    }

    fn from(&mut self, hay: &str, at: usize) -> Option<usize> {
        if let Some((from, found)) = self.last {
            if from <= at && found.is_none_or(|f| f >= at) {
                return found;
            }
        }
        let found = hay[at..].find(self.needle).map(|i| at + i);
        self.last = Some((at, found));
        found
    }
}

/// A `<figcaption>` describes the image of its figure: add its words to the alt text of
/// the image found just before it.
pub fn add_caption(b: &mut Builder, at: usize, caption: &str) {
    let caption = caption.split_whitespace().collect::<Vec<_>>().join(" ");
    if caption.is_empty() {
        return;
    }
    if let Some(img) = b.images.last_mut() {
        if (img.span.end as usize) <= at && at - (img.span.end as usize) < 1000 {
            if !img.alt.is_empty() {
                img.alt.push(' ');
            }
            img.alt.push_str(&caption);
        }
    }
}

pub fn is_video_url(url: &str) -> bool {
    let l = url.to_ascii_lowercase();
    let path = l.split(['?', '#']).next().unwrap_or("");
    [".mp4", ".webm", ".mov", ".gif", ".m4v", ".ogv"]
        .iter()
        .any(|e| path.ends_with(e))
        || ["loom.com", "youtube.com", "youtu.be", "vimeo.com"]
            .iter()
            .any(|h| l.contains(h))
}

/// How much text after a `<figcaption>` or `<a>` tag is read as its caption or label:
/// enough for any real one, and it keeps many unclosed tags from costing a pass each.
const TEXT_REACH: usize = 2000;

/// The text from `start` to `close` (or the end), cut at [`TEXT_REACH`] bytes.
fn near(fragment: &str, start: usize, close: Option<usize>) -> &str {
    let mut end = close.unwrap_or(fragment.len()).min(start + TEXT_REACH);
    while !fragment.is_char_boundary(end) {
        end -= 1;
    }
    &fragment[start..end.max(start)]
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_in_all_quote_styles() {
        assert_eq!(
            attr(r#"<Step title="Overview" icon="x">"#, "title")
                .unwrap()
                .0,
            "Overview"
        );
        assert_eq!(attr("<Step title='A'>", "title").unwrap().0, "A");
        assert_eq!(attr(r#"<Tab title={"B"}>"#, "title").unwrap().0, "B");
        assert_eq!(attr(r#"<Card subtitle="no">"#, "title"), None);
    }

    #[test]
    fn finds_images_videos_links_and_components() {
        let mut b = Builder::default();
        scan(
            r#"<figure><img src="a.png" caption="Architecture"/></figure><video src="d.mp4"></video><a href="https://x.io">X</a><Tip>"#,
            10,
            &mut b,
        );
        assert_eq!(b.images.len(), 2);
        assert_eq!(b.images[0].alt, "Architecture");
        assert_eq!(b.images[0].span.start, 18);
        assert_eq!(b.images[1].kind, ImageKind::Video);
        assert_eq!(b.links[0].text, "X");
        assert_eq!(b.components[0].name, "Tip");
    }
}
