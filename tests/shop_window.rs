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

#[test]
fn a_story_ends_with_the_open_roles_in_its_team() {
    let site = sample();
    let out = site.path().join("public");
    build_with(site.path(), &out, rules(NOW)).unwrap();
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
