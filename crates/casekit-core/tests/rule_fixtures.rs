//! Every rule has fixtures: `fixtures/rules/<ID>/pass.md` must not trigger it, every
//! `fail*.md` / `fail*.mdx` must, and the diagnostics of failing fixtures are snapshots.

use casekit_core::rules::registry;
use casekit_core::{check, Document, Profile, Settings, Source};
use std::path::{Path, PathBuf};

fn fixture_dir(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(id)
}

/// Diagnostics of one rule on one fixture, rendered as `line:col-line:col message | help`.
fn run(path: &Path, rule: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let doc = Document::parse(Source::new(name, text), Profile::guide());
    let mut settings = Settings::new(Profile::guide());
    struct NoFiles;
    impl casekit_core::rules::FileOracle for NoFiles {
        fn exists(&self, _: &Path, target: &str) -> bool {
            !target.contains("missing")
        }
    }
    settings.files = Some(&NoFiles);
    check(&doc, &settings)
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            let a = doc.line_col(d.span.start);
            let b = doc.line_col(d.span.end);
            format!(
                "{}:{}-{}:{} {} `{}` | {}",
                a.line,
                a.column,
                b.line,
                b.column,
                d.message,
                doc.slice(d.span).lines().next().unwrap_or(""),
                d.help
            )
        })
        .collect()
}

fn files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| {
        let n = p.file_name().unwrap().to_string_lossy();
        n.starts_with(prefix) && (n.ends_with(".md") || n.ends_with(".mdx"))
    });
    v.sort();
    v
}

#[test]
fn every_rule_has_passing_and_failing_fixtures() {
    let mut missing = Vec::new();
    for rule in registry() {
        let id = rule.meta().id;
        let dir = fixture_dir(id);
        if files(&dir, "pass").is_empty() || files(&dir, "fail").is_empty() {
            missing.push(id);
        }
    }
    assert!(
        missing.is_empty(),
        "rules without pass/fail fixtures: {missing:?}"
    );
}

#[test]
fn passing_fixtures_do_not_trigger_their_rule() {
    for rule in registry() {
        let id = rule.meta().id;
        for f in files(&fixture_dir(id), "pass") {
            let found = run(&f, id);
            assert!(
                found.is_empty(),
                "{id} fired on {}:\n{}",
                f.display(),
                found.join("\n")
            );
        }
    }
}

#[test]
fn failing_fixtures_trigger_their_rule() {
    for rule in registry() {
        let id = rule.meta().id;
        for f in files(&fixture_dir(id), "fail") {
            let found = run(&f, id);
            assert!(!found.is_empty(), "{id} did not fire on {}", f.display());
            let name = format!("{id}__{}", f.file_name().unwrap().to_string_lossy());
            insta::assert_snapshot!(name, found.join("\n"));
        }
    }
}
