//! Placeholders a template already put in the document. A template's
//! `[Live App](YOUR_DEMO_URL)` is a slot the writer has still to fill: the rule that asks
//! for a demo link still reports it, but a fix that adds a second slot for the same
//! link would only make two to fill.

use crate::document::Document;

/// Whether `word` reads as a template slot: capitals and digits joined by underscores
/// (`YOUR_DEMO_URL`, `REPO_LINK`).
fn is_slot(word: &str) -> bool {
    word.len() >= 5
        && word.contains('_')
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Whether a link whose target holds a slot is labelled (in its text or its target)
/// with one of `words` (lower case).
pub(crate) fn has_slot_link(doc: &Document, words: &[&str]) -> bool {
    doc.links.iter().any(|l| {
        let slot = l
            .url
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(is_slot);
        let label = format!("{} {}", l.text, l.url).to_lowercase();
        slot && words.iter().any(|w| label.contains(w))
    })
}

#[cfg(test)]
mod tests {
    use super::has_slot_link;
    use crate::{Document, Profile, Source};

    fn doc(text: &str) -> Document {
        Document::parse(Source::new("t.md", text), Profile::guide())
    }

    #[test]
    fn a_template_link_to_fill_is_a_slot_link() {
        let d =
            doc("# P\n\n- **Demo**: [Live App](YOUR_DEMO_URL)\n- [Repository](YOUR_GITHUB_URL)\n");
        assert!(has_slot_link(&d, &["demo"]));
        assert!(has_slot_link(&d, &["repo", "github"]));
        assert!(!has_slot_link(&d, &["video"]));
    }

    #[test]
    fn a_real_link_is_not() {
        let d = doc(
            "# P\n\n[Live demo](https://parcels.example.dev/DEMO_PAGE) and [demo](https://x.dev)\n",
        );
        assert!(has_slot_link(&d, &["demo"]));
        let d = doc(
            "# P\n\n[Live demo](https://parcels.example.dev) and [code](https://github.com/a/b)\n",
        );
        assert!(!has_slot_link(&d, &["demo", "github"]));
    }
}
