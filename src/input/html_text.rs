//! The words of a published HTML fragment as plain text, for consumers that take no markup (DWP
//! Find a job's descriptions, the site's statements in job-board copies). Made from the HTML when
//! it is needed instead of kept beside it: at 10,000 vacancies that copy was a fifth of the
//! build's memory.

/// The text of `html` (as the markdown writer or the HTML cleaner wrote it): one block per
/// paragraph, heading, list item, quotation, table row or code block, separated by blank lines;
/// list items (nested ones too) start with "• " and follow each other on consecutive lines;
/// runs of white space become one space; an image gives its alternative text.
pub fn to_plain_text(html: &str) -> String {
    let mut blocks = Blocks::default();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        blocks.text(&rest[..open]);
        let Some(length) = tag_length(&rest[open..]) else {
            // A lone `<` is text (the writers escape it, so this is only defensive).
            blocks.text(&rest[open..]);
            rest = "";
            break;
        };
        blocks.tag(&rest[open + 1..open + length - 1]);
        rest = &rest[open + length..];
    }
    blocks.text(rest);
    blocks.finish()
}

/// The length of the tag starting at `from[0] == '<'`, through its `>`, skipping quoted
/// attribute values (which may hold `>`).
fn tag_length(from: &str) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in from.as_bytes().iter().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The elements whose end ends a block of text: the ones markdown writes (paragraphs, headings,
/// list items, quotations, table rows, code blocks) and the block elements raw HTML may add.
const ENDS_A_BLOCK: [&str; 17] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "tr",
    "pre",
    "div",
    "details",
    "summary",
    "dt",
    "dd",
    "figcaption",
];

/// The text written so far and the block being read, its white space folded as it comes.
#[derive(Default)]
struct Blocks {
    out: String,
    current: String,
    /// White space was read after the last word of `current`.
    space: bool,
    /// The last block written was a list item.
    after_item: bool,
}

impl Blocks {
    fn text(&mut self, escaped: &str) {
        if !escaped.is_empty() {
            self.push(&unescape(escaped));
        }
    }

    /// Adds words to the block being read: a run of white space becomes one space between words.
    fn push(&mut self, text: &str) {
        let mut words = text.split_whitespace().peekable();
        if words.peek().is_none() {
            self.space |= !text.is_empty();
            return;
        }
        self.space |= text.starts_with(char::is_whitespace);
        for word in words {
            if self.space && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(word);
            self.space = true;
        }
        self.space = text.ends_with(char::is_whitespace);
    }

    /// Acts on one tag, given what is between its `<` and `>` (the writers name elements in
    /// lower case).
    fn tag(&mut self, inside: &str) {
        let closing = inside.starts_with('/');
        let name_of = inside.trim_start_matches('/');
        let end = name_of.find(|c: char| c.is_ascii_whitespace() || c == '/').unwrap_or(name_of.len());
        match (closing, &name_of[..end]) {
            (false, "li") => {
                self.flush();
                self.push("• ");
            }
            (_, "ul" | "ol") => self.flush(),
            (true, name) if ENDS_A_BLOCK.contains(&name) => self.flush(),
            (true, "td" | "th") | (false, "br") => self.space = true,
            (false, "img") => {
                if let Some(alt) = attribute(&name_of[end..], "alt") {
                    self.text(alt);
                }
            }
            _ => {}
        }
    }

    /// Ends the block being read; an empty one is dropped. Consecutive list items go on
    /// consecutive lines, other blocks have a blank line between them.
    fn flush(&mut self) {
        self.space = false;
        if self.current.is_empty() {
            return;
        }
        let item = self.current.starts_with('•');
        if !self.out.is_empty() {
            self.out.push_str(if item && self.after_item { "\n" } else { "\n\n" });
        }
        self.out.push_str(&self.current);
        self.after_item = item;
        self.current.clear();
    }

    fn finish(mut self) -> String {
        self.flush();
        self.out
    }
}

/// The value of attribute `name` among a tag's `attributes`, still escaped.
fn attribute<'h>(attributes: &'h str, name: &str) -> Option<&'h str> {
    let mut rest = attributes;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + name.len()..];
        if before.is_some_and(|c| c.is_ascii_whitespace()) {
            if let Some(value) = after.strip_prefix("=\"") {
                return value.find('"').map(|end| &value[..end]);
            }
            if let Some(value) = after.strip_prefix("='") {
                return value.find('\'').map(|end| &value[..end]);
            }
        }
        rest = after;
    }
    None
}

/// Text with its character references decoded: the ones the markdown writer and the HTML
/// cleaner write (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&nbsp;`) and numeric ones. Anything else
/// is left as written.
fn unescape(escaped: &str) -> std::borrow::Cow<'_, str> {
    if !escaped.contains('&') {
        return escaped.into();
    }
    quick_xml::escape::unescape_with(escaped, |entity| match entity {
        "nbsp" => Some("\u{a0}"),
        other => quick_xml::escape::resolve_predefined_entity(other),
    })
    .unwrap_or(std::borrow::Cow::Borrowed(escaped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_and_lists_become_blocks_with_bullets() {
        let html = "<h2>About</h2>\n<p>One\ntwo  three.</p>\n<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n<p>End &amp; more.</p>\n";
        assert_eq!(to_plain_text(html), "About\n\nOne two three.\n\n• a\n• b\n• c\n\nEnd & more.");
    }

    #[test]
    fn tables_quotes_breaks_and_images_keep_their_words() {
        let html = "<table><thead><tr><th>Grade</th><th>Pay</th></tr></thead><tbody><tr><td>SW1</td><td>&lt;£40k</td></tr></tbody></table>\n<blockquote>\n<p>Quoted<br />line</p>\n</blockquote>\n<p><img src=\"a.png\" alt=\"A &quot;team&quot; photo\" /></p>";
        assert_eq!(to_plain_text(html), "Grade Pay\n\nSW1 <£40k\n\nQuoted line\n\nA \"team\" photo");
    }

    #[test]
    fn cleaned_raw_html_gives_its_text_and_decodes_no_break_spaces() {
        let html = "<div><p title=\"a > b\">Kept&nbsp;text</p></div><p>x &#169; y&nbsp;&amp; z</p>";
        assert_eq!(to_plain_text(html), "Kept text\n\nx © y & z");
    }

    #[test]
    fn white_space_between_inline_elements_is_one_space_and_none_is_added() {
        assert_eq!(to_plain_text("<p> a <em>b</em>c<strong> d </strong>\n e </p>"), "a bc d e");
        assert_eq!(to_plain_text("<p>a<em>\n</em>b</p><p>\n</p><p>c</p>"), "a b\n\nc");
    }

    #[test]
    fn a_stray_angle_bracket_is_text() {
        assert_eq!(to_plain_text("<p>a</p> 3 < 4"), "a\n\n3 < 4");
    }
}
