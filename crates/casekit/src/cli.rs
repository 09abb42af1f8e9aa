//! Command-line interface definitions.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "casekit",
    version,
    about = "Lint and grade engineering case studies against the case-study guide",
    long_about = "casekit checks case studies (Markdown or MDX) against the case-study guide: the nine \
                  required sections, the content each needs, diagrams and evidence. It reports problems \
                  with exact positions, like a compiler, and grades documents on the guide's rubric."
)]
pub struct Cli {
    /// When to use colour: auto (a terminal and NO_COLOR unset), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only diagnostics, no summary line.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check documents against the guide's checklist.
    Check(CheckArgs),
    /// Show a rule's documentation.
    Explain {
        /// Rule ID (GOL204) or name (non-goals-listed).
        rule: String,
    },
    /// List each Mermaid diagram: line, type and summary, or why it does not parse.
    Diagrams(DiagramsArgs),
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check (`-` reads standard input). Directories are walked
    /// for *.md and *.mdx, honouring .gitignore.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Name to report for standard input (its extension picks Markdown or MDX).
    #[arg(long, default_value = "<stdin>.md")]
    pub stdin_filename: PathBuf,
    /// Largest file to read, in bytes.
    #[arg(long, default_value_t = crate::input::DEFAULT_MAX_BYTES)]
    pub max_file_size: u64,
}

#[derive(Args, Debug)]
pub struct DiagramsArgs {
    /// Files or directories (`-` reads standard input).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Draw each diagram in the terminal (Unicode) where casekit was built with the
    /// `preview` feature and the type can be drawn; otherwise print an outline of its
    /// nodes and edges, participants and messages.
    #[arg(long)]
    pub preview: bool,
    /// Name to report for standard input (its extension picks Markdown or MDX).
    #[arg(long, default_value = "<stdin>.md")]
    pub stdin_filename: PathBuf,
    /// Largest file to read, in bytes.
    #[arg(long, default_value_t = crate::input::DEFAULT_MAX_BYTES)]
    pub max_file_size: u64,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> casekit_core::Severity {
        match self {
            FailOn::Error => casekit_core::Severity::Error,
            FailOn::Warning => casekit_core::Severity::Warning,
            FailOn::Info => casekit_core::Severity::Info,
        }
    }
}

impl ColorChoice {
    /// Whether to colour output going to stdout.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}
