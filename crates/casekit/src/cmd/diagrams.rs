//! `casekit diagrams FILE…`: each Mermaid diagram with its line, type and a one-line
//! summary, or where and why it does not parse; `--preview` draws it in the terminal.

use crate::cli::DiagramsArgs;
use casekit_core::diagram::{Diagram, DiagramKind, Model};
use casekit_core::Document;
use std::io::Write;

pub fn run(args: &DiagramsArgs) -> anyhow::Result<u8> {
    // The same documents, settings and limits as `check`: a file `check` refuses is
    // refused here too, rather than listed without its oversized diagram.
    let (jobs, mut errors) = super::check::plan(&args.config);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut broken = false;
    for job in &jobs {
        let doc = match super::check::parse_one(job, args.config.max_file_size) {
            Ok(d) => d,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let diagrams = &casekit_core::diagram::parse_document(&doc);
        writeln!(
            out,
            "{}: {}",
            doc.source.path.display(),
            match diagrams.len() {
                0 => "no Mermaid diagrams".to_string(),
                1 => "1 Mermaid diagram".to_string(),
                n => format!("{n} Mermaid diagrams"),
            }
        )?;
        for d in diagrams {
            broken |= d.parse.is_err();
            writeln!(out, "  {}", line_for(&doc, d))?;
            if args.preview {
                write_preview(&mut out, &doc, d)?;
            }
        }
    }
    out.flush()?;
    drop(out);
    for e in &errors {
        eprintln!("casekit: error: {e}");
    }
    Ok(if !errors.is_empty() {
        2
    } else if broken {
        1
    } else {
        0
    })
}

/// `line 12  flowchart         7 nodes / 9 edges / 1 subgraph`
fn line_for(doc: &Document, d: &Diagram) -> String {
    let at = doc.line_col(d.span.start);
    let kind = match &d.kind {
        DiagramKind::Unknown => "unknown type".to_string(),
        k => k.describe(),
    };
    let what = match &d.parse {
        Ok(m) => m.summary(),
        Err(e) => {
            let p = doc.line_col(e.span.start);
            format!("does not parse ({}:{}): {}", p.line, p.column, e.message)
        }
    };
    format!("line {:<5} {:<17} {}", at.line, kind, what)
}

fn write_preview(out: &mut impl Write, doc: &Document, d: &Diagram) -> std::io::Result<()> {
    let Ok(model) = &d.parse else {
        return Ok(());
    };
    #[cfg(feature = "preview")]
    {
        if let Some(drawing) = casekit_core::diagram::preview(doc, d) {
            for l in drawing.lines() {
                writeln!(out, "      {}", l.trim_end())?;
            }
            writeln!(out)?;
            return Ok(());
        }
        if !matches!(model, Model::Unread) {
            writeln!(out, "      (cannot draw this one; outline:)")?;
        }
    }
    let _ = doc;
    if matches!(model, Model::Unread) {
        writeln!(
            out,
            "      (casekit does not read inside this diagram type)"
        )?;
    }
    for l in model.outline() {
        writeln!(out, "      {l}")?;
    }
    writeln!(out)
}
