//! Which files on disk belong to a site: those that really lie inside the site folder (after
//! following links) and outside any version-control folder. In the folders that are published or
//! rendered (`static/`, `templates/`, `themes/`) a link is followed only to a plain file in the
//! same folder, never to a folder, and hidden folders are skipped. Nothing else is read or published.

use std::io;
use std::path::{Component, Path, PathBuf};

/// Folders that version-control systems keep their data in (remote addresses, tokens, history).
pub const VERSION_CONTROL: [&str; 9] = [".git", ".hg", ".svn", ".bzr", "_darcs", "CVS", ".jj", ".pijul", ".fossil"];

/// Why a file is not one of the site's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A link (or under a linked folder) that leads outside the site folder.
    Outside,
    /// Inside a version-control folder, or a link into one.
    VersionControl,
    /// A link to a file of the site that lies outside the folder the link is in.
    OutsideFolder,
    /// A link to a folder (or the folder itself is one), which is never followed.
    LinkedFolder,
}

impl Refusal {
    /// Why, in a few words for an editor; never names or shows the link's target.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::Outside => "it is a link to a file outside the site folder",
            Refusal::VersionControl => "it is inside a version-control folder (such as .git)",
            Refusal::OutsideFolder => {
                "it is a link to a file outside its own folder, and links are followed only to files in the same folder"
            }
            Refusal::LinkedFolder => "it is a link to a folder, and links to folders are never followed",
        }
    }
}

/// The site folder, resolved once.
#[derive(Debug, Clone)]
pub struct SiteFolder {
    real_root: PathBuf,
}

fn is_version_control(name: &std::ffi::OsStr) -> bool {
    VERSION_CONTROL.iter().any(|v| name == *v)
}

impl SiteFolder {
    pub fn open(root: &Path) -> io::Result<SiteFolder> {
        Ok(SiteFolder { real_root: std::fs::canonicalize(root)? })
    }

    /// The real path of `path` if it is one of the site's own files.
    pub fn check(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = std::fs::canonicalize(path).map_err(|_| Refusal::Outside)?;
        let inside = real.strip_prefix(&self.real_root).map_err(|_| Refusal::Outside)?;
        if inside.components().any(|c| matches!(c, Component::Normal(n) if is_version_control(n))) {
            return Err(Refusal::VersionControl);
        }
        Ok(real)
    }

    /// As [`SiteFolder::check`], for a file found walking a folder: a file reached through no
    /// link (neither it nor a folder between) under a folder that is the site's own lies inside
    /// as that folder does, so it is not resolved again (resolving every file cost a large site
    /// tens of thousands of system calls). `folder_is_own` is `check(folder).is_ok()`.
    pub fn check_found(&self, path: &Path, folder_is_own: bool, through_link: bool) -> Result<(), Refusal> {
        if folder_is_own && !through_link {
            return Ok(());
        }
        self.check(path).map(drop)
    }

    /// Every plain file under `dir`, sorted, and the files refused with why. Links are followed
    /// only to plain files inside `dir` itself; a link to a folder, or `dir` being one, is refused;
    /// hidden files and folders are skipped (but `.well-known`), and so are version-control
    /// folders and anything that is not a plain file (a pipe, a device).
    pub fn files_under(&self, dir: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, Refusal)>) {
        let (mut files, mut refused) = (Vec::new(), Vec::new());
        let Ok(meta) = std::fs::symlink_metadata(dir) else { return (files, refused) };
        if meta.file_type().is_symlink() {
            refused.push((dir.to_path_buf(), Refusal::LinkedFolder));
            return (files, refused);
        }
        if !meta.is_dir() {
            return (files, refused);
        }
        let real_dir = match self.check(dir) {
            Ok(real) => real,
            Err(why) => {
                refused.push((dir.to_path_buf(), why));
                return (files, refused);
            }
        };
        let walk = walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name().into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(is_version_control(e.file_name())
                    || (e.file_type().is_dir() && name.starts_with('.') && name != ".well-known"))
        });
        for entry in walk.filter_map(Result::ok) {
            let kind = entry.file_type();
            if kind.is_dir() || entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if kind.is_file() {
                files.push(entry.into_path());
                continue;
            }
            if !kind.is_symlink() {
                continue;
            }
            match std::fs::metadata(entry.path()) {
                Ok(m) if m.is_dir() => refused.push((entry.into_path(), Refusal::LinkedFolder)),
                Ok(m) if m.is_file() => match self.check(entry.path()) {
                    Ok(real) if real.starts_with(&real_dir) => files.push(entry.into_path()),
                    Ok(_) => refused.push((entry.into_path(), Refusal::OutsideFolder)),
                    Err(why) => refused.push((entry.into_path(), why)),
                },
                // A broken link, or one to something that is not a file: nothing to publish.
                _ => {}
            }
        }
        files.sort();
        (files, refused)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn relative(root: &Path, paths: Vec<PathBuf>) -> Vec<String> {
        paths.iter().map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn links_are_followed_only_to_plain_files_in_the_same_folder() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("site");
        for folder in ["static/css", ".git", "images", "content", "static/.well-known", "static/.hidden"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        std::fs::write(outer.path().join("secret.txt"), "s").unwrap();
        std::fs::write(root.join(".git/config"), "token").unwrap();
        std::fs::write(root.join("site.yaml"), "title: x").unwrap();
        std::fs::write(root.join("content/draft.md"), "draft").unwrap();
        std::fs::write(root.join("images/a.png"), "a").unwrap();
        std::fs::write(root.join("static/css/site.css"), "c").unwrap();
        std::fs::write(root.join("static/.well-known/security.txt"), "w").unwrap();
        std::fs::write(root.join("static/.hidden/x.txt"), "h").unwrap();
        symlink(outer.path().join("secret.txt"), root.join("static/secret.txt")).unwrap();
        symlink(root.join(".git"), root.join("static/repo")).unwrap();
        symlink(root.join(".git/config"), root.join("static/gitcfg")).unwrap();
        symlink(root.join("images"), root.join("static/images")).unwrap();
        symlink("..", root.join("static/siteroot")).unwrap();
        symlink("../site.yaml", root.join("static/site.yaml")).unwrap();
        symlink("../content/draft.md", root.join("static/draft.md")).unwrap();
        symlink("css/site.css", root.join("static/same.css")).unwrap();
        std::fs::create_dir_all(root.join("static/nested/.git")).unwrap();
        std::fs::write(root.join("static/nested/.git/HEAD"), "h").unwrap();
        let site = SiteFolder::open(&root).unwrap();
        let static_dir = root.join("static");
        let (files, refused) = site.files_under(&static_dir);
        assert_eq!(relative(&static_dir, files), [".well-known/security.txt", "css/site.css", "same.css"]);
        let refused: Vec<(String, Refusal)> = refused
            .into_iter()
            .map(|(p, r)| (p.strip_prefix(&static_dir).unwrap().to_string_lossy().into_owned(), r))
            .collect();
        assert_eq!(
            refused,
            [
                ("draft.md".to_string(), Refusal::OutsideFolder),
                ("gitcfg".to_string(), Refusal::VersionControl),
                ("images".to_string(), Refusal::LinkedFolder),
                ("repo".to_string(), Refusal::LinkedFolder),
                ("secret.txt".to_string(), Refusal::Outside),
                ("site.yaml".to_string(), Refusal::OutsideFolder),
                ("siteroot".to_string(), Refusal::LinkedFolder),
            ]
        );
    }

    #[test]
    fn a_walked_folder_that_is_itself_a_link_gives_nothing() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("site");
        std::fs::create_dir_all(outer.path().join("elsewhere/deep")).unwrap();
        std::fs::create_dir_all(root.join(".git/objects")).unwrap();
        std::fs::create_dir_all(root.join("assets")).unwrap();
        std::fs::write(outer.path().join("elsewhere/deep/a.md"), "a").unwrap();
        std::fs::write(root.join(".git/objects/b.md"), "b").unwrap();
        std::fs::write(root.join("assets/c.css"), "c").unwrap();
        symlink(outer.path().join("elsewhere"), root.join("templates")).unwrap();
        symlink(root.join(".git"), root.join("static")).unwrap();
        let site = SiteFolder::open(&root).unwrap();
        for linked in ["templates", "static"] {
            let (files, refused) = site.files_under(&root.join(linked));
            assert!(files.is_empty(), "{files:?}");
            assert_eq!(refused, [(root.join(linked), Refusal::LinkedFolder)]);
        }
    }
}
