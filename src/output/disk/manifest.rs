//! The record of a build's files kept beside the output (each file's length, modification time
//! and 128-bit XXH3 hash), so that the next builds can tell whether a file already holds what
//! they would write without reading it back: git's index and rsync's checksums do the same.
//!
//! Two records are kept (`.public.jobsite-manifest-a` and `-b`), one for the output folder and
//! one for the spare. Each names the folder it describes by a stamp of that folder's marker file
//! (its modification time, and its inode on Unix), which a rename or swap of the folder keeps; a
//! record whose stamp matches neither folder is not used. A file is taken to hold what the record
//! says only while its length and modification time are the recorded ones, so a file edited by
//! hand is read and compared again.

use std::collections::HashMap;
use std::fs::Metadata;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// The first line of every record.
pub const HEADER: &str = "jobsite manifest 1";
/// The names of the two records beside `public`, after `.public.jobsite-`.
pub const SLOTS: [&str; 2] = ["manifest-a", "manifest-b"];

/// The XXH3 128-bit hash of `bytes`.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// What a record says about one file.
struct Entry {
    hash: u128,
    len: u64,
    /// Nanoseconds since 1970.
    modified: u64,
}

/// Nanoseconds since 1970 of a file's modification time, if it has one from 1970 to 2554.
fn nanos(time: SystemTime) -> Option<u64> {
    time.duration_since(UNIX_EPOCH).ok().and_then(|d| u64::try_from(d.as_nanos()).ok())
}

/// What names a folder, from its marker file (`marker`): the marker's modification time, and its
/// inode on Unix.
fn stamp(marker: &Path) -> Option<String> {
    let marker = std::fs::symlink_metadata(marker).ok().filter(Metadata::is_file)?;
    let modified = nanos(marker.modified().ok()?)?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&marker);
    #[cfg(not(unix))]
    let inode = 0u64;
    Some(format!("{modified} {inode}"))
}

/// The record of one folder's files, as read from beside the output: each file's entry under
/// the hash of its path (a tenth of the memory of the paths themselves at 10,000 vacancies).
pub struct Manifest {
    files: HashMap<u128, Entry>,
}

impl Manifest {
    /// The hash of `relative`'s bytes, when the file whose metadata is `meta` is as recorded.
    pub fn known(&self, relative: &str, meta: &Metadata) -> Option<u128> {
        let entry = self.files.get(&hash(relative.as_bytes()))?;
        let modified = nanos(meta.modified().ok()?)?;
        (meta.is_file() && meta.len() == entry.len && modified == entry.modified).then_some(entry.hash)
    }

    /// Reads the record at `path` if it describes the folder stamped `stamp`.
    fn read(path: &Path, stamp: &str) -> Option<Manifest> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        if lines.next()? != HEADER || lines.next()?.strip_prefix("stamp ")? != stamp {
            return None;
        }
        let mut files = HashMap::new();
        for line in lines {
            if line == "end" {
                return Some(Manifest { files });
            }
            let mut parts = line.splitn(4, ' ');
            let content = u128::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            let modified = parts.next()?.parse().ok()?;
            files.insert(hash(parts.next()?.as_bytes()), Entry { hash: content, len, modified });
        }
        None // cut short: not a whole record
    }
}

/// The records of the output folder and the spare.
pub struct Records {
    pub target: Option<Manifest>,
    pub spare: Option<Manifest>,
}

impl Records {
    /// Reads the records at `slots` for the output folder and the spare (each named by its marker
    /// file) and removes all but the output folder's, since the build about to be written into
    /// the spare makes the spare's untrue; and starts the new build's record in the other slot.
    pub fn open(slots: [PathBuf; 2], target_marker: &Path, spare_marker: &Path) -> io::Result<(Records, Recorder)> {
        let find = |stamp: Option<&String>| {
            let stamp = stamp?;
            slots.iter().enumerate().find_map(|(i, p)| Some((i, Manifest::read(p, stamp)?)))
        };
        let spare_stamp = stamp(spare_marker);
        let target_record = find(stamp(target_marker).as_ref());
        let spare_record = find(spare_stamp.as_ref());
        let kept = target_record.as_ref().map(|(i, _)| *i);
        for (i, slot) in slots.iter().enumerate() {
            if Some(i) != kept && std::fs::symlink_metadata(slot).is_ok() {
                std::fs::remove_file(slot)?;
            }
        }
        let free = &slots[if kept == Some(0) { 1 } else { 0 }];
        let recorder = match spare_stamp {
            Some(stamp) => {
                let mut out = io::BufWriter::new(std::fs::File::create_new(free)?);
                writeln!(out, "{HEADER}\nstamp {stamp}")?;
                out.flush()?;
                Recorder { out: Some(Mutex::new(out)) }
            }
            None => Recorder { out: None },
        };
        let records = Records { target: target_record.map(|(_, m)| m), spare: spare_record.map(|(_, m)| m) };
        Ok((records, recorder))
    }
}

/// Writes the new build's record as its files are written, from every writing thread, beside
/// the output (never held whole). The record is used only once it is finished: a build that
/// stops half-way leaves one cut short, which no build reads.
pub struct Recorder {
    out: Option<Mutex<io::BufWriter<std::fs::File>>>,
}

impl Recorder {
    /// Notes that `relative`, whose metadata (read after its last write) is `meta`, holds bytes
    /// hashing to `hash`. A path with a line break in it is not recorded (nor read back).
    pub fn record(&self, relative: &str, hash: u128, meta: &Metadata) -> io::Result<()> {
        let (Some(out), Some(modified)) = (&self.out, meta.modified().ok().and_then(nanos)) else { return Ok(()) };
        if relative.contains(['\n', '\r']) {
            return Ok(());
        }
        let mut out = out.lock().unwrap_or_else(|e| e.into_inner());
        writeln!(out, "{hash:032x} {} {modified} {relative}", meta.len())
    }

    /// Ends the record, and makes sure it is on disk before the build it describes is put in
    /// place (a swap keeps the folder's stamp).
    pub fn finish(self) -> io::Result<()> {
        let Some(out) = self.out else { return Ok(()) };
        let mut out = out.into_inner().unwrap_or_else(|e| e.into_inner());
        writeln!(out, "end")?;
        out.into_inner().map_err(io::IntoInnerError::into_error)?.sync_all()
    }
}

/// A writer that hashes what passes through it.
pub struct Hashing<W> {
    pub inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Hashing<W> {
    pub fn new(inner: W) -> Self {
        Hashing { inner, hasher: xxhash_rust::xxh3::Xxh3::new() }
    }

    /// The hash of everything written.
    pub fn hash(&self) -> u128 {
        self.hasher.digest128()
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_hash_is_the_hash_of_the_whole() {
        let mut w = Hashing::new(Vec::new());
        w.write_all(b"hello ").unwrap();
        w.write_all(b"world").unwrap();
        assert_eq!(w.hash(), hash(b"hello world"));
        assert_ne!(w.hash(), hash(b"hello world!"));
    }

    #[test]
    fn a_record_is_read_back_only_for_its_own_folder_and_only_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let spare = dir.path().join("spare");
        for d in [&target, &spare] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join("marker"), "m").unwrap();
        }
        let slots = || SLOTS.map(|s| dir.path().join(s));
        let open = || Records::open(slots(), &target.join("marker"), &spare.join("marker")).unwrap();
        std::fs::write(spare.join("a.html"), "a").unwrap();
        let (records, recorder) = open();
        assert!(records.target.is_none() && records.spare.is_none());
        let meta = std::fs::metadata(spare.join("a.html")).unwrap();
        recorder.record("a.html", hash(b"a"), &meta).unwrap();
        recorder.record("bad\nname", hash(b"a"), &meta).unwrap();
        recorder.finish().unwrap();
        let saved = std::fs::read_to_string(&slots()[0]).unwrap();
        assert_eq!(saved.lines().count(), 4, "header, stamp, one file, end: {saved}");
        // Read back for the spare, not for the output folder.
        let (records, _) = open();
        assert!(records.target.is_none());
        let spare_record = records.spare.as_ref().expect("the spare's record");
        assert_eq!(spare_record.known("a.html", &meta), Some(hash(b"a")));
        assert_eq!(std::fs::read_to_string(&slots()[0]).unwrap().lines().count(), 2, "the spare's record is replaced");
        // A file changed since is not known, nor is a record cut short.
        std::fs::write(spare.join("a.html"), "ab").unwrap();
        assert_eq!(spare_record.known("a.html", &std::fs::metadata(spare.join("a.html")).unwrap()), None);
        let cut = saved.strip_suffix("end\n").unwrap();
        std::fs::write(&slots()[1], cut).unwrap();
        assert!(open().0.spare.is_none());
    }
}
