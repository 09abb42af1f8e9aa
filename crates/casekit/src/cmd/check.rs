//! `casekit check`: parse each document once, run the rules, render, print.
//!
//! Files are checked in parallel and printed in input order as soon as a file and all
//! the files before it are done ([`crate::ordered`]). Each file's output is rendered on
//! the worker that checked it, and its document is dropped there: however many files are
//! checked, only a bounded number of rendered results are held at once.

use crate::cli::{CheckArgs, Cli, ConfigArgs, OutputFormat};
use crate::input::{self, Input, InputError};
use crate::ordered::for_each_ordered;
use crate::output::{self, human, json, sarif};
use crate::settings::{Resolved, Resolver};
use casekit_core::rules::FileOracle;
use casekit_core::{Analysis, Document, LimitError, Settings, Severity};
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

/// One document to check and the settings it is checked under.
pub struct Job {
    pub input: Input,
    pub settings: Arc<Resolved>,
}

/// Finds the documents and resolves their settings (each config file is read once).
/// Returns the jobs in a stable order and the problems found so far.
pub fn plan(args: &ConfigArgs) -> (Vec<Job>, Vec<InputError>) {
    let paths = args.paths_or_default();
    let (inputs, mut errors) = input::collect(&paths, &args.stdin_filename);
    let mut resolver = Resolver::new(args.overrides());
    let mut jobs = Vec::new();
    let mut config_errors: Vec<String> = Vec::new();
    for i in inputs {
        let path = match &i {
            Input::File(p) => p.clone(),
            Input::Stdin { name } => name.clone(),
        };
        match resolver.for_document(&path) {
            Ok(settings) => jobs.push(Job { input: i, settings }),
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
    (jobs, errors)
}

/// Reads and parses one document under its settings' limits; `check`, `score` and
/// `diagrams` refuse the same files with the same line.
pub fn parse_one(job: &Job, max_file_size: u64) -> Result<Document, InputError> {
    parse(input::read(&job.input, max_file_size)?, &job.settings)
}

/// Reads, parses and checks one document.
pub fn check_one(job: &Job, max_file_size: u64) -> Result<Analysis, InputError> {
    analyze(input::read(&job.input, max_file_size)?, &job.settings)
}

/// Parses a document already read, under its settings' limits.
pub fn parse(source: casekit_core::Source, resolved: &Resolved) -> Result<Document, InputError> {
    let path = source.path.clone();
    // A document over a limit is refused on one line (exit 2); the others are still
    // checked.
    let doc = Document::try_parse(source, &resolved.profile).map_err(|r| {
        let at = r.document.line_col(r.error.span().start);
        InputError {
            path,
            message: if at.line > 1 && matches!(r.error, LimitError::Nesting { .. }) {
                format!("line {}: {}", at.line, r.error)
            } else {
                r.error.to_string()
            },
        }
    })?;
    Ok(doc)
}

/// Parses and checks a document already read.
pub fn analyze(source: casekit_core::Source, resolved: &Resolved) -> Result<Analysis, InputError> {
    let doc = parse(source, resolved)?;
    let mut settings = Settings::new(&resolved.profile);
    settings.severities = resolved.severities.clone();
    settings.files = Some(&FsOracle);
    Ok(Analysis::of(doc, &settings))
}

/// Checks every job in parallel and hands `consume` what `render` made of each, in the
/// jobs' order, until `consume` returns false. `render` runs on the worker, so the
/// document never leaves it.
pub fn check_each<R: Send>(
    jobs: Vec<Job>,
    max_file_size: u64,
    render: impl Fn(&Job, &Analysis) -> R + Sync,
    consume: impl FnMut(Result<R, InputError>) -> bool,
) {
    let threads = threads();
    // With fewer files than threads a core would idle while the first file's check
    // builds the rules' automata one by one; build them from the other end meanwhile.
    // The thread is not joined: its results live in the automata it leaves behind.
    if let Some(first) = jobs.first() {
        if jobs.len() < threads {
            let settings = Arc::clone(&first.settings);
            std::thread::spawn(move || casekit_core::warm_up(&settings.profile));
        }
    }
    // One file is checked on this thread: starting the pool of workers (and waiting for
    // one to pick the file up) took longer than a tenth of the whole run.
    if let [job] = jobs.as_slice() {
        let mut consume = consume;
        consume(check_one(job, max_file_size).map(|a| render(job, &a)));
        return;
    }
    // Enough finished files waiting that a slow one does not idle the other cores,
    // few enough that memory stays flat.
    let window = 16 * threads;
    for_each_ordered(
        jobs,
        window,
        |job| check_one(&job, max_file_size).map(|a| render(&job, &a)),
        consume,
    );
}

/// The number of worker threads, as rayon will choose it (`RAYON_NUM_THREADS`, else one
/// per core), found without starting rayon's pool.
fn threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// What one checked file adds to the output, rendered on its worker.
struct Rendered {
    /// Its part of the output, ready to write.
    text: Vec<u8>,
    /// Diagnostics by severity: info, warning, error.
    counts: [usize; 3],
    failing: bool,
}

/// How `check` renders each file.
#[derive(Clone, Copy)]
struct Render {
    format: OutputFormat,
    color: bool,
    fail_on: Option<Severity>,
    /// `--score`: the scorecard after the findings (terminal output only).
    score: bool,
}

fn render_file(
    Render {
        format,
        color,
        fail_on,
        score,
    }: Render,
    job: &Job,
    analysis: &Analysis,
) -> Rendered {
    let (doc, report) = (&analysis.document, &analysis.report);
    let mut text = Vec::new();
    match format {
        OutputFormat::Human => {
            for d in &report.diagnostics {
                let _ = human::render_diagnostic(&mut text, doc, d, &human::Style { color });
            }
            if score {
                let card = &analysis.scorecard;
                let _ = output::score::render_human(&mut text, doc, card, false, color);
            }
        }
        OutputFormat::Github => {
            let _ = output::github::render_file(&mut text, doc, report);
        }
        OutputFormat::Json => text = json::pretty_at(&json::file(doc, report), 4).into_bytes(),
        OutputFormat::Sarif => {
            let results: Vec<String> = sarif::results(doc, report)
                .iter()
                .map(|r| json::pretty_at(r, 8))
                .collect();
            text = results.join(",\n").into_bytes();
        }
        OutputFormat::Junit => text = output::junit::testcase(doc, report).into_bytes(),
    }
    let mut counts = [0; 3];
    for d in &report.diagnostics {
        counts[d.severity as usize] += 1;
    }
    let threshold = fail_on.or(job.settings.fail_on).unwrap_or(Severity::Error);
    Rendered {
        text,
        counts,
        failing: report.diagnostics.iter().any(|d| d.severity >= threshold),
    }
}

pub fn run(args: &CheckArgs, cli: &Cli) -> anyhow::Result<u8> {
    if args.fix {
        return super::fix::run(args, cli);
    }
    let (jobs, mut errors) = plan(&args.config);
    let format = args.format;
    let color = cli.color.enabled();
    let fail_on = args.fail_on.map(|f| f.severity());
    let how = Render {
        format,
        color,
        fail_on,
        score: args.score,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());

    // Output that comes before the files.
    match format {
        OutputFormat::Json => write!(out, "{{\n  \"version\": 1,\n  \"files\": [")?,
        OutputFormat::Sarif => write!(
            out,
            "{{\n  \"$schema\": \"{}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"columnKind\": \"{}\",\n      \"results\": [",
            sarif::SCHEMA,
            json::pretty_at(&sarif::tool(), 6).trim_start(),
            sarif::COLUMN_KIND
        )?,
        _ => {}
    }

    let mut files = 0usize;
    let mut with_findings = 0usize;
    let mut counts = [0usize; 3];
    let mut failing = false;
    let mut items = 0usize; // JSON array items written so far
    let mut junit_cases: Vec<String> = Vec::new();
    let mut write_error: Option<std::io::Error> = None;
    check_each(
        jobs,
        args.config.max_file_size,
        |job, analysis| render_file(how, job, analysis),
        |r| {
            let r = match r {
                Ok(r) => r,
                Err(e) => {
                    errors.push(e);
                    return true;
                }
            };
            files += 1;
            failing |= r.failing;
            for (c, n) in counts.iter_mut().zip(r.counts) {
                *c += n;
            }
            if r.counts.iter().sum::<usize>() > 0 {
                with_findings += 1;
            }
            let written = match format {
                OutputFormat::Junit => {
                    junit_cases.push(String::from_utf8(r.text).unwrap_or_default());
                    Ok(())
                }
                OutputFormat::Json | OutputFormat::Sarif => {
                    if r.text.is_empty() {
                        Ok(())
                    } else {
                        let sep = if items == 0 { "\n" } else { ",\n" };
                        items += 1;
                        out.write_all(sep.as_bytes())
                            .and_then(|_| out.write_all(&r.text))
                    }
                }
                OutputFormat::Human | OutputFormat::Github => out.write_all(&r.text),
            };
            match written {
                Ok(()) => true,
                Err(e) => {
                    // The reader is gone (`casekit check … | head`): stop checking.
                    write_error = Some(e);
                    false
                }
            }
        },
    );
    if let Some(e) = write_error {
        return Err(e.into());
    }

    // Output that comes after the files.
    let close = |out: &mut dyn Write, indent: usize| -> std::io::Result<()> {
        if items > 0 {
            write!(out, "\n{}]", " ".repeat(indent))
        } else {
            write!(out, "]")
        }
    };
    match format {
        OutputFormat::Human => {
            if !cli.quiet {
                writeln!(out, "{}", human::summary(files, counts, errors.len()))?;
            }
        }
        OutputFormat::Json => {
            close(&mut out, 2)?;
            if !errors.is_empty() {
                write!(
                    out,
                    ",\n  \"errors\": {}",
                    json::pretty_at(&json::errors(&errors), 2).trim_start()
                )?;
            }
            writeln!(out, "\n}}")?;
        }
        OutputFormat::Sarif => {
            close(&mut out, 6)?;
            writeln!(out, "\n    }}\n  ]\n}}")?;
        }
        OutputFormat::Github => {}
        OutputFormat::Junit => {
            out.write_all(output::junit::document(&junit_cases, files, with_findings).as_bytes())?
        }
    }
    out.flush()?;
    drop(out);
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
