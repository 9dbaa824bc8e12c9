//! Listings paginate (`page_size` in site.yaml) with accessible links and rel prev/next, while
//! the team × level view stays whole on the first page.

mod common;
use common::*;

#[test]
fn the_jobs_listing_is_split_into_pages_linked_both_ways() {
    let out = build_fixture("paged");
    let p = out.path().join("public");
    let first = read(&p, "jobs/index.html");
    let cards = |page: &str| {
        let list = &page[page.find("<ul class=\"cards\">").unwrap()..];
        list[..list.find("</ul>").unwrap()].to_string()
    };
    let second = read(&p, "jobs/page/2/index.html");
    let third = read(&p, "jobs/page/3/index.html");
    assert!(!p.join("jobs/page/4").exists());
    assert!(!p.join("jobs/page/1").exists(), "page 1 is /jobs/ itself");
    // Newest first: roles 5 and 4, then 3 and 2, then 1.
    let (one, two, three) = (cards(&first), cards(&second), cards(&third));
    assert!(one.contains("Role number 5") && one.contains("Role number 4") && !one.contains("Role number 3"));
    assert!(two.contains("Role number 3") && two.contains("Role number 2") && !two.contains("Role number 4"));
    assert!(three.contains("Role number 1") && !three.contains("Role number 2"));
    assert!(first.contains(r#"<link rel="next" href="https://careers.paged.example/jobs/page/2/">"#));
    assert!(!first.contains(r#"rel="prev""#));
    assert!(second.contains(r#"<link rel="prev" href="https://careers.paged.example/jobs/">"#));
    assert!(second.contains(r#"<a href="/jobs/page/3/" rel="next">Next<span class="visually-hidden"> page</span></a>"#));
    assert!(second.contains(r#"aria-current="page" aria-label="Page 2, this page""#));
    assert!(second.contains("Showing 3 to 4 of 5 vacancies."));
    assert!(second.contains("<title>Current vacancies (page 2 of 3) – Paged Council Careers</title>"));
    assert!(
        first.contains("<table class=\"matrix\">") && !second.contains("<table"),
        "the team × level view is on page 1 only"
    );
    assert!(first.contains("Role number 1"), "the team × level view names every open role");
}

#[test]
fn taxonomy_pages_paginate_too_and_every_page_is_in_the_sitemap() {
    let out = build_fixture("paged");
    let p = out.path().join("public");
    assert!(read(&p, "jobs/teams/fostering/page/2/index.html").contains("Role number 1"));
    assert!(!p.join("jobs/teams/care-leavers/page/2").exists(), "two care leavers roles fit one page");
    let sitemap = read(&p, "sitemap.xml");
    for url in ["jobs/page/2/", "jobs/page/3/", "jobs/teams/fostering/page/2/"] {
        assert!(sitemap.contains(&format!("<loc>https://careers.paged.example/{url}</loc>")), "{url}");
    }
}
