//! Hostile documents (generated in code, see `common/hostile.rs`): each must parse and
//! check without a panic or a stack overflow, read as Markdown and as MDX. Every run
//! gets a thread with a 2 MiB stack, so unbounded recursion fails here instead of
//! passing on a large main stack. Time is not asserted (see benches/adversarial.rs for
//! how cost grows with size).

#[path = "common/hostile.rs"]
mod hostile;

use casekit_core::{check, Document, LimitError, Profile, Settings, Source};

const STACK: usize = 2 << 20;

/// Parses and checks `text` on a small stack; returns the refusal, if any.
fn run(name: &str, text: String, ext: &'static str) -> Option<LimitError> {
    let label = format!("{name}.{ext}");
    std::thread::Builder::new()
        .name(label.clone())
        .stack_size(STACK)
        .spawn(move || {
            let profile = Profile::guide();
            let doc = Document::parse(Source::new(label.clone(), text), profile);
            let len = doc.text().len() as u32;
            let report = check(&doc, &Settings::new(profile));
            for d in &report.diagnostics {
                assert!(
                    d.span.start <= d.span.end && d.span.end <= len,
                    "{label}: {} at {:?}",
                    d.rule,
                    d.span
                );
                assert!(doc.text().is_char_boundary(d.span.start as usize));
                assert!(doc.text().is_char_boundary(d.span.end as usize));
            }
            doc.refused.clone()
        })
        .expect("spawn")
        .join()
        .unwrap_or_else(|_| panic!("{name}.{ext} panicked"))
}

fn both(name: &str) -> [Option<LimitError>; 2] {
    let (_, generate, n) = hostile::SHAPES
        .iter()
        .find(|s| s.0 == name)
        .unwrap_or_else(|| panic!("no shape {name}"));
    let text = generate(*n);
    [run(name, text.clone(), "md"), run(name, text, "mdx")]
}

/// Every shape completes in both formats; the ones over a limit are refused by name,
/// and no other is refused.
#[test]
fn every_hostile_shape_completes() {
    for (name, _, _) in hostile::SHAPES {
        let t = std::time::Instant::now();
        let [md, mdx] = both(name);
        eprintln!("{name}: {:.1}s", t.elapsed().as_secs_f64());
        let nesting = |e: &Option<LimitError>| matches!(e, Some(LimitError::Nesting { .. }));
        match *name {
            "nested-lists"
            | "nested-ordered-lists"
            | "nested-blockquotes"
            | "blockquoted-lists"
            | "indented-nested-lists" => {
                assert!(nesting(&md) && nesting(&mdx), "{name}: {md:?} {mdx:?}");
                let message = md.unwrap().to_string();
                assert!(message.ends_with("(--max-nesting)"), "{message}");
            }
            // Tags on their own lines nest only in MDX.
            "nested-jsx" | "nested-jsx-flow" | "html-tags" | "unclosed-components" => {
                assert!(md.is_none() && nesting(&mdx), "{name}: {md:?} {mdx:?}")
            }
            "huge-mermaid-block" | "unterminated-fence" => {
                let e = md.expect("50,000 edges are over the diagram limit");
                assert!(matches!(e, LimitError::Diagram { line: 3, .. }), "{e}");
                assert!(e.to_string().contains("(--max-diagram-size)"), "{e}");
                assert!(matches!(mdx, Some(LimitError::MdxSize { .. })), "{mdx:?}");
            }
            // Files over the MDX parser's limit are read as Markdown when MDX.
            _ => {
                assert!(md.is_none(), "{name}: {md:?}");
                assert!(
                    mdx.is_none() || matches!(mdx, Some(LimitError::MdxSize { .. })),
                    "{name}: {mdx:?}"
                );
            }
        }
    }
}

#[test]
fn big_mdx_is_read_as_markdown_and_refused_by_name() {
    let text = hostile::big_table(20_000);
    let doc = Document::parse(Source::new("big.mdx", text), Profile::guide());
    assert!(matches!(doc.refused, Some(LimitError::MdxSize { .. })));
    // The fallback still read the table.
    assert_eq!(doc.tables.len(), 1);
    assert_eq!(doc.tables[0].rows.len(), 20_000);
}

#[test]
fn limits_come_from_the_profile() {
    let mut p = Profile::guide().clone();
    p.thresholds.max_nesting = 3;
    let doc = Document::parse(Source::new("a.md", "- a\n  - b\n    - c\n"), &p);
    assert!(doc.refused.is_none());
    let doc = Document::parse(Source::new("a.md", "- - - - x\n"), &p);
    assert_eq!(
        doc.refused.map(|e| e.to_string()).as_deref(),
        Some("nesting depth 4 exceeds the limit of 3 (--max-nesting)")
    );
    p.thresholds.max_diagram_bytes = 10;
    let doc = Document::parse(
        Source::new("a.md", "# T\n\n```mermaid\ngraph TD\nA-->B\n```\n"),
        &p,
    );
    assert!(matches!(doc.refused, Some(LimitError::Diagram { .. })));
    // Read as far as is safe: the oversized block is not parsed (a 50,000-edge block
    // once took a minute in the flowchart adapter), the small one still is.
    let doc = Document::parse(
        Source::new(
            "a.md",
            "# T\n\n```mermaid\ngraph TD\nA-->B\nB-->C\n```\n\n```mermaid\ngraph TD\n```\n",
        ),
        &p,
    );
    assert!(matches!(doc.refused, Some(LimitError::Diagram { .. })));
    assert_eq!(casekit_core::diagram::parse_document(&doc).len(), 1);
}

/// Files of one character, and a few odd lone bytes.
#[test]
fn tiny_files() {
    for text in [
        "", "<", "{", "}", "`", "*", "[", "!", "#", ">", "|", "\t", "\r", "\u{feff}", "\0", "-",
    ] {
        run("tiny", text.to_string(), "md");
        run("tiny", text.to_string(), "mdx");
    }
}
