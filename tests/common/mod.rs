//! Helpers shared by the integration tests: copy a fixture site, build it, read what came out.
#![allow(dead_code)] // Each test file uses a different subset.

use jobsite::build::{self, BuildSummary, Request};
use jobsite::diagnostics::Diagnostics;
use jobsite::publish::Rules;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub mod portal;

pub const NOW: &str = "2026-11-22T12:00:00Z";

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A private copy of a fixture site, so a test may edit it.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_path(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn rules(now: &str) -> Rules {
    Rules { now: now.parse().unwrap(), drafts: false, internal: false }
}

pub fn build_with(root: &Path, output: &Path, rules: Rules) -> Result<BuildSummary, Diagnostics> {
    build::build(&Request {
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        base_url: None,
        rules,
        force: false,
        sources: build::Fetching { offline: false, keep: true, ..Default::default() },
    })
}

/// Builds fixture `name` at `NOW` into a fresh folder and returns that folder. The fixture is
/// copied out of this repository first: inside it, its files' commit times would be its
/// `updated` dates, and the output would change with the project's own history.
pub fn build_fixture(name: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    copy_dir(&fixture_path(name), &site);
    let output = out.path().join("public");
    build_with(&site, &output, rules(NOW)).expect("fixture builds");
    out
}

/// Every file under `dir`, by path relative to it.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Runs the `jobsite` binary.
pub fn jobsite(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jobsite")).args(args).output().unwrap()
}

/// Compares `actual` with the file `tests/snapshots/<name>`. Run with `UPDATE_SNAPSHOTS=1` to
/// write the file instead, then review the difference with `git diff`.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no snapshot {name}; run UPDATE_SNAPSHOTS=1 cargo test to create it"));
    if expected != actual {
        let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{name} differs from its snapshot from line {}:\n  expected: {:?}\n  actual:   {:?}\n(run UPDATE_SNAPSHOTS=1 cargo test to accept)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}
