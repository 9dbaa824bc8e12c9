//! Reads one content file's text into raw front matter and a markdown body.

use crate::diagnostics::Diagnostic;
use crate::input::fields::Fields;
use crate::input::frontmatter::{self, SplitError};
use crate::input::markdown::{self, Rendered};
use crate::input::yaml::{self, Origin, Schema};
use serde::de::DeserializeOwned;

/// A content file's markdown body, and the file it is in.
#[derive(Debug, Clone)]
pub struct Body<'a> {
    pub markdown: &'a str,
    /// The file's line on which the body starts.
    first_line: usize,
    /// The whole file, for the placeholders `jobsite new` leaves (front matter included).
    source: &'a str,
}

impl Body<'_> {
    /// The body rendered, with everything `jobsite check` lints marked at its line in the file.
    pub fn render(&self) -> Rendered {
        markdown::render_file_body(self.markdown, self.first_line, self.source)
    }
}

/// Splits `source` and parses its front matter into `T` against `schema`. The checker returned
/// already holds the file's unknown keys, so the caller reports them with every other mistake.
pub fn read<'a, T: DeserializeOwned>(
    source: &'a str,
    file: &'a str,
    schema: Schema,
) -> Result<(T, Fields<'a>, Body<'a>), Vec<Diagnostic>> {
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
    let (raw, fields) = Fields::after_keys(origin, yaml::parse_structs(split.yaml, origin, schema)?);
    Ok((raw, fields, Body { markdown: split.body, first_line: split.body_first_line, source }))
}

/// Reads an `updated:` key: a date or date-time no earlier than `posted` (when `posted` is known).
pub fn updated(
    f: &mut crate::input::fields::Fields,
    updated: Option<serde_saphyr::Spanned<String>>,
    posted: Option<&crate::input::dates::Moment>,
    tz: &jiff::tz::TimeZone,
) -> Option<super::Located<crate::input::dates::Moment>> {
    let span = updated?;
    let moment = f.moment(&span, "updated", tz)?;
    let (line, column) = crate::input::yaml::line_of(&span, f.origin);
    if let Some(p) = posted {
        if moment.end(tz) <= p.start(tz) {
            f.bad(
                &span,
                "updated",
                "the advert cannot be updated before it was posted",
                Some("give the date of the latest change, on or after `posted`".into()),
            );
            return None;
        }
    }
    Some(super::Located { value: moment, line, column })
}

/// When an advert last changed: the later of when it was posted and when it was updated.
pub fn changed_at(
    posted: &crate::input::dates::Moment,
    updated: Option<&super::Located<crate::input::dates::Moment>>,
    tz: &jiff::tz::TimeZone,
) -> jiff::Timestamp {
    let posted = posted.start(tz);
    updated.map_or(posted, |u| u.value.start(tz).max(posted))
}
