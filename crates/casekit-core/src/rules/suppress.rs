//! Inline suppressions: `<!-- casekit-disable ID, ID -->` … `<!-- casekit-enable ID -->`,
//! `<!-- casekit-disable-next-line ID -->`, and the same inside `{/* … */}` in MDX. With
//! no IDs a directive covers every rule. A disable placed before the first heading
//! covers the whole file (so it also silences reports anchored at the title).

use crate::document::Document;
use crate::re::Regex;
use crate::rules::Diagnostic;
use crate::source::Span;
use std::sync::LazyLock;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::with_prefilter(
        r"casekit-(disable-next-line|disable|enable)(?-u:\b)((?:[\s,]*[A-Za-z]{3}\d{3}(?-u:\b))*)",
    )
    .expect("directive pattern")
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
}

#[derive(Clone, Debug)]
pub struct Directive {
    pub span: Span,
    kind: Kind,
    /// Empty = all rules.
    rules: Vec<String>,
    /// The byte range it covers.
    covers: Span,
    pub used: bool,
}

impl Directive {
    fn applies_to(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r.eq_ignore_ascii_case(rule))
    }
    pub fn describe(&self) -> String {
        let what = if self.rules.is_empty() {
            "every rule".to_string()
        } else {
            self.rules.join(", ")
        };
        match self.kind {
            Kind::NextLine => format!("casekit-disable-next-line for {what}"),
            _ => format!("casekit-disable for {what}"),
        }
    }
}

/// Reads the directives in a document's comments.
pub fn directives(doc: &Document) -> Vec<Directive> {
    let text = doc.text();
    let first_heading = doc
        .headings
        .first()
        .map(|h| h.span.start)
        .unwrap_or(u32::MAX);
    let mut raw: Vec<(Span, Kind, Vec<String>)> = Vec::new();
    for h in &doc.html {
        let s = doc.slice(h.span);
        if !(s.contains("<!--") || s.contains("/*")) {
            continue;
        }
        for m in DIRECTIVE.captures_iter(s) {
            let kind = match &m[1] {
                "disable-next-line" => Kind::NextLine,
                "disable" => Kind::Disable,
                _ => Kind::Enable,
            };
            let rules = m[2]
                .split([',', ' ', '\n', '\t'])
                .map(str::trim)
                .filter(|r| !r.is_empty() && *r != "-" && *r != "--")
                .map(str::to_string)
                .collect();
            let whole = m.get(0).expect("match");
            raw.push((
                Span::new(
                    h.span.start as usize + whole.start(),
                    h.span.start as usize + whole.end(),
                ),
                kind,
                rules,
            ));
        }
    }
    let mut out = Vec::new();
    for (i, (span, kind, rules)) in raw.iter().enumerate() {
        let covers = match kind {
            Kind::Enable => continue,
            Kind::NextLine => {
                let line = doc.lines.line_of(span.end);
                // The next non-blank line after the comment.
                let mut next = line + 1;
                while next < doc.lines.line_count()
                    && doc.slice(doc.lines.line_span(next, text)).trim().is_empty()
                {
                    next += 1;
                }
                if next >= doc.lines.line_count() {
                    Span::empty(text.len())
                } else {
                    doc.lines.line_span(next, text)
                }
            }
            Kind::Disable => {
                let start = if span.start < first_heading {
                    0
                } else {
                    span.start
                };
                // Until an enable that names one of its rules (or any enable for a blanket disable).
                let end = raw[i + 1..]
                    .iter()
                    .find(|(_, k, r)| {
                        *k == Kind::Enable
                            && (r.is_empty()
                                || rules.is_empty()
                                || r.iter()
                                    .any(|x| rules.iter().any(|y| x.eq_ignore_ascii_case(y))))
                    })
                    .map(|(s, _, _)| s.start)
                    .unwrap_or(text.len() as u32);
                Span { start, end }
            }
        };
        out.push(Directive {
            span: *span,
            kind: *kind,
            rules: rules.clone(),
            covers,
            used: false,
        });
    }
    out
}

/// Removes suppressed diagnostics; marks the directives that suppressed something.
pub fn apply(diagnostics: &mut Vec<Diagnostic>, directives: &mut [Directive]) {
    diagnostics.retain(|d| {
        let mut suppressed = false;
        for dir in directives.iter_mut() {
            let inside = match dir.kind {
                Kind::NextLine => {
                    dir.covers.start <= d.span.start && d.span.start <= dir.covers.end
                }
                _ => {
                    dir.covers.start <= d.span.start
                        && d.span.start < dir.covers.end.max(dir.covers.start + 1)
                }
            };
            if inside && dir.applies_to(d.rule) {
                dir.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
}
