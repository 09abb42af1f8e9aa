//! The fixes rules offer, built from the document model. Each only inserts (see
//! `fix.rs`), and each inserts a template slot or skeleton that the writer then fills
//! in: STR004 reports what is left to replace. A fix is offered only where its
//! insertion would land cleanly (a Markdown heading to append under, a table whose
//! lines can be read), and never twice: a fix whose text is already there is not
//! offered again, so a second `check --fix` changes nothing.

use super::fix::{line_start_at_or_after, Fix};
use super::util;
use crate::document::{Document, Section, Table};
use crate::source::Span;

/// The section matched to `id`, when it is headed by a Markdown heading (a fix does not
/// write Markdown headings into a JSX component's body).
fn markdown_section<'a>(doc: &'a Document, id: &str) -> Option<&'a Section> {
    util::section(doc, id).filter(|s| doc.headings[s.heading_index].component.is_none())
}

/// Where a block appended to `section` goes: the start of the line after its last
/// content, so it lands before blank lines and a closing rule (`---`) that separate the
/// section from the next one.
fn section_end(doc: &Document, section: &Section) -> usize {
    let text = doc.text();
    let floor = line_start_at_or_after(text, section.body.start as usize);
    let mut at = line_start_at_or_after(text, section.span.end as usize);
    while at > floor {
        // On bytes: `at` may be the text's end, right after a multibyte character.
        let prev = text.as_bytes()[..at - 1]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
            .max(floor);
        let line = text[prev..at].trim();
        let rule = line.len() >= 3
            && ["-", "*", "_"]
                .iter()
                .any(|c| line.chars().all(|x| x.to_string() == *c || x == ' '));
        if !(line.is_empty() || rule) {
            break;
        }
        at = prev;
    }
    at
}

/// Whether the document has a code fence left open, running to its end. Such a
/// document gets no section fixes until the fence is closed: text put at its end would
/// be swallowed by the block, and text put elsewhere would move what the rules read as
/// the block's context, so a second run would place things differently.
pub(crate) fn open_fence(doc: &Document) -> bool {
    let end = doc.text().trim_end().len();
    doc.code_blocks.iter().any(|c| {
        // Closed: a fence line of its own after the opening one.
        let body = doc.slice(c.span).trim_end();
        let last = body.lines().last().unwrap_or("");
        let fence = last.trim_start_matches(['>', ' ', '\t']);
        let closed = body.lines().nth(1).is_some()
            && (fence.starts_with("```") || fence.starts_with("~~~"))
            && fence.trim_matches(['`', '~', ' ']).is_empty();
        !closed && c.span.end as usize >= end
    }) || super::open_html::open_html_block(doc)
}

/// Appends `block` as its own paragraph at the end of `section`: right after the last
/// line of its content, after a blank line. Several blocks appended to one section
/// stack up in order, each after a blank line, and what followed the section keeps the
/// blank lines it had.
fn append(doc: &Document, section: &Section, message: &str, block: &str) -> Option<Fix> {
    let text = doc.text();
    let mut at = section_end(doc, section);
    let block = block.trim_end_matches('\n');
    if open_fence(doc) {
        return None;
    }
    if at == 0 {
        return Some(Fix::new(message).insert(text, 0, format!("{block}\n\n")));
    }
    if text.as_bytes()[at - 1] == b'\n' {
        at -= 1;
        if at > 0 && text.as_bytes()[at - 1] == b'\r' {
            at -= 1;
        }
    }
    Some(Fix::new(message).insert(text, at, format!("\n\n{block}")))
}

/// Appends the scaffold's `part` (non-goals, tech stack, …) at the end of section `id`,
/// one heading level below it.
pub(crate) fn append_part(doc: &Document, id: &str, part: &str, message: &str) -> Option<Fix> {
    let section = markdown_section(doc, id)?;
    let level = (section.level + 1).min(6);
    let body = crate::scaffold::part_template(part, doc.source.format, level)?;
    let text = doc.text();
    // Already inserted once (its guidance line is still there): not offered again.
    let guide = body
        .lines()
        .find(|l| l.contains(crate::scaffold::GUIDANCE_MARKER))
        .unwrap_or(&body);
    if text.contains(guide.trim()) {
        return None;
    }
    append(doc, section, message, &body)
}

/// Appends a one-line paragraph at the end of section `id`, unless it is already there.
pub(crate) fn append_line(doc: &Document, id: &str, line: &str, message: &str) -> Option<Fix> {
    let section = markdown_section(doc, id)?;
    // Anywhere in the text: a heading in between may have moved it out of the section.
    if doc.text().contains(line) {
        return None;
    }
    append(doc, section, message, line)
}

/// Adds a column headed `header` at the right of `table`, with a numbered slot
/// (`{slot}_1`, `{slot}_2`, …) in each row. `None` when the table's lines do not read
/// as one header line, one delimiter line and one line per row.
pub(crate) fn add_column(
    doc: &Document,
    table: &Table,
    header: &str,
    slot: &str,
    message: &str,
) -> Option<Fix> {
    let text = doc.text();
    let first = doc.lines.line_of(table.span.start);
    let last = doc
        .lines
        .line_of(table.span.end.saturating_sub(1).max(table.span.start));
    let lines: Vec<Span> = (first..=last)
        .map(|l| doc.lines.line_span(l, text))
        .filter(|s| !doc.slice(*s).trim().is_empty())
        .collect();
    if lines.len() != table.rows.len() + 2 {
        return None;
    }
    let delimiter = doc.slice(lines[1]);
    let is_delimiter = delimiter.contains('-')
        && delimiter
            .trim_start_matches(['>', ' '])
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
    if !is_delimiter {
        return None;
    }
    let mut fix = Fix::new(message);
    for (i, line) in lines.iter().enumerate() {
        let raw = doc.slice(*line);
        let body = raw.trim_end();
        let at = line.start as usize + body.len();
        let cell = match i {
            0 => header.to_string(),
            1 => "---".to_string(),
            n => format!("{slot}_{}", n - 1),
        };
        // A closing pipe (not an escaped one) is kept last: the new cell goes after it.
        let closed = body.ends_with('|') && !body.ends_with("\\|");
        let insert = match (closed, i) {
            (true, 1) => format!("{cell}|"),
            (true, _) => format!(" {cell} |"),
            (false, 1) => format!("|{cell}"),
            (false, _) => format!(" | {cell}"),
        };
        fix = fix.insert(text, at, insert);
    }
    Some(fix)
}

/// Adds to `fix` a slot for the spelled-out form right after an acronym's first use:
/// `JWT` → `JWT (JWT_FULL_NAME)`; nothing when a parenthesis already follows it.
pub(crate) fn acronym_slot(doc: &Document, fix: Fix, first_use: Span, acronym: &str) -> Fix {
    let text = doc.text();
    let end = first_use.end as usize + term_tail(text.get(first_use.end as usize..).unwrap_or(""));
    // Part of a dotted name (`b.WR.Y`, `app.NS`): a slot would split it, and the words
    // after it would start a new sentence, changing what the next check reads.
    let dotted = |s: &str| s.starts_with('.') && s[1..].starts_with(char::is_alphanumeric);
    let before: String = text[..first_use.start as usize]
        .chars()
        .rev()
        .take(2)
        .collect();
    if text
        .get(end..)
        .is_none_or(|rest| rest.trim_start().starts_with('(') || dotted(rest))
        || dotted(&before)
        || quoted(text, first_use.start as usize, end)
    {
        return fix;
    }
    // A plural ("ADRs") is named by its singular.
    let stem = acronym
        .strip_suffix('s')
        .filter(|s| s.len() >= 2)
        .unwrap_or(acronym);
    let slot = if stem
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && stem.starts_with(|c: char| c.is_ascii_uppercase())
    {
        format!("{stem}_FULL_NAME")
    } else {
        "ACRONYM_FULL_NAME".to_string()
    };
    fix.insert(text, end, format!(" ({slot})"))
}

/// Whether the term at `start..end` is quoted on its own (`"AMQP"`): a name being
/// mentioned, as in a list of examples, not used.
fn quoted(text: &str, start: usize, end: usize) -> bool {
    let open = text[..start].chars().next_back();
    let close = text[end..].chars().next();
    matches!(
        (open, close),
        (Some('"'), Some('"'))
            | (Some('“'), Some('”'))
            | (Some('\''), Some('\''))
            | (Some('‘'), Some('’'))
    )
}

/// How far the term an acronym begins runs on past it, in bytes (all ASCII): a hyphenated
/// compound (`PCI-compliant`), a possessive (`JWT's`), a version or level written as one
/// digit (`SOC 2`, `HTTP/2`). A longer number is a quantity, not part of the name.
fn term_tail(rest: &str) -> usize {
    let b = rest.as_bytes();
    let word = |from: usize| {
        b[from..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count()
    };
    let mut k = 0;
    loop {
        match b.get(k) {
            Some(b'-') if word(k + 1) > 0 => k += 1 + word(k + 1),
            Some(b'\'') if b.get(k + 1) == Some(&b's') && word(k + 1) == 1 => k += 2,
            Some(b'/') if b.get(k + 1).is_some_and(u8::is_ascii_digit) => k += 1 + word(k + 1),
            Some(b' ') if k == 0 => {
                let n = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
                let ends = b.get(1 + n).is_none_or(|c| !c.is_ascii_alphanumeric());
                if n == 1 && ends && b.get(1 + n) != Some(&b'%') {
                    k = 1 + n;
                }
                return k;
            }
            _ => return k,
        }
    }
}

/// A reason slot at the end of a one-line non-goal list item:
/// `- Video visits` → `- Video visits (left out because NON_GOAL_REASON)`.
pub(crate) fn non_goal_reason(doc: &Document, span: Span) -> Option<Fix> {
    let text = doc.text();
    let line = doc.lines.line_of(span.start);
    if doc.lines.line_of(span.end) != line
        || doc
            .code_blocks
            .iter()
            .any(|c| c.span.contains_offset(span.start))
    {
        return None;
    }
    let whole = doc.lines.line_span(line, text);
    let lead = doc.slice(whole).trim_start();
    let digits = lead.trim_start_matches(|c: char| c.is_ascii_digit());
    let item = ["- ", "* ", "+ "].iter().any(|m| lead.starts_with(m))
        || (digits.len() < lead.len() && (digits.starts_with(". ") || digits.starts_with(") ")));
    let rest = text.get(span.end as usize..whole.end as usize)?;
    if !item || !rest.trim().is_empty() {
        return None;
    }
    let mut at = span.end as usize;
    // "- Video visits." → the reason goes before the full stop.
    if text[..at].ends_with('.') && !text[..at].ends_with("..") {
        at -= 1;
    }
    Some(Fix::new("add a slot for why this was left out").insert(
        text,
        at,
        " (left out because NON_GOAL_REASON)",
    ))
}
