//! One `check --fix` reaches a fixed point on documents laid out out of the guide's
//! order: sections shuffled, two tech stack tables, a setext heading, MDX components.
//! A second run finds nothing to do and writes nothing.

use assert_cmd::Command;
use predicates::prelude::*;

fn casekit() -> Command {
    let mut c = Command::cargo_bin("casekit").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn is_subsequence(a: &[u8], b: &[u8]) -> bool {
    let mut it = b.iter();
    a.iter().all(|x| it.any(|y| y == x))
}

#[test]
fn a_second_fix_on_a_shuffled_document_finds_nothing_to_do() {
    for name in ["shuffled.md", "shuffled.mdx"] {
        let original = std::fs::read_to_string(format!("tests/fixtures/fix/{name}")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join(name);
        std::fs::write(&doc, &original).unwrap();
        casekit()
            .args(["check", "--fix", "--no-config"])
            .arg(&doc)
            .assert()
            .success()
            .stdout(predicate::str::contains("1 file fixed"))
            .stderr(predicate::str::is_empty());
        let once = std::fs::read_to_string(&doc).unwrap();
        assert!(
            is_subsequence(original.as_bytes(), once.as_bytes()),
            "{name}"
        );
        let written = std::fs::metadata(&doc).unwrap().modified().unwrap();
        casekit()
            .args(["check", "--fix", "--no-config"])
            .arg(&doc)
            .assert()
            .success()
            .stdout(predicate::str::contains("0 files fixed, 0 fixes applied"))
            .stderr(predicate::str::is_empty());
        assert_eq!(std::fs::read_to_string(&doc).unwrap(), once, "{name}");
        // Not even rewritten with the same bytes.
        assert_eq!(
            std::fs::metadata(&doc).unwrap().modified().unwrap(),
            written
        );
        casekit()
            .args(["check", "--fix", "--diff", "--no-config"])
            .arg(&doc)
            .assert()
            .success()
            .stdout(predicate::str::is_empty());
    }
}

#[test]
fn the_fixes_one_pass_makes_possible_are_applied_in_the_same_run() {
    // Both tech stack tables get their columns, and the document, which ended in a
    // setext heading's section, gets the skeletons of the sections it lacks.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("shuffled.md");
    std::fs::copy("tests/fixtures/fix/shuffled.md", &doc).unwrap();
    casekit()
        .args(["check", "--fix", "--no-config"])
        .arg(&doc)
        .assert()
        .success();
    let fixed = std::fs::read_to_string(&doc).unwrap();
    assert!(fixed.contains("| Frontend | React | REASON_1 | ALTERNATIVE_1 |"));
    assert!(fixed.contains("| Storage | Postgres | REASON_1 | ALTERNATIVE_1 |"));
    // A dotted name is not split by an acronym slot; a plain acronym gets one.
    assert!(fixed.contains("lock.GPIO.state"));
    assert!(fixed.contains("The MQTT (MQTT_FULL_NAME) link"));
    // Nothing is left for `check` to offer.
    let out = casekit()
        .args(["check", "--format", "json", "--no-config"])
        .arg(&doc)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let offered: Vec<&serde_json::Value> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["fix"].is_null())
        .collect();
    assert!(offered.is_empty(), "{offered:?}");
}
