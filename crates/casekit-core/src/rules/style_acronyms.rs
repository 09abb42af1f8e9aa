//! Acronyms expanded on first use (STY005), read from the document's measures.

use super::{Check, Fix, Outcome, RuleContext};
use crate::declare_rule;
use crate::document::Document;

declare_rule! {
    /// ## What it checks
    /// Each uncommon acronym is spelled out at its first use.
    ///
    /// That is "dead-letter queue (DLQ)" or "DLQ (dead-letter queue)", a glossary row, or a
    /// definition such as "DLQ: a queue that …" — unless the profile lists it as common
    /// (API, HTTP, SQL, JSON, …). It reads paragraphs, list items and table cells, never
    /// headings, table headers, code, links or file names, and considers an acronym only
    /// when it is used in prose or at least twice. An expansion written as capitalised
    /// words without parentheses ("we chose Elastic Container Service") counts too. Only
    /// the first use is reported.
    ///
    /// ## Why evaluators care
    /// Unexplained jargon is on the rubric's "needs work" list. A reviewer outside your
    /// niche stops at "ECS" or "IDOR" and either guesses or gives up.
    ///
    /// ## Weak
    /// "We moved the workers to ECS and put the poison messages on the DLQ."
    ///
    /// ## Strong
    /// "We moved the workers to Elastic Container Service (ECS) and sent poison messages
    /// to a dead-letter queue (DLQ)."
    ///
    /// ## How to fix
    /// Spell the acronym out at its first use. If every reader of your documents knows
    /// it, add it to `common_acronyms` in your profile instead.
    ///
    /// ## What it cannot see
    /// An expansion written without parentheses or a colon ("server-sent events, SSE
    /// for short" in lower case); whether a reader really knows a listed "common"
    /// acronym. An acronym that also appears in a heading or the title is taken as a
    /// name or as the topic its section introduces, and is not reported. At most
    /// `report_limit` acronyms are reported per document; the last message names the
    /// rest.
    pub AcronymExpanded {
        id: "STY005",
        name: "acronym-expanded",
        area: Style,
        criterion: Clarity,
        severity: Info,
        fix: Template,
    }
}

impl Check for AcronymExpanded {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let m = &cx.shared.measures().acronyms;
        let considered: Vec<_> = m
            .iter()
            .filter(|a| !a.common && !a.in_heading && (a.in_prose || a.uses >= 2))
            .collect();
        let failing: Vec<_> = considered.iter().filter(|a| !a.expanded_first).collect();
        let limit = cx.thresholds().report_limit.max(1);
        let shown = failing.len().min(limit);
        for (i, a) in failing.iter().take(shown).enumerate() {
            let mut msg = match a.expanded_line {
                Some(line) => format!(
                    "\"{}\" is used here but only spelled out later, at line {line}",
                    a.text
                ),
                None => format!(
                    "\"{}\" is never spelled out ({} use{})",
                    a.text,
                    a.uses,
                    if a.uses == 1 { "" } else { "s" }
                ),
            };
            if i + 1 == shown && failing.len() > shown {
                let rest: Vec<&str> = failing[shown..].iter().map(|a| a.text.as_str()).collect();
                msg.push_str(&format!(
                    "; also not spelled out first: {}",
                    rest.join(", ")
                ));
            }
            // An acronym never spelled out gets a slot (one spelled out later is the
            // writer's to move); the last message, which names the rest, slots them too,
            // so one run of the fixes leaves none behind.
            let mut named = vec![*a];
            if i + 1 == shown {
                named.extend(failing[shown..].iter().copied());
            }
            let mut fix = Fix::new(format!(
                "add a slot to spell out {} where it first appears",
                named
                    .iter()
                    .map(|a| a.text.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for n in named.iter().filter(|n| n.expanded_line.is_none()) {
                fix = super::fixes::acronym_slot(doc, fix, n.first_use, &n.text);
            }
            cx.report(a.first_use, msg).help(format!(
                "spell it out where it first appears, e.g. \"full name ({})\"; if every reader knows it, add it to `common_acronyms` in the profile",
                a.text
            )).fix_if(Some(fix));
        }
        Outcome::ratio(considered.len() - failing.len(), considered.len())
    }
}
