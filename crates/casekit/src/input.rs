//! Finding and reading documents: paths and directories (walked like ripgrep, honouring
//! .gitignore), `-` for stdin, with a size limit and UTF-8 check per file.

use casekit_core::{Format, Source};
use std::io::Read;
use std::path::{Path, PathBuf};

pub const DEFAULT_MAX_BYTES: u64 = casekit_settings::DEFAULT_MAX_BYTES;

/// A problem with one input; reported on one line, exit code 2 at the end.
#[derive(Debug)]
pub struct InputError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// One document to check: where it is, and how to read it.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Stdin { name: PathBuf },
}

fn is_document(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("md" | "mdx" | "markdown")
    )
}

/// Expands the command line's paths into documents, in a stable order.
pub fn collect(paths: &[PathBuf], stdin_name: &Path) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin {
                name: stdin_name.to_path_buf(),
            });
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => errors.push(InputError {
                path: p.clone(),
                message: describe_io(&e),
            }),
            Ok(m) if m.is_dir() => {
                // Links are followed (a linked document is checked); a loop of links,
                // or an entry that cannot be read, is skipped with a notice, as
                // ripgrep does, rather than silently.
                let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(p)
                    .hidden(true)
                    .follow_links(true)
                    .build()
                    .filter_map(|entry| {
                        entry
                            .map_err(|e| eprintln!("casekit: notice: skipped: {}", walk_error(&e)))
                            .ok()
                    })
                    .filter(|e| e.file_type().is_some_and(|t| t.is_file()) && is_document(e.path()))
                    .map(|e| e.into_path())
                    .collect();
                if found.is_empty() {
                    errors.push(InputError {
                        path: p.clone(),
                        message: "no Markdown or MDX documents (*.md, *.mdx) in this directory"
                            .into(),
                    });
                }
                found.sort();
                inputs.extend(found.into_iter().map(Input::File));
            }
            Ok(_) => inputs.push(Input::File(p.clone())),
        }
    }
    (inputs, errors)
}

/// A walk error in the words of the other messages: the path first.
fn walk_error(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { path, err } => format!("{}: {}", path.display(), walk_error(err)),
        ignore::Error::WithDepth { err, .. } => walk_error(err),
        ignore::Error::Loop { ancestor, child } => format!(
            "{}: a symbolic link loop (it leads back to {})",
            child.display(),
            ancestor.display()
        ),
        ignore::Error::Io(io) => describe_io(io),
        other => other.to_string(),
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads one input into a [`Source`], enforcing the size limit and UTF-8.
pub fn read(input: &Input, max_bytes: u64) -> Result<Source, InputError> {
    let (path, bytes) = match input {
        Input::File(path) => (path.clone(), read_bytes(path, max_bytes)?),
        Input::Stdin { name } => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| InputError {
                    path: name.clone(),
                    message: describe_io(&e),
                })?;
            if bytes.len() as u64 > max_bytes {
                return Err(InputError {
                    path: name.clone(),
                    message: format!(
                        "standard input is over the limit of {} bytes (raise it with --max-file-size)",
                        separated(max_bytes)
                    ),
                });
            }
            (name.clone(), bytes)
        }
    };
    decode(&path, bytes)
}

/// A file's bytes, refused before reading when it is over `max_bytes`: one wording of
/// the size and I/O errors for `check` and `check --fix`.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let err = |message: String| InputError {
        path: path.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(describe_io(&e)))?;
    if meta.len() > max_bytes {
        return Err(err(format!(
            "file is {} bytes, over the limit of {} (raise it with --max-file-size)",
            separated(meta.len()),
            separated(max_bytes)
        )));
    }
    std::fs::read(path).map_err(|e| err(describe_io(&e)))
}

/// A byte count with thousands separators, as the other limits' messages print them.
fn separated(n: u64) -> String {
    casekit_core::limits::thousands(usize::try_from(n).unwrap_or(usize::MAX))
}

pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<Source, InputError> {
    if bytes.contains(&0) {
        return Err(InputError {
            path: path.to_path_buf(),
            message: "looks like a binary file (it contains NUL bytes), not a Markdown document"
                .into(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| InputError {
        path: path.to_path_buf(),
        message: format!(
            "is not valid UTF-8 (first bad byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ),
    })?;
    // A byte-order mark is not content.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let format = Format::from_path(path);
    Ok(Source::new(path, text).with_format(format))
}

#[cfg(test)]
mod tests {
    use super::decode;
    use proptest::prelude::*;
    use std::path::Path;

    proptest! {
        // Any bytes: invalid UTF-8 (lone surrogates encoded as ED A0 80, overlong forms,
        // stray continuation bytes), NUL, BOM, CR. Decoding never panics; it accepts
        // exactly the NUL-free valid UTF-8 and keeps every byte but a leading BOM.
        #[test]
        fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300),
                     surrogate in any::<bool>(), bom in any::<bool>()) {
            let mut input = Vec::new();
            if bom {
                input.extend_from_slice("\u{feff}".as_bytes());
            }
            input.extend_from_slice(&bytes);
            if surrogate {
                input.extend_from_slice(&[0xED, 0xA0, 0x80]);
            }
            let expected = std::str::from_utf8(&input)
                .ok()
                .filter(|t| !t.contains('\0'))
                .map(|t| t.strip_prefix('\u{feff}').unwrap_or(t).to_string());
            match decode(Path::new("x.md"), input.clone()) {
                Ok(source) => prop_assert_eq!(Some(source.text.to_string()), expected),
                Err(e) => {
                    prop_assert!(expected.is_none());
                    prop_assert!(!e.message.is_empty());
                }
            }
        }
    }
}
