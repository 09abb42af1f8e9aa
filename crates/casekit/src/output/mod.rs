//! Renderers for `check` results. Each renders one file at a time (on the worker that
//! checked it), so `check` can stream its output.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod score;
