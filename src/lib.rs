//! jobsite: a static-site generator for children's services recruitment microsites.
#![forbid(unsafe_code)]

pub mod address;
pub mod article_views;
pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod contrast;
pub mod csp;
pub mod dates;
pub mod diagnostics;
pub mod feeds;
pub mod fields;
pub mod format;
pub mod frontmatter;
pub mod fuzzing;
pub mod markdown;
pub mod output_guard;
pub mod pages;
pub mod plan;
pub mod prepared;
pub mod publish;
pub mod reference;
pub mod render;
pub mod report;
pub mod routes;
pub mod safe_html;
pub mod scaffold;
pub mod serve;
pub mod site_files;
pub mod sitemap;
pub mod structured;
pub mod theme;
pub mod views;
pub mod write;
pub mod yaml;
