//! Challenges and Solutions: the section reviewers read first and word by word.
//!
//! Writers lay challenges out in many ways: a table with one row per challenge, one
//! sub-section per challenge (often with "Problem" / "Solution" sub-headings or bold
//! labels), bold-labelled paragraphs or bullets, or a numbered "Bug 1 / Bug 2" series.
//! [`Challenges::find`] turns every one of these shapes into the same list of
//! [`Challenge`]s, each with the parts it covers (problem, why it was hard, alternatives,
//! solution, trade-off), and every CHL rule reads that list.

mod extract;

pub(crate) use extract::*;

use super::util::header_key;
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::{prose, Document};
use crate::profile::Profile;
use crate::re::Regex;
use std::sync::LazyLock;

pub static RULES: &[&dyn Rule] = &[
    &ChallengeCount,
    &ChallengeParts,
    &SpecificChallenges,
    &RealTradeOffs,
    &ChallengesCarryWeight,
    &AlternativesAndFigures,
];

// ---------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------

declare_rule! {
    /// ## What it checks
    /// The Challenges section holds between 5 and 10 challenges (the profile's
    /// `min_challenges` and `max_challenges`). A challenge is a row of a challenges
    /// table, a sub-section (or a "Challenge 1 / Bug 2" heading at any depth), a
    /// paragraph or bullet that opens with a bold label, or a plain bullet — whichever
    /// way the author wrote them. A sub-section that only introduces numbered ones after
    /// it ("4.0 Sync" before "4.1" and "4.2") is not counted.
    ///
    /// ## Why evaluators care
    /// This is the section interviewers read first and ask about. One or two challenges
    /// suggests a project with little resistance or a writer who did not look back; a
    /// list of twenty reads as a changelog, and the good ones drown.
    ///
    /// ## Weak
    /// A Challenges section with two bullets: "Deployment" and "State management".
    ///
    /// ## Strong
    /// Six challenges, each its own row or sub-section: from GPS pings arriving out of
    /// order to a nightly export that took the database down for ten minutes.
    ///
    /// ## How to fix
    /// Go back through the commit history, incidents and notes for the problems that
    /// cost you the most time, and write up the five to ten that taught you most. With
    /// more than ten, keep the ones with the clearest trade-offs.
    ///
    /// ## What it cannot see
    /// Challenges told in other sections (an architecture section full of decisions)
    /// are not counted, and several challenges run together in one paragraph count as
    /// one.
    pub ChallengeCount {
        id: "CHL701",
        name: "challenge-count",
        area: Challenges,
        criterion: Architecture,
        severity: Error,
    }
}

impl Check for ChallengeCount {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let found = cx.shared.challenges();
        let (min, max) = (
            cx.thresholds().min_challenges,
            cx.thresholds().max_challenges,
        );
        let n = found.items.len() + found.background;
        let Some(first) = found.sections.first() else {
            cx.report(doc.anchor(), "no challenges found: the document has no Challenges and Solutions section")
                .help(format!("add a \"Challenges and Solutions\" section with {min} to {max} specific problems you hit, why each was hard, what you considered, what you chose and what it cost"));
            return Outcome::Fail;
        };
        let line = doc.line_col(first.heading.start).line;
        let what = if n == 1 { "challenge" } else { "challenges" };
        if n < min {
            cx.report(
                first.heading,
                format!("the Challenges section (line {line}) has {n} {what}; {} asks for {min} to {max}", cx.profile.voice()),
            )
            .help(format!(
                "add challenges until there are at least {min}: each a specific problem you hit, as a table row or its own sub-section"
            ));
            return if n == 0 {
                Outcome::Fail
            } else {
                Outcome::Partial(n as f64 / min as f64)
            };
        }
        if n > max {
            cx.report(
                first.heading,
                format!("the Challenges section (line {line}) has {n} challenges; {} asks for {min} to {max}", cx.profile.voice()),
            )
            .help(format!(
                "keep the {max} that taught you most and show the clearest trade-offs; fold small fixes into them or drop them"
            ));
            return Outcome::Partial(max as f64 / n as f64);
        }
        Outcome::Pass
    }
}

declare_rule! {
    /// ## What it checks
    /// Each challenge covers the five parts the guide asks for: the problem (the
    /// symptom), why it was hard, the alternatives considered, the solution, and the
    /// trade-off accepted. In a table the parts are columns found by their meaning
    /// ("Why It Was Hard", "Options Considered", "How We Solved It", "Cost"); in a
    /// sub-section they are "Problem:" / "Solution:" sub-headings or bold labels, or
    /// wording ("we considered", "instead of", "because", "the downside", "at the cost
    /// of"). It reports, per challenge, which parts it could not find. A part a table
    /// has no column for is reported once, at the header row, naming the rows that say
    /// it in words anyway; a row is reported for its empty cells.
    ///
    /// ## Why evaluators care
    /// A problem and its fix show that you can debug. The difficulty, the options and
    /// the price paid show that you can reason about design, which is what the
    /// Architecture Reasoning criterion scores.
    ///
    /// ## Weak
    /// | Challenge | Solution |
    /// |---|---|
    /// | Slow search | Added Elasticsearch |
    ///
    /// ## Strong
    /// "Timetable imports blocked the API for 40 s, because one transaction rewrote
    /// 300K stop times while readers waited on its locks. Batching the writes kept one
    /// transaction but left readers with half an import; a shadow table swapped in at
    /// the end did not. We chose the shadow table and accepted twice the disk during an
    /// import and a swap that must be retried if a reader holds the old table."
    ///
    /// ## How to fix
    /// Give a table the missing columns, or add a sentence per missing part to each
    /// sub-section: what made the problem hard, what else you tried, and what the
    /// chosen fix costs.
    ///
    /// ## What it cannot see
    /// It recognises parts by their labels and wording, not by understanding them: an
    /// alternative mentioned without any word of choice ("Redis, then Kafka") can be
    /// missed, and a sentence with "because" counts as saying why it was hard.
    pub ChallengeParts {
        id: "CHL702",
        name: "challenge-parts",
        area: Challenges,
        criterion: Architecture,
        severity: Warning,
    }
}

impl Check for ChallengeParts {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let found = cx.shared.challenges();
        let real: Vec<&Challenge> = found.real().collect();
        if real.is_empty() {
            return Outcome::NotApplicable;
        }
        // A part a table has no column for is reported once, at the header, with the
        // rows that say it in words anyway; rows are reported for empty cells.
        for (ti, t) in found.tables.iter().enumerate() {
            let rows: Vec<&&Challenge> = real.iter().filter(|c| c.table == Some(ti)).collect();
            if rows.is_empty() {
                continue;
            }
            let gaps: Vec<Facet> = Facet::ALL
                .into_iter()
                .filter(|f| t.columns[f.index()].is_none() && rows.iter().any(|c| !c.has(*f)))
                .collect();
            if gaps.is_empty() {
                continue;
            }
            let line = doc.line_col(t.span.start).line;
            let names: Vec<&str> = gaps.iter().map(|f| f.name()).collect();
            let cols: Vec<String> = gaps
                .iter()
                .map(|f| format!("\"{}\"", f.column_name()))
                .collect();
            let saying: Vec<String> = rows
                .iter()
                .filter(|c| gaps.iter().any(|f| c.has(*f)))
                .map(|c| c.number.to_string())
                .collect();
            let partly = match saying.len() {
                0 => String::new(),
                1 => format!(" (only challenge {} says some of it in words)", saying[0]),
                _ => format!(
                    " (only challenges {} say some of it in words)",
                    saying.join(", ")
                ),
            };
            cx.report(
                t.header,
                format!(
                    "the challenges table (line {line}) has no column for {}{partly}",
                    join_and(&names)
                ),
            )
            .help(format!(
                "add {} {}: for each challenge, what made it hard, what else you weighed, and what your fix cost",
                if cols.len() == 1 { "a column" } else { "columns" },
                cols.join(", ")
            ));
        }
        let mut passing = 0;
        for c in &real {
            if c.missing().is_empty() {
                passing += 1;
                continue;
            }
            let missing: Vec<Facet> = c
                .missing()
                .into_iter()
                .filter(|f| {
                    c.table
                        .is_none_or(|ti| found.tables[ti].columns[f.index()].is_some())
                })
                .collect();
            if missing.is_empty() {
                continue;
            }
            let names: Vec<&str> = missing.iter().map(|f| f.name()).collect();
            let (what, how) = if c.shape == Shape::Row {
                ("leaves empty the cell for", "fill the empty cells")
            } else {
                ("does not say", "add a sentence for each")
            };
            let options = in_words(cx.thresholds().min_alternatives);
            cx.report(
                c.span,
                format!("{} {what} {}", c.describe(doc), join_and(&names)),
            )
            .help(format!(
                "{how}: a strong challenge says what you saw, what made it hard, at least {options} options you weighed, what you built, and what it cost you"
            ));
        }
        Outcome::ratio(passing, real.len())
    }
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [a] => a.to_string(),
        [a, b] => format!("{a} or {b}"),
        _ => format!(
            "{} or {}",
            items[..items.len() - 1].join(", "),
            items[items.len() - 1]
        ),
    }
}

declare_rule! {
    /// ## What it checks
    /// No challenge is a bare category. A challenge whose title is a category
    /// ("Payment gateway problems", "Caching difficulties", or a one- to
    /// three-word topic such as "Deployment") must say something concrete in its
    /// statement — its title plus its problem text (the first paragraph, the
    /// "Problem" part, or the "Why It Was Hard" cell): a figure, a named component or
    /// technology, or an observed failure ("timed out", "duplicate orders", "stock went
    /// negative"). The solution does not count: naming the fix's tool says nothing about
    /// the symptom.
    ///
    /// ## Why evaluators care
    /// "Deployment was difficult" tells a reviewer nothing and could be copied into any
    /// case study. A specific symptom is proof you were there, and it is what a good
    /// interviewer will dig into.
    ///
    /// ## Weak
    /// "Login issues."
    ///
    /// ## Strong
    /// "Voice notes longer than 90 s failed with HTTP 413 because the gateway capped
    /// request bodies at 1 MB."
    ///
    /// ## How to fix
    /// Rewrite the title or its first sentence around what you observed: the error, the
    /// number, the component that failed.
    ///
    /// ## What it cannot see
    /// A concrete domain problem told without any name or number ("Splitting a basket
    /// between stores") passes as long as its title is not a category; and a named technology
    /// counts as specific even when the sentence around it is vague.
    pub SpecificChallenges {
        id: "CHL703",
        name: "specific-challenges",
        area: Challenges,
        criterion: Depth,
        severity: Warning,
    }
}

impl Check for SpecificChallenges {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let found = cx.shared.challenges();
        let real: Vec<&Challenge> = found.real().collect();
        if real.is_empty() {
            return Outcome::NotApplicable;
        }
        let mut passing = 0;
        for c in &real {
            if !category_like(&c.title, cx.profile) || specific(doc, c, cx.profile) {
                passing += 1;
                continue;
            }
            cx.report(
                c.title_span,
                format!(
                    "{} names a category, not a symptom: no figure, named component or observed failure",
                    c.describe(doc)
                ),
            )
            .help("describe what you saw, e.g. \"voice notes over 90 s failed with HTTP 413 at the gateway\", not the area it happened in");
        }
        Outcome::ratio(passing, real.len())
    }
}

fn category_like(title: &str, profile: &Profile) -> bool {
    let lower = title.to_lowercase();
    let words = prose::count_words(title).0;
    // An ASCII title lowers the same either way, so the index of its word starts can
    // rule out most categories without a search.
    let index = title.is_ascii().then(|| super::util::Lowered::of(title));
    words <= 3
        || profile
            .vocabulary
            .challenge_categories
            .iter()
            .any(|w| index.as_ref().is_none_or(|i| i.may_hold(w)) && has_phrase(&lower, w))
}

fn specific(doc: &Document, c: &Challenge, profile: &Profile) -> bool {
    let statement = format!("{} {}", c.title, c.problem_text);
    names_something(doc, &c.title, Some(c.title_span), profile, true)
        || names_something(doc, &c.problem_text, c.problem_span, profile, false)
        || FAILURE.is_match(&statement)
        || (prose::count_words(&c.problem_text).0 >= 10 && MECHANISM.is_match(&c.problem_text))
}

/// A problem statement that explains a mechanism ("… is not enough because sellers must
/// first be approved") is specific even without names or numbers.
static MECHANISM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:because|since|due to|which meant|which means|meaning that|cannot|can't|could not|couldn't|does not|doesn't|did not|didn't|is not|isn't|was not|wasn't|not enough|must|would)(?-u:\b)")
        .expect("mechanism pattern")
});

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
fn in_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn parse(text: &str) -> Document {
        Document::parse(Source::new("t.md", text), Profile::guide())
    }

    #[test]
    fn labelled_alternatives_are_listed_between_semicolons() {
        assert_eq!(
            semicolon_items("a longer TTL (moves the race; does not remove it); fencing tokens; a conditional update in PostgreSQL, where the slot row lives."),
            3
        );
        assert_eq!(semicolon_items("a longer timeout, which is simpler"), 1);
        let doc = parse(
            "# T\n\n## Challenges\n\n### Double bookings\n\n- **Problem:** two patients booked one slot when both tapped within a second.\n- **Alternatives considered:** a longer lock TTL (moves the race); a conditional update in PostgreSQL.\n- **Solution:** a unique index on the slot.\n",
        );
        let found = Challenges::find(&doc, Profile::guide());
        let c = found.real().next().expect("one challenge");
        assert_eq!(c.alternatives, 2);
    }

    #[test]
    fn counts_listed_alternatives() {
        assert_eq!(
            count_listed("Mongoose transactions (needs a replica set or M10+); pessimistic locks"),
            2
        );
        assert_eq!(
            count_listed(
                "Single cookie with a role claim — ambiguous when a user has both, or worse"
            ),
            1
        );
        assert_eq!(count_listed("Redis, Memcached or an in-process LRU"), 3);
    }

    #[test]
    fn recognises_before_after_but_not_ranges() {
        assert!(before_after("p95 fell from 820 ms to 95 ms"));
        assert!(before_after("Load time 2.5s → 1.0s"));
        assert!(before_after("We cut build time by 40%"));
        assert!(before_after(
            "Throughput is 1.8 times the previous figure, compared to our prior design"
        ));
        assert!(!before_after("files (from 2 MB to 8 MB) are accepted"));
        assert!(!before_after("We have 3 services"));
    }

    #[test]
    fn reads_labels_only_before_a_colon() {
        assert_eq!(
            label_kind("Problem: Pings arrive late"),
            LabelKind::Parts(vec![Facet::Problem])
        );
        assert_eq!(
            label_kind("The Root Cause & Fix"),
            LabelKind::Parts(vec![Facet::WhyHard, Facet::Solution])
        );
        assert_eq!(label_kind("Cost of cold starts"), LabelKind::None);
        assert_eq!(label_kind("Result"), LabelKind::Result);
    }

    #[test]
    fn cleans_numbering_from_titles() {
        assert_eq!(clean_title("4.1 Geofence cache"), "Geofence cache");
        assert_eq!(clean_title("Challenge 3 — Inventory"), "Inventory");
        assert_eq!(clean_title("Bug 2: Silent failures"), "Silent failures");
    }

    #[test]
    fn behaviour_is_not_an_alternative() {
        assert!(!mentions_alternative(
            "Instead of failing loudly, the parser skipped the row."
        ));
        assert!(mentions_alternative(
            "We used cookies rather than localStorage."
        ));
        assert_eq!(
            alternatives_in("We weighed three approaches: a cron job, a queue and triggers."),
            3
        );
    }

    #[test]
    fn finds_challenges_in_every_shape() {
        let table = parse(
            "# P\n\n## Challenges\n\n| Challenge | Solution | Trade-off |\n|---|---|---|\n| A timed out | B | C |\n| D froze | E | None |\n",
        );
        let c = Challenges::find(&table, Profile::guide());
        assert_eq!(c.items.len(), 2);
        assert_eq!(c.items[0].shape, Shape::Row);
        assert!(c.items[0].has(Facet::TradeOff));

        let sections = parse(
            "# P\n\n## Engineering Challenges\n\n### 1.0 Scaling\n\nIntro.\n\n### 1.1 Sticky sessions\n\nThe upgrade failed because requests hit another server. We considered two options. We chose sticky sessions; the downside is uneven load.\n\n### 1.2 Fan-out\n\nMessages were lost.\n",
        );
        let c = Challenges::find(&sections, Profile::guide());
        let titles: Vec<&str> = c.items.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, vec!["Sticky sessions", "Fan-out"]);
        assert!(
            c.items[0].missing().is_empty(),
            "{:?}",
            c.items[0].missing()
        );

        let labels = parse(
            "# P\n\n## What was actually hard\n\n**Permissions.** The check depends on five things.\n\n**Shutdown.** In-flight requests were cut.\n",
        );
        let c = Challenges::find(&labels, Profile::guide());
        assert_eq!(c.items.len(), 2);
        assert_eq!(c.items[1].title, "Shutdown");

        let facets = parse(
            "# P\n\n## Challenges\n\n### Printing\n\n**Problem:** jobs queued.\n**Solution:** batch them.\n**Trade-off:** none.\n",
        );
        let c = Challenges::find(&facets, Profile::guide());
        assert_eq!(c.items.len(), 1);
        assert!(c.items[0]
            .parts_of(Facet::TradeOff)
            .any(|p| p.found == Found::Label && p.text == "none."));
    }

    #[test]
    fn reads_indented_mdx_component_content() {
        let doc = Document::parse(
            Source::new(
                "t.mdx",
                "# P\n\n## Challenges\n\n<AccordionGroup>\n  <Accordion title=\"Queue\">\n    Jobs timed out after 5 s because the\n    printer is slow. We considered two options.\n  </Accordion>\n</AccordionGroup>\n",
            ),
            Profile::guide(),
        );
        let c = Challenges::find(&doc, Profile::guide());
        assert_eq!(c.items.len(), 1);
        assert!(c.items[0].has(Facet::WhyHard));
        assert_eq!(c.items[0].alternatives, 2);
    }

    #[test]
    fn prefers_exactly_named_challenge_sections() {
        let doc = parse(
            "# P\n\n## Challenges of Offline Sync\n\n### Phones drop out\n\nText.\n\n## Implementation Challenges\n\n### Correlation\n\nText here.\n",
        );
        let c = Challenges::find(&doc, Profile::guide());
        assert_eq!(c.sections.len(), 1);
        assert_eq!(c.items.len(), 1);
        assert_eq!(c.items[0].title, "Correlation");
    }
}
