//! `casekit new`: write a skeleton case study (or a filled example) that already follows
//! the guide. The templates live in `casekit_core::scaffold`; this module only gathers the
//! answers, picks the format and writes the file safely.

use crate::cli::{Cli, ColorChoice, NewArgs, NewFormat};
use anyhow::anyhow;
use casekit_core::scaffold::{self, Answers};
use casekit_core::{Document, Format, Profile, Settings, Source};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The filled-in examples `--example` writes, embedded so the binary works alone.
const EXAMPLE_MD: &str = include_str!("../../../../examples/case-study.md");
const EXAMPLE_MDX: &str = include_str!("../../../../examples/case-study.mdx");

pub fn run(args: &NewArgs, cli: &Cli) -> anyhow::Result<u8> {
    let to_stdout = args.path.as_deref() == Some(Path::new("-"));
    let format = match (args.format, args.path.as_deref()) {
        (Some(NewFormat::Md), _) => Format::Markdown,
        (Some(NewFormat::Mdx), _) => Format::Mdx,
        (None, Some(p)) if !to_stdout => Format::from_path(p),
        (None, _) => Format::Markdown,
    };
    let path: Option<PathBuf> = if to_stdout {
        None
    } else {
        Some(args.path.clone().unwrap_or_else(|| {
            PathBuf::from(match format {
                Format::Markdown => "case-study.md",
                Format::Mdx => "case-study.mdx",
            })
        }))
    };
    if let (Some(p), Some(_)) = (&path, args.format) {
        if Format::from_path(p) != format && !cli.quiet {
            eprintln!(
                "casekit: warning: writing {} to {}, whose extension says otherwise",
                format_name(format),
                p.display()
            );
        }
    }
    // Refuse before asking anything: answering questions for a file that will not be
    // written wastes the author's time.
    if let Some(p) = &path {
        preflight(p, args.force)?;
    }

    let text = if args.example {
        match format {
            Format::Markdown => EXAMPLE_MD.to_string(),
            Format::Mdx => EXAMPLE_MDX.to_string(),
        }
    } else {
        let mut answers = Answers {
            name: args.name.clone(),
            one_liner: args.one_liner.clone(),
            repo: args.repo.clone(),
            demo: args.demo.clone(),
            team: args.team.clone(),
            role: args.role.clone(),
            timeline: args.timeline.clone(),
        };
        let interactive =
            !args.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if interactive {
            ask_missing(&mut answers, cli.color)?;
        }
        scaffold::document(format, &answers)
    };

    match &path {
        None => crate::stdout::write(&text)?,
        Some(p) => {
            write_atomically(p, &text, args.force)?;
            if !cli.quiet {
                let left = placeholders_left(p, &text, format);
                if args.example {
                    eprintln!(
                        "created {}: a filled-in example to read and compare with",
                        p.display()
                    );
                } else {
                    eprintln!(
                        "created {}: {left} slots and guidance notes to replace; `casekit check {}` lists them",
                        p.display(),
                        p.display()
                    );
                }
            }
        }
    }
    Ok(0)
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Markdown => "Markdown",
        Format::Mdx => "MDX",
    }
}

/// Everything that can be known to fail before writing: an existing file without
/// `--force`, a directory in the way, a parent directory that is missing.
fn preflight(path: &Path, force: bool) -> anyhow::Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(anyhow!(
                "{}: is a directory; name a file to create",
                path.display()
            ))
        }
        Ok(_) if !force => {
            return Err(anyhow!(
                "{}: already exists; pass --force to overwrite it",
                path.display()
            ))
        }
        _ => {}
    }
    let dir = parent_dir(path);
    if !dir.is_dir() {
        return Err(anyhow!(
            "{}: cannot write it, the directory {} does not exist",
            path.display(),
            dir.display()
        ));
    }
    Ok(())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "no such directory".into(),
        _ => e.to_string(),
    }
}

/// Writes `text` to a temporary file in the target's directory, then renames it over
/// the target, so a reader never sees half a file and a failure leaves nothing behind.
/// Without `force` the rename refuses to replace a file that appeared meanwhile.
fn write_atomically(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    let cannot =
        |e: &std::io::Error| anyhow!("{}: cannot write it: {}", path.display(), describe_io(e));
    let dir = parent_dir(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".casekit-new-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| cannot(&e))?;
    tmp.write_all(text.as_bytes()).map_err(|e| cannot(&e))?;
    tmp.as_file().sync_all().map_err(|e| cannot(&e))?;
    #[cfg(unix)]
    {
        // A temporary file is private (0600); a document is not. Keep the mode of the
        // file being replaced, else the usual 0644.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode))
            .map_err(|e| cannot(&e))?;
    }
    let persisted = if force {
        tmp.persist(path).map(drop)
    } else {
        tmp.persist_noclobber(path).map(drop)
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow!(
                "{}: already exists; pass --force to overwrite it",
                path.display()
            )
        } else {
            cannot(&e.error)
        }
    })
}

/// How many slots and guidance notes rule STR004 finds in what was written.
fn placeholders_left(path: &Path, text: &str, format: Format) -> usize {
    let profile = Profile::guide();
    let doc = Document::parse(Source::new(path, text).with_format(format), profile);
    casekit_core::check(&doc, &Settings::new(profile))
        .diagnostics
        .iter()
        .filter(|d| d.rule == "STR004")
        .count()
}

/// Asks, on the terminal, for each overview fact the flags did not give. A blank answer
/// keeps the slot, to be filled in later.
fn ask_missing(a: &mut Answers, color: ColorChoice) -> anyhow::Result<()> {
    use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
    let colorful = ColorfulTheme::default();
    let plain = SimpleTheme;
    let no_color =
        color == ColorChoice::Never || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme: &dyn Theme = if no_color { &plain } else { &colorful };
    let fields: [(&mut Option<String>, &str); 7] = [
        (&mut a.name, "Project name"),
        (
            &mut a.one_liner,
            "One-liner (who has what problem, and what changes for them)",
        ),
        (&mut a.repo, "Repository URL"),
        (&mut a.demo, "Live demo or video URL"),
        (&mut a.team, "Team size (a number, or \"solo\")"),
        (&mut a.role, "Your role"),
        (&mut a.timeline, "Timeline (e.g. \"10 weeks, part-time\")"),
    ];
    if fields.iter().all(|(v, _)| v.is_some()) {
        return Ok(());
    }
    eprintln!("Answer what you know; press Enter to leave a slot to fill in later.");
    for (slot, prompt) in fields {
        if slot.is_some() {
            continue;
        }
        let v: String = dialoguer::Input::with_theme(theme)
            .with_prompt(prompt)
            .allow_empty(true)
            .interact_text()
            .map_err(|e| anyhow!("stopped before anything was written ({e})"))?;
        let v = v.trim();
        if !v.is_empty() {
            *slot = Some(v.to_string());
        }
    }
    Ok(())
}
