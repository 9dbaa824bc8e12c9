//! Decides whether a build may write to an output folder: only one jobsite made (or an empty or
//! new one, or any with `--force`), never the site's own sources, never through a link, never one
//! that git tracks; and whether the spare beside it may be reused.

use crate::diagnostics::Diagnostic;
use crate::output::disk::manifest::{HEADER, SLOTS};
use std::io;
use std::path::{Path, PathBuf};

/// The file jobsite keeps in every output folder (and its spare) to show the folder is its own.
pub const MARKER: &str = ".jobsite-output";
/// What the marker and the lock file say.
pub const MARKER_TEXT: &str =
    "This folder is written by jobsite: each build replaces everything in it, so keep no other files here.\n";

/// Site folders a build never writes into, even with `--force`.
const SOURCE_FOLDERS: [&str; 5] = ["content", "static", "templates", "themes", ".git"];

/// The spare, lock, record and set-aside paths beside `target` (`public` →
/// `.public.jobsite-spare`, …).
pub fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    parent.join(format!(".{name}.jobsite-{suffix}"))
}

/// Whether the build may reuse the spare folder beside the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spare {
    /// Reuse it (or make it): what it holds is tidied, links and all, before anything is written.
    Reuse,
    /// Leave it alone, because git tracks files in it: someone committed it, so it is not
    /// jobsite's to change. The build is made in a fresh folder and the previous one deleted.
    Avoid,
}

/// The paths beside and under `target` that git tracks, by their sibling suffix (`""` for the
/// output folder itself).
fn tracked(target: &Path) -> Vec<&'static str> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = |suffix: &str| -> String {
        let path = if suffix.is_empty() { target.to_path_buf() } else { sibling(target, suffix) };
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    };
    let suffixes: Vec<&'static str> = std::iter::once("").chain(SIBLINGS).collect();
    let names: Vec<String> = suffixes.iter().map(|s| name(s)).collect();
    let listed = crate::input::git_files::tracked(&parent, &names);
    suffixes
        .into_iter()
        .zip(&names)
        .filter(|(_, name)| listed.iter().any(|p| p == *name || p.starts_with(&format!("{name}/"))))
        .map(|(suffix, _)| suffix)
        .collect()
}

/// What jobsite keeps beside an output folder, by suffix.
const SIBLINGS: [&str; 6] = ["spare", "fresh", "lock", "old", SLOTS[0], SLOTS[1]];

fn refusal(target: &Path, message: String, hint: &str) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(target.display().to_string(), message).field("--output").hint(hint))
}

/// Where `path` really is: the real path of its nearest existing ancestor, with the rest after it.
fn real_location(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(existing).is_err() {
        rest.push(existing.file_name().map(|n| n.to_os_string()).unwrap_or_default());
        existing = existing.parent().unwrap_or(Path::new("/"));
    }
    let mut real = std::fs::canonicalize(existing)?;
    real.extend(rest.iter().rev());
    Ok(real)
}

/// Whether the folder at `dir` is empty or holds jobsite's marker.
fn is_ours_or_empty(dir: &Path) -> io::Result<bool> {
    if std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(true);
    }
    Ok(std::fs::read_dir(dir)?.next().is_none())
}

/// Checks that a build of the site at `root` may write `target` (and the spare and lock beside it),
/// and says whether the spare may be reused.
pub fn check(root: &Path, target: &Path, force: bool) -> Result<Spare, Box<Diagnostic>> {
    let io_refusal =
        |e: io::Error| refusal(target, format!("could not look at the output folder: {e}"), "check the --output path");
    for (path, what) in [
        (target.to_path_buf(), "the output folder"),
        (sibling(target, "spare"), "the spare folder beside the output"),
        (sibling(target, "fresh"), "the fresh folder beside the output"),
        (sibling(target, "lock"), "the lock file beside the output"),
        (sibling(target, "old"), "the folder set aside during the swap"),
        (sibling(target, SLOTS[0]), "the record of the files built"),
        (sibling(target, SLOTS[1]), "the record of the files built"),
    ] {
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(refusal(
                target,
                format!("{what} ({}) is a link, so a build could write somewhere else", path.display()),
                "remove the link, or name the real folder with --output",
            ));
        }
    }
    let real_root = std::fs::canonicalize(root).map_err(io_refusal)?;
    let real_target = real_location(target).map_err(io_refusal)?;
    if real_target == real_root || real_root.starts_with(&real_target) {
        return Err(refusal(
            target,
            "the output folder is the site folder or contains it, so a build would replace the site's own files".into(),
            "build into a folder of its own, such as public/ (the default)",
        ));
    }
    if let Some(inside) = SOURCE_FOLDERS.iter().find(|f| real_target.starts_with(real_root.join(f))) {
        return Err(refusal(
            target,
            format!("the output folder is inside the site's {inside}/ folder, where the site's own files are"),
            "build into a folder of its own, such as public/ (the default)",
        ));
    }
    let tracked = tracked(target);
    let untrack = |path: &Path| {
        format!("remove it from the repository with 'git rm -r --cached {}' and commit that; jobsite's own files belong in .gitignore", path.display())
    };
    if let Some(suffix) = tracked.iter().find(|s| !matches!(**s, "" | "spare")) {
        let path = sibling(target, suffix);
        return Err(refusal(
            target,
            format!("{} is committed to git, but jobsite keeps its own working files there", path.display()),
            &untrack(&path),
        ));
    }
    if tracked.contains(&"") && !force {
        return Err(refusal(
            target,
            "the output folder holds files committed to git, and a build replaces everything in it".into(),
            &format!("{}, or add --force to replace the committed files", untrack(target)),
        ));
    }
    let spare = if tracked.contains(&"spare") { Spare::Avoid } else { Spare::Reuse };
    if force {
        return Ok(spare);
    }
    const FORCE_HINT: &str = "choose a new or empty folder with --output, or add --force to let jobsite replace everything in it (an output folder made by an earlier version of jobsite needs --force once)";
    match std::fs::symlink_metadata(target) {
        Ok(m) if !m.is_dir() => {
            return Err(refusal(target, "the output path is a file, not a folder".into(), FORCE_HINT));
        }
        Ok(_) if !is_ours_or_empty(target).map_err(io_refusal)? => {
            return Err(refusal(
                target,
                "the output folder already holds files that jobsite did not write, and a build replaces everything in it".into(),
                FORCE_HINT,
            ));
        }
        _ => {}
    }
    for (suffix, what) in [("spare", "its spare copy of the site"), ("fresh", "a new build")] {
        let path = sibling(target, suffix);
        if suffix == "spare" && spare == Spare::Avoid {
            continue;
        }
        match std::fs::symlink_metadata(&path) {
            Ok(m) if !m.is_dir() || !is_ours_or_empty(&path).map_err(io_refusal)? => {
                return Err(refusal(
                    target,
                    format!("{} is in the way: jobsite keeps {what} there, and did not make it", path.display()),
                    FORCE_HINT,
                ));
            }
            _ => {}
        }
    }
    let lock = sibling(target, "lock");
    if let Ok(text) = std::fs::read(&lock) {
        if !text.is_empty() && text != MARKER_TEXT.as_bytes() {
            return Err(refusal(
                target,
                format!("{} is in the way: jobsite keeps its lock there, and did not make it", lock.display()),
                FORCE_HINT,
            ));
        }
    }
    for slot in SLOTS.map(|s| sibling(target, s)) {
        // Empty, or begun, when a build was stopped before it wrote a line.
        let start = |mut f: std::fs::File| {
            let mut start = Vec::new();
            io::Read::read_to_end(&mut io::Read::take(&mut f, HEADER.len() as u64), &mut start).map(|_| start)
        };
        if std::fs::File::open(&slot).and_then(start).is_ok_and(|s| !HEADER.as_bytes().starts_with(&s)) {
            return Err(refusal(
                target,
                format!(
                    "{} is in the way: jobsite keeps its record of the files built there, and did not make it",
                    slot.display()
                ),
                FORCE_HINT,
            ));
        }
    }
    Ok(spare)
}
