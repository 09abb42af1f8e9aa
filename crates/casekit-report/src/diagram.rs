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
    assets.css.push_str(&sanitize::diagram_css(&css));
    Ok(sanitize::svg(&svg, &mut assets.style_attrs))
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
