//! Evidence: links that work, code a reviewer can open, and enough visuals.

use super::util;
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::Document;
use crate::measures::Visuals;
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

pub static RULES: &[&dyn Rule] = &[&RelativeLinksResolve, &CodeReferenced, &EnoughVisuals];

/// A link or image target written relative to the document, which a file must answer.
/// Web addresses (any `scheme:`), protocol-relative `//host` and site-absolute
/// `/path` targets, in-page anchors, MDX expressions and variables, and template
/// slots are not.
fn is_relative(target: &str) -> bool {
    let t = target.trim();
    if t.is_empty() || t.starts_with(['#', '/', '{', '<']) || t.contains("{{") {
        return false;
    }
    if let Some(i) = t.find(':') {
        let scheme = &t[..i];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return false;
        }
    }
    // A bare word is an MDX variable (`src={diagram}`) or a template slot such as
    // `YOUR_GITHUB_URL` (STR004 reports those), not a path.
    t.contains(['.', '/'])
}

/// The span of `target` inside the source of a link or image, or the whole span.
fn target_span(doc: &Document, span: Span, target: &str) -> Span {
    let src = doc.slice(span);
    match src.rfind(target) {
        Some(i) if !target.is_empty() => Span::new(
            span.start as usize + i,
            span.start as usize + i + target.len(),
        ),
        _ => span,
    }
}

declare_rule! {
    /// ## What it checks
    /// Relative links and images point to files that exist.
    ///
    /// A target written as a path relative to the document (`docs/arch.png`,
    /// `../src/queue.ts`, `./SECURITY.md`) must name a file that is there. Web addresses,
    /// `mailto:` and other schemes, in-page anchors (`#setup`), MDX variables
    /// (`src={diagram}`) and template slots are skipped. A target such as `www.example.com`
    /// without `https://` is reported, because a renderer reads it as a relative path. Each
    /// missing file is reported once, at its first use.
    ///
    /// ## Why evaluators care
    /// A broken image leaves a hole where the evidence should be, and a dead link to
    /// the code tells the reviewer the document was not checked before it was sent.
    ///
    /// ## Weak
    /// `![Architecture](images/architecture.png)` where the image was never committed.
    ///
    /// ## Strong
    /// Every image renders and every relative link opens, checked before publishing.
    ///
    /// ## How to fix
    /// Correct the path (it is relative to the document's own folder), commit the
    /// missing file, or link the file's address in the repository.
    ///
    /// ## What it cannot see
    /// Site-absolute paths such as `/img/x.png` depend on where the site is served
    /// from, so they cannot be resolved from the file and are skipped. Web addresses
    /// are not fetched. Without a file oracle (text piped in with no path) the rule
    /// does not run.
    pub RelativeLinksResolve {
        id: "EVD001",
        name: "relative-links-resolve",
        area: Evidence,
        criterion: Evidence,
        severity: Error,
    }
}

impl Check for RelativeLinksResolve {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let Some(files) = cx.files else {
            return Outcome::NotApplicable;
        };
        let path = doc.source.path.as_path();
        let mut targets: Vec<(Span, &str, &str)> = Vec::new();
        targets.extend(doc.links.iter().map(|l| (l.span, l.url.as_str(), "link")));
        targets.extend(doc.images.iter().map(|i| (i.span, i.src.as_str(), "image")));
        targets.sort_by_key(|t| t.0.start);
        let mut total = 0;
        let mut broken: Vec<(Span, &str, &str, usize)> = Vec::new();
        for (span, target, kind) in targets {
            if !is_relative(target) {
                continue;
            }
            total += 1;
            let t = target.trim();
            if !t.starts_with("www.") && files.exists(path, t) {
                continue;
            }
            let file = |x: &str| x.split(['#', '?']).next().unwrap_or("").to_string();
            match broken.iter_mut().find(|b| file(b.1) == file(t)) {
                Some(b) => b.3 += 1,
                None => broken.push((target_span(doc, span, t), t, kind, 1)),
            }
        }
        let failing: usize = broken.iter().map(|b| b.3).sum();
        for (span, target, kind, uses) in broken {
            let again = if uses > 1 {
                format!(" (used {uses} times)")
            } else {
                String::new()
            };
            if target.starts_with("www.") {
                cx.report(
                    span,
                    format!("the {kind} \"{target}\" is read as a relative path, not a web address{again}"),
                )
                .help("start the address with https:// so it opens the site");
            } else {
                cx.report(
                    span,
                    format!("the {kind} target \"{target}\" is not a file relative to this document{again}"),
                )
                .help("fix the path (it is relative to this file's folder), commit the missing file, or link to the file in the repository");
            }
        }
        Outcome::ratio(total - failing, total)
    }
}

// Run over every paragraph of a document that links no code; its host names make a
// literal prefilter worth building.
static CODE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::with_prefilter(
        r"(?i)(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gitea\.com|sr\.ht)/[^\s)\]]*?/(?:blob|tree|src|commit|commits|pull|merge_requests|compare|raw)/|gist\.github\.com/|raw\.githubusercontent\.com/",
    )
    .expect("code url pattern")
});

const SOURCE_EXTENSIONS: &[&str] = &[
    "rs", "go", "py", "ts", "tsx", "js", "jsx", "mjs", "cjs", "java", "kt", "kts", "scala", "rb",
    "php", "c", "h", "cc", "cpp", "hpp", "cs", "swift", "m", "sql", "sh", "bash", "yml", "yaml",
    "toml", "json", "tf", "hcl", "ex", "exs", "erl", "clj", "dart", "lua", "vue", "svelte",
    "gradle", "prisma", "graphql", "proto", "ipynb", "zig", "nix",
];
const SOURCE_FILES: &[&str] = &[
    "dockerfile",
    "makefile",
    "procfile",
    "justfile",
    "jenkinsfile",
];

/// A relative link to a source file (`../src/queue.ts`, `./Dockerfile`).
fn is_source_path(target: &str) -> bool {
    if !is_relative(target) {
        return false;
    }
    let path = target.split(['#', '?']).next().unwrap_or("");
    let name = path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    if SOURCE_FILES.contains(&name.as_str()) {
        return true;
    }
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && SOURCE_EXTENSIONS.contains(&ext))
}

declare_rule! {
    /// ## What it checks
    /// The code is referenced: links to its files, lines or commits.
    ///
    /// That is a link to a file, a line range, a commit or a pull request in a repository
    /// (`…/blob/…`, `…/tree/…`, `…/commit/…`, `…/pull/…`, GitLab's `/-/blob/`, gists), or a
    /// relative link to a source file (`../src/queue.ts`, `./Dockerfile`). A bare address
    /// in the text counts too. A link to the repository's front page does not: OVR102 asks
    /// for that.
    ///
    /// ## Why evaluators care
    /// A claim with a link to the lines that implement it can be checked in a minute;
    /// the same claim without one has to be taken on trust.
    ///
    /// ## Weak
    /// A single link to the repository at the top, and nothing after it.
    ///
    /// ## Strong
    /// "Retries back off exponentially ([`retry.ts`, lines 12–40](https://github.com/
    /// acme/shop/blob/4f2c1e0/src/retry.ts#L12-L40))", and the commit that fixed the
    /// double-charge bug linked from the challenge that tells of it.
    ///
    /// ## How to fix
    /// Link the files behind your key claims, preferably as permalinks to a commit so
    /// the lines do not move.
    ///
    /// ## What it cannot see
    /// Whether the linked code is the code described; file names mentioned without a
    /// link; hosts other than the common forges.
    pub CodeReferenced {
        id: "EVD002",
        name: "code-referenced",
        area: Evidence,
        criterion: Evidence,
        severity: Warning,
    }
}

impl Check for CodeReferenced {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let linked = doc
            .links
            .iter()
            .any(|l| CODE_URL.is_match(&l.url) || is_source_path(&l.url));
        let bare = || {
            doc.paragraphs
                .iter()
                .map(|p| &p.text.text)
                .chain(doc.list_items.iter().map(|p| &p.text.text))
                .chain(
                    doc.tables
                        .iter()
                        .flat_map(|t| &t.rows)
                        .flatten()
                        .map(|c| &c.text.text),
                )
                .any(|t| CODE_URL.is_match(t))
        };
        if linked || bare() {
            return Outcome::Pass;
        }
        let repo = doc
            .links
            .iter()
            .any(|l| super::overview::is_repo_url(&l.url));
        let msg = if repo {
            "the repository is linked, but no file, line range or commit in it is"
        } else {
            "no file, line range or commit of the code is linked"
        };
        cx.report(util::section_anchor(doc, "overview"), msg)
            .help("link the code behind key claims, ideally as a permalink to the lines (…/blob/<commit>/src/retry.ts#L12-L40) or to the commit that fixed a bug");
        Outcome::Fail
    }
}

declare_rule! {
    /// ## What it checks
    /// At least three diagrams or images in the whole document.
    ///
    /// They can be Mermaid (or PlantUML, Graphviz, D2) blocks, diagrams drawn as text in
    /// code blocks, Markdown and HTML images, and GIFs; the profile's `min_visuals` sets
    /// the number. Badges, videos and directory trees are not counted.
    ///
    /// ## Why evaluators care
    /// A diagram is the fastest way for a reviewer to judge systems thinking; a text-only
    /// case study sits on the rubric's lowest evidence level.
    ///
    /// ## Weak
    /// One screenshot of the home page.
    ///
    /// ## Strong
    /// An architecture diagram with its failure boundaries, a sequence diagram of the
    /// main flow and its error path, and an entity-relationship diagram of the data.
    ///
    /// ## How to fix
    /// Add the missing diagrams as Mermaid blocks (they render on GitHub and most doc
    /// sites) or as images: architecture, a flow, the data model.
    ///
    /// ## What it cannot see
    /// What a picture shows: a logo counts like an architecture diagram. The diagram
    /// rules (ARC305, FLO501, API603) check for the specific kinds.
    pub EnoughVisuals {
        id: "EVD003",
        name: "enough-visuals",
        area: Evidence,
        criterion: Evidence,
        severity: Warning,
    }
}

impl Check for EnoughVisuals {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let min = cx.thresholds().min_visuals;
        let v = Visuals::of(doc);
        let n = v.total() as usize;
        if n >= min {
            return Outcome::Pass;
        }
        let at = ["flows", "architecture"]
            .iter()
            .find_map(|id| util::section(doc, id))
            .map(|s| s.heading)
            .unwrap_or_else(|| doc.anchor());
        let plural =
            |k: u32, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        let mut parts = vec![
            plural(v.diagrams, "diagram", "diagrams"),
            plural(v.images, "image", "images"),
        ];
        if v.drawings > 0 {
            parts.push(plural(v.drawings, "text drawing", "text drawings"));
        }
        cx.report(
            at,
            format!(
                "{} in the whole document ({}); {} asks for at least {min}",
                plural(n as u32, "visual", "visuals"),
                parts.join(", "),
                cx.profile.voice()
            ),
        )
        .help("add an architecture diagram with its failure boundaries, a flow (the error path impresses most) and the data model, as Mermaid blocks or images");
        if n == 0 {
            Outcome::Fail
        } else {
            Outcome::Partial(n as f64 / min as f64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_relative_paths_from_addresses_anchors_and_slots() {
        for t in [
            "docs/a.png",
            "./SECURITY.md",
            "../src/main.rs",
            "www.example.com",
            "a.png#x",
        ] {
            assert!(is_relative(t), "{t}");
        }
        for t in [
            "https://x.io/a.png",
            "//cdn.example/a.png",
            "/img/a.png",
            "#setup",
            "mailto:a@b.c",
            "YOUR_GITHUB_URL",
            "diagram",
            "",
            "{img}",
        ] {
            assert!(!is_relative(t), "{t}");
        }
    }

    #[test]
    fn recognises_links_into_code() {
        for u in [
            "https://github.com/a/b/blob/main/src/x.ts#L4-L9",
            "https://gitlab.com/g/p/-/tree/main/src",
            "https://github.com/a/b/commit/4f2c1e0",
            "https://github.com/a/b/pull/12",
        ] {
            assert!(CODE_URL.is_match(u), "{u}");
        }
        assert!(!CODE_URL.is_match("https://github.com/a/b"));
        assert!(is_source_path("../src/retry.ts"));
        assert!(is_source_path("./Dockerfile"));
        assert!(!is_source_path("docs/notes.md"));
        assert!(!is_source_path("https://example.org/x.ts"));
    }
}
