//! The one error type: a finding about a file, with line, column, field and a hint for the fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a finding is. Errors stop a build; warnings are printed and the build goes on;
/// notes are for information (such as a vacancy closing soon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One problem found in the site's input, written for a content editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with forward slashes.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// The front-matter key concerned, as a dotted path (`salary.min`), if any.
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// A short name for the kind of finding (`broken-link`), for reports and CI annotations.
    pub rule: Option<&'static str>,
}

/// `text` with control characters (and the marks that reverse the direction of text) written as
/// `\u{…}`, so that a file name or value can never move the cursor, change colours or hide
/// itself in a terminal or CI log. Line breaks stay when `keep_lines` is set.
pub fn printable(text: &str, keep_lines: bool) -> String {
    let hidden = |c: char| {
        (c.is_control() && !(keep_lines && c == '\n'))
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hidden) {
        return text.to_string();
    }
    text.chars().map(|c| if hidden(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect()
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: printable(&file.into(), false),
            line: 0,
            column: 0,
            field: None,
            message: printable(&message.into(), false),
            hint: None,
            rule: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, message) }
    }

    pub fn note(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(file, message) }
    }

    pub fn rule(mut self, rule: &'static str) -> Self {
        self.rule = Some(rule);
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(printable(&field.into(), false));
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(printable(&hint.into(), false));
        self
    }

    pub fn maybe_hint(self, hint: Option<String>) -> Self {
        match hint {
            Some(h) => self.hint(h),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// An input/output failure on `path`, named relative to `root`.
    pub fn io(root: &Path, path: &Path, action: &str, err: &std::io::Error) -> Self {
        Diagnostic::error(relative_name(root, path), format!("could not {action}: {err}"))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.label(), self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "`{field}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every finding of one run, kept in a stable order (file, line, column).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.0.dedup();
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl From<Box<Diagnostic>> for Diagnostics {
    fn from(d: Box<Diagnostic>) -> Self {
        Diagnostics(vec![*d])
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// `path` relative to `root`, with forward slashes, for messages.
pub fn relative_name(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter_map(|c| {
            let other = c.to_lowercase();
            let edits = strsim::osa_distance(&lower, &other);
            let similar = strsim::jaro_winkler(&lower, &other);
            let close = edits <= (other.chars().count() / 3).max(1) || similar >= 0.8;
            close.then_some((similar, c))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// The one of `candidates` that `word` is a misspelling of (a few letters wrong, any case), for
/// names such as buildings, where a name that merely starts alike is another place.
pub fn misspelling_of<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.trim().to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(&lower, &c.to_lowercase()), c))
        .filter(|(edits, c)| *edits <= (c.chars().count() / 6).max(1))
        .min_by_key(|(edits, _)| *edits)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {

    #[test]
    fn diagnostics_collect_convert_and_report_as_errors() {
        let one: Diagnostics = Diagnostic::error("content/jobs/x.md", "a problem").into();
        let mut all: Diagnostics = vec![Diagnostic::error("site.yaml", "another")].into_iter().collect();
        all.extend(one);
        assert_eq!(all.0.len(), 2);
        let as_error: Box<dyn std::error::Error> = Box::new(all.clone());
        assert!(as_error.to_string().contains("site.yaml"));
        assert_eq!((&all).into_iter().count(), 2);
    }

    #[test]
    fn control_characters_in_file_names_and_values_are_escaped() {
        let d = Diagnostic::error("content/jobs/\u{1b}[31mred\u{202e}.md", "bad `\u{7}`\nsecond line")
            .field("ti\ttle")
            .hint("x\u{0}y");
        assert_eq!(d.file, "content/jobs/\\u{1b}[31mred\\u{202e}.md");
        assert_eq!(d.message, "bad `\\u{7}`\\u{a}second line", "a line break cannot start a workflow command");
        assert_eq!(d.field.as_deref(), Some("ti\\u{9}tle"));
        assert_eq!(d.hint.as_deref(), Some("x\\u{0}y"));
        assert!(!d.to_string().contains('\u{1b}'));
    }

    use super::*;

    #[test]
    fn a_building_is_suggested_only_for_a_misspelling_of_its_name() {
        let places = ["Kestrel House", "Riverside", "Millbrook Family Centre"];
        assert_eq!(misspelling_of("Kestrel Hose", places), Some("Kestrel House"));
        assert_eq!(misspelling_of("millbrook family center", places), Some("Millbrook Family Centre"));
        assert_eq!(misspelling_of("Riverbank Centre", places), None);
        assert_eq!(misspelling_of("Civic Centre", places), None);
    }

    #[test]
    fn suggests_close_key_names() {
        assert_eq!(did_you_mean("closing", ["title", "closes", "posted"]), Some("closes"));
        assert_eq!(
            did_you_mean("Looked-After Children", ["Fostering", "Looked After Children"]),
            Some("Looked After Children")
        );
        assert_eq!(did_you_mean("zzz", ["title", "closes"]), None);
    }

    #[test]
    fn display_names_file_line_field_and_hint() {
        let d = Diagnostic::error("content/jobs/a.md", "unknown key")
            .at(4, 1)
            .field("closing")
            .hint("did you mean `closes`?");
        assert_eq!(
            d.to_string(),
            "error: content/jobs/a.md:4:1: `closing`: unknown key\n  hint: did you mean `closes`?"
        );
    }
}
