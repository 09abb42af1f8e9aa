//! SARIF 2.1.0 for code-scanning dashboards. Built with serde_json: the output is one
//! small function, checked against the official schema in the tests.

use casekit_core::rules::{registry, FixKind};
use casekit_core::{Document, Report, Severity};
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Forward slashes and no leading `./`, as SARIF viewers expect of relative URIs.
fn uri(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// The schema the output declares.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// How the run counts columns: casekit counts characters (code points), while a SARIF
/// reader told nothing assumes UTF-16 code units and would misplace every result after
/// an emoji on its line.
pub const COLUMN_KIND: &str = "unicodeCodePoints";

/// The run's `tool`: casekit and its rule table.
pub fn tool() -> Value {
    let rules: Vec<Value> = registry()
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.id,
                "name": m.name,
                "shortDescription": {"text": m.summary()},
                "fullDescription": {"text": m.summary()},
                "help": {"text": m.docs_text(), "markdown": m.docs_text()},
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {
                    "tags": [m.area.title(), m.criterion.id()],
                    "fixable": m.fix != FixKind::None,
                },
            })
        })
        .collect();
    json!({"driver": {
        "name": "casekit",
        "version": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://github.com/casekit/casekit",
        "rules": rules,
    }})
}

/// One file's results.
pub fn results(doc: &Document, report: &Report) -> Vec<Value> {
    let index = |id: &str| registry().iter().position(|r| r.meta().id == id);
    let mut results = Vec::new();
    for d in &report.diagnostics {
        let a = doc.line_col(d.span.start);
        let b = doc.line_col(d.span.end.max(d.span.start));
        let mut text = d.message.clone();
        if !d.help.is_empty() {
            text.push_str(&format!(" (help: {})", d.help));
        }
        let mut r = json!({
            "ruleId": d.rule,
            "level": level(d.severity),
            "message": {"text": text},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(&doc.source.path)},
                    "region": {
                        "startLine": a.line, "startColumn": a.column,
                        "endLine": b.line, "endColumn": b.column.max(if b.line == a.line { a.column + 1 } else { 1 }),
                    }
                }
            }],
        });
        if let Some(i) = index(d.rule) {
            r["ruleIndex"] = i.into();
        }
        results.push(r);
    }
    results
}
