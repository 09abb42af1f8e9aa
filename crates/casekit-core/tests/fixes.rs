//! Fixes only insert, land on character boundaries, and settle: for any document,
//! applying every fix keeps the original text as a subsequence of the result (no byte of
//! the author's is lost or moved), and checking and fixing the result again changes
//! nothing. Positions survive the trip through the protocol's UTF-16 columns.

use casekit_core::rules::{apply_fixes, Fix};
use casekit_core::{check, Document, Format, LineIndex, Profile, Settings};
use proptest::prelude::*;

#[path = "common/fixing.rs"]
mod fixing;
use fixing::{first_difference, is_subsequence, parse};

fn fixes(doc: &Document) -> Vec<Fix> {
    check(doc, &Settings::new(Profile::guide()))
        .diagnostics
        .into_iter()
        .filter_map(|d| d.fix)
        .collect()
}

fn fix_all(text: &str, format: Format) -> String {
    apply_fixes(text, &fixes(&parse(text, format)))
}

/// Pieces of case studies that draw fixes, with multibyte text and a few constructs
/// that trip parsers.
const PIECES: &[&str] = &[
    "# Parcel Locker 📦\n\n",
    "## Overview\n\n",
    "Emoji 👩‍💻 and flags 🇯🇵 next to CJK 漢字. ",
    "## Goals\n\n",
    "- Users wait 3 days for a parcel slot.\n",
    "### Non-Goals\n\n- Video calls\n- A mobile app.\n\n",
    "## System Architecture\n\n",
    "The service keeps the RBAC rules and the TTL in one place. ",
    "### Tech Stack\n\n",
    "| Layer | Technology |\n|---|---|\n| Frontend | React 🚀 |\n| Backend | 后端 Go |\n\n",
    "## Flows and Diagrams\n\n",
    "```mermaid\nflowchart LR\n  A-->B\n```\n\n",
    "## API and Data Design\n\n",
    "## Challenges and Solutions\n\n",
    "我们把延迟从 800ms 降到 120ms。 ",
    "## Conclusion\n\n",
    "```\n",
    "---\n",
    "> ",
    "- ",
    "\r\n",
    "\n",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(PIECES).prop_map(String::from),
        "[a-zA-Z ,.]{1,20}".prop_map(String::from),
    ]
}

/// Case studies as writers lay them out: blocks that each start a line, each piece at
/// most once and in the guide's order (sections missing anywhere), with a paragraph of
/// words after each. Out of that shape (sections shuffled, an indented heading, two
/// tech stack tables), an inserted skeleton can change which part a rule reads as the
/// context of another, and a second pass may add to it: `check --fix` runs passes to a
/// fixed point for that (tests/fix_fixpoint.rs), and `hostile` covers such documents.
fn document() -> impl Strategy<Value = String> {
    let blocks: Vec<&str> = PIECES
        .iter()
        .copied()
        .filter(|p| p.ends_with("\n\n") || p.ends_with(". ") || p.ends_with("。 "))
        .collect();
    let n = blocks.len();
    (
        proptest::sample::subsequence(blocks, 0..=n),
        proptest::collection::vec("[a-zA-Z][a-zA-Z ,.]{0,20}", n),
    )
        .prop_map(|(pieces, words)| {
            pieces
                .iter()
                .zip(words)
                .map(|(p, w)| format!("{}\n\n{w}\n\n", p.trim_end()))
                .collect()
        })
}

/// Anything: the pieces in any number, raw `<` (an HTML or JSX opening) and arbitrary
/// characters between them.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        fragment(),
        Just("<".to_string()),
        "\\PC{1,6}".prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Markdown), Just(Format::Mdx)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn fixes_keep_every_byte_on_any_input(text in hostile(), format in format()) {
        let doc = parse(&text, format);
        for f in fixes(&doc) {
            for i in f.inserts() {
                prop_assert!(text.is_char_boundary(i.at() as usize), "{:?} at {}", f.message, i.at());
            }
        }
        let once = fix_all(&text, format);
        prop_assert!(is_subsequence(text.as_bytes(), once.as_bytes()));
    }

    #[test]
    fn fixing_to_a_fixed_point_settles_on_any_input(text in hostile(), format in format()) {
        let fixes_of = |t: &str| Ok::<_, ()>(
            check(&parse(t, format), &Settings::new(Profile::guide()))
                .diagnostics
                .into_iter()
                .filter_map(|d| Some((d.rule, d.fix?)))
                .collect(),
        );
        let done = casekit_core::fix_to_fixed_point(&text, 8, fixes_of).unwrap();
        prop_assert!(done.settled, "not settled in 8 passes");
        prop_assert!(is_subsequence(text.as_bytes(), done.text.as_bytes()));
        let again = casekit_core::fix_to_fixed_point(&done.text, 8, fixes_of).unwrap();
        prop_assert!(again.text == done.text, "{}", first_difference(&done.text, &again.text));
    }

    #[test]
    fn fixes_settle_after_one_run(text in document(), format in format()) {
        let once = fix_all(&text, format);
        prop_assert!(is_subsequence(text.as_bytes(), once.as_bytes()));
        let twice = fix_all(&once, format);
        prop_assert!(twice == once, "a second run changed the document: {}", first_difference(&once, &twice));
    }

    #[test]
    fn utf16_positions_round_trip(text in "(\\PC|😀|👩‍💻|漢字|\n|\r\n){0,60}") {
        let lines = LineIndex::new(&text);
        for (at, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let (line, col) = lines.utf16_col(&text, at as u32);
            let back = lines.offset_of_utf16(&text, line, col) as usize;
            // A line's end before its "\r\n" maps to that end; every other offset to itself.
            let expected = if text[at..].starts_with('\n') && text[..at].ends_with('\r') {
                at - 1
            } else {
                at
            };
            prop_assert_eq!(back, expected, "offset {} → {}:{}", at, line, col);
        }
    }
}

/// A document that draws a fix from each fixable rule it can reach at once.
const DRAFT: &str = "# Parcel Locker\n\n## Overview\n\nResidents of large buildings lose parcels, so we built lockers that text them a code.\n\n\
## Goals\n\n- Users collect a parcel within 2 hours.\n- p95 API latency under 200 ms at 50 requests per second.\n\n\
## System Architecture\n\nA web app talks to an API that keeps lockers in Postgres.\n\n\
| Layer | Technology |\n|---|---|\n| Frontend | React |\n| Backend | Go |\n| Storage | Postgres |\n\n\
## Key Features\n\n- Codes by text message.\n\n## Flows and Diagrams\n\n\
```mermaid\nsequenceDiagram\n  User->>API: open locker\n  API-->>User: ok\n```\n\n\
## API and Data Design\n\n- `POST /lockers/:id/open` opens a locker.\n\n\
## Challenges and Solutions\n\nThe MQTT link to the lockers dropped. We added retries.\n\n\
## Best Practices\n\n- Tests.\n\n## Conclusion\n\nWe shipped it.\n";

#[test]
fn each_fixable_rule_offers_a_fix_that_it_does_not_offer_again() {
    let doc = parse(DRAFT, Format::Markdown);
    let report = check(&doc, &Settings::new(Profile::guide()));
    let fixed_rules: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| d.rule)
        .collect();
    for rule in [
        "OVR102", "OVR103", "OVR104", "OVR105", "GOL204", "ARC302", "ARC303", "ARC305", "FLO502",
        "API603", "CON903", "STY005",
    ] {
        assert!(
            fixed_rules.contains(&rule),
            "{rule} offers no fix: {fixed_rules:?}"
        );
    }
    let once = fix_all(DRAFT, Format::Markdown);
    assert!(is_subsequence(DRAFT.as_bytes(), once.as_bytes()));
    let again = check(
        &parse(&once, Format::Markdown),
        &Settings::new(Profile::guide()),
    );
    let still: Vec<&str> = again
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| d.rule)
        .collect();
    assert!(still.is_empty(), "fixes offered again: {still:?}");
    // The columns go on the right of every line of the table, with a slot per row.
    assert!(once.contains("| Layer | Technology | Why | What We Considered |\n|---|---|---|---|\n"));
    assert!(once.contains("| Frontend | React | REASON_1 | ALTERNATIVE_1 |"));
    assert!(once.contains("The MQTT (MQTT_FULL_NAME) link"));
    // The overview's facts go at the end of the overview, before the goals.
    let repo = once.find("**Repository:**").unwrap();
    assert!(once.find("## Overview").unwrap() < repo && repo < once.find("## Goals").unwrap());
}

#[test]
fn a_missing_tech_stack_and_non_goal_reasons_get_their_skeletons() {
    let text = "# P\n\n## Goals\n\n- Users book in 2 minutes.\n\n### Non-Goals\n\n- Video calls\n- A mobile app.\n\n## System Architecture\n\nA web app and an API.\n\n## Key Features\n\n- a\n";
    let fixed = fix_all(text, Format::Markdown);
    assert!(fixed.contains("- Video calls (left out because NON_GOAL_REASON)\n"));
    assert!(
        fix_all("# P\n\nWe wrote ADRs for each choice.\n", Format::Markdown)
            .contains("ADRs (ADR_FULL_NAME) for")
    );
    assert!(fixed.contains("- A mobile app (left out because NON_GOAL_REASON).\n"));
    let stack = fixed.find("### Tech stack").expect("tech stack inserted");
    assert!(fixed.find("A web app and an API.").unwrap() < stack);
    assert!(stack < fixed.find("## Key Features").unwrap());
    assert_eq!(fix_all(&fixed, Format::Markdown), fixed);
}

#[test]
fn an_acronym_slot_follows_the_whole_term_it_names() {
    let slot = |sentence: &str| {
        let text = format!("# P\n\n{sentence}\n");
        let fixed = fix_all(&text, Format::Markdown);
        fixed.lines().nth(2).unwrap_or_default().to_string()
    };
    // A hyphenated compound and a numbered standard are one term: the slot goes after it,
    // never inside it.
    assert_eq!(
        slot("The store is PCI-compliant by design."),
        "The store is PCI-compliant (PCI_FULL_NAME) by design."
    );
    assert_eq!(
        slot("We passed the SOC 2 audit."),
        "We passed the SOC 2 (SOC_FULL_NAME) audit."
    );
    assert_eq!(
        slot("The QXT's expiry is short."),
        "The QXT's (QXT_FULL_NAME) expiry is short."
    );
    // A number that is a quantity, not part of a name, stays after the slot.
    assert_eq!(
        slot("Each QRB 30 days later."),
        "Each QRB (QRB_FULL_NAME) 30 days later."
    );
}
