//! Rules for this part of the guide.

use super::Rule;

pub static RULES: &[&dyn Rule] = &[];
