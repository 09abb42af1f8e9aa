//! Runs the enabled rules over one parsed document.

use super::meta::{Criterion, Diagnostic, Outcome, Rule, RuleContext, Severity};
use crate::diagram::Diagram;
use crate::document::Document;
use crate::profile::Profile;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// Answers whether a relative link target exists, so rules never touch the disk
/// themselves (the language server answers from memory, tests from a list).
pub trait FileOracle: Sync {
    fn exists(&self, document: &Path, target: &str) -> bool;
}

/// What to run and how: the profile, per-rule severities (`None` = off), and the file
/// oracle for link checks.
pub struct Settings<'a> {
    pub profile: &'a Profile,
    pub severities: HashMap<String, Option<Severity>>,
    pub files: Option<&'a dyn FileOracle>,
}

impl<'a> Settings<'a> {
    pub fn new(profile: &'a Profile) -> Self {
        Settings {
            profile,
            severities: HashMap::new(),
            files: None,
        }
    }

    /// Effective severity of a rule, or `None` when it is turned off.
    pub fn severity_of(&self, rule: &dyn Rule) -> Option<Severity> {
        let meta = rule.meta();
        match self.severities.get(meta.id) {
            Some(s) => *s,
            None => Some(meta.severity),
        }
    }
}

/// One rule's verdict on a document, for the rubric.
#[derive(Clone, Debug, Serialize)]
pub struct RuleResult {
    pub rule: &'static str,
    pub criterion: Criterion,
    pub severity: Severity,
    pub outcome: Outcome,
    /// Diagnostics this rule reported (after suppressions).
    pub reported: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub results: Vec<RuleResult>,
    /// The document's measures when a rule computed them during the check, so the
    /// rubric does not compute them again (taken under the check's profile).
    #[serde(skip)]
    pub measures: Option<crate::measures::Measures>,
}

/// A document that reaches nearly every pattern the rules and the rubric use: the
/// bundled example case study.
pub(crate) const WARM_UP: &str = include_str!("../../../../examples/case-study.md");

/// Builds, ahead of need, the regular expressions and parser state the rules use, by
/// running every rule in reverse order over the bundled example ([`crate::warm_up`]
/// warms the rubric too).
///
/// The automata are built once per process on first use, and building them costs
/// several times checking one document. A front end that checks few files can call this
/// on a second thread while the first file is read and checked: the checking thread
/// meets the patterns in registry order and this one in the opposite order, so the two
/// build different patterns at the same time (a pattern under construction is waited
/// for, never built twice). The results are discarded.
pub fn warm_up(profile: &Profile) {
    let doc = Document::parse(crate::source::Source::new("warm-up.md", WARM_UP), profile);
    warm_up_on(&doc, profile);
}

/// [`warm_up`] on the example already parsed (the analysis warms the rubric on it too).
pub(crate) fn warm_up_on(doc: &Document, profile: &Profile) {
    let diagrams = crate::diagram::parse_document(doc);
    let shared = super::Shared::new(doc, profile, &diagrams);
    for &rule in super::registry().iter().rev() {
        // As in `check`: a rule about a section the profile lacks is not run.
        if let Some(id) = rule.meta().area.section_id() {
            if profile.section(id).is_none() {
                continue;
            }
        }
        let mut cx = RuleContext {
            profile,
            files: None,
            meta: rule.meta(),
            severity: rule.meta().severity,
            diagnostics: Vec::new(),
            shared: &shared,
        };
        let _ = rule.check(doc, &mut cx);
    }
}

/// Runs every enabled rule over `doc`. Diagnostics come back sorted by position.
pub fn check(doc: &Document, settings: &Settings) -> Report {
    check_with_diagrams(doc, &crate::diagram::parse_document(doc), settings)
}

/// [`check`], with the document's Mermaid blocks already parsed
/// ([`crate::diagram::parse_document`]), so a caller that keeps them parses them once.
pub fn check_with_diagrams(doc: &Document, diagrams: &[Diagram], settings: &Settings) -> Report {
    let mut report = Report::default();
    let shared = super::Shared::new(doc, settings.profile, diagrams);
    for &rule in super::registry() {
        let Some(severity) = settings.severity_of(rule) else {
            continue;
        };
        // A rule about a section the profile does not have (a bootcamp template with
        // no API section) has nothing to check.
        if let Some(id) = rule.meta().area.section_id() {
            if settings.profile.section(id).is_none() {
                continue;
            }
        }
        let mut cx = RuleContext {
            profile: settings.profile,
            files: settings.files,
            meta: rule.meta(),
            severity,
            diagnostics: Vec::new(),
            shared: &shared,
        };
        let outcome = rule.check(doc, &mut cx);
        report.results.push(RuleResult {
            rule: rule.meta().id,
            criterion: rule.meta().criterion,
            severity,
            outcome,
            reported: cx.diagnostics.len(),
        });
        report.diagnostics.append(&mut cx.diagnostics);
    }
    report.measures = shared.measures_taken();
    defer_drafts(doc, &mut report.diagnostics);
    let mut directives = super::suppress::directives(doc);
    if !directives.is_empty() {
        super::suppress::apply(&mut report.diagnostics, &mut directives);
        for r in report.results.iter_mut() {
            r.reported = report
                .diagnostics
                .iter()
                .filter(|d| d.rule == r.rule)
                .count();
        }
        let unused = super::find("STR006").expect("STR006 is registered");
        if let Some(severity) = settings.severity_of(unused) {
            for d in directives.iter().filter(|d| !d.used) {
                report.diagnostics.push(Diagnostic {
                    rule: unused.meta().id,
                    severity,
                    span: d.span,
                    message: format!("this {} suppresses nothing", d.describe()),
                    help: "remove it, or name the rule that fires here".into(),
                    fix: None,
                });
            }
        }
    }
    report
        .diagnostics
        .sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    report
}

/// A document fresh from `casekit new` is a draft: its slots and guidance comments are
/// reported by STR004, and nothing else should pile onto text that is not written yet.
/// So, outside the structure and diagram rules:
/// - a finding on a template slot is dropped (the slot is reported once, by STR004);
/// - a finding about a section that still holds a `casekit:guide` comment waits until
///   the writer removes the comment;
/// - a document-wide finding (length, visuals, code references) waits until no guidance
///   comment is left anywhere.
fn defer_drafts(doc: &Document, diagnostics: &mut Vec<super::Diagnostic>) {
    let marker = super::structure::GUIDANCE_MARKER;
    let slots: Vec<crate::source::Span> = diagnostics
        .iter()
        .filter(|d| d.rule == "STR004")
        .map(|d| d.span)
        .collect();
    let draft = doc.text().contains(marker);
    if slots.is_empty() && !draft {
        return;
    }
    let draft_sections: Vec<&crate::document::Section> = doc
        .sections
        .iter()
        .filter(|s| s.guide.is_some() && doc.slice(s.body).contains(marker))
        .collect();
    diagnostics.retain(|d| {
        if d.rule.starts_with("STR") || d.rule.starts_with("DGM") {
            return true;
        }
        if slots
            .iter()
            .any(|s| s.start < d.span.end.max(d.span.start + 1) && d.span.start < s.end)
        {
            return false;
        }
        if !draft {
            return true;
        }
        let area = super::find(d.rule).and_then(|r| r.meta().area.section_id());
        let in_draft_section = draft_sections.iter().any(|s| {
            s.span.contains_offset(d.span.start)
                || area.is_some_and(|a| s.guide.as_deref() == Some(a))
        });
        let in_any_section = doc
            .sections
            .iter()
            .any(|s| s.guide.is_some() && s.span.contains_offset(d.span.start));
        !(in_draft_section || (area.is_none() && !in_any_section))
    });
}
