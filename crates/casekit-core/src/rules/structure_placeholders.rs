//! Placeholders left in (STR004): template slots, prompts, empty links, lorem ipsum and
//! the guidance comments `casekit new` writes.

use super::structure::GUIDANCE_MARKER;
use super::util;
use super::{Check, Outcome, RuleContext};
use crate::declare_rule;
use crate::document::Document;
use crate::re::Regex;
use crate::source::Span;
use std::ops::Range;
use std::sync::LazyLock;

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
