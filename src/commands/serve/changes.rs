//! Decides which file-system changes matter to a preview and how much they make it rebuild.
//! Knows nothing of HTTP or of the watcher library.

use std::path::Path;

/// How much of the site a batch of changes makes the preview rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// Only these vacancy files (by file stem) changed, were added or removed.
    Vacancies(Vec<String>),
    /// Only stylesheets changed: rebuild, and swap stylesheets in the browser without reloading.
    Styles,
    /// Anything else: rebuild everything.
    Everything,
}

/// Whether a file name is an editor's temporary, backup, lock or swap file (vim, emacs,
/// JetBrains, VS Code, Helix, Kate and others), which never changes the site.
pub fn is_editor_scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        || [".swp", ".swo", ".swx", ".swpx", ".tmp", ".bak", ".crswap", ".kate-swp", ".part"]
            .iter()
            .any(|e| name.ends_with(e))
}

/// Whether a changed file (relative to the site root, forward slashes) can change the site.
/// (A folder under `content/` matters too; only the watcher can tell a folder from a file.)
pub fn matters(relative: &str) -> bool {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    if name.is_empty() || is_editor_scratch(name) {
        return false;
    }
    let top = relative.split('/').next().unwrap_or("");
    match top {
        "site.yaml" => relative == "site.yaml",
        "content" => relative.ends_with(".md"),
        "templates" | "static" | "themes" => true,
        _ => false,
    }
}

/// Classifies a batch of changed paths (relative to the site root) that matter.
pub fn classify<'a>(changed: impl IntoIterator<Item = &'a str>) -> Rebuild {
    let mut stems = Vec::new();
    let mut styles_only = true;
    let mut vacancies_only = true;
    let mut any = false;
    for path in changed {
        any = true;
        let is_css = path.ends_with(".css") && (path.starts_with("static/") || path.contains("/static/"));
        styles_only &= is_css;
        match path.strip_prefix("content/jobs/").and_then(|rest| rest.strip_suffix(".md")) {
            Some(stem) if !stem.contains('/') => stems.push(stem.to_string()),
            _ => vacancies_only = false,
        }
    }
    if !any {
        Rebuild::Everything
    } else if vacancies_only {
        stems.sort();
        stems.dedup();
        Rebuild::Vacancies(stems)
    } else if styles_only {
        Rebuild::Styles
    } else {
        Rebuild::Everything
    }
}

/// `path` relative to `root`, with forward slashes, if it is inside it.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(root).ok().map(|p| p.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_scratch_files_are_ignored() {
        for name in [".x.md.swp", "x.md~", "4913", ".#x.md", "#x.md#", "x.md___jb_tmp___", "x.md.tmp", "x.md.crswap"] {
            assert!(!matters(&format!("content/jobs/{name}")), "{name}");
        }
        assert!(matters("content/jobs/x.md"));
        assert!(!matters("content/jobs/sedX1b2c3"), "sed -i's temporary file");
        assert!(matters("site.yaml"));
        assert!(matters("templates/base.html"));
        assert!(!matters("public/index.html"));
        assert!(!matters("target/debug/x"));
        assert!(!matters("site.yaml.swp"));
    }

    #[test]
    fn vacancy_edits_rebuild_only_vacancies() {
        assert_eq!(
            classify(["content/jobs/b.md", "content/jobs/a.md", "content/jobs/b.md"]),
            Rebuild::Vacancies(vec!["a".into(), "b".into()])
        );
        assert_eq!(classify(["content/jobs/a.md", "site.yaml"]), Rebuild::Everything);
        assert_eq!(classify(["content/campaigns/a.md"]), Rebuild::Everything);
        assert_eq!(classify(["static/css/site.css", "themes/default/static/css/site.css"]), Rebuild::Styles);
        assert_eq!(classify(["static/css/site.css", "templates/base.html"]), Rebuild::Everything);
    }
}
