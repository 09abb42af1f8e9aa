//! Flows and Diagrams: the main flows are drawn, including what happens on failure, with
//! arrows that say what travels along them.

use super::diagrams::{self, Role};
use super::util::{self, Words};
use super::{Check, Outcome, Rule, RuleContext};
use crate::declare_rule;
use crate::diagram::{Diagram, Model};
use crate::document::{CodeBlock, Document, Image};
use crate::source::Span;

pub static RULES: &[&dyn Rule] = &[
    &FlowDiagramCount,
    &ErrorFlowDiagram,
    &ConcreteArrowLabels,
    &HappyPathDiagram,
];

/// The flow diagrams of a document: Mermaid ones, images that show a flow, and flows drawn
/// as text in code blocks.
struct Flows<'a> {
    diagrams: Vec<&'a Diagram>,
    images: Vec<&'a Image>,
    texts: Vec<&'a CodeBlock>,
}

impl<'a> Flows<'a> {
    fn of(doc: &'a Document, diagrams: &'a [Diagram]) -> Flows<'a> {
        Flows {
            diagrams: diagrams
                .iter()
                .filter(|d| d.parse.is_ok() && diagrams::is_flow_diagram(doc, d))
                .collect(),
            images: doc
                .images
                .iter()
                .filter(|i| diagrams::image_role(doc, i) == Role::Flow)
                .collect(),
            texts: diagrams::text_diagrams(doc)
                .filter(|c| diagrams::context_role(doc, c.span) == Role::Flow)
                .collect(),
        }
    }
    fn count(&self) -> usize {
        self.diagrams.len() + self.images.len() + self.texts.len()
    }
}

/// Where to report something missing from the flows: the flows section's heading, or the
/// document's title.
fn flows_anchor(doc: &Document) -> Span {
    util::section_anchor(doc, "flows")
}

/// "2 (the sequence diagram at line 40, the image at line 88)"
fn list_found(doc: &Document, flows: &Flows) -> String {
    let mut found: Vec<(u32, String)> = flows
        .diagrams
        .iter()
        .map(|d| (diagrams::line_of(doc, d), d.kind.describe()))
        .chain(
            flows
                .images
                .iter()
                .map(|i| (doc.line_col(i.span.start).line, "image".to_string())),
        )
        .chain(
            flows
                .texts
                .iter()
                .map(|c| (doc.line_col(c.span.start).line, "text diagram".to_string())),
        )
        .collect();
    found.sort();
    let mut parts: Vec<String> = found
        .iter()
        .take(3)
        .map(|(line, what)| format!("the {what} at line {line}"))
        .collect();
    if found.len() > 3 {
        parts.push(format!("{} more", found.len() - 3));
    }
    parts.join(", ")
}

declare_rule! {
    /// ## What it checks
    /// The document draws at least two flows (the profile's `min_flow_diagrams`; the guide
    /// asks for two or three): sequence diagrams, flowcharts of a flow, state diagrams, or
    /// images whose alt text, caption or place (the flows section) says they show a flow.
    /// A flowchart under an architecture heading is the architecture diagram, not a flow.
    ///
    /// ## Why evaluators care
    /// Flows show how the parts work together over time, which a component diagram cannot.
    /// A reviewer checks the main user flow and one system flow against the API section.
    ///
    /// ## Weak
    /// One architecture diagram and prose describing what happens on checkout.
    ///
    /// ## Strong
    /// A sequence diagram of the checkout happy path, one of the webhook processing with
    /// its async boundary, and one of the error path.
    ///
    /// ## How to fix
    /// Draw the main use case as a `sequenceDiagram` (participants, then one arrow per
    /// call), then a second flow: a background job, a webhook, or the error path.
    ///
    /// ## What it cannot see
    /// What an image shows: images count as flows only when their alt text, caption, file
    /// name or section says so.
    pub FlowDiagramCount {
        id: "FLO501",
        name: "flow-diagram-count",
        area: Flows,
        criterion: Evidence,
        severity: Warning,
    }
}

impl Check for FlowDiagramCount {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let want = cx.thresholds().min_flow_diagrams.max(1);
        let flows = Flows::of(doc, cx.shared.diagrams());
        let n = flows.count();
        if n >= want {
            return Outcome::Pass;
        }
        let message = if n == 0 {
            "no flow is diagrammed: no sequence diagram, flowchart of a flow, or flow image"
                .to_string()
        } else {
            format!(
                "only {n} flow diagram ({}); {} asks for {want} or more",
                list_found(doc, &flows),
                cx.profile.voice()
            )
        };
        cx.report(flows_anchor(doc), message).help(
            "draw the main user flow and one system or error flow as Mermaid sequence diagrams (`sequenceDiagram`, one arrow per call)",
        );
        if n == 0 {
            Outcome::Fail
        } else {
            Outcome::Partial(n as f64 / want as f64)
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// At least one diagram shows what happens when something fails: a sequence diagram
    /// with an `alt`/`else`, `opt`, `break` or `critical … option` branch, or a message,
    /// note, branch or edge whose label names a failure (error, fail, timeout, retry,
    /// dead-letter queue, rejected, a 4xx/5xx status), or a flowchart decision with a "no"
    /// branch. An image counts when its alt text, caption or file name says it shows an
    /// error, failure, retry or rollback.
    ///
    /// ## Why evaluators care
    /// Anyone can draw the happy path. How a system behaves when the payment provider times
    /// out or a worker crashes mid-job is what separates a good case study from a great
    /// one, and most candidates skip it.
    ///
    /// ## Weak
    /// Only `Client->>API: POST /orders` then `API-->>Client: 201 Created`.
    ///
    /// ## Strong
    /// An `alt` block in the webhook flow: `else database timeout` → `API->>DLQ: enqueue
    /// failed event` → `Worker->>DB: retry after backoff`.
    ///
    /// ## How to fix
    /// Pick the failure that worried you most and draw it: add an `alt … else … end`
    /// branch to a sequence diagram, or a separate error-path diagram.
    ///
    /// ## What it cannot see
    /// Inside images; an error path drawn with words it does not know.
    pub ErrorFlowDiagram {
        id: "FLO502",
        name: "error-flow-diagram",
        area: Flows,
        criterion: Architecture,
        severity: Error,
        fix: Template,
    }
}

impl Check for ErrorFlowDiagram {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let words = &Words::new(&cx.profile.vocabulary.error_path_words);
        let drawn =
            cx.shared.diagrams().iter().any(|d| {
                diagrams::error_path(d, words, diagrams::is_flow_diagram(doc, d)).is_some()
            });
        let pictured = || {
            doc.images.iter().any(|i| {
                i.kind != crate::document::ImageKind::Video
                    && diagrams::is_error_text(&diagrams::image_text(i), words)
            })
        };
        let flows = Flows::of(doc, cx.shared.diagrams());
        let in_text = || {
            flows
                .texts
                .iter()
                .any(|c| diagrams::is_error_text(doc.slice(c.body), words))
        };
        if drawn || pictured() || in_text() {
            return Outcome::Pass;
        }
        let only_images =
            flows.diagrams.is_empty() && flows.texts.is_empty() && !flows.images.is_empty();
        let message = if flows.count() == 0 {
            "no diagram shows what happens when something fails".to_string()
        } else if only_images {
            format!(
                "no diagram is shown to be about failure: the flow images ({}) are not described as error paths",
                list_found(doc, &flows)
            )
        } else {
            format!(
                "no diagram shows what happens when something fails: {} {} no error branch or error label",
                list_found(doc, &flows),
                if flows.count() == 1 { "has" } else { "have" }
            )
        };
        let help = if only_images {
            "if an image shows the error path, say so in its alt text or caption (\"Error path: failed deliveries retry, then go to the DLQ\"); otherwise draw it, e.g. a sequence diagram with an `alt … else … end` branch"
        } else {
            "draw the failure that matters most: an `alt … else … end` branch in a sequence diagram (timeout, declined payment, retry into a dead-letter queue)"
        };
        // Images that may show the path want a caption, not a second diagram.
        let fix = (!only_images)
            .then(|| {
                super::fixes::append_part(
                    doc,
                    "flows",
                    "error_flow",
                    "insert a skeleton error-path diagram to adapt",
                )
            })
            .flatten();
        cx.report(flows_anchor(doc), message).help(help).fix_if(fix);
        Outcome::Fail
    }
}

/// The normalised form of a label for comparing with the generic list: lower case, words
/// only.
fn normalise(label: &str) -> String {
    label
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

declare_rule! {
    /// ## What it checks
    /// The arrows of flow diagrams (sequence messages and flowchart edge labels) say what
    /// travels: an HTTP method and path, a message or event type, a function name. A label
    /// that is only a generic word ("request", "API call", "data", "response", "calls",
    /// the profile's `generic_arrow_labels`) is reported at its arrow. Unlabelled flowchart
    /// arrows are not reported.
    ///
    /// ## Why evaluators care
    /// "POST /checkout" lets a reviewer trace the flow against the API section; "API
    /// request" tells them nothing they could not guess.
    ///
    /// ## Weak
    /// `Frontend->>API: API request`, `API-->>Frontend: Response`.
    ///
    /// ## Strong
    /// `Frontend->>API: POST /orders {cartId}`, `API-->>Frontend: 201 {orderId}`,
    /// `Queue-->>Worker: order.created`.
    ///
    /// ## How to fix
    /// Replace each reported label with the endpoint, event name or function it stands
    /// for, and what comes back.
    ///
    /// ## What it cannot see
    /// Whether a specific-looking label is true; labels in images.
    pub ConcreteArrowLabels {
        id: "FLO503",
        name: "concrete-arrow-labels",
        area: Flows,
        criterion: Depth,
        severity: Warning,
    }
}

impl Check for ConcreteArrowLabels {
    fn check(&self, _doc: &Document, cx: &mut RuleContext) -> Outcome {
        let generic: Vec<String> = cx
            .profile
            .vocabulary
            .generic_arrow_labels
            .iter()
            .map(|g| normalise(g))
            .collect();
        let is_generic = |label: &str| {
            let n = normalise(label);
            !n.is_empty() && generic.contains(&n)
        };
        let mut total = 0;
        let mut concrete = 0;
        for d in cx.shared.diagrams() {
            let Ok(model) = &d.parse else { continue };
            match model {
                Model::Sequence(s) => {
                    for m in &s.messages {
                        total += 1;
                        if !is_generic(&m.text) {
                            concrete += 1;
                            continue;
                        }
                        cx.report(
                            m.span,
                            format!(
                                "the arrow from {} to {} is labelled only \"{}\"",
                                s.label_of(&m.from),
                                s.label_of(&m.to),
                                m.text.trim()
                            ),
                        )
                        .help("name what travels: the HTTP method and path (\"POST /orders\"), the event or message type, or the function called");
                    }
                }
                Model::Flowchart(f) => {
                    for e in &f.edges {
                        let Some(label) = &e.label else { continue };
                        total += 1;
                        if !is_generic(&label.text) {
                            concrete += 1;
                            continue;
                        }
                        cx.report(
                            e.span,
                            format!(
                                "the arrow from {} to {} is labelled only \"{}\"",
                                f.label_of(&e.from),
                                f.label_of(&e.to),
                                label.text.trim()
                            ),
                        )
                        .help("name what travels: the HTTP method and path (\"POST /orders\"), the protocol and event (\"AMQP order.created\"), or the query");
                    }
                }
                _ => {}
            }
        }
        Outcome::ratio(concrete, total)
    }
}

declare_rule! {
    /// ## What it checks
    /// A diagram shows the main use case going right: a flow diagram (sequence diagram,
    /// flowchart of a flow, state diagram, or an image that shows a flow) with at least two
    /// steps that are not on an error branch.
    ///
    /// ## Why evaluators care
    /// The happy path is the map a reader uses for everything else: the error paths, the
    /// API design and the challenges all hang off it.
    ///
    /// ## Weak
    /// Only an error-path diagram, or no flow diagram at all.
    ///
    /// ## Strong
    /// "Happy path — checkout": the user clicks Pay, the frontend posts to `/checkout`,
    /// the API creates a PaymentIntent, Stripe confirms, the order is marked paid.
    ///
    /// ## How to fix
    /// Draw the main use case from the user's action to the stored result as a
    /// `sequenceDiagram`, one arrow per call.
    ///
    /// ## What it cannot see
    /// Whether the flow drawn is the project's main one; inside images.
    pub HappyPathDiagram {
        id: "FLO504",
        name: "happy-path-diagram",
        area: Flows,
        criterion: Evidence,
        severity: Warning,
    }
}

/// Steps of a flow diagram that are not on an error branch.
fn happy_steps(d: &Diagram, words: &Words) -> usize {
    let Ok(model) = &d.parse else { return 0 };
    match model {
        Model::Sequence(s) => {
            // An `else` branch, or a branch named as a failure: each branch judged once,
            // not once per message.
            let failing: Vec<&crate::diagram::BlockSection> = s
                .blocks
                .iter()
                .flat_map(|b| {
                    b.sections
                        .iter()
                        .enumerate()
                        .filter(|(k, sec)| *k > 0 || diagrams::is_error_text(&sec.label, words))
                        .map(|(_, sec)| sec)
                })
                .collect();
            s.messages
                .iter()
                .enumerate()
                .filter(|(i, m)| {
                    !diagrams::is_error_text(&m.text, words)
                        && !m.arrow.is_cross()
                        && !failing.iter().any(|sec| sec.messages.contains(i))
                })
                .count()
        }
        Model::Flowchart(f) => f
            .edges
            .iter()
            .filter(|e| {
                let label = e.label.as_ref().map(|l| l.text.as_str()).unwrap_or("");
                !diagrams::is_error_text(label, words)
                    && !diagrams::is_error_text(f.label_of(&e.to), words)
            })
            .count(),
        Model::State(s) => s
            .transitions
            .iter()
            .filter(|t| {
                !diagrams::is_error_text(&t.label, words) && !diagrams::is_error_text(&t.to, words)
            })
            .count(),
        _ => 0,
    }
}

impl Check for HappyPathDiagram {
    fn check(&self, doc: &Document, cx: &mut RuleContext) -> Outcome {
        let words = &Words::new(&cx.profile.vocabulary.error_path_words);
        let flows = Flows::of(doc, cx.shared.diagrams());
        let drawn = flows.diagrams.iter().any(|d| happy_steps(d, words) >= 2);
        let pictured = flows
            .images
            .iter()
            .any(|i| !diagrams::is_error_text(&diagrams::image_text(i), words));
        if drawn || pictured || !flows.texts.is_empty() {
            return Outcome::Pass;
        }
        let message = if flows.count() == 0 {
            "no diagram shows the main use case (the happy path)".to_string()
        } else {
            format!(
                "the flow diagrams ({}) show only error paths, not the main use case going right",
                list_found(doc, &flows)
            )
        };
        cx.report(flows_anchor(doc), message).help(
            "draw the main user flow from the user's action to the stored result as a sequence diagram, one arrow per call",
        );
        Outcome::Fail
    }
}
