//! Opens and makes files and folders under one folder without following any link on the way, so
//! that nothing a contributor commits inside an output or spare folder can send a write elsewhere.
//!
//! On Linux each file is opened with one `openat2` call relative to the folder's handle, with
//! `RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS`. Where that call is missing (kernels before 5.6, or a
//! sandbox that blocks it) and on other Unix systems, the path is walked a folder at a time with
//! `openat` and `O_NOFOLLOW`. On Windows every step of the path is looked at before the file is
//! opened. A link anywhere in the path is an error, never followed.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// How a file is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// To read an existing file.
    Read,
    /// To read and write, made if missing.
    Update,
    /// To read and write a file that must not exist yet.
    CreateNew,
}

/// A folder that files are opened under.
pub struct Beneath {
    path: PathBuf,
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
}

/// The error for a link found where a file or folder was expected.
fn link_error(relative: &str) -> io::Error {
    io::Error::other(format!("{relative} passes through a link, and jobsite never writes or reads through links"))
}

/// The folders and file name of `relative` (`jobs/a/index.html`), refusing anything that could
/// climb out of the folder or name it twice.
fn parts(relative: &str) -> io::Result<Vec<&str>> {
    check_plain(relative)?;
    Ok(relative.split('/').collect())
}

/// Refuses `relative` unless it is plain (see [`parts`]), without making a list of its parts:
/// every file a build writes is checked so.
fn check_plain(relative: &str) -> io::Result<()> {
    if relative.split('/').any(|p| p.is_empty() || p == "." || p == ".." || p.contains(['\\', '\0'])) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("{relative} is not a plain relative path")));
    }
    Ok(())
}

impl Beneath {
    /// Opens the folder at `path`, which must be a real folder, not a link to one.
    pub fn open(path: &Path) -> io::Result<Beneath> {
        if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
            return Err(link_error(&path.display().to_string()));
        }
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            let fd = rustix::fs::open(path, flags, Mode::empty())?;
            Ok(Beneath { path: path.to_path_buf(), fd })
        }
        #[cfg(not(unix))]
        {
            if !std::fs::symlink_metadata(path)?.is_dir() {
                return Err(io::Error::new(io::ErrorKind::NotADirectory, path.display().to_string()));
            }
            Ok(Beneath { path: path.to_path_buf() })
        }
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens the file at `relative` for `access`. A missing folder on the way is `NotFound`, a
    /// file where a folder should be `NotADirectory`, and a link anywhere an error.
    pub fn file(&self, relative: &str, access: Access) -> io::Result<File> {
        check_plain(relative)?;
        self.open_file(relative, access)
    }

    /// Makes the folder at `relative` and those above it, replacing a file or link that stands
    /// where one of them must go (the link itself is removed, never what it leads to). Safe to
    /// call from several threads at once.
    pub fn make_folders(&self, relative: &str) -> io::Result<()> {
        if relative.is_empty() {
            return Ok(());
        }
        let parts = parts(relative)?;
        self.make(&parts)
    }
}

#[cfg(unix)]
mod unix {
    use super::{link_error, Access, Beneath};
    use rustix::fs::{AtFlags, Mode, OFlags};
    use rustix::io::Errno;
    use std::fs::File;
    use std::io;
    use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

    /// Whether `openat2` failed as missing once, so the slower walk is used from then on.
    #[cfg(target_os = "linux")]
    static NO_OPENAT2: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

    fn flags(access: Access) -> OFlags {
        let base = OFlags::NOFOLLOW | OFlags::CLOEXEC;
        match access {
            Access::Read => base | OFlags::RDONLY,
            Access::Update => base | OFlags::RDWR | OFlags::CREATE,
            Access::CreateNew => base | OFlags::RDWR | OFlags::CREATE | OFlags::EXCL,
        }
    }

    const FILE_MODE: u32 = 0o644;
    const FOLDER_MODE: u32 = 0o755;

    /// Opens the folder `name` in `dir` without following a link; a link is an error.
    fn folder(dir: BorrowedFd<'_>, name: &str, relative: &str) -> io::Result<OwnedFd> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        rustix::fs::openat(dir, name, flags, Mode::empty()).map_err(|e| match e {
            Errno::LOOP => link_error(relative),
            // A link given O_DIRECTORY | O_NOFOLLOW is "not a folder" on some systems: say which.
            Errno::NOTDIR if is_link(dir, name) => link_error(relative),
            e => io::Error::from(e),
        })
    }

    fn is_link(dir: BorrowedFd<'_>, name: &str) -> bool {
        rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
            .is_ok_and(|s| rustix::fs::FileType::from_raw_mode(s.st_mode) == rustix::fs::FileType::Symlink)
    }

    impl Beneath {
        pub(super) fn open_file(&self, relative: &str, access: Access) -> io::Result<File> {
            #[cfg(target_os = "linux")]
            if !NO_OPENAT2.load(std::sync::atomic::Ordering::Relaxed) {
                use rustix::fs::ResolveFlags;
                let resolve = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS;
                // openat2 takes a mode only with O_CREAT.
                let mode = if access == Access::Read { Mode::empty() } else { Mode::from_raw_mode(FILE_MODE) };
                match rustix::fs::openat2(&self.fd, relative, flags(access), mode, resolve) {
                    Ok(fd) => return Ok(File::from(fd)),
                    Err(Errno::NOSYS | Errno::PERM) => NO_OPENAT2.store(true, std::sync::atomic::Ordering::Relaxed),
                    Err(Errno::LOOP | Errno::XDEV) => return Err(link_error(relative)),
                    Err(e) => return Err(e.into()),
                }
            }
            self.walk_open(relative, &relative.split('/').collect::<Vec<_>>(), access)
        }

        /// Opens the file a folder at a time, each step with `O_NOFOLLOW`.
        pub(super) fn walk_open(&self, relative: &str, parts: &[&str], access: Access) -> io::Result<File> {
            let (name, folders) = parts.split_last().expect("a path has a name");
            let mut held: Option<OwnedFd> = None;
            for part in folders {
                let dir = held.as_ref().map_or(self.fd.as_fd(), |f| f.as_fd());
                held = Some(folder(dir, part, relative)?);
            }
            let dir = held.as_ref().map_or(self.fd.as_fd(), |f| f.as_fd());
            match rustix::fs::openat(dir, *name, flags(access), Mode::from_raw_mode(FILE_MODE)) {
                Ok(fd) => Ok(File::from(fd)),
                Err(Errno::LOOP) => Err(link_error(relative)),
                Err(e) => Err(e.into()),
            }
        }

        pub(super) fn make(&self, parts: &[&str]) -> io::Result<()> {
            let relative = parts.join("/");
            let mut held: Option<OwnedFd> = None;
            for part in parts {
                let dir = held.as_ref().map_or(self.fd.as_fd(), |f| f.as_fd());
                let opened = match folder(dir, part, &relative) {
                    Ok(fd) => fd,
                    Err(_) => {
                        // Missing, or something else stands there: a file or link of an older
                        // build is removed (unlinkat removes a link itself), then the folder made.
                        match rustix::fs::statat(dir, *part, AtFlags::SYMLINK_NOFOLLOW) {
                            Ok(s)
                                if rustix::fs::FileType::from_raw_mode(s.st_mode)
                                    != rustix::fs::FileType::Directory =>
                            {
                                match rustix::fs::unlinkat(dir, *part, AtFlags::empty()) {
                                    Ok(()) | Err(Errno::NOENT) => {}
                                    Err(e) => return Err(e.into()),
                                }
                            }
                            _ => {}
                        }
                        match rustix::fs::mkdirat(dir, *part, Mode::from_raw_mode(FOLDER_MODE)) {
                            Ok(()) | Err(Errno::EXIST) => {}
                            Err(e) => return Err(e.into()),
                        }
                        folder(dir, part, &relative)?
                    }
                };
                held = Some(opened);
            }
            Ok(())
        }
    }
}

#[cfg(not(unix))]
mod other {
    use super::{link_error, Access, Beneath};
    use std::fs::{File, OpenOptions};
    use std::io;

    impl Beneath {
        pub(super) fn open_file(&self, relative: &str, access: Access) -> io::Result<File> {
            let mut path = self.path.clone();
            for part in relative.split('/') {
                path.push(part);
                match std::fs::symlink_metadata(&path) {
                    Ok(m) if m.file_type().is_symlink() => return Err(link_error(relative)),
                    _ => {}
                }
            }
            let mut options = OpenOptions::new();
            options.read(true);
            match access {
                Access::Read => {}
                Access::Update => {
                    options.write(true).create(true);
                }
                Access::CreateNew => {
                    options.write(true).create_new(true);
                }
            }
            options.open(&path)
        }

        pub(super) fn make(&self, parts: &[&str]) -> io::Result<()> {
            let mut path = self.path.clone();
            for part in parts {
                path.push(part);
                match std::fs::symlink_metadata(&path) {
                    Ok(m) if m.is_dir() && !m.file_type().is_symlink() => continue,
                    Ok(m) if m.is_dir() => std::fs::remove_dir(&path)?,
                    Ok(_) => std::fs::remove_file(&path)?,
                    Err(_) => {}
                }
                match std::fs::create_dir(&path) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                    _ => {}
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn paths_that_could_climb_out_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Beneath::open(dir.path()).unwrap();
        for bad in ["../x", "a/../../x", "/etc/passwd", "a//b", "./a", "a\\..\\b", ""] {
            let err = folder.file(bad, Access::Update).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{bad}");
        }
    }

    #[test]
    fn files_are_made_and_read_under_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Beneath::open(dir.path()).unwrap();
        assert_eq!(folder.file("a/b/c.html", Access::Update).unwrap_err().kind(), io::ErrorKind::NotFound);
        folder.make_folders("a/b").unwrap();
        folder.file("a/b/c.html", Access::CreateNew).unwrap().write_all(b"made").unwrap();
        let mut text = String::new();
        folder.file("a/b/c.html", Access::Read).unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "made");
        assert_eq!(folder.file("a/b/c.html", Access::CreateNew).unwrap_err().kind(), io::ErrorKind::AlreadyExists);
    }

    #[test]
    fn a_file_where_a_folder_must_go_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a"), "old file").unwrap();
        let folder = Beneath::open(dir.path()).unwrap();
        folder.make_folders("a/b").unwrap();
        assert!(dir.path().join("a/b").is_dir());
    }

    #[cfg(unix)]
    mod links {
        use super::*;

        /// A site folder with a victim file and folder beside the folder written into.
        fn setup() -> (tempfile::TempDir, Beneath) {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(dir.path().join("out/jobs")).unwrap();
            std::fs::create_dir_all(dir.path().join("victim")).unwrap();
            std::fs::write(dir.path().join("victim/config"), "victim").unwrap();
            std::os::unix::fs::symlink("../victim/config", dir.path().join("out/gitcfg")).unwrap();
            std::os::unix::fs::symlink("../../victim", dir.path().join("out/jobs/elsewhere")).unwrap();
            let out = Beneath::open(&dir.path().join("out")).unwrap();
            (dir, out)
        }

        fn unchanged(dir: &tempfile::TempDir) {
            assert_eq!(std::fs::read_to_string(dir.path().join("victim/config")).unwrap(), "victim");
            let names: Vec<_> = std::fs::read_dir(dir.path().join("victim")).unwrap().collect();
            assert_eq!(names.len(), 1, "nothing was made in the victim folder");
        }

        #[test]
        fn a_link_to_a_file_is_never_opened() {
            let (dir, out) = setup();
            for access in [Access::Read, Access::Update, Access::CreateNew] {
                let err = out.file("gitcfg", access).unwrap_err();
                assert!(err.to_string().contains("link") || err.kind() == io::ErrorKind::AlreadyExists, "{err}");
            }
            unchanged(&dir);
        }

        #[test]
        fn a_link_to_a_folder_is_never_passed_through() {
            let (dir, out) = setup();
            for access in [Access::Read, Access::Update, Access::CreateNew] {
                let err = out.file("jobs/elsewhere/config", access).unwrap_err();
                assert!(err.to_string().contains("link"), "{err}");
                let err = out.file("jobs/elsewhere/new.html", access).unwrap_err();
                assert!(err.to_string().contains("link"), "{err}");
            }
            unchanged(&dir);
        }

        #[test]
        fn the_walk_without_openat2_refuses_links_too() {
            let (dir, out) = setup();
            let err = out.walk_open("jobs/elsewhere/new.html", &["jobs", "elsewhere", "new.html"], Access::Update);
            assert!(err.unwrap_err().to_string().contains("link"));
            let err = out.walk_open("gitcfg", &["gitcfg"], Access::Update);
            assert!(err.unwrap_err().to_string().contains("link"));
            unchanged(&dir);
        }

        #[test]
        fn making_folders_removes_a_link_in_the_way_and_not_what_it_leads_to() {
            let (dir, out) = setup();
            out.make_folders("jobs/elsewhere/a").unwrap();
            assert!(std::fs::symlink_metadata(dir.path().join("out/jobs/elsewhere")).unwrap().is_dir());
            out.file("jobs/elsewhere/a/index.html", Access::CreateNew).unwrap();
            unchanged(&dir);
        }

        #[test]
        fn the_folder_itself_may_not_be_a_link() {
            let (dir, _) = setup();
            std::os::unix::fs::symlink("victim", dir.path().join("linked")).unwrap();
            assert!(Beneath::open(&dir.path().join("linked")).is_err());
        }
    }
}
