//! Writes a build beside the output folder, then swaps it into place in one step, so the output
//! folder always holds one whole build: the previous one until the new one is complete.
//!
//! The build is written into a spare folder next to the output (`.public.jobsite-spare`), which
//! after the swap holds the previous build and is reused by the next one: files whose bytes are
//! unchanged are not written again, changed files are overwritten in place, and nothing is deleted
//! but files the new build no longer has. A lock file keeps two builds from sharing the spare.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// A new build being written next to the real output folder.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    _lock: File,
}

/// The spare and lock paths beside `target` (`public` → `.public.jobsite-spare`, `.public.jobsite-lock`).
pub fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    parent.join(format!(".{name}.jobsite-{suffix}"))
}

impl Staging {
    /// Takes the lock and opens (or creates) the spare folder next to `target`.
    pub fn create(target: &Path) -> io::Result<Staging> {
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let lock = OpenOptions::new().create(true).truncate(false).write(true).open(sibling(target, "lock"))?;
        rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockExclusive).map_err(|_| {
            io::Error::new(io::ErrorKind::WouldBlock, "another jobsite build is writing this output folder")
        })?;
        let dir = sibling(target, "spare");
        if !dir.is_dir() {
            if dir.exists() {
                std::fs::remove_file(&dir)?;
            }
            std::fs::create_dir(&dir)?;
        }
        Ok(Staging { dir, target: target.to_path_buf(), _lock: lock })
    }

    /// Creates every folder the files at `relatives` need, replacing any file in their way.
    pub fn create_folders(&self, relatives: &[String]) -> io::Result<()> {
        let mut folders: Vec<&str> = relatives.iter().filter_map(|r| r.rsplit_once('/').map(|(dir, _)| dir)).collect();
        folders.sort_unstable();
        folders.dedup();
        for folder in folders {
            let path = self.dir.join(folder);
            if let Err(e) = std::fs::create_dir_all(&path) {
                // A file of an older build stands where a folder must go.
                let mut blocker = PathBuf::new();
                for part in Path::new(folder).components() {
                    blocker.push(part);
                    if self.dir.join(&blocker).is_file() {
                        std::fs::remove_file(self.dir.join(&blocker))?;
                        break;
                    }
                }
                std::fs::create_dir_all(&path).map_err(|_| e)?;
            }
        }
        Ok(())
    }

    /// Makes the file at `relative` hold `bytes`, writing only if it does not already.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(relative);
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?;
        }
        let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
        let length = file.metadata()?.len();
        if length == bytes.len() as u64 {
            let mut existing = Vec::with_capacity(bytes.len());
            file.read_to_end(&mut existing)?;
            if existing == bytes {
                return Ok(());
            }
            file.seek(SeekFrom::Start(0))?;
        }
        file.write_all(bytes)?;
        if length > bytes.len() as u64 {
            file.set_len(bytes.len() as u64)?;
        }
        Ok(())
    }

    /// Removes what the new build does not have, then puts the build in place of the target in one
    /// step. The previous build becomes the spare for next time.
    pub fn commit(self, relatives: &[String]) -> io::Result<()> {
        remove_all_but(&self.dir, relatives)?;
        if !self.target.exists() {
            return std::fs::rename(&self.dir, &self.target);
        }
        let exchanged = rustix::fs::renameat_with(
            rustix::fs::CWD,
            &self.dir,
            rustix::fs::CWD,
            &self.target,
            rustix::fs::RenameFlags::EXCHANGE,
        );
        if exchanged.is_err() {
            // No atomic exchange on this file system: move the old build aside, then the new in.
            let aside = sibling(&self.target, "old");
            std::fs::rename(&self.target, &aside)?;
            std::fs::rename(&self.dir, &self.target)?;
            std::fs::rename(&aside, &self.dir)?;
        }
        Ok(())
    }
}

/// Deletes every file and folder under `dir` that is not one of `keep` or a folder holding one.
fn remove_all_but(dir: &Path, keep: &[String]) -> io::Result<()> {
    let files: HashSet<&str> = keep.iter().map(String::as_str).collect();
    let folders: HashSet<&str> = keep.iter().flat_map(|k| k.match_indices('/').map(move |(i, _)| &k[..i])).collect();
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(dir).map_err(io::Error::other)?.to_string_lossy().replace('\\', "/");
        let wanted = if entry.file_type().is_dir() {
            folders.contains(relative.as_str())
        } else {
            files.contains(relative.as_str())
        };
        if !wanted {
            stale.push((entry.path().to_path_buf(), entry.file_type().is_dir()));
        }
    }
    for (path, is_dir) in stale {
        if is_dir {
            std::fs::remove_dir(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}
