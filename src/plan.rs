//! Lists every file a build writes, as data: pages, sitemap, robots.txt, 404 and static files.

use crate::content::{Campaign, Library, News, Page, Story, Vacancy};
use crate::publish::Selection;
use crate::routes::{self, Facet, FeedFormat, Scope};
use crate::theme::StaticFile;
use std::collections::{HashMap, HashSet};

/// What one output holds.
#[derive(Debug, Clone)]
pub enum Content<'a> {
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
    VacancyRss(Scope),
    VacancyJson(Scope),
    Indeed,
    FindAJob,
    NewsRss,
    Sitemap,
    Robots,
    /// `css/brand.css`: the brand colours from site.yaml.
    BrandStyles,
    Static(&'a StaticFile),
}

impl Content<'_> {
    /// Whether the output is a feed or the sitemap: made by jobsite itself, not by a template.
    pub fn is_feed(&self) -> bool {
        matches!(
            self,
            Content::VacancyRss(_)
                | Content::VacancyJson(_)
                | Content::Indeed
                | Content::FindAJob
                | Content::NewsRss
                | Content::Sitemap
        )
    }

    /// Whether the output lists every vacancy at length, and so grows with the whole site: the
    /// feeds of all vacancies and the sitemap. These are many megabytes on a large site.
    pub fn is_whole_site(&self) -> bool {
        matches!(
            self,
            Content::VacancyRss(Scope::All)
                | Content::VacancyJson(Scope::All)
                | Content::Indeed
                | Content::FindAJob
                | Content::Sitemap
        )
    }
}

/// What an output shows besides the site's settings, theme and non-vacancy content (a change to
/// any of those rebuilds everything): the preview re-renders an output after a vacancy edit only
/// when the edit touches one of these.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dependencies<'a> {
    /// The one vacancy it shows.
    pub vacancy: Option<&'a str>,
    /// The campaign whose details and open vacancies it shows (by stem).
    pub campaign: Option<&'a str>,
    /// Whether it lists or counts open vacancies: listings, the home page, feeds, the sitemap.
    pub open_set: bool,
}

impl Dependencies<'_> {
    /// Whether `change` can alter the output.
    pub fn touched_by(&self, change: &Change) -> bool {
        (self.open_set && change.open_set)
            || self.vacancy.is_some_and(|v| change.vacancies.contains(v))
            || self.campaign.is_some_and(|c| change.campaigns.contains(c))
    }
}

/// What changed between two plans of the same site when only vacancy files changed.
#[derive(Debug, Default)]
pub struct Change {
    /// Vacancies edited, added or removed, or whose status (open, closed, hidden) moved on.
    pub vacancies: HashSet<String>,
    /// Campaigns such a vacancy belonged to before or belongs to now.
    pub campaigns: HashSet<String>,
    /// Whether any such vacancy was or is published (so listings and feeds may differ).
    pub open_set: bool,
}

impl Change {
    /// The change from `before` to `after` when the vacancy files `edited` (stems) changed.
    pub fn between(edited: &[String], before: &Selection, after: &Selection) -> Change {
        let status = |s: &Selection| -> HashMap<String, bool> {
            let open = s.open.iter().map(|v| (v.stem.clone(), true));
            open.chain(s.closed.iter().map(|v| (v.stem.clone(), false))).collect()
        };
        let (old, new) = (status(before), status(after));
        let mut vacancies: HashSet<String> = edited.iter().cloned().collect();
        for stem in old.keys().chain(new.keys()) {
            if old.get(stem) != new.get(stem) {
                vacancies.insert(stem.clone());
            }
        }
        let open_set = vacancies.iter().any(|v| old.contains_key(v) || new.contains_key(v));
        let mut campaigns = HashSet::new();
        for selection in [before, after] {
            for v in selection.open.iter().chain(&selection.closed) {
                if let Some(c) = v.campaign.as_ref().filter(|_| vacancies.contains(&v.stem)) {
                    campaigns.insert(c.value.clone());
                }
            }
        }
        Change { vacancies, campaigns, open_set }
    }
}

/// One file to write.
#[derive(Debug, Clone)]
pub struct Output<'a> {
    /// Path under the output folder, with forward slashes (`jobs/x/index.html`).
    pub path: String,
    pub content: Content<'a>,
    /// What it shows, for the preview's partial rebuilds.
    pub depends: Dependencies<'a>,
    /// Site path listed in the sitemap, if the page belongs there.
    pub sitemap: Option<String>,
    /// `lastmod` for the sitemap (YYYY-MM-DD).
    pub lastmod: Option<String>,
}

/// What `content` shows, beyond the site's settings and theme.
fn dependencies<'a>(content: &Content<'a>) -> Dependencies<'a> {
    let campaign_of = |v: &'a Vacancy| v.campaign.as_ref().map(|c| c.value.as_str());
    match content {
        Content::Vacancy(v) => Dependencies { vacancy: Some(&v.stem), campaign: campaign_of(v), open_set: false },
        // A closed vacancy's notice lists open roles in the same team.
        Content::ClosedVacancy(v) => Dependencies { vacancy: Some(&v.stem), campaign: campaign_of(v), open_set: true },
        Content::Campaign(c) => Dependencies { campaign: Some(&c.stem), ..Dependencies::default() },
        Content::Home
        | Content::Jobs(_)
        | Content::Facet(..)
        | Content::VacancyRss(_)
        | Content::VacancyJson(_)
        | Content::Indeed
        | Content::FindAJob
        | Content::Sitemap => Dependencies { open_set: true, ..Dependencies::default() },
        Content::Stories
        | Content::Story(_)
        | Content::Benefits
        | Content::NewsList
        | Content::NewsItem(_)
        | Content::Events
        | Content::Page(_)
        | Content::NotFound
        | Content::NewsRss
        | Content::Robots
        | Content::BrandStyles
        | Content::Static(_) => Dependencies::default(),
    }
}

/// A page at `site_path`, listed in the sitemap.
fn page<'a>(site_path: String, content: Content<'a>) -> Output<'a> {
    let depends = dependencies(&content);
    Output { path: routes::output_file(&site_path), content, depends, sitemap: Some(site_path), lastmod: None }
}

/// A generated file at `site_path`, not listed in the sitemap.
fn file<'a>(site_path: &str, content: Content<'a>) -> Output<'a> {
    let depends = dependencies(&content);
    Output { path: routes::output_file(site_path), content, depends, sitemap: None, lastmod: None }
}

/// Every output of a build, in a fixed order (the order does not change the files written).
pub fn plan<'a>(library: &'a Library, selection: &Selection<'a>, statics: &'a [StaticFile]) -> Vec<Output<'a>> {
    let site = &library.site;
    let mut out = vec![page(routes::HOME.to_string(), Content::Home)];
    for n in 1..=routes::page_count(selection.open.len(), site.page_size) {
        out.push(page(routes::jobs(n), Content::Jobs(n)));
    }
    for v in &selection.open {
        let mut o = page(routes::vacancy(&v.stem), Content::Vacancy(v));
        o.lastmod = Some(v.posted.date().to_string());
        out.push(o);
    }
    for v in &selection.closed {
        let mut o = page(routes::vacancy(&v.stem), Content::ClosedVacancy(v));
        o.sitemap = None;
        out.push(o);
    }
    for facet in Facet::ALL {
        let members = facet.members(site, &selection.open);
        for (i, (_, slug)) in facet.values(site).iter().enumerate() {
            let count = members[i].len();
            for n in 1..=routes::page_count(count, site.page_size) {
                out.push(page(routes::facet(facet, slug, n), Content::Facet(facet, i, n)));
            }
        }
    }
    for c in &selection.campaigns {
        out.push(page(routes::campaign(&c.stem), Content::Campaign(c)));
    }
    if selection.sections.stories {
        out.push(page(routes::STORIES.to_string(), Content::Stories));
    }
    for s in &selection.stories {
        out.push(page(routes::story(&s.stem), Content::Story(s)));
    }
    if selection.sections.benefits {
        out.push(page(routes::BENEFITS.to_string(), Content::Benefits));
    }
    if selection.sections.news {
        out.push(page(routes::NEWS.to_string(), Content::NewsList));
    }
    for n in &selection.news {
        let mut o = page(routes::news_item(&n.stem), Content::NewsItem(n));
        o.lastmod = Some(n.date.date().to_string());
        out.push(o);
    }
    if selection.sections.events {
        out.push(page(routes::EVENTS.to_string(), Content::Events));
    }
    for p in &selection.pages {
        out.push(page(routes::page(&p.stem), Content::Page(p)));
    }
    out.push(file(routes::NOT_FOUND, Content::NotFound));
    out.push(file(routes::SITEMAP, Content::Sitemap));
    out.push(file(routes::ROBOTS, Content::Robots));
    out.push(file(routes::BRAND_STYLES, Content::BrandStyles));
    out.push(file(routes::INDEED, Content::Indeed));
    out.push(file(routes::FIND_A_JOB, Content::FindAJob));
    for scope in Scope::all(site) {
        out.push(file(&routes::feed(site, scope, FeedFormat::Rss), Content::VacancyRss(scope)));
        out.push(file(&routes::feed(site, scope, FeedFormat::Json), Content::VacancyJson(scope)));
    }
    if selection.sections.news {
        out.push(file(routes::NEWS_FEED, Content::NewsRss));
    }
    let generated: std::collections::HashSet<&str> = out.iter().map(|o| o.path.as_str()).collect();
    let extra: Vec<Output> = statics
        .iter()
        .filter(|s| !generated.contains(s.path.as_str()))
        .map(|s| Output {
            path: s.path.clone(),
            content: Content::Static(s),
            depends: Dependencies::default(),
            sitemap: None,
            lastmod: None,
        })
        .collect();
    out.extend(extra);
    out
}
