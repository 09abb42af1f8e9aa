//! A real editor: Neovim, headless, with `casekit lsp` as its language server on a
//! Markdown file. It waits for the diagnostics, reports their count and first
//! position, applies the ARC302 fix as a code action and writes the buffer; the test
//! checks all of it against what `casekit check` says about the same file.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn nvim() -> Option<&'static str> {
    let found = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    found.then_some("nvim")
}

/// The diagnostics `casekit check --format json` gives for `path`: (line, column) of
/// each, 0-based, and the rule of the first.
fn cli_diagnostics(path: &Path) -> (Vec<(u64, u64)>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_casekit"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let mut at: Vec<(u64, u64)> = diags
        .iter()
        .map(|d| {
            let s = &d["span"]["start"];
            (
                s["line"].as_u64().unwrap() - 1,
                s["column"].as_u64().unwrap() - 1,
            )
        })
        .collect();
    at.sort();
    let first = diags
        .iter()
        .find(|d| {
            let s = &d["span"]["start"];
            (
                s["line"].as_u64().unwrap() - 1,
                s["column"].as_u64().unwrap() - 1,
            ) == at[0]
        })
        .unwrap()["rule"]
        .as_str()
        .unwrap()
        .to_string();
    (at, first)
}

#[test]
fn neovim_shows_the_diagnostics_and_applies_a_fix() {
    let Some(nvim) = nvim() else {
        if std::env::var_os("CASEKIT_REQUIRE_BROWSER").is_some() {
            panic!("nvim is not installed and CASEKIT_REQUIRE_BROWSER is set");
        }
        eprintln!("skipping the Neovim test: nvim is not installed");
        return;
    };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nvim");
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("case.md");
    std::fs::copy(fixtures.join("case.md"), &doc).unwrap();
    let original = std::fs::read_to_string(&doc).unwrap();
    let (expected, first_rule) = cli_diagnostics(&doc);
    let out = dir.path().join("out.txt");

    let mut child = Command::new(nvim)
        .args(["--headless", "--clean", "-u"])
        .arg(fixtures.join("init.lua"))
        .env("CASEKIT_BIN", env!("CARGO_BIN_EXE_casekit"))
        .env("CASEKIT_OUT", &out)
        .env("CASEKIT_FIXTURE", &doc)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.is_some(), "Neovim did not finish within 90 s");
    let report = std::fs::read_to_string(&out).expect("Neovim wrote its report");
    assert!(!report.contains("error="), "{report}");
    let field = |k: &str| {
        report
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or_else(|| panic!("no {k} in {report}"))
            .to_string()
    };
    assert_eq!(field("count"), expected.len().to_string());
    assert_eq!(
        field("first"),
        format!("{}:{}:{first_rule}", expected[0].0, expected[0].1)
    );
    assert!(field("applied").starts_with("Fix ARC302"));

    // The buffer was written with the column added and nothing of the author's lost.
    let fixed = std::fs::read_to_string(&doc).unwrap();
    assert!(fixed.contains("| Layer | Technology | Why |\n|---|---|---|\n| Frontend | React | REASON_1 |\n| Backend | Go | REASON_2 |"), "{fixed}");
    let mut rest = fixed.bytes();
    assert!(original.bytes().all(|b| rest.any(|c| c == b)));
}
