//! Reads a site folder from disk into a `Library`: parses the listed files in parallel, then
//! checks what spans files (unique references, campaigns and benefits that exist, file names).

use super::listing::{list_files, not_utf8, read_source, Listed, Source};
use super::{articles, campaign, story, vacancy, Kind, Library};
use crate::diagnostics::{did_you_mean, relative_name, Diagnostic, Diagnostics};
use crate::input::commit_times::CommitTimes;
use crate::input::markdown::{MarkKind, PLACEHOLDER};
use crate::input::site_files::{Refusal, SiteFolder};
use crate::model::config::{self, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// File names under `content/jobs/` that would collide with the jobs section's own addresses.
pub const RESERVED_JOB_STEMS: [&str; 6] = ["teams", "levels", "locations", "contracts", "feed", "page"];
/// File names directly under `content/` that would collide with a section or a generated file.
pub const RESERVED_PAGE_STEMS: [&str; 11] =
    ["jobs", "campaigns", "stories", "benefits", "news", "events", "sitemap", "robots", "404", "index", "feed"];

/// The file name (without `.md`) of the home page's own words, directly under `content/`.
pub const HOME_STEM: &str = "_index";

/// Loads and checks the whole site under `root`. Warnings are returned beside the library.
pub fn load(root: &Path) -> Result<(Library, Diagnostics), Diagnostics> {
    let loaded = load_partial(root)?;
    if loaded.found.has_errors() {
        Err(loaded.found)
    } else {
        Ok((loaded.library, loaded.found))
    }
}

/// A site read as far as it could be: every file that loaded, what was found (errors included),
/// and the files left out for their errors. `check` lints what loaded, so one broken file hides
/// no other finding.
pub struct Loaded {
    pub library: Library,
    pub found: Diagnostics,
    pub failed: Vec<FailedFile>,
}

/// A content file left out of the library for its errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedFile {
    /// What kind of content it is (from its folder).
    pub kind: Kind,
    pub stem: String,
    pub file: String,
}

/// Loads every file of the site under `root` that can be loaded; fails only when site.yaml cannot
/// be read or checked, since every file is read against it.
pub fn load_partial(root: &Path) -> Result<Loaded, Diagnostics> {
    let mut found = Diagnostics::default();
    let site_path = root.join(config::SITE_FILE);
    let site = match std::fs::read(&site_path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let site = config::parse_site(&text).map_err(|e| Diagnostics(e).sorted())?;
                found.extend(crate::model::contrast::brand_warnings(&site, &text));
                site
            }
            Err(_) => return Err(Diagnostics(vec![not_utf8(config::SITE_FILE)])),
        },
        Err(e) => {
            let d = Diagnostic::io(root, &site_path, "read the site settings", &e).hint(format!(
                "run jobsite in the site's folder, or name it with --root (looked in {})",
                root.display()
            ));
            return Err(Diagnostics(vec![d]));
        }
    };
    // A portal's own pages are optional: its vacancies come from the councils' feeds.
    let files = list_files(root, site.portal.is_some(), &mut found);
    let (mut library, problems, failed) = parse_all(root, site, files);
    apply_commit_times(&mut library, &CommitTimes::read(root));
    found.extend(problems);
    found.extend(cross_check(&library, &failed));
    Ok(Loaded { library, found: found.sorted(), failed })
}

/// Re-reads only the vacancy files named by `stems` (added, changed or deleted) into a copy of
/// `library`, then checks what spans files again. For the preview server: one edit costs one parse.
pub fn reload_vacancies(root: &Path, library: &Library, stems: &[String]) -> Result<Library, Diagnostics> {
    let mut next = library.clone();
    let mut problems = Vec::new();
    for stem in stems {
        let path = root.join(super::vacancy_file(stem));
        // Found by its place in file order, without comparing its name with every other
        // vacancy's (10,000 at a regional board, after every save).
        if let Some(at) = next.vacancy_position(stem) {
            next.vacancies.remove(at);
        }
        if !path.is_file() {
            continue;
        }
        if let Err(why) = SiteFolder::open(root).map_err(|_| Refusal::Outside).and_then(|s| s.check(&path)) {
            problems.push(
                Diagnostic::error(relative_name(root, &path), format!("this file is not read: {}", why.reason()))
                    .hint("copy the file into the site folder instead of linking to it"),
            );
            continue;
        }
        let source = match read_source(root, (Kind::Vacancy, path)) {
            Some(Ok(source)) => source,
            Some(Err(d)) => {
                problems.push(d);
                continue;
            }
            None => continue,
        };
        match parse_one(&source, &next.site, &BTreeMap::new()) {
            Ok(Parsed::Vacancy(v)) => {
                let at = next.vacancies.partition_point(|x| x.file < v.file);
                next.vacancies.insert(at, std::sync::Arc::new(*v));
            }
            Ok(_) => {}
            Err(d) => problems.extend(d),
        }
    }
    problems.extend(cross_check_edited(&next, stems));
    if problems.is_empty() {
        Ok(next)
    } else {
        Err(Diagnostics(problems).sorted())
    }
}

/// Gives each vacancy, news item and event without an `updated:` key its file's last commit
/// time as the moment it last changed (never earlier than it was posted).
fn apply_commit_times(library: &mut Library, times: &CommitTimes) {
    for v in &mut library.vacancies {
        if v.updated.is_none() {
            if let Some(t) = times.of(&v.file) {
                let v = std::sync::Arc::make_mut(v);
                v.changed_at = v.posted_at.max(t);
            }
        }
    }
    let tz = library.site.timezone.clone();
    for n in library.news.iter_mut().filter(|n| n.updated.is_none()) {
        if let Some(t) = times.of(&n.file) {
            n.changed_at = n.date.start(&tz).max(t);
        }
    }
    for e in library.events.iter_mut().filter(|e| e.updated.is_none()) {
        e.changed_at = times.of(&e.file).or(e.changed_at);
    }
}

/// What one file became, or why it could not be read.
type ParseResult = Result<Parsed, Vec<Diagnostic>>;

/// What one file became.
enum Parsed {
    Vacancy(Box<vacancy::Vacancy>),
    Campaign(campaign::Campaign),
    Story(story::Story),
    Benefit(articles::Benefit),
    News(articles::News),
    Event(articles::Event),
    Page(articles::Page),
}

/// Reads and parses every listed file in parallel, each file's text dropped once it is parsed.
fn parse_all(root: &Path, site: Site, files: Vec<Listed>) -> (Library, Vec<Diagnostic>, Vec<FailedFile>) {
    let (stories, others): (Vec<Listed>, Vec<Listed>) = files.into_iter().partition(|(kind, _)| *kind == Kind::Story);
    let mut problems = Vec::new();
    // Stories are read first: files named by a story's `transcript:` key are transcripts, not
    // stories, and the story that names one needs its text.
    let story_sources: Vec<Source> = stories
        .into_iter()
        .filter_map(|l| read_source(root, l))
        .filter_map(|r| r.map_err(|d| problems.push(d)).ok())
        .collect();
    let named: Vec<String> = story_sources.iter().filter_map(|s| story::transcript_ref(&s.text)).collect();
    let (transcript_sources, story_sources): (Vec<Source>, Vec<Source>) =
        story_sources.into_iter().partition(|s| named.contains(&format!("{}.md", s.stem)));
    let transcripts: BTreeMap<String, &str> =
        transcript_sources.iter().map(|s| (format!("{}.md", s.stem), s.text.as_str())).collect();
    // Each result with the file it came from, so a file that fails can be named.
    let file_of = |s: &Source| FailedFile { kind: s.kind, stem: s.stem.clone(), file: s.file.clone() };
    let mut results: Vec<(Option<FailedFile>, ParseResult)> = others
        .into_par_iter()
        .filter_map(|l| read_source(root, l))
        .map(|r| match r {
            Ok(s) => (Some(file_of(&s)), parse_one(&s, &site, &transcripts)),
            Err(d) => (None, Err(vec![d])),
        })
        .collect();
    results.extend(story_sources.iter().map(|s| (Some(file_of(s)), parse_one(s, &site, &transcripts))));
    let mut failed = Vec::new();
    let mut library = Library {
        site,
        vacancies: Vec::new(),
        campaigns: Vec::new(),
        stories: Vec::new(),
        benefits: Vec::new(),
        news: Vec::new(),
        events: Vec::new(),
        pages: Vec::new(),
        home: None,
    };
    for (source, r) in results {
        match r {
            Ok(Parsed::Vacancy(v)) => library.vacancies.push(std::sync::Arc::new(*v)),
            Ok(Parsed::Campaign(c)) => library.campaigns.push(c),
            Ok(Parsed::Story(s)) => library.stories.push(s),
            Ok(Parsed::Benefit(b)) => library.benefits.push(b),
            Ok(Parsed::News(n)) => library.news.push(n),
            Ok(Parsed::Event(e)) => library.events.push(e),
            Ok(Parsed::Page(p)) if p.stem == HOME_STEM => library.home = Some(p),
            Ok(Parsed::Page(p)) => library.pages.push(p),
            Err(d) => {
                problems.extend(d);
                failed.extend(source);
            }
        }
    }
    failed.sort_by(|a, b| a.file.cmp(&b.file));
    (library, problems, failed)
}

fn parse_one(s: &Source, site: &Site, transcripts: &BTreeMap<String, &str>) -> Result<Parsed, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    check_stem(s, &mut problems);
    let parsed = match s.kind {
        Kind::Vacancy => vacancy::parse(&s.text, &s.file, &s.stem, site).map(|v| Parsed::Vacancy(Box::new(v))),
        Kind::Campaign => campaign::parse(&s.text, &s.file, &s.stem, site).map(Parsed::Campaign),
        Kind::Story => {
            let named = story::transcript_ref(&s.text).and_then(|t| transcripts.get(&t).copied());
            story::parse(&s.text, &s.file, &s.stem, site, named).map(Parsed::Story)
        }
        Kind::Benefit => articles::parse_benefit(&s.text, &s.file, &s.stem).map(Parsed::Benefit),
        Kind::News => articles::parse_news(&s.text, &s.file, &s.stem, site).map(Parsed::News),
        Kind::Event => articles::parse_event(&s.text, &s.file, &s.stem, site).map(Parsed::Event),
        Kind::Page => articles::parse_page(&s.text, &s.file, &s.stem).map(Parsed::Page),
    };
    if let Ok(p) = &parsed {
        problems.extend(unfilled(&s.file, p));
    }
    match parsed {
        Ok(p) if problems.is_empty() => Ok(p),
        Ok(_) => Err(problems),
        Err(mut more) => {
            problems.append(&mut more);
            Err(problems)
        }
    }
}

/// `jobsite new`'s placeholders never publish: each line of a file that is not a draft and still
/// has one is an error (a draft's are `check` warnings).
fn unfilled(file: &str, parsed: &Parsed) -> Vec<Diagnostic> {
    let (draft, body) = match parsed {
        Parsed::Vacancy(v) => (v.draft, &v.body),
        Parsed::Campaign(c) => (c.draft, &c.body),
        Parsed::Story(s) => (s.draft, &s.body),
        Parsed::Benefit(b) => (b.draft, &b.body),
        Parsed::News(n) => (n.draft, &n.body),
        Parsed::Event(e) => (e.draft, &e.body),
        Parsed::Page(p) => (p.draft, &p.body),
    };
    if draft {
        return Vec::new();
    }
    body.marks
        .iter()
        .filter(|m| m.kind == MarkKind::Placeholder)
        .map(|m| {
            Diagnostic::error(file, format!("this line still has {PLACEHOLDER}, so the file cannot be published"))
                .at(m.line, m.column)
                .rule("placeholder")
                .hint("write the real value in its place and delete the marker, or add `draft: true` until it is ready")
        })
        .collect()
}

/// A file name becomes an address, so it must already be one: lower case, digits and hyphens.
fn check_stem(s: &Source, problems: &mut Vec<Diagnostic>) {
    if s.kind == Kind::Page && s.stem == HOME_STEM {
        return;
    }
    let wanted = slug::slugify(&s.stem);
    if wanted != s.stem {
        let hint = if wanted.is_empty() {
            "use lower-case letters, digits and hyphens in the file name".to_string()
        } else {
            format!("rename the file to `{wanted}.md`: file names become web addresses, so use lower-case letters, digits and hyphens")
        };
        problems.push(Diagnostic::error(&s.file, "this file name cannot be used as a web address").hint(hint));
        return;
    }
    let reserved: &[&str] = match s.kind {
        Kind::Vacancy => &RESERVED_JOB_STEMS,
        Kind::Page => &RESERVED_PAGE_STEMS,
        _ => &[],
    };
    if reserved.contains(&s.stem.as_str()) {
        problems.push(
            Diagnostic::error(
                &s.file,
                format!("the file name `{}` is kept for an address the site makes itself", s.stem),
            )
            .hint("give the file another name"),
        );
    }
}

/// Checks what spans files. A reference to a file left out for its own errors is not reported
/// again: that file's errors say what to fix.
fn cross_check(library: &Library, failed: &[FailedFile]) -> Vec<Diagnostic> {
    cross_check_of(library, failed, library.vacancies.iter().map(|v| v.as_ref()).collect())
}

/// `cross_check` after only the vacancies `stems` were read again into a library that passed it:
/// any problem now involves one of them, so only they and the vacancies sharing their references
/// are looked at (the same findings, without sorting every reference of a large site).
fn cross_check_edited(library: &Library, stems: &[String]) -> Vec<Diagnostic> {
    let edited: Vec<&str> = stems
        .iter()
        .filter_map(|stem| Some(library.vacancies[library.vacancy_position(stem)?].reference.value.as_str()))
        .collect();
    // The edited vacancies and any other with one of their references, in one pass.
    let involved =
        library.vacancies.iter().filter(|v| edited.contains(&v.reference.value.as_str())).map(|v| v.as_ref()).collect();
    cross_check_of(library, &[], involved)
}

/// The checks across files for `vacancies` (of `library`): each reference used once, and each
/// campaign and benefit named is a file.
fn cross_check_of(library: &Library, failed: &[FailedFile], mut by_file: Vec<&vacancy::Vacancy>) -> Vec<Diagnostic> {
    let failed_in = |kind: Kind, stem: &str| failed.iter().any(|f| f.kind == kind && f.stem == stem);
    let mut problems = Vec::new();
    let mut references: HashMap<&str, &vacancy::Vacancy> = HashMap::with_capacity(by_file.len());
    by_file.sort_by(|a, b| a.file.cmp(&b.file));
    let campaign_stems: Vec<&str> = library.campaigns.iter().map(|c| c.stem.as_str()).collect();
    let benefit_stems: Vec<&str> = library.benefits.iter().map(|b| b.stem.as_str()).collect();
    for v in by_file {
        if let Some(first) = references.get(v.reference.value.as_str()) {
            problems.push(
                Diagnostic::error(
                    &v.file,
                    format!("the reference `{}` is already used by {}", v.reference.value, first.file),
                )
                .at(v.reference.line, v.reference.column)
                .field("reference")
                .hint("every vacancy needs its own reference: job boards use it to tell vacancies apart"),
            );
        } else {
            references.insert(&v.reference.value, v);
        }
        if let Some(c) = &v.campaign {
            if !campaign_stems.contains(&c.value.as_str()) && !failed_in(Kind::Campaign, &c.value) {
                problems.push(unknown_ref(&v.file, "campaign", c, &campaign_stems, "content/campaigns/"));
            }
        }
        for b in &v.benefits {
            if !benefit_stems.contains(&b.value.as_str()) && !failed_in(Kind::Benefit, &b.value) {
                problems.push(unknown_ref(&v.file, "benefits", b, &benefit_stems, "content/benefits/"));
            }
        }
    }
    problems
}

fn unknown_ref(file: &str, field: &str, r: &super::Located<String>, known: &[&str], folder: &str) -> Diagnostic {
    let hint = match did_you_mean(&r.value, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if known.is_empty() => format!("there are no files in {folder}"),
        None => format!("use the name of a file in {folder} without .md: {}", known.join(", ")),
    };
    let what = if field == "benefits" { "benefit" } else { field };
    Diagnostic::error(file, format!("unknown {what} `{}`", r.value)).at(r.line, r.column).field(field).hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The basic fixture in a folder of its own, loaded.
    fn loaded_copy() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let (library, _) = load(dir.path()).unwrap();
        (dir, library)
    }

    fn edit(root: &Path, stem: &str, from: &str, to: &str) {
        let path = root.join(format!("content/jobs/{stem}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{stem} has {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    #[test]
    fn reloading_edited_vacancies_finds_what_a_full_load_finds_across_files() {
        let edits: [&[(&str, &str, &str)]; 4] = [
            // The edited file comes first by name, then last, then both files of a pair edited.
            &[("closed-fostering", "reference: T-002", "reference: T-001")],
            &[("open-fostering", "reference: T-001", "reference: T-002")],
            &[("open-fostering", "reference: T-001", "reference: T-9"), ("closed-fostering", "T-002", "T-9")],
            &[("open-fostering", "campaign: spring", "campaign: sprig")],
        ];
        for edits in edits {
            let (dir, library) = loaded_copy();
            for (stem, from, to) in edits {
                edit(dir.path(), stem, from, to);
            }
            let stems: Vec<String> = edits.iter().map(|(stem, _, _)| stem.to_string()).collect();
            let Err(reloaded) = reload_vacancies(dir.path(), &library, &stems) else { panic!("{edits:?} is an error") };
            let Err(full) = load(dir.path()) else { panic!("{edits:?} is an error") };
            assert_eq!(reloaded.to_string(), full.to_string(), "{edits:?}");
        }
        let (dir, library) = loaded_copy();
        edit(dir.path(), "open-fostering", "reference: T-001", "reference: T-100");
        let reloaded = reload_vacancies(dir.path(), &library, &["open-fostering".to_string()]).unwrap();
        // The edited file's old version is replaced, in file order, as a full load has it.
        let (full, _) = load(dir.path()).unwrap();
        let files_and_references =
            |l: &Library| l.vacancies.iter().map(|v| (v.file.clone(), v.reference.value.clone())).collect::<Vec<_>>();
        assert_eq!(files_and_references(&reloaded), files_and_references(&full));
        assert!(files_and_references(&reloaded).contains(&("content/jobs/open-fostering.md".into(), "T-100".into())));
    }
}
