//! Maps a request path to a file of the in-memory site, refusing anything that could reach
//! outside it: `..` segments (also percent-encoded), backslashes, NUL bytes and absolute paths.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

/// What is percent-encoded in one path segment of a `Location`.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/');

/// What a request path refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site, by its output path (`jobs/x/index.html`).
    File(String),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    NotFound,
    /// A path no file could ever have: traversal, NUL, backslash, invalid encoding.
    BadRequest,
}

/// Resolves `target` (the request line's path, possibly with a query) against `exists`.
pub fn resolve(target: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Resolved::BadRequest;
    }
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Resolved::BadRequest;
    };
    if decoded.contains(['\0', '\\']) {
        return Resolved::BadRequest;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Resolved::BadRequest,
            s if s.contains(':') => return Resolved::BadRequest,
            s => segments.push(s),
        }
    }
    let key = segments.join("/");
    let folder = decoded.ends_with('/') || key.is_empty();
    if folder {
        let index = if key.is_empty() { "index.html".to_string() } else { format!("{key}/index.html") };
        return if exists(&index) { Resolved::File(index) } else { Resolved::NotFound };
    }
    if exists(&key) {
        Resolved::File(key)
    } else if exists(&format!("{key}/index.html")) {
        // Percent-encoded again, so a folder with a name outside ASCII makes a valid `Location`.
        let encoded: Vec<String> = segments.iter().map(|s| utf8_percent_encode(s, SEGMENT).to_string()).collect();
        Resolved::Redirect(format!("/{}/", encoded.join("/")))
    } else {
        Resolved::NotFound
    }
}

/// The `Content-Type` for an output path.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "vtt" => "text/vtt; charset=utf-8",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        ["index.html", "jobs/index.html", "jobs/x/index.html", "css/site.css", "404.html"].contains(&path)
    }

    #[test]
    fn folders_serve_their_index_and_redirect_without_a_slash() {
        assert_eq!(resolve("/", site), Resolved::File("index.html".into()));
        assert_eq!(resolve("/jobs/", site), Resolved::File("jobs/index.html".into()));
        assert_eq!(resolve("/jobs", site), Resolved::Redirect("/jobs/".into()));
        assert_eq!(resolve("/jobs/x/?utm=1", site), Resolved::File("jobs/x/index.html".into()));
        assert_eq!(resolve("/css/site.css", site), Resolved::File("css/site.css".into()));
        assert_eq!(resolve("/nope/", site), Resolved::NotFound);
    }

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/jobs/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/jobs/..%2f..%2fetc/passwd",
            "/..\\etc\\passwd",
            "/%5c..%5cetc",
            "/index.html%00.css",
            "/C:/Windows/win.ini",
            "//etc/passwd/..",
            "etc/passwd",
            "/%ff%fe",
        ] {
            assert!(matches!(resolve(bad, |_| true), Resolved::BadRequest | Resolved::NotFound), "{bad}");
        }
    }

    #[test]
    fn content_types_cover_the_site() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("jobs/feed.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("x.AVIF"), "image/avif");
        assert_eq!(content_type("events.ics"), "text/calendar; charset=utf-8");
    }
}
