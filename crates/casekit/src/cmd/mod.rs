//! One module per subcommand.

mod check;
mod diagrams;
mod explain;
mod rules;

use crate::cli::{Cli, Command};

/// Runs a command; returns the process exit code (0 clean, 1 findings, 2 usage or I/O).
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match &cli.command {
        Command::Check(args) => check::run(args, &cli),
        Command::Diagrams(args) => diagrams::run(args),
        Command::Explain { rule } => explain::run(rule),
        Command::Rules { format } => rules::run(*format),
    }
}
