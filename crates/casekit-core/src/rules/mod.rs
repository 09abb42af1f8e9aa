//! Rules: metadata, the `declare_rule!` macro, the one registry and the engine that runs
//! rules over a parsed document.

mod engine;
mod fix;
pub(crate) mod fixes;
mod meta;
mod open_html;
mod placeholders;

pub mod api_data;
pub mod architecture;
mod architecture_diagram;
pub mod best_practices;
pub(crate) mod blocks;
pub mod challenges;
pub mod conclusion;
mod data_model;
pub mod diagrams;
pub mod evidence;
pub mod features;
mod features_alternative;
mod features_screenshot;
pub mod flows;
pub mod goals;
mod goals_reading;
pub mod overview;
mod shared;
pub mod structure;
mod structure_placeholders;
pub mod style;
mod style_acronyms;
mod style_readability;
mod style_vague_claims;
pub mod suppress;
mod tech_stack_table;
pub(crate) mod util;

pub use engine::{check, check_with_diagrams, warm_up, FileOracle, Report, RuleResult, Settings};
pub(crate) use engine::{warm_up_on, WARM_UP};
pub use meta::*;
pub(crate) use shared::Shared;

/// Every rule casekit has, in catalogue order. The only list: `explain`, `rules`, the
/// config schema and SARIF metadata all read it.
pub fn registry() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::OnceLock<Vec<&'static dyn Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let groups: [&[&'static dyn Rule]; 13] = [
            structure::RULES,
            overview::RULES,
            goals::RULES,
            architecture::RULES,
            features::RULES,
            flows::RULES,
            api_data::RULES,
            challenges::RULES,
            best_practices::RULES,
            conclusion::RULES,
            diagrams::RULES,
            style::RULES,
            evidence::RULES,
        ];
        groups.iter().flat_map(|g| g.iter().copied()).collect()
    })
}

/// Looks a rule up by ID (`GOL204`) or name (`non-goals-listed`), case-insensitively.
pub fn find(key: &str) -> Option<&'static dyn Rule> {
    registry()
        .iter()
        .copied()
        .find(|r| r.meta().id.eq_ignore_ascii_case(key) || r.meta().name.eq_ignore_ascii_case(key))
}
