//! What job boards and search engines read stays true over a vacancy's life: edits show as
//! updates, part-time pay is the actual pay, every workplace reaches the boards, campaign dates
//! travel with the vacancy, copies read away from the site carry absolute addresses, and DWP
//! Find a job reposts long-running vacancies under new references.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

/// A part-time vacancy at two workplaces, in the spring campaign, with a relative link and image.
const PART_TIME: &str = "---
title: Family Support Worker
reference: T-100
level: Social Worker (ASYE)
team: Fostering
location: [Town Hall, Riverside]
salary:
  min: 37035
  max: 41418
hours: 22.5
contract: secondment
posted: 2026-11-10
closes: 2026-12-20
updated: 2026-11-18 09:30
apply_url: https://apply.test.example/T-100
campaign: spring
---
Read about [our offer](/benefits/) and [the team](../fostering/#people).

![The team](/images/team.jpg)
";

fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let site = copy_fixture("basic");
    for (rel, text) in files {
        let path = site.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    site
}

fn build_at(site: &Path, now: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build_with(site, &out.path().join("public"), rules(now)).expect("the site builds");
    out
}

fn item<'a>(feed: &'a Value, id: &str) -> &'a Value {
    feed["items"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap_or_else(|| panic!("no item {id}"))
}

fn json_ld(page: &str) -> Value {
    let start = page.find("<script type=\"application/ld+json\">").expect("the page has JSON-LD");
    let rest = &page[start..];
    let body = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
    serde_json::from_str(body).unwrap()
}

#[test]
fn an_update_moves_date_modified_lastmod_and_last_build_date() {
    let site = site_with(&[("content/jobs/part-time.md", PART_TIME)]);
    let out = build_at(site.path(), NOW);
    let public = out.path().join("public");
    let feed: Value = serde_json::from_str(&read(&public, "jobs/feed.json")).unwrap();
    let i = item(&feed, "T-100");
    assert_eq!(i["date_published"], "2026-11-10T00:00:00+00:00");
    assert_eq!(i["date_modified"], "2026-11-18T09:30:00+00:00");
    assert!(read(&public, "sitemap.xml")
        .contains("<loc>https://careers.test.example/jobs/part-time/</loc><lastmod>2026-11-18</lastmod>"));
    assert!(read(&public, "jobs/feed.xml").contains("<lastBuildDate>Wed, 18 Nov 2026 09:30:00 +0000</lastBuildDate>"));
    assert!(read(&public, "jobs/indeed.xml").contains("<lastBuildDate>Wed, 18 Nov 2026 09:30:00 +0000</lastBuildDate>"));
}

#[test]
fn an_update_before_the_posting_date_is_an_error_at_its_line() {
    let site = site_with(&[(
        "content/jobs/part-time.md",
        &PART_TIME.replace("updated: 2026-11-18 09:30", "updated: 2026-11-01"),
    )]);
    let out = tempfile::tempdir().unwrap();
    let errors = build_with(site.path(), &out.path().join("public"), rules(NOW)).unwrap_err().to_string();
    assert!(errors.contains("content/jobs/part-time.md:14"), "{errors}");
    assert!(errors.contains("cannot be updated before it was posted"), "{errors}");
}

#[test]
fn check_refuses_an_update_in_the_future() {
    let site = site_with(&[(
        "content/jobs/part-time.md",
        &PART_TIME.replace("updated: 2026-11-18 09:30", "updated: 2026-11-30"),
    )]);
    let check = jobsite(&["check", "--root", site.path().to_str().unwrap(), "--now", NOW]);
    let said = String::from_utf8_lossy(&check.stdout).to_string() + &String::from_utf8_lossy(&check.stderr);
    assert!(!check.status.success());
    assert!(said.contains("`updated` is in the future: 30 November 2026"), "{said}");
    assert!(said.contains("content/jobs/part-time.md:14:"), "{said}");
}

#[test]
fn without_updated_a_vacancy_changes_when_its_file_was_last_committed() {
    let site = site_with(&[("content/jobs/part-time.md", &PART_TIME.replace("updated: 2026-11-18 09:30\n", ""))]);
    let git = |args: &[&str], date: &str| {
        let status = std::process::Command::new("git")
            .arg("-C")
            .arg(site.path())
            .args(["-c", "user.name=Editor", "-c", "user.email=editor@test.example", "-c", "commit.gpgsign=false"])
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"], "2026-11-10T08:00:00Z");
    git(&["add", "."], "2026-11-10T08:00:00Z");
    git(&["commit", "-q", "-m", "first"], "2026-11-10T08:00:00Z");
    let path = site.path().join("content/jobs/part-time.md");
    std::fs::write(&path, std::fs::read_to_string(&path).unwrap().replace("closes: 2026-12-20", "closes: 2027-01-10"))
        .unwrap();
    git(&["commit", "-q", "-a", "-m", "extend"], "2026-11-19T15:00:00Z");
    let out = build_at(site.path(), NOW);
    let feed: Value = serde_json::from_str(&read(&out.path().join("public"), "jobs/feed.json")).unwrap();
    assert_eq!(item(&feed, "T-100")["date_modified"], "2026-11-19T15:00:00+00:00");
    // Files never changed since the first commit date from it, but never before their posting.
    assert_eq!(item(&feed, "T-001")["date_modified"], "2026-11-10T08:00:00+00:00");
    let posted_later = item(&feed, "T-100")["date_published"].clone();
    assert_eq!(posted_later, "2026-11-10T00:00:00+00:00");
}

#[test]
fn part_time_pay_is_the_actual_pay_on_every_board_and_pro_rata_on_the_page() {
    let site = site_with(&[("content/jobs/part-time.md", PART_TIME)]);
    let out = build_at(site.path(), NOW);
    let public = out.path().join("public");
    let page = read(&public, "jobs/part-time/index.html");
    assert!(page.contains("£37,035 to £41,418 a year, pro rata"));
    assert!(page.contains("Actual pay: £22,521.28 to £25,186.62 a year for 22.5 hours a week"));
    assert!(read(&public, "jobs/index.html").contains("£37,035 to £41,418 a year, pro rata"));
    let posting = json_ld(&page);
    let value = &posting["baseSalary"]["value"];
    assert_eq!((value["minValue"].as_f64(), value["maxValue"].as_f64()), (Some(22521.28), Some(25186.62)));
    assert_eq!(posting["employmentType"], serde_json::json!(["PART_TIME", "TEMPORARY"]));
    let feed: Value = serde_json::from_str(&read(&public, "jobs/feed.json")).unwrap();
    let v = &item(&feed, "T-100")["_vacancy"];
    assert_eq!(v["salary"]["min"], 37035);
    assert_eq!(v["salary"]["pro_rata"], true);
    assert_eq!(v["actual_salary"]["min"], 22521.28);
    let indeed = read(&public, "jobs/indeed.xml");
    assert!(indeed.contains("<salary><![CDATA[£22,521.28 to £25,186.62 a year]]></salary>"));
    assert!(indeed.contains("<jobtype><![CDATA[parttime, contract]]></jobtype>"));
    let dwp = read(&public, "jobs/find-a-job.xml");
    assert!(dwp.contains("Actual pay: £22,521.28 to £25,186.62 a year for 22.5 hours a week"));
    // Daily and hourly rates are never pro-rated.
    let hourly = PART_TIME.replace("  min: 37035\n  max: 41418\n", "  min: 28.5\n  period: hour\n");
    let site = site_with(&[("content/jobs/part-time.md", &hourly)]);
    let out = build_at(site.path(), NOW);
    let page = read(&out.path().join("public"), "jobs/part-time/index.html");
    assert!(!page.contains("pro rata") && !page.contains("Actual pay"));
    assert_eq!(json_ld(&page)["baseSalary"]["value"]["value"].as_f64(), Some(28.5));
}

#[test]
fn every_workplace_is_its_own_indeed_job_and_dwp_takes_the_first_with_a_postcode() {
    let yaml = std::fs::read_to_string(fixture_path("basic").join("site.yaml")).unwrap();
    let yaml = yaml.replace("  - name: Town Hall\n    postcode: TC1 1AA\n", "  - name: Town Hall\n");
    let site = site_with(&[("content/jobs/part-time.md", PART_TIME), ("site.yaml", &yaml)]);
    let out = build_at(site.path(), NOW);
    let public = out.path().join("public");
    let indeed = read(&public, "jobs/indeed.xml");
    assert!(indeed.contains("<referencenumber><![CDATA[T-100-town-hall]]></referencenumber>"));
    assert!(indeed.contains("<referencenumber><![CDATA[T-100-riverside]]></referencenumber>"));
    assert!(indeed.contains("<postalcode><![CDATA[TC2 2BB]]></postalcode>"));
    assert!(!indeed.contains("&apos;"), "Indeed's readers show &apos; literally");
    let references: Vec<&str> =
        indeed.split("<referencenumber><![CDATA[").skip(1).map(|s| s.split("]]>").next().unwrap()).collect();
    let mut unique = references.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), references.len(), "every Indeed reference is unique: {references:?}");
    let dwp = read(&public, "jobs/find-a-job.xml");
    let t100 =
        &dwp[dwp.find("vacancyRefCode=\"T-100\"").expect("the vacancy reaches DWP through its second workplace")..];
    assert!(t100[..t100.find("</Vacancy>").unwrap()].contains("<PostalCode>TC2 2BB</PostalCode>"));
}

#[test]
fn inherited_campaign_dates_reach_every_copy_and_check_warns_when_they_come_too_soon() {
    let site = site_with(&[("content/jobs/part-time.md", &PART_TIME.replace("updated: 2026-11-18 09:30\n", ""))]);
    let out = build_at(site.path(), NOW);
    let public = out.path().join("public");
    let feed: Value = serde_json::from_str(&read(&public, "jobs/feed.json")).unwrap();
    let v = &item(&feed, "T-100")["_vacancy"];
    assert_eq!(v["shortlisting"], "2026-12-10");
    assert_eq!(v["interviews"], serde_json::json!(["2026-12-15", "2026-12-16"]));
    assert!(read(&public, "jobs/indeed.xml").contains("<li>Shortlisting: 10 December 2026</li>"));
    assert!(read(&public, "jobs/find-a-job.xml").contains("Interviews: 15 December 2026, 16 December 2026"));
    // The vacancy closes on 20 December, after the campaign's shortlisting and interviews.
    let check = jobsite(&["check", "--root", site.path().to_str().unwrap(), "--now", NOW]);
    let said = String::from_utf8_lossy(&check.stdout).to_string() + &String::from_utf8_lossy(&check.stderr);
    assert!(
        said.contains("Shortlisting on 10 December 2026 is before the closing date, 20 December 2026 (the date comes from content/campaigns/spring.md)"),
        "{said}"
    );
    assert!(said.contains("content/jobs/part-time.md:15:1"), "the warning points at the campaign line: {said}");
}

#[test]
fn copies_read_away_from_the_site_carry_absolute_addresses() {
    let site = site_with(&[("content/jobs/part-time.md", PART_TIME)]);
    let out = build_at(site.path(), NOW);
    let public = out.path().join("public");
    let feed: Value = serde_json::from_str(&read(&public, "jobs/feed.json")).unwrap();
    let html = item(&feed, "T-100")["content_html"].as_str().unwrap().to_string();
    let posting = json_ld(&read(&public, "jobs/part-time/index.html"))["description"].as_str().unwrap().to_string();
    let indeed = read(&public, "jobs/indeed.xml");
    for copy in [&html, &posting, &indeed] {
        assert!(copy.contains("href=\"https://careers.test.example/benefits/\""), "{copy}");
        assert!(copy.contains("href=\"https://careers.test.example/jobs/fostering/#people\""), "{copy}");
        assert!(copy.contains("src=\"https://careers.test.example/images/team.jpg\""), "{copy}");
        assert!(!copy.contains("href=\"/") && !copy.contains("src=\"/"), "{copy}");
    }
    // The site's own page keeps the addresses as written.
    assert!(read(&public, "jobs/part-time/index.html").contains("href=\"/benefits/\""));
}

#[test]
fn find_a_job_reposts_long_running_vacancies_under_a_new_reference_and_expires_closed_ones() {
    let long = PART_TIME.replace("closes: 2026-12-20", "closes: 2027-02-20").replace("updated: 2026-11-18 09:30\n", "");
    let site = site_with(&[("content/jobs/part-time.md", &long)]);
    let dwp_at = |now: &str| read(&build_at(site.path(), now).path().join("public"), "jobs/find-a-job.xml");
    let block = |xml: &str, reference: &str| -> String {
        let start =
            xml.find(&format!("vacancyRefCode=\"{reference}\"")).unwrap_or_else(|| panic!("{reference} in {xml}"));
        xml[start..start + xml[start..].find("</Vacancy>").unwrap()].to_string()
    };
    // Posted 10 November: the first 31 days under T-100, with no expiry (it closes later).
    let first = dwp_at("2026-11-22T12:00:00Z");
    assert!(!block(&first, "T-100").contains("VacancyExpiry"));
    // From 11 December, T-100-1; then T-100-2 from 11 January; T-100-3 from 11 February
    // lives past the closing date, so it carries it as its expiry.
    let second = dwp_at("2026-12-15T12:00:00Z");
    assert!(!second.contains("vacancyRefCode=\"T-100\""));
    assert!(!block(&second, "T-100-1").contains("VacancyExpiry"));
    assert!(!block(&dwp_at("2027-01-20T12:00:00Z"), "T-100-2").contains("VacancyExpiry"));
    let fourth = dwp_at("2027-02-15T12:00:00Z");
    assert!(block(&fourth, "T-100-3").contains("<VacancyExpiry>2027-02-20</VacancyExpiry>"));
    // Closed: gone from the upload, listed for removal under the posting live when it closed.
    let out = build_at(site.path(), "2027-02-22T12:00:00Z");
    let public = out.path().join("public");
    assert!(!read(&public, "jobs/find-a-job.xml").contains("T-100"));
    assert!(read(&public, "jobs/find-a-job-expired.xml").contains("<ExpireVacancy vacancyRefCode=\"T-100-3\"/>"));
    // A week after closing it is no longer sent.
    let out = build_at(site.path(), "2027-03-10T12:00:00Z");
    assert!(!read(&out.path().join("public"), "jobs/find-a-job-expired.xml").contains("T-100"));
}

#[test]
fn a_category_in_site_yaml_reaches_find_a_job() {
    let yaml = std::fs::read_to_string(fixture_path("basic").join("site.yaml")).unwrap() + "find_a_job_category: 30\n";
    let site = site_with(&[("site.yaml", &yaml)]);
    let out = build_at(site.path(), NOW);
    let dwp = read(&out.path().join("public"), "jobs/find-a-job.xml");
    assert_eq!(dwp.matches("<VacancyCategory id=\"30\"/>").count(), dwp.matches("<Vacancy ").count());
}

fn cli(args: &[&str]) -> String {
    let out = jobsite(args);
    assert!(out.status.success(), "jobsite {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn one_vacancy_followed_through_posting_edit_early_close_and_changes() {
    let scheduled =
        PART_TIME.replace("posted: 2026-11-10", "posted: 2026-11-25").replace("updated: 2026-11-18 09:30\n", "");
    let site = site_with(&[("content/jobs/part-time.md", &scheduled)]);
    let root = site.path().to_str().unwrap();
    let file = site.path().join("content/jobs/part-time.md");
    let publish = |now: &str| {
        let out = build_at(site.path(), now);
        let feed = out.path().join("public/jobs/feed.json");
        (out, feed)
    };
    let changes = |previous: &Path, now: &str| {
        cli(&["changes", "--root", root, "--previous", previous.to_str().unwrap(), "--now", now])
    };
    let url = "https://careers.test.example/jobs/part-time/";

    // Before its posting date: not published, and the next change is its posting.
    let (_first, first_feed) = publish("2026-11-23T12:00:00Z");
    assert_eq!(cli(&["next-change", "--root", root, "--now", "2026-11-23T12:00:00Z"]), "2026-11-25T00:00:00Z\n");
    assert_eq!(changes(&first_feed, "2026-11-23T12:00:00Z"), "", "nothing changed since that publish");

    // Posted: added.
    assert_eq!(changes(&first_feed, "2026-11-26T12:00:00Z"), format!("{{\"url\":\"{url}\",\"change\":\"added\"}}\n"));
    let (_second, second_feed) = publish("2026-11-26T12:00:00Z");

    // Edited (pay raised, with the date of the change): updated, and boards see the new date.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("max: 41418", "max: 43000").replace("closes:", "updated: 2026-11-27 10:00\ncloses:"),
    )
    .unwrap();
    assert_eq!(
        changes(&second_feed, "2026-11-27T12:00:00Z"),
        format!("{{\"url\":\"{url}\",\"change\":\"updated\"}}\n")
    );
    let (third, third_feed) = publish("2026-11-27T12:00:00Z");
    let feed: Value = serde_json::from_str(&read(&third.path().join("public"), "jobs/feed.json")).unwrap();
    assert_eq!(item(&feed, "T-100")["date_modified"], "2026-11-27T10:00:00+00:00");

    // Closed early: removed from every feed at once, and DWP is told to take it down.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("closes: 2026-12-20", "closes: 2026-11-28 12:00")).unwrap();
    assert_eq!(cli(&["next-change", "--root", root, "--now", "2026-11-28T09:00:00Z"]), "2026-11-28T12:00:00Z\n");
    assert_eq!(changes(&third_feed, "2026-11-28T13:00:00Z"), format!("{{\"url\":\"{url}\",\"change\":\"removed\"}}\n"));
    let (closed, _) = publish("2026-11-28T13:00:00Z");
    let public = closed.path().join("public");
    for feed in ["jobs/feed.json", "jobs/feed.xml", "jobs/indeed.xml", "jobs/find-a-job.xml", "sitemap.xml"] {
        assert!(!read(&public, feed).contains("T-100") && !read(&public, feed).contains("Family Support"), "{feed}");
    }
    assert!(read(&public, "jobs/find-a-job-expired.xml").contains("<ExpireVacancy vacancyRefCode=\"T-100\"/>"));
}

#[test]
fn next_change_prints_nothing_when_nothing_is_coming() {
    let site = copy_fixture("basic");
    let said = cli(&["next-change", "--root", site.path().to_str().unwrap(), "--now", "2030-01-01T00:00:00Z"]);
    assert_eq!(said, "");
}

#[test]
fn changes_explains_a_previous_feed_it_cannot_read() {
    let site = copy_fixture("basic");
    let bad = site.path().join("old.json");
    std::fs::write(&bad, "<html>not a feed</html>").unwrap();
    let out = jobsite(&["changes", "--root", site.path().to_str().unwrap(), "--previous", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("the previous feed is not JSON"));
}

#[test]
fn a_file_whose_bytes_did_not_change_keeps_its_modification_time() {
    use std::time::{Duration, SystemTime};
    let site = site_with(&[("content/jobs/part-time.md", PART_TIME)]);
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let build = || build_with(site.path(), &public, rules(NOW)).expect("the site builds");
    let time = |rel: &str| std::fs::metadata(public.join(rel)).unwrap().modified().unwrap();
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    build();
    // Every published file is given a time long past, so that any rewrite shows.
    for entry in walkdir::WalkDir::new(&public).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
        std::fs::File::options().write(true).open(entry.path()).unwrap().set_modified(long_ago).unwrap();
    }
    build();
    // (The feeds are written straight to disk as they are made; the pages whole.)
    let kept = ["jobs/feed.json", "jobs/feed.xml", "jobs/indeed.xml", "jobs/find-a-job.xml", "sitemap.xml"];
    for rel in kept.into_iter().chain(["jobs/part-time/index.html", "index.html"]) {
        assert_eq!(time(rel), long_ago, "{rel} did not change and keeps its time");
    }
    let file = site.path().join("content/jobs/part-time.md");
    std::fs::write(&file, std::fs::read_to_string(&file).unwrap().replace("max: 41418", "max: 43000")).unwrap();
    build();
    let edited = time("jobs/part-time/index.html");
    assert!(edited > long_ago, "the edited vacancy's page has a new time");
    for feed in ["jobs/feed.json", "jobs/feed.xml", "jobs/indeed.xml"] {
        assert!(time(feed) > long_ago, "{feed}, listing it, has a new time");
    }
    assert_eq!(time("jobs/closes-today/index.html"), long_ago, "other vacancies keep theirs");
    // Built again unchanged: the edited page keeps the time it got in the last build.
    build();
    assert_eq!(time("jobs/part-time/index.html"), edited);
    assert_eq!(time("jobs/closes-today/index.html"), long_ago);
}

#[test]
fn share_cards_offer_a_raster_image_and_never_an_svg() {
    let yaml = std::fs::read_to_string(fixture_path("basic").join("site.yaml")).unwrap();
    let yaml = yaml.replace(
        "organisation:\n  name: Test Council\n",
        "organisation:\n  name: Test Council\n  logo: /images/logo.svg\n",
    ) + "share_image: /images/share.png\n";
    let campaign = std::fs::read_to_string(fixture_path("basic").join("content/campaigns/spring.md")).unwrap();
    let campaign = campaign.replacen("---\n", "---\nimage: /images/spring.svg\nimage_alt: Spring\n", 1);
    let site = site_with(&[
        ("site.yaml", &yaml),
        ("static/images/share.png", "not really a PNG, but a file"),
        ("static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ("static/images/spring.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ("content/campaigns/spring.md", &campaign),
    ]);
    let out = build_at(site.path(), NOW);
    let public = out.path().join("public");
    let share = "<meta property=\"og:image\" content=\"https://careers.test.example/images/share.png\">";
    for page in ["index.html", "jobs/index.html", "jobs/open-fostering/index.html", "campaigns/spring/index.html"] {
        let html = read(&public, page);
        assert!(html.contains(share), "{page} offers the share image");
        assert!(!html.contains("og:image\" content=\"https://careers.test.example/images/logo.svg"), "{page}");
        assert!(!html.contains(".svg\">\n<meta name=\"twitter"), "{page} offers no SVG");
    }
    let check = jobsite(&["check", "--root", site.path().to_str().unwrap(), "--now", NOW]);
    assert!(!String::from_utf8_lossy(&check.stdout).contains("share-image"));
    // An SVG is refused where it is named.
    let svg = yaml.replace("share_image: /images/share.png", "share_image: /images/logo.svg");
    let site = site_with(&[("site.yaml", &svg)]);
    let errors = build_with(site.path(), &site.path().join("out"), rules(NOW)).unwrap_err().to_string();
    assert!(errors.contains("`/images/logo.svg` is not a PNG or JPEG image"), "{errors}");
}
