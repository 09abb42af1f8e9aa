//! Parses, checks and scores one file with `Document::parse` (which, unlike the CLI,
//! reads a document over a limit as far as is safe instead of refusing it), printing
//! the time of each step: for profiling one odd input.
//!   cargo run --release --example check_file -p casekit-core -- FILE
use casekit_core::{check, Document, Profile, Scorecard, Settings, Source};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: check_file FILE");
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let profile = Profile::guide();
    let t = Instant::now();
    let doc = Document::parse(Source::new(&path, text), profile);
    let parsed = t.elapsed();
    let report = check(&doc, &Settings::new(profile));
    let checked = t.elapsed();
    let card = Scorecard::score(&doc, &report, profile);
    let scored = t.elapsed();
    println!(
        "parse {parsed:?}, check {:?}, score {:?}: {} diagnostics, {:.1} points",
        checked - parsed,
        scored - checked,
        report.diagnostics.len(),
        card.total
    );
}
