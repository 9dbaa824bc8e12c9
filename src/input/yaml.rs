//! Reads YAML into raw serde types: checks every key against a schema, so all unknown keys are
//! reported at once with suggestions, and maps type errors to the field and line they concern.

use crate::diagnostics::{did_you_mean, Diagnostic};
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// The keys a document may have, as dotted paths (`salary.min`, `locations[].name`, and
/// `defaults.teams.*.dbs` where `*` stands for any name), each with a plain-English description of
/// the value expected there.
pub type Schema = &'static [(&'static str, &'static str)];

/// The shape of a YAML document: its mapping keys with their lines, nothing else.
#[derive(Debug)]
enum Node {
    Map(Vec<(Spanned<String>, Node)>),
    Seq(Vec<Node>),
    Scalar,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

macro_rules! scalar_visits {
    ($($name:ident: $t:ty),*) => {
        $(fn $name<E: de::Error>(self, _: $t) -> Result<Node, E> { Ok(Node::Scalar) })*
    };
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    scalar_visits!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str,
        visit_i128: i128, visit_u128: u128, visit_bytes: &[u8]);
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

/// Where a YAML text sits in its file, for messages.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a str,
    /// Line of the file on which the YAML text starts.
    pub first_line: usize,
}

impl Origin<'_> {
    fn line(&self, yaml_line: u64) -> usize {
        if yaml_line == 0 {
            return self.first_line.saturating_sub(1).max(1);
        }
        yaml_line as usize + self.first_line - 1
    }
}

fn options() -> serde_saphyr::Options {
    // The default budget bounds alias expansion (billion laughs) and nesting; snippets are off
    // because we print our own messages.
    serde_saphyr::options! { with_snippet: false }
}

/// A typed document, and the keys it has that its schema does not know (errors, reported with
/// the caller's own so that one run shows every mistake in the file).
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: T,
    pub unknown_keys: Vec<Diagnostic>,
    /// The keys (dotted paths) an unknown key was taken for a misspelling of: a required key among
    /// them is reported once, as the misspelling, not also as missing.
    pub misspelt: Vec<String>,
}

/// What checking a document's keys against its schema finds.
#[derive(Default)]
struct KeyCheck {
    /// Each known key with its line, for naming the field of a type error.
    keys: Vec<(usize, String)>,
    /// Each unknown key.
    problems: Vec<Diagnostic>,
    /// The keys unknown ones were taken for misspellings of.
    misspelt: Vec<String>,
}

/// Parses `yaml` into a raw type `T` made of structs all the way down (no maps), checking its
/// keys against `schema`, reading a file with no mistake only once: straight into `T`, noting
/// any key `T` leaves unread. Such a raw type reads exactly the keys its schema names (tests hold
/// each to it), so a document read that way with no key left unread has nothing to report.
/// Anything else, a key left unread, a type error or a YAML error, is read again by [`parse`]
/// for its messages. Content files are read this way: there are thousands of them.
pub fn parse_structs<T: DeserializeOwned>(
    yaml: &str,
    origin: Origin<'_>,
    schema: Schema,
) -> Result<Parsed<T>, Vec<Diagnostic>> {
    match parse_clean(yaml) {
        Some(value) => Ok(Parsed { value, unknown_keys: Vec::new(), misspelt: Vec::new() }),
        None => parse(yaml, origin, schema),
    }
}

/// The typed document, if it reads with every key known to `T` and no error.
fn parse_clean<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    let mut unread = false;
    let value = serde_saphyr::with_deserializer_from_str_with_options(source, options(), |d| {
        serde_ignored::deserialize(d, |path| unread |= !is_span_marker(&path))
    });
    value.ok().filter(|_| !unread)
}

/// Whether an unread key is the one serde-saphyr's `Spanned` reads past on purpose (it marks
/// where a value starts). Were serde-saphyr to name it differently, a clean document would only
/// be read the long way; a test holds the short way to documents with spanned values.
fn is_span_marker(path: &serde_ignored::Path<'_>) -> bool {
    matches!(path, serde_ignored::Path::Map { key, .. } if key == "__serde_saphyr_private_spanned")
}

/// Parses `yaml` into `T` and checks its keys against `schema`. Raw types do not refuse unknown
/// keys themselves: the schema check reports each, at its line with a suggestion, and the typed
/// value is still made so its other mistakes can be found too. Fails on a YAML or type error.
/// The shape of the document is read first (so every unknown key is found, with its line, even
/// under a map such as site.yaml's `content_security_policy`), then the typed value.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    origin: Origin<'_>,
    schema: Schema,
) -> Result<Parsed<T>, Vec<Diagnostic>> {
    let tree: Node = match serde_saphyr::from_str_with_options::<Option<Node>>(yaml, options()) {
        Ok(Some(tree)) => tree,
        Ok(None) => Node::Map(Vec::new()),
        Err(e) => return Err(vec![syntax_error(yaml, &e, origin)]),
    };
    let mut found = KeyCheck::default();
    match &tree {
        Node::Map(_) => check_keys(&tree, "", schema, origin, &mut found),
        _ => {
            return Err(vec![Diagnostic::error(origin.file, "the front matter is not a list of `key: value` lines")
                .at(origin.first_line, 1)
                .hint("write each setting on its own line, such as `title: Social Worker`")]);
        }
    }
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    let KeyCheck { keys, mut problems, misspelt } = found;
    match serde_saphyr::from_str_with_options::<T>(source, options()) {
        Ok(value) => Ok(Parsed { value, unknown_keys: problems, misspelt }),
        Err(e) => {
            problems.push(type_error(source, &e, origin, &keys, schema));
            Err(problems)
        }
    }
}

fn syntax_error(yaml: &str, e: &serde_saphyr::Error, origin: Origin<'_>) -> Diagnostic {
    let (line, column) = location(e);
    let message = strip_location(&e.to_string());
    // The common slips in plain English, at the line of the mistake; the parser's words otherwise.
    let file_line = |n: usize| origin.line(n as u64);
    if let Some(slip) = super::yaml_slips::explain(yaml, line as usize, &message, &file_line) {
        return Diagnostic::error(origin.file, slip.message).at(file_line(slip.line), slip.column).hint(slip.hint);
    }
    let hint = if message.contains("budget") || message.contains("alias") {
        "remove the YAML anchors (`&name`) and aliases (`*name`): they expand too far"
    } else if message.contains("duplicate") {
        "each key may appear only once; delete one of the two"
    } else if message.contains("tab") {
        "indent with spaces, not tabs"
    } else {
        "check the quotes, colons and indentation on this line; text containing `: ` or starting with a symbol needs quotes"
    };
    Diagnostic::error(origin.file, format!("the front matter is not valid YAML: {message}"))
        .at(origin.line(line), column as usize)
        .hint(hint)
}

fn location(e: &serde_saphyr::Error) -> (u64, u64) {
    e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0))
}

fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn check_keys(node: &Node, path: &str, schema: Schema, origin: Origin<'_>, found: &mut KeyCheck) {
    match node {
        Node::Map(entries) => {
            for (key, value) in entries {
                let mut full = if path.is_empty() { key.value.clone() } else { format!("{path}.{}", key.value) };
                // `path.*` in the schema: a map whose keys are names (of a level, a team), any of them.
                let any_name = format!("{path}.*");
                if !path.is_empty() && schema.iter().any(|(p, _)| *p == any_name) {
                    full = any_name;
                }
                let line = origin.line(key.referenced.line());
                if schema.iter().any(|(p, _)| *p == full) {
                    found.keys.push((line, full.clone()));
                    check_keys(value, &full, schema, origin, found);
                } else if schema.iter().any(|(p, _)| p.starts_with(&format!("{path}."))) || path.is_empty() {
                    let siblings = sibling_names(schema, path);
                    let suggestion = did_you_mean(&key.value, siblings.iter().copied());
                    let hint = match suggestion {
                        Some(s) => {
                            found.misspelt.push(if path.is_empty() { s.to_string() } else { format!("{path}.{s}") });
                            format!("did you mean `{s}`?")
                        }
                        None => format!("the keys allowed here are: {}", siblings.join(", ")),
                    };
                    found.problems.push(
                        Diagnostic::error(origin.file, format!("unknown key `{}`", key.value))
                            .at(line, key.referenced.column() as usize)
                            .field(full)
                            .hint(hint),
                    );
                }
            }
        }
        Node::Seq(items) => {
            for item in items {
                check_keys(item, &format!("{path}[]"), schema, origin, found);
            }
        }
        Node::Scalar => {}
    }
}

fn sibling_names(schema: Schema, parent: &str) -> Vec<&'static str> {
    schema
        .iter()
        .filter_map(|(p, _)| {
            let rest =
                if parent.is_empty() { Some(*p) } else { p.strip_prefix(parent).and_then(|r| r.strip_prefix('.')) };
            rest.filter(|r| !r.contains('.') && !r.contains("[]") && *r != "*")
        })
        .collect()
}

/// A value of the wrong kind, in the schema's words with the value written; the parser's own words
/// only when the value cannot be shown.
fn type_error(
    yaml: &str,
    e: &serde_saphyr::Error,
    origin: Origin<'_>,
    keys: &[(usize, String)],
    schema: Schema,
) -> Diagnostic {
    let (line, column) = location(e);
    let file_line = origin.line(line);
    let field = keys.iter().filter(|(l, _)| *l <= file_line).max_by_key(|(l, _)| *l).map(|(_, k)| k.clone());
    let yaml_said = strip_location(&e.to_string());
    let expected = field.as_deref().and_then(|f| schema.iter().find(|(p, _)| *p == f)).map(|(_, what)| *what);
    // The value as written: the rest of the line after its key's colon.
    let text = yaml.lines().nth((line as usize).saturating_sub(1)).unwrap_or("");
    let value = text.split_once(": ").map(|(_, v)| v.trim()).filter(|v| !v.is_empty() && !v.starts_with(['[', '{']));
    let mut hint = None;
    let message = match (expected, value) {
        (Some(what), Some(v)) if yaml_said.contains("expected sequence") => {
            let key = field.as_deref().unwrap_or("").rsplit('.').next().unwrap_or("");
            let items: Vec<&str> = v.split(',').map(str::trim).filter(|i| !i.is_empty()).collect();
            hint = Some(format!(
                "write the items in square brackets, `{key}: [{}]`, or one per line starting with `- `",
                items.join(", ")
            ));
            format!("expected {what}, not a single line of text")
        }
        (Some(what), Some(v)) => format!("expected {what}, not `{v}`"),
        (Some(what), None) => format!("expected {what} ({yaml_said})"),
        (None, _) => yaml_said,
    };
    let mut d = Diagnostic::error(origin.file, message).at(file_line, column as usize).maybe_hint(hint);
    if let Some(f) = field {
        d = d.field(f);
    }
    d
}

/// The line (in the file) of a spanned value.
pub fn line_of<T>(value: &Spanned<T>, origin: Origin<'_>) -> (usize, usize) {
    (origin.line(value.referenced.line()), value.referenced.column() as usize)
}

/// For tests: the field names a raw type's derived `Deserialize` accepts, so a test can hold them
/// to the schema (raw types accept no other key, and the schema must name each of theirs).
#[cfg(test)]
pub(crate) fn field_names<T: DeserializeOwned>() -> Vec<&'static str> {
    use std::cell::Cell;
    struct Probe<'a>(&'a Cell<&'static [&'static str]>);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0.set(fields);
            Err(de::Error::custom("only the field names were wanted"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
            unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let names = Cell::new(&[][..]);
    let _ = T::deserialize(Probe(&names));
    let mut names = names.get().to_vec();
    names.sort_unstable();
    names
}

/// For tests: fails unless the raw type `T` has exactly the keys `schema` names under `parent`
/// (`""` for the top level), so no key is read that the schema would call unknown, or the reverse.
#[cfg(test)]
pub(crate) fn assert_schema_names<T: DeserializeOwned>(schema: Schema, parent: &str) {
    let mut names = sibling_names(schema, parent);
    names.sort_unstable();
    assert_eq!(field_names::<T>(), names, "the keys of `{parent}` and the schema's differ");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // Only the shape matters to these tests.
    struct Doc {
        title: Option<String>,
        hours: Option<f64>,
        salary: Option<Salary>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Salary {
        min: Option<f64>,
    }
    const SCHEMA: Schema =
        &[("title", "text"), ("hours", "a number of hours"), ("salary", "a salary"), ("salary.min", "a number")];
    const ORIGIN: Origin = Origin { file: "content/jobs/a.md", first_line: 2 };

    #[test]
    fn reports_every_unknown_key_with_its_line_and_a_suggestion() {
        let parsed = parse::<Doc>("title: A\ntitel: B\nsalary:\n  mni: 3\n", ORIGIN, SCHEMA).unwrap();
        assert_eq!(parsed.value.title.as_deref(), Some("A"), "the rest is still read");
        let errs = parsed.unknown_keys;
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, 3);
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(errs[1].field.as_deref(), Some("salary.mni"));
        assert_eq!(errs[1].line, 5);
        assert_eq!(errs[1].hint.as_deref(), Some("did you mean `min`?"));
    }

    #[test]
    fn an_unknown_key_and_a_type_error_are_reported_together() {
        let errs = parse::<Doc>("titel: A\nhours: lots\n", ORIGIN, SCHEMA).unwrap_err();
        let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("unknown key `titel`") && messages[1].contains("a number of hours"));
    }

    #[test]
    fn names_the_field_of_a_type_error() {
        let errs = parse::<Doc>("title: A\nhours: lots\n", ORIGIN, SCHEMA).unwrap_err();
        assert_eq!(errs[0].field.as_deref(), Some("hours"));
        assert_eq!(errs[0].line, 3);
        assert!(errs[0].message.starts_with("expected a number of hours"), "{}", errs[0].message);
    }

    #[test]
    fn invalid_yaml_is_an_error_with_a_line() {
        let errs = parse::<Doc>("title: [A\n", ORIGIN, SCHEMA).unwrap_err();
        assert!(errs[0].message.contains("not valid YAML"));
        assert!(errs[0].line >= 2);
    }

    #[test]
    fn exponential_aliases_are_refused() {
        let mut yaml = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (i, c) in "bcdefghijk".chars().enumerate() {
            let prev = "abcdefghijk".chars().nth(i).unwrap();
            yaml.push_str(&format!(
                "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        let errs = parse::<Doc>(&yaml, ORIGIN, SCHEMA).unwrap_err();
        assert!(!errs.is_empty());
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct SpannedDoc {
        title: Option<Spanned<String>>,
        salary: Option<Spanned<Salary>>,
    }
    const SPANNED_SCHEMA: Schema = &[("title", "text"), ("salary", "a salary"), ("salary.min", "a number")];

    #[test]
    fn a_clean_document_with_spanned_values_is_read_in_one_pass() {
        let doc = parse_clean::<SpannedDoc>("title: A\nsalary:\n  min: 3\n").expect("read the short way");
        assert_eq!(doc.title.unwrap().referenced.line(), 1);
        assert_eq!(doc.salary.unwrap().value.min, Some(3.0));
        assert!(parse_clean::<Doc>("").is_some(), "empty front matter has nothing to report");
    }

    #[test]
    fn a_document_with_a_key_left_unread_or_a_mistake_is_read_the_long_way() {
        assert!(parse_clean::<SpannedDoc>("title: A\nsalary:\n  mni: 3\n").is_none(), "nested unknown key");
        assert!(parse_clean::<SpannedDoc>("titel: A\n").is_none(), "unknown key");
        assert!(parse_clean::<Doc>("hours: lots\n").is_none(), "type error");
        assert!(parse_clean::<Doc>("title: [A\n").is_none(), "YAML error");
        let errs = reported(parse_structs::<SpannedDoc>("title: A\nsalary:\n  mni: 3\n", ORIGIN, SPANNED_SCHEMA));
        assert_eq!(errs[0].field.as_deref(), Some("salary.mni"));
        assert_eq!(errs[0].line, 4);
    }

    #[test]
    fn front_matter_written_as_a_list_is_refused_on_the_short_way_too() {
        // A derived struct can read a list, its fields by position; serde-saphyr asks for a mapping.
        let errs = parse_structs::<Doc>("- A\n- 3\n- ~\n", ORIGIN, SCHEMA).unwrap_err();
        assert!(errs[0].message.contains("not a list of `key: value` lines"), "{}", errs[0].message);
    }

    /// What a parse reported: its unknown keys, or its errors.
    fn reported<T>(parsed: Result<Parsed<T>, Vec<Diagnostic>>) -> Vec<Diagnostic> {
        parsed.map_or_else(|errors| errors, |p| p.unknown_keys)
    }

    #[test]
    fn empty_front_matter_parses_as_no_keys() {
        let doc = parse::<Doc>("", ORIGIN, SCHEMA).unwrap().value;
        assert!(doc.title.is_none());
    }
}
