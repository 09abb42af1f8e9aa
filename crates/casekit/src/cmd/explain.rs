//! `casekit explain ID`: a rule's docs, from the binary alone.

pub fn run(key: &str) -> anyhow::Result<u8> {
    let Some(rule) = casekit_core::rules::find(key) else {
        eprintln!("casekit: error: no rule named `{key}`; `casekit rules` lists them");
        return Ok(2);
    };
    let text = rule.meta().explain();
    crate::stdout::with(|out| writeln!(out, "{text}"))?;
    Ok(0)
}
