use super::*;
use crate::rules::Diagnostic;
use crate::{check, Document, Settings, Source};
use regex::Regex;

const FORMATS: [Format; 2] = [Format::Markdown, Format::Mdx];

fn name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "case-study.md",
        Format::Mdx => "case-study.mdx",
    }
}

fn parse(text: &str, format: Format) -> Document {
    Document::parse(
        Source::new(name(format), text).with_format(format),
        Profile::guide(),
    )
}

fn diagnostics(doc: &Document) -> Vec<Diagnostic> {
    check(doc, &Settings::new(Profile::guide())).diagnostics
}

fn required_ids() -> Vec<&'static str> {
    Profile::guide()
        .sections
        .iter()
        .filter(|s| s.required)
        .map(|s| s.id.as_str())
        .collect()
}

#[test]
fn skeleton_parses_and_has_every_section_in_order() {
    for format in FORMATS {
        let text = document(format, &Answers::default());
        let doc = parse(&text, format);
        assert!(
            doc.parse_issues.is_empty(),
            "{format:?}: {:?}",
            doc.parse_issues
        );
        let mut last = 0;
        for id in required_ids() {
            let s = doc
                .section(id)
                .unwrap_or_else(|| panic!("{format:?}: section {id} not found"));
            assert!(s.span.start >= last, "{format:?}: {id} out of order");
            last = s.span.start;
        }
        assert!(
            doc.section("non_goals").is_some(),
            "{format:?}: no non-goals"
        );
        assert_eq!(required_ids().len(), 9);
    }
}

#[test]
fn skeleton_has_the_four_diagrams_with_their_types() {
    for format in FORMATS {
        let text = document(format, &Answers::default());
        let doc = parse(&text, format);
        let kinds: Vec<String> = doc
            .code_blocks
            .iter()
            .filter(|c| c.is_mermaid())
            .map(|c| {
                let body = doc.slice(c.body);
                body.split_whitespace().next().unwrap_or("").to_string()
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "flowchart",
                "sequenceDiagram",
                "sequenceDiagram",
                "erDiagram"
            ],
            "{format:?}"
        );
        let bodies: Vec<&str> = doc
            .code_blocks
            .iter()
            .filter(|c| c.is_mermaid())
            .map(|c| doc.slice(c.body))
            .collect();
        // The architecture shows a failure boundary; the error path branches.
        assert!(bodies[0].contains("DLQ") && bodies[0].contains("retry"));
        assert!(
            bodies[2].contains("alt ") && bodies[2].contains("else ") && bodies[2].contains("end")
        );
        // Each architecture diagram lies in its section.
        let arch = doc.section("architecture").unwrap().span;
        let flows = doc.section("flows").unwrap().span;
        let data = doc.section("api_data").unwrap().span;
        let spans: Vec<_> = doc
            .code_blocks
            .iter()
            .filter(|c| c.is_mermaid())
            .map(|c| c.span)
            .collect();
        assert!(
            arch.contains(spans[0])
                && flows.contains(spans[1])
                && flows.contains(spans[2])
                && data.contains(spans[3])
        );
    }
}

#[test]
fn skeleton_reports_only_placeholders() {
    for format in FORMATS {
        let text = document(format, &Answers::default());
        let doc = parse(&text, format);
        let diags = diagnostics(&doc);
        assert!(!diags.is_empty());
        let other: Vec<_> = diags.iter().filter(|d| d.rule != "STR004").collect();
        assert!(other.is_empty(), "{format:?}: {other:#?}");
    }
}

#[test]
fn every_guidance_comment_and_slot_is_reported() {
    let slot = Regex::new(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b").unwrap();
    for format in FORMATS {
        let text = document(format, &Answers::default());
        let doc = parse(&text, format);
        let reported: Vec<_> = diagnostics(&doc)
            .into_iter()
            .filter(|d| d.rule == "STR004")
            .map(|d| d.span)
            .collect();
        // Each guidance marker, in prose or in a diagram, is one diagnostic.
        let markers: Vec<usize> = text
            .match_indices(GUIDANCE_MARKER)
            .map(|(i, _)| i)
            .collect();
        for &m in &markers {
            assert!(
                reported.iter().any(|s| s.start as usize == m),
                "{format:?}: guidance at {m} not reported"
            );
            let line_end = text[m..].find('\n').map(|i| m + i).unwrap_or(text.len());
            let line = &text[text[..m].rfind('\n').map(|i| i + 1).unwrap_or(0)..line_end];
            assert!(
                line.ends_with("-->")
                    || line.ends_with("*/}")
                    || line.trim_start().starts_with("%%"),
                "{format:?}: guidance is not one whole line: {line}"
            );
        }
        // Every slot word outside code is reported.
        let code: Vec<_> = doc.code_blocks.iter().map(|c| c.span).collect();
        for m in slot.find_iter(&text) {
            let span = crate::Span::new(m.start(), m.end());
            if code.iter().any(|c| c.contains(span)) {
                continue;
            }
            assert!(
                reported.iter().any(|s| s.contains(span)),
                "{format:?}: slot `{}` is not reported",
                m.as_str()
            );
        }
        // The bare-cell slots too.
        for cell in [slots::TEAM, "X weeks"] {
            let at = text.find(cell).unwrap();
            assert!(
                reported.iter().any(|s| s.start as usize == at),
                "{format:?}: {cell}"
            );
        }
    }
}

#[test]
fn section_templates_are_the_pieces_of_the_document() {
    for format in FORMATS {
        let text = document(format, &Answers::default());
        for id in SECTION_IDS {
            let piece = if *id == "non_goals" {
                section_template_at(id, format, 3)
            } else {
                section_template(id, format)
            };
            assert!(
                text.contains(&piece),
                "{format:?}: {id} differs from the document"
            );
            assert!(piece.starts_with("## ") || piece.starts_with("### "));
        }
        let other = section_template("glossary", format);
        assert!(other.starts_with("## Glossary\n") && other.contains(GUIDANCE_MARKER));
    }
}

#[test]
fn answers_replace_their_slots_and_stay_safe_in_mdx() {
    let answers = Answers {
        name: Some("Harbor {beta} <v2>".into()),
        one_liner: Some("Lets tenants see parcels the minute they arrive".into()),
        repo: Some("https://gitlab.com/me/harbor".into()),
        demo: Some("https://harbor.example.dev".into()),
        team: Some("3".into()),
        role: Some("Led the backend | ran ops".into()),
        timeline: Some("8 weeks, part-time".into()),
    };
    for format in FORMATS {
        let text = document(format, &answers);
        for s in [
            slots::NAME,
            slots::ONE_LINER,
            slots::REPO,
            slots::DEMO,
            slots::TEAM,
            slots::ROLE,
            slots::TIMELINE,
        ] {
            assert!(!text.contains(s), "{format:?}: {s} still there");
        }
        assert!(text.contains("3 people") && text.contains("Led the backend \\| ran ops"));
        let doc = parse(&text, format);
        assert!(
            doc.parse_issues.is_empty(),
            "{format:?}: {:?}",
            doc.parse_issues
        );
        assert_eq!(
            doc.title().map(|h| h.text.text.as_str()),
            Some("Harbor {beta} <v2>")
        );
        let overview = &doc.tables[0];
        assert_eq!(overview.rows.len(), 6, "{format:?}: the pipe split a row");
        assert!(overview.rows.iter().all(|r| r.len() == 2));
        let other: Vec<_> = diagnostics(&doc)
            .into_iter()
            .filter(|d| d.rule != "STR004")
            .collect();
        assert!(other.is_empty(), "{format:?}: {other:#?}");
    }
    // Blank answers keep the slot.
    let blank = Answers {
        name: Some("  ".into()),
        ..Answers::default()
    };
    assert!(document(Format::Markdown, &blank).starts_with("# YOUR_PROJECT_NAME\n"));
}

#[test]
fn mdx_uses_the_site_components() {
    let text = document(Format::Mdx, &Answers::default());
    for tag in [
        "<Steps>",
        "<Step title=",
        "<Tip>",
        "<Warning>",
        "{/* casekit:guide",
    ] {
        assert!(text.contains(tag), "{tag}");
    }
    assert!(!text.contains("<!--"));
    let md = document(Format::Markdown, &Answers::default());
    assert!(md.contains("> [!TIP]") && md.contains("> [!WARNING]") && !md.contains("<Step"));
}

/// Applies fixes (inserts) to `text`, as `check --fix` does.
fn apply(text: &str, fixes: &[&crate::rules::Fix]) -> String {
    let owned: Vec<crate::rules::Fix> = fixes.iter().map(|f| (*f).clone()).collect();
    crate::rules::apply_fixes(text, &owned)
}

fn str001(doc: &Document) -> Vec<Diagnostic> {
    diagnostics(doc)
        .into_iter()
        .filter(|d| d.rule == "STR001")
        .collect()
}

fn order_ok(doc: &Document) -> bool {
    !diagnostics(doc).iter().any(|d| d.rule == "STR002")
}

#[test]
fn str001_fix_inserts_each_missing_section_where_it_belongs() {
    for format in FORMATS {
        let full = document(format, &Answers::default());
        let full_doc = parse(&full, format);
        for id in required_ids() {
            let span = full_doc.section(id).unwrap().span;
            let cut = format!(
                "{}{}",
                &full[..span.start as usize],
                &full[span.end as usize..]
            );
            let doc = parse(&cut, format);
            let found = str001(&doc);
            assert_eq!(found.len(), 1, "{format:?} without {id}: {found:#?}");
            let fix = found[0].fix.as_ref().expect("STR001 offers a fix");
            assert_eq!(fix.inserts().len(), 1);
            let fixed = apply(&cut, &[fix]);
            let fixed_doc = parse(&fixed, format);
            assert!(
                str001(&fixed_doc).is_empty(),
                "{format:?}: {id} still missing"
            );
            assert!(
                order_ok(&fixed_doc),
                "{format:?}: {id} inserted out of order"
            );
            assert!(fixed_doc.parse_issues.is_empty());
            // Putting it back gives the skeleton again, up to blank lines.
            let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash(&fixed), squash(&full), "{format:?}: {id}");
        }
    }
}

#[test]
fn str001_fixes_rebuild_a_document_with_most_sections_missing() {
    for format in FORMATS {
        let docs = [
            // Only a title.
            "# Tiny\n\nA short note.".to_string(),
            // Two sections out of nine, one with other headings around it.
            "# Tiny\n\n## Features\n\nIt does things, several of them, for people with a need.\n\n## Appendix\n\nNotes.\n\n## Lessons learned\n\n- One\n- Two\n".to_string(),
            // Only the last one.
            "# Tiny\n\n## Conclusion\n\n- It ended well enough.\n- It could be better.\n".to_string(),
        ];
        for text in docs {
            let doc = parse(&text, format);
            let found = str001(&doc);
            let fixes: Vec<_> = found.iter().map(|d| d.fix.as_ref().unwrap()).collect();
            let fixed = apply(&text, &fixes);
            let fixed_doc = parse(&fixed, format);
            assert!(str001(&fixed_doc).is_empty(), "{format:?}:\n{fixed}");
            assert!(order_ok(&fixed_doc), "{format:?}:\n{fixed}");
            // The author's words are all still there.
            for line in text.lines() {
                assert!(fixed.contains(line));
            }
        }
    }
}

#[test]
fn str001_fix_matches_the_documents_heading_level() {
    let text = "# Tiny\n\n# Overview\n\nA place to keep track of parcels for a building.\n\n# Key Features\n\n- a\n- b\n";
    let doc = parse(text, Format::Markdown);
    let found = str001(&doc);
    let goals = found
        .iter()
        .find(|d| d.message.contains("Goals"))
        .and_then(|d| d.fix.as_ref())
        .unwrap();
    assert!(goals.inserts()[0]
        .text()
        .starts_with("# Goals and Non-Goals\n"));
    assert!(goals.inserts()[0].text().contains("\n## Non-Goals\n"));
    // Inserted right after the overview, before Key Features.
    assert_eq!(
        goals.inserts()[0].at() as usize,
        text.find("# Key Features").unwrap()
    );
}
