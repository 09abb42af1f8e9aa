//! System Architecture: the rules about the tech stack table, its reasons and
//! alternatives (the table is read in `tech_stack_table.rs`); the architecture diagram's
//! rules are in `architecture_diagram.rs`.

use super::architecture_diagram::{ArchitectureDiagram, FailureBoundaries};
use super::blocks;
use super::tech_stack_table::*;
use super::util;
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::Document;

pub static RULES: &[&dyn Rule] = &[
    &TechStackTable,
    &TechStackWhy,
    &TechStackAlternatives,
    &TechStackReasons,
    &ArchitectureDiagram,
    &FailureBoundaries,
];

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
        let fix = add_column_everywhere(
            doc,
            &t,
            |t| t.reasons_column().is_none(),
            ("Why", "REASON"),
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
        if names_alternatives(&t) {
            return Outcome::Pass;
        }
        cx.report(
            t.header_span(),
            format!(
                "the tech stack table (line {}) has no column for the alternatives you considered",
                t.line(doc)
            ),
        )
        .help("add a \"What We Considered\" column naming the runner-up for each row and why it lost, e.g. \"Elasticsearch (too heavy to run for 5,000 documents)\"")
        .fix_if(add_column_everywhere(
            doc,
            &t,
            |t| !names_alternatives(t),
            ("What We Considered", "ALTERNATIVE"),
            "add a \"What We Considered\" column to fill in row by row",
        ));
        Outcome::Fail
    }
}

/// A column for the alternatives, or why cells that mostly name the rejected option.
fn names_alternatives(t: &TechTable) -> bool {
    if t.considered.is_some() {
        return true;
    }
    let Some(c) = t.reasons_column() else {
        return false;
    };
    let filled: Vec<&str> = column_cells(t.table, c)
        .map(|(_, c)| plain(c))
        .filter(|s| !s.is_empty())
        .collect();
    let named = filled
        .iter()
        .filter(|s| NAMES_ALTERNATIVE.is_match(s))
        .count();
    !filled.is_empty() && named * 2 >= filled.len()
}

/// Adds the column `header` (slots `slot_1`, …) to `found` and to every other tech stack
/// table that `lacks` it. With two such tables, which one the rules read can change
/// once a fix has grown the document (an architecture section inserted around the
/// other), and the column would be asked for again there. `None` when `found` cannot
/// take the column.
fn add_column_everywhere(
    doc: &Document,
    found: &TechTable,
    lacks: impl Fn(&TechTable) -> bool,
    (header, slot): (&str, &str),
    message: &str,
) -> Option<super::Fix> {
    let first = super::fixes::add_column(doc, found.table, header, slot, message)?;
    let others = doc
        .tables
        .iter()
        .filter(|t| !std::ptr::eq(*t, found.table))
        .filter_map(as_tech_table)
        .filter(|t| lacks(t))
        .filter_map(|t| super::fixes::add_column(doc, t.table, header, slot, message));
    Some(others.fold(first, super::Fix::and))
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
