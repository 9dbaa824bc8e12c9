//! Finds the templates and static files a build uses: the theme's (the default theme is built into
//! the binary), overridden by the site's own `templates/` and `static/`, and parses templates once.

use crate::config::Site;
use crate::diagnostics::{relative_name, Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../themes/default/", $name)))),*]
    };
}

/// The default theme, as shipped in the binary, so any site folder builds without a copy of it.
const DEFAULT_THEME: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/macros.html",
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
    "templates/404.html",
    "static/css/site.css",
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
}

/// Loads the theme named in `site.yaml` and the site's own overrides.
pub fn load(root: &Path, site: &Site) -> Result<Theme, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut templates: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut statics: BTreeMap<String, StaticSource> = BTreeMap::new();
    let theme_dir = root.join("themes").join(&site.theme);
    if theme_dir.is_dir() {
        read_dir_into(root, &theme_dir.join("templates"), &mut templates, &mut problems);
        list_statics(&theme_dir.join("static"), &mut statics);
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
    read_dir_into(root, &root.join("templates"), &mut templates, &mut problems);
    list_statics(&root.join("static"), &mut statics);
    if problems.has_errors() {
        return Err(problems);
    }
    let mut tera = Tera::default();
    tera.set_escape_fn(escape_html);
    let sources: Vec<(&str, &str)> = templates.iter().map(|(name, (_, text))| (name.as_str(), text.as_str())).collect();
    if let Err(e) = tera.add_raw_templates(sources) {
        let file = template_file_of(&e, &templates);
        problems.push(Diagnostic::error(file, format!("the template could not be read: {}", error_chain(&e))));
        return Err(problems);
    }
    let statics = statics.into_iter().map(|(path, source)| StaticFile { path, source }).collect();
    Ok(Theme { tera, statics })
}

fn read_dir_into(root: &Path, dir: &Path, out: &mut BTreeMap<String, (String, String)>, problems: &mut Diagnostics) {
    for path in files_under(dir) {
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

fn list_statics(dir: &Path, out: &mut BTreeMap<String, StaticSource>) {
    for path in files_under(dir) {
        out.insert(relative_name(dir, &path), StaticSource::Disk(path));
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
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
