//! The open documents, their settings and their latest analysis.
//!
//! Every document is checked through the core's one entry point (`Analysis`), with
//! settings resolved as the CLI resolves them (`casekit_settings`): the nearest
//! casekit.toml upward from the document's folder. Config files are read once and kept
//! until one changes.

use casekit_core::rules::FileOracle;
use casekit_core::{Analysis, Document, Format, Settings, Source};
use casekit_settings::{discover, resolve, Overrides, Resolved, DEFAULT_MAX_BYTES};
use lsp_types::Url;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What checking a document came to.
pub enum Checked {
    Done(Box<Analysis>),
    /// Refused before any rule ran (over a limit): the reason and where, if known.
    Refused {
        document: Option<Box<Document>>,
        message: String,
        at: u32,
    },
}

pub struct Open {
    pub version: i32,
    /// The text as the editor sent it.
    pub text: String,
    pub checked: Checked,
    /// A broken casekit.toml over this document (it was checked with the defaults).
    pub config_error: Option<String>,
    /// The settings it was checked under.
    pub resolved: Arc<Resolved>,
    /// The "fix all" action for this version, made on the first code-action request
    /// that wants it: it checks the text up to `MAX_FIX_PASSES` times, and editors ask
    /// for code actions on every cursor move. A new version is a new `Open`.
    pub fix_all: std::sync::OnceLock<Option<lsp_types::CodeActionOrCommand>>,
}

/// Answers link checks from the file system, relative to the document, like the CLI.
struct FsOracle;

impl FileOracle for FsOracle {
    fn exists(&self, document: &Path, target: &str) -> bool {
        let base = document.parent().unwrap_or(Path::new("."));
        let path = target.split(['#', '?']).next().unwrap_or("");
        path.is_empty() || base.join(path.replace("%20", " ")).exists()
    }
}

#[derive(Default)]
pub struct State {
    pub docs: HashMap<Url, Open>,
    /// Settings by config file (`None`: no file, the defaults).
    configs: HashMap<Option<PathBuf>, Result<Arc<Resolved>, String>>,
    /// The nearest config file of each folder seen.
    dirs: HashMap<PathBuf, Option<PathBuf>>,
}

/// The file a URI names, or a stand-in path for one that is not a file (`untitled:`),
/// whose extension still tells Markdown from MDX.
pub fn path_of(uri: &Url) -> PathBuf {
    uri.to_file_path()
        .unwrap_or_else(|_| PathBuf::from(uri.path().rsplit('/').next().unwrap_or("untitled.md")))
}

impl State {
    /// Forgets every config file read, so the next check reads them again.
    pub fn forget_configs(&mut self) {
        self.configs.clear();
        self.dirs.clear();
    }

    fn settings_for(&mut self, path: &Path) -> (Arc<Resolved>, Option<String>) {
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let file = self
            .dirs
            .entry(dir.clone())
            .or_insert_with(|| if dir.is_dir() { discover(&dir) } else { None })
            .clone();
        let entry = self
            .configs
            .entry(file.clone())
            .or_insert_with(|| resolve(file.as_deref(), &Overrides::default()).map(Arc::new))
            .clone();
        match entry {
            Ok(r) => (r, None),
            Err(e) => {
                let shown = file.map(|f| f.display().to_string()).unwrap_or_default();
                let defaults = self
                    .configs
                    .entry(None)
                    .or_insert_with(|| resolve(None, &Overrides::default()).map(Arc::new))
                    .clone()
                    .expect("the built-in settings resolve");
                (defaults, Some(format!("{shown}: {e}")))
            }
        }
    }

    /// Checks `text` as the document `uri` and keeps the result.
    pub fn update(&mut self, uri: Url, version: i32, text: String) -> &Open {
        let path = path_of(&uri);
        let (resolved, config_error) = self.settings_for(&path);
        let checked = check(&path, text.clone(), &resolved);
        let resolved = Arc::clone(&resolved);
        self.docs.insert(
            uri.clone(),
            Open {
                version,
                text,
                checked,
                config_error,
                resolved,
                fix_all: std::sync::OnceLock::new(),
            },
        );
        &self.docs[&uri]
    }
}

/// Checks one document under `resolved`, with the CLI's limits.
pub fn check(path: &Path, text: String, resolved: &Resolved) -> Checked {
    if text.len() as u64 > DEFAULT_MAX_BYTES {
        return Checked::Refused {
            document: None,
            message: format!(
                "the document is {} bytes, over the limit of {}; casekit does not check it",
                casekit_core::limits::thousands(text.len()),
                casekit_core::limits::thousands(DEFAULT_MAX_BYTES as usize)
            ),
            at: 0,
        };
    }
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let source = Source::new(path, text).with_format(Format::from_path(path));
    let mut settings = Settings::new(&resolved.profile);
    settings.severities = resolved.severities.clone();
    settings.files = Some(&FsOracle);
    match Analysis::run(source, &settings) {
        Ok(a) => Checked::Done(Box::new(a)),
        Err(r) => Checked::Refused {
            message: format!("not checked: {}", r.error),
            at: r.error.span().start,
            document: Some(Box::new(r.document)),
        },
    }
}
