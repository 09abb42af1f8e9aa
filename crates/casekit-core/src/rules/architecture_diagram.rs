//! The architecture diagram (ARC305) and the failure boundaries it shows (ARC306).

// ---------------------------------------------------------------------------------------
// The architecture diagram (ARC305, ARC306). Paths are written out in full so this block
// stands on its own beside the other rules of this file.

crate::declare_rule! {
    /// ## What it checks
    /// The document has an architecture diagram: a Mermaid flowchart/graph, C4,
    /// `architecture-beta` or block diagram that its heading or caption presents as the
    /// architecture (or that sits outside the flow and data sections and has no decision
    /// steps); an image whose alt text, caption or file name says architecture, system
    /// design, infrastructure or topology (or that sits in the architecture section and is
    /// not a screenshot); or a box-and-arrow drawing in a plain code block under an
    /// architecture heading.
    ///
    /// ## Why evaluators care
    /// The architecture diagram is the 10,000-foot view a reviewer keeps in mind while
    /// reading everything else; without it every later section is harder to follow.
    ///
    /// ## Weak
    /// A paragraph listing "React frontend, Node backend, MongoDB" and no picture.
    ///
    /// ## Strong
    /// A `flowchart LR` with the client, CDN, load balancer, API instances, cache, database,
    /// queue, workers and the dead-letter queue, with labelled arrows.
    ///
    /// ## How to fix
    /// Add a Mermaid `flowchart` to the architecture section (or an image with alt text
    /// such as "System architecture"): every runtime component and how they talk.
    ///
    /// ## What it cannot see
    /// What an image shows; an image with no alt text, caption or telling file name outside
    /// the architecture section is not recognised.
    pub ArchitectureDiagram {
        id: "ARC305",
        name: "architecture-diagram",
        area: Architecture,
        criterion: Evidence,
        severity: Error,
        fix: Template,
    }
}

impl super::Check for ArchitectureDiagram {
    fn check(
        &self,
        doc: &crate::document::Document,
        cx: &mut super::RuleContext,
    ) -> super::Outcome {
        use super::diagrams::{
            context_role, image_role, is_architecture_diagram, text_diagrams, Role,
        };
        let mermaid = cx
            .shared
            .diagrams()
            .iter()
            .any(|d| is_architecture_diagram(doc, d));
        let image = || {
            doc.images
                .iter()
                .any(|i| image_role(doc, i) == Role::Architecture)
        };
        let text = || text_diagrams(doc).any(|c| context_role(doc, c.span) == Role::Architecture);
        if mermaid || image() || text() {
            return super::Outcome::Pass;
        }
        cx.report(
            super::util::section_anchor(doc, "architecture"),
            "no architecture diagram: no Mermaid flowchart or C4 diagram of the system, and no image whose alt text, caption or file name says architecture",
        )
        .help("add a Mermaid `flowchart LR` of every runtime component and how they talk (client, API, database, cache, queue, workers), or an image with alt text like \"System architecture\"")
        .fix_if(super::fixes::append_part(
            doc,
            "architecture",
            "architecture_diagram",
            "insert a skeleton architecture diagram to adapt",
        ));
        super::Outcome::Fail
    }
}

crate::declare_rule! {
    /// ## What it checks
    /// The Mermaid architecture diagram shows at least one failure boundary: a node, group
    /// or arrow label that names a retry, dead-letter queue, circuit breaker, fallback,
    /// timeout, replica or failover, a health check, or an error path (the profile's
    /// `failure_boundaries`). Reported at the diagram's first line.
    ///
    /// ## Why evaluators care
    /// A diagram of the happy path only hides the most interesting decisions: where
    /// retries live, what happens to a message that keeps failing, what takes over when
    /// the database's primary dies. Reviewers look for these boundaries first.
    ///
    /// ## Weak
    /// `Client --> API --> DB` and `API --> Queue --> Worker`, nothing else.
    ///
    /// ## Strong
    /// `Queue -->|after 3 retries| DLQ[Dead letter queue]`, `DB[(Primary)] -.->|replication|
    /// Replica[(Read replica)]`, `API -->|timeout 2 s, fallback to cache| Cache`.
    ///
    /// ## How to fix
    /// Add the failure handling you built to the diagram: the dead-letter queue, the retry
    /// policy on the arrow, the replica, the circuit breaker in front of the third-party API.
    ///
    /// ## What it cannot see
    /// Architecture diagrams that are images, and C4 or `architecture-beta` diagrams (their
    /// contents are not read); it is not applicable when there is no Mermaid flowchart of
    /// the architecture.
    pub FailureBoundaries {
        id: "ARC306",
        name: "failure-boundaries",
        area: Architecture,
        criterion: Architecture,
        severity: Warning,
    }
}

impl super::Check for FailureBoundaries {
    fn check(
        &self,
        doc: &crate::document::Document,
        cx: &mut super::RuleContext,
    ) -> super::Outcome {
        use super::diagrams::{is_architecture_diagram, line_of, mentions};
        use crate::diagram::Model;
        let words = &super::util::Words::new(&cx.profile.vocabulary.failure_boundaries);
        let charts: Vec<(&crate::diagram::Diagram, &crate::diagram::Flowchart)> = cx
            .shared
            .diagrams()
            .iter()
            .filter(|d| is_architecture_diagram(doc, d))
            .filter_map(|d| match &d.parse {
                Ok(Model::Flowchart(f)) => Some((d, f)),
                _ => None,
            })
            .collect();
        if charts.is_empty() {
            return super::Outcome::NotApplicable;
        }
        let shows = |f: &crate::diagram::Flowchart| {
            f.nodes
                .iter()
                .flat_map(|n| [n.id.as_str(), n.label.as_str()])
                .chain(
                    f.edges
                        .iter()
                        .filter_map(|e| e.label.as_ref().map(|l| l.text.as_str())),
                )
                .chain(f.subgraphs.iter().map(|s| s.title.as_str()))
                .any(|t| mentions(t, words))
        };
        if charts.iter().any(|(_, f)| shows(f)) {
            return super::Outcome::Pass;
        }
        let (first, f) = charts[0];
        let which = if charts.len() == 1 {
            format!(
                "the architecture diagram (line {}, {} components)",
                line_of(doc, first),
                f.nodes.len()
            )
        } else {
            format!(
                "none of the {} architecture diagrams (first at line {})",
                charts.len(),
                line_of(doc, first)
            )
        };
        let verb = if charts.len() == 1 { "shows" } else { "show" };
        cx.report(
            first.header,
            format!("{which} {verb} no failure boundary: no retry, dead-letter queue, circuit breaker, fallback, timeout, replica or error path"),
        )
        .help("draw where failure is handled: e.g. `Queue -->|after 3 retries| DLQ[Dead letter queue]`, a read replica, or the timeout and fallback on the call to a third party");
        super::Outcome::Fail
    }
}
