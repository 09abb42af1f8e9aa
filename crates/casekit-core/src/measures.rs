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

use crate::document::{prose, CodeBlock, Document, Image, ImageKind, Sentence, TextRun};
use crate::profile::Profile;
use crate::source::Span;
use serde::Serialize;
use std::collections::HashMap;

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

/// One acronym and how the document introduces it.
#[derive(Clone, Debug, Serialize)]
pub struct Acronym {
    /// As written at its first use (`APIs`, `DLQ`); uses with and without a plural `s`
    /// are counted together.
    pub text: String,
    pub uses: u32,
    /// Used in a paragraph or list item (not only in table cells).
    pub in_prose: bool,
    /// In the profile's `common_acronyms`.
    pub common: bool,
    /// Also appears in a heading or the title (a name, or the topic of a section).
    pub in_heading: bool,
    pub first_use: Span,
    pub first_line: usize,
    /// Where it is spelled out ("dead-letter queue (DLQ)"), if anywhere.
    pub expanded_at: Option<Span>,
    pub expanded_line: Option<usize>,
    /// The reader meets the expansion at the first use or before it (right after it
    /// in the same paragraph counts: "the MERN stack: MongoDB, Express, React, Node").
    pub expanded_first: bool,
}

impl Measures {
    /// Computes every measure of `doc` with the thresholds and vocabulary of `profile`.
    pub fn of(doc: &Document, profile: &Profile) -> Measures {
        let t = &profile.thresholds;
        let long = t.max_sentence_words as u32;
        let p = doc.prose();
        let owners = Owners::new(doc);

        let words: u32 = p.sentences.iter().map(|s| s.words).sum();
        let mut by_id: HashMap<&str, Acc> = HashMap::new();
        let mut unsectioned_words = 0;
        for s in &p.sentences {
            match owners.guide_of(s.span.start) {
                Some(id) => {
                    let a = by_id.entry(id).or_default();
                    a.sentences.push(s);
                }
                None => unsectioned_words += s.words,
            }
        }
        for q in &p.quantities {
            if let Some(id) = owners.guide_of(q.span.start) {
                by_id.entry(id).or_default().quantities += 1;
            }
        }
        for c in doc.code_blocks.iter().filter(|c| is_diagram(c)) {
            if let Some(id) = owners.guide_of(c.span.start) {
                by_id.entry(id).or_default().diagrams += 1;
            }
        }
        for i in doc.images.iter().filter(|i| is_picture(doc, i)) {
            if let Some(id) = owners.guide_of(i.span.start) {
                by_id.entry(id).or_default().images += 1;
            }
        }
        for tb in &doc.tables {
            if let Some(id) = owners.guide_of(tb.span.start) {
                by_id.entry(id).or_default().tables += 1;
            }
        }

        let mut sections = Vec::new();
        for spec in &profile.sections {
            let Some(best) = crate::rules::util::section(doc, &spec.id) else {
                continue;
            };
            let a = by_id.remove(spec.id.as_str()).unwrap_or_default();
            let w: u32 = a.sentences.iter().map(|s| s.words).sum();
            sections.push(SectionMeasures {
                id: spec.id.clone(),
                heading: best.title.clone(),
                line: doc.lines.line_of(best.heading.start) + 1,
                words: w,
                sentences: a.sentences.len() as u32,
                long_sentences: a
                    .sentences
                    .iter()
                    .filter(|s| sentence_length(doc, s) > long)
                    .count() as u32,
                reading_ease: prose::reading_ease_of(a.sentences.iter().copied()).map(round1),
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
            long_sentences: p
                .sentences
                .iter()
                .filter(|s| sentence_length(doc, s) > long)
                .count() as u32,
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
struct Acc<'a> {
    sentences: Vec<&'a Sentence>,
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

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "approx", "incl", "cf", "al", "fig", "no", "viz",
];

/// Words in a sentence as a reader meets it: the prose splitter keeps together
/// sentences that start in lower case ("… in localStorage. localStorage is …") or lack
/// the space after the full stop; this measures the longest of those pieces. Lines
/// joined by hard breaks are lines, not one sentence: the longest line counts.
pub fn sentence_length(doc: &Document, s: &Sentence) -> u32 {
    let src = doc.slice(s.span);
    let br = memchr::memchr_iter(b'<', src.as_bytes()).any(|i| {
        src.as_bytes()[i + 1..]
            .get(..2)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"br"))
    });
    if br || (src.contains('\n') && (src.contains("  \n") || src.contains("\\\n"))) {
        return src
            .split('\n')
            .flat_map(|l| l.split("<br"))
            .map(|l| prose::count_words(l).0)
            .max()
            .unwrap_or(0);
    }
    let t = s.text.as_str();
    let b = t.as_bytes();
    let mut longest = 0;
    let mut start = 0;
    for i in 1..b.len().saturating_sub(1) {
        if !matches!(b[i], b'.' | b'!' | b'?') {
            continue;
        }
        let glued = b[i - 1].is_ascii_lowercase() && b[i + 1].is_ascii_uppercase();
        let lower_next =
            b[i + 1] == b' ' && b.get(i + 2).is_some_and(|c| c.is_ascii_lowercase()) && {
                let word = t[start..i].rsplit(' ').next().unwrap_or("");
                word.len() >= 3
                    && word.chars().all(|c| c.is_ascii_alphabetic())
                    && !ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
            };
        if glued || lower_next {
            longest = longest.max(prose::count_words(&t[start..=i]).0);
            start = i + 1;
        }
    }
    if start == 0 {
        return s.words;
    }
    longest.max(prose::count_words(&t[start..]).0)
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
        let secs = &self.doc.sections;
        let i = secs.partition_point(|s| s.span.start <= at);
        let mut cur = i.checked_sub(1);
        while let Some(c) = cur {
            let s = &secs[c];
            if s.span.contains_offset(at) {
                if let Some(g) = s.guide.as_deref() {
                    return Some(g);
                }
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
    [
        "shields.io",
        "badge",
        "badgen.net",
        "travis-ci.",
        "codecov.io",
        "circleci.com",
    ]
    .iter()
    .any(|b| l.contains(b))
}

/// Whether an image is a picture a reader looks at: a Markdown or HTML image or an
/// animated GIF, not a badge, a video or an embedded player.
pub fn is_picture(doc: &Document, i: &Image) -> bool {
    if is_badge(&i.src) {
        return false;
    }
    let path = i
        .src
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match i.kind {
        ImageKind::Markdown => true,
        ImageKind::Html => doc
            .slice(i.span)
            .get(..4)
            .is_some_and(|t| t.eq_ignore_ascii_case("<img")),
        ImageKind::Video => path.ends_with(".gif"),
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

/// All-capital words that are English, not acronyms (emphasis, admonition labels).
const CAPS_WORDS: &[&str] = &[
    "A",
    "AN",
    "AND",
    "ALL",
    "ANY",
    "ARE",
    "AS",
    "AT",
    "BE",
    "BUT",
    "BY",
    "CAN",
    "DO",
    "DON",
    "DONT",
    "EVERY",
    "FOR",
    "FROM",
    "HAS",
    "HAVE",
    "HOW",
    "IF",
    "IN",
    "IS",
    "IT",
    "MUST",
    "MY",
    "NEVER",
    "NEW",
    "NO",
    "NOT",
    "NOTE",
    "NOW",
    "OF",
    "ON",
    "ONE",
    "ONLY",
    "OR",
    "OUR",
    "SO",
    "THE",
    "THIS",
    "TO",
    "TWO",
    "UP",
    "WAS",
    "WE",
    "WHAT",
    "WHY",
    "WILL",
    "WITH",
    "YES",
    "YOU",
    "YOUR",
    "TIP",
    "WARNING",
    "IMPORTANT",
    "CAUTION",
    "DANGER",
    "INFO",
    "NB",
    "PS",
    "FIXME",
    "XXX",
    "HACK",
    "BEFORE",
    "AFTER",
    "DONE",
    "STOP",
    "GO",
    "END",
    "START",
    "NEXT",
    "BACK",
    "OFF",
    "OUT",
    "VERY",
    "ALWAYS",
    "SHOULD",
    "EACH",
    "BOTH",
    "LESS",
    "MORE",
    "MOST",
    "NONE",
    "SOME",
    "THAT",
    "THEN",
    "THEY",
    "WHEN",
    "WHERE",
    "WHO",
    "TRUE",
    "FALSE",
    "NULL",
    "HELLO",
    "TEAM",
    "FREE",
    // HTTP methods are words, not abbreviations.
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "HEAD",
    "OPTIONS",
];

fn is_roman(w: &str) -> bool {
    w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Whether byte `at` of the source sits inside inline code on its line (an odd number
/// of backticks before it).
pub fn in_inline_code(doc: &Document, at: u32) -> bool {
    doc.after_odd_backticks(at)
}

/// The whitespace-delimited token of `text` around `range` is a URL or a path.
fn in_url(text: &str, range: &std::ops::Range<usize>) -> bool {
    // After the whitespace character, which may be wider than a byte (U+2006).
    let start = text[..range.start]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| range.end + i);
    let token = &text[start..end];
    token.contains("://") || token.starts_with("www.") || token.starts_with('/')
}

/// Whether the acronym is one of three or more all-capital words in a row — a name
/// written in capitals ("PRO SEARCH UAV") or shouting, not an abbreviation.
fn in_caps_run(text: &str, range: &std::ops::Range<usize>) -> bool {
    let caps = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() >= 2
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    let run_before = text[..range.start]
        .split_whitespace()
        .rev()
        .take(2)
        .take_while(|w| caps(w))
        .count();
    let run_after = text[range.end..]
        .split_whitespace()
        .take(2)
        .take_while(|w| caps(w))
        .count();
    // Only words joined by single spaces form a run.
    let spaced_before = text[..range.start].ends_with(' ') || run_before == 0;
    let spaced_after = text[range.end..].starts_with(' ') || run_after == 0;
    spaced_before && spaced_after && 1 + run_before + run_after >= 3
}

/// A definition-style use: the block opens with the acronym followed by a colon or a
/// dash ("DLQ: a queue that holds …", "**SSE** — server-sent events").
fn is_definition(text: &str, range: &std::ops::Range<usize>) -> bool {
    let lead =
        text[..range.start].trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let rest = text[range.end..].trim_start_matches(['*', '_', 's']);
    lead.is_empty()
        && ["：", ":", " -", " –", " —", "—", "–"]
            .iter()
            .any(|d| rest.starts_with(d))
        && rest.split_whitespace().count() >= 3
}

/// Whether `span` lies inside a link's source (its text is usually someone else's
/// title, such as a cited paper's).
pub fn in_link(doc: &Document, span: Span) -> bool {
    let i = doc.links.partition_point(|l| l.span.start <= span.start);
    doc.links[..i]
        .iter()
        .rev()
        .take(4)
        .any(|l| l.span.contains(span))
}

/// Small words an acronym usually skips ("Infrastructure as Code" → IaC).
const LINK_WORDS: &[&str] = &[
    "of", "and", "as", "for", "the", "to", "in", "on", "a", "an", "or", "&",
];

/// Words of a text with their byte offsets, split at spaces and at the punctuation
/// that joins the words of an expansion ("Galois/Counter Mode", "dead-letter").
fn words_of(text: &str) -> Vec<(usize, &str)> {
    let mut words: Vec<(usize, &str)> = Vec::with_capacity(text.len() / 6);
    let mut start = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII bytes are read directly; other characters are decoded.
        let (sep, len) = if b.is_ascii() {
            let sep = matches!(
                b,
                b' ' | b'\t'
                    | b'\n'
                    | 0x0b
                    | 0x0c
                    | b'\r'
                    | b'-'
                    | b'/'
                    | b'('
                    | b')'
                    | b','
                    | b'"'
            );
            (sep, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace() || matches!(c, '“' | '”'), c.len_utf8())
        };
        let at = i;
        i += len;
        match (sep, start) {
            (true, Some(st)) => {
                words.push((st, &text[st..at]));
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(st) = start {
        words.push((st, &text[st..]));
    }
    words
}

/// Byte range of the first run of `words` whose initials spell `letters`
/// ("Elastic Container Service" for ECS, "Galois/Counter Mode" for GCM), if any. Words
/// must be capitalised unless the acronym follows within a few words ("dead letter
/// queue, or DLQ"), so that ordinary phrases do not pass for an expansion.
fn find_initials(
    words: &[(usize, &str)],
    starts: &[usize],
    letters: &[char],
    acronym: &str,
    budget: &mut usize,
) -> Option<std::ops::Range<usize>> {
    for &i in starts {
        // A bounded number of attempts per document keeps this linear on hostile input.
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        if let Some(r) = initials_at(words, i, letters, acronym) {
            return Some(r);
        }
    }
    None
}

/// [`find_initials`] for a run starting at word `i`.
fn initials_at(
    words: &[(usize, &str)],
    i: usize,
    letters: &[char],
    acronym: &str,
) -> Option<std::ops::Range<usize>> {
    let initial = |w: &str| w.chars().next().map(|c| c.to_ascii_lowercase());
    if words[i].1 == acronym || initial(words[i].1) != Some(letters[0].to_ascii_lowercase()) {
        return None;
    }
    let (mut j, mut k) = (i, 0);
    let mut titled = true;
    while j < words.len() && k < letters.len() {
        let w = words[j].1;
        if initial(w) == Some(letters[k].to_ascii_lowercase()) && w != acronym {
            titled &= w.starts_with(|c: char| c.is_uppercase());
            k += 1;
            j += 1;
        } else if k > 0 && LINK_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w)) {
            j += 1;
        } else {
            break;
        }
    }
    if k < letters.len() {
        return None;
    }
    let near = words[j..]
        .iter()
        .take(3)
        .any(|w| w.1.trim_end_matches(['.', ':', ';']) == acronym);
    if titled || near {
        let (last_start, last) = words[j - 1];
        return Some(words[i].0..last_start + last.len());
    }
    None
}

/// Acronyms in paragraphs, list items and table body cells (never table headers, code,
/// link text or URLs), with their first use and first expansion. Headings are read
/// only to note which acronyms name a heading.
pub fn acronyms(doc: &Document, profile: &Profile) -> Vec<Acronym> {
    let common = &profile.vocabulary.common_acronyms;
    let mut out: Vec<Acronym> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut note = |text: &str, span: Span, expanded: bool, in_prose: bool| {
        let base = match text.strip_suffix('s') {
            Some(b) if b.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2 => b,
            _ => text,
        };
        if CAPS_WORDS.contains(&base) || is_roman(base) {
            return;
        }
        let i = *index.entry(base.to_string()).or_insert_with(|| {
            let stem = base.trim_end_matches(|c: char| c.is_ascii_digit());
            out.push(Acronym {
                text: text.to_string(),
                uses: 0,
                in_prose: false,
                in_heading: false,
                common: common.iter().any(|c| c == base || c == text || c == stem),
                first_use: span,
                first_line: doc.lines.line_of(span.start) + 1,
                expanded_at: None,
                expanded_line: None,
                expanded_first: false,
            });
            out.len() - 1
        });
        let a = &mut out[i];
        a.uses += 1;
        a.in_prose |= in_prose;
        if span.start < a.first_use.start {
            a.text = text.to_string();
            a.first_use = span;
            a.first_line = doc.lines.line_of(span.start) + 1;
        }
        if expanded && a.expanded_at.is_none_or(|e| span.start < e.start) {
            a.expanded_at = Some(span);
            a.expanded_line = Some(doc.lines.line_of(span.start) + 1);
        }
    };
    let scan = |run: &TextRun, in_prose: bool, note: &mut dyn FnMut(&str, Span, bool, bool)| {
        for r in prose::acronyms(&run.text) {
            // A file name (`SECURITY.md`) or part of an address is not an acronym.
            let file = run.text[r.end..].starts_with('.')
                && run.text[r.end + 1..].starts_with(|c: char| c.is_ascii_lowercase());
            if file || in_url(&run.text, &r) || in_caps_run(&run.text, &r) {
                continue;
            }
            let Some(span) = run.span_of(r.clone()) else {
                continue;
            };
            if in_inline_code(doc, span.start) || in_link(doc, span) {
                continue;
            }
            let before = run.text[..r.start].trim_end();
            let after = run.text[r.end..].trim_start();
            let expanded =
                before.ends_with('(') || after.starts_with('(') || is_definition(&run.text, &r);
            note(&run.text[r], span, expanded, in_prose);
        }
    };
    let mut runs: Vec<&TextRun> = Vec::new();
    for p in &doc.paragraphs {
        scan(&p.text, true, &mut note);
        runs.push(&p.text);
    }
    for l in &doc.list_items {
        scan(&l.text, true, &mut note);
        runs.push(&l.text);
    }
    for t in &doc.tables {
        for row in &t.rows {
            for (i, c) in row.iter().enumerate() {
                runs.push(&c.text);
                // A glossary row: the acronym alone in one cell, its meaning in the next.
                let alone = prose::acronyms(&c.text.text).next().is_some_and(|r| {
                    c.text.text.trim() == &c.text.text[r]
                        && row
                            .get(i + 1)
                            .is_some_and(|n| n.text.text.split_whitespace().count() >= 2)
                });
                if alone {
                    if let Some(span) = c.text.span() {
                        note(c.text.text.trim(), span, true, false);
                    }
                    continue;
                }
                scan(&c.text, false, &mut note);
            }
        }
    }
    // Expansions written as capitalised words without parentheses ("we chose Elastic
    // Container Service … ECS"): the first such phrase anywhere counts.
    runs.sort_by_key(|r| r.span().map_or(u32::MAX, |s| s.start));
    let text = doc.text();
    let settle = |a: &mut Acronym| {
        a.expanded_first = a.expanded_at.is_some_and(|e| {
            e.start <= a.first_use.start
                || (e.start - a.first_use.end < 160
                    && !text
                        .get(a.first_use.end as usize..e.start as usize)
                        .unwrap_or("\n\n")
                        .contains("\n\n"))
        });
    };
    out.iter_mut().for_each(settle);
    let mut tokens: Vec<Vec<(usize, &str)>> = Vec::new();
    // For each run, the words starting with each letter: a search starts only there.
    let mut by_initial: Vec<HashMap<char, Vec<usize>>> = Vec::new();
    // The search costs (acronyms × words) at worst; a document with thousands of
    // distinct acronyms stops looking for spelled-out forms once this is spent (real
    // documents use a few percent of it).
    let mut budget = 16
        * doc
            .prose()
            .sentences
            .iter()
            .map(|s| s.words as usize)
            .sum::<usize>()
        + 20_000;
    for a in out.iter_mut().filter(|a| !a.common && !a.expanded_first) {
        let letters: Vec<char> = a
            .text
            .trim_end_matches('s')
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        if letters.len() < 2 {
            continue;
        }
        let key = a.text.trim_end_matches('s');
        if tokens.is_empty() {
            tokens = runs.iter().map(|r| words_of(&r.text)).collect();
            by_initial = tokens
                .iter()
                .map(|words| {
                    let mut m: HashMap<char, Vec<usize>> = HashMap::new();
                    for (i, (_, w)) in words.iter().enumerate() {
                        if let Some(c) = w.chars().next() {
                            m.entry(c.to_ascii_lowercase()).or_default().push(i);
                        }
                    }
                    m
                })
                .collect();
        }
        let first = letters[0].to_ascii_lowercase();
        let found = runs
            .iter()
            .zip(&tokens)
            .zip(&by_initial)
            .find_map(|((r, words), index)| {
                let starts = index.get(&first)?;
                let range = find_initials(words, starts, &letters, key, &mut budget)?;
                r.span_of(range)
            });
        if let Some(span) = found {
            if a.expanded_at.is_none_or(|e| span.start < e.start) {
                a.expanded_at = Some(span);
                a.expanded_line = Some(doc.lines.line_of(span.start) + 1);
                settle(a);
            }
        }
    }
    for h in &doc.headings {
        for r in prose::acronyms(&h.text.text) {
            let w = &h.text.text[r];
            let base = w.strip_suffix('s').unwrap_or(w);
            if let Some(&i) = index.get(w).or_else(|| index.get(base)) {
                out[i].in_heading = true;
            }
        }
    }
    out.sort_by_key(|a| a.first_use.start);
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
    }

    #[test]
    fn finds_expansions_by_initials() {
        let l = |a: &str| a.chars().collect::<Vec<char>>();
        let find = |t: &str, a: &str| {
            let words = words_of(t);
            let all: Vec<usize> = (0..words.len()).collect();
            find_initials(&words, &all, &l(a), a, &mut 1000)
        };
        let t = "We chose Elastic Container Service for the workers.";
        assert_eq!(
            find(t, "ECS").map(|r| &t[r]),
            Some("Elastic Container Service")
        );
        let t = "Galois/Counter Mode protects the secrets.";
        assert_eq!(find(t, "GCM").map(|r| &t[r]), Some("Galois/Counter Mode"));
        let t = "every change counts stays lower case";
        assert_eq!(find(t, "ECS"), None);
        let t = "a dead letter queue, or DLQ, holds them";
        assert!(find(t, "DLQ").is_some());
        // An exhausted budget stops the search.
        let t = "We chose Elastic Container Service for the workers.";
        let words = words_of(t);
        let all: Vec<usize> = (0..words.len()).collect();
        assert_eq!(find_initials(&words, &all, &l("ECS"), "ECS", &mut 0), None);
    }

    #[test]
    fn names_in_capitals_are_not_acronyms() {
        let t = "a project called PRO SEARCH UAV did this";
        let r = t.find("SEARCH").unwrap();
        assert!(in_caps_run(t, &(r..r + 6)));
        let t = "we used AWS SQS here";
        let r = t.find("SQS").unwrap();
        assert!(!in_caps_run(t, &(r..r + 3)));
    }
}
