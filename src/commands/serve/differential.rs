//! The preview's incremental rebuilds checked against fresh builds: random edits (vacancies,
//! campaigns, stories, site.yaml, a template; added, deleted, renamed files) are applied one
//! after another through the preview's own path, and after each every byte the preview serves
//! is compared with a fresh build of the same files at the same instant.

use super::changes::{classify, Rebuild};
use super::state::{Builder, Snapshot};
use crate::commands::build::{self, Fetching};
use crate::model::publish::Rules;
use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-22T12:00:00Z";
const BASE: &str = "http://127.0.0.1:1111/";

/// A small, seeded generator (xorshift), so a failing run can be repeated by its seed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn vacancies(root: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root.join("content/jobs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    found.sort();
    found
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Makes one random edit to the site at `root`; returns the files it touched (from the root)
/// and what it did.
fn random_edit(root: &Path, r: &mut Random, n: usize) -> (Vec<String>, String) {
    let jobs = vacancies(root);
    let rel = |p: &Path| p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
    let some = &jobs[r.below(jobs.len())];
    match r.below(9) {
        0 => {
            edit(some, "title: ", &format!("title: Edited {n} "));
            (vec![rel(some)], format!("retitled {}", rel(some)))
        }
        1 => {
            let day = 1 + r.below(27);
            let text = std::fs::read_to_string(some).unwrap();
            let line = text.lines().find(|l| l.starts_with("closes:")).unwrap_or("").to_string();
            if line.is_empty() || line.contains("rolling") {
                return (Vec::new(), "nothing".into());
            }
            edit(some, &line, &format!("closes: 2026-12-{day:02}"));
            (vec![rel(some)], format!("moved the closing date of {} to 2026-12-{day:02}", rel(some)))
        }
        2 => {
            let added = root.join(format!("content/jobs/added-{n}.md"));
            let text = std::fs::read_to_string(root.join("tests-source/open-fostering.md")).unwrap();
            std::fs::write(
                &added,
                text.replace("T-001", &format!("A-{n}")).replace("Fostering Social Worker", &format!("Added role {n}")),
            )
            .unwrap();
            (vec![rel(&added)], format!("added {}", rel(&added)))
        }
        3 if jobs.len() > 3 => {
            std::fs::remove_file(some).unwrap();
            (vec![rel(some)], format!("deleted {}", rel(some)))
        }
        4 => {
            let renamed = root.join(format!("content/jobs/renamed-{n}.md"));
            std::fs::rename(some, &renamed).unwrap();
            (vec![rel(some), rel(&renamed)], format!("renamed {} to {}", rel(some), rel(&renamed)))
        }
        5 => {
            let file = root.join("content/campaigns/spring.md");
            edit(&file, "Campaign body.", &format!("Campaign body, edit {n}."));
            (vec![rel(&file)], "edited the campaign".into())
        }
        6 => {
            let file = root.join("content/stories/film.md");
            edit(&file, "Story body.", &format!("Story body, edit {n}."));
            (vec![rel(&file)], "edited the story".into())
        }
        7 => {
            let file = root.join("site.yaml");
            let text = std::fs::read_to_string(&file).unwrap();
            let line = text.lines().find(|l| l.starts_with("  name: Test Council")).unwrap().to_string();
            edit(&file, &line, &format!("  name: Test Council {n}"));
            (vec![rel(&file)], "renamed the organisation in site.yaml".into())
        }
        _ => {
            let file = root.join("templates/card.html");
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            let theme = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/card.html"),
            )
            .unwrap();
            std::fs::write(&file, format!("{theme}<!-- card template, edit {n} -->\n")).unwrap();
            (vec![rel(&file)], "overrode the card template".into())
        }
    }
}

/// Every path and its bytes as the preview serves them from `snapshot`, rendering what is pending.
fn served(snapshot: &Snapshot, paths: &[String]) -> Vec<(String, Vec<u8>)> {
    paths.iter().map(|p| (p.clone(), snapshot.get(p).expect("planned").expect("renders").to_vec())).collect()
}

#[test]
fn every_incremental_rebuild_serves_what_a_fresh_build_of_the_same_files_makes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    copy(&fixtures, &root);
    // A copy of one advert, outside content/, to add new ones from.
    copy(&fixtures.join("content/jobs"), &root.join("tests-source"));
    let now = NOW.parse().unwrap();
    let builder = Builder {
        root: root.clone(),
        base_url: BASE.into(),
        drafts: true,
        internal: false,
        now: Some(now),
        cache_dir: None,
        sources_read: std::sync::atomic::AtomicBool::new(false),
    };
    let rules = Rules { now, drafts: true, internal: false };
    let mut snapshot = builder.build(&Rebuild::Everything, None).unwrap().snapshot;
    let mut r = Random(0x5eed_1234_abcd_0001);
    let mut incremental = 0;
    for n in 1..=30 {
        let (touched, what) = random_edit(&root, &mut r, n);
        if touched.is_empty() {
            continue;
        }
        let change = classify(touched.iter().map(String::as_str));
        incremental += usize::from(matches!(change, Rebuild::Vacancies(_)));
        snapshot =
            builder.build(&change, Some(&snapshot)).unwrap_or_else(|e| panic!("edit {n} ({what}): {e}")).snapshot;
        let (fresh, _) = build::prepare_at(&root, Some(BASE), "--bind", rules, &Fetching::default()).unwrap();
        let fresh = build::render_all(&fresh).unwrap();
        let paths: Vec<String> = fresh.files.iter().map(|(p, _)| p.clone()).collect();
        for path in &paths {
            assert!(snapshot.has(path), "edit {n} ({what}): the preview has no {path}");
        }
        for ((path, preview), (_, built)) in served(&snapshot, &paths).iter().zip(&fresh.files) {
            assert!(
                preview == built,
                "edit {n} ({what}): the preview's {path} differs from a fresh build's:\n{}",
                first_difference(preview, built)
            );
        }
    }
    assert!(incremental >= 8, "only {incremental} edits took the incremental path");
}

/// The first line where two files differ, for the failure message.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y).map_or_else(
        || "(one is longer)".into(),
        |(i, (x, y))| format!("line {}:\n  preview: {x}\n  fresh:   {y}", i + 1),
    )
}
