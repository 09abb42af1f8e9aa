//! Any text, read as Markdown or MDX (the first byte chooses): checking and scoring run
//! without a panic, every score lies in 0–100, the improvements never claim more than
//! the gap to 100, and scoring the same report twice gives the same card.
#![no_main]

mod common;

use casekit_core::{check, Document, Profile, Scorecard, Settings, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::install_panic_hook();
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let name = if pick & 1 == 0 { "fuzz.md" } else { "fuzz.mdx" };
    let profile = Profile::guide();
    let doc = Document::parse(Source::new(name, text), profile);
    let report = check(&doc, &Settings::new(profile));
    let card = Scorecard::score(&doc, &report, profile);
    assert!((0.0..=100.0).contains(&card.total), "total {}", card.total);
    for c in &card.criteria {
        assert!((0.0..=100.0).contains(&c.score), "{} scored {}", c.id, c.score);
        assert!(c.earned <= c.available + 1e-9, "{} earned more than available", c.id);
    }
    let gains: f64 = card.improvements.iter().map(|i| i.gain).sum();
    assert!(gains <= 100.0 - card.total + 0.5, "gains {gains} exceed the gap");
    let again = Scorecard::score(&doc, &report, profile);
    assert_eq!(card.total, again.total, "scoring is not deterministic");
});
