//! One self-contained HTML page per case study: the document as a reader sees it, each
//! finding in the margin beside the line it is about, the scorecard on top and every
//! Mermaid diagram drawn (with the `svg` feature) next to its findings.
//!
//! Everything shown comes from one [`Analysis`], so the page cannot disagree with
//! `casekit check` or `casekit score`. The page needs no network: styles and the optional
//! live-reload script are inline and allowed by their SHA-256 hashes in a
//! Content-Security-Policy that refuses everything else. Documents are written by other
//! people, so their HTML (and the SVG drawn from their diagrams) goes through an HTML
//! sanitiser before it reaches the page.

mod assets;
mod blocks;
mod diagram;
mod sanitize;
mod scorecard;

use casekit_core::analysis::Analysis;
use std::collections::HashMap;
use std::fmt::Write;

pub use assets::hash as csp_hash;
pub use sanitize::escape;

/// How a page is put together. `Default` gives a static page titled after the document.
#[derive(Clone, Debug, Default)]
pub struct PageOptions {
    /// The page title; default: the document's first heading, else its file name.
    pub title: Option<String>,
    /// A server-sent-events URL (`/events`): the page reloads itself on each `reload`
    /// event. `None` for a static report (no script at all).
    pub live_reload: Option<String>,
    /// A banner above the document (the preview server says here that the file was
    /// deleted or cannot be read, and that the page shows its last good version).
    pub notice: Option<String>,
    /// Prefix for relative links and images, so a page written elsewhere still finds the
    /// files beside the document (`../docs/`). `None` leaves them as written.
    pub base: Option<String>,
    /// Images to embed, by their `src` as written in the document, as `data:` URIs (the
    /// caller reads the files; this crate does no I/O).
    pub images: HashMap<String, String>,
}

/// A picture as a `data:` URI for [`PageOptions::images`], by its file name's extension;
/// `None` for a type a page should not embed (SVG can carry script).
pub fn image_data_uri(name: &str, bytes: &[u8]) -> Option<String> {
    use base64::Engine;
    let ext = name.rsplit('.').next()?.to_ascii_lowercase();
    let mime = match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        _ => return None,
    };
    let data = base64::engine::general_purpose::STANDARD.encode(bytes);
    Some(format!("data:{mime};base64,{data}"))
}

/// The page for one analysed document.
pub fn page(analysis: &Analysis, opts: &PageOptions) -> String {
    let doc = &analysis.document;
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| default_title(analysis));
    let mut assets = assets::Assets::default();
    let rendered = blocks::render(analysis, opts, &mut assets);

    let mut body = String::with_capacity(rendered.len() + 8192);
    if let Some(n) = &opts.notice {
        let _ = write!(
            body,
            "<p class=\"notice\" role=\"status\">{}</p>",
            escape(n)
        );
    }
    let _ = write!(
        body,
        "<header class=\"top\"><h1 class=\"title\">{}</h1><p class=\"path\">{} · {} findings</p>",
        escape(&title),
        escape(&doc.source.path.display().to_string()),
        analysis.report.diagnostics.len()
    );
    scorecard::render(&mut body, &analysis.scorecard);
    // Without findings the margin would only take room from the document.
    body.push_str(if analysis.report.diagnostics.is_empty() {
        "</header>\n<main class=\"doc clean\">\n"
    } else {
        "</header>\n<main class=\"doc\">\n"
    });
    body.push_str(&rendered);
    body.push_str("</main>\n");
    rule_docs(&mut body, analysis);
    finish(&title, &body, opts, assets)
}

/// A page with no document: what the preview server shows when the file cannot be read
/// and there is no earlier version to show.
pub fn notice_page(title: &str, message: &str, opts: &PageOptions) -> String {
    let body = format!(
        "<header class=\"top\"><h1 class=\"title\">{}</h1></header><p class=\"notice\" role=\"status\">{}</p>",
        escape(title),
        escape(message)
    );
    finish(title, &body, opts, assets::Assets::default())
}

fn finish(title: &str, body: &str, opts: &PageOptions, mut assets: assets::Assets) -> String {
    let script = opts.live_reload.as_deref().map(assets::reload_script);
    let css = assets.stylesheet();
    let csp = assets.csp(&css, script.as_deref());
    let mut out = String::with_capacity(body.len() + css.len() + 2048);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"casekit {}\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        csp,
        env!("CARGO_PKG_VERSION"),
        escape(title),
        css
    );
    out.push_str(body);
    if let Some(s) = script {
        let _ = writeln!(out, "<script>{s}</script>");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn default_title(analysis: &Analysis) -> String {
    let doc = &analysis.document;
    doc.headings
        .iter()
        .find(|h| h.level == 1)
        .map(|h| h.text.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            doc.source
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "case study".into())
        })
}

/// The explanation of every rule that reported something, once each, where the margin
/// notes link to: the page stays readable offline and on paper.
fn rule_docs(out: &mut String, analysis: &Analysis) {
    let mut seen: Vec<&str> = Vec::new();
    let improvements = analysis
        .scorecard
        .improvements
        .iter()
        .map(|i| i.rule.as_str());
    for id in analysis
        .report
        .diagnostics
        .iter()
        .map(|d| d.rule)
        .chain(improvements)
    {
        if !seen.contains(&id) {
            seen.push(id);
        }
    }
    if seen.is_empty() {
        return;
    }
    out.push_str("<section class=\"rules\"><h2>About these findings</h2>\n");
    for id in seen {
        let Some(rule) = casekit_core::rules::find(id) else {
            continue;
        };
        rule_article(out, rule);
    }
    out.push_str("</section>\n");
}

/// A rule's article, rendered once per process: it depends on the rule's metadata only,
/// and a cohort of pages repeats the same few dozen.
fn rule_article(out: &mut String, rule: &'static dyn casekit_core::rules::Rule) {
    use std::collections::HashMap;
    use std::sync::{LazyLock, OnceLock};
    static ARTICLES: LazyLock<HashMap<&'static str, OnceLock<String>>> = LazyLock::new(|| {
        casekit_core::rules::registry()
            .iter()
            .map(|r| (r.meta().id, OnceLock::new()))
            .collect()
    });
    let meta = rule.meta();
    let id = meta.id;
    let render = || {
        format!(
            "<article class=\"rule\" id=\"rule-{id}\"><h3><code>{id}</code> {}</h3>{}</article>\n",
            escape(meta.name),
            // The docs' own `##` headings sit under this article's heading.
            sanitize::markdown(&meta.docs_text())
                .replace("<h2>", "<h4>")
                .replace("</h2>", "</h4>")
        )
    };
    match ARTICLES.get(id) {
        Some(cell) => out.push_str(cell.get_or_init(render)),
        None => out.push_str(&render()),
    }
}

#[cfg(test)]
mod tests;
