//! In-process cost per document, beside the bare Markdown parse of the same bytes (the
//! practical limit). Documents come from the deterministic generator, so every run
//! measures the same bytes. BENCHMARKS.md reads these numbers.
//!
//! Groups:
//! - `md-{1,4,16}k-words`: the bare pulldown-cmark parse, `parse` (the whole model,
//!   prose measures included), `check` (every rule, on a parsed model), `check+score`
//!   (the rubric too) and each [`STAGES`] entry end to end (`parse+check`,
//!   `parse+check+score`);
//! - `mdx-4k-words`: the same for MDX, whose back end is markdown-rs;
//! - `linearity`: `parse+check` at 1,000, 4,000 and 16,000 words with byte throughput,
//!   so a cost that grows faster than the document shows as falling throughput;
//! - `megabytes`: `parse+check+score` (what `casekit check` runs) on documents of 1, 2, 4,
//!   8 and 16 MB, each many generated case studies one after another, so the sections,
//!   tables and diagrams grow with the size (`cargo bench --bench check -- megabytes`).

use casekit_core::{check, Document, Profile, Scorecard, Settings, Source};
use casekit_gen::{case_study, Flavor};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

// The allocator the `casekit` binary ships with, so these numbers are its numbers.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What a run does with a parsed document, end to end. Each entry is measured alone on
/// a parsed model and as `parse+<name>` in every group (`casekit check` is parse+check,
/// `casekit score` parse+check+score).
type Stage = (&'static str, fn(&Document, &Settings) -> usize);
const STAGES: &[Stage] = &[
    ("check", |d, s| check(d, s).diagnostics.len()),
    ("check+score", |d, s| {
        Scorecard::score(d, &check(d, s), s.profile).total as usize
    }),
];

fn parse(name: &str, text: String, profile: &Profile) -> Document {
    let d = Document::parse(Source::new(name, text), profile);
    // The prose measures are built lazily; `parse` means the whole model.
    black_box(d.prose().sentences.len());
    d
}

fn bare_pulldown(text: &str) -> usize {
    let opts = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TASKLISTS
        | pulldown_cmark::Options::ENABLE_GFM;
    pulldown_cmark::Parser::new_ext(text, opts)
        .into_offset_iter()
        .count()
}

fn bare_markdown_rs(text: &str) -> usize {
    let mut opts = markdown::ParseOptions::mdx();
    opts.constructs.gfm_table = true;
    markdown::to_mdast(text, &opts)
        .map(|n| n.children().map_or(0, |c| c.len()))
        .unwrap_or(0)
}

fn by_size(c: &mut Criterion, name: &str, file: &str, flavor: Flavor, words: usize) {
    let profile = Profile::guide();
    let settings = Settings::new(profile);
    let text = case_study(42, words, flavor);
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(text.len() as u64));
    match flavor {
        Flavor::Markdown => g.bench_function("bare-pulldown-cmark", |b| {
            b.iter(|| bare_pulldown(black_box(&text)))
        }),
        Flavor::Mdx => g.bench_function("bare-markdown-rs", |b| {
            b.iter(|| bare_markdown_rs(black_box(&text)))
        }),
    };
    g.bench_function("parse", |b| {
        b.iter_batched(
            || text.clone(),
            |t| parse(file, t, profile),
            BatchSize::SmallInput,
        )
    });
    let parsed = parse(file, text.clone(), profile);
    for (stage, run) in STAGES {
        g.bench_function(*stage, |b| b.iter(|| run(black_box(&parsed), &settings)));
        g.bench_function(format!("parse+{stage}"), |b| {
            b.iter_batched(
                || text.clone(),
                |t| run(&parse(file, t, profile), &settings),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    for words in [1000, 4000, 16000] {
        let name = format!("md-{}k-words", words / 1000);
        by_size(c, &name, "bench.md", Flavor::Markdown, words);
    }
    by_size(c, "mdx-4k-words", "bench.mdx", Flavor::Mdx, 4000);

    let profile = Profile::guide();
    let settings = Settings::new(profile);
    let mut g = c.benchmark_group("linearity");
    for words in [1000usize, 4000, 16000] {
        let text = case_study(42, words, Flavor::Markdown);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(words), &text, |b, text| {
            b.iter_batched(
                || text.clone(),
                |t| {
                    check(&parse("bench.md", t, profile), &settings)
                        .diagnostics
                        .len()
                },
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

/// About `mb` megabytes of generated case studies, each with its own sections, tables and
/// diagrams: a cost that grows with (sections × sections) shows here, where one long
/// document of nine sections would hide it.
fn megabytes(mb: usize) -> String {
    let mut text = String::with_capacity(mb << 20);
    let mut seed = 0;
    while text.len() < mb << 20 {
        text.push_str(&case_study(seed, 4000, Flavor::Markdown));
        text.push('\n');
        seed += 1;
    }
    text
}

fn large(c: &mut Criterion) {
    let profile = Profile::guide();
    let settings = Settings::new(profile);
    let mut g = c.benchmark_group("megabytes");
    // A 16 MB run takes about a second: few samples, or the group takes many minutes.
    g.sample_size(10);
    for mb in [1usize, 2, 4, 8, 16] {
        let text = megabytes(mb);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(mb), &text, |b, text| {
            b.iter_batched(
                || text.clone(),
                |t| {
                    let doc = parse("bench.md", t, profile);
                    let report = check(&doc, &settings);
                    Scorecard::score(&doc, &report, profile).total
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, bench, large);
criterion_main!(benches);
