//! Structure: the nine sections are there, in order, with content, and nothing of the
//! template is left behind.

use super::fix::{as_block, line_start_at_or_after, line_start_before};
use super::structure_placeholders::NoPlaceholders;
use super::util;
use super::{Check, Fix, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::Document;

pub static RULES: &[&dyn Rule] = &[
    &RequiredSections,
    &SectionOrder,
    &SectionHasContent,
    &NoPlaceholders,
    &HeadingLevels,
    &UnusedSuppression,
    &MdxSyntax,
];

declare_rule! {
    /// ## What it checks
    /// Each section the profile marks as required is present. With the built-in profile
    /// that is the guide's nine: Overview, Goals and Non-Goals, System Architecture, Key
    /// Features, Flows and Diagrams, API and Data Design, Challenges and Solutions, Best
    /// Practices and Conclusion. Headings are matched by meaning through the profile's
    /// aliases ("Tech Stack" counts as architecture, "Lessons Learned" as conclusion),
    /// ignoring numbering, emoji and punctuation; `<Step title="…">` counts like a heading.
    ///
    /// ## Why evaluators care
    /// A reviewer skims a case study in a fixed order and looks for each part by name. A
    /// missing section reads as a missing skill: no non-goals, no scoping; no challenges,
    /// no problem solving.
    ///
    /// ## Weak
    /// A write-up with an introduction, a feature list and "Future plans", and nothing on
    /// architecture, data design or what went wrong.
    ///
    /// ## Strong
    /// All nine parts, each under a heading a reader recognises, even if some are short.
    ///
    /// ## How to fix
    /// Add the missing section under a heading with its usual name. The fix inserts the
    /// same skeleton `casekit new` writes, after the section it follows; aliases can be
    /// extended in `casekit.toml`.
    ///
    /// ## What it cannot see
    /// A section hidden under an unusual heading ("The Nitty Gritty") is not found; add an
    /// alias rather than renaming a heading you like.
    pub RequiredSections {
        id: "STR001",
        name: "required-sections",
        area: Structure,
        criterion: Clarity,
        severity: Error,
        fix: Template,
    }
}

impl Check for RequiredSections {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let required: Vec<_> = cx.profile.sections.iter().filter(|s| s.required).collect();
        let mut found = 0;
        for spec in &required {
            if doc.section(&spec.id).is_some() {
                found += 1;
                continue;
            }
            // Report where the section belongs: after the closest earlier section
            // that exists, or at the title.
            let idx = cx.profile.section_index(&spec.id).unwrap_or(0);
            let before = cx.profile.sections[..idx]
                .iter()
                .rev()
                .find_map(|s| util::section(doc, &s.id));
            let at = before.map(|s| s.heading).unwrap_or_else(|| doc.anchor());
            let aliases: Vec<&str> = spec.aliases.iter().take(3).map(|s| s.as_str()).collect();
            let fix = insert_section_fix(doc, cx.profile, idx, &spec.id, &spec.title);
            cx.report(at, format!("the required section \"{}\" is missing", spec.title))
                .help(format!(
                    "add a section headed \"{}\" (also recognised: {}); `casekit new` shows what belongs in it",
                    spec.title,
                    aliases.join(", ")
                ))
                .fix_if(fix);
        }
        Outcome::ratio(found, required.len())
    }
}

/// The fix for a missing section: insert its skeleton (the one `casekit new` writes)
/// where it belongs: after the closest earlier section that is present, else before
/// the first later one, else at the end. Only inserts; never touches the author's text.
fn insert_section_fix(
    doc: &Document,
    profile: &crate::profile::Profile,
    idx: usize,
    id: &str,
    title: &str,
) -> Option<Fix> {
    let text = doc.text();
    let present = |s: &crate::profile::SectionSpec| util::section(doc, &s.id);
    let earlier = profile.sections[..idx].iter().rev().find_map(|spec| {
        let s = present(spec)?;
        // A part nested in its parent (Non-Goals under Goals) ends inside it: insert
        // after the parent, so the new section does not capture the parent's tail.
        let parent = spec
            .part_of
            .as_deref()
            .and_then(|p| util::section(doc, p))
            .filter(|p| p.span.contains(s.span));
        Some(parent.unwrap_or(s))
    });
    let later = || profile.sections[idx + 1..].iter().find_map(present);
    let at = match (earlier, later()) {
        (Some(s), _) => line_start_at_or_after(text, s.span.end as usize),
        // Nothing of the guide before it: after the title and its lead, ahead of the
        // document's first section, not among sections the guide does not name.
        (None, Some(s)) => {
            let title = doc.title().map(|h| h.span);
            let first = doc
                .sections
                .iter()
                .filter(|x| x.level == doc.top_level && Some(x.heading) != title)
                .map(|x| x.span.start)
                .min()
                .unwrap_or(s.span.start);
            line_start_before(text, first.min(s.span.start) as usize)
        }
        (None, None) => text.len(),
    };
    if super::fixes::open_fence(doc) {
        return None;
    }
    // Match the level of the guide's sections already there (Markdown headings only).
    // The level the sections were matched at first: a section matched off that level (an
    // exact alias deeper down) would set a level that unseats the matched ones.
    let markdown = |s: &&crate::document::Section| {
        s.guide.is_some() && doc.headings[s.heading_index].component.is_none()
    };
    let level = doc
        .sections
        .iter()
        .filter(markdown)
        .find(|s| s.level == doc.top_level)
        .or_else(|| doc.sections.iter().find(markdown))
        .map(|s| s.level)
        .unwrap_or(2);
    let body = if crate::scaffold::knows(id) {
        crate::scaffold::section_template_at(id, doc.source.format, level)
    } else {
        crate::scaffold::generic_section(title, doc.source.format, level)
    };
    Some(
        Fix::new(format!("insert a skeleton \"{title}\" section to fill in")).insert(
            text,
            at,
            as_block(text, at, &body),
        ),
    )
}

declare_rule! {
    /// ## What it checks
    /// The guide's sections appear in the guide's order. The first heading that comes
    /// after a section it should precede is reported.
    ///
    /// ## Why evaluators care
    /// The order tells a story: what and why, then how, then what went wrong and what was
    /// learned. A reader who meets challenges before the architecture lacks the context
    /// to judge them.
    ///
    /// ## Weak
    /// Conclusion, then Key Features, then Overview.
    ///
    /// ## Strong
    /// Overview → Goals → Architecture → Features → Flows → API and Data → Challenges →
    /// Best Practices → Conclusion, with any extra sections where they help.
    ///
    /// ## How to fix
    /// Move the reported section after the one named in the message.
    ///
    /// ## What it cannot see
    /// Sections it could not match by heading; an order that reads better for a
    /// particular project (this is why it is only information).
    pub SectionOrder {
        id: "STR002",
        name: "section-order",
        area: Structure,
        criterion: Clarity,
        severity: Info,
    }
}

impl Check for SectionOrder {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let mut seen: Option<(usize, &str)> = None;
        let mut placed = std::collections::HashSet::new();
        for s in &doc.sections {
            let Some(id) = s.guide.as_deref() else {
                continue;
            };
            let Some(spec) = cx.profile.section(id) else {
                continue;
            };
            if spec.part_of.is_some() || !placed.insert(id) {
                continue;
            }
            let idx = cx.profile.section_index(id).unwrap_or(0);
            match seen {
                Some((max, after)) if idx < max => {
                    cx.report(
                        s.heading,
                        format!(
                            "\"{}\" comes after \"{}\", but {} puts it before",
                            s.title,
                            after,
                            cx.profile.voice()
                        ),
                    )
                    .help("keep the sections in order so each builds on the one before it");
                    return Outcome::Fail;
                }
                _ => seen = Some((idx, s.title.as_str())),
            }
        }
        if placed.is_empty() {
            Outcome::NotApplicable
        } else {
            Outcome::Pass
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// Every guide section that is present has real content: more than a heading, a
    /// placeholder line or a one-sentence stub. A table, a list, a diagram or an image
    /// counts as content.
    ///
    /// ## Why evaluators care
    /// An empty section promises something and delivers nothing; it costs more credibility
    /// than leaving the heading out.
    ///
    /// ## Weak
    /// `## Best Practices` followed by "Coming soon."
    ///
    /// ## Strong
    /// A few specific paragraphs or bullets that a reviewer could ask about.
    ///
    /// ## How to fix
    /// Write the section, or remove the heading until you can.
    ///
    /// ## What it cannot see
    /// Whether the content is any good; other rules judge that.
    pub SectionHasContent {
        id: "STR003",
        name: "section-has-content",
        area: Structure,
        criterion: Clarity,
        severity: Error,
    }
}

impl Check for SectionHasContent {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let stub = cx.thresholds().stub_words as u32;
        let (mut ok, mut total) = (0, 0);
        for spec in &cx.profile.sections {
            let Some(s) = util::section(doc, &spec.id) else {
                continue;
            };
            total += 1;
            let body = s.body;
            let words = doc.prose().words_in(body);
            let rich = Document::in_span(&doc.tables, body).next().is_some()
                || Document::in_span(&doc.list_items, body).nth(1).is_some()
                || Document::in_span(&doc.code_blocks, body).next().is_some()
                || Document::in_span(&doc.images, body).next().is_some();
            if words >= stub || rich {
                ok += 1;
                continue;
            }
            let what = if words == 0 {
                "is empty".to_string()
            } else {
                format!("has only {words} words")
            };
            cx.report(s.heading, format!("the \"{}\" section {what}", s.title))
                .help("give it real content: specifics a reviewer could ask you about, or a table, list or diagram");
        }
        Outcome::ratio(ok, total)
    }
}

pub use crate::scaffold::GUIDANCE_MARKER;

declare_rule! {
    /// ## What it checks
    /// Heading levels do not skip (a `##` followed directly by a `####`) and the document
    /// has exactly one title: one level-1 heading, or a `title` in its front matter.
    ///
    /// ## Why evaluators care
    /// Skipped levels and several titles break the outline that readers, screen readers and
    /// the site's table of contents rely on.
    ///
    /// ## Weak
    /// `# Overview`, `# Goals`, `# Architecture`: every section is a title.
    ///
    /// ## Strong
    /// One `# Project name`, sections as `##`, sub-sections as `###`.
    ///
    /// ## How to fix
    /// Demote the extra titles, and fill in the skipped level.
    ///
    /// ## What it cannot see
    /// Titles a site adds from elsewhere (a layout or a sidebar) when the file has no front
    /// matter.
    pub HeadingLevels {
        id: "STR005",
        name: "heading-levels",
        area: Structure,
        criterion: Clarity,
        severity: Info,
    }
}

impl Check for HeadingLevels {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let mut problems = 0;
        let fm_title = doc
            .front_matter
            .map(|s| {
                doc.slice(s)
                    .lines()
                    .any(|l| l.trim_start().starts_with("title:"))
            })
            .unwrap_or(false);
        let titles: Vec<_> = doc
            .headings
            .iter()
            .filter(|h| h.level == 1 && h.component.is_none())
            .collect();
        if titles.is_empty() && !fm_title {
            if let Some(first) = doc.headings.iter().find(|h| h.component.is_none()) {
                problems += 1;
                cx.report(first.span, "the document has no title (no level-1 heading)")
                    .help("start with one `# Title` naming the project");
            }
        }
        let extra_from = if fm_title { 0 } else { 1 };
        if titles.len() > extra_from {
            problems += 1;
            let h = titles[extra_from];
            cx.report(
                h.span,
                format!(
                    "the document has {} level-1 headings; this one is a second title",
                    titles.len() + usize::from(fm_title)
                ),
            )
            .help("keep one `#` title and make sections `##`");
        }
        let mut prev: Option<u8> = None;
        for h in doc.headings.iter().filter(|h| h.component.is_none()) {
            if let Some(p) = prev {
                if h.level > p + 1 {
                    problems += 1;
                    cx.report(
                        h.span,
                        format!("heading level jumps from {} to {}", p, h.level),
                    )
                    .help(format!(
                        "use a level-{} heading here, or add the level between",
                        p + 1
                    ));
                }
            }
            prev = Some(h.level);
        }
        Outcome::from_bool(problems == 0)
    }
}

declare_rule! {
    /// ## What it checks
    /// Every suppression comment suppresses something: `<!-- casekit-disable ID -->` …
    /// `<!-- casekit-enable ID -->`, `<!-- casekit-disable-next-line ID -->`, or in MDX
    /// `{/* casekit-disable ID */}`. A directive with no ID covers every rule; a disable
    /// before the first heading covers the whole file. It is reported by the engine after
    /// the other rules have run and suppressions are applied.
    ///
    /// ## Why evaluators care
    /// A stale suppression hides the next real problem in that place, and tells a reviewer
    /// the checks were silenced rather than met.
    ///
    /// ## Weak
    /// `<!-- casekit-disable STY002 -->` above a code block that was shortened long ago.
    ///
    /// ## Strong
    /// A suppression only where a rule is knowingly wrong for this document, with a
    /// reason beside it.
    ///
    /// ## How to fix
    /// Delete the directive, or correct the rule ID it names.
    ///
    /// ## What it cannot see
    /// Whether a suppression that does hide something is justified.
    pub UnusedSuppression {
        id: "STR006",
        name: "unused-suppression",
        area: Structure,
        criterion: Clarity,
        severity: Info,
    }
}

impl Check for UnusedSuppression {
    fn check(&self, _doc: &Document, _cx: &mut RuleContext) -> Outcome {
        // The engine reports unused suppressions once every other rule has run.
        Outcome::NotApplicable
    }
}

declare_rule! {
    /// ## What it checks
    /// An `.mdx` file parses as MDX. When it does not, the error is reported where the
    /// parser stopped, and the file is read as plain Markdown so the other rules still run.
    ///
    /// ## Why evaluators care
    /// A site built from MDX fails to build on a syntax error; the case study never
    /// reaches its readers.
    ///
    /// ## Weak
    /// An unclosed `<Tip>` or a stray `{` in prose.
    ///
    /// ## Strong
    /// A file that builds: components closed, braces escaped as `\{`.
    ///
    /// ## How to fix
    /// Fix the syntax at the reported place; escape `{`, `}` and `<` that are meant as text.
    ///
    /// ## What it cannot see
    /// Errors inside JavaScript expressions beyond what the MDX grammar itself checks.
    pub MdxSyntax {
        id: "STR007",
        name: "mdx-syntax",
        area: Structure,
        criterion: Clarity,
        severity: Error,
    }
}

impl Check for MdxSyntax {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        if doc.source.format != crate::source::Format::Mdx {
            return Outcome::NotApplicable;
        }
        for issue in &doc.parse_issues {
            let line = doc.lines.line_of(issue.span.start);
            cx.report(
                doc.lines.line_span(line, doc.text()),
                format!(
                    "this is not valid MDX: {}",
                    issue.message.trim_end_matches('.')
                ),
            )
            .help("fix the syntax here; the rest of the file was read as plain Markdown");
        }
        Outcome::from_bool(doc.parse_issues.is_empty())
    }
}
