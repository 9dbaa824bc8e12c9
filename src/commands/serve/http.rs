//! Answers preview requests from the current in-memory snapshot: files, redirects, the 404 page,
//! the live-reload script and its event stream, and the error overlay injected into every page.

use super::paths::{content_type, resolve, Resolved};
use super::state::{Shared, Signal, Snapshot};
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
/// How often an idle event stream sends a comment, so closed connections are noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// A response header; a value that cannot be sent as one (never expected) is sent empty.
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .or_else(|_| Header::from_bytes(name.as_bytes(), &b""[..]))
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Invalid"[..], &b""[..]).unwrap_or_else(|_| unreachable!()))
}

/// Whether `request` came through the front door, which adds its pass to every request it
/// passes on (only the door can reach the server on Unix; elsewhere this keeps out anyone else
/// on the machine who finds the server's loopback port).
pub fn has_pass(request: &Request, pass: &str) -> bool {
    request.headers().iter().any(|h| h.field.equiv(super::guard::PASS_HEADER) && h.value.as_str() == pass)
}

fn respond(request: Request, status: u16, kind: &str, body: Vec<u8>, extra: Option<Header>) {
    let mut response = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    if let Some(h) = extra {
        response = response.with_header(h);
    }
    let _ = request.respond(response);
}

/// Answers one request. The event stream is answered on its own thread, so it holds no worker.
pub fn handle(request: Request, shared: &Arc<Shared>, pass: &str) {
    if !has_pass(&request, pass) {
        return respond(request, 403, "text/plain; charset=utf-8", b"Forbidden\n".to_vec(), None);
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let allow = header("Allow", "GET, HEAD");
        return respond(request, 405, "text/plain; charset=utf-8", b"Method not allowed\n".to_vec(), Some(allow));
    }
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or("");
    match path {
        "/__jobsite/live.js" => return respond(request, 200, "text/javascript; charset=utf-8", LIVE_JS.into(), None),
        "/__jobsite/live.css" => return respond(request, 200, "text/css; charset=utf-8", LIVE_CSS.into(), None),
        "/__jobsite/events" => {
            let since = url.split_once("since=").and_then(|(_, n)| n.split('&').next()?.parse().ok()).unwrap_or(0);
            let shared = shared.clone();
            std::thread::spawn(move || events(request, &shared, since));
            return;
        }
        _ => {}
    }
    let snapshot = shared.snapshot();
    match resolve(&url, |p| snapshot.has(p)) {
        Resolved::File(p) => match snapshot.get(&p) {
            Some(Ok(bytes)) => {
                let body = if p.ends_with(".html") { inject(&bytes, &snapshot) } else { bytes.to_vec() };
                respond(request, 200, content_type(&p), body, None);
            }
            // A page that fails to render shows what failed as every other finding prints, over
            // a page of its own that reloads itself once the file is fixed.
            Some(Err(problem)) if p.ends_with(".html") => {
                respond(request, 500, "text/html; charset=utf-8", failed_page(&problem.to_string(), &snapshot), None)
            }
            Some(Err(problem)) => {
                respond(request, 500, "text/plain; charset=utf-8", format!("{problem}\n").into_bytes(), None)
            }
            None => respond(request, 404, "text/plain; charset=utf-8", b"Not found\n".to_vec(), None),
        },
        Resolved::Redirect(to) => {
            let location = header("Location", &to);
            respond(request, 301, "text/plain; charset=utf-8", format!("Moved to {to}\n").into_bytes(), Some(location));
        }
        Resolved::NotFound => {
            let page = snapshot.get("404.html").and_then(Result::ok).map(|b| b.to_vec()).unwrap_or_else(|| {
                b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Page not found</h1></body></html>".to_vec()
            });
            respond(request, 404, "text/html; charset=utf-8", inject(&page, &snapshot), None);
        }
        Resolved::BadRequest => respond(request, 400, "text/plain; charset=utf-8", b"Bad request\n".to_vec(), None),
    }
}

/// The page with the live-reload script added, and the error overlay while the site is broken.
pub fn inject(html: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    const LAST_GOOD: &str =
        "You are seeing the last version that worked. Fix the problem below and save the file: this message goes away by itself.";
    inject_with(html, snapshot, snapshot.error.as_deref().map(|e| ("The site could not be rebuilt", LAST_GOOD, e)))
}

/// The page shown for a page of the site that could not be made: `problem` in the overlay, as
/// it would print in the terminal, and the live-reload script, so the page comes back when fixed.
pub fn failed_page(problem: &str, snapshot: &Snapshot) -> Vec<u8> {
    let page = b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>This page could not be made</title></head><body></body></html>";
    let words = "Fix the problem below and save the file: the page comes back by itself.";
    inject_with(page, snapshot, Some(("This page could not be made", words, problem)))
}

/// `html` with the live-reload script and the lint panel added, and an overlay (title, words,
/// the problem) when one is given.
fn inject_with(html: &[u8], snapshot: &Snapshot, overlay: Option<(&str, &str, &str)>) -> Vec<u8> {
    let mut snippet = String::from("<link rel=\"stylesheet\" href=\"/__jobsite/live.css\">");
    if let Some((title, words, problem)) = overlay {
        snippet.push_str(&format!(
            "<div id=\"jobsite-overlay\" role=\"alertdialog\" aria-modal=\"true\" aria-labelledby=\"jobsite-overlay-title\"><div>\
             <h2 id=\"jobsite-overlay-title\">{title}</h2><p>{words}</p><pre>"
        ));
        snippet.push_str(&quick_xml::escape::escape(problem));
        snippet.push_str("</pre></div></div>");
    }
    snippet.push_str(&lint_panel(snapshot.lints()));
    snippet
        .push_str(&format!("<script src=\"/__jobsite/live.js\" data-generation=\"{}\"></script>", snapshot.generation));
    let position = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len() + 64);
    let head = allow_live_script(&html[..position]);
    out.extend_from_slice(&head);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[position..]);
    out
}

/// The page's policy (`script-src https://host/js/search.js …`) with the preview's own script
/// added at the same origin as the first script address, so the live-reload script may run
/// where the policy names each script file.
fn allow_live_script(html: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    const DIRECTIVE: &[u8] = b"script-src ";
    let Some(at) = memchr::memmem::find(html, DIRECTIVE) else { return html.into() };
    let sources = at + DIRECTIVE.len();
    let first = &html[sources..];
    let end = first.iter().position(|b| matches!(b, b' ' | b';' | b'"')).unwrap_or(first.len());
    let Ok(first) = std::str::from_utf8(&first[..end]) else { return html.into() };
    let Some(scheme_end) = first.find("://") else { return html.into() };
    let origin_end = first[scheme_end + 3..].find('/').map_or(first.len(), |i| scheme_end + 3 + i);
    let live = format!("{}/__jobsite/live.js ", &first[..origin_end]);
    let mut out = Vec::with_capacity(html.len() + live.len());
    out.extend_from_slice(&html[..sources]);
    out.extend_from_slice(live.as_bytes());
    out.extend_from_slice(&html[sources..]);
    out.into()
}

/// The most findings the panel lists; `jobsite check` lists them all.
const PANEL_ITEMS: usize = 50;

/// What `check` would say, in a panel the editor can close (a `<details>`, so it works without
/// the script); empty when there is nothing to say.
fn lint_panel(found: &[crate::diagnostics::Diagnostic]) -> String {
    if found.is_empty() {
        return String::new();
    }
    let esc = |t: &str| quick_xml::escape::escape(t).into_owned();
    let things = if found.len() == 1 { "1 thing" } else { &format!("{} things", found.len()) };
    let mut html =
        format!("<details id=\"jobsite-lints\" open><summary>{things} to check before publishing</summary><ul>");
    for d in found.iter().take(PANEL_ITEMS) {
        let level = if d.is_error() { "Error" } else { "Warning" };
        let place = if d.line > 0 { format!("{}:{}", d.file, d.line) } else { d.file.clone() };
        html.push_str(&format!("<li><strong>{level}</strong> {}: {}", esc(&place), esc(&d.message)));
        if let Some(hint) = &d.hint {
            html.push_str(&format!(" <span>({})</span>", esc(hint)));
        }
        html.push_str("</li>");
    }
    if found.len() > PANEL_ITEMS {
        html.push_str(&format!(
            "<li>and {} more: run <code>jobsite check</code> to see them all</li>",
            found.len() - PANEL_ITEMS
        ));
    }
    html.push_str("</ul></details>");
    html
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// A Server-Sent Events stream: `reload` or `styles` after each rebuild newer than `since`.
fn events(request: Request, shared: &Shared, mut since: u64) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if writer.write_all(head.as_bytes()).and_then(|_| writer.flush()).is_err() {
        return;
    }
    loop {
        let message = match shared.wait_newer(since, KEEP_ALIVE) {
            Some(snapshot) => {
                let kind = match snapshot.signal {
                    Some(Signal::Styles) if snapshot.generation == since + 1 => "styles",
                    _ => "reload",
                };
                since = snapshot.generation;
                format!("data: {kind}\n\n")
            }
            None => ": keep-alive\n\n".to_string(),
        };
        if writer.write_all(message.as_bytes()).and_then(|_| writer.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_live_script_is_added_to_the_policy_at_the_site_s_origin() {
        let page = b"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src http://127.0.0.1:8000/js/search.js; style-src 'self'\"><body></body>";
        let html = String::from_utf8(inject(page, &Snapshot::default())).unwrap();
        assert!(
            html.contains("script-src http://127.0.0.1:8000/__jobsite/live.js http://127.0.0.1:8000/js/search.js;"),
            "{html}"
        );
        let no_policy = String::from_utf8(inject(b"<body></body>", &Snapshot::default())).unwrap();
        assert!(!no_policy.contains("script-src"));
    }

    #[test]
    fn injects_before_the_closing_body_tag_and_escapes_the_error() {
        let mut snapshot = Snapshot::failed(&Snapshot::default(), "bad <key>".into());
        snapshot.generation = 7;
        let page = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", &snapshot)).unwrap();
        assert!(page.ends_with("data-generation=\"7\"></script></body></html>"), "{page}");
        assert!(page.contains("bad &lt;key&gt;"));
        let mut clean = Snapshot::default();
        clean.generation = 8;
        assert!(!String::from_utf8(inject(b"<body></body>", &clean)).unwrap().contains("jobsite-overlay"));
    }

    #[test]
    fn a_page_that_cannot_be_made_shows_the_finding_as_it_prints_and_reloads_itself() {
        let mut snapshot = Snapshot::default();
        snapshot.generation = 3;
        let problem = crate::diagnostics::Diagnostic::error(
            "templates/vacancy.html",
            "rendering jobs/a/index.html failed: <oops>",
        )
        .at(12, 4)
        .to_string();
        let page = String::from_utf8(failed_page(&problem, &snapshot)).unwrap();
        assert!(page.contains("<h2 id=\"jobsite-overlay-title\">This page could not be made</h2>"), "{page}");
        assert!(
            page.contains("error: templates/vacancy.html:12:4: rendering jobs/a/index.html failed: &lt;oops&gt;"),
            "{page}"
        );
        assert!(page.contains("data-generation=\"3\"></script></body></html>"), "{page}");
    }
}
