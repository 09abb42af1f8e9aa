//! Writes realistic, varied case studies deterministically from a seed: the nine
//! sections under varied headings, prose with figures, tech-stack and challenge tables,
//! Mermaid diagrams, code, lists, links and images; MDX with components. Used by the
//! benchmarks and the peer comparison, so every run measures the same bytes.

/// SplitMix64: tiny, fast and fully deterministic across platforms.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Markdown,
    Mdx,
}

const PRODUCTS: &[&str] = &[
    "Harbor", "Quill", "Tally", "Ember", "Sprocket", "Lumen", "Cobalt", "Marlin", "Juniper",
    "Atlas",
];
const DOMAINS: &[&str] = &[
    "clinic scheduling",
    "freight tracking",
    "tutoring marketplace",
    "expense reports",
    "library lending",
    "event ticketing",
    "recipe sharing",
    "fleet telemetry",
];
const USERS: &[&str] = &[
    "dispatchers",
    "clinic staff",
    "tutors",
    "finance teams",
    "librarians",
    "organisers",
    "home cooks",
    "fleet managers",
];
const TECH: &[(&str, &str, &str, &str)] = &[
    (
        "Frontend",
        "Next.js 14",
        "server rendering keeps first paint under 1.2 s on 3G",
        "Remix (smaller ecosystem), Vite SPA (no SSR)",
    ),
    (
        "Backend",
        "Go 1.22",
        "one static binary per service and 40 MB of memory at idle",
        "Node.js (higher memory), Rust (slower onboarding)",
    ),
    (
        "Database",
        "PostgreSQL 16",
        "transactions across bookings and payments, JSONB for attributes",
        "MongoDB (weak multi-document transactions), MySQL",
    ),
    (
        "Cache",
        "Redis 7",
        "rate limits and sessions with sub-millisecond reads",
        "Memcached (no persistence), in-process LRU",
    ),
    (
        "Queue",
        "RabbitMQ",
        "per-message acknowledgements and a dead-letter exchange",
        "Kafka (operational weight), SQS (vendor lock-in)",
    ),
    (
        "Search",
        "Meilisearch",
        "typo tolerance out of the box for 200K records",
        "Elasticsearch (heap tuning), Postgres FTS",
    ),
    (
        "Hosting",
        "Fly.io",
        "regional machines near users for $18 a month",
        "Heroku (price), bare EC2 (ops time)",
    ),
];
const SENTENCES: &[&str] = &[
    "The first version polled the upstream API every 30 seconds, which cost 2,400 requests an hour for data that changed twice a day.",
    "We chose optimistic locking over row locks because conflicts were rare (under 0.5% of writes) and locks held during network calls stalled the pool.",
    "Before the change, p95 latency on the search endpoint was 840 ms; after moving ranking into the index it fell to 110 ms.",
    "The trade-off is that a cancelled booking can appear for up to 5 seconds, which the support team agreed was acceptable.",
    "I initially stored sessions in memory, and the first deploy with two instances logged every user out; moving them to Redis fixed it in an afternoon.",
    "Each worker retries a failed job three times with exponential backoff before the message lands in the dead-letter queue for manual review.",
    "We considered a separate microservice for notifications but kept it in the monolith because the team was three people and the load was 50 messages a minute.",
    "Load tests with k6 held 1,000 concurrent users at a 0.2% error rate on a single 2 vCPU machine.",
    "The schema keeps a denormalised copy of the customer name on each invoice so the listing page avoids a join across 3 tables.",
    "Observability came from structured JSON logs with a request ID, a Grafana dashboard and an alert when the error rate passes 1% for five minutes.",
    "Users reported that the export button did nothing on Safari; the cause was a blocked pop-up, and streaming the file instead solved it.",
    "It is fast and reliable, and the code follows best practices.",
    "The migration ran in batches of 5,000 rows to keep replication lag under 2 seconds.",
    "Because the third-party API limits us to 100 requests per minute, the importer spreads calls with a token bucket.",
];
const GENERIC: &[&str] = &["request", "data", "response", "calls"];

fn heading(rng: &mut Rng, options: &[&str]) -> String {
    rng.pick(options).to_string()
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| *rng.pick(SENTENCES))
        .collect::<Vec<_>>()
        .join(" ")
}

struct Writer {
    out: String,
    words: usize,
}

impl Writer {
    fn push(&mut self, s: &str) {
        self.words += s.split_whitespace().count();
        self.out.push_str(s);
    }
}

/// A case study of roughly `target_words` words.
pub fn case_study(seed: u64, target_words: usize, flavor: Flavor) -> String {
    let mut rng = Rng::new(seed);
    let name = *rng.pick(PRODUCTS);
    let domain = *rng.pick(DOMAINS);
    let users = *rng.pick(USERS);
    let mut w = Writer {
        out: String::with_capacity(target_words * 7),
        words: 0,
    };
    if flavor == Flavor::Mdx {
        w.push(&format!("---\ntitle: \"{name}\"\ndescription: \"A case study\"\n---\n\nimport {{ Diagram }} from '../components/diagram'\n\n"));
    }
    w.push(&format!("# {name}: {domain} without the spreadsheets\n\n"));
    let sections: [(&[&str], usize); 9] = [
        (
            &[
                "Overview",
                "Project Overview",
                "🚀 Overview",
                "1. Introduction",
            ],
            0,
        ),
        (
            &["Goals and Non-Goals", "Goals of the Project", "2. Goals"],
            1,
        ),
        (
            &["System Architecture", "Architecture Overview", "Tech Stack"],
            2,
        ),
        (&["Key Features", "Features", "✨ Key Features"], 3),
        (&["Flows and Diagrams", "Key Flows", "User Flows"], 4),
        (&["API and Data Design", "API Design", "Data Model"], 5),
        (
            &[
                "Challenges and Solutions",
                "Engineering Challenges",
                "Technical Challenges",
            ],
            6,
        ),
        (&["Best Practices", "Engineering Practices"], 7),
        (
            &["Conclusion", "Results and Learnings", "Lessons Learned"],
            8,
        ),
    ];
    // Roughly even prose per section; extra paragraphs are added until the target is met.
    let per_section = (target_words / 9).max(40);
    let mdx = flavor == Flavor::Mdx;
    if mdx {
        w.push("<Steps>\n");
    }
    for (options, kind) in sections {
        let title = heading(&mut rng, options);
        if mdx {
            w.push(&format!("<Step title=\"{title}\">\n\n"));
        } else {
            w.push(&format!("## {title}\n\n"));
        }
        let start = w.words;
        match kind {
            0 => {
                w.push(&format!(
                    "{users} lost hours every week to {domain} done by hand; {name} makes it a two-minute task for a team of 4, where I led the backend over 12 weeks, part-time.\n\n"
                ));
                w.push(&format!("- Repository: [github.com/example/{}](https://github.com/example/{})\n- Live demo: [demo](https://{}.example.dev)\n\n", name.to_lowercase(), name.to_lowercase(), name.to_lowercase()));
            }
            1 => {
                w.push("- Support 1,000 concurrent users with p95 latency under 200 ms\n- Keep monthly hosting under $50\n\n### Non-Goals\n\n- Native mobile apps (deferred because 90% of use is on desktop)\n- Multi-currency billing\n\n");
            }
            2 => {
                w.push("| Layer | Technology | Why This Choice | What We Considered |\n|---|---|---|---|\n");
                let rows = 3 + rng.below(TECH.len() - 2);
                for (layer, tech, why, alt) in TECH.iter().take(rows) {
                    w.push(&format!("| {layer} | {tech} | {why} | {alt} |\n"));
                }
                w.push("\n```mermaid\nflowchart LR\n  Client --> API\n  API --> DB[(PostgreSQL)]\n  API --> Queue[RabbitMQ]\n  Queue --> Worker\n  Queue -->|after 3 retries| DLQ[Dead Letter Queue]\n```\n\n");
            }
            3 => {
                for g in ["Accounts", "Scheduling", "Billing"]
                    .iter()
                    .take(2 + rng.below(2))
                {
                    w.push(&format!("**{g}**\n\n"));
                    for _ in 0..3 {
                        w.push(&format!("- {}\n", rng.pick(SENTENCES)));
                    }
                    w.push("\n");
                }
            }
            4 => {
                w.push(&format!(
                    "```mermaid\nsequenceDiagram\n  participant U as User\n  participant A as API\n  participant D as DB\n  U->>A: POST /api/bookings\n  A->>D: INSERT booking\n  alt conflict\n    D-->>A: unique violation\n    A-->>U: 409 Conflict\n  else ok\n    D-->>A: {}\n    A-->>U: 201 Created\n  end\n```\n\n",
                    rng.pick(GENERIC)
                ));
            }
            5 => {
                w.push("```\n# Bookings\nGET  /api/bookings        -- list, filtered by day\nPOST /api/bookings        -- create (idempotency key)\n# Invoices\nGET  /api/invoices/:id    -- one invoice\n```\n\n```mermaid\nerDiagram\n  USER ||--o{ BOOKING : makes\n  BOOKING ||--|| INVOICE : \"billed by\"\n```\n\n");
            }
            6 => {
                w.push(
                    "| Challenge | Why It Was Hard | Solution | Trade-off |\n|---|---|---|---|\n",
                );
                for _ in 0..(4 + rng.below(4)) {
                    w.push(&format!(
                        "| {} | {} | {} | {} |\n",
                        rng.pick(SENTENCES),
                        rng.pick(SENTENCES),
                        rng.pick(SENTENCES),
                        rng.pick(SENTENCES)
                    ));
                }
                w.push("\n");
            }
            7 => {
                w.push("- **Security**: bcrypt cost 12, CSRF tokens, 100 req/min per IP on login\n- **Performance**: indexes on every foreign key, gzip, CDN caching\n- **Developer experience**: CI on every pull request in 4 minutes\n- **Observability**: JSON logs with request IDs, Sentry, a latency histogram\n\n");
                if rng.chance(40) {
                    w.push("```ts\nexport function retry<T>(f: () => Promise<T>, n = 3): Promise<T> {\n  return f().catch((e) => (n > 0 ? retry(f, n - 1) : Promise.reject(e)));\n}\n```\n\n");
                }
            }
            _ => {
                w.push("Checkout time fell from 9 minutes to 2 (load-test figures for throughput). In hindsight I would add feature flags from the start.\n\n- Next: calendar sync\n- Next: audit log export\n\n");
            }
        }
        if mdx && rng.chance(50) {
            w.push("<Tip>\nKeep **one** idea per paragraph.\n</Tip>\n\n");
        }
        if rng.chance(30) {
            w.push(&format!(
                "![Screenshot of {name}](images/{}-{kind}.png)\n\n",
                name.to_lowercase()
            ));
        }
        while w.words - start < per_section {
            let n = 2 + rng.below(4);
            let p = paragraph(&mut rng, n);
            w.push(&p);
            w.push("\n\n");
        }
        if mdx {
            w.push("</Step>\n\n");
        }
    }
    if mdx {
        w.push("</Steps>\n");
    }
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_near_the_target_size() {
        let a = case_study(7, 4000, Flavor::Markdown);
        assert_eq!(a, case_study(7, 4000, Flavor::Markdown));
        let words = a.split_whitespace().count();
        assert!((3800..6000).contains(&words), "{words}");
        assert_ne!(a, case_study(8, 4000, Flavor::Markdown));
        assert!(case_study(7, 1000, Flavor::Mdx).contains("<Step title="));
    }
}
