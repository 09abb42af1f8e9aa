//! Parse and check cost per document size, beside the bare Markdown parse of the same
//! bytes (the practical limit). Documents come from the deterministic generator.

use casekit_core::{check, Document, Profile, Settings, Source};
use casekit_gen::{case_study, Flavor};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let profile = Profile::guide();
    let settings = Settings::new(profile);
    for words in [1000usize, 4000, 16000] {
        let text = case_study(42, words, Flavor::Markdown);
        let mut g = c.benchmark_group(format!("md-{}k-words", words / 1000));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("bare-pulldown-cmark", |b| {
            b.iter(|| {
                let opts = pulldown_cmark::Options::ENABLE_TABLES
                    | pulldown_cmark::Options::ENABLE_FOOTNOTES
                    | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
                    | pulldown_cmark::Options::ENABLE_TASKLISTS
                    | pulldown_cmark::Options::ENABLE_GFM;
                pulldown_cmark::Parser::new_ext(black_box(&text), opts)
                    .into_offset_iter()
                    .count()
            })
        });
        g.bench_function("parse", |b| {
            b.iter(|| {
                let d = Document::parse(Source::new("bench.md", black_box(text.clone())), profile);
                d.prose().sentences.len()
            })
        });
        g.bench_function("parse+check", |b| {
            b.iter(|| {
                let d = Document::parse(Source::new("bench.md", black_box(text.clone())), profile);
                check(&d, &settings).diagnostics.len()
            })
        });
        g.finish();
    }
    let mdx = case_study(42, 4000, Flavor::Mdx);
    let mut g = c.benchmark_group("mdx-4k-words");
    g.throughput(Throughput::Bytes(mdx.len() as u64));
    g.bench_with_input(BenchmarkId::new("parse+check", "mdx"), &mdx, |b, text| {
        b.iter(|| {
            let d = Document::parse(Source::new("bench.mdx", black_box(text.clone())), profile);
            check(&d, &settings).diagnostics.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
