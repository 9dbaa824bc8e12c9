//! What a contributor commits inside or beside the output folder cannot make a build write or
//! read outside it: links inside a reused spare or an old output are removed, never followed,
//! and folders that git tracks are never reused.

mod common;
use common::*;
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::symlink;

/// Runs git in `root`, as a contributor's commit would be made.
fn git(root: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=Contributor", "-c", "user.email=c@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn build(root: &Path, extra: &[&str]) -> std::process::Output {
    let root = root.to_str().unwrap();
    jobsite(&[&["build", "--root", root, "--output", &format!("{root}/public"), "--now", NOW], extra].concat())
}

fn succeeded(out: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

/// A victim folder beside the site, and a copy of `.git/config`, to compare after the builds.
fn victim(root: &Path) -> std::path::PathBuf {
    let victim = root.parent().unwrap().join(format!("{}-victim", root.file_name().unwrap().to_string_lossy()));
    std::fs::create_dir_all(&victim).unwrap();
    std::fs::write(victim.join("keep.txt"), "not jobsite's").unwrap();
    victim
}

fn victim_untouched(victim: &Path) {
    let names: Vec<_> = std::fs::read_dir(victim).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["keep.txt"], "nothing was written into the victim folder");
    assert_eq!(read(victim, "keep.txt"), "not jobsite's");
}

#[cfg(unix)]
#[test]
fn a_committed_spare_with_links_is_never_written_through_and_the_site_is_published_whole() {
    let site = copy_fixture("basic");
    let root = site.path();
    let victim = victim(root);
    git(root, &["init", "-q"]);
    std::fs::write(root.join(".gitignore"), "/public/\n/.public.jobsite-*\n").unwrap();
    // The contributor's pull request: a spare with jobsite's marker, a link to git's settings and
    // a link for the jobs folder, and a static file of the linked name to write through it.
    let spare = root.join(".public.jobsite-spare");
    std::fs::create_dir_all(&spare).unwrap();
    std::fs::write(spare.join(".jobsite-output"), jobsite::output_guard::MARKER_TEXT).unwrap();
    symlink("../.git/config", spare.join("gitcfg")).unwrap();
    symlink(&victim, spare.join("jobs")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/gitcfg"), "[core]\n\tfsmonitor = touch /tmp/owned\n").unwrap();
    git(root, &["add", "-A"]);
    git(root, &["add", "-f", ".public.jobsite-spare"]);
    git(root, &["commit", "-q", "-m", "pull request"]);
    let config = std::fs::read(root.join(".git/config")).unwrap();
    for _ in 0..2 {
        let stderr = succeeded(&build(root, &[]));
        assert!(stderr.contains("this folder is committed to git, so jobsite did not use it"), "{stderr}");
        assert!(stderr.contains("git rm -r --cached"), "{stderr}");
    }
    assert_eq!(std::fs::read(root.join(".git/config")).unwrap(), config, ".git/config is byte-identical");
    victim_untouched(&victim);
    assert!(root.join("public/jobs/open-fostering/index.html").is_file(), "/jobs/ is published");
    assert!(std::fs::symlink_metadata(root.join("public/jobs")).unwrap().is_dir());
    assert!(root.join("public/gitcfg").is_file(), "the static file is published as a file");
    assert_eq!(git(root, &["status", "--porcelain"]), "", "the committed files are untouched");
    assert!(!root.join(".public.jobsite-fresh").exists(), "the previous build is deleted, not kept");
}

#[cfg(unix)]
#[test]
fn links_left_in_a_spare_or_old_output_are_removed_before_anything_is_written() {
    let site = copy_fixture("basic");
    let root = site.path();
    let victim = victim(root);
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/gitcfg"), "static file").unwrap();
    succeeded(&build(root, &[]));
    succeeded(&build(root, &[]));
    // Outside any repository the spare and the output are jobsite's, but what is in them is
    // still not trusted: links named as the files and folders the build writes.
    for folder in [root.join(".public.jobsite-spare"), root.join("public")] {
        std::fs::remove_file(folder.join("gitcfg")).unwrap();
        symlink(victim.join("keep.txt"), folder.join("gitcfg")).unwrap();
        std::fs::remove_file(folder.join("robots.txt")).unwrap();
        symlink(victim.join("keep.txt"), folder.join("robots.txt")).unwrap();
        std::fs::remove_dir_all(folder.join("jobs")).unwrap();
        symlink(&victim, folder.join("jobs")).unwrap();
        std::fs::remove_dir_all(folder.join("news")).unwrap();
        std::fs::create_dir(folder.join("news")).unwrap();
        symlink(&victim, folder.join("news/index.html")).unwrap();
    }
    let before = read_tree(&root.join("public"));
    assert!(before.is_empty() || before.keys().any(|k| k.ends_with(".html")));
    for _ in 0..3 {
        succeeded(&build(root, &[]));
        victim_untouched(&victim);
    }
    for folder in [root.join(".public.jobsite-spare"), root.join("public")] {
        for entry in walkdir::WalkDir::new(&folder) {
            let entry = entry.unwrap();
            assert!(!entry.path_is_symlink(), "{} is a link", entry.path().display());
        }
        assert!(folder.join("jobs/open-fostering/index.html").is_file());
        assert_eq!(read(&folder, "gitcfg"), "static file");
        assert!(read(&folder, "robots.txt").contains("Sitemap"));
    }
}

#[cfg(unix)]
#[test]
fn a_hard_linked_file_in_the_spare_is_replaced_not_written_through() {
    let site = copy_fixture("basic");
    let root = site.path();
    let victim = victim(root);
    succeeded(&build(root, &[]));
    succeeded(&build(root, &[]));
    let spare = root.join(".public.jobsite-spare");
    std::fs::remove_file(spare.join("robots.txt")).unwrap();
    std::fs::hard_link(victim.join("keep.txt"), spare.join("robots.txt")).unwrap();
    succeeded(&build(root, &[]));
    assert_eq!(read(&victim, "keep.txt"), "not jobsite's");
    assert!(read(&root.join("public"), "robots.txt").contains("Sitemap"));
}

#[cfg(unix)]
#[test]
fn a_committed_output_folder_is_refused_unless_forced_and_its_links_are_never_followed() {
    let site = copy_fixture("basic");
    let root = site.path();
    let victim = victim(root);
    git(root, &["init", "-q"]);
    let public = root.join("public");
    std::fs::create_dir_all(&public).unwrap();
    std::fs::write(public.join(".jobsite-output"), jobsite::output_guard::MARKER_TEXT).unwrap();
    symlink(victim.join("keep.txt"), public.join("robots.txt")).unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "pull request"]);
    let refused = build(root, &[]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("the output folder holds files committed to git"), "{stderr}");
    assert!(stderr.contains("git rm -r --cached"), "{stderr}");
    assert!(std::fs::symlink_metadata(public.join("robots.txt")).unwrap().file_type().is_symlink());
    for _ in 0..3 {
        succeeded(&build(root, &["--force"]));
        victim_untouched(&victim);
    }
    assert!(read(&public, "robots.txt").contains("Sitemap"));
}

#[test]
fn jobsite_s_working_files_committed_to_git_are_refused() {
    let site = copy_fixture("basic");
    let root = site.path();
    git(root, &["init", "-q"]);
    std::fs::write(root.join(".public.jobsite-lock"), jobsite::output_guard::MARKER_TEXT).unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "lock"]);
    for extra in [&[][..], &["--force"][..]] {
        let refused = build(root, extra);
        assert_eq!(refused.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(stderr.contains(".public.jobsite-lock is committed to git"), "{stderr}");
    }
    assert!(!root.join("public").exists());
}
