//! The challenge extractor: every layout writers use for challenges (a table with a row
//! per challenge, a sub-section per challenge, bold-labelled paragraphs or bullets, a
//! numbered series) read into one list of [`Challenge`]s with the parts each covers, and
//! the wording tests the CHL rules share (what says "why it was hard", what names an
//! alternative, what gives a before→after figure).

use super::super::util;
use crate::document::{normalize_heading, prose, Document, Section, Table};
use crate::profile::Profile;
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

// ---------------------------------------------------------------------------------------
// Finding guide sections beyond the outline's own match
// ---------------------------------------------------------------------------------------

/// Sections that hold a part of the guide: those the outline matched to `id`, plus any
/// heading outside every guide section whose title is exactly one of that section's
/// aliases (a `## Lessons Learnt` in a document whose guide sections sit at `###`).
/// Sections nested in another returned one are folded into it.
pub(crate) fn guide_sections<'a>(
    doc: &'a Document,
    profile: &Profile,
    id: &str,
) -> Vec<&'a Section> {
    let aliases = profile
        .section(id)
        .map(|s| s.aliases.as_slice())
        .unwrap_or(&[]);
    let mut out: Vec<&Section> = doc
        .sections
        .iter()
        .filter(|s| match s.guide.as_deref() {
            Some(g) => g == id,
            None => !inside_guide_section(doc, s) && aliases.contains(&s.key),
        })
        .collect();
    let spans: Vec<Span> = out.iter().map(|s| s.span).collect();
    out.retain(|s| !spans.iter().any(|o| *o != s.span && o.contains(s.span)));
    out
}

/// Whether a section sits inside a section matched to the guide.
pub(crate) fn inside_guide_section(doc: &Document, s: &Section) -> bool {
    let mut p = s.parent;
    while let Some(i) = p {
        if doc.sections[i].guide.is_some() {
            return true;
        }
        p = doc.sections[i].parent;
    }
    false
}

/// Whether a section's heading is exactly one of the aliases of `id`.
pub(super) fn exact_alias(profile: &Profile, id: &str, s: &Section) -> bool {
    profile
        .section(id)
        .is_some_and(|spec| spec.aliases.contains(&s.key))
}

/// Whether a section has two or more sub-sections that are neither part labels
/// ("Solution") nor asides.
fn lists_sub_sections(doc: &Document, s: &Section) -> bool {
    let Some(si) = doc.section_index(s.heading) else {
        return false;
    };
    doc.sections_in(s.body)
        .filter(|c| c.parent == Some(si))
        .filter(|c| label_kind(&c.title) == LabelKind::None && !is_aside(&c.title))
        .count()
        >= 2
}

/// Index of a section in `doc.sections`.
pub(super) fn section_index(doc: &Document, s: &Section) -> Option<usize> {
    doc.section_index(s.heading)
}

// ---------------------------------------------------------------------------------------
// The shared model of a challenge
// ---------------------------------------------------------------------------------------

/// The five things the guide asks every challenge to cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    Problem,
    WhyHard,
    Alternatives,
    Solution,
    TradeOff,
}

impl Facet {
    pub const ALL: [Facet; 5] = [
        Facet::Problem,
        Facet::WhyHard,
        Facet::Alternatives,
        Facet::Solution,
        Facet::TradeOff,
    ];

    /// How a message names the part.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Problem => "the problem",
            Facet::WhyHard => "why it was hard",
            Facet::Alternatives => "the alternatives considered",
            Facet::Solution => "the solution",
            Facet::TradeOff => "the trade-off accepted",
        }
    }

    /// How a table column for it is named in help text.
    pub(super) fn column_name(self) -> &'static str {
        match self {
            Facet::Problem => "Challenge",
            Facet::WhyHard => "Why It Was Hard",
            Facet::Alternatives => "Alternatives Considered",
            Facet::Solution => "Solution",
            Facet::TradeOff => "Trade-off",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// Header words of a table column holding this part (compared after normalising).
    pub(super) fn column_keys(self) -> &'static [&'static str] {
        match self {
            Facet::Problem => &[
                "challenge",
                "challenges",
                "problem",
                "problems",
                "issue",
                "issues",
                "symptom",
                "symptoms",
                "bug",
                "bugs",
                "what happened",
                "what went wrong",
                "obstacle",
            ],
            Facet::WhyHard => &[
                "why it was hard",
                "why hard",
                "why it was difficult",
                "why difficult",
                "what made it hard",
                "difficulty",
                "root cause",
                "cause",
                "why",
                "complexity",
            ],
            Facet::Alternatives => &[
                "alternatives considered",
                "alternatives",
                "alternative",
                "options considered",
                "options",
                "what we considered",
                "what i considered",
                "considered",
                "rejected",
                "instead of",
                "other options",
            ],
            Facet::Solution => &[
                "solution",
                "solutions",
                "fix",
                "how we solved it",
                "how i solved it",
                "how solved",
                "how we fixed it",
                "resolution",
                "approach",
                "what we did",
                "what i did",
                "resolved by",
                "fixed by",
            ],
            Facet::TradeOff => &[
                "trade off",
                "tradeoff",
                "trade offs",
                "tradeoffs",
                "the trade off",
                "cost",
                "costs",
                "downside",
                "downsides",
                "drawback",
                "drawbacks",
                "compromise",
                "what we gave up",
                "price paid",
            ],
        }
    }
}

/// How a part was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// A cell in the table column for the part.
    Column,
    /// A sub-heading or bold label naming the part ("Solution:", "The Symptom").
    Label,
    /// Wording in the challenge's text ("we considered", "the downside").
    Wording,
}

#[derive(Clone, Debug)]
pub struct Part {
    pub facet: Facet,
    pub span: Span,
    pub text: String,
    pub found: Found,
}

/// How the challenge is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A table row.
    Row,
    /// A sub-section under a heading.
    Heading,
    /// A paragraph or bullet that opens with a bold label.
    Label,
    /// A plain bullet.
    Item,
    /// The whole section, when nothing divides it.
    Section,
}

#[derive(Clone, Debug)]
pub struct Challenge {
    /// 1-based, in document order.
    pub number: usize,
    pub shape: Shape,
    /// Where to report: the row, the heading or the label.
    pub span: Span,
    pub title: String,
    pub parts: Vec<Part>,
    /// A template slot (`CHALLENGE_1`) rather than a challenge.
    pub placeholder: bool,
    /// For a table row, the index into [`Challenges::tables`].
    pub table: Option<usize>,
    /// The text of the challenge, unit by unit (sentences, headings, cells).
    pub units: Vec<(Span, String)>,
    /// The title as written (heading, label or first cell).
    pub(super) title_span: Span,
    /// What the challenge says went wrong, apart from its title (first paragraph, the
    /// problem part, or the why-it-was-hard cell), and where.
    pub(super) problem_text: String,
    pub(super) problem_span: Option<Span>,
    /// Alternatives named (an estimate for prose).
    pub alternatives: usize,
    /// The first before→after figure, if any.
    pub figure: Option<Span>,
}

impl Challenge {
    pub fn has(&self, f: Facet) -> bool {
        self.parts.iter().any(|p| p.facet == f)
    }

    pub fn parts_of(&self, f: Facet) -> impl Iterator<Item = &Part> {
        self.parts.iter().filter(move |p| p.facet == f)
    }

    pub fn missing(&self) -> Vec<Facet> {
        Facet::ALL.into_iter().filter(|f| !self.has(*f)).collect()
    }

    /// "challenge 3 (line 120), “Image uploads”".
    pub fn describe(&self, doc: &Document) -> String {
        let line = doc.line_col(self.span.start).line;
        format!(
            "challenge {} (line {line}), \"{}\"",
            self.number,
            short(&self.title, 60)
        )
    }
}

/// A table whose rows are challenges.
#[derive(Clone, Debug)]
pub struct ChallengeTable {
    pub span: Span,
    pub header: Span,
    /// Column of each facet, in [`Facet::ALL`] order.
    pub columns: [Option<usize>; 5],
}

/// Every challenge of a document.
pub struct Challenges<'a> {
    /// The Challenges sections that were read.
    pub sections: Vec<&'a Section>,
    pub items: Vec<Challenge>,
    pub tables: Vec<ChallengeTable>,
    /// Challenges set out as background: the sub-sections of a "Challenges of X" section
    /// beside the exact one. They count toward how many challenges the document takes
    /// on (CHL701), but they state the problem the project answers later, so they are
    /// not judged as accounts of a fix.
    pub background: usize,
}

impl<'a> Challenges<'a> {
    /// Reads the challenges from the document's Challenges section(s). When one section
    /// is named exactly like the guide's ("Engineering Challenges") and another only
    /// starts like it ("Challenges of Offline Sync", often background on the problem domain),
    /// only the exact ones are read; the other's sub-sections, when it has two or more
    /// ("3.0 The Challenges of Using WebSockets" with "3.1 Scaling", "3.2 Dropped
    /// Connections"), are counted as [`Challenges::background`].
    pub fn find(doc: &'a Document, profile: &Profile) -> Challenges<'a> {
        let mut sections = guide_sections(doc, profile, "challenges");
        let mut background = 0;
        if sections
            .iter()
            .any(|s| exact_alias(profile, "challenges", s))
        {
            let mut aside = Challenges {
                sections: Vec::new(),
                items: Vec::new(),
                tables: Vec::new(),
                background: 0,
            };
            for s in sections.iter().copied() {
                if !exact_alias(profile, "challenges", s) && lists_sub_sections(doc, s) {
                    extract_section(doc, s, &mut aside);
                }
            }
            background = aside.real().count();
            sections.retain(|s| exact_alias(profile, "challenges", s));
        }
        let mut out = Challenges {
            sections,
            items: Vec::new(),
            tables: Vec::new(),
            background,
        };
        let secs = out.sections.clone();
        for s in secs {
            extract_section(doc, s, &mut out);
        }
        out.items.sort_by_key(|c| c.span.start);
        for (i, c) in out.items.iter_mut().enumerate() {
            c.number = i + 1;
        }
        out
    }

    /// Challenges that are not template slots.
    pub fn real(&self) -> impl Iterator<Item = &Challenge> {
        self.items.iter().filter(|c| !c.placeholder)
    }

    /// Where to report about the challenges as a whole.
    pub fn anchor(&self, doc: &Document) -> Span {
        self.sections
            .first()
            .map(|s| s.heading)
            .unwrap_or_else(|| doc.anchor())
    }
}

/// Reads the rows of the section's challenge tables; `strict` accepts only tables with a
/// column named for the problem. Returns whether any table was read.
pub(super) fn read_tables(doc: &Document, s: &Section, strict: bool, out: &mut Challenges) -> bool {
    let mut found = false;
    for t in Document::in_span(&doc.tables, s.body) {
        let Some((columns, named)) = challenge_columns(t) else {
            continue;
        };
        if strict && !named {
            continue;
        }
        found = true;
        let ti = out.tables.len();
        out.tables.push(ChallengeTable {
            span: t.span,
            header: t.header_span(),
            columns,
        });
        for row in &t.rows {
            if let Some(c) = from_row(row, &columns, ti) {
                out.items.push(c);
            }
        }
    }
    found
}

pub(super) fn extract_section(doc: &Document, s: &Section, out: &mut Challenges) {
    // 1. Tables whose rows are challenges, with a column named for the problem.
    if read_tables(doc, s, true, out) {
        return;
    }
    let Some(si) = section_index(doc, s) else {
        return;
    };
    // 2. Sub-sections: "Challenge 1 / Bug 2" headings at any depth, else the children
    //    that are not themselves a part ("Problem", "Solution") or an aside.
    let descendants: Vec<usize> = (si + 1..doc.sections.len())
        .take_while(|&j| s.span.contains(doc.sections[j].span))
        .collect();
    let numbered: Vec<usize> = descendants
        .iter()
        .copied()
        .filter(|&j| NUMBERED_CHALLENGE.is_match(&doc.sections[j].key))
        .collect();
    let mut picked = if !numbered.is_empty() {
        numbered
    } else {
        descendants
            .iter()
            .copied()
            .filter(|&j| doc.sections[j].parent == Some(si))
            .filter(|&j| {
                let t = &doc.sections[j].title;
                label_kind(t) == LabelKind::None && !is_aside(t)
            })
            .collect()
    };
    drop_umbrellas(doc, &mut picked);
    if picked.is_empty() && read_tables(doc, s, false, out) {
        // Tables with a solution column but no column named for the problem.
        return;
    }
    if !picked.is_empty() {
        for j in picked {
            let sub = &doc.sections[j];
            out.items.push(build(
                doc,
                Shape::Heading,
                sub.heading,
                sub.span,
                clean_title(&sub.title),
                sub.heading,
            ));
        }
        return;
    }
    // 3. Paragraphs, bullets or lines that open with a bold label that is not a part
    //    label ("**Cold starts.** …", "- **Clock drift**: …").
    let paragraphs = Document::in_span(&doc.paragraphs, s.body).map(|p| p.span);
    let items = Document::in_span(&doc.list_items, s.body)
        .filter(|i| i.depth == 0)
        .map(|i| i.span);
    let mut all: Vec<Span> = paragraphs.chain(items).collect();
    all.sort_by_key(|b| b.start);
    let labels: Vec<BoldLabel> = all
        .iter()
        .flat_map(|b| bold_labels(doc, *b))
        .filter(|l| label_kind(&l.label) == LabelKind::None)
        .collect();
    if !labels.is_empty() {
        for (k, l) in labels.iter().enumerate() {
            let end = labels
                .get(k + 1)
                .map(|n| n.segment.start)
                .unwrap_or(s.span.end)
                .max(l.segment.end);
            let extent = Span {
                start: l.segment.start,
                end,
            };
            out.items.push(build(
                doc,
                Shape::Label,
                l.at,
                extent,
                l.label.clone(),
                l.at,
            ));
        }
        return;
    }
    // 4. Plain top-level bullets, two or more.
    let bullets: Vec<_> = Document::in_span(&doc.list_items, s.body)
        .filter(|i| i.depth == 0 && !i.text.is_empty())
        .collect();
    if bullets.len() >= 2 {
        for i in bullets {
            let title = first_words(&i.text.text, 8);
            let at = i.text.span().unwrap_or(i.span);
            out.items
                .push(build(doc, Shape::Item, at, i.span, title, at));
        }
        return;
    }
    // 5. The section itself, if it says anything.
    if !doc.prose().sentences_in(s.body).is_empty() {
        out.items.push(build(
            doc,
            Shape::Section,
            s.heading,
            s.span,
            clean_title(&s.title),
            s.heading,
        ));
    }
}

/// Columns of a table whose rows are challenges: it needs a column for the problem (or
/// a first column, when a solution column says what the rows are) and a column for at
/// least one other part. The flag says whether the problem column was named as such.
pub(super) fn challenge_columns(t: &Table) -> Option<([Option<usize>; 5], bool)> {
    if t.header.len() < 2 || t.rows.is_empty() {
        return None;
    }
    let headers = util::header_keys(t);
    let mut cols: [Option<usize>; 5] = [None; 5];
    let mut taken: Vec<usize> = Vec::new();
    // The specific parts first, so "Why It Was Hard" is not taken for the problem.
    for f in [
        Facet::TradeOff,
        Facet::Alternatives,
        Facet::Solution,
        Facet::WhyHard,
        Facet::Problem,
    ] {
        if let Some(c) = column_excluding(&headers, f.column_keys(), &taken) {
            cols[f.index()] = Some(c);
            taken.push(c);
        }
    }
    let others = [
        Facet::WhyHard,
        Facet::Alternatives,
        Facet::Solution,
        Facet::TradeOff,
    ]
    .iter()
    .filter(|f| cols[f.index()].is_some())
    .count();
    if others == 0 {
        return None;
    }
    let named = cols[Facet::Problem.index()].is_some();
    if !named && cols[Facet::Solution.index()].is_none() {
        return None;
    }
    if !named {
        // The first column that is not a row number and not another part.
        let first = (0..t.header.len()).find(|c| {
            !taken.contains(c) && !matches!(headers[*c].as_str(), "" | "no" | "number" | "id")
        })?;
        cols[Facet::Problem.index()] = Some(first);
    }
    Some((cols, named))
}

/// [`util::column_in`] over a table's header keys, or when that column is `taken`, the
/// first other column whose header is one of `keys` or opens or closes with one.
pub(super) fn column_excluding(
    headers: &[String],
    keys: &[&str],
    taken: &[usize],
) -> Option<usize> {
    let c = util::column_in(headers, keys)?;
    if !taken.contains(&c) {
        return Some(c);
    }
    // The best match is taken: look at the other columns alone.
    (0..headers.len()).find(|i| {
        !taken.contains(i)
            && keys
                .iter()
                .any(|k| headers[*i] == *k || util::opens_or_closes(&headers[*i], k))
    })
}

pub(super) fn from_row(
    row: &[crate::document::Cell],
    cols: &[Option<usize>; 5],
    table: usize,
) -> Option<Challenge> {
    let title_col = cols[Facet::Problem.index()]?;
    let title_cell = row.get(title_col)?;
    let (first, last) = (row.first()?, row.last()?);
    let span = first.span.cover(last.span);
    let title = title_cell.text.text.trim().to_string();
    let mut parts = Vec::new();
    let mut units = Vec::new();
    let mut placeholder = is_placeholder(&title);
    for f in Facet::ALL {
        let Some(c) = cols[f.index()] else { continue };
        let Some(cell) = row.get(c) else { continue };
        let text = cell.text.text.trim();
        if f == Facet::Problem && text.is_empty() {
            continue;
        }
        if is_placeholder(text) {
            if f == Facet::Problem {
                placeholder = true;
            }
            continue;
        }
        // An empty trade-off cell stays a part so CHL704 can say it is empty.
        if text.is_empty() && f != Facet::TradeOff {
            continue;
        }
        parts.push(Part {
            facet: f,
            span: cell.span,
            text: text.to_string(),
            found: Found::Column,
        });
    }
    for cell in row {
        units.push((cell.span, cell.text.text.trim().replace('’', "'")));
    }
    // Alternatives named per cell, counted once: a cell mentions an alternative exactly
    // when it names at least one, so the wording test below reads the same count.
    let mut counts: Option<Vec<usize>> = None;
    let mut count_in =
        |k: usize| -> usize { counts.get_or_insert_with(|| units_alternatives(&units))[k] };
    // Parts the table has no column for may still be said in some cell.
    for f in Facet::ALL {
        if cols[f.index()].is_some() {
            continue;
        }
        for (k, (span, text)) in units.iter().enumerate() {
            let said = match f {
                Facet::Alternatives => count_in(k) > 0,
                _ => says(f, text),
            };
            if said {
                parts.push(Part {
                    facet: f,
                    span: *span,
                    text: text.clone(),
                    found: Found::Wording,
                });
                break;
            }
        }
    }
    let alternatives = match cols[Facet::Alternatives.index()].and_then(|c| row.get(c)) {
        Some(cell) => count_listed(&cell.text.text),
        None => (0..units.len()).map(&mut count_in).sum(),
    };
    let why_cell = cols[Facet::WhyHard.index()].and_then(|c| row.get(c));
    let problem_text = why_cell.map(|c| c.text.text.clone()).unwrap_or_default();
    let problem_span = why_cell.map(|c| c.span);
    let figure = units.iter().find(|(_, t)| before_after(t)).map(|(s, _)| *s);
    Some(Challenge {
        number: 0,
        shape: Shape::Row,
        span,
        title,
        parts,
        placeholder,
        table: Some(table),
        units,
        title_span: title_cell.span,
        problem_text,
        problem_span,
        alternatives,
        figure,
    })
}

/// Builds a challenge written as prose (a sub-section, a labelled block, a bullet or a
/// whole section) from the text inside `extent`.
pub(super) fn build(
    doc: &Document,
    shape: Shape,
    span: Span,
    extent: Span,
    title: String,
    title_span: Span,
) -> Challenge {
    let mut units: Vec<(Span, String)> = Vec::new();
    for h in Document::in_span(&doc.headings, extent) {
        units.push((h.span, h.text.text.trim().to_string()));
    }
    for s in doc.prose().sentences_in(extent) {
        if s.span.end <= extent.end {
            units.push((s.span, s.text.clone()));
        }
    }
    for t in Document::in_span(&doc.tables, extent) {
        for c in t.header.iter().chain(t.rows.iter().flatten()) {
            units.push((c.span, c.text.text.trim().to_string()));
        }
    }
    if shape == Shape::Label || shape == Shape::Item {
        // The title is part of the block's first sentence; keep it as its own unit too.
        units.push((title_span, title.clone()));
    }
    units.sort_by_key(|(s, _)| s.start);
    for u in units.iter_mut() {
        u.1 = u.1.replace('’', "'");
    }

    let mut parts: Vec<Part> = Vec::new();
    // Parts named by sub-headings inside the challenge.
    let own = span;
    for sub in doc.sections_in(extent).filter(|x| x.heading != own) {
        if let LabelKind::Parts(facets) = label_kind(&sub.title) {
            let text = section_text(doc, sub.body);
            for f in facets {
                parts.push(Part {
                    facet: f,
                    span: sub.heading,
                    text: text.clone(),
                    found: Found::Label,
                });
            }
        }
    }
    // Parts named by bold labels opening a paragraph, bullet or line.
    let blocks = Document::in_span(&doc.paragraphs, extent)
        .map(|p| p.span)
        .chain(Document::in_span(&doc.list_items, extent).map(|i| i.span));
    for b in blocks {
        for l in bold_labels(doc, b) {
            if let LabelKind::Parts(facets) = label_kind(&l.label) {
                let text = l.text(doc);
                for f in facets {
                    parts.push(Part {
                        facet: f,
                        span: l.at,
                        text: text.clone(),
                        found: Found::Label,
                    });
                }
            }
        }
    }
    // Alternatives named per unit, counted once for both the wording test (a unit
    // mentions an alternative exactly when it names at least one) and the estimate.
    let counts = units_alternatives(&units);
    // Parts said in so many words.
    for f in Facet::ALL {
        if f == Facet::Problem {
            continue;
        }
        for ((s, t), n) in units.iter().zip(&counts) {
            let said = match f {
                Facet::Alternatives => *n > 0,
                _ => says(f, t),
            };
            if said {
                parts.push(Part {
                    facet: f,
                    span: *s,
                    text: t.clone(),
                    found: Found::Wording,
                });
            }
        }
    }
    // The problem: a labelled part, problem wording, or a body that opens by describing
    // the situation rather than the fix (the title names the problem).
    let body: Vec<&(Span, String)> = units
        .iter()
        .filter(|(s, _)| *s != title_span && !doc.is_heading(*s))
        .collect();
    if !parts.iter().any(|p| p.facet == Facet::Problem) {
        let by_words = body.iter().find(|(_, t)| PROBLEM.is_match(t));
        let opening = body
            .first()
            .filter(|(_, t)| !SOLUTION.is_match(t) || WHY_HARD.is_match(t));
        if let Some((s, t)) = by_words.or(opening).map(|u| (u.0, u.1.clone())) {
            parts.push(Part {
                facet: Facet::Problem,
                span: s,
                text: t,
                found: Found::Wording,
            });
        }
    }
    // Headings under the challenge that are not part labels are usually the options
    // weighed ("Polling", "Server-Sent Events", "WebSockets").
    let option_headings = doc
        .sections_in(extent)
        .filter(|x| x.heading != own)
        .filter(|x| label_kind(&x.title) == LabelKind::None)
        .count();
    let mut alternatives: usize = counts.iter().sum();
    if alternatives > 0 {
        alternatives += option_headings;
    }
    // "**Alternatives considered:** a longer TTL (…); fencing tokens (…); a conditional
    // update": a labelled part lists its options between semicolons.
    let listed = parts
        .iter()
        .filter(|p| p.facet == Facet::Alternatives && p.found == Found::Label)
        .map(|p| semicolon_items(&p.text))
        .max()
        .unwrap_or(0);
    alternatives = alternatives.max(listed);
    // The statement of the problem: a labelled problem part, else the first paragraph
    // or bullet of the challenge.
    let labelled = parts
        .iter()
        .find(|p| p.facet == Facet::Problem && p.found == Found::Label)
        .map(|p| (p.text.clone(), None));
    let first_block = Document::in_span(&doc.paragraphs, extent)
        .map(|p| (p.span, &p.text))
        .chain(Document::in_span(&doc.list_items, extent).map(|i| (i.span, &i.text)))
        .filter(|(sp, _)| sp.end > span.start)
        .min_by_key(|(sp, _)| sp.start)
        .map(|(sp, t)| (t.text.clone(), Some(sp)));
    let (mut problem_text, problem_span) = labelled.or(first_block).unwrap_or_default();
    // A labelled block's own label is its title, not part of the statement.
    if let Some(rest) = problem_text.trim_start().strip_prefix(title.as_str()) {
        problem_text = rest
            .trim_start_matches([':', '.', ' ', '—', '-'])
            .to_string();
    }
    let figure = units.iter().find(|(_, t)| before_after(t)).map(|(s, _)| *s);
    Challenge {
        number: 0,
        shape,
        span,
        placeholder: is_placeholder(&title),
        title,
        parts,
        table: None,
        units,
        title_span,
        problem_text,
        problem_span,
        alternatives,
        figure,
    }
}

/// Plain text of the sentences in a span.
pub(super) fn section_text(doc: &Document, span: Span) -> String {
    doc.prose()
        .sentences_in(span)
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drops a sub-section that only introduces the numbered ones after it ("4.0 Sync"
/// followed by "4.1 …" and "4.2 …").
pub(super) fn drop_umbrellas(doc: &Document, picked: &mut Vec<usize>) {
    let nums: Vec<Option<Vec<u32>>> = picked
        .iter()
        .map(|&j| numbering(&doc.sections[j].title))
        .collect();
    let mut keep = vec![true; picked.len()];
    for i in 0..picked.len().saturating_sub(1) {
        let (Some(a), Some(b)) = (&nums[i], &nums[i + 1]) else {
            continue;
        };
        let same_depth_child = a.len() == b.len()
            && a.len() >= 2
            && a.last() == Some(&0)
            && b.last().is_some_and(|x| *x > 0)
            && a[..a.len() - 1] == b[..b.len() - 1];
        let deeper_child = b.len() > a.len() && b.starts_with(a);
        if same_depth_child || deeper_child {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    picked.retain(|_| k.next().unwrap_or(true));
}

pub(super) fn numbering(title: &str) -> Option<Vec<u32>> {
    let c = NUMBERING.captures(title)?;
    c[1].split('.').map(|p| p.parse().ok()).collect()
}

/// Strips leading numbering from a heading for messages ("6.1 Background processing").
pub(super) fn clean_title(title: &str) -> String {
    let t = title.trim();
    let t = match NUMBERING.find(t) {
        Some(m) => t[m.end()..].trim(),
        None => t,
    };
    match NUMBERED_LABEL.find(t) {
        Some(m) if m.end() < t.len() => t[m.end()..].trim().to_string(),
        _ => t.to_string(),
    }
}

pub(super) fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut s = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        s.push('…');
    }
    s
}

/// Shortens a title for a message.
pub(crate) fn short(text: &str, max: usize) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max {
        return t;
    }
    let cut: String = t.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{cut}…")
}

/// A bold label at the start of a paragraph, a list item or a line inside one
/// (`**Problem:** …`, `- **Caching** — …`).
#[derive(Clone, Debug)]
pub(crate) struct BoldLabel {
    pub label: String,
    /// The label's words in the source.
    pub at: Span,
    /// From the label's line to the next labelled line or the end of the block.
    pub segment: Span,
}

impl BoldLabel {
    /// The text after the label, with emphasis markers removed.
    pub(super) fn text(&self, doc: &Document) -> String {
        let after = Span {
            start: self.at.end,
            end: self.segment.end.max(self.at.end),
        };
        let raw = doc.slice(after).replace("**", "").replace("__", "");
        raw.trim_start_matches([':', '.', ' ', '—', '-', '*', '_'])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Every bold label that opens a line of a block.
pub(crate) fn bold_labels(doc: &Document, block: Span) -> Vec<BoldLabel> {
    let src = doc.slice(block);
    let mut found: Vec<(String, Span, usize)> = Vec::new(); // (label, at, line start)
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let t = line.trim_start();
        let nested_item = offset > 0
            && (t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") || {
                let d = t.bytes().take_while(|c| c.is_ascii_digit()).count();
                d > 0 && (t[d..].starts_with(". ") || t[d..].starts_with(") "))
            });
        if nested_item {
            offset += line.len();
            continue;
        }
        if let Some((label, start, len)) = lead_label(line) {
            let at = block.start as usize + offset + start;
            found.push((
                label,
                Span::new(at, at + len),
                block.start as usize + offset,
            ));
        }
        offset += line.len();
    }
    let end = block.end as usize;
    (0..found.len())
        .map(|k| {
            let next = found.get(k + 1).map(|n| n.2).unwrap_or(end);
            BoldLabel {
                label: found[k].0.clone(),
                at: found[k].1,
                segment: Span::new(found[k].2, next.max(found[k].2)),
            }
        })
        .collect()
}

/// The bold label opening one line, after any list marker or checkbox: its text, and
/// its offset and length in the line.
pub(super) fn lead_label(line: &str) -> Option<(String, usize, usize)> {
    let b = line.as_bytes();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i] == b' ' || b[*i] == b'\t' || b[*i] == b'>') {
            *i += 1;
        }
    };
    skip_ws(&mut i);
    if i + 1 < b.len() && matches!(b[i], b'-' | b'*' | b'+') && b[i + 1] == b' ' {
        i += 2;
    } else {
        let d = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i > d && i + 1 < b.len() && matches!(b[i], b'.' | b')') && b[i + 1] == b' ' {
            i += 2;
        } else {
            i = d;
        }
    }
    skip_ws(&mut i);
    let rest = &line[i..];
    if rest.starts_with("[ ]") || rest.starts_with("[x]") || rest.starts_with("[X]") {
        i += 3;
        skip_ws(&mut i);
    }
    let delim = if line[i..].starts_with("**") {
        "**"
    } else if line[i..].starts_with("__") {
        "__"
    } else {
        return None;
    };
    let start = i + 2;
    let len = line[start..].find(delim)?;
    let raw = &line[start..start + len];
    if raw.trim().is_empty() || raw.len() > 160 {
        return None;
    }
    let label = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([':', '.', '—', '-', ' '])
        .to_string();
    Some((label, start, len))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum LabelKind {
    /// Not a label: a challenge title, an option, anything else.
    None,
    /// Names one or more parts ("Root Cause & Fix" → why it was hard, solution).
    Parts(Vec<Facet>),
    /// The result of a challenge ("Result", "Impact").
    Result,
}

/// What a sub-heading or bold label inside a challenge names. Only the words before a
/// colon count ("Problem: Pings arrive late" is a problem label), and they must be a
/// label on their own, so "Cost of cold starts" stays a challenge title.
pub(super) fn label_kind(raw: &str) -> LabelKind {
    let head = raw.split(':').next().unwrap_or(raw);
    let norm = normalize_heading(head);
    if norm.is_empty() {
        return LabelKind::None;
    }
    let mut facets = Vec::new();
    for piece in norm.split(" and ") {
        let mut p = piece.trim();
        for lead in ["the ", "our ", "my ", "key "] {
            if let Some(r) = p.strip_prefix(lead) {
                p = r;
            }
        }
        let f = match p {
            "problem" | "problems" | "symptom" | "symptoms" | "issue" | "what happened"
            | "context" | "situation" | "problem statement" => Facet::Problem,
            "why it was hard"
            | "why hard"
            | "why it was difficult"
            | "what made it hard"
            | "root cause"
            | "cause"
            | "causes"
            | "difficulty"
            | "investigation"
            | "diagnosis"
            | "analysis"
            | "why"
            | "complexity"
            | "challenge" => Facet::WhyHard,
            "alternatives"
            | "alternative"
            | "alternatives considered"
            | "options"
            | "options considered"
            | "what we considered"
            | "what i considered"
            | "considered"
            | "approaches considered"
            | "other options"
            | "rejected options" => Facet::Alternatives,
            "solution" | "solutions" | "fix" | "fixes" | "resolution" | "how we solved it"
            | "how i solved it" | "how we fixed it" | "approach" | "what we did" | "what i did"
            | "implementation" => Facet::Solution,
            "trade off" | "trade offs" | "tradeoff" | "tradeoffs" | "downside" | "downsides"
            | "drawback" | "drawbacks" | "cost" | "costs" | "compromise" | "limitations"
            | "limitation" | "caveats" | "what we gave up" => Facet::TradeOff,
            "result" | "results" | "outcome" | "outcomes" | "impact" => {
                if facets.is_empty() {
                    return LabelKind::Result;
                }
                continue;
            }
            _ => return LabelKind::None,
        };
        facets.push(f);
    }
    if facets.is_empty() {
        LabelKind::None
    } else {
        LabelKind::Parts(facets)
    }
}

/// Headings in a Challenges section that are not challenges.
pub(super) fn is_aside(title: &str) -> bool {
    matches!(
        normalize_heading(title).as_str(),
        "overview"
            | "introduction"
            | "intro"
            | "summary"
            | "background"
            | "conclusion"
            | "recap"
            | "takeaways"
            | "key takeaways"
            | "lessons"
            | "lessons learned"
            | "references"
            | "further reading"
    )
}

/// A template slot standing in for content: `CHALLENGE_1 -- …`, `SOLUTION`, `ALT_1, ALT_2`.
pub(super) fn is_placeholder(text: &str) -> bool {
    let first = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let snake = first.contains('_')
        && first
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    snake
        || matches!(
            first,
            "SOLUTION" | "DIFFICULTY" | "CHALLENGE" | "TRADEOFF" | "ALTERNATIVE" | "TBD" | "TODO"
        )
}

// ---------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------

pub(super) static NUMBERED_CHALLENGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:challenge|bug|problem|issue|incident|obstacle|hurdle|pitfall)\s*(?:no\s*)?\d+(?-u:\b)",
    )
    .expect("numbered challenge pattern")
});
/// "Challenge 1 — ", "Bug 2: " before a challenge's own title.
pub(super) static NUMBERED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:challenge|bug|problem|issue|incident|obstacle|hurdle|pitfall)\s*#?\s*\d+\s*(?:[:.—–-]\s*)?")
        .expect("numbered label pattern")
});
pub(super) static NUMBERING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d+(?:\.\d+)*)\.?\s+").expect("numbering pattern"));

pub(super) static PROBLEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:the (?:problem|issue|symptom|bug|challenge) (?:was|is|here)|symptoms?|we (?:noticed|saw|found|observed|discovered|ran into|hit|encountered|realized|realised|faced)|ran into|(?:was|were|kept) (?:failing|crashing|timing out|slow)|failed|crash(?-u:\w)*|timed? ?out|timeouts?|bottlenecks?|latenc(?-u:\w)+|errors?|broke|broken|leak(?-u:\w)*|stuck|spikes?|overwhelm(?-u:\w)*|needed (?:a way|to)|had to)(?-u:\b)")
        .expect("problem pattern")
});
pub(super) static WHY_HARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:because|since|due to|as a result|the (?:challenge|difficulty|hard part|tricky part|catch|issue|problem) (?:is|was)|hard(?:er)?|difficult(?-u:\w)*|tricky|complex(?-u:\w)*|complicat(?-u:\w)*|non-trivial|however|but|not enough|insufficient|couldn't|could not|cannot|can't|wouldn't|would not|does not|doesn't|did not|didn't|is not|isn't|was not|wasn't|not easily|limit(?:s|ed|ation|ations)?|constrain(?-u:\w)*|naive(?-u:\w)*|obvious|must|without|overwhelm(?-u:\w)*|conflict(?-u:\w)*|concurren(?-u:\w)*|at scale|tedious|error-prone|time-consuming|brittle|fragile|risk(?-u:\w)*|expensive|unfamiliar|learning curve)(?-u:\b)")
        .expect("why-hard pattern")
});
pub(super) static ALTERNATIVES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:we|i|they) (?:also )?consider(?:ed)?|considered|considering|alternatives?|options considered|(?:another|one|other|alternative|both|either|these|those|the (?:first|second|other|obvious|only|simplest|naive)) (?:(?-u:\w)+ )?options?|instead(?: of)?|(?:didn't|did not|don't|do not|chose not to|decided not to) (?:use|choose|pick|go with|adopt)|why not|rather than|vs\.?|versus|compared (?:to|with)|comparison|in contrast|another (?:approach|option|way|solution|choice|alternative)|one (?:approach|option|solution|alternative)|(?:two|three|four|several|multiple|a few) (?:(?-u:\w)+ )?(?:approaches|options|ways|solutions|alternatives|mechanisms|strategies|choices|candidates|libraries|types)|(?:initially|originally|at first) (?:we |i )?(?:used|tried|chose|implemented|started|built|went with|considered|stored|decided|used)|(?:we|i) (?:tried|evaluated|explored|looked (?:into|at)|prototyped|investigated|weighed|benchmarked)|rejected|ruled out|decided against|opted (?:not|against)|(?:chose|picked|selected|preferred|went with|opted for|settled on)(?-u:\b)[^.]{0,60}(?-u:\b)over|switched (?:from|to)|migrated (?:from|to)|replaced|moved (?:away )?from|the obvious (?:solution|approach|fix|choice))(?-u:\b)")
        .expect("alternatives pattern")
});
pub(super) static SOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:solutions?|solved?|solving|fix(?:ed|es)?|resolv(?-u:\w)+|address(?:ed|es)?|mitigat(?-u:\w)+|work(?:ed)? ?around|(?:we|i) (?:(?-u:\w)+ )?(?:added|implemented|built|introduced|switched|moved|chose|used|decided|opted|adopted|wrote|replaced|migrated|enabled|configured|created|designed|split|separated|cached|wrapped|rewrote|set up|changed|made|turned|put|refactored|extracted|applied|increased|reduced|upgraded|went with|settled)|(?:chose|opted|decided|adopted|implemented|introduced|enabled|settled on)|to (?:solve|fix|address|resolve|handle|mitigate|tackle|avoid|prevent|overcome|manage) (?:this|the|it|that|these)|the answer was|(?:our|the) approach)(?-u:\b)")
        .expect("solution pattern")
});
pub(super) static TRADE_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:trade[- ]?offs?|downsides?|drawbacks?|at the (?:cost|expense|price) of|(?:the|a|this|one|an added|added) cost|costs? (?:us|more)|in exchange|sacrific(?-u:\w)+|penalt(?-u:\w)+|overhead|albeit|the catch|accept(?:ed|ing|able)?|compromis(?-u:\w)+|limitations?|caveats?|side[- ]effects?|gave up|give up|giving up|forgo(?-u:\w)*|(?:adds?|added|introduces?|introduced|increases?|increased) (?:(?-u:\w)+ ){0,2}(?:complexity|latency|cost|overhead|delay|friction|risk)|more complex|less (?:flexible|secure|modern|control|granular)|not (?:perfect|ideal)|(?:extra|additional|higher) (?:(?-u:\w)+ )?(?:cost|costs|latency|complexity|infrastructure|maintenance)|the (?:price|cost) (?:is|was)|at the price|upside|the flip side|on the other hand|on purpose|deliberate(?:ly)?|by design|intentional(?:ly)?|by choice|(?:has|have|had|offers?|with) (?:(?-u:\w)+ ){0,2}advantages?)(?-u:\b)")
        .expect("trade-off pattern")
});

/// Whether a text says a part in words.
pub(super) fn says(f: Facet, text: &str) -> bool {
    match f {
        Facet::Alternatives => mentions_alternative(text),
        _ => facet_wording(f).is_match(text),
    }
}

pub(super) fn facet_wording(f: Facet) -> &'static Regex {
    match f {
        Facet::Problem => &PROBLEM,
        Facet::WhyHard => &WHY_HARD,
        Facet::Alternatives => &ALTERNATIVES,
        Facet::Solution => &SOLUTION,
        Facet::TradeOff => &TRADE_OFF,
    }
}

pub(super) static STATED_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(two|three|four|five|six|several|multiple|a few|2|3|4|5)\s+(?:(?-u:\w)+\s+)?(?:approaches|options|ways|solutions|alternatives|mechanisms|strategies|choices|candidates|libraries|types|designs|methods)(?-u:\b)")
        .expect("stated count pattern")
});
pub(super) static VERSUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:vs\.?|versus|compared (?:to|with)|(?:consider(?:ed|ing)|evaluated|explored|looked (?:into|at)) [^.]{1,80}(?:,| and | or )|(?:instead of|rather than|(?:didn't|did not) use) [^.,;]{1,80}(?: or | and ))")
        .expect("versus pattern")
});

/// Alternatives a sentence names: a stated count ("three mechanisms"), a comparison
/// (two), any other mention of an option (one).
pub(super) fn alternatives_in(text: &str) -> usize {
    if let Some(c) = STATED_COUNT.captures(text) {
        return match c[1].to_ascii_lowercase().as_str() {
            "three" | "3" => 3,
            "four" | "4" => 4,
            "five" | "5" => 5,
            "six" => 6,
            _ => 2,
        };
    }
    if VERSUS.is_match(text) {
        return 2;
    }
    // Neither a count nor a comparison: only the other mentions remain to look for.
    usize::from(names_an_option(text))
}

/// [`alternatives_in`] for each unit of a challenge.
fn units_alternatives(units: &[(Span, String)]) -> Vec<usize> {
    units.iter().map(|(_, t)| alternatives_in(t)).collect()
}

/// "Instead of failing loudly, the parser skipped the row" describes what a system
/// did, not an option the authors weighed.
pub(super) static BEHAVIOUR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:instead of|rather than)\s+(?:raising|throwing|returning|failing|crashing|erroring|reporting|logging|showing|surfacing|retrying|waiting|blocking)(?-u:\b)")
        .expect("behaviour pattern")
});

/// Whether a text mentions an option weighed.
pub(super) fn mentions_alternative(text: &str) -> bool {
    VERSUS.is_match(text) || STATED_COUNT.is_match(text) || names_an_option(text)
}

/// The alternatives wording, less "instead of failing" and the like (behaviour, not an
/// option).
pub(super) fn names_an_option(text: &str) -> bool {
    ALTERNATIVES.find_iter(text).any(|m| {
        let w = m.as_str().to_ascii_lowercase();
        !(w.starts_with("instead") || w.starts_with("rather than")) || !BEHAVIOUR.is_match(text)
    })
}

pub(super) static PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]*\)").expect("parens"));
pub(super) static EXPLANATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s(?:—|--|–|-)\s.*$").expect("explanation"));
pub(super) static LIST_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i),|\s+or\s+|\s+and\s+|\s*/\s*|·").expect("list separator"));

/// Options a labelled prose part lists between semicolons (commas inside an item are
/// its own explanation, not more options); text in parentheses is left out.
pub(super) fn semicolon_items(text: &str) -> usize {
    PARENS
        .replace_all(text, "")
        .split(';')
        .filter(|seg| seg.chars().any(|c| c.is_alphanumeric()))
        .count()
}

/// Items listed in an alternatives cell: "Mongoose transactions (…); pessimistic locks"
/// is two, "Single cookie with role claim — ambiguous when …" is one.
pub(super) fn count_listed(cell: &str) -> usize {
    let no_parens = PARENS.replace_all(cell, "");
    no_parens
        .split(';')
        .map(|seg| {
            let seg = EXPLANATION.replace(seg, "");
            LIST_SEP
                .split(&seg)
                .filter(|p| p.chars().any(|c| c.is_alphanumeric()))
                .count()
        })
        .sum()
}

/// "From X to Y", checked apart because a range ("files from 2 MB to 8 MB") is not a
/// change.
pub(super) static FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)from\s+(?:about\s+|around\s+|roughly\s+|over\s+|~|≈)?[$€£]?\d[\d.,]*\s*[%a-zµ/]*\s+(?:down\s+|up\s+)?to\s+(?:about\s+|around\s+|under\s+|below\s+|~|≈)?[$€£]?\d",
    )
    .expect("from-to pattern")
});
/// The other ways of giving a before→after figure, as one pattern (one scan of the
/// text instead of eleven).
pub(super) static BEFORE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives = [
        r"\d[\d.,]*\s*[%a-zA-Zµ/]*\s*(?:→|->|=>|⟶|➡)\s*(?:~|≈)?[$€£]?\d",
        r"(?i)(?-u:\b)(?:reduc|cut|drop|fell|fall|decreas|improv|increas|rose|rise|grew|sped|speed|lower|boost|shr[ai]nk|halv|doubl|tripl|sav)(?-u:\w)*(?-u:\b)[^.;]{0,60}?(?-u:\b)by\s+(?:about\s+|around\s+|~|≈)?\d[\d.,]*\s*(?:%|x(?-u:\b)|×|times|ms(?-u:\b)|s(?-u:\b)|seconds|percent)",
        r"(?i)(?-u:\b)\d[\d.,]*\s*(?:x|×|times)\s+(?:faster|slower|fewer|more|less|higher|lower|smaller|larger|cheaper|improvement|increase|reduction|speed-?up)",
        r"(?i)\d[\d.,]*\s*(?:%|x|×)\s+(?:relative\s+)?(?:increase|decrease|reduction|improvement|faster|drop|fewer|less|lower|higher|speed-?up)",
        r"(?i)(?-u:\b)(?:whereas|while)\s+(?:previously|before|earlier|initially)(?-u:\b)[^.]*\d",
        r"(?i)\d[^.]*(?-u:\b)(?:compared|relative)\s+(?:to|with)\s+(?:the\s+|our\s+)?(?:prior|previous|initial|original|old|baseline|earlier|first)(?-u:\b)",
        r"(?i)(?-u:\b)(?:compared|relative)\s+(?:to|with)\s+(?:the\s+|our\s+)?(?:prior|previous|initial|original|old|baseline|earlier|first)(?-u:\b)[^.]*\d",
        r"(?i)\d[^.]*(?-u:\b)(?:dropped|fell|rose|jumped|climbed|grew|shrank|decreased|increased|improved|went down|went up)(?-u:\b)[^.]{0,40}(?-u:\b)to\s+(?:about\s+|~|≈)?\d",
        r"(?i)(?-u:\b)before(?-u:\b)[^.]{0,80}\d[^.]{0,80}(?-u:\b)after(?-u:\b)[^.]{0,80}\d",
        r"(?i)\d[^.]*(?-u:\b)(?:compared|relative)\s+(?:to|with)(?-u:\b)|(?-u:\b)(?:compared|relative)\s+(?:to|with)(?-u:\b)[^.]*\d",
        r"(?i)(?-u:\b)\d+/\d+\s+(?:of|the)(?-u:\b)|(?-u:\b)\d[\d.,]*\s*(?:x|×)\s+(?:difference|cheaper|more expensive|the (?:cost|price|throughput|latency|number))",
    ];
    let scoped: Vec<String> = alternatives
        .iter()
        .map(|p| match p.strip_prefix("(?i)") {
            Some(rest) => format!("(?i:{rest})"),
            None => format!("(?:{p})"),
        })
        .collect();
    Regex::new(&scoped.join("|")).expect("before-after pattern")
});

/// Whether a text gives a before→after figure ("from 3.2 s to 45 ms", "2.5s → 1.0s",
/// "cut by 40%", "1.8× the previous number").
pub(crate) fn before_after(text: &str) -> bool {
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // "files (from 2 MB to 8 MB) are accepted" is a range, not a change.
    FROM_TO
        .find_iter(text)
        .any(|m| !RANGE.is_match(&text[..m.start()]))
        || BEFORE_AFTER.is_match(text)
}

pub(super) static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\(\s*|(?-u:\b)(?:rang(?-u:\w)*|vary(?-u:\w)*|varied|between|sized?|sizes)\s+)$",
    )
    .expect("range pattern")
});

pub(super) static FAILURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:crash(?-u:\w)*|timed? ?out|timeouts?|ran out|out of memory|oom|leak(?-u:\w)*|hung|hangs?|deadlock(?-u:\w)*|race conditions?|duplicat(?-u:\w)+|lost|dropp(?-u:\w)+|stale|negative|silently|throttl(?-u:\w)+|overwr(?-u:\w)+|corrupt(?-u:\w)*|inconsistent|expired?|mismatch(?-u:\w)*|truncat(?-u:\w)+|spik(?-u:\w)+|never (?:received|arrived|delivered|reached)|disconnect(?-u:\w)*|froze|freez(?-u:\w)+|failed|failing|fails|rejected|broke|broken|wrong|missing|blank|overs[oe]l(?-u:\w)*|flak(?-u:\w)+|bottleneck(?-u:\w)*|unresponsive|orphan(?-u:\w)*|infinite loop|memory)(?-u:\b)")
        .expect("failure pattern")
});
pub(super) static CAMEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*)(?-u:\b)")
        .expect("camel pattern")
});
pub(super) static CAPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Z][A-Z0-9]{1,}[a-z]?(?-u:\b)").expect("acronym pattern")
});
pub(super) static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?-u:\w)+\.(?:js|io|py|rs|go|net|ts|dev|sh)(?-u:\b)|(?-u:\b)[a-z]+\d+(?-u:\b)")
        .expect("dotted pattern")
});
pub(super) static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)\d{2,}(?-u:\b)|(?-u:\b)\d+(?:\.\d+)+(?-u:\b)").expect("number pattern")
});

/// Acronyms too general to name anything.
pub(super) const GENERIC_CAPS: &[&str] = &[
    "UI", "UX", "API", "APIS", "DB", "OK", "ID", "IDS", "MVP", "TODO", "TBD", "FAQ", "CRUD", "URL",
];

/// Whether a text names something a reader could look up: a figure, inline code, a
/// technology (a known name, an acronym, a camel-cased or dotted name) or, in running
/// prose (`title_case` false), a capitalised word inside a sentence.
pub(crate) fn names_something(
    doc: &Document,
    text: &str,
    source: Option<Span>,
    profile: &Profile,
    title_case: bool,
) -> bool {
    if prose::has_quantity(text) || NUMBER.is_match(text) {
        return true;
    }
    if source.is_some_and(|s| doc.slice(s).contains('`')) {
        return true;
    }
    if CAMEL.is_match(text) || DOTTED.is_match(text) {
        return true;
    }
    if CAPS.find_iter(text).any(|m| {
        !GENERIC_CAPS.contains(
            &m.as_str()
                .trim_end_matches('s')
                .to_ascii_uppercase()
                .as_str(),
        )
    }) {
        return true;
    }
    let lower = text.to_lowercase();
    let openings = util::Openings::of(&lower);
    if profile
        .vocabulary
        .named_tools
        .iter()
        .any(|w| openings.may_open(w) && has_phrase(&lower, w))
    {
        return true;
    }
    if !title_case {
        for r in prose::split_sentences(text) {
            let mut prev: Option<&str> = None;
            for w in text[r].split_whitespace() {
                let starts_clause = prev.is_none_or(|p| {
                    p.ends_with([':', '.', '!', '?', '—', '-', '(', '"']) || p == "-" || p == "–"
                });
                let word = w.trim_matches(|c: char| !c.is_alphanumeric());
                let cap = word.chars().next().is_some_and(|c| c.is_uppercase())
                    && word.chars().count() >= 2
                    && word.chars().skip(1).any(|c| c.is_lowercase());
                if cap && !starts_clause {
                    return true;
                }
                prev = Some(w);
            }
        }
    }
    false
}

/// `phrase` (lower case) in `lower` on word boundaries.
pub(crate) fn has_phrase(lower: &str, phrase: &str) -> bool {
    find_phrase(lower, phrase).is_some()
}

/// Byte range of `phrase` (lower case) in `lower` on word boundaries.
pub(crate) fn find_phrase(lower: &str, phrase: &str) -> Option<std::ops::Range<usize>> {
    // Vocabulary is written in lower case already; only lower-case what is not.
    let p: std::borrow::Cow<str> = if phrase.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        phrase.to_lowercase().into()
    } else {
        phrase.into()
    };
    first_on_boundaries(lower, p.len(), |from| {
        crate::search::find_at(lower, &p, from)
    })
}

/// The first match on word boundaries of a `len`-byte phrase in `lower`, where
/// `find_at(from)` finds the phrase's next occurrence at or after `from`.
pub(crate) fn first_on_boundaries(
    lower: &str,
    len: usize,
    find_at: impl Fn(usize) -> Option<usize>,
) -> Option<std::ops::Range<usize>> {
    if len == 0 {
        return None;
    }
    let mut from = 0;
    while let Some(start) = find_at(from) {
        let end = start + len;
        let before = lower[..start].chars().next_back();
        let after = lower[end..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
        if edge(before) && edge(after) {
            return Some(start..end);
        }
        from = start + len;
        while from < lower.len() && !lower.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// Words of a span for comparing section lengths: prose words plus table-cell words.
pub(crate) fn words_with_tables(doc: &Document, span: Span) -> u32 {
    let mut n = doc.prose().words_in(span);
    for t in Document::in_span(&doc.tables, span) {
        for c in t.rows.iter().flatten() {
            n += prose::count_words(&c.text.text).0;
        }
    }
    n
}
