//! Lists every file a build writes, as data: pages, sitemap, robots.txt, 404 and static files.

use crate::model::content::{Campaign, Event, Library, News, Page, Story, Vacancy};
use crate::model::publish::{vacancy_status, Rules, Status};
use crate::output::routes::{self, Facet, Scope};
use crate::output::theme::StaticFile;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What one output holds: a page made with the theme's templates, a machine-readable file
/// (feeds, the sitemap, the pay CSV) made by jobsite itself, or another file.
#[derive(Debug, Clone)]
pub enum Subject<'a> {
    Page(PageKind<'a>),
    Feed(FeedKind<'a>),
    File(FileKind<'a>),
}

/// A page made with a template.
#[derive(Debug, Clone)]
pub enum PageKind<'a> {
    Home,
    /// A page (from 1) of the jobs listing.
    Jobs(usize),
    Vacancy(&'a Vacancy),
    ClosedVacancy(&'a Vacancy),
    /// A page (from 1) of the vacancies with value number `.1` of a facet.
    Facet(Facet, usize, usize),
    Campaign(&'a Campaign),
    Stories,
    Story(&'a Story),
    Benefits,
    NewsList,
    NewsItem(&'a News),
    Events,
    Page(&'a Page),
    NotFound,
    /// A portal's pay benchmarks.
    Pay,
}

/// A machine-readable file jobsite makes itself, no template involved.
#[derive(Debug, Clone)]
pub enum FeedKind<'a> {
    VacancyRss(Scope),
    /// A page (from 1) of a JSON Feed.
    VacancyJson(Scope, usize),
    Indeed,
    FindAJob,
    FindAJobExpired,
    NewsRss,
    /// The open vacancies for the jobs page's search script.
    SearchIndex,
    /// Every upcoming event as iCalendar.
    EventsCalendar,
    /// One event as iCalendar.
    EventCalendar(&'a Event),
    /// `sitemap.xml`: the sitemap, or the index of its parts when it does not fit in one file.
    Sitemap,
    /// Part `n` (from 1) of a sitemap too big for one file.
    SitemapPart(usize),
    /// A portal's pay benchmarks as CSV.
    PayCsv,
}

/// Any other file: robots.txt, the brand stylesheet, the theme's and site's static files.
#[derive(Debug, Clone)]
pub enum FileKind<'a> {
    Robots,
    /// `css/brand.css`: the brand colours from site.yaml.
    BrandStyles,
    Static(&'a StaticFile),
}

impl Subject<'_> {
    /// Whether the output is a feed or the sitemap: made by jobsite itself, not by a template.
    pub fn is_feed(&self) -> bool {
        matches!(self, Subject::Feed(_))
    }

    /// Whether the output is written a piece at a time as it is made, never held whole: the
    /// vacancy feeds (a team's or level's as well as the whole site's), the job boards' files and the
    /// search index.
    pub fn is_written_in_pieces(&self) -> bool {
        matches!(
            self,
            Subject::Feed(
                FeedKind::VacancyRss(_)
                    | FeedKind::VacancyJson(..)
                    | FeedKind::Indeed
                    | FeedKind::FindAJob
                    | FeedKind::SearchIndex
            )
        )
    }

    /// Whether the output lists every vacancy at length, and so grows with the whole site: the
    /// feeds of all vacancies and the sitemap. These are many megabytes on a large site.
    pub fn is_whole_site(&self) -> bool {
        matches!(
            self,
            Subject::Feed(
                FeedKind::VacancyRss(Scope::All)
                    | FeedKind::VacancyJson(Scope::All, _)
                    | FeedKind::SearchIndex
                    | FeedKind::Indeed
                    | FeedKind::FindAJob
                    | FeedKind::Sitemap
                    | FeedKind::SitemapPart(_)
            )
        )
    }
}

/// What an output shows besides the site's settings, theme and non-vacancy content (a change to
/// any of those rebuilds everything): the preview re-renders an output after a vacancy edit only
/// when the edit touches one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependencies<'a> {
    /// The one vacancy it shows.
    pub vacancy: Option<&'a str>,
    /// The campaign whose details and open vacancies it shows (by stem).
    pub campaign: Option<&'a str>,
    /// Whether it lists or counts open vacancies: listings, the home page, feeds, the sitemap.
    pub open_set: bool,
}

impl Dependencies<'_> {
    /// Only the site's settings and theme.
    pub const NONE: Dependencies<'static> = Dependencies { vacancy: None, campaign: None, open_set: false };
    /// The open vacancies: listings, the home page, feeds, the sitemap.
    pub const OPEN_SET: Dependencies<'static> = Dependencies { vacancy: None, campaign: None, open_set: true };

    /// Whether `change` can alter the output.
    pub fn touched_by(&self, change: &Change) -> bool {
        (self.open_set && change.open_set)
            || self.vacancy.is_some_and(|v| change.vacancies.contains(v))
            || self.campaign.is_some_and(|c| change.campaigns.contains(c))
    }
}

/// What changed between two plans of the same site when only vacancy files changed. Ordered sets:
/// the preview asks of every planned page whether its vacancy is among a handful, and comparing
/// with a few names costs less than hashing 10,000.
#[derive(Debug, Default)]
pub struct Change {
    /// Vacancies edited, added or removed, or whose status (open, closed, hidden) moved on.
    pub vacancies: BTreeSet<String>,
    /// Campaigns such a vacancy belonged to before or belongs to now.
    pub campaigns: BTreeSet<String>,
    /// Whether any such vacancy was or is published (so listings and feeds may differ).
    pub open_set: bool,
}

impl Change {
    /// The change from the site `before` (at its rules) to `after` when the vacancy files
    /// `edited` (stems) changed. Vacancies that were not edited are the same values, so only
    /// their status can have moved on (time passes between rebuilds): no maps, one pass.
    pub fn between(edited: &[String], before: (&Library, &Rules), after: (&Library, &Rules)) -> Change {
        let find =
            |library: &'_ Library, stem: &str| library.vacancy_position(stem).map(|i| library.vacancies[i].clone());
        let visible = |v: &Vacancy, rules: &Rules| vacancy_status(v, rules) != Status::Hidden;
        let mut change = Change::default();
        for stem in edited {
            let (old, new) = (find(before.0, stem), find(after.0, stem));
            let seen = old.as_deref().is_some_and(|v| visible(v, before.1))
                || new.as_deref().is_some_and(|v| visible(v, after.1));
            change.open_set |= seen;
            for v in old.iter().chain(new.iter()) {
                if let Some(c) = &v.campaign {
                    change.campaigns.insert(c.value.clone());
                }
            }
            change.vacancies.insert(stem.clone());
        }
        for v in &after.0.vacancies {
            if vacancy_status(v, before.1) != vacancy_status(v, after.1) && !change.vacancies.contains(&v.stem) {
                change.open_set = true;
                if let Some(c) = &v.campaign {
                    change.campaigns.insert(c.value.clone());
                }
                change.vacancies.insert(v.stem.clone());
            }
        }
        change
    }
}

/// One file to write.
#[derive(Debug, Clone)]
pub struct Output<'a> {
    /// Path under the output folder, with forward slashes (`jobs/x/index.html`); shared, not
    /// copied, by the plan's index and the preview's files.
    pub path: Arc<str>,
    pub subject: Subject<'a>,
    /// What it shows, for the preview's partial rebuilds.
    pub depends: Dependencies<'a>,
    /// Whether the sitemap lists the page (see [`Output::listed_path`]).
    pub listed: bool,
    /// When what it shows last changed: the sitemap's `lastmod` is its day in the site's time
    /// zone (worked out when the sitemap is written, not for every plan).
    pub lastmod: Option<jiff::Timestamp>,
}

impl Output<'_> {
    /// The page's address for the sitemap, without the leading `/` (`jobs/x/`), if it is listed:
    /// its file's path without `index.html` (every listed page's address ends in `/`).
    pub fn listed_path(&self) -> Option<&str> {
        self.listed.then(|| self.path.strip_suffix("index.html").unwrap_or(&self.path))
    }
}

/// A page at `site_path` (which ends in `/`), listed in the sitemap.
pub(crate) fn page<'a>(site_path: String, subject: Subject<'a>, depends: Dependencies<'a>) -> Output<'a> {
    debug_assert!(site_path.ends_with('/'), "{site_path}");
    Output { path: routes::output_file(&site_path).into(), subject, depends, listed: true, lastmod: None }
}

/// A generated file at `site_path`, not listed in the sitemap.
pub(crate) fn file<'a>(site_path: &str, subject: Subject<'a>, depends: Dependencies<'a>) -> Output<'a> {
    Output { path: routes::output_file(site_path).into(), subject, depends, listed: false, lastmod: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(now: &str) -> Rules {
        Rules { now: now.parse().unwrap(), drafts: false, internal: false }
    }

    #[test]
    fn a_change_counts_edited_vacancies_their_campaigns_and_vacancies_whose_time_came() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let (library, _) = crate::model::content::load(&root).unwrap();
        let (noon, midnight) = (rules("2026-11-22T12:00:00Z"), rules("2026-11-23T00:30:00Z"));

        let edited = Change::between(&["open-fostering".to_string()], (&library, &noon), (&library, &noon));
        assert_eq!(edited.vacancies, BTreeSet::from(["open-fostering".to_string()]));
        assert_eq!(edited.campaigns, BTreeSet::from(["spring".to_string()]));
        assert!(edited.open_set);

        // Nothing edited, but `closes-today` closed at midnight between the two rebuilds.
        let later = Change::between(&[], (&library, &noon), (&library, &midnight));
        assert!(later.vacancies.contains("closes-today"), "{later:?}");
        assert!(later.open_set);

        let hidden = Change::between(&["draft-role".to_string()], (&library, &noon), (&library, &noon));
        assert!(!hidden.open_set, "a draft's edit changes no listing");
        assert!(Dependencies::OPEN_SET.touched_by(&later) && !Dependencies::NONE.touched_by(&later));
    }

    #[test]
    fn an_edited_vacancy_is_found_whose_name_begins_another_vacancys_name() {
        // `role.md` comes after `role-1.md` … `role-9.md` among the files (`-` before `.`),
        // though `role` comes first among the names: the library is in file order.
        let dir = tempfile::tempdir().unwrap();
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        std::fs::copy(from.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
        let jobs = dir.path().join("content/jobs");
        std::fs::create_dir_all(&jobs).unwrap();
        let advert = std::fs::read_to_string(from.join("content/jobs/open-fostering.md")).unwrap();
        let stems = std::iter::once("role".to_string()).chain((1..10).map(|n| format!("role-{n}")));
        for (n, stem) in stems.enumerate() {
            let text = advert
                .replace("reference: T-001", &format!("reference: R-{n}"))
                .replace("campaign: spring\n", "")
                .replace("benefits: [pay]\n", "");
            std::fs::write(jobs.join(format!("{stem}.md")), text).unwrap();
        }
        let (library, _) = crate::model::content::load(dir.path()).unwrap();
        let noon = rules("2026-11-22T12:00:00Z");
        let edited = Change::between(&["role".to_string()], (&library, &noon), (&library, &noon));
        assert!(edited.open_set, "an open vacancy's edit changes the listings: {edited:?}");
    }
}
