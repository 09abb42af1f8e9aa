//! Sections found by meaning: headings (and titled components) matched to the
//! profile's sections through aliases, and the outline tree around them.

use super::Heading;
use crate::profile::Profile;
use crate::source::Span;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

#[derive(Clone, Debug)]
pub struct Section {
    /// The heading's text as written.
    pub title: String,
    /// The title normalised for matching ([`normalize_heading`]), computed once.
    pub key: String,
    /// Effective level: Markdown heading level, or one below the enclosing heading for
    /// a component title.
    pub level: u8,
    pub heading: Span,
    /// From the heading to the end of the section (sub-sections included).
    pub span: Span,
    /// The section's content after its heading.
    pub body: Span,
    /// Profile section id this heading was matched to.
    pub guide: Option<String>,
    /// How well the heading matched (an exact alias beats a prefix).
    pub score: u32,
    pub parent: Option<usize>,
    /// Index into `Document::headings`.
    pub heading_index: usize,
}

/// Lower case, numbering and emoji removed, "&" read as "and", punctuation as spaces.
/// Rules normalise table headers and titles with it too, so it works in one string:
/// characters mapped, spaces collapsed and the numbering cut in place.
pub fn normalize_heading(s: &str) -> String {
    // Every character that is not a letter or digit becomes a space (lower case never
    // makes white space), so the words are what lies between spaces: a space is written
    // only after a word, and one left at the end is taken off.
    let mut out = String::with_capacity(s.len() + 4);
    let space = |out: &mut String| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    if s.is_ascii() {
        // Built as bytes, which stay ASCII.
        let mut bytes = std::mem::take(&mut out).into_bytes();
        for &b in s.as_bytes() {
            match b {
                b'&' | b'+' => {
                    if bytes.last().is_some_and(|&l| l != b' ') {
                        bytes.push(b' ');
                    }
                    bytes.extend_from_slice(b"and ");
                }
                // "What I'm Proud Of" → "what im proud of"
                b'\'' => {}
                _ if b.is_ascii_alphanumeric() => bytes.push(b.to_ascii_lowercase()),
                _ if bytes.last().is_some_and(|&l| l != b' ') => bytes.push(b' '),
                _ => {}
            }
        }
        out = String::from_utf8(bytes).expect("ASCII stays ASCII");
    } else {
        for c in s.chars() {
            if c == '&' || c == '+' {
                space(&mut out);
                out.push_str("and ");
            } else if c == '\'' || c == '’' {
            } else if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            } else {
                space(&mut out);
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    // Leading numbering: "3", "3 2 1" (from "3.2.1"), "step 3", "part ii", "a" (from "A.")
    let mut cut = 0;
    while cut < out.len() {
        let rest = &out[cut..];
        let (w, next) = match rest.split_once(' ') {
            Some((w, after)) => (w, after.split(' ').next()),
            None => (rest, None),
        };
        let numeric = w.chars().all(|c| c.is_ascii_digit());
        let roman = next.is_some()
            && w.len() <= 4
            && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
            && s.trim_start().to_lowercase().starts_with(&format!("{w}."));
        let label = matches!(w, "step" | "part" | "section" | "chapter")
            && next.is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        if numeric || roman || label {
            cut += w.len() + usize::from(next.is_some());
        } else {
            break;
        }
    }
    out.drain(..cut);
    out
}

/// Best match of a normalised heading against the profile: (section index, score).
fn match_heading(norm: &str, profile: &Profile) -> Option<(usize, u32)> {
    if norm.is_empty() {
        return None;
    }
    // The bytes that open a word of the heading: an alias shorter than the heading
    // matches only where a word opens (at its start, after a space), so an alias whose
    // first byte opens no word is passed over without comparing it.
    let mut opens = [false; 256];
    let bytes = norm.as_bytes();
    opens[bytes[0] as usize] = true;
    for w in bytes.windows(2) {
        if w[0] == b' ' {
            opens[w[1] as usize] = true;
        }
    }
    let mut best: Option<(usize, u32)> = None;
    for (i, spec) in profile.sections.iter().enumerate() {
        for alias in &spec.aliases {
            let a = alias.as_str();
            // An alias as long as the heading or longer can only equal it: every other
            // way to match puts a space beside it inside the heading. Most aliases are
            // settled here, by their length alone.
            if a.len() >= norm.len() {
                if a == norm {
                    let score = 1000 + a.len() as u32;
                    if best.is_none_or(|(_, s)| score > s) {
                        best = Some((i, score));
                    }
                }
                continue;
            }
            if a.as_bytes().first().is_some_and(|&f| !opens[f as usize]) {
                continue;
            }
            // Shorter than the heading from here on, so never equal to it.
            let score = if norm.starts_with(a) && norm.as_bytes().get(a.len()) == Some(&b' ') {
                100 + a.len() as u32
            } else if norm.ends_with(a)
                && norm.as_bytes().get(norm.len() - a.len() - 1) == Some(&b' ')
            {
                90 + a.len() as u32
            } else if a.contains(' ') && contains_phrase(norm, a) {
                50 + a.len() as u32
            } else {
                continue;
            };
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
    }
    best
}

/// Whether `phrase` occurs in `text` on word boundaries (both already normalised).
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let bytes = text.as_bytes();
    crate::search::match_starts(text, phrase).any(|i| {
        let end = i + phrase.len();
        (i == 0 || bytes[i - 1] == b' ') && (end == bytes.len() || bytes[end] == b' ')
    })
}

/// Builds the outline from headings in document order and maps it to the profile.
/// Returns the sections and the level at which the guide's sections were found.
pub(crate) fn build_outline(
    headings: &[Heading],
    text_len: usize,
    profile: &Profile,
) -> (Vec<Section>, u8) {
    // Effective levels: a component title sits one level below the heading (or
    // component) that encloses it.
    let mut levels = Vec::with_capacity(headings.len());
    let mut md_level = 1u8;
    let mut open: Vec<(u8, u32)> = Vec::new(); // (level, end) of enclosing components
    for h in headings {
        open.retain(|&(_, end)| end > h.span.start);
        let level = match &h.component {
            None => {
                // A heading inside a component (`### Tech Stack` in a `<Step>`) does not
                // move the level the next sibling component is placed under.
                if open.is_empty() {
                    md_level = h.level;
                }
                h.level
            }
            Some(_) => {
                let base = open.last().map(|&(l, _)| l).unwrap_or(md_level);
                base.saturating_add(1).min(7)
            }
        };
        if h.component.is_some() {
            open.push((level, h.component_end.unwrap_or(u32::MAX)));
        }
        levels.push(level);
    }

    let mut sections: Vec<Section> = Vec::with_capacity(headings.len());
    let mut stack: Vec<usize> = Vec::new();
    // Ends of the components opened so far whose content is still open: the nearest
    // end bounds every heading inside (a min-heap, pruned as headings move past ends).
    let mut enclosing: BinaryHeap<Reverse<u32>> = BinaryHeap::new();
    for (i, h) in headings.iter().enumerate() {
        let level = levels[i];
        // The section ends at the next heading at its level or above, or where the
        // component holding it closes.
        let mut end = text_len as u32;
        for (j, next) in headings.iter().enumerate().skip(i + 1) {
            if levels[j] <= level {
                end = next.span.start;
                break;
            }
        }
        if let Some(ce) = h.component_end {
            end = end.min(ce);
        }
        while enclosing.peek().is_some_and(|e| e.0 <= h.span.start) {
            enclosing.pop();
        }
        if let Some(e) = enclosing.peek() {
            end = end.min(e.0);
        }
        if let (Some(_), Some(ce)) = (&h.component, h.component_end) {
            enclosing.push(Reverse(ce));
        }
        let end = end.max(h.span.end);
        while let Some(&top) = stack.last() {
            if sections[top].level >= level || sections[top].span.end <= h.span.start {
                stack.pop();
            } else {
                break;
            }
        }
        let body_start = heading_line_end(h);
        let title = h.text.text.trim().to_string();
        sections.push(Section {
            key: normalize_heading(&title),
            title,
            level,
            heading: h.span,
            span: Span {
                start: h.span.start,
                end,
            },
            body: Span {
                start: body_start.min(end),
                end,
            },
            guide: None,
            score: 0,
            parent: stack.last().copied(),
            heading_index: i,
        });
        stack.push(sections.len() - 1);
    }

    // Match every heading, then keep the matches at the level most of them share.
    let matches: Vec<Option<(usize, u32)>> = sections
        .iter()
        // "The Challenges of Using WebSockets" is read as "Challenges of Using
        // WebSockets" when the heading as written matches nothing.
        .map(|s| {
            match_heading(&s.key, profile).or_else(|| {
                s.key
                    .strip_prefix("the ")
                    .and_then(|k| match_heading(k, profile))
            })
        })
        .collect();
    let mut top_level = 2u8;
    let mut best_count = 0usize;
    for level in 1..=7u8 {
        let mut ids: Vec<usize> = sections
            .iter()
            .zip(&matches)
            .filter(|(s, m)| s.level == level && m.is_some())
            .map(|(_, m)| m.unwrap().0)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() > best_count {
            best_count = ids.len();
            top_level = level;
        }
    }
    for (s, m) in sections.iter_mut().zip(&matches) {
        let Some((idx, score)) = *m else { continue };
        let spec = &profile.sections[idx];
        // Parts of another section (Non-Goals) are found at any depth.
        if s.level == top_level || (spec.part_of.is_some() && s.level >= top_level) {
            s.guide = Some(spec.id.clone());
            s.score = score;
        }
    }
    // Documents that mix levels ("## Conclusion" after "### Introduction" under an H2
    // title): a heading above the guide's level, other than the title, is the section
    // it names when that section is not found at the guide's level.
    let at_top: HashSet<String> = sections
        .iter()
        .filter(|s| s.level == top_level)
        .filter_map(|s| s.guide.clone())
        .collect();
    for (i, m) in matches.iter().enumerate() {
        let Some((idx, score)) = *m else { continue };
        let id = &profile.sections[idx].id;
        if (2..top_level).contains(&sections[i].level)
            && sections[i].guide.is_none()
            && !at_top.contains(id)
        {
            sections[i].guide = Some(id.clone());
            sections[i].score = score;
        }
    }
    // A section written only as a deeper heading still counts when its title is an
    // exact alias ("### Architecture" inside an introduction).
    let mut found: HashSet<String> = sections.iter().filter_map(|s| s.guide.clone()).collect();
    for (i, m) in matches.iter().enumerate() {
        let Some((idx, score)) = *m else { continue };
        let id = &profile.sections[idx].id;
        if score >= 1000
            && sections[i].guide.is_none()
            && sections[i].level > top_level
            && !found.contains(id)
        {
            sections[i].guide = Some(id.clone());
            sections[i].score = score;
            found.insert(id.clone());
        }
    }
    (sections, top_level)
}

/// For a component title the body starts after the opening tag; for a heading, after
/// the heading.
fn heading_line_end(h: &Heading) -> u32 {
    h.body_start.unwrap_or(h.span.end).max(h.span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_numbering_emoji_and_ampersands() {
        assert_eq!(
            normalize_heading("3. Challenges & Solutions"),
            "challenges and solutions"
        );
        assert_eq!(normalize_heading("🎮 Overview"), "overview");
        assert_eq!(normalize_heading("Step 4: Key Features"), "key features");
        assert_eq!(normalize_heading("2.3.1 Polling"), "polling");
        assert_eq!(
            normalize_heading("Non-Goals (Scope Boundaries)"),
            "non goals scope boundaries"
        );
        assert_eq!(normalize_heading("IV. Goals"), "goals");
        assert_eq!(normalize_heading("I learned"), "i learned");
    }

    /// [`normalize_heading`] as first written: words split out and joined again.
    fn normalize_heading_plain(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if c == '&' || c == '+' {
                out.push_str(" and ");
            } else if c == '\'' || c == '’' {
                // "What I’m Proud Of" → "what im proud of"
            } else if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            } else {
                out.push(' ');
            }
        }
        let words: Vec<&str> = out.split_whitespace().collect();
        let mut start = 0;
        // Leading numbering: "3", "3 2 1" (from "3.2.1"), "step 3", "part ii", "a" (from "A.")
        while start < words.len() {
            let w = words[start];
            let numeric = w.chars().all(|c| c.is_ascii_digit());
            let roman = start + 1 < words.len()
                && w.len() <= 4
                && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
                && s.trim_start().to_lowercase().starts_with(&format!("{w}."));
            let label = matches!(w, "step" | "part" | "section" | "chapter")
                && words
                    .get(start + 1)
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
            if numeric || roman || label {
                start += 1;
            } else {
                break;
            }
        }
        words[start..].join(" ")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]

        #[test]
        fn normalises_as_splitting_into_words_does(parts in proptest::collection::vec(
            proptest::sample::select(&[
                "IV", "iv", "I", "x", ".", "Step", "part", "3", "2", ".", " ", "  ", "\t", "&",
                "+", "'", "’", "🚀", "É", "İ", "ß", "Key", "Features", "-", "(", "\u{a0}", "Ⅸ",
                "١", "chapter", "a",
            ][..]),
            0..10,
        )) {
            let s = parts.concat();
            proptest::prop_assert_eq!(normalize_heading(&s), normalize_heading_plain(&s), "{:?}", s);
        }
    }

    /// [`match_heading`] as first written: every alias compared every way.
    fn match_heading_plain(norm: &str, profile: &Profile) -> Option<(usize, u32)> {
        if norm.is_empty() {
            return None;
        }
        let mut best: Option<(usize, u32)> = None;
        for (i, spec) in profile.sections.iter().enumerate() {
            for a in spec.aliases.iter().map(String::as_str) {
                let score = if norm == a {
                    1000 + a.len() as u32
                } else if norm.starts_with(a) && norm.as_bytes().get(a.len()) == Some(&b' ') {
                    100 + a.len() as u32
                } else if norm.ends_with(a)
                    && norm.as_bytes().get(norm.len() - a.len() - 1) == Some(&b' ')
                {
                    90 + a.len() as u32
                } else if a.contains(' ') && contains_phrase(norm, a) {
                    50 + a.len() as u32
                } else {
                    continue;
                };
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((i, score));
                }
            }
        }
        best
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]

        #[test]
        fn matching_agrees_with_comparing_every_alias(parts in proptest::collection::vec(
            proptest::sample::select(&[
                "goals", "non", "api", "data", "design", "and", "the", "key", "features",
                "flows", "architecture", "system", "overview", "a", "g", "s", " ", "  ", "-",
                "what", "i", "learned", "next", "steps", "challenges", "solutions", "é",
            ][..]),
            1..8,
        )) {
            let p = Profile::guide();
            let spaced = parts.join(" ");
            for norm in [parts.concat(), spaced.clone(), normalize_heading(&spaced)] {
                proptest::prop_assert_eq!(
                    match_heading(&norm, p), match_heading_plain(&norm, p), "{:?}", norm
                );
            }
        }
    }

    #[test]
    fn matches_by_meaning() {
        let p = Profile::guide();
        let id = |h: &str| {
            match_heading(&normalize_heading(h), p).map(|(i, _)| p.sections[i].id.as_str())
        };
        assert_eq!(id("System Architecture Overview"), Some("architecture"));
        assert_eq!(id("Goals of the Project"), Some("goals"));
        assert_eq!(id("Non-Goals (Scope Boundaries)"), Some("non_goals"));
        assert_eq!(id("Database Design"), Some("api_data"));
        assert_eq!(id("Summary and Conclusions"), Some("conclusion"));
        assert_eq!(id("Flytrap Architecture"), Some("architecture"));
        assert_eq!(id("Using Hypha"), None);
    }
}
