//! Parse errors in plain words, at a narrow place. The parser's messages name grammar
//! tokens ("unexpected statement separator; expected text") and some carry byte offsets;
//! a reader wants to know what is wrong with the line they wrote.

use super::adapter::Sym;
use crate::re::Regex;
use std::sync::LazyLock;

static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[(,]?\s*\bat (?:byte |offset |position |index )?\d+(?:\.\.\d+)?\)?")
        .expect("offset pattern")
});
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Diagram parse error \([^)]*\):\s*|[a-zA-Z0-9_-]+ parser recovered after parse error:\s*)")
        .expect("prefix pattern")
});
static UNTERMINATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Unterminated (.+?)(?:\s*\(missing `(.+)`\)|;\s*missing '(.+)')$")
        .expect("unterminated pattern")
});
static INACTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"inactivate an inactive participant \((.+)\)").expect("inactive pattern")
});

/// What is known about where an error is.
pub(super) struct Place<'a> {
    /// The parser's span, a range of the diagram text.
    pub at: Option<(usize, usize)>,
    /// Whether that span is the fault itself rather than a fallback (the end of the text).
    pub exact: bool,
    /// The diagram type line.
    pub header: (usize, usize),
    /// What the parser recognised before it stopped.
    pub syms: &'a [Sym],
    pub flowchart: bool,
}

impl Place<'_> {
    pub fn at_header(header: (usize, usize)) -> Place<'static> {
        Place {
            at: None,
            exact: false,
            header,
            syms: &[],
            flowchart: false,
        }
    }
}

/// `(where, message)` for a parse error reported as `raw` at `place`.
pub(super) fn describe(raw: &str, text: &str, place: Place) -> ((usize, usize), String) {
    let Place {
        at: span,
        exact,
        header,
        syms,
        flowchart,
    } = place;
    let mut m = PREFIX.replace(raw.trim(), "").to_string();
    m = OFFSET.replace_all(&m, "").to_string();
    if let Some(first) = m.lines().next() {
        m = first.trim().to_string();
    }
    let at = match span {
        Some((a, b)) => narrow(text, a, b),
        None => header,
    };

    // A misspelt diagram keyword fails on the first line.
    let keyword = first_word(&text[header.0..header.1]);
    if at.0 == header.0 && !super::KEYWORDS.contains(&keyword) {
        if let Some(s) = super::suggest_keyword(keyword) {
            return (
                (header.0, header.0 + keyword.len()),
                format!("`{keyword}` is not a diagram type; did you mean `{s}`?"),
            );
        }
    }

    if let Some(c) = INACTIVE.captures(&m) {
        let who = c[1].trim().to_string();
        let line = find_line(text, &format!("deactivate {who}")).unwrap_or(at);
        return (
            line,
            format!("`deactivate {who}`, but {who} is not active at this point"),
        );
    }
    if m.contains("contains structural characters") {
        let found = if exact {
            None
        } else {
            broken_label(text, syms)
        };
        let place = found.or_else(|| label_opener(text, at.0)).unwrap_or(at);
        return (
            place,
            "this node label contains brackets or parentheses that Mermaid reads as syntax; put the label in double quotes (`A[\"…\"]`)".into(),
        );
    }
    if m == "Unterminated flowchart pipe edge label" {
        return (
            at,
            "the arrow label opened with `|` is never closed; add the closing `|`".into(),
        );
    }
    if let Some(c) = UNTERMINATED.captures(&m) {
        let what = c[1].replace("string literal", "quoted text");
        let close = c.get(2).or(c.get(3)).map(|x| x.as_str()).unwrap_or("");
        let close = close.split(" or ").next().unwrap_or(close);
        return (at, format!("the {what} is never closed; add `{close}`"));
    }
    if let Some(what) = m.strip_prefix("EOF inside ") {
        return (
            at,
            format!("the {what} is never closed; add the closing `}}`"),
        );
    }
    if m == "Unexpected character" || m == "unexpected token" {
        let found = found_text(text, at);
        return (at, format!("unexpected {found} here"));
    }
    if let Some(rest) = m.strip_prefix("unexpected ") {
        let (found_token, expected) = match rest.split_once("; expected ") {
            Some((f, e)) => (f, Some(e)),
            None => (rest, None),
        };
        let expected: Vec<String> = expected
            .map(|e| e.split(", ").map(expected_name).collect())
            .unwrap_or_default();
        let expects = |s: &str| expected.iter().any(|e| e == s);
        let end_of_input =
            found_token.starts_with("end of input") || found_token.starts_with("EOF");
        if end_of_input && expects("`end`") {
            if let Some((line, keyword)) = unclosed_block(text) {
                return (
                    line,
                    format!(
                        "this `{keyword}` block is never closed; add `end` after its last line"
                    ),
                );
            }
            return (
                at,
                "the diagram ends while a block is still open; close it with `end`".into(),
            );
        }
        if end_of_input && expects("`}`") {
            return (
                at,
                "the diagram ends while a `{` is still open; close it with `}`".into(),
            );
        }
        let found = if end_of_input {
            "the end of the diagram".to_string()
        } else {
            found_text(text, at)
        };
        for keyword in ["end", "else", "and", "option"] {
            if found == format!("`{keyword}`") && !expects(&format!("`{keyword}`")) {
                let message = if keyword == "end" && flowchart {
                    "`end` closes a subgraph and cannot be a node name; write `End` or `done` instead (or close a `subgraph` that is open)".to_string()
                } else if keyword == "end" {
                    "`end` has nothing to close here: no block (`alt`, `loop`, `opt`, `par`, …) is open".to_string()
                } else {
                    format!("`{keyword}` is only allowed inside a block that has branches (`alt`, `par`, `critical`)")
                };
                return (at, message);
            }
        }
        let lead = if found.starts_with("the end") {
            "the line stops here".to_string()
        } else {
            format!("unexpected {found} here")
        };
        let expected: Vec<String> = if expected.iter().any(|e| e == "zero or more") {
            vec!["a cardinality marker (`||`, `|o`, `o{`, `|{`)".to_string()]
        } else if expects("`:`") {
            // `:::` (a style class) is possible there too, but the label is what is missing.
            vec!["`:` followed by a label".to_string()]
        } else {
            expected
        };
        let message = if expected.is_empty() {
            lead
        } else if expected.len() > 5 {
            format!(
                "{lead}; Mermaid expects one of {}, …",
                expected[..4].join(", ")
            )
        } else {
            format!("{lead}; Mermaid expects {}", or_list(&expected))
        };
        return (at, message);
    }
    if m.chars().count() > 160 {
        m = m.chars().take(157).collect::<String>() + "…";
    }
    (at, m)
}

fn first_word(s: &str) -> &str {
    s.split(|c: char| c.is_whitespace() || c == ';')
        .next()
        .unwrap_or("")
}

/// What the reader wrote at `at`: "`>`", "the end of the line".
fn found_text(text: &str, at: (usize, usize)) -> String {
    let s = text.get(at.0..at.1).unwrap_or("").trim();
    if s.is_empty() {
        if at.0 >= text.trim_end().len() {
            "the end of the diagram".into()
        } else {
            "the end of the line".into()
        }
    } else if s.chars().count() > 30 {
        format!("`{}…`", s.chars().take(29).collect::<String>())
    } else {
        format!("`{s}`")
    }
}

fn expected_name(token: &str) -> String {
    let t = token.trim();
    if let Some(q) = t.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        return match q {
            "sequence diagram" => "`sequenceDiagram`".into(),
            other => format!("`{other}`"),
        };
    }
    match t {
        "statement separator" | "newline" => "a new line".into(),
        "node identifier" | "identifier" | "name" => "a name".into(),
        "text" => "text (after a `:`)".into(),
        "colon" => "`:`".into(),
        "style separator" => "`:::`".into(),
        "str" | "string literal" => "a quoted string".into(),
        "edge label" => "an arrow label".into(),
        "edge operator" => "an arrow (`-->`)".into(),
        "message operator" => "an arrow (`->>`)".into(),
        "diagram direction" => "a direction (TD, LR, …)".into(),
        other => other.to_string(),
    }
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A narrow place to point at: a span that is only a line break becomes the end of the
/// line before it; a span across lines keeps its first line of content.
pub(super) fn narrow(text: &str, a: usize, b: usize) -> (usize, usize) {
    let a = a.min(text.len());
    let b = b.clamp(a, text.len());
    let s = &text[a..b];
    if s.trim().is_empty() {
        let before = text[..a].trim_end_matches([' ', '\t', '\r', '\n']);
        return (before.len(), before.len());
    }
    match s.find('\n') {
        Some(i) if s[..i].trim().is_empty() => {
            let rest = &s[i + 1..];
            let lead = rest.len() - rest.trim_start().len();
            let start = a + i + 1 + lead;
            let end = text[start..b].find('\n').map(|j| start + j).unwrap_or(b);
            (start, end)
        }
        Some(i) => (a, a + s[..i].trim_end().len()),
        None => (a, b),
    }
}

/// The trimmed line whose content starts with `needle`.
fn find_line(text: &str, needle: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with(needle) {
            let lead = line.len() - line.trim_start().len();
            return Some((at + lead, at + lead + t.len()));
        }
        at += line.len();
    }
    None
}

/// The node label that opens before `at` on the last line with content: from its `[`,
/// `(` or `{` to the end of that line.
fn label_opener(text: &str, at: usize) -> Option<(usize, usize)> {
    let before = text[..at.min(text.len())].trim_end();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = &before[line_start..];
    // The first opener that follows a name character: `API[`, `B(`.
    let bytes = line.as_bytes();
    let open = (1..bytes.len()).find(|&i| {
        matches!(bytes[i], b'[' | b'(' | b'{')
            && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')
    })?;
    Some((line_start + open, line_start + line.len()))
}

/// A node whose label the parser could not read: a node mention followed by `[`, `(` or
/// `{` with no label recognised there. From the opener to the end of its line.
fn broken_label(text: &str, syms: &[Sym]) -> Option<(usize, usize)> {
    let labels: Vec<usize> = syms
        .iter()
        .filter(|s| s.detail == "flowchart node label")
        .map(|s| s.span.0)
        .collect();
    let mut nodes: Vec<&Sym> = syms
        .iter()
        .filter(|s| s.detail == "flowchart node")
        .collect();
    nodes.sort_by_key(|s| s.span.0);
    nodes.iter().find_map(|n| {
        let end = n.span.1;
        let next = text[end..].chars().next()?;
        if matches!(next, '[' | '(' | '{' | '>') && !labels.contains(&end) {
            let line_end = text[end..]
                .find('\n')
                .map(|i| end + i)
                .unwrap_or(text.len());
            Some((end, text[..line_end].trim_end().len().max(end)))
        } else {
            None
        }
    })
}

/// The last block opener (`alt`, `loop`, `subgraph`, …) that no `end` closes: its trimmed
/// line and keyword.
fn unclosed_block(text: &str) -> Option<((usize, usize), &'static str)> {
    const OPENERS: &[&str] = &[
        "alt", "opt", "loop", "par", "par_over", "critical", "break", "rect", "box", "subgraph",
    ];
    let mut open: Vec<((usize, usize), &'static str)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let word = first_word(t);
        let lead = line.len() - line.trim_start().len();
        let span = (at + lead, at + lead + t.len());
        if let Some(k) = OPENERS.iter().find(|k| **k == word) {
            open.push((span, k));
        } else if word == "end" {
            open.pop();
        }
        at += line.len();
    }
    open.pop()
}
