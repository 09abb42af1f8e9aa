//! How the cost of parse + check grows with the size of hostile documents: each shape
//! at 1×, 2× and 4× a base size. Near-linear growth (time per byte roughly flat across
//! the three) is the property; tests never assert on time. Shapes come from the
//! adversarial test suite's generators.
//!
//! `cargo bench -p casekit-core --bench adversarial` (add `-- --quick` for a fast look).

#[path = "../tests/common/hostile.rs"]
mod hostile;

use casekit_core::{check, Document, Profile, Settings, Source};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

/// (shape, format, base size): Markdown shapes that once grew faster than their size,
/// and MDX shapes within the MDX parser's size limit.
const CASES: &[(&str, &str, usize)] = &[
    ("one-long-line", "md", 250_000),
    ("big-table", "md", 5_000),
    ("many-links", "md", 2_000),
    ("html-tags", "md", 2_000),
    ("many-acronyms-numbers", "md", 25_000),
    ("many-guide-headings", "md", 1_000),
    ("emphasis-run", "md", 50_000),
    ("unclosed-components", "md", 1_000),
    ("many-headings", "mdx", 500),
    ("big-table", "mdx", 500),
];

fn bench(c: &mut Criterion) {
    let profile = Profile::guide();
    let settings = Settings::new(profile);
    for &(name, ext, base) in CASES {
        let (_, generate, _) = hostile::SHAPES
            .iter()
            .find(|s| s.0 == name)
            .expect("known shape");
        let mut g = c.benchmark_group(format!("{name}.{ext}"));
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        for k in [1, 2, 4] {
            let text = generate(base * k);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(
                BenchmarkId::from_parameter(format!("{k}x")),
                &text,
                |b, t| {
                    b.iter(|| {
                        let doc = Document::parse(
                            Source::new(format!("bench.{ext}"), black_box(t.clone())),
                            profile,
                        );
                        check(&doc, &settings).diagnostics.len()
                    })
                },
            );
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
