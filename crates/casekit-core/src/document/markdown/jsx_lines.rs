//! Components in Markdown: lines that hold only JSX tags, `import` or `export` are
//! blanked (same byte length), indented content inside a component is shifted left, and
//! the components and the headings their titles open are recorded, all before
//! pulldown-cmark sees the text.

use super::*;

/// Blanks JSX-only lines and ESM lines outside code fences, shifts indented content
/// inside components left (recording the shifts); records the components and the
/// headings their titles open. Returns `None` when nothing was changed.
pub(super) fn mask_jsx_lines(text: &str, b: &mut Builder, shifts: &mut Shifts) -> Option<String> {
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
pub(super) struct LinesWithEnds<'a>(pub(super) &'a str);

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

pub(super) fn fence_marker(trimmed: &str) -> Option<(u8, usize)> {
    for c in [b'`', b'~'] {
        let n = trimmed.bytes().take_while(|&b| b == c).count();
        if n >= 3 {
            return Some((c, n));
        }
    }
    None
}

pub(super) fn starts_component_tag(t: &str) -> bool {
    let rest = t
        .strip_prefix("</")
        .or_else(|| t.strip_prefix('<'))
        .unwrap_or("");
    rest.starts_with(|c: char| c.is_ascii_uppercase()) || t == "<>" || t == "</>"
}

/// True when a line holds nothing but component tags (`<Tip>`, `</Step>`, `<Card … />`).
pub(super) fn only_tags(s: &str) -> bool {
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

pub(super) fn record_tags(
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
