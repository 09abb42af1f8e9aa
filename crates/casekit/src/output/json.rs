//! `--format json`: the contract in docs (version 1). Lines and columns are 1-based and
//! columns count characters.

use crate::input::InputError;
use casekit_core::{Diagnostic, Document, Report};
use serde_json::{json, Value};

pub fn position(doc: &Document, offset: u32) -> Value {
    let lc = doc.line_col(offset);
    json!({"line": lc.line, "column": lc.column})
}

pub fn diagnostic(doc: &Document, d: &Diagnostic) -> Value {
    let fix = d.fix.as_ref().map(|f| {
        json!({
            "message": f.message,
            // Every edit is an insertion: its span is empty (start = end).
            "edits": f.inserts().iter().map(|e| json!({
                "span": {"start": position(doc, e.at()), "end": position(doc, e.at())},
                "content": e.text(),
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "rule": d.rule,
        "severity": d.severity.as_str(),
        "message": d.message,
        "help": d.help,
        "span": {"start": position(doc, d.span.start), "end": position(doc, d.span.end)},
        "fix": fix,
    })
}

/// One file's entry in `files`.
pub fn file(doc: &Document, report: &Report) -> Value {
    json!({
        "path": doc.source.path.display().to_string(),
        "diagnostics": report.diagnostics.iter().map(|d| diagnostic(doc, d)).collect::<Vec<_>>(),
    })
}

/// The `errors` list: inputs that could not be checked.
pub fn errors(errors: &[InputError]) -> Value {
    errors
        .iter()
        .map(|e| json!({"path": e.path.display().to_string(), "message": e.message}))
        .collect()
}

/// `v` pretty-printed as it would appear `indent` spaces deep inside a larger pretty
/// document (every line indented, the first one too), so files can be written one by
/// one and the whole still reads as one `serde_json` pretty print. JSON strings never
/// hold a raw line break, so indenting after each one is safe.
pub fn pretty_at(v: &Value, indent: usize) -> String {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    let pad = " ".repeat(indent);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&pad);
        out.push_str(line);
    }
    out
}

/// The versioned top level shared by `check` and `score` JSON when it is built whole: the
/// files, and the inputs that could not be read, if any.
pub fn envelope(files: Vec<Value>, errs: &[InputError]) -> Value {
    let mut v = json!({"version": 1, "files": files});
    if !errs.is_empty() {
        v["errors"] = errors(errs);
    }
    v
}
