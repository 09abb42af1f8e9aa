//! The per-section pieces of the skeleton. Every sentence here is guidance or a skeleton
//! of our own; slots are SCREAMING_SNAKE words ending in a number or starting with a
//! word STR004 knows (`YOUR_`, `FEATURE_`, `CHALLENGE_`, `METRIC_`, …).

use super::{answer, slots, Answers, Callout, Writer};
use crate::profile::Profile;

/// Writes section `id` (heading, guidance, skeleton) with the answers filled in.
pub(super) fn write(w: &mut Writer, id: &str, a: &Answers) {
    match id {
        "overview" => overview(w, a),
        "goals" => goals(w),
        "non_goals" => non_goals(w, 0),
        "architecture" => architecture(w),
        "features" => features(w),
        "flows" => flows(w),
        "api_data" => api_data(w),
        "challenges" => challenges(w),
        "best_practices" => best_practices(w),
        "conclusion" => conclusion(w),
        other => {
            let title = Profile::guide()
                .section(other)
                .map(|s| s.title.clone())
                .unwrap_or_else(|| title_case(other));
            let title = w.text(&title);
            w.heading(0, &title);
            w.guide("Write this section for your project; the profile requires it.");
        }
    }
}

fn title_case(id: &str) -> String {
    id.split('_')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The profile's title for a section, which the profile's aliases always match.
fn title(id: &str) -> String {
    Profile::guide()
        .section(id)
        .map(|s| s.title.clone())
        .unwrap_or_else(|| title_case(id))
}

fn overview(w: &mut Writer, a: &Answers) {
    w.heading(0, &title("overview"));
    w.guide(
        "A reviewer decides here whether to read on. In a few lines they should learn \
         who has what problem, what you built about it, how big the team was and which \
         part was yours. The one-liner names a problem and an outcome, not a stack; \
         if nothing is deployed, link a short recorded walkthrough instead of a demo.",
    );
    let one_liner = answer(a.one_liner.as_deref())
        .map(|v| w.text(v))
        .unwrap_or_else(|| slots::ONE_LINER.into());
    let repo = answer(a.repo.as_deref())
        .map(|v| w.url(v))
        .unwrap_or_else(|| slots::REPO.into());
    let demo = answer(a.demo.as_deref())
        .map(|v| w.url(v))
        .unwrap_or_else(|| slots::DEMO.into());
    let team = answer(a.team.as_deref())
        .map(|v| w.text(&team_text(v)))
        .unwrap_or_else(|| slots::TEAM.into());
    let role = answer(a.role.as_deref())
        .map(|v| w.text(v))
        .unwrap_or_else(|| slots::ROLE.into());
    let timeline = answer(a.timeline.as_deref())
        .map(|v| w.text(v))
        .unwrap_or_else(|| slots::TIMELINE.into());
    w.block(&format!(
        "| At a glance | |
|---|---|
| **One-liner** | {one_liner} |
| **Repository** | [Source code]({repo}) |
| **Live demo** | [Live demo]({demo}) |
| **Team size** | {team} |
| **My role** | {role} |
| **Timeline** | {timeline} |"
    ));
}

/// "4" → "4 people", "1" → "1 person (solo)"; anything else as written.
fn team_text(v: &str) -> String {
    match v.parse::<u32>() {
        Ok(1) => "1 person (solo)".into(),
        Ok(n) => format!("{n} people"),
        Err(_) => v.to_string(),
    }
}

fn goals(w: &mut Writer) {
    w.heading(0, &title("goals"));
    w.guide(
        "Start from the people who feel the problem: what goes wrong for them today, and \
         what should be different once your project exists. Keep technology out of \
         these goals.",
    );
    w.heading(1, "User and business goals");
    w.block("- USER_GOAL_1\n- USER_GOAL_2");
    w.heading(1, "Technical goals");
    w.guide(
        "Targets someone could test: each with a number and a unit, such as a latency \
         percentile under a stated load, an uptime, an accuracy or a cost ceiling.",
    );
    w.block("- TECH_GOAL_1\n- TECH_GOAL_2");
    non_goals(w, 1);
}

fn non_goals(w: &mut Writer, depth: u8) {
    w.heading(depth, &title("non_goals"));
    w.guide(
        "What you decided not to build, each with the reason: evidence, time, risk or \
         cost. A reason backed by data is stronger than a plain later.",
    );
    w.block(
        "- NON_GOAL_1, left out because NON_GOAL_REASON_1\n\
         - NON_GOAL_2, left out because NON_GOAL_REASON_2",
    );
}

fn architecture(w: &mut Writer) {
    w.heading(0, &title("architecture"));
    w.guide(
        "Give the shape of the system in two or three sentences before any detail, and \
         name the one constraint that shaped it most.",
    );
    w.block("YOUR_ARCHITECTURE_SUMMARY");
    tech_stack(w, 1);
    architecture_diagram(w, 1);
    w.callout(
        Callout::Tip,
        "**The decision that shaped the design:** YOUR_KEY_DECISION",
    );
}

/// The parts a fix can add to a section that lacks them, each at `depth` below the
/// section level (0 when the writer is set to the part's own level).
pub(super) fn write_part(w: &mut Writer, id: &str) -> bool {
    match id {
        "non_goals" => non_goals(w, 0),
        "tech_stack" => tech_stack(w, 0),
        "architecture_diagram" => architecture_diagram(w, 0),
        "error_flow" => error_flow(w, 0),
        "data_model" => data_model(w, 0),
        "next_steps" => next_steps(w, 0),
        _ => return false,
    }
    true
}

fn tech_stack(w: &mut Writer, depth: u8) {
    w.heading(depth, "Tech stack");
    w.guide(
        "One row per layer that mattered (client, server, storage, messaging, hosting). \
         The why names a constraint of this project; being popular or already known is \
         a default, not a reason. Name at least two options you turned down and what \
         ruled each out.",
    );
    w.block(
        "| Layer | Technology | Why | What We Considered |
|---|---|---|---|
| LAYER_1 | TECH_1 | REASON_1 | ALTERNATIVE_1 |
| LAYER_2 | TECH_2 | REASON_2 | ALTERNATIVE_2 |
| LAYER_3 | TECH_3 | REASON_3 | ALTERNATIVE_3 |
| LAYER_4 | TECH_4 | REASON_4 | ALTERNATIVE_4 |",
    );
}

fn architecture_diagram(w: &mut Writer, depth: u8) {
    w.heading(depth, "Architecture diagram");
    w.guide(
        "Draw your real components and label each arrow with its protocol. Keep at least \
         one failure boundary visible: where work is retried, parked in a dead-letter \
         queue, cut off by a timeout or served by a fallback.",
    );
    w.mermaid(
        "rename the boxes and arrows to match your system, keep a failure path, then delete this line",
        "flowchart LR
  Client[Client app] -->|HTTPS| API[API service]
  API -->|SQL| DB[(Database)]
  API -->|publish job| Queue[Job queue]
  Queue --> Worker[Worker]
  Worker -->|write result| DB
  Worker -.->|retry with backoff| Queue
  Worker -.->|after the last retry| DLQ[(Dead-letter queue)]",
    );
}

fn features(w: &mut Writer) {
    w.heading(0, &title("features"));
    w.guide(
        "Group features by domain, two or more groups. For each one say how it works and \
         the decision behind it: what you chose, over what, and why. A feature name on \
         its own reads like a brochure.",
    );
    for (group, first) in [(1, 1), (2, 3)] {
        w.heading(1, &format!("FEATURE_GROUP_{group}"));
        let mut items = Vec::new();
        for n in first..first + 2 {
            items.push(format!(
                "- **FEATURE_{n}**: FEATURE_APPROACH_{n}, chosen over FEATURE_ALTERNATIVE_{n} because FEATURE_REASON_{n}"
            ));
        }
        w.block(&items.join("\n"));
    }
}

fn flows(w: &mut Writer) {
    w.heading(0, &title("flows"));
    w.guide(
        "Two or three diagrams: the main journey when everything works, how the parts \
         talk to each other (what is synchronous and what is queued), and what happens \
         when something fails. Label arrows with real endpoints, events or function names.",
    );
    w.heading(1, "Happy path: YOUR_MAIN_FLOW");
    w.mermaid(
        "swap in the participants and messages of your main flow, then delete this line",
        "sequenceDiagram
  actor User
  participant App as Client app
  participant API as API service
  participant DB as Database
  participant Queue as Job queue
  User->>App: Submit the form
  App->>API: POST /api/items
  API->>DB: INSERT item
  DB-->>API: item id
  API->>Queue: publish item.created
  API-->>App: 201 Created
  App-->>User: Show confirmation",
    );
    error_flow(w, 1);
}

fn error_flow(w: &mut Writer, depth: u8) {
    w.heading(depth, "Error path: YOUR_FAILURE_CASE");
    w.guide(
        "Pick the failure that worried you most and show every branch: recovered, \
         retried, given up, and who or what finds out.",
    );
    w.mermaid(
        "replace with the failure you actually handle, then delete this line",
        "sequenceDiagram
  participant Queue as Job queue
  participant Worker
  participant Ext as External service
  participant DLQ as Dead-letter queue
  actor Ops as On-call engineer
  Queue->>Worker: deliver item.created
  Worker->>Ext: POST /v1/notify
  alt delivered
    Ext-->>Worker: 200 OK
    Worker-->>Queue: ack
  else timeout or 5xx
    Ext-->>Worker: 503 Service Unavailable
    Worker-->>Queue: nack, redeliver after backoff
  else retries exhausted
    Queue->>DLQ: move item.created
    DLQ-->>Ops: page when the queue is not empty
  end",
    );
}

fn api_data(w: &mut Writer) {
    w.heading(0, &title("api_data"));
    w.guide(
        "Show the endpoints that teach something (authorization, idempotency, \
         pagination, state changes), grouped by the part of the domain they serve \
         rather than by HTTP verb. Routine CRUD can be left out.",
    );
    w.block(
        "| Context | Endpoint | What is worth noticing |
|---|---|---|
| CONTEXT_1 | POST /api/RESOURCE_1 | ENDPOINT_NOTE_1 |
| CONTEXT_1 | GET /api/RESOURCE_1/:id | ENDPOINT_NOTE_2 |
| CONTEXT_2 | PATCH /api/RESOURCE_2/:id | ENDPOINT_NOTE_3 |",
    );
    data_model(w, 1);
}

fn data_model(w: &mut Writer, depth: u8) {
    w.heading(depth, "Data model");
    w.guide(
        "Draw the entities and relationships that carry your business rules, then say \
         where you normalized, where you copied data for speed, which indexes matter, \
         and what can drift out of sync as a result.",
    );
    w.mermaid(
        "replace the entities and relationships with your own, then delete this line",
        "erDiagram
  ACCOUNT ||--o{ ITEM : owns
  ITEM ||--|{ EVENT : records
  ACCOUNT {
    uuid id PK
    string email
  }
  ITEM {
    uuid id PK
    uuid account_id FK
    string status
  }
  EVENT {
    uuid id PK
    uuid item_id FK
    timestamp created_at
  }",
    );
    w.block("YOUR_DATA_MODEL_DECISIONS");
}

fn challenges(w: &mut Writer) {
    w.heading(0, &title("challenges"));
    w.guide(
        "The section reviewers read first. Give five to ten real problems, each told by \
         its symptom (with a number when you have one). Say why the obvious fix was not \
         enough, which options you weighed, what you shipped, and what it cost you.",
    );
    let mut rows = vec![
        "| Problem | Why It Was Hard | Alternatives Considered | Solution | Trade-off |"
            .to_string(),
        "|---|---|---|---|---|".to_string(),
    ];
    for n in 1..=5 {
        rows.push(format!(
            "| CHALLENGE_{n} | CHALLENGE_WHY_HARD_{n} | CHALLENGE_ALTERNATIVES_{n} | CHALLENGE_SOLUTION_{n} | CHALLENGE_TRADE_OFF_{n} |"
        ));
    }
    w.block(&rows.join("\n"));
    w.guide(
        "Tell one mistake, incident or wrong turn and how you noticed and corrected it; \
         owning a failure earns more trust than a flawless story.",
    );
    w.callout(Callout::Warning, "**What went wrong:** YOUR_INCIDENT");
}

fn best_practices(w: &mut Writer) {
    w.heading(0, &title("best_practices"));
    w.guide(
        "Only what you really did and could explain in depth if asked. Make each item \
         checkable: a tool, a setting, a header, a number.",
    );
    w.block(
        "- **Security:** SECURITY_PRACTICE_1
- **Performance:** PERFORMANCE_PRACTICE_1
- **Developer experience:** DX_PRACTICE_1
- **Observability:** OBSERVABILITY_PRACTICE_1",
    );
}

fn conclusion(w: &mut Writer) {
    w.heading(0, &title("conclusion"));
    w.guide(
        "Close with measured results, what you would change with hindsight, and what \
         comes next. Figures from a load test are fine when you say that is what they are.",
    );
    w.heading(1, "Outcomes");
    w.block(
        "| Metric | Before | After | How It Was Measured |
|---|---|---|---|
| METRIC_1 | METRIC_BEFORE_1 | METRIC_AFTER_1 | METRIC_SOURCE_1 |
| METRIC_2 | METRIC_BEFORE_2 | METRIC_AFTER_2 | METRIC_SOURCE_2 |",
    );
    w.heading(1, "What I would do differently");
    w.guide(
        "Turn each lesson into a trade-off: what you picked, what it cost you, and what \
         you would weigh differently with what you know today.",
    );
    w.block(
        "- I chose LESSON_CHOICE_1; next time I would LESSON_CHANGE_1, because LESSON_REASON_1.\n\
         - I chose LESSON_CHOICE_2; next time I would LESSON_CHANGE_2, because LESSON_REASON_2.",
    );
    next_steps(w, 1);
}

fn next_steps(w: &mut Writer, depth: u8) {
    w.heading(depth, "Next steps");
    w.guide("Most valuable first: what you would build or fix next, and why it matters.");
    w.steps(&[
        ("NEXT_STEP_1", "NEXT_STEP_REASON_1"),
        ("NEXT_STEP_2", "NEXT_STEP_REASON_2"),
    ]);
}
