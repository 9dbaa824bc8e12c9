//! The site the preview serves: an in-memory snapshot replaced whole after each rebuild, and the
//! signal browsers wait on to learn that a newer one exists. After a vacancy edit only the edited
//! pages are rendered at once; every other page that may have changed is rendered when first asked
//! for, from the same snapshot, so an edit shows in milliseconds however large the site. After any
//! other change every page is rendered at once and the feeds on request.

use super::changes::Rebuild;
use crate::build::{self, Rendering};
use crate::content::{self, Library};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::plan::Content;
use crate::publish::Rules;
use crate::theme::{self, Theme};
use jiff::Timestamp;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

/// What browsers should do about a new snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Reload,
    Styles,
}

/// The loaded site a snapshot renders its remaining pages from.
pub struct PreviewSite {
    pub library: Library,
    pub theme: Arc<Theme>,
    pub rules: Rules,
}

impl PreviewSite {
    fn render(&self, path: &str) -> Option<Result<Vec<u8>, Box<Diagnostic>>> {
        build::with_renderer(&self.library, &self.theme, &self.rules, |renderer, outputs| {
            outputs.iter().find(|o| o.path == path).map(|o| renderer.render(o, outputs))
        })
    }
}

/// One whole built site, in memory.
#[derive(Default)]
pub struct Snapshot {
    /// Files ready to serve.
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// Files of this site still to render, on first request.
    pub pending: HashSet<String>,
    pub site: Option<Arc<PreviewSite>>,
    rendered_later: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// The error report of the last rebuild, when it failed (the files are then the last good ones).
    pub error: Option<String>,
    pub generation: u64,
    pub signal: Option<Signal>,
}

impl Snapshot {
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.pending.contains(path)
    }

    /// The bytes of `path`, rendering it now if it is pending.
    pub fn get(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, String>> {
        if let Some(bytes) = self.files.get(path) {
            return Some(Ok(bytes.clone()));
        }
        if !self.pending.contains(path) {
            return None;
        }
        let mut later = self.rendered_later.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(bytes) = later.get(path) {
            return Some(Ok(bytes.clone()));
        }
        let rendered = self.site.as_ref()?.render(path)?;
        Some(match rendered {
            Ok(bytes) => {
                let bytes = Arc::new(bytes);
                later.insert(path.to_string(), bytes.clone());
                Ok(bytes)
            }
            Err(d) => Err(d.to_string()),
        })
    }

    /// A snapshot showing `error` over the files of `previous`.
    pub fn failed(previous: &Snapshot, error: String) -> Snapshot {
        let mut files = previous.files.clone();
        files.extend(previous.rendered_later.lock().unwrap_or_else(|e| e.into_inner()).clone());
        Snapshot {
            files,
            pending: previous.pending.clone(),
            site: previous.site.clone(),
            error: Some(error),
            signal: Some(Signal::Reload),
            ..Snapshot::default()
        }
    }
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

/// A rebuild's outcome: the new snapshot (without its generation) and how many pages were
/// rendered at once.
pub struct Built {
    pub snapshot: Snapshot,
    pub pages_rendered: usize,
}

impl Builder {
    fn rules(&self) -> Rules {
        Rules { now: self.now.unwrap_or_else(Timestamp::now), drafts: self.drafts, internal: self.internal }
    }

    /// Builds the site. After a vacancy edit (and a good previous build) it re-reads only those
    /// files and renders only their pages, leaving the rest to be rendered on request.
    pub fn build(&self, change: &Rebuild, previous: Option<&Snapshot>) -> Result<Built, Diagnostics> {
        let rules = self.rules();
        let good_previous = previous.filter(|p| p.error.is_none());
        if let (Rebuild::Vacancies(stems), Some(previous)) = (change, good_previous) {
            if let Some(site) = &previous.site {
                return self.rebuild_vacancies(stems, previous, site, rules);
            }
        }
        let (mut library, _warnings) = content::load(&self.root)?;
        library.site = library
            .site
            .with_base_url(&self.base_url)
            .map_err(|m| Diagnostics(vec![Diagnostic::error("--bind", m)]))?;
        let theme = Arc::new(theme::load(&self.root, &library.site)?);
        // Every page is rendered now, so that a template mistake on any page shows at once; the
        // feeds and sitemap, which no template makes, are rendered when first asked for (at
        // 10,000 vacancies they are a third of the work and most of the bytes).
        let Rendering { files, paths, .. } =
            build::render_selected(&self.root, &library, &rules, &|o| !o.content.is_feed())?;
        let pages_rendered = files.iter().filter(|(p, _)| p.ends_with(".html")).count();
        let files: HashMap<String, Arc<Vec<u8>>> =
            files.into_iter().map(|(path, bytes)| (path, Arc::new(bytes))).collect();
        let pending = paths.into_iter().filter(|p| !files.contains_key(p)).collect();
        let site = Arc::new(PreviewSite { library, theme, rules });
        Ok(Built { snapshot: Snapshot { files, pending, site: Some(site), ..Snapshot::default() }, pages_rendered })
    }

    fn rebuild_vacancies(
        &self,
        stems: &[String],
        previous: &Snapshot,
        site: &PreviewSite,
        rules: Rules,
    ) -> Result<Built, Diagnostics> {
        let started = std::time::Instant::now();
        let library = content::reload_vacancies(&self.root, &site.library, stems)?;
        let reloaded = started.elapsed();
        let site = Arc::new(PreviewSite { library, theme: site.theme.clone(), rules });
        let (files, pending, pages_rendered) =
            build::with_renderer(&site.library, &site.theme, &site.rules, |renderer, outputs| {
                let mut files = HashMap::with_capacity(outputs.len());
                let mut pending = HashSet::new();
                let mut pages_rendered = 0;
                let later = previous.rendered_later.lock().unwrap_or_else(|e| e.into_inner());
                for o in outputs {
                    let (edited, untouched) = match &o.content {
                        Content::Vacancy(v) | Content::ClosedVacancy(v) if stems.contains(&v.stem) => (true, false),
                        Content::Vacancy(_) | Content::Static(_) => (false, true),
                        _ => (false, false),
                    };
                    if edited {
                        let bytes = renderer.render(o, outputs).map_err(|d| Diagnostics(vec![*d]))?;
                        files.insert(o.path.clone(), Arc::new(bytes));
                        pages_rendered += 1;
                        continue;
                    }
                    let kept =
                        if untouched { previous.files.get(&o.path).or_else(|| later.get(&o.path)) } else { None };
                    match kept {
                        Some(bytes) => {
                            files.insert(o.path.clone(), bytes.clone());
                        }
                        None => {
                            pending.insert(o.path.clone());
                        }
                    }
                }
                Ok::<_, Diagnostics>((files, pending, pages_rendered))
            })?;
        if std::env::var_os("JOBSITE_TIMINGS").is_some() {
            eprintln!(
                "timings: reload {} ms, plan and render {} ms",
                reloaded.as_millis(),
                (started.elapsed() - reloaded).as_millis()
            );
        }
        Ok(Built { snapshot: Snapshot { files, pending, site: Some(site), ..Snapshot::default() }, pages_rendered })
    }
}
