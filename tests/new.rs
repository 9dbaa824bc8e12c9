//! `jobsite new`: every kind of file starts valid, as a draft, with only its placeholders for
//! `check` to point at; references never repeat; nothing is overwritten.

mod common;
use common::*;

fn new(root: &std::path::Path, kind: &str, title: &str) -> std::process::Output {
    jobsite(&["new", kind, title, "--root", root.to_str().unwrap(), "--now", NOW])
}

#[test]
fn every_kind_of_new_file_passes_check_except_for_its_placeholders() {
    for (kind, path) in [
        ("vacancy", "content/jobs/senior-social-worker-fostering.md"),
        ("campaign", "content/campaigns/senior-social-worker-fostering.md"),
        ("story", "content/stories/senior-social-worker-fostering.md"),
        ("news", "content/news/senior-social-worker-fostering.md"),
        ("event", "content/events/senior-social-worker-fostering.md"),
        ("page", "content/senior-social-worker-fostering.md"),
    ] {
        let site = copy_fixture("lints");
        let before = jobsite(&["check", "--root", site.path().to_str().unwrap(), "--now", NOW, "--format", "json"]);
        let out = new(site.path(), kind, "Senior Social Worker: Fostering");
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), site.path().join(path).display().to_string());
        let after = jobsite(&["check", "--root", site.path().to_str().unwrap(), "--now", NOW, "--format", "json"]);
        let added: Vec<serde_json::Value> = String::from_utf8_lossy(&after.stdout)
            .lines()
            .filter(|l| !String::from_utf8_lossy(&before.stdout).contains(*l))
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(!added.is_empty(), "{kind}: the placeholders are pointed out");
        for finding in &added {
            assert_eq!(finding["file"], path, "{kind}: {finding}");
            assert_eq!(finding["rule"], "placeholder", "{kind}: {finding}");
        }
    }
}

#[test]
fn a_new_vacancy_is_a_draft_with_a_fresh_reference_and_sensible_dates() {
    let site = copy_fixture("basic");
    std::fs::write(
        site.path().join("site.yaml"),
        std::fs::read_to_string(site.path().join("site.yaml")).unwrap() + "reference_pattern: \"T-{n:03}\"\n",
    )
    .unwrap();
    assert!(new(site.path(), "vacancy", "Fostering Social Worker (Part-time)").status.success());
    let text = read(site.path(), "content/jobs/fostering-social-worker-part-time.md");
    assert!(text.contains("reference: T-007\n"), "the fixture uses T-001 to T-006");
    assert!(text.contains("posted: 2026-11-22\n") && text.contains("closes: 2026-12-20\n"), "today and four weeks on");
    assert!(text.contains("draft: true\n"));
    assert!(new(site.path(), "vacancy", "Another one").status.success());
    assert!(read(site.path(), "content/jobs/another-one.md").contains("reference: T-008\n"));
    let out = tempfile::tempdir().unwrap();
    build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap();
    assert!(!out.path().join("p/jobs/fostering-social-worker-part-time").exists(), "drafts are not published");
}

#[test]
fn the_default_reference_pattern_uses_the_organisations_initials() {
    let site = copy_fixture("basic");
    assert!(new(site.path(), "vacancy", "Team Manager").status.success());
    assert!(read(site.path(), "content/jobs/team-manager.md").contains("reference: TC-2026-001\n"));
}

#[test]
fn new_refuses_to_overwrite() {
    let site = copy_fixture("basic");
    let out = new(site.path(), "vacancy", "Open Fostering");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert!(read(site.path(), "content/jobs/open-fostering.md").contains("T-001"), "the file is untouched");
}

#[test]
fn placeholders_never_publish_and_the_choices_are_marked_not_made() {
    let site = copy_fixture("basic");
    assert!(new(site.path(), "vacancy", "Family Support Worker").status.success());
    let path = site.path().join("content/jobs/family-support-worker.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("level: Social Worker (ASYE) # REPLACE-ME: choose one of: Social Worker (ASYE), Team Manager\n")
    );
    assert!(text.contains(
        "team: Assessment & Child Protection # REPLACE-ME: choose one of: Assessment & Child Protection, Fostering\n"
    ));
    assert!(text.contains("location: Town Hall # REPLACE-ME: choose one of: Town Hall, Riverside\n"));
    // Published too soon: the build fails at every line still holding a placeholder.
    let text = text.replace("draft: true\n", "");
    std::fs::write(&path, &text).unwrap();
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("REPLACE-ME") && !l.trim_start().starts_with("# "))
        .map(|(n, _)| n + 1)
        .collect();
    assert!(lines.len() >= 8, "{lines:?}");
    let out = tempfile::tempdir().unwrap();
    let errors = build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap_err();
    let found: Vec<usize> = errors
        .0
        .iter()
        .filter(|d| d.file == "content/jobs/family-support-worker.md" && d.rule == Some("placeholder"))
        .map(|d| d.line)
        .collect();
    assert_eq!(found, lines);
    assert!(errors.0.iter().all(|d| d.message == "this line still has REPLACE-ME, so the file cannot be published"));
    assert!(!out.path().join("p").exists());
}

#[test]
fn new_files_name_their_schema_only_when_the_site_opts_in() {
    let site = copy_fixture("basic");
    assert!(new(site.path(), "vacancy", "Without").status.success());
    assert!(!read(site.path(), "content/jobs/without.md").contains("yaml-language-server"));
    let yaml = read(site.path(), "site.yaml");
    std::fs::write(site.path().join("site.yaml"), format!("{yaml}editor_schemas: schemas\n")).unwrap();
    assert!(new(site.path(), "vacancy", "With").status.success());
    assert!(new(site.path(), "page", "About").status.success());
    assert!(read(site.path(), "content/jobs/with.md")
        .starts_with("---\n# yaml-language-server: $schema=../../schemas/vacancy.json\n"));
    assert!(read(site.path(), "content/about.md")
        .starts_with("---\n# yaml-language-server: $schema=../schemas/page.json\n"));
    let out = tempfile::tempdir().unwrap();
    build_with(site.path(), &out.path().join("p"), rules(NOW)).expect("the new drafts still load");
    std::fs::write(site.path().join("site.yaml"), format!("{yaml}editor_schemas: ../elsewhere\n")).unwrap();
    let errors = build_with(site.path(), &out.path().join("q"), rules(NOW)).unwrap_err().to_string();
    assert!(errors.contains("`../elsewhere` is not a folder inside the site"), "{errors}");
}
