//! Behaviour a new user's session found wanting: messages that quote the profile in
//! force, SARIF columns after an emoji, and a symlink loop in a walked directory.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn casekit() -> Command {
    let mut c = Command::cargo_bin("casekit").unwrap();
    c.env_remove("NO_COLOR");
    c
}

fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("valid JSON")
}

#[test]
fn messages_quote_the_limits_of_the_profile_in_force() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("long.toml");
    let capstone = std::fs::read_to_string(root.join("examples/profiles/capstone.toml")).unwrap();
    std::fs::write(
        &profile,
        capstone
            .replace("name = \"capstone\"", "name = \"long-form\"")
            .replace(
                "min_challenges = 3",
                "min_challenges = 4\nmax_challenges = 6\nmin_pages = 10.0\nmax_pages = 20.0",
            ),
    )
    .unwrap();
    let out = casekit()
        .args(["check", "--no-config", "--format", "json", "--profile"])
        .arg(&profile)
        .arg(root.join("examples/profiles/capstone-example.md"))
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    let message = |rule: &str| -> String {
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == rule)
            .map(|d| format!("{} {}", d["message"], d["help"]))
            .unwrap_or_else(|| panic!("no {rule} in {v:#}"))
    };
    let length = message("STY001");
    assert!(
        length.contains("under the 10–20 pages the long-form profile asks for"),
        "{length}"
    );
    assert!(length.contains("fills 10–20 pages"), "{length}");
    let count = message("CHL701");
    assert!(
        count.contains("has 3 challenges; the long-form profile asks for 4 to 6"),
        "{count}"
    );
    for d in v["files"][0]["diagnostics"].as_array().unwrap() {
        let text = format!("{} {}", d["message"], d["help"]);
        assert!(
            !text.contains("the guide asks") && !text.contains("4–8"),
            "{text}"
        );
    }
}

#[test]
fn sarif_declares_that_columns_count_code_points() {
    // Two emoji (two UTF-16 units each) before the acronym: a reader counting UTF-16
    // units would place it two columns further right.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("emoji.md");
    let line = "🚀🚀 We built ZQXW to move files.";
    std::fs::write(&doc, format!("# T\n\n{line}\n")).unwrap();
    let out = casekit()
        .args([
            "check",
            "--no-config",
            "--select",
            "STY005",
            "--format",
            "sarif",
        ])
        .arg(&doc)
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let region = &run["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    let column = region["startColumn"].as_u64().unwrap() as usize;
    let at: String = line.chars().skip(column - 1).collect();
    assert!(at.starts_with("ZQXW"), "column {column} points at {at:?}");
    let utf16_column = line[..line.find("ZQXW").unwrap()].encode_utf16().count() + 1;
    assert_eq!(column + 2, utf16_column);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_walked_directory_is_named_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.md"), "# T\n\nSome text.\n").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/back")).unwrap();
    let out = casekit()
        .args(["check", "--no-config", "--select", "STR001"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("casekit: notice: skipped: ")
            && stderr.contains("back: a symbolic link loop"),
        "{stderr}"
    );
    // A notice, not an error: the good document is checked once, and the loop does not
    // make the run fail.
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Checked 1 file"), "{stdout}");
    assert_ne!(out.status.code(), Some(2), "{stderr}");
}
