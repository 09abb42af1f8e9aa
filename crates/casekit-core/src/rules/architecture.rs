//! System Architecture: the tech stack table with its reasons and alternatives, and the
//! architecture diagram.

use super::blocks;
use super::util::{self, header_key};
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::{normalize_heading, Cell, Document, Table};
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

pub static RULES: &[&dyn Rule] = &[
    &TechStackTable,
    &TechStackWhy,
    &TechStackAlternatives,
    &TechStackReasons,
    &ArchitectureDiagram,
    &FailureBoundaries,
];

/// Header words of the column naming the layer or part of the system.
const LAYER_KEYS: &[&str] = &[
    "layer",
    "layers",
    "component",
    "components",
    "category",
    "area",
    "tier",
    "concern",
];
/// Header words of the column naming the technology.
const TECH_KEYS: &[&str] = &[
    "technology",
    "technologies",
    "tech",
    "tech stack",
    "tool",
    "tools",
    "choice",
    "chosen",
    "stack",
    "framework",
    "frameworks",
    "library",
    "libraries",
    "service",
    "services",
    "technology used",
    "tools used",
];
/// Header words of a column that says why a technology was chosen.
const WHY_KEYS: &[&str] = &[
    "why",
    "why this choice",
    "why we chose it",
    "why chosen",
    "why this",
    "rationale",
    "reason",
    "reasons",
    "reasoning",
    "justification",
    "motivation",
];
/// Header words of a column that may hold reasons or only a description; its cells
/// decide which.
const MAYBE_WHY_KEYS: &[&str] = &[
    "purpose",
    "description",
    "role",
    "used for",
    "usage",
    "notes",
    "details",
    "benefit",
    "benefits",
];
/// Header words of the column listing what else was considered.
const CONSIDERED_KEYS: &[&str] = &[
    "what we considered",
    "alternatives",
    "alternatives considered",
    "alternative",
    "considered",
    "rejected",
    "instead of",
    "other options",
    "options considered",
    "vs",
    "versus",
    "compared with",
    "runner up",
    "what we rejected",
];
/// First-column values of a tech stack table written without a header row.
const LAYER_NAMES: &[&str] = &[
    "frontend",
    "front end",
    "backend",
    "back end",
    "database",
    "db",
    "cache",
    "caching",
    "auth",
    "authentication",
    "payments",
    "payment",
    "hosting",
    "deployment",
    "infrastructure",
    "infra",
    "real time",
    "realtime",
    "storage",
    "file storage",
    "queue",
    "messaging",
    "state",
    "state management",
    "styling",
    "testing",
    "ci cd",
    "monitoring",
    "search",
    "email",
    "api",
    "language",
    "runtime",
    "orm",
    "cloud",
    "devops",
    "mobile",
    "ui",
];

/// The tech stack table and what each of its columns means.
struct TechTable<'a> {
    table: &'a Table,
    layer: Option<usize>,
    tech: usize,
    /// The column of reasons (a "Why" header, or a "Purpose" column whose cells read
    /// as reasons).
    why: Option<usize>,
    /// A "Purpose"-style column whose cells describe rather than justify.
    described: Option<usize>,
    considered: Option<usize>,
}

/// Whether a normalised header means one of `keys`: the whole header, or its first or
/// last words (as `util::column` reads headers).
fn header_means(h: &str, keys: &[&str], exact: bool) -> bool {
    keys.iter().any(|k| {
        if exact {
            h == *k
        } else {
            h.starts_with(&format!("{k} "))
                || h.ends_with(&format!(" {k}"))
                || h.contains(&format!(" {k} "))
        }
    })
}

/// The first column (exact matches first) meaning one of `keys` and not already taken.
fn pick(headers: &[String], keys: &[&str], taken: &[usize]) -> Option<usize> {
    for exact in [true, false] {
        if let Some(i) = (0..headers.len())
            .find(|&i| !taken.contains(&i) && header_means(&headers[i], keys, exact))
        {
            return Some(i);
        }
    }
    None
}

static REASONISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:because|since|so (?:that|we|it|the|users)|due to|which (?:gives|lets|means|keeps|avoids|made)|we (?:needed|wanted|already)|needed|required by|without|instead of|rather than|vs\.?|versus|avoid(?-u:\w)*|cheaper|free tier|familiar(?-u:\w)*|fits?|suited|better|simpler|easier|than|lets us|allows us|gave us|gives us|out of the box|built-in|trade-?offs?|compared)(?-u:\b)|(?-u:\b)over [A-Z]")
        .expect("reason pattern")
});
static NAMES_ALTERNATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:(?-u:\b)(?:instead of|rather than|vs\.?|versus|compared (?:to|with)|rejected|considered|ruled out|beat|alternatives?)(?-u:\b))|(?-u:\b)over [A-Z`*]")
        .expect("alternative pattern")
});

fn plain(cell: &Cell) -> &str {
    cell.text.text.trim()
}

/// Reads a table as a tech stack table, if it is one.
fn as_tech_table(table: &Table) -> Option<TechTable<'_>> {
    let headers: Vec<String> = table
        .header
        .iter()
        .map(|c| header_key(&c.text.text))
        .collect();
    if table.rows.is_empty() {
        return None;
    }
    if headers.iter().all(|h| h.is_empty()) {
        // A key/value table: "| **Frontend** | React | … |" rows with no header words.
        let layered = table
            .rows
            .iter()
            .filter(|r| {
                r.first()
                    .is_some_and(|c| LAYER_NAMES.contains(&normalize_heading(plain(c)).as_str()))
            })
            .count();
        if table.header.len() >= 2 && layered >= 3 && layered * 2 >= table.rows.len() {
            return Some(TechTable {
                table,
                layer: Some(0),
                tech: 1,
                why: None,
                described: (table.header.len() > 2).then_some(2),
                considered: None,
            });
        }
        return None;
    }
    let mut taken = Vec::new();
    let why = pick(&headers, WHY_KEYS, &taken);
    taken.extend(why);
    let considered = pick(&headers, CONSIDERED_KEYS, &taken);
    taken.extend(considered);
    let layer = pick(&headers, LAYER_KEYS, &taken);
    taken.extend(layer);
    let tech = pick(&headers, TECH_KEYS, &taken)?;
    taken.push(tech);
    let described = if why.is_none() {
        pick(&headers, MAYBE_WHY_KEYS, &taken)
    } else {
        None
    };
    if layer.is_none() && why.is_none() && described.is_none() && considered.is_none() {
        return None;
    }
    Some(TechTable {
        table,
        layer,
        tech,
        why,
        described,
        considered,
    })
}

/// A column of the table: the cells of one index across rows, with their row.
fn column_cells(t: &Table, col: usize) -> impl Iterator<Item = (&[Cell], &Cell)> {
    t.rows
        .iter()
        .filter_map(move |r| r.get(col).map(|c| (r.as_slice(), c)))
}

/// Whether most filled cells of a column read as reasons.
fn reads_as_reasons(t: &Table, col: usize) -> bool {
    let filled: Vec<&str> = column_cells(t, col)
        .map(|(_, c)| plain(c))
        .filter(|s| !s.is_empty())
        .collect();
    let reasons = filled.iter().filter(|s| REASONISH.is_match(s)).count();
    !filled.is_empty() && reasons * 2 > filled.len()
}

impl<'a> TechTable<'a> {
    /// The reasons column, counting a "Purpose" column whose cells are reasons.
    fn reasons_column(&self) -> Option<usize> {
        self.why
            .or_else(|| self.described.filter(|&c| reads_as_reasons(self.table, c)))
    }
    fn line(&self, doc: &Document) -> usize {
        blocks::line_of(doc, self.table.span.start)
    }
    fn header_span(&self) -> Span {
        if self.table.header.iter().all(|c| c.text.is_empty()) {
            // No header words: point at the first row.
            if let Some(r) = self.table.rows.first() {
                return row_span(r).unwrap_or(self.table.span);
            }
        }
        row_span(&self.table.header).unwrap_or_else(|| self.table.header_span())
    }
    /// How a row names its technology, for messages.
    fn row_name(&self, row: &[Cell]) -> String {
        let tech = row.get(self.tech).map(plain).unwrap_or("");
        let name = if tech.is_empty() {
            self.layer.and_then(|l| row.get(l)).map(plain).unwrap_or("")
        } else {
            tech
        };
        blocks::quote(name, 40)
    }
}

/// From the first cell's text to the last cell's text of a row.
fn row_span(row: &[Cell]) -> Option<Span> {
    let first = row.iter().find_map(|c| c.text.span())?;
    let last = row.iter().rev().find_map(|c| c.text.span())?;
    Some(first.cover(last))
}

/// The tech stack table: first in the architecture sections, then anywhere.
fn find_tech_table(doc: &Document) -> Option<TechTable<'_>> {
    for s in doc.sections_for("architecture") {
        if let Some(t) = Document::in_span(&doc.tables, s.span).find_map(as_tech_table) {
            return Some(t);
        }
    }
    doc.tables.iter().find_map(as_tech_table)
}

static STACK_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:the )?(?:tech(?:nology)? stack|stack|technologies(?: used)?|tools(?: and technologies)?|built with|tech used|tooling)$")
        .expect("stack heading pattern")
});

#[cfg(test)]
mod tech_table_tests {
    use super::*;
    use crate::{Profile, Source};

    fn doc(text: &str) -> Document {
        Document::parse(Source::new("t.md", text), Profile::guide())
    }

    fn is_default(cell: &str, tech: &str) -> bool {
        let d = doc(&format!(
            "| Layer | Technology | Why |\n|---|---|---|\n| Backend | {tech} | {cell} |\n"
        ));
        let row = &d.tables[0].rows[0];
        let p = Profile::guide();
        let vocab: Vec<String> = p
            .vocabulary
            .default_reasons
            .iter()
            .chain(&p.vocabulary.vague_words)
            .flat_map(|v| reason_words(v))
            .collect();
        !gives_reason(cell, row, &[0, 1], &vocab)
    }

    #[test]
    fn defaults_are_told_from_reasons() {
        assert!(is_default("Popular", "React"));
        assert!(is_default("Industry standard, easy to use", "Redis"));
        assert!(is_default("I know it", "Express"));
        assert!(is_default(
            "Most popular framework with a large community",
            "React"
        ));
        assert!(is_default("React is modern and fast", "React"));
        assert!(!is_default(
            "Team familiarity, built-in change feeds for live updates",
            "Node.js"
        ));
        assert!(!is_default(
            "Popular, and row-level security fits our tenants",
            "Postgres"
        ));
        assert!(!is_default(
            "ACID guarantees for payment flows",
            "PostgreSQL"
        ));
        assert!(!is_default("Free tier covers our 2K users", "Supabase"));
    }

    #[test]
    fn finds_columns_by_meaning() {
        let d = doc("| Tool / Tech | Purpose |\n|---|---|\n| Three.js | 3D menu |\n");
        let t = as_tech_table(&d.tables[0]).expect("tech table");
        assert_eq!((t.tech, t.why, t.described), (0, None, Some(1)));
        let d = doc("| Layer | Technology | Why This Choice | What We Considered |\n|---|---|---|---|\n| Web | Next.js | SSR | Remix |\n");
        let t = as_tech_table(&d.tables[0]).expect("tech table");
        assert_eq!(
            (t.layer, t.tech, t.why, t.considered),
            (Some(0), 1, Some(2), Some(3))
        );
        let d = doc("| Method | Endpoint | Notes |\n|---|---|---|\n| GET | /a | b |\n");
        assert!(as_tech_table(&d.tables[0]).is_none());
        let d = doc("| Challenge | Why It Was Hard | Solution |\n|---|---|---|\n| a | b | c |\n");
        assert!(as_tech_table(&d.tables[0]).is_none());
    }
}

declare_rule! {
    /// ## What it checks
    /// The document has a tech stack table: a table whose columns name the layers or
    /// components of the system and the technology used for each (headers such as
    /// Layer, Component or Category beside Technology, Tool or Framework). It looks in the
    /// architecture section first, then anywhere, and also reads a table with no header
    /// row whose first column lists layers (Frontend, Backend, Database, …).
    ///
    /// ## Why evaluators care
    /// The table is where a reviewer checks every technology choice at a glance, and it
    /// is the place the guide asks you to defend each one. A list of logos or a sentence
    /// of names gives them nothing to weigh.
    ///
    /// ## Weak
    /// "Built with React, Node, MongoDB and Redis."
    ///
    /// ## Strong
    /// A table with Layer, Technology, Why and What We Considered columns, one row per
    /// layer.
    ///
    /// ## How to fix
    /// Turn the stack into a table in the architecture section, one row per layer, and
    /// leave room for the reason and the alternatives.
    ///
    /// ## What it cannot see
    /// A stack shown only as an image, or a table whose headers use none of the usual
    /// words; rename the headers (Layer, Technology) so readers and the tool find it.
    pub TechStackTable {
        id: "ARC301",
        name: "tech-stack-table",
        area: Architecture,
        criterion: Depth,
        severity: Error,
        fix: Template,
    }
}

impl Check for TechStackTable {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        if find_tech_table(doc).is_some() {
            return Outcome::Pass;
        }
        // A stack written as a list under its own heading is named as such.
        let listed = doc.sections.iter().find(|s| {
            STACK_HEADING.is_match(&s.key)
                && (Document::in_span(&doc.list_items, s.body).next().is_some()
                    || Document::in_span(&doc.paragraphs, s.body).next().is_some())
        });
        let help = "add a table to the architecture section with one row per layer: Layer | Technology | Why | What We Considered";
        if let Some(s) = listed {
            cx.report(
                s.heading,
                format!(
                    "the tech stack (line {}) is written as a list, not a table, so it has no place for why each technology was chosen",
                    blocks::line_of(doc, s.heading.start)
                ),
            )
            .help(help);
        } else if let Some(s) = util::section(doc, "architecture") {
            let fix = super::fixes::append_part(
                doc,
                "architecture",
                "tech_stack",
                "insert a tech stack table to fill in",
            );
            cx.report(
                s.heading,
                format!(
                    "the architecture section (line {}) has no tech stack table naming each layer and its technology",
                    blocks::line_of(doc, s.heading.start)
                ),
            )
            .help(help)
            .fix_if(fix);
        } else {
            cx.report(
                doc.anchor(),
                "no tech stack table anywhere: no table names each layer and the technology chosen for it",
            )
            .help(help);
        }
        Outcome::Fail
    }
}

declare_rule! {
    /// ## What it checks
    /// The tech stack table has a column for why each technology was chosen (Why, Why
    /// This Choice, Why We Chose It, Rationale, Reason, Justification). A "Purpose" or
    /// "Description" column counts only when most of its cells give reasons (because, so
    /// that, instead of, fits, …) rather than say what the technology does.
    ///
    /// ## Why evaluators care
    /// Naming a tool says nothing about the thinking behind it. The why column is where a
    /// reviewer sees whether you chose your tools or inherited them, and it feeds the two
    /// heaviest criteria of the rubric.
    ///
    /// ## Weak
    /// `| Frontend | React | User interface |`
    ///
    /// ## Strong
    /// `| Frontend | Astro | Pages ship almost no JavaScript; 70% of visits are phones on 3G |`
    ///
    /// ## How to fix
    /// Add a "Why" column and fill it, row by row, with the constraint that decided the
    /// choice: a requirement, a number, a team fact.
    ///
    /// ## What it cannot see
    /// Reasons kept outside the table (in prose under it); move them into the table so a
    /// reader finds them next to the choice.
    pub TechStackWhy {
        id: "ARC302",
        name: "tech-stack-why",
        area: Architecture,
        criterion: Architecture,
        severity: Error,
        fix: Template,
    }
}

impl Check for TechStackWhy {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let Some(t) = find_tech_table(doc) else {
            return Outcome::NotApplicable;
        };
        if t.reasons_column().is_some() {
            return Outcome::Pass;
        }
        let msg = match t.described {
            Some(c) => format!(
                "the tech stack table (line {}) has a \"{}\" column, but it says what each technology does, not why it was chosen",
                t.line(doc),
                t.table.header[c].text.text.trim()
            ),
            None => format!(
                "the tech stack table (line {}) has no column for why each technology was chosen",
                t.line(doc)
            ),
        };
        let fix = super::fixes::add_column(
            doc,
            t.table,
            "Why",
            "REASON",
            "add a \"Why\" column to fill in row by row",
        );
        cx.report(t.header_span(), msg)
            .help("add a \"Why\" column giving the constraint behind each choice, e.g. \"row-level security keeps each tenant's data apart\"")
            .fix_if(fix);
        Outcome::Fail
    }
}

declare_rule! {
    /// ## What it checks
    /// The tech stack table has a column for what else was considered (What We
    /// Considered, Alternatives, Rejected, Instead Of, Other Options, vs). A table whose
    /// why cells mostly name the rejected option ("over DynamoDB", "instead of Redux")
    /// passes too.
    ///
    /// ## Why evaluators care
    /// A choice means something only next to what it beat. Naming the runner-up and why
    /// it lost shows you explored the options instead of reaching for the familiar tool.
    ///
    /// ## Weak
    /// A table with Layer, Technology and Why, and no word about the alternatives.
    ///
    /// ## Strong
    /// `| Search | Meilisearch | Typo tolerance out of the box | Elasticsearch (a JVM to run for 5,000 documents), Postgres FTS (no typo tolerance) |`
    ///
    /// ## How to fix
    /// Add a "What We Considered" column with one or two alternatives per row and the
    /// reason each lost.
    ///
    /// ## What it cannot see
    /// Alternatives discussed only in prose elsewhere in the document.
    pub TechStackAlternatives {
        id: "ARC303",
        name: "tech-stack-alternatives",
        area: Architecture,
        criterion: Architecture,
        severity: Warning,
        fix: Template,
    }
}

impl Check for TechStackAlternatives {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let Some(t) = find_tech_table(doc) else {
            return Outcome::NotApplicable;
        };
        if t.considered.is_some() {
            return Outcome::Pass;
        }
        if let Some(c) = t.reasons_column() {
            let filled: Vec<&str> = column_cells(t.table, c)
                .map(|(_, c)| plain(c))
                .filter(|s| !s.is_empty())
                .collect();
            let named = filled
                .iter()
                .filter(|s| NAMES_ALTERNATIVE.is_match(s))
                .count();
            if !filled.is_empty() && named * 2 >= filled.len() {
                return Outcome::Pass;
            }
        }
        cx.report(
            t.header_span(),
            format!(
                "the tech stack table (line {}) has no column for the alternatives you considered",
                t.line(doc)
            ),
        )
        .help("add a \"What We Considered\" column naming the runner-up for each row and why it lost, e.g. \"Elasticsearch (too heavy to run for 5,000 documents)\"")
        .fix_if(super::fixes::add_column(
            doc,
            t.table,
            "What We Considered",
            "ALTERNATIVE",
            "add a \"What We Considered\" column to fill in row by row",
        ));
        Outcome::Fail
    }
}

/// Words that carry no reason by themselves: fillers, praise and familiarity.
const GENERIC: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "for",
    "to",
    "with",
    "in",
    "on",
    "at",
    "by",
    "as",
    "is",
    "was",
    "are",
    "it",
    "its",
    "this",
    "that",
    "we",
    "i",
    "our",
    "my",
    "us",
    "me",
    "very",
    "really",
    "super",
    "quite",
    "most",
    "more",
    "much",
    "so",
    "too",
    "also",
    "just",
    "great",
    "nice",
    "good",
    "best",
    "better",
    "awesome",
    "amazing",
    "excellent",
    "solid",
    "well",
    "widely",
    "wide",
    "used",
    "use",
    "uses",
    "using",
    "known",
    "large",
    "big",
    "huge",
    "active",
    "strong",
    "community",
    "ecosystem",
    "support",
    "supported",
    "documentation",
    "documented",
    "docs",
    "mature",
    "powerful",
    "flexible",
    "lightweight",
    "reliable",
    "robust",
    "fast",
    "faster",
    "scalable",
    "scalability",
    "secure",
    "efficient",
    "performant",
    "performance",
    "modern",
    "popular",
    "popularity",
    "simple",
    "simplicity",
    "easy",
    "easier",
    "ease",
    "standard",
    "industry",
    "everyone",
    "everybody",
    "learn",
    "learning",
    "curve",
    "friendly",
    "developer",
    "developers",
    "dev",
    "team",
    "already",
    "knew",
    "know",
    "known",
    "familiar",
    "familiarity",
    "experience",
    "experienced",
    "comfortable",
    "preferred",
    "preference",
    "prefer",
    "default",
    "recommended",
    "trendy",
    "common",
    "commonly",
    "seamless",
    "seamlessly",
    "lot",
    "lots",
    "many",
    "plenty",
    "tons",
    "resources",
    "tutorials",
    "framework",
    "library",
    "lib",
    "tool",
    "tooling",
    "language",
    "database",
    "choice",
    "option",
    "solution",
    "technology",
    "tech",
    "stack",
    "features",
    "feature",
    "rich",
    "handy",
    "nice",
    "cool",
    "works",
    "work",
    "job",
    "needs",
    "our",
    "one",
    "out",
    "there",
    "it's",
    "s",
    "etc",
    "highly",
    "high",
    "quality",
    "productive",
    "productivity",
    "user",
    "interface",
    "building",
    "build",
    "apps",
    "app",
    "applications",
    "web",
];

/// Whether a why cell has a word that says something concrete: not filler, praise, the
/// vocabulary (`vocab_words`, split by [`reason_words`]) or the technology's own name.
fn gives_reason(cell: &str, row: &[Cell], skip: &[usize], vocab_words: &[String]) -> bool {
    let own: Vec<String> = skip
        .iter()
        .filter_map(|&i| row.get(i))
        .flat_map(|c| reason_words(&c.text.text))
        .collect();
    reason_words(cell)
        .iter()
        .any(|w| !GENERIC.contains(&w.as_str()) && !own.contains(w) && !vocab_words.contains(w))
}

/// The words of a text, lower-cased, as [`gives_reason`] compares them; the vocabulary
/// is split with it once per check, not once per row.
fn reason_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().trim_matches('\'').to_string())
        .collect()
}

declare_rule! {
    /// ## What it checks
    /// Every row's why cell in the tech stack table is filled and gives a reason, not a
    /// default. A cell fails when it is empty (or "-", "N/A") or when, after removing the
    /// technology's own name, filler and the profile's `default_reasons` and
    /// `vague_words` ("popular", "industry standard", "modern", "easy to use", "I know
    /// it", "fast"), nothing concrete is left. "Team familiarity, built-in change feeds
    /// for live updates" passes: the change feeds are a reason. Reported per cell.
    ///
    /// ## Why evaluators care
    /// Popularity is the answer the rubric scores lowest for architecture reasoning. A
    /// default in the why column tells the reviewer the choice was never really made.
    ///
    /// ## Weak
    /// `| Backend | Express | Popular and easy to use |`
    ///
    /// ## Strong
    /// `| Backend | Express | Same language as the front end; Socket.IO runs in-process for the chat |`
    ///
    /// ## How to fix
    /// Replace each reported cell with the requirement or constraint that decided the
    /// choice, ideally with a number or a named need.
    ///
    /// ## What it cannot see
    /// Whether a concrete-sounding reason is true or even relevant; only empty cells and
    /// cells made of nothing but default wording are caught. Template slots (`REASON`)
    /// are left to STR004.
    pub TechStackReasons {
        id: "ARC304",
        name: "tech-stack-reasons",
        area: Architecture,
        criterion: Architecture,
        severity: Warning,
    }
}

impl Check for TechStackReasons {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let Some(t) = find_tech_table(doc) else {
            return Outcome::NotApplicable;
        };
        let Some(col) = t.reasons_column() else {
            return Outcome::NotApplicable;
        };
        let vocab: Vec<String> = cx
            .profile
            .vocabulary
            .default_reasons
            .iter()
            .chain(&cx.profile.vocabulary.vague_words)
            .flat_map(|v| reason_words(v))
            .collect();
        let skip: Vec<usize> = [Some(t.tech), t.layer].into_iter().flatten().collect();
        let (mut ok, mut total) = (0, 0);
        for row in &t.table.rows {
            let Some(cell) = row.get(col) else { continue };
            let text = plain(cell);
            if blocks::is_slot(text) {
                continue;
            }
            total += 1;
            let name = t.row_name(row);
            let empty = text.is_empty()
                || matches!(
                    text.to_ascii_lowercase().trim_matches(['.', ' ']),
                    "-" | "--" | "—" | "–" | "n/a" | "na" | "none" | "tbd" | "?" | "…" | "..."
                );
            if empty {
                let span = cell.text.span().unwrap_or(cell.span);
                cx.report(span, format!("the why cell for {name} is empty"))
                    .help("say what requirement or constraint made you pick it, e.g. \"ACID transactions for payments\"");
                continue;
            }
            if !gives_reason(text, row, &skip, &vocab) {
                let span = cell.text.span().unwrap_or(cell.span);
                cx.report(
                    span,
                    format!(
                        "the why cell for {name} gives a default, not a reason: \"{}\"",
                        blocks::quote(text, 50)
                    ),
                )
                .help("name the need it met or the constraint it fit (\"row-level security for tenants\", \"free tier covers our 3,000 members\") instead of how well known it is");
                continue;
            }
            ok += 1;
        }
        Outcome::ratio(ok, total)
    }
}

// ---------------------------------------------------------------------------------------
// The architecture diagram (ARC305, ARC306). Paths are written out in full so this block
// stands on its own beside the other rules of this file.

crate::declare_rule! {
    /// ## What it checks
    /// The document has an architecture diagram: a Mermaid flowchart/graph, C4,
    /// `architecture-beta` or block diagram that its heading or caption presents as the
    /// architecture (or that sits outside the flow and data sections and has no decision
    /// steps); an image whose alt text, caption or file name says architecture, system
    /// design, infrastructure or topology (or that sits in the architecture section and is
    /// not a screenshot); or a box-and-arrow drawing in a plain code block under an
    /// architecture heading.
    ///
    /// ## Why evaluators care
    /// The architecture diagram is the 10,000-foot view a reviewer keeps in mind while
    /// reading everything else; without it every later section is harder to follow.
    ///
    /// ## Weak
    /// A paragraph listing "React frontend, Node backend, MongoDB" and no picture.
    ///
    /// ## Strong
    /// A `flowchart LR` with the client, CDN, load balancer, API instances, cache, database,
    /// queue, workers and the dead-letter queue, with labelled arrows.
    ///
    /// ## How to fix
    /// Add a Mermaid `flowchart` to the architecture section (or an image with alt text
    /// such as "System architecture"): every runtime component and how they talk.
    ///
    /// ## What it cannot see
    /// What an image shows; an image with no alt text, caption or telling file name outside
    /// the architecture section is not recognised.
    pub ArchitectureDiagram {
        id: "ARC305",
        name: "architecture-diagram",
        area: Architecture,
        criterion: Evidence,
        severity: Error,
        fix: Template,
    }
}

impl super::Check for ArchitectureDiagram {
    fn check(
        &self,
        doc: &crate::document::Document,
        cx: &mut super::RuleContext,
    ) -> super::Outcome {
        use super::diagrams::{
            context_role, image_role, is_architecture_diagram, text_diagrams, Role,
        };
        let mermaid = cx
            .shared
            .diagrams()
            .iter()
            .any(|d| is_architecture_diagram(doc, d));
        let image = || {
            doc.images
                .iter()
                .any(|i| image_role(doc, i) == Role::Architecture)
        };
        let text = || text_diagrams(doc).any(|c| context_role(doc, c.span) == Role::Architecture);
        if mermaid || image() || text() {
            return super::Outcome::Pass;
        }
        cx.report(
            super::util::section_anchor(doc, "architecture"),
            "no architecture diagram: no Mermaid flowchart or C4 diagram of the system, and no image whose alt text, caption or file name says architecture",
        )
        .help("add a Mermaid `flowchart LR` of every runtime component and how they talk (client, API, database, cache, queue, workers), or an image with alt text like \"System architecture\"")
        .fix_if(super::fixes::append_part(
            doc,
            "architecture",
            "architecture_diagram",
            "insert a skeleton architecture diagram to adapt",
        ));
        super::Outcome::Fail
    }
}

crate::declare_rule! {
    /// ## What it checks
    /// The Mermaid architecture diagram shows at least one failure boundary: a node, group
    /// or arrow label that names a retry, dead-letter queue, circuit breaker, fallback,
    /// timeout, replica or failover, a health check, or an error path (the profile's
    /// `failure_boundaries`). Reported at the diagram's first line.
    ///
    /// ## Why evaluators care
    /// A diagram of the happy path only hides the most interesting decisions: where
    /// retries live, what happens to a message that keeps failing, what takes over when
    /// the database's primary dies. Reviewers look for these boundaries first.
    ///
    /// ## Weak
    /// `Client --> API --> DB` and `API --> Queue --> Worker`, nothing else.
    ///
    /// ## Strong
    /// `Queue -->|after 3 retries| DLQ[Dead letter queue]`, `DB[(Primary)] -.->|replication|
    /// Replica[(Read replica)]`, `API -->|timeout 2 s, fallback to cache| Cache`.
    ///
    /// ## How to fix
    /// Add the failure handling you built to the diagram: the dead-letter queue, the retry
    /// policy on the arrow, the replica, the circuit breaker in front of the third-party API.
    ///
    /// ## What it cannot see
    /// Architecture diagrams that are images, and C4 or `architecture-beta` diagrams (their
    /// contents are not read); it is not applicable when there is no Mermaid flowchart of
    /// the architecture.
    pub FailureBoundaries {
        id: "ARC306",
        name: "failure-boundaries",
        area: Architecture,
        criterion: Architecture,
        severity: Warning,
    }
}

impl super::Check for FailureBoundaries {
    fn check(
        &self,
        doc: &crate::document::Document,
        cx: &mut super::RuleContext,
    ) -> super::Outcome {
        use super::diagrams::{is_architecture_diagram, line_of, mentions};
        use crate::diagram::Model;
        let words = &super::util::Words::new(&cx.profile.vocabulary.failure_boundaries);
        let charts: Vec<(&crate::diagram::Diagram, &crate::diagram::Flowchart)> = cx
            .shared
            .diagrams()
            .iter()
            .filter(|d| is_architecture_diagram(doc, d))
            .filter_map(|d| match &d.parse {
                Ok(Model::Flowchart(f)) => Some((d, f)),
                _ => None,
            })
            .collect();
        if charts.is_empty() {
            return super::Outcome::NotApplicable;
        }
        let shows = |f: &crate::diagram::Flowchart| {
            f.nodes
                .iter()
                .flat_map(|n| [n.id.as_str(), n.label.as_str()])
                .chain(
                    f.edges
                        .iter()
                        .filter_map(|e| e.label.as_ref().map(|l| l.text.as_str())),
                )
                .chain(f.subgraphs.iter().map(|s| s.title.as_str()))
                .any(|t| mentions(t, words))
        };
        if charts.iter().any(|(_, f)| shows(f)) {
            return super::Outcome::Pass;
        }
        let (first, f) = charts[0];
        let which = if charts.len() == 1 {
            format!(
                "the architecture diagram (line {}, {} components)",
                line_of(doc, first),
                f.nodes.len()
            )
        } else {
            format!(
                "none of the {} architecture diagrams (first at line {})",
                charts.len(),
                line_of(doc, first)
            )
        };
        let verb = if charts.len() == 1 { "shows" } else { "show" };
        cx.report(
            first.header,
            format!("{which} {verb} no failure boundary: no retry, dead-letter queue, circuit breaker, fallback, timeout, replica or error path"),
        )
        .help("draw where failure is handled: e.g. `Queue -->|after 3 retries| DLQ[Dead letter queue]`, a read replica, or the timeout and fallback on the call to a third party");
        super::Outcome::Fail
    }
}
