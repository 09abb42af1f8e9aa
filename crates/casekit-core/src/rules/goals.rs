//! Goals and Non-Goals: the business context, measurable technical targets, and what
//! was deliberately left out.

use super::blocks::{self};
use super::goals_reading::*;
pub(crate) use super::goals_reading::{read_goals, Goals};
use super::util;
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::prose::{has_quantity, split_sentences};
use crate::document::Document;
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

pub static RULES: &[&dyn Rule] = &[
    &UserGoals,
    &MeasurableTechnicalGoals,
    &NoVagueTargets,
    &NonGoalsListed,
    &NonGoalReasons,
];

declare_rule! {
    /// ## What it checks
    /// The goals say whose problem the project solves and what changes for them: at
    /// least one goal (or a sentence of the goals section) is framed around a user's
    /// pain or outcome — people losing orders, wasting time, a task they can now do
    /// without help — rather than around the technology that was built. It reads
    /// "Business/User Goals" sub-headings or bold labels when there are any, and every
    /// goal otherwise.
    ///
    /// ## Why evaluators care
    /// Goals written as a build list ("Build a MERN app", "Add Stripe") show someone who
    /// ships features; goals written as a problem show someone who knows why those
    /// features matter, and that is the engineer reviewers look for.
    ///
    /// ## Weak
    /// "Build a React Native app with a Firebase back end and push notifications."
    ///
    /// ## Strong
    /// "Dental clinics lose about one slot in twelve to patients who forget their
    /// appointment; reminders they can answer with one tap should win most of it back."
    ///
    /// ## How to fix
    /// Open the goals with who has the problem, what it costs them today, and what
    /// should be true for them when the project works. Move the technology to the
    /// architecture section.
    ///
    /// ## What it cannot see
    /// It recognises problem and outcome wording (lose, struggle, without, so that,
    /// reduce, …), not whether the problem is real or important. A goals section that is
    /// missing entirely is reported by STR001, not here.
    pub UserGoals {
        id: "GOL201",
        name: "user-goals",
        area: Goals,
        criterion: Architecture,
        severity: Warning,
    }
}

impl Check for UserGoals {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let g = cx.shared.goals();
        let Some(sec) = g.section else {
            return Outcome::NotApplicable;
        };
        let goals: Vec<&Statement> = g
            .statements
            .iter()
            .filter(|s| s.kind != Kind::NonGoal)
            .collect();
        if goals
            .iter()
            .any(|s| USER_FRAMED.is_match(&s.text) || states_user_situation(&s.text))
        {
            return Outcome::Pass;
        }
        let at = g.business_anchor.unwrap_or(sec.heading);
        let line = blocks::line_of(doc, sec.heading.start);
        let example = goals
            .iter()
            .find(|s| s.top_item && s.kind != Kind::Technical)
            .or_else(|| goals.first());
        let msg = match example {
            Some(s) => format!(
                "the goals (line {line}) describe what was built, not whose problem it solves: e.g. \"{}\"",
                blocks::quote(&s.text, 70)
            ),
            None => format!("the goals section (line {line}) states no business or user goal"),
        };
        cx.report(at, msg).help(
            "add a goal that names who has the problem and what it costs them (\"clinics lose one slot in twelve to forgotten appointments\"), then what changes for them",
        );
        Outcome::Fail
    }
}

declare_rule! {
    /// ## What it checks
    /// Each technical goal carries a number with a unit that could be measured: a
    /// latency and percentile, a load, an uptime, a size. Technical goals are the ones
    /// under a "Technical Goals" sub-heading or bold label, or, when the goals are not
    /// labelled, the ones about performance, scale or reliability. A goals section that
    /// sets no technical target at all is reported once.
    ///
    /// ## Why evaluators care
    /// A target without a number cannot be missed, so it says nothing. "Search answers in
    /// 300 ms at p95 with 2,000 people online" tells a reviewer what you designed for and
    /// lets them ask how you checked it.
    ///
    /// ## Weak
    /// "The system should be scalable and have low latency."
    ///
    /// ## Strong
    /// "Send each reminder within 60 s of its time for 500 clinics; lose no reminder when
    /// one worker restarts."
    ///
    /// ## How to fix
    /// Give every technical goal a figure and a unit. If you never measured it, state
    /// the target you designed for and say in the conclusion how close you got.
    ///
    /// ## What it cannot see
    /// Whether the figure is realistic or was met. Goals that are technical but use none
    /// of its performance, scale or reliability words are read as business goals.
    pub MeasurableTechnicalGoals {
        id: "GOL202",
        name: "measurable-technical-goals",
        area: Goals,
        criterion: Depth,
        severity: Warning,
    }
}

impl Check for MeasurableTechnicalGoals {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let g = cx.shared.goals();
        let Some(sec) = g.section else {
            return Outcome::NotApplicable;
        };
        // Top-level statements; a section written as prose uses its sentences.
        let has_items = g.statements.iter().any(|s| s.top_item);
        let mut targets: Vec<(Span, String)> = Vec::new();
        for s in g.statements.iter().filter(|s| s.kind != Kind::NonGoal) {
            if has_items && !s.top_item {
                continue;
            }
            if s.top_item {
                if technical(s.kind, &s.text) {
                    targets.push((s.span, s.text.clone()));
                }
                continue;
            }
            for r in split_sentences(&s.run.text) {
                let sentence = &s.run.text[r.clone()];
                if technical(s.kind, sentence) {
                    let span = s.run.span_of(r).unwrap_or(s.span);
                    targets.push((span, sentence.to_string()));
                }
            }
        }
        if targets.is_empty() {
            // A measured figure anywhere in the goals still counts as a target.
            if g.statements
                .iter()
                .any(|s| s.kind != Kind::NonGoal && has_quantity(&s.text))
            {
                return Outcome::Pass;
            }
            let at = g.technical_anchor.unwrap_or(sec.heading);
            let line = blocks::line_of(doc, sec.heading.start);
            let vague: Vec<String> = cx
                .profile
                .vocabulary
                .vague_words
                .iter()
                .filter(|w| {
                    g.statements
                        .iter()
                        .any(|s| s.kind != Kind::NonGoal && util::has_word(&s.text, w))
                })
                .map(|w| format!("\"{w}\""))
                .take(3)
                .collect();
            let msg = if vague.is_empty() {
                format!("the goals (line {line}) set no technical target: nothing on latency, load, scale or reliability")
            } else {
                format!(
                    "the goals (line {line}) set no measurable technical target, only {}",
                    vague.join(", ")
                )
            };
            cx.report(at, msg)
            .help("add technical goals with numbers and units, e.g. \"p95 under 300 ms with 2,000 people online\" or \"99.5% of reminders sent within a minute\"");
            return Outcome::Fail;
        }
        let mut ok = 0;
        for (span, text) in &targets {
            if measurable(text) {
                ok += 1;
                continue;
            }
            cx.report(
                *span,
                format!(
                    "the technical goal \"{}\" has no number to measure it by",
                    blocks::quote(text, 60)
                ),
            )
            .help("state the target with a unit: \"p95 under 300 ms\", \"2,000 concurrent sessions\", \"99.5% monthly uptime\"");
        }
        Outcome::ratio(ok, targets.len())
    }
}

declare_rule! {
    /// ## What it checks
    /// No goal promises a quality with a vague word — fast, scalable, robust, highly
    /// available, performant, seamless, efficient and the other words in the profile's
    /// `vague_words` — unless the same sentence gives a number with a unit. Each vague
    /// word is reported where it stands. Non-goals are not checked.
    ///
    /// ## Why evaluators care
    /// Every project wants to be fast and scalable; saying so tells a reviewer nothing
    /// and reads as padding. A figure turns the wish into a claim they can probe.
    ///
    /// ## Weak
    /// "Build a fast, scalable and robust checkout."
    ///
    /// ## Strong
    /// "Checkout completes in under 2 s at p95 with 500 concurrent buyers."
    ///
    /// ## How to fix
    /// Replace the adjective with the number you designed for, or delete it.
    ///
    /// ## What it cannot see
    /// A figure given in the next sentence or in a table beside the goal; rewrite the
    /// goal so its number sits in the same sentence. "Responsive" followed by design,
    /// layout or web is read as a layout technique, not a speed claim.
    pub NoVagueTargets {
        id: "GOL203",
        name: "no-vague-targets",
        area: Goals,
        criterion: Depth,
        severity: Warning,
    }
}

impl Check for NoVagueTargets {
    fn check(&self, _doc: &Document, cx: &mut RuleContext) -> Outcome {
        let g = cx.shared.goals();
        if g.section.is_none() {
            return Outcome::NotApplicable;
        }
        let vague = &cx.profile.vocabulary.vague_words;
        let mut found: Vec<(Span, String)> = Vec::new();
        let (mut clean, mut total) = (0, 0);
        for s in g
            .statements
            .iter()
            .filter(|s| s.kind != Kind::NonGoal && !s.table_row)
        {
            let text = &s.run.text;
            for r in split_sentences(text) {
                total += 1;
                let sentence = &text[r.clone()];
                if unmeasured_target(g, s, sentence) {
                    // GOL202 reports the whole goal.
                    total -= 1;
                    continue;
                }
                if has_quantity(sentence) {
                    clean += 1;
                    continue;
                }
                let mut hits: Vec<std::ops::Range<usize>> = Vec::new();
                for w in vague {
                    for m in util::find_word(sentence, w) {
                        // "Responsive design" is a layout technique, not a speed claim.
                        let next = sentence[m.end..].split_whitespace().next().unwrap_or("");
                        if w.eq_ignore_ascii_case("responsive")
                            && util::has_any_word(
                                next,
                                &["design", "layout", "web", "ui", "css", "mobile", "grid"],
                            )
                        {
                            continue;
                        }
                        // A longer entry ("highly available") wins over its parts.
                        if hits.iter().any(|h| h.start <= m.start && m.end <= h.end) {
                            continue;
                        }
                        hits.retain(|h| !(m.start <= h.start && h.end <= m.end));
                        hits.push(m);
                    }
                }
                if hits.is_empty() {
                    clean += 1;
                    continue;
                }
                hits.sort_by_key(|h| h.start);
                for h in hits {
                    let abs = r.start + h.start..r.start + h.end;
                    if let Some(span) = s.run.span_of(abs) {
                        found.push((span, sentence[h].to_string()));
                    }
                }
            }
        }
        for (span, word) in &found {
            cx.report(
                *span,
                format!("\"{word}\" is a goal with no number in its sentence"),
            )
            .help(format!(
                "replace \"{}\" with the figure you designed for, with its unit (\"p95 under 300 ms\", \"2,000 concurrent sessions\"), or drop it",
                word.to_ascii_lowercase()
            ));
        }
        Outcome::ratio(clean, total)
    }
}

declare_rule! {
    /// ## What it checks
    /// The document says what the project deliberately does not do: a "Non-Goals" or
    /// "Out of Scope" sub-heading, bold label or section, a list introduced as out of
    /// scope, or a sentence saying something is out of scope.
    ///
    /// ## Why evaluators care
    /// Saying no is part of design. Without non-goals a reviewer cannot tell a deliberate
    /// cut from something you never thought of, and scoping is one of the first things
    /// they probe in senior candidates.
    ///
    /// ## Weak
    /// A goals list with nothing about what was left out.
    ///
    /// ## Strong
    /// "Non-Goals: insurance billing (clinics keep their practice software for it);
    /// video visits (a different product, not asked for in twelve interviews)."
    ///
    /// ## How to fix
    /// Add a "Non-Goals" sub-heading under the goals with two to five things you chose
    /// not to build, each with a short reason.
    ///
    /// ## What it cannot see
    /// Scope cuts described only in passing, without words such as "out of scope" or
    /// "non-goal"; "we chose not to build X" is recognised, other phrasings may not be.
    pub NonGoalsListed {
        id: "GOL204",
        name: "non-goals-listed",
        area: Goals,
        criterion: Architecture,
        severity: Error,
        fix: Template,
    }
}

impl Check for NonGoalsListed {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let g = cx.shared.goals();
        if g.non_goals_stated || !g.non_goals.is_empty() {
            return Outcome::Pass;
        }
        let msg = match g.section {
            Some(s) => format!(
                "the goals (line {}) list no non-goals: nothing says what was left out of scope",
                blocks::line_of(doc, s.heading.start)
            ),
            None => "no non-goals: nothing says what the project deliberately left out".to_string(),
        };
        let at = g.section.map(|s| s.heading).unwrap_or_else(|| doc.anchor());
        let fix = super::fixes::append_part(
            doc,
            "goals",
            "non_goals",
            "insert a Non-Goals list to fill in",
        );
        cx.report(at, msg).help(
            "add a \"Non-Goals\" list under the goals: what you chose not to build, each with why (\"video visits: none of the twelve clinics we interviewed asked\")",
        ).fix_if(fix);
        Outcome::Fail
    }
}

declare_rule! {
    /// ## What it checks
    /// Each non-goal says why it is out of scope: a reason word (because, since, deferred,
    /// planned for v2, to avoid, would require, …), a reason in parentheses, or an
    /// explanation after a dash or colon. A sentence right before or after the list that
    /// gives one reason for all of them counts for each. Reported per non-goal.
    ///
    /// ## Why evaluators care
    /// A bare list of things not built could be an accident; a reason shows the cut was
    /// a decision, and a reason backed by data ("none of the twelve clinics asked for it")
    /// shows it was a good one.
    ///
    /// ## Weak
    /// "- Video visits"
    ///
    /// ## Strong
    /// "- Video visits (left for later: none of the twelve clinics we interviewed asked)"
    ///
    /// ## How to fix
    /// After each non-goal, add a few words on why: the data, the cost, or the release
    /// it is planned for.
    ///
    /// ## What it cannot see
    /// Whether the reason is a good one; any explanation after a dash or colon passes.
    pub NonGoalReasons {
        id: "GOL205",
        name: "non-goal-reasons",
        area: Goals,
        criterion: Architecture,
        severity: Info,
        fix: Template,
    }
}

static PAREN_OR_DASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\([^)]*(?-u:\w)[^)]*\)|(?:\s[-–—]{1,2}\s|:\s|[–—])\s*\S+(?:\s+\S+)+|[.;]\s+\S+(?:\s+\S+){2,}",
    )
    .expect("reason separator pattern")
});

impl Check for NonGoalReasons {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let g = cx.shared.goals();
        let mut ok = 0;
        for ng in &g.non_goals {
            let text = ng.text.trim();
            if ng.shared_reason || NON_GOAL_REASON.is_match(text) || PAREN_OR_DASH.is_match(text) {
                ok += 1;
                continue;
            }
            cx.report(
                ng.span,
                format!(
                    "the non-goal \"{}\" does not say why it is out of scope",
                    blocks::quote(text, 50)
                ),
            )
            .help("add the reason in a few words: \"(planned for v2, once the pilot ends)\", \"(the clinics' own software already does it)\"")
            .fix_if(super::fixes::non_goal_reason(doc, ng.span));
        }
        Outcome::ratio(ok, g.non_goals.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_classified_by_meaning() {
        assert_eq!(
            classify_label("Non-Goals (Scope Boundaries)"),
            Kind::NonGoal
        );
        assert_eq!(classify_label("Out of Scope"), Kind::NonGoal);
        assert_eq!(classify_label("Technical Goals"), Kind::Technical);
        assert_eq!(
            classify_label("Non-functional requirements"),
            Kind::Technical
        );
        assert_eq!(classify_label("Business/User Goals"), Kind::Business);
        assert_eq!(classify_label("What We Built"), Kind::Unlabeled);
    }

    #[test]
    fn user_situations_are_recognised() {
        assert!(states_user_situation(
            "Small teams keep database passwords in chat threads."
        ));
        assert!(states_user_situation("Volunteers track repairs on paper."));
        assert!(!states_user_situation(
            "Sellers can create and manage their own shops."
        ));
        assert!(!states_user_situation(
            "Build a complete full-stack e-commerce application."
        ));
        assert!(!states_user_situation(
            "Support different user roles with access control."
        ));
    }

    #[test]
    fn targets_need_a_number() {
        assert!(measurable("p95 under 200 ms at 10K concurrent users"));
        assert!(measurable("Support GNOME 46 and above"));
        assert!(measurable("Support 500 clinics on one instance"));
        assert!(!measurable("Low latency on the map"));
        assert!(!measurable("Launched in 2024 with care"));
    }

    #[test]
    fn out_of_scope_phrases() {
        assert!(NON_GOAL_PHRASE.is_match("These were kept outside the current project scope."));
        assert!(NON_GOAL_PHRASE.is_match("Mobile is out of scope for v1."));
        assert!(!NON_GOAL_PHRASE.is_match("This is beyond the scope of this article."));
    }
}
