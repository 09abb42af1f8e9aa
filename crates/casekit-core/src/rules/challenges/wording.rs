//! The wording the CHL rules share: what says a part in words (why it was hard, an
//! alternative weighed, a trade-off), before→after figures, and what names something a
//! reader could look up.

use super::super::util;
use super::*;
use crate::document::Document;
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

pub(super) static NUMBERED_CHALLENGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:challenge|bug|problem|issue|incident|obstacle|hurdle|pitfall)\s*(?:no\s*)?\d+(?-u:\b)",
    )
    .expect("numbered challenge pattern")
});
/// "Challenge 1 — ", "Bug 2: " before a challenge's own title.
pub(super) static NUMBERED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:challenge|bug|problem|issue|incident|obstacle|hurdle|pitfall)\s*#?\s*\d+\s*(?:[:.—–-]\s*)?")
        .expect("numbered label pattern")
});
pub(super) static NUMBERING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d+(?:\.\d+)*)\.?\s+").expect("numbering pattern"));

pub(super) static PROBLEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:the (?:problem|issue|symptom|bug|challenge) (?:was|is|here)|symptoms?|we (?:noticed|saw|found|observed|discovered|ran into|hit|encountered|realized|realised|faced)|ran into|(?:was|were|kept) (?:failing|crashing|timing out|slow)|failed|crash(?-u:\w)*|timed? ?out|timeouts?|bottlenecks?|latenc(?-u:\w)+|errors?|broke|broken|leak(?-u:\w)*|stuck|spikes?|overwhelm(?-u:\w)*|needed (?:a way|to)|had to)(?-u:\b)")
        .expect("problem pattern")
});
pub(super) static WHY_HARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:because|since|due to|as a result|the (?:challenge|difficulty|hard part|tricky part|catch|issue|problem) (?:is|was)|hard(?:er)?|difficult(?-u:\w)*|tricky|complex(?-u:\w)*|complicat(?-u:\w)*|non-trivial|however|but|not enough|insufficient|couldn't|could not|cannot|can't|wouldn't|would not|does not|doesn't|did not|didn't|is not|isn't|was not|wasn't|not easily|limit(?:s|ed|ation|ations)?|constrain(?-u:\w)*|naive(?-u:\w)*|obvious|must|without|overwhelm(?-u:\w)*|conflict(?-u:\w)*|concurren(?-u:\w)*|at scale|tedious|error-prone|time-consuming|brittle|fragile|risk(?-u:\w)*|expensive|unfamiliar|learning curve)(?-u:\b)")
        .expect("why-hard pattern")
});
pub(super) static ALTERNATIVES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:we|i|they) (?:also )?consider(?:ed)?|considered|considering|alternatives?|options considered|(?:another|one|other|alternative|both|either|these|those|the (?:first|second|other|obvious|only|simplest|naive)) (?:(?-u:\w)+ )?options?|instead(?: of)?|(?:didn't|did not|don't|do not|chose not to|decided not to) (?:use|choose|pick|go with|adopt)|why not|rather than|vs\.?|versus|compared (?:to|with)|comparison|in contrast|another (?:approach|option|way|solution|choice|alternative)|one (?:approach|option|solution|alternative)|(?:two|three|four|several|multiple|a few) (?:(?-u:\w)+ )?(?:approaches|options|ways|solutions|alternatives|mechanisms|strategies|choices|candidates|libraries|types)|(?:initially|originally|at first) (?:we |i )?(?:used|tried|chose|implemented|started|built|went with|considered|stored|decided|used)|(?:we|i) (?:tried|evaluated|explored|looked (?:into|at)|prototyped|investigated|weighed|benchmarked)|rejected|ruled out|decided against|opted (?:not|against)|(?:chose|picked|selected|preferred|went with|opted for|settled on)(?-u:\b)[^.]{0,60}(?-u:\b)over|switched (?:from|to)|migrated (?:from|to)|replaced|moved (?:away )?from|the obvious (?:solution|approach|fix|choice))(?-u:\b)")
        .expect("alternatives pattern")
});
pub(super) static SOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:solutions?|solved?|solving|fix(?:ed|es)?|resolv(?-u:\w)+|address(?:ed|es)?|mitigat(?-u:\w)+|work(?:ed)? ?around|(?:we|i) (?:(?-u:\w)+ )?(?:added|implemented|built|introduced|switched|moved|chose|used|decided|opted|adopted|wrote|replaced|migrated|enabled|configured|created|designed|split|separated|cached|wrapped|rewrote|set up|changed|made|turned|put|refactored|extracted|applied|increased|reduced|upgraded|went with|settled)|(?:chose|opted|decided|adopted|implemented|introduced|enabled|settled on)|to (?:solve|fix|address|resolve|handle|mitigate|tackle|avoid|prevent|overcome|manage) (?:this|the|it|that|these)|the answer was|(?:our|the) approach)(?-u:\b)")
        .expect("solution pattern")
});
pub(super) static TRADE_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:trade[- ]?offs?|downsides?|drawbacks?|at the (?:cost|expense|price) of|(?:the|a|this|one|an added|added) cost|costs? (?:us|more)|in exchange|sacrific(?-u:\w)+|penalt(?-u:\w)+|overhead|albeit|the catch|accept(?:ed|ing|able)?|compromis(?-u:\w)+|limitations?|caveats?|side[- ]effects?|gave up|give up|giving up|forgo(?-u:\w)*|(?:adds?|added|introduces?|introduced|increases?|increased) (?:(?-u:\w)+ ){0,2}(?:complexity|latency|cost|overhead|delay|friction|risk)|more complex|less (?:flexible|secure|modern|control|granular)|not (?:perfect|ideal)|(?:extra|additional|higher) (?:(?-u:\w)+ )?(?:cost|costs|latency|complexity|infrastructure|maintenance)|the (?:price|cost) (?:is|was)|at the price|upside|the flip side|on the other hand|on purpose|deliberate(?:ly)?|by design|intentional(?:ly)?|by choice|(?:has|have|had|offers?|with) (?:(?-u:\w)+ ){0,2}advantages?)(?-u:\b)")
        .expect("trade-off pattern")
});

/// Whether a text says a part in words.
pub(super) fn says(f: Facet, text: &str) -> bool {
    match f {
        Facet::Alternatives => mentions_alternative(text),
        _ => facet_wording(f).is_match(text),
    }
}

pub(super) fn facet_wording(f: Facet) -> &'static Regex {
    match f {
        Facet::Problem => &PROBLEM,
        Facet::WhyHard => &WHY_HARD,
        Facet::Alternatives => &ALTERNATIVES,
        Facet::Solution => &SOLUTION,
        Facet::TradeOff => &TRADE_OFF,
    }
}

pub(super) static STATED_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(two|three|four|five|six|several|multiple|a few|2|3|4|5)\s+(?:(?-u:\w)+\s+)?(?:approaches|options|ways|solutions|alternatives|mechanisms|strategies|choices|candidates|libraries|types|designs|methods)(?-u:\b)")
        .expect("stated count pattern")
});
pub(super) static VERSUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:vs\.?|versus|compared (?:to|with)|(?:consider(?:ed|ing)|evaluated|explored|looked (?:into|at)) [^.]{1,80}(?:,| and | or )|(?:instead of|rather than|(?:didn't|did not) use) [^.,;]{1,80}(?: or | and ))")
        .expect("versus pattern")
});

/// Alternatives a sentence names: a stated count ("three mechanisms"), a comparison
/// (two), any other mention of an option (one).
pub(super) fn alternatives_in(text: &str) -> usize {
    if let Some(c) = STATED_COUNT.captures(text) {
        return match c[1].to_ascii_lowercase().as_str() {
            "three" | "3" => 3,
            "four" | "4" => 4,
            "five" | "5" => 5,
            "six" => 6,
            _ => 2,
        };
    }
    if VERSUS.is_match(text) {
        return 2;
    }
    // Neither a count nor a comparison: only the other mentions remain to look for.
    usize::from(names_an_option(text))
}

/// [`alternatives_in`] for each unit of a challenge.
pub(super) fn units_alternatives(units: &[(Span, String)]) -> Vec<usize> {
    units.iter().map(|(_, t)| alternatives_in(t)).collect()
}

/// "Instead of failing loudly, the parser skipped the row" describes what a system
/// did, not an option the authors weighed.
pub(super) static BEHAVIOUR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:instead of|rather than)\s+(?:raising|throwing|returning|failing|crashing|erroring|reporting|logging|showing|surfacing|retrying|waiting|blocking)(?-u:\b)")
        .expect("behaviour pattern")
});

/// Whether a text mentions an option weighed.
pub(super) fn mentions_alternative(text: &str) -> bool {
    VERSUS.is_match(text) || STATED_COUNT.is_match(text) || names_an_option(text)
}

/// The alternatives wording, less "instead of failing" and the like (behaviour, not an
/// option).
pub(super) fn names_an_option(text: &str) -> bool {
    ALTERNATIVES.find_iter(text).any(|m| {
        let w = m.as_str().to_ascii_lowercase();
        !(w.starts_with("instead") || w.starts_with("rather than")) || !BEHAVIOUR.is_match(text)
    })
}

pub(super) static PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]*\)").expect("parens"));
pub(super) static EXPLANATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s(?:—|--|–|-)\s.*$").expect("explanation"));
pub(super) static LIST_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i),|\s+or\s+|\s+and\s+|\s*/\s*|·").expect("list separator"));

/// Options a labelled prose part lists between semicolons (commas inside an item are
/// its own explanation, not more options); text in parentheses is left out.
pub(super) fn semicolon_items(text: &str) -> usize {
    PARENS
        .replace_all(text, "")
        .split(';')
        .filter(|seg| seg.chars().any(|c| c.is_alphanumeric()))
        .count()
}

/// Items listed in an alternatives cell: "Mongoose transactions (…); pessimistic locks"
/// is two, "Single cookie with role claim — ambiguous when …" is one.
pub(super) fn count_listed(cell: &str) -> usize {
    let no_parens = PARENS.replace_all(cell, "");
    no_parens
        .split(';')
        .map(|seg| {
            let seg = EXPLANATION.replace(seg, "");
            LIST_SEP
                .split(&seg)
                .filter(|p| p.chars().any(|c| c.is_alphanumeric()))
                .count()
        })
        .sum()
}

/// "From X to Y", checked apart because a range ("files from 2 MB to 8 MB") is not a
/// change.
pub(super) static FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)from\s+(?:about\s+|around\s+|roughly\s+|over\s+|~|≈)?[$€£]?\d[\d.,]*\s*[%a-zµ/]*\s+(?:down\s+|up\s+)?to\s+(?:about\s+|around\s+|under\s+|below\s+|~|≈)?[$€£]?\d",
    )
    .expect("from-to pattern")
});
/// The other ways of giving a before→after figure, as one pattern (one scan of the
/// text instead of eleven).
pub(super) static BEFORE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives = [
        r"\d[\d.,]*\s*[%a-zA-Zµ/]*\s*(?:→|->|=>|⟶|➡)\s*(?:~|≈)?[$€£]?\d",
        r"(?i)(?-u:\b)(?:reduc|cut|drop|fell|fall|decreas|improv|increas|rose|rise|grew|sped|speed|lower|boost|shr[ai]nk|halv|doubl|tripl|sav)(?-u:\w)*(?-u:\b)[^.;]{0,60}?(?-u:\b)by\s+(?:about\s+|around\s+|~|≈)?\d[\d.,]*\s*(?:%|x(?-u:\b)|×|times|ms(?-u:\b)|s(?-u:\b)|seconds|percent)",
        r"(?i)(?-u:\b)\d[\d.,]*\s*(?:x|×|times)\s+(?:faster|slower|fewer|more|less|higher|lower|smaller|larger|cheaper|improvement|increase|reduction|speed-?up)",
        r"(?i)\d[\d.,]*\s*(?:%|x|×)\s+(?:relative\s+)?(?:increase|decrease|reduction|improvement|faster|drop|fewer|less|lower|higher|speed-?up)",
        r"(?i)(?-u:\b)(?:whereas|while)\s+(?:previously|before|earlier|initially)(?-u:\b)[^.]*\d",
        r"(?i)\d[^.]*(?-u:\b)(?:compared|relative)\s+(?:to|with)\s+(?:the\s+|our\s+)?(?:prior|previous|initial|original|old|baseline|earlier|first)(?-u:\b)",
        r"(?i)(?-u:\b)(?:compared|relative)\s+(?:to|with)\s+(?:the\s+|our\s+)?(?:prior|previous|initial|original|old|baseline|earlier|first)(?-u:\b)[^.]*\d",
        r"(?i)\d[^.]*(?-u:\b)(?:dropped|fell|rose|jumped|climbed|grew|shrank|decreased|increased|improved|went down|went up)(?-u:\b)[^.]{0,40}(?-u:\b)to\s+(?:about\s+|~|≈)?\d",
        r"(?i)(?-u:\b)before(?-u:\b)[^.]{0,80}\d[^.]{0,80}(?-u:\b)after(?-u:\b)[^.]{0,80}\d",
        r"(?i)\d[^.]*(?-u:\b)(?:compared|relative)\s+(?:to|with)(?-u:\b)|(?-u:\b)(?:compared|relative)\s+(?:to|with)(?-u:\b)[^.]*\d",
        r"(?i)(?-u:\b)\d+/\d+\s+(?:of|the)(?-u:\b)|(?-u:\b)\d[\d.,]*\s*(?:x|×)\s+(?:difference|cheaper|more expensive|the (?:cost|price|throughput|latency|number))",
    ];
    let scoped: Vec<String> = alternatives
        .iter()
        .map(|p| match p.strip_prefix("(?i)") {
            Some(rest) => format!("(?i:{rest})"),
            None => format!("(?:{p})"),
        })
        .collect();
    Regex::new(&scoped.join("|")).expect("before-after pattern")
});

/// Whether a text gives a before→after figure ("from 3.2 s to 45 ms", "2.5s → 1.0s",
/// "cut by 40%", "1.8× the previous number").
pub(crate) fn before_after(text: &str) -> bool {
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // "files (from 2 MB to 8 MB) are accepted" is a range, not a change.
    FROM_TO
        .find_iter(text)
        .any(|m| !RANGE.is_match(&text[..m.start()]))
        || BEFORE_AFTER.is_match(text)
}

pub(super) static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\(\s*|(?-u:\b)(?:rang(?-u:\w)*|vary(?-u:\w)*|varied|between|sized?|sizes)\s+)$",
    )
    .expect("range pattern")
});

pub(super) static FAILURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:crash(?-u:\w)*|timed? ?out|timeouts?|ran out|out of memory|oom|leak(?-u:\w)*|hung|hangs?|deadlock(?-u:\w)*|race conditions?|duplicat(?-u:\w)+|lost|dropp(?-u:\w)+|stale|negative|silently|throttl(?-u:\w)+|overwr(?-u:\w)+|corrupt(?-u:\w)*|inconsistent|expired?|mismatch(?-u:\w)*|truncat(?-u:\w)+|spik(?-u:\w)+|never (?:received|arrived|delivered|reached)|disconnect(?-u:\w)*|froze|freez(?-u:\w)+|failed|failing|fails|rejected|broke|broken|wrong|missing|blank|overs[oe]l(?-u:\w)*|flak(?-u:\w)+|bottleneck(?-u:\w)*|unresponsive|orphan(?-u:\w)*|infinite loop|memory)(?-u:\b)")
        .expect("failure pattern")
});
pub(super) static CAMEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*)(?-u:\b)")
        .expect("camel pattern")
});
pub(super) static CAPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Z][A-Z0-9]{1,}[a-z]?(?-u:\b)").expect("acronym pattern")
});
pub(super) static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?-u:\w)+\.(?:js|io|py|rs|go|net|ts|dev|sh)(?-u:\b)|(?-u:\b)[a-z]+\d+(?-u:\b)")
        .expect("dotted pattern")
});
pub(super) static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)\d{2,}(?-u:\b)|(?-u:\b)\d+(?:\.\d+)+(?-u:\b)").expect("number pattern")
});

/// Acronyms too general to name anything.
pub(super) const GENERIC_CAPS: &[&str] = &[
    "UI", "UX", "API", "APIS", "DB", "OK", "ID", "IDS", "MVP", "TODO", "TBD", "FAQ", "CRUD", "URL",
];

/// Whether a text names something a reader could look up: a figure, inline code, a
/// technology (a known name, an acronym, a camel-cased or dotted name) or, in running
/// prose (`title_case` false), a capitalised word inside a sentence.
pub(crate) fn names_something(
    doc: &Document,
    text: &str,
    source: Option<Span>,
    profile: &Profile,
    title_case: bool,
) -> bool {
    if prose::has_quantity(text) || NUMBER.is_match(text) {
        return true;
    }
    if source.is_some_and(|s| doc.slice(s).contains('`')) {
        return true;
    }
    if CAMEL.is_match(text) || DOTTED.is_match(text) {
        return true;
    }
    if CAPS.find_iter(text).any(|m| {
        !GENERIC_CAPS.contains(
            &m.as_str()
                .trim_end_matches('s')
                .to_ascii_uppercase()
                .as_str(),
        )
    }) {
        return true;
    }
    let lower = text.to_lowercase();
    let openings = util::Openings::of(&lower);
    if profile
        .vocabulary
        .named_tools
        .iter()
        .any(|w| openings.may_open(w) && has_phrase(&lower, w))
    {
        return true;
    }
    if !title_case {
        for r in prose::split_sentences(text) {
            let mut prev: Option<&str> = None;
            for w in text[r].split_whitespace() {
                let starts_clause = prev.is_none_or(|p| {
                    p.ends_with([':', '.', '!', '?', '—', '-', '(', '"']) || p == "-" || p == "–"
                });
                let word = w.trim_matches(|c: char| !c.is_alphanumeric());
                let cap = word.chars().next().is_some_and(|c| c.is_uppercase())
                    && word.chars().count() >= 2
                    && word.chars().skip(1).any(|c| c.is_lowercase());
                if cap && !starts_clause {
                    return true;
                }
                prev = Some(w);
            }
        }
    }
    false
}

/// `phrase` (lower case) in `lower` on word boundaries.
pub(crate) fn has_phrase(lower: &str, phrase: &str) -> bool {
    find_phrase(lower, phrase).is_some()
}

/// Byte range of `phrase` (lower case) in `lower` on word boundaries.
pub(crate) fn find_phrase(lower: &str, phrase: &str) -> Option<std::ops::Range<usize>> {
    // Vocabulary is written in lower case already; only lower-case what is not.
    let p: std::borrow::Cow<str> = if phrase.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        phrase.to_lowercase().into()
    } else {
        phrase.into()
    };
    first_on_boundaries(lower, p.len(), |from| {
        crate::search::find_at(lower, &p, from)
    })
}

/// The first match on word boundaries of a `len`-byte phrase in `lower`, where
/// `find_at(from)` finds the phrase's next occurrence at or after `from`.
pub(crate) fn first_on_boundaries(
    lower: &str,
    len: usize,
    find_at: impl Fn(usize) -> Option<usize>,
) -> Option<std::ops::Range<usize>> {
    if len == 0 {
        return None;
    }
    let mut from = 0;
    while let Some(start) = find_at(from) {
        let end = start + len;
        let before = lower[..start].chars().next_back();
        let after = lower[end..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
        if edge(before) && edge(after) {
            return Some(start..end);
        }
        from = start + len;
        while from < lower.len() && !lower.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// Words of a span for comparing section lengths: prose words plus table-cell words.
pub(crate) fn words_with_tables(doc: &Document, span: Span) -> u32 {
    let mut n = doc.prose().words_in(span);
    for t in Document::in_span(&doc.tables, span) {
        for c in t.rows.iter().flatten() {
            n += prose::count_words(&c.text.text).0;
        }
    }
    n
}
