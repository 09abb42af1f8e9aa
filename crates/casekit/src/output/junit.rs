//! JUnit XML: one test case per file, one failure per diagnostic, for CI systems that
//! show test reports.

use casekit_core::{Document, Report};
use std::fmt::Write as _;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters at all.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// One file's test case.
pub fn testcase(doc: &Document, report: &Report) -> String {
    let mut x = String::new();
    let path = esc(&doc.source.path.to_string_lossy());
    let _ = write!(x, "    <testcase classname=\"casekit\" name=\"{path}\"");
    if report.diagnostics.is_empty() {
        x.push_str("/>\n");
        return x;
    }
    x.push_str(">\n");
    for d in &report.diagnostics {
        let lc = doc.line_col(d.span.start);
        let _ = writeln!(
            x,
            "      <failure type=\"{}\" message=\"{}\">{}:{}:{} {} [{}] {}\n{}</failure>",
            d.rule,
            esc(&d.message),
            path,
            lc.line,
            lc.column,
            d.severity.as_str(),
            d.rule,
            esc(&d.message),
            esc(&d.help)
        );
    }
    x.push_str("    </testcase>\n");
    x
}

/// The report around the test cases: `tests` files checked, `failures` of them with
/// findings.
pub fn document(cases: &[String], tests: usize, failures: usize) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<testsuites name=\"casekit\" tests=\"{tests}\" failures=\"{failures}\">"
    );
    let _ = writeln!(
        x,
        "  <testsuite name=\"casekit check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    for c in cases {
        x.push_str(c);
    }
    x.push_str("  </testsuite>\n</testsuites>\n");
    x
}
