//! Sequence diagrams from the parser's output: participants, messages by Mermaid's
//! line-type numbers, and the blocks (loop, alt, opt, par, critical, break) around them.

use super::*;

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
