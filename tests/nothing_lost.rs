//! Nothing lost: a build killed at any moment leaves the output folder holding either the previous
//! build or the new one, whole, never a mix; and the next build after a kill is correct.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KILLS: usize = 50;

/// A copy of the basic fixture with `extra` more vacancies, each title marked with `mark`.
fn site(mark: &str, extra: usize) -> tempfile::TempDir {
    let site = copy_fixture("basic");
    let template = std::fs::read_to_string(site.path().join("content/jobs/open-fostering.md")).unwrap();
    for n in 0..extra {
        let text = template
            .replace("T-001", &format!("K-{n:04}"))
            .replace("Fostering Social Worker", &format!("{mark} role {n}"))
            .replace("campaign: spring\n", "");
        std::fs::write(site.path().join(format!("content/jobs/role-{n:04}.md")), text).unwrap();
    }
    site
}

fn build(root: &Path, output: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_jobsite"))
        .args(["build", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap(), "--now", NOW])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn reference(root: &Path, dir: &Path) -> (BTreeMap<String, Vec<u8>>, Duration) {
    let started = Instant::now();
    assert!(build(root, dir).wait().unwrap().success());
    (read_tree(dir), started.elapsed())
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one_whole() {
    let (a, b) = (site("Alpha", 300), site("Beta", 300));
    let refs = tempfile::tempdir().unwrap();
    let (tree_a, took) = reference(a.path(), &refs.path().join("a"));
    let (tree_b, _) = reference(b.path(), &refs.path().join("b"));
    assert_ne!(tree_a, tree_b);
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    assert!(build(a.path(), &output).wait().unwrap().success());
    let mut seed: u64 = 2026;
    let (mut saw_a, mut saw_b) = (0, 0);
    for i in 0..KILLS {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let delay = Duration::from_micros((seed >> 33) % (took.as_micros() as u64 * 3 / 2 + 1));
        let root = if i % 2 == 0 { b.path() } else { a.path() };
        let mut child = build(root, &output);
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let tree = read_tree(&output);
        if tree == tree_a {
            saw_a += 1;
        } else if tree == tree_b {
            saw_b += 1;
        } else {
            panic!("after a kill at {delay:?} (round {i}) the output is neither build whole");
        }
    }
    assert!(saw_a > 0 && saw_b > 0, "kills landed before and after the swap ({saw_a} old, {saw_b} new)");
    // After all those kills, a build still gives exactly the right site.
    assert!(build(b.path(), &output).wait().unwrap().success());
    assert_eq!(read_tree(&output), tree_b);
    assert!(build(a.path(), &output).wait().unwrap().success());
    assert_eq!(read_tree(&output), tree_a);
}

/// Runs `script` with sh; true when it exits 0.
fn sh(script: &str) -> bool {
    Command::new("sh").args(["-c", script]).status().map(|s| s.success()).unwrap_or(false)
}

#[test]
fn a_full_disk_is_reported_clearly_and_the_previous_site_is_kept() {
    let disk = tempfile::tempdir().unwrap();
    let mount = disk.path().join("disk");
    std::fs::create_dir(&mount).unwrap();
    // A small file system of its own (root can mount one); else a file-size limit makes writes fail
    // the same way.
    let mounted = sh(&format!("mount -t tmpfs -o size=2m tmpfs '{}' 2>/dev/null", mount.display()));
    let output = mount.join("public");
    assert!(build(&fixture_path("basic"), &output).wait().unwrap().success());
    let before = read_tree(&output);
    let big = site("Big", 400);
    let run = if mounted {
        Command::new(env!("CARGO_BIN_EXE_jobsite"))
            .args(["build", "--root", big.path().to_str().unwrap(), "--output", output.to_str().unwrap(), "--now", NOW])
            .output()
            .unwrap()
    } else {
        let script = format!("trap '' XFSZ; ulimit -f 8; exec \"$0\" build --root \"$1\" --output \"$2\" --now {NOW}");
        Command::new("sh")
            .args([
                "-c",
                &script,
                env!("CARGO_BIN_EXE_jobsite"),
                big.path().to_str().unwrap(),
                output.to_str().unwrap(),
            ])
            .output()
            .unwrap()
    };
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    let kept = read_tree(&output) == before;
    if mounted {
        sh(&format!("umount '{}'", mount.display()));
    }
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let expected = if mounted { "No space left on device" } else { "File too large" };
    assert!(stderr.contains("could not write the new site") && stderr.contains(expected), "{stderr}");
    assert!(stderr.contains("check there is free disk space"), "{stderr}");
    assert!(kept, "the previous site is kept");
}
