//! Input: reading what editors write. Front matter and YAML with positions, field checks, dates,
//! markdown and its HTML policy, addresses, and which files of the site folder may be read.
//! Imports nothing from the layers above (model, output, commands).

pub(crate) mod address;
pub(crate) mod commit_times;
pub(crate) mod council_feeds;
pub(crate) mod dates;
pub(crate) mod fields;
pub(crate) mod frontmatter;
pub(crate) mod git_files;
pub(crate) mod html_text;
pub(crate) mod markdown;
pub(crate) mod safe_html;
pub(crate) mod site_files;
pub(crate) mod yaml;
mod yaml_slips;
