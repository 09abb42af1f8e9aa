//! Style and pro tips: length, pasted code, vague claims, readability, acronyms, and
//! honesty about what went wrong.

pub(super) use super::style_acronyms::AcronymExpanded;
pub(super) use super::style_readability::Readability;
pub(super) use super::style_vague_claims::*;
use super::util;
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::{Document, Sentence, TextRun};
use crate::measures::{self, PageEstimate};
use crate::search::Needle;
use crate::source::Span;

pub static RULES: &[&dyn Rule] = &[
    &DocumentLength,
    &LongCodeBlock,
    &VagueClaim,
    &Readability,
    &AcronymExpanded,
    &FailuresTold,
];

/// Text blocks a reader reads as prose or as table content: paragraphs, list items and
/// table body cells (never headings, table headers or code), in document order.
pub(super) fn text_blocks(doc: &Document) -> Vec<&TextRun> {
    let mut v: Vec<&TextRun> = Vec::new();
    v.extend(doc.paragraphs.iter().map(|p| &p.text));
    v.extend(doc.list_items.iter().map(|p| &p.text));
    for t in &doc.tables {
        v.extend(t.rows.iter().flatten().map(|c| &c.text));
    }
    v.sort_by_key(|r| r.span().map_or(u32::MAX, |s| s.start));
    v
}

/// Byte ranges of `phrase` in `lower` on word boundaries. Both are already lower-case
/// (ASCII lower-casing keeps byte offsets), so nothing is allocated per call.
pub(super) fn word_ranges<'a>(
    lower: &'a str,
    phrase: &'a str,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    on_word_boundaries(
        lower,
        phrase.len(),
        crate::search::match_starts(lower, phrase),
    )
}

/// [`word_ranges`] for a phrase looked for in many texts.
pub(super) fn needle_ranges<'a>(
    lower: &'a str,
    phrase: &'a Needle,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    on_word_boundaries(lower, phrase.as_str().len(), phrase.match_starts(lower))
}

pub(super) fn on_word_boundaries<'a>(
    lower: &'a str,
    len: usize,
    starts: impl Iterator<Item = usize> + 'a,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
    starts.filter_map(move |i| {
        let end = i + len;
        (boundary(lower[..i].chars().next_back()) && boundary(lower[end..].chars().next()))
            .then_some(i..end)
    })
}

/// Whether the line holding `at` is a block quote (the words are someone else's).
pub(super) fn in_quote_block(doc: &Document, at: u32) -> bool {
    let line = doc.lines.line_span(doc.lines.line_of(at), doc.text());
    doc.slice(line).trim_start().starts_with('>')
}

/// Where a finding about the document as a whole is reported: the first of these guide
/// sections the document has, else its title.
pub(super) fn anchor_at(doc: &Document, ids: &[&str]) -> Span {
    ids.iter()
        .find_map(|id| util::section(doc, id))
        .map(|s| s.heading)
        .unwrap_or_else(|| doc.anchor())
}

/// `4.0` → "4", `11.4` → "11.4".
pub(super) fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

declare_rule! {
    /// ## What it checks
    /// The estimated length is within the page range (4–8 pages).
    ///
    /// The estimate counts prose words, plus a fixed number of words for every table row,
    /// diagram and line of code, divided by the words that fit on a page (all of these are
    /// profile thresholds); the message shows the sum.
    ///
    /// ## Why evaluators care
    /// Under four pages there is no room for the trade-offs, error flows and challenges
    /// that earn the marks; over eight, the reviewer skims and the best reasoning gets
    /// lost among background and walkthroughs.
    ///
    /// ## Weak
    /// A two-page feature list, or a fifteen-page narrative that retells every sprint.
    ///
    /// ## Strong
    /// Six pages: a short overview, a tech stack table with reasons, three diagrams, a
    /// challenges section that carries the weight, and a conclusion with numbers.
    ///
    /// ## How to fix
    /// Too short: write out the challenges, the alternatives you rejected and what went
    /// wrong. Too long: cut background and tutorials, link to code instead of pasting it,
    /// and move side topics to separate pages.
    ///
    /// ## What it cannot see
    /// Images are not counted (their printed size varies too much), and the factors are
    /// averages: a page of dense tables or short bullets prints differently.
    pub DocumentLength {
        id: "STY001",
        name: "document-length",
        area: Style,
        criterion: Clarity,
        severity: Warning,
    }
}

impl Check for DocumentLength {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let (min, max) = (cx.thresholds().min_pages, cx.thresholds().max_pages);
        let est = PageEstimate::of(doc, cx.profile);
        let pages = est.pages;
        // The estimate is rough: compare it in whole pages.
        if (min..=max).contains(&pages.round()) {
            return Outcome::Pass;
        }
        let under = pages < min;
        let msg = format!(
            "estimated length is {} pages, {} the {}–{} pages {} asks for ({})",
            num(pages),
            if under { "under" } else { "over" },
            num(min),
            num(max),
            cx.profile.voice(),
            est.method
        );
        let help = if under {
            format!("a strong case study fills {}–{} pages with reasoning: the alternatives you rejected, the trade-offs you accepted, the error flow and what went wrong", num(min), num(max))
        } else {
            format!("cut to {} pages or fewer: keep decisions, trade-offs and evidence; link to code and background reading instead of including them", num(max))
        };
        cx.report(doc.anchor(), msg).help(help);
        let credit = if under { pages / min } else { max / pages };
        if credit <= 0.0 {
            Outcome::Fail
        } else {
            Outcome::Partial(credit.clamp(0.0, 1.0))
        }
    }
}

/// Whether a code block's body is code rather than a drawing, a tree or a plain listing.
fn is_pasted_code(body: &str, lang: Option<&str>) -> bool {
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() || measures::is_drawing(body) {
        return false;
    }
    if let Some(l) = lang {
        if !matches!(l, "text" | "txt" | "plaintext" | "plain" | "none") {
            return true;
        }
    }
    // No language: code if enough lines look like statements.
    const KEYWORDS: &[&str] = &[
        "import ",
        "from ",
        "const ",
        "let ",
        "var ",
        "def ",
        "class ",
        "function ",
        "return",
        "if ",
        "for ",
        "while ",
        "public ",
        "private ",
        "fn ",
        "func ",
        "package ",
        "#include",
        "select ",
        "insert ",
        "create ",
        "export ",
        "async ",
        "await ",
        "<",
    ];
    let code_like = lines
        .iter()
        .filter(|l| {
            let t = l.trim();
            let lower = t.to_ascii_lowercase();
            t.ends_with([';', '{', '('])
                || matches!(t, "}" | "};" | "})" | "});" | "]" | "];" | ")")
                || KEYWORDS.iter().any(|k| lower.starts_with(k))
                || t.contains(" = ")
                || t.contains("=>")
                || t.contains("();")
        })
        .count();
    code_like * 5 >= lines.len() * 2
}

declare_rule! {
    /// ## What it checks
    /// No pasted code block runs over the profile's limit (30 lines).
    ///
    /// Mermaid, PlantUML, Graphviz and D2 blocks are diagrams and are never counted;
    /// neither are text drawings (box-drawing characters, directory trees) or plain
    /// listings in a block without a language.
    ///
    /// ## Why evaluators care
    /// Nobody reads fifty lines of pasted boilerplate in a case study: it hides the one
    /// line that shows the decision and makes the document look padded.
    ///
    /// ## Weak
    /// The whole Express server file pasted under "Backend".
    ///
    /// ## Strong
    /// The six lines of the idempotency check, with a link to the file in the repository
    /// for the rest.
    ///
    /// ## How to fix
    /// Keep only the lines that illustrate a decision or trade-off, and link to the full
    /// file (a permalink to the line range is best).
    ///
    /// ## What it cannot see
    /// Whether a short block is boilerplate, or a long block the one place where the code
    /// really is the point.
    pub LongCodeBlock {
        id: "STY002",
        name: "long-code-block",
        area: Style,
        criterion: Clarity,
        severity: Warning,
    }
}

impl Check for LongCodeBlock {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let max = cx.thresholds().max_code_block_lines;
        let mut total = 0;
        let mut passing = 0;
        for c in doc.code_blocks.iter().filter(|c| !measures::is_diagram(c)) {
            total += 1;
            if c.line_count <= max || !is_pasted_code(doc.slice(c.body), c.lang.as_deref()) {
                passing += 1;
                continue;
            }
            // The opening fence line, without its indentation.
            let line = doc
                .lines
                .line_span(doc.lines.line_of(c.span.start), doc.text());
            let at = Span {
                start: c.span.start.max(line.start),
                end: line.end.max(c.span.start),
            };
            let lang = c
                .lang
                .as_deref()
                .map(|l| format!("`{l}` "))
                .unwrap_or_default();
            cx.report(
                at,
                format!(
                    "{}-line {lang}code block, over the {max}-line limit for pasted code",
                    c.line_count
                ),
            )
            .help("keep the few lines that show the decision and link to the full file in the repository");
        }
        Outcome::ratio(passing, total)
    }
}

declare_rule! {
    /// ## What it checks
    /// At least one mistake or wrong turn is told, and how it was fixed.
    ///
    /// The rule looks for a failure phrase ("turned out", "we initially", "a bug",
    /// "outage", "silently failed", "underestimated", "ran into", …) with a correction
    /// phrase ("fixed", "replaced", "switched", "added", "migrated", …) in the same
    /// sentence, the next five sentences of the same section, or the same table row. Both
    /// lists are profile vocabulary (`failure_phrases`, `correction_phrases`).
    ///
    /// ## Why evaluators care
    /// Evaluators trust an engineer who can name what went wrong and what they changed
    /// far more than one whose project went perfectly. The failure story is often the
    /// most convincing part of a case study.
    ///
    /// ## Weak
    /// Every decision worked the first time; challenges are listed as topics ("state
    /// management") with their eventual solution.
    ///
    /// ## Strong
    /// "We first stored sessions in memory; the second instance behind the load balancer
    /// logged everyone out. We moved sessions to Redis and added a test that runs two
    /// instances."
    ///
    /// ## How to fix
    /// Add one honest story: what you first did or assumed, how it failed (the symptom,
    /// ideally with a number), how you found out, and what you changed.
    ///
    /// ## What it cannot see
    /// Whether the story is true or the fix sound; a failure told in words outside the
    /// vocabulary. A passing mention of a bug next to an unrelated fix counts.
    pub FailuresTold {
        id: "STY006",
        name: "failures-told",
        area: Style,
        criterion: Architecture,
        severity: Warning,
    }
}

/// A lower-cased phrase whose searcher is built on first use: most phrases are ruled
/// out by [`util::Lowered::may_hold`] in the few sentences read, and never need one.
struct Phrase {
    lower: String,
    needle: std::cell::OnceCell<Needle>,
}

impl Phrase {
    fn new(p: &str) -> Phrase {
        Phrase {
            lower: p.to_ascii_lowercase(),
            needle: std::cell::OnceCell::new(),
        }
    }
}

/// Whether `text` holds any of the lower-cased `phrases`.
fn has_phrase(text: &util::Lowered, phrases: &[Phrase]) -> bool {
    phrases.iter().any(|p| {
        text.may_hold(&p.lower)
            && needle_ranges(&text.lower, p.needle.get_or_init(|| Needle::new(&p.lower)))
                .next()
                .is_some()
    })
}

impl Check for FailuresTold {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let v = &cx.profile.vocabulary;
        let lowered =
            |list: &[String]| -> Vec<Phrase> { list.iter().map(|p| Phrase::new(p)).collect() };
        let (fail, fix) = (lowered(&v.failure_phrases), lowered(&v.correction_phrases));
        let sentences = &doc.prose().sentences;
        // Each sentence is lower-cased when first read: the search usually stops after
        // a few sentences.
        let lowered_at: Vec<std::cell::OnceCell<util::Lowered>> = sentences
            .iter()
            .map(|_| std::cell::OnceCell::new())
            .collect();
        let lower = |i: usize| -> &util::Lowered {
            lowered_at[i].get_or_init(|| util::Lowered::of(&sentences[i].text))
        };
        // The heading a sentence sits under, so a story does not span two sections.
        let section_of = |s: &Sentence| {
            doc.sections
                .partition_point(|x| x.heading.start <= s.span.start)
        };
        let told = sentences.iter().enumerate().any(|(i, s)| {
            has_phrase(lower(i), &fail)
                && (i..sentences.len())
                    .take(6)
                    .take_while(|&n| section_of(&sentences[n]) == section_of(s))
                    .any(|n| has_phrase(lower(n), &fix))
        }) || doc.tables.iter().flat_map(|t| &t.rows).any(|row| {
            let text: Vec<&str> = row.iter().map(|c| c.text.text.as_str()).collect();
            let text = util::Lowered::of(&text.join(" | "));
            has_phrase(&text, &fail) && has_phrase(&text, &fix)
        });
        if told {
            return Outcome::Pass;
        }
        cx.report(
            anchor_at(doc, &["challenges", "conclusion"]),
            "no mistake, incident or wrong turn is told, nor how it was put right",
        )
        .help("tell one failure honestly: what you first did, how it broke (the symptom, with a number if you have one), and what you changed");
        Outcome::Fail
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Profile, Settings, Source};

    fn run(text: &str, id: &str) -> Vec<String> {
        let doc = Document::parse(Source::new("t.md", text), Profile::guide());
        crate::check(&doc, &Settings::new(Profile::guide()))
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == id)
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn a_long_document_is_reported_with_the_estimate() {
        let text = format!("# T\n\n{}\n", "word ".repeat(4600));
        let found = run(&text, "STY001");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("9.2 pages, over"), "{}", found[0]);
        assert!(found[0].contains("4,600 prose words"), "{}", found[0]);
    }

    #[test]
    fn vague_words_count_only_as_claims_about_the_work() {
        let claim = |s: &str, w: &str| {
            let m = util::find_word(s, w)
                .into_iter()
                .next()
                .expect("word present");
            is_vague_claim(s, m, w, &["Tidepool"])
        };
        assert!(claim("Our API is fast.", "fast"));
        assert!(claim("Tidepool is scalable and cheap.", "scalable"));
        assert!(claim("It works.", "it works"));
        assert!(!claim("Redis is fast.", "fast"));
        assert!(!claim("We wanted a store faster than cookies.", "faster"));
        assert!(!claim("We made the pipeline more robust.", "robust"));
        assert!(!claim("We called it \"fast\" in the pitch.", "fast"));
        assert!(!claim("We deploy on Seamless.", "seamless"));
        assert!(!claim("Here is how it works.", "it works"));
        assert!(!claim("Our layout is responsive on mobile.", "responsive"));
        assert!(!claim("Our tests fail fast.", "fast"));
    }

    #[test]
    fn pasted_code_is_told_from_listings_and_drawings() {
        let code = "const a = 1;\nfunction f() {\n  return a;\n}\n";
        assert!(is_pasted_code(code, None));
        assert!(is_pasted_code("anything", Some("python")));
        assert!(!is_pasted_code(
            "User\n  id · name\nOrder\n  id · total\n",
            None
        ));
        assert!(!is_pasted_code(
            "app/\n├── src/\n└── README.md\n",
            Some("text")
        ));
    }
}
