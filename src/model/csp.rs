//! The Content-Security-Policy every page carries: scripts, styles, fonts and frames from the site
//! itself only, no inline script or style; a site may add sources for its own services (such as
//! analytics) under `content_security_policy:` in site.yaml, never ones that would allow inline
//! or injected script.

use std::collections::BTreeMap;

/// The policy before a site's additions, directive by directive.
pub const BASE: &[(&str, &str)] = &[
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' https:"),
    ("media-src", "'self' https:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("frame-src", "'none'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self' https:"),
];

/// The referrer policy every page carries: other sites see only the site's address, never the page.
pub const REFERRER: &str = "strict-origin-when-cross-origin";

/// Sources that would let inline, injected or any-site script run, refused in every directive.
const REFUSED_SOURCES: &[&str] = &[
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'unsafe-hashes'",
    "'wasm-unsafe-eval'",
    "'strict-dynamic'",
    "*",
    "data:",
    "blob:",
    "filesystem:",
];

/// Directives whose sources decide where script may come from: these take no bare scheme either.
const SCRIPT_DIRECTIVES: &[&str] = &["default-src", "script-src"];

/// Why a source a site adds is refused, with the hint for the editor.
pub fn refuse(directive: &str, source: &str) -> Option<(String, String)> {
    if !BASE.iter().any(|(d, _)| *d == directive) {
        let known: Vec<&str> = BASE.iter().map(|(d, _)| *d).collect();
        return Some((
            format!("`{directive}` is not a directive the site's policy has"),
            format!("use one of: {}", known.join(", ")),
        ));
    }
    let lower = source.to_ascii_lowercase();
    if REFUSED_SOURCES.contains(&lower.as_str()) {
        return Some((
            format!("`{source}` would let injected script run, so it cannot be added"),
            "add only the addresses of the services you use, such as https://analytics.example.org".into(),
        ));
    }
    let bare_scheme = lower.ends_with(':') && !lower.contains('/');
    if SCRIPT_DIRECTIVES.contains(&directive) && bare_scheme {
        return Some((
            format!("`{source}` would allow script from any site"),
            "name the service's own address, such as https://analytics.example.org".into(),
        ));
    }
    let keyword = matches!(lower.as_str(), "'self'" | "'none'");
    let address = !source.is_empty()
        && source.chars().all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$()*+=%".contains(c))
        && (lower.starts_with("https://") || lower.starts_with("wss://") || bare_scheme);
    if keyword || address {
        None
    } else {
        Some((
            format!("`{source}` is not a source the policy can take"),
            "write an https:// address (a `*.` before the host name allows its sub-domains), or 'self'".into(),
        ))
    }
}

/// The policy text, with a site's additions (already checked with `refuse`) after each directive's own.
pub fn policy(additions: &BTreeMap<String, Vec<String>>) -> String {
    BASE.iter()
        .map(|(directive, sources)| {
            let mut line = format!("{directive} {sources}");
            for extra in additions.get(*directive).into_iter().flatten() {
                if sources.contains("'none'") {
                    line = format!("{directive} {extra}");
                    continue;
                }
                line.push(' ');
                line.push_str(extra);
            }
            line
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_policy_allows_no_inline_or_foreign_script() {
        let text = policy(&BTreeMap::new());
        assert!(text.starts_with("default-src 'self'; script-src 'self'; style-src 'self';"), "{text}");
        for never in ["unsafe", "data:", "*"] {
            assert!(!text.contains(never), "{never} in {text}");
        }
    }

    #[test]
    fn a_site_adds_its_analytics_but_never_unsafe_sources() {
        let additions = BTreeMap::from([
            ("script-src".to_string(), vec!["https://analytics.example.org".to_string()]),
            ("frame-src".to_string(), vec!["https://www.youtube-nocookie.com".to_string()]),
        ]);
        let text = policy(&additions);
        assert!(text.contains("script-src 'self' https://analytics.example.org;"), "{text}");
        assert!(text.contains("frame-src https://www.youtube-nocookie.com;"), "{text}");
        assert!(refuse("script-src", "https://analytics.example.org").is_none());
        assert!(refuse("connect-src", "https://*.example.org").is_none());
        for bad in [
            "'unsafe-inline'",
            "'UNSAFE-EVAL'",
            "*",
            "data:",
            "https:",
            "http://x.example",
            "x; script-src *",
            "'nonce-abc'",
        ] {
            assert!(refuse("script-src", bad).is_some(), "{bad} accepted");
        }
        assert!(refuse("script-scr", "https://a.example").is_some(), "misspelt directive");
        assert!(refuse("img-src", "data:").is_some(), "data: is refused everywhere");
    }
}
