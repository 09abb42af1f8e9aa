//! `casekit explain ID`: a rule's docs, from the binary alone.

pub fn run(key: &str) -> anyhow::Result<u8> {
    let Some(rule) = casekit_core::rules::find(key) else {
        eprintln!("casekit: error: no rule named `{key}`; `casekit rules` lists them");
        return Ok(2);
    };
    let m = rule.meta();
    crate::stdout::with(|out| {
        writeln!(out, "# {} {}\n", m.id, m.name)?;
        writeln!(
            out,
            "Section: {} · Criterion: {} · Default severity: {}{}",
            m.area.title(),
            m.criterion.id(),
            m.severity.as_str(),
            if m.fix == casekit_core::rules::FixKind::None {
                ""
            } else {
                " · Fixable"
            }
        )?;
        writeln!(out, "\n{}", m.docs_text())
    })?;
    Ok(0)
}
