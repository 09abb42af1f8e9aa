//! `casekit new` through the binary: the skeleton it writes, the answers, the safety of
//! the write, and the prompts on a terminal.

use assert_cmd::Command;
use casekit_core::{Document, Format, Profile, Source};
use regex::Regex;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

const FORMATS: [(&str, Format); 2] = [("md", Format::Markdown), ("mdx", Format::Mdx)];

fn casekit() -> Command {
    let mut c = Command::cargo_bin("casekit").unwrap();
    c.timeout(Duration::from_secs(60)).env("NO_COLOR", "1");
    c
}

/// Runs `casekit` with standard input closed (`/dev/null`, so it is no terminal), and
/// fails the test if it waits for more than a minute.
fn run_closed(dir: &Path, args: &[&str]) -> std::process::Output {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("casekit"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    rx.recv_timeout(Duration::from_secs(60))
        .expect("casekit new waited for input with stdin closed")
        .unwrap()
}

/// Runs `casekit new ARGS` in `dir` with standard input closed; returns (code, stderr).
fn new_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let out = run_closed(dir, &all);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn parse(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).unwrap();
    Document::parse(Source::new(path, text), Profile::guide())
}

fn required_ids() -> Vec<&'static str> {
    Profile::guide()
        .sections
        .iter()
        .filter(|s| s.required)
        .map(|s| s.id.as_str())
        .collect()
}

/// Asserts the document parsed cleanly and has all nine sections, in order.
fn assert_complete(doc: &Document) {
    assert!(doc.parse_issues.is_empty(), "{:?}", doc.parse_issues);
    let mut last = 0;
    for id in required_ids() {
        let s = doc
            .section(id)
            .unwrap_or_else(|| panic!("{}: no {id} section", doc.source.path.display()));
        assert!(s.span.start >= last, "{id} is out of order");
        last = s.span.start;
    }
}

/// `casekit check --format json` on one file: the rule of every diagnostic.
fn check_rules(path: &Path) -> Vec<String> {
    let out = casekit()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn skeleton_parses_with_all_sections_and_named_diagrams() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, format) in FORMATS {
        let file = format!("case-study.{ext}");
        let (code, err) = new_in(dir.path(), &[&file]);
        assert_eq!(code, 0, "{err}");
        let doc = parse(&dir.path().join(&file));
        assert_eq!(doc.source.format, format);
        assert_complete(&doc);
        // Every Mermaid block names its type. (A parse check belongs here once the
        // project has a Mermaid parser.)
        let kinds: Vec<&str> = doc
            .code_blocks
            .iter()
            .filter(|c| c.is_mermaid())
            .map(|c| doc.slice(c.body).split_whitespace().next().unwrap_or(""))
            .collect();
        assert_eq!(
            kinds,
            [
                "flowchart",
                "sequenceDiagram",
                "sequenceDiagram",
                "erDiagram"
            ]
        );
    }
}

#[test]
fn check_reports_only_placeholders_on_the_skeleton() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, _) in FORMATS {
        let file = dir.path().join(format!("skeleton.{ext}"));
        let (code, err) = new_in(dir.path(), &[file.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("slots and guidance notes"), "{err}");
        let rules = check_rules(&file);
        assert!(!rules.is_empty());
        // Today the rule set is exactly STR004; stated generally, so rules added later
        // must also leave the skeleton alone (or this test must say why not).
        let distinct: BTreeSet<&str> = rules.iter().map(String::as_str).collect();
        assert_eq!(distinct, BTreeSet::from(["STR004"]), "{ext}");
        assert!(rules.iter().all(|r| r == "STR004"), "{ext}: {rules:?}");
    }
}

/// Replaces every slot from the answer file and deletes every guidance comment: what
/// an author does to finish the skeleton.
fn fill(text: &str, answers: &toml::Table) -> String {
    let mut out = text.to_string();
    for (slot, value) in answers {
        let re = Regex::new(&format!(r"\b{}\b", regex::escape(slot))).unwrap();
        let value = value.as_str().unwrap();
        out = re.replace_all(&out, regex::NoExpand(value)).into_owned();
    }
    let kept: Vec<&str> = out
        .lines()
        .filter(|l| !l.contains(casekit_core::scaffold::GUIDANCE_MARKER))
        .collect();
    let mut joined = kept.join("\n");
    while joined.contains("\n\n\n") {
        joined = joined.replace("\n\n\n", "\n\n");
    }
    joined + "\n"
}

fn answers() -> toml::Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/new/answers.toml");
    let t: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    t["slots"].as_table().unwrap().clone()
}

#[test]
fn filling_every_slot_from_the_answer_file_leaves_no_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let answers = answers();
    let slot = Regex::new(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b").unwrap();
    for (ext, _) in FORMATS {
        let file = dir.path().join(format!("filled.{ext}"));
        let (code, err) = new_in(dir.path(), &[file.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let filled = fill(&std::fs::read_to_string(&file).unwrap(), &answers);
        assert!(
            !slot.is_match(&filled),
            "{ext}: a slot has no answer: {:?}",
            slot.find(&filled).map(|m| m.as_str())
        );
        std::fs::write(&file, &filled).unwrap();
        assert_complete(&parse(&file));
        let rules = check_rules(&file);
        assert!(!rules.iter().any(|r| r == "STR004"), "{ext}: {rules:?}");
    }
}

#[test]
fn flags_alone_work_with_stdin_closed() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = new_in(
        dir.path(),
        &[
            "tide.md",
            "--name",
            "Tideline",
            "--one-liner",
            "Harbour masters see a storm surge coming an hour sooner.",
            "--repo",
            "https://github.com/example/tideline",
            "--demo",
            "https://tideline.example.dev",
            "--team",
            "4",
            "--role",
            "I built the alerting worker",
            "--timeline",
            "12 weeks, part-time",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.path().join("tide.md")).unwrap();
    assert!(text.starts_with("# Tideline\n"));
    for s in [
        "storm surge coming",
        "(https://github.com/example/tideline)",
        "(https://tideline.example.dev)",
        "| 4 people |",
        "I built the alerting worker",
        "12 weeks, part-time",
    ] {
        assert!(text.contains(s), "{s}");
    }
    for slot in [
        "YOUR_PROJECT_NAME",
        "YOUR_ONE_LINE_PITCH",
        "YOUR_REPO",
        "YOUR_DEMO_URL",
        "YOUR_ROLE",
        "X people",
        "X weeks",
    ] {
        assert!(!text.contains(slot), "{slot}");
    }
    // Without flags and without a terminal it does not wait either.
    let (code, err) = new_in(dir.path(), &["bare.md"]);
    assert_eq!(code, 0, "{err}");
    // A closed pipe (assert_cmd's standard input) is no terminal either.
    casekit()
        .current_dir(dir.path())
        .args(["new", "empty.md"])
        .write_stdin("")
        .assert()
        .success();
}

#[test]
fn dash_writes_to_stdout_and_creates_no_file() {
    let dir = tempfile::tempdir().unwrap();
    for (flag, marker) in [("md", "<!-- casekit:guide"), ("mdx", "<Steps>")] {
        let out = run_closed(
            dir.path(),
            &["new", "-", "--format", flag, "--name", "Tideline"],
        );
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.starts_with("# Tideline\n") && text.contains(marker),
            "{flag}"
        );
    }
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn format_follows_the_extension_unless_given() {
    let dir = tempfile::tempdir().unwrap();
    new_in(dir.path(), &["a.mdx"]);
    let mdx = std::fs::read_to_string(dir.path().join("a.mdx")).unwrap();
    assert!(mdx.contains("{/* casekit:guide") && mdx.contains("<Tip>"));
    new_in(dir.path(), &["b.md"]);
    let md = std::fs::read_to_string(dir.path().join("b.md")).unwrap();
    assert!(md.contains("<!-- casekit:guide") && !md.contains("<Tip>"));
    // No path: case-study.md, or case-study.mdx with --format mdx.
    let (code, _) = new_in(dir.path(), &[]);
    assert_eq!(code, 0);
    let (code, _) = new_in(dir.path(), &["--format", "mdx"]);
    assert_eq!(code, 0);
    assert_eq!(
        files_in(dir.path()),
        ["a.mdx", "b.md", "case-study.md", "case-study.mdx"]
    );
}

#[test]
fn an_existing_file_is_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.md");
    std::fs::write(&file, "# My draft\n").unwrap();
    let (code, err) = new_in(dir.path(), &["mine.md"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("mine.md") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "# My draft\n");
    // --example is refused too.
    let (code, _) = new_in(dir.path(), &["mine.md", "--example"]);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "# My draft\n");
    assert_eq!(files_in(dir.path()), ["mine.md"], "no temporary file left");

    let (code, err) = new_in(dir.path(), &["mine.md", "--force", "--name", "Tideline"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("# Tideline\n"));
    assert_eq!(files_in(dir.path()), ["mine.md"], "no temporary file left");
}

#[cfg(unix)]
#[test]
fn force_keeps_the_replaced_files_mode_and_new_files_are_not_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    new_in(dir.path(), &["new.md"]);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join("new.md")), 0o644);
    let file = dir.path().join("shared.md");
    std::fs::write(&file, "x").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o664)).unwrap();
    new_in(dir.path(), &["shared.md", "--force"]);
    assert_eq!(mode(&file), 0o664);
}

#[test]
fn unwritable_targets_fail_with_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    for target in ["missing-dir/case.md", "folder"] {
        let (code, err) = new_in(dir.path(), &[target]);
        assert_eq!(code, 2, "{target}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(target), "{err}");
    }
    assert_eq!(files_in(dir.path()), ["folder"]);
    assert!(files_in(&dir.path().join("folder")).is_empty());
}

#[test]
fn example_parses_and_has_all_sections() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, format) in FORMATS {
        let file = format!("example.{ext}");
        let (code, err) = new_in(dir.path(), &[&file, "--example"]);
        assert_eq!(code, 0, "{err}");
        let doc = parse(&dir.path().join(&file));
        assert_eq!(doc.source.format, format);
        assert_complete(&doc);
    }
    // Answers make no sense with a finished example.
    let (code, _) = new_in(dir.path(), &["other.md", "--example", "--name", "X"]);
    assert_eq!(code, 2);
}

/// The prompts, driven through a pseudo-terminal: answered questions fill their slots,
/// blank ones keep them, questions the flags answered are not asked.
#[cfg(unix)]
#[test]
fn prompts_on_a_terminal_ask_for_what_the_flags_did_not_give() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("asked.md");
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("casekit"));
    cmd.arg("new")
        .arg(&file)
        .args(["--role", "I wrote the matching service"])
        .env("NO_COLOR", "1")
        .env("TERM", "dumb");
    let mut p = rexpect::session::spawn_command(cmd, Some(30_000)).unwrap();
    p.exp_string("Project name").unwrap();
    p.send_line("Parcelbay").unwrap();
    p.exp_string("One-liner").unwrap();
    p.send_line("Residents stop hunting for lost parcels.")
        .unwrap();
    p.exp_string("Repository URL").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Live demo").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Team size").unwrap();
    p.send_line("3").unwrap();
    p.exp_string("Timeline").unwrap();
    p.send_line("").unwrap();
    p.exp_string("created").unwrap();
    p.exp_eof().unwrap();

    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# Parcelbay\n"), "{text}");
    assert!(text.contains("Residents stop hunting for lost parcels."));
    assert!(text.contains("| 3 people |"));
    assert!(text.contains("I wrote the matching service"));
    // Left blank: the slots stay for later.
    for slot in ["YOUR_REPO", "YOUR_DEMO_URL", "X weeks"] {
        assert!(text.contains(slot), "{slot}");
    }
    assert!(
        !text.contains("YOUR_ROLE"),
        "the role came from a flag and was not asked"
    );
}

#[test]
fn the_docs_show_what_new_reports() {
    // docs/new.md opens with a `casekit new … --no-input` session; its last line must be
    // what the command prints today (the slot count moves when the template does).
    let docs = include_str!("../../../docs/new.md");
    let command = docs
        .lines()
        .find_map(|l| l.strip_prefix("$ casekit "))
        .expect("a console example in docs/new.md");
    let shown = docs
        .lines()
        .find(|l| l.starts_with("created "))
        .expect("the line `casekit new` prints");
    let dir = tempfile::tempdir().unwrap();
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let (code, err) = new_in(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.trim_end(), shown);
}
