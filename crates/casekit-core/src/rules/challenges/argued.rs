//! The rules about how well each challenge is argued: a trade-off that is a real one,
//! a section that carries its weight, and alternatives weighed with a figure to show.

use super::*;
use crate::declare_rule;
use crate::document::Document;
use crate::re::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it checks
    /// A trade-off that is stated is a real one: a trade-off cell, a "Trade-off:" label
    /// or a sentence about the cost must not be empty, "none", "N/A", a dash, or a
    /// claim that there was no downside.
    ///
    /// ## Why evaluators care
    /// Every solution costs something: latency, money, complexity, a failure mode you
    /// now live with. "None" tells a reviewer you have not looked, which is worse than
    /// leaving the column out.
    ///
    /// ## Weak
    /// `| Duplicate SMS reminders | Deduplicate by appointment ID | N/A |`
    ///
    /// ## Strong
    /// `| Duplicate SMS reminders | Deduplicate by appointment ID | A reminder rescheduled
    /// within 10 minutes is silently skipped |`
    ///
    /// ## How to fix
    /// For each reported challenge, name what the fix made worse or more expensive, and
    /// why you accepted it.
    ///
    /// ## What it cannot see
    /// Whether the cost named is the real one; a missing trade-off is CHL702's to
    /// report, not this rule's.
    pub RealTradeOffs {
        id: "CHL704",
        name: "real-trade-offs",
        area: Challenges,
        criterion: Architecture,
        severity: Warning,
    }
}

static NO_TRADE_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:no|without any|without a|zero|not any)\s+(?:real\s+|significant\s+|major\s+|obvious\s+)?(?:trade[- ]?offs?|downsides?|drawbacks?|costs?)(?-u:\b)|(?-u:\b)there (?:was|were|is|are) (?:no|none)(?-u:\b)|(?-u:\b)no trade[- ]?offs? (?:at all|really)(?-u:\b)")
        .expect("no trade-off pattern")
});

static INLINE_TRADE_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:the\s+)?(?:trade[- ]?offs?|downsides?|drawbacks?|costs?)(?:\s+accepted)?\s*(?::|—|–|-)\s*(.*)$")
        .expect("inline trade-off pattern")
});

impl Check for RealTradeOffs {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let found = cx.shared.challenges();
        let void = &cx.profile.vocabulary.void_tradeoffs;
        let mut total = 0;
        let mut passing = 0;
        for c in found.real() {
            let parts: Vec<&Part> = c.parts_of(Facet::TradeOff).collect();
            if parts.is_empty() {
                continue;
            }
            total += 1;
            let void_text = |t: &str| {
                let k = header_key(t);
                k.is_empty() || void.contains(&k) || NO_TRADE_OFF.is_match(t)
            };
            let is_void = |p: &&Part| match p.found {
                Found::Column | Found::Label => void_text(&p.text),
                // "Trade-off: none." written inline is a label too.
                Found::Wording => {
                    NO_TRADE_OFF.is_match(&p.text)
                        || INLINE_TRADE_OFF
                            .captures(&p.text)
                            .is_some_and(|c| void_text(&c[1]))
                }
            };
            if !parts.iter().all(is_void) {
                passing += 1;
                continue;
            }
            let p = parts[0];
            let said = match p.text.trim() {
                "" => "leaves the trade-off empty".to_string(),
                t => format!("gives \"{}\" as its trade-off", short(t, 40)),
            };
            cx.report(p.span, format!("{} {said}", c.describe(doc)))
                .help("name what the fix cost: added latency, money, a second system to run, a failure mode you now accept — and why it was worth it");
        }
        if total == 0 {
            return Outcome::NotApplicable;
        }
        Outcome::ratio(passing, total)
    }
}

declare_rule! {
    /// ## What it checks
    /// The Challenges section is at least as long as the Key Features section (the
    /// profile's `min_challenge_feature_ratio`, 1.0 by default), counting the words of
    /// prose, bullets and table rows in every section matched to each.
    ///
    /// ## Why evaluators care
    /// Reviewers skim features and read challenges word by word: that is where depth
    /// and judgement show. A long feature tour with a short challenges table spends the
    /// reader's attention in the wrong place.
    ///
    /// ## Weak
    /// 1,400 words of features, then a four-row challenges table of 120 words.
    ///
    /// ## Strong
    /// A compact feature list grouped by domain, and a Challenges section twice its
    /// length, with the story of each hard problem.
    ///
    /// ## How to fix
    /// Cut feature descriptions down to approach and decision, and move the detail into
    /// the challenges that feature caused.
    ///
    /// ## What it cannot see
    /// Words are a proxy for weight: a long but shallow Challenges section passes.
    /// Diagrams and code are not counted on either side.
    pub ChallengesCarryWeight {
        id: "CHL705",
        name: "challenges-carry-weight",
        area: Challenges,
        criterion: Architecture,
        severity: Info,
    }
}

impl Check for ChallengesCarryWeight {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let found = cx.shared.challenges();
        let features = guide_sections(doc, cx.profile, "features");
        if found.sections.is_empty() || features.is_empty() {
            return Outcome::NotApplicable;
        }
        let ch: u32 = found
            .sections
            .iter()
            .map(|s| words_with_tables(doc, s.body))
            .sum();
        let fe: u32 = features
            .iter()
            .map(|s| words_with_tables(doc, s.body))
            .sum();
        let ratio = cx.thresholds().min_challenge_feature_ratio;
        if fe == 0 || ch as f64 >= ratio * fe as f64 {
            return Outcome::Pass;
        }
        let at = found.anchor(doc);
        let fline = doc.line_col(features[0].heading.start).line;
        cx.report(
            at,
            format!(
                "the Challenges section has {ch} words, the Key Features section (line {fline}) {fe}: the challenges should carry at least as much"
            ),
        )
        .help("trim features to their approach and decision, and spend the words on the challenges: symptom, difficulty, options, fix and cost");
        Outcome::Partial((ch as f64 / (ratio * fe as f64)).clamp(0.0, 1.0))
    }
}

declare_rule! {
    /// ## What it checks
    /// Each challenge names at least two alternatives (the profile's
    /// `min_alternatives`): items in an alternatives cell, or options weighed in the
    /// text ("we considered a cron job, a queue and database triggers", "X vs. Y", headings for each
    /// option). And at least one challenge gives a before→after figure ("from 3.2 s to
    /// 45 ms", "p95 2.5 s → 1.0 s", "cut by 40%"), which is what the strongest ones do.
    /// A challenge that names no alternative at all is left to CHL702.
    ///
    /// ## Why evaluators care
    /// One alternative is a straw man; two show you explored the space. A measured
    /// before and after proves the fix worked and shows you measure.
    ///
    /// ## Weak
    /// "We used Redis for caching instead of querying every time."
    ///
    /// ## Strong
    /// "We compared an in-process LRU, Redis and a CDN edge cache; Redis won because
    /// three API replicas had to share it. p95 for the catalogue fell from 820 ms to
    /// 95 ms."
    ///
    /// ## How to fix
    /// For each reported challenge, add the second option you weighed and why it lost;
    /// for your best challenge, add the measurement before and after the fix.
    ///
    /// ## What it cannot see
    /// It counts mentions, not distinct options: the same option named in two sentences
    /// counts twice, and options listed without any word of comparison are missed.
    pub AlternativesAndFigures {
        id: "CHL706",
        name: "alternatives-and-figures",
        area: Challenges,
        criterion: Architecture,
        severity: Info,
    }
}

impl Check for AlternativesAndFigures {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let found = cx.shared.challenges();
        let real: Vec<&Challenge> = found.real().collect();
        if real.is_empty() {
            return Outcome::NotApplicable;
        }
        let min = cx.thresholds().min_alternatives;
        let mut passing = 0;
        for c in &real {
            if c.alternatives >= min {
                passing += 1;
                continue;
            }
            if c.alternatives == 0 {
                continue; // CHL702 reports the missing alternatives.
            }
            let at = c
                .parts_of(Facet::Alternatives)
                .next()
                .map(|p| p.span)
                .unwrap_or(c.span);
            cx.report(
                at,
                format!(
                    "{} names only one alternative; {} asks for at least {min}",
                    c.describe(doc),
                    cx.profile.voice()
                ),
            )
            .help("add the other options you weighed and why each lost, e.g. \"trigram indexes (stopped helping past 200K rows) and Elasticsearch\"");
        }
        let figure = real.iter().any(|c| c.figure.is_some());
        if !figure {
            let line = doc.line_col(found.anchor(doc).start).line;
            cx.report(
                found.anchor(doc),
                format!("no challenge in the Challenges section (line {line}) gives a before→after figure"),
            )
            .help("for your strongest challenge, give the measurement before and after the fix, e.g. \"p95 fell from 820 ms to 95 ms\"");
        }
        Outcome::ratio(passing + usize::from(figure), real.len() + 1)
    }
}

/// Small counts in words, as prose writes them ("at least two options").
pub(super) fn in_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}
