//! The parts of a site folder besides content: templates and static files that override the
//! theme, unknown folders, and site.yaml mistakes.

mod common;
use common::*;

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = copy_fixture("basic");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Custom: {{ page.title }}</h1>{% endblock content %}",
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("static/css")).unwrap();
    std::fs::write(site.path().join("static/css/site.css"), "body { color: red }").unwrap();
    std::fs::write(site.path().join("static/guide.pdf"), b"%PDF-1.4").unwrap();
    let out = tempfile::tempdir().unwrap();
    build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap();
    assert!(read(out.path(), "p/register-interest/index.html").contains("<h1>Custom: Register interest</h1>"));
    assert_eq!(read(out.path(), "p/css/site.css"), "body { color: red }");
    assert_eq!(std::fs::read(out.path().join("p/guide.pdf")).unwrap(), b"%PDF-1.4");
}

#[test]
fn a_broken_template_is_an_error_naming_the_template() {
    let site = copy_fixture("basic");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(site.path().join("templates/page.html"), "{% if %}").unwrap();
    let out = tempfile::tempdir().unwrap();
    let errors = build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap_err();
    assert_eq!(errors.0[0].file, "templates/page.html", "{errors}");
}

#[test]
fn a_site_card_template_draws_the_cards_of_every_listing() {
    let site = copy_fixture("basic");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/card.html"),
        "\n  <p class=\"own-card\">{{ vacancy.reference }}: {{ vacancy.team.name }}, {{ vacancy.closing }}</p>\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap();
    let card =
        "<li class=\"card\" data-vacancy=\"T-001\">\n  <h3 class=\"card-title\"><a href=\"/jobs/open-fostering/\">";
    let jobs = read(out.path(), "p/jobs/index.html");
    let from = jobs.find(card).expect("the heading is the listing's own");
    let rest = &jobs[from..jobs[from..].find("</li>").unwrap() + from];
    assert!(rest.contains("</h3>\n  <p class=\"own-card\">T-001: Fostering, Closes "), "{rest}");
    let team = read(out.path(), "p/jobs/teams/fostering/index.html");
    assert!(
        team.contains("</h2>\n  <p class=\"own-card\">T-001: Fostering, "),
        "the same card under the team page's heading"
    );
    let home = read(out.path(), "p/index.html");
    assert!(home.contains("<p class=\"own-card\">T-006: "), "the home page's cards too");
    for page in [&jobs, &team, &home] {
        assert!(!page.contains("<dl class=\"facts\">"), "no listing draws a card of its own");
    }
}

#[test]
fn a_card_template_that_fails_is_an_error_naming_it() {
    let site = copy_fixture("basic");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(site.path().join("templates/card.html"), "{{ site.title }}").unwrap();
    let out = tempfile::tempdir().unwrap();
    let errors = build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap_err();
    let d = errors.0.iter().find(|d| d.message.contains("jobs/index.html")).expect("the jobs page fails");
    assert_eq!(d.file, "templates/card.html", "{errors}");
    assert!(d.message.contains("open-fostering") || d.message.contains("card of"), "{}", d.message);
    assert!(d.hint.as_deref().unwrap().contains("only `vacancy`"));
    assert!(!out.path().join("p").exists(), "nothing is published");
}

#[test]
fn an_unknown_content_folder_is_a_warning() {
    let site = copy_fixture("basic");
    std::fs::create_dir_all(site.path().join("content/vacancies")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap();
    let w = &report.warnings.0[0];
    assert_eq!(w.file, "content/vacancies");
    assert!(w.hint.as_deref().unwrap().contains("jobs"));
}

#[test]
fn a_file_name_that_is_not_an_address_is_an_error_with_the_new_name() {
    let site = copy_fixture("basic");
    std::fs::rename(
        site.path().join("content/jobs/open-fostering.md"),
        site.path().join("content/jobs/Open_Fostering.md"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let errors = build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap_err();
    let d = errors.0.iter().find(|d| d.file == "content/jobs/Open_Fostering.md").unwrap();
    assert!(d.hint.as_deref().unwrap().contains("open-fostering.md"));
}

#[test]
fn site_yaml_mistakes_are_named_with_their_lines() {
    let site = copy_fixture("basic");
    let path = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace("title:", "titel:");
    std::fs::write(&path, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let errors = build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap_err();
    let d = &errors.0[0];
    assert_eq!((d.file.as_str(), d.line), ("site.yaml", 1));
    assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
}

#[test]
fn an_unknown_theme_is_an_error() {
    let site = copy_fixture("basic");
    let path = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap() + "theme: fancy\n";
    std::fs::write(&path, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let errors = build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap_err();
    assert!(errors.0[0].message.contains("`fancy`"));
}

#[test]
fn a_brand_colour_that_fails_contrast_is_a_build_warning() {
    let site = copy_fixture("basic");
    let path = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap()
        + "brand:\n  primary: \"#ffdd00\"\n  primary_text: \"#ffffff\"\n  accent: \"#ffbf47\"\n";
    std::fs::write(&path, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap();
    let w = &report.warnings.0[0];
    assert_eq!((w.file.as_str(), w.line, w.field.as_deref()), ("site.yaml", 17, Some("brand.primary")));
    assert!(w.message.contains("contrast of 1.35:1"), "{}", w.message);
    let default = build_with(&fixture_path("basic"), &out.path().join("q"), rules(NOW)).unwrap();
    assert!(default.warnings.0.is_empty(), "the default colours pass");
}
