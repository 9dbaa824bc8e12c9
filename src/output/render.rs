//! Turns each planned output into bytes: feeds, the sitemap and generated files here, pages through
//! their kind's module in `pages` and the site's templates.

use crate::model::content::{Library, Vacancy};
use crate::model::publish::{Rules, Selection};
use crate::output::routes::{self, Facet};
use crate::output::views::{Link, SiteView};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;
use tera::Tera;

/// The theme's template for the part of a vacancy's card after its heading.
pub(crate) const CARD_TEMPLATE: &str = "card.html";

/// How the error of a card that could not be made begins, so that it names `card.html`.
const CARD_FAILED: &str = "card.html could not make the card of";

/// Whether `e` is the error of a card that `card.html` could not make.
pub(crate) fn is_card_error(e: &tera::Error) -> bool {
    matches!(&e.kind, tera::ErrorKind::Msg(message) if message.starts_with(CARD_FAILED))
}

/// Everything rendering reads; shared by all outputs of one build.
pub struct Renderer<'a> {
    pub tera: &'a Tera,
    pub library: &'a Library,
    pub selection: Selection<'a>,
    pub rules: &'a Rules,
    pub site_view: SiteView<'a>,
    /// Filter links with counts, made on first use (only listing pages need them).
    pub(crate) facets: OnceLock<Vec<FacetLinks<'a>>>,
    /// The open vacancies with each value of each facet, made once per build.
    pub(crate) members: OnceLock<HashMap<Facet, Vec<Vec<&'a Vacancy>>>>,
    /// Each open vacancy's card as `card.html` renders it (by stem), each made when a listing
    /// first shows it and shared by every other: a vacancy is on five or more listing pages.
    pub(crate) cards: OnceLock<HashMap<&'a str, OnceLock<Box<str>>>>,
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
    pub(crate) fn members(&self) -> &HashMap<Facet, Vec<Vec<&'a Vacancy>>> {
        self.members.get_or_init(|| Renderer::facet_members(self.library, &self.selection))
    }

    /// The open vacancies with each value of each facet.
    pub fn facet_members(library: &Library, selection: &Selection<'a>) -> HashMap<Facet, Vec<Vec<&'a Vacancy>>> {
        Facet::of(&library.site).iter().map(|f| (*f, f.members(&library.site, &selection.open))).collect()
    }

    /// The rest of `v`'s card after its heading, as the theme's `card.html` renders it: made once
    /// per plan for an open vacancy, so a listing page of fifty costs fifty lookups, not fifty
    /// renderings (as Hugo's `partialCached`). The card depends only on the vacancy and the
    /// moment of the plan, both fixed for the renderer's life.
    pub(crate) fn card_html<'r>(&'r self, v: &'a Vacancy) -> Result<Cow<'r, str>, tera::Error> {
        let cards =
            self.cards.get_or_init(|| self.selection.open.iter().map(|o| (o.stem.as_str(), OnceLock::new())).collect());
        let Some(slot) = cards.get(v.stem.as_str()) else {
            return self.render_card(v).map(Cow::Owned);
        };
        if let Some(html) = slot.get() {
            return Ok(Cow::Borrowed(html));
        }
        // Two threads may render the same card at once; both get the same bytes, one is kept.
        let html = self.render_card(v)?;
        Ok(Cow::Borrowed(slot.get_or_init(|| html.into_boxed_str())))
    }

    fn render_card(&self, v: &'a Vacancy) -> Result<String, tera::Error> {
        let mut context = tera::Context::new();
        context.insert("vacancy", &crate::output::views::vacancy_card(v, self.library, self.rules));
        self.tera
            .render(CARD_TEMPLATE, &context)
            .map_err(|e| tera::Error::chain(format!("{CARD_FAILED} {}", v.stem), e))
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

#[cfg(test)]
mod tests {
    use crate::model::publish::Rules;
    use crate::output::prepared::Prepared;
    use std::borrow::Cow;
    use std::path::Path;
    use std::sync::Arc;

    #[test]
    fn a_card_is_rendered_once_and_every_listing_shares_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let (library, _) = crate::model::content::load(&root).unwrap();
        let theme = crate::output::theme::load(&root, &library.site).unwrap();
        let rules = Rules { now: "2026-11-22T12:00:00Z".parse().unwrap(), drafts: false, internal: false };
        let prepared = Prepared::plan(library, Arc::new(theme), rules);
        prepared.with(|planned| {
            let r = &planned.renderer;
            let v = r.selection.open[0];
            let (first, again) = (r.card_html(v).unwrap(), r.card_html(v).unwrap());
            match (&first, &again) {
                (Cow::Borrowed(a), Cow::Borrowed(b)) => assert!(std::ptr::eq(*a, *b), "the same bytes, kept once"),
                _ => panic!("an open vacancy's card is kept for the build"),
            }
            assert!(first.contains(&format!("<dd>{}</dd>", r.library.site.teams[v.team].name)), "{first}");
            assert!(
                first.trim_end().ends_with("</p>") && !first.contains("card-title"),
                "the heading is the listing's"
            );
        });
    }
}
