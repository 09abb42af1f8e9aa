//! Any text, read as MDX: parsing and every rule run without a panic, and every
//! diagnostic points at a valid place.
#![no_main]

mod common;

use casekit_core::{check, Document, Profile, Settings, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::install_panic_hook();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let profile = Profile::guide();
    let doc = Document::parse(Source::new("fuzz.mdx", text), profile);
    let report = check(&doc, &Settings::new(profile));
    common::check_report(&doc, &report);
});
