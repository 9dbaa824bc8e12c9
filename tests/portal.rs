//! A regional portal built from councils' feeds served by loopback HTTP servers: merging, aliases,
//! council pages, canonical links, pay figures, and what happens when a feed fails or shrinks.

mod common;

use common::*;
use jobsite::build::{self, BuildSummary, Fetching, Request};
use jobsite::diagnostics::Diagnostics;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What the server answers for a path: status, body, ETag.
type Answer = (u16, String, Option<String>);

/// Each request's path and its `If-None-Match`, in order.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A loopback HTTP server whose answers a test sets, recording each request's `If-None-Match`.
struct Council {
    port: u16,
    answers: Arc<Mutex<HashMap<String, Answer>>>,
    seen: Seen,
    server: Arc<tiny_http::Server>,
}

impl Council {
    fn start() -> Council {
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

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn answer(&self, path: &str, status: u16, body: String, etag: Option<&str>) {
        self.answers.lock().unwrap().insert(path.to_string(), (status, body, etag.map(str::to_string)));
    }
}

impl Drop for Council {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// One vacancy of a council's feed.
struct Item<'a> {
    id: &'a str,
    level: &'a str,
    team: &'a str,
    min: f64,
    max: f64,
    closes: &'a str,
}

fn open(id: &str, level: &str, min: f64, max: f64) -> Item<'static> {
    let id: &'static str = Box::leak(id.to_string().into_boxed_str());
    let level: &'static str = Box::leak(level.to_string().into_boxed_str());
    Item { id, level, team: "Fostering", min, max, closes: "2026-12-20T23:59:59+00:00" }
}

/// A council's JSON Feed, as jobsite publishes it, holding `items`.
fn feed(council: &str, host: &str, items: &[Item]) -> String {
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
fn portal(feeds: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sources: String = feeds.iter().map(|(name, url)| format!("    - name: {name}\n      feed: {url}\n")).collect();
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

fn build_portal(root: &Path, output: &Path, accept_drop: &[&str]) -> Result<BuildSummary, Diagnostics> {
    build::build(&Request {
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        base_url: None,
        rules: rules(NOW),
        force: false,
        sources: Fetching {
            offline: false,
            keep: true,
            accept_drop: accept_drop.iter().map(|s| s.to_string()).collect(),
        },
    })
}

fn warnings(summary: &BuildSummary) -> String {
    summary.warnings.0.iter().map(|d| format!("{}\n", d.message)).collect()
}

#[test]
fn a_portal_merges_councils_files_aliases_and_links_each_advert_to_its_council() {
    let server = Council::start();
    let north = [open("N-1", "Social Worker (ASYE)", 33000.0, 35000.0), open("N-2", "Social Worker", 37000.0, 41000.0)];
    let mut south =
        vec![open("S-1", "Social Worker", 39000.0, 43000.0), open("S-2", "Social Worker", 38000.0, 40000.0)];
    south[1].team = "Edge of Care";
    server.answer("/north/feed.json", 200, feed("Northshire", "n.example", &north), None);
    server.answer("/south/feed.json", 200, feed("Southvale", "s.example", &south), None);
    let site = portal(&[("Northshire", server.url("/north/feed.json")), ("Southvale", server.url("/south/feed.json"))]);
    let out = site.path().join("public");
    let summary = build_portal(site.path(), &out, &[]).unwrap();
    assert_eq!(summary.open, 4, "{summary:?}");
    assert!(
        warnings(&summary).contains("Southvale: the team `Edge of Care` is none of the portal's"),
        "{}",
        warnings(&summary)
    );

    // Aliases: Northshire's "Social Worker (ASYE)" is the portal's ASYE level.
    let asye = read(&out, "jobs/levels/newly-qualified-social-worker-asye/index.html");
    assert!(asye.contains("Social Worker (ASYE) (N-1)"), "{asye}");
    // A team that matches nothing is shown under "Other".
    assert!(read(&out, "jobs/teams/other/index.html").contains("(S-2)"));
    // A page per council, with only its vacancies.
    let south_page = read(&out, "councils/southvale/index.html");
    assert!(
        south_page.contains("(S-1)") && south_page.contains("(S-2)") && !south_page.contains("(N-2)"),
        "{south_page}"
    );
    assert!(read(&out, "jobs/index.html").contains("href=\"/councils/northshire/\""), "the council filter");

    // The portal's page: the council's name, apply link, the council's advert as canonical, no
    // JobPosting data, the council's HTML made safe, and not in the sitemap.
    let page = read(&out, "jobs/northshire-n-2/index.html");
    assert!(page.contains("<link rel=\"canonical\" href=\"https://n.example/jobs/n-2/\">"), "{page}");
    assert!(page.contains("Advertised by <a href=\"/councils/northshire/\">Northshire</a>"), "{page}");
    assert!(page.contains("href=\"https://n.example/apply/N-2\""), "{page}");
    assert!(page.contains("own site</a>") && page.contains("href=\"https://n.example/jobs/n-2/\""), "{page}");
    assert!(!page.contains("application/ld+json"), "no JobPosting on the portal's copy");
    assert!(page.contains("Join Northshire.") && !page.contains("alert(1)"), "{page}");
    assert!(!read(&out, "sitemap.xml").contains("northshire-n-2"), "the council's page is the one to index");
    assert!(!read(&out, "jobs/indeed.xml").contains("N-2"), "councils send their own adverts to boards");

    // The portal's own feed re-publishes every vacancy with its source.
    let json: serde_json::Value = serde_json::from_str(&read(&out, "jobs/feed.json")).unwrap();
    let n2 = json["items"].as_array().unwrap().iter().find(|i| i["id"] == "N-2").unwrap();
    assert_eq!(
        n2["_vacancy"]["source"],
        serde_json::json!({"name": "Northshire", "url": "https://n.example/jobs/n-2/"})
    );

    // Pay benchmarks: Social Worker across councils and each council.
    let csv = read(&out, "pay/benchmarks.csv");
    assert!(csv.contains("Social Worker,All councils,3,37000,43000,39000,GBP\n"), "{csv}");
    assert!(csv.contains("Social Worker,Northshire,1,37000,41000,39000,GBP\n"), "{csv}");
    assert!(csv.contains("Social Worker,Southvale,2,38000,43000,40000,GBP\n"), "{csv}");
    assert!(csv.contains("Newly Qualified Social Worker (ASYE),All councils,1,33000,35000,34000,GBP\n"), "{csv}");
    let pay = read(&out, "pay/index.html");
    assert!(pay.contains("<a href=\"/pay/\" aria-current=\"page\">Pay</a>"), "the pay page is in the menu");
    assert!(read(&out, "index.html").contains("<a href=\"/pay/\">Pay</a>"), "on every page");
    assert!(pay.contains("£40,000") && pay.contains("<a href=\"/councils/southvale/\">Southvale</a>"), "{pay}");
}

#[test]
fn a_failing_source_is_built_from_its_last_good_copy() {
    let server = Council::start();
    let items = [open("N-1", "Social Worker", 37000.0, 41000.0), open("N-2", "Social Worker", 37000.0, 41000.0)];
    server.answer("/n.json", 200, feed("Northshire", "n.example", &items), None);
    server.answer("/s.json", 200, feed("Southvale", "s.example", &[open("S-1", "Social Worker", 1.0, 2.0)]), None);
    let site = portal(&[("Northshire", server.url("/n.json")), ("Southvale", server.url("/s.json"))]);
    let out = site.path().join("public");
    build_portal(site.path(), &out, &[]).unwrap();
    assert!(site.path().join(".jobsite/sources/northshire.json").is_file(), "a good copy is kept");

    for (answer, why) in [
        ((500, "oops".to_string()), "answered 500"),
        ((200, "{ not json".to_string()), "is not a JSON Feed"),
        ((200, "x".repeat(21 * 1024 * 1024)), "larger than 20 MB"),
    ] {
        server.answer("/n.json", answer.0, answer.1, None);
        let summary = build_portal(site.path(), &out, &[]).unwrap();
        let said = warnings(&summary);
        assert!(said.contains("Northshire's feed could not be used") && said.contains(why), "{why}: {said}");
        assert_eq!(summary.open, 3, "{why}: the last good copy is shown");
        assert!(read(&out, "councils/northshire/index.html").contains("(N-2)"));
    }
}

#[test]
fn a_source_never_read_is_left_out_and_fails_check_strict() {
    let server = Council::start();
    server.answer("/s.json", 200, feed("Southvale", "s.example", &[open("S-1", "Social Worker", 1.0, 2.0)]), None);
    let site = portal(&[("Northshire", server.url("/missing.json")), ("Southvale", server.url("/s.json"))]);
    let summary = build_portal(site.path(), &site.path().join("public"), &[]).unwrap();
    assert!(warnings(&summary).contains("Northshire's vacancies are left out"), "{}", warnings(&summary));
    assert_eq!(summary.open, 1);
    let root = site.path().to_str().unwrap();
    let strict = jobsite(&["check", "--root", root, "--now", NOW, "--strict"]);
    let said = String::from_utf8_lossy(&strict.stdout);
    assert!(!strict.status.success() && said.contains("Northshire's vacancies are left out"), "{said}");
}

#[test]
fn an_invalid_item_is_skipped_and_named_and_the_rest_are_shown() {
    let server = Council::start();
    let text = feed(
        "Northshire",
        "n.example",
        &[open("N-1", "Social Worker", 1.0, 2.0), open("N-2", "Social Worker", 1.0, 2.0)],
    );
    let text = text.replacen("\"https://n.example/apply/N-1\"", "\"javascript:alert(1)\"", 1);
    server.answer("/n.json", 200, text, None);
    let site = portal(&[("Northshire", server.url("/n.json"))]);
    let summary = build_portal(site.path(), &site.path().join("public"), &[]).unwrap();
    assert!(warnings(&summary).contains("Northshire: item `N-1` is left out: its apply_url"), "{}", warnings(&summary));
    assert_eq!(summary.open, 1);
}

#[test]
fn a_feed_that_loses_most_open_vacancies_is_held_back_until_accepted() {
    let server = Council::start();
    let five: Vec<Item> = (1..=5).map(|n| open(&format!("N-{n}"), "Social Worker", 37000.0, 41000.0)).collect();
    server.answer("/n.json", 200, feed("Northshire", "n.example", &five), None);
    let site = portal(&[("Northshire", server.url("/n.json"))]);
    let out = site.path().join("public");
    assert_eq!(build_portal(site.path(), &out, &[]).unwrap().open, 5);

    server.answer("/n.json", 200, feed("Northshire", "n.example", &five[..1]), None);
    let held = build_portal(site.path(), &out, &[]).unwrap();
    assert_eq!(held.open, 5, "the last good copy is kept");
    let said = warnings(&held);
    assert!(said.contains("Northshire's feed has lost 4 of its 5 vacancies before their closing dates"), "{said}");
    assert!(held.warnings.0.iter().any(|d| d.hint.as_deref().is_some_and(|h| h.contains("--accept-drop northshire"))));

    let accepted = build_portal(site.path(), &out, &["Northshire"]).unwrap();
    assert_eq!(accepted.open, 1, "{}", warnings(&accepted));
    assert!(!warnings(&accepted).contains("lost"));
    // The accepted feed is now the last good copy: the next build takes it without the flag.
    assert_eq!(build_portal(site.path(), &out, &[]).unwrap().open, 1);
}

#[test]
fn vacancies_that_closed_as_expected_never_trip_the_guard() {
    let server = Council::start();
    let mut five: Vec<Item> = (1..=5).map(|n| open(&format!("N-{n}"), "Social Worker", 37000.0, 41000.0)).collect();
    for item in &mut five[1..] {
        item.closes = "2026-11-21T23:59:59+00:00";
    }
    server.answer("/n.json", 200, feed("Northshire", "n.example", &five), None);
    let site = portal(&[("Northshire", server.url("/n.json"))]);
    let out = site.path().join("public");
    build_portal(site.path(), &out, &[]).unwrap();
    server.answer("/n.json", 200, feed("Northshire", "n.example", &five[..1]), None);
    let after = build_portal(site.path(), &out, &[]).unwrap();
    assert!(!warnings(&after).contains("lost"), "{}", warnings(&after));
    assert_eq!(after.open, 1);
}

#[test]
fn an_unchanged_feed_is_asked_for_conditionally_and_304_keeps_the_copy() {
    let server = Council::start();
    let items = [open("N-1", "Social Worker", 37000.0, 41000.0)];
    server.answer("/n.json", 200, feed("Northshire", "n.example", &items), Some("\"v1\""));
    let site = portal(&[("Northshire", server.url("/n.json"))]);
    let out = site.path().join("public");
    build_portal(site.path(), &out, &[]).unwrap();
    let first = read_tree(&out);
    let summary = build_portal(site.path(), &out, &[]).unwrap();
    let seen = server.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].1, None);
    assert_eq!(seen[1].1.as_deref(), Some("\"v1\""), "the second request is conditional");
    assert_eq!(summary.open, 1, "{}", warnings(&summary));
    assert!(summary.warnings.0.is_empty(), "{}", warnings(&summary));
    assert_eq!(read_tree(&out), first, "304 Not Modified builds the same site");
}

#[test]
fn a_vacancy_whose_address_is_taken_is_left_out_with_a_hint_for_the_council() {
    let server = Council::start();
    let items = [open("N-1", "Social Worker", 37000.0, 41000.0), open("n-1", "Social Worker", 37000.0, 41000.0)];
    server.answer("/n.json", 200, feed("Northshire", "n.example", &items), None);
    let site = portal(&[("Northshire", server.url("/n.json"))]);
    let summary = build_portal(site.path(), &site.path().join("public"), &[]).unwrap();
    assert_eq!(summary.open, 1);
    let taken = summary.warnings.0.iter().find(|d| d.message.contains("`n-1` is left out")).expect("named");
    assert!(taken.message.contains("/jobs/northshire-n-1/"), "{}", taken.message);
    let hint = taken.hint.as_deref().unwrap_or_default();
    assert!(hint.contains("share a reference") && !hint.contains("aliases"), "{hint}");
}

#[test]
fn a_portal_needs_no_content_folder_of_its_own() {
    let server = Council::start();
    server.answer("/n.json", 200, feed("Northshire", "n.example", &[open("N-1", "Social Worker", 1.0, 2.0)]), None);
    let site = portal(&[("Northshire", server.url("/n.json"))]);
    std::fs::remove_dir(site.path().join("content")).unwrap();
    let summary = build_portal(site.path(), &site.path().join("public"), &[]).unwrap();
    assert_eq!(summary.open, 1);
    assert!(read(&site.path().join("public"), "index.html").contains("Region Jobs"));
}
