//! Whether a file already holds what a build would write into it, compared a piece at a time so
//! that a feed of tens of megabytes is never held twice; and a writer that rewrites a file only
//! from the first byte that differs.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// What a file is to hold: bytes in memory, or a file already written (a feed made in pieces).
#[derive(Clone, Copy)]
pub enum Content<'c> {
    Bytes(&'c [u8]),
    File(&'c Path),
}

impl Content<'_> {
    pub fn len(&self) -> io::Result<u64> {
        match self {
            Content::Bytes(bytes) => Ok(bytes.len() as u64),
            Content::File(path) => Ok(std::fs::metadata(path)?.len()),
        }
    }

    /// Whether `file`, read from where it stands, holds exactly this.
    pub fn is_in(&self, file: &mut File) -> io::Result<bool> {
        match self {
            Content::Bytes(bytes) => same_bytes(file, bytes),
            Content::File(path) => same_files(&mut File::open(path)?, file),
        }
    }
}

/// Writes over a file of an older build: what is written is compared with what the file holds
/// at that place, and the file is written only from the first difference on.
pub struct Overwriter {
    file: File,
    /// How far into the file has been written (or found the same).
    at: u64,
    differs: bool,
    piece: Vec<u8>,
}

impl Overwriter {
    /// Over `file`, opened to read and write, from its start.
    pub fn new(file: File) -> Overwriter {
        Overwriter { file, at: 0, differs: false, piece: Vec::new() }
    }

    /// The file, cut to what was written, and whether its bytes changed.
    pub fn finish(self) -> io::Result<(File, bool)> {
        let length = self.file.metadata()?.len();
        if length > self.at {
            self.file.set_len(self.at)?;
        }
        Ok((self.file, self.differs || length != self.at))
    }
}

impl Write for Overwriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.differs {
            self.piece.resize(buf.len(), 0);
            let read = fill(&mut self.file, &mut self.piece)?;
            if self.piece[..read] == *buf {
                self.at += buf.len() as u64;
                return Ok(buf.len());
            }
            self.differs = true;
            self.file.seek(SeekFrom::Start(self.at))?;
        }
        self.file.write_all(buf)?;
        self.at += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Whether two files, each read from where it stands, hold the same bytes; read in pieces.
fn same_files(a: &mut File, b: &mut File) -> io::Result<bool> {
    let (mut piece_a, mut piece_b) = (vec![0; 64 * 1024], vec![0; 64 * 1024]);
    loop {
        let (read_a, read_b) = (fill(a, &mut piece_a)?, fill(b, &mut piece_b)?);
        if piece_a[..read_a] != piece_b[..read_b] {
            return Ok(false);
        }
        if read_a == 0 {
            return Ok(true);
        }
    }
}

/// Reads into `piece` until it is full or the file ends; how much was read.
fn fill(file: &mut File, piece: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < piece.len() {
        match file.read(&mut piece[filled..])? {
            0 => break,
            read => filled += read,
        }
    }
    Ok(filled)
}

/// Whether `file`, read from where it stands, holds exactly `bytes`; read in pieces, so that
/// comparing a feed of tens of megabytes does not hold a second copy of it in memory.
fn same_bytes(file: &mut File, bytes: &[u8]) -> io::Result<bool> {
    // A page is compared on every rebuild: its piece is no bigger than it needs to be.
    let mut piece = vec![0; (bytes.len() + 1).min(64 * 1024)];
    let mut rest = bytes;
    loop {
        let read = file.read(&mut piece)?;
        if read == 0 {
            return Ok(rest.is_empty());
        }
        match rest.strip_prefix(&piece[..read]) {
            Some(after) => rest = after,
            None => return Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_compared_piece_by_piece() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &big).unwrap();
        let same = |bytes: &[u8]| same_bytes(&mut File::open(&path).unwrap(), bytes).unwrap();
        assert!(same(&big));
        let mut last_differs = big.clone();
        *last_differs.last_mut().unwrap() ^= 1;
        assert!(!same(&last_differs));
        assert!(!same(&big[..big.len() - 1]), "a shorter text is not the same");
        assert!(!same(&[big.as_slice(), b"x"].concat()), "nor a longer one");
    }

    #[test]
    fn an_overwriter_writes_only_from_the_first_difference_and_cuts_what_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let over = |old: &str, new: &[&str]| {
            std::fs::write(&path, old).unwrap();
            let file = File::options().read(true).write(true).open(&path).unwrap();
            let mut writer = Overwriter::new(file);
            for piece in new {
                writer.write_all(piece.as_bytes()).unwrap();
            }
            let (_, changed) = writer.finish().unwrap();
            (std::fs::read_to_string(&path).unwrap(), changed)
        };
        assert_eq!(over("abcdef", &["abc", "def"]), ("abcdef".into(), false));
        assert_eq!(over("abcdef", &["abc", "dXf"]), ("abcdXf".into(), true));
        assert_eq!(over("abcdef", &["abc"]), ("abc".into(), true), "a shorter file is cut");
        assert_eq!(over("abc", &["abc", "def"]), ("abcdef".into(), true), "a longer one grows");
        assert_eq!(over("", &["new"]), ("new".into(), true));
    }

    #[test]
    fn files_are_compared_with_files_piece_by_piece() {
        let dir = tempfile::tempdir().unwrap();
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, &big).unwrap();
        let same_as_a = |bytes: &[u8]| {
            std::fs::write(&b, bytes).unwrap();
            same_files(&mut File::open(&a).unwrap(), &mut File::open(&b).unwrap()).unwrap()
        };
        assert!(same_as_a(&big));
        let mut last_differs = big.clone();
        *last_differs.last_mut().unwrap() ^= 1;
        assert!(!same_as_a(&last_differs));
        assert!(!same_as_a(&big[..big.len() - 1]), "a shorter file is not the same");
        assert!(!same_as_a(&[big.as_slice(), b"x"].concat()), "nor a longer one");
    }
}
