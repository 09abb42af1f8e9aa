//! Everything the document's author wrote goes through ammonia before it reaches the
//! page: its Markdown's HTML, the HTML it embeds, and the SVG drawn from its diagrams
//! (labels are the author's text too). Nothing here trusts the renderer's output.
// Without the `svg` feature nothing is drawn, so the drawing's sanitiser goes unused
// (its tests still run).
#![cfg_attr(not(feature = "svg"), allow(dead_code))]

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

/// Text for HTML element content or a quoted attribute value.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// How relative URLs in the document are rewritten: `base` in front of each, images by
/// the caller's `data:` URIs when it gave one.
#[derive(Clone, Default)]
pub struct Urls {
    pub base: Option<String>,
    pub images: std::collections::HashMap<String, String>,
}

/// Cleans the document's HTML (from pulldown-cmark, raw HTML and JSX included): no
/// script, no event handler, no `javascript:` URL, no form, no frame, no style. Built
/// once per page, used for each block.
pub struct Cleaner(ammonia::Builder<'static>);

impl Cleaner {
    pub fn new(urls: Urls) -> Cleaner {
        Cleaner(document_builder(urls))
    }

    pub fn clean(&self, html: &str) -> String {
        self.0.clean(html).to_string()
    }
}

fn document_builder(urls: Urls) -> ammonia::Builder<'static> {
    let Urls { images, base } = urls;
    let mut b = ammonia::Builder::default();
    b.add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .set_tag_attribute_value("input", "disabled", "")
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("img", ["width", "height", "loading"])
        .add_url_schemes(["data"])
        .url_relative(ammonia::UrlRelative::PassThrough)
        .attribute_filter(move |element, attribute, value| {
            if element == "input" && attribute == "type" && value != "checkbox" {
                return None;
            }
            if !matches!(attribute, "src" | "href" | "cite") {
                return Some(value.into());
            }
            if element == "img" && attribute == "src" {
                if let Some(data) = images.get(value) {
                    return Some(data.clone().into());
                }
            }
            let lower = value.trim_start().to_ascii_lowercase();
            if lower.starts_with("data:") {
                // Embedded pictures only; a `data:` link could carry a page of script.
                let image = element == "img" && attribute == "src";
                let safe = lower.starts_with("data:image/") && !lower.starts_with("data:image/svg");
                return (image && safe).then(|| value.into());
            }
            match &base {
                Some(base) if is_relative(value) => Some(format!("{base}{value}").into()),
                _ => Some(value.into()),
            }
        });
    b
}

/// Markdown written by casekit itself (rule docs), rendered and still sanitised.
pub fn markdown(text: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::clean(&html)
}

fn is_relative(url: &str) -> bool {
    let u = url.trim_start();
    !(u.is_empty()
        || u.starts_with('#')
        || u.starts_with('/')
        || u.starts_with("\\")
        || u.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }))
}

const SVG_TAGS: &[&str] = &[
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "defs",
    "marker",
    "title",
    "desc",
    "foreignObject",
    "filter",
    "feDropShadow",
    "feGaussianBlur",
    "feOffset",
    "feFlood",
    "feComposite",
    "feMerge",
    "feMergeNode",
    "feBlend",
    "clipPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "symbol",
    "pattern",
    "mask",
    // Label HTML inside foreignObject: text formatting only.
    "div",
    "span",
    "p",
    "br",
    "b",
    "i",
    "em",
    "strong",
    "code",
    "sub",
    "sup",
    "u",
    "s",
];

const SVG_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "style",
    "transform",
    "d",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "width",
    "height",
    "viewBox",
    "viewbox",
    "points",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "opacity",
    "fill-opacity",
    "stroke-opacity",
    "fill-rule",
    "clip-rule",
    "marker-start",
    "marker-mid",
    "marker-end",
    "markerWidth",
    "markerHeight",
    "markerwidth",
    "markerheight",
    "markerUnits",
    "markerunits",
    "refX",
    "refY",
    "refx",
    "refy",
    "orient",
    "preserveAspectRatio",
    "preserveaspectratio",
    "text-anchor",
    "dominant-baseline",
    "alignment-baseline",
    "baseline-shift",
    "font-size",
    "font-family",
    "font-weight",
    "font-style",
    "letter-spacing",
    "text-decoration",
    "dx",
    "dy",
    "rotate",
    "textLength",
    "lengthAdjust",
    "role",
    "aria-roledescription",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "flood-color",
    "flood-opacity",
    "stdDeviation",
    "stddeviation",
    "in",
    "in2",
    "result",
    "mode",
    "operator",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradienttransform",
    "gradientTransform",
    "gradientunits",
    "patternUnits",
    "patternunits",
    "clip-path",
    "clipPathUnits",
    "mask",
    "filter",
    "filterUnits",
    "visibility",
    "display",
    "overflow",
    "xmlns",
    "version",
];

/// CSS properties a diagram's `style` attributes may keep: drawing and text layout.
const STYLE_PROPERTIES: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-opacity",
    "opacity",
    "color",
    "background",
    "background-color",
    "display",
    "white-space",
    "line-height",
    "max-width",
    "min-width",
    "width",
    "height",
    "text-align",
    "overflow",
    "font-size",
    "font-weight",
    "font-style",
    "font-family",
    "text-decoration",
    "padding",
    "margin",
    "vertical-align",
    "visibility",
    "marker-end",
    "marker-start",
];

/// A drawn diagram made safe: only drawing elements and text formatting survive, with
/// presentation attributes; `style` attributes keep only the properties above, without
/// `url(` or escapes. The `style` values kept are pushed to `styles` so the page's
/// policy can allow each one by hash.
pub fn svg(svg: &str, styles: &mut Vec<String>) -> String {
    let kept: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = Arc::clone(&kept);
    let mut b = ammonia::Builder::empty();
    b.add_tags(SVG_TAGS.iter().copied())
        .add_generic_attributes(SVG_ATTRIBUTES.iter().copied())
        .add_generic_attribute_prefixes(["data-"])
        .add_clean_content_tags(["script", "style"])
        .link_rel(None)
        .strip_comments(true)
        .url_relative(ammonia::UrlRelative::Deny)
        .attribute_filter(move |_element, attribute, value| {
            if attribute == "style" {
                let clean = filter_style(value);
                if clean.is_empty() {
                    return None;
                }
                if let Ok(mut v) = sink.lock() {
                    v.push(clean.clone());
                }
                return Some(clean.into());
            }
            // Marker and filter references may point only inside the page.
            if value.contains("url(") {
                let inner = value.trim();
                let local = inner.starts_with("url(#")
                    && inner.ends_with(')')
                    && !inner.contains(['"', '\'', '\\']);
                return local.then(|| value.into());
            }
            Some(value.into())
        });
    let out = b.clean(svg).to_string();
    if let Ok(mut v) = kept.lock() {
        styles.append(&mut v);
    }
    out
}

/// Keeps the allowed declarations of a `style` attribute, in order.
fn filter_style(style: &str) -> String {
    let mut out = String::new();
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let prop = prop.trim().to_ascii_lowercase();
        let value = value.trim();
        let lower = value.to_ascii_lowercase();
        if value.is_empty()
            || !STYLE_PROPERTIES.contains(&prop.as_str())
            || lower.contains("url(")
            || lower.contains("expression")
            || value.contains(['\\', '<', '>', '{', '}', '@'])
        {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&prop);
        out.push_str(": ");
        out.push_str(value);
        out.push(';');
    }
    out
}

/// A diagram's own style sheet, for the page's `<style>`: nothing that fetches (imports,
/// `url()` other than to the page's own markers) and nothing that could close the element.
/// The page's policy blocks fetches anyway; this keeps the sheet honest on its own.
pub fn diagram_css(css: &str) -> String {
    let lower = css.to_ascii_lowercase();
    let mut out = String::with_capacity(css.len());
    let mut at = 0;
    while at < css.len() {
        let rest = &lower[at..];
        if rest.starts_with("@import") {
            out.push_str("@x-dropped");
            at += "@import".len();
        } else if rest.starts_with("url(") && !rest.starts_with("url(#") {
            out.push_str("x-dropped(");
            at += "url(".len();
        } else {
            let c = css[at..].chars().next().unwrap_or(' ');
            match c {
                // `</style` cannot appear; CSS reads `\3c ` as `<`. Escapes are dropped
                // so that no keyword can be spelt around the checks above.
                '<' => out.push_str("\\3c "),
                '\\' => {}
                c => out.push(c),
            }
            at += c.len_utf8();
        }
    }
    out
}
