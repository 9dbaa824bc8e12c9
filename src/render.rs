//! Turns each planned output into bytes: feeds, the sitemap and generated files here, pages through
//! their kind's module in `pages` and the site's templates.

use crate::content::{Library, Vacancy};
use crate::diagnostics::Diagnostic;
use crate::feeds;
use crate::pages::jobs::FacetLinks;
use crate::plan::{Output, Subject};
use crate::publish::{Rules, Selection};
use crate::routes::{self, Facet};
use crate::sitemap::sitemap;
use crate::theme::{error_chain, StaticSource};
use crate::views::{Link, SiteView};
use tera::Tera;

/// Everything rendering reads; shared by all outputs of one build.
pub struct Renderer<'a> {
    pub tera: &'a Tera,
    pub library: &'a Library,
    pub selection: Selection<'a>,
    pub rules: &'a Rules,
    pub site_view: SiteView<'a>,
    /// Filter links with counts, made on first use (only listing pages need them).
    pub(crate) facets: std::sync::OnceLock<Vec<FacetLinks<'a>>>,
    /// The open vacancies with each value of each facet, made once per build.
    pub(crate) members: std::sync::OnceLock<std::collections::HashMap<Facet, Vec<Vec<&'a Vacancy>>>>,
}

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
    pub fn render(&self, output: &Output<'a>, plan: &[Output]) -> Result<Vec<u8>, Box<Diagnostic>> {
        match &output.subject {
            Subject::Sitemap => Ok(sitemap(&self.library.site, plan).into_bytes()),
            Subject::VacancyRss(scope) => Ok(feeds::rss::vacancies(self.library, &self.selection, *scope).into_bytes()),
            Subject::VacancyJson(scope) => Ok(feeds::json_feed::vacancies(self.library, &self.selection, *scope)),
            Subject::Indeed => Ok(feeds::job_boards::indeed(self.library, &self.selection).into_bytes()),
            Subject::FindAJob => {
                Ok(feeds::job_boards::find_a_job(self.library, &self.selection, self.rules).into_bytes())
            }
            Subject::NewsRss => Ok(feeds::rss::news(self.library, &self.selection).into_bytes()),
            Subject::Robots => Ok(self.robots().into_bytes()),
            Subject::BrandStyles => Ok(self.brand_styles().into_bytes()),
            Subject::Static(file) => match &file.source {
                StaticSource::Embedded(bytes) => Ok(bytes.to_vec()),
                StaticSource::Disk(path) => std::fs::read(path).map_err(|e| {
                    Box::new(Diagnostic::error(path.to_string_lossy(), format!("could not read this static file: {e}")))
                }),
            },
            content => {
                let failed = |e: tera::Error, template: &str| {
                    Box::new(Diagnostic::error(
                        format!("templates/{template}"),
                        format!("rendering {} failed: {}", output.path, error_chain(&e)),
                    ))
                };
                let Some(page) = crate::pages::context(self, content) else {
                    return Err(Box::new(Diagnostic::error(&output.path, "no template makes this file")));
                };
                let (template, ctx) = page.map_err(|e| {
                    Box::new(Diagnostic::error(
                        &output.path,
                        format!("could not prepare this page: {}", error_chain(&e)),
                    ))
                })?;
                self.tera.render(template, &ctx).map(String::into_bytes).map_err(|e| failed(e, template))
            }
        }
    }

    /// The filter links with their counts, made on first use.
    pub(crate) fn facets(&self) -> &Vec<FacetLinks<'a>> {
        self.facets.get_or_init(|| crate::pages::jobs::facet_links(self.library, &self.selection))
    }

    /// The open vacancies with each value of each facet, made on first use.
    pub(crate) fn members(&self) -> &std::collections::HashMap<Facet, Vec<Vec<&'a Vacancy>>> {
        self.members.get_or_init(|| Renderer::facet_members(self.library, &self.selection))
    }

    /// The open vacancies with each value of each facet.
    pub fn facet_members(
        library: &Library,
        selection: &Selection<'a>,
    ) -> std::collections::HashMap<Facet, Vec<Vec<&'a Vacancy>>> {
        Facet::ALL.iter().map(|f| (*f, f.members(&library.site, &selection.open))).collect()
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
