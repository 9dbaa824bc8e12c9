//! Text made in pieces: the largest feeds (tens of megabytes at 10,000 vacancies) are handed on
//! to their file as they are made, a piece at a time, instead of being held whole in memory.

use std::io::{self, Write};
use std::ops::{Deref, DerefMut};

/// How much text gathers before it is handed on.
const PIECE: usize = 256 * 1024;

/// A text being made: it reads and grows as a `String`; `spill` (called between items) hands
/// what has gathered to the sink once there is a piece's worth, and `finish` hands on the rest.
pub struct Pieces<'s> {
    text: String,
    sink: &'s mut dyn Write,
    error: Option<io::Error>,
}

impl<'s> Pieces<'s> {
    pub fn new(sink: &'s mut dyn Write) -> Pieces<'s> {
        Pieces { text: String::with_capacity(PIECE + PIECE / 4), sink, error: None }
    }

    /// Hands the text on if a piece's worth has gathered.
    pub fn spill(&mut self) {
        if self.text.len() >= PIECE {
            self.hand_on();
        }
    }

    fn hand_on(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.sink.write_all(self.text.as_bytes()) {
                self.error = Some(e);
            }
        }
        self.text.clear();
    }

    /// Hands on the rest; the first error writing any piece, if there was one.
    pub fn finish(mut self) -> io::Result<()> {
        self.hand_on();
        match self.error.take() {
            Some(e) => Err(e),
            None => self.sink.flush(),
        }
    }
}

impl Deref for Pieces<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl DerefMut for Pieces<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    /// A sink that records the size of each write and fails after `fail_after` writes.
    struct Recorder {
        writes: Vec<usize>,
        fail_after: usize,
    }

    impl Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.writes.len() == self.fail_after {
                return Err(io::Error::other("disk full"));
            }
            self.writes.push(buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn text_is_handed_on_a_piece_at_a_time_and_whole() {
        let mut sink = Recorder { writes: Vec::new(), fail_after: usize::MAX };
        let mut pieces = Pieces::new(&mut sink);
        for i in 0..100_000 {
            let _ = writeln!(pieces, "<item>{i}</item>");
            pieces.spill();
            assert!(pieces.len() < PIECE, "never more than a piece gathers");
        }
        pieces.finish().unwrap();
        assert!(sink.writes.len() > 4, "{:?}", sink.writes);
        let whole: usize = (0..100_000).map(|i| format!("<item>{i}</item>\n").len()).sum();
        assert_eq!(sink.writes.iter().sum::<usize>(), whole, "every piece was handed on");
    }

    #[test]
    fn a_failed_write_is_reported_at_the_end() {
        let mut sink = Recorder { writes: Vec::new(), fail_after: 1 };
        let mut pieces = Pieces::new(&mut sink);
        for _ in 0..3 {
            pieces.push_str(&"x".repeat(PIECE));
            pieces.spill();
        }
        assert_eq!(pieces.finish().unwrap_err().to_string(), "disk full");
    }
}
