//! Which files git tracks: jobsite never treats a committed file as its own working file (a spare
//! folder, a lock, a kept copy of a council's feed), because anyone who can open a pull request
//! can commit one.

use std::path::Path;
use std::process::{Command, Stdio};

/// The paths under `folder` (relative to it, with `/`) that git tracks among `names` (files or
/// folders directly in `folder`, or below them). Empty outside a repository or without git; the
/// repository's own settings run nothing (`core.fsmonitor` is off).
pub fn tracked(folder: &Path, names: &[String]) -> Vec<String> {
    if names.is_empty() || !folder.is_dir() {
        return Vec::new();
    }
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["-c", "core.fsmonitor=false", "-c", "core.quotepath=off", "ls-files", "-z", "--"])
        .args(names.iter().map(|n| format!(":(literal){n}")))
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    match output {
        Ok(out) if out.status.success() => {
            String::from_utf8_lossy(&out.stdout).split('\0').filter(|p| !p.is_empty()).map(str::to_string).collect()
        }
        _ => Vec::new(),
    }
}
