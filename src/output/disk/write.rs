//! Writes a build beside the output folder, then swaps it into place in one step, so the output
//! folder always holds one whole build: the previous one until the new one is complete.
//!
//! The build is written into a spare folder next to the output (`.public.jobsite-spare`), which
//! after the swap holds the previous build and is reused by the next one: files whose bytes are
//! unchanged are not written again, changed files are overwritten in place, and nothing is deleted
//! but files the new build no longer has. A lock file keeps two builds from sharing the spare.
//! Whether a file already holds what is to be written is judged from the record of what each
//! build wrote (`manifest`) when the file is as recorded, else by reading it.

use crate::output::disk::beneath::{Access, Beneath};
use crate::output::disk::manifest::{self, Hashing, Recorder, Records};
use crate::output::disk::output_guard::{sibling, Spare, MARKER, MARKER_TEXT};
use crate::output::disk::same_content::{Content, Overwriter};
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// How much of a file made in pieces is written or compared at once.
const PIECE: usize = 256 * 1024;

/// A new build being written next to the real output folder.
pub struct Staging {
    /// The folder the build is written into, every file opened beneath it without following links.
    dir: Beneath,
    target: PathBuf,
    /// The spare folder was made just now, so it holds nothing stale to tidy away.
    fresh: bool,
    /// The output folder as it was when the build began (else no file has an older copy).
    previous: Option<Beneath>,
    /// The build is written into a folder of its own because the spare may not be reused, so the
    /// previous build is deleted after the swap instead of becoming the spare.
    discard_previous: bool,
    /// What the previous builds wrote into the output folder and the spare.
    records: Records,
    /// What this build writes.
    recorder: Recorder,
    _lock: File,
}

impl Staging {
    /// Takes the lock and opens (or creates) the spare folder next to `target`, marking both as
    /// jobsite's, and tidies a reused spare down to the files of `keep` (the build's paths): every
    /// other entry, and every link or other entry that is not a plain file or folder, is removed
    /// before anything is written. `output_guard::check` decides beforehand whether that is
    /// allowed and whether the spare may be reused (`spare`).
    pub fn create(target: &Path, keep: &[String], spare: Spare) -> io::Result<Staging> {
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let mut lock = OpenOptions::new().create(true).truncate(false).write(true).open(sibling(target, "lock"))?;
        lock.try_lock().map_err(|_| {
            io::Error::new(io::ErrorKind::WouldBlock, "another jobsite build is writing this output folder")
        })?;
        if lock.metadata()?.len() != MARKER_TEXT.len() as u64 {
            lock.set_len(0)?;
            lock.write_all(MARKER_TEXT.as_bytes())?;
        }
        let discard_previous = spare == Spare::Avoid;
        let dir = sibling(target, if discard_previous { "fresh" } else { "spare" });
        let existing = std::fs::symlink_metadata(&dir).ok();
        // A fresh folder is always made anew: what stands there was left by a stopped build.
        let fresh = discard_previous || !existing.as_ref().is_some_and(|m| m.is_dir());
        if fresh {
            if existing.is_some() {
                remove_entry(&dir)?;
            }
            std::fs::create_dir(&dir)?;
        } else {
            let mut wanted = keep.to_vec();
            wanted.push(MARKER.to_string());
            remove_all_but(&dir, &wanted)?;
        }
        mark(&dir)?;
        let slots = manifest::SLOTS.map(|s| sibling(target, s));
        let (records, recorder) = Records::open(slots, &target.join(MARKER), &dir.join(MARKER))?;
        let previous = if std::fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
            Some(Beneath::open(target)?)
        } else {
            None
        };
        Ok(Staging {
            dir: Beneath::open(&dir)?,
            target: target.to_path_buf(),
            fresh,
            previous,
            discard_previous,
            records,
            recorder,
            _lock: lock,
        })
    }

    /// Opens the file at `relative` for `access`, first making its folder if that is missing.
    /// Folders are made as the files that need them are written (by whichever thread writes
    /// first), so making them overlaps with rendering instead of coming before it.
    fn open(&self, relative: &str, access: Access) -> io::Result<File> {
        match self.dir.file(relative, access) {
            Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
                self.dir.make_folders(relative.rsplit_once('/').map_or("", |(folder, _)| folder))?;
                self.dir.file(relative, access)
            }
            opened => opened,
        }
    }

    /// Opens the older copy of the file at `relative` in the spare to be written over, with its
    /// metadata: a folder standing there is removed, and so is a file with other names (a hard
    /// link), which is replaced by a new file rather than written through.
    fn open_older(&self, relative: &str) -> io::Result<(File, std::fs::Metadata)> {
        let file = match self.open(relative, Access::Update) {
            Err(e) if e.kind() == io::ErrorKind::IsADirectory => {
                remove_entry(&self.dir.path().join(relative))?;
                self.open(relative, Access::Update)?
            }
            opened => opened?,
        };
        let meta = file.metadata()?;
        #[cfg(unix)]
        if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
            drop(file);
            std::fs::remove_file(self.dir.path().join(relative))?;
            let file = self.open(relative, Access::CreateNew)?;
            let meta = file.metadata()?;
            return Ok((file, meta));
        }
        Ok((file, meta))
    }

    /// Makes the file at `relative` hold `bytes`, writing only if it does not already, and gives
    /// it the modification time of the same file in the output folder when the bytes there are
    /// the same: a file that did not change keeps its time, so servers' `Last-Modified` and
    /// `ETag` stay, and pollers do not download an identical feed again.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let hash = manifest::hash(bytes);
        if self.fresh {
            // Nothing is there yet: no older file to compare with or folder in the way. A page's
            // own folder (`jobs/social-worker/index.html`) is surely missing: made first, it
            // saves trying to create the file before it. The folder was made by this build just
            // now, so it holds no link to pass through.
            if let Some(folder) = relative.strip_suffix("/index.html") {
                match std::fs::create_dir(self.dir.path().join(folder)) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists && e.kind() != io::ErrorKind::NotFound => {
                        return Err(e)
                    }
                    _ => {}
                }
            }
            let mut file = self.open(relative, Access::CreateNew)?;
            file.write_all(bytes)?;
            return self.keep_time(relative, &file, Content::Bytes(bytes), hash, None);
        }
        let (mut file, meta) = self.open_older(relative)?;
        let length = meta.len();
        let same = match self.records.spare.as_ref().and_then(|r| r.known(relative, &meta)) {
            Some(known) => known == hash,
            None => length == bytes.len() as u64 && Content::Bytes(bytes).is_in(&mut file)?,
        };
        if same {
            // Written two builds ago. The previous build's copy has the same time when it has
            // the same bytes (it was given this one's time); otherwise look.
            return self.keep_time(relative, &file, Content::Bytes(bytes), hash, Some(meta.modified()?));
        }
        file.seek(SeekFrom::Start(0))?;
        file.write_all(bytes)?;
        if length > bytes.len() as u64 {
            file.set_len(bytes.len() as u64)?;
        }
        self.keep_time(relative, &file, Content::Bytes(bytes), hash, None)
    }

    /// As `write`, for a file that `make` writes straight to disk (a feed made in pieces, never
    /// held whole): over an older copy, what is made is compared with it as it comes and written
    /// only from the first difference, so an unchanged feed is read, not written. Returns what
    /// `make` returned.
    pub fn write_made<T>(&self, relative: &str, make: impl FnOnce(&mut dyn Write) -> T) -> io::Result<T> {
        let path = self.dir.path().join(relative);
        // Over nothing, the overwriter finds the new file empty and writes it all.
        let file = if self.fresh { self.open(relative, Access::CreateNew)? } else { self.open_older(relative)?.0 };
        let mut writer = io::BufWriter::with_capacity(PIECE, Hashing::new(Overwriter::new(file)));
        let made = make(&mut writer);
        let hashing = writer.into_inner().map_err(io::IntoInnerError::into_error)?;
        let hash = hashing.hash();
        let (file, changed) = hashing.inner.finish()?;
        let unchanged_since = if changed || self.fresh { None } else { Some(file.metadata()?.modified()?) };
        self.keep_time(relative, &file, Content::File(&path), hash, unchanged_since)?;
        Ok(made)
    }

    /// Sets `file`'s modification time to that of the output folder's copy of `relative` when it
    /// holds the same bytes, and to now when `unchanged_since` (the time the file already has)
    /// would otherwise carry an older build's time forward; then records what `file` holds
    /// (`content`, whose hash is `hash`).
    fn keep_time(
        &self,
        relative: &str,
        file: &File,
        content: Content,
        hash: u128,
        unchanged_since: Option<std::time::SystemTime>,
    ) -> io::Result<()> {
        // The previous build's copy, opened without following links: a link is no copy.
        let previous = self.previous.as_ref().and_then(|p| p.file(relative, Access::Read).ok());
        let previous = previous.and_then(|f| f.metadata().ok().filter(|m| m.is_file()).map(|m| (f, m)));
        let time = match previous {
            None => unchanged_since.map(|_| std::time::SystemTime::now()),
            Some((mut previous, meta)) => {
                let previous_time = meta.modified()?;
                let same = unchanged_since == Some(previous_time)
                    || match self.records.target.as_ref().and_then(|r| r.known(relative, &meta)) {
                        Some(known) => known == hash,
                        None => meta.len() == content.len()? && content.is_in(&mut previous).unwrap_or(false),
                    };
                if same {
                    (unchanged_since != Some(previous_time)).then_some(previous_time)
                } else {
                    unchanged_since.map(|_| std::time::SystemTime::now())
                }
            }
        };
        if let Some(time) = time {
            file.set_modified(time)?;
        }
        self.recorder.record(relative, hash, &file.metadata()?)
    }

    /// Puts the build in place of the target in one step. The previous build becomes the spare
    /// for next time, or is deleted when the spare could not be reused.
    pub fn commit(self) -> io::Result<()> {
        self.recorder.finish()?;
        let dir = self.dir.path().to_path_buf();
        drop(self.previous);
        if std::fs::symlink_metadata(&self.target).is_err() {
            return std::fs::rename(&dir, &self.target);
        }
        if exchange(&dir, &self.target).is_err() {
            swap_by_renaming(&dir, &self.target)?;
        }
        if self.discard_previous {
            return remove_entry(&dir);
        }
        // The previous build is the spare now; it is jobsite's even if `--force` took it over.
        mark(&dir)
    }
}

/// Removes the file, link or folder at `path`; a folder with all it holds, following no link.
fn remove_entry(path: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(path)?.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// Writes jobsite's marker into `dir` unless it is there.
fn mark(dir: &Path) -> io::Result<()> {
    let marker = dir.join(MARKER);
    if std::fs::read(&marker).is_ok_and(|t| t == MARKER_TEXT.as_bytes()) {
        return Ok(());
    }
    std::fs::write(marker, MARKER_TEXT)
}

/// Swaps two folders in one step (Linux's `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    rustix::fs::renameat_with(rustix::fs::CWD, a, rustix::fs::CWD, b, rustix::fs::RenameFlags::EXCHANGE)
        .map_err(io::Error::from)
}

/// Elsewhere there is no one-step swap: `commit` falls back to `swap_by_renaming`.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Swaps the new build at `new` with the old at `target` in three renames: the old build is set
/// aside, the new one moved in, and the old one becomes the spare. Used where `exchange` is not
/// available (other systems, or file systems without it).
fn swap_by_renaming(new: &Path, target: &Path) -> io::Result<()> {
    let aside = sibling(target, "old");
    std::fs::rename(target, &aside)?;
    std::fs::rename(new, target)?;
    std::fs::rename(&aside, new)
}

/// How many folders are read at once while tidying the spare. Reading a folder waits on the
/// disk: on a disk whose cache had gone cold, the 10,000 folders of a 10,000-vacancy build took
/// 0.5 to 1 s to read one at a time.
const FOLDER_READERS: usize = 8;

/// Deletes every file and folder under `dir` that is not one of `keep` or a folder holding one.
/// Folders are read [`FOLDER_READERS`] at a time, on threads of their own.
fn remove_all_but(dir: &Path, keep: &[String]) -> io::Result<()> {
    let wanted = Wanted {
        files: keep.iter().map(String::as_str).collect(),
        folders: keep.iter().flat_map(|k| k.match_indices('/').map(move |(i, _)| &k[..i])).collect(),
    };
    let readers = rayon::ThreadPoolBuilder::new().num_threads(FOLDER_READERS).build().map_err(io::Error::other)?;
    readers.install(|| wanted.tidy(dir, ""))
}

/// What a tidied folder keeps: these files, and these folders (each holding one of the files).
struct Wanted<'k> {
    files: HashSet<&'k str>,
    folders: HashSet<&'k str>,
}

impl Wanted<'_> {
    /// Deletes what is not wanted in the folder at `relative` under `dir` (`""` for `dir`
    /// itself), and tidies the wanted folders in it, in parallel.
    fn tidy(&self, dir: &Path, relative: &str) -> io::Result<()> {
        use rayon::prelude::*;
        let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir.join(relative))?.collect::<io::Result<_>>()?;
        entries.into_par_iter().try_for_each(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let path = if relative.is_empty() { name.into_owned() } else { format!("{relative}/{name}") };
            // A link is judged as itself, never followed: a link to a folder or to a file is
            // deleted as a file, whatever its name, and so is anything else that is not a plain
            // file (a pipe, a device).
            let kind = entry.file_type()?;
            if kind.is_dir() {
                if self.folders.contains(path.as_str()) {
                    self.tidy(dir, &path)
                } else {
                    std::fs::remove_dir_all(entry.path())
                }
            } else if kind.is_file() && self.files.contains(path.as_str()) {
                Ok(())
            } else {
                std::fs::remove_file(entry.path())
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn second_build_swaps_files_for_folders_and_folders_for_files_and_drops_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let first = ["a/index.html", "b", "gone/old.html"].map(String::from);
        let staging = Staging::create(&target, &first, Spare::Reuse).unwrap();
        for path in &first {
            staging.write(path, path.as_bytes()).unwrap();
        }
        staging.commit().unwrap();
        // Build three goes into the spare that build one left: `a` becomes a file, `b` a folder.
        let second = ["x.html"].map(String::from);
        let staging = Staging::create(&target, &second, Spare::Reuse).unwrap();
        staging.write("x.html", b"x").unwrap();
        staging.commit().unwrap();
        let third = ["a", "b/index.html"].map(String::from);
        let staging = Staging::create(&target, &third, Spare::Reuse).unwrap();
        assert!(!staging.fresh, "the spare is reused");
        staging.write("a", b"file now").unwrap();
        staging.write("b/index.html", b"folder now").unwrap();
        staging.commit().unwrap();
        assert_eq!(read(&target.join("a")), "file now");
        assert_eq!(read(&target.join("b/index.html")), "folder now");
        assert!(!target.join("gone").exists(), "what the new build lacks is removed");
        let mut names: Vec<_> = std::fs::read_dir(&target).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, [MARKER, "a", "b"]);
    }

    #[test]
    fn the_swap_by_renaming_fallback_leaves_one_whole_build_and_marks_the_spare() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let first = ["a.html".to_string()];
        let staging = Staging::create(&target, &first, Spare::Reuse).unwrap();
        staging.write("a.html", b"one").unwrap();
        staging.commit().unwrap();
        let staging = Staging::create(&target, &first, Spare::Reuse).unwrap();
        staging.write("a.html", b"two").unwrap();
        staging.write("b.html", b"two").unwrap();
        let spare = staging.dir.path().to_path_buf();
        remove_all_but(&spare, &["a.html".into(), "b.html".into(), MARKER.into()]).unwrap();
        swap_by_renaming(&spare, &target).unwrap();
        mark(&spare).unwrap();
        assert_eq!(read(&target.join("a.html")), "two");
        assert_eq!(read(&target.join("b.html")), "two");
        assert_eq!(read(&spare.join("a.html")), "one", "the previous build is the spare");
        assert_eq!(read(&spare.join(MARKER)), MARKER_TEXT);
        assert!(!sibling(&target, "old").exists(), "nothing is left set aside");
    }

    #[test]
    fn a_file_made_in_pieces_replaces_what_differs_and_keeps_what_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let paths = ["feed.xml", "same.xml", "was-a-folder"].map(String::from);
        let make = |text: &'static str| move |w: &mut dyn Write| w.write_all(text.as_bytes());
        let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
        // Three builds, so that the last writes into a spare holding the first one's files.
        for (n, feed) in ["one", "two", "three"].into_iter().enumerate() {
            let staging = Staging::create(&target, &paths, Spare::Reuse).unwrap();
            assert_eq!(staging.fresh, n < 2);
            staging.write_made("feed.xml", make(feed)).unwrap().unwrap();
            staging.write_made("same.xml", make("same")).unwrap().unwrap();
            if n == 0 {
                staging.write("was-a-folder/index.html", b"x").unwrap();
                staging.commit().unwrap();
                File::options().write(true).open(target.join("same.xml")).unwrap().set_modified(long_ago).unwrap();
            } else {
                staging.write_made("was-a-folder", make("a file now")).unwrap().unwrap();
                staging.commit().unwrap();
            }
        }
        assert_eq!(read(&target.join("feed.xml")), "three");
        assert_eq!(read(&target.join("was-a-folder")), "a file now");
        let same = std::fs::metadata(target.join("same.xml")).unwrap().modified().unwrap();
        assert_eq!(same, long_ago, "an unchanged file keeps its time");
        let mut names: Vec<_> = std::fs::read_dir(&target).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, [MARKER, "feed.xml", "same.xml", "was-a-folder"], "no piece is left behind");
    }

    #[test]
    fn tidying_keeps_what_is_wanted_and_deletes_the_rest_at_every_depth() {
        let dir = tempfile::tempdir().unwrap();
        let spare = dir.path().join("spare");
        for path in
            ["jobs/a/index.html", "jobs/a/old.pdf", "jobs/b/index.html", "gone/x/y.html", "top.html", "stale.xml"]
        {
            let path = spare.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        remove_all_but(&spare, &["jobs/a/index.html".into(), "jobs/b/index.html".into(), "top.html".into()]).unwrap();
        let mut left: Vec<String> = walkdir::WalkDir::new(&spare)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(&spare).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        left.sort();
        assert_eq!(left, ["jobs", "jobs/a", "jobs/a/index.html", "jobs/b", "jobs/b/index.html", "top.html"]);
    }

    #[cfg(unix)]
    #[test]
    fn tidying_deletes_a_link_to_a_folder_without_following_it() {
        let dir = tempfile::tempdir().unwrap();
        let (spare, outside) = (dir.path().join("spare"), dir.path().join("outside"));
        std::fs::create_dir_all(spare.join("jobs")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("keep.txt"), "not jobsite's").unwrap();
        std::os::unix::fs::symlink(&outside, spare.join("jobs/link")).unwrap();
        std::os::unix::fs::symlink(&outside, spare.join("jobs-link")).unwrap();
        remove_all_but(&spare, &["jobs/a.html".into()]).unwrap();
        assert!(std::fs::symlink_metadata(spare.join("jobs/link")).is_err(), "the link is gone");
        assert!(std::fs::symlink_metadata(spare.join("jobs-link")).is_err(), "the link is gone");
        assert_eq!(read(&outside.join("keep.txt")), "not jobsite's", "what it led to is untouched");
    }

    #[test]
    fn folders_are_made_by_whichever_thread_writes_first() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let paths: Vec<String> = (0..64).map(|i| format!("jobs/{}/v{i}/index.html", i % 4)).collect();
        let staging = Staging::create(&target, &paths, Spare::Reuse).unwrap();
        std::thread::scope(|s| {
            for chunk in paths.chunks(8) {
                let staging = &staging;
                s.spawn(move || chunk.iter().for_each(|p| staging.write(p, p.as_bytes()).unwrap()));
            }
        });
        staging.commit().unwrap();
        for p in &paths {
            assert_eq!(read(&target.join(p)), *p);
        }
    }
}
