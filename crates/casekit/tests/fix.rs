//! `casekit check --fix` and `--fix --diff`.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

const DRAFT: &str = "# Parcel Locker\n\n## Overview\n\nResidents of large buildings lose parcels, so we built lockers that text them a code.\n\n## Goals\n\n- Users collect a parcel within 2 hours.\n\n## System Architecture\n\nA web app talks to an API.\n\n| Layer | Technology |\n|---|---|\n| Frontend | React |\n| Backend | Go |\n\n## Key Features\n\n- Codes by text message.\n";

fn casekit() -> Command {
    let mut c = Command::cargo_bin("casekit").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn fix_inserts_and_a_second_fix_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(dir.path(), "case.md", DRAFT);
    casekit()
        .args(["check", "--fix", "--no-config"])
        .arg(&doc)
        .assert()
        .success()
        .stdout(predicate::str::contains("fixed "))
        .stdout(predicate::str::contains("ARC302"));
    let once = std::fs::read_to_string(&doc).unwrap();
    assert_ne!(once, DRAFT);
    // Every byte of the author's text is still there, in order.
    let mut rest = once.as_bytes().iter();
    assert!(DRAFT.as_bytes().iter().all(|b| rest.any(|c| c == b)));
    assert!(once.contains("| Layer | Technology | Why | What We Considered |"));
    assert!(once
        .contains("**Repository:** [Source code](https://github.com/YOUR_GITHUB_USER/YOUR_REPO)"));
    casekit()
        .args(["check", "--fix", "--no-config"])
        .arg(&doc)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 files fixed"));
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), once);
    // Nothing but the document is left in the folder (the temporary file was renamed).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn fix_diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(dir.path(), "case.md", DRAFT);
    let out = casekit()
        .args(["check", "--fix", "--diff", "--no-config"])
        .arg(&doc)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let diff = String::from_utf8(out).unwrap();
    assert!(diff.starts_with("--- a/"), "{diff}");
    assert!(diff.contains("\n+++ b/"));
    assert!(diff.contains("\n@@ "));
    assert!(diff.contains("\n-| Layer | Technology |\n"));
    assert!(diff.contains("\n+| Layer | Technology | Why | What We Considered |\n"));
    // Only insertions: every removed line comes back, longer, as an added one.
    for removed in diff
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
    {
        assert!(diff
            .lines()
            .any(|l| l.starts_with('+') && l[1..].starts_with(&removed[1..])));
    }
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), DRAFT);
}

#[test]
fn diff_needs_fix() {
    casekit()
        .args(["check", "--diff", "x.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--fix"));
}

#[test]
fn fix_keeps_a_byte_order_mark_and_reports_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(dir.path(), "bom.md", &format!("\u{feff}{DRAFT}"));
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, [0xff, 0xfe, 0x00]).unwrap();
    casekit()
        .args(["check", "--fix", "--no-config"])
        .arg(&doc)
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.md"));
    let text = std::fs::read_to_string(&doc).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("YOUR_REPO"));
    assert_eq!(std::fs::read(&bad).unwrap(), [0xff, 0xfe, 0x00]);
}

#[test]
fn fix_on_standard_input_prints_the_fixed_document() {
    casekit()
        .args(["check", "--fix", "--no-config", "-"])
        .write_stdin(DRAFT)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Parcel Locker\n"))
        .stdout(predicate::str::contains(
            "| Frontend | React | REASON_1 | ALTERNATIVE_1 |",
        ));
}
