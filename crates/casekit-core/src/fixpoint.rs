//! Fixing to a fixed point. One fix can change what another rule reads (a tech stack
//! table inserted under the architecture becomes the table ARC302 looks at), so after
//! applying every fix on offer the text is checked again and the new fixes applied,
//! until none is left or a small bound is hit. Every pass only inserts, so the original
//! text stays a subsequence of the result however many passes run. `check --fix` and
//! the language server's "fix all" both go through here.

use crate::rules::{apply_fixes, Fix};

/// How many passes `check --fix` and "fix all" run at most. Real documents settle in
/// one or two; the bound is there so a pair of rules that keep feeding each other
/// cannot loop.
pub const MAX_FIX_PASSES: usize = 8;

/// The outcome of fixing a text to a fixed point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedPoint {
    /// The text after the last pass.
    pub text: String,
    /// How many passes changed the text (0: nothing to fix).
    pub passes: usize,
    /// The rule of each fix applied, over all passes, in the order applied.
    pub applied: Vec<&'static str>,
    /// `false` when fixes were still on offer after the last pass allowed (or a later
    /// pass could not be checked); `text` is then the last complete pass.
    pub settled: bool,
}

/// Applies the fixes `fixes_of` finds in the text, checks the result again and repeats,
/// at most `max_passes` times, until a check offers no fix that changes the text.
/// `fixes_of` returns each fix with the rule that offered it. An error on the first
/// check is returned; one on a later pass (the grown text refused by a limit) ends the
/// loop with what the earlier passes made, marked not settled.
pub fn fix_to_fixed_point<E>(
    text: &str,
    max_passes: usize,
    mut fixes_of: impl FnMut(&str) -> Result<Vec<(&'static str, Fix)>, E>,
) -> Result<FixedPoint, E> {
    let mut done = FixedPoint {
        text: text.to_string(),
        passes: 0,
        applied: Vec::new(),
        settled: false,
    };
    loop {
        let found = match fixes_of(&done.text) {
            Ok(found) => found,
            Err(e) if done.passes == 0 => return Err(e),
            Err(_) => return Ok(done),
        };
        let fixes: Vec<Fix> = found.iter().map(|(_, f)| f.clone()).collect();
        let next = apply_fixes(&done.text, &fixes);
        if next == done.text {
            done.settled = true;
            return Ok(done);
        }
        if done.passes == max_passes {
            return Ok(done);
        }
        done.passes += 1;
        done.applied.extend(found.iter().map(|(rule, _)| *rule));
        done.text = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for the rules: asks for one "x" at the end until there are `n`.
    fn until(n: usize) -> impl FnMut(&str) -> Result<Vec<(&'static str, Fix)>, ()> {
        move |t: &str| {
            let have = t.matches('x').count();
            Ok(if have < n {
                vec![("T001", Fix::new("x").insert(t, t.len(), "x"))]
            } else {
                Vec::new()
            })
        }
    }

    #[test]
    fn repeats_until_nothing_is_left_to_fix() {
        let done = fix_to_fixed_point("a", 8, until(3)).unwrap();
        assert_eq!(done.text, "axxx");
        assert_eq!(done.passes, 3);
        assert_eq!(done.applied, ["T001"; 3]);
        assert!(done.settled);
    }

    #[test]
    fn stops_at_the_bound_and_says_it_did_not_settle() {
        let done = fix_to_fixed_point("a", 2, until(5)).unwrap();
        assert_eq!(done.text, "axx");
        assert_eq!(done.passes, 2);
        assert!(!done.settled);
    }

    #[test]
    fn nothing_to_fix_is_zero_passes() {
        let done = fix_to_fixed_point("axx", 8, until(2)).unwrap();
        assert_eq!(
            (done.text.as_str(), done.passes, done.settled),
            ("axx", 0, true)
        );
    }

    #[test]
    fn a_failing_first_check_is_an_error_and_a_later_one_keeps_the_passes_made() {
        assert_eq!(fix_to_fixed_point("a", 8, |_| Err::<Vec<_>, _>(7)), Err(7));
        let mut calls = 0;
        let done = fix_to_fixed_point("a", 8, |t| {
            calls += 1;
            if calls == 1 {
                Ok(vec![("T001", Fix::new("x").insert(t, 1, "x"))])
            } else {
                Err(())
            }
        })
        .unwrap();
        assert_eq!(
            (done.text.as_str(), done.passes, done.settled),
            ("ax", 1, false)
        );
    }
}
