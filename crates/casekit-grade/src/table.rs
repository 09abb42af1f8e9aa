//! The cohort as a table: `grades.csv` (RFC 4180, one row per document) and
//! `grades.json` (the same rows, a version, the failures and the cohort's figures).

use crate::{Cohort, Failed, Row, VERSION};
use serde_json::{json, Value};
use std::io::Write;

/// The table's columns for a rubric's criteria, with or without before/after.
#[derive(Clone, Debug)]
pub struct Columns {
    criteria: Vec<String>,
    baseline: bool,
}

impl Columns {
    /// `criteria`: the rubric's criterion ids in order (`clarity`, `depth`, …).
    pub fn new(criteria: Vec<String>, baseline: bool) -> Columns {
        Columns { criteria, baseline }
    }

    pub fn header(&self) -> Vec<String> {
        let mut h: Vec<String> = vec!["path".into(), "total".into(), "level".into()];
        for c in &self.criteria {
            h.push(c.clone());
            h.push(format!("{c}_level"));
        }
        h.extend(
            [
                "errors",
                "warnings",
                "top_improvement",
                "top_gain",
                "top_advice",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        if self.baseline {
            h.push("before".into());
            h.push("change".into());
        }
        h
    }

    /// One row's cells, in the header's order. Numbers keep one decimal, as the
    /// scorecard rounds them; a missing value is an empty cell.
    pub fn record(&self, row: &Row) -> Vec<String> {
        let s = &row.summary;
        let mut r = vec![row.path.clone(), num(s.total), s.level.label().into()];
        for id in &self.criteria {
            match s.criteria.iter().find(|c| &c.id == id) {
                Some(c) => {
                    r.push(num(c.score));
                    r.push(c.level.label().into());
                }
                None => r.extend([String::new(), String::new()]),
            }
        }
        r.push(s.errors.to_string());
        r.push(s.warnings.to_string());
        match s.top() {
            Some(t) => r.extend([t.key.clone(), num(t.gain), t.message.clone()]),
            None => r.extend([String::new(), String::new(), String::new()]),
        }
        if self.baseline {
            r.push(row.before.map(num).unwrap_or_default());
            r.push(row.change().map(signed).unwrap_or_default());
        }
        r
    }
}

fn num(x: f64) -> String {
    format!("{x:.1}")
}

fn signed(x: f64) -> String {
    format!("{x:+.1}")
}

/// Writes rows as CSV as they come, so a cohort of any size is never held as text.
pub struct CsvSink<W: Write> {
    out: csv::Writer<W>,
    columns: Columns,
}

/// RFC 4180: CRLF line ends, fields quoted only when they must be.
fn builder() -> csv::WriterBuilder {
    let mut b = csv::WriterBuilder::new();
    b.terminator(csv::Terminator::CRLF);
    b
}

/// One CSV line (with its line end), for output rendered on a worker.
pub fn csv_line(cells: Vec<String>) -> Vec<u8> {
    let mut w = builder().from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(cells);
    w.into_inner().unwrap_or_default()
}

impl<W: Write> CsvSink<W> {
    pub fn new(out: W, columns: Columns) -> csv::Result<CsvSink<W>> {
        let mut out = builder().from_writer(out);
        out.write_record(columns.header())?;
        Ok(CsvSink { out, columns })
    }

    pub fn write(&mut self, row: &Row) -> csv::Result<()> {
        self.out.write_record(self.columns.record(row))
    }

    /// Flushes and hands the writer back.
    pub fn finish(self) -> std::io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// One row as `grades.json` holds it.
pub fn row_json(row: &Row) -> Value {
    let s = &row.summary;
    let mut v = json!({
        "path": row.path,
        "total": s.total,
        "level": s.level,
        "criteria": s.criteria,
        "errors": s.errors,
        "warnings": s.warnings,
        "infos": s.infos,
        "top_improvement": s.top().map(|t| json!({"rule": t.key, "gain": t.gain, "message": t.message})),
    });
    if let Some(page) = &row.page {
        v["page"] = page.clone().into();
    }
    if row.before.is_some() {
        v["before"] = row.before.into();
        v["change"] = row.change().into();
    }
    v
}

/// Writes `grades.json`: a version, one entry per row, the failures and the cohort's
/// figures. The rows are written one at a time (the layout a whole pretty print would
/// give), so a cohort of any size is never held as one JSON value.
pub fn write_grades_json<W: Write>(
    mut out: W,
    rows: &[Row],
    failed: &[Failed],
    cohort: &Cohort,
    teach: usize,
) -> std::io::Result<W> {
    write!(out, "{{\n  \"version\": {VERSION},\n  \"documents\": [")?;
    for (i, row) in rows.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        indented(&mut out, &row_json(row), "    ")?;
    }
    out.write_all(if rows.is_empty() {
        b"],\n"
    } else {
        b"\n  ],\n"
    })?;
    out.write_all(b"  \"failed\": ")?;
    indented_rest(&mut out, &serde_json::to_value(failed)?, "  ")?;
    out.write_all(b",\n  \"cohort\": ")?;
    indented_rest(&mut out, &cohort_json(cohort, teach), "  ")?;
    out.write_all(b"\n}\n")?;
    Ok(out)
}

/// The cohort's figures as `grades.json` holds them.
pub fn cohort_json(cohort: &Cohort, teach: usize) -> Value {
    let [excellent, acceptable, needs_work] = cohort.levels();
    json!({
        "documents": cohort.len(),
        "mean_total": cohort.mean().map(|m| (m * 10.0).round() / 10.0),
        "levels": {"excellent": excellent, "acceptable": acceptable, "needs_work": needs_work},
        "teach_next": cohort.lessons().into_iter().take(teach).map(|l| json!({
            "rule": l.key,
            "documents": l.documents,
            "points": (l.points * 10.0).round() / 10.0,
        })).collect::<Vec<_>>(),
    })
}

/// A value pretty-printed with every line indented.
fn indented(out: &mut impl Write, v: &Value, indent: &str) -> std::io::Result<()> {
    out.write_all(indent.as_bytes())?;
    indented_rest(out, v, indent)
}

/// As [`indented`], but the first line continues the current one.
fn indented_rest(out: &mut impl Write, v: &Value, indent: &str) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(v)?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::{CriterionSummary, LevelName, Loss, Summary};

    fn row(path: &str, total: f64, before: Option<f64>) -> Row {
        Row {
            path: path.into(),
            summary: Summary {
                total,
                level: LevelName::Acceptable,
                criteria: vec![CriterionSummary {
                    id: "clarity".into(),
                    name: "Clarity of Writing".into(),
                    score: 71.25,
                    level: LevelName::Acceptable,
                }],
                errors: 2,
                warnings: 1,
                infos: 0,
                losses: vec![Loss {
                    key: "CHL702".into(),
                    gain: 4.04,
                    message: "say what, \"exactly\", it cost\nand why".into(),
                }],
            },
            before,
            page: None,
        }
    }

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let cols = Columns::new(vec!["clarity".into(), "depth".into()], true);
        let mut sink = CsvSink::new(Vec::new(), cols).unwrap_or_else(|e| panic!("{e}"));
        sink.write(&row("dir, with comma/a.md", 64.0, Some(60.5)))
            .unwrap_or_else(|e| panic!("{e}"));
        let bytes = sink.finish().unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        insta::assert_snapshot!(text);
        let cols = Columns::new(vec!["clarity".into(), "depth".into()], true);
        let r = row("dir, with comma/a.md", 64.0, Some(60.5));
        let line = String::from_utf8(csv_line(cols.record(&r))).unwrap_or_default();
        assert!(text.ends_with(&line), "a line alone is the sink's line");
    }

    #[test]
    fn streamed_json_is_the_pretty_print_of_the_whole() {
        let rows = [row("a.md", 64.0, Some(60.5)), row("b.md", 30.0, None)];
        let mut cohort = Cohort::default();
        rows.iter().for_each(|r| cohort.add(&r.summary));
        let failed = [Failed {
            path: "c.md".into(),
            reason: "not UTF-8".into(),
        }];
        for (rows, failed) in [(&rows[..], &failed[..]), (&[][..], &[][..])] {
            let bytes =
                write_grades_json(Vec::new(), rows, failed, &cohort, 10).unwrap_or_default();
            let text = String::from_utf8(bytes).unwrap_or_default();
            let whole = json!({
                "version": VERSION,
                "documents": rows.iter().map(row_json).collect::<Vec<_>>(),
                "failed": failed,
                "cohort": cohort_json(&cohort, 10),
            });
            let mut expected = serde_json::to_string_pretty(&whole).unwrap_or_default();
            expected.push('\n');
            assert_eq!(text, expected);
        }
    }
}
