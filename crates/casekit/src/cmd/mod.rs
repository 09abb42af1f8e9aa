//! One module per subcommand.

mod check;
mod diagrams;
mod explain;
mod fix;
mod grade;
mod new;
mod report;
mod rules;
mod score;
mod serve;

use crate::cli::{Cli, Command};

/// Runs a command; returns the process exit code (0 clean, 1 findings, 2 usage or I/O).
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match &cli.command {
        Command::Check(args) => check::run(args, &cli),
        Command::Score(args) => score::run(args, &cli),
        Command::Grade(args) => grade::run(args, &cli),
        Command::Diagrams(args) => diagrams::run(args),
        Command::Explain { rule } => explain::run(rule),
        Command::Rules { format } => rules::run(*format),
        Command::Schema => {
            let schema = casekit_core::config::Config::json_schema();
            crate::stdout::write(serde_json::to_string_pretty(&schema)? + "\n")?;
            Ok(0)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            // The generator panics on a write error; render first, then write.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "casekit", &mut script);
            crate::stdout::write(script)?;
            Ok(0)
        }
        Command::Man => {
            use clap::CommandFactory;
            crate::stdout::with(|out| clap_mangen::Man::new(Cli::command()).render(out))?;
            Ok(0)
        }
        Command::New(args) => new::run(args, &cli),
        Command::Report(args) => report::run(args, &cli),
        Command::Serve(args) => serve::run(args),
        Command::Lsp => casekit_lsp::run_stdio().map(|()| 0),
    }
}
