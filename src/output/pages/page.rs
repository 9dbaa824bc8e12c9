//! Plain pages (about, career pathways, refer a friend, …) and the page shown for an address
//! that does not exist.

use super::{typed, Base, Page};
use crate::model::publish::Selection;
use crate::output::pages::render::Renderer;
use crate::output::pages::site_view::PageMeta;
use crate::output::plan::{page, Dependencies, Output, PageKind, Subject};
use crate::output::routes;
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "page.html";
pub(crate) const NOT_FOUND_TEMPLATE: &str = "404.html";

#[derive(Serialize)]
struct PlainPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    body: &'a str,
}

/// Each published plain page.
pub(crate) fn plan<'a>(selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    for p in &selection.pages {
        out.push(page(routes::page(&p.stem), Subject::Page(PageKind::Page(p)), Dependencies::NONE));
    }
}

pub(crate) fn context<'a>(r: &Renderer<'a>, p: &'a crate::model::content::Page) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let meta = PageMeta::new(site, &p.title, &p.summary, &routes::page(&p.stem), "page").with_draft(p.draft);
    typed(TEMPLATE, &PlainPage { base: r.base(meta), body: &p.body.html })
}

pub(crate) fn not_found_context(r: &Renderer) -> Result<Page, tera::Error> {
    let mut meta = PageMeta::new(&r.library.site, "Page not found", "", routes::NOT_FOUND, "none");
    meta.noindex = true;
    typed(NOT_FOUND_TEMPLATE, &r.base(meta))
}
