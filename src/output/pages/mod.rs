//! One module per page kind, each holding its plan entries (with what they depend on), its
//! template and its typed template context. This file holds what they share: the part of every
//! context that describes the site and the page, and the turn from a planned page into a context.

pub(crate) mod article_views;
pub(crate) mod benefits;
pub(crate) mod campaign;
pub(crate) mod cards;
pub(crate) mod events;
pub(crate) mod home;
pub(crate) mod jobs;
pub(crate) mod news;
pub(crate) mod page;
pub(crate) mod pay;
pub(crate) mod render;
pub(crate) mod site_view;
pub(crate) mod stories;
pub(crate) mod structured;
pub(crate) mod taxonomy;
pub(crate) mod vacancy;
pub(crate) mod views;

use crate::model::content::{Library, Vacancy};
use crate::model::publish::Selection;
use crate::output::pages::render::Renderer;
use crate::output::pages::site_view::{PageMeta, SiteView};
use crate::output::plan::{Output, PageKind, Subject};
use serde::Serialize;

/// What every page's context starts with: `site` and `page` in templates.
#[derive(Serialize)]
pub(crate) struct Base<'r, 'a> {
    pub site: &'r SiteView<'a>,
    pub page: PageMeta,
}

impl<'a> Renderer<'a> {
    /// The base of a page's context.
    pub(crate) fn base(&self, page: PageMeta) -> Base<'_, 'a> {
        Base { site: &self.site_view, page }
    }

    /// Vacancies as listed, each with its card as made once for the build.
    pub(crate) fn cards<'r, 'v>(
        &'r self,
        list: impl IntoIterator<Item = &'v &'a Vacancy>,
    ) -> Result<Vec<views::ListedCard<'r>>, tera::Error>
    where
        'a: 'v,
    {
        let site = &self.library.site;
        list.into_iter()
            .map(|&v| {
                Ok(views::ListedCard {
                    reference: &v.reference.value,
                    url: site.path(&crate::output::routes::vacancy(&v.stem)),
                    title: &v.title,
                    html: self.card_html(v)?,
                })
            })
            .collect()
    }
}

/// A template name and its context, ready for Tera.
pub(crate) type Page = (&'static str, tera::Context);

/// The template and context of a planned page (`None` for outputs no template makes).
pub(crate) fn context<'a>(r: &Renderer<'a>, content: &Subject<'a>) -> Option<Result<Page, tera::Error>> {
    let page = match content {
        Subject::Page(PageKind::Home) => home::context(r),
        Subject::Page(PageKind::Jobs(n)) => jobs::context(r, *n),
        Subject::Page(PageKind::Vacancy(v)) => vacancy::context(r, v, false),
        Subject::Page(PageKind::ClosedVacancy(v)) => vacancy::context(r, v, true),
        Subject::Page(PageKind::Facet(facet, i, n)) => taxonomy::context(r, *facet, *i, *n),
        Subject::Page(PageKind::Campaign(c)) => campaign::context(r, c),
        Subject::Page(PageKind::Stories) => stories::list_context(r),
        Subject::Page(PageKind::Story(s)) => stories::context(r, s),
        Subject::Page(PageKind::Benefits) => benefits::context(r),
        Subject::Page(PageKind::Pay) => pay::context(r),
        Subject::Page(PageKind::NewsList) => news::list_context(r),
        Subject::Page(PageKind::NewsItem(n)) => news::context(r, n),
        Subject::Page(PageKind::Events) => events::context(r),
        Subject::Page(PageKind::Page(p)) => page::context(r, p),
        Subject::Page(PageKind::NotFound) => page::not_found_context(r),
        _ => return None,
    };
    Some(page)
}

/// Turns a typed context into Tera's.
pub(crate) fn typed(template: &'static str, context: &impl Serialize) -> Result<Page, tera::Error> {
    Ok((template, tera::Context::from_serialize(context)?))
}

/// Every page of the site, in a fixed order (the sitemap lists them in this order).
pub(crate) fn plan<'a>(library: &'a Library, selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    home::plan(out);
    jobs::plan(library, selection, out);
    vacancy::plan(selection, out);
    taxonomy::plan(library, selection, out);
    campaign::plan(selection, out);
    stories::plan(selection, out);
    benefits::plan(selection, out);
    pay::plan(library, out);
    news::plan(selection, out);
    events::plan(selection, out);
    page::plan(selection, out);
}
