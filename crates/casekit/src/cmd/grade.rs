//! `casekit grade`: a cohort scored once, in parallel, into grades.csv, grades.json and
//! index.html.
//!
//! Each document is checked and scored on a worker and only its small `Summary` comes
//! back, so memory grows with the number of rows, not with the documents' text. The CSV
//! is written row by row as results arrive; every file is written to a temporary file in
//! the output folder and renamed into place, so a run that fails leaves the last round's
//! files whole.

use super::report;
use crate::cli::{Cli, GradeArgs};
use crate::input::InputError;
use anyhow::Context;
use casekit_core::Profile;
use casekit_grade::dashboard::{Page, TEACH_NEXT};
use casekit_grade::table::{write_grades_json, Columns, CsvSink};
use casekit_grade::{Baseline, Cohort, Failed, Row, Summary};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A batch shorter than this finishes before a progress bar would be worth drawing.
const PROGRESS_AFTER: Duration = Duration::from_millis(300);

pub fn run(args: &GradeArgs, cli: &Cli) -> anyhow::Result<u8> {
    // A bad baseline is the user's mistake to fix before any work is done.
    let baseline = match &args.baseline {
        Some(p) => Some(Baseline::load(p).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let out = args.output.as_path();
    std::fs::create_dir_all(out)
        .with_context(|| format!("{}: cannot create the output folder", out.display()))?;
    let (jobs, errors) = super::check::plan(&args.config);
    let mut failed: Vec<Failed> = errors.iter().map(failure).collect();

    // The thresholds and columns of the profile the documents are graded under (the
    // first one's: a cohort shares its template).
    let (acceptable, excellent, criteria) = {
        let profile: &Profile = jobs
            .first()
            .map(|j| &j.settings.profile)
            .unwrap_or(Profile::guide());
        let criteria: Vec<String> = profile
            .rubric
            .criteria
            .iter()
            .map(|c| c.id.clone())
            .collect();
        (
            profile.rubric.acceptable,
            profile.rubric.excellent,
            criteria,
        )
    };
    let columns = Columns::new(criteria, baseline.is_some());

    let csv_file = tempfile::NamedTempFile::new_in(out)
        .with_context(|| format!("{}: cannot write to the output folder", out.display()))?;
    let mut csv = CsvSink::new(std::io::BufWriter::new(csv_file), columns)?;

    // Each document's report page, named before the work starts so the names do not
    // depend on which worker finishes first; written on the worker that scored it.
    let pages_dir = out.join("pages");
    let abs_pages = if args.no_pages {
        None
    } else {
        std::fs::create_dir_all(&pages_dir)
            .with_context(|| format!("{}: cannot create the folder", pages_dir.display()))?;
        Some(std::fs::canonicalize(&pages_dir).unwrap_or(pages_dir.clone()))
    };
    let mut used = HashSet::new();
    let names: HashMap<PathBuf, String> = jobs
        .iter()
        .map(|j| {
            let src = report::job_path(j);
            let name = report::unique_name(&src, &mut used);
            (src, name)
        })
        .collect();

    let progress = Progress::new(jobs.len() as u64, cli.quiet);
    let mut rows: Vec<Row> = Vec::with_capacity(jobs.len());
    let mut cohort = Cohort::default();
    let mut write_error: Option<anyhow::Error> = None;
    super::check::check_each(
        jobs,
        args.config.max_file_size,
        |job, a| {
            let path = a.document.source.path.display().to_string();
            let page = abs_pages.as_ref().and_then(|dir| {
                let name = names.get(&report::job_path(job))?;
                let opts = report::options(job, a, dir, false);
                let html = casekit_report::page(a, &opts);
                let target = pages_dir.join(name);
                Some(
                    report::write_through_temp(&target, html.as_bytes(), false)
                        .map(|()| format!("pages/{}", url_path(name)))
                        .map_err(|e| (target, e)),
                )
            });
            (path, Summary::of(&a.report, &a.scorecard), page)
        },
        |r| {
            progress.tick();
            match r {
                Err(e) => failed.push(failure(&e)),
                Ok((path, summary, page)) => {
                    let page = match page {
                        Some(Ok(link)) => Some(link),
                        Some(Err((target, e))) => {
                            failed.push(Failed {
                                path: target.display().to_string(),
                                reason: format!("cannot write the report page: {e}"),
                            });
                            None
                        }
                        None => None,
                    };
                    let before = baseline.as_ref().and_then(|b| b.total(&path));
                    let mut row = Row {
                        path,
                        summary,
                        before,
                        page,
                    };
                    if let Err(e) = csv.write(&row) {
                        write_error = Some(e.into());
                        return false;
                    }
                    cohort.add(&row.summary);
                    // The cohort has counted every loss; the row keeps only the top
                    // one, so ten thousand rows stay small.
                    row.summary.losses.truncate(1);
                    rows.push(row);
                }
            }
            true
        },
    );
    progress.finish();
    if let Some(e) = write_error {
        return Err(e.context(format!("{}: cannot write grades.csv", out.display())));
    }

    let csv_file = csv
        .finish()?
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("{}: cannot write grades.csv", out.display()))?;
    persist(csv_file, &out.join("grades.csv"))?;

    let json_path = out.join("grades.json");
    let cannot = || format!("{}: cannot write", json_path.display());
    let json_file = tempfile::NamedTempFile::new_in(out).with_context(cannot)?;
    let json_file = write_grades_json(
        std::io::BufWriter::new(json_file),
        &rows,
        &failed,
        &cohort,
        TEACH_NEXT,
    )
    .with_context(cannot)?
    .into_inner()
    .map_err(|e| e.into_error())
    .with_context(cannot)?;
    persist(json_file, &json_path)?;

    let generator = format!("casekit {}", env!("CARGO_PKG_VERSION"));
    let page = Page {
        title: &args.title,
        rows: &rows,
        failed: &failed,
        cohort: &cohort,
        acceptable,
        excellent,
        baseline: baseline.is_some(),
        generator: &generator,
    };
    write_atomic(&out.join("index.html"), page.render().as_bytes())?;

    for f in &failed {
        eprintln!("casekit: error: {}: {}", f.path, f.reason);
    }
    if !cli.quiet {
        eprintln!(
            "casekit: graded {} document{} into {}{}",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            out.display(),
            if failed.is_empty() {
                String::new()
            } else {
                format!("; {} could not be graded", failed.len())
            }
        );
    }
    Ok(if failed.is_empty() { 0 } else { 2 })
}

/// A file name as a relative URL: every byte outside the unreserved set percent-encoded,
/// so a name with spaces, quotes or `#` still links to its page.
fn url_path(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn failure(e: &InputError) -> Failed {
    Failed {
        path: e.path.display().to_string(),
        reason: e.message.clone(),
    }
}

/// Writes `bytes` beside `path` and renames it into place.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.flush())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    persist(tmp, path)
}

fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> anyhow::Result<()> {
    tmp.persist(path)
        .map(drop)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// A progress bar on stderr, drawn only on a terminal, without --quiet, and only once the
/// batch has run for a moment.
struct Progress {
    bar: ProgressBar,
    started: Instant,
    wanted: bool,
    shown: std::cell::Cell<bool>,
}

impl Progress {
    fn new(len: u64, quiet: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} grading {pos}/{len} [{bar:30}] {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Progress {
            bar,
            started: Instant::now(),
            wanted: !quiet && std::io::stderr().is_terminal(),
            shown: std::cell::Cell::new(false),
        }
    }

    fn tick(&self) {
        self.bar.inc(1);
        if self.wanted && !self.shown.get() && self.started.elapsed() >= PROGRESS_AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown.set(true);
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
