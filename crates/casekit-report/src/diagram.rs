//! A Mermaid block as a figure: the drawing (with the `svg` feature), or the parser's
//! message where the diagram does not parse, and its source either way.

use crate::assets::Assets;
#[cfg(feature = "svg")]
use crate::sanitize;
use crate::sanitize::escape;
use casekit_core::diagram::Diagram;
use casekit_core::Document;
use std::fmt::Write;

/// The figure for `diagram`, the `index`th of the page (its ids are scoped by it).
pub fn figure(doc: &Document, diagram: &Diagram, index: usize, assets: &mut Assets) -> String {
    let text = source_text(doc, diagram);
    let line = doc.line_col(diagram.span.start).line;
    let mut out = String::new();
    let kind = diagram.kind.describe();
    match &diagram.parse {
        Err(e) => {
            let at = doc.line_col(e.span.start);
            let _ = write!(
                out,
                "<figure class=\"diagram diagram-error\" data-line=\"{line}\"><figcaption>{} · does not parse</figcaption>\
                 <p class=\"parse-error\">line {}, column {}: {}</p>",
                escape(&kind),
                at.line,
                at.column,
                escape(&e.message)
            );
        }
        Ok(model) => {
            let _ = write!(
                out,
                "<figure class=\"diagram\" data-line=\"{line}\"><figcaption>{} · {}</figcaption>",
                escape(&kind),
                escape(&model.summary())
            );
            match draw(&text, index, assets) {
                Ok(svg) => {
                    let _ = write!(out, "<div class=\"drawing\">{svg}</div>");
                }
                Err(why) => {
                    let _ = write!(out, "<p class=\"no-drawing\">{}</p>", escape(&why));
                }
            }
        }
    }
    let _ = write!(
        out,
        "<details class=\"diagram-source\"{}><summary>Mermaid source</summary><pre><code>{}</code></pre></details></figure>",
        if diagram.parse.is_err() { " open" } else { "" },
        escape(&text)
    );
    out
}

/// The diagram's text without block-quote markers, with a final newline (as the core
/// gives it to the parser).
fn source_text(doc: &Document, diagram: &Diagram) -> String {
    let body = doc.slice(diagram.body);
    let line_start = doc.text()[..diagram.span.start as usize]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let quoted = doc.text()[line_start..diagram.span.start as usize].contains('>');
    let mut text: String = if quoted {
        body.split_inclusive('\n')
            .map(|l| l.trim_start_matches([' ', '\t', '>']))
            .collect()
    } else {
        body.to_string()
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(feature = "svg")]
fn draw(text: &str, index: usize, assets: &mut Assets) -> Result<String, String> {
    let drawing = memo::get_or_draw(index, text, || draw_uncached(text, index));
    match &*drawing {
        Ok(d) => {
            assets.css.push_str(&d.css);
            assets.style_attrs.extend(d.style_attrs.iter().cloned());
            Ok(d.svg.clone())
        }
        Err(why) => Err(why.clone()),
    }
}

/// A drawn diagram, sanitised: the SVG, its style sheet, and the `style` attribute
/// values it carries.
#[cfg(feature = "svg")]
struct Drawing {
    svg: String,
    css: String,
    style_attrs: Vec<String>,
}

#[cfg(feature = "svg")]
fn draw_uncached(text: &str, index: usize) -> Result<Drawing, String> {
    use merman::svg::SvgRenderOptions;
    use merman::{OperationControl, RenderOutput, RenderRequest, Renderer, SvgRequest};
    use std::sync::LazyLock;
    static RENDERER: LazyLock<Renderer> = LazyLock::new(Renderer::new);

    let id = format!("diagram-{index}");
    let request = SvgRequest {
        options: SvgRenderOptions {
            diagram_id: Some(id.clone()),
            ..SvgRenderOptions::default()
        },
        ..SvgRequest::default()
    };
    // The renderer is a port of a large JavaScript code base; a panic inside it must cost
    // one drawing, not the page.
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        RENDERER.render(RenderRequest::svg(text, OperationControl::new(), request))
    }));
    let svg = match rendered {
        Ok(Ok(RenderOutput::Svg(Some(svg)))) => svg.svg().to_string(),
        Ok(Ok(_)) => return Err("this diagram type cannot be drawn here".into()),
        Ok(Err(e)) => return Err(format!("the diagram could not be drawn: {e}")),
        Err(_) => return Err("the diagram could not be drawn".into()),
    };
    let (svg, css) = split_style(&svg);
    let mut style_attrs = Vec::new();
    Ok(Drawing {
        css: sanitize::diagram_css(&css),
        svg: sanitize::svg(&svg, &mut style_attrs),
        style_attrs,
    })
}

/// Drawings already made in this process, by their place on the page and their text.
/// Drawing is the dearest part of a page, and a cohort repeats diagrams: drafts start
/// from one template, and a revised draft keeps most of its figures. The memory it may
/// hold is capped, so a batch of ten thousand stays flat.
#[cfg(feature = "svg")]
mod memo {
    use super::Drawing;
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    type Entry = Arc<Result<Drawing, String>>;
    const BUDGET: usize = 16 << 20;

    #[derive(Default)]
    struct Memo {
        map: HashMap<(usize, String), Entry>,
        bytes: usize,
    }

    static MEMO: Mutex<Option<Memo>> = Mutex::new(None);

    pub(super) fn get_or_draw(
        index: usize,
        text: &str,
        draw: impl FnOnce() -> Result<Drawing, String>,
    ) -> Entry {
        let key = (index, text.to_string());
        if let Some(hit) = lock().get_or_insert_with(Memo::default).map.get(&key) {
            return hit.clone();
        }
        // Drawn outside the lock: two workers may draw the same diagram once each at
        // the start, which costs less than making every other worker wait.
        let drawn: Entry = Arc::new(draw());
        let size = text.len()
            + match &*drawn {
                Ok(d) => {
                    d.svg.len() + d.css.len() + d.style_attrs.iter().map(String::len).sum::<usize>()
                }
                Err(e) => e.len(),
            };
        let mut guard = lock();
        let memo = guard.get_or_insert_with(Memo::default);
        if memo.bytes + size <= BUDGET {
            memo.bytes += size;
            memo.map.insert(key, drawn.clone());
        }
        drawn
    }

    /// A worker that panicked while holding the lock leaves a memo that is still
    /// consistent (entries are inserted whole), so the poison is ignored.
    fn lock() -> std::sync::MutexGuard<'static, Option<Memo>> {
        MEMO.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(not(feature = "svg"))]
fn draw(_text: &str, _index: usize, _assets: &mut Assets) -> Result<String, String> {
    Err("drawings need casekit built with the `svg` feature; the source is below".into())
}

/// Moves the renderer's `<style>` elements out of the drawing (the page's policy allows
/// only its own style sheet), returning the drawing and their text, XML entities decoded.
#[cfg_attr(not(feature = "svg"), allow(dead_code))]
fn split_style(svg: &str) -> (String, String) {
    let mut rest = svg;
    let mut out = String::with_capacity(svg.len());
    let mut css = String::new();
    while let Some(open) = rest.find("<style") {
        let Some(body) = rest[open..].find('>').map(|i| open + i + 1) else {
            break;
        };
        let Some(close) = rest[body..].find("</style>").map(|i| body + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        css.push_str(&decode_xml(&rest[body..close]));
        css.push('\n');
        rest = &rest[close + "</style>".len()..];
    }
    out.push_str(rest);
    (out, css)
}

#[cfg_attr(not(feature = "svg"), allow(dead_code))]
fn decode_xml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(all(test, feature = "svg"))]
mod tests {
    use super::*;

    const FLOW: &str = "flowchart LR\n  A[Client] --> B[API]\n  B --> C[(Store)]\n";

    /// A remembered drawing is the drawing: the same SVG, style sheet and style
    /// attributes as drawing afresh, each time it is asked for.
    #[test]
    fn a_remembered_drawing_equals_a_fresh_one() {
        let fresh = draw_uncached(FLOW, 3).unwrap_or_else(|e| panic!("{e}"));
        for _ in 0..2 {
            let mut assets = Assets::default();
            let svg = draw(FLOW, 3, &mut assets).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(svg, fresh.svg);
            assert_eq!(assets.css, fresh.css);
            assert_eq!(assets.style_attrs, fresh.style_attrs);
        }
        // The place on the page is part of the key: ids are scoped by it.
        let mut assets = Assets::default();
        let other = draw(FLOW, 4, &mut assets).unwrap_or_else(|e| panic!("{e}"));
        assert!(other.contains("diagram-4") && !other.contains("diagram-3"));
    }
}
