//! `jobsite check`: every lint fires where it should and nowhere else, the three output formats
//! are exact, and the exit code follows errors (and warnings with --strict).

mod common;
use common::*;

fn check(fixture: &str, extra: &[&str]) -> std::process::Output {
    let root = fixture_path(fixture);
    let mut args = vec!["check", "--root", root.to_str().unwrap(), "--now", NOW];
    args.extend_from_slice(extra);
    jobsite(&args)
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn every_lint_fires_where_it_should_and_nowhere_else() {
    let out = check("lints", &["--format", "json"]);
    let found: Vec<(String, u64, String, String)> = stdout(&out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["file"].as_str().unwrap().to_string(),
                v["line"].as_u64().unwrap(),
                v["rule"].as_str().unwrap().to_string(),
                v["level"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("content/about.md", 0, "not-linted", "note"),
        ("content/about.md", 3, "placeholder", "error"),
        ("content/about.md", 5, "placeholder", "error"),
        ("content/campaigns/empty.md", 1, "empty-campaign", "warning"),
        ("content/draft-page.md", 5, "placeholder", "warning"),
        ("content/jobs/closed-featured.md", 14, "closed-featured", "warning"),
        ("content/jobs/links.md", 17, "broken-link", "error"),
        ("content/jobs/links.md", 17, "broken-link", "error"),
        ("content/jobs/links.md", 19, "link-text", "warning"),
        ("content/jobs/links.md", 19, "link-text", "warning"),
        ("content/jobs/links.md", 21, "broken-link", "error"),
        ("content/jobs/links.md", 23, "image-alt", "error"),
        ("content/jobs/links.md", 25, "heading-level", "warning"),
        ("content/jobs/logic.md", 9, "hours", "warning"),
        ("content/jobs/logic.md", 12, "closing-soon", "note"),
        ("content/jobs/logic.md", 13, "dates", "warning"),
        ("content/jobs/logic.md", 13, "dates", "warning"),
        ("content/jobs/logic.md", 14, "dates", "warning"),
        ("content/jobs/logic.md", 15, "apply-https", "warning"),
        ("content/jobs/rolling-due.md", 13, "rolling-review", "warning"),
        ("content/jobs/rolling-old.md", 12, "rolling-review", "warning"),
        ("content/jobs/unlikely.md", 8, "unlikely", "warning"),
        ("content/jobs/unlikely.md", 9, "unlikely", "warning"),
        ("content/jobs/unlikely.md", 12, "unlikely", "warning"),
        ("content/jobs/unlikely.md", 13, "unlikely", "warning"),
        ("site.yaml", 1, "share-image", "warning"),
    ];
    let expected: Vec<_> =
        expected.iter().map(|(f, l, r, s)| (f.to_string(), *l, r.to_string(), s.to_string())).collect();
    assert_eq!(found, expected);
    assert!(!found.iter().any(|(f, ..)| f.contains("fine.md") || f.contains("busy.md") || f.contains("pay.md")));
    let unlikely = stdout(&out).lines().filter(|l| l.contains("unlikely.md")).map(String::from).collect::<Vec<_>>();
    assert!(unlikely[0]
        .contains("\"message\":\"£3,703 a year is less than the lowest believable full-time pay (£12,000 a year)\""));
    assert!(unlikely[1].contains("the maximum, £9,000, is more than twice the minimum, £3,703"));
    assert!(unlikely[2].contains("this open vacancy was posted more than a year ago, on 1 October 2025"));
    assert!(unlikely[3].contains("the closing date, 31 January 2027, is more than a year after the posting date"));
    assert!(!out.status.success(), "errors fail the check");
}

#[test]
fn the_human_format_shows_the_line_with_a_marker() {
    let out = check("lints", &[]);
    assert_snapshot("check/lints-human.txt", &stdout(&out));
}

#[test]
fn the_json_format_is_one_object_per_finding() {
    assert_snapshot("check/lints.jsonl", &stdout(&check("lints", &["--format", "json"])));
}

#[test]
fn the_github_format_prints_workflow_annotations() {
    assert_snapshot("check/lints-github.txt", &stdout(&check("lints", &["--format", "github"])));
}

#[test]
fn warnings_alone_pass_unless_strict() {
    let out = check("basic", &[]);
    // The basic fixture has no share image.
    assert!(stdout(&out).ends_with("0 errors, 2 warnings, 1 note\n"), "{}", stdout(&out));
    assert!(out.status.success());
    assert!(!check("basic", &["--strict"]).status.success());
}

#[test]
fn build_errors_are_check_errors_and_nothing_is_written() {
    let site = copy_fixture("invalid");
    let out = jobsite(&["check", "--root", site.path().to_str().unwrap(), "--now", NOW, "--format", "github"]);
    assert!(!out.status.success());
    let text = stdout(&out);
    assert!(text.contains("::error file=content/jobs/typo-key.md,line=12,col=1,title=closing::`closing`: unknown key `closing`%0Ahint: did you mean `closes`?"), "{text}");
    assert_eq!(text.lines().filter(|l| l.starts_with("::error")).count(), 14);
    assert_eq!(text.lines().filter(|l| l.contains("title=not-linted::")).count(), 8, "one per file left out");
    assert!(!site.path().join("public").exists());
}

#[test]
fn the_sample_site_passes_its_own_check() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = jobsite(&["check", "--root", root.to_str().unwrap(), "--now", NOW, "--strict"]);
    assert!(out.status.success(), "{}", stdout(&out));
}

#[test]
fn impossible_salaries_hours_and_dates_are_errors() {
    let site = copy_fixture("lints");
    let path = site.path().join("content/jobs/fine.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("  min: 37035", "  min: 37035\n  max: 30000")
        .replace("hours: 37", "hours: 0")
        .replace("closes: 2026-12-07", "closes: 2026-10-07");
    std::fs::write(&path, text).unwrap();
    let out = jobsite(&["check", "--root", site.path().to_str().unwrap(), "--now", NOW, "--format", "json"]);
    assert!(!out.status.success());
    let fields: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["file"] == "content/jobs/fine.md" && v["level"] == "error")
        .map(|v| v["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["salary.max", "hours", "closes"]);
}

/// Each finding of `check --format json` on `site` as (file, level, message, hint).
fn findings(site: &std::path::Path) -> Vec<(String, String, String, String)> {
    let out = jobsite(&["check", "--root", site.to_str().unwrap(), "--now", NOW, "--format", "json"]);
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| {
            let text = |k: &str| v[k].as_str().unwrap_or("").to_string();
            (text("file"), text("level"), text("message"), text("hint"))
        })
        .collect()
}

#[test]
fn files_that_will_not_be_published_are_pointed_out_with_what_to_do() {
    let site = copy_fixture("basic");
    let content = site.path().join("content");
    std::fs::write(content.join("jobs/Family Support Worker.MD"), "x").unwrap();
    std::fs::write(content.join("jobs/fostering.markdown"), "x").unwrap();
    std::fs::write(content.join("news/notes.txt"), "x").unwrap();
    std::fs::write(content.join("Our Offer.docx"), "x").unwrap();
    std::fs::write(content.join(".DS_Store"), "x").unwrap();
    std::fs::create_dir(content.join("jobs/2025")).unwrap();
    let not_published = "this file is not published: only files ending in .md are read";
    let found: Vec<_> = findings(site.path()).into_iter().filter(|f| f.2.contains("not published")).collect();
    let expected = [
        (
            "content/Our Offer.docx",
            not_published,
            "jobsite reads markdown only: copy the text into a new file `our-offer.md` (`jobsite new` starts one)",
        ),
        (
            "content/jobs/2025",
            "this folder is not read, so its files are not published",
            "move its files up into the content folder: folders inside it are not read",
        ),
        ("content/jobs/Family Support Worker.MD", not_published, "rename it to `family-support-worker.md`"),
        ("content/jobs/fostering.markdown", not_published, "rename it to `fostering.md`"),
        ("content/news/notes.txt", not_published, "rename it to `notes.md`"),
    ];
    let expected: Vec<_> =
        expected.iter().map(|(f, m, h)| (f.to_string(), "warning".to_string(), m.to_string(), h.to_string())).collect();
    assert_eq!(found, expected);
}

#[test]
fn a_file_with_errors_hides_no_other_files_findings() {
    let site = copy_fixture("lints");
    let fine = site.path().join("content/jobs/fine.md");
    std::fs::write(&fine, std::fs::read_to_string(&fine).unwrap().replace("hours: 37", "hours: lots")).unwrap();
    std::fs::write(
        site.path().join("content/extra.md"),
        "---\ntitle: Extra\n---\nSee [the team](/jobs/fine/#the-team).\n",
    )
    .unwrap();
    let found = findings(site.path());
    let of =
        |file: &str| found.iter().filter(|f| f.0 == file).map(|f| (f.1.as_str(), f.2.as_str())).collect::<Vec<_>>();
    let fine = of("content/jobs/fine.md");
    assert_eq!(fine.len(), 2, "{fine:?}");
    assert_eq!(fine[0], ("note", "not checked for broken links, alt text or headings until its errors are fixed"));
    assert!(fine[1].0 == "error" && fine[1].1.starts_with("expected the hours a week"), "{fine:?}");
    // Every other file's findings, as when nothing is broken.
    assert_eq!(of("content/jobs/links.md").len(), 7);
    assert_eq!(of("content/jobs/logic.md").len(), 6);
    assert!(of("content/extra.md").is_empty(), "a link to the page of a file with errors is not broken");
    let human = jobsite(&["check", "--root", site.path().to_str().unwrap(), "--now", NOW]);
    let text = stdout(&human);
    assert!(
        text.trim_end().ends_with(
            "; 2 files with errors were not checked for links, alt text or headings: fix them and check again"
        ),
        "{text}"
    );
}

#[test]
fn an_unknown_workplace_is_reported_at_its_own_line_with_how_to_add_one() {
    let site = copy_fixture("basic");
    let edit = |file: &str, to: &str| {
        let path = site.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap().replace("location: Town Hall\n", to);
        std::fs::write(path, text).unwrap();
    };
    edit("content/jobs/open-fostering.md", "location:\n  - Town Hall\n  - Riverbank Centre\n");
    edit("content/jobs/closes-today.md", "location: Town Hal\n");
    let out = jobsite(&["check", "--root", site.path().to_str().unwrap(), "--now", NOW, "--format", "json"]);
    let errors: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["level"] == "error")
        .collect();
    let add = "workplaces are listed under `locations:` in site.yaml (Town Hall, Riverside); to add one, give it a `name` and `postcode` there";
    let seen: Vec<(&str, u64, &str, &str)> = errors
        .iter()
        .map(|v| {
            (
                v["file"].as_str().unwrap(),
                v["line"].as_u64().unwrap(),
                v["message"].as_str().unwrap(),
                v["hint"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "content/jobs/closes-today.md",
                6,
                "`Town Hal` is not one of the site's workplaces",
                &*format!("did you mean `Town Hall`? {add}")
            ),
            ("content/jobs/open-fostering.md", 8, "`Riverbank Centre` is not one of the site's workplaces", add),
        ]
    );
}
