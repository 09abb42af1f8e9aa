//! Any text, read as Markdown and as MDX: the model builds without a panic and every
//! span in it is valid.
#![no_main]

mod common;

use casekit_core::{Document, Profile, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::install_panic_hook();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for name in ["fuzz.md", "fuzz.mdx"] {
        let doc = Document::parse(Source::new(name, text), Profile::guide());
        common::check_model(&doc);
    }
});
