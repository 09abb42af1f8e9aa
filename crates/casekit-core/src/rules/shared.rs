//! Readings of a document that several rules share, built on first use and kept for the
//! rest of one `check` run (the parsed diagrams are handed in): the challenges (read by seven rules), the goals (five) and
//! the measures (read by the acronym rule, then handed to the rubric in the report).
//! Each is a pure function of the document and the profile, so sharing it changes no
//! result, only how often it is computed.

use super::challenges::Challenges;
use super::goals::{read_goals, Goals};
use crate::diagram::Diagram;
use crate::document::Document;
use crate::measures::Measures;
use crate::profile::Profile;
use std::cell::OnceCell;

pub(crate) struct Shared<'d> {
    doc: &'d Document,
    profile: &'d Profile,
    diagrams: &'d [Diagram],
    challenges: OnceCell<Challenges<'d>>,
    goals: OnceCell<Goals<'d>>,
    measures: OnceCell<Measures>,
}

impl<'d> Shared<'d> {
    pub(crate) fn new(doc: &'d Document, profile: &'d Profile, diagrams: &'d [Diagram]) -> Self {
        Shared {
            doc,
            profile,
            diagrams,
            challenges: OnceCell::new(),
            goals: OnceCell::new(),
            measures: OnceCell::new(),
        }
    }

    /// The Mermaid blocks, parsed once for the whole check, in document order.
    pub(crate) fn diagrams(&self) -> &'d [Diagram] {
        self.diagrams
    }

    /// Every challenge of the document ([`Challenges::find`]).
    pub(crate) fn challenges(&self) -> &Challenges<'d> {
        self.challenges
            .get_or_init(|| Challenges::find(self.doc, self.profile))
    }

    /// The goals and non-goals as the goals rules read them.
    pub(crate) fn goals(&self) -> &Goals<'d> {
        self.goals.get_or_init(|| read_goals(self.doc))
    }

    /// Every measure of the document ([`Measures::of`]).
    pub(crate) fn measures(&self) -> &Measures {
        self.measures
            .get_or_init(|| Measures::of(self.doc, self.profile))
    }

    /// The measures, if a rule needed them (a copy: rule contexts still borrow `self`).
    pub(crate) fn measures_taken(&self) -> Option<Measures> {
        self.measures.get().cloned()
    }
}
