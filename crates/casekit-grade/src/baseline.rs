//! The last round's `grades.json`, read back for before/after.

use std::collections::HashMap;
use std::path::Path;

/// Totals by path from an earlier round.
#[derive(Debug, Default)]
pub struct Baseline {
    totals: HashMap<String, f64>,
    /// File name → total, for names that occur once (a cohort moved to a new folder).
    by_name: HashMap<String, Option<f64>>,
}

impl Baseline {
    /// Reads a `grades.json`; the error names what is wrong (the caller adds the path).
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let version = v.get("version").and_then(|x| x.as_u64());
        match version {
            Some(n) if n == u64::from(crate::VERSION) => {}
            Some(n) => {
                return Err(format!(
                    "grades.json version {n}; this casekit reads version {}",
                    crate::VERSION
                ))
            }
            None => {
                return Err(
                    "no `version` field: not a grades.json written by `casekit grade`".into(),
                )
            }
        }
        let docs = v
            .get("documents")
            .and_then(|d| d.as_array())
            .ok_or("no `documents` list")?;
        let mut b = Baseline::default();
        for (i, d) in docs.iter().enumerate() {
            let path = d.get("path").and_then(|p| p.as_str());
            let total = d.get("total").and_then(|t| t.as_f64());
            let (Some(path), Some(total)) = (path, total) else {
                return Err(format!("document {} has no `path` and `total`", i + 1));
            };
            b.totals.insert(path.to_string(), total);
            let name = file_name(path).to_string();
            b.by_name
                .entry(name)
                .and_modify(|t| *t = None)
                .or_insert(Some(total));
        }
        Ok(b)
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the baseline: {e}", path.display()))?;
        Baseline::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The document's earlier total: by its path, else by a file name unique in both.
    pub fn total(&self, path: &str) -> Option<f64> {
        self.totals
            .get(path)
            .copied()
            .or_else(|| self.by_name.get(file_name(path)).copied().flatten())
    }

    pub fn len(&self) -> usize {
        self.totals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.totals.is_empty()
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_totals_by_path_and_by_unique_name() {
        let b = Baseline::parse(
            r#"{"version":1,"documents":[
                {"path":"a/x.md","total":40.5},
                {"path":"a/y.md","total":50},
                {"path":"b/y.md","total":60}]}"#,
        )
        .unwrap_or_default();
        assert_eq!(b.len(), 3);
        assert_eq!(b.total("a/x.md"), Some(40.5));
        assert_eq!(b.total("moved/x.md"), Some(40.5));
        assert_eq!(b.total("moved/y.md"), None, "two y.md: ambiguous");
        assert_eq!(b.total("b/y.md"), Some(60.0));
    }

    #[test]
    fn refuses_other_versions_and_other_files() {
        let e = Baseline::parse(r#"{"version":9,"documents":[]}"#).err();
        assert!(e.is_some_and(|e| e.contains("version 9")));
        let e = Baseline::parse(r#"{"files":[]}"#).err();
        assert!(e.is_some_and(|e| e.contains("version")));
        let e = Baseline::parse("not json").err();
        assert!(e.is_some_and(|e| e.starts_with("not JSON")));
        let e = Baseline::parse(r#"{"version":1,"documents":[{"path":"x"}]}"#).err();
        assert!(e.is_some_and(|e| e.contains("document 1")));
    }
}
