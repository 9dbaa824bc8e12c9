//! `jobsite check`: everything a build validates, without writing anything, plus lints on links,
//! images, headings, link text and vacancy logic. Findings are errors, warnings or notes.

mod body;
mod logic;
mod output;

pub use crate::input::markdown::PLACEHOLDER;
pub use output::{render, Format};

use crate::commands::build::{self, Request};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::input::markdown::Rendered;
use crate::model::content::{Kind, Library};
use crate::model::publish::Rules;
use crate::output::prepared::Prepared;
use crate::output::routes;
use body::SiteIndex;
use std::path::Path;
use std::sync::Arc;

/// Runs every check on the site described by `request` (its output folder is ignored). A file
/// with errors is left out, and everything else is still linted: one run shows every finding.
pub fn run(request: &Request) -> Diagnostics {
    let (prepared, mut found, failed) = match build::prepare_partial(request) {
        Ok(prepared) => prepared,
        Err(problems) => return problems,
    };
    let rendering = match build::render_all(&prepared) {
        Ok(r) => r,
        Err(problems) => {
            found.extend(problems.0);
            return found.sorted();
        }
    };
    let library = prepared.library();
    let mut site = SiteIndex::new(rendering.files.into_iter().map(|(path, bytes)| (path, Arc::new(bytes))));
    for f in &failed {
        // Its page would exist once fixed: links to it are not broken.
        if let Some(path) = address_of(f) {
            site.assume(&path);
        }
        let note = "not checked for broken links, alt text or headings until its errors are fixed";
        found.push(Diagnostic::note(&f.file, note).rule(NOT_LINTED));
    }
    let every_vacancy = failed.iter().all(|f| f.kind != Kind::Vacancy);
    found.extend(lint(library, &site, &request.rules, every_vacancy));
    found.sorted()
}

/// The lints of a loaded site against its pages.
fn lint(library: &Library, site: &SiteIndex, rules: &Rules, every_vacancy: bool) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (file, body, page) in pages_of(library) {
        found.extend(body::lint(file, body, &page, site));
    }
    found.extend(logic::lint(library, rules, every_vacancy));
    found.extend(share_image(library, site));
    found
}

/// The lints the preview shows beside a site it has planned: `files` are its rendered pages, and
/// `later` the paths it renders when asked (links to them are trusted; their anchors unchecked).
pub fn preview_lints<'a>(
    prepared: &Prepared,
    files: impl Iterator<Item = (&'a Arc<str>, &'a Arc<Vec<u8>>)>,
    later: impl Iterator<Item = &'a Arc<str>>,
) -> Vec<Diagnostic> {
    let mut site = SiteIndex::new(files.map(|(p, b)| (p.to_string(), b.clone())));
    for path in later {
        site.assume_file(path);
    }
    let mut found = Diagnostics(lint(prepared.library(), &site, prepared.rules(), true)).sorted().0;
    found.retain(|d| d.severity != Severity::Note);
    found
}

/// The rule of the note on a file that could not be linted because of its errors.
const NOT_LINTED: &str = "not-linted";

/// The site path a content file is published at, if it has a page of its own.
fn address_of(f: &crate::model::content::FailedFile) -> Option<String> {
    match f.kind {
        Kind::Vacancy => Some(routes::vacancy(&f.stem)),
        Kind::Campaign => Some(routes::campaign(&f.stem)),
        Kind::Story => Some(routes::story(&f.stem)),
        Kind::News => Some(routes::news_item(&f.stem)),
        Kind::Page if f.stem != crate::model::content::HOME_STEM => Some(routes::page(&f.stem)),
        // Benefits and events are sections of one page each; the home page is the site's root.
        Kind::Benefit | Kind::Event | Kind::Page => None,
    }
}

/// LinkedIn, Facebook and X show no SVG: a site needs a PNG or JPEG for its share cards.
fn share_image(library: &Library, site: &SiteIndex) -> Option<Diagnostic> {
    let file = crate::model::config::SITE_FILE;
    match &library.site.share_image {
        None => Some(
            Diagnostic::warning(file, "links to this site shared on social networks show no picture")
                .at(1, 1)
                .field("share_image")
                .rule("share-image")
                .hint("save a 1200 by 630 PNG or JPEG in static/ and name it with `share_image:` in site.yaml"),
        ),
        Some(path) if site.file_for(path).is_none() => Some(
            Diagnostic::warning(file, format!("the share image {path} is not in static/"))
                .field("share_image")
                .rule("share-image")
                .hint("put the image in static/ at that path, or correct `share_image:`"),
        ),
        Some(_) => None,
    }
}

/// Every content file with its rendered body and the site path it is published at.
fn pages_of(library: &Library) -> Vec<(&str, &Rendered, String)> {
    let mut pages: Vec<(&str, &Rendered, String)> = Vec::new();
    pages.extend(library.vacancies.iter().map(|v| (v.file.as_str(), &v.body, routes::vacancy(&v.stem))));
    pages.extend(library.campaigns.iter().map(|c| (c.file.as_str(), &c.body, routes::campaign(&c.stem))));
    pages.extend(library.stories.iter().map(|s| (s.file.as_str(), &s.body, routes::story(&s.stem))));
    pages.extend(library.benefits.iter().map(|b| (b.file.as_str(), &b.body, routes::BENEFITS.to_string())));
    pages.extend(library.news.iter().map(|n| (n.file.as_str(), &n.body, routes::news_item(&n.stem))));
    pages.extend(library.events.iter().map(|e| (e.file.as_str(), &e.body, routes::EVENTS.to_string())));
    pages.extend(library.pages.iter().map(|p| (p.file.as_str(), &p.body, routes::page(&p.stem))));
    pages
}

/// Whether findings fail the check: any error, or with `strict`, any warning.
pub fn fails(found: &Diagnostics, strict: bool) -> bool {
    found.count(Severity::Error) > 0 || (strict && found.count(Severity::Warning) > 0)
}

/// The one-line summary after the findings; it says when files with errors could not be linted.
pub fn summary(found: &Diagnostics) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}, {}, {}",
        plural(found.count(Severity::Error), "error"),
        plural(found.count(Severity::Warning), "warning"),
        plural(found.count(Severity::Note), "note")
    );
    let skipped = found.0.iter().filter(|d| d.rule == Some(NOT_LINTED)).count();
    if skipped > 0 {
        let (files, were) = if skipped == 1 { ("file", "was") } else { ("files", "were") };
        line.push_str(&format!(
            "; {skipped} {files} with errors {were} not checked for links, alt text or headings: fix them and check again"
        ));
    }
    line
}

/// Reads a file of the site for showing its lines in reports.
pub fn source_reader(root: &Path) -> impl Fn(&str) -> Option<String> + '_ {
    move |file| std::fs::read_to_string(root.join(file)).ok()
}
