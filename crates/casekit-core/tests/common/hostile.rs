//! Hostile documents, generated in code: deep nesting, huge lines, huge tables, many
//! diagrams, unterminated constructs, pathological emphasis, odd characters. Shared by
//! the adversarial test suite and the adversarial benchmark (`#[path]`-included).
//!
//! Each shape takes a size `n` (its "natural" size is given by [`SHAPES`]); the bench
//! runs 1×, 2× and 4× of a base size to show the cost grows near-linearly.

#![allow(dead_code)]

use std::fmt::Write;

/// A generator of one hostile shape at size `n`.
pub type Gen = fn(usize) -> String;

/// (name, generator, size the test suite uses).
pub const SHAPES: &[(&str, Gen, usize)] = &[
    ("nested-lists", nested_lists, 10_000),
    ("nested-ordered-lists", nested_ordered_lists, 10_000),
    ("indented-nested-lists", indented_nested_lists, 1_000),
    ("nested-blockquotes", nested_blockquotes, 10_000),
    ("blockquoted-lists", blockquoted_lists, 5_000),
    ("one-long-line", one_long_line, 5_000_000),
    ("one-long-word", one_long_word, 5_000_000),
    ("big-table", big_table, 100_000),
    ("wide-table", wide_table, 20_000),
    ("many-mermaid-blocks", many_mermaid_blocks, 5_000),
    ("huge-mermaid-block", huge_mermaid_block, 50_000),
    ("unterminated-fence", unterminated_fence, 100_000),
    ("unterminated-fences", unterminated_fences, 20_000),
    ("unterminated-jsx", unterminated_jsx, 20_000),
    ("unclosed-components", unclosed_components, 10_000),
    (
        "unterminated-jsx-attribute",
        unterminated_jsx_attribute,
        100_000,
    ),
    ("emphasis-staircase", emphasis_staircase, 2_000),
    ("emphasis-run", emphasis_run, 200_000),
    ("open-brackets", open_brackets, 200_000),
    ("open-image-brackets", open_image_brackets, 100_000),
    ("link-refs", link_refs, 20_000),
    ("backtick-staircase", backtick_staircase, 2_000),
    ("many-headings", many_headings, 10_000),
    ("many-guide-headings", many_guide_headings, 10_000),
    ("staircase-headings", staircase_headings, 10_000),
    ("many-components", many_components, 10_000),
    ("html-tags", html_tags, 50_000),
    ("zero-width-and-rtl", zero_width_and_rtl, 100_000),
    ("tabs-everywhere", tabs_everywhere, 200_000),
    ("only-lt", only_lt, 200_000),
    ("only-brace", only_brace, 200_000),
    ("only-close-brace", only_close_brace, 200_000),
    ("only-newlines", only_newlines, 1_000_000),
    ("crlf-and-cr", crlf_and_cr, 100_000),
    ("many-sentences", many_sentences, 100_000),
    ("many-links", many_links, 50_000),
    ("many-acronyms-numbers", many_acronyms_numbers, 100_000),
    ("suppressions", suppressions, 10_000),
    ("footnotes", footnotes, 20_000),
    ("nested-jsx", nested_jsx, 10_000),
    ("nested-jsx-flow", nested_jsx_flow, 10_000),
    ("nested-emphasis", nested_emphasis, 10_000),
    ("nested-braces", nested_braces, 10_000),
];

pub fn nested_lists(n: usize) -> String {
    format!("{}deep\n", "- ".repeat(n))
}

pub fn nested_ordered_lists(n: usize) -> String {
    format!("{}deep\n", "1. ".repeat(n))
}

/// One list level per line, each indented two more spaces than the one before.
pub fn indented_nested_lists(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&" ".repeat(2 * i));
        let _ = writeln!(s, "- item {i}");
    }
    s
}

pub fn nested_blockquotes(n: usize) -> String {
    format!("{}deep quote\n", ">".repeat(n))
}

pub fn blockquoted_lists(n: usize) -> String {
    format!("{}deep\n", "> - ".repeat(n))
}

pub fn one_long_line(n: usize) -> String {
    let words = [
        "latency ", "API ", "200ms ", "the ", "p95, ", "cache. ", "We ",
    ];
    let mut s = String::with_capacity(n + 16);
    let mut i = 0;
    while s.len() < n {
        s.push_str(words[i % words.len()]);
        i += 1;
    }
    s
}

pub fn one_long_word(n: usize) -> String {
    "a".repeat(n)
}

pub fn big_table(n: usize) -> String {
    let mut s = String::from("## Data Model\n\n| Field | Type | Notes |\n|---|---|---|\n");
    for i in 0..n {
        let _ = writeln!(s, "| f{i} | int | 12 ms p95 |");
    }
    s
}

pub fn wide_table(n: usize) -> String {
    let mut s = String::new();
    for row in 0..3 {
        s.push('|');
        for i in 0..n {
            if row == 1 {
                s.push_str("-|");
            } else {
                let _ = write!(s, " c{i} |");
            }
        }
        s.push('\n');
    }
    s
}

pub fn many_mermaid_blocks(n: usize) -> String {
    let mut s = String::from("# Flows\n\n## Key Flows\n\n");
    for i in 0..n {
        let _ = writeln!(s, "```mermaid\ngraph TD\n  A{i} --> B{i}\n```\n");
    }
    s
}

pub fn huge_mermaid_block(n: usize) -> String {
    let mut s = String::from("## Architecture\n\n```mermaid\nflowchart LR\n");
    for i in 0..n {
        let _ = writeln!(s, "  N{i} -->|calls| N{}", i + 1);
    }
    s.push_str("```\n");
    s
}

pub fn unterminated_fence(n: usize) -> String {
    let mut s = String::from("# Title\n\n```mermaid\n");
    for i in 0..n {
        let _ = writeln!(s, "line {i} <Tip> {{ `");
    }
    s
}

pub fn unterminated_fences(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        // Each fence is longer than the last, so none closes another.
        let _ = writeln!(s, "{}rust\ntext {i}", "`".repeat(3 + i % 50));
    }
    s
}

pub fn unterminated_jsx(n: usize) -> String {
    let mut s = String::from("# Title\n\n<Step title=\"Start\"\n");
    for i in 0..n {
        let _ = writeln!(s, "  attr{i}={{\"value\"}}");
    }
    s
}

pub fn unclosed_components(n: usize) -> String {
    let mut s = String::from("# Title\n\n");
    for i in 0..n {
        let _ = writeln!(s, "<Step title=\"Step {i}\">\n\nSome text {i}.\n");
    }
    s
}

pub fn unterminated_jsx_attribute(n: usize) -> String {
    format!("<Card title=\"{}\n", "x ".repeat(n))
}

/// `*a**a***a****a…`: delimiter runs of every length.
pub fn emphasis_staircase(n: usize) -> String {
    let mut s = String::new();
    for i in 1..=n {
        s.push('a');
        s.push_str(&"*".repeat(i % 64 + 1));
        s.push_str(&"_".repeat(i % 7 + 1));
    }
    s.push('\n');
    s
}

pub fn emphasis_run(n: usize) -> String {
    "*a".repeat(n / 2) + "\n" + &"_a".repeat(n / 2) + "\n" + &"**".repeat(n / 2)
}

pub fn open_brackets(n: usize) -> String {
    "[".repeat(n) + "a" + &"](b)".repeat(n / 4)
}

pub fn open_image_brackets(n: usize) -> String {
    "![".repeat(n) + "\n" + &"[a](".repeat(n / 2)
}

pub fn link_refs(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(s, "[ref{i}]: https://example.com/{i}");
    }
    for i in 0..n {
        let _ = write!(s, "[x][ref{i}] ");
    }
    s
}

/// Code spans with backtick runs of every length, mostly unmatched.
pub fn backtick_staircase(n: usize) -> String {
    let mut s = String::new();
    for i in 1..=n {
        s.push_str(&"`".repeat(i % 100 + 1));
        s.push('x');
    }
    s
}

pub fn many_headings(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(s, "## Heading {i}\n\nText {i}.\n");
    }
    s
}

pub fn many_guide_headings(n: usize) -> String {
    const NAMES: &[&str] = &[
        "Overview",
        "Goals",
        "Non-Goals",
        "Architecture",
        "Key Features",
        "Key Flows",
        "API Design",
        "Challenges",
        "Best Practices",
        "Conclusion",
    ];
    let mut s = String::from("# Title\n\n");
    for i in 0..n {
        let level = 2 + i % 3;
        let _ = writeln!(
            s,
            "{} {}\n\nWe measured 12 ms at p95.\n",
            "#".repeat(level),
            NAMES[i % NAMES.len()]
        );
    }
    s
}

/// Levels 1..6 rising and falling, so every heading has long-lived ancestors.
pub fn staircase_headings(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let level = match i % 10 {
            k @ 0..=5 => k + 1,
            k => 11 - k,
        };
        let _ = writeln!(s, "{} Part {i}\n", "#".repeat(level));
    }
    s
}

pub fn many_components(n: usize) -> String {
    let mut s = String::from("# Title\n\n<Steps>\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "<Step title=\"Architecture {i}\">\n  Text about part {i}.\n</Step>"
        );
    }
    s.push_str("</Steps>\n");
    s
}

pub fn html_tags(n: usize) -> String {
    let mut s = String::from("<div>\n");
    for i in 0..n {
        let _ = write!(
            s,
            "<a href=\"x{i}\"><figcaption><img src=\"i{i}.png\" alt=\"a\"><Tip title=\"t\">"
        );
    }
    s.push_str("\n</div>\n");
    s
}

pub fn zero_width_and_rtl(n: usize) -> String {
    let pieces = [
        "\u{200B}",
        "\u{200C}",
        "\u{200D}",
        "\u{2060}",
        "\u{FEFF}",
        "\u{200E}",
        "\u{200F}",
        "\u{202A}",
        "\u{202B}",
        "\u{202C}",
        "\u{202D}",
        "\u{202E}",
        "\u{2066}",
        "\u{2069}",
        "שלום ",
        "مرحبا ",
        "# ",
        "Overview",
        ". ",
        "\n",
        "| a |",
        "😀",
        "e\u{301}",
        "ǅ",
    ];
    let mut s = String::new();
    for i in 0..n {
        s.push_str(pieces[(i * 7 + i / 3) % pieces.len()]);
    }
    s
}

pub fn tabs_everywhere(n: usize) -> String {
    let base = "#\tTitle\n\n-\titem\n\t-\tnested\n|\ta\t|\tb\t|\n|\t-\t|\t-\t|\n```\tmermaid\n\tgraph\tTD\n```\n>\tquote\n";
    let mut s = String::new();
    while s.len() < n {
        for c in base.chars() {
            s.push(c);
            if c != '\n' {
                s.push('\t');
            }
        }
    }
    s
}

pub fn only_lt(n: usize) -> String {
    "<".repeat(n)
}

pub fn only_brace(n: usize) -> String {
    "{".repeat(n)
}

pub fn only_close_brace(n: usize) -> String {
    "}".repeat(n) + "\n" + &"</".repeat(n / 2)
}

pub fn only_newlines(n: usize) -> String {
    "\n".repeat(n)
}

pub fn crlf_and_cr(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n / 20 {
        let _ = write!(s, "## H{i}\r\n\r\nText.\r- a\r\n");
    }
    s
}

pub fn many_sentences(n: usize) -> String {
    let mut s = String::from("## Overview\n\n");
    for i in 0..n / 40 {
        let _ = write!(s, "We cut latency by {i}% in 3 weeks. ");
        if i % 50 == 49 {
            s.push_str("\n\n");
        }
    }
    s
}

pub fn many_links(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = write!(
            s,
            "[l{i}](./missing-{i}.md) https://example.com/{i} ![i](img{i}.png) "
        );
    }
    s
}

pub fn many_acronyms_numbers(n: usize) -> String {
    let mut s = String::from("## Architecture\n\n");
    for i in 0..n / 30 {
        let _ = write!(s, "ABC{i} DEF 12ms p95 $5M 3x. ");
    }
    s
}

pub fn suppressions(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(
            s,
            "<!-- casekit-disable-next-line STY001 -->\nParagraph {i} is here.\n"
        );
    }
    s
}

pub fn footnotes(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = write!(s, "Text[^{i}] ");
    }
    s.push('\n');
    for i in 0..n {
        let _ = writeln!(s, "\n[^{i}]: Note {i}");
    }
    s
}

/// `<A><A>…text…</A></A>`: components nested `n` deep on one line.
pub fn nested_jsx(n: usize) -> String {
    "<A>".repeat(n) + "text" + &"</A>".repeat(n) + "\n"
}

/// One component per line, each inside the last, none closed.
pub fn nested_jsx_flow(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(s, "<Step title=\"S{i}\">");
    }
    s.push_str("text\n");
    s
}

/// `*_*_…a…_*_*`: emphasis nested `n` deep.
pub fn nested_emphasis(n: usize) -> String {
    let open: String = (0..n).map(|i| if i % 2 == 0 { "*" } else { "_" }).collect();
    let close: String = open.chars().rev().collect();
    format!("x {open}a{close} y\n")
}

pub fn nested_braces(n: usize) -> String {
    "{".repeat(n) + "x" + &"}".repeat(n) + "\n"
}
