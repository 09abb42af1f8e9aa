//! Templates for `casekit new` and for the fix of a missing section: ONE place that
//! knows what a skeleton case study looks like.
//!
//! A skeleton has every section the profile requires, in the guide's order. Each
//! section carries short guidance and a skeleton of the content the guide asks for
//! (tables, diagrams, lists). Two kinds of marks make the skeleton's unfinished parts
//! visible to rule STR004 until they are replaced:
//!
//! - **slots**: SCREAMING_SNAKE words such as `YOUR_PROJECT_NAME` or `GOAL_1`, to be
//!   replaced by the author's own facts;
//! - **guidance**: comments that contain [`GUIDANCE_MARKER`] (`<!-- casekit:guide … -->`
//!   in Markdown, `{/* casekit:guide … */}` in MDX, `%% casekit:guide …` inside a
//!   skeleton diagram), to be deleted once the section is written.
//!
//! [`document`] and [`section_template`] are built from the same per-section pieces
//! (see `sections.rs`), so the file `casekit new` writes and the section a fix inserts
//! never drift apart.

mod sections;

use crate::profile::Profile;
use crate::source::Format;

/// Marker that `casekit new` puts on guidance text, in HTML and MDX comments.
pub const GUIDANCE_MARKER: &str = "casekit:guide";

static SLOT: std::sync::LazyLock<crate::re::Regex> = std::sync::LazyLock::new(|| {
    crate::re::Regex::new(r"^(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|FEATURE|GOAL|TECH|REASON|ALTERNATIVE|CHALLENGE|SOLUTION|DIFFICULTY|DESCRIPTION|PLACEHOLDER|TBD|TODO)(?-u:\b)")
        .expect("slot pattern")
});

/// Whether a cell or item still starts with a template slot (`REASON`, `GOAL_1`); those
/// are STR004's to report.
pub(crate) fn is_slot(text: &str) -> bool {
    SLOT.is_match(text.trim_start())
}

/// What the author already told `casekit new` (flags or prompts). A field left `None`
/// (or blank) keeps its slot in the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    /// The project's name: the document's title.
    pub name: Option<String>,
    /// One sentence: who has what problem and what changes for them.
    pub one_liner: Option<String>,
    /// Repository URL.
    pub repo: Option<String>,
    /// Live demo or video walkthrough URL.
    pub demo: Option<String>,
    /// Team size ("4", "4 people", "solo").
    pub team: Option<String>,
    /// The author's own role.
    pub role: Option<String>,
    /// How long it took ("10 weeks, part-time").
    pub timeline: Option<String>,
}

/// The slot each answer replaces when it is not given.
pub mod slots {
    pub const NAME: &str = "YOUR_PROJECT_NAME";
    pub const ONE_LINER: &str = "YOUR_ONE_LINE_PITCH";
    pub const REPO: &str = "https://github.com/YOUR_GITHUB_USER/YOUR_REPO";
    pub const DEMO: &str = "https://YOUR_DEMO_URL";
    /// A bare-slot cell ("X people") that STR004 reports.
    pub const TEAM: &str = "X people";
    pub const ROLE: &str = "YOUR_ROLE";
    /// A bare-slot cell ("X weeks") that STR004 reports, with the part-/full-time hint.
    pub const TIMELINE: &str = "X weeks, part-time";
}

/// Ids of the sections the scaffold has a template for, in the guide's order
/// (`non_goals` is written inside `goals`).
pub const SECTION_IDS: &[&str] = &[
    "overview",
    "goals",
    "non_goals",
    "architecture",
    "features",
    "flows",
    "api_data",
    "challenges",
    "best_practices",
    "conclusion",
];

/// Whether [`section_template`] has a real template for `section_id`.
pub fn knows(section_id: &str) -> bool {
    SECTION_IDS.contains(&section_id)
}

/// One section as a level-2 heading, its guidance and its skeleton.
///
/// An id the scaffold does not know (a custom profile's section) gets a heading and a
/// guidance line only.
pub fn section_template(section_id: &str, format: Format) -> String {
    section_template_at(section_id, format, 2)
}

/// [`section_template`] with the section's heading at `level` (1–5); sub-headings sit
/// one level below it.
pub fn section_template_at(section_id: &str, format: Format, level: u8) -> String {
    let mut w = Writer::new(format, level.clamp(1, 5));
    sections::write(&mut w, section_id, &Answers::default());
    w.finish()
}

/// A part of a section that a fix adds when the section lacks it (`non_goals`,
/// `tech_stack`, `architecture_diagram`, `error_flow`, `data_model`, `next_steps`): its
/// heading at `level`, guidance and skeleton, as `casekit new` writes them inside the
/// section. `None` for an id that names no part.
pub fn part_template(part_id: &str, format: Format, level: u8) -> Option<String> {
    let mut w = Writer::new(format, level.clamp(1, 6));
    sections::write_part(&mut w, part_id).then(|| w.finish())
}

/// A section the scaffold has no template for: its heading and one guidance line.
pub fn generic_section(title: &str, format: Format, level: u8) -> String {
    let mut w = Writer::new(format, level.clamp(1, 5));
    let title = w.text(title);
    w.heading(0, &title);
    w.guide("Write this section for your project; the profile requires it.");
    w.finish()
}

/// A whole skeleton: a title, a line of guidance, then every section the profile
/// requires in the guide's order, with the answers filled in.
pub fn document(format: Format, answers: &Answers) -> String {
    let mut w = Writer::new(format, 2);
    let title = answer(answers.name.as_deref())
        .map(|n| w.text(n))
        .unwrap_or_else(|| slots::NAME.to_string());
    w.raw_heading(1, &title);
    w.guide(
        "A skeleton of the nine sections the guide asks for. Replace each capitalised \
         slot with your own facts and delete each guidance comment once its section is \
         written; `casekit check` lists what is still left.",
    );
    for spec in Profile::guide().sections.iter().filter(|s| s.required) {
        sections::write(&mut w, &spec.id, answers);
    }
    w.finish()
}

/// A non-blank answer, trimmed.
pub(crate) fn answer(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Callout {
    Tip,
    Warning,
}

/// Writes Markdown or MDX from format-neutral calls, so each section is written once.
pub(crate) struct Writer {
    pub format: Format,
    /// Level of the section headings; sub-headings are one below.
    pub level: u8,
    out: String,
}

impl Writer {
    pub fn new(format: Format, level: u8) -> Self {
        Writer {
            format,
            level,
            out: String::with_capacity(8 * 1024),
        }
    }

    pub fn finish(self) -> String {
        let mut s = self.out;
        while s.ends_with("\n\n") {
            s.pop();
        }
        s
    }

    /// A heading `depth` levels below the section level (0 = the section heading).
    pub fn heading(&mut self, depth: u8, text: &str) {
        let level = (self.level + depth).min(6);
        self.raw_heading(level, text);
    }

    fn raw_heading(&mut self, level: u8, text: &str) {
        for _ in 0..level {
            self.out.push('#');
        }
        self.out.push(' ');
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }

    /// Guidance for the author, as a comment STR004 reports until it is deleted. One
    /// line, so deleting it is one keystroke in any editor.
    pub fn guide(&mut self, text: &str) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        debug_assert!(!text.contains("-->") && !text.contains("*/"));
        match self.format {
            Format::Markdown => {
                self.out.push_str("<!-- ");
                self.out.push_str(GUIDANCE_MARKER);
                self.out.push(' ');
                self.out.push_str(&text);
                self.out.push_str(" -->\n\n");
            }
            Format::Mdx => {
                self.out.push_str("{/* ");
                self.out.push_str(GUIDANCE_MARKER);
                self.out.push(' ');
                self.out.push_str(&text);
                self.out.push_str(" */}\n\n");
            }
        }
    }

    /// Markdown that reads the same in both formats (tables, lists, paragraphs).
    pub fn block(&mut self, text: &str) {
        self.out.push_str(text.trim_matches('\n'));
        self.out.push_str("\n\n");
    }

    /// A highlighted note: a GitHub alert in Markdown, `<Tip>` / `<Warning>` in MDX.
    pub fn callout(&mut self, kind: Callout, text: &str) {
        match self.format {
            Format::Markdown => {
                let tag = match kind {
                    Callout::Tip => "[!TIP]",
                    Callout::Warning => "[!WARNING]",
                };
                self.out.push_str("> ");
                self.out.push_str(tag);
                self.out.push('\n');
                for line in text.trim().lines() {
                    self.out.push_str("> ");
                    self.out.push_str(line);
                    self.out.push('\n');
                }
                self.out.push('\n');
            }
            Format::Mdx => {
                let tag = match kind {
                    Callout::Tip => "Tip",
                    Callout::Warning => "Warning",
                };
                self.out.push_str(&format!("<{tag}>\n"));
                for line in text.trim().lines() {
                    self.out.push_str("  ");
                    self.out.push_str(line);
                    self.out.push('\n');
                }
                self.out.push_str(&format!("</{tag}>\n\n"));
            }
        }
    }

    /// An ordered sequence of titled steps: a numbered list in Markdown,
    /// `<Steps>` / `<Step title>` in MDX.
    pub fn steps(&mut self, items: &[(&str, &str)]) {
        match self.format {
            Format::Markdown => {
                for (i, (title, body)) in items.iter().enumerate() {
                    self.out
                        .push_str(&format!("{}. **{title}**: {body}\n", i + 1));
                }
                self.out.push('\n');
            }
            Format::Mdx => {
                self.out.push_str("<Steps>\n");
                for (title, body) in items {
                    self.out.push_str(&format!("  <Step title=\"{title}\">\n"));
                    self.out.push_str(&format!("    {body}\n"));
                    self.out.push_str("  </Step>\n");
                }
                self.out.push_str("</Steps>\n\n");
            }
        }
    }

    /// A Mermaid diagram whose second line is a guidance comment, so the skeleton
    /// diagram is reported until the author adapts it and deletes that line.
    pub fn mermaid(&mut self, guide: &str, body: &str) {
        let body = body.trim_matches('\n');
        let (kind, rest) = body.split_once('\n').unwrap_or((body, ""));
        self.out.push_str("```mermaid\n");
        self.out.push_str(kind.trim_end());
        self.out.push('\n');
        self.out.push_str("  %% ");
        self.out.push_str(GUIDANCE_MARKER);
        self.out.push(' ');
        self.out.push_str(guide);
        self.out.push('\n');
        if !rest.is_empty() {
            self.out.push_str(rest);
            self.out.push('\n');
        }
        self.out.push_str("```\n\n");
    }

    /// An answer made safe for a table cell or heading in this format: one line, pipes
    /// and `<` (which would open HTML or JSX) escaped, and in MDX the braces that would
    /// open an expression.
    pub fn text(&self, v: &str) -> String {
        let one_line = v.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut out = String::with_capacity(one_line.len());
        for c in one_line.chars() {
            match c {
                '|' => out.push_str("\\|"),
                '<' => out.push_str("\\<"),
                '{' | '}' if self.format == Format::Mdx => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// An answer used as a link target: no spaces, no closing parenthesis to end it early.
    pub fn url(&self, v: &str) -> String {
        v.trim()
            .replace(' ', "%20")
            .replace('(', "%28")
            .replace(')', "%29")
    }
}

#[cfg(test)]
mod tests;
