//! `casekit check`: parse each document once, run the rules, render.

use crate::cli::{CheckArgs, Cli, OutputFormat};
use crate::input::{self, Input, InputError};
use crate::output::{self, human, FileResult};
use casekit_core::rules::FileOracle;
use casekit_core::{Document, Profile, Settings};
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;

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

pub fn check_inputs(inputs: &[Input], max_bytes: u64) -> Vec<Result<FileResult, InputError>> {
    let profile = Profile::guide();
    let oracle = FsOracle;
    inputs
        .par_iter()
        .map(|i| {
            let source = input::read(i, max_bytes)?;
            let doc = Document::parse(source, profile);
            let mut settings = Settings::new(profile);
            settings.files = Some(&oracle);
            let report = casekit_core::check(&doc, &settings);
            Ok(FileResult { doc, report })
        })
        .collect()
}

pub fn run(args: &CheckArgs, cli: &Cli) -> anyhow::Result<u8> {
    let (inputs, mut errors) = input::collect(&args.paths, &args.stdin_filename);
    let mut files = Vec::new();
    for r in check_inputs(&inputs, args.max_file_size) {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
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
            if !cli.quiet {
                writeln!(out, "{}", human::summary(&files, errors.len()))?;
            }
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &output::json::render(&files, &errors))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    for e in &errors {
        eprintln!("casekit: error: {e}");
    }
    let threshold = args.fail_on.severity();
    let failing = files
        .iter()
        .flat_map(|f| &f.report.diagnostics)
        .any(|d| d.severity >= threshold);
    Ok(if !errors.is_empty() {
        2
    } else if failing {
        1
    } else {
        0
    })
}
