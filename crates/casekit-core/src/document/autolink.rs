//! Bare URLs (`https://…`, `www.…`) as links: GitHub Markdown and MDX read them so, and
//! pulldown-cmark leaves them as text, so the Markdown back end finds them here.

use super::{Builder, Link};
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

static URL_LITERAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::with_prefilter(r"(?i)(?:https?://|www\.)[^\s<>]+").expect("url pattern")
});

/// Bare URLs (`https://…`, `www.…`) are links in GitHub Markdown and in MDX (the MDX
/// back end gets them from markdown-rs); pulldown-cmark leaves them as text, so find
/// them in the text blocks. Only verbatim text outside inline code and links counts.
pub(super) fn autolink_literals(text: &str, inline_code: &[Span], b: &mut Builder) {
    let mut found = Vec::new();
    // Sorted spans, so each candidate asks for its neighbours instead of scanning all.
    let mut code = inline_code.to_vec();
    code.sort_unstable();
    let mut links: Vec<Span> = b.links.iter().map(|l| l.span).collect();
    links.sort_unstable();
    let runs = b
        .paragraphs
        .iter()
        .map(|p| &p.text)
        .chain(b.list_items.iter().map(|i| &i.text))
        .chain(b.headings.iter().map(|h| &h.text))
        .chain(
            b.tables
                .iter()
                .flat_map(|t| t.header.iter().chain(t.rows.iter().flatten()))
                .map(|c| &c.text),
        );
    for run in runs.filter(|r| may_hold_url(r.text.as_bytes())) {
        for m in URL_LITERAL.find_iter(&run.text) {
            let before = run.text[..m.start()].chars().next_back();
            if before.is_some_and(|c| !(c.is_whitespace() || "*_~(".contains(c))) {
                continue;
            }
            let url = trim_url(m.as_str());
            if url.len() <= "www.".len() || (url.starts_with("www.") && !url[4..].contains('.')) {
                continue;
            }
            let Some(span) = run.span_of(m.start()..m.start() + url.len()) else {
                continue;
            };
            if text.get(span.range()) != Some(url)
                || overlaps_any(&code, span)
                || overlaps_any(&links, span)
            {
                continue;
            }
            let href = if url.to_ascii_lowercase().starts_with("www.") {
                format!("http://{url}")
            } else {
                url.to_string()
            };
            found.push(Link {
                span,
                url: href,
                text: url.to_string(),
            });
        }
    }
    b.links.extend(found);
}

/// Whether a text may hold a match of [`URL_LITERAL`]: every match holds `://` or
/// `www.` (in either case). Most text blocks hold neither, and this costs far less than
/// setting up a search.
fn may_hold_url(bytes: &[u8]) -> bool {
    let www = |dot: usize| {
        dot >= 3
            && bytes[dot - 3..dot]
                .iter()
                .all(|b| b.eq_ignore_ascii_case(&b'w'))
    };
    memchr::memchr_iter(b':', bytes).any(|i| bytes[i + 1..].starts_with(b"//"))
        || memchr::memchr_iter(b'.', bytes).any(www)
}

/// Whether `span` overlaps any of `sorted` (sorted by start; spans may nest, so the
/// few that start before it are checked, nearest first).
fn overlaps_any(sorted: &[Span], span: Span) -> bool {
    let i = sorted.partition_point(|s| s.start < span.end);
    sorted[..i].iter().rev().take(8).any(|s| span.start < s.end)
}

/// GitHub's rule for where a bare URL ends: not on trailing punctuation, not on an
/// unbalanced `)`, not on a trailing entity.
fn trim_url(mut url: &str) -> &str {
    loop {
        let Some(last) = url.chars().next_back() else {
            return url;
        };
        let unbalanced = last == ')' && url.matches(')').count() > url.matches('(').count();
        if "?!.,:*_~'\"".contains(last) || unbalanced {
            url = &url[..url.len() - 1];
        } else if last == ';' {
            match url.rfind('&') {
                Some(amp)
                    if url[amp + 1..url.len() - 1]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric()) =>
                {
                    url = &url[..amp]
                }
                _ => return url,
            }
        } else {
            return url;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        #[test]
        fn a_text_that_may_not_hold_a_url_holds_none(t in prop::collection::vec(
            prop::sample::select(&[
                "http", "HTTPS", "s", ":", "/", "//", "://", "w", "W", "ww", "www", ".", "x",
                " ", "<", "é", "\n",
            ][..]),
            0..16,
        ).prop_map(|p| p.concat())) {
            if !may_hold_url(t.as_bytes()) {
                prop_assert!(URL_LITERAL.find(&t).is_none(), "{:?}", t);
            }
        }
    }
}
