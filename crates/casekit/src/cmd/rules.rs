//! `casekit rules`: the catalogue as a table or JSON.

use crate::cli::ListFormat;
use casekit_core::rules::{registry, FixKind, RuleMeta};
use serde_json::json;

/// The longest a summary may be in the table; `casekit explain ID` has the rest.
const SUMMARY_WIDTH: usize = 64;

/// The first sentence of a rule's summary, cut to `width` characters.
fn short_summary(m: &RuleMeta, width: usize) -> String {
    let summary = m.summary();
    let first = summary
        .split_inclusive(". ")
        .next()
        .unwrap_or(&summary)
        .trim_end()
        .trim_end_matches('.');
    if first.chars().count() <= width {
        first.to_string()
    } else {
        let cut: String = first.chars().take(width - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

pub fn run(format: ListFormat) -> anyhow::Result<u8> {
    let rules = registry();
    match format {
        ListFormat::Json => {
            let v: Vec<_> = rules
                .iter()
                .map(|r| {
                    let m = r.meta();
                    json!({
                        "id": m.id, "name": m.name, "section": m.area.title(), "criterion": m.criterion.id(),
                        "severity": m.severity.as_str(), "fixable": m.fix != FixKind::None, "summary": m.summary(),
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        ListFormat::Human => {
            let metas: Vec<&RuleMeta> = rules.iter().map(|r| r.meta()).collect();
            let width = |f: &dyn Fn(&RuleMeta) -> usize, title: &str| {
                metas
                    .iter()
                    .map(|m| f(m))
                    .max()
                    .unwrap_or(0)
                    .max(title.len())
            };
            let w_name = width(&|m| m.name.len(), "NAME");
            let w_section = width(&|m| m.area.title().chars().count(), "SECTION");
            let w_crit = width(&|m| m.criterion.id().len(), "CRITERION");
            let w_sev = width(&|m| m.severity.as_str().len(), "SEVERITY");
            println!(
                "{:<7} {:<w_name$}  {:<w_section$}  {:<w_crit$}  {:<w_sev$}  {:<3}  SUMMARY",
                "ID", "NAME", "SECTION", "CRITERION", "SEVERITY", "FIX"
            );
            for m in metas {
                println!(
                    "{:<7} {:<w_name$}  {:<w_section$}  {:<w_crit$}  {:<w_sev$}  {:<3}  {}",
                    m.id,
                    m.name,
                    m.area.title(),
                    m.criterion.id(),
                    m.severity.as_str(),
                    if m.fix == FixKind::None { "" } else { "yes" },
                    short_summary(m, SUMMARY_WIDTH)
                );
            }
        }
    }
    Ok(0)
}
