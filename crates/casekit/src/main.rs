//! The `casekit` command: a thin front end over casekit-core.

mod cli;
mod cmd;
mod input;
mod ordered;
mod output;
mod settings;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let code = match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("casekit: error: {e:#}");
            2
        }
    };
    ExitCode::from(code)
}
