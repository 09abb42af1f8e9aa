//! Profiles: a case-study template expressed as data (sections, aliases, thresholds,
//! rubric weights, vocabulary). The default is the guide, embedded in the binary.

use serde::Deserialize;
use std::sync::OnceLock;

const DEFAULT_PROFILE: &str = include_str!("default.toml");

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub sections: Vec<SectionSpec>,
    pub thresholds: Thresholds,
    pub rubric: RubricSpec,
    pub vocabulary: Vocabulary,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub required: bool,
    /// A section that may stand alone or as a sub-heading of another (Non-Goals in Goals).
    #[serde(default)]
    pub part_of: Option<String>,
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub words_per_page: f64,
    pub words_per_table_row: f64,
    pub words_per_diagram: f64,
    pub words_per_code_line: f64,
    pub min_pages: f64,
    pub max_pages: f64,
    pub stub_words: usize,
    pub max_code_block_lines: usize,
    pub max_sentence_words: usize,
    pub min_reading_ease: f64,
    /// At most this many diagnostics per document from a style rule that reports many
    /// instances (long sentences, vague words, acronyms); the rest are counted.
    pub report_limit: usize,
    pub min_challenges: usize,
    pub max_challenges: usize,
    pub min_flow_diagrams: usize,
    pub min_visuals: usize,
    pub min_feature_groups: usize,
    #[serde(default = "default_bare_feature_run")]
    pub bare_feature_run: usize,
    pub min_alternatives: usize,
    pub min_outcome_figures: usize,
    pub min_challenge_feature_ratio: f64,
    /// Deepest nesting of lists, block quotes and components a document may have
    /// (deeper is refused: parsers and rules would spend unbounded time and stack).
    #[serde(default = "default_max_nesting")]
    pub max_nesting: usize,
    /// Largest Mermaid block, in bytes.
    #[serde(default = "default_max_diagram_bytes")]
    pub max_diagram_bytes: usize,
    /// Largest file handed to the MDX parser, in bytes (its cost grows faster than the size).
    #[serde(default = "default_max_mdx_bytes")]
    pub max_mdx_bytes: usize,
}

fn default_bare_feature_run() -> usize {
    3
}

fn default_max_nesting() -> usize {
    256
}

fn default_max_diagram_bytes() -> usize {
    64 * 1024
}

fn default_max_mdx_bytes() -> usize {
    256 * 1024
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RubricSpec {
    pub excellent: f64,
    pub acceptable: f64,
    pub criteria: Vec<CriterionSpec>,
    /// The part of each criterion its rules decide (0..=1); its measures decide the rest.
    #[serde(default = "default_rule_share")]
    pub rule_share: f64,
    /// A document whose prose instructs its reader at least this often (0..=1) is taken
    /// for a guide or template, not a case study.
    #[serde(default = "default_instruction_gate")]
    pub instruction_gate: f64,
    /// What such a document may score at most on `instruction_capped` criteria.
    #[serde(default = "default_instruction_cap")]
    pub instruction_cap: f64,
    #[serde(default = "default_instruction_capped")]
    pub instruction_capped: Vec<String>,
    /// Per criterion, the part of its measures' credit that goes by the strongest of them
    /// (0..=1), for criteria where one kind done well is enough (evidence: diagrams or
    /// figures). The rest is the measures' weighted mean.
    #[serde(default)]
    pub best_of: std::collections::BTreeMap<String, f64>,
    pub rule_points: RulePoints,
    pub measures: Vec<MeasureSpec>,
}

fn default_rule_share() -> f64 {
    1.0 / 3.0
}
fn default_instruction_gate() -> f64 {
    0.25
}
fn default_instruction_cap() -> f64 {
    20.0
}
fn default_instruction_capped() -> Vec<String> {
    ["depth", "architecture", "evidence"]
        .map(String::from)
        .to_vec()
}

/// Points a rule outcome is worth, by severity.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RulePoints {
    pub error: f64,
    pub warning: f64,
    pub info: f64,
}

/// A continuous measure fed into a criterion through a linear curve.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureSpec {
    pub id: String,
    pub criterion: String,
    pub points: f64,
    /// Value with no credit (unused by `pages`, which reads the page thresholds).
    #[serde(default)]
    pub zero: f64,
    /// Value with full credit.
    #[serde(default)]
    pub full: f64,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionSpec {
    pub id: String,
    pub name: String,
    pub weight: f64,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub reasoning_markers: Vec<String>,
    pub common_acronyms: Vec<String>,
    pub vague_words: Vec<String>,
    pub default_reasons: Vec<String>,
    /// Phrases that tell of a mistake, an incident or a wrong turn.
    pub failure_phrases: Vec<String>,
    /// Phrases that tell how a failure was put right.
    pub correction_phrases: Vec<String>,
    pub void_tradeoffs: Vec<String>,
    pub challenge_categories: Vec<String>,
    pub named_tools: Vec<String>,
    pub generic_practices: Vec<String>,
    pub measurement_sources: Vec<String>,
    pub practice_areas: Vec<PracticeArea>,
    /// Diagram arrow labels that name no call, message or event ("request", "data").
    /// Wording that names an option considered, compared or rejected (the rubric's
    /// `alternatives` measure). Empty in a user profile: the guide's list is used.
    #[serde(default)]
    pub alternative_markers: Vec<String>,
    /// Wording that names a cost accepted (the rubric's `trade_offs` measure). Empty in a
    /// user profile: the guide's list is used.
    #[serde(default)]
    pub trade_off_markers: Vec<String>,
    #[serde(default)]
    pub generic_arrow_labels: Vec<String>,
    /// Words that mark where failure is handled in an architecture diagram (DLQ, retry).
    #[serde(default)]
    pub failure_boundaries: Vec<String>,
    /// Words that make a diagram path an error path (error, timeout, 5xx).
    #[serde(default)]
    pub error_path_words: Vec<String>,
}

/// One of the areas best practices should cover, and the words that show it is covered.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeArea {
    pub name: String,
    pub words: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("{0}")]
    Toml(#[from] toml::de::Error),
    #[error("section `{0}` is listed twice")]
    DuplicateSection(String),
    #[error("section `{section}` is part of `{parent}`, which the profile does not define")]
    UnknownParent { section: String, parent: String },
    #[error("`rubric.{key}` is {value}, but must lie between 0 and 1")]
    NotAShare { key: &'static str, value: f64 },
}

impl Profile {
    /// The built-in profile (the guide). Parsed once per process.
    pub fn guide() -> &'static Profile {
        static GUIDE: OnceLock<Profile> = OnceLock::new();
        GUIDE.get_or_init(|| {
            let profile: Profile =
                toml::from_str(DEFAULT_PROFILE).expect("embedded profile is valid");
            profile.validate().expect("embedded profile is consistent");
            profile
        })
    }

    /// Reads a profile file. It only needs what differs from the guide: its tables are
    /// laid over the built-in profile's (thresholds, rubric, vocabulary key by key), and
    /// a `[[sections]]` list, when given, replaces the guide's sections whole.
    pub fn from_toml(text: &str) -> Result<Profile, ProfileError> {
        let user: toml::Table = toml::from_str(text)?;
        let mut base: toml::Table = toml::from_str(DEFAULT_PROFILE)?;
        merge(&mut base, user);
        let profile = Profile::deserialize(toml::Value::Table(base))?;
        profile.validate()?;
        Ok(profile)
    }

    fn validate(&self) -> Result<(), ProfileError> {
        for (i, s) in self.sections.iter().enumerate() {
            if self.sections[..i].iter().any(|o| o.id == s.id) {
                return Err(ProfileError::DuplicateSection(s.id.clone()));
            }
            if let Some(parent) = &s.part_of {
                if !self.sections.iter().any(|o| &o.id == parent) {
                    return Err(ProfileError::UnknownParent {
                        section: s.id.clone(),
                        parent: parent.clone(),
                    });
                }
            }
        }
        let r = &self.rubric;
        for (key, value) in [
            ("rule_share", r.rule_share),
            ("instruction_gate", r.instruction_gate),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(ProfileError::NotAShare { key, value });
            }
        }
        if let Some((_, &value)) = r.best_of.iter().find(|(_, v)| !(0.0..=1.0).contains(*v)) {
            return Err(ProfileError::NotAShare {
                key: "best_of",
                value,
            });
        }
        Ok(())
    }

    /// Who asks for the profile's sections and limits, as messages name it: "the guide"
    /// under the built-in profile, "the capstone profile" under one named `capstone`, so
    /// a message never credits the guide with another template's numbers.
    pub fn voice(&self) -> String {
        if self.name == Profile::guide().name {
            "the guide".into()
        } else {
            format!("the {} profile", self.name)
        }
    }

    pub fn section(&self, id: &str) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    /// The embedded TOML text of the default profile (for `casekit profile --show`).
    pub fn default_text() -> &'static str {
        DEFAULT_PROFILE
    }
}

/// Lays `over` onto `base`: tables merge key by key, anything else (arrays included)
/// replaces.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_profile_loads_with_nine_required_sections() {
        let p = Profile::guide();
        assert_eq!(p.sections.iter().filter(|s| s.required).count(), 9);
        let total: f64 = p.rubric.criteria.iter().map(|c| c.weight).sum();
        assert_eq!(total, 100.0);
    }

    #[test]
    fn a_profile_file_only_states_what_differs() {
        let p = Profile::from_toml(
            "name = \"mini\"\n[thresholds]\nmin_pages = 1.0\n[[sections]]\nid = \"problem\"\ntitle = \"Problem\"\nrequired = true\naliases = [\"problem\"]\n",
        )
        .unwrap();
        assert_eq!(p.sections.len(), 1);
        assert_eq!(p.thresholds.min_pages, 1.0);
        assert_eq!(
            p.thresholds.max_pages,
            Profile::guide().thresholds.max_pages
        );
        let e = Profile::from_toml("[thresholds]\nmin_pagez = 1.0\n").unwrap_err();
        assert!(e.to_string().contains("min_pagez"), "{e}");
        let e = Profile::from_toml("[rubric]\nrule_share = 1.5\n").unwrap_err();
        assert!(e.to_string().contains("rule_share"), "{e}");
    }
}
