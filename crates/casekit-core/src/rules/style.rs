//! Style and pro tips: length, pasted code, vague claims, readability, acronyms, and
//! honesty about what went wrong.

use super::util;
use super::{Check, Fix, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::{prose, Document, Sentence, TextRun};
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
fn text_blocks(doc: &Document) -> Vec<&TextRun> {
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
fn word_ranges<'a>(
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
fn needle_ranges<'a>(
    lower: &'a str,
    phrase: &'a Needle,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    on_word_boundaries(lower, phrase.as_str().len(), phrase.match_starts(lower))
}

fn on_word_boundaries<'a>(
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
fn in_quote_block(doc: &Document, at: u32) -> bool {
    let line = doc.lines.line_span(doc.lines.line_of(at), doc.text());
    doc.slice(line).trim_start().starts_with('>')
}

/// Where a finding about the document as a whole is reported: the first of these guide
/// sections the document has, else its title.
fn anchor_at(doc: &Document, ids: &[&str]) -> Span {
    ids.iter()
        .find_map(|id| util::section(doc, id))
        .map(|s| s.heading)
        .unwrap_or_else(|| doc.anchor())
}

/// `4.0` → "4", `11.4` → "11.4".
fn num(x: f64) -> String {
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

/// Phrases that put a claim on the author's own work.
const SELF_REFERENCE: &[&str] = &[
    "we",
    "our",
    "us",
    "i",
    "my",
    "the system",
    "the app",
    "the application",
    "the platform",
    "the service",
    "the project",
    "the tool",
    "the product",
    "the website",
    "the site",
    "the solution",
    "the backend",
    "the frontend",
    "the api",
    "the dashboard",
    "the pipeline",
    "this project",
    "this app",
    "this system",
    "this platform",
    "this tool",
    "this service",
];

/// Title words too general to name a project.
const GENERIC_TITLE_WORDS: &[&str] = &[
    "Case",
    "Study",
    "Complete",
    "Project",
    "The",
    "And",
    "For",
    "With",
    "How",
    "Our",
    "Live",
    "App",
    "Final",
    "Report",
    "Introducing",
    "Index",
    "Building",
    "Built",
    "Summer",
    "Code",
    "Google",
    "Game",
    "Grid",
    "Strategy",
];

/// Words of the title that may be the project's name ("Flytrap", "Twine").
fn name_words(doc: &Document) -> Vec<&str> {
    let Some(t) = doc.title() else {
        return Vec::new();
    };
    t.text
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.len() >= 3
                && w.chars().next().is_some_and(|c| c.is_uppercase())
                && !GENERIC_TITLE_WORDS.contains(w)
        })
        .collect()
}

/// [`vague_claim_in`] for a sentence not yet lowered.
#[cfg(test)]
fn is_vague_claim(s: &str, m: std::ops::Range<usize>, w: &str, names: &[&str]) -> bool {
    let names: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    vague_claim_in(s, &util::Lowered::of(s), m, w, &names)
}

/// Whether the match `m` of vague word `w` in sentence `s` is a claim about the
/// author's own work, rather than a comparison, a quotation, a name or a description of
/// someone else's tool. `lowered` is the sentence lowered once for every word looked
/// up in it; `names` the title's name words, lower-cased.
fn vague_claim_in(
    s: &str,
    lowered: &util::Lowered,
    m: std::ops::Range<usize>,
    w: &str,
    names: &[String],
) -> bool {
    let lower = lowered.lower.as_str();
    let before = &lower[..m.start];
    let after = &lower[m.end..];
    // A capitalised word is a name ("Seamless", "Fast Refresh") or a label.
    if w != "it works" && s[m.clone()].starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    // Quoted words are mentioned, not claimed.
    let quotes = s[..m.start]
        .chars()
        .filter(|c| matches!(c, '"' | '“' | '”'))
        .count();
    if quotes % 2 == 1 || before.ends_with(['\'', '‘']) {
        return false;
    }
    let prev: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    let lead: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let next: Vec<&str> = after.split_whitespace().take(4).collect();
    // Comparisons ("faster than cookies", "more robust", "as fast as possible") and
    // negations: relative judgements, usually weighing an alternative.
    if w.ends_with("er")
        || lead.iter().any(|p| matches!(*p, "more" | "less"))
        || next
            .iter()
            .any(|n| n.trim_matches(|c: char| !c.is_alphabetic()) == "than")
        || (prev.first() == Some(&"as") && next.first() == Some(&"as"))
        || prev.iter().any(|p| {
            matches!(
                *p,
                "not"
                    | "less"
                    | "isn't"
                    | "wasn't"
                    | "aren't"
                    | "weren't"
                    | "never"
                    | "nor"
                    | "hardly"
                    | "no"
                    | "longer"
                    | "while"
                    | "although"
                    | "though"
            )
        })
    {
        return false;
    }
    match w {
        "it works" => {
            return !prev.first().is_some_and(|p| {
                matches!(
                    *p,
                    "how"
                        | "what"
                        | "whether"
                        | "if"
                        | "sure"
                        | "that"
                        | "until"
                        | "why"
                        | "when"
                        | "where"
                        | "once"
                        | "as"
                        | "see"
                        | "ensure"
                )
            }) && !after.starts_with(" on my machine");
        }
        "optimized"
            if next
                .first()
                .is_some_and(|n| matches!(*n, "for" | "to" | "by")) =>
        {
            return false
        }
        "responsive"
            if [
                "design",
                "layout",
                "mobile",
                "screen",
                "desktop",
                "device",
                "css",
                "tailwind",
                "breakpoint",
                "viewport",
            ]
            .iter()
            .any(|k| lower.contains(k)) =>
        {
            return false
        }
        "fast"
            if prev.first() == Some(&"fail")
                || before.ends_with("fail-")
                || after.starts_with("-forward")
                || after.starts_with("-track")
                || next.first().is_some_and(|n| {
                    matches!(*n, "path" | "forward" | "refresh" | "track" | "lane")
                }) =>
        {
            return false
        }
        _ => {}
    }
    SELF_REFERENCE
        .iter()
        .any(|r| lowered.may_hold(r) && word_ranges(lower, r).next().is_some())
        || names.iter().any(|n| {
            lowered.may_hold(n)
                && word_ranges(lower, n).any(|r| s[r].starts_with(|c: char| c.is_uppercase()))
        })
}

declare_rule! {
    /// ## What it checks
    /// No claim of speed, scale or polish without a number to back it.
    ///
    /// It reports sentences that claim a quality for the project — fast, scalable, robust,
    /// reliable, seamless, user-friendly, "it works" (the profile's `vague_words`) — with
    /// no number in the sentence or the next one. It looks at paragraphs, list items and
    /// table cells everywhere except the goals, which GOL203 already checks, and reports at
    /// the word. Only claims about the author's own work count: the sentence must say "we",
    /// "our", "the system", "the app" or the like, or use a name from the title.
    ///
    /// ## Why evaluators care
    /// Every project claims to be fast and scalable; a figure is what makes the claim
    /// yours and believable. An unquantified adjective reads as marketing.
    ///
    /// ## Weak
    /// "Our platform is fast, scalable and user-friendly."
    ///
    /// ## Strong
    /// "Search answers in 120 ms at p95 with 50,000 products; the load test held 2,000
    /// concurrent users on one instance."
    ///
    /// ## How to fix
    /// Replace the adjective with the measurement behind it (latency, throughput, error
    /// rate, users, before → after), or say what it means concretely; if nothing was
    /// measured, drop the claim.
    ///
    /// ## What it cannot see
    /// Whether the number nearby is the right one (a figure in the next sentence counts
    /// as backing); claims in sentences that do not name the project or the team; claims
    /// about a chosen tool (ARC304 reads the tech stack reasons). Comparisons ("faster",
    /// "more robust"), quotations, negations and capitalised names such as a product
    /// called "Seamless" are left alone. It reports at most the
    /// profile's `report_limit` per document and counts the rest.
    pub VagueClaim {
        id: "STY003",
        name: "vague-claim",
        area: Style,
        criterion: Depth,
        severity: Info,
    }
}

impl Check for VagueClaim {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let mut vocab: Vec<&str> = cx
            .profile
            .vocabulary
            .vague_words
            .iter()
            .map(String::as_str)
            .collect();
        vocab.sort_by_key(|w| std::cmp::Reverse(w.len()));
        // Plain searches: the index of word starts rules out nearly every word without
        // one, and a sentence is too short for a prepared searcher to pay off.
        let vocab: Vec<(String, &str)> =
            vocab.iter().map(|w| (w.to_ascii_lowercase(), *w)).collect();
        let names: Vec<String> = name_words(doc)
            .iter()
            .map(|n| n.to_ascii_lowercase())
            .collect();
        // One buffer for every sentence's lower-cased text and word openings.
        let mut lowered = util::Lowered::new();
        let mut digits: Vec<bool> = Vec::new();
        let mut checked = 0usize;
        let mut found: Vec<(Span, String)> = Vec::new();
        for run in text_blocks(doc) {
            let Some(rs) = run.span() else { continue };
            if matches!(
                measures::guide_section_at(doc, rs.start),
                Some("goals" | "non_goals")
            ) || in_quote_block(doc, rs.start)
            {
                continue;
            }
            let sentences = prose::split_sentences(&run.text);
            // Which sentences hold a figure, each read once (most runs hold none).
            digits.clear();
            if util::has_digit(run.text.as_bytes()) {
                digits.extend(
                    sentences
                        .iter()
                        .map(|r| util::has_digit(&run.text.as_bytes()[r.clone()])),
                );
            }
            let figure = |k: usize| digits.get(k).copied().unwrap_or(false);
            for (k, r) in sentences.iter().cloned().enumerate() {
                let s = &run.text[r.clone()];
                checked += 1;
                // A figure in the sentence, or in the next one, backs the claim.
                if figure(k) || figure(k + 1) || s.trim_end().ends_with('?') {
                    continue;
                }
                lowered.set(s);
                let lower = lowered.lower.as_str();
                let hit = vocab.iter().find_map(|(lw, w)| {
                    if !lowered.may_hold(lw) {
                        return None;
                    }
                    word_ranges(lower, lw).find_map(|m| {
                        if !vague_claim_in(s, &lowered, m.clone(), w, &names) {
                            return None;
                        }
                        let span = run.span_of(r.start + m.start..r.start + m.end)?;
                        let code = measures::in_inline_code(doc, span.start);
                        (!code && !measures::in_link(doc, span)).then(|| (span, s[m].to_string()))
                    })
                });
                found.extend(hit);
            }
        }
        let limit = cx.thresholds().report_limit.max(1);
        let shown = found.len().min(limit);
        for (i, (span, word)) in found.iter().take(shown).enumerate() {
            let more = found.len() - shown;
            let tail = if i + 1 == shown && more > 0 {
                format!(" (and {more} more like it further on, not reported)")
            } else {
                String::new()
            };
            cx.report(
                *span,
                format!("\"{word}\" is claimed with no number in the sentence{tail}"),
            )
            .help("back the claim with a measurement (\"p95 of 120 ms at 2,000 users\", \"deploys in 4 min, down from 25\") or say concretely what it means");
        }
        Outcome::ratio(checked - found.len(), checked)
    }
}

declare_rule! {
    /// ## What it checks
    /// No overlong sentence, and no section that is very hard to read.
    ///
    /// Sentences longer than the profile's `max_sentence_words` (40 for the guide) are
    /// reported at the sentence; and each top-level section whose Flesch reading ease falls
    /// under `min_reading_ease` (10) is reported at its heading with the figure. Lines
    /// joined by hard breaks are read as lines, and a run-on that the sentence splitter
    /// missed (a full stop followed by a lower-case word) is counted as separate sentences.
    ///
    /// ## Why evaluators care
    /// A reviewer reads dozens of case studies. A 60-word sentence or a page of stacked
    /// abstractions makes them reread, and rereading is where attention is lost.
    ///
    /// ## Weak
    /// "Since the queue counts deliveries rather than processing attempts and we had not
    /// configured a redrive policy when we first deployed the service, which we later
    /// regretted, messages could reach the dead-letter queue without ever being
    /// processed, and the dashboard showed them as failed."
    ///
    /// ## Strong
    /// "The queue counts deliveries, not processing attempts. So a message could land in
    /// the dead-letter queue without ever being processed. We fixed it with a redrive
    /// policy."
    ///
    /// ## How to fix
    /// Split long sentences where the idea turns (at "which", "and", a semicolon). In a
    /// dense section, put one idea in each sentence and prefer the short word; technical
    /// terms are fine inside simple sentences.
    ///
    /// ## What it cannot see
    /// Meaning: Flesch counts syllables and sentence length, so a section full of long
    /// product names scores low even when it is clear. Sections with fewer than three
    /// sentences or 60 words get no score. At most `report_limit` long sentences (the
    /// longest) and as many sections (the hardest) are reported per document; the first
    /// message counts the rest.
    pub Readability {
        id: "STY004",
        name: "readability",
        area: Style,
        criterion: Clarity,
        severity: Info,
    }
}

impl Check for Readability {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let t = cx.thresholds();
        let (max_words, min_ease, limit) = (
            t.max_sentence_words as u32,
            t.min_reading_ease,
            t.report_limit.max(1),
        );
        let sentences = &doc.prose().sentences;
        let mut long: Vec<(&Sentence, u32)> = sentences
            .iter()
            .map(|s| (s, measures::sentence_length(doc, s)))
            .filter(|&(_, n)| n > max_words)
            .collect();
        let total_long = long.len();
        long.sort_by_key(|&(s, n)| (std::cmp::Reverse(n), s.span.start));
        long.truncate(limit);
        long.sort_by_key(|&(s, _)| s.span.start);
        for (i, (s, n)) in long.iter().enumerate() {
            let tail = if i == 0 && total_long > long.len() {
                format!(
                    " ({total_long} sentences run over {max_words} words; the {} longest are reported)",
                    long.len()
                )
            } else {
                String::new()
            };
            cx.report(
                s.span,
                format!("sentence of {n} words, over the {max_words}-word limit{tail}"),
            )
            .help("split it where the idea turns (at \"which\", \"and\" or a semicolon): one idea per sentence");
        }

        let chapters: Vec<(Span, Span, String)> = {
            let top: Vec<_> = doc
                .sections
                .iter()
                .filter(|s| s.level == doc.top_level)
                .map(|s| (s.span, s.heading, format!("the section \"{}\"", s.title)))
                .collect();
            if top.is_empty() {
                vec![(
                    Span::new(0, doc.text().len()),
                    doc.anchor(),
                    "the document".to_string(),
                )]
            } else {
                top
            }
        };
        let scores: Vec<(Span, String, f64)> = chapters
            .into_iter()
            .filter_map(|(span, heading, name)| {
                doc.prose().reading_ease(span).map(|e| (heading, name, e))
            })
            .collect();
        let scored = scores.len();
        let mut hard: Vec<&(Span, String, f64)> =
            scores.iter().filter(|s| s.2 < min_ease).collect();
        let total_hard = hard.len();
        hard.sort_by(|a, b| a.2.total_cmp(&b.2));
        hard.truncate(limit);
        hard.sort_by_key(|s| s.0.start);
        for (i, (heading, name, ease)) in hard.iter().enumerate() {
            let tail = if i == 0 && total_hard > hard.len() {
                format!(
                    " ({total_hard} sections score under {}; the {} hardest are reported)",
                    num(min_ease),
                    hard.len()
                )
            } else {
                String::new()
            };
            cx.report(
                *heading,
                format!(
                    "{name} has a Flesch reading ease of {} (under {}): very hard going{tail}",
                    num(*ease),
                    num(min_ease)
                ),
            )
            .help("shorter sentences and plainer words raise it; clear technical prose usually scores 20 to 50");
        }
        Outcome::ratio(
            sentences.len() - total_long + scored - total_hard,
            sentences.len() + scored,
        )
    }
}

declare_rule! {
    /// ## What it checks
    /// Each uncommon acronym is spelled out at its first use.
    ///
    /// That is "dead-letter queue (DLQ)" or "DLQ (dead-letter queue)", a glossary row, or a
    /// definition such as "DLQ: a queue that …" — unless the profile lists it as common
    /// (API, HTTP, SQL, JSON, …). It reads paragraphs, list items and table cells, never
    /// headings, table headers, code, links or file names, and considers an acronym only
    /// when it is used in prose or at least twice. An expansion written as capitalised
    /// words without parentheses ("we chose Elastic Container Service") counts too. Only
    /// the first use is reported.
    ///
    /// ## Why evaluators care
    /// Unexplained jargon is on the rubric's "needs work" list. A reviewer outside your
    /// niche stops at "ECS" or "IDOR" and either guesses or gives up.
    ///
    /// ## Weak
    /// "We moved the workers to ECS and put the poison messages on the DLQ."
    ///
    /// ## Strong
    /// "We moved the workers to Elastic Container Service (ECS) and sent poison messages
    /// to a dead-letter queue (DLQ)."
    ///
    /// ## How to fix
    /// Spell the acronym out at its first use. If every reader of your documents knows
    /// it, add it to `common_acronyms` in your profile instead.
    ///
    /// ## What it cannot see
    /// An expansion written without parentheses or a colon ("server-sent events, SSE
    /// for short" in lower case); whether a reader really knows a listed "common"
    /// acronym. An acronym that also appears in a heading or the title is taken as a
    /// name or as the topic its section introduces, and is not reported. At most
    /// `report_limit` acronyms are reported per document; the last message names the
    /// rest.
    pub AcronymExpanded {
        id: "STY005",
        name: "acronym-expanded",
        area: Style,
        criterion: Clarity,
        severity: Info,
        fix: Template,
    }
}

impl Check for AcronymExpanded {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let m = &cx.shared.measures().acronyms;
        let considered: Vec<_> = m
            .iter()
            .filter(|a| !a.common && !a.in_heading && (a.in_prose || a.uses >= 2))
            .collect();
        let failing: Vec<_> = considered.iter().filter(|a| !a.expanded_first).collect();
        let limit = cx.thresholds().report_limit.max(1);
        let shown = failing.len().min(limit);
        for (i, a) in failing.iter().take(shown).enumerate() {
            let mut msg = match a.expanded_line {
                Some(line) => format!(
                    "\"{}\" is used here but only spelled out later, at line {line}",
                    a.text
                ),
                None => format!(
                    "\"{}\" is never spelled out ({} use{})",
                    a.text,
                    a.uses,
                    if a.uses == 1 { "" } else { "s" }
                ),
            };
            if i + 1 == shown && failing.len() > shown {
                let rest: Vec<&str> = failing[shown..].iter().map(|a| a.text.as_str()).collect();
                msg.push_str(&format!(
                    "; also not spelled out first: {}",
                    rest.join(", ")
                ));
            }
            // An acronym never spelled out gets a slot (one spelled out later is the
            // writer's to move); the last message, which names the rest, slots them too,
            // so one run of the fixes leaves none behind.
            let mut named = vec![*a];
            if i + 1 == shown {
                named.extend(failing[shown..].iter().copied());
            }
            let mut fix = Fix::new(format!(
                "add a slot to spell out {} where it first appears",
                named
                    .iter()
                    .map(|a| a.text.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for n in named.iter().filter(|n| n.expanded_line.is_none()) {
                fix = super::fixes::acronym_slot(doc, fix, n.first_use, &n.text);
            }
            cx.report(a.first_use, msg).help(format!(
                "spell it out where it first appears, e.g. \"full name ({})\"; if every reader knows it, add it to `common_acronyms` in the profile",
                a.text
            )).fix_if(Some(fix));
        }
        Outcome::ratio(considered.len() - failing.len(), considered.len())
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
