//! What the output holds and how it is written: escaping, determinism, atomic replacement,
//! the command line, and the words visitors read.

mod common;
use common::*;
use std::path::Path;

#[test]
fn text_is_escaped_for_html_and_raw_html_in_markdown_passes_through() {
    let out = build_fixture("basic");
    let page = read(&out.path().join("public"), "jobs/escaping/index.html");
    assert!(
        page.contains("<h1>Tom &amp; Jerry&apos;s &lt;b&gt;&quot;Quoted&quot;&lt;/b&gt; Rôle ]]&gt;</h1>"),
        "{page}"
    );
    assert!(page.contains("Summary with &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
    assert!(!page.contains("<script>alert(1)"));
    assert!(page.contains(r#"<span class="raw">raw HTML</span> &amp; an ampersand"#));
    assert!(page.contains(r#"href="https://apply.test.example/x?a=1&amp;b=2""#));
    assert!(page.contains("T-&amp;&lt;007&gt;"));
}

#[test]
fn same_input_and_now_give_byte_identical_output() {
    let a = build_fixture("basic");
    let b = build_fixture("basic");
    assert_eq!(read_tree(&a.path().join("public")), read_tree(&b.path().join("public")));
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (x, y) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_with(sample, &x.path().join("p"), rules(NOW)).unwrap();
    build_with(sample, &y.path().join("p"), rules(NOW)).unwrap();
    assert_eq!(read_tree(&x.path().join("p")), read_tree(&y.path().join("p")));
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let site = copy_fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build_with(site.path(), &output, rules(NOW)).unwrap();
    let before = read_tree(out.path());
    std::fs::write(site.path().join("content/jobs/open-fostering.md"), "---\ntitle: [broken\n---\n").unwrap();
    assert!(build_with(site.path(), &output, rules(NOW)).is_err());
    assert_eq!(read_tree(out.path()), before, "a build that fails on its content writes nothing");
    let mut beside: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    beside.sort();
    assert_eq!(beside, [".public.jobsite-lock", ".public.jobsite-manifest-a", "public"]);
}

#[test]
fn successful_build_replaces_the_output_whole() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build_with(&fixture_path("basic"), &output, rules(NOW)).unwrap();
    std::fs::create_dir_all(output.join("jobs/removed-vacancy")).unwrap();
    std::fs::write(output.join("jobs/removed-vacancy/index.html"), "stale").unwrap();
    build_with(&fixture_path("basic"), &output, rules(NOW)).unwrap();
    assert!(!output.join("jobs/removed-vacancy").exists());
    assert!(output.join("jobs/open-fostering/index.html").exists());
    let spare = out.path().join(".public.jobsite-spare");
    assert!(spare.join("jobs/removed-vacancy/index.html").exists(), "the previous build is kept as the spare");
    build_with(&fixture_path("basic"), &output, rules(NOW)).unwrap();
    assert!(
        !output.join("jobs/removed-vacancy").exists(),
        "a file the build does not make is removed when the spare is reused"
    );
    assert_eq!(read_tree(&output), read_tree(&spare), "the spare now holds the previous, identical build");
}

#[test]
fn cli_builds_prints_one_summary_line_and_honours_base_url() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let run = jobsite(&[
        "build",
        "--root",
        fixture_path("basic").to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--now",
        NOW,
        "--base-url",
        "https://preview.test.example/pr-7",
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("3 open, 1 closed, 3 skipped vacancies"), "{stdout}");
    let page = read(&output, "jobs/open-fostering/index.html");
    assert!(page.contains(r#"<link rel="canonical" href="https://preview.test.example/pr-7/jobs/open-fostering/">"#));
    assert!(page.contains(r#"href="/pr-7/css/site.css""#), "links follow the base URL's path");
}

#[test]
fn cli_has_help_and_version() {
    let help = jobsite(&["build", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in ["--root", "--output", "--base-url", "--now", "--drafts", "--internal"] {
        assert!(text.contains(flag), "{flag} missing from help");
    }
    let version = jobsite(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("jobsite "));
}

#[test]
fn listings_word_salary_hours_and_closing_as_people_do() {
    let out = build_fixture("basic");
    let jobs = read(&out.path().join("public"), "jobs/index.html");
    assert!(jobs.contains("£37,035 to £41,418 a year"));
    assert!(jobs.contains("£28.50 an hour"));
    assert!(jobs.contains("Part-time, 22.5 hours"));
    assert!(jobs.contains("Full-time, 37 hours"));
    assert!(jobs.contains("Closes today"));
    assert!(jobs.contains("Closes 7 December 2026"));
    assert!(jobs.contains("Fixed term"));
}

#[test]
fn team_by_level_view_names_the_open_roles_and_links_taxonomy_pages() {
    let out = build_fixture("basic");
    let jobs = read(&out.path().join("public"), "jobs/index.html");
    let table = &jobs[jobs.find("<table").unwrap()..jobs.find("</table>").unwrap()];
    assert!(
        table.contains(r#"<a href="/jobs/teams/assessment-child-protection/">Assessment &amp; Child Protection</a>"#)
    );
    assert!(table.contains(r#"<a href="/jobs/levels/social-worker-asye/">Social Worker (ASYE)</a>"#));
    assert!(table.contains(r#"<a href="/jobs/open-fostering/">Fostering Social Worker</a>"#));
    assert!(table.contains("None open"));
}

#[test]
fn vacancy_page_shows_campaign_dates_benefits_and_share_links() {
    let out = build_fixture("basic");
    let page = read(&out.path().join("public"), "jobs/open-fostering/index.html");
    assert!(page.contains("<dt>Shortlisting</dt><dd>10 December 2026</dd>"));
    assert!(page.contains("15 December 2026, 16 December 2026"));
    assert!(page.contains(r#"<a href="/benefits/#pay">Good pay</a>"#));
    assert!(page.contains("https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fcareers.test.example%2Fjobs%2Fopen-fostering%2F"));
}

#[test]
fn every_page_has_one_h1_a_skip_link_landmarks_and_the_site_language() {
    let out = build_fixture("basic");
    for (path, bytes) in read_tree(&out.path().join("public")) {
        if !path.ends_with(".html") {
            continue;
        }
        let page = String::from_utf8(bytes).unwrap();
        assert_eq!(page.matches("<h1").count(), 1, "{path}");
        assert!(page.contains(r##"<a class="skip-link" href="#main">"##), "{path}");
        assert!(page.contains(r#"<main id="main""#) && page.contains("<header") && page.contains("<footer"), "{path}");
        assert!(page.contains(r#"<html lang="en-GB">"#), "{path}");
    }
}

#[test]
fn the_bundled_sample_site_builds_with_every_kind_of_content() {
    let out = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = build_with(root, &out.path().join("p"), rules(NOW)).unwrap();
    assert!(report.warnings.0.is_empty(), "{}", report.warnings);
    assert!(report.open + report.closed + report.skipped >= 20);
    assert!(report.closed >= 1 && report.skipped >= 3);
    let p = out.path().join("p");
    for page in [
        "index.html",
        "jobs/index.html",
        "stories/index.html",
        "benefits/index.html",
        "news/index.html",
        "events/index.html",
        "accessibility/index.html",
        "refer-a-friend/index.html",
        "register-interest/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(p.join(page).exists(), "{page}");
    }
}

/// Linux only: the one-step exchange keeps the previous build's folder for reuse.
#[cfg(target_os = "linux")]
#[test]
fn unchanged_files_are_not_written_again() {
    use std::os::unix::fs::MetadataExt;
    let site = copy_fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build_with(site.path(), &output, rules(NOW)).unwrap();
    let page = |name: &str| std::fs::metadata(output.join(name)).unwrap();
    let (stable, changing) = (page("benefits/index.html"), page("jobs/open-fostering/index.html"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    build_with(site.path(), &output, rules(NOW)).unwrap();
    let path = site.path().join("content/jobs/open-fostering.md");
    std::fs::write(&path, std::fs::read_to_string(&path).unwrap().replace("Advert for", "Changed advert for")).unwrap();
    build_with(site.path(), &output, rules(NOW)).unwrap();
    // The third build reuses the first build's folder: the unchanged page is the very same file.
    let after = page("benefits/index.html");
    assert_eq!((after.ino(), after.mtime_nsec()), (stable.ino(), stable.mtime_nsec()));
    let changed = page("jobs/open-fostering/index.html");
    assert_eq!(changed.ino(), changing.ino(), "a changed file is overwritten in place");
    assert!(read(&output, "jobs/open-fostering/index.html").contains("Changed advert for"));
}

/// Overwrites `path` with `bytes` of the same length and puts its modification time back: the
/// one change a record of lengths and times cannot see (nor can git's index or rsync's quick
/// check), so a build that still publishes `bytes` did not read the file.
fn change_unseen(path: &Path, bytes: &[u8]) {
    let time = std::fs::metadata(path).unwrap().modified().unwrap();
    assert_eq!(std::fs::metadata(path).unwrap().len(), bytes.len() as u64);
    std::fs::write(path, bytes).unwrap();
    std::fs::File::options().write(true).open(path).unwrap().set_modified(time).unwrap();
}

#[test]
fn a_rebuild_judges_unchanged_files_by_the_record_beside_the_output_without_reading_them() {
    let site = copy_fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let spare = out.path().join(".public.jobsite-spare");
    for _ in 0..2 {
        build_with(site.path(), &output, rules(NOW)).unwrap();
    }
    let page = "benefits/index.html";
    let real = std::fs::read(output.join(page)).unwrap();
    assert_eq!(std::fs::read(spare.join(page)).unwrap(), real);
    let unseen = vec![b'x'; real.len()];
    change_unseen(&spare.join(page), &unseen);
    build_with(site.path(), &output, rules(NOW)).unwrap();
    assert_eq!(std::fs::read(output.join(page)).unwrap(), unseen, "the spare's copy was taken on its record");
    // Without the records, every file is read and compared, and the page is put right.
    for slot in ["a", "b"] {
        let _ = std::fs::remove_file(out.path().join(format!(".public.jobsite-manifest-{slot}")));
    }
    change_unseen(&spare.join(page), &unseen);
    build_with(site.path(), &output, rules(NOW)).unwrap();
    assert_eq!(std::fs::read(output.join(page)).unwrap(), real);
}

#[test]
fn a_file_edited_by_hand_in_the_output_is_put_right_by_the_next_builds() {
    let site = copy_fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    for _ in 0..2 {
        build_with(site.path(), &output, rules(NOW)).unwrap();
    }
    let before = read_tree(&output);
    let page = "jobs/open-fostering/index.html";
    let feed = "jobs/feed.xml";
    for name in [page, feed] {
        // Same length, new time: as an editor's save would leave it.
        let text = std::fs::read(output.join(name)).unwrap();
        std::fs::write(output.join(name), vec![b'x'; text.len()]).unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(20));
    for _ in 0..3 {
        build_with(site.path(), &output, rules(NOW)).unwrap();
        assert_eq!(read_tree(&output), before);
    }
}

#[test]
fn two_builds_never_write_the_same_output_at_once() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build_with(&fixture_path("basic"), &output, rules(NOW)).unwrap();
    let lock = std::fs::File::open(out.path().join(".public.jobsite-lock")).unwrap();
    lock.lock().unwrap();
    let before = read_tree(&output);
    let errors = build_with(&fixture_path("basic"), &output, rules(NOW)).unwrap_err();
    assert!(errors.to_string().contains("another jobsite build is writing this output folder"), "{errors}");
    assert_eq!(read_tree(&output), before);
}

#[test]
fn a_crowded_cell_of_the_team_and_level_table_lists_six_roles_and_links_to_the_rest() {
    let site = copy_fixture("basic");
    let jobs = site.path().join("content/jobs");
    let text = std::fs::read_to_string(jobs.join("open-fostering.md")).unwrap();
    for n in 0..9 {
        let copy = text
            .replace("T-001", &format!("T-2{n:02}"))
            .replace("Fostering Social Worker", &format!("Crowded role {n}"));
        std::fs::write(jobs.join(format!("crowded-{n}.md")), copy).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build_with(site.path(), &output, rules(NOW)).unwrap();
    let page = read(&output, "jobs/index.html");
    let table = page.split("<table class=\"matrix\">").nth(1).unwrap().split("</table>").next().unwrap();
    // Ten roles share the cell (the original and nine copies): six are listed, four counted.
    let cell = table.split("<td>").find(|c| c.contains("Crowded role")).unwrap();
    assert_eq!(cell.matches("<li>").count(), 6, "{cell}");
    assert!(cell.contains(">4 more Fostering roles</a>"), "{cell}");
    assert!(cell.contains("href=\"/jobs/teams/fostering/\""), "{cell}");
    // Every role is still listed below the table and on the team page.
    assert_eq!(page.matches("Crowded role").count() - cell.matches("Crowded role").count(), 9);
}

#[test]
fn site_statements_follow_every_advert_on_the_page_and_in_every_board_copy() {
    let out = tempfile::tempdir().unwrap();
    let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    build_with(site, &out.path().join("public"), rules(NOW)).unwrap();
    let public = out.path().join("public");
    let page = read(&public, "jobs/social-worker-child-protection-harwood/index.html");
    let advert_end = page.find("<div class=\"advert\">").unwrap();
    for title in ["Keeping children safe", "Equality and inclusion", "Guaranteed interview"] {
        let heading = page.find(&format!(">{title}</h2>")).unwrap_or_else(|| panic!("{title} on the page"));
        assert!(heading > advert_end, "{title} comes after the advert");
        assert!(read(&public, "jobs/feed.json").contains(&format!("<h2>{title}</h2>")), "{title} in JSON Feed");
        assert!(read(&public, "jobs/indeed.xml").contains(&format!("<h2>{title}</h2>")), "{title} in Indeed");
        assert!(read(&public, "jobs/find-a-job.xml").contains(title), "{title} in the DWP file");
    }
    let jsonld = page.split("<script type=\"application/ld+json\">").nth(1).unwrap();
    assert!(jsonld.contains("Disability Confident"), "the JobPosting description carries the statements");
    let closed = read(&public, "jobs/team-manager-children-in-care/index.html");
    assert!(!closed.contains("Guaranteed interview"), "a closed notice has no advert and no statements");
}

#[test]
fn find_a_job_reads_every_word_the_advert_page_shows_block_by_block() {
    let site = copy_fixture("basic");
    let file = site.path().join("content/jobs/open-fostering.md");
    let body = "## Pay &amp; grades\n\n| Grade | Pay |\n|---|---|\n| SW1 | £37,035 |\n\n- Supervision\n- Training\n  - Nested\n\n```\nCase notes\n```\n\n<div>Written in HTML</div>\n\n> Quoted\n> words\n\n![Our team at Harwood Hub](/images/team.png)\n";
    let text = read(site.path(), "content/jobs/open-fostering.md").replace("Advert for Fostering Social Worker.", body);
    std::fs::write(file, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    build_with(site.path(), out.path(), rules(NOW)).unwrap();
    let dwp = read(out.path(), "jobs/find-a-job.xml");
    let from = dwp.find("vacancyRefCode=\"T-001\"").expect("listed");
    let vacancy = &dwp[from..from + dwp[from..].find("</Vacancy>").unwrap()];
    let expected = "Pay &amp; grades\n\nGrade Pay\n\nSW1 £37,035\n\n• Supervision\n• Training\n• Nested\n\nCase notes\n\nWritten in HTML\n\nQuoted words\n\nOur team at Harwood Hub</Description>";
    assert!(vacancy.contains(expected), "{vacancy}");
}

#[test]
fn content_index_leads_the_home_page_and_is_no_page_of_its_own() {
    let plain = build_fixture("basic");
    let home = read(&plain.path().join("public"), "index.html");
    assert!(home.contains("<h1>Test Council Careers</h1>"), "without _index.md the theme's wording stays");

    let site = copy_fixture("basic");
    std::fs::write(
        site.path().join("content/_index.md"),
        "---\ntitle: Social work that changes lives\nsummary: We keep caseloads manageable.\n---\nCome & see how we *work*.\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    build_with(site.path(), out.path(), rules(NOW)).unwrap();
    let home = read(out.path(), "index.html");
    assert!(home.contains("<h1>Social work that changes lives</h1>"), "{home}");
    assert!(home.contains("<p class=\"lead\">We keep caseloads manageable.</p>"));
    assert!(home.contains("<p>Come &amp; see how we <em>work</em>.</p>"));
    assert!(!out.path().join("_index").exists() && !read(out.path(), "sitemap.xml").contains("_index"));

    // A draft message is not published.
    let draft = read(site.path(), "content/_index.md").replace("---\ntitle:", "---\ndraft: true\ntitle:");
    std::fs::write(site.path().join("content/_index.md"), draft).unwrap();
    build_with(site.path(), out.path(), rules(NOW)).unwrap();
    assert!(read(out.path(), "index.html").contains("<h1>Test Council Careers</h1>"));
}
