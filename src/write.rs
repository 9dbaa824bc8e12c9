//! Writes a build beside the output folder, then swaps it into place, so the output folder always
//! holds one whole build: the previous one until the new one is complete.

use std::io;
use std::path::{Path, PathBuf};

/// A new output folder being filled next to the real one.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
}

impl Staging {
    /// Creates an empty staging folder next to `target` (same file system, so the swap is a rename).
    pub fn create(target: &Path) -> io::Result<Staging> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.jobsite-new-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir(&dir)?;
        Ok(Staging { dir, target: target.to_path_buf() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates, once, every folder the files at `relatives` need (so writes need not check).
    pub fn create_folders(&self, relatives: &[String]) -> io::Result<()> {
        let mut folders: Vec<&str> = relatives.iter().filter_map(|r| r.rsplit_once('/').map(|(dir, _)| dir)).collect();
        folders.sort_unstable();
        folders.dedup();
        for folder in folders {
            std::fs::create_dir_all(self.dir.join(folder))?;
        }
        Ok(())
    }

    /// Writes one file at `relative` (forward slashes) inside the staging folder; its folder must
    /// exist (see `create_folders`).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(self.dir.join(relative), bytes)
    }

    /// Puts the staged build in place of the target in one step, then removes the old build.
    pub fn commit(self) -> io::Result<()> {
        let target = self.target.clone();
        if !target.exists() {
            std::fs::rename(&self.dir, &target)?;
            std::mem::forget(self);
            return Ok(());
        }
        let exchanged = rustix::fs::renameat_with(
            rustix::fs::CWD,
            &self.dir,
            rustix::fs::CWD,
            &target,
            rustix::fs::RenameFlags::EXCHANGE,
        );
        match exchanged {
            // The staging path now holds the previous build.
            Ok(()) => {
                let old = self.dir.clone();
                std::mem::forget(self);
                std::fs::remove_dir_all(old)
            }
            Err(_) => {
                // No atomic exchange on this file system: move the old build aside, then the new in.
                let aside = self.dir.with_extension("old");
                std::fs::rename(&target, &aside)?;
                std::fs::rename(&self.dir, &target)?;
                std::mem::forget(self);
                std::fs::remove_dir_all(aside)
            }
        }
    }
}

impl Drop for Staging {
    /// A build that did not commit leaves nothing behind.
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
