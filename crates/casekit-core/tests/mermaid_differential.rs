//! casekit's Mermaid verdicts agree with the official Mermaid parser.
//!
//! `fixtures/mermaid/{valid,invalid}/*.mmd` is a test set of diagrams shaped like the ones
//! case studies use. `fixtures/mermaid/verdicts.json` records what the official Mermaid
//! parser (mermaid.parse() under node) said about each file; it is produced by
//! `scripts/mermaid-differential/record.mjs` and checked in, so this test needs no node.

use casekit_core::diagram::{parse_source, DiagramKind};
use std::path::Path;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mermaid")
}

fn verdicts() -> serde_json::Value {
    let text = std::fs::read_to_string(fixtures().join("verdicts.json")).expect("verdicts.json");
    serde_json::from_str(&text).expect("verdicts.json is JSON")
}

fn files(group: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(fixtures().join(group))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".mmd"))
        .map(|n| format!("{group}/{n}"))
        .collect();
    v.sort();
    v
}

/// Whether casekit accepts a diagram: it parses and its type is a Mermaid type.
fn accepts(text: &str) -> (bool, String) {
    let (kind, parse) = parse_source(text);
    match parse {
        Ok(_) if kind != DiagramKind::Unknown => (true, String::new()),
        Ok(_) => (false, "unknown type".into()),
        Err(e) => {
            let at = e.span.start as usize;
            let line = text[..at.min(text.len())].matches('\n').count() + 1;
            (false, format!("line {line}: {}", e.message))
        }
    }
}

#[test]
fn the_test_set_is_large_enough() {
    assert!(
        files("valid").len() >= 40,
        "want at least 40 valid diagrams"
    );
    assert!(
        files("invalid").len() >= 20,
        "want at least 20 invalid diagrams"
    );
}

#[test]
fn every_file_has_a_recorded_verdict() {
    let v = verdicts();
    let recorded = v["verdicts"].as_object().unwrap();
    for f in files("valid").into_iter().chain(files("invalid")) {
        assert!(
            recorded.contains_key(&f),
            "{f} has no recorded verdict: run scripts/mermaid-differential/record.mjs"
        );
    }
}

#[test]
fn verdicts_agree_with_the_official_parser() {
    let v = verdicts();
    let recorded = v["verdicts"].as_object().unwrap();
    let mut disagreements = Vec::new();
    for f in files("valid").into_iter().chain(files("invalid")) {
        let text = std::fs::read_to_string(fixtures().join(&f)).unwrap();
        let official = recorded[&f]["accepts"].as_bool().unwrap();
        let (ours, why) = accepts(&text);
        if ours != official {
            disagreements.push(format!(
                "{f}: official {} / casekit {} {why}",
                if official { "accepts" } else { "rejects" },
                if ours { "accepts" } else { "rejects" }
            ));
        }
        // The folders say what the diagram is meant to be.
        assert_eq!(
            official,
            f.starts_with("valid/"),
            "{f} is in the wrong folder"
        );
    }
    assert!(
        disagreements.is_empty(),
        "disagreements:\n{}",
        disagreements.join("\n")
    );
}

#[test]
fn rejected_diagrams_say_where_and_why() {
    let offset = regex::Regex::new(r"(?i)\b(?:at|offset|byte|position)\s+\d+").unwrap();
    for f in files("invalid") {
        let text = std::fs::read_to_string(fixtures().join(&f)).unwrap();
        let (_, parse) = parse_source(&text);
        let e = parse.expect_err(&f);
        assert!(!e.message.is_empty(), "{f}: empty message");
        assert!(
            !offset.is_match(&e.message),
            "{f}: message leaks an offset: {}",
            e.message
        );
        assert!(
            (e.span.end as usize) <= text.len(),
            "{f}: span outside the text"
        );
        // Narrow: never more than one line.
        let at = &text[e.span.start as usize..e.span.end as usize];
        assert!(!at.contains('\n'), "{f}: span crosses lines: {at:?}");
    }
}
