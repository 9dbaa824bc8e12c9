//! Which files on disk belong to a site: those that really lie inside the site folder (after
//! following links) and outside any version-control folder. Nothing else is read or published.

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
}

impl Refusal {
    /// Why, in a few words for an editor; never names or shows the link's target.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::Outside => "it is a link to a file outside the site folder",
            Refusal::VersionControl => "it is inside a version-control folder (such as .git)",
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

    /// Every regular file under `dir` (following links, skipping hidden files and
    /// version-control folders), sorted, and the files refused with why.
    pub fn files_under(&self, dir: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, Refusal)>) {
        let (mut files, mut refused) = (Vec::new(), Vec::new());
        if !dir.is_dir() {
            return (files, refused);
        }
        let dir_is_own = self.check(dir).is_ok();
        let mut linked_folders: Vec<PathBuf> = Vec::new();
        let walk = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !is_version_control(e.file_name()));
        for entry in walk.filter_map(Result::ok) {
            if entry.file_type().is_dir() && entry.path_is_symlink() {
                linked_folders.push(entry.path().to_path_buf());
            }
            if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let through_link =
                entry.path_is_symlink() || linked_folders.iter().any(|folder| entry.path().starts_with(folder));
            match self.check_found(entry.path(), dir_is_own, through_link) {
                Ok(()) => files.push(entry.into_path()),
                Err(why) => refused.push((entry.into_path(), why)),
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

    #[test]
    fn links_count_only_when_they_stay_inside_and_out_of_version_control() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("site");
        std::fs::create_dir_all(root.join("static/css")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("images")).unwrap();
        std::fs::write(outer.path().join("secret.txt"), "s").unwrap();
        std::fs::write(root.join(".git/config"), "token").unwrap();
        std::fs::write(root.join("images/a.png"), "a").unwrap();
        std::fs::write(root.join("static/css/site.css"), "c").unwrap();
        symlink(outer.path().join("secret.txt"), root.join("static/secret.txt")).unwrap();
        symlink(root.join(".git"), root.join("static/repo")).unwrap();
        symlink(root.join("images"), root.join("static/images")).unwrap();
        std::fs::create_dir_all(root.join("static/nested/.git")).unwrap();
        std::fs::write(root.join("static/nested/.git/HEAD"), "h").unwrap();
        let site = SiteFolder::open(&root).unwrap();
        let (files, refused) = site.files_under(&root.join("static"));
        let names = |paths: Vec<PathBuf>| -> Vec<String> {
            paths.iter().map(|p| p.strip_prefix(root.join("static")).unwrap().to_string_lossy().into_owned()).collect()
        };
        assert_eq!(names(files), ["css/site.css", "images/a.png"]);
        let refused: Vec<(String, Refusal)> = refused
            .into_iter()
            .map(|(p, r)| (p.strip_prefix(root.join("static")).unwrap().to_string_lossy().into_owned(), r))
            .collect();
        assert_eq!(
            refused,
            [("repo/config".to_string(), Refusal::VersionControl), ("secret.txt".to_string(), Refusal::Outside)]
        );
    }

    #[test]
    fn a_walked_folder_that_is_itself_a_link_out_of_the_site_gives_nothing() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("site");
        std::fs::create_dir_all(outer.path().join("elsewhere/deep")).unwrap();
        std::fs::create_dir_all(root.join(".git/objects")).unwrap();
        std::fs::write(outer.path().join("elsewhere/deep/a.md"), "a").unwrap();
        std::fs::write(root.join(".git/objects/b.md"), "b").unwrap();
        symlink(outer.path().join("elsewhere"), root.join("content")).unwrap();
        symlink(root.join(".git"), root.join("static")).unwrap();
        let site = SiteFolder::open(&root).unwrap();
        let (files, refused) = site.files_under(&root.join("content"));
        assert!(files.is_empty(), "{files:?}");
        assert_eq!(refused, [(root.join("content/deep/a.md"), Refusal::Outside)]);
        let (files, refused) = site.files_under(&root.join("static"));
        assert!(files.is_empty(), "{files:?}");
        assert_eq!(refused, [(root.join("static/objects/b.md"), Refusal::VersionControl)]);
    }
}
