//! What every page kind renders with (`Renderer`): the theme, library, selection and rules of one
//! plan, the site's view every template reads, the facet links and members made on first use, and
//! the cards kept for the day.

use crate::model::content::{Library, Vacancy};
use crate::model::publish::{Rules, Selection};
use crate::output::pages::cards::Cards;
use crate::output::pages::site_view::SiteView;
use crate::output::pages::views::Link;
use crate::output::routes::{self, Facet};
use serde::Serialize;
use std::sync::{Arc, OnceLock};
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
    /// The open vacancies with each value of each facet (by `Facet as usize`), each facet's made
    /// when first asked for: a team page rendered on request after a preview edit gathers the
    /// teams' members alone, not every facet's.
    pub(crate) members: [OnceLock<Vec<Vec<&'a Vacancy>>>; Facet::COUNT],
    /// Each vacancy's card as `card.html` renders it, made when a listing first shows it and
    /// shared by every other (a vacancy is on five or more listing pages), and by the preview's
    /// next plans while the vacancy and the day stay the same.
    pub(crate) cards: Arc<Cards>,
    /// The day of the plan's moment where the site is: the day its cards are made for.
    pub(crate) day: jiff::civil::Date,
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
        content_security_policy: crate::model::csp::policy(
            &site.policy_additions,
            &[site.absolute(routes::SEARCH_SCRIPT)],
        ),
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
        contact: site.organisation.contact.as_ref().map(crate::output::pages::site_view::RecruitmentContactView::new),
        social: site.organisation.social.iter().map(|s| Link { url: s.url.clone(), text: &s.name }).collect(),
        urls: crate::output::pages::site_view::SiteUrls::new(site),
    }
}

impl<'a> Renderer<'a> {
    /// The filter links with their counts, made on first use.
    pub(crate) fn facets(&self) -> &Vec<FacetLinks<'a>> {
        self.facets.get_or_init(|| facet_links(self.library, &self.selection))
    }

    /// The open vacancies with each value of `facet`, made on first use.
    pub(crate) fn members(&self, facet: Facet) -> &[Vec<&'a Vacancy>] {
        self.members[facet as usize].get_or_init(|| facet.members(&self.library.site, &self.selection.open))
    }

    /// The rest of `v`'s card after its heading, as the theme's `card.html` renders it: made once,
    /// so a listing page of fifty costs fifty lookups, not fifty renderings (as Hugo's
    /// `partialCached`). The card depends only on the vacancy, the site's settings and theme, and
    /// the day, all fixed for the renderer's life.
    pub(crate) fn card_html(&self, v: &'a Vacancy) -> Result<Arc<str>, tera::Error> {
        if let Some(html) = self.cards.get(v, self.day) {
            return Ok(html);
        }
        let html: Arc<str> = self.render_card(v)?.into();
        Ok(match self.library.shared(v) {
            Some(vacancy) => self.cards.keep(vacancy, self.day, html),
            None => html,
        })
    }

    fn render_card(&self, v: &'a Vacancy) -> Result<String, tera::Error> {
        let mut context = tera::Context::new();
        context.insert("vacancy", &crate::output::pages::views::vacancy_card(v, self.library, self.rules));
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
        .map(|facet| {
            // Counted in one pass over the open vacancies, not one pass per value.
            let counts = facet.counts(site, &selection.open);
            FacetLinks {
                label: facet.label(),
                param: facet.param(),
                links: facet
                    .values(site)
                    .into_iter()
                    .zip(counts)
                    .map(|((name, slug), count)| FacetLink {
                        name,
                        url: site.path(&routes::facet(*facet, &slug, 1)),
                        value: slug,
                        count,
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::content::Library;
    use crate::model::publish::Rules;
    use crate::output::prepared::Prepared;
    use crate::output::theme::Theme;
    use std::path::Path;
    use std::sync::Arc;

    fn basic() -> (Library, Arc<Theme>) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let (library, _) = crate::model::content::load(&root).unwrap();
        let theme = crate::output::theme::load(&root, &library.site).unwrap();
        (library, Arc::new(theme))
    }

    fn at(now: &str) -> Rules {
        Rules { now: now.parse().unwrap(), drafts: false, internal: false }
    }

    /// The card of open vacancy `stem` in `prepared`.
    fn card(prepared: &Prepared, stem: &str) -> Arc<str> {
        prepared.with(|planned| {
            let r = &planned.renderer;
            r.card_html(r.selection.open.iter().find(|v| v.stem == stem).unwrap()).unwrap()
        })
    }

    #[test]
    fn a_card_is_rendered_once_and_every_listing_shares_it() {
        let (library, theme) = basic();
        let prepared = Prepared::plan(library, theme, at("2026-11-22T12:00:00Z"));
        prepared.with(|planned| {
            let r = &planned.renderer;
            let v = r.selection.open[0];
            let (first, again) = (r.card_html(v).unwrap(), r.card_html(v).unwrap());
            assert!(Arc::ptr_eq(&first, &again), "the same bytes, kept once");
            assert!(first.contains(&format!("<dd>{}</dd>", r.library.site.teams[v.team].name)), "{first}");
            assert!(
                first.trim_end().ends_with("</p>") && !first.contains("card-title"),
                "the heading is the listing's"
            );
        });
    }

    #[test]
    fn the_preview_keeps_the_cards_of_vacancies_not_edited_for_the_rest_of_the_day() {
        let (library, theme) = basic();
        let before = Prepared::plan(library.clone(), theme.clone(), at("2026-11-22T12:00:00Z"));
        let (kept, edited) = (card(&before, "escaping"), card(&before, "open-fostering"));

        // `open-fostering` edited: moved to the other team.
        let mut after = library;
        let i = after.vacancy_position("open-fostering").unwrap();
        let mut moved = (*after.vacancies[i]).clone();
        moved.team = (moved.team + 1) % after.site.teams.len();
        let team = after.site.teams[moved.team].name.clone();
        after.vacancies[i] = Arc::new(moved);
        let next = Prepared::plan_keeping(after.clone(), theme.clone(), at("2026-11-22T18:00:00Z"), before.cards());
        assert!(Arc::ptr_eq(&card(&next, "escaping"), &kept), "a card not edited is not made again");
        let remade = card(&next, "open-fostering");
        let shown = format!("<dd>{}</dd>", team.replace('&', "&amp;"));
        assert!(remade.contains(&shown) && *remade != *edited, "{remade}");

        // The next day every card is made again, as a plan of its own makes it.
        let tomorrow = at("2026-11-23T09:00:00Z");
        let later = Prepared::plan_keeping(after.clone(), theme.clone(), tomorrow, next.cards());
        let fresh = Prepared::plan(after, theme, tomorrow);
        assert!(!Arc::ptr_eq(&card(&later, "escaping"), &kept), "a card is made for its day");
        assert_eq!(card(&later, "escaping"), card(&fresh, "escaping"));
        assert_eq!(card(&later, "open-fostering"), card(&fresh, "open-fostering"));
    }
}
