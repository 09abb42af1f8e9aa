use super::*;
use casekit_core::{Profile, Settings, Source};

fn analyse(path: &str, text: &str) -> Analysis {
    let settings = Settings::new(Profile::guide());
    Analysis::run(Source::new(path, text), &settings).expect("within limits")
}

fn csp(page: &str) -> &str {
    let at = page.find("Content-Security-Policy\" content=\"").unwrap() + 34;
    &page[at..at + page[at..].find('"').unwrap()]
}

const SMALL: &str = "# Tiny\n\n## Overview\n\nWe built a thing for 3 clinics.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![shot](images/shot.png)\n";

#[test]
fn small_page_snapshot() {
    // The body: the head is the style sheet and its hash, checked on their own below.
    let a = analyse("tiny.md", SMALL);
    let html = page(&a, &PageOptions::default());
    insta::assert_snapshot!(&html[html.find("<body>").unwrap()..]);
}

#[test]
fn every_finding_is_in_the_margin_once() {
    let a = analyse("tiny.md", SMALL);
    let html = page(&a, &PageOptions::default());
    assert!(!a.report.diagnostics.is_empty());
    assert_eq!(
        html.matches("<li class=\"finding ").count(),
        a.report.diagnostics.len()
    );
    for d in &a.report.diagnostics {
        assert!(
            html.contains(&format!("id=\"rule-{}\"", d.rule)),
            "{} explained",
            d.rule
        );
    }
}

#[test]
fn the_policy_allows_the_page_style_by_hash_and_no_script() {
    let a = analyse("tiny.md", SMALL);
    let html = page(&a, &PageOptions::default());
    let policy = csp(&html);
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(policy.contains("script-src 'none'"));
    let css_start = html.find("<style>").unwrap() + 7;
    let css = &html[css_start..css_start + html[css_start..].find("</style>").unwrap()];
    assert!(
        policy.contains(&assets::hash(css)),
        "the style sheet's hash is allowed"
    );
    assert!(!html.contains("<script"));
}

#[test]
fn live_reload_adds_one_hashed_script() {
    let a = analyse("tiny.md", SMALL);
    let opts = PageOptions {
        live_reload: Some("/events".into()),
        ..PageOptions::default()
    };
    let html = page(&a, &opts);
    let start = html.find("<script>").unwrap() + 8;
    let script = &html[start..start + html[start..].find("</script>").unwrap()];
    assert!(script.contains("EventSource(\"/events\")"));
    assert!(csp(&html).contains(&format!("script-src '{}'", assets::hash(script))));
    assert!(csp(&html).contains("connect-src 'self'"));
}

#[test]
fn hostile_html_is_removed() {
    let text = "# T\n\n<script>window.__pwned=1</script>\n\n<img src=x onerror=\"window.__pwned=1\">\n\n\
                [click](javascript:window.__pwned=1) <a href=\"javascript:alert(1)\">x</a>\n\n\
                <iframe src=\"https://example.com\"></iframe>\n\n<svg><script>window.__pwned=1</script></svg>\n\n\
                <div style=\"background:url(https://example.com/x)\" onclick=\"x()\">styled</div>\n";
    let html = page(&analyse("t.md", text), &PageOptions::default());
    let body = &html[html.find("<main").unwrap()..];
    for bad in [
        "<script",
        "onerror",
        "javascript:",
        "<iframe",
        "onclick",
        "style=",
        "__pwned",
    ] {
        assert!(!body.contains(bad), "{bad} survived:\n{body}");
    }
    assert!(body.contains("styled"));
}

#[test]
fn relative_urls_take_the_base_and_images_the_data_given() {
    let text = "# T\n\n![a](images/a.png) ![b](images/b.png) [doc](other.md) [web](https://example.com) [top](#t)\n";
    let mut images = std::collections::HashMap::new();
    images.insert(
        "images/a.png".to_string(),
        "data:image/png;base64,AAAA".to_string(),
    );
    let opts = PageOptions {
        base: Some("../docs/".into()),
        images,
        ..PageOptions::default()
    };
    let html = page(&analyse("t.md", text), &opts);
    assert!(html.contains("src=\"data:image/png;base64,AAAA\""));
    assert!(html.contains("src=\"../docs/images/b.png\""));
    assert!(html.contains("href=\"../docs/other.md\""));
    assert!(html.contains("href=\"https://example.com\""));
    assert!(html.contains("href=\"#t\""));
}

#[test]
fn data_urls_only_for_pictures() {
    let text =
        "# T\n\n[x](data:text/html;base64,PHNjcmlwdD4=) ![y](data:image/svg+xml;base64,PHN2Zz4=)\n";
    let html = page(&analyse("t.md", text), &PageOptions::default());
    let body = &html[html.find("<main").unwrap()..];
    assert!(!body.contains("href=\"data:"), "{body}");
    assert!(!body.contains("src=\"data:image/svg"), "{body}");
}

#[test]
fn svg_keeps_drawing_and_loses_script() {
    let mut styles = Vec::new();
    let out = sanitize::svg(
        "<svg id=\"d\" viewBox=\"0 0 10 10\" onload=\"x()\"><script>window.__pwned=1</script>\
         <style>#d{fill:red}</style><g class=\"node\" style=\"fill: red; background: url(http://x/y)\">\
         <rect width=\"5\" height=\"5\"/><a href=\"javascript:x()\"><text>t</text></a>\
         <foreignObject><div><img src=\"x\" onerror=\"window.__pwned=1\"><span>label</span></div></foreignObject>\
         <use href=\"https://example.com/x.svg#a\"/><path marker-end=\"url(#arrow)\" d=\"M0 0\"/>\
         <path marker-end=\"url(https://example.com/a)\" d=\"M1 1\"/></g></svg>",
        &mut styles,
    );
    for bad in [
        "script",
        "onload",
        "onerror",
        "<img",
        "javascript",
        "<use",
        "example.com",
        "<style",
        "<a",
    ] {
        assert!(!out.contains(bad), "{bad} survived: {out}");
    }
    for good in [
        "<svg",
        "viewBox",
        "<rect",
        "<foreignObject",
        "<span>label</span>",
        "url(#arrow)",
    ] {
        assert!(out.contains(good), "{good} lost: {out}");
    }
    assert_eq!(styles, vec!["fill: red;".to_string()]);
}

#[test]
fn diagram_css_cannot_close_the_style_element_or_fetch() {
    let css = sanitize::diagram_css("@import 'x.css';#d{fill:red}</style><script>x</script>#d{background:URL(http://x)} #d path{marker:url(#m)}");
    assert!(!css.contains("</style"));
    assert!(!css.to_ascii_lowercase().contains("@import"));
    assert!(!css.to_ascii_lowercase().contains("url(http"));
    assert!(css.contains("url(#m)"));
}

#[test]
fn mdx_components_and_esm_are_not_shown_as_text() {
    let text = "import X from './x'\n\n# T\n\n<Steps>\n  <Step title=\"One\">\n    Did **this**.\n  </Step>\n</Steps>\n\n{window.__pwned = 1}\n";
    let html = page(&analyse("t.mdx", text), &PageOptions::default());
    let body = &html[html.find("<main").unwrap()..];
    assert!(!body.contains("import X"), "{body}");
    assert!(body.contains("<strong>this</strong>"), "{body}");
    assert!(
        !body.contains("<pre>"),
        "component content stays prose: {body}"
    );
}

#[test]
fn a_diagram_that_does_not_parse_shows_the_message() {
    let text = "# T\n\n```mermaid\nflowchart LR\n  A -->\n```\n";
    let a = analyse("t.md", text);
    let html = page(&a, &PageOptions::default());
    let err = a.diagrams[0].parse.as_ref().unwrap_err();
    assert!(html.contains("class=\"diagram diagram-error\""));
    assert!(html.contains(&*escape(&err.message)));
}

#[cfg(feature = "svg")]
#[test]
fn a_diagram_is_drawn_and_its_label_html_is_inert() {
    let text = "# T\n\n```mermaid\nflowchart LR\n  A[\"<img src=x onerror=window.__pwned=1>\"] --> B[\"<script>window.__pwned=1</script>ok\"]\n```\n";
    let html = page(&analyse("t.md", text), &PageOptions::default());
    let body = &html[html.find("<main").unwrap()..];
    let drawing = &body[body.find("<div class=\"drawing\">").unwrap()..];
    assert!(
        drawing.starts_with("<div class=\"drawing\"><svg"),
        "{drawing}"
    );
    for bad in ["<script", "onerror", "<img"] {
        let drawn = &drawing[..drawing.find("</svg>").unwrap()];
        assert!(!drawn.contains(bad), "{bad} in drawing: {drawn}");
    }
    // Every style attribute the drawing keeps is allowed by the policy.
    let policy = csp(&html).to_string();
    assert!(policy.contains("'unsafe-hashes'"));
}

#[test]
fn notices_are_shown_escaped() {
    let a = analyse("tiny.md", SMALL);
    let opts = PageOptions {
        notice: Some("<b>gone</b> at line 3".into()),
        ..PageOptions::default()
    };
    let html = page(&a, &opts);
    assert!(
        html.contains("<p class=\"notice\" role=\"status\">&lt;b&gt;gone&lt;/b&gt; at line 3</p>")
    );
    let only = notice_page("x.md", "x.md: not found", &PageOptions::default());
    assert!(only.contains("x.md: not found") && !only.contains("<main"));
}
