//! `casekit rules`: the catalogue as a table or JSON.

use crate::cli::ListFormat;
use casekit_core::rules::{registry, FixKind};
use serde_json::json;

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
            println!(
                "{:<7} {:<28} {:<25} {:<12} {:<8} FIX",
                "ID", "NAME", "SECTION", "CRITERION", "SEVERITY"
            );
            for r in rules {
                let m = r.meta();
                println!(
                    "{:<7} {:<28} {:<25} {:<12} {:<8} {}",
                    m.id,
                    m.name,
                    m.area.title(),
                    m.criterion.id(),
                    m.severity.as_str(),
                    if m.fix == FixKind::None { "" } else { "yes" }
                );
            }
        }
    }
    Ok(0)
}
