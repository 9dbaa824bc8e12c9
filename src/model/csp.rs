//! The Content-Security-Policy every page carries: styles, fonts and frames from the site itself
//! only, scripts from the theme's own script files only (by their full address, so a `.js` file
//! uploaded to `static/` cannot be run by an HTML file beside it), no inline script or style; a
//! site may add sources for its own services (such as analytics) under `content_security_policy:`
//! in site.yaml, never ones that would allow inline, injected or any-site script.

use std::collections::BTreeMap;

/// The policy before a site's additions, directive by directive. `script-src` is replaced by the
/// addresses of the theme's scripts (see [`policy`]).
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
    if SCRIPT_DIRECTIVES.contains(&directive) && has_host_wildcard(&lower) {
        return Some((
            format!("`{source}` would allow script from any host or port"),
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

/// Whether a source's host is a wildcard other than a leading `*.` before a domain
/// (`https://*`, `https://*com`), or its port is `*`.
fn has_host_wildcard(lower: &str) -> bool {
    let Some((_, rest)) = lower.split_once("://") else { return lower.contains('*') };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let host_rest = host.strip_prefix("*.").unwrap_or(host);
    port.is_some_and(|p| p.contains('*')) || host_rest.contains('*') || !host_rest.contains('.')
}

/// `address` made safe to stand as one source of a policy: every character a policy reads as a
/// separator (space, `;`, `,`) or that is not allowed in a source is percent-encoded.
pub fn source(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for c in address.chars() {
        if c.is_ascii_alphanumeric() || "-._~:/?#[]@!$()+=%".contains(c) {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The policy text: `scripts` (the full addresses of the theme's script files) as `script-src`,
/// and a site's additions (already checked with `refuse`) after each directive's own.
pub fn policy(additions: &BTreeMap<String, Vec<String>>, scripts: &[String]) -> String {
    let scripts: Vec<String> = scripts.iter().map(|s| source(s)).collect();
    let scripts = scripts.join(" ");
    BASE.iter()
        .map(|(directive, sources)| {
            let sources = if *directive == "script-src" && !scripts.is_empty() { scripts.as_str() } else { sources };
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
        let text = policy(&BTreeMap::new(), &["https://jobs.example.gov.uk/js/search.js".into()]);
        assert!(
            text.starts_with(
                "default-src 'self'; script-src https://jobs.example.gov.uk/js/search.js; style-src 'self';"
            ),
            "{text}"
        );
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
        let text = policy(&additions, &["https://a.example/js/s.js".into()]);
        assert!(text.contains("script-src https://a.example/js/s.js https://analytics.example.org;"), "{text}");
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
        for wildcard in ["https://*", "https://*:443", "https://analytics.example.org:*", "https://*com", "*:*"] {
            assert!(refuse("script-src", wildcard).is_some(), "{wildcard} accepted");
            assert!(refuse("default-src", wildcard).is_some(), "{wildcard} accepted");
        }
        assert!(refuse("script-src", "https://*.analytics.example.org").is_none(), "sub-domains of one domain");
        assert!(refuse("img-src", "https://*").is_none(), "images may come from any https host");
        assert!(refuse("script-scr", "https://a.example").is_some(), "misspelt directive");
        assert!(refuse("img-src", "data:").is_some(), "data: is refused everywhere");
    }

    #[test]
    fn a_script_address_cannot_break_out_of_its_source() {
        assert_eq!(source("https://a.example/x;script-src */s.js"), "https://a.example/x%3Bscript-src%20%2A/s.js");
        assert_eq!(source("https://a.example/a,b\"'/s.js"), "https://a.example/a%2Cb%22%27/s.js");
    }
}
