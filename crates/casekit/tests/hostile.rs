//! Hostile files among good ones: each refused file is reported on one line naming the
//! limit and its flag, the other files are still checked, and the exit code says both.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn casekit() -> Command {
    let mut c = Command::cargo_bin("casekit").unwrap();
    c.env_remove("NO_COLOR");
    c
}

fn good() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.md"))
        .unwrap()
}

#[test]
fn one_hostile_file_among_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a-good.md"), good()).unwrap();
    std::fs::write(d.join("b-deep.md"), format!("{}x\n", "- ".repeat(10_000))).unwrap();
    std::fs::write(d.join("c-good.mdx"), good()).unwrap();
    std::fs::write(d.join("d-lt.mdx"), "<".repeat(5_000)).unwrap();
    let mut diagram = String::from("# T\n\n```mermaid\ngraph TD\n");
    for i in 0..5_000 {
        diagram.push_str(&format!("N{i} --> N{}\n", i + 1));
    }
    diagram.push_str("```\n");
    std::fs::write(d.join("e-diagram.md"), diagram).unwrap();
    std::fs::write(d.join("f-binary.md"), b"# T\n\0\0\0").unwrap();

    let out = casekit()
        .args(["check", "--no-config", "--format", "json"])
        .arg(d)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0]
            .contains("b-deep.md: nesting depth 10,000 exceeds the limit of 256 (--max-nesting)"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("e-diagram.md: the Mermaid diagram at line 3 is")
            && lines[1].ends_with("over the limit of 65,536 (--max-diagram-size)"),
        "{stderr}"
    );
    assert!(
        lines[2].contains("f-binary.md") && lines[2].contains("NUL"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    // The good files and the file of `<` (an MDX syntax error, reported as such) were checked.
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("a-good.md")));
    assert!(files.iter().any(|f| f.ends_with("c-good.mdx")));
    assert!(files.iter().any(|f| f.ends_with("d-lt.mdx")));
}

#[test]
fn limits_can_be_raised_or_lowered_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("nested.md");
    std::fs::write(&f, format!("{}\n\n{}x\n", good(), "> ".repeat(300))).unwrap();
    casekit()
        .args(["check", "--no-config", "-q"])
        .arg(&f)
        .assert()
        .code(2);
    // Raised: the file is checked (findings, not a refusal).
    casekit()
        .args(["check", "--no-config", "-q", "--max-nesting", "400"])
        .arg(&f)
        .assert()
        .code(predicates::ord::ne(2));
    let out = casekit()
        .args([
            "check",
            "--no-config",
            "-q",
            "--max-nesting",
            "2",
            "--max-mdx-size",
            "100",
        ])
        .arg(&f)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    assert!(
        stderr.contains("exceeds the limit of 2 (--max-nesting)"),
        "{stderr}"
    );

    let mdx = dir.path().join("big.mdx");
    std::fs::write(&mdx, good()).unwrap();
    let out = casekit()
        .args(["check", "--no-config", "-q", "--max-mdx-size", "50"])
        .arg(&mdx)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    assert!(
        stderr.contains("over the MDX parser's limit of 50 (--max-mdx-size"),
        "{stderr}"
    );
}
