//! Prints findings for people (with the source line and a marker), as JSON lines for tools, or as
//! GitHub workflow annotations so CI shows them on the pull request.

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// Renders every finding in `format`; `source_of` reads a site file for the human format.
pub fn render(found: &Diagnostics, format: Format, colour: bool, source_of: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    for d in &found.0 {
        match format {
            Format::Human => out.push_str(&human(d, colour, source_of)),
            Format::Json => {
                out.push_str(&serde_json::to_string(&JsonFinding::from(d)).expect("findings serialise"));
                out.push('\n');
            }
            Format::Github => out.push_str(&github(d)),
        }
    }
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

fn human(d: &Diagnostic, colour: bool, source_of: &dyn Fn(&str) -> Option<String>) -> String {
    let renderer = if colour { Renderer::styled() } else { Renderer::plain() };
    let message = match &d.field {
        Some(field) => format!("`{field}`: {}", d.message),
        None => d.message.clone(),
    };
    let line_text =
        (d.line > 0).then(|| source_of(&d.file)).flatten().and_then(|s| s.lines().nth(d.line - 1).map(str::to_string));
    let title = level(d.severity).primary_title(&message);
    let title = match &d.rule {
        Some(rule) => title.id(*rule),
        None => title,
    };
    let mut report = match &line_text {
        Some(text) => {
            let start = text.char_indices().nth(d.column.saturating_sub(1)).map_or(0, |(i, _)| i).min(text.len());
            let rest = &text[start..];
            // A markdown link or image is marked whole; anything else up to the next space.
            let length = if rest.starts_with('[') || rest.starts_with("![") {
                rest.find(')').map(|e| e + 1)
            } else {
                rest.find(char::is_whitespace)
            };
            let end = length.map_or(text.len(), |l| start + l).max((start + 1).min(text.len()));
            vec![title.element(
                Snippet::source(text.as_str())
                    .line_start(d.line)
                    .path(d.file.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )]
        }
        None => vec![title.element(annotate_snippets::Origin::path(d.file.as_str()))],
    };
    if let Some(hint) = &d.hint {
        report.push(Group::with_title(Level::HELP.secondary_title(hint.as_str())));
    }
    format!("{}\n\n", renderer.render(&report))
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    level: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    field: Option<&'a str>,
    rule: Option<&'a str>,
    message: &'a str,
    hint: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonFinding<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonFinding {
            level: d.severity.label(),
            file: &d.file,
            line: d.line,
            column: d.column,
            field: d.field.as_deref(),
            rule: d.rule,
            message: &d.message,
            hint: d.hint.as_deref(),
        }
    }
}

/// Escapes workflow-command data (`%`, CR, LF) and, for properties, `:` and `,` too.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn github(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut properties = vec![format!("file={}", escape_property(&d.file))];
    if d.line > 0 {
        properties.push(format!("line={}", d.line));
        if d.column > 0 {
            properties.push(format!("col={}", d.column));
        }
    }
    let title = d.rule.map(str::to_string).or_else(|| d.field.clone()).unwrap_or_else(|| "jobsite".to_string());
    properties.push(format!("title={}", escape_property(&title)));
    let mut message = match &d.field {
        Some(field) => format!("`{field}`: {}", d.message),
        None => d.message.clone(),
    };
    if let Some(hint) = &d.hint {
        message.push_str(&format!("\nhint: {hint}"));
    }
    format!("::{command} {}::{}\n", properties.join(","), escape_data(&message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_escape_their_properties_and_message() {
        let d = Diagnostic::error("content/jobs/a,b.md", "100% wrong: yes").at(3, 2).field("team").hint("fix: it");
        assert_eq!(
            github(&d),
            "::error file=content/jobs/a%2Cb.md,line=3,col=2,title=team::`team`: 100%25 wrong: yes%0Ahint: fix: it\n"
        );
    }
}
