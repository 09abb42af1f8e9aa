//! "Fix all": every fix casekit offers, applied to a fixed point exactly as `casekit
//! check --fix` does (`casekit_core::fix_to_fixed_point`), sent as one edit. Fixes only
//! insert, so the edit replaces no more than the stretch between the first and the last
//! insertion, and that stretch keeps every byte the writer wrote there.

use crate::convert::position;
use casekit_core::{fix_to_fixed_point, Analysis, MAX_FIX_PASSES};
use casekit_settings::Resolved;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Url, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::Path;

/// The kind editors ask for on save (`source.fixAll`), narrowed to casekit.
pub fn kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.casekit")
}

/// The "fix all" action for the analysed document, or `None` when nothing is left to
/// fix. Each further pass is checked under `resolved` as the document itself was.
pub fn action(
    a: &Analysis,
    path: &Path,
    resolved: &Resolved,
    uri: &Url,
) -> Option<CodeActionOrCommand> {
    let doc = &a.document;
    let text = doc.text();
    let first: Vec<_> = a
        .report
        .diagnostics
        .iter()
        .filter_map(|d| Some((d.rule, d.fix.clone()?)))
        .collect();
    if first.is_empty() {
        return None;
    }
    let mut given = Some(first);
    let done = fix_to_fixed_point(text, MAX_FIX_PASSES, |t| {
        // The first pass reuses the analysis the editor already shows.
        if let Some(found) = given.take() {
            return Ok(found);
        }
        match crate::state::check(path, t.to_string(), resolved) {
            crate::state::Checked::Done(a) => Ok(a
                .report
                .diagnostics
                .into_iter()
                .filter_map(|d| Some((d.rule, d.fix?)))
                .collect()),
            crate::state::Checked::Refused { .. } => Err(()),
        }
    })
    .ok()?;
    if done.text == text {
        return None;
    }
    let (from, to, new_text) = changed_stretch(text, &done.text);
    let edit = TextEdit {
        range: Range {
            start: position(doc, from as u32),
            end: position(doc, to as u32),
        },
        new_text,
    };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!(
            "Fix all casekit findings ({} fix{})",
            done.applied.len(),
            if done.applied.len() == 1 { "" } else { "es" }
        ),
        kind: Some(kind()),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..Default::default()
        }),
        ..Default::default()
    }))
}

/// The byte range of `before` that differs from `after` (common prefix and suffix left
/// out, on character boundaries) and what `after` has in its place.
fn changed_stretch(before: &str, after: &str) -> (usize, usize, String) {
    let mut from = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(x, y)| x == y)
        .count();
    while !before.is_char_boundary(from) || !after.is_char_boundary(from) {
        from -= 1;
    }
    let room = before.len().min(after.len()) - from;
    let mut tail = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    while !before.is_char_boundary(before.len() - tail)
        || !after.is_char_boundary(after.len() - tail)
    {
        tail -= 1;
    }
    (
        from,
        before.len() - tail,
        after[from..after.len() - tail].to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::changed_stretch;

    #[test]
    fn the_stretch_is_the_smallest_that_turns_one_text_into_the_other() {
        assert_eq!(changed_stretch("ab", "aXb"), (1, 1, "X".into()));
        assert_eq!(
            changed_stretch("a\nb\n", "a\nX\nb\nY\n"),
            (2, 3, "X\nb\nY".into())
        );
        assert_eq!(changed_stretch("", "X"), (0, 0, "X".into()));
        // Never inside a character: "é" and "è" share their first byte.
        assert_eq!(changed_stretch("é", "èé"), (0, 0, "è".into()));
        for (a, b) in [
            ("ab", "aXb"),
            ("a\nb\n", "a\nX\nb\nY\n"),
            ("é", "èé"),
            ("aa", "aaa"),
        ] {
            let (from, to, new) = changed_stretch(a, b);
            assert_eq!(format!("{}{new}{}", &a[..from], &a[to..]), b);
        }
    }
}
