//! `closes: rolling` with `review_by:`: an advert open until it is filled says so on its page, its
//! card and in every copy, never closes by itself, carries no expiry to job boards, and sorts
//! after dated adverts; a missing or misplaced `review_by` is an error.

mod common;
use common::*;
use std::path::Path;

/// The `basic` fixture with `open-fostering` (T-001) made rolling, reviewed by `review_by`.
fn rolling_site(review_by: &str) -> tempfile::TempDir {
    let site = copy_fixture("basic");
    let file = site.path().join("content/jobs/open-fostering.md");
    let text = read(site.path(), "content/jobs/open-fostering.md");
    let text = text.replacen("closes: 2026-12-07\n", &format!("closes: rolling\n{review_by}"), 1);
    std::fs::write(file, text).unwrap();
    site
}

fn built_at(site: &Path, now: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build_with(site, out.path(), rules(now)).expect("the site builds");
    out
}

fn errors_of(site: &Path) -> String {
    build_with(site, &site.join("public"), rules(NOW)).unwrap_err().to_string()
}

#[test]
fn a_rolling_advert_says_it_is_open_until_filled_everywhere_and_sends_no_expiry() {
    let site = rolling_site("review_by: 2027-01-31\n");
    let out = built_at(site.path(), NOW);
    let page = read(out.path(), "jobs/open-fostering/index.html");
    assert!(
        page.contains(
            "<dt>Closes</dt><dd>Open until filled: we review applications as they arrive, so apply early</dd>"
        ),
        "the key facts say it"
    );
    assert!(page.contains("<dt>Closing date</dt><dd>Open until filled: we review applications as they arrive"));
    let jsonld = page.split("<script type=\"application/ld+json\">").nth(1).unwrap();
    let posting: serde_json::Value = serde_json::from_str(&jsonld[..jsonld.find("</script>").unwrap()]).unwrap();
    assert_eq!(posting["@type"], "JobPosting");
    assert!(posting.get("validThrough").is_none(), "no expiry for Google");

    let jobs = read(out.path(), "jobs/index.html");
    let card = &jobs[jobs.find("/jobs/open-fostering/").unwrap()..];
    assert!(card[..card.find("</li>").unwrap()].contains("<strong>Open until filled</strong>"), "the card says it");

    let feed: serde_json::Value = serde_json::from_str(&read(out.path(), "jobs/feed.json")).unwrap();
    let item = feed["items"].as_array().unwrap().iter().find(|i| i["id"] == "T-001").unwrap();
    assert_eq!(item["_vacancy"]["rolling"], true);
    assert!(item["_vacancy"].get("closes").is_none());
    assert!(item["content_html"].as_str().unwrap().contains("Open until filled: we review applications"));
    let dated = feed["items"].as_array().unwrap().iter().find(|i| i["id"] == "T-006").unwrap();
    assert!(dated["_vacancy"].get("rolling").is_none() && dated["_vacancy"]["closes"].is_string());

    let rss = read(out.path(), "jobs/feed.xml");
    let dated = rss.split("<item>").find(|i| i.contains("/jobs/closes-today/")).unwrap();
    let t001 = rss.split("<item>").find(|i| i.contains("/jobs/open-fostering/")).unwrap();
    assert!(t001.contains("<vacancy:rolling>true</vacancy:rolling>") && !t001.contains("<vacancy:closes>"));
    assert!(dated.contains("<vacancy:closes>"), "dated adverts keep theirs");

    let indeed = read(out.path(), "jobs/indeed.xml");
    let job = indeed.split("<job>").find(|j| j.contains("T-001")).unwrap();
    assert!(!job.contains("<expirationdate>"));
    let dwp = read(out.path(), "jobs/find-a-job.xml");
    let vacancy = dwp.split("<Vacancy ").find(|j| j.starts_with("vacancyRefCode=\"T-001\"")).unwrap();
    assert!(!vacancy.contains("<VacancyExpiry>") && vacancy.contains("Closes: Open until filled"));

    let index: serde_json::Value = serde_json::from_str(&read(out.path(), "jobs/search.json")).unwrap();
    let listed = index["vacancies"].as_array().unwrap();
    let rolling = listed.iter().find(|v| v["t"] == "Fostering Social Worker").unwrap();
    assert_eq!(rolling["cl"], "Open until filled");
    assert!(listed.iter().filter(|v| v["t"] != "Fostering Social Worker").all(|v| v["k"].is_i64()));
    assert!(rolling.get("k").is_none(), "no closing time: it sorts last");
}

#[test]
fn a_rolling_advert_stays_open_until_it_is_given_a_closing_date() {
    let site = rolling_site("review_by: 2027-01-31\n");
    let out = built_at(site.path(), "2027-06-01T12:00:00Z");
    let page = read(out.path(), "jobs/open-fostering/index.html");
    assert!(!page.contains("This vacancy closed"), "long past its review date, it is still open");
    assert!(read(out.path(), "jobs/index.html").contains("/jobs/open-fostering/"));

    // Closing it: the editor gives `closes:` today's date and deletes `review_by:`.
    let file = site.path().join("content/jobs/open-fostering.md");
    let text = read(site.path(), "content/jobs/open-fostering.md").replacen(
        "closes: rolling\nreview_by: 2027-01-31\n",
        "closes: 2027-05-31\n",
        1,
    );
    std::fs::write(file, text).unwrap();
    let out = built_at(site.path(), "2027-06-01T12:00:00Z");
    assert!(read(out.path(), "jobs/open-fostering/index.html").contains("This vacancy closed on 31 May 2027"));
    let expired = read(out.path(), "jobs/find-a-job-expired.xml");
    assert!(expired.contains("<ExpireVacancy vacancyRefCode=\"T-001-"), "Find a job takes its repost down: {expired}");
}

#[test]
fn a_rolling_advert_needs_a_review_date_and_only_a_rolling_advert_may_have_one() {
    let missing = rolling_site("");
    let errors = errors_of(missing.path());
    assert!(errors.contains("a rolling advert needs a `review_by` date"), "{errors}");
    assert!(errors.contains("review_by: 2027-02-01"), "the hint shows the line to add: {errors}");

    let before_posting = rolling_site("review_by: 2026-10-01\n");
    let errors = errors_of(before_posting.path());
    assert!(errors.contains("the review date is before the posting date"), "{errors}");

    let site = copy_fixture("basic");
    let file = site.path().join("content/jobs/open-fostering.md");
    let text = read(site.path(), "content/jobs/open-fostering.md").replacen(
        "closes: 2026-12-07\n",
        "closes: 2026-12-07\nreview_by: 2027-01-31\n",
        1,
    );
    std::fs::write(file, text).unwrap();
    let errors = errors_of(site.path());
    assert!(errors.contains("`review_by` is only for rolling adverts"), "{errors}");
    assert!(errors.contains("closes: rolling"), "{errors}");
}
