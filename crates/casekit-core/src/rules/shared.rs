//! Readings of a document that several rules share, built on first use and kept for the
//! rest of one `check` run: the challenges (read by seven rules) and the goals (five).
//! Each is a pure function of the document and the profile, so sharing it changes no
//! result, only how often it is computed.

use super::challenges::Challenges;
use super::goals::{read_goals, Goals};
use crate::document::Document;
use crate::profile::Profile;
use std::cell::OnceCell;

pub(crate) struct Shared<'d> {
    doc: &'d Document,
    profile: &'d Profile,
    challenges: OnceCell<Challenges<'d>>,
    goals: OnceCell<Goals<'d>>,
}

impl<'d> Shared<'d> {
    pub(crate) fn new(doc: &'d Document, profile: &'d Profile) -> Self {
        Shared {
            doc,
            profile,
            challenges: OnceCell::new(),
            goals: OnceCell::new(),
        }
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
}
