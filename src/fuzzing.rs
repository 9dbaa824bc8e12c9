//! Entry points for the fuzz targets in `fuzz/` and for the tests that replay their corpus: each
//! takes arbitrary bytes and must return without panicking, whatever they hold.

use crate::commands::build;
use crate::model::config::{self, Site};
use crate::model::content::{self, vacancy};
use crate::model::publish::Rules;
use std::sync::OnceLock;

const SITE: &str = "title: Fuzz Careers\nbase_url: https://fuzz.example/\norganisation:\n  name: Fuzz Council\nlevels: [Social Worker, Team Manager]\nteams: [Fostering, Care Leavers]\nlocations:\n  - name: Town Hall\n    postcode: FZ1 1AA\n";

fn site() -> &'static Site {
    static SITE_VALUE: OnceLock<Site> = OnceLock::new();
    SITE_VALUE.get_or_init(|| config::parse_site(SITE).expect("the fuzzing site is valid"))
}

/// Reads `data` as a vacancy file.
pub fn front_matter(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::input::frontmatter::split(text);
        let _ = vacancy::parse(text, "content/jobs/fuzz.md", "fuzz", site());
        let _ = config::parse_site(text);
    }
}

/// Renders `data` as a markdown body, and that HTML as plain text (as Find a job reads it).
pub fn markdown(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let rendered = crate::input::markdown::render(text);
        let _ = crate::input::html_text::to_plain_text(&rendered.html);
    }
}

/// Builds a small site, in memory, whose one vacancy file is `data`.
pub fn site_build(data: &[u8]) {
    static ROOT: OnceLock<std::path::PathBuf> = OnceLock::new();
    let root = ROOT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("jobsite-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("content/jobs")).expect("content/jobs");
        std::fs::write(dir.join("site.yaml"), SITE).expect("site.yaml");
        dir
    });
    if std::fs::write(root.join("content/jobs/fuzz.md"), data).is_err() {
        return;
    }
    let rules = Rules { now: "2026-11-22T12:00:00Z".parse().expect("a time"), drafts: true, internal: true };
    if let Ok((library, _)) = content::load(root) {
        if let Ok(theme) = crate::output::theme::load(root, &library.site) {
            let prepared = crate::output::prepared::Prepared::plan(library, std::sync::Arc::new(theme), rules);
            let _ = build::render_all(&prepared);
        }
    }
}
