//! Goals and Non-Goals: the business context, measurable technical targets, and what
//! was deliberately left out.

use super::blocks::{self, bold_label, Block};
use super::util;
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::prose::{has_quantity, split_sentences};
use crate::document::{normalize_heading, Document, Section, TextRun};
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

/// What a part of the goals section is about, from its sub-heading or bold label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Business,
    Technical,
    NonGoal,
    Unlabeled,
}

static NON_GOAL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:non ?goals?|out of scope|not in scope|outside (?:the |our )?scope|scope boundar(?-u:\w)*|what (?:we|i) did not build|what (?:we|i) didnt build|explicitly out of scope|exclusions?|excluded|not doing|wont do|wont build|anti goals?|deliberately left out|left out)(?-u:\b)")
        .expect("non-goal label pattern")
});
static TECHNICAL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:technical|engineering|performance|non functional|nonfunctional|system|quality|reliability|scalability|nfr)(?-u:\b).*|.*(?-u:\b)(?:targets?|slos?|slas?)$)")
        .expect("technical label pattern")
});
static BUSINESS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:business|user|users|product|customer|functional|primary)(?-u:\b).*|.*(?-u:\b)(?:problem|pain points?|who benefits|the why)(?-u:\b).*|why(?-u:\b).*)")
        .expect("business label pattern")
});

fn classify_label(text: &str) -> Kind {
    let n = normalize_heading(text);
    if NON_GOAL_LABEL.is_match(&n) {
        Kind::NonGoal
    } else if TECHNICAL_LABEL.is_match(&n) {
        Kind::Technical
    } else if BUSINESS_LABEL.is_match(&n) {
        Kind::Business
    } else {
        Kind::Unlabeled
    }
}

/// Performance, scale and reliability vocabulary: what makes an unlabeled goal a
/// technical target.
static TECHNICAL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    // Nouns of a target, not adjectives: "scalable" alone is GOL203's business.
    Regex::new(r"(?i)(?-u:\b)(?:latency|latencies|throughput|p\d{2,3}|response times?|uptime|availability|concurrent (?:users|connections|requests|sessions)|concurrency|scalability|scale (?:to|up|out)|at scale|performance|load times?|page loads?|under load|load tests?|rps|qps|requests? per|req/s|reliability|fault[- ]toleran(?-u:\w)*|failover|durability|error rates?|speed|memory (?:use|usage|footprint)|cpu|bundle size|lighthouse|test coverage|accuracy|sub-second|time to (?:first|interactive)|cold starts?)(?-u:\b)")
        .expect("technical words pattern")
});

/// A goal framed around a person's problem or what changes for them.
static USER_FRAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:problems?|pain(?:ful| points?)?|struggl(?-u:\w)*|frustrat(?-u:\w)*|lose|loses|losing|lost|wast(?-u:\w)*|hard to|difficult(?-u:\w)*|tedious|manual(?:ly)?|error[- ]prone|time[- ]consuming|cannot|can't|can not|unable|forget(?-u:\w)*|overkill|lock[- ]in|so that|so (?:they|users?|customers?|sellers?|buyers?|teams?|developers?|people|students?|admins?|readers?|players?|members?) (?:can|could|don't|do not|never|no longer|stop)|without (?:needing|having|writing|leaving|manual(?-u:\w)*|waiting|any|a |an |the )|no longer|never|instead of|reduc(?-u:\w)*|sav(?:e|es|ed|ing)|cut(?:s|ting)? (?:down|the|their|costs?|time)|avoid(?-u:\w)*|prevent(?-u:\w)*|eliminat(?-u:\w)*|in one place|who (?:need|want|struggle|have|lack)|empower(?-u:\w)*|accessible|simplif(?-u:\w)*|easier|benefit(?-u:\w)*|pay(?:s|ing)? for|costs?|expensive|risk(?-u:\w)*|mistakes?|outage(?-u:\w)*|downtime|churn|abandon(?-u:\w)*|complain(?-u:\w)*|confus(?-u:\w)*|missing out|miss(?:es|ed)?|nobody|no one|by hand)(?-u:\b)")
        .expect("user-framed pattern")
});

/// A sentence about how people fare today: a persona as its subject, with a verb that
/// is not a capability ("Small teams keep passwords in chat", not "Sellers can …").
static PERSONA_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:the|our|their|these|those|most|many|some|all|every|each|a|an|\d[\d,.%]*|small|smaller|large|larger|busy|new|independent|local|existing|remote|online|non-technical|first-time|solo|freelance|indie|open-source|early-stage|hobbyist|junior|senior|mid-sized|medium-sized|tiny|rural|older|young|returning|paying|enterprise|student|clinic|shop|store|restaurant|marketplace|support|sales|ops|it|hr)\s+){0,3}(?:users?|customers?|clients?|teams?|people|developers?|engineers?|sellers?|buyers?|vendors?|students?|teachers?|patients?|clinics?|doctors?|nurses?|owners?|businesses|companies|shops?|restaurants?|players?|members?|readers?|writers?|admins?|administrators?|operators?|drivers?|riders?|families|parents?|volunteers?|employees|staff|managers?|recruiters?|candidates?|organi[sz]ations|researchers?|creators?|farmers?|landlords?|tenants?|travell?ers?|shoppers?|merchants?|hosts?|guests?|maintainers?|contributors?)\s+((?-u:\w)+)")
        .expect("persona subject pattern")
});

fn states_user_situation(text: &str) -> bool {
    split_sentences(text).into_iter().any(|r| {
        PERSONA_SUBJECT.captures(&text[r]).is_some_and(|c| {
            !matches!(
                c[1].to_ascii_lowercase().as_str(),
                "can"
                    | "could"
                    | "will"
                    | "should"
                    | "may"
                    | "might"
                    | "would"
                    | "are"
                    | "is"
                    | "get"
                    | "gets"
                    | "have"
                    | "has"
                    | "and"
                    | "or"
                    | "with"
                    | "to"
            )
        })
    })
}

/// A number a target can be checked against: a quantity with a unit, or a bare number
/// next to a comparison ("46 and above", "under 200").
static COMPARED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:under|below|above|over|at least|at most|within|less than|more than|fewer than|up to|<|>|≤|≥)\s*\d|(?-u:\b)\d[\d,.]*\s*(?:\+|and (?:above|up|higher|later|newer)|or (?:more|less|fewer|higher|later|newer)))")
        .expect("compared number pattern")
});

/// A count of something: "500 clinics", "3 warehouses" (a year is not a count).
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d[\d,.]*)[kKmM]?\+?\s+[a-z][a-z-]{2,}").expect("counted pattern")
});

fn measurable(text: &str) -> bool {
    has_quantity(text)
        || COMPARED_NUMBER.is_match(text)
        || COUNTED.captures_iter(text).any(|c| {
            let n = &c[1];
            !(n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
        })
}

/// Phrases that state something is out of scope, in prose or as a list's introduction.
static NON_GOAL_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:non[- ]?goals?|out of scope|out-of-scope|not in scope|outside (?:of )?(?:the |our |this )?(?:current |project |initial |v1 |mvp )*scope|beyond the scope of (?:the |this |our )?(?:project|mvp|v1|first version|initial release)|deliberately (?:did not|didn't|chose not to|left out)|(?:we|i) (?:chose|decided|refused) not to (?:build|support|implement|add|include)|feature creep|(?:small|narrow|tight|limited) on purpose|not aiming to (?:build|make|replace|compete)|de-?scoped|cut from (?:the )?scope)(?-u:\b)")
        .expect("non-goal phrase pattern")
});

/// Wording that gives a reason or a decision for leaving something out.
static NON_GOAL_REASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:because|since|as (?:we|it|the|our|this|they|most|only)|due to|given|deferred|defer|postponed|later|future|until|once|wait(?:s|ing)?|revisit(?-u:\w)*|next (?:version|release|phase|iteration)|v\d|version \d|phase \d|planned|roadmap|so (?:that|we|the)|to (?:avoid|keep|reduce|focus|limit|ship|stay|save|prevent|simplify|meet)|would (?:require|need|add|mean|take|cost)|requires?|needs?|not needed|unnecessary|no (?:need|demand|users?|time)|too (?:(?-u:\w)+)|instead|rather than|out of (?:budget|time)|time constraints?|budget|cost|overkill|complexity|risk|handled by|covered by|already|only|mvp|scope)(?-u:\b)")
        .expect("non-goal reason pattern")
});

/// One statement in the goals: a list item (with its nested items), a paragraph, or a
/// table row.
struct Statement<'a> {
    run: &'a TextRun,
    /// Narrow span to report at (the item's text, the row).
    span: Span,
    kind: Kind,
    /// The item with its nested items, or the paragraph's text.
    text: String,
    /// A list item at the top of its group (its children are folded into `text`).
    top_item: bool,
    table_row: bool,
    /// Index of the top-level statement this one belongs to (itself when top-level).
    group: usize,
}

/// One non-goal: a list item or a line of a list written in a code block.
struct NonGoal {
    span: Span,
    text: String,
    /// The sentence introducing or closing the list already gives the reason.
    shared_reason: bool,
}

/// The goals as the rules read them.
pub(crate) struct Goals<'a> {
    section: Option<&'a Section>,
    statements: Vec<Statement<'a>>,
    /// Where the business/user and technical goals are labelled, if they are.
    business_anchor: Option<Span>,
    technical_anchor: Option<Span>,
    non_goals: Vec<NonGoal>,
    /// A non-goal stated anywhere (a section, a label, or a sentence).
    non_goals_stated: bool,
}

pub(crate) fn read_goals<'a>(doc: &'a Document) -> Goals<'a> {
    let mut g = Goals {
        section: util::section(doc, "goals"),
        statements: Vec::new(),
        business_anchor: None,
        technical_anchor: None,
        non_goals: Vec::new(),
        non_goals_stated: false,
    };
    let mut covered: Vec<Span> = Vec::new();
    if let Some(sec) = g.section {
        read_region(doc, sec.body, Kind::Unlabeled, &mut g);
        covered.push(sec.body);
    }
    // Non-goals written as a section of their own, outside the goals.
    for s in doc.sections_for("non_goals") {
        if covered.iter().any(|c| c.contains(s.span)) {
            continue;
        }
        g.non_goals_stated = true;
        read_region(doc, s.body, Kind::NonGoal, &mut g);
        covered.push(s.span);
    }
    // Lists introduced as out of scope anywhere else ("The following are out of scope:").
    read_phrase_lists(doc, &covered, &mut g);
    g
}

/// Walks the blocks of a region, tracking the kind set by sub-headings and labels.
fn read_region<'a>(doc: &'a Document, span: Span, base: Kind, g: &mut Goals<'a>) {
    let blocks = blocks::blocks_in(doc, span);
    // (heading level, kind) of the sub-headings we are under.
    let mut headings: Vec<(u8, Kind)> = Vec::new();
    let mut label: Option<Kind> = None;
    let mut skip_to = 0usize; // list items before this index are folded into a parent
    let mut ng_run: Vec<usize> = Vec::new(); // indices into g.non_goals of the current run
    let mut ng_intro_reason = false;
    let current = |headings: &Vec<(u8, Kind)>, label: Option<Kind>| -> Kind {
        label
            .or_else(|| {
                headings
                    .iter()
                    .rev()
                    .map(|h| h.1)
                    .find(|k| *k != Kind::Unlabeled)
            })
            .unwrap_or(base)
    };
    let close_run = |g: &mut Goals, run: &mut Vec<usize>, next: Option<&Block>, intro: bool| {
        if run.is_empty() {
            return;
        }
        let outro = matches!(next, Some(Block::Para(p)) if NON_GOAL_REASON.is_match(&p.text.text) && bold_label(doc, &p.text).is_none());
        if intro || outro {
            for &i in run.iter() {
                g.non_goals[i].shared_reason = true;
            }
        }
        run.clear();
    };
    for (bi, b) in blocks.iter().enumerate() {
        let next = blocks.get(bi + 1);
        if !matches!(b, Block::Item(..)) {
            // A run of non-goal items ends at the first block that is not an item; a
            // paragraph right after it may give the reason for all of them.
            close_run(g, &mut ng_run, Some(b), ng_intro_reason);
            ng_intro_reason = false;
        }
        match *b {
            Block::Heading(h) => {
                let level = effective_level(doc, h.span);
                headings.retain(|&(l, _)| l < level);
                let mut kind = classify_label(&h.text.text);
                if doc
                    .section_index(h.span)
                    .is_some_and(|i| doc.sections[i].guide.as_deref() == Some("non_goals"))
                {
                    kind = Kind::NonGoal;
                }
                headings.push((level, kind));
                label = None;
                anchor(g, kind, h.span);
            }
            Block::Para(p) => {
                let bl = bold_label(doc, &p.text);
                if let Some(l) = bl.as_ref().filter(|l| l.only) {
                    let kind = classify_label(&l.label);
                    label = Some(kind).filter(|k| *k != Kind::Unlabeled);
                    anchor(g, kind, l.span);
                    continue;
                }
                let text = &p.text.text;
                let mut kind = bl
                    .as_ref()
                    .map(|l| classify_label(&l.label))
                    .filter(|k| *k != Kind::Unlabeled)
                    .unwrap_or_else(|| current(&headings, label));
                if let Some(l) = &bl {
                    anchor(g, kind, l.span);
                }
                if NON_GOAL_PHRASE.is_match(text) {
                    g.non_goals_stated = true;
                    // "The following are out of scope:" introduces a list of non-goals.
                    let introduces = text.trim_end().ends_with(':')
                        && matches!(next, Some(Block::Item(..)) | Some(Block::Code(_)));
                    if introduces {
                        label = Some(Kind::NonGoal);
                        ng_intro_reason =
                            NON_GOAL_REASON.is_match(&NON_GOAL_PHRASE.replace_all(text, ""));
                        continue;
                    }
                    kind = Kind::NonGoal;
                }
                if kind == Kind::NonGoal {
                    continue;
                }
                g.statements.push(Statement {
                    run: &p.text,
                    span: blocks::text_span(doc, &p.text, p.span),
                    kind,
                    text: text.clone(),
                    top_item: false,
                    table_row: false,
                    group: g.statements.len(),
                });
            }
            Block::Item(item, idx) => {
                if idx < skip_to {
                    continue;
                }
                let kids = blocks::children(doc, idx);
                let bl = bold_label(doc, &item.text);
                if let Some(l) = bl.as_ref().filter(|l| l.only) {
                    // A label item: its nested items are the statements.
                    let kind = classify_label(&l.label);
                    anchor(g, kind, l.span);
                    let kind = if kind == Kind::Unlabeled {
                        current(&headings, label)
                    } else {
                        kind
                    };
                    let mut k = kids.start;
                    while k < kids.end {
                        let sub = blocks::children(doc, k);
                        push_item(doc, g, k, kind, &mut ng_run);
                        k = sub.end;
                    }
                    skip_to = kids.end;
                    continue;
                }
                let kind = bl
                    .as_ref()
                    .map(|l| classify_label(&l.label))
                    .filter(|k| *k != Kind::Unlabeled)
                    .unwrap_or_else(|| current(&headings, label));
                if let Some(l) = &bl {
                    anchor(g, kind, l.span);
                }
                push_item(doc, g, idx, kind, &mut ng_run);
                skip_to = kids.end;
            }
            Block::Code(c) => {
                if current(&headings, label) == Kind::NonGoal && !c.is_mermaid() {
                    push_code_lines(doc, c.body, g, &mut ng_run);
                }
            }
            Block::Table(t) => {
                let kind = current(&headings, label);
                for row in &t.rows {
                    let (Some(first), Some(last)) = (row.first(), row.last()) else {
                        continue;
                    };
                    let text: Vec<&str> = row.iter().map(|c| c.text.text.trim()).collect();
                    if kind == Kind::NonGoal {
                        g.non_goals_stated = true;
                        ng_run.push(g.non_goals.len());
                        g.non_goals.push(NonGoal {
                            span: first.span.cover(last.span),
                            text: text.join(" — "),
                            shared_reason: false,
                        });
                        continue;
                    }
                    g.statements.push(Statement {
                        run: &first.text,
                        span: first.span.cover(last.span),
                        kind,
                        text: text.join(" "),
                        top_item: true,
                        table_row: true,
                        group: g.statements.len(),
                    });
                }
            }
        }
    }
    close_run(g, &mut ng_run, None, ng_intro_reason);
}

fn anchor(g: &mut Goals, kind: Kind, span: Span) {
    match kind {
        Kind::Business => g.business_anchor = g.business_anchor.or(Some(span)),
        Kind::Technical => g.technical_anchor = g.technical_anchor.or(Some(span)),
        Kind::NonGoal => g.non_goals_stated = true,
        Kind::Unlabeled => {}
    }
}

/// Adds list item `idx` (with its nested items folded in) as a goal or a non-goal.
fn push_item<'a>(
    doc: &'a Document,
    g: &mut Goals<'a>,
    idx: usize,
    kind: Kind,
    run: &mut Vec<usize>,
) {
    let item = &doc.list_items[idx];
    let mut text = blocks::item_text_with_children(doc, idx);
    // "**Non-Goals**: Mobile app": the label names the kind; the rest is the statement.
    if let Some(l) = bold_label(doc, &item.text)
        .filter(|l| kind != Kind::Unlabeled && classify_label(&l.label) == kind)
    {
        let own = item.text.text.len();
        text = format!("{}{}", l.rest, &text[own.min(text.len())..]);
    }
    if text.trim().is_empty() {
        return;
    }
    let span = blocks::text_span(doc, &item.text, item.span);
    if kind == Kind::NonGoal {
        g.non_goals_stated = true;
        run.push(g.non_goals.len());
        g.non_goals.push(NonGoal {
            span,
            text,
            shared_reason: false,
        });
        return;
    }
    let parent = g.statements.len();
    g.statements.push(Statement {
        run: &item.text,
        span,
        kind,
        text,
        top_item: true,
        table_row: false,
        group: parent,
    });
    // Nested items are statements of their own for the sentence-level checks.
    for k in blocks::children(doc, idx) {
        let child = &doc.list_items[k];
        g.statements.push(Statement {
            run: &child.text,
            span: blocks::text_span(doc, &child.text, child.span),
            kind,
            text: child.text.text.clone(),
            top_item: false,
            table_row: false,
            group: parent,
        });
    }
}

/// Non-goals listed as lines of a code block (`✗ Wishlist`).
fn push_code_lines(doc: &Document, body: Span, g: &mut Goals, run: &mut Vec<usize>) {
    let text = doc.slice(body);
    let mut at = body.start as usize;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim();
        let item = trimmed
            .trim_start_matches(['✗', '✘', '×', '❌', '-', '*', '•', 'x', 'X'])
            .trim();
        if item.is_empty() || item.split_whitespace().count() > 30 {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        g.non_goals_stated = true;
        run.push(g.non_goals.len());
        g.non_goals.push(NonGoal {
            span: Span::new(start + lead, start + lead + trimmed.len()),
            text: item.to_string(),
            shared_reason: false,
        });
    }
}

/// Lists introduced by an out-of-scope sentence outside the goals and non-goals sections.
fn read_phrase_lists<'a>(doc: &'a Document, covered: &[Span], g: &mut Goals<'a>) {
    let whole = Span::new(0, doc.text().len());
    let blocks = blocks::blocks_in(doc, whole);
    let mut i = 0;
    while i < blocks.len() {
        let b = blocks[i];
        i += 1;
        if util::inside(covered, b.span()) {
            continue;
        }
        let text = match b {
            Block::Para(p) => &p.text.text,
            Block::Item(it, _) => &it.text.text,
            Block::Heading(h) => &h.text.text,
            _ => continue,
        };
        if !NON_GOAL_PHRASE.is_match(text) {
            continue;
        }
        g.non_goals_stated = true;
        let intro_reason = NON_GOAL_REASON.is_match(&NON_GOAL_PHRASE.replace_all(text, ""));
        if !text.trim_end().ends_with(':') {
            continue;
        }
        let mut run = Vec::new();
        let mut depth = None;
        while i < blocks.len() {
            match blocks[i] {
                Block::Item(item, idx) => {
                    let d = *depth.get_or_insert(item.depth);
                    if item.depth == d {
                        push_item(doc, g, idx, Kind::NonGoal, &mut run);
                    }
                }
                Block::Code(c) if run.is_empty() && !c.is_mermaid() => {
                    push_code_lines(doc, c.body, g, &mut run);
                    i += 1;
                    break;
                }
                _ => break,
            }
            i += 1;
        }
        let outro =
            matches!(blocks.get(i), Some(Block::Para(p)) if NON_GOAL_REASON.is_match(&p.text.text));
        if intro_reason || outro {
            for &k in &run {
                g.non_goals[k].shared_reason = true;
            }
        }
    }
}

/// The outline level of the heading at `span` (component titles sit below their parent).
fn effective_level(doc: &Document, span: Span) -> u8 {
    doc.section_index(span)
        .map(|i| doc.sections[i].level)
        .unwrap_or(6)
}

/// A statement is a technical target when labelled so, or when an unlabeled one talks
/// about performance, scale or reliability.
fn technical(kind: Kind, text: &str) -> bool {
    match kind {
        Kind::Technical => true,
        Kind::Unlabeled => TECHNICAL_WORDS.is_match(text),
        _ => false,
    }
}

/// Whether GOL202 reports this sentence as part of a technical goal without a number;
/// GOL203 then leaves its vague words alone, so one problem gets one diagnostic.
fn unmeasured_target(g: &Goals, s: &Statement, sentence: &str) -> bool {
    if g.statements.iter().any(|s| s.top_item) {
        let top = &g.statements[s.group];
        top.top_item && technical(top.kind, &top.text) && !measurable(&top.text)
    } else {
        technical(s.kind, sentence) && !measurable(sentence)
    }
}

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
