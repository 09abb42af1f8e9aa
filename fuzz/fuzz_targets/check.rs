//! Any text, read as Markdown: parsing and every rule run without a panic, and every
//! diagnostic points at a valid place.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::check_as("fuzz.md", data));
