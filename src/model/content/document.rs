//! Reads one content file's text into raw front matter and a markdown body.

use crate::diagnostics::Diagnostic;
use crate::input::frontmatter::{self, SplitError};
use crate::input::yaml::{self, Origin, Schema};
use serde::de::DeserializeOwned;

/// A content file's markdown body.
#[derive(Debug, Clone)]
pub struct Body<'a> {
    pub markdown: &'a str,
}

/// Splits `source` and parses its front matter into `T` against `schema`.
pub fn read<'a, T: DeserializeOwned>(
    source: &'a str,
    file: &'a str,
    schema: Schema,
) -> Result<(T, Origin<'a>, Body<'a>), Vec<Diagnostic>> {
    let split = frontmatter::split(source).map_err(|e| {
        let d = match e {
            SplitError::NoOpening => Diagnostic::error(file, "this file has no front matter").at(1, 1).hint(
                "start the file with a line of three dashes (---), then the `key: value` lines, then another ---",
            ),
            SplitError::NotClosed => Diagnostic::error(file, "the front matter is never closed")
                .at(1, 1)
                .hint("add a line of three dashes (---) after the last `key: value` line"),
        };
        vec![d]
    })?;
    let origin = Origin { file, first_line: split.yaml_first_line };
    let raw = yaml::parse(split.yaml, origin, schema)?;
    Ok((raw, origin, Body { markdown: split.body }))
}
