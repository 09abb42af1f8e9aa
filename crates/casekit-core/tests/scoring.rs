//! The rubric means what a mentor means: the example is Excellent, the weak fixture
//! Needs Work, and taking one required thing out of the example lowers exactly the
//! criteria the guide ties it to.

use casekit_core::rubric::{Level, Scorecard};
use casekit_core::{check, Document, Profile, Settings, Source};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn score(name: &str, text: &str) -> Scorecard {
    let doc = Document::parse(Source::new(name, text), Profile::guide());
    let report = check(&doc, &Settings::new(Profile::guide()));
    Scorecard::score(&doc, &report, Profile::guide())
}

fn example() -> String {
    std::fs::read_to_string(root().join("examples/case-study.md")).unwrap()
}

fn by_id(card: &Scorecard) -> Vec<(String, f64)> {
    card.criteria
        .iter()
        .map(|c| (c.id.clone(), c.score))
        .collect()
}

#[test]
fn the_example_is_excellent_in_both_formats() {
    for f in ["case-study.md", "case-study.mdx"] {
        let text = std::fs::read_to_string(root().join("examples").join(f)).unwrap();
        let card = score(f, &text);
        assert!(card.total >= 80.0, "{f}: {}", card.total);
        assert_eq!(card.level, Level::Excellent);
        for c in &card.criteria {
            assert_ne!(c.level, Level::NeedsWork, "{f}: {} is {}", c.id, c.score);
        }
    }
}

#[test]
fn the_weak_fixture_needs_work() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/weak/weak.md");
    let card = score("weak.md", &std::fs::read_to_string(path).unwrap());
    assert_eq!(card.level, Level::NeedsWork, "{}", card.total);
}

#[test]
fn improvements_add_up_to_the_gap() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/weak/weak.md");
    for text in [example(), std::fs::read_to_string(path).unwrap()] {
        let card = score("doc.md", &text);
        let gains: f64 = card.improvements.iter().map(|i| i.gain).sum();
        assert!(
            (gains - (100.0 - card.total)).abs() < 0.3,
            "gains {gains} vs gap {}",
            100.0 - card.total
        );
        assert!(card.improvements.windows(2).all(|w| w[0].gain >= w[1].gain));
    }
}

#[test]
fn scores_are_deterministic() {
    let a = score("a.md", &example());
    let b = score("a.md", &example());
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

/// Removes the lines from the one starting with `from` up to (not including) the one
/// starting with `to`.
fn cut(text: &str, from: &str, to: &str) -> String {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from} not found"));
    let end = start
        + text[start..]
            .find(to)
            .unwrap_or_else(|| panic!("{to} not found"));
    format!("{}{}", &text[..start], &text[end..])
}

fn lowered(base: &Scorecard, changed: &Scorecard) -> Vec<String> {
    by_id(base)
        .into_iter()
        .zip(by_id(changed))
        .filter(|((_, a), (_, b))| b + 0.05 < *a)
        .map(|((id, _), _)| id)
        .collect()
}

#[test]
fn removing_one_required_thing_lowers_only_its_criterion() {
    let text = example();
    let base = score("example.md", &text);
    let cases = [
        (
            "non-goals",
            cut(&text, "### Non-Goals", "## System Architecture"),
            "architecture",
        ),
        (
            "demo link",
            cut(&text, "| **Demo**", "| **Team**"),
            "evidence",
        ),
        (
            "team and role",
            cut(&text, "| **Team**", "| **Timeline**"),
            "clarity",
        ),
    ];
    for (what, changed, criterion) in cases {
        let card = score("example.md", &changed);
        assert_eq!(
            lowered(&base, &card),
            vec![criterion.to_string()],
            "removing the {what}"
        );
    }
}
