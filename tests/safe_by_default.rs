//! Content, folders and templates cannot hurt the site, its readers or the build machine:
//! script never reaches a page or a feed, only safe addresses are published, every page carries
//! a strict Content-Security-Policy, templates cannot read the environment, and nothing outside
//! the site's own files is read or published.

mod common;
use common::*;
use std::path::Path;

/// Marks of script that must appear in no output, page or feed, of the payloads fixture.
const NEVER: [&str; 12] = [
    "__pwned",
    "javascript:",
    "vbscript:",
    "data:text/html",
    "data:image/svg",
    "onerror",
    "onfocus",
    "ontoggle",
    "onmouseover",
    "onbegin",
    "srcdoc",
    "<iframe",
];

/// The one script element a page may carry besides structured data: the theme's search script,
/// a file of the site, loaded with `defer` and with nothing inline.
const THEME_SCRIPT: &str = "<script src=\"/js/search.js\" defer></script>";

#[test]
fn markdown_payloads_reach_no_page_and_no_feed() {
    let out = build_fixture("payloads");
    let files = read_tree(&out.path().join("public"));
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
        for mark in NEVER {
            assert!(!text.contains(&mark.to_ascii_lowercase()), "{mark} in {path}");
        }
        if path.ends_with(".html") {
            let scripts = text.matches("<script").count();
            let data_blocks = text.matches("<script type=\"application/ld+json\">").count();
            let theme_files = text.matches(THEME_SCRIPT).count();
            assert_eq!(scripts, data_blocks + theme_files, "{path} has a script that is not structured data");
            for element in ["<object", "<embed", "<style", "<base", "<svg"] {
                assert!(!text.contains(element), "{element} in {path}");
            }
            // The only forms are the theme's: the jobs page's search and the home page's search box.
            let theirs = text.matches("<form class=\"job-search\"").count()
                + text.matches("<form class=\"hero-search\"").count();
            assert_eq!(text.matches("<form").count(), theirs, "{path}");
            assert!(!text.contains(" style="), "an inline style attribute in {path}");
        }
    }
    let page = read(&out.path().join("public"), "jobs/payloads/index.html");
    assert!(page.contains("<abbr title=\"Assessed and Supported Year in Employment\">ASYE</abbr>"), "safe HTML stays");
    assert!(page.contains("<h2 id=\"about\" class=\"lead\">About the role</h2>"), "headings keep id and class");
    assert!(page.contains("markdown link"), "a dropped link keeps its text");
    let feed = read(&out.path().join("public"), "jobs/feed.json");
    assert!(feed.contains("<abbr title=\\\"Assessed"), "feeds carry the same cleaned HTML: {feed}");
}

#[test]
fn check_reports_every_removal_at_its_line_and_the_build_still_succeeds() {
    let root = fixture_path("payloads");
    let output = jobsite(&["check", "--root", root.to_str().unwrap(), "--now", NOW, "--format", "json"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let found: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The fixture has no share image; that finding is about site.yaml, not the payloads.
    let found: Vec<serde_json::Value> = found.into_iter().filter(|f| f["rule"] != "share-image").collect();
    let at = |rule: &str, message: &str| {
        found
            .iter()
            .filter(|f| f["rule"] == rule && f["message"].as_str().unwrap().contains(message))
            .map(|f| f["line"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(at("removed-html", "`onfocus`"), [16]);
    assert_eq!(at("removed-html", "`<script>`"), [20]);
    assert_eq!(at("removed-html", "`onerror`"), [22]);
    assert_eq!(at("removed-html", "`<iframe>`"), [24]);
    assert_eq!(at("removed-html", "`<form>`"), [30]);
    assert_eq!(at("removed-html", "`style` attribute"), [38]);
    assert_eq!(at("removed-html", "`ontoggle`"), [40]);
    assert_eq!(at("removed-html", "address in `<a href>`"), [44, 45, 46, 47]);
    assert_eq!(at("unsafe-address", "link's address"), [49, 50, 51, 52]);
    assert_eq!(at("unsafe-address", "image's address"), [54]);
    assert!(found.iter().all(|f| f["file"] == "content/jobs/payloads.md" && f["hint"].is_string()), "{text}");
    assert!(found.iter().all(|f| f["level"] == "warning"), "removals are warnings: {text}");
}

fn write(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn errors_of(root: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    build_with(root, &out.path().join("public"), rules(NOW)).unwrap_err().to_string()
}

#[test]
fn front_matter_addresses_outside_the_policy_are_errors_at_their_line() {
    let site = copy_fixture("basic");
    let story = read(site.path(), "content/stories/film.md")
        .replace("photo: /images/alex.jpg", "photo: \"  JaVaScRiPt:alert(1)\"")
        .replace("captions: /media/alex.vtt", "captions: \"java\\tscript:alert(1)\"");
    write(site.path(), "content/stories/film.md", &story);
    let campaign = read(site.path(), "content/campaigns/spring.md").replacen(
        "---\n",
        "---\nimage: \"data:image/svg+xml,<svg onload=alert(1)>\"\nimage_alt: x\n",
        1,
    );
    write(site.path(), "content/campaigns/spring.md", &campaign);
    let yaml =
        read(site.path(), "site.yaml").replace("  name: Test Council\n", "  name: Test Council\n  logo: vbscript:x\n");
    write(site.path(), "site.yaml", &yaml);
    let errors = errors_of(site.path());
    assert!(errors.contains("site.yaml:5:9: `organisation.logo`: this address cannot be published: `vbscript:` addresses are not published"), "{errors}");
    let story_errors = errors_of_without_site_yaml(site.path());
    assert!(story_errors.contains("content/stories/film.md:4:8: `photo`: this address cannot be published: `javascript:` addresses are not published"), "{story_errors}");
    assert!(
        story_errors.contains("`captions`: this address cannot be published: the address contains a tab"),
        "{story_errors}"
    );
    assert!(story_errors.contains("content/campaigns/spring.md:2:8: `image`: this address cannot be published: `data:` addresses are not published"), "{story_errors}");
    assert!(story_errors.contains("hint: use a web address starting with https://"), "{story_errors}");
}

/// The errors once site.yaml is fixed again (a site.yaml error stops the build before content).
fn errors_of_without_site_yaml(root: &Path) -> String {
    let yaml = read(root, "site.yaml").replace("  logo: vbscript:x\n", "");
    write(root, "site.yaml", &yaml);
    errors_of(root)
}

#[test]
fn every_page_carries_a_strict_policy_and_no_inline_style_or_script() {
    let out = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"));
    build_with(sample, &out.path().join("public"), rules(NOW)).unwrap();
    let files = read_tree(&out.path().join("public"));
    let pages: Vec<_> = files.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() > 40);
    for (path, bytes) in pages {
        let page = String::from_utf8_lossy(bytes);
        let policy = page
            .split("<meta http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{path} has no Content-Security-Policy"));
        assert!(
            policy.contains("script-src https://careers.kestrelvale.example/js/search.js;")
                && policy.contains("style-src 'self'"),
            "{path}: {policy}"
        );
        for never in ["unsafe-inline", "unsafe-eval", "data:", "*"] {
            assert!(!policy.contains(never), "{never} in the policy of {path}");
        }
        assert!(page.contains("<meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">"), "{path}");
        assert!(!page.contains("<style"), "inline <style> in {path}");
        assert!(!page.contains(" style=\""), "inline style attribute in {path}");
        // Scripts are files of the site, never inline: structured data aside, each is the theme's.
        assert_eq!(
            page.matches("<script").count(),
            page.matches("<script type=\"application/ld+json\">").count() + page.matches(THEME_SCRIPT).count(),
            "{path}"
        );
    }
    let brand = String::from_utf8(files["css/brand.css"].clone()).unwrap();
    assert!(brand.starts_with(":root{--brand:#"), "{brand}");
}

#[test]
fn a_site_extends_the_policy_for_its_analytics_but_never_with_unsafe_sources() {
    let site = copy_fixture("basic");
    let yaml = read(site.path(), "site.yaml");
    write(
        site.path(),
        "site.yaml",
        &format!("{yaml}content_security_policy:\n  script-src: [https://analytics.example.org]\n  connect-src: [https://analytics.example.org]\n"),
    );
    let out = build_fixture_at(site.path());
    let page = read(&out.path().join("public"), "index.html");
    assert!(page.contains("/js/search.js https://analytics.example.org;"), "{page}");
    assert!(page.contains("connect-src 'self' https://analytics.example.org;"), "{page}");
    write(
        site.path(),
        "site.yaml",
        &format!("{yaml}content_security_policy:\n  script-src:\n    - \"'unsafe-inline'\"\n    - \"*\"\n"),
    );
    let errors = errors_of(site.path());
    assert!(
        errors.contains(
            "site.yaml:18:7: `content_security_policy.script-src`: `'unsafe-inline'` would let injected script run"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("site.yaml:19:7: `content_security_policy.script-src`: `*` would let injected script run"),
        "{errors}"
    );
    write(site.path(), "site.yaml", &format!("{yaml}content_security_policy:\n  scripts-src: [https://a.example]\n"));
    let errors = errors_of(site.path());
    assert!(errors.contains("`content_security_policy.scripts-src`: unknown key `scripts-src`"), "{errors}");
    assert!(errors.contains("did you mean `script-src`?"), "{errors}");
}

fn build_fixture_at(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build_with(root, &out.path().join("public"), rules(NOW)).unwrap();
    out
}

#[test]
fn templates_cannot_read_the_environment() {
    let site = copy_fixture("basic");
    write(
        site.path(),
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ get_env(name=\"HOME\") }}</p>\n{% endblock content %}\n",
    );
    let errors = errors_of(site.path());
    assert!(errors.contains("templates/page.html:3:7: templates cannot read the environment (`get_env`)"), "{errors}");
    // Spread over lines, it is still found.
    write(
        site.path(),
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}<p>{{ get_env\n  (name=\"PATH\") }}</p>{% endblock content %}\n",
    );
    let errors = errors_of(site.path());
    assert!(errors.contains("templates/page.html:2:26: templates cannot read the environment"), "{errors}");
    assert!(!errors.contains("/usr/bin"), "the value is never printed: {errors}");
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn static_files_linked_from_outside_or_into_git_are_not_published() {
        let outer = tempfile::tempdir().unwrap();
        let site = outer.path().join("site");
        copy_dir(&fixture_path("basic"), &site);
        write(outer.path(), "secret.env", "TOKEN=hunter2");
        write(&site, ".git/config", "[remote]\n\turl = https://x-access-token:hunter2@example.org/\n");
        write(&site, "images/ok.png", "png");
        std::fs::create_dir_all(site.join("static")).unwrap();
        symlink(outer.path().join("secret.env"), site.join("static/secret.env")).unwrap();
        symlink(site.join(".git"), site.join("static/repo")).unwrap();
        symlink(site.join("images"), site.join("static/images")).unwrap();
        std::fs::create_dir_all(site.join("static/x")).unwrap();
        symlink("../..", site.join("static/x/siteroot")).unwrap();
        symlink("../site.yaml", site.join("static/site.yaml")).unwrap();
        write(&site, "static/logo.png", "logo");
        symlink("logo.png", site.join("static/logo-copy.png")).unwrap();
        write(&site, "static/.well-known/.git/config", "nested");
        write(&site, "static/.well-known/security.txt", "Contact: mailto:security@example.org");
        write(&site, "static/.private/notes.txt", "hidden");
        let out = tempfile::tempdir().unwrap();
        let report = build_with(&site, &out.path().join("public"), rules(NOW)).unwrap();
        let files = read_tree(&out.path().join("public"));
        assert!(files.contains_key("logo-copy.png"), "a link to a file in the same folder is published");
        assert!(files.contains_key(".well-known/security.txt"), ".well-known is published");
        for path in files.keys() {
            assert!(
                !path.contains("secret")
                    && !path.contains("repo/")
                    && !path.contains(".git")
                    && !path.starts_with("images/")
                    && !path.starts_with("x/")
                    && !path.contains("site.yaml")
                    && !path.contains(".private"),
                "{path} published"
            );
        }
        assert!(files.values().all(|b| !String::from_utf8_lossy(b).contains("hunter2")));
        let warnings = report.warnings.to_string();
        assert!(
            warnings.contains(
                "static/secret.env: this file is not published: it is a link to a file outside the site folder"
            ),
            "{warnings}"
        );
        for folder in ["static/repo", "static/images", "static/x/siteroot"] {
            assert!(
                warnings.contains(&format!(
                    "{folder}: this file is not published: it is a link to a folder, and links to folders are never followed"
                )),
                "{warnings}"
            );
        }
        assert!(
            warnings.contains(
                "static/site.yaml: this file is not published: it is a link to a file outside its own folder"
            ),
            "{warnings}"
        );
        assert!(!warnings.contains("hunter2"));
    }

    #[test]
    fn a_static_folder_that_is_a_link_to_git_publishes_nothing_of_it() {
        let site = copy_fixture("basic");
        write(site.path(), ".git/config", "token hunter2");
        symlink(site.path().join(".git"), site.path().join("static")).unwrap();
        let out = build_fixture_at(site.path());
        let files = read_tree(&out.path().join("public"));
        assert!(!files.contains_key("config"));
        assert!(files.values().all(|b| !String::from_utf8_lossy(b).contains("hunter2")));
    }

    #[test]
    fn a_markdown_link_outside_the_site_is_refused_without_showing_its_target() {
        let outer = tempfile::tempdir().unwrap();
        let site = outer.path().join("site");
        copy_dir(&fixture_path("basic"), &site);
        write(outer.path(), "private.md", "---\ntitle: hunter2\n---\nTOKEN=hunter2\n");
        symlink(outer.path().join("private.md"), site.join("content/leak.md")).unwrap();
        symlink(outer.path().join("private.md"), site.join("content/jobs/leak.md")).unwrap();
        let errors = errors_of(&site);
        assert!(
            errors.contains("content/leak.md: this file is not read: it is a link to a file outside the site folder"),
            "{errors}"
        );
        assert!(errors.contains("content/jobs/leak.md: this file is not read"), "{errors}");
        assert!(!errors.contains("hunter2") && !errors.contains("private.md"), "{errors}");
        std::fs::remove_file(site.join("content/leak.md")).unwrap();
        std::fs::remove_file(site.join("content/jobs/leak.md")).unwrap();
        write(&site, "content/inside.md", "---\ntitle: Inside\n---\nText.\n");
        symlink(site.join("content/inside.md"), site.join("content/also-inside.md")).unwrap();
        let out = build_fixture_at(&site);
        assert!(
            read(&out.path().join("public"), "also-inside/index.html").contains("Inside"),
            "links inside the site still work"
        );
    }

    #[test]
    fn a_content_folder_linked_from_outside_the_site_has_none_of_its_files_read() {
        let outer = tempfile::tempdir().unwrap();
        let site = outer.path().join("site");
        copy_dir(&fixture_path("basic"), &site);
        write(outer.path(), "elsewhere/secret.md", "---\ntitle: hunter2\n---\nTOKEN=hunter2\n");
        std::fs::remove_dir_all(site.join("content/news")).ok();
        symlink(outer.path().join("elsewhere"), site.join("content/news")).unwrap();
        let errors = errors_of(&site);
        assert!(
            errors.contains(
                "content/news/secret.md: this file is not read: it is a link to a file outside the site folder"
            ),
            "{errors}"
        );
        assert!(!errors.contains("hunter2") && !errors.contains("elsewhere"), "{errors}");
    }

    #[test]
    fn templates_linked_from_outside_and_themes_outside_themes_are_refused() {
        let outer = tempfile::tempdir().unwrap();
        let site = outer.path().join("site");
        copy_dir(&fixture_path("basic"), &site);
        write(outer.path(), "evil.html", "{{ site.title }}");
        std::fs::create_dir_all(site.join("templates")).unwrap();
        symlink(outer.path().join("evil.html"), site.join("templates/page.html")).unwrap();
        let errors = errors_of(&site);
        assert!(
            errors.contains(
                "templates/page.html: this template is not used: it is a link to a file outside the site folder"
            ),
            "{errors}"
        );
        std::fs::remove_file(site.join("templates/page.html")).unwrap();
        let yaml = read(&site, "site.yaml");
        write(&site, "site.yaml", &format!("{yaml}theme: ../../outside\n"));
        let errors = errors_of(&site);
        assert!(errors.contains("`theme`: `../../outside` is not the name of a folder under themes/"), "{errors}");
    }
}

#[test]
fn file_names_with_control_characters_are_escaped_in_every_message() {
    let site = copy_fixture("basic");
    write(site.path(), "content/jobs/\u{1b}[2Jgone\u{202e}.md", "---\ntitle: x\n---\n");
    let root = site.path().to_str().unwrap();
    for format in ["human", "github", "json"] {
        let out = jobsite(&["check", "--root", root, "--now", NOW, "--format", format]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "{format}: {text}");
        assert!(text.contains("u{1b}[2Jgone"), "{format}: {text}");
    }
    let out =
        jobsite(&["build", "--root", root, "--now", NOW, "--output", site.path().join("public").to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(!text.contains('\u{1b}') && text.contains("\\u{1b}[2Jgone\\u{202e}.md"), "{text}");
}

/// Whether `text` holds `javascript:` where a browser would read an attribute's address as
/// beginning: after the quote and any ASCII spaces and control characters, which the URL standard
/// trims (other spaces, such as U+00A0, make the address a path on the site).
fn script_address_in_an_attribute(text: &str) -> bool {
    text.match_indices("javascript:").any(|(at, _)| {
        let before = text[..at].trim_end_matches(|c: char| c <= ' ');
        before.ends_with(['"', '\'', '='])
    })
}

#[test]
fn addresses_behind_unicode_spaces_are_published_as_checked_never_as_script() {
    for space in ["\\u00A0", "\\u2000", "\\u2028", "\\u3000", "\\u1680", "\\u202F"] {
        let site = copy_fixture("basic");
        let root = site.path();
        let payload = format!("\"{space}javascript:alert(1)\"");
        let story = read(root, "content/stories/film.md")
            .replace("photo: /images/alex.jpg", &format!("photo: {payload}"))
            .replace("video: /media/alex.mp4", &format!("video: {payload}"))
            .replace("captions: /media/alex.vtt", &format!("captions: {payload}"));
        write(root, "content/stories/film.md", &story);
        let campaign = read(root, "content/campaigns/spring.md").replacen(
            "---\n",
            &format!("---\nimage: {payload}\nimage_alt: x\n"),
            1,
        );
        write(root, "content/campaigns/spring.md", &campaign);
        write(
            root,
            "content/_index.md",
            &format!("---\ntitle: Home\nhero_image: {payload}\nhero_image_alt: x\n---\nWelcome.\n"),
        );
        let yaml = read(root, "site.yaml")
            .replace("  name: Test Council\n", &format!("  name: Test Council\n  logo: {payload}\n"));
        write(root, "site.yaml", &yaml);
        let out = tempfile::tempdir().unwrap();
        build_with(root, &out.path().join("public"), rules(NOW)).unwrap();
        let tree = read_tree(&out.path().join("public"));
        let mut seen = 0;
        for (path, bytes) in &tree {
            let text = String::from_utf8_lossy(bytes);
            seen += text.matches("javascript:").count();
            assert!(!script_address_in_an_attribute(&text), "{space}: {path} publishes a script address");
        }
        assert!(seen > 0, "{space}: the addresses were published as written (as a path on this site)");
    }
}

#[test]
fn a_contact_email_with_extra_recipients_or_parameters_is_an_error() {
    for email in ["jobs@council.gov.uk?bcc=list@evil.example", "a@council.gov.uk,b@evil.example", "jobs%40x.uk"] {
        let site = copy_fixture("basic");
        let advert = read(site.path(), "content/jobs/open-fostering.md")
            .replace("campaign: spring\n", &format!("campaign: spring\ncontact:\n  name: Sam\n  email: \"{email}\"\n"));
        write(site.path(), "content/jobs/open-fostering.md", &advert);
        let errors = errors_of(site.path());
        assert!(errors.contains("`contact.email`:") && errors.contains("is not a plain email address"), "{errors}");
        assert!(errors.contains("hint: write the address alone"), "{errors}");
    }
}

#[test]
fn check_warns_of_static_files_that_can_run_script_until_they_are_listed_as_reviewed() {
    let site = copy_fixture("basic");
    let root = site.path();
    write(root, "static/verify.html", "<script src=/evil.js></script>");
    write(root, "static/evil.js", "alert(1)");
    write(root, "static/images/map.SVG", "<svg onload=alert(1)/>");
    write(root, "static/images/photo.png", "png");
    let check = |root: &Path| {
        let out = jobsite(&["check", "--root", root.to_str().unwrap(), "--now", NOW]);
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    let said = check(root);
    for file in ["static/verify.html", "static/evil.js", "static/images/map.SVG"] {
        assert!(said.contains(file), "{file}: {said}");
    }
    assert!(said.contains("this file can run script in a reader's browser"), "{said}");
    assert!(said.contains("reviewed_static_files: [evil.js]"), "{said}");
    assert!(!said.contains("photo.png"), "{said}");
    let yaml = read(root, "site.yaml");
    write(root, "site.yaml", &format!("{yaml}reviewed_static_files: [verify.html, /images/map.SVG]\n"));
    let said = check(root);
    assert!(said.contains("static/evil.js") && !said.contains("verify.html") && !said.contains("map.SVG"), "{said}");
}
