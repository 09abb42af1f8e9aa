//! The example case study stays clean under every rule, and the deliberately weak one
//! keeps tripping many of them: a guard against rules that drift too strict or too lax.

use casekit_core::{check, Document, Profile, Settings, Severity, Source};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

struct Disk;
impl casekit_core::rules::FileOracle for Disk {
    fn exists(&self, document: &Path, target: &str) -> bool {
        let target = target.split(['#', '?']).next().unwrap_or(target);
        document
            .parent()
            .unwrap_or(Path::new("."))
            .join(target)
            .exists()
    }
}

fn diagnostics(rel: &str) -> Vec<(String, Severity, String)> {
    let p = path(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    let doc = Document::parse(Source::new(p.clone(), text), Profile::guide());
    let mut settings = Settings::new(Profile::guide());
    settings.files = Some(&Disk);
    check(&doc, &settings)
        .diagnostics
        .iter()
        .map(|d| {
            let at = doc.line_col(d.span.start);
            (
                d.rule.to_string(),
                d.severity,
                format!("{}:{} {}", at.line, at.column, d.message),
            )
        })
        .collect()
}

/// The bundled example is the README's demo of a strong case study: every rule passes,
/// infos included (an info on it is either a weakness to fix in the example or a false
/// alarm to fix in the rule).
#[test]
fn the_example_case_study_has_no_findings() {
    for rel in [
        "../../examples/case-study.md",
        "../../examples/case-study.mdx",
    ] {
        let found = diagnostics(rel);
        assert!(found.is_empty(), "{rel}: {found:#?}");
    }
}

#[test]
fn the_weak_case_study_trips_many_rules() {
    let rules: BTreeSet<String> = diagnostics("tests/fixtures/weak/weak.md")
        .into_iter()
        .map(|(rule, _, _)| rule)
        .collect();
    // Eight rules existed when this fixture was written; the count only grows.
    assert!(rules.len() >= 8, "only {rules:?}");
}
