//! `jobsite check`: everything a build validates, without writing anything, plus lints on links,
//! images, headings, link text and vacancy logic. Findings are errors, warnings or notes.

mod body;
mod logic;
mod output;

pub use body::PLACEHOLDER;
pub use output::{render, Format};

use crate::commands::build::{self, Request};
use crate::diagnostics::{Diagnostics, Severity};
use crate::model::content::Library;
use body::SiteIndex;
use std::path::Path;

/// Runs every check on the site described by `request` (its output folder is ignored).
pub fn run(request: &Request) -> Diagnostics {
    let (prepared, warnings) = match build::prepare(request) {
        Ok(prepared) => prepared,
        Err(problems) => return problems,
    };
    let rendering = match build::render_all(&prepared) {
        Ok(r) => r,
        Err(problems) => {
            let mut all = warnings;
            all.extend(problems.0);
            return all.sorted();
        }
    };
    let library = prepared.library();
    let site = SiteIndex::new(rendering.files);
    let mut found = warnings;
    let read = source_reader(&request.root);
    for (file, page) in pages_of(library) {
        if let Some(source) = read(&file) {
            found.extend(body::lint(&file, &source, &page, &site));
        }
    }
    found.extend(logic::lint(library, &request.rules));
    found.sorted()
}

/// Every content file with the site path it is published at.
fn pages_of(library: &Library) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    pages.extend(library.vacancies.iter().map(|v| (v.file.clone(), crate::output::routes::vacancy(&v.stem))));
    pages.extend(library.campaigns.iter().map(|c| (c.file.clone(), crate::output::routes::campaign(&c.stem))));
    pages.extend(library.stories.iter().map(|s| (s.file.clone(), crate::output::routes::story(&s.stem))));
    pages.extend(library.benefits.iter().map(|b| (b.file.clone(), crate::output::routes::BENEFITS.to_string())));
    pages.extend(library.news.iter().map(|n| (n.file.clone(), crate::output::routes::news_item(&n.stem))));
    pages.extend(library.events.iter().map(|e| (e.file.clone(), crate::output::routes::EVENTS.to_string())));
    pages.extend(library.pages.iter().map(|p| (p.file.clone(), crate::output::routes::page(&p.stem))));
    pages
}

/// Whether findings fail the check: any error, or with `strict`, any warning.
pub fn fails(found: &Diagnostics, strict: bool) -> bool {
    found.count(Severity::Error) > 0 || (strict && found.count(Severity::Warning) > 0)
}

/// The one-line summary after the findings.
pub fn summary(found: &Diagnostics) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        plural(found.count(Severity::Error), "error"),
        plural(found.count(Severity::Warning), "warning"),
        plural(found.count(Severity::Note), "note")
    )
}

/// Reads a file of the site for showing its lines in reports.
pub fn source_reader(root: &Path) -> impl Fn(&str) -> Option<String> + '_ {
    move |file| std::fs::read_to_string(root.join(file)).ok()
}
