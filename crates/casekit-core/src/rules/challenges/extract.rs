//! The challenge extractor: every layout writers use for challenges (a table with a row
//! per challenge, a sub-section per challenge, bold-labelled paragraphs or bullets, a
//! numbered series) read into one list of [`Challenge`]s with the parts each covers.
//! This file finds the sections that hold challenges and reads them; each shape has its
//! own reader (`tables.rs`, `sub_sections.rs`, `in_prose.rs`, `labels.rs`), the model is
//! in `model.rs` and the wording tests the CHL rules share in `wording.rs`.

use super::*;
use crate::document::{Document, Section};
use crate::profile::Profile;
use crate::source::Span;

// ---------------------------------------------------------------------------------------
// Finding guide sections beyond the outline's own match
// ---------------------------------------------------------------------------------------

/// Sections that hold a part of the guide: those the outline matched to `id`, plus any
/// heading outside every guide section whose title is exactly one of that section's
/// aliases (a `## Lessons Learnt` in a document whose guide sections sit at `###`).
/// Sections nested in another returned one are folded into it.
pub(crate) fn guide_sections<'a>(
    doc: &'a Document,
    profile: &Profile,
    id: &str,
) -> Vec<&'a Section> {
    let aliases = profile
        .section(id)
        .map(|s| s.aliases.as_slice())
        .unwrap_or(&[]);
    let mut out: Vec<&Section> = doc
        .sections
        .iter()
        .filter(|s| match s.guide.as_deref() {
            Some(g) => g == id,
            None => !inside_guide_section(doc, s) && aliases.contains(&s.key),
        })
        .collect();
    let spans: Vec<Span> = out.iter().map(|s| s.span).collect();
    out.retain(|s| !spans.iter().any(|o| *o != s.span && o.contains(s.span)));
    out
}

/// Whether a section sits inside a section matched to the guide.
pub(crate) fn inside_guide_section(doc: &Document, s: &Section) -> bool {
    let mut p = s.parent;
    while let Some(i) = p {
        if doc.sections[i].guide.is_some() {
            return true;
        }
        p = doc.sections[i].parent;
    }
    false
}

/// Whether a section's heading is exactly one of the aliases of `id`.
pub(super) fn exact_alias(profile: &Profile, id: &str, s: &Section) -> bool {
    profile
        .section(id)
        .is_some_and(|spec| spec.aliases.contains(&s.key))
}

/// Whether a section has two or more sub-sections that are neither part labels
/// ("Solution") nor asides.
fn lists_sub_sections(doc: &Document, s: &Section) -> bool {
    let Some(si) = doc.section_index(s.heading) else {
        return false;
    };
    doc.sections_in(s.body)
        .filter(|c| c.parent == Some(si))
        .filter(|c| label_kind(&c.title) == LabelKind::None && !is_aside(&c.title))
        .count()
        >= 2
}

/// Index of a section in `doc.sections`.
pub(super) fn section_index(doc: &Document, s: &Section) -> Option<usize> {
    doc.section_index(s.heading)
}

// ---------------------------------------------------------------------------------------
// Reading every challenge of a document
// ---------------------------------------------------------------------------------------

impl<'a> Challenges<'a> {
    /// Reads the challenges from the document's Challenges section(s). When one section
    /// is named exactly like the guide's ("Engineering Challenges") and another only
    /// starts like it ("Challenges of Offline Sync", often background on the problem domain),
    /// only the exact ones are read; the other's sub-sections, when it has two or more
    /// ("3.0 The Challenges of Using WebSockets" with "3.1 Scaling", "3.2 Dropped
    /// Connections"), are counted as [`Challenges::background`].
    pub fn find(doc: &'a Document, profile: &Profile) -> Challenges<'a> {
        let mut sections = guide_sections(doc, profile, "challenges");
        let mut background = 0;
        if sections
            .iter()
            .any(|s| exact_alias(profile, "challenges", s))
        {
            let mut aside = Challenges {
                sections: Vec::new(),
                items: Vec::new(),
                tables: Vec::new(),
                background: 0,
            };
            for s in sections.iter().copied() {
                if !exact_alias(profile, "challenges", s) && lists_sub_sections(doc, s) {
                    extract_section(doc, s, &mut aside);
                }
            }
            background = aside.real().count();
            sections.retain(|s| exact_alias(profile, "challenges", s));
        }
        let mut out = Challenges {
            sections,
            items: Vec::new(),
            tables: Vec::new(),
            background,
        };
        let secs = out.sections.clone();
        for s in secs {
            extract_section(doc, s, &mut out);
        }
        out.items.sort_by_key(|c| c.span.start);
        for (i, c) in out.items.iter_mut().enumerate() {
            c.number = i + 1;
        }
        out
    }

    /// Challenges that are not template slots.
    pub fn real(&self) -> impl Iterator<Item = &Challenge> {
        self.items.iter().filter(|c| !c.placeholder)
    }

    /// Where to report about the challenges as a whole.
    pub fn anchor(&self, doc: &Document) -> Span {
        self.sections
            .first()
            .map(|s| s.heading)
            .unwrap_or_else(|| doc.anchor())
    }
}
