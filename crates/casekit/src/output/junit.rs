//! JUnit XML: one test case per file, one failure per diagnostic, for CI systems that
//! show test reports.

use super::FileResult;
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

pub fn render(files: &[FileResult]) -> String {
    let failures: usize = files
        .iter()
        .filter(|f| !f.report.diagnostics.is_empty())
        .count();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<testsuites name=\"casekit\" tests=\"{}\" failures=\"{}\">",
        files.len(),
        failures
    );
    let _ = writeln!(
        x,
        "  <testsuite name=\"casekit check\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
        files.len(),
        failures
    );
    for f in files {
        let path = esc(&f.doc.source.path.to_string_lossy());
        let _ = write!(x, "    <testcase classname=\"casekit\" name=\"{path}\"");
        if f.report.diagnostics.is_empty() {
            x.push_str("/>\n");
            continue;
        }
        x.push_str(">\n");
        for d in &f.report.diagnostics {
            let lc = f.doc.line_col(d.span.start);
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
    }
    x.push_str("  </testsuite>\n</testsuites>\n");
    x
}
