//! Measures of a document: the figures a reader (and the rubric) weighs beside the rules.
//!
//! Everything here is computed from the parsed [`Document`] — never by reading the text
//! again — and from the profile's thresholds, once per document: words per guide section
//! and in total, an estimate of printed pages, long sentences, Flesch reading ease,
//! numbers with units, acronyms and whether each is expanded at its first use, and counts
//! of diagrams and images. The style and evidence rules read the same functions, so a
//! figure printed by `casekit score` is the figure a rule reported.
//!
//! Attribution: a piece of text belongs to the nearest enclosing heading that is matched
//! to a guide section. A sub-heading matched to another guide section ("Data Model"
//! inside "Architecture") takes its text with it; a sub-heading matched to nothing stays
//! in its parent. Text before the first matched heading is counted as `unsectioned`.

mod acronyms;
mod expansion;

pub use self::acronyms::{acronyms, in_inline_code, in_link, Acronym};

use crate::document::{prose, CodeBlock, Document, Image, ImageKind, Sentence};
use crate::profile::Profile;
use serde::Serialize;

/// All the measures of one document. Serialises to the JSON `casekit score` prints.
#[derive(Clone, Debug, Serialize)]
pub struct Measures {
    /// Words of prose: paragraphs and list items (not headings, tables or code).
    pub words: u32,
    pub sentences: u32,
    /// Sentences longer than the profile's `max_sentence_words`.
    pub long_sentences: u32,
    /// Flesch reading ease of all the prose; `None` with too little text.
    pub reading_ease: Option<f64>,
    /// Numbers with units (`200 ms`, `p95`, `40%`, `3 weeks`) anywhere in the text.
    pub quantities: u32,
    pub quantities_per_1000_words: Option<f64>,
    pub pages: PageEstimate,
    pub visuals: Visuals,
    /// Code blocks that are not diagrams, and their lines.
    pub code_blocks: u32,
    pub code_lines: u32,
    pub tables: u32,
    /// Table rows, header rows included.
    pub table_rows: u32,
    /// One entry per guide section present, in the profile's order.
    pub sections: Vec<SectionMeasures>,
    /// Prose words outside any section matched to the guide.
    pub unsectioned_words: u32,
    /// Every acronym used, in order of first use.
    pub acronyms: Vec<Acronym>,
}

/// The figures of one guide section (all the headings matched to it, together).
#[derive(Clone, Debug, Serialize)]
pub struct SectionMeasures {
    /// The profile's section id (`challenges`).
    pub id: String,
    /// The heading as written (the best-matched one when there are several).
    pub heading: String,
    /// 1-based line of that heading.
    pub line: usize,
    pub words: u32,
    pub sentences: u32,
    pub long_sentences: u32,
    pub reading_ease: Option<f64>,
    pub quantities: u32,
    pub quantities_per_1000_words: Option<f64>,
    pub diagrams: u32,
    pub images: u32,
    pub tables: u32,
}

/// The estimated printed length and how it was reached.
///
/// Method: (prose words + table rows × `words_per_table_row` + diagrams ×
/// `words_per_diagram` + code lines × `words_per_code_line`) ÷ `words_per_page`, every
/// factor from the profile's thresholds. Table rows include header rows; code lines are
/// those of non-diagram code blocks; images are not counted (their printed size varies
/// too much to guess).
#[derive(Clone, Debug, Serialize)]
pub struct PageEstimate {
    pub prose_words: u32,
    pub table_rows: u32,
    pub diagrams: u32,
    pub code_lines: u32,
    /// Everything above converted to words.
    pub word_equivalents: f64,
    /// Word equivalents ÷ words per page, rounded to one decimal.
    pub pages: f64,
    /// The calculation in words, e.g. "2,140 prose words + 18 table rows × 12 + …".
    pub method: String,
}

/// Diagrams and images, the visual evidence.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Visuals {
    /// ```` ```mermaid ```` blocks (and other diagram languages: PlantUML, Graphviz, D2).
    pub diagrams: u32,
    /// Pictures: Markdown and HTML images and animated GIFs, badges left out.
    pub images: u32,
    /// Diagrams drawn as text in code blocks (box-drawing characters, arrows);
    /// directory trees are not counted.
    pub drawings: u32,
    /// Videos and embedded players.
    pub videos: u32,
}

impl Visuals {
    /// Diagrams, text drawings and images together.
    pub fn total(&self) -> u32 {
        self.diagrams + self.drawings + self.images
    }
}

impl Measures {
    /// Computes every measure of `doc` with the thresholds and vocabulary of `profile`.
    pub fn of(doc: &Document, profile: &Profile) -> Measures {
        let t = &profile.thresholds;
        let long = t.max_sentence_words as u32;
        let p = doc.prose();
        let owners = Owners::new(doc);

        let words: u32 = p.sentences.iter().map(|s| s.words).sum();
        // Each sentence's length as a reader meets it, measured once for the document and
        // for its section.
        let long_at: Vec<bool> = doc.reader_lengths().iter().map(|&n| n > long).collect();
        // Figures by guide section, kept at the first of the profile's sections with that
        // id: each outline section's slot is found once, not hashed per sentence.
        let slot_of_id = |id: &str| profile.sections.iter().position(|p| p.id == id);
        let slots: Vec<Option<usize>> = doc
            .sections
            .iter()
            .map(|s| s.guide.as_deref().and_then(slot_of_id))
            .collect();
        let mut by_slot: Vec<Acc> = Vec::new();
        by_slot.resize_with(profile.sections.len(), Acc::default);
        let slot = |at: u32| owners.owner_of(at).and_then(|owner| slots[owner]);
        let mut unsectioned_words = 0;
        for (i, s) in p.sentences.iter().enumerate() {
            match owners.owner_of(s.span.start) {
                Some(owner) => {
                    if let Some(slot) = slots[owner] {
                        by_slot[slot].sentences.push(i);
                    }
                }
                None => unsectioned_words += s.words,
            }
        }
        for q in &p.quantities {
            if let Some(i) = slot(q.span.start) {
                by_slot[i].quantities += 1;
            }
        }
        for c in doc.code_blocks.iter().filter(|c| is_diagram(c)) {
            if let Some(i) = slot(c.span.start) {
                by_slot[i].diagrams += 1;
            }
        }
        for image in doc.images.iter().filter(|i| is_picture(doc, i)) {
            if let Some(i) = slot(image.span.start) {
                by_slot[i].images += 1;
            }
        }
        for tb in &doc.tables {
            if let Some(i) = slot(tb.span.start) {
                by_slot[i].tables += 1;
            }
        }

        let mut sections = Vec::new();
        for spec in &profile.sections {
            let Some(best) = crate::document::outline::section(doc, &spec.id) else {
                continue;
            };
            let a = slot_of_id(&spec.id)
                .map(|i| std::mem::take(&mut by_slot[i]))
                .unwrap_or_default();
            let w: u32 = a.sentences.iter().map(|&i| p.sentences[i].words).sum();
            sections.push(SectionMeasures {
                id: spec.id.clone(),
                heading: best.title.clone(),
                line: doc.lines.line_of(best.heading.start) + 1,
                words: w,
                sentences: a.sentences.len() as u32,
                long_sentences: a.sentences.iter().filter(|&&i| long_at[i]).count() as u32,
                reading_ease: prose::reading_ease_of(a.sentences.iter().map(|&i| &p.sentences[i]))
                    .map(round1),
                quantities: a.quantities,
                quantities_per_1000_words: per_1000(a.quantities, w),
                diagrams: a.diagrams,
                images: a.images,
                tables: a.tables,
            });
        }

        let code: Vec<&CodeBlock> = doc.code_blocks.iter().filter(|c| !is_diagram(c)).collect();
        Measures {
            words,
            sentences: p.sentences.len() as u32,
            long_sentences: long_at.iter().filter(|&&l| l).count() as u32,
            reading_ease: prose::reading_ease_of(&p.sentences).map(round1),
            quantities: p.quantities.len() as u32,
            quantities_per_1000_words: per_1000(p.quantities.len() as u32, words),
            pages: PageEstimate::of(doc, profile),
            visuals: Visuals::of(doc),
            code_blocks: code.len() as u32,
            code_lines: code.iter().map(|c| c.line_count as u32).sum(),
            tables: doc.tables.len() as u32,
            table_rows: table_rows(doc),
            sections,
            unsectioned_words,
            acronyms: acronyms(doc, profile),
        }
    }
}

#[derive(Default)]
struct Acc {
    /// Indices into the prose's sentences.
    sentences: Vec<usize>,
    quantities: u32,
    diagrams: u32,
    images: u32,
    tables: u32,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn per_1000(n: u32, words: u32) -> Option<f64> {
    (words > 0).then(|| round1(n as f64 * 1000.0 / words as f64))
}

fn table_rows(doc: &Document) -> u32 {
    doc.tables
        .iter()
        .map(|t| t.rows.len() as u32 + u32::from(!t.header.is_empty()))
        .sum()
}

/// The profile id of the guide section that the text at byte `at` belongs to: the
/// nearest enclosing heading matched to the guide.
pub fn guide_section_at(doc: &Document, at: u32) -> Option<&str> {
    Owners::new(doc).guide_of(at)
}

/// Words in a sentence as a reader meets it: the prose splitter keeps together
/// sentences that start in lower case ("… in localStorage. localStorage is …") or lack
/// the space after the full stop; this measures the longest of those pieces. Lines
/// joined by hard breaks are lines, not one sentence: the longest line counts.
pub fn sentence_length(doc: &Document, s: &Sentence) -> u32 {
    // A sentence of the document's prose (what rules pass) is measured once, for all
    // who ask: it is found in the prose by its address.
    match index_in(&doc.prose().sentences, s) {
        Some(i) => doc.reader_lengths()[i],
        None => crate::document::reader_length::measure_sentence(doc, s),
    }
}

/// Where `s` sits in `all`, if it is one of its items (not an equal copy).
fn index_in(all: &[Sentence], s: &Sentence) -> Option<usize> {
    let offset = (s as *const Sentence as usize).checked_sub(all.as_ptr() as usize)?;
    let i = offset / std::mem::size_of::<Sentence>();
    all.get(i).filter(|&item| std::ptr::eq(item, s)).map(|_| i)
}

/// Finds, for a byte offset, the guide section its text belongs to.
struct Owners<'a> {
    doc: &'a Document,
}

impl<'a> Owners<'a> {
    fn new(doc: &'a Document) -> Self {
        Owners { doc }
    }

    /// The guide id of the nearest enclosing section matched to the guide.
    fn guide_of(&self, at: u32) -> Option<&'a str> {
        let owner = self.owner_of(at)?;
        self.doc.sections[owner].guide.as_deref()
    }

    /// The index of the nearest enclosing section matched to the guide.
    fn owner_of(&self, at: u32) -> Option<usize> {
        let secs = &self.doc.sections;
        let i = secs.partition_point(|s| s.span.start <= at);
        let mut cur = i.checked_sub(1);
        while let Some(c) = cur {
            let s = &secs[c];
            if s.span.contains_offset(at) && s.guide.is_some() {
                return Some(c);
            }
            cur = s.parent;
        }
        None
    }
}

/// Languages whose code blocks are diagrams rather than code.
pub fn is_diagram(c: &CodeBlock) -> bool {
    c.is_mermaid()
        || matches!(
            c.lang.as_deref(),
            Some("plantuml" | "puml" | "dot" | "graphviz" | "d2")
        )
}

/// Whether a code block's body is a text drawing: a third or more of its lines use
/// box-drawing characters or arrows (diagrams, directory trees).
pub fn is_drawing(body: &str) -> bool {
    let mut lines = 0;
    let mut drawn = 0;
    for l in body.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        if l.chars().any(|c| {
            ('\u{2500}'..='\u{257F}').contains(&c)
                || matches!(c, '▼' | '▲' | '►' | '◄' | '→' | '←' | '↓' | '↑')
        }) {
            drawn += 1;
        }
    }
    lines > 0 && drawn * 3 >= lines
}

/// Whether a text drawing is a directory tree (`├── src/`) rather than a diagram.
fn is_tree(body: &str) -> bool {
    let branches = body
        .lines()
        .filter(|l| l.contains("├──") || l.contains("└──"))
        .count();
    let lines = body.lines().filter(|l| !l.trim().is_empty()).count();
    branches * 2 >= lines
}

/// A status badge (build passing, version, licence) is an image but no evidence.
fn is_badge(src: &str) -> bool {
    let l = src.to_ascii_lowercase();
    // Searched without setting up a searcher per needle: this runs several times for
    // every image.
    [
        "shields.io",
        "badge",
        "badgen.net",
        "travis-ci.",
        "codecov.io",
        "circleci.com",
    ]
    .iter()
    .any(|b| crate::search::find_at(&l, b, 0).is_some())
}

/// Whether an image is a picture a reader looks at: a Markdown or HTML image or an
/// animated GIF, not a badge, a video or an embedded player.
pub fn is_picture(doc: &Document, i: &Image) -> bool {
    if is_badge(&i.src) {
        return false;
    }
    match i.kind {
        ImageKind::Markdown => true,
        ImageKind::Html => doc
            .slice(i.span)
            .get(..4)
            .is_some_and(|t| t.eq_ignore_ascii_case("<img")),
        ImageKind::Video => {
            let path = i.src.split(['?', '#']).next().unwrap_or("").as_bytes();
            path.len() >= 4 && path[path.len() - 4..].eq_ignore_ascii_case(b".gif")
        }
    }
}

impl Visuals {
    pub fn of(doc: &Document) -> Visuals {
        let diagrams = doc.code_blocks.iter().filter(|c| is_diagram(c)).count() as u32;
        let images = doc.images.iter().filter(|i| is_picture(doc, i)).count() as u32;
        let videos = doc
            .images
            .iter()
            .filter(|i| !is_picture(doc, i) && !is_badge(&i.src))
            .count() as u32;
        let drawings = doc
            .code_blocks
            .iter()
            .filter(|c| {
                let body = doc.slice(c.body);
                !is_diagram(c) && is_drawing(body) && !is_tree(body)
            })
            .count() as u32;
        Visuals {
            diagrams,
            images,
            drawings,
            videos,
        }
    }
}

impl PageEstimate {
    /// Estimates printed pages; see the type's docs for the method.
    pub fn of(doc: &Document, profile: &Profile) -> PageEstimate {
        let t = &profile.thresholds;
        let prose_words: u32 = doc.prose().sentences.iter().map(|s| s.words).sum();
        let table_rows = table_rows(doc);
        let diagrams = doc.code_blocks.iter().filter(|c| is_diagram(c)).count() as u32;
        let code_lines: u32 = doc
            .code_blocks
            .iter()
            .filter(|c| !is_diagram(c))
            .map(|c| c.line_count as u32)
            .sum();
        let word_equivalents = prose_words as f64
            + table_rows as f64 * t.words_per_table_row
            + diagrams as f64 * t.words_per_diagram
            + code_lines as f64 * t.words_per_code_line;
        let pages = if t.words_per_page > 0.0 {
            round1(word_equivalents / t.words_per_page)
        } else {
            0.0
        };
        let method = format!(
            "{} prose words + {} table rows × {} + {} diagrams × {} + {} code lines × {} = {} word equivalents, ÷ {} words per page",
            thousands(prose_words as f64),
            table_rows,
            t.words_per_table_row,
            diagrams,
            t.words_per_diagram,
            code_lines,
            t.words_per_code_line,
            thousands(word_equivalents),
            t.words_per_page
        );
        PageEstimate {
            prose_words,
            table_rows,
            diagrams,
            code_lines,
            word_equivalents,
            pages,
            method,
        }
    }
}

/// `12345.6` → `"12,346"`.
fn thousands(x: f64) -> String {
    let n = x.round() as u64;
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    fn measure(text: &str) -> Measures {
        let doc = Document::parse(Source::new("t.md", text), Profile::guide());
        Measures::of(&doc, Profile::guide())
    }

    #[test]
    fn attributes_words_to_guide_sections() {
        let m = measure(
            "# T\n\nIntro words here.\n\n## Overview\n\nOne two three four.\n\n### Detail\n\nFive six.\n\n## Challenges\n\nSeven eight nine.\n",
        );
        let words: Vec<(&str, u32)> = m
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.words))
            .collect();
        assert_eq!(words, vec![("overview", 6), ("challenges", 3)]);
        assert_eq!(m.unsectioned_words, 3);
        assert_eq!(m.words, 12);
    }

    #[test]
    fn estimates_pages_from_every_part() {
        let body = "word ".repeat(400);
        let text = format!(
            "# T\n\n{body}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```mermaid\ngraph TD\nA-->B\n```\n\n```rust\nfn a() {{}}\nfn b() {{}}\n```\n"
        );
        let m = measure(&text);
        // 400 words + 2 rows × 12 + 1 diagram × 150 + 2 lines × 8 = 590 → 1.2 pages
        assert_eq!(m.pages.word_equivalents, 590.0);
        assert_eq!(m.pages.pages, 1.2);
        assert!(
            m.pages.method.contains("400 prose words"),
            "{}",
            m.pages.method
        );
        assert_eq!(m.visuals.diagrams, 1);
        assert_eq!(m.code_lines, 2);
    }

    #[test]
    fn finds_acronyms_and_their_expansion() {
        let m = measure(
            "# T\n\nFailed events go to the DLQ.\n\nA dead-letter queue (DLQ) keeps them. The API and `SQS_URL` and NOT https://x.io/ABC are ignored.\n",
        );
        let names: Vec<&str> = m.acronyms.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(names, vec!["DLQ", "API"]);
        let dlq = &m.acronyms[0];
        assert_eq!(dlq.uses, 2);
        assert!(dlq.expanded_at.is_some() && !dlq.expanded_first);
        assert!(m.acronyms[1].common);
    }

    #[test]
    fn counts_pictures_not_badges() {
        let m = measure(
            "# T\n\n![build](https://img.shields.io/badge/x.svg) ![arch](arch.png) <img src=\"a.png\"> ![demo](demo.gif) <video src=\"a.mp4\"></video>\n",
        );
        assert_eq!(m.visuals.images, 3);
        assert_eq!(m.visuals.videos, 1);
    }

    #[test]
    fn measures_sentences_as_a_reader_meets_them() {
        let doc = Document::parse(
            Source::new(
                "t.md",
                "# T\n\nWe kept the id in localStorage. localStorage is small and it is read by every script on the page so it leaks.\n",
            ),
            Profile::guide(),
        );
        let s = &doc.prose().sentences[0];
        assert_eq!(s.words, 22);
        assert_eq!(sentence_length(&doc, s), 16);
        // A copy is not found in the prose, and is measured the same.
        assert_eq!(sentence_length(&doc, &s.clone()), 16);
    }
}
