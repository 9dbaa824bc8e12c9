//! Plain-English explanations of the YAML slips editors make most (an unquoted colon, an unclosed
//! quote, a tab, a list item without its dash, no space after a colon, a key written twice), each
//! placed at the line of the mistake with that line as it should be written.

/// A slip found behind a YAML parser error: where it is (a line of the YAML text, from 1), what is
/// wrong, and how to write the line instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// Explains the parser error `said` at `line` (of the YAML text, from 1), if it is one of the
/// common slips. `file_line` turns a YAML line into the file's line, for messages naming two lines.
pub fn explain(yaml: &str, line: usize, said: &str, file_line: &dyn Fn(usize) -> usize) -> Option<Slip> {
    let lines: Vec<&str> = yaml.lines().collect();
    let at = |n: usize| lines.get(n.wrapping_sub(1)).copied();
    if let Some(key) = said.strip_prefix("duplicate mapping key: ").and_then(|r| r.split(',').next()) {
        return twice(&lines, key, file_line);
    }
    // A tab is often reported on the line before the one that has it.
    let near = [line, line + 1, line.saturating_sub(1)];
    if said.contains("tab") {
        if let Some(n) = near.iter().copied().find(|&n| at(n).is_some_and(|t| leading(t).contains('\t'))) {
            let text = at(n)?;
            let fixed = format!("{}{}", leading(text).replace('\t', "  "), text.trim_start());
            return Some(slip(
                n,
                1,
                "this line is indented with a tab, which YAML does not allow",
                format!("indent with spaces instead: `{}`", fixed.trim_end()),
            ));
        }
    }
    // An unclosed quote is reported where the parser gave up, a line or more after it.
    if said.contains("quoted scalar") || said.contains("end of stream") {
        for n in (1..=line.min(lines.len())).rev() {
            if let Some(kv) = KeyLine::read(at(n)?) {
                let quote = kv.value.chars().next().filter(|c| *c == '"' || *c == '\'');
                if let Some(q) = quote.filter(|q| kv.value.matches(*q).count() % 2 == 1) {
                    let fixed = format!("{}{}{q}", kv.start(), kv.value.trim_end());
                    return Some(slip(
                        n,
                        kv.value_column(),
                        format!("the quote that opens `{}` is never closed", kv.key),
                        format!("end the text with the same quote: `{}`", fixed.trim_start()),
                    ));
                }
            }
        }
    }
    // No space after a colon: `title:Social Worker` is not a key, so the next line fails.
    for n in [line.saturating_sub(1), line] {
        if let Some(kv) = at(n).and_then(KeyLine::read).filter(|kv| !kv.spaced && !kv.value.is_empty()) {
            let fixed = format!("{}: {}", kv.key, kv.value);
            return Some(slip(
                n,
                kv.value_column(),
                format!("there is no space after the colon of `{}`", kv.key),
                format!("put a space after the colon: `{fixed}`"),
            ));
        }
    }
    let text = at(line)?;
    if said.contains("mapping values are not allowed") {
        let kv = KeyLine::read(text).filter(|kv| kv.value.contains(": ") || kv.value.ends_with(':'))?;
        return Some(slip(
            line,
            kv.value_column(),
            format!("the text of `{}` has a colon and a space, which YAML reads as the start of another key", kv.key),
            format!("put the text in quotes: `{}`", quoted(&kv).trim_start()),
        ));
    }
    if said.contains("expected key") || said.contains("simple key") || said.contains("'-' indicator") {
        return item_without_dash(&lines, line);
    }
    None
}

fn slip(line: usize, column: usize, message: impl Into<String>, hint: String) -> Slip {
    Slip { line, column, message: message.into(), hint }
}

/// The whitespace a line starts with.
fn leading(text: &str) -> &str {
    &text[..text.len() - text.trim_start().len()]
}

/// A line that starts a key: its indent, list dash, key, whether a space follows the colon, and
/// the value after it.
struct KeyLine<'a> {
    indent: &'a str,
    dash: bool,
    key: &'a str,
    spaced: bool,
    value: &'a str,
}

impl<'a> KeyLine<'a> {
    fn read(text: &'a str) -> Option<KeyLine<'a>> {
        let indent = leading(text);
        let rest = &text[indent.len()..];
        let (dash, rest) = match rest.strip_prefix("- ") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let colon = rest.find(':')?;
        let key = &rest[..colon];
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let after = &rest[colon + 1..];
        Some(KeyLine { indent, dash, key, spaced: after.is_empty() || after.starts_with(' '), value: after.trim() })
    }

    /// The line up to and including `key: `.
    fn start(&self) -> String {
        format!("{}{}{}: ", self.indent, if self.dash { "- " } else { "" }, self.key)
    }

    fn value_column(&self) -> usize {
        self.start().chars().count() + 1
    }
}

/// The key's line with its text in quotes: double quotes unless the text has one, then single.
fn quoted(kv: &KeyLine) -> String {
    let text = kv.value.trim_end();
    if text.contains('"') {
        format!("{}'{}'", kv.start(), text.replace('\'', "''"))
    } else {
        format!("{}\"{}\"", kv.start(), text)
    }
}

/// A key written twice: named at the second, with the line of the first.
fn twice(lines: &[&str], key: &str, file_line: &dyn Fn(usize) -> usize) -> Option<Slip> {
    let found: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, t)| KeyLine::read(t).is_some_and(|kv| kv.key == key && kv.indent.is_empty() && !kv.dash))
        .map(|(n, _)| n + 1)
        .collect();
    let (&first, &second) = (found.first()?, found.get(1)?);
    Some(slip(
        second,
        1,
        format!("`{key}` is written twice, on lines {} and {}", file_line(first), file_line(second)),
        format!("keep one `{key}:` line and delete the other"),
    ))
}

/// A line among list items that lacks the `- ` that starts each item.
fn item_without_dash(lines: &[&str], line: usize) -> Option<Slip> {
    let text = *lines.get(line.checked_sub(1)?)?;
    let is_item = |t: &&str| t.trim_start().starts_with("- ");
    let neighbour =
        lines[..line - 1].iter().rev().chain(lines.get(line..).unwrap_or(&[])).find(|t| !t.trim().is_empty())?;
    if is_item(&text) || text.trim().is_empty() || !(is_item(neighbour) || lines.get(line).is_some_and(is_item)) {
        return None;
    }
    let indent = lines.iter().find(|t| is_item(t)).map(|t| leading(t)).unwrap_or("  ");
    let fixed = format!("{indent}- {}", text.trim());
    Some(slip(
        line,
        1,
        "this line is in a list but does not start with a dash",
        format!("start each item with a dash and a space, lined up with the others: `{}`", fixed.trim_start()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(yaml: &str, line: usize, parser: &str) -> Slip {
        explain(yaml, line, parser, &|n| n + 1).expect("explained")
    }

    #[test]
    fn an_unquoted_colon_is_put_in_quotes() {
        let s = said(
            "title: Social Worker: Children with Disabilities\n",
            1,
            "mapping values are not allowed in this context",
        );
        assert_eq!(
            s.message,
            "the text of `title` has a colon and a space, which YAML reads as the start of another key"
        );
        assert_eq!(s.hint, "put the text in quotes: `title: \"Social Worker: Children with Disabilities\"`");
        let s = said("summary: Say \"hi\": now\n", 1, "mapping values are not allowed in this context");
        assert_eq!(s.hint, "put the text in quotes: `summary: 'Say \"hi\": now'`");
    }

    #[test]
    fn an_unclosed_quote_is_found_on_its_own_line() {
        let s =
            said("title: A\nsummary: \"A quote\nreference: X\n", 3, "invalid indentation in multiline quoted scalar");
        assert_eq!((s.line, s.column), (2, 10));
        assert_eq!(s.message, "the quote that opens `summary` is never closed");
        assert_eq!(s.hint, "end the text with the same quote: `summary: \"A quote\"`");
    }

    #[test]
    fn a_tab_is_found_on_its_own_line() {
        let s = said("title: A\nsalary:\n\tmin: 3\n", 2, "while scanning a plain scalar, found a tab");
        assert_eq!(s.line, 3);
        assert_eq!(s.hint, "indent with spaces instead: `  min: 3`");
    }

    #[test]
    fn a_missing_space_after_a_colon_is_named() {
        let s = said("title:Social Worker\nreference: X\n", 2, "mapping values are not allowed in this context");
        assert_eq!((s.line, s.message.as_str()), (1, "there is no space after the colon of `title`"));
        assert_eq!(s.hint, "put a space after the colon: `title: Social Worker`");
    }

    #[test]
    fn a_list_item_without_its_dash_is_shown_with_one() {
        let s = said("benefits:\n  - pension\n  leave\n", 3, "simple key expected ':'");
        assert_eq!((s.line, s.message.as_str()), (3, "this line is in a list but does not start with a dash"));
        assert_eq!(s.hint, "start each item with a dash and a space, lined up with the others: `- leave`");
    }

    #[test]
    fn a_key_written_twice_names_both_lines() {
        let s = said(
            "title: A\nhours: 3\ntitle: B\n",
            3,
            "duplicate mapping key: title, set DuplicateKeyPolicy in Options if acceptable",
        );
        assert_eq!((s.line, s.message.as_str()), (3, "`title` is written twice, on lines 2 and 4"));
    }

    #[test]
    fn other_errors_are_left_to_the_parser() {
        assert!(explain("title: [A\n", 1, "did not find expected ',' or ']'", &|n| n).is_none());
    }
}
