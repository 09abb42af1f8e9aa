//! Substring search for the phrase and word lookups the rules make by the thousand
//! (every sentence against every word of a vocabulary list). `str::find` builds a
//! Two-Way searcher on every call, which costs more than the search itself on a
//! sentence; these give the same answers without that set-up.

use memchr::memmem;

/// Haystacks shorter than this are searched byte by byte; longer ones with `memmem`.
const SHORT: usize = 256;

/// Byte offset of the first occurrence of `needle` in `hay` at or after `from`, as
/// `hay[from..].find(needle).map(|i| from + i)`.
#[inline]
pub(crate) fn find_at(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes().get(from..)?;
    let n = needle.as_bytes();
    let (Some(&first), Some(&last_byte)) = (n.first(), n.last()) else {
        return Some(from);
    };
    if h.len() < n.len() {
        return None;
    }
    if h.len() >= SHORT {
        return memmem::find(h, n).map(|i| from + i);
    }
    // A short haystack: test the first and last byte at each place before comparing
    // the middle, so most places cost two byte reads and no call.
    let k = n.len() - 1;
    for at in 0..h.len() - k {
        if h[at] == first && h[at + k] == last_byte && same(&h[at..at + k], &n[..k]) {
            return Some(from + at);
        }
    }
    None
}

/// Byte equality without a call into the C library: the slices compared here are a few
/// bytes long, where the call costs more than the comparison.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Start offsets of the non-overlapping occurrences of `needle` in `hay`, left to right,
/// as `hay.match_indices(needle)` gives them.
pub(crate) fn match_starts<'a>(hay: &'a str, needle: &'a str) -> MatchStarts<'a> {
    MatchStarts {
        hay,
        needle,
        from: 0,
        empty: needle.is_empty().then(|| hay.char_indices()),
    }
}

pub(crate) struct MatchStarts<'a> {
    hay: &'a str,
    needle: &'a str,
    from: usize,
    /// An empty needle matches at every character boundary, the end included.
    empty: Option<std::str::CharIndices<'a>>,
}

impl Iterator for MatchStarts<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if let Some(chars) = self.empty.as_mut() {
            return match chars.next() {
                Some((i, _)) => Some(i),
                None if self.from <= self.hay.len() => {
                    self.from = self.hay.len() + 1;
                    Some(self.hay.len())
                }
                None => None,
            };
        }
        let at = find_at(self.hay, self.needle, self.from)?;
        self.from = at + self.needle.len();
        Some(at)
    }
}

/// A phrase looked for in many texts (a vocabulary word against every sentence): its
/// searcher is built once.
pub(crate) struct Needle {
    text: String,
    finder: memmem::Finder<'static>,
}

impl Needle {
    pub(crate) fn new(text: &str) -> Needle {
        Needle {
            text: text.to_string(),
            finder: memmem::Finder::new(text.as_bytes()).into_owned(),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// As [`find_at`] with this needle.
    pub(crate) fn find_at(&self, hay: &str, from: usize) -> Option<usize> {
        if self.text.is_empty() {
            return find_at(hay, "", from);
        }
        let h = hay.as_bytes().get(from..)?;
        self.finder.find(h).map(|i| from + i)
    }

    /// As [`match_starts`] with this needle.
    pub(crate) fn match_starts<'a>(&'a self, hay: &'a str) -> impl Iterator<Item = usize> + 'a {
        let mut from = 0;
        let mut empty = self.text.is_empty().then(|| match_starts(hay, ""));
        std::iter::from_fn(move || {
            if let Some(e) = empty.as_mut() {
                return e.next();
            }
            let at = self.find_at(hay, from)?;
            from = at + self.text.len();
            Some(at)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std() {
        let long = "ab ".repeat(200) + "needle in the haystack, needle again";
        let cases = [
            ("", ""),
            ("", "a"),
            ("abc", ""),
            ("aaaa", "aa"),
            ("the cache and the cache", "cache"),
            ("héllo wörld wörld", "wörld"),
            ("x", "xy"),
            (long.as_str(), "needle"),
            (long.as_str(), "ab ab"),
            (long.as_str(), "absent"),
        ];
        for (hay, needle) in cases {
            let ours: Vec<usize> = match_starts(hay, needle).collect();
            let std: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
            assert_eq!(ours, std, "{hay:?} / {needle:?}");
            for from in 0..=hay.len() {
                if hay.is_char_boundary(from) {
                    assert_eq!(
                        find_at(hay, needle, from),
                        hay[from..].find(needle).map(|i| from + i),
                        "{hay:?} / {needle:?} from {from}"
                    );
                }
            }
            let n = Needle::new(needle);
            assert_eq!(n.match_starts(hay).collect::<Vec<_>>(), std);
        }
    }
}
