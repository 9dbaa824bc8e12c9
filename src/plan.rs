//! Lists every file a build writes, as data: pages, sitemap, robots.txt, 404 and static files.

use crate::content::{Campaign, Library, News, Page, Story, Vacancy};
use crate::publish::Selection;
use crate::routes::{self, Facet, FeedFormat, Scope};
use crate::theme::StaticFile;

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

/// A page at `site_path`, listed in the sitemap.
fn page<'a>(site_path: String, content: Content<'a>) -> Output<'a> {
    Output { path: routes::output_file(&site_path), content, sitemap: Some(site_path), lastmod: None }
}

/// A generated file at `site_path`, not listed in the sitemap.
fn file<'a>(site_path: &str, content: Content<'a>) -> Output<'a> {
    Output { path: routes::output_file(site_path), content, sitemap: None, lastmod: None }
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
        .map(|s| Output { path: s.path.clone(), content: Content::Static(s), sitemap: None, lastmod: None })
        .collect();
    out.extend(extra);
    out
}
