//! Flowcharts from the parser's output: nodes, edges placed from their symbols, labels
//! and subgraphs.

use super::*;

pub(crate) fn flowchart(input: &Input) -> Flowchart {
    let json = input.json;
    let subgraph_ids: Vec<&str> = items(json, "subgraphs")
        .iter()
        .map(|s| str_of(s, "id"))
        .collect();

    // Node mentions in source order, and the label written right after a mention.
    let occ = input.syms(&["flowchart node"]);
    let node_labels = input.syms(&["flowchart node label"]);
    // Looked up by binary search, not by scanning, so a diagram of thousands of edges stays
    // near linear; sorted lists cost less than hash maps for the usual handful of nodes.
    // Where a mention ends with its label: the first label starting where the mention ends.
    let ext_end = |o: &Sym| -> usize {
        let i = node_labels.partition_point(|l| l.span.0 < o.span.1);
        match node_labels.get(i) {
            Some(l) if l.span.0 == o.span.1 => l.span.1,
            _ => o.span.1,
        }
    };
    // Mentions by name; the sort is stable, so each name's first mention comes first.
    let mut by_name = occ.clone();
    by_name.sort_by(|a, b| a.name.cmp(&b.name));
    let first_mention = |id: &str| -> Option<(usize, usize)> {
        let i = by_name.partition_point(|o| o.name.as_str() < id);
        by_name.get(i).filter(|o| o.name == id).map(|o| o.span)
    };

    let nodes: Vec<Node> = items(json, "nodes")
        .iter()
        .filter_map(|n| {
            let [id, label, shape] = fields(n, ["id", "label", "shape"]);
            let id = as_str(id);
            if subgraph_ids.contains(&id) {
                return None;
            }
            let id = id.to_string();
            let label = label
                .as_str()
                .map(clean_label)
                .unwrap_or_else(|| id.clone());
            let shape = shape.as_str().unwrap_or("square").to_string();
            let span = input.span(first_mention(&id).unwrap_or_else(|| input.first_line()));
            Some(Node {
                id,
                label,
                shape,
                span,
            })
        })
        .collect();

    let edge_labels = input.syms(&["flowchart edge label"]);
    let mut label_used = vec![false; edge_labels.len()];
    let mut used_pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut statement_start = 0usize;
    let same_line = |a: usize, b: usize| -> bool {
        let (a, b) = (a.min(b), a.max(b));
        !input.text[a..b].contains('\n')
    };
    let is_arrow = |s: &str| {
        s.contains("--")
            || s.contains("==")
            || s.contains("-.")
            || s.contains("~~")
            || s.contains("->")
    };

    let mut edges = Vec::new();
    for e in items(json, "edges") {
        let [from, to, label, stroke, ty, arrow] =
            fields(e, ["from", "to", "label", "stroke", "type", "arrow"]);
        let from = as_str(from).to_string();
        let to = as_str(to).to_string();
        let label_text = label.as_str().map(clean_label).filter(|l| !l.is_empty());

        // The mention of `to` after the current statement, with the nearest mention of
        // `from` before it on the same line, not used by an earlier edge.
        let mut found: Option<(usize, usize)> = None;
        let first = occ.partition_point(|o| o.span.0 < statement_start);
        'search: for (t, ot) in occ.iter().enumerate().skip(first) {
            if ot.name != to {
                continue;
            }
            for s in (0..t).rev() {
                let os = occ[s];
                if !same_line(os.span.0, ot.span.0) {
                    break;
                }
                if os.name == from && !used_pairs.contains(&(s, t)) {
                    found = Some((s, t));
                    break 'search;
                }
            }
        }

        let mut region: Option<(usize, usize)> = None;
        if let Some((s, t)) = found {
            used_pairs.insert((s, t));
            statement_start = input.line(occ[t].span.0).0;
            let after_s = (ext_end(occ[s]), occ[s + 1].span.0);
            let before_t = (ext_end(occ[t - 1]), occ[t].span.0);
            for (a, b) in [after_s, before_t] {
                if a < b && is_arrow(&input.text[a..b]) {
                    let (a, b) = trim_range(input.text, a, b);
                    // `A:::class --> B`: the class suffix is not part of the arrow.
                    let a = if input.text[a..b].starts_with(":::") {
                        input.text[a..b]
                            .find(char::is_whitespace)
                            .map(|i| trim_range(input.text, a + i, b).0)
                            .unwrap_or(a)
                    } else {
                        a
                    };
                    region = Some((a, b));
                    break;
                }
            }
            if region.is_none() {
                region = Some((occ[s].span.0, occ[t].span.1));
            }
        }

        let label = label_text.map(|text| {
            // Labels are in source order: the first one starting inside the region.
            let inside = region.and_then(|(a, b)| {
                let i = edge_labels.partition_point(|l| l.span.0 < a);
                edge_labels[i..]
                    .iter()
                    .take_while(|l| l.span.0 <= b)
                    .position(|l| l.span.1 <= b)
                    .map(|k| i + k)
            });
            let unused = || {
                edge_labels
                    .iter()
                    .enumerate()
                    .position(|(i, l)| !label_used[i] && clean_label(&l.name) == text)
            };
            let span = match inside.or_else(unused) {
                Some(i) => {
                    label_used[i] = true;
                    input.span(edge_labels[i].selection)
                }
                None => input.span(region.unwrap_or_else(|| input.first_line())),
            };
            Label { text, span }
        });

        let span = match region {
            Some(r) => input.span(r),
            None => match &label {
                Some(l) => l.span,
                None => input.span(
                    first_mention(&from)
                        .map(|m| input.line(m.0))
                        .unwrap_or_else(|| input.first_line()),
                ),
            },
        };
        let stroke = match as_str(stroke) {
            "dotted" => Stroke::Dotted,
            "thick" => Stroke::Thick,
            "invisible" => Stroke::Invisible,
            _ => Stroke::Normal,
        };
        let ty = as_str(ty);
        let head = if ty.starts_with("double") {
            ArrowHead::Both
        } else if ty.ends_with("cross") {
            ArrowHead::Cross
        } else if ty.ends_with("circle") {
            ArrowHead::Circle
        } else if ty.ends_with("open") {
            ArrowHead::Open
        } else {
            ArrowHead::Point
        };
        edges.push(Edge {
            from,
            to,
            label,
            arrow: as_str(arrow).to_string(),
            stroke,
            head,
            span,
        });
    }

    let sub_syms = input.syms(&["subgraph"]);
    let mut subgraphs: Vec<Subgraph> = items(json, "subgraphs")
        .iter()
        .map(|s| {
            let [id, title, nodes] = fields(s, ["id", "title", "nodes"]);
            let id = as_str(id).to_string();
            let span = sub_syms
                .iter()
                .find(|x| x.name == id)
                .map(|x| x.span)
                .unwrap_or_else(|| input.first_line());
            Subgraph {
                title: clean_label(title.as_str().unwrap_or(&id)),
                nodes: as_items(nodes)
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                span: input.span(span),
                id,
            }
        })
        .collect();
    subgraphs.sort_by_key(|s| s.span.start);

    let direction = json
        .get("direction")
        .and_then(Value::as_str)
        .map(str::to_string);
    Flowchart {
        direction,
        nodes,
        edges,
        subgraphs,
    }
}
