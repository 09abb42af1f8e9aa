//! What the fix tests share: parsing a text as `.md` or `.mdx`, the "no byte lost" check
//! and a readable account of where two texts part. `#[path]`-included by tests/fixes.rs
//! and tests/fix_fixpoint.rs.

use casekit_core::{Document, Format, Profile, Source};

pub fn parse(text: &str, format: Format) -> Document {
    let name = if format == Format::Mdx {
        "t.mdx"
    } else {
        "t.md"
    };
    Document::parse(
        Source::new(name, text).with_format(format),
        Profile::guide(),
    )
}

/// Whether every byte of `a` appears in `b` in the same order.
pub fn is_subsequence(a: &[u8], b: &[u8]) -> bool {
    let mut it = b.iter();
    a.iter().all(|x| it.any(|y| y == x))
}

/// Where two texts first differ, with a little of each around it.
pub fn first_difference(a: &str, b: &str) -> String {
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let around = |t: &str| {
        let mut from = at.saturating_sub(120);
        while !t.is_char_boundary(from) {
            from -= 1;
        }
        t[from..].chars().take(260).collect::<String>()
    };
    format!("at byte {at}:\n{:?}\nthen:\n{:?}", around(a), around(b))
}
