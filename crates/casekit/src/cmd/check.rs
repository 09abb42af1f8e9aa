//! `casekit check`: parse each document once, run the rules, render.

use crate::cli::{CheckArgs, Cli, ConfigArgs, OutputFormat};
use crate::input::{self, Input, InputError};
use crate::output::{self, human, FileResult};
use crate::settings::{Resolved, Resolver};
use casekit_core::rules::FileOracle;
use casekit_core::{Document, LimitError, Settings, Severity};
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Answers link checks from the file system, relative to the document.
pub struct FsOracle;

impl FileOracle for FsOracle {
    fn exists(&self, document: &Path, target: &str) -> bool {
        let base = document.parent().unwrap_or(Path::new("."));
        let path = target.split(['#', '?']).next().unwrap_or("");
        if path.is_empty() {
            return true;
        }
        let decoded = path.replace("%20", " ");
        base.join(decoded).exists()
    }
}

/// A checked file with the settings it was checked under.
pub struct Checked {
    pub file: FileResult,
    pub settings: Arc<Resolved>,
}

/// Reads, parses and checks every input in parallel; settings are resolved first
/// (config files are read once each). Results keep the inputs' order.
pub fn check_all(args: &ConfigArgs) -> (Vec<Checked>, Vec<InputError>, usize) {
    let paths = args.paths_or_default();
    let (inputs, mut errors) = input::collect(&paths, &args.stdin_filename);
    let mut resolver = Resolver::new(args.overrides());
    let mut jobs: Vec<(Input, Arc<Resolved>)> = Vec::new();
    let mut config_errors: Vec<String> = Vec::new();
    for i in inputs {
        let path = match &i {
            Input::File(p) => p.clone(),
            Input::Stdin { name } => name.clone(),
        };
        match resolver.for_document(&path) {
            Ok(r) => jobs.push((i, r)),
            Err(e) => {
                // One report per broken config file, not one per document under it.
                let key = e.to_string();
                if !config_errors.contains(&key) {
                    config_errors.push(key);
                    errors.push(e);
                }
            }
        }
    }
    let total = jobs.len();
    let oracle = FsOracle;
    let results: Vec<Result<Checked, InputError>> = jobs
        .into_par_iter()
        .map(|(i, resolved)| {
            let source = input::read(&i, args.max_file_size)?;
            let path = source.path.clone();
            // A document over a limit is refused on one line (exit 2); the others are
            // still checked.
            let doc = Document::try_parse(source, &resolved.profile).map_err(|r| {
                let at = r.document.line_col(r.error.span().start);
                InputError {
                    path: path.clone(),
                    message: if at.line > 1 && matches!(r.error, LimitError::Nesting { .. }) {
                        format!("line {}: {}", at.line, r.error)
                    } else {
                        r.error.to_string()
                    },
                }
            })?;
            let mut settings = Settings::new(&resolved.profile);
            settings.severities = resolved.severities.clone();
            settings.files = Some(&oracle);
            let report = casekit_core::check(&doc, &settings);
            Ok(Checked {
                file: FileResult { doc, report },
                settings: resolved,
            })
        })
        .collect();
    let mut checked = Vec::new();
    for r in results {
        match r {
            Ok(c) => checked.push(c),
            Err(e) => errors.push(e),
        }
    }
    (checked, errors, total)
}

pub fn run(args: &CheckArgs, cli: &Cli) -> anyhow::Result<u8> {
    let (checked, errors, _) = check_all(&args.config);
    let failing = checked.iter().any(|c| {
        let threshold = args
            .fail_on
            .map(|f| f.severity())
            .or(c.settings.fail_on)
            .unwrap_or(Severity::Error);
        c.file
            .report
            .diagnostics
            .iter()
            .any(|d| d.severity >= threshold)
    });
    let cards: Vec<casekit_core::Scorecard> = if args.score {
        checked
            .iter()
            .map(|c| {
                casekit_core::Scorecard::score(&c.file.doc, &c.file.report, &c.settings.profile)
            })
            .collect()
    } else {
        Vec::new()
    };
    let files: Vec<FileResult> = checked.into_iter().map(|c| c.file).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        OutputFormat::Human => {
            human::render(
                &mut out,
                &files,
                &human::Style {
                    color: cli.color.enabled(),
                },
            )?;
            for (f, card) in files.iter().zip(&cards) {
                output::score::render_human(&mut out, &f.doc, card, false, cli.color.enabled())?;
            }
            if !cli.quiet {
                writeln!(out, "{}", human::summary(&files, errors.len()))?;
            }
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &output::json::render(&files, &errors))?;
            writeln!(out)?;
        }
        OutputFormat::Sarif => {
            serde_json::to_writer_pretty(&mut out, &output::sarif::render(&files))?;
            writeln!(out)?;
        }
        OutputFormat::Github => output::github::render(&mut out, &files)?,
        OutputFormat::Junit => out.write_all(output::junit::render(&files).as_bytes())?,
    }
    out.flush()?;
    for e in &errors {
        eprintln!("casekit: error: {e}");
    }
    Ok(if !errors.is_empty() {
        2
    } else if failing {
        1
    } else {
        0
    })
}
