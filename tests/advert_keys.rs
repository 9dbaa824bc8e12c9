//! What an advert says a post needs: the DBS check and registration (a vacancy's own, else
//! site.yaml's `defaults:`), visa sponsorship and driving, on the page and in every copy.

mod common;
use common::*;
use std::path::Path;

/// The `basic` fixture with defaults in site.yaml and `extra` front matter on `open-fostering`.
fn site_with(defaults: &str, extra: &str) -> tempfile::TempDir {
    let site = copy_fixture("basic");
    let yaml = read(site.path(), "site.yaml") + defaults;
    std::fs::write(site.path().join("site.yaml"), yaml).unwrap();
    let file = site.path().join("content/jobs/open-fostering.md");
    let text = read(site.path(), "content/jobs/open-fostering.md").replacen("---\n", &format!("---\n{extra}"), 1);
    std::fs::write(file, text).unwrap();
    site
}

fn built(site: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build_with(site, out.path(), rules(NOW)).expect("the site builds");
    out
}

/// The `_vacancy` of `reference` in the JSON Feed, or of the first other vacancy with `!`.
fn vacancy_json(out: &Path, reference: &str) -> serde_json::Value {
    let feed: serde_json::Value = serde_json::from_str(&read(out, "jobs/feed.json")).unwrap();
    let items = feed["items"].as_array().unwrap();
    let item = match reference.strip_prefix('!') {
        Some(other) => items.iter().find(|i| i["id"] != other),
        None => items.iter().find(|i| i["id"] == reference),
    };
    item.expect("listed")["_vacancy"].clone()
}

#[test]
fn defaults_apply_to_every_vacancy_and_a_vacancy_overrides_them() {
    let site = site_with(
        "defaults:\n  dbs: enhanced-barred\n  registration: Social Work England\n",
        "dbs: enhanced\nvisa_sponsorship: true\ndriving: true\n",
    );
    let out = built(site.path());
    let own = vacancy_json(out.path(), "T-001");
    assert_eq!(own["dbs"], "enhanced", "the vacancy's own check wins");
    assert_eq!(own["registration"], "Social Work England", "the default fills what it does not say");
    assert_eq!((own["visa_sponsorship"].as_bool(), own["driving"].as_bool()), (Some(true), Some(true)));
    let other = vacancy_json(out.path(), "!T-001");
    assert_eq!(other["dbs"], "enhanced-barred");
    assert!(other.get("visa_sponsorship").is_none(), "unsaid stays unsaid");

    let page = read(out.path(), "jobs/open-fostering/index.html");
    for text in [
        "<dt>DBS check</dt><dd>Enhanced DBS check</dd>",
        "<dt>Registration</dt><dd>Registration with Social Work England</dd>",
        "<dt>Visa sponsorship</dt><dd>We can sponsor a Skilled Worker visa for this role</dd>",
        "<dt>Driving</dt>",
    ] {
        assert!(page.contains(text), "{text}");
    }
    let jsonld = page.split("<script type=\"application/ld+json\">").nth(1).unwrap();
    let posting: serde_json::Value = serde_json::from_str(&jsonld[..jsonld.find("</script>").unwrap()]).unwrap();
    assert_eq!(posting["securityClearanceRequirement"], "Enhanced DBS check");
    assert_eq!(posting["qualifications"], "Registration with Social Work England");
    assert_eq!(posting["eligibilityToWorkRequirement"], "We can sponsor a Skilled Worker visa for this role");
    assert!(read(out.path(), "jobs/find-a-job.xml").contains("DBS check: Enhanced DBS check"));
    assert!(
        read(out.path(), "jobs/indeed.xml").contains("<li>Registration: Registration with Social Work England</li>")
    );
    // Cards name what differs between adverts: visa sponsorship, not the site-wide checks.
    let jobs = read(out.path(), "jobs/index.html");
    assert!(card(&jobs, "/jobs/open-fostering/").contains("<p class=\"card-label\">Visa sponsorship available</p>"));
    assert_eq!(jobs.matches("Visa sponsorship available").count(), 1);
    assert!(!jobs.contains("DBS"));
    let index: serde_json::Value = serde_json::from_str(&read(out.path(), "jobs/search.json")).unwrap();
    let sponsors: Vec<_> = index["vacancies"].as_array().unwrap().iter().filter(|e| e["vs"] == 1).collect();
    assert_eq!((sponsors.len(), &sponsors[0]["r"]), (1, &serde_json::json!("T-001")));
}

/// The card on a listing page that links to `path`.
fn card<'a>(listing: &'a str, path: &str) -> &'a str {
    let from = listing[..listing.find(path).expect("listed")].rfind("<li class=\"card").unwrap();
    &listing[from..from + listing[from..].find("</li>").unwrap()]
}

#[test]
fn registration_none_says_a_post_needs_none_and_a_misspelt_check_is_an_error() {
    let site = site_with("defaults:\n  registration: Social Work England\n", "registration: none\n");
    let out = built(site.path());
    assert!(vacancy_json(out.path(), "T-001").get("registration").is_none());
    assert!(!read(out.path(), "jobs/open-fostering/index.html").contains("<dt>Registration</dt>"));

    let bad_default = site_with("defaults:\n  dbs: enhansed\n", "");
    let errors =
        build_with(bad_default.path(), &bad_default.path().join("public"), rules(NOW)).unwrap_err().to_string();
    assert!(
        errors.contains("`defaults.dbs`: unknown DBS check `enhansed`") && errors.contains("did you mean `enhanced`?"),
        "{errors}"
    );
    let bad_own = site_with("", "dbs: ehnanced-barred\n");
    let errors = build_with(bad_own.path(), &bad_own.path().join("public"), rules(NOW)).unwrap_err().to_string();
    assert!(
        errors.contains("content/jobs/open-fostering.md:2:6") && errors.contains("did you mean `enhanced-barred`?"),
        "{errors}"
    );
}

#[test]
fn a_level_default_beats_a_team_default_which_beats_the_site_default() {
    let defaults = "defaults:\n  dbs: enhanced-barred\n  registration: Social Work England\n  levels:\n    Team Manager:\n      registration: none\n  teams:\n    Assessment & Child Protection:\n      dbs: enhanced\n";
    let site = site_with(defaults, "");
    let out = built(site.path());
    let asye_fostering = vacancy_json(out.path(), "T-001");
    assert_eq!(
        (&asye_fostering["dbs"], &asye_fostering["registration"]),
        (&"enhanced-barred".into(), &"Social Work England".into())
    );
    let manager_protection = vacancy_json(out.path(), "T-006");
    assert_eq!(manager_protection["dbs"], "enhanced", "the team's check");
    assert!(manager_protection.get("registration").is_none(), "the level's `none`");
    let manager_fostering = vacancy_json(out.path(), "T-&<007>");
    assert_eq!(manager_fostering["dbs"], "enhanced-barred", "the site's check; the level says none");
    assert!(manager_fostering.get("registration").is_none());

    let misspelt = site_with("defaults:\n  teams:\n    Fosterng:\n      dbs: enhanced\n      licence: yes\n", "");
    let errors = build_with(misspelt.path(), &misspelt.path().join("public"), rules(NOW)).unwrap_err().to_string();
    assert!(errors.contains("unknown key `licence`"), "{errors}");
    let misspelt = site_with("defaults:\n  teams:\n    Fosterng:\n      dbs: enhanced\n", "");
    let errors = build_with(misspelt.path(), &misspelt.path().join("public"), rules(NOW)).unwrap_err().to_string();
    assert!(errors.contains("unknown team `Fosterng`") && errors.contains("did you mean `Fostering`?"), "{errors}");
}

#[test]
fn working_patterns_reach_the_page_the_card_every_copy_and_the_job_posting() {
    let site = site_with("", "working_pattern: [part-time, job-share]\n");
    let file = site.path().join("content/jobs/open-fostering.md");
    std::fs::write(&file, read(site.path(), "content/jobs/open-fostering.md").replace("hours: 37", "hours: 18.5"))
        .unwrap();
    let out = built(site.path());
    assert_eq!(vacancy_json(out.path(), "T-001")["working_pattern"], serde_json::json!(["part-time", "job-share"]));
    assert_eq!(
        vacancy_json(out.path(), "!T-001")["working_pattern"],
        serde_json::json!(["full-time"]),
        "from the hours"
    );
    let page = read(out.path(), "jobs/open-fostering/index.html");
    assert!(page.contains("<dt>Working pattern</dt><dd>Part-time, Job share</dd>"));
    let jsonld = page.split("<script type=\"application/ld+json\">").nth(1).unwrap();
    let posting: serde_json::Value = serde_json::from_str(&jsonld[..jsonld.find("</script>").unwrap()]).unwrap();
    assert_eq!(posting["employmentType"], "PART_TIME");
    let listing = read(out.path(), "jobs/index.html");
    let card = &listing[listing.find("data-vacancy=\"T-001\"").unwrap()..];
    assert!(
        card[..card.find("</li>").unwrap()].contains("; Part-time, Job share</dd>"),
        "a flexible pattern shows on the card"
    );
    assert!(read(out.path(), "jobs/find-a-job.xml").contains("Working pattern: Part-time, Job share"));
    assert!(read(out.path(), "jobs/search.json").contains("\"wp\":[1,2]"));

    // Compressed hours at full time is FULL_TIME; a misspelt pattern is an error with a suggestion.
    let compressed = site_with("", "working_pattern: compressed-hours\n");
    let page = read(built(compressed.path()).path(), "jobs/open-fostering/index.html");
    let jsonld = page.split("<script type=\"application/ld+json\">").nth(1).unwrap();
    let posting: serde_json::Value = serde_json::from_str(&jsonld[..jsonld.find("</script>").unwrap()]).unwrap();
    assert_eq!(posting["employmentType"], "FULL_TIME", "a compressed-hours post is full-time");
    let bad = site_with("", "working_pattern: [job-shar]\n");
    let errors = build_with(bad.path(), &bad.path().join("public"), rules(NOW)).unwrap_err().to_string();
    assert!(
        errors.contains("unknown working pattern `job-shar`") && errors.contains("did you mean `job-share`?"),
        "{errors}"
    );
}

#[test]
fn payments_are_extra_pay_everywhere_and_a_payment_without_an_amount_is_an_error() {
    let site = site_with(
        "",
        "payments:\n  - amount: 3000\n    description: recruitment payment\n    note: after probation\n  - amount: 1000\n    description: retention payment\n",
    );
    let out = built(site.path());
    let own = vacancy_json(out.path(), "T-001");
    assert_eq!(
        own["payments"],
        serde_json::json!([
            {"amount": 3000, "currency": "GBP", "description": "recruitment payment", "note": "after probation"},
            {"amount": 1000, "currency": "GBP", "description": "retention payment"}
        ])
    );
    let worded = "£3,000 recruitment payment (after probation); £1,000 retention payment";
    let page = read(out.path(), "jobs/open-fostering/index.html");
    assert!(page.contains(&format!("<dt>Extra pay</dt><dd>{worded}</dd>")), "on the page");
    let jsonld = page.split("<script type=\"application/ld+json\">").nth(1).unwrap();
    let posting: serde_json::Value = serde_json::from_str(&jsonld[..jsonld.find("</script>").unwrap()]).unwrap();
    assert_eq!(posting["incentiveCompensation"], worded);
    assert!(read(out.path(), "jobs/find-a-job.xml").contains(&format!("Extra pay: {worded}")));
    let jobs = read(out.path(), "jobs/index.html");
    assert_eq!(jobs.matches("<dt>Extra pay</dt>").count(), 1, "on its card, and no other");
    assert!(card(&jobs, "/jobs/open-fostering/").contains(&format!("<dt>Extra pay</dt><dd>{worded}</dd>")));
    let index: serde_json::Value = serde_json::from_str(&read(out.path(), "jobs/search.json")).unwrap();
    let entries = index["vacancies"].as_array().unwrap();
    assert_eq!(entries.iter().filter_map(|e| e["x"].as_str()).collect::<Vec<_>>(), [worded], "the search's card too");

    let bad = site_with("", "payments:\n  - description: market supplement\n");
    let errors = build_with(bad.path(), &bad.path().join("public"), rules(NOW)).unwrap_err().to_string();
    assert!(
        errors.contains("content/jobs/open-fostering.md:3:") && errors.contains("this payment has no `amount`"),
        "{errors}"
    );
}
