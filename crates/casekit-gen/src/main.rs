//! `casekit-gen DIR [COUNT] [SEED] [--md-only] [--words N]`: writes COUNT case studies (a
//! mix of .md and .mdx, 1–8 pages, or all of N words) into DIR, the same bytes for the
//! same seed.

use casekit_gen::{case_study, Flavor, Rng};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let md_only = args.iter().any(|a| a == "--md-only");
    args.retain(|a| a != "--md-only");
    let mut words: Option<usize> = None;
    if let Some(i) = args.iter().position(|a| a == "--words") {
        words = args.get(i + 1).and_then(|s| s.parse().ok());
        if words.is_none() {
            eprintln!("casekit-gen: --words needs a number");
            return ExitCode::from(2);
        }
        args.drain(i..i + 2);
    }
    const USAGE: &str = "usage: casekit-gen DIR [COUNT=1000] [SEED=1] [--md-only] [--words N]";
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    // An unknown flag is a mistake, never a folder to fill with a thousand documents.
    if let Some(flag) = args.iter().find(|a| a.starts_with('-')) {
        eprintln!("casekit-gen: unknown option {flag}\n{USAGE}");
        return ExitCode::from(2);
    }
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let count: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("casekit-gen: {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let mut rng = Rng::new(seed);
    for i in 0..count {
        let pages = 1 + rng.below(8);
        let mdx = !md_only && rng.chance(25);
        let flavor = if mdx { Flavor::Mdx } else { Flavor::Markdown };
        let text = case_study(
            seed.wrapping_mul(1_000_003).wrapping_add(i as u64),
            words.unwrap_or(pages * 500),
            flavor,
        );
        let path = dir.join(format!("case-{i:05}.{}", if mdx { "mdx" } else { "md" }));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("casekit-gen: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
