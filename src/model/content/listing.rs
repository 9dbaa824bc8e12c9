//! Which files under `content/` are read, and reading one: the content folders, markdown files
//! only (others are pointed out), nothing through a link out of the site folder, no file too large
//! or not UTF-8.

use super::Kind;
use crate::diagnostics::{relative_name, Diagnostic, Diagnostics};
use crate::input::site_files::SiteFolder;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A markdown file found under `content/`.
#[derive(Debug, Clone)]
pub(super) struct Source {
    pub(super) kind: Kind,
    pub(super) stem: String,
    pub(super) file: String,
    pub(super) text: String,
}

/// The largest content file read: far beyond any advert, small enough to keep a build quick.
const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

fn too_large(file: &str, bytes: u64) -> Diagnostic {
    Diagnostic::error(
        file,
        format!("this file is too large to be a page ({:.1} MB; the limit is 5 MB)", bytes as f64 / 1_048_576.0),
    )
    .hint("split it into several pages, or move large material (such as a PDF) into static/ and link to it")
}

pub(super) fn not_utf8(file: &str) -> Diagnostic {
    Diagnostic::error(file, "this file is not UTF-8 text")
        .hint("save it again as UTF-8 (in most editors: Save As, Encoding: UTF-8)")
}

/// A markdown file to read: its kind (from its folder) and path.
pub(super) type Listed = (Kind, PathBuf);

/// Every markdown file under `content/`, sorted, without reading them. With `optional`, a site
/// without a `content/` folder has no files rather than an error.
pub(super) fn list_files(root: &Path, optional: bool, found: &mut Diagnostics) -> Vec<Listed> {
    let content = root.join("content");
    let entries = match std::fs::read_dir(&content) {
        Ok(e) => e,
        Err(e) if optional && e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            found.push(Diagnostic::io(root, &content, "read the content folder", &e));
            return Vec::new();
        }
    };
    // Each path with whether it is reached through a link (the file or its folder is one).
    let mut entries: Vec<(PathBuf, bool)> =
        entries.filter_map(Result::ok).map(|e| (e.path(), e.file_type().map_or(true, |t| t.is_symlink()))).collect();
    entries.sort();
    let mut listed: Vec<(Kind, PathBuf, bool)> = Vec::new();
    for (path, linked) in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            match Kind::of_folder(&name) {
                Some(kind) => listed
                    .extend(markdown_files(root, &path, found).into_iter().map(|(p, link)| (kind, p, linked || link))),
                None => found.push(
                    Diagnostic::warning(
                        relative_name(root, &path),
                        "this folder is not a content type, so its files are not published",
                    )
                    .hint(format!("content folders are: {}", Kind::folders().collect::<Vec<_>>().join(", "))),
                ),
            }
        } else if is_markdown(&path) && path.is_file() {
            listed.push((Kind::Page, path, linked));
        } else if let Some(d) = not_read(root, &path) {
            found.push(d);
        }
    }
    let Ok(site) = SiteFolder::open(root) else { return listed.into_iter().map(|(s, p, _)| (s, p)).collect() };
    let content_is_own = site.check(&content).is_ok();
    listed
        .into_iter()
        .filter(|(_, path, linked)| match site.check_found(path, content_is_own, *linked) {
            Ok(()) => true,
            Err(why) => {
                found.push(
                    Diagnostic::error(relative_name(root, path), format!("this file is not read: {}", why.reason()))
                        .hint("copy the file into the site folder instead of linking to it"),
                );
                false
            }
        })
        .map(|(kind, path, _)| (kind, path))
        .collect()
}

/// Reads one listed file; `None` if it has gone since it was listed.
pub(super) fn read_source(root: &Path, (kind, path): Listed) -> Option<Result<Source, Diagnostic>> {
    let file = relative_name(root, &path);
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    // One open, one look at its size, one read (the size is the file's, not the path's again).
    let Ok(mut opened) = std::fs::File::open(&path) else { return None };
    let length = match opened.metadata() {
        Ok(m) if m.len() > MAX_FILE_BYTES => return Some(Err(too_large(&file, m.len()))),
        Ok(m) => m.len(),
        Err(_) => return None,
    };
    let mut bytes = Vec::with_capacity(length as usize);
    // Read through `take`, which also bounds a file that grows meanwhile (`File`'s own
    // `read_to_end` would look at the size again).
    let read = opened.by_ref().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes);
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Some(Err(too_large(&file, bytes.len() as u64)));
    }
    match read.map(|_| bytes) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(Ok(Source { kind, stem, file, text })),
            Err(_) => Some(Err(not_utf8(&file))),
        },
        Err(e) => Some(Err(Diagnostic::io(root, &path, "read this file", &e))),
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
        && path.file_name().is_some_and(|n| !n.to_string_lossy().starts_with('.'))
}

/// The markdown files directly in a content folder, sorted; anything else in it is pointed out.
fn markdown_files(root: &Path, dir: &Path, found: &mut Diagnostics) -> Vec<(PathBuf, bool)> {
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    let entries = walkdir::WalkDir::new(dir).min_depth(1).max_depth(1).sort_by_file_name();
    for entry in entries.into_iter().filter_map(Result::ok) {
        let linked = entry.path_is_symlink();
        // A link is followed to see what it leads to; anything else is what the folder says.
        let is_file = if linked { entry.path().is_file() } else { entry.file_type().is_file() };
        let path = entry.into_path();
        if is_markdown(&path) && is_file {
            files.push((path, linked));
        } else if let Some(d) = not_read(root, &path) {
            found.push(d);
        }
    }
    files
}

/// A warning for a file or folder under `content/` that will not be published, saying what to
/// do instead; none for hidden files (`.DS_Store`, `.gitkeep`), which editors never mean to publish.
fn not_read(root: &Path, path: &Path) -> Option<Diagnostic> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    if name.starts_with('.') || name.starts_with('~') {
        return None;
    }
    let file = relative_name(root, path);
    if path.is_dir() {
        let hint = "move its files up into the content folder: folders inside it are not read";
        return Some(Diagnostic::warning(file, "this folder is not read, so its files are not published").hint(hint));
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let renamed = format!("{}.md", slug::slugify(&stem));
    let hint = match extension.as_str() {
        "md" | "markdown" | "mdown" | "mkd" | "txt" | "text" => format!("rename it to `{renamed}`"),
        "docx" | "doc" | "odt" | "rtf" | "pages" => {
            format!("jobsite reads markdown only: copy the text into a new file `{renamed}` (`jobsite new` starts one)")
        }
        _ => "put pictures and documents in static/ and link to them from a page".to_string(),
    };
    Some(Diagnostic::warning(file, "this file is not published: only files ending in .md are read").hint(hint))
}
