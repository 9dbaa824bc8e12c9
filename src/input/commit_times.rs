//! When each file of a site was last committed, from git, for the `updated` date of adverts
//! that do not give one (as Hugo's `enableGitInfo`). A site outside any repository, or a
//! machine without git, gets no times and builds from its front matter alone.

use jiff::Timestamp;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// The time of the last commit that changed each file, by its path from the site folder with
/// `/` between folders (`content/jobs/social-worker.md`).
#[derive(Debug, Clone, Default)]
pub struct CommitTimes(HashMap<String, Timestamp>);

impl CommitTimes {
    /// Reads the history of `content/` under `root` with one `git log`. The history is input like
    /// the files: the same history gives the same times. A shallow clone knows only its last
    /// commit, so the publish workflow fetches the whole history.
    pub fn read(root: &Path) -> CommitTimes {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            // Nothing from the repository's own settings runs or changes what is printed.
            .args(["-c", "core.fsmonitor=false", "-c", "core.quotepath=off", "-c", "log.showSignature=false"])
            .args(["log", "--relative", "--no-renames", "--format=%x1e%ct", "--name-only", "--", "content"])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output();
        match output {
            Ok(out) if out.status.success() => CommitTimes::parse(&String::from_utf8_lossy(&out.stdout)),
            _ => CommitTimes::default(),
        }
    }

    /// Reads `git log --format=%x1e%ct --name-only` output: newest commit first, so the first
    /// time seen for a file is its last change.
    fn parse(log: &str) -> CommitTimes {
        let mut times = HashMap::new();
        for record in log.split('\u{1e}').filter(|r| !r.trim().is_empty()) {
            let mut lines = record.lines();
            let Some(seconds) = lines.next().and_then(|s| s.trim().parse::<i64>().ok()) else { continue };
            let Ok(time) = Timestamp::from_second(seconds) else { continue };
            for file in lines.map(str::trim).filter(|l| !l.is_empty()) {
                times.entry(file.to_string()).or_insert(time);
            }
        }
        CommitTimes(times)
    }

    /// The last commit time of `file` (a path from the site folder), if it was ever committed.
    pub fn of(&self, file: &str) -> Option<Timestamp> {
        self.0.get(&file.replace('\\', "/")).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_each_file_wins() {
        let log = "\u{1e}1700000300\n\ncontent/jobs/a.md\n\u{1e}1700000200\n\ncontent/jobs/a.md\ncontent/jobs/b.md\n";
        let times = CommitTimes::parse(log);
        assert_eq!(times.of("content/jobs/a.md"), Some(Timestamp::from_second(1700000300).unwrap()));
        assert_eq!(times.of("content/jobs/b.md"), Some(Timestamp::from_second(1700000200).unwrap()));
        assert_eq!(times.of("content/jobs/c.md"), None);
    }

    #[test]
    fn a_folder_outside_any_repository_has_no_times() {
        let dir = tempfile::tempdir().unwrap();
        assert!(CommitTimes::read(dir.path()).0.is_empty());
    }
}
