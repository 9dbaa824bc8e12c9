//! The site the preview serves: an in-memory snapshot replaced whole after each rebuild, and the
//! signal browsers wait on to learn that a newer one exists.

use super::changes::Rebuild;
use crate::build::{self, Rendering};
use crate::content;
use crate::diagnostics::Diagnostics;
use crate::plan::Content;
use crate::publish::Rules;
use jiff::Timestamp;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

/// What browsers should do about a new snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Reload,
    Styles,
}

/// One whole built site, in memory.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// The error report of the last rebuild, when it failed (the files are then the last good ones).
    pub error: Option<String>,
    pub generation: u64,
    pub signal: Option<Signal>,
}

/// The current snapshot, shared by the request threads and the rebuild loop.
#[derive(Default)]
pub struct Shared {
    current: RwLock<Arc<Snapshot>>,
    generation: Mutex<u64>,
    changed: Condvar,
}

impl Shared {
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Replaces the snapshot in one step and wakes every browser waiting for a change.
    pub fn publish(&self, mut next: Snapshot) {
        let mut generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        *generation += 1;
        next.generation = *generation;
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
        self.changed.notify_all();
    }

    /// Waits until the generation is past `since`, or `timeout` passes; returns the newest snapshot
    /// if there is a newer one.
    pub fn wait_newer(&self, since: u64, timeout: Duration) -> Option<Arc<Snapshot>> {
        let generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        let (generation, _) =
            self.changed.wait_timeout_while(generation, timeout, |g| *g <= since).unwrap_or_else(|e| e.into_inner());
        (*generation > since).then(|| self.snapshot())
    }
}

/// Rebuilds the site into memory for the preview.
pub struct Builder {
    pub root: PathBuf,
    pub base_url: String,
    pub drafts: bool,
    pub internal: bool,
    pub now: Option<Timestamp>,
}

/// A rebuild's outcome: the files of the new site and how many pages were rendered afresh.
pub struct Built {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    pub pages_rendered: usize,
}

impl Builder {
    /// Builds the site, reusing `previous` files that `change` cannot have touched.
    pub fn build(&self, change: &Rebuild, previous: Option<&Snapshot>) -> Result<Built, Diagnostics> {
        let rules =
            Rules { now: self.now.unwrap_or_else(Timestamp::now), drafts: self.drafts, internal: self.internal };
        let (mut library, _warnings) = content::load(&self.root)?;
        library.site = library
            .site
            .with_base_url(&self.base_url)
            .map_err(|m| Diagnostics(vec![crate::diagnostics::Diagnostic::error("--bind", m)]))?;
        let reusable = |path: &str| previous.is_some_and(|p| p.files.contains_key(path) && p.error.is_none());
        let rendering = match change {
            Rebuild::Vacancies(stems) => build::render_selected(&self.root, &library, &rules, &|o| {
                let untouched = match &o.content {
                    Content::Vacancy(v) => !stems.contains(&v.stem),
                    Content::Static(_) => true,
                    _ => false,
                };
                !(untouched && reusable(&o.path))
            })?,
            Rebuild::Styles | Rebuild::Everything => build::render_all(&self.root, &library, &rules)?,
        };
        let Rendering { files, paths, .. } = rendering;
        let pages_rendered = files.iter().filter(|(p, _)| p.ends_with(".html")).count();
        let mut fresh: HashMap<String, Arc<Vec<u8>>> =
            files.into_iter().map(|(path, bytes)| (path, Arc::new(bytes))).collect();
        if let Some(previous) = previous {
            for path in &paths {
                if !fresh.contains_key(path) {
                    if let Some(bytes) = previous.files.get(path) {
                        fresh.insert(path.clone(), bytes.clone());
                    }
                }
            }
        }
        Ok(Built { files: fresh, pages_rendered })
    }
}
