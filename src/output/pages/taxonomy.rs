//! The pages of one value of a facet (a team, level, location or contract type): its open
//! vacancies page by page, with the filters; teams and levels announce their own feeds.

use super::jobs::page_of;
use super::{typed, Base, Page};
use crate::model::content::Library;
use crate::model::publish::Selection;
use crate::output::pages::render::{FacetLinks, Renderer};
use crate::output::pages::site_view::PageMeta;
use crate::output::pages::views::{self, ListedCard, Pagination};
use crate::output::plan::{page, Dependencies, Output, PageKind, Subject};
use crate::output::routes::{self, Facet, Scope};
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "taxonomy.html";

#[derive(Serialize)]
struct TaxonomyPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    facet: &'static str,
    name: &'a str,
    vacancies: Vec<ListedCard<'r>>,
    pagination: Pagination,
    facets: &'r [FacetLinks<'a>],
}

/// Every value of every facet has at least one page, which may say none is open.
pub(crate) fn plan<'a>(library: &Library, selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    let site = &library.site;
    for &facet in Facet::of(site) {
        let counts = facet.counts(site, &selection.open);
        for (i, (_, slug)) in facet.values(site).iter().enumerate() {
            for n in 1..=routes::page_count(counts[i], site.page_size) {
                out.push(page(
                    routes::facet(facet, slug, n),
                    Subject::Page(PageKind::Facet(facet, i, n)),
                    Dependencies::OPEN_SET,
                ));
            }
        }
    }
}

pub(crate) fn context<'a>(r: &Renderer<'a>, facet: Facet, i: usize, n: usize) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let values = facet.values(site);
    let (name, slug) = &values[i];
    let list = &r.members(facet)[i];
    let pagination = views::pagination(site, &routes::facet(facet, slug, 1), n, list.len());
    let title = format!("{name} vacancies");
    let mut meta = PageMeta::new(
        site,
        &title,
        format!("Open roles: {} {name}", facet.label().to_lowercase()),
        &routes::facet(facet, slug, n),
        "jobs",
    );
    match facet {
        Facet::Team => meta = meta.with_vacancy_feeds(site, Scope::Team(i)),
        Facet::Level => meta = meta.with_vacancy_feeds(site, Scope::Level(i)),
        Facet::Location | Facet::Contract | Facet::Council => {}
    }
    let meta = meta.with_pagination(site, &pagination);
    typed(
        TEMPLATE,
        &TaxonomyPage {
            base: r.base(meta),
            facet: facet.label(),
            name: values[i].0,
            vacancies: r.cards(page_of(list, n, site.page_size))?,
            pagination,
            facets: r.facets(),
        },
    )
}
