//! Overview: the snapshot a reader uses to decide whether to keep reading.

use super::util::{self, header_key};
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::document::{Document, ImageKind, TextRun};
use crate::re::Regex;
use crate::source::Span;
use std::sync::LazyLock;

pub static RULES: &[&dyn Rule] = &[
    &ValueProposition,
    &RepositoryLink,
    &DemoLink,
    &TeamAndRole,
    &Timeline,
];

/// The overview's facts as a key/value table row (`| **Timeline** | 6 weeks |`), if any.
fn overview_row<'a>(doc: &'a Document, keys: &[&str]) -> Option<&'a TextRun> {
    let lead = util::lead_span(doc);
    for t in Document::in_span(&doc.tables, lead) {
        let rows = std::iter::once(&t.header).chain(t.rows.iter());
        for row in rows {
            if row.len() < 2 {
                continue;
            }
            let key = header_key(&row[0].text.text);
            if keys
                .iter()
                .any(|k| key == *k || key.starts_with(&format!("{k} ")))
                && !row[1].text.is_empty()
            {
                return Some(&row[1].text);
            }
        }
    }
    None
}

/// Text of the lead (overview, or the opening before the first guide section).
fn lead_texts(doc: &Document) -> Vec<(&TextRun, Span)> {
    let lead = util::lead_span(doc);
    let mut v: Vec<(&TextRun, Span)> = Vec::new();
    v.extend(Document::in_span(&doc.paragraphs, lead).map(|p| (&p.text, p.span)));
    v.extend(Document::in_span(&doc.list_items, lead).map(|p| (&p.text, p.span)));
    v.extend(Document::in_span(&doc.headings, lead).map(|p| (&p.text, p.span)));
    for t in Document::in_span(&doc.tables, lead) {
        for c in t.header.iter().chain(t.rows.iter().flatten()) {
            v.push((&c.text, c.span));
        }
    }
    v.sort_by_key(|(_, s)| s.start);
    v
}

static BUILT_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:i|we)\s+)?(?:built|developed|created|made|implemented|wrote|coded)(?-u:\b)|^(?:this (?:project|app|application) is\s+)?an?\s+(?:[0-9A-Za-z_-]+\s+){0,3}(?:app|application|website|site|platform|project|clone)\s+(?:built|made|developed|written|using|with)(?-u:\b)")
        .expect("built-with pattern")
});
static OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:so that|so\s+(?-u:\w)+\s+can|helps?|lets?|allows?|enables?|without|reduc(?-u:\w)*|solv(?-u:\w)*|prevent(?-u:\w)*|problem|pain|never|instead of|for (?:(?-u:\w)+\s+){0,2}(?:who|that)|save(?-u:\w)*|cut(?-u:\w)*|avoid(?-u:\w)*|eliminat(?-u:\w)*|automat(?-u:\w)*|simplif(?-u:\w)*|understand|debug|track|find|manage|in one place|struggl(?-u:\w)*|hard|lose|loss)(?-u:\b)")
        .expect("outcome pattern")
});

declare_rule! {
    /// ## What it checks
    /// The overview opens with a one-line value proposition: a sentence about the problem
    /// solved or the outcome for someone, not a list of features or technologies. It reads
    /// the "One-liner" row of an overview table when there is one, else the first sentence
    /// of the overview.
    ///
    /// ## Why evaluators care
    /// The first line decides whether the rest is read. "Built an e-commerce site with
    /// React and Node" could describe a thousand projects; a problem and a result describe
    /// yours.
    ///
    /// ## Weak
    /// "Built a multi-vendor marketplace using MongoDB, Express, React and Node."
    ///
    /// ## Strong
    /// "A marketplace that keeps stock in sync across three warehouses, so sellers stop
    /// overselling."
    ///
    /// ## How to fix
    /// Rewrite the opening sentence around who has the problem and what changes for them;
    /// move the stack to the architecture section.
    ///
    /// ## What it cannot see
    /// It judges the wording only: it flags an opening that starts like "Built X with Y"
    /// and names no problem or outcome. Whether the problem is a real one is for a human.
    pub ValueProposition {
        id: "OVR101",
        name: "value-proposition",
        area: Overview,
        criterion: Clarity,
        severity: Warning,
    }
}

impl Check for ValueProposition {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let candidate: Option<(String, Span)> = overview_row(
            doc,
            &[
                "one liner",
                "oneliner",
                "tagline",
                "value proposition",
                "summary",
                "problem",
                "elevator pitch",
            ],
        )
        .and_then(|t| t.span().map(|s| (t.text.trim().to_string(), s)))
        .or_else(|| {
            let lead = util::lead_span(doc);
            let first = Document::in_span(&doc.paragraphs, lead)
                .find(|p| p.text.text.split_whitespace().count() >= 4)?;
            let range = crate::document::prose::split_sentences(&first.text.text)
                .into_iter()
                .next()?;
            let span = first.text.span_of(range.clone())?;
            Some((first.text.text[range].to_string(), span))
        });
        let Some((sentence, span)) = candidate else {
            let at = util::section_anchor(doc, "overview");
            cx.report(at, "the overview does not open with a one-line value proposition")
                .help("start with one sentence naming who has what problem and what your project changes for them");
            return Outcome::Fail;
        };
        if BUILT_WITH.is_match(sentence.trim()) && !OUTCOME.is_match(&sentence) {
            cx.report(span, "the opening sentence describes what was built, not the problem it solves")
                .help("lead with the user's problem or the outcome (\"so sellers stop overselling\"); put the stack in the architecture section");
            return Outcome::Fail;
        }
        Outcome::Pass
    }
}

static REPO_HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|//|(?-u:\b))(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|sr\.ht|git\.sr\.ht)/[0-9A-Za-z_.-]+").expect("repo pattern")
});

pub(crate) fn is_repo_url(url: &str) -> bool {
    REPO_HOST.is_match(url) && !url.contains("github.io")
}

declare_rule! {
    /// ## What it checks
    /// A link to the code's repository (GitHub, GitLab, Bitbucket, Codeberg, SourceHut)
    /// appears in the document, as a Markdown link, an HTML link or a bare URL.
    ///
    /// ## Why evaluators care
    /// Reviewers click through to the code to check the claims. No repository means the
    /// claims cannot be checked, and a boilerplate README there hurts as much as none.
    ///
    /// ## Weak
    /// "Source available on request."
    ///
    /// ## Strong
    /// `[GitHub](https://github.com/you/project)` in the overview, with a README that
    /// explains how to run it.
    ///
    /// ## How to fix
    /// Add the repository link to the overview; if the code is private, say so and link a
    /// public sample or a walkthrough video instead.
    ///
    /// ## What it cannot see
    /// Whether the repository is public or its README any good.
    pub RepositoryLink {
        id: "OVR102",
        name: "repository-link",
        area: Overview,
        criterion: Evidence,
        severity: Error,
        fix: Template,
    }
}

impl Check for RepositoryLink {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let linked = doc.links.iter().any(|l| is_repo_url(&l.url));
        let bare = || {
            doc.paragraphs
                .iter()
                .map(|p| &p.text.text)
                .chain(doc.list_items.iter().map(|p| &p.text.text))
                .any(|t| is_repo_url(t))
        };
        if linked || bare() {
            return Outcome::Pass;
        }
        cx.report(util::section_anchor(doc, "overview"), "no link to the project's repository")
            .help("link the code (GitHub, GitLab, …) in the overview so reviewers can check what you describe")
            .fix_if(super::fixes::append_line(
                doc,
                "overview",
                &format!("**Repository:** [Source code]({})", crate::scaffold::slots::REPO),
                "add a repository link to fill in",
            ).filter(|_| !super::placeholders::has_slot_link(doc, &["repo", "github", "gitlab", "source"])));
        Outcome::Fail
    }
}

static DEMO_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:demo|live|deployed|try it|walkthrough|video|website|app|play|visit|hosted|production site)(?-u:\b)").expect("demo pattern")
});

declare_rule! {
    /// ## What it checks
    /// A live demo or a video walkthrough is linked: a link labelled demo, live, deployed or
    /// walkthrough to a site that is not the repository, or a video (Loom, YouTube, Vimeo,
    /// `.mp4`, `.webm`, `.gif`, an HTML `<video>`).
    ///
    /// ## Why evaluators care
    /// Seeing the product work is the fastest proof that it exists; reviewers spend more
    /// time on case studies with something to click.
    ///
    /// ## Weak
    /// No link, or "deployment coming soon".
    ///
    /// ## Strong
    /// `[Live demo](https://app.example.dev)` or a two-minute Loom walkthrough when the
    /// project is not deployed.
    ///
    /// ## How to fix
    /// Link the deployed site, or record a short walkthrough and link the video.
    ///
    /// ## What it cannot see
    /// Whether the link still works; a site linked without any demo-like label is only
    /// recognised if it is a video.
    pub DemoLink {
        id: "OVR103",
        name: "demo-link",
        area: Overview,
        criterion: Evidence,
        severity: Warning,
        fix: Template,
    }
}

/// How far before a link, in bytes, its label is looked for on the same line.
const LABEL_REACH: u32 = 200;

impl Check for DemoLink {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let video = doc.images.iter().any(|i| i.kind == ImageKind::Video)
            || doc
                .links
                .iter()
                .any(|l| crate::document::html_is_video_url(&l.url));
        let labelled = doc.links.iter().any(|l| {
            let web = l.url.starts_with("http") && !is_repo_url(&l.url);
            if !web {
                return false;
            }
            if DEMO_WORDS.is_match(&l.text) {
                return true;
            }
            // The label may sit beside the link: a table row or a list item "Live: <url>".
            // Only the line's last stretch before the link is read, so a line of
            // thousands of links costs no more than thousands of short lines.
            let line = doc.lines.line_of(l.span.start);
            let line_start = doc.lines.line_span(line, doc.text()).start;
            let mut from = line_start.max(l.span.start.saturating_sub(LABEL_REACH));
            while !doc.text().is_char_boundary(from as usize) {
                from += 1;
            }
            let before = doc.slice(Span {
                start: from.min(l.span.start),
                end: l.span.start,
            });
            DEMO_WORDS.is_match(before) || DEMO_WORDS.is_match(&l.url)
        });
        if video || labelled {
            return Outcome::Pass;
        }
        cx.report(
            util::section_anchor(doc, "overview"),
            "no live demo or video walkthrough is linked",
        )
        .help("link the deployed app, or a short video of it working if it is not deployed")
        .fix_if(
            super::fixes::append_line(
                doc,
                "overview",
                &format!(
                    "**Live demo:** [Live demo]({})",
                    crate::scaffold::slots::DEMO
                ),
                "add a demo link to fill in",
            )
            .filter(|_| {
                !super::placeholders::has_slot_link(doc, &["demo", "live", "video", "walkthrough"])
            }),
        );
        Outcome::Fail
    }
}

static TEAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:solo|single[- ]developer|individual project|by myself|on my own|alone|one[- ]person|personal project|(?:\d+|two|three|four|five|six|seven|eight|nine|ten)[- ](?:person|member|people|engineers?|developers?|students?)|team of (?:\d+|two|three|four|five|six|seven|eight|nine|ten)|(?:\d+|two|three|four|five|six|seven|eight|nine|ten) of us|(?:\d+|two|three|four|five|six)[- ]?(?:person|member) team)(?-u:\b)")
        .expect("team pattern")
});
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:my role|my responsibilit(?-u:\w)+|i (?:led|owned|designed|built|was responsible|worked on|handled|wrote|implemented|architected|developed)|i was the|as (?:the )?(?:lead|sole|solo|backend|frontend|full[- ]stack|team) (?-u:\w)+|role:|responsible for|solo|by myself|on my own|individual project|single[- ]developer|personal project)(?-u:\b)")
        .expect("role pattern")
});

/// Whether a team size in `text` is the author's own team, not the people the product
/// is for: a range ("for a 5–10 person team", "3 to 8 developers") is a kind of
/// customer, never the size of the team that built it.
fn states_own_team(text: &str) -> bool {
    TEAM.find_iter(text).any(|m| {
        let before = text[..m.start()].trim_end();
        let range = before.ends_with(['–', '—', '-'])
            || before
                .strip_suffix(" to")
                .or_else(|| before.strip_suffix(" or"))
                .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
        !range
    })
}

static FIRST_SINGULAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:I|I'(?:ve|m|d|ll)|I’(?:ve|m|d|ll)|[Mm]y|[Mm]yself)(?-u:\b)")
        .expect("first-person pattern")
});
static FIRST_PLURAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:we|we'(?:ve|re|d)|our|ours|us|teammates?|co-?authors?|my team|our team)(?-u:\b)")
        .expect("first-person plural pattern")
});

/// The overview speaks only as "I" (three times or more) and never as "we", "our" or
/// of teammates.
fn solo_voice(texts: &[(&TextRun, Span)]) -> bool {
    let singular: usize = texts
        .iter()
        .map(|(t, _)| FIRST_SINGULAR.find_iter(&t.text).count())
        .sum();
    singular >= 3 && !texts.iter().any(|(t, _)| FIRST_PLURAL.is_match(&t.text))
}

declare_rule! {
    /// ## What it checks
    /// The overview says how big the team was and what the author's own role was ("Led
    /// the backend for a 4-person team", "solo project"). A "Team Size" or "Role" row in an
    /// overview table counts.
    ///
    /// ## Why evaluators care
    /// A reviewer judges you, not the team: they need to know which decisions were yours
    /// and how much you built in the time.
    ///
    /// ## Weak
    /// "Full-stack developer."
    ///
    /// ## Strong
    /// "Team of 4; I designed the data model and owned the payment service."
    ///
    /// ## How to fix
    /// Add one sentence or two table rows with the team size and your part in it.
    ///
    /// ## What it cannot see
    /// Roles described in words it does not know; a capstone written as "we" throughout
    /// passes on team size but is reported for the missing personal role.
    pub TeamAndRole {
        id: "OVR104",
        name: "team-and-role",
        area: Overview,
        criterion: Clarity,
        severity: Warning,
        fix: Template,
    }
}

impl Check for TeamAndRole {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let texts = lead_texts(doc);
        let team_row = overview_row(doc, &["team size", "team", "team members"]).is_some();
        let role_row = overview_row(doc, &["your role", "role", "my role", "roles"]).is_some();
        let team = team_row || texts.iter().any(|(t, _)| states_own_team(&t.text));
        let role = role_row || texts.iter().any(|(t, _)| ROLE.is_match(&t.text));
        // An overview told only in the first person singular ("I wanted to know how
        // cleanly I could build it") is a solo project: it gives both.
        let (team, role) = if !team_row && !role_row && solo_voice(&texts) {
            (true, true)
        } else {
            (team, role)
        };
        // A "Team" section listing members states the team size too.
        let team = team
            || doc
                .sections
                .iter()
                .any(|s| s.key == "team" || s.title.eq_ignore_ascii_case("meet the team"));
        let at = util::section_anchor(doc, "overview");
        let line = match (team, role) {
            (false, false) => "**Team size:** YOUR_TEAM_SIZE · **My role:** YOUR_ROLE",
            (true, false) => "**My role:** YOUR_ROLE",
            _ => "**Team size:** YOUR_TEAM_SIZE",
        };
        let fix =
            || super::fixes::append_line(doc, "overview", line, "add the team and role to fill in");
        match (team, role) {
            (true, true) => Outcome::Pass,
            (false, false) => {
                cx.report(at, "the overview says neither the team size nor your role")
                    .help("say how many people built it and what you owned (\"team of 3; I led the backend\")")
                    .fix_if(fix());
                Outcome::Fail
            }
            (true, false) => {
                cx.report(at, "the overview gives the team but not your own role in it")
                    .help("name what you owned: \"I designed the data model and built the payment service\"")
                    .fix_if(fix());
                Outcome::Partial(0.5)
            }
            (false, true) => {
                cx.report(at, "the overview gives your role but not the team size")
                    .help("say how many people worked on it, or that it was a solo project")
                    .fix_if(fix());
                Outcome::Partial(0.5)
            }
        }
    }
}

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)[- ](?:days?|weeks?|months?|years?|sprints?)(?-u:\b)|(?-u:\b)(?:full|part)[- ]time(?-u:\b)|(?-u:\b)summer of code(?-u:\b)|(?-u:\b)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\s*(?:-|–|—|to)\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?\d{4}(?-u:\b)")
        .expect("duration pattern")
});
static DURATION_IN_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:over|in|within|during|took|spent|for|across|after)\s+(?:the\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several)[- ](?:weeks?|months?|sprints?)(?-u:\b)|(?-u:\b)(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)[- ](?:week|month)\s+(?:project|voyage|sprint|program|programme|bootcamp|capstone|build|timeline)(?-u:\b)")
        .expect("prose duration pattern")
});

declare_rule! {
    /// ## What it checks
    /// A timeline is stated: how long the project took and, ideally, whether full- or
    /// part-time ("3 months, part-time", "6 weeks", "Jan 2024 – Apr 2024"). It looks in
    /// the overview first, then for a duration stated as such anywhere ("over six weeks").
    ///
    /// ## Why evaluators care
    /// Scope means nothing without time: a payment system in two weeks and in six months
    /// are different achievements.
    ///
    /// ## Weak
    /// No mention of how long it took.
    ///
    /// ## Strong
    /// "Timeline: 10 weeks, part-time, alongside a full-time job."
    ///
    /// ## How to fix
    /// Add the duration to the overview.
    ///
    /// ## What it cannot see
    /// A duration given only as dates in a changelog or in an image.
    pub Timeline {
        id: "OVR105",
        name: "timeline",
        area: Overview,
        criterion: Clarity,
        severity: Warning,
        fix: Template,
    }
}

impl Check for Timeline {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let row = overview_row(
            doc,
            &[
                "timeline",
                "duration",
                "time frame",
                "timeframe",
                "dates",
                "period",
            ],
        )
        .is_some_and(|t| DURATION.is_match(&t.text) || t.text.chars().any(|c| c.is_ascii_digit()));
        let lead = lead_texts(doc)
            .iter()
            .any(|(t, _)| DURATION.is_match(&t.text));
        let anywhere = || {
            doc.paragraphs
                .iter()
                .map(|p| &p.text.text)
                .chain(doc.list_items.iter().map(|p| &p.text.text))
                .chain(doc.headings.iter().map(|p| &p.text.text))
                .any(|t| DURATION_IN_PROSE.is_match(t))
        };
        if row || lead || anywhere() {
            return Outcome::Pass;
        }
        cx.report(
            util::section_anchor(doc, "overview"),
            "the overview does not say how long the project took",
        )
        .help("state the timeline, e.g. \"8 weeks, part-time\"")
        .fix_if(super::fixes::append_line(
            doc,
            "overview",
            "**Timeline:** YOUR_DURATION, part-time or full-time",
            "add the timeline to fill in",
        ));
        Outcome::Fail
    }
}
