//! Fixes settle on any layout, not only the guide's: sections shuffled, a heading
//! dropped, two tech stack tables, MDX components, emoji and CJK. For each document,
//! fixing to a fixed point keeps the original as a subsequence, and fixing the result
//! again changes nothing; a single pass of the rules' fixes already settles on the
//! shapes that used to move another rule's context.

use casekit_core::rules::{apply_fixes, Fix};
use casekit_core::{check, fix_to_fixed_point, Document, Format, Profile, Settings, Source};
use proptest::prelude::*;

fn parse(text: &str, format: Format) -> Document {
    let name = if format == Format::Mdx {
        "t.mdx"
    } else {
        "t.md"
    };
    Document::parse(
        Source::new(name, text).with_format(format),
        Profile::guide(),
    )
}

fn fixes(text: &str, format: Format) -> Vec<(&'static str, Fix)> {
    check(&parse(text, format), &Settings::new(Profile::guide()))
        .diagnostics
        .into_iter()
        .filter_map(|d| Some((d.rule, d.fix?)))
        .collect()
}

fn one_pass(text: &str, format: Format) -> String {
    let f: Vec<Fix> = fixes(text, format).into_iter().map(|(_, f)| f).collect();
    apply_fixes(text, &f)
}

fn converge(text: &str, format: Format) -> casekit_core::FixedPoint {
    fix_to_fixed_point(text, 8, |t| {
        Ok::<_, std::convert::Infallible>(fixes(t, format))
    })
    .unwrap()
}

fn is_subsequence(a: &[u8], b: &[u8]) -> bool {
    let mut it = b.iter();
    a.iter().all(|x| it.any(|y| y == x))
}

fn first_difference(a: &str, b: &str) -> String {
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let around = |t: &str| {
        let mut from = at.saturating_sub(120);
        while !t.is_char_boundary(from) {
            from -= 1;
        }
        t[from..].chars().take(260).collect::<String>()
    };
    format!("at byte {at}:\n{}\n--- then:\n{}", around(a), around(b))
}

/// Sections of a case study, each a heading and a body; a generated document takes
/// some of them in any order, may drop a heading (the body runs on in the section
/// before) and may repeat one (two tech stack tables, two goals sections).
const SECTIONS: &[(&str, &str)] = &[
    (
        "## Overview",
        "Residents lose parcels 📦, so we built lockers that text a code. 漢字のテスト。",
    ),
    (
        "## Goals",
        "- Users collect a parcel within 2 hours.\n- p95 latency under 200 ms.",
    ),
    ("### Non-Goals", "- Video calls\n- A mobile app."),
    (
        "## System Architecture",
        "A web app talks to an API that keeps the RBAC rules in Postgres.",
    ),
    (
        "### Tech Stack",
        "| Layer | Technology |\n|---|---|\n| Frontend | React 🚀 |\n| Backend | 后端 Go |",
    ),
    (
        "## Tech Stack",
        "| Layer | Technology | Why |\n|---|---|---|\n| Queue | SQS | cheap |",
    ),
    (
        "## Key Features",
        "- Codes by text message.\n- Lockers report their state.",
    ),
    (
        "## Flows and Diagrams",
        "```mermaid\nflowchart LR\n  A-->B\n```",
    ),
    (
        "## API and Data Design",
        "- `POST /lockers/:id/open` opens a locker.",
    ),
    (
        "## Challenges and Solutions",
        "The MQTT link dropped. We added retries; 延迟从 800ms 降到 120ms。",
    ),
    ("## Best Practices", "- Tests on every push."),
    ("## Conclusion", "We shipped it to 3 buildings."),
    ("## Next Steps", "- Add payments."),
    (
        "<Steps>\n<Step title=\"Overview\">",
        "Lockers for flats.\n</Step>\n</Steps>",
    ),
    ("<Tip>", "Keep codes short.\n</Tip>"),
    ("   ## Goals", "Users book in 2 minutes."),
    (
        "#### Stack",
        "| Layer | Tech |\n|---|---|\n| DB | Postgres |",
    ),
    (
        "## Architecture",
        "```mermaid\nflowchart LR\n  Client-->API\n  API-->DB\n```",
    ),
    (
        "## Data Model",
        "```mermaid\nerDiagram\n  USER ||--o{ ORDER : places\n```",
    ),
    (
        "> ## Quoted",
        "> | Layer | Technology |\n> |---|---|\n> | Cache | Redis |",
    ),
    ("## Lessons Learned", "I learned a lot about JWT and TLS."),
    ("## Timeline", "Six weeks, part-time."),
    (
        "Overview\n========",
        "An app for the SDK team, built by a team of 3.",
    ),
    ("```", "open fence"),
    ("---", "after a rule"),
];

fn shuffled() -> impl Strategy<Value = String> {
    let part = (
        0..SECTIONS.len(),
        prop_oneof![4 => Just(true), 1 => Just(false)],
        "[a-zA-Z][a-zA-Z ,.]{0,30}",
    );
    (
        prop_oneof![Just("# Parcel Locker 📦\n\n"), Just("")],
        proptest::collection::vec(part, 1..18),
        prop_oneof![Just("\n"), Just(""), Just("\n\n---\n"), Just("\r\n")],
    )
        .prop_map(|(title, parts, end)| {
            let mut out = title.to_string();
            for (i, heading, words) in parts {
                let (h, body) = SECTIONS[i];
                if heading {
                    out.push_str(h);
                    out.push_str("\n\n");
                }
                out.push_str(body);
                out.push_str("\n\n");
                out.push_str(&words);
                out.push_str("\n\n");
            }
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push_str(end);
            out
        })
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Markdown), Just(Format::Mdx)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("FIXPOINT_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(160)))]

    #[test]
    fn fixing_to_a_fixed_point_settles_on_any_layout(text in shuffled(), format in format()) {
        let done = converge(&text, format);
        prop_assert!(done.settled, "not settled in 8 passes:\n{}", done.text);
        prop_assert!(is_subsequence(text.as_bytes(), done.text.as_bytes()));
        let again = converge(&done.text, format);
        prop_assert!(again.text == done.text, "a second run changed it: {}", first_difference(&done.text, &again.text));
        prop_assert_eq!(again.passes, 0);
    }

    #[test]
    fn one_pass_of_the_fixes_settles_on_any_layout(text in shuffled(), format in format()) {
        let once = one_pass(&text, format);
        let twice = one_pass(&once, format);
        let left: Vec<&str> = fixes(&once, format).iter().map(|(r, _)| *r).collect();
        prop_assert!(twice == once, "{:?} offered again: {}", left, first_difference(&once, &twice));
    }
}

/// Not a check: lists the rules whose fixes a single pass leaves behind, one example
/// per set of rules, to find where a fix is placed or chosen wrongly.
#[test]
#[ignore]
fn survey_one_pass_leftovers() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen: std::collections::BTreeMap<Vec<&str>, (usize, String)> = Default::default();
    let strategy = (shuffled(), format());
    for _ in 0..4000 {
        let (text, format) = strategy.new_tree(&mut runner).unwrap().current();
        let once = one_pass(&text, format);
        let mut left: Vec<&str> = fixes(&once, format).iter().map(|(r, _)| *r).collect();
        left.sort_unstable();
        left.dedup();
        if left.is_empty() || one_pass(&once, format) == once {
            continue;
        }
        let e = seen.entry(left).or_insert((0, String::new()));
        e.0 += 1;
        if e.1.is_empty() || text.len() < e.1.len() {
            e.1 = format!("{format:?} {text:?}");
        }
    }
    for (rules, (n, example)) in &seen {
        println!("{rules:?} x{n}\n  {example}\n");
    }
}
