//! Reading the tech stack table: which table it is, what each column means (layer,
//! technology, why, alternatives considered), and which cells give a reason rather than
//! a description or praise.

use super::blocks;
use super::util::header_key;
use crate::document::{normalize_heading, Cell, Document, Table};
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

/// Header words of the column naming the layer or part of the system.
pub(super) const LAYER_KEYS: &[&str] = &[
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
pub(super) const TECH_KEYS: &[&str] = &[
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
pub(super) const WHY_KEYS: &[&str] = &[
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
pub(super) const MAYBE_WHY_KEYS: &[&str] = &[
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
pub(super) const CONSIDERED_KEYS: &[&str] = &[
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
pub(super) const LAYER_NAMES: &[&str] = &[
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
pub(super) struct TechTable<'a> {
    pub(super) table: &'a Table,
    pub(super) layer: Option<usize>,
    pub(super) tech: usize,
    /// The column of reasons (a "Why" header, or a "Purpose" column whose cells read
    /// as reasons).
    pub(super) why: Option<usize>,
    /// A "Purpose"-style column whose cells describe rather than justify.
    pub(super) described: Option<usize>,
    pub(super) considered: Option<usize>,
}

/// Whether a normalised header means one of `keys`: the whole header, or its first or
/// last words (as `util::column` reads headers).
pub(super) fn header_means(h: &str, keys: &[&str], exact: bool) -> bool {
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
pub(super) fn pick(headers: &[String], keys: &[&str], taken: &[usize]) -> Option<usize> {
    for exact in [true, false] {
        if let Some(i) = (0..headers.len())
            .find(|&i| !taken.contains(&i) && header_means(&headers[i], keys, exact))
        {
            return Some(i);
        }
    }
    None
}

pub(super) static REASONISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:because|since|so (?:that|we|it|the|users)|due to|which (?:gives|lets|means|keeps|avoids|made)|we (?:needed|wanted|already)|needed|required by|without|instead of|rather than|vs\.?|versus|avoid(?-u:\w)*|cheaper|free tier|familiar(?-u:\w)*|fits?|suited|better|simpler|easier|than|lets us|allows us|gave us|gives us|out of the box|built-in|trade-?offs?|compared)(?-u:\b)|(?-u:\b)over [A-Z]")
        .expect("reason pattern")
});
pub(super) static NAMES_ALTERNATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:(?-u:\b)(?:instead of|rather than|vs\.?|versus|compared (?:to|with)|rejected|considered|ruled out|beat|alternatives?)(?-u:\b))|(?-u:\b)over [A-Z`*]")
        .expect("alternative pattern")
});

pub(super) fn plain(cell: &Cell) -> &str {
    cell.text.text.trim()
}

/// Reads a table as a tech stack table, if it is one.
pub(super) fn as_tech_table(table: &Table) -> Option<TechTable<'_>> {
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
pub(super) fn column_cells(t: &Table, col: usize) -> impl Iterator<Item = (&[Cell], &Cell)> {
    t.rows
        .iter()
        .filter_map(move |r| r.get(col).map(|c| (r.as_slice(), c)))
}

/// Whether most filled cells of a column read as reasons.
pub(super) fn reads_as_reasons(t: &Table, col: usize) -> bool {
    let filled: Vec<&str> = column_cells(t, col)
        .map(|(_, c)| plain(c))
        .filter(|s| !s.is_empty())
        .collect();
    let reasons = filled.iter().filter(|s| REASONISH.is_match(s)).count();
    !filled.is_empty() && reasons * 2 > filled.len()
}

impl<'a> TechTable<'a> {
    /// The reasons column, counting a "Purpose" column whose cells are reasons.
    pub(super) fn reasons_column(&self) -> Option<usize> {
        self.why
            .or_else(|| self.described.filter(|&c| reads_as_reasons(self.table, c)))
    }
    pub(super) fn line(&self, doc: &Document) -> usize {
        blocks::line_of(doc, self.table.span.start)
    }
    pub(super) fn header_span(&self) -> Span {
        if self.table.header.iter().all(|c| c.text.is_empty()) {
            // No header words: point at the first row.
            if let Some(r) = self.table.rows.first() {
                return row_span(r).unwrap_or(self.table.span);
            }
        }
        row_span(&self.table.header).unwrap_or_else(|| self.table.header_span())
    }
    /// How a row names its technology, for messages.
    pub(super) fn row_name(&self, row: &[Cell]) -> String {
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
pub(super) fn row_span(row: &[Cell]) -> Option<Span> {
    let first = row.iter().find_map(|c| c.text.span())?;
    let last = row.iter().rev().find_map(|c| c.text.span())?;
    Some(first.cover(last))
}

/// The tech stack table: first in the architecture sections, then anywhere.
pub(super) fn find_tech_table(doc: &Document) -> Option<TechTable<'_>> {
    for s in doc.sections_for("architecture") {
        if let Some(t) = Document::in_span(&doc.tables, s.span).find_map(as_tech_table) {
            return Some(t);
        }
    }
    doc.tables.iter().find_map(as_tech_table)
}

pub(super) static STACK_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:the )?(?:tech(?:nology)? stack|stack|technologies(?: used)?|tools(?: and technologies)?|built with|tech used|tooling)$")
        .expect("stack heading pattern")
});

/// Words that carry no reason by themselves: fillers, praise and familiarity.
pub(super) const GENERIC: &[&str] = &[
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
pub(super) fn gives_reason(
    cell: &str,
    row: &[Cell],
    skip: &[usize],
    vocab_words: &[String],
) -> bool {
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
pub(super) fn reason_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().trim_matches('\'').to_string())
        .collect()
}

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
