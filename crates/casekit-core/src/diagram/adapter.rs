//! The one adapter from the parser's output to [`super::model`]: Mermaid's own JSON model
//! (the shape Mermaid's diagram databases have) plus the parser's source symbols (names with
//! byte spans). The JSON shape is not a stable API, so everything that reads it is here and
//! is covered by golden tests.
//!
//! Catches handled here: sequence message types are Mermaid's line-type numbers; ER
//! relationships point at internal entity ids and carry the two cardinalities swapped;
//! flowchart edges have no spans, so they are placed from the node and label symbols.

use super::model::*;
use crate::source::Span;
use serde_json::Value;
use std::collections::BTreeSet;

/// A symbol the parser saw in the source: a node, a reference to one, a label, …
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sym {
    pub name: String,
    /// The parser's description of the symbol ("flowchart node", "sequence message", …).
    pub detail: String,
    /// A later mention of something declared earlier.
    pub reference: bool,
    /// The whole symbol (`[Label]`, `: message text`).
    pub span: (usize, usize),
    /// The name alone inside it.
    pub selection: (usize, usize),
}

/// Turns byte offsets in the diagram text into document spans.
#[derive(Clone, Debug)]
pub(crate) struct Mapper {
    /// (offset in the diagram text, offset in the document) at the start of each piece.
    pieces: Vec<(usize, u32)>,
    len: usize,
}

impl Mapper {
    /// The diagram text is the document from `at` on, unchanged.
    pub fn shifted(at: u32, len: usize) -> Mapper {
        Mapper {
            pieces: vec![(0, at)],
            len,
        }
    }

    /// The diagram text was assembled from pieces of the document.
    pub fn pieces(pieces: Vec<(usize, u32)>, len: usize) -> Mapper {
        Mapper { pieces, len }
    }

    pub fn offset(&self, at: usize) -> u32 {
        let at = at.min(self.len);
        let i = self.pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(text, doc)) => doc + (at - text) as u32,
            None => 0,
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let a = self.offset(start);
        let b = self.offset(end.max(start));
        Span {
            start: a,
            end: b.max(a),
        }
    }
}

/// Everything the adapter reads for one diagram.
pub(crate) struct Input<'a> {
    pub json: &'a Value,
    pub syms: &'a [Sym],
    pub text: &'a str,
    pub map: &'a Mapper,
}

impl Input<'_> {
    fn span(&self, r: (usize, usize)) -> Span {
        self.map.span(r.0, r.1)
    }

    /// Symbols whose detail is one of `details`, in source order.
    fn syms(&self, details: &[&str]) -> Vec<&Sym> {
        let mut v: Vec<&Sym> = self
            .syms
            .iter()
            .filter(|s| details.contains(&s.detail.as_str()))
            .collect();
        v.sort_by_key(|s| s.span.0);
        v
    }

    /// The trimmed line holding `at`, as a range of the diagram text.
    fn line(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len());
        let start = self.text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let end = self.text[at..]
            .find('\n')
            .map(|i| at + i)
            .unwrap_or(self.text.len());
        trim_range(self.text, start, end)
    }

    /// The first line of the diagram: where to point when nothing narrower is known.
    fn first_line(&self) -> (usize, usize) {
        let first = self
            .text
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map(|(i, _)| i)
            .unwrap_or(0);
        self.line(first)
    }
}

fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        (start, start)
    } else {
        (start + lead, end - trail)
    }
}

fn str_of<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn items<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key).map(as_items).unwrap_or(&[])
}

fn as_items(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn as_str(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// The fields `keys` (distinct) of the object `v` (`null` where absent), found in one pass
/// over its fields that stops once all are found. A lookup by key hashes the key, which
/// costs more than comparing it with the few fields of one of the parser's objects.
fn fields<'v, const N: usize>(v: &'v Value, keys: [&str; N]) -> [&'v Value; N] {
    let mut found = [&Value::Null; N];
    let mut missing = N;
    for (key, value) in v.as_object().into_iter().flatten() {
        if let Some(i) = keys.iter().position(|k| k == key) {
            found[i] = value;
            missing -= 1;
            if missing == 0 {
                break;
            }
        }
    }
    found
}

/// Text as shown: Mermaid keeps `<br/>` and entity codes in labels; a rule wants words.
///
/// Most labels are plain words, so each step runs only when its marker is present: the
/// line breaks when there is a `<`, the entities (replaced one after the other, so
/// `&amp;lt;` ends as `<`) when there is a `#` or `&`.
pub(crate) fn clean_label(s: &str) -> String {
    if is_plain(s) {
        return s.to_string();
    }
    let mut text = std::borrow::Cow::Borrowed(s);
    if s.contains('<') {
        text = std::borrow::Cow::Owned(strip_line_breaks(s));
    }
    if text.contains(['#', '&']) {
        text = std::borrow::Cow::Owned(
            text.replace("#quot;", "\"")
                .replace("#59;", ";")
                .replace("#35;", "#")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">"),
        );
    }
    // The words joined by single spaces.
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `s` is already clean: ASCII words separated by single spaces, with no markup or
/// entity markers.
fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter().enumerate().all(|(i, &c)| match c {
            b' ' => b[i - 1] != b' ',
            b'<' | b'#' | b'&' => false,
            c => c.is_ascii() && !c.is_ascii_whitespace() && c != 0x0b,
        })
}

/// `<br>`, `<br/>`, `<BR />` … (any tag starting `<br`, any case) as a space.
fn strip_line_breaks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.as_bytes()[..tail.len().min(3)].eq_ignore_ascii_case(b"<br") {
            out.push(' ');
            rest = tail.find('>').map(|j| &tail[j + 1..]).unwrap_or("");
        } else {
            out.push('<');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------

pub(crate) fn flowchart(input: &Input) -> Flowchart {
    let json = input.json;
    let subgraph_ids: Vec<&str> = items(json, "subgraphs")
        .iter()
        .map(|s| str_of(s, "id"))
        .collect();

    // Node mentions in source order, and the label written right after a mention.
    let occ = input.syms(&["flowchart node"]);
    let node_labels = input.syms(&["flowchart node label"]);
    // Looked up by binary search, not by scanning, so a diagram of thousands of edges stays
    // near linear; sorted lists cost less than hash maps for the usual handful of nodes.
    // Where a mention ends with its label: the first label starting where the mention ends.
    let ext_end = |o: &Sym| -> usize {
        let i = node_labels.partition_point(|l| l.span.0 < o.span.1);
        match node_labels.get(i) {
            Some(l) if l.span.0 == o.span.1 => l.span.1,
            _ => o.span.1,
        }
    };
    // Mentions by name; the sort is stable, so each name's first mention comes first.
    let mut by_name = occ.clone();
    by_name.sort_by(|a, b| a.name.cmp(&b.name));
    let first_mention = |id: &str| -> Option<(usize, usize)> {
        let i = by_name.partition_point(|o| o.name.as_str() < id);
        by_name.get(i).filter(|o| o.name == id).map(|o| o.span)
    };

    let nodes: Vec<Node> = items(json, "nodes")
        .iter()
        .filter_map(|n| {
            let [id, label, shape] = fields(n, ["id", "label", "shape"]);
            let id = as_str(id);
            if subgraph_ids.contains(&id) {
                return None;
            }
            let id = id.to_string();
            let label = label
                .as_str()
                .map(clean_label)
                .unwrap_or_else(|| id.clone());
            let shape = shape.as_str().unwrap_or("square").to_string();
            let span = input.span(first_mention(&id).unwrap_or_else(|| input.first_line()));
            Some(Node {
                id,
                label,
                shape,
                span,
            })
        })
        .collect();

    let edge_labels = input.syms(&["flowchart edge label"]);
    let mut label_used = vec![false; edge_labels.len()];
    let mut used_pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut statement_start = 0usize;
    let same_line = |a: usize, b: usize| -> bool {
        let (a, b) = (a.min(b), a.max(b));
        !input.text[a..b].contains('\n')
    };
    let is_arrow = |s: &str| {
        s.contains("--")
            || s.contains("==")
            || s.contains("-.")
            || s.contains("~~")
            || s.contains("->")
    };

    let mut edges = Vec::new();
    for e in items(json, "edges") {
        let [from, to, label, stroke, ty, arrow] =
            fields(e, ["from", "to", "label", "stroke", "type", "arrow"]);
        let from = as_str(from).to_string();
        let to = as_str(to).to_string();
        let label_text = label.as_str().map(clean_label).filter(|l| !l.is_empty());

        // The mention of `to` after the current statement, with the nearest mention of
        // `from` before it on the same line, not used by an earlier edge.
        let mut found: Option<(usize, usize)> = None;
        let first = occ.partition_point(|o| o.span.0 < statement_start);
        'search: for (t, ot) in occ.iter().enumerate().skip(first) {
            if ot.name != to {
                continue;
            }
            for s in (0..t).rev() {
                let os = occ[s];
                if !same_line(os.span.0, ot.span.0) {
                    break;
                }
                if os.name == from && !used_pairs.contains(&(s, t)) {
                    found = Some((s, t));
                    break 'search;
                }
            }
        }

        let mut region: Option<(usize, usize)> = None;
        if let Some((s, t)) = found {
            used_pairs.insert((s, t));
            statement_start = input.line(occ[t].span.0).0;
            let after_s = (ext_end(occ[s]), occ[s + 1].span.0);
            let before_t = (ext_end(occ[t - 1]), occ[t].span.0);
            for (a, b) in [after_s, before_t] {
                if a < b && is_arrow(&input.text[a..b]) {
                    let (a, b) = trim_range(input.text, a, b);
                    // `A:::class --> B`: the class suffix is not part of the arrow.
                    let a = if input.text[a..b].starts_with(":::") {
                        input.text[a..b]
                            .find(char::is_whitespace)
                            .map(|i| trim_range(input.text, a + i, b).0)
                            .unwrap_or(a)
                    } else {
                        a
                    };
                    region = Some((a, b));
                    break;
                }
            }
            if region.is_none() {
                region = Some((occ[s].span.0, occ[t].span.1));
            }
        }

        let label = label_text.map(|text| {
            // Labels are in source order: the first one starting inside the region.
            let inside = region.and_then(|(a, b)| {
                let i = edge_labels.partition_point(|l| l.span.0 < a);
                edge_labels[i..]
                    .iter()
                    .take_while(|l| l.span.0 <= b)
                    .position(|l| l.span.1 <= b)
                    .map(|k| i + k)
            });
            let unused = || {
                edge_labels
                    .iter()
                    .enumerate()
                    .position(|(i, l)| !label_used[i] && clean_label(&l.name) == text)
            };
            let span = match inside.or_else(unused) {
                Some(i) => {
                    label_used[i] = true;
                    input.span(edge_labels[i].selection)
                }
                None => input.span(region.unwrap_or_else(|| input.first_line())),
            };
            Label { text, span }
        });

        let span = match region {
            Some(r) => input.span(r),
            None => match &label {
                Some(l) => l.span,
                None => input.span(
                    first_mention(&from)
                        .map(|m| input.line(m.0))
                        .unwrap_or_else(|| input.first_line()),
                ),
            },
        };
        let stroke = match as_str(stroke) {
            "dotted" => Stroke::Dotted,
            "thick" => Stroke::Thick,
            "invisible" => Stroke::Invisible,
            _ => Stroke::Normal,
        };
        let ty = as_str(ty);
        let head = if ty.starts_with("double") {
            ArrowHead::Both
        } else if ty.ends_with("cross") {
            ArrowHead::Cross
        } else if ty.ends_with("circle") {
            ArrowHead::Circle
        } else if ty.ends_with("open") {
            ArrowHead::Open
        } else {
            ArrowHead::Point
        };
        edges.push(Edge {
            from,
            to,
            label,
            arrow: as_str(arrow).to_string(),
            stroke,
            head,
            span,
        });
    }

    let sub_syms = input.syms(&["subgraph"]);
    let mut subgraphs: Vec<Subgraph> = items(json, "subgraphs")
        .iter()
        .map(|s| {
            let [id, title, nodes] = fields(s, ["id", "title", "nodes"]);
            let id = as_str(id).to_string();
            let span = sub_syms
                .iter()
                .find(|x| x.name == id)
                .map(|x| x.span)
                .unwrap_or_else(|| input.first_line());
            Subgraph {
                title: clean_label(title.as_str().unwrap_or(&id)),
                nodes: as_items(nodes)
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                span: input.span(span),
                id,
            }
        })
        .collect();
    subgraphs.sort_by_key(|s| s.span.start);

    let direction = json
        .get("direction")
        .and_then(Value::as_str)
        .map(str::to_string);
    Flowchart {
        direction,
        nodes,
        edges,
        subgraphs,
    }
}

// ---------------------------------------------------------------------------------------

// Mermaid's sequence line types (its `LINETYPE` table).
const SOLID: i64 = 0;
const DOTTED: i64 = 1;
const NOTE: i64 = 2;
const SOLID_CROSS: i64 = 3;
const DOTTED_CROSS: i64 = 4;
const SOLID_OPEN: i64 = 5;
const DOTTED_OPEN: i64 = 6;
const LOOP_START: i64 = 10;
const LOOP_END: i64 = 11;
const ALT_START: i64 = 12;
const ALT_ELSE: i64 = 13;
const ALT_END: i64 = 14;
const OPT_START: i64 = 15;
const OPT_END: i64 = 16;
const ACTIVE_START: i64 = 17;
const ACTIVE_END: i64 = 18;
const PAR_START: i64 = 19;
const PAR_AND: i64 = 20;
const PAR_END: i64 = 21;
const RECT_START: i64 = 22;
const RECT_END: i64 = 23;
const SOLID_POINT: i64 = 24;
const DOTTED_POINT: i64 = 25;
const AUTONUMBER: i64 = 26;
const CRITICAL_START: i64 = 27;
const CRITICAL_OPTION: i64 = 28;
const CRITICAL_END: i64 = 29;
const BREAK_START: i64 = 30;
const BREAK_END: i64 = 31;
const PAR_OVER_START: i64 = 32;
const BIDIRECTIONAL_SOLID: i64 = 33;
const BIDIRECTIONAL_DOTTED: i64 = 34;
/// From here on, markers that accompany a message rather than messages.
const CENTRAL_CONNECTION: i64 = 59;

fn seq_arrow(ty: i64) -> SeqArrow {
    match ty {
        SOLID => SeqArrow::Solid,
        DOTTED => SeqArrow::Dotted,
        SOLID_OPEN => SeqArrow::SolidOpen,
        DOTTED_OPEN => SeqArrow::DottedOpen,
        SOLID_CROSS => SeqArrow::SolidCross,
        DOTTED_CROSS => SeqArrow::DottedCross,
        SOLID_POINT => SeqArrow::SolidAsync,
        DOTTED_POINT => SeqArrow::DottedAsync,
        BIDIRECTIONAL_SOLID => SeqArrow::BothSolid,
        BIDIRECTIONAL_DOTTED => SeqArrow::BothDotted,
        other => SeqArrow::Other(other),
    }
}

pub(crate) fn sequence(input: &Input) -> Sequence {
    let json = input.json;
    let decl = input.syms(&[
        "sequence participant",
        "sequence actor",
        "sequence implicit participant",
        "sequence participant reference",
    ]);
    let actors = json.get("actors");
    let participants: Vec<Participant> = items(json, "actorOrder")
        .iter()
        .filter_map(Value::as_str)
        .map(|id| {
            let a = actors.and_then(|m| m.get(id));
            let [description, ty] =
                a.map_or([&Value::Null; 2], |a| fields(a, ["description", "type"]));
            let label = Some(as_str(description))
                .filter(|d| !d.is_empty())
                .map(clean_label)
                .unwrap_or_else(|| id.to_string());
            let actor = a.is_some() && as_str(ty) == "actor";
            let span = decl
                .iter()
                .find(|s| s.name == id)
                .map(|s| s.span)
                .unwrap_or_else(|| input.first_line());
            Participant {
                id: id.to_string(),
                label,
                actor,
                span: input.span(span),
            }
        })
        .collect();

    let texts = input.syms(&["sequence message"]);
    let notes_syms = input.syms(&["sequence note"]);
    let frag_syms = input.syms(&["sequence fragment label"]);
    let (mut ti, mut ni, mut fi) = (0usize, 0usize, 0usize);
    // Where the last statement placed ended, to place the next one after it.
    let mut cursor = 0usize;

    let mut seq = Sequence::default();
    let mut open: Vec<usize> = Vec::new();

    // The line after `from` that starts with `keyword` (`end`, `else`, `alt`, …).
    let keyword_line = |from: usize, keyword: &str| -> Option<(usize, usize)> {
        let mut at = from.min(input.text.len());
        while at < input.text.len() {
            let line = input.line(at);
            let t = &input.text[line.0..line.1];
            if line.0 >= from
                && t.starts_with(keyword)
                && t[keyword.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || c == ';' || c == '%')
            {
                return Some(line);
            }
            at = input.text[at..]
                .find('\n')
                .map(|i| at + i + 1)
                .unwrap_or(input.text.len());
        }
        None
    };
    let mut fragment = |label: &str, keyword: &str, cursor: &mut usize| -> (usize, usize) {
        if !label.trim().is_empty() {
            if let Some(s) = frag_syms.get(fi) {
                fi += 1;
                *cursor = s.span.1;
                return s.selection;
            }
        }
        match keyword_line(*cursor, keyword) {
            Some(line) => {
                *cursor = line.1;
                (line.0, line.0 + keyword.len())
            }
            None => input.line(*cursor),
        }
    };

    for m in items(json, "messages") {
        let [ty, text_raw, from, to] = fields(m, ["type", "message", "from", "to"]);
        let ty = ty.as_i64().unwrap_or(-1);
        let text_raw = as_str(text_raw);
        let text = clean_label(text_raw);
        let from = as_str(from).to_string();
        let to = as_str(to).to_string();
        let kind = match ty {
            LOOP_START => Some(BlockKind::Loop),
            ALT_START => Some(BlockKind::Alt),
            OPT_START => Some(BlockKind::Opt),
            PAR_START | PAR_OVER_START => Some(BlockKind::Par),
            CRITICAL_START => Some(BlockKind::Critical),
            BREAK_START => Some(BlockKind::Break),
            RECT_START => Some(BlockKind::Rect),
            _ => None,
        };
        if let Some(kind) = kind {
            let keyword = if ty == PAR_OVER_START {
                "par_over"
            } else {
                kind.keyword()
            };
            let at = fragment(&text, keyword, &mut cursor);
            let span = input.span(at);
            let line = input.span(input.line(at.0));
            seq.blocks.push(Block {
                kind,
                sections: vec![BlockSection {
                    label: text,
                    span,
                    messages: Vec::new(),
                }],
                parent: open.last().copied(),
                span: line,
            });
            open.push(seq.blocks.len() - 1);
            continue;
        }
        match ty {
            ALT_ELSE | PAR_AND | CRITICAL_OPTION => {
                let keyword = match ty {
                    ALT_ELSE => "else",
                    PAR_AND => "and",
                    _ => "option",
                };
                let at = fragment(&text, keyword, &mut cursor);
                if let Some(&b) = open.last() {
                    seq.blocks[b].sections.push(BlockSection {
                        label: text,
                        span: input.span(at),
                        messages: Vec::new(),
                    });
                }
            }
            LOOP_END | ALT_END | OPT_END | PAR_END | CRITICAL_END | BREAK_END | RECT_END => {
                let at = fragment("", "end", &mut cursor);
                if let Some(b) = open.pop() {
                    let end = input.span(at);
                    seq.blocks[b].span = seq.blocks[b].span.cover(end);
                }
            }
            NOTE => {
                let span = notes_syms.get(ni).map(|s| {
                    ni += 1;
                    cursor = s.span.1;
                    input.line(s.span.0)
                });
                let mut over = vec![from.clone()];
                if !to.is_empty() && to != from {
                    over.push(to.clone());
                }
                seq.notes.push(Note {
                    over,
                    text,
                    span: input.span(span.unwrap_or_else(|| input.first_line())),
                });
            }
            ACTIVE_START | ACTIVE_END | AUTONUMBER => {}
            t if t >= CENTRAL_CONNECTION => {}
            t if t < 0 => {}
            _ => {
                // A message. Its text symbol starts at the `:`; the statement starts at the
                // beginning of its line.
                let sym = if text_raw.is_empty() {
                    None
                } else {
                    texts.get(ti).inspect(|_| ti += 1)
                };
                let (span, text_span) = match sym {
                    Some(s) => {
                        cursor = s.span.1;
                        let line = input.line(s.span.0);
                        ((line.0, s.span.1), Some(input.span(s.selection)))
                    }
                    None => {
                        // No text: the next mention of the sender after the cursor.
                        let at = decl
                            .iter()
                            .find(|d| d.span.0 >= cursor && d.name == from)
                            .map(|d| d.span.0)
                            .unwrap_or(cursor);
                        let line = input.line(at);
                        cursor = line.1;
                        (line, None)
                    }
                };
                let index = seq.messages.len();
                for &b in &open {
                    if let Some(section) = seq.blocks[b].sections.last_mut() {
                        section.messages.push(index);
                    }
                }
                seq.messages.push(Message {
                    from,
                    to,
                    text,
                    arrow: seq_arrow(ty),
                    span: input.span(span),
                    text_span,
                    block: open.last().copied(),
                });
            }
        }
    }
    seq.participants = participants;
    seq
}

// ---------------------------------------------------------------------------------------

fn cardinality(s: &str) -> Cardinality {
    match s {
        "ZERO_OR_ONE" => Cardinality::ZeroOrOne,
        "ONLY_ONE" => Cardinality::ExactlyOne,
        "ZERO_OR_MORE" => Cardinality::ZeroOrMore,
        "ONE_OR_MORE" => Cardinality::OneOrMore,
        "MD_PARENT" => Cardinality::Parent,
        other => Cardinality::Other(other.to_string()),
    }
}

pub(crate) fn er(input: &Input) -> Er {
    let json = input.json;
    let ent_syms = input.syms(&["er entity", "er implicit entity", "er relationship entity"]);
    let mut ids: Vec<(String, String)> = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    if let Some(map) = json.get("entities").and_then(Value::as_object) {
        for (name, e) in map {
            let [id, alias, label, attributes] = fields(e, ["id", "alias", "label", "attributes"]);
            ids.push((as_str(id).to_string(), name.clone()));
            let span = ent_syms
                .iter()
                .find(|s| &s.name == name)
                .map(|s| s.span)
                .unwrap_or_else(|| input.first_line());
            let (alias, label) = (as_str(alias), as_str(label));
            let alias = if !alias.is_empty() {
                alias
            } else if label != name {
                label
            } else {
                ""
            };
            entities.push(Entity {
                name: name.clone(),
                alias: clean_label(alias),
                attributes: as_items(attributes)
                    .iter()
                    .map(|a| {
                        let [ty, name, keys, comment] =
                            fields(a, ["type", "name", "keys", "comment"]);
                        Attribute {
                            ty: as_str(ty).to_string(),
                            name: as_str(name).to_string(),
                            keys: as_items(keys)
                                .iter()
                                .filter_map(Value::as_str)
                                .map(str::to_string)
                                .collect(),
                            comment: as_str(comment).to_string(),
                        }
                    })
                    .collect(),
                span: input.span(span),
            });
        }
    }
    entities.sort_by_key(|e| e.span.start);
    let name_of = |id: &str| -> String {
        ids.iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let roles = input.syms(&["er relationship role"]);
    let relationships = items(json, "relationships")
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let [spec, entity_a, entity_b, role_a] =
                fields(r, ["relSpec", "entityA", "entityB", "roleA"]);
            let [card_a, card_b, rel_type] = fields(spec, ["cardA", "cardB", "relType"]);
            let span = roles
                .get(i)
                .map(|s| input.line(s.span.0))
                .unwrap_or_else(|| input.first_line());
            Relationship {
                left: name_of(as_str(entity_a)),
                right: name_of(as_str(entity_b)),
                // Mermaid stores the marker next to B in cardA and the one next to A in cardB.
                left_card: cardinality(as_str(card_b)),
                right_card: cardinality(as_str(card_a)),
                identifying: as_str(rel_type) == "IDENTIFYING",
                label: clean_label(as_str(role_a)),
                span: input.span(span),
            }
        })
        .collect();
    Er {
        entities,
        relationships,
    }
}

// ---------------------------------------------------------------------------------------

pub(crate) fn class(input: &Input) -> ClassDiagram {
    let json = input.json;
    let names = input.syms(&["class", "class relation target"]);
    let targets = input.syms(&["class relation target"]);
    let labels = input.syms(&["class relation label"]);
    let mut classes: Vec<Class> = Vec::new();
    if let Some(map) = json.get("classes").and_then(Value::as_object) {
        for (id, c) in map {
            let span = names
                .iter()
                .find(|s| &s.name == id)
                .map(|s| s.span)
                .unwrap_or_else(|| input.first_line());
            let label = str_of(c, "label");
            classes.push(Class {
                name: id.clone(),
                label: clean_label(if label.is_empty() { id } else { label }),
                attributes: items(c, "members").len(),
                methods: items(c, "methods").len(),
                span: input.span(span),
            });
        }
    }
    classes.sort_by_key(|c| c.span.start);
    let mut li = 0usize;
    let relations = items(json, "relations")
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let label = clean_label(str_of(r, "title"));
            let pair = (targets.get(2 * i), targets.get(2 * i + 1));
            let mut span = match pair {
                (Some(a), Some(b)) => (a.span.0.min(b.span.0), a.span.1.max(b.span.1)),
                _ => input.first_line(),
            };
            if !label.is_empty() {
                if let Some(l) = labels.get(li) {
                    li += 1;
                    span = (span.0.min(l.span.0), span.1.max(l.span.1));
                }
            }
            Relation {
                from: str_of(r, "id1").to_string(),
                to: str_of(r, "id2").to_string(),
                label,
                span: input.span(span),
            }
        })
        .collect();
    ClassDiagram { classes, relations }
}

// ---------------------------------------------------------------------------------------

pub(crate) fn state(input: &Input) -> StateDiagram {
    let json = input.json;
    let refs = input.syms(&["state reference", "state"]);
    let labels = input.syms(&["state relation label"]);
    let pseudo = |n: &Value| {
        matches!(
            str_of(n, "shape"),
            "stateStart" | "stateEnd" | "note" | "noteGroup"
        )
    };
    let ids: Vec<(String, bool)> = items(json, "nodes")
        .iter()
        .map(|n| (str_of(n, "id").to_string(), pseudo(n)))
        .collect();
    let mut states: Vec<State> = items(json, "nodes")
        .iter()
        .filter(|n| !pseudo(n))
        .map(|n| {
            let id = str_of(n, "id").to_string();
            let span = refs
                .iter()
                .find(|s| s.name == id)
                .map(|s| s.span)
                .unwrap_or_else(|| input.first_line());
            State {
                label: clean_label(str_of(n, "label")),
                composite: n.get("isGroup").and_then(Value::as_bool).unwrap_or(false),
                span: input.span(span),
                id,
            }
        })
        .collect();
    states.sort_by_key(|s| s.span.start);
    let shown = |id: &str| -> String {
        if ids.iter().any(|(i, p)| i == id && *p) {
            "[*]".to_string()
        } else {
            id.to_string()
        }
    };
    let mut li = 0usize;
    let mut cursor = 0usize;
    let transitions = items(json, "edges")
        .iter()
        .map(|e| {
            let from = shown(str_of(e, "start"));
            let to = shown(str_of(e, "end"));
            let label = clean_label(str_of(e, "label"));
            let mut span = None;
            if !label.is_empty() {
                if let Some(l) = labels.get(li) {
                    li += 1;
                    cursor = l.span.1;
                    span = Some(input.line(l.span.0));
                }
            }
            if span.is_none() {
                let named = if to != "[*]" { &to } else { &from };
                if let Some(s) = refs.iter().find(|s| s.span.0 >= cursor && &s.name == named) {
                    cursor = s.span.1;
                    span = Some(input.line(s.span.0));
                }
            }
            Transition {
                from,
                to,
                label,
                span: input.span(span.unwrap_or_else(|| input.first_line())),
            }
        })
        .collect();
    StateDiagram {
        states,
        transitions,
    }
}
