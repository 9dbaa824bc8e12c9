//! Councils' feeds are untrusted: a feed's next pages and its server's redirects cannot send the
//! portal to another host or port, a copy committed to the repository cannot pose as a council's
//! last good feed, and a feed held back by the drop guard stops a CI build for a person to decide.

mod common;

use common::portal::*;
use common::*;
use jobsite::build;

/// A loopback server that answers every request with a redirect to `location`.
fn redirecting(location: String) -> (u16, std::sync::Arc<tiny_http::Server>) {
    let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let s = server.clone();
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let header = tiny_http::Header::from_bytes("Location", location.as_bytes()).unwrap();
            let _ = request.respond(tiny_http::Response::from_string("").with_status_code(302).with_header(header));
        }
    });
    (port, server)
}

#[test]
fn next_pages_and_redirects_to_another_host_or_port_are_never_followed() {
    let internal = Council::start();
    internal.answer("/admin", 200, "internal secret".into(), None);
    let north = Council::start();
    let first = feed("Northshire", "n.example", &[open("N-1", "Social Worker", 37000.0, 41000.0)]);
    let leads_inside =
        first.replacen("\"items\"", &format!("\"next_url\": \"{}\",\n  \"items\"", internal.url("/admin")), 1);
    north.answer("/n.json", 200, leads_inside, None);
    let (port, _redirect) = redirecting(internal.url("/admin"));
    let site =
        portal(&[("Northshire", north.url("/n.json")), ("Southvale", format!("http://127.0.0.1:{port}/s.json"))]);
    let summary = build_portal(site.path(), &site.path().join("public"), &[]).unwrap();
    let said = warnings(&summary);
    assert!(said.contains("Northshire's vacancies are left out") && said.contains("a page on another site"), "{said}");
    assert!(said.contains("Southvale's vacancies are left out") && said.contains("a page on another site"), "{said}");
    assert!(!said.contains("internal secret") && !said.contains("/admin"), "nothing of the answer is echoed: {said}");
    assert!(internal.seen.lock().unwrap().is_empty(), "the internal server received no request");
}

#[test]
fn a_redirect_on_the_same_site_is_followed() {
    let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let body = feed("Northshire", "n.example", &[open("N-1", "Social Worker", 1.0, 2.0)]);
    let s = server.clone();
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let response = if request.url() == "/old.json" {
                let moved = tiny_http::Header::from_bytes("Location", "/jobs/feed.json").unwrap();
                tiny_http::Response::from_string("").with_status_code(301).with_header(moved)
            } else {
                tiny_http::Response::from_string(body.clone())
            };
            let _ = request.respond(response);
        }
    });
    let site = portal(&[("Northshire", format!("http://127.0.0.1:{port}/old.json"))]);
    let summary = build_portal(site.path(), &site.path().join("public"), &[]).unwrap();
    assert_eq!(summary.open, 1, "{}", warnings(&summary));
    server.unblock();
}

#[test]
fn a_copy_committed_to_the_site_never_poses_as_a_council_s_last_good_feed() {
    let north = Council::start();
    let real: Vec<Item> = (1..=5).map(|n| open(&format!("N-{n}"), "Social Worker", 37000.0, 41000.0)).collect();
    north.answer("/n.json", 200, feed("Northshire", "n.example", &real), None);
    let site = portal(&[("Northshire", north.url("/n.json"))]);
    // The contributor's fake: many vacancies with their own apply links, where the old versions
    // kept the last good copies, and in the cache folder itself bound to another address.
    let fake: Vec<Item> = (1..=40).map(|n| open(&format!("F-{n}"), "Social Worker", 90000.0, 99000.0)).collect();
    let copy = serde_json::json!({"pages": [{"url": north.url("/n.json"), "body": feed("Northshire", "evil.example", &fake)}]});
    write_file(site.path(), ".jobsite/sources/northshire.json", &copy.to_string());
    let bound_elsewhere = serde_json::json!({"source": "https://elsewhere.example/feed.json", "pages": copy["pages"]});
    write_file(&cache_of(site.path()), "northshire.json", &bound_elsewhere.to_string());
    let out = site.path().join("public");
    let summary = build_portal(site.path(), &out, &[]).unwrap();
    assert_eq!(summary.open, 5, "the council's real feed is shown: {}", warnings(&summary));
    assert!(!warnings(&summary).contains("lost"), "{}", warnings(&summary));
    assert!(read_tree(&out).values().all(|b| !String::from_utf8_lossy(b).contains("evil.example")));
}

fn write_file(root: &std::path::Path, file: &str, text: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn in_ci_a_feed_held_back_by_the_guard_fails_the_build_and_publishes_nothing_new() {
    let north = Council::start();
    let five: Vec<Item> = (1..=5).map(|n| open(&format!("N-{n}"), "Social Worker", 37000.0, 41000.0)).collect();
    north.answer("/n.json", 200, feed("Northshire", "n.example", &five), None);
    let site = portal(&[("Northshire", north.url("/n.json"))]);
    let out = site.path().join("public");
    build_portal(site.path(), &out, &[]).unwrap();
    let before = read_tree(&out);
    north.answer("/n.json", 200, feed("Northshire", "n.example", &five[..1]), None);
    let request = |accept: &[&str]| portal_request(site.path(), &out, accept, true);
    let error = build::build(&request(&[])).unwrap_err().to_string();
    assert!(error.contains("error") && error.contains("Northshire's feed has lost 4 of its 5 vacancies"), "{error}");
    assert!(error.contains("--accept-drop northshire"), "{error}");
    assert_eq!(read_tree(&out), before, "the published site is untouched");
    let accepted = build::build(&request(&["northshire"])).unwrap();
    assert_eq!(accepted.open, 1);
    // The command line makes the guard an error when CI=true.
    north.answer("/n.json", 200, feed("Northshire", "n.example", &five), None);
    build_portal(site.path(), &out, &[]).unwrap();
    north.answer("/n.json", 200, feed("Northshire", "n.example", &five[..1]), None);
    let root = site.path().to_str().unwrap();
    let cache = cache_of(site.path());
    let args = ["build", "--root", root, "--now", NOW, "--cache-dir", cache.to_str().unwrap()];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobsite")).args(args).env("CI", "true").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobsite")).args(args).env("CI", "false").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_feed_with_too_many_pages_is_left_out_without_reading_them_all() {
    let north = Council::start();
    let base = feed("Northshire", "n.example", &[]);
    for n in 0..=210 {
        let next = north.url(&format!("/p{}.json", n + 1));
        north.answer(
            &format!("/p{n}.json"),
            200,
            base.replacen("\"items\"", &format!("\"next_url\": \"{next}\",\n  \"items\""), 1),
            None,
        );
    }
    let site = portal(&[("Northshire", north.url("/p0.json"))]);
    let summary = build_portal(site.path(), &site.path().join("public"), &[]).unwrap();
    assert!(warnings(&summary).contains("it has more than 200 pages"), "{}", warnings(&summary));
    assert_eq!(north.seen.lock().unwrap().len(), 200);
}

#[test]
fn an_item_whose_address_would_be_too_long_is_left_out_and_named_by_build_and_check() {
    let north = Council::start();
    let long = "R".repeat(250);
    let items = [open(&long, "Social Worker", 37000.0, 41000.0), open("N-2", "Social Worker", 37000.0, 41000.0)];
    let text = feed("Northshire", "n.example", &items);
    let long_place = feed("Northshire", "n.example", &[open("N-3", "Social Worker", 1.0, 2.0)])
        .replace("\"Civic Centre\"", &format!("\"{}\"", "Civic Centre ".repeat(20)));
    north.answer("/n.json", 200, text, None);
    north.answer("/p.json", 200, long_place, None);
    let site = portal(&[("Northshire", north.url("/n.json")), ("Parkfield", north.url("/p.json"))]);
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap().replace("[p.example]", "[n.example]");
    std::fs::write(site.path().join("site.yaml"), yaml).unwrap();
    let summary = build_portal(site.path(), &site.path().join("public"), &[]).unwrap();
    let said = warnings(&summary);
    assert_eq!(summary.open, 1, "{said}");
    assert!(said.contains("Northshire: `RRRR") && said.contains("longer than 120 characters"), "{said}");
    assert!(said.contains("Parkfield: `N-3` is left out"), "{said}");
    let root = site.path().to_str().unwrap();
    let cache = cache_of(site.path());
    let check = jobsite(&["check", "--root", root, "--now", NOW, "--cache-dir", cache.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(said.contains("longer than 120 characters"), "{said}");
}

#[test]
fn items_with_unbelievable_money_foreign_links_or_oversized_text_are_left_out() {
    let north = Council::start();
    let good = feed("Northshire", "n.example", &[open("N-1", "Social Worker", 37000.0, 41000.0)]);
    let cases = [
        ("\"currency\": \"GBP\"", "\"currency\": \"XYZ\"", "is not an ISO 4217 code"),
        ("\"min\": 37000.0", "\"min\": 1e308", "salary figures are not believable"),
        ("\"payments\": []", "\"payments\": [{\"amount\": -3000, \"description\": \"x\"}]", "a payment's amount"),
        (
            "https://n.example/apply/N-1",
            "https://evil.example/apply",
            "is not on the council's own domains (n.example)",
        ),
        ("\"title\": \"", &format!("\"title\": \"{}", "T".repeat(400)), "(the limit is 300)"),
    ];
    for (from, to, why) in cases {
        assert!(good.contains(from), "{from}");
        north.answer("/n.json", 200, good.replacen(from, to, 1), None);
        let site = portal(&[("Northshire", north.url("/n.json"))]);
        let summary = build_portal(site.path(), &site.path().join("public"), &[]).unwrap();
        let said = warnings(&summary);
        assert_eq!(summary.open, 0, "{why}: {said}");
        assert!(said.contains("`N-1` is left out") && said.contains(why), "{why}: {said}");
        assert!(said.len() < 1000, "nothing is repeated at length: {said}");
    }
}

#[test]
fn a_feed_cannot_write_workflow_commands_into_the_build_log() {
    let north = Council::start();
    let text = feed("Northshire", "n.example", &[open("N-1", "Social Worker", 37000.0, 41000.0)])
        .replacen("\"id\": \"N-1\"", "\"id\": \"N-1\\n::add-mask::hunter2\\n::error::forged\"", 1)
        .replacen("\"currency\": \"GBP\"", "\"currency\": \"G\\r\\n::warning::x\"", 1);
    north.answer("/n.json", 200, text, None);
    let site = portal(&[("Northshire", north.url("/n.json"))]);
    let root = site.path().to_str().unwrap();
    let cache = cache_of(site.path());
    let out = jobsite(&["build", "--root", root, "--now", NOW, "--cache-dir", cache.to_str().unwrap()]);
    let log = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(log.contains("is left out"), "{log}");
    assert!(log.lines().all(|l| !l.trim_start().starts_with("::")), "{log}");
    assert!(log.contains("\\u{a}::add-mask::"), "shown, escaped: {log}");
}

#[test]
fn every_finding_about_a_source_names_its_line_in_site_yaml() {
    let north = Council::start();
    north.answer("/n.json", 500, "down".into(), None);
    let south = feed("Southvale", "s.example", &[open("S-1", "Social Worker", 1.0, 2.0)]).replacen(
        "https://s.example/apply/S-1",
        "https://evil.example/apply",
        1,
    );
    north.answer("/s.json", 200, south, None);
    let site = portal(&[("Northshire", north.url("/n.json")), ("Southvale", north.url("/s.json"))]);
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let line_of = |name: &str| yaml.lines().position(|l| l.contains(&format!("name: {name}"))).unwrap() + 1;
    let summary = build_portal(site.path(), &site.path().join("public"), &[]).unwrap();
    for (name, line) in [("Northshire", line_of("Northshire")), ("Southvale", line_of("Southvale"))] {
        let found: Vec<_> = summary.warnings.0.iter().filter(|d| d.message.starts_with(name)).collect();
        assert!(!found.is_empty(), "{name}: {}", warnings(&summary));
        for d in found {
            assert_eq!((d.file.as_str(), d.line), ("site.yaml", line), "{d}");
        }
    }
}
