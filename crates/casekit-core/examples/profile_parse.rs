//! A loop for profilers: parse and check one generated 4,000-word document N times.
use casekit_core::{check, Document, Profile, Settings, Source};

// The binary's allocator, so a profile shows what `casekit check` spends.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let text = casekit_gen::case_study(42, 4000, casekit_gen::Flavor::Markdown);
    let profile = Profile::guide();
    let settings = Settings::new(profile);
    let mut total = 0;
    for _ in 0..n {
        let d = Document::parse(Source::new("x.md", text.clone()), profile);
        total += check(&d, &settings).diagnostics.len();
    }
    println!("{total}");
}
