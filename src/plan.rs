//! Lists every file a build writes, as data: pages, sitemap, robots.txt, 404 and static files.

use crate::config::Site;
use crate::content::{Campaign, Contract, Library, News, Page, Story, Vacancy};
use crate::feeds::Scope;
use crate::publish::Selection;
use crate::theme::StaticFile;

/// The four ways of grouping vacancies, each with its own pages under `/jobs/<kind>/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    Team,
    Level,
    Location,
    Contract,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Team, Facet::Level, Facet::Location, Facet::Contract];

    /// The folder name under `/jobs/`.
    pub fn folder(self) -> &'static str {
        ["teams", "levels", "locations", "contracts"][self as usize]
    }

    /// "Team", for headings.
    pub fn label(self) -> &'static str {
        ["Team", "Level", "Location", "Contract"][self as usize]
    }

    /// Every value of this facet: (name, slug).
    pub fn values(self, site: &Site) -> Vec<(&str, String)> {
        match self {
            Facet::Team => site.teams.iter().map(|t| (t.name.as_str(), t.slug.clone())).collect(),
            Facet::Level => site.levels.iter().map(|t| (t.name.as_str(), t.slug.clone())).collect(),
            Facet::Location => site.locations.iter().map(|p| (p.name.as_str(), p.slug.clone())).collect(),
            Facet::Contract => Contract::ALL.iter().map(|c| (c.label(), c.name().to_string())).collect(),
        }
    }

    /// The vacancies of `list` with each value of this facet, in `list`'s order (a vacancy at
    /// several locations is in each).
    pub fn members<'a>(self, site: &Site, list: &[&'a Vacancy]) -> Vec<Vec<&'a Vacancy>> {
        let mut members = vec![Vec::new(); self.values(site).len()];
        for v in list {
            match self {
                Facet::Team => members[v.team].push(*v),
                Facet::Level => members[v.level].push(*v),
                Facet::Contract => members[v.contract as usize].push(*v),
                Facet::Location => v.locations.iter().for_each(|&i| members[i].push(*v)),
            }
        }
        members
    }

    /// Whether vacancy `v` has value number `i` of this facet.
    pub fn matches(self, v: &Vacancy, i: usize) -> bool {
        match self {
            Facet::Team => v.team == i,
            Facet::Level => v.level == i,
            Facet::Location => v.locations.contains(&i),
            Facet::Contract => v.contract as usize == i,
        }
    }
}

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

/// One file to write.
#[derive(Debug, Clone)]
pub struct Output<'a> {
    /// Path under the output folder, with forward slashes (`jobs/x/index.html`).
    pub path: String,
    pub content: Content<'a>,
    /// Site path listed in the sitemap, if the page belongs there.
    pub sitemap: Option<String>,
    /// `lastmod` for the sitemap (YYYY-MM-DD).
    pub lastmod: Option<String>,
}

/// How many pages a listing of `count` vacancies takes (at least one, which may say "none").
pub fn page_count(count: usize, page_size: usize) -> usize {
    count.div_ceil(page_size.max(1)).max(1)
}

/// The site path of page `n` of the listing at `first` (`/jobs/` → `/jobs/page/2/`).
pub fn paged(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

fn page<'a>(site_path: &str, content: Content<'a>) -> Output<'a> {
    Output {
        path: format!("{}index.html", site_path.trim_start_matches('/')),
        content,
        sitemap: Some(site_path.to_string()),
        lastmod: None,
    }
}

/// Every output of a build, in a fixed order (the order does not change the files written).
pub fn plan<'a>(library: &'a Library, selection: &Selection<'a>, statics: &'a [StaticFile]) -> Vec<Output<'a>> {
    let site = &library.site;
    let mut out = vec![page("/", Content::Home)];
    for n in 1..=page_count(selection.open.len(), site.page_size) {
        out.push(page(&paged("/jobs/", n), Content::Jobs(n)));
    }
    for v in &selection.open {
        let mut o = page(&format!("/jobs/{}/", v.stem), Content::Vacancy(v));
        o.lastmod = Some(v.posted.date().to_string());
        out.push(o);
    }
    for v in &selection.closed {
        let mut o = page(&format!("/jobs/{}/", v.stem), Content::ClosedVacancy(v));
        o.sitemap = None;
        out.push(o);
    }
    for facet in Facet::ALL {
        let members = facet.members(site, &selection.open);
        for (i, (_, slug)) in facet.values(site).iter().enumerate() {
            let count = members[i].len();
            for n in 1..=page_count(count, site.page_size) {
                out.push(page(&paged(&format!("/jobs/{}/{slug}/", facet.folder()), n), Content::Facet(facet, i, n)));
            }
        }
    }
    for c in &selection.campaigns {
        out.push(page(&format!("/campaigns/{}/", c.stem), Content::Campaign(c)));
    }
    if !selection.stories.is_empty() {
        out.push(page("/stories/", Content::Stories));
    }
    for s in &selection.stories {
        out.push(page(&format!("/stories/{}/", s.stem), Content::Story(s)));
    }
    if !selection.benefits.is_empty() {
        out.push(page("/benefits/", Content::Benefits));
    }
    if !library.news.is_empty() {
        out.push(page("/news/", Content::NewsList));
    }
    for n in &selection.news {
        let mut o = page(&format!("/news/{}/", n.stem), Content::NewsItem(n));
        o.lastmod = Some(n.date.date().to_string());
        out.push(o);
    }
    if !library.events.is_empty() {
        out.push(page("/events/", Content::Events));
    }
    for p in &selection.pages {
        out.push(page(&format!("/{}/", p.stem), Content::Page(p)));
    }
    let mut files = vec![
        ("404.html".to_string(), Content::NotFound),
        ("sitemap.xml".to_string(), Content::Sitemap),
        ("robots.txt".to_string(), Content::Robots),
        ("css/brand.css".to_string(), Content::BrandStyles),
        ("jobs/indeed.xml".to_string(), Content::Indeed),
        ("jobs/find-a-job.xml".to_string(), Content::FindAJob),
    ];
    let scopes = std::iter::once(Scope::All)
        .chain((0..site.teams.len()).map(Scope::Team))
        .chain((0..site.levels.len()).map(Scope::Level));
    for scope in scopes {
        let page = scope.page_path(site);
        let dir = page.trim_start_matches('/');
        files.push((format!("{dir}feed.xml"), Content::VacancyRss(scope)));
        files.push((format!("{dir}feed.json"), Content::VacancyJson(scope)));
    }
    if !library.news.is_empty() {
        files.push(("news/feed.xml".to_string(), Content::NewsRss));
    }
    for (path, content) in files {
        out.push(Output { path, content, sitemap: None, lastmod: None });
    }
    let generated: std::collections::HashSet<&str> = out.iter().map(|o| o.path.as_str()).collect();
    let extra: Vec<Output> = statics
        .iter()
        .filter(|s| !generated.contains(s.path.as_str()))
        .map(|s| Output { path: s.path.clone(), content: Content::Static(s), sitemap: None, lastmod: None })
        .collect();
    out.extend(extra);
    out
}
