//! The regular expressions of the rules, built for a short-lived process.
//!
//! casekit holds about ninety patterns, most of them long case-insensitive lists of
//! words, and a check compiles nearly all of them. With the `regex` crate's defaults,
//! compiling them cost more than checking a document: most of it went into extracting
//! literal prefilters, which lists of a hundred case-folded words rarely yield and which
//! documents of a few kilobytes do not need. This wrapper builds the same engine
//! (`regex-automata`'s meta regex, which `regex::Regex` wraps) with the same settings
//! but without automatic prefilters, and offers the part of `regex::Regex`'s API the
//! crate uses. Matches are identical; only the build is cheaper.

use regex_automata::meta;
use regex_automata::util::captures::Captures as Slots;
use std::borrow::Cow;

#[derive(Clone, Debug)]
pub struct Regex {
    meta: meta::Regex,
}

/// A pattern that does not compile.
pub type Error = Box<meta::BuildError>;

/// One match: where it is and what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn new(haystack: &'h str, m: regex_automata::Match) -> Match<'h> {
        Match {
            haystack,
            start: m.start(),
            end: m.end(),
        }
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

/// The groups of one match.
pub struct Captures<'h> {
    haystack: &'h str,
    slots: Slots,
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.slots.get_group(i).map(|s| Match {
            haystack: self.haystack,
            start: s.start,
            end: s.end,
        })
    }
}

impl<'h> std::ops::Index<usize> for Captures<'h> {
    type Output = str;
    /// Group `i`'s text; panics when the group did not take part, as `regex` does.
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group at index '{i}'"))
    }
}

impl Regex {
    /// Builds a pattern without a literal prefilter: the right choice for the long
    /// lists of words, whose prefilters cost more to build than they save.
    pub fn new(pattern: &str) -> Result<Regex, Error> {
        Regex::build(pattern, false)
    }

    /// Builds a pattern with a literal prefilter, exactly as `regex::Regex::new` does:
    /// for patterns led by a rare literal (`casekit-`, `<`, `GET`) that are run over
    /// much text and usually do not match.
    pub fn with_prefilter(pattern: &str) -> Result<Regex, Error> {
        Regex::build(pattern, true)
    }

    fn build(pattern: &str, prefilter: bool) -> Result<Regex, Error> {
        // `regex::Regex::new`'s configuration.
        let config = meta::Config::new()
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20))
            .auto_prefilter(prefilter);
        let syntax = regex_automata::util::syntax::Config::new().utf8(true);
        meta::Builder::new()
            .configure(config)
            .syntax(syntax)
            .build(pattern)
            .map(|meta| Regex { meta })
            .map_err(Box::new)
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.meta.is_match(haystack)
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.meta.find(haystack).map(|m| Match::new(haystack, m))
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.meta
            .find_iter(haystack)
            .map(move |m| Match::new(haystack, m))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let mut slots = self.meta.create_captures();
        self.meta.captures(haystack, &mut slots);
        slots.is_match().then_some(Captures { haystack, slots })
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.meta
            .captures_iter(haystack)
            .map(move |slots| Captures { haystack, slots })
    }

    /// Every match replaced by `with` (taken literally: no `$1` expansion).
    pub fn replace_all<'h>(&self, haystack: &'h str, with: &str) -> Cow<'h, str> {
        self.replacen(haystack, usize::MAX, with)
    }

    /// The first match replaced by `with` (taken literally).
    pub fn replace<'h>(&self, haystack: &'h str, with: &str) -> Cow<'h, str> {
        self.replacen(haystack, 1, with)
    }

    fn replacen<'h>(&self, haystack: &'h str, limit: usize, with: &str) -> Cow<'h, str> {
        let mut it = self.find_iter(haystack).take(limit).peekable();
        if it.peek().is_none() {
            return Cow::Borrowed(haystack);
        }
        let mut out = String::with_capacity(haystack.len());
        let mut last = 0;
        for m in it {
            out.push_str(&haystack[last..m.start()]);
            out.push_str(with);
            last = m.end();
        }
        out.push_str(&haystack[last..]);
        Cow::Owned(out)
    }

    /// The pieces of `haystack` between matches.
    pub fn split<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = &'h str> + 'r
    where
        'h: 'r,
    {
        let mut last = 0;
        let mut matches = self.find_iter(haystack);
        let mut done = false;
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            match matches.next() {
                Some(m) => {
                    let piece = &haystack[last..m.start()];
                    last = m.end();
                    Some(piece)
                }
                None => {
                    done = true;
                    Some(&haystack[last..])
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Regex;

    /// The wrapper answers as `regex::Regex` does, for every method the crate uses.
    #[test]
    fn agrees_with_the_regex_crate() {
        let patterns = [
            r"(?i)(?-u:\b)(?:trade[- ]?offs?|cost(?-u:\w)*)(?-u:\b)",
            r"(\d+)\s*(ms|s)?",
            r",|\s+or\s+|\s*/\s*|·",
            r"x*",
            r"(?:^|[\s`(])(/(?:api|v\d+)/[A-Za-z0-9_\-/:{}*.]+)",
        ];
        let texts = [
            "The trade-off cost us 40 ms; costs rose to 2 s or more / later · done",
            "",
            "GET /api/v1/users and (/v2/orders) or café ×3",
            "xxyxx",
        ];
        for p in patterns {
            let ours = Regex::new(p).unwrap();
            let theirs = regex::Regex::new(p).unwrap();
            for t in texts {
                assert_eq!(ours.is_match(t), theirs.is_match(t));
                assert_eq!(
                    ours.find(t).map(|m| m.range()),
                    theirs.find(t).map(|m| m.range())
                );
                let a: Vec<_> = ours.find_iter(t).map(|m| (m.range(), m.as_str())).collect();
                let b: Vec<_> = theirs
                    .find_iter(t)
                    .map(|m| (m.range(), m.as_str()))
                    .collect();
                assert_eq!(a, b, "{p} on {t:?}");
                let groups = |c: &dyn Fn(usize) -> Option<std::ops::Range<usize>>| {
                    (0..3).map(c).collect::<Vec<_>>()
                };
                assert_eq!(
                    ours.captures(t)
                        .map(|c| groups(&|i| c.get(i).map(|m| m.range()))),
                    theirs
                        .captures(t)
                        .map(|c| groups(&|i| c.get(i).map(|m| m.range())))
                );
                let a: Vec<_> = ours
                    .captures_iter(t)
                    .map(|c| c.get(0).unwrap().range())
                    .collect();
                let b: Vec<_> = theirs
                    .captures_iter(t)
                    .map(|c| c.get(0).unwrap().range())
                    .collect();
                assert_eq!(a, b);
                assert_eq!(ours.replace_all(t, ""), theirs.replace_all(t, ""));
                assert_eq!(ours.replace(t, "-"), theirs.replace(t, "-"));
                let a: Vec<_> = ours.split(t).collect();
                let b: Vec<_> = theirs.split(t).collect();
                assert_eq!(a, b, "split {p} on {t:?}");
            }
        }
    }
}
