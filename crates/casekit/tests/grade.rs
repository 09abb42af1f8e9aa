//! `casekit grade` end to end: the files it writes, their agreement with `score`, the
//! before/after round, failures that do not stop the batch, and the dashboard as a real
//! browser renders it.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn casekit() -> Command {
    let mut c = Command::cargo_bin("casekit").unwrap_or_else(|e| panic!("{e}"));
    c.env_remove("RUST_BACKTRACE").env("NO_COLOR", "1");
    c
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A cohort folder with the bundled example, a thin draft and a second good document.
fn cohort(dir: &Path) -> PathBuf {
    let c = dir.join("cohort");
    std::fs::create_dir_all(c.join("team b")).unwrap_or_else(|e| panic!("{e}"));
    let example = std::fs::read_to_string(repo().join("examples/case-study.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(c.join("ada.md"), &example).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        c.join("team b/bo, \"draft\".md"),
        "# Bo's draft\n\n## Overview\n\nA chat app. It was fun.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mdx = std::fs::read_to_string(repo().join("examples/case-study.mdx")).unwrap_or(example);
    std::fs::write(c.join("cy.mdx"), mdx).unwrap_or_else(|e| panic!("{e}"));
    c
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Totals by path from `casekit score --format json`.
fn score_totals(paths: &[&Path]) -> BTreeMap<String, f64> {
    let out = casekit()
        .arg("score")
        .arg("--format=json")
        .args(paths)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    v["files"]
        .as_array()
        .unwrap_or_else(|| panic!("no files in {v}"))
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_string(),
                f["total"].as_f64().unwrap_or(f64::NAN),
            )
        })
        .collect()
}

fn grade(paths: &[&Path], out: &Path, extra: &[&str]) -> std::process::Output {
    casekit()
        .arg("grade")
        .arg("-o")
        .arg(out)
        .args(extra)
        .args(paths)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn writes_three_files_that_agree_with_score() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let c = cohort(tmp.path());
    let out = tmp.path().join("out");
    let run = grade(&[&c], &out, &[]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json = read_json(&out.join("grades.json"));
    assert_eq!(json["version"], 1);
    let docs = json["documents"].as_array().cloned().unwrap_or_default();
    assert_eq!(docs.len(), 3);
    let expected = score_totals(&[&c]);
    assert_eq!(expected.len(), 3);
    for d in &docs {
        let path = d["path"].as_str().unwrap_or_default();
        assert_eq!(d["total"].as_f64(), expected.get(path).copied(), "{path}");
    }
    assert_eq!(json["cohort"]["documents"], 3);
    assert!(json["cohort"]["teach_next"]
        .as_array()
        .is_some_and(|t| !t.is_empty()));
    assert!(out.join("index.html").is_file());
    // Nothing but the three files is left behind (no temporary files).
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["grades.csv", "grades.json", "index.html", "pages"]);
    // One report page per document, linked from the table and from grades.json.
    let pages = std::fs::read_dir(out.join("pages")).map_or(0, |d| d.count());
    assert_eq!(pages, 3);
    let html = std::fs::read_to_string(out.join("index.html")).unwrap_or_default();
    for d in &docs {
        let page = d["page"]
            .as_str()
            .unwrap_or_else(|| panic!("no page in {d}"));
        let file = page
            .replace("%20", " ")
            .replace("%2C", ",")
            .replace("%22", "\"");
        assert!(out.join(&file).is_file(), "{page}");
        assert!(
            html.contains(&format!("<a href=\"{page}\">")),
            "{page} not linked"
        );
    }
    // --no-pages writes only the three files.
    let bare = tmp.path().join("bare");
    grade(&[&c], &bare, &["--no-pages"]);
    assert!(!bare.join("pages").exists());
    assert!(read_json(&bare.join("grades.json"))["documents"][0]
        .get("page")
        .is_none());
}

#[test]
fn csv_round_trips_to_the_json_values() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let c = cohort(tmp.path());
    let out = tmp.path().join("out");
    grade(&[&c], &out, &[]);
    let json = read_json(&out.join("grades.json"));
    let mut reader =
        csv::Reader::from_path(out.join("grades.csv")).unwrap_or_else(|e| panic!("{e}"));
    let header: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header[..3], ["path", "total", "level"]);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap_or_default()).collect();
    let docs = json["documents"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), docs.len());
    for (r, d) in records.iter().zip(&docs) {
        assert_eq!(&r[col("path")], d["path"].as_str().unwrap_or_default());
        let total: f64 = r[col("total")].parse().unwrap_or(f64::NAN);
        assert!((total - d["total"].as_f64().unwrap_or(0.0)).abs() < 0.051);
        let level = d["level"].as_str().unwrap_or_default().replace('_', " ");
        assert!(
            r[col("level")].eq_ignore_ascii_case(&level),
            "{} vs {level}",
            &r[col("level")]
        );
        for c in d["criteria"].as_array().cloned().unwrap_or_default() {
            let id = c["id"].as_str().unwrap_or_default();
            let score: f64 = r[col(id)].parse().unwrap_or(f64::NAN);
            assert!(
                (score - c["score"].as_f64().unwrap_or(0.0)).abs() < 0.051,
                "{id}"
            );
            assert!(!r[col(&format!("{id}_level"))].is_empty());
        }
        assert_eq!(r[col("errors")], d["errors"].to_string());
        assert_eq!(r[col("warnings")], d["warnings"].to_string());
        match d["top_improvement"].as_object() {
            Some(t) => {
                assert_eq!(
                    &r[col("top_improvement")],
                    t["rule"].as_str().unwrap_or_default()
                );
                assert_eq!(
                    &r[col("top_advice")],
                    t["message"].as_str().unwrap_or_default()
                );
            }
            None => assert!(r[col("top_improvement")].is_empty()),
        }
    }
    // The path with a comma and quotes came back whole.
    assert!(records.iter().any(|r| r[0].ends_with("bo, \"draft\".md")));
    // `score --format csv` prints the same table.
    let printed = casekit()
        .arg("score")
        .arg("--format=csv")
        .arg(&c)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let file = std::fs::read(out.join("grades.csv")).unwrap_or_default();
    assert_eq!(
        String::from_utf8_lossy(&printed.stdout),
        String::from_utf8_lossy(&file)
    );
}

#[test]
fn baseline_adds_each_documents_change() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let c = cohort(tmp.path());
    let first = tmp.path().join("round1");
    grade(&[&c], &first, &[]);
    // The writer of the thin draft revises it into the full example; a new writer joins.
    let draft = c.join("team b/bo, \"draft\".md");
    std::fs::copy(repo().join("examples/case-study.md"), &draft).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(c.join("dee.md"), "# Dee\n\nNotes.\n").unwrap_or_else(|e| panic!("{e}"));
    let second = tmp.path().join("round2");
    let baseline = first.join("grades.json");
    let run = grade(
        &[&c],
        &second,
        &["--baseline", baseline.to_str().unwrap_or_default()],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let old = read_json(&baseline);
    let new = read_json(&second.join("grades.json"));
    let total_in = |v: &Value, end: &str| {
        v["documents"]
            .as_array()
            .and_then(|d| {
                d.iter()
                    .find(|x| x["path"].as_str().is_some_and(|p| p.ends_with(end)))
            })
            .cloned()
            .unwrap_or(Value::Null)
    };
    let before = total_in(&old, "draft\".md");
    let after = total_in(&new, "draft\".md");
    let change = after["change"].as_f64().unwrap_or(f64::NAN);
    let expected = after["total"].as_f64().unwrap_or(0.0) - before["total"].as_f64().unwrap_or(0.0);
    assert!(change > 10.0, "the revision gained points: {change}");
    assert!((change - expected).abs() < 0.051);
    assert_eq!(after["before"], before["total"]);
    assert_eq!(total_in(&new, "ada.md")["change"].as_f64(), Some(0.0));
    assert!(
        total_in(&new, "dee.md").get("change").is_none(),
        "new this round"
    );
    let csv = std::fs::read_to_string(second.join("grades.csv")).unwrap_or_default();
    assert!(csv
        .lines()
        .next()
        .is_some_and(|h| h.ends_with(",before,change")));
    assert!(csv.contains(&format!(",{change:+.1}\r\n")), "{csv}");
    let html = std::fs::read_to_string(second.join("index.html")).unwrap_or_default();
    assert!(html.contains(&format!(">{change:+.1}</td>")));
    assert!(html.contains(">new</td>"));
}

#[test]
fn unreadable_files_are_listed_and_the_rest_graded() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let c = cohort(tmp.path());
    std::fs::write(c.join("binary.md"), b"\xff\xfe\x00broken").unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("out");
    let run = grade(&[&c], &out, &["--quiet"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("binary.md"), "{stderr}");
    let json = read_json(&out.join("grades.json"));
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(3));
    let failed = json["failed"].as_array().cloned().unwrap_or_default();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]["path"]
        .as_str()
        .is_some_and(|p| p.ends_with("binary.md")));
    assert!(failed[0]["reason"].as_str().is_some_and(|r| !r.is_empty()));
    let html = std::fs::read_to_string(out.join("index.html")).unwrap_or_default();
    assert!(html.contains("Could not be graded") && html.contains("binary.md"));
}

#[test]
fn a_bad_baseline_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let c = cohort(tmp.path());
    let bad = tmp.path().join("old.json");
    std::fs::write(&bad, "{\"files\": []}").unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("out");
    let run = grade(
        &[&c],
        &out,
        &["--baseline", bad.to_str().unwrap_or_default()],
    );
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("old.json") && stderr.contains("version"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
    assert!(!out.exists());
}

#[test]
fn output_that_is_a_file_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let c = cohort(tmp.path());
    let out = tmp.path().join("taken");
    std::fs::write(&out, "mine").unwrap_or_else(|e| panic!("{e}"));
    let run = grade(&[&c], &out, &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("taken"));
    assert_eq!(std::fs::read_to_string(&out).unwrap_or_default(), "mine");
}

/// Headless Chromium, when the machine has it (CI requires it).
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CASEKIT_REQUIRE_BROWSER").is_none(),
            "CASEKIT_REQUIRE_BROWSER is set but no Chromium was found"
        );
        eprintln!("note: no Chromium on this machine; the browser test is skipped");
    }
    found
}

fn dump_dom(browser: &str, page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The documents table's rows as the browser built them: (path, total).
fn dom_rows(dom: &str) -> Vec<(String, String)> {
    let table = dom
        .split("id=\"documents\"")
        .nth(1)
        .and_then(|t| t.split("<tbody>").nth(1))
        .and_then(|t| t.split("</tbody>").next())
        .unwrap_or_default();
    table
        .split("<tr>")
        .skip(1)
        .map(|r| {
            let path = r
                .split("data-sort=\"")
                .nth(1)
                .and_then(|p| p.split('"').next())
                .unwrap_or_default()
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            let total = r
                .split("class=\"num total\">")
                .nth(1)
                .and_then(|t| t.split('<').next())
                .unwrap_or_default()
                .to_string();
            (path, total)
        })
        .collect()
}

#[test]
fn the_dashboard_in_a_browser_shows_every_document_and_its_plots() {
    let Some(browser) = chromium() else { return };
    let shared = repo().join("../shared/corpus");
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // The real corpus when it is beside the repository, else the in-repo cohort.
    let docs = if shared.is_dir() {
        shared
    } else {
        cohort(tmp.path())
    };
    let out = tmp.path().join("out");
    let run = grade(&[&docs], &out, &[]);
    assert_ne!(run.status.code(), None);
    let page = out
        .join("index.html")
        .canonicalize()
        .unwrap_or_else(|e| panic!("{e}"));
    let dom = dump_dom(browser, &page);
    assert!(dom.contains("<svg"), "no plots in the DOM");
    let expected = score_totals(&[&docs]);
    let rows = dom_rows(&dom);
    assert_eq!(rows.len(), expected.len(), "one row per document");
    for (path, total) in &rows {
        let want = expected
            .get(path)
            .unwrap_or_else(|| panic!("{path} not scored"));
        assert_eq!(total, &format!("{want:.1}"), "{path}");
    }
    // Every plot is an inline <svg>, drawn (a failed plot is a <p class="plot-failed">).
    let figures = dom.matches("<figure class=\"plot").count();
    assert!(figures >= 6, "totals, four criteria, teach next: {figures}");
    assert_eq!(dom.matches("plot-failed").count(), 0);
    for part in dom.split("<figure class=\"plot").skip(1) {
        assert!(
            part.trim_start_matches(|c| c != '>').starts_with("><svg"),
            "a figure without svg"
        );
    }
    // The sorting script ran (the CSP allowed it by hash): it makes headings focusable.
    assert!(
        dom.contains("tabindex=\"0\""),
        "the page's script did not run"
    );
}

/// Two runs on the same files write the same bytes: a mentor can diff two rounds' output,
/// and a change in the dashboard always means a change in the grades.
#[test]
fn two_runs_write_byte_identical_files() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let c = cohort(tmp.path());
    let corpus = repo().join("../shared/corpus");
    let mut inputs: Vec<&Path> = vec![&c];
    if corpus.is_dir() {
        inputs.push(&corpus);
    }
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for out in [&a, &b] {
        grade(&inputs, out, &[]);
    }
    let files = |dir: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        let mut m = BTreeMap::new();
        for sub in ["", "pages"] {
            for e in std::fs::read_dir(dir.join(sub)).unwrap_or_else(|e| panic!("{e}")) {
                let p = e.unwrap_or_else(|e| panic!("{e}")).path();
                if p.is_file() {
                    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{e}"));
                    m.insert(p.strip_prefix(dir).unwrap_or(&p).to_path_buf(), bytes);
                }
            }
        }
        m
    };
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.len() >= 6, "{:?}", fa.keys());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(
            bytes == &fb[name],
            "{} differs between two runs",
            name.display()
        );
    }
}

#[test]
fn stderr_that_is_not_a_terminal_gets_no_progress_bar() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let c = cohort(tmp.path());
    let run = grade(&[&c], &tmp.path().join("out"), &[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("casekit: graded 3 documents into "),
        "{stderr}"
    );
    assert!(!stderr.contains('\r') && !stderr.contains('\x1b'));
    let quiet = grade(&[&c], &tmp.path().join("out"), &["--quiet"]);
    assert!(quiet.stderr.is_empty());
}
