//! What a mentor reads for, wherever it stands: alternatives weighed, trade-offs accepted,
//! failures met, and whether the document tells of a project at all.
//!
//! These counts look at every prose sentence, table cell and heading of the document, not
//! at the guide's sections: a trade-off argued in a narrative sub-section is worth what
//! the same trade-off is worth in the template's table. Each count is of *units* (a
//! sentence, a cell or a heading) that hold at least one of the profile's phrases, so a
//! phrase repeated in one sentence counts once, and length alone adds little: a long
//! document with no weighed choice still counts zero.

use crate::document::Document;
use crate::profile::Profile;
use crate::re::Regex;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Substance counts of one document.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Substance {
    /// Units naming an option that was considered, compared or rejected.
    pub alternatives: u32,
    /// Units naming a cost that was accepted.
    pub trade_offs: u32,
    /// Units telling of something that went wrong (the profile's failure phrases).
    pub failures: u32,
    /// Prose sentences.
    pub sentences: u32,
    /// Prose sentences that instruct the reader (addressed to "you", or opening with an
    /// instruction verb) rather than tell what the author did.
    pub instructions: u32,
}

impl Substance {
    pub fn of(doc: &Document, profile: &Profile) -> Substance {
        let v = &profile.vocabulary;
        let guide = &Profile::guide().vocabulary;
        static ALT: OnceLock<Regex> = OnceLock::new();
        static COST: OnceLock<Regex> = OnceLock::new();
        static FAIL: OnceLock<Regex> = OnceLock::new();
        let alt = cached(&ALT, &v.alternative_markers, &guide.alternative_markers);
        let cost = cached(&COST, &v.trade_off_markers, &guide.trade_off_markers);
        let fail = cached(&FAIL, &v.failure_phrases, &guide.failure_phrases);

        let prose = doc.prose();
        let units = prose
            .sentences
            .iter()
            .map(|s| s.text.as_str())
            .chain(
                doc.tables
                    .iter()
                    .flat_map(|t| t.rows.iter().flatten())
                    .map(|c| c.text.text.as_str()),
            )
            .chain(doc.headings.iter().map(|h| h.text.text.as_str()));
        let mut s = Substance::default();
        for u in units {
            s.alternatives += alt.is_match(u) as u32;
            s.trade_offs += cost.is_match(u) as u32;
            s.failures += fail.is_match(u) as u32;
        }
        s.sentences = prose.sentences.len() as u32;
        s.instructions = prose
            .sentences
            .iter()
            .filter(|x| instructs(&x.text))
            .count() as u32;
        s
    }

    /// The share of prose sentences that instruct the reader; 0 without prose.
    pub fn instruction_share(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            self.instructions as f64 / self.sentences as f64
        }
    }
}

/// A profile's list compiled once when it is the guide's (the usual case); another list is
/// compiled for the call. An empty list in a user profile falls back to the guide's.
fn cached<'a>(
    cell: &'static OnceLock<Regex>,
    list: &'a [String],
    guide: &'a [String],
) -> Cow<'static, Regex> {
    if list.is_empty() || list == guide {
        Cow::Borrowed(cell.get_or_init(|| word_regex(guide)))
    } else {
        Cow::Owned(word_regex(list))
    }
}

/// Case-insensitive alternation of `words`, each on word boundaries.
pub(crate) fn word_regex(words: &[String]) -> Regex {
    let alts: Vec<String> = words.iter().map(|m| regex::escape(m)).collect();
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alts.join("|")))
        .expect("escaped words form a valid pattern")
}

/// Verbs a guide or how-to opens its advice with. A case study tells what was done ("We
/// chose…", "Uploads go…"); advice tells the reader what to do.
const INSTRUCTION_VERBS: &[&str] = &[
    "add",
    "aim",
    "avoid",
    "ask",
    "be",
    "begin",
    "choose",
    "consider",
    "describe",
    "document",
    "don't",
    "do",
    "draw",
    "emphasize",
    "emphasise",
    "explain",
    "focus",
    "give",
    "highlight",
    "include",
    "keep",
    "make",
    "mention",
    "never",
    "note",
    "pick",
    "provide",
    "remember",
    "show",
    "start",
    "talk",
    "tell",
    "think",
    "try",
    "use",
    "write",
];

/// Whether a sentence speaks to the reader as advice does.
fn instructs(sentence: &str) -> bool {
    let words = || {
        sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
            .filter(|w| !w.is_empty())
    };
    let Some(first) = words().next() else {
        return false;
    };
    let first = first.to_lowercase().replace('\u{2019}', "'");
    INSTRUCTION_VERBS.contains(&first.as_str())
        || words().any(|w| {
            let w = w.to_lowercase().replace('\u{2019}', "'");
            matches!(
                w.as_str(),
                "you" | "your" | "you're" | "yourself" | "you'll"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_is_told_from_report() {
        assert!(instructs("Explain why you picked Postgres."));
        assert!(instructs("Your reader wants numbers."));
        assert!(instructs("Don't paste code."));
        assert!(!instructs("We chose Postgres because joins mattered."));
        assert!(!instructs("Uploads go straight to S3 with a signed URL."));
        assert!(!instructs("Youth teams book the pitch on weekends."));
    }
}
