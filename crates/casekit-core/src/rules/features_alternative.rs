//! FEA404: a feature says what its design was chosen over. Apart from the other
//! feature rules because it also reads the rest of the document, where writers often
//! argue their decisions.

use super::blocks;
use super::features::{all_features, Feature};
use super::{Check, Outcome, RuleContext};
use crate::declare_rule;
use crate::document::{Document, Section};
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

/// Wording that names an option a design was chosen over. Narrower than FEA402's
/// decision words: "over" counts only after a verb of choosing, since features are
/// often "streamed over WebSockets".
static REJECTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:instead of|rather than|in favou?r of|as opposed to|vs\.?|versus|compared (?:to|with)|(?:chose|choose|chosen|choosing|picked|selected|preferred|prefer|went with|opted for|settled on|favou?red)(?-u:\b)[^.;]{0,60}(?-u:\b)over|(?:we|i) (?:first |initially |also )?(?:considered|evaluated|tried|prototyped|benchmarked)|considered|rejected|ruled out|decided against|dropped|abandoned|(?:switched|migrated|moved(?: away)?) from|replac(?:ed|ing)|alternatives?|(?:didn't|did not|don't|do not|chose not to|decided not to) (?:use|choose|pick|go with|adopt|need)|(?:simpler|cheaper|faster|lighter|easier|safer|smaller|leaner|more reliable) than)(?-u:\b)")
        .expect("rejected-alternative pattern")
});
/// "Instead of failing, the upload retries" says what the system does, not what the
/// author weighed.
static BEHAVIOUR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:raising|throwing|returning|failing|crashing|erroring|reporting|logging|showing|surfacing|retrying|waiting|blocking|dropping)(?-u:\b)")
        .expect("behaviour pattern")
});

/// Whether a text names an option its design was chosen over.
fn names_rejected(text: &str) -> bool {
    REJECTED.find_iter(text).any(|m| {
        let w = m.as_str().to_ascii_lowercase();
        !(w.starts_with("instead") || w.starts_with("rather"))
            || !BEHAVIOUR.is_match(&text[m.end()..])
    })
}

declare_rule! {
    /// ## What it checks
    /// Somewhere in the Key Features section, at least one feature says what its design
    /// was chosen over: "instead of", "rather than", "chose … over", "compared with",
    /// "we considered", "rejected", "switched from", "simpler than" and the like, in a
    /// feature bullet, a table row or the section's prose. A decision argued in another
    /// section also counts when it names what a feature names: "Plain AES-CBC, rejected:
    /// no authenticated encryption" under "Decisions and trade-offs" answers for
    /// "Encrypted secrets (AES-256-GCM)", and a stack-table row's rejected option answers
    /// for the feature built on what that row names. A section written as prose, with no
    /// feature bullets, is not judged.
    ///
    /// ## Why evaluators care
    /// The first follow-up question on any feature is "why not the obvious way?". A
    /// writer who names the option they turned down shows they weighed one, and hands the
    /// interviewer the question they can answer best. FEA402 asks for the approach; this
    /// rule asks for the road not taken.
    ///
    /// ## Weak
    /// "- Password reset — a signed link sent by email, valid for 30 minutes."
    ///
    /// ## Strong
    /// "- Password reset — a signed link valid for 30 minutes, chosen over a stored reset
    /// token so a leaked database cannot be used to take over accounts."
    ///
    /// ## How to fix
    /// Pick the feature whose design is least obvious and add, in one clause, the option
    /// you rejected and why: "chose X over Y because …", "instead of Y, so that …".
    ///
    /// ## What it cannot see
    /// Whether the alternative named is a serious one, or whether each feature names
    /// one: one alternative anywhere in the section is enough. An alternative written
    /// without any of these words ("a cron job, not a queue") is missed.
    pub FeatureAlternative {
        id: "FEA404",
        name: "feature-alternative",
        area: Features,
        criterion: Depth,
        severity: Info,
    }
}

/// Names a reader could look up in a text: words with a capital past their first letter,
/// with a digit, or capitalised mid-sentence ("PostgreSQL", "AES-256", "Stripe"),
/// lower-cased. Features and the decisions about them share these, not common words.
fn looked_up_names(text: &str) -> Vec<String> {
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[A-Za-z][A-Za-z0-9+#-]*[A-Za-z0-9+#]|[A-Z]").expect("name pattern")
    });
    let mut out = Vec::new();
    for (i, m) in NAME.find_iter(text).enumerate() {
        let w = m.as_str();
        let inner_capital = w.chars().skip(1).any(|c| c.is_ascii_uppercase());
        let digit = w.chars().any(|c| c.is_ascii_digit());
        let capital = i > 0 && w.starts_with(|c: char| c.is_ascii_uppercase()) && w.len() > 2;
        let sentence_start = text[..m.start()].trim_end().ends_with(['.', '!', '?', ':']);
        if inner_capital || digit || (capital && !sentence_start) {
            out.push(name_key(w));
            // "AES-256-GCM" and "AES-CBC" share "aes": the parts of a compound name.
            if w.contains('-') {
                out.extend(
                    w.split('-')
                        .filter(|p| p.len() >= 2 && p.starts_with(|c: char| c.is_ascii_uppercase()))
                        .map(name_key),
                );
            }
        }
    }
    out
}

/// A name's key: lower-cased, with an acronym's plural dropped ("JWTs" is "jwt").
fn name_key(w: &str) -> String {
    let stem = w.strip_suffix('s').filter(|s| {
        s.len() >= 2
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    });
    stem.unwrap_or(w).to_ascii_lowercase()
}

/// Whether a paragraph, list item, heading or table row outside the feature sections
/// names an option
/// rejected for something a feature names: the decision written where the writer
/// argues their decisions ("Decisions and trade-offs", the stack table), not beside the
/// bullet.
fn argued_elsewhere(doc: &Document, sections: &[&Section], features: &[Feature]) -> bool {
    let names: std::collections::HashSet<String> = features
        .iter()
        .flat_map(|f| looked_up_names(&f.text))
        .collect();
    if names.is_empty() {
        return false;
    }
    let outside = |span: Span| !sections.iter().any(|s| s.span.contains(span));
    let shares = |text: &str| looked_up_names(text).iter().any(|n| names.contains(n));
    // A paragraph is the unit: "We tried SSE and rejected it … A WebSocket per board
    // costs …" names the rejected option and the chosen one in different sentences.
    let paragraphs = doc
        .paragraphs
        .iter()
        .map(|p| (p.span, p.text.text.as_str()));
    let items = doc
        .list_items
        .iter()
        .map(|i| (i.span, i.text.text.as_str()));
    let headings = doc.headings.iter().map(|h| (h.span, h.text.text.as_str()));
    let said = paragraphs
        .chain(items)
        .chain(headings)
        .any(|(span, t)| outside(span) && names_rejected(t) && shares(t));
    // A table row is read whole: the rejected option and the name it answers for
    // usually sit in different cells of the stack table.
    said || doc.tables.iter().filter(|t| outside(t.span)).any(|t| {
        t.rows.iter().any(|r| {
            let row: Vec<&str> = r.iter().map(|c| c.text.text.as_str()).collect();
            let row = row.join(" | ");
            names_rejected(&row) && shares(&row)
        })
    })
}

impl Check for FeatureAlternative {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let sections: Vec<&Section> = doc.sections_for("features").collect();
        let Some(first) = sections.first() else {
            return Outcome::NotApplicable;
        };
        let features = all_features(doc);
        let in_section = features.iter().any(|f| names_rejected(&f.text))
            || sections.iter().any(|s| {
                Document::in_span(&doc.paragraphs, s.body).any(|p| names_rejected(&p.text.text))
                    || Document::in_span(&doc.tables, s.body).any(|t| {
                        t.rows
                            .iter()
                            .flatten()
                            .any(|c| names_rejected(&c.text.text))
                    })
            });
        if in_section {
            return Outcome::Pass;
        }
        // A product walk-through in prose ("Introducing Telegraph") lists no features to
        // ask about; its decisions are the challenge rules' concern.
        if features.is_empty() {
            return Outcome::NotApplicable;
        }
        if argued_elsewhere(doc, &sections, &features) {
            return Outcome::Pass;
        }
        let line = blocks::line_of(doc, first.heading.start);
        let what = match features.len() {
            1 => "its one feature".to_string(),
            n => format!("any of its {n} features"),
        };
        cx.report(
            first.heading,
            format!(
                "the \"{}\" section (line {line}) never says what a design was chosen over: no alternative named for {what}, here or elsewhere",
                first.title
            ),
        )
        .help("for the feature whose design is least obvious, add the option you rejected and why: \"— signed URLs instead of proxying uploads through the API, so a large file never ties up a web worker\"");
        Outcome::Fail
    }
}

#[cfg(test)]
mod tests {
    use super::{looked_up_names, names_rejected};

    #[test]
    fn looked_up_names_are_product_names_acronyms_and_their_parts() {
        assert_eq!(
            looked_up_names("Service accounts for CI/CD (short-lived JWTs) with AES-256-GCM"),
            ["ci", "cd", "jwt", "aes-256-gcm", "aes", "gcm"]
        );
        assert_eq!(
            looked_up_names("Stored in Postgres. Cached for a day."),
            ["postgres"]
        );
    }

    #[test]
    fn rejected_alternatives_are_named_by_choice_not_by_transport() {
        for yes in [
            "Chose this over session-based auth because sticky sessions complicate scaling.",
            "Magic links instead of passwords.",
            "We considered Elasticsearch but 2,000 rows did not need it.",
            "Switched from polling to webhooks.",
            "A cron job is simpler than a queue at this volume.",
            "Postgres full-text search rather than a separate search service.",
        ] {
            assert!(names_rejected(yes), "{yes}");
        }
        for no in [
            "Live scores streamed over WebSockets.",
            "Instead of failing, the upload retries three times.",
            "Over 2,000 games in the catalogue.",
            "Role-based access enforced in the API middleware.",
        ] {
            assert!(!names_rejected(no), "{no}");
        }
    }
}
