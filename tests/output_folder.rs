//! The output folder is jobsite's alone: a build never deletes, moves or overwrites a file it did
//! not write, never writes into the site's own folders, and never writes through a link.

mod common;
use common::*;
use jobsite::build::{self, Request};
use std::path::Path;

fn build_into(root: &Path, output: &Path, force: bool) -> Result<String, String> {
    let request = Request {
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        base_url: None,
        rules: rules(NOW),
        force,
        sources: Default::default(),
    };
    build::build(&request).map(|r| r.summary(output)).map_err(|e| e.to_string())
}

#[test]
fn a_folder_jobsite_did_not_make_is_left_alone_unless_forced() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    std::fs::create_dir_all(output.join("photos")).unwrap();
    std::fs::write(output.join("photos/holiday.jpg"), "mine").unwrap();
    let error = build_into(&fixture_path("basic"), &output, false).unwrap_err();
    assert!(error.contains("the output folder already holds files that jobsite did not write"), "{error}");
    assert!(error.contains("hint: choose a new or empty folder with --output, or add --force"), "{error}");
    assert_eq!(read(&output, "photos/holiday.jpg"), "mine");
    let beside: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside, ["public"], "a refused build writes nothing at all, not even its lock");
    build_into(&fixture_path("basic"), &output, true).unwrap();
    assert!(output.join("jobs/open-fostering/index.html").exists());
    assert!(!output.join("photos").exists());
    assert_eq!(read(&output, ".jobsite-output"), jobsite::output_guard::MARKER_TEXT);
    build_into(&fixture_path("basic"), &output, false).expect("jobsite's own folder needs no --force");
}

#[test]
fn an_empty_or_new_folder_needs_no_force_and_then_carries_the_marker() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    std::fs::create_dir(&output).unwrap();
    build_into(&fixture_path("basic"), &output, false).unwrap();
    build_into(&fixture_path("basic"), &output, false).unwrap();
    let spare = out.path().join(".public.jobsite-spare");
    assert!(output.join(".jobsite-output").is_file() && spare.join(".jobsite-output").is_file());
    assert_eq!(read(out.path(), ".public.jobsite-lock"), jobsite::output_guard::MARKER_TEXT);
}

#[test]
fn a_spare_lock_or_record_jobsite_did_not_make_is_left_alone() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let spare = out.path().join(".public.jobsite-spare");
    std::fs::create_dir(&spare).unwrap();
    std::fs::write(spare.join("notes.txt"), "mine").unwrap();
    let error = build_into(&fixture_path("basic"), &output, false).unwrap_err();
    assert!(error.contains(".public.jobsite-spare is in the way"), "{error}");
    assert_eq!(read(&spare, "notes.txt"), "mine");
    std::fs::remove_dir_all(&spare).unwrap();
    std::fs::write(out.path().join(".public.jobsite-lock"), "my lock").unwrap();
    let error = build_into(&fixture_path("basic"), &output, false).unwrap_err();
    assert!(error.contains(".public.jobsite-lock is in the way"), "{error}");
    assert_eq!(read(out.path(), ".public.jobsite-lock"), "my lock");
    std::fs::remove_file(out.path().join(".public.jobsite-lock")).unwrap();
    std::fs::write(out.path().join(".public.jobsite-manifest-b"), "my list").unwrap();
    let error = build_into(&fixture_path("basic"), &output, false).unwrap_err();
    assert!(error.contains(".public.jobsite-manifest-b is in the way"), "{error}");
    assert_eq!(read(out.path(), ".public.jobsite-manifest-b"), "my list");
    // An empty record is one a stopped build had only begun.
    std::fs::write(out.path().join(".public.jobsite-manifest-b"), "").unwrap();
    build_into(&fixture_path("basic"), &output, false).expect("a record only begun is jobsite's");
}

#[test]
fn the_site_folder_and_its_sources_are_never_an_output_even_forced() {
    let site = copy_fixture("basic");
    let root = site.path();
    for output in [
        root.to_path_buf(),
        root.join("content"),
        root.join("content/jobs/out"),
        root.join("static/x"),
        root.join("templates"),
        root.join("themes/t"),
        root.join(".."),
        root.join(".git/x"),
    ] {
        let before = read_tree(root);
        for force in [false, true] {
            let error = build_into(root, &output, force).unwrap_err();
            assert!(
                error.contains("is the site folder or contains it")
                    || error.contains("the output folder is inside the site's"),
                "{} (force {force}): {error}",
                output.display()
            );
        }
        assert_eq!(read_tree(root), before, "{} changed the site", output.display());
    }
    assert!(build_into(root, &root.join("public"), false).is_ok(), "public/ inside the site is fine");
}

#[cfg(unix)]
#[test]
fn outputs_spares_locks_and_records_that_are_links_are_refused_even_forced() {
    use std::os::unix::fs::symlink;
    let out = tempfile::tempdir().unwrap();
    let elsewhere = out.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("keep.txt"), "mine").unwrap();
    for (name, target) in [
        ("public", elsewhere.clone()),
        (".public.jobsite-spare", elsewhere.clone()),
        (".public.jobsite-lock", elsewhere.join("keep.txt")),
        (".public.jobsite-manifest-a", elsewhere.join("keep.txt")),
        (".public.jobsite-manifest-b", elsewhere.join("keep.txt")),
    ] {
        let link = out.path().join(name);
        symlink(&target, &link).unwrap();
        for force in [false, true] {
            let error = build_into(&fixture_path("basic"), &out.path().join("public"), force).unwrap_err();
            assert!(error.contains("is a link, so a build could write somewhere else"), "{name}: {error}");
        }
        std::fs::remove_file(&link).unwrap();
        assert_eq!(read(&elsewhere, "keep.txt"), "mine");
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 1, "nothing written through {name}");
    }
}

#[test]
fn the_command_line_takes_force() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    std::fs::create_dir(&output).unwrap();
    std::fs::write(output.join("index.html"), "hand-made").unwrap();
    let root = fixture_path("basic");
    let args = ["build", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap(), "--now", NOW];
    let refused = jobsite(&args);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("`--output`: the output folder already holds files that jobsite did not write"),
        "{stderr}"
    );
    assert_eq!(read(&output, "index.html"), "hand-made");
    let forced = jobsite(&[&args[..], &["--force"]].concat());
    assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
    assert_ne!(read(&output, "index.html"), "hand-made");
}
