//! A council's feed served by a loopback HTTP server whose answers a test sets, the feed itself,
//! and a portal site over such councils.

use super::*;
use jobsite::build::{self, BuildSummary, Fetching, Request};
use jobsite::diagnostics::Diagnostics;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What the server answers for a path: status, body, ETag.
pub type Answer = (u16, String, Option<String>);

/// Each request's path and its `If-None-Match`, in order.
pub type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A loopback HTTP server whose answers a test sets, recording each request's `If-None-Match`.
pub struct Council {
    pub port: u16,
    pub answers: Arc<Mutex<HashMap<String, Answer>>>,
    pub seen: Seen,
    server: Arc<tiny_http::Server>,
}

impl Council {
    pub fn start() -> Council {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let answers: Arc<Mutex<HashMap<String, Answer>>> = Arc::default();
        let seen: Seen = Arc::default();
        let (s, a, w) = (server.clone(), answers.clone(), seen.clone());
        std::thread::spawn(move || {
            for request in s.incoming_requests() {
                let url = request.url().to_string();
                let etag = request
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv("If-None-Match"))
                    .map(|h| h.value.as_str().to_string());
                w.lock().unwrap().push((url.clone(), etag.clone()));
                let answer = a.lock().unwrap().get(&url).cloned().unwrap_or((404, String::new(), None));
                let (status, body, tag) = answer;
                let response = if tag.is_some() && etag == tag {
                    tiny_http::Response::from_string("").with_status_code(304)
                } else {
                    let mut r = tiny_http::Response::from_string(body).with_status_code(status);
                    if let Some(t) = tag {
                        r = r.with_header(tiny_http::Header::from_bytes("ETag", t.as_bytes()).unwrap());
                    }
                    r
                };
                let _ = request.respond(response);
            }
        });
        Council { port, answers, seen, server }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn answer(&self, path: &str, status: u16, body: String, etag: Option<&str>) {
        self.answers.lock().unwrap().insert(path.to_string(), (status, body, etag.map(str::to_string)));
    }
}

impl Drop for Council {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// One vacancy of a council's feed.
pub struct Item<'a> {
    pub id: &'a str,
    pub level: &'a str,
    pub team: &'a str,
    pub min: f64,
    pub max: f64,
    pub closes: &'a str,
}

pub fn open(id: &str, level: &str, min: f64, max: f64) -> Item<'static> {
    let id: &'static str = Box::leak(id.to_string().into_boxed_str());
    let level: &'static str = Box::leak(level.to_string().into_boxed_str());
    Item { id, level, team: "Fostering", min, max, closes: "2026-12-20T23:59:59+00:00" }
}

/// A council's JSON Feed, as jobsite publishes it, holding `items`.
pub fn feed(council: &str, host: &str, items: &[Item]) -> String {
    let items: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            serde_json::json!({
                "id": i.id,
                "url": format!("https://{host}/jobs/{}/", i.id.to_lowercase()),
                "title": format!("{} ({})", i.level, i.id),
                "content_html": format!("<p>Join {council}.</p><script>alert(1)</script>"),
                "summary": format!("A {} role at {council}.", i.level),
                "date_published": "2026-11-01T00:00:00+00:00",
                "date_modified": "2026-11-02T00:00:00+00:00",
                "tags": [i.team, i.level],
                "_vacancy": {
                    "reference": i.id,
                    "level": i.level,
                    "team": i.team,
                    "locations": [{"name": "Civic Centre", "locality": council, "postcode": format!("{}1 1AA", &council[..2]), "country": "GB"}],
                    "salary": {"min": i.min, "max": i.max, "period": "year", "currency": "GBP", "text": "x"},
                    "hours": 37,
                    "part_time": false,
                    "contract": "permanent",
                    "working_pattern": ["full-time"],
                    "payments": [],
                    "hybrid": true,
                    "closes": i.closes,
                    "apply_url": format!("https://{host}/apply/{}", i.id),
                    "interviews": [],
                    "driving": false
                }
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": format!("Vacancies at {council}"),
        "home_page_url": format!("https://{host}/jobs/"),
        "feed_url": format!("https://{host}/jobs/feed.json"),
        "items": items,
    }))
    .unwrap()
}

/// A portal over the councils at `feeds` (name, address), with ASYE aliases.
pub fn portal(feeds: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    // Each council's adverts are on its own domain (Northshire's on n.example).
    let sources: String = feeds
        .iter()
        .map(|(name, url)| {
            let domain = format!("{}.example", name[..1].to_lowercase());
            format!("    - name: {name}\n      feed: {url}\n      domains: [{domain}]\n")
        })
        .collect();
    std::fs::write(
        dir.path().join("site.yaml"),
        format!(
            "title: Region Jobs\nbase_url: https://jobs.region.example/\norganisation:\n  name: The Region\n\
             levels:\n  - name: Newly Qualified Social Worker (ASYE)\n    aliases: [Social Worker (ASYE)]\n  - Social Worker\n\
             teams: [Fostering, Children in Care]\nlocations:\n  - name: The Region\nportal:\n  sources:\n{sources}"
        ),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    dir
}

/// Where a test portal keeps its councils' last good copies: beside the site, never in it.
pub fn cache_of(root: &Path) -> std::path::PathBuf {
    root.with_extension("cache")
}

/// A build of the portal at `root` into `output` at NOW, taking the drops `accept_drop` names;
/// a feed held back by the guard is an error when `drops_are_errors` (as in CI).
pub fn portal_request(root: &Path, output: &Path, accept_drop: &[&str], drops_are_errors: bool) -> Request {
    Request {
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        base_url: None,
        rules: rules(NOW),
        force: false,
        sources: Fetching {
            offline: false,
            keep: true,
            accept_drop: accept_drop.iter().map(|s| s.to_string()).collect(),
            cache_dir: Some(cache_of(root)),
            drops_are_errors,
        },
    }
}

pub fn build_portal(root: &Path, output: &Path, accept_drop: &[&str]) -> Result<BuildSummary, Diagnostics> {
    build::build(&portal_request(root, output, accept_drop, false))
}

pub fn warnings(summary: &BuildSummary) -> String {
    summary.warnings.0.iter().map(|d| format!("{}\n", d.message)).collect()
}
