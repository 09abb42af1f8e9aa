//! casekit's own case study (docs/case-study.md) is held to the bar it sets for others:
//! Excellent on the guide's rubric, no error-level finding, every Mermaid diagram parsing.
//! The guide's profile is used as shipped (`--no-config`), so nothing near the document
//! can tune the result.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn casekit(args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("casekit").unwrap();
    c.current_dir(root()).env("NO_COLOR", "1").args(args);
    c
}

fn json(args: &[&str]) -> Value {
    let out = casekit(args).assert().code(0).get_output().stdout.clone();
    serde_json::from_slice(&out).expect("valid JSON")
}

#[test]
fn the_case_study_scores_excellent() {
    let v = json(&[
        "score",
        "--no-config",
        "--format",
        "json",
        "docs/case-study.md",
    ]);
    assert_eq!(v["version"], 1);
    let file = &v["files"][0];
    let criteria: Vec<String> = file["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .map(|c| format!("{} {} {}", c["id"], c["score"], c["level"]))
        .collect();
    assert_eq!(
        file["level"], "excellent",
        "total {} ({criteria:?}); run `casekit score --explain docs/case-study.md`",
        file["total"]
    );
    assert_eq!(criteria.len(), 4, "{criteria:?}");
}

#[test]
fn the_case_study_has_no_errors_and_its_diagrams_parse() {
    let v = json(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "docs/case-study.md",
    ]);
    assert!(
        v.get("errors")
            .is_none_or(|e| e.as_array().is_some_and(|a| a.is_empty())),
        "the file could not be read: {}",
        v["errors"]
    );
    let diagnostics = v["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics");
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            format!(
                "{} at {}:{}: {}",
                d["rule"], d["span"]["start"]["line"], d["span"]["start"]["column"], d["message"]
            )
        })
        .collect();
    assert!(errors.is_empty(), "error-level findings: {errors:#?}");
    // The flows the document describes must be diagrams a reader sees: every block
    // parses (exit 0), and there is more than the architecture drawing.
    let out = casekit(&["diagrams", "--no-config", "docs/case-study.md"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let listing = String::from_utf8(out).unwrap();
    assert!(!listing.contains("does not parse"), "{listing}");
    assert!(listing.contains("sequence diagram"), "{listing}");
    assert!(listing.contains("flowchart"), "{listing}");
}
