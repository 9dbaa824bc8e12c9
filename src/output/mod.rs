//! Output: every address (routes), the plan of outputs with their dependencies, one module per
//! page kind, feeds, structured data and the sitemap, rendering with the theme, and writing the
//! output folder. Reads the model; never the commands.

pub(crate) mod absolute;
pub(crate) mod disk;
pub(crate) mod feeds;
pub(crate) mod format;
pub(crate) mod pages;
pub(crate) mod pieces;
pub(crate) mod plan;
pub(crate) mod prepared;
pub(crate) mod routes;
pub(crate) mod theme;
