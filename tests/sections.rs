//! Which optional sections a build publishes is decided once, from what is published: a section
//! whose items are all drafts (or not yet dated) has no page, no feed and no menu link.

mod common;
use common::*;

fn mark_draft(site: &std::path::Path, file: &str) {
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("---\n", "---\ndraft: true\n", 1)).unwrap();
}

#[test]
fn news_that_is_all_drafts_or_still_to_come_leaves_no_page_feed_or_menu_link() {
    let site = copy_fixture("basic");
    mark_draft(site.path(), "content/news/past.md");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build_with(site.path(), &output, rules(NOW)).unwrap();
    assert!(!output.join("news/index.html").exists(), "an empty news page was written");
    assert!(!output.join("news/feed.xml").exists(), "an empty news feed was written");
    let home = read(&output, "index.html");
    assert!(!home.contains(">News</a>"), "the menu links to news that is not there");
    assert!(!read(&output, "sitemap.xml").contains("/news/"));

    // With --drafts the same site has its news section again.
    let with_drafts = out.path().join("drafts");
    let mut r = rules(NOW);
    r.drafts = true;
    build_with(site.path(), &with_drafts, r).unwrap();
    assert!(with_drafts.join("news/index.html").exists());
    assert!(read(&with_drafts, "index.html").contains(">News</a>"));
}

#[test]
fn events_that_are_all_drafts_leave_no_page_but_past_events_keep_it() {
    let site = copy_fixture("basic");
    std::fs::remove_file(site.path().join("content/events/new-fair.md")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let past_only = out.path().join("past");
    build_with(site.path(), &past_only, rules(NOW)).unwrap();
    assert!(past_only.join("events/index.html").exists(), "the events page keeps its address between events");

    mark_draft(site.path(), "content/events/old-fair.md");
    let drafts_only = out.path().join("drafts");
    build_with(site.path(), &drafts_only, rules(NOW)).unwrap();
    assert!(!drafts_only.join("events/index.html").exists());
    assert!(!read(&drafts_only, "index.html").contains(">Events</a>"));
}
