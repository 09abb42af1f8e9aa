//! The `casekit` command: a thin front end over casekit-core.

mod cli;
mod cmd;
mod input;
mod ordered;
mod output;
mod settings;
mod stdout;

use clap::Parser;
use std::process::ExitCode;

// Building the rules' automata and the document model is mostly small allocations;
// mimalloc serves them in about half the instructions of the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    casekit_core::silence_parser_panics();
    let cli = cli::Cli::parse();
    let code = match cmd::run(cli) {
        Ok(code) => code,
        // A reader that stops early (`casekit check | head`) is not an error.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            0
        }
        Err(e) => {
            eprintln!("casekit: error: {e:#}");
            2
        }
    };
    ExitCode::from(code)
}
