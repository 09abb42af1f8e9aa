//! Profiles: a case-study template expressed as data (sections, aliases, thresholds,
//! rubric weights, vocabulary). The default is the guide, embedded in the binary.

use serde::Deserialize;
use std::sync::OnceLock;

const DEFAULT_PROFILE: &str = include_str!("default.toml");

#[derive(Clone, Debug, Deserialize)]
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

#[derive(Clone, Debug, Deserialize)]
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

#[derive(Clone, Debug, Deserialize)]
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
    pub min_challenges: usize,
    pub max_challenges: usize,
    pub min_flow_diagrams: usize,
    pub min_visuals: usize,
    pub min_feature_groups: usize,
    pub min_alternatives: usize,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricSpec {
    pub excellent: f64,
    pub acceptable: f64,
    pub criteria: Vec<CriterionSpec>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionSpec {
    pub id: String,
    pub name: String,
    pub weight: f64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub common_acronyms: Vec<String>,
    pub vague_words: Vec<String>,
    pub default_reasons: Vec<String>,
    /// Diagram arrow labels that name no call, message or event ("request", "data").
    #[serde(default)]
    pub generic_arrow_labels: Vec<String>,
    /// Words that mark where failure is handled in an architecture diagram (DLQ, retry).
    #[serde(default)]
    pub failure_boundaries: Vec<String>,
    /// Words that make a diagram path an error path (error, timeout, 5xx).
    #[serde(default)]
    pub error_path_words: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("{0}")]
    Toml(#[from] toml::de::Error),
    #[error("section `{0}` is listed twice")]
    DuplicateSection(String),
    #[error("section `{section}` is part of `{parent}`, which the profile does not define")]
    UnknownParent { section: String, parent: String },
}

impl Profile {
    /// The built-in profile (the guide). Parsed once per process.
    pub fn guide() -> &'static Profile {
        static GUIDE: OnceLock<Profile> = OnceLock::new();
        GUIDE
            .get_or_init(|| Profile::from_toml(DEFAULT_PROFILE).expect("embedded profile is valid"))
    }

    pub fn from_toml(text: &str) -> Result<Profile, ProfileError> {
        let profile: Profile = toml::from_str(text)?;
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
        Ok(())
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
}
