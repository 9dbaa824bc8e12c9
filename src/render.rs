//! Turns each planned output into bytes: builds the page's small context and renders its template.

use crate::article_views::{brief, event_view, news_view};
use crate::content::{Library, Vacancy};
use crate::dates;
use crate::diagnostics::Diagnostic;
use crate::feeds;
use crate::plan::{Content, Output};
use crate::publish::{Rules, Selection};
use crate::routes::{self, Facet, Scope};
use crate::sitemap::sitemap;
use crate::structured;
use crate::theme::{error_chain, StaticSource};
use crate::views::{self, Link, PageMeta, SiteView};
use serde::Serialize;
use tera::{Context, Tera};

/// Everything rendering reads; shared by all outputs of one build.
pub struct Renderer<'a> {
    pub tera: &'a Tera,
    pub library: &'a Library,
    pub selection: Selection<'a>,
    pub rules: &'a Rules,
    pub site_view: SiteView<'a>,
    /// Filter links with counts, made on first use (only listing pages need them).
    pub facets: std::sync::OnceLock<Vec<FacetLinks<'a>>>,
    /// The open vacancies with each value of each facet, made once per build.
    pub members: std::sync::OnceLock<std::collections::HashMap<Facet, Vec<Vec<&'a Vacancy>>>>,
}

/// How many closing-soon roles the home page shows, and within how many days.
const CLOSING_SOON_DAYS: i32 = 14;
const HOME_LIST: usize = 6;
/// How many open roles in the same team a closed vacancy's notice lists (the team page has all).
const SAME_TEAM_LIST: usize = 10;

pub fn site_view<'a>(library: &'a Library, selection: &Selection<'a>) -> SiteView<'a> {
    let site = &library.site;
    let page_url = |stem: &str| selection.page(stem).map(|p| site.path(&routes::page(&p.stem)));
    SiteView {
        title: &site.title,
        base_url: &site.base_url,
        root: site.path(routes::HOME),
        language: &site.language,
        organisation: &site.organisation.name,
        organisation_url: site.organisation.url.as_deref(),
        logo: site.organisation.logo.as_deref(),
        brand: &site.brand,
        content_security_policy: &site.content_security_policy,
        referrer_policy: crate::csp::REFERRER,
        menu: selection
            .pages
            .iter()
            .filter(|p| p.menu)
            .map(|p| Link { url: site.path(&routes::page(&p.stem)), text: &p.title })
            .collect(),
        register_interest: page_url("register-interest"),
        refer_a_friend: page_url("refer-a-friend"),
        accessibility: page_url("accessibility"),
        has_stories: selection.sections.stories,
        has_news: selection.sections.news,
        has_events: selection.sections.events,
        has_benefits: selection.sections.benefits,
    }
}

impl<'a> Renderer<'a> {
    /// The bytes of one output, or a message naming the template that failed.
    pub fn render(&self, output: &Output, plan: &[Output]) -> Result<Vec<u8>, Box<Diagnostic>> {
        match &output.content {
            Content::Sitemap => Ok(sitemap(&self.library.site, plan).into_bytes()),
            Content::VacancyRss(scope) => Ok(feeds::rss::vacancies(self.library, &self.selection, *scope).into_bytes()),
            Content::VacancyJson(scope) => Ok(feeds::json_feed::vacancies(self.library, &self.selection, *scope)),
            Content::Indeed => Ok(feeds::job_boards::indeed(self.library, &self.selection).into_bytes()),
            Content::FindAJob => {
                Ok(feeds::job_boards::find_a_job(self.library, &self.selection, self.rules).into_bytes())
            }
            Content::NewsRss => Ok(feeds::rss::news(self.library, &self.selection).into_bytes()),
            Content::Robots => Ok(self.robots().into_bytes()),
            Content::BrandStyles => Ok(self.brand_styles().into_bytes()),
            Content::Static(file) => match &file.source {
                StaticSource::Embedded(bytes) => Ok(bytes.to_vec()),
                StaticSource::Disk(path) => std::fs::read(path).map_err(|e| {
                    Box::new(Diagnostic::error(path.to_string_lossy(), format!("could not read this static file: {e}")))
                }),
            },
            content => {
                let (template, ctx) = self.page(content);
                self.tera.render(template, &ctx).map(String::into_bytes).map_err(|e| {
                    Box::new(Diagnostic::error(
                        format!("templates/{template}"),
                        format!("rendering {} failed: {}", output.path, error_chain(&e)),
                    ))
                })
            }
        }
    }

    fn context(&self, meta: PageMeta) -> Context {
        let mut ctx = Context::new();
        ctx.insert("site", &self.site_view);
        ctx.insert("page", &meta);
        ctx
    }

    fn cards<'v>(&self, list: impl IntoIterator<Item = &'v &'a Vacancy>) -> Vec<views::VacancyCard<'a>>
    where
        'a: 'v,
    {
        list.into_iter().map(|v| views::vacancy_card(v, self.library, self.rules)).collect()
    }

    fn page(&self, content: &Content) -> (&'static str, Context) {
        let site = &self.library.site;
        let sel = &self.selection;
        match content {
            Content::Home => {
                let mut ctx = self.context(
                    PageMeta::new(
                        site,
                        &site.title,
                        format!("Jobs and careers in children's services at {}", site.organisation.name),
                        routes::HOME,
                        "home",
                    )
                    .with_vacancy_feeds(site, Scope::All)
                    .with_jsonld(structured::home(site)),
                );
                let featured: Vec<_> = sel.open.iter().filter(|v| v.featured).take(HOME_LIST).collect();
                let tz = &site.timezone;
                let mut soon: Vec<&&Vacancy> = sel
                    .open
                    .iter()
                    .filter(|v| {
                        (v.closes.date() - self.rules.now.to_zoned(tz.clone()).date()).get_days() < CLOSING_SOON_DAYS
                    })
                    .collect();
                soon.sort_by(|a, b| (a.closes_at, &a.reference.value).cmp(&(b.closes_at, &b.reference.value)));
                soon.truncate(HOME_LIST);
                ctx.insert("featured", &self.cards(featured));
                ctx.insert("closing_soon", &self.cards(soon));
                ctx.insert("open_count", &sel.open.len());
                let campaigns: Vec<_> = sel
                    .campaigns
                    .iter()
                    .map(|c| views::campaign_view(site, c, sel.open_in_campaign(&c.stem).len()))
                    .filter(|c| c.open_count > 0)
                    .collect();
                ctx.insert("campaigns", &campaigns);
                ctx.insert("story", &sel.stories.first().map(|s| views::story_view(site, s)));
                ctx.insert("benefits", &sel.benefits.iter().take(3).map(|b| brief(site, b)).collect::<Vec<_>>());
                ("home.html", ctx)
            }
            Content::Jobs(n) => {
                let paging = views::pagination(site, routes::JOBS, *n, sel.open.len());
                let mut ctx = self.context(
                    PageMeta::new(
                        site,
                        "Current vacancies",
                        format!("Every open social work vacancy at {}", site.organisation.name),
                        &routes::jobs(*n),
                        "jobs",
                    )
                    .with_vacancy_feeds(site, Scope::All)
                    .with_pagination(site, &paging),
                );
                ctx.insert("vacancies", &self.cards(page_of(&sel.open, *n, site.page_size)));
                if *n == 1 {
                    ctx.insert("matrix", &self.matrix());
                }
                ctx.insert("pagination", &paging);
                ctx.insert("facets", self.facets());
                ("jobs.html", ctx)
            }
            Content::Vacancy(v) => ("vacancy.html", self.vacancy(v, false)),
            Content::ClosedVacancy(v) => ("vacancy.html", self.vacancy(v, true)),
            Content::Facet(facet, i, n) => {
                let values = facet.values(site);
                let (name, slug) = &values[*i];
                let first = routes::facet(*facet, slug, 1);
                let list: &[&Vacancy] = &self.members()[facet][*i];
                let paging = views::pagination(site, &first, *n, list.len());
                let path = routes::facet(*facet, slug, *n);
                let title = format!("{name} vacancies");
                let mut meta = PageMeta::new(
                    site,
                    &title,
                    format!("Open roles: {} {name}", facet.label().to_lowercase()),
                    &path,
                    "jobs",
                );
                match facet {
                    Facet::Team => meta = meta.with_vacancy_feeds(site, Scope::Team(*i)),
                    Facet::Level => meta = meta.with_vacancy_feeds(site, Scope::Level(*i)),
                    Facet::Location | Facet::Contract => {}
                }
                let mut ctx = self.context(meta.with_pagination(site, &paging));
                ctx.insert("facet", facet.label());
                ctx.insert("name", name);
                ctx.insert("vacancies", &self.cards(page_of(list, *n, site.page_size)));
                ctx.insert("pagination", &paging);
                ctx.insert("facets", self.facets());
                ("taxonomy.html", ctx)
            }
            Content::Campaign(c) => {
                let open = sel.open_in_campaign(&c.stem);
                let path = routes::campaign(&c.stem);
                let mut meta = PageMeta::new(site, &c.title, &c.summary, &path, "jobs");
                if let Some(image) = &c.image {
                    meta.image = Some(structured::absolute_asset(site, image));
                }
                let mut ctx = self.context(meta);
                ctx.insert("campaign", &views::campaign_view(site, c, open.len()));
                ctx.insert("vacancies", &self.cards(open));
                ("campaign.html", ctx)
            }
            Content::Stories => {
                let mut ctx = self.context(PageMeta::new(
                    site,
                    "Staff stories",
                    "Our social workers talk about their work",
                    routes::STORIES,
                    "stories",
                ));
                ctx.insert("stories", &sel.stories.iter().map(|s| views::story_view(site, s)).collect::<Vec<_>>());
                ("stories.html", ctx)
            }
            Content::Story(s) => {
                let path = routes::story(&s.stem);
                let mut meta = PageMeta::new(site, &s.title, &s.summary, &path, "stories");
                meta.kind = "article";
                if let Some(photo) = &s.photo {
                    meta.image = Some(structured::absolute_asset(site, photo));
                }
                let mut ctx = self.context(meta);
                ctx.insert("story", &views::story_view(site, s));
                ("story.html", ctx)
            }
            Content::Benefits => {
                let mut ctx = self.context(PageMeta::new(
                    site,
                    "Our offer to you",
                    "Pay, support and benefits for social workers",
                    routes::BENEFITS,
                    "benefits",
                ));
                ctx.insert("benefits", &sel.benefits.iter().map(|b| brief(site, b)).collect::<Vec<_>>());
                ("benefits.html", ctx)
            }
            Content::NewsList => {
                let mut ctx = self.context(
                    PageMeta::new(site, "News", "News from our children's services teams", routes::NEWS, "news")
                        .with_news_feed(site),
                );
                let items: Vec<_> = sel.news.iter().map(|n| news_view(site, n)).collect();
                ctx.insert("items", &items);
                ("news.html", ctx)
            }
            Content::NewsItem(n) => {
                let path = routes::news_item(&n.stem);
                let mut meta = PageMeta::new(site, &n.title, &n.summary, &path, "news").with_news_feed(site);
                meta.kind = "article";
                let mut ctx = self.context(meta);
                ctx.insert("item", &news_view(site, n));
                ("news_item.html", ctx)
            }
            Content::Events => {
                let mut ctx = self.context(PageMeta::new(
                    site,
                    "Events",
                    "Careers fairs, open days and assessment centres",
                    routes::EVENTS,
                    "events",
                ));
                let events: Vec<_> = sel.events.iter().map(|e| event_view(e)).collect();
                ctx.insert("events", &events);
                ("events.html", ctx)
            }
            Content::Page(p) => {
                let path = routes::page(&p.stem);
                let mut ctx = self.context(PageMeta::new(site, &p.title, &p.summary, &path, "page"));
                ctx.insert("body", &p.body.html);
                ("page.html", ctx)
            }
            _ => {
                let mut meta = PageMeta::new(site, "Page not found", "", routes::NOT_FOUND, "none");
                meta.noindex = true;
                ("404.html", self.context(meta))
            }
        }
    }

    fn vacancy(&self, v: &Vacancy, closed: bool) -> Context {
        let site = &self.library.site;
        let sel = &self.selection;
        let path = routes::vacancy(&v.stem);
        let mut meta = PageMeta::new(site, &v.title, &v.summary, &path, "jobs");
        meta.noindex = closed;
        if !closed {
            meta = meta.with_jsonld(vec![structured::job_posting(v, site)]);
        }
        let mut ctx = self.context(meta);
        ctx.insert("vacancy", &views::vacancy_card(v, self.library, self.rules));
        ctx.insert("closed", &closed);
        ctx.insert("closed_on", &dates::long_date(v.closes.date()));
        ctx.insert("body", &v.body.html);
        ctx.insert("posted", &dates::long_moment(&v.posted));
        ctx.insert("apply_url", &v.apply_url);
        ctx.insert(
            "contact",
            &v.contact.as_ref().map(|c| ContactView {
                name: c.name.as_deref(),
                email: c.email.as_deref(),
                phone: c.phone.as_deref(),
            }),
        );
        ctx.insert("shortlisting", &v.shortlisting.as_ref().map(dates::long_moment));
        ctx.insert("interviews", &views::moments(&v.interviews));
        let campaign = v.campaign.as_ref().and_then(|c| sel.campaign(&c.value));
        ctx.insert("campaign", &campaign.map(|c| views::campaign_view(site, c, sel.open_in_campaign(&c.stem).len())));
        let benefits: Vec<_> =
            v.benefits.iter().filter_map(|b| sel.benefit(&b.value)).map(|b| brief(site, b)).collect();
        ctx.insert("benefits", &benefits);
        ctx.insert("share", &views::share_links(&v.title, &site.absolute(&path)));
        if closed {
            let same_team: Vec<_> =
                sel.open.iter().filter(|o| o.team == v.team && o.stem != v.stem).take(SAME_TEAM_LIST).collect();
            ctx.insert("same_team", &self.cards(same_team));
        }
        ctx.insert("team_url", &site.path(&routes::facet(Facet::Team, &site.teams[v.team].slug, 1)));
        ctx
    }

    /// The roles open at each level in each type of team: rows are teams, columns are levels.
    fn matrix(&self) -> Matrix<'_> {
        let site = &self.library.site;
        // One pass over the open vacancies, in listing order, into their cells.
        let mut cells: Vec<Vec<Vec<Link>>> = vec![vec![Vec::new(); site.levels.len()]; site.teams.len()];
        for v in &self.selection.open {
            cells[v.team][v.level].push(Link { url: site.path(&routes::vacancy(&v.stem)), text: &v.title });
        }
        let rows = site
            .teams
            .iter()
            .zip(cells)
            .map(|(team, cells)| MatrixRow { team: views::term_link(site, team, Facet::Team), cells })
            .collect();
        Matrix { levels: site.levels.iter().map(|l| views::term_link(site, l, Facet::Level)).collect(), rows }
    }

    fn facets(&self) -> &Vec<FacetLinks<'a>> {
        self.facets.get_or_init(|| Renderer::facet_links(self.library, &self.selection))
    }

    fn members(&self) -> &std::collections::HashMap<Facet, Vec<Vec<&'a Vacancy>>> {
        self.members.get_or_init(|| Renderer::facet_members(self.library, &self.selection))
    }

    /// The open vacancies with each value of each facet.
    pub fn facet_members(
        library: &Library,
        selection: &Selection<'a>,
    ) -> std::collections::HashMap<Facet, Vec<Vec<&'a Vacancy>>> {
        Facet::ALL.iter().map(|f| (*f, f.members(&library.site, &selection.open))).collect()
    }

    /// The filter links with their counts, the same on every listing page; made once per build.
    pub fn facet_links(library: &'a Library, selection: &Selection<'a>) -> Vec<FacetLinks<'a>> {
        let site = &library.site;
        Facet::ALL
            .iter()
            .map(|facet| FacetLinks {
                label: facet.label(),
                links: facet
                    .values(site)
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, slug))| FacetLink {
                        name,
                        url: site.path(&routes::facet(*facet, &slug, 1)),
                        count: selection.open.iter().filter(|v| facet.matches(v, i)).count(),
                    })
                    .collect(),
            })
            .collect()
    }

    /// The site's brand colours as CSS custom properties: a file, so pages need no inline style.
    fn brand_styles(&self) -> String {
        let brand = &self.library.site.brand;
        format!(":root{{--brand:{};--brand-text:{};--focus:{}}}\n", brand.primary, brand.primary_text, brand.accent)
    }

    fn robots(&self) -> String {
        if self.rules.internal {
            return "# Internal build: not for search engines.\nUser-agent: *\nDisallow: /\n".to_string();
        }
        format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", self.library.site.absolute(routes::SITEMAP))
    }
}

/// The vacancies on page `n` (from 1) of a listing.
fn page_of<'v, 'a>(list: &'v [&'a Vacancy], n: usize, page_size: usize) -> &'v [&'a Vacancy] {
    let start = ((n - 1) * page_size).min(list.len());
    &list[start..(start + page_size).min(list.len())]
}

#[derive(Serialize)]
struct ContactView<'a> {
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

#[derive(Serialize)]
struct Matrix<'a> {
    levels: Vec<views::TermLink<'a>>,
    rows: Vec<MatrixRow<'a>>,
}

#[derive(Serialize)]
struct MatrixRow<'a> {
    team: views::TermLink<'a>,
    cells: Vec<Vec<Link<'a>>>,
}

#[derive(Serialize)]
pub struct FacetLinks<'a> {
    label: &'static str,
    links: Vec<FacetLink<'a>>,
}

#[derive(Serialize)]
struct FacetLink<'a> {
    name: &'a str,
    url: String,
    count: usize,
}
