//! Per-document settings: the nearest `casekit.toml` (found upward from the document,
//! like .editorconfig), then command-line flags on top. Flag > nearest file > default.

use crate::input::InputError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use casekit_settings::{discover, resolve, Overrides, Resolved};
use std::sync::Arc;

pub struct Resolver {
    overrides: Overrides,
    by_file: HashMap<Option<PathBuf>, Result<Arc<Resolved>, String>>,
    /// The nearest config file of each directory seen, so a folder of thousands of
    /// documents is searched upward once, not once per document.
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl Resolver {
    pub fn new(overrides: Overrides) -> Self {
        Resolver {
            overrides,
            by_file: HashMap::new(),
            by_dir: HashMap::new(),
        }
    }

    /// Settings for a document at `path` (its directory decides the config file).
    pub fn for_document(&mut self, path: &Path) -> Result<Arc<Resolved>, InputError> {
        let file = if self.overrides.no_config {
            None
        } else if let Some(c) = &self.overrides.config {
            Some(c.clone())
        } else {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            self.by_dir
                .entry(dir.to_path_buf())
                .or_insert_with(|| discover(dir))
                .clone()
        };
        let entry = self
            .by_file
            .entry(file.clone())
            .or_insert_with(|| resolve(file.as_deref(), &self.overrides).map(Arc::new));
        entry.clone().map_err(|message| InputError {
            path: file.unwrap_or_else(|| path.to_path_buf()),
            message,
        })
    }
}
