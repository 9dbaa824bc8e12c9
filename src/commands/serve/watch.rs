//! Watches a site folder for changes and reports the paths that matter, relative to the root.
//! Knows nothing of HTTP or of building.

use super::changes::{matters, relative};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// The folders under the site root whose contents can change the site.
const WATCHED: [&str; 4] = ["content", "templates", "static", "themes"];

/// A running watcher. Dropping it stops watching.
pub struct SiteWatcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    watching: BTreeSet<String>,
}

impl SiteWatcher {
    /// Starts watching `root`; each batch of relevant changed paths is sent on `changes`.
    pub fn start(root: &Path, changes: Sender<Vec<String>>) -> notify::Result<SiteWatcher> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let event_root = root.clone();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event {
                // Reading files (the build itself) and metadata changes (access times) change nothing.
                use notify::event::{EventKind, ModifyKind};
                if matches!(event.kind, EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))) {
                    return;
                }
                let paths: Vec<String> = event
                    .paths
                    .iter()
                    .filter_map(|p| relative(&event_root, p))
                    .filter(|p| matters(p) || (p.starts_with("content/") && event_root.join(p).is_dir()))
                    .collect();
                if !paths.is_empty() {
                    let _ = changes.send(paths);
                }
            }
        })?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut me = SiteWatcher { root, watcher, watching: BTreeSet::new() };
        me.watch_new_folders();
        Ok(me)
    }

    /// Starts watching any of the site's folders created since the last call (a new `templates/`).
    pub fn watch_new_folders(&mut self) {
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir()
                && !self.watching.contains(name)
                && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watching.insert(name.to_string());
            } else if !dir.is_dir() && self.watching.remove(name) {
                let _ = self.watcher.unwatch(&dir);
            }
        }
    }
}
