//! Splits a markdown source into its YAML front matter and its body, keeping line numbers.

/// A content file cut into its two parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines (may be empty).
    pub yaml: &'a str,
    /// Line number in the file of the first YAML line, so YAML positions can be shifted.
    pub yaml_first_line: usize,
    /// The markdown after the closing `---` line.
    pub body: &'a str,
    /// Line number in the file of the first body line.
    pub body_first_line: usize,
}

/// Why a file has no usable front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    NoOpening,
    /// The opening `---` has no closing `---` line.
    NotClosed,
}

/// Cuts `source` (a whole file, possibly with a BOM and CRLF line endings) into front matter and
/// body. The front matter must begin on the first line.
pub fn split(source: &str) -> Result<Split<'_>, SplitError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = LineIter { rest: source, offset: 0 };
    match lines.next() {
        Some((_, line)) if is_fence(line) => {}
        _ => return Err(SplitError::NoOpening),
    }
    let yaml_start = lines.offset;
    let mut line_no = 1;
    while let Some((start, line)) = lines.next() {
        line_no += 1;
        if is_fence(line) {
            return Ok(Split {
                yaml: &source[yaml_start..start],
                yaml_first_line: 2,
                body: &source[lines.offset..],
                body_first_line: line_no + 1,
            });
        }
    }
    Err(SplitError::NotClosed)
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end() == "---"
}

/// Iterates lines with their byte offsets, keeping the line ending on each line.
struct LineIter<'a> {
    rest: &'a str,
    offset: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let end = self.rest.find('\n').map_or(self.rest.len(), |i| i + 1);
        let (line, rest) = self.rest.split_at(end);
        let start = self.offset;
        self.rest = rest;
        self.offset += end;
        Some((start, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_line_numbers() {
        let s = split("---\ntitle: A\nteam: B\n---\n\nBody text\n").unwrap();
        assert_eq!(s.yaml, "title: A\nteam: B\n");
        assert_eq!(s.yaml_first_line, 2);
        assert_eq!(s.body, "\nBody text\n");
        assert_eq!(s.body_first_line, 5);
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let s = split("\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n").unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "Body\r\n");
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert_eq!(split(""), Err(SplitError::NoOpening));
        assert_eq!(split("title: A\n"), Err(SplitError::NoOpening));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::NotClosed));
    }

    #[test]
    fn a_dashed_rule_in_the_body_is_not_a_fence() {
        let s = split("---\na: 1\n---\ntext\n---\nmore\n").unwrap();
        assert_eq!(s.body, "text\n---\nmore\n");
    }
}
