//! Hostile input: each file gives a clear error (or a correct build), never a panic, a hang or
//! runaway memory. Each case runs the real binary with a time limit and a memory limit.
//! Unix only: links, named pipes and resource limits are made with Unix calls.
#![cfg(unix)]

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIME_LIMIT: Duration = Duration::from_secs(60);
/// Address-space limit for the build, in KiB (2 GiB).
const MEMORY_LIMIT_KIB: u64 = 2 * 1024 * 1024;

struct Outcome {
    code: Option<i32>,
    stderr: String,
}

/// Builds `root` under a memory limit, killing it if it runs past the time limit.
fn build_limited(root: &Path) -> Outcome {
    let out = tempfile::tempdir().unwrap();
    let script = format!("ulimit -v {MEMORY_LIMIT_KIB}; exec \"$0\" build --root \"$1\" --output \"$2\" --now {NOW}");
    let mut child = Command::new("sh")
        .args([
            "-c",
            &script,
            env!("CARGO_BIN_EXE_jobsite"),
            root.to_str().unwrap(),
            out.path().join("p").to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
            return Outcome { code: status.code(), stderr };
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("the build hung on {}", root.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A copy of the basic fixture with `content/jobs/hostile.md` written as `bytes`.
fn site_with(bytes: &[u8]) -> tempfile::TempDir {
    let site = copy_fixture("basic");
    std::fs::write(site.path().join("content/jobs/hostile.md"), bytes).unwrap();
    site
}

fn vacancy(front: &str, body: &str) -> Vec<u8> {
    format!("---\ntitle: Hostile\nreference: H-1\nlevel: Team Manager\nteam: Fostering\nlocation: Town Hall\nsalary:\n  min: 30000\nhours: 37\ncontract: permanent\nposted: 2026-11-01\ncloses: 2026-12-07\napply_url: https://apply.example/h\n{front}---\n{body}").into_bytes()
}

/// The build ends with a clear error naming the file (exit 1), not a crash.
fn assert_clear_error(site: &tempfile::TempDir, words: &str) {
    let o = build_limited(site.path());
    assert_eq!(o.code, Some(1), "expected a clear error, got {:?}: {}", o.code, o.stderr);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    assert!(o.stderr.contains("content/jobs/hostile.md"), "{}", o.stderr);
    assert!(o.stderr.contains(words), "expected `{words}` in: {}", o.stderr);
}

fn assert_builds(site: &tempfile::TempDir) {
    let o = build_limited(site.path());
    assert_eq!(o.code, Some(0), "{}", o.stderr);
}

#[test]
fn an_empty_file_is_an_error() {
    assert_clear_error(&site_with(b""), "this file has no front matter");
}

#[test]
fn front_matter_never_closed_is_an_error() {
    assert_clear_error(&site_with(b"---\ntitle: Open\nreference: X\n"), "the front matter is never closed");
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_build() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(String::from_utf8(vacancy("", "Body.\n")).unwrap().replace('\n', "\r\n").into_bytes());
    assert_builds(&site_with(&bytes));
}

#[test]
fn tabs_in_yaml_are_an_error_that_says_so() {
    assert_clear_error(
        &site_with(&vacancy("contact:\n\tname: Sam\n", "Body.\n")),
        "15:1: this line is indented with a tab, which YAML does not allow",
    );
}

#[test]
fn exponential_aliases_are_refused() {
    let mut yaml = String::from("x: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    for (i, c) in "bcdefghij".chars().enumerate() {
        let p = "abcdefghij".chars().nth(i).unwrap();
        yaml.push_str(&format!("{c}{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"));
    }
    assert_clear_error(&site_with(format!("---\n{yaml}---\n").as_bytes()), "content/jobs/hostile.md");
}

#[test]
fn a_50_megabyte_body_is_refused_without_reading_it_all() {
    let body = "Social work in Kestrel Vale. ".repeat(50 * 1024 * 1024 / 29);
    assert_clear_error(&site_with(&vacancy("", &body)), "too large");
}

#[test]
fn ten_thousand_levels_of_nesting_build() {
    // `- - - item` opens a list inside a list item at each marker.
    let lists = format!("{}item\n", "- ".repeat(10_000));
    assert_builds(&site_with(&vacancy("", &lists)));
    let quotes = format!("{} deep\n", ">".repeat(10_000));
    assert_builds(&site_with(&vacancy("", &quotes)));
}

#[test]
fn a_one_megabyte_title_is_an_error() {
    let title = "A".repeat(1024 * 1024);
    let text = String::from_utf8(vacancy("", "Body.\n")).unwrap().replace("title: Hostile", &format!("title: {title}"));
    assert_clear_error(&site_with(text.as_bytes()), "too long");
}

#[test]
fn nul_bytes_give_an_error_or_a_correct_build() {
    let in_body = site_with(&vacancy("", "Nul \0 in the body.\n"));
    assert_builds(&in_body);
    let in_front = site_with(&vacancy("summary: \"a\0b\"\n", "Body.\n"));
    let o = build_limited(in_front.path());
    assert!(matches!(o.code, Some(0) | Some(1)) && !o.stderr.contains("panicked"), "{:?} {}", o.code, o.stderr);
}

#[test]
fn invalid_utf8_is_an_error() {
    assert_clear_error(&site_with(b"---\ntitle: \xff\xfe\n---\n"), "not UTF-8");
}

#[test]
fn a_symlink_loop_in_content_does_not_hang() {
    let site = copy_fixture("basic");
    std::os::unix::fs::symlink("loop.md", site.path().join("content/jobs/loop.md")).unwrap();
    std::os::unix::fs::symlink("..", site.path().join("content/jobs/up")).unwrap();
    std::os::unix::fs::symlink("self", site.path().join("content/self")).unwrap();
    let o = build_limited(site.path());
    assert!(matches!(o.code, Some(0) | Some(1)) && !o.stderr.contains("panicked"), "{:?} {}", o.code, o.stderr);
}

/// Linux only: rustix makes the named pipes with `mknodat`, which it offers on Linux.
#[cfg(target_os = "linux")]
#[test]
fn a_named_pipe_or_a_folder_named_like_a_page_does_not_hang() {
    let site = copy_fixture("basic");
    for pipe in ["content/pipe.md", "content/jobs/pipe.md"] {
        let mode = rustix::fs::Mode::from_raw_mode(0o644);
        rustix::fs::mknodat(rustix::fs::CWD, site.path().join(pipe), rustix::fs::FileType::Fifo, mode, 0).unwrap();
    }
    std::fs::create_dir(site.path().join("content/jobs/folder.md")).unwrap();
    assert_builds(&site);
}

#[test]
fn a_file_that_vanishes_before_it_is_read_is_not_a_crash() {
    // A dangling link is a file that was listed and is gone by the time it is read.
    let site = copy_fixture("basic");
    std::os::unix::fs::symlink("deleted-since.md", site.path().join("content/jobs/vanished.md")).unwrap();
    assert_builds(&site);
}

#[test]
fn names_that_differ_only_in_case_or_punctuation_cannot_share_an_address() {
    let site = copy_fixture("basic");
    let text = std::fs::read_to_string(site.path().join("content/jobs/open-fostering.md")).unwrap();
    std::fs::write(site.path().join("content/jobs/Open-Fostering.md"), text.replace("T-001", "T-900")).unwrap();
    std::fs::write(site.path().join("content/jobs/open_fostering.md"), text.replace("T-001", "T-901")).unwrap();
    let o = build_limited(site.path());
    assert_eq!(o.code, Some(1), "{}", o.stderr);
    assert!(
        o.stderr.contains("content/jobs/Open-Fostering.md") && o.stderr.contains("content/jobs/open_fostering.md"),
        "{}",
        o.stderr
    );
}

#[test]
fn impossible_and_ambiguous_times_are_errors() {
    for (closes, words) in [
        ("2026-02-29", "not a real date"),
        ("2026-12-07 24:00", "not a real date"),
        ("2027-03-28 01:30", "clocks go forward"),
    ] {
        let text = String::from_utf8(vacancy("", "Body.\n"))
            .unwrap()
            .replace("closes: 2026-12-07", &format!("closes: {closes}"));
        assert_clear_error(&site_with(text.as_bytes()), words);
    }
}
