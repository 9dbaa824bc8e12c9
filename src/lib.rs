//! jobsite: a static-site generator for children's services recruitment microsites.
//!
//! The library is layered, each layer importing only from those before it:
//! `input` (reading files) → `model` (typed site and publishing rules) → `output` (addresses,
//! plan, pages, feeds, rendering, writing) → `commands` (build, check, serve, new, report).
//! `diagnostics` is the one error type, used by all. The public API is the commands, the
//! publishing rules, the diagnostics and the fuzzing entry points.
#![forbid(unsafe_code)]

mod commands;
pub mod diagnostics;
pub mod fuzzing;
mod input;
mod model;
mod output;

pub use commands::{build, check, report, scaffold, schedule, schema, serve};
pub use model::publish;
pub use output::disk::output_guard;
