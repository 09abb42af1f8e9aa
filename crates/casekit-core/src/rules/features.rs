//! Key Features: grouped by domain, each with its engineering approach, and shown.

use super::blocks::{self, bold_label, Block};
use super::features_alternative::FeatureAlternative;
use super::features_screenshot::ProductScreenshot;
use super::util;
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::prose::has_quantity;
use crate::document::{Document, Section};
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

pub static RULES: &[&dyn Rule] = &[
    &FeatureGroups,
    &FeatureApproach,
    &ProductScreenshot,
    &FeatureAlternative,
];

/// Words that say how a feature is built.
static APPROACH: LazyLock<Regex> = LazyLock::new(|| {
    // Linking words only: a technology's name alone ("JWT authentication") is still a name.
    Regex::new(r"(?i)(?-u:\b)(?:via|using|uses|through|backed by|powered by|built (?:on|with|around)|stored (?:in|as|on)|implemented (?:with|as|using|via|in)|handled (?:by|in|on)|enforced (?:at|by|in|on)|on top of|leverag(?-u:\w)*|relies on|rel(?:y|ies) on|based on|(?:runs?|running) (?:in|on|as)|served (?:by|from)|delegat(?-u:\w)*)(?-u:\b)")
        .expect("approach pattern")
});
/// Words that say why it is built that way.
static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:chose|chosen|choose|choosing|picked|opted|decided|over|instead of|rather than|because|since|so that|so (?:the|we|it|they|users?|a|that|buyers?|sellers?|no|nothing)|to (?:avoid|prevent|keep|reduce|ensure|guarantee|stop|limit|cut|save)|trade-?offs?|at the cost of|accept(?-u:\w)*|which (?:means|lets|keeps|avoids|makes)|this (?:means|keeps|avoids|lets|makes)|not just|only (?:when|if|after|once)|idempot(?-u:\w)*|atomic(?-u:\w)*|debounc(?-u:\w)*|throttl(?-u:\w)*|retr(?:y|ies|ied)|fallback|time-?outs?|ttl|optimistic|pessimistic|lock(?-u:\w)*|index(?-u:\w)*|cach(?-u:\w)*|queue(?-u:\w)*|batch(?-u:\w)*|pagina(?-u:\w)*|lazy|deduplicat(?-u:\w)*|rate[- ]limit(?-u:\w)*|without)(?-u:\b)")
        .expect("decision pattern")
});

/// A feature as the rules read it: a bullet with its nested bullets.
pub(super) struct Feature {
    span: Span,
    pub(super) text: String,
    /// Index of the first list item, to tell whether two features sit side by side.
    pub(super) item: usize,
    /// Last list item index covered (the feature's nested items included).
    last: usize,
    /// A paragraph of its sub-section explains the features around it.
    explained: bool,
}

/// Whether `b` follows `a` directly in the same list.
fn same_list(doc: &Document, a: &Feature, b: &Feature) -> bool {
    if a.last + 1 != b.item || doc.list_items[a.item].depth != doc.list_items[b.item].depth {
        return false;
    }
    let between = Span {
        start: doc.list_items[a.last].span.end,
        end: doc.list_items[b.item].span.start,
    };
    Document::in_span(&doc.paragraphs, between).next().is_none()
        && Document::in_span(&doc.headings, between).next().is_none()
        && Document::in_span(&doc.code_blocks, between)
            .next()
            .is_none()
        && Document::in_span(&doc.tables, between).next().is_none()
}

/// The feature's words for a message, without leading check marks or emoji.
fn name_of(f: &Feature) -> &str {
    f.text
        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '"' && c != '`')
}

fn is_bare(f: &Feature) -> bool {
    let words = f.text.split_whitespace().count();
    !f.explained
        && words <= 12
        && !APPROACH.is_match(&f.text)
        && !DECISION.is_match(&f.text)
        && !has_quantity(&f.text)
}

/// The innermost section (of `within`) holding `span`.
fn innermost<'a>(doc: &'a Document, within: &'a Section, span: Span) -> &'a Section {
    doc.enclosing_sections(span)
        .find(|s| within.span.contains(s.span) && s.body.contains(span))
        .unwrap_or(within)
}

/// Prose of a sub-section (outside its lists) that explains how its features work.
fn explains(doc: &Document, sec: &Section) -> bool {
    let own_end = doc
        .sections_in(sec.body)
        .filter(|s| s.parent.is_some() && s.span.start > sec.heading.start)
        .map(|s| s.span.start)
        .min()
        .unwrap_or(sec.body.end);
    let own = Span {
        start: sec.body.start,
        end: own_end.max(sec.body.start),
    };
    let paras: Vec<&str> = Document::in_span(&doc.paragraphs, own)
        .map(|p| p.text.text.as_str())
        .collect();
    let words: usize = paras.iter().map(|p| p.split_whitespace().count()).sum();
    words >= 40
        && paras
            .iter()
            .any(|p| APPROACH.is_match(p) || DECISION.is_match(p))
}

/// A feature section written mostly as explanatory prose, where bullets summarise what
/// the paragraphs explain (a long-form write-up's "how we built it" chapter).
fn prose_led(doc: &Document, sec: &Section) -> bool {
    let paras: Vec<&str> = Document::in_span(&doc.paragraphs, sec.body)
        .map(|p| p.text.text.as_str())
        .collect();
    let prose: usize = paras.iter().map(|p| p.split_whitespace().count()).sum();
    let listed: usize = Document::in_span(&doc.list_items, sec.body)
        .map(|i| i.text.text.split_whitespace().count())
        .sum();
    prose >= 150
        && prose >= 2 * listed
        && paras
            .iter()
            .any(|p| APPROACH.is_match(p) || DECISION.is_match(p))
}

/// The features listed in a section: top-level bullets, or the bullets under a bold
/// group label.
fn features_in(doc: &Document, sec: &Section) -> Vec<Feature> {
    let mut out = Vec::new();
    let section_explains = prose_led(doc, sec);
    let mut skip_to = 0usize;
    for b in blocks::blocks_in(doc, sec.body) {
        let Block::Item(item, idx) = b else { continue };
        if idx < skip_to {
            continue;
        }
        let kids = blocks::children(doc, idx);
        skip_to = kids.end;
        let label = bold_label(doc, &item.text);
        let home = innermost(doc, sec, item.span);
        let explained = section_explains || explains(doc, home);
        let mut push = |i: usize| {
            let it = &doc.list_items[i];
            let text = blocks::item_text_with_children(doc, i);
            let plain = text.trim();
            // Checkboxes of a to-do list, empty items and template slots (STR004's
            // concern) are not features to judge.
            if plain.is_empty() || it.checked.is_some() || blocks::is_slot(plain) {
                return;
            }
            let src = doc.slice(it.span);
            out.push(Feature {
                span: blocks::text_span(doc, &it.text, it.span),
                text: if src.contains('`') {
                    format!("{text} `code`")
                } else {
                    text
                },
                item: i,
                last: blocks::children(doc, i).end.saturating_sub(1).max(i),
                explained,
            });
        };
        if label.as_ref().is_some_and(|l| l.only) && !kids.is_empty() {
            // "- **Payments**" with nested bullets: the nested bullets are the features.
            let mut k = kids.start;
            while k < kids.end {
                let sub = blocks::children(doc, k);
                push(k);
                k = sub.end;
            }
            continue;
        }
        if label.as_ref().is_some_and(|l| l.only) {
            continue;
        }
        push(idx);
    }
    // A code span counts as naming how something is built.
    for f in &mut out {
        if f.text.ends_with(" `code`") {
            f.explained = true;
        }
    }
    out
}

/// The features of every feature section, in document order, each once (a nested
/// feature section would otherwise list its bullets twice).
pub(super) fn all_features(doc: &Document) -> Vec<Feature> {
    let mut features: Vec<Feature> = doc
        .sections_for("features")
        .flat_map(|s| features_in(doc, s))
        .collect();
    features.sort_by_key(|f| f.item);
    features.dedup_by_key(|f| f.item);
    features
}

/// Bold group labels of a section: paragraphs or list items that are only `**Label**`.
fn group_labels(doc: &Document, sec: &Section) -> usize {
    blocks::blocks_in(doc, sec.body)
        .into_iter()
        .filter(|b| match *b {
            Block::Para(p) => bold_label(doc, &p.text).is_some_and(|l| l.only),
            Block::Item(it, idx) => {
                bold_label(doc, &it.text).is_some_and(|l| l.only)
                    && !blocks::children(doc, idx).is_empty()
            }
            _ => false,
        })
        .count()
}

declare_rule! {
    /// ## What it checks
    /// The Key Features section groups its features by domain: at least two groups
    /// (the profile's `min_feature_groups`), written as sub-headings ("### Payments") or
    /// as bold labels on a line of their own ("**Payments**"). Several feature sections
    /// count as several groups. A section with fewer than four features and no groups is
    /// not judged.
    ///
    /// ## Why evaluators care
    /// Grouping shows you see the system as domains with their own problems (auth,
    /// payments, search), not as a product backlog. It also lets a reviewer jump to the
    /// domain they want to probe.
    ///
    /// ## Weak
    /// One flat list of fifteen bullets from "Login" to "Dark mode".
    ///
    /// ## Strong
    /// "Booking", "Reminders" and "Clinic admin" sub-headings, each with two or three
    /// features and the decision behind them.
    ///
    /// ## How to fix
    /// Sort the features into the domains they belong to and give each domain a
    /// sub-heading or a bold label.
    ///
    /// ## What it cannot see
    /// Groups made only with emoji or plain-text lines ("Payments:") that are not bold or
    /// headings.
    pub FeatureGroups {
        id: "FEA401",
        name: "feature-groups",
        area: Features,
        criterion: Clarity,
        severity: Warning,
    }
}

impl Check for FeatureGroups {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let Some(sec) = util::section(doc, "features") else {
            return Outcome::NotApplicable;
        };
        let min = cx.thresholds().min_feature_groups.max(1);
        let sections: Vec<&Section> = doc.sections_for("features").collect();
        let mut groups = 0;
        for s in &sections {
            let subs = doc
                .sections
                .iter()
                .filter(|o| s.body.contains(o.span) && o.span.start > s.heading.start)
                .map(|o| o.level)
                .min();
            groups += subs.map_or(0, |lvl| {
                doc.sections
                    .iter()
                    .filter(|o| s.body.contains(o.span) && o.level == lvl)
                    .count()
            });
            groups += group_labels(doc, s);
        }
        if sections.len() > 1 {
            groups = groups.max(sections.len());
        }
        if groups >= min {
            return Outcome::Pass;
        }
        let features = features_in(doc, sec).len();
        if groups == 0 && features < 4 {
            return Outcome::NotApplicable;
        }
        let line = blocks::line_of(doc, sec.heading.start);
        let msg = if groups == 0 {
            format!(
                "the \"{}\" section (line {line}) lists its {} features without grouping them by domain",
                sec.title, features
            )
        } else {
            format!(
                "the \"{}\" section (line {line}) has only {groups} group of features",
                sec.title
            )
        };
        cx.report(sec.heading, msg)
            .help("group the features by domain under sub-headings or bold labels (\"Booking\", \"Reminders\", \"Admin\")");
        Outcome::ratio(groups, min)
    }
}

declare_rule! {
    /// ## What it checks
    /// Each feature bullet in the Key Features section says how it is built or why it
    /// was built that way — words such as using, via, stored in, chose, over, instead of,
    /// because, so that, to avoid, trade-off, a number with a unit, or code — rather than
    /// only naming it. A short bullet is not bare when its sub-section has a paragraph
    /// that explains the approach. A run of four or more bare bullets in one list (the
    /// profile's `bare_feature_run`) is reported once for the whole run; otherwise each
    /// bare bullet is reported.
    ///
    /// ## Why evaluators care
    /// A feature name is a checkbox any project could tick. The approach and the decision
    /// behind it are what show depth, and what an interviewer will ask about.
    ///
    /// ## Weak
    /// "- Appointment reminders"
    ///
    /// ## Strong
    /// "- Appointment reminders by SMS through a queue with retries, chosen over email
    /// because patients read texts within minutes and ignore mail"
    ///
    /// ## How to fix
    /// After each feature's name, add a dash and one sentence: the technique you used and
    /// what you chose it over, or the problem it avoids.
    ///
    /// ## What it cannot see
    /// A long descriptive bullet passes even without a decision in it; only short,
    /// name-like bullets are reported. It cannot judge whether the stated approach is
    /// sound.
    pub FeatureApproach {
        id: "FEA402",
        name: "feature-approach",
        area: Features,
        criterion: Depth,
        severity: Warning,
    }
}

impl Check for FeatureApproach {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let run_len = cx.thresholds().bare_feature_run.max(2);
        let features = all_features(doc);
        let total = features.len();
        let bare: Vec<&Feature> = features.iter().filter(|f| is_bare(f)).collect();
        // Runs of bare features that sit next to each other in one list.
        let mut runs: Vec<Vec<&Feature>> = Vec::new();
        for f in &bare {
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|p| same_list(doc, p, f)) => run.push(f),
                _ => runs.push(vec![f]),
            }
        }
        let help = "after the name, add how it works and why: \"— sent by a queue worker with three retries, chosen over a cron scan so a slow SMS provider delays nothing else\"";
        for run in runs {
            if run.len() >= run_len {
                let first = run[0];
                let last = run[run.len() - 1];
                let names: Vec<String> = run
                    .iter()
                    .take(3)
                    .map(|f| format!("\"{}\"", blocks::quote(name_of(f), 30)))
                    .collect();
                let more = if run.len() > 3 { ", …" } else { "" };
                cx.report(
                    first.span.cover(last.span),
                    format!(
                        "these {} features are names only, with no approach or decision: {}{more}",
                        run.len(),
                        names.join(", ")
                    ),
                )
                .help(help);
                continue;
            }
            for f in run {
                cx.report(
                    f.span,
                    format!(
                        "the feature \"{}\" is named but not explained: no approach or decision",
                        blocks::quote(name_of(f), 50)
                    ),
                )
                .help(help);
            }
        }
        Outcome::ratio(total - bare.len(), total)
    }
}
