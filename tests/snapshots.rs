//! Exact bytes of outputs where exactness matters, for the `basic` fixture at a fixed `--now`.

mod common;
use common::*;

#[test]
fn sitemap_lists_open_vacancies_with_lastmod_and_no_closed_ones() {
    let out = build_fixture("basic");
    assert_snapshot("basic/sitemap.xml", &read(&out.path().join("public"), "sitemap.xml"));
}

#[test]
fn robots_points_at_the_sitemap() {
    let out = build_fixture("basic");
    assert_snapshot("basic/robots.txt", &read(&out.path().join("public"), "robots.txt"));
}

#[test]
fn open_vacancy_page_is_exact() {
    let out = build_fixture("basic");
    assert_snapshot(
        "basic/jobs/open-fostering.html",
        &read(&out.path().join("public"), "jobs/open-fostering/index.html"),
    );
}

#[test]
fn closed_vacancy_page_is_exact() {
    let out = build_fixture("basic");
    assert_snapshot(
        "basic/jobs/closed-fostering.html",
        &read(&out.path().join("public"), "jobs/closed-fostering/index.html"),
    );
}

#[test]
fn every_feed_of_the_basic_fixture_is_exact() {
    let out = build_fixture("basic");
    let public = out.path().join("public");
    for feed in [
        "jobs/feed.xml",
        "jobs/feed.json",
        "jobs/indeed.xml",
        "jobs/find-a-job.xml",
        "jobs/teams/fostering/feed.xml",
        "news/feed.xml",
    ] {
        assert_snapshot(&format!("basic/{feed}"), &read(&public, feed));
    }
}

#[test]
fn the_search_index_lists_exactly_the_open_vacancies_in_listing_order() {
    let out = build_fixture("basic");
    let public = out.path().join("public");
    let index = read(&public, "jobs/search.json");
    assert_snapshot("basic/jobs/search.json", &index);
    let index: serde_json::Value = serde_json::from_str(&index).unwrap();
    let feed: serde_json::Value = serde_json::from_str(&read(&public, "jobs/feed.json")).unwrap();
    let ids = |list: &serde_json::Value, key: &str| -> Vec<String> {
        list.as_array().unwrap().iter().map(|v| v[key].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&index["vacancies"], "r"), ids(&feed["items"], "id"), "the open vacancies, newest first");
}

#[test]
fn the_events_calendars_are_exact() {
    let out = build_fixture("basic");
    let public = out.path().join("public");
    assert_snapshot("basic/events/calendar.ics", &read(&public, "events/calendar.ics"));
    assert_snapshot("basic/events/new-fair.ics", &read(&public, "events/new-fair.ics"));
    assert!(!public.join("events/old-fair.ics").exists(), "a past event has no calendar file");
}
