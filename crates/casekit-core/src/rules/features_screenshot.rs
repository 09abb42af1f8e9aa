//! FEA403: a screenshot, GIF or video shows the product. Apart from the other feature
//! rules because it reads the document's images, not the feature list.

use super::util;
use super::{Check, Outcome, RuleContext};
use crate::declare_rule;
use crate::document::{Document, ImageKind};
use crate::re::Regex;
use std::sync::LazyLock;

static DIAGRAM_IMAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)diagram|architect|flow|sequence|(?-u:\b)erd?(?-u:\b)|entity|schema|uml|(?-u:\b)c4(?-u:\b)|topology|chart|graph|data[-_ ]?model|pipeline[-_ ]stages|comparison|table")
        .expect("diagram image pattern")
});
static GIF_DIAGRAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)diagram|architect|sequence|(?-u:\b)erd(?-u:\b)|uml")
        .expect("gif diagram pattern")
});
static DECORATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)shields\.io|badge|logo|icon|avatar|favicon|emoji").expect("decoration pattern")
});

/// Whether an image could show the product: not a diagram, not a badge or logo.
fn shows_product(src: &str, alt: &str, kind: ImageKind) -> bool {
    let both = format!("{src} {alt}");
    if DECORATION.is_match(&both) {
        return false;
    }
    if kind == ImageKind::Video {
        return true;
    }
    let animated = src
        .to_ascii_lowercase()
        .split(['?', '#'])
        .next()
        .is_some_and(|p| p.ends_with(".gif"));
    if animated {
        // A GIF is a recording unless it is labelled as a diagram.
        return !GIF_DIAGRAM.is_match(&both);
    }
    !DIAGRAM_IMAGE.is_match(&both)
}

static IMAGE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:png|jpe?g|gif|webp|mp4|webm|mov)(?:[?#].*)?$")
        .expect("image link pattern")
});

declare_rule! {
    /// ## What it checks
    /// At least one screenshot, GIF or video of the product appears anywhere in the
    /// document: a Markdown image, an HTML `<img>` or `<video>`, or a link to an image or
    /// video file. Images whose file name, alt text or caption says they are a diagram,
    /// chart or architecture picture do not count, nor do badges and logos.
    ///
    /// ## Why evaluators care
    /// Seeing the product is the quickest proof it exists and works; a reviewer who has
    /// seen the screen reads the rest with more trust.
    ///
    /// ## Weak
    /// Twenty paragraphs about a dashboard nobody sees.
    ///
    /// ## Strong
    /// `![Seller dashboard with the live order feed](img/dashboard.png)` next to the
    /// feature it shows, or a ten-second GIF of the checkout.
    ///
    /// ## How to fix
    /// Add one or two screenshots of the main screens, or a short GIF of the main flow,
    /// with alt text that says what they show.
    ///
    /// ## What it cannot see
    /// What an image actually contains: an unlabelled diagram counts as a screenshot, and
    /// a screenshot named "architecture.png" does not. A demo linked on YouTube or Loom is
    /// OVR103's concern.
    pub ProductScreenshot {
        id: "FEA403",
        name: "product-screenshot",
        area: Features,
        criterion: Evidence,
        severity: Info,
    }
}

impl Check for ProductScreenshot {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let shown = doc
            .images
            .iter()
            .any(|i| shows_product(&i.src, &i.alt, i.kind))
            || doc.links.iter().any(|l| {
                IMAGE_LINK.is_match(&l.url) && shows_product(&l.url, &l.text, ImageKind::Markdown)
            });
        if shown {
            return Outcome::Pass;
        }
        let at = util::section_anchor(doc, "features");
        let msg = if doc.images.is_empty() {
            "no screenshot or GIF shows the product: the document has no images".to_string()
        } else {
            format!(
                "no screenshot or GIF shows the product: the document's {} image{} look{} like diagrams",
                doc.images.len(),
                if doc.images.len() == 1 { "" } else { "s" },
                if doc.images.len() == 1 { "s" } else { "" }
            )
        };
        cx.report(at, msg)
            .help("add a screenshot of the main screen or a short GIF of the main flow, with alt text saying what it shows");
        Outcome::Fail
    }
}
