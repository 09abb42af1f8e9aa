//! Challenges written as sub-sections, labelled blocks or bullets: the order in which a
//! section's shapes are tried, and the headings' numbering and titles.

use super::*;
use crate::document::{Document, Section};
use crate::source::Span;

pub(super) fn extract_section(doc: &Document, s: &Section, out: &mut Challenges) {
    // 1. Tables whose rows are challenges, with a column named for the problem.
    if read_tables(doc, s, true, out) {
        return;
    }
    let Some(si) = section_index(doc, s) else {
        return;
    };
    // 2. Sub-sections: "Challenge 1 / Bug 2" headings at any depth, else the children
    //    that are not themselves a part ("Problem", "Solution") or an aside.
    let descendants: Vec<usize> = (si + 1..doc.sections.len())
        .take_while(|&j| s.span.contains(doc.sections[j].span))
        .collect();
    let numbered: Vec<usize> = descendants
        .iter()
        .copied()
        .filter(|&j| NUMBERED_CHALLENGE.is_match(&doc.sections[j].key))
        .collect();
    let mut picked = if !numbered.is_empty() {
        numbered
    } else {
        descendants
            .iter()
            .copied()
            .filter(|&j| doc.sections[j].parent == Some(si))
            .filter(|&j| {
                let t = &doc.sections[j].title;
                label_kind(t) == LabelKind::None && !is_aside(t)
            })
            .collect()
    };
    drop_umbrellas(doc, &mut picked);
    if picked.is_empty() && read_tables(doc, s, false, out) {
        // Tables with a solution column but no column named for the problem.
        return;
    }
    if !picked.is_empty() {
        for j in picked {
            let sub = &doc.sections[j];
            out.items.push(build(
                doc,
                Shape::Heading,
                sub.heading,
                sub.span,
                clean_title(&sub.title),
                sub.heading,
            ));
        }
        return;
    }
    // 3. Paragraphs, bullets or lines that open with a bold label that is not a part
    //    label ("**Cold starts.** …", "- **Clock drift**: …").
    let paragraphs = Document::in_span(&doc.paragraphs, s.body).map(|p| p.span);
    let items = Document::in_span(&doc.list_items, s.body)
        .filter(|i| i.depth == 0)
        .map(|i| i.span);
    let mut all: Vec<Span> = paragraphs.chain(items).collect();
    all.sort_by_key(|b| b.start);
    let labels: Vec<BoldLabel> = all
        .iter()
        .flat_map(|b| bold_labels(doc, *b))
        .filter(|l| label_kind(&l.label) == LabelKind::None)
        .collect();
    if !labels.is_empty() {
        for (k, l) in labels.iter().enumerate() {
            let end = labels
                .get(k + 1)
                .map(|n| n.segment.start)
                .unwrap_or(s.span.end)
                .max(l.segment.end);
            let extent = Span {
                start: l.segment.start,
                end,
            };
            out.items.push(build(
                doc,
                Shape::Label,
                l.at,
                extent,
                l.label.clone(),
                l.at,
            ));
        }
        return;
    }
    // 4. Plain top-level bullets, two or more.
    let bullets: Vec<_> = Document::in_span(&doc.list_items, s.body)
        .filter(|i| i.depth == 0 && !i.text.is_empty())
        .collect();
    if bullets.len() >= 2 {
        for i in bullets {
            let title = first_words(&i.text.text, 8);
            let at = i.text.span().unwrap_or(i.span);
            out.items
                .push(build(doc, Shape::Item, at, i.span, title, at));
        }
        return;
    }
    // 5. The section itself, if it says anything.
    if !doc.prose().sentences_in(s.body).is_empty() {
        out.items.push(build(
            doc,
            Shape::Section,
            s.heading,
            s.span,
            clean_title(&s.title),
            s.heading,
        ));
    }
}

/// Drops a sub-section that only introduces the numbered ones after it ("4.0 Sync"
/// followed by "4.1 …" and "4.2 …").
pub(super) fn drop_umbrellas(doc: &Document, picked: &mut Vec<usize>) {
    let nums: Vec<Option<Vec<u32>>> = picked
        .iter()
        .map(|&j| numbering(&doc.sections[j].title))
        .collect();
    let mut keep = vec![true; picked.len()];
    for i in 0..picked.len().saturating_sub(1) {
        let (Some(a), Some(b)) = (&nums[i], &nums[i + 1]) else {
            continue;
        };
        let same_depth_child = a.len() == b.len()
            && a.len() >= 2
            && a.last() == Some(&0)
            && b.last().is_some_and(|x| *x > 0)
            && a[..a.len() - 1] == b[..b.len() - 1];
        let deeper_child = b.len() > a.len() && b.starts_with(a);
        if same_depth_child || deeper_child {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    picked.retain(|_| k.next().unwrap_or(true));
}

pub(super) fn numbering(title: &str) -> Option<Vec<u32>> {
    let c = NUMBERING.captures(title)?;
    c[1].split('.').map(|p| p.parse().ok()).collect()
}

/// Strips leading numbering from a heading for messages ("6.1 Background processing").
pub(super) fn clean_title(title: &str) -> String {
    let t = title.trim();
    let t = match NUMBERING.find(t) {
        Some(m) => t[m.end()..].trim(),
        None => t,
    };
    match NUMBERED_LABEL.find(t) {
        Some(m) if m.end() < t.len() => t[m.end()..].trim().to_string(),
        _ => t.to_string(),
    }
}

pub(super) fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut s = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        s.push('…');
    }
    s
}

/// Shortens a title for a message.
pub(crate) fn short(text: &str, max: usize) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max {
        return t;
    }
    let cut: String = t.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{cut}…")
}
