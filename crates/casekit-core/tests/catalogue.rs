//! The rule catalogue stays honest: unique IDs and names, complete docs, every rubric
//! criterion fed by some rule.

use casekit_core::rules::{registry, Criterion};
use casekit_core::Profile;
use std::collections::HashSet;

const DOC_SECTIONS: &[&str] = &[
    "## What it checks",
    "## Why evaluators care",
    "## Weak",
    "## Strong",
    "## How to fix",
    "## What it cannot see",
];

#[test]
fn ids_and_names_are_unique_and_well_formed() {
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for r in registry() {
        let m = r.meta();
        assert!(ids.insert(m.id), "duplicate id {}", m.id);
        assert!(names.insert(m.name), "duplicate name {}", m.name);
        assert!(
            m.id.len() == 6
                && m.id[..3].chars().all(|c| c.is_ascii_uppercase())
                && m.id[3..].chars().all(|c| c.is_ascii_digit()),
            "bad id {}",
            m.id
        );
        assert!(
            m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "bad name {}",
            m.name
        );
    }
}

#[test]
fn every_rule_has_complete_docs() {
    for r in registry() {
        let m = r.meta();
        let docs = m.docs_text();
        for s in DOC_SECTIONS {
            assert!(docs.contains(s), "{} docs lack `{s}`", m.id);
        }
        assert!(!m.summary().is_empty(), "{} has no summary", m.id);
    }
}

#[test]
fn every_criterion_is_fed_by_some_rule() {
    for c in Criterion::ALL {
        assert!(
            registry().iter().any(|r| r.meta().criterion == c),
            "no rule feeds {c:?}"
        );
    }
}

/// The warm-up runs every rule (in reverse) and the rubric over the bundled example, for
/// the built-in profile and for one that lacks sections, without a panic.
#[test]
fn warm_up_runs_under_any_profile() {
    casekit_core::rules::warm_up(Profile::guide());
    let capstone = Profile::from_toml(include_str!("../../../examples/profiles/capstone.toml"))
        .expect("the capstone profile");
    casekit_core::rules::warm_up(&capstone);
}
