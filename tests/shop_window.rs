//! The sample site as a candidate meets it: a staff story ends with the open roles in the
//! person's team (or, with none open, the way to register interest).

mod common;

use common::*;
use std::path::Path;

/// The bundled sample site (site.yaml, content, static), copied so that a test may edit it.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    for folder in ["content", "static"] {
        copy_dir(&root.join(folder), &dir.path().join(folder));
    }
    dir
}

/// The sample site built at `NOW`, and where.
fn built_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = sample();
    let out = site.path().join("public");
    build_with(site.path(), &out, rules(NOW)).unwrap();
    (site, out)
}

#[test]
fn a_story_ends_with_the_open_roles_in_its_team() {
    let (_site, out) = built_sample();
    let index: serde_json::Value = serde_json::from_str(&read(&out, "jobs/search.json")).unwrap();
    let team = index["teams"].as_array().unwrap().iter().position(|t| t[1] == "Children in Care").unwrap();
    let in_care: Vec<String> = index["vacancies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["tm"] == team)
        .map(|v| v["u"].as_str().unwrap().to_string())
        .collect();
    assert!(!in_care.is_empty());

    let page = read(&out, "stories/amira-first-year/index.html");
    let section = &page[page.find("Open roles in Children in Care").expect("the section")..];
    let section = &section[..section.find("</section>").unwrap()];
    let listed: Vec<&str> = section.split("<li><a href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    assert_eq!(listed, in_care.iter().take(5).map(String::as_str).collect::<Vec<_>>(), "{section}");
    assert!(section.contains(&format!("href=\"/jobs/teams/children-in-care/\">See all {} open roles", in_care.len())));
    // The film and its transcript sit together, after the story.
    let (story, film, transcript) = (
        page.find("class=\"advert\"").unwrap(),
        page.find("Watch the film").unwrap(),
        page.find(">Transcript<").unwrap(),
    );
    assert!(story < film && film < transcript && transcript < page.find("Open roles in").unwrap());
}

#[test]
fn a_story_whose_team_has_no_open_roles_offers_to_register_interest() {
    let site = sample();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    std::fs::write(site.path().join("site.yaml"), yaml.replacen("teams:\n", "teams:\n  - Youth Justice\n", 1)).unwrap();
    let story = site.path().join("content/stories/dev-fostering.md");
    let text = std::fs::read_to_string(&story).unwrap();
    std::fs::write(&story, text.replacen("team: Fostering", "team: youth justice", 1)).unwrap();
    let out = site.path().join("public");
    build_with(site.path(), &out, rules(NOW)).unwrap();
    let page = read(&out, "stories/dev-fostering/index.html");
    assert!(page.contains("Open roles in Youth Justice"), "the team is matched whatever its case");
    assert!(page.contains("There are no open roles in Youth Justice right now."));
    assert!(page.contains("<a href=\"/register-interest/\">Register your interest</a> and we will tell you"));
}

/// The text of the element that starts at `marker` and ends at the first `end` after it.
fn part<'p>(page: &'p str, marker: &str, end: &str) -> &'p str {
    let start = page.find(marker).unwrap_or_else(|| panic!("no {marker} in the page"));
    let rest = &page[start..];
    &rest[..rest.find(end).map_or(rest.len(), |e| e + end.len())]
}

#[test]
fn a_benefit_highlight_is_a_stat_on_the_offer_the_home_page_and_the_vacancies_that_link_it() {
    let (_site, out) = built_sample();

    let offer = read(&out, "benefits/index.html");
    let stats = part(&offer, "<ul class=\"stats\">", "</ul>");
    assert!(
        stats.contains("<a href=\"#recruitment-payment\"><span class=\"stat-figure\">£3,000</span> <span class=\"stat-label\">Recruitment payment</span></a>"),
        "{stats}"
    );
    assert!(!stats.contains("Protected caseloads"), "a benefit without a highlight has no stat: {stats}");

    let tile =
        "<a href=\"/benefits/#recruitment-payment\">Recruitment payment</a></h3><p class=\"stat-figure\">£3,000</p>";
    let home = read(&out, "index.html");
    assert!(part(&home, "<ul class=\"benefit-tiles\">", "</ul>").contains(tile), "{home}");
    let vacancy = read(&out, "jobs/social-worker-child-protection-harwood/index.html");
    let offers = part(&vacancy, "What this role offers", "</section>");
    assert!(offers.contains(tile), "{offers}");
    // A vacancy that does not link the benefit does not show its figure.
    let other = read(&out, "jobs/social-worker-children-in-care/index.html");
    assert!(!other.contains("£3,000</p>"));
}

#[test]
fn a_campaign_page_leads_with_its_dates_and_one_call_to_action() {
    let (site, out) = built_sample();
    let page = read(&out, "campaigns/front-door-2026/index.html");
    let hero = part(&page, "<div class=\"hero campaign-hero", "\n</div>");
    assert!(hero.contains("<dt>Applications close</dt><dd>8 January 2027</dd>"), "{hero}");
    assert!(hero.contains("<dt>Shortlisting</dt><dd>15 January 2027</dd>"), "{hero}");
    assert!(hero.contains("<dt>Interviews</dt><dd>22 January 2027</dd>"), "{hero}");
    assert_eq!(hero.matches("class=\"button\"").count(), 1, "one call to action: {hero}");
    assert!(hero.contains("href=\"#roles-heading\">Choose a role and apply"), "{hero}");
    assert!(page.find("class=\"hero campaign-hero").unwrap() < page.find("id=\"roles-heading\"").unwrap());

    // Once its roles have closed, the one call to action is to register interest.
    let later = site.path().join("later");
    build_with(site.path(), &later, rules("2027-01-09T12:00:00Z")).unwrap();
    let page = read(&later, "campaigns/front-door-2026/index.html");
    let hero = part(&page, "<div class=\"hero campaign-hero", "\n</div>");
    assert!(!hero.contains("Applications close") && !hero.contains("Choose a role"), "{hero}");
    assert_eq!(hero.matches("class=\"button\"").count(), 1, "{hero}");
    assert!(hero.contains("<a class=\"button\" href=\"/register-interest/\">Register your interest</a>"), "{hero}");
}

#[test]
fn a_featured_role_wears_a_label_in_the_same_card_as_every_other_role() {
    let (_site, out) = built_sample();
    for file in [
        "index.html",
        "jobs/index.html",
        "campaigns/front-door-2026/index.html",
        "jobs/teams/assessment-child-protection/index.html",
    ] {
        let page = read(&out, file);
        let cards: Vec<&str> = page.split("<li class=\"card").skip(1).map(|c| &c[..c.find("</li>").unwrap()]).collect();
        assert!(!cards.is_empty(), "{file}");
        assert!(cards.iter().all(|c| c.starts_with("\" data-vacancy=")), "one card class everywhere, in {file}");
        let featured =
            cards.iter().filter(|c| c.contains("<p class=\"card-label card-label-featured\">Featured role</p>"));
        assert!(featured.count() >= 1, "{file}");
        // The home page lists only featured roles; elsewhere they sit among the others.
        let plain = cards.iter().filter(|c| !c.contains("Featured role"));
        assert!(file == "index.html" || plain.count() >= 1, "{file}");
    }
}

#[test]
fn team_pages_list_their_roles_before_the_filters() {
    let (_site, out) = built_sample();
    let page = read(&out, "jobs/teams/fostering/index.html");
    let (roles, filters) = (page.find("<ul class=\"cards\">").unwrap(), page.find("class=\"facets\"").unwrap());
    assert!(roles < filters, "on a phone the roles come first");
}
