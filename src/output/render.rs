//! Turns each planned output into bytes: feeds, the sitemap and generated files here, pages through
//! their kind's module in `pages` and the site's templates.

use crate::model::content::{Library, Vacancy};
use crate::model::publish::{Rules, Selection};
use crate::output::routes::{self, Facet};
use crate::output::views::{Link, SiteView};
use serde::Serialize;
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
        referrer_policy: crate::model::csp::REFERRER,
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
        contact: site.organisation.contact.as_ref().map(crate::output::site_view::RecruitmentContactView::new),
        social: site.organisation.social.iter().map(|s| Link { url: s.url.clone(), text: &s.name }).collect(),
        urls: crate::output::views::SiteUrls::new(site),
    }
}

impl<'a> Renderer<'a> {
    /// The filter links with their counts, made on first use.
    pub(crate) fn facets(&self) -> &Vec<FacetLinks<'a>> {
        self.facets.get_or_init(|| facet_links(self.library, &self.selection))
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
        Facet::of(&library.site).iter().map(|f| (*f, f.members(&library.site, &selection.open))).collect()
    }

    /// The site's brand colours as CSS custom properties: a file, so pages need no inline style.
    pub(crate) fn brand_styles(&self) -> String {
        let brand = &self.library.site.brand;
        format!(":root{{--brand:{};--brand-text:{};--focus:{}}}\n", brand.primary, brand.primary_text, brand.accent)
    }

    pub(crate) fn robots(&self) -> String {
        if self.rules.internal {
            return "# Internal build: not for search engines.\nUser-agent: *\nDisallow: /\n".to_string();
        }
        format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", self.library.site.absolute(routes::SITEMAP))
    }
}

/// One facet's filter links, with how many open roles each leads to.
#[derive(Serialize)]
pub(crate) struct FacetLinks<'a> {
    label: &'static str,
    /// The search's address parameter for this facet (`team`, `level`, `location`, `contract`).
    param: &'static str,
    links: Vec<FacetLink<'a>>,
}

#[derive(Serialize)]
struct FacetLink<'a> {
    name: &'a str,
    /// The value's slug, as the search's address carries it.
    value: String,
    url: String,
    count: usize,
}

/// The filter links with their counts, the same on every listing page; made once per plan.
pub(crate) fn facet_links<'a>(library: &'a Library, selection: &Selection<'a>) -> Vec<FacetLinks<'a>> {
    let site = &library.site;
    Facet::of(site)
        .iter()
        .map(|facet| FacetLinks {
            label: facet.label(),
            param: facet.param(),
            links: facet
                .values(site)
                .into_iter()
                .enumerate()
                .map(|(i, (name, slug))| FacetLink {
                    name,
                    url: site.path(&routes::facet(*facet, &slug, 1)),
                    value: slug,
                    count: selection.open.iter().filter(|v| facet.matches(v, i)).count(),
                })
                .collect(),
        })
        .collect()
}
