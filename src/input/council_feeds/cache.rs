//! The last good copy of each council's feed, kept outside the site's working tree (the user's
//! cache folder, or `--cache-dir`) so that nothing a contributor commits can pose as one. Each
//! copy names the feed address it was read from and is used only for that address; a copy that
//! git tracks, or that is a link, is never read.

use super::FeedCopy;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where a site's kept copies live.
#[derive(Debug, Clone)]
pub struct Cache {
    folder: PathBuf,
}

impl Cache {
    /// The cache of the site at `root`: `dir` when given (`--cache-dir`), else a folder of its own
    /// in the user's cache folder (`~/.cache/jobsite/sources/<site>-<hash of its path>` on Linux),
    /// or, where the system names none, in the system's temporary folder.
    pub fn for_site(root: &Path, dir: Option<&Path>) -> Cache {
        if let Some(dir) = dir {
            return Cache { folder: dir.to_path_buf() };
        }
        let real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
        let name: String =
            name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
        let hash = xxhash_rust::xxh3::xxh3_64(real.to_string_lossy().as_bytes());
        let base = dirs::cache_dir().unwrap_or_else(std::env::temp_dir);
        Cache { folder: base.join("jobsite").join("sources").join(format!("{name}-{hash:016x}")) }
    }

    #[cfg(test)]
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Where the copy of the source called `slug` is kept.
    pub fn path(&self, slug: &str) -> PathBuf {
        self.folder.join(format!("{slug}.json"))
    }
}

/// The last good copy of each source (`(slug, feed)`), if one was kept from that feed address and
/// is a plain file that git does not track. Git is asked once for every source.
pub fn read_caches(cache: &Cache, sources: &[(&str, &str)]) -> Vec<Option<FeedCopy>> {
    if !std::fs::symlink_metadata(&cache.folder).is_ok_and(|m| m.is_dir()) {
        return sources.iter().map(|_| None).collect();
    }
    let names: Vec<String> = sources.iter().map(|(slug, _)| format!("{slug}.json")).collect();
    let tracked = crate::input::git_files::tracked(&cache.folder, &names);
    sources
        .iter()
        .zip(&names)
        .map(|((slug, feed), name)| {
            let path = cache.path(slug);
            if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) || tracked.contains(name) {
                return None;
            }
            let copy: FeedCopy = serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
            (copy.source == *feed).then_some(copy)
        })
        .collect()
}

/// The last good copy of the one source called `slug` read from `feed` (see [`read_caches`]).
#[cfg(test)]
pub fn read_cache(cache: &Cache, slug: &str, feed: &str) -> Option<FeedCopy> {
    read_caches(cache, &[(slug, feed)]).pop().flatten()
}

/// Keeps `copy` as the last good copy of the source called `slug`, replacing the old one whole:
/// written beside it, flushed to the disk, then moved into place, so a copy is never
/// half-written; on failure the partial file is removed.
pub fn write_cache(cache: &Cache, slug: &str, copy: &FeedCopy) -> io::Result<()> {
    if std::fs::symlink_metadata(&cache.folder).is_ok_and(|m| !m.is_dir()) {
        return Err(io::Error::other("the cache folder is a link or a file"));
    }
    std::fs::create_dir_all(&cache.folder)?;
    let path = cache.path(slug);
    let partial = cache.folder.join(format!(".{slug}.json.partial"));
    let written = (|| {
        // A partial file left by a stopped run (or a link put there) goes first: never written through.
        match std::fs::remove_file(&partial) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut file = std::fs::File::options().write(true).create_new(true).open(&partial)?;
        file.write_all(&serde_json::to_vec(copy).map_err(io::Error::from)?)?;
        file.sync_all()?;
        std::fs::rename(&partial, &path)?;
        #[cfg(unix)]
        std::fs::File::open(&cache.folder)?.sync_all()?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::council_feeds::FeedPage;

    fn copy(source: &str) -> FeedCopy {
        FeedCopy {
            source: source.into(),
            pages: vec![FeedPage {
                url: source.into(),
                etag: Some("\"1\"".into()),
                last_modified: None,
                body: "{}".into(),
            }],
        }
    }

    #[test]
    fn a_copy_is_written_whole_and_read_back_only_for_its_own_feed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::for_site(dir.path(), Some(&dir.path().join("cache")));
        assert_eq!(read_cache(&cache, "a", "https://a.example/feed.json"), None);
        write_cache(&cache, "a", &copy("https://a.example/feed.json")).unwrap();
        assert_eq!(read_cache(&cache, "a", "https://a.example/feed.json"), Some(copy("https://a.example/feed.json")));
        assert_eq!(read_cache(&cache, "a", "https://evil.example/feed.json"), None, "bound to its source");
        let names: Vec<_> = std::fs::read_dir(cache.folder()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.json"], "no partial file is left");
    }

    #[test]
    fn a_failed_write_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::for_site(dir.path(), Some(&dir.path().join("cache")));
        std::fs::create_dir_all(cache.path("a")).unwrap();
        assert!(write_cache(&cache, "a", &copy("f")).is_err(), "a folder stands where the copy goes");
        let names: Vec<_> = std::fs::read_dir(cache.folder()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.json"]);
    }

    #[test]
    fn the_default_cache_is_outside_the_site_and_differs_by_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("one")).unwrap();
        std::fs::create_dir_all(dir.path().join("two")).unwrap();
        let one = Cache::for_site(&dir.path().join("one"), None);
        let two = Cache::for_site(&dir.path().join("two"), None);
        assert!(!one.folder().starts_with(dir.path()), "{}", one.folder().display());
        assert_ne!(one.folder(), two.folder());
    }

    #[cfg(unix)]
    #[test]
    fn a_copy_that_is_a_link_or_that_git_tracks_is_never_read() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("cache");
        let cache = Cache::for_site(dir.path(), Some(&folder));
        write_cache(&cache, "real", &copy("f")).unwrap();
        std::os::unix::fs::symlink(folder.join("real.json"), folder.join("linked.json")).unwrap();
        assert_eq!(read_cache(&cache, "linked", "f"), None);
        let git = |args: &[&str]| {
            let ok = std::process::Command::new("git").arg("-C").arg(&folder).args(args).output().unwrap();
            assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
        };
        git(&["init", "-q"]);
        git(&["add", "real.json"]);
        assert_eq!(read_cache(&cache, "real", "f"), None, "a committed copy is not trusted");
    }
}
