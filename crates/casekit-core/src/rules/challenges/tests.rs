use super::*;
use crate::source::Source;

fn parse(text: &str) -> Document {
    Document::parse(Source::new("t.md", text), Profile::guide())
}

#[test]
fn labelled_alternatives_are_listed_between_semicolons() {
    assert_eq!(
        semicolon_items("a longer TTL (moves the race; does not remove it); fencing tokens; a conditional update in PostgreSQL, where the slot row lives."),
        3
    );
    assert_eq!(semicolon_items("a longer timeout, which is simpler"), 1);
    let doc = parse(
        "# T\n\n## Challenges\n\n### Double bookings\n\n- **Problem:** two patients booked one slot when both tapped within a second.\n- **Alternatives considered:** a longer lock TTL (moves the race); a conditional update in PostgreSQL.\n- **Solution:** a unique index on the slot.\n",
    );
    let found = Challenges::find(&doc, Profile::guide());
    let c = found.real().next().expect("one challenge");
    assert_eq!(c.alternatives, 2);
}

#[test]
fn counts_listed_alternatives() {
    assert_eq!(
        count_listed("Mongoose transactions (needs a replica set or M10+); pessimistic locks"),
        2
    );
    assert_eq!(
        count_listed("Single cookie with a role claim — ambiguous when a user has both, or worse"),
        1
    );
    assert_eq!(count_listed("Redis, Memcached or an in-process LRU"), 3);
}

#[test]
fn recognises_before_after_but_not_ranges() {
    assert!(before_after("p95 fell from 820 ms to 95 ms"));
    assert!(before_after("Load time 2.5s → 1.0s"));
    assert!(before_after("We cut build time by 40%"));
    assert!(before_after(
        "Throughput is 1.8 times the previous figure, compared to our prior design"
    ));
    assert!(!before_after("files (from 2 MB to 8 MB) are accepted"));
    assert!(!before_after("We have 3 services"));
}

#[test]
fn reads_labels_only_before_a_colon() {
    assert_eq!(
        label_kind("Problem: Pings arrive late"),
        LabelKind::Parts(vec![Facet::Problem])
    );
    assert_eq!(
        label_kind("The Root Cause & Fix"),
        LabelKind::Parts(vec![Facet::WhyHard, Facet::Solution])
    );
    assert_eq!(label_kind("Cost of cold starts"), LabelKind::None);
    assert_eq!(label_kind("Result"), LabelKind::Result);
}

#[test]
fn cleans_numbering_from_titles() {
    assert_eq!(clean_title("4.1 Geofence cache"), "Geofence cache");
    assert_eq!(clean_title("Challenge 3 — Inventory"), "Inventory");
    assert_eq!(clean_title("Bug 2: Silent failures"), "Silent failures");
}

#[test]
fn behaviour_is_not_an_alternative() {
    assert!(!mentions_alternative(
        "Instead of failing loudly, the parser skipped the row."
    ));
    assert!(mentions_alternative(
        "We used cookies rather than localStorage."
    ));
    assert_eq!(
        alternatives_in("We weighed three approaches: a cron job, a queue and triggers."),
        3
    );
}

#[test]
fn finds_challenges_in_every_shape() {
    let table = parse(
        "# P\n\n## Challenges\n\n| Challenge | Solution | Trade-off |\n|---|---|---|\n| A timed out | B | C |\n| D froze | E | None |\n",
    );
    let c = Challenges::find(&table, Profile::guide());
    assert_eq!(c.items.len(), 2);
    assert_eq!(c.items[0].shape, Shape::Row);
    assert!(c.items[0].has(Facet::TradeOff));

    let sections = parse(
        "# P\n\n## Engineering Challenges\n\n### 1.0 Scaling\n\nIntro.\n\n### 1.1 Sticky sessions\n\nThe upgrade failed because requests hit another server. We considered two options. We chose sticky sessions; the downside is uneven load.\n\n### 1.2 Fan-out\n\nMessages were lost.\n",
    );
    let c = Challenges::find(&sections, Profile::guide());
    let titles: Vec<&str> = c.items.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, vec!["Sticky sessions", "Fan-out"]);
    assert!(
        c.items[0].missing().is_empty(),
        "{:?}",
        c.items[0].missing()
    );

    let labels = parse(
        "# P\n\n## What was actually hard\n\n**Permissions.** The check depends on five things.\n\n**Shutdown.** In-flight requests were cut.\n",
    );
    let c = Challenges::find(&labels, Profile::guide());
    assert_eq!(c.items.len(), 2);
    assert_eq!(c.items[1].title, "Shutdown");

    let facets = parse(
        "# P\n\n## Challenges\n\n### Printing\n\n**Problem:** jobs queued.\n**Solution:** batch them.\n**Trade-off:** none.\n",
    );
    let c = Challenges::find(&facets, Profile::guide());
    assert_eq!(c.items.len(), 1);
    assert!(c.items[0]
        .parts_of(Facet::TradeOff)
        .any(|p| p.found == Found::Label && p.text == "none."));
}

#[test]
fn reads_indented_mdx_component_content() {
    let doc = Document::parse(
        Source::new(
            "t.mdx",
            "# P\n\n## Challenges\n\n<AccordionGroup>\n  <Accordion title=\"Queue\">\n    Jobs timed out after 5 s because the\n    printer is slow. We considered two options.\n  </Accordion>\n</AccordionGroup>\n",
        ),
        Profile::guide(),
    );
    let c = Challenges::find(&doc, Profile::guide());
    assert_eq!(c.items.len(), 1);
    assert!(c.items[0].has(Facet::WhyHard));
    assert_eq!(c.items[0].alternatives, 2);
}

#[test]
fn prefers_exactly_named_challenge_sections() {
    let doc = parse(
        "# P\n\n## Challenges of Offline Sync\n\n### Phones drop out\n\nText.\n\n## Implementation Challenges\n\n### Correlation\n\nText here.\n",
    );
    let c = Challenges::find(&doc, Profile::guide());
    assert_eq!(c.sections.len(), 1);
    assert_eq!(c.items.len(), 1);
    assert_eq!(c.items[0].title, "Correlation");
}
