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
