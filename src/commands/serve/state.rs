//! The site the preview serves: an in-memory snapshot replaced whole after each rebuild, and the
//! signal browsers wait on to learn that a newer one exists. After a vacancy edit only the edited
//! pages are rendered at once; every other page that may have changed is rendered when first asked
//! for, from the same snapshot, so an edit shows in milliseconds however large the site. After any
//! other change every page is rendered at once and the feeds on request.

use super::changes::Rebuild;
use crate::commands::build::{self, Rendering};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::content;
use crate::model::publish::Rules;
use crate::output::plan::{Change, Output, PageKind, Subject};
use crate::output::prepared::Prepared;
use jiff::Timestamp;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock};
use std::time::Duration;

/// The most files a site may have for the preview to show its lints (a council's site has a few
/// hundred; measured at 10,000 vacancies they added about 20 ms to an edit on two cores).
const LARGE_SITE_FILES: usize = 5_000;

/// What browsers should do about a new snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Reload,
    Styles,
}

/// A file rendered when first asked for (or by the warm-up after a rebuild), once.
type Later = OnceLock<Result<Arc<Vec<u8>>, Arc<Diagnostic>>>;

/// Each file of a plan by its path: its place among the plan's outputs.
type Places = HashMap<Arc<str>, usize>;

/// Each output's path and place in `outputs`.
fn places_of(outputs: &[Output]) -> Places {
    outputs.iter().enumerate().map(|(i, o)| (o.path.clone(), i)).collect()
}

/// One file of the site, in its place in the plan.
enum Slot {
    /// Rendered, ready to serve.
    Ready(Arc<Vec<u8>>),
    /// Still to render, once, on first request or by the warm-up.
    Later(Later),
}

/// One whole built site, in memory.
#[derive(Default)]
pub struct Snapshot {
    /// Where each file of the site is in `slots`, by its path. A rebuild that plans the same
    /// paths in the same order shares the map of the snapshot before rather than making another.
    places: Arc<Places>,
    /// Every output of the plan, in plan order.
    slots: Vec<Slot>,
    /// The pending pages to render straight after the rebuild (places in `slots`), in plan order.
    warm_order: Vec<usize>,
    /// The plan the files came from; pending files are rendered from it without planning again.
    pub site: Option<Arc<Prepared>>,
    /// The error report of the last rebuild, when it failed (the files are then the last good ones).
    pub error: Option<String>,
    pub generation: u64,
    pub signal: Option<Signal>,
    /// Set when a newer snapshot replaces this one (the warm-up then stops).
    superseded: AtomicBool,
    /// What `check` would say of this site (broken links, alt text, …), worked out once in the
    /// background after the pages are warmed, so no request waits for it.
    lints: OnceLock<Vec<Diagnostic>>,
}

impl Snapshot {
    fn new(places: Arc<Places>, slots: Vec<Slot>, warm_order: Vec<usize>, site: Prepared) -> Snapshot {
        Snapshot { places, slots, warm_order, site: Some(Arc::new(site)), ..Snapshot::default() }
    }

    /// The lint findings of a site that built, once worked out (none while it is broken: the
    /// overlay says why).
    pub fn lints(&self) -> &[Diagnostic] {
        self.lints.get().map_or(&[], Vec::as_slice)
    }

    fn work_out_lints(&self) {
        if let (Some(site), None) = (&self.site, &self.error) {
            self.lints.get_or_init(|| {
                let mut ready = Vec::new();
                let mut later = Vec::new();
                for (path, &i) in self.places.iter() {
                    match &self.slots[i] {
                        Slot::Ready(bytes) => ready.push((path, bytes)),
                        Slot::Later(_) => later.push(path),
                    }
                }
                crate::commands::check::preview_lints(site, ready.into_iter(), later.into_iter())
            });
        }
    }

    pub fn has(&self, path: &str) -> bool {
        self.places.contains_key(path)
    }

    /// The bytes of `path`, rendering it now if it is pending (a request for a page being
    /// rendered waits for that rendering rather than starting another).
    pub fn get(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, Arc<Diagnostic>>> {
        self.get_at(*self.places.get(path)?)
    }

    /// The bytes of the file in place `i` of the plan, rendering it now if it is pending.
    fn get_at(&self, i: usize) -> Option<Result<Arc<Vec<u8>>, Arc<Diagnostic>>> {
        match self.slots.get(i)? {
            Slot::Ready(bytes) => Some(Ok(bytes.clone())),
            Slot::Later(cell) => {
                let site = self.site.as_ref()?;
                Some(
                    cell.get_or_init(|| match site.render_at(i) {
                        Some(Ok(bytes)) => Ok(Arc::new(bytes)),
                        Some(Err(d)) => Err(Arc::from(d)),
                        None => Err(Arc::new(Diagnostic::error(
                            "jobsite serve",
                            format!("file {i} of the plan is not part of the site"),
                        ))),
                    })
                    .clone(),
                )
            }
        }
    }

    /// The bytes of the file in place `i` if they are ready: rendered at once or since.
    fn ready_at(&self, i: usize) -> Option<&Arc<Vec<u8>>> {
        match self.slots.get(i)? {
            Slot::Ready(bytes) => Some(bytes),
            Slot::Later(cell) => cell.get()?.as_ref().ok(),
        }
    }

    /// Renders the pages most likely opened next (see `rebuild_vacancies`) until a newer snapshot
    /// exists, then works out the lints: the preview runs this after each build so they are ready
    /// before they are asked for.
    pub fn warm(&self) {
        for &i in &self.warm_order {
            if self.superseded.load(Ordering::Relaxed) {
                return;
            }
            let _ = self.get_at(i);
        }
        // On a large site (a regional board) the lints take tens of milliseconds of a core after
        // every save, which the next edit would wait behind: there `jobsite check` says them.
        if self.slots.len() <= LARGE_SITE_FILES && !self.superseded.load(Ordering::Relaxed) {
            self.work_out_lints();
        }
    }

    /// A snapshot showing `error` over the files of `previous`.
    pub fn failed(previous: &Snapshot, error: String) -> Snapshot {
        let slots = (0..previous.slots.len())
            .map(|i| match previous.ready_at(i) {
                Some(bytes) => Slot::Ready(bytes.clone()),
                None => Slot::Later(Later::new()),
            })
            .collect();
        Snapshot {
            places: previous.places.clone(),
            slots,
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
        let old = std::mem::replace(&mut *self.current.write().unwrap_or_else(|e| e.into_inner()), Arc::new(next));
        old.superseded.store(true, Ordering::Relaxed);
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
    /// Where a portal's last good copies are kept.
    pub cache_dir: Option<PathBuf>,
    /// Whether a portal's sources have been read this session: the first build reads them (and
    /// keeps good copies), later rebuilds use those copies, so an edit never waits on a server.
    pub sources_read: std::sync::atomic::AtomicBool,
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
    /// files, plans once, renders the edited vacancies' pages, keeps every file the edit cannot
    /// touch (by each output's dependencies) and leaves the rest to be rendered on request.
    pub fn build(&self, change: &Rebuild, previous: Option<&Snapshot>) -> Result<Built, Diagnostics> {
        let rules = self.rules();
        let good_previous = previous.filter(|p| p.error.is_none());
        if let (Rebuild::Vacancies(stems), Some(previous)) = (change, good_previous) {
            if let Some(site) = &previous.site {
                return self.rebuild_vacancies(stems, previous, site, rules);
            }
        }
        let offline = self.sources_read.swap(true, std::sync::atomic::Ordering::Relaxed);
        let sources = build::Fetching {
            offline,
            keep: true,
            accept_drop: Vec::new(),
            cache_dir: self.cache_dir.clone(),
            drops_are_errors: false,
        };
        let (prepared, _warnings) = build::prepare_at(&self.root, Some(&self.base_url), "--bind", rules, &sources)?;
        // Every page is rendered now, so that a template mistake on any page shows at once; the
        // feeds and sitemap, which no template makes, are rendered when first asked for (at
        // 10,000 vacancies they are a third of the work and most of the bytes).
        let Rendering { files, .. } = build::render_selected(&prepared, &|o| !o.subject.is_feed())?;
        let pages_rendered = files.iter().filter(|(p, _)| p.ends_with(".html")).count();
        let (places, mut slots) = prepared.with(|p| {
            let later: Vec<Slot> = p.outputs.iter().map(|_| Slot::Later(Later::new())).collect();
            (places_of(&p.outputs), later)
        });
        for (path, bytes) in files {
            if let Some(&i) = places.get(path.as_str()) {
                slots[i] = Slot::Ready(Arc::new(bytes));
            }
        }
        Ok(Built { snapshot: Snapshot::new(Arc::new(places), slots, Vec::new(), prepared), pages_rendered })
    }

    fn rebuild_vacancies(
        &self,
        stems: &[String],
        previous: &Snapshot,
        site: &Prepared,
        rules: Rules,
    ) -> Result<Built, Diagnostics> {
        let started = std::time::Instant::now();
        let library = content::reload_vacancies(&self.root, site.library(), stems)?;
        let reloaded = started.elapsed();
        let prepared = Prepared::plan_keeping(library, site.theme().clone(), rules, site.cards());
        let planned_at = started.elapsed();
        let (places, slots, warm_order, pages_rendered) = site.with(|before| {
            prepared.with(|after| {
                let change = Change::between(
                    stems,
                    (before.renderer.library, before.renderer.rules),
                    (after.renderer.library, after.renderer.rules),
                );
                let mut slots = Vec::with_capacity(after.outputs.len());
                let mut same_places = before.outputs.len() == after.outputs.len();
                let mut warm_order = Vec::new();
                let mut pages_rendered = 0;
                for (i, o) in after.outputs.iter().enumerate() {
                    // Where the same path was before: plans list their outputs in a fixed order,
                    // so usually in the same place; looking it up is the fallback.
                    let was = match before.outputs.get(i) {
                        Some(b) if b.path == o.path => Some(i),
                        _ => {
                            same_places = false;
                            previous.places.get(&o.path).copied()
                        }
                    };
                    if o.depends.vacancy.is_some_and(|v| change.vacancies.contains(v)) {
                        let bytes = after.render(o).map_err(|d| Diagnostics(vec![*d]))?;
                        slots.push(Slot::Ready(Arc::new(bytes)));
                        pages_rendered += 1;
                        continue;
                    }
                    // The same output as before (same path, same thing shown) that the change
                    // cannot touch keeps its bytes.
                    let same = was.filter(|&j| before.outputs[j].depends == o.depends);
                    let kept = same.filter(|_| !o.depends.touched_by(&change)).and_then(|j| previous.ready_at(j));
                    match kept {
                        Some(bytes) => slots.push(Slot::Ready(bytes.clone())),
                        None => {
                            // Only the pages a reader most likely opens next are warmed: the
                            // home page, the first jobs page and the edited vacancies' campaign
                            // pages. Warming every listing would keep a core busy for seconds
                            // at 10,000 vacancies and slow the next edit.
                            let likely = matches!(
                                o.subject,
                                Subject::Page(PageKind::Home)
                                    | Subject::Page(PageKind::Jobs(1))
                                    | Subject::Page(PageKind::Campaign(_))
                            );
                            if likely {
                                warm_order.push(i);
                            }
                            slots.push(Slot::Later(Later::new()));
                        }
                    }
                }
                // The same paths in the same places: the map of places is the one before.
                let places = if same_places { previous.places.clone() } else { Arc::new(places_of(&after.outputs)) };
                Ok::<_, Diagnostics>((places, slots, warm_order, pages_rendered))
            })
        })?;
        if std::env::var_os("JOBSITE_TIMINGS").is_some() {
            eprintln!(
                "timings: reload {} ms, select and plan {} ms, render {} ms",
                reloaded.as_millis(),
                (planned_at - reloaded).as_millis(),
                (started.elapsed() - planned_at).as_millis()
            );
        }
        Ok(Built { snapshot: Snapshot::new(places, slots, warm_order, prepared), pages_rendered })
    }
}
