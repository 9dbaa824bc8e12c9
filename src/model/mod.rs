//! Model: the site as validated, typed values (settings and every kind of content) and the
//! publishing rules that say what is shown at a moment. Reads input; knows nothing of output.

pub(crate) mod board_cycle;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod contrast;
pub(crate) mod csp;
pub(crate) mod grouping;
pub(crate) mod portal;
pub mod publish;
pub(crate) mod reference;
