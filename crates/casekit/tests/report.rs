//! `casekit report`: the pages it writes, read back from a real browser's DOM.
//!
//! The browser tests run headless Chromium (`chromium --dump-dom`). Without it they print
//! a notice and pass, unless CASEKIT_REQUIRE_BROWSER is set (CI sets it), then they fail.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn casekit() -> Command {
    let mut c = Command::cargo_bin("casekit").unwrap();
    c.current_dir(root());
    c
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|n| dirs.iter().map(move |d| d.join(n)))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CASEKIT_REQUIRE_BROWSER").is_none(),
            "CASEKIT_REQUIRE_BROWSER is set but no chromium is on PATH"
        );
        eprintln!("notice: chromium not found; skipping the browser test");
    }
    found
}

/// The DOM after the page loaded and ran whatever it could.
fn dump_dom(browser: &Path, page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.canonicalize().unwrap().display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn report(doc: &str, dir: &Path) -> PathBuf {
    let page = dir.join("page.html");
    casekit()
        .args(["report", doc, "-o"])
        .arg(&page)
        .assert()
        .success();
    page
}

fn json(args: &[&str]) -> Value {
    let out = casekit().args(args).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Each `<figure class="diagram …">` of the DOM, as text.
fn figures(dom: &str) -> Vec<&str> {
    dom.split("<figure class=\"diagram")
        .skip(1)
        .map(|f| &f[..f.find("</figure>").unwrap_or(f.len())])
        .collect()
}

const EXAMPLES: [&str; 2] = [
    "examples/case-study.md",
    "examples/profiles/capstone-example.md",
];

#[test]
fn the_browser_shows_every_finding_the_score_and_the_diagrams() {
    let Some(browser) = chromium() else { return };
    for doc in EXAMPLES {
        let dir = tempfile::tempdir().unwrap();
        let dom = dump_dom(&browser, &report(doc, dir.path()));
        let check = json(&["check", "--format", "json", doc]);
        let findings = check["files"][0]["diagnostics"].as_array().unwrap().len();
        assert_eq!(
            dom.matches("<li class=\"finding ").count(),
            findings,
            "{doc}: findings shown"
        );
        let score = json(&["score", "--format", "json", doc]);
        let total = score["files"][0]["total"].as_f64().unwrap();
        let shown: f64 = dom
            .split("data-total=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            (shown - total).abs() < 0.05,
            "{doc}: page {shown}, score {total}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let dom = dump_dom(&browser, &report(EXAMPLES[0], dir.path()));
    let figs = figures(&dom);
    assert_eq!(figs.len(), 4, "the example's four diagrams");
    for f in figs {
        assert!(
            f.contains("<svg"),
            "drawn as SVG: {}",
            &f[..f.len().min(300)]
        );
    }
    // Its images are embedded: the page opens anywhere.
    assert!(dom.contains("src=\"data:image/png;base64,"));
}

/// An element with an event-handler attribute (`<img … onerror=`); escaped text
/// (`&lt;img … onerror=`) does not match.
fn handler() -> regex::Regex {
    regex::Regex::new(r"<[a-zA-Z][^>]*\son[a-zA-Z]+\s*=").unwrap()
}

/// The markers the hostile fixtures' payloads would leave if any of them ran.
fn pwned(dom: &str) -> Option<&'static str> {
    if dom.contains("data-pwned=\"") {
        Some("a payload set data-pwned")
    } else if dom.contains("<title>PWNED") {
        Some("a payload set the title")
    } else {
        None
    }
}

#[test]
fn the_marker_check_sees_a_payload_that_runs() {
    // The same payloads in a page without the report's sanitiser and policy do run: the
    // check below is able to fail.
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("control.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><title>t</title><img src=\"missing.png\" onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
    )
    .unwrap();
    assert!(pwned(&dump_dom(&browser, &page)).is_some());
}

#[test]
fn a_hostile_document_runs_nothing_in_the_browser() {
    let Some(browser) = chromium() else { return };
    for doc in ["hostile.md", "hostile.mdx"] {
        let path = format!("crates/casekit/tests/fixtures/report/{doc}");
        let dir = tempfile::tempdir().unwrap();
        let dom = dump_dom(&browser, &report(&path, dir.path()));
        assert_eq!(pwned(&dom), None, "{doc}");
        assert!(dom.contains("<main"), "{doc}: the page rendered");
        let body = &dom[dom.find("<main").unwrap()..];
        for bad in [
            "<script",
            "<iframe",
            "<object",
            "<embed",
            "<meta",
            "<style",
            "href=\"javascript:",
        ] {
            assert!(!body.contains(bad), "{doc}: {bad} in the DOM");
        }
        assert!(
            !handler().is_match(body),
            "{doc}: an event handler in the DOM"
        );
    }
}

#[test]
fn a_hostile_diagram_is_drawn_inert_and_a_broken_one_shows_its_message() {
    let dir = tempfile::tempdir().unwrap();
    let page = report(
        "crates/casekit/tests/fixtures/report/hostile.md",
        dir.path(),
    );
    let html = std::fs::read_to_string(page).unwrap();
    let figs = figures(&html);
    assert_eq!(figs.len(), 3);
    assert!(figs[0].contains("<svg"), "the flowchart is drawn");
    assert!(figs[2].contains("diagram-error") && figs[2].contains("parse-error"));
    for f in &figs {
        // Label text shows escaped (`&lt;img …`); no element or handler survives.
        let drawing = f.split("<details").next().unwrap();
        assert!(
            !drawing.contains("<script") && !drawing.contains("<img") && !drawing.contains("<a "),
            "{drawing}"
        );
        assert!(!handler().is_match(drawing), "{drawing}");
    }
}

#[test]
fn a_directory_gets_one_page_per_document() {
    let dir = tempfile::tempdir().unwrap();
    casekit()
        .args([
            "report",
            "examples/case-study.md",
            "examples/case-study.mdx",
            "examples/profiles/capstone-example.md",
            "-o",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "capstone-example.html",
            "case-study-2.html",
            "case-study.html"
        ]
    );
}

#[test]
fn one_page_file_takes_one_document() {
    let dir = tempfile::tempdir().unwrap();
    casekit()
        .args([
            "report",
            "examples/case-study.md",
            "examples/case-study.mdx",
            "-o",
        ])
        .arg(dir.path().join("one.html"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("one page takes one document"));
    assert!(!dir.path().join("one.html").exists());
}

#[test]
fn a_bad_document_is_reported_and_the_good_ones_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, b"# x\0binary").unwrap();
    let out = dir.path().join("out");
    casekit()
        .args(["report", "examples/case-study.md"])
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.md"));
    assert!(out.join("case-study.html").is_file());
    assert!(!out.join("bad.html").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

#[test]
fn the_bundled_example_report_is_up_to_date() {
    // examples/case-study.html is written by the binary; regenerate it with
    // `cargo run -- report examples/case-study.md -o examples/case-study.html`.
    // Written beside the committed one, so relative links come out the same.
    let tmp = tempfile::Builder::new()
        .prefix(".fresh-")
        .suffix(".html")
        .tempfile_in(root().join("examples"))
        .unwrap();
    casekit()
        .args(["report", "examples/case-study.md", "-o"])
        .arg(tmp.path())
        .assert()
        .success();
    let fresh = std::fs::read_to_string(tmp.path()).unwrap();
    let committed = std::fs::read_to_string(root().join("examples/case-study.html")).unwrap();
    assert!(
        fresh == committed,
        "examples/case-study.html is stale; regenerate it"
    );
}
