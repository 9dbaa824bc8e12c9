//! Turns raw front-matter values into checked domain values, collecting a message per bad field.

use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::input::dates::{self, Moment};
use crate::input::yaml::{line_of, Origin};
use jiff::tz::TimeZone;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// The longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 300;

/// A front-matter value that may be written once or as a list (`location: Leeds` or `[Leeds, York]`).
/// Read as it streams (not buffered, as serde's untagged enums are) so each item keeps its line.
#[derive(Debug, Clone)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

macro_rules! one_value_visits {
    ($($name:ident: $t:ty),*) => {
        $(fn $name<E: serde::de::Error>(self, v: $t) -> Result<Self::Value, E> {
            T::deserialize(Newtype(serde::de::IntoDeserializer::into_deserializer(v))).map(OneOrMany::One)
        })*
    };
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de;
        struct Items<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> de::Visitor<'de> for Items<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a value, or a list of values")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OneOrMany::Many(items))
            }
            // A single value: the item itself.
            one_value_visits!(visit_str: &str, visit_string: String, visit_bool: bool, visit_i64: i64,
                visit_u64: u64, visit_f64: f64);
        }
        d.deserialize_any(Items(std::marker::PhantomData))
    }
}

/// A scalar's deserializer that also answers as a newtype, as serde-saphyr's does: `Spanned<T>`
/// asks for one, and then takes the plain value (its place is filled in by [`items`]).
struct Newtype<D>(D);

impl<'de, D: serde::Deserializer<'de>> serde::Deserializer<'de> for Newtype<D> {
    type Error = D::Error;
    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }
    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        visitor.visit_newtype_struct(self.0)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// The items of a value written once or as a list, each at its own place in the file (a single
/// value takes the place of the whole).
pub fn items<T>(value: Spanned<OneOrMany<Spanned<T>>>) -> Vec<Spanned<T>> {
    match value.value {
        OneOrMany::One(item) => {
            vec![Spanned { value: item.value, referenced: value.referenced, defined: value.defined }]
        }
        OneOrMany::Many(items) => items,
    }
}

/// The checker for one file: every conversion records its own problems and returns `None` on failure.
pub struct Fields<'a> {
    pub origin: Origin<'a>,
    pub problems: Vec<Diagnostic>,
    /// Keys an unknown key was taken for a misspelling of (see [`crate::input::yaml::Parsed`]).
    misspelt: Vec<String>,
}

impl<'a> Fields<'a> {
    /// Whether an unknown key already reported is `key` misspelt (its hint suggests `key`): the
    /// editor is told once, at the misspelling, rather than also that `key` is missing.
    fn misspelt(&self, key: &str) -> bool {
        self.misspelt.iter().any(|k| k == key)
    }

    /// A checker that starts with what reading the file's keys found: its unknown keys, and the
    /// keys they were taken for misspellings of.
    pub fn after_keys<T>(origin: Origin<'a>, parsed: crate::input::yaml::Parsed<T>) -> (T, Self) {
        let crate::input::yaml::Parsed { value, unknown_keys, misspelt } = parsed;
        (value, Fields { origin, problems: unknown_keys, misspelt })
    }

    /// Records a problem with the value of `key`.
    pub fn bad<T>(&mut self, value: &Spanned<T>, key: &str, message: impl Into<String>, hint: Option<String>) {
        let (line, column) = line_of(value, self.origin);
        self.problems.push(Diagnostic::error(self.origin.file, message).at(line, column).field(key).maybe_hint(hint));
    }

    /// A required key: records "missing required key" when absent.
    pub fn required<T>(&mut self, value: Option<Spanned<T>>, key: &str, example: &str) -> Option<Spanned<T>> {
        if value.is_none() && !self.misspelt(key) {
            let line = self.origin.first_line.saturating_sub(1).max(1);
            self.problems.push(
                Diagnostic::error(self.origin.file, format!("missing required key `{key}`"))
                    .at(line, 1)
                    .field(key)
                    .hint(format!("add a line such as `{key}: {example}`")),
            );
        }
        value
    }

    /// Records each required key an item of a list lacks, at the item rather than the top of the
    /// file: `keys` are (key, whether present, an example line); `list` names the list (`payments`)
    /// and `what` one of its items (`payment`).
    pub fn required_in_item<T>(&mut self, item: &Spanned<T>, list: &str, what: &str, keys: &[(&str, bool, &str)]) {
        for (key, present, example) in keys {
            if !present {
                let hint = format!("add `{example}` to this {what}, lined up with its other keys");
                self.bad(item, &format!("{list}[].{key}"), format!("this {what} has no `{key}`"), Some(hint));
            }
        }
    }

    /// Non-empty text, trimmed.
    pub fn text(&mut self, value: Spanned<String>, key: &str) -> Option<String> {
        let trimmed = value.value.trim();
        if trimmed.is_empty() {
            self.bad(&value, key, "this must not be empty", Some(format!("write the {key} after `{key}: `")));
            return None;
        }
        Some(trimmed.to_string())
    }

    pub fn required_text(&mut self, value: Option<Spanned<String>>, key: &str, example: &str) -> Option<String> {
        let value = self.required(value, key, example)?;
        if key == "title" && value.value.chars().count() > MAX_TITLE_CHARS {
            let n = value.value.chars().count();
            self.bad(
                &value,
                key,
                format!("this title is too long ({n} characters; the limit is {MAX_TITLE_CHARS})"),
                Some("keep titles short: job boards cut them at about 70 characters".into()),
            );
            return None;
        }
        self.text(value, key)
    }

    pub fn optional_text(&mut self, value: Option<Spanned<String>>, key: &str) -> Option<String> {
        value.and_then(|v| self.text(v, key))
    }

    pub fn moment(&mut self, value: &Spanned<String>, key: &str, tz: &TimeZone) -> Option<Moment> {
        match dates::parse(&value.value, tz) {
            Ok(m) => Some(m),
            Err(e) => {
                self.bad(value, key, e.0, None);
                None
            }
        }
    }

    pub fn optional_moment(&mut self, value: &Option<Spanned<String>>, key: &str, tz: &TimeZone) -> Option<Moment> {
        value.as_ref().and_then(|v| self.moment(v, key, tz))
    }

    /// One of a fixed list of names; suggests the nearest on a typo.
    pub fn choice(&mut self, value: &Spanned<String>, key: &str, what: &str, options: &[&str]) -> Option<usize> {
        let wanted = value.value.trim();
        if let Some(i) = options.iter().position(|o| *o == wanted) {
            return Some(i);
        }
        let hint = match did_you_mean(wanted, options.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("use one of: {}", options.join(", ")),
        };
        self.bad(value, key, format!("unknown {what} `{wanted}`"), Some(hint));
        None
    }

    /// A plain email address (`someone@somewhere.example`): one `@`, no spaces or control
    /// characters, and none of the characters that would add parameters or other recipients to
    /// the `mailto:` link made from it (`?`, `&`, `,`, `;`, `%`, `/`, `<`, `>`, `"`, `:`).
    pub fn email(&mut self, value: &Spanned<String>, key: &str) -> Option<String> {
        let text = value.value.trim();
        if is_plain_email(text) {
            Some(text.to_string())
        } else {
            let hint = "write the address alone, such as recruitment@council.gov.uk, with nothing before or after it";
            self.bad(value, key, format!("`{text}` is not a plain email address"), Some(hint.into()));
            None
        }
    }

    /// An absolute http or https address.
    pub fn url(&mut self, value: &Spanned<String>, key: &str) -> Option<String> {
        let text = value.value.trim();
        match url::Url::parse(text) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Some(text.to_string()),
            _ => {
                self.bad(
                    value,
                    key,
                    format!("`{text}` is not a web address"),
                    Some("write the full address, starting with https://".to_string()),
                );
                None
            }
        }
    }

    /// Optional text that is published as an address (an image, a film, a logo): it must be one
    /// `address::classify` accepts, so no `javascript:` or `data:` address reaches a page.
    pub fn optional_address(&mut self, value: Option<Spanned<String>>, key: &str) -> Option<String> {
        let value = value?;
        self.text(value.clone(), key)?;
        match crate::input::address::publishable(&value.value) {
            Ok((_, published)) => Some(published.to_string()),
            Err(refused) => {
                self.bad(
                    &value,
                    key,
                    format!("this address cannot be published: {}", refused.reason),
                    Some(refused.hint.into()),
                );
                None
            }
        }
    }

    /// A number greater than zero.
    pub fn positive(&mut self, value: &Spanned<f64>, key: &str) -> Option<f64> {
        if value.value.is_finite() && value.value > 0.0 {
            Some(value.value)
        } else {
            self.bad(value, key, format!("expected a number greater than 0, found {}", value.value), None);
            None
        }
    }

    pub fn flag(value: Option<Spanned<bool>>) -> bool {
        value.map(|v| v.value).unwrap_or(false)
    }

    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<Diagnostic>> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ => Err(self.problems),
        }
    }
}

/// Whether `text` is one email address and nothing more.
pub fn is_plain_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text[local.len() + 1..].contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control() || "?&,;%/<>\":\\()[]".contains(c))
}

#[cfg(test)]
mod tests {
    use super::is_plain_email;

    #[test]
    fn only_a_plain_address_is_an_email() {
        for good in ["jobs@council.gov.uk", "first.last+jobs@example.org"] {
            assert!(is_plain_email(good), "{good}");
        }
        for bad in [
            "jobs@council.gov.uk?bcc=list@evil.example",
            "jobs@council.gov.uk&cc=x@y.z",
            "a@b.uk,c@d.uk",
            "jobs%40council.gov.uk",
            "jobs@council.gov.uk/x",
            "mailto:jobs@council.gov.uk",
            "jobs at council",
            "@council.gov.uk",
            "jobs@localhost",
            "a@b@c.uk",
            "jobs@council.gov.uk\u{2028}",
        ] {
            assert!(!is_plain_email(bad), "{bad}");
        }
    }
}
