//! Every subcommand ends quietly when its reader goes away (`casekit rules | head -1`):
//! exit 0, nothing about a panic or a broken pipe on stderr.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

/// Each subcommand with arguments that make it print something.
fn invocations() -> Vec<Vec<String>> {
    let doc = example("case-study.md").display().to_string();
    let mdx = example("case-study.mdx").display().to_string();
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        s(&["rules"]),
        s(&["rules", "--format", "json"]),
        s(&["rules", "--format", "markdown"]),
        s(&["explain", "GOL204"]),
        s(&["check", "--no-config", &doc, &mdx]),
        s(&["check", "--no-config", "--format", "json", &doc, &mdx]),
        s(&["check", "--no-config", "--format", "sarif", &doc]),
        s(&["score", "--no-config", &doc, &mdx]),
        s(&["score", "--no-config", "--format", "json", &doc]),
        s(&["diagrams", "--no-config", "--preview", &doc, &mdx]),
        s(&["new", "-", "--no-input"]),
        s(&["new", "-", "--example"]),
        s(&["schema"]),
        s(&["completions", "bash"]),
        s(&["man"]),
    ]
}

fn command(args: &[String]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_casekit"));
    c.args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn assert_quiet(args: &[String], status: std::process::ExitStatus, stderr: &[u8]) {
    let stderr = String::from_utf8_lossy(stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.to_lowercase().contains("broken pipe"),
        "casekit {args:?} complained on stderr: {stderr}"
    );
    // `check` exits 1 on the example's findings when it gets to print them all; a
    // closed pipe must not turn into 2 or a signal.
    assert!(
        matches!(status.code(), Some(0) | Some(1))
            && (status.code() == Some(0) || args[0] == "check"),
        "casekit {args:?} ended with {status:?}: {stderr}"
    );
}

#[test]
fn a_pipe_closed_before_the_first_write() {
    for args in invocations() {
        // The read end is gone before the process starts: its very first write fails.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut c = command(&args);
        c.stdout(writer);
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "casekit {args:?}");
        assert_quiet(&args, out.status, &out.stderr);
    }
}

#[test]
fn a_pipe_closed_after_a_few_bytes() {
    for args in invocations() {
        let mut child = command(&args).stdout(Stdio::piped()).spawn().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 8];
        let _ = stdout.read(&mut first).unwrap();
        drop(stdout);
        let mut stderr = Vec::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_end(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_quiet(&args, status, &stderr);
    }
}
