//! A regional portal built from councils' feeds served by loopback HTTP servers: merging, aliases,
//! council pages, canonical links, pay figures, and what happens when a feed fails or shrinks.

mod common;

use common::portal::*;
use common::*;

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
    assert!(cache_of(site.path()).join("northshire.json").is_file(), "a good copy is kept");

    for (answer, why) in [
        ((500, "oops".to_string()), "answered with an error (HTTP 500)"),
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
