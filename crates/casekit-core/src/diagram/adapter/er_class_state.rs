//! ER, class and state diagrams from the parser's output: entities with their
//! attributes and relationships (cardinalities put back the right way round), classes
//! and their relations, states and their transitions.

use super::*;

fn cardinality(s: &str) -> Cardinality {
    match s {
        "ZERO_OR_ONE" => Cardinality::ZeroOrOne,
        "ONLY_ONE" => Cardinality::ExactlyOne,
        "ZERO_OR_MORE" => Cardinality::ZeroOrMore,
        "ONE_OR_MORE" => Cardinality::OneOrMore,
        "MD_PARENT" => Cardinality::Parent,
        other => Cardinality::Other(other.to_string()),
    }
}

pub(crate) fn er(input: &Input) -> Er {
    let json = input.json;
    let ent_syms = input.syms(&["er entity", "er implicit entity", "er relationship entity"]);
    let mut ids: Vec<(String, String)> = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    if let Some(map) = json.get("entities").and_then(Value::as_object) {
        for (name, e) in map {
            let [id, alias, label, attributes] = fields(e, ["id", "alias", "label", "attributes"]);
            ids.push((as_str(id).to_string(), name.clone()));
            let span = ent_syms
                .iter()
                .find(|s| &s.name == name)
                .map(|s| s.span)
                .unwrap_or_else(|| input.first_line());
            let (alias, label) = (as_str(alias), as_str(label));
            let alias = if !alias.is_empty() {
                alias
            } else if label != name {
                label
            } else {
                ""
            };
            entities.push(Entity {
                name: name.clone(),
                alias: clean_label(alias),
                attributes: as_items(attributes)
                    .iter()
                    .map(|a| {
                        let [ty, name, keys, comment] =
                            fields(a, ["type", "name", "keys", "comment"]);
                        Attribute {
                            ty: as_str(ty).to_string(),
                            name: as_str(name).to_string(),
                            keys: as_items(keys)
                                .iter()
                                .filter_map(Value::as_str)
                                .map(str::to_string)
                                .collect(),
                            comment: as_str(comment).to_string(),
                        }
                    })
                    .collect(),
                span: input.span(span),
            });
        }
    }
    entities.sort_by_key(|e| e.span.start);
    let name_of = |id: &str| -> String {
        ids.iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let roles = input.syms(&["er relationship role"]);
    let relationships = items(json, "relationships")
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let [spec, entity_a, entity_b, role_a] =
                fields(r, ["relSpec", "entityA", "entityB", "roleA"]);
            let [card_a, card_b, rel_type] = fields(spec, ["cardA", "cardB", "relType"]);
            let span = roles
                .get(i)
                .map(|s| input.line(s.span.0))
                .unwrap_or_else(|| input.first_line());
            Relationship {
                left: name_of(as_str(entity_a)),
                right: name_of(as_str(entity_b)),
                // Mermaid stores the marker next to B in cardA and the one next to A in cardB.
                left_card: cardinality(as_str(card_b)),
                right_card: cardinality(as_str(card_a)),
                identifying: as_str(rel_type) == "IDENTIFYING",
                label: clean_label(as_str(role_a)),
                span: input.span(span),
            }
        })
        .collect();
    Er {
        entities,
        relationships,
    }
}

// ---------------------------------------------------------------------------------------

pub(crate) fn class(input: &Input) -> ClassDiagram {
    let json = input.json;
    let names = input.syms(&["class", "class relation target"]);
    let targets = input.syms(&["class relation target"]);
    let labels = input.syms(&["class relation label"]);
    let mut classes: Vec<Class> = Vec::new();
    if let Some(map) = json.get("classes").and_then(Value::as_object) {
        for (id, c) in map {
            let span = names
                .iter()
                .find(|s| &s.name == id)
                .map(|s| s.span)
                .unwrap_or_else(|| input.first_line());
            let label = str_of(c, "label");
            classes.push(Class {
                name: id.clone(),
                label: clean_label(if label.is_empty() { id } else { label }),
                attributes: items(c, "members").len(),
                methods: items(c, "methods").len(),
                span: input.span(span),
            });
        }
    }
    classes.sort_by_key(|c| c.span.start);
    let mut li = 0usize;
    let relations = items(json, "relations")
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let label = clean_label(str_of(r, "title"));
            let pair = (targets.get(2 * i), targets.get(2 * i + 1));
            let mut span = match pair {
                (Some(a), Some(b)) => (a.span.0.min(b.span.0), a.span.1.max(b.span.1)),
                _ => input.first_line(),
            };
            if !label.is_empty() {
                if let Some(l) = labels.get(li) {
                    li += 1;
                    span = (span.0.min(l.span.0), span.1.max(l.span.1));
                }
            }
            Relation {
                from: str_of(r, "id1").to_string(),
                to: str_of(r, "id2").to_string(),
                label,
                span: input.span(span),
            }
        })
        .collect();
    ClassDiagram { classes, relations }
}

// ---------------------------------------------------------------------------------------

pub(crate) fn state(input: &Input) -> StateDiagram {
    let json = input.json;
    let refs = input.syms(&["state reference", "state"]);
    let labels = input.syms(&["state relation label"]);
    let pseudo = |n: &Value| {
        matches!(
            str_of(n, "shape"),
            "stateStart" | "stateEnd" | "note" | "noteGroup"
        )
    };
    let ids: Vec<(String, bool)> = items(json, "nodes")
        .iter()
        .map(|n| (str_of(n, "id").to_string(), pseudo(n)))
        .collect();
    let mut states: Vec<State> = items(json, "nodes")
        .iter()
        .filter(|n| !pseudo(n))
        .map(|n| {
            let id = str_of(n, "id").to_string();
            let span = refs
                .iter()
                .find(|s| s.name == id)
                .map(|s| s.span)
                .unwrap_or_else(|| input.first_line());
            State {
                label: clean_label(str_of(n, "label")),
                composite: n.get("isGroup").and_then(Value::as_bool).unwrap_or(false),
                span: input.span(span),
                id,
            }
        })
        .collect();
    states.sort_by_key(|s| s.span.start);
    let shown = |id: &str| -> String {
        if ids.iter().any(|(i, p)| i == id && *p) {
            "[*]".to_string()
        } else {
            id.to_string()
        }
    };
    let mut li = 0usize;
    let mut cursor = 0usize;
    let transitions = items(json, "edges")
        .iter()
        .map(|e| {
            let from = shown(str_of(e, "start"));
            let to = shown(str_of(e, "end"));
            let label = clean_label(str_of(e, "label"));
            let mut span = None;
            if !label.is_empty() {
                if let Some(l) = labels.get(li) {
                    li += 1;
                    cursor = l.span.1;
                    span = Some(input.line(l.span.0));
                }
            }
            if span.is_none() {
                let named = if to != "[*]" { &to } else { &from };
                if let Some(s) = refs.iter().find(|s| s.span.0 >= cursor && &s.name == named) {
                    cursor = s.span.1;
                    span = Some(input.line(s.span.0));
                }
            }
            Transition {
                from,
                to,
                label,
                span: input.span(span.unwrap_or_else(|| input.first_line())),
            }
        })
        .collect();
    StateDiagram {
        states,
        transitions,
    }
}
