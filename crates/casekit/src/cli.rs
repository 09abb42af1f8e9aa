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
    /// Grade documents on the guide's rubric and say where the next points are.
    Score(ScoreArgs),
    /// Grade a cohort: grades.csv, grades.json and a dashboard page (index.html).
    Grade(GradeArgs),
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
    /// Print the JSON schema of casekit.toml (for editor completion).
    Schema,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Start a case study from a skeleton that follows the guide.
    New(NewArgs),
    /// Write an HTML page per document: the document with each finding beside its line,
    /// the scorecard and the diagrams drawn.
    Report(ReportArgs),
    /// Preview one document's report in the browser, updated on each save.
    Serve(ServeArgs),
    /// Run the language server on standard input and output (for editors).
    Lsp,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Where to write: a directory (one NAME.html per document), or a file ending in
    /// .html for a single document.
    #[arg(long, short, value_name = "DIR|PAGE.html")]
    pub output: PathBuf,
    /// Link the document's images instead of embedding them in the page.
    #[arg(long)]
    pub link_images: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 4010)]
    pub port: u16,
    /// Address to listen on. Anything but a loopback address exposes the document (and
    /// its folder) to the network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Args, Debug)]
#[command(
    long_about = "Writes a skeleton case study with the guide's nine sections in order, short guidance \
                  in each, tables and Mermaid diagrams to adapt, and slots (YOUR_PROJECT_NAME, GOAL_1, …) \
                  to replace. `casekit check` reports every slot and guidance comment until it is \
                  replaced. On a terminal it asks for the overview facts the flags did not give; \
                  without one it never waits for input."
)]
pub struct NewArgs {
    /// File to create (`-` writes to standard output). Default: case-study.md, or
    /// case-study.mdx with `--format mdx`.
    pub path: Option<PathBuf>,
    /// Markdown or MDX (with <Steps>, <Tip>, <Warning>). Default: from the file's
    /// extension.
    #[arg(long, value_enum)]
    pub format: Option<NewFormat>,
    /// Write a complete, filled-in example case study instead of a skeleton.
    #[arg(long, conflicts_with_all = ["name", "one_liner", "repo", "demo", "team", "role", "timeline"])]
    pub example: bool,
    /// Overwrite the file if it exists.
    #[arg(long, short)]
    pub force: bool,
    /// Never ask questions, even on a terminal.
    #[arg(long)]
    pub no_input: bool,
    /// Project name (the document's title).
    #[arg(long)]
    pub name: Option<String>,
    /// One sentence: who has what problem, and what changes for them.
    #[arg(long)]
    pub one_liner: Option<String>,
    /// Repository URL.
    #[arg(long)]
    pub repo: Option<String>,
    /// Live demo or video walkthrough URL.
    #[arg(long)]
    pub demo: Option<String>,
    /// Team size ("4", "4 people", "solo").
    #[arg(long)]
    pub team: Option<String>,
    /// Your own role ("Led the backend and the data model").
    #[arg(long)]
    pub role: Option<String>,
    /// How long it took ("10 weeks, part-time").
    #[arg(long)]
    pub timeline: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewFormat {
    Md,
    Mdx,
}

#[derive(Args, Debug)]
pub struct ScoreArgs {
    #[arg(long, value_enum, default_value_t = ScoreFormat::Human)]
    pub format: ScoreFormat,
    /// List every point lost, by criterion, with the rule or measure that lost it.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreFormat {
    Human,
    Json,
    /// One row per document, the columns of `casekit grade`'s grades.csv.
    Csv,
}

#[derive(Args, Debug)]
#[command(
    long_about = "Scores every document once, in parallel, and writes to the output folder: \
                  grades.csv (one row per document: total, level, the four criteria, errors, \
                  warnings and the top improvement), grades.json (the same, with a version, the \
                  files that could not be read and the cohort's figures) and index.html (a \
                  self-contained dashboard: the distribution of totals and of each criterion, \
                  what to teach next, and a sortable table). With --baseline, each document's \
                  change since that round is added. Exit code as `score`: 2 when a file could not \
                  be graded (the others still are)."
)]
pub struct GradeArgs {
    /// The folder to write grades.csv, grades.json and index.html to (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub output: PathBuf,
    /// The grades.json of an earlier round: adds each document's change since then.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// The dashboard's title.
    #[arg(long, default_value = "Case study grades")]
    pub title: String,
    /// Skip the per-document report pages (OUT/pages/*.html, linked from the table).
    #[arg(long)]
    pub no_pages: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Options shared by commands that read documents.
#[derive(Args, Debug, Clone)]
pub struct ConfigArgs {
    /// Files or directories (`-` reads standard input). Directories are walked for *.md
    /// and *.mdx, honouring .gitignore. Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// Use this config file instead of the nearest casekit.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every casekit.toml.
    #[arg(long)]
    pub no_config: bool,
    /// A profile (another case-study template) instead of the built-in guide.
    #[arg(long, value_name = "FILE.toml")]
    pub profile: Option<PathBuf>,
    /// Only these rules (IDs or prefixes, comma-separated: STR,GOL204). Overrides the config's select.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Skip these rules (IDs or prefixes, comma-separated). Overrides the config's ignore.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Option<Vec<String>>,
    /// Name to report for standard input (its extension picks Markdown or MDX).
    #[arg(long, default_value = "<stdin>.md")]
    pub stdin_filename: PathBuf,
    /// Largest file to read, in bytes.
    #[arg(long, default_value_t = crate::input::DEFAULT_MAX_BYTES)]
    pub max_file_size: u64,
    /// Deepest nesting of lists, block quotes and MDX components a document may have;
    /// deeper documents are refused [default: the profile's max_nesting, 256].
    #[arg(long, value_name = "DEPTH")]
    pub max_nesting: Option<usize>,
    /// Largest Mermaid block, in bytes; a document with a larger one is refused
    /// [default: the profile's max_diagram_bytes, 65536].
    #[arg(long, value_name = "BYTES")]
    pub max_diagram_size: Option<usize>,
    /// Largest .mdx file given to the MDX parser, in bytes; larger ones are refused
    /// [default: the profile's max_mdx_bytes, 262144].
    #[arg(long, value_name = "BYTES")]
    pub max_mdx_size: Option<usize>,
}

impl ConfigArgs {
    pub fn paths_or_default(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            self.paths.clone()
        }
    }

    pub fn overrides(&self) -> crate::settings::Overrides {
        crate::settings::Overrides {
            config: self.config.clone(),
            no_config: self.no_config,
            profile: self.profile.clone(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            max_nesting: self.max_nesting,
            max_diagram_size: self.max_diagram_size,
            max_mdx_size: self.max_mdx_size,
        }
    }
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Lowest severity that makes the exit code 1 [default: error, or the config's fail-on].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Also print each document's scorecard (human format only).
    #[arg(long)]
    pub score: bool,
    /// Apply the fixes the rules offer (they only insert: skeletons and slots to fill
    /// in) and write each changed file in place.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: print what would change as a unified diff and write nothing.
    #[arg(long, requires = "fix")]
    pub diff: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Args, Debug)]
pub struct DiagramsArgs {
    /// Draw each diagram in the terminal (Unicode) where casekit was built with the
    /// `preview` feature and the type can be drawn; otherwise print an outline of its
    /// nodes and edges, participants and messages.
    #[arg(long)]
    pub preview: bool,
    /// Paths, config, profile and limits as for `check`.
    #[command(flatten)]
    pub config: ConfigArgs,
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
    Sarif,
    Github,
    Junit,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Human,
    Json,
    /// The full rule reference as Markdown (docs/rules.md is generated this way).
    Markdown,
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
