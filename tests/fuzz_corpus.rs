//! Replays every fuzz input kept in the repository (the seed corpus and any crash reproducer
//! under `fuzz/regressions/`) through the same entry points the fuzzers use, so a crash found once
//! is a test for ever after, without the fuzzing toolchain.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let mut count = 0;
    for folder in ["corpus", "regressions"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(folder).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
        files.sort();
        for file in files {
            // A fuzzer running at the same time may replace corpus files as it goes.
            let Ok(bytes) = std::fs::read(&file) else { continue };
            run(&bytes);
            count += 1;
        }
    }
    count
}

#[test]
fn every_kept_front_matter_input_is_read_without_a_panic() {
    assert!(replay("front_matter", jobsite::fuzzing::front_matter) > 10);
}

#[test]
fn every_kept_markdown_input_renders_without_a_panic() {
    assert!(replay("markdown", jobsite::fuzzing::markdown) > 10);
}

#[test]
fn every_kept_site_build_input_builds_or_fails_cleanly() {
    assert!(replay("site_build", jobsite::fuzzing::site_build) > 10);
}
