//! Diagrams shaped like the ones real case studies use (comments, bracketed subgraph
//! titles, `&` fan-outs, quoted labels, `<br/>`, Mongo-style ER types, code in messages,
//! MDX fences with `theme={null}` inside `<Step>`) parse; broken ones are reported by
//! DGM001 at the document line and column of the fault.
//!
//! A diagram expected to fail is preceded by `<!-- expect-error LINE:COL -->` (or the MDX
//! comment form).

use casekit_core::{check, Document, Profile, Settings, Source};
use regex::Regex;
use std::path::Path;

fn run(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mermaid/documents")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = Document::parse(Source::new(name, text.clone()), Profile::guide());
    let marker = Regex::new(r"expect-error (\d+):(\d+)").unwrap();
    let report = check(&doc, &Settings::new(Profile::guide()));
    let reported: Vec<(u32, u32)> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "DGM001")
        .map(|d| {
            let p = doc.line_col(d.span.start);
            (p.line, p.column)
        })
        .collect();

    let mut expected = Vec::new();
    let diagrams = casekit_core::diagram::parse_document(&doc);
    assert!(diagrams.len() >= 3, "{name}: diagrams not found");
    for d in &diagrams {
        // The two lines before the fence may carry the marker.
        let line = doc.lines.line_of(d.span.start);
        let before: String = (line.saturating_sub(2)..line)
            .map(|l| doc.slice(doc.lines.line_span(l, doc.text())).to_string())
            .collect();
        match marker.captures(&before) {
            Some(c) => {
                let want: (u32, u32) = (c[1].parse().unwrap(), c[2].parse().unwrap());
                assert!(
                    d.parse.is_err(),
                    "{name}: diagram at line {} should not parse",
                    line + 1
                );
                expected.push(want);
            }
            None => assert!(
                d.parse.is_ok(),
                "{name}: diagram at line {} does not parse: {:?}",
                line + 1,
                d.parse.as_ref().err()
            ),
        }
    }
    assert_eq!(reported, expected, "{name}: DGM001 positions");
}

#[test]
fn markdown_case_study_diagrams() {
    run("shaped-like-case-studies.md");
}

#[test]
fn mdx_case_study_diagrams() {
    run("shaped-like-case-studies.mdx");
}
