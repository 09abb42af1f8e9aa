//! `--format json`: the contract in docs (version 1). Lines and columns are 1-based and
//! columns count characters.

use super::FileResult;
use crate::input::InputError;
use casekit_core::{Diagnostic, Document};
use serde_json::{json, Value};

pub fn position(doc: &Document, offset: u32) -> Value {
    let lc = doc.line_col(offset);
    json!({"line": lc.line, "column": lc.column})
}

pub fn diagnostic(doc: &Document, d: &Diagnostic) -> Value {
    let fix = d.fix.as_ref().map(|f| {
        json!({
            "message": f.message,
            "edits": f.edits.iter().map(|e| json!({
                "span": {"start": position(doc, e.span.start), "end": position(doc, e.span.end)},
                "content": e.content,
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

pub fn render(files: &[FileResult], errors: &[InputError]) -> Value {
    let files: Vec<Value> = files
        .iter()
        .map(|f| {
            json!({
                "path": f.doc.source.path.display().to_string(),
                "diagnostics": f.report.diagnostics.iter().map(|d| diagnostic(&f.doc, d)).collect::<Vec<_>>(),
            })
        })
        .collect();
    envelope(files, errors)
}

/// The versioned top level shared by `check` and `score` JSON: the files, and the
/// inputs that could not be read, if any.
pub fn envelope(files: Vec<Value>, errors: &[InputError]) -> Value {
    let mut v = json!({"version": 1, "files": files});
    if !errors.is_empty() {
        v["errors"] = errors
            .iter()
            .map(|e| json!({"path": e.path.display().to_string(), "message": e.message}))
            .collect();
    }
    v
}
