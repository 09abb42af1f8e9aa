//! Structure: the nine sections are there, in order, with content, and nothing of the
//! template is left behind.

use super::fix::{as_block, line_start_at_or_after, line_start_before};
use super::util;
use super::{Check, Fix, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::Document;
use crate::re::Regex;
use crate::source::Span;
use std::ops::Range;
use std::sync::LazyLock;

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
        (None, Some(s)) => line_start_before(text, s.span.start as usize),
        (None, None) => text.len(),
    };
    if super::fixes::open_fence(doc) {
        return None;
    }
    // Match the level of the guide's sections already there (Markdown headings only).
    let level = doc
        .sections
        .iter()
        .find(|s| s.guide.is_some() && doc.headings[s.heading_index].component.is_none())
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

static SLOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:YOUR|GOAL|NON_GOAL|ALTERNATIVE|PLACEHOLDER|FEATURE|CHALLENGE|TECH|REASON|METRIC|ENTITY|ENDPOINT|PROJECT|INSERT|REPLACE)(?:_[A-Z0-9]+)*(?-u:\b)|(?-u:\b)[A-Z][A-Z0-9]*_[A-Z0-9_]*(?:NAME|URL|TEXT|ROLE|HERE|LINK|DESCRIPTION|VALUE|TITLE|\d)(?-u:\b)")
        .expect("slot pattern")
});
static PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::with_prefilter(r"(?i)<\s*(?:your|insert|add|describe|enter|replace|fill in|put|write|link to)(?-u:\b)[^<>\n]{0,80}>")
        .expect("prompt pattern")
});
static EMPTY_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::with_prefilter(r"\[[^\]\n]*\]\(\s*(?:#|<>)?\s*\)").expect("empty link pattern")
});
static CELL_SLOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:TECH|REASON|ALTERNATIVE|FEATURE|DESCRIPTION|VALUE|METRIC|RESULT|BEFORE|AFTER|TBD|TODO|X)(?:(?-u:\b)|$)(?:\s+(?:people|persons?|weeks?|months?|days?|users?|ms|%)(?-u:\b)|\s*/\s*(?-u:\w)+)?")
        .expect("cell slot pattern")
});
static LOREM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::with_prefilter(r"(?i)(?-u:\b)lorem ipsum(?-u:\b)").expect("lorem pattern")
});

/// The matches of [`SLOT`] and of `\b(?:TODO|TBD|FIXME|XXX)\b` in `text`, as `find_iter`
/// gives them, found without running either pattern over the whole text. Both take only
/// capitals, digits and `_` between ASCII word boundaries, so a match is a whole run of
/// ASCII word characters: only runs of capitals, digits and `_` that open with a capital
/// (rare in prose) are tried.
fn capital_words(text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let (mut slots, mut todos) = (Vec::new(), Vec::new());
    let mut i = 0;
    while let Some(k) = util::find_byte_between(&b[i..], b'A' - 1, b'Z' + 1) {
        let start = i + k;
        let end = start + b[start..].iter().take_while(|&&c| word(c)).count();
        i = end;
        if start > 0 && word(b[start - 1]) {
            continue;
        }
        let run = &text[start..end];
        if !run
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
        {
            continue;
        }
        if SLOT.is_match(run) {
            slots.push(start..end);
        }
        if matches!(run, "TODO" | "TBD" | "FIXME" | "XXX") {
            todos.push(start..end);
        }
    }
    (slots, todos)
}

/// Whether a [`SLOT`] match is a template's slot rather than a capitalised word of the
/// author's. A run holding `_` (`YOUR_NAME`, `GOAL_1`) is never prose. A bare capital
/// word (`INSERT`, `YOUR`, `TECH`) is a slot only where a template leaves one: alone at
/// the start of a table cell or list item, followed by nothing, a separator or a
/// parenthesis. So the SQL keyword in "an INSERT or UPDATE", alt text, an HTML comment
/// and emphatic capitals ("trained on YOUR services") are the author's words.
fn stands_as_slot(text: &str, r: &Range<usize>) -> bool {
    if text[r.clone()].contains('_') {
        return true;
    }
    let line_start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..r.start].trim_end_matches([' ', '\t', '*']);
    let opens_item = before.is_empty()
        || before.ends_with('|')
        || (before.trim_start().len() <= 4
            && before
                .trim_start()
                .trim_end_matches(['-', '+', '.', ')'])
                .bytes()
                .all(|c| c.is_ascii_digit())
            && before.trim_start().ends_with(['-', '+', '.', ')']));
    if !opens_item {
        return false;
    }
    let after = text[r.end..].trim_start_matches([' ', '\t']);
    after.is_empty()
        || after.starts_with([
            '\n', '\r', '|', ',', '-', '\u{2013}', '\u{2014}', '*', '/', '(', ':',
        ])
}

/// Byte ranges of [`GUIDANCE_MARKER`] on word boundaries, any case, as
/// [`util::find_word`] finds them, without lower-casing the whole text: each `:` is a
/// possible middle of the marker.
fn guidance_markers(text: &str) -> Vec<Range<usize>> {
    let (head, tail) = GUIDANCE_MARKER
        .split_once(':')
        .expect("the marker holds a colon");
    let b = text.as_bytes();
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
    memchr::memchr_iter(b':', b)
        .filter_map(|colon| {
            let start = colon.checked_sub(head.len())?;
            let end = colon + 1 + tail.len();
            let found = b.get(start..colon)?.eq_ignore_ascii_case(head.as_bytes())
                && b.get(colon + 1..end)?.eq_ignore_ascii_case(tail.as_bytes());
            // The marker is ASCII, so where it is found both ends are on character
            // boundaries.
            (found
                && boundary(text[..start].chars().next_back())
                && boundary(text[end..].chars().next()))
            .then_some(start..end)
        })
        .collect()
}

pub use crate::scaffold::GUIDANCE_MARKER;

declare_rule! {
    /// ## What it checks
    /// Nothing of a template is left: `TODO`/`TBD`, "lorem ipsum", angle-bracket prompts
    /// such as `<Your project name>`, links with no target (`[Demo]()`) or a slot as the
    /// target (`(YOUR_GITHUB_URL)`), SCREAMING_SNAKE slots (`YOUR_PROJECT_NAME`,
    /// `GOAL_1`), table cells that are only a slot word (`TECH`, `REASON`, `X people`),
    /// and the guidance comments that `casekit new` writes (`casekit:guide`), also
    /// when one sits inside a skeleton diagram as a Mermaid comment.
    ///
    /// ## Why evaluators care
    /// One forgotten placeholder tells a reviewer the document was not read before it was
    /// sent, and they stop trusting the rest.
    ///
    /// ## Weak
    /// `| **Team Size** | X people |` and `[Repository](YOUR_GITHUB_URL)`.
    ///
    /// ## Strong
    /// `| **Team Size** | 3 engineers; I led the backend |` and a real repository link.
    ///
    /// ## How to fix
    /// Replace each reported slot with your project's facts, and delete guidance comments
    /// once the section is written.
    ///
    /// ## What it cannot see
    /// Code (inline or fenced) is skipped, so an environment variable such as `API_KEY` in
    /// backticks is fine (only the `casekit:guide` marker is looked for inside fenced
    /// blocks); a slot written in plain words ("insert here") is not recognised, nor a
    /// skeleton diagram whose guidance line was deleted without adapting it.
    pub NoPlaceholders {
        id: "STR004",
        name: "no-placeholders",
        area: Structure,
        criterion: Clarity,
        severity: Error,
    }
}

impl Check for NoPlaceholders {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let text = doc.text();
        let mut found: Vec<(Span, String)> = Vec::new();
        // Guidance comments are deleted rather than replaced; they get their own help.
        let mut guidance: Vec<Span> = Vec::new();
        let skip: Vec<Span> = doc
            .code_blocks
            .iter()
            .map(|c| c.span)
            .chain(doc.front_matter)
            .collect();
        // Each pattern runs once over the whole text; matches in code are dropped after.
        let in_code = |r: &std::ops::Range<usize>| {
            if skip.iter().any(|s| s.contains_offset(r.start as u32)) {
                return true;
            }
            let line = doc.lines.line_span(doc.lines.line_of(r.start as u32), text);
            let base = line.start as usize;
            inline_code_ranges(doc.slice(line))
                .iter()
                .any(|c| base + c.start <= r.start && r.end <= base + c.end)
        };
        let mut push = |r: std::ops::Range<usize>, what: String| {
            if !in_code(&r) {
                found.push((Span::new(r.start, r.end), what));
            }
        };
        let (slots, todos) = capital_words(text);
        for r in slots.into_iter().filter(|r| stands_as_slot(text, r)) {
            let what = format!("the template slot `{}` is still here", &text[r.clone()]);
            push(r, what);
        }
        for m in PROMPT.find_iter(text) {
            push(
                m.range(),
                format!("the prompt `{}` is still here", m.as_str()),
            );
        }
        for m in EMPTY_LINK.find_iter(text) {
            push(
                m.range(),
                format!("the link `{}` has no target", m.as_str()),
            );
        }
        for m in LOREM.find_iter(text) {
            push(m.range(), "filler text (lorem ipsum) is still here".into());
        }
        for r in todos {
            let what = format!("`{}` marks unfinished text", &text[r.clone()]);
            push(r, what);
        }
        for r in guidance_markers(text) {
            let span = Span::new(r.start, r.end);
            guidance.push(span);
            // Code is not prose, so slots there are not reported; but a guidance line
            // that `casekit new` put inside a skeleton diagram (`%% casekit:guide`)
            // marks the diagram as not yet adapted.
            let in_block = skip.iter().any(|s| s.contains_offset(span.start));
            let what = if in_block {
                "a guidance line from `casekit new` is still in this code block"
            } else {
                "a guidance comment from `casekit new` is still here"
            };
            found.push((span, what.into()));
        }
        for t in &doc.tables {
            for cell in t.rows.iter().flatten() {
                let raw = cell.text.text.trim();
                if let Some(m) = CELL_SLOT.find(raw) {
                    let Some(span) = cell.text.span_of(m.range()) else {
                        continue;
                    };
                    if !found
                        .iter()
                        .any(|(s, _)| s.contains(span) || span.contains(*s))
                    {
                        found.push((
                            span,
                            format!("the table cell still holds the slot `{}`", m.as_str()),
                        ));
                    }
                }
            }
        }
        found.sort_by_key(|(s, _)| s.start);
        found.dedup_by(|a, b| b.0.contains(a.0));
        let n = found.len();
        for (span, msg) in found {
            let help = if guidance.contains(&span) {
                "follow the advice, then delete the whole guidance comment (or, in a diagram, the whole line)"
            } else {
                "replace it with your project's own facts before anyone reads the document"
            };
            cx.report(span, msg).help(help);
        }
        Outcome::from_bool(n == 0)
    }
}

/// Byte ranges of backtick code spans in one line (unclosed backticks end the line).
fn inline_code_ranges(line: &str) -> Vec<std::ops::Range<usize>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let n = b[i..].iter().take_while(|&&c| c == b'`').count();
            let open = i;
            let mut j = i + n;
            let mut closed = None;
            while j < b.len() {
                if b[j] == b'`' {
                    let m = b[j..].iter().take_while(|&&c| c == b'`').count();
                    if m == n {
                        closed = Some(j + m);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            match closed {
                Some(end) => {
                    out.push(open..end);
                    i = end;
                }
                None => i = open + n,
            }
        } else {
            i += 1;
        }
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slots_reported(text: &str) -> Vec<String> {
        let (slots, _) = capital_words(text);
        slots
            .into_iter()
            .filter(|r| stands_as_slot(text, r))
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn a_sql_keyword_in_a_sentence_is_not_a_slot() {
        let text = "Rows change either through an INSERT or UPDATE operation.\n";
        assert!(slots_reported(text).is_empty());
    }

    #[test]
    fn alt_text_and_html_comments_are_the_authors_words() {
        let text =
            "![INSERT flow of the upload path](flow.png)\n<!-- INSERT a chart here later -->\n";
        assert!(slots_reported(text).is_empty());
    }

    #[test]
    fn emphatic_capitals_are_not_slots() {
        let text = "A model trained on YOUR services, so YOUR team sees the answer.\n";
        assert!(slots_reported(text).is_empty());
    }

    #[test]
    fn template_slots_are_still_found() {
        let text = "| Backend | TECH | REASON |\n- YOUR\n- PROJECT - what it is\nBy YOUR_NAME, see GOAL_1.\n";
        assert_eq!(
            slots_reported(text),
            ["TECH", "REASON", "YOUR", "PROJECT", "YOUR_NAME", "GOAL_1"]
        );
    }

    proptest! {
        /// The run scan finds what the patterns find.
        #[test]
        fn capital_words_agree_with_the_patterns(
            text in "([A-Z_0-9]{1,6}|YOUR_NAME|TODO|TBD|GOAL|x|é|É| |:|casekit|CaseKit|guide)*",
        ) {
            let todo = Regex::new(r"(?-u:\b)(?:TODO|TBD|FIXME|XXX)(?-u:\b)").unwrap();
            let (slots, todos) = capital_words(&text);
            prop_assert_eq!(slots, SLOT.find_iter(&text).map(|m| m.range()).collect::<Vec<_>>());
            prop_assert_eq!(todos, todo.find_iter(&text).map(|m| m.range()).collect::<Vec<_>>());
            prop_assert_eq!(guidance_markers(&text), util::find_word(&text, GUIDANCE_MARKER));
        }
    }
}
