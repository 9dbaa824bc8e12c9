//! Which addresses the site may publish: http(s), `mailto:`, `tel:`, site paths and `#fragments`.
//! Every address from front matter, markdown or raw HTML passes through `classify`.

/// What kind of address a published address is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `http://` or `https://` with a host.
    Web,
    Mail,
    Phone,
    /// A path on this site, such as `/images/a.jpg` or `../benefits/`, with any query and fragment.
    Path,
    /// `#section` on the same page.
    Fragment,
}

/// Why an address is not published, worded for an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub reason: String,
    pub hint: &'static str,
}

const HINT: &str =
    "use a web address starting with https://, a mailto: or tel: address, or a path on this site such as /images/photo.jpg";

/// Classifies `text` as a browser would read it (leading and trailing spaces and control
/// characters trimmed, the scheme case-insensitive), refusing anything that is not one of the kinds.
pub fn classify(text: &str) -> Result<Kind, Refused> {
    publishable(text).map(|(kind, _)| kind)
}

/// The address to publish for `text` and its kind: `text` trimmed once, of ASCII spaces and
/// control characters only (as the URL standard trims), so that what is classified is exactly
/// what is published. Other spaces (U+00A0, U+2000, U+3000, …) stay part of the address, where a
/// browser reads them as part of a path, never as the start of a scheme.
pub fn publishable(text: &str) -> Result<(Kind, &str), Refused> {
    let trimmed = text.trim_matches(|c: char| c <= ' ');
    kind_of(trimmed).map(|kind| (kind, trimmed))
}

fn kind_of(trimmed: &str) -> Result<Kind, Refused> {
    if trimmed.is_empty() {
        return Err(Refused { reason: "the address is empty".into(), hint: HINT });
    }
    // Browsers drop tabs and line breaks inside addresses (`java\tscript:` is `javascript:`),
    // and read `\` as `/` (`/\host` is another site): neither belongs in an address.
    if trimmed.chars().any(|c| c.is_control()) {
        return Err(Refused {
            reason: "the address contains a tab, line break or other control character".into(),
            hint: HINT,
        });
    }
    if trimmed.contains('\\') {
        return Err(Refused { reason: "the address contains a backslash (\\)".into(), hint: HINT });
    }
    if let Some(scheme) = scheme_of(trimmed) {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => match url::Url::parse(trimmed) {
                Ok(u) if u.host().is_some() => Ok(Kind::Web),
                _ => Err(Refused { reason: format!("`{trimmed}` is not a complete web address"), hint: HINT }),
            },
            "mailto" => Ok(Kind::Mail),
            "tel" => Ok(Kind::Phone),
            other => Err(Refused { reason: format!("`{other}:` addresses are not published"), hint: HINT }),
        };
    }
    if trimmed.starts_with("//") {
        return Err(Refused {
            reason: format!("`{trimmed}` leaves out the https: at the start"),
            hint: "write the whole address, starting with https://",
        });
    }
    if trimmed.starts_with('#') {
        Ok(Kind::Fragment)
    } else {
        Ok(Kind::Path)
    }
}

/// Whether `text` may be published.
pub fn is_allowed(text: &str) -> bool {
    classify(text).is_ok()
}

/// The scheme of `text` as the URL standard reads it: a letter, then letters, digits, `+`, `-`
/// or `.`, then `:`, before any `/`, `?` or `#`.
fn scheme_of(text: &str) -> Option<&str> {
    let end = text.find(':')?;
    let candidate = &text[..end];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_kinds_are_accepted() {
        assert_eq!(classify("https://example.org/a?b#c"), Ok(Kind::Web));
        assert_eq!(classify("HTTP://example.org"), Ok(Kind::Web));
        assert_eq!(classify("mailto:jobs@example.org"), Ok(Kind::Mail));
        assert_eq!(classify("tel:+441234567890"), Ok(Kind::Phone));
        assert_eq!(classify("/images/a.jpg"), Ok(Kind::Path));
        assert_eq!(classify("../benefits/"), Ok(Kind::Path));
        assert_eq!(classify("images/a.jpg?x=1:2"), Ok(Kind::Path), "a colon after a slash is not a scheme");
        assert_eq!(classify("#apply"), Ok(Kind::Fragment));
    }

    #[test]
    fn script_and_data_addresses_are_refused_however_they_are_spelt() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "DATA:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "//evil.example/x",
            "/\\evil.example/x",
            "https:",
            "",
        ] {
            assert!(classify(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn unicode_spaces_are_published_as_classified_never_trimmed_into_a_scheme() {
        for space in ['\u{00a0}', '\u{2000}', '\u{2028}', '\u{3000}', '\u{1680}', '\u{202f}'] {
            let text = format!("{space}javascript:alert(1){space}");
            let (kind, published) = publishable(&text).unwrap();
            assert_eq!(kind, Kind::Path, "{space:?}");
            assert_eq!(published, text, "{space:?}: the address published is the one classified");
            assert!(!published.trim().is_empty() && published.starts_with(space));
            let text = format!(" \t{space}https://example.org/{space}\n");
            assert_eq!(publishable(&text).unwrap().1, format!("{space}https://example.org/{space}"));
        }
        assert_eq!(publishable(" \u{1}https://example.org/a \n"), Ok((Kind::Web, "https://example.org/a")));
    }
}
