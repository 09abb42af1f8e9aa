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

/// The scorecard in brief: total, level, criteria and the three largest gains.
fn brief(card: &Scorecard) -> String {
    let mut out = format!("total {:.1} {:?}\n", card.total, card.level);
    for c in &card.criteria {
        out += &format!("  {:<13} {:5.1} {:?}\n", c.id, c.score, c.level);
    }
    for i in card.improvements.iter().take(3) {
        out += &format!("  +{:.2} {}\n", i.gain, i.rule);
    }
    out
}

#[test]
fn scorecards_of_the_bundled_documents() {
    let weak = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/weak/weak.md");
    let minimal = root().join("crates/casekit/tests/fixtures/minimal.md");
    let mut out = String::new();
    for (name, path) in [
        ("case-study.md", root().join("examples/case-study.md")),
        ("case-study.mdx", root().join("examples/case-study.mdx")),
        ("weak.md", weak),
        ("minimal.md", minimal),
    ] {
        let text = std::fs::read_to_string(&path).unwrap();
        out += &format!("{name}: {}", brief(&score(name, &text)));
    }
    let template =
        casekit_core::scaffold::document(casekit_core::Format::Markdown, &Default::default());
    out += &format!("casekit new: {}", brief(&score("new.md", &template)));
    insta::assert_snapshot!(out);
}

/// A how-to that tells the reader what to do, however technical its examples, is not an
/// account of a project: depth, architecture and evidence stay at 20 or under.
#[test]
fn a_guide_is_not_a_case_study() {
    let guide = "# How to write about your backend\n\n\
## Overview\n\nStart with one sentence on the problem. Name your team size and your role. \
Link your repository on GitHub and a live demo.\n\n\
## Architecture\n\nDraw the system as a Mermaid flowchart. Explain why you chose PostgreSQL \
rather than MongoDB, and what the trade-off cost you. Describe the alternatives you considered.\n\n\
| Layer | Choice | Why | Considered |\n|---|---|---|---|\n\
| Database | PostgreSQL | joins, because orders are relational | MongoDB, DynamoDB |\n\
| Cache | Redis | sub-millisecond reads, at the cost of memory | Memcached |\n\n\
```mermaid\nflowchart LR\n  A[Client] --> B[API] --> C[(PostgreSQL)]\n```\n\n\
## Challenges\n\nTell what went wrong. Write the bug you hit, the root cause and the fix. \
Give a before and after figure, such as 900 ms to 120 ms. You should list five challenges. \
Avoid vague words. Keep each challenge short.\n";
    let card = score("guide.md", guide);
    for c in &card.criteria {
        if c.id != "clarity" {
            assert!(c.score <= 20.0, "{} is {}", c.id, c.score);
        }
    }
    assert!(
        card.improvements.iter().any(|i| i.rule == "own_project"),
        "{:?}",
        card.improvements
    );
}

/// Substance counts wherever it stands: the same weighed choice, told in a narrative
/// under the author's own heading, earns what it earns in the template's section.
#[test]
fn substance_counts_outside_the_template_headings() {
    let narrative = "# Ledger\n\nLedger reconciles card payments for a small shop.\n\n\
## Why we left Kafka\n\nWe first tried Kafka, but the cluster cost more than the shop earned, so we \
switched to a PostgreSQL outbox instead. The trade-off: events wait up to 2 s, which we accepted \
because reconciliation runs nightly. We considered SQS as well and rejected it, since replaying a day \
needs ordered reads.\n\n\
## The night the totals drifted\n\nA bug in rounding broke the totals for 3 days before we noticed. \
The root cause was float cents; we moved to integer cents and a nightly check of 40,000 rows.\n";
    let thin = "# Ledger\n\nLedger reconciles card payments for a small shop.\n\n\
## Why we left Kafka\n\nWe use PostgreSQL. It stores the events. It works well for the shop.\n\n\
## The night the totals drifted\n\nThe totals are computed every night and shown on a page.\n";
    let (a, b) = (score("a.md", narrative), score("b.md", thin));
    let crit = |c: &Scorecard, id: &str| c.criteria.iter().find(|x| x.id == id).unwrap().score;
    for id in ["depth", "architecture", "evidence"] {
        assert!(
            crit(&a, id) > crit(&b, id) + 5.0,
            "{id}: {} vs {}",
            crit(&a, id),
            crit(&b, id)
        );
    }
}
