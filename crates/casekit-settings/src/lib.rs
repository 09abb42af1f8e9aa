//! Settings of one document, from the file system: the nearest `casekit.toml` found
//! upward from the document (like .editorconfig), a profile file, then the front end's
//! own overrides on top (flag > nearest file > default). The CLI and the language
//! server both resolve settings here, so a document is checked the same way in a
//! terminal and in an editor.

use casekit_core::config::{Config, Level};
use casekit_core::{Profile, Severity};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "casekit.toml";

/// Largest document a front end reads, in bytes, unless told otherwise.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// What the front end says about configuration (command-line flags, editor settings).
#[derive(Default, Clone)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub no_config: bool,
    pub profile: Option<PathBuf>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    /// Limits given on the command line, over the profile's thresholds.
    pub max_nesting: Option<usize>,
    pub max_diagram_size: Option<usize>,
    pub max_mdx_size: Option<usize>,
}

/// Everything a check of one document needs.
pub struct Resolved {
    pub profile: Profile,
    pub severities: HashMap<String, Option<Severity>>,
    pub fail_on: Option<Severity>,
}

fn load_profile(path: &Path) -> Result<Profile, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read profile: {e}", path.display()))?;
    Profile::from_toml(&text).map_err(|e| format!("{}: {}", path.display(), e.to_string().trim()))
}

/// The nearest `casekit.toml` at or above `dir`.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    start
        .ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Resolves the settings for documents under config `file` (none: the defaults).
pub fn resolve(file: Option<&Path>, o: &Overrides) -> Result<Resolved, String> {
    let (mut cfg, text) = match file {
        Some(f) => {
            let text =
                std::fs::read_to_string(f).map_err(|e| format!("cannot read config: {e}"))?;
            (Config::from_toml(&text).map_err(|e| e.to_string())?, text)
        }
        None => (Config::default(), String::new()),
    };
    if let Some(s) = &o.select {
        cfg.select = Some(s.clone());
    }
    if let Some(i) = &o.ignore {
        cfg.ignore = i.clone();
    }
    let base = match (&o.profile, &cfg.profile, file) {
        (Some(p), _, _) => load_profile(p)?,
        (None, Some(p), Some(f)) => load_profile(&f.parent().unwrap_or(Path::new(".")).join(p))?,
        _ => Profile::guide().clone(),
    };
    let mut profile = cfg.apply(&base, &text).map_err(|e| e.to_string())?;
    let t = &mut profile.thresholds;
    t.max_nesting = o.max_nesting.unwrap_or(t.max_nesting);
    t.max_diagram_bytes = o.max_diagram_size.unwrap_or(t.max_diagram_bytes);
    t.max_mdx_bytes = o.max_mdx_size.unwrap_or(t.max_mdx_bytes);
    // Selectors given on the command line are validated like the file's.
    for sel in o.select.iter().flatten().chain(o.ignore.iter().flatten()) {
        if !casekit_core::rules::registry()
            .iter()
            .any(|r| r.meta().id.starts_with(&sel.to_ascii_uppercase()))
        {
            return Err(format!("`{sel}` names no rule (see `casekit rules`)"));
        }
    }
    Ok(Resolved {
        severities: cfg.severities(),
        fail_on: cfg.fail_on.and_then(Level::severity),
        profile,
    })
}
