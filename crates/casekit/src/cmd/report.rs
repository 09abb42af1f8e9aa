//! `casekit report`: one self-contained HTML page per document (see casekit-report).
//!
//! Documents are found and configured exactly as `check` does; each page is rendered on
//! the worker that checked the document and written through a temporary file renamed
//! into place, so a reader never sees half a page.

use super::check::{check_each, plan, Job};
use crate::cli::{Cli, ReportArgs};
use crate::input::{Input, InputError};
use casekit_core::Analysis;
use casekit_report::PageOptions;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Images larger than this are linked, not embedded.
const EMBED_LIMIT: u64 = 4 << 20;

pub fn run(args: &ReportArgs, cli: &Cli) -> anyhow::Result<u8> {
    let (jobs, mut errors) = plan(&args.config);
    let out = &args.output;
    let single = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if single && jobs.len() > 1 {
        eprintln!(
            "casekit: error: {}: one page takes one document, and {} were given; pass a directory to -o",
            out.display(),
            jobs.len()
        );
        return Ok(2);
    }
    let dir = if single {
        out.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    } else {
        out.clone()
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!(
            "casekit: error: {}: cannot create the folder: {e}",
            dir.display()
        );
        return Ok(2);
    }
    let abs_dir = std::fs::canonicalize(&dir).unwrap_or(dir.clone());

    // Output names are settled before the work starts, in input order, so they do not
    // depend on which worker finishes first.
    let mut used = HashSet::new();
    let targets: HashMap<PathBuf, PathBuf> = jobs
        .iter()
        .map(|j| {
            let src = job_path(j);
            let target = if single {
                out.clone()
            } else {
                dir.join(unique_name(&src, &mut used))
            };
            (src, target)
        })
        .collect();

    let link_images = args.link_images;
    let mut written = Vec::new();
    check_each(
        jobs,
        args.config.max_file_size,
        |job, analysis| {
            let opts = options(job, analysis, &abs_dir, link_images);
            (job_path(job), casekit_report::page(analysis, &opts))
        },
        |r| {
            match r {
                Err(e) => errors.push(e),
                Ok((src, html)) => {
                    let target = &targets[&src];
                    match write_atomic(target, html.as_bytes()) {
                        Ok(()) => written.push(target.clone()),
                        Err(e) => errors.push(InputError {
                            path: target.clone(),
                            message: format!("cannot write the report: {e}"),
                        }),
                    }
                }
            }
            true
        },
    );
    if !cli.quiet {
        let stdout = std::io::stdout();
        let mut o = stdout.lock();
        for w in &written {
            writeln!(o, "wrote {}", w.display())?;
        }
    }
    for e in &errors {
        eprintln!("casekit: error: {e}");
    }
    Ok(if errors.is_empty() { 0 } else { 2 })
}

pub(crate) fn job_path(job: &Job) -> PathBuf {
    match &job.input {
        Input::File(p) => p.clone(),
        Input::Stdin { name } => name.clone(),
    }
}

/// `case-study.md` → `case-study.html`; a second `case-study.md` from another folder
/// becomes `case-study-2.html`.
pub(crate) fn unique_name(src: &Path, used: &mut HashSet<String>) -> String {
    let stem = src
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['<', '>'], ""))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "document".into());
    let mut name = format!("{stem}.html");
    let mut n = 2;
    while !used.insert(name.clone()) {
        name = format!("{stem}-{n}.html");
        n += 1;
    }
    name
}

/// Where the page finds the files beside the document, and the images it embeds.
pub(crate) fn options(
    job: &Job,
    analysis: &Analysis,
    out_dir: &Path,
    link_images: bool,
) -> PageOptions {
    let mut opts = PageOptions::default();
    let Input::File(path) = &job.input else {
        return opts;
    };
    let doc_dir = path.parent().unwrap_or(Path::new("."));
    let doc_dir = std::fs::canonicalize(if doc_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        doc_dir
    })
    .unwrap_or_else(|_| doc_dir.to_path_buf());
    if let Some(rel) = relative(out_dir, &doc_dir) {
        if !rel.is_empty() {
            opts.base = Some(rel);
        }
    }
    if link_images {
        return opts;
    }
    for image in &analysis.document.images {
        let src = image.src.as_str();
        if src.contains(':') || src.starts_with(['/', '#', '\\']) || opts.images.contains_key(src) {
            continue;
        }
        let file = src
            .split(['#', '?'])
            .next()
            .unwrap_or("")
            .replace("%20", " ");
        let p = doc_dir.join(&file);
        let small = std::fs::metadata(&p).is_ok_and(|m| m.is_file() && m.len() <= EMBED_LIMIT);
        if let (true, Ok(bytes)) = (small, std::fs::read(&p)) {
            if let Some(uri) = casekit_report::image_data_uri(&file, &bytes) {
                opts.images.insert(src.to_string(), uri);
            }
        }
    }
    opts
}

/// The URL prefix that leads from `from` (a folder) to `to` (a folder): `../docs/`.
fn relative(from: &Path, to: &Path) -> Option<String> {
    let f: Vec<Component> = from.components().collect();
    let t: Vec<Component> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut s = String::new();
    for _ in common..f.len() {
        s.push_str("../");
    }
    for c in &t[common..] {
        let part = c.as_os_str().to_str()?;
        s.push_str(
            &part
                .replace('%', "%25")
                .replace(' ', "%20")
                .replace('#', "%23")
                .replace('?', "%3F"),
        );
        s.push('/');
    }
    Some(s)
}

/// Writes `bytes` to `path` through a temporary file in the same folder, flushed to disk
/// before the rename: a reader never sees half a page, even after a crash.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temp(path, bytes, true)
}

/// As [`write_atomic`]; `durable: false` skips the flush to disk. A cohort's pages are
/// derived files, rewritten on each run; a flush per page keeps the workers waiting on
/// the disk, and the rename alone still keeps a reader from a half-written page.
pub fn write_through_temp(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    // A report is for reading and sending, not private like a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    if durable {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
