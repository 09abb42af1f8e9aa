//! `casekit.toml`: rule selection and severities, threshold overrides, extra section
//! aliases and rubric weights, applied on top of a profile.

use crate::profile::Profile;
use crate::rules::{registry, Severity};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// A rule's level in configuration.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// Extra aliases for a section, or a change to whether it is required.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionConfig {
    /// More headings that mean this section (compared after normalising: lower case,
    /// no numbering, emoji or punctuation).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether STR001 requires the section.
    pub required: Option<bool>,
}

/// Rubric overrides: criterion weights and level thresholds.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RubricConfig {
    /// Weight per criterion id (clarity, depth, architecture, evidence).
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Lowest score (0–100) that is Excellent.
    pub excellent: Option<f64>,
    /// Lowest score (0–100) that is Acceptable.
    pub acceptable: Option<f64>,
}

/// The contents of a `casekit.toml`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// A profile file (a different template), relative to this file. Default: the guide.
    pub profile: Option<String>,
    /// Rules to run, by ID or ID prefix ("STR", "GOL204"). Default: all.
    pub select: Option<Vec<String>>,
    /// Rules not to run, by ID or ID prefix.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Per-rule level: off, info, warning or error.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Threshold overrides (see the profile's [thresholds] for names and defaults).
    #[serde(default)]
    pub thresholds: BTreeMap<String, f64>,
    /// Per-section changes, by profile section id (overview, goals, …).
    #[serde(default)]
    pub sections: BTreeMap<String, SectionConfig>,
    #[serde(default)]
    pub rubric: RubricConfig,
    /// Lowest severity that makes `casekit check` exit with 1.
    pub fail_on: Option<Level>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Toml(String),
    #[error("line {line}: {message}")]
    Invalid { line: usize, message: String },
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or(1)
}

/// Whether a selector (an ID or a prefix) names at least one rule.
fn selects_any(sel: &str) -> bool {
    registry()
        .iter()
        .any(|r| r.meta().id.starts_with(&sel.to_ascii_uppercase()))
}

impl Config {
    /// Parses and validates a config file's text; errors name the key and the line.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let cfg: Config = toml::from_str(text)
            .map_err(|e| ConfigError::Toml(e.to_string().trim().to_string()))?;
        let bad = |needle: &str, message: String| ConfigError::Invalid {
            line: line_of(text, needle),
            message,
        };
        for sel in cfg.select.iter().flatten().chain(cfg.ignore.iter()) {
            if !selects_any(sel) {
                return Err(bad(
                    sel,
                    format!("`{sel}` names no rule (see `casekit rules`)"),
                ));
            }
        }
        for id in cfg.rules.keys() {
            if crate::rules::find(id).is_none() {
                return Err(bad(
                    id,
                    format!("[rules] `{id}` is not a rule ID (see `casekit rules`)"),
                ));
            }
        }
        for c in cfg.rubric.weights.keys() {
            if !crate::rules::Criterion::ALL.iter().any(|k| k.id() == c) {
                return Err(bad(c, format!("[rubric.weights] `{c}` is not a criterion (clarity, depth, architecture, evidence)")));
            }
        }
        Ok(cfg)
    }

    /// Applies threshold, alias and rubric overrides to a profile.
    pub fn apply(&self, profile: &Profile, text: &str) -> Result<Profile, ConfigError> {
        let mut p = profile.clone();
        for (id, sc) in &self.sections {
            let Some(spec) = p.sections.iter_mut().find(|s| &s.id == id) else {
                return Err(ConfigError::Invalid {
                    line: line_of(text, &format!("sections.{id}")),
                    message: format!("[sections.{id}]: the profile has no section `{id}`"),
                });
            };
            spec.aliases.extend(
                sc.aliases
                    .iter()
                    .map(|a| crate::document::normalize_heading(a)),
            );
            if let Some(r) = sc.required {
                spec.required = r;
            }
        }
        if !self.thresholds.is_empty() {
            let mut table = toml::Table::try_from(&p.thresholds)
                .map_err(|e| ConfigError::Toml(e.to_string()))?;
            for (k, v) in &self.thresholds {
                let Some(slot) = table.get_mut(k) else {
                    return Err(ConfigError::Invalid {
                        line: line_of(text, k),
                        message: format!(
                            "[thresholds] `{k}` is not a threshold; known: {}",
                            table.keys().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    });
                };
                *slot = match slot {
                    toml::Value::Integer(_) if v.fract() == 0.0 && *v >= 0.0 => {
                        toml::Value::Integer(*v as i64)
                    }
                    toml::Value::Integer(_) => {
                        return Err(ConfigError::Invalid {
                            line: line_of(text, k),
                            message: format!("[thresholds] `{k}` must be a whole number"),
                        })
                    }
                    _ => toml::Value::Float(*v),
                };
            }
            p.thresholds = table
                .try_into()
                .map_err(|e: toml::de::Error| ConfigError::Toml(e.to_string()))?;
        }
        for (c, w) in &self.rubric.weights {
            if let Some(spec) = p.rubric.criteria.iter_mut().find(|s| &s.id == c) {
                spec.weight = *w;
            }
        }
        if let Some(e) = self.rubric.excellent {
            p.rubric.excellent = e;
        }
        if let Some(a) = self.rubric.acceptable {
            p.rubric.acceptable = a;
        }
        Ok(p)
    }

    /// Per-rule severities (None = off) from select, ignore and [rules].
    pub fn severities(&self) -> HashMap<String, Option<Severity>> {
        let mut out = HashMap::new();
        let matches = |id: &str, sels: &[String]| {
            sels.iter().any(|s| id.starts_with(&s.to_ascii_uppercase()))
        };
        for r in registry() {
            let id = r.meta().id;
            let selected =
                self.select.as_ref().is_none_or(|s| matches(id, s)) && !matches(id, &self.ignore);
            if !selected {
                // Selection wins: a level in [rules] does not bring back a deselected rule.
                out.insert(id.to_string(), None);
                continue;
            }
            if let Some((_, level)) = self.rules.iter().find(|(k, _)| {
                k.eq_ignore_ascii_case(id)
                    || crate::rules::find(k).is_some_and(|f| f.meta().id == id)
            }) {
                out.insert(id.to_string(), level.severity());
            }
        }
        out
    }

    /// The JSON schema of `casekit.toml`, with rule IDs listed for editors to complete.
    pub fn json_schema() -> serde_json::Value {
        let mut schema =
            serde_json::to_value(schemars::schema_for!(Config)).expect("schema serialises");
        let ids: Vec<&str> = registry().iter().map(|r| r.meta().id).collect();
        if let Some(rules) = schema.pointer_mut("/properties/rules") {
            rules["propertyNames"] = serde_json::json!({ "enum": ids });
        }
        schema["title"] = "casekit.toml".into();
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_and_rules_name_the_line() {
        let e = Config::from_toml("select = [\"STR\"]\n\n[rules]\nXYZ123 = \"off\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 4: [rules] `XYZ123` is not a rule ID (see `casekit rules`)"
        );
        let e = Config::from_toml("colour = 1\n").unwrap_err();
        assert!(e.to_string().contains("unknown field `colour`"), "{e}");
        assert!(e.to_string().contains("line 1"), "{e}");
    }

    #[test]
    fn thresholds_and_aliases_apply() {
        let text = "[thresholds]\nmin_pages = 2\nmax_code_block_lines = 50\n\n[sections.overview]\naliases = [\"At a Glance!\"]\n";
        let cfg = Config::from_toml(text).unwrap();
        let p = cfg.apply(Profile::guide(), text).unwrap();
        assert_eq!(p.thresholds.min_pages, 2.0);
        assert_eq!(p.thresholds.max_code_block_lines, 50);
        assert!(p
            .section("overview")
            .unwrap()
            .aliases
            .contains(&"at a glance".to_string()));
        let bad = Config::from_toml("[thresholds]\nmax_code_block_lines = 2.5\n").unwrap();
        assert!(bad
            .apply(
                Profile::guide(),
                "[thresholds]\nmax_code_block_lines = 2.5\n"
            )
            .is_err());
    }

    #[test]
    fn select_ignore_and_levels() {
        let cfg = Config::from_toml(
            "select = [\"STR\"]\nignore = [\"STR002\"]\n[rules]\nSTR005 = \"error\"\n",
        )
        .unwrap();
        let s = cfg.severities();
        assert_eq!(s.get("OVR101"), Some(&None));
        assert_eq!(s.get("STR002"), Some(&None));
        assert_eq!(s.get("STR005"), Some(&Some(Severity::Error)));
        assert_eq!(s.get("STR001"), None);
    }
}
