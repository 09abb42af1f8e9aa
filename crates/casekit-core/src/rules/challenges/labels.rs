//! Bold labels and sub-headings inside a challenge (`**Problem:** …`, `### Solution`):
//! where they are, which part each names, and the headings that are not challenges.

use super::*;
use crate::document::{normalize_heading, Document};
use crate::source::Span;

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
