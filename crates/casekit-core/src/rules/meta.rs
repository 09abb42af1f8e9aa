//! What every rule declares about itself, and what it reports.

use crate::document::Document;
use crate::source::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// The rubric criterion a rule feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Criterion {
    Clarity,
    Depth,
    Architecture,
    Evidence,
}

impl Criterion {
    pub const ALL: [Criterion; 4] = [
        Criterion::Clarity,
        Criterion::Depth,
        Criterion::Architecture,
        Criterion::Evidence,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Criterion::Clarity => "clarity",
            Criterion::Depth => "depth",
            Criterion::Architecture => "architecture",
            Criterion::Evidence => "evidence",
        }
    }
}

/// The part of the guide a rule enforces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Structure,
    Overview,
    Goals,
    Architecture,
    Features,
    Flows,
    ApiData,
    Challenges,
    BestPractices,
    Conclusion,
    Diagrams,
    Style,
    Evidence,
}

impl Area {
    /// The profile section a rule of this area checks, if it is about one section.
    pub fn section_id(self) -> Option<&'static str> {
        match self {
            Area::Overview => Some("overview"),
            Area::Goals => Some("goals"),
            Area::Architecture => Some("architecture"),
            Area::Features => Some("features"),
            Area::Flows => Some("flows"),
            Area::ApiData => Some("api_data"),
            Area::Challenges => Some("challenges"),
            Area::BestPractices => Some("best_practices"),
            Area::Conclusion => Some("conclusion"),
            Area::Structure | Area::Diagrams | Area::Style | Area::Evidence => None,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Area::Structure => "Structure",
            Area::Overview => "Overview",
            Area::Goals => "Goals and Non-Goals",
            Area::Architecture => "System Architecture",
            Area::Features => "Key Features",
            Area::Flows => "Flows and Diagrams",
            Area::ApiData => "API and Data Design",
            Area::Challenges => "Challenges and Solutions",
            Area::BestPractices => "Best Practices",
            Area::Conclusion => "Conclusion",
            Area::Diagrams => "Diagrams",
            Area::Style => "Style",
            Area::Evidence => "Evidence",
        }
    }
}

/// Whether a rule can offer a fix, and of what kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    None,
    /// Inserts a template (a missing section or column) and never deletes text.
    Template,
}

#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub name: &'static str,
    pub area: Area,
    pub criterion: Criterion,
    pub severity: Severity,
    pub fix: FixKind,
    /// Markdown docs from the rule's doc comment (`## What it checks`, …).
    pub docs: &'static str,
}

impl RuleMeta {
    /// The docs with the doc-comment's leading space removed from each line.
    pub fn docs_text(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }

    /// What `casekit explain` shows (and an editor's hover): a title line, the rule's
    /// place in the guide and rubric, then its docs.
    pub fn explain(&self) -> String {
        format!(
            "# {} {}\n\nSection: {} · Criterion: {} · Default severity: {}{}\n\n{}",
            self.id,
            self.name,
            self.area.title(),
            self.criterion.id(),
            self.severity.as_str(),
            if self.fix == FixKind::None {
                ""
            } else {
                " · Fixable"
            },
            self.docs_text()
        )
    }

    /// The first paragraph under `## What it checks`: a one-line summary.
    pub fn summary(&self) -> String {
        let docs = self.docs_text();
        let body = docs
            .split("## What it checks")
            .nth(1)
            .unwrap_or(&docs)
            .trim_start();
        body.split("\n\n")
            .next()
            .unwrap_or("")
            .split('\n')
            .take_while(|l| !l.starts_with("##"))
            .collect::<Vec<_>>()
            .join(" ")
            .trim()
            .to_string()
    }
}

pub use super::fix::{apply_fixes, Fix, Insert};

#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub help: String,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = help.into();
        self
    }
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }
    /// Attaches `fix` when there is one (an empty fix counts as none).
    pub fn fix_if(&mut self, fix: Option<Fix>) -> &mut Self {
        if let Some(fix) = fix.filter(|f| !f.is_empty()) {
            self.fix = Some(fix);
        }
        self
    }
}

/// How a document fared on a rule: what the rubric reads (not message counts).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    /// Fraction of instances that pass, in 0..=1.
    Partial(f64),
    Fail,
    /// The rule has nothing to look at (no diagrams for a diagram rule).
    NotApplicable,
}

impl Outcome {
    /// Passing instances out of all; no instances at all is not applicable.
    pub fn ratio(passing: usize, total: usize) -> Outcome {
        if total == 0 {
            Outcome::NotApplicable
        } else if passing == total {
            Outcome::Pass
        } else if passing == 0 {
            Outcome::Fail
        } else {
            Outcome::Partial(passing as f64 / total as f64)
        }
    }
    pub fn from_bool(pass: bool) -> Outcome {
        if pass {
            Outcome::Pass
        } else {
            Outcome::Fail
        }
    }
    /// Credit in 0..=1; `None` when not applicable.
    pub fn credit(self) -> Option<f64> {
        match self {
            Outcome::Pass => Some(1.0),
            Outcome::Partial(f) => Some(f.clamp(0.0, 1.0)),
            Outcome::Fail => Some(0.0),
            Outcome::NotApplicable => None,
        }
    }
}

/// What a rule sees besides the document: the profile and where to report.
pub struct RuleContext<'a> {
    pub profile: &'a crate::profile::Profile,
    pub files: Option<&'a dyn super::FileOracle>,
    pub(crate) meta: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Readings of the document several rules share (computed once per check).
    pub(crate) shared: &'a super::Shared<'a>,
}

impl RuleContext<'_> {
    /// Reports a finding at `span`; chain `.help(…)` and `.fix(…)` on the result.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            rule: self.meta.id,
            severity: self.severity,
            span,
            message: message.into(),
            help: String::new(),
            fix: None,
        });
        self.diagnostics.last_mut().expect("just pushed")
    }

    pub fn thresholds(&self) -> &crate::profile::Thresholds {
        &self.profile.thresholds
    }
}

/// The check half of a rule; [`declare_rule!`] supplies the metadata half.
pub trait Check {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome;
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome;
}

/// Declares a rule: its docs (the doc comment), its metadata, and its registration as a
/// [`Rule`]. The check itself is an `impl Check for …` beside it.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis $name:ident {
            id: $id:literal,
            name: $rname:literal,
            area: $area:ident,
            criterion: $crit:ident,
            severity: $sev:ident
            $(, fix: $fix:ident)?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis struct $name;
        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                name: $rname,
                area: $crate::rules::Area::$area,
                criterion: $crate::rules::Criterion::$crit,
                severity: $crate::rules::Severity::$sev,
                fix: $crate::declare_rule!(@fix $($fix)?),
                docs: concat!($($doc, "\n"),*),
            };
        }
        impl $crate::rules::Rule for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                static META: $crate::rules::RuleMeta = $name::META;
                &META
            }
            fn check(
                &self,
                doc: &$crate::document::Document,
                cx: &mut $crate::rules::RuleContext,
            ) -> $crate::rules::Outcome {
                <$name as $crate::rules::Check>::check(self, doc, cx)
            }
        }
    };
    (@fix) => { $crate::rules::FixKind::None };
    (@fix $fix:ident) => { $crate::rules::FixKind::$fix };
}
