//! `casekit check --fix [--diff]`: apply every fix the rules offer. Fixes only insert
//! (see `casekit_core::rules::Fix`), so the author's text is kept byte for byte.
//!
//! A file is written through a temporary file in its own folder and a rename, so a
//! reader never sees half a file, with the original's permissions. If the file's bytes
//! changed between reading and writing (an editor saved it meanwhile), it is left
//! alone and reported (exit 2).

use super::check::{analyze, plan};
use crate::cli::{CheckArgs, Cli};
use crate::input::{self, Input, InputError};
use casekit_core::{fix_to_fixed_point, MAX_FIX_PASSES};
use std::io::Write;
use std::path::Path;

/// What fixing one document comes to.
struct Fixed {
    path: std::path::PathBuf,
    /// The document's text before and after (without a byte-order mark).
    before: String,
    after: String,
    /// Rules whose fixes were applied, one entry per fix.
    rules: Vec<&'static str>,
    /// The bytes read, to tell whether the file changed before writing.
    read: Vec<u8>,
    bom: bool,
}

fn fix_one(
    input: &Input,
    resolved: &casekit_settings::Resolved,
    max: u64,
) -> Result<Fixed, InputError> {
    // Read the bytes here (not through `input::read`) to compare them before writing.
    let (path, read) = match input {
        Input::File(p) => (p.clone(), input::read_bytes(p, max)?),
        Input::Stdin { .. } => {
            let source = input::read(input, max)?;
            let text = source.text.to_string();
            (source.path.clone(), text.into_bytes())
        }
    };
    let bom = read.starts_with("\u{feff}".as_bytes());
    let source = input::decode(&path, read.clone())?;
    let before = source.text.to_string();
    let (name, format) = (source.path.clone(), source.format);
    // Fixed to a fixed point: each pass checks the text the last one made, so a fix
    // that changes what another rule reads is followed up in the same run.
    let done = fix_to_fixed_point(&before, MAX_FIX_PASSES, |text| {
        let source = casekit_core::Source::new(name.clone(), text).with_format(format);
        let analysis = analyze(source, resolved)?;
        Ok::<_, InputError>(
            analysis
                .report
                .diagnostics
                .into_iter()
                .filter_map(|d| Some((d.rule, d.fix?)))
                .collect(),
        )
    })?;
    if !done.settled {
        eprintln!(
            "casekit: warning: {}: fixes were still on offer after {} passes; the result is written, run --fix again to continue",
            path.display(),
            done.passes
        );
    }
    let (after, rules) = (done.text, done.applied);
    Ok(Fixed {
        path,
        before,
        after,
        rules,
        read,
        bom,
    })
}

/// Writes `text` over `path` if the file still holds `read`: through a temporary file
/// in the same folder, renamed over the original, with the original's permissions.
pub(crate) fn write_if_unchanged(path: &Path, read: &[u8], text: &[u8]) -> Result<(), String> {
    let now = std::fs::read(path).map_err(|e| format!("cannot read it again: {e}"))?;
    if now != read {
        return Err("changed since it was read; not written (run --fix again)".into());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let perms = std::fs::metadata(path)
        .map_err(|e| e.to_string())?
        .permissions();
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot create a temporary file beside it: {e}"))?;
    tmp.write_all(text)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    std::fs::set_permissions(tmp.path(), perms).map_err(|e| e.to_string())?;
    tmp.persist(path)
        .map_err(|e| format!("cannot replace it: {}", e.error))?;
    Ok(())
}

pub fn run(args: &CheckArgs, cli: &Cli) -> anyhow::Result<u8> {
    let (jobs, mut errors) = plan(&args.config);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut changed, mut inserted) = (0usize, 0usize);
    // A fixed document on standard output is not followed by a summary line.
    let to_stdout = jobs.iter().any(|j| matches!(j.input, Input::Stdin { .. }));
    for job in &jobs {
        let f = match fix_one(&job.input, &job.settings, args.config.max_file_size) {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if f.after == f.before {
            continue;
        }
        let shown = f.path.display().to_string();
        if args.diff {
            let diff = similar::TextDiff::from_lines(&f.before, &f.after);
            write!(
                out,
                "{}",
                diff.unified_diff()
                    .context_radius(2)
                    .header(&format!("a/{shown}"), &format!("b/{shown}"))
            )?;
        } else if matches!(job.input, Input::Stdin { .. }) {
            // Standard input has nowhere to be written back: the fixed text goes out.
            out.write_all(f.after.as_bytes())?;
        } else {
            let mut bytes = Vec::with_capacity(f.after.len() + 3);
            if f.bom {
                bytes.extend_from_slice("\u{feff}".as_bytes());
            }
            bytes.extend_from_slice(f.after.as_bytes());
            if let Err(message) = write_if_unchanged(&f.path, &f.read, &bytes) {
                errors.push(InputError {
                    path: f.path.clone(),
                    message,
                });
                continue;
            }
            if !cli.quiet {
                let mut rules = f.rules.clone();
                rules.sort_unstable();
                rules.dedup();
                writeln!(
                    out,
                    "fixed {shown}: {} insertion{} ({})",
                    f.rules.len(),
                    if f.rules.len() == 1 { "" } else { "s" },
                    rules.join(", ")
                )?;
            }
        }
        changed += 1;
        inserted += f.rules.len();
    }
    if !cli.quiet && !args.diff && !to_stdout {
        writeln!(
            out,
            "{} file{} fixed, {inserted} fix{} applied; fill in the slots `casekit check` now reports",
            changed,
            if changed == 1 { "" } else { "s" },
            if inserted == 1 { "" } else { "es" },
        )?;
    }
    out.flush()?;
    drop(out);
    for e in &errors {
        eprintln!("casekit: error: {e}");
    }
    Ok(if errors.is_empty() { 0 } else { 2 })
}

#[cfg(test)]
mod tests {
    use super::write_if_unchanged;

    #[test]
    fn refuses_a_file_changed_since_it_was_read_and_leaves_it_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        std::fs::write(&path, "# A\n").unwrap();
        let read = std::fs::read(&path).unwrap();
        std::fs::write(&path, "# A, edited meanwhile\n").unwrap();
        let err = write_if_unchanged(&path, &read, b"# A\n\nfixed\n").unwrap_err();
        assert!(err.contains("changed since it was read"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# A, edited meanwhile\n"
        );
        // Nothing is left behind in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_files_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        std::fs::write(&path, "# A\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let read = std::fs::read(&path).unwrap();
        write_if_unchanged(&path, &read, b"# A\n\nfixed\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# A\n\nfixed\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
