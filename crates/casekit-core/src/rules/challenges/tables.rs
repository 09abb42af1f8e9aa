//! Challenges written as a table with one row per challenge: which tables hold them,
//! which column holds which part, and one challenge per row.

use super::super::util;
use super::*;
use crate::document::{Document, Section, Table};

/// Reads the rows of the section's challenge tables; `strict` accepts only tables with a
/// column named for the problem. Returns whether any table was read.
pub(super) fn read_tables(doc: &Document, s: &Section, strict: bool, out: &mut Challenges) -> bool {
    let mut found = false;
    for t in Document::in_span(&doc.tables, s.body) {
        let Some((columns, named)) = challenge_columns(t) else {
            continue;
        };
        if strict && !named {
            continue;
        }
        found = true;
        let ti = out.tables.len();
        out.tables.push(ChallengeTable {
            span: t.span,
            header: t.header_span(),
            columns,
        });
        for row in &t.rows {
            if let Some(c) = from_row(row, &columns, ti) {
                out.items.push(c);
            }
        }
    }
    found
}

/// Columns of a table whose rows are challenges: it needs a column for the problem (or
/// a first column, when a solution column says what the rows are) and a column for at
/// least one other part. The flag says whether the problem column was named as such.
pub(super) fn challenge_columns(t: &Table) -> Option<([Option<usize>; 5], bool)> {
    if t.header.len() < 2 || t.rows.is_empty() {
        return None;
    }
    let headers = util::header_keys(t);
    let mut cols: [Option<usize>; 5] = [None; 5];
    let mut taken: Vec<usize> = Vec::new();
    // The specific parts first, so "Why It Was Hard" is not taken for the problem.
    for f in [
        Facet::TradeOff,
        Facet::Alternatives,
        Facet::Solution,
        Facet::WhyHard,
        Facet::Problem,
    ] {
        if let Some(c) = column_excluding(&headers, f.column_keys(), &taken) {
            cols[f.index()] = Some(c);
            taken.push(c);
        }
    }
    let others = [
        Facet::WhyHard,
        Facet::Alternatives,
        Facet::Solution,
        Facet::TradeOff,
    ]
    .iter()
    .filter(|f| cols[f.index()].is_some())
    .count();
    if others == 0 {
        return None;
    }
    let named = cols[Facet::Problem.index()].is_some();
    if !named && cols[Facet::Solution.index()].is_none() {
        return None;
    }
    if !named {
        // The first column that is not a row number and not another part.
        let first = (0..t.header.len()).find(|c| {
            !taken.contains(c) && !matches!(headers[*c].as_str(), "" | "no" | "number" | "id")
        })?;
        cols[Facet::Problem.index()] = Some(first);
    }
    Some((cols, named))
}

/// [`util::column_in`] over a table's header keys, or when that column is `taken`, the
/// first other column whose header is one of `keys` or opens or closes with one.
pub(super) fn column_excluding(
    headers: &[String],
    keys: &[&str],
    taken: &[usize],
) -> Option<usize> {
    let c = util::column_in(headers, keys)?;
    if !taken.contains(&c) {
        return Some(c);
    }
    // The best match is taken: look at the other columns alone.
    (0..headers.len()).find(|i| {
        !taken.contains(i)
            && keys
                .iter()
                .any(|k| headers[*i] == *k || util::opens_or_closes(&headers[*i], k))
    })
}

pub(super) fn from_row(
    row: &[crate::document::Cell],
    cols: &[Option<usize>; 5],
    table: usize,
) -> Option<Challenge> {
    let title_col = cols[Facet::Problem.index()]?;
    let title_cell = row.get(title_col)?;
    let (first, last) = (row.first()?, row.last()?);
    let span = first.span.cover(last.span);
    let title = title_cell.text.text.trim().to_string();
    let mut parts = Vec::new();
    let mut units = Vec::new();
    let mut placeholder = is_placeholder(&title);
    for f in Facet::ALL {
        let Some(c) = cols[f.index()] else { continue };
        let Some(cell) = row.get(c) else { continue };
        let text = cell.text.text.trim();
        if f == Facet::Problem && text.is_empty() {
            continue;
        }
        if is_placeholder(text) {
            if f == Facet::Problem {
                placeholder = true;
            }
            continue;
        }
        // An empty trade-off cell stays a part so CHL704 can say it is empty.
        if text.is_empty() && f != Facet::TradeOff {
            continue;
        }
        parts.push(Part {
            facet: f,
            span: cell.span,
            text: text.to_string(),
            found: Found::Column,
        });
    }
    for cell in row {
        units.push((cell.span, cell.text.text.trim().replace('’', "'")));
    }
    // Alternatives named per cell, counted once: a cell mentions an alternative exactly
    // when it names at least one, so the wording test below reads the same count.
    let mut counts: Option<Vec<usize>> = None;
    let mut count_in =
        |k: usize| -> usize { counts.get_or_insert_with(|| units_alternatives(&units))[k] };
    // Parts the table has no column for may still be said in some cell.
    for f in Facet::ALL {
        if cols[f.index()].is_some() {
            continue;
        }
        for (k, (span, text)) in units.iter().enumerate() {
            let said = match f {
                Facet::Alternatives => count_in(k) > 0,
                _ => says(f, text),
            };
            if said {
                parts.push(Part {
                    facet: f,
                    span: *span,
                    text: text.clone(),
                    found: Found::Wording,
                });
                break;
            }
        }
    }
    let alternatives = match cols[Facet::Alternatives.index()].and_then(|c| row.get(c)) {
        Some(cell) => count_listed(&cell.text.text),
        None => (0..units.len()).map(&mut count_in).sum(),
    };
    let why_cell = cols[Facet::WhyHard.index()].and_then(|c| row.get(c));
    let problem_text = why_cell.map(|c| c.text.text.clone()).unwrap_or_default();
    let problem_span = why_cell.map(|c| c.span);
    let figure = units.iter().find(|(_, t)| before_after(t)).map(|(s, _)| *s);
    Some(Challenge {
        number: 0,
        shape: Shape::Row,
        span,
        title,
        parts,
        placeholder,
        table: Some(table),
        units,
        title_span: title_cell.span,
        problem_text,
        problem_span,
        alternatives,
        figure,
    })
}
