//! The two back ends agree: MDX steps read by markdown-rs and, masked, by pulldown-cmark;
//! the same text gives the same model in both; the example case study written both ways
//! reads the same.

use super::tests::*;
use super::*;
use crate::profile::Profile;
use std::path::Path;

/// What both back ends must find in the MDX steps fixture.
fn assert_ledgerly(doc: &Document) {
    let name = doc.source.path.display().to_string();
    assert!(
        doc.parse_issues.is_empty(),
        "{name}: {:?}",
        doc.parse_issues
    );
    assert_eq!(
        outline(doc),
        vec![
            (1, None, "Ledgerly"),
            (2, Some("overview"), "Overview"),
            (2, Some("goals"), "Goals of the Project"),
            (2, Some("non_goals"), "Non-Goals"),
            (2, Some("architecture"), "System Architecture Overview"),
            (2, Some("challenges"), "Challenges and Solutions"),
            (2, Some("conclusion"), "Conclusion"),
        ],
        "{name}"
    );
    // A step's heading is its title attribute; its body starts after the opening tag
    // and ends at the closing tag.
    let overview = doc.section("overview").unwrap();
    assert_eq!(doc.slice(overview.heading), "Overview");
    assert!(
        doc.slice(overview.body)
            .trim_start()
            .starts_with("Ledgerly turns a photo"),
        "{name}"
    );
    assert!(
        doc.slice(overview.body)
            .trim_end()
            .ends_with("I led the backend"),
        "{name}"
    );
    let goals = doc.section("goals").unwrap();
    assert!(!doc.slice(goals.body).contains("Payroll"), "{name}");

    // import/export lines and front matter are not prose.
    assert!(doc.front_matter.is_some(), "{name}");
    for p in &doc.paragraphs {
        assert!(
            !p.text.text.contains("import") && !p.text.text.contains("export"),
            "{name}: {:?}",
            p.text.text
        );
    }
    assert_eq!(
        doc.paragraphs
            .iter()
            .map(|p| p.text.text.as_str())
            .collect::<Vec<_>>(),
        vec![
            "Small charities lose receipts, and auditors reject 1 in 6 expense claims as a result.",
            "Ledgerly turns a photo of a receipt into a signed ledger line in under 10 s.",
            "Non-goals live in their own step below.",
            "The OCR worker crashed on 4% of receipts. We capped images at 2,000 px.",
            "Claims now clear in 6 s at p95, down from 3 days by email.",
        ],
        "{name}"
    );

    // Markdown inside <Step> is Markdown, not an indented code block.
    let items: Vec<(u16, Option<bool>, &str)> = doc
        .list_items
        .iter()
        .map(|i| (i.depth, i.checked, i.text.text.as_str()))
        .collect();
    assert_eq!(
        items,
        vec![
            (0, None, "Repository: ledgerly/core"),
            (0, None, "Demo video: two-minute walkthrough"),
            (0, None, "Team: 2 people; I led the backend"),
            (0, None, "Accept a claim in under 10 s at p95"),
            (0, None, "Keep 7 years of history"),
            (1, None, "Export as CSV"),
            (1, None, "Export as PDF"),
            (0, Some(false), "Multi-currency claims"),
            (0, None, "Payroll (a separate regulated product)"),
        ],
        "{name}"
    );
    assert_eq!(
        doc.slice(doc.list_items[0].span),
        "* Repository: [ledgerly/core](https://github.com/ledgerly/core)"
    );
    span_in(doc, &doc.list_items[2].text, "2 people");

    assert_eq!(doc.tables.len(), 1, "{name}");
    let t = &doc.tables[0];
    assert_eq!(
        cell_texts(t),
        vec![
            vec!["Layer", "Technology", "Why"],
            vec!["API", "axum 0.8", "Typed extractors catch bad claims early"],
            vec![
                "Queue",
                "NATS",
                "At-least-once delivery with a 30 s ack window"
            ],
        ]
    );
    assert_eq!(doc.slice(t.rows[0][0].span), "API");
    assert_eq!(doc.slice(t.rows[1][1].span), "[NATS](https://nats.io)");
    span_in(doc, &t.rows[1][2].text, "30 s");

    let code: Vec<(Option<&str>, &str, usize)> = doc
        .code_blocks
        .iter()
        .map(|c| (c.lang.as_deref(), doc.slice(c.body), c.line_count))
        .collect();
    assert_eq!(
        code,
        vec![
            (
                Some("mermaid"),
                "    flowchart LR\n      Phone --> API --> Queue --> OCR\n",
                2
            ),
            (
                Some("rust"),
                "    let img = img.resize(2000, 2000, Lanczos3);\n",
                1
            ),
        ],
        "{name}"
    );
    let arch = doc.section("architecture").unwrap();
    assert_eq!(Document::in_span(&doc.code_blocks, arch.body).count(), 1);
    assert_eq!(Document::in_span(&doc.tables, arch.body).count(), 1);

    let links: Vec<(&str, &str)> = doc
        .links
        .iter()
        .map(|l| (l.url.as_str(), l.text.as_str()))
        .collect();
    assert_eq!(
        links,
        vec![
            ("https://github.com/ledgerly/core", "ledgerly/core"),
            (
                "https://www.loom.com/share/ledgerly-demo",
                "two-minute walkthrough"
            ),
            ("https://nats.io", "NATS"),
        ]
    );
    assert_eq!(doc.slice(doc.links[2].span), "[NATS](https://nats.io)");

    let comps: Vec<(&str, Option<&str>)> = doc
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.title.as_deref()))
        .collect();
    assert_eq!(
        comps,
        vec![
            ("Steps", None),
            ("Step", Some("Overview")),
            ("Step", Some("Goals of the Project")),
            ("Tip", None),
            ("Step", Some("Non-Goals")),
            ("Step", Some("System Architecture Overview")),
            ("Step", Some("Challenges and Solutions")),
        ]
    );
    assert_eq!(doc.slice(doc.components[3].span), "<Tip>");

    let prose = doc.prose();
    let challenges = doc.section("challenges").unwrap();
    let q: Vec<&str> = prose
        .quantities_in(challenges.body)
        .iter()
        .map(|q| q.text.as_str())
        .collect();
    assert_eq!(q, vec!["4%"], "{name}");
    assert_eq!(prose.sentences_in(challenges.body).len(), 2);
}

#[test]
fn mdx_steps_read_by_markdown_rs() {
    let doc = load("steps.mdx");
    assert_eq!(doc.source.format, Format::Mdx);
    assert_ledgerly(&doc);
}

#[test]
fn mdx_steps_in_a_md_file_read_by_pulldown_with_jsx_masking() {
    let doc = load("steps.md");
    assert_eq!(doc.source.format, Format::Markdown);
    assert_ledgerly(&doc);
}

/// Everything rules read, as comparable values.
fn model_view(doc: &Document) -> Vec<String> {
    let mut v = Vec::new();
    for s in &doc.sections {
        v.push(format!(
            "section {} {:?} {:?} heading={:?} body={:?}",
            s.level,
            s.guide,
            s.title,
            doc.slice(s.heading),
            doc.slice(s.body).trim()
        ));
    }
    for p in &doc.paragraphs {
        v.push(format!(
            "paragraph {:?} {:?}",
            p.text.text,
            doc.slice(p.span)
        ));
    }
    for i in &doc.list_items {
        v.push(format!(
            "item {} {:?} {:?} {:?}",
            i.depth,
            i.checked,
            i.text.text,
            doc.slice(i.span)
        ));
    }
    for t in &doc.tables {
        for row in std::iter::once(&t.header).chain(t.rows.iter()) {
            let cells: Vec<String> = row
                .iter()
                .map(|c| format!("{:?}@{:?}", c.text.text, doc.slice(c.span)))
                .collect();
            v.push(format!("row {}", cells.join(" | ")));
        }
    }
    for c in &doc.code_blocks {
        v.push(format!(
            "code {:?} {} {:?}",
            c.lang,
            c.line_count,
            doc.slice(c.body)
        ));
    }
    for l in &doc.links {
        v.push(format!(
            "link {:?} {:?} {:?}",
            l.url,
            l.text,
            doc.slice(l.span)
        ));
    }
    for i in &doc.images {
        v.push(format!(
            "image {:?} {:?} {:?} at {}",
            i.kind, i.src, i.alt, i.span.start
        ));
    }
    for c in &doc.components {
        v.push(format!(
            "component {} {:?} {:?}",
            c.name,
            c.title,
            doc.slice(c.span)
        ));
    }
    for s in &doc.prose().sentences {
        v.push(format!("sentence {} {:?}", s.words, doc.slice(s.span)));
    }
    for q in &doc.prose().quantities {
        v.push(format!("quantity {:?} at {}", q.text, q.span.start));
    }
    v.push(format!(
        "front matter {:?}",
        doc.front_matter.map(|s| doc.slice(s))
    ));
    v
}

fn assert_parity(name: &str) {
    let md = load_as(name, Format::Markdown);
    let mdx = load_as(name, Format::Mdx);
    assert!(
        mdx.parse_issues.is_empty(),
        "{name}: {:?}",
        mdx.parse_issues
    );
    let (a, b) = (model_view(&md), model_view(&mdx));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{name}: .md and .mdx models differ");
    }
    assert_eq!(
        a.len(),
        b.len(),
        "{name}: .md has {} items, .mdx {}",
        a.len(),
        b.len()
    );
}

#[test]
fn the_same_text_gives_the_same_model_in_both_back_ends() {
    assert_eq!(fixture_text("steps.md"), fixture_text("steps.mdx"));
    assert_parity("steps.mdx");
    assert_parity("kv-overview.md");
    assert_parity("h1-sections.md");
}

#[test]
fn deeper_components_and_multiline_tags_in_markdown() {
    let text = "# T\n\n<AccordionGroup>\n  <Accordion\n    title=\"Challenges -> what broke\"\n    icon=\"x\">\n      - Queue lag hit 40 s\n\n      ```sql\n      select 1;\n      ```\n  </Accordion>\n</AccordionGroup>\n\n    indented code outside components stays code\n";
    for format in [Format::Markdown, Format::Mdx] {
        let doc = Document::parse(Source::new("a", text).with_format(format), Profile::guide());
        let s = doc
            .sections
            .iter()
            .find(|s| s.title == "Challenges -> what broke")
            .unwrap();
        assert_eq!(s.guide.as_deref(), Some("challenges"), "{format:?}");
        assert_eq!(
            doc.slice(s.body).trim(),
            "- Queue lag hit 40 s\n\n      ```sql\n      select 1;\n      ```"
        );
        assert_eq!(doc.list_items.len(), 1, "{format:?}");
        assert_eq!(doc.slice(doc.list_items[0].span), "- Queue lag hit 40 s");
        assert_eq!(
            doc.code_blocks[0].lang.as_deref(),
            Some("sql"),
            "{format:?}"
        );
        assert_eq!(doc.slice(doc.code_blocks[0].body), "      select 1;\n");
        if format == Format::Markdown {
            // Outside any component, CommonMark's indented code still applies.
            assert_eq!(doc.code_blocks.len(), 2);
            assert_eq!(doc.code_blocks[1].lang, None);
        }
    }
}

/// The example case study is written twice, as Markdown with headings and as MDX with
/// `<Steps>`; both must give the same outline, tables, lists, links and diagrams.
#[test]
fn example_case_study_reads_the_same_in_both_formats() {
    let read = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples")
            .join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        Document::parse(Source::new(name, text), Profile::guide())
    };
    let md = read("case-study.md");
    let mdx = read("case-study.mdx");
    assert!(mdx.parse_issues.is_empty(), "{:?}", mdx.parse_issues);
    let sections = |d: &Document| -> Vec<(u8, Option<String>, String)> {
        d.sections
            .iter()
            .filter(|s| s.level > 1)
            .map(|s| (s.level, s.guide.clone(), s.title.clone()))
            .collect()
    };
    assert_eq!(sections(&md), sections(&mdx));
    let ids: Vec<String> = md.sections.iter().filter_map(|s| s.guide.clone()).collect();
    assert_eq!(
        ids,
        [
            "overview",
            "goals",
            "non_goals",
            "architecture",
            "features",
            "flows",
            "api_data",
            "challenges",
            "best_practices",
            "conclusion"
        ]
    );
    let cells = |d: &Document| -> Vec<Vec<Vec<String>>> {
        d.tables
            .iter()
            .map(|t| {
                cell_texts(t)
                    .into_iter()
                    .map(|r| r.into_iter().map(String::from).collect())
                    .collect()
            })
            .collect()
    };
    assert_eq!(cells(&md), cells(&mdx));
    let items = |d: &Document| -> Vec<(u16, String)> {
        d.list_items
            .iter()
            .map(|i| (i.depth, i.text.text.clone()))
            .collect()
    };
    assert_eq!(items(&md), items(&mdx));
    let links = |d: &Document| -> Vec<(String, String)> {
        d.links
            .iter()
            .map(|l| (l.url.clone(), l.text.clone()))
            .collect()
    };
    assert_eq!(links(&md), links(&mdx));
    let code = |d: &Document| -> Vec<(Option<String>, usize)> {
        d.code_blocks
            .iter()
            .map(|c| (c.lang.clone(), c.line_count))
            .collect()
    };
    assert_eq!(code(&md), code(&mdx));
    assert_eq!(md.code_blocks.iter().filter(|c| c.is_mermaid()).count(), 4);
    let images = |d: &Document| -> Vec<(String, String)> {
        d.images
            .iter()
            .map(|i| (i.src.clone(), i.alt.clone()))
            .collect()
    };
    assert_eq!(images(&md), images(&mdx));
    // The seven challenges are sub-sections of the challenges section.
    let challenges = md.section("challenges").unwrap();
    let subs = md
        .sections
        .iter()
        .filter(|s| {
            s.parent
                .is_some_and(|p| md.sections[p].heading == challenges.heading)
        })
        .count();
    assert_eq!(subs, 7);
}
