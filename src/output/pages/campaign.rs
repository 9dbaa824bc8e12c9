//! A campaign's page: its details and dates, and the open vacancies that joined it.

use super::{typed, Base, Page};
use crate::model::content::Campaign;
use crate::model::publish::Selection;
use crate::output::pages::render::Renderer;
use crate::output::pages::site_view::PageMeta;
use crate::output::pages::views::{self, CampaignView, ListedCard};
use crate::output::plan::{page, Dependencies, Output, PageKind, Subject};
use crate::output::routes;
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "campaign.html";

#[derive(Serialize)]
struct CampaignPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    campaign: CampaignView<'a>,
    /// When its open roles close: one date, or the first and last when they differ.
    closing: Option<String>,
    vacancies: Vec<ListedCard<'r>>,
}

/// When the open roles close: "7 January 2027", or "between 7 January 2027 and 21 January 2027"
/// when they differ; rolling roles have no date, so a campaign of rolling roles shows none.
fn closing_dates(open: &[&crate::model::content::Vacancy]) -> Option<String> {
    let dates = || open.iter().filter_map(|v| v.closes.on());
    let (first, last) = (dates().min_by_key(|m| m.date())?, dates().max_by_key(|m| m.date())?);
    let long = crate::input::dates::long_moment;
    Some(if first.date() == last.date() { long(first) } else { format!("between {} and {}", long(first), long(last)) })
}

/// Each published campaign; it shows the vacancies that name it.
pub(crate) fn plan<'a>(selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    for c in &selection.campaigns {
        let depends = Dependencies { campaign: Some(&c.stem), ..Dependencies::NONE };
        out.push(page(routes::campaign(&c.stem), Subject::Page(PageKind::Campaign(c)), depends));
    }
}

pub(crate) fn context<'a>(r: &Renderer<'a>, c: &'a Campaign) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let open = r.selection.open_in_campaign(&c.stem);
    let mut meta = PageMeta::new(site, &c.title, &c.summary, &routes::campaign(&c.stem), "jobs").with_draft(c.draft);
    if let Some(image) = &c.image {
        if let Some(raster) = crate::output::pages::views::share_image(site, image) {
            meta.image = Some(raster);
        }
    }
    typed(
        TEMPLATE,
        &CampaignPage {
            base: r.base(meta),
            campaign: views::campaign_view(site, c, open.len()),
            closing: closing_dates(open),
            vacancies: r.cards(open)?,
        },
    )
}
