//! `casekit score`: grade documents on the guide's rubric.

use crate::cli::{Cli, ScoreArgs, ScoreFormat};
use crate::output::score;
use casekit_core::Scorecard;
use std::io::Write;

pub fn run(args: &ScoreArgs, cli: &Cli) -> anyhow::Result<u8> {
    let (checked, errors, _) = super::check::check_all(&args.config);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let color = cli.color.enabled();
    let mut files = Vec::new();
    for c in &checked {
        let card = Scorecard::score(&c.file.doc, &c.file.report, &c.settings.profile);
        match args.format {
            ScoreFormat::Human => {
                score::render_human(&mut out, &c.file.doc, &card, args.explain, color)?
            }
            ScoreFormat::Json => files.push(score::to_json(&c.file.doc, &card, args.explain)),
        }
    }
    if args.format == ScoreFormat::Json {
        let v = crate::output::json::envelope(files, &errors);
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    }
    out.flush()?;
    for e in &errors {
        eprintln!("casekit: error: {e}");
    }
    Ok(if errors.is_empty() { 0 } else { 2 })
}
