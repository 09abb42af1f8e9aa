//! A guard on the score's validity: on the expert-graded corpus kept beside the
//! repository (`../shared/grades`, `../shared/corpus`), casekit's totals must rank the
//! documents as the graders' mean does, at Spearman's rho of 0.80 or more, and the guide
//! and template must stay below Acceptable. `scripts/validity.py` reports the full
//! figures; this test only fails when they fall below the floor.

use casekit_core::rubric::{Level, Scorecard};
use casekit_core::{check, Document, Profile, Settings, Source};
use std::collections::BTreeMap;
use std::path::Path;

fn shared() -> std::path::PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).to_path_buf()
}

/// Average ranks, ties sharing the mean of their positions.
fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut r = vec![0.0; xs.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && xs[order[j + 1]] == xs[order[i]] {
            j += 1;
        }
        for k in &order[i..=j] {
            r[*k] = (i + j) as f64 / 2.0 + 1.0;
        }
        i = j + 1;
    }
    r
}

fn spearman(xs: &[f64], ys: &[f64]) -> f64 {
    let (rx, ry) = (ranks(xs), ranks(ys));
    let n = rx.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = rx.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = ry.iter().map(|b| (b - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

#[test]
fn ranks_like_the_graders() {
    let grades = shared().join("grades/visible.tsv");
    let Ok(table) = std::fs::read_to_string(&grades) else {
        eprintln!(
            "note: {} is absent; the validity guard is skipped",
            grades.display()
        );
        return;
    };
    // file -> the graders' totals
    let mut by_file: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (file, total) = (col("file"), col("total"));
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        by_file
            .entry(cells[file].to_string())
            .or_default()
            .push(cells[total].parse().unwrap());
    }
    let profile = Profile::guide();
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for (name, totals) in &by_file {
        let text = std::fs::read_to_string(shared().join("corpus").join(name)).unwrap();
        let doc = Document::parse(Source::new(name.as_str(), &text), profile);
        let report = check(&doc, &Settings::new(profile));
        let card = Scorecard::score(&doc, &report, profile);
        if name.contains("guide") || name.contains("template") {
            assert_eq!(card.level, Level::NeedsWork, "{name}: {}", card.total);
        }
        ours.push(card.total);
        theirs.push(totals.iter().sum::<f64>() / totals.len() as f64);
    }
    assert!(ours.len() >= 10, "only {} graded documents", ours.len());
    let rho = spearman(&ours, &theirs);
    assert!(rho >= 0.80, "Spearman rho {rho:.3} with the graders' mean");
}
