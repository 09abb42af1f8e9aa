//! `index.html`: the cohort on one self-contained page — figures, plots, what to teach
//! next, the files that failed, and a sortable table linking each document's report.
//!
//! Nothing is fetched: the plots are inline SVG, the style and the sorting script are
//! inline and allowed by hash in the page's Content-Security-Policy, and nothing else is.

use crate::plots::{bars, histogram, Marker};
use crate::{Cohort, Failed, Lesson, Row};
use casekit_report::{csp_hash, escape};
use std::fmt::Write;

/// How many lessons the page and `grades.json` list.
pub const TEACH_NEXT: usize = 10;

/// Everything the page shows.
pub struct Page<'a> {
    pub title: &'a str,
    pub rows: &'a [Row],
    pub failed: &'a [Failed],
    pub cohort: &'a Cohort,
    /// The level thresholds of the profile the documents were graded under.
    pub acceptable: f64,
    pub excellent: f64,
    /// Whether the rows carry a before/after change.
    pub baseline: bool,
    /// Shown in the footer (`casekit 0.1.0`).
    pub generator: &'a str,
}

const STYLE: &str = include_str!("dashboard.css");
const SCRIPT: &str = include_str!("sort.js");

impl Page<'_> {
    pub fn render(&self) -> String {
        let mut h = String::with_capacity(64 * 1024 + self.rows.len() * 600);
        let csp = format!(
            "default-src 'none'; style-src '{}'; script-src '{}'; img-src data:; base-uri 'none'; form-action 'none'",
            csp_hash(STYLE),
            csp_hash(SCRIPT)
        );
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"color-scheme\" content=\"light dark\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
            escape(self.title),
            escape(self.title)
        );
        self.cards(&mut h);
        self.plots(&mut h);
        self.teach_next(&mut h);
        self.failures(&mut h);
        self.table(&mut h);
        let _ = write!(
            h,
            "<footer>Graded by {}. Scores out of 100; levels: Excellent ≥ {}, Acceptable ≥ {}.</footer>\n\
             </main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
            escape(self.generator),
            self.excellent,
            self.acceptable
        );
        h
    }

    fn cards(&self, h: &mut String) {
        let [ex, ac, nw] = self.cohort.levels();
        let mean = self
            .cohort
            .mean()
            .map_or("–".to_string(), |m| format!("{m:.1}"));
        h.push_str("<section class=\"cards\" aria-label=\"The cohort in figures\">\n");
        card(h, "documents", &self.cohort.len().to_string(), "graded");
        card(h, "mean", &mean, "mean total");
        card(h, "excellent", &ex.to_string(), "Excellent");
        card(h, "acceptable", &ac.to_string(), "Acceptable");
        card(h, "needs_work", &nw.to_string(), "Needs Work");
        if !self.failed.is_empty() {
            card(
                h,
                "failed",
                &self.failed.len().to_string(),
                "could not be graded",
            );
        }
        if self.baseline {
            let changes: Vec<f64> = self.rows.iter().filter_map(Row::change).collect();
            let up = changes.iter().filter(|c| **c > 0.0).count();
            let down = changes.iter().filter(|c| **c < 0.0).count();
            let mean = if changes.is_empty() {
                "–".to_string()
            } else {
                format!("{:+.1}", changes.iter().sum::<f64>() / changes.len() as f64)
            };
            card(h, "change", &mean, "mean change since the baseline");
            card(h, "improved", &up.to_string(), "improved");
            card(h, "declined", &down.to_string(), "declined");
        }
        h.push_str("</section>\n");
    }

    fn plots(&self, h: &mut String) {
        h.push_str("<section class=\"plots\">\n<h2>Distribution</h2>\n<figure class=\"plot wide\" id=\"totals-plot\">");
        let markers = [
            Marker::acceptable(self.acceptable),
            Marker::excellent(self.excellent),
        ];
        h.push_str(&histogram(
            "Totals",
            self.cohort.totals(),
            &markers,
            (720, 300),
        ));
        h.push_str("<figcaption>Each document's total; the lines are the level thresholds.</figcaption></figure>\n<div class=\"criteria\">\n");
        for (id, name, scores) in self.cohort.criteria() {
            let _ = write!(h, "<figure class=\"plot\" id=\"plot-{}\">", escape(id));
            h.push_str(&histogram(name, scores, &markers, (360, 220)));
            h.push_str("</figure>\n");
        }
        h.push_str("</div>\n</section>\n");
    }

    fn teach_next(&self, h: &mut String) {
        let lessons: Vec<Lesson> = self.cohort.lessons().into_iter().take(TEACH_NEXT).collect();
        h.push_str("<section id=\"teach-next\">\n<h2>What to teach next</h2>\n");
        if lessons.is_empty() {
            h.push_str("<p>No document loses points on anything worth a lesson.</p>\n</section>\n");
            return;
        }
        let items: Vec<(String, f64, String)> = lessons
            .iter()
            .map(|l| {
                (
                    l.key.clone(),
                    l.documents as f64,
                    format!("{} docs · {:.0} pts", l.documents, l.points),
                )
            })
            .collect();
        let height = 60 + 28 * items.len() as u32;
        h.push_str("<figure class=\"plot wide\" id=\"teach-plot\">");
        h.push_str(&bars(
            "Rules the most documents lose points on",
            &items,
            (720, height),
        ));
        h.push_str("<figcaption>Bar length: documents losing points on the rule; the label adds the points it costs the cohort.</figcaption></figure>\n");
        h.push_str("<table class=\"lessons\">\n<thead><tr><th>Rule</th><th>What it asks for</th><th class=\"num\">Documents</th><th class=\"num\">Points lost</th></tr></thead>\n<tbody>\n");
        for l in &lessons {
            let (name, about) = describe(l);
            let _ = writeln!(
                h,
                "<tr><td><code>{}</code> {}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}</td></tr>",
                escape(&l.key),
                escape(&name),
                escape(&about),
                l.documents,
                l.points
            );
        }
        h.push_str("</tbody>\n</table>\n</section>\n");
    }

    fn failures(&self, h: &mut String) {
        if self.failed.is_empty() {
            return;
        }
        h.push_str("<section id=\"failed\">\n<h2>Could not be graded</h2>\n<ul>\n");
        for f in self.failed {
            let _ = writeln!(
                h,
                "<li><code>{}</code>: {}</li>",
                escape(&f.path),
                escape(&f.reason)
            );
        }
        h.push_str("</ul>\n</section>\n");
    }

    fn table(&self, h: &mut String) {
        let names: Vec<(&str, &str)> = self.cohort.criteria().map(|(id, n, _)| (id, n)).collect();
        h.push_str("<section>\n<h2>Documents</h2>\n<p class=\"hint\">Click a column's heading to sort by it.</p>\n<table id=\"documents\" class=\"sortable\">\n<thead><tr><th data-kind=\"text\">Document</th><th data-kind=\"num\" class=\"num\">Total</th><th data-kind=\"num\">Level</th>");
        for (_, name) in &names {
            let _ = write!(
                h,
                "<th data-kind=\"num\" class=\"num\">{}</th>",
                escape(name)
            );
        }
        h.push_str("<th data-kind=\"num\" class=\"num\">Errors</th><th data-kind=\"num\" class=\"num\">Warnings</th><th data-kind=\"num\">Next step</th>");
        if self.baseline {
            h.push_str("<th data-kind=\"num\" class=\"num\">Change</th>");
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for row in self.rows {
            let s = &row.summary;
            let doc = match &row.page {
                Some(p) => format!("<a href=\"{}\">{}</a>", escape(p), escape(&row.path)),
                None => escape(&row.path).into_owned(),
            };
            let level_rank = match s.level.key() {
                "excellent" => 3,
                "acceptable" => 2,
                _ => 1,
            };
            let _ = write!(
                h,
                "<tr><td class=\"path\" data-sort=\"{}\">{doc}</td><td class=\"num total\">{:.1}</td><td class=\"level {}\" data-sort=\"{level_rank}\">{}</td>",
                escape(&row.path),
                s.total,
                s.level.key(),
                s.level.label()
            );
            for (id, _) in &names {
                match s.criteria.iter().find(|c| c.id == *id) {
                    Some(c) => {
                        let _ =
                            write!(h, "<td class=\"num {}\">{:.1}</td>", c.level.key(), c.score);
                    }
                    None => h.push_str("<td class=\"num\" data-sort=\"-1\">–</td>"),
                }
            }
            let _ = write!(
                h,
                "<td class=\"num\">{}</td><td class=\"num\">{}</td>",
                s.errors, s.warnings
            );
            match s.top() {
                Some(t) => {
                    let _ = write!(
                        h,
                        "<td data-sort=\"{:.1}\" title=\"{}\"><span class=\"gain\">+{:.1}</span> <code>{}</code></td>",
                        t.gain,
                        escape(&t.message),
                        t.gain,
                        escape(&t.key)
                    );
                }
                None => h.push_str("<td data-sort=\"0\">–</td>"),
            }
            if self.baseline {
                match row.change() {
                    Some(c) => {
                        let class = if c > 0.0 {
                            "up"
                        } else if c < 0.0 {
                            "down"
                        } else {
                            "same"
                        };
                        let _ = write!(h, "<td class=\"num change {class}\">{c:+.1}</td>");
                    }
                    None => h.push_str("<td class=\"num change new\" data-sort=\"-1000\">new</td>"),
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n</section>\n");
    }
}

fn card(h: &mut String, class: &str, value: &str, label: &str) {
    let _ = writeln!(
        h,
        "<div class=\"card {class}\"><span class=\"value\">{}</span><span class=\"label\">{}</span></div>",
        escape(value),
        escape(label)
    );
}

/// A lesson's rule name and what the rule asks for (the first sentence of the rule's own
/// summary); a measure has the advice the scorecard gives for it.
fn describe(l: &Lesson) -> (String, String) {
    match casekit_core::rules::find(&l.key) {
        Some(rule) => (
            rule.meta().name.to_string(),
            first_sentence(&rule.meta().summary()),
        ),
        None => {
            let advice = casekit_core::rubric::measure_advice(&l.key);
            let mut c = advice.chars();
            let capital: String = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
            ("(measure)".to_string(), format!("{capital}."))
        }
    }
}

/// Up to the first full stop followed by a space, so a long rule summary stays one line
/// of the table; a stop inside a quotation or code span ends nothing.
fn first_sentence(s: &str) -> String {
    let (mut quoted, mut code, mut parens) = (false, false, 0i32);
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'`' => code = !code,
            b'(' => parens += 1,
            b')' => parens -= 1,
            b'.' if !quoted
                && !code
                && parens <= 0
                && bytes.get(i + 1).is_none_or(|n| *n == b' ') =>
            {
                return s[..=i].to_string();
            }
            _ => {}
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn first_sentence_skips_stops_inside_quotes_and_brackets() {
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(
            first_sentence("Says \"e.g. this\" (and i.e. that). Next."),
            "Says \"e.g. this\" (and i.e. that)."
        );
        assert_eq!(first_sentence("No stop"), "No stop");
    }
}
