//! The publishing rules at `--now`: open, closed, draft, internal, scheduled, news and events.

mod common;
use common::*;

fn public(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("public")
}

#[test]
fn open_vacancy_has_a_page_and_appears_in_listings() {
    let out = build_fixture("basic");
    let p = public(&out);
    let page = read(&p, "jobs/open-fostering/index.html");
    assert!(page.contains("<h1>Fostering Social Worker</h1>"));
    assert!(!page.contains("noindex"));
    for listing in [
        "jobs/index.html",
        "jobs/teams/fostering/index.html",
        "jobs/levels/social-worker-asye/index.html",
        "campaigns/spring/index.html",
        "jobs/locations/town-hall/index.html",
        "jobs/contracts/permanent/index.html",
    ] {
        assert!(read(&p, listing).contains("/jobs/open-fostering/"), "{listing} should list the open vacancy");
    }
    assert!(read(&p, "sitemap.xml")
        .contains("<loc>https://careers.test.example/jobs/open-fostering/</loc><lastmod>2026-11-01</lastmod>"));
}

#[test]
fn closed_vacancy_keeps_its_page_as_a_noindex_notice_and_leaves_every_listing() {
    let out = build_fixture("basic");
    let p = public(&out);
    let page = read(&p, "jobs/closed-fostering/index.html");
    assert!(page.contains("This vacancy closed on 15 November 2026"));
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(page.contains("/jobs/open-fostering/"), "links to open roles in the same team");
    assert!(!page.contains("Apply for this job"));
    for (path, bytes) in read_tree(&p) {
        if path != "jobs/closed-fostering/index.html" {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("closed-fostering"), "{path} mentions the closed vacancy");
            assert!(!text.contains("Closed Fostering Role"), "{path} mentions the closed vacancy");
        }
    }
}

#[test]
fn draft_internal_and_scheduled_vacancies_leave_no_trace() {
    let out = build_fixture("basic");
    let tree = read_tree(&public(&out));
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        for hidden in [
            "Draft Role Zebra",
            "T-003",
            "draft-role",
            "Internal Role Yak",
            "T-004",
            "internal-role",
            "Scheduled Role Walrus",
            "T-005",
            "scheduled-role",
        ] {
            assert!(!text.contains(hidden), "{path} mentions {hidden}");
            assert!(!path.contains(hidden), "{path} is generated for a hidden vacancy");
        }
    }
}

#[test]
fn drafts_and_internal_flags_publish_those_vacancies() {
    let out = tempfile::tempdir().unwrap();
    let mut r = rules(NOW);
    r.drafts = true;
    r.internal = true;
    let report = build_with(&fixture_path("basic"), &out.path().join("p"), r).unwrap();
    assert_eq!((report.open, report.closed, report.skipped), (5, 1, 1));
    assert!(out.path().join("p/jobs/draft-role/index.html").exists());
    assert!(out.path().join("p/jobs/internal-role/index.html").exists());
    assert!(read(out.path(), "p/robots.txt").contains("Disallow: /"), "an internal build keeps search engines out");
}

#[test]
fn scheduled_vacancy_appears_once_its_posted_date_arrives() {
    let out = tempfile::tempdir().unwrap();
    let report = build_with(&fixture_path("basic"), &out.path().join("p"), rules("2026-12-01T00:00:00Z")).unwrap();
    assert!(out.path().join("p/jobs/scheduled-role/index.html").exists());
    assert_eq!(report.skipped, 2);
}

#[test]
fn a_date_only_closing_day_stays_open_until_midnight_in_the_site_timezone() {
    let out = tempfile::tempdir().unwrap();
    let last_second = build_with(&fixture_path("basic"), &out.path().join("a"), rules("2026-11-22T23:59:59Z")).unwrap();
    let page = read(out.path(), "a/jobs/closes-today/index.html");
    assert!(page.contains("Closes today"), "open until the end of the day");
    let midnight = build_with(&fixture_path("basic"), &out.path().join("b"), rules("2026-11-23T00:00:00Z")).unwrap();
    assert!(read(out.path(), "b/jobs/closes-today/index.html").contains("This vacancy closed on 22 November 2026"));
    assert_eq!(midnight.closed, last_second.closed + 1);
}

#[test]
fn summer_time_applies_to_a_closing_time() {
    // 2026-07-01 23:30 UTC is already 2 July in London (BST, UTC+1).
    let dir = copy_fixture("basic");
    let path = dir.path().join("content/jobs/closes-today.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("posted: 2026-11-01", "posted: 2026-06-01")
        .replace("closes: 2026-11-22", "closes: 2026-07-01");
    std::fs::write(&path, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    build_with(dir.path(), &out.path().join("p"), rules("2026-07-01T22:59:59Z")).unwrap();
    assert!(read(out.path(), "p/jobs/closes-today/index.html").contains("Closes today"));
    build_with(dir.path(), &out.path().join("p"), rules("2026-07-01T23:00:00Z")).unwrap();
    assert!(read(out.path(), "p/jobs/closes-today/index.html").contains("This vacancy closed"));
}

#[test]
fn future_news_waits_and_past_events_drop_off() {
    let out = build_fixture("basic");
    let p = public(&out);
    assert!(!p.join("news/future").exists());
    assert!(!read(&p, "news/index.html").contains("Narwhal"));
    assert!(read(&p, "news/index.html").contains("Past news item"));
    let events = read(&p, "events/index.html");
    assert!(events.contains("New careers fair"));
    assert!(events.contains("10am to 3pm on 3 December 2026"));
    assert!(!events.contains("Platypus"));
}

#[test]
fn story_film_gets_captions_and_its_transcript_file() {
    let out = build_fixture("basic");
    let page = read(&public(&out), "stories/film/index.html");
    assert!(page.contains(r#"<track kind="captions" src="/media/alex.vtt""#));
    assert!(page.contains("these are the words of the film"));
    assert!(page.contains(r#"alt="Alex at work""#));
    assert!(!public(&out).join("stories/film-words").exists(), "a transcript file is not a story");
}

#[test]
fn an_internal_build_labels_internal_roles_and_keeps_them_from_public_boards_and_search_engines() {
    let site = copy_fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let mut r = rules(NOW);
    r.internal = true;
    build_with(site.path(), out.path(), r).unwrap();
    let page = read(out.path(), "jobs/internal-role/index.html");
    assert!(page.contains("<strong>Internal applicants only</strong>"), "the page says who may apply");
    assert!(!page.contains("application/ld+json"), "no JobPosting for search engines' job listings");
    assert!(!page.contains("share-heading"), "no social sharing");
    let listing = read(out.path(), "jobs/index.html");
    let card = &listing[listing.find("data-vacancy=\"T-004\"").expect("listed in the intranet build")..];
    assert!(card[..card.find("</li>").unwrap()].contains("Internal applicants only"));
    for board in ["jobs/indeed.xml", "jobs/find-a-job.xml"] {
        assert!(!read(out.path(), board).contains("T-004"), "{board} is for the public");
    }
    assert!(read(out.path(), "jobs/feed.json").contains("\"T-004\""), "the intranet's own feed lists it");
    assert!(read(out.path(), "jobs/search.json").contains("\"io\":1"), "the search draws the label too");
    // Other roles in the same build keep their JobPosting and sharing.
    let public_role = read(out.path(), "jobs/open-fostering/index.html");
    assert!(public_role.contains("application/ld+json") && public_role.contains("share-heading"));
    assert!(!public_role.contains("Internal applicants only</strong>:"));
}

#[test]
fn a_workplace_named_twice_is_one_workplace() {
    let once = build_fixture("basic");
    let site = copy_fixture("basic");
    let advert = site.path().join("content/jobs/open-fostering.md");
    let text = std::fs::read_to_string(&advert).unwrap();
    assert!(text.contains("location: Town Hall\n"));
    std::fs::write(&advert, text.replace("location: Town Hall\n", "location: [Town Hall, Town Hall]\n")).unwrap();
    let twice = tempfile::tempdir().unwrap();
    build_with(site.path(), twice.path(), rules(NOW)).unwrap();
    // Listed once at that workplace, counted once in the filters, shown once on its page.
    for page in ["jobs/locations/town-hall/index.html", "jobs/index.html", "jobs/open-fostering/index.html"] {
        assert_eq!(read(twice.path(), page), read(&public(&once), page), "{page}");
    }
}
