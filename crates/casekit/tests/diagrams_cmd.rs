//! `casekit diagrams`: one line per diagram, parse errors with their position, exit 1 when
//! a diagram does not parse; `--preview` prints something under each diagram.

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../casekit-core/tests/fixtures/mermaid/documents")
        .join(name)
}

#[test]
fn lists_diagrams_with_summaries_and_errors() {
    Command::cargo_bin("casekit")
        .unwrap()
        .arg("diagrams")
        .arg(fixture("shaped-like-case-studies.md"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("8 Mermaid diagrams"))
        .stdout(predicate::str::contains(
            "line 9     flowchart         8 nodes / 9 edges / 2 subgraphs",
        ))
        .stdout(predicate::str::contains(
            "sequence diagram  4 participants / 8 messages",
        ))
        .stdout(predicate::str::contains(
            "ER diagram        3 entities / 2 relationships / 8 attributes",
        ))
        .stdout(predicate::str::contains("does not parse (118:21)"));
}

#[test]
fn preview_prints_a_drawing_or_an_outline() {
    Command::cargo_bin("casekit")
        .unwrap()
        .args(["diagrams", "--preview"])
        .arg(fixture("shaped-like-case-studies.mdx"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Dead Letter Queue"))
        .stdout(predicate::str::contains("Enqueue failed event"));
}

#[test]
fn clean_documents_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ok.md");
    std::fs::write(
        &path,
        "# T\n\n```mermaid\nsequenceDiagram\n  A->>B: POST /x\n```\n",
    )
    .unwrap();
    Command::cargo_bin("casekit")
        .unwrap()
        .arg("diagrams")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 participants / 1 message"));
}

/// A 20,000-edge flowchart: far over the default Mermaid block limit.
fn oversized_diagram() -> String {
    let mut text = String::from("# T\n\n```mermaid\nflowchart TD\n");
    for i in 0..20_000 {
        text.push_str(&format!("  n{i} --> n{}\n", i + 1));
    }
    text.push_str("```\n");
    text
}

#[test]
fn an_oversized_diagram_is_refused_as_check_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.md");
    std::fs::write(&big, oversized_diagram()).unwrap();
    let ok = dir.path().join("ok.md");
    std::fs::write(
        &ok,
        "# T\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n",
    )
    .unwrap();
    let refusal = |cmd: &str| {
        let out = Command::cargo_bin("casekit")
            .unwrap()
            .args([cmd, "--no-config"])
            .arg(&big)
            .arg(&ok)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{cmd}: {stderr}");
        (lines[0].to_string(), String::from_utf8(out.stdout).unwrap())
    };
    let (diagrams_line, listed) = refusal("diagrams");
    let (check_line, _) = refusal("check");
    assert_eq!(diagrams_line, check_line);
    assert!(
        diagrams_line.contains("big.md") && diagrams_line.contains("(--max-diagram-size)"),
        "{diagrams_line}"
    );
    // The refused file is not listed as having no diagrams; the good one still is.
    assert!(!listed.contains("big.md"), "{listed}");
    assert!(listed.contains("ok.md: 1 Mermaid diagram"), "{listed}");

    // Raised past the block's size, the limit lets the diagram through.
    Command::cargo_bin("casekit")
        .unwrap()
        .args(["diagrams", "--no-config", "--max-diagram-size", "10000000"])
        .arg(&big)
        .assert()
        .success()
        .stdout(predicate::str::contains("20001 nodes / 20000 edges"));
}
