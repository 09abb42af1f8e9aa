//! How the goals section is read: its parts (business, user, technical goals and
//! non-goals) from sub-headings, bold labels and phrases, each statement with its kind,
//! and the wording tests the GOL rules share (user-framed, measurable, a reason given).

use super::blocks::{self, bold_label, Block};
use super::util;
use crate::document::prose::{has_quantity, split_sentences};
use crate::document::{normalize_heading, Document, Section, TextRun};
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

/// What a part of the goals section is about, from its sub-heading or bold label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Business,
    Technical,
    NonGoal,
    Unlabeled,
}

pub(super) static NON_GOAL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:non ?goals?|out of scope|not in scope|outside (?:the |our )?scope|scope boundar(?-u:\w)*|what (?:we|i) did not build|what (?:we|i) didnt build|explicitly out of scope|exclusions?|excluded|not doing|wont do|wont build|anti goals?|deliberately left out|left out)(?-u:\b)")
        .expect("non-goal label pattern")
});
pub(super) static TECHNICAL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:technical|engineering|performance|non functional|nonfunctional|system|quality|reliability|scalability|nfr)(?-u:\b).*|.*(?-u:\b)(?:targets?|slos?|slas?)$)")
        .expect("technical label pattern")
});
pub(super) static BUSINESS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:business|user|users|product|customer|functional|primary)(?-u:\b).*|.*(?-u:\b)(?:problem|pain points?|who benefits|the why)(?-u:\b).*|why(?-u:\b).*)")
        .expect("business label pattern")
});

pub(super) fn classify_label(text: &str) -> Kind {
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
pub(super) static TECHNICAL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    // Nouns of a target, not adjectives: "scalable" alone is GOL203's business.
    Regex::new(r"(?i)(?-u:\b)(?:latency|latencies|throughput|p\d{2,3}|response times?|uptime|availability|concurrent (?:users|connections|requests|sessions)|concurrency|scalability|scale (?:to|up|out)|at scale|performance|load times?|page loads?|under load|load tests?|rps|qps|requests? per|req/s|reliability|fault[- ]toleran(?-u:\w)*|failover|durability|error rates?|speed|memory (?:use|usage|footprint)|cpu|bundle size|lighthouse|test coverage|accuracy|sub-second|time to (?:first|interactive)|cold starts?)(?-u:\b)")
        .expect("technical words pattern")
});

/// A goal framed around a person's problem or what changes for them.
pub(super) static USER_FRAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:problems?|pain(?:ful| points?)?|struggl(?-u:\w)*|frustrat(?-u:\w)*|lose|loses|losing|lost|wast(?-u:\w)*|hard to|difficult(?-u:\w)*|tedious|manual(?:ly)?|error[- ]prone|time[- ]consuming|cannot|can't|can not|unable|forget(?-u:\w)*|overkill|lock[- ]in|so that|so (?:they|users?|customers?|sellers?|buyers?|teams?|developers?|people|students?|admins?|readers?|players?|members?) (?:can|could|don't|do not|never|no longer|stop)|without (?:needing|having|writing|leaving|manual(?-u:\w)*|waiting|any|a |an |the )|no longer|never|instead of|reduc(?-u:\w)*|sav(?:e|es|ed|ing)|cut(?:s|ting)? (?:down|the|their|costs?|time)|avoid(?-u:\w)*|prevent(?-u:\w)*|eliminat(?-u:\w)*|in one place|who (?:need|want|struggle|have|lack)|empower(?-u:\w)*|accessible|simplif(?-u:\w)*|easier|benefit(?-u:\w)*|pay(?:s|ing)? for|costs?|expensive|risk(?-u:\w)*|mistakes?|outage(?-u:\w)*|downtime|churn|abandon(?-u:\w)*|complain(?-u:\w)*|confus(?-u:\w)*|missing out|miss(?:es|ed)?|nobody|no one|by hand)(?-u:\b)")
        .expect("user-framed pattern")
});

/// A sentence about how people fare today: a persona as its subject, with a verb that
/// is not a capability ("Small teams keep passwords in chat", not "Sellers can …").
pub(super) static PERSONA_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:the|our|their|these|those|most|many|some|all|every|each|a|an|\d[\d,.%]*|small|smaller|large|larger|busy|new|independent|local|existing|remote|online|non-technical|first-time|solo|freelance|indie|open-source|early-stage|hobbyist|junior|senior|mid-sized|medium-sized|tiny|rural|older|young|returning|paying|enterprise|student|clinic|shop|store|restaurant|marketplace|support|sales|ops|it|hr)\s+){0,3}(?:users?|customers?|clients?|teams?|people|developers?|engineers?|sellers?|buyers?|vendors?|students?|teachers?|patients?|clinics?|doctors?|nurses?|owners?|businesses|companies|shops?|restaurants?|players?|members?|readers?|writers?|admins?|administrators?|operators?|drivers?|riders?|families|parents?|volunteers?|employees|staff|managers?|recruiters?|candidates?|organi[sz]ations|researchers?|creators?|farmers?|landlords?|tenants?|travell?ers?|shoppers?|merchants?|hosts?|guests?|maintainers?|contributors?)\s+((?-u:\w)+)")
        .expect("persona subject pattern")
});

pub(super) fn states_user_situation(text: &str) -> bool {
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
pub(super) static COMPARED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:under|below|above|over|at least|at most|within|less than|more than|fewer than|up to|<|>|≤|≥)\s*\d|(?-u:\b)\d[\d,.]*\s*(?:\+|and (?:above|up|higher|later|newer)|or (?:more|less|fewer|higher|later|newer)))")
        .expect("compared number pattern")
});

/// A count of something: "500 clinics", "3 warehouses" (a year is not a count).
pub(super) static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d[\d,.]*)[kKmM]?\+?\s+[a-z][a-z-]{2,}").expect("counted pattern")
});

pub(super) fn measurable(text: &str) -> bool {
    has_quantity(text)
        || COMPARED_NUMBER.is_match(text)
        || COUNTED.captures_iter(text).any(|c| {
            let n = &c[1];
            !(n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
        })
}

/// Phrases that state something is out of scope, in prose or as a list's introduction.
pub(super) static NON_GOAL_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:non[- ]?goals?|out of scope|out-of-scope|not in scope|outside (?:of )?(?:the |our |this )?(?:current |project |initial |v1 |mvp )*scope|beyond the scope of (?:the |this |our )?(?:project|mvp|v1|first version|initial release)|deliberately (?:did not|didn't|chose not to|left out)|(?:we|i) (?:chose|decided|refused) not to (?:build|support|implement|add|include)|feature creep|(?:small|narrow|tight|limited) on purpose|not aiming to (?:build|make|replace|compete)|de-?scoped|cut from (?:the )?scope)(?-u:\b)")
        .expect("non-goal phrase pattern")
});

/// Wording that gives a reason or a decision for leaving something out.
pub(super) static NON_GOAL_REASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:because|since|as (?:we|it|the|our|this|they|most|only)|due to|given|deferred|defer|postponed|later|future|until|once|wait(?:s|ing)?|revisit(?-u:\w)*|next (?:version|release|phase|iteration)|v\d|version \d|phase \d|planned|roadmap|so (?:that|we|the)|to (?:avoid|keep|reduce|focus|limit|ship|stay|save|prevent|simplify|meet)|would (?:require|need|add|mean|take|cost)|requires?|needs?|not needed|unnecessary|no (?:need|demand|users?|time)|too (?:(?-u:\w)+)|instead|rather than|out of (?:budget|time)|time constraints?|budget|cost|overkill|complexity|risk|handled by|covered by|already|only|mvp|scope)(?-u:\b)")
        .expect("non-goal reason pattern")
});

/// One statement in the goals: a list item (with its nested items), a paragraph, or a
/// table row.
pub(super) struct Statement<'a> {
    pub(super) run: &'a TextRun,
    /// Narrow span to report at (the item's text, the row).
    pub(super) span: Span,
    pub(super) kind: Kind,
    /// The item with its nested items, or the paragraph's text.
    pub(super) text: String,
    /// A list item at the top of its group (its children are folded into `text`).
    pub(super) top_item: bool,
    pub(super) table_row: bool,
    /// Index of the top-level statement this one belongs to (itself when top-level).
    pub(super) group: usize,
}

/// One non-goal: a list item or a line of a list written in a code block.
pub(super) struct NonGoal {
    pub(super) span: Span,
    pub(super) text: String,
    /// The sentence introducing or closing the list already gives the reason.
    pub(super) shared_reason: bool,
}

/// The goals as the rules read them.
pub(crate) struct Goals<'a> {
    pub(super) section: Option<&'a Section>,
    pub(super) statements: Vec<Statement<'a>>,
    /// Where the business/user and technical goals are labelled, if they are.
    pub(super) business_anchor: Option<Span>,
    pub(super) technical_anchor: Option<Span>,
    pub(super) non_goals: Vec<NonGoal>,
    /// A non-goal stated anywhere (a section, a label, or a sentence).
    pub(super) non_goals_stated: bool,
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
pub(super) fn read_region<'a>(doc: &'a Document, span: Span, base: Kind, g: &mut Goals<'a>) {
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

pub(super) fn anchor(g: &mut Goals, kind: Kind, span: Span) {
    match kind {
        Kind::Business => g.business_anchor = g.business_anchor.or(Some(span)),
        Kind::Technical => g.technical_anchor = g.technical_anchor.or(Some(span)),
        Kind::NonGoal => g.non_goals_stated = true,
        Kind::Unlabeled => {}
    }
}

/// Adds list item `idx` (with its nested items folded in) as a goal or a non-goal.
pub(super) fn push_item<'a>(
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
pub(super) fn push_code_lines(doc: &Document, body: Span, g: &mut Goals, run: &mut Vec<usize>) {
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
pub(super) fn read_phrase_lists<'a>(doc: &'a Document, covered: &[Span], g: &mut Goals<'a>) {
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
pub(super) fn effective_level(doc: &Document, span: Span) -> u8 {
    doc.section_index(span)
        .map(|i| doc.sections[i].level)
        .unwrap_or(6)
}

/// A statement is a technical target when labelled so, or when an unlabeled one talks
/// about performance, scale or reliability.
pub(super) fn technical(kind: Kind, text: &str) -> bool {
    match kind {
        Kind::Technical => true,
        Kind::Unlabeled => TECHNICAL_WORDS.is_match(text),
        _ => false,
    }
}

/// Whether GOL202 reports this sentence as part of a technical goal without a number;
/// GOL203 then leaves its vague words alone, so one problem gets one diagnostic.
pub(super) fn unmeasured_target(g: &Goals, s: &Statement, sentence: &str) -> bool {
    if g.statements.iter().any(|s| s.top_item) {
        let top = &g.statements[s.group];
        top.top_item && technical(top.kind, &top.text) && !measurable(&top.text)
    } else {
        technical(s.kind, sentence) && !measurable(sentence)
    }
}
