//! Compiler-style terminal output: `path:line:col`, the source line, an underline, the
//! rule ID, the message and a help line.

use casekit_core::{Diagnostic, Document, Severity};
use std::io::Write;

pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(&self, sev: Severity) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, sev.as_str())
    }
    fn gutter(&self, s: &str) -> String {
        self.paint("1;34", s)
    }
}

/// Tabs shown as four spaces so underlines line up.
fn display(s: &str) -> String {
    s.replace('\t', "    ")
}

fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

pub fn render_diagnostic(
    out: &mut dyn Write,
    doc: &Document,
    d: &Diagnostic,
    style: &Style,
) -> std::io::Result<()> {
    let text = doc.text();
    let start = doc.line_col(d.span.start);
    let line_no = start.line as usize;
    let line_span = doc.lines.line_span(line_no - 1, text);
    let line = doc.slice(line_span);
    let num = line_no.to_string();
    let pad = " ".repeat(num.len());
    writeln!(
        out,
        "{}{}: {}",
        style.severity(d.severity),
        style.paint("1", &format!("[{}]", d.rule)),
        style.paint("1", &d.message)
    )?;
    writeln!(
        out,
        "{pad}{} {}:{}:{}",
        style.gutter("-->"),
        doc.source.path.display(),
        start.line,
        start.column
    )?;
    writeln!(out, "{pad} {}", style.gutter("|"))?;
    writeln!(
        out,
        "{} {} {}",
        style.gutter(&num),
        style.gutter("|"),
        display(line)
    )?;
    let col_start = (d.span.start.max(line_span.start) - line_span.start) as usize;
    let col_end = (d
        .span
        .end
        .min(line_span.end)
        .max(d.span.start.max(line_span.start))
        - line_span.start) as usize;
    let before = line.get(..col_start).unwrap_or("");
    let marked = line.get(col_start..col_end).unwrap_or("");
    let width = display_width(marked).max(1);
    let more = if d.span.end > line_span.end {
        " …"
    } else {
        ""
    };
    let caret_code = match d.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    };
    writeln!(
        out,
        "{pad} {} {}{}{}",
        style.gutter("|"),
        " ".repeat(display_width(before)),
        style.paint(caret_code, &"^".repeat(width)),
        more
    )?;
    if !d.help.is_empty() {
        writeln!(
            out,
            "{pad} {} {}: {}",
            style.gutter("="),
            style.paint("1", "help"),
            d.help
        )?;
    }
    writeln!(out)
}

/// "Checked 3 files: 2 errors, 1 warning, 4 infos." `counts` are by severity: info,
/// warning, error.
pub fn summary(files: usize, counts: [usize; 3], failed_to_read: usize) -> String {
    let count = |s: Severity| counts[s as usize];
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let mut s = format!(
        "Checked {}: {}, {}, {}",
        plural(files, "file"),
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "info")
    );
    if failed_to_read > 0 {
        s.push_str(&format!(
            "; {} could not be read",
            plural(failed_to_read, "file")
        ));
    }
    s.push('.');
    s
}
