//! Output: every address (routes), the plan of outputs with their dependencies, one module per
//! page kind, feeds, structured data and the sitemap, rendering with the theme, and writing the
//! output folder. Reads the model; never the commands.

pub(crate) mod absolute;
pub(crate) mod article_views;
pub(crate) mod beneath;
pub(crate) mod cards;
pub(crate) mod feeds;
pub(crate) mod format;
pub(crate) mod manifest;
pub mod output_guard;
pub(crate) mod pages;
pub(crate) mod pieces;
pub(crate) mod plan;
pub(crate) mod prepared;
pub(crate) mod render;
pub(crate) mod routes;
pub(crate) mod same_content;
pub(crate) mod site_view;
pub(crate) mod sitemap;
pub(crate) mod structured;
pub(crate) mod theme;
pub(crate) mod views;
pub(crate) mod write;
