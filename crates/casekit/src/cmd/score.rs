//! `casekit score`: grade documents on the guide's rubric.
//!
//! Streams like `check`: each file is checked, scored and rendered on its worker, and
//! printed in input order.

use crate::cli::{Cli, ScoreArgs, ScoreFormat};
use crate::output::score;
use casekit_grade::table::{csv_line, Columns};
use casekit_grade::{Row, Summary};
use serde_json::Value;
use std::io::Write;

/// One file's part of the output.
enum Rendered {
    Human(Vec<u8>),
    Json(Value),
    /// A CSV line, columns as `casekit grade` writes them.
    Csv(Vec<u8>),
}

pub fn run(args: &ScoreArgs, cli: &Cli) -> anyhow::Result<u8> {
    let (jobs, mut errors) = super::check::plan(&args.config);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let color = cli.color.enabled();
    let (format, explain) = (args.format, args.explain);
    let mut files = Vec::new();
    let mut write_error: Option<std::io::Error> = None;
    let columns = Columns::new(
        jobs.first()
            .map(|j| &j.settings.profile)
            .unwrap_or(casekit_core::Profile::guide())
            .rubric
            .criteria
            .iter()
            .map(|c| c.id.clone())
            .collect(),
        false,
    );
    if format == ScoreFormat::Csv {
        out.write_all(&csv_line(columns.header()))?;
    }
    super::check::check_each(
        jobs,
        args.config.max_file_size,
        |_job, a| {
            let (doc, card) = (&a.document, &a.scorecard);
            match format {
                ScoreFormat::Human => {
                    let mut text = Vec::new();
                    let _ = score::render_human(&mut text, doc, card, explain, color);
                    Rendered::Human(text)
                }
                ScoreFormat::Json => Rendered::Json(score::to_json(doc, card, explain)),
                ScoreFormat::Csv => {
                    let row = Row {
                        path: doc.source.path.display().to_string(),
                        summary: Summary::of(&a.report, card),
                        before: None,
                        page: None,
                    };
                    Rendered::Csv(csv_line(columns.record(&row)))
                }
            }
        },
        |r| {
            match r {
                Err(e) => errors.push(e),
                Ok(Rendered::Json(v)) => files.push(v),
                Ok(Rendered::Human(text) | Rendered::Csv(text)) => {
                    if let Err(e) = out.write_all(&text) {
                        write_error = Some(e);
                        return false;
                    }
                }
            }
            true
        },
    );
    if let Some(e) = write_error {
        return Err(e.into());
    }
    if format == ScoreFormat::Json {
        let v = crate::output::json::envelope(files, &errors);
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    }
    out.flush()?;
    drop(out);
    for e in &errors {
        eprintln!("casekit: error: {e}");
    }
    Ok(if errors.is_empty() { 0 } else { 2 })
}
