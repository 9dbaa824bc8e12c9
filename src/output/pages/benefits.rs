//! The employment offer: every published benefit on one page.

use super::{typed, Base, Page};
use crate::model::publish::Selection;
use crate::output::pages::article_views::{brief, Brief};
use crate::output::pages::render::Renderer;
use crate::output::pages::site_view::PageMeta;
use crate::output::plan::{page, Dependencies, Output, PageKind, Subject};
use crate::output::routes;
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "benefits.html";

#[derive(Serialize)]
struct BenefitsPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    benefits: Vec<Brief<'a>>,
}

/// The page, when a benefit is published.
pub(crate) fn plan<'a>(selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    if selection.sections.benefits {
        out.push(page(routes::BENEFITS.to_string(), Subject::Page(PageKind::Benefits), Dependencies::NONE));
    }
}

pub(crate) fn context(r: &Renderer) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let meta = PageMeta::new(
        site,
        "Our offer to you",
        "Pay, support and benefits for social workers",
        routes::BENEFITS,
        "benefits",
    );
    let benefits = r.selection.benefits.iter().map(|b| brief(site, b)).collect();
    typed(TEMPLATE, &BenefitsPage { base: r.base(meta), benefits })
}
