//! Golden tests of the adapter: Mermaid's JSON model (written out here in the shape the
//! pinned parser produces) mapped to the semantic view, and end-to-end parses whose model
//! outline is a snapshot. A parser upgrade that changes the JSON shape fails here first.

use super::testing::{adapt, clean_label, Input, Mapper, Sym};
use super::*;
use crate::source::Span;
use serde_json::json;

fn sym(name: &str, detail: &str, span: (usize, usize)) -> Sym {
    Sym {
        name: name.into(),
        detail: detail.into(),
        reference: false,
        span,
        selection: span,
    }
}

fn slice(text: &str, s: Span) -> &str {
    &text[s.start as usize..s.end as usize]
}

#[test]
fn sequence_line_types_and_blocks_map_to_arrows_and_sections() {
    let text = "sequenceDiagram\n  A->>B: hi\n  alt ok\n    B-->>A: fine\n  else broken\n    B-xA: 503\n  end\n  A-)B: ping\n";
    let json = json!({
        "actorOrder": ["A", "B"],
        "actors": {
            "A": {"name": "A", "description": "A", "type": "participant"},
            "B": {"name": "B", "description": "Payment API", "type": "actor"}
        },
        "messages": [
            {"from": "A", "to": "B", "type": 0, "message": "hi"},
            {"from": null, "to": null, "type": 12, "message": "ok"},
            {"from": "B", "to": "A", "type": 1, "message": "fine"},
            {"from": null, "to": null, "type": 13, "message": "broken"},
            {"from": "B", "to": "A", "type": 3, "message": "503"},
            {"from": null, "to": null, "type": 14, "message": ""},
            {"from": "A", "to": "B", "type": 24, "message": "ping"}
        ]
    });
    let at = |needle: &str| {
        let i = text.find(needle).unwrap();
        (i, i + needle.len())
    };
    let syms = vec![
        sym("hi", "sequence message", (at(": hi").0, at(": hi").1)),
        sym("ok", "sequence fragment label", at("ok")),
        sym("fine", "sequence message", at(": fine")),
        sym("broken", "sequence fragment label", at("broken")),
        sym("503", "sequence message", at(": 503")),
        sym("ping", "sequence message", at(": ping")),
    ];
    let map = Mapper::shifted(0, text.len());
    let input = Input {
        json: &json,
        syms: &syms,
        text,
        map: &map,
    };
    let Model::Sequence(s) = adapt("sequence", &input) else {
        panic!("not a sequence")
    };
    assert_eq!(s.participants[1].label, "Payment API");
    assert!(s.participants[1].actor);
    let arrows: Vec<SeqArrow> = s.messages.iter().map(|m| m.arrow).collect();
    assert_eq!(
        arrows,
        [
            SeqArrow::Solid,
            SeqArrow::Dotted,
            SeqArrow::SolidCross,
            SeqArrow::SolidAsync
        ]
    );
    assert_eq!(s.blocks.len(), 1);
    let alt = &s.blocks[0];
    assert_eq!(alt.kind, BlockKind::Alt);
    assert_eq!(
        alt.sections
            .iter()
            .map(|x| x.label.as_str())
            .collect::<Vec<_>>(),
        ["ok", "broken"]
    );
    assert_eq!(alt.sections[0].messages, [1]);
    assert_eq!(alt.sections[1].messages, [2]);
    assert_eq!(s.messages[3].block, None);
    assert_eq!(slice(text, s.messages[0].span), "A->>B: hi");
    assert_eq!(slice(text, s.messages[2].text_span.unwrap()), ": 503");
    assert!(slice(text, alt.span).starts_with("alt ok") && slice(text, alt.span).ends_with("end"));
}

#[test]
fn er_cardinalities_are_unswapped_and_ids_resolved() {
    let text = "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n";
    let json = json!({
        "entities": {
            "CUSTOMER": {"id": "entity-CUSTOMER-0", "label": "CUSTOMER", "alias": "", "attributes": [
                {"type": "uuid", "name": "id", "keys": ["PK"], "comment": ""}
            ]},
            "ORDER": {"id": "entity-ORDER-1", "label": "ORDER", "alias": "", "attributes": []}
        },
        "relationships": [{
            "entityA": "entity-CUSTOMER-0", "roleA": "places", "entityB": "entity-ORDER-1",
            "relSpec": {"cardA": "ZERO_OR_MORE", "cardB": "ONLY_ONE", "relType": "IDENTIFYING"}
        }]
    });
    let i = text.find("places").unwrap();
    let syms = vec![
        sym("CUSTOMER", "er implicit entity", (12, 20)),
        sym("places", "er relationship role", (i, i + 6)),
    ];
    let map = Mapper::shifted(100, text.len());
    let input = Input {
        json: &json,
        syms: &syms,
        text,
        map: &map,
    };
    let Model::Er(er) = adapt("er", &input) else {
        panic!("not ER")
    };
    let r = &er.relationships[0];
    assert_eq!((r.left.as_str(), r.right.as_str()), ("CUSTOMER", "ORDER"));
    assert_eq!(r.left_card, Cardinality::ExactlyOne);
    assert_eq!(r.right_card, Cardinality::ZeroOrMore);
    assert!(r.identifying);
    assert_eq!(r.label, "places");
    // Spans are shifted into the document.
    assert_eq!(
        r.span.start as usize,
        100 + text.find("CUSTOMER ||").unwrap()
    );
    let customer = er.entities.iter().find(|e| e.name == "CUSTOMER").unwrap();
    assert_eq!(customer.attributes[0].keys, ["PK"]);
}

#[test]
fn flowchart_edges_are_placed_between_their_nodes() {
    let text = "flowchart LR\n  A & B -->|POST /x| C\n  C -- retries --> D[(DB)]\n";
    let json = json!({
        "direction": "LR",
        "nodes": [
            {"id": "A", "label": "A", "shape": null},
            {"id": "B", "label": "B", "shape": null},
            {"id": "C", "label": "C", "shape": null},
            {"id": "D", "label": "DB", "shape": "cylinder"}
        ],
        "edges": [
            {"from": "A", "to": "C", "label": "POST /x", "type": "arrow_point", "arrow": "-->", "stroke": "normal"},
            {"from": "B", "to": "C", "label": "POST /x", "type": "arrow_point", "arrow": "-->", "stroke": "normal"},
            {"from": "C", "to": "D", "label": "retries", "type": "arrow_cross", "arrow": "--x", "stroke": "thick"}
        ],
        "subgraphs": []
    });
    let at = |needle: &str| {
        let i = text.find(needle).unwrap();
        (i, i + needle.len())
    };
    let c2 = text.rfind("C --").unwrap();
    let syms = vec![
        sym("A", "flowchart node", at("A &")).clone_with_end(1),
        sym("B", "flowchart node", at("B -")).clone_with_end(1),
        sym("C", "flowchart node", at("C\n")).clone_with_end(1),
        Sym {
            selection: (at("POST /x").0, at("POST /x").1),
            ..sym("POST /x", "flowchart edge label", at("|POST /x|"))
        },
        sym("C", "flowchart node", (c2, c2 + 1)),
        sym("D", "flowchart node", at("D[")).clone_with_end(1),
        sym("DB", "flowchart node label", at("[(DB)]")),
        sym("retries", "flowchart edge label", at("retries")),
    ];
    let map = Mapper::shifted(0, text.len());
    let input = Input {
        json: &json,
        syms: &syms,
        text,
        map: &map,
    };
    let Model::Flowchart(f) = adapt("flowchart", &input) else {
        panic!("not a flowchart")
    };
    assert_eq!(f.nodes[3].shape, "cylinder");
    assert_eq!(f.nodes[0].shape, "square");
    assert_eq!(slice(text, f.edges[0].span), "-->|POST /x|");
    assert_eq!(slice(text, f.edges[1].span), "-->|POST /x|");
    assert_eq!(
        slice(text, f.edges[0].label.as_ref().unwrap().span),
        "POST /x"
    );
    assert_eq!(slice(text, f.edges[2].span), "-- retries -->");
    assert_eq!(
        (f.edges[2].head, f.edges[2].stroke),
        (ArrowHead::Cross, Stroke::Thick)
    );
}

trait WithEnd {
    fn clone_with_end(self, len: usize) -> Sym;
}
impl WithEnd for Sym {
    fn clone_with_end(mut self, len: usize) -> Sym {
        self.span.1 = self.span.0 + len;
        self.selection = self.span;
        self
    }
}

#[test]
fn labels_lose_markup_but_keep_words() {
    assert_eq!(
        clean_label("Image worker<br/>- resize<BR>- crop"),
        "Image worker - resize - crop"
    );
    assert_eq!(clean_label("a #quot;b#quot; &amp; c"), "a \"b\" & c");
    assert_eq!(clean_label("x < y"), "x < y");
}

/// `clean_label` as first written (every step on every label): the fast paths must agree.
fn clean_label_reference(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let lower = tail.get(..5).unwrap_or(tail).to_ascii_lowercase();
        if lower.starts_with("<br") {
            out.push(' ');
            rest = tail.find('>').map(|j| &tail[j + 1..]).unwrap_or("");
        } else {
            out.push('<');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    let out = out
        .replace("#quot;", "\"")
        .replace("#59;", ";")
        .replace("#35;", "#")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest::proptest! {
    #[test]
    fn clean_label_matches_its_reference(
        s in "([ a-zA-Z\t\n\r\u{b}\u{c}\u{85}\u{a0}\u{3000}\u{e9}<>/;#&]|<br>|<BR/>|<bR |#quot;|#59;|#35;|&amp;|&lt;|&gt;|&amp;lt;|#35;quot;){0,12}"
    ) {
        proptest::prop_assert_eq!(clean_label(&s), clean_label_reference(&s));
    }
}

#[test]
fn mapper_follows_pieces() {
    let m = Mapper::pieces(vec![(0, 10), (5, 20)], 9);
    assert_eq!(m.offset(0), 10);
    assert_eq!(m.offset(4), 14);
    assert_eq!(m.offset(5), 20);
    assert_eq!(m.offset(8), 23);
    assert_eq!(m.offset(50), 24);
}

/// End to end: the parser's real output through the adapter, as an outline.
fn outline(text: &str) -> String {
    let (kind, parse) = parse_source(text);
    match parse {
        Ok(m) => format!("{kind:?}: {}\n{}", m.summary(), m.outline().join("\n")),
        Err(e) => format!(
            "{kind:?}: error at {}..{}: {}",
            e.span.start, e.span.end, e.message
        ),
    }
}

#[test]
fn golden_flowchart() {
    insta::assert_snapshot!(outline(
        "flowchart LR\n  %% comment\n  subgraph Core [Core services]\n    API[\"Order API\"]\n    W[Worker]\n  end\n  Web & Mobile -->|POST /orders| API\n  API -- order.created --> Q{{Queue}}\n  Q --> W\n  Q -.->|after 3 tries| DLQ[(Dead letters)]\n  W --x Mail\n"
    ));
}

#[test]
fn golden_sequence() {
    insta::assert_snapshot!(outline(
        "sequenceDiagram\n  participant U as Rider\n  actor Op as Operator\n  participant API\n  U->>API: POST /tickets\n  Note over U,API: card details never reach us\n  alt paid\n    API-->>U: 201 ticket\n  else declined\n    API--xU: 402 declined\n  end\n  loop every 10 s\n    Op-)API: GET /manifest\n  end\n"
    ));
}

#[test]
fn golden_er() {
    insta::assert_snapshot!(outline(
        "erDiagram\n  RIDER ||--o{ TICKET : holds\n  SAILING |o--|{ TICKET : \"is booked on\"\n  TICKET {\n    uuid id PK\n    uuid rider_id FK \"owner\"\n  }\n"
    ));
}

#[test]
fn golden_class_and_state() {
    insta::assert_snapshot!(format!(
        "{}\n---\n{}",
        outline("classDiagram\n  class Ticket {\n    +UUID id\n    +cancel() bool\n  }\n  Ticket --> Sailing : for\n  Vessel <|-- Ferry\n"),
        outline("stateDiagram-v2\n  [*] --> Held\n  Held --> Paid : payment captured\n  Held --> Released : timeout\n  state Paid {\n    [*] --> Issued\n  }\n  Paid --> [*]\n")
    ));
}

#[test]
fn golden_errors() {
    insta::assert_snapshot!([
        outline("flowchart TD\n  A[Start --> B\n"),
        outline("sequenceDiagram\n  Alice->>Bob Hello\n"),
        outline("erDiagram\n  A ||--o{ B\n"),
        outline("sequenceDiagrams\n  A->>B: hi\n"),
        outline("pie title Pets\n  \"Dogs\" : 3\n"),
        outline("not-a-diagram\n"),
        outline(""),
    ]
    .join("\n"));
}

#[test]
fn documents_find_their_diagrams_at_document_positions() {
    let text = "# T\n\n---\nnot front matter\n---\n\n> ```mermaid\n> flowchart LR\n>   A[x --> B\n> ```\n\n  ```mermaid\n  sequenceDiagram\n    A->>B: hi\n  ```\n";
    let doc = crate::Document::parse(crate::Source::new("t.md", text), crate::Profile::guide());
    let d = super::parse_document(&doc);
    assert_eq!(d.len(), 2, "{d:#?}");
    let e = d[0].parse.as_ref().unwrap_err();
    let at = doc.line_col(e.span.start);
    assert_eq!((at.line, at.column), (9, 6), "{e:?}");
    assert!(matches!(d[1].parse, Ok(Model::Sequence(_))));
    assert_eq!(doc.slice(d[1].header), "sequenceDiagram");
}
