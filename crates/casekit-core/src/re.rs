//! The regular expressions of the rules, built for a short-lived process.
//!
//! casekit holds about ninety patterns, most of them long case-insensitive lists of
//! words, and a check compiles nearly all of them: for one document, building them
//! costs several times more than checking it. Two things make the build cheaper here
//! than `regex::Regex::new`, with the same matching engine (`regex-automata`'s meta
//! regex, which `regex::Regex` wraps):
//!
//! - **No automatic literal prefilter.** Lists of a hundred case-folded words rarely
//!   yield one, and extracting it cost more than documents of a few kilobytes save.
//!   [`Regex::with_prefilter`] keeps it for patterns led by a rare literal.
//! - **ASCII where Unicode changes nothing a case study writes.** `\d`, `\w`, `\b` and
//!   case-insensitive letters are ASCII: Unicode digit classes and case folding
//!   (`k` also matches the Kelvin sign) are what make a word list's automaton large.
//!   Everything that must keep its Unicode meaning keeps it: whitespace (`\s`, so a
//!   no-break space still separates "200 ms"), `.`, negated classes (`[^.]` steps over
//!   a whole "é"), and any part that names a non-ASCII character (`≈`, `[$€£]`). A
//!   pattern asks for full Unicode anywhere with `(?u)`.
//!
//! - **Each engine when it is first needed.** Most patterns only ever answer "is it
//!   there?"; for those a forward lazy DFA over an NFA without capture groups is
//!   enough, and the full engine (which compiles the pattern a second time, backwards,
//!   to find where matches start) is never built. A pattern asked for positions or
//!   groups builds the full engine then.
//!
//! Together they cut the build to about a third (see `scripts/instructions.sh`); the
//! answers on documents are the same, which the corpus comparison in the benchmarks
//! checks.

use regex_automata::util::captures::Captures as Slots;
use regex_automata::util::pool::Pool;
use regex_automata::{hybrid, meta, nfa::thompson, Input};
use regex_syntax::hir::Hir;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// How many patterns were built as written, not in the cheaper ASCII reading: none of
/// the crate's own, which a test holds to.
static AS_WRITTEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[derive(Clone)]
pub struct Regex {
    /// The ASCII reading, from which the engines are built when first asked for;
    /// `None` for a pattern built as written (its full engine is then already there).
    hir: Option<Hir>,
    /// The shortest text a match needs: shorter texts are answered without a search
    /// (as the full engine does).
    min_len: usize,
    prefilter: bool,
    full: OnceLock<meta::Regex>,
    test: OnceLock<Option<Arc<Test>>>,
}

impl std::fmt::Debug for Regex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Regex").finish_non_exhaustive()
    }
}

type NewCache = Box<
    dyn Fn() -> hybrid::dfa::Cache
        + Send
        + Sync
        + std::panic::UnwindSafe
        + std::panic::RefUnwindSafe,
>;

/// The engine for "is it there?": a forward lazy DFA, with a cache per thread.
struct Test {
    dfa: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, NewCache>,
}

/// The same limits as `regex::Regex::new`.
const NFA_LIMIT: usize = 10 * (1 << 20);
const CACHE_CAPACITY: usize = 2 * (1 << 20);

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
        if let Some(hir) = ascii::translate(pattern) {
            return Ok(Regex {
                min_len: hir.properties().minimum_len().unwrap_or(usize::MAX),
                hir: Some(hir),
                prefilter,
                full: OnceLock::new(),
                test: OnceLock::new(),
            });
        }
        // A pattern the ASCII reading cannot take (or that does not parse, so that the
        // error below is the one `regex` would give): build it as written, now.
        AS_WRITTEN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let syntax = regex_automata::util::syntax::Config::new().utf8(true);
        let meta = meta::Builder::new()
            .configure(Regex::config(prefilter))
            .syntax(syntax)
            .build(pattern)
            .map_err(Box::new)?;
        Ok(Regex {
            hir: None,
            min_len: 0,
            prefilter,
            full: OnceLock::from(meta),
            test: OnceLock::new(),
        })
    }

    /// `regex::Regex::new`'s configuration.
    fn config(prefilter: bool) -> meta::Config {
        meta::Config::new()
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .nfa_size_limit(Some(NFA_LIMIT))
            .hybrid_cache_capacity(CACHE_CAPACITY)
            .auto_prefilter(prefilter)
    }

    /// The full engine: positions and groups.
    fn full(&self) -> &meta::Regex {
        self.full.get_or_init(|| {
            let hir = self
                .hir
                .as_ref()
                .expect("a pattern without its engine has its reading");
            // After parsing, only the size limit can refuse a pattern; the crate's
            // patterns are fixed text (tested) or escaped word lists far below it.
            meta::Builder::new()
                .configure(Regex::config(self.prefilter))
                .build_from_hir(hir)
                .expect("a parsed pattern within the size limit")
        })
    }

    /// The "is it there?" engine, or `None` when a lazy DFA cannot serve this pattern
    /// (then the full engine answers).
    fn test(&self) -> Option<&Test> {
        self.test
            .get_or_init(|| {
                let hir = self.hir.as_ref()?;
                let nfa = thompson::Compiler::new()
                    .configure(
                        thompson::Config::new()
                            .which_captures(thompson::WhichCaptures::None)
                            .nfa_size_limit(Some(NFA_LIMIT)),
                    )
                    .build_from_hir(hir)
                    .ok()?;
                let prefilter = if self.prefilter {
                    regex_automata::util::prefilter::Prefilter::from_hir_prefix(
                        regex_automata::MatchKind::LeftmostFirst,
                        hir,
                    )
                } else {
                    None
                };
                // As the full engine configures its own lazy DFA, so that both give
                // up (and hand over) in the same cases.
                let dfa = hybrid::dfa::Builder::new()
                    .configure(
                        hybrid::dfa::Config::new()
                            .specialize_start_states(prefilter.is_some())
                            .prefilter(prefilter)
                            .starts_for_each_pattern(true)
                            .unicode_word_boundary(true)
                            .cache_capacity(CACHE_CAPACITY)
                            .minimum_cache_clear_count(Some(3))
                            .minimum_bytes_per_state(Some(10)),
                    )
                    .build_from_nfa(nfa)
                    .ok()?;
                let for_pool = dfa.clone();
                let new_cache: NewCache = Box::new(move || for_pool.create_cache());
                Some(Arc::new(Test {
                    dfa,
                    caches: Pool::new(new_cache),
                }))
            })
            .as_deref()
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        if haystack.len() < self.min_len {
            return false;
        }
        if let Some(test) = self.test() {
            let mut cache = test.caches.get();
            let input = Input::new(haystack).earliest(true);
            // An error means the lazy DFA gave up on this text (it thrashed its
            // cache, or met a byte it cannot judge): the full engine decides.
            if let Ok(found) = test.dfa.try_search_fwd(&mut cache, &input) {
                return found.is_some();
            }
        }
        self.full().is_match(haystack)
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.full().find(haystack).map(|m| Match::new(haystack, m))
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.full()
            .find_iter(haystack)
            .map(move |m| Match::new(haystack, m))
    }

    /// The match that starts exactly at `start`, if any: the match `find_iter` would give
    /// there. The text before `start` is still read for look-behind (`\b`), so a caller
    /// that knows where matches can start tries only those places.
    pub fn find_at_start<'h>(&self, haystack: &'h str, start: usize) -> Option<Match<'h>> {
        let input = Input::new(haystack)
            .range(start..)
            .anchored(regex_automata::Anchored::Yes);
        // Anchored, the forward lazy DFA alone finds where the match ends.
        if let Some(test) = self.test() {
            let mut cache = test.caches.get();
            if let Ok(found) = test.dfa.try_search_fwd(&mut cache, &input) {
                return found.map(|end| Match {
                    haystack,
                    start,
                    end: end.offset(),
                });
            }
        }
        self.full().search(&input).map(|m| Match::new(haystack, m))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let mut slots = self.full().create_captures();
        self.full().captures(haystack, &mut slots);
        slots.is_match().then_some(Captures { haystack, slots })
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.full()
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

/// The ASCII reading of a pattern: the syntax tree with every part whose meaning would
/// change under ASCII rules wrapped in `(?u:…)`, translated with Unicode off.
mod ascii {
    use regex_syntax::ast::{
        self, Ast, ClassPerlKind, ClassSet, ClassSetItem, Flag, Flags, FlagsItem, FlagsItemKind,
        Group, GroupKind,
    };
    use regex_syntax::hir::{self, Hir};

    pub(super) fn translate(pattern: &str) -> Option<Hir> {
        let mut tree = ast::parse::Parser::new().parse(pattern).ok()?;
        let mut unicode = None;
        mark(&mut tree, &mut unicode);
        hir::translate::TranslatorBuilder::new()
            .unicode(false)
            .utf8(true)
            .build()
            .translate(pattern, &tree)
            .ok()
    }

    /// Wraps what needs Unicode. `unicode` is the pattern's own `u` flag where the
    /// walk stands (`None`: not set, so the caller's ASCII default applies); a pattern
    /// that sets it either way has said what it means and is left alone there.
    fn mark(node: &mut Ast, unicode: &mut Option<bool>) {
        match node {
            Ast::Flags(set) => {
                if let Some(on) = set.flags.flag_state(Flag::Unicode) {
                    *unicode = Some(on);
                }
            }
            Ast::Group(group) => {
                let mut inner = *unicode;
                if let GroupKind::NonCapturing(flags) = &group.kind {
                    if let Some(on) = flags.flag_state(Flag::Unicode) {
                        inner = Some(on);
                    }
                }
                mark(&mut group.ast, &mut inner);
            }
            Ast::Repetition(rep) => mark(&mut rep.ast, unicode),
            // A flag set in one branch holds in the next ones, up to the group's end.
            Ast::Alternation(alt) => alt.asts.iter_mut().for_each(|a| mark(a, unicode)),
            Ast::Concat(cat) => cat.asts.iter_mut().for_each(|a| mark(a, unicode)),
            _ if unicode.is_none() && needs_unicode(node) => {
                let span = *node.span();
                let inner = std::mem::replace(node, Ast::empty(span));
                *node = Ast::group(Group {
                    span,
                    kind: GroupKind::NonCapturing(Flags {
                        span,
                        items: vec![FlagsItem {
                            span,
                            kind: FlagsItemKind::Flag(Flag::Unicode),
                        }],
                    }),
                    ast: Box::new(inner),
                });
            }
            _ => {}
        }
    }

    fn needs_unicode(node: &Ast) -> bool {
        match node {
            Ast::Dot(_) | Ast::ClassUnicode(_) => true,
            Ast::Literal(lit) => !lit.c.is_ascii(),
            Ast::ClassPerl(class) => class.negated || class.kind == ClassPerlKind::Space,
            Ast::ClassBracketed(class) => class.negated || set_needs_unicode(&class.kind),
            _ => false,
        }
    }

    fn set_needs_unicode(set: &ClassSet) -> bool {
        match set {
            ClassSet::Item(item) => item_needs_unicode(item),
            ClassSet::BinaryOp(op) => set_needs_unicode(&op.lhs) || set_needs_unicode(&op.rhs),
        }
    }

    fn item_needs_unicode(item: &ClassSetItem) -> bool {
        match item {
            ClassSetItem::Empty(_) | ClassSetItem::Ascii(_) => false,
            ClassSetItem::Literal(lit) => !lit.c.is_ascii(),
            ClassSetItem::Range(range) => !range.end.c.is_ascii(),
            ClassSetItem::Unicode(_) => true,
            ClassSetItem::Perl(class) => class.negated || class.kind == ClassPerlKind::Space,
            ClassSetItem::Bracketed(class) => class.negated || set_needs_unicode(&class.kind),
            ClassSetItem::Union(union) => union.items.iter().any(item_needs_unicode),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Regex, AS_WRITTEN};

    /// What the ASCII reading changes, on purpose: digits, word characters and case
    /// folding beyond ASCII.
    #[test]
    fn reads_digits_words_and_case_as_ascii() {
        assert!(!Regex::new(r"\d").unwrap().is_match("٣"));
        assert!(!Regex::new(r"(?i)k").unwrap().is_match("\u{212a}"));
        assert!(Regex::new(r"(?u)(?i)k").unwrap().is_match("\u{212a}"));
        assert!(Regex::new(r"\s").unwrap().is_match("\u{a0}"));
    }

    /// Every pattern the rules and the rubric build takes the ASCII reading.
    #[test]
    fn the_crates_patterns_all_read_as_ascii() {
        let profile = crate::Profile::guide();
        crate::rules::warm_up(profile);
        let text = include_str!("../../../examples/case-study.md");
        let doc = crate::Document::parse(crate::Source::new("x.mdx", text), profile);
        let report = crate::check(&doc, &crate::Settings::new(profile));
        crate::Scorecard::score(&doc, &report, profile);
        assert_eq!(AS_WRITTEN.load(std::sync::atomic::Ordering::Relaxed), 0);
    }

    /// The wrapper answers as `regex::Regex` does, for every method the crate uses.
    #[test]
    fn agrees_with_the_regex_crate() {
        let patterns = [
            r"(?i)(?-u:\b)(?:trade[- ]?offs?|cost(?-u:\w)*)(?-u:\b)",
            r"(\d+)\s*(ms|s)?",
            r",|\s+or\s+|\s*/\s*|·",
            r"x*",
            r"(?:^|[\s`(])(/(?:api|v\d+)/[A-Za-z0-9_\-/:{}*.]+)",
            // What keeps its Unicode meaning: whitespace, `.`, negated classes,
            // non-ASCII literals and classes, and whatever a pattern marks itself.
            r"(?i)(\d+)\s?ms|[^.]{0,6}é|.≈.|[$€£]\d|\S+\s+\S+|(?u:\w+)$|(?-u:\w)+",
            r"(?i)[^a-z\s]+|\W\D",
        ];
        let texts = [
            "The trade-off cost us 40 ms; costs rose to 2 s or more / later · done",
            "",
            "GET /api/v1/users and (/v2/orders) or café ×3",
            "xxyxx",
            "200\u{a0}ms, 3\u{202f}MS; naïve café ≈ 3 €5 Ünïcödé",
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
