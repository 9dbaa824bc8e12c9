//! One full build: load, select, plan, render, write. The only place the pipeline is assembled.

use crate::diagnostics::{relative_name, Diagnostic, Diagnostics};
use crate::model::content;
pub use crate::model::content::Library;
pub use crate::model::portal::Fetching;
use crate::model::publish::Rules;
use crate::output::disk::write::Staging;
use crate::output::plan::Output;
use crate::output::prepared::{Planned, Prepared};
use crate::output::theme;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to build, from the command line.
#[derive(Debug, Clone)]
pub struct Request {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub rules: Rules,
    /// Replace an output folder that jobsite did not make (`--force`).
    pub force: bool,
    /// How a portal reads its councils' feeds (nothing for other sites).
    pub sources: Fetching,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    pub open: usize,
    pub closed: usize,
    pub skipped: usize,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

impl BuildSummary {
    /// The one summary line printed after a build.
    pub fn summary(&self, output: &Path) -> String {
        format!(
            "Built {} pages ({} files) into {}: {} open, {} closed, {} skipped vacancies, in {} ms",
            self.pages,
            self.files,
            output.display(),
            self.open,
            self.closed,
            self.skipped,
            self.elapsed.as_millis()
        )
    }
}

/// Loads the site and applies `--base-url`.
pub fn load(request: &Request) -> Result<(Library, Diagnostics), Diagnostics> {
    load_at(&request.root, request.base_url.as_deref(), "--base-url", &request.sources, request.rules.now)
}

/// Loads the site at `root` (with a portal's sources, read as `sources` says), published at
/// `base_url` when given (`given_by` names the flag it came from, for the error when it is not a
/// web address).
fn load_at(
    root: &Path,
    base_url: Option<&str>,
    given_by: &str,
    sources: &Fetching,
    now: jiff::Timestamp,
) -> Result<(Library, Diagnostics), Diagnostics> {
    let (mut library, mut warnings) = content::load(root)?;
    let gathered = crate::model::portal::gather(&mut library, root, sources, now);
    let failed = gathered.has_errors();
    warnings.extend(gathered.0);
    if failed {
        return Err(warnings.sorted());
    }
    Ok((at_base_url(library, base_url, given_by)?, warnings))
}

/// The library published at `base_url` when given, instead of site.yaml's.
fn at_base_url(mut library: Library, base_url: Option<&str>, given_by: &str) -> Result<Library, Diagnostics> {
    if let Some(base) = base_url {
        library.site = library.site.with_base_url(base, given_by)?;
    }
    Ok(library)
}

/// The one value build, check and the preview start from: the site at `root` (published at
/// `base_url` when given) loaded with its theme and planned at `rules.now`, with the warnings of
/// loading.
pub fn prepare_at(
    root: &Path,
    base_url: Option<&str>,
    given_by: &str,
    rules: Rules,
    sources: &Fetching,
) -> Result<(Prepared, Diagnostics), Diagnostics> {
    let (library, mut warnings) = load_at(root, base_url, given_by, sources, rules.now)?;
    let theme = theme::load(root, &library.site)?;
    warnings.extend(theme.warnings.0.iter().cloned());
    Ok((Prepared::plan(library, Arc::new(theme), rules), warnings))
}

/// What `check` starts from: the site planned from every file that loaded, the findings of
/// loading (errors included), and the files left out for their errors. Fails only when nothing
/// can be planned (site.yaml or the theme is broken).
pub fn prepare_partial(request: &Request) -> Result<(Prepared, Diagnostics, Vec<content::FailedFile>), Diagnostics> {
    let content::Loaded { mut library, mut found, failed } = content::load_partial(&request.root)?;
    found.extend(crate::model::portal::gather(&mut library, &request.root, &request.sources, request.rules.now).0);
    let library = at_base_url(library, request.base_url.as_deref(), "--base-url")?;
    let theme = theme::load(&request.root, &library.site).map_err(|mut problems| {
        problems.extend(found.0.iter().cloned());
        problems.sorted()
    })?;
    found.extend(theme.warnings.0.iter().cloned());
    Ok((Prepared::plan(library, Arc::new(theme), request.rules), found, failed))
}

/// One rendered file: its path under the output folder and its bytes.
pub type File = (String, Vec<u8>);

/// What rendering produced.
pub struct Rendering {
    /// The files rendered, sorted by path.
    pub files: Vec<File>,
    /// Every path the build has, rendered this time or not, sorted.
    pub paths: Vec<String>,
    pub counts: Counts,
}

/// Renders every output in memory, sorted by path.
pub fn render_all(prepared: &Prepared) -> Result<Rendering, Diagnostics> {
    render_selected(prepared, &|_| true)
}

/// Renders the outputs `select` picks (the preview leaves feeds until they are asked for).
pub fn render_selected(
    prepared: &Prepared,
    select: &(dyn Fn(&Output) -> bool + Sync),
) -> Result<Rendering, Diagnostics> {
    let memory = Memory(std::sync::Mutex::new(Vec::new()));
    let counts = render_each(prepared, select, &memory)?;
    let paths = planned_paths(prepared);
    let mut files = memory.0.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Rendering { files, paths, counts })
}

/// Where rendered files go: into memory, or into the new build on disk.
trait Destination: Sync {
    /// Takes one rendered file: its path under the output folder and its bytes.
    fn file(&self, path: &str, bytes: Vec<u8>) -> Result<(), Box<Diagnostic>>;

    /// Takes the file at `path` that `make` writes (the largest feeds, made a piece at a time).
    fn made(&self, path: &str, make: &mut dyn FnMut(&mut dyn Write) -> Made) -> Made {
        let mut bytes = Vec::new();
        make(&mut bytes)?;
        self.file(path, bytes)
    }
}

/// How making a file went.
type Made = Result<(), Box<Diagnostic>>;

/// Rendered files kept in memory.
struct Memory(std::sync::Mutex<Vec<File>>);

impl Destination for Memory {
    fn file(&self, path: &str, bytes: Vec<u8>) -> Made {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push((path.to_string(), bytes));
        Ok(())
    }
}

/// Rendered files written into the new build; `failed` words a write error.
struct Disk<'s> {
    staging: &'s Staging,
    failed: &'s (dyn Fn(std::io::Error) -> Box<Diagnostic> + Sync),
}

impl Destination for Disk<'_> {
    fn file(&self, path: &str, bytes: Vec<u8>) -> Made {
        self.staging.write(path, &bytes).map_err(self.failed)
    }

    fn made(&self, path: &str, make: &mut dyn FnMut(&mut dyn Write) -> Made) -> Made {
        self.staging.write_made(path, make).map_err(self.failed)?
    }
}

/// Every path the plan has, sorted.
fn planned_paths(prepared: &Prepared) -> Vec<String> {
    let mut paths: Vec<String> = prepared.with(|planned| planned.outputs.iter().map(|o| o.path.to_string()).collect());
    paths.sort_unstable();
    paths
}

/// Renders the planned outputs `select` picks in parallel and hands each to `to` as soon as it
/// is ready, so a large site never has to be held in memory whole. Returns the counts.
fn render_each(
    prepared: &Prepared,
    select: &(dyn Fn(&Output) -> bool + Sync),
    to: &dyn Destination,
) -> Result<Counts, Diagnostics> {
    prepared.with(|planned| {
        let outputs = &planned.outputs;
        let render = |o| render_one(planned, o, to);
        let (whole_site, rest): (Vec<&Output>, Vec<&Output>) =
            outputs.iter().filter(|o| select(o)).partition(|o| o.subject.is_whole_site());
        // The outputs that list the whole site are rendered one after another on one thread, so
        // that only one of them (tens of megabytes at 10,000 vacancies) is in memory at a time,
        // while the other threads render pages. Pages go one per task: in bigger chunks one
        // thread was left with a chunk of slow outputs while the other sat idle.
        let (mut problems, others): (Vec<Diagnostic>, Vec<Diagnostic>) = rayon::join(
            || whole_site.iter().filter_map(|o| render(o)).collect(),
            || rest.par_iter().with_max_len(1).filter_map(|o| render(o)).collect(),
        );
        problems.extend(others);
        if !problems.is_empty() {
            return Err(Diagnostics(problems).sorted());
        }
        let selection = planned.selection();
        let pages = outputs.iter().filter(|o| o.path.ends_with(".html")).count();
        Ok(Counts { pages, open: selection.open.len(), closed: selection.closed.len(), skipped: selection.skipped })
    })
}

/// Renders one output and hands it to `to`: the feeds a piece at a time as they are made (a
/// level's feed is megabytes at 10,000 vacancies), the rest whole.
fn render_one<'a>(planned: &Planned<'a>, o: &Output<'a>, to: &dyn Destination) -> Option<Diagnostic> {
    let done = if o.subject.is_written_in_pieces() {
        to.made(&o.path, &mut |sink| planned.render_to(o, sink))
    } else {
        planned.render(o).and_then(|bytes| to.file(&o.path, bytes))
    };
    done.err().map(|d| *d)
}

/// The process's peak resident memory so far, as Linux reports it (for `JOBSITE_TIMINGS`).
#[cfg(target_os = "linux")]
fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    peak_from_status(&status)
}

/// Elsewhere the figure is not read: timings print without it.
#[cfg(not(target_os = "linux"))]
fn peak_memory() -> String {
    "unknown".to_string()
}

/// The `VmHWM` line of a Linux `/proc/self/status`.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn peak_from_status(status: &str) -> String {
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Page and vacancy counts of one build.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub pages: usize,
    pub open: usize,
    pub closed: usize,
    pub skipped: usize,
}

/// Builds the site into `request.output`, replacing it whole, or leaves it untouched on any error.
pub fn build(request: &Request) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let timings = std::env::var_os("JOBSITE_TIMINGS").is_some();
    let (prepared, warnings) =
        prepare_at(&request.root, request.base_url.as_deref(), "--base-url", request.rules, &request.sources)?;
    let loaded = started.elapsed();
    let loaded_memory = if timings { peak_memory() } else { String::new() };
    let output_name = relative_name(&request.root, &request.output);
    let io_error = |action: &str, e: std::io::Error| {
        Box::new(
            Diagnostic::error(output_name.clone(), format!("could not {action}: {e}"))
                .hint("check there is free disk space and that you may write to this folder"),
        )
    };
    let spare = crate::output::disk::output_guard::check(&request.root, &request.output, request.force)
        .map_err(|d| Diagnostics(vec![*d]))?;
    let paths = planned_paths(&prepared);
    let staging = Staging::create(&request.output, &paths, spare)
        .map_err(|e| Diagnostics(vec![*io_error("create the new output folder", e)]))?;
    let failed = |e| io_error("write the new site", e);
    let counts = render_each(&prepared, &|_| true, &Disk { staging: &staging, failed: &failed })?;
    let mut warnings = warnings;
    if spare == crate::output::disk::output_guard::Spare::Avoid {
        let spare_path = crate::output::disk::output_guard::sibling(&request.output, "spare");
        warnings.0.push(
            Diagnostic::warning(
                relative_name(&request.root, &spare_path),
                "this folder is committed to git, so jobsite did not use it and built the site afresh",
            )
            .field("--output")
            .hint(format!(
                "remove it from the repository with 'git rm -r --cached {}' and commit that",
                spare_path.display()
            )),
        );
    }
    let warnings = warnings.sorted();
    let written = started.elapsed();
    staging.commit().map_err(|e| Diagnostics(vec![*io_error("replace the previous site", e)]))?;
    if timings {
        eprintln!(
            "timings: load and plan {} ms (peak memory {loaded_memory}), render and write {} ms, tidy and swap {} ms (peak memory {})",
            loaded.as_millis(),
            (written - loaded).as_millis(),
            (started.elapsed() - written).as_millis(),
            peak_memory()
        );
    }
    Ok(BuildSummary {
        pages: counts.pages,
        files: paths.len(),
        open: counts.open,
        closed: counts.closed,
        skipped: counts.skipped,
        warnings,
        elapsed: started.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_memory_is_read_from_the_status_file_or_said_unknown() {
        assert_eq!(peak_from_status("Name:\tjobsite\nVmHWM:\t  81234 kB\nVmRSS:\t1 kB\n"), "81234 kB");
        assert_eq!(peak_from_status(""), "unknown");
        assert!(!peak_memory().is_empty());
    }
}
