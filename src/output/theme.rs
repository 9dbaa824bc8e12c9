//! Finds the templates and static files a build uses: the theme's (the default theme is built into
//! the binary), overridden by the site's own `templates/` and `static/`, and parses templates once.

use crate::diagnostics::{relative_name, Diagnostic, Diagnostics};
use crate::input::site_files::SiteFolder;
use crate::model::config::Site;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/", $name)))),*]
    };
}

/// The default theme, as shipped in the binary, so any site folder builds without a copy of it.
const DEFAULT_THEME: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/macros.html",
    "templates/card.html",
    "templates/home.html",
    "templates/jobs.html",
    "templates/vacancy.html",
    "templates/taxonomy.html",
    "templates/campaign.html",
    "templates/stories.html",
    "templates/story.html",
    "templates/benefits.html",
    "templates/news.html",
    "templates/news_item.html",
    "templates/events.html",
    "templates/page.html",
    "templates/pay.html",
    "templates/404.html",
    "static/css/site.css",
    "static/js/search.js",
];

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A file copied as it is into the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Output path relative to the output folder, with forward slashes.
    pub path: String,
    pub source: StaticSource,
}

/// Parsed templates and the static files to copy, sorted by output path.
pub struct Theme {
    pub tera: Tera,
    pub statics: Vec<StaticFile>,
    /// Files left out (such as links that lead outside the site folder), to tell the editor.
    pub warnings: Diagnostics,
}

/// Loads the theme named in `site.yaml` and the site's own overrides.
pub fn load(root: &Path, site: &Site) -> Result<Theme, Diagnostics> {
    let mut problems = Diagnostics::default();
    let site_folder = SiteFolder::open(root)
        .map_err(|e| Diagnostics(vec![Diagnostic::io(root, root, "read the site folder", &e)]))?;
    let mut templates: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut statics: BTreeMap<String, StaticSource> = BTreeMap::new();
    let theme_dir = root.join("themes").join(&site.theme);
    if theme_dir.is_dir() {
        read_dir_into(&site_folder, root, &theme_dir.join("templates"), &mut templates, &mut problems);
        list_statics(&site_folder, root, &theme_dir.join("static"), &mut statics, &mut problems);
    } else if site.theme == "default" {
        for (name, bytes) in DEFAULT_THEME {
            if let Some(t) = name.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(bytes).into_owned();
                templates.insert(t.to_string(), (format!("themes/default/{name} (built in)"), text));
            } else if let Some(s) = name.strip_prefix("static/") {
                statics.insert(s.to_string(), StaticSource::Embedded(bytes));
            }
        }
    } else {
        problems.push(
            Diagnostic::error("site.yaml", format!("the theme `{}` was not found in themes/", site.theme))
                .field("theme")
                .hint("remove `theme:` to use the default theme, or add the theme's folder under themes/"),
        );
        return Err(problems);
    }
    read_dir_into(&site_folder, root, &root.join("templates"), &mut templates, &mut problems);
    list_statics(&site_folder, root, &root.join("static"), &mut statics, &mut problems);
    problems.extend(unreviewed_active_files(root, site, &statics));
    for (file, text) in templates.values() {
        problems.extend(environment_reads(file, text));
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut tera = new_tera();
    let sources: Vec<(&str, &str)> = templates.iter().map(|(name, (_, text))| (name.as_str(), text.as_str())).collect();
    if let Err(e) = tera.add_raw_templates(sources) {
        let file = template_file_of(&e, &templates);
        problems.push(Diagnostic::error(file, format!("the template could not be read: {}", error_chain(&e))));
        return Err(problems);
    }
    let statics = statics.into_iter().map(|(path, source)| StaticFile { path, source }).collect();
    Ok(Theme { tera, statics, warnings: problems })
}

/// A Tera with the theme's escaping and without `get_env`, which would let a template print the
/// build machine's secrets (CI keeps tokens in the environment): it is replaced by a function that
/// always fails, in case a use ever slips past `environment_reads`.
fn new_tera() -> Tera {
    let mut tera = Tera::default();
    tera.set_escape_fn(escape_html);
    for name in ENVIRONMENT_FUNCTIONS {
        tera.register_function(name, |_: &std::collections::HashMap<String, tera::Value>| {
            Err(tera::Error::msg("templates cannot read the environment"))
        });
    }
    tera
}

/// Tera functions that read the build machine's environment, which no template may call.
const ENVIRONMENT_FUNCTIONS: [&str; 1] = ["get_env"];

/// An error for each place `text` (a template) calls a function that reads the environment
/// (the name, then `(` after any spaces or line breaks, as Tera reads a call).
fn environment_reads(file: &str, text: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for name in ENVIRONMENT_FUNCTIONS {
        for (at, _) in text.match_indices(name) {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].trim_start();
            if after.starts_with('(') && !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                let line = text[..at].matches('\n').count() + 1;
                let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
                found.push(
                    Diagnostic::error(file, format!("templates cannot read the environment (`{name}`)"))
                        .at(line, column)
                        .hint("the build machine's environment holds secrets such as CI tokens; put the value in site.yaml instead"),
                );
            }
        }
    }
    found
}

fn read_dir_into(
    site: &SiteFolder,
    root: &Path,
    dir: &Path,
    out: &mut BTreeMap<String, (String, String)>,
    problems: &mut Diagnostics,
) {
    let (files, refused) = site.files_under(dir);
    for (path, why) in refused {
        problems.push(
            Diagnostic::error(relative_name(root, &path), format!("this template is not used: {}", why.reason()))
                .hint("copy the template into the site folder instead of linking to it"),
        );
    }
    for path in files {
        let name = relative_name(dir, &path);
        if !name.ends_with(".html") && !name.ends_with(".xml") && !name.ends_with(".txt") {
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                out.insert(name, (relative_name(root, &path), text));
            }
            Err(e) => problems.push(Diagnostic::io(root, &path, "read this template", &e)),
        }
    }
}

fn list_statics(
    site: &SiteFolder,
    root: &Path,
    dir: &Path,
    out: &mut BTreeMap<String, StaticSource>,
    problems: &mut Diagnostics,
) {
    let (files, refused) = site.files_under(dir);
    for (path, why) in refused {
        problems.push(
            Diagnostic::warning(relative_name(root, &path), format!("this file is not published: {}", why.reason()))
                .hint("copy the file into the site folder instead of linking to it"),
        );
    }
    for path in files {
        out.insert(relative_name(dir, &path), StaticSource::Disk(path));
    }
}

/// Endings of files a browser can run script from when it opens them (a page, a picture drawn
/// as a document, a script): published from `static/` only with a warning until site.yaml lists
/// them under `reviewed_static_files`.
const ACTIVE_ENDINGS: [&str; 7] = [".html", ".htm", ".svg", ".js", ".mjs", ".xml", ".xhtml"];

/// A warning for each file of the site's own `static/` folder that can run script and is not
/// listed as reviewed.
fn unreviewed_active_files(root: &Path, site: &Site, statics: &BTreeMap<String, StaticSource>) -> Vec<Diagnostic> {
    let own = root.join("static");
    statics
        .iter()
        .filter(|(path, source)| {
            let lower = path.to_ascii_lowercase();
            matches!(source, StaticSource::Disk(file) if file.starts_with(&own))
                && ACTIVE_ENDINGS.iter().any(|e| lower.ends_with(e))
                && !site.reviewed_static_files.iter().any(|r| r == *path)
        })
        .map(|(path, _)| {
            Diagnostic::warning(
                format!("static/{path}"),
                "this file can run script in a reader's browser, and it is published as it is, unchecked",
            )
            .hint(format!(
                "check that it holds no script you did not expect, then list it in site.yaml under reviewed_static_files: [{path}]"
            ))
        })
        .collect()
}

fn template_file_of(e: &tera::Error, templates: &BTreeMap<String, (String, String)>) -> String {
    let text = error_chain(e);
    templates
        .iter()
        .find(|(name, _)| text.contains(&format!("'{name}'")))
        .map(|(_, (file, _))| file.clone())
        .unwrap_or_else(|| "templates".to_string())
}

/// Escapes text for HTML text and quoted attributes: `&`, `<`, `>`, `"` and `'`, nothing else,
/// so addresses stay readable in the output.
fn escape_html(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// A Tera error and its causes on one line.
pub fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_env_fails_when_rendered_and_is_found_in_template_text() {
        let mut tera = new_tera();
        tera.add_raw_template("t", "{{ get_env(name=\"PATH\") }}").unwrap();
        let error = tera.render("t", &tera::Context::new()).unwrap_err();
        assert!(error_chain(&error).contains("templates cannot read the environment"), "{}", error_chain(&error));
        let found =
            environment_reads("templates/t.html", "a\n{{ x }} {{ get_env (name=\"A\") }}\n{{ my_get_env(x=1) }}");
        assert_eq!(found.iter().map(|d| (d.line, d.column)).collect::<Vec<_>>(), [(2, 12)]);
    }
}
