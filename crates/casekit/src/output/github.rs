//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per
//! diagnostic, which the runner turns into annotations on the pull request.

use casekit_core::{Document, Report, Severity};
use std::io::Write;

/// Escaping for a command's message (data).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a command's property values.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per diagnostic of a file.
pub fn render_file(out: &mut dyn Write, doc: &Document, report: &Report) -> std::io::Result<()> {
    for d in &report.diagnostics {
        let cmd = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let a = doc.line_col(d.span.start);
        let b = doc.line_col(d.span.end);
        let mut msg = d.message.clone();
        if !d.help.is_empty() {
            msg.push_str(&format!("\n{}", d.help));
        }
        writeln!(
            out,
            "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&doc.source.path.to_string_lossy()),
            a.line,
            a.column,
            b.line,
            b.column,
            property(d.rule),
            data(&msg)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_per_the_workflow_command_rules() {
        assert_eq!(super::data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
