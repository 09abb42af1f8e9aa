//! Scorecards: a bar per criterion, its level, the total and the top improvements; or
//! JSON per the documented contract.

use casekit_core::rubric::{Level, Scorecard, Source};
use casekit_core::Document;
use serde_json::{json, Value};
use std::io::Write;

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn level_color(l: Level) -> &'static str {
    match l {
        Level::Excellent => "1;32",
        Level::Acceptable => "1;33",
        Level::NeedsWork => "1;31",
    }
}

fn bar(score: f64, width: usize) -> String {
    let filled = ((score / 100.0) * width as f64).round() as usize;
    format!(
        "{}{}",
        "█".repeat(filled.min(width)),
        "░".repeat(width - filled.min(width))
    )
}

pub fn render_human(
    out: &mut dyn Write,
    doc: &Document,
    card: &Scorecard,
    explain: bool,
    color: bool,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}  {} / 100  {}",
        paint(color, "1", &doc.source.path.display().to_string()),
        paint(color, "1", &format!("{:.1}", card.total)),
        paint(color, level_color(card.level), card.level.label())
    )?;
    for c in &card.criteria {
        writeln!(
            out,
            "  {:<24} {:>3.0}%  {}  {:>5.1}  {}",
            c.name,
            c.weight,
            paint(color, level_color(c.level), &bar(c.score, 20)),
            c.score,
            paint(color, level_color(c.level), c.level.label())
        )?;
    }
    let top: Vec<_> = card.advice().take(5).collect();
    if !top.is_empty() {
        writeln!(out, "  Where to invest your time:")?;
        for i in top {
            writeln!(out, "    {:>+6.1}  {:<18} {}", i.gain, i.rule, i.message)?;
        }
    }
    if explain {
        writeln!(out, "  Every point lost:")?;
        for c in &card.criteria {
            writeln!(
                out,
                "    {} ({:.1} of {:.1} points)",
                c.name, c.earned, c.available
            )?;
            for item in c.items.iter().filter(|i| i.available - i.earned > 1e-9) {
                let what = match &item.source {
                    Source::Rule { id } => id.clone(),
                    Source::Measure { id, .. } => format!("measure {id}"),
                };
                writeln!(
                    out,
                    "      -{:<5.2} {:<20} {}",
                    item.available - item.earned,
                    what,
                    item.note
                )?;
            }
        }
    }
    writeln!(out)
}

pub fn to_json(doc: &Document, card: &Scorecard, explain: bool) -> Value {
    let mut v = json!({
        "path": doc.source.path.display().to_string(),
        "total": card.total,
        "level": card.level,
        "criteria": card.criteria.iter().map(|c| {
            let mut cv = json!({"id": c.id, "weight": c.weight, "score": c.score, "level": c.level});
            if explain {
                cv["items"] = serde_json::to_value(&c.items).unwrap_or(Value::Null);
            }
            cv
        }).collect::<Vec<_>>(),
        "improvements": card.improvements.iter().map(|i| json!({"rule": i.rule, "gain": i.gain, "message": i.message})).collect::<Vec<_>>(),
    });
    if explain {
        v["explained"] = true.into();
    }
    v
}
