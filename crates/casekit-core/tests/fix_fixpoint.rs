//! Fixes settle on any layout, not only the guide's: sections shuffled, a heading
//! dropped, two tech stack tables, MDX components, emoji and CJK. For each document,
//! fixing to a fixed point keeps the original as a subsequence, and fixing the result
//! again changes nothing; a single pass of the rules' fixes already settles on the
//! shapes that used to move another rule's context.

use casekit_core::rules::{apply_fixes, Fix};
use casekit_core::{check, fix_to_fixed_point, Format, Profile, Settings};
use proptest::prelude::*;

#[path = "common/fixing.rs"]
mod fixing;
use fixing::{first_difference, is_subsequence, parse};

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
        prop_oneof![
            3 => "[a-zA-Z][a-zA-Z ,.]{0,30}".boxed(),
            1 => "\\PC{0,12}".boxed(),
            1 => proptest::sample::select(&["👩‍💻 漢字 🇯🇵", "ÉTÉ naïve", "日本語の文。"][..]).prop_map(String::from).boxed(),
        ],
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
}

/// A single pass settles these: each used to leave a fix for the next run.
fn settles_in_one_pass(text: &str, format: Format) -> String {
    let once = one_pass(text, format);
    let left: Vec<&str> = fixes(&once, format).iter().map(|(r, _)| *r).collect();
    assert_eq!(
        one_pass(&once, format),
        once,
        "{left:?} offered again: {}",
        first_difference(&once, &one_pass(&once, format))
    );
    assert!(is_subsequence(text.as_bytes(), once.as_bytes()));
    once
}

#[test]
fn missing_sections_take_the_level_the_guide_sections_were_matched_at() {
    // "Overview" is a level-1 heading (setext) and is what sets the guide's level; the
    // "## Goals" is only matched as an exact alias below it. Skeletons written at
    // level 2 outnumbered the overview, which then read as a second title.
    let text = "# Parcel Locker 📦\n\n## Goals\n\n- Users collect a parcel within 2 hours.\n\nOverview\n========\n\nAn app for the SDK team, built by a team of 3.\n";
    let once = settles_in_one_pass(text, Format::Markdown);
    assert!(once.contains("\n# System Architecture\n"), "{once}");
    assert!(!once.contains("\n## System Architecture\n"), "{once}");
}

#[test]
fn every_tech_stack_table_gets_the_columns_at_once() {
    // Two tech stack tables and an architecture heading the first pass does not hold
    // them under: the table ARC302 reads changes once the skeletons are in.
    let text = "> ## Quoted\n\n> | Layer | Technology |\n> |---|---|\n> | Cache | Redis |\n\nro.CIhQBf, j Ge LH, ,li M\n\n```mermaid\nflowchart LR\n  A-->B\n```\n\nFA.n,w. zn.,JG,dj tUM,L  \n\n### Non-Goals\n\n- Video calls\n- A mobile app.\n\nPpVF\n\n## Goals\n\n- Users collect a parcel within 2 hours.\n- p95 latency under 200 ms.\n\nK.... P J. u.,A\n\n## Architecture\n\n```mermaid\nflowchart LR\n  Client-->API\n  API-->DB\n```\n\nln,J,l.,U,MjC ,,\n\n---\n\nafter a rule\n\nprSVCL,w WI. .   r.mQq.Q..E,LpW\n\n> ## Quoted\n\n> | Layer | Technology |\n> |---|---|\n> | Cache | Redis |\n\nm. w k,LR,suQOr,WlcR.k.,t,t\n\n### Tech Stack\n\n| Layer | Technology |\n|---|---|\n| Frontend | React 🚀 |\n| Backend | 后端 Go |\n\nE.Bel\r\n";
    let once = settles_in_one_pass(text, Format::Markdown);
    assert!(once.contains("| Layer | Technology | Why | What We Considered |\n|---|---|---|---|\n| Frontend | React 🚀 | REASON_1 | ALTERNATIVE_1 |"), "{once}");
    assert!(
        once.contains("> ## Quoted\n\n> | Layer | Technology | Why | What We Considered |"),
        "{once}"
    );
}

#[test]
fn no_acronym_slot_inside_a_dotted_name() {
    let text = "# P\n\nWe read b.WR.Y from the app.NS file, then the XQZ queue.\n";
    let once = settles_in_one_pass(text, Format::Markdown);
    assert!(once.contains("b.WR.Y from the app.NS file"), "{once}");
    assert!(once.contains("XQZ (XQZ_FULL_NAME) queue"), "{once}");
}

#[test]
fn a_templates_own_placeholders_and_quoted_examples_get_no_slots() {
    let text = "# P\n\n## Overview\n\nLockers for parcels.\n\n- **Code**: [Repository](YOUR_GITHUB_URL)\n- **Demo**: [Live App](YOUR_DEMO_URL)\n\nLabel arrows with the protocol (e.g., \"REST\", \"AMQP\"); we used MQTT.\n";
    let once = settles_in_one_pass(text, Format::Markdown);
    assert!(!once.contains("**Repository:**"), "{once}");
    assert!(!once.contains("**Live demo:**"), "{once}");
    assert!(once.contains("\"AMQP\")"), "{once}");
    assert!(once.contains("MQTT (MQTT_FULL_NAME)."), "{once}");
}

#[test]
fn a_missing_overview_goes_after_the_lead_not_among_unnamed_sections() {
    let text = "# Rails and React\n\nHow I built it, step by step.\n\n## Step 1: The backend\n\nMigrations and models.\n\n## System Architecture\n\nA Rails API and a React app.\n";
    let once = settles_in_one_pass(text, Format::Markdown);
    let overview = once.find("## Overview").expect("an overview skeleton");
    assert!(once.find("step by step.").unwrap() < overview, "{once}");
    assert!(overview < once.find("## Step 1").unwrap(), "{once}");
}
