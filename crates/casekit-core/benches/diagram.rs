//! What Mermaid parsing costs: one diagram of each common kind, warm (the parser engine
//! and grammar tables already built) and on the first call in a process (printed before
//! the measurements: a single sample, since a process has only one first call), plus the
//! share of a document's parse that its diagrams take.
//!
//!     cargo bench -p casekit-core --bench diagram

use casekit_core::diagram::parse_source;
use casekit_core::{Document, Profile, Source};
use criterion::{criterion_group, BatchSize, Criterion};
use std::hint::black_box;
use std::time::Instant;

const FLOWCHART: &str = "flowchart LR
    %% the booking system
    subgraph Edge
        Web[Web app] & Mobile[Mobile app]
    end
    Web & Mobile -->|HTTPS| LB[Load balancer]
    LB --> API1[API] & API2[API]
    API1 & API2 -->|SQL| DB[(Postgres)]
    API1 & API2 --> Cache[(Redis)]
    API1 -->|booking.created| Queue[[Queue]]
    Queue --> Worker
    Queue -.->|after 3 tries| DLQ[Dead letter queue]
    Worker -->|SMTP| Mail[Mail provider]
";

const SEQUENCE: &str = "sequenceDiagram
    participant U as Skipper
    participant App
    participant API
    participant PSP as Payment provider
    participant DB
    U->>App: book berth B-14
    App->>API: POST /bookings {berthId}
    API->>DB: INSERT booking (held)
    API->>PSP: authorise deposit
    alt authorised
        PSP-->>API: auth code
        API->>DB: UPDATE booking SET paid
        API-->>App: 201 booking
    else declined
        PSP-->>API: declined
        API-->>App: 402 ask for another card
    end
    Note over API,DB: the hold expires after 10 minutes
";

const ER: &str = "erDiagram
    MARINA ||--o{ BERTH : has
    BERTH ||--o{ BOOKING : \"is reserved by\"
    SKIPPER ||--o{ BOOKING : makes
    BOOKING ||--|| PAYMENT : \"is settled by\"
    BOOKING {
        uuid id PK
        uuid berth_id FK
        uuid skipper_id FK
        date arrives
        date leaves
    }
";

fn first_calls() {
    println!("first call in this process (one sample each):");
    for (name, text) in [("flowchart", FLOWCHART), ("sequence", SEQUENCE), ("er", ER)] {
        let t = Instant::now();
        let (_, parsed) = parse_source(text);
        let took = t.elapsed();
        assert!(parsed.is_ok(), "{name} must parse");
        println!("  {name:<10} {:>8.2} ms", took.as_secs_f64() * 1e3);
    }
}

fn document() -> String {
    let mut doc =
        String::from("# Harbourline\n\n## Overview\n\nBerth booking for small marinas.\n\n");
    for (title, body) in [
        ("System Architecture", FLOWCHART),
        ("Flows", SEQUENCE),
        ("Error flow", SEQUENCE),
        ("Data Model", ER),
    ] {
        doc.push_str(&format!(
            "## {title}\n\nSome words about it.\n\n```mermaid\n{body}```\n\n"
        ));
    }
    doc
}

fn warm(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse one diagram (warm)");
    for (name, text) in [
        ("flowchart", FLOWCHART),
        ("sequence", SEQUENCE),
        ("er", ER),
        // The fixed cost of one parse (preprocessing, detection, configuration).
        ("tiny flowchart", "flowchart LR\n    A --> B\n"),
    ] {
        g.bench_function(name, |b| b.iter(|| parse_source(black_box(text))));
    }
    g.finish();

    let text = document();
    let mut g = c.benchmark_group("document with 4 diagrams");
    g.bench_function("Document::parse only", |b| {
        b.iter(|| {
            Document::parse(
                Source::new("d.md", black_box(text.as_str())),
                Profile::guide(),
            )
        })
    });
    g.bench_function("Document::parse + parse_document", |b| {
        b.iter_batched(
            || Document::parse(Source::new("d.md", text.as_str()), Profile::guide()),
            |doc| casekit_core::diagram::parse_document(&doc).len(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(benches, warm);

fn main() {
    first_calls();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
